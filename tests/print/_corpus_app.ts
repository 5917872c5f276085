// Golden corpus cases for application protocols over UDP/TCP: DHCPv6, BGP.

import { bytes, ip4, ip6, tcp4, u16, u32, udp4, udp6 } from "./_build.ts";
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

/** BER TLV. */
function ber(tag: number, v: Uint8Array): Uint8Array {
  const l = v.length;
  return bytes(tag, l < 128 ? [l] : l < 256 ? [0x81, l] : [0x82, l >> 8, l & 0xff], v);
}
const int = (n: number) => {
  const out: number[] = [];
  let v = n;
  do {
    out.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  if (out[0]! & 0x80) out.unshift(0);
  return ber(2, Uint8Array.from(out));
};
function oid(s: string): Uint8Array {
  const parts = s.split(".").map(Number);
  const out = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const enc: number[] = [p & 0x7f];
    let v = p >>> 7;
    while (v) {
      enc.unshift(0x80 | (v & 0x7f));
      v >>>= 7;
    }
    out.push(...enc);
  }
  return ber(6, Uint8Array.from(out));
}
const OIDS = [
  "1.3.6.1.2.1.1.1.0",
  "1.3.6.1.2.1.1.3.0",
  "1.3.6.1.2.1.2.2.1.10.2",
  "1.3.6.1.4.1.2021.10.1.3.1",
  "1.3.6.1.2.1.1.5.0",
];
/** SNMPv1/v2c messages (RFC 1157, RFC 3416): get, get-next, get-bulk, set, response, traps. */
function snmp(i: number): Uint8Array {
  const v2 = i % 3 !== 0;
  const varbind = (k: number, value: Uint8Array) =>
    ber(0x30, bytes(oid(OIDS[k % OIDS.length]!), value));
  const values = [
    ber(5, new Uint8Array(0)),
    ber(4, ascii("Linux router 6.1")),
    int(12345 + i),
    ber(0x43, Uint8Array.of(0x01, 0x02, 0x03)),
    ber(0x41, Uint8Array.of(0x7f, 0xff)),
    ber(0x40, Uint8Array.of(10, 0, 0, 1)),
    ber(0x42, Uint8Array.of(0x10)),
    oid("1.3.6.1.4.1.8072.3.2.10"),
    ber(0x80, new Uint8Array(0)),
  ];
  const n = 1 + (i % 3);
  const vbl = ber(
    0x30,
    bytes(...Array.from({ length: n }, (_, k) => varbind(i + k, values[(i + k) % values.length]!))),
  );
  const pduType = [0xa0, 0xa1, 0xa2, 0xa3, 0xa5, 0xa7, 0xa4][i % 7]!;
  let pdu: Uint8Array;
  if (pduType === 0xa4) {
    pdu = ber(
      0xa4,
      bytes(
        oid("1.3.6.1.4.1.8072.3.2.10"),
        ber(0x40, Uint8Array.of(10, 0, 0, 1)),
        int(6),
        int(i),
        ber(0x43, Uint8Array.of(0x10, 0x20)),
        vbl,
      ),
    );
  } else if (pduType === 0xa5) {
    pdu = ber(0xa5, bytes(int(i), int(0), int(10), vbl));
  } else {
    pdu = ber(
      pduType,
      bytes(
        int(1000 + i),
        int(pduType === 0xa2 ? i % 3 : 0),
        int(pduType === 0xa2 ? (i % 2) + 1 : 0),
        vbl,
      ),
    );
  }
  const msg = ber(0x30, bytes(int(v2 ? 1 : 0), ber(4, ascii(i % 4 ? "public" : "private")), pdu));
  const trap = pduType === 0xa4 || pduType === 0xa7;
  return udp4(
    trap ? "192.0.2.10" : "192.0.2.1",
    trap ? "192.0.2.1" : "192.0.2.10",
    trap ? 40000 + i : pduType === 0xa2 ? 161 : 40000 + i,
    trap ? 162 : pduType === 0xa2 ? 40000 + i : 161,
    msg,
  );
}
const snmpPackets = Array.from({ length: 35 }, (_, i) => ({ data: snmp(i) }));
APP_CASES.push({ name: "snmp", linkType: 101, packets: snmpPackets });

