// PPP and Cisco HDLC as tcpdump 4.99 prints them: print-ppp.c (ppp_if_print, ppp_hdlc_if_print,
// handle_ppp with the control protocols LCP/IPCP/IP6CP, PAP, CHAP, MLPPP) and print-chdlc.c
// (chdlc_print with SLARP).

import { type Ctx, hex, tok, Truncated } from "./_ctx.ts";
import { ETHERTYPE_NAMES } from "../protocols.ts";

/** ppptype2str of print-ppp.c. */
const PPP_TYPE: Record<number, string> = {
  0x0021: "IP",
  0x0023: "OSI",
  0x0025: "NS",
  0x0027: "DECNET",
  0x0029: "APPLE",
  0x002b: "IPX",
  0x002d: "VJC IP",
  0x002f: "VJNC IP",
  0x0031: "BRPDU",
  0x0033: "STII",
  0x0035: "VINES",
  0x0281: "MPLS",
  0x0283: "MPLS",
  0x00fd: "Compressed",
  0x003d: "MLPPP",
  0x0057: "IP6",
  0x0201: "HELLO",
  0x0231: "LUXCOM",
  0x0233: "SNS",
  0x8021: "IPCP",
  0x8023: "OSICP",
  0x8025: "NSCP",
  0x8027: "DECNETCP",
  0x8029: "APPLECP",
  0x802b: "IPXCP",
  0x8033: "STIICP",
  0x8035: "VINESCP",
  0x8057: "IP6CP",
  0x8281: "MPLSCP",
  0xc021: "LCP",
  0xc023: "PAP",
  0xc025: "LQM",
  0xc223: "CHAP",
  0xc227: "EAP",
  0xc027: "SPAP",
  0xc123: "Old-SPAP",
  0xc02b: "BACP",
  0xc02d: "BAP",
  0x803d: "MLPPP-CP",
  0x80fd: "CCP",
};

const CP_CODE: Record<number, string> = {
  0: "Vendor-Extension",
  1: "Conf-Request",
  2: "Conf-Ack",
  3: "Conf-Nack",
  4: "Conf-Reject",
  5: "Term-Request",
  6: "Term-Ack",
  7: "Code-Reject",
  8: "Prot-Reject",
  9: "Echo-Request",
  10: "Echo-Reply",
  11: "Disc-Req",
  12: "Ident",
  13: "Time-Rem",
  14: "Reset-Req",
  15: "Reset-Ack",
};

const LCP_OPT = [
  "Vend-Ext",
  "MRU",
  "ACCM",
  "Auth-Prot",
  "Qual-Prot",
  "Magic-Num",
  "deprecated(6)",
  "PFC",
  "ACFC",
  "FCS-Alt",
  "SDP",
  "Num-Mode",
  "deprecated(12)",
  "Call-Back",
  "deprecated(14)",
  "deprecated(15)",
  "deprecated(16)",
  "MRRU",
  "12-Bit seq #",
  "End-Disc",
  "Proprietary",
  "DCE-Id",
  "MP+",
  "Link-Disc",
  "LCP-Auth-Opt",
  "COBS",
  "Prefix-elision",
  "Multilink-header-Form",
  "I18N",
  "SDL-over-SONET/SDH",
  "PPP-Muxing",
];
const IPCP_OPT: Record<number, string> = {
  1: "IP-Addrs",
  2: "IP-Comp",
  3: "IP-Addr",
  4: "Home-Addr",
  129: "Pri-DNS",
  130: "Pri-NBNS",
  131: "Sec-DNS",
  132: "Sec-NBNS",
};
const AUTH_ALG: Record<number, string> = { 5: "MD5", 128: "MS-CHAPv1", 129: "MS-CHAPv2" };
const CALLBACK: Record<number, string> = {
  0: "UserAuth",
  1: "DialString",
  2: "LocalID",
  3: "E.164",
  4: "X.500",
  6: "CBCP",
};
const CHAP_CODE: Record<number, string> = {
  1: "Challenge",
  2: "Response",
  3: "Success",
  4: "Fail",
};
const PAP_CODE: Record<number, string> = { 1: "Auth-Req", 2: "Auth-ACK", 3: "Auth-NACK" };

/** print_unknown_data(): hex words of what was captured of `len` bytes. */
function unknownData(c: Ctx, off: number, indent: string, len: number): void {
  c.hexData(off, indent, len);
}

