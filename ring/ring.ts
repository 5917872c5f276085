/**
 * Walkers over a mapped `PACKET_RX_RING`: {@linkcode V3Ring} (TPACKET_V3 blocks) and
 * {@linkcode V2Ring} (TPACKET_V2 frames). Pure TypeScript over a plain `ArrayBuffer`; the
 * capture maps the ring and waits for it, the walkers only read what user space owns and hand
 * it back.
 *
 * @module
 */

import {
  checkFrameOptions,
  CORRUPT,
  DELIVER,
  Filler,
  HOST_LE,
  type RingCounters,
} from "./_fill.ts";
import { type Frame, type FrameOptions, pointFrame } from "./frame.ts";
import {
  BLOCK_DESC,
  TP2,
  TP3,
  TP_STATUS_BLK_TMO,
  TP_STATUS_KERNEL,
  TP_STATUS_LOSING,
  TP_STATUS_USER,
  TPACKET2_HDRLEN,
  TPACKET3_HDRLEN,
  TPACKET_ALIGNMENT,
  tpacketAlign,
} from "./layout.ts";

export type { RingCounters } from "./_fill.ts";

/**
 * A whole V3 block (or a run of V2 frames) handed over at once. The arrays describe the
 * delivered frames in ring order; `bytes` and the arrays stay valid until
 * {@linkcode Batch.release} (a later batch of the same V3 block reuses the arrays' memory).
 */
export interface Batch {
  /** The block (V2: the run of frames), a view into the ring memory. */
  readonly bytes: Uint8Array;
  /** Number of frames listed (frames dropped by direction/loopback handling are not). */
  readonly count: number;
  /** Data start of each frame, in bytes from the start of `bytes`. */
  readonly offsets: Uint32Array;
  /** Captured length of each frame, in bytes (snaplen applied). */
  readonly capLens: Uint32Array;
  /** Wire length of each frame, in bytes. */
  readonly wireLens: Uint32Array;
  /** Timestamp of each frame, seconds. */
  readonly secs: Uint32Array;
  /** Timestamp of each frame, nanoseconds within the second. */
  readonly nsecs: Uint32Array;
  /** Hands the memory back to the kernel; later calls do nothing. */
  release(): void;
}

/** What both walkers offer the capture. */
export interface Ring {
  /** The block (V3) or frame (V2) at the cursor is owned by user space (or partly walked). */
  readonly ready: boolean;
  /**
   * Delivers up to `max` frames (`max <= 0`: all that are ready) to `cb` without waiting.
   *
   * @param cb Called with the ONE reused frame, valid only during the call.
   * @param max Frames to deliver at most; `<= 0` means no limit.
   * @param accept When given, a frame it returns false for is not delivered (and not counted
   *   against `max`); `counters.rejected` counts it.
   * @returns The number of frames delivered.
   */
  dispatch(cb: (f: Frame) => void, max: number, accept?: (f: Frame) => boolean): number;
  /**
   * Slots (V3 blocks, V2 frames) user space owns now, plus, for V3, the block the
   * kernel is filling: how many slots hold frames that arrived before this call.
   */
  queuedSlots(): number;
  /**
   * When the slot at the cursor was handed to user space, near enough: the kernel's
   * timestamp of its last frame (V3: `ts_last_pkt`, a block's retire time when empty; V2: the
   * frame's), in ms since the Unix epoch; NaN when the cursor slot is not ready or a V3
   * block went out on its timer (its time is not recorded). How long ready frames waited
   * for a wake-up to reach the reader.
   */
  readyAtMs(): number;
  /**
   * How long a wait that found the cursor slot not ready may sleep before it looks again, so
   * that several blocks are ready when it does (wake-up coalescing, like a NIC's interrupt
   * moderation): 0 when it should wait for the next slot as usual. V3 only, and only while
   * the traffic fills blocks fast: blocks retired full (not by their timer) in less than
   * `maxMs` (the shorter of the last two blocks' fill times, or the pace of the block being
   * filled when that is faster). The sleep aims at {@linkcode coalesceTarget} blocks ready,
   * never lets more than half the ring fill meanwhile at the fastest pace seen lately, and is
   * at most `maxMs`. After a block that says the kernel dropped frames, or a visit that found
   * half the ring ready, it is 0 for the next 4 rings' worth of blocks. A hint from the
   * kernel's timestamps and the fill level of the block it is writing; never throws.
   *
   * @param maxMs Longest sleep, in ms (the caller bounds the latency it adds).
   * @returns The sleep in ms (fractional), or 0.
   */
  coalesceMs(maxMs: number): number;
  /**
   * For a watched nap (a coalesced wait that the shim's waiter thread ends as soon as its
   * blocks are ready): how many blocks, from {@linkcode Ring.cursor} on, a wait that found
   * the cursor slot not ready should wait for; 0 when it should wait for the next slot as
   * usual. V3 only, and only while blocks fill fast (as {@linkcode Ring.coalesceMs}: full, in
   * less than `maxMs`, no losses lately). The blocks not waited for must hold `marginMs` of
   * traffic at the fastest pace seen lately, so that a reader slow to answer the wake-up
   * still finds room left in the ring: `slotCount - ceil(marginMs / fill)`, at most half the
   * ring; below 2 it is 0 (nothing to coalesce). Never throws.
   *
   * @param maxMs Longest nap, in ms (the block timeout).
   * @param marginMs Traffic the rest of the ring must hold, in ms.
   * @returns Blocks to wait for, or 0.
   */
  watchBlocks(maxMs: number, marginMs: number): number;
  /**
   * How long a watched nap for `want` blocks may last, in ms: `maxMs` less the age of the
   * oldest frame user space has not seen (the first of the block the kernel is filling at the
   * cursor), so that no frame waits longer than `maxMs` for its wake-up; and no more than
   * `want + 1` blocks' time at the recent pace, so that when the traffic stops mid-nap the
   * blocks already there wait that long at most, not a whole block timeout. 0 when that time
   * is up. A hint from the kernel's timestamps; never throws.
   *
   * @param maxMs The longest wait for a frame, in ms (the block timeout).
   * @param want The blocks the nap waits for ({@linkcode Ring.watchBlocks}).
   * @returns The nap in ms (fractional), or 0.
   */
  watchMs(maxMs: number, want: number): number;
  /** Index of the slot (V3 block, V2 frame) at the cursor. */
  readonly cursor: number;
  /** Bytes of a slot (`tp_block_size`, `tp_frame_size`). */
  readonly slotSize: number;
  /** Slots in the ring. */
  readonly slotCount: number;
  /**
   * Takes the next user-owned block (V3) or run of frames (V2) whole.
   *
   * @returns The batch, or `undefined` when nothing is ready.
   */
  nextBatch(): Batch | undefined;
  /** Running totals; see {@linkcode RingCounters}. */
  readonly counters: RingCounters;
}

/**
 * A native walk of one V3 block's frames into batch columns (the C shim's `pk_walk_v3`): the
 * same checks, verdicts and results as {@linkcode V3Ring.nextBatch}'s own loop, for frames
 * without a cooked header. `flags` holds {@linkcode WALK_IN}, {@linkcode WALK_OUT},
 * {@linkcode WALK_MICRO}.
 *
 * @returns The frames listed, or `-(listed + 1)` when a corrupt frame ended the walk.
 */
