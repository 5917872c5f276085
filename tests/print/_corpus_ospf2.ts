// Golden cases for the OSPFv2 parts tcpdump 4.99 prints beyond the basic LSAs (print-ospf.c):
// opaque LSAs (RFC 5250) carrying traffic engineering TLVs and sub-TLVs (RFC 3630, RFC 4203),
// grace LSAs (RFC 3623) and router information (RFC 7770), group-membership LSAs, LS-Requests for
// opaque LSAs, router LSAs with per-topology metrics and flags, the link-local signalling block
// after a Hello or a DD (RFC 5613), an MD5 trailer, and the header checks' order.

import { bytes, ip4, ipv4, type Packet, u16, u32 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const f32 = (v: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, v);
  return b;
};
const tlv = (type: number, value: Uint8Array) => {
  const l = value.length;
  return bytes(u16(type), u16(l), value, new Uint8Array((4 - l % 4) % 4));
};
/** An OSPFv2 packet from 10.0.1.3 to 224.0.0.5; `auth` 2 adds a 16-byte MD5 trailer. */
function ospf(type: number, body: Uint8Array, auth = 0, trailer = bytes(), lenAdjust = 0) {
  const authData = auth === 2 ? bytes(0, 0, 1, 16, u32(77)) : new Uint8Array(8);
  const p = bytes(
    2,
    type,
    u16(24 + body.length + lenAdjust),
    ip4("3.3.3.3"),
    u32(0),
    u16(0),
    u16(auth),
    authData,
    body,
  );
  return ipv4("10.0.1.3", "224.0.0.5", 89, bytes(p, trailer), { ttl: 1, tos: 0xc0 });
}
const lsaHdr = (type: number, id: Uint8Array, bodyLen: number, opts = 0x22) =>
  bytes(u16(1), opts, type, id, ip4("1.1.1.1"), u32(0x80000001), u16(0), u16(20 + bodyLen));
const lsa = (type: number, id: Uint8Array, body: Uint8Array, opts?: number) =>
  bytes(lsaHdr(type, id, body.length, opts), body);
const opaqueId = (otype: number, oid: number) => bytes(otype, oid >> 16, u16(oid & 0xffff));
const update = (...lsas: Uint8Array[]) => bytes(u32(lsas.length), ...lsas);

const TE_LINK = tlv(
  2,
  bytes(
    tlv(1, bytes(1)),
    tlv(2, ip4("10.0.0.2")),
    tlv(3, ip4("10.0.1.1")),
    tlv(4, ip4("10.0.1.2")),
    tlv(5, u32(10)),
    tlv(6, f32(125000000)),
    tlv(7, f32(100000000)),
    tlv(8, bytes(...Array.from({ length: 8 }, (_, i) => f32(12500000 * (i + 1))))),
    tlv(9, u32(0x0000000f)),
    tlv(11, bytes(u32(7), u32(9))),
    tlv(14, bytes(0x10, 0, 0, 0)),
    tlv(15, bytes(1, 2, 0, 0, ...Array.from({ length: 8 }, () => f32(1250000)))),
    tlv(16, bytes(u32(100), u32(200))),
    tlv(17, bytes(0, 0, 0, 0, f32(1000000), f32(2000000))),
    tlv(99, bytes(1, 2, 3)),
  ),
);
const TE = [
  lsa(10, opaqueId(1, 1), tlv(1, ip4("1.1.1.1"))),
  lsa(10, opaqueId(1, 2), TE_LINK),
  lsa(10, opaqueId(1, 3), tlv(2, bytes(tlv(9, u16(1))))),
  lsa(10, opaqueId(1, 4), tlv(2, bytes(tlv(8, u32(1))))),
  lsa(10, opaqueId(1, 5), tlv(2, bytes(tlv(17, bytes(0, 0, 0, 0, 1, 2))))),
  lsa(10, opaqueId(1, 6), tlv(7, bytes(1, 2, 3, 4, 5))),
  lsa(10, opaqueId(1, 7), bytes(u16(2), u16(40), u32(0))),
];
const GRACE = [
  lsa(9, opaqueId(3, 0), bytes(tlv(1, u32(120)), tlv(2, bytes(1)), tlv(3, ip4("10.0.1.3")))),
  lsa(9, opaqueId(3, 0), bytes(tlv(1, u16(1)))),
  lsa(9, opaqueId(3, 0), bytes(tlv(2, bytes(9)), tlv(8, bytes(1, 2)))),
];
const RI = [
  lsa(10, opaqueId(4, 0), tlv(1, u32(0x000000f0))),
  lsa(11, opaqueId(4, 0), bytes(tlv(1, u16(3)))),
  lsa(10, opaqueId(4, 0), bytes(tlv(2, ascii("host")))),
];
function ascii(s: string) {
  return new TextEncoder().encode(s);
}
const OTHER = [
  lsa(11, opaqueId(200, 5), bytes(1, 2, 3, 4, 5, 6)),
  lsa(
    6,
    ip4("224.1.1.1"),
    bytes(u32(1), ip4("1.1.1.1"), u32(2), ip4("10.0.1.1"), u32(9), ip4("0.0.0.9")),
  ),
  lsa(
    1,
    ip4("1.1.1.1"),
    bytes(
      0x93,
      0,
      u16(2),
      ip4("10.0.0.0"),
      ip4("255.255.255.0"),
      3,
      2,
      u16(10),
      1,
      0,
      u16(20),
      2,
      0,
      u16(30),
      ip4("2.2.2.2"),
      ip4("10.0.1.1"),
      1,
      0,
      u16(5),
    ),
  ),
  lsa(3, ip4("172.16.0.0"), bytes(ip4("255.255.0.0"), u32(0x81000014))),
  lsa(8, ip4("1.2.3.4"), bytes(1, 2, 3, 4)),
];
const hello = (opts: number) =>
  bytes(ip4("255.255.255.0"), u16(10), opts, 1, u32(40), ip4("10.0.1.3"), u32(0), ip4("10.0.1.1"));
