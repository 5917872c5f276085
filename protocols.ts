/**
 * Protocol numbers and their names, one table per vocabulary, shared by the decoders, the
 * printer and the filter compiler: EtherTypes, IP protocols, TCP option kinds and DNS resource
 * record types. Each vocabulary has its numbers (`ETHERTYPE.IPV6`) and the names tcpdump prints
 * for them (`ETHERTYPE_NAMES[0x86dd]` is `"IPv6"`).
 *
 * @example Name the EtherType of a frame
 * ```ts
 * import { ETHERTYPE, ETHERTYPE_NAMES } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * const frame = Uint8Array.fromHex("ffffffffffff020000000001" + "86dd");
 * const type = (frame[12]! << 8) | frame[13]!;
 * assert.equal(type, ETHERTYPE.IPV6);
 * assert.equal(ETHERTYPE_NAMES[type], "IPv6");
 * ```
 *
 * @module
 */

/**
 * EtherType values the walker, the printer and the filter compiler use (IEEE registry;
 * linux/if_ether.h `ETH_P_*`).
 *
 * @example Test a frame's EtherType
 * ```ts
 * import { decodeFrame, ETHERTYPE } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const p = decodeFrame(Uint8Array.fromHex("ffffffffffff0200000000010806" +
 *   "0001080006040001020000000001c0a80001000000000000c0a80002"));
 * assert.equal(p.ethernet?.etherType, ETHERTYPE.ARP);
 * ```
 */
export const ETHERTYPE = {
  IPV4: 0x0800,
  ARP: 0x0806,
  VLAN: 0x8100,
  IPV6: 0x86dd,
  QINQ: 0x88a8,
  QINQ_OLD: 0x9100,
  QINQ_OLD2: 0x9200,
  REVARP: 0x8035,
  MPLS: 0x8847,
  MPLS_MULTICAST: 0x8848,
} as const;

/**
 * Names of EtherTypes as tcpdump prints them (`ethertype_values` of its ethertype.c: every
 * name tcpdump 4.99.3 prints, read from it type by type).
 *
 * @example Name an EtherType
 * ```ts
 * import { ETHERTYPE, ETHERTYPE_NAMES } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * assert.equal(ETHERTYPE_NAMES[ETHERTYPE.QINQ], "802.1Q-QinQ");
 * assert.equal(ETHERTYPE_NAMES[0x1234], undefined);
 * ```
 */
export const ETHERTYPE_NAMES: Readonly<Record<number, string>> = {
  0x0200: "PUP",
  0x0500: "Sprite",
  0x0600: "NS",
  0x0707: "GeoNet (old)",
  0x0800: "IPv4",
  0x0806: "ARP",
  0x1000: "Trail",
  0x1111: "CALM FAST",
  0x6001: "MOP DL",
  0x6002: "MOP RC",
  0x6003: "DN",
  0x6004: "LAT",
  0x6007: "SCA",
  0x6558: "TEB",
  0x8035: "Reverse ARP",
  0x8038: "Lanbridge",
  0x803c: "DEC DNS",
  0x803e: "DEC DTS",
  0x805b: "VEXP",
  0x805c: "VPROD",
  0x809b: "Appletalk",
  0x80f3: "Appletalk ARP",
  0x8100: "802.1Q",
  0x8137: "IPX",
  0x86dd: "IPv6",
  0x8808: "MPCP",
  0x8809: "Slow Protocols",
  0x880b: "PPP",
  0x8847: "MPLS unicast",
  0x8848: "MPLS multicast",
  0x8863: "PPPoE D",
  0x8864: "PPPoE S",
  0x886f: "MS NLB heartbeat",
  0x8870: "Jumbo",
  0x888e: "EAPOL",
  0x8899: "Realtek protocols",
  0x88a2: "AoE",
  0x88a8: "802.1Q-QinQ",
  0x88ca: "TIPC",
  0x88cc: "LLDP",
  0x88e5: "802.1AE MACsec",
  0x88f7: "PTP",
  0x8902: "CFM",
  0x893a: "IEEE1905.1",
  0x8947: "GeoNet",
  0x894f: "NSH",
  0x9000: "Loopback",
  0x9100: "802.1Q-9100",
  0x9200: "802.1Q-9200",
  0xabcd: "CFM (old)",
  0xd28b: "Arista Vendor Specific Protocol",
  0xfefe: "OSI",
};

