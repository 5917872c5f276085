/**
 * UDP headers (RFC 768).
 *
 * @module
 */

import { requireBytes, u16 } from "./_bytes.ts";
import { pseudoChecksumOk } from "./_checksum.ts";
import { DecodeError, type DecodeIssue } from "./errors.ts";
import type { Ipv4View } from "./ipv4.ts";
import type { Ipv6View } from "./ipv6.ts";

/**
 * Byte offsets of UDP header fields (RFC 768).
 *
 * @example Read the length by offset
 * ```ts
 * import { UDP_FIELD, UdpView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const b = Uint8Array.fromHex("d43100350009000061");
 * assert.equal(b[UDP_FIELD.LENGTH + 1], UdpView.from(b).length);
 * ```
 */
export const UDP_FIELD = { SRC_PORT: 0, DST_PORT: 2, LENGTH: 4, CHECKSUM: 6 } as const;

/**
 * Length of a UDP header, in bytes.
 *
 * @example Size a datagram's data
 * ```ts
 * import { UDP_HEADER_LEN, UdpView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const udp = UdpView.from(Uint8Array.fromHex("d43100350009000061"));
 * assert.equal(udp.payload.byteLength, udp.length - UDP_HEADER_LEN);
 * ```
 */
export const UDP_HEADER_LEN = 8;

/**
 * Plain copy of a UDP header, safe to keep.
 *
 * @example Keep a UDP header
 * ```ts
 * import { UdpView, type UdpHeader } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const h: UdpHeader = UdpView.from(Uint8Array.fromHex("d43100350009000061")).toHeader();
 * assert.deepEqual([h.dstPort, h.payloadLen], [53, 1]);
 * ```
 */
export interface UdpHeader {
  /** Layer name. */
  layer: "udp";
  /** Source port. */
  srcPort: number;
  /** Destination port. */
  dstPort: number;
  /** Length field: header plus data, bytes. */
  length: number;
  /** Checksum as sent (0: none). */
  checksum: number;
  /** Payload bytes captured. */
  payloadLen: number;
}

/**
 * The walker's way in (internal to decode/, not exported by the package): wraps bytes that
 * {@linkcode UdpView.check} accepted without checking them again, re-pointing `reuse` when given.
 */
export let wrapUdpView: (reuse: UdpView | undefined, bytes: Uint8Array) => UdpView;

/**
 * Zero-copy view of a UDP datagram. Valid only while the bytes it wraps are.
 *
 * @example Read a UDP header
 * ```ts
 * import { UdpView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const udp = UdpView.from(Uint8Array.fromHex("d43100350009000061ffff"));
 * assert.deepEqual([udp.srcPort, udp.dstPort, udp.length], [54321, 53, 9]);
 * assert.deepEqual([...udp.payload], [0x61]); // clipped to the Length field
 * ```
 */
export class UdpView {
  #bytes: Uint8Array;
  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }
  static {
    wrapUdpView = (reuse, bytes) => {
      if (reuse === undefined) return new UdpView(bytes);
      reuse.#bytes = bytes;
      return reuse;
    };
  }
  /**
   * Says why `bytes` is not a readable UDP header, or `undefined`. Never throws.
   * A Length of 0 is accepted (IPv6 jumbograms, RFC 2675); the payload is then what was captured.
   *
   * @param bytes The datagram, starting at the source port.
   * @returns The issue, or `undefined` when the header can be read.
   */
  static check(bytes: Uint8Array): DecodeIssue | undefined {
    const have = bytes.byteLength;
    if (have < UDP_HEADER_LEN) {
      return { layer: "udp", reason: "truncated", need: UDP_HEADER_LEN, have };
    }
    const length = u16(bytes, UDP_FIELD.LENGTH);
    if (length !== 0 && length < UDP_HEADER_LEN) {
      return { layer: "udp", reason: "bad-length", need: UDP_HEADER_LEN, have: length };
    }
    return undefined;
  }
  /**
   * Wraps `bytes`; throws {@linkcode DecodeError} when {@linkcode UdpView.check} fails.
   *
   * @param bytes The datagram, starting at the source port.
   * @returns A view sharing `bytes`.
   */
  static from(bytes: Uint8Array): UdpView {
    requireBytes(bytes, "udp");
    const issue = UdpView.check(bytes);
    if (issue) throw new DecodeError(issue);
    return new UdpView(bytes);
  }
  /** Layer name, `"udp"`. */
  get layer(): "udp" {
    return "udp";
  }
  /** The bytes this view wraps. */
  get bytes(): Uint8Array {
    return this.#bytes;
  }
  /** Header length in bytes (8). */
  get headerLen(): number {
    return UDP_HEADER_LEN;
  }
  /** Source port. */
  get srcPort(): number {
    return u16(this.#bytes, UDP_FIELD.SRC_PORT);
  }
  /** Destination port. */
  get dstPort(): number {
    return u16(this.#bytes, UDP_FIELD.DST_PORT);
  }
  /** Length field: header plus data, in bytes. */
  get length(): number {
    return u16(this.#bytes, UDP_FIELD.LENGTH);
  }
  /** Checksum field as sent (0 means none over IPv4). */
  get checksum(): number {
    return u16(this.#bytes, UDP_FIELD.CHECKSUM);
  }
  /** Data clipped to the Length field and to the captured bytes; shares memory. */
  get payload(): Uint8Array {
    const length = this.length;
    const have = this.#bytes.byteLength;
    return this.#bytes.subarray(UDP_HEADER_LEN, length === 0 ? have : Math.min(length, have));
  }
  /**
   * Verifies the checksum over the pseudo-header of the enclosing IP packet.
   *
   * @param ip The IPv4 or IPv6 view this datagram was taken from.
   * @returns Whether it is correct (`true` for an IPv4 checksum of 0, which means none), or
   * `undefined` when the datagram was not captured whole.
   */
  checksumOk(ip: Ipv4View | Ipv6View): boolean | undefined {
    if (ip.layer === "ipv4" && this.checksum === 0) return true;
    const length = this.length;
    if (length === 0 || length > this.#bytes.byteLength) return undefined;
    return pseudoChecksumOk(ip, 17, this.#bytes.subarray(0, length));
  }
  /**
   * Copies the fields out; safe to keep after the frame is released.
   *
   * @returns The plain header.
   */
  toHeader(): UdpHeader {
    return {
      layer: "udp",
      srcPort: this.srcPort,
      dstPort: this.dstPort,
      length: this.length,
      checksum: this.checksum,
      payloadLen: this.payload.byteLength,
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
   * @returns The same object as {@linkcode UdpView.toHeader}.
   */
  toJSON(): UdpHeader {
    return this.toHeader();
  }
}
