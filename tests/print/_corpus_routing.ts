// Golden corpus cases for the routing protocols a router speaks: VRRP, RIP/RIPng, OSPFv2.

import { bytes, ip4, ip6, ipv4, u16, u32, udp4, udp6 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const ascii = (s: string) => new TextEncoder().encode(s);

/** VRRP v2 (RFC 3768, with auth) and v3 (RFC 5798) advertisements. */
function vrrp(i: number): Uint8Array {
  const n = 1 + (i % 3);
  const addrs = Array.from({ length: n }, (_, k) => ip4(`192.0.2.${10 + k}`));
  const v3 = i % 4 === 3;
  const body = v3 ? bytes(0x31, 1 + i, 100 + i, n, u16(100), u16(0), ...addrs) : bytes(
    i % 7 === 6 ? 0x22 : 0x21,
    1 + i,
    [100, 255, 0, 150][i % 4]!,
    n,
    [0, 1, 2][i % 3]!,
    1,
    u16(0),
    ...addrs,
    ...(i % 3 === 1 ? [ascii("secret!!")] : [new Uint8Array(8)]),
  );
  const s = cksum(body);
  body[6] = s >> 8, body[7] = s & 0xff;
  if (i % 9 === 8) body[7]! ^= 0xff;
  return ipv4(`192.0.2.${1 + (i % 3)}`, "224.0.0.18", 112, body, { ttl: i % 5 === 4 ? 64 : 255 });
}
function cksum(b: Uint8Array): number {
  let s = 0;
  for (let i = 0; i + 1 < b.length; i += 2) s += (b[i]! << 8) | b[i + 1]!;
  if (b.length & 1) s += b[b.length - 1]! << 8;
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}
const vrrpPackets = Array.from({ length: 24 }, (_, i) => ({ data: vrrp(i) }));

/** RIPv1/v2 requests and responses (RFC 2453), v2 authentication, and RIPng (RFC 2080). */
function rip(i: number): Uint8Array {
  const v = i % 3 === 0 ? 1 : 2;
  const entry = (k: number) =>
    bytes(
      u16(2),
      u16(v === 2 ? k : 0),
      ip4(`10.${k}.0.0`),
      v === 2 ? ip4("255.255.0.0") : u32(0),
      v === 2 ? ip4(k % 2 ? "0.0.0.0" : "10.0.0.254") : u32(0),
      u32(1 + (k % 16)),
    );
  switch (i % 6) {
    case 0:
    case 1:
    case 2: {
      const n = 1 + (i % 4);
      return udp4(
        "10.0.0.1",
        v === 2 ? "224.0.0.9" : "10.0.0.255",
        520,
        520,
        bytes(2, v, u16(0), ...Array.from({ length: n }, (_, k) => entry(k + i))),
      );
    }
    case 3:
      return udp4(
        "10.0.0.2",
        "224.0.0.9",
        520,
        520,
        bytes(1, v, u16(0), u16(0), u16(0), u32(0), u32(0), u32(0), u32(16)),
      );
    case 4:
      return udp4(
        "10.0.0.1",
        "224.0.0.9",
        520,
        520,
        bytes(2, 2, u16(0), u16(0xffff), u16(2), ascii("password".padEnd(16, "\0")), entry(1)),
      );
    default: {
      const n = 1 + (Math.floor(i / 6) % 3);
      const rte = (k: number) => bytes(ip6(`2001:db8:${k}::`), u16(k), 48 + k, 1 + k);
      return udp6(
        "fe80::1",
        "ff02::9",
        521,
        521,
        bytes(
          Math.floor(i / 6) % 2 ? 2 : 1,
          1,
          u16(0),
          ...Array.from({ length: n }, (_, k) => rte(k)),
        ),
      );
    }
  }
}
/** RIPng as 4.99 checks it: versions other than 1, unknown commands, odd lengths, cut entries. */
const RIPNG_RTE = bytes(ip6("2001:db8:7::"), u16(7), 64, 1);
const ripngOdd = [
  bytes(1, 0, u16(0), RIPNG_RTE),
  bytes(2, 0, u16(0), RIPNG_RTE),
  bytes(2, 2, u16(0), RIPNG_RTE),
  bytes(1, 0, u16(0), new Uint8Array(16), u16(0), 0, 16),
  bytes(1, 1, u16(0), new Uint8Array(16), u16(0), 0, 16),
  bytes(3, 1, u16(0), RIPNG_RTE),
  bytes(2, 1, u16(0), RIPNG_RTE, RIPNG_RTE, ascii("xyz")),
  bytes(1, 1, u16(0), RIPNG_RTE, ascii("xyz")),
  bytes(2, 1),
  bytes(2, 1, u16(0)),
].map((p) => ({ data: udp6("fe80::1", "ff02::9", 521, 521, p) }));
const ripngCut = [[RIPNG_RTE, 10], [RIPNG_RTE, 1]].map(([rte, n]) => {
  const data = udp6("fe80::1", "ff02::9", 521, 521, bytes(2, 1, u16(0), rte as Uint8Array));
  return { data: data.subarray(0, 48 + 4 + (n as number)), wireLen: data.length };
});
const ripPackets = [
  ...Array.from({ length: 30 }, (_, i) => ({ data: rip(i) })),
  ...ripngOdd,
  ...ripngCut,
];

export const ROUTING_CASES: Case[] = [
  { name: "vrrp", linkType: 101, packets: vrrpPackets },
  { name: "rip", linkType: 101, packets: ripPackets },
];

/** An OSPFv2 packet (RFC 2328 appendix A.3) with a correct checksum. */
function ospf(
  type: number,
  router: string,
  area: string,
  body: Uint8Array,
  auth = 0,
  authData = new Uint8Array(8),
): Uint8Array {
  const p = bytes(
    2,
    type,
    u16(24 + body.length),
    ip4(router),
    ip4(area),
    u16(0),
    u16(auth),
    authData,
    body,
  );
  const s = cksum(p.subarray(0, 16).length ? bytes(p.subarray(0, 16), p.subarray(24)) : p);
  p[12] = s >> 8, p[13] = s & 0xff;
  return p;
}
/** An LSA header (RFC 2328 A.4.1) and body; the LSA checksum is left zero. */
const lsaHeader = (
  age: number,
  opts: number,
  type: number,
  id: string,
  adv: string,
  seq: number,
  len: number,
) => bytes(u16(age), opts, type, ip4(id), ip4(adv), u32(seq), u16(0), u16(len));
function lsa(i: number): Uint8Array {
  switch (i % 4) {
    case 0: { // router LSA, 2 links
      const links = bytes(
        ip4("10.0.0.0"),
        ip4("255.255.255.0"),
        3,
        0,
        u16(10),
        ip4("10.0.1.2"),
        ip4("10.0.1.1"),
        2,
        0,
        u16(1),
      );
      const body = bytes(i % 3 ? 0x01 : 0x02, 0, u16(2), links);
      return bytes(
        lsaHeader(1 + i, 0x22, 1, "1.1.1.1", "1.1.1.1", 0x80000001 + i, 20 + body.length),
        body,
      );
    }
    case 1: { // network LSA
      const body = bytes(ip4("255.255.255.0"), ip4("1.1.1.1"), ip4("2.2.2.2"));
      return bytes(
        lsaHeader(10, 0x22, 2, "10.0.1.1", "1.1.1.1", 0x80000002, 20 + body.length),
        body,
      );
    }
    case 2: { // summary LSA
      const body = bytes(ip4("255.255.0.0"), 0, 0, u16(20));
      return bytes(
        lsaHeader(100, 0x22, 3, "172.16.0.0", "2.2.2.2", 0x80000003, 20 + body.length),
        body,
      );
    }
    default: { // AS external LSA
      const body = bytes(ip4("255.255.255.0"), 0x80, 0, u16(20), ip4("0.0.0.0"), u32(0));
      return bytes(
        lsaHeader(3600, 0x20, 5, "192.168.50.0", "3.3.3.3", 0x80000004, 20 + body.length),
        body,
      );
    }
  }
}
function ospfPacket(i: number): Uint8Array {
  const router = `${1 + (i % 3)}.${1 + (i % 3)}.${1 + (i % 3)}.${1 + (i % 3)}`;
  const area = i % 5 === 4 ? "0.0.0.1" : "0.0.0.0";
  const auth = i % 7 === 6 ? 1 : 0;
  const authData = auth ? ascii("ospfpass") : new Uint8Array(8);
  let body: Uint8Array;
  let type: number;
  switch (i % 6) {
    case 0:
    case 1: {
      const neighbors = Array.from(
        { length: i % 3 },
        (_, k) => ip4(`${2 + k}.${2 + k}.${2 + k}.${2 + k}`),
      );
      type = 1;
      body = bytes(
        ip4("255.255.255.0"),
        u16(10),
        [0x02, 0x12, 0x42, 0x00][i % 4]!,
        1 + (i % 2),
        u32(40),
        ip4(i % 2 ? "10.0.1.1" : "0.0.0.0"),
        ip4(i % 4 === 1 ? "10.0.1.2" : "0.0.0.0"),
        ...neighbors,
      );
      break;
    }
    case 2:
      type = 2;
      body = bytes(
        u16(1500),
        0x42,
        [0x07, 0x03, 0x01, 0x00][i % 4]!,
        u32(0x1000 + i),
        ...Array.from({ length: i % 3 }, (_, k) => lsa(k).subarray(0, 20)),
      );
      break;
    case 3:
      type = 3;
      body = bytes(u32(1), ip4("1.1.1.1"), ip4("1.1.1.1"), u32(2), ip4("10.0.1.1"), ip4("1.1.1.1"));
      break;
    case 4: {
      type = 4;
      const n = 1 + (i % 4);
      body = bytes(u32(n), ...Array.from({ length: n }, (_, k) => lsa(k + i)));
      break;
    }
    default:
      type = 5;
      body = bytes(...Array.from({ length: 1 + (i % 3) }, (_, k) => lsa(k).subarray(0, 20)));
  }
  return ipv4(
    `10.0.1.${1 + (i % 3)}`,
    i % 2 ? "224.0.0.5" : "224.0.0.6",
    89,
    ospf(type, router, area, body, auth, authData),
    { ttl: 1, tos: 0xc0 },
  );
}
const ospfPackets = Array.from({ length: 36 }, (_, i) => ({ data: ospfPacket(i) }));
ROUTING_CASES.push({ name: "ospf", linkType: 101, packets: ospfPackets });
