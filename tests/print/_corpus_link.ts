// Golden corpus cases for link types: PPP, PPP in HDLC framing, Cisco HDLC, MPLS stacks.

import { bytes, ether, ip4, ipv6, mac, tcp4, u16, u32, udp4, udp6 } from "./_build.ts";
import type { Case } from "./_golden.ts";
import { prng } from "../_prng.ts";

const r = prng(9);
const int = (n: number) => Math.floor(r() * n);

/** A control-protocol packet (RFC 1661 section 5): code, id, length, data. */
const cp = (proto: number, code: number, id: number, data: Uint8Array) =>
  bytes(u16(proto), code, id, u16(4 + data.length), data);
const opt = (type: number, data: Uint8Array | number[] = []) =>
  bytes(type, 2 + (data instanceof Uint8Array ? data.length : data.length), data);

const LCP_OPTS = [
  () => opt(1, u16(1400 + int(200))),
  () => opt(2, u32(0)),
  () => opt(3, u16(0xc023)),
  () => opt(3, bytes(u16(0xc223), 5)),
  () => opt(3, bytes(u16(0xc223), 0x81)),
  () => opt(5, u32(int(2 ** 32))),
  () => opt(7),
  () => opt(8),
  () => opt(13, [6]),
  () => opt(17, u16(1600)),
  () => opt(19, bytes(3, mac("00:11:22:33:44:55"))),
  () => opt(19, bytes(2, ip4("10.1.2.3"))),
  () => opt(1, u16(1500).subarray(0, 1)), // bogus length 3
  () => opt(40, [1, 2]),
];

/** A PPP payload (protocol field included), one of many kinds. */
function pppPayload(i: number): Uint8Array {
  const ip = udp4("10.0.0.1", "10.0.0.2", 1000 + i, 53 + (i % 3) * 1000, new Uint8Array(int(20)));
  switch (i % 16) {
    case 0:
      return bytes(u16(0x0021), ip);
    case 1:
      return bytes(u16(0x0057), udp6("2001:db8::1", "2001:db8::2", 5000, 6000, new Uint8Array(4)));
    case 2:
    case 3: {
      const opts = Array.from({ length: 1 + int(4) }, () => LCP_OPTS[int(LCP_OPTS.length)]!());
      return cp(0xc021, 1 + int(4), i, bytes(...opts));
    }
    case 4:
      return cp(
        0xc021,
        9 + int(2),
        i,
        bytes(u32(0x12345678), i & 1 ? new Uint8Array(0) : bytes("0102")),
      );
    case 5:
      return cp(0xc021, 5 + int(2), i, bytes("7573657220726571"));
    case 6:
      return cp(
        0x8021,
        1 + int(4),
        i,
        bytes(opt(3, ip4("10.0.0.1")), opt(129, ip4("8.8.8.8")), opt(131, ip4("8.8.4.4"))),
      );
    case 7:
      return cp(0x8057, 1 + int(2), i, opt(1, bytes("0211 22ff fe33 4455")));
    case 8:
      return bytes(u16(0xc023), 1, i, u16(14), 4, bytes("75736572"), 4, bytes("70617373"));
    case 9:
      return bytes(u16(0xc023), 2 + int(2), i, u16(7), 2, bytes("6f6b"));
    case 10:
      return bytes(
        u16(0xc223),
        1 + int(2),
        i,
        u16(17),
        4,
        u32(int(2 ** 32)),
        bytes("726f75746572 6131"),
      );
    case 11:
      return bytes(u16(0xc223), 3, i, u16(12), bytes("57656c636f6d65 21"));
    case 12:
      return bytes(u16(0x003d), 0x80 | (i & 0x0f), i, bytes("0021"), ip);
    case 13:
      return bytes(u16(0x00fd), bytes("0011223344"));
    case 14:
      return cp(0xc021, 8, i, bytes(u16(0x8057), "0102030405"));
    default:
      return bytes(u16(0x1234 + i), bytes("deadbeef"));
  }
}

const pppPackets = Array.from({ length: 48 }, (_, i) => {
  const payload = pppPayload(i);
  // most frames carry address and control; some use ACFC, some PFC (IP as 0x21)
  if (i % 7 === 6) return { data: payload };
  if (i % 11 === 10 && payload[0] === 0 && payload[1] === 0x21) {
    return { data: bytes(0xff, 3, payload.subarray(1)) };
  }
  return { data: bytes(0xff, 3, payload) };
});

const hdlcPackets = Array.from({ length: 32 }, (_, i) => {
  const payload = pppPayload(i);
  if (i % 9 === 8) {
    return {
      data: bytes(0x0f, 0, u16(0x0800), udp4("10.9.0.1", "10.9.0.2", 7, 7, new Uint8Array(3))),
    };
  }
  if (i % 13 === 12) return { data: bytes(0x21, 0x45, payload) };
  return { data: bytes(0xff, 3, payload) };
});

/** SLARP (Cisco): request, reply, keepalive with and without uptime, unknown code. */
function slarp(i: number): Uint8Array {
  switch (i % 5) {
    case 0:
      return bytes(u32(0), u32(0), u32(0), u16(0xffff));
    case 1:
      return bytes(u32(1), ip4(`10.${i}.0.1`), ip4("255.255.255.252"), u16(0xffff), u16(0), u16(0));
    case 2:
      return bytes(u32(2), u32(i), u32(i + 1), u16(0xffff));
    case 3:
      return bytes(u32(2), u32(i), u32(i - 1), u16(0xffff), u32(123456789 + i * 1000));
    default:
      return bytes(u32(7), u32(1), u32(2), u16(3), u32(4), bytes("aabb"));
  }
}

