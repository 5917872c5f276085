// Golden corpus case for EtherTypes 0x8808 and 0x8899: PAUSE and priority flow control frames,
// every 802.3ah MPCP opcode (gates with their grants, reports with queue sets, registrations
// with every flag value), an unknown opcode, and Realtek's RRCP (hello, get and set, queries and
// replies), REP, both RLDP codes, the DSA tags and an unknown type; untagged, VLAN-tagged and cut.

import { bytes, u16, u32 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const DST = "0180c2000001", SRC = "020000000001";
/** A frame padded to 60 bytes, optionally inside an 802.1Q tag. */
const frame = (type: number, body: Uint8Array, vlan?: number): Packet => {
  const head = vlan === undefined ? bytes(DST, SRC) : bytes(DST, SRC, u16(0x8100), u16(vlan));
  const f = bytes(head, u16(type), body);
  return { data: f.length >= 60 ? f : bytes(f, new Uint8Array(60 - f.length)) };
};

const MPCP = [
  bytes(u16(1), u16(0xffff)),
  bytes(u16(1), u16(0)),
  bytes(u16(0x0101), u16(0x00ff), u16(1), u16(2), u16(3), u16(4), u16(5), u16(6), u16(7), u16(8)),
  bytes(u16(2), u32(9), 0x00, u16(77)),
  bytes(u16(2), u32(9), 0x11, u32(100), u16(200), u16(77)),
  bytes(
    u16(2),
    u32(9),
    0xfc,
    u32(1),
    u16(2),
    u32(3),
    u16(4),
    u32(5),
    u16(6),
    u32(7),
    u16(8),
    u16(9),
  ),
  bytes(u16(2), u32(9), 0x0b, u32(1), u16(2), u32(3), u16(4), u32(5), u16(6), u16(7)),
  bytes(u16(3), u32(10), 1),
  bytes(u16(3), u32(10), 3, 0x05, u16(11), u16(12), 0x81, u16(13), u16(14)),
  bytes(u16(3), u32(10), 2, 0x00),
  bytes(u16(4), u32(11), 1, 3),
  bytes(u16(4), u32(11), 3, 0),
  bytes(u16(4), u32(11), 0, 0),
  bytes(u16(4), u32(11), 6, 0),
  ...[0, 1, 2, 3, 4, 5, 7].map((f) => bytes(u16(5), u32(12), u16(513), f, u16(99), 2)),
  ...[0, 1, 2, 3].map((f) => bytes(u16(6), u32(13), f, u16(513), u16(99))),
  bytes(u16(7), u32(14), "0102030405"),
  bytes(u16(0x1234), u32(15)),
];
const RTL = [
  bytes(0x01, 0x00, u16(0x2379)),
  bytes(0x01, 0x80, u16(0x2379), 2, 5, "00e04c000001", u16(0x8324), u32(0x0000abcd)),
  bytes(0x01, 0x01, u16(0x2379), u16(0x0200), u32(0x78563412), u32(0x11111111), u32(0x22222222)),
  bytes(0x01, 0x82, u16(0x2379), u16(0x0300), u32(0x01000000), u32(0x33333333), u32(0x44444444)),
  bytes(0x01, 0x05, u16(0x0000)),
  bytes(0x02),
  bytes(0x03, 0x00, 0x01),
  bytes(0x23, "020000000099"),
  bytes(0x04, 0, 0, 0, 0, 0, 0, 0),
  bytes(0x93, 0, 0, 0),
  bytes(0xa5, 0, 0, 0),
  bytes(0x77),
];
const packets: Packet[] = [];
for (const m of MPCP) packets.push(frame(0x8808, m));
for (const r of RTL) packets.push(frame(0x8899, r));
packets.push(frame(0x8808, MPCP[0]!, 100), frame(0x8899, RTL[1]!, 7), frame(0x8899, RTL[6]!, 7));
for (const [type, body] of [[0x8808, MPCP[5]!], [0x8899, RTL[1]!], [0x8899, RTL[2]!]] as const) {
  const whole = frame(type, body).data;
  for (const keep of [15, 16, 17, 20, 24, 30]) {
    packets.push({ data: whole.subarray(0, keep), wireLen: 60 });
  }
}

export const MACCTL_CASES: Case[] = [{ name: "macctl", linkType: 1, packets, link: true }];
