// Golden corpus case for VQP, Cisco's VLAN Query Protocol (UDP 1589): requests and responses
// with each object (client address, port, VLAN and domain names, the Ethernet packet, MAC and
// null MAC addresses, unknown objects), error codes known and not, an object of length 0 or
// type 0, lengths that do not fit, more items than objects, another version, a short header;
// against BFD's port (tried first) and sFlow's; cut captures.

import { bytes, ether, ip4, u16, u32, udp4 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const enc = new TextEncoder();
const head = (type: number, err: number, n: number) => bytes(1, type, err, n, u32(0x1234));
const obj = (t: number, v: Uint8Array) => bytes(u32(t), u16(v.length), v);
const OBJS = [
  obj(0x0c01, ip4("10.1.1.1")),
  obj(0x0c02, enc.encode("Fa0/1")),
  obj(0x0c03, enc.encode("users\0x")),
  obj(0x0c04, enc.encode("corp")),
  obj(0x0c05, bytes("ffffffffffff0011223344550806")),
  obj(0x0c06, bytes("000000000000")),
  obj(0x0c08, bytes("001122334455")),
  obj(0x0c99, bytes("0102030405")),
];
const bodies: [number, number, Uint8Array][] = [
  [1589, 1589, bytes(head(1, 0, 8), ...OBJS)],
  [40000, 1589, bytes(head(2, 3, 2), OBJS[2]!, OBJS[6]!)],
  [1589, 40000, bytes(head(3, 4, 1), OBJS[0]!)],
  [1589, 1589, bytes(head(4, 5, 0))],
  [1589, 1589, bytes(head(9, 7, 1), OBJS[7]!)],
  [1589, 1589, bytes(head(1, 0, 2), obj(0x0c01, bytes("0a0101")), OBJS[1]!)],
  [1589, 1589, bytes(head(1, 0, 1), obj(0x0c08, bytes("0011")))],
  [1589, 1589, bytes(head(1, 0, 2), obj(0x0c02, new Uint8Array(0)), OBJS[1]!)],
  [1589, 1589, bytes(head(1, 0, 2), obj(0, bytes("01")), OBJS[1]!)],
  [1589, 1589, bytes(head(1, 0, 3), OBJS[1]!)],
  [1589, 1589, bytes(head(1, 0, 1), u32(0x0c02), u16(40), "61626364")],
  [1589, 1589, bytes(head(1, 0, 1), u32(0x0c02))],
  [1589, 1589, bytes(2, 1, 0, 0, u32(1))],
  [1589, 1589, bytes(1, 1, 0, 0)],
  [1589, 1589, new Uint8Array(0)],
  [1589, 3784, bytes(head(1, 0, 1), OBJS[0]!)],
  [1589, 6343, bytes(head(1, 0, 1), OBJS[0]!)],
];
const packets: Packet[] = bodies.map(([s, d, b]) => ({
  data: ether(0x0800, udp4("10.180.0.1", "10.180.0.2", s, d, b)),
}));
const w = packets[0]!.data;
for (const k of [43, 46, 49, 50, 52, 56, 60, 62, 66, 70, 74, 80, 90, 100, 110, 120]) {
  packets.push({ data: w.subarray(0, k), wireLen: w.length });
}

export const VQP_CASES: Case[] = [{ name: "vqp", linkType: 1, packets }];
