/**
 * The optimizer: global value numbering of loads and arithmetic (the packet
 * does not change, so `ldh [12]` names one value everywhere), removal of loads
 * that reload what a register already holds, constant folding, jump threading
 * over tests whose outcome is known on an edge, dead-store elimination, and
 * merging of identical blocks. Like libpcap's optimizer it may drop a load whose
 * value is never used, so a program can accept a frame too short for that load.
 *
 * @module
 */

import type { Block, Stmt } from "./block.ts";
import {
  BPF_ABS,
  BPF_ADD,
  BPF_ALU,
  BPF_AND,
  BPF_DIV,
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
  BPF_X,
  BPF_XOR,
} from "./bpf.ts";

const A = 1;
const X = 2;
const M = (i: number): number => 4 << i;

/** Registers and scratch words as value numbers; undefined = unknown. */
interface State {
  a: number | undefined;
  x: number | undefined;
  m: (number | undefined)[];
}
/** A known outcome of a test on a value. */
interface Fact {
  vn: number;
  /** Lookup class: facts "value != k" (2·vn + 1) apart from all others about vn (2·vn). */
  cls: number;
  op: number;
  k: number;
  value: boolean;
  /** The four fields as one string, for intersections. */
  key: string;
}

/** Longest chain of tests a pull-up walks. */
const MAX_CHAIN = 512;

/**
 * A persistent list of facts, newest first. Lists share their tails; `len` lets two lists
 * find their common tail, and `same` remembers, per value number, the newest node at or
 * below this one about that value, so a lookup skips facts about other values.
 */
type Facts = FactNode | null;
interface FactNode {
  fact: Fact;
  next: Facts;
  len: number;
  /** The next node below this one with a fact of the same class. */
  down: Facts;
  same?: Map<number, Facts>;
}

function push(fact: Fact, next: Facts): FactNode {
  return { fact, next, len: (next?.len ?? 0) + 1, down: firstOf(next, fact.cls) };
}

/** The newest node of `l` whose fact is of class `cls` (memoized along the walk). */
function firstOf(l: Facts, cls: number): Facts {
  const walked: FactNode[] = [];
  let found: Facts = null;
  for (let c: Facts = l; c; c = c.next) {
    if (c.fact.cls === cls) {
      found = c;
      break;
    }
    const m = c.same?.get(cls);
    if (m !== undefined) {
      found = m;
      break;
    }
    walked.push(c);
  }
  // Only long walks are worth remembering.
  if (walked.length > 8) { for (const c of walked) (c.same ??= new Map()).set(cls, found); }
  return found;
}

/** Longest head of a list looked at when lists meet; facts beyond it are forgotten (sound). */
const MAX_HEAD = 256;
/**
 * Facts of one class a decision looks at; older ones are forgotten (sound: the test stays),
 * so a chain of thousands of "value != k" facts (a long host list) stays linear.
 */
const MAX_FACTS = 64;

const cls = (code: number) => code & 0x07;
const isRet = (b: Block) => cls(b.code) === BPF_RET;
const isJa = (b: Block) => b.code === (BPF_JMP | BPF_JA);

function uses(s: Stmt): number {
  const c = s.code;
  switch (cls(c)) {
    case BPF_LD:
      return (c & 0xe0) === BPF_IND ? X : (c & 0xe0) === BPF_MEM ? M(s.k) : 0;
    case BPF_LDX:
      return (c & 0xe0) === BPF_MEM ? M(s.k) : 0;
    case BPF_ST:
      return A;
    case BPF_STX:
      return X;
    case BPF_ALU:
      return (c & 0xf0) === BPF_NEG ? A : (c & 0x08) === BPF_X ? A | X : A;
    case BPF_MISC:
      return (c & 0xf8) === BPF_TAX ? A : X;
  }
  return 0;
}
function defs(s: Stmt): number {
  switch (cls(s.code)) {
    case BPF_LD:
    case BPF_ALU:
      return A;
    case BPF_LDX:
      return X;
    case BPF_ST:
    case BPF_STX:
      return M(s.k);
    case BPF_MISC:
      return (s.code & 0xf8) === BPF_TAX ? X : A;
  }
  return 0;
}
function branchUses(b: Block): number {
  if (isRet(b)) return (b.code & 0x18) === 0x10 ? A : 0;
  if (isJa(b)) return 0;
  return (b.code & 0x08) === BPF_X ? A | X : A;
}

