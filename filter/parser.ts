/**
 * A recursive-descent parser for libpcap's grammar (grammar.y): `and` and `or`
 * share one precedence and group left to right, a bare value after `and`/`or`
 * inherits the qualifiers of the primitive before it (`host a or b`).
 *
 * @module
 */

import type { AddrQual, Arith, DirQual, IdValue, Node, Qualifiers } from "./ast.ts";
import { FilterSyntaxError } from "./errors.ts";
import { lex, type Token } from "./lexer.ts";
import {
  WLAN_DIRS,
  WLAN_SUBTYPE_MASK,
  WLAN_SUBTYPES,
  WLAN_TYPE_MASK,
  WLAN_TYPES,
  wlanName,
} from "./wlan.ts";

/** Protocol names usable as qualifiers and alone (`pname` in grammar.y). */
const PNAMES = new Set([
  "ether",
  "ip",
  "arp",
  "rarp",
  "sctp",
  "tcp",
  "udp",
  "icmp",
  "igmp",
  "igrp",
  "pim",
  "vrrp",
  "carp",
  "atalk",
  "aarp",
  "decnet",
  "lat",
  "sca",
  "moprc",
  "mopdl",
  "ip6",
  "icmp6",
  "ah",
  "esp",
  "iso",
  "esis",
  "isis",
  "l1",
  "l2",
  "iih",
  "lsp",
  "snp",
  "psnp",
  "csnp",
  "clnp",
  "stp",
  "ipx",
  "netbeui",
  "radio",
]);
const AQUALS = new Set(["host", "net", "port", "portrange"]);
/** 802.11 address qualifiers, which stand where `src` or `dst` would. */
const WLAN_DQUALS = new Set(["addr1", "addr2", "addr3", "addr4", "ra", "ta"]);
const RELOPS = new Set([">", ">=", "=", "<=", "<", "!="]);
const ARITH_OPS = new Set(["+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>"]);
/**
 * libpcap's grammar gives `|`, `&`, shifts, `+ -` and `* /` the usual left-associative
 * levels, and `%` and `^` none at all: yacc then always shifts, so each of them takes the
 * operand just before it (a unary minus included) and the whole rest of the arithmetic
 * after it: `a + b % c * d` is `a + (b % (c * d))`, `-a ^ b` is `-(a ^ b)`.
 */
const BINARY_PRECEDENCE: Record<string, number> = {
  "|": 1,
  "&": 2,
  "<<": 3,
  ">>": 3,
  "+": 4,
  "-": 4,
  "*": 5,
  "/": 5,
};
const NO_PRECEDENCE = new Set(["%", "^"]);

type Q = Qualifiers | null; // null is libpcap's qerr: no qualifiers to inherit

class Backtrack extends Error {}

/** Deepest nesting (parentheses, `not`, unary minus) and longest arithmetic accepted. */
const MAX_DEPTH = 500;
const MAX_OPERATORS = 500;

class Parser {
  readonly src: string;
  readonly toks: Token[];
  pos = 0;
  depth = 0;
  operators = 0;
  /** Counts one level of nesting for the duration of `f`. */
  nest<T>(f: () => T): T {
    if (++this.depth > MAX_DEPTH) this.fail(`expression nested more than ${MAX_DEPTH} deep`);
    try {
      return f();
    } finally {
      this.depth--;
    }
  }
  constructor(src: string, toks: Token[]) {
    this.src = src;
    this.toks = toks;
  }
  peek(n = 0): Token {
    return this.toks[Math.min(this.pos + n, this.toks.length - 1)]!;
  }
  next(): Token {
    const t = this.peek();
    if (this.pos < this.toks.length - 1) this.pos++;
    return t;
  }
  is(text: string, n = 0): boolean {
    const t = this.peek(n);
    return (t.kind === "kw" || t.kind === "op") && t.text === text;
  }
  fail(reason: string, t: Token = this.peek()): never {
    throw new FilterSyntaxError(this.src, reason, t.offset);
  }
  unexpected(t: Token = this.peek(), wanted?: string): never {
    const what = t.kind === "end"
      ? "unexpected end of expression"
      : t.kind === "kw" || t.kind === "id"
      ? `unexpected word "${
        this.src.slice(t.offset).match(/^\S+?(?=[\s()\[\]:!=<>&|]|$)/)?.[0] ?? t.text
      }"`
      : `unexpected "${t.text}"`;
    this.fail(wanted ? `${what}, expected ${wanted}` : what, t);
  }
  expect(text: string, wanted: string): Token {
    if (!this.is(text)) this.unexpected(this.peek(), wanted);
    return this.next();
  }

