/**
 * IEEE 802.1Q VLAN tags and 802.1ad service tags (Q-in-Q), as they follow an Ethernet
 * header's 0x8100/0x88a8/0x9100 type field.
 *
 * @module
 */

import { requireBytes, u16 } from "./_bytes.ts";
import { DecodeError, type DecodeIssue } from "./errors.ts";

/**
 * Byte offsets of a VLAN tag's fields after the TPID (IEEE 802.1Q, clause 9.6).
 *
 * @example Read the TCI by offset
 * ```ts
 * import { VLAN_FIELD, VlanView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const b = Uint8Array.fromHex("a0640800");
 * assert.equal(((b[VLAN_FIELD.TCI]! << 8) | b[VLAN_FIELD.TCI + 1]!) & 0xfff, VlanView.from(b).vid);
 * ```
 */
export const VLAN_FIELD = { TCI: 0, ETHER_TYPE: 2 } as const;

/**
 * Length of a VLAN tag after the TPID (TCI and inner EtherType), in bytes.
 *
 * @example Skip a tag
 * ```ts
 * import { VLAN_TAG_LEN, VlanView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const tag = VlanView.from(Uint8Array.fromHex("a0640800" + "45"));
 * assert.equal(tag.payload.byteOffset, VLAN_TAG_LEN);
 * ```
 */
export const VLAN_TAG_LEN = 4;

/**
 * Plain copy of a VLAN tag, safe to keep.
 *
 * @example Keep a VLAN tag
 * ```ts
 * import { VlanView, type VlanHeader } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const h: VlanHeader = VlanView.from(Uint8Array.fromHex("a0640800")).toHeader();
 * assert.deepEqual([h.pcp, h.vid], [5, 100]);
 * ```
 */
export interface VlanHeader {
  /** Layer name. */
  layer: "vlan";
  /** Priority code point (0–7). */
  pcp: number;
  /** Drop eligible indicator (0 or 1). */
  dei: number;
  /** VLAN identifier (0–4095). */
  vid: number;
  /** EtherType (or 802.3 length) of what follows the tag. */
  etherType: number;
}

/**
 * The walker's way in (internal to decode/, not exported by the package): wraps bytes that
 * {@linkcode VlanView.check} accepted without checking them again, re-pointing `reuse` when given.
 */
export let wrapVlanView: (reuse: VlanView | undefined, bytes: Uint8Array) => VlanView;

/**
 * Zero-copy view of one VLAN tag (TCI and inner type), starting after the TPID.
 *
 * @example Read a VLAN tag
 * ```ts
 * import { VlanView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const tag = VlanView.from(Uint8Array.fromHex("a0640800"));
 * assert.deepEqual([tag.pcp, tag.dei, tag.vid, tag.etherType], [5, 0, 100, 0x0800]);
 * ```
 */
export class VlanView {
  #bytes: Uint8Array;
  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }
  static {
    wrapVlanView = (reuse, bytes) => {
      if (reuse === undefined) return new VlanView(bytes);
      reuse.#bytes = bytes;
      return reuse;
    };
  }
  /**
   * Says why `bytes` is not a readable VLAN tag, or `undefined`. Never throws.
   *
   * @param bytes The tag's TCI onwards.
   * @returns The issue, or `undefined` when the tag can be read.
   */
  static check(bytes: Uint8Array): DecodeIssue | undefined {
    const have = bytes.byteLength;
    if (have < VLAN_TAG_LEN) {
      return { layer: "vlan", reason: "truncated", need: VLAN_TAG_LEN, have };
    }
    return undefined;
  }
  /**
   * Wraps `bytes`; throws {@linkcode DecodeError} when {@linkcode VlanView.check} fails.
   *
   * @param bytes The tag's TCI onwards.
   * @returns A view sharing `bytes`.
   */
  static from(bytes: Uint8Array): VlanView {
    requireBytes(bytes, "vlan");
    const issue = VlanView.check(bytes);
    if (issue) throw new DecodeError(issue);
    return new VlanView(bytes);
  }
  /** Layer name, `"vlan"`. */
  get layer(): "vlan" {
    return "vlan";
  }
  /** The bytes this view wraps. */
  get bytes(): Uint8Array {
    return this.#bytes;
  }
  /** Header length in bytes (4). */
  get headerLen(): number {
    return VLAN_TAG_LEN;
  }
  /** Tag control information: PCP, DEI and VID in 16 bits. */
  get tci(): number {
    return u16(this.#bytes, VLAN_FIELD.TCI);
  }
  /** Priority code point (3 bits). */
  get pcp(): number {
    return this.#bytes[VLAN_FIELD.TCI]! >> 5;
  }
  /** Drop eligible indicator (1 bit). */
  get dei(): number {
    return (this.#bytes[VLAN_FIELD.TCI]! >> 4) & 1;
  }
  /** VLAN identifier (12 bits). */
  get vid(): number {
    return this.tci & 0x0fff;
  }
  /** EtherType (or 802.3 length) of what follows. */
  get etherType(): number {
    return u16(this.#bytes, VLAN_FIELD.ETHER_TYPE);
  }
  /** Bytes after the tag; shares memory. */
  get payload(): Uint8Array {
    return this.#bytes.subarray(VLAN_TAG_LEN);
  }
  /**
   * Copies the fields out; safe to keep after the frame is released.
   *
   * @returns The plain header.
   */
  toHeader(): VlanHeader {
    return {
      layer: "vlan",
      pcp: this.pcp,
      dei: this.dei,
      vid: this.vid,
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
   * @returns The same object as {@linkcode VlanView.toHeader}.
   */
  toJSON(): VlanHeader {
    return this.toHeader();
  }
}
