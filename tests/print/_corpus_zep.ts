// Golden corpus case for ZEP, the ZigBee Encapsulation Protocol (UDP 17754): version 1 and 2
// data headers (LQI and CRC modes, an NTP timestamp and none), version 2 acks and other types,
// the 802.15.4 frame after the header (data, ack, beacon and command frames, an inner length
// shorter or longer than the frame, none), bad preambles, datagrams shorter than the header,
// against VXLAN-GPE's port (tried first) and later ones; cut captures.

import { bytes, ether, u16, u32, udp4 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const le16 = (v: number) => bytes(v & 0xff, v >> 8);
/** An 802.15.4 frame with its FCS (CRC-16/KERMIT, little-endian). */
function fcs(b: Uint8Array): Uint8Array {
  let crc = 0;
  for (const x of b) {
    crc ^= x;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >> 1) ^ 0x8408 : crc >> 1;
  }
  return bytes(b, le16(crc));
}
const DATA = fcs(bytes(le16(0x8841), 5, le16(0x1234), le16(0xffff), le16(0x0001), "68656c6c6f"));
const ACK = fcs(bytes(le16(0x0002), 9));
const BEACON = fcs(bytes(le16(0x8000), 7, le16(0x1234), le16(0x0042), le16(0xcfff), 0, 0));
const CMD = fcs(bytes(le16(0x8843), 1, le16(0x1234), le16(0x0000), le16(0x0001), 4));
const TS = bytes(u32(3913056000), u32(0x80000000)); // 2024-01-01T00:00:00Z and a half
const v1 = (mode: number, lqi: number, frame: Uint8Array, inner = frame.length) =>
  bytes("4558", 1, 11, u16(0xbeef), mode, lqi, new Uint8Array(7), inner, frame);
const v2 = (type: number, mode: number, ts: Uint8Array, frame: Uint8Array, inner = frame.length) =>
  bytes(
    "4558",
    2,
    type,
    26,
    u16(0x0102),
    mode,
    200,
    ts,
    u32(4242),
    new Uint8Array(10),
    inner,
    frame,
  );

const bodies: [number, number, Uint8Array][] = [
  [17754, 17754, v1(0, 255, DATA)],
  [17754, 17754, v1(1, 0, ACK)],
  [40000, 17754, v2(1, 0, TS, DATA)],
  [17754, 40000, v2(1, 1, new Uint8Array(8), BEACON)],
  [17754, 17754, v2(1, 0, TS, CMD)],
  [17754, 17754, v2(1, 0, bytes(u32(1), u32(0x12345678)), ACK)],
  [17754, 17754, v2(1, 0, bytes(u32(0xffffffff), u32(0xffffffff)), ACK)],
  [17754, 17754, v2(1, 0, bytes(u32(2208988800), u32(0x00000001)), ACK)],
  [17754, 17754, bytes("4558", 2, 2, u32(77))],
  [17754, 17754, bytes("4558", 2, 2, u32(78), "0102")],
  [17754, 17754, v2(3, 0, TS, DATA)],
  [
    17754,
    17754,
    bytes("4558", 7, 1, 26, u16(1), 0, 9, TS, u32(1), new Uint8Array(10), ACK.length, ACK),
  ],
  [17754, 17754, v2(1, 0, TS, DATA, 0)],
  [17754, 17754, v2(1, 0, TS, DATA, 8)],
  [17754, 17754, v2(1, 0, TS, DATA, 40)],
  [17754, 17754, v2(1, 0, TS, bytes(le16(0x8841), 5), 4)],
  [17754, 17754, v1(0, 1, bytes("aabbccdd"), 0)],
  [17754, 17754, bytes("4142", 1, 2, 3)],
  [17754, 17754, bytes(0x81, 0x0a, 2)],
  [17754, 17754, bytes("4558")],
  [17754, 17754, bytes("4558", 1, 11, u16(1), 0, 5, 0, 0)],
  [17754, 17754, bytes("4558", 2, 1, 26, u16(1), 0, 5, TS)],
  [17754, 17754, bytes("4558", 2, 2, u16(1))],
  [17754, 17754, new Uint8Array(0)],
  [4790, 17754, v1(0, 255, DATA)],
  [17754, 30490, v1(0, 255, DATA)],
  [319, 17754, v1(0, 255, DATA)],
];
const packets: Packet[] = bodies.map(([s, d, b]) => ({
  data: ether(0x0800, udp4("10.140.0.1", "10.140.0.2", s, d, b)),
}));
const w = packets[2]!.data;
for (const k of [43, 44, 45, 48, 50, 52, 58, 62, 70, 73, 74, 76, 80, 84, 88]) {
  packets.push({ data: w.subarray(0, k), wireLen: w.length });
}

export const ZEP_CASES: Case[] = [{ name: "zep", linkType: 1, packets }];
