// Golden case for Broadcom's lawful-intercept shim (UDP source port 49152): each direction,
// packet type and subtype with an intercepted IPv4, IPv6 or Ethernet packet, the undecided type
// guessed from the first nibble (IPv4, IPv6, neither), types with no decoder, a datagram shorter
// than the shim, a BFD control packet from port 49152 (the shim wins, as in udp_print()), the
// port as destination only (plain UDP), and cut captures.

import { bytes, ether, tcp4, u32, udp4, udp6 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const shim = (dir: number, type: number, sub: number, id: number) =>
  u32(((dir << 29) | (type << 25) | (sub << 22) | (id & 0x3fffff)) >>> 0);
const inner4 = udp4(
  "192.0.2.1",
  "192.0.2.2",
  5000,
  53,
  bytes("12340100000100000000000003777777076578616d706c6503636f6d0000010001"),
);
const inner6 = udp6(
  "2001:db8::1",
  "2001:db8::2",
  40000,
  123,
  bytes(
    "e30004fa00010000000100000000000000000000000000000000000000000000000000000000000000000000000000000000",
  ),
);
const innerTcp = tcp4("198.51.100.7", "198.51.100.8", 443, 51000, 0x18, bytes("68656c6c6f"), 77);
const innerEth = ether(0x0800, inner4, "00:11:22:33:44:55", "66:77:88:99:aa:bb");
const bfd = bytes("20400318938c2e0b00000000000f4240000f42400000c350");
const bodies: [number, number, Uint8Array][] = [
  [49152, 49153, bytes(shim(3, 5, 3, 0x12345), inner4)],
  [49152, 49153, bytes(shim(2, 5, 1, 1), innerTcp)],
  [49152, 49153, bytes(shim(2, 6, 2, 0x3fffff), inner6)],
  [49152, 49153, bytes(shim(1, 7, 3, 42), innerEth)],
  [49152, 49153, bytes(shim(0, 4, 0, 7), inner4)],
  [49152, 49153, bytes(shim(4, 4, 4, 8), inner6)],
  [49152, 49153, bytes(shim(7, 4, 7, 9), bytes("0102030405"))],
  [49152, 49153, bytes(shim(5, 0, 5, 10), inner4)],
  [49152, 49153, bytes(shim(6, 15, 6, 11), inner4)],
  [49152, 49153, bytes(shim(3, 4, 3, 12))],
  [49152, 49153, bytes(shim(3, 5, 3, 13))],
  [49152, 49153, bytes(shim(3, 5, 3, 14), bytes("4500"))],
  [49152, 3784, bfd],
  [49152, 53, bytes(shim(3, 5, 3, 15), inner4)],
  [49152, 1589, bytes(shim(3, 5, 3, 15), inner4)],
  [49153, 49152, bytes(shim(3, 5, 3, 16), inner4)],
  [49152, 49152, bytes(shim(3, 6, 3, 17), inner6)],
  [49152, 40000, bytes("010203")],
  [49152, 40000, new Uint8Array(0)],
];
const packets: Packet[] = bodies.map(([s, d, b]) => ({
  data: ether(0x0800, udp4("10.181.0.1", "10.181.0.2", s, d, b)),
}));
packets.push({
  data: ether(
    0x86dd,
    udp6("fd00:181::1", "fd00:181::2", 49152, 8000, bytes(shim(2, 5, 1, 99), inner4)),
  ),
});
const w = packets[0]!.data;
for (const k of [43, 44, 46, 48, 50, 56, 62, 70, 80, 90]) {
  packets.push({ data: w.subarray(0, k), wireLen: w.length });
}
const e = packets[3]!.data;
for (const k of [52, 60, 70, 80]) packets.push({ data: e.subarray(0, k), wireLen: e.length });

export const BCM_LI_CASES: Case[] = [{ name: "bcm_li", linkType: 1, packets }];
