// Golden corpus cases for what a capture cut or a header's version changes on the common path
// (and the IPv6 routing header's optional fields):
// a TCP header whose options run past the capture, the MD5 signature option over a cut payload,
// AH and SSH cut at their first bytes, and records of LINKTYPE_IPV4 / IPV6 holding another IP
// version (tcpdump 4.99.3 prints those three link types alike, by the version nibble).

import { bytes, ipv4, ipv6, type Packet, u16, u32 } from "./_build.ts";
import type { Case } from "./_golden.ts";

/** A TCP segment with `options` (padded to 4 bytes) and `payload`. */
function tcp(
  sport: number,
  dport: number,
  flags: number,
  options: Uint8Array,
  payload: Uint8Array,
) {
  const opts = bytes(options, new Uint8Array((4 - options.length % 4) % 4));
  return bytes(
    u16(sport),
    u16(dport),
    u32(1000),
    u32(7000),
    ((20 + opts.length) / 4) << 4,
    flags,
    u16(65535),
    u16(0),
    u16(0),
    opts,
    payload,
  );
}

const MSS_TS = bytes(2, 4, 0x05, 0xb4, 1, 1, 8, 10, u32(12345), u32(0));
const MD5 = bytes(19, 18, Uint8Array.from({ length: 16 }, (_, i) => 0x10 + i));
const DATA = Uint8Array.from({ length: 40 }, (_, i) => 0x41 + (i % 26));

const v4 = (seg: Uint8Array, proto = 6) => ipv4("10.20.0.1", "10.20.0.2", proto, seg);
/** The first `keep` bytes of `data`, on a wire of all of it. */
const cut = (data: Uint8Array, keep: number): Packet => ({
  data: data.subarray(0, keep),
  wireLen: data.length,
});

const raw: Packet[] = [];
for (const flags of [0x18, 0x10, 0x02]) {
  const seg = v4(tcp(40000, 8000, flags, MSS_TS, DATA));
  // options cut at every few bytes, with the payload after them on the wire
  for (const keep of [20 + 22, 20 + 26, 20 + 30, 20 + 33]) raw.push(cut(seg, keep));
}
// an option list ended by EOL, the rest of the header not captured: tcp_print() prints the
// length, then finds the header cut before the payload
const MSS_EOL = bytes(2, 4, 0x05, 0xb4, 0);
for (const keep of [20 + 25, 20 + 26, 20 + 27]) {
  raw.push(cut(v4(tcp(40000, 8000, 0x18, MSS_EOL, DATA)), keep));
}
for (const flags of [0x18, 0x10]) {
  const seg = v4(tcp(40001, 179, flags, MD5, DATA));
  raw.push({ data: seg }, cut(seg, seg.length - 1), cut(seg, 20 + 40), cut(seg, 20 + 30));
}
// AH (protocol 51) cut at each of its first bytes
const AH = bytes(6, 4, 0, 0, u32(0x1234), u32(7), u32(0xdeadbeef), u32(1), u32(2));
for (const keep of [0, 1, 2, 3, 4, 8, 11]) raw.push({ data: v4(AH.subarray(0, keep), 51) });
raw.push({ data: ipv6("2001:db8::1", "2001:db8::2", 51, AH.subarray(0, 0)) });
raw.push({ data: ipv6("2001:db8::1", "2001:db8::2", 51, AH.subarray(0, 3)) });
// SSH on port 22 with its first bytes missing from the capture
for (const text of ["SSH-2.0-x\r\n", "SS", "S"]) {
  const seg = v4(
    tcp(40002, 22, 0x18, new Uint8Array(0), Uint8Array.from(text, (ch) => ch.charCodeAt(0))),
  );
  raw.push({ data: seg }, cut(seg, 40));
}

/** An IPv4 datagram, an IPv6 one and headers of versions 0, 5, 7 and 15. */
const versions: Packet[] = [
  { data: v4(tcp(40003, 80, 0x02, MSS_TS, new Uint8Array(0))) },
  { data: ipv6("2001:db8::1", "2001:db8::2", 59, new Uint8Array(0)) },
  ...[0x05, 0x50, 0x70, 0xf0].map((b) => ({ data: bytes(b, new Uint8Array(39)) })),
];

/** IPv6 routing headers: set reserved bits and SRH flags, an unknown type, one cut at a byte. */
const A1 = bytes(0xfd, 0, 0, 1, new Uint8Array(11), 9);
const A2 = bytes(0xfd, 0, 0, 1, new Uint8Array(11), 10);
const rt6 = (header: Uint8Array, keep?: number): Packet => {
  const p = ipv6("fd00:1::1", "fd00:1::2", 43, header);
  return keep === undefined ? { data: p } : cut(p, 40 + keep);
};
const routing: Packet[] = [];
for (const rsv of [0, 0x800, 0x1000, 0xffffffff]) {
  routing.push(rt6(bytes(59, 2, 2, 1, u32(rsv), A1)), rt6(bytes(59, 4, 0, 2, u32(rsv), A1, A2)));
}
for (const flags of [0, 0x80, 0x01]) {
  routing.push(rt6(bytes(59, 4, 4, 1, 1, flags, u16(0), A1, A2)));
}
for (const type of [1, 3, 124, 215]) routing.push(rt6(bytes(59, 2, type, 1, u32(0), A1)));
for (const keep of [1, 2, 3, 4, 7]) routing.push(rt6(bytes(59, 2, 2, 1, u32(0x800), A1), keep));

export const CUT_CASES: Case[] = [
  { name: "rt6", linkType: 101, packets: routing },
  { name: "cuts", linkType: 101, packets: raw },
  { name: "ipv4_versions", linkType: 228, packets: versions, link: true },
  { name: "ipv6_versions", linkType: 229, packets: versions, link: true },
];
