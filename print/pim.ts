// PIM as tcpdump 4.99 prints it (print-pim.c): PIMv2 over IPv4 and IPv6 (RFC 7761 sparse
// mode, RFC 3973 dense mode, RFC 5015 bidir DF election, RFC 5059 bootstrap), PIMv1 carried
// in IGMP, and Cisco's auto-RP announcements.

import { type Ctx, hex, type IpInfo, pseudoSum, relts, tok, Truncated } from "./_ctx.ts";

const V1_TYPE: Record<number, string> = {
  0: "Query",
  1: "Register",
  2: "Register-Stop",
  3: "Join/Prune",
  4: "RP-reachable",
  5: "Assert",
  6: "Graft",
  7: "Graft-ACK",
};
const V2_TYPE: Record<number, string> = {
  0: "Hello",
  1: "Register",
  2: "Register Stop",
  3: "Join / Prune",
  4: "Bootstrap",
  5: "Assert",
  6: "Graft",
  7: "Graft Acknowledgement",
  8: "Candidate RP Advertisement",
  9: "Prune Refresh",
  10: "DF Election",
  11: "ECMP Redirect",
};
const HELLO_OPT: Record<number, string> = {
  1: "Hold Time",
  2: "LAN Prune Delay",
  18: "DR Priority (Old)",
  19: "DR Priority",
  20: "Generation ID",
  21: "State Refresh Capability",
  22: "Bi-Directional Capability",
  24: "Address List",
  65001: "Address List (Old)",
};
const REGISTER_FLAG: Record<number, string> = { 0x80000000: "Border", 0x40000000: "Null" };
const DF_SUBTYPE: Record<number, string> = { 1: "Offer", 2: "Winner", 3: "Backoff", 4: "Pass" };

/** A nd_print_trunc() as a jump: the message ends here with " [|proto]". */
const trunc = () => new Truncated(true);

/** pimv1_join_prune_print(). */
function v1JoinPrune(c: Ctx, bp: number, len: number): void {
  // a single group and a single source: one line
  if (c.has(bp, 30) && c.u8(bp + 11) === 1) {
    const njoin = c.u16(bp + 20);
    if (njoin + c.u16(bp + 22) === 1) {
      c.print(` RPF ${c.ip4(bp)} `);
      const hold = c.u16(bp + 6);
      if (hold !== 180) c.print(`Hold ${relts(hold)}`);
      c.print(
        `${njoin ? "Join" : "Prune"} (${c.ip4(bp + 26)}/${c.u8(bp + 25) & 0x3f}, ${c.ip4(bp + 12)}`,
      );
      if (c.u32(bp + 16) !== 0xffffffff) c.print(`/${c.ip4(bp + 16)}`);
      const f = c.u8(bp + 25);
      c.print(
        `) ${c.u8(bp + 24) & 1 ? "Sparse" : "Dense"}${f & 0x80 ? " WC" : ""} ${
          f & 0x40 ? "RP" : "SPT"
        }`,
      );
      return;
    }
  }
  if (len < 4) throw trunc();
  if (c.f.v > 1) c.print("\n");
  c.print(` Upstream Nbr: ${c.ip4(bp)}`);
  bp += 4, len -= 4;
  if (len < 4) throw trunc();
  if (c.f.v > 1) c.print("\n");
  c.print(" Hold time: ");
  c.print(relts(c.u16(bp + 2)));
  if (c.f.v < 2) return;
  bp += 4, len -= 4;
  if (len < 4) throw trunc();
  let ngroups = c.u8(bp + 3);
  bp += 4, len -= 4;
  while (ngroups-- > 0) {
    if (len < 4) throw trunc();
    c.print(`\n\tGroup: ${c.ip4(bp)}`);
    bp += 4, len -= 4;
    if (len < 4) throw trunc();
    if (c.u32(bp) !== 0xffffffff) c.print(`/${c.ip4(bp)}`);
    bp += 4, len -= 4;
    if (len < 4) throw trunc();
    const nj = c.u16(bp), np = c.u16(bp + 2);
    c.print(` joined: ${nj} pruned: ${np}`);
    bp += 4, len -= 4;
    for (let k = 0; k < nj + np; k++) {
      if (len < 6) throw trunc();
      const f = c.u8(bp + 1);
      c.print(
        `\n\t${k < nj ? "Join " : "Prune"} ${c.u8(bp) & 1 ? "Sparse " : "Dense "}${
          f & 0x80 ? "WC " : ""
        }${f & 0x40 ? "RP " : "SPT "}${c.ip4(bp + 2)}/${f & 0x3f}`,
      );
      bp += 6, len -= 6;
    }
  }
}

