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
    // the ack array cut by the capture
    ...[75, 76].map((n) => {
      const d = udp4("10.1.0.1", "10.1.0.2", 7000, 7003, rx(2, 0, 0, rxAck(1, 1, [1, 1, 0])));
      return { data: d.subarray(0, n), wireLen: d.length };
    }),
  ],
});

const text = (s: string) => new TextEncoder().encode(s);

/** TFTP (RFC 1350, 2347): requests with options, data, acks, errors, OACK, malformed. */
const TFTP: Uint8Array[] = [
  bytes(u16(1), text("pxelinux.0"), 0, text("octet"), 0),
  bytes(
    u16(1),
    text("boot/grub.cfg"),
    0,
    text("netascii"),
    0,
    text("tsize"),
    0,
    text("0"),
    0,
    text("blksize"),
    0,
    text("1468"),
    0,
  ),
  bytes(u16(2), text("upload.bin"), 0, text("octet"), 0),
  bytes(u16(2), text("x"), 0, text("mail"), 0, 0, 0), // empty options
  bytes(u16(3), u16(1), new Uint8Array(32).fill(0x41)),
  bytes(u16(3), u16(65535)),
  bytes(u16(4), u16(1)),
  bytes(u16(4), u16(0)),
  bytes(u16(5), u16(1), text("File not found"), 0),
  bytes(u16(5), u16(2), text("Access violation"), 0),
  bytes(u16(5), u16(8), text("bad option"), 0),
  bytes(u16(5), u16(42), text("custom"), 0), // unknown error code
  bytes(u16(5), u16(0), text("no NUL")), // message without its NUL
  bytes(u16(6), text("blksize"), 0, text("1468"), 0, text("tsize"), 0, text("1024"), 0),
  bytes(u16(6)),
  bytes(u16(1), text("name-without-nul")),
  bytes(u16(1), text("file"), 0), // no mode
  bytes(u16(1)), // nothing after the opcode
  bytes(u16(3)), // DATA without a block
  bytes(u16(5), u16(3)), // ERROR without a message
  bytes(u16(9), u16(1)), // unknown opcode
  bytes(1), // shorter than an opcode
  bytes(u16(1), text("caf\u00e9\x01"), 0, text("octet"), 0), // escaped bytes
];

APP2_CASES.push({
  name: "tftp",
  linkType: 101,
  packets: [
    ...TFTP.map((m, i) => ({
      data: i % 4 === 3
        ? udp6("2001:db8::1", "2001:db8::2", 40000 + i, 69, m)
        : udp4("10.0.0.1", "10.0.0.2", i % 2 ? 69 : 40000 + i, i % 2 ? 40000 + i : 69, m),
    })),
    (() => {
      const d = udp4("10.0.0.1", "10.0.0.2", 40100, 69, TFTP[1]!);
      return { data: d.subarray(0, 45), wireLen: d.length };
    })(),
  ],
});

const IAC = 255, WILL = 251, WONT = 252, DO = 253, DONT = 254, SB = 250, SE = 240;
/** Telnet negotiation (RFC 854/855): options, subnegotiations, commands, data after them. */
const TELNET: Uint8Array[] = [
  bytes(IAC, DO, 24, IAC, DO, 32, IAC, DO, 35, IAC, DO, 39), // a server's opening
  bytes(IAC, WILL, 24, IAC, WILL, 32, IAC, WILL, 35, IAC, WILL, 39),
  bytes(IAC, SB, 24, 1, IAC, SE), // TERMINAL TYPE SEND
  bytes(IAC, SB, 24, 0, text("XTERM"), IAC, SE), // TERMINAL TYPE IS XTERM
  bytes(IAC, SB, 31, 0, 80, 0, 24, IAC, SE), // NAWS
  bytes(IAC, SB, 32, 0, text("38400,38400"), IAC, SE),
  bytes(IAC, SB, 37, 1, 2, 0, IAC, SE), // AUTHENTICATION SEND KERBEROS_V5
  bytes(IAC, SB, 37, 0, 15, 3, IAC, SE), // AUTHENTICATION IS NTLM
  bytes(IAC, SB, 38, 1, 1, 2, IAC, SE), // ENCRYPT SUPPORT DES_CFB64
  bytes(IAC, SB, 38, 3, 9, IAC, SE),
  bytes(IAC, WILL, 1, IAC, WILL, 3, IAC, DONT, 5, IAC, WONT, 33),
  bytes(IAC, DO, 45, IAC, WILL, 200), // options without a name
  bytes(IAC, 241, IAC, 244, IAC, 246, IAC, 249), // NOP, IP, AYT, GA
  bytes(IAC, 236, IAC, 237, IAC, 238, IAC, 239, IAC, 242, IAC, 243, IAC, 245, IAC, 247, IAC, 248),
  bytes(IAC, IAC, text("x")), // escaped 255
  bytes(IAC, DO, 1, text("login: ")), // data after a command
  text("Debian GNU/Linux 12\r\n"), // no command
  bytes(IAC, 200), // not a command
  bytes(IAC, DO), // cut command
  bytes(IAC, SB, 24, 0, text("VT100")), // subnegotiation without IAC SE
  bytes(IAC, SB, 24, IAC, SE), // empty subnegotiation
  bytes(IAC, SB, 99, 7, 8, 9, IAC, SE), // unknown option, raw bytes
  bytes(IAC, SB, 37, IAC, SE), // AUTHENTICATION without its command
];

