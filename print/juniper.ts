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

/**
 * juniper_parse_header(): prints what it prints and returns the offset of the frame after the
 * header and cookie, or -1 when the packet ends there (the header length is in `c.llHdrLen`).
 */
function parseHeader(c: Ctx, wireLen: number, pic?: Pic, at?: { cookie: number }): number {
  if (c.end < 4) return headerTrunc(c);
  const flags = c.u8(3);
  if ((c.u32(0) >>> 8) !== MAGIC) {
    c.print("no magic-number found!");
    return -1;
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
        return -1;
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
    c.llHdrLen = hlen + 4;
    if (!c.has(hlen + 4, 1)) return headerTrunc(c);
    if (!ipGuess(c, hlen + 4, wireLen - (hlen + 4))) c.print("no IP-hdr found!");
    return -1;
  }
  let proto = 0;
  if (pic) {
    if (!c.has(hlen, 1)) return headerTrunc(c);
    const id = c.u8(hlen);
    const len = id === AS_COOKIE_ID ? 8 : pic.cookieLen + (id === LS_COOKIE_ID ? 2 : 0);
    if (c.f.e) c.print(`${pic.name}-PIC, cookie-len ${len}`);
    if (len > 0) {
      if (!c.has(hlen, len)) return headerTrunc(c);
      if (c.f.e) {
        c.print(", cookie 0x");
        for (let i = 0; i < len; i++) c.print(c.u8(hlen + i).toString(16).padStart(2, "0"));
      }
    }
    if (c.f.e) c.print(": ");
    if (!c.has(hlen + len, 2)) return headerTrunc(c);
    proto = c.u16(hlen + len);
    if (at) at.cookie = hlen;
    hlen += len;
  }
  c.llHdrLen = hlen;
  if (c.f.e) c.print(`hlen ${hlen}, proto 0x${hex(proto)}, `);
  return hlen;
}

/** A cut header: " [|juniper_<type>]" (nd_print_trunc with the link printer's name). */
function headerTrunc(c: Ctx): number {
  c.trunc();
  return -1;
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
 * The juniper_*_if_print() of ETHER, PPP, CHDLC, PPPOE, PPPOE_ATM, FRELAY, GGSN, ES, MONITOR and
 * SERVICES.
 */
export function juniperPrint(c: Ctx, wireLen: number, linkType: number): number {
  c.llHdrLen = 0;
  c.proto = NAMES[linkType]!;
  const pic = PICS[linkType];
  const at = { cookie: 0 };
  const off = parseHeader(c, wireLen, pic, at);
  if (off < 0) return c.llHdrLen;
  const length = wireLen - off;
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
      const ck = at.cookie;
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
    default:
      c.d.ether(c, off, length);
  }
  return off;
}

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
