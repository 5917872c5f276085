// Golden corpus cases for application protocols over UDP/TCP: DHCPv6, BGP.

import { bytes, ip4, ip6, tcp4, u16, u32, udp6 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const ascii = (s: string) => new TextEncoder().encode(s);
const opt = (code: number, v: Uint8Array) => bytes(u16(code), u16(v.length), v);
const DUID_LLT = bytes(u16(1), u16(1), u32(0x2a000000), "001b2c3d4e5f");
const DUID_LL = bytes(u16(3), u16(1), "001b2c3d4e5f");
const DUID_EN = bytes(u16(2), u32(9), "0102030405");

/** DHCPv6 messages (RFC 8415) with the options clients and servers send. */
function dhcp6(i: number): Uint8Array {
  const type = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13][i % 13]!;
  const xid = bytes((i * 7) & 0xff, 0x12, 0x34);
  const iaaddr = opt(5, bytes(ip6(`2001:db8::${i + 1}`), u32(3600), u32(7200)));
  const iana = opt(3, bytes(u32(0x0a0b0c00 + i), u32(1800), u32(2880), ...(i % 2 ? [iaaddr] : [])));
  const iapd = opt(
    25,
    bytes(
      u32(1),
      u32(1800),
      u32(2880),
      opt(26, bytes(u32(3600), u32(7200), 56, ip6("2001:db8:100::"))),
    ),
  );
  const options = [
    opt(1, [DUID_LLT, DUID_LL, DUID_EN][i % 3]!),
    opt(2, DUID_LL),
    iana,
    opt(6, bytes(u16(23), u16(24), u16(39), u16(82))),
    opt(8, u16(i * 10)),
    opt(14, new Uint8Array(0)),
    opt(23, bytes(ip6("2001:4860:4860::8888"), ip6("2001:4860:4860::8844"))),
    opt(24, bytes(7, ascii("example"), 3, ascii("com"), 0)),
    opt(39, bytes(1, 4, ascii("host"), 0)),
    opt(13, bytes(u16([0, 2, 6][i % 3]!), ascii("ok"))),
    iapd,
    opt(16, bytes(u32(311), u16(8), ascii("MSFT 5.0"))),
    opt(7, Uint8Array.of(255)),
    opt(12, ip6("2001:db8::1")),
    opt(82, u32(86400)),
    opt(4, bytes(u32(7), u32(100), u32(200))),
    opt(200, bytes("cafe")),
  ].filter((_, k) => k < 3 || (i + k) % 3 === 0);
  const body = type === 12 || type === 13
    ? bytes(
      type,
      0,
      ip6("2001:db8::1"),
      ip6("fe80::1"),
      opt(9, bytes(1, xid, options[0]!)),
      opt(18, ascii("eth0")),
    )
    : bytes(type, xid, ...options);
  return udp6(
    i % 2 ? "fe80::1" : "fe80::2",
    i % 2 ? "ff02::1:2" : "fe80::1",
    i % 2 ? 546 : 547,
    i % 2 ? 547 : 546,
    body,
  );
}
const dhcp6Packets = Array.from({ length: 39 }, (_, i) => ({ data: dhcp6(i) }));

/** BGP messages (RFC 4271): OPEN with capabilities, KEEPALIVE, UPDATE, NOTIFICATION. */
function bgp(i: number): Uint8Array {
  const msg = (type: number, body: Uint8Array) =>
    bytes(new Uint8Array(16).fill(0xff), u16(19 + body.length), type, body);
  const cap = (code: number, v: Uint8Array) => bytes(code, v.length, v);
  let m: Uint8Array;
  switch (i % 5) {
    case 0: {
      const caps = bytes(
        cap(1, bytes(u16(1), 0, 1)),
        cap(2, new Uint8Array(0)),
        cap(65, u32(4200000000 + i)),
        ...(i % 2 ? [cap(70, new Uint8Array(0)), cap(64, bytes(u16(120)))] : []),
      );
      m = msg(
        1,
        bytes(
          4,
          u16(i % 2 ? 23456 : 65001),
          u16(90),
          ip4(`10.0.0.${i + 1}`),
          caps.length + 2,
          2,
          caps.length,
          caps,
        ),
      );
      break;
    }
    case 1:
      m = msg(4, new Uint8Array(0));
      break;
    case 2: {
      const attrs = bytes(
        0x40,
        1,
        1,
        i % 3,
        0x40,
        2,
        6,
        2,
        1,
        u32(65001 + i),
        0x40,
        3,
        4,
        ip4("10.0.0.1"),
        0x80,
        4,
        4,
        u32(100),
        0x40,
        5,
        4,
        u32(200),
        ...(i % 2 ? [bytes(0xc0, 8, 8, u32(0xfde80064), u32(0xffffff01))] : []),
      );
      const nlri = bytes(24, 192, 0, 2, 16, 172, 16, 8, 10);
      const withdrawn = i % 3 === 0 ? bytes(24, 198, 51, 100) : new Uint8Array(0);
      m = msg(2, bytes(u16(withdrawn.length), withdrawn, u16(attrs.length), attrs, nlri));
      break;
    }
    case 3:
      m = msg(
        3,
        bytes([6, 2, 1, 4][i % 4]!, [2, 2, 1, 0][i % 4]!, i % 2 ? bytes("00") : new Uint8Array(0)),
      );
      break;
    default:
      m = msg(5, bytes(u16(1), 0, 1));
  }
  const payload = i % 7 === 6 ? bytes(m, msg(4, new Uint8Array(0))) : m;
  return tcp4(
    i % 2 ? "192.0.2.1" : "192.0.2.2",
    i % 2 ? "192.0.2.2" : "192.0.2.1",
    i % 2 ? 179 : 40000 + i,
    i % 2 ? 40000 + i : 179,
    0x18,
    payload,
    1000,
    1,
  );
}
const bgpPackets = Array.from({ length: 30 }, (_, i) => ({ data: bgp(i) }));

export const APP_CASES: Case[] = [
  { name: "dhcp6", linkType: 101, packets: dhcp6Packets },
  { name: "bgp", linkType: 101, packets: bgpPackets },
];