/**
 * 32-bit BPF arithmetic as libpcap's fold_op does it (a shift by 32 or more leaves 0);
 * undefined for a zero divisor or an unknown operation. The code generator folds with it too.
 */
export function evalAlu(op: number, a: number, b: number): number | undefined {
  switch (op) {
    case BPF_ADD:
      return (a + b) >>> 0;
    case BPF_SUB:
      return (a - b) >>> 0;
    case BPF_MUL:
      return Math.imul(a, b) >>> 0;
    case BPF_DIV:
      return b === 0 ? undefined : Math.floor(a / b) >>> 0;
    case BPF_MOD:
      return b === 0 ? undefined : (a % b) >>> 0;
    case BPF_AND:
      return (a & b) >>> 0;
    case BPF_OR:
      return (a | b) >>> 0;
    case BPF_XOR:
      return (a ^ b) >>> 0;
    // As libpcap's fold_op: a shift by 32 or more leaves 0.
    case BPF_LSH:
      return b > 31 ? 0 : (a << b) >>> 0;
    case BPF_RSH:
      return b > 31 ? 0 : a >>> b;
  }
  return undefined;
}
function evalJump(op: number, a: number, k: number): boolean {
  switch (op) {
    case BPF_JEQ:
      return a === k;
    case BPF_JGT:
      return a > k;
    case BPF_JGE:
      return a >= k;
    default:
      return (a & k) !== 0;
  }
}

/** Topological order of the reachable blocks (parents before children). */
function topo(root: Block): Block[] {
  return postorder(root).reverse();
}

/**
 * Blocks in post-order, false side first (libpcap's convert_code_r order), without
 * recursion so that long programs cannot exhaust the stack.
 */
