// IGMP v1-v3 as tcpdump 4.99 prints it (print-igmp.c).

import { dvmrpPrint } from "./dvmrp.ts";
import { type Ctx, relts, tok, Truncated } from "./_ctx.ts";

const IGMPV3_REC: Record<number, string> = {
  1: "is_in",
  2: "is_ex",
  3: "to_in",
  4: "to_ex",
  5: "allow",
  6: "block",
};

/** igmp_print(). */
export function igmpPrint(c: Ctx, off: number, len: number): void {
  c.proto = "igmp";
  if (c.f.q) {
    c.print("igmp");
    return;
  }
  const type = c.u8(off);
  switch (type) {
    case 0x11:
      c.print("igmp query");
      if (len >= 12) igmpv3Query(c, off, len);
      else {
        const mrc = c.u8(off + 1);
        if (mrc === 0) c.print(" v1");
        else {
          c.print(" v2");
          if (mrc !== 100) c.print(` [max resp time ${mrc}]`);
        }
        if (c.u32(off + 4) !== 0) c.print(` [gaddr ${c.ip4(off + 4)}]`);
        if (len !== 8) c.print(` [len ${len}]`);
      }
      break;
    case 0x12:
      c.print(`igmp v1 report ${c.ip4(off + 4)}`);
      if (len !== 8) c.print(` [len ${len}]`);
      break;
    case 0x16:
      c.print(`igmp v2 report ${c.ip4(off + 4)}`);
      break;
    case 0x22:
      c.print("igmp v3 report");
      igmpv3Report(c, off, len);
      break;
    case 0x17:
      c.print(`igmp leave ${c.ip4(off + 4)}`);
      break;
    case 0x14:
      c.print("igmp pimv1");
      try {
        c.d.pimv1(c, off, len);
      } catch (e) {
        // pimv1_print() ends a cut message at its own trunc label: igmp_print() goes on
        if (!(e instanceof Truncated) || !e.soft) throw e;
        c.trunc();
      }
      break;
    case 0x1e:
      mtrace(c, "mresp", off, len);
      break;
    case 0x1f:
      mtrace(c, "mtrace", off, len);
      break;
    case 0x13:
      c.print("igmp dvmrp");
      if (len < 8) c.print(` [len ${len}]`);
      else dvmrpPrint(c, off, len);
      break;
    default:
      c.print(`igmp-${type}`);
  }
  if (c.f.v && len >= 4 && c.has(off, len) && (~c.sum(off, len) & 0xffff) !== 0) {
    c.print(` bad igmp cksum ${c.u16(off + 2).toString(16)}!`);
  }
}

/** print_mtrace(): a multicast traceroute query or response (its name, id and addresses). */
function mtrace(c: Ctx, name: string, off: number, len: number): void {
  const tr = off + 8;
  if (len < 8 + 16) return c.print(` [invalid len ${len}]`);
  const qid = (c.u16(tr + 13) << 8) | c.u8(tr + 15);
  c.print(
    `${name} ${qid}: ${c.ip4(tr)} to ${c.ip4(tr + 4)} reply-to ${c.ip4(tr + 8)}`,
  );
  if ((c.u8(tr + 8) & 0xf0) === 0xe0) c.print(` with-ttl ${c.u8(tr + 12)}`);
}

function igmpv3Query(c: Ctx, off: number, len: number): void {
  c.print(" v3");
  if ((len & 3) !== 0) {
    c.print(` [invalid len ${len}]`);
    return;
  }
  const mrc = c.u8(off + 1);
  const mrt = mrc < 128 ? mrc : ((mrc & 0x0f) | 0x10) << (((mrc & 0x70) >> 4) + 3);
  if (mrc !== 100) {
    c.print(" [max resp time ");
    c.print(mrt < 600 ? `${(mrt * 0.1).toFixed(1)}s` : relts(Math.floor(mrt / 10)));
    c.print("]");
  }
  if (c.u32(off + 4) === 0) return;
  c.print(` [gaddr ${c.ip4(off + 4)}`);
  const ns = c.u16(off + 10);
  if (ns > 0) {
    if (len < 12 + (ns << 2)) c.print(" [invalid number of sources]");
    else if (c.f.v > 1) {
      c.print(" {");
      for (let i = 0; i < ns; i++) c.print(` ${c.ip4(off + 12 + (i << 2))}`);
      c.print(" }");
    } else c.print(`, ${ns} source(s)`);
  }
  c.print("]");
}

function igmpv3Report(c: Ctx, off: number, len: number): void {
  if (len < 8 || (len & 3) !== 0) {
    c.print(` [invalid len ${len}]`);
    return;
  }
  const n = c.u16(off + 6);
  c.print(`, ${n} group record(s)`);
  if (!c.f.v) return;
  let g = 8;
  for (let i = 0; i < n; i++) {
    if (len < g + 8) {
      c.print(" [invalid number of groups]");
      return;
    }
    c.print(` [gaddr ${c.ip4(off + g + 4)}`);
    c.print(` ${tok(IGMPV3_REC, " [v3-report-#%u]", c.u8(off + g))}`);
    const ns = c.u16(off + g + 2);
    if (len < g + 8 + (ns << 2)) {
      c.print(` [invalid number of sources ${ns}]`);
      return;
    }
    if (c.f.v === 1) c.print(`, ${ns} source(s)`);
    else {
      c.print(" {");
      for (let j = 0; j < ns; j++) c.print(` ${c.ip4(off + g + 8 + (j << 2))}`);
      c.print(" }");
    }
    g += 8 + (ns << 2);
    c.print("]");
  }
}
