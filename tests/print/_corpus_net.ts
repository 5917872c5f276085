// Golden corpus cases for the routing and layer-2 protocols added after the first series: IPX
// (Ethernet II, 802.2, SNAP and Novell raw 802.3), and the routing protocols of later files.

import { bytes, ether, ip4, llc, mac, u16, u32, udp4 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const ascii = (s: string) => new TextEncoder().encode(s);
const A = "02:00:00:00:00:01", B = "02:00:00:00:00:02";

/** An IPX header (30 bytes, Novell's IPX spec) and payload; `len` overrides the length field. */
function ipx(
  dstSkt: number,
  srcSkt: number,
  payload: Uint8Array,
  len = 30 + payload.length,
): Uint8Array {
  return bytes(
    u16(0xffff),
    u16(len),
    0,
    4,
    u32(0x1234),
    mac("00:00:00:00:00:01"),
    u16(dstSkt),
    u32(0xabcd0001),
    mac("00:60:08:9a:bc:de"),
    u16(srcSkt),
    payload,
  );
}
const sapEntry = (type: number, name: string) =>
  bytes(
    u16(type),
    ascii(name.padEnd(48, "\0")),
    u32(0xabcd),
    mac("00:60:08:00:00:01"),
    u16(0x451),
    u16(1),
  );

function ipxPayload(i: number): Uint8Array {
  switch (i % 12) {
    case 0:
      return ipx(0x451, 0x4003, bytes(u16(0x1111), 1, 2, 3, 4));
    case 1:
      return ipx(0x452, 0x452, bytes(u16(1), u16([4, 7, 0x278, 0x1234][i % 4]!)));
    case 2:
      return ipx(0x452, 0x452, bytes(u16(2), sapEntry(4, "FS1"), sapEntry(0x278, "TREE")));
    case 3:
      return ipx(0x452, 0x452, bytes(u16(4), sapEntry(7, "PRINTQ")));
    case 4:
      return ipx(0x453, 0x453, bytes(u16(1), u32(0xffffffff), u16(0xffff), u16(0xffff)));
    case 5:
      return ipx(
        0x453,
        0x453,
        bytes(
          u16(2),
          ...Array.from(
            { length: 1 + (i % 3) },
            (_, k) => bytes(u32(0x10 + k), u16(k + 1), u16(2 * k + 1)),
          ),
        ),
      );
    case 6:
      return ipx(0x455, 0x455, new Uint8Array(20));
    case 7:
      return ipx(0x456, 0x456, new Uint8Array(6));
    case 8:
      return ipx(0x553, 0x553, new Uint8Array(10));
    case 9:
      return ipx(0x4000 + i, 0x4001, new Uint8Array(8));
    case 10:
      return ipx(0x453, 0x453, bytes(u16(3)), 20);
    default:
      return ipx(0x452, 0x452, bytes(u16(9)));
  }
}
function ipxFrame(i: number): Uint8Array {
  let p = ipxPayload(i);
  if (i >= 36) p = p.subarray(0, [4, 12, 20, 29, 33][i % 5]!);
  switch (i % 4) {
    case 0:
      return ether(0x8137, p, B, A);
    case 1:
      return llc(0xe0, 0xe0, 0x03, p, B, A);
    case 2:
      return llc(0xaa, 0xaa, 0x03, bytes(0, 0, 0, u16(0x8137), p), B, A);
    default: // Novell raw 802.3: the IPX checksum 0xffff right after the length
      return bytes(mac(B), mac(A), u16(p.length), p);
  }
}
/** Length fields shorter than what they announce: tcpdump's " [length < n]" checks. */
const ipxShort = [
  ipx(0x452, 0x452, bytes(u16(2), sapEntry(4, "FS1")), 30 + 2 + 2 + 20),
  ipx(0x452, 0x452, bytes(u16(2), sapEntry(4, "FS1")), 30 + 2 + 2 + 48 + 6),
  ipx(0x453, 0x453, bytes(u16(1), u32(1), u16(1), u16(1)), 30 + 6),
  ipx(0x453, 0x453, bytes(u16(2), u32(1), u16(1), u16(1)), 30 + 1),
  ipx(0x452, 0x452, bytes(u16(1), u16(4)), 30 + 1),
  ipx(0x452, 0x452, bytes(u16(2), sapEntry(4, "FS1")), 30 + 2 + 2 + 48 + 10 + 2),
].map((p) => ({ data: ether(0x8137, p, B, A) }));
const ipxPackets = [...Array.from({ length: 44 }, (_, i) => ({ data: ipxFrame(i) })), ...ipxShort];

export const NET_CASES: Case[] = [
  { name: "ipx", linkType: 1, packets: ipxPackets, link: true },
];

/** BFD control packets (RFC 5880) v1 and v0, with each authentication type, echo and others. */
function bfd(i: number): Uint8Array {
  const v = i % 11 === 10 ? 0 : i % 13 === 12 ? 2 : 1;
  const state = i % 4, flags = [0x00, 0x20, 0x10, 0x08, 0x02, 0x01, 0x3f][i % 7]!;
  const auth = i % 5 === 1 ? [1, 2, 3, 4, 5, 7][(i >> 1) % 6]! : 0;
  const authSection = auth === 1
    ? bytes(1, i % 3 ? 3 + 6 : 2, 5, ascii("secret"))
    : auth === 2 || auth === 3
    ? bytes(auth, i % 7 === 6 ? 20 : 24, 1, 0, u32(0x1000 + i), new Uint8Array(16).fill(0xab))
    : auth === 4 || auth === 5
    ? bytes(auth, 28, 2, 0, u32(0x2000 + i), new Uint8Array(20).fill(0xcd))
    : auth
    ? bytes(auth, 8, 1, 0, u32(0))
    : new Uint8Array(0);
  const body = bytes(
    (v << 5) | (i % 10),
    (state << 6) | (flags & 0x3f) | (auth ? 0x04 : 0),
    3 + (i % 3),
    24 + authSection.length,
    u32(0x10000 + i),
    u32(i % 3 ? 0x20000 + i : 0),
    u32(300000 * (1 + (i % 3))),
    u32(1000000),
    u32(i % 2 ? 0 : 50000),
    authSection,
  );
  const ports = [3784, 3784, 4784, 3785, 6784, 3784][i % 6]!;
  let pkt = udp4("10.0.0.1", "10.0.0.2", 50000 + i, ports, body, { ttl: 255 });
  if (i >= 28) pkt = pkt.subarray(0, 28 + [4, 12, 24, 27, 40][i % 5]!);
  return pkt;
}
/** BFD ports on the source side only: tcpdump picks BFD by the destination port alone. */
const bfdSourceOnly = [3784, 4784, 6784, 3785, 3784].map((sport, i) => ({
  data: udp4("10.0.0.2", "10.0.0.1", sport, i === 4 ? 4784 : 49152 + i, bfd(i).subarray(28), {
    ttl: 255,
  }),
}));
const bfdPackets = [...Array.from({ length: 34 }, (_, i) => ({ data: bfd(i) })), ...bfdSourceOnly];

/** HSRP v0 (RFC 2281) hellos, coups and resigns in every state; other versions; cuts. */
function hsrp(i: number): Uint8Array {
  const version = i % 9 === 8 ? 1 : 0;
  const body = bytes(
    version,
    i % 4,
    [0, 1, 2, 4, 8, 16, 3][i % 7]!,
    3 + (i % 2),
    10,
    100 + i,
    i % 5,
    i % 6 === 5 ? 7 : 0,
    ascii(i % 3 ? "cisco\0\0\0" : "ABCDEFGH"),
    ip4(`192.168.0.${254 - (i % 3)}`),
  );
  const pkt = udp4(`192.168.0.${2 + (i % 2)}`, "224.0.0.2", 1985, 1985, body, { ttl: 1 });
  return i >= 22 ? pkt.subarray(0, 28 + [0, 1, 8, 12, 18][i % 5]!) : pkt;
}
const hsrpPackets = Array.from({ length: 27 }, (_, i) => ({ data: hsrp(i) }));

NET_CASES.push(
  { name: "bfd", linkType: 101, packets: bfdPackets },
  { name: "hsrp", linkType: 101, packets: hsrpPackets },
);
