/**
 * The layer records of the packet builders ({@linkcode writePacket} in build.ts): one interface
 * per protocol, each field optional where the builder can fill it in.
 *
 * @module
 */

import type { Ipv4Input, Ipv6Input, MacInput } from "./_build_bytes.ts";
import type { DnsLayer } from "./dns_build.ts";

/**
 * One option of IPv4, TCP, IPv6 hop-by-hop/destination headers or ICMPv6 neighbour discovery:
 * its type (kind) and data. Types 0 and 1 of IPv4 and TCP (EOL, NOP) and type 0 of IPv6 (Pad1)
 * are one byte and take no data.
 *
 * @example An MSS option
 * ```ts
 * import { type BuildOption, buildPacket, decodePacket, TCP_OPTION } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const mss: BuildOption = { type: TCP_OPTION.MSS, data: Uint8Array.of(0x05, 0xb4) };
 * const p = decodePacket(101, buildPacket([{ layer: "ipv4", srcAddr: "10.0.0.1", dstAddr: "10.0.0.2" },
 *   { layer: "tcp", srcPort: 1, dstPort: 2, options: [mss] }]));
 * assert.equal(p.tcp?.options()[0]?.mss, 1460);
 * assert.equal(p.tcp?.headerLen, 24); // kind, length and data: 4 bytes
 * ```
 */
export interface BuildOption {
  /** Option type (IPv4, IPv6, ND) or kind (TCP). */
  type: number;
  /** Option data after the type and length bytes. @default none */
  data?: Uint8Array;
}

/**
 * An Ethernet II header.
 *
 * @example A broadcast header
 * ```ts
 * import { buildPacket, decodeFrame, ETHERTYPE, type EthernetLayer } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const eth: EthernetLayer = { layer: "ethernet", dstAddr: "ff:ff:ff:ff:ff:ff", srcAddr: "02:00:00:00:00:01" };
 * const frame = buildPacket([eth, { layer: "arp", oper: 1, sha: "02:00:00:00:00:01", spa: "10.0.0.1", tpa: "10.0.0.2" }]);
 * assert.equal(decodeFrame(frame).ethernet?.etherType, ETHERTYPE.ARP); // taken from the next layer
 * ```
 */
export interface EthernetLayer {
  /** Kind of layer. */
  layer: "ethernet";
  /** Destination MAC address. */
  dstAddr: MacInput;
  /** Source MAC address. */
  srcAddr: MacInput;
  /** EtherType. @default the next layer's (VLAN tag's TPID, IPv4, IPv6, ARP) */
  etherType?: number;
}

/**
 * An 802.1Q or 802.1ad tag; the layer before it writes its TPID.
 *
 * @example A QinQ outer tag
 * ```ts
 * import { buildPacket, decodeFrame, ETHERTYPE, type VlanLayer } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const outer: VlanLayer = { layer: "vlan", vid: 100, tpid: 0x88a8 };
 * const frame = buildPacket([{ layer: "ethernet", dstAddr: "ff:ff:ff:ff:ff:ff", srcAddr: "02:00:00:00:00:01" }, outer, { layer: "vlan", vid: 5 },
 *   { layer: "arp", oper: 1, sha: "02:00:00:00:00:01", spa: "10.0.0.1", tpa: "10.0.0.2" }]);
 * const p = decodeFrame(frame);
 * assert.equal(p.ethernet?.etherType, ETHERTYPE.QINQ); // the tag's TPID
 * assert.deepEqual(p.vlans.map((v) => v.vid), [100, 5]);
 * ```
 */
export interface VlanLayer {
  /** Kind of layer. */
  layer: "vlan";
  /** VLAN identifier, 0..4095. */
  vid: number;
  /** Priority code point, 0..7. @default 0 */
  pcp?: number;
  /** Drop eligible indicator. @default false */
  dei?: boolean;
  /** TPID the previous layer writes as its EtherType (0x88a8 for an 802.1ad S-tag). @default 0x8100 */
  tpid?: number;
  /** EtherType after the tag. @default the next layer's */
  etherType?: number;
}

/**
 * An ARP packet for Ethernet and IPv4.
 *
 * @example A who-has request
 * ```ts
 * import { ARP_OP, type ArpLayer, buildPacket, decodeFrame } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const arp: ArpLayer = { layer: "arp", oper: ARP_OP.REQUEST, sha: "02:00:00:00:00:01", spa: "10.0.0.1", tpa: "10.0.0.2" };
 * const h = decodeFrame(buildPacket([{ layer: "ethernet", dstAddr: "ff:ff:ff:ff:ff:ff", srcAddr: "02:00:00:00:00:01" }, arp])).arp?.toHeader();
 * assert.deepEqual([h?.oper, h?.spa, h?.tpa, h?.tha], [1, "10.0.0.1", "10.0.0.2", "00:00:00:00:00:00"]);
 * ```
 */
