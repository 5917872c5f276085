// Golden case for LSP ping (UDP 3503, MPLS echo request and reply, RFC 4379): each target FEC
// sub-TLV first in its stack (LDP, RSVP, VPN, L2 VPN endpoint, both pseudowire FECs, BGP; the
// sub-TLVs after the first read as print-lspping.c misreads them), wrong sub-TLV lengths,
// downstream mappings of each address type, BFD discriminator, vendor, pad, error code and
// unknown TLVs, return codes with and without subcodes, no receive timestamp, another version,
// TLVs and sub-TLVs longer than their parent, a message shorter than its header, and cut
// captures.

import { bytes, ether, ip4, ip6, u16, u32, udp4, udp6 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const hdr = (type: number, mode: number, rc: number, sub: number, rs = 0x11223344, ru = 0x5566) =>
  bytes(
    u16(1),
    u16(0),
    type,
    mode,
    rc,
    sub,
    u32(0xabcdef01),
    u32(7),
    u32(0xe8a1b2c3),
    u32(0x80000000),
    u32(rs),
    u32(ru),
  );
const pad = (v: Uint8Array) => bytes(v, new Uint8Array((4 - v.length % 4) % 4));
const tlv = (t: number, v: Uint8Array) => bytes(u16(t), u16(v.length), pad(v));
const sub = (t: number, v: Uint8Array) => bytes(u16(t), u16(v.length), pad(v));
const rd = bytes(u16(0), u16(65000), u32(7));
const SUBS = [
  sub(1, bytes(ip4("10.1.1.1"), 32)),
  sub(2, bytes(ip6("2001:db8::1"), 128)),
  sub(3, bytes(ip4("10.2.2.2"), u16(0), u16(5), ip4("10.3.3.3"), ip4("10.4.4.4"), u16(0), u16(9))),
  sub(
    4,
    bytes(
      ip6("2001:db8::2"),
      u16(0),
      u16(6),
      ip6("2001:db8::3"),
      ip6("2001:db8::4"),
      u16(0),
      u16(10),
    ),
  ),
  sub(6, bytes(rd, ip4("10.5.0.0"), 16)),
  sub(7, bytes(bytes(u16(1), ip4("1.2.3.4"), u16(9)), ip6("2001:db8:5::"), 48)),
  sub(8, bytes(bytes(u16(2), u32(65001), u16(3)), u16(1), u16(2), u16(5))),
  sub(9, bytes(ip4("10.6.6.6"), u32(100), u16(5))),
  sub(10, bytes(ip4("10.7.7.7"), ip4("10.8.8.8"), u32(200), u16(4))),
  sub(12, bytes(ip4("10.9.0.0"), 24)),
  sub(13, bytes(ip6("2001:db8:9::"), 48)),
  sub(16, bytes(0, 0, 0, 0)),
  sub(1, bytes(1, 2, 3)),
  sub(3, bytes(1, 2, 3, 4)),
];
const dsmap = (at: number, a: Uint8Array) =>
  tlv(2, bytes(u16(1500), at, 0, a, 0, 0, u16(0), u32(0x00010100)));
const msgs: Uint8Array[] = [];
for (const s of SUBS) msgs.push(bytes(hdr(1, 2, 0, 0), tlv(1, s)));
msgs.push(bytes(hdr(1, 2, 0, 0), tlv(1, bytes(SUBS[0]!, SUBS[2]!, SUBS[4]!))));
msgs.push(bytes(hdr(1, 2, 0, 0), tlv(1, bytes(SUBS[1]!, sub(1, bytes(ip4("10.1.1.1"), 32))))));
msgs.push(bytes(hdr(1, 2, 0, 0), tlv(1, bytes(u16(1), u16(40), ip4("10.1.1.1")))));
msgs.push(bytes(hdr(1, 2, 0, 0), tlv(1, bytes(u16(1)))));
msgs.push(bytes(hdr(2, 2, 3, 1, 0, 0), dsmap(1, bytes(ip4("10.0.0.2"), ip4("10.0.0.1")))));
msgs.push(bytes(hdr(2, 2, 4, 2), dsmap(2, bytes(ip4("10.0.0.2"), u32(7)))));
msgs.push(bytes(hdr(2, 2, 10, 3), dsmap(3, bytes(ip6("fd00::2"), ip6("fd00::1")))));
msgs.push(bytes(hdr(2, 2, 11, 4), dsmap(4, bytes(ip6("fd00::2"), u32(9)))));
msgs.push(bytes(hdr(2, 2, 12, 5), dsmap(9, bytes())));
msgs.push(bytes(hdr(2, 2, 0, 0), tlv(2, bytes(u16(1500), 1, 0, ip4("10.0.0.2")))));
msgs.push(bytes(hdr(2, 2, 0, 0), tlv(2, bytes(u16(1500)))));
msgs.push(bytes(hdr(2, 2, 0, 0), tlv(2, bytes(u16(1500), 9, 0, 1))));
msgs.push(
  bytes(
    hdr(2, 3, 8, 2),
    tlv(15, u32(0x1234)),
    tlv(5, u32(2636)),
    tlv(5, u32(99999)),
    tlv(3, bytes(1, 0, 0, 0)),
    tlv(9, bytes(1, 2)),
    tlv(7, u32(0x10)),
    tlv(10, bytes(0x20, 0, 0, 0)),
    tlv(0xfc00, bytes(1)),
    tlv(77, bytes()),
  ),
);
msgs.push(bytes(hdr(2, 4, 13, 0), tlv(15, bytes(1, 2)), tlv(5, bytes(1))));
for (const [rc, mode] of [[1, 1], [2, 4], [5, 0], [9, 7], [99, 9]]) {
  msgs.push(bytes(hdr(9, mode!, rc!, 3)));
}
msgs.push(bytes(hdr(1, 2, 0, 0, 5, 0)));
msgs.push(bytes(hdr(1, 2, 0, 0, 0, 5)));
msgs.push(bytes(u16(2), u16(0), hdr(1, 2, 0, 0).subarray(4)));
msgs.push(bytes(u16(1), u16(0), 1, 2, 0, 0));
msgs.push(bytes(hdr(1, 2, 0, 0), u16(1), u16(100)));
msgs.push(bytes(hdr(1, 2, 0, 0), u16(1)));
msgs.push(bytes(hdr(1, 2, 0, 0), u16(3), u16(5), 1, 2, 3, 4, 5));
const packets: Packet[] = msgs.map((m) => ({
  data: ether(0x0800, udp4("10.184.0.1", "10.184.0.2", 3503, 3503, m)),
}));
packets.push({
  data: ether(0x86dd, udp6("fd00:184::1", "fd00:184::2", 49152, 3503, msgs[1]!)),
});
const w = packets[2]!.data;
for (const k of [44, 50, 60, 74, 78, 80, 86, 90, 100]) {
  packets.push({ data: w.subarray(0, k), wireLen: w.length });
}

export const LSP_PING_CASES: Case[] = [{
  name: "lsp_ping",
  linkType: 1,
  packets,
  flags: [[], ["-v"], ["-vv"]],
}];
