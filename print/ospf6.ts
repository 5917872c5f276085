// OSPFv3 (RFC 5340) as tcpdump 4.99 prints it (print-ospf6.c): the five packet types, the LSAs
// of an update, link-local signaling (RFC 5613) and the authentication trailer (RFC 7166).

import { bits, type Ctx, hex, tok, Truncated } from "./_ctx.ts";
import { formatIpv6 } from "../address.ts";

const TYPE: Record<number, string> = {
  1: "Hello",
  2: "Database Description",
  3: "LS-Request",
  4: "LS-Update",
  5: "LS-Ack",
};
const OPTIONS = [
  [0x01, "V6"],
  [0x02, "External"],
  [0x04, "Deprecated"],
  [0x08, "NSSA"],
  [0x10, "Router"],
  [0x20, "Demand Circuit"],
  [0x100, "AFs Support"],
  [0x200, "LLS"],
  [0x400, "Authentication Trailer"],
] as const;
const OPTION_L = 0x200;
const RLA_FLAGS = [
  [0x01, "ABR"],
  [0x02, "External"],
  [0x04, "Virtual-Link Endpoint"],
  [0x08, "Deprecated"],
  [0x10, "NSSA Translator"],
] as const;
// 4.99 names no flag for the E bit (0x04000000)
const ASLA_FLAGS = [
  [0x02000000, "Forwarding"],
  [0x01000000, "Tag"],
] as const;
const LSA_TYPE: Record<number, string> = {
  1: "Router",
  2: "Network",
  3: "Inter-Area Prefix",
  4: "Inter-Area Router",
  5: "External",
  6: "Deprecated",
  7: "NSSA",
  8: "Link",
  9: "Intra-Area Prefix",
  10: "Intra-Area TE",
  11: "Grace",
  12: "Router Information",
  13: "Inter-AS-TE",
  14: "Layer 1 VPN",
};
const SCOPE: Record<number, string> = {
  0: "Link Local",
  0x2000: "Area Local",
  0x4000: "Domain Wide",
};
const DD_FLAGS = [[0x04, "Init"], [0x02, "More"], [0x01, "Master"], [0x10, "IPv6 MTU"]] as const;
const PREFIX_OPTS = [
  [0x01, "No Unicast"],
  [0x02, "Local address"],
  [0x04, "Deprecated"],
  [0x08, "Propagate"],
  [0x10, "Down"],
  [0x20, "N-bit"],
] as const;

/** A goto trunc: the packet ends with " [|ospf3]". */
class Trunc extends Error {}

function lsType(c: Ctx, type: number, idAt: number): void {
  c.print(
    `\n\t    ${tok(LSA_TYPE, "Unknown", type & 0x1fff)} LSA (${type & 0x1fff}), ${
      tok(SCOPE, "Unknown", type & 0x6000)
    } Scope${type & 0x8000 ? ", transitive" : ""}, LSA-ID ${c.ip4(idAt)}`,
  );
}

/** ospf6_print_lshdr(). */
function lsHeader(c: Ctx, h: number, dataend: number): void {
  if (h + 20 > dataend) throw new Trunc();
  const len = c.u16(h + 18);
  // "%zu" of the length less the header's 20 bytes: below 20 it wraps as a size_t
  const shown = len >= 20 ? `${len - 20}` : `${2n ** 64n - BigInt(20 - len)}`;
  c.print(
    `\n\t  Advertising Router ${c.ip4(h + 8)}, seq 0x${hex(c.u32(h + 12), 8)}, age ${
      c.u16(h)
    }s, length ${shown}`,
  );
  lsType(c, c.u16(h + 2), h + 4);
}

/** ospf6_print_lsaprefix(): the prefix's length in bytes; throws Trunc when it is cut. */
function lsaPrefix(c: Ctx, p: number, len: number): number {
  if (len < 4) throw new Trunc();
  len -= 4;
  c.tcheck(p, 4);
  const plen = c.u8(p), words = Math.floor((plen + 31) / 32);
  if (words * 4 > 16) {
    c.print(` bogus prefixlen /${plen}`);
    throw new Trunc();
  }
  if (len < words * 4) throw new Trunc();
  c.need(p + 4, words * 4);
  const a = new Uint8Array(16);
  a.set(c.b.subarray(p + 4, p + 4 + words * 4));
  c.print(`\n\t\t${formatIpv6(a, 0)}/${plen}`);
  const opt = c.u8(p + 1);
  if (opt) c.print(`, Options [${bits(PREFIX_OPTS, "none", opt)}]`);
  c.print(`, metric ${c.u16(p + 2)}`);
  return 4 + words * 4;
}

