// The Juniper link types as tcpdump 4.99 prints them (print-juniper.c): the "MGC" header with
// its direction and flags (-e, -vv), the PCAP extension TLVs (-vv), the no-L2 IP guess, a PIC's
// cookie, then the frame: Ethernet (JUNIPER_ETHER), PPP (JUNIPER_PPP), Cisco HDLC
// (JUNIPER_CHDLC), Ethernet carrying PPPoE (JUNIPER_PPPOE), an EtherType (JUNIPER_PPPOE_ATM),
// Q.922 (JUNIPER_FRELAY), or IP after the GGSN, ES, monitor and services PIC headers.

import { bits, type Ctx, hex } from "./_ctx.ts";
import { chdlcPrint } from "./ppp.ts";
import { JUNIPER_ENCAPS, JUNIPER_MEDIA_TYPE } from "./_juniper_text.ts";

const MAGIC = 0x4d4743; // "MGC"
const FLAG_PKT_IN = 0x01, FLAG_NO_L2 = 0x02, FLAG_EXT = 0x80;
const FLAGS: [number, string][] = [
  [0x80, "Ext"],
  [0x40, "Filter"],
  [0x04, "IIF"],
  [0x02, "no-L2"],
  [0x01, "In"],
];
const TLV_NAMES: Record<number, string> = {
  1: "Device Interface Index",
  2: "Device Interface Name",
  3: "Device Media Type",
  4: "Logical Interface Index",
  5: "Logical Unit Number",
  6: "Logical Interface Encapsulation",
  7: "TTP derived Device Media Type",
  8: "TTP derived Logical Interface Encapsulation",
};
const NAMES: Record<number, string> = {
  130: "juniper_mlppp",
  131: "juniper_mlfr",
  134: "juniper_mfr",
  135: "juniper_atm2",
  137: "juniper_atm1",
  132: "juniper_es",
  133: "juniper_ggsn",
  136: "juniper_services",
  164: "juniper_monitor",
  168: "juniper_pppoe_atm",
  180: "juniper_frelay",
  167: "juniper_pppoe",
  178: "juniper_ether",
  179: "juniper_ppp",
  181: "juniper_chdlc",
};
const LS_COOKIE_ID = 0x54, AS_COOKIE_ID = 0x47;

/** A PIC's cookie (juniper_cookie_table): its name and base length. */
interface Pic {
  name: string;
  cookieLen: number;
}

/** What juniper_parse_header() learns (tcpdump's juniper_l2info_t), refilled per packet. */
interface L2Info {
  /** Bytes before the frame (header, extensions, cookie and what the link type adds). */
  headerLen: number;
  /** Wire length after the header. */
  length: number;
  cookieLen: number;
  cookieType: number;
  /** The cookie's first 8 bytes (zero past its length), and its offset in the packet. */
  cookie: number[];
  cookieAt: number;
  bundle: number;
  proto: number;
  direction: number;
}
const info: L2Info = {
  headerLen: 0,
  length: 0,
  cookieLen: 0,
  cookieType: 0,
  cookie: [0, 0, 0, 0, 0, 0, 0, 0],
  cookieAt: 0,
  bundle: 0,
  proto: 0,
  direction: 0,
};

/** juniper_read_tlv_value(): little-endian below type 128, big-endian from it; -1 past 4 bytes. */
function tlvValue(c: Ctx, p: number, type: number, len: number): number {
  if (len < 1 || len > 4) return -1;
  let v = 0;
  for (let i = 0; i < len; i++) {
    const b = c.u8(p + (type < 128 ? len - 1 - i : i));
    v = v * 256 + b;
  }
  return v;
}

const LSQ_PROTO_MASK = 0x170;
const MFR_BE_MASK = 0xc0;

/** The bundle and protocol an AS PIC's (LSQ) cookie carries. */
function lsqCookie(l: L2Info): void {
  l.bundle = (((l.cookie[6]! << 8) | l.cookie[7]!) >> 3) & 0xfff;
  l.proto = l.cookie[5]! & LSQ_PROTO_MASK;
}

