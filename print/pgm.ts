// PGM, Pragmatic General Multicast (IP protocol 113, RFC 3208), as tcpdump 4.99 prints it
// (print-pgm.c): its own addresses and ports, the length, and with -v the global source id, each
// packet type's fields, the options after them and the header's length.

import { type Ctx, hex, type IpInfo, Truncated } from "./_ctx.ts";

/**
 * A network-layer address by its AFI (1 IPv4, 2 IPv6) at `p`: its text and its size; another
 * AFI ends the line with " [|pgm]", as tcpdump 4.99.3 does.
 */
function nla(c: Ctx, afi: number, p: number): [string, number] {
  if (afi === 1) {
    c.tcheck(p, 4);
    return [c.ip4(p), 4];
  }
  if (afi === 2) {
    c.tcheck(p, 16);
    return [c.ip6(p), 16];
  }
  throw new Truncated(true);
}

/** pgm_print(): `length` bytes at `bp`, inside the IP header `ip`. */
export function pgmPrint(c: Ctx, bp: number, length: number, ip: IpInfo): void {
  c.proto = "pgm";
  if (!c.has(bp + 2, 2)) {
    c.print(`${ip.src} > ${ip.dst}:`);
    throw new Truncated(true); // nd_print_trunc() and return: -x dumps from the IP header
  }
  const sport = c.u16(bp), dport = c.u16(bp + 2);
  // tcpport_string()'s names without -n, as pgm_print() prints its ports.
  const s = c.tport(sport), d = c.tport(dport);
  if (ip.firstNh === 113) c.print(`${ip.src}.${s} > ${ip.dst}.${d}: `);
  else c.print(`${s} > ${d}: `);
  c.tcheck(bp, 16);
  c.print(`PGM, length ${c.u16(bp + 14)}`);
  if (!c.f.v) return;
  const type = c.u8(bp + 4);
  let gsid = "";
  for (let i = 0; i < 6; i++) gsid += hex(c.b[bp + 8 + i]!, 2);
  c.print(` 0x${gsid} `);
  const p = body(c, bp + 16, type);
  if ((c.u8(bp + 5) & 0x01) && !options(c, p)) return;
  c.print(` [${length}]`);
}

/** The fields of each packet type after the common header; where the options begin. */
function body(c: Ctx, p: number, type: number): number {
  switch (type) {
    case 0x00: { // SPM
      c.tcheck(p, 16);
      const [addr, n] = nla(c, c.u16(p + 12), p + 16);
      c.print(`SPM seq ${c.u32(p)} trail ${c.u32(p + 4)} lead ${c.u32(p + 8)} nla ${addr}`);
      return p + 16 + n;
    }
    case 0x01: { // POLL
      c.tcheck(p, 12);
      const [addr, n] = nla(c, c.u16(p + 8), p + 12);
      const q = p + 12 + n;
      const ivl = c.u32(q), rnd = c.u32(q + 4), mask = c.u32(q + 8);
      c.print(
        `POLL seq ${c.u32(p)} round ${c.u16(p + 4)} nla ${addr} ivl ${ivl} rnd 0x${
          hex(rnd, 8)
        } mask 0x${hex(mask, 8)}`,
      );
      return q + 12;
    }
    case 0x02: // POLR
      c.tcheck(p, 8);
      c.print(`POLR seq ${c.u32(p)} round ${c.u16(p + 4)}`);
      return p + 8;
    case 0x04:
    case 0x05:
      c.print(`${type === 4 ? "ODATA" : "RDATA"} trail ${c.u32(p + 4)} seq ${c.u32(p)}`);
      return p + 8;
    case 0x08:
    case 0x09:
    case 0x0a: { // NAK, NULL NAK, NCF
      c.tcheck(p, 8);
      const [source, n] = nla(c, c.u16(p + 4), p + 8);
      let q = p + 8 + n + 4;
      const [group, m] = nla(c, c.u16(q), q);
      q += m;
      c.print(type === 8 ? "NAK " : type === 9 ? "NNAK " : "NCF ");
      c.print(`(${source} -> ${group}), seq ${c.u32(p)}`);
      return q;
    }
    case 0x0b: // ACK (4.99.3 does not take 0x0d for one)
      c.tcheck(p, 8);
      c.print(`ACK seq ${c.u32(p)}`);
      return p + 8;
    // tcpdump 4.99.3 leaves its cursor at the PGM header for these two: options are read
    // from there
    case 0x0c:
      c.print("SPMR");
      return p - 16;
    default:
      c.print(`UNKNOWN type 0x${hex(type, 2)}`);
      return p - 16;
  }
}

/** Fixed option lengths: [length, what it prints from the 4-byte words after the header]. */
const FIXED: Record<number, [number, string]> = {
  0x03: [8, "JOIN"],
  0x08: [8, "PARITY MAXTGS"],
  0x09: [8, "PARITY GROUP"],
  0x0a: [8, "PARITY ATGS"],
};
const NAMES: Record<number, string> = {
  0x00: "OPT_LENGTH",
  0x01: "OPT_FRAGMENT",
  0x03: "OPT_JOIN",
  0x04: "OPT_NAK_BO_IVL",
  0x05: "OPT_NAK_BO_RNG",
  0x07: "OPT_REDIRECT",
  0x08: "OPT_PARITY_PRM",
  0x09: "OPT_PARITY_GRP",
  0x0a: "OPT_CURR_TGSIZE",
  0x0b: "OPT_NBR_UNREACH",
  0x0d: "OPT_SYN",
  0x0e: "OPT_FIN",
  0x0f: "OPT_RST",
  0x11: "OPT_CRQST",
  0x12: "OPT_PGMCC_DATA",
  0x13: "PGM_OPT_PGMCC_FEEDBACK",
};