/** pimv1_print(): the body of an IGMP message of type 0x14. */
export function pimv1Print(c: Ctx, bp: number, len: number): void {
  c.proto = "pimv1";
  const type = c.u8(bp + 1);
  c.print(` ${tok(V1_TYPE, "[type %u]", type)}`);
  switch (type) {
    case 0:
      if (c.has(bp + 8, 1)) {
        const mode = c.u8(bp + 8) >> 4;
        c.print(
          [" Dense-mode", " Sparse-mode", " Sparse-Dense-mode"][mode] ?? ` mode-${mode}`,
        );
      }
      if (c.f.v) {
        c.print(" (Hold-time ");
        c.print(`${relts(c.u16(bp + 10))})`);
      }
      break;
    case 1:
      c.tcheck(bp + 8, 20);
      c.print(` for ${c.ip4(bp + 20)} > ${c.ip4(bp + 24)}`);
      break;
    case 2:
      c.print(` for ${c.ip4(bp + 8)} > ${c.ip4(bp + 12)}`);
      break;
    case 4:
      if (c.f.v) {
        c.print(` group ${c.ip4(bp + 8)}`);
        if (c.u32(bp + 12) !== 0xffffffff) c.print(`/${c.ip4(bp + 12)}`);
        c.print(` RP ${c.ip4(bp + 16)} hold `);
        c.print(relts(c.u16(bp + 22)));
      }
      break;
    case 5:
      c.print(` for ${c.ip4(bp + 16)} > ${c.ip4(bp + 8)}`);
      if (c.u32(bp + 12) !== 0xffffffff) c.print(`/${c.ip4(bp + 12)}`);
      c.print(
        ` ${c.u8(bp + 20) & 0x80 ? "RP-tree" : "SPT"} pref ${c.u32(bp + 20) & 0x7fffffff} metric ${
          c.u32(bp + 24)
        }`,
      );
      break;
    case 3:
    case 6:
    case 7:
      if (c.f.v) {
        if (len < 8) throw trunc();
        v1JoinPrune(c, bp + 8, len - 8);
      }
      break;
  }
  if (c.u8(bp + 4) >> 4 !== 1) c.print(` [v${c.u8(bp + 4) >> 4}]`);
}

/** cisco_autorp_print(): UDP port 496. */
export function autorpPrint(c: Ctx, bp: number, len: number): void {
  c.proto = "cisco_autorp";
  if (len < 8) throw trunc();
  c.print(" auto-rp ");
  const type = c.u8(bp);
  c.print(
    type === 0x11 ? "candidate-advert" : type === 0x12 ? "mapping" : `type-0x${hex(type, 2)}`,
  );
  let numrps = c.u8(bp + 1);
  c.print(" Hold ");
  const hold = c.u16(bp + 2);
  c.print(hold ? relts(hold) : "FOREVER");
  bp += 8, len -= 8;
  while (numrps-- > 0) {
    if (len < 4) throw trunc();
    c.print(` RP ${c.ip4(bp)}`);
    bp += 4, len -= 4;
    if (len < 1) throw trunc();
    const v = c.u8(bp);
    c.print([" PIMv?", " PIMv1", " PIMv2", " PIMv1+2"][v & 3]!);
    if (v & 0xfc) c.print(` [rsvd=0x${hex(v & 0xfc, 2)}]`);
    bp += 1, len -= 1;
    if (len < 1) throw trunc();
    let n = c.u8(bp);
    bp += 1, len -= 1;
    let sep = " ";
    while (n-- > 0) {
      if (len < 6) throw trunc();
      const f = c.u8(bp);
      c.print(`${sep}${f & 1 ? "!" : ""}${c.ip4(bp + 2)}/${c.u8(bp + 1)}`);
      if (f & 0x02) c.print(" bidir");
      if (f & 0xfc) c.print(`[rsvd=0x${hex(f & 0xfc, 2)}]`);
      sep = ",";
      bp += 6, len -= 6;
    }
  }
}