/** NTP v3/v4 time messages (client, server, broadcast, symmetric) and a mode 6 control message. */
function ntp(i: number): Uint8Array {
  const mode = [3, 4, 5, 1, 2, 6, 3][i % 7]!;
  const li = i % 4, vn = 3 + (i % 2);
  if (mode === 6) {
    const count = i % 3 === 1 ? 4 : 0;
    const ctl = bytes(
      (li << 6) | (vn << 3) | 6,
      i % 2 ? 0x82 : 0x02,
      u16(i),
      u16(i % 2 ? 0x0615 : 0),
      u16(0),
      u16(0),
      u16(count),
      new Uint8Array(count),
    );
    return udp4(
      "192.0.2.5",
      "192.0.2.123",
      40000 + i,
      123,
      i % 4 === 3 ? ctl.subarray(0, 10) : ctl,
    );
  }
  const ts = (s: number, f: number) => bytes(u32(s), u32(f));
  const body = bytes(
    (li << 6) | (vn << 3) | mode,
    mode === 3 ? 0 : 1 + (i % 3),
    6 + (i % 4),
    0xe9 + (i % 3) - 3,
    u32(0x00000a00 + i),
    u32(0x00001400 + i * 3),
    i % 3 === 0 ? bytes("47505300") : ip4("192.0.2.77"),
    ts(3908000000 + i, 0x80000000),
    ts(mode === 3 ? 0 : 3908000100 + i, 0x40000000),
    ts(3908000200 + i, 0x20000000),
    ts(3908000300 + i, 0x10000000),
  );
  return udp4(
    i % 2 ? "192.0.2.5" : "192.0.2.123",
    i % 2 ? "192.0.2.123" : "192.0.2.5",
    123,
    123,
    body,
  );
}
const ntpPackets = Array.from({ length: 28 }, (_, i) => ({ data: ntp(i) }));
APP_CASES.push({ name: "ntp", linkType: 101, packets: ntpPackets });

/** Geneve (RFC 8926) over UDP 6081: Ethernet, IPv4 and IPv6 payloads, options, OAM/critical bits. */
function geneve(i: number): Uint8Array {
  const optCount = i % 3;
  const opts = Array.from(
    { length: optCount },
    (_, k) => bytes(u16(0x0100 + k), 0x80 * (k % 2) | (i % 4), 1, u32(0x11223344 + k)),
  );
  const optLen = optCount * 8;
  const proto = [0x6558, 0x0800, 0x86dd, 0x1234][i % 4]!;
  const inner = proto === 0x6558
    ? bytes(
      "001122334455 66778899aabb 0800".replaceAll(" ", ""),
      udp4("10.1.0.1", "10.1.0.2", 1000 + i, 2000, new Uint8Array(0)),
    )
    : proto === 0x0800
    ? udp4("10.2.0.1", "10.2.0.2", 53, 3000 + i, new Uint8Array(0))
    : proto === 0x86dd
    ? udp6("2001:db8::a", "2001:db8::b", 4000, 5000 + i, new Uint8Array(0))
    : bytes("deadbeef");
  const flags = (i % 5 === 4 ? 0x80 : 0) | (i % 7 === 6 ? 0x40 : 0);
  const hdr = bytes(
    (i % 9 === 8 ? 0x40 : 0) | (optLen / 4),
    flags,
    u16(proto),
    u32(((0x1000 + i) << 8) >>> 0),
    ...opts,
  );
  return udp4("192.0.2.1", "192.0.2.2", 50000 + i, 6081, bytes(hdr, inner));
}
APP_CASES.push({
  name: "geneve",
  linkType: 101,
  packets: Array.from({ length: 27 }, (_, i) => ({ data: geneve(i) })),
});
