// RSVP (RFC 2205, 2210/2215 IntServ, 2747 integrity, 2961 refresh reduction, 3209 RSVP-TE, 3473
// GMPLS, 4090 fast reroute, 4124 class type, 4875 P2MP, 5063 capability, OIF UNI 1.0, Juniper
// properties) as tcpdump 4.99 prints it (print-rsvp.c): the message type without -v; with -v
// the common header and each object; with -vv each object in hex too.

import { bits, type Ctx, hex, printn, tok } from "./_ctx.ts";
import { ETHERTYPE_NAMES } from "../protocols.ts";
import { GMPLS_ENCODING, GMPLS_PAYLOAD, GMPLS_SWITCH_CAP } from "./_gmpls_text.ts";
import { AF } from "./_l2vpn_text.ts";

const MSG: Record<number, string> = {
  1: "Path",
  2: "Resv",
  3: "PathErr",
  4: "ResvErr",
  5: "PathTear",
  6: "ResvTear",
  7: "ResvConf",
  12: "Bundle",
  13: "Acknowledgement",
  14: "Hello (Old)",
  15: "Refresh",
  20: "Hello",
};
const OBJ: Record<number, string> = {
  1: "Session",
  3: "RSVP Hop",
  4: "Integrity",
  5: "Time Values",
  6: "Error Spec",
  7: "Scope",
  8: "Style",
  9: "Flowspec",
  10: "FilterSpec",
  11: "Sender Template",
  12: "Sender TSpec",
  13: "Adspec",
  14: "Policy Data",
  15: "Confirm",
  16: "Label",
  19: "Label Request",
  20: "ERO",
  21: "RRO",
  22: "Hello",
  23: "Message ID",
  24: "Message ID Ack",
  25: "Message ID List",
  34: "Recovery Label",
  35: "Upstream Label",
  36: "Label Set",
  37: "Protection",
  50: "Sub-LSP to LSP",
  63: "Detour",
  66: "Class Type",
  125: "Class Type (old)",
  129: "Suggested Label",
  130: "Acceptable Label Set",
  131: "Restart Capability",
  134: "Capability",
  195: "Notify Request",
  196: "Administrative Status",
  204: "Properties",
  205: "Fast Re-Route",
  207: "Session Attribute",
  229: "Generalized UNI",
  230: "Call-ID",
  236: "Call Capability",
};
/** rsvp_ctype_values, keyed by class << 8 | C-Type. */
const CTYPE: Record<number, string> = {};
for (
  const [cls, types] of [
    [3, { 1: "IPv4", 2: "IPv6", 3: "IPv4 plus opt. TLVs", 4: "IPv6 plus opt. TLVs" }],
    [195, { 1: "IPv4", 2: "IPv6" }],
    [15, { 1: "IPv4", 2: "IPv6" }],
    [5, { 1: "1" }],
    [9, { 1: "obsolete", 2: "IntServ" }],
    [12, { 2: "IntServ" }],
    [13, { 2: "IntServ" }],
    [10, {
      1: "IPv4",
      2: "IPv6",
      3: "IPv6 Flow-label",
      7: "Tunnel IPv4",
      12: "IPv4 P2MP LSP Tunnel",
      13: "IPv6 P2MP LSP Tunnel",
    }],
    [1, {
      1: "IPv4",
      2: "IPv6",
      7: "Tunnel IPv4",
      11: "UNI IPv4",
      13: "IPv4 P2MP LSP Tunnel",
      14: "IPv6 P2MP LSP Tunnel",
    }],
    [11, {
      1: "IPv4",
      2: "IPv6",
      7: "Tunnel IPv4",
      12: "IPv4 P2MP LSP Tunnel",
      13: "IPv6 P2MP LSP Tunnel",
    }],
    [23, { 1: "1" }],
    [24, { 1: "Message id ack", 2: "Message id nack" }],
    [25, { 1: "1" }],
    [8, { 1: "1" }],
    [22, { 1: "Hello Request", 2: "Hello Ack" }],
    [19, {
      1: "without label range",
      2: "with ATM label range",
      3: "with FR label range",
      4: "Generalized Label",
    }],
    [16, { 1: "Label", 2: "Generalized Label", 3: "Waveband Switching" }],
    [129, { 1: "Label", 2: "Generalized Label", 3: "Waveband Switching" }],
    [35, { 1: "Label", 2: "Generalized Label", 3: "Waveband Switching" }],
    [34, { 1: "Label", 2: "Generalized Label", 3: "Waveband Switching" }],
    [20, { 1: "IPv4" }],
    [21, { 1: "IPv4" }],
    [6, { 1: "IPv4", 2: "IPv6", 3: "IPv4 plus opt. TLVs", 4: "IPv6 plus opt. TLVs" }],
    [131, { 1: "IPv4" }],
    [134, { 1: "1" }],
    [207, { 7: "Tunnel IPv4" }],
    [205, { 7: "Tunnel IPv4", 1: "1" }],
    [63, { 7: "Tunnel IPv4" }],
    [204, { 1: "1" }],
    [196, { 1: "1" }],
    [66, { 1: "1" }],
    [125, { 1: "1" }],
    [36, { 1: "1" }],
    [229, { 1: "1" }],
    [50, { 1: "IPv4 sub-LSP", 2: "IPv6 sub-LSP" }],
  ] as const
) for (const [t, name] of Object.entries(types)) CTYPE[(cls << 8) + Number(t)] = name;

