// Golden case for the IPv6 mobility header (next header 135, and 62, its number before RFC
// 6275): each message type (binding refresh request, home and care-of test init and test,
// binding update with its flags, acknowledgement, error), an unknown type, a header too short
// for its type, the options at -v (pad, refresh, nonce indices, alternate care-of address,
// unknown, one longer than the header), and cut captures.

import { bytes, ether, ip6, ipv6, u16, u32 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const mh = (nh: number, type: number, units: number, body: Uint8Array) =>
  ether(
    0x86dd,
    ipv6("2001:db8::1", "2001:db8::2", nh, bytes(59, units, type, 0, u16(0), body)),
  );
const opts = bytes(
  0,
  1,
  0,
  2,
  2,
  u16(30),
  4,
  4,
  u16(1),
  u16(2),
  3,
  16,
  ip6("2001:db8::9"),
  9,
  1,
  7,
);
const msgs = [
  mh(135, 0, 0, bytes(u16(0))),
  mh(135, 1, 1, bytes(u16(0), u32(0x11111111), u32(0x22222222))),
  mh(135, 2, 1, bytes(u16(0), u32(0x11111111), u32(0x22222222))),
  mh(135, 3, 2, bytes(u16(0x1234), u32(1), u32(2), u32(3), u32(4))),
  mh(135, 4, 2, bytes(u16(0x1234), u32(1), u32(2), u32(3), u32(4))),
  mh(135, 5, 5, bytes(u16(77), 0xf0, 0, u16(100), opts)),
  mh(135, 6, 1, bytes(9, 0x80, u16(78), u16(200))),
  mh(135, 7, 2, bytes(3, 0, ip6("2001:db8::5"))),
  mh(62, 219, 0, bytes(u16(0))),
  mh(135, 3, 0, bytes(u16(0))),
  mh(135, 5, 1, bytes(u16(77), 0x30, 0, u16(100), 7, 3, 1)),
];
const packets: Packet[] = msgs.map((data) => ({ data }));
for (const d of msgs) {
  for (const k of [55, 57, 61, 63, 66, 70, 80]) {
    if (k < d.length) packets.push({ data: d.subarray(0, k), wireLen: d.length });
  }
}

export const MOBILITY_CASES: Case[] = [{ name: "mobility", linkType: 1, packets }];
