/**
 * ICMPv6 (RFC 4443) with neighbour discovery (RFC 4861) messages and options, and multicast
 * listener discovery (RFC 2710, RFC 3810).
 *
 * @module
 */

import { formatIpv6, formatMac } from "../address.ts";
import { requireBytes, u16, u32 } from "./_bytes.ts";
import { pseudoChecksumOk } from "./_checksum.ts";
import { DecodeError, type DecodeIssue } from "./errors.ts";
import type { Ipv6View } from "./ipv6.ts";

/**
 * Byte offsets of ICMPv6 header fields (RFC 4443 2.1, RFC 4861 4).
 *
 * @example Read a target address by offset
 * ```ts
 * import { ICMPV6_FIELD, Icmpv6View } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const b = Uint8Array.fromHex("87000000" + "00000000" + "fd000000000000000000000000000002" + "0101020000000a01");
 * assert.deepEqual(b.subarray(ICMPV6_FIELD.TARGET, ICMPV6_FIELD.TARGET + 16), Icmpv6View.from(b).targetAddr);
 * ```
 */
export const ICMPV6_FIELD = {
  TYPE: 0,
  CODE: 1,
  CHECKSUM: 2,
  IDENTIFIER: 4,
  SEQUENCE: 6,
  MTU: 4,
  POINTER: 4,
  /** Router advertisement: Cur Hop Limit, flags, Router Lifetime, Reachable Time, Retrans Timer. */
  RA_HOP_LIMIT: 4,
  RA_FLAGS: 5,
  RA_LIFETIME: 6,
  RA_REACHABLE: 8,
  RA_RETRANS: 12,
  /** Neighbour advertisement flags (R, S, O). */
  NA_FLAGS: 4,
  /** Target Address of NS, NA and redirect. */
  TARGET: 8,
  /** Destination Address of redirect. */
  REDIRECT_DST: 24,
  /** MLD: Maximum Response Delay and Multicast Address (v1, RFC 2710). */
  MLD_MAX_DELAY: 4,
  MLD_ADDR: 8,
  /** MLDv2 report: Nr of Mcast Address Records (RFC 3810 5.2). */
  MLD2_RECORDS: 6,
} as const;

/**
 * Length of the fixed ICMPv6 header, in bytes.
 *
 * @example Find the echo data
 * ```ts
 * import { ICMPV6_HEADER_LEN, Icmpv6View } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const echo = Icmpv6View.from(Uint8Array.fromHex("800000000001000168"));
 * assert.equal(echo.payload.byteOffset, ICMPV6_HEADER_LEN);
 * ```
 */
export const ICMPV6_HEADER_LEN = 8;

/**
 * ICMPv6 message types (IANA "ICMPv6 Type Numbers").
 *
 * @example Recognise a neighbour solicitation
 * ```ts
 * import { ICMPV6_TYPE, Icmpv6View } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * assert.equal(Icmpv6View.from(Uint8Array.fromHex("87000000" + "00000000" + "fd000000000000000000000000000002" + "0101020000000a01")).type, ICMPV6_TYPE.NEIGHBOR_SOLICITATION);
 * ```
 */
export const ICMPV6_TYPE = {
  DEST_UNREACHABLE: 1,
  PACKET_TOO_BIG: 2,
  TIME_EXCEEDED: 3,
  PARAMETER_PROBLEM: 4,
  ECHO_REQUEST: 128,
  ECHO_REPLY: 129,
  MLD_QUERY: 130,
  MLD_REPORT: 131,
  MLD_DONE: 132,
  ROUTER_SOLICITATION: 133,
  ROUTER_ADVERTISEMENT: 134,
  NEIGHBOR_SOLICITATION: 135,
  NEIGHBOR_ADVERTISEMENT: 136,
  REDIRECT: 137,
  MLD2_REPORT: 143,
} as const;

