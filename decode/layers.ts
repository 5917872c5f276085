/**
 * The layer walker: link header (Ethernet/802.3 LLC, Linux cooked v1/v2, BSD loopback, raw IP)
 * → VLAN tags → ARP/IPv4/IPv6 (extension headers) → TCP/UDP/ICMP/ICMPv6 → DNS, refilling a
 * reusable {@linkcode Layers} object.
 *
 * @module
 */

import { requireBytes } from "./_bytes.ts";
import { ArpView, wrapArpView } from "./arp.ts";
import type { DecodeIssue } from "./errors.ts";
import { ETHERNET_MAX_LENGTH_VALUE, EthernetView, wrapEthernetView } from "./ethernet.ts";
import { IcmpView, wrapIcmpView } from "./icmp.ts";
import { Ipv4View, wrapIpv4View } from "./ipv4.ts";
import {
  Ipv6ExtensionView,
  Ipv6View,
  isIpv6Extension,
  wrapIpv6ExtensionView,
  wrapIpv6View,
} from "./ipv6.ts";
import { DNS_PORTS, DnsView, wrapDnsView } from "./dns.ts";
import { Icmpv6View, wrapIcmpv6View } from "./icmpv6.ts";
import { LLC_SAP, LlcView, wrapLlcView } from "./llc.ts";
import { NULL_FAMILY, NullView, wrapNullView } from "./null.ts";
import { SLL_PROTOCOL, SllView, wrapSllView } from "./sll.ts";
import { Sll2View, wrapSll2View } from "./sll2.ts";
import { TcpView, wrapTcpView } from "./tcp.ts";
import { UdpView, wrapUdpView } from "./udp.ts";
import { VlanView, wrapVlanView } from "./vlan.ts";
import { LINKTYPE } from "../link_type.ts";
import { ETHERTYPE, IP_PROTO } from "../protocols.ts";

/**
 * Most VLAN tags the walker reads before treating the rest as an unknown payload.
 *
 * @example Stack tags up to the limit
 * ```ts
 * import { decodeFrame, MAX_VLAN_TAGS } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const tag = "8100" + "0001";
 * const p = decodeFrame(Uint8Array.fromHex("ffffffffffff020000000001" + tag.repeat(4) + "88b5"));
 * assert.equal(p.vlans.length, MAX_VLAN_TAGS);
 * ```
 */
export const MAX_VLAN_TAGS = 3;
/**
 * Most IPv6 extension headers the walker reads in one packet.
 *
 * @example Walk a chain of destination options
 * ```ts
 * import { decodePacket, MAX_IPV6_EXTENSIONS } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * // Payload Length 72, Next Header 60: nine 8-byte destination options headers.
 * const ip = "6000000000483c40" + "00".repeat(15) + "01" + "00".repeat(15) + "01";
 * const p = decodePacket(101, Uint8Array.fromHex(ip + "3c00010400000000".repeat(9)));
 * assert.equal(p.ipv6Extensions.length, MAX_IPV6_EXTENSIONS);
 * ```
 */
export const MAX_IPV6_EXTENSIONS = 8;
/**
 * Most IP headers (tunnels: IPv4/IPv6 in IPv4/IPv6) the walker reads in one packet.
 *
 * @example Follow tunnels up to the limit
 * ```ts
 * import { decodePacket, MAX_IP_HEADERS } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * // Three nested IPv4 headers, each announcing IPv4 inside (protocol 4).
 * const ip = (totalLen: string) => "4500" + totalLen + "000000004004000001010101" + "02020202";
 * const p = decodePacket(101, Uint8Array.fromHex(ip("003c") + ip("0028") + ip("0014")));
 * assert.equal(p.chain.length, MAX_IP_HEADERS);
 * ```
 */
export const MAX_IP_HEADERS = 3;

/**
 * Any view the walker puts in a chain.
 *
 * @example Walk the chain
 * ```ts
 * import { decodeFrame, type Layer } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const chain: Layer[] = decodeFrame(Uint8Array.fromHex("ffffffffffff0200000000010806" +
 *   "0001080006040001020000000001c0a80001000000000000c0a80002")).chain;
 * assert.deepEqual(chain.map((l) => l.layer), ["ethernet", "arp"]);
 * ```
 */
export type Layer =
  | EthernetView
  | LlcView
  | SllView
  | Sll2View
  | NullView
  | VlanView
  | ArpView
  | Ipv4View
  | Ipv6View
  | Ipv6ExtensionView
  | TcpView
  | UdpView
  | IcmpView
  | Icmpv6View
  | DnsView;

