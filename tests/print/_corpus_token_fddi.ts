// Golden cases for Token Ring and FDDI frames (tcpdump 4.99's print-token.c, print-fddi.c): as
// LINKTYPE_IEEE802_5 and LINKTYPE_FDDI, and bridged over Frame Relay in RFC 1490 SNAP (OUI
// 0x0080c2, PIDs 3/9 Token Ring and 4/10 FDDI, with and without FCS). Source-routed frames with
// their routing segments, LLC/SNAP carrying IP, ARP and STP, MAC and SMT frames, unknown frame
// controls and SAPs, and cut headers.

import { bytes, ip4, mac, type Packet, tcp4, u16, udp4 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const A = "00:00:83:00:00:0a", B = "10:00:5a:00:00:0b";
const snapIp = (i: number) =>
  bytes(
    0xaa,
    0xaa,
    0x03,
    0,
    0,
    0,
    u16(0x0800),
    i % 2
      ? udp4(`10.5.0.${i}`, "10.5.0.254", 5000 + i, 53, new Uint8Array(i % 4))
      : tcp4(`10.5.0.${i}`, "10.5.0.254", 1024 + i, 80, 0x02, new Uint8Array(0)),
  );
const arp = bytes(
  0xaa,
  0xaa,
  0x03,
  0,
  0,
  0,
  u16(0x0806),
  "0006 0800 0604 0001",
  mac(A),
  ip4("10.5.0.1"),
  "000000000000",
  ip4("10.5.0.2"),
);
const bpdu = bytes(
  0x42,
  0x42,
  0x03,
  "000000000080000000000000010000000480000000000000018001000014000200 0f00",
);
const unknownLlc = bytes(0xf0, 0xf0, 0x03, "0102030405");
const iFrame = bytes(0x04, 0x05, 0x02, 0x04, "a1a2a3");

/** A Token Ring frame: AC, FC, addresses (source-routing bit from `rif`), routing field, body. */
function token(fc: number, body: Uint8Array, rif: number[] = [], src = A, dst = B, ac = 0x10) {
  const s = mac(src);
  if (rif.length) s[0] = s[0]! | 0x80;
  return bytes(ac, fc, mac(dst), s, Uint8Array.from(rif), body);
}
const RIFS: number[][] = [
  [0x02, 0x30],
  [0x06, 0xb0, 0x00, 0x11, 0x00, 0x21],
  [0xc8, 0x70, 0x00, 0x11, 0x00, 0x21, 0xff, 0xf3],
  [0x84, 0x00, 0x01, 0x23],
  [0x4a, 0xf0, 0x00, 0x11, 0x00, 0x21, 0x00, 0x31, 0x00, 0x40],
];
const TOKENS: Uint8Array[] = [
  ...Array.from({ length: 8 }, (_, i) => token(0x40, snapIp(i))),
  ...RIFS.map((rif, i) => token(0x40 | i, i % 2 ? arp : snapIp(i + 10), rif)),
  token(0x40, bpdu),
  token(0x41, unknownLlc),
  token(0x40, iFrame),
  token(0x00, bytes("0102030405060708"), [], A, B, 0x00), // a MAC frame
  token(0x01, bytes("0a0b0c"), RIFS[1]!),
  token(0xc0, bytes("ff")),
  token(0x40, bytes(0xaa, 0xaa, 0x03, 0x12, 0x34, 0x56, u16(1), "0102")),
  token(0x40, bytes(0xaa, 0xaa, 0x03, 0, 0, 0x0c, u16(0x2000), "02b4f0a80001000a6c696e6b2d61")),
];
const cut = (d: Uint8Array, n: number): Packet => ({ data: d.subarray(0, n), wireLen: d.length });
const TOKEN_CUT: Packet[] = [
  cut(TOKENS[0]!, 10),
  cut(TOKENS[9]!, 15),
  cut(TOKENS[10]!, 17),
  cut(TOKENS[1]!, 20),
  cut(TOKENS[2]!, 40),
];

/** An FDDI frame: FC, addresses, body. */
const fddi = (fc: number, body: Uint8Array, src = A, dst = B) =>
  bytes(fc, mac(dst), mac(src), body);
const FDDI_FCS = [
  0x40,
  0x80,
  0xc0,
  0x41,
  0x4f,
  0xc2,
  0xc3,
  0xc5,
  0x45,
  0xd1,
  0x61,
  0xe2,
  0x20,
  0x0f,
];
const FDDIS: Uint8Array[] = [
  ...Array.from({ length: 8 }, (_, i) => fddi(0x50 | (i % 3), i % 4 === 3 ? arp : snapIp(i))),
  fddi(0x50, bpdu),
  fddi(0x51, unknownLlc),
  fddi(0x57, iFrame),
  ...FDDI_FCS.map((fc, i) => fddi(fc, bytes(0x10 + i, 0x20, 0x30))),
];
const FDDI_CUT: Packet[] = [cut(FDDIS[0]!, 12), cut(FDDIS[1]!, 14), cut(FDDIS[2]!, 30)];

/** Bridged in RFC 1490 SNAP over Frame Relay (DLCI 100); FDDI frames keep one pad byte. */
const fr = (pid: number, frame: Uint8Array) =>
  bytes(
    0x18,
    0x41,
    0x03,
    0x00,
    0x80,
    0x00,
    0x80,
    0xc2,
    u16(pid),
    pid === 4 || pid === 10 ? 0 : [],
    frame,
  );
const FR: Uint8Array[] = [
  ...TOKENS.slice(0, 10).map((t, i) => fr(i % 2 ? 3 : 9, t)),
  ...FDDIS.slice(0, 14).map((f, i) => fr(i % 2 ? 4 : 10, f)),
  fr(9, TOKENS[14]!),
  fr(10, FDDIS[20]!),
];
const FR_CUT: Packet[] = [cut(FR[0]!, 12), cut(FR[10]!, 13), cut(FR[12]!, 20), cut(FR[3]!, 30)];

export const TOKEN_FDDI_CASES: Case[] = [
  {
    name: "token_ring",
    linkType: 6,
    packets: [...TOKENS.map((data) => ({ data })), ...TOKEN_CUT],
    link: true,
  },
  {
    name: "fddi",
    linkType: 10,
    packets: [...FDDIS.map((data) => ({ data })), ...FDDI_CUT],
    link: true,
  },
  {
    name: "fr_snap_bridged",
    linkType: 107,
    packets: [...FR.map((data) => ({ data })), ...FR_CUT],
    link: true,
  },
];

const le = (v: number) => Uint8Array.of(v & 0xff, v >> 8);
const LOOPBACKS: Uint8Array[] = [
  bytes(le(0), le(1), le(7), "0102030405"),
  bytes(le(8), "0000000000000000", le(2), mac(B), le(1), le(9)),
  bytes(le(0), le(2), mac(A), le(1), le(3), "aa"),
  bytes(le(3), "000000", le(1), le(1)),
  bytes(le(0), le(5), "0102"),
  bytes(le(0), le(1)),
  bytes(le(0), le(1), 0x07),
  bytes(le(0), le(2), "0102030405"),
  bytes(le(16), "00"),
  bytes(le(0)),
  bytes(0x01),
  bytes(le(0), 0x01),
];
TOKEN_FDDI_CASES.push({
  name: "loopback",
  linkType: 1,
  packets: [
    ...LOOPBACKS.map((b, i) => ({
      data: bytes(mac(B), mac(A), u16(0x9000), b, i % 3 ? [] : [0, 0]),
    })),
    ...LOOPBACKS.slice(0, 8).map((b) => {
      const d = bytes(mac(A), mac(B), u16(0x9000), b);
      return { data: d.subarray(0, d.length - 1), wireLen: d.length };
    }),
  ],
  link: true,
});