const chdlcPackets = Array.from({ length: 30 }, (_, i) => {
  const a = i % 2 ? 0x8f : 0x0f;
  switch (i % 6) {
    case 0:
      return {
        data: bytes(
          a,
          0,
          u16(0x0800),
          tcp4(
            "192.0.2.1",
            "192.0.2.2",
            22,
            40000 + i,
            0x18,
            bytes("5353482d322e302d4f70656e5353480d0a"),
          ),
        ),
      };
    case 1:
      return { data: bytes(a, 0, u16(0x86dd), ipv6("fe80::1", "ff02::5", 59, new Uint8Array(0))) };
    case 2:
    case 3:
      return { data: bytes(a, 0, u16(0x8035), slarp(i)) };
    case 4:
      return {
        data: bytes(
          a,
          0,
          u16(0x8847),
          u32((1000 + i) << 12 | 0x100 | 64),
          udp4("10.0.0.1", "10.0.0.2", 1, 2, new Uint8Array(0)),
        ),
      };
    default:
      return { data: bytes(a, 0, u16(0x2000 + i), bytes("01020304")) };
  }
});

/** Ethernet frames with MPLS label stacks of 1-3 entries over IPv4, IPv6 and unknown payloads. */
const mplsPackets = Array.from({ length: 40 }, (_, i) => {
  const depth = 1 + (i % 3);
  const labels: Uint8Array[] = [];
  for (let d = 0; d < depth; d++) {
    const bottom = d === depth - 1;
    const label = i % 8 === 0 && bottom
      ? [0, 2, 3][i % 3]!
      : i % 5 === 0 && d === 0
      ? i % 16
      : 16 + int(1 << 20 - 1);
    labels.push(u32((label << 12 | int(8) << 9 | (bottom ? 0x100 : 0) | int(256)) >>> 0));
  }
  const payloads = [
    udp4("10.1.0.1", "10.2.0.1", 4000 + i, 53, new Uint8Array(0)),
    ipv6("2001:db8::1", "2001:db8::2", 59, new Uint8Array(0)),
    bytes("0000000012345678"),
    tcp4("10.1.0.1", "10.2.0.1", 5000, 80, 0x02, new Uint8Array(0), i),
  ];
  let payload = payloads[i % 4]!;
  if (i % 8 === 0) payload = (i % 3) === 1 ? payloads[1]! : payloads[0]!;
  if (i === 39) {
    return { data: ether(0x8847, u32(100 << 12 | 64), "00:11:22:33:44:55", "66:77:88:99:aa:bb") };
  }
  return {
    data: ether(
      i % 10 === 9 ? 0x8848 : 0x8847,
      bytes(...labels, payload),
      "00:11:22:33:44:55",
      "66:77:88:99:aa:bb",
    ),
  };
});

export const LINK_CASES: Case[] = [
  { name: "ppp", linkType: 9, packets: pppPackets, link: true },
  { name: "ppp_hdlc", linkType: 50, packets: hdlcPackets, link: true },
  { name: "c_hdlc", linkType: 104, packets: chdlcPackets, link: true },
  { name: "mpls", linkType: 1, packets: mplsPackets, link: true },
];

/** An NFLOG TLV (length and type little-endian, as a little-endian host logs them), padded. */
function nflogTlv(type: number, value: Uint8Array): Uint8Array {
  const len = 4 + value.length;
  return bytes(
    len & 0xff,
    len >> 8,
    type & 0xff,
    type >> 8,
    value,
    new Uint8Array((4 - len % 4) % 4),
  );
}

const nflogPackets = Array.from({ length: 30 }, (_, i) => {
  const v6 = i % 3 === 1;
  const fam = i % 10 === 7 ? 7 : v6 ? 10 : 2;
  const payload = v6
    ? udp6("2001:db8::1", "2001:db8::53", 40000 + i, 53, new Uint8Array(0))
    : tcp4("10.0.0.1", `10.0.0.${i + 2}`, 30000 + i, 443, 0x02, new Uint8Array(0), i * 7);
  const tlvs = [
    nflogTlv(1, bytes(u16(v6 ? 0x86dd : 0x0800), 3, 0)), // NFULA_PACKET_HDR
    ...(i % 2 ? [nflogTlv(10, bytes("44524f503a20", 0))] : []), // NFULA_PREFIX "DROP: "
    ...(i % 4 === 3 ? [nflogTlv(4, u32(2)), nflogTlv(11, u32(1000))] : []), // ifindex, uid
  ];
  let data = bytes(fam, 0, u16(i % 5), ...tlvs, nflogTlv(9, payload));
  if (i === 28) data = bytes(2, 0, u16(0), ...tlvs); // no payload TLV
  if (i === 29) data = bytes(2, 1, u16(0), nflogTlv(9, payload)); // unknown version
  return { data: i === 27 ? data.subarray(0, 14) : data, wireLen: data.length };
});

LINK_CASES.push({ name: "nflog", linkType: 239, packets: nflogPackets, link: true });
