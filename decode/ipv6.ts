/**
 * IPv6 headers (RFC 8200) and their extension headers: hop-by-hop and destination
 * options, routing, fragment and authentication (RFC 4302) headers.
 *
 * @module
 */

import { formatIpv6 } from "../address.ts";
import { requireBytes, u16, u32 } from "./_bytes.ts";
import { DecodeError, type DecodeIssue } from "./errors.ts";
import { IP_PROTO } from "../protocols.ts";

/**
 * Byte offsets of IPv6 header fields (RFC 8200, section 3).
 *
 * @example Read the hop limit by offset
 * ```ts
 * import { IPV6_FIELD, Ipv6View } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const b = Uint8Array.fromHex("6000000000083a40" + "fe80" + "00".repeat(13) + "01" + "ff02" + "00".repeat(13) + "02" + "8000000000000000");
 * assert.equal(b[IPV6_FIELD.HOP_LIMIT], Ipv6View.from(b).hopLimit);
 * ```
 */
export const IPV6_FIELD = {
  VER_TC_FLOW: 0,
  PAYLOAD_LEN: 4,
  NEXT_HEADER: 6,
  HOP_LIMIT: 7,
  SRC_ADDR: 8,
  DST_ADDR: 24,
} as const;

/**
 * Length of the fixed IPv6 header, in bytes.
 *
 * @example Find the payload of an IPv6 packet
 * ```ts
 * import { IPV6_HEADER_LEN, Ipv6View } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const ip = Ipv6View.from(Uint8Array.fromHex("6000000000083a40" + "fe80" + "00".repeat(13) + "01" + "ff02" + "00".repeat(13) + "02" + "8000000000000000"));
 * assert.equal(ip.payload.byteOffset, IPV6_HEADER_LEN);
 * ```
 */
export const IPV6_HEADER_LEN = 40;

/**
 * Plain copy of an IPv6 header, safe to keep.
 *
 * @example Keep an IPv6 header
 * ```ts
 * import { type Ipv6Header, Ipv6View } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const h: Ipv6Header = Ipv6View.from(Uint8Array.fromHex("6000000000083a40" + "fe80" + "00".repeat(13) + "01" + "ff02" + "00".repeat(13) + "02" + "8000000000000000")).toHeader();
 * assert.deepEqual([h.dstAddr, h.nextHeader], ["ff02::2", 58]);
 * ```
 */
export interface Ipv6Header {
  /** Layer name. */
  layer: "ipv6";
  /** Traffic class (8 bits). */
  trafficClass: number;
  /** Flow label (20 bits). */
  flowLabel: number;
  /** Payload Length field, bytes (extension headers included). */
  payloadLen: number;
  /** Next Header field. */
  nextHeader: number;
  /** Hop limit. */
  hopLimit: number;
  /** Source address, RFC 5952 text. */
  srcAddr: string;
  /** Destination address, RFC 5952 text. */
  dstAddr: string;
}

/**
 * The walker's way in (internal to decode/, not exported by the package): wraps bytes that
 * {@linkcode Ipv6View.check} accepted without checking them again, re-pointing `reuse` when given.
 */
export let wrapIpv6View: (reuse: Ipv6View | undefined, bytes: Uint8Array) => Ipv6View;

/**
 * Zero-copy view of an IPv6 fixed header. Valid only while the bytes it wraps are.
 *
 * @example Read an IPv6 header
 * ```ts
 * import { Ipv6View } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const ip = Ipv6View.from(Uint8Array.fromHex(
 *   "6000000000083a40" + "fe80" + "00".repeat(13) + "01" + "ff02" + "00".repeat(13) + "02" +
 *     "8000000000000000",
 * ));
 * assert.equal(ip.nextHeader, 58);
 * assert.equal(ip.toHeader().srcAddr, "fe80::1");
 * assert.equal(ip.payload.byteLength, 8);
 * ```
 */