export type BlockWalker = (
  block: Uint8Array,
  blockSize: number,
  pos: number,
  left: number,
  snapLen: number,
  loIndex: number,
  flags: number,
  columns: Uint32Array,
  room: number,
) => number;

/**
 * A native wait for a V3 ring's cursor block and walk of it in one call (the C shim's
 * `pk_take_v3`), for a reader with a thread of its own: when the block is not user-owned it
 * polls the socket and the eventfd (`ctx[TAKE.FD]`, `ctx[TAKE.EFD]`) for `timeoutMs` at most (0:
 * without waiting); then, unless the poll reported anything but the socket's `POLLIN`, it lists
 * the block's frames into the columns as a {@linkcode BlockWalker} does. The context holds the
 * ring's constants (see {@linkcode TAKE}) and gets the poll's result and the byte total.
 *
 * @returns The frames listed, `-(listed + 1)` after a corrupt frame, or
 *   {@linkcode TAKE_NONE} when no block was walked.
 */
export type BlockTaker = (
  ctx: Int32Array,
  block: Uint8Array,
  columns: Uint32Array,
  room: number,
  timeoutMs: number,
) => number;

/** The words of a {@linkcode BlockTaker}'s context (as `pk_take_v3` in `ffi/shim.c` reads them). */
export const TAKE = {
  FD: 0,
  EFD: 1,
  BLOCK_SIZE: 2,
  SNAP_LEN: 3,
  LO_INDEX: 4,
  FLAGS: 5,
  MAX_FRAMES: 6,
  /** Out: the poll's result as `pk_poll` returns it, or -1 when no poll was made. */
  POLLED: 7,
  /** Out: the capture lengths' sum of the frames listed. */
  BYTES: 8,
  /** Out, a float64 over words 10-11: the taker's clock at the end of the call, in ms. */
  CLOCK: 10,
  SIZE: 12,
} as const;

/** A {@linkcode BlockTaker}'s answer when it walked no block. */
export const TAKE_NONE = -0x8000_0000;

/**
 * The blocks a coalesced wait aims to find ready ({@linkcode Ring.coalesceMs}): a quarter of
 * the ring, at least 2. A wait per 2 blocks instead of per block halves the wake-ups while three
 * quarters of the ring stay free for the kernel.
 *
 * @param blockCount Blocks in the ring.
 * @returns Blocks to wait for.
 * @example An 8-block ring waits for 2
 * ```ts
 * import { coalesceTarget } from "./ring.ts";
 * import assert from "node:assert/strict";
 * assert.equal(coalesceTarget(8), 2);
 * assert.equal(coalesceTarget(16), 4);
 * ```
 */
export function coalesceTarget(blockCount: number): number {
  return Math.max(2, blockCount >>> 2);
}

/** The first `n` values of `a` (a batch's capture lengths: its bytes). */
function sumOf(a: Uint32Array, n: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += a[i]!;
  return total;
}

/** The columns of a batch of no frames (see `V3Ring.nextBatch`). */
const NO_COLUMNS = new Uint32Array(0);

/** {@linkcode BlockWalker} flag: incoming frames are kept. */
export const WALK_IN = 1;
/** {@linkcode BlockWalker} flag: outgoing frames are kept. */
export const WALK_OUT = 2;
/** {@linkcode BlockWalker} flag: nanoseconds are cut to whole microseconds. */
export const WALK_MICRO = 4;

/**
 * Columns of a frame walker's list (the shim's `pk_walk_v3_frames`, see the `V3Ring`
 * constructor): a {@linkcode BlockWalker}'s five, then each frame's `sll_ifindex`,
 * `sll_pkttype | sll_protocol << 8` (the protocol in host order), and its VLAN tag as
 * `tci | tpid << 16` (`0xffffffff`: none).
 */
export const FRAME_COLUMNS = 8;

/** The VLAN column's "no tag". */
const NO_VLAN = 0xffff_ffff;

/**
 * A batch's column memory (five columns of `columns.length / 5` entries) and the views of its
 * first `count` entries, made again only when a batch lists another count: blocks of
 * same-sized frames, a flood's, list the same count each time, and the five views are then
 * not five new objects per block.
 */
class Columns {
  readonly columns: Uint32Array;
  count = -1;
  offsets: Uint32Array = NO_COLUMNS;
  capLens: Uint32Array = NO_COLUMNS;
  wireLens: Uint32Array = NO_COLUMNS;
  secs: Uint32Array = NO_COLUMNS;
  nsecs: Uint32Array = NO_COLUMNS;

  constructor(columns: Uint32Array) {
    this.columns = columns;
  }

  /** Views of the first `count` entries of each column. */
  view(count: number): void {
    if (count === this.count) return;
    const columns = this.columns;
    const cap = columns.length / 5;
    this.count = count;
    this.offsets = columns.subarray(0, count);
    this.capLens = columns.subarray(cap, cap + count);
    this.wireLens = columns.subarray(2 * cap, 2 * cap + count);
    this.secs = columns.subarray(3 * cap, 3 * cap + count);
    this.nsecs = columns.subarray(4 * cap, 4 * cap + count);
  }
}

/** The column set of a batch of no frames (see `V3Ring.nextBatch`). */
const NO_SET = new Columns(NO_COLUMNS);

/** One Batch per block; `release()` is a method, not a closure. */
class RingBatch implements Batch {
  readonly bytes: Uint8Array;
  readonly count: number;
  readonly offsets: Uint32Array;
  readonly capLens: Uint32Array;
  readonly wireLens: Uint32Array;
  readonly secs: Uint32Array;
  readonly nsecs: Uint32Array;
  #release: ((first: number, n: number, columns: Columns) => void) | undefined;
  readonly #columns: Columns;
  readonly #first: number;
  readonly #n: number;

  constructor(
    bytes: Uint8Array,
    columns: Columns,
    count: number,
    release: (first: number, n: number, columns: Columns) => void,
    first: number,
    n: number,
  ) {
    columns.view(count);
    this.bytes = bytes;
    this.count = count;
    this.offsets = columns.offsets;
    this.capLens = columns.capLens;
    this.wireLens = columns.wireLens;
    this.secs = columns.secs;
    this.nsecs = columns.nsecs;
    this.#release = release;
    this.#columns = columns;
    this.#first = first;
    this.#n = n;
  }

  release(): void {
    const release = this.#release;
    if (release === undefined) return;
    this.#release = undefined;
    release(this.#first, this.#n, this.#columns);
  }
}

function checkGeometry(
  what: string,
  size: number,
  count: number,
  min: number,
  buffer: ArrayBuffer,
) {
  if (!(buffer instanceof ArrayBuffer)) {
    throw new TypeError(`Cannot walk the ring: the ring must be an ArrayBuffer`);
  }
  if (!Number.isInteger(size) || size < min || size % TPACKET_ALIGNMENT !== 0) {
    throw new RangeError(
      `Cannot walk the ring: ${what} size ${size} is not a multiple of ${TPACKET_ALIGNMENT} >= ${min}`,
    );
  }
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`Cannot walk the ring: ${what} count ${count} is not an integer >= 1`);
  }
  if (size * count > buffer.byteLength) {
    throw new RangeError(
      `Cannot walk the ring: ${count} ${what}s of ${size} bytes do not fit in ${buffer.byteLength} bytes`,
    );
  }
}

