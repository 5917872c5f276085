// Golden corpus case for EIGRP (RFC 7868) over IPv4: hello, update, query, reply with the
// parameter, software version, internal and external route TLVs.

import { bytes, cksum, ip4, ipv4, u16, u32 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const tlv = (type: number, v: Uint8Array) => bytes(u16(type), u16(4 + v.length), v);
const route = (p: string, len: number) => bytes(len, ip4(p).subarray(0, Math.ceil(len / 8)));
const metric = (i: number) =>
  bytes(
    u32(2560 * (i + 1)),
    u32(256000000 / (10000 + i)),
    0,
    0x05,
    0xdc,
    1 + (i % 3),
    255,
    1,
    0,
    0,
  );

function eigrp(i: number): Uint8Array {
  const opcode = [5, 1, 3, 4, 7, 6, 9][i % 7]!;
  const tlvs: Uint8Array[] = [];
  if (opcode === 5 || i % 5 === 0) {
    tlvs.push(tlv(1, bytes(1, 0, 1, 0, 0, 0, u16(15))), tlv(4, bytes(12, 4, 1, 2)));
  }
  if (opcode === 1 || opcode === 3 || opcode === 4) {
    tlvs.push(
      tlv(
        0x102,
        bytes(ip4(i % 2 ? "0.0.0.0" : "10.0.0.2"), metric(i), route(`10.${i}.0.0`, 16 + (i % 17))),
      ),
    );
    if (i % 3 === 0) {
      tlvs.push(
        tlv(
          0x103,
          bytes(
            ip4("0.0.0.0"),
            ip4("3.3.3.3"),
            u32(65000),
            u32(0x1234),
            u32(0),
            u16(0),
            1 + (i % 11),
            0x40,
            metric(i),
            route("192.168.0.0", 24),
          ),
        ),
      );
    }
    if (i % 4 === 1) tlvs.push(tlv(0x102, bytes(new Uint8Array(20), 40, 1, 2, 3, 4, 5)));
  }
  if (i % 6 === 2) {
    tlvs.push(
      tlv(2, bytes(u16(2), u16(16), new Uint8Array(16))),
      tlv(3, bytes(4, ip4("10.0.0.9"))),
    );
  }
  if (i % 8 === 7) tlvs.push(tlv(1, bytes(1, 2)));
  if (i % 7 === 5) {
    tlvs.push(
      tlv(0x204, bytes(u16(100), u16(110), u32(77))),
      tlv(0x202, bytes(i % 2 ? u32(0) : bytes(u16(100), u16(5)), metric(i), u16(100), u16(110))),
      tlv(
        0x203,
        bytes(
          u16(101),
          u16(6),
          u32(9),
          u32(65001),
          u32(0xab),
          2,
          0x80,
          u16(30),
          metric(i),
          u16(200),
          u16(210),
        ),
      ),
    );
  }
  const body = bytes(...tlvs);
  const hdr = bytes(
    i % 11 === 10 ? 3 : 2,
    opcode,
    u16(0),
    u32([0, 1, 2, 8, 9][i % 5]!),
    u32(i),
    u32(i % 2 ? i - 1 : 0),
    u16(0),
    u16(100),
  );
  const m = bytes(hdr, body);
  const s = cksum(m);
  m[2] = s >> 8, m[3] = s & 0xff;
  const pkt = ipv4("10.0.0.1", "224.0.0.10", 88, m, { ttl: 2, tos: 0xc0 });
  return i >= 28 ? pkt.subarray(0, 20 + [10, 24, 30, 44][i % 4]!) : pkt;
}

export const EIGRP_CASES: Case[] = [
  {
    name: "eigrp",
    linkType: 101,
    packets: Array.from({ length: 32 }, (_, i) => ({ data: eigrp(i) })),
  },
];
