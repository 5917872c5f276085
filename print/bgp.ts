// BGP-4 as tcpdump 4.99 prints it (print-bgp.c): ": BGP" alone without -v; with -v each message
// in the segment: OPEN with capabilities, UPDATE (withdrawn routes, the common path attributes,
// NLRI), NOTIFICATION codes, KEEPALIVE, ROUTE-REFRESH.

import { AF, L2VPN_ENCAPS } from "./_l2vpn_text.ts";
import { bits, type Ctx, hex, printf3f, tok, Truncated } from "./_ctx.ts";
import { formatIpv4, formatIpv6 } from "../address.ts";

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
  11: "DPA",
  12: "Advertisers",
  13: "RCID Path / Cluster ID",
  14: "Multi-Protocol Reach NLRI",
  15: "Multi-Protocol Unreach NLRI",
  16: "Extended Community",
  17: "AS4 Path",
  18: "Aggregator4",
  22: "PMSI Tunnel",
  23: "Tunnel Encapsulation",
  24: "Traffic Engineering",
  25: "IPv6 Extended Community",
  26: "Accumulated IGP Metric",
  27: "PE Distinguisher Label",
  28: "Entropy Label",
  32: "Large Community",
  128: "Attribute Set",
  255: "Reserved for development",
};
const PMSI_TUNNEL: Record<number, string> = {
  1: "RSVP-TE P2MP LSP",
  2: "LDP P2MP LSP",
  3: "PIM-SSM Tree",
  4: "PIM-SM Tree",
  5: "PIM-Bidir Tree",
  6: "Ingress Replication",
  7: "LDP MP2MP LSP",
};
const FSM_MINOR: Record<number, string> = {
  0: "Unspecified Error",
  1: "In OpenSent State",
  2: "In OpenConfirm State",
  3: "In Established State",
};
const CAP_MINOR: Record<number, string> = {
  1: "Invalid Action Value",
  2: "Invalid Capability Length",
  3: "Malformed Capability Value",
  4: "Unsupported Capability Code",
};
const ORIGIN: Record<number, string> = { 0: "IGP", 1: "EGP", 2: "Incomplete" };
const CAPCODE: Record<number, string> = {
  1: "Multiprotocol Extensions",
  2: "Route Refresh",
  3: "Cooperative Route Filtering",
  4: "Multiple Routes to a Destination",
  5: "Extended Next Hop Encoding",
  8: "Multiple Labels",
  64: "Graceful Restart",
  65: "32-Bit AS Number",
  67: "Dynamic Capability",
  68: "Multisession BGP",
  69: "Multiple Paths",
  70: "Enhanced Route Refresh",
  71: "Long-lived Graceful Restart",
  128: "Route Refresh (Cisco)",
};
const SAFI: Record<number, string> = {
  0: "Reserved",
  1: "Unicast",
  2: "Multicast",
  3: "Unicast+Multicast",
  4: "labeled Unicast",
  5: "Multicast VPN",
  64: "Tunnel",
  65: "VPLS",
  66: "MDT",
  70: "EVPN",
  128: "labeled VPN Unicast",
  129: "labeled VPN Multicast",
  130: "labeled VPN Unicast+Multicast",
  132: "Route Target Routing Information",
};
const EXT_COMM: Record<number, string> = {
  0x0002: "target",
  0x0102: "target",
  0x0202: "target",
  0x0003: "origin",
  0x0103: "origin",
  0x0203: "origin",
  0x4004: "link-BW",
  0x0005: "ospf-domain",
  0x0105: "ospf-domain",
  0x0205: "ospf-domain",
  0x8005: "ospf-domain",
  0x0306: "ospf-route-type",
  0x8000: "ospf-route-type",
  0x030c: "encapsulation",
  0x0107: "ospf-router-id",
  0x8001: "ospf-router-id",
  0x800a: "layer2-info",
  0x8800: "eigrp-general-route (flag, tag)",
  0x8801: "eigrp-route-metric (AS, delay)",
  0x8802: "eigrp-route-metric (reliability, nexthop, bandwidth)",
  0x8803: "eigrp-route-metric (load, MTU)",
  0x8804: "eigrp-external-route (remote-AS, remote-ID)",
  0x8805: "eigrp-external-route (remote-proto, remote-metric)",
  0x0009: "source-AS",
  0x010b: "vrf-route-import",
  0x000a: "l2vpn-id",
  0xf10a: "l2vpn-id",
};
const EXT_COMM_FLAGS = [[0x8000, "vendor-specific"], [0x4000, "non-transitive"]] as const;
const OSPF_RTYPE: Record<number, string> = {
  1: "Router",
  2: "Network",
  3: "Summary",
  5: "External",
  7: "NSSA External",
  129: "MPLS-VPN Sham",
};
const ENCAP_TUNNEL: Record<number, string> = {
  1: "L2TPv3 over IP",
  2: "GRE",
  3: "Transmit Tunnel",
  4: "IPsec",
  5: "IP in IP with IPsec",
  6: "MPLS in IP with IPsec",
  7: "IP in IP",
  8: "VXLAN",
  9: "NVGRE",
  10: "MPLS",
  11: "MPLS in GRE",
  12: "VXLAN GPE",
  13: "MPLS in UDP",
  14: "IPv6",
  15: "SR TE",
  16: "Bare",
  17: "SR",
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
  let p = dat, start = dat;
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
    // bytes skipped before this marker: tcpdump says the stream was cut
    if (start !== p) c.trunc();
    const hlen = c.u16(p + 16);
    if (hlen < 19) {
      c.print(`\nmessage length ${hlen} < 19 (invalid)`);
      break;
    }
    if (c.has(p, hlen)) {
      if (!pdu(c, p, hlen)) return;
      p += hlen;
      start = p;
    } else {
      c.print(`\n[|BGP ${tok(MSG, "Unknown Message Type", c.u8(p + 18))}]`);
      break;
    }
  }
}

