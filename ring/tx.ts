/**
 * The `PACKET_TX_RING` walker (Documentation/networking/packet_mmap.rst, "TX ring"): a
 * TPACKET_V2 frame ring over a plain `ArrayBuffer`. User space fills the frame at the head
 * and marks it `TP_STATUS_SEND_REQUEST`; a `send()` on the socket makes the kernel transmit
 * every such frame in order and hand each slot back as `TP_STATUS_AVAILABLE` once the driver
 * is done with it. A frame the kernel refuses stays in its slot as `TP_STATUS_WRONG_FORMAT`
 * and stops the ring there (without `PACKET_LOSS`, which would drop it silently and which this
 * package never sets): the kernel's own head stays on that slot, so nothing after it goes until
 * user space puts a frame there. {@linkcode TxRing.dropRejected} does that: it moves the frames
 * queued after the refused one back one slot each, in order, and the ring goes on.
 *
 * A frame counts as sent only when its slot comes back, so {@linkcode TxRing.reap} is where
 * the counts move.
 *
 * @module
 */

import { TP2 } from "./layout.ts";

/** Slot is free for user space (linux/if_packet.h). */
export const TP_STATUS_AVAILABLE = 0;
/** User space asks the kernel to send the slot. */
export const TP_STATUS_SEND_REQUEST = 1 << 0;
/** The kernel is sending the slot. */
export const TP_STATUS_SENDING = 1 << 1;
/** The kernel refused the slot's frame (bad length, or the device rejected it). */
export const TP_STATUS_WRONG_FORMAT = 1 << 2;
/** With AVAILABLE: the slot's send timestamp is a software one (linux/if_packet.h). */
export const TP_STATUS_TS_SOFTWARE = 1 << 29;
/** Status bits of a slot not handed back (the TP_STATUS_TS_* bits may come with AVAILABLE). */
const BUSY = TP_STATUS_SEND_REQUEST | TP_STATUS_SENDING | TP_STATUS_WRONG_FORMAT;
/**
 * Where a TX frame's data starts in its slot: `TPACKET2_HDRLEN - sizeof(struct sockaddr_ll)`
 * (the kernel's default without `PACKET_TX_HAS_OFF`).
 */
export const TX_DATA_OFFSET = TP2.SIZE;

/**
 * A native copier for {@linkcode TxRing.putBatch} (the shim's `pk_tx_fill`): copies `count`
 * frames of `pool` into the slots from `head`, sets their lengths, marks them
 * `TP_STATUS_SEND_REQUEST`, and returns how many it put (it stops at one longer than a slot).
 */
export type TxFill = (
  ring: Uint8Array,
  frameSize: number,
  frameCount: number,
  head: number,
  pool: Uint8Array,
  offsets: Uint32Array,
  lengths: Uint32Array,
  count: number,
  dataOffset: number,
) => number;

/** What {@linkcode TxRing.reap} found. */
export interface TxReap {
  /** Slots handed back since the last reap: frames sent. */
  sent: number;
  /** Their bytes. */
  bytes: number;
}

/**
 * A TX ring of `frameCount` slots of `frameSize` bytes over `buffer` (the mapping).
 * Not thread-safe; one owner.
 */
export class TxRing {
  readonly #status: Int32Array;
  readonly #bytes: Uint8Array;
  readonly #frameSize: number;
  readonly #frameCount: number;
  readonly #words: number;
  /** Frame index of each slot's frame, for reporting a refusal. */
  readonly #index: Float64Array;
  #head = 0;
  #tail = 0;
  #inFlight = 0;
  #put = 0;

  /**
   * Wraps a mapped ring.
   *
   * @param buffer The mapping (`frameSize * frameCount` bytes at least).
   * @param frameSize Bytes per slot (a multiple of 16).
   * @param frameCount Number of slots.
   */
  constructor(buffer: ArrayBuffer, frameSize: number, frameCount: number) {
    if (buffer.byteLength < frameSize * frameCount) {
      throw new RangeError(
        `Cannot use the TX ring: ${buffer.byteLength} bytes hold fewer than ${frameCount} frames of ${frameSize}`,
      );
    }
    this.#status = new Int32Array(buffer, 0, (frameSize * frameCount) >> 2);
    this.#bytes = new Uint8Array(buffer, 0, frameSize * frameCount);
    this.#frameSize = frameSize;
    this.#frameCount = frameCount;
    this.#words = frameSize >> 2;
    this.#index = new Float64Array(frameCount);
  }

  /** Longest frame a slot holds, in bytes. */
  get maxFrameLen(): number {
    return this.#frameSize - TX_DATA_OFFSET;
  }
  /** Frames put and not yet handed back. */
  get inFlight(): number {
    return this.#inFlight;
  }
  /** Free slots. */
  get free(): number {
    return this.#frameCount - this.#inFlight;
  }

