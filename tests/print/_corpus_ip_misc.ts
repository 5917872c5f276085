// Golden cases for the small IP protocols of tcpdump 4.99's ip_demux_print(): EGP (protocol 8,
// every message type, updates with their gateway and network lists, a cut list), IP mobility
// encapsulation (55, with and without the old source, good and bad checksums, short), ND (77),
// Ethernet over IP (143: over IPv6 only), an unknown IP version under LINKTYPE_RAW, and the
// OSPF header's order of checks (an unknown version or packet type, cut before the auth type),
// Cisco IGRP (9: interior, system and exterior routes, extra bytes, missing routes, cuts) and
// EIGRP TLV lengths that do not fit.

import { bytes, cksum, ether, ipv4, ipv6, type Packet, tcp4, u16, u32 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const egp = (
  t: number,
  code: number,
  st: number,
  w10: Uint8Array,
  w12: Uint8Array,
  rest = bytes(),
) => bytes(2, t, code, st, u16(0), u16(64512), u16(7), w10, w12, rest);
const EGP = [
  egp(3, 0, 1, u16(30), bytes(u16(120), u16(0))),
  egp(3, 1, 5, u16(30), bytes(u16(120), u16(0))),
  egp(3, 2, 4, u16(30), bytes(u16(120), u16(0))),
  egp(3, 3, 1, u16(0), u32(0)),
  egp(3, 9, 1, u16(0), u32(0)),
  egp(5, 0, 1, u16(0), u32(0)),
  egp(5, 1, 7, u16(0), u32(0)),
  egp(5, 4, 0, u16(0), u32(0)),
  egp(2, 0, 2, u16(0), bytes(10, 0, 0, 0)),
  egp(2, 0, 9, u16(0), bytes(10, 0, 0, 0)),
  egp(
    1,
    0,
    0x81,
    bytes(1, 1),
    bytes(10, 0, 0, 0),
    bytes(1, 2, 3, 2, 0, 2, 10, 20, 1, 1, 130, 5, 6, 4, 2, 0, 1, 192, 1, 2),
  ),
  egp(1, 0, 1, bytes(1, 0), bytes(128, 9, 0, 0), bytes(1, 2, 1, 2, 0, 1, 10)),
  egp(1, 0, 1, bytes(1, 0), bytes(200, 9, 9, 0), bytes(7, 1, 3, 1, 10)),
  egp(1, 0, 1, bytes(2, 0), bytes(200, 9, 9, 0), bytes(7, 1, 3, 1)),
  egp(8, 0, 1, u16(3), u32(0)),
  egp(8, 0, 5, u16(9), u32(0)),
  egp(4, 0, 1, u16(3), u32(0)),
  bytes(3, 4, 0, 1, u16(0), u16(1), u16(2), u16(3), u32(0)),
];
const mob = (p: number, ck: number, extra: Uint8Array) =>
  bytes(u16(p), u16(ck), bytes(10, 1, 1, 1), extra);
const ospf = (v: number, t: number, auth = 0, extra = 20) =>
  bytes(
    v,
    t,
    u16(24 + extra),
    u32(0x01020304),
    u32(0),
    u16(0),
    u16(auth),
    new Uint8Array(8),
    new Uint8Array(extra),
  );
const A = "10.0.0.1", B = "10.0.0.2";
const rte = (n: number[]) => bytes(n, 0, 0, 100, 0, 0, 10, u16(1500), 255, 1, 2);
function igrp(vop: number, ni: number, ns: number, nx: number, body: Uint8Array, fix = true) {
  const h = bytes(vop, 3, u16(100), u16(ni), u16(ns), u16(nx), u16(0), body);
  const s = fix ? cksum(h) : 0;
  h[10] = s >> 8, h[11] = s & 0xff;
  return ipv4(A, B, 9, h);
}
const eigrp = (op: number, tlvs: Uint8Array) =>
  ipv4(A, "224.0.0.10", 88, bytes(2, op, u16(0), u32(0), u32(1), u32(0), u32(100), tlvs));
const IGRP_CUT = igrp(0x11, 1, 1, 0, bytes(rte([10, 1, 2]), rte([10, 0, 0])));
const cut = (d: Uint8Array, n: number): Packet => ({ data: d.subarray(0, n), wireLen: d.length });

export const IP_MISC_CASES: Case[] = [{
  name: "ip_misc",
  linkType: 101,
  packets: [
    ...EGP.map((e) => ({ data: ipv4(A, B, 8, e) })),
    cut(ipv4(A, B, 8, EGP[0]!), 30),
    { data: ipv4(A, B, 55, mob(0x0600, 0, bytes(10, 2, 2, 2, 1, 2, 3, 4))) },
    { data: ipv4(A, B, 55, mob(0x0680, 0x1234, bytes(10, 2, 2, 2, 1, 2, 3, 4))) },
    { data: ipv4(A, B, 55, mob(0x0600, 0xe4fb, bytes(10, 2, 2, 2))) },
    { data: ipv4(A, B, 55, mob(0x0600, 0, bytes())) },
    { data: ipv4(A, B, 77, bytes(1, 2, 3)) },
    { data: ipv4(A, B, 143, bytes(1, 2, 3)) },
    {
      data: ipv6(
        "::1",
        "::2",
        143,
        bytes("ffffffffffff0011223344550800", ipv4("1.1.1.1", "2.2.2.2", 77, bytes(1))),
      ),
    },
    { data: bytes(0x75, ipv4(A, B, 17, bytes()).subarray(1)) },
    { data: bytes(0x05, ipv4(A, B, 17, bytes()).subarray(1)) },
    { data: ipv4(A, B, 89, ospf(3, 1)) },
    { data: ipv4(A, B, 89, ospf(142, 60)) },
    { data: ipv4(A, B, 89, ospf(2, 60)) },
    { data: ipv4(A, B, 89, ospf(3, 1, 1)) },
    { data: ipv4(A, B, 89, ospf(3, 1, 7)) },
    cut(ipv4(A, B, 89, ospf(142, 60)), 30),
    cut(ipv4(A, B, 89, ospf(2, 1)), 30),
    { data: ipv6("::1", "::2", 89, ospf(2, 1)) },
    { data: ipv6("::1", "::2", 89, ospf(142, 60)) },
    { data: igrp(0x11, 1, 1, 1, bytes(rte([10, 1, 2]), rte([10, 0, 0]), rte([192, 168, 1]))) },
    {
      data: igrp(0x11, 1, 1, 1, bytes(rte([10, 1, 2]), rte([10, 0, 0]), rte([192, 168, 1])), false),
    },
    { data: igrp(0x12, 0, 0, 0, bytes()) },
    { data: igrp(0x13, 0, 0, 0, bytes(1, 2, 3, 4)) },
    { data: igrp(0x11, 0, 0, 0, rte([1, 2, 3])) },
    { data: igrp(0x11, 2, 0, 0, rte([1, 2, 3])) },
    { data: ipv4(A, B, 9, bytes(0x11, 3, 0, 1, 0)) },
    { data: igrp(0x11, 1, 0, 0, bytes(rte([1, 2, 3]), 9)) },
    { data: igrp(0x11, 1, 0, 0, bytes(1, 2, 3, new Uint8Array(11))) },
    cut(IGRP_CUT, 40),
    cut(IGRP_CUT, 26),
    { data: eigrp(5, bytes(0, 1)) },
    { data: eigrp(5, bytes(0, 1, 0, 2, 9, 9, 9, 9)) },
    { data: eigrp(5, bytes(0, 1, 0, 200, 9, 9, 9, 9)) },
    { data: eigrp(60, bytes(0, 0, 0x40, 0, 9, 9, 9, 9)) },
    { data: eigrp(5, bytes(0, 1, 0, 12, 1, 0, 1, 0, 0, 15, 0, 4, 1, 2, 3)) },
  ],
}];

// MPLS without an explicit-null label: the payload is guessed from its first byte alone
// (0x45-0x4f IPv4, 0x60-0x6f IPv6, 0x81-0x83 OSI), however short it is
const mplsFrame = (payload: Uint8Array, label = 1000) =>
  ether(
    0x8847,
    bytes(u32((label << 12) | 0x100 | 64), payload),
    "00:11:22:33:44:55",
    "66:77:88:99:aa:bb",
  );
const IP = ipv4(A, B, 17, new Uint8Array(12));
IP_MISC_CASES.push({
  name: "mpls_guess",
  linkType: 1,
  packets: [
    IP.subarray(0, 10),
    bytes(0x44, IP.subarray(1)),
    bytes(0x4f, IP.subarray(1)),
    IP,
    ipv6("::1", "::2", 59, bytes()).subarray(0, 20),
    ipv6("::1", "::2", 59, bytes()),
    bytes(0x81, 1, 2, 3),
    bytes(0x83, 0x1b, 1, 0, 0x10, 1, 0, 0),
    bytes(0x82, 1, 2),
    bytes(0x70, 1, 2, 3),
  ].map((p) => ({ data: mplsFrame(p) })),
});

// BGP over TCP with bytes before a marker (tcpdump resynchronises and says the stream was
// cut)
const KEEPALIVE = bytes(new Uint8Array(16).fill(0xff), u16(19), 4);
const bgpSeg = (payload: Uint8Array) => tcp4(A, B, 179, 40000, 0x18, payload);
IP_MISC_CASES.push({
  name: "bgp_resync",
  linkType: 101,
  packets: [
    bgpSeg(bytes(1, 2, 3, KEEPALIVE)),
    bgpSeg(bytes(KEEPALIVE, 0xff, 0, KEEPALIVE)),
    bgpSeg(bytes(KEEPALIVE, KEEPALIVE)),
  ].map((data) => ({ data })),
});
