/**
 * Packet builders: a packet is a list of layer records, outermost first, written in order into
 * a buffer; then lengths and checksums (with the IPv4 or IPv6 pseudo-header) are filled from
 * the inside out. A field the caller sets (a length, a checksum, an EtherType, a next protocol)
 * is written as given, so broken packets can be built on purpose.
 *
 * {@linkcode writePacket} writes into the caller's buffer and allocates nothing (layer records
 * may be kept and changed between calls); {@linkcode buildPacket} returns a new array.
 *
 * @module
 */

import {
  badField,
  type Ipv4Input,
  type Ipv6Input,
  type MacInput,
  put16,
  put32,
  putIpv4,
  putIpv6,
  putMac,
  room,
  uint,
} from "./_build_bytes.ts";
import { type DnsLayer, writeDns } from "./dns_build.ts";

export type { Ipv4Input, Ipv6Input, MacInput } from "./_build_bytes.ts";
export type { DnsLayer, DnsQuestionInput, DnsRecordInput } from "./dns_build.ts";

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

/**
 * Most layers one packet may have.
 *
 * @example Stay within the limit
 * ```ts
 * import { MAX_BUILD_LAYERS } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * assert.equal(MAX_BUILD_LAYERS, 32);
 * ```
 */
export const MAX_BUILD_LAYERS = 32;

// Start offsets of the layers of the packet being written (writePacket is synchronous).
const starts = new Int32Array(MAX_BUILD_LAYERS);

/**
 * Writes `layers` into `buf` from `at`, then fills lengths and checksums not set on purpose.
 * Allocates nothing.
 *
 * @param buf Where to write.
 * @param layers The layers, outermost first.
 * @param at Offset in `buf` of the first byte. @default 0
 * @returns The packet's length in bytes.
 * @throws {RangeError} When the packet does not fit or a field is out of range.
 * @throws {TypeError} On an address that cannot be read or a next protocol that cannot be known.
 *
 * @example Build a TCP SYN and decode it back
 * ```ts
 * import { decodePacket, TCP_FLAG, writePacket } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const buf = new Uint8Array(1514);
 * const n = writePacket(buf, [
 *   { layer: "ethernet", dstAddr: "02:00:00:00:00:02", srcAddr: "02:00:00:00:00:01" },
 *   { layer: "ipv4", srcAddr: "192.168.0.1", dstAddr: "192.168.0.2", identification: 1 },
 *   { layer: "tcp", srcPort: 50000, dstPort: 80, seqNumber: 1, flags: TCP_FLAG.SYN },
 * ]);
 * const p = decodePacket(1, buf.subarray(0, n));
 * assert.equal(n, 54);
 * assert.equal(p.ipv4?.checksumOk(), true);
 * assert.equal(p.tcp?.syn, true);
 * ```
 */
export function writePacket(buf: Uint8Array, layers: readonly BuildLayer[], at = 0): number {
  const count = layers.length;
  if (count > MAX_BUILD_LAYERS) {
    throw new RangeError(
      `Cannot build packet: ${count} layers, at most ${MAX_BUILD_LAYERS} are supported`,
    );
  }
  let n = at;
  for (let i = 0; i < count; i++) {
    starts[i] = n;
    n = writeLayer(buf, n, layers[i]!, layers[i + 1], layers[i - 1]?.layer === "tcp", i);
  }
  for (let i = count - 1; i >= 0; i--) finish(buf, layers, i, n);
  return n - at;
}

/**
 * Builds `layers` into a new array of exactly the packet's length.
 *
 * @param layers The layers, outermost first.
 * @returns The packet.
 * @throws {RangeError} When the packet exceeds 65535 + 14 bytes or a field is out of range.
 * @throws {TypeError} As {@linkcode writePacket}.
 *
 * @example Build an ARP request
 * ```ts
 * import { ARP_OP, buildPacket, decodePacket } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const frame = buildPacket([
 *   { layer: "ethernet", dstAddr: "ff:ff:ff:ff:ff:ff", srcAddr: "02:00:00:00:00:01" },
 *   { layer: "arp", oper: ARP_OP.REQUEST, sha: "02:00:00:00:00:01", spa: "10.0.0.1", tpa: "10.0.0.2" },
 * ]);
 * assert.equal(frame.length, 42);
 * assert.equal(decodePacket(1, frame).arp?.toHeader().tpa, "10.0.0.2");
 * ```
 */
