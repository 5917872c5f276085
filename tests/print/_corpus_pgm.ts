// Golden corpus case for PGM, IP protocol 113 (RFC 3208): every packet type (SPM, POLL, POLR,
// ODATA, RDATA, NAK, NNAK, NCF, both ACK codes, SPMR, unknown) over IPv4 and IPv6, network-layer
// addresses of both families and an unknown one, each option tcpdump decodes and the malformed
// ones it reports, an option list without its OPT_LENGTH, and packets cut inside each part.

import { bytes, ether, ip6, ipv4, ipv6, u16, u32 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const hdr = (type: number, opts: number, tsdu: number) =>
  bytes(u16(1000), u16(2000), type, opts, u16(0), "010203040506", u16(tsdu));
const v4 = (body: Uint8Array): Packet => ({
  data: ether(0x0800, ipv4("10.130.0.1", "239.1.2.3", 113, body)),
});
const v6 = (body: Uint8Array): Packet => ({
  data: ether(0x86dd, ipv6("2001:db8::1", "ff0e::1", 113, body)),
});
const A4 = bytes(u16(1), u16(0), "0a820001");
const A6 = bytes(u16(2), u16(0), ip6("2001:db8::2"));
/** An option: type (with the end bit on the last), length, the bytes after the 2-byte header. */
const opt = (type: number, rest: Uint8Array) => bytes(type, 2 + rest.length, rest);
const opts = (...list: Uint8Array[]) => {
  const body = bytes(...list);
  return bytes(0x00, 4, u16(4 + body.length), body);
};

const BODIES = [
  bytes(hdr(0, 0, 0), u32(1), u32(2), u32(3), A4),
  bytes(hdr(0, 0, 0), u32(1), u32(2), u32(3), A6),
  bytes(hdr(0, 0, 0), u32(1), u32(2), u32(3), u16(9), u16(0), "0a820001"),
  bytes(hdr(1, 0, 0), u32(4), u16(5), u16(0), A4, u32(6), u32(0xdeadbeef), u32(0xff00ff00)),
  bytes(hdr(2, 0, 0), u32(7), u16(8), u16(0)),
  bytes(hdr(4, 0, 5), u32(9), u32(10), "68656c6c6f"),
  bytes(hdr(5, 0, 5), u32(11), u32(12), "776f726c64"),
  bytes(hdr(8, 0, 0), u32(13), A4, A4),
  bytes(hdr(9, 0, 0), u32(14), A6, A6),
  bytes(hdr(10, 0, 0), u32(15), A4, bytes(u16(0), u16(1), "0a820002")),
  bytes(hdr(11, 0, 0), u32(16), u32(0xffffffff)),
  bytes(hdr(13, 0, 0), u32(17), u32(1)),
  bytes(hdr(12, 0, 0)),
  bytes(hdr(0x42, 0, 0), "01020304"),
  bytes(
    hdr(4, 1, 5),
    u32(9),
    u32(10),
    opts(opt(0x81, bytes(0, 0, u32(1), u32(2), u32(3)))),
    "68656c6c6f",
  ),
  bytes(
    hdr(4, 1, 0),
    u32(9),
    u32(10),
    opts(opt(0x02, bytes(0, 0, u32(5), u32(6))), opt(0x83, bytes(0, 0, u32(7)))),
  ),
  bytes(
    hdr(8, 1, 0),
    u32(13),
    A4,
    A4,
    opts(opt(0x04, bytes(0, 0, u32(8), u32(9))), opt(0x85, bytes(0, 0, u32(10), u32(11)))),
  ),
  bytes(
    hdr(0, 1, 0),
    u32(1),
    u32(2),
    u32(3),
    A4,
    opts(opt(0x07, bytes(0, 0, u16(1), u16(0), "0a820003")), opt(0x88, bytes(0, 0, u32(12)))),
  ),
  bytes(
    hdr(0, 1, 0),
    u32(1),
    u32(2),
    u32(3),
    A4,
    opts(opt(0x09, bytes(0, 0, u32(13))), opt(0x0a, bytes(0, 0, u32(14))), opt(0x8b, bytes(0, 0))),
  ),
  bytes(
    hdr(0, 1, 0),
    u32(1),
    u32(2),
    u32(3),
    A4,
    opts(
      opt(0x0c, bytes(0, 0, u32(0))),
      opt(0x0d, bytes(0, 0)),
      opt(0x0e, bytes(0, 0)),
      opt(0x8f, bytes(0, 0)),
    ),
  ),
  bytes(
    hdr(4, 1, 0),
    u32(1),
    u32(2),
    opts(
      opt(0x10, bytes(0, 0, u32(1))),
      opt(0x11, bytes(0, 0)),
      opt(0x92, bytes(0, 0, u32(20), u16(1), u16(0), "0a820004")),
    ),
  ),
  bytes(
    hdr(4, 1, 0),
    u32(1),
    u32(2),
    opts(opt(0x93, bytes(0, 0, u32(21), u16(2), u16(0), ip6("2001:db8::5")))),
  ),
  bytes(hdr(4, 1, 0), u32(1), u32(2), opts(opt(0x00, bytes(0, 8)), opt(0xa5, bytes(0, 0, 1, 2)))),
  bytes(hdr(4, 1, 0), u32(1), u32(2), bytes(0x01, 4, u16(8))),
  bytes(hdr(4, 1, 0), u32(1), u32(2), bytes(0x00, 5, u16(8))),
  bytes(hdr(4, 1, 0), u32(1), u32(2), bytes(0x00, 4, u16(2))),
  bytes(hdr(4, 1, 0), u32(1), u32(2), opts(opt(0x81, bytes(0, 0, u32(1))))),
  bytes(hdr(4, 1, 0), u32(1), u32(2), opts(opt(0x83, bytes(0, 0)))),
  bytes(hdr(4, 1, 0), u32(1), u32(2), opts(bytes(0x02, 3, 0))),
  bytes(
    hdr(4, 1, 0),
    u32(1),
    u32(2),
    bytes(0x00, 4, u16(12), opt(0x81, bytes(0, 0, u32(1), u32(2), u32(3)))),
  ),
  bytes(hdr(4, 1, 0), u32(1), u32(2), opts(opt(0x82, bytes(0, 0, 1, 2)))),
  bytes(hdr(4, 1, 0), u32(1), u32(2), opts(opt(0x87, bytes(0, 0, u16(1), u16(0), "0a82")))),
  bytes(hdr(4, 1, 0), u32(1), u32(2), opts(opt(0x87, bytes(0, 0, u16(7), u16(0), "0a820003")))),
  bytes(hdr(4, 1, 0), u32(1), u32(2), opts(opt(0x92, bytes(0, 0, u32(1))))),
];
const packets: Packet[] = [...BODIES.map(v4), ...BODIES.slice(0, 14).map(v6)];
const long = v4(BODIES[17]!).data;
for (const keep of [35, 36, 37, 40, 48, 50, 60, 66, 70, 74, 80]) {
  packets.push({ data: long.subarray(0, keep), wireLen: long.length });
}

export const PGM_CASES: Case[] = [{ name: "pgm", linkType: 1, packets }];
