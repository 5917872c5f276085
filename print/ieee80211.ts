// IEEE 802.11 as tcpdump 4.99 prints it (print-802_11.c): the radiotap header's fields
// (ieee802_11_radio_print), Prism and AVS headers, then the frame: management bodies (SSID,
// rates, channel, status and reason texts), control frames, data frames handed to LLC.

import { type Ctx, tok } from "./_ctx.ts";
import { REASON_TEXT, STATUS_TEXT } from "./_ieee80211_text.ts";

const MGMT_SUBTYPE: Record<number, string> = {
  0: "Assoc Request",
  1: "Assoc Response",
  2: "ReAssoc Request",
  3: "ReAssoc Response",
  4: "Probe Request",
  5: "Probe Response",
  8: "Beacon",
  9: "ATIM",
  10: "Disassociation",
  11: "Authentication",
  12: "DeAuthentication",
  13: "Action",
};
const CTRL_SUBTYPE: Record<number, string> = {
  7: "Control Wrapper",
  8: "BAR",
  9: "BA",
  10: "Power Save-Poll",
  11: "Request-To-Send",
  12: "Clear-To-Send",
  13: "Acknowledgment",
  14: "CF-End",
  15: "CF-End+CF-Ack",
};
const AUTH_ALG = ["Open System", "Shared Key", "EAP"];

const status = (v: number) => STATUS_TEXT[v] ?? "n/a";
const reason = (v: number) => REASON_TEXT[v] ?? "Reserved";

/** Little-endian 16-bit read. */
function le16(c: Ctx, off: number): number {
  return c.u8(off) | (c.u8(off + 1) << 8);
}

/** fn_print_str() of an SSID: bytes up to a NUL, with M- and ^ escapes. */
function ssidText(c: Ctx, off: number, len: number): string {
  let s = "";
  for (let i = 0; i < len; i++) {
    let ch = c.b[off + i]!;
    if (ch === 0) break;
    if (ch & 0x80) {
      s += "M-";
      ch &= 0x7f;
    }
    s += ch < 0x20 || ch === 0x7f ? "^" + String.fromCharCode(ch ^ 0x40) : String.fromCharCode(ch);
  }
  return s;
}

/** What parse_elements() keeps of a management body's elements. */
interface Elements {
  ssid?: [number, number];
  rates?: number[];
  channel?: number;
}

/** parse_elements(): false when an element runs past the frame (the caller marks it cut). */
function parseElements(c: Ctx, p: number, length: number, into: Elements): boolean {
  while (length !== 0) {
    if (!c.has(p, 1) || length < 2) return false;
    if (!c.has(p + 1, 1)) return false;
    const len = c.u8(p + 1);
    if (!c.has(p + 2, len) || length < len + 2) return false;
    const id = c.u8(p);
    switch (id) {
      case 0: // SSID
        if (len > 32) return false;
        into.ssid ??= [p + 2, len];
        break;
      case 1: // Supported Rates
        if (len > 16) return false;
        if (!into.rates && len !== 0) into.rates = [...c.b.subarray(p + 2, p + 2 + len)];
        break;
      case 3: // DS Parameter Set
        if (len === 1) into.channel ??= c.u8(p + 2);
        break;
      case 16: // Challenge Text
        if (len > 253) return false;
        break;
      case 4: // CF Parameter Set
      case 5: // TIM
        if (id === 5 && len > 3 && len - 3 > 251) return false;
        break;
    }
    p += 2 + len;
    length -= 2 + len;
  }
  return true;
}

function printSsid(c: Ctx, e: Elements): void {
  if (e.ssid) c.print(` (${ssidText(c, e.ssid[0], e.ssid[1])})`);
}
function printRates(c: Ctx, e: Elements): void {
  if (!e.rates) return;
  let sep = " [";
  for (const r of e.rates) {
    c.print(`${sep}${(0.5 * (r & 0x7f)).toFixed(1)}${r & 0x80 ? "*" : ""}`);
    sep = " ";
  }
  c.print(" Mbit]");
}
function printChannel(c: Ctx, e: Elements, cap: number): void {
  if (e.channel !== undefined) c.print(` CH: ${e.channel}`);
  if (cap & 0x10) c.print(", PRIVACY");
}