/** ospf6_print_lsa(): false when the LSA is cut or its length is wrong. */
function lsaPrint(c: Ctx, l: number, dataend: number): boolean {
  lsHeader(c, l, dataend);
  const length = c.u16(l + 18);
  if (length < 20 || l + length > dataend) return false;
  let len = length - 20, p = l + 20;
  const type = c.u16(l + 2);
  const prefixes = (n: number) => {
    while (n-- > 0) {
      const k = lsaPrefix(c, p, len);
      len -= k, p += k;
    }
  };
  switch (type) {
    case 0x2001:
      if (len < 4) return false;
      len -= 4;
      c.print(`\n\t      Options [${bits(OPTIONS, "none", c.u32(p))}]`);
      c.print(`, RLA-Flags [${bits(RLA_FLAGS, "none", c.u8(p))}]`);
      p += 4;
      while (len !== 0) {
        if (len < 16) return false;
        len -= 16;
        c.tcheck(p, 16);
        const lt = c.u8(p);
        const ids = `\n\t      Neighbor Interface-ID ${c.ip4(p + 8)}, Interface ${c.ip4(p + 4)}`;
        if (lt === 4) c.print(`\n\t      Virtual Link: Neighbor Router-ID ${c.ip4(p + 12)}${ids}`);
        else if (lt === 1) c.print(`\n\t      Neighbor Router-ID ${c.ip4(p + 12)}${ids}`);
        else if (lt === 2) c.print(`\n\t      Neighbor Network-ID ${c.ip4(p + 12)}${ids}`);
        else {
          c.print(`\n\t      Unknown Router Links Type 0x${hex(lt, 2)}`);
          return true;
        }
        c.print(`, metric ${c.u16(p + 2)}`);
        p += 16;
      }
      return true;
    case 0x2002:
      if (len < 4) return false;
      len -= 4;
      c.print(`\n\t      Options [${bits(OPTIONS, "none", c.u32(p))}]`);
      c.print("\n\t      Connected Routers:");
      p += 4;
      while (len !== 0) {
        if (len < 4) return false;
        len -= 4;
        c.print(`\n\t\t${c.ip4(p)}`);
        p += 4;
      }
      return true;
    case 0x2003:
      if (len < 4) return false;
      len -= 4;
      c.print(`, metric ${c.u32(p) & 0xffffff}`);
      p += 4;
      while (len !== 0) {
        const k = lsaPrefix(c, p, len);
        len -= k, p += k;
      }
      return true;
    case 0x4005: {
      if (len < 4) return false;
      len -= 4;
      const flags = c.u32(p);
      c.print(`\n\t     Flags [${bits(ASLA_FLAGS, "none", flags)}]`);
      c.print(` metric ${flags & 0xffffff}`);
      p += 4;
      const pfx = p;
      const k = lsaPrefix(c, p, len);
      len -= k, p += k;
      if (flags & 0x02000000) {
        if (len < 16) return false;
        len -= 16;
        c.print(` forward ${c.ip6(p)}`);
        p += 16;
      }
      if (flags & 0x01000000) {
        if (len < 4) return false;
        len -= 4;
        c.print(` tag ${c.ip4(p)}`);
        p += 4;
      }
      // tcpdump tests the first byte of the prefix's metric field for a referenced LS type
      if (c.u8(pfx + 2)) {
        if (len < 4) return false;
        len -= 4;
        c.print(` RefLSID: ${c.ip4(p)}`);
      }
      return true;
    }
    case 0x0008: {
      if (len < 4) return false;
      len -= 4;
      c.tcheck(p, 4);
      c.print(`\n\t      Options [${bits(OPTIONS, "none", c.u32(p))}]`);
      if (len < 20) return false;
      len -= 20;
      const n = c.u32(p + 20);
      c.print(`\n\t      Priority ${c.u8(p)}, Link-local address ${c.ip6(p + 4)}, Prefixes ${n}:`);
      p += 24;
      prefixes(n);
      return true;
    }
    case 0x2009: {
      if (len < 4) return false;
      len -= 4;
      c.tcheck(p + 8, 4);
      lsType(c, c.u16(p + 2), p + 4);
      if (len < 2) return false;
      len -= 2;
      const n = c.u16(p);
      c.print(`\n\t      Prefixes ${n}:`);
      p += 12;
      prefixes(n);
      return true;
    }
    default:
      c.hexData(p, "\n\t      ", len);
      return true;
  }
}

