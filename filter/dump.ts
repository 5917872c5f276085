/**
 * tcpdump's three program listings: `-d` (libpcap's `bpf_image`), `-dd` (a C
 * array) and `-ddd` (decimal).
 *
 * @module
 */

import type { BpfInstruction, BpfProgram } from "./insn.ts";

const hex = (v: number): string => (v >>> 0).toString(16);

/** libpcap's names of the Linux ancillary loads (`ld [SKF_AD_OFF + n]`), by n / 4. */
const ANCILLARY = [
  "proto",
  "type",
  "ifidx",
  "nla",
  "nlan",
  "mark",
  "queue",
  "hatype",
  "rxhash",
  "cpu",
  "xor_x",
  "vlan_tci",
  "vlanp",
  "poff",
  "random",
  "vlan_tpid",
];

/** `[k]`, or `[name]` for an ancillary load. */
function absolute(k: number): string {
  const n = (k >>> 0) - 0xfffff000;
  if (n >= 0 && n % 4 === 0 && n / 4 < ANCILLARY.length) return `[${ANCILLARY[n / 4]}]`;
  return `[${dec(k)}]`;
}
const dec = (v: number): string => String(v | 0); // libpcap prints u_int with %d

/** Operator and operand of one instruction as `bpf_image` (libpcap 1.10) prints them. */
function image(p: BpfInstruction, n: number): [op: string, operand: string] {
  const k = p.k;
  switch (p.code) {
    case 0x06:
      return ["ret", `#${dec(k)}`];
    case 0x16:
      return ["ret", ""];
    case 0x20:
      return ["ld", absolute(k)];
    case 0x28:
      return ["ldh", absolute(k)];
    case 0x30:
      return ["ldb", absolute(k)];
    case 0x80:
      return ["ld", "#pktlen"];
    case 0x40:
      return ["ld", `[x + ${dec(k)}]`];
    case 0x48:
      return ["ldh", `[x + ${dec(k)}]`];
    case 0x50:
      return ["ldb", `[x + ${dec(k)}]`];
    case 0x00:
      return ["ld", `#0x${hex(k)}`];
    case 0x01:
      return ["ldx", `#0x${hex(k)}`];
    case 0xb1:
      return ["ldxb", `4*([${dec(k)}]&0xf)`];
    case 0x60:
      return ["ld", `M[${dec(k)}]`];
    case 0x61:
      return ["ldx", `M[${dec(k)}]`];
    case 0x02:
      return ["st", `M[${dec(k)}]`];
    case 0x03:
      return ["stx", `M[${dec(k)}]`];
    case 0x05:
      return ["ja", dec(n + 1 + k)];
    case 0x15:
      return ["jeq", `#0x${hex(k)}`];
    case 0x25:
      return ["jgt", `#0x${hex(k)}`];
    case 0x35:
      return ["jge", `#0x${hex(k)}`];
    case 0x45:
      return ["jset", `#0x${hex(k)}`];
    case 0x1d:
      return ["jeq", "x"];
    case 0x2d:
      return ["jgt", "x"];
    case 0x3d:
      return ["jge", "x"];
    case 0x4d:
      return ["jset", "x"];
    case 0x0c:
      return ["add", "x"];
    case 0x1c:
      return ["sub", "x"];
    case 0x2c:
      return ["mul", "x"];
    case 0x3c:
      return ["div", "x"];
    case 0x9c:
      return ["mod", "x"];
    case 0x5c:
      return ["and", "x"];
    case 0x4c:
      return ["or", "x"];
    case 0xac:
      return ["xor", "x"];
    case 0x6c:
      return ["lsh", "x"];
    case 0x7c:
      return ["rsh", "x"];
    case 0x04:
      return ["add", `#${dec(k)}`];
    case 0x14:
      return ["sub", `#${dec(k)}`];
    case 0x24:
      return ["mul", `#${dec(k)}`];
    case 0x34:
      return ["div", `#${dec(k)}`];
    case 0x94:
      return ["mod", `#${dec(k)}`];
    case 0x54:
      return ["and", `#0x${hex(k)}`];
    case 0x44:
      return ["or", `#0x${hex(k)}`];
    case 0xa4:
      return ["xor", `#0x${hex(k)}`];
    case 0x64:
      return ["lsh", `#${dec(k)}`];
    case 0x74:
      return ["rsh", `#${dec(k)}`];
    case 0x84:
      return ["neg", ""];
    case 0x07:
      return ["tax", ""];
    case 0x87:
      return ["txa", ""];
    default:
      return ["unimp", `0x${hex(p.code)}`];
  }
}

/**
 * Prints a program exactly as `tcpdump -d`, `-dd` or `-ddd` does (one line per
 * instruction, each ending in a newline; `-ddd` starts with the count).
 *
 * @param program The instructions.
 * @param format `"d"` for the readable listing, `"dd"` for a C array, `"ddd"` for decimal.
 * @returns The listing.
 * @example List a program
 * ```ts
 * import { compileFilter, formatProgram } from "@tpacket/tpacket/filter";
 * import assert from "node:assert/strict";
 * const arp = compileFilter("arp");
 * assert.equal(
 *   formatProgram(arp, "d"),
 *   "(000) ldh      [12]\n(001) jeq      #0x806           jt 2\tjf 3\n" +
 *     "(002) ret      #262144\n(003) ret      #0\n",
 * );
 * assert.equal(formatProgram(arp, "ddd"), "4\n40 0 0 12\n21 0 1 2054\n6 0 0 262144\n6 0 0 0\n");
 * ```
 */
export function formatProgram(program: BpfProgram, format: "d" | "dd" | "ddd"): string {
  let out = "";
  if (format === "d") {
    program.forEach((p, n) => {
      const [op, operand] = image(p, n);
      const num = String(n).padStart(3, "0");
      if ((p.code & 0x07) === 0x05 && (p.code & 0xf0) !== 0x00) {
        out += `(${num}) ${op.padEnd(8)} ${operand.padEnd(16)} jt ${n + 1 + p.jt}\tjf ${
          n + 1 + p.jf
        }\n`;
      } else out += `(${num}) ${op.padEnd(8)} ${operand}\n`;
    });
  } else if (format === "dd") {
    for (const p of program) {
      out += `{ 0x${hex(p.code)}, ${p.jt}, ${p.jf}, 0x${hex(p.k).padStart(8, "0")} },\n`;
    }
  } else if (format === "ddd") {
    out += `${program.length}\n`;
    for (const p of program) out += `${p.code} ${p.jt} ${p.jf} ${p.k >>> 0}\n`;
  } else throw new TypeError(`Cannot format program: unknown format "${String(format)}"`);
  return out;
}