/**
 * The plain form of any layer, as `toHeader()` returns it.
 *
 * @example Copy the chain out
 * ```ts
 * import { decodeFrame, type LayerHeader } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const headers: LayerHeader[] = decodeFrame(Uint8Array.fromHex("ffffffffffff0200000000010806" +
 *   "0001080006040001020000000001c0a80001000000000000c0a80002")).chain.map((l) => l.toHeader());
 * assert.equal(headers[1]?.layer, "arp");
 * ```
 */
export type LayerHeader = ReturnType<Layer["toHeader"]>;

/**
 * JSON-ready form of a decoded packet.
 *
 * @example Write one JSON line per packet
 * ```ts
 * import { decodeFrame, packetToJson, type PacketJson } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const json: PacketJson = packetToJson(decodeFrame(Uint8Array.fromHex("ffffffffffff0200000000010806" +
 *   "0001080006040001020000000001c0a80001000000000000c0a80002").subarray(0, 20)));
 * assert.equal(json.stop?.layer, "arp");
 * assert.equal(JSON.stringify(json).includes("\n"), false);
 * ```
 */
export interface PacketJson {
  /** Link type the packet was decoded as. */
  linkType: number;
  /** Each decoded layer's plain form, outermost first. */
  layers: LayerHeader[];
  /** Bytes left after the last decoded layer (application data, or an unknown protocol). */
  payloadLen: number;
  /** Why decoding stopped early, when it did. */
  stop?: DecodeIssue;
}

/**
 * The views a {@linkcode Layers} object has handed out, kept for its next walk: each walk
 * re-points them at the new packet instead of making new ones.
 */
class ViewPool {
  ethernet: EthernetView | undefined = undefined;
  sll: SllView | undefined = undefined;
  sll2: Sll2View | undefined = undefined;
  null: NullView | undefined = undefined;
  llc: LlcView | undefined = undefined;
  arp: ArpView | undefined = undefined;
  tcp: TcpView | undefined = undefined;
  udp: UdpView | undefined = undefined;
  icmp: IcmpView | undefined = undefined;
  icmpv6: Icmpv6View | undefined = undefined;
  dns: DnsView | undefined = undefined;
  // Views of stacked layers, indexed by position in the walk; made on first use, so a Layers
  // used once (no `into`) pays for none of them.
  vlans: VlanView[] | undefined = undefined;
  ipv4: Ipv4View[] | undefined = undefined;
  ipv6: Ipv6View[] | undefined = undefined;
  ipv6Extensions: Ipv6ExtensionView[] | undefined = undefined;
  /** IPv4 and IPv6 headers used by the current walk (tunnels nest up to MAX_IP_HEADERS). */
  ipv4Used = 0;
  ipv6Used = 0;
  /** `byteOffset` of the packet in its buffer, so an issue can say where its layer starts. */
  base = 0;
}

/** The pool of a {@linkcode Layers} (set in its static block; private to this module). */
let poolOf: (l: Layers) => ViewPool;

/**
 * The result of one walk: the chain of views, outermost first, a slot per protocol for direct
 * access, what is left, and why the walk stopped early if it did. Refilled in place by
 * {@linkcode decodePacket}; its views share the packet's memory. A reused `Layers` keeps its
 * views and re-points them at each new packet, so a capture loop makes no view objects: a view
 * taken from an earlier walk reads the latest packet (copy with `toHeader()` to keep one).
 *
 * @example Reuse one Layers object
 * ```ts
 * import { decodeFrame, Layers } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const layers = new Layers();
 * decodeFrame(Uint8Array.fromHex("ffffffffffff020000000001"), layers);
 * assert.equal(layers.chain.length, 0);
 * assert.equal(layers.stop?.reason, "truncated");
 * ```
 */