/** fn_print_char() of `n` bytes a character at a time: a cut shows the captured part first. */
function fnCharsOut(c: Ctx, off: number, n: number): void {
  for (let i = 0; i < n; i++) c.print(fnChars(c, off + i, 1));
}

/** fn_print_char(): a byte as tcpdump prints it in a name (M- and ^ escapes). */
function fnChars(c: Ctx, off: number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) {
    let ch = c.u8(off + i);
    if (ch & 0x80) {
      s += "M-";
      ch &= 0x7f;
    }
    s += ch < 0x20 || ch === 0x7f ? "^" + String.fromCharCode(ch ^ 0x40) : String.fromCharCode(ch);
  }
  return s;
}

/** handle_ctrl_proto(): LCP, IPCP, IP6CP and the other control protocols of RFC 1661. */
function ctrlProto(c: Ctx, proto: number, pptr: number, length: number): void {
  const typestr = tok(PPP_TYPE, "unknown ctrl-proto (0x%04x)", proto);
  c.print(`${typestr}, `);
  if (length < 4) {
    c.print(`[|${typestr}]`);
    return;
  }
  // ND_TCHECK_2 goes to handle_ctrl_proto()'s own trunc label
  if (!c.has(pptr, 2)) return c.print(`[|${typestr}]`);
  const code = c.u8(pptr);
  c.print(
    `${tok(CP_CODE, "Unknown Opcode", code)} (0x${hex(code, 2)}), id ${c.u8(pptr + 1)}, length ${
      length + 2
    }`,
  );
  if (!c.f.v) return;
  let tptr = pptr + 2;
  const len = c.u16(tptr);
  tptr += 2;
  if (len < 4) {
    c.print(`\n\tencoded length ${len} (< 4))`);
    return;
  }
  if (len > length) {
    c.print(`\n\tencoded length ${len} (> packet length ${length}))`);
    return;
  }
  length = len;
  c.print(`\n\tencoded length ${len} (=Option(s) length ${len - 4})`);
  if (length === 4) return;
  if (c.f.v > 1) unknownData(c, pptr - 2, "\n\t", 6);
  switch (code) {
    case 0:
      if (length < 11) break;
      c.print(`\n\t  Magic-Num 0x${hex(c.u32(tptr), 8)}`);
      tptr += 4;
      c.print(` Vendor: Unknown (${(c.u8(tptr) << 16) | c.u16(tptr + 1)})`);
      break;
    case 1:
    case 2:
    case 3:
    case 4: {
      const pfunc = proto === 0xc021
        ? lcpOption
        : proto === 0x8021
        ? ipcpOption
        : proto === 0x8057
        ? ip6cpOption
        : undefined;
      if (!pfunc) break;
      let tlen = len - 4;
      do {
        const advance = pfunc(c, tptr, len);
        if (advance === 0) break;
        if (tlen < advance) {
          c.print(` [remaining options length ${tlen} < ${advance}] (invalid)`);
          break;
        }
        tlen -= advance;
        tptr += advance;
      } while (tlen !== 0);
      break;
    }
    case 8:
      if (length < 6) break;
      c.print(
        `\n\t  Rejected ${tok(PPP_TYPE, "unknown", c.u16(tptr))} Protocol (0x${hex(c.u16(tptr))})`,
      );
      if (len > 6) {
        c.print("\n\t  Rejected Packet");
        unknownData(c, tptr + 2, "\n\t    ", len - 2);
      }
      break;
    case 9:
    case 10:
    case 11:
      if (length < 8) break;
      c.print(`\n\t  Magic-Num 0x${hex(c.u32(tptr), 8)}`);
      if (len > 8) {
        c.print("\n\t  -----trailing data-----");
        c.tcheck(tptr + 4, len - 8);
        unknownData(c, tptr + 4, "\n\t  ", len - 8);
      }
      break;
    case 12:
      if (length < 8) break;
      c.print(`\n\t  Magic-Num 0x${hex(c.u32(tptr), 8)}`);
      if (len > 8) {
        c.print("\n\t  Message\n\t    ");
        c.print(fnChars(c, tptr + 4, len - 4));
      }
      break;
    case 13:
      if (length < 12) break;
      c.print(`\n\t  Magic-Num 0x${hex(c.u32(tptr), 8)}`);
      c.print(`, Seconds-Remaining ${c.u32(tptr + 4)}s`);
      break;
    case 5:
    case 6:
    case 7:
      break;
    default:
      if (c.f.v <= 1) unknownData(c, pptr - 2, "\n\t  ", length + 2);
  }
}

