// DVMRP (IGMP type 0x13, draft-ietf-idmr-dvmrp-v3 and mrouted's messages) as tcpdump 4.99
// prints it (print-dvmrp.c): the message type, probes' generation id and neighbors, route
// reports, neighbor lists in both formats, prunes, grafts and their acknowledgements.

import { type Ctx, relts, tok } from "./_ctx.ts";

const TYPE: Record<number, string> = {
  1: "Probe",
  2: "Report",
  3: "Ask-neighbors(old)",
  4: "Neighbors(old)",
  5: "Ask-neighbors2",
  6: "Neighbors2",
  7: "Prune",
  8: "Graft",
  9: "Graft-ACK",
};

/** Thrown where print-dvmrp.c jumps to its invalid label: " (invalid)" ends the line. */
const INVALID = Symbol("invalid");

/** A 32-bit address as dotted decimal (intoa()). */
function dotted(v: number): string {
  return `${v >>> 24}.${(v >>> 16) & 0xff}.${(v >>> 8) & 0xff}.${v & 0xff}`;
}

/** dvmrp_print(): `len` (at least 8) bytes of IGMP message at `bp`, its header first. */
export function dvmrpPrint(c: Ctx, bp: number, len: number): void {
  c.proto = "dvmrp";
  try {
    const type = c.u8(bp + 1);
    const p = bp + 8, rest = len - 8;
    c.print(` ${tok(TYPE, "[type %u]", type)}`);
    switch (type) {
      case 1:
        if (c.f.v) probe(c, p, rest);
        break;
      case 2:
        if (c.f.v > 1) report(c, p, rest);
        break;
      case 4:
        neighbors(c, p, rest);
        break;
      case 6:
        neighbors2(c, p, rest, c.u8(bp + 7), c.u8(bp + 6));
        break;
      case 7:
        c.print(` src ${c.ip4(p)} grp ${c.ip4(p + 4)}`);
        c.print(" timer ");
        c.print(relts(c.u32(p + 8)));
        break;
      case 8:
      case 9:
        c.print(` src ${c.ip4(p)} grp ${c.ip4(p + 4)}`);
        break;
    }
  } catch (e) {
    if (e !== INVALID) throw e;
    c.print(" (invalid)");
  }
}

function report(c: Ctx, p: number, len: number): void {
  while (len !== 0) {
    if (len < 3) {
      c.print(` [length ${len} < 3]`);
      throw INVALID;
    }
    const m0 = c.u8(p), m1 = c.u8(p + 1), m2 = c.u8(p + 2);
    const mask = ((0xff << 24) | (m0 << 16) | (m1 << 8) | m2) >>> 0;
    const width = m2 ? 4 : m1 ? 3 : m0 ? 2 : 1;
    c.print(`\n\tMask ${dotted(mask)}`);
    p += 3, len -= 3;
    let done = 0;
    do {
      if (len < width + 1) {
        c.print("\n\t  [Truncated Report]");
        throw INVALID;
      }
      let origin = 0, i = 0;
      for (; i < width; i++) origin = ((origin << 8) | c.u8(p++)) >>> 0;
      for (; i < 4; i++) origin = (origin << 8) >>> 0;
      let metric = c.u8(p++);
      done = metric & 0x80;
      metric &= 0x7f;
      c.print(`\n\t  ${dotted(origin)} metric ${metric}`);
      len -= width + 1;
    } while (!done);
  }
}

function probe(c: Ctx, p: number, len: number): void {
  if (len < 4) {
    c.print(` [full length ${len} < 4]`);
    throw INVALID;
  }
  c.print(c.f.v > 1 ? "\n\t" : " ");
  c.print(`genid ${c.u32(p)}`);
  if (c.f.v < 2) return;
  p += 4, len -= 4;
  while (len !== 0) {
    if (len < 4) {
      c.print(`[remaining length ${len} < 4]`);
      throw INVALID;
    }
    c.print(`\n\tneighbor ${c.ip4(p)}`);
    p += 4, len -= 4;
  }
}

function neighbors(c: Ctx, p: number, len: number): void {
  while (len !== 0) {
    if (len < 7) {
      c.print(` [length ${len} < 7]`);
      throw INVALID;
    }
    const laddr = p;
    const metric = c.u8(p + 4), thresh = c.u8(p + 5);
    let ncount = c.u8(p + 6);
    p += 7, len -= 7;
    while (--ncount >= 0) {
      if (len < 4) {
        c.print(` [length ${len} < 4]`);
        throw INVALID;
      }
      c.print(` [${c.ip4(laddr)} ->`);
      c.print(` ${c.ip4(p)}, (${metric}/${thresh})]`);
      p += 4, len -= 4;
    }
  }
}

function neighbors2(c: Ctx, p: number, len: number, major: number, minor: number): void {
  c.print(` (v ${major}.${minor}):`);
  while (len !== 0) {
    if (len < 8) {
      c.print(` [length ${len} < 8]`);
      throw INVALID;
    }
    const laddr = p;
    const metric = c.u8(p + 4), thresh = c.u8(p + 5), flags = c.u8(p + 6);
    let ncount = c.u8(p + 7);
    p += 8, len -= 8;
    while (--ncount >= 0 && len !== 0) {
      if (len < 4) {
        c.print(` [length ${len} < 4]`);
        throw INVALID;
      }
      c.print(` [${c.ip4(laddr)} -> `);
      c.print(`${c.ip4(p)} (${metric}/${thresh}`);
      if (flags & 0x01) c.print("/tunnel");
      if (flags & 0x02) c.print("/srcrt");
      if (flags & 0x40) c.print("/querier");
      if (flags & 0x20) c.print("/disabled");
      if (flags & 0x10) c.print("/down");
      c.print(")]");
      p += 4, len -= 4;
    }
    if (ncount !== -1) {
      c.print(" [invalid ncount]");
      throw INVALID;
    }
  }
}
