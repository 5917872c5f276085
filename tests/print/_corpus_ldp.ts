// Golden corpus case for LDP (RFC 5036 and the extensions tcpdump decodes): hellos on UDP 646,
// the session on TCP 646 (initialization, keepalive, address, label messages, notifications),
// several PDUs in one segment, and the malformed and cut PDUs tcpdump flags.

import { bytes, ip4, ip6, type Packet, tcp4, u16, u32, udp4 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const ascii = (s: string) => new TextEncoder().encode(s);
const tlv = (type: number, body: Uint8Array | number[], flags = 0) =>
  bytes(u16(type | flags), u16(body.length), body);
const msg = (type: number, id: number, ...tlvs: Uint8Array[]) => {
  const body = bytes(...tlvs);
  return bytes(u16(type), u16(4 + body.length), u32(id), body);
};
const pdu = (lsr: string, space: number, ...msgs: Uint8Array[]) => {
  const body = bytes(...msgs);
  return bytes(u16(1), u16(6 + body.length), ip4(lsr), u16(space), body);
};
const hello = (i: number) =>
  msg(
    0x0100,
    i,
    tlv(0x0400, bytes(u16(15), u16(i % 2 ? 0xc000 : 0))),
    tlv(0x0401, ip4(`10.0.0.${i}`)),
    ...(i % 3 === 0 ? [tlv(0x0402, u32(7 + i))] : []),
    ...(i % 4 === 1 ? [tlv(0x0403, ip6("2001:db8::1"))] : []),
    ...(i % 5 === 2 ? [tlv(0x0701, [0x60 - (i % 2) * 0x20, 0, 0, 0])] : []),
  );
const init = (i: number) =>
  msg(
    0x0200,
    0x10 + i,
    tlv(0x0500, bytes(u16(1), u16(180), i % 2 ? 0xc0 : 0, 0, u16(4096), ip4("2.2.2.2"), u16(0))),
    tlv(
      0x0503,
      bytes(u16(i % 2 ? 0x800f : 0x0002), u16(0), u32(i * 1000), u32(i % 2 ? 0 : 5000)),
      0x8000,
    ),
    tlv(0x050b, [i % 2 ? 0x80 : 0], 0x8000),
  );
const fecPrefix = (af: number, plen: number, addr: number[]) => bytes(0x02, u16(af), plen, addr);
const mapping = (i: number, fec: Uint8Array, ...more: Uint8Array[]) =>
  msg(0x0400, 0x100 + i, tlv(0x0100, fec), tlv(0x0200, u32(0x10000 + i * 17)), ...more);
const martini = (info: Uint8Array, pw = 0x8005, infoLen = 4 + info.length) =>
  bytes(0x80, u16(pw), infoLen, u32(7), u32(100), info);

const A = "10.0.0.1", B = "10.0.0.2";
const udp = (payload: Uint8Array) => udp4(A, "224.0.0.2", 646, 646, payload, { ttl: 1 });
const tcp = (payload: Uint8Array, i: number) =>
  tcp4(
    i % 2 ? B : A,
    i % 2 ? A : B,
    i % 2 ? 646 : 40000,
    i % 2 ? 40000 : 646,
    0x18,
    payload,
    1000 + i * 100,
    5000,
  );

const data: Uint8Array[] = [
  ...[1, 2, 3, 4, 5, 6, 7].map((i) => udp(pdu(`1.1.1.${i}`, 0, hello(i)))),
  tcp(pdu("1.1.1.1", 0, init(1)), 0),
  tcp(pdu("2.2.2.2", 0, init(2)), 1),
  tcp(pdu("1.1.1.1", 0, msg(0x0201, 3)), 0),
  tcp(pdu("2.2.2.2", 0, msg(0x0201, 4), msg(0x0201, 5)), 1),
  tcp(
    pdu("1.1.1.1", 0, msg(0x0300, 6, tlv(0x0101, bytes(u16(1), ip4("10.0.0.1"), ip4("1.1.1.1"))))),
    0,
  ),
  tcp(
    pdu(
      "2.2.2.2",
      0,
      msg(0x0300, 7, tlv(0x0101, bytes(u16(2), ip6("2001:db8::2"), ip6("fe80::2")))),
      msg(0x0301, 8, tlv(0x0101, bytes(u16(11), u32(1)))),
    ),
    1,
  ),
  tcp(
    pdu(
      "1.1.1.1",
      0,
      mapping(1, fecPrefix(1, 24, [192, 0, 2])),
      mapping(2, fecPrefix(1, 32, [1, 1, 1, 1])),
    ),
    0,
  ),
  tcp(
    pdu(
      "2.2.2.2",
      0,
      mapping(3, fecPrefix(2, 48, [0x20, 0x01, 0x0d, 0xb8, 0, 1])),
      mapping(4, bytes(0x01)),
      mapping(5, bytes(0x03, u16(1), 32, ip4("10.0.0.9"))),
    ),
    1,
  ),
  tcp(
    pdu(
      "1.1.1.1",
      0,
      mapping(6, fecPrefix(1, 33, [1, 2, 3, 4, 5])),
      mapping(7, fecPrefix(12, 8, [9])),
      mapping(8, fecPrefix(1, 24, [10, 1])),
    ),
    0,
  ),
  tcp(
    pdu(
      "2.2.2.2",
      0,
      mapping(
        9,
        martini(
          bytes(0x01, 4, u16(1500), 0x03, 6, ascii("pw-9"), 0x0c, 4, 0x03, 0x06, 0x44, 4, 1, 2),
        ),
        tlv(0x0103, [3]),
        tlv(0x0104, bytes(ip4("1.1.1.1"), ip4("2.2.2.2"), ip4("3.3.3.3"))),
        tlv(0x0601, u16(9000)),
      ),
    ),
    1,
  ),
  tcp(
    pdu(
      "1.1.1.1",
      0,
      mapping(10, martini(new Uint8Array(0), 0x0004, 0)),
      mapping(11, martini(new Uint8Array(0), 0x7fff, 2)),
      mapping(12, martini(bytes(0x05, 1, 0, 0), 0x8040)),
    ),
    0,
  ),
  tcp(
    pdu(
      "2.2.2.2",
      0,
      msg(0x0401, 13, tlv(0x0100, fecPrefix(1, 16, [172, 16])), tlv(0x0600, u32(99))),
      msg(0x0402, 14, tlv(0x0100, bytes(0x01)), tlv(0x0200, u32(17))),
      msg(0x0403, 15, tlv(0x0100, bytes(0x01))),
      msg(0x0404, 16, tlv(0x0600, u32(13))),
    ),
    1,
  ),
  tcp(
    pdu("1.1.1.1", 0, msg(0x0001, 17, tlv(0x0300, bytes(u32(0x8000000a), u32(0), u16(0))))),
    0,
  ),
  tcp(
    pdu(
      "2.2.2.2",
      0,
      msg(0x8001, 18, tlv(0x0300, bytes(u32(0x40000006), u32(0x55), u16(0x0200)), 0x4000)),
      msg(0x0001, 19, tlv(0x0300, bytes(u32(0x1000), u32(0), u16(0x9999)))),
    ),
    1,
  ),
  // an unknown message type and an unknown TLV (hex at -v), a TLV decoder tcpdump lacks
  tcp(
    pdu(
      "1.1.1.1",
      0,
      msg(0x3e01, 20, tlv(0x0100, bytes(0x01))),
      msg(0x0100, 21, tlv(0x3f00, [1, 2, 3]), tlv(0x0201, u32(5))),
    ),
    0,
  ),
  // malformed: version 2, pdu-length too short, a message too short, a TLV past its message
  tcp(bytes(u16(2), u16(10), ip4("1.1.1.1"), u16(0), u32(0), u32(0), u32(0)), 1),
  tcp(bytes(u16(1), u16(4), ip4("1.1.1.1"), u16(0), u32(0), u32(0), u32(0)), 0),
  tcp(bytes(u16(1), u16(14), ip4("1.1.1.1"), u16(0), u16(0x0100), u16(2), u32(1), u32(0)), 1),
  tcp(pdu("1.1.1.1", 0, bytes(u16(0x0100), u16(12), u32(22), u16(0x0400), u16(20), u32(0))), 0),
  // TLVs shorter than their decoder needs
  tcp(
    pdu(
      "2.2.2.2",
      0,
      msg(
        0x0100,
        23,
        tlv(0x0400, u16(15)),
        tlv(0x0401, [1, 2]),
        tlv(0x0500, u32(1)),
        tlv(0x0100, [0x02, 0]),
        tlv(0x0300, u32(0)),
        tlv(0x0100, [0x80, 0, 5]),
      ),
    ),
    1,
  ),
  // a message that claims more than the PDU holds; a PDU longer than the segment
  tcp(pdu("1.1.1.1", 0, bytes(u16(0x0201), u16(40), u32(24), u32(0))), 0),
  tcp(
    bytes(
      pdu("1.1.1.1", 0, msg(0x0201, 25)),
      u16(1),
      u16(200),
      ip4("1.1.1.1"),
      u16(0),
      msg(0x0201, 26),
      u32(0),
    ),
    1,
  ),
  // too short for a PDU and a message: nothing printed
  udp(bytes(u16(1), u16(6), ip4("1.1.1.1"), u16(0), u32(0))),
];

const cut: Packet[] = [
  { data: udp(pdu("1.1.1.9", 0, hello(9))) },
  { data: tcp(pdu("2.2.2.2", 0, init(3)), 1) },
  {
    data: tcp(
      pdu(
        "2.2.2.2",
        0,
        mapping(27, martini(bytes(0x01, 4, u16(1500), 0x03, 10, ascii("long-name")))),
      ),
      1,
    ),
  },
].map((p, i) => ({
  data: p.data.subarray(0, p.data.length - [20, 12, 6][i]!),
  wireLen: p.data.length,
}));

const packets: Packet[] = [...data.map((d) => ({ data: d })), ...cut];

export const LDP_CASES: Case[] = [{ name: "ldp", linkType: 228, packets }];
