// Golden corpus case for the AFS services over Rx (UDP 7000-7007): calls of the file server (fs),
// callback (cb), protection (pt), volume location (vldb), authentication (kauth), volume (vol)
// and basic overseer (bos) services, ubik database calls, and the replies and aborts tcpdump
// matches to their calls; cut arguments and over-long strings.

import { bytes, u32, udp4, udp6 } from "./_build.ts";
import type { Case } from "./_golden.ts";
import type { Packet } from "./_build.ts";

const text = (s: string) => new TextEncoder().encode(s);
/** An AFS counted string: length, bytes, padding to 4. */
const str = (s: string) => {
  const b = text(s);
  return bytes(u32(b.length), b, new Uint8Array((4 - (b.length % 4)) % 4));
};
/** A name sent one 32-bit word per character, `n` words (VECOUT). */
const vec = (s: string, n: number) =>
  bytes(...Array.from({ length: n }, (_, i) => u32(i < s.length ? s.charCodeAt(i) : 0)));
const fid = (a: number, b: number, c: number) => bytes(u32(a), u32(b), u32(c));
/** AFSStoreStatus: mask, date, owner, group, mode, segment size. */
const store = (mask: number) =>
  bytes(u32(mask), u32(1700000000), u32(1000), u32(100), u32(0o100644), u32(65536));
/** An afsUUID as 11 words. */
const UUID = bytes(
  u32(0x12345678),
  u32(0x9abc),
  u32(0xdef0),
  ...[0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef].map(u32),
);

const C = "10.2.0.1", S = "10.2.0.2";
let call = 1;
/** An Rx header: epoch, cid, call number, seq, serial, type, flags, status, security, service. */
const rxh = (callNum: number, type: number, flags: number, service: number) =>
  bytes(
    u32(0x5f000001),
    u32(0x2a0c4000),
    u32(callNum),
    u32(1),
    u32(1),
    type,
    flags,
    0,
    2,
    0,
    0,
    service >> 8,
    service & 0xff,
  );
/** A call to `port` (client-init, last packet) and its reply (DATA) or abort. */
function exchange(
  port: number,
  op: number,
  args: Uint8Array,
  reply?: Uint8Array,
  abort = false,
): Uint8Array[] {
  const n = call++;
  const out = [
    udp4(C, S, 7001 === port ? 7000 : 1042, port, bytes(rxh(n, 1, 0x05, 1), u32(op), args)),
  ];
  if (reply) {
    out.push(
      udp4(S, C, port, 7001 === port ? 7000 : 1042, bytes(rxh(n, abort ? 4 : 1, 0x04, 1), reply)),
    );
  }
  return out;
}

const ACL = "2 1\nsystem:administrators 127\nalice 9\nbob 1\n";

const FS: Uint8Array[] = [
  ...exchange(7000, 130, bytes(fid(536870919, 1, 1), u32(0), u32(65536)), u32(65536)),
  ...exchange(7000, 132, fid(536870919, 4, 2), u32(102), true),
  ...exchange(7000, 135, bytes(fid(536870919, 6, 3), store(0x40f))),
  ...exchange(7000, 133, bytes(fid(536870919, 6, 3), store(0x12), u32(0), u32(4096), u32(4096))),
  ...exchange(7000, 134, bytes(fid(536870919, 1, 1), str(ACL))),
  ...exchange(7000, 131, fid(536870919, 1, 1), str(ACL)),
  ...exchange(
    7000,
    137,
    bytes(fid(536870919, 1, 1), str("newfile"), store(0x8)),
    fid(536870919, 8, 5),
  ),
  ...exchange(7000, 141, bytes(fid(536870919, 1, 1), str("dir"), store(0)), fid(536870919, 10, 6)),
  ...exchange(7000, 136, bytes(fid(536870919, 1, 1), str("old.txt"))),
  ...exchange(7000, 138, bytes(fid(536870919, 1, 1), str("a"), fid(536870919, 12, 7), str("b"))),
  ...exchange(7000, 139, bytes(fid(536870919, 1, 1), str("ln"), str("/afs/x"))),
  ...exchange(7000, 140, bytes(fid(536870919, 1, 1), str("hard"), fid(536870919, 8, 5))),
  ...exchange(7000, 148, str("root.cell")),
  ...exchange(7000, 149, u32(536870919)),
  ...exchange(7000, 154, str("user.alice")),
  ...exchange(7000, 155, bytes(u32(3), fid(1, 2, 3), fid(4, 5, 6), fid(7, 8, 9))),
  ...exchange(7000, 65536, u32(0)),
  ...exchange(7000, 65537, bytes(fid(536870919, 6, 3), u32(1), u32(0), u32(0), u32(8192))),
  ...exchange(
    7000,
    65538,
    bytes(fid(536870919, 6, 3), store(0x1), u32(0), u32(0), u32(0), u32(10), u32(0), u32(10)),
  ),
  ...exchange(7000, 151, new Uint8Array(0), str("root.afs")),
  ...exchange(7000, 153, new Uint8Array(0), bytes(u32(1700000123), u32(500))),
  ...exchange(7000, 65541, u32(0x0a020001)),
  ...exchange(7000, 999, u32(1), u32(0xffffff9c), true),
  ...exchange(7000, 132, fid(1, 2, 3), u32(7777), true),
];

