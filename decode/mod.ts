/**
 * Zero-copy protocol decoders: a view per header over the packet's bytes, read lazily and
 * bounds-checked, and a walker that turns a captured packet into its chain of layers.
 *
 * Each `XxxView` has `check(bytes)` (never throws, returns a {@linkcode DecodeIssue}),
 * `from(bytes)` (throws {@linkcode DecodeError}), getters named after the RFC fields, and
 * `toHeader()` / `toJSON()` for a plain copy. {@linkcode decodePacket} never throws on content:
 * a truncated or malformed layer ends the walk with `stop`.
 *
 * | Layer | View | Walked from |
 * | --- | --- | --- |
 * | Ethernet II, 802.3 | {@linkcode EthernetView} | `LINKTYPE_ETHERNET` |
 * | Linux cooked v1, v2 | {@linkcode SllView}, {@linkcode Sll2View} | `LINUX_SLL`, `LINUX_SLL2` |
 * | BSD loopback | {@linkcode NullView} | `NULL`, `LOOP` |
 * | 802.2 LLC, SNAP | {@linkcode LlcView} | 802.3 length, cooked protocol 4 |
 * | 802.1Q, 802.1ad (≤ 3) | {@linkcode VlanView} | EtherType 0x8100, 0x88a8, 0x9100, 0x9200 |
 * | ARP, RARP | {@linkcode ArpView} | EtherType 0x0806, 0x8035 |
 * | IPv4, IPv6 | {@linkcode Ipv4View}, {@linkcode Ipv6View} | EtherType, `RAW`, `IPV4`, `IPV6`, tunnels |
 * | IPv6 extension headers | {@linkcode Ipv6ExtensionView} | Next Header 0, 43, 44, 51, 60 |
 * | TCP, UDP, ICMP, ICMPv6 | {@linkcode TcpView}, {@linkcode UdpView}, {@linkcode IcmpView}, {@linkcode Icmpv6View} | IP protocol |
 * | DNS | {@linkcode DnsView} | UDP 53/5353, TCP 53 with data |
 *
 * A non-first fragment ends the walk at its IP header; an unknown protocol ends it with the
 * rest in `payload` and no issue.
 *
 * @example Decode a frame and read the 5-tuple
 * ```ts
 * import { decodePacket } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const p = decodePacket(1, Uint8Array.fromHex(
 *   "020000000002020000000001080045000028000100004006f97bc0a80001c0a80002" +
 *     "c350005000000001000000005002faf06ffc0000",
 * ));
 * assert.equal(p.ipv4?.toHeader().srcAddr, "192.168.0.1");
 * assert.deepEqual([p.tcp?.srcPort, p.tcp?.dstPort, p.tcp?.syn], [50000, 80, true]);
 * assert.equal(p.stop, undefined);
 * ```
 *
 * @module
 */

export * from "../protocols.ts";
export * from "./errors.ts";
export {
  ETHERNET_FIELD,
  ETHERNET_HEADER_LEN,
  ETHERNET_MAX_LENGTH_VALUE,
  type EthernetHeader,
  EthernetView,
} from "./ethernet.ts";
export { LLC_FIELD, LLC_SAP, LLC_UI, type LlcHeader, LlcView } from "./llc.ts";
export {
  SLL_FIELD,
  SLL_HEADER_LEN,
  SLL_PKTTYPE,
  SLL_PROTOCOL,
  type SllHeader,
  SllView,
} from "./sll.ts";
export { SLL2_FIELD, SLL2_HEADER_LEN, type Sll2Header, Sll2View } from "./sll2.ts";
export { NULL_FAMILY, NULL_HEADER_LEN, type NullHeader, NullView } from "./null.ts";
export { VLAN_FIELD, VLAN_TAG_LEN, type VlanHeader, VlanView } from "./vlan.ts";
export { ARP_FIELD, ARP_FIXED_LEN, ARP_OP, type ArpHeader, ArpView } from "./arp.ts";
export {
  IPV4_FIELD,
  IPV4_MIN_HEADER_LEN,
  IPV4_OPTION,
  type Ipv4Header,
  type Ipv4Option,
  type Ipv4OptionHeader,
  Ipv4View,
} from "./ipv4.ts";
export {
  IPV6_EXT_FIELD,
  IPV6_FIELD,
  IPV6_HEADER_LEN,
  type Ipv6ExtensionHeader,
  Ipv6ExtensionView,
  type Ipv6Header,
  type Ipv6Option,
  Ipv6View,
  isIpv6Extension,
} from "./ipv6.ts";
export {
  TCP_FIELD,
  TCP_FLAG,
  TCP_MIN_HEADER_LEN,
  type TcpHeader,
  type TcpOption,
  type TcpOptionHeader,
  TcpView,
} from "./tcp.ts";
export { UDP_FIELD, UDP_HEADER_LEN, type UdpHeader, UdpView } from "./udp.ts";
export {
  ICMP_FIELD,
  ICMP_HEADER_LEN,
  ICMP_TYPE,
  type IcmpHeader,
  IcmpView,
  isIcmpError,
} from "./icmp.ts";
export {
  ICMPV6_FIELD,
  ICMPV6_HEADER_LEN,
  ICMPV6_TYPE,
  type Icmpv6Header,
  Icmpv6View,
  isIcmpv6Error,
  type Mld2Record,
  ND_OPTION,
  type NdOption,
  type NdOptionHeader,
} from "./icmpv6.ts";
export {
  DNS_FIELD,
  DNS_HEADER_LEN,
  DNS_PORTS,
  type DnsHeader,
  type DnsQuestion,
  type DnsRdata,
  type DnsRecord,
  type DnsSections,
  DnsView,
} from "./dns.ts";
export * from "./layers.ts";
export * from "./build.ts";
