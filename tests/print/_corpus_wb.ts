// Golden corpus case for wb, the LBL whiteboard (destination UDP 4567): announcements with
// their id lists and site names, repair requests and replies, drawing operations with their op
// lists at -v (SKIP and HOLE ranges, unknown ops), page vector requests and replies, the kill
// message, unknown types, the flags byte, messages shorter than their type's part, the port as
// the source only, against babel's port (tried first) and autorp's; cut captures.

import { bytes, ether, ip4, u16, u32, udp4 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const S = ip4("10.7.7.7"), T = ip4("10.8.8.8");
const hdr = (type: number, flags = 0) => bytes(S, u32(1000), u16(2), type, flags);
const page = (sid: Uint8Array, uid: number) => bytes(sid, u32(uid));
const dop = (ts: number, type: number, body: Uint8Array) =>
  bytes(u32(ts), u16(body.length), 0, type, body, new Uint8Array((4 - (body.length % 4)) % 4));
const DOPS = bytes(
  dop(1, 2, bytes("0102030405")),
  dop(2, 3, bytes("")),
  dop(5, 14, bytes("")),
  dop(6, 99, bytes("00")),
);
const pkid = (nid: number, ids: Uint8Array, name: string) =>
  bytes(
    u32(9),
    page(T, 3),
    u32(4),
    page(S, 5),
    u16(nid),
    u16(0),
    ids,
    new TextEncoder().encode(name),
  );
const IDS = bytes(S, u32(11), T, u32(12));

const bodies: [number, number, Uint8Array][] = [
  [4567, 4567, bytes(hdr(1), pkid(2, IDS, "lbl-site\0pad"))],
  [40000, 4567, bytes(hdr(1, 1), pkid(0, new Uint8Array(0), "x"))],
  [4567, 4567, bytes(hdr(1), pkid(3, IDS, ""))],
  [4567, 4567, bytes(hdr(1), pkid(0, new Uint8Array(0), "").subarray(0, 20))],
  [4567, 4567, bytes(hdr(2), S, page(T, 7), u32(1), u32(9))],
  [4567, 4567, bytes(hdr(2), S, page(T, 7), u32(1))],
  [4567, 4567, bytes(hdr(3), S, page(T, 7), u32(1), u32(6), DOPS)],
  [
    4567,
    4567,
    bytes(hdr(3), S, page(T, 7), u32(1), u32(4), dop(1, 15, bytes("")), dop(9, 2, bytes(""))),
  ],
  [
    4567,
    4567,
    bytes(hdr(0, 2), page(T, 8), u32(1), u32(2), dop(1, 0, bytes("aa")), dop(2, 1, bytes(""))),
  ],
  [4567, 4567, bytes(hdr(0), page(T, 8), u32(3), u32(2), dop(1, 2, bytes("")))],
  [
    4567,
    4567,
    bytes(hdr(0), page(T, 8), u32(5), u32(7), dop(3, 14, bytes("")), dop(4, 2, bytes(""))),
  ],
  [4567, 4567, bytes(hdr(0), page(T, 8), u32(1), u32(9), dop(1, 2, bytes("")))],
  [4567, 4567, bytes(hdr(0), page(T, 8))],
  [4567, 4567, bytes(hdr(5), page(T, 2), u32(10), u32(20))],
  [4567, 4567, bytes(hdr(5), page(T, 2), u32(10))],
  [
    4567,
    4567,
    bytes(
      hdr(7),
      u32(2),
      u32(1),
      page(S, 1),
      u16(0x0200),
      u16(0),
      IDS,
      u32(2),
      page(T, 2),
      u16(0),
      u16(0),
    ),
  ],
  [4567, 4567, bytes(hdr(7), u32(0))],
  [4567, 4567, bytes(hdr(7), u16(0))],
  [4567, 4567, bytes(hdr(7), u32(3), u32(1), page(S, 1), u16(0), u16(0))],
  [4567, 4567, bytes(hdr(4))],
  [4567, 4567, bytes(hdr(6), "01020304")],
  [4567, 4567, bytes(hdr(200, 0x80))],
  [4567, 4567, bytes(S, u32(1))],
  [4567, 4567, new Uint8Array(0)],
  [4567, 40000, bytes(hdr(4))],
  [6696, 4567, bytes(hdr(4))],
  [496, 4567, bytes(hdr(4))],
  [4567, 496, bytes(hdr(4))],
];
const packets: Packet[] = bodies.map(([s, d, b]) => ({
  data: ether(0x0800, udp4("10.160.0.1", "10.160.0.2", s, d, b)),
}));
const w = packets[6]!.data, wi = packets[0]!.data;
for (const k of [44, 50, 54, 58, 62, 66, 70, 74, 78, 80, 82, 86, 90, 94]) {
  packets.push({ data: w.subarray(0, k), wireLen: w.length });
}
for (const k of [60, 68, 80, 82, 90, 96, 100]) {
  packets.push({ data: wi.subarray(0, k), wireLen: wi.length });
}

export const WB_CASES: Case[] = [{ name: "wb", linkType: 1, packets }];