export function buildPacket(layers: readonly BuildLayer[]): Uint8Array {
  scratch ??= new Uint8Array(65535 + 64);
  const n = writePacket(scratch, layers);
  return scratch.slice(0, n);
}
let scratch: Uint8Array | undefined;

function etherTypeOf(next: BuildLayer | undefined): number {
  switch (next?.layer) {
    case "vlan":
      return next.tpid ?? 0x8100;
    case "ipv4":
      return 0x0800;
    case "ipv6":
      return 0x86dd;
    case "arp":
      return 0x0806;
  }
  return -1;
}

function ipProtocolOf(next: BuildLayer | undefined, v6: boolean): number {
  switch (next?.layer) {
    case "tcp":
      return 6;
    case "udp":
      return 17;
    case "icmp":
      return 1;
    case "icmpv6":
      return 58;
    case "ipv4":
      return 4;
    case "ipv6":
      return 41;
    case "ipv6-ext":
      return next.headerType;
    case undefined:
      return v6 ? 59 : -1;
  }
  return -1;
}

function needs(i: number, name: string, field: string, next: BuildLayer | undefined): TypeError {
  return new TypeError(
    `Cannot build packet: layer ${i} (${name}) needs ${field} (the next layer is ${
      next ? next.layer : "missing"
    })`,
  );
}

