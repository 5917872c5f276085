// Golden corpus case for two protocols Debian's tcpdump 4.99.3 does not decode (it is built without
// ENABLE_SMB and has no QUIC printer): SMB2 requests and responses over NetBIOS session service
// framing on TCP 445, and QUIC long and short header packets (RFC 9000, RFC 9369) on UDP 443. They
// print as the plain TCP and UDP lines, which is what tcpdump prints for them.

import { bytes, tcp4, u16, u32, udp4, udp6 } from "./_build.ts";
import { tcpOpt } from "./_corpus_app2.ts";
import type { Case } from "./_golden.ts";

/** An SMB2 header (MS-SMB2 2.2.1.2): command, flags (1: response), message id, then the body. */
function smb2(command: number, response: boolean, messageId: number, body: Uint8Array): Uint8Array {
  const hdr = bytes(
    "fe534d42",
    u16(0x4000), // structure size 64, little-endian
    u16(0x0100), // credit charge 1
    u32(0),
    command,
    0,
    u16(0x0100), // credits 1
    u32(response ? 0x01000000 : 0),
    u32(0),
    u32(messageId << 24),
    u32(0),
    u32(0xfeff0000),
    u32(0x01000000),
    u32(0x00000000),
    u32(0x11223344),
    u32(0x55667788),
    new Uint8Array(16),
  );
  const msg = bytes(hdr, body);
  return bytes(0, 0, u16(msg.length), msg); // NetBIOS session message, 24-bit length
}

const SMB: Uint8Array[] = [
  tcp4("10.3.0.1", "10.3.0.2", 49200, 445, 0x18, smb2(1, false, 1, bytes("1900000001000000"))),
  tcp4("10.3.0.2", "10.3.0.1", 445, 49200, 0x18, smb2(1, true, 1, bytes("0900000048000000"))),
  tcp4("10.3.0.1", "10.3.0.2", 49200, 445, 0x18, smb2(3, false, 2, bytes("0900000048004200"))),
  tcp4("10.3.0.2", "10.3.0.1", 445, 49200, 0x18, smb2(3, true, 2, bytes("1000010000000000"))),
  tcp4("10.3.0.1", "10.3.0.2", 49200, 445, 0x18, smb2(5, false, 3, new Uint8Array(56))),
  tcp4("10.3.0.1", "10.3.0.2", 49200, 445, 0x18, smb2(8, false, 4, new Uint8Array(48))),
  tcp4("10.3.0.2", "10.3.0.1", 445, 49200, 0x18, smb2(8, true, 4, new Uint8Array(80))),
  tcp4("10.3.0.1", "10.3.0.2", 49200, 445, 0x18, smb2(6, false, 5, new Uint8Array(24))),
  tcpOpt(true, 49300, 445, 0x18, new Uint8Array(0), smb2(0, false, 0, bytes("24000200"))),
  tcp4("10.3.0.1", "10.3.0.2", 49201, 445, 0x02, new Uint8Array(0), 7000),
];

/** A QUIC long header (RFC 9000 17.2): first byte, version, connection ids, the rest. */
const long = (first: number, version: number, rest: Uint8Array) =>
  bytes(first, u32(version), 8, "0102030405060708", 4, "a1a2a3a4", rest);

const QUIC: Uint8Array[] = [
  udp4("10.3.0.1", "10.3.0.2", 51000, 443, long(0xc3, 1, bytes(0, 0x41, 0x20, new Uint8Array(40)))),
  udp4("10.3.0.2", "10.3.0.1", 443, 51000, long(0xe1, 1, bytes(0x40, 0x30, new Uint8Array(48)))),
  udp4("10.3.0.1", "10.3.0.2", 51000, 443, long(0xd2, 1, bytes(0x40, 0x18, new Uint8Array(24)))),
  udp4("10.3.0.2", "10.3.0.1", 443, 51000, long(0xf0, 1, new Uint8Array(32))), // Retry
  udp4("10.3.0.2", "10.3.0.1", 443, 51000, long(0x80, 0, bytes(u32(1), u32(0x6b3343cf)))), // VN
  udp4("10.3.0.1", "10.3.0.2", 51000, 443, long(0xd3, 0x6b3343cf, new Uint8Array(44))), // v2
  udp4("10.3.0.1", "10.3.0.2", 51000, 443, bytes(0x41, "0102030405060708", new Uint8Array(30))),
  udp6(
    "2001:db8::a",
    "2001:db8::b",
    52000,
    443,
    long(0xc0, 1, bytes(0, 0x40, 0x10, new Uint8Array(16))),
  ),
  udp6("2001:db8::b", "2001:db8::a", 443, 52000, bytes(0x5f, "a1a2a3a4", new Uint8Array(20))),
  udp4("10.3.0.1", "10.3.0.2", 51000, 443, new Uint8Array(0)), // empty datagram
];

export const SMB_QUIC_CASES: Case[] = [{
  name: "smb_quic",
  linkType: 101,
  packets: [...SMB, ...QUIC].map((data) => ({ data })),
}];
