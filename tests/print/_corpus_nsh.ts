// Golden corpus case for NSH (RFC 8300) over Ethernet (0x894f): MD types 1 and 2, each next
// protocol, bad lengths; at -v, -vv and -vvv as well (the context headers print at -vvv).

import { bytes, ether, ipv4, ipv6, u16, u32, udp4 } from "./_build.ts";
import type { Case } from "./_golden.ts";

function nsh(i: number): Uint8Array {
  const md = [1, 2, 2, 0, 15][i % 5]!;
  const np = [1, 2, 3, 5, 9][i % 5]!;
  let ctx: Uint8Array;
  if (md === 1) ctx = bytes(u32(0x11111111), u32(i), u32(0), u32(0xdeadbeef));
  else if (md === 2) {
    ctx = bytes(
      u16(0x0100),
      3,
      i % 3 ? 4 : 5,
      u32(0xcafef00d),
      i % 3 ? [] : [0xee, 0, 0, 0],
      u16(7),
      1,
      0,
    );
  } else ctx = new Uint8Array(i % 2 ? 8 : 0);
  const length = i % 11 === 10 ? 1 : i % 13 === 12 ? 30 : 2 + ctx.length / 4;
  const base = ((i % 9 === 8 ? 1 : 0) << 30) | ((i % 4) << 28) | ((63 - i) << 22) | (length << 16) |
    (md << 8) | np;
  const inner = np === 1
    ? udp4("10.1.0.1", "10.1.0.2", 1000 + i, 53, new Uint8Array(0))
    : np === 2
    ? ipv6("2001:db8::1", "2001:db8::2", 59, new Uint8Array(0))
    : np === 3
    ? ether(
      0x0800,
      ipv4("10.2.0.1", "10.2.0.2", 253, new Uint8Array(4)),
      "02:00:00:00:00:02",
      "02:00:00:00:00:01",
    )
    : new Uint8Array(8);
  return bytes(u32(base >>> 0), u32(((0x123400 + i) << 8) | (255 - i)), ctx, inner);
}

const packets = Array.from({ length: 30 }, (_, i) => {
  const p = nsh(i);
  return {
    data: ether(
      0x894f,
      i >= 26 ? p.subarray(0, [3, 6, 10, 14][i % 4]!) : p,
      "02:00:00:00:00:0b",
      "02:00:00:00:00:0a",
    ),
  };
});

export const NSH_CASES: Case[] = [
  { name: "nsh", linkType: 1, packets, flags: [[], ["-v"], ["-vv"], ["-vvv"], ["-e"]] },
];
