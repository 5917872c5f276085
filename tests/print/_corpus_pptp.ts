// Golden corpus case for PPTP control messages on TCP port 1723 (RFC 2637): each of the fifteen
// message types with its fields (names, phone numbers and call statistics as strings, result and
// error codes with their names at -v, reserved fields that are not zero), a wrong magic cookie,
// an unknown message type, management messages, and messages cut inside their fields.

import { bytes, ether, tcp4, u16, u32 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const str = (s: string, n: number) => {
  const b = new Uint8Array(n);
  b.set(new TextEncoder().encode(s).subarray(0, n));
  return b;
};
/** A control message: length, message type, magic cookie, control type, reserved, body. */
const msg = (
  type: number,
  body: Uint8Array,
  o: { cookie?: number; kind?: number; rsv?: number } = {},
) =>
  bytes(
    u16(12 + body.length),
    u16(o.kind ?? 1),
    u32(o.cookie ?? 0x1a2b3c4d),
    u16(type),
    u16(o.rsv ?? 0),
    body,
  );
const seg = (payload: Uint8Array, sport = 40000, dport = 1723): Packet => ({
  data: ether(0x0800, tcp4("10.70.0.1", "10.70.0.2", sport, dport, 0x18, payload)),
});

const host = bytes(
  u32(3),
  u32(3),
  u16(65535),
  u16(0x1234),
  str("pptp-server", 64),
  str("Example Vendor", 64),
);
const BODIES: [number, Uint8Array][] = [
  [1, bytes(u16(0x0100), u16(0), host)],
  [1, bytes(u16(0x0100), u16(7), u32(1), u32(2), u16(1), u16(2), str("a\x01b", 64), str("", 64))],
  [2, bytes(u16(0x0100), 1, 0, host)],
  [2, bytes(u16(0x0100), 5, 6, host)],
  [2, bytes(u16(0x0100), 9, 9, host)],
  [3, bytes(1, 0, u16(0))],
  [3, bytes(2, 1, u16(1))],
  [3, bytes(3, 0, u16(0))],
  [3, bytes(7, 0, u16(0))],
  [4, bytes(1, 0, u16(0))],
  [4, bytes(2, 4, u16(3))],
  [5, u32(0xdeadbeef)],
  [6, bytes(u32(7), 1, 0, u16(0))],
  [6, bytes(u32(7), 2, 7, u16(0))],
  [
    7,
    bytes(
      u16(1),
      u16(2),
      u32(300),
      u32(64000),
      u32(1),
      u32(1),
      u16(64),
      u16(0),
      u16(8),
      u16(0),
      str("55512345", 64),
      str("sub", 64),
    ),
  ],
  [
    7,
    bytes(
      u16(1),
      u16(2),
      u32(300),
      u32(64000),
      u32(3),
      u32(3),
      u16(64),
      u16(0),
      u16(100),
      u16(1),
      str("5551234599", 64),
      str("", 64),
    ),
  ],
  [
    7,
    bytes(
      u16(1),
      u16(2),
      u32(300),
      u32(64000),
      u32(9),
      u32(9),
      u16(64),
      u16(0),
      u16(3),
      u16(0),
      str("5551234", 64),
      str("", 64),
    ),
  ],
  [8, bytes(u16(1), u16(2), 1, 0, u16(0), u32(64000), u16(64), u16(0), u32(9))],
  [8, bytes(u16(1), u16(2), 4, 0, u16(16), u32(0), u16(0), u16(0), u32(0))],
  [
    9,
    bytes(
      u16(5),
      u16(6),
      u32(2),
      u32(7),
      u16(4),
      u16(3),
      str("1234", 64),
      str("987", 64),
      str("x", 64),
    ),
  ],
  [10, bytes(u16(5), u16(6), 1, 0, u16(64), u16(0), u16(0))],
  [10, bytes(u16(5), u16(6), 3, 0, u16(64), u16(0), u16(9))],
  [11, bytes(u16(6), u16(0), u32(64000), u16(64), u16(0), u32(2))],
  [12, bytes(u16(5), u16(0))],
  [13, bytes(u16(5), 3, 0, u16(0), u16(0), str("calls: 1 bytes: 42", 128))],
  [13, bytes(u16(5), 1, 0, u16(0), u16(2), str("", 128))],
  [14, bytes(u16(6), u16(0), u32(1), u32(2), u32(3), u32(4), u32(5), u32(6))],
  [15, bytes(u16(6), u16(0), u32(0xffffffff), u32(0x000a0000))],
  [0, bytes(u32(0))],
  [16, bytes(u32(0))],
  [99, new Uint8Array(0)],
];
const packets: Packet[] = [];
for (const [type, body] of BODIES) packets.push(seg(msg(type, body)));
packets.push(
  seg(msg(5, u32(1), { cookie: 0x01020304 })),
  seg(msg(5, u32(1), { kind: 2 })),
  seg(msg(5, u32(1), { kind: 9, rsv: 3 })),
  seg(msg(6, bytes(u32(7), 1, 0, u16(0))), 1723, 40000),
);
const long = seg(msg(1, bytes(u16(0x0100), u16(0), host)));
for (const keep of [56, 60, 64, 66, 70, 74, 80, 84, 90, 100, 150, 200]) {
  packets.push({ data: long.data.subarray(0, keep), wireLen: long.data.length });
}

export const PPTP_CASES: Case[] = [{ name: "pptp", linkType: 1, packets }];
