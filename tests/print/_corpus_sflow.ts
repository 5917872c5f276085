// Golden corpus case for sFlow version 5 on UDP port 6343 (sflow_version_5.txt): datagrams from
// an IPv4 and an IPv6 agent with compact and expanded flow and counter samples, every record
// tcpdump decodes (raw packet header, Ethernet frame, extended switch data; generic, Ethernet,
// token ring, 100BaseVG, VLAN and processor counters), records it only names or dumps, another
// enterprise's, versions 2 and 4, a zero sample, and datagrams cut inside each part.

import { bytes, ether, u32, udp4 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

/** A 64-bit counter. */
const u64 = (hi: number, lo: number) => bytes(u32(hi), u32(lo));
/** A record or sample: its format word, its length, its body. */
const tlv = (format: number, body: Uint8Array) => bytes(u32(format), u32(body.length), body);
/** Counting words: 1, 2, 3, ... from `start`, so every field prints a different number. */
const words = (n: number, start = 1) =>
  bytes(...Array.from({ length: n }, (_, i) => u32(start + i)));

/** The inner frame a raw packet header record carries (its first 64 bytes). */
const INNER = ether(0x0800, udp4("192.0.2.1", "192.0.2.2", 1234, 53, new Uint8Array(20)));

const rawPacket = tlv(
  1,
  bytes(u32(1), u32(INNER.length + 4), u32(4), u32(64), INNER.subarray(0, 64)),
);
const ethernetFrame = tlv(2, bytes(u32(1518), "0200000000010000", "0200000000020000", u32(0x0800)));
const ipv4Data = tlv(3, words(8));
const ipv6Data = tlv(4, words(14));
const switchData = tlv(1001, bytes(u32(10), u32(3), u32(20), u32(5)));
const routerData = tlv(1002, bytes(u32(1), "c0000201", u32(24), u32(16)));
const unknownFlow = tlv(2000, bytes("deadbeefcafe0102"));
const otherEnterprise = tlv((9 << 12) | 1, bytes("0102030405060708"));

const generic = tlv(
  1,
  bytes(
    u32(3), // ifindex
    u32(6), // iftype
    u64(2, 0x540be400), // ifspeed
    u32(1), // full-duplex
    u32(3), // admin up, oper up
    u64(0, 123456789),
    words(6, 100),
    u64(1, 42),
    words(6, 200),
  ),
);
const ethernetCounters = tlv(2, words(13, 10));
const tokenRing = tlv(3, words(18));
const baseVg = tlv(
  4,
  bytes(u32(1), u64(0, 2), u32(3), u64(0, 4), words(4, 5), u32(9), u64(0, 10), u32(11)),
);
const baseVgFull = tlv(
  4,
  bytes(
    u32(1),
    u64(0, 2),
    u32(3),
    u64(0, 4),
    words(4, 5),
    u32(9),
    u64(0, 10),
    u32(11),
    u64(0, 12),
    u64(0, 13),
    u64(7, 14),
  ),
);
const vlan = tlv(5, bytes(u32(100), u64(0, 999999), words(4, 7)));
const processor = tlv(1001, bytes(u32(5), u32(10), u32(15), u64(4, 0), u64(1, 0x80000000)));
const unknownCounter = tlv(77, bytes("0011223344556677"));
const counterOtherEnterprise = tlv((5 << 20) | 2, words(2));

/** A compact flow sample: sequence, source id (type 0, index 7), rate, pool, drops, in, out. */
function flowSample(records: Uint8Array[], seq = 1): Uint8Array {
  return tlv(
    1,
    bytes(
      u32(seq),
      u32(7),
      u32(512),
      u32(1000),
      u32(2),
      u32(3),
      u32(0x40000004),
      u32(records.length),
      ...records,
    ),
  );
}

function expandedFlowSample(records: Uint8Array[]): Uint8Array {
  return tlv(
    3,
    bytes(
      u32(9),
      u32(0),
      u32(70000),
      u32(256),
      u32(5000),
      u32(0),
      u32(0),
      u32(3),
      u32(0),
      u32(4),
      u32(records.length),
      ...records,
    ),
  );
}

function counterSample(records: Uint8Array[], seq = 2): Uint8Array {
  return tlv(2, bytes(u32(seq), u32((1 << 24) | 12), u32(records.length), ...records));
}

function expandedCounterSample(records: Uint8Array[]): Uint8Array {
  return tlv(4, bytes(u32(11), u32(2), u32(80000), u32(records.length), ...records));
}

/** A datagram: version, agent (IPv4 unless `v6`), sub-agent, sequence, uptime, samples. */
function datagram(
  samples: Uint8Array[],
  o: { version?: number; v6?: boolean; count?: number } = {},
) {
  const agent = o.v6
    ? bytes(u32(2), "20010db8000000000000000000000001")
    : bytes(u32(1), "c0000205");
  return bytes(
    u32(o.version ?? 5),
    agent,
    u32(0),
    u32(4242),
    u32(86400000),
    u32(o.count ?? samples.length),
    ...samples,
  );
}

const udp = (payload: Uint8Array, sport = 50000, dport = 6343): Packet => ({
  data: ether(0x0800, udp4("10.20.0.1", "10.20.0.2", sport, dport, payload)),
});

const whole: Uint8Array[] = [
  datagram([flowSample([rawPacket, switchData])]),
  datagram([
    flowSample([ethernetFrame, ipv4Data, ipv6Data, routerData, unknownFlow, otherEnterprise]),
  ]),
  datagram([expandedFlowSample([rawPacket, ethernetFrame])]),
  datagram([counterSample([generic, ethernetCounters])]),
  datagram([counterSample([tokenRing, baseVgFull, vlan, processor])]),
  datagram([expandedCounterSample([generic, unknownCounter, counterOtherEnterprise])]),
  datagram([
    flowSample([rawPacket], 1),
    counterSample([generic], 2),
    flowSample([switchData], 3),
    counterSample([vlan], 4),
  ]),
  datagram([tlv(9, bytes("0102030405060708090a"))]), // a sample type tcpdump does not know
  datagram([tlv(0, words(2)), flowSample([switchData])]), // sample type 0 ends the walk
  datagram([tlv(1, new Uint8Array(0)), flowSample([switchData])]), // and so does length 0
  datagram([flowSample([switchData])], { count: 3 }), // more samples claimed than sent
  datagram([flowSample([switchData, switchData])], { count: 0 }),
  datagram([counterSample([baseVg])]), // a record shorter than its fields
  datagram([flowSample([rawPacket, switchData])], { v6: true }),
  datagram([flowSample([rawPacket])], { version: 4 }),
  datagram([], { version: 2 }),
];

const packets: Packet[] = whole.map((d) => udp(d));
// from either port, and against SIP's port, which tcpdump tries later
packets.push(udp(whole[0]!, 6343, 50000), udp(whole[3]!, 6343, 5060), udp(whole[3]!, 5060, 6343));
// cut inside the header, a sample header, a sample, a record header, a record
const long = datagram([flowSample([rawPacket, switchData]), counterSample([generic, vlan])]);
for (const keep of [4, 12, 27, 28, 31, 36, 40, 60, 68, 76, 90, 130, 160, 200, 230, 260, 300, 330]) {
  if (keep < long.length) packets.push(udp(long.subarray(0, keep)));
}
// a claimed record length past the sample's end, and a UDP length shorter than the datagram
packets.push(udp(datagram([flowSample([tlv(1001, bytes(u32(1), u32(2)))])])));
const tooLong = datagram([counterSample([generic])]);
tooLong.set(u32(500), 28 + 8 + 12 + 4); // the generic record's length
packets.push(udp(tooLong));

export const SFLOW_CASES: Case[] = [{ name: "sflow", linkType: 1, packets }];
