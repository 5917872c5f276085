// Golden corpus case for ES-IS (ISO 9542) over 802.3/LLC (OSI SAP 0xfe): end system and
// intermediate system hellos, redirects, the options, and the malformed PDUs tcpdump flags.

import { bytes, llc, mac, type Packet, u16 } from "./_build.ts";
import { osiCksum } from "./_corpus_isis.ts";
import type { Case } from "./_golden.ts";

const area = (n: number) => bytes(0x49, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, n, 0x00);
const nsap = (n: number) => bytes(0x49, 0x00, 0x01, 0x19, 0x21, 0x68, 0x00, 0x10, n, 0x00);
const opt = (code: number, ...v: number[]) => bytes(code, v.length, v);

/** An ES-IS PDU: fixed header (li counts everything here), checksummed unless `sum` is 0. */
function esis(type: number, body: Uint8Array, hold = 30, sum = true, version = 1): Uint8Array {
  const pdu = bytes(0x82, 9 + body.length, version, 0, type, u16(hold), u16(0), body);
  if (sum) pdu.set(u16(osiCksum(pdu, 7, pdu.length)), 7);
  return pdu;
}

const pdus: Uint8Array[] = [
  esis(2, bytes(1, 10, nsap(1))),
  esis(2, bytes(2, 10, nsap(2), 10, nsap(3), opt(0xc6, 0, 60))),
  esis(4, bytes(10, area(1))),
  esis(4, bytes(10, area(2), opt(0x81, 0xcc, 0x8e, 0x81), opt(0xc6, 1))),
  esis(4, bytes(10, area(3)), 10, false),
  esis(6, bytes(10, nsap(4), 6, mac("00:11:22:33:44:55"), 10, area(4))),
  esis(6, bytes(10, nsap(5), 4, 1, 2, 3, 4, 0)),
  esis(
    2,
    bytes(1, 10, nsap(6), opt(0xc3, 1), opt(0xc5, 2, 3), opt(0xcd, 4), opt(0xe1, 5), opt(0xe2, 6)),
  ),
  esis(2, bytes(1, 10, nsap(7), opt(0xc1, 7), opt(0xc2, 8), opt(0x99, 9, 9))),
  esis(4, bytes(10, area(5)), 65535),
  // malformed: unknown type, bad counts and lengths, options too long, other versions
  esis(9, bytes(1, 2, 3)),
  esis(2, bytes(2, 10, nsap(8))),
  esis(2, bytes(1, 12, nsap(9))),
  esis(4, bytes(11, area(6))),
  esis(6, bytes(10, nsap(10), 6)),
  esis(6, bytes(10, nsap(10), 0, 4, 1, 2)),
  esis(4, bytes(10, area(7), 0xc6, 5, 1)),
  esis(4, bytes(10, area(7), 0xc6)),
  esis(4, bytes(10, area(8)), 30, true, 2),
  bytes(0x82, 40, 1, 0, 2, u16(30), u16(0), 1, 1),
  bytes(0x82, 9, 1, 0, 2, u16(30), u16(0), 0xaa, 0xbb),
  bytes(0x82, 3),
];

const packets: Packet[] = pdus.map((p) => ({
  data: llc(0xfe, 0xfe, 0x03, p, "09:00:2b:00:00:05", "00:11:22:33:44:55"),
}));
// cut by the snapshot: in the fixed header, in an address, in an option
for (const [k, cut] of [[0, 16], [1, 8], [3, 2]] as const) {
  const d = llc(0xfe, 0xfe, 0x03, pdus[k]!, "09:00:2b:00:00:04", "00:11:22:33:44:66");
  packets.push({ data: d.subarray(0, d.length - cut), wireLen: d.length });
}

export const ESIS_CASES: Case[] = [{ name: "esis", linkType: 1, packets, link: true }];
