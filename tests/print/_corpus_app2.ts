// Golden corpus cases for application protocols and transport details: every TCP option
// tcpdump decodes, MPTCP (RFC 8684), ICMPv6 node information (RFC 4620).

import { bytes, cksum, ip4, ip6, ipv4, ipv6, u16, u32, udp4, udp6 } from "./_build.ts";
import type { Case } from "./_golden.ts";

export const APP2_CASES: Case[] = [];

/** TCP/IPv4 or TCP/IPv6 segment with raw option bytes (padded with EOL to a 4-byte multiple). */
export function tcpOpt(
  v6: boolean,
  sport: number,
  dport: number,
  flags: number,
  options: Uint8Array,
  payload: Uint8Array = new Uint8Array(0),
  seq = 1000,
  ack = 0,
): Uint8Array {
  const padded = bytes(options, new Uint8Array((4 - (options.length % 4)) % 4));
  const doff = 5 + padded.length / 4;
  const seg = bytes(
    u16(sport),
    u16(dport),
    u32(seq),
    u32(ack),
    doff << 4,
    flags,
    u16(65535),
    u16(0),
    u16(0),
    padded,
    payload,
  );
  const src = v6 ? ip6("2001:db8::1") : ip4("10.0.0.1");
  const dst = v6 ? ip6("2001:db8::2") : ip4("10.0.0.2");
  const s = cksum(seg, ~cksum(bytes(src, dst, 0, 6, u16(seg.length))) & 0xffff);
  seg[16] = s >> 8, seg[17] = s & 0xff;
  return v6
    ? ipv6("2001:db8::1", "2001:db8::2", 6, seg)
    : ipv4("10.0.0.1", "10.0.0.2", 6, seg, { df: true });
}

const SYN = 0x02, ACK = 0x10, SYNACK = 0x12, PSHACK = 0x18;
const u64 = (hi: number, lo: number) => bytes(u32(hi), u32(lo));
/** An MPTCP option (kind 30) of subtype `sub` with the low nibble `low` and `rest`. */
const mp = (sub: number, low: number, ...rest: (Uint8Array | number | string)[]) => {
  const body = bytes(...rest);
  return bytes(30, 3 + body.length, (sub << 4) | low, body);
};

/** MPTCP options of every subtype, in their valid sizes and a few invalid ones. */
const MPTCP: [number, Uint8Array][] = [
  [SYN, mp(0, 0, 0x81, u64(0x01020304, 0x05060708))], // v0 SYN, csum, key
  [SYN, mp(0, 1, 0x01)], // v1 SYN, no key
  [SYNACK, mp(0, 1, 0x01, u64(0xa1b2c3d4, 0xe5f60718))], // v1 SYN/ACK, key
  [ACK, mp(0, 1, 0x81, u64(0x11111111, 0x22222222), u64(0x33333333, 0x44444444))], // ACK, keys
  [PSHACK, mp(0, 1, 0x01, u64(1, 2), u64(3, 4), u16(100))], // ACK with data-level length
  [SYN, mp(0, 1, 0x01, u32(7))], // wrong size
  [SYN, mp(0, 2, 0x01, u64(5, 6))], // unknown version
  [SYN, mp(1, 1, 7, u32(0xdeadbeef), u32(0x01020304))], // join SYN, backup, id 7
  [SYNACK, mp(1, 0, 3, u64(0x0a0b0c0d, 0x0e0f1011), u32(0x99))], // join SYN/ACK
  [ACK, mp(1, 0, 0, "00112233445566778899aabbccddeeff00112233")], // join ACK, 20-byte hmac
  [ACK, mp(1, 0, 0, u32(1))], // join, wrong size
  [ACK, mp(2, 0, 0x01, u32(123456))], // dss, 4-byte data ack
  [ACK, mp(2, 0, 0x03, u64(1, 2))], // dss, 8-byte data ack
  [PSHACK, mp(2, 0, 0x05, u32(10), u32(20), u32(30), u16(1400))], // ack + map
  [PSHACK, mp(2, 0, 0x1f, u64(0, 10), u64(0, 20), u32(30), u16(1400), u16(0xabcd))], // fin, all
  [PSHACK, mp(2, 0, 0x04, u32(20), u32(30))], // map without length
  [SYN, mp(2, 0, 0x01, u32(1))], // dss on a SYN
  [ACK, mp(3, 0, 5, ip4("192.0.2.9"))], // add-addr v0-ip4? (low nibble 0: v1)
  [ACK, mp(3, 4, 6, ip4("192.0.2.10"), u16(8080))], // v0-ip4 with port
  [ACK, mp(3, 1, 2, ip4("192.0.2.11"), u64(0xcafe, 0xbabe))], // v1-echo with hmac
  [ACK, mp(3, 0, 3, ip4("192.0.2.12"), u16(443), u64(0x1234, 0x5678))], // port + hmac
  [ACK, mp(3, 6, 4, ip6("2001:db8::9"))], // v0-ip6
  [ACK, mp(3, 0, 4, ip6("2001:db8::a"), u16(80))],
  [ACK, mp(3, 0, 4, ip6("2001:db8::b"), u64(0, 0xff))],
  [ACK, mp(3, 0, 4, ip6("2001:db8::c"), u16(22), u64(0, 0xee))],
  [ACK, mp(3, 9, 4, ip4("192.0.2.13"))], // bad version/echo
  [ACK, mp(3, 0, 4, u16(1))], // bad size
  [ACK, mp(4, 0, 1)], // rem-addr id 1
  [ACK, mp(4, 0, 1, 2, 3)], // rem-addr ids 1 2 3
  [ACK, mp(4, 0)], // rem-addr without ids
  [ACK, mp(5, 1)], // prio backup, no id
  [ACK, mp(5, 0, 9)], // prio non-backup, id 9
  [ACK, mp(5, 1, 9, 9)], // prio, wrong size
  [ACK, mp(6, 0, 0, u64(0, 4242))], // fail
  [ACK, mp(6, 0, 0, u32(1))], // fail, wrong size
  [ACK, mp(7, 0, 0, u64(0x0102, 0x0304))], // fast-close
  [ACK, mp(8, 0, 0, 0)], // tcprst (RFC 8684)
  [ACK, mp(15, 0, 1, 2)], // unknown subtype
  [ACK, bytes(30, 2)], // too short
];

