// Golden corpus cases for 802.11: frames alone (LINKTYPE_IEEE802_11) and behind radiotap
// headers with many field combinations (LINKTYPE_IEEE802_11_RADIOTAP).

import { bytes, mac, udp4 } from "./_build.ts";
import type { Case } from "./_golden.ts";
import { prng } from "../_prng.ts";

const r = prng(80211);
const int = (n: number) => Math.floor(r() * n);
const le16 = (v: number) => Uint8Array.of(v & 0xff, v >> 8 & 0xff);
const le32 = (v: number) => Uint8Array.of(v & 0xff, v >> 8 & 0xff, v >> 16 & 0xff, v >>> 24);
const ie = (id: number, v: Uint8Array) => bytes(id, v.length, v);
const ascii = (s: string) => new TextEncoder().encode(s);

const AP = mac("00:11:22:33:44:55"), STA = mac("66:77:88:99:aa:bb"), BC = mac("ff:ff:ff:ff:ff:ff");
const other = () => mac(`02:00:00:00:${(int(256)).toString(16)}:${(int(256)).toString(16)}`);

/** A management frame: frame control (subtype), duration, DA, SA, BSSID, sequence, body. */
const mgmt = (
  sub: number,
  da: Uint8Array,
  sa: Uint8Array,
  bssid: Uint8Array,
  body: Uint8Array,
  flags = 0,
) => bytes(le16(sub << 4 | flags << 8), le16(int(400)), da, sa, bssid, le16(int(4096) << 4), body);

const SSIDS = ["MyNet", "", "café", "a\u0001b", "x".repeat(32), "x".repeat(33), "with space"];
const RATES = [[0x82, 0x84, 0x8b, 0x96], [0x82, 0x84, 0x8b, 0x96, 0x0c, 0x12, 0x18, 0x24], [
  0x0c,
  0x12,
  0x18,
  0x24,
  0x30,
  0x48,
  0x60,
  0x6c,
  0x01,
], []];
function elements(i: number, withChannel = true): Uint8Array {
  const ssid = SSIDS[i % SSIDS.length]!;
  return bytes(
    ie(0, ascii(ssid)),
    ...(i % 5 === 4 ? [] : [ie(1, Uint8Array.from(RATES[i % RATES.length]!))]),
    ...(withChannel && i % 6 !== 5 ? [ie(3, Uint8Array.of(1 + (i % 13)))] : []),
    ie(5, Uint8Array.of(0, 1, 0, 0)),
    ie(50, Uint8Array.of(0x30, 0x48)),
    ...(i % 9 === 8 ? [ie(221, bytes("0050f2", 2, 1))] : []),
  );
}

const ip = () => udp4("192.168.1.10", "192.168.1.1", 5353, 5353, new Uint8Array(0));
const snap = (payload: Uint8Array) => bytes("aaaa03000000", 0x08, 0x00, payload);

