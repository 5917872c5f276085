// BGP-4 as tcpdump 4.99 prints it (print-bgp.c): ": BGP" alone without -v; with -v each message
// in the segment: OPEN with capabilities, UPDATE (withdrawn routes, the common path attributes,
// NLRI), NOTIFICATION codes, KEEPALIVE, ROUTE-REFRESH.

import { type Ctx, tok } from "./_ctx.ts";

const MSG: Record<number, string> = {
  1: "Open",
  2: "Update",
  3: "Notification",
  4: "Keepalive",
  5: "Route Refresh",
};
const ATTR: Record<number, string> = {
  1: "Origin",
  2: "AS Path",
  3: "Next Hop",
  4: "Multi Exit Discriminator",
  5: "Local Preference",
  6: "Atomic Aggregate",
  7: "Aggregator",
  8: "Community",
  9: "Originator ID",
  10: "Cluster List",
  14: "Multi-Protocol Reach NLRI",
  15: "Multi-Protocol Unreach NLRI",
  16: "Extended Community",
  17: "AS4 Path",
  18: "AS4 Aggregator",
  32: "Large Community",
};
const ORIGIN: Record<number, string> = { 0: "IGP", 1: "EGP", 2: "Incomplete" };
const CAPCODE: Record<number, string> = {
  1: "Multiprotocol Extensions",
  2: "Route Refresh",
  3: "Outbound Route Filtering",
  4: "Multiple Routes to a Destination",
  5: "Extended Next Hop Encoding",
  6: "Extended Message",
  64: "Graceful Restart",
  65: "32-Bit AS Number",
  67: "Dynamic Capability",
  68: "Multisession",
  69: "Multiple Paths",
  70: "Enhanced Route Refresh",
  71: "Long-lived Graceful Restart",
  128: "Route Refresh (Cisco)",
};
const AF: Record<number, string> = { 1: "IPv4", 2: "IPv6" };
const SAFI: Record<number, string> = {
  1: "Unicast",
  2: "Multicast",
  3: "Unicast+Multicast",
  4: "labeled Unicast",
  128: "labeled VPN Unicast",
  129: "labeled VPN Multicast",
};
const MAJOR: Record<number, string> = {
  1: "Message Header Error",
  2: "OPEN Message Error",
  3: "UPDATE Message Error",
  4: "Hold Timer Expired",
  5: "Finite State Machine Error",
  6: "Cease",
  7: "Capability Message Error",
};
const MINOR: Record<number, Record<number, string>> = {
  1: { 1: "Connection Not Synchronized", 2: "Bad Message Length", 3: "Bad Message Type" },
  2: {
    1: "Unsupported Version Number",
    2: "Bad Peer AS",
    3: "Bad BGP Identifier",
    4: "Unsupported Optional Parameter",
    5: "Authentication Failure",
    6: "Unacceptable Hold Time",
    7: "Capability Message Error",
  },
  3: {
    1: "Malformed Attribute List",
    2: "Unrecognized Well-known Attribute",
    3: "Missing Well-known Attribute",
    4: "Attribute Flags Error",
    5: "Attribute Length Error",
    6: "Invalid ORIGIN Attribute",
    7: "AS Routing Loop",
    8: "Invalid NEXT_HOP Attribute",
    9: "Optional Attribute Error",
    10: "Invalid Network Field",
    11: "Malformed AS_PATH",
  },
  6: {
    1: "Maximum Number of Prefixes Reached",
    2: "Administrative Shutdown",
    3: "Peer Unconfigured",
    4: "Administrative Reset",
    5: "Connection Rejected",
    6: "Other Configuration Change",
    7: "Connection Collision Resolution",
    8: "Out of Resources",
  },
};

const afSafi = (afi: number, safi: number) =>
  `AFI ${tok(AF, "Unknown", afi)} (${afi}), SAFI ${tok(SAFI, "Unknown", safi)} (${safi})`;

/** bgp_print() of the TCP payload (port 179). */
export function bgpPrint(c: Ctx, dat: number, length: number): void {
  c.proto = "bgp";
  c.print(": BGP");
  if (c.f.v < 1) return;
  const ep = Math.min(c.end, dat + length);
  let p = dat;
  while (p < ep) {
    if (!c.has(p, 1)) break;
    if (c.u8(p) !== 0xff) {
      p++;
      continue;
    }
    if (!c.has(p, 16)) break;
    let marker = true;
    for (let i = 0; i < 16; i++) if (c.u8(p + i) !== 0xff) marker = false;
    if (!marker) {
      p++;
      continue;
    }
    c.tcheck(p, 19);
    const hlen = c.u16(p + 16);
    if (hlen < 19) {
      c.print(`\n[|BGP Bogus header length ${hlen} < 19]`);
      break;
    }
    if (c.has(p, hlen)) {
      pdu(c, p, hlen);
      p += hlen;
    } else {
      c.print(`\n[|BGP ${tok(MSG, "Unknown Message Type", c.u8(p + 18))}]`);
      break;
    }
  }
}