export class Layers {
  readonly #pool = new ViewPool();
  static {
    poolOf = (l) => l.#pool;
  }
  /** Link type of the last walk. */
  linkType: number = LINKTYPE.ETHERNET;
  /** Every decoded layer, outermost first. */
  readonly chain: Layer[] = [];
  /** Ethernet header, if any. */
  ethernet: EthernetView | undefined = undefined;
  /** Linux cooked v1 header, if any. */
  sll: SllView | undefined = undefined;
  /** Linux cooked v2 header, if any. */
  sll2: Sll2View | undefined = undefined;
  /** BSD loopback header, if any. */
  null: NullView | undefined = undefined;
  /** 802.2 LLC (and SNAP) header, if any. */
  llc: LlcView | undefined = undefined;
  /** VLAN tags, outermost first. */
  readonly vlans: VlanView[] = [];
  /** ARP packet, if any. */
  arp: ArpView | undefined = undefined;
  /** Innermost IPv4 header, if any. */
  ipv4: Ipv4View | undefined = undefined;
  /** Innermost IPv6 header, if any. */
  ipv6: Ipv6View | undefined = undefined;
  /** IPv6 extension headers, in order. */
  readonly ipv6Extensions: Ipv6ExtensionView[] = [];
  /** Innermost IP header of either version (the one the transport layer belongs to). */
  ip: Ipv4View | Ipv6View | undefined = undefined;
  /** TCP header, if any. */
  tcp: TcpView | undefined = undefined;
  /** UDP header, if any. */
  udp: UdpView | undefined = undefined;
  /** ICMP header, if any. */
  icmp: IcmpView | undefined = undefined;
  /** ICMPv6 message, if any. */
  icmpv6: Icmpv6View | undefined = undefined;
  /** DNS message, if any. */
  dns: DnsView | undefined = undefined;
  /** Bytes after the last decoded layer; shares memory. */
  payload: Uint8Array = new Uint8Array(0);
  /** Why decoding stopped early (a truncated or malformed layer), or `undefined`. */
  stop: DecodeIssue | undefined = undefined;

  /**
   * Empties every slot for a new walk.
   *
   * @param linkType The link type of the next packet.
   */
  reset(linkType: number): void {
    this.linkType = linkType;
    // Popping keeps each array's backing store; `length = 0` frees it, and the next push
    // allocates it again.
    const { chain, vlans, ipv6Extensions } = this;
    while (chain.length) chain.pop();
    while (vlans.length) vlans.pop();
    while (ipv6Extensions.length) ipv6Extensions.pop();
    this.ethernet =
      this.sll =
      this.sll2 =
      this.null =
      this.llc =
      this.arp =
        undefined;
    this.ipv4 = this.ipv6 = this.ip = undefined;
    this.tcp =
      this.udp =
      this.icmp =
      this.icmpv6 =
      this.dns =
        undefined;
    this.stop = undefined;
  }

  /** Source port of the TCP or UDP layer, or `undefined`. */
  get srcPort(): number | undefined {
    return (this.tcp ?? this.udp)?.srcPort;
  }
  /** Destination port of the TCP or UDP layer, or `undefined`. */
  get dstPort(): number | undefined {
    return (this.tcp ?? this.udp)?.dstPort;
  }

  /**
   * JSON-ready copy of the walk; safe to keep.
   *
   * @returns The plain form, as {@linkcode packetToJson} returns it.
   */
  toJSON(): PacketJson {
    return packetToJson(this);
  }
}

/**
 * Copies a walk's result into plain data for `JSON.stringify` (one object per packet).
 *
 * @param layers A filled {@linkcode Layers}.
 * @returns Link type, each layer's `toHeader()`, the leftover length and the stop issue.
 * @example Print a packet as JSON
 * ```ts
 * import { decodeFrame, packetToJson } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const json = packetToJson(decodeFrame(Uint8Array.fromHex(
 *   "ffffffffffff0200000000010806" + "0001080006040001020000000001c0a80001000000000000c0a80002",
 * )));
 * assert.deepEqual(json.layers.map((l) => l.layer), ["ethernet", "arp"]);
 * assert.equal(JSON.parse(JSON.stringify(json)).layers[1].spa, "192.168.0.1");
 * ```
 */
export function packetToJson(layers: Layers): PacketJson {
  const out: PacketJson = {
    linkType: layers.linkType,
    layers: layers.chain.map((l) => l.toHeader()),
    payloadLen: layers.payload.byteLength,
  };
  if (layers.stop) out.stop = { ...layers.stop };
  return out;
}

