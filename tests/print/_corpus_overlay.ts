// Golden corpus case for two overlays on UDP: OTV (port 8472, draft-hasmit-otv-04) and VXLAN-GPE
// (port 4790, draft-ietf-nvo3-vxlan-gpe): every flag byte that matters, each next protocol of
// VXLAN-GPE (IPv4, IPv6, Ethernet, NSH, unknown), OAM and BUM packets, another version, headers
// shorter than 8 bytes, and captures cut inside the header and the inner frame.

import { bytes, ether, ipv6, u32, udp4, udp6 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const INNER_IP = udp4("192.0.2.1", "192.0.2.2", 4000, 53, new Uint8Array(12));
const INNER_IP6 = udp6("2001:db8::1", "2001:db8::2", 4000, 123, new Uint8Array(48));
const INNER_ETHER = ether(0x0800, INNER_IP);
/** An NSH base header (MD type 2, no metadata) carrying IPv4. */
const INNER_NSH = bytes("0fc20201", u32(0x00002aff), INNER_IP);

const udp = (dport: number, payload: Uint8Array, sport = 40000): Packet => ({
  data: ether(0x0800, udp4("10.30.0.1", "10.30.0.2", sport, dport, payload)),
});

const packets: Packet[] = [];
// OTV: the I flag or not, reserved bits, overlay and instance ids, then the Ethernet frame
for (const flags of [0x08, 0x00, 0x88, 0xff]) {
  packets.push(udp(8472, bytes(flags, 0x00, 0x01, 0x02, 0x00, 0x10, 0x20, 0x00, INNER_ETHER)));
}
packets.push(udp(8472, bytes(0x08, 0, 0, 5, 0, 0, 7, 0, INNER_ETHER), 8472));
for (const n of [0, 3, 7]) packets.push(udp(8472, new Uint8Array(n).fill(8, 0, 1)));
// VXLAN-GPE: next protocol by the P flag, each payload, OAM and BUM, version and I flag
const gpe = (flags: number, next: number, payload: Uint8Array, vni = 0x123456) =>
  bytes(flags, 0, 0, next, vni >> 16, (vni >> 8) & 0xff, vni & 0xff, 0, payload);
packets.push(
  udp(4790, gpe(0x0c, 1, INNER_IP)),
  udp(4790, gpe(0x0c, 2, INNER_IP6)),
  udp(4790, gpe(0x0c, 3, INNER_ETHER)),
  udp(4790, gpe(0x0c, 4, INNER_NSH)),
  udp(4790, gpe(0x0c, 9, INNER_IP)),
  udp(4790, gpe(0x08, 1, INNER_ETHER)), // no P: Ethernet whatever the field says
  udp(4790, gpe(0x04, 1, INNER_IP)), // no I
  udp(4790, gpe(0x0e, 1, INNER_IP)), // BUM
  udp(4790, gpe(0x0d, 2, INNER_IP6)), // OAM
  udp(4790, gpe(0x0f, 4, INNER_NSH)),
  udp(4790, gpe(0x1c, 1, INNER_IP)), // version 1
  udp(4790, gpe(0xcc, 1, INNER_IP)), // the two reserved bits
  udp(4790, gpe(0x0c, 0, INNER_IP)),
  udp(4790, gpe(0x0c, 1, INNER_IP), 4790),
);
for (const n of [0, 1, 7]) packets.push(udp(4790, new Uint8Array(n).fill(0x0c, 0, 1)));
// over IPv6, and against VXLAN's port (tried first)
packets.push({
  data: ether(
    0x86dd,
    ipv6("2001:db8::a", "2001:db8::b", 17, udp6Segment(gpe(0x0c, 1, INNER_IP))),
  ),
});
packets.push(udp(4789, gpe(0x0c, 1, INNER_IP), 4790), udp(4790, gpe(0x08, 3, INNER_ETHER), 4789));
// cut inside the headers and the inner frames
const whole = [
  udp(8472, bytes(0x08, 0, 0, 1, 0, 0, 2, 0, INNER_ETHER)),
  udp(4790, gpe(0x0c, 1, INNER_IP)),
];
for (const p of whole) {
  for (const keep of [43, 46, 49, 50, 58, 64, 70]) {
    packets.push({ data: p.data.subarray(0, keep), wireLen: p.data.length });
  }
}

/** A UDP header (checksum 0) in front of `payload`, for the IPv6 packet built by hand. */
function udp6Segment(payload: Uint8Array): Uint8Array {
  const len = 8 + payload.length;
  return bytes(0x9c, 0x40, 0x12, 0xb6, len >> 8, len & 0xff, 0, 0, payload);
}

export const OVERLAY_CASES: Case[] = [{ name: "overlay", linkType: 1, packets }];