export class Ipv6View {
  #bytes: Uint8Array;
  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }
  static {
    wrapIpv6View = (reuse, bytes) => {
      if (reuse === undefined) return new Ipv6View(bytes);
      reuse.#bytes = bytes;
      return reuse;
    };
  }
  /**
   * Says why `bytes` is not a readable IPv6 header, or `undefined`. Never throws.
   *
   * @param bytes The packet, starting at the version nibble.
   * @returns The issue, or `undefined` when the fixed header can be read.
   */
  static check(bytes: Uint8Array): DecodeIssue | undefined {
    const have = bytes.byteLength;
    if (have < IPV6_HEADER_LEN) {
      return { layer: "ipv6", reason: "truncated", need: IPV6_HEADER_LEN, have };
    }
    const version = bytes[0]! >> 4;
    if (version !== 6) return { layer: "ipv6", reason: "bad-version", need: 6, have: version };
    return undefined;
  }
  /**
   * Wraps `bytes`; throws {@linkcode DecodeError} when {@linkcode Ipv6View.check} fails.
   *
   * @param bytes The packet, starting at the version nibble.
   * @returns A view sharing `bytes`.
   */
  static from(bytes: Uint8Array): Ipv6View {
    requireBytes(bytes, "ipv6");
    const issue = Ipv6View.check(bytes);
    if (issue) throw new DecodeError(issue);
    return new Ipv6View(bytes);
  }
  /** Layer name, `"ipv6"`. */
  get layer(): "ipv6" {
    return "ipv6";
  }
  /** The bytes this view wraps. */
  get bytes(): Uint8Array {
    return this.#bytes;
  }
  /** Header length in bytes (40). */
  get headerLen(): number {
    return IPV6_HEADER_LEN;
  }
  /** Version field (6). */
  get version(): number {
    return this.#bytes[0]! >> 4;
  }
  /** Traffic class (8 bits). */
  get trafficClass(): number {
    return (u16(this.#bytes, 0) >> 4) & 0xff;
  }
  /** Flow label (20 bits). */
  get flowLabel(): number {
    return u32(this.#bytes, 0) & 0xfffff;
  }
  /** Payload Length field: bytes after the fixed header (0 for jumbograms and offload). */
  get payloadLen(): number {
    return u16(this.#bytes, IPV6_FIELD.PAYLOAD_LEN);
  }
  /** Next Header field: an extension header or upper-layer protocol number. */
  get nextHeader(): number {
    return this.#bytes[IPV6_FIELD.NEXT_HEADER]!;
  }
  /** Hop limit. */
  get hopLimit(): number {
    return this.#bytes[IPV6_FIELD.HOP_LIMIT]!;
  }
  /** Source address: 16 bytes sharing memory. */
  get srcAddr(): Uint8Array {
    return this.#bytes.subarray(IPV6_FIELD.SRC_ADDR, IPV6_FIELD.SRC_ADDR + 16);
  }
  /** Destination address: 16 bytes sharing memory. */
  get dstAddr(): Uint8Array {
    return this.#bytes.subarray(IPV6_FIELD.DST_ADDR, IPV6_FIELD.DST_ADDR + 16);
  }
  /** Bytes after the fixed header clipped to Payload Length and to the capture; shares memory. */
  get payload(): Uint8Array {
    const len = this.payloadLen;
    const have = this.#bytes.byteLength;
    return this.#bytes.subarray(
      IPV6_HEADER_LEN,
      len === 0 ? have : Math.min(IPV6_HEADER_LEN + len, have),
    );
  }
  /**
   * Copies the fields out; safe to keep after the frame is released.
   *
   * @returns The plain header.
   */
  toHeader(): Ipv6Header {
    return {
      layer: "ipv6",
      trafficClass: this.trafficClass,
      flowLabel: this.flowLabel,
      payloadLen: this.payloadLen,
      nextHeader: this.nextHeader,
      hopLimit: this.hopLimit,
      srcAddr: formatIpv6(this.#bytes, IPV6_FIELD.SRC_ADDR),
      dstAddr: formatIpv6(this.#bytes, IPV6_FIELD.DST_ADDR),
    };
  }
  /**
   * Shows the copied-out fields in `console.log` and `Deno.inspect` (views keep their bytes
   * private, so the default form would be empty).
   *
   * @param inspect Deno's inspect function.
   * @param options Deno's inspect options.
   * @returns The class name and the plain header.
   */
  [Symbol.for("Deno.customInspect")](
    inspect: (value: unknown, options: unknown) => string,
    options: unknown,
  ): string {
    return `${this.constructor.name} ${inspect(this.toHeader(), options)}`;
  }
  /**
   * Plain form for `JSON.stringify`.
   *
   * @returns The same object as {@linkcode Ipv6View.toHeader}.
   */
  toJSON(): Ipv6Header {
    return this.toHeader();
  }
}

/**
 * Byte offsets shared by all IPv6 extension headers (RFC 8200, section 4).
 *
 * @example Read a fragment header's identification by offset
 * ```ts
 * import { IPV6_EXT_FIELD, Ipv6ExtensionView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const b = Uint8Array.fromHex("1100000112345678");
 * const at = IPV6_EXT_FIELD.FRAG_IDENT;
 * assert.equal(b[at], 0x12);
 * assert.equal(Ipv6ExtensionView.from(b, 44).identification, 0x12345678);
 * ```
 */
export const IPV6_EXT_FIELD = {
  NEXT_HEADER: 0,
  HDR_EXT_LEN: 1,
  /** Routing: Routing Type. Fragment: Fragment Offset and M flag (16 bits at 2). */
  ROUTING_TYPE: 2,
  SEGMENTS_LEFT: 3,
  FRAG_OFFSET: 2,
  FRAG_IDENT: 4,
  AH_SPI: 4,
  AH_SEQUENCE: 8,
} as const;

/**
 * One option of a hop-by-hop or destination options header (RFC 8200, 4.2).
 *
 * @example List hop-by-hop options
 * ```ts
 * import { Ipv6ExtensionView, type Ipv6Option } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const hbh = Ipv6ExtensionView.from(Uint8Array.fromHex("1100050200000100"), 0);
 * const [ra, pad]: Ipv6Option[] = hbh.options();
 * assert.deepEqual([ra?.type, ra?.dataLen, pad?.type], [5, 2, 1]);
 * ```
 */
export interface Ipv6Option {
  /** Option type (0 is Pad1, 1 PadN). */
  type: number;
  /** Opt Data Len field (bytes of data; 0 for Pad1). */
  dataLen: number;
  /** Option data; shares memory. */
  data: Uint8Array;
  /** The option runs past its header: the list stops here. */
  bad: boolean;
}

/**
 * Plain copy of an IPv6 extension header, safe to keep.
 *
 * @example Keep a fragment header
 * ```ts
 * import { Ipv6ExtensionView, type Ipv6ExtensionHeader } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const h: Ipv6ExtensionHeader = Ipv6ExtensionView.from(Uint8Array.fromHex("1100000112345678"), 44)
 *   .toHeader();
 * assert.deepEqual([h.headerType, h.moreFragments, h.identification], [44, true, 0x12345678]);
 * ```
 */
export interface Ipv6ExtensionHeader {
  /** Layer name. */
  layer: "ipv6-ext";
  /** Which header this is: 0 hop-by-hop, 43 routing, 44 fragment, 51 AH, 60 destination options. */
  headerType: number;
  /** Next Header field. */
  nextHeader: number;
  /** Header length in bytes. */
  headerLen: number;
  /** Routing type (routing header only). */
  routingType?: number;
  /** Segments left (routing header only). */
  segmentsLeft?: number;
  /** Fragment offset in bytes (fragment header only). */
  fragmentByteOffset?: number;
  /** More-fragments flag (fragment header only). */
  moreFragments?: boolean;
  /** Identification (fragment header only). */
  identification?: number;
  /** Security parameters index (AH only). */
  spi?: number;
  /** Sequence number (AH only). */
  sequence?: number;
  /** Options (hop-by-hop and destination options only), data as hex. */
  options?: { type: number; dataLen: number; data: string; bad: boolean }[];
}

/**
 * Whether `headerType` is an IPv6 extension header the walker reads through.
 *
 * @param headerType A Next Header value.
 * @returns `true` for hop-by-hop (0), routing (43), fragment (44), AH (51), destination options (60).
 * @example Tell extension headers from upper layers
 * ```ts
 * import { isIpv6Extension } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * assert.equal(isIpv6Extension(44), true);
 * assert.equal(isIpv6Extension(6), false);
 * ```
 */
export function isIpv6Extension(headerType: number): boolean {
  return headerType === IP_PROTO.HOPOPTS || headerType === IP_PROTO.ROUTING ||
    headerType === IP_PROTO.FRAGMENT || headerType === IP_PROTO.DSTOPTS ||
    headerType === IP_PROTO.AH;
}

/**
 * The walker's way in (internal to decode/, not exported by the package): wraps bytes that
 * {@linkcode Ipv6ExtensionView.check} accepted without checking them again, re-pointing `reuse` when given.
 */
export let wrapIpv6ExtensionView: (
  reuse: Ipv6ExtensionView | undefined,
  bytes: Uint8Array,
  headerType: number,
) => Ipv6ExtensionView;

/**
 * Zero-copy view of one IPv6 extension header; its kind comes from the previous Next Header.
 *
 * @example Read a fragment header
 * ```ts
 * import { Ipv6ExtensionView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const frag = Ipv6ExtensionView.from(Uint8Array.fromHex("1100000112345678"), 44);
 * assert.equal(frag.nextHeader, 17);
 * assert.equal(frag.fragmentByteOffset, 0);
 * assert.equal(frag.moreFragments, true);
 * assert.equal(frag.identification, 0x12345678);
 * ```
 */
export class Ipv6ExtensionView {
  #bytes: Uint8Array;
  #type: number;
  private constructor(bytes: Uint8Array, headerType: number) {
    this.#bytes = bytes;
    this.#type = headerType;
  }
  static {
    wrapIpv6ExtensionView = (reuse, bytes, headerType) => {
      if (reuse === undefined) return new Ipv6ExtensionView(bytes, headerType);
      reuse.#bytes = bytes;
      reuse.#type = headerType;
      return reuse;
    };
  }
  /**
   * Says why `bytes` is not a readable extension header of `headerType`, or `undefined`.
   * Never throws.
   *
   * @param bytes The extension header onwards.
   * @param headerType The Next Header value that announced it (0, 43, 44, 51 or 60).
   * @returns The issue, or `undefined` when the whole header can be read.
   */
  static check(bytes: Uint8Array, headerType: number): DecodeIssue | undefined {
    if (!isIpv6Extension(headerType)) {
      return { layer: "ipv6-ext", reason: "bad-version", need: 0, have: headerType };
    }
    const have = bytes.byteLength;
    const min = headerType === IP_PROTO.FRAGMENT ? 8 : 2;
    if (have < min) return { layer: "ipv6-ext", reason: "truncated", need: min, have };
    const need = extensionLen(bytes, headerType);
    if (have < need) return { layer: "ipv6-ext", reason: "truncated", need, have };
    return undefined;
  }
  /**
   * Wraps `bytes`; throws {@linkcode DecodeError} when {@linkcode Ipv6ExtensionView.check} fails.
   *
   * @param bytes The extension header onwards.
   * @param headerType The Next Header value that announced it.
   * @returns A view sharing `bytes`.
   */
  static from(bytes: Uint8Array, headerType: number): Ipv6ExtensionView {
    requireBytes(bytes, "ipv6-ext");
    const issue = Ipv6ExtensionView.check(bytes, headerType);
    if (issue) throw new DecodeError(issue);
    return new Ipv6ExtensionView(bytes, headerType);
  }
  /** Layer name, `"ipv6-ext"`. */
  get layer(): "ipv6-ext" {
    return "ipv6-ext";
  }
  /** The bytes this view wraps. */
  get bytes(): Uint8Array {
    return this.#bytes;
  }
  /** Which extension header this is (the Next Header value that announced it). */
  get headerType(): number {
    return this.#type;
  }
  /** Next Header field. */
  get nextHeader(): number {
    return this.#bytes[IPV6_EXT_FIELD.NEXT_HEADER]!;
  }
  /** Hdr Ext Len field as sent (8-byte units beyond the first 8; 4-byte units minus 2 for AH). */
  get hdrExtLen(): number {
    return this.#bytes[IPV6_EXT_FIELD.HDR_EXT_LEN]!;
  }
  /** Header length in bytes. */
  get headerLen(): number {
    return extensionLen(this.#bytes, this.#type);
  }
  /** Routing Type field (routing header), else `undefined`. */
  get routingType(): number | undefined {
    return this.#type === IP_PROTO.ROUTING ? this.#bytes[IPV6_EXT_FIELD.ROUTING_TYPE] : undefined;
  }
  /** Segments Left field (routing header), else `undefined`. */
  get segmentsLeft(): number | undefined {
    return this.#type === IP_PROTO.ROUTING ? this.#bytes[IPV6_EXT_FIELD.SEGMENTS_LEFT] : undefined;
  }
  /** Fragment Offset field in 8-byte units (fragment header), else `undefined`. */
  get fragmentOffset(): number | undefined {
    return this.#type === IP_PROTO.FRAGMENT
      ? u16(this.#bytes, IPV6_EXT_FIELD.FRAG_OFFSET) >> 3
      : undefined;
  }
  /** Fragment offset in bytes (fragment header), else `undefined`. */
  get fragmentByteOffset(): number | undefined {
    return this.#type === IP_PROTO.FRAGMENT
      ? u16(this.#bytes, IPV6_EXT_FIELD.FRAG_OFFSET) & 0xfff8
      : undefined;
  }
  /** M flag (fragment header), else `undefined`. */
  get moreFragments(): boolean | undefined {
    return this.#type === IP_PROTO.FRAGMENT
      ? (this.#bytes[IPV6_EXT_FIELD.FRAG_OFFSET + 1]! & 1) === 1
      : undefined;
  }
  /** Identification field (fragment header), else `undefined`. */
  get identification(): number | undefined {
    return this.#type === IP_PROTO.FRAGMENT
      ? u32(this.#bytes, IPV6_EXT_FIELD.FRAG_IDENT)
      : undefined;
  }
  /** Security Parameters Index (AH), else `undefined`. */
  get spi(): number | undefined {
    return this.#type === IP_PROTO.AH && this.#bytes.byteLength >= 12
      ? u32(this.#bytes, IPV6_EXT_FIELD.AH_SPI)
      : undefined;
  }
  /** Sequence Number field (AH), else `undefined`. */
  get sequence(): number | undefined {
    return this.#type === IP_PROTO.AH && this.#bytes.byteLength >= 12
      ? u32(this.#bytes, IPV6_EXT_FIELD.AH_SEQUENCE)
      : undefined;
  }
  /** Header bytes after the first two (options, addresses, …); shares memory. */
  get data(): Uint8Array {
    return this.#bytes.subarray(2, this.headerLen);
  }
  /**
   * Lists the options of a hop-by-hop or destination options header (empty for other kinds).
   *
   * @returns The options; their `data` shares memory.
   */
  options(): Ipv6Option[] {
    const out: Ipv6Option[] = [];
    if (this.#type !== IP_PROTO.HOPOPTS && this.#type !== IP_PROTO.DSTOPTS) return out;
    const b = this.#bytes, end = this.headerLen;
    let i = 2;
    while (i < end) {
      const type = b[i]!;
      if (type === 0) {
        out.push({ type, dataLen: 0, data: b.subarray(i + 1, i + 1), bad: false });
        i++;
        continue;
      }
      if (i + 1 >= end) {
        out.push({ type, dataLen: 0, data: b.subarray(end, end), bad: true });
        break;
      }
      const dataLen = b[i + 1]!;
      const bad = i + 2 + dataLen > end;
      out.push({ type, dataLen, data: b.subarray(i + 2, Math.min(i + 2 + dataLen, end)), bad });
      if (bad) break;
      i += 2 + dataLen;
    }
    return out;
  }
  /** Bytes after this header; shares memory. */
  get payload(): Uint8Array {
    return this.#bytes.subarray(this.headerLen);
  }
  /**
   * Copies the fields out; safe to keep after the frame is released.
   *
   * @returns The plain header; kind-specific fields only for that kind.
   */
  toHeader(): Ipv6ExtensionHeader {
    const h: Ipv6ExtensionHeader = {
      layer: "ipv6-ext",
      headerType: this.#type,
      nextHeader: this.nextHeader,
      headerLen: this.headerLen,
    };
    switch (this.#type) {
      case IP_PROTO.ROUTING:
        h.routingType = this.routingType!;
        h.segmentsLeft = this.segmentsLeft!;
        break;
      case IP_PROTO.FRAGMENT:
        h.fragmentByteOffset = this.fragmentByteOffset!;
        h.moreFragments = this.moreFragments!;
        h.identification = this.identification!;
        break;
      case IP_PROTO.AH:
        if (this.spi !== undefined) h.spi = this.spi;
        if (this.sequence !== undefined) h.sequence = this.sequence;
        break;
      default:
        h.options = this.options().map((o) => ({
          type: o.type,
          dataLen: o.dataLen,
          data: o.data.toHex(),
          bad: o.bad,
        }));
    }
    return h;
  }
  /**
   * Shows the copied-out fields in `console.log` and `Deno.inspect` (views keep their bytes
   * private, so the default form would be empty).
   *
   * @param inspect Deno's inspect function.
   * @param options Deno's inspect options.
   * @returns The class name and the plain header.
   */
  [Symbol.for("Deno.customInspect")](
    inspect: (value: unknown, options: unknown) => string,
    options: unknown,
  ): string {
    return `${this.constructor.name} ${inspect(this.toHeader(), options)}`;
  }
  /**
   * Plain form for `JSON.stringify`.
   *
   * @returns The same object as {@linkcode Ipv6ExtensionView.toHeader}.
   */
  toJSON(): Ipv6ExtensionHeader {
    return this.toHeader();
  }
}

/** Length of the extension header at the start of `b` (at least 2 or 8 bytes readable). */
function extensionLen(b: Uint8Array, headerType: number): number {
  if (headerType === IP_PROTO.FRAGMENT) return 8;
  if (headerType === IP_PROTO.AH) return (b[1]! + 2) * 4;
  return (b[1]! + 1) * 8;
}