APP2_CASES.push({
  name: "mptcp",
  linkType: 101,
  packets: [
    ...MPTCP.map(([flags, o], i) => ({
      data: tcpOpt(
        i % 5 === 4,
        40000 + i,
        443,
        flags,
        o,
        new Uint8Array(flags & 8 ? 4 : 0),
        1000,
        1,
      ),
    })),
    // the option cut by the snapshot length
    (() => {
      const d = tcpOpt(false, 40100, 443, SYN, mp(0, 0, 0x81, u64(1, 2)));
      return { data: d.subarray(0, 48), wireLen: d.length };
    })(),
    (() => {
      const d = tcpOpt(false, 40101, 443, ACK, mp(2, 0, 0x05, u32(10), u32(20), u32(30), u16(9)));
      return { data: d.subarray(0, 50), wireLen: d.length };
    })(),
  ],
});

APP2_CASES.at(-1)!.packets.push({
  // the protocol named in a later truncation is MPTCP's (print-mptcp.c sets it)
  data: tcpOpt(false, 40102, 443, ACK, bytes(mp(5, 1), 1, 8, 10, u32(1), u32(2))).subarray(0, 50),
  wireLen: 64,
});

/** One TCP option (kind, data). */
const o = (kind: number, ...data: (Uint8Array | number | string)[]) => {
  const d = bytes(...data);
  return bytes(kind, 2 + d.length, d);
};

/** TCP option lists: each kind tcpdump names, with valid, odd and malformed lengths. */
const TCP_OPTIONS: [number, Uint8Array][] = [
  [SYN, bytes(o(2, u16(1460)), o(4), o(8, u32(100), u32(0)), 1, o(3, 7))], // a Linux SYN
  [SYNACK, bytes(o(2, u16(536)), 1, 1, o(4), 1, o(3, 14))],
  [ACK, bytes(1, 1, o(5, u32(1500), u32(2500)))], // one SACK block
  [ACK, bytes(1, 1, o(5, u32(1500), u32(2500), u32(3000), u32(4000), u32(5000), u32(6000)))],
  [ACK, bytes(1, 1, o(5, u32(1500), u32(2500), 0, 0))], // sack length not a multiple of 8
  [ACK, bytes(o(6, u32(77)), o(7, u32(78)))], // echo, echoreply (RFC 1072)
  [ACK, bytes(o(11, u32(1)), o(12, u32(2)), o(13, u32(3)))], // T/TCP cc, ccnew, ccecho
  [ACK, o(19, "00112233445566778899aabbccddeeff")], // md5 signature
  [ACK, bytes(o(20, u16(0x1234)), o(21, u32(5), u16(6)), o(27, 1, 2, u32(3)))], // scps, snack, qs
  [ACK, o(28, u16(600))], // uto in seconds
  [ACK, o(28, u16(21))], // uto in minutes
  [ACK, o(29, 3, 4, "0102030405060708090a0b0c")], // tcp-ao
  [ACK, o(29, 3, 4)], // tcp-ao without a MAC
  [ACK, o(29, 3)], // tcp-ao too short
  [SYN, o(34)], // tfo cookie request
  [SYN, o(34, "a1a2a3a4a5a6a7a8")], // tfo cookie
  [SYN, o(34, "a1a2a3")], // tfo cookie of odd length
  [SYN, o(254, u16(0xf989))], // tfo cookie request, experimental kind
  [SYN, o(254, u16(0xf989), "0102030405060708")],
  [SYN, o(254, u16(0x1234), "ff")], // experimental, other magic
  [SYN, o(254, 1)], // experimental, too short
  [ACK, o(253, u16(0xabcd))], // exp 253
  [ACK, bytes(o(99, "0a0b0c"), o(100))], // unknown kinds
  [ACK, bytes(1, 0, 1, 1)], // eol ends the list
  [ACK, bytes(2, 5, 1, 2, 3, 1, 1, 1)], // mss with a wrong length
  [ACK, bytes(3, 4, 7, 0)], // wscale with a wrong length
  [ACK, bytes(2, 1, 0, 0)], // option length below 2
  [ACK, bytes(2, 40, 0, 0)], // option longer than the header
  [ACK, bytes(8, 6, u32(1), 1, 1)], // TS too short
];