/** One 802.11 frame of a kind chosen by `i`. */
export function frame(i: number): Uint8Array {
  const cap = [0x0431, 0x0001, 0x0411, 0x0002][i % 4]!;
  switch (i % 24) {
    case 0:
    case 1:
      return mgmt(
        8,
        BC,
        AP,
        AP,
        bytes(le32(int(2 ** 32)), le32(0), le16(100), le16(cap), elements(i)),
      );
    case 2:
      return mgmt(4, BC, STA, BC, elements(i, false));
    case 3:
      return mgmt(5, STA, AP, AP, bytes(le32(i), le32(0), le16(100), le16(cap), elements(i)));
    case 4:
      return mgmt(0, AP, STA, AP, bytes(le16(cap), le16(10), elements(i, false)));
    case 5:
      return mgmt(
        1,
        STA,
        AP,
        AP,
        bytes(
          le16(cap),
          le16([0, 1, 17, 37, 107, 108, 200][i % 7]!),
          le16(0xc000 | (i % 2007)),
          ie(1, Uint8Array.of(0x82)),
        ),
      );
    case 6:
      return mgmt(2, AP, STA, AP, bytes(le16(cap), le16(10), other(), elements(i, false)));
    case 7:
      return mgmt(3, STA, AP, AP, bytes(le16(cap), le16(i % 3), le16(0xc000 | 5)));
    case 8: {
      const alg = i % 3, seq = 1 + (i % 4);
      const challenge = alg === 1 && (seq === 2 || seq === 3)
        ? ie(16, new Uint8Array(16).fill(0x41))
        : new Uint8Array(0);
      return mgmt(
        11,
        AP,
        STA,
        AP,
        bytes(le16(alg), le16(seq), le16([0, 1, 13, 15][i % 4]!), challenge),
      );
    }
    case 9:
      return mgmt(12, STA, AP, AP, le16([1, 2, 3, 7, 15, 23, 34, 66, 70][i % 9]!));
    case 10:
      return mgmt(10, AP, STA, AP, le16([0, 4, 8, 14, 45, 99][i % 6]!));
    case 11:
      return mgmt(
        13,
        AP,
        STA,
        AP,
        Uint8Array.of([0, 1, 2, 3, 3, 3, 127, 10][i % 8]!, i % 3, 1, 2, 3),
      );
    case 12:
      return mgmt(9, BC, STA, AP, new Uint8Array(0));
    case 13: // control: ACK, CTS, RTS, PS-Poll, BA, BAR, CF-End(+Ack), wrapper, unknown
      switch (i % 9) {
        case 0:
          return bytes(le16(0x00d4), le16(0), STA);
        case 1:
          return bytes(le16(0x00c4), le16(int(2000)), AP);
        case 2:
          return bytes(le16(0x00b4), le16(int(2000)), AP, STA);
        case 3:
          return bytes(le16(0x00a4), le16(0xc000 | i), AP, STA);
        case 4:
          return bytes(
            le16(0x0094),
            le16(0),
            STA,
            AP,
            le16(4),
            le16(i << 4),
            new Uint8Array(8).fill(0xff),
          );
        case 5:
          return bytes(le16(0x0084), le16(0), AP, STA, le16(4), le16(i << 4));
        case 6:
          return bytes(le16(0x00e4), le16(0), BC, AP);
        case 7:
          return bytes(le16(0x00f4), le16(0), BC, AP);
        default:
          return bytes(le16(0x0034), le16(0), AP);
      }
    case 14: // data, to DS
      return bytes(le16(0x0108), le16(44), AP, STA, BC, le16(i << 4), snap(ip()));
    case 15: // data, from DS
      return bytes(le16(0x0208), le16(44), STA, AP, other(), le16(i << 4), snap(ip()));
    case 16: // QoS data, from DS
      return bytes(le16(0x0288), le16(44), STA, AP, AP, le16(i << 4), le16(i % 8), snap(ip()));
    case 17: // WDS (to and from DS)
      return bytes(le16(0x0308), le16(44), AP, other(), STA, le16(0), other(), snap(ip()));
    case 18: // null and QoS null
      return bytes(
        le16(i % 2 ? 0x1148 : 0x11c8),
        le16(44),
        AP,
        STA,
        AP,
        le16(0),
        ...(i % 2 ? [] : [le16(0)]),
      );
    case 19: // protected data
      return bytes(
        le16(0x4108),
        le16(44),
        AP,
        STA,
        AP,
        le16(0),
        le32(int(2 ** 32)),
        new Uint8Array(20).fill(0x5a),
      );
    case 20: // data with a non-SNAP LLC (STP-like, NetBIOS)
      return bytes(
        le16(0x0008),
        le16(0),
        BC,
        STA,
        AP,
        le16(0),
        Uint8Array.of(i % 2 ? 0xf0 : 0x42, i % 2 ? 0xf0 : 0x42, 3),
        new Uint8Array(6),
      );
    case 21: // unknown frame type 3; management with flags (retry, pwr mgmt, more data)
      return i % 2
        ? bytes(le16(0x000c), le16(0), AP, STA)
        : mgmt(8, BC, AP, AP, bytes(new Uint8Array(12), elements(i)), 0x38);
    case 22: // a protected management frame
      return mgmt(11, AP, STA, AP, bytes(le32(0x20001234), new Uint8Array(8)), 0x40);
    default: // cut frames
      return mgmt(8, BC, AP, AP, bytes(new Uint8Array(12), elements(i))).subarray(0, 10 + int(30));
  }
}

