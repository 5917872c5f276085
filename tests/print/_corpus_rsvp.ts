// Golden corpus case for RSVP (IP protocol 46): RSVP-TE Path and Resv messages with the objects
// of RFC 2205/2210/3209/4090, errors, tears, confirmations, hellos, refresh reduction (message
// IDs, bundles, summary refresh), IPv6 sessions, and the malformed objects tcpdump flags.

import { bytes, ip4, ip6, ipv4, ipv6, type Packet, u16, u32 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const ascii = (s: string) => new TextEncoder().encode(s);
const f32 = (v: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, v);
  return b;
};
const obj = (cls: number, ctype: number, body: Uint8Array | number[]) =>
  bytes(u16(4 + body.length), cls, ctype, body);
const msg = (type: number, ...objs: Uint8Array[]) => {
  const body = bytes(...objs);
  return bytes(0x10, type, u16(0x1234), 63, 0, u16(8 + body.length), body);
};
const session4 = obj(1, 7, bytes(ip4("10.0.0.9"), u16(0), u16(7), ip4("10.0.0.1")));
const hop = obj(3, 1, bytes(ip4("10.0.0.1"), u32(5)));
const time = obj(5, 1, u32(30000));
const tspec = obj(
  12,
  2,
  bytes(
    0,
    0,
    u16(7),
    1,
    0,
    u16(6),
    127,
    0,
    u16(5),
    f32(1250000),
    f32(1000),
    f32(Infinity),
    u32(20),
    u32(1500),
  ),
);
const flowspec = obj(
  9,
  2,
  bytes(
    0,
    0,
    u16(10),
    5,
    0x80,
    u16(9),
    127,
    0,
    u16(5),
    f32(125000),
    f32(1500.5),
    f32(2500000),
    u32(64),
    u32(9000),
    130,
    0,
    u16(2),
    f32(3e6),
    u32(100),
  ),
);
const adspec = obj(
  13,
  2,
  bytes(
    0,
    0,
    u16(19),
    1,
    0,
    u16(8),
    4,
    0,
    u16(1),
    u32(3),
    6,
    0,
    u16(1),
    f32(1.25e8),
    8,
    0,
    u16(1),
    u32(0xffffffff),
    10,
    0,
    u16(1),
    u32(1500),
    2,
    0,
    u16(6),
    133,
    0,
    u16(1),
    u32(10),
    134,
    0,
    u16(1),
    u32(20),
    135,
    0,
    u16(1),
    u32(30),
    2,
    0x80,
    u16(0),
    99,
    0,
    u16(1),
    u32(7),
  ),
);
const ero = obj(
  20,
  1,
  bytes(0x01, 8, ip4("10.0.0.2"), 32, 0, 0x81, 8, ip4("10.0.1.2"), 32, 0, 0x20, 4, u16(65001)),
);
const rro = obj(21, 1, bytes(0x01, 8, ip4("10.0.0.1"), 32, 0x09, 0x03, 8, 0x01, 1, u32(17)));
const labelReq = obj(19, 1, bytes(u16(0), u16(0x0800)));
const sessAttr = (flags: number, name: string) =>
  obj(
    207,
    7,
    bytes(7, 7, flags, name.length, ascii(name), new Uint8Array((4 - name.length % 4) % 4)),
  );
const sender = obj(11, 7, bytes(ip4("10.0.0.1"), u16(0), u16(1)));
const frr = obj(205, 1, bytes(7, 0, 16, 0x02, f32(1.25e6), u32(1), u32(2), u32(4)));
const frrOld = obj(205, 7, bytes(7, 0, 16, 0, f32(1.25e7), u32(0xff), u32(0)));
const detour = obj(
  63,
  7,
  bytes(ip4("10.0.0.1"), ip4("10.0.0.3"), ip4("10.0.0.4"), ip4("10.0.0.5")),
);
const ct = obj(66, 1, u32(3));
const style = (s: number) => obj(8, 1, bytes(0, 0, 0, s));
const filter = obj(10, 7, bytes(ip4("10.0.0.1"), u16(0), u16(1)));
const label = obj(16, 1, u32(3));
const msgId = (flags: number, epoch: number, ...ids: number[]) =>
  obj(23, 1, bytes(flags, epoch >> 16, (epoch >> 8) & 0xff, epoch & 0xff, ...ids.map(u32)));

const A = "10.0.0.1", B = "10.0.0.2";
const rsvp4 = (src: string, dst: string, m: Uint8Array) => ipv4(src, dst, 46, m, { ttl: 63 });
const rsvp6 = (m: Uint8Array) => ipv6("2001:db8::1", "2001:db8::2", 46, m);