  /**
   * Copies `bytes` into the head slot and marks it for sending.
   *
   * @param bytes One whole frame, at most {@linkcode TxRing.maxFrameLen} bytes.
   * @returns False when no slot is free (reap, after a kick, first).
   */
  put(bytes: Uint8Array): boolean {
    if (this.#inFlight === this.#frameCount) return false;
    const slot = this.#head;
    const at = slot * this.#frameSize;
    const s = this.#status;
    const w = slot * this.#words;
    if ((Atomics.load(s, w) & BUSY) !== 0) return false;
    if (bytes.byteLength > this.#frameSize - TX_DATA_OFFSET) throw this.#tooLong(bytes.byteLength);
    this.#bytes.set(bytes, at + TX_DATA_OFFSET);
    s[w + (TP2.LEN >> 2)] = bytes.byteLength;
    this.#index[slot] = this.#put++;
    this.#inFlight++;
    this.#head = slot + 1 === this.#frameCount ? 0 : slot + 1;
    // The status store publishes the frame: the kernel reads len and data after seeing it.
    Atomics.store(s, w, TP_STATUS_SEND_REQUEST);
    return true;
  }

  /**
   * Copies frames `start .. start + count` of a pool (frame i is `lengths[i]` bytes at
   * `offsets[i]`) into the free slots, in order, each marked for sending; as many as there are
   * free slots. With `fill` (the shim) one native call copies them all; without, each is put as
   * {@linkcode TxRing.put} does.
   *
   * @param pool The frames' bytes.
   * @param offsets Offset of each frame in `pool`.
   * @param lengths Length of each frame.
   * @param start First frame.
   * @param count How many frames.
   * @param fill The native copier, if any.
   * @returns How many frames were put (fewer than `count` when the slots ran out).
   * @throws {RangeError} When a frame is longer than a slot (the frames before it are put).
   */
  putBatch(
    pool: Uint8Array,
    offsets: Uint32Array,
    lengths: Uint32Array,
    start: number,
    count: number,
    fill?: TxFill,
  ): number {
    const n = Math.min(count, this.#frameCount - this.#inFlight);
    if (n <= 0) return 0;
    let put = 0;
    if (fill) {
      put = fill(
        this.#bytes,
        this.#frameSize,
        this.#frameCount,
        this.#head,
        pool,
        start === 0 ? offsets : offsets.subarray(start),
        start === 0 ? lengths : lengths.subarray(start),
        n,
        TX_DATA_OFFSET,
      );
      // The slots' frame indexes, for a refusal; the native copy published the frames.
      let slot = this.#head;
      for (let k = 0; k < put; k++) {
        this.#index[slot] = this.#put++;
        slot = slot + 1 === this.#frameCount ? 0 : slot + 1;
      }
      this.#head = slot;
      this.#inFlight += put;
    } else {
      const max = this.#frameSize - TX_DATA_OFFSET;
      while (put < n && lengths[start + put]! <= max) {
        const at = offsets[start + put]!;
        if (!this.put(pool.subarray(at, at + lengths[start + put]!))) break;
        put++;
      }
    }
    const len = lengths[start + put]!;
    if (put < n && len > this.#frameSize - TX_DATA_OFFSET) throw this.#tooLong(len);
    return put;
  }

  #tooLong(len: number): RangeError {
    return new RangeError(
      `Cannot queue frame ${this.#put}: ${len} bytes exceed the TX ring's frame of ${
        this.#frameSize - TX_DATA_OFFSET
      }`,
    );
  }

  /**
   * Walks the in-flight slots from the oldest, counting those handed back, and stops at the
   * first still queued, being sent or refused.
   *
   * @returns Frames sent since the last reap, and their bytes.
   */
  reap(): TxReap {
    let sent = 0, bytes = 0;
    const s = this.#status;
    while (this.#inFlight > 0) {
      const w = this.#tail * this.#words;
      // Handed back: AVAILABLE, maybe with TP_STATUS_TS_* bits (a send timestamp).
      if ((Atomics.load(s, w) & BUSY) !== 0) break;
      sent++;
      bytes += s[w + (TP2.LEN >> 2)]!;
      this.#inFlight--;
      this.#tail = this.#tail + 1 === this.#frameCount ? 0 : this.#tail + 1;
    }
    return { sent, bytes };
  }

  /**
   * Takes a frame the kernel refused (`TP_STATUS_WRONG_FORMAT`) out of the ring so that the
   * frames queued after it go with the next kick: each moves back one slot, in order, and the
   * refused slot gets the first of them. Call it only while no `send()` runs on the socket
   * (the kernel touches queued slots only then); the slots it rewrites are the refused one
   * and those after it, which the kernel holds no reference to.
   *
   * @returns The refused frame's index among all frames put, or -1 when none was refused.
   */
  dropRejected(): number {
    const s = this.#status, n = this.#frameCount, words = this.#words;
    let k = 0, slot = this.#tail;
    for (; k < this.#inFlight; k++) {
      if ((Atomics.load(s, slot * words) & TP_STATUS_WRONG_FORMAT) !== 0) break;
      slot = slot + 1 === n ? 0 : slot + 1;
    }
    if (k === this.#inFlight) return -1;
    const dropped = this.#index[slot]!;
    const size = this.#frameSize;
    for (; k < this.#inFlight - 1; k++) {
      const next = slot + 1 === n ? 0 : slot + 1;
      const len = s[next * words + (TP2.LEN >> 2)]!;
      const from = next * size + TX_DATA_OFFSET;
      this.#bytes.copyWithin(slot * size + TX_DATA_OFFSET, from, from + len);
      s[slot * words + (TP2.LEN >> 2)] = len;
      this.#index[slot] = this.#index[next]!;
      Atomics.store(s, slot * words, TP_STATUS_SEND_REQUEST);
      slot = next;
    }
    // The last queued slot (or the refused one, when nothing followed it) is free again.
    Atomics.store(s, slot * words, TP_STATUS_AVAILABLE);
    this.#head = slot;
    this.#inFlight--;
    return dropped;
  }
}