APP2_CASES.push({
  name: "telnet",
  linkType: 101,
  packets: TELNET.map((m, i) => ({
    data: tcpOpt(
      i % 5 === 4,
      i % 2 ? 23 : 50000 + i,
      i % 2 ? 50000 + i : 23,
      PSHACK,
      new Uint8Array(0),
      m,
      5000,
      9000,
    ),
  })),
});

/** SIP (RFC 3261) over UDP 5060: requests, responses, a non-SIP payload. */
const sipMsg = (first: string, ...headers: string[]) =>
  text([first, ...headers, "", ""].join("\r\n"));
const SIP_HEADERS = [
  "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds",
  "From: Alice <sip:alice@example.com>;tag=1928301774",
  "To: Bob <sip:bob@example.com>",
  "Call-ID: a84b4c76e66710@pc33.example.com",
  "CSeq: 314159 INVITE",
  "Content-Length: 0",
];
const SIP: Uint8Array[] = [
  ..."INVITE ACK BYE CANCEL OPTIONS REGISTER SUBSCRIBE NOTIFY MESSAGE INFO PRACK UPDATE REFER PUBLISH"
    .split(" ").map((m, i) =>
      sipMsg(`${m} sip:bob@example.com SIP/2.0`, ...SIP_HEADERS.slice(0, 1 + (i % 6)))
    ),
  sipMsg("SIP/2.0 100 Trying", ...SIP_HEADERS.slice(0, 3)),
  sipMsg("SIP/2.0 180 Ringing", ...SIP_HEADERS),
  sipMsg("SIP/2.0 200 OK", ...SIP_HEADERS),
  sipMsg("SIP/2.0 486 Busy Here"),
  sipMsg("HELLO world"), // not a SIP line
  text("INVITE sip:cut@example.com SIP/2.0\r\nVia: SIP/2.0/UDP"), // no line end
  bytes(text("OPTIONS sip:x SIP/2.0\r\n"), 0x01, 0x02, text("\r\n")), // binary line
  text("\r\n\r\n"), // keep-alive
];

APP2_CASES.push({
  name: "sip",
  linkType: 101,
  packets: SIP.map((m, i) => ({
    data: i % 7 === 6
      ? udp6("2001:db8::1", "2001:db8::2", 5060, 5060, m)
      : udp4("192.0.2.1", "192.0.2.2", i % 2 ? 5060 : 40000 + i, i % 2 ? 40000 + i : 5060, m),
  })),
});

/** WHOIS (RFC 3912) over TCP 43: queries and the server's text. */
const WHOIS: Uint8Array[] = [
  text("example.com\r\n"),
  text("domain example.org\r\n"),
  text("-T dn,ace example.net\r\n"),
  text("192.0.2.1\r\n"),
  text("AS64496\r\n"),
  text("% IANA WHOIS server\r\n% for more information on IANA, visit http://www.iana.org\r\n\r\n"),
  text("domain:       EXAMPLE.COM\r\norganisation: Internet Assigned Numbers Authority\r\n"),
  text("refer:        whois.verisign-grs.com\n\ndomain:       COM\n"),
  text("   Domain Name: EXAMPLE.COM\r\n   Registry Domain ID: 2336799_DOMAIN_COM-VRSN\r\n"),
  text('No match for "NOPE.TEST".\r\n'),
  text(">>> Last update of whois database: 2026-01-01T00:00:00Z <<<\r\n"),
  text("partial line without end"),
  bytes(text("binary "), 0x00, 0x01, text("\r\n")),
  text("\r\n"),
  text("line one\rline two\r\n"), // CR without LF
  text("a\tb\tc\r\n"),
  text("x".repeat(90) + "\r\n"),
  text("inetnum: 192.0.2.0 - 192.0.2.255\r\nnetname: TEST-NET-1\r\ncountry: ZZ\r\n"),
  text("help\r\n"),
  text("=example.com\r\n"),
];

APP2_CASES.push({
  name: "whois",
  linkType: 101,
  packets: WHOIS.map((m, i) => ({
    data: tcpOpt(
      i % 6 === 5,
      i % 2 ? 43 : 51000 + i,
      i % 2 ? 51000 + i : 43,
      PSHACK,
      new Uint8Array(0),
      m,
      100,
      200,
    ),
  })),
});

