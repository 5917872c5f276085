/**
 * ICMP for IPv4 (RFC 792, RFC 1191).
 *
 * @module
 */

import { formatIpv4 } from "../address.ts";
import { onesSum, requireBytes, u16, u32 } from "./_bytes.ts";
import { DecodeError, type DecodeIssue } from "./errors.ts";

/**
 * Byte offsets of ICMP header fields (RFC 792); the meaning of bytes 4–7 depends on the type.
 *
 * @example Read the identifier by offset
 * ```ts
 * import { ICMP_FIELD, IcmpView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const b = Uint8Array.fromHex("0800f7fd00010001");
 * assert.equal(b[ICMP_FIELD.IDENTIFIER + 1], IcmpView.from(b).identifier);
 * ```
 */
export const ICMP_FIELD = {
  TYPE: 0,
  CODE: 1,
  CHECKSUM: 2,
  IDENTIFIER: 4,
  SEQUENCE: 6,
  GATEWAY: 4,
  POINTER: 4,
  NEXT_HOP_MTU: 6,
} as const;

/**
 * Length of an ICMP header, in bytes.
 *
 * @example Find the echo data
 * ```ts
 * import { ICMP_HEADER_LEN, IcmpView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const icmp = IcmpView.from(Uint8Array.fromHex("0800f7fd00010001" + "6869"));
 * assert.equal(icmp.payload.byteOffset, ICMP_HEADER_LEN);
 * ```
 */
export const ICMP_HEADER_LEN = 8;

/**
 * ICMP message types (IANA "ICMP Type Numbers").
 *
 * @example Recognise an echo request
 * ```ts
 * import { ICMP_TYPE, IcmpView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * assert.equal(IcmpView.from(Uint8Array.fromHex("0800f7fd00010001")).type, ICMP_TYPE.ECHO_REQUEST);
 * ```
 */
export const ICMP_TYPE = {
  ECHO_REPLY: 0,
  DEST_UNREACHABLE: 3,
  SOURCE_QUENCH: 4,
  REDIRECT: 5,
  ECHO_REQUEST: 8,
  ROUTER_ADVERTISEMENT: 9,
  ROUTER_SOLICITATION: 10,
  TIME_EXCEEDED: 11,
  PARAMETER_PROBLEM: 12,
  TIMESTAMP: 13,
  TIMESTAMP_REPLY: 14,
  INFO_REQUEST: 15,
  INFO_REPLY: 16,
  MASK_REQUEST: 17,
  MASK_REPLY: 18,
} as const;

/**
 * Plain copy of an ICMP header, safe to keep.
 *
 * @example Keep an ICMP header
 * ```ts
 * import { IcmpView, type IcmpHeader } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const h: IcmpHeader = IcmpView.from(Uint8Array.fromHex("0800f7fd00010001")).toHeader();
 * assert.deepEqual([h.type, h.restOfHeader], [8, 0x00010001]);
 * ```
 */
export interface IcmpHeader {
  /** Layer name. */
  layer: "icmp";
  /** Type. */
  type: number;
  /** Code. */
  code: number;
  /** Checksum as sent. */
  checksum: number;
  /** Bytes 4–7 as one 32-bit number (identifier and sequence, gateway, pointer, MTU …). */
  restOfHeader: number;
  /** Identifier (echo, timestamp, information and address mask messages). */
  identifier?: number;
  /** Sequence number (echo, timestamp, information and address mask messages). */
  sequence?: number;
  /** Gateway address, dotted quad (redirect). */
  gateway?: string;
  /** Next-hop MTU (destination unreachable, fragmentation needed). */
  nextHopMtu?: number;
  /** Pointer to the offending byte (parameter problem). */
  pointer?: number;
  /** Bytes after the 8-byte header captured. */
  payloadLen: number;
}

/**
 * Whether an ICMP type carries the start of the offending datagram (an error message).
 *
 * @param type ICMP type.
 * @returns `true` for destination unreachable, source quench, redirect, time exceeded and
 * parameter problem.
 * @example Tell errors from queries
 * ```ts
 * import { isIcmpError } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * assert.equal(isIcmpError(3), true);
 * assert.equal(isIcmpError(8), false);
 * ```
 */
export function isIcmpError(type: number): boolean {
  return type === 3 || type === 4 || type === 5 || type === 11 || type === 12;
}

/**
 * The walker's way in (internal to decode/, not exported by the package): wraps bytes that
 * {@linkcode IcmpView.check} accepted without checking them again, re-pointing `reuse` when given.
 */
export let wrapIcmpView: (reuse: IcmpView | undefined, bytes: Uint8Array) => IcmpView;

/**
 * Zero-copy view of an ICMP message. Getters read bytes 4–7 under each type's RFC name; they
 * return the raw bytes whatever the type is, so check {@linkcode IcmpView.type} first.
 *
 * @example Read an echo request
 * ```ts
 * import { IcmpView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const icmp = IcmpView.from(Uint8Array.fromHex("0800f7fd00010001"));
 * assert.deepEqual([icmp.type, icmp.identifier, icmp.sequence], [8, 1, 1]);
 * assert.equal(icmp.checksumOk(), true);
 * ```
 */
