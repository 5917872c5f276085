// Golden corpus case for LWAPP (RFC 5412): control messages to port 12223 (after the AP's MAC
// address) and from it, one or several messages with known and unknown types, lengths that run
// past the PDU, another version; data frames on port 12222 (a header length below its own size,
// the flag bits, the radio and fragment ids); against sFlow's and SIP's ports; cut captures.

import { bytes, ether, u16, u32, udp4 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const th = (v: number, frag: number, len: number) => bytes(v, frag, u16(len), u16(0));
const msg = (t: number, seq: number, body: Uint8Array, sess = 0x11223344) =>
  bytes(t, seq, u16(body.length), u32(sess), body);
const ctl = (v: number, msgs: Uint8Array[]) => {
  const m = bytes(...msgs);
  return bytes(th(v, 3, m.length), m);
};
const AP = bytes("00112233aabb");
const bodies: [number, number, Uint8Array][] = [
  [40000, 12223, bytes(AP, ctl(0x04, [msg(1, 0, bytes("0102")), msg(2, 1, new Uint8Array(0))]))],
  [40000, 12223, bytes(AP, ctl(0x0c, [msg(22, 5, bytes("aa")), msg(99, 6, bytes("bbcc"))]))],
  [12223, 40000, ctl(0x3f, [msg(3, 1, bytes("01")), msg(40, 2, bytes("02"))])],
  [12223, 40000, ctl(0x04, [])],
  [40000, 12223, bytes(AP, th(0x04, 0, 5), "0102030405")],
  [40000, 12223, bytes(AP, th(0x04, 0, 12), msg(1, 0, bytes("01020304050607")))],
  [40000, 12223, bytes(AP, th(0x40, 0, 0))],
  [40000, 12222, bytes(th(0x00, 2, 40), new Uint8Array(34).fill(7))],
  [40000, 12222, bytes(th(0x1b, 9, 4))],
  [40000, 12222, bytes(th(0xc0, 2, 40))],
  [12222, 40000, bytes(th(0x07, 1, 6))],
  [40000, 12222, bytes("0102")],
  [40000, 12223, bytes("010203")],
  [6343, 12223, bytes(AP, ctl(0x04, [msg(1, 0, bytes("0102"))]))],
  [12223, 5060, ctl(0x04, [msg(1, 0, bytes("0102"))])],
];
const packets: Packet[] = bodies.map(([s, d, b]) => ({
  data: ether(0x0800, udp4("10.110.0.1", "10.110.0.2", s, d, b)),
}));
const w = ether(0x0800, udp4("10.110.0.1", "10.110.0.2", 40000, 12223, bodies[0]![2]));
for (const k of [44, 48, 50, 54, 56, 60, 64, 68, 72]) {
  packets.push({ data: w.subarray(0, k), wireLen: w.length });
}

export const LWAPP_CASES: Case[] = [{ name: "lwapp", linkType: 1, packets }];
