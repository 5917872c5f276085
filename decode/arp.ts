/**
 * ARP and RARP packets (RFC 826), any hardware and protocol address length.
 *
 * @module
 */

import { formatIpv4, formatMac } from "../address.ts";
import { requireBytes, u16 } from "./_bytes.ts";
import { DecodeError, type DecodeIssue } from "./errors.ts";

/**
 * Byte offsets of the fixed ARP fields (RFC 826); addresses follow at 8.
 *
 * @example Read the operation by offset
 * ```ts
 * import { ARP_FIELD, ArpView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const b = Uint8Array.fromHex("0001080006040001020000000001c0a80001000000000000c0a80002");
 * assert.equal(b[ARP_FIELD.OPER + 1], ArpView.from(b).oper);
 * ```
 */
export const ARP_FIELD = { HTYPE: 0, PTYPE: 2, HLEN: 4, PLEN: 5, OPER: 6, SHA: 8 } as const;

/**
 * Length of the fixed part of an ARP packet, in bytes.
 *
 * @example Size an ARP packet
 * ```ts
 * import { ARP_FIXED_LEN, ArpView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const arp = ArpView.from(Uint8Array.fromHex("0001080006040001020000000001c0a80001000000000000c0a80002"));
 * assert.equal(arp.headerLen, ARP_FIXED_LEN + 2 * (arp.hlen + arp.plen));
 * ```
 */
export const ARP_FIXED_LEN = 8;

/**
 * ARP operation codes (RFC 826, RFC 903, RFC 2390).
 *
 * @example Tell a request from a reply
 * ```ts
 * import { ARP_OP, ArpView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * assert.equal(ArpView.from(Uint8Array.fromHex("0001080006040001020000000001c0a80001000000000000c0a80002")).oper, ARP_OP.REQUEST);
 * ```
 */
export const ARP_OP = {
  REQUEST: 1,
  REPLY: 2,
  RARP_REQUEST: 3,
  RARP_REPLY: 4,
  INARP_REQUEST: 8,
  INARP_REPLY: 9,
} as const;

/**
 * Plain copy of an ARP packet, safe to keep.
 *
 * @example Keep an ARP packet
 * ```ts
 * import { ArpView, type ArpHeader } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const h: ArpHeader = ArpView.from(Uint8Array.fromHex("0001080006040001020000000001c0a80001000000000000c0a80002")).toHeader();
 * assert.equal(h.sha, "02:00:00:00:00:01");
 * ```
 */
export interface ArpHeader {
  /** Layer name. */
  layer: "arp";
  /** Hardware type (1 = Ethernet). */
  htype: number;
  /** Protocol type (an EtherType, 0x0800 = IPv4). */
  ptype: number;
  /** Hardware address length, bytes. */
  hlen: number;
  /** Protocol address length, bytes. */
  plen: number;
  /** Operation (1 request, 2 reply, …). */
  oper: number;
  /** Sender hardware address as colon hex. */
  sha: string;
  /** Sender protocol address: dotted quad when 4 bytes, else colon hex. */
  spa: string;
  /** Target hardware address. */
  tha: string;
  /** Target protocol address. */
  tpa: string;
}

/**
 * The walker's way in (internal to decode/, not exported by the package): wraps bytes that
 * {@linkcode ArpView.check} accepted without checking them again, re-pointing `reuse` when given.
 */
export let wrapArpView: (reuse: ArpView | undefined, bytes: Uint8Array) => ArpView;

/**
 * Zero-copy view of an ARP packet.
 *
 * @example Read an ARP request
 * ```ts
 * import { ArpView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const arp = ArpView.from(Uint8Array.fromHex(
 *   "0001080006040001020000000001c0a80001000000000000c0a80002",
 * ));
 * assert.equal(arp.oper, 1);
 * assert.equal(arp.toHeader().tpa, "192.168.0.2");
 * ```
 */