  // expr: term | expr and term | expr and id | expr or term | expr or id
  expr(qBefore: Q): { node: Node; q: Q } {
    let { node, q } = this.term(qBefore);
    while (this.is("and") || this.is("or")) {
      const op = this.next().text as "and" | "or";
      if (this.idAhead(this.pos)) {
        const right = this.id(q, true);
        node = { type: op, left: node, right };
      } else {
        const r = this.term(q);
        node = { type: op, left: node, right: r.node };
        q = r.q;
      }
    }
    return { node, q };
  }

  /** Whether the tokens at `i` start a bare value (`id`) rather than a term. */
  idAhead(i: number): boolean {
    const t = this.toks[i]!;
    if (t.kind === "kw" && t.text === "not") return this.idAhead(i + 1);
    if (t.kind === "op" && t.text === "(") return this.idAhead(i + 1);
    if (t.kind === "hid" || t.kind === "hid6" || t.kind === "eid" || t.kind === "id") return true;
    if (t.kind === "num") {
      let j = i + 1;
      while (this.toks[j]!.kind === "op" && this.toks[j]!.text === ")") j++;
      const n = this.toks[j]!;
      return !(n.kind === "op" && (RELOPS.has(n.text) || ARITH_OPS.has(n.text)));
    }
    return false;
  }

  term(q: Q): { node: Node; q: Q } {
    if (this.is("not")) {
      this.next();
      const r = this.nest(() => this.term(q));
      return { node: { type: "not", expr: r.node }, q: r.q };
    }
    return this.rterm(q);
  }