export interface ArpLayer {
  /** Kind of layer. */
  layer: "arp";
  /** Operation (1 request, 2 reply). */
  oper: number;
  /** Sender hardware address. */
  sha: MacInput;
  /** Sender protocol address. */
  spa: Ipv4Input;
  /** Target hardware address. @default 00:00:00:00:00:00 */
  tha?: MacInput;
  /** Target protocol address. */
  tpa: Ipv4Input;
  /** Hardware type. @default 1 (Ethernet) */
  htype?: number;
  /** Protocol type. @default 0x0800 */
  ptype?: number;
}

/**
 * An IPv4 header (RFC 791).
 *
 * @example A header with a router-alert option
 * ```ts
 * import { buildPacket, decodePacket, IPV4_OPTION, type Ipv4Layer } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const ip: Ipv4Layer = { layer: "ipv4", srcAddr: "10.0.0.1", dstAddr: "10.0.0.2",
 *   options: [{ type: 0x94, data: Uint8Array.of(0, 0) }] };
 * const v4 = decodePacket(101, buildPacket([ip, { layer: "udp", srcPort: 1, dstPort: 2 }])).ipv4!;
 * assert.deepEqual([v4.ttl, v4.headerLen, v4.checksumOk()], [64, 24, true]); // defaults, computed
 * assert.equal(v4.options()[0]?.type, IPV4_OPTION.RA);
 * ```
 */
export interface Ipv4Layer {
  /** Kind of layer. */
  layer: "ipv4";
  /** Source address. */
  srcAddr: Ipv4Input;
  /** Destination address. */
  dstAddr: Ipv4Input;
  /** Type of service byte (DSCP and ECN). @default 0 */
  tos?: number;
  /** Identification. @default 0 */
  identification?: number;
  /** Reserved flag (the "evil bit"). @default false */
  reservedFlag?: boolean;
  /** Don't Fragment. @default false */
  dontFragment?: boolean;
  /** More Fragments. @default false */
  moreFragments?: boolean;
  /** Fragment Offset in 8-byte units. @default 0 */
  fragmentOffset?: number;
  /** Time to live. @default 64 */
  ttl?: number;
  /** Protocol. @default the next layer's (TCP, UDP, ICMP, IPv4, IPv6) */
  protocol?: number;
  /** Total Length in bytes. @default header plus everything after it */
  totalLen?: number;
  /** Header checksum. @default computed */
  checksum?: number;
  /** Options, padded with EOL to a multiple of 4 bytes. @default none */
  options?: readonly BuildOption[];
}

/**
 * An IPv6 fixed header (RFC 8200).
 *
 * @example A link-local header
 * ```ts
 * import { buildPacket, decodePacket, type Ipv6Layer } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const ip6: Ipv6Layer = { layer: "ipv6", srcAddr: "fe80::1", dstAddr: "ff02::1", hopLimit: 255 };
 * const h = decodePacket(101, buildPacket([ip6, { layer: "udp", srcPort: 1, dstPort: 2 }])).ipv6?.toHeader();
 * assert.deepEqual([h?.hopLimit, h?.nextHeader, h?.payloadLen, h?.dstAddr], [255, 17, 8, "ff02::1"]);
 * ```
 */
export interface Ipv6Layer {
  /** Kind of layer. */
  layer: "ipv6";
  /** Source address. */
  srcAddr: Ipv6Input;
  /** Destination address. */
  dstAddr: Ipv6Input;
  /** Traffic Class. @default 0 */
  trafficClass?: number;
  /** Flow Label, 20 bits. @default 0 */
  flowLabel?: number;
  /** Next Header. @default the next layer's (59, no next header, when none follows) */
  nextHeader?: number;
  /** Payload Length in bytes. @default everything after the fixed header */
  payloadLen?: number;
  /** Hop Limit. @default 64 */
  hopLimit?: number;
}

/**
 * An IPv6 extension header: hop-by-hop (0) or destination (60) options, routing (43; types 0
 * and 2 carry `addresses`) or fragment (44).
 *
 * @example A fragment header
 * ```ts
 * import { buildPacket, decodePacket, type Ipv6ExtensionLayer } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const frag: Ipv6ExtensionLayer = { layer: "ipv6-ext", headerType: 44, identification: 7, moreFragments: true };
 * const p = decodePacket(101, buildPacket([{ layer: "ipv6", srcAddr: "fd00::1", dstAddr: "fd00::2" }, frag,
 *   { layer: "udp", srcPort: 1, dstPort: 2 }]));
 * assert.equal(p.ipv6?.nextHeader, 44);
 * assert.deepEqual([p.ipv6Extensions[0]?.identification, p.ipv6Extensions[0]?.moreFragments], [7, true]);
 * ```
 */
