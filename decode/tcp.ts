/**
 * TCP headers (RFC 9293) and options: MSS, window scale (RFC 7323), SACK (RFC 2018),
 * timestamps (RFC 7323), and any other kind as raw bytes.
 *
 * @module
 */

import { TCP_OPTION, TCP_OPTION_NAMES, type TcpOptionName } from "../protocols.ts";
import { requireBytes, u16, u32 } from "./_bytes.ts";
import { pseudoChecksumOk } from "./_checksum.ts";
import { walkOptions } from "./_options.ts";
import { DecodeError, type DecodeIssue } from "./errors.ts";
import type { Ipv4View } from "./ipv4.ts";
import type { Ipv6View } from "./ipv6.ts";

/**
 * Byte offsets of TCP header fields (RFC 9293, section 3.1).
 *
 * @example Read the window by offset
 * ```ts
 * import { TCP_FIELD, TcpView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const b = Uint8Array.fromHex("c35000500000000100000000a002faf008190000020405b40402080a000000010000000001030307");
 * assert.equal((b[TCP_FIELD.WINDOW]! << 8) | b[TCP_FIELD.WINDOW + 1]!, TcpView.from(b).window);
 * ```
 */
export const TCP_FIELD = {
  SRC_PORT: 0,
  DST_PORT: 2,
  SEQ: 4,
  ACK: 8,
  DATA_OFFSET: 12,
  FLAGS: 13,
  WINDOW: 14,
  CHECKSUM: 16,
  URGENT: 18,
  OPTIONS: 20,
} as const;

/**
 * Length of a TCP header without options, in bytes.
 *
 * @example Measure the options of a segment
 * ```ts
 * import { TCP_MIN_HEADER_LEN, TcpView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const tcp = TcpView.from(Uint8Array.fromHex("c35000500000000100000000a002faf008190000020405b40402080a000000010000000001030307"));
 * assert.equal(tcp.headerLen - TCP_MIN_HEADER_LEN, 20);
 * ```
 */
export const TCP_MIN_HEADER_LEN = 20;

/**
 * TCP flag bits of byte 13 (RFC 9293, RFC 3168).
 *
 * @example Test flag bits
 * ```ts
 * import { TCP_FLAG, TcpView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const tcp = TcpView.from(Uint8Array.fromHex("c35000500000000100000000a002faf008190000020405b40402080a000000010000000001030307"));
 * assert.equal(tcp.flags & (TCP_FLAG.SYN | TCP_FLAG.ACK), TCP_FLAG.SYN);
 * ```
 */
export const TCP_FLAG = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
  ECE: 0x40,
  CWR: 0x80,
} as const;

/**
 * One TCP option: the raw kind, length and data, plus the parsed value when the
 * data has the size the RFC gives for that kind.
 *
 * @example Read timestamps
 * ```ts
 * import { TcpView, type TcpOption } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const ts: TcpOption | undefined = TcpView.from(Uint8Array.fromHex("c35000500000000100000000a002faf008190000020405b40402080a000000010000000001030307")).options()[2];
 * assert.deepEqual([ts?.tsVal, ts?.tsEcr], [1, 0]);
 * ```
 */
export interface TcpOption {
  /** Option kind. */
  type: number;
  /** Length byte (kind and length included); 1 for EOL and NOP, 0 when missing. */
  len: number;
  /** Data bytes after kind and length; shares memory. */
  data: Uint8Array;
  /** The length byte is missing, below 2 or runs past the header: the list stops here. */
  bad: boolean;
  /** Short name of the kind (`"unknown"` for kinds without one). */
  name: TcpOptionName;
  /** Maximum segment size (kind 2 with 2 data bytes). */
  mss?: number;
  /** Window scale shift count (kind 3 with 1 data byte). */
  shift?: number;
  /** SACK blocks as `[left, right]` edges (kind 5 with a multiple of 8 data bytes). */
  blocks?: [number, number][];
  /** TSval (kind 8 with 8 data bytes). */
  tsVal?: number;
  /** TSecr (kind 8 with 8 data bytes). */
  tsEcr?: number;
}

