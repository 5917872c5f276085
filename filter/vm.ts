/**
 * A user-space classic-BPF machine with the Linux kernel's rules, and the
 * kernel's program checks (`bpf_check_classic`, net/core/filter.c).
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
  BPF_K,
  BPF_LD,
  BPF_LDX,
  BPF_LEN,
  BPF_LSH,
  BPF_MAXINSNS,
  BPF_MEM,
  BPF_MEMWORDS,
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

/** Start of the kernel's ancillary-data offsets (`SKF_AD_OFF`, linux/filter.h). */
export const SKF_AD_OFF = 0xfffff000;
/** Start of offsets relative to the link-layer header (`SKF_LL_OFF`). */
export const SKF_LL_OFF = 0xffe00000;

/** Ancillary fields (`SKF_AD_*`) the kernel accepts in `ld [SKF_AD_OFF + n]`. */
export const SKF_AD = {
  PROTOCOL: 0,
  PKTTYPE: 4,
  IFINDEX: 8,
  NLATTR: 12,
  NLATTR_NEST: 16,
  MARK: 20,
  QUEUE: 24,
  HATYPE: 28,
  RXHASH: 32,
  CPU: 36,
  ALU_XOR_X: 40,
  VLAN_TAG: 44,
  VLAN_TAG_PRESENT: 48,
  PAY_OFFSET: 52,
  RANDOM: 56,
  VLAN_TPID: 60,
} as const;

const ANCILLARY = new Set<number>(Object.values(SKF_AD));

/**
 * Socket metadata that kernel ancillary loads (`ld [SKF_AD_OFF + n]`) read. A
 * saved frame has none; every field defaults to 0.
 */
export interface BpfAncillary {
  /** `skb->protocol`, the EtherType in host order as the kernel stores it. @default 0 */
  protocol?: number;
  /** `skb->pkt_type` (`PACKET_HOST` = 0, `PACKET_OUTGOING` = 4, ...). @default 0 */
  pktType?: number;
  /** Interface index. @default 0 */
  ifIndex?: number;
  /** `skb->mark`. @default 0 */
  mark?: number;
  /** Receive queue. @default 0 */
  queue?: number;
  /** `ARPHRD_*` type of the device. @default 0 */
  hatype?: number;
  /** Receive hash. @default 0 */
  rxhash?: number;
  /** CPU number. @default 0 */
  cpu?: number;
  /** VLAN TCI stripped by the device, when `vlanTagPresent`. @default 0 */
  vlanTag?: number;
  /** 1 when the device stripped a VLAN tag. @default 0 */
  vlanTagPresent?: number;
  /** TPID of the stripped tag. @default 0 */
  vlanTpid?: number;
}

function ancillary(k: number, a: number, x: number, anc: BpfAncillary): number {
  switch (k - SKF_AD_OFF) {
    case SKF_AD.PROTOCOL:
      return anc.protocol ?? 0;
    case SKF_AD.PKTTYPE:
      return anc.pktType ?? 0;
    case SKF_AD.IFINDEX:
      return anc.ifIndex ?? 0;
    case SKF_AD.MARK:
      return anc.mark ?? 0;
    case SKF_AD.QUEUE:
      return anc.queue ?? 0;
    case SKF_AD.HATYPE:
      return anc.hatype ?? 0;
    case SKF_AD.RXHASH:
      return anc.rxhash ?? 0;
    case SKF_AD.CPU:
      return anc.cpu ?? 0;
    case SKF_AD.ALU_XOR_X:
      return (a ^ x) >>> 0;
    case SKF_AD.VLAN_TAG:
      return anc.vlanTag ?? 0;
    case SKF_AD.VLAN_TAG_PRESENT:
      return anc.vlanTagPresent ?? 0;
    case SKF_AD.VLAN_TPID:
      return anc.vlanTpid ?? 0;
    case SKF_AD.RANDOM:
      return (Math.random() * 0x100000000) >>> 0;
    case SKF_AD.NLATTR:
    case SKF_AD.NLATTR_NEST:
    case SKF_AD.PAY_OFFSET:
      return 0; // no netlink attributes or flow dissector here
    default:
      return -1; // not a field: the kernel refuses the program; we drop the packet
  }
}