export function postorder(root: Block): Block[] {
  const seen = new Set<Block>([root]);
  const out: Block[] = [];
  const stack: [Block, number][] = [[root, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const [b, stage] = top;
    const child = stage === 0 ? b.jf : stage === 1 ? b.jt : null;
    if (stage < 2) {
      top[1]++;
      if (child && !seen.has(child)) {
        seen.add(child);
        stack.push([child, 0]);
      }
      continue;
    }
    stack.pop();
    out.push(b);
  }
  return out;
}

class ValueNumbers {
  readonly table = new Map<string, number>();
  readonly constants = new Map<number, number>();
  next = 1;
  get(key: string): number {
    let v = this.table.get(key);
    if (v === undefined) {
      v = this.next++;
      this.table.set(key, v);
    }
    return v;
  }
  constant(k: number): number {
    const v = this.get(`#${k >>> 0}`);
    this.constants.set(v, k >>> 0);
    return v;
  }
  fresh(): number {
    return this.next++;
  }
}

function liveness(order: Block[]): Map<Block, number> {
  const liveIn = new Map<Block, number>();
  for (let i = order.length - 1; i >= 0; i--) {
    const b = order[i]!;
    let live = (b.jt ? liveIn.get(b.jt) ?? 0 : 0) | (b.jf ? liveIn.get(b.jf) ?? 0 : 0);
    live |= branchUses(b);
    for (let j = b.stmts.length - 1; j >= 0; j--) {
      const s = b.stmts[j]!;
      live = (live & ~defs(s)) | uses(s);
    }
    liveIn.set(b, live);
  }
  return liveIn;
}

class Optimizer {
  readonly vn = new ValueNumbers();
  changed = false;
  /** Whether statements may be rewritten and removed (libpcap's do_stmts). */
  doStmts = true;
  /**
   * Block visits left per phase: the passes are linear, but long filters need many, so
   * huge ones stop early with a correct, less optimized program.
   */
  budget = 0;

  /** Runs one statement on `st`; returns false when it changes nothing (redundant). */
  step(s: Stmt, st: State): boolean {
    const vn = this.vn;
    const c = s.code;
    const setA = (v: number) => {
      if (st.a === v) return false;
      st.a = v;
      return true;
    };
    const setX = (v: number) => {
      if (st.x === v) return false;
      st.x = v;
      return true;
    };
    switch (cls(c)) {
      case BPF_LD:
        switch (c & 0xe0) {
          case BPF_ABS:
            return setA(vn.get(`abs${c & 0x18}:${s.k}`));
          case BPF_IND:
            return setA(st.x === undefined ? vn.fresh() : vn.get(`ind${c & 0x18}:${st.x}:${s.k}`));
          case BPF_IMM:
            return setA(vn.constant(s.k));
          case BPF_LEN:
            return setA(vn.get("len"));
          case BPF_MEM:
            return setA(st.m[s.k] ?? (st.m[s.k] = vn.fresh()));
        }
        st.a = vn.fresh();
        return true;
      case BPF_LDX:
        switch (c & 0xe0) {
          case BPF_IMM:
            return setX(vn.constant(s.k));
          case BPF_LEN:
            return setX(vn.get("len"));
          case BPF_MSH:
            return setX(vn.get(`msh:${s.k}`));
          case BPF_MEM:
            return setX(st.m[s.k] ?? (st.m[s.k] = vn.fresh()));
        }
        st.x = vn.fresh();
        return true;
      case BPF_ST:
        if (st.a === undefined) st.a = vn.fresh();
        if (st.m[s.k] === st.a) return false;
        st.m[s.k] = st.a;
        return true;
      case BPF_STX:
        if (st.x === undefined) st.x = vn.fresh();
        if (st.m[s.k] === st.x) return false;
        st.m[s.k] = st.x;
        return true;
      case BPF_ALU: {
        const op = c & 0xf0;
        if (st.a === undefined) st.a = vn.fresh();
        if (op === BPF_NEG) {
          st.a = vn.get(`neg:${st.a}`);
          return true;
        }
        const src = (c & 0x08) === BPF_X ? (st.x ?? (st.x = vn.fresh())) : vn.constant(s.k);
        st.a = vn.get(`alu${op}:${st.a}:${src}`);
        return true;
      }
      case BPF_MISC:
        if ((c & 0xf8) === BPF_TAX) {
          if (st.a === undefined) st.a = vn.fresh();
          return setX(st.a);
        }
        if (st.x === undefined) st.x = vn.fresh();
        return setA(st.x);
    }
    return true;
  }

  /** Rewrites statements of a block with constants known, and drops redundant ones. */
  simplify(b: Block, st: State): void {
    if (!this.doStmts) {
      for (const s of b.stmts) this.step(s, st);
      return;
    }
    const out: Stmt[] = [];
    const vn = this.vn;
    for (let s of b.stmts) {
      const c = s.code;
      // ALU with a known X becomes ALU with a constant; with a known A, a load of the result.
      if (cls(c) === BPF_ALU && (c & 0xf0) !== BPF_NEG) {
        const op = c & 0xf0;
        let k: number | undefined = (c & 0x08) === BPF_X
          ? (st.x === undefined ? undefined : vn.constants.get(st.x))
          : s.k;
        if (k !== undefined && (c & 0x08) === BPF_X && op !== BPF_DIV && op !== BPF_MOD) {
          s = { code: BPF_ALU | op | BPF_K, k };
        }
        const a = st.a === undefined ? undefined : vn.constants.get(st.a);
        if (k !== undefined && (c & 0x08) === BPF_K) k = s.k;
        if (a !== undefined && k !== undefined && (s.code & 0x08) === BPF_K) {
          const r = evalAlu(op, a, k);
          if (r !== undefined) s = { code: BPF_LD | BPF_IMM, k: r };
        } else if (
          (s.code & 0x08) === BPF_K &&
          (((op === BPF_ADD || op === BPF_SUB || op === BPF_OR || op === BPF_XOR ||
            op === BPF_LSH ||
            op === BPF_RSH) && s.k === 0) ||
            ((op === BPF_MUL || op === BPF_DIV) && s.k === 1) ||
            (op === BPF_AND && s.k >>> 0 === 0xffffffff))
        ) {
          this.changed = true;
          continue;
        } else if ((s.code & 0x08) === BPF_K && (op === BPF_AND || op === BPF_MUL) && s.k === 0) {
          s = { code: BPF_LD | BPF_IMM, k: 0 };
        }
      }
      if (s !== b.stmts[out.length] && s.code !== c) this.changed = true;
      if (this.step(s, st)) out.push(s);
      else this.changed = true;
    }
    if (out.length !== b.stmts.length) b.stmts = out;
    else b.stmts = out;
  }

  decide(a: number | undefined, op: number, k: number, facts: Facts): boolean | undefined {
    if (a === undefined) return undefined;
    const ca = this.vn.constants.get(a);
    if (ca !== undefined) return evalJump(op, ca, k);
    if (op === BPF_JEQ) {
      let n = 0;
      for (let l = firstOf(facts, 2 * a + 1); l && n < MAX_FACTS; l = l.down) {
        if (l.fact.k === k) return false;
        n++;
      }
    }
    let n = 0;
    for (let l = firstOf(facts, 2 * a); l && n < MAX_FACTS; l = l.down, n++) {
      const f = l.fact;
      if (f.op === op && f.k === k) return f.value;
      if (f.op === BPF_JEQ && f.value) return evalJump(op, f.k, k);
      if (op === BPF_JEQ && !f.value && f.op === BPF_JSET && (k & f.k) !== 0) return false;
      if (op === BPF_JEQ && f.op === BPF_JGT && f.value && k <= f.k) return false;
      if (op === BPF_JEQ && f.op === BPF_JGT && !f.value && k > f.k) return false;
      if (op === BPF_JEQ && f.op === BPF_JGE && f.value && k < f.k) return false;
      if (op === BPF_JEQ && f.op === BPF_JGE && !f.value && k >= f.k) return false;
      if (op === BPF_JSET && f.op === BPF_JSET && !f.value && (k & ~f.k) === 0) return false;
    }
    return undefined;
  }

  /** The test a conditional block makes, as (value, op, constant), with X resolved if known. */
  test(b: Block, st: State): [number | undefined, number, number] | undefined {
    if (isRet(b) || isJa(b)) return undefined;
    const op = b.code & 0xf0;
    if ((b.code & 0x08) === BPF_X) {
      const k = st.x === undefined ? undefined : this.vn.constants.get(st.x);
      if (k === undefined) return undefined;
      b.code = BPF_JMP | op | BPF_K;
      b.k = k;
      this.changed = true;
    }
    return [st.a, op, b.k];
  }

  run(root: Block): Block {
    // As libpcap: first thread, simplify and pull tests together; merge identical blocks
    // only at the end (shared blocks would stop the pull-ups, which need dominance).
    // Statements are left alone in the first phase (so each test still loads what it
    // compares, and tests can move), then simplified.
    for (const [stmts, merge] of [[false, false], [true, false], [true, true]]) {
      this.doStmts = stmts!;
      this.budget = 1_000_000;
      for (let iter = 0; iter < 2000 && this.budget > 0; iter++) {
        this.changed = false;
        this.entry.clear();
        this.exit.clear();
        root = this.pass(root);
        root = this.cleanup(root, merge!);
        if (!this.changed && !merge) root = this.pullups(root);
        if (!this.changed) break;
      }
    }
    return root;
  }

  /** Register states at each block's entry and after its statements, from the last pass. */
  readonly entry = new Map<Block, State>();
  readonly exit = new Map<Block, State>();

  /**
   * libpcap's or_pullup and and_pullup: in a chain of tests that all jump to one place on
   * true (an `or` chain; on false for `and`), moves a test of the value the chain started
   * with up next to the other tests of that value, so the value is loaded once. Only moves
   * a block when no register value any block depends on changes.
   */
  pullups(root: Block): Block {
    // Each round needs only the graph's shape and the states pull-up keeps current, not a
    // whole pass, so rounds repeat until nothing moves.
    for (let round = 0; round < 10000 && this.budget > 0; round++) {
      const before = this.changed;
      this.changed = false;
      root = this.pullupRound(root);
      const moved = this.changed;
      this.changed ||= before;
      if (!moved) break;
    }
    return root;
  }

  pullupRound(root: Block): Block {
    const order = topo(root);
    this.budget -= order.length / 4;
    const preds = new Map<Block, Block[]>();
    for (const b of order) {
      for (const s of b.jt === b.jf ? [b.jt] : [b.jt, b.jf]) {
        if (!s) continue;
        const list = preds.get(s);
        if (list) list.push(b);
        else preds.set(s, [b]);
      }
    }
    const liveIn = liveness(order);
    const dirty = new Set<Block>();
    for (const b of order) {
      for (const sense of ["or", "and"] as const) {
        if (dirty.has(b)) break;
        const r = this.pullup(b, sense, preds, liveIn, dirty);
        if (r?.newRoot && b === root) root = r.newRoot;
      }
    }
    return root;
  }

  pullup(
    b: Block,
    sense: "or" | "and",
    preds: Map<Block, Block[]>,
    liveIn: Map<Block, number>,
    dirty: Set<Block>,
  ): { newRoot: Block } | undefined {
    // "or": the chain runs along false edges and every test jumps to one true target.
    const next = sense === "or" ? "jf" : "jt";
    const common = sense === "or" ? "jt" : "jf";
    const cond = (c: Block | null): c is Block => !!c && !isRet(c) && !isJa(c);
    const tested = (c: Block) => this.exit.get(c)?.a;
    if (!cond(b) || !this.exit.has(b)) return;
    const ps = preds.get(b) ?? [];
    if (ps.length === 0) return;
    const val = this.exit.get(ps[0]!)?.a;
    if (val === undefined || ps.some((p) => this.exit.get(p)?.a !== val)) return;
    // Inside a chain of tests of `val`, the walk from the chain's first test covers this one.
    const p0 = ps[0]!;
    if (
      ps.length === 1 && cond(p0) && p0[next] === b && p0[common] === b[common] &&
      tested(p0) === val && this.entry.get(p0)?.a === val && !dirty.has(p0)
    ) return;
    // Below b, each block of the chain must have one predecessor (so b dominates it, and
    // no other path enters the part of the chain that changes).
    const inChain = (c: Block | null): c is Block =>
      cond(c) && c[common] === b[common] && (c === b || preds.get(c)?.length === 1) &&
      this.exit.has(c) && !dirty.has(c);
    let diff: Block = b;
    let beforeDiff: Block | undefined;
    let steps = 0;
    for (;;) {
      if (++steps > MAX_CHAIN) return;
      if (!inChain(diff)) return;
      if (tested(diff) !== val) break;
      beforeDiff = diff;
      const n = diff[next];
      if (!n) return;
      diff = n;
    }
    // Every later test of `val` in the chain moves up in this one call, in order, each as a
    // round of its own would move it (the states recorded below keep the next move's checks
    // true), so a chain of n tests costs one walk instead of n rounds.
    let samePrev = diff;
    let same = diff[next];
    let moves = 0;
    const touched: Block[] = [];
    const differs = (x: State, y: State, atoms: number) => {
      if (atoms & A && x.a !== y.a) return true;
      if (atoms & X && x.x !== y.x) return true;
      for (let i = 0; i < 16; i++) if (atoms & M(i) && x.m[i] !== y.m[i]) return true;
      return false;
    };
    for (;;) {
      let found = false;
      for (steps = 0; steps <= MAX_CHAIN; steps++) {
        if (!inChain(same)) break;
        if (tested(same) === val) {
          found = true;
          break;
        }
        samePrev = same;
        same = same[next];
      }
      if (!found) break;
      const pull = same!;
      // Registers: pull must see what it saw, and nothing after it may notice the move.
      const atDiff = this.entry.get(diff)!;
      const atPull = this.entry.get(pull)!;
      const pullExit = this.exit.get(pull)!;
      const moved: State = copy(atDiff);
      for (const s of pull.stmts) this.step(s, moved);
      if (differs(atDiff, atPull, upwardUses(pull))) break;
      if (differs(moved, pullExit, liveIn.get(pull[common]!)!)) break;
      let st = moved;
      const states: [Block, State, State][] = [];
      let ok = true;
      // When pull leaves the registers as they were at diff (it reloads the value the chain
      // tests), the blocks in between see what they saw: no need to walk them again.
      const unchanged = differs(moved, atDiff, ~0) === false;
      if (unchanged) st = this.exit.get(samePrev)!;
      for (let c: Block = diff; c !== pull && !unchanged; c = c[next]!) {
        if (differs(st, this.entry.get(c)!, upwardUses(c))) {
          ok = false;
          break;
        }
        const e = copy(st);
        for (const s of c.stmts) this.step(s, e);
        if (differs(e, this.exit.get(c)!, liveIn.get(c[common]!)!)) {
          ok = false;
          break;
        }
        states.push([c, st, e]);
        st = e;
      }
      if (!ok) break;
      const succ = pull[next]!;
      if (differs(st, pullExit, liveIn.get(succ)!)) break;
      // Move pull above diff, and keep the recorded states true for the next move.
      this.entry.set(pull, copy(atDiff));
      this.exit.set(pull, moved);
      for (const [c, en, ex] of states) {
        this.entry.set(c, en);
        this.exit.set(c, ex);
      }
      samePrev[next] = succ;
      pull[next] = diff;
      if (beforeDiff) beforeDiff[next] = pull;
      else {
        for (const p of ps) {
          if (p.jt === b) p.jt = pull;
          if (p.jf === b) p.jf = pull;
        }
      }
      touched.push(pull, samePrev, succ);
      beforeDiff = pull;
      same = succ;
      moves++;
    }
    if (moves === 0) return;
    for (let c: Block | null = b, n = 0; c && c !== same && n < 4 * MAX_CHAIN; c = c[next], n++) {
      dirty.add(c);
    }
    for (const x of [b, diff, ...touched, ...ps]) dirty.add(x);
    this.changed = true;
    return undefined;
  }

  pass(root: Block): Block {
    const order = topo(root);
    this.budget -= order.length;
    const liveIn = liveness(order);
    const incoming = new Map<Block, { st: State; facts: Facts }[]>();
    incoming.set(root, [{ st: { a: undefined, x: undefined, m: [] }, facts: null }]);
    for (const b of order) {
      const ins = incoming.get(b);
      if (!ins) continue; // no longer reachable
      const st = meet(ins.map((i) => i.st));
      this.entry.set(b, copy(st));
      this.simplify(b, st);
      this.exit.set(b, copy(st));
      if (isRet(b)) continue;
      // Facts only matter where a test follows (the returns have thousands of edges in).
      const facts = intersect(ins.map((i) => i.facts));
      const t = this.test(b, st);
      if (t) {
        const d = this.decide(t[0], t[1], t[2], facts);
        if (d !== undefined) {
          b.jt = b.jf = d ? b.jt : b.jf;
          b.code = BPF_JMP | BPF_JA;
          b.k = 0;
          this.changed = true;
        }
      }
      const edges: ["jt" | "jf", boolean][] = isJa(b)
        ? [["jt", true]]
        : [["jt", true], ["jf", false]];
      for (const [which, value] of edges) {
        const ef = t && !isJa(b) && t[0] !== undefined
          ? push({
            vn: t[0],
            cls: 2 * t[0] + (t[1] === BPF_JEQ && !value ? 1 : 0),
            op: t[1],
            k: t[2],
            value,
            key: `${t[0]}:${t[1]}:${t[2]}:${value}`,
          }, facts)
          : facts;
        let target = b[which]!;
        // Jump threading: skip blocks whose outcome is known here and whose effects are dead.
        for (let hops = 0; hops < 64 && !isRet(target); hops++) {
          const s2: State = { a: st.a, x: st.x, m: [...st.m] };
          for (const s of target.stmts) this.step(s, s2);
          let next: Block | undefined;
          if (isJa(target)) next = target.jt!;
          else {
            const tt = this.test(target, s2);
            if (!tt) break;
            const d = this.decide(tt[0], tt[1], tt[2], ef);
            if (d === undefined) break;
            next = d ? target.jt! : target.jf!;
          }
          let changed = 0;
          if (s2.a !== st.a) changed |= A;
          if (s2.x !== st.x) changed |= X;
          for (let i = 0; i < 16; i++) if (s2.m[i] !== st.m[i]) changed |= M(i);
          if (changed & (liveIn.get(next) ?? ~0)) break;
          target = next;
          this.changed = true;
        }
        b[which] = target;
        const list = incoming.get(target) ?? [];
        list.push({ st: { a: st.a, x: st.x, m: [...st.m] }, facts: ef });
        incoming.set(target, list);
      }
      if (b.jt === b.jf && !isJa(b)) {
        b.code = BPF_JMP | BPF_JA;
        b.k = 0;
        this.changed = true;
      }
    }
    return root;
  }

  cleanup(root: Block, merge: boolean): Block {
    // Skip empty unconditional blocks.
    const skip = (b: Block): Block => {
      let hops = 0;
      while (isJa(b) && b.stmts.length === 0 && hops++ < 1000) b = b.jt!;
      return b;
    };
    root = skip(root);
    let order = topo(root);
    for (const b of order) {
      if (b.jt) b.jt = skip(b.jt);
      if (b.jf) b.jf = skip(b.jf);
    }
    order = topo(root);
    if (!this.doStmts) return root;
    // Dead stores, loads included (libpcap drops unused loads too).
    const liveIn = liveness(order);
    for (const b of order) {
      let live = (b.jt ? liveIn.get(b.jt)! : 0) | (b.jf ? liveIn.get(b.jf)! : 0) | branchUses(b);
      const keep: Stmt[] = [];
      for (let j = b.stmts.length - 1; j >= 0; j--) {
        const s = b.stmts[j]!;
        if ((defs(s) & live) === 0) {
          this.changed = true;
          continue;
        }
        live = (live & ~defs(s)) | uses(s);
        keep.push(s);
      }
      if (keep.length !== b.stmts.length) b.stmts = keep.reverse();
    }
    // Peephole: `and #k; jeq #0` becomes `jset #k` with the edges swapped, when A dies there.
    for (const b of order) {
      const last = b.stmts.at(-1);
      if (
        last && last.code === (BPF_ALU | BPF_AND | BPF_K) &&
        b.code === (BPF_JMP | BPF_JEQ | BPF_K) &&
        b.k === 0 && ((liveIn.get(b.jt!)! | liveIn.get(b.jf!)!) & A) === 0
      ) {
        b.stmts = b.stmts.slice(0, -1);
        b.code = BPF_JMP | BPF_JSET | BPF_K;
        b.k = last.k;
        [b.jt, b.jf] = [b.jf, b.jt];
        this.changed = true;
      }
    }
    if (!merge) return skip(root);
    // Merge identical blocks, children first.
    const canon = new Map<string, Block>();
    const repl = new Map<Block, Block>();
    for (let i = order.length - 1; i >= 0; i--) {
      const b = order[i]!;
      if (b.jt) b.jt = repl.get(b.jt) ?? b.jt;
      if (b.jf) b.jf = repl.get(b.jf) ?? b.jf;
      const key = `${
        b.stmts.map((s) => `${s.code},${s.k}`).join(";")
      }|${b.code},${b.k}|${b.jt?.id}|${b.jf?.id}`;
      const c = canon.get(key);
      if (c && c !== b) {
        repl.set(b, c);
        this.changed = true;
      } else canon.set(key, b);
    }
    root = repl.get(root) ?? root;
    return skip(root);
  }
}

function copy(s: State): State {
  return { a: s.a, x: s.x, m: [...s.m] };
}

/** Registers a block reads before writing them (its statements and its branch). */
function upwardUses(b: Block): number {
  let live = branchUses(b);
  for (let j = b.stmts.length - 1; j >= 0; j--) {
    const s = b.stmts[j]!;
    live = (live & ~defs(s)) | uses(s);
  }
  return live;
}

function meet(states: State[]): State {
  const first = states[0]!;
  const out: State = { a: first.a, x: first.x, m: [...first.m] };
  for (const s of states.slice(1)) {
    if (s.a !== out.a) out.a = undefined;
    if (s.x !== out.x) out.x = undefined;
    for (let i = 0; i < 16; i++) if (s.m[i] !== out.m[i]) out.m[i] = undefined;
  }
  return out;
}

/**
 * Facts true on every path into a block: the lists' common tail (shared nodes), plus the
 * facts every list's own head holds (a fact outside the tail is in all lists only if it is
 * in all heads). Heads longer than MAX_HEAD are cut, which forgets facts but never invents one.
 */
function intersect(lists: Facts[]): Facts {
  const first = lists[0]!;
  if (lists.every((l) => l === first)) return first;
  // The common tail: align every list to the shortest, then step together until they meet.
  let tail: Facts[] = lists.slice();
  const minLen = Math.min(...tail.map((l) => l?.len ?? 0));
  tail = tail.map((l) => {
    while (l && l.len > minLen) l = l.next;
    return l;
  });
  while (tail[0] && !tail.every((l) => l === tail[0])) tail = tail.map((l) => l!.next);
  const common = tail[0] ?? null;
  // The heads: what each list holds above the tail.
  let shared: Map<string, Fact> | undefined;
  for (const l of lists) {
    const mine = new Map<string, Fact>();
    let n = 0;
    for (let c: Facts = l; c && c !== common && n < MAX_HEAD; c = c.next, n++) {
      if (!shared || shared.has(c.fact.key)) mine.set(c.fact.key, c.fact);
    }
    shared = mine;
    if (shared.size === 0) break;
  }
  let out: Facts = common;
  for (const f of shared?.values() ?? []) out = push(f, out);
  return out;
}

/**
 * Optimizes a control-flow graph in place.
 *
 * @param root Entry block.
 * @returns The new entry block.
 */
export function optimize(root: Block): Block {
  return new Optimizer().run(root);
}