/** mgmt_body_print(); false when the body is cut short. */
function mgmtBody(c: Ctx, fc: number, src: number, p: number, length: number): boolean {
  const sub = (fc >> 4) & 0xf;
  c.print(tok(MGMT_SUBTYPE, "Unhandled Management subtype(%x)", sub));
  if (fc & 0x4000) return wep(c, p);
  const e: Elements = {};
  const fixed = (n: number) => c.has(p, n) && length >= n;
  switch (sub) {
    case 0: // assoc request: capability, listen interval
    case 2: { // reassoc request: plus the current AP
      const n = sub === 0 ? 4 : 10;
      if (!fixed(n)) return false;
      const ok = parseElements(c, p + n, length - n, e);
      printSsid(c, e);
      if (sub === 0) printRates(c, e);
      else c.print(` AP : ${c.mac(p + 4)}`);
      return ok;
    }
    case 1:
    case 3: { // (re)assoc response: capability, status, AID
      if (!fixed(6)) return false;
      const cap = le16(c, p), st = le16(c, p + 2), aid = le16(c, p + 4);
      const ok = parseElements(c, p + 6, length - 6, e);
      c.print(
        ` AID(${(((aid << 2) & 0xffff) >> 2).toString(16)}) :${cap & 0x10 ? " PRIVACY " : ""}: ${
          status(st)
        }`,
      );
      return ok;
    }
    case 4: {
      const ok = parseElements(c, p, length, e);
      printSsid(c, e);
      printRates(c, e);
      return ok;
    }
    case 5:
    case 8: { // probe response, beacon: timestamp, interval, capability
      if (!fixed(12)) return false;
      const cap = le16(c, p + 10);
      const ok = parseElements(c, p + 12, length - 12, e);
      printSsid(c, e);
      printRates(c, e);
      if (sub === 8) c.print(` ${cap & 1 ? "ESS" : "IBSS"}`);
      printChannel(c, e, cap);
      return ok;
    }
    case 9:
      return true;
    case 10: {
      if (!fixed(2)) return false;
      c.print(`: ${reason(le16(c, p))}`);
      return true;
    }
    case 11: {
      if (!fixed(6)) return false;
      const alg = le16(c, p), seq = le16(c, p + 2), st = le16(c, p + 4);
      const ok = parseElements(c, p + 6, length - 6, e);
      const name = AUTH_ALG[alg] ?? "Reserved";
      if (alg === 1 && (seq === 2 || seq === 3)) {
        c.print(` (${name})-${seq.toString(16)} [Challenge Text] ${seq % 2 ? status(st) : ""}`);
      } else c.print(` (${name})-${seq.toString(16)}: ${seq % 2 ? status(st) : ""}`);
      return ok;
    }
    case 12: {
      if (!fixed(2)) return false;
      const text = reason(le16(c, p));
      c.print(c.f.e ? `: ${text}` : ` (${c.mac(src)}): ${text}`);
      return true;
    }
    case 13: {
      if (!fixed(2)) return false;
      c.print(c.f.e ? ": " : ` (${c.mac(src)}): `);
      const cat = c.u8(p), act = c.u8(p + 1);
      switch (cat) {
        case 0:
          c.print(`Spectrum Management Act#${act}`);
          break;
        case 1:
          c.print(`QoS Act#${act}`);
          break;
        case 2:
          c.print(`DLS Act#${act}`);
          break;
        case 3:
          c.print(`BA ${["ADDBA Request", "ADDBA Response", "DELBA"][act] ?? `Act#${act}`}`);
          break;
        case 127:
          c.print(`Vendor Act#${act}`);
          break;
        default:
          c.print(`Reserved(${cat}) Act#${act}`);
      }
      return true;
    }
    default:
      return true;
  }
}

/** wep_print(): the IV, pad and key ID of a protected frame. */
function wep(c: Ctx, p: number): boolean {
  if (!c.has(p, 4)) return false;
  const iv = (c.u8(p) | (c.u8(p + 1) << 8) | (c.u8(p + 2) << 16) | (c.u8(p + 3) << 24)) >>> 0;
  c.print(
    ` IV:${(iv & 0xffffff).toString(16).padStart(3)} Pad ${
      ((iv >>> 24) & 0x3f).toString(16)
    } KeyID ${(iv >>> 30).toString(16)}`,
  );
  return true;
}

/** ctrl_body_print(); false when the frame is cut short. */
function ctrlBody(c: Ctx, fc: number, p: number): boolean {
  const sub = (fc >> 4) & 0xf;
  c.print(tok(CTRL_SUBTYPE, "Unknown Ctrl Subtype", sub));
  const need = (n: number) => c.has(p, n);
  switch (sub) {
    case 8:
      if (!need(20)) return false;
      if (!c.f.e) {
        c.print(
          ` RA:${c.mac(p + 4)} TA:${c.mac(p + 10)} CTL(${le16(c, p + 16).toString(16)}) SEQ(${
            le16(c, p + 18)
          }) `,
        );
      }
      return true;
    case 9:
      if (!need(16)) return false;
      if (!c.f.e) c.print(` RA:${c.mac(p + 4)} `);
      return true;
    case 10:
      if (!need(16)) return false;
      c.print(` AID(${le16(c, p + 2).toString(16)})`);
      return true;
    case 11:
      if (!need(16)) return false;
      if (!c.f.e) c.print(` TA:${c.mac(p + 10)} `);
      return true;
    case 12:
    case 13:
      if (!need(10)) return false;
      if (!c.f.e) c.print(` RA:${c.mac(p + 4)} `);
      return true;
    case 14:
    case 15:
      if (!need(16)) return false;
      if (!c.f.e) c.print(` RA:${c.mac(p + 4)} `);
      return true;
    default:
      return true;
  }
}

/** Header lengths of the control subtypes tcpdump knows. */
const CTRL_HDRLEN: Record<number, number> = {
  7: 26,
  8: 20,
  9: 16,
  10: 16,
  11: 16,
  12: 10,
  13: 10,
  14: 16,
  15: 16,
};

/** extract_header_length(); 0 for an unknown type or control subtype (printed here). */
function headerLength(c: Ctx, fc: number): number {
  const type = (fc >> 2) & 3, sub = (fc >> 4) & 0xf;
  switch (type) {
    case 0:
      return 24;
    case 1: {
      const len = CTRL_HDRLEN[sub];
      if (len === undefined) c.print(`unknown 802.11 ctrl frame subtype (${sub})`);
      return len ?? 0;
    }
    case 2:
      return ((fc & 0x300) === 0x300 ? 30 : 24) + (sub & 8 ? 2 : 0);
    default:
      c.print(`unknown 802.11 frame type (${type})`);
      return 0;
  }
}

/** ieee_802_11_hdr_print() (-e): flags and duration with -v, then the addresses. */
function headerPrint(c: Ctx, fc: number, p: number): void {
  const type = (fc >> 2) & 3, sub = (fc >> 4) & 0xf;
  if (c.f.v) {
    if (fc & 0x2000) c.print("More Data ");
    if (fc & 0x0400) c.print("More Fragments ");
    if (fc & 0x1000) c.print("Pwr Mgmt ");
    if (fc & 0x0800) c.print("Retry ");
    if (fc & 0x8000) c.print("Strictly Ordered ");
    if (fc & 0x4000) c.print("Protected ");
    if (type !== 1 || sub !== 10) c.print(`${le16(c, p + 2)}us `);
  }
  const a = (n: number) => c.mac(p + [4, 10, 16, 24][n]!);
  if (type === 0) c.print(`BSSID:${a(2)} DA:${a(0)} SA:${a(1)} `);
  else if (type === 1) {
    switch (sub) {
      case 8:
        c.print(
          ` RA:${a(0)} TA:${a(1)} CTL(${le16(c, p + 16).toString(16)}) SEQ(${le16(c, p + 18)}) `,
        );
        break;
      case 9:
      case 12:
      case 13:
        c.print(`RA:${a(0)} `);
        break;
      case 10:
        c.print(`BSSID:${a(0)} TA:${a(1)} `);
        break;
      case 11:
        c.print(`RA:${a(0)} TA:${a(1)} `);
        break;
      case 14:
      case 15:
        c.print(`RA:${a(0)} BSSID:${a(1)} `);
        break;
    }
  } else if (type === 2) {
    if ((sub & 1) || (sub & 2) || (sub & 8)) {
      c.print("CF ");
      if (sub & 1) c.print(sub & 2 ? "Ack/Poll" : "Ack");
      else if (sub & 2) c.print("Poll");
      if (sub & 8) c.print("+QoS");
      c.print(" ");
    }
    switch (fc & 0x300) {
      case 0:
        c.print(`DA:${a(0)} SA:${a(1)} BSSID:${a(2)} `);
        break;
      case 0x200:
        c.print(`DA:${a(0)} BSSID:${a(1)} SA:${a(2)} `);
        break;
      case 0x100:
        c.print(`BSSID:${a(0)} SA:${a(1)} DA:${a(2)} `);
        break;
      default:
        c.print(`RA:${a(0)} TA:${a(1)} DA:${a(2)} SA:${a(3)} `);
    }
  }
}

/** ieee802_11_print() at `off`: returns the header length (with LLC for data frames). */
export function ieee80211Print(
  c: Ctx,
  off: number,
  length: number,
  pad: boolean,
  fcslen: number,
): number {
  c.proto = "802.11";
  const origCaplen = c.end - off;
  let caplen = origCaplen;
  if (length < fcslen) {
    c.trunc();
    return caplen;
  }
  length -= fcslen;
  if (caplen > length) {
    c.end -= caplen - length;
    caplen = length;
  }
  if (caplen < 2) {
    c.trunc();
    return origCaplen;
  }
  const fc = le16(c, off);
  let hdrlen = headerLength(c, fc);
  if (hdrlen === 0) return 0;
  if (pad) hdrlen = (hdrlen + 3) & ~3;
  if (caplen < hdrlen) {
    c.trunc();
    return hdrlen;
  }
  if (c.f.e) headerPrint(c, fc, off);
  const p = off + hdrlen;
  length -= hdrlen;
  switch ((fc >> 2) & 3) {
    case 0:
      if (!mgmtBody(c, fc, off + 10, p, length)) {
        c.trunc();
      }
      return hdrlen;
    case 1:
      if (!ctrlBody(c, fc, off)) c.trunc();
      return hdrlen;
    default: {
      const sub = (fc >> 4) & 0xf;
      if (sub & 4) return hdrlen; // no data
      if (fc & 0x4000) {
        c.print("Data");
        if (!wep(c, p)) c.trunc();
        return hdrlen;
      }
      // get_data_src_dst_mac()
      const ds = fc & 0x300;
      const src = off + (ds === 0 ? 10 : ds === 0x200 ? 16 : ds === 0x100 ? 10 : 24);
      const dst = off + (ds === 0 || ds === 0x200 ? 4 : 16);
      c.llHdrLen = hdrlen;
      let llc = c.d.llc(c, p, length, c.mac(src), c.mac(dst));
      if (llc < 0) {
        c.defaultPrint(p, c.end - p);
        llc = -llc;
      }
      return hdrlen + llc;
    }
  }
}

/** LINKTYPE_IEEE802_11: the frame alone. */
export function ieee80211IfPrint(c: Ctx, wireLen: number): number {
  return ieee80211Print(c, 0, wireLen, false, 0);
}

/** 802.11n HT data rates (Mb/s) for MCS 0-7 per stream: [20 MHz, 40 MHz], long guard interval. */
const HT_RATE = [
  [6.5, 13.5],
  [13, 27],
  [19.5, 40.5],
  [26, 54],
  [39, 81],
  [52, 108],
  [58.5, 121.5],
  [
    65,
    135,
  ],
] as const;

/**
 * MCS 33-76 (802.11n unequal modulation, 2 to 4 streams): the coded bits per subcarrier summed
 * over the streams (QPSK 2, 16-QAM 4, 64-QAM 6), at coding rate 1/2 for the first half of each
 * stream count's range and 3/4 for the second (IEEE 802.11-2012 tables 20-37 to 20-41).
 */
// deno-fmt-ignore
const UNEQUAL_BITS = [
  6, 8, 10, 6, 8, 10, // 33-38: two streams
  8, 10, 10, 12, 14, 14, 16, 8, 10, 10, 12, 14, 14, 16, // 39-52: three streams
  10, 12, 14, 12, 14, 16, 18, 16, 18, 20, 20, 22, // 53-64: four streams, rate 1/2
  10, 12, 14, 12, 14, 16, 18, 16, 18, 20, 20, 22, // 65-76: rate 3/4
];
const UNEQUAL_HALF_END = [38, 52, 76];

/** ieee80211_float_htrates[mcs][bw40][shortGi] for MCS 0-76 (0 where tcpdump has no rate). */
function htRate(mcs: number, bw40: boolean, shortGi: boolean): number {
  let r: number;
  if (mcs < 32) r = HT_RATE[mcs % 8]![bw40 ? 1 : 0] * (1 + (mcs >> 3));
  else if (mcs === 32) r = bw40 ? 6 : 0;
  else if (mcs <= 76) {
    // 52 (20 MHz) or 108 (40 MHz) data subcarriers per 4 us symbol.
    const first = mcs <= 38 ? 33 : mcs <= 52 ? 39 : 53;
    const end = UNEQUAL_HALF_END[first === 33 ? 0 : first === 39 ? 1 : 2]!;
    const rate34 = mcs > first + (end - first + 1) / 2 - 1;
    r = (bw40 ? 27 : 13) * UNEQUAL_BITS[mcs - 33]! * (rate34 ? 0.75 : 0.5);
  } else return -1;
  return shortGi ? r * 10 / 9 : r;
}

const VHT_BW = [
  "20 MHz",
  "40 MHz",
  "20 MHz (L)",
  "20 MHz (U)",
  "80 MHz",
  "80 MHz (L)",
  "80 MHz (U)",
  "80 MHz (LL)",
  "80 MHz (LU)",
  "80 MHz (UL)",
  "80 MHz (UU)",
  "160 MHz",
  "160 MHz (L)",
  "160 MHz (U)",
  "160 MHz (LL)",
  "160 MHz (LU)",
  "160 MHz (UL)",
  "160 MHz (UU)",
  "160 MHz (LLL)",
  "160 MHz (LLU)",
  "160 MHz (LUL)",
  "160 MHz (UUU)",
  "160 MHz (ULL)",
  "160 MHz (ULU)",
  "160 MHz (UUL)",
  "160 MHz (UUU)",
];

/** print_chaninfo(). */
function chanInfo(c: Ctx, freq: number, flags: number, present: number): void {
  c.print(`${freq} MHz`);
  if (present & (1 << 19)) c.print(" 11n");
  else {
    if ((flags & 0x880) === 0x880) c.print(" FHSS");
    if ((flags & 0x140) === 0x140) {
      c.print(flags & 0x4000 ? " 11a/10Mhz" : flags & 0x8000 ? " 11a/5Mhz" : " 11a");
    }
    if ((flags & 0xc0) === 0xc0 || (flags & 0x480) === 0x480) {
      c.print(flags & 0x4000 ? " 11g/10Mhz" : flags & 0x8000 ? " 11g/5Mhz" : " 11g");
    } else if ((flags & 0xa0) === 0xa0) c.print(" 11b");
    if (flags & 0x10) c.print(" Turbo");
  }
  if (flags & 0x10000) c.print(" ht/20");
  else if (flags & 0x40000) c.print(" ht/40-");
  else if (flags & 0x20000) c.print(" ht/40+");
  c.print(" ");
}

/** Reads radiotap fields, aligned to their size from the header start, within the header. */
class Cpack {
  constructor(readonly c: Ctx, readonly base: number, readonly end: number, public at: number) {}
  /** The offset of an `align`-aligned field of `size` bytes, or -1 past the header. */
  take(align: number, size: number): number {
    const rel = (this.at - this.base + align - 1) & ~(align - 1);
    const off = this.base + rel;
    if (off + size > this.end) return -1;
    this.at = off + size;
    return off;
  }
}

/** print_radiotap_field(); false to stop (unknown field or a field past the header). */
function radiotapField(
  c: Ctx,
  s: Cpack,
  bit: number,
  present: number,
  st: { flags: number },
): boolean {
  const le = (o: number, n: number) => {
    let v = 0;
    for (let i = n - 1; i >= 0; i--) v = v * 256 + c.b[o + i]!;
    return v;
  };
  const i8 = (o: number) => (c.b[o]! << 24) >> 24;
  const field = (align: number, size: number) => {
    const o = s.take(align, size);
    if (o < 0) {
      c.print(" [|802.11_radio]");
    }
    return o;
  };
  let o: number;
  switch (bit) {
    case 0:
      if ((o = field(8, 8)) < 0) return false;
      c.print(`${BigInt(le(o, 4)) + (BigInt(le(o + 4, 4)) << 32n)}us tsft `);
      return true;
    case 1: {
      if ((o = field(1, 1)) < 0) return false;
      const f = c.b[o]!;
      st.flags = f;
      if (f & 0x01) c.print("cfp ");
      if (f & 0x02) c.print("short preamble ");
      if (f & 0x04) c.print("wep ");
      if (f & 0x08) c.print("fragmented ");
      if (f & 0x40) c.print("bad-fcs ");
      return true;
    }
    case 2: {
      if ((o = field(1, 1)) < 0) return false;
      const rate = c.b[o]!;
      c.print(
        rate >= 0x80 && rate <= 0x8f ? `MCS ${rate & 0x7f} ` : `${(0.5 * rate).toFixed(1)} Mb/s `,
      );
      return true;
    }
    case 3:
      if ((o = field(2, 4)) < 0) return false;
      if (!(present & (1 << 18))) chanInfo(c, le(o, 2), le(o + 2, 2), present);
      return true;
    case 4:
      if ((o = field(1, 2)) < 0) return false;
      c.print(`fhset ${c.b[o]} fhpat ${c.b[o + 1]} `);
      return true;
    case 5:
      if ((o = field(1, 1)) < 0) return false;
      c.print(`${i8(o)}dBm signal `);
      return true;
    case 6:
      if ((o = field(1, 1)) < 0) return false;
      c.print(`${i8(o)}dBm noise `);
      return true;
    case 7:
      if ((o = field(2, 2)) < 0) return false;
      c.print(`${le(o, 2)} sq `);
      return true;
    case 8:
      if ((o = field(2, 2)) < 0) return false;
      c.print(`${-le(o, 2)} tx power `);
      return true;
    case 9: // tcpdump reads one byte, not the u16 of the radiotap definition
      if ((o = field(1, 1)) < 0) return false;
      c.print(`${-c.b[o]!}dB tx attenuation `);
      return true;
    case 10:
      if ((o = field(1, 1)) < 0) return false;
      c.print(`${i8(o)}dBm tx power `);
      return true;
    case 11:
      if ((o = field(1, 1)) < 0) return false;
      c.print(`antenna ${c.b[o]} `);
      return true;
    case 12:
      if ((o = field(1, 1)) < 0) return false;
      c.print(`${c.b[o]}dB signal `);
      return true;
    case 13:
      if ((o = field(1, 1)) < 0) return false;
      c.print(`${c.b[o]}dB noise `);
      return true;
    case 14:
      return field(2, 2) >= 0;
    case 18:
      if ((o = field(4, 8)) < 0) return false;
      chanInfo(c, le(o + 4, 2), le(o, 4), present);
      return true;
    case 19: {
      if ((o = field(1, 3)) < 0) return false;
      const known = c.b[o]!, flags = c.b[o + 1]!, mcs = c.b[o + 2]!;
      if (known & 0x02) {
        let rate = 0;
        // tcpdump wants "bandwidth or guard interval known" (either bit, though it means both).
        if (mcs <= 76 && (known & 0x05) !== 0) {
          rate = htRate(mcs, (flags & 3) === 1, (flags & 4) !== 0);
        }
        c.print(rate > 0 ? `${rate.toFixed(1)} Mb/s MCS ${mcs} ` : `MCS ${mcs} `);
      }
      if (known & 0x01) c.print(`${["20 MHz", "40 MHz", "20 MHz (L)", "20 MHz (U)"][flags & 3]} `);
      if (known & 0x04) c.print(`${flags & 4 ? "short" : "long"} GI `);
      if (known & 0x08) c.print(`${flags & 8 ? "greenfield" : "mixed"} `);
      if (known & 0x10) c.print(`${flags & 0x10 ? "LDPC" : "BCC"} FEC `);
      if (known & 0x20) c.print(`RX-STBC${(flags & 0x60) >> 5} `);
      return true;
    }
    case 20:
      return field(4, 8) >= 0;
    case 21: {
      if ((o = field(2, 12)) < 0) return false;
      const known = le(o, 2), flags = c.b[o + 2]!, bw = c.b[o + 3]!, coding = c.b[o + 8]!;
      for (let i = 0; i < 4; i++) {
        const v = c.b[o + 4 + i]!;
        if ((v & 0x0f) === 0) continue;
        c.print(`User ${i} MCS ${v >> 4} ${coding & (1 << i) ? "LDPC" : "BCC"} FEC `);
      }
      if (known & 0x40) c.print(`${VHT_BW[bw & 0x1f] ?? `unknown (${bw & 0x1f})`} `);
      if (known & 0x04) c.print(`${flags & 4 ? "short" : "long"} GI `);
      return true;
    }
    default:
      c.print(`[bit ${bit}] `);
      return false;
  }
}

/** ieee802_11_radio_print() (LINKTYPE_IEEE802_11_RADIO): radiotap fields, then the frame. */
export function radiotapPrint(c: Ctx, wireLen: number): number {
  c.proto = "802.11_radio";
  const caplen = c.end;
  if (caplen < 8) {
    c.trunc();
    return caplen;
  }
  const len = le16(c, 2);
  if (caplen < len) {
    c.trunc();
    return caplen;
  }
  const presentAt = (i: number) => {
    const o = 4 + 4 * i;
    return (c.b[o]! | (c.b[o + 1]! << 8) | (c.b[o + 2]! << 16) | (c.b[o + 3]! << 24)) >>> 0;
  };
  let last = 0;
  while (8 + 4 * last <= len && presentAt(last) & 0x80000000) last++;
  if (8 + 4 * last > len) {
    c.trunc();
    return caplen;
  }
  const s = new Cpack(c, 0, len, 8 + 4 * last);
  const st = { flags: 0 };
  let bit0 = 0, vendor = false, skip = 0;
  outer: for (let w = 0; w <= last; w++) {
    const present = presentAt(w);
    if (vendor) {
      if (s.at + skip > len) break;
      s.at += skip;
      skip = 0;
    } else {
      for (let bits = present; bits;) {
        const next = bits & (bits - 1);
        const bitno = 31 - Math.clz32((bits ^ next) >>> 0);
        if (bitno >= 29) break;
        if (!radiotapField(c, s, bit0 + bitno, present, st)) break outer;
        bits = next;
      }
    }
    switch (present & 0x60000000) {
      case 0:
        bit0 += 32;
        break;
      case 0x20000000:
        bit0 = 0, vendor = false, skip = 0;
        break;
      case 0x40000000: {
        bit0 = 0;
        vendor = true;
        const o = s.take(2, 6);
        if (o < 0) {
          c.print(" [|802.11_radio]");
          break;
        }
        skip = le16(c, o + 4);
        break;
      }
    }
  }
  return len +
    ieee80211Print(c, len, wireLen - len, (st.flags & 0x20) !== 0, st.flags & 0x10 ? 4 : 0);
}

/** prism_if_print() (LINKTYPE_PRISM_HEADER), AVS headers included. */
export function prismPrint(c: Ctx, wireLen: number): number {
  c.proto = "802.11";
  if (c.end < 4) {
    c.trunc();
    return c.end;
  }
  const code = c.u32(0);
  if (code === 0x80211001 || code === 0x80211002) return avsPrint(c, wireLen);
  if (c.end < 144) {
    c.trunc();
    return c.end;
  }
  return 144 + ieee80211Print(c, 144, wireLen - 144, false, 0);
}

/** ieee802_11_avs_radio_print() (LINKTYPE_IEEE802_11_AVS). */
export function avsPrint(c: Ctx, wireLen: number): number {
  c.proto = "802.11";
  if (c.end < 8) {
    c.trunc();
    return c.end;
  }
  const hl = c.u32(4);
  if (hl < 8 || c.end < hl) {
    c.trunc();
    return c.end;
  }
  return hl + ieee80211Print(c, hl, wireLen - hl, false, 0);
}