/**
 * Neighbour discovery option types (RFC 4861 4.6, RFC 8106).
 *
 * @example Find the source link-layer address
 * ```ts
 * import { Icmpv6View, ND_OPTION } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const ns = Icmpv6View.from(Uint8Array.fromHex("87000000" + "00000000" + "fd000000000000000000000000000002" + "0101020000000a01"));
 * const o = ns.ndOptions().find((o) => o.type === ND_OPTION.SOURCE_LINK_ADDR);
 * assert.equal(o?.linkAddr, "02:00:00:00:0a:01");
 * ```
 */
export const ND_OPTION = {
  SOURCE_LINK_ADDR: 1,
  TARGET_LINK_ADDR: 2,
  PREFIX_INFO: 3,
  REDIRECTED_HEADER: 4,
  MTU: 5,
  RDNSS: 25,
  DNSSL: 31,
} as const;

/** Where each ND message's options start, by type (RFC 4861 4.1–4.5). */
const ND_OPTIONS_AT: Record<number, number> = { 133: 8, 134: 16, 135: 24, 136: 24, 137: 40 };

/** Length each message type needs before its options or data, in bytes. */
function minLen(type: number): number {
  return ND_OPTIONS_AT[type] ?? (type === 130 || type === 131 || type === 132 ? 24 : 8);
}

/**
 * One neighbour discovery option; the parsed fields are set when the option is well-sized.
 *
 * @example Read an ND option
 * ```ts
 * import { Icmpv6View, type NdOption } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const [o]: NdOption[] = Icmpv6View.from(Uint8Array.fromHex("87000000" + "00000000" + "fd000000000000000000000000000002" + "0101020000000a01")).ndOptions();
 * assert.deepEqual([o?.type, o?.len, o?.bad], [1, 1, false]);
 * ```
 */
export interface NdOption {
  /** Option type. */
  type: number;
  /** Length field, in units of 8 bytes (type and length included). */
  len: number;
  /** Bytes after type and length; shares memory. */
  data: Uint8Array;
  /** Length 0 or past the end of the message: the list stops here. */
  bad: boolean;
  /** Source or target link-layer address as colon hex (types 1, 2). */
  linkAddr?: string;
  /** Prefix length in bits (type 3). */
  prefixLen?: number;
  /** On-link flag L (type 3). */
  onLink?: boolean;
  /** Autonomous address-configuration flag A (type 3). */
  autonomous?: boolean;
  /** Valid lifetime in seconds (type 3) or lifetime (type 25). */
  validLifetime?: number;
  /** Preferred lifetime in seconds (type 3). */
  preferredLifetime?: number;
  /** Prefix as RFC 5952 text (type 3). */
  prefix?: string;
  /** MTU (type 5). */
  mtu?: number;
  /** Recursive DNS servers (type 25). */
  servers?: string[];
}

/**
 * Plain copy of an ND option.
 *
 * @example Keep ND options
 * ```ts
 * import { Icmpv6View, type NdOptionHeader } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const opts: NdOptionHeader[] = Icmpv6View.from(Uint8Array.fromHex("87000000" + "00000000" + "fd000000000000000000000000000002" + "0101020000000a01")).toHeader().options ?? [];
 * assert.equal(opts[0]?.data, "020000000a01");
 * ```
 */
export type NdOptionHeader = Omit<NdOption, "data"> & { data: string };

/**
 * One MLDv2 multicast address record (RFC 3810 5.2.4).
 *
 * @example Read an MLDv2 report
 * ```ts
 * import { Icmpv6View, type Mld2Record } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const report = Icmpv6View.from(Uint8Array.fromHex(
 *   "8f00000000000001" + "04000000" + "ff020000000000000000000000000016",
 * ));
 * const [r]: Mld2Record[] = report.mld2Records();
 * assert.deepEqual([r?.type, r?.multicastAddr], [4, "ff02::16"]);
 * ```
 */
