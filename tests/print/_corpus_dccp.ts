// Golden cases for DCCP (tcpdump 4.99's print-dccp.c; RFC 4340) over IPv4 and IPv6: every
// packet type with 48-bit and 24-bit sequence numbers, service and reset codes, acknowledgement
// numbers, checksums over the whole packet and over a coverage (CsCov), correct and not, every
// option tcpdump names (features, cookies, ack vectors, timestamps, elapsed time, CCID options)
// and the malformed ones, then lengths too short for each type and cut captures.

import { bytes, cksum, ipv4, ipv6, type Packet, u16, u32 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const A = "10.8.0.1", B = "10.8.0.2";
/** A DCCP header: ports, type, X bit, sequence number, then `rest` (ack/service/...) and options. */
function dccp(
  type: number,
  seq: number,
  rest: Uint8Array,
  opts = bytes(),
  x = true,
  ccval = 0,
  cscov = 0,
) {
  const pad = (4 - opts.length % 4) % 4;
  const o = bytes(opts, new Uint8Array(pad));
  const base = x
    ? bytes(
      u16(5001),
      u16(6001),
      0,
      (ccval << 4) | cscov,
      u16(0),
      (type << 1) | 1,
      0,
      u16(Math.floor(seq / 2 ** 32)),
      u32(seq >>> 0),
    )
    : bytes(
      u16(5001),
      u16(6001),
      0,
      (ccval << 4) | cscov,
      u16(0),
      type << 1,
      (seq >> 16) & 0xff,
      u16(seq & 0xffff),
    );
  const h = bytes(base, rest, o);
  h[4] = h.length / 4;
  return h;
}
/** The segment with its checksum set over `cov` bytes (all when 0), inside IPv4 or IPv6. */
function wrap(seg: Uint8Array, v6 = false, good = true, payload = bytes()) {
  const s = bytes(seg, payload);
  const cov = (s[5]! & 15) === 0 ? s.length : Math.min(s.length, (s[4]! + (s[5]! & 15) - 1) * 4);
  const ip = v6 ? ipv6("2001:db8::8", "2001:db8::9", 33, s) : ipv4(A, B, 33, s);
  const hl = v6 ? 40 : 20;
  const addrs = v6 ? ip.subarray(8, 40) : ip.subarray(12, 20);
  const sum = good
    ? cksum(s.subarray(0, cov), ~cksum(bytes(addrs, 0, 33, u16(s.length))) & 0xffff)
    : 0x1234;
  ip[hl + 6] = sum >> 8, ip[hl + 7] = sum & 0xff;
  return ip;
}
const ack48 = (n: number) => bytes(u16(0), u16(Math.floor(n / 2 ** 32)), u32(n >>> 0));
const ack24 = (n: number) => bytes(0, (n >> 16) & 0xff, u16(n & 0xffff));
const OPTS = bytes(
  0, // nop
  1, // mandatory
  2, // slowreceiver
  32,
  4,
  1,
  2, // change_l ccid 2
  33,
  3,
  2, // confirm_l allow_short_seqno
  34,
  5,
  3,
  0,
  100, // change_r sequence_window
  35,
  3,
  12, // confirm_r of an unknown feature
  36,
  6,
  0xde,
  0xad,
  0xbe,
  0xef, // initcookie
  37,
  3,
  7, // ndp_count
  38,
  4,
  0x0f,
  0xf0, // ack_vector0
  39,
  3,
  0x3c, // ack_vector1
  40,
  4,
  1,
  2, // data_dropped
  41,
  6,
  u32(123456), // timestamp
  42,
  6,
  u32(123456), // timestamp_echo
  42,
  8,
  u32(7),
  u16(9),
  42,
  10,
  u32(7),
  u32(10),
  43,
  4,
  u16(5), // elapsed_time
  43,
  6,
  u32(6),
  44,
  6,
  u32(0xcafe0001), // data_checksum
  128,
  4,
  u16(77), // CCID options
  129,
  6,
  u32(88),
  130,
  2,
);
const PKTS: Uint8Array[] = [
  wrap(dccp(0, 1000, u32(42))),
  wrap(dccp(1, 5000, bytes(ack48(1000), u32(42)), bytes(32, 3, 1, 33, 3, 1))),
  wrap(dccp(2, 1001, bytes()), false, true, new TextEncoder().encode("data")),
  wrap(dccp(3, 1002, ack48(5000), bytes(38, 4, 0, 0, 41, 6, u32(1)))),
  wrap(dccp(4, 1003, ack48(5001)), false, true, new TextEncoder().encode("data and ack")),
  wrap(dccp(5, 5002, ack48(1003))),
  wrap(dccp(6, 1004, ack48(5002))),
  ...[0, 1, 5, 11, 12, 200].map((code) => wrap(dccp(7, 5003, bytes(ack48(1004), code, 1, 2, 3)))),
  wrap(dccp(8, 1005, ack48(5003))),
  wrap(dccp(9, 5004, ack48(1005))),
  wrap(dccp(10, 1006, ack48(5004))),
  wrap(dccp(15, 1006, ack48(5004))),
  wrap(dccp(3, 2 ** 47 + 5, ack48(2 ** 40 + 3), OPTS)),
  wrap(dccp(2, 0x123456, bytes(), bytes(), false)),
  wrap(dccp(3, 0x123456, ack24(0xabcdef), bytes(), false)),
  wrap(dccp(4, 0x123457, ack24(0xabcdf0), bytes(41, 6, u32(5)), false)),
  wrap(dccp(2, 1007, bytes(), bytes(), true, 5, 1), false, true, new Uint8Array(40)),
  wrap(dccp(2, 1008, bytes(), bytes(), true, 15, 15), false, true, new Uint8Array(8)),
  wrap(dccp(3, 1009, ack48(5005)), false, false),
  wrap(dccp(0, 1, u32(7)), true),
  wrap(dccp(1, 2, bytes(ack48(1), u32(7))), true, false),
  wrap(dccp(3, 3, ack48(2), bytes(44, 6, u32(1))), true),
  wrap(dccp(3, 1010, ack48(5006), bytes(32, 1))),
  wrap(dccp(3, 1011, ack48(5006), bytes(130, 1))),
  wrap(dccp(3, 1012, ack48(5006), bytes(41, 12, u32(1)))),
  wrap(dccp(3, 1013, ack48(5006), bytes(140, 30, u32(1)))),
  wrap(dccp(3, 1014, ack48(5006), bytes(32, 2, 41, 4, u16(1), 42, 5, 1, 2, 3, 43, 5, 1, 2, 3))),
];
const cut = (d: Uint8Array, n: number): Packet => ({ data: d.subarray(0, n), wireLen: d.length });
const short = (seg: Uint8Array, n: number) => ipv4(A, B, 33, seg.subarray(0, n));
const MALFORMED: Packet[] = [
  { data: short(dccp(0, 1, u32(1)), 8) },
  { data: short(dccp(0, 1, u32(1)), 14) },
  { data: short(dccp(0, 1, u32(1)), 18) },
  { data: short(dccp(1, 1, bytes(ack48(1), u32(1))), 24) },
  { data: short(dccp(3, 1, ack48(1)), 20) },
  { data: short(dccp(7, 1, bytes(ack48(1), 2, 0, 0, 0)), 26) },
  { data: short(dccp(3, 1, ack24(1), bytes(), false), 12) },
  cut(PKTS[0]!, 30),
  cut(PKTS[0]!, 34),
  cut(PKTS[1]!, 40),
  cut(PKTS[3]!, 44),
  cut(PKTS[15]!, 60),
  cut(PKTS[15]!, 90),
];

export const DCCP_CASES: Case[] = [{
  name: "dccp",
  linkType: 101,
  packets: [...PKTS.map((data) => ({ data })), ...MALFORMED],
  flags: [[], ["-v"], ["-vv"], ["-q"]],
}];
