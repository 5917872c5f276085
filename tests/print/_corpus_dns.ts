// Golden corpus case for DNS records the other cases do not carry: TSIG transaction signatures
// (RFC 8945) on queries, responses and zone transfers, and A6 records (RFC 2874) of every prefix
// length class, with the cut and malformed forms tcpdump 4.99.3 stops on.

import { bytes, type Packet, u16, u32, udp4 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const ascii = (s: string) => new TextEncoder().encode(s);
const name = (...labels: string[]) => bytes(...labels.map((l) => bytes(l.length, ascii(l))), 0);
const cutAt = (d: Uint8Array, n: number): Packet => ({ data: d.subarray(0, n), wireLen: d.length });

/** A resource record: owner, type, class, TTL, RDATA. */
const rr = (owner: Uint8Array, type: number, rdata: Uint8Array, cls = 1, ttl = 300) =>
  bytes(owner, u16(type), u16(cls), u32(ttl), u16(rdata.length), rdata);
/** TSIG RDATA: algorithm, 48-bit time signed, fudge, MAC, original ID, error, other data. */
const tsigData = (
  alg: Uint8Array,
  mac: Uint8Array,
  origId: number,
  error = 0,
  other: Uint8Array = bytes(),
) =>
  bytes(
    alg,
    u16(0),
    u32(1700000000),
    u16(300),
    u16(mac.length),
    mac,
    u16(origId),
    u16(error),
    u16(other.length),
    other,
  );
const hmacSha256 = name("hmac-sha256");
const MAC = Uint8Array.from({ length: 32 }, (_, i) => i * 7 & 0xff);
const tsig = (id: number, mac: Uint8Array = MAC, error = 0, other: Uint8Array = bytes()) =>
  rr(name("key", "example"), 250, tsigData(hmacSha256, mac, id, error, other), 255, 0);

/** A DNS message: id, flags, the sections' counts, then the records as given. */
const dns = (id: number, flags: number, counts: number[], ...parts: Uint8Array[]) =>
  bytes(u16(id), u16(flags), ...counts.map(u16), ...parts);
const q = (owner: Uint8Array, type: number, cls = 1) => bytes(owner, u16(type), u16(cls));
const WWW = name("www", "example", "com");
const PTR = "c00c";

/** A6 RDATA: prefix length, the address suffix (16 - prefix/8 bytes), the prefix name. */
const a6 = (plen: number, suffix: number[], prefix?: Uint8Array | string) =>
  bytes(plen, suffix, prefix ?? bytes());

const MSGS: Uint8Array[] = [
  // a query signed with TSIG (in the additional section: -vv)
  dns(0x1001, 0x0100, [1, 0, 0, 1], q(WWW, 1), tsig(0x1001)),
  // a signed response, the TSIG too in the additional section
  dns(
    0x1001,
    0x8180,
    [1, 1, 0, 1],
    q(WWW, 1),
    rr(bytes(PTR), 1, bytes(192, 0, 2, 1)),
    tsig(0x1001),
  ),
  // TSIG in the answer section (printed at -v), with an error and other data (BADTIME)
  dns(
    0x2002,
    0x8180,
    [1, 1, 0, 0],
    q(WWW, 250),
    tsig(0x2002, MAC, 18, bytes(u16(0), u32(1700000300))),
  ),
  dns(0x2003, 0x8185, [1, 1, 0, 0], q(WWW, 250), tsig(0x2003, bytes(), 16)),
  dns(0x2004, 0x8180, [1, 2, 0, 0], q(WWW, 250), tsig(0x2004, bytes(1, 2, 3)), tsig(7)),
  // a zone transfer (AXFR) answered with SOA, records and a TSIG
  dns(
    0x3003,
    0x8480,
    [1, 3, 0, 1],
    q(name("example", "com"), 252),
    rr(
      bytes("c00c"),
      6,
      bytes(
        name("ns1", "example", "com"),
        name("admin", "example", "com"),
        u32(2024010101),
        u32(7200),
        u32(3600),
        u32(1209600),
        u32(300),
      ),
    ),
    rr(bytes(3, ascii("www"), "c00c"), 1, bytes(192, 0, 2, 80)),
    rr(bytes("c00c"), 6, bytes("c00c", "c00c", u32(1), u32(2), u32(3), u32(4), u32(5))),
    tsig(0x3003),
  ),
  // TSIG with a compressed algorithm name and a MAC longer than the record (reads on)
  dns(
    0x4004,
    0x8180,
    [1, 1, 0, 0],
    q(WWW, 250),
    rr(bytes(PTR), 250, bytes("c00c", u16(0), u32(0), u16(300), u16(400), u16(1), u16(2), u16(3))),
  ),
  // TSIG RDATA cut inside (record length says less than the fields)
  dns(
    0x4005,
    0x8180,
    [1, 1, 0, 0],
    q(WWW, 250),
    rr(bytes(PTR), 250, bytes(hmacSha256, u16(0), u32(0), u16(300))),
  ),
  // A6: a full address (prefix 0), a suffix with a prefix name, 128 (name only), a bad length
  dns(
    0x5005,
    0x8180,
    [1, 1, 0, 0],
    q(WWW, 38),
    rr(bytes(PTR), 38, a6(0, [0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])),
  ),
  dns(
    0x5006,
    0x8180,
    [1, 1, 0, 0],
    q(WWW, 38),
    rr(bytes(PTR), 38, a6(64, [0, 0, 0, 0, 0, 0, 0, 0x2a], name("net", "example"))),
  ),
  dns(
    0x5007,
    0x8180,
    [1, 1, 0, 0],
    q(WWW, 38),
    rr(bytes(PTR), 38, a6(128, [], name("sub", "example"))),
  ),
  dns(0x5008, 0x8180, [1, 1, 0, 0], q(WWW, 38), rr(bytes(PTR), 38, a6(129, [1, 2, 3]))),
  dns(
    0x5009,
    0x8180,
    [1, 2, 0, 0],
    q(WWW, 38),
    rr(bytes(PTR), 38, a6(70, [0xff, 0xee, 0xdd, 0xcc, 0xbb, 0xaa, 0x99, 0x88], "c00c")),
    rr(bytes(PTR), 38, a6(3, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], name("x"))),
  ),
  dns(0x500a, 0x8180, [1, 1, 0, 0], q(WWW, 38), rr(bytes(PTR), 38, a6(127, [0x7f], "c00c"))),
  // A6 suffix longer than the record says, and a record with no RDATA
  dns(0x500b, 0x8180, [1, 1, 0, 0], q(WWW, 38), rr(bytes(PTR), 38, a6(120, [9]))),
  dns(0x500c, 0x8180, [1, 1, 0, 0], q(WWW, 38), rr(bytes(PTR), 38, bytes())),
  // queries for the types (their names in the question)
  dns(0x600d, 0x0100, [1, 0, 0, 0], q(WWW, 38)),
  dns(0x600e, 0x0000, [1, 0, 0, 0], q(name("example", "com"), 250, 255)),
];

const frames = MSGS.map((m, i) =>
  udp4("10.0.0.1", "10.0.0.53", i % 3 ? 53 : 40000 + i, i % 3 ? 40000 + i : 53, m)
);

export const DNS_CASES: Case[] = [{
  name: "dns_tsig_a6",
  linkType: 101,
  packets: [
    ...frames.map((data) => ({ data })),
    // cut by the capture: inside the TSIG algorithm name, inside its fixed fields, in the MAC,
    // inside an A6 suffix, inside an A6 prefix name
    cutAt(frames[2]!, frames[2]!.length - 70),
    cutAt(frames[2]!, frames[2]!.length - 48),
    cutAt(frames[2]!, frames[2]!.length - 20),
    cutAt(frames[2]!, frames[2]!.length - 6),
    cutAt(frames[1]!, frames[1]!.length - 10),
    cutAt(frames[9]!, frames[9]!.length - 16),
    cutAt(frames[9]!, frames[9]!.length - 4),
  ],
}];
