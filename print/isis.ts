// IS-IS (ISO 10589; RFC 1195, 5120, 5305, 5308, 8667) as tcpdump 4.99 prints it
// (print-isoclns.c): isoclns_print() for what follows an OSI LLC header, then isis_print() with
// the hellos, LSPs and sequence-number PDUs and the TLVs routers send.

import { bits, type Ctx, hex, printf3f, printjnpOut, tok, Truncated } from "./_ctx.ts";
import { formatIpv4, formatIpv6 } from "../address.ts";
import { nsap, osiCksumPrint } from "./_osi.ts";
import {
  lanAdjSidSub,
  mtCapability,
  mtPortCap,
  spbMetricSub,
  switchingCapSub,
  vendorPrivate,
} from "./_isis_ext.ts";
import {
  AUTH,
  BC_MODEL,
  CIRCUIT,
  EXT_IP_SUB,
  EXT_IS_SUB,
  IDRP,
  IS_TYPE,
  LINK_ATTR,
  LINK_PROT,
  MT,
  MT_FLAGS,
  NLPID,
  PDU,
  PREFIX_SID_FLAGS,
  PTP_ADJ,
  RESTART_FLAGS,
  ROUTER_CAP_FLAGS,
  SR_FLAGS,
  TLV,
} from "./_isis_text.ts";

/** A "goto trunc": the PDU ends with " [|isis]". */
class Trunc extends Error {}
/** isis_print() returning 0: the caller dumps the PDU in hex. */
class Reject extends Error {}

/** isoclns_print(): an OSI network-layer PDU after an LLC header (SAP 0xfe). */
export function isoclnsPrint(c: Ctx, p: number, length: number): void {
  c.proto = "isoclns";
  const nlpid = c.u8(p);
  if (c.f.e) c.print(`OSI NLPID ${tok(NLPID, "Unknown", nlpid)} (0x${hex(nlpid, 2)}): `);
  switch (nlpid) {
    case 0x83:
      if (!isisPrint(c, p, length)) c.hexData(p, "\n\t", length);
      return;
    case 0x00:
      c.print(`${c.f.e ? "" : ", "}length: ${length}`);
      return;
    case 0x08:
      c.d.q933(c, p + 1, length - 1);
      return;
    case 0xcc:
      c.d.ip(c, p + 1, length - 1);
      return;
    case 0xcf:
      c.d.ppp(c, p + 1, length - 1);
      return;
    case 0x8e:
      c.d.ip6(c, p + 1, length - 1);
      return;
    case 0x82:
      c.d.esis(c, p, length);
      return;
    case 0x81:
      if (!c.d.clnp(c, p, length)) c.hexData(p, "\n\t", c.end - p);
      return;
    default:
      if (!c.f.e) c.print(`OSI NLPID 0x${hex(nlpid, 2)} unknown`);
      c.print(`${c.f.e ? "" : ", "}length: ${length}`);
      if (length > 1) c.hexData(p, "\n\t", length);
  }
}

/** isis_print_id(): a system, node or LSP ID (6, 7 or 8 bytes). */
function id(c: Ctx, p: number, len: number): string {
  let s = "";
  for (let i = 1; i <= Math.min(6, len); i++) {
    s += hex(c.u8(p + i - 1), 2);
    if (i === 2 || i === 4) s += ".";
  }
  if (len >= 7) s += `.${hex(c.u8(p + 6), 2)}`;
  if (len === 8) s += `-${hex(c.u8(p + 7), 2)}`;
  return s;
}

const metricText = (v: number) => `${v & 0x3f}, ${v & 0x40 ? "External" : "Internal"}`;

/** isis_print_metric_block(). */
function metricBlock(c: Ctx, p: number): void {
  c.print(`, Default Metric: ${metricText(c.u8(p))}`);
  const names = ["Delay", "Expense", "Error"];
  for (let k = 1; k < 4; k++) {
    const v = c.u8(p + k);
    if (!(v & 0x80)) c.print(`\n\t\t  ${names[k - 1]} Metric: ${metricText(v)}`);
  }
}

/** mask2plen(): the prefix length of a contiguous mask, or -1. */
function maskLen(m: number): number {
  for (let n = 0; n <= 32; n++) {
    const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
    if (mask === m) return n;
  }
  return -1;
}

