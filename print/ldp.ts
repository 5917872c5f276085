// LDP (RFC 5036; RFC 4447/4906 pseudowire FECs, RFC 3478 fault tolerance, RFC 3988 MTU, RFC
// 5918 typed wildcard, RFC 7552 dual stack) as tcpdump 4.99 prints it (print-ldp.c): the PDU
// header alone without -v; with -v each message and its TLVs; with -vv each message in hex.

import { AF, PW_TYPE } from "./_l2vpn_text.ts";
import { bits, type Ctx, hex, printn, tok, Truncated } from "./_ctx.ts";
import { formatIpv4, formatIpv6 } from "../address.ts";

const MSG: Record<number, string> = {
  0x0001: "Notification",
  0x0100: "Hello",
  0x0200: "Initialization",
  0x0201: "Keepalive",
  0x0300: "Address",
  0x0301: "Address Withdraw",
  0x0400: "Label Mapping",
  0x0401: "Label Request",
  0x0402: "Label Withdraw",
  0x0403: "Label Release",
  0x0404: "Label Abort Request",
};
const TLV: Record<number, string> = {
  0x0100: "FEC",
  0x0101: "Address List",
  0x0103: "Hop Count",
  0x0104: "Path Vector",
  0x0200: "Generic Label",
  0x0201: "ATM Label",
  0x0202: "Frame-Relay Label",
  0x0300: "Status",
  0x0301: "Extended Status",
  0x0302: "Returned PDU",
  0x0303: "Returned Message",
  0x0400: "Common Hello Parameters",
  0x0401: "IPv4 Transport Address",
  0x0402: "Configuration Sequence Number",
  0x0403: "IPv6 Transport Address",
  0x0500: "Common Session Parameters",
  0x0501: "ATM Session Parameters",
  0x0502: "Frame-Relay Session Parameters",
  0x0503: "Fault-Tolerant Session Parameters",
  0x0600: "Label Request Message ID",
  0x0601: "MTU",
};
const FEC: Record<number, string> = {
  0x01: "Wildcard",
  0x02: "Prefix",
  0x03: "Host address",
  0x80: "Martini VC",
};
const IFPARM: Record<number, string> = { 0x01: "MTU", 0x03: "Description", 0x0c: "VCCV" };
const VCCV_CC = [[0x01, "PWE3 control word"], [0x02, "MPLS Router Alert Label"], [
  0x04,
  "MPLS inner label TTL = 1",
]] as const;
const VCCV_CV = [[0x01, "ICMP Ping"], [0x02, "LSP Ping"], [0x04, "BFD"]] as const;
/** The message types whose TLVs tcpdump decodes (the others print in hex). */
const TLV_MSGS = new Set([0x0001, 0x0100, 0x0200, 0x0201, 0x0300, 0x0301, 0x0400, 0x0402]);

/** ldp_print(): the LDP PDUs in `len` bytes at `p` (UDP or TCP port 646). */
export function ldpPrint(c: Ctx, p: number, len: number): void {
  c.proto = "ldp";
  while (len > 18) {
    const processed = pdu(c, p);
    if (processed === 0) return;
    if (len < processed) {
      c.print(` [remaining length ${len} < ${processed}]`);
      c.print(" (invalid)");
      return;
    }
    len -= processed;
    p += processed;
  }
}

/** ldp_pdu_print(): one PDU; its length, or 0 to stop. */
function pdu(c: Ctx, p: number): number {
  c.tcheck(p, 10);
  const nl = c.f.v < 1 ? "" : "\n\t";
  const version = c.u16(p);
  if (version !== 1) {
    c.print(`${nl}LDP version ${version} packet not supported`);
    return 0;
  }
  const pduLen = c.u16(p + 2);
  if (pduLen < 6) {
    c.print(`${nl}LDP, pdu-length: ${pduLen} (too short, < 6)`);
    return 0;
  }
  c.print(`${nl}LDP, Label-Space-ID: ${c.ip4(p + 4)}:${c.u16(p + 8)}, pdu-length: ${pduLen}`);
  if (c.f.v < 1) return 0;
  let t = p + 10, tlen = pduLen - 6;
  while (tlen !== 0) {
    c.tcheck(t, 8);
    const msgLen = c.u16(t + 2), type = c.u16(t) & 0x7fff;
    const name = tok(MSG, "Unknown", type);
    if (msgLen < 4) {
      c.print(`\n\t  ${name} Message (0x${hex(type)}), length: ${msgLen} (too short, < 4)`);
      return 0;
    }
    c.print(
      `\n\t  ${name} Message (0x${hex(type)}), length: ${msgLen}, Message ID: 0x${
        hex(c.u32(t + 4), 8)
      }, Flags: [${c.u16(t) & 0x8000 ? "continue processing" : "ignore"} if unknown]`,
    );
    let mp = t + 8, mlen = msgLen - 4;
    c.tcheck(t, msgLen);
    if (TLV_MSGS.has(type)) {
      while (mlen >= 4) {
        const n = tlvPrint(c, mp, mlen);
        if (n === 0) break;
        mlen -= n;
        mp += n;
      }
    } else if (c.f.v <= 1) c.hexData(mp, "\n\t  ", mlen);
    if (c.f.v > 1) c.hexData(t + 8, "\n\t  ", msgLen);
    t += msgLen + 4;
    tlen = (tlen - (msgLen + 4)) & 0xffff;
  }
  return pduLen + 4;
}

