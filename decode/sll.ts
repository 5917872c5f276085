/**
 * Linux cooked capture headers: `LINKTYPE_LINUX_SLL` (v1, 16 bytes) and
 * `LINKTYPE_LINUX_SLL2` (v2, 20 bytes), as libpcap writes them for the "any" device.
 *
 * @module
 */

import { macAt, requireBytes, u16, u32 } from "./_bytes.ts";
import { DecodeError, type DecodeIssue } from "./errors.ts";

/**
 * Byte offsets of `struct sll_header` (libpcap pcap/sll.h).
 *
 * @example Read the protocol by offset
 * ```ts
 * import { SLL_FIELD, SllView } from "tpacket/decode";
 * import assert from "node:assert/strict";
 * const b = Uint8Array.fromHex("00040001000602000000000100000800" + "45");
 * assert.equal(b[SLL_FIELD.PROTOCOL], SllView.from(b).protocol >> 8);
 * ```
 */
export const SLL_FIELD = { PKTTYPE: 0, HATYPE: 2, HALEN: 4, ADDR: 6, PROTOCOL: 14 } as const;

/**
 * Length of an SLL header, in bytes.
 *
 * @example Find the payload of a cooked packet
 * ```ts
 * import { SLL_HEADER_LEN, SllView } from "tpacket/decode";
 * import assert from "node:assert/strict";
 * assert.equal(SllView.from(Uint8Array.fromHex("00040001000602000000000100000800" + "45")).payload.byteOffset, SLL_HEADER_LEN);
 * ```
 */
export const SLL_HEADER_LEN = 16;

/**
 * Byte offsets of `struct sll2_header` (libpcap pcap/sll.h).
 *
 * @example Read the interface index by offset
 * ```ts
 * import { SLL2_FIELD, Sll2View } from "tpacket/decode";
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
 * import { SLL2_HEADER_LEN, Sll2View } from "tpacket/decode";
 * import assert from "node:assert/strict";
 * assert.equal(Sll2View.from(Uint8Array.fromHex("0800000000000002000104060200000000010000" + "45")).payload.byteOffset, SLL2_HEADER_LEN);
 * ```
 */
export const SLL2_HEADER_LEN = 20;

/**
 * Packet types (linux/if_packet.h `PACKET_*`), as SLL headers carry them.
 *
 * @example Recognise an outgoing packet
 * ```ts
 * import { SLL_PKTTYPE, SllView } from "tpacket/decode";
 * import assert from "node:assert/strict";
 * assert.equal(SllView.from(Uint8Array.fromHex("00040001000602000000000100000800" + "45")).packetType, SLL_PKTTYPE.OUTGOING);
 * ```
 */
export const SLL_PKTTYPE = {
  HOST: 0,
  BROADCAST: 1,
  MULTICAST: 2,
  OTHERHOST: 3,
  OUTGOING: 4,
} as const;

/**
 * Protocol values below 0x0600 with a meaning of their own in cooked headers (pcap/sll.h).
 *
 * @example Recognise 802.2 LLC in a cooked header
 * ```ts
 * import { decodePacket, SLL_PROTOCOL } from "tpacket/decode";
 * import assert from "node:assert/strict";
 * const p = decodePacket(113, Uint8Array.fromHex("00000001000600000000000000000004" + "424203"));
 * assert.equal(p.sll?.protocol, SLL_PROTOCOL.P_802_2);
 * assert.equal(p.llc?.dsap, 0x42);
 * ```
 */
export const SLL_PROTOCOL = {
  P_802_3: 0x0001,
  P_802_2: 0x0004,
  CAN: 0x000c,
  CANFD: 0x000d,
} as const;

/**
 * Plain copy of an SLL (v1) header, safe to keep.
 *
 * @example Keep a cooked header
 * ```ts
 * import { SllView, type SllHeader } from "tpacket/decode";
 * import assert from "node:assert/strict";
 * const h: SllHeader = SllView.from(Uint8Array.fromHex("00040001000602000000000100000800" + "45")).toHeader();
 * assert.deepEqual([h.packetType, h.protocol], [4, 0x0800]);
 * ```
 */
export interface SllHeader {
  /** Layer name. */
  layer: "sll";
  /** Packet type (0 host, 1 broadcast, 2 multicast, 3 other host, 4 outgoing). */
  packetType: number;
  /** ARPHRD_ type of the device. */
  hatype: number;
  /** Link-layer address length as sent (may exceed the 8 bytes kept). */
  halen: number;
  /** Link-layer address as colon hex (at most 8 bytes). */
  addr: string;
  /** Protocol: an EtherType, or a special value below 0x0600. */
  protocol: number;
}

