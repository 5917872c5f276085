// Golden corpus case for the BGP address families and attributes of provider networks:
// MP_REACH/MP_UNREACH for route target constraint (RFC 4684), multicast VPN (RFC 6514), MDT
// (RFC 6037), L2VPN/VPLS (RFC 4761/6074); the layer-2 info extended community, PMSI tunnel
// (RFC 6514), AIGP (RFC 7311) and ATTR_SET (RFC 6368) attributes; cut and malformed ones.

import { bytes, ip4, ip6, type Packet, tcp4, u16, u32 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const attr = (flags: number, type: number, v: Uint8Array) =>
  flags & 0x10 ? bytes(flags, type, u16(v.length), v) : bytes(flags, type, v.length, v);
const rd = (t: number) =>
  t === 0
    ? bytes(u16(0), u16(65001), u32(100))
    : t === 1
    ? bytes(u16(1), ip4("10.0.0.1"), u16(7))
    : bytes(u16(2), u32(4200000001), u16(9));
const reach = (afi: number, safi: number, nh: Uint8Array, nlri: Uint8Array) =>
  attr(0x90, 14, bytes(u16(afi), safi, nh.length, nh, 0, nlri));
const unreach = (afi: number, safi: number, nlri: Uint8Array) =>
  attr(0x90, 15, bytes(u16(afi), safi, nlri));
const rtc = (as: number, rt: Uint8Array, bits: number) =>
  bytes(32 + bits, u32(as), rt.subarray(0, Math.ceil(bits / 8)));
const mvpn = (type: number, body: Uint8Array) => bytes(type, body.length, body);
const sg = (src: string, grp: string) => bytes(32, ip4(src), 32, ip4(grp));
const l2ad = (t: number, nh: string) => bytes(u16(12), rd(t), ip4(nh));
const l2old = (ce: number, tlvs: Uint8Array) =>
  bytes(u16(15 + tlvs.length), rd(0), u16(ce), u16(0), 0x01, 0x86, 0xa1, tlvs);
const ext = (...c: Uint8Array[]) => attr(0xc0, 16, bytes(...c));
const pmsi = (flags: number, type: number, label: number, id: Uint8Array) =>
  attr(0xc0, 22, bytes(flags, type, label >> 12, (label >> 4) & 0xff, (label & 0xf) << 4, id));
const aigp = (...tlvs: Uint8Array[]) => attr(0x80, 26, bytes(...tlvs));

const nh4 = ip4("10.0.0.1");
const attrSets: Uint8Array[] = [
  // route target constraint
  reach(
    1,
    132,
    nh4,
    bytes(
      0,
      rtc(65001, bytes(u16(2), u16(65001), u32(100)), 64),
      rtc(65002, bytes(u16(1), ip4("10.9.9.9"), u16(3)), 64),
      rtc(65003, bytes(u16(0), u16(7)), 20),
    ),
  ),
  reach(1, 132, nh4, bytes(rtc(65001, bytes(u16(2), u16(1), u32(2)), 48), 16, 1, 2)),
  unreach(1, 132, bytes(rtc(65001, bytes(u16(2), u16(65001), u32(100)), 64), 0)),
  reach(1, 132, nh4, bytes(99, u32(1), new Uint8Array(9))),
  // multicast VPN
  reach(
    1,
    5,
    nh4,
    bytes(
      mvpn(1, bytes(rd(0), ip4("10.0.0.1"))),
      mvpn(2, bytes(rd(1), u32(65002))),
      mvpn(1, bytes(rd(2), ip6("2001:db8::1"))),
    ),
  ),
  reach(
    1,
    5,
    nh4,
    bytes(
      mvpn(3, bytes(rd(0), sg("10.1.1.1", "232.1.1.1"), ip4("10.0.0.1"))),
      mvpn(5, bytes(rd(0), sg("10.1.1.2", "232.1.1.2"))),
      mvpn(4, bytes(1, 2, 3, 4)),
    ),
  ),
  reach(
    1,
    5,
    nh4,
    bytes(
      mvpn(6, bytes(rd(0), u32(65001), sg("10.1.1.3", "239.1.1.1"))),
      mvpn(7, bytes(rd(1), u32(4200000001), bytes(0, 32, ip4("239.1.1.2")))),
      mvpn(9, bytes(7)),
    ),
  ),
  unreach(1, 5, bytes(mvpn(5, bytes(rd(0), sg("10.1.1.2", "232.1.1.2"))))),
  // MDT
  reach(
    1,
    66,
    nh4,
    bytes(
      128,
      rd(0),
      ip4("10.0.0.1"),
      ip4("239.192.0.1"),
      128,
      rd(1),
      ip4("10.0.0.2"),
      ip4("239.192.0.2"),
    ),
  ),
  reach(1, 66, nh4, bytes(96, rd(0), ip4("10.0.0.1"))),
  unreach(1, 66, bytes(128, rd(2), ip4("10.0.0.3"), ip4("239.192.0.3"))),
  // L2VPN and VPLS
  reach(25, 65, nh4, l2ad(0, "10.0.0.1")),
  reach(25, 65, nh4, bytes(l2old(7, bytes(1, u16(16), 0xff, 0x00, 0x80)))),
  reach(196, 128, nh4, bytes(l2old(8, bytes(9, u16(0), 2, u16(0))))),
  reach(196, 128, nh4, bytes(l2old(9, bytes()))),
  reach(196, 129, nh4, bytes(u16(14), new Uint8Array(14))),
  unreach(
    25,
    65,
    bytes(l2ad(1, "10.0.0.2"), l2old(10, bytes(1, u16(12), 0xab, 0xc0, 7, u16(40), 1))),
  ),
  reach(26, 65, nh4, l2ad(1, "10.0.0.2")),
  reach(196, 130, ip4("10.0.0.7"), l2ad(2, "10.0.0.3")),
  // extended communities: layer-2 info
  ext(
    bytes(0x80, 0x0a, 19, 0x03, u16(1500), u16(0)),
    bytes(0x80, 0x0a, 5, 0x00, u16(9000), u16(0)),
    bytes(0x80, 0x0a, 99, 0x01, u16(0), u16(0)),
  ),
  ext(...Array.from({ length: 26 }, (_, e) => bytes(0x80, 0x0a, e, 0, u16(1500), u16(0)))),
  // PMSI tunnels
  pmsi(1, 6, 16, ip4("10.0.0.1")),
  pmsi(0, 3, 0, bytes(ip4("10.0.0.1"), ip4("232.0.0.1"))),
  pmsi(0, 4, 100, bytes(ip4("10.0.0.2"), ip4("239.0.0.1"))),
  pmsi(0, 5, 101, bytes(ip4("10.0.0.3"), ip4("239.0.0.2"))),
  pmsi(1, 2, 102, bytes(ip4("10.0.0.4"), u32(0x1234))),
  pmsi(0, 7, 103, bytes(ip4("10.0.0.5"), u32(0x5678))),
  pmsi(0, 1, 104, bytes(ip4("10.0.0.6"), u32(9))),
  pmsi(0, 9, 105, bytes(1, 2, 3)),
  // AIGP
  aigp(bytes(1, u16(11), u32(0), u32(1000))),
  aigp(bytes(1, u16(11), u32(1), u32(2)), bytes(7, u16(5), 1, 2)),
  aigp(bytes(1, u16(2))),
  aigp(bytes(1, u16(7), u32(0))),
  // ATTR_SET with attributes inside
  attr(
    0xd0,
    128,
    bytes(
      u32(65001),
      attr(0x40, 1, bytes(0)),
      attr(0x40, 5, u32(100)),
      attr(0xc0, 8, u32(0xfde90064)),
      attr(0x90, 16, bytes(0, 2, u16(65001), u32(7))),
    ),
  ),
  attr(0xc0, 128, bytes(u32(4200000001), attr(0x40, 2, bytes(2, 1, u16(65001))))),
];

function update(a: Uint8Array, i: number): Uint8Array {
  const attrs = bytes(attr(0x40, 1, bytes(0)), a);
  const body = bytes(u16(0), u16(attrs.length), attrs);
  const m = bytes(new Uint8Array(16).fill(0xff), u16(19 + body.length), 2, body);
  return tcp4("192.0.2.1", "192.0.2.2", 179, 40000 + i, 0x18, m, 1000, 1);
}

const packets: Packet[] = attrSets.map((a, i) => ({ data: update(a, i) }));
// cut by the snapshot inside an MVPN route, an L2VPN TLV and a PMSI tunnel
for (const [k, cut] of [[5, 20], [12, 3], [19, 3]] as const) {
  const d = update(attrSets[k]!, 40 + k);
  packets.push({ data: d.subarray(0, d.length - cut), wireLen: d.length });
}

export const BGP2_CASES: Case[] = [{ name: "bgp_vpn", linkType: 228, packets }];
