/**
 * What the capture-file reader hands out and takes: records, interfaces, options.
 *
 * @module
 */

import type { PacketRecord } from "../record.ts";

/**
 * One packet from a capture file, with the field names of a live capture's frame.
 *
 * @example A record read back from a file
 * ```ts
 * import { type PcapRecord, PcapReader, PcapWriter } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * const chunks: Uint8Array<ArrayBuffer>[] = [];
 * const writer = new PcapWriter(new WritableStream({ write: (c) => void chunks.push(c.slice()) }));
 * await writer.write({ data: new Uint8Array([1, 2, 3]), wireLen: 60, sec: 1, nsec: 5000 });
 * await writer.close();
 * const reader = await PcapReader.from(new Blob(chunks).stream());
 * const records: PcapRecord[] = [];
 * for await (const record of reader) records.push({ ...record, data: record.data.slice() });
 * assert.deepEqual(records, [
 *   { data: new Uint8Array([1, 2, 3]), wireLen: 60, sec: 1, nsec: 5000, ifIndex: 0, linkType: 1 },
 * ]);
 * ```
 */
export interface PcapRecord extends PacketRecord {
  /** Captured bytes. Unless the reader copies, valid only until the next record is read. */
  data: Uint8Array;
  /** Length of the packet on the wire in bytes (pcap `orig_len`, pcapng Original Packet Length). */
  wireLen: number;
  /** Timestamp: whole seconds since 1970-01-01 UTC. */
  sec: number;
  /**
   * Timestamp: nanoseconds within the second (0 to 999 999 999). A damaged classic pcap file
   * may hold more (kept, so `-r in -w out` writes it back as tcpdump does), or a fraction
   * field of 2³¹ or more, which libpcap reads as a negative number, and so does this reader.
   */
  nsec: number;
  /** Interface: 0 in classic pcap; the pcapng Interface ID within the section. */
  ifIndex: number;
  /** `LINKTYPE_*` number of the interface the packet came from. */
  linkType: number;
}

/**
 * Options of {@linkcode PcapReader.from} and {@linkcode PcapReader.open}.
 *
 * @example Copy every record so it can be kept
 * ```ts
 * import { PcapReader, type PcapReaderOptions, PcapWriter } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * const chunks: Uint8Array<ArrayBuffer>[] = [];
 * const writer = new PcapWriter(new WritableStream({ write: (c) => void chunks.push(c.slice()) }));
 * for (const sec of [1, 2]) await writer.write({ data: new Uint8Array(60).fill(sec), wireLen: 60, sec, nsec: 0 });
 * await writer.close();
 * const options: PcapReaderOptions = { name: "in.pcap", copy: true };
 * const kept = [];
 * for await (const r of await PcapReader.from(new Blob(chunks).stream(), options)) kept.push(r);
 * // Each record owns its bytes, not a view into the shared read buffer.
 * assert.notEqual(kept[0]?.data.buffer, kept[1]?.data.buffer);
 * assert.deepEqual(kept.map((r) => r.data[0]), [1, 2]);
 * ```
 */
export interface PcapReaderOptions {
  /** File name for error messages. @default the path given to `open()`, else none */
  name?: string;
  /** Give each record its own copy of the bytes instead of a view into the read buffer. @default false */
  copy?: boolean;
  /** Initial read buffer size in bytes; it grows for bigger records. @default DEFAULT_READ_BUFFER_SIZE */
  bufferSize?: number;
}

/**
 * Default read buffer size: 1 MiB, so most reads fetch thousands of records at once.
 *
 * @example
 * ```ts
 * import { DEFAULT_READ_BUFFER_SIZE } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * assert.equal(DEFAULT_READ_BUFFER_SIZE, 1048576);
 * ```
 */
export const DEFAULT_READ_BUFFER_SIZE = 1 << 20;

