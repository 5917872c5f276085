// Golden corpus case for udp_print()'s choice of printer: datagrams whose two ports name two
// different printers (tcpdump 4.99.3 takes the first of its list that either port names, the
// destination alone for HSRP and BFD), each printer's port on its own from either side, and the
// headers some of them reject: a PTP message shorter than its common header, RIP version 0,
// VXLAN without the I flag and Geneve's reserved flag bits.

import { bytes, ether, udp4 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

/** The ports of our UDP printers, in tcpdump 4.99.3's order (BFD and HSRP last here). */
const PORTS = [
  53,
  5353,
  525,
  69,
  67,
  520,
  500,
  4500,
  7500,
  161,
  123,
  88,
  750,
  1701,
  7003,
  521,
  547,
  6696,
  496,
  1812,
  646,
  698,
  6343,
  5060,
  514,
  4789,
  6081,
  6635,
  319,
  320,
  1985,
  3784,
] as const;

const udp = (sport: number, dport: number, payload: Uint8Array): Packet => ({
  data: ether(0x0800, udp4("10.10.0.1", "10.10.0.2", sport, dport, payload)),
});

/** A DNS query's bytes: readable by most of the printers, so each prints something its own. */
const QUERY = Uint8Array.fromHex("303901000001000000000000076578616d706c6503636f6d0000010001");
const ZEROS = new Uint8Array(40);

const packets: Packet[] = [];
// every pair of neighbours in the list, both ways round: which of the two prints
for (let i = 0; i + 1 < PORTS.length; i++) {
  packets.push(udp(PORTS[i]!, PORTS[i + 1]!, QUERY), udp(PORTS[i + 1]!, PORTS[i]!, QUERY));
}
// pairs further apart, where a later printer's port is the destination
for (const [a, b] of [[319, 53], [1985, 496], [3784, 5060], [6081, 4789], [698, 1812]]) {
  packets.push(udp(a!, b!, ZEROS), udp(b!, a!, ZEROS));
}
// HSRP and BFD only by their destination port
packets.push(udp(1985, 1024, QUERY), udp(1024, 1985, QUERY), udp(3784, 1024, QUERY));
// PTP shorter than its 34-byte common header; RIP version 0; VXLAN and Geneve flag bytes
for (const n of [0, 1, 2, 33, 34]) packets.push(udp(1024, 319, new Uint8Array(n).fill(2, 0, 1)));
for (
  const body of [
    "0000",
    "0100" + "00".repeat(22),
    "0200" + "00".repeat(5),
    "0103" + "00".repeat(22),
  ]
) {
  packets.push(udp(1024, 520, Uint8Array.fromHex(body)));
}
const INNER = ether(
  0x0800,
  bytes(0x45, 0, 0, 20, 0, 0, 0x40, 0, 64, 0xff, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2),
);
for (const flags of [0x00, 0x08, 0x0a, 0x30, 0x80, 0xff]) {
  packets.push(udp(1024, 4789, bytes(flags, 0, 0, 0, 0, 1, 0, 0, INNER)));
}
for (const flags of [0x00, 0x01, 0x20, 0x3f, 0x40, 0x80, 0xc5, 0xff]) {
  packets.push(udp(1024, 6081, bytes(0, flags, 0x65, 0x58, 0, 1, 0, 0, INNER)));
}

export const UDP_PORT_CASES: Case[] = [{ name: "udp_ports", linkType: 1, packets }];
