// Golden corpus case for OSPFv3 (RFC 5340): hello, database description, LS request, update
// and ack over IPv6, with link-local signaling (RFC 5613) and authentication trailers (RFC 7166).

import { bytes, ip4, ip6, ipv6, u16, u32 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const rid = (n: number) => ip4(`${n}.${n}.${n}.${n}`);
const lsaHdr = (type: number, id: string, adv: number, len: number, age = 10) =>
  bytes(u16(age), u16(type), ip4(id), rid(adv), u32(0x80000001 + adv), u16(0), u16(len));
const prefix = (p: string, len: number, opt = 0, metric = 0) => {
  const words = Math.ceil(len / 32);
  return bytes(len, opt, u16(metric), ip6(p).subarray(0, words * 4));
};
function lsa(k: number): Uint8Array {
  let type: number, body: Uint8Array;
  switch (k % 8) {
    case 0:
      type = 0x2001;
      body = bytes(
        [0x01, 0x02, 0x04, 0x10, 0x00][k % 5]!,
        0,
        0,
        0x13,
        1,
        0,
        u16(10),
        u32(5),
        u32(6),
        rid(2),
        2,
        0,
        u16(1),
        u32(7),
        u32(8),
        rid(3),
        4,
        0,
        u16(3),
        u32(9),
        u32(10),
        rid(4),
      );
      break;
    case 1:
      type = 0x2002;
      body = bytes(u32(0x33), rid(1), rid(2), rid(3));
      break;
    case 2:
      type = 0x2003;
      body = bytes(u32(20), prefix("2001:db8:1::", 48, 0, 0));
      break;
    case 3:
      type = 0x4005;
      body = bytes(
        u32(0x07000000 | 30),
        prefix("2001:db8:2::", 64, 0x08, 1),
        ip6("2001:db8::99"),
        u32(0x01020304),
        u32(0x05060708),
      );
      break;
    case 4:
      type = 0x0008;
      body = bytes(
        1,
        0,
        0,
        0x13,
        ip6("fe80::1"),
        u32(2),
        prefix("2001:db8:3::", 64, 0x02),
        prefix("2001:db8:4:5::", 80, 0x11),
      );
      break;
    case 5:
      type = 0x2009;
      body = bytes(
        u16(3),
        u16(0x2001),
        u32(0),
        rid(1),
        prefix("2001:db8:5::", 64, 0, 10),
        prefix("::", 0, 0, 1),
        prefix("2001:db8::1", 128, 0x02, 0),
      );
      break;
    case 6:
      type = 0x2004;
      body = bytes(u32(0x13), u32(50), rid(9));
      break;
    default:
      type = 0xa00e;
      body = bytes(u32(0xdeadbeef), u16(1));
  }
  return bytes(lsaHdr(type, `0.0.0.${k}`, 1 + (k % 3), 20 + body.length), body);
}

function ospf6(i: number): Uint8Array {
  let type: number, body: Uint8Array, trailer: Uint8Array = new Uint8Array(0);
  const lls = i % 7 === 3, at = i % 9 === 4;
  const opts = 0x13 | (lls ? 0x200 : 0) | (at ? 0x400 : 0) | (i % 5 === 2 ? 0x124 : 0);
  switch (i % 6) {
    case 0:
    case 1:
      type = 1;
      body = bytes(
        u32(5 + i),
        1 + (i % 3),
        opts >> 16,
        opts >> 8,
        opts & 0xff,
        u16(10),
        u16(40),
        i % 2 ? rid(2) : u32(0),
        i % 4 === 1 ? rid(3) : u32(0),
        ...Array.from({ length: i % 3 }, (_, k) => rid(4 + k)),
      );
      break;
    case 2:
      type = 2;
      body = bytes(
        0,
        opts >> 16,
        opts >> 8,
        opts & 0xff,
        u16(1500),
        0,
        [0x07, 0x03, 0x01, 0x00, 0x10][i % 5]!,
        u32(0x1000 + i),
        ...Array.from({ length: i % 4 }, (_, k) => lsa(k + i).subarray(0, 20)),
      );
      break;
    case 3:
      type = 3;
      body = bytes(
        ...Array.from(
          { length: 1 + (i % 3) },
          (_, k) =>
            bytes(
              u16(0),
              u16([0x2001, 0x2009, 0x0008, 0x4005][k % 4]!),
              ip4(`0.0.0.${k}`),
              rid(1 + k),
            ),
        ),
      );
      break;
    case 4: {
      type = 4;
      const n = 1 + (i % 4);
      body = bytes(u32(n), ...Array.from({ length: n }, (_, k) => lsa(k + i)));
      break;
    }
    default:
      type = i % 12 === 11 ? 9 : 5;
      body = bytes(...Array.from({ length: 1 + (i % 3) }, (_, k) => lsa(k).subarray(0, 20)));
  }
  if (lls) trailer = bytes(u16(0xfff6), u16(12), u16(1), u16(4), u32(1));
  if (at) {
    trailer = bytes(
      trailer,
      u16(1),
      u16(16 + 32),
      u16(0),
      u16(7),
      u32(0),
      u32(i),
      new Uint8Array(32).fill(0x5a),
    );
  }
  const pkt = bytes(
    3,
    type,
    u16(16 + body.length),
    rid(1 + (i % 3)),
    i % 5 === 4 ? ip4("0.0.0.1") : u32(0),
    u16(0),
    i % 8 === 7 ? 2 : 0,
    0,
    body,
  );
  if (i === 47) pkt[2] = 0xff; // the length field says more than the IPv6 payload holds
  const ip = ipv6(
    `fe80::${1 + (i % 3)}`,
    i % 2 ? "ff02::5" : "ff02::6",
    89,
    bytes(pkt, trailer),
    1,
  );
  return i >= 40 && i < 47 ? ip.subarray(0, 40 + [8, 18, 26, 40, 52, 70, 90][i % 7]!) : ip;
}

export const OSPF6_CASES: Case[] = [
  {
    name: "ospf6",
    linkType: 101,
    packets: Array.from({ length: 48 }, (_, i) => ({ data: ospf6(i) })),
  },
];
