// Golden corpus case for NFS over Sun RPC: NFS version 3 (RFC 1813) and version 2 (RFC 1094)
// calls and their replies (RFC 5531 message layout, AUTH_UNIX and AUTH_NONE credentials) on UDP
// port 2049 over IPv4 and IPv6 and on TCP port 2049 with record marking; file handles of the
// layouts tcpdump's parser tells apart; RPC-level rejections, an unmatched reply and cut
// packets.

import { bytes, tcp4, u32, udp4, udp6 } from "./_build.ts";
import type { Case } from "./_golden.ts";
import type { Packet } from "./_build.ts";

const text = (s: string) => new TextEncoder().encode(s);
const u64 = (hi: number, lo: number) => bytes(u32(hi), u32(lo));
/** An XDR opaque or string: length, bytes, padding to 4. */
const opaque = (b: Uint8Array) => bytes(u32(b.length), b, new Uint8Array((4 - (b.length % 4)) % 4));
const str = (s: string) => opaque(text(s));

/** AUTH_UNIX credentials (RFC 5531 appendix A): stamp, machine name, uid, gid, gids. */
const AUTH_UNIX = bytes(
  u32(1),
  opaque(bytes(u32(0x5f5e100), str("client"), u32(1000), u32(1000), u32(1), u32(1000))),
);
const AUTH_NONE = bytes(u32(0), u32(0));

/** An RPC call to NFS (program 100003). */
const call = (xid: number, vers: number, proc: number, args: Uint8Array, cred = AUTH_UNIX) =>
  bytes(u32(xid), u32(0), u32(2), u32(100003), u32(vers), u32(proc), cred, AUTH_NONE, args);
/** An accepted RPC reply with the accept status and results. */
const reply = (xid: number, results: Uint8Array, astat = 0) =>
  bytes(u32(xid), u32(1), u32(0), AUTH_NONE, u32(astat), results);

/** A Linux knfsd handle (version 1, UUID fsid): tcpdump prints "fh Unknown/<hex>". */
const FH_LINUX = bytes("01000601 0a1b2c3d 4e5f6071 8293a4b5 c6d7e8f9 00000081 0002a4c1 5ee7d2f0");
/** BSD 4.4 layout: bytes 2-3 and 6-7 zero, inode little-endian at 12. */
const FH_BSD = bytes("05030000 0c000000 0a000000 39300000 00000000 00000000 00000000 00000000");
/** SunOS 5 layout: byte 9 is 10 after a nonzero byte 2-3. */
const FH_SUN5 = bytes("0080001a 00000002 000a0000 00001f40 00000000 00000000 00000000 00000000");
/** Auspex: the first four bytes zero. */
const FH_AUSPEX = bytes("00000000 00000703 00000000 0000beef 00000000 00000000 00000000 00000000");
/** SunOS 4 by elimination (bytes 0-1 zero, 2-3 not). */
const FH_SUN4 = bytes("00000701 00000005 0000000a 00002710 00000000 00000000 00000000 00000000");
/** Ultrix: bytes 21 and 23 zero. */
const FH_ULTRIX = bytes("0a0b0000 11223344 55667788 99aabbcc 01020304 05000600 00000000 00000000");
/** VMS UCX: a code byte, a device name, NULs. */
const FH_VMS = bytes("01445541 303a0000 00000000 00000000 00000000 00003412 0000ab01 00000000");
/** OSF (DEC): bytes 8-9 are 12, 0. */
const FH_OSF = bytes("03001001 07000000 0c000000 21430000 00000000 00000000 00000000 00000000");
/** HP-UX 9: bytes 4-7 zero, 8-9 are 0, 10. */
const FH_HPUX = bytes("07010203 00000000 000a0000 00000064 00000000 00000000 00000000 00000000");
/** IRIX 4: bytes 4-7 are 0, 8, 0, 0. */
const FH_IRIX = bytes("00000102 00080000 0000abcd 00000000 00000000 00000000 00000000 00000000");

const fh3 = (fh: Uint8Array) => opaque(fh);