const CB: Uint8Array[] = [
  ...exchange(
    7001,
    204,
    bytes(
      u32(2),
      fid(1, 2, 3),
      fid(4, 5, 6),
      u32(2),
      u32(1),
      u32(1700003600),
      u32(1),
      u32(2),
      u32(1700007200),
      u32(2),
    ),
  ),
  ...exchange(7001, 214, UUID),
  ...exchange(7001, 213, new Uint8Array(0), UUID),
  ...exchange(7001, 206, new Uint8Array(0), u32(0xfffffff0), true),
];

const PT: Uint8Array[] = [
  ...exchange(7002, 500, bytes(str("carol"), u32(1001), u32(0))),
  ...exchange(7002, 501, u32(1001), u32(5), true),
  ...exchange(7002, 503, bytes(u32(1001), u32(-204 >>> 0))),
  ...exchange(
    7002,
    504,
    bytes(u32(2), vec("alice", 64), vec("bob", 64)),
    bytes(u32(2), u32(1000), u32(1002)),
  ),
  ...exchange(7002, 505, bytes(u32(1), u32(1000)), bytes(u32(1), vec("alice", 64))),
  ...exchange(7002, 508, u32(1000), bytes(u32(3), u32(1000), u32(-101 >>> 0), u32(-1 >>> 0))),
  ...exchange(7002, 510, new Uint8Array(0), bytes(u32(5000), u32(-500 >>> 0))),
  ...exchange(7002, 513, bytes(u32(1000), str("alice2"), u32(1000), u32(1003))),
  ...exchange(
    7002,
    10000,
    bytes(u32(1), u32(1700000000), u32(1700000000), u32(7), u32(1700000000), u32(8)),
    new Uint8Array(4),
  ),
  ...exchange(
    7002,
    10000,
    bytes(u32(0), u32(1700000000), u32(1), u32(2), u32(3), u32(4)),
    u32(1700000300),
    true,
  ),
  ...exchange(7002, 20002, bytes(u32(1), u32(2), u32(0), u32(0), u32(100), u32(2))),
  ...exchange(7002, 20012, bytes(u32(1), u32(2), u32(3), u32(4), u32(5), u32(6))),
];

/** A vldb entry with `n` servers (8 or 13), `uuids` for the U calls. */
function vlEntry(n: number, uuids: boolean, count: boolean): Uint8Array {
  return bytes(
    count ? bytes(u32(1), u32(2)) : new Uint8Array(0),
    vec("root.cell", 65),
    n === 8 ? u32(0) : new Uint8Array(0),
    u32(2),
    uuids
      ? bytes(UUID, UUID, new Uint8Array(44 * (n - 2)), new Uint8Array(52))
      : bytes(u32(0x0a000001), u32(0x0a000002), new Uint8Array(4 * (n - 2))),
    u32(0),
    u32(27),
    new Uint8Array(4 * (n - 2)),
    new Uint8Array(4 * n),
    u32(536870912),
    u32(536870913),
    u32(536870914),
  );
}

const VLDB: Uint8Array[] = [
  ...exchange(7003, 501, vec("new.vol", 65)),
  ...exchange(7003, 503, bytes(u32(536870912), u32(1)), vlEntry(8, false, false)),
  ...exchange(7003, 504, str("root.cell"), vlEntry(8, false, false)),
  ...exchange(7003, 510, u32(0), vlEntry(8, false, true)),
  ...exchange(7003, 519, str("root.cell"), vlEntry(13, false, false)),
  ...exchange(7003, 521, u32(3), vlEntry(13, false, true)),
  ...exchange(7003, 527, str("root.cell"), vlEntry(13, true, false)),
  ...exchange(7003, 505, u32(1), u32(536870999)),
  ...exchange(7003, 506, bytes(u32(536870912), u32(7), vec("x", 65))),
  ...exchange(7003, 504, str("nope"), u32(363524), true),
  ...exchange(7003, 20004, new Uint8Array(0), bytes(u32(1700000000), u32(42))),
];

const KAUTH: Uint8Array[] = [
  ...exchange(7004, 21, bytes(str("alice"), str("")), new Uint8Array(8)),
  ...exchange(
    7004,
    23,
    bytes(u32(3), str("EXAMPLE.ORG"), u32(8), new Uint8Array(8), str("afs"), str("")),
  ),
  ...exchange(7004, 4, bytes(str("bob"), str("admin"), u32(2))),
  ...exchange(7004, 12, str("carol"), u32(180490), true),
  ...exchange(7004, 99, u32(0)),
];

