// DNS over UDP, TCP and mDNS as tcpdump 4.99 prints it (print-domain.c): the header summary,
// questions, answers (and with -vv the authority and additional sections).

import { formatIpv4, formatIpv6 } from "../address.ts";
import { DNS_TYPE_NAMES } from "../protocols.ts";
import { type Ctx, hex, printn, relts, tok } from "./_ctx.ts";

const CLASS: Record<number, string> = { 1: "IN", 3: "CHAOS", 4: "HS", 255: "ANY" };
const OPS = [
  "",
  " inv_q",
  " stat",
  " op3",
  " notify",
  " update",
  " op6",
  " op7",
  " op8",
  " updateA",
  " updateD",
  " updateDA",
  " updateM",
  " updateMA",
  " zoneInit",
  " zoneRef",
];
const RCODES = [
  "",
  " FormErr",
  " ServFail",
  " NXDomain",
  " NotImp",
  " Refused",
  " YXDomain",
  " YXRRSet",
  " NXRRSet",
  " NotAuth",
  " NotZone",
  " Resp11",
  " Resp12",
  " Resp13",
  " Resp14",
  " NoChange",
  " BadVers",
];

/** ns_nskip(): the offset after a name, or -1 for an unsupported label type or a cut name. */
function nskip(c: Ctx, cp: number): number {
  if (!c.has(cp, 1)) return -1;
  let i = c.u8(cp++);
  while (i) {
    const kind = i & 0xc0;
    if (kind === 0xc0) return cp + 1;
    if (kind === 0x80) return -1; // reserved label type
    if (kind === 0x40) {
      if ((i & 0x3f) !== 1 || !c.has(cp, 1)) return -1;
      let bitlen = c.u8(cp++);
      if (bitlen === 0) bitlen = 256;
      cp += Math.floor((bitlen + 7) / 8);
    } else cp += i;
    if (!c.has(cp, 1)) return -1;
    i = c.u8(cp++);
  }
  return cp;
}

/** labellen(): the length of the label at cp, or -1 (tcpdump prints "<ELT n>"). */
function labelLen(c: Ctx, cp: number): number {
  if (!c.has(cp, 1)) return -1;
  const i = c.u8(cp);
  if ((i & 0xc0) === 0x40) {
    const elt = i & 0x3f;
    if (elt !== 1) {
      c.print(`<ELT ${elt}>`);
      return -1;
    }
    if (!c.has(cp + 1, 1)) return -1;
    let bitlen = c.u8(cp + 1);
    if (bitlen === 0) bitlen = 256;
    return Math.floor((bitlen + 7) / 8) + 1;
  }
  if ((i & 0xc0) === 0x80) {
    c.print("<BAD LABEL TYPE>"); // 10 is reserved
    return -1;
  }
  return i;
}