/** print_lcp_config_options(); the option's length, 0 to stop. */
function lcpOption(c: Ctx, p: number, length: number): number {
  if (length < 2) return 0;
  if (!c.has(p, 2)) {
    c.print("[|lcp]"); // the options printer's own trunc label
    return 0;
  }
  const opt = c.u8(p), len = c.u8(p + 1);
  if (length < len) return 0;
  const name = LCP_OPT[opt];
  if (len < 2) {
    if (name !== undefined) {
      c.print(
        `\n\t  ${name} Option (0x${hex(opt, 2)}), length ${len} (length bogus, should be >= 2)`,
      );
    } else c.print(`\n\tunknown LCP option 0x${hex(opt, 2)}`);
    return 0;
  }
  if (name === undefined) {
    c.print(`\n\tunknown LCP option 0x${hex(opt, 2)}`);
    return len;
  }
  c.print(`\n\t  ${name} Option (0x${hex(opt, 2)}), length ${len}`);
  const bogus = (what: string, ret: number) => {
    c.print(` (length bogus, should be ${what})`);
    return ret;
  };
  switch (opt) {
    case 0:
      if (len < 6) return bogus(">= 6", len);
      c.print(`: Vendor: Unknown (${(c.u8(p + 2) << 16) | c.u16(p + 3)})`);
      break;
    case 1:
      if (len !== 4) return bogus("= 4", len);
      c.print(`: ${c.u16(p + 2)}`);
      break;
    case 2:
      if (len !== 6) return bogus("= 6", len);
      c.print(`: 0x${hex(c.u32(p + 2), 8)}`);
      break;
    case 3: {
      if (len < 4) return bogus(">= 4", len);
      const ap = c.u16(p + 2);
      c.print(`: ${tok(PPP_TYPE, "Unknown Auth Proto (0x04x)", ap)}`);
      if (ap === 0xc223) c.print(`, ${tok(AUTH_ALG, "Unknown Auth Alg %u", c.u8(p + 4))}`);
      else if (ap !== 0xc023 && ap !== 0xc227 && ap !== 0xc027 && ap !== 0xc123) {
        unknownData(c, p, "\n\t", len);
      }
      break;
    }
    case 4:
      if (len < 4) return bogus(">= 4", 0);
      c.print(c.u16(p + 2) === 0xc025 ? ": LQR" : ": unknown");
      break;
    case 5:
      if (len !== 6) return bogus("= 6", 0);
      c.print(`: 0x${hex(c.u32(p + 2), 8)}`);
      break;
    case 7:
    case 8:
      break;
    case 23:
      if (len !== 4) return bogus("= 4", 0);
      c.print(`: 0x${hex(c.u16(p + 2))}`);
      break;
    case 13:
      if (len < 3) return bogus(">= 3", 0);
      // 4.99's format string repeats the separator
      c.print(`: : Callback Operation ${tok(CALLBACK, "Unknown", c.u8(p + 2))} (${c.u8(p + 2)})`);
      break;
    case 17:
      if (len !== 4) return bogus("= 4", 0);
      c.print(`: ${c.u16(p + 2)}`);
      break;
    case 19: {
      if (len < 3) return bogus(">= 3", 0);
      const cls = c.u8(p + 2);
      if (cls === 0) c.print(": Null");
      else if (cls === 1) c.print(": Local");
      else if (cls === 2) {
        if (len !== 7) return bogus("= 7", 0);
        c.print(`: IPv4 ${c.ip4(p + 3)}`);
      } else if (cls === 3) {
        if (len !== 9) return bogus("= 9", 0);
        c.print(`: MAC ${c.mac(p + 3)}`);
      } else if (cls === 4) c.print(": Magic-Num-Block");
      else if (cls === 5) c.print(": PSNDN");
      else c.print(`: Unknown class ${cls}`);
      break;
    }
    default:
      if (c.f.v < 2) unknownData(c, p + 2, "\n\t    ", len - 2);
  }
  if (c.f.v > 1) unknownData(c, p + 2, "\n\t    ", len - 2);
  return len;
}