/** isis_print_tlv_ip_reach(): false when cut (the caller then stops without a marker). */
function ipReach(c: Ctx, p: number, indent: string, length: number): boolean {
  while (length > 0) {
    if (length < 12) {
      c.print(`short IPv4 Reachability (${length} vs 12)`);
      return false;
    }
    if (!c.has(p, 12)) return false;
    const plen = maskLen(c.u32(p + 8));
    if (plen === -1) c.print(`${indent}IPv4 prefix: ${c.ip4(p + 4)} mask ${c.ip4(p + 8)}`);
    else c.print(`${indent}IPv4 prefix: ${c.ip4(p + 4).padStart(15)}/${plen}`);
    const d = c.u8(p);
    c.print(`, Distribution: ${d & 0x80 ? "down" : "up"}, Metric: ${metricText(d)}`);
    const names = ["Delay", "Expense", "Error"];
    for (let k = 1; k < 4; k++) {
      const v = c.u8(p + k);
      if (!(v & 0x80)) c.print(`${indent}  ${names[k - 1]} Metric: ${metricText(v)}`);
    }
    length -= 12, p += 12;
  }
  return true;
}

/** An IEEE 754 single-precision bandwidth in bytes/s as tcpdump's "%.3f Mbps". */
function mbps(c: Ctx, p: number): string {
  const f = new DataView(c.b.buffer, c.b.byteOffset).getFloat32(p);
  return `${printf3f(Math.fround(Math.fround(f * 8) / 1000000), c.u8(p) >= 0x80)} Mbps`;
}

/** isis_print_ext_is_reach(): the bytes used, 0 when cut or too short. */
function extIsReach(c: Ctx, p: number, indent: string, type: number, remaining: number): number {
  if (!c.has(p, 7)) return 0;
  if (remaining < 7) return 0;
  c.print(`${indent}IS Neighbor: ${id(c, p, 7)}`);
  p += 7, remaining -= 7;
  let used = 7;
  if (type !== 24) {
    if (!c.has(p, 3)) return 0;
    if (remaining < 3) return 0;
    c.print(`, Metric: ${(c.u8(p) << 16) | c.u16(p + 1)}`);
    p += 3, remaining -= 3, used += 3;
  }
  if (!c.has(p, 1)) return 0;
  if (remaining < 1) return 0;
  let sum = c.u8(p);
  p++, remaining--, used++;
  c.print(`, ${sum ? "" : "no "}sub-TLVs present`);
  if (!sum) return used;
  c.print(` (${sum})`);
  indent += "  ";
  while (sum !== 0) {
    if (!c.has(p, 2)) return 0;
    if (remaining < 2) {
      c.print(`${indent}Remaining data in TLV shorter than a subTLV header`);
      return used + remaining;
    }
    if (sum < 2) {
      c.print(`${indent}Remaining data in subTLVs shorter than a subTLV header`);
      return used + sum;
    }
    const st = c.u8(p);
    let sl = c.u8(p + 1);
    p += 2, remaining -= 2, sum -= 2, used += 2;
    c.print(`${indent}${tok(EXT_IS_SUB, "unknown", st)} subTLV #${st}, length: ${sl}`);
    if (sum < sl) {
      c.print(" (remaining data in subTLVs shorter than the current subTLV)");
      return used + sum;
    }
    if (remaining < sl) {
      c.print(" (> remaining tlv length)");
      return used + remaining;
    }
    if (!c.has(p, sl)) return 0;
    const step = (n: number) => {
      p += n, sl -= n, sum -= n, used += n;
    };
    switch (st) {
      case 3:
      case 4:
      case 5:
        if (sl >= 4) {
          c.print(`, 0x${hex(c.u32(p), 8)}`);
          if (sl === 8) c.print(`, 0x${hex(c.u32(p + 4), 8)}`);
        }
        break;
      case 6:
      case 8:
        if (sl >= 4) c.print(`, ${c.ip4(p)}`);
        break;
      case 9:
      case 10:
        if (sl >= 4) c.print(`, ${mbps(c, p)}`);
        break;
      case 11:
        if (sl >= 32) {
          for (let k = 0; k < 8; k++) {
            c.print(`${indent}  TE-Class ${k}: ${mbps(c, p)}`);
            step(4);
          }
        }
        break;
      case 12:
      case 22:
        if (sl === 0) break;
        c.print(
          `${indent}Bandwidth Constraints Model ID: ${tok(BC_MODEL, "unknown", c.u8(p))} (${
            c.u8(p)
          })`,
        );
        step(1);
        for (let k = 0; sl !== 0; k++) {
          if (sl < 4) break;
          c.print(`${indent}  Bandwidth constraint CT${k}: ${mbps(c, p)}`);
          step(4);
        }
        break;
      case 18:
        if (sl >= 3) c.print(`, ${(c.u8(p) << 16) | c.u16(p + 1)}`);
        break;
      case 19:
        if (sl === 2) {
          c.print(`, [ ${bits(LINK_ATTR, "Unknown", c.u16(p))} ] (0x${hex(c.u16(p))})`);
        }
        break;
      case 20:
        if (sl >= 2) {
          c.print(`, ${bits(LINK_PROT, "none", c.u8(p))}, Priority ${c.u8(p + 1)}`);
        }
        break;
      // these step over what they print without counting it against the TLV, as
      // print-isoclns.c does: the TLV's remaining length comes out too large after them
      case 21:
        step(switchingCapSub(c, p, sl, indent));
        break;
      case 29:
        step(spbMetricSub(c, p, sl));
        break;
      case 32:
        step(lanAdjSidSub(c, p, sl, indent));
        break;
      default:
        c.hexData(p, "\n\t\t    ", sl);
    }
    p += sl, remaining -= sl, sum -= sl, used += sl;
  }
  return used;
}

