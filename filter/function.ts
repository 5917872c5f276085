/**
 * Classic BPF compiled to a JavaScript function, for running one filter over many saved
 * packets: V8 compiles the generated code like any other, so a filter costs a few
 * nanoseconds per instruction instead of an interpreter's dispatch.
 *
 * @module
 */

import type { BpfProgram } from "./insn.ts";
import {
  BPF_A,
  BPF_ABS,
  BPF_ADD,
  BPF_ALU,
  BPF_AND,
  BPF_B,
  BPF_DIV,
  BPF_H,
  BPF_IMM,
  BPF_IND,
  BPF_JA,
  BPF_JEQ,
  BPF_JGE,
  BPF_JGT,
  BPF_JMP,
  BPF_JSET,
  BPF_LD,
  BPF_LDX,
  BPF_LEN,
  BPF_LSH,
  BPF_MEM,
  BPF_MISC,
  BPF_MOD,
  BPF_MSH,
  BPF_MUL,
  BPF_NEG,
  BPF_OR,
  BPF_RET,
  BPF_RSH,
  BPF_ST,
  BPF_STX,
  BPF_SUB,
  BPF_TAX,
  BPF_TXA,
  BPF_W,
  BPF_X,
  BPF_XOR,
} from "./bpf.ts";
import { runFilter, SKF_AD, SKF_AD_OFF, SKF_LL_OFF } from "./vm.ts";

/**
 * A filter over the packet held in `bytes[start, start + capLen)`, whose length on the wire
 * is `wireLen`: returns how many bytes to keep, 0 to drop it. Nothing is allocated per call.
 *
 * @example Run a compiled filter over a packet inside a larger buffer
 * ```ts
 * import { type BpfFunction, compileFilter, compileToFunction } from "@tpacket/tpacket/filter";
 * import assert from "node:assert/strict";
 * const arp: BpfFunction = compileToFunction(compileFilter("arp"));
 * const buffer = new Uint8Array(100);
 * buffer.set([0x08, 0x06], 16 + 12); // a frame at offset 16
 * assert.equal(arp(buffer, 16, 42, 42), 262144);
 * assert.equal(arp(buffer, 0, 42, 42), 0);
 * ```
 */
export type BpfFunction = (
  bytes: Uint8Array,
  start: number,
  capLen: number,
  wireLen: number,
) => number;

/** Jump targets past which the generated blocks would nest too deep; the interpreter runs those. */
const MAX_TARGETS = 1000;

const SIZES: Record<number, number> = { [BPF_W]: 4, [BPF_H]: 2, [BPF_B]: 1 };

/** Ancillary fields a saved packet has none of: they read 0, as in {@linkcode runFilter}. */
const ZERO_FIELDS = new Set<number>(
  Object.values(SKF_AD).filter((v) => v !== SKF_AD.RANDOM && v !== SKF_AD.ALU_XOR_X),
);

/**
 * Compiles a classic-BPF program to a function with exactly {@linkcode runFilter}'s
 * semantics (a load past the captured bytes or a division by zero returns 0, `len` is the
 * wire length, ancillary fields read 0 as for a saved packet), taking the packet as a range of
 * a buffer so that no view is made per packet. Programs that jump backwards (libpcap's
 * `protochain`) or have more than a thousand jump targets run through the interpreter
 * behind the same signature.
 *
 * @param program The instructions (e.g. from `compileFilter`).
 * @returns The filter as a function.
 * @example Count the UDP packets of a capture file without a view per packet
 * ```ts
 * import { compileFilter, compileToFunction } from "@tpacket/tpacket/filter";
 * import { PcapReader, PcapWriter } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * const chunks: Uint8Array<ArrayBuffer>[] = [];
 * const writer = new PcapWriter(new WritableStream({ write: (c) => void chunks.push(c.slice()) }));
 * for (const proto of [17, 6, 17]) {
 *   const frame = new Uint8Array(42);
 *   frame.set([0x08, 0x00, 0x45], 12);
 *   frame[23] = proto;
 *   writer.write({ data: frame, wireLen: 42, sec: 0, nsec: 0 });
 * }
 * await writer.close();
 * const udp = compileToFunction(compileFilter("udp"));
 * const reader = await PcapReader.from(new Blob(chunks).stream());
 * const count = await reader.scanRecords({
 *   accept: (bytes, start, capLen, wireLen) => udp(bytes, start, capLen, wireLen) !== 0,
 * });
 * assert.equal(count, 2);
 * ```
 */
