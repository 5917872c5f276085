// Golden cases that bring protocols of issue 13 to at least 20 packets each (see
// tests/print/coverage.ts): more Kerberos (v5 message types and v4 requests, over UDP/IPv4 and
// IPv6) and more Telnet negotiation (options and subnegotiations the telnet case lacks).

import { bytes, ipv6, tcp4, u32, udp4, udp6 } from "./_build.ts";
import { tcpOpt } from "./_corpus_app2.ts";
import type { Case } from "./_golden.ts";

const text = (s: string) => new TextEncoder().encode(s);
const z = (s: string) => bytes(text(s), 0);

/** Kerberos: v5 application tags (AS-REQ/REP, TGS-REQ/REP, AP-REQ/REP, KRB-ERROR) and v4 requests. */
const KRB: Uint8Array[] = [
  bytes("6a81a030819da103020105a20302010a"), // AS-REQ
  bytes("6b8202a0308202"), // AS-REP
  bytes("6c8201c0308201"), // TGS-REQ
  bytes("6d8201f0308201"), // TGS-REP
  bytes("6e81f030"), // AP-REQ
  bytes("6f3e303c"), // AP-REP
  bytes("7e5f305d"), // KRB-ERROR
  bytes(
    4,
    2,
    z("carol"),
    z("root"),
    z("EXAMPLE.ORG"),
    u32(0x60000000),
    255,
    z("krbtgt"),
    z("EXAMPLE.ORG"),
  ),
  bytes(4, 3, z("dave"), z(""), z("EXAMPLE.ORG"), u32(2), 1, z("ftp"), z("files")),
  bytes(4, 10, z("dave"), z(""), z("EXAMPLE.ORG"), u32(2), u32(3), z("Password incorrect")),
];

/** Telnet: linemode, environment, X display, remote flow control, echo and status negotiation. */
const IAC = 255, WILL = 251, WONT = 252, DO = 253, DONT = 254, SB = 250, SE = 240;
const TELNET: Uint8Array[] = [
  bytes(IAC, DO, 34, IAC, WILL, 34), // LINEMODE
  bytes(IAC, SB, 34, 1, 3, IAC, SE), // LINEMODE MODE
  bytes(IAC, SB, 39, 0, 0, text("USER"), 1, text("alice"), IAC, SE), // NEW-ENVIRON IS
  bytes(IAC, SB, 35, 0, text("host:0"), IAC, SE), // X-DISPLAY-LOCATION IS
  bytes(IAC, WILL, 33, IAC, SB, 33, 1, IAC, SE), // TOGGLE-FLOW-CONTROL
  bytes(IAC, WONT, 1, IAC, DONT, 3, IAC, DO, 5), // ECHO, SUPPRESS GO AHEAD, STATUS
  bytes(IAC, SB, 5, 1, IAC, SE), // STATUS SEND
  bytes(IAC, WILL, 0, IAC, DO, 0), // BINARY
];

/** MPLS-in-UDP (RFC 7510, UDP 6635): label stacks of one to three entries over IPv4 and IPv6 UDP. */
function mplsUdp(i: number): Uint8Array {
  const depth = 1 + (i % 3);
  const labels = Array.from(
    { length: depth },
    (_, k) =>
      u32((16 + i * 10 + k) << 12 | (k % 8) << 9 | (k === depth - 1 ? 1 << 8 : 0) | (64 - k)),
  );
  const inner = [
    udp4("10.1.0.1", "10.2.0.1", 4000 + i, 9, new Uint8Array(i % 4)),
    ipv6("2001:db8::1", "2001:db8::2", 59, new Uint8Array(0)),
    tcp4("10.1.0.1", "10.2.0.1", 5000 + i, 80, 0x02, new Uint8Array(0), i),
    bytes("0000000012345678"),
  ][i % 4]!;
  const payload = i === 21 ? bytes(0, 1) : bytes(...labels, inner);
  return i % 2 ? udp6("2001:db8:f::1", "2001:db8:f::2", 50000 + i, 6635, payload) : udp4(
    "192.0.2.1",
    "192.0.2.2",
    i % 4 === 2 ? 6635 : 50000 + i,
    i % 4 === 2 ? 50000 + i : 6635,
    payload,
  );
}

export const GAP_CASES: Case[] = [
  {
    name: "mpls_udp",
    linkType: 101,
    packets: Array.from({ length: 22 }, (_, i) => ({ data: mplsUdp(i) })),
  },
  {
    name: "kerberos_more",
    linkType: 101,
    packets: KRB.map((m, i) => ({
      data: i % 3 === 1
        ? udp6("2001:db8::1", "2001:db8::2", 42000 + i, 88, m)
        : udp4("10.0.0.1", "10.0.0.2", i % 2 ? 88 : 42000 + i, i % 2 ? 42000 + i : 88, m),
    })),
  },
  {
    name: "telnet_more",
    linkType: 101,
    packets: TELNET.map((m, i) => ({
      data: tcpOpt(
        i % 3 === 2,
        i % 2 ? 23 : 51000 + i,
        i % 2 ? 51000 + i : 23,
        0x18,
        new Uint8Array(0),
        m,
        7000 + i,
        100,
      ),
    })),
  },
];
