// Golden corpus case for AHCP (UDP 5359): version 1 headers with each message type, the MBZ
// byte, options of every kind (times, seconds, IPv4 and IPv6 addresses and prefixes, pads,
// lengths that do not fit their kind, unknown options), bodies longer than the datagram, bad
// magic, other versions, datagrams shorter than the header; against DHCPv6's port (tried first)
// and babel's; cut captures.

import { bytes, ether, ip4, ip6, u16, u32, udp4 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const head = (hops = 3) =>
  bytes(43, 1, hops, 5, u32(0xdeadbeef), "0011223344556677", "8899aabbccddeeff");
const body = (type: number, mbz: number, opts: Uint8Array, len = opts.length) =>
  bytes(type, mbz, u16(len), opts);
const opt = (no: number, v: Uint8Array) => bytes(no, v.length, v);
const A6 = ip6("2001:db8::1"), B6 = ip6("fe80::2"), A4 = ip4("192.0.2.1"), B4 = ip4("198.51.100.7");
const ALL = bytes(
  0,
  1,
  opt(2, u32(1700000000)),
  opt(3, u32(3600)),
  opt(4, A6),
  opt(5, bytes(A4, B4)),
  opt(6, bytes(A6, 64)),
  opt(7, bytes(A4, 24)),
  opt(8, bytes(A6, B6)),
  opt(9, A4),
  opt(10, bytes(B6, 48)),
  opt(11, bytes(A4, 16, B4, 8)),
  opt(12, A6),
  opt(13, B6),
  opt(99, bytes("0102")),
);

const bodies: [number, number, Uint8Array][] = [
  [5359, 5359, bytes(head(), body(0, 0, ALL))],
  [40000, 5359, bytes(head(), body(1, 7, opt(3, u32(60))))],
  [5359, 40000, bytes(head(), body(2, 0, new Uint8Array(0)))],
  [5359, 5359, bytes(head(), body(3, 0, opt(2, bytes(u32(0), 0))))],
  [5359, 5359, bytes(head(), body(4, 0, opt(3, u16(1))))],
  [5359, 5359, bytes(head(), body(5, 0, opt(4, bytes(A6, 1))))],
  [5359, 5359, bytes(head(), body(9, 0, opt(5, bytes(A4, 1, 2))))],
  [5359, 5359, bytes(head(), body(0, 0, opt(6, A6)))],
  [5359, 5359, bytes(head(), body(0, 0, opt(11, bytes(A4, 1, 2))))],
  [5359, 5359, bytes(head(), body(0, 0, bytes(2)))],
  [5359, 5359, bytes(head(), body(0, 0, bytes(9, 8, A4)))],
  [5359, 5359, bytes(head(), body(0, 0, opt(2, u32(0xffffffff)), 40))],
  [5359, 5359, bytes(head(), body(0, 0, ALL), "ffff")],
  [5359, 5359, bytes(head(), 1, 0)],
  [5359, 5359, bytes(head())],
  [5359, 5359, bytes(43, 1, 1, 2, 3)],
  [5359, 5359, bytes(43, 2, "0102030405")],
  [5359, 5359, bytes(42, 1, head().subarray(2))],
  [5359, 5359, bytes(43)],
  [5359, 5359, new Uint8Array(0)],
  [547, 5359, bytes(head(), body(0, 0, ALL))],
  [5359, 6696, bytes(head(), body(0, 0, ALL))],
];
const packets: Packet[] = bodies.map(([s, d, b]) => ({
  data: ether(0x0800, udp4("10.170.0.1", "10.170.0.2", s, d, b)),
}));
const w = packets[0]!.data;
const wv = packets[16]!.data;
for (const k of [44, 46]) packets.push({ data: wv.subarray(0, k), wireLen: wv.length });
for (
  const k of [43, 44, 45, 50, 56, 66, 70, 72, 74, 78, 80, 84, 90, 100, 110, 120, 150, 180, 200]
) {
  packets.push({ data: w.subarray(0, k), wireLen: w.length });
}

export const AHCP_CASES: Case[] = [{ name: "ahcp", linkType: 1, packets }];
