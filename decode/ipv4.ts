/**
 * IPv4 headers (RFC 791): fields, options, fragments, header checksum.
 *
 * @module
 */

import { formatIpv4 } from "../address.ts";
import { onesSum, requireBytes, u16, u32 } from "./_bytes.ts";
import { walkOptions } from "./_options.ts";
import { DecodeError, type DecodeIssue } from "./errors.ts";

/**
 * Byte offsets of IPv4 header fields (RFC 791, section 3.1).
 *
 * @example Read the TTL by offset
 * ```ts
 * import { IPV4_FIELD, Ipv4View } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const b = Uint8Array.fromHex("4500003c1c46400040069d22c0a80001c0a80002" + "00".repeat(40));
 * assert.equal(b[IPV4_FIELD.TTL], Ipv4View.from(b).ttl);
 * ```
 */
export const IPV4_FIELD = {
  VER_IHL: 0,
  DSCP_ECN: 1,
  TOTAL_LEN: 2,
  IDENT: 4,
  FLAGS_FRAG: 6,
  TTL: 8,
  PROTOCOL: 9,
  CHECKSUM: 10,
  SRC_ADDR: 12,
  DST_ADDR: 16,
  OPTIONS: 20,
} as const;

/**
 * Length of an IPv4 header without options, in bytes.
 *
 * @example Tell whether a header has options
 * ```ts
 * import { IPV4_MIN_HEADER_LEN, Ipv4View } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const ip = Ipv4View.from(Uint8Array.fromHex("4500003c1c46400040069d22c0a80001c0a80002" + "00".repeat(40)));
 * assert.equal(ip.headerLen > IPV4_MIN_HEADER_LEN, false);
 * ```
 */
export const IPV4_MIN_HEADER_LEN = 20;

/**
 * IPv4 option types (IANA "IP Option Numbers"): copy, class and number bits together.
 *
 * @example Find a record-route option
 * ```ts
 * import { IPV4_OPTION, Ipv4View } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const ip = Ipv4View.from(Uint8Array.fromHex(
 *   "4800002000010000401100000a0000010a000002" + "070b04" + "00".repeat(8) + "01",
 * ));
 * assert.equal(ip.options()[0]?.type, IPV4_OPTION.RR);
 * ```
 */
export const IPV4_OPTION = {
  EOL: 0,
  NOP: 1,
  RR: 7,
  TS: 68,
  SEC: 130,
  LSRR: 131,
  SID: 136,
  SSRR: 137,
  RA: 148,
} as const;

/**
 * One IPv4 option as it sits in the header; `data` shares memory with the packet.
 *
 * @example List the options of a header
 * ```ts
 * import { type Ipv4Option, Ipv4View } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const ip = Ipv4View.from(Uint8Array.fromHex("4600001800010000401100000a0000010a00000294040000"));
 * const [ra]: Ipv4Option[] = ip.options();
 * assert.deepEqual([ra?.type, ra?.len, ra?.bad], [148, 4, false]);
 * ```
 */
export interface Ipv4Option {
  /** Option type (copy, class and number bits). */
  type: number;
  /** Length byte (type and length included); 1 for EOL and NOP, 0 when missing. */
  len: number;
  /** Value bytes after type and length; shares memory. */
  data: Uint8Array;
  /** The length byte is missing, below 2 or runs past the header: the list stops here. */
  bad: boolean;
}

/**
 * Plain copy of an IPv4 option.
 *
 * @example Keep the options of a header
 * ```ts
 * import { Ipv4View, type Ipv4OptionHeader } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const ip = Ipv4View.from(Uint8Array.fromHex("4600001800010000401100000a0000010a00000294040000"));
 * const [ra]: Ipv4OptionHeader[] = ip.toHeader().options;
 * assert.deepEqual(ra, { type: 148, len: 4, data: "0000", bad: false });
 * ```
 */
export interface Ipv4OptionHeader {
  /** Option type (copy, class and number bits). */
  type: number;
  /** Length byte; 1 for EOL and NOP. */
  len: number;
  /** Value bytes as lower-case hex. */
  data: string;
  /** The option's length is impossible; the list stops here. */
  bad: boolean;
}

/**
 * Plain copy of an IPv4 header, safe to keep.
 *
 * @example Keep an IPv4 header
 * ```ts
 * import { type Ipv4Header, Ipv4View } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const h: Ipv4Header = Ipv4View.from(Uint8Array.fromHex("4500003c1c46400040069d22c0a80001c0a80002" + "00".repeat(40))).toHeader();
 * assert.deepEqual([h.srcAddr, h.ttl, h.dontFragment], ["192.168.0.1", 64, true]);
 * ```
 */
