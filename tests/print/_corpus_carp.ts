// Golden corpus cases for tcpdump's -T packet types: CARP (OpenBSD's Common Address Redundancy
// Protocol on IP protocol 112, which tcpdump prints as VRRP unless given -T carp) with good and
// bad checksums, TTLs other than 255, other versions and types, cut headers; and UDP/TCP
// payloads printed as the -T type names them whatever the port (or not at all).

import { bytes, cksum, ipv4, tcp4, u16, u32, udp4, udp6 } from "./_build.ts";
import type { Case } from "./_golden.ts";
import type { Packet } from "./_build.ts";

/** A CARP header (carp.h): version/type, vhid, advskew, authlen, pad, advbase, cksum, counter, HMAC. */
function carp(
  vt: number,
  vhid: number,
  advskew: number,
  advbase: number,
  counter: [number, number],
  good = true,
): Uint8Array {
  const b = bytes(
    vt,
    vhid,
    advskew,
    7,
    0,
    advbase,
    u16(0),
    u32(counter[0]),
    u32(counter[1]),
    new Uint8Array(20),
  );
  const s = good ? cksum(b) : 0x1234;
  b[6] = s >> 8, b[7] = s & 0xff;
  return b;
}

const CARP: Packet[] = [
  ...Array.from({ length: 16 }, (_, i) => ({
    data: ipv4(
      `192.168.${i}.1`,
      "224.0.0.18",
      112,
      carp(0x21, 1 + i, i * 10, 1 + (i % 3), [i, 1000 + i * 7], i % 5 !== 4),
      { ttl: i % 6 === 5 ? 64 : 255 },
    ),
  })),
  { data: ipv4("192.168.20.1", "224.0.0.18", 112, carp(0x22, 9, 0, 1, [0, 1])) }, // type 2
  { data: ipv4("192.168.20.1", "224.0.0.18", 112, carp(0x31, 9, 0, 1, [0, 1])) }, // version 3
  { data: ipv4("192.168.20.1", "224.0.0.18", 112, carp(0x11, 9, 0, 1, [0, 1]), { ttl: 1 }) },
  { data: ipv4("192.168.20.1", "224.0.0.18", 112, carp(0x21, 9, 0, 1, [0xffffffff, 0xffffffff])) },
  {
    data: ipv4("192.168.20.1", "224.0.0.18", 112, carp(0x21, 9, 0, 1, [0, 1])).subarray(0, 30),
    wireLen: 56,
  },
  {
    data: ipv4("192.168.20.1", "224.0.0.18", 112, carp(0x21, 9, 0, 1, [0, 1])).subarray(0, 22),
    wireLen: 56,
  },
  { data: ipv4("192.168.20.1", "224.0.0.18", 112, new Uint8Array(0)) },
  // under -T carp, UDP prints nothing after "IP", TCP its header only
  { data: udp4("192.168.1.1", "192.168.1.2", 5000, 53, bytes("12340100000100000000000003777777")) },
  {
    data: tcp4(
      "192.168.1.1",
      "192.168.1.2",
      5000,
      80,
      0x18,
      new TextEncoder().encode("GET / HTTP/1.0\r\n\r\n"),
    ),
  },
];

/** A DNS query for "example.org" A. */
const DNS_QUERY = bytes("abcd01000001000000000000076578616d706c65036f72670000010001");

/** UDP and TCP payloads under -T: decoded whatever the port. */
const OTHER: Packet[] = [
  { data: udp4("10.4.0.1", "10.4.0.2", 40000, 40001, DNS_QUERY) },
  { data: udp6("2001:db8::1", "2001:db8::2", 40000, 40001, DNS_QUERY) },
  {
    data: tcp4("10.4.0.1", "10.4.0.2", 40000, 40001, 0x18, bytes(u16(DNS_QUERY.length), DNS_QUERY)),
  },
  { data: udp4("10.4.0.1", "10.4.0.2", 40000, 53, DNS_QUERY) },
  { data: udp4("10.4.0.1", "10.4.0.2", 40000, 2049, bytes(u32(1), u32(0), u32(2), u32(100003))) },
];

/** SNMP, TFTP and RADIUS payloads on ports that are not theirs. */
const SNMP_GET = bytes(
  "302602010104067075626c6963a019020101020100020100300e300c06082b060102010101000500",
);
const TFTP_RRQ = bytes(
  u16(1),
  new TextEncoder().encode("boot.img"),
  0,
  new TextEncoder().encode("octet"),
  0,
);
const RADIUS_REQ = bytes(1, 7, u16(20), "00112233445566778899aabbccddeeff");
const TYPED: Packet[] = [SNMP_GET, TFTP_RRQ, RADIUS_REQ].map((p, i) => ({
  data: udp4("10.4.0.1", "10.4.0.2", 41000 + i, 42000 + i, p),
}));

