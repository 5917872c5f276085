// Golden corpus cases for PIM: v2 over IPv4 and IPv6 (RFC 7761, 3973, 5015, 5059), v1 inside
// IGMP, and Cisco auto-RP on UDP 496.

import { bytes, cksum, ip4, ip6, ipv4, ipv6, u16, u32, udp4 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const ua = (a: string) => bytes(1, 0, ip4(a));
const ga = (a: string, mask = 32, flags = 0) => bytes(1, 0, flags, mask, ip4(a));
const sa = (a: string, mask = 32, flags = 0x04) => bytes(1, 0, flags, mask, ip4(a));
const ua6 = (a: string) => bytes(2, 0, ip6(a));
const ga6 = (a: string, mask = 128) => bytes(2, 0, 0, mask, ip6(a));
const sa6 = (a: string, mask = 128, flags = 0x04) => bytes(2, 0, flags, mask, ip6(a));
const opt = (type: number, value: Uint8Array) => bytes(u16(type), u16(value.length), value);

/** A PIMv2 message with its checksum (IPv4: over the message; the rest of `o` as named). */
function pim2(
  type: number,
  body: Uint8Array,
  o: { rsv?: number; bad?: boolean; zero?: boolean; v6?: boolean; ver?: number } = {},
): Uint8Array {
  const m = bytes(((o.ver ?? 2) << 4) | type, o.rsv ?? 0, u16(0), body);
  if (!o.zero) {
    const covered = type === 1 ? m.subarray(0, 8) : m;
    let s: number;
    if (o.v6) {
      const src = ip6("fe80::1"), dst = ip6("ff02::d");
      s = cksum(covered, ~cksum(bytes(src, dst, u32(covered.length), u32(103))) & 0xffff);
    } else s = cksum(covered);
    if (o.bad) s ^= 0x1111;
    m[2] = s >> 8, m[3] = s & 0xff;
  }
  return o.v6
    ? ipv6("fe80::1", "ff02::d", 103, m, 1)
    : ipv4("10.0.0.1", "224.0.0.13", 103, m, { ttl: 1, tos: 0xc0 });
}

function hello(i: number): Uint8Array {
  const opts = [
    opt(1, u16(105)),
    opt(2, bytes(u16((i & 1 ? 0x8000 : 0) | 500), u16(2500))),
    opt(19, u32(1 + i)),
    opt(20, u32(0x12345678 + i)),
  ];
  if (i % 3 === 1) {
    opts.push(opt(21, bytes(1, i % 2 ? 60 : 0, u16(i % 4 ? 0 : 7))), opt(22, new Uint8Array(0)));
  }
  if (i % 3 === 2) {
    opts.push(opt(24, bytes(ua("10.1.0.1"), ua("10.2.0.1"))), opt(65001, ua("10.3.0.1")));
  }
  if (i % 4 === 3) opts.push(opt(18, new Uint8Array(0)), opt(99, bytes(1, 2, 3)));
  if (i % 5 === 4) opts.push(opt(1, u32(7)));
  return bytes(...opts);
}

function joinPrune(i: number, v6 = false): Uint8Array {
  const n = 1 + (i % 3);
  const groups = Array.from({ length: n }, (_, g) => {
    const nj = (g + i) % 3, np = (g + 1) % 2;
    return bytes(
      v6 ? ga6(`ff0e::${g + 1}`) : ga(`239.1.${g}.1`, g === 1 ? 24 : 32, g === 2 ? 0x01 : 0),
      u16(nj),
      u16(np),
      ...Array.from(
        { length: nj + np },
        (_, s) =>
          v6
            ? sa6(`2001:db8::${s + 1}`)
            : sa(`10.9.${g}.${s + 1}`, 32, [0x04, 0x07, 0x06, 0x0c][s % 4]!),
      ),
    );
  });
  return bytes(
    v6 ? ua6("fe80::2") : ua("10.0.0.2"),
    0,
    n,
    u16(i % 4 === 3 ? 0xffff : 210),
    ...groups,
  );
}

function pimPacket(i: number): Uint8Array {
  switch (i % 16) {
    case 0:
    case 1:
      return pim2(0, hello(i), { bad: i % 8 === 1 });
    case 2:
      return pim2(
        1,
        bytes(
          u32([0, 0x80000000, 0x40000000, 0xc0000000][(i >> 4) % 4]!),
          ipv4("10.5.5.5", "239.9.9.9", 17, bytes(u16(1000), u16(2000), u16(8), u16(0))),
        ),
      );
    case 3:
      return pim2(
        1,
        bytes(
          u32(0x40000000),
          i % 32 === 3
            ? ipv6("2001:db8::5", "ff0e::9", 59, new Uint8Array(0))
            : bytes(0x05, new Uint8Array(19)),
        ),
      );
    case 4:
      return pim2(2, bytes(ga("239.1.1.1"), ua("10.5.5.5")));
    case 5:
    case 6:
      return pim2(3, joinPrune(i));
    case 7:
      return pim2(
        4,
        bytes(
          u16(0x1234 + i),
          30,
          100,
          ua("10.0.0.9"),
          ga("224.0.0.0", 4),
          2,
          2,
          u16(0),
          ua("10.0.0.9"),
          u16(150),
          1,
          0,
          ua("10.0.0.8"),
          u16(150),
          2,
          0,
          ga("239.0.0.0", 8),
          1,
          1,
          u16(0),
          ua("10.0.0.7"),
          u16(0),
          0,
          0,
        ),
      );
    case 8:
      return pim2(
        5,
        bytes(ga("239.1.1.1"), ua("10.5.5.5"), u32((i & 16 ? 0x80000000 : 0) | 101), u32(20)),
      );
    case 9:
      return pim2(6, joinPrune(i));
    case 10:
      return pim2(7, joinPrune(i).subarray(6));
    case 11:
      return pim2(
        8,
        bytes(2, 192, u16(150), ua("10.0.0.9"), ga("239.0.0.0", 8), ga("224.0.0.0", 4)),
      );
    case 12:
      return pim2(9, bytes(ua("10.5.5.5"), ga("239.1.1.1"), ua("10.0.0.1"), u16(60)));
    case 13:
      return pim2(
        10,
        bytes(ua("10.0.0.9"), u32(100), u32(10), ua("10.0.0.3"), u32(90), u32(9), u16(50)),
        { rsv: [0x10, 0x20, 0x30, 0x40][(i >> 4) % 4]! },
      );
    case 14:
      return i % 32 === 14
        ? pim2(0, hello(i), { zero: true, rsv: 4 })
        : pim2(14, new Uint8Array(4));
    default:
      return i % 32 === 15 ? pim2(0, hello(i), { ver: 3 }) : pim2(3, joinPrune(i), { rsv: 4 });
  }
}
const pimPackets = Array.from({ length: 48 }, (_, i) => {
  const data = pimPacket(i);
  return { data: i >= 40 ? data.subarray(0, 24 + [2, 6, 11, 18, 27, 33, 40, 52][i % 8]!) : data };
});

function pim6(i: number): Uint8Array {
  switch (i % 5) {
    case 0:
      return pim2(
        0,
        bytes(
          opt(1, u16(105)),
          opt(20, u32(0xabcdef00 + i)),
          opt(24, bytes(ua6("2001:db8::1"), ua6("2001:db8::2"))),
        ),
        { v6: true },
      );
    case 1:
      return pim2(3, joinPrune(i, true), { v6: true });
    case 2:
      return pim2(5, bytes(ga6("ff0e::1"), ua6("2001:db8::5"), u32(101), u32(20)), {
        v6: true,
        bad: i % 2 === 0,
      });
    case 3:
      return pim2(2, bytes(ga6("ff0e::1", 64), ua6("2001:db8::5")), { v6: true });
    default:
      return pim2(8, bytes(1, 192, u16(150), ua6("2001:db8::9"), ga6("ff00::", 8)), { v6: true });
  }
}
const pim6Packets = Array.from({ length: 20 }, (_, i) => ({ data: pim6(i) }));

/** PIMv1 inside IGMP (type 0x14): the IGMP header then the v1 body at byte 8. */
function pim1(i: number): Uint8Array {
  const hdr = (code: number, ver = 0x10) => bytes(0x14, code, u16(0), ver, 0, u16(0));
  const jp = (single: boolean) =>
    single
      ? bytes(
        ip4("10.0.0.2"),
        u16(0),
        u16(i % 2 ? 180 : 210),
        ip4("239.1.1.1"),
        ip4(i % 4 < 2 ? "255.255.255.255" : "255.255.255.0"),
        u16(i % 3 ? 1 : 0),
        u16(i % 3 ? 0 : 1),
        i % 2,
        0xc0 | 24,
        ip4("10.9.9.9"),
      )
      : bytes(
        ip4("10.0.0.2"),
        u16(0),
        u16(210),
        0,
        4,
        4,
        2,
        ip4("239.1.1.1"),
        ip4("255.255.255.255"),
        u16(1),
        u16(1),
        1,
        0x80 | 32,
        ip4("10.9.9.1"),
        0,
        0x40 | 32,
        ip4("10.9.9.2"),
        ip4("239.2.2.2"),
        ip4("255.255.0.0"),
        u16(2),
        u16(0),
        0,
        32,
        ip4("10.8.8.1"),
        1,
        0xc0 | 16,
        ip4("10.8.0.0"),
      );
  let body: Uint8Array;
  switch (i % 10) {
    case 0:
      body = bytes(hdr(0), (i % 4) << 4, 0, u16(105));
      break;
    case 1:
      body = bytes(hdr(1), ipv4("10.5.5.5", "239.9.9.9", 17, new Uint8Array(8)));
      break;
    case 2:
      body = bytes(hdr(2), ip4("239.1.1.1"), ip4("10.5.5.5"));
      break;
    case 3:
      body = bytes(hdr(3), jp(true));
      break;
    case 4:
      body = bytes(hdr(3), jp(false));
      break;
    case 5:
      body = bytes(
        hdr(4),
        ip4("239.1.1.1"),
        ip4(i % 20 === 5 ? "255.255.255.255" : "255.0.0.0"),
        ip4("10.0.0.9"),
        u16(0),
        u16(270),
      );
      break;
    case 6:
      body = bytes(
        hdr(5, 0x20),
        ip4("239.1.1.1"),
        ip4("255.255.255.255"),
        ip4("10.5.5.5"),
        u32(0x80000065),
        u32(20),
      );
      break;
    case 7:
      body = bytes(hdr(6), jp(i % 20 === 7));
      break;
    case 8:
      body = bytes(hdr(7), jp(false));
      break;
    default:
      body = bytes(hdr(9 + (i % 3)), u32(0));
  }
  const s = cksum(body);
  body[2] = s >> 8, body[3] = s & 0xff;
  const pkt = ipv4("10.0.0.1", "224.0.0.2", 2, body, { ttl: 1 });
  return i >= 20 ? pkt.subarray(0, 20 + [9, 14, 22, 30, 41][i % 5]!) : pkt;
}
const pim1Packets = Array.from({ length: 25 }, (_, i) => ({ data: pim1(i) }));

/** Cisco auto-RP announcements and mappings (UDP 496). */
function autorp(i: number): Uint8Array {
  const rps = Array.from(
    { length: 1 + (i % 3) },
    (_, k) =>
      bytes(
        ip4(`10.0.0.${9 + k}`),
        [1, 2, 3, 0, 0x06][(i + k) % 5]!,
        1 + (k % 2),
        ...Array.from(
          { length: 1 + (k % 2) },
          (_, e) => bytes([0, 1, 2, 5][(i + e) % 4]!, 4 + e * 4, ip4(`224.${e}.0.0`)),
        ),
      ),
  );
  const body = bytes([0x11, 0x12, 0x13][i % 3]!, rps.length, u16(i % 4 ? 181 : 0), u32(0), ...rps);
  const pkt = udp4("10.0.0.9", "224.0.1.40", 496, 496, body, { ttl: 16 });
  return i >= 20 ? pkt.subarray(0, 28 + [4, 9, 14, 19][i % 4]!) : pkt;
}
const autorpPackets = Array.from({ length: 24 }, (_, i) => ({ data: autorp(i) }));

export const PIM_CASES: Case[] = [
  { name: "pim", linkType: 101, packets: pimPackets },
  { name: "pim6", linkType: 101, packets: pim6Packets },
  { name: "pimv1", linkType: 101, packets: pim1Packets },
  { name: "autorp", linkType: 101, packets: autorpPackets },
];