export interface Ipv4Header {
  /** Layer name. */
  layer: "ipv4";
  /** Header length in bytes. */
  headerLen: number;
  /** Differentiated services code point (6 bits). */
  dscp: number;
  /** Explicit congestion notification (2 bits). */
  ecn: number;
  /** Total Length field, bytes. */
  totalLen: number;
  /** Identification field. */
  identification: number;
  /** Don't Fragment flag. */
  dontFragment: boolean;
  /** More Fragments flag. */
  moreFragments: boolean;
  /** Fragment offset in bytes (the field × 8). */
  fragmentByteOffset: number;
  /** Time to live. */
  ttl: number;
  /** Protocol number of the payload. */
  protocol: number;
  /** Header checksum as sent. */
  checksum: number;
  /** Source address, dotted quad. */
  srcAddr: string;
  /** Destination address, dotted quad. */
  dstAddr: string;
  /** Options in order (empty without options). */
  options: Ipv4OptionHeader[];
}

/**
 * The walker's way in (internal to decode/, not exported by the package): wraps bytes that
 * {@linkcode Ipv4View.check} accepted without checking them again, re-pointing `reuse` when given.
 */
export let wrapIpv4View: (reuse: Ipv4View | undefined, bytes: Uint8Array) => Ipv4View;

/**
 * Zero-copy view of an IPv4 packet. Valid only while the bytes it wraps are.
 *
 * @example Read an IPv4 header
 * ```ts
 * import { Ipv4View } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const ip = Ipv4View.from(Uint8Array.fromHex(
 *   "4500003c1c46400040069d22c0a80001c0a80002" + "00".repeat(40),
 * ));
 * assert.equal(ip.ttl, 64);
 * assert.equal(ip.protocol, 6);
 * assert.equal(ip.checksumOk(), true);
 * assert.equal(ip.toHeader().dstAddr, "192.168.0.2");
 * assert.equal(ip.payload.byteLength, 40);
 * ```
 */
