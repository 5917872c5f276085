/**
 * IEEE 802.2 LLC headers, with the SNAP extension (RFC 1042), as they follow an 802.3
 * length field or a Linux cooked header's 802.2 protocol.
 *
 * @module
 */

import { requireBytes, u16 } from "./_bytes.ts";
import { DecodeError, type DecodeIssue } from "./errors.ts";

/**
 * Byte offsets of LLC and SNAP header fields (IEEE 802.2 clause 3; RFC 1042).
 *
 * @example Read the DSAP by offset
 * ```ts
 * import { LLC_FIELD, LlcView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const b = Uint8Array.fromHex("424203");
 * assert.equal(b[LLC_FIELD.DSAP], LlcView.from(b).dsap);
 * ```
 */
export const LLC_FIELD = { DSAP: 0, SSAP: 1, CONTROL: 2, SNAP_OUI: 3, SNAP_PID: 6 } as const;

/**
 * LLC service access points the walker knows (IEEE 802.2; tcpdump's llc.h `LLCSAP_*`).
 *
 * @example Recognise spanning tree
 * ```ts
 * import { LLC_SAP, LlcView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * assert.equal(LlcView.from(Uint8Array.fromHex("424203")).dsap, LLC_SAP.STP);
 * ```
 */
export const LLC_SAP = {
  NULL: 0x00,
  STP: 0x42,
  SNAP: 0xaa,
  IPX: 0xe0,
  NETBEUI: 0xf0,
  GLOBAL: 0xff,
} as const;

/**
 * Control value of an Unnumbered Information frame.
 *
 * @example Recognise a UI frame
 * ```ts
 * import { LLC_UI, LlcView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * assert.equal(LlcView.from(Uint8Array.fromHex("424203")).control, LLC_UI);
 * ```
 */
export const LLC_UI = 0x03;

/**
 * Plain copy of an LLC header, safe to keep.
 *
 * @example Keep a SNAP header
 * ```ts
 * import { LlcView, type LlcHeader } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const h: LlcHeader = LlcView.from(Uint8Array.fromHex("aaaa030000000800")).toHeader();
 * assert.deepEqual([h.oui, h.pid], [0, 0x0800]);
 * ```
 */
export interface LlcHeader {
  /** Layer name. */
  layer: "llc";
  /** DSAP byte (I/G bit included). */
  dsap: number;
  /** SSAP byte (C/R bit included). */
  ssap: number;
  /** Control field (8 bits for U frames, 16 for I and S frames). */
  control: number;
  /** SNAP organisation code, when SNAP. */
  oui?: number;
  /** SNAP protocol id (an EtherType when the OUI is 0), when SNAP. */
  pid?: number;
}

/**
 * The walker's way in (internal to decode/, not exported by the package): wraps bytes that
 * {@linkcode LlcView.check} accepted without checking them again, re-pointing `reuse` when given.
 */
export let wrapLlcView: (reuse: LlcView | undefined, bytes: Uint8Array) => LlcView;

/**
 * Zero-copy view of an 802.2 LLC header, SNAP included when present.
 *
 * @example Read a SNAP header
 * ```ts
 * import { LlcView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const llc = LlcView.from(Uint8Array.fromHex("aaaa030000000800" + "45"));
 * assert.equal(llc.isSnap, true);
 * assert.deepEqual([llc.oui, llc.pid, llc.headerLen], [0, 0x0800, 8]);
 * assert.equal(llc.payload[0], 0x45);
 * ```
 */
export class LlcView {
  #bytes: Uint8Array;
  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }
  static {
    wrapLlcView = (reuse, bytes) => {
      if (reuse === undefined) return new LlcView(bytes);
      reuse.#bytes = bytes;
      return reuse;
    };
  }
  /**
   * Says why `bytes` is not a readable LLC header, or `undefined`. Never throws.
   *
   * @param bytes The LLC header onwards.
   * @returns The issue, or `undefined` when the header (and SNAP, if announced) can be read.
   */
  static check(bytes: Uint8Array): DecodeIssue | undefined {
    const have = bytes.byteLength;
    if (have < 3) return { layer: "llc", reason: "truncated", need: 3, have };
    const need = llcLen(bytes);
    if (have < need) return { layer: "llc", reason: "truncated", need, have };
    return undefined;
  }
  /**
   * Wraps `bytes`; throws {@linkcode DecodeError} when {@linkcode LlcView.check} fails.
   *
   * @param bytes The LLC header onwards.
   * @returns A view sharing `bytes`.
   */
  static from(bytes: Uint8Array): LlcView {
    requireBytes(bytes, "llc");
    const issue = LlcView.check(bytes);
    if (issue) throw new DecodeError(issue);
    return new LlcView(bytes);
  }
  /** Layer name, `"llc"`. */
  get layer(): "llc" {
    return "llc";
  }
  /** The bytes this view wraps. */
  get bytes(): Uint8Array {
    return this.#bytes;
  }
  /** Header length in bytes: 3 (U frame), 4 (I/S frame) or 8 (SNAP). */
  get headerLen(): number {
    return llcLen(this.#bytes);
  }
  /** DSAP byte, I/G bit included. */
  get dsap(): number {
    return this.#bytes[LLC_FIELD.DSAP]!;
  }
  /** SSAP byte, C/R bit included. */
  get ssap(): number {
    return this.#bytes[LLC_FIELD.SSAP]!;
  }
  /** Control field: one byte for U frames, two (big-endian) for I and S frames. */
  get control(): number {
    const c = this.#bytes[LLC_FIELD.CONTROL]!;
    return (c & 3) === 3 ? c : u16(this.#bytes, LLC_FIELD.CONTROL);
  }
  /** Whether a SNAP header follows (DSAP and SSAP 0xAA, UI frame), as tcpdump decides it. */
  get isSnap(): boolean {
    return isSnap(this.#bytes);
  }
  /** SNAP organisation code (24 bits), or `undefined` without SNAP. */
  get oui(): number | undefined {
    if (!this.isSnap) return undefined;
    const b = this.#bytes;
    return (b[3]! << 16) | (b[4]! << 8) | b[5]!;
  }
  /** SNAP protocol id, or `undefined` without SNAP. */
  get pid(): number | undefined {
    return this.isSnap ? u16(this.#bytes, LLC_FIELD.SNAP_PID) : undefined;
  }
  /** Bytes after the header; shares memory. */
  get payload(): Uint8Array {
    return this.#bytes.subarray(this.headerLen);
  }
  /**
   * Copies the fields out; safe to keep after the frame is released.
   *
   * @returns The plain header; `oui` and `pid` only with SNAP.
   */
  toHeader(): LlcHeader {
    const h: LlcHeader = { layer: "llc", dsap: this.dsap, ssap: this.ssap, control: this.control };
    if (this.isSnap) {
      h.oui = this.oui!;
      h.pid = this.pid!;
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
   * @returns The same object as {@linkcode LlcView.toHeader}.
   */
  toJSON(): LlcHeader {
    return this.toHeader();
  }
}

function isSnap(b: Uint8Array): boolean {
  return (b[0]! & 0xfe) === LLC_SAP.SNAP && (b[1]! & 0xfe) === LLC_SAP.SNAP && b[2] === LLC_UI;
}

/** Header length from the first 3 bytes: U frames have one control byte, I and S frames two. */
function llcLen(b: Uint8Array): number {
  if (isSnap(b)) return 8;
  return (b[2]! & 3) === 3 ? 3 : 4;
}