/**
 * An ND_TCHECK inside `f` goes to its function's trunc label: " [|bgp]" and back to the caller,
 * which goes on (a GET_ macro's cut, a hard Truncated, still ends the packet).
 */
function trunc(c: Ctx, f: () => void): boolean {
  try {
    f();
    return true;
  } catch (e) {
    if (!(e instanceof Truncated) || !e.soft) throw e;
    c.trunc();
    return false;
  }
}

/** bgp_pdu_print(): false when it ended at its own trunc label (bgp_print() stops then). */
function pdu(c: Ctx, dat: number, length: number): boolean {
  const type = c.u8(dat + 18);
  c.print(`\n\t${tok(MSG, "Unknown", type)} Message (${type}), length: ${length}`);
  switch (type) {
    case 1:
      trunc(c, () => open(c, dat, length));
      return true;
    case 2:
      trunc(c, () => update(c, dat, length));
      return true;
    case 3:
      trunc(c, () => notification(c, dat, length));
      return true;
    case 4:
      return true;
    case 5:
      trunc(c, () => {
        c.tcheck(dat, 23);
        if (length < 23) return;
        c.print(`\n\t  ${afSafi(c.u16(dat + 19), c.u8(dat + 22))}`);
        if (c.f.v > 1) c.hexData(dat, "\n\t  ", length);
      });
      return true;
    default:
      return trunc(c, () => {
        c.tcheck(dat, length);
        c.print(`\n\t  no Message ${type} decoder`);
        c.hexData(dat, "\n\t  ", length);
      });
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
    if (type === 2) trunc(c, () => capabilities(c, opt + i + 2, len));
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
      case 8: // Multiple Labels: a count per AFI/SAFI
        for (let o = 0; len - o >= 4; o += 4) {
          c.print(
            `\n\t\t${afSafi(c.u16(v + o), c.u8(v + o + 2))}, Count: ${c.u8(v + o + 3)}`,
          );
        }
        break;
      case 2:
      case 71:
      case 128:
        break;
      case 65:
        if (len < 4) return c.print(" (too short, < 4)");
        c.print(`\n\t\t 4 Byte AS ${asText(c, c.u32(v))}`);
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
    if (!c.has(p + off, 1)) break; // out of captured data: stop scanning
    const pl = c.u8(p + off);
    if (pl > max) return false;
    off += 1 + ((pl + 7) >> 3);
  }
  if (off > length) return false;
  for (off = 0; off < length;) {
    if (!c.has(p + off, 1)) break; // out of captured data: stop scanning
    const pl = c.u8(p + off);
    if (pl < 1 || pl > max) return true;
    off += 1 + ((pl + 7) >> 3);
  }
  return off > length;
}

/** The goto trunc of bgp_update_print(): " [|bgp]" from pdu(), and on to the next message. */
function updateCut(): never {
  throw new Truncated(true);
}

