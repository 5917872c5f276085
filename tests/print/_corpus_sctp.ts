// Golden cases for SCTP (tcpdump 4.99's print-sctp.c, with print-m3ua.c and print-forces.c for
// the payloads it hands on) over IPv4 and IPv6, as LINKTYPE_RAW: an association's life (INIT,
// INIT ACK with its cookie, COOKIE ECHO/ACK, DATA fragments and bundles, SACKs with gap blocks
// and duplicates, heartbeats, shutdown, abort), the chunk types tcpdump 4.99 names only or not at
// all (ECN, FORWARD TSN, ASCONF, AUTH, RE-CONFIG, I-DATA, PAD), the PPIDs it names, M3UA messages
// at -vv, ForCES messages on ports 6704-6706 and PPIDs 21-23; then lengths that disagree, a
// header cut short, a fragment and captures cut at every layer. sctp_assoc is what two real SCTP
// stacks sent each other (tests/print/make_sctp.ts records it): handshake, fragmented and
// unordered DATA, SACKs with gap blocks after drops, retransmissions, ABORT, over IPv4 and IPv6.

import { bytes, ip4, ipv4, ipv6, type Packet, u16, u32 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  return c >>> 0;
});
/** CRC32c (RFC 9260 appendix A), stored little-endian as SCTP's checksum. */
function crc32c(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** A chunk, padded to 4 bytes (`len` overrides the length field). */
const chunk = (type: number, flags: number, body: Uint8Array, len?: number) => {
  const l = 4 + body.length;
  return bytes(type, flags, u16(len ?? l), body, new Uint8Array((4 - l % 4) % 4));
};
/** An SCTP packet: common header with a correct checksum, then the chunks. */
function sctp(sport: number, dport: number, tag: number, ...chunks: Uint8Array[]): Uint8Array {
  const p = bytes(u16(sport), u16(dport), u32(tag), u32(0), ...chunks);
  const crc = crc32c(p);
  p.set([crc & 0xff, crc >>> 8 & 0xff, crc >>> 16 & 0xff, crc >>> 24], 8);
  return p;
}
const A = "10.9.0.1", B = "10.9.0.2";
const A6 = "2001:db8::1", B6 = "2001:db8::2";
const v4 = (s: Uint8Array, src = A, dst = B) => ipv4(src, dst, 132, s, { df: true });
const v6 = (s: Uint8Array, src = A6, dst = B6) => ipv6(src, dst, 132, s);
const param = (type: number, value: Uint8Array) => {
  const l = 4 + value.length;
  return bytes(u16(type), u16(l), value, new Uint8Array((4 - l % 4) % 4));
};
const ascii = (s: string) => new TextEncoder().encode(s);

// the chunk bodies of RFC 9260 section 3.3
const init = (tag: number, tsn: number, ...params: Uint8Array[]) =>
  bytes(u32(tag), u32(106496), u16(10), u16(65535), u32(tsn), ...params);
const INIT_PARAMS = [
  param(0x8008, bytes(0x82, 0xc0, 0xc1, 0x80, 0x0f)), // supported extensions
  param(0x8002, new Uint8Array(36)), // random
  param(0x8004, bytes(0x80, 0x03)), // chunk list
  param(0x8003, u16(1)), // HMAC algorithm
  param(5, ip4(A)),
  param(0xc000, new Uint8Array(0)), // forward TSN supported
];
const COOKIE = bytes(...Array.from({ length: 44 }, (_, i) => (i * 37 + 11) & 0xff));
const data = (flags: number, tsn: number, sid: number, ssn: number, ppid: number, p: Uint8Array) =>
  chunk(0, flags, bytes(u32(tsn), u16(sid), u16(ssn), u32(ppid), p));
const sack = (cum: number, gaps: [number, number][], dups: number[], rwnd = 106496) =>
  chunk(
    3,
    0,
    bytes(
      u32(cum),
      u32(rwnd),
      u16(gaps.length),
      u16(dups.length),
      ...gaps.map(([s, e]) => bytes(u16(s), u16(e))),
      ...dups.map(u32),
    ),
  );
const hbInfo = param(1, bytes(u32(0x5f3a9c01), u32(0x00000002), ip4(B), new Uint8Array(8)));
const cause = (code: number, value: Uint8Array) => param(code, value);

/** M3UA (RFC 4666 section 3.1): version 1, class, type, length, then the parameters. */
const m3ua = (cls: number, type: number, ...params: Uint8Array[]) => {
  const body = bytes(...params);
  return bytes(1, 0, cls, type, u32(8 + body.length), body);
};
const M3UA: Uint8Array[] = [
  m3ua(3, 1, param(0x0011, u32(7)), param(0x0004, ascii("asp-1"))), // ASP Up
  m3ua(3, 4), // ASP Up Ack
  m3ua(4, 1, param(0x000b, u32(2)), param(0x0006, u32(100))), // ASP Active
  m3ua(
    1,
    1,
    param(0x0200, u32(3)),
    param(0x0006, u32(100)),
    param(0x0210, bytes(u32(0x1234), u32(0x5678), 3, 2, 0, 5, ascii("isup-payload"))),
    param(0x0013, u32(0xdeadbeef)),
  ), // Transfer Data
  m3ua(2, 1, param(0x0006, u32(100)), param(0x0012, u32(0x00002233))), // DUNA
  m3ua(0, 0, param(0x000c, u32(1)), param(0x0007, ascii("diag"))), // Error
  m3ua(9, 2, param(0x0208, new Uint8Array(24))), // RKM Registration Response
  m3ua(7, 1, param(0x0006, u32(1))), // unknown class
  m3ua(3, 9), // unknown type
  m3ua(3, 3, param(0x0009, new Uint8Array(5)), param(0x0006, u32(2))), // Heartbeat, padded
  m3ua(3, 3, param(0x0006, new Uint8Array(2))), // a 2-byte routing context
  m3ua(3, 3, param(0x0006, u32(2)), bytes(0, 9)), // a parameter header cut short
  m3ua(3, 3, bytes(0, 6, 0, 2, 0, 0, 0, 0)), // a parameter of length 2
  bytes(1, 0, 3, 1, u32(99)), // a wrong message length
  bytes(2, 0, 3, 1, u32(8)), // version 2: nothing printed
  bytes(1, 0, 3), // shorter than the header
  m3ua(3, 2), // ASP Down
  m3ua(3, 5), // ASP Down Ack
  m3ua(3, 6, param(0x0009, ascii("beat"))), // Heartbeat Ack
  m3ua(4, 2, param(0x0006, u32(100))), // ASP Inactive
  m3ua(4, 3, param(0x000b, u32(1)), param(0x0006, u32(100))), // ASP Active Ack
  m3ua(4, 4), // ASP Inactive Ack
  m3ua(2, 2, param(0x0012, u32(0x01002233))), // DAVA
  m3ua(2, 3, param(0x0012, u32(0x00002233))), // DAUD
  m3ua(2, 4, param(0x0012, u32(0x00002233)), param(0x0205, u32(2))), // SCON
  m3ua(2, 5, param(0x0012, u32(0x00002233)), param(0x0204, u32(0x00010005))), // DUPU
  m3ua(0, 1, param(0x000d, u32(0x00010002)), param(0x0011, u32(7))), // Notify
  m3ua(9, 1, param(0x0207, new Uint8Array(16))), // Registration Request
];

// ForCES (RFC 5810 section 6.1): the common header then top-level TLVs.
const tlv = (type: number, value: Uint8Array) => {
  const l = 4 + value.length;
  return bytes(u16(type), u16(l), value, new Uint8Array((4 - l % 4) % 4));
};
function forces(tom: number, ...tlvs: Uint8Array[]): Uint8Array {
  const body = bytes(...tlvs);
  return bytes(
    0x10,
    tom,
    u16((24 + body.length) / 4),
    u32(0x40000001),
    u32(0x00000002),
    u32(0),
    u32(7),
    u32(0x40380000),
    body,
  );
}
const pathData = (ids: number[], ...content: Uint8Array[]) =>
  tlv(0x0110, bytes(u16(0), u16(ids.length), ...ids.map(u32), ...content));
const lfb = (cls: number, inst: number, ...ops: Uint8Array[]) =>
  tlv(0x1000, bytes(u32(cls), u32(inst), ...ops));
const FORCES: Uint8Array[] = [
  forces(0x0f), // HeartBeat
  forces(0x01, lfb(1, 1, tlv(0x0b, pathData([1, 2])))), // Association Setup, Report
  forces(0x11, tlv(0x0010, u32(0))), // Association Response
  forces(0x02, tlv(0x0011, u32(1))), // Association TearDown
  forces(0x03, lfb(2, 1, tlv(0x01, pathData([4], tlv(0x0112, u32(0xc0a80001)))))), // Config Set
  forces(0x13, lfb(2, 1, tlv(0x03, pathData([4], tlv(0x0114, bytes(0, 0, 0, 0)))))), // SetResp
  forces(0x04, lfb(1, 1, tlv(0x07, pathData([1, 3])))), // Query Get
  forces(0x14, lfb(1, 1, tlv(0x09, pathData([1], tlv(0x0112, ascii("fe-1")))))), // GetResp
  forces(0x05, lfb(1, 1, tlv(0x0b, pathData([9], tlv(0x0113, bytes(u32(1), u32(12), u32(5))))))),
  forces(
    0x06,
    tlv(0x0001, bytes(tlv(0x0115, bytes(u32(1), u32(12), u32(9))), tlv(0x0116, ascii("pkt")))),
  ),
  forces(0x03, lfb(2, 1, tlv(0x0d, pathData([1])))), // Config with an op not allowed
  forces(0x03, lfb(2, 1, tlv(0x01, bytes(0, 0)))), // a short operation
  forces(0x03, tlv(0x0110, u32(0))), // a top TLV of the wrong type for Config
  forces(0x02, tlv(0x0011, u32(999))), // a teardown reason out of range
  forces(0x11, tlv(0x0010, bytes(u32(0), u32(0)))), // a result of 8 bytes
  forces(0x03), // Config without its TLV
  forces(0x0f, tlv(0x0001, u32(0))), // HeartBeat with a TLV
  forces(0x06, tlv(0x0001, u32(1))), // a redirect too short
  bytes(0x10, 0x08, u16(6), new Uint8Array(20)), // message type 8: invalid
  bytes(0x10, 0x12, u16(6), new Uint8Array(20)), // message type 0x12: unknown
  bytes(0x10, 0x0f, u16(9), new Uint8Array(20)), // advertised 36 bytes, 24 sent
  bytes(0x10, 0x0f, u16(6), new Uint8Array(8)), // shorter than the header
];

let tsn = 0x1000;
const assoc: Uint8Array[] = [
  v4(sctp(36412, 36412, 0, chunk(1, 0, init(0x3a9f2c11, 0x1000, ...INIT_PARAMS)))),
  v4(
    sctp(
      36412,
      36412,
      0x3a9f2c11,
      chunk(2, 0, init(0x7c01d2e3, 0x9000, param(7, COOKIE), ...INIT_PARAMS.slice(0, 2))),
    ),
    B,
    A,
  ),
  v4(sctp(36412, 36412, 0x7c01d2e3, chunk(0x0a, 0, COOKIE))),
  v4(sctp(36412, 36412, 0x3a9f2c11, chunk(0x0b, 0, new Uint8Array(0))), B, A),
  ...[[3, 18], [2, 18], [0, 18], [1, 18], [7, 46], [6, 51], [3, 0], [3, 60], [3, 27], [5, 24]]
    .map(([f, ppid], i) =>
      v4(
        sctp(
          36412,
          36412,
          0x7c01d2e3,
          data(
            f!,
            tsn++,
            i % 3,
            i,
            ppid!,
            bytes(...Array.from({ length: 5 + i * 3 }, (_, k) => k + i)),
          ),
        ),
      )
    ),
  v4(sctp(36412, 36412, 0x3a9f2c11, sack(0x1003, [], [])), B, A),
  v4(sctp(36412, 36412, 0x3a9f2c11, sack(0x1003, [[2, 3], [5, 5]], [0x1002])), B, A),
  v4(
    sctp(
      36412,
      36412,
      0x7c01d2e3,
      sack(0x9001, [], []),
      data(3, tsn++, 1, 9, 18, ascii("bundled")),
    ),
  ),
  v4(
    sctp(
      36412,
      36412,
      0x7c01d2e3,
      data(3, tsn++, 0, 10, 0, ascii("a")),
      data(3, tsn++, 0, 11, 0, ascii("bc")),
    ),
  ),
  v4(sctp(36412, 36412, 0x7c01d2e3, chunk(4, 0, hbInfo))),
  v4(sctp(36412, 36412, 0x3a9f2c11, chunk(5, 0, hbInfo)), B, A),
  v4(sctp(36412, 36412, 0x7c01d2e3, chunk(0x0c, 0, u32(0x1005)))),
  v4(sctp(36412, 36412, 0x3a9f2c11, chunk(0x0d, 0, u32(0x1005))), B, A),
  v4(sctp(36412, 36412, 0x7c01d2e3, chunk(0xc0, 0, bytes(u32(0x1007), u16(0), u16(3))))),
  v4(
    sctp(
      36412,
      36412,
      0x7c01d2e3,
      chunk(
        0xc1,
        0,
        bytes(u32(1), param(5, ip4(B)), param(0xc001, bytes(u32(1), param(5, ip4("10.9.0.3"))))),
      ),
    ),
  ),
  v4(sctp(36412, 36412, 0x3a9f2c11, chunk(0x80, 0, bytes(u32(1), param(0xc005, u32(1))))), B, A),
  v4(
    sctp(
      36412,
      36412,
      0x7c01d2e3,
      chunk(0x0f, 0, bytes(u16(1), u16(1), new Uint8Array(20))),
      data(3, tsn++, 0, 12, 0, ascii("auth")),
    ),
  ),
  v4(
    sctp(
      36412,
      36412,
      0x7c01d2e3,
      chunk(0x82, 0, param(13, bytes(u32(1), u32(0), u32(0x1008), u16(1)))),
    ),
  ),
  v4(
    sctp(
      36412,
      36412,
      0x7c01d2e3,
      chunk(0x40, 3, bytes(u32(tsn++), u16(1), u16(0), u32(1), u32(18), ascii("idata"))),
    ),
  ),
  v4(sctp(36412, 36412, 0x7c01d2e3, chunk(0x84, 0, new Uint8Array(8)), chunk(0xc2, 0, u32(1)))),
  v4(sctp(36412, 36412, 0x7c01d2e3, chunk(9, 0, cause(1, bytes(u16(7), u16(0)))))),
  v4(sctp(36412, 36412, 0x7c01d2e3, chunk(7, 0, u32(0x9001)))),
  v4(sctp(36412, 36412, 0x3a9f2c11, chunk(8, 0, new Uint8Array(0))), B, A),
  v4(sctp(36412, 36412, 0x7c01d2e3, chunk(0x0e, 0, new Uint8Array(0)))),
  v4(sctp(36412, 36412, 0x7c01d2e3, chunk(6, 1, cause(12, ascii("bye"))))),
];

const V6: Uint8Array[] = [
  v6(
    sctp(
      5060,
      5060,
      0,
      chunk(1, 0, init(0x11111111, 1, param(6, new Uint8Array(16)), INIT_PARAMS[0]!)),
    ),
  ),
  v6(sctp(5060, 5060, 0x11111111, chunk(2, 0, init(0x22222222, 5, param(7, COOKIE)))), B6, A6),
  v6(sctp(5060, 5060, 0x22222222, data(3, 1, 0, 0, 0, ascii("INVITE sip:bob SIP/2.0\r\n")))),
  v6(sctp(5060, 5060, 0x11111111, sack(1, [[2, 4]], [1, 1])), B6, A6),
  v6(sctp(5060, 5060, 0x22222222, chunk(4, 0, hbInfo), chunk(0x0b, 0, new Uint8Array(0)))),
  // a hop-by-hop options header before SCTP: tcpdump prints the addresses twice
  ipv6(
    A6,
    B6,
    0,
    bytes(132, 0, 1, 4, 0, 0, 0, 0, sctp(5060, 5060, 0x22222222, chunk(7, 0, u32(9)))),
  ),
];

const M3UA_PKTS = M3UA.map((m, i) =>
  v4(sctp(2905, 2905, 0x0c0ffee0, data(3, 0x500 + i, 1, i, 3, m)), "10.9.3.1", "10.9.3.2")
);
const FORCES_PKTS = FORCES.map((f, i) =>
  i % 3 === 2
    ? v4(sctp(40000, 9999, 7, data(3, 0x700 + i, 0, i, 21 + (i % 3), f)), "10.9.4.1", "10.9.4.2")
    : v4(sctp(6704 + (i % 3), 6704, 7, data(3, 0x700 + i, 0, i, 0, f)), "10.9.4.1", "10.9.4.2")
);

const cut = (d: Uint8Array, n: number): Packet => ({ data: d.subarray(0, n), wireLen: d.length });
/** An IPv4 header whose total length says `len` bytes of the SCTP packet follow. */
function sayLen(d: Uint8Array, len: number): Uint8Array {
  const o = d.slice();
  o[2] = (20 + len) >> 8, o[3] = (20 + len) & 0xff;
  return o;
}
const MALFORMED: Packet[] = [
  { data: v4(bytes(u16(1), u16(2), u32(3))) }, // 8 bytes: truncated-sctp
  { data: v4(sctp(1, 2, 3, chunk(0, 3, new Uint8Array(4)))) }, // DATA shorter than its header
  { data: v4(sctp(1, 2, 3, chunk(0, 3, new Uint8Array(12)))) }, // DATA without payload
  { data: v4(sctp(1, 2, 3, chunk(1, 0, new Uint8Array(8)))) }, // INIT too short
  { data: v4(sctp(1, 2, 3, chunk(3, 0, bytes(u32(9), u32(1), u16(3), u16(0), u16(1), u16(2))))) }, // SACK gaps past the chunk
  { data: v4(sctp(1, 2, 3, chunk(3, 0, bytes(u32(9), u32(1), u16(0), u16(2), u32(7))))) }, // SACK dups past the chunk
  {
    data: v4(
      sctp(1, 2, 3, chunk(3, 0, bytes(u32(0xfffffffe), u32(1), u16(1), u16(0), u16(1), u16(5)))),
    ),
  }, // gap TSNs wrap
  { data: v4(sctp(1, 2, 3, chunk(6, 0, bytes()), bytes(0, 0))) }, // 2 bytes left: descriptor cut off
  { data: v4(sctp(1, 2, 3, chunk(6, 0, bytes(1, 2, 3, 4), 2))) }, // chunk length 2
  { data: v4(sctp(1, 2, 3, chunk(6, 0, bytes(1, 2, 3, 4, 5, 6, 7, 8), 100))) }, // past the packet
  { data: v4(bytes(sctp(1, 2, 3), chunk(6, 0, bytes(1)).subarray(0, 5))) }, // padding missing
  { data: v4(sctp(1, 2, 3, chunk(6, 0, bytes(1)))) }, // length 5, padded
  { data: sayLen(v4(sctp(1, 2, 3, chunk(6, 0, new Uint8Array(8)))), 8) }, // IP says 8 bytes
  { data: sayLen(v4(sctp(1, 2, 3, chunk(6, 0, new Uint8Array(8)), chunk(7, 0, u32(1)))), 30) }, // IP ends mid-chunk
  {
    data: ipv4(A, B, 132, sctp(1, 2, 3, chunk(0, 3, new Uint8Array(20))).subarray(0, 16), {
      id: 9,
    }),
  }, // short first fragment
  (() => {
    const d = v4(sctp(1, 2, 3, data(3, 1, 0, 0, 0, ascii("fragment"))));
    d[6] = 0x20;
    return { data: d };
  })(), // more-fragments set
  (() => {
    const d = v4(sctp(1, 2, 3, data(3, 1, 0, 0, 0, ascii("fragment"))));
    d[6] = 0x00, d[7] = 0x04;
    return { data: d };
  })(), // a later fragment
];
const full = v4(
  sctp(36412, 36412, 0x7c01d2e3, data(3, 1, 0, 0, 18, ascii("hello")), chunk(4, 0, hbInfo)),
);
const m3 = M3UA_PKTS[3]!;
const fc = FORCES_PKTS[4]!;
const CUTS: Packet[] = [
  cut(full, 24),
  cut(full, 32),
  cut(full, 34),
  cut(full, 40),
  cut(full, 50),
  cut(full, 56),
  cut(full, 60),
  cut(full, 70),
  cut(m3, 60),
  cut(m3, 80),
  cut(fc, 60),
  cut(fc, 84),
  cut(v6(sctp(1, 2, 3, chunk(7, 0, u32(1)))), 50),
];

/** The records of a pcap file pcapFile() wrote (little-endian, microseconds). */
function pcapRecords(url: URL): Packet[] {
  const f = Deno.readFileSync(url);
  const dv = new DataView(f.buffer, f.byteOffset, f.byteLength);
  const out: Packet[] = [];
  for (let o = 24; o + 16 <= f.length;) {
    const cap = dv.getUint32(o + 8, true), wire = dv.getUint32(o + 12, true);
    out.push({ data: f.slice(o + 16, o + 16 + cap), wireLen: wire });
    o += 16 + cap;
  }
  return out;
}

export const SCTP_CASES: Case[] = [
  {
    name: "sctp_assoc",
    linkType: 101,
    packets: pcapRecords(new URL("../testdata/print/sctp_assoc.pcap", import.meta.url)),
  },
  { name: "sctp", linkType: 101, packets: [...assoc, ...V6].map((data) => ({ data })) },
  { name: "sctp_m3ua", linkType: 101, packets: M3UA_PKTS.map((data) => ({ data })) },
  { name: "sctp_forces", linkType: 101, packets: FORCES_PKTS.map((data) => ({ data })) },
  { name: "sctp_bad", linkType: 101, packets: [...MALFORMED, ...CUTS] },
];