/** Kerberos: v5 messages (ASN.1 application tags), Kerberos 4 messages of each type, others. */
const z = (s: string) => bytes(text(s), 0);
const KRB: Uint8Array[] = [
  bytes("6a81b43081b1a103020105a20302010a"), // AS-REQ
  bytes("6b8202ad308202a9a003020105"), // AS-REP
  bytes("6c82020e3082020aa103020105a20302010c"), // TGS-REQ: no version printed
  bytes("7e5f305da003020105a10302011e"), // KRB-ERROR
  bytes(
    4,
    2,
    z("alice"),
    z(""),
    z("EXAMPLE.COM"),
    u32(0x5f000000),
    96,
    z("krbtgt"),
    z("EXAMPLE.COM"),
  ), // KDC_REQUEST
  bytes(4, 3, z("bob"), z("admin"), z("EXAMPLE.COM"), u32(1), 12, z("rcmd"), z("host")), // little-endian
  bytes(4, 4, z("alice"), z(""), z("EXAMPLE.COM"), u32(1), 1, u32(2), 3, u16(0x0123)), // KDC_REPLY
  bytes(4, 5, z("alice"), z(""), z("EXAMPLE.COM"), u32(1), 1, u32(2), 3, u16(0x2301)),
  bytes(4, 6, 1, z("EXAMPLE.COM"), 16, 32), // APPL_REQUEST
  bytes(4, 10, z("alice"), z(""), z("EXAMPLE.COM"), u32(1), u32(8), z("Principal unknown")), // ERR_REPLY
  bytes(4, 11, z("x"), z(""), z("R"), u32(1), u32(0x14000000), z("generic")), // little-endian error 20
  bytes(4, 10, z("x"), z(""), z("R"), u32(1), u32(99), z("?")), // unknown error
  bytes(4, 8, 0, 0), // APPL_REQUEST_MUTUAL: (unknown)
  bytes(4, 126), // DIE
  bytes(4, 40), // unknown type
  bytes(4, 2, text("no-nul")), // name cut
  bytes(4, 6, 1, text("REALM")), // realm cut
  bytes(1, 0), // versions 1-3
  bytes(2, 0),
  bytes(3, 0),
  bytes(5, 0), // nothing printed
  bytes(0x30, 0x03, 0x02, 0x01, 0x05),
];

APP2_CASES.push({
  name: "kerberos",
  linkType: 101,
  packets: [
    ...KRB.map((m, i) => ({
      data: udp4("10.0.0.1", "10.0.0.2", i % 2 ? 88 : 41000 + i, i % 3 === 2 ? 750 : 88, m),
    })),
    { data: udp4("10.0.0.1", "10.0.0.2", 88, 41100, new Uint8Array(0)) },
  ],
});

/**
 * Protocols tcpdump 4.99.3 (as Debian builds it: no SMB printer) does not decode by port:
 * QUIC on UDP 443, GTP on 2152/2123, LDAP on TCP 389, NetBIOS name/datagram service on UDP
 * 137/138, NetBIOS session and SMB on TCP 139/445. They print as plain UDP/TCP, payload unread.
 */
function notDecoded(i: number): Uint8Array {
  const r = (n: number) => Uint8Array.from({ length: n }, (_, k) => (i * 31 + k * 7) & 0xff);
  switch (i % 5) {
    case 0: // QUIC long-header Initial, short header
      return i % 2
        ? udp4(
          "10.0.0.1",
          "10.0.0.2",
          50000 + i,
          443,
          bytes("c000000001088394c8f03e5157080000449e", r(40)),
        )
        : udp6("2001:db8::1", "2001:db8::2", 443, 50000 + i, bytes(0x40 | (i & 0x1f), r(30)));
    case 1: // GTPv1-U G-PDU carrying IPv4, GTPv2-C echo
      return i % 2
        ? udp4(
          "10.0.0.1",
          "10.0.0.2",
          2152,
          2152,
          bytes("30ff0014", u32(i), udp4("10.9.0.1", "10.9.0.2", 1, 2, r(4))),
        )
        : udp4("10.0.0.1", "10.0.0.2", 2123, 2123, bytes("40010009", u32(i << 8), "0300010005"));
    case 2: // LDAP bindRequest, searchRequest
      return tcpOpt(
        false,
        52000 + i,
        389,
        PSHACK,
        new Uint8Array(0),
        i % 2 ? bytes("300c020101600702010304008000") : bytes(
          "302502010263200400",
          "0a0102",
          "0a0100",
          "020100",
          "020100",
          "010100",
          "870b6f626a656374636c617373",
          "3000",
        ),
        1,
        1,
      );
    case 3: // NetBIOS name query, datagram
      return i % 2
        ? udp4(
          "10.0.0.1",
          "10.0.0.255",
          137,
          137,
          bytes(
            u16(i),
            "01100001000000000000",
            "2045424542454245424542454245424542454245424542454245424542454141",
            "00",
            "00200001",
          ),
        )
        : udp4(
          "10.0.0.1",
          "10.0.0.255",
          138,
          138,
          bytes("110a", u16(i), ip4("10.0.0.1"), "008a", "00bb0000", r(20)),
        );
    default: // NetBIOS session request, SMB2 negotiate
      return i % 2
        ? tcpOpt(false, 53000 + i, 139, PSHACK, new Uint8Array(0), bytes("81000044", r(68)), 1, 1)
        : tcpOpt(
          false,
          53000 + i,
          445,
          PSHACK,
          new Uint8Array(0),
          bytes("000000a4fe534d4240000000", r(40)),
          1,
          1,
        );
  }
}

APP2_CASES.push({
  name: "not_decoded",
  linkType: 101,
  packets: Array.from({ length: 100 }, (_, i) => ({ data: notDecoded(i) })),
});

