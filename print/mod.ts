/**
 * A tcpdump-compatible packet printer: `new PacketPrinter(linkType, options).format(record)`
 * returns the text `tcpdump -n` prints for a packet (or plain `tcpdump`, with
 * {@linkcode PrintNames}), with tcpdump's timestamp (`-t` … `-ttttt`,
 * `--nano`), link-level (`-e`), quiet (`-q`), verbose (`-v`, `-vv`) and dump (`-x`, `-xx`, `-X`,
 * `-XX`, `-A`) options.
 *
 * @example Print a TCP SYN as tcpdump -tt does
 * ```ts
 * import { LINKTYPE, PacketPrinter } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * const syn = Uint8Array.fromHex(
 *   "45000028000040004006000001020304050607080400005000000001000000005002faf000000000",
 * );
 * const p = new PacketPrinter(LINKTYPE.RAW, { timestamp: "epoch" });
 * assert.equal(
 *   p.format({ data: syn, wireLen: syn.length, sec: 1, nsec: 0 }),
 *   "1.000000 IP 1.2.3.4.1024 > 5.6.7.8.80: Flags [S], seq 1, win 64240, length 0",
 * );
 * ```
 *
 * @module
 */

export * from "./printer.ts";
export * from "./names.ts";