/** isis_print_mtid(): 2, or 0 when fewer than two bytes remain. */
function mtid(c: Ctx, p: number, indent: string, remaining: number): number {
  if (remaining < 2) return 0;
  const v = c.u16(p);
  c.print(`${indent}${tok(MT, "Reserved for IETF Consensus", v & 0x0fff)}`);
  c.print(` Topology (0x${hex(v & 0x0fff, 3)}), Flags: [${bits(MT_FLAGS, "none", v & 0xf000)}]`);
  return 2;
}

/** isis_print_ip_reach_subtlv(): false when cut (after printing the marker). */
function ipReachSub(c: Ctx, p: number, st: number, sl: number, indent: string): boolean {
  c.print(`${indent}${tok(EXT_IP_SUB, "unknown", st)} subTLV #${st}, length: ${sl}`);
  if (!c.has(p, sl)) {
    c.trunc();
    return false;
  }
  switch (st) {
    case 117:
    case 1:
      for (; sl >= 4; p += 4, sl -= 4) c.print(`, 0x${hex(c.u32(p), 8)} (=${c.u32(p)})`);
      return true;
    case 2:
      for (; sl >= 8; p += 8, sl -= 8) c.print(`, 0x${hex(c.u32(p), 8)}${hex(c.u32(p + 4), 8)}`);
      return true;
    case 3: {
      const flags = c.u8(p), algo = c.u8(p + 1);
      let sid: number;
      if (flags & 0x08) {
        if (sl < 5) {
          c.trunc();
          return false;
        }
        sid = (c.u8(p + 2) << 16) | c.u16(p + 3);
      } else {
        if (sl < 6) {
          c.trunc();
          return false;
        }
        sid = c.u32(p + 2);
      }
      c.print(
        `, Flags [${bits(PREFIX_SID_FLAGS, "None", flags)}], Algo ${
          algo === 0 ? "SPF" : algo === 1 ? "strict-SPF" : "Unknown"
        } (${algo}), ${flags & 0x08 ? "label" : "index"} ${sid}`,
      );
      return true;
    }
    default:
      c.hexData(p, "\n\t\t    ", sl);
      return true;
  }
}

/** isis_print_extd_ip_reach(): the bytes used, 0 on a bad prefix length or a bad subTLV. */
function extdIpReach(c: Ctx, p: number, indent: string, v6: boolean): number {
  const metric = c.u32(p);
  p += 4;
  let used = 4, status: number, bitLen: number;
  if (!v6) {
    status = c.u8(p);
    p++;
    bitLen = status & 0x3f;
    if (bitLen > 32) {
      c.print(`${indent}IPv4 prefix: bad bit length ${bitLen}`);
      return 0;
    }
    used++;
  } else {
    status = c.u8(p);
    bitLen = c.u8(p + 1);
    if (bitLen > 128) {
      c.print(`${indent}IPv6 prefix: bad bit length ${bitLen}`);
      return 0;
    }
    p += 2, used += 2;
  }
  const byteLen = Math.floor((bitLen + 7) / 8);
  c.need(p, byteLen);
  const a = new Uint8Array(16);
  a.set(c.b.subarray(p, p + byteLen));
  p += byteLen, used += byteLen;
  if (!v6) c.print(`${indent}IPv4 prefix: ${formatIpv4(a, 0).padStart(15)}/${bitLen}`);
  else c.print(`${indent}IPv6 prefix: ${formatIpv6(a, 0)}/${bitLen}`);
  c.print(`, Distribution: ${status & 0x80 ? "down" : "up"}, Metric: ${metric}`);
  const sub = v6 ? (status & 0x20) !== 0 : (status & 0x40) !== 0;
  if (!v6 && sub) c.print(", sub-TLVs present");
  else if (v6) {
    c.print(`, ${status & 0x40 ? "External" : "Internal"}${sub ? ", sub-TLVs present" : ""}`);
  }
  if (sub) {
    let sublen = c.u8(p);
    p++;
    used += sublen + 1;
    c.print(` (${sublen})`);
    while (sublen > 0) {
      const st = c.u8(p), sl = c.u8(p + 1);
      p += 2;
      if (!ipReachSub(c, p, st, sl, indent + "  ")) return 0;
      p += sl;
      sublen = (sublen - (sl + 2)) >>> 0; // u_int: a sub-TLV too long wraps and reads on
    }
  }
  return used;
}