function writeLayer(
  b: Uint8Array,
  at: number,
  l: BuildLayer,
  next: BuildLayer | undefined,
  afterTcp: boolean,
  i: number,
): number {
  switch (l.layer) {
    case "ethernet": {
      room(b, at, 14, i, l.layer);
      putMac(b, at, l.dstAddr, i, l.layer, "dstAddr");
      putMac(b, at + 6, l.srcAddr, i, l.layer, "srcAddr");
      const type = l.etherType ?? etherTypeOf(next);
      if (type < 0) throw needs(i, l.layer, "etherType", next);
      put16(b, at + 12, uint(type, 0xffff, i, l.layer, "etherType"));
      return at + 14;
    }
    case "vlan": {
      room(b, at, 4, i, l.layer);
      const tci = (uint(l.pcp ?? 0, 7, i, l.layer, "pcp") << 13) | (l.dei ? 0x1000 : 0) |
        uint(l.vid, 4095, i, l.layer, "vid");
      put16(b, at, tci);
      const type = l.etherType ?? etherTypeOf(next);
      if (type < 0) throw needs(i, l.layer, "etherType", next);
      put16(b, at + 2, uint(type, 0xffff, i, l.layer, "etherType"));
      return at + 4;
    }
    case "arp": {
      room(b, at, 28, i, l.layer);
      put16(b, at, l.htype ?? 1);
      put16(b, at + 2, l.ptype ?? 0x0800);
      b[at + 4] = 6;
      b[at + 5] = 4;
      put16(b, at + 6, uint(l.oper, 0xffff, i, l.layer, "oper"));
      putMac(b, at + 8, l.sha, i, l.layer, "sha");
      putIpv4(b, at + 14, l.spa, i, l.layer, "spa");
      if (l.tha === undefined) b.fill(0, at + 18, at + 24);
      else putMac(b, at + 18, l.tha, i, l.layer, "tha");
      putIpv4(b, at + 24, l.tpa, i, l.layer, "tpa");
      return at + 28;
    }
    case "ipv4":
      return writeIpv4(b, at, l, next, i);
    case "ipv6": {
      room(b, at, 40, i, l.layer);
      const tc = uint(l.trafficClass ?? 0, 255, i, l.layer, "trafficClass");
      const flow = uint(l.flowLabel ?? 0, 0xfffff, i, l.layer, "flowLabel");
      put32(b, at, (0x60000000 | (tc << 20) | flow) >>> 0);
      put16(b, at + 4, uint(l.payloadLen ?? 0, 0xffff, i, l.layer, "payloadLen"));
      const nh = l.nextHeader ?? ipProtocolOf(next, true);
      if (nh < 0) throw needs(i, l.layer, "nextHeader", next);
      b[at + 6] = uint(nh, 255, i, l.layer, "nextHeader");
      b[at + 7] = uint(l.hopLimit ?? 64, 255, i, l.layer, "hopLimit");
      putIpv6(b, at + 8, l.srcAddr, i, l.layer, "srcAddr");
      putIpv6(b, at + 24, l.dstAddr, i, l.layer, "dstAddr");
      return at + 40;
    }
    case "ipv6-ext":
      return writeIpv6Extension(b, at, l, next, i);
    case "tcp": {
      room(b, at, 20, i, l.layer);
      put16(b, at, uint(l.srcPort, 0xffff, i, l.layer, "srcPort"));
      put16(b, at + 2, uint(l.dstPort, 0xffff, i, l.layer, "dstPort"));
      put32(b, at + 4, uint(l.seqNumber ?? 0, 0xffffffff, i, l.layer, "seqNumber"));
      put32(b, at + 8, uint(l.ackNumber ?? 0, 0xffffffff, i, l.layer, "ackNumber"));
      b[at + 13] = uint(l.flags ?? 0, 0xff, i, l.layer, "flags");
      put16(b, at + 14, uint(l.window ?? 65535, 0xffff, i, l.layer, "window"));
      put16(b, at + 16, l.checksum ?? 0);
      put16(b, at + 18, uint(l.urgentPointer ?? 0, 0xffff, i, l.layer, "urgentPointer"));
      const end = writeOptions(b, at + 20, l.options, 4, 0, i, l.layer);
      const words = l.dataOffset ?? (end - at) / 4;
      if (words > 60) {
        throw new RangeError(`Cannot build packet: layer ${i} (tcp) options exceed 40 bytes`);
      }
      b[at + 12] = uint(words, 15, i, l.layer, "dataOffset") << 4;
      return end;
    }
    case "udp": {
      room(b, at, 8, i, l.layer);
      put16(b, at, uint(l.srcPort, 0xffff, i, l.layer, "srcPort"));
      put16(b, at + 2, uint(l.dstPort, 0xffff, i, l.layer, "dstPort"));
      put16(b, at + 4, uint(l.length ?? 0, 0xffff, i, l.layer, "length"));
      put16(b, at + 6, l.checksum ?? 0);
      return at + 8;
    }
    case "icmp": {
      room(b, at, 8, i, l.layer);
      b[at] = uint(l.type, 255, i, l.layer, "type");
      b[at + 1] = uint(l.code ?? 0, 255, i, l.layer, "code");
      put16(b, at + 2, l.checksum ?? 0);
      if (l.restOfHeader !== undefined) put32(b, at + 4, l.restOfHeader);
      else {
        put16(b, at + 4, uint(l.identifier ?? 0, 0xffff, i, l.layer, "identifier"));
        put16(b, at + 6, uint(l.sequence ?? 0, 0xffff, i, l.layer, "sequence"));
      }
      return at + 8;
    }
    case "icmpv6":
      return writeIcmpv6(b, at, l, i);
    case "dns":
      return writeDns(b, at, l, l.overTcp ?? afterTcp, i);
    case "payload": {
      if (l.bytes) {
        room(b, at, l.bytes.byteLength, i, l.layer);
        b.set(l.bytes, at);
        return at + l.bytes.byteLength;
      }
      const len = uint(l.length ?? 0, 0xffffff, i, l.layer, "length");
      room(b, at, len, i, l.layer);
      b.fill(l.fill ?? 0, at, at + len);
      return at + len;
    }
  }
  throw new TypeError(
    `Cannot build packet: layer ${i} has unknown kind "${(l as { layer: unknown }).layer}"`,
  );
}