/**
 * juniper_parse_header(): prints what it prints and fills `info`; false when the packet ends
 * there (the header length is in `info.headerLen` and `c.llHdrLen`).
 */
function parseHeader(c: Ctx, wireLen: number, linkType: number, pic?: Pic): boolean {
  const l = info;
  l.headerLen = 0, l.cookieLen = 0, l.cookieType = 0, l.bundle = 0, l.proto = 0;
  l.cookie.fill(0);
  c.llHdrLen = 0;
  if (c.end < 4) return headerTrunc(c);
  const flags = c.u8(3);
  l.direction = flags & FLAG_PKT_IN;
  if ((c.u32(0) >>> 8) !== MAGIC) {
    c.print("no magic-number found!");
    return false;
  }
  if (c.f.e) c.print(`${(flags & FLAG_PKT_IN ? "In" : "Out").padStart(3)} `);
  let hlen = 4;
  const vv = c.f.v > 1;
  if (vv) c.print(`\n\tJuniper PCAP Flags [${bits(FLAGS, "none", flags)}]`);
  if (flags & FLAG_EXT) {
    if (!c.has(4, 2)) return headerTrunc(c);
    let extLen = c.u16(4);
    hlen += 2 + extLen;
    if (vv) c.print(`, PCAP Extension(s) total length ${extLen}`);
    if (!c.has(6, extLen)) return headerTrunc(c);
    let p = 6;
    while (extLen > 2) {
      const type = c.u8(p), len = c.u8(p + 1);
      p += 2;
      if (type === 0 || len === 0) break;
      if (len + 2 > extLen) {
        c.print(` [extension_length ${extLen} < ${len + 2}] (invalid)`);
        return false;
      }
      if (vv) {
        c.print(
          `\n\t  ${TLV_NAMES[type] ?? "Unknown"} Extension TLV #${type}, length ${len}, value `,
        );
      }
      const v = tlvValue(c, p, type, len);
      if (vv && v !== -1 && type !== 2) {
        const names = type === 3 || type === 7
          ? JUNIPER_MEDIA_TYPE
          : type === 6 || type === 8
          ? JUNIPER_ENCAPS
          : undefined;
        c.print(names ? `${names[v] ?? "Unknown"} (${v})` : `${v}`);
      }
      p += len;
      extLen -= len + 2;
    }
    if (vv) c.print("\n\t-----original packet-----\n\t");
  }
  if (flags & FLAG_NO_L2) {
    if (c.f.e) c.print("no-L2-hdr, ");
    c.llHdrLen = l.headerLen = hlen + 4;
    if (!c.has(hlen + 4, 1)) return headerTrunc(c);
    if (!ipGuess(c, hlen + 4, wireLen - (hlen + 4))) c.print("no IP-hdr found!");
    return false;
  }
  l.length = wireLen - hlen;
  if (pic) {
    if (!c.has(hlen, 1)) return headerTrunc(c);
    const id = c.u8(hlen);
    let len = pic.cookieLen;
    if (id === LS_COOKIE_ID) l.cookieType = id, len += 2;
    else if (id === AS_COOKIE_ID) l.cookieType = id, len = 8;
    // MFR child links carry no cookie
    if (linkType === 134 && (id & MFR_BE_MASK) === MFR_BE_MASK) len = 0;
    l.cookieLen = len;
    l.length -= len;
    if (c.f.e) c.print(`${pic.name}-PIC, cookie-len ${len}`);
    if (len > 8) {
      c.llHdrLen = l.headerLen = hlen + len;
      c.print(" (invalid)");
      return false;
    }
    if (len > 0) {
      if (!c.has(hlen, len)) return headerTrunc(c);
      if (c.f.e) c.print(", cookie 0x");
      for (let i = 0; i < len; i++) {
        l.cookie[i] = c.u8(hlen + i);
        if (c.f.e) c.print(hex(l.cookie[i]!, 2));
      }
    }
    if (c.f.e) c.print(": ");
    if (!c.has(hlen + len, 2)) return headerTrunc(c);
    l.proto = c.u16(hlen + len);
    l.cookieAt = hlen;
    hlen += len;
  }
  const p = hlen;
  switch (linkType) {
    case 130: // MLPPP
      if (l.cookieType === LS_COOKIE_ID) l.bundle = l.cookie[1]!;
      else if (l.cookieType === AS_COOKIE_ID) lsqCookie(l);
      else l.bundle = l.cookie[0]!;
      break;
    case 131: // MLFR
    case 134: // MFR
      if (l.cookieType === AS_COOKIE_ID) lsqCookie(l);
      else if (l.cookieType === LS_COOKIE_ID) {
        c.llHdrLen = hlen;
        c.tcheck(p, 2);
        l.bundle = l.cookie[1]!;
        l.proto = c.u16(p);
        hlen += 2, l.length -= 2;
      } else {
        l.bundle = l.cookie[0]!;
        if (linkType === 131) hlen += 2, l.length -= 2;
      }
      break;
    case 135: // ATM2
      c.llHdrLen = hlen;
      c.tcheck(p, 4);
      // an ATM cell relay control word
      if (l.cookie[7]! & ATM2_PKT_TYPE_MASK) {
        const cw = c.u32(p);
        if (cw === 0 || cw === 0x08000000 || cw === 0x08380000) hlen += 4;
        if (c.f.e) c.print(`control-word 0x${hex(cw, 8)} `);
      }
      break;
  }
  c.llHdrLen = l.headerLen = hlen;
  if (c.f.e) c.print(`hlen ${hlen}, proto 0x${hex(l.proto)}, `);
  return true;
}
const ATM2_PKT_TYPE_MASK = 0x70, ATM2_GAP_COUNT_MASK = 0x3f;