/** A RADIUS attribute. */
const ra = (type: number, ...v: (Uint8Array | number | string)[]) => {
  const d = bytes(...v);
  return bytes(type, 2 + d.length, d);
};
const AUTH = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
/** A RADIUS packet: code, id, attributes. */
const rad = (code: number, id: number, ...attrs: Uint8Array[]) => {
  const a = bytes(...attrs);
  return bytes(code, id, u16(20 + a.length), AUTH, a);
};
const RADIUS: Uint8Array[] = [
  rad(
    1,
    1,
    ra(1, text("alice")),
    ra(2, "8c0b2b5f0e0d0c0b0a09080706050403"),
    ra(4, ip4("192.0.2.10")),
    ra(5, u32(7)),
    ra(61, u32(15)),
    ra(30, text("00-11-22-33-44-55:ssid")),
    ra(31, text("66-77-88-99-aa-bb")),
    ra(32, text("ap1")),
    ra(80, new Uint8Array(16)),
  ),
  rad(
    2,
    1,
    ra(6, u32(2)),
    ra(7, u32(1)),
    ra(8, ip4("10.1.2.3")),
    ra(9, ip4("255.255.255.0")),
    ra(12, u32(1500)),
    ra(27, u32(3600)),
    ra(28, u32(300)),
    ra(25, text("class-a")),
  ),
  rad(3, 2, ra(18, text("Authentication failed"))),
  rad(
    11,
    3,
    ra(24, "0102030405"),
    ra(79, "0103000c0161646d696e0000"),
    ra(79, "0103000d0161646d696e0000"),
    ra(80, new Uint8Array(16)),
  ), // EAP-Message
  rad(
    4,
    4,
    ra(40, u32(1)),
    ra(44, text("5f00a1")),
    ra(45, u32(1)),
    ra(41, u32(5)),
    ra(55, u32(1700000000)),
    ra(87, text("eth0/1")),
  ),
  rad(
    4,
    5,
    ra(40, u32(2)),
    ra(46, u32(7384)),
    ra(42, u32(123456)),
    ra(43, u32(654321)),
    ra(47, u32(100)),
    ra(48, u32(200)),
    ra(49, u32(1)),
    ra(52, u32(1)),
    ra(53, u32(0)),
  ),
  rad(5, 5),
  rad(4, 6, ra(40, u32(3)), ra(85, u32(59)), ra(40, u32(99)), ra(49, u32(23)), ra(49, u32(24))),
  rad(
    1,
    7,
    ra(26, u32(311), 1, 6, text("abcd"), 2, 4, "0102"),
    ra(26, u32(9), 1, 10, text("shell:1")),
  ), // vendors
  rad(
    2,
    8,
    ra(26, u32(14988), 1, 5, "414243"),
    ra(26, u32(2636), 1, 1),
    ra(26, u32(12356), 1, 9, "4142"),
  ), // unknown vendor, bogus lengths
  rad(
    2,
    9,
    ra(64, 1, 0, 0, 3),
    ra(65, 0, 0, 0, 1),
    ra(81, 1, text("vlan10")),
    ra(83, 2, 0, 0, 5),
    ra(69, 3, u16(0x8001), "00112233"),
    ra(66, text("192.0.2.1")),
    ra(82, 0x20, text("id")),
  ),
  rad(
    2,
    10,
    ra(56, 0x31, 0, 0, 10),
    ra(56, 0x40, 0, 0, 11),
    ra(58, 0x32, text("guests")),
    ra(57, u32(1)),
    ra(59, "0001020304050607"),
  ),
  rad(
    2,
    11,
    ra(8, u32(0xffffffff)),
    ra(8, u32(0xfffffffe)),
    ra(14, ip4("192.0.2.99")),
    ra(23, u32(0xfffffffe)),
    ra(23, u32(42)),
    ra(37, u32(0)),
    ra(38, u32(0)),
    ra(37, u32(5)),
  ),
  rad(
    2,
    12,
    ra(95, ip6("2001:db8::1")),
    ra(97, 0, 64, ip6("2001:db8:1::").subarray(0, 8)),
    ra(123, 0, 56, "20010db8ab"),
    ra(97, 0, 130),
    ra(98, ip6("::1")),
    ra(96, "0011223344556677"),
    ra(99, text("2001:db8::/64 ::")),
    ra(100, text("pool6")),
  ),
  rad(
    2,
    13,
    ra(70, "0102030405060708090a0b0c0d0e0f10"),
    ra(71, 1, 8, u32(1), u32(2), u32(3)),
    ra(72, u32(2)),
    ra(84, "aabbccddeeff0011"),
    ra(75, u32(3)),
    ra(76, u32(1)),
  ),
  rad(41, 14, ra(101, u32(201))),
  rad(42, 15, ra(101, u32(503)), ra(101, u32(999))),
  rad(43, 16, ra(1, text("bob")), ra(31, text("x")), ra(6, u32(8))),
  rad(44, 16),
  rad(45, 16, ra(101, u32(404))),
  rad(
    2,
    17,
    ra(124, u32(0x100), u32(3)),
    ra(125, 64, ip6("2001:db8::")),
    ra(126, 0x31, text("example.com")),
    ra(126, 0x40, text("x")),
  ),
  rad(
    2,
    18,
    ra(127, u16(1), 0, 1, u32(3908000000), u32(0), u32(0), u32(0), text("GPS")),
    ra(128, u16(2), "0102030405"),
    ra(129, u16(0x8000), u32(3908000000), u32(0x80000000), text("no")),
  ),
  rad(
    2,
    19,
    ra(5, u32(1), 0),
    ra(4, ip4("1.2.3.4"), 5),
    ra(95, "00"),
    ra(97, 0),
    ra(55, u16(1)),
    ra(124, u32(1)),
    ra(125, 1),
    ra(70, 1),
    ra(71, 1),
    ra(101, 1),
  ), // wrong lengths
  rad(2, 20, ra(150, "0102"), ra(0, "03"), ra(17, "04")), // unknown and unassigned types
  rad(12, 21, ra(80, new Uint8Array(16))),
  rad(13, 22),
  rad(99, 23),
  rad(255, 24),
  rad(2, 25, bytes(1, 1)), // attribute length below 2
  rad(2, 26, bytes(1, 40, text("ab"))), // attribute past the end
  bytes(1, 27, u16(10), AUTH), // length field below 20
  bytes(1, 28, u16(30), AUTH), // length field past the datagram
  bytes(1, 29, u16(20)), // header cut
  rad(
    2,
    30,
    ra(33, text("proxy")),
    ra(11, text("filter")),
    ra(22, text("10.0.0.0/8 0.0.0.0 1")),
    ra(50, text("multi")),
    ra(60, "00112233"),
    ra(89, text("cui")),
    ra(88, text("pool")),
  ),
];
APP2_CASES.push({
  name: "radius",
  linkType: 101,
  packets: [
    ...RADIUS.map((m, i) => ({
      data: i % 6 === 5 ? udp6("2001:db8::1", "2001:db8::2", 50000 + i, 1812, m) : udp4(
        "10.0.0.1",
        "10.0.0.2",
        i % 2 ? [1812, 1813, 1645, 1646, 3799][i % 5]! : 50000 + i,
        i % 2 ? 50000 + i : [1812, 1813, 1645, 1646, 3799][i % 5]!,
        m,
      ),
    })),
    (() => {
      const d = udp4("10.0.0.1", "10.0.0.2", 50100, 1812, RADIUS[0]!);
      return { data: d.subarray(0, 70), wireLen: d.length };
    })(),
  ],
});

