// Golden corpus cases for the routing protocols a router speaks: VRRP, RIP/RIPng, OSPFv2.

import { bytes, ip4, ip6, ipv4, u16, u32, udp4, udp6 } from "./_build.ts";
import type { Case } from "./_golden.ts";
import { prng } from "../_prng.ts";

const r = prng(112);
const int = (n: number) => Math.floor(r() * n);
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
const ripPackets = Array.from({ length: 30 }, (_, i) => ({ data: rip(i) }));

export const ROUTING_CASES: Case[] = [
  { name: "vrrp", linkType: 101, packets: vrrpPackets },
  { name: "rip", linkType: 101, packets: ripPackets },
];
