/**
 * Capture files: read classic pcap (both byte orders, µs and ns) and pcapng (several
 * sections, interfaces, link types and timestamp resolutions), write either, stream
 * from stdin and to stdout, and rotate files like `tcpdump -C/-G/-W`.
 *
 * @example Copy a capture, keeping only the short packets
 * ```ts
 * import { PcapReader, PcapWriter } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * const chunks: Uint8Array<ArrayBuffer>[] = [];
 * const source = new PcapWriter(new WritableStream({ write: (c) => void chunks.push(c.slice()) }), { format: "pcapng" });
 * for (const len of [60, 1514, 64]) source.write({ data: new Uint8Array(len), wireLen: len, sec: 1, nsec: 0 });
 * await source.close();
 *
 * const reader = await PcapReader.from(new Blob(chunks).stream());
 * const copied: Uint8Array<ArrayBuffer>[] = [];
 * const writer = new PcapWriter(new WritableStream({ write: (c) => void copied.push(c.slice()) }), {
 *   linkType: reader.linkType,
 *   snapLen: reader.snapLen,
 * });
 * for await (const record of reader) if (record.wireLen < 100) await writer.write(record);
 * await writer.close();
 * assert.equal(new Blob(copied).size, 24 + 16 + 60 + 16 + 64);
 * ```
 *
 * @module
 */

export * from "./errors.ts";
export * from "./source.ts";
export * from "./reader.ts";
export * from "./writer.ts";
export * from "./rotate.ts";
export { openPcapSink, openPcapSinkSync, type PcapSyncSink } from "./file.ts";
// The names a reader's link type goes by (tcpdump's "reading from file" line) and the names a
// writer's can be given by (`-y`), so reading or writing a file needs no more than this entry.
export { linkTypeDescription, linkTypeName, parseLinkType } from "../link_type.ts";
