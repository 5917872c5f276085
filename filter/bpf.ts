/**
 * Classic-BPF opcode constants (linux/bpf_common.h, linux/filter.h) and
 * small instruction constructors.
 *
 * @module
 */

import type { BpfInstruction } from "./insn.ts";

// Instruction classes.
/** Load into A. */
export const BPF_LD = 0x00;
/** Load into X. */
export const BPF_LDX = 0x01;
/** Store A into scratch memory. */
export const BPF_ST = 0x02;
/** Store X into scratch memory. */
export const BPF_STX = 0x03;
/** Arithmetic and logic on A. */
export const BPF_ALU = 0x04;
/** Jumps. */
export const BPF_JMP = 0x05;
/** Return. */
export const BPF_RET = 0x06;
/** Register transfers. */
export const BPF_MISC = 0x07;

// Load sizes.
/** 32-bit word. */
export const BPF_W = 0x00;
/** 16-bit half word. */
export const BPF_H = 0x08;
/** Byte. */
export const BPF_B = 0x10;

// Load modes.
/** Immediate `k`. */
export const BPF_IMM = 0x00;
/** Packet at `k`. */
export const BPF_ABS = 0x20;
/** Packet at `X + k`. */
export const BPF_IND = 0x40;
/** Scratch memory `M[k]`. */
export const BPF_MEM = 0x60;
/** Packet length on the wire. */
export const BPF_LEN = 0x80;
/** `4 * (P[k] & 0xf)` (ldx only). */
export const BPF_MSH = 0xa0;

// ALU operations.
/** A + src. */
export const BPF_ADD = 0x00;
/** A - src. */
export const BPF_SUB = 0x10;
/** A * src. */
export const BPF_MUL = 0x20;
/** A / src. */
export const BPF_DIV = 0x30;
/** A | src. */
export const BPF_OR = 0x40;
/** A & src. */
export const BPF_AND = 0x50;
/** A << src. */
export const BPF_LSH = 0x60;
/** A >> src. */
export const BPF_RSH = 0x70;
/** -A. */
export const BPF_NEG = 0x80;
/** A % src. */
export const BPF_MOD = 0x90;
/** A ^ src. */
export const BPF_XOR = 0xa0;

// Jump operations.
/** Unconditional jump by `k`. */
export const BPF_JA = 0x00;
/** Jump if A == src. */
export const BPF_JEQ = 0x10;
/** Jump if A > src. */
export const BPF_JGT = 0x20;
/** Jump if A >= src. */
export const BPF_JGE = 0x30;
/** Jump if A & src. */
export const BPF_JSET = 0x40;

// Sources.
/** Source is the constant `k`. */
export const BPF_K = 0x00;
/** Source is X. */
export const BPF_X = 0x08;
/** Return A (with BPF_RET). */
export const BPF_A = 0x10;

// Misc operations.
/** X = A. */
export const BPF_TAX = 0x00;
/** A = X. */
export const BPF_TXA = 0x80;

/** Number of scratch memory words (`BPF_MEMWORDS`). */
export const BPF_MEMWORDS = 16;
/** Longest program the kernel accepts (`BPF_MAXINSNS`). */
export const BPF_MAXINSNS = 4096;

/**
 * Builds one instruction; `k` is stored as an unsigned 32-bit number.
 *
 * @param code Opcode (`BPF_LD | BPF_H | BPF_ABS`, ...).
 * @param k Operand.
 * @param jt Jump offset when true.
 * @param jf Jump offset when false.
 * @returns The instruction.
 * @example Build `ld #-1`
 * ```ts
 * import { BPF_IMM, BPF_LD, insn } from "@tpacket/tpacket/filter";
 * import assert from "node:assert/strict";
 * assert.deepEqual(insn(BPF_LD | BPF_IMM, -1), { code: 0, jt: 0, jf: 0, k: 0xffffffff });
 * ```
 */
export function insn(code: number, k = 0, jt = 0, jf = 0): BpfInstruction {
  return { code, jt, jf, k: k >>> 0 };
}

/**
 * `ld [k]`: loads the 32-bit word at packet offset `k` into A.
 *
 * @param k Offset from the start of the frame.
 * @returns The instruction.
 * @example Load the IPv4 source address of an Ethernet frame
 * ```ts
 * import { formatProgram, ld } from "@tpacket/tpacket/filter";
 * import assert from "node:assert/strict";
 * assert.equal(formatProgram([ld(26)], "d"), "(000) ld       [26]\n");
 * ```
 */
export function ld(k: number): BpfInstruction {
  return insn(BPF_LD | BPF_W | BPF_ABS, k);
}

/**
 * `ldh [k]`: loads the 16-bit half word at packet offset `k` into A.
 *
 * @param k Offset from the start of the frame.
 * @returns The instruction.
 * @example Load the EtherType
 * ```ts
 * import { ldh } from "@tpacket/tpacket/filter";
 * import assert from "node:assert/strict";
 * assert.deepEqual(ldh(12), { code: 0x28, jt: 0, jf: 0, k: 12 });
 * ```
 */
export function ldh(k: number): BpfInstruction {
  return insn(BPF_LD | BPF_H | BPF_ABS, k);
}

/**
 * `ldb [k]`: loads the byte at packet offset `k` into A.
 *
 * @param k Offset from the start of the frame.
 * @returns The instruction.
 * @example Load the IPv4 protocol of an Ethernet frame
 * ```ts
 * import { ldb } from "@tpacket/tpacket/filter";
 * import assert from "node:assert/strict";
 * assert.deepEqual(ldb(23), { code: 0x30, jt: 0, jf: 0, k: 23 });
 * ```
 */
export function ldb(k: number): BpfInstruction {
  return insn(BPF_LD | BPF_B | BPF_ABS, k);
}

/**
 * `jeq #k`: skips `jt` instructions when A == k, else `jf`.
 *
 * @param k Constant compared with A.
 * @param jt Instructions skipped when equal.
 * @param jf Instructions skipped otherwise.
 * @returns The instruction.
 * @example A hand-written ARP filter
 * ```ts
 * import { jeq, ldh, ret, runFilter } from "@tpacket/tpacket/filter";
 * import assert from "node:assert/strict";
 * const arp = [ldh(12), jeq(0x806, 0, 1), ret(0xffff), ret(0)];
 * const frame = new Uint8Array(42);
 * frame.set([0x08, 0x06], 12);
 * assert.equal(runFilter(arp, frame), 0xffff);
 * ```
 */
export function jeq(k: number, jt: number, jf: number): BpfInstruction {
  return insn(BPF_JMP | BPF_JEQ | BPF_K, k, jt, jf);
}

/**
 * `ret #k`: ends the run, keeping `k` bytes of the packet (0 drops it).
 *
 * @param k Bytes to keep.
 * @returns The instruction.
 * @example Accept everything
 * ```ts
 * import { ret, runFilter } from "@tpacket/tpacket/filter";
 * import assert from "node:assert/strict";
 * assert.equal(runFilter([ret(96)], new Uint8Array(60)), 96);
 * ```
 */
export function ret(k: number): BpfInstruction {
  return insn(BPF_RET | BPF_K, k);
}