const frames: Uint8Array[] = [
  rsvp4(
    A,
    "10.0.0.9",
    msg(
      1,
      msgId(1, 77, 1),
      session4,
      hop,
      time,
      labelReq,
      sessAttr(0x06, "lsp-one"),
      sender,
      tspec,
      adspec,
      ero,
      rro,
    ),
  ),
  rsvp4(
    A,
    "10.0.0.9",
    msg(1, session4, hop, time, labelReq, sessAttr(0x1f, "a"), sender, tspec, frr, detour, ct),
  ),
  rsvp4(
    A,
    "10.0.0.9",
    msg(
      1,
      session4,
      hop,
      time,
      sessAttr(0, "abcd"),
      sender,
      frrOld,
      obj(19, 1, bytes(u16(0), u16(0x86dd), u16(0), u16(0x1234))),
    ),
  ),
  rsvp4(
    B,
    A,
    msg(
      2,
      session4,
      obj(3, 1, bytes(ip4(B), u32(9))),
      time,
      style(18),
      flowspec,
      filter,
      label,
      rro,
    ),
  ),
  rsvp4(
    B,
    A,
    msg(
      2,
      session4,
      obj(3, 1, bytes(ip4(B), u32(9))),
      time,
      style(10),
      flowspec,
      filter,
      obj(16, 1, bytes(u32(16), u32(17))),
    ),
  ),
  rsvp4(
    B,
    A,
    msg(
      2,
      session4,
      obj(3, 1, bytes(ip4(B), u32(9))),
      time,
      style(17),
      obj(9, 1, u32(0)),
      filter,
      label,
    ),
  ),
  rsvp4(B, A, msg(3, session4, obj(6, 1, bytes(ip4(B), 0, 24, u16(5))), sender, tspec)),
  rsvp4(
    A,
    B,
    msg(4, session4, hop, obj(6, 1, bytes(ip4(A), 1, 28, u16(3))), style(18), flowspec, filter),
  ),
  rsvp4(A, B, msg(4, session4, hop, obj(6, 3, bytes(ip4(A), 0, 1, u16(9), u32(0))), style(18))),
  rsvp4(A, "10.0.0.9", msg(5, session4, hop, sender)),
  rsvp4(B, A, msg(6, session4, obj(3, 1, bytes(ip4(B), u32(9))), style(18), filter)),
  rsvp4(
    A,
    B,
    msg(
      7,
      session4,
      obj(6, 1, bytes(ip4(A), 0, 0, u16(0))),
      obj(15, 1, ip4(B)),
      style(18),
      flowspec,
      filter,
    ),
  ),
  rsvp4(A, B, msg(20, obj(22, 1, bytes(u32(0x11), u32(0))))),
  rsvp4(
    B,
    A,
    msg(20, obj(22, 2, bytes(u32(0x22), u32(0x11))), obj(131, 1, bytes(u32(120000), u32(60000)))),
  ),
  rsvp4(
    A,
    B,
    bytes(
      msg(13, obj(24, 1, bytes(0, 0, 0, 77, u32(1), u32(2)))).map((b, i) => i === 0 ? 0x11 : b),
    ),
  ),
  rsvp4(A, B, msg(15, obj(25, 1, bytes(0, 0, 0, 77, u32(3), u32(4), u32(5))))),
  rsvp4(
    A,
    B,
    msg(
      12,
      msg(1, session4, hop, time),
      msg(2, session4, obj(3, 1, bytes(ip4(B), u32(9))), style(18)),
    ),
  ),
  rsvp4(
    A,
    "10.0.0.9",
    msg(
      1,
      obj(1, 1, bytes(ip4("10.0.0.9"), 17, 1, u16(5004))),
      hop,
      time,
      obj(11, 1, bytes(ip4(A), u16(0), u16(5004))),
      tspec,
    ),
  ),
  rsvp4(
    B,
    A,
    msg(
      2,
      obj(1, 1, bytes(ip4("10.0.0.9"), 6, 0, u16(80))),
      obj(3, 1, bytes(ip4(B), u32(9))),
      time,
      style(10),
      flowspec,
      obj(10, 1, bytes(ip4(A), u16(0), u16(5004))),
    ),
  ),
  rsvp6(
    msg(
      1,
      obj(1, 2, bytes(ip6("2001:db8::2"), 17, 0, u16(5004))),
      obj(3, 2, bytes(ip6("2001:db8::1"), u32(1))),
      time,
      obj(11, 2, bytes(ip6("2001:db8::1"), u16(0), u16(5004))),
      tspec,
    ),
  ),
  rsvp6(
    msg(
      2,
      obj(1, 2, bytes(ip6("2001:db8::2"), 17, 0, u16(5004))),
      obj(3, 2, bytes(ip6("2001:db8::2"), u32(1))),
      time,
      style(10),
      flowspec,
      obj(10, 2, bytes(ip6("2001:db8::1"), u16(0), u16(5004))),
      obj(10, 3, bytes(ip6("2001:db8::1"), 0, u16(0x1234), 0x56)),
    ),
  ),
  rsvp6(
    msg(
      3,
      obj(1, 2, bytes(ip6("2001:db8::2"), 17, 0, u16(5004))),
      obj(6, 2, bytes(ip6("2001:db8::2"), 0, 24, u16(2))),
      obj(15, 2, ip6("2001:db8::9")),
      obj(195, 1, ip4(A)),
      obj(195, 2, ip6("2001:db8::9")),
    ),
  ),
  // objects without a decoder, unknown C-Types, labels of other kinds
  rsvp4(
    A,
    B,
    msg(
      1,
      session4,
      obj(7, 1, ip4(A)),
      obj(14, 1, u32(1)),
      obj(1, 9, u32(1)),
      obj(16, 2, u32(0x12345)),
      obj(35, 3, bytes(u32(1), u32(2), u32(3))),
      obj(99, 1, u32(4)),
      obj(232, 1, u32(5)),
    ),
  ),
  // malformed: bad version, short common header, objects of bad lengths, bad ERO subobjects
  rsvp4(A, B, bytes(0x20, 1, u16(0), 63, 0, u16(8))),
  rsvp4(A, B, bytes(0x10, 1, u16(0), 63, 0, u16(4))),
  rsvp4(A, B, msg(1, bytes(u16(6), 1, 1, 0, 0, 0, 0))),
  rsvp4(A, B, msg(1, bytes(u16(0), 1, 1))),
  rsvp4(A, B, msg(1, bytes(u16(40), 1, 1, u32(0)))),
  rsvp4(A, B, msg(1, obj(1, 1, u32(1)))),
  rsvp4(A, B, msg(1, obj(20, 1, bytes(0x01, 12, ip4(A), 32, 0, u32(0))))),
  rsvp4(A, B, msg(1, obj(20, 1, bytes(0x01, 8, ip4(A), 24, 0)))),
  rsvp4(A, B, msg(1, obj(20, 1, bytes(0x01, 0, 0, 0)))),
  rsvp4(A, B, msg(1, obj(20, 1, bytes(0x01, 16, 0, 0)))),
  rsvp4(A, B, msg(1, obj(21, 1, bytes(0x03, 4, 0, 1)))),
  rsvp4(A, B, msg(1, obj(21, 1, bytes(0x03, 8, 0, 2, u32(9))))),
  rsvp4(A, B, msg(1, obj(207, 7, bytes(7, 7, 0, 9, ascii("abcd"))))),
  rsvp4(A, B, msg(12, bytes(0x10, 1, u16(0), 1, 0, u16(40)))),
  rsvp4(A, B, msg(99, u32(1))),
];

