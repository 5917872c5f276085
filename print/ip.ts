// Network layer as tcpdump 4.99 prints it: print-ip.c, print-ip6.c, print-ip6opts.c,
// print-frag6.c, print-rt6.c, and ip_demux_print() of print-ip-demux.c.

import { bits, cksumShouldBe, type Ctx, hex, type IpInfo, tok, Truncated } from "./_ctx.ts";
import { IP_PROTO_NAMES } from "../protocols.ts";

const FRAG_BITS = [[0x2000, "+"], [0x4000, "DF"], [0x8000, "rsvd"]] as const;

const IPOPT: Record<number, string> = {
  0: "EOL",
  1: "NOP",
  7: "RR",
  68: "timestamp",
  82: "traceroute",
  130: "security",
  131: "LSRR",
  137: "SSRR",
  148: "RA",
};

/** ip_optprint(); false when an option runs past the captured bytes. */
function ipOptPrint(c: Ctx, off: number, len: number): boolean {
  let sep = "";
  for (let i = 0; i < len;) {
    c.print(sep);
    sep = ",";
    const opt = c.u8(off + i);
    c.print(tok(IPOPT, "unknown %u", opt));
    let olen = 1;
    if (opt !== 0 && opt !== 1) {
      olen = c.u8(off + i + 1);
      if (olen < 2) {
        c.print(` [bad length ${olen}]`);
        return true;
      }
    }
    if (olen > len - i) {
      c.print(` [bad length ${olen}]`);
      return true;
    }
    if (opt === 0) return true;
    if (opt !== 1 && !c.has(off + i, olen)) return false;
    if (opt === 68) ipTimestamps(c, off + i, olen);
    else if (opt === 148) {
      if (olen < 4) c.print(` [bad length ${olen}]`);
      else if (c.u16(off + i + 2) !== 0) c.print(` value ${c.u16(off + i + 2)}`);
    } else if (opt === 7 || opt === 131 || opt === 137) {
      if (olen < 3) c.print(` [bad length ${olen}]`);
      else {
        const ptr = c.u8(off + i + 2) - 1;
        if (ptr < 3 || ((ptr + 1) & 3) !== 0 || ptr > olen + 1) c.print(` [bad ptr ${ptr + 1}]`);
        for (let a = 3; a < olen; a += 4) {
          c.print(` ${c.ip4(off + i + a)}`);
          if (ptr > a) c.print(",");
        }
      }
    }
    i += olen;
  }
  return true;
}

/** ip_printts(): the timestamp option (RFC 791), `^` marking the pointer. */
function ipTimestamps(c: Ctx, cp: number, length: number): void {
  if (length < 4) {
    c.print(`[bad length ${length}]`);
    return;
  }
  c.print(" TS{");
  const flag = c.u8(cp + 3);
  const hoplen = (flag & 0xf) !== 0 ? 8 : 4;
  if ((length - 4) & (hoplen - 1)) c.print(`[bad length ${length}]`);
  const ptr = c.u8(cp + 2) - 1;
  let len = 0;
  if (ptr < 4 || ((ptr - 4) & (hoplen - 1)) || ptr > length + 1) {
    c.print(`[bad ptr ${c.u8(cp + 2)}]`);
  }
  const kind = ["TSONLY", "TS+ADDR", undefined, "PRESPEC"][flag & 0xf];
  if (kind === undefined) c.print(`[bad ts type ${flag & 0xf}]`);
  else {
    c.print(kind);
    let type = " ";
    for (len = 4; len < length; len += hoplen) {
      if (ptr === len) type = " ^ ";
      c.print(`${type}${c.u32(cp + len + hoplen - 4)}@${hoplen !== 8 ? "" : c.ip4(cp + len)}`);
      type = " ";
    }
  }
  c.print(ptr === len ? " ^ " : "");
  c.print(flag >> 4 ? ` [${flag >> 4} hops not recorded]} ` : "}");
}

