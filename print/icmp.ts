// ICMP and ICMPv6 as tcpdump 4.99 prints them (print-icmp.c, print-icmp6.c), including the
// quoted packet of error messages (-v) and neighbour-discovery options (-v, -vv).

import {
  bits,
  cksumShouldBe,
  type Ctx,
  hex,
  hexOnly,
  type IpInfo,
  pseudoSum,
  tok,
  Truncated,
} from "./_ctx.ts";

const UNREACH: Record<number, string> = {
  0: "net %s unreachable",
  1: "host %s unreachable",
  5: "%s unreachable - source route failed",
  6: "net %s unreachable - unknown",
  7: "host %s unreachable - unknown",
  8: "%s unreachable - source host isolated",
  9: "net %s unreachable - admin prohibited",
  10: "host %s unreachable - admin prohibited",
  11: "net %s unreachable - tos prohibited",
  12: "host %s unreachable - tos prohibited",
  13: "host %s unreachable - admin prohibited filter",
  14: "host %s unreachable - host precedence violation",
  15: "host %s unreachable - precedence cutoff",
};
const REDIRECT: Record<number, string> = {
  0: "redirect %s to net %s",
  1: "redirect %s to host %s",
  2: "redirect-tos %s to net %s",
  3: "redirect-tos %s to host %s",
};
const ICMP_TYPE: Record<number, string> = {
  0: "echo reply",
  4: "source quench",
  8: "echo request",
  10: "router solicitation",
  13: "time stamp request",
  14: "time stamp reply",
  15: "information request",
  16: "information reply",
  17: "address mask request",
};