/** fqdn_print(): prints a name; returns the offset after it in the record, or -1. */
/** fqdn_print(): a domain name at `cp` (pointers relative to `bp`); the offset after it, or -1. */
export function fqdn(c: Ctx, cp: number, bp: number): number {
  let l = labelLen(c, cp);
  if (l < 0) return -1;
  if (!c.has(cp, 1)) return -1;
  // tcpdump's u_int: a name printed against the end of its option (DHCPv6) never hits BAD PTR
  let maxOffset = (cp - bp) >>> 0;
  let i = c.u8(cp++);
  let rp = -1, compress = false, nameChars = 0;
  if ((i & 0xc0) !== 0xc0) rp = cp + l;
  if (i === 0) {
    c.print(".");
    return rp;
  }
  while (i && cp < c.end) {
    if ((i & 0xc0) === 0xc0) {
      if (!compress) {
        rp = cp + 1;
        compress = true;
      }
      if (!c.has(cp, 1)) return -1;
      const offset = ((i << 8) | c.u8(cp)) & 0x3fff;
      if (offset >= maxOffset) {
        c.print("<BAD PTR>");
        return -1;
      }
      maxOffset = offset;
      cp = bp + offset;
      if (!c.has(cp, 1)) return -1;
      i = c.u8(cp);
      l = labelLen(c, cp);
      if (l < 0) return -1;
      cp++;
      continue;
    }
    if ((i & 0xc0) === 0x40) {
      // EDNS0 bit label, RFC 2673 (blabel_print(): whole bytes, then the leading bits)
      if (!c.has(cp, 1)) return -1;
      let bitlen = c.u8(cp);
      if (bitlen === 0) bitlen = 256;
      const lim = cp + 1 + Math.floor((bitlen + 3) / 4);
      c.print("\\[x");
      let bp = cp + 1, b = bitlen;
      for (; bp < lim && b > 7; b -= 8, bp++) c.print(hex(c.u8(bp), 2));
      if (b > 4) c.print(hex(c.u8(bp) & (0xff << (8 - b)) & 0xff, 2));
      else if (b > 0) c.print((((c.u8(bp) >> 4) & 0x0f) & (0x0f << (4 - b)) & 0x0f).toString(16));
      c.print(`/${bitlen}]`);
    } else {
      // nd_printn(): what was captured of the label; a cut label ends the name
      const n = nameChars + l <= 255 ? l : nameChars < 255 ? 255 - nameChars : 0;
      const have = Math.max(0, Math.min(n, c.end - cp));
      c.print(printn(c, cp, have));
      if (have < n) return -1;
      nameChars += l;
    }
    cp += l;
    if (nameChars <= 255) c.print(".");
    nameChars++;
    if (!c.has(cp, 1)) return -1;
    i = c.u8(cp);
    l = labelLen(c, cp);
    if (l < 0) return -1;
    cp++;
    if (!compress) rp += l + 1;
  }
  if (nameChars > 255) c.print("<DOMAIN NAME TOO LONG>");
  return rp;
}

/** ns_qprint(). */
function qprint(c: Ctx, cp: number, bp: number, mdns: boolean): number {
  const np = cp;
  cp = nskip(c, cp);
  if (cp < 0 || !c.has(cp, 4)) return -1;
  const t = c.u16(cp);
  c.print(` ${tok(DNS_TYPE_NAMES, "Type%u", t)}`);
  const i = c.u16(cp + 2);
  const cls = mdns ? i & 0x7fff : i;
  if (cls !== 1) c.print(` ${tok(CLASS, "(Class %u)", cls)}`);
  if (mdns) c.print(i & 0x8000 ? " (QU)" : " (QM)");
  c.print("? ");
  const r = fqdn(c, np, bp);
  return r < 0 ? -1 : r + 4;
}

const EDNS_OPT: Record<number, string> = {
  1: "LLQ",
  2: "UL",
  3: "NSID",
  5: "DAU",
  6: "DHU",
  7: "N3U",
  8: "ECS",
  9: "EXPIRE",
  10: "COOKIE",
  11: "KEEPALIVE",
  12: "PADDING",
  13: "CHAIN",
  14: "KEY-TAG",
  15: "EDE",
  16: "CLIENT-TAG",
  17: "SERVER-TAG",
};

