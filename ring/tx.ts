/**
 * The `PACKET_TX_RING` walker (Documentation/networking/packet_mmap.rst, "TX ring"): a
 * TPACKET_V2 frame ring over a plain `ArrayBuffer`. User space fills the frame at the head
 * and marks it `TP_STATUS_SEND_REQUEST`; a `send()` on the socket makes the kernel transmit
 * every such frame in order and hand each slot back as `TP_STATUS_AVAILABLE` once the driver
 * is done with it. A frame the kernel refuses stays in its slot as `TP_STATUS_WRONG_FORMAT`
 * and stops the ring there (without `PACKET_LOSS`, which this package never sets).
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
/**
 * Where a TX frame's data starts in its slot: `TPACKET2_HDRLEN - sizeof(struct sockaddr_ll)`
 * (the kernel's default without `PACKET_TX_HAS_OFF`).
 */
export const TX_DATA_OFFSET = TP2.SIZE;

/** What {@linkcode TxRing.reap} found. */
export interface TxReap {
  /** Slots handed back since the last reap: frames sent. */
  sent: number;
  /** The frame the kernel refused, by its index among all frames put, or -1. */
  rejectedIndex: number;
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
  #failed = -1;

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
  /** Index of the frame the kernel refused, or -1 (the ring is stuck after one). */
  get rejectedIndex(): number {
    return this.#failed;
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
    if (Atomics.load(s, w) !== TP_STATUS_AVAILABLE) return false;
    if (bytes.byteLength > this.#frameSize - TX_DATA_OFFSET) {
      throw new RangeError(
        `Cannot queue frame ${this.#put}: ${bytes.byteLength} bytes exceed the TX ring's frame of ${
          this.#frameSize - TX_DATA_OFFSET
        }`,
      );
    }
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
   * Walks the in-flight slots from the oldest, counting those handed back, and stops at the
   * first still queued or refused one.
   *
   * @returns Frames sent since the last reap, and a refused frame's index (-1 for none).
   */
  reap(): TxReap {
    let sent = 0;
    const s = this.#status;
    while (this.#inFlight > 0) {
      const st = Atomics.load(s, this.#tail * this.#words);
      if (st === TP_STATUS_WRONG_FORMAT) {
        if (this.#failed < 0) this.#failed = this.#index[this.#tail]!;
        break;
      }
      if ((st & (TP_STATUS_SEND_REQUEST | TP_STATUS_SENDING)) !== 0) break;
      sent++;
      this.#inFlight--;
      this.#tail = this.#tail + 1 === this.#frameCount ? 0 : this.#tail + 1;
    }
    return { sent, rejectedIndex: this.#failed };
  }
}