function tstamp(t: number): string {
  const ms = t % 1000;
  let sec = Math.floor(t / 1000);
  let min = Math.floor(sec / 60);
  sec -= min * 60;
  const hrs = Math.floor(min / 60);
  min -= hrs * 60;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(hrs)}:${p(min)}:${p(sec)}.${String(ms).padStart(3, "0")}`;
}

/** icmp_print(). `off` is the ICMP header, `plen` its length per the IP header. */
export function icmpPrint(c: Ctx, off: number, plen: number, fragmented: boolean): void {
  c.proto = "icmp";
  const type = c.u8(off), code = c.u8(off + 1);
  const innerDst = () => c.ip4(off + 8 + 16);
  let str: string;
  // print-icmp.c checks the quoted header's destination with ND_TCHECK
  // (a soft truncation) for "port unreachable" and "time exceeded"; other types read with GET.
  if (type === 3 && code === 3) c.tcheck(off + 17, 1); // the quoted protocol field
  else if (type === 11) c.tcheck(off + 24, 4);
  else if (type === 14) c.tcheck(off + 8, 12);
  switch (type) {
    case 0:
    case 8:
      str = `echo ${type === 8 ? "request" : "reply"}, id ${c.u16(off + 4)}, seq ${c.u16(off + 6)}`;
      break;
    case 3:
      switch (code) {
        case 2:
          str = `${innerDst()} protocol ${c.u8(off + 8 + 9)} unreachable`;
          break;
        case 3: {
          const hlen = (c.u8(off + 8) & 0x0f) * 4;
          const dport = c.u16(off + 8 + hlen + 2);
          const p = c.u8(off + 8 + 9);
          if (p === 6) str = `${innerDst()} tcp port ${c.tport(dport)} unreachable`;
          else if (p === 17) str = `${innerDst()} udp port ${c.uport(dport)} unreachable`;
          else str = `${innerDst()} protocol ${p} port ${dport} unreachable`;
          break;
        }
        case 4: {
          const mtu = c.u16(off + 6);
          str = mtu
            ? `${innerDst()} unreachable - need to frag (mtu ${mtu})`
            : `${innerDst()} unreachable - need to frag`;
          break;
        }
        default:
          str = (UNREACH[code] ?? `%s unreachable - #${code}`).replace("%s", innerDst());
      }
      break;
    case 5: {
      const f = REDIRECT[code] ?? `redirect-#${code} %s to %s`;
      str = f.replace("%s", innerDst()).replace("%s", c.ip4(off + 4));
      break;
    }
    case 9: {
      const life = c.u16(off + 6);
      const p2 = (n: number) => String(n).padStart(2, "0");
      str = "router advertisement lifetime " +
        (life < 60
          ? `${life}`
          : life < 3600
          ? `${Math.floor(life / 60)}:${p2(life % 60)}`
          : `${Math.floor(life / 3600)}:${p2(Math.floor((life % 3600) / 60))}:${p2(life % 60)}`);
      const num = c.u8(off + 4), size = c.u8(off + 5);
      str += ` ${num}:`;
      if (size !== 2) str += ` [size ${size}]`;
      else {
        for (let i = 0; i < num; i++) {
          str += ` {${c.ip4(off + 8 + 8 * i)} ${c.u32(off + 12 + 8 * i)}}`;
        }
      }
      break;
    }
    case 11:
      str = code === 0
        ? "time exceeded in-transit"
        : code === 1
        ? "ip reassembly time exceeded"
        : `time exceeded-#${code}`;
      break;
    case 12:
      str = code
        ? `parameter problem - code ${code}`
        : `parameter problem - octet ${c.u8(off + 4)}`;
      break;
    case 13:
    case 14:
      str = `time stamp ${type === 13 ? "query" : "reply"} id ${c.u16(off + 4)} seq ${
        c.u16(off + 6)
      }`;
      if (type === 14) {
        str += `: org ${tstamp(c.u32(off + 8))}, recv ${tstamp(c.u32(off + 12))}, xmit ${
          tstamp(c.u32(off + 16))
        }`;
      }
      break;
    case 18:
      str = `address mask is 0x${c.u32(off + 8).toString(16).padStart(8, "0")}`;
      break;
    default:
      str = tok(ICMP_TYPE, "type-#%u", type);
  }
  c.print(`ICMP ${str}, length ${plen}`);
  if (c.f.v && !fragmented && c.has(off, plen)) {
    const sum = ~c.sum(off, plen) & 0xffff;
    if (sum !== 0) {
      const field = c.u16(off + 2);
      c.print(
        ` (wrong icmp cksum ${field.toString(16)} (->${cksumShouldBe(field, sum).toString(16)})!)`,
      );
    }
  }
  if (c.f.v && (type === 3 || type === 4 || type === 5 || type === 11 || type === 12)) {
    const inner = off + 8;
    c.print("\n\t");
    const save = c.end;
    c.end = Math.min(c.end, inner + c.u16(inner + 2));
    try {
      c.d.ip(c, inner, c.u16(inner + 2));
    } catch (e) {
      // a trunc label in the quoted packet's printers ends that printer, not the ICMP message
      if (!(e instanceof Truncated) || !e.soft) throw e;
      c.trunc();
      c.print(e.suffix);
    } finally {
      c.end = save;
    }
  }
  // RFC 4884 extensions (MPLS labels) start 128 bytes into the quoted packet: tcpdump checks
  // that the 141-byte extended header was captured before looking for them.
  if (c.f.v && plen > 136 && (type === 3 || type === 11 || type === 12)) {
    c.proto = "icmp";
    c.tcheck(off, 141);
    const ext = off + 136;
    let hlen = plen - 136;
    // a zero length field: the extension is there only if its checksum is right
    if (c.u8(off + 5) === 0 && c.has(ext, hlen) && (~c.sum(ext, hlen) & 0xffff) !== 0) return;
    const version = c.u8(ext) >> 4;
    c.print(`\n\tICMP Multi-Part extension v${version}`);
    if (version !== 2) return c.print(" packet not supported");
    if (c.has(ext, hlen)) {
      c.print(
        `, checksum 0x${hex(c.u16(ext + 2))} (${
          (~c.sum(ext, hlen) & 0xffff) !== 0 ? "in" : ""
        }correct), length ${hlen}`,
      );
    }
    hlen -= 4;
    let t = ext + 4;
    while (hlen > 4) {
      c.tcheck(t, 4);
      let olen = c.u16(t);
      const cls = c.u8(t + 2), ctype = c.u8(t + 3);
      t += 4;
      c.print(
        `\n\t  ${
          tok({ 1: "MPLS Stack Entry", 2: "Interface Identification" }, "unknown", cls)
        } Object (${cls}), Class-Type: ${ctype}, length ${olen}`,
      );
      hlen -= 4;
      if (cls === 0 || olen < 4) return;
      olen -= 4;
      if (cls === 1 && ctype === 1) {
        const raw = c.u32(t);
        c.print(`\n\t    label ${raw >>> 12}, tc ${(raw >> 9) & 7}`);
        if (raw & 0x100) c.print(", [S]");
        c.print(`, ttl ${raw & 0xff}`);
      } else c.hexData(t, "\n\t    ", olen);
      if (hlen < olen) break;
      hlen -= olen;
      t += olen;
    }
  }
}

