/**
 * Ethernet II and IEEE 802.3 MAC headers.
 *
 * @module
 */

import { formatMac } from "../address.ts";
import { requireBytes, u16 } from "./_bytes.ts";
import { DecodeError, type DecodeIssue } from "./errors.ts";

/**
 * Byte offsets of Ethernet header fields (IEEE 802.3, clause 3.1.1).
 *
 * @example Read the type field by offset
 * ```ts
 * import { ETHERNET_FIELD, EthernetView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const b = Uint8Array.fromHex("ffffffffffff0200000000010806" +
 *   "0001080006040001020000000001c0a80001000000000000c0a80002");
 * const at = ETHERNET_FIELD.ETHER_TYPE;
 * assert.equal((b[at]! << 8) | b[at + 1]!, EthernetView.from(b).etherType);
 * ```
 */
export const ETHERNET_FIELD = { DST_ADDR: 0, SRC_ADDR: 6, ETHER_TYPE: 12 } as const;

/**
 * Length of an Ethernet header without VLAN tags, in bytes.
 *
 * @example Find where the payload starts
 * ```ts
 * import { ETHERNET_HEADER_LEN, EthernetView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const b = Uint8Array.fromHex("ffffffffffff0200000000010806" +
 *   "0001080006040001020000000001c0a80001000000000000c0a80002");
 * assert.equal(EthernetView.from(b).payload.byteLength, b.byteLength - ETHERNET_HEADER_LEN);
 * ```
 */
export const ETHERNET_HEADER_LEN = 14;

/**
 * Largest value of the type field that is an 802.3 length rather than an EtherType.
 *
 * @example Tell an 802.3 length from an EtherType
 * ```ts
 * import { ETHERNET_MAX_LENGTH_VALUE, EthernetView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const eth = EthernetView.from(Uint8Array.fromHex("0180c2000000020000000001" + "0003" + "424203"));
 * assert.ok(eth.etherType <= ETHERNET_MAX_LENGTH_VALUE);
 * assert.equal(eth.isLength, true);
 * ```
 */
export const ETHERNET_MAX_LENGTH_VALUE = 1500;

/**
 * Plain copy of an Ethernet header, safe to keep.
 *
 * @example Keep an Ethernet header
 * ```ts
 * import { type EthernetHeader, EthernetView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const h: EthernetHeader = EthernetView.from(Uint8Array.fromHex("ffffffffffff0200000000010806" +
 *   "0001080006040001020000000001c0a80001000000000000c0a80002")).toHeader();
 * assert.equal(h.dstAddr, "ff:ff:ff:ff:ff:ff");
 * ```
 */
export interface EthernetHeader {
  /** Layer name. */
  layer: "ethernet";
  /** Destination MAC address, `aa:bb:cc:dd:ee:ff`. */
  dstAddr: string;
  /** Source MAC address. */
  srcAddr: string;
  /** EtherType, or the 802.3 payload length when at most 1500. */
  etherType: number;
}

/**
 * The walker's way in (internal to decode/, not exported by the package): wraps bytes that
 * {@linkcode EthernetView.check} accepted without checking them again, re-pointing `reuse` when given.
 */
export let wrapEthernetView: (reuse: EthernetView | undefined, bytes: Uint8Array) => EthernetView;

/**
 * Zero-copy view of an Ethernet II or 802.3 header. Valid only while the bytes it wraps are.
 *
 * @example Read an Ethernet header
 * ```ts
 * import { EthernetView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const eth = EthernetView.from(Uint8Array.fromHex("ffffffffffff0200000000010806" + "00".repeat(28)));
 * assert.equal(eth.etherType, 0x0806);
 * assert.equal(eth.toHeader().srcAddr, "02:00:00:00:00:01");
 * assert.equal(eth.payload.byteLength, 28);
 * ```
 */
export class EthernetView {
  #bytes: Uint8Array;
  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }
  static {
    wrapEthernetView = (reuse, bytes) => {
      if (reuse === undefined) return new EthernetView(bytes);
      reuse.#bytes = bytes;
      return reuse;
    };
  }
  /**
   * Says why `bytes` is not a readable Ethernet header, or `undefined`. Never throws.
   *
   * @param bytes The frame, starting at the destination address.
   * @returns The issue, or `undefined` when the header can be read.
   */
  static check(bytes: Uint8Array): DecodeIssue | undefined {
    const have = bytes.byteLength;
    if (have < ETHERNET_HEADER_LEN) {
      return { layer: "ethernet", reason: "truncated", need: ETHERNET_HEADER_LEN, have };
    }
    return undefined;
  }
  /**
   * Wraps `bytes`; throws {@linkcode DecodeError} when {@linkcode EthernetView.check} fails.
   *
   * @param bytes The frame, starting at the destination address.
   * @returns A view sharing `bytes`.
   */
  static from(bytes: Uint8Array): EthernetView {
    requireBytes(bytes, "ethernet");
    const issue = EthernetView.check(bytes);
    if (issue) throw new DecodeError(issue);
    return new EthernetView(bytes);
  }
  /** Layer name, `"ethernet"`. */
  get layer(): "ethernet" {
    return "ethernet";
  }
  /** The bytes this view wraps (header and payload). */
  get bytes(): Uint8Array {
    return this.#bytes;
  }
  /** Header length in bytes (14). */
  get headerLen(): number {
    return ETHERNET_HEADER_LEN;
  }
  /** Destination address: 6 bytes sharing memory. */
  get dstAddr(): Uint8Array {
    return this.#bytes.subarray(ETHERNET_FIELD.DST_ADDR, ETHERNET_FIELD.DST_ADDR + 6);
  }
  /** Source address: 6 bytes sharing memory. */
  get srcAddr(): Uint8Array {
    return this.#bytes.subarray(ETHERNET_FIELD.SRC_ADDR, ETHERNET_FIELD.SRC_ADDR + 6);
  }
  /** Type/length field: an EtherType, or an 802.3 length when at most 1500. */
  get etherType(): number {
    return u16(this.#bytes, ETHERNET_FIELD.ETHER_TYPE);
  }
  /** Whether the type field is an 802.3 length (an LLC header follows). */
  get isLength(): boolean {
    return this.etherType <= ETHERNET_MAX_LENGTH_VALUE;
  }
  /** Bytes after the header; for 802.3 clipped to the length field (drops padding). Shares memory. */
  get payload(): Uint8Array {
    const type = this.etherType;
    const end = type <= ETHERNET_MAX_LENGTH_VALUE
      ? Math.min(ETHERNET_HEADER_LEN + type, this.#bytes.byteLength)
      : this.#bytes.byteLength;
    return this.#bytes.subarray(ETHERNET_HEADER_LEN, end);
  }
  /**
   * Copies the fields out; safe to keep after the frame is released.
   *
   * @returns The plain header.
   */
  toHeader(): EthernetHeader {
    return {
      layer: "ethernet",
      dstAddr: formatMac(this.#bytes, ETHERNET_FIELD.DST_ADDR),
      srcAddr: formatMac(this.#bytes, ETHERNET_FIELD.SRC_ADDR),
      etherType: this.etherType,
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
   * @returns The same object as {@linkcode EthernetView.toHeader}.
   */
  toJSON(): EthernetHeader {
    return this.toHeader();
  }
}
