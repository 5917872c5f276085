// Golden corpus case for the IS-IS TLVs of traffic-engineered and SPB networks: extended IS
// reachability sub-TLVs 21 (interface switching capability, RFC 5307), 29 (SPB metric, RFC
// 6329) and 32 (LAN adjacency SID, RFC 8667); TLVs 143/144 (SPB, RFC 6329) and 250.

import { bytes, llc, u16, u32 } from "./_build.ts";
import { f32, osiCksum, sys, tlv } from "./_corpus_isis.ts";
import type { Case } from "./_golden.ts";

const sub = (t: number, ...v: (Uint8Array | number[] | number)[]) => {
  const b = bytes(...v);
  return bytes(t, b.length, b);
};
const neighbor = (n: number, ...subs: Uint8Array[]) => {
  const s = bytes(...subs);
  return bytes(sys(n), 0, 0, 0, 10, s.length, s);
};
const isc = (cap: number, enc: number, extra: Uint8Array) =>
  sub(
    21,
    bytes(cap, enc, 0, 0, ...Array.from({ length: 8 }, (_, k) => f32(1250000 * (k + 1))), extra),
  );

const lsps: Uint8Array[][] = [
  [tlv(22, neighbor(2, isc(1, 1, bytes(f32(125000), u16(1500)))))],
  [tlv(22, neighbor(3, isc(100, 5, bytes(f32(250000), 1, 0, 0, 0))))],
  [tlv(22, neighbor(4, isc(150, 8, bytes(1, 2, 3))), neighbor(5, isc(51, 2, bytes())))],
  [tlv(22, neighbor(6, isc(4, 13, bytes(f32(1), u16(9000))), isc(200, 9, bytes(4, 5))))],
  [tlv(22, neighbor(7, sub(21, new Uint8Array(20))))],
  [tlv(22, neighbor(8, sub(29, 0, 0, 10, 1, u16(7)), sub(29, 1, 2)))],
  [tlv(
    22,
    neighbor(
      9,
      sub(32, 0x30, 0, sys(3), u32(16001).subarray(1)),
      sub(32, 0x00, 0, sys(4), u32(0x12345678)),
    ),
  )],
  [tlv(22, neighbor(11, sub(32, 0xcc, 1, sys(6), u32(7)), sub(32, 0x10, 2, sys(7), u32(8))))],
  [tlv(22, neighbor(10, sub(32, 0x20, 5, sys(5), 1, 2, 3), sub(32, 1)))],
  [tlv(
    143,
    u16(1),
    sub(4, new Uint8Array(102)),
    sub(5, 0x55, ...new Uint8Array(32)),
    sub(6, u32(0x80c201), u16(0x0643)),
    sub(9, 1, 2),
  )],
  [tlv(143, u16(0x8002), sub(6, u32(1)))],
  [tlv(
    144,
    u16(0x0003),
    sub(
      1,
      u32(1),
      u32(2),
      u32(3),
      u16(100),
      u32(0x40000005),
      2,
      0x80,
      u32(0x0080c201),
      0x00,
      0x10,
      0x02,
      0x60,
      u32(0x0080c202),
      0x00,
      0x20,
      0x03,
    ),
    sub(3, u32(0x02000000), u16(0x0abc), u16(0x1064), u32(0x80000010), u32(0x40000020)),
  )],
  [tlv(144, u16(0), sub(1, u32(1)), sub(7, 9))],
  [tlv(250, bytes(u32(0x00000c00), 1, 2, 3, 4))],
  [tlv(250, bytes(0x00, 0x90))],
  // LAN adjacency SIDs whose flags and length disagree (the flags choose), SPB metric and
  // switching capability sub-TLVs followed by one too long for the TLV (print-isoclns.c does
  // not count their stepped-over bytes against the TLV)
  [tlv(22, neighbor(12, sub(32, 0x30, 1, sys(8), u32(9))), neighbor(13, sub(32, 0, 1, sys(9), 1)))],
  [tlv(22, neighbor(14, sub(29, 0, 0, 10, 1, u16(7)), sub(18, 0, 0, 1)))],
  // TLV 5 (prefix neighbors) and TLV 138 (shared risk link group)
  [tlv(5, bytes(0x0a, 0x89, 0x80, 0x40, 6, 0x49, 0x00, 0x01, 1, 4, 0x49, 0x00))],
  [tlv(5, bytes(0x0a, 0x89, 0x80))],
  [tlv(138, bytes(sys(2), 0, 1, 0x01, u32(0x0a000001), u32(0x0a000002), u32(7), u32(8)))],
  [tlv(138, bytes(sys(2), 0, 0, 0x00, u32(0x0a000001)))],
  [tlv(138, bytes(sys(2), 0, 0, 0x01, u32(0x0a000001), u32(0x0a000002), 1, 2))],
];

function lsp(i: number, tlvs: Uint8Array[]): Uint8Array {
  const fixed = bytes(u16(0), u16(1199), sys(1), 0, 0, u32(0x100 + i), u16(0), 0x03);
  const pdu = bytes(0x83, 27, 1, 0, 18, 1, 0, 0, fixed, ...tlvs);
  pdu.set(u16(pdu.length), 8);
  pdu.set(u16(osiCksum(pdu.subarray(12), 12, pdu.length - 12)), 24);
  return pdu;
}

const packets = lsps.map((t, i) => ({
  data: llc(0xfe, 0xfe, 0x03, lsp(i, t), "01:80:c2:00:00:14", "00:11:22:33:44:55"),
}));

export const ISIS2_CASES: Case[] = [{ name: "isis_te", linkType: 1, packets, link: true }];