const ICMP6_TYPE: Record<number, string> = {
  1: "destination unreachable",
  2: "packet too big",
  3: "time exceeded in-transit",
  4: "parameter problem",
  128: "echo request",
  129: "echo reply",
  130: "multicast listener query",
  131: "multicast listener report",
  132: "multicast listener done",
  133: "router solicitation",
  134: "router advertisement",
  135: "neighbor solicitation",
  136: "neighbor advertisement",
  137: "redirect",
  138: "router renumbering",
  139: "who-are-you request",
  140: "who-are-you reply",
  141: "inverse neighbor solicitation",
  142: "inverse neighbor advertisement",
  143: "multicast listener report v2",
  144: "ha discovery request",
  145: "ha discovery reply",
  146: "mobile router solicitation",
  147: "mobile router advertisement",
  155: "RPL",
  200: "mtrace response",
  201: "mtrace message",
};
const UNREACH6: Record<number, string> = {
  0: "unreachable route",
  1: " unreachable prohibited",
  2: "beyond scope",
  3: "unreachable address",
  4: "unreachable port",
};
const ND_OPT: Record<number, string> = {
  1: "source link-address",
  2: "destination link-address",
  3: "prefix info",
  4: "redirected header",
  5: "mtu",
  7: "advertisement interval",
  8: "homeagent information",
  24: "route info",
  25: "rdnss",
  31: "dnssl",
};
const PI_FLAGS = [[0x80, "onlink"], [0x40, "auto"], [0x20, "router"]] as const;
const RA_FLAGS = [
  [0x80, "managed"],
  [0x40, "other stateful"],
  [0x20, "home agent"],
  [0x02, "ipv6 only"],
] as const;
const NA_FLAGS = [[0x80000000, "router"], [0x40000000, "solicited"], [
  0x20000000,
  "override",
]] as const;
const MLD2_REC: Record<number, string> = {
  1: "is_in",
  2: "is_ex",
  3: "to_in",
  4: "to_ex",
  5: "allow",
  6: "block",
};

function lifetime(t: number): string {
  return t === 0xffffffff ? "infinity" : `${t}s`;
}

/** icmp6_opt_print(); false when an option is malformed (tcpdump then prints the marker). */
function ndOpts(c: Ctx, cp: number, resid: number): boolean {
  const ep = c.end; // tcpdump walks to the end of the captured data, not of the message
  while (cp < ep) {
    c.need(cp + 1, 1);
    if (resid <= 0) return true;
    const type = c.u8(cp), olen = c.u8(cp + 1);
    if (olen === 0 || cp + (olen << 3) > ep) return false;
    c.print(
      `\n\t  ${tok(ND_OPT, "unknown", type)} option (${type}), length ${olen << 3} (${olen}): `,
    );
    switch (type) {
      case 1:
      case 2:
        // linkaddr_string(LINKADDR_OTHER): never a name or maker, even without -n.
        c.print(c.plainMac(cp + 2, (olen << 3) - 2));
        break;
      case 3:
        c.print(`${c.ip6(cp + 16)}/${c.u8(cp + 2)}${olen !== 4 ? "badlen" : ""}, `);
        c.print(`Flags [${bits(PI_FLAGS, "none", c.u8(cp + 3))}], `);
        c.print(`valid time ${lifetime(c.u32(cp + 4))}`);
        c.print(`, pref. time ${lifetime(c.u32(cp + 8))}`);
        break;
      case 4:
        c.print(hexOnly(c.b, cp, Math.min(olen << 3, c.end - cp), "\n\t    ", 0));
        break;
      case 5:
        c.print(` ${c.u32(cp + 4)}${olen !== 1 ? "bad option length" : ""}`);
        break;
      case 25: {
        c.print(` lifetime ${lifetime(c.u32(cp + 4))},`);
        for (let i = 0; i < (olen - 1) / 2; i++) c.print(` addr: ${c.ip6(cp + 8 + 16 * i)}`);
        break;
      }
      case 7:
        c.print(` ${c.u32(cp + 4)}ms`);
        break;
      default:
        if (c.f.v <= 1) {
          c.print(
            hexOnly(
              c.b,
              cp + 2,
              Math.max(0, Math.min((olen << 3) - 2, c.end - cp - 2)),
              "\n\t  ",
              0,
            ),
          );
          return true;
        }
    }
    if (c.f.v > 1) {
      c.print(
        hexOnly(c.b, cp + 2, Math.max(0, Math.min((olen << 3) - 2, c.end - cp - 2)), "\n\t    ", 0),
      );
    }
    cp += olen << 3;
    resid -= olen << 3;
  }
  return true;
}