  rterm(q: Q): { node: Node; q: Q } {
    const t = this.peek();
    if (this.is("(")) {
      const save = this.pos;
      try {
        this.next();
        const r = this.nest(() => this.expr(q));
        this.expect(")", '")"');
        const n = this.peek();
        if (n.kind === "op" && (RELOPS.has(n.text) || ARITH_OPS.has(n.text))) throw new Backtrack();
        return { node: r.node, q };
      } catch (e) {
        this.pos = save;
        if (!(e instanceof Backtrack || e instanceof FilterSyntaxError)) throw e;
        try {
          return { node: this.relation(), q: null };
        } catch (e2) {
          if (e instanceof FilterSyntaxError && e2 instanceof FilterSyntaxError) {
            throw e.offset >= e2.offset ? e : e2;
          }
          throw e2;
        }
      }
    }
    if (t.kind === "kw") {
      const k = t.text;
      if (PNAMES.has(k)) {
        const n = this.peek(1);
        if (n.kind === "op" && n.text === "[") return { node: this.relation(), q: null };
        if (n.kind === "kw" && (n.text === "broadcast" || n.text === "multicast")) {
          this.next();
          this.next();
          return { node: { type: n.text, proto: k, offset: t.offset }, q: null };
        }
        if (
          n.kind === "kw" &&
          (n.text === "src" || n.text === "dst" || AQUALS.has(n.text) || n.text === "proto" ||
            n.text === "protochain" || n.text === "gateway" || WLAN_DQUALS.has(n.text))
        ) return this.headId();
        this.next();
        return { node: { type: "pname", proto: k, offset: t.offset }, q: null };
      }
      if (
        k === "src" || k === "dst" || AQUALS.has(k) || k === "proto" || k === "protochain" ||
        k === "gateway" || WLAN_DQUALS.has(k)
      ) return this.headId();
      if (k === "type" || k === "subtype" || k === "dir") return { node: this.wlan(), q: null };
      if (k === "broadcast" || k === "multicast") {
        this.next();
        return { node: { type: k, offset: t.offset }, q: null };
      }
      if (k === "less" || k === "greater") {
        this.next();
        const n = this.pnum(`a length after "${k}"`);
        return { node: { type: k, value: n, offset: t.offset }, q: null };
      }
      if (k === "vlan" || k === "mpls" || k === "geneve" || k === "vxlan") {
        this.next();
        if (this.peek().kind === "num" || (this.is("(") && this.numInParens())) {
          return { node: { type: k, value: this.pnum("a number"), offset: t.offset }, q: null };
        }
        return { node: { type: k, offset: t.offset }, q: null };
      }
      if (k === "pppoes") {
        this.next();
        if (this.peek().kind === "num" || (this.is("(") && this.numInParens())) {
          return { node: { type: k, value: this.pnum("a number"), offset: t.offset }, q: null };
        }
        return { node: { type: k, offset: t.offset }, q: null };
      }
      if (k === "pppoed") {
        this.next();
        return { node: { type: k, offset: t.offset }, q: null };
      }
      if (k === "llc") {
        // `llc`, or `llc ID` with ID one of i, s, u or a subtype name; "rnr" is a keyword.
        this.next();
        const n = this.peek();
        const word = this.src.slice(n.offset).match(/^[A-Za-z0-9_.-]+/)?.[0] ?? "";
        if (n.kind === "id" || (n.kind === "kw" && word.toLowerCase() === "rnr")) {
          this.next();
          return { node: { type: "llc", kind: word, offset: n.offset }, q: null };
        }
        return { node: { type: "llc", offset: t.offset }, q: null };
      }
      if (k === "ifindex") {
        this.next();
        const value = this.pnum("an interface index");
        return { node: { type: "ifindex", value, offset: t.offset }, q: null };
      }
      if (k === "inbound" || k === "outbound") {
        this.next();
        return { node: { type: k, offset: t.offset }, q: null };
      }
      if (k === "byte") {
        this.next();
        const index = this.pnum("a byte offset");
        const op = this.peek();
        if (!(op.kind === "op" && ["&", "|", "<", ">", "="].includes(op.text))) {
          this.unexpected(op, "one of & | < > =");
        }
        this.next();
        const value = this.pnum("a number");
        return { node: { type: "byte", index, op: op.text, value, offset: t.offset }, q: null };
      }
      if (k === "len") return { node: this.relation(), q: null };
      if (k !== "and" && k !== "or" && k !== "not") {
        this.fail(`"${this.src.slice(t.offset).match(/^\S+/)?.[0]}" is not supported`, t);
      }
    }
    if (t.kind === "num" || (t.kind === "op" && t.text === "-")) {
      return { node: this.relation(), q: null };
    }
    if (t.kind === "id" || t.kind === "hid" || t.kind === "hid6" || t.kind === "eid") {
      this.fail(`a bare value needs a qualifier such as "host" or "port"`, t);
    }
    this.unexpected(t);
  }

  /**
   * `type T`, `type T subtype S`, `subtype S` (a name of any type's subtypes), `dir D`
   * (grammar.y's 802.11 rules): numbers must fit the field's mask, names are looked up
   * without regard to case.
   */
  wlan(): Node {
    const t = this.next();
    const value = (): Token => {
      const v = this.peek();
      if (v.kind !== "num" && v.kind !== "id") this.unexpected(v);
      return this.next();
    };
    const hex = (n: number) => `0x${n.toString(16).padStart(2, "0")}`;
    if (t.text === "dir") {
      const v = value();
      if (v.kind === "num") {
        return { type: "wlan", field: "dir", value: v.value, mask: 3, offset: t.offset };
      }
      const d = wlanName(WLAN_DIRS, v.text);
      if (d === undefined) this.fail("unknown 802.11 direction", v);
      return { type: "wlan", field: "dir", value: d, mask: 3, offset: t.offset };
    }
    if (t.text === "subtype") {
      const v = this.peek();
      if (v.kind !== "id") this.unexpected(v);
      this.next();
      for (const [type, names] of WLAN_SUBTYPES) {
        const s = wlanName(names, v.text);
        if (s !== undefined) {
          return {
            type: "wlan",
            field: "type",
            value: type | s,
            mask: WLAN_TYPE_MASK | WLAN_SUBTYPE_MASK,
            offset: t.offset,
          };
        }
      }
      this.fail(`unknown 802.11 type name "${v.text}"`, v);
    }
    const v = value();
    let type: number;
    if (v.kind === "num") {
      if ((v.value & ~WLAN_TYPE_MASK) !== 0) {
        this.fail(`invalid 802.11 type value ${hex(v.value)}`, v);
      }
      type = v.value;
    } else {
      const n = wlanName(WLAN_TYPES, v.text);
      if (n === undefined) this.fail(`unknown 802.11 type name "${v.text}"`, v);
      type = n;
    }
    if (!this.is("subtype")) {
      return { type: "wlan", field: "type", value: type, mask: WLAN_TYPE_MASK, offset: t.offset };
    }
    this.next();
    const sv = value();
    let sub: number;
    if (sv.kind === "num") {
      if ((sv.value & ~WLAN_SUBTYPE_MASK) !== 0) {
        this.fail(`invalid 802.11 subtype value ${hex(sv.value)}`, sv);
      }
      sub = sv.value;
    } else {
      const names = WLAN_SUBTYPES.find(([ty]) => ty === type)?.[1];
      if (names === undefined) this.fail("unknown 802.11 type", sv);
      const n = wlanName(names, sv.text);
      if (n === undefined) this.fail(`unknown 802.11 subtype name "${sv.text}"`, sv);
      sub = n;
    }
    return {
      type: "wlan",
      field: "type",
      value: type | sub,
      mask: WLAN_TYPE_MASK | WLAN_SUBTYPE_MASK,
      offset: t.offset,
    };
  }

