// Golden corpus case for timed, the BSD time synchronization protocol on UDP port 525: every
// message type (and one past them), the hop count of TSP_LOOP, the times of the four types that
// carry one (negative seconds, a negative microsecond field), host names with bytes to escape,
// and messages cut before and inside the name.

import { bytes, ether, u16, u32, udp4 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const NAME = new TextEncoder().encode("clock.example");
const tsp = (type: number, a: number, b: number, name: Uint8Array = NAME, vers = 1, seq = 7) =>
  bytes(type, vers, u16(seq), u32(a), u32(b), name, 0);
const udp = (payload: Uint8Array, sport = 525, dport = 525): Packet => ({
  data: ether(0x0800, udp4("10.40.0.1", "10.40.0.2", sport, dport, payload)),
});

const packets: Packet[] = [];
for (let type = 0; type <= 25; type++) packets.push(udp(tsp(type, 1700000000, 250000)));
packets.push(
  udp(tsp(24, 0x05000000, 0)), // hop count 5
  udp(tsp(1, -3 >>> 0, 500000)), // -3 s + 0.5 s: -2.500000
  udp(tsp(5, -1 >>> 0, 1)), // -1 s + 1 µs: -0.999999
  udp(tsp(22, -1 >>> 0, 0)),
  udp(tsp(23, 12, -5 >>> 0)), // a negative microsecond field: nothing after the sequence
  udp(tsp(1, 0, 2000000)), // more than a second of microseconds
  udp(tsp(2, 0, 0, bytes(0x41, 0x08, 0x7f, 0xc1, 0x20, 0x42))),
  udp(tsp(2, 0, 0, new Uint8Array(0)), 40000, 525),
  udp(tsp(3, 0, 0), 525, 40000),
);
const long = udp(tsp(2, 0, 0, new Uint8Array(300).fill(0x61)));
packets.push({ data: long.data.subarray(0, long.data.length - 2) }); // 256 bytes, no NUL read
for (const keep of [43, 45, 46, 50, 54, 60]) {
  const p = udp(tsp(5, 1, 2));
  packets.push({ data: p.data.subarray(0, keep), wireLen: p.data.length });
}

export const TIMED_CASES: Case[] = [{ name: "timed", linkType: 1, packets }];