function pdu(c: Ctx, dat: number, length: number): void {
  const type = c.u8(dat + 18);
  c.print(`\n\t${tok(MSG, "Unknown", type)} Message (${type}), length: ${length}`);
  switch (type) {
    case 1:
      return open(c, dat, length);
    case 2:
      return update(c, dat, length);
    case 3:
      return notification(c, dat, length);
    case 4:
      return;
    case 5:
      c.tcheck(dat, 23);
      c.print(`\n\t  ${afSafi(c.u16(dat + 19), c.u8(dat + 22))}`);
      if (c.f.v > 1) c.hexData(dat, "\n\t  ", length);
      return;
    default:
      c.tcheck(dat, length);
      c.print(`\n\tno Message ${type} decoder`);
      c.hexData(dat, "\n\t  ", length);
  }
}

function open(c: Ctx, dat: number, length: number): void {
  c.tcheck(dat, 29);
  if (length < 29) return c.trunc();
  c.print(
    `\n\t  Version ${c.u8(dat + 19)}, my AS ${c.u16(dat + 20)}, Holdtime ${c.u16(dat + 22)}s, ID ${
      c.ip4(dat + 24)
    }`,
  );
  const optslen = c.u8(dat + 28);
  c.print(`\n\t  Optional parameters, length: ${optslen}`);
  const opt = dat + 29;
  length -= 29;
  for (let i = 0; i < optslen;) {
    c.tcheck(opt + i, 2);
    if (length < 2 + i) return c.trunc();
    const type = c.u8(opt + i), len = c.u8(opt + i + 1);
    if (2 + i + len > optslen) {
      c.print(`\n\t     Option ${type}, length: ${len}, goes past the end of the options`);
      break;
    }
    c.print(
      `\n\t    Option ${
        tok({ 1: "Authentication Information", 2: "Capabilities Advertisement" }, "Unknown", type)
      } (${type}), length: ${len}`,
    );
    if (type === 2) capabilities(c, opt + i + 2, len);
    else c.print(`\n\t      no decoder for option ${type}`);
    i += 2 + len;
  }
}

function capabilities(c: Ctx, p: number, caplen: number): void {
  let i = 0;
  while (caplen > 0) {
    c.tcheck(p + i, 2);
    const type = c.u8(p + i), len = c.u8(p + i + 1);
    c.print(`\n\t      ${tok(CAPCODE, "Unknown", type)} (${type}), length: ${len}`);
    c.tcheck(p + i + 2, len);
    const v = p + i + 2;
    switch (type) {
      case 1:
        if (len < 4) return c.print(" (too short, < 4)");
        c.print(`\n\t\t${afSafi(c.u16(v), c.u8(v + 3))}`);
        break;
      case 64: {
        if (len < 2) return c.print(" (too short, < 2)");
        c.print(
          `\n\t\tRestart Flags: [${c.u8(v) & 0x80 ? "R" : "none"}], Restart Time ${
            c.u16(v) & 0xfff
          }s`,
        );
        for (let o = 2; len - o >= 4; o += 4) {
          c.print(
            `\n\t\t  ${afSafi(c.u16(v + o), c.u8(v + o + 2))}, Forwarding state preserved: ${
              c.u8(v + o + 3) & 0x80 ? "yes" : "no"
            }`,
          );
        }
        break;
      }
      case 2:
      case 128:
        break;
      case 65:
        if (len < 4) return c.print(" (too short, < 4)");
        c.print(`\n\t\t 4 Byte AS ${c.u32(v)}`);
        break;
      case 69:
        if (len === 0) {
          c.print(" (bogus)");
          break;
        }
        for (let o = 0; o < len; o += 4) {
          if (len - o < 4) {
            c.print(" (invalid)");
            break;
          }
          const sr = c.u8(v + o + 3);
          c.print(
            `\n\t\t${afSafi(c.u16(v + o), c.u8(v + o + 2))}, Send/Receive: ${
              tok({ 1: "Receive", 2: "Send", 3: "Both" }, "Bogus (0x%02x)", sr)
            }`,
          );
        }
        break;
      default:
        c.print(`\n\t\tno decoder for Capability ${type}`);
        if (c.f.v <= 1) c.hexData(v, "\n\t\t", len);
    }
    if (c.f.v > 1 && len !== 0) c.hexData(v, "\n\t\t", len);
    i += 2 + len;
    caplen -= 2 + len;
  }
}