/** ip_print(). `length` is what the link layer says follows. */
export function ipPrint(c: Ctx, off: number, length: number): void {
  c.proto = "ip";
  if (!c.has(off, 1)) throw new Truncated(); // GET_U_1 of the version: a hard truncation
  const v = c.u8(off) >> 4;
  if (v !== 4) {
    c.print(`IP${v}${v === 6 ? ", wrong link-layer encapsulation" : ""} (invalid)`);
    return;
  }
  if (!c.f.e) c.print("IP ");
  c.tcheck(off, 20);
  if (length < 20) {
    c.print(`truncated-ip ${length}`);
    return;
  }
  const hlen = (c.u8(off) & 0x0f) * 4;
  if (hlen < 20) {
    c.print(`bad-hlen ${hlen}`);
    return;
  }
  const len = c.u16(off + 2);
  if (length < len) c.print(`truncated-ip - ${len - length} bytes missing! `);
  if (len < hlen) {
    c.print(`bad-len ${len}`);
    return;
  }
  const saveEnd = c.end;
  c.end = Math.min(c.end, off + len);
  const ipOff = c.u16(off + 6);
  const proto = c.u8(off + 9);
  const src = c.ip4(off + 12), dst = c.ip4(off + 16);
  if (c.f.v) {
    const tos = c.u8(off + 1);
    c.print(`(tos 0x${tos.toString(16)}`);
    c.print(["", ",ECT(1)", ",ECT(0)", ",CE"][tos & 3]!);
    const ttl = c.u8(off + 8);
    if (ttl >= 1) c.print(`, ttl ${ttl}`);
    c.print(
      `, id ${c.u16(off + 4)}, offset ${(ipOff & 0x1fff) * 8}, flags [${
        bits(FRAG_BITS, "none", ipOff)
      }], proto ${tok(IP_PROTO_NAMES, "unknown", proto)} (${proto})`,
    );
    c.print(`, length ${c.u16(off + 2)}`);
    let truncated = false;
    if (hlen > 20) {
      c.print(", options (");
      if (!ipOptPrint(c, off + 20, hlen - 20)) {
        c.print(" [truncated-option]");
        truncated = true;
      }
      c.print(")");
    }
    if (!c.f.K && c.has(off, hlen)) {
      const sum = (~c.sum(off, hlen)) & 0xffff;
      if (sum !== 0) {
        const field = c.u16(off + 10);
        c.print(`, bad cksum ${field.toString(16)} (->${cksumShouldBe(field, sum).toString(16)})!`);
      }
    }
    c.print(")\n    ");
    if (truncated) {
      c.print(`${src} > ${dst}: `);
      c.trunc();
      c.end = saveEnd;
      return;
    }
  }
  const info: IpInfo = {
    version: 4,
    off,
    src,
    dst,
    srcOff: off + 12,
    dstOff: off + 16,
    firstNh: proto,
  };
  if ((ipOff & 0x1fff) === 0) {
    if (proto !== 6 && proto !== 17 && proto !== 132 && proto !== 33) c.print(`${src} > ${dst}: `);
    if (!c.has(off, hlen)) {
      c.print(` [remaining caplen(${c.end - off}) < header length(${hlen})]`);
      throw new Truncated();
    }
    demux(c, off + hlen, len - hlen, info, (ipOff & 0x2000) !== 0, proto, c.u8(off + 8));
  } else {
    c.print(`${src} > ${dst}: ${c.f.names?.protocol(proto) ?? `ip-proto-${proto}`}`);
  }
  c.end = saveEnd;
}

