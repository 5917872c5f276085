// Golden case for GRE source routes and PPTP's enhanced GRE (version 1): IPv4 and AS path
// source route entries with the current one marked, an unknown address family, bad offsets
// and lengths, a route list cut before its end; version 1 with each flag bit, call id,
// sequence and acknowledgement numbers, no payload, PPP (LCP) and another protocol; cut
// captures.

import { bytes, ether, ip4, ipv4, u16, u32 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const inner = ipv4("192.0.2.1", "192.0.2.2", 253, bytes(1, 2, 3, 4));
const gre = (flags: number, prot: number, extra: Uint8Array) =>
  ether(0x0800, ipv4("10.185.0.1", "10.185.0.2", 47, bytes(u16(flags), u16(prot), extra)));
const sreIp = (off: number, a: string[]) => bytes(u16(0x0800), off, a.length * 4, ...a.map(ip4));
const sreAsn = (off: number, n: number[]) => bytes(u16(0xfffe), off, n.length * 2, ...n.map(u16));
const end = bytes(u16(0), 0, 0);
const ppp = bytes(0xff, 0x03, 0xc0, 0x21, 1, 1, 0, 4);
const v0: Uint8Array[] = [
  gre(
    0x4000,
    0x0800,
    bytes(u16(0), u16(4), sreIp(4, ["10.1.1.1", "10.2.2.2", "10.3.3.3"]), end, inner),
  ),
  gre(
    0x6000,
    0x0800,
    bytes(u16(0), u16(0), u32(99), sreAsn(2, [65001, 65002]), sreIp(0, ["10.9.9.9"]), end, inner),
  ),
  gre(0x4000, 0x0800, bytes(u16(0), u16(0), u16(0x1234), 0, 4, 1, 2, 3, 4, end, inner)),
  gre(0x4000, 0x0800, bytes(u16(0), u16(0), sreIp(1, ["10.1.1.1"]), end, inner)),
  gre(0x4000, 0x0800, bytes(u16(0), u16(0), u16(0x0800), 0, 3, 1, 2, 3, end, inner)),
  gre(0x4000, 0x0800, bytes(u16(0), u16(0), u16(0x0800), 8, 8, 1, 2, 3, 4, 5, 6, 7, 8, end, inner)),
  gre(0x4000, 0x0800, bytes(u16(0), u16(0), sreIp(0, ["10.1.1.1"]))),
];
const v1: Uint8Array[] = [];
for (let b = 0; b < 16; b++) {
  v1.push(gre((1 << b) | 1, 0x880b, bytes(u16(8), u16(5), u32(7), u32(9), ppp)));
}
v1.push(gre(0x3081, 0x880b, bytes(u16(8), u16(5), u32(7), u32(9), ppp)));
v1.push(gre(0x2081, 0x880b, bytes(u16(0), u16(5), u32(9))));
v1.push(gre(0x3001, 0x880b, bytes(u16(8), u16(5), u32(7), ppp)));
v1.push(gre(0x3001, 0x0800, bytes(u16(8), u16(5), u32(7), ppp)));
const packets: Packet[] = [...v0, ...v1].map((data) => ({ data }));
for (const d of [v0[0]!, v0[1]!, v1[16]!, v1[18]!]) {
  for (const k of [38, 40, 42, 44, 48, 52, 56]) {
    if (k < d.length) packets.push({ data: d.subarray(0, k), wireLen: d.length });
  }
}

export const GRE_CASES: Case[] = [{ name: "gre", linkType: 1, packets, link: true }];