export interface Mld2Record {
  /** Record type (1–6: MODE_IS_INCLUDE … BLOCK_OLD_SOURCES). */
  type: number;
  /** Aux Data Len, in 32-bit words. */
  auxLen: number;
  /** Multicast address as RFC 5952 text. */
  multicastAddr: string;
  /** Source addresses as RFC 5952 text. */
  sources: string[];
}

/**
 * Plain copy of an ICMPv6 header, safe to keep.
 *
 * @example Keep an ICMPv6 message
 * ```ts
 * import { Icmpv6View, type Icmpv6Header } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const h: Icmpv6Header = Icmpv6View.from(Uint8Array.fromHex("87000000" + "00000000" + "fd000000000000000000000000000002" + "0101020000000a01")).toHeader();
 * assert.equal(h.targetAddr, "fd00::2");
 * ```
 */
export interface Icmpv6Header {
  /** Layer name. */
  layer: "icmpv6";
  /** Type. */
  type: number;
  /** Code. */
  code: number;
  /** Checksum as sent. */
  checksum: number;
  /** Bytes 4–7 as one 32-bit number. */
  restOfHeader: number;
  /** Identifier (echo request and reply). */
  identifier?: number;
  /** Sequence number (echo request and reply). */
  sequence?: number;
  /** MTU (packet too big). */
  mtu?: number;
  /** Pointer to the offending byte (parameter problem). */
  pointer?: number;
  /** Cur Hop Limit (router advertisement). */
  curHopLimit?: number;
  /** Flags byte (router and neighbour advertisement). */
  ndFlags?: number;
  /** Router Lifetime, seconds (router advertisement). */
  routerLifetime?: number;
  /** Reachable Time, milliseconds (router advertisement). */
  reachableTime?: number;
  /** Retrans Timer, milliseconds (router advertisement). */
  retransTimer?: number;
  /** Multicast address (MLDv1). */
  multicastAddr?: string;
  /** Multicast address records (MLDv2 report). */
  records?: Mld2Record[];
  /** Target address of NS, NA and redirect. */
  targetAddr?: string;
  /** Destination address of redirect. */
  destinationAddr?: string;
  /** ND options of RS, RA, NS, NA and redirect. */
  options?: NdOptionHeader[];
  /** Bytes after the fixed 8-byte header captured. */
  payloadLen: number;
}

/**
 * Whether an ICMPv6 type is an error carrying the offending packet (types 0–127).
 *
 * @param type ICMPv6 type.
 * @returns `true` for error messages.
 * @example Tell errors from informational messages
 * ```ts
 * import { isIcmpv6Error } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * assert.equal(isIcmpv6Error(1), true);
 * assert.equal(isIcmpv6Error(135), false);
 * ```
 */
export function isIcmpv6Error(type: number): boolean {
  return type < 128;
}

/**
 * The walker's way in (internal to decode/, not exported by the package): wraps bytes that
 * {@linkcode Icmpv6View.check} accepted without checking them again, re-pointing `reuse` when given.
 */
export let wrapIcmpv6View: (reuse: Icmpv6View | undefined, bytes: Uint8Array) => Icmpv6View;

/**
 * Zero-copy view of an ICMPv6 message. Getters read fixed offsets under each type's RFC name;
 * check {@linkcode Icmpv6View.type} first. ND messages are checked for their full fixed part.
 *
 * @example Read a neighbour solicitation
 * ```ts
 * import { Icmpv6View } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const ns = Icmpv6View.from(Uint8Array.fromHex(
 *   "87000000" + "00000000" + "fd000000000000000000000000000002" + "0101020000000a01",
 * ));
 * assert.equal(ns.type, 135);
 * assert.equal(ns.toHeader().targetAddr, "fd00::2");
 * assert.equal(ns.ndOptions()[0]?.linkAddr, "02:00:00:00:0a:01");
 * ```
 */
