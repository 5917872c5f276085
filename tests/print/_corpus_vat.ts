// Golden corpus case for vat and vt, the MBone audio tools, on destination port 3456 (tried by
// udp_print() after L2TP): vt headers, vat headers with their conference id, timestamp, marker,
// format and sequence bits, datagrams shorter than either header, the port as the source only,
// against L2TP and RX ports, and captures cut inside the header.

import { bytes, ether, u16, u32, udp4 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const udp = (sport: number, dport: number, b: Uint8Array): Packet => ({
  data: ether(0x0800, udp4("10.100.0.1", "10.100.0.2", sport, dport, b)),
});
const BODIES = [
  bytes(u16(0x0001)),
  new Uint8Array(0),
  bytes(0),
  bytes(u16(0x1234), 0, 0),
  bytes(u16(0x0020)),
  bytes(u16(0xf3ff), "0102030405060708"),
  bytes(u32(0x00000005), u32(77)),
  bytes(u32(0x3f9f1234), u32(0xffffffff), "0102"),
  bytes(u32(0x00800001), u32(1)),
  bytes(u32(0x00000001), 0, 0),
  bytes(u32(0x0c1f0009), u32(5)),
  bytes(u32(0x01010000), u32(0x80000000), new Uint8Array(160)),
  bytes(u32(0x009fffff), u32(123456)),
];
const packets: Packet[] = BODIES.map((b) => udp(40000, 3456, b));
packets.push(
  udp(3456, 40000, BODIES[6]!),
  udp(1701, 3456, BODIES[6]!),
  udp(7001, 3456, BODIES[6]!),
);
const whole = udp(40000, 3456, BODIES[6]!).data;
for (const keep of [42, 43, 44, 46, 48]) {
  packets.push({ data: whole.subarray(0, keep), wireLen: whole.length });
}

export const VAT_CASES: Case[] = [{ name: "vat", linkType: 1, packets }];