export class ArpView {
  #bytes: Uint8Array;
  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }
  static {
    wrapArpView = (reuse, bytes) => {
      if (reuse === undefined) return new ArpView(bytes);
      reuse.#bytes = bytes;
      return reuse;
    };
  }
  /**
   * Says why `bytes` is not a readable ARP packet, or `undefined`. Never throws.
   *
   * @param bytes The ARP packet.
   * @returns The issue, or `undefined` when fields and addresses can be read.
   */
  static check(bytes: Uint8Array): DecodeIssue | undefined {
    const have = bytes.byteLength;
    if (have < ARP_FIXED_LEN) {
      return { layer: "arp", reason: "truncated", need: ARP_FIXED_LEN, have };
    }
    const need = ARP_FIXED_LEN + 2 * (bytes[ARP_FIELD.HLEN]! + bytes[ARP_FIELD.PLEN]!);
    if (have < need) return { layer: "arp", reason: "truncated", need, have };
    return undefined;
  }
  /**
   * Wraps `bytes`; throws {@linkcode DecodeError} when {@linkcode ArpView.check} fails.
   *
   * @param bytes The ARP packet.
   * @returns A view sharing `bytes`.
   */
  static from(bytes: Uint8Array): ArpView {
    requireBytes(bytes, "arp");
    const issue = ArpView.check(bytes);
    if (issue) throw new DecodeError(issue);
    return new ArpView(bytes);
  }
  /** Layer name, `"arp"`. */
  get layer(): "arp" {
    return "arp";
  }
  /** The bytes this view wraps. */
  get bytes(): Uint8Array {
    return this.#bytes;
  }
  /** Header length in bytes: 8 plus both address pairs. */
  get headerLen(): number {
    return ARP_FIXED_LEN + 2 * (this.hlen + this.plen);
  }
  /** Hardware type (HTYPE). */
  get htype(): number {
    return u16(this.#bytes, ARP_FIELD.HTYPE);
  }
  /** Protocol type (PTYPE), an EtherType. */
  get ptype(): number {
    return u16(this.#bytes, ARP_FIELD.PTYPE);
  }
  /** Hardware address length (HLEN), bytes. */
  get hlen(): number {
    return this.#bytes[ARP_FIELD.HLEN]!;
  }
  /** Protocol address length (PLEN), bytes. */
  get plen(): number {
    return this.#bytes[ARP_FIELD.PLEN]!;
  }
  /** Operation (OPER). */
  get oper(): number {
    return u16(this.#bytes, ARP_FIELD.OPER);
  }
  /** Sender hardware address (SHA); shares memory. */
  get sha(): Uint8Array {
    return this.#bytes.subarray(ARP_FIELD.SHA, ARP_FIELD.SHA + this.hlen);
  }
  /** Sender protocol address (SPA); shares memory. */
  get spa(): Uint8Array {
    const at = ARP_FIELD.SHA + this.hlen;
    return this.#bytes.subarray(at, at + this.plen);
  }
  /** Target hardware address (THA); shares memory. */
  get tha(): Uint8Array {
    const at = ARP_FIELD.SHA + this.hlen + this.plen;
    return this.#bytes.subarray(at, at + this.hlen);
  }
  /** Target protocol address (TPA); shares memory. */
  get tpa(): Uint8Array {
    const at = ARP_FIELD.SHA + 2 * this.hlen + this.plen;
    return this.#bytes.subarray(at, at + this.plen);
  }
  /** Bytes after the addresses (Ethernet padding, usually); shares memory. */
  get payload(): Uint8Array {
    return this.#bytes.subarray(this.headerLen);
  }
  /**
   * Copies the fields out; safe to keep after the frame is released.
   *
   * @returns The plain header.
   */
  toHeader(): ArpHeader {
    const proto = (a: Uint8Array) =>
      a.byteLength === 4 ? formatIpv4(a, 0) : formatMac(a, 0, a.byteLength);
    const hw = (a: Uint8Array) => formatMac(a, 0, a.byteLength);
    return {
      layer: "arp",
      htype: this.htype,
      ptype: this.ptype,
      hlen: this.hlen,
      plen: this.plen,
      oper: this.oper,
      sha: hw(this.sha),
      spa: proto(this.spa),
      tha: hw(this.tha),
      tpa: proto(this.tpa),
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
   * @returns The same object as {@linkcode ArpView.toHeader}.
   */
  toJSON(): ArpHeader {
    return this.toHeader();
  }
}
