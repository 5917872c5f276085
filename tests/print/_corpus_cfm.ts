// Golden corpus case for IEEE 802.1ag CFM (EtherType 0x8902, and the pre-standard 0xabcd):
// continuity checks with every interval and name format, linktrace messages and replies,
// loopbacks, the TLVs tcpdump decodes, and its length checks.

import { bytes, ether, ip4, ip6, mac, type Packet, u16, u32 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const ascii = (s: string) => new TextEncoder().encode(s);
const hdr = (level: number, opcode: number, flags: number, first: number, version = 0) =>
  bytes((level << 5) | version, opcode, flags, first);
const tlv = (type: number, body: Uint8Array | number[]) => bytes(type, u16(body.length), body);
/** The 48 bytes of MD and MA names of a CCM. */
function names(mdFormat: number, md: Uint8Array, maFormat: number, ma: Uint8Array): Uint8Array {
  const n = mdFormat === 1
    ? bytes(1, maFormat, ma.length, ma)
    : bytes(mdFormat, md.length, md, maFormat, ma.length, ma);
  return bytes(n.subarray(0, 48), new Uint8Array(Math.max(0, 48 - n.length)));
}
const ccm = (i: number, nm: Uint8Array, ...tlvs: Uint8Array[]) =>
  bytes(
    hdr(i % 8, 1, (i % 8) | (i % 3 === 0 ? 0x80 : 0), 70),
    u32(0x1000 + i),
    u16(i),
    nm,
    new Uint8Array(16),
    ...tlvs,
    0,
  );
const senderChassis = (type: number, id: Uint8Array, mgmt = bytes()) =>
  tlv(1, bytes(id.length, type, id, mgmt));

const mdMac = bytes(mac("02:00:00:00:00:09"), u16(7));
const frames: Uint8Array[] = [
  ccm(0, names(4, ascii("example.net"), 2, ascii("ma-one"))),
  ccm(1, names(2, ascii("md.example"), 3, u16(100)), tlv(2, [2]), tlv(3, [1])),
  ccm(2, names(1, bytes(), 1, u16(10)), tlv(2, [1]), tlv(3, [7])),
  ccm(3, names(3, mac("02:00:00:00:00:09"), 4, bytes(0, 0, 1, 0, 0, 0, 2)), tlv(3, [4])),
  ccm(4, names(3, mdMac, 2, ascii("x")), tlv(2, [9])),
  ccm(5, names(0, bytes(1, 2, 3), 0, bytes(4, 5)), tlv(31, bytes(0x00, 0x00, 0x0c, 1, 0xaa))),
  ccm(6, names(7, bytes(9, 9), 9, bytes(8))),
  ccm(7, names(4, ascii("md"), 2, ascii("ma-seven"))),
  // every OUI tcpdump names, and one it does not
  bytes(
    hdr(2, 3, 0, 4),
    u32(90),
    ...[
      0x000000,
      0x00000c,
      0x00005e,
      0x000081,
      0x0000f8,
      0x0080c2,
      0x00a03e,
      0x00e02f,
      0x080007,
      0x009069,
      0x080009,
      0x00120f,
      0x0012bb,
      0x001b21,
      0x002320,
      0x5c16c7,
      0xb0d2f5,
      0x002481,
      0x0004ea,
      0x748771,
      0xa42305,
      0x00049f,
      0x0015ad,
      0x001018,
      0x00e004,
      0xd0f0db,
      0x123456,
    ]
      .map((o) => tlv(31, bytes(o >> 16, (o >> 8) & 0xff, o & 0xff, 1))),
    0,
  ),
  // names too large for the 48 bytes
  ccm(8, bytes(4, 46, new Uint8Array(46))),
  ccm(9, bytes(4, 2, ascii("md"), 2, 45, new Uint8Array(42))),
  // linktrace message and reply, loopbacks
  bytes(
    hdr(5, 5, 0x80, 17),
    u32(0xabc),
    64,
    mac("02:00:00:00:00:01"),
    mac("02:00:00:00:00:02"),
    tlv(7, bytes(0, 0, 0x0c, mac("02:00:00:00:00:03"))),
    0,
  ),
  bytes(hdr(5, 5, 0, 17), u32(0xabd), 1, mac("02:00:00:00:00:01"), mac("02:00:00:00:00:02"), 0),
  bytes(
    hdr(5, 4, 0xe0, 6),
    u32(0xabc),
    63,
    1,
    tlv(5, bytes(1, mac("02:00:00:00:00:04"))),
    tlv(6, bytes(2, mac("02:00:00:00:00:05"))),
    0,
  ),
  bytes(hdr(5, 4, 0x40, 6), u32(0xabd), 0, 3, senderChassis(4, mac("02:00:00:00:00:06")), 0),
  bytes(hdr(5, 4, 0, 6), u32(0xabe), 0, 9, 0),
  bytes(hdr(2, 3, 0, 4), u32(77), tlv(4, ascii("hello")), 0),
  bytes(hdr(2, 2, 0, 4), u32(77), tlv(4, ascii("hello")), senderChassis(6, ascii("eth0")), 0),
  // sender ID forms
  bytes(hdr(2, 3, 0, 4), u32(78), senderChassis(5, bytes(1, ip4("192.0.2.1"))), 0),
  bytes(hdr(2, 3, 0, 4), u32(79), senderChassis(5, bytes(2, ip6("2001:db8::1"))), tlv(3, [2]), 0),
  bytes(hdr(2, 3, 0, 4), u32(80), senderChassis(5, bytes(6, 1, 2, 3))),
  bytes(
    hdr(2, 3, 0, 4),
    u32(81),
    senderChassis(1, ascii("chassis-1"), bytes(3, 1, 2, 3, 2, 9, 9)),
    tlv(2, [2]),
    0,
  ),
  bytes(hdr(2, 3, 0, 4), u32(82), senderChassis(9, bytes(1, 2)), 0),
  bytes(hdr(2, 3, 0, 4), u32(83), tlv(1, bytes(0, 2, 1, 2)), tlv(1, [0])),
  bytes(hdr(2, 3, 0, 4), u32(84), tlv(1, bytes(5, 1, 1)), 0),
  bytes(hdr(2, 3, 0, 4), u32(85), tlv(1, bytes(0, 3, 1, 2)), 0),
  // TLVs too short, past the PDU; unknown version, opcode; first TLV offsets out of range
  bytes(hdr(2, 3, 0, 4), u32(86), tlv(2, []), 0),
  bytes(hdr(2, 3, 0, 4), u32(87), tlv(31, [0, 0]), 0),
  bytes(hdr(2, 3, 0, 4), u32(88), bytes(4, u16(40), 1, 2)),
  bytes(hdr(2, 3, 0, 4), u32(89), bytes(4, 0)),
  bytes(hdr(1, 1, 0, 70, 1), new Uint8Array(20)),
  bytes(hdr(1, 9, 0, 0), u32(1), tlv(4, [1]), 0),
  bytes(hdr(1, 1, 0, 10), new Uint8Array(80)),
  bytes(hdr(1, 5, 0, 9), new Uint8Array(20)),
  bytes(hdr(1, 4, 0, 2), new Uint8Array(20)),
  bytes(hdr(1, 3, 0, 60), u32(1)),
  bytes(hdr(1, 1, 0, 70), new Uint8Array(40)),
];

const src = "02:00:00:00:00:01", dst = "01:80:c2:00:00:35";
const packets: Packet[] = [
  ...frames.map((f, i) => ({ data: ether(i === 7 ? 0xabcd : 0x8902, f, dst, src) })),
  // cut by the snapshot: inside the CCM names, inside a TLV
  ...[frames[0]!, frames[16]!].map((f, i) => {
    const d = ether(0x8902, f, dst, src);
    return { data: d.subarray(0, d.length - [40, 6][i]!), wireLen: d.length };
  }),
  { data: ether(0x8902, bytes(0, 1), dst, src) },
];

export const CFM_CASES: Case[] = [{ name: "cfm", linkType: 1, packets, link: true }];