/** ip_demux_print(): the protocol after an IPv4 header or an IPv6 header chain. */
function demux(
  c: Ctx,
  off: number,
  length: number,
  ip: IpInfo,
  fragmented: boolean,
  proto: number,
  ttl: number,
): void {
  switch (proto) {
    case 6:
      c.d.tcp(c, off, length, ip, fragmented);
      return;
    case 17:
      c.d.udp(c, off, length, ip, fragmented);
      return;
    case 1:
      if (ip.version === 4) c.d.icmp(c, off, length, fragmented);
      else c.print("[ICMP requires IPv4] (invalid)");
      return;
    case 58:
      if (ip.version === 6) c.d.icmp6(c, off, length, ip, fragmented);
      else c.print("[ICMPv6 requires IPv6] (invalid)");
      return;
    case 2:
      if (ip.version === 4) c.d.igmp(c, off, length);
      else c.print("[IGMP requires IPv4] (invalid)");
      return;
    case 47:
      c.d.gre(c, off, length);
      return;
    case 108:
      // ipcomp_print(): the CPI; tcpdump does not decompress
      c.proto = "ipcomp";
      c.print(`IPComp(cpi=0x${c.u16(off + 2).toString(16).padStart(4, "0")})`);
      return;
    case 50:
      c.d.esp(c, off, length);
      return;
    case 51: {
      // ip_demux_print(): AH, then its next header from the top (a cut header is "[|ah]")
      c.proto = "ah";
      const nh = c.u8(off);
      const advance = c.d.ah(c, off);
      demux(c, off + advance, length - advance, ip, fragmented, nh, ttl);
      return;
    }
    case 4:
      c.d.ip(c, off, length);
      return;
    case 41:
      c.d.ip6(c, off, length);
      return;
    case 112:
      if (c.f.T === "carp") c.d.carp(c, off, length, ttl);
      else c.d.vrrp(c, off, length, ip, ttl);
      return;
    case 89:
      if (ip.version === 4) c.d.ospf(c, off, length);
      else c.d.ospf6(c, off, length);
      return;
    case 103:
      c.d.pim(c, off, length, ip);
      return;
    case 88:
      c.d.eigrp(c, off, length);
      return;
    case 46:
      c.d.rsvp(c, off, length);
      return;
    case 132:
      c.d.sctp(c, off, length, ip);
      return;
    case 33:
      c.d.dccp(c, off, length, ip);
      return;
    case 8:
      c.d.egp(c, off, length);
      return;
    case 9:
      c.d.igrp(c, off, length);
      return;
    case 55:
      c.d.mobile(c, off, length);
      return;
    case 77:
      c.print(` nd ${length}`);
      return;
    case 143:
      if (ip.version === 6) c.d.ether(c, off, length);
      else c.print("[Ethernet requires IPv6] (invalid)");
      return;
    case 59:
      c.print("no next header");
      return;
    case 113:
      c.d.pgm(c, off, length, ip);
      return;
  }
  c.print(` ${c.f.names?.protocol(proto) ?? `ip-proto-${proto}`} ${length}`);
}

/** ip6_print(). */
export function ip6Print(c: Ctx, off: number, length: number): void {
  c.proto = "ip6";
  if (!c.has(off, 40)) {
    c.trunc();
    return;
  }
  if (length < 40) {
    c.print(`truncated-ip6 ${length}`);
    return;
  }
  if (!c.f.e) c.print("IP6 ");
  const v = c.u8(off) >> 4;
  if (v !== 6) {
    c.print(`version error: ${v} != 6`);
    return;
  }
  const payloadLen = c.u16(off + 4);
  let len: number;
  if (payloadLen !== 0) {
    len = payloadLen + 40;
    if (length < len) c.print(`truncated-ip6 - ${len - length} bytes missing!`);
  } else len = 40; // a jumbogram's length is in a hop-by-hop option, not decoded here
  let nh = c.u8(off + 6);
  const hlim = c.u8(off + 7);
  if (c.f.v) {
    const flow = c.u32(off);
    c.print("(");
    if (flow & 0x0ff00000) c.print(`class 0x${hex((flow & 0x0ff00000) >>> 20, 2)}, `);
    if (flow & 0x000fffff) c.print(`flowlabel 0x${hex(flow & 0x000fffff, 5)}, `);
    c.print(
      `hlim ${hlim}, next-header ${
        tok(IP_PROTO_NAMES, "unknown", nh)
      } (${nh}) payload length: ${payloadLen}) `,
    );
  }
  const saveEnd = c.end;
  c.end = Math.min(c.end, off + len);
  const src = c.ip6(off + 8), dst = c.ip6(off + 24);
  const info: IpInfo = {
    version: 6,
    off,
    src,
    dst,
    srcOff: off + 8,
    dstOff: off + 24,
    firstNh: nh,
  };
  let cp = off, advance = 40, remain = len, fragmented = false;
  try {
    while (cp < c.end && advance > 0) {
      if (remain < advance) {
        c.trunc();
        return;
      }
      cp += advance;
      remain -= advance;
      if (cp === off + 40 && nh !== 6 && nh !== 17 && nh !== 33 && nh !== 132) {
        c.print(`${src} > ${dst}: `);
      }
      switch (nh) {
        case 0:
          if (cp !== off + 40) {
            c.print("[The Hop-by-Hop Options header don't follow the IPv6 header] (invalid)");
            return;
          }
          // falls through
        case 60:
          advance = optHeader(c, cp, nh === 0 ? "HBH " : "DSTOPT ");
          if (advance < 0) return;
          nh = c.u8(cp);
          break;
        case 44: {
          advance = frag6(c, cp, off, payloadLen);
          if (advance < 0 || c.end <= cp + advance) return;
          nh = c.u8(cp);
          fragmented = true;
          break;
        }
        case 62: // the mobility header (RFC 6275; 62 its old number): nothing after it
        case 135:
          mobility(c, cp);
          return;
        case 43:
          if (!c.has(cp, 1)) {
            c.trunc();
            return;
          }
          advance = rt6(c, cp);
          if (advance < 0) return;
          nh = c.u8(cp);
          break;
        default:
          demux(c, cp, remain, info, fragmented, nh, hlim);
          return;
      }
      c.proto = "ip6";
    }
  } finally {
    c.end = saveEnd;
  }
}