/** A cut header: " [|juniper_<type>]" (nd_print_trunc with the link printer's name). */
function headerTrunc(c: Ctx): false {
  c.trunc();
  return false;
}

/** ip_heuristic_guess(): IPv4 or IPv6 by the first byte. */
function ipGuess(c: Ctx, off: number, length: number): boolean {
  const b = c.u8(off);
  if (b >= 0x45 && b <= 0x4f) c.d.ip(c, off, length);
  else if (b >= 0x60 && b <= 0x6f) c.d.ip6(c, off, length);
  else return false;
  return true;
}

/** The PICs of juniper_cookie_table, by link type. */
const PICS: Record<number, Pic> = {
  137: { name: "ATM1", cookieLen: 4 },
  135: { name: "ATM2", cookieLen: 8 },
  130: { name: "MLPPP", cookieLen: 2 },
  131: { name: "MLFR", cookieLen: 2 },
  134: { name: "MFR", cookieLen: 4 },
  132: { name: "ES", cookieLen: 0 },
  133: { name: "GGSN", cookieLen: 8 },
  136: { name: "AS", cookieLen: 8 },
  164: { name: "MONITOR", cookieLen: 8 },
  167: { name: "PPPoE", cookieLen: 0 },
  168: { name: "PPPoE ATM", cookieLen: 0 },
};
const JUNIPER_PROTO: Record<number, string> = { 1: "Null", 2: "IPv4", 6: "IPv6" };
const IPSEC_TYPE: Record<number, string> = {
  1: "ESP ENCR-AUTH",
  2: "ESP ENCR-AH AUTH",
  3: "ESP AUTH",
  4: "AH AUTH",
  5: "ESP ENCR",
};

/**
 * The juniper_*_if_print() of ETHER, PPP, CHDLC, PPPOE, PPPOE_ATM, FRELAY, GGSN, ES, MONITOR,
 * SERVICES, MLPPP, MLFR, MFR, ATM1 and ATM2.
 */