/**
 * Walks a TPACKET_V3 ring: `blockCount` blocks of `blockSize` bytes, each starting with
 * `struct tpacket_block_desc`, read in order from block 0 the way libpcap's
 * `pcap_read_linux_mmap_v3()` does.
 *
 * @example Walk a ring built like the kernel's
 * ```ts
 * import { V3Ring } from "./ring.ts";
 * import assert from "node:assert/strict";
 * const ring = new V3Ring(new ArrayBuffer(2 * 4096), 4096, 2, {
 *   snapLen: 262144, direction: "inout", loopbackIfIndex: 0, cooked: "none", reserve: 4,
 *   nanoseconds: false,
 * });
 * assert.equal(ring.ready, false); // every block still belongs to the kernel
 * assert.equal(ring.dispatch(() => {}, 0), 0);
 * ```
 */
export class V3Ring implements Ring {
  readonly counters: RingCounters = { blocks: 0, losing: 0, seqGaps: 0, corrupt: 0, rejected: 0 };
  readonly #bytes: Uint8Array;
  readonly #dv: DataView;
  /** For Atomics on `block_status` (acquire load, release store); blocks are 16-byte aligned. */
  readonly #u32: Uint32Array;
  /** 16-bit host-order fields of the frame headers (`tp_mac`, `tp_vlan_tpid`). */
  readonly #u16: Uint16Array;
  readonly #filler: Filler;
  readonly #frame: Frame;
  readonly #blockSize: number;
  readonly #blockCount: number;
  /** Blocks handed out in a batch and not released yet: never walked again until then. */
  readonly #held: Uint8Array;
  /**
   * Column memory of released batches, the last released on top: the next batch takes it
   * while it is big enough. A fresh zeroed array per block (20 bytes a frame, ~58 KiB for a
   * 256 KiB block of 64-byte frames) was external memory for the GC to chase at every block;
   * one kept per block (8 of them for a 2 MiB ring) put the walk's writes in memory out of
   * the cache at every block (measured: pk_walk_v3 took ~45 ns a frame there, ~14 with one
   * array used over and over). A reader that releases each batch before the next uses one.
   */
  readonly #spare: Columns[] = [];
  /** Each block's bytes, a view made once (a batch's `bytes`). */
  readonly #blockBytes: Uint8Array[] = [];
  /** Most frames a block can hold: bounds `num_pkts` before anything is sized from it. */
  readonly #maxFrames: number;
  /** Index of the block at the cursor. */
  #block = 0;
  /** Frames left in the open block; -1 when no block is open. */
  #left = -1;
  /** Offset of the next frame in the open block. */
  #pos = 0;
  #blockEnd = 0;
  /** `seq_num` of the last block opened, -1 before the first. */
  #lastSeq = -1;
  /**
   * How long the last block opened took to fill, in ms (`ts_last_pkt - ts_first_pkt`: the
   * kernel opens a block when it retires the one before); NaN when its timer retired it (the
   * traffic was slow) or it was the first.
   */
  #fillMs = NaN;
  /** The same of the block before it: the shorter of the two is the estimate. */
  #prevFillMs = NaN;
  /**
   * The shortest fill time seen lately (it relaxes by 2 % a block): what bounds a sleep, so
   * that a flood coming back at the pace it had before a lull cannot fill half the ring
   * while a wait sleeps on the lull's estimate.
   */
  #fastFillMs = NaN;
  /**
   * Blocks to open before waits coalesce again: set when a block says the kernel dropped
   * frames (`TP_STATUS_LOSING`) or the reader fell half a ring behind (the block half a ring
   * ahead of the cursor was ready too when this one was opened).
   */
  #calm = 0;
  /** The native block walker, for frames without a cooked header; else the loop here. */
  readonly #walker: BlockWalker | undefined;
  /** The walker's arguments fixed by the frame options. */
  readonly #snapLen: number;
  readonly #loIndex: number;
  readonly #walkFlags: number;
  /** The native walk for {@linkcode V3Ring.dispatch}, with the walker only. */
  readonly #frameWalker: BlockWalker | undefined;
  /** Its columns, reused for every block ({@linkcode FRAME_COLUMNS} of `length / 8`). */
  #frameCols: Uint32Array = NO_COLUMNS;
  /** Frames of the open block it listed, and the next of them to hand out. */
  #listed = 0;
  #next = 0;
  /** The native wait-and-walk, with the walker only (see {@linkcode V3Ring.waitBatch}). */
  readonly #taker: BlockTaker | undefined;
  /** Its context: the ring's constants, the socket and eventfd, its answers. */
  readonly #takeCtx = new Int32Array(new ArrayBuffer(4 * TAKE.SIZE)); // off the JS heap: C writes it
  /** The context's clock word. */
  readonly #takeClock = new Float64Array(this.#takeCtx.buffer, 4 * TAKE.CLOCK, 1);
  #takenBytes = 0;
  #takenAtMs = NaN;

  /**
   * Wraps a mapped V3 ring; reads nothing until called.
   *
   * @param buffer The ring memory (`blockSize * blockCount` bytes at least).
   * @param blockSize `tp_block_size`, a multiple of 16.
   * @param blockCount `tp_block_nr`.
   * @param opts How frames are shaped; checked here once.
   * @param walker A native walk of a block for {@linkcode V3Ring.nextBatch} (the shim's),
   *   used when frames carry no cooked header; without one, blocks are walked here.
   * @param taker A native wait and walk in one call for {@linkcode V3Ring.waitBatch} (the
   *   shim's), used with the walker only.
   * @param frameWalker A native walk of a block for {@linkcode V3Ring.dispatch} (the shim's
   *   `pk_walk_v3_frames`: a {@linkcode BlockWalker} that lists {@linkcode FRAME_COLUMNS}
   *   columns), used with the walker only; without one, dispatch walks blocks here.
   */
  constructor(
    buffer: ArrayBuffer,
    blockSize: number,
    blockCount: number,
    opts: FrameOptions,
    walker?: BlockWalker,
    taker?: BlockTaker,
    frameWalker?: BlockWalker,
  ) {
    checkGeometry("block", blockSize, blockCount, BLOCK_DESC.SIZE + TPACKET3_HDRLEN, buffer);
    checkFrameOptions(opts);
    this.#bytes = new Uint8Array(buffer);
    this.#dv = new DataView(buffer);
    this.#u32 = new Uint32Array(buffer, 0, (blockSize * blockCount) >>> 2);
    this.#u16 = new Uint16Array(buffer, 0, (blockSize * blockCount) >>> 1);
    this.#blockSize = blockSize;
    this.#blockCount = blockCount;
    this.#held = new Uint8Array(blockCount);
    for (let b = 0; b < blockCount; b++) {
      this.#blockBytes.push(this.#bytes.subarray(b * blockSize, (b + 1) * blockSize));
    }
    this.#maxFrames = Math.floor((blockSize - BLOCK_DESC.SIZE) / (TPACKET3_HDRLEN + 4));
    this.#filler = new Filler(buffer, this.counters, tpacketAlign(TP3.SIZE), TPACKET3_HDRLEN, opts);
    this.#frame = this.#filler.frame;
    this.#walker = opts.cooked === "none" ? walker : undefined;
    this.#snapLen = opts.snapLen;
    this.#loIndex = opts.loopbackIfIndex > 0 ? opts.loopbackIfIndex : -1;
    this.#walkFlags = (opts.direction !== "out" ? WALK_IN : 0) |
      (opts.direction !== "in" ? WALK_OUT : 0) | (opts.nanoseconds ? 0 : WALK_MICRO);
    this.#taker = this.#walker !== undefined ? taker : undefined;
    this.#frameWalker = this.#walker !== undefined ? frameWalker : undefined;
    const ctx = this.#takeCtx;
    ctx[TAKE.BLOCK_SIZE] = blockSize;
    ctx[TAKE.SNAP_LEN] = this.#snapLen;
    ctx[TAKE.LO_INDEX] = this.#loIndex;
    ctx[TAKE.FLAGS] = this.#walkFlags;
    ctx[TAKE.MAX_FRAMES] = this.#maxFrames;
  }