export class Icmpv6View {
  #bytes: Uint8Array;
  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }
  static {
    wrapIcmpv6View = (reuse, bytes) => {
      if (reuse === undefined) return new Icmpv6View(bytes);
      reuse.#bytes = bytes;
      return reuse;
    };
  }
  /**
   * Says why `bytes` is not a readable ICMPv6 message, or `undefined`. Never throws.
   *
   * @param bytes The message, starting at the type.
   * @returns The issue, or `undefined` when the header (and an ND or MLD message's fixed
   * part) can be read.
   */
  static check(bytes: Uint8Array): DecodeIssue | undefined {
    const have = bytes.byteLength;
    if (have < ICMPV6_HEADER_LEN) {
      return { layer: "icmpv6", reason: "truncated", need: ICMPV6_HEADER_LEN, have };
    }
    const need = minLen(bytes[0]!);
    if (have < need) return { layer: "icmpv6", reason: "truncated", need, have };
    return undefined;
  }
  /**
   * Wraps `bytes`; throws {@linkcode DecodeError} when {@linkcode Icmpv6View.check} fails.
   *
   * @param bytes The message, starting at the type.
   * @returns A view sharing `bytes`.
   */
  static from(bytes: Uint8Array): Icmpv6View {
    requireBytes(bytes, "icmpv6");
    const issue = Icmpv6View.check(bytes);
    if (issue) throw new DecodeError(issue);
    return new Icmpv6View(bytes);
  }
  /** Layer name, `"icmpv6"`. */
  get layer(): "icmpv6" {
    return "icmpv6";
  }
  /** The bytes this view wraps. */
  get bytes(): Uint8Array {
    return this.#bytes;
  }
  /** Length of the fixed part in bytes: 8, or where an ND message's options start. */
  get headerLen(): number {
    return minLen(this.type);
  }
  /** Type field. */
  get type(): number {
    return this.#bytes[ICMPV6_FIELD.TYPE]!;
  }
  /** Code field. */
  get code(): number {
    return this.#bytes[ICMPV6_FIELD.CODE]!;
  }
  /** Checksum field as sent. */
  get checksum(): number {
    return u16(this.#bytes, ICMPV6_FIELD.CHECKSUM);
  }
  /** Bytes 4–7 as one 32-bit number. */
  get restOfHeader(): number {
    return u32(this.#bytes, 4);
  }
  /** Identifier (echo request and reply). */
  get identifier(): number {
    return u16(this.#bytes, ICMPV6_FIELD.IDENTIFIER);
  }
  /** Sequence number (echo request and reply). */
  get sequence(): number {
    return u16(this.#bytes, ICMPV6_FIELD.SEQUENCE);
  }
  /** MTU (packet too big). */
  get mtu(): number {
    return u32(this.#bytes, ICMPV6_FIELD.MTU);
  }
  /** Pointer to the offending byte (parameter problem). */
  get pointer(): number {
    return u32(this.#bytes, ICMPV6_FIELD.POINTER);
  }
  /** Whether this type is an error carrying the offending packet. */
  get isError(): boolean {
    return isIcmpv6Error(this.type);
  }
  /** Cur Hop Limit (router advertisement). */
  get curHopLimit(): number {
    return this.#bytes[ICMPV6_FIELD.RA_HOP_LIMIT]!;
  }
  /** Flags byte: RA M/O bits (0x80, 0x40), NA R/S/O bits (0x80, 0x40, 0x20). */
  get ndFlags(): number {
    return this.#bytes[this.type === 134 ? ICMPV6_FIELD.RA_FLAGS : ICMPV6_FIELD.NA_FLAGS]!;
  }
  /** Router Lifetime in seconds (router advertisement). */
  get routerLifetime(): number {
    return u16(this.#bytes, ICMPV6_FIELD.RA_LIFETIME);
  }
  /** Reachable Time in milliseconds (router advertisement; 0 when not captured). */
  get reachableTime(): number {
    return this.#bytes.byteLength >= 12 ? u32(this.#bytes, ICMPV6_FIELD.RA_REACHABLE) : 0;
  }
  /** Retrans Timer in milliseconds (router advertisement; 0 when not captured). */
  get retransTimer(): number {
    return this.#bytes.byteLength >= 16 ? u32(this.#bytes, ICMPV6_FIELD.RA_RETRANS) : 0;
  }
  /** Target Address (NS, NA, redirect): 16 bytes sharing memory, else `undefined`. */
  get targetAddr(): Uint8Array | undefined {
    const t = this.type;
    return t === 135 || t === 136 || t === 137
      ? this.#bytes.subarray(ICMPV6_FIELD.TARGET, ICMPV6_FIELD.TARGET + 16)
      : undefined;
  }
  /** Destination Address (redirect): 16 bytes sharing memory, else `undefined`. */
  get destinationAddr(): Uint8Array | undefined {
    return this.type === 137
      ? this.#bytes.subarray(ICMPV6_FIELD.REDIRECT_DST, ICMPV6_FIELD.REDIRECT_DST + 16)
      : undefined;
  }
  /** Maximum Response Delay in milliseconds (MLDv1 query, report, done). */
  get maxResponseDelay(): number {
    return u16(this.#bytes, ICMPV6_FIELD.MLD_MAX_DELAY);
  }
  /** Multicast Address (MLDv1): 16 bytes sharing memory, else `undefined`. */
  get multicastAddr(): Uint8Array | undefined {
    const t = this.type;
    return t === 130 || t === 131 || t === 132
      ? this.#bytes.subarray(ICMPV6_FIELD.MLD_ADDR, ICMPV6_FIELD.MLD_ADDR + 16)
      : undefined;
  }
  /** Nr of Mcast Address Records (MLDv2 report). */
  get numRecords(): number {
    return u16(this.#bytes, ICMPV6_FIELD.MLD2_RECORDS);
  }
  /**
   * Reads an MLDv2 report's records, as far as they were captured.
   *
   * @returns The records (empty for other types); a cut record is left out.
   */
  mld2Records(): Mld2Record[] {
    const out: Mld2Record[] = [];
    if (this.type !== 143) return out;
    const b = this.#bytes;
    let at = 8;
    for (let i = 0; i < this.numRecords && at + 20 <= b.byteLength; i++) {
      const auxLen = b[at + 1]!, numSources = u16(b, at + 2);
      const end = at + 20 + 16 * numSources + 4 * auxLen;
      if (end > b.byteLength) break;
      const sources: string[] = [];
      for (let s = 0; s < numSources; s++) sources.push(formatIpv6(b, at + 20 + 16 * s));
      out.push({ type: b[at]!, auxLen, multicastAddr: formatIpv6(b, at + 4), sources });
      at = end;
    }
    return out;
  }
  /**
   * Lists the neighbour discovery options of RS, RA, NS, NA and redirect messages.
   *
   * @returns The options (empty for other types); a zero or overlong length ends the list with
   * an option marked `bad`.
   */
  ndOptions(): NdOption[] {
    const out: NdOption[] = [];
    const start = ND_OPTIONS_AT[this.type];
    if (start === undefined) return out;
    const b = this.#bytes, end = b.byteLength;
    let i = start;
    while (i + 2 <= end) {
      const type = b[i]!, len = b[i + 1]!;
      const optEnd = i + len * 8;
      if (len === 0 || optEnd > end) {
        out.push({ type, len, data: b.subarray(i + 2, end), bad: true });
        break;
      }
      const data = b.subarray(i + 2, optEnd);
      out.push(parseNdOption(type, len, data));
      i = optEnd;
    }
    if (i < end && i + 2 > end) out.push({ type: b[i]!, len: 0, data: b.subarray(end), bad: true });
    return out;
  }
  /** Bytes after the fixed 8-byte header (echo data, the offending packet, ND fields); shares memory. */
  get payload(): Uint8Array {
    return this.#bytes.subarray(ICMPV6_HEADER_LEN);
  }
  /**
   * Verifies the checksum over the IPv6 pseudo-header.
   *
   * @param ip The IPv6 view this message was taken from.
   * @returns Whether it is correct, or `undefined` when the message was not captured whole.
   */
  checksumOk(ip: Ipv6View): boolean | undefined {
    return pseudoChecksumOk(ip, 58, this.#bytes);
  }
  /**
   * Copies the fields out; safe to keep after the frame is released.
   *
   * @returns The plain header; addresses and options only for the types that have them.
   */
  toHeader(): Icmpv6Header {
    const h: Icmpv6Header = {
      layer: "icmpv6",
      type: this.type,
      code: this.code,
      checksum: this.checksum,
      restOfHeader: this.restOfHeader,
      payloadLen: this.#bytes.byteLength - ICMPV6_HEADER_LEN,
    };
    switch (this.type) {
      case ICMPV6_TYPE.ECHO_REQUEST:
      case ICMPV6_TYPE.ECHO_REPLY:
        h.identifier = this.identifier;
        h.sequence = this.sequence;
        break;
      case ICMPV6_TYPE.PACKET_TOO_BIG:
        h.mtu = this.mtu;
        break;
      case ICMPV6_TYPE.PARAMETER_PROBLEM:
        h.pointer = this.pointer;
        break;
      case ICMPV6_TYPE.ROUTER_ADVERTISEMENT:
        h.curHopLimit = this.curHopLimit;
        h.ndFlags = this.ndFlags;
        h.routerLifetime = this.routerLifetime;
        h.reachableTime = this.reachableTime;
        h.retransTimer = this.retransTimer;
        break;
      case ICMPV6_TYPE.NEIGHBOR_ADVERTISEMENT:
        h.ndFlags = this.ndFlags;
        break;
      case ICMPV6_TYPE.MLD2_REPORT:
        h.records = this.mld2Records();
        break;
    }
    const mcast = this.multicastAddr;
    if (mcast) h.multicastAddr = formatIpv6(mcast, 0);
    const target = this.targetAddr, dst = this.destinationAddr;
    if (target) h.targetAddr = formatIpv6(target, 0);
    if (dst) h.destinationAddr = formatIpv6(dst, 0);
    if (ND_OPTIONS_AT[this.type] !== undefined) {
      h.options = this.ndOptions().map((o) => ({ ...o, data: o.data.toHex() }));
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
   * @returns The same object as {@linkcode Icmpv6View.toHeader}.
   */
  toJSON(): Icmpv6Header {
    return this.toHeader();
  }
}

function parseNdOption(type: number, len: number, d: Uint8Array): NdOption {
  const o: NdOption = { type, len, data: d, bad: false };
  switch (type) {
    case ND_OPTION.SOURCE_LINK_ADDR:
    case ND_OPTION.TARGET_LINK_ADDR: {
      // Ethernet addresses fill the 6 bytes; other links may pad, so trailing zeros stay.
      o.linkAddr = formatMac(d, 0, d.byteLength === 6 ? 6 : d.byteLength);
      break;
    }
    case ND_OPTION.PREFIX_INFO:
      if (d.byteLength === 30) {
        o.prefixLen = d[0]!;
        o.onLink = (d[1]! & 0x80) !== 0;
        o.autonomous = (d[1]! & 0x40) !== 0;
        o.validLifetime = u32(d, 2);
        o.preferredLifetime = u32(d, 6);
        o.prefix = formatIpv6(d, 14);
      }
      break;
    case ND_OPTION.MTU:
      if (d.byteLength === 6) o.mtu = u32(d, 2);
      break;
    case ND_OPTION.RDNSS:
      if (d.byteLength >= 22 && (d.byteLength - 6) % 16 === 0) {
        o.validLifetime = u32(d, 2);
        o.servers = [];
        for (let at = 6; at < d.byteLength; at += 16) o.servers.push(formatIpv6(d, at));
      }
      break;
  }
  return o;
}