/** decode_prefix4(): [text, bytes used], or -1 (bad length) / -2 (cut). */
function prefix4(c: Ctx, p: number, itemlen: number): [string, number] | -1 | -2 {
  const plen = c.u8(p);
  if (plen > 32) return -1;
  const n = (plen + 7) >> 3;
  if (itemlen - 1 < n) return -2;
  const a = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) a[i] = c.u8(p + 1 + i);
  if (plen % 8) a[n - 1] = a[n - 1]! & ((0xff00 >> (plen % 8)) & 0xff);
  return [`${a.join(".")}/${plen}`, 1 + n];
}

/** check_add_path(): whether the prefixes carry ADD-PATH identifiers. */
function addPath(c: Ctx, p: number, length: number, max: number): boolean {
  if (length < 5) return false;
  let off = 0;
  while (off < length) {
    off += 4;
    if (!c.has(p + off, 1)) return false;
    const pl = c.u8(p + off);
    if (pl > max) return false;
    off += 1 + ((pl + 7) >> 3);
  }
  if (off > length) return false;
  for (off = 0; off < length;) {
    if (!c.has(p + off, 1)) return false;
    const pl = c.u8(p + off);
    if (pl < 1 || pl > max) return true;
    off += 1 + ((pl + 7) >> 3);
  }
  return off > length;
}

function routes(c: Ctx, p: number, len: number): number {
  const ap = addPath(c, p, len, 32);
  while (len !== 0) {
    if (ap) {
      c.print(`\n\t    Path Id: ${c.u32(p)}`);
      p += 4, len -= 4;
    }
    const r = prefix4(c, p, len);
    if (r === -1) {
      c.print("\n\t    (illegal prefix length)");
      break;
    }
    if (r === -2) {
      c.trunc();
      return -1;
    }
    c.print(`\n\t    ${r[0]}`);
    p += r[1], len -= r[1];
  }
  return p;
}

function update(c: Ctx, dat: number, length: number): void {
  let p = dat + 19;
  length -= 19;
  c.tcheck(p, 2);
  if (length < 2) return c.trunc();
  let wlen = c.u16(p);
  p += 2, length -= 2;
  if (wlen > 1) {
    c.tcheck(p, wlen);
    if (length < wlen) return c.trunc();
    c.print("\n\t  Withdrawn routes:");
    const end = routes(c, p, wlen);
    if (end < 0) return;
    length -= wlen;
    p += wlen;
    wlen = 0;
  } else {
    c.tcheck(p, wlen);
    if (length < wlen) return c.trunc();
    p += wlen, length -= wlen;
  }
  c.tcheck(p, 2);
  if (length < 2) return c.trunc();
  let len = c.u16(p);
  p += 2, length -= 2;
  if (wlen === 0 && len === 0 && length === 0) {
    c.print("\n\t  End-of-Rib Marker (empty NLRI)");
    return;
  }
  while (len) {
    c.tcheck(p, 2);
    if (length < 2) return c.trunc();
    if (len < 2) {
      c.print("\n\t  [path attrs too short]");
      p += len;
      break;
    }
    const flags = c.u8(p), type = c.u8(p + 1);
    p += 2, len -= 2, length -= 2;
    const lenlen = flags & 0x10 ? 2 : 1;
    c.tcheck(p, lenlen);
    if (length < lenlen) return c.trunc();
    if (len < lenlen) {
      c.print("\n\t  [path attr too short]");
      p += len;
      break;
    }
    const alen = lenlen === 2 ? c.u16(p) : c.u8(p);
    p += lenlen, len -= lenlen, length -= lenlen;
    c.print(`\n\t  ${tok(ATTR, "Unknown Attribute", type)} (${type}), length: ${alen}`);
    if (flags) {
      c.print(
        `, Flags [${flags & 0x80 ? "O" : ""}${flags & 0x40 ? "T" : ""}${flags & 0x20 ? "P" : ""}${
          flags & 0x10 ? "E" : ""
        }${flags & 0xf ? `+${(flags & 0xf).toString(16)}` : ""}]`,
      );
    }
    c.print(": ");
    if (len < alen) {
      c.print(" [path attr too short]");
      p += len;
      break;
    }
    if (length < alen) return c.trunc();
    attr(c, type, p, alen);
    p += alen, len -= alen, length -= alen;
  }
  if (length) {
    c.print("\n\t  Updated routes:");
    routes(c, p, length);
  }
}