/**
 * Plain copy of a TCP option.
 *
 * @example Keep the options of a segment
 * ```ts
 * import { TcpView, type TcpOptionHeader } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const [mss]: TcpOptionHeader[] = TcpView.from(Uint8Array.fromHex("c35000500000000100000000a002faf008190000020405b40402080a000000010000000001030307")).toHeader().options;
 * assert.deepEqual([mss?.kind, mss?.name, mss?.mss], [2, "mss", 1460]);
 * ```
 */
export interface TcpOptionHeader {
  /** Option kind. */
  kind: number;
  /** Short name. */
  name: TcpOptionName;
  /** Length byte (1 for EOL/NOP). */
  len: number;
  /** Data bytes as lower-case hex. */
  data: string;
  /** The length is impossible: the list stops here. */
  bad: boolean;
  /** Parsed MSS. */
  mss?: number;
  /** Parsed window scale shift. */
  shift?: number;
  /** Parsed SACK blocks. */
  blocks?: [number, number][];
  /** Parsed TSval. */
  tsVal?: number;
  /** Parsed TSecr. */
  tsEcr?: number;
}

/**
 * Plain copy of a TCP header, safe to keep.
 *
 * @example Keep a TCP header
 * ```ts
 * import { TcpView, type TcpHeader } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const h: TcpHeader = TcpView.from(Uint8Array.fromHex("c35000500000000100000000a002faf008190000020405b40402080a000000010000000001030307")).toHeader();
 * assert.deepEqual([h.srcPort, h.dstPort, h.seqNumber], [50000, 80, 1]);
 * ```
 */
export interface TcpHeader {
  /** Layer name. */
  layer: "tcp";
  /** Source port. */
  srcPort: number;
  /** Destination port. */
  dstPort: number;
  /** Sequence number. */
  seqNumber: number;
  /** Acknowledgment number. */
  ackNumber: number;
  /** Header length in bytes. */
  headerLen: number;
  /** Flags byte (CWR ECE URG ACK PSH RST SYN FIN). */
  flags: number;
  /** Window (unscaled). */
  window: number;
  /** Checksum as sent. */
  checksum: number;
  /** Urgent pointer. */
  urgentPointer: number;
  /** Options in order. */
  options: TcpOptionHeader[];
  /** Payload bytes captured. */
  payloadLen: number;
}

/**
 * The walker's way in (internal to decode/, not exported by the package): wraps bytes that
 * {@linkcode TcpView.check} accepted without checking them again, re-pointing `reuse` when given.
 */
export let wrapTcpView: (reuse: TcpView | undefined, bytes: Uint8Array) => TcpView;

/**
 * Zero-copy view of a TCP segment. Valid only while the bytes it wraps are.
 *
 * @example Read a SYN with options
 * ```ts
 * import { TcpView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const tcp = TcpView.from(Uint8Array.fromHex(
 *   "c35000500000000100000000a002faf008190000020405b40402080a000000010000000001030307",
 * ));
 * assert.deepEqual([tcp.srcPort, tcp.dstPort, tcp.syn, tcp.ack], [50000, 80, true, false]);
 * assert.deepEqual(tcp.options().map((o) => o.name), ["mss", "sackOK", "TS", "nop", "wscale"]);
 * assert.equal(tcp.options()[0]!.mss, 1460);
 * ```
 */
