/**
 * Kernel constants and struct offsets of the `AF_PACKET` memory-mapped ring, from
 * `linux/if_packet.h`. One `as const` table per kernel struct; offsets are in bytes from the
 * start of the struct, fields are in host byte order unless the header says `__be16`.
 *
 * @module
 */

/** `TP_STATUS_KERNEL` (linux/if_packet.h): the block or frame belongs to the kernel. */
export const TP_STATUS_KERNEL = 0;
/** `TP_STATUS_USER`: the block or frame is ready for user space. */
export const TP_STATUS_USER = 1 << 0;
/** `TP_STATUS_COPY`: the frame was too long for the ring and was truncated (V2). */
export const TP_STATUS_COPY = 1 << 1;
/** `TP_STATUS_LOSING`: the kernel dropped packets since the last status read. */
export const TP_STATUS_LOSING = 1 << 2;
/** `TP_STATUS_CSUMNOTREADY`: the checksum is left to the hardware (outgoing offload). */
export const TP_STATUS_CSUMNOTREADY = 1 << 3;
/** `TP_STATUS_VLAN_VALID`: `tp_vlan_tci` holds a tag the kernel stripped. */
export const TP_STATUS_VLAN_VALID = 1 << 4;
/** `TP_STATUS_BLK_TMO`: the block was retired by its timer, not because it was full (V3). */
export const TP_STATUS_BLK_TMO = 1 << 5;
/** `TP_STATUS_VLAN_TPID_VALID`: `tp_vlan_tpid` holds the stripped tag's TPID. */
export const TP_STATUS_VLAN_TPID_VALID = 1 << 6;
/** `TP_STATUS_CSUM_VALID`: the checksum was verified by the hardware. */
export const TP_STATUS_CSUM_VALID = 1 << 7;
/** `TP_STATUS_TS_SOFTWARE`: the timestamp comes from the kernel's software clock. */
export const TP_STATUS_TS_SOFTWARE = 1 << 29;
/** `TP_STATUS_TS_RAW_HARDWARE`: the timestamp comes from the NIC (`1U << 31`, unsigned). */
export const TP_STATUS_TS_RAW_HARDWARE = 2 ** 31;

/** `TPACKET_V2` and `TPACKET_V3`, the `PACKET_VERSION` values of `enum tpacket_versions`. */
export const TPACKET_V2 = 1;
/** `TPACKET_V3`: block-based ring (`enum tpacket_versions`). */
export const TPACKET_V3 = 2;

/** `sll_pkttype` PACKET_HOST: addressed to this host. */
export const PACKET_HOST = 0;
/** `sll_pkttype` PACKET_BROADCAST: link-layer broadcast. */
export const PACKET_BROADCAST = 1;
/** `sll_pkttype` PACKET_MULTICAST: link-layer multicast. */
export const PACKET_MULTICAST = 2;
/** `sll_pkttype` PACKET_OTHERHOST: addressed to another host (seen in promiscuous mode). */
export const PACKET_OTHERHOST = 3;
/** `sll_pkttype` PACKET_OUTGOING: sent by this host. */
export const PACKET_OUTGOING = 4;

/** `TPACKET_ALIGNMENT`: frames and packet data start on 16-byte boundaries. */
export const TPACKET_ALIGNMENT = 16;

/**
 * `TPACKET_ALIGN(x)`: rounds a byte count up to {@linkcode TPACKET_ALIGNMENT}.
 *
 * @param n A byte count.
 * @returns `n` rounded up to a multiple of 16.
 * @example Align a header length
 * ```ts
 * import { tpacketAlign } from "./layout.ts";
 * import assert from "node:assert/strict";
 * assert.equal(tpacketAlign(48), 48);
 * assert.equal(tpacketAlign(52), 64);
 * ```
 */
export function tpacketAlign(n: number): number {
  return (n + TPACKET_ALIGNMENT - 1) & ~(TPACKET_ALIGNMENT - 1);
}

/**
 * `struct tpacket_block_desc` with its `struct tpacket_hdr_v1` (`hdr.bh1`): the header at the
 * start of every V3 block. `SIZE` is `sizeof(struct tpacket_block_desc)`.
 */