function writeIpv4(
  b: Uint8Array,
  at: number,
  l: Ipv4Layer,
  next: BuildLayer | undefined,
  i: number,
): number {
  room(b, at, 20, i, l.layer);
  b[at + 1] = uint(l.tos ?? 0, 255, i, l.layer, "tos");
  put16(b, at + 2, uint(l.totalLen ?? 0, 0xffff, i, l.layer, "totalLen"));
  put16(b, at + 4, uint(l.identification ?? 0, 0xffff, i, l.layer, "identification"));
  const frag = uint(l.fragmentOffset ?? 0, 0x1fff, i, l.layer, "fragmentOffset");
  put16(
    b,
    at + 6,
    (l.reservedFlag ? 0x8000 : 0) | (l.dontFragment ? 0x4000 : 0) |
      (l.moreFragments ? 0x2000 : 0) | frag,
  );
  b[at + 8] = uint(l.ttl ?? 64, 255, i, l.layer, "ttl");
  const proto = l.protocol ?? ipProtocolOf(next, false);
  if (proto < 0) throw needs(i, l.layer, "protocol", next);
  b[at + 9] = uint(proto, 255, i, l.layer, "protocol");
  put16(b, at + 10, l.checksum ?? 0);
  putIpv4(b, at + 12, l.srcAddr, i, l.layer, "srcAddr");
  putIpv4(b, at + 16, l.dstAddr, i, l.layer, "dstAddr");
  const end = writeOptions(b, at + 20, l.options, 4, 0, i, l.layer);
  if (end - at > 60) {
    throw new RangeError(`Cannot build packet: layer ${i} (ipv4) options exceed 40 bytes`);
  }
  b[at] = 0x40 | ((end - at) >> 2);
  return end;
}

/**
 * Writes type-length-value options from `at` and pads them to a multiple of `align`:
 * IPv4/TCP style (`pad1` 0 = EOL fill, types 0 and 1 single bytes) or IPv6 style (`align` 8:
 * Pad1 then PadN, only type 0 single).
 */
function writeOptions(
  b: Uint8Array,
  at: number,
  options: readonly BuildOption[] | undefined,
  align: number,
  pad1: number,
  i: number,
  name: string,
): number {
  let n = at;
  const v6 = align === 8;
  if (options) {
    for (let k = 0; k < options.length; k++) {
      const o = options[k]!;
      const type = uint(o.type, 255, i, name, "option type");
      if (type === 0 || (!v6 && type === 1)) {
        room(b, n, 1, i, name);
        b[n++] = type;
        continue;
      }
      const len = o.data?.byteLength ?? 0;
      if (len > 253) throw badField(i, name, "option data", `${len} bytes`, "at most 253 bytes");
      room(b, n, 2 + len, i, name);
      b[n] = type;
      b[n + 1] = v6 ? len : len + 2;
      if (o.data) b.set(o.data, n + 2);
      n += 2 + len;
    }
  }
  const pad = (align - ((n - at + (v6 ? 2 : 0)) % align)) % align;
  room(b, n, pad, i, name);
  if (v6 && pad >= 2) {
    b[n] = 1;
    b[n + 1] = pad - 2;
    b.fill(0, n + 2, n + pad);
  } else b.fill(pad1, n, n + pad);
  return n + pad;
}

function writeIpv6Extension(
  b: Uint8Array,
  at: number,
  l: Ipv6ExtensionLayer,
  next: BuildLayer | undefined,
  i: number,
): number {
  const nh = l.nextHeader ?? ipProtocolOf(next, true);
  if (nh < 0) throw needs(i, l.layer, "nextHeader", next);
  room(b, at, 8, i, l.layer);
  b[at] = uint(nh, 255, i, l.layer, "nextHeader");
  let end: number;
  switch (l.headerType) {
    case 0:
    case 60:
      end = writeOptions(b, at + 2, l.options, 8, 0, i, l.layer);
      break;
    case 43: {
      const addrs = l.addresses;
      const count = addrs?.length ?? 0;
      room(b, at, 8 + 16 * count, i, l.layer);
      b[at + 2] = uint(l.routingType ?? 0, 255, i, l.layer, "routingType");
      b[at + 3] = uint(l.segmentsLeft ?? count, 255, i, l.layer, "segmentsLeft");
      put32(b, at + 4, 0);
      for (let k = 0; k < count; k++) {
        putIpv6(b, at + 8 + 16 * k, addrs![k]!, i, l.layer, "addresses");
      }
      end = at + 8 + 16 * count;
      break;
    }
    case 44: {
      const off = uint(l.fragmentOffset ?? 0, 0x1fff, i, l.layer, "fragmentOffset");
      b[at + 1] = 0;
      put16(b, at + 2, (off << 3) | (l.moreFragments ? 1 : 0));
      put32(b, at + 4, uint(l.identification ?? 0, 0xffffffff, i, l.layer, "identification"));
      return at + 8;
    }
    default:
      throw badField(i, l.layer, "headerType", l.headerType, "0, 43, 44 or 60");
  }
  b[at + 1] = (end - at) / 8 - 1;
  return end;
}