/** print_ipcp_config_options() (IP-Comp parameters are not decoded). */
function ipcpOption(c: Ctx, p: number, length: number): number {
  if (length < 2) return 0;
  if (!c.has(p, 2)) {
    c.print("[|ipcp]"); // the options printer's own trunc label
    return 0;
  }
  const opt = c.u8(p), len = c.u8(p + 1);
  if (length < len) return 0;
  const name = tok(IPCP_OPT, "unknown", opt);
  if (len < 2) {
    c.print(
      `\n\t  ${name} Option (0x${hex(opt, 2)}), length ${len} (length bogus, should be >= 2)`,
    );
    return 0;
  }
  c.print(`\n\t  ${name} Option (0x${hex(opt, 2)}), length ${len}`);
  switch (opt) {
    case 1:
      if (len !== 10) {
        c.print(" (length bogus, should be = 10)");
        return len;
      }
      c.print(`: src ${c.ip4(p + 2)}, dst ${c.ip4(p + 6)}`);
      break;
    case 3:
    case 4:
    case 129:
    case 130:
    case 131:
    case 132:
      if (len !== 6) {
        c.print(" (length bogus, should be = 6)");
        return 0;
      }
      c.print(`: ${c.ip4(p + 2)}`);
      break;
    case 2: {
      if (len < 4) {
        c.print(" (length bogus, should be >= 4)");
        return 0;
      }
      const cp = c.u16(p + 2);
      c.print(
        `: ${cp === 0x2d ? "VJ-Comp" : cp === 0x61 ? "IP Header Compression" : "Unknown"} (0x${
          hex(cp, 2)
        }):`,
      );
      break;
    }
    default:
      if (c.f.v < 2) unknownData(c, p + 2, "\n\t    ", len - 2);
  }
  if (c.f.v > 1) unknownData(c, p + 2, "\n\t    ", len - 2);
  return len;
}

/** print_ip6cp_config_options(). */
function ip6cpOption(c: Ctx, p: number, length: number): number {
  if (length < 2) return 0;
  if (!c.has(p, 2)) {
    c.print("[|ip6cp]"); // the options printer's own trunc label
    return 0;
  }
  const opt = c.u8(p), len = c.u8(p + 1);
  if (length < len) return 0;
  const name = opt === 1 ? "Interface-ID" : "unknown";
  if (len < 2) {
    c.print(
      `\n\t  ${name} Option (0x${hex(opt, 2)}), length ${len} (length bogus, should be >= 2)`,
    );
    return 0;
  }
  c.print(`\n\t  ${name} Option (0x${hex(opt, 2)}), length ${len}`);
  if (opt === 1) {
    if (len !== 10) {
      c.print(" (length bogus, should be = 10)");
      return len;
    }
    c.tcheck(p + 2, 8);
    c.print(
      `: ${hex(c.u16(p + 2))}:${hex(c.u16(p + 4))}:${hex(c.u16(p + 6))}:${hex(c.u16(p + 8))}`,
    );
  } else if (c.f.v < 2) unknownData(c, p + 2, "\n\t    ", len - 2);
  if (c.f.v > 1) unknownData(c, p + 2, "\n\t    ", len - 2);
  return len;
}

/** handle_chap(). */
function chap(c: Ctx, p: number, length: number): void {
  const p0 = p;
  if (length < 1) return c.print("[|chap]");
  if (length < 4) return c.print(`[|chap 0x${hex(c.u8(p), 2)}]`);
  const code = c.u8(p);
  c.print(`CHAP, ${tok(CHAP_CODE, "unknown", code)} (0x${hex(code, 2)})`);
  c.print(`, id ${c.u8(p + 1)}`);
  const len = c.u16(p + 2);
  p += 4;
  if (code === 1 || code === 2) {
    if (length - (p - p0) < 1) return;
    const vs = c.u8(p++);
    if (length - (p - p0) < vs) return;
    c.print(", Value ");
    for (let i = 0; i < vs; i++) c.print(hex(c.u8(p++), 2));
    c.print(", Name ");
    fnCharsOut(c, p, len - (p - p0));
  } else if (code === 3 || code === 4) {
    c.print(", Msg ");
    fnCharsOut(c, p, len - (p - p0));
  }
}