/** fattr3: type, mode, nlink, uid, gid, size, used, rdev, fsid, fileid, a/m/ctime. */
const fattr3 = (type: number, mode: number, size: number, fileid: number) =>
  bytes(
    u32(type),
    u32(mode),
    u32(2),
    u32(1000),
    u32(0xfffffffe),
    u64(0, size),
    u64(0, 4096),
    u32(0),
    u32(0),
    u64(0x12, 0x3456789a),
    u64(0, fileid),
    u32(1700000000),
    u32(123456),
    u32(1700000100),
    u32(5),
    u32(1700000200),
    u32(999999),
  );
const post = (a: Uint8Array) => bytes(u32(1), a);
const NO_ATTR = u32(0);
/** wcc_data: pre-op attributes (size, mtime, ctime), then post-op attributes. */
const wcc = (a: Uint8Array) =>
  bytes(u32(1), u64(0, 512), u32(1699999000), u32(1), u32(1699999001), u32(2), post(a));
const DIR = fattr3(2, 0o40755, 4096, 2);
const FILE = fattr3(1, 0o100644, 12345, 77);

/** fattr (version 2): type, mode, nlink, uid, gid, size, blocksize, rdev, blocks, fsid, fileid, times. */
const fattr2 = bytes(
  u32(1),
  u32(0o100600),
  u32(1),
  u32(0),
  u32(0),
  u32(2048),
  u32(4096),
  u32(0),
  u32(4),
  u32(0x801),
  u32(0x1234),
  u32(1600000000),
  u32(1),
  u32(1600000001),
  u32(2),
  u32(1600000002),
  u32(3),
);
/** sattr3 with mode, uid, gid set, size not, atime and mtime from the client. */
const SATTR = bytes(
  u32(1),
  u32(0o644),
  u32(1),
  u32(1000),
  u32(1),
  u32(100),
  u32(0),
  u32(2),
  u32(1700000000),
  u32(42),
  u32(2),
  u32(1700000001),
  u32(43),
);

const C = "10.0.0.1", S = "10.0.0.2";
const cu = (msg: Uint8Array, sport = 876) => udp4(C, S, sport, 2049, msg);
const su = (msg: Uint8Array, dport = 876) => udp4(S, C, 2049, dport, msg);

