// Golden cases for OpenFlow 1.0 and 1.3 on TCP 6633 and 6653 (print-openflow*.c of tcpdump
// 4.99): every 1.0 message type with the bodies tcpdump decodes (match, actions, ports, stats
// requests and replies, queues, Big Switch vendor extensions), every 1.3 message type, bad
// lengths and values, several messages in one segment, a header cut by the end of the TCP
// payload and bodies cut by the snapshot length.

import { bytes, ip4, mac, type Packet, tcp4, u16, u32 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const ascii = (s: string) => new TextEncoder().encode(s);
const u64 = (hi: number, lo: number) => bytes(u32(hi), u32(lo));
const pad = (n: number) => new Uint8Array(n);
const name = (s: string, n: number) => bytes(ascii(s), pad(n - s.length));
type Part = Uint8Array | number;
const of = (ver: number, type: number, xid: number, ...body: Part[]) => {
  const b = bytes(...body);
  return bytes(ver, type, u16(8 + b.length), u32(xid), b);
};
const of10 = (type: number, xid: number, ...body: Part[]) => of(1, type, xid, ...body);
const of13 = (type: number, xid: number, ...body: Part[]) => of(4, type, xid, ...body);

/** An ofp_match of OpenFlow 1.0 (40 bytes). */
const match = (
  wildcards: number,
  o: { port?: number; vlan?: number; pcp?: number; dlType?: number; proto?: number } = {},
) =>
  bytes(
    u32(wildcards),
    u16(o.port ?? 1),
    mac("00:00:00:00:00:01"),
    mac("00:00:00:00:00:02"),
    u16(o.vlan ?? 10),
    o.pcp ?? 3,
    0,
    u16(o.dlType ?? 0x0800),
    0x10,
    o.proto ?? 6,
    pad(2),
    ip4("10.1.1.0"),
    ip4("10.2.2.2"),
    u16(1024),
    u16(80),
  );
const action = (type: number, ...body: Uint8Array[]) => {
  const b = bytes(...body);
  return bytes(u16(type), u16(4 + b.length), b);
};
const ACTIONS = bytes(
  action(0, u16(3), u16(0)),
  action(0, u16(0xfffd), u16(128)),
  action(1, u16(100), pad(2)),
  action(1, u16(0xffff), pad(2)),
  action(2, bytes(9), pad(3)),
  action(3, pad(4)),
  action(4, mac("02:00:00:00:00:0a"), pad(6)),
  action(5, mac("02:00:00:00:00:0b"), pad(6)),
  action(6, ip4("192.0.2.1")),
  action(7, ip4("192.0.2.2")),
  action(8, bytes(0x2e), pad(3)),
  action(9, u16(8080), pad(2)),
  action(10, u16(443), pad(2)),
  action(11, u16(0xfffe), pad(6), u32(7)),
  action(0xffff, u32(0x5c16c7), u32(1), u32(5), u32(0x8100a064), bytes(1), pad(3)),
  action(0xffff, u32(0x5c16c7), u32(1), u32(6), u32(0), bytes(0), pad(3)),
  action(0xffff, u32(0x5c16c7), u32(2), pad(4)),
  action(0xffff, u32(0x002320), u32(0x12345678), pad(4)),
  action(0x20, pad(4)),
  action(6, ip4("192.0.2.3"), pad(8)),
);
/** An ofp_phy_port of OpenFlow 1.0 (48 bytes). */
const phyPort = (no: number, n: string, config: number, state: number, feat: number) =>
  bytes(
    u16(no),
    mac(`00:16:3e:00:00:${no.toString(16).padStart(2, "0")}`),
    name(n, 16),
    u32(config),
    u32(state),
    u32(feat),
    u32(feat | 0x2000),
    u32(0xfff),
    u32(0),
  );
/** An ofp_port of OpenFlow 1.3 (64 bytes). */
const port13 = (no: number, n: string, config: number, state: number) =>
  bytes(
    u32(no),
    pad(4),
    mac("00:16:3e:00:01:01"),
    pad(2),
    name(n, 16),
    u32(config),
    u32(state),
    u32(0x2820),
    u32(0xffff),
    u32(0x10000),
    u32(0),
    u32(1000000),
    u32(10000000),
  );
const FRAME = bytes(
  mac("ff:ff:ff:ff:ff:ff"),
  mac("00:16:3e:00:00:01"),
  u16(0x0806),
  "0001 0800 0604 0001",
  mac("00:16:3e:00:00:01"),
  ip4("10.0.0.1"),
  pad(6),
  ip4("10.0.0.2"),
  pad(18),
);
const desc = bytes(
  name("Nicira, Inc.", 256),
  name("Open vSwitch", 256),
  name("2.17.9", 256),
  name("None", 32),
  name("br0\x01", 256),
);
const flowStats = (n: number) =>
  bytes(
    u16(88 + 8 * n),
    0,
    0,
    match(0x3820ee),
    u32(123),
    u32(456000),
    u16(0x8000),
    u16(60),
    u16(0),
    pad(6),
    u64(0, 0xabc),
    u64(1, 5),
    u64(0, 9000),
    ...Array.from({ length: n }, (_, i) => action(0, u16(i + 1), u16(0))),
  );
const tableStats = (id: number, n: string, w: number) =>
  bytes(id, pad(3), name(n, 32), u32(w), u32(1000000), u32(12), u64(0, 99999), u64(0, 88888));
const queue = (id: number, ...props: Uint8Array[]) => {
  const p = bytes(...props);
  return bytes(u32(id), u16(8 + p.length), pad(2), p);
};
const prop = (type: number, len: number, ...body: Uint8Array[]) =>
  bytes(u16(type), u16(len), pad(4), ...body);

const V10: Uint8Array[] = [
  of10(0, 1),
  of10(0, 2, u32(0x12)),
  of10(2, 3, ascii("echo data 0123456789")),
  of10(3, 4),
  of10(1, 5, u16(1), u16(6), of10(14, 99, pad(4))),
  of10(1, 6, u16(9), u16(3)),
  of10(1, 7, u16(3), u16(0x99), ascii("x")),
  of10(1, 8, u16(0), u16(1)),
  of10(1, 9, u16(1)),
  of10(4, 10, u32(0x002320), ascii("nicira!")),
  of10(4, 11, u32(0x5c16c7), u32(0), bytes(2), pad(3), ip4("255.255.255.0")),
  of10(4, 12, u32(0x5c16c7), u32(6), u32(1), ascii("ls -l\n")),
  of10(4, 13, u32(0x5c16c7), u32(5), bytes(1), pad(3)),
  of10(4, 14, u32(0x5c16c7), u32(8), u32(0xfffffffe)),
  of10(4, 15, u32(0x5c16c7), u32(1), bytes(3), pad(7)),
  of10(4, 16, u32(0x5c16c7), u32(9)),
  of10(4, 17, u32(0x5c16c7), u32(9), pad(4)),
  of10(4, 18, u32(0x5c16c7), u32(17), u32(42)),
  of10(4, 19, u32(0x5c16c7), u32(7), ascii("total 0")),
  of10(4, 20, u32(0x5c16c7), u32(99), pad(2)),
  of10(4, 21, u32(0xff000002), pad(3)),
  of10(5, 22),
  of10(5, 23, pad(4)),
  of10(
    6,
    24,
    u64(0x00000011, 0x22334455),
    u32(256),
    254,
    pad(3),
    u32(0xc7),
    u32(0xfff),
    phyPort(1, "eth1", 0x11, 0x201, 0xa0),
    phyPort(0xfffe, "br0", 0x80, 0x10001, 0x8000),
  ),
  of10(6, 25, u64(0, 1), u32(0), 1, pad(3), u32(0x1010), u32(0x10000), pad(10)),
  of10(7, 26),
  of10(8, 27, u16(1), u16(128)),
  of10(9, 28, u16(7), u16(0xffff)),
  of10(9, 29, u16(0)),
  of10(10, 30, u32(0x100), u16(60), u16(3), 1, 0, FRAME),
  of10(10, 31, u32(0xffffffff), u16(0), u16(0xfff8), 7, 0),
  of10(
    11,
    32,
    match(0, { dlType: 0x0800, proto: 1 }),
    u64(0x11, 0x22),
    u16(100),
    1,
    0,
    u32(10),
    u32(500),
    u16(30),
    pad(2),
    u64(0, 77),
    u64(0, 7700),
  ),
  of10(11, 33, match(0x3fffff), u64(0, 0), u16(0), 9, 0, u32(0), u32(0), u16(0), pad(2), pad(16)),
  of10(12, 34, bytes(2), pad(7), phyPort(7, "veth-longname-16", 0x7f, 0x100, 0xfff)),
  of10(12, 35, bytes(5), pad(7), phyPort(8, "p8", 0x80, 0x400, 0x1000)),
  of10(
    13,
    36,
    u32(0xffffffff),
    u16(0xfffd),
    u16(16),
    action(0, u16(0xfffb), u16(0)),
    action(1, u16(0), pad(2)),
    FRAME,
  ),
  of10(13, 37, u32(5), u16(2), u16(40), pad(8)),
  of10(
    14,
    38,
    match(0x300000 | (8 << 8) | 0xe2, { dlType: 0x0806, proto: 2 }),
    u64(0, 1),
    u16(0),
    u16(10),
    u16(20),
    u16(1000),
    u32(0xffffffff),
    u16(0xffff),
    u16(0x0001),
    ACTIONS,
  ),
  of10(
    14,
    39,
    match(0xffc00000),
    u64(0xdead, 0xbeef),
    u16(3),
    u16(0),
    u16(0),
    u16(0),
    u32(7),
    u16(0xfff9),
    u16(0x0c),
  ),
  of10(
    14,
    40,
    match(0, { vlan: 0xfff, pcp: 8 }),
    u64(0, 0),
    u16(9),
    pad(6),
    u32(0x200),
    u16(0),
    u16(6),
    action(0, u16(1)),
  ),
  of10(14, 41, match(0x3fffff), u64(0, 0), u16(1), pad(14), action(0, u16(1), u16(0)), pad(4)),
  of10(15, 42, u16(2), mac("00:16:3e:00:00:02"), u32(0x1), u32(0x81), u32(0x3000), pad(4)),
  of10(15, 43, u16(2), mac("00:16:3e:00:00:02"), u32(0x1)),
  of10(16, 44, u16(0), u16(0)),
  of10(16, 45, u16(1), u16(0), match(0x3fffff), 0xff, 0, u16(0xffff)),
  of10(16, 46, u16(2), u16(1), match(0x3ffffe, { port: 0xfffe }), 0xfe, 0, u16(4)),
  of10(16, 47, u16(3), u16(0)),
  of10(16, 48, u16(4), u16(0), u16(0xffff), pad(6)),
  of10(16, 49, u16(5), u16(0), u16(1), pad(2), u32(0xffffffff)),
  of10(16, 50, u16(0xffff), u16(0), u32(0x5c16c7), ascii("bsn")),
  of10(16, 51, u16(9), u16(0), pad(4)),
  of10(16, 52, u16(0), u16(0), pad(4)),
  of10(16, 53, u16(1), u16(0), pad(10)),
  of10(17, 54, u16(0), u16(0), desc),
  of10(17, 55, u16(0), u16(1), pad(10)),
  of10(17, 56, u16(1), u16(1), flowStats(2), flowStats(0)),
  of10(17, 57, u16(1), u16(0), flowStats(0).subarray(0, 60)),
  of10(17, 58, u16(2), u16(0), u64(0, 1000), u64(0, 64000), u32(3), pad(4)),
  of10(
    17,
    59,
    u16(3),
    u16(0),
    tableStats(0, "classifier", 0x3fffff),
    tableStats(0xfe, "emerg", 0x400000),
  ),
  of10(17, 60, u16(4), u16(2), u16(1), pad(6), ...Array.from({ length: 12 }, (_, i) => u64(0, i))),
  of10(17, 61, u16(5), u16(0), u16(1), pad(2), u32(3), u64(0, 1), u64(0, 2), u64(0, 3)),
  of10(17, 62, u16(0xffff), u16(0), u32(0x009069), u32(1)),
  of10(17, 63, u16(8), u16(0), pad(8)),
  of10(18, 64),
  of10(19, 65),
  of10(20, 66, u16(0xfffc), pad(2)),
  of10(
    21,
    67,
    u16(1),
    pad(6),
    queue(1, prop(0, 8), prop(1, 16, u16(500), pad(6)), prop(1, 16, u16(2000), pad(6))),
    queue(2, prop(7, 12, pad(4)), prop(1, 8)),
    queue(3, prop(0, 4)),
  ),
  of10(21, 68, u16(2), pad(6), bytes(u32(9), u16(4), pad(2))),
  of10(0x30, 69, pad(4)),
  bytes(of10(18, 70), of10(19, 71), of10(2, 72, ascii("abc"))),
  bytes(1, 0, u16(4), u32(73), of10(0, 74)),
  bytes(of10(0, 75), 1, 2),
  bytes(of10(0, 76), 1),
  bytes(of10(0, 77), 1, 3, 0),
  bytes(1, 2, u16(100), u32(78), ascii("short")),
  of10(14, 79, match(0x0c00c0, { dlType: 0x0806, proto: 2 }), u64(0, 0), u16(4), pad(14)),
  of10(14, 80, match(0x0c0000, { dlType: 0x0800, proto: 1 }), u64(0, 0), u16(1), pad(14)),
];

const V13: Uint8Array[] = [
  of13(0, 1),
  of13(0, 2, u16(1), u16(8), u32(0x9a)),
  of13(0, 3, u16(2), u16(8), u32(0x10), u16(1), u16(12), u32(0x10), u32(0)),
  of13(0, 4, u16(1), u16(2)),
  of13(0, 5, u16(1), u16(16), u32(0x10)),
  of13(1, 6, u16(0), u16(0), ascii("0123456789abcdefghij")),
  of13(1, 7, u16(4), u16(9)),
  of13(1, 8, u16(6), u16(14)),
  of13(1, 9, u16(13), u16(5)),
  of13(1, 10, u16(0xffff), u16(2), pad(8)),
  of13(1, 11, u16(20), u16(1)),
  of13(1, 12, u16(11), u16(2)),
  of13(1, 13, u16(1)),
  of13(2, 14),
  of13(3, 15, ascii("pong")),
  of13(4, 16, u32(0x4f4e4600), u32(2300), ascii("onf")),
  of13(4, 17, u32(0xff000005), u32(1)),
  of13(4, 18, u32(0x00000c), u32(0), pad(2)),
  of13(4, 19, u32(0xfe000000), u32(7)),
  of13(4, 20, u32(1)),
  of13(5, 21),
  of13(6, 22, u64(0xabcd, 0x1), u32(0), 254, 1, pad(2), u32(0x16f), u32(0)),
  of13(6, 23, u64(0, 2), u32(0), 1, 0, pad(2), u32(0x90)),
  of13(7, 24),
  of13(8, 25, u16(2), u16(0xffe5)),
  of13(9, 26, u16(0), u16(0xffff)),
  of13(9, 27, u16(4), u16(1500)),
  of13(10, 28, u32(0xffffffff), u16(60), 0, 0, u64(0, 0x1234), u16(1), u16(4), pad(4)),
  of13(11, 29, pad(40)),
  of13(12, 30, bytes(2), pad(7), port13(3, "s1-eth3", 0x65, 0x5)),
  of13(12, 31, bytes(5), pad(7), port13(0xfffffffe, "s1", 0x80, 0x8)),
  of13(12, 32, bytes(0), pad(3)),
  of13(13, 33, u32(0xffffffff), u32(0xfffffffd), u16(0), pad(6)),
  of13(14, 34, pad(48)),
  of13(15, 35, pad(8)),
  of13(
    16,
    36,
    u32(0xfffffff8),
    pad(4),
    mac("00:16:3e:00:01:02"),
    pad(2),
    u32(0x4),
    u32(0x84),
    u32(0x20000),
    pad(4),
  ),
  of13(16, 37, u32(1)),
  of13(17, 38, 0xff, pad(3), u32(3)),
  of13(17, 39, 5, pad(3), u32(0)),
  of13(18, 40, u16(0), u16(0), pad(4)),
  of13(19, 41, u16(0), u16(0), pad(4), pad(20)),
  of13(20, 42),
  of13(21, 43),
  of13(21, 44, pad(2)),
  of13(22, 45, u32(0xffffffff), pad(4)),
  of13(23, 46, u32(1), pad(4)),
  of13(24, 47, u32(2), pad(4), u64(0, 5)),
  of13(25, 48, u32(7), pad(4), u64(0xffffffff, 0xffffffff)),
  of13(26, 49),
  of13(27, 50, u32(3), u32(1), u32(7), u32(0), u32(6), u32(0x10)),
  of13(28, 51, u32(0xf), u32(0), u32(0), u32(0), u32(0), u32(0)),
  of13(28, 52, pad(20)),
  of13(29, 53, pad(8)),
  of13(30, 54),
  of(2, 0, 55),
  of(6, 3, 56, pad(4)),
  of(0x80, 1, 57),
  bytes(of13(2, 58, ascii("a")), of13(3, 59, ascii("b")), of13(20, 60)),
];

const A = "10.0.0.1", B = "10.0.0.2";
const seg = (payload: Uint8Array, i: number, port: number) =>
  tcp4(
    i % 2 ? B : A,
    i % 2 ? A : B,
    i % 2 ? port : 40000 + (i % 7),
    i % 2 ? 40000 + (i % 7) : port,
    0x18,
    payload,
    1000 + i * 1000,
    500 + i,
  );

const whole: Packet[] = [
  ...V10.map((p, i) => ({ data: seg(p, i, i % 5 === 4 ? 6653 : 6633) })),
  ...V13.map((p, i) => ({ data: seg(p, i, i % 5 === 4 ? 6633 : 6653) })),
];
/** Cut by the snapshot length: inside a port name, an echo's data, a match, the second message. */
const CUTS: [Uint8Array, number][] = [
  [V10[23]!, 80],
  [V10[2]!, 16],
  [V10[37]!, 30],
  [V10[60]!, 50],
  [V10[70]!, 12],
  [V13[29]!, 40],
  [V13[5]!, 20],
  [V13[57]!, 10],
];
const cuts: Packet[] = CUTS.map(([p, n], i) => {
  const data = seg(p, i, 6633 + (i % 2) * 20);
  return { data: data.subarray(0, 40 + n), wireLen: data.length };
});
// a PACKET_IN whose frame the capture cuts: at -vvv 4.99.3's longjmp out of ether_print()
// leaves its verbosity 3 levels down for every later packet (the one after it shows that)
{
  const data = seg(V10[29]!, 29, 6633);
  cuts.push({ data: data.subarray(0, 40 + 18 + 30), wireLen: data.length });
  cuts.push({ data: seg(V10[0]!, 0, 6633) });
}

export const OPENFLOW_CASES: Case[] = [{
  name: "openflow",
  linkType: 228,
  packets: [...whole, ...cuts],
  flags: [[], ["-v"], ["-vv"], ["-vvv"]],
}];