/** get_upperlayer(): the TCP/UDP header inside a quoted IPv6 packet, or undefined. */
function upperLayer(c: Ctx, ip6: number): { prot: number; at: number } | undefined {
  if (!c.has(ip6, 40)) return undefined;
  let nh = c.u8(ip6 + 6), hlen = 40, bp = ip6;
  while (bp < c.end) {
    bp += hlen;
    switch (nh) {
      case 6:
      case 17:
        return c.has(bp + 2, 2) ? { prot: nh, at: bp } : undefined;
      case 0:
      case 60:
      case 43:
        if (!c.has(bp + 1, 1)) return undefined;
        nh = c.u8(bp);
        hlen = (c.u8(bp + 1) + 1) << 3;
        break;
      case 44:
        if (!c.has(bp + 2, 2)) return undefined;
        if ((c.u16(bp + 2) & 0xfff8) !== 0) return undefined;
        nh = c.u8(bp);
        hlen = 8;
        break;
      case 51:
        if (!c.has(bp + 1, 1)) return undefined;
        nh = c.u8(bp);
        hlen = (c.u8(bp + 1) + 2) << 2;
        break;
      default:
        return undefined;
    }
  }
  return undefined;
}

/** icmp6_print(). */
export function icmp6Print(
  c: Ctx,
  off: number,
  length: number,
  ip: IpInfo,
  fragmented: boolean,
): void {
  c.proto = "icmp6";
  if (length === 0) {
    c.print("ICMP6, length 0 (invalid)");
    return;
  }
  if (c.f.v && !fragmented && c.has(off, length)) {
    const field = c.u16(off + 2);
    const sum = ~c.sum(off, length, pseudoSum(c, ip, 58, length)) & 0xffff;
    if (sum !== 0) {
      c.print(
        `[bad icmp6 cksum 0x${field.toString(16).padStart(4, "0")} -> 0x${
          cksumShouldBe(field, sum).toString(16).padStart(4, "0")
        }!] `,
      );
    } else c.print("[icmp6 sum ok] ");
  }
  const type = c.u8(off);
  c.print(`ICMP6, ${tok(ICMP6_TYPE, "unknown icmp6 type (%u)", type)}`);
  if (c.f.v && [133, 134, 136, 135, 137, 145, 147].includes(type)) c.print(`, length ${length}`);
  const code = c.u8(off + 1);
  const oip = off + 8;
  const bad = () => c.trunc();
  switch (type) {
    case 1:
      c.print(`, ${tok(UNREACH6, "unknown unreach code (%u)", code)}`);
      switch (code) {
        case 0:
        case 1:
        case 3:
          c.print(` ${c.ip6(oip + 24)}`);
          break;
        case 2:
          c.print(` ${c.ip6(oip + 24)}, source address ${c.ip6(oip + 8)}`);
          break;
        case 4: {
          const up = upperLayer(c, oip);
          if (!up) return bad();
          const dport = c.u16(up.at + 2);
          if (up.prot === 6) c.print(`, ${c.ip6(oip + 24)} tcp port ${c.tport(dport)}`);
          else if (up.prot === 17) c.print(`, ${c.ip6(oip + 24)} udp port ${c.uport(dport)}`);
          else c.print(`, ${c.ip6(oip + 24)} protocol ${up.prot} port ${dport} unreachable`);
          break;
        }
        default:
          if (c.f.v <= 1) {
            c.print(hexOnly(c.b, off, Math.min(length, c.end - off), "\n\t", 0));
            return;
          }
      }
      break;
    case 2:
      c.print(`, mtu ${c.u32(off + 4)}`);
      break;
    case 3:
      if (code === 0) c.print(` for ${c.ip6(oip + 24)}`);
      else if (code === 1) c.print(" (reassembly)");
      else c.print(`, unknown code (${code})`);
      break;
    case 4:
      c.tcheck(oip + 24, 16);
      switch (code) {
        case 0:
          c.print(`, erroneous - octet ${c.u32(off + 4)}`);
          break;
        case 1:
          c.print(`, next header - octet ${c.u32(off + 4)}`);
          break;
        case 2:
          c.print(`, option - octet ${c.u32(off + 4)}`);
          break;
        case 3:
          c.print(`, incomplete header chain - octet ${c.u32(off + 4)}`);
          break;
        default:
          c.print(`, code-#${code}`);
      }
      break;
    case 128:
    case 129:
      c.print(`, id ${c.u16(off + 4)}, seq ${c.u16(off + 6)}`);
      break;
    case 130:
      if (length === 24) mld6(c, off);
      else if (length >= 28) {
        c.print(" v2");
        mld2Query(c, off, length);
      } else c.print(` unknown-version (len ${length}) `);
      break;
    case 131:
    case 132:
      mld6(c, off);
      break;
    case 133:
      if (c.f.v && !ndOpts(c, off + 8, length - 8)) return bad();
      break;
    case 134:
      if (c.f.v) {
        const fl = c.u8(off + 5);
        c.print(
          `\n\thop limit ${c.u8(off + 4)}, Flags [${bits(RA_FLAGS, "none", fl)}], pref ${
            ["medium", "high", "rsv", "low"][(fl >> 3) & 3]
          }, router lifetime ${c.u16(off + 6)}s, reachable time ${
            c.u32(off + 8)
          }ms, retrans timer ${c.u32(off + 12)}ms`,
        );
        if (!ndOpts(c, off + 16, length - 16)) return bad();
      }
      break;
    case 135:
      c.print(`, who has ${c.ip6(off + 8)}`);
      if (c.f.v && !ndOpts(c, off + 24, length - 24)) return bad();
      break;
    case 136:
      c.print(`, tgt is ${c.ip6(off + 8)}`);
      if (c.f.v) {
        c.print(`, Flags [${bits(NA_FLAGS, "none", c.u32(off + 4))}]`);
        if (!ndOpts(c, off + 24, length - 24)) return bad();
      }
      break;
    case 137:
      c.print(`, ${c.ip6(off + 24)}`);
      c.print(` to ${c.ip6(off + 8)}`);
      if (c.f.v && !ndOpts(c, off + 40, length - 40)) return bad();
      break;
    case 138:
      rrenum(c, off);
      break;
    case 139:
    case 140:
      c.d.icmp6NodeInfo(c, off, length);
      break;
    case 141: // inverse neighbor discovery: the name only
    case 142:
      break;
    case 155:
      rpl(c, code, off + 4, length - 4);
      break;
    case 143: {
      const n = c.u16(off + 6);
      c.print(`, ${n} group record(s)`);
      if (c.f.v) {
        let g = 8;
        for (let i = 0; i < n; i++) {
          if (length < g + 20) {
            c.print(" [invalid number of groups]");
            return;
          }
          c.print(` [gaddr ${c.ip6(off + g + 4)}`);
          c.print(` ${tok(MLD2_REC, " [v2-report-#%u]", c.u8(off + g))}`);
          const ns = c.u16(off + g + 2);
          if (length < g + 20 + ns * 16) {
            c.print(` [invalid number of sources ${ns}]`);
            return;
          }
          if (c.f.v === 1) c.print(`, ${ns} source(s)`);
          else {
            c.print(" {");
            for (let j = 0; j < ns; j++) c.print(` ${c.ip6(off + g + 20 + 16 * j)}`);
            c.print(" }");
          }
          g += 20 + ns * 16;
          c.print("]");
        }
      }
      break;
    }
    case 144: // Mobile IPv6 (RFC 6275) home agent discovery and mobile prefix messages
    case 146:
      c.print(`, id 0x${hex(c.u16(off + 4))}`);
      break;
    case 145:
      if (c.f.v) {
        c.print(`, id 0x${hex(c.u16(off + 4))}`);
        for (let p = off + 8; p < off + length; p += 16) c.print(`, ${c.ip6(p)}`);
      }
      break;
    case 147:
      if (c.f.v) {
        c.print(`, id 0x${hex(c.u16(off + 4))}`);
        const fl = c.u16(off + 6);
        c.print(`${fl & 0xc000 ? " " : ""}${fl & 0x8000 ? "M" : ""}${fl & 0x4000 ? "O" : ""}`);
        if (!ndOpts(c, off + 8, length - 8)) return bad();
      }
      break;
    default:
      c.print(`, length ${length}`);
      if (c.f.v <= 1) {
        c.print(hexOnly(c.b, off, Math.max(0, Math.min(length, c.end - off)), "\n\t", 0));
      }
      return;
  }
  if (!c.f.v) c.print(`, length ${length}`);
}