APP2_CASES.push({
  name: "tcp_options",
  linkType: 101,
  packets: [
    ...TCP_OPTIONS.map(([flags, opts], i) => ({
      data: tcpOpt(i % 6 === 5, 50000 + i, 80, flags, opts, new Uint8Array(0), 7000, 1000),
    })),
    ...[44, 46, 52].map((cut, k) => {
      const d = tcpOpt(false, 50100 + k, 80, SYN, TCP_OPTIONS[0]![1]);
      return { data: d.subarray(0, cut), wireLen: d.length };
    }),
    (() => {
      const d = tcpOpt(false, 50103, 80, ACK, TCP_OPTIONS[3]![1], new Uint8Array(0), 1, 1);
      return { data: d.subarray(0, 60), wireLen: d.length };
    })(),
  ],
});

/** ICMPv6 message with a correct checksum. */
export function icmp6(src: string, dst: string, msg: Uint8Array): Uint8Array {
  const m = bytes(msg);
  const s = cksum(m, ~cksum(bytes(ip6(src), ip6(dst), u32(m.length), 0, 0, 0, 58)) & 0xffff);
  m[2] = s >> 8, m[3] = s & 0xff;
  return ipv6(src, dst, 58, m, 255);
}

const NONCE = "0123456789abcdef";
/** A node information message: type, code, qtype, flags, nonce, data. */
const ni = (
  type: number,
  code: number,
  qtype: number,
  flags: number,
  ...data: (Uint8Array | number | string)[]
) => bytes(type, code, u16(0), u16(qtype), u16(flags), NONCE, ...data);
const dnsName = (...labels: string[]) =>
  bytes(...labels.map((l) => bytes(l.length, new TextEncoder().encode(l))), 0);

const NODE_INFO: Uint8Array[] = [
  bytes(139, 0, u16(0), u32(0), u32(0)), // KAME who-are-you (12 bytes)
  bytes(139, 0, u16(0), u32(0)), // shorter than a query
  ni(139, 0, 0, 0), // noop
  ni(139, 0, 0, 0, ip6("2001:db8::2")), // noop with a subject: invalid len at -v
  ni(139, 0, 1, 1), // supported qtypes, compressed
  ni(139, 0, 1, 0),
  ni(139, 0, 2, 0), // DNS name, 03 draft (no subject)
  ni(139, 0, 2, 0, ip6("2001:db8::2")), // DNS name of an IPv6 subject
  ni(139, 2, 2, 0, ip4("192.0.2.1")), // IPv4 subject
  ni(139, 0, 2, 0, ip4("192.0.2.1")), // IPv6 subject of the wrong size
  ni(139, 2, 2, 0, ip6("2001:db8::2")), // IPv4 subject of the wrong size
  ni(139, 1, 2, 0, dnsName("host", "example", "com")), // FQDN subject
  ni(139, 1, 2, 0, dnsName("host"), 0), // a name that ends twice
  ni(139, 1, 2, 0, 4, new TextEncoder().encode("node")), // draft-03 Pascal string
  ni(139, 1, 2, 0, 9, new TextEncoder().encode("ab")), // label longer than the data
  ni(139, 0, 3, 0x7e, ip6("2001:db8::2")), // node addresses, all flags
  ni(139, 0, 3, 0x0a, ip6("2001:db8::2")),
  ni(139, 3, 7, 0, u32(1)), // unknown qtype and subject
  ni(140, 0, 0, 0), // reply: noop
  ni(140, 0, 0, 0, u32(0)), // noop of the wrong size
  ni(140, 0, 1, 1, u32(0x0f)), // supported qtypes
  ni(140, 0, 2, 1, u32(3600), dnsName("host", "example", "com")), // DNS name with TTL
  ni(140, 0, 2, 0, u32(0), 4, new TextEncoder().encode("node")), // draft-03 answer
  ni(140, 0, 3, 0x21, u32(60), ip6("2001:db8::2"), u32(120), ip6("fe80::2")), // addresses
  ni(140, 0, 3, 0, u32(60), ip6("2001:db8::2"), 1, 2), // trailing bytes
  ni(140, 1, 2, 0), // refused
  ni(140, 2, 2, 0, u32(0)), // unknown qtype code, wrong size
  ni(140, 7, 2, 0), // unknown code
  ni(140, 0, 9, 0), // unknown qtype
];

