// Golden case for BGP OPEN capabilities and NOTIFICATION subcodes as tcpdump 4.99.3 names
// them: every capability code 0-9, 64-73, 128 and a few unknown ones (with 2 bytes of value),
// Multiple Labels with one, two and no AFI/SAFI counts, and NOTIFICATIONs of each major code
// 0-8 with minor codes 0-9 (the FSM and capability subcodes have no comma before them).

import { bytes, ether, tcp4, u16 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const bgp = (type: number, body: Uint8Array) =>
  ether(
    0x0800,
    tcp4(
      "10.182.0.1",
      "10.182.0.2",
      179,
      40000,
      0x18,
      bytes("ffffffffffffffffffffffffffffffff", u16(19 + body.length), type, body),
      1,
    ),
  );
const open = (cap: Uint8Array) => {
  const opt = bytes(2, cap.length, cap);
  return bgp(1, bytes(4, 0xfd, 0xe9, 0, 90, 10, 182, 0, 1, opt.length, opt));
};
const packets: Packet[] = [];
for (
  const code of [
    0,
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    8,
    9,
    64,
    65,
    66,
    67,
    68,
    69,
    70,
    71,
    72,
    73,
    128,
    131,
    255,
  ]
) {
  packets.push({ data: open(bytes(code, 2, 0, 1)) });
}
packets.push({ data: open(bytes(8, 4, 0, 1, 1, 3)) });
packets.push({ data: open(bytes(8, 9, 0, 1, 1, 3, 0, 2, 0x80, 1, 7)) });
packets.push({ data: open(bytes(8, 0)) });
for (let major = 0; major < 9; major++) {
  for (let minor = 0; minor < 10; minor++) packets.push({ data: bgp(3, bytes(major, minor)) });
}

export const BGP3_CASES: Case[] = [{ name: "bgp3", linkType: 1, packets }];