export interface Ipv6ExtensionLayer {
  /** Kind of layer. */
  layer: "ipv6-ext";
  /** Which header: 0, 43, 44 or 60. */
  headerType: number;
  /** Next Header. @default the next layer's */
  nextHeader?: number;
  /** Options (0, 60), padded with Pad1/PadN to a multiple of 8 bytes. @default none */
  options?: readonly BuildOption[];
  /** Routing Type (43). @default 0 */
  routingType?: number;
  /** Segments Left (43). @default the number of addresses */
  segmentsLeft?: number;
  /** Addresses (43), after 4 reserved bytes. @default none */
  addresses?: readonly Ipv6Input[];
  /** Fragment Offset (44) in 8-byte units. @default 0 */
  fragmentOffset?: number;
  /** M flag (44). @default false */
  moreFragments?: boolean;
  /** Identification (44). @default 0 */
  identification?: number;
}

/**
 * A TCP header (RFC 9293).
 *
 * @example A SYN with an MSS option
 * ```ts
 * import { TCP_FLAG, TCP_OPTION, type TcpLayer } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * import { buildPacket, decodePacket } from "@tpacket/tpacket/decode";
 * const syn: TcpLayer = { layer: "tcp", srcPort: 50000, dstPort: 80, flags: TCP_FLAG.SYN,
 *   options: [{ type: TCP_OPTION.MSS, data: Uint8Array.of(0x05, 0xb4) }] };
 * const p = decodePacket(101, buildPacket([{ layer: "ipv4", srcAddr: "10.0.0.1", dstAddr: "10.0.0.2" }, syn]));
 * assert.deepEqual([p.tcp?.syn, p.tcp?.ack, p.tcp?.dstPort], [true, false, 80]);
 * assert.equal(p.tcp?.checksumOk(p.ipv4!), true); // computed over the pseudo-header
 * ```
 */
export interface TcpLayer {
  /** Kind of layer. */
  layer: "tcp";
  /** Source port. */
  srcPort: number;
  /** Destination port. */
  dstPort: number;
  /** Sequence number. @default 0 */
  seqNumber?: number;
  /** Acknowledgment number. @default 0 */
  ackNumber?: number;
  /** Flag bits ({@linkcode TCP_FLAG}). @default 0 */
  flags?: number;
  /** Window. @default 65535 */
  window?: number;
  /** Urgent pointer. @default 0 */
  urgentPointer?: number;
  /** Data Offset in 32-bit words. @default header and options */
  dataOffset?: number;
  /** Checksum. @default computed over the pseudo-header */
  checksum?: number;
  /** Options, padded with EOL to a multiple of 4 bytes. @default none */
  options?: readonly BuildOption[];
}

/**
 * A UDP header (RFC 768).
 *
 * @example A DNS query's header
 * ```ts
 * import { buildPacket, decodePacket, type UdpLayer } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const udp: UdpLayer = { layer: "udp", srcPort: 40000, dstPort: 53 };
 * const p = decodePacket(101, buildPacket([{ layer: "ipv4", srcAddr: "10.0.0.1", dstAddr: "10.0.0.2" }, udp,
 *   { layer: "payload", length: 12 }]));
 * assert.equal(p.udp?.length, 8 + 12); // computed
 * ```
 */
export interface UdpLayer {
  /** Kind of layer. */
  layer: "udp";
  /** Source port. */
  srcPort: number;
  /** Destination port. */
  dstPort: number;
  /** Length in bytes. @default header plus everything after it */
  length?: number;
  /** Checksum (0 means none over IPv4). @default computed over the pseudo-header */
  checksum?: number;
}

/**
 * An ICMP message header (RFC 792); the rest of the message follows as other layers.
 *
 * @example An echo request
 * ```ts
 * import { ICMP_TYPE, type IcmpLayer } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * import { buildPacket, decodePacket } from "@tpacket/tpacket/decode";
 * const ping: IcmpLayer = { layer: "icmp", type: ICMP_TYPE.ECHO_REQUEST, identifier: 1, sequence: 1 };
 * const icmp = decodePacket(101, buildPacket([{ layer: "ipv4", srcAddr: "10.0.0.1", dstAddr: "10.0.0.2" }, ping])).icmp;
 * assert.deepEqual([icmp?.type, icmp?.checksumOk()], [8, true]);
 * ```
 */
export interface IcmpLayer {
  /** Kind of layer. */
  layer: "icmp";
  /** Type. */
  type: number;
  /** Code. @default 0 */
  code?: number;
  /** Identifier (echo, timestamp). @default 0 */
  identifier?: number;
  /** Sequence number (echo, timestamp). @default 0 */
  sequence?: number;
  /** The 32 bits after the checksum, instead of identifier and sequence. @default unset */
  restOfHeader?: number;
  /** Checksum. @default computed */
  checksum?: number;
}