/**
 * Decodes a packet of any supported link type into its layers; never throws on content.
 * Decoding stops at the first layer that cannot be read (`stop` says why and at which offset
 * of the packet that layer starts; the layers before it stay) or at a protocol it does not
 * know (`payload` holds the rest).
 *
 * @param linkType The `LINKTYPE_*` number of the capture (`LINKTYPE` of `@tpacket/tpacket`;
 *   a `Frame` and a `PcapRecord` carry it).
 * @param bytes The captured bytes, starting at the link-layer header.
 * @param into A {@linkcode Layers} to refill: its views from earlier walks are re-pointed at
 * this packet (each layer is checked once, and no view object is made).
 * @returns `into`, or a new {@linkcode Layers}.
 * @example Read a 5-tuple
 * ```ts
 * import { decodePacket } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const frame = Uint8Array.fromHex(
 *   "020000000002020000000001080045000028000100004006f97bc0a80001c0a80002" +
 *     "c350005000000001000000005002faf06ffc0000",
 * );
 * const p = decodePacket(1, frame);
 * assert.deepEqual(p.chain.map((l) => l.layer), ["ethernet", "ipv4", "tcp"]);
 * assert.deepEqual([p.ipv4?.srcAddr, p.ipv4?.protocol, p.srcPort, p.dstPort],
 *   [0xc0a80001, 6, 50000, 80]);
 * ```
 */
export function decodePacket(linkType: number, bytes: Uint8Array, into?: Layers): Layers {
  requireBytes(bytes, "packet");
  if (!Number.isInteger(linkType)) {
    throw new TypeError(`Cannot decode packet: link type must be an integer, got ${linkType}`);
  }
  const l = into ?? new Layers();
  const p = poolOf(l);
  l.reset(linkType);
  p.ipv4Used = p.ipv6Used = 0;
  p.base = bytes.byteOffset;
  l.payload = bytes;
  switch (linkType) {
    case LINKTYPE.ETHERNET:
      walkEthernet(l, p, bytes);
      break;
    case LINKTYPE.LINUX_SLL: {
      const issue = SllView.check(bytes);
      if (issue) {
        fail(l, p, issue, bytes);
        break;
      }
      const sll = p.sll = wrapSllView(p.sll, bytes);
      l.sll = sll;
      l.chain.push(sll);
      walkCookedProtocol(l, p, sll.protocol, sll.payload);
      break;
    }
    case LINKTYPE.LINUX_SLL2: {
      const issue = Sll2View.check(bytes);
      if (issue) {
        fail(l, p, issue, bytes);
        break;
      }
      const sll2 = p.sll2 = wrapSll2View(p.sll2, bytes);
      l.sll2 = sll2;
      l.chain.push(sll2);
      walkCookedProtocol(l, p, sll2.protocol, sll2.payload);
      break;
    }
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP: {
      const issue = NullView.check(bytes);
      if (issue) {
        fail(l, p, issue, bytes);
        break;
      }
      const lo = p.null = wrapNullView(p.null, bytes, linkType === LINKTYPE.LOOP);
      l.null = lo;
      l.chain.push(lo);
      l.payload = lo.payload;
      switch (lo.family) {
        case NULL_FAMILY.INET:
          walkIpv4(l, p, lo.payload, 0);
          break;
        case NULL_FAMILY.INET6_BSD:
        case NULL_FAMILY.INET6_FREEBSD:
        case NULL_FAMILY.INET6_DARWIN:
        case NULL_FAMILY.INET6_LINUX:
          walkIpv6(l, p, lo.payload, 0);
          break;
      }
      break;
    }
    case LINKTYPE.RAW:
      walkRawIp(l, p, bytes);
      break;
    case LINKTYPE.IPV4:
      walkIpv4(l, p, bytes, 0);
      break;
    case LINKTYPE.IPV6:
      walkIpv6(l, p, bytes, 0);
      break;
  }
  return l;
}

/**
 * Decodes an Ethernet frame; the same as `decodePacket(LINKTYPE.ETHERNET, bytes, into)`.
 *
 * @param bytes The frame, starting at the destination MAC address.
 * @param into A {@linkcode Layers} to refill.
 * @returns `into`, or a new {@linkcode Layers}.
 * @example Decode an Ethernet frame
 * ```ts
 * import { decodeFrame } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const p = decodeFrame(Uint8Array.fromHex("ffffffffffff02000000000188b5cafe"));
 * assert.deepEqual(p.chain.map((l) => l.layer), ["ethernet"]);
 * assert.deepEqual([...p.payload], [0xca, 0xfe]); // EtherType 0x88b5 is not decoded
 * ```
 */
export function decodeFrame(bytes: Uint8Array, into?: Layers): Layers {
  return decodePacket(LINKTYPE.ETHERNET, bytes, into);
}

/** Ends the walk at `bytes` with `issue`, which learns where in the packet its layer starts. */
function fail(l: Layers, p: ViewPool, issue: DecodeIssue, bytes: Uint8Array): void {
  issue.offset = bytes.byteOffset - p.base;
  l.stop = issue;
  l.payload = bytes;
}

