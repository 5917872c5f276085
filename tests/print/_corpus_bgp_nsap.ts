// Golden corpus case for BGP's NSAP address family (AFI 3) as print-bgp.c of tcpdump 4.99
// decodes it: MP_REACH next hops (a whole NSAP; after an RD for the VPN SAFIs, with the RFC 986
// and RFC 1888 mapped-address notes), unicast/multicast prefixes (tcpdump reads the address 4
// bytes after the length byte), labeled VPN prefixes, MP_UNREACH, bad lengths and cuts.

import { bytes, ip4, ip6, type Packet, tcp4, u16, u32 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const attr = (flags: number, type: number, v: Uint8Array) =>
  flags & 0x10 ? bytes(flags, type, u16(v.length), v) : bytes(flags, type, v.length, v);
const reach = (safi: number, nh: Uint8Array, nlri: Uint8Array) =>
  attr(0x90, 14, bytes(u16(3), safi, nh.length, nh, 0, nlri));
const unreach = (safi: number, nlri: Uint8Array) => attr(0x90, 15, bytes(u16(3), safi, nlri));
const rd = bytes(u16(0), u16(65001), u32(100));
const NSAP = bytes("49 0001 1921 6800 1001 00");
/** A plain NSAP prefix: the length, then (as tcpdump reads it) three bytes, then the address. */
const prefix = (bits: number, addr = NSAP) =>
  bytes(bits, 0, 0, 0, addr.subarray(0, (bits + 7) >> 3));
const vpnPrefix = (bits: number, label: number, bottom = true, addr = NSAP) =>
  bytes(
    88 + bits,
    label >> 12,
    (label >> 4) & 0xff,
    ((label & 0xf) << 4) | (bottom ? 1 : 0),
    rd,
    addr.subarray(0, (bits + 7) >> 3),
  );

const attrSets: Uint8Array[] = [
  reach(1, NSAP, prefix(56)),
  reach(1, bytes("47 0005 80ff f800 0000 0000 0102 0304 0506 00"), prefix(52)),
  reach(2, NSAP, bytes(prefix(24), prefix(8), prefix(0))),
  reach(3, NSAP.subarray(0, 3), prefix(72)),
  reach(1, new Uint8Array(21), prefix(8)),
  reach(1, NSAP, prefix(153)),
  reach(128, bytes(rd, NSAP), vpnPrefix(56, 1000)),
  reach(128, bytes(rd, "47 0006 01", ip4("10.1.2.3")), vpnPrefix(40, 17, false)),
  reach(129, bytes(rd, "35 0000", ip6("2001:db8::9")), vpnPrefix(24, 5)),
  reach(130, bytes(rd), vpnPrefix(8, 1)),
  reach(128, bytes(rd, NSAP), bytes(vpnPrefix(56, 1000), vpnPrefix(4, 2))),
  reach(128, bytes(rd, NSAP), bytes(80)),
  reach(128, bytes(rd, NSAP), bytes(88 + 160, 0, 0, 1)),
  unreach(1, prefix(56)),
  unreach(2, bytes(prefix(16), prefix(33))),
  unreach(128, vpnPrefix(56, 3)),
  unreach(1, new Uint8Array(0)),
  attr(0x90, 14, bytes(u16(3), 1, 0, 0, prefix(8))),
  reach(1, NSAP, bytes(prefix(56), prefix(24))),
  reach(2, bytes("39 8401 0f"), prefix(40, bytes("39 8401 0f00 11"))),
];

function update(a: Uint8Array, i: number): Uint8Array {
  const attrs = bytes(attr(0x40, 1, bytes(0)), a);
  const body = bytes(u16(0), u16(attrs.length), attrs);
  const m = bytes(new Uint8Array(16).fill(0xff), u16(19 + body.length), 2, body);
  return tcp4("192.0.2.1", "192.0.2.2", 179, 41000 + i, 0x18, m, 1000, 1);
}

const packets: Packet[] = attrSets.map((a, i) => ({ data: update(a, i) }));
// cut by the snapshot inside a next hop, a plain prefix and a VPN prefix
for (const [k, cut] of [[0, 20], [2, 2], [6, 3]] as const) {
  const d = update(attrSets[k]!, 60 + k);
  packets.push({ data: d.subarray(0, d.length - cut), wireLen: d.length });
}

export const BGP_NSAP_CASES: Case[] = [{ name: "bgp_nsap", linkType: 228, packets }];
