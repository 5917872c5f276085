/**
 * What the worker engine's two sides share: the counters (one `Float64Array`
 * over a `SharedArrayBuffer` the worker writes after each visit of the ring
 * and the main thread, or a fanout group per member, reads at any time without
 * stopping the capture), the control word, and the handler module's contract.
 *
 * @module
 */

import type { Frame } from "../ring/frame.ts";
import type { Batch } from "../ring/ring.ts";
import type { CaptureStats } from "./options.ts";

/**
 * Slots of the engine's stats array (`Float64Array`): the engine's word for
 * each counter of {@linkcode WorkerStats}, and the control word.
 */
export const WORKER_STATS = {
  /** Frames handed to the handler (or counted by the built-in counter). */
  DELIVERED: 0,
  /** `PACKET_STATISTICS` totals. */
  RECEIVED: 1,
  DROPPED: 2,
  FREEZES: 3,
  /** Ring counters. */
  BLOCKS: 4,
  LOSING: 5,
  SEQ_GAPS: 6,
  CORRUPT: 7,
  REJECTED: 8,
  /** Polls that returned (wake-ups). */
  WAKEUPS: 9,
  /** Longest time in ms the ring held frames while user space was away from it. */
  MAX_UNVISITED_MS: 10,
  /** Most ring slots (V3 blocks, V2 frames) user space held at once. */
  MAX_HELD: 11,
  /** Captured bytes handed over (sum of capLen). */
  BYTES: 12,
  /** Number of slots. */
  LENGTH: 16,
} as const;

/**
 * Control words (an `Int32Array` of 2 over its own `SharedArrayBuffer`): word 0 is what the
 * owner asks (the values below); word 1 the generation of the last filter the owner sent,
 * which a running engine stops to take (see `WorkerCapture.setFilter`).
 */
export const ENGINE_CONTROL = {
  /** Keep going. */
  RUN: 0,
  /** End the current (or next) run, as `pcap_breakloop`. */
  BREAK: 1,
  /** End the run and close. */
  CLOSE: 2,
} as const;

/** What a worker engine counts: a capture's stats plus the stall measures. */
export interface WorkerStats extends CaptureStats {
  /** Frames handed to the handler since open. */
  delivered: number;
  /** Captured bytes handed to the handler since open. */
  bytes: number;
  /** Times the worker's poll returned. */
  wakeups: number;
  /**
   * Longest time, in ms, the ring held frames the worker had not come back
   * for (from the start of one visit to the next visit that found the ring
   * already ready): how close a slow handler came to filling the ring.
   */
  maxUnvisitedMs: number;
  /** Most ring slots (V3 blocks, V2 frames) user space held at once: the high-water mark. */
  maxBlocksHeld: number;
}

/**
 * Reads a stats array as a plain object.
 *
 * @param stats The engine's `Float64Array` (see {@linkcode WORKER_STATS}).
 * @returns A fresh object.
 */
export function readWorkerStats(stats: Float64Array): WorkerStats {
  const s = WORKER_STATS;
  return {
    received: stats[s.RECEIVED]!,
    dropped: stats[s.DROPPED]!,
    freezes: stats[s.FREEZES]!,
    losingBlocks: stats[s.LOSING]!,
    seqGaps: stats[s.SEQ_GAPS]!,
    blocks: stats[s.BLOCKS]!,
    corrupt: stats[s.CORRUPT]!,
    rejected: stats[s.REJECTED]!,
    delivered: stats[s.DELIVERED]!,
    bytes: stats[s.BYTES]!,
    wakeups: stats[s.WAKEUPS]!,
    maxUnvisitedMs: stats[s.MAX_UNVISITED_MS]!,
    maxBlocksHeld: stats[s.MAX_HELD]!,
  };
}

/** What a handler module's `init` gets: the capture's shape and a way to talk to the owner. */
export interface WorkerHandlerContext {
  /** The device name. */
  readonly device: string;
  /** `LINKTYPE_*` of the frames. */
  readonly linkType: number;
  /** Bytes kept per packet at most. */
  readonly snapLen: number;
  /** 3 (`TPACKET_V3`) or 2 (`TPACKET_V2`). */
  readonly ringVersion: 2 | 3;
  /** Interface index, 0 for `"any"`. */
  readonly ifIndex: number;
  /** `handlerOptions` from {@linkcode WorkerCaptureOptions}, structured-cloned. */
  readonly options: unknown;
  /** Sends a message to the owner's `onMessage` (structured clone; `transfer` moves buffers). */
  post(message: unknown, transfer?: Transferable[]): void;
  /** Ends the current run once the frames of this visit are handed over (e.g. a file is full). */
  stop(): void;
}

/**
 * What a handler module exports (every export optional). With neither
 * `onFrame` nor `onBatch` the engine only counts frames and bytes.
 */
export interface WorkerHandler {
  /**
   * Called once after open, before the first run. It may return the functions to use
   * instead of the module's own (all of them: what it leaves out is not called), so a
   * handler picks `onFrame` or `onBatch` from its options.
   */
  init?(
    ctx: WorkerHandlerContext,
  ): void | Omit<WorkerHandler, "init"> | Promise<void | Omit<WorkerHandler, "init">>;
  /**
   * Every frame: the ONE reused zero-copy frame, valid only during the call. A
   * returned promise is awaited after this visit of the ring, before the next wait.
   */
  onFrame?(frame: Frame): void | Promise<unknown>;
  /**
   * Every V3 block (V2: run of frames) whole, released when it returns (instead of
   * `onFrame`). When the filter runs in user space (the kernel refused it) and the handler
   * has `onFrame` too, the engine calls `onFrame`, so frames the filter rejects never arrive.
   */
  onBatch?(batch: Batch): void | Promise<unknown>;
  /**
   * With `onBatch`: called with synthetic batches (64-byte frames, not from the network)
   * while the engine warms up its own loop at open, before the socket is bound, so that the
   * code `onBatch` runs per block is compiled before the first real block, not while the
   * ring fills. It should do what `onBatch` does, with no effect anyone sees (write to
   * `/dev/null`, say); a throw ends the warm-up, not the capture. Never called once open
   * resolves.
   */
  warm?(batch: Batch): void;
  /** Called when the ring is drained, before the worker blocks in poll (flush output here). */
  idle?(): void | Promise<unknown>;
  /** Called at the end of each run; its (awaited) value is the run's `result`. */
  end?(): unknown;
  /** Called once before the engine closes (awaited). */
  close?(): void | Promise<unknown>;
}