function walkEthernet(l: Layers, p: ViewPool, bytes: Uint8Array): void {
  const issue = EthernetView.check(bytes);
  if (issue) return fail(l, p, issue, bytes);
  const eth = p.ethernet = wrapEthernetView(p.ethernet, bytes);
  l.ethernet = eth;
  l.chain.push(eth);
  const type = eth.etherType;
  if (type <= ETHERNET_MAX_LENGTH_VALUE) walkLlc(l, p, eth.payload);
  else walkEtherType(l, p, type, eth.payload);
}

/** Follows a cooked header's protocol: an EtherType, or 802.2 LLC (pcap/sll.h). */
function walkCookedProtocol(l: Layers, p: ViewPool, protocol: number, bytes: Uint8Array): void {
  if (protocol === SLL_PROTOCOL.P_802_2) return walkLlc(l, p, bytes);
  walkEtherType(l, p, protocol, bytes);
}

/** Reads an 802.2 LLC header; SNAP with an EtherType OUI continues by EtherType. */
function walkLlc(l: Layers, p: ViewPool, bytes: Uint8Array): void {
  l.payload = bytes;
  // Novell "raw 802.3" carries IPX right after the length, with 0xFFFF where LLC would be.
  if (bytes[0] === LLC_SAP.GLOBAL && bytes[1] === LLC_SAP.GLOBAL) return;
  const issue = LlcView.check(bytes);
  if (issue) return fail(l, p, issue, bytes);
  const llc = p.llc = wrapLlcView(p.llc, bytes);
  l.llc = llc;
  l.chain.push(llc);
  l.payload = llc.payload;
  // OUI 0 (RFC 1042) and 0x0000f8 (802.1H bridge tunnel) both carry EtherTypes.
  const oui = llc.oui;
  if (oui === 0 || oui === 0xf8) walkEtherType(l, p, llc.pid!, l.payload);
}

/** Follows an EtherType (or an 802.3 length) from a link header or VLAN tag. */
function walkEtherType(l: Layers, p: ViewPool, type: number, bytes: Uint8Array): void {
  l.payload = bytes;
  if (type <= ETHERNET_MAX_LENGTH_VALUE) return;
  switch (type) {
    case ETHERTYPE.IPV4:
      return walkIpv4(l, p, bytes, 0);
    case ETHERTYPE.IPV6:
      return walkIpv6(l, p, bytes, 0);
    case ETHERTYPE.ARP:
    case ETHERTYPE.REVARP: {
      const issue = ArpView.check(bytes);
      if (issue) return fail(l, p, issue, bytes);
      const arp = p.arp = wrapArpView(p.arp, bytes);
      l.arp = arp;
      l.chain.push(arp);
      l.payload = arp.payload;
      return;
    }
    case ETHERTYPE.VLAN:
    case ETHERTYPE.QINQ:
    case ETHERTYPE.QINQ_OLD:
    case ETHERTYPE.QINQ_OLD2: {
      const n = l.vlans.length;
      if (n >= MAX_VLAN_TAGS) return;
      const issue = VlanView.check(bytes);
      if (issue) return fail(l, p, issue, bytes);
      const pool = p.vlans ??= [];
      const tag = pool[n] = wrapVlanView(pool[n], bytes);
      l.vlans.push(tag);
      l.chain.push(tag);
      const inner = tag.etherType;
      if (inner <= ETHERNET_MAX_LENGTH_VALUE) {
        return walkLlc(l, p, tag.payload.subarray(0, inner));
      }
      return walkEtherType(l, p, inner, tag.payload);
    }
  }
}

function walkRawIp(l: Layers, p: ViewPool, bytes: Uint8Array): void {
  const version = bytes.byteLength > 0 ? bytes[0]! >> 4 : 0;
  if (version === 6) return walkIpv6(l, p, bytes, 0);
  return walkIpv4(l, p, bytes, 0);
}

function walkIpv4(l: Layers, p: ViewPool, bytes: Uint8Array, depth: number): void {
  const issue = Ipv4View.check(bytes);
  if (issue) return fail(l, p, issue, bytes);
  const n = p.ipv4Used++;
  const pool = p.ipv4 ??= [];
  const ip = pool[n] = wrapIpv4View(pool[n], bytes);
  l.ipv4 = l.ip = ip;
  l.chain.push(ip);
  const payload = ip.payload;
  l.payload = payload;
  // A non-first fragment starts in the middle of the upper-layer packet: no header to read.
  if (ip.fragmentOffset !== 0) return;
  walkIpProtocol(l, p, ip.protocol, payload, depth);
}

