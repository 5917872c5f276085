// Golden corpus case for LISP control messages (RFC 6830, UDP 4342): Map-Register and
// Map-Notify with their flags, authentication data, records with IPv4, IPv6 and LCAF EID
// prefixes, IPv4, IPv6 and unknown locators, the xTR and site ids (whole and short), bytes left
// over, no records, an authentication length past the message (and one that wraps print-lisp.c's
// 16-bit offset); the other types named only; against Geneve's, VXLAN's and VXLAN-GPE's ports;
// cut captures.

import { bytes, ether, ip4, ip6, u16, u32, udp4 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const NONCE = "0102030405060708";
const head = (tf: number, m: number, n: number, key: number, auth: Uint8Array) =>
  bytes(tf, 0, m, n, NONCE, u16(key), u16(auth.length), auth);
const rec = (locs: number, mask: number, act: number, ver: number, afi: number, eid: Uint8Array) =>
  bytes(u32(1440), locs, mask, act, 0, u16(ver), u16(afi), eid);
const loc = (flags: number, afi: number, addr: Uint8Array) =>
  bytes(1, 100, 255, 0, u16(flags), u16(afi), addr);
const SHA1 = new Uint8Array(20).map((_, i) => i * 13);
const L4 = loc(0x0007, 1, ip4("192.0.2.1")), L6 = loc(0x0001, 2, ip6("2001:db8::99"));
const R4 = rec(2, 24, 0x10, 0xf123, 1, ip4("10.9.8.0"));
const XTR = bytes("00112233445566778899aabbccddeeff", "0000000000000309");
const reg = bytes(head(0x3f, 1, 1, 1, SHA1), R4, L4, L6);

const bodies: [number, number, Uint8Array][] = [
  [4342, 4342, reg],
  [40000, 4342, bytes(head(0x32, 0, 1, 2, new Uint8Array(32).fill(0xab)), R4, L4, L6, XTR)],
  [4342, 40000, bytes(head(0x32, 0, 1, 0, new Uint8Array(0)), R4, L4, L6, XTR.subarray(0, 10))],
  [4342, 4342, head(0x30, 0, 0, 0, new Uint8Array(0))],
  [
    4342,
    4342,
    bytes(
      head(0x48, 0, 1, 7, bytes("aabbcc")),
      rec(1, 64, 0xf0, 0, 2, ip6("2001:db8:1::")),
      loc(0, 3, bytes("01020304")),
      XTR,
    ),
  ],
  [
    4342,
    4342,
    bytes(
      head(0x44, 0, 1, 0, new Uint8Array(0)),
      rec(0, 8, 0x50, 5, 1, ip4("172.16.0.0")),
      "deadbeef01",
    ),
  ],
  [
    4342,
    4342,
    bytes(
      head(0x30, 0, 1, 0, new Uint8Array(0)),
      rec(1, 8, 0x20, 5, 16387, bytes("0102030405060708")),
      L4,
    ),
  ],
  [
    4342,
    4342,
    bytes(head(0x30, 1, 2, 0, new Uint8Array(0)), rec(1, 32, 0x70, 1, 1, ip4("10.0.0.1")), L4),
  ],
  [
    4342,
    4342,
    bytes(head(0x30, 0, 1, 0, new Uint8Array(0)), rec(3, 32, 0, 1, 1, ip4("10.0.0.1")), L4, L6),
  ],
  [
    4342,
    4342,
    bytes(
      head(0x30, 0, 1, 0, new Uint8Array(0)),
      rec(1, 32, 0x90, 1, 1, ip4("10.0.0.1")),
      loc(0, 1, bytes("0a00")),
    ),
  ],
  [4342, 4342, bytes(0x30, 0, 0, 1, NONCE, u16(1), u16(300), "0102030405")],
  [4342, 4342, bytes(0x30, 0, 0, 1, NONCE, u16(0), u16(0xfff8), R4.subarray(0, 8), R4, L4)],
  [4342, 4342, bytes(0x10, 0, 0, 1, NONCE, u32(0), "aabb")],
  [4342, 4342, bytes(0x20, 0, 0, 1, NONCE, u32(0))],
  [4342, 4342, bytes(0x80, 0, 0, 0, NONCE, u32(0))],
  [4342, 4342, bytes(0x00, 0, 0, 0, NONCE, u32(0))],
  [4342, 4342, bytes(0x50, 0, 0, 0, NONCE, u32(0))],
  [4342, 4342, bytes(0xf0, 0, 0, 0, NONCE, u32(0))],
  [4342, 4342, bytes(0x30, 0, 0, 1, NONCE, u16(0))],
  [4342, 4342, new Uint8Array(0)],
  [6081, 4342, reg],
  [4342, 4790, reg],
  [4789, 4342, reg],
];
const packets: Packet[] = bodies.map(([s, d, b]) => ({
  data: ether(0x0800, udp4("10.130.0.1", "10.130.0.2", s, d, b)),
}));
// Ethernet padding after a short message: not part of the datagram
packets.push({
  data: bytes(
    ether(0x0800, udp4("10.130.0.1", "10.130.0.2", 4342, 4342, bodies[5]![2].subarray(0, 24))),
    new Uint8Array(16),
  ),
});
const w = packets[1]!.data;
for (
  const k of [
    44,
    50,
    57,
    58,
    60,
    62,
    70,
    90,
    91,
    92,
    93,
    100,
    101,
    102,
    110,
    112,
    114,
    120,
    124,
    130,
    140,
    150,
  ]
) {
  packets.push({ data: w.subarray(0, k), wireLen: w.length });
}

export const LISP_CASES: Case[] = [{ name: "lisp", linkType: 1, packets }];
