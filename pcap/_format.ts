/**
 * Layouts and constants of the pcap and pcapng file formats, shared by the
 * reader and the writer. Private: the public face is `pcap/mod.ts`.
 *
 * pcap: tcpdump.org/manpages/pcap-savefile.5.html, draft-ietf-opsawg-pcap.
 * pcapng: draft-ietf-opsawg-pcapng (sections 4.1 to 4.6).
 *
 * @module
 */

/** Magic numbers of the classic pcap file header, as read in the writer's byte order. */
export const PCAP_MAGIC = {
  /** Timestamps in seconds and microseconds. */
  MICRO: 0xa1b2c3d4,
  /** Timestamps in seconds and nanoseconds. */
  NANO: 0xa1b23c4d,
  /** Alexey Kuznetzov's patched libpcap: 8 more bytes per record header (µs). */
  KUZNETZOV: 0xa1b2cd34,
} as const;

/** Byte offsets of the 24-byte pcap file header fields. */
export const PCAP_HEADER_FIELD = {
  MAGIC: 0,
  VERSION_MAJOR: 4,
  VERSION_MINOR: 6,
  THISZONE: 8,
  SIGFIGS: 12,
  SNAPLEN: 16,
  LINKTYPE: 20,
} as const;
/** Length of the pcap file header in bytes. */
export const PCAP_HEADER_LEN = 24;

/** Byte offsets of the 16-byte pcap record header fields. */
export const PCAP_RECORD_FIELD = { TS_SEC: 0, TS_FRAC: 4, INCL_LEN: 8, ORIG_LEN: 12 } as const;
/** Length of the pcap record header in bytes (24 with the Kuznetzov magic). */
export const PCAP_RECORD_HEADER_LEN = 16;

/** pcapng block type codes. */
export const PCAPNG_BLOCK = {
  SHB: 0x0a0d0d0a,
  IDB: 0x00000001,
  OPB: 0x00000002,
  SPB: 0x00000003,
  NRB: 0x00000004,
  ISB: 0x00000005,
  EPB: 0x00000006,
} as const;

/** The Section Header Block's byte-order magic. */
export const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;

/** pcapng option codes used here (generic, SHB, IDB and ISB). */
export const PCAPNG_OPTION = {
  END: 0,
  SHB_USERAPPL: 4,
  IF_NAME: 2,
  IF_DESCRIPTION: 3,
  IF_TSRESOL: 9,
  IF_TSOFFSET: 14,
  ISB_STARTTIME: 2,
  ISB_ENDTIME: 3,
  ISB_IFRECV: 4,
  ISB_IFDROP: 5,
  ISB_FILTERACCEPT: 6,
  ISB_OSDROP: 7,
  ISB_USRDELIV: 8,
} as const;

/** libpcap's MAXIMUM_SNAPLEN: the largest packet most link types may record. */
export const MAXIMUM_SNAPLEN = 262144;

/**
 * libpcap's `max_snaplen_for_dlt()`: a few link types carry bigger packets.
 * Longer records are corrupt, which keeps a huge length field from allocating.
 */
export function maxSnapLenForLinkType(linkType: number): number {
  switch (linkType) {
    case 231: // DBUS: messages up to 128 MiB
      return 128 * 1024 * 1024;
    case 279: // EBHSCR
      return 8 * 1024 * 1024;
    case 249: // USBPCAP
      return 1024 * 1024;
    default:
      return MAXIMUM_SNAPLEN;
  }
}

/** Largest pcapng block we accept: packet plus generous room for options. */
export function maxBlockLen(maxSnapLen: number): number {
  return 32 + maxSnapLen + 131072;
}

/** Rounds up to a multiple of 4 (pcapng pads data and options to 32 bits). */
export function pad4(n: number): number {
  return (n + 3) & ~3;
}