/** decode_prefix4/6(): the text, or -1 (bad prefix length) / -2 (past the item). */
function prefix(c: Ctx, p: number, itemLen: number, v6: boolean): string | -1 | -2 {
  if (itemLen < 1) return -2;
  const plen = c.u8(p), max = v6 ? 128 : 32;
  if (plen > max) return -1;
  const n = (plen + 7) >> 3;
  if (itemLen - 1 < n) return -2;
  c.need(p + 1, n);
  const a = new Uint8Array(v6 ? 16 : 4);
  a.set(c.b.subarray(p + 1, p + 1 + n));
  if (plen % 8) a[n - 1] = a[n - 1]! & ((0xff00 >> (plen % 8)) & 0xff);
  return `${v6 ? formatIpv6(a, 0) : formatIpv4(a, 0)}/${plen}`;
}

/** ldp_tlv_print(): one TLV within `msgLen` bytes of its message; its length, or 0 to stop. */
function tlvPrint(c: Ctx, p: number, msgLen: number): number {
  c.tcheck(p, 4);
  const tlvLen = c.u16(p + 2);
  if (tlvLen + 4 > msgLen) {
    c.print("\n\t\t TLV contents go past end of message");
    return 0;
  }
  const raw = c.u16(p), type = raw & 0x3fff;
  c.print(
    `\n\t    ${tok(TLV, "Unknown", type)} TLV (0x${hex(type)}), length: ${tlvLen}, Flags: [${
      raw & 0x8000 ? "continue processing" : "ignore"
    } and ${raw & 0x4000 ? "do" : "don't"} forward if unknown]`,
  );
  const done = tlvLen + 4;
  let t = p + 4, left = tlvLen;
  /** ND_ICHECKMSG_U("tlv length", left, <, min): too short prints and skips the TLV. */
  const short = (min: number) => {
    if (left >= min) return false;
    c.print(` [tlv length ${left} < ${min}]`);
    c.print(" (invalid)");
    return true;
  };
  switch (type) {
    case 0x0400:
      if (short(4)) return done;
      c.print(
        `\n\t      Hold Time: ${c.u16(t)}s, Flags: [${
          c.u16(t + 2) & 0x8000 ? "Targeted" : "Link"
        } Hello${c.u16(t + 2) & 0x4000 ? ", Request for targeted Hellos" : ""}]`,
      );
      break;
    case 0x0401:
      if (short(4)) return done;
      c.print(`\n\t      IPv4 Transport Address: ${c.ip4(t)}`);
      break;
    case 0x0403:
      if (short(16)) return done;
      c.print(`\n\t      IPv6 Transport Address: ${c.ip6(t)}`);
      break;
    case 0x0402:
      if (short(4)) return done;
      c.print(`\n\t      Sequence Number: ${c.u32(t)}`);
      break;
    case 0x0101: {
      if (short(2)) return done;
      const af = c.u16(t);
      t += 2;
      left -= 2;
      c.print(`\n\t      Address Family: ${tok(AF, "Unknown (%u)", af)}, addresses`);
      const size = af === 1 ? 4 : af === 2 ? 16 : 0;
      while (size && left >= size) {
        c.print(` ${size === 4 ? c.ip4(t) : c.ip6(t)}`);
        left -= size;
        t += size;
      }
      break;
    }
    case 0x0500:
      if (short(8)) return done;
      c.print(
        `\n\t      Version: ${c.u16(t)}, Keepalive: ${c.u16(t + 2)}s, Flags: [Downstream ${
          c.u16(t + 6) & 0x8000 ? "On Demand" : "Unsolicited"
        }, Loop Detection ${c.u16(t + 6) & 0x4000 ? "Enabled" : "Disabled"}]`,
      );
      break;
    case 0x0100:
      if (short(1)) return done;
      return fec(c, t, left, done);
    case 0x0200:
      if (short(4)) return done;
      c.print(`\n\t      Label: ${c.u32(t) & 0xfffff}`);
      break;
    case 0x0300: {
      if (short(8)) return done;
      const code = c.u32(t);
      c.print(
        `\n\t      Status: 0x${hex(code & 0x3fffffff, 2)}, Flags: [${
          code & 0x80000000 ? "Fatal error" : "Advisory Notification"
        } and ${code & 0x40000000 ? "do" : "don't"} forward]`,
      );
      const id = c.u32(t + 4);
      if (id) c.print(`, causing Message ID: 0x${hex(id, 8)}`);
      break;
    }
    case 0x0503: {
      if (short(12)) return done;
      const f = c.u16(t);
      c.print(
        `\n\t      Flags: [${f & 0x8000 ? "" : "No "}Reconnect, ${
          f & 0x8 ? "" : "Don't "
        }Save State, ${f & 0x4 ? "" : "No "}All-Label Protection, ${
          f & 0x2 ? "Sequence Numbered Label" : "All Labels"
        } Checkpoint, ${f & 0x1 ? "" : "Don't "}Re-Learn State]`,
      );
      const reconnect = c.u32(t + 4), recovery = c.u32(t + 8);
      if (reconnect) c.print(`, Reconnect Timeout: ${reconnect}ms`);
      if (recovery) c.print(`, Recovery Time: ${recovery}ms`);
      break;
    }
    case 0x0601:
      if (short(2)) return done;
      c.print(`\n\t      MTU: ${c.u16(t)}`);
      break;
    default:
      if (c.f.v <= 1) c.hexData(t, "\n\t      ", left);
  }
  return done;
}