/** eopt_print(): one EDNS0 option (RFC 6891) inside an OPT record. */
function eopt(c: Ctx, cp: number): number {
  if (!c.has(cp, 2)) return -1;
  const code = c.u16(cp);
  c.print(tok(EDNS_OPT, "Opt%u", code));
  if (!c.has(cp + 2, 2)) return -1;
  const len = c.u16(cp + 2);
  cp += 4;
  if (!c.has(cp, len)) return -1;
  const hexOf = (from: number, n: number) => {
    let s = "";
    for (let i = 0; i < n; i++) s += hex(c.u8(from + i), 2);
    return s;
  };
  if (len > 0) {
    c.print(" ");
    switch (code) {
      case 8: {
        const fam = c.u16(cp), src = c.u8(cp + 2), scope = c.u8(cp + 3);
        const bitsLen = fam === 1 ? 32 : fam === 2 ? 128 : 0;
        if (
          !bitsLen || len - 4 > bitsLen / 8 || src > bitsLen || scope > bitsLen ||
          Math.floor((src + 7) / 8) !== len - 4
        ) {
          c.print(" (invalid)");
          break;
        }
        const a = new Uint8Array(bitsLen / 8);
        for (let k = 0; k < len - 4; k++) a[k] = c.u8(cp + 4 + k);
        c.print(`${fam === 1 ? formatIpv4(a, 0) : formatIpv6(a, 0)}/${src}/${scope}`);
        break;
      }
      case 10:
        if (len < 8 || (len > 8 && len < 16) || len > 40) c.print(" (invalid)");
        else c.print(len > 8 ? `${hexOf(cp, 8)} ${hexOf(cp + 8, len - 8)}` : hexOf(cp, len));
        break;
      case 11:
        if (len !== 2) c.print(" (invalid)");
        else c.print(`${(c.u16(cp) / 10).toFixed(1)} sec`);
        break;
      case 9:
        if (len !== 4) c.print(" (invalid)");
        else c.print(`${c.u32(cp)} sec`);
        break;
      case 12:
        c.print(`(${len})`);
        break;
      case 13: // CHAIN: the closest trust point, a name
        if (fqdn(c, cp, cp + len) < 0) return -1;
        break;
      case 14:
        if (len % 2 !== 0) c.print(" (invalid)");
        else {
          const tags: number[] = [];
          for (let i = 0; i < len; i += 2) tags.push(c.u16(cp + i));
          c.print(tags.join(" "));
        }
        break;
      default:
        c.print(hexOf(cp, len));
    }
  }
  return cp + len;
}

/** ns_rprint(). Returns the offset after the record, -1 when it cannot be printed. */
function rprint(c: Ctx, cp: number, bp: number, mdns: boolean): number {
  if (c.f.v) {
    c.print(" ");
    cp = fqdn(c, cp, bp);
    if (cp < 0) return -1;
  } else cp = nskip(c, cp);
  if (cp < 0 || !c.has(cp, 10)) return c.end;
  const typ = c.u16(cp);
  const i = c.u16(cp + 2);
  const cls = mdns ? i & 0x7fff : i;
  if (cls !== 1 && typ !== 41) c.print(` ${tok(CLASS, "(Class %u)", cls)}`);
  if (mdns && i & 0x8000) c.print(" (Cache flush)");
  let optFlags = 0;
  if (typ === 41) optFlags = c.u16(cp + 6);
  else if (c.f.v > 2) c.print(` [${relts(c.u32(cp + 4))}]`);
  cp += 8;
  const len = c.u16(cp);
  cp += 2;
  const rp = cp + len;
  c.print(` ${tok(DNS_TYPE_NAMES, "Type%u", typ)}`);
  if (rp > c.end) return -1;
  switch (typ) {
    case 1:
      if (!c.has(cp, 4)) return -1;
      c.print(` ${c.ip4(cp)}`);
      break;
    case 2:
    case 5:
    case 12:
    case 39:
      c.print(" ");
      if (fqdn(c, cp, bp) < 0) return -1;
      break;
    case 6: {
      if (!c.f.v) break;
      c.print(" ");
      cp = fqdn(c, cp, bp);
      if (cp < 0) return -1;
      c.print(" ");
      cp = fqdn(c, cp, bp);
      if (cp < 0) return -1;
      if (!c.has(cp, 20)) return -1;
      for (let k = 0; k < 5; k++) c.print(` ${c.u32(cp + 4 * k)}`);
      break;
    }
    case 15:
      c.print(" ");
      if (!c.has(cp, 2)) return -1;
      if (fqdn(c, cp + 2, bp) < 0) return -1;
      c.print(` ${c.u16(cp)}`);
      break;
    case 16:
      while (cp < rp) {
        c.print(' "');
        const n = c.u8(cp);
        // ns_cprint(): what was captured of a cut string, then the end of the record
        const have = Math.max(0, Math.min(n, c.end - (cp + 1)));
        c.print(printn(c, cp + 1, have));
        if (have < n) return -1;
        cp += 1 + n;
        c.print('"');
      }
      break;
    case 33:
      c.print(" ");
      if (!c.has(cp, 6)) return -1;
      if (fqdn(c, cp + 6, bp) < 0) return -1;
      c.print(`:${c.u16(cp + 4)} ${c.u16(cp)} ${c.u16(cp + 2)}`);
      break;
    case 28:
      if (!c.has(cp, 16)) return -1;
      c.print(` ${c.ip6(cp)}`);
      break;
    case 38: { // A6 (RFC 2874): prefix length, address suffix, prefix name
      if (!c.has(cp, 1)) return -1;
      const pbit = c.u8(cp), pbyte = pbit >> 3;
      if (pbit > 128) {
        c.print(` ${pbit}(bad plen)`);
        break;
      }
      if (pbit < 128) {
        c.need(cp + 1, 16 - pbyte); // GET_CPY_BYTES: a cut suffix ends the packet
        const a = new Uint8Array(16);
        a.set(c.b.subarray(cp + 1, cp + 17 - pbyte), pbyte);
        c.print(` ${pbit} ${formatIpv6(a, 0)}`);
      }
      if (pbit > 0) {
        c.print(" ");
        if (fqdn(c, cp + 17 - pbyte, bp) < 0) return -1;
      }
      break;
    }
    case 250: { // TSIG (RFC 8945): algorithm, fudge, MAC size, original ID, error, other size
      if (!c.f.v) break;
      c.print(" ");
      cp = fqdn(c, cp, bp);
      if (cp < 0) return -1;
      cp += 6; // time signed
      for (const name of ["fudge", "maclen", "origid", "error", "otherlen"]) {
        if (!c.has(cp, 2)) return -1;
        const v = c.u16(cp);
        c.print(` ${name}=${v}`);
        cp += name === "maclen" ? 2 + v : 2;
      }
      break;
    }
    case 104: // UNSPECA: one long string
      c.print(printn(c, cp, len));
      break;
    case 256: { // URI (RFC 7553): priority, weight, target (a length under 4 reads on, unsigned)
      c.print(` ${c.u16(cp)} ${c.u16(cp + 2)} `);
      const n = (len - 4) >>> 0, have = Math.max(0, Math.min(n, c.end - (cp + 4)));
      c.print(printn(c, cp + 4, have));
      if (have < n) return -1;
      break;
    }
    case 41:
      c.print(` UDPsize=${cls}`);
      if (optFlags & 0x8000) c.print(" DO");
      if (cp < rp) {
        c.print(" [");
        while (cp < rp) {
          cp = eopt(c, cp);
          if (cp < 0) return -1;
          if (cp < rp) c.print(",");
        }
        c.print("]");
      }
      break;
  }
  return rp;
}

