/**
 * Assembly: lays the blocks out in libpcap's order (each block, then what its
 * true edge reaches, then what its false edge reaches) and resolves jumps,
 * adding `ja` trampolines when an offset does not fit in 8 bits.
 *
 * @module
 */

import type { Block } from "./block.ts";
import { BPF_JA, BPF_JMP, BPF_RET } from "./bpf.ts";
import { postorder } from "./optimize.ts";
import type { BpfInstruction, BpfProgram } from "./insn.ts";

/** Blocks in layout order (libpcap's convert_code_r: false side placed last). */
export function layout(root: Block): Block[] {
  return postorder(root).reverse();
}

const isRet = (b: Block): boolean => (b.code & 0x07) === BPF_RET;
const isJa = (b: Block): boolean => b.code === (BPF_JMP | BPF_JA);

/**
 * Turns the graph into instructions.
 *
 * @param root Entry block.
 * @returns The program.
 */
export function assemble(root: Block): BpfProgram {
  const order = layout(root);
  const longT = new Set<Block>();
  const longF = new Set<Block>();
  // A `ja` to the block laid out right after it is no jump at all (the live `vlan <id>` test
  // joins its two TCI loads that way): leave it out.
  const fallThrough = new Set(order.filter((b, i) => isJa(b) && b.jt === order[i + 1]));
  for (;;) {
    const start = new Map<Block, number>();
    let pc = 0;
    for (const b of order) {
      start.set(b, pc);
      pc += b.stmts.length + (fallThrough.has(b) ? 0 : 1) + (longT.has(b) ? 1 : 0) +
        (longF.has(b) ? 1 : 0);
    }
    const out: BpfInstruction[] = [];
    let grew = false;
    for (const b of order) {
      for (const s of b.stmts) out.push({ code: s.code, jt: 0, jf: 0, k: s.k >>> 0 });
      const at = out.length; // pc of the branch
      if (isRet(b)) {
        out.push({ code: b.code, jt: 0, jf: 0, k: b.k >>> 0 });
        continue;
      }
      if (fallThrough.has(b)) continue;
      if (isJa(b)) {
        out.push({ code: b.code, jt: 0, jf: 0, k: start.get(b.jt!)! - at - 1 });
        continue;
      }
      let t = start.get(b.jt!)! - at - 1;
      let f = start.get(b.jf!)! - at - 1;
      const extra: BpfInstruction[] = [];
      if (longT.has(b)) {
        extra.push({ code: BPF_JMP | BPF_JA, jt: 0, jf: 0, k: t - extra.length - 1 });
        t = 0;
      }
      if (longF.has(b)) {
        f = extra.length;
        extra.push({
          code: BPF_JMP | BPF_JA,
          jt: 0,
          jf: 0,
          k: start.get(b.jf!)! - at - 1 - extra.length - 1,
        });
      }
      if (t > 255) {
        longT.add(b);
        grew = true;
      }
      if (f > 255) {
        longF.add(b);
        grew = true;
      }
      out.push({ code: b.code, jt: t, jf: f, k: b.k >>> 0 }, ...extra);
    }
    if (!grew) return out;
  }
}