/** isis_print_router_cap_subtlv(). */
function routerCapSub(c: Ctx, p: number, tlen: number): void {
  while (tlen >= 2) {
    const st = c.u8(p), sl = c.u8(p + 1);
    tlen -= 2, p += 2;
    c.print(`\n\t\t${st === 2 ? "SR-Capabilities" : "unknown"} subTLV #${st}, length: ${sl}`);
    if (sl > tlen) break;
    if (!c.has(p, sl)) return;
    if (st === 2) {
      const flags = c.u8(p), range = (c.u8(p + 1) << 16) | c.u16(p + 2);
      c.print(`, Flags [${bits(SR_FLAGS, "None", flags)}], Range ${range}`);
      let sp = p + 4, stl = (sl - 4) & 0xff;
      while (stl >= 5) {
        const t = c.u8(sp), l = c.u8(sp + 1);
        stl -= 2, sp += 2;
        if (l > stl) break;
        if (t === 1) {
          if (l === 3) c.print(`, SID value ${(c.u8(sp) << 16) | c.u16(sp + 1)}`);
          else if (l === 4) c.print(`, SID value ${c.u32(sp)}`);
          else c.print(`, Unknown SID length${l}`);
        } else c.hexData(sp, "\n\t\t  ", l);
        sp += l, stl -= l;
      }
    } else c.hexData(p, "\n\t\t", sl);
    tlen -= sl, p += sl;
  }
}

/** isis_print(): false when tcpdump returns 0 (the caller dumps the PDU). */
function isisPrint(c: Ctx, p: number, length: number): boolean {
  c.proto = "isis";
  try {
    isis(c, p, length);
    return true;
  } catch (e) {
    if (e instanceof Reject) return false;
    if (e instanceof Trunc || (e instanceof Truncated && e.soft)) {
      c.trunc();
      return true;
    }
    throw e;
  }
}