function walkIpv6(l: Layers, p: ViewPool, bytes: Uint8Array, depth: number): void {
  const issue = Ipv6View.check(bytes);
  if (issue) return fail(l, p, issue, bytes);
  const n = p.ipv6Used++;
  const pool = p.ipv6 ??= [];
  const ip = pool[n] = wrapIpv6View(pool[n], bytes);
  l.ipv6 = l.ip = ip;
  l.chain.push(ip);
  let next = ip.nextHeader;
  let payload = ip.payload;
  l.payload = payload;
  for (let e = 0; isIpv6Extension(next) && e < MAX_IPV6_EXTENSIONS; e++) {
    const extIssue = Ipv6ExtensionView.check(payload, next);
    if (extIssue) return fail(l, p, extIssue, payload);
    const k = l.ipv6Extensions.length;
    const pool = p.ipv6Extensions ??= [];
    const ext = pool[k] = wrapIpv6ExtensionView(pool[k], payload, next);
    l.ipv6Extensions.push(ext);
    l.chain.push(ext);
    payload = ext.payload;
    l.payload = payload;
    if (next === IP_PROTO.FRAGMENT && ext.fragmentOffset !== 0) return;
    next = ext.nextHeader;
  }
  walkIpProtocol(l, p, next, payload, depth);
}

/** Follows an IP protocol number (IPv4 Protocol, or IPv6 Next Header after the extensions). */
function walkIpProtocol(
  l: Layers,
  p: ViewPool,
  proto: number,
  bytes: Uint8Array,
  depth: number,
): void {
  switch (proto) {
    case IP_PROTO.TCP: {
      const issue = TcpView.check(bytes);
      if (issue) return fail(l, p, issue, bytes);
      const tcp = p.tcp = wrapTcpView(p.tcp, bytes);
      l.tcp = tcp;
      l.chain.push(tcp);
      const data = tcp.payload;
      l.payload = data;
      // DNS over TCP (RFC 1035 4.2.2), on port 53 only; segments without data carry none.
      if (data.byteLength > 0 && (tcp.srcPort === 53 || tcp.dstPort === 53)) {
        walkDns(l, p, data, true);
      }
      return;
    }
    case IP_PROTO.UDP: {
      const issue = UdpView.check(bytes);
      if (issue) return fail(l, p, issue, bytes);
      const udp = p.udp = wrapUdpView(p.udp, bytes);
      l.udp = udp;
      l.chain.push(udp);
      const data = udp.payload;
      l.payload = data;
      if (DNS_PORTS.includes(udp.srcPort) || DNS_PORTS.includes(udp.dstPort)) {
        walkDns(l, p, data, false);
      }
      return;
    }
    case IP_PROTO.ICMP: {
      const issue = IcmpView.check(bytes);
      if (issue) return fail(l, p, issue, bytes);
      const icmp = p.icmp = wrapIcmpView(p.icmp, bytes);
      l.icmp = icmp;
      l.chain.push(icmp);
      l.payload = icmp.payload;
      return;
    }
    case IP_PROTO.ICMPV6: {
      const issue = Icmpv6View.check(bytes);
      if (issue) return fail(l, p, issue, bytes);
      const icmpv6 = p.icmpv6 = wrapIcmpv6View(p.icmpv6, bytes);
      l.icmpv6 = icmpv6;
      l.chain.push(icmpv6);
      l.payload = icmpv6.payload;
      return;
    }
    case IP_PROTO.IPIP: // IPv4 in IP (RFC 2003)
      if (depth + 1 < MAX_IP_HEADERS) walkIpv4(l, p, bytes, depth + 1);
      return;
    case IP_PROTO.IPV6: // IPv6 in IP (RFC 4213)
      if (depth + 1 < MAX_IP_HEADERS) walkIpv6(l, p, bytes, depth + 1);
      return;
  }
}

function walkDns(l: Layers, p: ViewPool, bytes: Uint8Array, overTcp: boolean): void {
  const issue = DnsView.check(bytes, overTcp);
  if (issue) return fail(l, p, issue, bytes);
  const dns = p.dns = wrapDnsView(p.dns, bytes, overTcp ? 2 : 0);
  l.dns = dns;
  l.chain.push(dns);
  // The sections belong to the DNS layer (read by sections()); over TCP another message may
  // follow the first one in the same segment.
  const message = dns.message;
  l.payload = bytes.subarray(message.byteOffset - bytes.byteOffset + message.byteLength);
}