/** Reads `size` bytes at `offset` big-endian, or returns -1 when they are not all captured. */
function load(packet: Uint8Array, offset: number, size: number): number {
  if (offset >= SKF_LL_OFF && offset < SKF_AD_OFF) offset -= SKF_LL_OFF;
  if (offset > packet.length || size > packet.length - offset) return -1;
  if (size === 1) return packet[offset]!;
  if (size === 2) return (packet[offset]! << 8) | packet[offset + 1]!;
  return ((packet[offset]! << 24) | (packet[offset + 1]! << 16) | (packet[offset + 2]! << 8) |
    packet[offset + 3]!) >>> 0;
}

const SIZE_BYTES: Record<number, number> = { [BPF_W]: 4, [BPF_H]: 2, [BPF_B]: 1 };
const SCRATCH = new Uint32Array(BPF_MEMWORDS);

/** Backward jumps one run of a (user-space only) program may take before it is cut off. */
const MAX_BACK_JUMPS = 100_000;

/**
 * Runs a classic-BPF program over one packet as the Linux kernel does: a load
 * past the captured bytes or a division by zero ends the run with 0, `ld #pktlen`
 * reads the length on the wire, shifts by X use its low 5 bits, and running off
 * the end returns 0. Validate untrusted programs with {@linkcode validateProgram}
 * first: this machine does not loop, but it trusts jump offsets to stay inside.
 *
 * @param program The instructions.
 * @param packet The captured bytes, from the link-layer header on.
 * @param wireLen The packet's length on the wire (default: `packet.length`).
 * @param anc Socket metadata for ancillary loads (default: all 0).
 * @returns The return value: how many bytes to keep, 0 to drop the packet.
 * @example Run a filter
 * ```ts
 * import { compileFilter, runFilter } from "@tpacket/tpacket/filter";
 * import assert from "node:assert/strict";
 * const arp = compileFilter("arp");
 * const frame = new Uint8Array(42);
 * frame.set([0x08, 0x06], 12);
 * assert.equal(runFilter(arp, frame), 262144);
 * assert.equal(runFilter(arp, frame.subarray(0, 12)), 0);
 * ```
 */