/** An L2TP AVP: mandatory/hidden flags, vendor, type, value. */
const avp = (type: number, v: Uint8Array | string | number[], flags = 0x8000, vendor = 0) => {
  const d = bytes(v);
  return bytes(u16(flags | (6 + d.length)), u16(vendor), u16(type), d);
};
/** An L2TP control message (T, L, S set) with tunnel/session ids, Ns/Nr and AVPs. */
const l2tpCtl = (
  tunnel: number,
  session: number,
  ns: number,
  nr: number,
  ...avps: Uint8Array[]
) => {
  const a = bytes(...avps);
  return bytes(u16(0xc802), u16(12 + a.length), u16(tunnel), u16(session), u16(ns), u16(nr), a);
};
const msg = (t: number) => avp(0, u16(t));
const L2TP: Uint8Array[] = [
  l2tpCtl(
    0,
    0,
    0,
    0,
    msg(1),
    avp(2, u16(0x0100)),
    avp(3, u32(3)),
    avp(4, u32(3)),
    avp(6, u16(0x0680)),
    avp(7, text("lac.example.com"), 0x8000),
    avp(8, text("xl2tpd"), 0),
    avp(9, u16(4321)),
    avp(10, u16(4)),
  ),
  l2tpCtl(
    4321,
    0,
    0,
    1,
    msg(2),
    avp(2, u16(0x0100)),
    avp(3, u32(1)),
    avp(4, u32(2)),
    avp(5, "0102030405060708"),
    avp(11, "a1a2a3a4a5a6a7a8"),
    avp(9, u16(1234)),
  ),
  l2tpCtl(1234, 0, 1, 1, msg(3), avp(13, "00112233445566778899aabbccddeeff")),
  bytes(u16(0xc802), u16(12), u16(4321), u16(0), u16(1), u16(2)), // ZLB ack
  l2tpCtl(1234, 0, 2, 2, msg(6)),
  l2tpCtl(
    1234,
    0,
    3,
    2,
    msg(10),
    avp(14, u16(77)),
    avp(15, u32(42)),
    avp(18, u32(2)),
    avp(22, text("5551234")),
    avp(21, text("5555678")),
    avp(23, text("sub")),
    avp(25, u32(9)),
  ),
  l2tpCtl(1234, 77, 2, 4, msg(11), avp(14, u16(88))),
  l2tpCtl(
    1234,
    77,
    4,
    3,
    msg(12),
    avp(24, u32(100000000)),
    avp(38, u32(54000000)),
    avp(19, u32(1)),
    avp(26, "0203040506"),
    avp(27, "0708"),
    avp(28, "090a"),
    avp(29, u16(2)),
    avp(30, text("alice")),
    avp(31, "c0c1c2"),
    avp(32, u16(0x1205)),
    avp(33, "d0d1d2d3"),
    avp(39, []),
  ),
  l2tpCtl(
    1234,
    77,
    5,
    4,
    msg(14),
    avp(1, bytes(u16(3))),
    avp(12, bytes(u16(16), 0x80, text("normal"))),
  ),
  l2tpCtl(
    1234,
    0,
    6,
    4,
    msg(4),
    avp(1, bytes(u16(2), u16(6), text("vendor error"))),
    avp(9, u16(4321)),
  ),
  l2tpCtl(1234, 0, 7, 4, msg(4), avp(1, bytes(u16(1), u16(0)))),
  l2tpCtl(
    1234,
    77,
    8,
    4,
    msg(15),
    avp(34, bytes(u16(0), u32(1), u32(2), u32(3), u32(4), u32(5), u32(6))),
  ),
  l2tpCtl(1234, 77, 9, 4, msg(16), avp(35, bytes(u16(0), u32(0xffffffff), u32(0x000a0000)))),
  l2tpCtl(
    1234,
    77,
    10,
    4,
    msg(7),
    avp(16, u32(9600)),
    avp(17, u32(64000)),
    avp(37, text("grp")),
    avp(36, "0011"),
    avp(20, u16(5)),
  ),
  l2tpCtl(1234, 77, 11, 4, msg(8), avp(46, bytes(u16(1), u16(0xc021), 1, text("peer gone")))),
  l2tpCtl(1234, 77, 12, 4, msg(9), avp(46, bytes(u16(1), u16(0xc021), 9))),
  l2tpCtl(
    1234,
    0,
    13,
    4,
    msg(99),
    avp(7, text("hidden"), 0xc000),
    avp(0x1234, "abcd"),
    avp(5, "0102", 0x8000, 311),
  ),
  l2tpCtl(
    1234,
    0,
    14,
    4,
    avp(0, [1]),
    avp(1, [1]),
    avp(2, [1]),
    avp(3, [1]),
    avp(5, [1]),
    avp(6, [1]),
    avp(12, [1, 2]),
    avp(13, [1]),
    avp(15, [1]),
    avp(29, [1]),
    avp(32, [1]),
    avp(34, [1]),
    avp(35, u16(0)),
    avp(46, [1, 2, 3, 4]),
  ), // too short
  l2tpCtl(1234, 0, 15, 4, avp(1, bytes(u16(1), 9))), // result code with a cut error code
  l2tpCtl(1234, 0, 16, 4, bytes(u16(0x8004), u16(0), u16(0))), // AVP length below 6
  l2tpCtl(1234, 0, 17, 4, bytes(u16(0x8040), u16(0), u16(7), text("x"))), // AVP past the message
  bytes(u16(0x4002), u16(18), u16(1234), u16(77), "ff03c021010100040000"), // data: PPP LCP
  bytes(u16(0x0002), u16(1234), u16(77), "ff030021", "4500001c00010000400100000a0000010a000002"), // data, no length
  bytes(u16(0x4a02), u16(20), u16(1234), u16(77), u16(3), u16(4), u16(2), "0000", "ff03c021"), // S and O
  bytes(u16(0x4102), u16(13), u16(1), u16(2), "ff030021", "45"), // priority
  bytes(u16(0xc002), u16(8), u16(1), u16(2)), // control message without Ns/Nr
  bytes(u16(0x8802), u16(1), u16(2), u16(3), u16(4)), // control message without a length
  bytes(u16(0xc802), u16(200), u16(1), u16(2), u16(3), u16(4)), // length past the datagram
  bytes(u16(0xc802), u16(6), u16(1), u16(2), u16(3), u16(4)), // length below the header
  bytes(u16(0x0001), u16(0), u16(0)), // L2F
  bytes(u16(0x0003), u16(0)), // unknown version
];
APP2_CASES.push({
  name: "l2tp",
  linkType: 101,
  packets: [
    ...L2TP.map((m, i) => ({
      data: i % 7 === 6
        ? udp6("2001:db8::1", "2001:db8::2", 1701, 1701, m)
        : udp4("192.0.2.1", "192.0.2.2", 1701, 1701, m),
    })),
    (() => {
      const d = udp4("192.0.2.1", "192.0.2.2", 1701, 1701, L2TP[0]!);
      return { data: d.subarray(0, 80), wireLen: d.length };
    })(),
  ],
});