/** handle_pap() (RFC 1334). */
function pap(c: Ctx, p: number, length: number): void {
  const p0 = p;
  if (length < 1) return c.print("[|pap]");
  if (length < 4) return c.print(`[|pap 0x${hex(c.u8(p), 2)}]`);
  const code = c.u8(p);
  c.print(`PAP, ${tok(PAP_CODE, "unknown", code)} (0x${hex(code, 2)})`);
  c.print(`, id ${c.u8(p + 1)}`);
  const len = c.u16(p + 2);
  p += 4;
  if (len > length) return c.print(`, length ${len} > packet size`);
  length = len;
  if (length < p - p0) return c.print(`, length ${length} < PAP header length`);
  if (code === 1) {
    if (len < 6) return c.print("[|pap]");
    if (length - (p - p0) < 1) return;
    const peer = c.u8(p++);
    if (length - (p - p0) < peer) return;
    c.print(", Peer ");
    fnCharsOut(c, p, peer);
    p += peer;
    if (length - (p - p0) < 1) return;
    const pw = c.u8(p++);
    if (length - (p - p0) < pw) return;
    c.print(", Name ");
    fnCharsOut(c, p, pw);
  } else if (code === 2 || code === 3) {
    if (len < 5) return c.print("[|pap]");
    if (length - (p - p0) < 1) return;
    const ml = c.u8(p++);
    if (length - (p - p0) < ml) return;
    c.print(", Msg ");
    fnCharsOut(c, p, ml);
  }
}

/** handle_ppp(): the protocol a PPP frame carries. */
export function handlePpp(c: Ctx, proto: number, p: number, length: number): void {
  switch (proto) {
    case 0xc021:
    case 0x8021:
    case 0x8023:
    case 0x8281:
    case 0x8057:
    case 0x80fd:
    case 0xc02b:
      return ctrlProto(c, proto, p, length);
    case 0x003d:
      if (!c.f.e) c.print("MLPPP, ");
      if (length < 2 || !c.has(p, 2)) return c.print("[|mlppp]");
      c.print(
        `seq 0x${hex(c.u16(p) & 0x0fff, 3)}, Flags [${
          ["none", "end", "begin", "begin, end"][(c.u8(p) & 0xc0) >> 6]
        }], length ${length}`,
      );
      return;
    case 0xc223:
      return chap(c, p, length);
    case 0xc023:
      return pap(c, p, length);
    case 0xc02d:
      return;
    case 0x0800:
    case 0x002f:
    case 0x0021:
      return c.d.ip(c, p, length);
    case 0x86dd:
    case 0x0057:
      return c.d.ip6(c, p, length);
    case 0x0281:
    case 0x0283:
      return c.d.mpls(c, p, length);
    case 0x00fd:
      c.print("compressed PPP data");
      return;
    case 0x0023:
      return c.d.isoclns(c, p, length);
    default:
      c.print(`${tok(PPP_TYPE, "unknown PPP protocol (0x%04x)", proto)} `);
      unknownData(c, p, "\n\t", length);
  }
}

/** ppp_print() at `off`: address/control when present, the (compressed) protocol, the payload. */
export function pppPrint(c: Ctx, off: number, length: number): number {
  c.proto = "ppp";
  const olen = length;
  let hdrLen = 0, p = off;
  if (length < 2) {
    c.trunc();
    return 0;
  }
  const header = c.u16(p);
  if (header === 0x0003 || header === 0x0103 || header === 0xff03) {
    if (c.f.e && header === 0x0003) c.print("In  ");
    if (c.f.e && header === 0x0103) c.print("Out ");
    p += 2, length -= 2, hdrLen += 2;
  }
  if (length < 2) {
    c.trunc();
    return 0;
  }
  let proto: number;
  if (c.u8(p) % 2) {
    proto = c.u8(p);
    p++, length--, hdrLen++;
  } else {
    proto = c.u16(p);
    p += 2, length -= 2, hdrLen += 2;
  }
  if (c.f.e) {
    const typestr = PPP_TYPE[proto];
    c.print(`${typestr ?? "unknown"} (0x${hex(proto)}), length ${olen}`);
    if (typestr === undefined) return hdrLen;
    c.print(": ");
  }
  handlePpp(c, proto, p, length);
  return hdrLen;
}

/** ppp_if_print() (LINKTYPE_PPP, LINKTYPE_PPP_PPPD). */
export function pppIfPrint(c: Ctx, wireLen: number): number {
  c.proto = "ppp";
  if (c.end < 4) {
    c.trunc();
    return c.end;
  }
  c.llHdrLen = 4;
  pppPrint(c, 0, wireLen);
  return 4;
}