/** icmp6_rrenum_print(): its ND_TCHECKs print [|icmp6] and end it, not the packet. */
function rrenum(c: Ctx, off: number): void {
  if (!c.has(off + 12, 4)) return c.trunc();
  const code = c.u8(off + 1);
  c.print(
    `, ${tok({ 0: "command", 1: "result", 255: "sequence number reset" }, "code-#%u", code)}, seq=${
      c.u32(off + 4)
    }`,
  );
  if (c.f.v) {
    const fl = c.u8(off + 9);
    c.print("[");
    if (fl) {
      c.print(
        `${fl & 0x80 ? "T" : ""}${fl & 0x40 ? "R" : ""}${fl & 0x20 ? "A" : ""}${
          fl & 0x10 ? "S" : ""
        }${fl & 0x08 ? "P" : ""},`,
      );
    }
    c.print(`seg=${c.u8(off + 8)},maxdelay=${c.u16(off + 10)}`);
    const rsvd = c.u32(off + 12);
    if (rsvd) c.print(`rsvd=0x${rsvd.toString(16)}`);
    c.print("]");
  }
  if (code !== 0) return;
  const m = off + 16;
  if (!c.has(m + 8, 16)) return c.trunc();
  c.print(`${c.f.v > 1 ? "\n\t" : " "}match(`);
  const mc = c.u8(m);
  c.print(tok({ 1: "add", 2: "change", 3: "setglobal" }, "#%u", mc));
  if (c.f.v) c.print(`,ord=${c.u8(m + 2)},min=${c.u8(m + 4)},max=${c.u8(m + 5)}`);
  c.print(`,${c.ip6(m + 8)}/${c.u8(m + 3)})`);
  let n = c.u8(m + 1) - 3;
  if (n % 4) return c.trunc();
  n /= 4;
  for (let u = m + 24; n-- > 0; u += 32) {
    if (!c.has(u + 16, 16)) return c.trunc();
    c.print(`${c.f.v > 1 ? "\n\t" : " "}use(`);
    const uf = c.u8(u + 12);
    if (uf) c.print(`${uf & 0x80 ? "V" : ""}${uf & 0x40 ? "P" : ""},`);
    if (c.f.v) {
      const vl = c.u32(u + 4), pl = c.u32(u + 8);
      c.print(`mask=0x${c.u8(u + 2).toString(16)},raflags=0x${c.u8(u + 3).toString(16)},`);
      c.print(vl === 0xffffffff ? "vltime=infty," : `vltime=${vl},`);
      c.print(pl === 0xffffffff ? "pltime=infty," : `pltime=${pl},`);
    }
    c.print(`${c.ip6(u + 16)}/${c.u8(u)}/${c.u8(u + 1)})`);
  }
}