const sets = (type: string) => [["-T", type], ["-T", type, "-v"], ["-T", type, "-vv"]];

/** Sun RPC messages on ports that are not NFS's: portmapper calls, other calls, replies. */
const rpcCall = (xid: number, prog: number, vers: number, proc: number, ...args: Uint8Array[]) =>
  bytes(
    u32(xid),
    u32(0),
    u32(2),
    u32(prog),
    u32(vers),
    u32(proc),
    u32(0),
    u32(0),
    u32(0),
    u32(0),
    ...args,
  );
const pmap = (xid: number, proc: number, prog = 100003, vers = 3) =>
  rpcCall(xid, 100000, 2, proc, u32(prog), u32(vers), u32(17), u32(0));
const rpcReply = (xid: number, ...rest: Uint8Array[]) => bytes(u32(xid), u32(1), ...rest);
const RPC_MSGS: Uint8Array[] = [
  pmap(0x1001, 0),
  pmap(0x1002, 1),
  pmap(0x1003, 2, 100005, 1),
  pmap(0x1004, 3),
  pmap(0x1005, 4),
  pmap(0x1006, 5, 100021, 4),
  pmap(0x1007, 9),
  rpcCall(0xdeadbeef, 100003, 3, 1, u32(8), u32(1), u32(2)), // an NFS GETATTR, printed as a call
  bytes(u32(0x1008), u32(0), u32(3), u32(100000), u32(2), u32(3), u32(0), u32(0), u32(0), u32(0)),
  rpcReply(0x1004, u32(0), u32(0), u32(0), u32(0), u32(2049)), // accepted, getport's answer
  rpcReply(0x1009, u32(1), u32(0), u32(2), u32(2)), // denied: RPC version mismatch
  rpcReply(0x100a, u32(1), u32(1), u32(5)), // denied: auth error
  rpcReply(0x100b, u32(1), u32(7)),
  rpcReply(0x100c, u32(5)),
  rpcReply(0x100d, u32(0), u32(0), u32(0), u32(2)), // accepted, proc unavailable
  bytes(u32(0x100e), u32(2), u32(0)), // neither call nor reply
];
const RPC: Packet[] = [
  ...RPC_MSGS.map((m, i) => ({
    data: i % 4 === 3
      ? udp6("2001:db8::1", "2001:db8::2", 600 + i, 111, m)
      : udp4("10.5.0.1", "10.5.0.2", i < 9 ? 700 + i : 111, i < 9 ? 111 : 700 + i, m),
  })),
  // cut: inside the direction, the call header, the procedure, the reply status
  ...[4, 7, 20, 30, 10].map((n, k) => {
    const m = k === 4 ? RPC_MSGS[9]! : RPC_MSGS[3]!;
    const d = udp4("10.5.0.1", "10.5.0.2", 700, 111, m);
    return { data: d.subarray(0, 28 + n), wireLen: d.length };
  }),
  // TCP with RST: its data is printed at -v before -T is looked at, "!RST" when any is cut
  ...[[10, 0], [44, 0], [44, 20], [12, 4]].map(([n, cut]) => {
    const d = tcp4("10.5.0.1", "10.5.0.2", 800, 111, 0x14, pmap(0x2002, 3).subarray(0, n));
    return { data: d.subarray(0, d.length - cut!), wireLen: d.length };
  }),
  // TCP: -T rpc prints nothing after the TCP header
  { data: tcp4("10.5.0.1", "10.5.0.2", 800, 111, 0x18, bytes(u32(0x80000028), pmap(0x2001, 3))) },
];

export const CARP_CASES: Case[] = [
  { name: "carp", linkType: 101, packets: CARP, flags: [[], ...sets("carp")] },
  { name: "packet_type_domain", linkType: 101, packets: OTHER, flags: sets("domain") },
  // TFTP and RADIUS bytes read as SNMP show the BER reader's errors as tcpdump prints them
  { name: "packet_type_snmp", linkType: 101, packets: TYPED, flags: sets("snmp") },
  { name: "packet_type_rpc", linkType: 101, packets: [...RPC, ...OTHER], flags: sets("rpc") },
  ...["tftp", "radius"].map((t) => ({
    name: `packet_type_${t}`,
    linkType: 101,
    packets: TYPED,
    flags: sets(t),
  })),
];