  /** {@linkcode V3Ring.waitBatch} waits and walks in one native call (it has a taker). */
  get canTake(): boolean {
    return this.#taker !== undefined;
  }

  /**
   * {@linkcode V3Ring.waitBatch} would wait in its native call now: it has a taker, the ring
   * is mapped, no block is open and the block at the cursor is not held in a batch (a wait
   * for that one is the caller's own).
   */
  get takable(): boolean {
    return this.#taker !== undefined && this.#u32.length !== 0 && this.#left < 0 &&
      this.#held[this.#block] === 0;
  }

  /**
   * The last {@linkcode V3Ring.waitBatch}'s poll: its result as `pk_poll` returns it (the
   * socket's revents in bits 0-15, the eventfd's in bits 16-30, 0 on timeout, or -errno),
   * or -1 when it made none.
   */
  get polled(): number {
    return this.#takeCtx[TAKE.POLLED]!;
  }

  /**
   * {@linkcode Ring.readyAtMs} of the block whose batch the last {@linkcode V3Ring.waitBatch}
   * returned, read before it was taken (NaN after one that returned none).
   */
  get takenAtMs(): number {
    return this.#takenAtMs;
  }

  /**
   * The taker's clock (the shim's: CLOCK_MONOTONIC in ms) at the end of the last native call
   * {@linkcode V3Ring.waitBatch} made (it makes one whenever {@linkcode V3Ring.takable}):
   * a wake-up's time without another call.
   */
  get tookMs(): number {
    return this.#takeClock[0]!;
  }

  /** The capture lengths' sum of the batch {@linkcode V3Ring.waitBatch} returned last. */
  get takenBytes(): number {
    return this.#takenBytes;
  }

  /**
   * {@linkcode V3Ring.nextBatch} for a reader with a thread of its own, with its wait: when
   * the block at the cursor is not ready, one native call (the taker) polls `fd` and `efd`
   * for `timeoutMs` at most (0: a look that does not wait) and walks the block if it got ready, so a wake-up costs one call
   * into C, not a poll, a clock reading and a walk. A poll that reported anything else (the
   * eventfd, an error, a timeout: see {@linkcode V3Ring.polled}) comes back with no batch, for
   * the caller to look at first. When it cannot wait (see {@linkcode V3Ring.takable}), it
   * only takes what is ready (as `nextBatch`), and `polled` is -1.
   *
   * @param fd The socket.
   * @param efd The eventfd that ends a wait early.
   * @param timeoutMs Longest wait; 0: the poll does not wait.
   * @returns The batch, or `undefined` when no block was ready.
   */
  waitBatch(fd: number, efd: number, timeoutMs: number): Batch | undefined {
    const ctx = this.#takeCtx;
    const taker = this.#taker;
    if (taker === undefined || !this.takable) {
      ctx[TAKE.POLLED] = -1;
      return this.#takeNext();
    }
    ctx[TAKE.FD] = fd;
    ctx[TAKE.EFD] = efd;
    const block = this.#block;
    const set = this.#spare.length > 0 ? this.#spare[this.#spare.length - 1]! : NO_SET;
    const columns = set.columns;
    const r = taker(ctx, this.#blockBytes[block]!, columns, columns.length / 5, timeoutMs);
    // Not ready, or more frames than these columns hold (nextBatch makes bigger ones).
    if (r === TAKE_NONE) return this.#takeNext();
    // The descriptor's own bookkeeping (counters, sequence, fill times): the walk is done.
    this.#open();
    this.#left = 0;
    let count = r;
    if (r < 0) {
      count = -r - 1;
      this.counters.corrupt++;
    }
    this.#takenBytes = ctx[TAKE.BYTES]!;
    this.#takenAtMs = this.readyAtMs();
    if (set !== NO_SET) this.#spare.pop();
    return this.#take(block, set, count);
  }

  /** `waitBatch`'s batch from `nextBatch`, with its time and bytes. */
  #takeNext(): Batch | undefined {
    const at = this.readyAtMs();
    const batch = this.nextBatch();
    this.#takenAtMs = batch === undefined ? NaN : at;
    this.#takenBytes = batch === undefined ? 0 : sumOf(batch.capLens, batch.count);
    return batch;
  }

