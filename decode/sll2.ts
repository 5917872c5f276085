/**
 * Linux cooked capture v2 headers (`LINKTYPE_LINUX_SLL2`, 20 bytes), as libpcap 1.10 writes
 * them for the "any" device: interface index and a one-byte packet type.
 *
 * @module
 */

import { formatMac } from "../address.ts";
import { requireBytes, u16, u32 } from "./_bytes.ts";
import { DecodeError, type DecodeIssue } from "./errors.ts";

/**
 * Byte offsets of `struct sll2_header` (libpcap pcap/sll.h).
 *
 * @example Read the interface index by offset
 * ```ts
 * import { SLL2_FIELD, Sll2View } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const b = Uint8Array.fromHex("0800000000000002000104060200000000010000" + "45");
 * assert.equal(b[SLL2_FIELD.IF_INDEX + 3], Sll2View.from(b).ifIndex);
 * ```
 */
export const SLL2_FIELD = {
  PROTOCOL: 0,
  RESERVED: 2,
  IF_INDEX: 4,
  HATYPE: 8,
  PKTTYPE: 10,
  HALEN: 11,
  ADDR: 12,
} as const;

/**
 * Length of an SLL2 header, in bytes.
 *
 * @example Find the payload of a cooked v2 packet
 * ```ts
 * import { SLL2_HEADER_LEN, Sll2View } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * assert.equal(Sll2View.from(Uint8Array.fromHex("0800000000000002000104060200000000010000" + "45")).payload.byteOffset, SLL2_HEADER_LEN);
 * ```
 */
export const SLL2_HEADER_LEN = 20;

/**
 * Plain copy of an SLL2 header, safe to keep.
 *
 * @example Keep a cooked v2 header
 * ```ts
 * import { Sll2View, type Sll2Header } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const h: Sll2Header = Sll2View.from(Uint8Array.fromHex("0800000000000002000104060200000000010000" + "45")).toHeader();
 * assert.deepEqual([h.ifIndex, h.protocol], [2, 0x0800]);
 * ```
 */
export interface Sll2Header {
  /** Layer name. */
  layer: "sll2";
  /** Protocol: an EtherType, or a special value below 0x0600. */
  protocol: number;
  /** Interface index. */
  ifIndex: number;
  /** ARPHRD_ type of the device. */
  hatype: number;
  /** Packet type. */
  packetType: number;
  /** Link-layer address length as sent. */
  halen: number;
  /** Link-layer address as colon hex (at most 8 bytes). */
  addr: string;
}

/**
 * The walker's way in (internal to decode/, not exported by the package): wraps bytes that
 * {@linkcode Sll2View.check} accepted without checking them again, re-pointing `reuse` when given.
 */
export let wrapSll2View: (reuse: Sll2View | undefined, bytes: Uint8Array) => Sll2View;

/**
 * Zero-copy view of a Linux cooked v2 (SLL2) header.
 *
 * @example Read an SLL2 header
 * ```ts
 * import { Sll2View } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const sll2 = Sll2View.from(Uint8Array.fromHex("0800000000000002000104060200000000010000" + "45"));
 * assert.deepEqual([sll2.protocol, sll2.ifIndex, sll2.packetType], [0x0800, 2, 4]);
 * assert.equal(sll2.toHeader().addr, "02:00:00:00:00:01");
 * ```
 */
export class Sll2View {
  #bytes: Uint8Array;
  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }
  static {
    wrapSll2View = (reuse, bytes) => {
      if (reuse === undefined) return new Sll2View(bytes);
      reuse.#bytes = bytes;
      return reuse;
    };
  }
  /**
   * Says why `bytes` is not a readable SLL2 header, or `undefined`. Never throws.
   *
   * @param bytes The packet, starting at the protocol.
   * @returns The issue, or `undefined` when the 20-byte header can be read.
   */
  static check(bytes: Uint8Array): DecodeIssue | undefined {
    const have = bytes.byteLength;
    if (have < SLL2_HEADER_LEN) {
      return { layer: "sll2", reason: "truncated", need: SLL2_HEADER_LEN, have };
    }
    return undefined;
  }
  /**
   * Wraps `bytes`; throws {@linkcode DecodeError} when {@linkcode Sll2View.check} fails.
   *
   * @param bytes The packet, starting at the protocol.
   * @returns A view sharing `bytes`.
   */
  static from(bytes: Uint8Array): Sll2View {
    requireBytes(bytes, "sll2");
    const issue = Sll2View.check(bytes);
    if (issue) throw new DecodeError(issue);
    return new Sll2View(bytes);
  }
  /** Layer name, `"sll2"`. */
  get layer(): "sll2" {
    return "sll2";
  }
  /** The bytes this view wraps. */
  get bytes(): Uint8Array {
    return this.#bytes;
  }
  /** Header length in bytes (20). */
  get headerLen(): number {
    return SLL2_HEADER_LEN;
  }
  /** Protocol field: an EtherType, or a special value below 0x0600. */
  get protocol(): number {
    return u16(this.#bytes, SLL2_FIELD.PROTOCOL);
  }
  /** Reserved field (0). */
  get reserved(): number {
    return u16(this.#bytes, SLL2_FIELD.RESERVED);
  }
  /** Interface index of the capturing device. */
  get ifIndex(): number {
    return u32(this.#bytes, SLL2_FIELD.IF_INDEX);
  }
  /** ARPHRD_ type of the device. */
  get hatype(): number {
    return u16(this.#bytes, SLL2_FIELD.HATYPE);
  }
  /** Packet type (`PACKET_HOST` … `PACKET_OUTGOING`). */
  get packetType(): number {
    return this.#bytes[SLL2_FIELD.PKTTYPE]!;
  }
  /** Link-layer address length as sent. */
  get halen(): number {
    return this.#bytes[SLL2_FIELD.HALEN]!;
  }
  /** Link-layer address: the first min(halen, 8) bytes, sharing memory. */
  get addr(): Uint8Array {
    return this.#bytes.subarray(SLL2_FIELD.ADDR, SLL2_FIELD.ADDR + Math.min(this.halen, 8));
  }
  /** Bytes after the header; shares memory. */
  get payload(): Uint8Array {
    return this.#bytes.subarray(SLL2_HEADER_LEN);
  }
  /**
   * Copies the fields out; safe to keep after the frame is released.
   *
   * @returns The plain header.
   */
  toHeader(): Sll2Header {
    const a = this.addr;
    return {
      layer: "sll2",
      protocol: this.protocol,
      ifIndex: this.ifIndex,
      hatype: this.hatype,
      packetType: this.packetType,
      halen: this.halen,
      addr: formatMac(a, 0, a.byteLength),
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
   * @returns The same object as {@linkcode Sll2View.toHeader}.
   */
  toJSON(): Sll2Header {
    return this.toHeader();
  }
}