function writeIcmpv6(b: Uint8Array, at: number, l: Icmpv6Layer, i: number): number {
  room(b, at, 8, i, l.layer);
  const type = uint(l.type, 255, i, l.layer, "type");
  b[at] = type;
  b[at + 1] = uint(l.code ?? 0, 255, i, l.layer, "code");
  put16(b, at + 2, l.checksum ?? 0);
  if (l.restOfHeader !== undefined) put32(b, at + 4, l.restOfHeader);
  else if (type === 134) {
    b[at + 4] = uint(l.curHopLimit ?? 64, 255, i, l.layer, "curHopLimit");
    b[at + 5] = uint(l.ndFlags ?? 0, 255, i, l.layer, "ndFlags");
    put16(b, at + 6, uint(l.routerLifetime ?? 1800, 0xffff, i, l.layer, "routerLifetime"));
  } else if (type === 128 || type === 129) {
    put16(b, at + 4, uint(l.identifier ?? 0, 0xffff, i, l.layer, "identifier"));
    put16(b, at + 6, uint(l.sequence ?? 0, 0xffff, i, l.layer, "sequence"));
  } else {
    put32(b, at + 4, 0);
    b[at + 4] = uint(l.ndFlags ?? 0, 255, i, l.layer, "ndFlags");
  }
  let n = at + 8;
  if (type === 134) {
    room(b, n, 8, i, l.layer);
    put32(b, n, uint(l.reachableTime ?? 0, 0xffffffff, i, l.layer, "reachableTime"));
    put32(b, n + 4, uint(l.retransTimer ?? 0, 0xffffffff, i, l.layer, "retransTimer"));
    n += 8;
  }
  if (type === 135 || type === 136 || type === 137 || l.targetAddr !== undefined) {
    room(b, n, 16, i, l.layer);
    if (l.targetAddr === undefined) b.fill(0, n, n + 16);
    else putIpv6(b, n, l.targetAddr, i, l.layer, "targetAddr");
    n += 16;
  }
  const opts = l.ndOptions;
  if (opts) {
    for (let k = 0; k < opts.length; k++) {
      const o = opts[k]!;
      const dataLen = o.linkAddr !== undefined ? 6 : (o.data?.byteLength ?? 0);
      const len = (dataLen + 2 + 7) & ~7;
      if (len > 255 * 8) throw badField(i, l.layer, "ndOption data", `${dataLen} bytes`, "short");
      room(b, n, len, i, l.layer);
      b[n] = uint(o.type, 255, i, l.layer, "ndOption type");
      b[n + 1] = len / 8;
      if (o.linkAddr !== undefined) putMac(b, n + 2, o.linkAddr, i, l.layer, "linkAddr");
      else if (o.data) b.set(o.data, n + 2);
      b.fill(0, n + 2 + dataLen, n + len);
      n += len;
    }
  }
  return n;
}

/** Ones'-complement sum of b[from, to) added to `sum`, not folded. */
function sumRange(b: Uint8Array, from: number, to: number, sum: number): number {
  const even = from + ((to - from) & ~1);
  for (let k = from; k < even; k += 2) sum += (b[k]! << 8) | b[k + 1]!;
  if (even < to) sum += b[even]! << 8;
  return sum;
}