const VOL: Uint8Array[] = [
  ...exchange(
    7005,
    100,
    bytes(u32(0), str("user.dave"), u32(0), u32(0)),
    bytes(u32(536871000), u32(7)),
  ),
  ...exchange(
    7005,
    103,
    bytes(u32(7), u32(1700000000), u32(0x0a000002), u32(1), u32(0), u32(-1 >>> 0)),
  ),
  ...exchange(7005, 105, bytes(u32(7), u32(0), u32(2), str("user.dave.backup")), u32(536871002)),
  ...exchange(7005, 109, bytes(u32(7), u32(0))),
  ...exchange(
    7005,
    113,
    u32(7),
    bytes(
      ...Array.from({ length: 10 }, (_, i) => u32(i + 1)),
      ...Array.from({ length: 6 }, (_, i) => u32(1700000000 + i * 86400)),
    ),
  ),
  ...exchange(
    7005,
    116,
    bytes(u32(0), u32(1)),
    bytes(u32(1), vec("user.dave", 32), u32(536871000), new Uint8Array(84)),
  ),
  ...exchange(
    7005,
    128,
    bytes(u32(7), u32(0), u32(2), u32(1), u32(2), u32(3), u32(4), u32(5), u32(6)),
  ),
  ...exchange(7005, 65538, bytes(u32(7), u32(1700000000), u32(1))),
  ...exchange(7005, 112, u32(7), str("user.dave")),
  ...exchange(7005, 108, bytes(u32(536871000), u32(0), u32(1)), u32(9)),
  ...exchange(7005, 104, u32(9), u32(0)),
  ...exchange(7005, 110, u32(0), u32(1), true),
];

const BOS: Uint8Array[] = [
  ...exchange(7007, 80, bytes(str("simple"), str("fs"))),
  ...exchange(7007, 82, bytes(str("fs"), u32(1))),
  ...exchange(
    7007,
    105,
    bytes(str("/usr/afs/bin/fileserver"), u32(123456), u32(0), u32(1700000000)),
  ),
  ...exchange(7007, 90, u32(0)),
  ...exchange(7007, 83, str("fs"), bytes(u32(1), str("running"))),
  ...exchange(7007, 87, str("admin"), u32(39429), true),
];

/** Cut packets and strings tcpdump will not print. */
function cut(data: Uint8Array, keep: number): Packet {
  return { data: data.subarray(0, keep), wireLen: data.length };
}
/** A call and its reply cut to `keep` bytes. */
function cutReply(x: Uint8Array[], keep: number): Packet[] {
  return [{ data: x[0]! }, cut(x[1]!, keep)];
}
const BAD: Packet[] = [
  cut(exchange(7000, 130, bytes(fid(536870919, 1, 1), u32(0), u32(65536)))[0]!, 28 + 32 + 8),
  { data: exchange(7000, 136, bytes(fid(1, 1, 1), u32(300), new Uint8Array(300)))[0]! },
  cut(exchange(7000, 136, bytes(fid(1, 1, 1), str("a-rather-long-name")))[0]!, 28 + 32 + 24),
  cut(exchange(7002, 504, bytes(u32(1), vec("alice", 64)))[0]!, 28 + 32 + 40),
  ...cutReply(exchange(7003, 503, u32(1), vlEntry(8, false, false)), 28 + 28 + 300),
  ...cutReply(exchange(7005, 113, u32(7), new Uint8Array(64)), 28 + 28 + 20),
  ...cutReply(exchange(7000, 131, fid(1, 1, 1), str(ACL)), 28 + 28 + 12),
  ...cutReply(exchange(7001, 213, new Uint8Array(0), UUID), 28 + 28 + 30),
  cut(exchange(7004, 23, bytes(u32(3), str("EXAMPLE.ORG"), u32(800), new Uint8Array(8)))[0]!, 100),
  {
    data: udp6(
      "2001:db8::a",
      "2001:db8::b",
      1042,
      7000,
      bytes(rxh(900, 1, 0x05, 1), u32(132), fid(1, 2, 3)),
    ),
  },
  { data: udp6("2001:db8::b", "2001:db8::a", 7000, 1042, bytes(rxh(900, 4, 0x04, 1), u32(101))) },
  ...cutReply(exchange(7007, 87, str("admin"), u32(1), true), 28 + 28 + 2),
  ...cutReply(exchange(7004, 12, str("carol"), u32(1), true), 28 + 28 + 2),
];

export const RX_CASES: Case[] = [{
  name: "afs_calls",
  linkType: 101,
  packets: [...FS, ...CB, ...PT, ...VLDB, ...KAUTH, ...VOL, ...BOS].map((data) =>
    ({ data }) as Packet
  )
    .concat(BAD),
}];