const RPL_MOP: Record<number, string> = {
  0: "nonstoring",
  1: "storing",
  2: "nonstoring-multicast",
  3: "storing-multicast",
};
const RPL_SUBOPT: Record<number, string> = {
  0: "pad1",
  1: "padN",
  2: "metrics",
  3: "routinginfo",
  4: "config",
  5: "rpltarget",
  6: "transitinfo",
  8: "destprefix",
  9: "rpltargetdesc",
};

/** rpl_printopts() (-vv): each option's name and length, at -vvv its bytes. */
function rplOpts(c: Ctx, p: number, length: number): void {
  while (length !== 0) {
    const t = c.u8(p);
    let optlen: number;
    if (t === 0) {
      optlen = 1;
      c.print(" opt:pad1");
    } else {
      if (length < 2) return c.trunc();
      optlen = c.u8(p + 1) + 2;
      c.print(` opt:${tok(RPL_SUBOPT, "subopt:%u", t)} len:${optlen} `);
      if (!c.has(p, optlen) || length < optlen) return c.trunc();
      if (c.f.v > 2) c.print(hexOnly(c.b, p + 2, optlen - 2, " ", 0));
    }
    p += optlen;
    length -= optlen;
  }
}

/** rpl_print(): RPL control messages (ICMPv6 type 155) from the message body at `p`. */
function rpl(c: Ctx, code: number, p: number, length: number): void {
  if (code & 0x80) return c.print(", (SEC) [worktodo]");
  c.print(", (CLR)");
  switch (code & 0x7f) {
    case 0:
      c.print("DODAG Information Solicitation");
      break;
    case 1:
      c.print("DODAG Information Object");
      if (!c.f.v) break;
      if (length < 24) return c.print(` [length ${length} < 24] (invalid)`);
      {
        const mp = c.u8(p + 4);
        c.print(
          ` [dagid:${c.ip6(p + 8)},seq:${c.u8(p + 5)},instance:${c.u8(p)},rank:${c.u16(p + 2)},${
            mp & 0x80 ? "grounded," : ""
          }mop:${tok(RPL_MOP, "mop%u", (mp >> 3) & 7)},prf:${mp & 7}]`,
        );
      }
      if (c.f.v > 1) rplOpts(c, p + 24, length - 24);
      break;
    case 2: {
      c.print("Destination Advertisement Object");
      if (!c.f.v) break;
      if (!c.has(p, 20)) return c.trunc();
      if (length < 4) return c.print(" [|length too short]");
      const fl = c.u8(p + 1);
      let q = p + 4, left = length - 4, dagid = "<elided>";
      if (fl & 0x40) {
        if (left < 16) return c.print(" [|length too short]");
        dagid = c.ip6(q);
        q += 16, left -= 16;
      }
      c.print(
        ` [dagid:${dagid},seq:${c.u8(p + 3)},instance:${c.u8(p)}${fl & 0x80 ? ",acK" : ""}${
          fl & 0x40 ? ",Dagid" : ""
        },${fl.toString(16).padStart(2, "0")}]`,
      );
      if (c.f.v > 1) rplOpts(c, q, left);
      break;
    }
    case 3: {
      c.print("Destination Advertisement Object Ack");
      if (!c.f.v) break;
      if (!c.has(p, 4)) return c.trunc();
      if (length < 4) return c.print(" [|dao-length too short]");
      let q = p + 4, left = length - 4, dagid = "<elided>";
      if (c.u8(p + 1) & 0x80) {
        if (!c.has(q, 16)) return c.trunc();
        if (left < 16) return c.print(" [|dao-length too short]");
        dagid = c.ip6(q);
        q += 16, left -= 16;
      }
      c.print(
        ` [dagid:${dagid},seq:${c.u8(p + 2)},instance:${c.u8(p)},status:${c.u8(p + 3)}]`,
      );
      if (c.f.v > 1) rplOpts(c, q, left);
      break;
    }
    default:
      c.print(`RPL message, unknown code ${code}`);
  }
}