/**
 * IP protocol numbers (IPv4 Protocol, IPv6 Next Header) the walker, the printer and the filter
 * compiler use (IANA "Assigned Internet Protocol Numbers").
 *
 * @example Test the protocol of an IPv4 packet
 * ```ts
 * import { IP_PROTO, Ipv4View } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * assert.equal(Ipv4View.from(Uint8Array.fromHex("4500003c1c46400040069d22c0a80001c0a80002" + "00".repeat(40))).protocol, IP_PROTO.TCP);
 * ```
 */
export const IP_PROTO = {
  HOPOPTS: 0,
  ICMP: 1,
  IGMP: 2,
  IPIP: 4,
  TCP: 6,
  IGRP: 9,
  UDP: 17,
  IPV6: 41,
  ROUTING: 43,
  FRAGMENT: 44,
  GRE: 47,
  ESP: 50,
  AH: 51,
  ICMPV6: 58,
  NONE: 59,
  DSTOPTS: 60,
  PIM: 103,
  VRRP: 112,
  SCTP: 132,
} as const;

/**
 * Names of IP protocols as tcpdump prints them (`ipproto_values` of its ipproto.c).
 *
 * @example Name an IP protocol
 * ```ts
 * import { IP_PROTO, IP_PROTO_NAMES } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * assert.equal(IP_PROTO_NAMES[IP_PROTO.ICMPV6], "ICMPv6");
 * ```
 */
export const IP_PROTO_NAMES: Readonly<Record<number, string>> = {
  0: "Options",
  1: "ICMP",
  2: "IGMP",
  4: "IPIP",
  6: "TCP",
  8: "EGP",
  9: "IGRP",
  17: "UDP",
  33: "DCCP",
  41: "IPv6",
  43: "Routing",
  44: "Fragment",
  46: "RSVP",
  47: "GRE",
  50: "ESP",
  51: "AH",
  55: "Mobile IP",
  58: "ICMPv6",
  62: "Mobile IP (old)",
  88: "EIGRP",
  89: "OSPF",
  103: "PIM",
  108: "Compressed IP",
  112: "VRRP",
  113: "PGM",
  132: "SCTP",
  135: "Mobility",
  143: "Ethernet",
};

/**
 * TCP option kinds (IANA "TCP Option Kind Numbers").
 *
 * @example Find the MSS option
 * ```ts
 * import { TCP_OPTION, TcpView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const tcp = TcpView.from(Uint8Array.fromHex("c35000500000000100000000a002faf008190000020405b40402080a000000010000000001030307"));
 * assert.equal(tcp.options().find((o) => o.type === TCP_OPTION.MSS)?.mss, 1460);
 * ```
 */
export const TCP_OPTION = {
  EOL: 0,
  NOP: 1,
  MSS: 2,
  WSCALE: 3,
  SACK_PERMITTED: 4,
  SACK: 5,
  TIMESTAMP: 8,
  MD5: 19,
  USER_TIMEOUT: 28,
  AUTH: 29,
  MPTCP: 30,
  FAST_OPEN: 34,
} as const;

/**
 * A name of {@linkcode TCP_OPTION_NAMES}, or `"unknown"` for a kind without one.
 *
 * @example Switch on an option's name
 * ```ts
 * import type { TcpOptionName } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * const label = (name: TcpOptionName) => name === "TS" ? "timestamps" : name;
 * assert.equal(label("TS"), "timestamps");
 * ```
 */
