/**
 * BSD loopback headers: `LINKTYPE_NULL` (address family in the capturing host's byte order)
 * and `LINKTYPE_LOOP` (network byte order).
 *
 * @module
 */

import { requireBytes, u32, u32le } from "./_bytes.ts";
import { DecodeError, type DecodeIssue } from "./errors.ts";

/**
 * Length of a loopback header, in bytes.
 *
 * @example Find the payload of a loopback packet
 * ```ts
 * import { NULL_HEADER_LEN, NullView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * assert.equal(NullView.from(Uint8Array.fromHex("02000000" + "45")).payload.byteOffset, NULL_HEADER_LEN);
 * ```
 */
export const NULL_HEADER_LEN = 4;

/**
 * Address families in loopback headers: IPv4 everywhere, IPv6 as each BSD numbers it.
 *
 * @example Recognise IPv4 on loopback
 * ```ts
 * import { NULL_FAMILY, NullView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * assert.equal(NullView.from(Uint8Array.fromHex("02000000")).family, NULL_FAMILY.INET);
 * ```
 */
export const NULL_FAMILY = {
  INET: 2,
  INET6_BSD: 24,
  INET6_FREEBSD: 28,
  INET6_DARWIN: 30,
  INET6_LINUX: 10,
} as const;

/**
 * Plain copy of a loopback header, safe to keep.
 *
 * @example Keep a loopback header
 * ```ts
 * import { NullView, type NullHeader } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const h: NullHeader = NullView.from(Uint8Array.fromHex("1e000000")).toHeader();
 * assert.equal(h.family, 30);
 * ```
 */
export interface NullHeader {
  /** Layer name. */
  layer: "null";
  /** Address family (2 = IPv4; 24, 28, 30 = IPv6). */
  family: number;
}

/**
 * The walker's way in (internal to decode/, not exported by the package): wraps bytes that
 * {@linkcode NullView.check} accepted without checking them again, re-pointing `reuse` when given.
 */
export let wrapNullView: (
  reuse: NullView | undefined,
  bytes: Uint8Array,
  networkOrder: boolean,
) => NullView;

/**
 * Zero-copy view of a 4-byte BSD loopback header. For `LINKTYPE_NULL` the family is in the
 * writer's byte order; like tcpdump, a value with bits in its high half is read byte-swapped.
 *
 * @example Read a NULL header written on a little-endian host
 * ```ts
 * import { NullView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * assert.equal(NullView.from(Uint8Array.fromHex("02000000" + "45")).family, 2);
 * assert.equal(NullView.from(Uint8Array.fromHex("00000002" + "45"), true).family, 2);
 * ```
 */
export class NullView {
  #bytes: Uint8Array;
  #networkOrder: boolean;
  private constructor(bytes: Uint8Array, networkOrder: boolean) {
    this.#bytes = bytes;
    this.#networkOrder = networkOrder;
  }
  static {
    wrapNullView = (reuse, bytes, networkOrder) => {
      if (reuse === undefined) return new NullView(bytes, networkOrder);
      reuse.#bytes = bytes;
      reuse.#networkOrder = networkOrder;
      return reuse;
    };
  }
  /**
   * Says why `bytes` is not a readable loopback header, or `undefined`. Never throws.
   *
   * @param bytes The packet, starting at the family.
   * @returns The issue, or `undefined` when the 4-byte header can be read.
   */
  static check(bytes: Uint8Array): DecodeIssue | undefined {
    const have = bytes.byteLength;
    if (have < NULL_HEADER_LEN) {
      return { layer: "null", reason: "truncated", need: NULL_HEADER_LEN, have };
    }
    return undefined;
  }
  /**
   * Wraps `bytes`; throws {@linkcode DecodeError} when {@linkcode NullView.check} fails.
   *
   * @param bytes The packet, starting at the family.
   * @param networkOrder `true` for `LINKTYPE_LOOP` (family in network byte order).
   * @returns A view sharing `bytes`.
   */
  static from(bytes: Uint8Array, networkOrder = false): NullView {
    requireBytes(bytes, "null");
    const issue = NullView.check(bytes);
    if (issue) throw new DecodeError(issue);
    return new NullView(bytes, networkOrder);
  }
  /** Layer name, `"null"`. */
  get layer(): "null" {
    return "null";
  }
  /** The bytes this view wraps. */
  get bytes(): Uint8Array {
    return this.#bytes;
  }
  /** Header length in bytes (4). */
  get headerLen(): number {
    return NULL_HEADER_LEN;
  }
  /** Address family. */
  get family(): number {
    if (this.#networkOrder) return u32(this.#bytes, 0);
    const le = u32le(this.#bytes, 0);
    // Families are small: a value in the high half was written by a host of the other byte
    // order, so swap it (as tcpdump's print-null.c does).
    return (le & 0xffff0000) !== 0 ? u32(this.#bytes, 0) : le;
  }
  /** Bytes after the header; shares memory. */
  get payload(): Uint8Array {
    return this.#bytes.subarray(NULL_HEADER_LEN);
  }
  /**
   * Copies the fields out; safe to keep after the frame is released.
   *
   * @returns The plain header.
   */
  toHeader(): NullHeader {
    return { layer: "null", family: this.family };
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
   * @returns The same object as {@linkcode NullView.toHeader}.
   */
  toJSON(): NullHeader {
    return this.toHeader();
  }
}