function mld6(c: Ctx, off: number): void {
  // mld6_print() prints nothing unless the whole 24-byte message was captured
  if (!c.has(off, 24)) return;
  c.print(`max resp delay: ${c.u16(off + 4)} `);
  c.print(`addr: ${c.ip6(off + 8)}`);
}

function mld2Query(c: Ctx, off: number, len: number): void {
  const mrc = c.u16(off + 4);
  const mrt = mrc < 32768 ? mrc : ((mrc & 0x0fff) | 0x1000) << (((mrc & 0x7000) >> 12) + 3);
  if (c.f.v) c.print(` [max resp delay=${mrt}]`);
  c.print(` [gaddr ${c.ip6(off + 8)}`);
  if (c.f.v) {
    const b24 = c.u8(off + 24), b25 = c.u8(off + 25);
    if (b24 & 0x08) c.print(" sflag");
    if (b24 & 0x07) c.print(` robustness=${b24 & 0x07}`);
    const qqi = b25 < 128 ? b25 : ((b25 & 0x0f) | 0x10) << (((b25 & 0x70) >> 4) + 3);
    c.print(` qqi=${qqi}`);
  }
  const ns = c.u16(off + 26);
  if (ns > 0) {
    if (len < 28 + ns * 16) c.print(" [invalid number of sources]");
    else if (c.f.v > 1) {
      c.print(" {");
      for (let i = 0; i < ns; i++) c.print(` ${c.ip6(off + 28 + 16 * i)}`);
      c.print(" }");
    } else c.print(`, ${ns} source(s)`);
  }
  c.print("]");
}
