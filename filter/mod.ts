/**
 * tcpdump-compatible filters: compile pcap-filter(7) expressions to classic
 * BPF, run programs with the kernel's rules, check them as the kernel would,
 * and list them as `tcpdump -d`, `-dd` and `-ddd` do.
 *
 * @example Compile, list and run
 * ```ts
 * import { compileFilter, formatProgram, runFilter } from "@tpacket/tpacket/filter";
 * import assert from "node:assert/strict";
 * const program = compileFilter("arp");
 * assert.match(formatProgram(program, "d"), /jeq +#0x806/);
 * const frame = new Uint8Array(42);
 * frame.set([0x08, 0x06], 12);
 * assert.notEqual(runFilter(program, frame), 0);
 * ```
 *
 * @module
 */

export * from "./insn.ts";
export * from "./bpf.ts";
export * from "./compile.ts";
export * from "./errors.ts";
export * from "./vm.ts";
export * from "./dump.ts";
export * from "./function.ts";
