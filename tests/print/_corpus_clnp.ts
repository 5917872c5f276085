// Golden corpus case for CLNP (ISO 8473) over 802.3/LLC (OSI SAP 0xfe): data, echo and error
// report PDUs with and without the segmentation part, options, and malformed headers.

import { bytes, llc, type Packet, u16 } from "./_build.ts";
import { osiCksum } from "./_corpus_isis.ts";
import type { Case } from "./_golden.ts";

const nsap = (n: number) => bytes(0x49, 0x00, 0x01, 0x19, 0x21, 0x68, 0x00, 0x10, n, 0x00);
const opt = (code: number, ...v: number[]) => bytes(code, v.length, v);

/** A CLNP PDU: `flags` are the top three bits of the type byte; `seg` adds the segment part. */
function clnp(
  type: number,
  flags: number,
  opts: Uint8Array,
  data: Uint8Array,
  sum = true,
): Uint8Array {
  const addrs = bytes(10, nsap(2), 10, nsap(1));
  const seg = flags & 0x80 ? bytes(u16(0x1234), u16(0), u16(0)) : bytes();
  const li = 9 + addrs.length + seg.length + opts.length;
  const pdu = bytes(0x81, li, 1, 60, flags | type, u16(0), u16(0), addrs, seg, opts, data);
  pdu.set(u16(pdu.length), 5);
  if (flags & 0x80) pdu.set(u16(pdu.length), 9 + addrs.length + 4);
  if (sum) pdu.set(u16(osiCksum(pdu.subarray(0, li), 7, li)), 7);
  return pdu;
}

const inner = clnp(28, 0x80, bytes(), bytes(1, 2, 3, 4));
const pdus: Uint8Array[] = [
  clnp(28, 0x80, bytes(), bytes(0xaa, 0xbb, 0xcc)),
  clnp(28, 0x00, bytes(), bytes(0x11, 0x22)),
  clnp(28, 0xe0, bytes(), new Uint8Array(20)),
  clnp(29, 0x00, bytes(), bytes(7)),
  clnp(30, 0x20, bytes(), bytes(1, 2, 3, 4, 5, 6)),
  clnp(31, 0x00, bytes(), inner),
  clnp(31, 0x00, bytes(), bytes(5, 6)),
  clnp(1, 0x00, bytes(), inner),
  clnp(1, 0x00, bytes(), bytes(0x99)),
  clnp(28, 0x00, bytes(), bytes(1), false),
  clnp(9, 0x00, bytes(), bytes(1)),
  clnp(28, 0x00, opt(0xcc, 0, 0, 0), bytes(1)),
  clnp(28, 0x00, opt(0xcd, 0x0e), bytes(1)),
  clnp(28, 0x00, opt(0xc5, 0xc0, 3), bytes(1)),
  clnp(28, 0x00, opt(0x77, 1, 2), bytes(1)),
  clnp(28, 0x00, bytes(opt(0xc5, 0x40, 1), opt(0xc5, 0x80, 2), opt(0xc5, 0x00, 3)), bytes(1)),
  // the options tcpdump 4.99 decodes beyond these: QoS maintenance, discard reason, source
  // routing and route recording (tcpdump prints the first NSAP of the list for each one)
  clnp(28, 0x00, bytes(opt(0xc3, 0xc0 | 0x15), opt(0xc3, 0x40), opt(0xc3, 0xc0)), bytes(1)),
  clnp(1, 0x00, bytes(opt(0xc1, 0x25), opt(0xc1, 0x81), opt(0xc1, 0x93)), bytes(1)),
  clnp(
    1,
    0x00,
    bytes(opt(0xc1, 0xa1), opt(0xc1, 0xb4), opt(0xc1, 0xc0), opt(0xc1, 0x4f)),
    bytes(1),
  ),
  clnp(28, 0x00, opt(0xc8, 0, 3, 3, 0x49, 0x00, 0x01, 3, 0x49, 0x00, 0x02), bytes(1)),
  clnp(28, 0x00, opt(0xcb, 1, 3, 4, 0x47, 0x00, 0x05, 0x01), bytes(1)),
  clnp(28, 0x00, opt(0xc8, 1, 0, 3, 0x49, 0x00, 0x01), bytes(1)),
  clnp(28, 0x00, opt(0xcb, 0, 9, 3, 0x49, 0x00, 0x01), bytes(1)),
  clnp(28, 0x00, opt(0xc8, 2, 3, 9, 0x49, 0x00), bytes(1)),
  clnp(28, 0x00, opt(0xc8, 0, 3, 0, 0, 0), bytes(1)),
  clnp(28, 0x00, opt(0xcb, 1), bytes(1)),
  clnp(28, 0x00, bytes(opt(0xc3), opt(0xc1)), bytes(1)),
  // malformed: other version, li past the PDU, li below the fixed part, short addresses
  bytes(0x81, 9, 2, 60, 28, u16(9), u16(0)),
  bytes(0x81, 60, 1, 60, 28, u16(9), u16(0), 0, 0),
  bytes(0x81, 5, 1, 60, 28, u16(9), u16(0), 0, 0),
  bytes(0x81, 12, 1, 60, 28, u16(9), u16(0), 5, 1, 2, 3),
  bytes(0x81, 12, 1, 60, 0x9c, u16(9), u16(0), 1, 9, 0, 0),
  bytes(0x81, 14, 1, 60, 28, u16(9), u16(0), 1, 9, 1, 8, 0xcc, 9),
];

const packets: Packet[] = pdus.map((p) => ({
  data: llc(0xfe, 0xfe, 0x03, p, "09:00:2b:00:00:05", "00:11:22:33:44:55"),
}));
for (const [k, cut] of [[0, 20], [5, 5]] as const) {
  const d = llc(0xfe, 0xfe, 0x03, pdus[k]!, "09:00:2b:00:00:04", "00:11:22:33:44:66");
  packets.push({ data: d.subarray(0, d.length - cut), wireLen: d.length });
}

export const CLNP_CASES: Case[] = [{ name: "clnp", linkType: 1, packets, link: true }];