const cut: Packet[] = [frames[0]!, frames[3]!].map((d, i) => ({
  data: d.subarray(0, d.length - [30, 10][i]!),
  wireLen: d.length,
}));

const packets: Packet[] = [...frames.map((d) => ({ data: d })), ...cut];

// GMPLS and P2MP objects (RFC 2747, 3473, 4875, 5063, OIF UNI, Juniper properties): each
// decoded C-Type, the ones without a decoder, and each "too short" and sub-object error.
const p2mpSession = obj(1, 13, bytes(ip4("10.9.9.9"), u16(0), u16(0x77), ip4("10.0.0.1")));
const p2mpSender = obj(11, 12, bytes(ip4(A), u16(0), u16(2), ip4(A), u16(0), u16(5)));
const s2l = obj(50, 1, ip4("10.0.0.5"));
const v6a = ip6("2001:db8::1"), v6b = ip6("2001:db8::2");
const gpid = (enc: number, sw: number, pid: number) => obj(19, 4, bytes(enc, sw, u16(pid)));
const labelSet = (action: number, type: number, ...words: number[]) =>
  obj(36, 1, bytes(action, 0, 0, type, ...words.map(u32)));
const integrity = (flags: number) =>
  obj(
    4,
    1,
    bytes(flags, 0, "0102 0304 0506", "0000 0000 0000 002a", "00112233445566778899aabbccddeeff"),
  );