/**
 * Counters of a pcapng Interface Statistics Block; absent fields were not in the block.
 *
 * @example Read the statistics block a capture tool wrote at the end of a pcapng file
 * ```ts
 * import { type PcapInterfaceStats, PcapReader } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * const file = Uint8Array.fromHex(
 *   "0a0d0d0a1c0000004d3c2b1a01000000ffffffffffffffff1c000000" + // SHB
 *     "01000000140000000100000000000000" + "14000000" + // IDB: Ethernet
 *     "0500000034000000000000000000000000000000" + // ISB: interface 0, timestamp 0
 *     "04000800" + "0a00000000000000" + "05000800" + "0000000000000000" + "00000000" + "34000000",
 * );
 * const reader = await PcapReader.from(new Blob([file]).stream());
 * while (await reader.read());
 * const stats: PcapInterfaceStats | undefined = reader.interfaces[0]?.stats;
 * assert.deepEqual(stats, { received: 10, dropped: 0 }); // isb_ifrecv, isb_ifdrop
 * ```
 */
export interface PcapInterfaceStats {
  /** `isb_ifrecv`: packets received by the interface. */
  received?: number;
  /** `isb_ifdrop`: packets the interface dropped. */
  dropped?: number;
  /** `isb_filteraccept`: packets the capture filter accepted. */
  filterAccepted?: number;
  /** `isb_osdrop`: packets the operating system dropped. */
  osDropped?: number;
  /** `isb_usrdeliv`: packets delivered to the user. */
  userDelivered?: number;
}

/**
 * An interface of the file: the only one of a classic pcap file, or a pcapng Interface
 * Description Block of the current section.
 *
 * @example The single interface of a classic pcap file
 * ```ts
 * import { PcapReader } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * const header = Uint8Array.fromHex("d4c3b2a1020004000000000000000000ffff000001000000");
 * const reader = await PcapReader.from(new Blob([header]).stream());
 * assert.deepEqual(reader.interfaces[0], { linkType: 1, snapLen: 65535, tsResolution: 1e6, tsOffset: 0 });
 * ```
 */
export interface PcapInterface {
  /** `LINKTYPE_*` number. */
  linkType: number;
  /**
   * Snapshot length from the header or IDB, in bytes, as libpcap reports it: a 0 in the file
   * reads as the link type's maximum (262144 for most), a bigger value than that is kept.
   */
  snapLen: number;
  /** Timestamp units per second (`if_tsresol`): 1e6 for µs, 1e9 for ns, 2**n for binary ones. */
  tsResolution: number;
  /** `if_tsoffset`: seconds added to every timestamp. */
  tsOffset: number;
  /** `if_name`, when present. */
  name?: string;
  /** `if_description`, when present. */
  description?: string;
  /** The last Interface Statistics Block read for this interface. */
  stats?: PcapInterfaceStats;
}

/**
 * Capture file format: classic `pcap` or `pcapng`.
 *
 * @example Choose the output format
 * ```ts
 * import { type PcapFormat, PcapWriter } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * const format: PcapFormat = "pcapng";
 * const writer = new PcapWriter(new WritableStream(), { format });
 * await writer.close();
 * assert.equal(writer.bytesWritten, 44 + 32); // SHB with shb_userappl, IDB with if_tsresol
 * ```
 */
export type PcapFormat = "pcap" | "pcapng";

/**
 * Options of {@linkcode PcapReader.forEach}.
 *
 * @example Count records without an object per record
 * ```ts
 * import { PcapReader, PcapWriter } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * const chunks: Uint8Array<ArrayBuffer>[] = [];
 * const writer = new PcapWriter(new WritableStream({ write: (c) => void chunks.push(c.slice()) }));
 * for (const len of [60, 70]) writer.write({ data: new Uint8Array(len), wireLen: len, sec: 0, nsec: 0 });
 * await writer.close();
 * const reader = await PcapReader.from(new Blob(chunks).stream());
 * const seen = new Set<object>();
 * let bytes = 0;
 * await reader.forEach((r) => void (seen.add(r), bytes += r.data.length), { reuse: true });
 * assert.deepEqual([seen.size, bytes], [1, 130]);
 * ```
 */
export interface PcapForEachOptions {
  /**
   * Hand the same record object to every call (valid only during it), its `data` view made
   * only when read. @default false
   */
  reuse?: boolean;
}