/** NFSv3 calls and replies, each call followed by its reply. */
const V3: Uint8Array[] = [
  cu(call(0x1001, 3, 0, new Uint8Array(0), AUTH_NONE)),
  su(reply(0x1001, new Uint8Array(0))),
  cu(call(0x1002, 3, 1, fh3(FH_LINUX))),
  su(reply(0x1002, bytes(u32(0), FILE))),
  cu(call(0x1003, 3, 3, bytes(fh3(FH_LINUX), str("notes.txt")))),
  su(reply(0x1003, bytes(u32(0), fh3(FH_BSD), post(FILE), post(DIR)))),
  cu(call(0x1004, 3, 3, bytes(fh3(FH_LINUX), str("missing")))),
  su(reply(0x1004, bytes(u32(2), post(DIR)))),
  cu(call(0x1005, 3, 4, bytes(fh3(FH_BSD), u32(0x1f)))),
  su(reply(0x1005, bytes(u32(0), post(FILE), u32(0x1f)))),
  cu(call(0x1006, 3, 6, bytes(fh3(FH_BSD), u64(0, 8192), u32(4096)))),
  su(reply(0x1006, bytes(u32(0), post(FILE), u32(4096), u32(1), opaque(new Uint8Array(16))))),
  cu(
    call(0x1007, 3, 7, bytes(fh3(FH_BSD), u64(1, 0), u32(16), u32(2), opaque(new Uint8Array(16)))),
  ),
  su(reply(0x1007, bytes(u32(0), wcc(FILE), u32(16), u32(2), u64(0xdeadbeef, 0x01020304)))),
  cu(call(0x1008, 3, 8, bytes(fh3(FH_LINUX), str("new.c"), u32(0), SATTR))),
  su(reply(0x1008, bytes(u32(0), u32(1), fh3(FH_SUN5), post(FILE), wcc(DIR)))),
  cu(call(0x1009, 3, 9, bytes(fh3(FH_LINUX), str("subdir"), SATTR))),
  su(reply(0x1009, bytes(u32(17), wcc(DIR)))),
  cu(call(0x100a, 3, 10, bytes(fh3(FH_LINUX), str("link"), SATTR, str("/etc/target")))),
  su(
    reply(
      0x100a,
      bytes(u32(0), u32(1), fh3(FH_AUSPEX), post(fattr3(5, 0o120777, 11, 9)), wcc(DIR)),
    ),
  ),
  cu(call(0x100b, 3, 11, bytes(fh3(FH_LINUX), str("ttyX"), u32(4), SATTR, u32(4), u32(64)))),
  su(reply(0x100b, bytes(u32(0), u32(0), wcc(DIR)))),
  cu(call(0x100c, 3, 12, bytes(fh3(FH_LINUX), str("old.o")))),
  su(reply(0x100c, bytes(u32(0), wcc(DIR)))),
  cu(call(0x100d, 3, 13, bytes(fh3(FH_LINUX), str("subdir")))),
  su(reply(0x100d, bytes(u32(66), wcc(DIR)))),
  cu(call(0x100e, 3, 14, bytes(fh3(FH_LINUX), str("a"), fh3(FH_SUN4), str("b")))),
  su(reply(0x100e, bytes(u32(0), wcc(DIR), wcc(DIR)))),
  cu(call(0x100f, 3, 15, bytes(fh3(FH_ULTRIX), fh3(FH_LINUX), str("hard")))),
  su(reply(0x100f, bytes(u32(0), post(FILE), wcc(DIR)))),
  cu(call(0x1010, 3, 16, bytes(fh3(FH_LINUX), u64(0, 0), u64(0x11223344, 0x55667788), u32(4096)))),
  su(reply(0x1010, bytes(u32(0), post(DIR), u64(0xa1b2c3d4, 0x5e6f7081), u32(0), u32(1)))),
  cu(
    call(
      0x1011,
      3,
      17,
      bytes(fh3(FH_LINUX), u64(0xffffffff, 0xffffffff), u64(1, 2), u32(1024), u32(32768)),
    ),
  ),
  su(reply(0x1011, bytes(u32(10003), post(DIR)))),
  cu(call(0x1012, 3, 18, fh3(FH_VMS))),
  su(
    reply(
      0x1012,
      bytes(
        u32(0),
        post(DIR),
        u64(1, 0),
        u64(0, 0x40000000),
        u64(0, 0x3f000000),
        u64(0, 65536),
        u64(0, 60000),
        u64(0, 59999),
        u32(0),
      ),
    ),
  ),
  cu(call(0x1013, 3, 19, fh3(FH_OSF))),
  su(
    reply(
      0x1013,
      bytes(
        u32(0),
        NO_ATTR,
        u32(1048576),
        u32(1048576),
        u32(4096),
        u32(1048576),
        u32(1048576),
        u32(4096),
        u32(4096),
        u64(0x7fffffff, 0xffffffff),
        u32(0),
        u32(1),
        u32(0x1b),
      ),
    ),
  ),
  cu(call(0x1014, 3, 20, fh3(FH_HPUX))),
  su(reply(0x1014, bytes(u32(0), post(DIR), u32(32000), u32(255), u32(1), u32(1), u32(0), u32(1)))),
  cu(call(0x1015, 3, 21, bytes(fh3(FH_IRIX), u64(0, 0), u32(0)))),
  su(reply(0x1015, bytes(u32(0), wcc(FILE), u64(0x01020304, 0x05060708)))),
  cu(call(0x1016, 3, 2, bytes(fh3(FH_BSD), SATTR, u32(0)))),
  su(reply(0x1016, bytes(u32(1), wcc(FILE)))),
  cu(call(0x1017, 3, 5, fh3(FH_AUSPEX))),
  su(reply(0x1017, bytes(u32(0), post(fattr3(5, 0o120777, 7, 9)), str("../lib")))),
  cu(call(0x1018, 3, 4, bytes(fh3(FH_BSD), u32(0x3f)))),
  su(reply(0x1018, bytes(u32(13), NO_ATTR))),
  cu(call(0x1019, 3, 4, bytes(fh3(FH_BSD), u32(0x45)))),
  cu(call(0x101a, 3, 6, bytes(fh3(bytes("0102030405060708")), u64(0, 0), u32(512)))),
  cu(call(0x101b, 3, 22, bytes(fh3(FH_BSD)))),
  su(reply(0x101b, u32(0))),
];