export class Ipv4View {
  #bytes: Uint8Array;
  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }
  static {
    wrapIpv4View = (reuse, bytes) => {
      if (reuse === undefined) return new Ipv4View(bytes);
      reuse.#bytes = bytes;
      return reuse;
    };
  }
  /**
   * Says why `bytes` is not a readable IPv4 header, or `undefined`. Never throws.
   * A Total Length of 0 is accepted (TCP segmentation offload leaves it so on capture).
   *
   * @param bytes The packet, starting at the version nibble.
   * @returns The issue, or `undefined` when the header (options included) can be read.
   */
  static check(bytes: Uint8Array): DecodeIssue | undefined {
    const have = bytes.byteLength;
    if (have < IPV4_MIN_HEADER_LEN) {
      return { layer: "ipv4", reason: "truncated", need: IPV4_MIN_HEADER_LEN, have };
    }
    const version = bytes[IPV4_FIELD.VER_IHL]! >> 4;
    if (version !== 4) return { layer: "ipv4", reason: "bad-version", need: 4, have: version };
    const headerLen = (bytes[IPV4_FIELD.VER_IHL]! & 0x0f) * 4;
    if (headerLen < IPV4_MIN_HEADER_LEN) {
      return { layer: "ipv4", reason: "bad-length", need: IPV4_MIN_HEADER_LEN, have: headerLen };
    }
    const totalLen = u16(bytes, IPV4_FIELD.TOTAL_LEN);
    if (totalLen !== 0 && totalLen < headerLen) {
      return { layer: "ipv4", reason: "bad-length", need: headerLen, have: totalLen };
    }
    if (have < headerLen) return { layer: "ipv4", reason: "truncated", need: headerLen, have };
    return undefined;
  }
  /**
   * Wraps `bytes`; throws {@linkcode DecodeError} when {@linkcode Ipv4View.check} fails.
   *
   * @param bytes The packet, starting at the version nibble.
   * @returns A view sharing `bytes`.
   */
  static from(bytes: Uint8Array): Ipv4View {
    requireBytes(bytes, "ipv4");
    const issue = Ipv4View.check(bytes);
    if (issue) throw new DecodeError(issue);
    return new Ipv4View(bytes);
  }
  /** Layer name, `"ipv4"`. */
  get layer(): "ipv4" {
    return "ipv4";
  }
  /** The bytes this view wraps (header, payload and any link padding). */
  get bytes(): Uint8Array {
    return this.#bytes;
  }
  /** Version field (4). */
  get version(): number {
    return this.#bytes[IPV4_FIELD.VER_IHL]! >> 4;
  }
  /** Internet Header Length field, in 32-bit words. */
  get ihl(): number {
    return this.#bytes[IPV4_FIELD.VER_IHL]! & 0x0f;
  }
  /** Header length in bytes (IHL × 4). */
  get headerLen(): number {
    return (this.#bytes[IPV4_FIELD.VER_IHL]! & 0x0f) * 4;
  }
  /** Type of service byte (DSCP and ECN). */
  get tos(): number {
    return this.#bytes[IPV4_FIELD.DSCP_ECN]!;
  }
  /** Differentiated services code point (6 bits). */
  get dscp(): number {
    return this.#bytes[IPV4_FIELD.DSCP_ECN]! >> 2;
  }
  /** Explicit congestion notification (2 bits). */
  get ecn(): number {
    return this.#bytes[IPV4_FIELD.DSCP_ECN]! & 3;
  }
  /** Total Length field: header plus payload, in bytes (0 under segmentation offload). */
  get totalLen(): number {
    return u16(this.#bytes, IPV4_FIELD.TOTAL_LEN);
  }
  /** Identification field. */
  get identification(): number {
    return u16(this.#bytes, IPV4_FIELD.IDENT);
  }
  /** Flags field (3 bits: reserved, DF, MF). */
  get flags(): number {
    return this.#bytes[IPV4_FIELD.FLAGS_FRAG]! >> 5;
  }
  /** Reserved ("evil") flag bit. */
  get reservedFlag(): boolean {
    return (this.#bytes[IPV4_FIELD.FLAGS_FRAG]! & 0x80) !== 0;
  }
  /** Don't Fragment flag. */
  get dontFragment(): boolean {
    return (this.#bytes[IPV4_FIELD.FLAGS_FRAG]! & 0x40) !== 0;
  }
  /** More Fragments flag. */
  get moreFragments(): boolean {
    return (this.#bytes[IPV4_FIELD.FLAGS_FRAG]! & 0x20) !== 0;
  }
  /** Fragment Offset field, in 8-byte units. */
  get fragmentOffset(): number {
    return u16(this.#bytes, IPV4_FIELD.FLAGS_FRAG) & 0x1fff;
  }
  /** Fragment offset in bytes (the field × 8). */
  get fragmentByteOffset(): number {
    return this.fragmentOffset * 8;
  }
  /** Whether this packet is a fragment (MF set or a non-zero offset). */
  get isFragment(): boolean {
    return (u16(this.#bytes, IPV4_FIELD.FLAGS_FRAG) & 0x3fff) !== 0;
  }
  /** Time to live. */
  get ttl(): number {
    return this.#bytes[IPV4_FIELD.TTL]!;
  }
  /** Protocol field: the payload's IP protocol number. */
  get protocol(): number {
    return this.#bytes[IPV4_FIELD.PROTOCOL]!;
  }
  /** Header Checksum field as sent. */
  get checksum(): number {
    return u16(this.#bytes, IPV4_FIELD.CHECKSUM);
  }
  /** Source address as a 32-bit number. */
  get srcAddr(): number {
    return u32(this.#bytes, IPV4_FIELD.SRC_ADDR);
  }
  /** Destination address as a 32-bit number. */
  get dstAddr(): number {
    return u32(this.#bytes, IPV4_FIELD.DST_ADDR);
  }
  /** Source address: 4 bytes sharing memory. */
  get srcAddrBytes(): Uint8Array {
    return this.#bytes.subarray(IPV4_FIELD.SRC_ADDR, IPV4_FIELD.SRC_ADDR + 4);
  }
  /** Destination address: 4 bytes sharing memory. */
  get dstAddrBytes(): Uint8Array {
    return this.#bytes.subarray(IPV4_FIELD.DST_ADDR, IPV4_FIELD.DST_ADDR + 4);
  }
  /** Option bytes between the fixed header and the payload; shares memory. */
  get optionBytes(): Uint8Array {
    return this.#bytes.subarray(IPV4_MIN_HEADER_LEN, this.headerLen);
  }
  /**
   * Lists the options in order; a bad length ends the list with an option marked `bad`.
   *
   * @returns The options; their `data` shares memory.
   */
  options(): Ipv4Option[] {
    const out: Ipv4Option[] = [];
    walkOptions(this.#bytes, IPV4_MIN_HEADER_LEN, this.headerLen, (o) => out.push(o));
    return out;
  }
  /** Payload clipped to Total Length *and* to the captured bytes; shares memory. */
  get payload(): Uint8Array {
    const total = this.totalLen;
    const end = total === 0 ? this.#bytes.byteLength : Math.min(total, this.#bytes.byteLength);
    return this.#bytes.subarray(this.headerLen, end);
  }
  /**
   * Verifies the header checksum (RFC 1071).
   *
   * @returns `true` when the header sums to 0xffff.
   */
  checksumOk(): boolean {
    return onesSum(this.#bytes.subarray(0, this.headerLen)) === 0xffff;
  }
  /**
   * Copies the fields out; safe to keep after the frame is released.
   *
   * @returns The plain header.
   */
  toHeader(): Ipv4Header {
    return {
      layer: "ipv4",
      headerLen: this.headerLen,
      dscp: this.dscp,
      ecn: this.ecn,
      totalLen: this.totalLen,
      identification: this.identification,
      dontFragment: this.dontFragment,
      moreFragments: this.moreFragments,
      fragmentByteOffset: this.fragmentByteOffset,
      ttl: this.ttl,
      protocol: this.protocol,
      checksum: this.checksum,
      srcAddr: formatIpv4(this.srcAddr),
      dstAddr: formatIpv4(this.dstAddr),
      options: this.options().map((o) => ({
        type: o.type,
        len: o.len,
        data: o.data.toHex(),
        bad: o.bad,
      })),
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
   * @returns The same object as {@linkcode Ipv4View.toHeader}.
   */
  toJSON(): Ipv4Header {
    return this.toHeader();
  }
}