const MH_TYPE: Record<number, string> = {
  0: "BRR",
  1: "HoTI",
  2: "CoTI",
  3: "HoT",
  4: "CoT",
  5: "BU",
  6: "BA",
  7: "BE",
};
const MH_MINLEN = [8, 16, 16, 24, 24, 12, 12, 24];

/** mobility_print(): the mobility message and, at -v, its options. */
function mobility(c: Ctx, bp: number): void {
  c.proto = "mobility";
  if (!c.has(bp + 1, 1)) return c.trunc();
  const mhlen = (c.u8(bp + 1) + 1) << 3;
  if (!c.has(bp + 2, 1)) return c.trunc();
  const type = c.u8(bp + 2);
  if (type <= 7 && mhlen < MH_MINLEN[type]!) {
    c.print(`(header length ${mhlen} is too small for type ${type})`);
    return c.trunc();
  }
  c.print(`mobility: ${tok(MH_TYPE, "type-#%u", type)}`);
  let hlen = 8;
  const cookie = (what: string) => {
    if (!c.has(bp + hlen + 4, 4)) throw new Truncated();
    c.print(
      ` ${what}=${hex(c.u32(bp + hlen), 8)}:${hex(c.u32(bp + hlen + 4), 8)}`,
    );
  };
  try {
    switch (type) {
      case 0:
        break;
      case 1:
      case 2:
        if (c.f.v) cookie(`${type === 1 ? "Home" : "Care-of"} Init Cookie`);
        hlen += 8;
        break;
      case 3:
      case 4:
        if (!c.has(bp + 6, 2)) throw new Truncated();
        c.print(` nonce id=0x${c.u16(bp + 6).toString(16)}`);
        if (c.f.v) cookie(`${type === 3 ? "Home" : "Care-of"} Init Cookie`);
        hlen += 8;
        if (c.f.v) cookie(`${type === 3 ? "Home" : "Care-of"} Keygen Token`);
        hlen += 8;
        break;
      case 5: {
        if (!c.has(bp + 6, 2)) throw new Truncated();
        c.print(` seq#=${c.u16(bp + 6)}`);
        if (!c.has(bp + hlen, 2)) throw new Truncated(true); // ND_TCHECK_2: its trunc label
        const f = c.u8(bp + hlen);
        if (f & 0xf0) {
          c.print(
            ` ${f & 0x80 ? "A" : ""}${f & 0x40 ? "H" : ""}${f & 0x20 ? "L" : ""}${
              f & 0x10 ? "K" : ""
            }`,
          );
        }
        hlen += 2;
        if (!c.has(bp + hlen, 2)) throw new Truncated();
        c.print(` lifetime=${c.u16(bp + hlen) << 2}`);
        hlen += 2;
        break;
      }
      case 6:
        if (!c.has(bp + 6, 1)) throw new Truncated();
        c.print(` status=${c.u8(bp + 6)}`);
        if (!c.has(bp + 7, 1)) throw new Truncated();
        if (c.u8(bp + 7) & 0x80) c.print(" K");
        if (!c.has(bp + hlen, 2)) throw new Truncated();
        c.print(` seq#=${c.u16(bp + hlen)}`);
        hlen += 2;
        if (!c.has(bp + hlen, 2)) throw new Truncated();
        c.print(` lifetime=${c.u16(bp + hlen) << 2}`);
        hlen += 2;
        break;
      case 7:
        if (!c.has(bp + 6, 1)) throw new Truncated();
        c.print(` status=${c.u8(bp + 6)}`);
        if (!c.has(bp + hlen, 16)) throw new Truncated();
        c.print(` homeaddr ${c.ip6(bp + hlen)}`);
        hlen += 16;
        break;
      default:
        c.print(` len=${c.u8(bp + 1)}`);
        return;
    }
    if (c.f.v && mobilityOpts(c, bp + hlen, mhlen - hlen)) c.trunc();
  } catch (e) {
    if (!(e instanceof Truncated) || !e.soft) throw e;
    c.trunc();
  }
}