export function runFilter(
  program: BpfProgram,
  packet: Uint8Array,
  wireLen: number = packet.length,
  anc: BpfAncillary = {},
): number {
  let a = 0;
  let x = 0;
  const mem = SCRATCH.fill(0); // runs never nest, so one zeroed scratch array serves all

  const n = program.length;
  let pc = 0;
  let backJumps = 0;
  while (pc >= 0 && pc < n) {
    const ins = program[pc++]!;
    const code = ins.code;
    const k = ins.k >>> 0;
    switch (code & 0x07) {
      case BPF_LD: {
        const mode = code & 0xe0;
        if (mode === BPF_ABS || mode === BPF_IND) {
          const size = SIZE_BYTES[code & 0x18];
          if (size === undefined) return 0;
          const off = mode === BPF_ABS ? k : (x + k) >>> 0;
          if (mode === BPF_ABS && off >= SKF_AD_OFF) {
            const v = ancillary(off, a, x, anc);
            if (v < 0) return 0;
            a = v >>> 0;
            break;
          }
          const v = load(packet, off, size);
          if (v < 0) return 0;
          a = v;
        } else if (mode === BPF_IMM) a = k;
        else if (mode === BPF_MEM) a = mem[k & 15]!;
        else if (mode === BPF_LEN) a = wireLen >>> 0;
        else return 0;
        break;
      }
      case BPF_LDX: {
        const mode = code & 0xe0;
        if (mode === BPF_IMM) x = k;
        else if (mode === BPF_MEM) x = mem[k & 15]!;
        else if (mode === BPF_LEN) x = wireLen >>> 0;
        else if (mode === BPF_MSH) {
          const v = load(packet, k, 1);
          if (v < 0) return 0;
          x = (v & 0xf) << 2;
        } else return 0;
        break;
      }
      case BPF_ST:
        mem[k & 15] = a;
        break;
      case BPF_STX:
        mem[k & 15] = x;
        break;
      case BPF_ALU: {
        const op = code & 0xf0;
        if (op === BPF_NEG) {
          a = (-a) >>> 0;
          break;
        }
        const src = (code & 0x08) === BPF_X ? x : k;
        switch (op) {
          case BPF_ADD:
            a = (a + src) >>> 0;
            break;
          case BPF_SUB:
            a = (a - src) >>> 0;
            break;
          case BPF_MUL:
            a = Math.imul(a, src) >>> 0;
            break;
          case BPF_DIV:
            if (src === 0) return 0;
            a = Math.floor(a / src) >>> 0;
            break;
          case BPF_MOD:
            if (src === 0) return 0;
            a = (a % src) >>> 0;
            break;
          case BPF_OR:
            a = (a | src) >>> 0;
            break;
          case BPF_AND:
            a = (a & src) >>> 0;
            break;
          case BPF_XOR:
            a = (a ^ src) >>> 0;
            break;
          case BPF_LSH:
            a = (a << (src & 31)) >>> 0;
            break;
          case BPF_RSH:
            a = a >>> (src & 31);
            break;
          default:
            return 0;
        }
        break;
      }
      case BPF_JMP: {
        const op = code & 0xf0;
        if (op === BPF_JA) {
          // Signed, as libpcap's user-space bpf_filter() takes it (its own protochain code
          // jumps back); the kernel refuses such programs (validateProgram too). A backward
          // loop that never ends is cut off and the packet dropped.
          const to = ins.k | 0;
          if (to < 0 && ++backJumps > MAX_BACK_JUMPS) return 0;
          pc += to;
          break;
        }
        const src = (code & 0x08) === BPF_X ? x : k;
        let taken: boolean;
        if (op === BPF_JEQ) taken = a === src;
        else if (op === BPF_JGT) taken = a > src;
        else if (op === BPF_JGE) taken = a >= src;
        else if (op === BPF_JSET) taken = (a & src) !== 0;
        else return 0;
        pc += taken ? ins.jt : ins.jf;
        break;
      }
      case BPF_RET:
        return (code & 0x18) === BPF_A ? a : k;
      case BPF_MISC:
        if ((code & 0xf8) === BPF_TAX) x = a;
        else if ((code & 0xf8) === BPF_TXA) a = x;
        else return 0;
        break;
    }
  }
  return 0;
}

const ALLOWED = new Set<number>([
  ...[BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_MOD, BPF_AND, BPF_OR, BPF_XOR, BPF_LSH, BPF_RSH]
    .flatMap((op) => [BPF_ALU | op | BPF_K, BPF_ALU | op | BPF_X]),
  BPF_ALU | BPF_NEG,
  ...[BPF_W, BPF_H, BPF_B].flatMap((s) => [BPF_LD | s | BPF_ABS, BPF_LD | s | BPF_IND]),
  BPF_LD | BPF_W | BPF_LEN,
  BPF_LDX | BPF_W | BPF_LEN,
  BPF_LD | BPF_IMM,
  BPF_LDX | BPF_IMM,
  BPF_LDX | BPF_B | BPF_MSH,
  BPF_LD | BPF_MEM,
  BPF_LDX | BPF_MEM,
  BPF_ST,
  BPF_STX,
  BPF_MISC | BPF_TAX,
  BPF_MISC | BPF_TXA,
  BPF_RET | BPF_K,
  BPF_RET | BPF_A,
  BPF_JMP | BPF_JA,
  ...[BPF_JEQ, BPF_JGT, BPF_JGE, BPF_JSET].flatMap((op) => [
    BPF_JMP | op | BPF_K,
    BPF_JMP | op | BPF_X,
  ]),
]);

/**
 * Checks a program the way the Linux kernel does before `SO_ATTACH_FILTER`
 * (`bpf_check_classic` and `check_load_and_stores`): length 1..4096, known
 * opcodes only, no constant division by zero, no shift by 32 or more, scratch
 * memory indexes below 16 and written before read on every path, forward jumps
 * that stay inside the program, known ancillary offsets, a return at the end.
 *
 * @param program The instructions.
 * @returns Nothing; throws a `RangeError` naming the first refused instruction.
 * @example Refuse a program that falls off its end
 * ```ts
 * import { validateProgram } from "@tpacket/tpacket/filter";
 * import assert from "node:assert/strict";
 * validateProgram([{ code: 0x06, jt: 0, jf: 0, k: 0 }]);
 * assert.throws(() => validateProgram([{ code: 0x28, jt: 0, jf: 0, k: 12 }]), RangeError);
 * ```
 */