/** ppp_hdlc_if_print() (LINKTYPE_PPP_HDLC): PPP in HDLC-like framing, or Cisco HDLC. */
export function pppHdlcIfPrint(c: Ctx, wireLen: number): number {
  c.proto = "ppp_hdlc";
  if (c.end < 2) {
    c.trunc();
    return c.end;
  }
  const addr = c.u8(0);
  if (addr === 0x0f || addr === 0x8f) return chdlcPrint(c, 0, wireLen);
  if (c.end < 4) {
    c.trunc();
    return c.end;
  }
  if (c.f.e) c.print(`${hex(c.u8(0), 2)} ${hex(c.u8(1), 2)} ${wireLen} `);
  if (addr !== 0xff) {
    c.print(`unknown addr ${hex(c.u8(2), 2)}; ctrl ${hex(c.u8(3), 2)}`);
    return 2;
  }
  const proto = c.u16(2);
  c.print(`${tok(PPP_TYPE, "unknown PPP protocol (0x%04x)", proto)}: `);
  c.llHdrLen = 4;
  handlePpp(c, proto, 4, wireLen - 4);
  return 4;
}

/** chdlc_print() (LINKTYPE_C_HDLC): address, control, an EtherType. */
export function chdlcPrint(c: Ctx, off: number, length: number): number {
  c.proto = "chdlc";
  if (length < 4) {
    c.trunc();
    return Math.max(0, c.end - off);
  }
  const proto = c.u16(off + 2);
  if (c.f.e) {
    const a = c.u8(off);
    c.print(
      `${a === 0x0f ? "unicast" : a === 0x8f ? "bcast" : `0x${hex(a, 2)}`}, ethertype ${
        ETHERTYPE_NAMES[proto] ?? "Unknown"
      } (0x${hex(proto)}), length ${length}: `,
    );
  }
  c.llHdrLen = off + 4;
  const p = off + 4;
  length -= 4;
  switch (proto) {
    case 0x0800:
      c.d.ip(c, p, length);
      break;
    case 0x86dd:
      c.d.ip6(c, p, length);
      break;
    case 0x8035:
      slarp(c, p, length);
      break;
    case 0x8847:
    case 0x8848:
      c.d.mpls(c, p, length);
      break;
    case 0xfefe: {
      // an optional "fudge" byte before the NLPID
      if (length < 2) throw new Truncated(true);
      const n = c.u8(p + 1);
      if (n === 0x81 || n === 0x82 || n === 0x83) c.d.isoclns(c, p + 1, length - 1);
      else c.d.isoclns(c, p, length);
      break;
    }
    default:
      if (!c.f.e) c.print(`unknown CHDLC protocol (0x${hex(proto)})`);
  }
  return 4;
}

/** chdlc_slarp_print(): Cisco's serial-line address resolution and keepalives. */
function slarp(c: Ctx, at: number, length: number): void {
  let cp = at;
  c.proto = "chdlc_slarp";
  c.print(`SLARP (length: ${length}), `);
  if (length < 14) return c.trunc();
  c.tcheck(cp, 14);
  const code = c.u32(cp);
  switch (code) {
    case 0:
      c.print("request");
      break;
    case 1:
      c.print(`reply ${c.ip4(cp + 4)}/${c.ip4(cp + 8)}`);
      break;
    case 2: {
      c.print(
        `keepalive: mineseen=0x${hex(c.u32(cp + 4), 8)}, yourseen=0x${
          hex(c.u32(cp + 8), 8)
        }, reliability=0x${hex(c.u16(cp + 12))}`,
      );
      if (length >= 18) {
        cp += 14; // as print-chdlc.c does: the -vv dump below then starts past the uptime
        let sec = Math.floor(c.u32(cp) / 1000);
        let min = Math.floor(sec / 60);
        sec -= min * 60;
        let hrs = Math.floor(min / 60);
        min -= hrs * 60;
        const days = Math.floor(hrs / 24);
        hrs -= days * 24;
        c.print(`, link uptime=${days}d${hrs}h${min}m${sec}s`);
      }
      break;
    }
    default:
      c.print(`0x${hex(code, 2)} unknown`);
      if (c.f.v <= 1) unknownData(c, cp + 4, "\n\t", length - 4);
  }
  if (18 < length && c.f.v) c.print(`, (trailing junk: ${length - 18} bytes)`);
  if (c.f.v > 1) unknownData(c, cp + 4, "\n\t", length - 4);
}