export type TcpOptionName =
  | "eol"
  | "nop"
  | "mss"
  | "wscale"
  | "sackOK"
  | "sack"
  | "echo"
  | "echoreply"
  | "TS"
  | "cc"
  | "ccnew"
  | "ccecho"
  | "md5"
  | "scps"
  | "snack"
  | "qs"
  | "uto"
  | "tcp-ao"
  | "mptcp"
  | "tfo"
  | "exp"
  | "unknown";

/**
 * Names of TCP option kinds as tcpdump prints them (`tcp_option_values` of its print-tcp.c).
 *
 * @example Name the options of a segment
 * ```ts
 * import { TCP_OPTION_NAMES } from "@tpacket/tpacket";
 * import { TcpView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const tcp = TcpView.from(Uint8Array.fromHex("c35000500000000100000000a002faf008190000020405b40402080a000000010000000001030307"));
 * assert.deepEqual(tcp.options().map((o) => TCP_OPTION_NAMES[o.type]), ["mss", "sackOK", "TS", "nop", "wscale"]);
 * ```
 */
export const TCP_OPTION_NAMES: Readonly<Record<number, TcpOptionName>> = {
  0: "eol",
  1: "nop",
  2: "mss",
  3: "wscale",
  4: "sackOK",
  5: "sack",
  6: "echo",
  7: "echoreply",
  8: "TS",
  11: "cc",
  12: "ccnew",
  13: "ccecho",
  19: "md5",
  20: "scps",
  21: "snack",
  27: "qs",
  28: "uto",
  29: "tcp-ao",
  30: "mptcp",
  34: "tfo",
  254: "exp",
};

/**
 * Resource record types with a parsed RDATA (IANA "Resource Record (RR) TYPEs").
 *
 * @example Recognise an A query
 * ```ts
 * import { DNS_TYPE, DnsView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * assert.equal(DnsView.from(Uint8Array.fromHex("abcd01000001000000000000" + "03777777076578616d706c6503636f6d00" + "00010001")).sections().questions[0]?.type, DNS_TYPE.A);
 * ```
 */
export const DNS_TYPE = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  DNAME: 39,
  OPT: 41,
} as const;

/**
 * Names of DNS resource record types as tcpdump prints them (`ns_type2str()` of its
 * print-domain.c).
 *
 * @example Name a query type
 * ```ts
 * import { DNS_TYPE, DNS_TYPE_NAMES } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * assert.equal(DNS_TYPE_NAMES[DNS_TYPE.AAAA], "AAAA");
 * ```
 */
export const DNS_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: "A",
  2: "NS",
  3: "MD",
  4: "MF",
  5: "CNAME",
  6: "SOA",
  7: "MB",
  8: "MG",
  9: "MR",
  10: "NULL",
  11: "WKS",
  12: "PTR",
  13: "HINFO",
  14: "MINFO",
  15: "MX",
  16: "TXT",
  17: "RP",
  18: "AFSDB",
  19: "X25",
  20: "ISDN",
  21: "RT",
  22: "NSAP",
  23: "NSAP_PTR",
  24: "SIG",
  25: "KEY",
  26: "PX",
  27: "GPOS",
  28: "AAAA",
  29: "LOC",
  30: "NXT",
  31: "EID",
  32: "NIMLOC",
  33: "SRV",
  34: "ATMA",
  35: "NAPTR",
  36: "KX",
  37: "CERT",
  38: "A6",
  39: "DNAME",
  40: "SINK",
  41: "OPT",
  42: "APL",
  43: "DS",
  44: "SSHFP",
  45: "IPSECKEY",
  46: "RRSIG",
  47: "NSEC",
  48: "DNSKEY",
  99: "SPF",
  100: "UINFO",
  101: "UID",
  102: "GID",
  103: "UNSPEC",
  104: "UNSPECA",
  249: "TKEY",
  250: "TSIG",
  251: "IXFR",
  252: "AXFR",
  253: "MAILB",
  254: "MAILA",
  255: "ANY",
  256: "URI",
};