export function compileToFunction(program: BpfProgram): BpfFunction {
  const source = generate(program);
  if (source === undefined) {
    return (bytes, start, capLen, wireLen) =>
      runFilter(program, bytes.subarray(start, start + capLen), wireLen);
  }
  // The source is built only from numbers read out of `program`: no text of the caller's.
  return new Function(source)() as BpfFunction;
}

/** The function's source, or `undefined` when the program is one for the interpreter. */
function generate(program: BpfProgram): string | undefined {
  const n = program.length;
  const targets = new Set<number>();
  for (let i = 0; i < n; i++) {
    const ins = program[i]!;
    if ((ins.code & 0x07) !== BPF_JMP) continue;
    if ((ins.code & 0xf0) === BPF_JA) {
      const to = ins.k | 0;
      if (to < 0) return undefined;
      if (to > 0 && i + 1 + to < n) targets.add(i + 1 + to);
      continue;
    }
    for (const off of [ins.jt, ins.jf]) {
      if (!Number.isInteger(off) || off < 0) return undefined;
      if (off > 0 && i + 1 + off < n) targets.add(i + 1 + off);
    }
  }
  if (targets.size > MAX_TARGETS) return undefined;
  const sorted = [...targets].sort((a, b) => b - a);
  const lines: string[] = ["let a = 0, x = 0;"];
  const mems = new Set<number>();
  // Forward jumps only: every target closes a block opened at the start, the outermost for
  // the farthest target, so a jump to t is `break Lt`.
  lines.push(sorted.map((t) => `L${t}: {`).join(" "));
  for (let i = 0; i < n; i++) {
    if (targets.has(i)) lines.push(`} // L${i}`);
    lines.push(instruction(program, i, mems));
  }
  lines.push("return 0;");
  const memDecl = mems.size ? `let ${[...mems].map((m) => `m${m} = 0`).join(", ")};` : "";
  return `"use strict";\nreturn function bpf(p, o, len, wl) {\n${memDecl}\n${lines.join("\n")}\n};`;
}

/** A jump from instruction `i` to `to`: nothing when it falls through, `return 0` past the end. */
function goto(i: number, to: number, n: number): string {
  if (to === i + 1) return "";
  return to >= n ? "return 0;" : `break L${to};`;
}

/** The bytes `size` at the packet offset held in `off` (an expression), big-endian. */
function read(size: number, off: string): string {
  if (size === 1) return `p[o + ${off}]`;
  if (size === 2) return `((p[o + ${off}] << 8) | p[o + ${off} + 1])`;
  return `(((p[o + ${off}] << 24) | (p[o + ${off} + 1] << 16) | (p[o + ${off} + 2] << 8) | p[o + ${off} + 3]) >>> 0)`;
}

/** A constant packet offset as the kernel takes it: `SKF_LL_OFF + n` is the link header's n. */
function linkOffset(k: number): number {
  return k >= SKF_LL_OFF && k < SKF_AD_OFF ? k - SKF_LL_OFF : k;
}