/** NFSv2 calls and replies (32-byte handles, the version 2 procedure numbers). */
const V2: Uint8Array[] = [
  cu(call(0x2001, 2, 1, FH_SUN5)),
  su(reply(0x2001, bytes(u32(0), fattr2))),
  cu(call(0x2002, 2, 4, bytes(FH_SUN5, str("etc")))),
  su(reply(0x2002, bytes(u32(0), FH_SUN4, fattr2))),
  cu(call(0x2003, 2, 6, bytes(FH_SUN4, u32(1024), u32(1024), u32(0)))),
  su(reply(0x2003, bytes(u32(0), fattr2, opaque(new Uint8Array(8))))),
  cu(call(0x2004, 2, 8, bytes(FH_SUN4, u32(0), u32(4096), u32(8192), opaque(new Uint8Array(8))))),
  su(reply(0x2004, bytes(u32(0), fattr2))),
  cu(call(0x2005, 2, 16, bytes(FH_SUN5, u32(0), u32(8192)))),
  su(reply(0x2005, bytes(u32(0), u32(0), u32(1)))),
  cu(call(0x2006, 2, 17, FH_SUN5)),
  su(reply(0x2006, bytes(u32(0), u32(8192), u32(1024), u32(100000), u32(5000), u32(4000)))),
  cu(call(0x2007, 2, 10, bytes(FH_SUN5, str("tmpfile")))),
  su(reply(0x2007, u32(13))),
  cu(call(0x2008, 2, 9, bytes(FH_SUN5, str("made"), new Uint8Array(32)))),
  su(reply(0x2008, bytes(u32(28)))),
  cu(call(0x2009, 2, 3, FH_SUN5)),
  cu(call(0x200a, 4, 1, bytes(u32(0), u32(0)))),
];

/** RPC-level replies: rejections, accept errors, a reply to no call seen. */
const RPC: Uint8Array[] = [
  cu(call(0x3001, 3, 1, fh3(FH_BSD))),
  su(bytes(u32(0x3001), u32(1), u32(1), u32(0), u32(2), u32(2))), // RPC_MISMATCH 2-2
  cu(call(0x3002, 3, 1, fh3(FH_BSD))),
  su(bytes(u32(0x3002), u32(1), u32(1), u32(1), u32(5))), // AUTH_ERROR too weak
  su(bytes(u32(0x3003), u32(1), u32(1), u32(1), u32(42))), // unknown auth failure code
  su(bytes(u32(0x3004), u32(1), u32(1), u32(7))), // unknown reject reason
  su(bytes(u32(0x3005), u32(1), u32(9))), // unknown reply status
  cu(call(0x3006, 3, 1, fh3(FH_BSD))),
  su(reply(0x3006, new Uint8Array(0), 3)), // PROC_UNAVAIL
  cu(call(0x3007, 3, 6, fh3(FH_BSD))),
  su(reply(0x3007, new Uint8Array(0), 9)), // ar_stat 9
  su(reply(0x3999, bytes(u32(0), FILE))), // no call with this xid
  udp4(S, C, 876, 2049, reply(0x3008, u32(0))), // a reply sent to the port: plain UDP
  udp4(C, S, 2049, 876, call(0x3009, 3, 1, fh3(FH_BSD))), // a call from the port: plain UDP
  cu(bytes(u32(0x300a), u32(0))), // cut before the procedure
];

/** Over IPv6 UDP and over TCP with record marking. */
const C6 = "2001:db8::1", S6 = "2001:db8::2";
const OTHER: Uint8Array[] = [
  udp6(C6, S6, 901, 2049, call(0x4001, 3, 1, fh3(FH_LINUX))),
  udp6(S6, C6, 2049, 901, reply(0x4001, bytes(u32(0), DIR))),
  udp6(C6, S6, 901, 2049, call(0x4002, 3, 3, bytes(fh3(FH_LINUX), str("v6")))),
  udp6(S6, C6, 2049, 901, reply(0x4002, bytes(u32(2), NO_ATTR))),
  tcp4(C, S, 777, 2049, 0x18, rm(call(0x5001, 3, 1, fh3(FH_BSD))), 1, 1),
  tcp4(S, C, 2049, 777, 0x18, rm(reply(0x5001, bytes(u32(0), FILE))), 1, 113),
  tcp4(C, S, 777, 2049, 0x18, rm(call(0x5002, 3, 6, bytes(fh3(FH_BSD), u64(0, 0), u32(64))))),
  tcp4(S, C, 2049, 777, 0x18, rm(reply(0x5002, bytes(u32(0), post(FILE), u32(64), u32(0))))),
  tcp4(C, S, 777, 2049, 0x18, bytes("80"), 300, 1), // shorter than a record mark
  tcp4(C, S, 80, 2049, 0x18, rm(call(0x5003, 3, 0, new Uint8Array(0))), 1, 1), // HTTP first
  cu(call(0x5004, 2, 16, bytes(FH_SUN5, u32(0), u32(8192)))),
  su(reply(0x5004, bytes(u32(0), u32(0), u32(4096), u32(1)))),
];