const XRO: Record<number, string> = {
  0: "Reserved",
  1: "IPv4 prefix",
  2: "IPv6 prefix",
  3: "Label",
  32: "Autonomous system number",
  64: "MPLS label switched path termination",
};
const RRO_FLAGS = [[0x01, "Local protection available"], [0x02, "Local protection in use"], [
  0x04,
  "Bandwidth protection",
], [0x08, "Node protection"]] as const;
const STYLE: Record<number, string> = {
  17: "Wildcard Filter",
  10: "Fixed Filter",
  18: "Shared Explicit",
};
const SERVICE: Record<number, string> = {
  1: "Default/Global Information",
  2: "Guaranteed Service",
  5: "Controlled Load",
};
const PARAM: Record<number, string> = {
  4: "IS hop cnt",
  6: "Path b/w estimate",
  8: "Minimum path latency",
  10: "Composed MTU",
  127: "Token Bucket TSpec",
  130: "Guaranteed Service RSpec",
  133: "End-to-end composed value for C",
  134: "End-to-end composed value for D",
  135: "Since-last-reshaping point composed C",
  136: "Since-last-reshaping point composed D",
};
const SESSION_FLAGS = [[0x01, "Local Protection"], [0x02, "Label Recording"], [0x04, "SE Style"], [
  0x08,
  "Bandwidth protection",
], [0x10, "Node protection"]] as const;
const ERROR_CODE: Record<number, string> = {
  24: "Routing Problem",
  25: "Notify Error",
  28: "Diffserv TE Error",
  125: "Diffserv TE Error (Old)",
};
const ROUTING_ERR: Record<number, string> = {
  1: "Bad EXPLICIT_ROUTE object",
  2: "Bad strict node",
  3: "Bad loose node",
  4: "Bad initial subobject",
  5: "No route available toward destination",
  6: "Unacceptable label value",
  7: "RRO indicated routing loops",
  8: "non-RSVP-capable router in the path",
  9: "MPLS label allocation failure",
  10: "Unsupported L3PID",
};
const DIFFSERV_ERR: Record<number, string> = {
  1: "Unexpected CT object",
  2: "Unsupported CT",
  3: "Invalid CT value",
  4: "CT/setup priority do not form a configured TE-Class",
  5: "CT/holding priority do not form a configured TE-Class",
  6: "CT/setup priority and CT/holding priority do not form a configured TE-Class",
  7: "Inconsistency between signaled PSC and signaled CT",
  8: "Inconsistency between signaled PHBs and signaled CT",
};

const CAPABILITY_FLAGS = [
  [4, "RecoveryPath Transmit Enabled"],
  [2, "RecoveryPath Desired"],
  [1, "RecoveryPath Srefresh Capable"],
] as const;
const PROPERTY_TLV: Record<number, string> = {
  1: "Cos",
  2: "Metric 1",
  4: "Metric 2",
  8: "CCC Status",
  16: "Path Type",
};
const ADMIN_FLAGS = [
  [0x80000000, "Reflect"],
  [4, "Testing"],
  [2, "Admin-down"],
  [1, "Delete-in-progress"],
] as const;
const LABEL_SET_ACTION: Record<number, string> = {
  0: "Inclusive list",
  1: "Exclusive list",
  2: "Inclusive range",
  3: "Exclusive range",
};
const UNI_SUBOBJ: Record<number, string> = {
  1: "Source TNA address",
  2: "Destination TNA address",
  3: "Diversity",
  4: "Egress label",
  5: "Service level",
};