/** mobility_opt_print(): true when cut. */
function mobilityOpts(c: Ctx, bp: number, len: number): boolean {
  let optlen = 0;
  for (let i = 0; i < len; i += optlen) {
    if (!c.has(bp + i, 1)) return true;
    const t = c.u8(bp + i);
    if (t === 0) optlen = 1;
    else {
      if (i + 1 >= len) return true;
      if (!c.has(bp + i + 1, 1)) return true;
      optlen = c.u8(bp + i + 1) + 2;
    }
    if (i + optlen > len) return true;
    if (!c.has(bp + i + optlen, 1)) return true;
    const left = len - i;
    switch (t) {
      case 0:
        c.print("(pad1)");
        break;
      case 1:
        if (left < 2) return c.print("(padn: trunc)"), true;
        c.print("(padn)");
        break;
      case 2:
        if (left < 4) return c.print("(refresh: trunc)"), true;
        c.print(`(refresh: ${c.u16(bp + i + 2) << 2})`);
        break;
      case 3:
        if (left < 18) return c.print("(altcoa: trunc)"), true;
        c.print(`(alt-CoA: ${c.ip6(bp + i + 2)})`);
        break;
      case 4:
        if (left < 6) return c.print("(ni: trunc)"), true;
        c.print(`(ni: ho=0x${hex(c.u16(bp + i + 2))} co=0x${hex(c.u16(bp + i + 4))})`);
        break;
      case 5:
        if (left < 12) return c.print("(auth: trunc)"), true;
        c.print("(auth)");
        break;
      default:
        if (left < 2) return c.print(`(sopt_type ${t}: trunc)`), true;
        c.print(`(type-0x${hex(t, 2)}: len=${c.u8(bp + i + 1)})`);
    }
  }
  return false;
}

