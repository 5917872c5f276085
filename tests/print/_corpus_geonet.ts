// Golden corpus case for GeoNetworking (EtherType 0x8947): every header type and subtype tcpdump
// names (and unknown ones), each next header, the single- and multi-hop topological broadcasts
// whose extended header tcpdump skips, BTP-A and BTP-B with each ITS message type, frames shorter
// than the common header, the BTP header or the extended one, VLAN-tagged and cut frames.

import { bytes, u16, u32 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const DST = "ffffffffffff", SRC = "020000000007";
const frame = (body: Uint8Array, vlan?: number): Packet => {
  const head = vlan === undefined ? bytes(DST, SRC) : bytes(DST, SRC, u16(0x8100), u16(vlan));
  const f = bytes(head, u16(0x8947), body);
  return { data: f.length >= 60 ? f : bytes(f, new Uint8Array(60 - f.length)) };
};
/** Common header (8), long position vector (24 here, 28 on the wire: 36 bytes in all). */
const common = (next: number, type: number, sub: number, payload = 20, hop = 10) =>
  bytes(
    (1 << 4) | next,
    (type << 4) | sub,
    0,
    0,
    u16(payload),
    0,
    hop,
    "8c00aabbccddeeff",
    u32(0x01020304),
    u32(4000000000),
    u32(123456789),
    u32(0x7fffffff),
    u32(0),
  );
const btp = (dst: number, src: number, msg?: number) =>
  msg === undefined ? bytes(u16(dst), u16(src)) : bytes(u16(dst), u16(src), 2, msg, "0102030405");

const packets: Packet[] = [];
for (const msg of [0, 1, 101, 102, 103, 104, 105, 106, 107, 150, 42]) {
  packets.push(frame(bytes(common(1, 0, 0), btp(2001, 0, msg))));
}
for (
  const [type, sub] of [
    [1, 0],
    [2, 0],
    [3, 0],
    [3, 1],
    [3, 2],
    [3, 5],
    [4, 0],
    [4, 1],
    [4, 2],
    [4, 9],
    [5, 0],
    [5, 1],
    [5, 3],
    [6, 0],
    [6, 1],
    [6, 2],
    [7, 0],
    [15, 15],
  ]
) {
  packets.push(
    frame(
      bytes(
        common(2, type!, sub!),
        new Uint8Array(type === 5 && sub === 1 ? 32 : 0),
        btp(2002, 7, 1),
      ),
    ),
  );
}
for (const next of [0, 3, 4, 15]) packets.push(frame(bytes(common(next, 1, 0), btp(1, 2, 0))));
packets.push(
  frame(bytes(common(1, 1, 0), bytes(u16(5)))),
  frame(bytes(common(1, 1, 0), btp(5, 6))),
  frame(bytes(common(1, 1, 0), btp(5, 6), 7)),
  frame(bytes(common(1, 5, 1), new Uint8Array(10))),
  frame(bytes(common(1, 5, 1), new Uint8Array(32))),
  frame(bytes("11", "00", "0000")),
  frame(bytes(common(1, 0, 0), btp(2001, 0, 0)), 42),
);
const long = frame(bytes(common(1, 0, 0), btp(2001, 0, 0), new Uint8Array(40))).data;
for (const keep of [15, 16, 20, 22, 30, 40, 49, 50, 51, 54, 56]) {
  packets.push({ data: long.subarray(0, keep), wireLen: long.length });
}

export const GEONET_CASES: Case[] = [{ name: "geonet", linkType: 1, packets, link: true }];