export class TcpView {
  #bytes: Uint8Array;
  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }
  static {
    wrapTcpView = (reuse, bytes) => {
      if (reuse === undefined) return new TcpView(bytes);
      reuse.#bytes = bytes;
      return reuse;
    };
  }
  /**
   * Says why `bytes` is not a readable TCP header, or `undefined`. Never throws.
   *
   * @param bytes The segment, starting at the source port.
   * @returns The issue, or `undefined` when the header (options included) can be read.
   */
  static check(bytes: Uint8Array): DecodeIssue | undefined {
    const have = bytes.byteLength;
    if (have < TCP_MIN_HEADER_LEN) {
      return { layer: "tcp", reason: "truncated", need: TCP_MIN_HEADER_LEN, have };
    }
    const headerLen = (bytes[TCP_FIELD.DATA_OFFSET]! >> 4) * 4;
    if (headerLen < TCP_MIN_HEADER_LEN) {
      return { layer: "tcp", reason: "bad-length", need: TCP_MIN_HEADER_LEN, have: headerLen };
    }
    if (have < headerLen) return { layer: "tcp", reason: "truncated", need: headerLen, have };
    return undefined;
  }
  /**
   * Wraps `bytes`; throws {@linkcode DecodeError} when {@linkcode TcpView.check} fails.
   *
   * @param bytes The segment, starting at the source port.
   * @returns A view sharing `bytes`.
   */
  static from(bytes: Uint8Array): TcpView {
    requireBytes(bytes, "tcp");
    const issue = TcpView.check(bytes);
    if (issue) throw new DecodeError(issue);
    return new TcpView(bytes);
  }
  /** Layer name, `"tcp"`. */
  get layer(): "tcp" {
    return "tcp";
  }
  /** The bytes this view wraps. */
  get bytes(): Uint8Array {
    return this.#bytes;
  }
  /** Source port. */
  get srcPort(): number {
    return u16(this.#bytes, TCP_FIELD.SRC_PORT);
  }
  /** Destination port. */
  get dstPort(): number {
    return u16(this.#bytes, TCP_FIELD.DST_PORT);
  }
  /** Sequence number. */
  get seqNumber(): number {
    return u32(this.#bytes, TCP_FIELD.SEQ);
  }
  /** Acknowledgment number. */
  get ackNumber(): number {
    return u32(this.#bytes, TCP_FIELD.ACK);
  }
  /** Data Offset field, in 32-bit words. */
  get dataOffset(): number {
    return this.#bytes[TCP_FIELD.DATA_OFFSET]! >> 4;
  }
  /** Header length in bytes (Data Offset × 4). */
  get headerLen(): number {
    return (this.#bytes[TCP_FIELD.DATA_OFFSET]! >> 4) * 4;
  }
  /** Reserved bits of byte 12 (the low nibble; bit 0 was NS, RFC 3540, now AE). */
  get reserved(): number {
    return this.#bytes[TCP_FIELD.DATA_OFFSET]! & 0x0f;
  }
  /** Flags byte: CWR ECE URG ACK PSH RST SYN FIN, high bit first (see {@linkcode TCP_FLAG}). */
  get flags(): number {
    return this.#bytes[TCP_FIELD.FLAGS]!;
  }
  /** FIN flag. */
  get fin(): boolean {
    return (this.#bytes[TCP_FIELD.FLAGS]! & TCP_FLAG.FIN) !== 0;
  }
  /** SYN flag. */
  get syn(): boolean {
    return (this.#bytes[TCP_FIELD.FLAGS]! & TCP_FLAG.SYN) !== 0;
  }
  /** RST flag. */
  get rst(): boolean {
    return (this.#bytes[TCP_FIELD.FLAGS]! & TCP_FLAG.RST) !== 0;
  }
  /** PSH flag. */
  get psh(): boolean {
    return (this.#bytes[TCP_FIELD.FLAGS]! & TCP_FLAG.PSH) !== 0;
  }
  /** ACK flag. */
  get ack(): boolean {
    return (this.#bytes[TCP_FIELD.FLAGS]! & TCP_FLAG.ACK) !== 0;
  }
  /** URG flag. */
  get urg(): boolean {
    return (this.#bytes[TCP_FIELD.FLAGS]! & TCP_FLAG.URG) !== 0;
  }
  /** ECE flag. */
  get ece(): boolean {
    return (this.#bytes[TCP_FIELD.FLAGS]! & TCP_FLAG.ECE) !== 0;
  }
  /** CWR flag. */
  get cwr(): boolean {
    return (this.#bytes[TCP_FIELD.FLAGS]! & TCP_FLAG.CWR) !== 0;
  }
  /** Window field (unscaled). */
  get window(): number {
    return u16(this.#bytes, TCP_FIELD.WINDOW);
  }
  /** Checksum field as sent. */
  get checksum(): number {
    return u16(this.#bytes, TCP_FIELD.CHECKSUM);
  }
  /** Urgent Pointer field. */
  get urgentPointer(): number {
    return u16(this.#bytes, TCP_FIELD.URGENT);
  }
  /** Option bytes; shares memory. */
  get optionBytes(): Uint8Array {
    return this.#bytes.subarray(TCP_MIN_HEADER_LEN, this.headerLen);
  }
  /**
   * Lists the options in order; a bad length ends the list with an option marked `bad`.
   *
   * @returns The options; `data` shares memory, parsed values are set when well-sized.
   */
  options(): TcpOption[] {
    const out: TcpOption[] = [];
    walkOptions(this.#bytes, TCP_MIN_HEADER_LEN, this.headerLen, (raw) => {
      const o: TcpOption = { ...raw, name: TCP_OPTION_NAMES[raw.type] ?? "unknown" };
      const d = raw.data;
      if (!raw.bad) {
        if (raw.type === TCP_OPTION.MSS && d.byteLength === 2) o.mss = u16(d, 0);
        else if (raw.type === TCP_OPTION.WSCALE && d.byteLength === 1) o.shift = d[0]!;
        else if (raw.type === TCP_OPTION.TIMESTAMP && d.byteLength === 8) {
          o.tsVal = u32(d, 0);
          o.tsEcr = u32(d, 4);
        } else if (raw.type === TCP_OPTION.SACK && d.byteLength % 8 === 0 && d.byteLength > 0) {
          o.blocks = [];
          for (let i = 0; i < d.byteLength; i += 8) o.blocks.push([u32(d, i), u32(d, i + 4)]);
        }
      }
      out.push(o);
    });
    return out;
  }
  /** Segment data after the header (as far as captured); shares memory. */
  get payload(): Uint8Array {
    return this.#bytes.subarray(this.headerLen);
  }
  /**
   * Verifies the checksum over the pseudo-header of the enclosing IP packet.
   *
   * @param ip The IPv4 or IPv6 view this segment was taken from.
   * @returns Whether it is correct, or `undefined` when the segment was not captured whole.
   */
  checksumOk(ip: Ipv4View | Ipv6View): boolean | undefined {
    return pseudoChecksumOk(ip, 6, this.#bytes);
  }
  /**
   * Copies the fields out; safe to keep after the frame is released.
   *
   * @returns The plain header.
   */
  toHeader(): TcpHeader {
    return {
      layer: "tcp",
      srcPort: this.srcPort,
      dstPort: this.dstPort,
      seqNumber: this.seqNumber,
      ackNumber: this.ackNumber,
      headerLen: this.headerLen,
      flags: this.flags,
      window: this.window,
      checksum: this.checksum,
      urgentPointer: this.urgentPointer,
      options: this.options().map(tcpOptionHeader),
      payloadLen: this.#bytes.byteLength - this.headerLen,
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
   * @returns The same object as {@linkcode TcpView.toHeader}.
   */
  toJSON(): TcpHeader {
    return this.toHeader();
  }
}

function tcpOptionHeader(o: TcpOption): TcpOptionHeader {
  const h: TcpOptionHeader = {
    kind: o.type,
    name: o.name,
    len: o.len,
    data: o.data.toHex(),
    bad: o.bad,
  };
  if (o.mss !== undefined) h.mss = o.mss;
  if (o.shift !== undefined) h.shift = o.shift;
  if (o.blocks !== undefined) h.blocks = o.blocks;
  if (o.tsVal !== undefined) h.tsVal = o.tsVal;
  if (o.tsEcr !== undefined) h.tsEcr = o.tsEcr;
  return h;
}
