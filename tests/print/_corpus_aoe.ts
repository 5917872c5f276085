// Golden corpus case for ATA over Ethernet (EtherType 0x88a2): each command, responses and
// errors, bad argument lengths, cuts.

import { bytes, ether, mac, u16, u32 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const ascii = (s: string) => new TextEncoder().encode(s);

function aoe(i: number): Uint8Array {
  const cmd = i % 6 === 5 ? 9 : i % 4;
  const flags = [0x0, 0x8, 0xc, 0x3][i % 4]!;
  let arg: Uint8Array;
  switch (cmd) {
    case 0:
      arg = bytes(
        [0x40, 0x01, 0x12, 0x53][i % 4]!,
        0,
        1 + i,
        0x20,
        1,
        2,
        3,
        4,
        5,
        6,
        0,
        0,
        new Uint8Array(i % 2 ? 512 : 0),
      );
      break;
    case 1: {
      const cs = ascii(i % 3 ? "shelf0" : "");
      arg = bytes(u16(16), u16(0x4019), 2, 0x10 | (i % 6), u16(i === 9 ? 2000 : cs.length), cs);
      break;
    }
    case 2:
      arg = bytes(
        0,
        i % 3,
        i % 4,
        2,
        0,
        1,
        mac("02:00:00:00:00:0a"),
        0,
        2,
        mac("02:00:00:00:00:0b"),
      );
      break;
    case 3:
      arg = bytes(
        i % 3,
        2,
        mac("02:00:00:00:00:0c"),
        mac("02:00:00:00:00:0d"),
        i % 5 === 3 ? [0] : [],
      );
      break;
    default:
      arg = new Uint8Array(4);
  }
  const hdr = bytes(
    i % 13 === 12 ? 0x20 : 0x10 | flags,
    i % 7,
    u16(i),
    i % 16,
    cmd,
    u32(0x1000 + i),
  );
  return ether(
    0x88a2,
    bytes(hdr, i % 11 === 10 ? arg.subarray(0, 3) : arg),
    "ff:ff:ff:ff:ff:ff",
    "02:00:00:00:00:01",
  );
}

const packets = Array.from({ length: 30 }, (_, i) => {
  const f = aoe(i);
  return i >= 27 ? { data: f.subarray(0, 14 + 6 + 5 * (i - 26)), wireLen: f.length } : { data: f };
});

export const AOE_CASES: Case[] = [{ name: "aoe", linkType: 1, packets, link: true }];
