// Golden case for BIND 9's lightweight resolver protocol (UDP 921): no-op, getaddrsbyname,
// getnamebyaddr and getrdatabyname queries and responses (address types, aliases, IPv4, IPv6
// and other address families, rdata and signatures, a class other than IN), an unknown opcode,
// another version, extra packet flags, a length field that disagrees, bytes after the body,
// names longer than the capture, and cut captures; against vat's and HSRP's destination ports.

import { bytes, ether, ip4, ip6, u16, u32, udp4, udp6 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const enc = new TextEncoder();
const head = (len: number, ver: number, flags: number, op: number) =>
  bytes(u32(len), u16(ver), u16(flags), u32(0x1234), u32(op), u32(0), u32(4096), u16(0), u16(0));
const msg = (ver: number, flags: number, op: number, body: Uint8Array, fix = 0) =>
  bytes(head(28 + body.length + fix, ver, flags, op), body);
const name = (s: string) => bytes(enc.encode(s), 0);
const nl = (s: string) => bytes(u16(s.length), name(s));
const addr = (family: number, a: Uint8Array) => bytes(u32(family), u16(a.length), a);
const GABN = 0x00010001, GNBA = 0x00010002, GRBN = 0x00010003;
const bodies: [number, number, Uint8Array][] = [
  [40000, 921, msg(0, 0, 0, bytes(u16(0)))],
  [921, 40000, msg(0, 1, 0, bytes(u16(0)))],
  [40000, 921, msg(0, 0, GABN, bytes(u32(0), u32(1), u16(11), name("www.example")))],
  [40000, 921, msg(0, 0, GABN, bytes(u32(3), u32(2), u16(3), name("foo")))],
  [40000, 921, msg(0, 0, GABN, bytes(u32(0), u32(7), u16(3), name("b\x01r")))],
  [40000, 921, msg(0, 0, GABN, bytes(u32(0), u32(0x10), u16(0), name("")))],
  [
    921,
    40000,
    msg(
      0,
      1,
      GABN,
      bytes(
        u32(0),
        u16(2),
        u16(3),
        u16(11),
        name("www.example"),
        nl("alias1"),
        nl("alias2"),
        addr(1, ip4("192.0.2.7")),
        addr(2, ip6("2001:db8::7")),
        addr(9, bytes("0102")),
      ),
    ),
  ],
  [40000, 921, msg(0, 0, GNBA, bytes(u32(1), addr(1, ip4("192.0.2.7"))))],
  [40000, 921, msg(0, 0, GNBA, bytes(u32(1), addr(2, ip6("2001:db8::7"))))],
  [40000, 921, msg(0, 0, GNBA, bytes(u32(1), addr(1, bytes("0102"))))],
  [921, 40000, msg(0, 1, GNBA, bytes(u32(0), u16(1), u16(4), name("host"), nl("h2")))],
  [40000, 921, msg(0, 0, GRBN, bytes(u32(0), u16(1), u16(16), u16(4), name("text")))],
  [40000, 921, msg(0, 0, GRBN, bytes(u32(0), u16(3), u16(999), u16(4), name("text")))],
  [
    921,
    40000,
    msg(
      0,
      1,
      GRBN,
      bytes(
        u32(0),
        u16(1),
        u16(1),
        u32(3661),
        u16(2),
        u16(1),
        nl("r"),
        u16(4),
        ip4("1.2.3.4"),
        u16(1),
        9,
        u16(2),
        0xab,
        0xcd,
      ),
    ),
  ],
  [921, 40000, msg(0, 1, GRBN, bytes(u32(0), u16(4), u16(28), u32(0), u16(0), u16(0), nl("z")))],
  [40000, 921, msg(0, 0, 0x00020001, bytes(u32(5)))],
  [921, 40000, msg(0, 0x8001, 0x00020001, bytes(u32(5)))],
  [40000, 921, msg(1, 0, GABN, bytes(u32(5)))],
  [40000, 921, msg(0, 6, 0, bytes(u16(0)))],
  [40000, 921, msg(0, 0, GABN, bytes(u32(0), u32(1), u16(3), name("foo")), 4)],
  [40000, 921, bytes(msg(0, 0, GABN, bytes(u32(0), u32(1), u16(3), name("foo")), 0), u32(0))],
  [40000, 921, bytes(msg(0, 0, GABN, bytes(u32(0), u32(1), u16(3), name("foo")), 4), u32(0))],
  [40000, 921, msg(0, 0, GABN, bytes(u32(0), u32(1), u16(200), name("foo")))],
  [921, 40000, msg(0, 1, GABN, bytes(u32(0), u16(3), u16(0), u16(1), name("a"), nl("b")))],
  [
    921,
    40000,
    msg(0, 1, GABN, bytes(u32(0), u16(0), u16(2), u16(1), name("a"), addr(1, ip4("192.0.2.7")))),
  ],
  [
    921,
    40000,
    msg(
      0,
      1,
      GRBN,
      bytes(u32(0), u16(1), u16(1), u32(0), u16(2), u16(0), nl("r"), u16(4), ip4("1.2.3.4")),
    ),
  ],
  [40000, 921, bytes(1, 2, 3, 4)],
  [921, 3456, msg(0, 0, 0, bytes(u16(0)))],
  [921, 1985, msg(0, 0, 0, bytes(u16(0)))],
  [921, 646, msg(0, 0, 0, bytes(u16(0)))],
];
const packets: Packet[] = bodies.map(([s, d, b]) => ({
  data: ether(0x0800, udp4("10.183.0.1", "10.183.0.2", s, d, b)),
}));
packets.push({
  data: ether(0x86dd, udp6("fd00:183::1", "fd00:183::2", 40000, 921, bodies[7]![2])),
});
const w = packets[6]!.data;
for (const k of [44, 60, 68, 72, 80, 84, 90, 100, 110, 120, 130]) {
  packets.push({ data: w.subarray(0, k), wireLen: w.length });
}

export const LWRES_CASES: Case[] = [{
  name: "lwres",
  linkType: 1,
  packets,
  flags: [[], ["-v"], ["-vv"], ["-vvv"]],
}];