const llsBlock = (...t: Uint8Array[]) => {
  const body = bytes(...t);
  return bytes(u16(0xffff), u16((4 + body.length) / 4), body);
};
const cut = (d: Uint8Array, n: number): Packet => ({ data: d.subarray(0, n), wireLen: d.length });
const BIG = ospf(4, update(TE[1]!, GRACE[0]!, RI[0]!));

export const OSPF2_CASES: Case[] = [{
  name: "ospf_opaque",
  linkType: 101,
  packets: [
    ...[...TE, ...GRACE, ...RI, ...OTHER].map((l) => ({ data: ospf(4, update(l)) })),
    { data: BIG },
    {
      data: ospf(
        3,
        bytes(
          u32(10),
          opaqueId(1, 2),
          ip4("1.1.1.1"),
          u32(9),
          opaqueId(4, 0),
          ip4("1.1.1.1"),
          u32(1),
          ip4("1.1.1.1"),
          ip4("1.1.1.1"),
        ),
      ),
    },
    { data: ospf(2, bytes(u16(1500), 0x52, 0x07, u32(0x1234), lsaHdr(10, opaqueId(1, 1), 8))) },
    { data: ospf(1, hello(0x12), 0, llsBlock(tlv(1, u32(3)))) },
    {
      data: ospf(
        1,
        hello(0x12),
        0,
        llsBlock(tlv(1, u16(3)), tlv(2, bytes(u32(5), new Uint8Array(16))), tlv(9, bytes(1))),
      ),
    },
    { data: ospf(2, bytes(u16(1500), 0x52, 0x07, u32(0x1234)), 0, llsBlock(tlv(1, u32(1)))) },
    { data: ospf(1, hello(0x02), 0, llsBlock(tlv(1, u32(3)))) },
    { data: ospf(1, hello(0x12), 2, bytes(new Uint8Array(16), llsBlock(tlv(1, u32(2))))) },
    { data: ospf(1, hello(0x12), 2, new Uint8Array(16)) },
    { data: ospf(1, hello(0x12), 0, bytes(1, 2)) },
    { data: ospf(5, bytes(lsaHdr(1, ip4("1.1.1.1"), 0), lsaHdr(10, opaqueId(1, 9), 4))) },
    cut(BIG, 90),
    cut(BIG, 150),
    cut(BIG, 200),
  ],
}];