/**
 * Options of {@linkcode PcapReader.scanRecords}: which records count, how many, and where the
 * stored bytes of the ones taken go.
 *
 * @example Copy the records of 60 bytes or more, as stored, to a writer
 * ```ts
 * import { PcapReader, PcapWriter, type PcapScanOptions } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * const chunks: Uint8Array<ArrayBuffer>[] = [];
 * const writer = new PcapWriter(new WritableStream({ write: (c) => void chunks.push(c.slice()) }));
 * for (const len of [60, 42, 70]) writer.write({ data: new Uint8Array(len), wireLen: len, sec: 0, nsec: 0 });
 * await writer.close();
 * const reader = await PcapReader.from(new Blob(chunks).stream());
 * const out: Uint8Array<ArrayBuffer>[] = [];
 * const copy = new PcapWriter(new WritableStream({ write: (c) => void out.push(c.slice()) }));
 * const options: PcapScanOptions = {
 *   accept: (_bytes, _start, capLen) => capLen >= 60,
 *   raw: (run) => void copy.writeRaw(run),
 * };
 * assert.equal(await reader.scanRecords(options), 2);
 * await copy.close();
 * assert.equal(new Blob(out).size, 24 + 16 + 60 + 16 + 70);
 * ```
 */
export interface PcapScanOptions {
  /**
   * Picks records by their bytes: the read buffer, where the record's data starts in it, its
   * captured length (already cut to the snaplen), its length on the wire and its link type.
   * Called during the scan; the bytes are valid only during the call. @default every record
   */
  accept?: (
    bytes: Uint8Array,
    start: number,
    capLen: number,
    wireLen: number,
    linkType: number,
  ) => boolean;
  /**
   * Receives each record taken as one reused record object (as `forEach`'s `reuse: true`):
   * valid only during the call, its `data` view made only when read. Returning `false` stops
   * the scan after that record. Not with `raw`. @default none
   */
  each?: (record: PcapRecord) => boolean | void;
  /** Stop once this many records were taken; 0 for no limit. @default 0 */
  max?: number;
  /**
   * Receives the records taken exactly as the file stores them (record headers included), in
   * runs of consecutive records; a run is a view valid only during the call. Only for a file
   * whose {@linkcode PcapReader.recordLayout} is known. A record longer than `snapLen` (or
   * than the file's snaplen) comes with its header's captured length cut, as libpcap reads it.
   * @default none
   */
  raw?: (run: Uint8Array) => void;
  /**
   * With `raw` on a pcapng file: the classic pcap records `raw` receives instead. Each packet
   * block is rewritten in place in the read buffer into a 16-byte record header of this byte
   * order and precision and its data, consecutive ones in one run, as `PcapWriter.write()`
   * would encode them: no object per record. A packet of another link type stops the scan with
   * a `RangeError`, after the records before it were handed over (a pcap file has one).
   * Required for pcapng; for a classic pcap file it must equal its
   * {@linkcode PcapReader.recordLayout}. @default none
   */
  layout?: PcapRecordLayout & { readonly linkType: number };
  /** Cut records to this many bytes, as a writer with this snaplen would. @default none */
  snapLen?: number;
}

/**
 * How a classic pcap file stores its records, when a writer can copy them as they are:
 * 16-byte record headers with the lengths in order (version 2.4), in `littleEndian` order,
 * with micro- or `nanoseconds` fractions. See {@linkcode PcapReader.recordLayout}.
 *
 * @example The layout of a file written here
 * ```ts
 * import { PcapReader, PcapWriter, type PcapRecordLayout } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * const chunks: Uint8Array<ArrayBuffer>[] = [];
 * await new PcapWriter(new WritableStream({ write: (c) => void chunks.push(c.slice()) })).close();
 * const reader = await PcapReader.from(new Blob(chunks).stream());
 * const layout: PcapRecordLayout | undefined = reader.recordLayout;
 * assert.deepEqual(layout, { littleEndian: true, nanoseconds: false });
 * ```
 */
export interface PcapRecordLayout {
  /** Header fields are little-endian (as `PcapWriter` writes them). */
  readonly littleEndian: boolean;
  /** Timestamp fractions are nanoseconds (magic `a1b23c4d`), else microseconds. */
  readonly nanoseconds: boolean;
}