const uniSub = (type: number, af: number, body: Uint8Array | number[]) =>
  bytes(u16(4 + body.length), type, af, body);
const uni = (...subs: Uint8Array[]) => obj(229, 1, bytes(...subs));
const props = (count: number, pad: number, ...tlvs: Uint8Array[]) => {
  const body = bytes(u16(count), u16(pad), ...tlvs);
  return obj(204, 1, bytes(body, new Uint8Array((4 - body.length % 4) % 4)));
};

const gmpls: Uint8Array[] = [
  rsvp4(A, "10.9.9.9", msg(1, p2mpSession, hop, time, labelReq, p2mpSender, s2l, tspec)),
  rsvp4(
    B,
    A,
    msg(
      2,
      p2mpSession,
      obj(3, 1, bytes(ip4(B), u32(9))),
      time,
      style(18),
      flowspec,
      obj(10, 12, bytes(ip4(A), u16(0), u16(2), ip4(A), u16(0), u16(5))),
      label,
      obj(50, 1, ip4("10.0.0.6")),
    ),
  ),
  rsvp6(
    msg(
      1,
      obj(1, 14, bytes(u32(0x0a0a0a0a), u16(0), u16(0x99), v6a, u32(0))),
      obj(3, 2, bytes(v6a, u32(1))),
      time,
      obj(11, 13, bytes(v6a, u16(0), u16(3), v6a, u16(0), u16(6))),
      obj(50, 2, v6b),
      tspec,
    ),
  ),
  rsvp6(
    msg(
      2,
      obj(1, 8, bytes(v6b, u16(0), u16(0x44), v6a)),
      obj(3, 2, bytes(v6b, u32(1))),
      time,
      style(10),
      obj(10, 13, bytes(v6a, u16(0), u16(3), v6a, u16(0), u16(6))),
      obj(10, 8, bytes(ip4(A), new Uint8Array(14), u16(0x31))),
    ),
  ),
  // Label Request with ATM and Frame Relay ranges, generalized ones
  rsvp4(
    A,
    B,
    msg(
      1,
      session4,
      obj(19, 2, bytes(u16(0), u16(0x0800), u16(0x8012), u16(0x0034), u16(0x00ff), u16(0xffff))),
      obj(19, 3, bytes(u16(0), u16(0x86dd), u32(16), u32(1023))),
      obj(19, 3, bytes(u16(0), u16(0x0800), u32(0x01000010), u32(0x7fffff))),
      obj(19, 3, bytes(u16(0), u16(0x0800), u32(0x00800010), u32(0x7fffff))),
      gpid(8, 150, 37),
    ),
  ),
  ...[
    [1, 1, 0],
    [2, 51, 33],
    [5, 100, 34],
    [9, 200, 58],
    [11, 2, 59],
    [0, 0, 0x0800],
    [
      12,
      7,
      19,
    ],
    [3, 4, 44],
    [7, 3, 47],
    [255, 255, 0xffff],
  ].map(([e, w, p]) =>
    rsvp4(A, B, msg(1, session4, gpid(e!, w!, p!), obj(19, 2, u32(0)), obj(19, 4, u16(0))))
  ),
  // Label Set: lists, ranges, an unknown action, too short
  rsvp4(
    A,
    B,
    msg(
      1,
      session4,
      labelSet(0, 2, 100, 101, 102),
      labelSet(1, 0x82, 7),
      labelSet(2, 3, 10, 20),
      labelSet(3, 0x7f, 30, 40),
      labelSet(9, 1),
    ),
  ),
  rsvp4(A, B, msg(1, session4, labelSet(2, 3, 10))),
  rsvp4(A, B, msg(1, session4, obj(36, 1, []))),
  rsvp4(A, B, msg(1, session4, obj(36, 2, u32(1)), obj(130, 1, u32(5)), obj(37, 1, u32(6)))),
  // Administrative Status, Capability, S2L of both families and errors
  rsvp4(
    A,
    B,
    msg(
      1,
      session4,
      obj(196, 1, u32(0x80000007)),
      obj(196, 1, u32(0)),
      obj(196, 1, u32(0x00000102)),
      obj(134, 1, u32(7)),
      obj(134, 1, u32(0)),
      obj(134, 1, u32(0x12345675)),
    ),
  ),
  rsvp4(A, B, msg(1, session4, obj(196, 1, []))),
  rsvp4(A, B, msg(1, session4, obj(134, 1, []))),
  rsvp4(A, B, msg(1, session4, obj(134, 2, u32(1)), obj(196, 2, u32(1)), obj(50, 3, u32(1)))),
  rsvp4(A, B, msg(1, session4, obj(50, 2, u32(1)))),
  rsvp4(A, B, msg(1, session4, obj(50, 1, []))),
  // Integrity
  rsvp4(A, B, msg(1, integrity(0x80), session4, hop, time)),
  rsvp4(A, B, msg(2, integrity(0), session4, style(10))),
  rsvp4(A, B, msg(1, obj(4, 1, bytes(0, 0, "0102 0304 0506", u32(0), u32(1))), session4)),
  rsvp4(A, B, msg(1, obj(4, 2, u32(1)), session4)),
  // Properties
  rsvp4(
    A,
    B,
    msg(
      1,
      session4,
      props(3, 0, bytes(1, 4, 0, 5), bytes(2, 6, u32(100)), bytes(0x10, 2)),
      props(1, 2, bytes(8, 4, 0, 1)),
      props(1, 0, bytes(0x55, 3, 9)),
    ),
  ),
  rsvp4(A, B, msg(1, session4, props(1, 0, bytes(1, 9, 0, 5)))),
  rsvp4(A, B, msg(1, session4, props(1, 0, bytes(1, 1, 0, 5)))),
  rsvp4(A, B, msg(1, session4, obj(204, 1, []))),
  // Generalized UNI sub-objects
  rsvp4(
    A,
    B,
    msg(
      1,
      session4,
      uni(
        uniSub(1, 1, ip4("192.0.2.1")),
        uniSub(2, 2, v6b),
        uniSub(3, 1, []),
        uniSub(4, 0, bytes(u32(0x80000002), u32(7), u32(99))),
        uniSub(5, 0, u32(0x05000000)),
      ),
    ),
  ),
  rsvp4(A, B, msg(1, session4, uni(uniSub(1, 3, u32(0x47000580)), uniSub(3, 1, u32(1))))),
  rsvp4(A, B, msg(1, session4, uni(uniSub(9, 12, u32(1)), uniSub(2, 25, u32(2))))),
  rsvp4(A, B, msg(1, session4, uni(uniSub(1, 1, u16(1)), u16(0)))),
  rsvp4(A, B, msg(1, session4, uni(uniSub(4, 1, u32(1))))),
  rsvp4(A, B, msg(1, session4, uni(uniSub(5, 1, [])))),
  rsvp4(A, B, msg(1, session4, uni(bytes(u16(12), 1, 1, u32(0))))),
  rsvp4(A, B, msg(1, session4, uni(bytes(u16(2), 1, 1)))),
  rsvp4(A, B, msg(1, session4, obj(229, 1, []), obj(229, 2, u32(0)))),
  // P2MP and tunnel C-Types too short
  rsvp4(A, B, msg(1, obj(1, 13, u32(0)))),
  rsvp4(A, B, msg(1, obj(1, 14, bytes(u32(0), u32(0), v6a)))),
  rsvp4(A, B, msg(1, obj(1, 8, bytes(v6a, u32(0), v6a)))),
  rsvp4(A, B, msg(1, session4, obj(11, 12, bytes(ip4(A), u32(0), ip4(A))))),
  rsvp4(A, B, msg(1, session4, obj(11, 13, bytes(v6a, u32(0), v6a)))),
  rsvp4(A, B, msg(2, session4, obj(10, 12, bytes(ip4(A), u32(0), ip4(A))))),
  rsvp4(A, B, msg(2, session4, obj(10, 13, bytes(v6a, u32(0), v6a)))),
  rsvp4(A, B, msg(2, session4, obj(10, 8, bytes(v6a)), obj(11, 8, bytes(v6a, u32(0))))),
  rsvp4(A, B, msg(1, session4, obj(19, 2, bytes(u32(0x800), u32(0))))),
  rsvp4(A, B, msg(1, session4, obj(19, 3, bytes(u32(0x800), u32(0))))),
];

const gmplsCut: Packet[] = [gmpls[0]!, gmpls[2]!, gmpls[16]!, gmpls[25]!].map((d, i) => ({
  data: d.subarray(0, d.length - [20, 12, 8, 6][i]!),
  wireLen: d.length,
}));

export const RSVP_CASES: Case[] = [
  { name: "rsvp", linkType: 101, packets },
  {
    name: "rsvp_gmpls",
    linkType: 101,
    packets: [...gmpls.map((d) => ({ data: d })), ...gmplsCut],
  },
];