const UNICAST = 0, GROUP = 1, SOURCE = 2;

/** pimv2_addr_print(): an encoded address; its length, or -1 when it cannot be read. */
function addrPrint(c: Ctx, bp: number, len: number, at: number, addrLen: number): number {
  let af: number, hdrlen: number;
  if (addrLen === 0) {
    if (len < 2) return -1;
    af = c.u8(bp);
    if (af === 1) addrLen = 4;
    else if (af === 2) addrLen = 16;
    else return -1;
    if (c.u8(bp + 1) !== 0) return -1;
    hdrlen = 2;
  } else {
    if (addrLen === 4) af = 1;
    else if (addrLen === 16) af = 2;
    else return -1;
    hdrlen = 0;
  }
  bp += hdrlen, len -= hdrlen;
  const addr = (at: number) => (af === 1 ? c.ip4(at) : c.ip6(at));
  if (at === UNICAST) {
    if (len < addrLen) return -1;
    c.tcheck(bp, addrLen);
    c.print(addr(bp));
    return hdrlen + addrLen;
  }
  if (len < addrLen + 2) return -1;
  c.tcheck(bp, addrLen + 2);
  const mask = c.u8(bp + 1);
  c.print(addr(bp + 2));
  if (mask !== (af === 1 ? 32 : 128)) c.print(`/${mask}`);
  const f = c.u8(bp);
  if (f) {
    if (at === GROUP) c.print(`(0x${hex(f, 2)})`);
    else {
      c.print(`(${f & 4 ? "S" : ""}${f & 2 ? "W" : ""}${f & 1 ? "R" : ""}`);
      if (f & 0xf8) c.print(`+0x${hex(f & 0xf8, 2)}`);
      c.print(")");
    }
  }
  return hdrlen + 2 + addrLen;
}

/** pim_print(): a PIM message after an IPv4 or IPv6 header. */
export function pimPrint(c: Ctx, bp: number, len: number, ip: IpInfo): void {
  c.proto = "pim";
  const tv = c.u8(bp), ver = tv >> 4, type = tv & 0x0f;
  if (ver !== 2) return c.print(`PIMv${ver}, length ${len}`);
  if (!c.f.v) return c.print(`PIMv2, ${tok(V2_TYPE, "Unknown Type", type)}, length ${len}`);
  c.print(`PIMv2, length ${len}\n\t${tok(V2_TYPE, "Unknown Type", type)}`);
  v2Print(c, bp, len, ip);
}

function v2Print(c: Ctx, bp: number, len: number, ip: IpInfo): void {
  c.proto = "pimv2";
  if (len < 2) return c.print(`[length ${len} < 2] (invalid)`);
  const type = c.u8(bp) & 0x0f, rsv = c.u8(bp + 1), addrLen = rsv & 0x0f;
  if (addrLen !== 0) c.print(", RFC2117-encoding");
  if (len < 4) return c.print(`[length ${len} < 4] (invalid)`);
  const field = c.u16(bp + 2);
  c.print(`, cksum 0x${hex(field)} `);
  if (field === 0) c.print("(unverified)");
  else {
    const check = (n: number) => {
      if (!c.has(bp, n)) return "unverified";
      const initial = ip.version === 6 ? pseudoSum(c, ip, 103, n) : 0;
      return (~c.sum(bp, n, initial) & 0xffff) ? "incorrect" : "correct";
    };
    let status = check(type === 1 ? 8 : len);
    if (type === 1 && status === "incorrect") status = check(len);
    c.print(`(${status})`);
  }
  bp += 4, len -= 4;
  try {
    v2Body(c, bp, len, type, rsv, addrLen);
  } catch (e) {
    if (!(e instanceof Truncated) || !e.soft) throw e;
    c.trunc();
  }
}