/** bgp_attr_get_as_size(): 2 when the AS_PATH parses as 2-byte ASes, else 4. */
function asSize(c: Ctx, type: number, p: number, len: number): number {
  if (type === 17) return 4;
  let t = p;
  while (t < p + len) {
    if (!c.has(t, 2)) return 4;
    const st = c.u8(t);
    if (st < 1 || st > 4) return 4;
    t += 2 + c.u8(t + 1) * 2;
  }
  return t === p + len ? 2 : 4;
}

function attr(c: Ctx, type: number, p: number, len: number): void {
  const invalid = () => c.print("invalid len");
  switch (type) {
    case 1:
      if (len !== 1) invalid();
      else c.print(tok(ORIGIN, "Unknown Origin Typecode", c.u8(p)));
      break;
    case 2:
    case 17: {
      if (len % 2) {
        invalid();
        break;
      }
      if (!len) {
        c.print("empty");
        break;
      }
      const size = asSize(c, type, p, len);
      for (let t = p; t < p + len;) {
        const st = c.u8(t), n = c.u8(t + 1);
        c.print(tok({ 1: "{ ", 2: "", 3: "( ", 4: "({ " }, "?", st));
        for (let i = 0; i < n * size; i += size) {
          c.tcheck(t + 2 + i, size);
          c.print(`${size === 2 ? c.u16(t + 2 + i) : c.u32(t + 2 + i)} `);
        }
        c.print(tok({ 1: "}", 2: "", 3: ")", 4: "})" }, "?", st));
        t += 2 + n * size;
      }
      break;
    }
    case 3:
    case 9:
      if (len !== 4) invalid();
      else c.print(c.ip4(p));
      break;
    case 4:
    case 5:
      if (len !== 4) invalid();
      else c.print(`${c.u32(p)}`);
      break;
    case 6:
      if (len !== 0) invalid();
      break;
    case 7:
    case 18:
      if (len === 6 && type === 7) c.print(`AS #${c.u16(p)}, origin ${c.ip4(p + 2)}`);
      else if (len === 8) c.print(`AS #${c.u32(p)}, origin ${c.ip4(p + 4)}`);
      else invalid();
      break;
    case 8:
      if (len % 4) {
        invalid();
        break;
      }
      for (let t = 0; t < len; t += 4) {
        const comm = c.u32(p + t);
        if (comm === 0xffffff01) c.print(" NO_EXPORT");
        else if (comm === 0xffffff02) c.print(" NO_ADVERTISE");
        else if (comm === 0xffffff03) c.print(" NO_EXPORT_SUBCONFED");
        else c.print(`${comm >>> 16}:${comm & 0xffff}${len - t > 4 ? ", " : ""}`);
      }
      break;
    case 10:
      if (len % 4) {
        invalid();
        break;
      }
      for (let t = 0; t < len; t += 4) c.print(`${c.ip4(p + t)}${len - t > 4 ? ", " : ""}`);
      break;
    default:
      c.tcheck(p, len);
      c.print(`\n\t    no Attribute ${type} decoder`);
      if (c.f.v <= 1) c.hexData(p, "\n\t    ", len);
  }
  if (c.f.v > 1 && len) {
    c.tcheck(p, len);
    c.hexData(p, "\n\t    ", len);
  }
}

function notification(c: Ctx, dat: number, length: number): void {
  c.tcheck(dat, 21);
  if (length < 21) return;
  const major = c.u8(dat + 19), minor = c.u8(dat + 20);
  c.print(`, ${tok(MAJOR, "Unknown Error", major)} (${major})`);
  const table = MINOR[major];
  if (major === 1 || major === 2 || major === 3 || major === 6) {
    c.print(`, subcode ${tok(table!, "Unknown", minor)} (${minor})`);
  } else if (major === 5 || major === 7) c.print(` subcode Unknown (${minor})`);
  if (major === 6 && minor === 1 && length >= 28) {
    const t = dat + 21;
    c.print(`, ${afSafi(c.u16(t), c.u8(t + 2))}, Max Prefixes: ${c.u32(t + 3)}`);
  }
  if (major === 6 && (minor === 2 || minor === 4) && length >= 22) {
    const t = dat + 21;
    const n = c.u8(t);
    let rest = 0;
    if (n > 128 || n > length - 22) c.print(", invalid Shutdown Communication length");
    else if (n === 0) {
      c.print(", empty Shutdown Communication");
      rest = 1;
    } else {
      let s = "";
      for (let i = 0; i < n; i++) s += String.fromCharCode(c.u8(t + 1 + i));
      c.print(`, Shutdown Communication (length: ${n}): "${s}"`);
      rest = n + 1;
    }
    if (length - (rest + 21) > 0) {
      c.print(`, Data: (length: ${length - (rest + 21)})`);
      c.hexData(t + rest, "\n\t\t", length - (rest + 21));
    }
  }
}