/** The FEC TLV's first element (tcpdump decodes only the first). */
function fec(c: Ctx, t: number, left: number, done: number): number {
  const type = c.u8(t);
  c.print(`\n\t      ${tok(FEC, "Unknown", type)} FEC (0x${hex(type, 2)})`);
  t += 1;
  left -= 1;
  const short = (min: number) => {
    if (left >= min) return false;
    c.print(` [tlv length ${left} < ${min}]`);
    c.print(" (invalid)");
    return true;
  };
  if (type === 0x02) {
    if (short(2)) return done;
    const af = c.u16(t);
    t += 2;
    left -= 2;
    if (af === 1 || af === 2) {
      const v6 = af === 2, r = prefix(c, t, left, v6);
      if (r === -2) throw new Truncated();
      if (r === -1) c.print(`: IPv${v6 ? 6 : 4} prefix (invalid length)`);
      else c.print(`: IPv${v6 ? 6 : 4} prefix ${r}`);
    } else c.print(`: Address family ${af} prefix`);
  } else if (type === 0x80) {
    if (short(7)) return done;
    const pw = c.u16(t), infoLen = c.u8(t + 2);
    const head = `: ${tok(PW_TYPE, "Unknown", pw & 0x7fff)}, ${
      pw & 0x8000 ? "" : "no "
    }control word`;
    if (infoLen === 0) {
      c.print(`${head}, group-ID ${c.u32(t + 3)}, VC-info-length: ${infoLen}`);
      return done;
    }
    if (short(11)) return done;
    c.print(`${head}, group-ID ${c.u32(t + 3)}, VC-ID ${c.u32(t + 7)}, VC-info-length: ${infoLen}`);
    if (infoLen < 4) {
      c.print(" (invalid, < 4");
      return done;
    }
    let vlen = infoLen - 4;
    t += 11;
    left -= 11;
    if (short(vlen)) return done;
    while (vlen > 2) {
      const ptype = c.u8(t), plen = c.u8(t + 1);
      if (plen < 2 || vlen < plen) break;
      c.print(
        `\n\t\tInterface Parameter: ${tok(IFPARM, "Unknown", ptype)} (0x${
          hex(ptype, 2)
        }), len ${plen}`,
      );
      if (ptype === 0x01) c.print(`: ${c.u16(t + 2)}`);
      else if (ptype === 0x03) c.print(`: ${printn(c, t + 2, plen - 2)}`);
      else if (ptype === 0x0c) {
        const cc = c.u8(t + 2), cv = c.u8(t + 3);
        c.print(`\n\t\t  Control Channels (0x${hex(cc, 2)}) = [${bits(VCCV_CC, "none", cc)}]`);
        c.print(`\n\t\t  CV Types (0x${hex(cv, 2)}) = [${bits(VCCV_CV, "none", cv)}]`);
      } else c.hexData(t + 2, "\n\t\t  ", plen - 2);
      vlen -= plen;
      t += plen;
    }
  }
  return done;
}