/**
 * Plain copy of an SLL2 header, safe to keep.
 *
 * @example Keep a cooked v2 header
 * ```ts
 * import { Sll2View, type Sll2Header } from "tpacket/decode";
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
 * Zero-copy view of a Linux cooked v1 (SLL) header.
 *
 * @example Read an SLL header
 * ```ts
 * import { SllView } from "tpacket/decode";
 * import assert from "node:assert/strict";
 * const sll = SllView.from(Uint8Array.fromHex("00040001000602000000000100000800" + "45"));
 * assert.deepEqual([sll.packetType, sll.hatype, sll.protocol], [4, 1, 0x0800]);
 * assert.equal(sll.toHeader().addr, "02:00:00:00:00:01");
 * ```
 */
export class SllView {
  readonly #bytes: Uint8Array;
  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }
  /**
   * Says why `bytes` is not a readable SLL header, or `undefined`. Never throws.
   *
   * @param bytes The packet, starting at the packet type.
   * @returns The issue, or `undefined` when the 16-byte header can be read.
   */
  static check(bytes: Uint8Array): DecodeIssue | undefined {
    const have = bytes.byteLength;
    if (have < SLL_HEADER_LEN) {
      return { layer: "sll", reason: "truncated", need: SLL_HEADER_LEN, have };
    }
    return undefined;
  }
  /**
   * Wraps `bytes`; throws {@linkcode DecodeError} when {@linkcode SllView.check} fails.
   *
   * @param bytes The packet, starting at the packet type.
   * @returns A view sharing `bytes`.
   */
  static from(bytes: Uint8Array): SllView {
    requireBytes(bytes, "sll");
    const issue = SllView.check(bytes);
    if (issue) throw new DecodeError(issue);
    return new SllView(bytes);
  }
  /** Layer name, `"sll"`. */
  get layer(): "sll" {
    return "sll";
  }
  /** The bytes this view wraps. */
  get bytes(): Uint8Array {
    return this.#bytes;
  }
  /** Header length in bytes (16). */
  get headerLen(): number {
    return SLL_HEADER_LEN;
  }
  /** Packet type (`PACKET_HOST` … `PACKET_OUTGOING`). */
  get packetType(): number {
    return u16(this.#bytes, SLL_FIELD.PKTTYPE);
  }
  /** ARPHRD_ type of the capturing device (1 = Ethernet, 772 = loopback). */
  get hatype(): number {
    return u16(this.#bytes, SLL_FIELD.HATYPE);
  }
  /** Link-layer address length as sent. */
  get halen(): number {
    return u16(this.#bytes, SLL_FIELD.HALEN);
  }
  /** Link-layer address: the first min(halen, 8) bytes, sharing memory. */
  get addr(): Uint8Array {
    return this.#bytes.subarray(SLL_FIELD.ADDR, SLL_FIELD.ADDR + Math.min(this.halen, 8));
  }
  /** Protocol field: an EtherType, or a special value below 0x0600 ({@linkcode SLL_PROTOCOL}). */
  get protocol(): number {
    return u16(this.#bytes, SLL_FIELD.PROTOCOL);
  }
  /** Bytes after the header; shares memory. */
  get payload(): Uint8Array {
    return this.#bytes.subarray(SLL_HEADER_LEN);
  }
  /**
   * Copies the fields out; safe to keep after the frame is released.
   *
   * @returns The plain header.
   */
  toHeader(): SllHeader {
    const a = this.addr;
    return {
      layer: "sll",
      packetType: this.packetType,
      hatype: this.hatype,
      halen: this.halen,
      addr: macAt(a, 0, a.byteLength),
      protocol: this.protocol,
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
   * @returns The same object as {@linkcode SllView.toHeader}.
   */
  toJSON(): SllHeader {
    return this.toHeader();
  }
}

/**
 * Zero-copy view of a Linux cooked v2 (SLL2) header.
 *
 * @example Read an SLL2 header
 * ```ts
 * import { Sll2View } from "tpacket/decode";
 * import assert from "node:assert/strict";
 * const sll2 = Sll2View.from(Uint8Array.fromHex("0800000000000002000104060200000000010000" + "45"));
 * assert.deepEqual([sll2.protocol, sll2.ifIndex, sll2.packetType], [0x0800, 2, 4]);
 * assert.equal(sll2.toHeader().addr, "02:00:00:00:00:01");
 * ```
 */
export class Sll2View {
  readonly #bytes: Uint8Array;
  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
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
      addr: macAt(a, 0, a.byteLength),
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