/** A record-marked message (RFC 5531 section 11): last fragment, its length. */
function rm(msg: Uint8Array): Uint8Array {
  return bytes(u32(0x80000000 | msg.length), msg);
}

/** Cut by the capture: mid handle, mid attributes, mid name. */
function cut(data: Uint8Array, keep: number): Packet {
  return { data: data.subarray(0, keep), wireLen: data.length };
}
const CUT: Packet[] = [
  { data: cu(call(0x6001, 3, 1, fh3(FH_LINUX))) },
  cut(su(reply(0x6001, bytes(u32(0), FILE))), 28 + 24 + 30),
  cut(cu(call(0x6002, 3, 3, bytes(fh3(FH_LINUX), str("a-long-file-name")))), 28 + 92 + 40),
  cut(cu(call(0x6003, 3, 6, bytes(fh3(FH_LINUX), u64(0, 0), u32(4096)))), 28 + 92 + 10),
  cut(cu(call(0x6004, 3, 6, bytes(fh3(FH_LINUX), u64(0, 0), u32(4096)))), 28 + 20),
  cut(su(reply(0x6001, bytes(u32(0), FILE))), 28 + 10),
  { data: cu(call(0x6005, 3, 1, bytes(u32(0xfffffffd)))) },
  { data: cu(call(0x6006, 3, 3, bytes(fh3(FH_BSD), u32(0xfffffffe)))) },
];

export const NFS_CASES: Case[] = [{
  name: "nfs",
  linkType: 101,
  // -u: the handles undecoded.
  flags: [[], ["-v"], ["-vv"], ["-u"], ["-u", "-vv"]],
  packets: [...V3, ...V2, ...RPC, ...OTHER].map((data) => ({ data } as Packet)).concat(CUT),
}];

/**
 * tcpdump's rings of the last 64 calls: 65 NFS calls, then replies to the first (pushed out:
 * no procedure) and the last; a repeated xid matches the copy the search meets first. The same
 * for 65 Rx calls to the file server and their replies.
 */
function rings(): Packet[] {
  const out: Packet[] = [];
  for (let i = 0; i < 65; i++) out.push({ data: cu(call(0x7000 + i, 3, 1, fh3(FH_BSD))) });
  out.push({ data: su(reply(0x7000, bytes(u32(0), FILE))) });
  out.push({ data: su(reply(0x7040, bytes(u32(0), FILE))) });
  out.push({ data: cu(call(0x7100, 3, 6, bytes(fh3(FH_BSD), u64(0, 0), u32(10)))) });
  out.push({ data: cu(call(0x7100, 3, 1, fh3(FH_BSD))) });
  out.push({ data: su(reply(0x7100, bytes(u32(0), FILE))) });
  out.push({ data: su(reply(0x7100, bytes(u32(0), FILE))) });
  const rx = (n: number, type: number, flags: number, body: Uint8Array) =>
    bytes(u32(1), u32(2), u32(n), u32(1), u32(1), type, flags, 0, 0, 0, 0, 0, 1, body);
  for (let i = 0; i < 65; i++) {
    out.push({
      data: udp4(C, S, 7001, 7000, rx(100 + i, 1, 0x05, bytes(u32(132), u32(1), u32(i), u32(1)))),
    });
  }
  out.push({ data: udp4(S, C, 7000, 7001, rx(100, 4, 0x04, u32(102))) });
  out.push({ data: udp4(S, C, 7000, 7001, rx(164, 4, 0x04, u32(102))) });
  return out;
}

NFS_CASES.push({ name: "call_rings", linkType: 101, packets: rings() });