APP2_CASES.push({
  name: "icmp6_node_info",
  linkType: 101,
  packets: [
    ...NODE_INFO.map((m, i) => ({
      data: icmp6(i % 2 ? "2001:db8::2" : "fe80::1", i % 2 ? "fe80::1" : "ff02::2:ff00:1", m),
    })),
    // cut by the snapshot length: a query inside its fixed part, a reply
    (() => {
      const d = icmp6("fe80::1", "ff02::1", ni(139, 0, 2, 0, ip6("2001:db8::2")));
      return { data: d.subarray(0, 54), wireLen: d.length };
    })(),
    (() => {
      const d = icmp6("fe80::1", "ff02::1", ni(140, 0, 2, 1, u32(30), dnsName("a", "b")));
      return { data: d.subarray(0, 62), wireLen: d.length };
    })(),
  ],
});

/** An Rx header (AFS): epoch, cid, call, seq, serial, type, flags, status, security, service. */
const rx = (type: number, flags: number, seq: number, ...rest: (Uint8Array | number | string)[]) =>
  bytes(
    u32(0x5f000001),
    u32(0x8a3c0004),
    u32(7),
    u32(seq),
    u32(seq + 10),
    type,
    flags,
    0,
    2,
    u16(0),
    u16(1),
    ...rest,
  );
/** An Rx ACK body: bufspace, maxskew, first, previous, serial, reason, the ack array, MTUs. */
const rxAck = (first: number, reason: number, acks: number[], mtus = true) =>
  bytes(
    u16(32),
    u16(4),
    u32(first),
    u32(first - 1),
    u32(55),
    reason,
    acks.length,
    acks,
    0,
    0,
    0,
    ...(mtus ? [u32(1444), u32(1444), u32(32), u32(4)] : []),
  );

const RX: Uint8Array[] = [
  rx(1, 0x00, 3, "0102030405060708"), // data, not the first packet
  rx(1, 0x06, 2, "aabb"), // data, req-ack + last
  rx(1, 0x28, 5, "aabb"), // more-pckts + jumbogram
  rx(1, 0x00, 1, u32(0)), // a reply without its call
  rx(2, 0x00, 0, rxAck(1, 1, [1, 1, 1])),
  rx(2, 0x20, 0, rxAck(10, 3, [1, 0, 0, 1, 1, 0, 1])), // slow-start, acked/nacked ranges
  rx(2, 0x00, 0, rxAck(4, 6, [0, 0])), // ping, all nacked
  rx(2, 0x00, 0, rxAck(4, 7, [])), // ping response, no acks
  rx(2, 0x00, 0, rxAck(4, 12, [1], false)), // unknown reason, no MTUs
  rx(2, 0x00, 0, "00200004"), // ack body cut short
  rx(3, 0x01, 0), // busy
  rx(4, 0x00, 0, u32(1)), // abort
  rx(5, 0x10, 0), // ackall, free-pckt
  rx(6, 0x00, 0, u32(2), u32(0x11223344)), // challenge
  rx(7, 0x01, 0, "0011"), // response
  rx(8, 0x00, 0), // debug
  rx(9, 0x00, 0), // params
  rx(13, 0x00, 0, "61667320332e36"), // version
  rx(42, 0xff, 9), // unknown type, every flag
  bytes("0102030405"), // shorter than the Rx header
  bytes("010203"),
];

APP2_CASES.push({
  name: "afs_rx",
  linkType: 101,
  packets: [
    ...RX.map((m, i) => ({
      data: udp4("10.1.0.1", "10.1.0.2", i % 2 ? 7001 : 7005 + (i % 3), 7000 + (i % 10), m),
    })),
    (() => {
      const d = udp4("10.1.0.1", "10.1.0.2", 7000, 7003, rx(2, 0, 0, rxAck(1, 1, [1, 1, 0])));
      return { data: d.subarray(0, 60), wireLen: d.length };
    })(),
    (() => {
      const d = udp4("10.1.0.1", "10.1.0.2", 7000, 7003, rx(2, 0, 0, rxAck(1, 1, [1, 1, 0])));
      return { data: d.subarray(0, 81), wireLen: d.length };
    })(),
    { data: udp6("2001:db8::1", "2001:db8::2", 7002, 7002, rx(2, 0, 0, rxAck(3, 8, [1]))) },
  ],
});
