/**
 * The kernel filter (`SO_ATTACH_FILTER`): encoding a checked program as
 * `struct sock_filter[]`, libpcap's cooked-socket rewrite (`fix_program`), and
 * the user-space fallback when the kernel cannot run the rewritten form.
 *
 * @module
 */

import { ret } from "../filter/bpf.ts";
import type { BpfProgram } from "../filter/insn.ts";
import { SKF_AD, SKF_AD_OFF } from "../filter/vm.ts";
import type { Backend } from "../ffi/types.ts";
import { check } from "../ffi/errno.ts";
import { SLL2_HDR_LEN, SLL_HDR_LEN } from "../ring/layout.ts";

/**
 * Encodes a program already checked by `checkProgram` as the kernel's
 * `struct sock_filter { u16 code; u8 jt, jf; u32 k; }[]`, little-endian.
 */
export function encodeProgram(program: BpfProgram): Uint8Array {
  const bytes = new Uint8Array(program.length * 8);
  const dv = new DataView(bytes.buffer);
  for (let i = 0; i < program.length; i++) {
    const { code, jt, jf, k } = program[i]!;
    dv.setUint16(i * 8, code, true);
    dv.setUint8(i * 8 + 2, jt);
    dv.setUint8(i * 8 + 3, jf);
    dv.setUint32(i * 8 + 4, k >>> 0, true);
  }
  return bytes;
}

/**
 * pcap-linux.c `fix_program`: a cooked (`SOCK_DGRAM`) socket's kernel filter
 * sees the packet from its network header, with no cooked header in front. Loads
 * from the packet are moved back by the header length, and the header fields
 * the kernel knows become ancillary loads (protocol, packet type, ifindex).
 *
 * @returns The program for the kernel, or `undefined` when it reads a header
 *   field the kernel cannot give (then it runs in user space, as libpcap).
 */
export function fixCookedProgram(
  program: BpfProgram,
  cooked: "sll" | "sll2",
): BpfProgram | undefined {
  const fixed = [];
  for (const insn of program) {
    const cls = insn.code & 0x07;
    const mode = insn.code & 0xe0;
    // BPF_LD / BPF_LDX with BPF_ABS (0x20), BPF_IND (0x40) or BPF_MSH (0xa0): packet loads.
    if ((cls === 0x00 || cls === 0x01) && (mode === 0x20 || mode === 0x40 || mode === 0xa0)) {
      let k = insn.k;
      if (k < SKF_AD_OFF) {
        const headerLen = cooked === "sll2" ? SLL2_HDR_LEN : SLL_HDR_LEN;
        if (k >= headerLen) k -= headerLen;
        else if (cooked === "sll2" && k === 0) k = SKF_AD_OFF + SKF_AD.PROTOCOL;
        else if (cooked === "sll2" && k === 4) k = SKF_AD_OFF + SKF_AD.IFINDEX;
        else if (cooked === "sll2" && k === 10) k = SKF_AD_OFF + SKF_AD.PKTTYPE;
        else if (cooked === "sll" && k === 0) k = SKF_AD_OFF + SKF_AD.PKTTYPE;
        else if (cooked === "sll" && k === 14) k = SKF_AD_OFF + SKF_AD.PROTOCOL;
        else return undefined;
      }
      fixed.push({ code: insn.code, jt: insn.jt, jf: insn.jf, k });
    } else {
      fixed.push(insn);
    }
  }
  return fixed;
}

/** Attaches `program` in the kernel as it is. */
export function attachProgram(b: Backend, fd: number, program: BpfProgram, step: string): void {
  check(
    b.attachFilter(fd, encodeProgram(program), program.length),
    step,
    "setsockopt(SO_ATTACH_FILTER)",
  );
}

/**
 * Attaches a checked `program` for a socket opened with `cooked` headers (or
 * none): on a cooked socket the fixed-up form, or, when it cannot be fixed, an
 * accept-all program in the kernel and `program` returned to run in user space.
 *
 * @returns The program user space must run on every frame, or `undefined`.
 */
export function installFilter(
  b: Backend,
  fd: number,
  program: BpfProgram,
  cooked: "none" | "sll" | "sll2",
  step: string,
): BpfProgram | undefined {
  if (cooked !== "none") {
    const fixed = fixCookedProgram(program, cooked);
    if (fixed === undefined) {
      attachProgram(b, fd, [ret(0xffff_ffff)], step); // accept all; filter in user space
      return program;
    }
    program = fixed;
  }
  attachProgram(b, fd, program, step);
  return undefined;
}