function isis(c: Ctx, p: number, length: number): void {
  if (!c.has(p, 8)) throw new Trunc();
  if (length < 8) throw new Trunc();
  const reject = (s: string) => {
    c.print(s);
    throw new Reject();
  };
  if (!c.f.e) c.print("IS-IS");
  const version = c.u8(p + 2);
  if (version !== 1) reject(`version ${version} packet not supported`);
  const pduIdLen = c.u8(p + 3);
  if (pduIdLen !== 6 && pduIdLen !== 0) reject(`system ID length of ${pduIdLen} is not supported`);
  const pduVersion = c.u8(p + 5);
  if (pduVersion !== 1) reject(`version ${pduVersion} packet not supported`);
  const fixed = c.u8(p + 1);
  if (length < fixed) reject(`fixed header length ${fixed} > packet length ${length}`);
  if (fixed < 8) reject(`fixed header length ${fixed} < minimum header size 8`);
  const pduMaxArea = c.u8(p + 7);
  if (pduMaxArea === 255) reject("bad packet -- 255 areas");
  const maxArea = pduMaxArea === 0 ? 3 : pduMaxArea;
  const idLen = pduIdLen === 0 ? 6 : pduIdLen;
  const type = c.u8(p + 4);
  const sep = c.f.e ? "" : ", ";
  if (!c.f.v) c.print(`${sep}${tok(PDU, "unknown PDU-Type %u", type)}`);
  else {
    c.print(`${sep}length ${length}`);
    c.print(
      `\n\t${
        tok(PDU, "unknown, type %u", type)
      }, hlen: ${fixed}, v: ${version}, pdu-v: ${pduVersion}, sys-id-len: ${idLen} (${pduIdLen}), max-area: ${maxArea} (${pduMaxArea})`,
    );
    if (c.f.v > 1) c.hexData(p, "\n\t", 8);
  }
  const h = p + 8;
  let packetLen = length;
  /** The fixed header's checks, and the PDU length (which may shorten what is decoded). */
  const fixedHeader = (size: number, bogus = ", bogus") => {
    if (fixed !== 8 + size) reject(`${bogus} fixed header length ${fixed} should be ${8 + size}`);
    c.tcheck(h, size);
    if (length < 8 + size) throw new Trunc();
  };
  const pduLen = (at: number) => {
    const n = c.u16(at);
    if (packetLen > n) packetLen = length = n;
    return n;
  };
  const headerDump = (size: number) => {
    if (c.f.v > 1) c.hexData(h, "\n\t  ", size);
    if (packetLen < 8 + size) {
      c.print(` [packet length ${packetLen} < ${8 + size}] (invalid)`);
      throw new Ended();
    }
    packetLen -= 8 + size;
  };
  try {
    switch (type) {
      case 15:
      case 16: {
        fixedHeader(19);
        if (!c.f.v) {
          c.print(`, src-id ${id(c, h + 1, 6)}`);
          c.print(`, lan-id ${id(c, h + 12, 7)}, prio ${c.u8(h + 11)}`);
          c.print(`, length ${length}`);
          return;
        }
        const n = pduLen(h + 9);
        c.print(
          `\n\t  source-id: ${id(c, h + 1, 6)},  holding time: ${c.u16(h + 7)}s, Flags: [${
            tok(CIRCUIT, "unknown circuit type 0x%02x", c.u8(h))
          }]`,
        );
        c.print(
          `\n\t  lan-id:    ${id(c, h + 12, 7)}, Priority: ${
            c.u8(h + 11) & 0x7f
          }, PDU length: ${n}`,
        );
        headerDump(19);
        break;
      }
      case 17: {
        fixedHeader(12);
        if (!c.f.v) {
          c.print(`, src-id ${id(c, h + 1, 6)}`);
          c.print(`, length ${length}`);
          return;
        }
        const n = pduLen(h + 9);
        c.print(
          `\n\t  source-id: ${id(c, h + 1, 6)}, holding time: ${c.u16(h + 7)}s, Flags: [${
            tok(CIRCUIT, "unknown circuit type 0x%02x", c.u8(h))
          }]`,
        );
        c.print(`\n\t  circuit-id: 0x${hex(c.u8(h + 11), 2)}, PDU length: ${n}`);
        headerDump(12);
        break;
      }
      case 18:
      case 20: {
        if (fixed !== 27) reject(`, bogus fixed header length ${fixed} should be 19`);
        fixedHeader(19);
        if (!c.f.v) {
          c.print(
            `, lsp-id ${id(c, h + 4, 8)}, seq 0x${hex(c.u32(h + 12), 8)}, lifetime ${
              String(c.u16(h + 2)).padStart(5)
            }s`,
          );
          c.print(`, length ${length}`);
          return;
        }
        const n = pduLen(h);
        const field = c.u16(h + 16);
        c.print(
          `\n\t  lsp-id: ${id(c, h + 4, 8)}, seq: 0x${hex(c.u32(h + 12), 8)}, lifetime: ${
            String(c.u16(h + 2)).padStart(5)
          }s\n\t  chksum: 0x${hex(field)}`,
        );
        osiCksumPrint(c, h + 4, field, 12, length - 12);
        const tb = c.u8(h + 18);
        c.print(`, PDU length: ${n}, Flags: [ ${tb & 0x4 ? "Overload bit set, " : ""}`);
        if (tb & 0x78) {
          c.print(
            `${tb & 0x8 ? "default " : ""}${tb & 0x10 ? "delay " : ""}${
              tb & 0x20 ? "expense " : ""
            }${tb & 0x40 ? "error " : ""}ATT bit set, `,
          );
        }
        c.print(`${tb & 0x80 ? "P bit set, " : ""}${tok(IS_TYPE, "Unknown(0x%x)", tb & 3)} ]`);
        headerDump(19);
        break;
      }
      case 24:
      case 25: {
        fixedHeader(25);
        if (!c.f.v) {
          c.print(`, src-id ${id(c, h + 2, 7)}`);
          c.print(`, length ${length}`);
          return;
        }
        const n = pduLen(h);
        c.print(`\n\t  source-id:    ${id(c, h + 2, 7)}, PDU length: ${n}`);
        c.print(`\n\t  start lsp-id: ${id(c, h + 9, 8)}`);
        c.print(`\n\t  end lsp-id:   ${id(c, h + 17, 8)}`);
        headerDump(25);
        break;
      }
      case 26:
      case 27: {
        fixedHeader(9, "- bogus");
        if (!c.f.v) {
          c.print(`, src-id ${id(c, h + 2, 7)}`);
          c.print(`, length ${length}`);
          return;
        }
        const n = pduLen(h);
        c.print(`\n\t  source-id:    ${id(c, h + 2, 7)}, PDU length: ${n}`);
        headerDump(9);
        break;
      }
      default:
        if (!c.f.v) {
          c.print(`, length ${length}`);
          return;
        }
        c.hexData(h, "\n\t  ", length);
        throw new Reject();
    }
    tlvs(c, p, h + fixed - 8, packetLen, length);
  } catch (e) {
    if (!(e instanceof Ended)) throw e;
  }
}