  numInParens(): boolean {
    let i = this.pos;
    while (this.toks[i]!.kind === "op" && this.toks[i]!.text === "(") i++;
    return this.toks[i]!.kind === "num";
  }

  // head: pqual dqual aqual | pqual dqual | pqual aqual | pqual PROTO | pqual PROTOCHAIN | pqual GATEWAY
  headId(): { node: Node; q: Q } {
    const q: Qualifiers = {};
    if (PNAMES.has(this.peek().text) && this.peek().kind === "kw") q.proto = this.next().text;
    let dir: DirQual | undefined;
    const w = this.peek();
    if (w.kind === "kw" && WLAN_DQUALS.has(w.text)) {
      this.next();
      dir = w.text as DirQual;
      q.dir = dir;
    } else if (this.is("src") || this.is("dst")) {
      const first = this.next().text;
      dir = first as DirQual;
      if ((this.is("or") || this.is("and")) && (this.is("src", 1) || this.is("dst", 1))) {
        const op = this.next().text;
        const second = this.next().text;
        if (second === first) this.unexpected(this.toks[this.pos - 1]);
        dir = op === "or" ? "src or dst" : "src and dst";
      }
      q.dir = dir;
    }
    const t = this.peek();
    if (
      t.kind === "kw" &&
      (AQUALS.has(t.text) || (!dir && ["proto", "protochain", "gateway"].includes(t.text)))
    ) {
      q.addr = this.next().text as AddrQual;
    } else if (!dir) this.unexpected(t);
    return { node: this.id(q, false), q };
  }

  // id: nid | pnum | paren pid ')'; nid: ID | HID '/' NUM | HID NETMASK HID | HID | HID6 ['/' NUM] | EID | not id
  id(q: Q, inherited: boolean): Node {
    const t = this.peek();
    if (this.is("not")) {
      this.next();
      return { type: "not", expr: this.nest(() => this.id(q, inherited)) };
    }
    if (this.is("(")) {
      this.next();
      let node = this.nest(() => this.id(q, inherited));
      while (this.is("and") || this.is("or")) {
        const op = this.next().text as "and" | "or";
        node = { type: op, left: node, right: this.nest(() => this.id(q, inherited)) };
      }
      this.expect(")", '")"');
      return node;
    }
    if (q === null && ["num", "hid", "hid6", "eid", "id"].includes(t.kind)) {
      this.fail(`a bare value needs a qualifier such as "host" or "port"`, t);
    }
    const qq = q as Qualifiers;
    let value: IdValue;
    if (t.kind === "num") {
      this.next();
      value = { kind: "num", value: t.value };
    } else if (t.kind === "hid") {
      this.next();
      value = { kind: "hid", text: t.text };
      if (this.is("/")) {
        this.next();
        value.len = this.num("a prefix length");
      } else if (this.is("netmask")) {
        this.next();
        const m = this.next();
        if (m.kind !== "hid") this.unexpected(m, "a dotted netmask");
        value.mask = m.text;
      }
    } else if (t.kind === "hid6") {
      this.next();
      value = { kind: "hid6", text: t.text };
      if (this.is("/")) {
        this.next();
        value.len = this.num("a prefix length");
      }
    } else if (t.kind === "eid") {
      this.next();
      value = { kind: "eid", text: t.text };
    } else if (t.kind === "id") {
      this.next();
      value = { kind: "name", text: t.text };
    } else {
      const what = qq.addr ? `a value after "${qq.addr}"` : "a value";
      this.unexpected(t, what);
    }
    return { type: "id", q: qq, value, offset: t.offset };
  }

