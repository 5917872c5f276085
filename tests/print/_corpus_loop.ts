// Golden cases for the BSD loopback link types NULL (0, address family in host byte order) and
// LOOP (108, network byte order), and PPP_PPPD (166, pppd's PPP with the HDLC address byte),
// all with -e: tcpdump's null_if_print, loop_if_print and ppp_hdlc_if_print.

import { bytes, ipv6, tcp4, udp4, udp6 } from "./_build.ts";
import type { Case } from "./_golden.ts";
import { LINK_CASES } from "./_corpus_link.ts";

/**
 * Address families: IPv4, the three BSD IPv6 values, OSI, IPX, AppleTalk (DDP), NS (named, not
 * decoded), Linux's AF_INET6 (10) and two more tcpdump does not decode.
 */
const FAMILIES = [2, 24, 28, 30, 7, 23, 16, 6, 10, 99, 0];

/** An IP packet for a family (IPv4 for 2, IPv6 for the IPv6 values, a few bytes otherwise). */
function payload(af: number, i: number): Uint8Array {
  if (af === 2) {
    return i % 2
      ? udp4("10.9.0.1", "10.9.0.2", 40000 + i, 53, new Uint8Array(0))
      : tcp4("10.9.0.1", "10.9.0.2", 30000 + i, 22, 0x12, new Uint8Array(0), 1000 * i);
  }
  if (af === 24 || af === 28 || af === 30) {
    return i % 2
      ? udp6("2001:db8::1", "2001:db8::2", 5000 + i, 9, new Uint8Array(i % 7))
      : ipv6("fe80::1", "ff02::1", 59, new Uint8Array(0));
  }
  return bytes(...Array.from({ length: 4 + i % 9 }, (_, k) => (k * 37 + i) & 0xff));
}

function loopPackets(order: "host" | "network"): { data: Uint8Array }[] {
  return Array.from({ length: 33 }, (_, i) => {
    const af = FAMILIES[i % FAMILIES.length]!;
    // A little-endian host writes NULL's family low byte first; tcpdump reads both orders.
    const head = order === "network" || i % 5 === 4 ? [0, 0, 0, af] : [af, 0, 0, 0];
    const data = bytes(head, payload(af, i));
    return { data: i === 32 ? data.subarray(0, 3) : data };
  });
}

export const LOOP_CASES: Case[] = [
  { name: "null", linkType: 0, packets: loopPackets("host"), link: true },
  { name: "loop", linkType: 108, packets: loopPackets("network"), link: true },
  { name: "ppp_pppd", linkType: 166, packets: LINK_CASES[0]!.packets, link: true },
];