/** An AH header (RFC 4302): next header, ICV (its length sets the payload length), SPI, seq. */
const ah = (nh: number, icv: string, spi: number, seq: number, reserved = 0) => {
  const i = Uint8Array.fromHex(icv);
  return bytes(nh, (12 + i.length) / 4 - 2, u16(reserved), u32(spi), u32(seq), i);
};
const ICV96 = "00112233445566778899aabb";
const ICV128 = "00112233445566778899aabbccddeeff";
/** The UDP, TCP or ICMPv6 segment (checksums unfixed: tcpdump checks them against the AH'd IP). */
const seg = (kind: number, i: number): Uint8Array => {
  switch (kind) {
    case 17:
      return bytes(u16(30000 + i), u16(9), u16(12), u16(0), "deadbeef");
    case 6:
      return bytes(u16(40000 + i), u16(22), u32(i), u32(0), 0x50, 0x02, u16(65535), u16(0), u16(0));
    case 1:
      return bytes(8, 0, u16(0), u16(i), u16(1));
    case 58:
      return bytes(128, 0, u16(0), u16(i), u16(1));
    case 50:
      return bytes(u32(0x2000 + i), u32(i), new Uint8Array(16));
    default:
      return bytes("0102030405060708");
  }
};
const AH_CASES: Uint8Array[] = [];
for (let i = 0; i < 24; i++) {
  const v6 = i % 3 === 2;
  const kinds = v6 ? [58, 17, 6, 50, 59, 99] : [17, 6, 1, 50, 99, 4];
  const kind = kinds[Math.floor(i / 3) % kinds.length]!;
  const icv = i % 4 === 3 ? ICV128 : i % 4 === 1 ? "" : ICV96;
  const inner = kind === 4
    ? bytes(ipv4("10.9.0.1", "10.9.0.2", 17, seg(17, i)))
    : kind === 59
    ? new Uint8Array(0)
    : seg(kind, i);
  const h = ah(kind, icv, 0x1000 + i * 17, i + 1, i === 5 ? 0xbeef : 0);
  AH_CASES.push(
    v6
      ? ipv6("2001:db8::1", "2001:db8::2", 51, bytes(h, inner))
      : ipv4("10.0.0.1", "10.0.0.2", 51, bytes(h, inner)),
  );
}
APP2_CASES.push({
  name: "ah",
  linkType: 101,
  packets: [
    ...AH_CASES.map((data) => ({ data })),
    { data: ipv4("10.0.0.1", "10.0.0.2", 51, bytes(17, 1, u16(0))) }, // header cut inside the SPI
    { data: ipv4("10.0.0.1", "10.0.0.2", 51, bytes(17, 20, u16(0), u32(1), u32(2), ICV96)) }, // ICV longer than the data
    {
      data: ipv4(
        "10.0.0.1",
        "10.0.0.2",
        51,
        bytes(51, 1, u16(0), u32(1), u32(2), ah(17, ICV96, 3, 4), seg(17, 0)),
      ),
    }, // AH in AH
    (() => {
      const d = ipv4("10.0.0.1", "10.0.0.2", 51, bytes(ah(6, ICV96, 9, 9), seg(6, 1)));
      return { data: d.subarray(0, 40), wireLen: d.length };
    })(),
  ],
});