/** C's "%.10g" of a number. */
function g10(x: number): string {
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  const [mant, e] = x.toExponential(9).split("e") as [string, string];
  const exp = Number(e);
  const strip = (s: string) => s.includes(".") ? s.replace(/\.?0+$/, "") : s;
  if (exp < -4 || exp >= 10) {
    return `${strip(mant)}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return strip(x.toFixed(9 - exp));
}
/** An IEEE single at `off`. */
const f32 = (c: Ctx, off: number) =>
  new DataView(Uint32Array.of(c.u32(off)).buffer).getFloat32(0, true);

/** rsvp_print(): an RSVP message of `len` bytes at `p` (IP protocol 46). */
export function rsvpPrint(c: Ctx, p: number, len: number): void {
  c.proto = "rsvp";
  c.tcheck(p, 8);
  const vf = c.u8(p), version = vf >> 4;
  if (version !== 1) return c.print(`ERROR: RSVP version ${version} packet not supported`);
  const type = c.u8(p + 1);
  if (c.f.v < 1) {
    return c.print(`RSVPv${version} ${tok(MSG, "unknown (%u)", type)} Message, length: ${len}`);
  }
  let tlen = c.u16(p + 6);
  const header = (ind: string, at: number, t: number, l: number) =>
    c.print(
      `${ind}RSVPv${version} ${tok(MSG, "unknown, type: %u", t)} Message (${t}), Flags: [${
        c.u8(at) & 0x01 ? "Refresh reduction capable" : "none"
      }], length: ${l}, ttl: ${c.u8(at + 4)}, checksum: 0x${hex(c.u16(at + 2))}`,
    );
  header("\n\t", p, type, tlen);
  if (tlen < 8) return c.print(`ERROR: common header too short ${tlen} < 8`);
  let t = p + 8;
  tlen -= 8;
  switch (type) {
    case 12:
      while (tlen > 0) {
        c.tcheck(t, 8);
        const sv = c.u8(t) >> 4;
        if (sv !== 1) return c.print(`ERROR: RSVP version ${sv} packet not supported`);
        let sub = c.u16(t + 6);
        header("\n\t  ", t, c.u8(t + 1), sub);
        if (sub < 8) return c.print(`ERROR: common header too short ${sub} < 8`);
        if (tlen < sub) return c.print(`ERROR: common header too large ${sub} > ${tlen}`);
        sub -= 8;
        if (!objects(c, t + 8, "\n\t    ", sub)) return;
        t += sub + 8;
        tlen = (tlen - (sub + 8)) & 0xffff;
      }
      return;
    case 1:
    case 2:
    case 3:
    case 4:
    case 5:
    case 6:
    case 7:
    case 13:
    case 14:
    case 15:
    case 20:
      objects(c, t, "\n\t  ", tlen);
      return;
    default:
      c.hexData(t, "\n\t    ", tlen);
  }
}

/** rsvp_intserv_print(): one IntServ parameter; the bytes used, or 0 when it does not fit. */
function intserv(c: Ctx, t: number, left: number): number {
  if (left < 4) return 0;
  const id = c.u8(t), plen = c.u16(t + 2) << 2;
  c.print(
    `\n\t      Parameter ID: ${tok(PARAM, "unknown", id)} (${id}), length: ${plen}, Flags: [0x${
      hex(c.u8(t + 1), 2)
    }]`,
  );
  if (left < plen + 4) return 0;
  const mbps = (off: number) => g10(Math.fround(f32(c, off) / 125000));
  switch (id) {
    case 4:
      if (plen === 4) c.print(`\n\t\tIS hop count: ${c.u32(t + 4)}`);
      break;
    case 6:
      if (plen === 4) c.print(`\n\t\tPath b/w estimate: ${mbps(t + 4)} Mbps`);
      break;
    case 8:
      if (plen === 4) {
        const v = c.u32(t + 4);
        c.print(`\n\t\tMinimum path latency: ${v === 0xffffffff ? "don't care" : v}`);
      }
      break;
    case 10:
      if (plen === 4) c.print(`\n\t\tComposed MTU: ${c.u32(t + 4)} bytes`);
      break;
    case 127:
      if (plen === 20) {
        c.print(`\n\t\tToken Bucket Rate: ${mbps(t + 4)} Mbps`);
        c.print(`\n\t\tToken Bucket Size: ${g10(f32(c, t + 8))} bytes`);
        c.print(`\n\t\tPeak Data Rate: ${mbps(t + 12)} Mbps`);
        c.print(`\n\t\tMinimum Policed Unit: ${c.u32(t + 16)} bytes`);
        c.print(`\n\t\tMaximum Packet Size: ${c.u32(t + 20)} bytes`);
      }
      break;
    case 130:
      if (plen === 8) {
        c.print(`\n\t\tRate: ${mbps(t + 4)} Mbps`);
        c.print(`\n\t\tSlack Term: ${c.u32(t + 8)}`);
      }
      break;
    case 133:
    case 134:
    case 135:
    case 136:
      if (plen === 4) c.print(`\n\t\tValue: ${c.u32(t + 4)}`);
      break;
    default:
      if (c.f.v <= 1) c.hexData(t + 4, "\n\t\t", plen);
  }
  return plen + 4;
}

/** rsvp_obj_print(): the objects in `tlen` bytes at `t`; false when one stopped the message. */
function objects(c: Ctx, t: number, ind: string, tlen: number): boolean {
  while (tlen >= 4) {
    const objLen = c.u16(t), ctype = c.u8(t + 3);
    if (objLen % 4) {
      c.print(`${ind}ERROR: object header size ${objLen} not a multiple of 4`);
      return false;
    }
    if (objLen < 4) {
      c.print(`${ind}ERROR: object header too short ${objLen} < 4`);
      return false;
    }
    const cls = c.u8(t + 2);
    c.print(
      `${ind}${tok(OBJ, "Unknown", cls)} Object (${cls}) Flags: [${
        cls & 0x80 ? (cls & 0x40 ? "ignore and forward" : "ignore silently") : "reject"
      } if unknown], Class-Type: ${
        tok(CTYPE, "Unknown", (cls << 8) + ctype)
      } (${ctype}), length: ${objLen}`,
    );
    if (tlen < objLen) {
      c.print(`${ind}ERROR: object goes past end of objects TLV`);
      return false;
    }
    c.tcheck(t, objLen);
    const r = object(c, t + 4, objLen - 4, cls, ctype, ind);
    if (r === undefined) return false;
    if (c.f.v > 1 || r) c.hexData(t + 4, "\n\t    ", objLen - 4);
    t += objLen;
    tlen -= objLen;
  }
  return true;
}

/** One object's body: whether to dump it in hex, or undefined when it ends the message. */
function object(
  c: Ctx,
  o: number,
  left: number,
  cls: number,
  ctype: number,
  ind: string,
): boolean | undefined {
  const tooShort = () => {
    c.print(`${ind}ERROR: object is too short`);
    return undefined;
  };
  switch (cls) {
    case 1: // Session
      if (ctype === 1) {
        if (left < 8) return tooShort();
        c.print(`${ind}  IPv4 DestAddress: ${c.ip4(o)}, Protocol ID: 0x${hex(c.u8(o + 4), 2)}`);
        c.print(`${ind}  Flags: [0x${hex(c.u8(o + 5), 2)}], DestPort ${c.u16(o + 6)}`);
      } else if (ctype === 2) {
        if (left < 20) return tooShort();
        c.print(`${ind}  IPv6 DestAddress: ${c.ip6(o)}, Protocol ID: 0x${hex(c.u8(o + 16), 2)}`);
        c.print(`${ind}  Flags: [0x${hex(c.u8(o + 17), 2)}], DestPort ${c.u16(o + 18)}`);
      } else if (ctype === 7 || ctype === 11) {
        if (left < 12) return tooShort();
        c.print(
          `${ind}  IPv4 Tunnel EndPoint: ${c.ip4(o)}, Tunnel ID: 0x${
            hex(c.u16(o + 6))
          }, Extended Tunnel ID: ${c.ip4(o + 8)}`,
        );
      } else if (ctype === 8) {
        if (left < 36) return tooShort();
        c.print(
          `${ind}  IPv6 Tunnel EndPoint: ${c.ip6(o)}, Tunnel ID: 0x${
            hex(c.u16(o + 18))
          }, Extended Tunnel ID: ${c.ip6(o + 20)}`,
        );
      } else if (ctype === 13) {
        if (left < 12) return tooShort();
        c.print(
          `${ind}  IPv4 P2MP LSP ID: ${c.ip4(o)}, Tunnel ID: 0x${
            hex(c.u16(o + 6))
          }, Extended Tunnel ID: ${c.ip4(o + 8)}`,
        );
      } else if (ctype === 14) {
        if (left < 26) return tooShort();
        c.print(
          `${ind}  IPv6 P2MP LSP ID: 0x${hex(c.u32(o), 8)}, Tunnel ID: 0x${
            hex(c.u16(o + 6))
          }, Extended Tunnel ID: ${c.ip6(o + 8)}`,
        );
      } else return true;
      return false;
    case 15: // Confirm
    case 195: { // Notify Request
      const what = cls === 15 ? "Receiver" : "Notify Node";
      if (ctype === 1) {
        if (left < 4) return tooShort();
        c.print(`${ind}  IPv4 ${what} Address: ${c.ip4(o)}`);
      } else if (ctype === 2) {
        if (left < 16) return tooShort();
        c.print(`${ind}  IPv6 ${what} Address: ${c.ip6(o)}`);
      } else return true;
      return false;
    }
    case 16:
    case 34:
    case 35:
    case 129: // labels
      if (ctype === 1) {
        for (; left >= 4; left -= 4, o += 4) c.print(`${ind}  Label: ${c.u32(o)}`);
      } else if (ctype === 2) {
        if (left < 4) return tooShort();
        c.print(`${ind}  Generalized Label: ${c.u32(o)}`);
      } else if (ctype === 3) {
        if (left < 12) return tooShort();
        c.print(
          `${ind}  Waveband ID: ${c.u32(o)}${ind}  Start Label: ${c.u32(o + 4)}, Stop Label: ${
            c.u32(o + 8)
          }`,
        );
      } else return true;
      return false;
    case 8: // Style
      if (ctype !== 1) return true;
      if (left < 4) return tooShort();
      c.print(
        `${ind}  Reservation Style: ${
          tok(STYLE, "Unknown", (c.u16(o + 1) << 8) | c.u8(o + 3))
        }, Flags: [0x${hex(c.u8(o), 2)}]`,
      );
      return false;
    case 11: // Sender Template
    case 10: // FilterSpec
      if (ctype === 1) {
        if (left < 8) return tooShort();
        c.print(`${ind}  Source Address: ${c.ip4(o)}, Source Port: ${c.u16(o + 6)}`);
      } else if (ctype === 2) {
        if (left < 20) return tooShort();
        c.print(`${ind}  Source Address: ${c.ip6(o)}, Source Port: ${c.u16(o + 18)}`);
      } else if (ctype === 7) {
        if (left < 8) return tooShort();
        c.print(
          cls === 11
            ? `${ind}  IPv4 Tunnel Sender Address: ${c.ip4(o)}, LSP-ID: 0x${hex(c.u16(o + 6))}`
            : `${ind}  Source Address: ${c.ip4(o)}, LSP-ID: 0x${hex(c.u16(o + 6))}`,
        );
      } else if (ctype === 3 && cls === 10) {
        if (left < 20) return tooShort();
        c.print(
          `${ind}  Source Address: ${c.ip6(o)}, Flow Label: ${(c.u16(o + 17) << 8) | c.u8(o + 19)}`,
        );
      } else if (ctype === 8 && cls === 10) {
        // tcpdump reads an IPv4 address here, though the C-Type is the IPv6 tunnel's
        if (left < 20) return tooShort();
        c.print(`${ind}  Source Address: ${c.ip4(o)}, LSP-ID: 0x${hex(c.u16(o + 18))}`);
      } else if (ctype === 12) { // P2MP LSP tunnel, RFC 4875
        if (left < 16) return tooShort();
        c.print(
          `${ind}  IPv4 Tunnel Sender Address: ${c.ip4(o)}, LSP ID: 0x${
            hex(c.u16(o + 6))
          }${ind}  Sub-Group Originator ID: ${c.ip4(o + 8)}, Sub-Group ID: 0x${hex(c.u16(o + 12))}`,
        );
      } else if (ctype === 13) {
        if (left < 40) return tooShort();
        c.print(
          `${ind}  IPv6 Tunnel Sender Address: ${c.ip6(o)}, LSP ID: 0x${
            hex(c.u16(o + 18))
          }${ind}  Sub-Group Originator ID: ${c.ip6(o + 20)}, Sub-Group ID: 0x${
            hex(c.u16(o + 38))
          }`,
        );
      } else return true;
      return false;
    case 19: { // Label Request
      const l3 = () => {
        const pid = c.u16(o + 2);
        return `${ind}  L3 Protocol ID: ${
          ETHERTYPE_NAMES[pid] ?? `Unknown Protocol (0x${hex(pid)})`
        }`;
      };
      if (ctype === 1) {
        for (; left >= 4; left -= 4, o += 4) c.print(l3());
      } else if (ctype === 2) { // with an ATM label range
        if (left < 12) return tooShort();
        c.print(
          `${l3()},${c.u8(o + 4) & 0x80 ? "no" : ""} merge capability${ind}  Minimum VPI/VCI: ${
            c.u16(o + 4) & 0xfff
          }/${c.u16(o + 6) & 0xfff}${ind}  Maximum VPI/VCI: ${c.u16(o + 8) & 0xfff}/${
            c.u16(o + 10) & 0xfff
          }`,
        );
      } else if (ctype === 3) { // with a Frame Relay label range
        if (left < 12) return tooShort();
        const dlci = (c.u16(o + 4) >> 7) & 3;
        c.print(
          `${l3()}${ind}  Minimum/Maximum DLCI: ${c.u32(o + 4) & 0x7fffff}/${
            c.u32(o + 8) & 0x7fffff
          }, ${dlci === 0 ? "10" : ""}${dlci === 2 ? "23" : ""} bit DLCI`,
        );
      } else if (ctype === 4) { // generalized, RFC 3471
        if (left < 4) return tooShort();
        const enc = c.u8(o), sw = c.u8(o + 1), pid = c.u16(o + 2);
        c.print(
          `${ind}  LSP Encoding Type: ${
            tok(GMPLS_ENCODING, "Unknown", enc)
          } (${enc})${ind}  Switching Type: ${
            tok(GMPLS_SWITCH_CAP, "Unknown", sw)
          } (${sw}), Payload ID: ${tok(GMPLS_PAYLOAD, "Unknown", pid)} (0x${hex(pid)})`,
        );
      } else return true;
      return false;
    }
    case 20:
    case 21: // ERO, RRO
      if (ctype !== 1) return true;
      while (left >= 4) {
        c.tcheck(o, 4);
        const st = c.u8(o), sl = c.u8(o + 1);
        c.print(`${ind}  Subobject Type: ${tok(XRO, "Unknown %u", st & 0x7f)}, length ${sl}`);
        if (left < sl) {
          c.print(`${ind}  ERROR: ERO subobject length > object length`);
          break;
        }
        if (sl === 0) {
          c.print(`${ind}  ERROR: zero length ERO subtype`);
          break;
        }
        if ((st & 0x7f) === 1) {
          if (sl !== 8) {
            c.print(" ERROR: length != 8");
            c.print(" (invalid)");
            return undefined;
          }
          c.tcheck(o, 8);
          const pl = c.u8(o + 6);
          if (pl !== 32) {
            c.print(` ERROR: Prefix length ${pl} != 32`);
            c.print(" (invalid)");
            return undefined;
          }
          c.print(
            `, ${st & 0x80 ? "Loose" : "Strict"}, ${c.ip4(o + 2)}/${pl}, Flags: [${
              bits(RRO_FLAGS, "none", c.u8(o + 7))
            }]`,
          );
        } else if ((st & 0x7f) === 3) {
          if (sl !== 8) {
            c.print(" ERROR: length != 8");
            c.print(" (invalid)");
            return undefined;
          }
          const f = c.u8(o + 2), lt = c.u8(o + 3);
          c.print(
            `, Flags: [${f & 1 ? "Global" : "none"}] (${
              f ? "0x" + f.toString(16) : "0"
            }), Class-Type: ${tok(CTYPE, "Unknown", (21 << 8) + lt)} (${lt}), ${c.u32(o + 4)}`,
          );
        }
        left -= sl;
        o += sl;
      }
      return false;
    case 22: // Hello
      if (ctype !== 1 && ctype !== 2) return true;
      if (left < 8) return tooShort();
      c.print(
        `${ind}  Source Instance: 0x${hex(c.u32(o), 8)}, Destination Instance: 0x${
          hex(c.u32(o + 4), 8)
        }`,
      );
      return false;
    case 131: // Restart Capability
      if (ctype !== 1) return true;
      if (left < 8) return tooShort();
      c.print(`${ind}  Restart  Time: ${c.u32(o)}ms, Recovery Time: ${c.u32(o + 4)}ms`);
      return false;
    case 207: { // Session Attribute
      if (ctype !== 7) return true;
      if (left < 4) return tooShort();
      const n = c.u8(o + 3);
      if (left < 4 + n) return tooShort();
      c.print(`${ind}  Session Name: ${printn(c, o + 4, n)}`);
      const f = c.u8(o + 2);
      c.print(
        `${ind}  Setup Priority: ${c.u8(o)}, Holding Priority: ${c.u8(o + 1)}, Flags: [${
          bits(SESSION_FLAGS, "none", f)
        }] (${f ? "0x" + f.toString(16) : "0"})`,
      );
      return false;
    }
    case 3: // RSVP Hop
      if (ctype === 1 || ctype === 3) {
        if (left < 8) return tooShort();
        c.print(
          `${ind}  Previous/Next Interface: ${c.ip4(o)}, Logical Interface Handle: 0x${
            hex(c.u32(o + 4), 8)
          }`,
        );
        return left > 8;
      }
      if (ctype === 2 || ctype === 4) {
        if (left < 20) return tooShort();
        c.print(
          `${ind}  Previous/Next Interface: ${c.ip6(o)}, Logical Interface Handle: 0x${
            hex(c.u32(o + 16), 8)
          }`,
        );
      }
      return true;
    case 5: // Time Values
      if (ctype !== 1) return true;
      if (left < 4) return tooShort();
      c.print(`${ind}  Refresh Period: ${c.u32(o)}ms`);
      return false;
    case 9:
    case 12:
    case 13: { // Flowspec, Sender TSpec, Adspec
      if (ctype !== 2) return true;
      if (left < 4) return tooShort();
      c.print(`${ind}  Msg-Version: ${c.u8(o) >> 4}, length: ${c.u16(o + 2) << 2}`);
      o += 4, left -= 4;
      while (left >= 4) {
        let servLen = c.u16(o + 2) << 2;
        const st = c.u8(o);
        c.print(
          `${ind}  Service Type: ${tok(SERVICE, "unknown", st)} (${st}), break bit ${
            c.u8(o + 1) & 0x80 ? "" : "not "
          }set, Service length: ${servLen}`,
        );
        o += 4, left -= 4;
        while (servLen >= 4) {
          const n = intserv(c, o, left);
          if (n === 0) break;
          left -= n, servLen -= n, o += n;
        }
      }
      return false;
    }
    case 205: { // Fast Re-Route
      if (ctype !== 1 && ctype !== 7) return true;
      if (left < (ctype === 1 ? 20 : 16)) return tooShort();
      const bw = g10(Math.fround(Math.fround(f32(c, o + 4) * 8) / 1000000));
      c.print(
        `${ind}  Setup Priority: ${c.u8(o)}, Holding Priority: ${c.u8(o + 1)}, Hop-limit: ${
          c.u8(o + 2)
        }, Bandwidth: ${bw} Mbps`,
      );
      c.print(
        ctype === 1
          ? `${ind}  Include-any: 0x${hex(c.u32(o + 8), 8)}, Exclude-any: 0x${
            hex(c.u32(o + 12), 8)
          }, Include-all: 0x${hex(c.u32(o + 16), 8)}`
          : `${ind}  Include Colors: 0x${hex(c.u32(o + 8), 8)}, Exclude Colors: 0x${
            hex(c.u32(o + 12), 8)
          }`,
      );
      return false;
    }
    case 63: // Detour
      if (ctype !== 7) return true;
      for (; left >= 8; left -= 8, o += 8) {
        c.print(`${ind}  PLR-ID: ${c.ip4(o)}, Avoid-Node-ID: ${c.ip4(o + 4)}`);
      }
      return false;
    case 66:
    case 125: // Class Type
      if (ctype !== 1) return true;
      if (left < 4) return tooShort();
      c.print(`${ind}  CT: ${c.u32(o) & 7}`);
      return false;
    case 6: { // Error Spec
      const v6 = ctype === 2 || ctype === 4;
      if (!v6 && ctype !== 1 && ctype !== 3) return true;
      const at = v6 ? 16 : 4;
      if (left < at + 4) return tooShort();
      const code = c.u8(o + at + 1), value = c.u16(o + at + 2);
      c.print(
        `${ind}  Error Node Address: ${v6 ? c.ip6(o) : c.ip4(o)}, Flags: [0x${
          hex(c.u8(o + at), 2)
        }]${ind}  Error Code: ${tok(ERROR_CODE, "unknown", code)} (${code})`,
      );
      if (code === 24) c.print(`, Error Value: ${tok(ROUTING_ERR, "unknown", value)} (${value})`);
      else if (!v6 && (code === 28 || code === 125)) {
        c.print(`, Error Value: ${tok(DIFFSERV_ERR, "unknown", value)} (${value})`);
      } else if (!v6) c.print(`, Unknown Error Value (${value})`);
      return false;
    }
    case 23:
    case 24:
    case 25: // Message ID, Ack, List
      if (ctype !== 1 && ctype !== 2) return true;
      if (left < 4) return tooShort();
      c.print(`${ind}  Flags [0x${hex(c.u8(o), 2)}], epoch: ${(c.u16(o + 1) << 8) | c.u8(o + 3)}`);
      for (o += 4, left -= 4; left >= 4; left -= 4, o += 4) {
        c.print(`${ind}    Message-ID 0x${hex(c.u32(o), 8)} (${c.u32(o)})`);
      }
      return false;
    case 134: { // Capability, RFC 5063
      if (ctype !== 1) return true;
      if (left < 4) return tooShort();
      const v = c.u32(o);
      if (v & ~7) c.print(`${ind}  [reserved=0x${hex((v & ~7) >>> 0, 8)} must be zero]`);
      c.print(`${ind}  Flags: [${bits(CAPABILITY_FLAGS, "none", v & 7)}]`);
      return false;
    }
    case 229: // Generalized UNI (OIF UNI 1.0)
      if (ctype !== 1) return true;
      return generalizedUni(c, o, left, ind);
    case 204: { // Properties (Juniper)
      if (ctype !== 1) return true;
      if (left < 4) return tooShort();
      const pad = c.u16(o + 2);
      c.print(`${ind}  TLV count: ${c.u16(o)}, padding bytes: ${pad}`);
      for (o += 4, left -= 4; left >= 2 + pad;) {
        const t = c.u8(o), tl = c.u8(o + 1);
        c.print(`${ind}    ${tok(PROPERTY_TLV, "unknown", t)} TLV (0x${hex(t, 2)}), length: ${tl}`);
        if (left < tl) return tooShort();
        if (tl < 2) {
          c.print(`${ind}ERROR: property TLV is too short`);
          return undefined;
        }
        c.hexData(o + 2, "\n\t\t", tl - 2);
        left -= tl, o += tl;
      }
      return false;
    }
    case 4: { // Integrity, RFC 2747 (a 16-byte HMAC-MD5 digest)
      if (ctype !== 1) return true;
      if (left < 32) return tooShort();
      c.print(
        `${ind}  Key-ID 0x${hex(c.u16(o + 2))}${hex(c.u32(o + 4), 8)}, Sequence 0x${
          hex(c.u32(o + 8), 8)
        }${hex(c.u32(o + 12), 8)}, Flags [${c.u8(o) & 0x80 ? "Handshake" : "none"}]`,
      );
      c.print(
        `${ind}  MD5-sum 0x${hex(c.u32(o + 16), 8)}${hex(c.u32(o + 20), 8)}${
          hex(c.u32(o + 24), 8)
        }${hex(c.u32(o + 28), 8)}  (unchecked)`,
      );
      return false;
    }
    case 196: // Administrative Status, RFC 3473
      if (ctype !== 1) return true;
      if (left < 4) return tooShort();
      c.print(`${ind}  Flags [${bits(ADMIN_FLAGS, "none", c.u32(o))}]`);
      return false;
    case 36: { // Label Set, RFC 3473
      if (ctype !== 1) return true;
      if (left < 4) return tooShort();
      const action = c.u8(o);
      c.print(
        `${ind}  Action: ${tok(LABEL_SET_ACTION, "Unknown", action)} (${action}), Label type: ${
          c.u32(o) & 0x7f
        }`,
      );
      if (action === 2 || action === 3) {
        if (left < 12) return tooShort();
        c.print(`${ind}  Start range: ${c.u32(o + 4)}, End range: ${c.u32(o + 8)}`);
      } else {
        for (let k = 1, p = o + 4, l = left - 4; l >= 4; k++, p += 4, l -= 4) {
          c.print(`${ind}  Subchannel #${k}: ${c.u32(p)}`);
        }
      }
      return false;
    }
    case 50: // S2L Sub-LSP, RFC 4875
      if (ctype === 1) {
        if (left < 4) return tooShort();
        c.print(`${ind}  Sub-LSP destination address: ${c.ip4(o)}`);
      } else if (ctype === 2) {
        if (left < 16) return tooShort();
        c.print(`${ind}  Sub-LSP destination address: ${c.ip6(o)}`);
      } else return true;
      return false;
    default:
      if (c.f.v <= 1) c.hexData(o, "\n\t    ", left);
      return false;
  }
}

