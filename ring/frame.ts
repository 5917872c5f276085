/**
 * The frame handed to capture callbacks, the options that shape it and the plain packet copied
 * out of it.
 *
 * @module
 */

import type { PacketRecord } from "../record.ts";

/** How the ring walker turns kernel frames into delivered frames; checked once by the ring. */
export interface FrameOptions {
  /** Bytes kept per frame: `capLen = min(tp_snaplen (+ cooked header, + 4 with a VLAN tag written back), snapLen)`. */
  snapLen: number;
  /** `"out"`: only `PACKET_OUTGOING` frames; `"in"`: all but outgoing ones; `"inout"`: all. */
  direction: "in" | "out" | "inout";
  /** Outgoing frames whose `sll_ifindex` equals it are skipped (seen again as incoming); 0 = none. */
  loopbackIfIndex: number;
  /** `"sll"`/`"sll2"` (the `"any"` device, `SOCK_DGRAM`): write that cooked header in front of the data. */
  cooked: "none" | "sll" | "sll2";
  /** `PACKET_RESERVE` bytes the capture asked for: headroom in front of `tp_mac` we may write into. */
  reserve: number;
  /** `false`: `nsec` rounded down to a multiple of 1000 (microsecond precision). */
  nanoseconds: boolean;
  /** `LINKTYPE_*` every frame of this ring carries. @default 1 (Ethernet) */
  linkType?: number;
}

/** A captured packet that owns its bytes: what {@linkcode Frame.copy} returns. */
export interface Packet extends PacketRecord {
  /** The captured bytes (`capLen` of them), a copy. */
  data: Uint8Array;
  /** Length of the packet on the wire, in bytes (`tp_len` plus any header written back). */
  wireLen: number;
  /** Timestamp, seconds since the Unix epoch. */
  sec: number;
  /** Timestamp, nanoseconds within the second (a multiple of 1000 at micro precision). */
  nsec: number;
  /** `sll_ifindex`: index of the interface the packet was seen on. */
  ifIndex: number;
  /** `LINKTYPE_*` of `data`: what `decodePacket(packet.linkType, packet.data)` needs. */
  linkType: number;
  /** `sll_pkttype`: `PACKET_HOST` (0) … `PACKET_OUTGOING` (4). */
  pktType: number;
  /** `sll_protocol` in host order: the Ethernet type (or `ETH_P_*`) of the packet. */
  protocol: number;
  /** 802.1Q TCI the kernel stripped from the frame, or -1 when there was no tag. */
  vlanTci: number;
  /** TPID of that tag (0x8100 when the kernel gave none), or -1 when there was no tag. */
  vlanTpid: number;
}

/**
 * Points `frame` at `length` bytes of `buffer` from `start` without making a view: what the
 * ring walkers do for every frame. Internal to `ring/` (the package exports only the type).
 */
export let pointFrame: (
  frame: Frame,
  buffer: ArrayBufferLike,
  start: number,
  length: number,
) => void;

/**
 * The zero-copy frame handed to capture callbacks. The ring reuses ONE object for every frame,
 * and `data` views the ring memory, so both are valid only during the callback: keep a frame
 * with {@linkcode Frame.copy} (or `frame.data.slice()`). Once the capture is closed the ring
 * memory is detached: a kept `data` reads as empty and `data.slice()` throws a `TypeError`.
 *
 * @example Read a frame the ring filled
 * ```ts
 * import { Frame } from "./frame.ts";
 * import assert from "node:assert/strict";
 * const frame = new Frame();
 * frame.data = new Uint8Array([1, 2, 3]);
 * frame.wireLen = 60;
 * assert.equal(frame.capLen, 3);
 * const kept = frame.copy();
 * frame.data[0] = 9;
 * assert.deepEqual(kept.data, new Uint8Array([1, 2, 3]));
 * ```
 */
export class Frame implements PacketRecord {
  /** The ring memory (or a set view's buffer); `undefined` until filled or set. */
  #buffer: ArrayBufferLike | undefined = undefined;
  /** Data start within `#buffer`, in bytes. */
  #start = 0;
  /** Captured length, in bytes. */
  #length = 0;
  /** The view made on the first read of `data` (or set); dropped when the frame moves on. */
  #view: Uint8Array | undefined = undefined;

  static {
    pointFrame = (frame, buffer, start, length) => {
      frame.#view = undefined;
      frame.#buffer = buffer;
      frame.#start = start;
      frame.#length = length;
    };
  }

  /**
   * The captured bytes, a view into the ring memory (after any VLAN tag or cooked header
   * written back). Made on the first read per frame, so a callback that never reads it
   * allocates nothing.
   */
  get data(): Uint8Array {
    const view = this.#view;
    if (view !== undefined) return view;
    const buffer = this.#buffer;
    // Nothing filled yet, or the capture closed and detached the ring: nothing to read.
    if (buffer === undefined || buffer.byteLength < this.#start + this.#length) {
      return this.#view = new Uint8Array(0);
    }
    return this.#view = new Uint8Array(buffer, this.#start, this.#length);
  }

  set data(view: Uint8Array) {
    this.#view = view;
    this.#buffer = view.buffer;
    this.#start = view.byteOffset;
    this.#length = view.length;
  }
  /** Length of the packet on the wire, in bytes (`tp_len`, + 4 with a VLAN tag, + the cooked header). */
  wireLen = 0;
  /** Timestamp, seconds since the Unix epoch (`tp_sec`). */
  sec = 0;
  /** Timestamp, nanoseconds within the second (`tp_nsec`; a multiple of 1000 at micro precision). */
  nsec = 0;
  /** `sll_ifindex`: index of the interface the frame was seen on. */
  ifIndex = 0;
  /** `LINKTYPE_*` of `data` (the capture's link type), so `decodePacket(frame.linkType, frame.data)`. */
  linkType = 1;
  /** `sll_pkttype`: `PACKET_HOST` (0) … `PACKET_OUTGOING` (4). */
  pktType = 0;
  /** `sll_protocol` in host order: the Ethernet type (or `ETH_P_*`) of the frame. */
  protocol = 0;
  /** 802.1Q TCI the kernel stripped (`tp_vlan_tci`), or -1 when there was no tag. */
  vlanTci: number = -1;
  /** TPID of that tag (`tp_vlan_tpid`, 0x8100 when the kernel gave none), or -1 when no tag. */
  vlanTpid: number = -1;

  /** Captured length in bytes: `data.length`, known without making the view. */
  get capLen(): number {
    return this.#view !== undefined ? this.#view.length : this.#length;
  }

  /**
   * Copies the frame out of the ring, so it can be kept after the callback returns.
   *
   * @returns A plain {@linkcode Packet} owning a copy of the bytes.
   * @example Keep a frame
   * ```ts
   * import { Frame } from "./frame.ts";
   * import assert from "node:assert/strict";
   * const frame = new Frame();
   * frame.data = new Uint8Array([0xde, 0xad]);
   * frame.sec = 1700000000;
   * const packet = frame.copy();
   * assert.equal(packet.sec, 1700000000);
   * assert.notEqual(packet.data.buffer, frame.data.buffer);
   * ```
   */
  copy(): Packet {
    return {
      data: this.data.slice(),
      wireLen: this.wireLen,
      sec: this.sec,
      nsec: this.nsec,
      ifIndex: this.ifIndex,
      linkType: this.linkType,
      pktType: this.pktType,
      protocol: this.protocol,
      vlanTci: this.vlanTci,
      vlanTpid: this.vlanTpid,
    };
  }
}