export const BLOCK_DESC = {
  VERSION: 0,
  OFFSET_TO_PRIV: 4,
  BLOCK_STATUS: 8,
  NUM_PKTS: 12,
  OFFSET_TO_FIRST_PKT: 16,
  BLK_LEN: 20,
  SEQ_NUM: 24,
  TS_FIRST_PKT_SEC: 32,
  TS_FIRST_PKT_NSEC: 36,
  TS_LAST_PKT_SEC: 40,
  TS_LAST_PKT_NSEC: 44,
  SIZE: 48,
} as const;

/** `struct tpacket3_hdr`: the header of every frame in a V3 block; `SIZE` is its sizeof. */
export const TP3 = {
  NEXT_OFFSET: 0,
  SEC: 4,
  NSEC: 8,
  SNAPLEN: 12,
  LEN: 16,
  STATUS: 20,
  MAC: 24,
  NET: 26,
  RXHASH: 28,
  VLAN_TCI: 32,
  VLAN_TPID: 36,
  SIZE: 48,
} as const;

/** `struct tpacket2_hdr`: the header of every V2 frame; `SIZE` is its sizeof. */
export const TP2 = {
  STATUS: 0,
  LEN: 4,
  SNAPLEN: 8,
  MAC: 12,
  NET: 14,
  SEC: 16,
  NSEC: 20,
  VLAN_TCI: 24,
  VLAN_TPID: 26,
  SIZE: 32,
} as const;

/**
 * `struct sockaddr_ll`, which the kernel writes at `TPACKET_ALIGN(sizeof(header))` in every
 * frame. `PROTOCOL` is big-endian (`__be16`), the rest host order; `SIZE` is its sizeof.
 */
export const SOCKADDR_LL = {
  FAMILY: 0,
  PROTOCOL: 2,
  IFINDEX: 4,
  HATYPE: 8,
  PKTTYPE: 10,
  HALEN: 11,
  ADDR: 12,
  SIZE: 20,
} as const;

/** `TPACKET3_HDRLEN`: aligned `tpacket3_hdr` plus `sockaddr_ll` (68). */
export const TPACKET3_HDRLEN: number = tpacketAlign(TP3.SIZE) + SOCKADDR_LL.SIZE;
/** `TPACKET2_HDRLEN`: aligned `tpacket2_hdr` plus `sockaddr_ll` (52). */
export const TPACKET2_HDRLEN: number = tpacketAlign(TP2.SIZE) + SOCKADDR_LL.SIZE;

/** `VLAN_TAG_LEN`: bytes of an 802.1Q tag (TPID + TCI). */
export const VLAN_TAG_LEN = 4;
/** `ETH_P_8021Q`: the TPID written back when the kernel gives none. */
export const ETH_P_8021Q = 0x8100;
/** Bytes of the two Ethernet MAC addresses the VLAN tag is inserted after. */
export const ETH_ADDRS_LEN = 12;
/** `SLL_HDR_LEN`: bytes of a `LINKTYPE_LINUX_SLL` cooked header. */
export const SLL_HDR_LEN = 16;
/** `SLL2_HDR_LEN`: bytes of a `LINKTYPE_LINUX_SLL2` cooked header. */
export const SLL2_HDR_LEN = 20;
/** `SLL_ADDRLEN`: bytes of the address field of both cooked headers. */
export const SLL_ADDRLEN = 8;

/**
 * `struct sll_header` (libpcap pcap/sll.h, `LINKTYPE_LINUX_SLL`), all fields big-endian.
 */
export const SLL = {
  PKTTYPE: 0,
  HATYPE: 2,
  HALEN: 4,
  ADDR: 6,
  PROTOCOL: 14,
} as const;

/**
 * `struct sll2_header` (libpcap pcap/sll.h, `LINKTYPE_LINUX_SLL2`), all fields big-endian.
 */
export const SLL2 = {
  PROTOCOL: 0,
  RESERVED: 2,
  IFINDEX: 4,
  HATYPE: 8,
  PKTTYPE: 10,
  HALEN: 11,
  ADDR: 12,
} as const;
