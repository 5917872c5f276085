// Golden corpus case for AODV (RFC 3561, UDP 654): route requests, replies, errors and
// acknowledgements over IPv4 and IPv6 (the IPv6 layouts), the IPv6 draft-01 types 16-19 over
// IPv4, the Hello extension and others after a request or reply, messages shorter than their
// type's size, an error counting more destinations than it carries, unknown types, the port on
// either side and against RIP's (tried first) and ISAKMP's (tried after), cut captures.

import { bytes, ether, ip4, ip6, u32, udp4, udp6 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const A = ip4("10.1.2.3"), B = ip4("192.168.7.9");
const A6 = ip6("2001:db8::1"), B6 = ip6("fe80::1:2");
const hello = (len: number, ms: number) => bytes(1, len, u32(ms));
const rreq = (t: number, flags: number, hops: number, da: Uint8Array, oa: Uint8Array) =>
  bytes(t, flags, 0, hops, u32(0xdeadbeef), da, u32(77), oa, u32(0xfffffff0));
const rrep = (t: number, flags: number, ps: number, da: Uint8Array, oa: Uint8Array) =>
  bytes(t, flags, ps, 3, da, u32(5), oa, u32(3000));
const rreqDraft = bytes(16, 0xf8, 0, 2, u32(1), u32(10), u32(20), A6, B6);
const rrepDraft = bytes(17, 0xc0, 0xff, 9, u32(11), A6, B6, u32(60000));

const v4: [number, number, Uint8Array][] = [
  [654, 654, rreq(1, 0xf8, 4, A, B)],
  [654, 654, bytes(rreq(1, 0, 1, A, B), hello(4, 1000))],
  [40000, 654, bytes(rreq(1, 0, 1, A, B), hello(2, 1000))],
  [654, 40000, bytes(rreq(1, 0, 1, A, B), bytes(7, 3, "aabbcc"))],
  [654, 654, bytes(rreq(1, 0, 1, A, B), 1)],
  [654, 654, bytes(rreq(1, 0, 1, A, B), bytes(1, 4, "0102"))],
  [654, 654, rreq(1, 0, 1, A, B).subarray(0, 20)],
  [654, 654, rrep(2, 0xc0, 0xe5, A, B)],
  [654, 654, bytes(rrep(2, 0, 0, B, A), hello(6, 250))],
  [654, 654, rrep(2, 0, 0, B, A).subarray(0, 19)],
  [654, 654, bytes(3, 0x80, 0, 2, A, u32(1), B, u32(2))],
  [654, 654, bytes(3, 0x7f, 0, 3, A, u32(1), B, u32(2))],
  [654, 654, bytes(3, 0, 0, 0)],
  [654, 654, bytes(3, 0, 0)],
  [654, 654, bytes(4, 0)],
  [654, 654, bytes(19, 0, 0, 0)],
  [654, 654, rreqDraft],
  [654, 654, bytes(rrepDraft, hello(4, 7))],
  [654, 654, bytes(18, 0x80, 0, 1, A6, u32(9))],
  [654, 654, bytes(99, 1, 2, 3)],
  [654, 654, new Uint8Array(0)],
  [520, 654, rreq(1, 0, 1, A, B)],
  [654, 500, rreq(1, 0, 1, A, B)],
  [500, 654, rreq(1, 0, 1, A, B)],
];
const packets: Packet[] = v4.map(([s, d, b]) => ({
  data: ether(0x0800, udp4("10.120.0.1", "10.120.0.2", s, d, b)),
}));
const v6: [number, number, Uint8Array][] = [
  [654, 654, rreq(1, 0, 7, A6, B6)],
  [654, 654, bytes(rrep(2, 0, 64, A6, B6), hello(4, 1500))],
  [654, 654, bytes(3, 0, 0, 2, A6, u32(1), B6, u32(2))],
  [654, 654, rreq(1, 0, 1, A, B)],
  [654, 654, rreqDraft],
  [654, 654, bytes(4, 0, 0)],
];
for (const [s, d, b] of v6) {
  packets.push({ data: ether(0x86dd, udp6("2001:db8::a", "2001:db8::b", s, d, b)) });
}
const w = packets[1]!.data, wr = packets[10]!.data;
for (const k of [42, 43, 45, 50, 60, 65, 66, 67, 68, 70, 71]) {
  packets.push({ data: w.subarray(0, k), wireLen: w.length });
}
for (const k of [44, 46, 47, 50, 54, 58]) {
  packets.push({ data: wr.subarray(0, k), wireLen: wr.length });
}

export const AODV_CASES: Case[] = [{ name: "aodv", linkType: 1, packets }];
