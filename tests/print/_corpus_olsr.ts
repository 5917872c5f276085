// Golden corpus case for OLSR (RFC 3626, olsr.org LQ and name service extensions) on UDP 698
// over IPv4 and IPv6: hello, TC, MID, HNA, name service, LQ hello and TC.

import { bytes, ip4, ip6, u16, udp4, udp6 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const ascii = (s: string) => new TextEncoder().encode(s);

function msgs(i: number, v6: boolean): Uint8Array {
  const a = (n: number) => (v6 ? ip6(`2001:db8::${n}`) : ip4(`10.0.0.${n}`));
  const msg = (type: number, body: Uint8Array) =>
    bytes(
      type,
      0x5c + (i % 3),
      u16((v6 ? 24 : 12) + body.length),
      a(1),
      255 - i,
      i % 3,
      u16(0x100 + i),
      body,
    );
  switch (i % 7) {
    case 0:
      return msg(
        1,
        bytes(
          u16(0),
          0x86,
          3,
          0x06,
          0,
          u16(4 + 2 * (v6 ? 16 : 4)),
          a(2),
          a(3),
          0x01,
          0,
          u16(4 + (v6 ? 16 : 4)),
          a(4),
        ),
      );
    case 1:
      return msg(2, bytes(u16(7 + i), u16(0), a(2), a(3), a(4), a(5), a(6)));
    case 2:
      return msg(3, bytes(a(7), a(8)));
    case 3:
      return msg(
        4,
        v6
          ? bytes(ip6("2001:db8:1::"), ip6("ffff:ffff:ffff::"))
          : bytes(ip4("192.168.0.0"), ip4("255.255.255.0"), ip4("172.16.0.0"), ip4("255.240.0.0")),
      );
    case 4: {
      const name = ascii("node1.olsr");
      return msg(
        130,
        bytes(
          u16(1),
          u16(1),
          u16(0),
          u16(name.length),
          a(1),
          name,
          new Uint8Array((4 - (name.length % 4)) % 4),
        ),
      );
    }
    case 5:
      return msg(
        201,
        bytes(u16(0), 0x86, 3, 0x0a, 0, u16(4 + (v6 ? 20 : 8)), a(2), 200, 150, u16(0)),
      );
    default:
      return bytes(
        msg(202, bytes(u16(9), u16(0), a(3), 255, 128, u16(0))),
        msg(99, bytes(1, 2, 3, 4)),
      );
  }
}

const packets = Array.from({ length: 28 }, (_, i) => {
  const v6 = i % 4 === 3;
  const m = msgs(i, v6);
  const body = bytes(u16(4 + m.length), u16(0x2000 + i), m);
  const p = v6
    ? udp6("2001:db8::1", "ff02::1", 698, 698, body)
    : udp4("10.0.0.1", "10.0.0.255", 698, 698, body);
  return { data: i >= 24 ? p.subarray(0, (v6 ? 48 : 28) + 4 + 6 * (i - 22)) : p };
});

export const OLSR_CASES: Case[] = [{ name: "olsr", linkType: 101, packets }];