  get ready(): boolean {
    // Detached (the capture closed, maybe from a callback mid-block): nothing is readable.
    if (this.#u32.length === 0) return false;
    if (this.#left >= 0) return true;
    if (this.#held[this.#block] !== 0) return false;
    const status = Atomics.load(
      this.#u32,
      (this.#block * this.#blockSize + BLOCK_DESC.BLOCK_STATUS) >>> 2,
    );
    return (status & TP_STATUS_USER) !== 0;
  }

  /** Opens the block at the cursor if user space owns it; counts it. */
  #open(): boolean {
    if (this.#u32.length === 0 || this.#held[this.#block] !== 0) return false;
    const base = this.#block * this.#blockSize;
    const status = Atomics.load(this.#u32, (base + BLOCK_DESC.BLOCK_STATUS) >>> 2);
    if ((status & TP_STATUS_USER) === 0) return false;
    const dv = this.#dv;
    const counters = this.counters;
    counters.blocks++;
    if ((status & TP_STATUS_LOSING) !== 0) counters.losing++;
    // seq_num is a __u64 whose high word is 0 in practice: kept out of the sum then. A product
    // with 2^32 is a heap number even when it is 0; stored, it turns #lastSeq into a double
    // field, i.e. a new map for V3Ring, and rings made before that (another capture's, say)
    // keep the old one, which code compiled since deoptimizes on (seen with --trace-deopt).
    const seqLo = dv.getUint32(base + BLOCK_DESC.SEQ_NUM, HOST_LE);
    const seqHi = dv.getUint32(base + BLOCK_DESC.SEQ_NUM + 4, HOST_LE);
    const seq = seqHi === 0 ? seqLo : seqLo + seqHi * 0x1_0000_0000;
    if (this.#lastSeq >= 0 && seq !== this.#lastSeq + 1) counters.seqGaps++;
    // A block after a gap (or the first) opened at an unknown time: no fill time from it.
    this.#prevFillMs = this.#fillMs;
    this.#fillMs = (status & TP_STATUS_BLK_TMO) !== 0 || seq !== this.#lastSeq + 1
      ? NaN
      : (dv.getUint32(base + BLOCK_DESC.TS_LAST_PKT_SEC, HOST_LE) -
            dv.getUint32(base + BLOCK_DESC.TS_FIRST_PKT_SEC, HOST_LE)) * 1000 +
        (dv.getUint32(base + BLOCK_DESC.TS_LAST_PKT_NSEC, HOST_LE) -
            dv.getUint32(base + BLOCK_DESC.TS_FIRST_PKT_NSEC, HOST_LE)) / 1e6;
    const fast = this.#fastFillMs * 1.02;
    if (this.#fillMs > 0 && !(fast <= this.#fillMs)) this.#fastFillMs = this.#fillMs;
    else if (fast > 0) this.#fastFillMs = fast;
    this.#lastSeq = seq;
    const ahead = (this.#block + (this.#blockCount >>> 1)) % this.#blockCount;
    if (
      (status & TP_STATUS_LOSING) !== 0 ||
      (ahead !== this.#block &&
        (Atomics.load(this.#u32, (ahead * this.#blockSize + BLOCK_DESC.BLOCK_STATUS) >>> 2) &
            TP_STATUS_USER) !== 0)
    ) {
      this.#calm = 4 * this.#blockCount;
    } else if (this.#calm > 0) {
      this.#calm--;
    }
    const first = dv.getUint32(base + BLOCK_DESC.OFFSET_TO_FIRST_PKT, HOST_LE);
    this.#left = dv.getUint32(base + BLOCK_DESC.NUM_PKTS, HOST_LE);
    this.#pos = base + first;
    this.#blockEnd = base + this.#blockSize;
    // Frames are at least ALIGN(TPACKET3_HDRLEN, 8) bytes apart after the block header; more
    // than fit, or a first frame inside the header, means the block descriptor is garbage.
    if (this.#left > 0 && (first < BLOCK_DESC.SIZE || this.#left > this.#maxFrames)) {
      counters.corrupt++;
      this.#left = 0;
    }
    return true;
  }

  /** Hands the open block back to the kernel and moves the cursor to the next one. */
  #close(): void {
    if (this.#u32.length !== 0) {
      const at = (this.#block * this.#blockSize + BLOCK_DESC.BLOCK_STATUS) >>> 2;
      Atomics.store(this.#u32, at, TP_STATUS_KERNEL);
    }
    this.#left = -1;
    this.#listed = this.#next = 0;
    this.#block = this.#block + 1 === this.#blockCount ? 0 : this.#block + 1;
  }

  /**
   * Reads the frame at the cursor and moves the cursor past it.
   *
   * @returns DELIVER, SKIP or CORRUPT (the rest of the block must be dropped).
   */
  #step(): number {
    const at = this.#pos;
    const limit = this.#blockEnd;
    this.#left--;
    // The kernel puts every frame at an 8-byte boundary (V3_ALIGNMENT in af_packet.c): a header
    // elsewhere, or one running past the block, comes from a garbage next offset.
    if ((at & 7) !== 0 || at + TPACKET3_HDRLEN > limit) return CORRUPT;
    // Host-order fields read through typed arrays over the ring (aligned by the check above).
    const u32 = this.#u32;
    const w = at >>> 2;
    const snaplen = u32[w + (TP3.SNAPLEN >>> 2)]!;
    const mac = this.#u16[(at + TP3.MAC) >>> 1]!;
    const next = u32[w + (TP3.NEXT_OFFSET >>> 2)]!;
    // A following frame cannot start inside this one's data (the kernel puts it at
    // ALIGN(tp_mac + tp_snaplen, 8)); a wrong next offset would walk garbage.
    if (this.#left > 0 && next < mac + snaplen) return CORRUPT;
    this.#pos = at + next;
    return this.#filler.fill(
      at,
      limit,
      u32[w + (TP3.STATUS >>> 2)]!,
      u32[w + (TP3.LEN >>> 2)]!,
      snaplen,
      mac,
      u32[w + (TP3.SEC >>> 2)]!,
      u32[w + (TP3.NSEC >>> 2)]!,
      u32[w + (TP3.VLAN_TCI >>> 2)]!,
      this.#u16[(at + TP3.VLAN_TPID) >>> 1]!,
    );
  }

  /**
   * Delivers up to `max` ready frames to `cb` without waiting; blocks go back to the kernel as
   * soon as all their frames are walked, even when `cb` throws.
   *
   * @param cb Called with the ONE reused frame, valid only during the call.
   * @param max Frames to deliver at most; `<= 0` means no limit.
   * @returns The number of frames delivered.
   * @example Nothing is ready in a fresh ring
   * ```ts
   * import { V3Ring } from "./ring.ts";
   * import assert from "node:assert/strict";
   * const ring = new V3Ring(new ArrayBuffer(4096), 4096, 1, {
   *   snapLen: 65535, direction: "in", loopbackIfIndex: 1, cooked: "none", reserve: 4,
   *   nanoseconds: true,
   * });
   * assert.equal(ring.dispatch(() => assert.fail("no frame"), 10), 0);
   * ```
   */
  dispatch(cb: (f: Frame) => void, max: number, accept?: (f: Frame) => boolean): number {
    const limit = max > 0 ? max : Infinity;
    const bytes = this.#bytes;
    if (bytes.length === 0) return 0;
    const buffer = bytes.buffer;
    const filler = this.#filler;
    const frame = this.#frame;
    let n = 0;
    while (n < limit) {
      if (this.#left < 0 && !this.#open()) break;
      // The whole block in one native call (it pulls the headers into the cache ahead of
      // itself, which this loop cannot), then the frames from its columns.
      if (this.#left > 0 && this.#frameWalker !== undefined) this.#walkFrames();
      try {
        if (this.#next < this.#listed) {
          const cols = this.#frameCols;
          const room = cols.length >>> 3;
          const base = this.#block * this.#blockSize;
          while (this.#next < this.#listed && n < limit) {
            const i = this.#next++;
            pointFrame(frame, buffer, base + cols[i]!, cols[room + i]!);
            frame.wireLen = cols[2 * room + i]!;
            frame.sec = cols[3 * room + i]!;
            frame.nsec = cols[4 * room + i]!;
            frame.ifIndex = cols[5 * room + i]! | 0;
            const kind = cols[6 * room + i]!;
            frame.pktType = kind & 0xff;
            frame.protocol = kind >>> 8;
            const vlan = cols[7 * room + i]!;
            frame.vlanTci = vlan === NO_VLAN ? -1 : vlan & 0xffff;
            frame.vlanTpid = vlan === NO_VLAN ? -1 : vlan >>> 16;
            if (accept !== undefined && !accept(frame)) {
              this.counters.rejected++;
              continue;
            }
            n++;
            cb(frame);
            if (bytes.length === 0) return n;
          }
        }
        while (this.#left > 0 && n < limit) {
          const verdict = this.#step();
          if (verdict === DELIVER) {
            const start = filler.start;
            // No view here: Frame.data makes one only when the callback reads it.
            pointFrame(frame, buffer, start, filler.capLen);
            if (accept !== undefined && !accept(frame)) {
              this.counters.rejected++;
              continue;
            }
            n++;
            cb(frame);
            // The callback closed the capture: the memory is gone, stop here.
            if (bytes.length === 0) return n;
          } else if (verdict === CORRUPT) {
            this.counters.corrupt++;
            this.#left = 0;
          }
        }
      } finally {
        if (this.#left === 0 && this.#next >= this.#listed) this.#close();
      }
    }
    return n;
  }

  /** Lists the rest of the open block's frames into {@linkcode V3Ring.#frameCols} natively. */
  #walkFrames(): void {
    const left = this.#left;
    if (this.#frameCols.length < 8 * left) {
      // Room for twice these frames (the next blocks may hold a few more), at most a full block.
      this.#frameCols = new Uint32Array(8 * Math.min(this.#maxFrames, 2 * left));
    }
    const cols = this.#frameCols;
    const base = this.#block * this.#blockSize;
    const r = this.#frameWalker!(
      this.#blockBytes[this.#block]!,
      this.#blockSize,
      this.#pos - base,
      left,
      this.#snapLen,
      this.#loIndex,
      this.#walkFlags,
      cols,
      cols.length >>> 3,
    );
    this.#left = 0;
    this.#next = 0;
    if (r >= 0) this.#listed = r;
    else {
      this.#listed = -r - 1;
      this.counters.corrupt++;
    }
  }

  readyAtMs(): number {
    if (!this.ready) return NaN;
    const dv = this.#dv;
    const base = this.#block * this.#blockSize;
    // A block its timer retired went out later than its last frame, when is not recorded.
    if ((dv.getUint32(base + BLOCK_DESC.BLOCK_STATUS, HOST_LE) & TP_STATUS_BLK_TMO) !== 0) {
      return NaN;
    }
    return dv.getUint32(base + BLOCK_DESC.TS_LAST_PKT_SEC, HOST_LE) * 1000 +
      dv.getUint32(base + BLOCK_DESC.TS_LAST_PKT_NSEC, HOST_LE) / 1e6;
  }

  coalesceMs(maxMs: number): number {
    // The shorter of the last two fill times: one block slowed by a pause of the sender (or
    // of the machine) must not make a wait sleep through the flood that follows.
    let fill = Math.min(this.#fillMs, this.#prevFillMs);
    if (!(fill > 0 && fill < maxMs) || this.#calm > 0 || this.#u32.length === 0) return 0;
    if (this.#left >= 0) return 0;
    // How far the kernel got into the block at the cursor (the one it is filling while that
    // is not ready): blk_len counts the bytes written so far, ts_first_pkt is when it opened.
    // Racy reads; only a hint.
    const dv = this.#dv;
    const base = this.#block * this.#blockSize;
    const len = dv.getUint32(base + BLOCK_DESC.BLK_LEN, HOST_LE);
    const done = Math.min(1, len / this.#blockSize);
    const frames = dv.getUint32(base + BLOCK_DESC.NUM_PKTS, HOST_LE);
    if (frames >= 2 && done >= 1 / 8) {
      // Filling faster than the last blocks did (a burst after slow traffic): go by this one.
      // Its first frame came when it opened, so `frames` frames took `frames - 1` gaps.
      const opened = dv.getUint32(base + BLOCK_DESC.TS_FIRST_PKT_SEC, HOST_LE) * 1000 +
        dv.getUint32(base + BLOCK_DESC.TS_FIRST_PKT_NSEC, HOST_LE) / 1e6;
      const now = performance.timeOrigin + performance.now();
      const pace = (now - opened) * frames / (frames - 1) / done;
      if (pace >= 0 && pace < fill) fill = pace;
    }
    const wait = (coalesceTarget(this.#blockCount) - done) * fill;
    const limit = (this.#blockCount / 2 - done) * Math.min(fill, this.#fastFillMs);
    return Math.max(0, Math.min(wait, limit, maxMs));
  }

  watchBlocks(maxMs: number, marginMs: number): number {
    const fill = Math.min(this.#fillMs, this.#prevFillMs);
    if (!(fill > 0 && fill < maxMs) || this.#calm > 0 || this.#u32.length === 0) return 0;
    if (this.#left >= 0) return 0;
    const fast = Math.min(fill, this.#fastFillMs);
    const count = this.#blockCount;
    const want = Math.min(count >>> 1, count - Math.ceil(marginMs / fast));
    return want >= 2 ? want : 0;
  }

  watchMs(maxMs: number, want: number): number {
    if (this.#u32.length === 0) return 0;
    const fill = Math.min(this.#fillMs, this.#prevFillMs);
    const longest = fill > 0 ? Math.min(maxMs, (want + 1) * fill) : maxMs;
    const dv = this.#dv;
    const base = this.#block * this.#blockSize;
    // Racy reads of the block the kernel is filling: only a hint.
    if (dv.getUint32(base + BLOCK_DESC.NUM_PKTS, HOST_LE) === 0) return longest;
    const opened = dv.getUint32(base + BLOCK_DESC.TS_FIRST_PKT_SEC, HOST_LE) * 1000 +
      dv.getUint32(base + BLOCK_DESC.TS_FIRST_PKT_NSEC, HOST_LE) / 1e6;
    const age = performance.timeOrigin + performance.now() - opened;
    // A clock that disagrees (a timestamp ahead of now, or far behind): go by the pace alone.
    if (!(age >= 0 && age < 65536)) return longest;
    return Math.max(0, Math.min(longest, maxMs - age));
  }

  get cursor(): number {
    return this.#block;
  }

  get slotSize(): number {
    return this.#blockSize;
  }

  get slotCount(): number {
    return this.#blockCount;
  }

  /**
   * V3 blocks whose `block_status` says user space owns them, plus the one being filled: the
   * blocks held in batches, and the run of user-owned blocks from the cursor on (the kernel
   * retires blocks in ring order and stops at one user space owns, so there are no others).
   * Reads the status of the run and the next block only: each block's header is on a page of
   * its own, out of the cache after a wake-up.
   */
  queuedSlots(): number {
    const u32 = this.#u32;
    if (u32.length === 0) return 0;
    const held = this.#held;
    const count = this.#blockCount;
    let n = 0;
    for (let b = 0; b < count; b++) n += held[b]!;
    let b = this.#block;
    for (let i = 0; i < count && held[b] === 0; i++) {
      const at = (b * this.#blockSize + BLOCK_DESC.BLOCK_STATUS) >>> 2;
      if ((Atomics.load(u32, at) & TP_STATUS_USER) === 0) break;
      n++;
      // The step to the next block without a branch of its own: the warm-up's ring of two
      // blocks only ever wraps here, and a `b + 1` met first in a capture's second ready block
      // had no type feedback (--trace-deopt: queuedSlots thrown away ~0.1 s into a 1500-byte
      // flood, "Insufficient type feedback for binary operation").
      b++;
      if (b === count) b = 0;
    }
    return n + 1;
  }

  /**
   * Takes the rest of the block at the cursor whole; the cursor moves on at once and the block
   * goes back to the kernel on `release()`.
   *
   * @returns The batch, or `undefined` when no block is ready.
   * @example No batch from a fresh ring
   * ```ts
   * import { V3Ring } from "./ring.ts";
   * import assert from "node:assert/strict";
   * const ring = new V3Ring(new ArrayBuffer(4096), 4096, 1, {
   *   snapLen: 65535, direction: "inout", loopbackIfIndex: 0, cooked: "sll", reserve: 8,
   *   nanoseconds: false,
   * });
   * assert.equal(ring.nextBatch(), undefined);
   * ```
   */
  nextBatch(): Batch | undefined {
    if (this.#u32.length === 0) return undefined;
    if (this.#left < 0 && !this.#open()) return undefined;
    const block = this.#block;
    const base = block * this.#blockSize;
    // Never undefined (an empty array instead): one type at this site, so nextBatch compiled on
    // another ring (the JIT warm-up's) does not deoptimize ("wrong map") on this one.
    let set = this.#spare.length > 0 ? this.#spare.pop()! : NO_SET;
    // The frames still to walk, or those dispatch() listed and did not hand out (not both).
    const todo = this.#left + this.#listed - this.#next;
    if (set.columns.length < 5 * todo) {
      // Room for twice these frames (the next blocks may hold a few more), at most a full block.
      set = new Columns(new Uint32Array(5 * Math.min(this.#maxFrames, 2 * todo)));
    }
    const columns = set.columns;
    const room = columns.length / 5;
    const filler = this.#filler;
    const frame = this.#frame;
    // The view made at the start, unless the ring was unmapped since (it is detached then).
    const bytes = this.#blockBytes[block]!;
    let count = 0;
    if (this.#next < this.#listed) {
      // dispatch() handed out part of this block from its native walk: the rest of its list.
      const from = this.#frameCols;
      const fromRoom = from.length >>> 3;
      for (let i = this.#next; i < this.#listed; i++, count++) {
        for (let c = 0; c < 5; c++) columns[c * room + count] = from[c * fromRoom + i]!;
      }
      this.#listed = this.#next = 0;
    }
    const walker = this.#walker;
    if (walker !== undefined && this.#left > 0) {
      // The whole rest of the block in one native call: no per-frame JavaScript.
      const r = walker(
        bytes,
        this.#blockSize,
        this.#pos - base,
        this.#left,
        this.#snapLen,
        this.#loIndex,
        this.#walkFlags,
        columns,
        room,
      );
      this.#left = 0;
      if (r >= 0) count = r;
      else {
        count = -r - 1;
        this.counters.corrupt++;
      }
    }
    while (this.#left > 0) {
      const verdict = this.#step();
      if (verdict === DELIVER) {
        columns[count] = filler.start - base;
        columns[room + count] = filler.capLen;
        columns[2 * room + count] = frame.wireLen;
        columns[3 * room + count] = frame.sec;
        columns[4 * room + count] = frame.nsec;
        count++;
      } else if (verdict === CORRUPT) {
        this.counters.corrupt++;
        this.#left = 0;
      }
    }
    return this.#take(block, set, count);
  }

  /** Holds the walked block at the cursor as a batch of `count` frames; the cursor moves on. */
  #take(block: number, set: Columns, count: number): Batch {
    this.#held[block] = 1;
    this.#left = -1;
    this.#block = block + 1 === this.#blockCount ? 0 : block + 1;
    return new RingBatch(this.#blockBytes[block]!, set, count, this.#releaseBlocks, block, 1);
  }

  /** Batch release: hands the block back and lets the walker see it again. */
  readonly #releaseBlocks = (block: number, _n: number, columns: Columns): void => {
    if (this.#u32.length !== 0) {
      Atomics.store(
        this.#u32,
        (block * this.#blockSize + BLOCK_DESC.BLOCK_STATUS) >>> 2,
        TP_STATUS_KERNEL,
      );
    }
    this.#held[block] = 0;
    if (columns !== NO_SET) this.#spare.push(columns);
  };
}

/**
 * Walks a TPACKET_V2 ring: `frameCount` frames of `frameSize` bytes, each starting with
 * `struct tpacket2_hdr` whose `tp_status` says who owns it, the way libpcap's
 * `pcap_read_linux_mmap_v2()` does. Used for immediate mode and when V3 is refused.
 *
 * @example Wrap a V2 ring
 * ```ts
 * import { V2Ring } from "./ring.ts";
 * import assert from "node:assert/strict";
 * const ring = new V2Ring(new ArrayBuffer(8 * 2048), 2048, 8, {
 *   snapLen: 262144, direction: "inout", loopbackIfIndex: 0, cooked: "none", reserve: 4,
 *   nanoseconds: false,
 * });
 * assert.equal(ring.ready, false);
 * assert.equal(ring.nextBatch(), undefined);
 * ```
 */
export class V2Ring implements Ring {
  readonly counters: RingCounters = { blocks: 0, losing: 0, seqGaps: 0, corrupt: 0, rejected: 0 };
  readonly #bytes: Uint8Array;
  readonly #dv: DataView;
  readonly #u32: Uint32Array;
  readonly #filler: Filler;
  readonly #frame: Frame;
  readonly #frameSize: number;
  readonly #frameCount: number;
  readonly #held: Uint8Array;
  /** Index of the frame at the cursor. */
  #index = 0;

  /**
   * Wraps a mapped V2 ring; reads nothing until called.
   *
   * @param buffer The ring memory (`frameSize * frameCount` bytes at least).
   * @param frameSize `tp_frame_size`, a multiple of 16.
   * @param frameCount `tp_frame_nr` (`blockSize / frameSize * blockCount`).
   * @param opts How frames are shaped; checked here once.
   */
  constructor(buffer: ArrayBuffer, frameSize: number, frameCount: number, opts: FrameOptions) {
    checkGeometry("frame", frameSize, frameCount, tpacketAlign(TPACKET2_HDRLEN), buffer);
    checkFrameOptions(opts);
    this.#bytes = new Uint8Array(buffer);
    this.#dv = new DataView(buffer);
    this.#u32 = new Uint32Array(buffer, 0, (frameSize * frameCount) >>> 2);
    this.#frameSize = frameSize;
    this.#frameCount = frameCount;
    this.#held = new Uint8Array(frameCount);
    this.#filler = new Filler(buffer, this.counters, tpacketAlign(TP2.SIZE), TPACKET2_HDRLEN, opts);
    this.#frame = this.#filler.frame;
  }

  get ready(): boolean {
    return this.#statusAt(this.#index) !== 0;
  }

  /** `tp_status & TP_STATUS_USER`-owned status of frame `i` (acquire), or 0 if not ours now. */
  #statusAt(i: number): number {
    if (this.#u32.length === 0 || this.#held[i] !== 0) return 0;
    const status = Atomics.load(this.#u32, (i * this.#frameSize + TP2.STATUS) >>> 2);
    return (status & TP_STATUS_USER) !== 0 ? status : 0;
  }

  /** Reads frame `i` whose status is `status`; counts it. */
  #read(i: number, status: number): number {
    const counters = this.counters;
    counters.blocks++;
    if ((status & TP_STATUS_LOSING) !== 0) counters.losing++;
    const dv = this.#dv;
    const at = i * this.#frameSize;
    return this.#filler.fill(
      at,
      at + this.#frameSize,
      status,
      dv.getUint32(at + TP2.LEN, HOST_LE),
      dv.getUint32(at + TP2.SNAPLEN, HOST_LE),
      dv.getUint16(at + TP2.MAC, HOST_LE),
      dv.getUint32(at + TP2.SEC, HOST_LE),
      dv.getUint32(at + TP2.NSEC, HOST_LE),
      dv.getUint16(at + TP2.VLAN_TCI, HOST_LE),
      dv.getUint16(at + TP2.VLAN_TPID, HOST_LE),
    );
  }

  /**
   * Delivers up to `max` ready frames to `cb` without waiting; each frame goes back to the
   * kernel right after its callback, even when `cb` throws.
   *
   * @param cb Called with the ONE reused frame, valid only during the call.
   * @param max Frames to deliver at most; `<= 0` means no limit.
   * @returns The number of frames delivered.
   * @example Nothing is ready in a fresh ring
   * ```ts
   * import { V2Ring } from "./ring.ts";
   * import assert from "node:assert/strict";
   * const ring = new V2Ring(new ArrayBuffer(4096), 2048, 2, {
   *   snapLen: 96, direction: "out", loopbackIfIndex: 1, cooked: "none", reserve: 4,
   *   nanoseconds: true,
   * });
   * assert.equal(ring.dispatch(() => assert.fail("no frame"), 0), 0);
   * ```
   */
  dispatch(cb: (f: Frame) => void, max: number, accept?: (f: Frame) => boolean): number {
    const limit = max > 0 ? max : Infinity;
    const buffer = this.#bytes.buffer;
    const u32 = this.#u32;
    const filler = this.#filler;
    const frame = this.#frame;
    let n = 0;
    while (n < limit) {
      const i = this.#index;
      const status = this.#statusAt(i);
      if (status === 0) break;
      this.#index = i + 1 === this.#frameCount ? 0 : i + 1;
      try {
        const verdict = this.#read(i, status);
        if (verdict === DELIVER) {
          const start = filler.start;
          pointFrame(frame, buffer, start, filler.capLen);
          if (accept !== undefined && !accept(frame)) this.counters.rejected++;
          else {
            n++;
            cb(frame);
          }
        } else if (verdict === CORRUPT) {
          this.counters.corrupt++;
        }
      } finally {
        // The callback may have closed the capture: then there is nothing to hand back.
        if (u32.length !== 0) {
          Atomics.store(u32, (i * this.#frameSize + TP2.STATUS) >>> 2, TP_STATUS_KERNEL);
        }
      }
      if (u32.length === 0) break;
    }
    return n;
  }

  /** V2 frames come one at a time: nothing to coalesce. */
  coalesceMs(_maxMs: number): number {
    return 0;
  }

  /** V2 frames come one at a time: nothing to watch for. */
  watchBlocks(_maxMs: number, _marginMs: number): number {
    return 0;
  }

  /** V2: no watched naps. */
  watchMs(_maxMs: number, _want: number): number {
    return 0;
  }

  get cursor(): number {
    return this.#index;
  }

  get slotSize(): number {
    return this.#frameSize;
  }

  get slotCount(): number {
    return this.#frameCount;
  }

  /** V2 frames whose `tp_status` says user space owns them. */
  readyAtMs(): number {
    if (!this.ready) return NaN;
    const at = this.#index * this.#frameSize;
    return this.#dv.getUint32(at + TP2.SEC, HOST_LE) * 1000 +
      this.#dv.getUint32(at + TP2.NSEC, HOST_LE) / 1e6;
  }

  queuedSlots(): number {
    const u32 = this.#u32;
    if (u32.length === 0) return 0;
    let n = 0;
    for (let i = 0; i < this.#frameCount; i++) {
      if ((Atomics.load(u32, (i * this.#frameSize + TP2.STATUS) >>> 2) & TP_STATUS_USER) !== 0) n++;
    }
    return n;
  }

  /**
   * Takes the run of consecutive ready frames at the cursor (up to the end of the ring) whole;
   * the cursor moves on at once and the frames go back to the kernel on `release()`.
   *
   * @returns The batch, or `undefined` when no frame is ready.
   * @example No batch from a fresh ring
   * ```ts
   * import { V2Ring } from "./ring.ts";
   * import assert from "node:assert/strict";
   * const ring = new V2Ring(new ArrayBuffer(4096), 4096, 1, {
   *   snapLen: 65535, direction: "inout", loopbackIfIndex: 0, cooked: "sll2", reserve: 8,
   *   nanoseconds: false,
   * });
   * assert.equal(ring.nextBatch(), undefined);
   * ```
   */
  nextBatch(): Batch | undefined {
    const first = this.#index;
    let end = first;
    while (end < this.#frameCount && this.#statusAt(end) !== 0) end++;
    const n = end - first;
    if (n === 0) return undefined;
    const base = first * this.#frameSize;
    const columns = new Uint32Array(5 * n);
    const filler = this.#filler;
    const frame = this.#frame;
    let count = 0;
    for (let i = first; i < end; i++) {
      const status = Atomics.load(this.#u32, (i * this.#frameSize + TP2.STATUS) >>> 2);
      const verdict = this.#read(i, status);
      if (verdict === DELIVER) {
        columns[count] = filler.start - base;
        columns[n + count] = filler.capLen;
        columns[2 * n + count] = frame.wireLen;
        columns[3 * n + count] = frame.sec;
        columns[4 * n + count] = frame.nsec;
        count++;
      } else if (verdict === CORRUPT) {
        this.counters.corrupt++;
      }
      this.#held[i] = 1;
    }
    this.#index = end === this.#frameCount ? 0 : end;
    const bytes = this.#bytes.subarray(base, end * this.#frameSize);
    return new RingBatch(bytes, new Columns(columns), count, this.#releaseFrames, first, n);
  }

  /** Batch release: hands the frames back and lets the walker see them again. */
  readonly #releaseFrames = (first: number, n: number): void => {
    const live = this.#u32.length !== 0;
    for (let i = first; i < first + n; i++) {
      if (live) {
        Atomics.store(this.#u32, (i * this.#frameSize + TP2.STATUS) >>> 2, TP_STATUS_KERNEL);
      }
      this.#held[i] = 0;
    }
  };
}
