// Golden case for ICMPv6 messages print-icmp6.c decodes beyond neighbour discovery: RPL (type
// 155: DIS, DIO with each mode of operation and its options, DAO with and without a DODAG id,
// DAO-ACK, secured and unknown codes), router renumbering (138: command with match and use
// parts, result, sequence number reset), inverse neighbour discovery (141, 142, the name only),
// 151-153 (unknown to 4.99.3), MLD messages cut before their 24 bytes, and cut captures.

import { bytes, ether, ip6, ipv6, u16, u32 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const icmp = (type: number, code: number, body: Uint8Array) =>
  ether(0x86dd, ipv6("fe80::1", "ff02::1a", 58, bytes(type, code, 0, 0, body), 255));
const dag = ip6("2001:db8::1");
const opts = bytes(0, 1, 2, 0, 0, 2, 3, 1, 2, 3, 4, 2, 9, 9, 5, 0, 7, 1, 42, 8, 0, 9, 1, 1, 3, 0);
const packets: Packet[] = [];
for (const mp of [0, 0x08, 0x10, 0x18, 0x20, 0x38, 0x81, 0xbf]) {
  packets.push({ data: icmp(155, 1, bytes(7, 1, u16(256), mp, 9, 0, 0, dag, opts)) });
}
packets.push({ data: icmp(155, 1, bytes(7, 1, u16(256), 0, 9, 0, 0)) });
packets.push({ data: icmp(155, 1, bytes(7, 1, u16(256), 0, 9, 0, 0, dag, 1, 5, 1, 2)) });
for (const fl of [0, 0x40, 0x80, 0xc0, 0x3f]) {
  packets.push({ data: icmp(155, 2, bytes(3, fl, 0, 77, dag, opts)) });
}
packets.push({ data: icmp(155, 2, bytes(3, 0x40, 0, 77, u32(1))) });
packets.push({ data: icmp(155, 2, bytes(3, 0, 0)) });
for (const fl of [0, 0x80, 0x7f]) {
  packets.push({ data: icmp(155, 3, bytes(3, fl, 5, 6, dag, 1, 0)) });
}
packets.push({ data: icmp(155, 3, bytes(3, 0x80, 5, 6, u32(9))) });
packets.push({ data: icmp(155, 3, bytes(3)) });
for (const code of [0, 4, 0x80, 0x81]) packets.push({ data: icmp(155, code, bytes(1, 2, 3, 4)) });
const use = (fl: number, vl: number) =>
  bytes(64, 48, 0xc0, 0x40, u32(vl), u32(0xffffffff), fl, 0, 0, 0, ip6("2001:db8:1::"));
const match = (len: number) => bytes(1, len, 2, 48, 10, 64, 0, 0, ip6("2001:db8::"));
for (const [code, flags, rsvd] of [[0, 0xf8, 0], [1, 0, 5], [255, 0x40, 0], [7, 0, 0]]) {
  packets.push({
    data: icmp(
      138,
      code!,
      bytes(u32(12345), 3, flags!, u16(100), u32(rsvd!), match(11), use(0x80, 7), use(0xc0, -1)),
    ),
  });
}
packets.push({ data: icmp(138, 0, bytes(u32(1), 0, 0, u16(0), u32(0), match(5))) });
packets.push({ data: icmp(138, 0, bytes(u32(1), 0, 0, u16(0), u32(0), match(11), use(0, 1))) });
for (const t of [130, 131, 132, 133, 138, 141, 142, 151, 152, 153, 155]) {
  const d = icmp(t, 0, new Uint8Array(32));
  packets.push({ data: d });
  for (const k of [56, 59, 63, 70]) packets.push({ data: d.subarray(0, k), wireLen: d.length });
}
// router advertisement flags, one bit each (4.99.3 names 0x80, 0x40, 0x20 and 0x02)
for (let b = 0; b < 8; b++) {
  packets.push({ data: icmp(134, 0, bytes(64, 1 << b, u16(1800), u32(0), u32(0))) });
}
const n = packets.length;
for (let i = 0; i < 30 && i < n; i += 3) {
  const d = packets[i]!.data;
  for (const k of [62, 70, 80, 100]) {
    if (k < d.length) packets.push({ data: d.subarray(0, k), wireLen: d.length });
  }
}

export const ICMP6_CASES: Case[] = [{
  name: "icmp6",
  linkType: 1,
  packets,
  flags: [[], ["-v"], ["-vv"], ["-vvv"]],
}];