/**
 * An ICMPv6 message (RFC 4443): echo, neighbour discovery (RFC 4861) with its options, or any
 * other type through `restOfHeader` and following layers.
 *
 * @example A neighbour solicitation
 * ```ts
 * import { ICMPV6_TYPE, type Icmpv6Layer, ND_OPTION } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * import { buildPacket, decodePacket } from "@tpacket/tpacket/decode";
 * const ns: Icmpv6Layer = { layer: "icmpv6", type: ICMPV6_TYPE.NEIGHBOR_SOLICITATION,
 *   targetAddr: "fd00::2", ndOptions: [{ type: ND_OPTION.SOURCE_LINK_ADDR, linkAddr: "02:00:00:00:00:01" }] };
 * const h = decodePacket(101, buildPacket([{ layer: "ipv6", srcAddr: "fd00::1", dstAddr: "ff02::1:ff00:2" }, ns]))
 *   .icmpv6?.toHeader();
 * assert.deepEqual([h?.type, h?.targetAddr, h?.options?.[0]?.linkAddr], [135, "fd00::2", "02:00:00:00:00:01"]);
 * ```
 */
export interface Icmpv6Layer {
  /** Kind of layer. */
  layer: "icmpv6";
  /** Type. */
  type: number;
  /** Code. @default 0 */
  code?: number;
  /** Identifier (echo). @default 0 */
  identifier?: number;
  /** Sequence number (echo). @default 0 */
  sequence?: number;
  /** ND flags byte: NA R/S/O (0x80, 0x40, 0x20), RA M/O (0x80, 0x40). @default 0 */
  ndFlags?: number;
  /** Cur Hop Limit (router advertisement). @default 64 */
  curHopLimit?: number;
  /** Router Lifetime in seconds (router advertisement). @default 1800 */
  routerLifetime?: number;
  /** Reachable Time in ms (router advertisement). @default 0 */
  reachableTime?: number;
  /** Retrans Timer in ms (router advertisement). @default 0 */
  retransTimer?: number;
  /** The 32 bits after the checksum, instead of the fields above. @default unset */
  restOfHeader?: number;
  /** Target Address (NS, NA, redirect). @default :: for those types */
  targetAddr?: Ipv6Input;
  /** ND options; `linkAddr` fills a source/target link-layer address option. @default none */
  ndOptions?: readonly (BuildOption & { linkAddr?: MacInput })[];
  /** Checksum. @default computed over the pseudo-header */
  checksum?: number;
}

/**
 * Bytes copied as they are, or `length` bytes of `fill`.
 *
 * @example Fifty-six bytes of ping padding
 * ```ts
 * import { buildPacket, decodePacket, type PayloadLayer } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const pad: PayloadLayer = { layer: "payload", length: 56, fill: 0xa5 };
 * const p = decodePacket(101, buildPacket([{ layer: "ipv4", srcAddr: "10.0.0.1", dstAddr: "10.0.0.2" }, { layer: "udp", srcPort: 1, dstPort: 2 }, pad]));
 * assert.deepEqual([p.payload.byteLength, p.payload[55]], [56, 0xa5]);
 * ```
 */
export interface PayloadLayer {
  /** Kind of layer. */
  layer: "payload";
  /** Bytes to copy. @default none */
  bytes?: Uint8Array;
  /** Bytes to write when `bytes` is unset. @default 0 */
  length?: number;
  /** Value of those bytes. @default 0 */
  fill?: number;
}

/**
 * Any layer {@linkcode writePacket} can write.
 *
 * @example A UDP datagram's layers
 * ```ts
 * import { type BuildLayer, buildPacket, decodeFrame } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const layers: BuildLayer[] = [
 *   { layer: "ethernet", dstAddr: "02:00:00:00:00:02", srcAddr: "02:00:00:00:00:01" },
 *   { layer: "ipv4", srcAddr: "10.0.0.1", dstAddr: "10.0.0.2" },
 *   { layer: "udp", srcPort: 1, dstPort: 2 },
 *   { layer: "payload", bytes: new TextEncoder().encode("hi") },
 * ];
 * const p = decodeFrame(buildPacket(layers));
 * assert.deepEqual(p.chain.map((l) => l.layer), ["ethernet", "ipv4", "udp"]);
 * assert.equal(new TextDecoder().decode(p.payload), "hi");
 * ```
 */
export type BuildLayer =
  | EthernetLayer
  | VlanLayer
  | ArpLayer
  | Ipv4Layer
  | Ipv6Layer
  | Ipv6ExtensionLayer
  | TcpLayer
  | UdpLayer
  | IcmpLayer
  | Icmpv6Layer
  | DnsLayer
  | PayloadLayer;
