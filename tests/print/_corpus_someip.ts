// Golden corpus case for AUTOSAR SOME/IP on UDP port 30490: the 16-byte header with events and
// methods, every message type and return code tcpdump names and ones it does not, datagrams
// shorter than the header, captures cut inside it, the port from either side and against PTP's
// (tried first); the same bytes over TCP, which tcpdump 4.99.3 does not decode.

import { bytes, ether, tcp4, u32, udp4 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const hdr = (id: number, len: number, req: number, pv: number, iv: number, t: number, rc: number) =>
  bytes(u32(id), u32(len), u32(req), pv, iv, t, rc);
const udp = (sport: number, dport: number, b: Uint8Array): Packet => ({
  data: ether(0x0800, udp4("10.90.0.1", "10.90.0.2", sport, dport, b)),
});

const TYPES = [0x00, 0x01, 0x02, 0x80, 0x81, 0x20, 0x21, 0x22, 0xa0, 0xa1, 0x55];
const packets: Packet[] = [];
TYPES.forEach((t, i) =>
  packets.push(udp(40000, 30490, hdr(0x12348001 + i, 8, 0x00010002, 1, 1, t, i)))
);
for (const rc of [0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0xff]) {
  packets.push(udp(30490, 40000, hdr(0x00010001, 16, 0xffff0001, 1, 3, 0x80, rc)));
}
packets.push(
  udp(40000, 30490, hdr(0xffffffff, 0, 0, 0xff, 0xff, 0x02, 0)),
  udp(40000, 30490, bytes("0102030405")),
  udp(40000, 30490, new Uint8Array(0)),
  udp(40000, 30490, hdr(1, 2, 3, 4, 5, 0, 0).subarray(0, 15)),
  udp(319, 30490, hdr(1, 2, 3, 4, 5, 0, 0)),
  {
    data: ether(
      0x0800,
      tcp4("10.90.0.1", "10.90.0.2", 30490, 40000, 0x18, hdr(1, 2, 3, 4, 5, 0, 0)),
    ),
  },
);
const whole = udp(30490, 30490, hdr(0x12348001, 8, 0x00010002, 1, 1, 0x02, 0)).data;
for (const keep of [43, 46, 50, 52, 54, 55, 56, 57]) {
  packets.push({ data: whole.subarray(0, keep), wireLen: whole.length });
}

export const SOMEIP_CASES: Case[] = [{ name: "someip", linkType: 1, packets }];
