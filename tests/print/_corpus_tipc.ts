// Golden corpus case for TIPC over Ethernet (EtherType 0x88ca): payload messages with short and
// long headers, internal protocol messages, neighbour detection, unknown users, cuts.

import { bytes, ether, u32 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const node = (z: number, cl: number, n: number) => ((z << 24) | (cl << 12) | n) >>> 0;

function tipc(i: number): Uint8Array {
  const user = [0, 1, 2, 3, 11, 8, 13, 5, 6, 7, 10, 12, 4, 9][i % 14]!;
  const hwords = [0, 1, 2, 3].includes(user) && i % 3 === 0
    ? 6
    : [0, 1, 2, 3, 11, 8].includes(user)
    ? 10
    : user === 13
    ? 10
    : 10;
  const w0 = ((2 << 29) | (user << 25) | (hwords << 21) | (hwords * 4 + 8)) >>> 0;
  const w1 = (((i % 4) << 29) | ((i * 7) << 16) | (100 + i)) >>> 0;
  const words = [
    w0,
    w1,
    ((5 + i) << 16) | (9 + i),
    node(1, 1, 10 + i),
    ((3 << 16) | 4) >>> 0,
    ((2 + i) << 16) >>> 0,
    node(1, 1, 1),
    node(1, 2, 2),
    1000 + i,
    ((i << 16) | 1500) >>> 0,
    0,
  ];
  return bytes(...words.slice(0, hwords + 1).map(u32), new Uint8Array(8));
}

const packets = Array.from({ length: 30 }, (_, i) => {
  const p = tipc(i);
  return {
    data: ether(
      0x88ca,
      i >= 27 ? p.subarray(0, [6, 18, 30][i % 3]!) : p,
      "ff:ff:ff:ff:ff:ff",
      "02:00:00:00:00:01",
    ),
  };
});

export const TIPC_CASES: Case[] = [{ name: "tipc", linkType: 1, packets, link: true }];