/** The options at `p` (the header said they are there); false when a bad one ended the line. */
function options(c: Ctx, p: number): boolean {
  c.tcheck(p, 4);
  let type = c.u8(p);
  if ((type & 0x7f) !== 0) {
    c.print(`[First option bad, should be PGM_OPT_LENGTH, is ${type & 0x7f}]`);
    return false;
  }
  let len = c.u8(p + 1);
  if (len !== 4) {
    c.print(`[Bad OPT_LENGTH option, length ${len} != 4]`);
    return false;
  }
  let total = c.u16(p + 2);
  p += 4;
  if (total < 4) {
    c.print(`[Bad total option length ${total} < 4]`);
    return false;
  }
  c.print(` OPTS LEN ${total}`);
  total -= 4;
  const bad = (name: string, want: number, got: number, op = "!=") => {
    c.print(`[Bad ${name} option, length ${got} ${op} ${want}]`);
    return false;
  };
  while (total) {
    if (total < 4) {
      c.print("[Total option length leaves no room for final option]");
      return false;
    }
    type = c.u8(p), len = c.u8(p + 1);
    p += 2;
    if (len < 4) {
      c.print(`[Bad option, length ${len} < 4]`);
      break;
    }
    if (total < len) {
      c.print("[Total option length leaves no room for final option]");
      return false;
    }
    c.tcheck(p, len - 2);
    const t = type & 0x7f;
    switch (t) {
      case 0x00:
        if (len !== 4) return bad(NAMES[t]!, 4, len);
        c.print(` OPTS LEN (extra?) ${c.u16(p)}`);
        p += 2, total -= 4;
        break;
      case 0x01:
        if (len !== 16) return bad(NAMES[t]!, 16, len);
        c.print(` FRAG seq ${c.u32(p + 2)} off ${c.u32(p + 6)} len ${c.u32(p + 10)}`);
        p += 14, total -= 16;
        break;
      case 0x02: {
        p += 2;
        let left = len - 4;
        c.print(" NAK LIST");
        while (left) {
          if (left < 4) {
            c.print("[Option length not a multiple of 4]");
            return false;
          }
          c.print(` ${c.u32(p)}`);
          p += 4, left -= 4, total -= 4;
        }
        break;
      }
      case 0x03:
      case 0x08:
      case 0x09:
      case 0x0a: {
        const [want, text] = FIXED[t]!;
        if (len !== want) return bad(NAMES[t]!, want, len);
        c.print(` ${text} ${c.u32(p + 2)}`);
        p += 6, total -= want;
        break;
      }
      case 0x04:
      case 0x05: {
        if (len !== 12) return bad(NAMES[t]!, 12, len);
        const a = c.u32(p + 2), b = c.u32(p + 6);
        c.print(t === 4 ? ` BACKOFF ivl ${a} ivlseq ${b}` : ` BACKOFF max ${a} min ${b}`);
        p += 10, total -= 12;
        break;
      }
      case 0x07: {
        if (len < 8) return bad(NAMES[t]!, 8, len, "<");
        const afi = c.u16(p + 2);
        p += 6;
        const size = afi === 1 ? 4 : afi === 2 ? 16 : 0;
        if (size === 0) throw new Truncated(true);
        if (len !== 8 + size) {
          c.print(`[Bad OPT_REDIRECT option, length ${len} != 8 + address size]`);
          return false;
        }
        const [addr] = nla(c, afi, p);
        p += size, total -= 8 + size;
        c.print(` REDIRECT ${addr}`);
        break;
      }
      case 0x0b:
      case 0x0d:
      case 0x0e:
      case 0x0f:
      case 0x11:
        if (len !== 4) return bad(NAMES[t]!, 4, len);
        c.print(
          t === 0x0b
            ? " NBR_UNREACH"
            : t === 0x0d
            ? " SYN"
            : t === 0x0e
            ? " FIN"
            : t === 0x0f
            ? " RST"
            : " CRQST",
        );
        p += 2, total -= 4;
        break;
      // these two (and an unknown option) skip their whole length from after their header, as
      // tcpdump 4.99.3 does: two bytes too far, the next option is read from inside the one after
      case 0x0c:
        c.print(` PATH_NLA [${len}]`);
        p += len, total -= len;
        break;
      case 0x10:
        c.print(" CR");
        p += len, total -= len;
        break;
      case 0x12:
      case 0x13: {
        const name = t === 0x12 ? "OPT_PGMCC_DATA" : "OPT_PGMCC_FEEDBACK";
        if (len < 12) {
          return bad(t === 0x12 ? "OPT_PGMCC_DATA" : "PGM_OPT_PGMCC_FEEDBACK", 12, len, "<");
        }
        const offset = c.u32(p + 2), afi = c.u16(p + 6);
        p += 10;
        const size = afi === 1 ? 4 : afi === 2 ? 16 : 0;
        if (size === 0) throw new Truncated(true);
        if (len !== 12 + size) {
          c.print(`[Bad ${name} option, length ${len} != 12 + address size]`);
          return false;
        }
        const [addr] = nla(c, afi, p);
        p += size, total -= 12 + size;
        c.print(` PGMCC ${t === 0x12 ? "DATA" : "FEEDBACK"} ${offset} ${addr}`);
        break;
      }
      default:
        c.print(` OPT_${hex(type, 2).toUpperCase()} [${len}] `);
        p += len, total -= len; // as PATH_NLA and CR: two bytes too far
    }
    if (type & 0x80) break;
  }
  return true;
}