function fold(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/**
 * Sum of the pseudo-header (RFC 9293 3.1, RFC 8200 8.1) for an upper layer at `start` of
 * `len` bytes inside the IP header at `ip`, or -1 without one. IPv6 uses the final destination
 * of a type 0 or 2 routing header between them, as tcpdump checks it.
 */
function pseudoSum(b: Uint8Array, ip: number, start: number, len: number, proto: number): number {
  if (ip < 0) return -1;
  if (b[ip]! >> 4 === 4) {
    return sumRange(b, ip + 12, ip + 20, proto + (len & 0xffff) + (len >>> 16));
  }
  let dst = ip + 24, next = b[ip + 6]!, at = ip + 40;
  while (at + 8 <= start && next !== proto) {
    const extLen = next === 44 ? 8 : next === 51 ? (b[at + 1]! + 2) * 4 : (b[at + 1]! + 1) * 8;
    if (next === 43 && (b[at + 2] === 0 || b[at + 2] === 2)) {
      const count = b[at + 1]! >> 1;
      if (count > 0 && at + 8 + 16 * count <= start) dst = at + 8 + 16 * (count - 1);
    }
    next = b[at]!;
    at += extLen;
  }
  const sum = sumRange(b, ip + 8, ip + 24, proto + (len & 0xffff) + (len >>> 16));
  return sumRange(b, dst, dst + 16, sum);
}

/** Index of the innermost IPv4 or IPv6 layer before `i`, or -1. */
function ipBefore(layers: readonly BuildLayer[], i: number): number {
  for (let k = i - 1; k >= 0; k--) {
    const kind = layers[k]!.layer;
    if (kind === "ipv4" || kind === "ipv6") return k;
  }
  return -1;
}

function finish(b: Uint8Array, layers: readonly BuildLayer[], i: number, end: number): void {
  const l = layers[i]!;
  const start = starts[i]!;
  const len = end - start;
  switch (l.layer) {
    case "ipv4":
      if (l.totalLen === undefined) put16(b, start + 2, Math.min(len, 0xffff));
      if (l.checksum === undefined) {
        put16(b, start + 10, 0);
        put16(b, start + 10, ~fold(sumRange(b, start, start + (b[start]! & 15) * 4, 0)));
      }
      return;
    case "ipv6":
      if (l.payloadLen === undefined) put16(b, start + 4, Math.min(len - 40, 0xffff));
      return;
    case "udp":
    case "tcp":
    case "icmpv6": {
      if (l.layer === "udp" && l.length === undefined) put16(b, start + 4, Math.min(len, 0xffff));
      if (l.checksum !== undefined) return;
      const at = start + (l.layer === "udp" ? 6 : l.layer === "tcp" ? 16 : 2);
      const proto = l.layer === "udp" ? 17 : l.layer === "tcp" ? 6 : 58;
      const k = ipBefore(layers, i);
      const pseudo = pseudoSum(b, k < 0 ? -1 : starts[k]!, start, len, proto);
      if (pseudo < 0) {
        // Without an IP layer there is no pseudo-header: leave the field zero.
        put16(b, at, 0);
        return;
      }
      put16(b, at, 0);
      let sum = ~fold(sumRange(b, start, end, pseudo)) & 0xffff;
      if (sum === 0 && proto === 17) sum = 0xffff; // RFC 768: zero means "no checksum"
      put16(b, at, sum);
      return;
    }
    case "icmp":
      if (l.checksum === undefined) {
        put16(b, start + 2, 0);
        put16(b, start + 2, ~fold(sumRange(b, start, end, 0)));
      }
      return;
    case "dns": {
      const prev = layers[i - 1];
      if ((l.overTcp ?? prev?.layer === "tcp") && l.tcpLength === undefined) {
        put16(b, start, Math.min(len - 2, 0xffff));
      }
      return;
    }
  }
}

/**
 * Splits the IPv4 packet at `ipAt` of `frame` into fragments of at most `mtu` bytes of IP
 * packet each (RFC 791 3.2), the bytes before `ipAt` (a link header) copied in front of each.
 * The first fragment keeps every option, later ones only those with the copy bit; each gets
 * its Total Length, More Fragments, Fragment Offset and header checksum. A packet that fits is
 * returned as one copy.
 *
 * @param frame The frame holding the packet (its Total Length says where the packet ends).
 * @param ipAt Offset of the IPv4 header in `frame`.
 * @param mtu Largest IP packet of a fragment, in bytes (≥ 68).
 * @returns The fragments, in order, as new arrays.
 * @throws {RangeError} When the packet has Don't Fragment set and does not fit, or `mtu` < 68.
 *
 * @example Fragment a 3000-byte datagram for a 1500-byte MTU
 * ```ts
 * import { buildPacket, decodePacket, fragmentIpv4 } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const frame = buildPacket([
 *   { layer: "ethernet", dstAddr: "02:00:00:00:00:02", srcAddr: "02:00:00:00:00:01" },
 *   { layer: "ipv4", srcAddr: "10.0.0.1", dstAddr: "10.0.0.2", identification: 9 },
 *   { layer: "udp", srcPort: 1, dstPort: 2 },
 *   { layer: "payload", length: 2972 },
 * ]);
 * const parts = fragmentIpv4(frame, 14, 1500);
 * assert.deepEqual(parts.map((f) => f.length), [1514, 1514, 54]);
 * assert.equal(decodePacket(1, parts[1]!).ipv4?.fragmentByteOffset, 1480);
 * ```
 */
export function fragmentIpv4(frame: Uint8Array, ipAt: number, mtu: number): Uint8Array[] {
  if (!Number.isInteger(mtu) || mtu < 68) {
    throw new RangeError(`Cannot fragment: MTU ${mtu} is below IPv4's minimum of 68`);
  }
  const hl = (frame[ipAt]! & 15) * 4;
  if (frame[ipAt]! >> 4 !== 4 || hl < 20 || ipAt + hl > frame.length) {
    throw new RangeError(`Cannot fragment: no IPv4 header at offset ${ipAt}`);
  }
  const total = Math.min((frame[ipAt + 2]! << 8) | frame[ipAt + 3]!, frame.length - ipAt);
  if (total <= mtu) return [frame.slice(0, ipAt + total)];
  const flags = (frame[ipAt + 6]! << 8) | frame[ipAt + 7]!;
  if (flags & 0x4000) {
    throw new RangeError(`Cannot fragment: Don't Fragment is set on a ${total}-byte packet`);
  }
  // Options of later fragments: those with the copy bit (RFC 791 3.1), padded to 4 bytes.
  const copied: number[] = [];
  for (let k = ipAt + 20; k < ipAt + hl;) {
    const t = frame[k]!;
    if (t === 0) break;
    if (t === 1) {
      k++;
      continue;
    }
    const olen = frame[k + 1]!;
    if (olen < 2) break;
    if (t & 0x80) { for (let m = 0; m < olen; m++) copied.push(frame[k + m]!); }
    k += olen;
  }
  while (copied.length % 4) copied.push(0);
  const out: Uint8Array[] = [];
  const baseOffset = (flags & 0x1fff) * 8;
  const lastMf = flags & 0x2000;
  let done = 0;
  const data = total - hl;
  while (done < data) {
    const first = done === 0;
    const fhl = first ? hl : 20 + copied.length;
    let chunk = data - done;
    const max = (mtu - fhl) & ~7;
    const more = chunk > max;
    if (more) chunk = max;
    const f = new Uint8Array(ipAt + fhl + chunk);
    f.set(frame.subarray(0, ipAt + 20), 0);
    if (first) f.set(frame.subarray(ipAt + 20, ipAt + hl), ipAt + 20);
    else f.set(copied, ipAt + 20);
    f.set(frame.subarray(ipAt + hl + done, ipAt + hl + done + chunk), ipAt + fhl);
    f[ipAt] = 0x40 | (fhl >> 2);
    put16(f, ipAt + 2, fhl + chunk);
    put16(
      f,
      ipAt + 6,
      (flags & 0x8000) | (more || lastMf ? 0x2000 : 0) | ((baseOffset + done) >> 3),
    );
    put16(f, ipAt + 10, 0);
    put16(f, ipAt + 10, ~fold(sumRange(f, ipAt, ipAt + fhl, 0)));
    out.push(f);
    done += chunk;
  }
  return out;
}