export function juniperPrint(c: Ctx, wireLen: number, linkType: number): number {
  c.proto = NAMES[linkType]!;
  if (!parseHeader(c, wireLen, linkType, PICS[linkType])) return c.llHdrLen;
  const off = info.headerLen, length = info.length;
  switch (linkType) {
    case 179:
      c.d.ppp(c, off, length);
      break;
    case 181:
      chdlcPrint(c, off, length);
      break;
    case 180:
      c.d.fr(c, off, length);
      break;
    case 168: {
      const type = c.u16(off);
      if (!c.d.ethertype(c, type, off + 2, length - 2)) {
        c.print(`unknown ethertype 0x${hex(type)}`);
      }
      break;
    }
    case 133: {
      // the GGSN header is the cookie: service ID, flags/length, protocol, flags, VLAN
      const ck = info.cookieAt;
      const proto = c.u8(ck + 2);
      if (c.f.e) {
        c.print(`proto ${JUNIPER_PROTO[proto] ?? "Unknown"} (${proto}), vlan ${c.u16(ck + 4)}: `);
      }
      if (proto === 2) c.d.ip(c, off, length);
      else if (proto === 6) c.d.ip6(c, off, length);
      else if (!c.f.e) c.print(`unknown GGSN proto (${proto})`);
      break;
    }
    case 164:
      c.need(off, 8);
      if (c.f.e) {
        c.print(`service-id ${c.u32(off + 4)}, iif ${c.u16(off + 2)}, pkt-type ${c.u8(off)}: `);
      }
      ipGuess(c, off, length); // tcpdump guesses at the monitor header itself
      break;
    case 136:
      c.need(off, 8);
      if (c.f.e) {
        c.print(
          `service-id ${c.u8(off)} flags 0x${hex(c.u8(off + 1), 2)} service-set-id 0x${
            hex(c.u16(off + 2))
          } iif ${(c.u8(off + 5) << 16) | c.u16(off + 6)}: `,
        );
      }
      ipGuess(c, off, length);
      break;
    case 132:
      esPrint(c, off, length);
      break;
    case 130:
      mlpppPrint(c, off, length);
      break;
    case 131:
      mlfrPrint(c, off, length);
      break;
    case 134:
      mfrPrint(c, off, length);
      break;
    case 137:
    case 135:
      atmPrint(c, off, length, linkType);
      break;
    default: {
      // juniper_ether_if_print() adds ether_print()'s header length to its own (-x dumps from
      // after both); juniper_pppoe_if_print() does not
      const n = c.d.ether(c, off, length);
      if (linkType === 178) return off + n;
    }
  }
  return off;
}

/** The LSQ protocols of an AS PIC's cookie; false for another value. */
function lsqPrint(c: Ctx, off: number, length: number, isisOverPpp: boolean): boolean {
  switch (info.proto) {
    case 0x00:
      // IP to the routing engine has no cookie: with one, it is IS-IS over PPP coming in
      if (isisOverPpp && info.cookie[4] === (LSQ_COOKIE_RE | LSQ_COOKIE_DIR)) {
        c.d.ppp(c, off, length);
      } else c.d.ip(c, off, length);
      return true;
    case 0x10:
      c.d.ip6(c, off, length);
      return true;
    case 0x20:
      c.d.mpls(c, off, length);
      return true;
    case 0x30:
      c.d.isoclns(c, off, length);
      return true;
  }
  return false;
}
const LSQ_COOKIE_RE = 0x08, LSQ_COOKIE_DIR = 0x04;
const cookie16 = () => (info.cookie[0]! << 8) | info.cookie[1]!;
const cookie32 = () =>
  ((info.cookie[0]! << 24) | (info.cookie[1]! << 16) | (info.cookie[2]! << 8) | info.cookie[3]!) >>>
  0;

/** juniper_mlppp_if_print(): a bundle's PPP frame, or what an LSQ cookie names. */
function mlpppPrint(c: Ctx, off: number, length: number): void {
  const ck = cookie16();
  // a cookie that looks like a PPP header was captured on a child link: no bundle
  if (c.f.e && ck !== 0x0023 && ck !== 0xff03) c.print(`Bundle-ID ${info.bundle}: `);
  if (lsqPrint(c, off, length, true)) return;
  if (ck === 0x0023) c.d.ppp(c, off - 2, length + 2);
  else c.d.ppp(c, off, length);
}