/** A radiotap header with fields chosen by `i` (aligned as the radiotap definition says). */
export function radiotap(i: number, flagsExtra = 0): Uint8Array {
  const fields: [bit: number, align: number, value: Uint8Array][] = [];
  const add = (bit: number, align: number, value: Uint8Array) => fields.push([bit, align, value]);
  const kind = i % 8;
  if (kind !== 3) add(0, 8, bytes(le32(int(2 ** 32)), le32(i)));
  add(1, 1, Uint8Array.of([0x10, 0x12, 0x00, 0x50, 0x01, 0x0e, 0x10, 0x30][kind]! | flagsExtra));
  if (kind < 4) add(2, 1, Uint8Array.of([2, 4, 11, 22, 12, 108, 0x87][i % 7]!));
  const freq = [2412, 2437, 2462, 5180, 5745, 2484][i % 6]!;
  const chflags = [0x00a0, 0x00c0, 0x0480, 0x0140, 0x4140, 0x0880, 0x00b0][i % 7]!;
  if (kind !== 5) add(3, 2, bytes(le16(freq), le16(chflags)));
  if (kind === 6) add(4, 1, Uint8Array.of(1, 2));
  add(5, 1, Uint8Array.of(256 - 30 - int(60)));
  if (i % 2) add(6, 1, Uint8Array.of(256 - 90 - int(10)));
  if (kind === 7) {
    add(7, 2, le16(int(100))),
      add(8, 2, le16(3)),
      add(9, 1, Uint8Array.of(6)),
      add(10, 1, Uint8Array.of(20));
  }
  if (i % 3 === 0) add(11, 1, Uint8Array.of(i % 4));
  if (kind === 2) add(12, 1, Uint8Array.of(40)), add(13, 1, Uint8Array.of(5));
  if (i % 4 === 1) add(14, 2, le16(0));
  if (kind === 5) {
    add(18, 4, bytes(le32([0x10140, 0x200c0, 0x400c0, 0x140][i % 4]!), le16(freq), 36, 30));
  }
  if (kind === 4) {
    add(
      19,
      1,
      Uint8Array.of(
        [0x07, 0x3f, 0x02, 0x1f][i % 4]!,
        [0x04, 0x15, 0x00, 0x01][i % 4]!,
        [7, 15, 3, 33][i % 4]!,
      ),
    );
  }
  if (kind === 6) {
    add(21, 2, bytes(le16(0x44), 0x04, [4, 0, 11, 1][i % 4]!, 0x92, 0, 0, 0, 1, 0, le16(0)));
  }
  if (kind === 1 && i % 5 === 0) add(20, 4, bytes(le32(i), le16(0), 0, 0));
  if (kind === 3 && i % 2) add(15, 2, le16(0)); // a field tcpdump does not know: it stops there
  fields.sort((a, b) => a[0] - b[0]);
  let present = 0;
  for (const [bit] of fields) present |= 1 << bit;
  const head = bytes(0, 0, 0, 0, le32(present >>> 0));
  let body: Uint8Array = new Uint8Array(0);
  for (const [, align, value] of fields) {
    const at = head.length + body.length;
    const padding = (align - at % align) % align;
    body = bytes(body, new Uint8Array(padding), value);
  }
  const all = bytes(head, body);
  all[2] = all.length & 0xff, all[3] = all.length >> 8;
  return all;
}

const wifiPackets = Array.from({ length: 72 }, (_, i) => ({ data: frame(i) }));

const radiotapPackets = Array.from({ length: 56 }, (_, i) => {
  if (i === 50) return { data: bytes(0, 0, 0x20, 0) }; // header longer than the capture
  if (i === 51) return { data: bytes(0, 0, 8, 0, le32(1 << 5)) }; // a field past the header
  if (i === 52) { // an extended bitmap: rate in the first word, TSFT (bit 32) in the second
    return {
      data: bytes(0, 0, 20, 0, le32(0x80000004), le32(1), 4, 0, 0, 0, 0, 0, 0, 0, frame(13)),
    };
  }
  if (i === 53) { // a vendor namespace skipped, then the radiotap namespace again
    return {
      data: bytes(
        0,
        0,
        24,
        0,
        le32(0xc0000004),
        le32(0xa0000001),
        le32(0x00000004),
        4,
        0,
        0x00,
        0x13,
        0x74,
        1,
        2,
        0,
        0xaa,
        0xbb,
        frame(13),
      ),
    };
  }
  const rt = radiotap(i, i % 11 === 10 ? 0x20 : 0);
  const fcs = rt[8 + (rt[4]! & 1 ? 8 : 0)]! & 0x10 ? le32(int(2 ** 32)) : new Uint8Array(0);
  return { data: bytes(rt, frame(i), fcs) };
});

export const WIFI_CASES: Case[] = [
  { name: "ieee802_11", linkType: 105, packets: wifiPackets, link: true },
  { name: "radiotap", linkType: 127, packets: radiotapPackets, link: true },
];
