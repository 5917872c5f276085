// Golden case for RFC 4884 multi-part ICMP messages (the MPLS label stacks routers add to time
// exceeded messages, RFC 4950): time exceeded, port unreachable and parameter problem messages
// quoting 128 bytes with an extension of MPLS stack entries and an interface identification
// object, a zero length field with right and wrong checksums, version 1, object class 0, object
// lengths too small and too large, a redirect (no extension decoded), and cut captures.

import { bytes, cksum, ether, ipv4, u16, u32, udp4 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const quoted = udp4("10.0.0.2", "192.0.2.9", 40000, 33434, new Uint8Array(100)).subarray(0, 128);
const ext = (ver: number, objs: Uint8Array, good = true) => {
  const e = bytes(ver << 4, 0, 0, 0, objs);
  if (good) {
    const s = cksum(e);
    e[2] = s >> 8, e[3] = s & 0xff;
  }
  return e;
};
const obj = (cls: number, ct: number, body: Uint8Array) =>
  bytes(u16(4 + body.length), cls, ct, body);
const icmp = (type: number, code: number, lenField: number, tail: Uint8Array) => {
  const body = bytes(type, code, 0, 0, 0, lenField, 0, 0, quoted, tail);
  const s = cksum(body);
  body[2] = s >> 8, body[3] = s & 0xff;
  return ether(0x0800, ipv4("10.0.0.1", "10.0.0.2", 1, body));
};
const label = (l: number, tc: number, s: number, ttl: number) =>
  u32(((l << 12) | (tc << 9) | (s << 8) | ttl) >>> 0);
const one = obj(1, 1, label(16004, 3, 1, 1));
const bodies: [number, number, number, Uint8Array][] = [
  [11, 0, 32, ext(2, one)],
  [11, 0, 0, ext(2, one)],
  [11, 0, 0, ext(2, one, false)],
  [11, 0, 32, ext(2, one, false)],
  [
    3,
    3,
    32,
    ext(
      2,
      bytes(
        obj(1, 1, bytes(label(16004, 3, 0, 1), label(24001, 0, 1, 1))),
        obj(2, 7, bytes("0102030405060708")),
      ),
    ),
  ],
  [12, 0, 32, ext(2, obj(1, 2, bytes(1, 2, 3, 4)))],
  [11, 0, 32, ext(1, one)],
  [11, 0, 32, ext(2, obj(0, 1, label(1, 0, 1, 1)))],
  [11, 0, 32, ext(2, bytes(u16(2), 1, 1, label(1, 0, 1, 1)))],
  [11, 0, 32, ext(2, bytes(u16(40), 1, 1, label(1, 0, 1, 1)))],
  [11, 0, 32, ext(2, bytes(1, 2, 3))],
  [5, 1, 32, ext(2, one)],
  [11, 0, 32, new Uint8Array(0)],
];
const packets: Packet[] = bodies.map(([t, c, l, tail]) => ({ data: icmp(t, c, l, tail) }));
for (const p of packets.slice(0, 6)) {
  for (const k of [160, 175, 178, 182, 186]) {
    if (k < p.data.length) packets.push({ data: p.data.subarray(0, k), wireLen: p.data.length });
  }
}

export const ICMP_EXT_CASES: Case[] = [{ name: "icmp_ext", linkType: 1, packets }];