/** ospf6_decode_v3(). */
function decode(c: Ctx, op: number, dataend: number): void {
  const b = op + 16;
  switch (c.u8(op + 1)) {
    case 1:
      c.print(`\n\tOptions [${bits(OPTIONS, "none", c.u32(b + 4))}]`);
      c.print(
        `\n\t  Hello Timer ${c.u16(b + 8)}s, Dead Timer ${c.u16(b + 10)}s, Interface-ID ${
          c.ip4(b)
        }, Priority ${c.u8(b + 4)}`,
      );
      if (c.u32(b + 12) !== 0) c.print(`\n\t  Designated Router ${c.ip4(b + 12)}`);
      if (c.u32(b + 16) !== 0) c.print(`, Backup Designated Router ${c.ip4(b + 16)}`);
      if (c.f.v > 1) {
        c.print("\n\t  Neighbor List:");
        for (let ap = b + 20; ap < dataend; ap += 4) c.print(`\n\t    ${c.ip4(ap)}`);
      }
      return;
    case 2:
      c.print(`\n\tOptions [${bits(OPTIONS, "none", c.u32(b))}]`);
      c.print(`, DD Flags [${bits(DD_FLAGS, "none", c.u8(b + 7))}]`);
      c.print(`, MTU ${c.u16(b + 4)}, DD-Sequence 0x${hex(c.u32(b + 8), 8)}`);
      if (c.f.v > 1) { for (let h = b + 12; h < dataend; h += 20) lsHeader(c, h, dataend); }
      return;
    case 3:
      if (c.f.v > 1) {
        for (let r = b; r < dataend; r += 12) {
          c.tcheck(r, 12);
          c.print(`\n\t  Advertising Router ${c.ip4(r + 8)}`);
          lsType(c, c.u16(r + 2), r + 4);
        }
      }
      return;
    case 4:
      if (c.f.v > 1) {
        let n = c.u32(b);
        for (let l = b + 4; l < dataend && n-- > 0; l += c.u16(l + 18)) {
          if (!lsaPrint(c, l, dataend)) throw new Trunc();
        }
      }
      return;
    case 5:
      if (c.f.v > 1) { for (let h = b; h < dataend; h += 20) lsHeader(c, h, dataend); }
      return;
  }
}

/** ospf6_decode_v3_trailer(): LLS (hello and DD with the L bit), then an authentication trailer. */
function trailer(c: Ctx, op: number, cp: number, len: number): void {
  const type = c.u8(op + 1);
  const lls = (type === 1 && (c.u32(op + 20) & OPTION_L) !== 0) ||
    (type === 2 && (c.u32(op + 16) & OPTION_L) !== 0);
  let llsLen = 0;
  if (lls && len !== 0) {
    if (len < 4) throw new Trunc();
    c.print(`\n\tLLS Checksum 0x${hex(c.u16(cp))}`);
    llsLen = c.u16(cp + 2);
    c.print(`, Data Length ${llsLen}`);
    if (llsLen < 4 || llsLen > len) throw new Trunc();
    c.tcheck(cp + 4, llsLen - 4);
  }
  cp += llsLen, len -= llsLen;
  if (len === 0) return;
  if (len < 16) throw new Trunc();
  const at = c.u16(cp);
  c.print(`\n\tAuthentication Type ${at === 1 ? "HMAC" : `unknown (0x${hex(at)})`}`);
  const alen = c.u16(cp + 2);
  c.print(`, Length ${alen}`);
  if (alen < 16 || alen > len) throw new Trunc();
  c.print(`, SAID ${c.u16(cp + 6)}`);
  c.print(`, CSN 0x${hex(c.u32(cp + 8), 8)}`);
  c.print(`:${hex(c.u32(cp + 12), 8)}`);
  c.tcheck(cp + 16, alen - 16);
  if (c.f.v > 1) c.hexData(cp + 16, "\n\tAuthentication Data ", alen - 16);
}

/** ospf6_print(). */
export function ospf6Print(c: Ctx, bp: number, length: number): void {
  c.proto = "ospf3";
  const type = c.u8(bp + 1), name = TYPE[type];
  c.print(`OSPFv${c.u8(bp)}, ${name ?? `unknown packet type (${type})`}, length ${length}`);
  if (name === undefined || !c.f.v) return;
  const datalen = c.u16(bp + 2);
  if (datalen > length) return c.print(` [len ${datalen}]`);
  const dataend = bp + datalen;
  c.print(`\n\tRouter-ID ${c.ip4(bp + 4)}`);
  c.print(c.u32(bp + 8) !== 0 ? `, Area ${c.ip4(bp + 8)}` : ", Backbone Area");
  if (c.u8(bp + 14)) c.print(`, Instance ${c.u8(bp + 14)}`);
  if (c.u8(bp) !== 3) return;
  try {
    decode(c, bp, dataend);
    trailer(c, bp, dataend, length - datalen);
  } catch (e) {
    if (e instanceof Trunc || (e instanceof Truncated && e.soft)) c.trunc();
    else throw e;
  }
}
