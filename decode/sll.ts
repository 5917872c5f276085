/**
 * Linux cooked capture v1 headers (`LINKTYPE_LINUX_SLL`, 16 bytes), as libpcap writes them
 * for the "any" device; v2 is in `sll2.ts`.
 *
 * @module
 */

import { formatMac } from "../address.ts";
import { requireBytes, u16 } from "./_bytes.ts";
import { DecodeError, type DecodeIssue } from "./errors.ts";

/**
 * Byte offsets of `struct sll_header` (libpcap pcap/sll.h).
 *
 * @example Read the protocol by offset
 * ```ts
 * import { SLL_FIELD, SllView } from "@tpacket/tpacket/decode";
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
 * import { SLL_HEADER_LEN, SllView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * assert.equal(SllView.from(Uint8Array.fromHex("00040001000602000000000100000800" + "45")).payload.byteOffset, SLL_HEADER_LEN);
 * ```
 */
export const SLL_HEADER_LEN = 16;

/**
 * Packet types (linux/if_packet.h `PACKET_*`), as SLL headers carry them.
 *
 * @example Recognise an outgoing packet
 * ```ts
 * import { SLL_PKTTYPE, SllView } from "@tpacket/tpacket/decode";
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
 * import { decodePacket, SLL_PROTOCOL } from "@tpacket/tpacket/decode";
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
 * import { SllView, type SllHeader } from "@tpacket/tpacket/decode";
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
 * The walker's way in (internal to decode/, not exported by the package): wraps bytes that
 * {@linkcode SllView.check} accepted without checking them again, re-pointing `reuse` when given.
 */
export let wrapSllView: (reuse: SllView | undefined, bytes: Uint8Array) => SllView;

/**
 * Zero-copy view of a Linux cooked v1 (SLL) header.
 *
 * @example Read an SLL header
 * ```ts
 * import { SllView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const sll = SllView.from(Uint8Array.fromHex("00040001000602000000000100000800" + "45"));
 * assert.deepEqual([sll.packetType, sll.hatype, sll.protocol], [4, 1, 0x0800]);
 * assert.equal(sll.toHeader().addr, "02:00:00:00:00:01");
 * ```
 */
export class SllView {
  #bytes: Uint8Array;
  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }
  static {
    wrapSllView = (reuse, bytes) => {
      if (reuse === undefined) return new SllView(bytes);
      reuse.#bytes = bytes;
      return reuse;
    };
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
      addr: formatMac(a, 0, a.byteLength),
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
