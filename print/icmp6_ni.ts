// ICMPv6 node information queries and replies (RFC 4620, types 139 and 140) as tcpdump 4.99
// prints them (icmp6_nodeinfo_print() of print-icmp6.c): the query type, its flags and
// subject; the reply's code and data (a DNS name with its TTL, node addresses).

import { type Ctx, printn } from "./_ctx.ts";

/** sizeof(struct icmp6_nodeinfo): type, code, checksum, qtype, flags, nonce. */
const NI_LEN = 16;

/** NI_NODEADDR_FLAG_* letters, in tcpdump's order (T only in replies). */
const NODEADDR_FLAGS: [number, string][] = [
  [0x40, "a"],
  [0x20, "G"],
  [0x10, "S"],
  [0x08, "L"],
  [0x04, "C"],
  [0x02, "A"],
];

function nodeAddrFlags(f: number, reply: boolean): string {
  let s = "";
  for (const [bit, letter] of NODEADDR_FLAGS) if (f & bit) s += letter;
  if (reply && (f & 0x01)) s += "T";
  return ` [${s}]`;
}

/** dnsname_print(): an uncompressed DNS name between `cp` and `ep`, quoted. */
function dnsName(c: Ctx, cp: number, ep: number): void {
  c.print(', "');
  while (cp < ep) {
    let i = c.u8(cp++);
    if (i) {
      if (i > ep - cp) {
        c.print("???");
        break;
      }
      while (i-- && cp < ep) c.print(printn(c, cp++, 1));
      if (cp + 1 < ep && c.u8(cp)) c.print(".");
    } else {
      if (cp === ep) c.print(".");
      else if (!(cp + 1 === ep && c.u8(cp) === 0)) c.print("???");
      break;
    }
  }
  c.print('"');
}

/** A DNS name subject or answer: the draft-03 Pascal string, or a DNS name. */
function nameData(c: Ctx, cp: number, ep: number): void {
  if (c.u8(cp) === ep - cp - 1) {
    if (c.f.v) c.print(", 03 draft");
    c.print(', "');
    c.print(printn(c, cp + 1, ep - cp - 1));
    c.print('"');
  } else dnsName(c, cp, ep);
}

/** icmp6_nodeinfo_print() of the ICMPv6 message at `bp`, `icmp6len` bytes long. */
export function icmp6NodeInfoPrint(c: Ctx, bp: number, icmp6len: number): void {
  const ep = c.end;
  if (ep < bp) return;
  const siz = ep - bp;
  if (c.u8(bp) === 139) {
    if (siz === 12) {
      c.print(" who-are-you request");
      return;
    }
    c.print(" node information query");
    // ND_TCHECK to the function's own trunc label: the ICMPv6 line goes on
    if (!c.has(bp, NI_LEN)) return c.trunc();
    c.print(" (");
    const qtype = c.u16(bp + 4), flags = c.u16(bp + 6);
    switch (qtype) {
      case 0:
        c.print("noop");
        break;
      case 1:
        c.print("supported qtypes");
        if (flags) c.print(` [${flags & 1 ? "C" : ""}]`);
        break;
      case 2:
        c.print("DNS name");
        break;
      case 3:
        c.print("node addresses");
        if (flags) c.print(nodeAddrFlags(flags, false));
        break;
      default:
        c.print("unknown");
    }
    if (qtype === 0 || qtype === 1) {
      if (siz !== NI_LEN && c.f.v) c.print(", invalid len");
      c.print(")");
      return;
    }
    if (siz === NI_LEN) {
      c.print(", 03 draft)");
      return;
    }
    const cp = bp + NI_LEN;
    switch (c.u8(bp + 1)) {
      case 0:
        if (!c.has(bp, NI_LEN + 16)) break;
        if (siz !== NI_LEN + 16) {
          if (c.f.v) c.print(", invalid subject len");
          break;
        }
        c.print(`, subject=${c.ip6(cp)}`);
        break;
      case 1:
        c.print(", subject=DNS name");
        nameData(c, cp, ep);
        break;
      case 2:
        if (!c.has(bp, NI_LEN + 4)) break;
        if (siz !== NI_LEN + 4) {
          if (c.f.v) c.print(", invalid subject len");
          break;
        }
        c.print(`, subject=${c.ip4(cp)}`);
        break;
      default:
        c.print(", unknown subject");
    }
    c.print(")");
    return;
  }
  // reply
  if (icmp6len > siz) {
    c.trunc();
    return;
  }
  let comma = false;
  if (!c.has(bp, NI_LEN)) return c.trunc();
  c.print(" node information reply (");
  const code = c.u8(bp + 1);
  switch (code) {
    case 0:
      if (c.f.v) {
        c.print("success");
        comma = true;
      }
      break;
    case 1:
    case 2:
      c.print(code === 1 ? "refused" : "unknown");
      comma = true;
      if (siz !== NI_LEN && c.f.v) c.print(", invalid length");
      break;
  }
  if (code !== 0) {
    c.print(")");
    return;
  }
  if (comma) c.print(", ");
  const qtype = c.u16(bp + 4), flags = c.u16(bp + 6);
  switch (qtype) {
    case 0:
      c.print("noop");
      if (siz !== NI_LEN && c.f.v) c.print(", invalid length");
      break;
    case 1:
      c.print("supported qtypes");
      if (flags) c.print(` [${flags & 1 ? "C" : ""}]`);
      break;
    case 2:
      c.print("DNS name");
      nameData(c, bp + NI_LEN + 4, ep);
      if (flags & 1) c.print(` [TTL=${c.u32(bp + NI_LEN)}]`);
      break;
    case 3: {
      c.print("node addresses");
      for (let i = NI_LEN; i + 20 <= siz; i += 20) {
        c.print(` ${c.ip6(bp + i + 4)}(${c.u32(bp + i)})`);
      }
      if (flags) c.print(nodeAddrFlags(flags, true));
      break;
    }
    default:
      c.print("unknown");
  }
  c.print(")");
}