/** The OSI and NLPID protocols juniper_mlfr_if_print() and juniper_mfr_if_print() know. */
function nlpidPrint(c: Ctx, off: number, length: number): void {
  switch (info.proto) {
    case 0x0308:
    case 0x03cc:
    case 0x038e:
      // the OSI printer is handed the NLPID byte before the frame
      c.d.isoclns(c, off - 1, length + 1);
      break;
    default:
      c.print(`unknown protocol 0x${hex(info.proto)}, length ${length}`);
  }
}

/** juniper_mlfr_if_print(). */
function mlfrPrint(c: Ctx, off: number, length: number): void {
  if (c.f.e && cookie32() !== 1) c.print(`Bundle-ID ${info.bundle}, `);
  if (info.proto === 0x03 || info.proto === 0x0300) c.d.isoclns(c, off, length);
  else nlpidPrint(c, off, length);
}

/** juniper_mfr_if_print(): FRF.16 on a child link, else the bundle's frame. */
function mfrPrint(c: Ctx, off: number, length: number): void {
  if (info.cookieLen === 0) {
    c.d.mfr(c, off, length);
    return;
  }
  if (info.cookieLen === 8) {
    lsqPrint(c, off, length, false);
    return;
  }
  if (c.f.e && cookie32() !== 1) c.print(`Bundle-ID ${info.bundle}, `);
  if (info.proto === 0xfefe) {
    c.tcheck(off, 1);
    c.d.isoclns(c, off + 1, length - 1);
  } else nlpidPrint(c, off, length);
}

/** juniper_atm1_if_print() and juniper_atm2_if_print(): OAM cells, then guesses at the AAL5 PDU. */
function atmPrint(c: Ctx, off: number, length: number, linkType: number): void {
  const atm2 = linkType === 135;
  if (atm2 ? info.cookie[7]! & ATM2_PKT_TYPE_MASK : info.cookie[0] === 0x80) {
    c.d.oam(c, off, length);
    return;
  }
  const llc = (c.u8(off) << 16) | c.u16(off + 1);
  if (llc === 0xfefe03 || llc === 0xaaaa03) {
    if (c.d.llc(c, off, length, "", "") > 0) return;
  }
  // RFC 1483 bridged Ethernet, going out
  if (atm2 && info.direction !== FLAG_PKT_IN && cookie32() & ATM2_GAP_COUNT_MASK) {
    c.d.ether(c, off, length);
    return;
  }
  if (c.u8(off) === 0x03) {
    // Cisco-style NLPID
    c.d.isoclns(c, off + 1, length - 1);
    return;
  }
  if (atm2 && PPP_GUESS.has(c.u16(off))) {
    c.d.ppp(c, off, length);
    return;
  }
  ipGuess(c, off, length);
}
/** juniper_ppp_heuristic_guess(): the PPP protocols a Juniper router carries over ATM VC-mux. */
const PPP_GUESS = new Set([
  0x0021,
  0x0023,
  0x0281,
  0x0283,
  0x8021,
  0x8023,
  0x8281,
  0xc021,
  0xc023,
  0xc223,
  0x003d,
  0x0057,
  0x8057,
]);

/** juniper_es_if_print(): the IPsec header, then IP. */
function esPrint(c: Ctx, off: number, length: number): void {
  c.need(off, 20);
  const type = c.u8(off + 3);
  let rewrite: number;
  if (type === 1 || type === 2) rewrite = 0;
  else if (type >= 3 && type <= 5) rewrite = 16;
  else {
    c.print(`ES Invalid type ${type}, length ${length}`);
    return;
  }
  length -= rewrite;
  if (c.f.e) {
    c.print(
      `ES SA, index ${c.u16(off)}, ttl ${c.u8(off + 2)} type ${
        IPSEC_TYPE[type] ?? "Unknown"
      } (${type}), ${
        rewrite ? `spi ${c.u32(off + 4)}, Tunnel ${c.ip4(off + 8)} > ${c.ip4(off + 12)}, ` : ""
      }length ${length}\n`,
    );
  }
  c.d.ip(c, off + rewrite, length);
}
