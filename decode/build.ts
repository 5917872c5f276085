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

import { badField, put16, put32, putIpv4, putIpv6, putMac, room, uint } from "./_build_bytes.ts";
import { writeDns } from "./dns_build.ts";

export type { Ipv4Input, Ipv6Input, MacInput } from "./_build_bytes.ts";
export type { DnsLayer, DnsQuestionInput, DnsRecordInput } from "./dns_build.ts";
import type {
  BuildLayer,
  BuildOption,
  Icmpv6Layer,
  Ipv4Layer,
  Ipv6ExtensionLayer,
} from "./build_layers.ts";
export type {
  ArpLayer,
  BuildLayer,
  BuildOption,
  EthernetLayer,
  IcmpLayer,
  Icmpv6Layer,
  Ipv4Layer,
  Ipv6ExtensionLayer,
  Ipv6Layer,
  PayloadLayer,
  TcpLayer,
  UdpLayer,
  VlanLayer,
} from "./build_layers.ts";

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

/**
 * Options of {@linkcode fragmentIpv6}.
 *
 * @example Fix the identification
 * ```ts
 * import type { FragmentIpv6Options } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const options: FragmentIpv6Options = { identification: 0x1234 };
 * assert.equal(options.identification, 0x1234);
 * ```
 */
export interface FragmentIpv6Options {
  /** The Fragment header's Identification (32 bits). @default a random one */
  identification?: number;
}

/** Smallest link MTU IPv6 allows (RFC 8200, section 5). */
const IPV6_MIN_MTU = 1280;

/**
 * Splits an IPv6 packet into fragments of at most `mtu` bytes of IPv6 each, as a source node does
 * (RFC 8200, section 4.5): every fragment repeats the unfragmentable part (the IPv6 header and
 * the extension headers up to a Routing header, else a Hop-by-Hop header) with its last Next
 * Header changed to 44, then a Fragment header (the original next header, the offset in 8-byte
 * units, the M flag, one identification), then its piece of the rest at an 8-byte boundary.
 * Payload Length is set per fragment; the upper-layer checksum is the original packet's. Bytes
 * before `ipAt` (a link header) are copied into each fragment. A packet that fits is returned
 * whole (one copy).
 *
 * @param frame The whole packet, with its link header if any.
 * @param ipAt Where the IPv6 header starts in `frame`.
 * @param mtu The IPv6 MTU (at least 1280).
 * @param options The identification.
 * @returns The fragments, in order.
 * @throws {RangeError} When there is no IPv6 header at `ipAt`, it is already a fragment, or the
 * MTU is below 1280 or leaves no room after the unfragmentable part.
 *
 * @example Fragment a 3000-byte UDP datagram for a 1280-byte MTU
 * ```ts
 * import { buildPacket, decodePacket, fragmentIpv6 } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const frame = buildPacket([
 *   { layer: "ethernet", dstAddr: "02:00:00:00:00:02", srcAddr: "02:00:00:00:00:01" },
 *   { layer: "ipv6", srcAddr: "fd00::1", dstAddr: "fd00::2" },
 *   { layer: "udp", srcPort: 1, dstPort: 2 },
 *   { layer: "payload", length: 2992 },
 * ]);
 * const parts = fragmentIpv6(frame, 14, 1280, { identification: 7 });
 * assert.deepEqual(parts.map((f) => f.length), [1294, 1294, 598]);
 * const frag = decodePacket(1, parts[1]!).ipv6Extensions[0]!;
 * assert.deepEqual([frag.identification, frag.fragmentByteOffset, frag.moreFragments], [7, 1232, true]);
 * ```
 */
export function fragmentIpv6(
  frame: Uint8Array,
  ipAt: number,
  mtu: number,
  options: FragmentIpv6Options = {},
): Uint8Array[] {
  if (!Number.isInteger(mtu) || mtu < IPV6_MIN_MTU) {
    throw new RangeError(`Cannot fragment: MTU ${mtu} is below IPv6's minimum of 1280`);
  }
  if (ipAt + 40 > frame.length || frame[ipAt]! >> 4 !== 6) {
    throw new RangeError(`Cannot fragment: no IPv6 header at offset ${ipAt}`);
  }
  const total = Math.min(40 + ((frame[ipAt + 4]! << 8) | frame[ipAt + 5]!), frame.length - ipAt);
  if (total <= mtu) return [frame.slice(0, ipAt + total)];
  // The unfragmentable part ends after the last Routing header, else after Hop-by-Hop; the
  // Next Header field it ends with (the IPv6 header's, or that extension header's) becomes 44.
  let end = 40, nhAt = 6;
  for (let at = 40, field = 6;;) {
    const nh = frame[ipAt + field]!;
    if (nh === 44) throw new RangeError("Cannot fragment: the packet is already a fragment");
    if ((nh !== 0 && nh !== 43 && nh !== 60) || ipAt + at + 2 > frame.length) break;
    const len = (frame[ipAt + at + 1]! + 1) * 8;
    if (nh === 0 || nh === 43) [end, nhAt] = [at + len, at];
    field = at;
    at += len;
  }
  const max = (mtu - end - 8) & ~7;
  if (max <= 0 || end > total) {
    throw new RangeError(
      `Cannot fragment: MTU ${mtu} leaves no room after ${end} bytes of headers that must repeat`,
    );
  }
  const id = options.identification ?? crypto.getRandomValues(new Uint32Array(1))[0]!;
  if (!Number.isInteger(id) || id < 0 || id > 0xffffffff) {
    throw new RangeError(`Cannot fragment: identification ${id} is not in 0..4294967295`);
  }
  const next = frame[ipAt + nhAt]!;
  const out: Uint8Array[] = [];
  for (let done = 0, rest = total - end; done < rest;) {
    const chunk = Math.min(max, rest - done);
    const more = done + chunk < rest;
    const f = new Uint8Array(ipAt + end + 8 + chunk);
    f.set(frame.subarray(0, ipAt + end), 0);
    f[ipAt + nhAt] = 44;
    put16(f, ipAt + 4, end - 40 + 8 + chunk);
    const fh = ipAt + end;
    f[fh] = next;
    put16(f, fh + 2, done | (more ? 1 : 0)); // offset in 8-byte units << 3 is the byte offset
    put32(f, fh + 4, id);
    f.set(frame.subarray(ipAt + end + done, ipAt + end + done + chunk), fh + 8);
    out.push(f);
    done += chunk;
  }
  return out;
}