/** bgp_update_print(), with its cursor slips (a bad withdrawn prefix leaves `p` where it was). */
function update(c: Ctx, dat: number, length: number): void {
  let p = dat + 19;
  length -= 19;
  c.tcheck(p, 2);
  if (length < 2) updateCut();
  let wlen = c.u16(p);
  p += 2, length -= 2;
  if (wlen > 1) {
    c.tcheck(p, wlen);
    if (length < wlen) updateCut();
    c.print("\n\t  Withdrawn routes:");
    const ap = addPath(c, p, wlen, 32);
    let id = 0;
    while (wlen !== 0) {
      if (ap) {
        if (wlen < 4) {
          p += wlen, length -= wlen;
          break;
        }
        id = c.u32(p);
        p += 4, length -= 4, wlen -= 4;
      }
      const r = prefix4(c, p, wlen);
      if (r === -1) {
        c.print("\n\t    (illegal prefix length)");
        break;
      }
      if (r === -2) updateCut();
      c.print(`\n\t    ${r[0]}${ap ? `   Path Id: ${id}` : ""}`);
      p += r[1], length -= r[1], wlen -= r[1];
    }
  } else {
    c.tcheck(p, wlen);
    if (length < wlen) updateCut();
    p += wlen, length -= wlen;
  }
  c.tcheck(p, 2);
  if (length < 2) updateCut();
  let len = c.u16(p);
  p += 2, length -= 2;
  if (wlen === 0 && len === 0 && length === 0) {
    c.print("\n\t  End-of-Rib Marker (empty NLRI)");
    return;
  }
  if (len && length < len) updateCut();
  while (len) {
    c.tcheck(p, 2);
    if (length < 2) updateCut();
    if (len < 2) {
      c.print("\n\t  [path attrs too short]");
      p += len, length -= len;
      break;
    }
    const flags = c.u8(p), type = c.u8(p + 1);
    p += 2, len -= 2, length -= 2;
    const lenlen = flags & 0x10 ? 2 : 1;
    c.tcheck(p, lenlen);
    if (length < lenlen) updateCut();
    if (len < lenlen) {
      c.print("\n\t  [path attrs too short]");
      p += len, length -= len;
      break;
    }
    const alen = lenlen === 2 ? c.u16(p) : c.u8(p);
    p += lenlen, len -= lenlen, length -= lenlen;
    c.print(`\n\t  ${tok(ATTR, "Unknown Attribute", type)} (${type}), length: ${alen}`);
    if (flags) {
      c.print(
        `, Flags [${flags & 0x80 ? "O" : ""}${flags & 0x40 ? "T" : ""}${flags & 0x20 ? "P" : ""}${
          flags & 0x10 ? "E" : ""
        }${flags & 0xf ? `+${(flags & 0xf).toString(16)}` : ""}]: `,
      );
    }
    if (len < alen) {
      c.print(" [path attrs too short]");
      p += len, length -= len;
      break;
    }
    if (length < alen) updateCut();
    attr(c, type, p, alen);
    p += alen, len -= alen, length -= alen;
  }
  if (length) {
    const ap = addPath(c, p, length, 32);
    c.print("\n\t  Updated routes:");
    let id = 0;
    while (length !== 0) {
      if (ap) {
        c.tcheck(p, 4);
        if (length < 4) updateCut();
        id = c.u32(p);
        p += 4, length -= 4;
      }
      const r = prefix4(c, p, length);
      if (r === -1) {
        c.print("\n\t    (illegal prefix length)");
        break;
      }
      if (r === -2) updateCut();
      c.print(`\n\t    ${r[0]}${ap ? `   Path Id: ${id}` : ""}`);
      p += r[1], length -= r[1];
    }
  }
}

