/**
 * tpacket: live packet capture for Deno on Linux, the way libpcap does it.
 *
 * An `AF_PACKET` socket with a memory-mapped `TPACKET_V3` ring (or a
 * `TPACKET_V2` ring in immediate mode), read with zero copies while Deno's
 * event loop keeps running; a tcpdump-compatible filter compiler; protocol
 * decoders; a tcpdump-compatible printer; pcap and pcapng files.
 *
 * Importing this module never loads a native library: FFI is opened on the
 * first {@linkcode openCapture} or {@linkcode listDevices} call.
 *
 * @example Capture ten DNS packets (needs root or CAP_NET_RAW)
 * ```ts ignore
 * import { openCapture } from "tpacket";
 *
 * using capture = openCapture("eth0", { filter: "udp port 53" });
 * await capture.loop((frame) => console.log(frame.wireLen), { count: 10 });
 * ```
 *
 * @example Compile a filter like tcpdump -d (no privileges)
 * ```ts
 * import { compileFilter, formatProgram } from "tpacket";
 * import assert from "node:assert/strict";
 *
 * const listing = formatProgram(compileFilter("arp"), "d");
 * assert.match(listing, /jeq +#0x806/);
 * ```
 *
 * @module
 */
export * from "./link_type.ts";
export * from "./address.ts";
export * from "./capture/mod.ts";
export * from "./devices.ts";
export type { Batch, Frame, FrameOptions, Packet, RingCounters } from "./ring/mod.ts";
export * from "./decode/mod.ts";
// The filter's main entry points; instruction constructors and BPF_* constants stay in
// "tpacket/filter", so short names like `ld` and `ret` do not crowd the top level.
export {
  type BpfAncillary,
  type BpfInstruction,
  type BpfProgram,
  compileFilter,
  type CompileOptions,
  FilterSyntaxError,
  formatProgram,
  runFilter,
  validateProgram,
} from "./filter/mod.ts";
export * from "./pcap/mod.ts";
export * from "./print/mod.ts";