function v2Body(c: Ctx, bp: number, len: number, type: number, rsv: number, al: number): void {
  /** pimv2_addr_print() or a jump to the truncation marker. */
  const addr = (at: number) => {
    const n = addrPrint(c, bp, len, at, al);
    if (n < 0) throw trunc();
    bp += n, len -= n;
  };
  switch (type) {
    case 0:
      while (len !== 0) {
        if (len < 4) throw trunc();
        const otype = c.u16(bp), olen = c.u16(bp + 2);
        c.print(
          `\n\t  ${tok(HELLO_OPT, "Unknown", otype)} Option (${otype}), length ${olen}, Value: `,
        );
        bp += 4, len -= 4;
        if (len < olen) throw trunc();
        c.tcheck(bp, olen);
        const bad = (n: number) => c.print(`[option length ${olen} != ${n}] (invalid)`);
        switch (otype) {
          case 1:
            if (olen !== 2) return bad(2);
            c.print(relts(c.u16(bp)));
            break;
          case 2: {
            if (olen !== 4) return bad(4);
            const d = c.u16(bp);
            c.print(
              `\n\t    T-bit=${d >> 15}, LAN delay ${d & 0x7fff}ms, Override interval ${
                c.u16(bp + 2)
              }ms`,
            );
            break;
          }
          case 18:
          case 19:
            if (olen === 0) c.print("Bi-Directional Capability (Old)");
            else if (olen === 4) c.print(String(c.u32(bp)));
            else return bad(4);
            break;
          case 20:
            if (olen !== 4) return bad(4);
            c.print(`0x${hex(c.u32(bp), 8)}`);
            break;
          case 21:
            if (olen !== 4) return bad(4);
            c.print(`v${c.u8(bp)}`);
            if (c.u8(bp + 1) !== 0) c.print(`, interval ${relts(c.u8(bp + 1))}`);
            if (c.u16(bp + 2) !== 0) c.print(` ?0x${hex(c.u16(bp + 2))}?`);
            break;
          case 22:
            break;
          case 24:
          case 65001:
            if (c.f.v > 1) {
              let ptr = bp, plen = len;
              while (ptr < bp + olen) {
                c.print("\n\t    ");
                const n = addrPrint(c, ptr, plen, UNICAST, al);
                if (n < 0) throw trunc();
                ptr += n, plen -= n;
              }
            }
            break;
          default:
            if (c.f.v <= 1) c.hexData(bp, "\n\t    ", olen);
        }
        if (c.f.v > 1) c.hexData(bp, "\n\t    ", olen);
        bp += olen, len -= olen;
      }
      return;
    case 1: {
      if (len < 4) throw trunc();
      c.tcheck(bp, 4);
      c.print(`, Flags [ ${tok(REGISTER_FLAG, "none", c.u32(bp))} ]\n\t`);
      bp += 4, len -= 4;
      if (len === 0) throw trunc();
      const v = c.u8(bp) >> 4;
      if (v === 0) c.print(`IP-Null-header ${c.ip4(bp + 12)} > ${c.ip4(bp + 16)}`);
      else if (v === 4) c.d.ip(c, bp, len);
      else if (v === 6) c.d.ip6(c, bp, len);
      else c.print(`IP ver ${v}`);
      return;
    }
    case 2:
      c.print(" group=");
      addr(GROUP);
      c.print(" source=");
      addr(UNICAST);
      return;
    case 3:
    case 6:
    case 7: {
      if (type !== 7) {
        c.print(", upstream-neighbor: ");
        addr(UNICAST);
      }
      if (len < 4) throw trunc();
      c.tcheck(bp, 4);
      const ngroup = c.u8(bp + 1), hold = c.u16(bp + 2);
      c.print(`\n\t  ${ngroup} group(s)`);
      if (type !== 7) c.print(`, holdtime: ${hold === 0xffff ? "infinite" : relts(hold)}`);
      bp += 4, len -= 4;
      for (let i = 0; i < ngroup; i++) {
        c.print(`\n\t    group #${i + 1}: `);
        addr(GROUP);
        if (len < 4) throw trunc();
        c.tcheck(bp, 4);
        const nj = c.u16(bp), np = c.u16(bp + 2);
        c.print(`, joined sources: ${nj}, pruned sources: ${np}`);
        bp += 4, len -= 4;
        for (let j = 0; j < nj; j++) {
          c.print(`\n\t      joined source #${j + 1}: `);
          addr(SOURCE);
        }
        for (let j = 0; j < np; j++) {
          c.print(`\n\t      pruned source #${j + 1}: `);
          addr(SOURCE);
        }
      }
      return;
    }
    case 4: {
      if (len < 2) throw trunc();
      c.print(` tag=${c.u16(bp).toString(16)}`);
      bp += 2, len -= 2;
      if (len < 1) throw trunc();
      c.print(` hashmlen=${c.u8(bp)}`);
      if (len < 2) throw trunc();
      c.tcheck(bp + 2, 1);
      c.print(` BSRprio=${c.u8(bp + 1)}`);
      bp += 2, len -= 2;
      c.print(" BSR=");
      addr(UNICAST);
      for (let i = 0; len > 0; i++) {
        c.print(` (group${i}: `);
        addr(GROUP);
        if (len < 1) throw trunc();
        c.print(` RPcnt=${c.u8(bp)}`);
        if (len < 2) throw trunc();
        const frpcnt = c.u8(bp + 1);
        c.print(` FRPcnt=${frpcnt}`);
        if (len < 4) throw trunc();
        bp += 4, len -= 4;
        for (let j = 0; j < frpcnt && len > 0; j++) {
          c.print(` RP${j}=`);
          addr(UNICAST);
          if (len < 2) throw trunc();
          c.print(",holdtime=");
          c.print(relts(c.u16(bp)));
          if (len < 3) throw trunc();
          c.print(`,prio=${c.u8(bp + 2)}`);
          if (len < 4) throw trunc();
          bp += 4, len -= 4;
        }
        c.print(")");
      }
      return;
    }
    case 5:
      c.print(" group=");
      addr(GROUP);
      c.print(" src=");
      addr(UNICAST);
      if (len < 8) throw trunc();
      c.tcheck(bp, 8);
      if (c.u8(bp) & 0x80) c.print(" RPT");
      c.print(` pref=${c.u32(bp) & 0x7fffffff} metric=${c.u32(bp + 4)}`);
      return;
    case 8: {
      if (len < 1) throw trunc();
      const pfxcnt = c.u8(bp);
      c.print(` prefix-cnt=${pfxcnt}`);
      if (len < 2) throw trunc();
      c.print(` prio=${c.u8(bp + 1)}`);
      if (len < 4) throw trunc();
      c.print(" holdtime=");
      c.print(relts(c.u16(bp + 2)));
      bp += 4, len -= 4;
      c.print(" RP=");
      addr(UNICAST);
      for (let i = 0; i < pfxcnt && len > 0; i++) {
        c.print(` Group${i}=`);
        addr(GROUP);
      }
      return;
    }
    case 9:
      c.print(" src=");
      addr(UNICAST);
      c.print(" grp=");
      addr(GROUP);
      c.print(" forwarder=");
      addr(UNICAST);
      if (len < 2) throw trunc();
      c.print(" TUNR ");
      c.print(relts(c.u16(bp)));
      return;
    case 10: {
      const sub = rsv >> 4;
      c.print(`\n\t  ${tok(DF_SUBTYPE, "Unknown", sub)},`);
      c.print(" rpa=");
      addr(UNICAST);
      c.print(` sender pref=${c.u32(bp)} sender metric=${c.u32(bp + 4)}`);
      bp += 8, len -= 8;
      if (sub === 3 || sub === 4) {
        const what = sub === 3 ? "offer" : "new winner";
        c.print(`\n\t  ${what} addr=`);
        addr(UNICAST);
        c.print(` ${what} pref=${c.u32(bp)} ${what} metric=${c.u32(bp + 4)}`);
        bp += 8, len -= 8;
        if (sub === 3) c.print(` interval ${c.u16(bp)}ms`);
      }
      return;
    }
    default:
      c.print(` [type ${type}]`);
  }
}
