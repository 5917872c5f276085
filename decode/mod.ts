/**
 * Zero-copy protocol decoders: a view per header over the packet's bytes, read lazily and
 * bounds-checked, and a walker that turns a captured packet into its chain of layers.
 *
 * Each `XxxView` has `check(bytes)` (never throws, returns a {@linkcode DecodeIssue}),
 * `from(bytes)` (throws {@linkcode DecodeError}), getters named after the RFC fields, and
 * `toHeader()` / `toJSON()` for a plain copy. {@linkcode decodePacket} never throws on content:
 * a truncated or malformed layer ends the walk with `stop`.
 *
 * @example Decode a frame and read the 5-tuple
 * ```ts
 * import { decodePacket } from "tpacket/decode";
 * import assert from "node:assert/strict";
 * const p = decodePacket(1, Uint8Array.fromHex(
 *   "020000000002020000000001080045000028000100004006f97bc0a80001c0a80002" +
 *     "c350005000000001000000005002faf06ffc0000",
 * ));
 * assert.equal(p.ipv4?.toHeader().srcAddr, "192.168.0.1");
 * assert.deepEqual([p.tcp?.srcPort, p.tcp?.dstPort, p.tcp?.syn], [50000, 80, true]);
 * assert.equal(p.stop, undefined);
 * ```
 *
 * @module
 */

export * from "./errors.ts";
export * from "./ethernet.ts";
export * from "./llc.ts";
export * from "./sll.ts";
export * from "./sll2.ts";
export * from "./null.ts";
export * from "./vlan.ts";
export * from "./arp.ts";
export * from "./ipv4.ts";
export * from "./ipv6.ts";
export * from "./tcp.ts";
export * from "./udp.ts";
export * from "./icmp.ts";
export * from "./icmpv6.ts";
export * from "./dns.ts";
export * from "./frame.ts";