function instruction(program: BpfProgram, i: number, mems: Set<number>): string {
  const ins = program[i]!;
  const code = ins.code;
  const k = ins.k >>> 0;
  const n = program.length;
  switch (code & 0x07) {
    case BPF_LD: {
      const mode = code & 0xe0;
      if (mode === BPF_ABS || mode === BPF_IND) {
        const size = SIZES[code & 0x18];
        if (size === undefined) return "return 0;";
        if (mode === BPF_ABS) {
          if (k >= SKF_AD_OFF) {
            const field = k - SKF_AD_OFF;
            if (field === SKF_AD.ALU_XOR_X) return "a = (a ^ x) >>> 0;";
            if (field === SKF_AD.RANDOM) return "a = (Math.random() * 0x100000000) >>> 0;";
            return ZERO_FIELDS.has(field) ? "a = 0;" : "return 0;";
          }
          const off = linkOffset(k);
          return `if (${off + size} > len) return 0; a = ${read(size, String(off))};`;
        }
        return `{ let t = (x + ${k}) >>> 0; if (t >= ${SKF_LL_OFF} && t < ${SKF_AD_OFF}) t -= ${SKF_LL_OFF}; ` +
          `if (t + ${size} > len) return 0; a = ${read(size, "t")}; }`;
      }
      if (mode === BPF_IMM) return `a = ${k};`;
      if (mode === BPF_MEM) return `a = m${mem(k, mems)};`;
      if (mode === BPF_LEN) return "a = wl >>> 0;";
      return "return 0;";
    }
    case BPF_LDX: {
      const mode = code & 0xe0;
      if (mode === BPF_IMM) return `x = ${k};`;
      if (mode === BPF_MEM) return `x = m${mem(k, mems)};`;
      if (mode === BPF_LEN) return "x = wl >>> 0;";
      if (mode === BPF_MSH) {
        const off = linkOffset(k);
        return `if (${off + 1} > len) return 0; x = (p[o + ${off}] & 0xf) << 2;`;
      }
      return "return 0;";
    }
    case BPF_ST:
      return `m${mem(k, mems)} = a;`;
    case BPF_STX:
      return `m${mem(k, mems)} = x;`;
    case BPF_ALU: {
      const op = code & 0xf0;
      if (op === BPF_NEG) return "a = (-a) >>> 0;";
      const byX = (code & 0x08) === BPF_X;
      const src = byX ? "x" : String(k);
      const zero = byX ? "if (x === 0) return 0; " : k === 0 ? "return 0; " : "";
      switch (op) {
        case BPF_ADD:
          return `a = (a + ${src}) >>> 0;`;
        case BPF_SUB:
          return `a = (a - ${src}) >>> 0;`;
        case BPF_MUL:
          return `a = Math.imul(a, ${src}) >>> 0;`;
        case BPF_DIV:
          return `${zero}a = (a / ${src}) >>> 0;`;
        case BPF_MOD:
          return `${zero}a = (a % ${src}) >>> 0;`;
        case BPF_OR:
          return `a = (a | ${src}) >>> 0;`;
        case BPF_AND:
          return `a = (a & ${src}) >>> 0;`;
        case BPF_XOR:
          return `a = (a ^ ${src}) >>> 0;`;
        case BPF_LSH:
          return byX ? "a = (a << (x & 31)) >>> 0;" : `a = (a << ${k & 31}) >>> 0;`;
        case BPF_RSH:
          return byX ? "a = a >>> (x & 31);" : `a = a >>> ${k & 31};`;
        default:
          return "return 0;";
      }
    }
    case BPF_JMP: {
      const op = code & 0xf0;
      if (op === BPF_JA) return goto(i, i + 1 + (ins.k | 0), n);
      const src = (code & 0x08) === BPF_X ? "x" : String(k);
      let cond: string;
      if (op === BPF_JEQ) cond = `a === ${src}`;
      else if (op === BPF_JGT) cond = `a > ${src}`;
      else if (op === BPF_JGE) cond = `a >= ${src}`;
      else if (op === BPF_JSET) cond = `(a & ${src}) !== 0`;
      else return "return 0;";
      const yes = goto(i, i + 1 + ins.jt, n), no = goto(i, i + 1 + ins.jf, n);
      if (yes === no) return yes;
      if (yes === "") return `if (!(${cond})) ${no}`;
      if (no === "") return `if (${cond}) ${yes}`;
      return `if (${cond}) ${yes} else ${no}`;
    }
    case BPF_RET:
      return (code & 0x18) === BPF_A ? "return a;" : `return ${k};`;
    case BPF_MISC:
      if ((code & 0xf8) === BPF_TAX) return "x = a;";
      if ((code & 0xf8) === BPF_TXA) return "a = x;";
      return "return 0;";
    default:
      return "return 0;";
  }
}

function mem(k: number, mems: Set<number>): number {
  mems.add(k & 15);
  return k & 15;
}