export class IcmpView {
  #bytes: Uint8Array;
  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }
  static {
    wrapIcmpView = (reuse, bytes) => {
      if (reuse === undefined) return new IcmpView(bytes);
      reuse.#bytes = bytes;
      return reuse;
    };
  }
  /**
   * Says why `bytes` is not a readable ICMP header, or `undefined`. Never throws.
   *
   * @param bytes The message, starting at the type.
   * @returns The issue, or `undefined` when the 8-byte header can be read.
   */
  static check(bytes: Uint8Array): DecodeIssue | undefined {
    const have = bytes.byteLength;
    if (have < ICMP_HEADER_LEN) {
      return { layer: "icmp", reason: "truncated", need: ICMP_HEADER_LEN, have };
    }
    return undefined;
  }
  /**
   * Wraps `bytes`; throws {@linkcode DecodeError} when {@linkcode IcmpView.check} fails.
   *
   * @param bytes The message, starting at the type.
   * @returns A view sharing `bytes`.
   */
  static from(bytes: Uint8Array): IcmpView {
    requireBytes(bytes, "icmp");
    const issue = IcmpView.check(bytes);
    if (issue) throw new DecodeError(issue);
    return new IcmpView(bytes);
  }
  /** Layer name, `"icmp"`. */
  get layer(): "icmp" {
    return "icmp";
  }
  /** The bytes this view wraps. */
  get bytes(): Uint8Array {
    return this.#bytes;
  }
  /** Header length in bytes (8). */
  get headerLen(): number {
    return ICMP_HEADER_LEN;
  }
  /** Type field. */
  get type(): number {
    return this.#bytes[ICMP_FIELD.TYPE]!;
  }
  /** Code field. */
  get code(): number {
    return this.#bytes[ICMP_FIELD.CODE]!;
  }
  /** Checksum field as sent. */
  get checksum(): number {
    return u16(this.#bytes, ICMP_FIELD.CHECKSUM);
  }
  /** Bytes 4–7 as one 32-bit number. */
  get restOfHeader(): number {
    return u32(this.#bytes, 4);
  }
  /** Identifier (echo, timestamp, information, address mask). */
  get identifier(): number {
    return u16(this.#bytes, ICMP_FIELD.IDENTIFIER);
  }
  /** Sequence number (echo, timestamp, information, address mask). */
  get sequence(): number {
    return u16(this.#bytes, ICMP_FIELD.SEQUENCE);
  }
  /** Gateway Internet address as a 32-bit number (redirect). */
  get gateway(): number {
    return u32(this.#bytes, ICMP_FIELD.GATEWAY);
  }
  /** Pointer to the offending byte (parameter problem). */
  get pointer(): number {
    return this.#bytes[ICMP_FIELD.POINTER]!;
  }
  /** Next-hop MTU (destination unreachable, code 4: fragmentation needed; RFC 1191). */
  get nextHopMtu(): number {
    return u16(this.#bytes, ICMP_FIELD.NEXT_HOP_MTU);
  }
  /** Whether this type is an error carrying the offending datagram's start. */
  get isError(): boolean {
    return isIcmpError(this.type);
  }
  /**
   * Bytes after the 8-byte header (echo data, or the offending IP header and 8 bytes of its
   * payload for errors: read it with `Ipv4View.from`); shares memory.
   */
  get payload(): Uint8Array {
    return this.#bytes.subarray(ICMP_HEADER_LEN);
  }
  /**
   * Verifies the checksum over the whole captured message.
   *
   * @returns `true` when it sums to 0xffff (always `false` on a truncated capture).
   */
  checksumOk(): boolean {
    return onesSum(this.#bytes) === 0xffff;
  }
  /**
   * Copies the fields out; safe to keep after the frame is released.
   *
   * @returns The plain header.
   */
  toHeader(): IcmpHeader {
    const h: IcmpHeader = {
      layer: "icmp",
      type: this.type,
      code: this.code,
      checksum: this.checksum,
      restOfHeader: this.restOfHeader,
      payloadLen: this.#bytes.byteLength - ICMP_HEADER_LEN,
    };
    const t = this.type;
    if (t === 0 || t === 8 || (t >= 13 && t <= 18)) {
      h.identifier = this.identifier;
      h.sequence = this.sequence;
    } else if (t === ICMP_TYPE.REDIRECT) h.gateway = formatIpv4(this.gateway);
    else if (t === ICMP_TYPE.DEST_UNREACHABLE && this.code === 4) h.nextHopMtu = this.nextHopMtu;
    else if (t === ICMP_TYPE.PARAMETER_PROBLEM) h.pointer = this.pointer;
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
   * @returns The same object as {@linkcode IcmpView.toHeader}.
   */
  toJSON(): IcmpHeader {
    return this.toHeader();
  }
}