/** hbhopt_process() / dstopt_process() with ip6_opt_process(). */
function optHeader(c: Ctx, cp: number, name: string): number {
  c.proto = name === "HBH " ? "hbhopt" : "dstopt";
  const hlen = (c.u8(cp + 1) + 1) << 3;
  if (!c.has(cp, hlen)) {
    c.trunc();
    return -1;
  }
  c.print(name);
  // dstopt_process() looks at the options at -v only (hbhopt_process() always: a jumbo
  // payload length may be among them)
  if (!c.f.v && name === "DSTOPT ") return hlen;
  const bp = cp + 2, len = hlen - 2;
  let optlen = 0;
  for (let i = 0; i < len; i += optlen) {
    const t = c.u8(bp + i);
    if (t === 0) optlen = 1;
    else {
      if (i + 1 < len) optlen = c.u8(bp + i + 1) + 2;
      else return bad();
    }
    if (i + optlen > len) return bad();
    switch (t) {
      case 0:
        if (c.f.v) c.print("(pad1)");
        break;
      case 1:
        if (len - i < 2) {
          c.print("(padn: trunc)");
          return bad();
        }
        if (c.f.v) c.print("(padn)");
        break;
      case 5:
        if (len - i < 4) {
          c.print("(rtalert: trunc)");
          return bad();
        }
        if (c.u8(bp + i + 1) !== 2) {
          c.print(`(rtalert: invalid len ${c.u8(bp + i + 1)})`);
          return bad();
        }
        if (c.f.v) c.print(`(rtalert: 0x${hex(c.u16(bp + i + 2))}) `);
        break;
      case 0xc2:
        if (len - i < 6) {
          c.print("(jumbo: trunc)");
          return bad();
        }
        if (c.u8(bp + i + 1) !== 4) {
          c.print(`(jumbo: invalid len ${c.u8(bp + i + 1)})`);
          return bad();
        }
        if (c.f.v) c.print(`(jumbo: ${c.u32(bp + i + 2)}) `);
        break;
      case 0xc9:
        if (len - i < 18) {
          c.print("(homeaddr: trunc)");
          return bad();
        }
        if (c.f.v) {
          c.print(`(homeaddr: ${c.ip6(bp + i + 2)}`);
          if (c.u8(bp + i + 1) > 16) c.print(" [subopts]");
          c.print(")");
        }
        break;
      default:
        if (len - i < 2) {
          c.print(`(type ${t}: trunc)`);
          return bad();
        }
        if (c.f.v) c.print(`(opt_type 0x${hex(t, 2)}: len=${c.u8(bp + i + 1)})`);
    }
  }
  if (c.f.v) c.print(" ");
  return hlen;
  function bad(): number {
    c.trunc();
    return -1;
  }
}

/** frag6_print(). */
function frag6(c: Ctx, cp: number, ip6: number, payloadLen: number): number {
  c.proto = "frag6";
  const offlg = c.u16(cp + 2);
  const fragLen = 40 + payloadLen - (cp - ip6) - 8;
  if (c.f.v) c.print(`frag (0x${hex(c.u32(cp + 4), 8)}:${offlg & 0xfff8}|${fragLen})`);
  else c.print(`frag (${offlg & 0xfff8}|${fragLen})`);
  if ((offlg & 0xfff8) !== 0) return -1;
  c.print(" ");
  return 8;
}

/** rt6_print() for types 0 and 2 (addresses) and 4 (segment routing). */
function rt6(c: Ctx, cp: number): number {
  c.proto = "rt6";
  c.print("RT6"); // before the length byte is read: a cut header is "RT6 [|rt6]"
  const len = c.u8(cp + 1);
  c.print(` (len=${len}`);
  const type = c.u8(cp + 2);
  c.print(`, type=${type}`);
  if (type === 0) c.print(" [Deprecated]");
  c.print(`, segleft=${c.u8(cp + 3)}`);
  switch (type) {
    case 0:
    case 2: {
      // the reserved word and the SRH flags show when set, or always at -v
      const rsv = c.u32(cp + 4);
      if (rsv || c.f.v) c.print(`, rsv=0x${rsv.toString(16)}`);
      if (len % 2 === 1) {
        c.print(` (invalid length ${len}) (invalid)`);
        return -1;
      }
      const n = len >> 1;
      for (let i = 0; i < n; i++) c.print(`, [${i}]${c.ip6(cp + 8 + 16 * i)}`);
      c.print(") ");
      return (len + 1) << 3;
    }
    case 4: {
      const last = c.u8(cp + 4);
      c.print(`, last-entry=${last}`);
      const flags = c.u8(cp + 5);
      if (flags || c.f.v) c.print(`, flags=0x${flags.toString(16)}`);
      c.print(`, tag=${c.u16(cp + 6).toString(16)}`);
      for (let i = 0; i <= last && 8 + 16 * i + 16 <= (len + 1) << 3; i++) {
        c.print(`, [${i}]${c.ip6(cp + 8 + 16 * i)}`);
      }
      c.print(") ");
      return (len + 1) << 3;
    }
    default:
      // rt6_print(): a type it does not know is invalid, the line ends there
      c.print(" (unknown type) (invalid)");
      return -1;
  }
}