/** as_printf(): an AS number, in asdot notation (`64086.59904`) with -b when above 65535. */
function asText(c: Ctx, as: number): string {
  return c.f.b && as > 0xffff ? `${as >>> 16}.${as & 0xffff}` : String(as);
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

function attr(c: Ctx, type: number, p: number, len: number, level = 0): void {
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
          c.print(`${asText(c, size === 2 ? c.u16(t + 2 + i) : c.u32(t + 2 + i))} `);
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
      if (len === 6 && type === 7) c.print(` AS #${asText(c, c.u16(p))}, origin ${c.ip4(p + 2)}`);
      else if (len === 8) c.print(` AS #${asText(c, c.u32(p))}, origin ${c.ip4(p + 4)}`);
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
    case 14:
      c.tcheck(p, 3);
      if (len < 3) cut(c);
      if (!mpAf(c, p, len)) break;
      if (!mpReach(c, p, len)) return;
      break;
    case 15:
      c.tcheck(p, 3);
      if (!mpAf(c, p, len)) break;
      if (len === 3) c.print("\n\t      End-of-Rib Marker (empty NLRI)");
      if (!nlris(c, c.u16(p), c.u8(p + 2), p, p + 3, len)) return;
      break;
    case 16:
      if (len % 8) {
        invalid();
        break;
      }
      for (let t = p; t < p + len; t += 8) {
        c.tcheck(t, 2);
        const ec = c.u16(t);
        c.print(
          `\n\t    ${tok(EXT_COMM, "unknown extd community typecode", ec)} (0x${hex(ec)}), Flags [${
            bits(EXT_COMM_FLAGS, "none", ec)
          }]`,
        );
        c.tcheck(t, 8);
        c.print(": ");
        extComm(c, t);
      }
      break;
    case 32:
      if (len === 0 || len % 12) {
        invalid();
        break;
      }
      c.print("\n\t    ");
      for (let t = 0; t < len; t += 12) {
        c.print(
          `${c.u32(p + t)}:${c.u32(p + t + 4)}:${c.u32(p + t + 8)}${len - t > 12 ? ", " : ""}`,
        );
      }
      // tcpdump counts the attribute's length down to 0 here: no -vv dump follows
      return;
    case 22: {
      const flags = c.u8(p), tunnel = c.u8(p + 1);
      c.print(
        `\n\t    Tunnel-type ${tok(PMSI_TUNNEL, "Unknown", tunnel)} (${tunnel}), Flags [${
          flags & 1 ? "Leaf Information required" : "none"
        }], MPLS Label ${((c.u8(p + 2) << 16) | c.u16(p + 3)) >>> 4}`,
      );
      const t = p + 5;
      switch (tunnel) {
        case 4:
        case 5:
          c.print(`\n\t      Sender ${c.ip4(t)}, P-Group ${c.ip4(t + 4)}`);
          break;
        case 3:
          c.print(`\n\t      Root-Node ${c.ip4(t)}, P-Group ${c.ip4(t + 4)}`);
          break;
        case 6:
          c.print(`\n\t      Tunnel-Endpoint ${c.ip4(t)}`);
          break;
        case 2:
        case 7:
          c.print(`\n\t      Root-Node ${c.ip4(t)}, LSP-ID 0x${hex(c.u32(t + 4), 8)}`);
          break;
        case 1:
          c.print(`\n\t      Extended-Tunnel-ID ${c.ip4(t)}, P2MP-ID 0x${hex(c.u32(t + 4), 8)}`);
          break;
        default:
          if (c.f.v <= 1) c.hexData(t, "\n\t      ", len - 5);
      }
      break;
    }
    case 26: {
      let t = p, tlen = len;
      while (tlen >= 3) {
        const at = c.u8(t);
        let al = c.u16(t + 1);
        t += 3, tlen -= 3;
        c.print(`\n\t    ${at === 1 ? "AIGP" : "Unknown"} TLV (${at}), length ${al}`);
        if (al < 3) cut(c);
        al -= 3;
        c.tcheck(t, al);
        if (tlen < al) cut(c);
        if (at === 1) {
          if (al < 8) cut(c);
          c.print(`, metric ${(BigInt(c.u32(t)) << 32n) | BigInt(c.u32(t + 4))}`);
        } else if (c.f.v <= 1) c.hexData(t, "\n\t      ", al);
        t += al, tlen -= al;
      }
      break;
    }
    case 128: {
      c.tcheck(p, 4);
      if (len < 4) cut(c);
      c.print(`\n\t    Origin AS: ${asText(c, c.u32(p))}`);
      let t = p + 4, left = len - 4;
      while (left > 0) {
        c.tcheck(t, 2);
        if (left < 2) {
          c.print(" [path attr too short]");
          break;
        }
        const flags = c.u8(t), at = c.u8(t + 1);
        t += 2, left -= 2;
        const lenlen = flags & 0x10 ? 2 : 1;
        c.tcheck(t, lenlen);
        if (left < lenlen) {
          c.print(" [path attr too short]");
          break;
        }
        const alen = lenlen === 2 ? c.u16(t) : c.u8(t);
        t += lenlen, left -= lenlen;
        c.print(`\n\t      ${tok(ATTR, "Unknown Attribute", at)} (${at}), length: ${alen}`);
        if (flags) {
          c.print(
            `, Flags [${flags & 0x80 ? "O" : ""}${flags & 0x40 ? "T" : ""}${
              flags & 0x20 ? "P" : ""
            }${flags & 0x10 ? "E" : ""}${flags & 0xf ? `+${(flags & 0xf).toString(16)}` : ""}]`,
          );
        }
        c.print(": ");
        if (left < alen) {
          c.print(" [path attr too short]");
          break;
        }
        if (level === 10) c.print("(too many nested levels, not recursing)");
        else attr(c, at, t, alen, level + 1);
        t += alen, left -= alen;
      }
      // print-bgp.c counts the attribute's length down as it goes: the -vv dump is of what the
      // loop left
      if (c.f.v > 1 && left) {
        c.tcheck(p, left);
        c.hexData(p, "\n\t    ", left);
      }
      return;
    }
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
  } else if (major === 5 || major === 7) {
    // no comma before these two, as print-bgp.c prints them
    c.print(` subcode ${tok(major === 5 ? FSM_MINOR : CAP_MINOR, "Unknown", minor)} (${minor})`);
  }
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

/** The AFI/SAFI pairs bgp_mp_af_print() decodes. */
const MP_AF = new Set([
  0x301,
  0x302,
  0x303,
  0x380,
  0x381,
  0x382,
  0x101,
  0x102,
  0x103,
  0x104,
  0x180,
  0x181,
  0x182,
  0x201,
  0x202,
  0x203,
  0x204,
  0x280,
  0x281,
  0x282,
  0x184,
  0x105,
  0x142,
  0xc480,
  0xc481,
  0xc482,
  0x1941,
]);

/** bgp_mp_af_print(): false when the pair has no decoder (its bytes are printed). */
function mpAf(c: Ctx, p: number, len: number): boolean {
  const af = c.u16(p), safi = c.u8(p + 2);
  c.print(
    `\n\t    AFI: ${tok(AF, "Unknown AFI", af)} (${af}), ${
      safi > 128 ? "vendor specific " : ""
    }SAFI: ${tok(SAFI, "Unknown SAFI", safi)} (${safi})`,
  );
  if (MP_AF.has((af << 8) | safi)) return true;
  c.tcheck(p, len);
  c.print(`\n\t    no AFI ${af} / SAFI ${safi} decoder`);
  if (c.f.v <= 1) c.hexData(p, "\n\t    ", len);
  return false;
}

/** bgp_vpn_rd_print(): an RFC 4364 route distinguisher. */
/** bgp_vpn_rd_print(): a route distinguisher in its type's format. */
export function rdText(c: Ctx, p: number): string {
  switch (c.u16(p)) {
    case 0:
      return `${c.u16(p + 2)}:${c.u32(p + 4)} (= ${c.ip4(p + 4)})`;
    case 1:
      return `${c.ip4(p + 2)}:${c.u16(p + 6)}`;
    case 2:
      return `${asText(c, c.u32(p + 2))}:${c.u16(p + 6)} (${c.ip4(p + 2)}:${c.u16(p + 6)})`;
    default:
      return "unknown RD format";
  }
}

/** bgp_attr_print()'s goto trunc: it returns 0 and bgp_update_print() prints " [|bgp]". */
function cut(_c: Ctx): never {
  throw new Truncated(true);
}

/** MP_REACH_NLRI after the AFI/SAFI: next hops, SNPAs, the NLRI; false when cut. */
function mpReach(c: Ctx, p: number, len: number): boolean {
  const af = c.u16(p), safi = c.u8(p + 2), v6 = af === 2;
  // an RD precedes the address of IPv4/IPv6 VPN next hops; L2VPN and VPLS carry an IPv4 one
  const vpn = af <= 2 && safi >= 128 && safi <= 130;
  let t = p + 3, tlen = len - 3;
  c.tcheck(t, 1);
  if (tlen < 1) return cut(c);
  const nhlen = c.u8(t);
  t++, tlen--;
  if (nhlen) {
    let left = nhlen, n = 0;
    if (tlen < left) return cut(c);
    c.print("\n\t    nexthop: ");
    const size = (v6 ? 16 : 4) + (vpn ? 8 : 0);
    if (af === 3) {
      // NSAP: the whole next hop is one address (after an RD for the VPN SAFIs)
      if (safi < 128) {
        c.need(t, left);
        c.print(nsapText(c.b, t, left));
      } else if (left < 9) c.print("invalid len");
      else {
        c.need(t, left);
        c.print(`RD: ${rdText(c, t)}, ${nsapText(c.b, t + 8, left - 8)}`);
        if (c.u32(t + 8) === 0x47000601) c.print(` = ${c.ip4(t + 12)}`);
        else if ((c.u32(t + 8) >>> 8) === 0x350000) c.print(` = ${c.ip6(t + 11)}`);
      }
      t += left, tlen -= left, left = 0;
    }
    while (left !== 0) {
      if (n++ > 0) c.print(", ");
      if (left < size) {
        c.print("invalid len");
        t += left, tlen -= left, left = 0;
      } else {
        const a = vpn ? t + 8 : t;
        if (vpn) c.print(`RD: ${rdText(c, t)}, `);
        c.print(v6 ? c.ip6(a) : c.ip4(a));
        t += size, tlen -= size, left -= size;
      }
    }
  }
  c.print(`, nh-length: ${nhlen}`);
  if (tlen < 1) return cut(c);
  let snpa = c.u8(t);
  t++, tlen--;
  if (snpa) {
    c.print(`\n\t    ${snpa} SNPA`);
    for (; snpa !== 0; snpa--) {
      if (tlen < 1) return cut(c);
      const sl = c.u8(t);
      c.print(`\n\t      ${sl} bytes`);
      t++, tlen--;
      if (tlen < sl) return cut(c);
      c.tcheck(t, sl);
      t += sl, tlen -= sl;
    }
  } else c.print(", no SNPA");
  return nlris(c, af, safi, p, t, len);
}

/** The NLRI loop of MP_REACH/MP_UNREACH (bgp_nlri_print() per prefix); false when cut. */
function nlris(c: Ctx, af: number, safi: number, p: number, t: number, len: number): boolean {
  const ap4 = addPath(c, t, len - (t - p), 32), ap6 = addPath(c, t, len - (t - p), 128);
  while (t < p + len) {
    const n = nlri(c, af, safi, t, len, af === 2 ? ap6 : ap4);
    if (n === -2) cut(c);
    if (n < 0) break;
    t += n;
  }
  return true;
}

/** A prefix of `max` bits at `p` with its length byte first, as an address string. */
function prefixText(c: Ctx, plen: number, at: number, v6: boolean): string {
  const n = (plen + 7) >> 3;
  c.need(at, n);
  const a = new Uint8Array(16);
  a.set(c.b.subarray(at, at + n));
  if (plen % 8) a[n - 1] = a[n - 1]! & ((0xff00 >> (plen % 8)) & 0xff);
  return `${v6 ? formatIpv6(a, 0) : formatIpv4(a, 0)}/${plen}`;
}

/** isonsap_string() of `len` bytes at `p` of `b`. */
function nsapText(b: Uint8Array, p: number, len: number): string {
  if (len < 1 || len > 20) return "isonsap_string: illegal length";
  let s = "";
  for (let i = 0; i < len; i++) {
    s += hex(b[p + i]!, 2);
    if ((i & 1) === 0 && i + 1 < len) s += ".";
  }
  return s;
}

/**
 * decode_clnp_prefix() / decode_labeled_vpn_clnp_prefix(): an NSAP prefix; like tcpdump, the
 * plain form reads the address 4 bytes after the length byte but advances 1 + its length.
 */
function clnpPrefix(c: Ctx, t: number, vpn: boolean): number {
  let plen = c.u8(t);
  if (vpn) {
    if (plen < 88) return illegal(c);
    plen -= 88;
  }
  if (plen > 152) return illegal(c);
  const n = (plen + 7) >> 3, at = t + (vpn ? 12 : 4);
  c.need(at, n);
  const a = c.b.slice(at, at + n);
  if (plen % 8) a[n - 1] = a[n - 1]! & ((0xff00 >> (plen % 8)) & 0xff);
  const text = `${nsapText(a, 0, n)}/${plen}`;
  if (!vpn) {
    c.print(`\n\t      ${text}`);
    return 1 + n;
  }
  const label = ((c.u8(t + 1) << 16) | c.u16(t + 2)) >> 4;
  c.print(
    `\n\t      RD: ${rdText(c, t + 4)}, ${text}, label:${label} ${
      c.u8(t + 3) & 1 ? "(bottom)" : "(BOGUS: Bottom of Stack NOT set!)"
    }`,
  );
  return 12 + n;
}

function illegal(c: Ctx): number {
  c.print("\n\t    (illegal prefix length)");
  return -1;
}

/** bgp_nlri_print(): bytes used, -1 to stop, -2 when cut. */
function nlri(c: Ctx, af: number, safi: number, t: number, itemlen: number, ap: boolean): number {
  const v6 = af === 2, max = v6 ? 128 : 32;
  const label = () =>
    `label:${((c.u8(t + 1) << 16) | c.u16(t + 2)) >> 4} ${
      c.u8(t + 3) & 1 ? "(bottom)" : "(BOGUS: Bottom of Stack NOT set!)"
    }`;
  if (af === 3) return clnpPrefix(c, t, safi >= 128);
  if (af === 1 && safi === 132) return rtRoutingInfo(c, t);
  if (af === 1 && safi === 5) return multicastVpn(c, t);
  if (af === 1 && safi === 66) return mdtVpn(c, t);
  if ((af === 196 && safi >= 128 && safi <= 130) || (af === 25 && safi === 65)) {
    return l2vpn(c, t);
  }
  if (safi === 4) {
    c.tcheck(t, 4);
    if (itemlen < 4) return -3;
    let plen = c.u8(t);
    if (plen < 24 || (plen -= 24) > max) {
      c.print("\n\t    (illegal prefix length)");
      return -1;
    }
    const n = (plen + 7) >> 3;
    if (!v6 && itemlen - 4 < n) return -3;
    c.print(`\n\t      ${prefixText(c, plen, t + 4, v6)}, ${label()}`);
    return 4 + n;
  }
  if (safi >= 128) {
    let plen = c.u8(t);
    if (plen < 88 || (plen -= 88) > max) {
      c.print("\n\t    (illegal prefix length)");
      return -1;
    }
    const text = prefixText(c, plen, t + 12, v6);
    c.print(`\n\t      RD: ${rdText(c, t + 4)}, ${text}, ${label()}`);
    return 12 + ((plen + 7) >> 3);
  }
  let id = 0;
  if (ap) {
    id = c.u32(t);
    t += 4;
  }
  if (itemlen < 1) return -2;
  const plen = c.u8(t);
  let n: number;
  if (plen > max) {
    c.print("\n\t    (illegal prefix length)");
    n = -1;
  } else {
    n = 1 + ((plen + 7) >> 3);
    if (itemlen - 1 < n - 1) return -2;
    c.print(`\n\t      ${prefixText(c, plen, t + 1, v6)}`);
  }
  if (ap) {
    c.print(`   Path Id: ${id}`);
    n += 4;
  }
  return n;
}

/** decode_rt_routing_info() (RFC 4684): bytes used, -1 for a bad prefix length. */
function rtRoutingInfo(c: Ctx, t: number): number {
  let plen = c.u8(t);
  if (plen === 0) {
    c.print("\n\t      default route target");
    return 1;
  }
  if (plen < 32) return illegal();
  const as = c.u32(t + 1);
  plen -= 32;
  if (plen > 64) return illegal();
  const n = (plen + 7) >> 3;
  c.need(t + 5, n);
  const rt = new Uint8Array(8);
  rt.set(c.b.subarray(t + 5, t + 5 + n));
  if (plen % 8) rt[n - 1] = rt[n - 1]! & ((0xff00 >> (plen % 8)) & 0xff);
  c.print(`\n\t      origin AS: ${asText(c, as)}, ${rtPrefix(rt, plen)}`);
  return 5 + n;

  function illegal(): number {
    c.print("\n\t      (illegal prefix length)");
    return -1;
  }
}

/** bgp_rt_prefix_print(): a route target prefix of `plen` bits (zero-filled to 8 bytes). */
function rtPrefix(b: Uint8Array, plen: number): string {
  let h = "";
  const n = (plen + 7) >> 3;
  for (let i = 0; i < n; i++) h += hex(b[i]!, 2) + (i % 2 === 1 && i < n - 1 ? " " : "");
  if (plen < 16) return `route-target: partial-type: (${h}/${plen})`;
  const dv = new DataView(b.buffer, b.byteOffset, 8);
  switch (dv.getUint16(0)) {
    case 0x0002:
      return `route-target: ${dv.getUint16(2)}:${dv.getUint32(4)}/${plen} (${h})`;
    case 0x0102:
      return `route-target: ${b[2]}.${b[3]}.${b[4]}.${b[5]}:${dv.getUint16(6)}/${plen} (${h})`;
    case 0x0202:
      return `route-target: ${dv.getUint32(2)}:${dv.getUint16(6)}/${plen} (${h})`;
    default:
      return `route target: unknown-type(${hex(dv.getUint16(0))}) (${h}/${plen})`;
  }
}

/** decode_mdt_vpn_nlri(): an RD, a VPN address and an MDT group (17 bytes), or -1. */
function mdtVpn(c: Ctx, t: number): number {
  if (c.u8(t) !== 128) {
    c.print("\n\t    (illegal prefix length)");
    return -1;
  }
  c.need(t + 1, 16);
  c.print(
    `\n\t      RD: ${rdText(c, t + 1)}, VPN IP Address: ${c.ip4(t + 9)}, MC Group Address: ${
      c.ip4(t + 13)
    }`,
  );
  return 17;
}

/** tcpdump formats an NLRI into a buffer of MAXHOSTNAMELEN + 100 bytes: longer text is cut. */
const BUF_CHARS = 163;
const MVPN_ROUTE: Record<number, string> = {
  1: "Intra-AS I-PMSI",
  2: "Inter-AS I-PMSI",
  3: "S-PMSI",
  4: "Intra-AS Segment-Leaf",
  5: "Source-Active",
  6: "Shared Tree Join",
  7: "Source Tree Join",
};

/** bgp_vpn_ip_print(): an address of `bits` bits. */
function vpnIp(c: Ctx, t: number, bits: number): string {
  if (bits === 32) return c.ip4(t);
  if (bits === 128) return c.ip6(t);
  return `bogus address length ${bits}`;
}

/** bgp_vpn_sg_print(): a multicast source and group; [text, bytes used]. */
function vpnSg(c: Ctx, t: number): [string, number] {
  let s = "", used = 0;
  for (const what of ["Source", "Group"]) {
    const bits = c.u8(t);
    c.need(t + 1, bits >> 3);
    used += (bits >> 3) + 1;
    if (bits) s += `, ${what} ${vpnIp(c, t + 1, bits)}`;
    t += 1 + (bits >> 3);
  }
  return [s, used];
}

/** decode_multicast_vpn() (RFC 6514): the route type's fields; bytes used. */
function multicastVpn(c: Ctx, t: number): number {
  const type = c.u8(t), len = c.u8(t + 1);
  let s = `Route-Type: ${tok(MVPN_ROUTE, "Unknown", type)} (${type}), length: ${len}`;
  const p = t + 2;
  switch (type) {
    case 1:
      c.need(p, 8);
      if (len < 8) return -2;
      s += `, RD: ${rdText(c, p)}, Originator ${vpnIp(c, p + 8, ((len - 8) << 3) >>> 0)}`;
      break;
    case 2:
      c.need(p, 12);
      s += `, RD: ${rdText(c, p)}, Source-AS ${asText(c, c.u32(p + 8))}`;
      break;
    case 3: {
      c.need(p, 8);
      s += `, RD: ${rdText(c, p)}`;
      const [sg, n] = vpnSg(c, p + 8);
      const addrLen = (len - n) >>> 0;
      c.need(p + 8, addrLen);
      s += `${sg}, Originator ${vpnIp(c, p + 8, (addrLen << 3) >>> 0)}`;
      break;
    }
    case 5:
      c.need(p, 8);
      s += `, RD: ${rdText(c, p)}${vpnSg(c, p + 8)[0]}`;
      break;
    case 6:
    case 7:
      c.need(p, 12);
      s += `, RD: ${rdText(c, p)}, Source-AS ${asText(c, c.u32(p + 8))}${vpnSg(c, p + 12)[0]}`;
      break;
  }
  c.print(`\n\t      ${s.slice(0, BUF_CHARS)}`);
  return len + 2;
}

/** decode_labeled_vpn_l2() (RFC 4761/6074): bytes used, -2 for a length it cannot take. */
function l2vpn(c: Ctx, t: number): number {
  const plen = c.u16(t);
  let p = t + 2;
  if (plen === 12) {
    c.need(p, 12);
    c.print(`\n\t      RD: ${rdText(c, p)}, BGPNH: ${c.ip4(p + 8)}`);
    return plen + 2;
  }
  if (plen <= 17) return -2;
  c.need(p, 15);
  let s = `RD: ${rdText(c, p)}, CE-ID: ${c.u16(p + 8)}, Label-Block Offset: ${
    c.u16(p + 10)
  }, Label Base ${((c.u8(p + 12) << 16) | c.u16(p + 13)) >>> 4}`;
  p += 15;
  // as tcpdump: the TLV headers are not counted down, an unknown TLV's value is not skipped
  let tlen = plen - 15;
  while (tlen !== 0) {
    if (tlen < 3) {
      s += "\n\t\tran past the end";
      break;
    }
    const type = c.u8(p), bitLen = c.u16(p + 1);
    let n = (bitLen + 7) >> 3;
    p += 3;
    if (type === 1) {
      s += `\n\t\tcircuit status vector (${type}) length: ${bitLen}: 0x`;
      for (; n !== 0; n--, tlen--) {
        if (tlen < 1) {
          s += " (ran past the end)";
          c.print(`\n\t      ${s.slice(0, BUF_CHARS)}`);
          return plen + 2;
        }
        s += hex(c.u8(p++), 2);
      }
    } else {
      s += `\n\t\tunknown TLV #${type}, length: ${bitLen}`;
      if (tlen < n) {
        s += " (ran past the end)";
        break;
      }
      tlen -= n;
    }
  }
  c.print(`\n\t      ${s.slice(0, BUF_CHARS)}`);
  return plen + 2;
}

/** bgp_extended_community_print(). */
function extComm(c: Ctx, p: number): void {
  switch (c.u16(p)) {
    case 0x0002:
    case 0x0003:
    case 0x000a:
      return c.print(`${c.u16(p + 2)}:${c.u32(p + 4)} (= ${c.ip4(p + 4)})`);
    case 0x0102:
    case 0x0103:
    case 0xf10a:
    case 0x010b:
      return c.print(`${c.ip4(p + 2)}:${c.u16(p + 6)}`);
    case 0x0202:
    case 0x0203:
      return c.print(`${asText(c, c.u32(p + 2))}:${c.u16(p + 6)}`);
    case 0x4004: {
      const f = new DataView(c.b.buffer, c.b.byteOffset).getFloat32(p + 4);
      return c.print(
        `bandwidth: ${
          printf3f(Math.fround(Math.fround(f * 8) / 1000000), c.u8(p + 4) >= 0x80)
        } Mbps`,
      );
    }
    case 0x0005:
    case 0x0105:
    case 0x0205:
    case 0x8005:
    case 0x0107:
    case 0x8001:
      return c.print(c.ip4(p + 2));
    case 0x0306:
    case 0x8000: {
      const rt = c.u8(p + 6);
      return c.print(
        `area:${c.ip4(p + 2)}, router-type:${
          tok(OSPF_RTYPE, "unknown (0x%02x)", rt)
        }, metric-type:${c.u8(p + 7) & 1 ? "E2" : ""}${rt === 5 || rt === 7 ? "E1" : ""}`,
      );
    }
    case 0x0009:
      return c.print(`AS ${c.u16(p + 2)}`);
    case 0x030c:
      return c.print(`Tunnel type: ${tok(ENCAP_TUNNEL, "unknown encaps", c.u16(p + 6))}`);
    case 0x800a:
      return c.print(
        `${tok(L2VPN_ENCAPS, "unknown encaps", c.u8(p + 2))} Control Flags [0x${
          hex(c.u8(p + 3), 2)
        }]:MTU ${c.u16(p + 4)}`,
      );
    default: {
      let s = "";
      for (let i = 2; i < 8; i++) s += hex(c.u8(p + i), 2);
      c.print(s);
    }
  }
}