/** The ns or ar section of -vv: `count` records from `cp` after `label`; -1 when cut. */
function section(
  c: Ctx,
  bp: number,
  mdns: boolean,
  cp: number,
  count: number,
  label: string,
): number {
  if (cp < c.end && count) {
    c.print(label);
    cp = rprint(c, cp, bp, mdns);
    if (cp < 0) return -1;
    count--;
    while (cp < c.end && count) {
      c.print(",");
      cp = rprint(c, cp, bp, mdns);
      if (cp < 0) return -1;
      count--;
    }
  }
  return count ? -1 : cp;
}

/** domain_print(). */
export function domainPrint(
  c: Ctx,
  bp: number,
  length: number,
  overTcp: boolean,
  mdns: boolean,
): void {
  c.proto = "domain";
  if (overTcp) {
    if (length < 2) {
      c.print(` [DNS over TCP: length ${length} < 2] (invalid)`);
      return;
    }
    length -= 2;
    const prefix = c.u16(bp);
    if (prefix !== length) {
      c.print(` [prefix length(${prefix}) != length(${length})] (invalid)`);
      return;
    }
    bp += 2;
    c.print(" ");
  }
  if (length < 12) {
    c.print(`domain [length ${length} < 12] (invalid)`);
    return;
  }
  c.tcheck(bp, 12);
  const flags = c.u16(bp + 2);
  const qd = c.u16(bp + 4), an = c.u16(bp + 6), ns = c.u16(bp + 8), ar = c.u16(bp + 10);
  let rcode = flags & 0xf;
  // Find an OPT record for the extended rcode (reads past the end stop the search).
  findOpt: {
    let cp = bp + 12;
    for (let k = 0; k < qd; k++) {
      cp = nskip(c, cp);
      if (cp < 0) break findOpt;
      cp += 4;
      if (cp >= c.end) break findOpt;
    }
    for (let k = 0; k < an + ns; k++) {
      cp = nskip(c, cp);
      if (cp < 0) break findOpt;
      cp += 8;
      if (cp + 2 > c.end) break findOpt;
      cp += 2 + c.u16(cp);
      if (cp >= c.end) break findOpt;
    }
    for (let k = 0; k < ar; k++) {
      cp = nskip(c, cp);
      if (cp < 0) break findOpt;
      if (cp + 2 > c.end) break findOpt;
      const type = c.u16(cp);
      cp += 4;
      if (cp + 1 > c.end) break findOpt;
      if (type === 41) {
        rcode |= c.u8(cp) << 4;
        break findOpt;
      }
      cp += 4;
      if (cp + 2 > c.end) break findOpt;
      cp += 2 + c.u16(cp);
      if (cp >= c.end) break findOpt;
    }
  }
  const id = c.u16(bp);
  const op = (flags >> 11) & 0xf;
  let cp = bp + 12;
  if (flags & 0x8000) {
    c.print(
      `${id}${OPS[op]}${RCODES[rcode] ?? ` Resp${rcode & 0xfff}`}${flags & 0x0400 ? "*" : ""}${
        flags & 0x0080 ? "" : "-"
      }${flags & 0x0200 ? "|" : ""}${flags & 0x0020 ? "$" : ""}`,
    );
    if (qd !== 1) c.print(` [${qd}q]`);
    for (let k = 0; k < qd; k++) {
      if (k !== 0) c.print(",");
      if (c.f.v > 1) {
        c.print(" q:");
        cp = qprint(c, cp, bp, mdns);
        if (cp < 0) return c.trunc();
      } else {
        cp = nskip(c, cp);
        if (cp < 0) return c.trunc();
        cp += 4;
      }
    }
    c.print(` ${an}/${ns}/${ar}`);
    if (an) {
      cp = rprint(c, cp, bp, mdns);
      if (cp < 0) return c.trunc();
      let left = an - 1;
      while (cp < c.end && left) {
        c.print(",");
        cp = rprint(c, cp, bp, mdns);
        if (cp < 0) return c.trunc();
        left--;
      }
      if (left) return c.trunc();
    }
    if (c.f.v > 1) {
      cp = section(c, bp, mdns, cp, ns, " ns:");
      if (cp < 0) return c.trunc();
      cp = section(c, bp, mdns, cp, ar, " ar:");
      if (cp < 0) return c.trunc();
    }
  } else {
    c.print(`${id}${OPS[op]}${flags & 0x0100 ? "+" : ""}${flags & 0x0010 ? "%" : ""}`);
    if (flags & 0x6cf) c.print(` [b2&3=0x${flags.toString(16)}]`);
    if (op === 1) {
      if (qd) c.print(` [${qd}q]`);
      if (an !== 1) c.print(` [${an}a]`);
    } else {
      if (an) c.print(` [${an}a]`);
      if (qd !== 1) c.print(` [${qd}q]`);
    }
    if (ns) c.print(` [${ns}n]`);
    if (ar) c.print(` [${ar}au]`);
    if (qd) {
      cp = qprint(c, cp, bp, mdns);
      if (cp < 0) return c.trunc();
      let left = qd - 1;
      while (cp < c.end && left) {
        cp = qprint(c, cp, bp, mdns);
        if (cp < 0) return c.trunc();
        left--;
      }
      if (left) return c.trunc();
    }
    if (c.f.v > 1) {
      if (an) {
        cp = rprint(c, cp, bp, mdns);
        if (cp < 0) return c.trunc();
        let left = an - 1;
        while (cp < c.end && left) {
          c.print(",");
          cp = rprint(c, cp, bp, mdns);
          if (cp < 0) return c.trunc();
          left--;
        }
        if (left) return c.trunc();
      }
      cp = section(c, bp, mdns, cp, ns, " ns:");
      if (cp < 0) return c.trunc();
      cp = section(c, bp, mdns, cp, ar, " ar:");
      if (cp < 0) return c.trunc();
    }
  }
  c.print(` (${length})`);
}
