// Golden corpus case for DVMRP, IGMP type 0x13 (mrouted's messages): probes with a generation id
// and neighbors, route reports with masks of each width and the last-route bit, both neighbor
// list formats with their flags and version, prunes with their timer, grafts and graft acks,
// the ask types, an unknown code, messages shorter than their parts, and cut captures; also the
// multicast traceroute query and response (types 0x1f and 0x1e) the same printer file holds.

import { bytes, cksum, ether, ipv4, u16, u32 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

/** An IGMP message of type 0x13: code, checksum, a 4-byte field (version), the body. */
const dvmrp = (code: number, body: Uint8Array, field = u32(0x00000303)) => {
  const m = bytes(0x13, code, u16(0), field, body);
  const s = cksum(m);
  m[2] = s >> 8, m[3] = s & 0xff;
  return m;
};
const ip = (m: Uint8Array): Packet => ({
  data: ether(0x0800, ipv4("10.120.0.1", "224.0.0.4", 2, m, { ttl: 1 })),
});
const a = (s: string) => Uint8Array.from(s.split(".").map(Number));

const MESSAGES = [
  dvmrp(1, bytes(u32(12345))),
  dvmrp(1, bytes(u32(7), a("10.120.0.2"), a("10.120.0.3"))),
  dvmrp(1, bytes(u32(7), "0a78")),
  dvmrp(1, bytes("0102")),
  dvmrp(2, bytes("ff0000", "0a", 0x82, "ffff00", "0a7800", 3, "c0a801", 0x80)),
  dvmrp(2, bytes("000000", 0x0a, 0x81, "ffffff", "0a780001", 0x84)),
  dvmrp(2, bytes("ff0000", "0a", 0x02)),
  dvmrp(2, bytes("ff")),
  dvmrp(3, new Uint8Array(0)),
  dvmrp(4, bytes(a("10.120.0.1"), 1, 2, 2, a("10.120.0.5"), a("10.120.0.6"))),
  dvmrp(4, bytes(a("10.120.0.1"), 1, 2, 2, a("10.120.0.5"))),
  dvmrp(4, bytes(a("10.120.0.1"), 1)),
  dvmrp(5, new Uint8Array(0)),
  dvmrp(6, bytes(a("10.120.0.1"), 3, 16, 0x73, 2, a("10.120.0.7"), a("10.120.0.8"))),
  dvmrp(6, bytes(a("10.120.0.1"), 3, 16, 0x00, 1, a("10.120.0.7")), u32(0x0000ff03)),
  dvmrp(6, bytes(a("10.120.0.1"), 3, 16, 0x01, 3, a("10.120.0.7"))),
  dvmrp(6, bytes(a("10.120.0.1"), 3, 16, 0x02, 1, "0a78")),
  dvmrp(6, bytes(a("10.120.0.1"), 3)),
  dvmrp(7, bytes(a("10.120.0.9"), a("239.1.2.3"), u32(7200))),
  dvmrp(7, bytes(a("10.120.0.9"), a("239.1.2.3"), u32(0))),
  dvmrp(8, bytes(a("10.120.0.9"), a("239.1.2.3"))),
  dvmrp(9, bytes(a("10.120.0.9"), a("239.1.2.3"))),
  dvmrp(10, bytes("0102030405")),
  dvmrp(200, new Uint8Array(0)),
];
const packets: Packet[] = MESSAGES.map(ip);
packets.push(
  {
    data: ether(
      0x0800,
      ipv4("10.120.0.1", "224.0.0.4", 2, bytes(0x13, 1, u16(0), 0, 0), { ttl: 1 }),
    ),
  },
);
/** An mtrace query or response: type, hops, checksum, group, then source, destination, reply. */
const mtrace = (type: number, reply: string, extra = new Uint8Array(0)) => {
  const m = bytes(
    type,
    5,
    u16(0),
    a("239.9.9.9"),
    a("10.120.0.1"),
    a("10.120.0.2"),
    a(reply),
    32,
    0x01,
    0x02,
    0x03,
    extra,
  );
  const s = cksum(m);
  m[2] = s >> 8, m[3] = s & 0xff;
  return m;
};
packets.push(
  ip(mtrace(0x1f, "10.120.0.3")),
  ip(mtrace(0x1f, "224.0.1.32")),
  ip(mtrace(0x1e, "10.120.0.3", new Uint8Array(28))),
  ip(mtrace(0x1e, "239.255.0.1")),
  ip(bytes(0x1f, 0, u16(0), u32(0), "0102030405")),
  ip(bytes(0x1e, 0, u16(0), u32(0))),
);
const whole = ip(MESSAGES[1]!).data;
for (const keep of [35, 36, 40, 42, 44, 46, 50, 54]) {
  packets.push({ data: whole.subarray(0, keep), wireLen: whole.length });
}

export const DVMRP_CASES: Case[] = [{ name: "dvmrp", linkType: 1, packets }];