/** A BER element: tag, contents (definite length, short or long form). */
const ber = (tag: number, ...parts: (Uint8Array | number | string)[]) => {
  const d = bytes(...parts);
  const len = d.length < 128
    ? bytes(d.length)
    : d.length < 256
    ? bytes(0x81, d.length)
    : bytes(0x82, u16(d.length));
  return bytes(tag, len, d);
};
const bint = (v: number) =>
  ber(
    0x02,
    v < 128
      ? bytes(v)
      : v < 32768
      ? u16(v)
      : bytes(0, u32(v)).subarray(v < 0x800000 ? 2 : v < 0x80000000 ? 1 : 0),
  );
const bstr = (s: string | Uint8Array) => ber(0x04, typeof s === "string" ? text(s) : s);
const bseq = (...p: Uint8Array[]) => ber(0x30, ...p);
const boid = (hex: string) => ber(0x06, hex);
const ENGINE = Uint8Array.fromHex("80001f8880b9b1b0d1f6b7a5e5");
/** SNMPv3 message: msgID, flags, USM (engine, boots, time, user, auth, priv), scoped PDU. */
const v3 = (o: {
  id?: number;
  flags?: number | Uint8Array;
  model?: number;
  user?: string;
  boots?: number;
  time?: number;
  auth?: Uint8Array;
  ctx?: string;
  pdu?: Uint8Array;
  usm?: Uint8Array;
  scoped?: Uint8Array;
}) =>
  bseq(
    bint(3),
    bseq(
      bint(o.id ?? 1234),
      bint(65507),
      bstr(o.flags instanceof Uint8Array ? o.flags : Uint8Array.of(o.flags ?? 4)),
      bint(o.model ?? 3),
    ),
    bstr(
      o.usm ??
        bseq(
          bstr(ENGINE),
          bint(o.boots ?? 1),
          bint(o.time ?? 2788),
          bstr(o.user ?? ""),
          bstr(o.auth ?? new Uint8Array(0)),
          bstr(new Uint8Array(0)),
        ),
    ),
    o.scoped ??
      bseq(
        bstr(ENGINE),
        bstr(o.ctx ?? ""),
        o.pdu ?? ber(0xa0, bint(0x20dd06a7), bint(0), bint(0), bseq()),
      ),
  );