export function validateProgram(program: BpfProgram): void {
  if (!Array.isArray(program)) throw new TypeError("Cannot validate program: not an array");
  const n = program.length;
  const fail = (pc: number, why: string): never => {
    const i = program[pc];
    const what = i ? ` (code 0x${i.code.toString(16)}, k ${i.k})` : "";
    throw new RangeError(`Cannot accept BPF program: instruction ${pc}${what} ${why}`);
  };
  if (n === 0 || n > BPF_MAXINSNS) {
    throw new RangeError(
      `Cannot accept BPF program: it has ${n} instructions, the kernel takes 1 to ${BPF_MAXINSNS}`,
    );
  }
  for (let pc = 0; pc < n; pc++) {
    const ins = program[pc]!;
    const { code, jt, jf, k } = ins;
    if (
      !Number.isInteger(code) || !Number.isInteger(k) || !Number.isInteger(jt) ||
      !Number.isInteger(jf) || code < 0 || code > 0xffff || jt < 0 || jt > 255 || jf < 0 ||
      jf > 255 || k < -0x80000000 || k > 0xffffffff
    ) fail(pc, "has a field out of range");
    if (!ALLOWED.has(code)) fail(pc, "has an unknown opcode");
    const uk = k >>> 0;
    switch (code) {
      case BPF_ALU | BPF_DIV | BPF_K:
      case BPF_ALU | BPF_MOD | BPF_K:
        if (uk === 0) fail(pc, "divides by zero");
        break;
      case BPF_ALU | BPF_LSH | BPF_K:
      case BPF_ALU | BPF_RSH | BPF_K:
        if (uk >= 32) fail(pc, "shifts by 32 or more");
        break;
      case BPF_LD | BPF_MEM:
      case BPF_LDX | BPF_MEM:
      case BPF_ST:
      case BPF_STX:
        if (uk >= BPF_MEMWORDS) fail(pc, `uses scratch word ${uk}, past M[${BPF_MEMWORDS - 1}]`);
        break;
      case BPF_JMP | BPF_JA:
        if (uk >= n - pc - 1) fail(pc, "jumps past the end");
        break;
      case BPF_LD | BPF_W | BPF_ABS:
      case BPF_LD | BPF_H | BPF_ABS:
      case BPF_LD | BPF_B | BPF_ABS:
        if (uk >= SKF_AD_OFF && !ANCILLARY.has(uk - SKF_AD_OFF)) {
          fail(pc, "loads an unknown ancillary field");
        }
        break;
      default:
        if ((code & 0x07) === BPF_JMP && (pc + jt + 1 >= n || pc + jf + 1 >= n)) {
          fail(pc, "jumps past the end");
        }
    }
  }
  const last = program[n - 1]!.code;
  if (last !== (BPF_RET | BPF_K) && last !== (BPF_RET | BPF_A)) {
    fail(n - 1, "is last but does not return");
  }
  // check_load_and_stores: a scratch word must be written on every path before it is read.
  const masks = new Array<number>(n).fill(0xffff);
  let valid = 0;
  for (let pc = 0; pc < n; pc++) {
    valid &= masks[pc]!;
    const { code, jt, jf, k } = program[pc]!;
    if (code === BPF_ST || code === BPF_STX) valid |= 1 << k;
    else if (code === (BPF_LD | BPF_MEM) || code === (BPF_LDX | BPF_MEM)) {
      if (!(valid & (1 << k))) fail(pc, `reads M[${k}] before any write on some path`);
    } else if (code === (BPF_JMP | BPF_JA)) {
      masks[pc + 1 + k] = masks[pc + 1 + k]! & valid;
      valid = 0xffff;
    } else if ((code & 0x07) === BPF_JMP) {
      masks[pc + 1 + jt] = masks[pc + 1 + jt]! & valid;
      masks[pc + 1 + jf] = masks[pc + 1 + jf]! & valid;
      valid = 0xffff;
    }
  }
}