/** The PDU was fully handled (tcpdump's "return 1" without a marker). */
class Ended extends Error {}

function tlvs(c: Ctx, optr: number, pptr: number, packetLen: number, length: number): void {
  while (packetLen > 0) {
    c.tcheck(pptr, 2);
    if (packetLen < 2) throw new Trunc();
    const type = c.u8(pptr), tlvLen = c.u8(pptr + 1);
    pptr += 2, packetLen -= 2;
    let tlen = tlvLen, t = pptr;
    c.print(`\n\t    ${tok(TLV, "unknown", type)} TLV #${type}, length: ${tlvLen}`);
    if (packetLen < tlvLen) throw new Trunc();
    const ind = "\n\t      ";
    /** The MT/extended reachability loops: each entry's bytes, 0 meaning cut. */
    const entries = (f: () => number) => {
      while (tlen !== 0) {
        const n = f();
        if (n === 0) throw new Trunc();
        if (tlen < n) {
          c.print(` [remaining tlv length ${tlen} < ${n}] (invalid)`);
          break;
        }
        tlen -= n, t += n;
      }
    };
    const mt = () => {
      const n = mtid(c, t, ind, tlen);
      if (n === 0) throw new Trunc();
      t += n, tlen -= n;
    };
    tlv: switch (type) {
      case 1:
        while (tlen !== 0) {
          const alen = c.u8(t);
          t++, tlen--;
          if (tlen < alen) break tlv;
          c.print(`\n\t      Area address (length: ${alen}): ${nsap(c, t, alen)}`);
          t += alen, tlen -= alen;
        }
        break;
      case 6:
        while (tlen !== 0) {
          if (tlen < 6) break tlv;
          c.tcheck(t, 6);
          c.print(`\n\t      SNPA: ${id(c, t, 6)}`);
          tlen -= 6, t += 6;
        }
        break;
      case 7: {
        if (tlen < 4) break;
        const n = Math.floor((tlen - 2) / 2);
        c.print(`\n\t      Instance ID: ${c.u16(t)}, ITIDs(${n})${n ? ":" : ""} `);
        t += 2;
        for (let i = 0; i < n; i++, t += 2) c.print(`${c.u16(t)}${i < n - 1 ? ", " : ""}`);
        break;
      }
      case 8:
        break;
      case 222:
        mt();
        entries(() => extIsReach(c, t, ind, type, tlen));
        break;
      case 24:
      case 22:
        entries(() => extIsReach(c, t, ind, type, tlen));
        break;
      case 2:
        if (tlen < 1) break;
        c.print(
          `\n\t      ${
            tok({ 0: "IsNotVirtual", 1: "IsVirtual" }, "bogus virtual flag 0x%02x", c.u8(t))
          }`,
        );
        t++, tlen--;
        while (tlen !== 0) {
          if (tlen < 11) break tlv;
          c.tcheck(t, 11);
          c.print(`\n\t      IS Neighbor: ${id(c, t + 4, 7)}`);
          metricBlock(c, t);
          tlen -= 11, t += 11;
        }
        break;
      case 3:
        while (tlen !== 0) {
          if (tlen < 10) break tlv;
          c.tcheck(t, 10);
          c.print(`\n\t      ES Neighbor: ${id(c, t + 4, 6)}`);
          metricBlock(c, t);
          tlen -= 10, t += 10;
        }
        break;
      case 128:
      case 130:
        if (!ipReach(c, pptr, ind, tlvLen)) throw new Ended();
        break;
      case 135:
        entries(() => extdIpReach(c, t, ind, false));
        break;
      case 235:
        mt();
        entries(() => extdIpReach(c, t, ind, false));
        break;
      case 236:
        entries(() => extdIpReach(c, t, ind, true));
        break;
      case 237:
        mt();
        entries(() => extdIpReach(c, t, ind, true));
        break;
      case 232:
        while (tlen !== 0) {
          if (tlen < 16) break tlv;
          c.print(`\n\t      IPv6 interface address: ${c.ip6(t)}`);
          t += 16, tlen -= 16;
        }
        break;
      case 10: {
        if (tlen < 1) break;
        const at = c.u8(t);
        t++, tlen--;
        c.print(`\n\t      ${tok(AUTH, "unknown Authentication type 0x%02x", at)}: `);
        if (at === 1) printjnpOut(c, t, tlen);
        else if (at === 54) {
          // a byte at a time: a cut shows the captured part first
          for (let i = 0; i < tlen; i++) c.print(hex(c.u8(t + i), 2));
          if (tlen !== 16) c.print(", (invalid subTLV) ");
          // no secret to check the HMAC with (tcpdump's -M)
          c.print(" (unchecked)");
        } else if (at === 3) {
          if (tlen < 2) break;
          c.print(`${c.u16(t)}, password: `);
          t += 2, tlen -= 2;
          let s = "";
          for (let i = 0; i < tlen; i++) s += hex(c.u8(t + i), 2);
          c.print(s);
        } else c.hexData(t, "\n\t\t  ", tlen);
        break;
      }
      case 240:
        if (tlen >= 1) {
          c.print(`\n\t      Adjacency State: ${tok(PTP_ADJ, "unknown", c.u8(t))} (${c.u8(t)})`);
          tlen--;
        }
        if (tlen > 4) {
          c.print(`\n\t      Extended Local circuit-ID: 0x${hex(c.u32(t + 1), 8)}`);
          tlen -= 4;
        }
        if (tlen >= 6) {
          c.tcheck(t + 5, 6);
          c.print(`\n\t      Neighbor System-ID: ${id(c, t + 5, 6)}`);
          tlen -= 6;
        }
        if (tlen >= 4) {
          c.print(`\n\t      Neighbor Extended Local circuit-ID: 0x${hex(c.u32(t + 11), 8)}`);
        }
        break;
      case 129:
        c.print("\n\t      NLPID(s): ");
        for (; tlen !== 0; t++, tlen--) {
          c.print(
            `${tok(NLPID, "unknown", c.u8(t))} (0x${hex(c.u8(t), 2)})${tlen > 1 ? ", " : ""}`,
          );
        }
        break;
      case 134:
        if (tlen < 4) break;
        c.print(`\n\t      Traffic Engineering Router ID: ${c.ip4(pptr)}`);
        break;
      case 132:
        while (tlen !== 0) {
          if (tlen < 4) break tlv;
          c.print(`\n\t      IPv4 interface address: ${c.ip4(t)}`);
          t += 4, tlen -= 4;
        }
        break;
      case 137:
        c.print("\n\t      Hostname: ");
        printjnpOut(c, t, tlen);
        break;
      case 9:
        while (tlen !== 0) {
          if (tlen < 16) break tlv;
          c.tcheck(t + 9, 1);
          c.print(`\n\t      lsp-id: ${id(c, t + 2, 8)}`);
          c.print(`, seq: 0x${hex(c.u32(t + 10), 8)}`);
          c.print(`, lifetime: ${String(c.u16(t)).padStart(5)}s`);
          c.print(`, chksum: 0x${hex(c.u16(t + 14))}`);
          tlen -= 16, t += 16;
        }
        break;
      case 12:
        if (tlen < 2) break;
        c.tcheck(t, 2);
        c.print(`\n\t      checksum: 0x${hex(c.u16(t))} `);
        osiCksumPrint(c, optr, c.u16(t), t - optr, length);
        break;
      case 13: {
        if (tlen < 1) break;
        const n = c.u8(t);
        t++, tlen--;
        if (n === 0) c.print(" No system IDs supplied");
        else {
          if (tlen < 6) break;
          c.tcheck(t, 6);
          c.print(`\n\t      Purge Originator System-ID: ${id(c, t, 6)}`);
          t += 6, tlen -= 6;
          if (n > 1) {
            if (tlen < 6) break;
            c.tcheck(t, 13);
            c.print(`\n\t      Received from System-ID: ${id(c, t, 6)}`);
          }
        }
        break;
      }
      case 229:
        while (tlen !== 0) {
          if (tlen !== 1) mt();
          else {
            c.print("\n\t      invalid MT-ID");
            break;
          }
        }
        break;
      case 211:
        if (tlen < 1) break;
        c.tcheck(t, 1);
        c.print(`\n\t      Flags [${bits(RESTART_FLAGS, "none", c.u8(t))}]`);
        t++, tlen--;
        if (tlen === 0 || tlen < 2) break;
        c.tcheck(t, 2);
        c.print(`, Remaining holding time ${c.u16(t)}s`);
        t += 2, tlen -= 2;
        if (tlen === 6) {
          c.tcheck(t, 6);
          c.print(`, for ${id(c, t, 6)}`);
        }
        break;
      case 131: {
        if (tlen < 1) break;
        const it = c.u8(t);
        c.print(`\n\t      Inter-Domain Information Type: ${tok(IDRP, "Unknown (0x%02x)", it)}`);
        t++, tlen--;
        if (it === 2) {
          if (tlen < 2) break;
          c.print(`AS Number: ${c.u16(t)}`);
        } else c.hexData(t, "\n\t      ", tlen);
        break;
      }
      case 14:
        if (tlen < 2) break;
        c.print(`\n\t      LSP Buffersize: ${c.u16(t)}`);
        break;
      case 4:
        while (tlen !== 0) {
          if (tlen < 6) break tlv;
          c.tcheck(t, 6);
          c.print(`\n\t      ${id(c, t, 6)}`);
          t += 6, tlen -= 6;
        }
        break;
      case 241:
        if (tlen < 4) break;
        c.print(`\n\t      Sequence number: ${c.u32(t)}`);
        break;
      case 242:
        if (tlen < 5) {
          c.print(` [object length ${tlen} < 5] (invalid)`);
          break;
        }
        c.print(`\n\t      Router-ID ${c.ip4(t)}`);
        c.print(`, Flags [${bits(ROUTER_CAP_FLAGS, "none", c.u8(t + 4))}]`);
        if (tlen > 5) routerCapSub(c, t + 5, tlen - 5);
        break;
      case 138: { // Shared Risk Link Group
        if (tlen < 7) break;
        c.tcheck(t, 7);
        c.print(`\n\t      IS Neighbor: ${id(c, t, 7)}`);
        t += 7, tlen -= 7;
        if (tlen < 1) break;
        c.print(`, Flags: [${c.u8(t) & 1 ? "numbered" : "unnumbered"}]`);
        t++, tlen--;
        if (tlen < 4) break;
        c.print(`\n\t      IPv4 interface address: ${c.ip4(t)}`);
        t += 4, tlen -= 4;
        if (tlen < 4) break;
        c.print(`\n\t      IPv4 neighbor address: ${c.ip4(t)}`);
        t += 4, tlen -= 4;
        while (tlen !== 0) {
          if (tlen < 4) break;
          c.print(`\n\t      Link-ID: 0x${hex(c.u32(t), 8)}`);
          t += 4, tlen -= 4;
        }
        break;
      }
      case 5: // Prefix Neighbors: a metric block, then ISO prefixes in semi-octets
        if (tlen < 4) break;
        c.tcheck(t, 4);
        c.print("\n\t      Metric Block");
        metricBlock(c, t);
        t += 4, tlen -= 4;
        while (tlen !== 0) {
          const plen = c.u8(t);
          t++, tlen--;
          if (plen < 2) {
            c.print(`\n\t\tAddress: prefix length ${plen} < 2`);
            break;
          }
          if (tlen < plen >> 1) break;
          c.print(`\n\t\tAddress: ${nsap(c, t, plen >> 1)}/${plen * 4}`);
          t += plen >> 1, tlen -= plen >> 1;
        }
        break;
      case 143:
        mtPortCap(c, t, tlen);
        break;
      case 144:
        mtCapability(c, t, tlen);
        break;
      case 250:
        vendorPrivate(c, t, tlen);
        break;
      default:
        if (c.f.v <= 1) c.hexData(pptr, "\n\t\t", tlvLen);
    }
    if (c.f.v > 1) c.hexData(pptr, "\n\t      ", tlvLen);
    pptr += tlvLen, packetLen -= tlvLen;
  }
  if (packetLen !== 0) c.print(`\n\t      ${packetLen} straggler bytes`);
}