/** The sub-objects of a Generalized UNI object; as object(). */
function generalizedUni(c: Ctx, o: number, left: number, ind: string): boolean | undefined {
  if (left < 4) {
    c.print(`${ind}ERROR: object is too short`);
    return undefined;
  }
  let dump = false;
  for (let total = left; total > 0;) {
    if (total < 4) {
      c.print(" (invalid)");
      return undefined;
    }
    const sl = c.u16(o), st = c.u8(o + 2), af = c.u8(o + 3);
    c.print(
      `${ind}  Subobject Type: ${tok(UNI_SUBOBJ, "Unknown", st)} (${st}), AF: ${
        tok(AF, "Unknown", af)
      } (${af}), length: ${sl}`,
    );
    if (sl < 4 || sl > total || left < sl) {
      c.print(" (invalid)");
      return undefined;
    }
    const short = () => {
      c.print(`${ind}ERROR: sub-object is too short`);
      return undefined;
    };
    if (st === 1 || st === 2) { // source / destination TNA address
      if (af === 1) {
        if (sl < 8) return short();
        c.print(`${ind}    UNI IPv4 TNA address: ${c.ip4(o + 4)}`);
      } else if (af === 2) {
        if (sl < 20) return short();
        c.print(`${ind}    UNI IPv6 TNA address: ${c.ip6(o + 4)}`);
      } else if (af === 3) dump = true;
    } else if (st === 3) { // diversity
      if (sl > 4) dump = true;
    } else if (st === 4) { // egress label
      if (sl < 16) return short();
      const v = c.u32(o + 4);
      c.print(
        `${ind}    U-bit: ${(v >>> 31).toString(16)}, Label type: ${v & 0xff}, Logical port id: ${
          c.u32(o + 8)
        }, Label: ${c.u32(o + 12)}`,
      );
    } else if (st === 5) { // service level
      if (sl < 8) return short();
      c.print(`${ind}    Service level: ${c.u8(o + 4)}`);
    } else dump = true;
    total -= sl, o += sl, left += sl;
  }
  return dump;
}
