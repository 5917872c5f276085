// Golden cases for AppleTalk (tcpdump 4.99's print-atalk.c): DDP in Ethernet II (EtherType
// 0x809b) and in 802.3 LLC/SNAP with Apple's OUI 0x080007 (EtherTalk phase 2), AARP on EtherType
// 0x80f3 and under SNAP OUI 0; in DDP the NBP lookups, broadcast requests and replies (with the
// anomalies tcpdump flags), ATP requests, responses and releases with their bitmaps and flags,
// and RTMP, ZIP, AEP, ADSP, IP and EIGRP by type; LocalTalk frames as LINKTYPE_LTALK (short and
// long DDP, an unknown LAP type); then cut and short headers.

import { bytes, ether, llc, mac, type Packet, u16, u32, udp4 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const ascii = (s: string) => new TextEncoder().encode(s);
const cstr = (s: string) => bytes(s.length, ascii(s));
const MAC_A = "08:00:07:aa:00:01", MAC_B = "08:00:07:bb:00:02", AT_BCAST = "09:00:07:ff:ff:ff";

/** A long DDP header (13 bytes) and its payload; hop count 0, no checksum. */
function ddp(
  type: number,
  payload: Uint8Array,
  [snet, snode, sskt]: number[] = [1000, 10, 253],
  [dnet, dnode, dskt]: number[] = [1000, 255, 2],
) {
  return bytes(
    u16(13 + payload.length),
    u16(0),
    u16(dnet!),
    u16(snet!),
    dnode!,
    snode!,
    dskt!,
    sskt!,
    type,
    payload,
  );
}
const tuple = (
  net: number,
  node: number,
  skt: number,
  en: number,
  o: string,
  t: string,
  z: string,
) => bytes(u16(net), node, skt, en, cstr(o), cstr(t), cstr(z));
const nbp = (control: number, id: number, ...tuples: Uint8Array[]) => bytes(control, id, ...tuples);
const atp = (control: number, bitmap: number, tid: number, user = 0, data = bytes()) =>
  bytes(control, bitmap, u16(tid), u32(user), data);

const DDPS: Uint8Array[] = [
  ddp(2, nbp(0x21, 7, tuple(1000, 10, 253, 0, "=", "LaserWriter", "*"))),
  ddp(2, nbp(0x11, 8, tuple(1000, 10, 253, 0, "Office", "AFPServer", "Engineering"))),
  ddp(2, nbp(0x22, 9, tuple(1001, 11, 250, 3, "x", "y", "z"))),
  ddp(
    2,
    nbp(
      0x33,
      7,
      tuple(1000, 10, 253, 1, "Printer 1", "LaserWriter", "*"),
      tuple(1000, 10, 128, 2, "Printer 2", "LaserWriter", "*"),
      tuple(1002, 30, 253, 1, "Far", "LaserWriter", "Zone B"),
    ),
    [1000, 10, 253],
  ),
  ddp(2, nbp(0x31, 4, tuple(1000, 10, 253, 1, "caf\xe9\x01", "T", "*"))),
  ddp(2, nbp(0x41, 5, tuple(1000, 10, 253, 1, "o", "t", "z"))),
  ddp(2, nbp(0x21, 6, bytes(u16(1000), 10, 253, 0, 40, ascii("long")))),
  ddp(2, nbp(0x21, 6, bytes(u16(1000)))),
  ddp(3, atp(0x40, 0x01, 1234)),
  ddp(3, atp(0x60, 0xff, 1235, 0x01020304)),
  ddp(3, atp(0x58, 0x0b, 1236, 0, ascii("getstatus"))),
  ddp(3, atp(0x90, 0x00, 1234, 0, ascii("response data"))),
  ddp(3, atp(0xa8, 0x03, 1235, 7, ascii("r"))),
  ddp(3, atp(0x88, 0x01, 1236)),
  ddp(3, atp(0xc0, 0x07, 1234)),
  ddp(3, atp(0xf8, 0x05, 1235, 0, ascii("xx"))),
  ddp(3, atp(0x00, 0x00, 9)),
  ddp(3, bytes(0x40, 1, 0)),
  ddp(1, bytes(u16(1000), 8, 0x82, u16(1000), 0x80, u16(1010), 1)), // RTMP data
  ddp(5, bytes(1)), // RTMP request
  ddp(6, bytes(5, 1, u16(1000))), // ZIP query
  ddp(4, bytes(1, ascii("echo me"))), // AEP request
  ddp(7, bytes(u16(1), u16(2), u32(0), u32(0), u16(4096), 0x81)), // ADSP
  ddp(22, bytes(0x45, 0, u16(20))),
  ddp(
    88,
    bytes(
      2,
      5,
      u16(0),
      u32(0),
      u32(1),
      u32(0),
      u32(100),
      u16(1),
      u16(12),
      1,
      0,
      1,
      0,
      0,
      0,
      u16(15),
    ),
  ),
];

const eth = (d: Uint8Array, dst = AT_BCAST) => ether(0x809b, d, dst, MAC_A);
const snapDdp = (d: Uint8Array, dst = AT_BCAST) =>
  llc(0xaa, 0xaa, 0x03, bytes(0x08, u16(0x0007), u16(0x809b), d), dst, MAC_A);
const aarp = (
  op: number,
  hs: string,
  ps: number[],
  hd: string,
  pd: number[],
  htype = 1,
  ptype = 0x809b,
) =>
  bytes(
    u16(htype),
    u16(ptype),
    6,
    4,
    u16(op),
    mac(hs),
    0,
    u16(ps[0]!),
    ps[1]!,
    mac(hd),
    0,
    u16(pd[0]!),
    pd[1]!,
  );
const AARPS = [
  aarp(1, MAC_A, [1000, 10], "00:00:00:00:00:00", [1000, 20]),
  aarp(2, MAC_B, [1000, 20], MAC_A, [1000, 10]),
  aarp(3, MAC_A, [65280, 1], "00:00:00:00:00:00", [65280, 1]),
  aarp(9, MAC_A, [1, 2], MAC_B, [3, 4]),
  aarp(1, MAC_A, [1, 2], MAC_B, [3, 4], 6),
  aarp(1, MAC_A, [1, 2], MAC_B, [3, 4], 1, 0),
];
const cut = (d: Uint8Array, n: number): Packet => ({ data: d.subarray(0, n), wireLen: d.length });

const LLAP = (dst: number, src: number, type: number, body: Uint8Array) =>
  bytes(dst, src, type, body);
const sddp = (dskt: number, sskt: number, type: number, payload: Uint8Array) =>
  bytes(u16(5 + payload.length), dskt, sskt, type, payload);

export const ATALK_CASES: Case[] = [
  {
    name: "atalk",
    linkType: 1,
    packets: [
      ...DDPS.map((d) => ({ data: eth(d) })),
      ...DDPS.slice(0, 14).map((d, i) => ({ data: snapDdp(d, i % 2 ? MAC_B : AT_BCAST) })),
      ...AARPS.map((a) => ({ data: ether(0x80f3, a, "ff:ff:ff:ff:ff:ff", MAC_A) })),
      ...AARPS.slice(0, 3).map((a) => ({
        data: llc(0xaa, 0xaa, 0x03, bytes(0, u16(0), u16(0x80f3), a), AT_BCAST, MAC_A),
      })),
      cut(eth(DDPS[0]!), 20),
      cut(eth(DDPS[0]!), 30),
      cut(eth(DDPS[3]!), 50),
      cut(eth(DDPS[3]!), 70),
      cut(eth(DDPS[8]!), 30),
      cut(snapDdp(DDPS[8]!), 30),
      cut(ether(0x80f3, AARPS[0]!, "ff:ff:ff:ff:ff:ff", MAC_A), 30),
      { data: ether(0x809b, bytes(0, 5, 0, 0), AT_BCAST, MAC_A) },
      { data: ether(0x80f3, bytes(0, 1, 0x80, 0x9b), AT_BCAST, MAC_A) },
    ],
    link: true,
  },
  {
    name: "ltalk",
    linkType: 114,
    packets: [
      {
        data: LLAP(
          255,
          10,
          1,
          sddp(2, 253, 2, nbp(0x21, 3, tuple(0, 10, 253, 0, "=", "AFPServer", "*"))),
        ),
      },
      { data: LLAP(20, 10, 1, sddp(200, 201, 3, atp(0x40, 1, 77))) },
      { data: LLAP(10, 20, 1, sddp(201, 200, 3, atp(0x90, 0, 77, 0, ascii("ok")))) },
      { data: LLAP(255, 10, 2, ddp(1, bytes(u16(5), 8, 10, u16(5), 0x80))) },
      { data: LLAP(255, 10, 2, ddp(6, bytes(5, 1, u16(5)))) },
      { data: LLAP(255, 10, 0x4b, bytes(1, 2, 3)) },
      { data: LLAP(255, 10, 0x81, bytes()) },
      { data: LLAP(255, 10, 1, bytes(0, 4)) },
      { data: LLAP(255, 10, 2, bytes(0, 10, 0, 0, 1)) },
      { data: bytes(255, 10) },
      cut(
        LLAP(
          255,
          10,
          1,
          sddp(2, 253, 2, nbp(0x21, 3, tuple(0, 10, 253, 0, "=", "AFPServer", "*"))),
        ),
        6,
      ),
      cut(LLAP(255, 10, 2, ddp(6, bytes(5, 1, u16(5)))), 10),
      cut(LLAP(255, 10, 2, ddp(6, bytes(5, 1, u16(5)))), 2),
      ...DDPS.slice(8, 17).map((d) => ({ data: LLAP(20, 10, 2, d) })),
    ],
  },
];

// DDP in UDP (LLAP framing) on the ports tcpdump takes for it, before PTP's 319 and 320, and
// the same bytes on ports it does not take or that another printer claims first
const kip = LLAP(
  0x30,
  0x27,
  2,
  ddp(2, nbp(0x21, 1, tuple(100, 6, 8, 1, "=", "*", "*")), [200, 6, 8], [100, 5, 7]),
);
ATALK_CASES.push({
  name: "atalk_udp",
  linkType: 101,
  packets: [
    [319, 5000],
    [320, 9999],
    [250, 4000],
    [16600, 16600],
    [770, 1],
    [5000, 5001],
    [53, 250],
    [
      4789,
      201,
    ],
    [16512, 9],
    [16640, 9],
    [327, 9],
    [328, 9],
    [895, 9],
    [896, 9],
  ].map(([s, d]) => ({
    data: udp4("10.0.0.1", "10.0.0.2", s!, d!, kip),
  })).concat([{ data: udp4("10.0.0.1", "10.0.0.2", 250, 9, bytes(1, 2, 1, 0)) }, {
    data: udp4("10.0.0.1", "10.0.0.2", 250, 9, bytes(1, 2)),
  }]),
});