const sysDescr = bseq(bseq(boid("2b06010201010100"), ber(0x05)));
const SNMP3: Uint8Array[] = [
  v3({
    flags: 4,
    user: "",
    scoped: bseq(bstr(new Uint8Array(0)), bstr(""), ber(0xa0, bint(1), bint(0), bint(0), bseq())),
  }), // discovery
  v3({
    flags: 0,
    user: "",
    pdu: ber(0xa8, bint(1), bint(0), bint(0), bseq(bseq(boid("2b0601060301010401"), ber(0x41, 1)))),
  }), // report
  v3({
    flags: 5,
    user: "admin",
    auth: new Uint8Array(12),
    pdu: ber(0xa0, bint(2), bint(0), bint(0), sysDescr),
  }), // authNoPriv get
  v3({
    flags: 1,
    user: "admin",
    auth: new Uint8Array(12),
    pdu: ber(
      0xa2,
      bint(2),
      bint(0),
      bint(0),
      bseq(bseq(boid("2b0601020101010000"), bstr("Linux box"))),
    ),
  }),
  v3({
    flags: 7,
    user: "secure",
    auth: new Uint8Array(12),
    scoped: ber(0x04, "0123456789abcdef0011"),
  }), // authPriv: encrypted scoped PDU
  v3({
    flags: 5,
    user: "admin",
    ctx: "vlan-10",
    pdu: ber(0xa1, bint(3), bint(0), bint(0), sysDescr),
  }), // getnext with a context
  v3({ flags: 4, user: "u", pdu: ber(0xa5, bint(4), bint(0), bint(10), sysDescr) }), // getbulk
  v3({
    flags: 4,
    user: "u",
    pdu: ber(
      0xa3,
      bint(5),
      bint(0),
      bint(0),
      bseq(bseq(boid("2b06010201010500"), bstr("newname"))),
    ),
  }), // set
  v3({
    flags: 4,
    user: "u",
    pdu: ber(0xa7, bint(6), bint(0), bint(0), bseq(bseq(boid("2b060102010103"), ber(0x43, 5)))),
  }), // v2 trap
  v3({ flags: 4, user: "u", pdu: ber(0xa6, bint(7), bint(0), bint(0), sysDescr) }), // inform
  v3({ flags: 4, user: "u", pdu: ber(0xa2, bint(8), bint(2), bint(1), sysDescr) }), // error status
  v3({ flags: 0, user: "u", boots: 70000, time: 123456789 }),
  v3({ flags: 2 }), // privacy without authentication: bad flags
  v3({ flags: 0x13 }),
  v3({ flags: Uint8Array.of(4, 4) }), // flags of two bytes
  v3({ model: 2 }), // another security model
  v3({ usm: bstr("notaseq") }), // security parameters that are not a sequence
  v3({ usm: bseq(bint(1)) }), // engine ID of the wrong type
  v3({ usm: bseq(bstr(ENGINE), bstr("x")) }), // boots of the wrong type
  v3({ scoped: bseq(bint(5)) }), // context engine ID of the wrong type
  v3({ scoped: bseq(bstr(ENGINE), bint(5)) }), // context name of the wrong type
  v3({ user: "caf\u00e9", pdu: ber(0xa0, bint(9), bint(0), bint(0), sysDescr) }), // unprintable user
  bseq(bint(3), bint(5)), // global data that is not a sequence
  bseq(bint(3), bseq(bstr("x"))), // msgID of the wrong type
];
APP2_CASES.push({
  name: "snmpv3",
  linkType: 101,
  packets: [
    ...SNMP3.map((m, i) => ({
      data: i % 5 === 4 ? udp6("2001:db8::1", "2001:db8::2", 40000 + i, 161, m) : udp4(
        "10.0.0.1",
        "10.0.0.2",
        i % 2 ? 161 : 40000 + i,
        i % 2 ? 40000 + i : i % 3 ? 161 : 162,
        m,
      ),
    })),
    (() => {
      const d = udp4("10.0.0.1", "10.0.0.2", 40100, 161, SNMP3[2]!);
      return { data: d.subarray(0, 75), wireLen: d.length };
    })(),
  ],
});

/** UDP 4500 (RFC 3948): NAT keep-alives and UDP-encapsulated ESP, over IPv4 and IPv6. */
const espBody = (spi: number, seq: number, n: number) =>
  bytes(u32(spi), u32(seq), new Uint8Array(n).map((_, i) => (i * 37 + seq) & 0xff));
APP2_CASES.push({
  name: "udp_encap_esp",
  linkType: 101,
  packets: [
    { data: udp4("192.0.2.1", "198.51.100.2", 4500, 4500, bytes(0xff)) }, // keep-alive
    { data: udp4("192.0.2.1", "198.51.100.2", 33000, 4500, bytes(0xff)) },
    { data: udp6("2001:db8::1", "2001:db8::2", 4500, 4500, bytes(0xff)) },
    { data: udp4("192.0.2.1", "198.51.100.2", 4500, 4500, bytes(0xfe)) }, // 1 byte, not 0xff
    { data: udp4("192.0.2.1", "198.51.100.2", 4500, 4500, bytes(0xff, 0xff)) }, // 2 bytes
    { data: udp4("192.0.2.1", "198.51.100.2", 4500, 4500, bytes(1, 2, 3)) }, // < 4
    { data: udp4("192.0.2.1", "198.51.100.2", 4500, 4500, new Uint8Array(0)) }, // empty
    ...Array.from({ length: 12 }, (_, i) => ({
      data: i % 3 === 2
        ? udp6("2001:db8::1", "2001:db8::2", 4500, 4500, espBody(0x1000 + i, i + 1, 8 + i * 13))
        : udp4(
          i % 2 ? "198.51.100.2" : "192.0.2.1",
          i % 2 ? "192.0.2.1" : "198.51.100.2",
          i % 2 ? 4500 : 40000 + i,
          4500,
          espBody(0xc0000000 + i * 0x01010101, 0xfffffff0 + i, 16 + i * 7),
        ),
    })),
    { data: udp4("192.0.2.1", "198.51.100.2", 4500, 4500, bytes(u32(0x1234), u32(7))) }, // no data
    { data: udp4("192.0.2.1", "198.51.100.2", 4500, 4500, bytes(u32(0x1234), u32(7), 0)) },
    (() => {
      const d = udp4("192.0.2.1", "198.51.100.2", 4500, 4500, espBody(0x55, 3, 40));
      return { data: d.subarray(0, 28 + 6), wireLen: d.length }; // cut inside the SPI/seq
    })(),
    (() => {
      const d = udp4("192.0.2.1", "198.51.100.2", 4500, 4500, bytes(0xff));
      return { data: d.subarray(0, 28), wireLen: d.length }; // keep-alive byte not captured
    })(),
  ],
});