  num(wanted: string): number {
    const t = this.peek();
    if (t.kind !== "num") this.unexpected(t, wanted);
    this.next();
    return t.value;
  }

  // pnum: NUM | paren pnum ')'
  pnum(wanted: string): number {
    if (this.is("(")) {
      this.next();
      const v = this.pnum(wanted);
      this.expect(")", '")"');
      return v;
    }
    return this.num(wanted);
  }

  relation(): Node {
    const start = this.peek();
    const left = this.arith(0);
    const op = this.peek();
    if (!(op.kind === "op" && RELOPS.has(op.text))) {
      this.unexpected(op, "a comparison (> >= = != < <=)");
    }
    this.next();
    const right = this.arith(0);
    return { type: "rel", op: op.text, left, right, offset: start.offset };
  }

  arith(minPrec: number): Arith {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      const prec = t.kind === "op" ? BINARY_PRECEDENCE[t.text] : undefined;
      if (prec === undefined || prec < minPrec) break;
      this.next();
      if (++this.operators > MAX_OPERATORS) {
        this.fail(`arithmetic longer than ${MAX_OPERATORS} operators`, t);
      }
      const right = this.nest(() => this.arith(prec + 1));
      left = { type: "bin", op: t.text, left, right, offset: t.offset };
    }
    return left;
  }

  unary(): Arith {
    const operand = this.primary();
    const t = this.peek();
    if (t.kind !== "op" || !NO_PRECEDENCE.has(t.text)) return operand;
    this.next();
    if (++this.operators > MAX_OPERATORS) {
      this.fail(`arithmetic longer than ${MAX_OPERATORS} operators`, t);
    }
    const right = this.nest(() => this.arith(0));
    return { type: "bin", op: t.text, left: operand, right, offset: t.offset };
  }

  primary(): Arith {
    const t = this.peek();
    if (this.is("-")) {
      this.next();
      return { type: "neg", expr: this.nest(() => this.unary()) };
    }
    if (this.is("(")) {
      this.next();
      const e = this.nest(() => this.arith(0));
      this.expect(")", '")"');
      return e;
    }
    if (t.kind === "num") {
      this.next();
      return { type: "num", value: t.value >>> 0 };
    }
    if (t.kind === "kw" && t.text === "len") {
      this.next();
      return { type: "len" };
    }
    if (t.kind === "kw" && PNAMES.has(t.text) && this.is("[", 1)) {
      this.next();
      this.next();
      const index = this.nest(() => this.arith(0));
      let size = 1;
      if (this.is(":")) {
        this.next();
        const s = this.peek();
        size = this.num("a size (1, 2 or 4)");
        if (size !== 1 && size !== 2 && size !== 4) {
          this.fail(`data size must be 1, 2 or 4, not ${size}`, s);
        }
      }
      this.expect("]", '"]"');
      return { type: "load", proto: t.text, index, size, offset: t.offset };
    }
    this.unexpected(t, "a number, len or proto[offset]");
  }
}

/**
 * Parses a filter expression into a tree.
 *
 * @param src The expression.
 * @returns The tree, or `undefined` for an empty expression (accept everything).
 */
export function parse(src: string): Node | undefined {
  const toks = lex(src);
  if (!Array.isArray(toks)) throw new FilterSyntaxError(src, toks.error, toks.offset);
  if (toks.length === 1) return undefined;
  const p = new Parser(src, toks);
  const { node } = p.expr(null);
  if (p.peek().kind !== "end") p.unexpected();
  return node;
}
