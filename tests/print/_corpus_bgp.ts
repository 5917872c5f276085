// Golden corpus case for BGP path attributes beyond the basic ones: MP_REACH_NLRI and
// MP_UNREACH_NLRI (RFC 4760) for IPv4/IPv6 unicast, multicast, labeled unicast (RFC 8277) and
// VPN (RFC 4364) routes, extended communities (RFC 4360), large communities (RFC 8092), the AS4
// aggregator (RFC 6793).

import { bytes, ip4, ip6, tcp4, u16, u32 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const attr = (flags: number, type: number, v: Uint8Array) =>
  flags & 0x10 ? bytes(flags, type, u16(v.length), v) : bytes(flags, type, v.length, v);
const label = (l: number, bos = true) =>
  bytes(l >> 12, (l >> 4) & 0xff, ((l & 0xf) << 4) | (bos ? 1 : 0));
const rd = (t: number) =>
  t === 0
    ? bytes(u16(0), u16(65001), u32(100))
    : t === 1
    ? bytes(u16(1), ip4("10.0.0.1"), u16(7))
    : t === 2
    ? bytes(u16(2), u32(4200000001), u16(9))
    : bytes(u16(5), u32(0), u16(0));
const p4 = (a: string, len: number) => bytes(len, ip4(a).subarray(0, Math.ceil(len / 8)));
const p6 = (a: string, len: number) => bytes(len, ip6(a).subarray(0, Math.ceil(len / 8)));
const lp4 = (a: string, len: number, l: number, bos = true) =>
  bytes(len + 24, label(l, bos), ip4(a).subarray(0, Math.ceil(len / 8)));
const lp6 = (a: string, len: number, l: number) =>
  bytes(len + 24, label(l), ip6(a).subarray(0, Math.ceil(len / 8)));
const vp4 = (a: string, len: number, l: number, t: number) =>
  bytes(len + 88, label(l), rd(t), ip4(a).subarray(0, Math.ceil(len / 8)));
const vp6 = (a: string, len: number, l: number, t: number) =>
  bytes(len + 88, label(l), rd(t), ip6(a).subarray(0, Math.ceil(len / 8)));

function mpReach(k: number): Uint8Array {
  switch (k % 8) {
    case 0:
      return bytes(
        u16(1),
        1,
        4,
        ip4("10.0.0.1"),
        0,
        p4("10.1.0.0", 16),
        p4("10.2.3.0", 24),
        p4("0.0.0.0", 0),
      );
    case 1:
      return bytes(
        u16(2),
        1,
        32,
        ip6("2001:db8::1"),
        ip6("fe80::1"),
        0,
        p6("2001:db8:1::", 48),
        p6("2001:db8:2:3::", 64),
      );
    case 2:
      return bytes(u16(2), 1, 16, ip6("2001:db8::1"), 0, p6("::", 0), p6("2001:db8::5", 128));
    case 3:
      return bytes(
        u16(1),
        4,
        4,
        ip4("10.0.0.1"),
        0,
        lp4("10.5.0.0", 16, 16001),
        lp4("10.6.0.0", 16, 3, false),
      );
    case 4:
      return bytes(
        u16(1),
        128,
        12,
        rd(0),
        ip4("10.0.0.1"),
        0,
        vp4("192.168.1.0", 24, 20, 0),
        vp4("192.168.2.0", 24, 21, 1),
        vp4("192.168.3.0", 24, 22, 2),
      );
    case 5:
      return bytes(u16(2), 128, 24, rd(0), ip6("2001:db8::1"), 0, vp6("2001:db8:9::", 48, 30, 1));
    case 6:
      return bytes(
        u16(2),
        4,
        16,
        ip6("2001:db8::1"),
        1,
        2,
        0xaa,
        0xbb,
        lp6("2001:db8:7::", 48, 99),
      );
    default:
      return bytes(u16(1), 2, 3, ip4("10.0.0.1").subarray(0, 3), 0, p4("224.1.0.0", 16));
  }
}
function mpUnreach(k: number): Uint8Array {
  switch (k % 5) {
    case 0:
      return bytes(u16(1), 1, p4("10.9.0.0", 16));
    case 1:
      return bytes(u16(2), 1);
    case 2:
      return bytes(u16(2), 1, p6("2001:db8:8::", 48), p6("2001:db8:9::", 33));
    case 3:
      return bytes(u16(1), 128, vp4("172.16.0.0", 16, 5, 0));
    default:
      return bytes(u16(99), 7, 1, 2, 3);
  }
}
function extComms(k: number): Uint8Array {
  const all = [
    bytes(0x00, 0x02, u16(65001), u32(100)),
    bytes(0x01, 0x02, ip4("10.0.0.1"), u16(200)),
    bytes(0x02, 0x02, u32(4200000001), u16(300)),
    bytes(0x00, 0x03, u16(65002), u32(7)),
    bytes(0x01, 0x03, ip4("10.0.0.2"), u16(8)),
    bytes(0x40, 0x04, u16(65001), new Uint8Array([0x4c, 0x3e, 0xbc, 0x20])),
    bytes(0x00, 0x05, ip4("1.2.3.4"), u16(0)),
    bytes(0x03, 0x06, ip4("0.0.0.1"), 5, 1),
    bytes(0x01, 0x07, ip4("9.9.9.9"), u16(0)),
    bytes(0x00, 0x09, u16(65003), u32(0)),
    bytes(0x03, 0x0c, u32(0), u16(8)),
    bytes(0x43, 0x00, 0, u32(0), 2),
    bytes(0x80, 0x01, ip4("8.8.8.8"), u16(0)),
    bytes(0x06, 0x00, 1, 2, 3, 4, 5, 6),
    bytes(0x01, 0x0b, ip4("10.0.0.9"), u16(3)),
    bytes(0x80, 0x00, ip4("0.0.0.2"), 2, 0),
  ];
  return bytes(...Array.from({ length: 1 + (k % 4) }, (_, j) => all[(k * 3 + j) % all.length]!));
}

function update(i: number): Uint8Array {
  const base = bytes(
    attr(0x40, 1, bytes(0)),
    attr(0x40, 2, bytes(2, 2, u32(65001), u32(4200000001))),
  );
  let more: Uint8Array;
  switch (i % 6) {
    case 0:
    case 1:
      more = attr(0x80 | (i % 4 === 1 ? 0x10 : 0), 14, mpReach(i >> 1));
      break;
    case 2:
      more = attr(0x80, 15, mpUnreach(i >> 1));
      break;
    case 3:
      more = attr(0xc0, 16, extComms(i));
      break;
    case 4:
      more = bytes(
        attr(
          0xc0,
          32,
          bytes(
            ...Array.from(
              { length: 1 + (i % 3) },
              (_, k) => bytes(u32(4200000001), u32(k), u32(100 + k)),
            ),
          ),
        ),
        attr(0xc0, 18, bytes(u32(4200000001), ip4("10.0.0.1"))),
        attr(
          0xc0,
          7,
          i % 2 ? bytes(u16(65001), ip4("10.0.0.2")) : bytes(u32(4200000002), ip4("10.0.0.3")),
        ),
      );
      break;
    default:
      more = [
        attr(0xc0, 32, bytes(1, 2, 3)),
        attr(0xc0, 16, bytes(1, 2, 3)),
        attr(0xc0, 18, bytes(1, 2)),
        attr(0x80, 15, bytes(u16(1))),
      ][(i / 6 | 0) % 4]!;
  }
  const attrs = bytes(base, more);
  const body = bytes(u16(0), u16(attrs.length), attrs);
  const m = bytes(new Uint8Array(16).fill(0xff), u16(19 + body.length), 2, body);
  const pkt = tcp4("192.0.2.1", "192.0.2.2", 179, 40000 + i, 0x18, m, 1000, 1);
  return i >= 42 ? pkt.subarray(0, 40 + 19 + 4 + [12, 20, 30, 40, 50, 60][i % 6]!) : pkt;
}

export const BGP_CASES: Case[] = [
  {
    name: "bgp_attrs",
    linkType: 101,
    packets: Array.from({ length: 48 }, (_, i) => ({ data: update(i) })),
  },
];
