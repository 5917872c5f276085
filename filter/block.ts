/**
 * The control-flow graph the code generator builds and the optimizer rewrites:
 * basic blocks of straight-line statements ending in a conditional jump or a
 * return, and fragments with their unpatched true and false exits (libpcap's
 * backpatching in gencode.c).
 *
 * @module
 */

/** A straight-line instruction (no jump, no return). */
export interface Stmt {
  /** Opcode. */
  code: number;
  /** Operand. */
  k: number;
}

/** A basic block. A return block has `jt` and `jf` null; `ja` blocks have `jt === jf`. */
export interface Block {
  /** Unique number, for maps and stable ordering. */
  id: number;
  /** Statements run before the branch. */
  stmts: Stmt[];
  /** Branch opcode: `BPF_JMP|op|src`, `BPF_JMP|BPF_JA` or `BPF_RET|...`. */
  code: number;
  /** Branch operand. */
  k: number;
  /** Successor when the condition holds. */
  jt: Block | null;
  /** Successor when it does not. */
  jf: Block | null;
}

/** A piece of code with one entry and lists of unpatched exits. */
export interface Fragment {
  /** Entry block. */
  head: Block;
  /** Exits taken when the fragment is true. */
  t: Slot[];
  /** Exits taken when it is false. */
  f: Slot[];
}

/** One unpatched edge: `block[which]` is still null. */
export type Slot = [block: Block, which: "jt" | "jf"];

let nextId = 0;

/** Makes a block; conditional ones start with both edges unpatched. */
export function newBlock(stmts: Stmt[], code: number, k: number): Block {
  return { id: nextId++, stmts, code, k: k >>> 0, jt: null, jf: null };
}

/** Makes a fragment from one conditional block. */
export function leaf(stmts: Stmt[], code: number, k: number): Fragment {
  const b = newBlock(stmts, code, k);
  return { head: b, t: [[b, "jt"]], f: [[b, "jf"]] };
}

function patch(slots: Slot[], to: Block): void {
  for (const [b, which] of slots) b[which] = to;
}

/** `a and b`: a's true exits enter b. */
export function and(a: Fragment, b: Fragment): Fragment {
  patch(a.t, b.head);
  return { head: a.head, t: b.t, f: concat(a.f, b.f) };
}

/** Appends `b` to `a` in place (fragments are used once, so their lists are not shared). */
function concat(a: Slot[], b: Slot[]): Slot[] {
  if (a.length < b.length) {
    b.unshift(...a.splice(0));
    return b;
  }
  for (const s of b) a.push(s);
  return a;
}

/** `a or b`: a's false exits enter b. */
export function or(a: Fragment, b: Fragment): Fragment {
  patch(a.f, b.head);
  return { head: a.head, t: concat(a.t, b.t), f: b.f };
}

/** `not a`: swaps the exits. */
export function not(a: Fragment): Fragment {
  return { head: a.head, t: a.f, f: a.t };
}

/** Ends a fragment in two return blocks and gives the root. */
export function finish(a: Fragment, accept: Block, reject: Block): Block {
  patch(a.t, accept);
  patch(a.f, reject);
  return a.head;
}
