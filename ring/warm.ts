/**
 * JIT warm-up of the ring walkers: before a capture's first real block, walk a small
 * synthetic ring of the same version and frame options through `dispatch` and `nextBatch`,
 * so V8 has compiled the per-frame code (the interpreter, then two compiler tiers, take the
 * first few thousand frames otherwise: ~10 ms of CPU, and the slowest frames come first,
 * when a burst starts). Private to the package: the worker engine calls it once at open.
 *
 * @module
 */

import type { Frame, FrameOptions } from "./frame.ts";
import { BLOCK_DESC, TP2, TP_STATUS_USER } from "./layout.ts";
import {
  type Batch,
  type BlockTaker,
  type BlockWalker,
  type Ring,
  V2Ring,
  V3Ring,
} from "./ring.ts";
import { type TestFrame, writeV2Frame, writeV3Block } from "./_synthetic.ts";

/** Frames walked per path (dispatch, nextBatch): enough for V8's optimizing tier. */
export const WARM_FRAMES = 80_000;

/** Frames per `dispatch` call in the sliced rounds (see `onFrames`): a slice of `loop()`. */
export const WARM_SLICE = 64;

/** Turns of a synthetic ring walked before a fresh one is made. */
const RING_EVERY = 8;
const BLOCK_SIZE = 1 << 16;
const FRAME_SIZE = 256;
const V2_FRAMES = BLOCK_SIZE / FRAME_SIZE;

/** A 64-byte UDP/IPv4 frame, the kind the walk sees most at high rates. */
function syntheticFrame(cooked: boolean, i: number): TestFrame {
  const data = new Uint8Array(cooked ? 50 : 64);
  if (!cooked) data.set([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0]);
  return { data, sec: 1_700_000_000, nsec: i * 1000, ifIndex: 0x7fff_fff0 };
}

/**
 * Walks `frames` synthetic frames through each of the walker's paths for this ring version
 * and these frame options (their own ring memory: the capture's ring is not touched).
 *
 * @param version 3 (`TPACKET_V3`) or 2 (`TPACKET_V2`).
 * @param opts The capture's frame options (cooked or not, direction, precision).
 * @param frames Frames per path.
 * @param onBatch Called with each synthetic batch before its release: the caller's own
 *   per-batch code (e.g. a counter over `capLens`) gets compiled with the walker.
 * @param onFrames When given, `dispatch` calls these in turn (one per round) instead of the
 *   built-in counter, and every other round delivers in slices of {@linkcode WARM_SLICE}
 *   frames, as `Capture.loop()` does. Two or more make the call site megamorphic, as it is
 *   once a user's callback comes: warmed with one, the compiled walker inlines it and is
 *   thrown away at the first frame of the capture ("wrong call target").
 * @param walker The capture's native block walker, if it has one: its call gets compiled too.
 * @param frameWalker The capture's native walker for `dispatch`, if it has one (as `walker`).
 * @returns The frames walked (for a test: nonzero, so the walk did happen).
 */
export function warmUp(
  version: 2 | 3,
  opts: FrameOptions,
  frames = WARM_FRAMES,
  onBatch?: (batch: Batch) => void,
  onFrames?: readonly ((f: Frame) => void)[],
  walker?: BlockWalker,
  frameWalker?: BlockWalker,
): number {
  const cooked = opts.cooked !== "none";
  const buffer = new ArrayBuffer(BLOCK_SIZE);
  const u32 = new Uint32Array(buffer);
  let bytes = 0;
  const count = (f: Frame) => {
    bytes += f.capLen;
  };
  let walked = 0;
  const walk = (ring: Ring, turn: number) => {
    if (onFrames === undefined || onFrames.length === 0) return ring.dispatch(count, 0);
    const cb = onFrames[turn % onFrames.length]!;
    if (turn % 2 === 0) return ring.dispatch(cb, 0);
    let n = 0;
    for (let got = -1; got !== 0;) n += got = ring.dispatch(cb, WARM_SLICE);
    return n;
  };
  if (version === 3) {
    // Two blocks: the walk also steps from one block to the next (with one, the cursor's
    // move past the last block would run first on the capture's ring).
    const blockSize = BLOCK_SIZE / 2;
    const per = 150;
    for (let b = 0; b < 2; b++) {
      writeV3Block(buffer, blockSize, b, {
        frames: Array.from({ length: per }, (_, i) => syntheticFrame(cooked, i)),
      }, { cooked });
    }
    const give = () => {
      u32[BLOCK_DESC.BLOCK_STATUS >>> 2] = TP_STATUS_USER;
      u32[(blockSize + BLOCK_DESC.BLOCK_STATUS) >>> 2] = TP_STATUS_USER;
    };
    let ring = new V3Ring(buffer, blockSize, 2, opts, walker, undefined, frameWalker);
    for (let n = 0, turn = 0; n < frames; n += 2 * per, turn++) {
      // A fresh ring now and then: what a ring does once (its first block, a block's first
      // columns) also runs with type feedback, as it will on the capture's own new ring;
      // else the compiled walker meets it there as a deoptimization (measured: nextBatch).
      if (turn % RING_EVERY === RING_EVERY - 1) {
        ring = new V3Ring(buffer, blockSize, 2, opts, walker, undefined, frameWalker);
      }
      give();
      walked += walk(ring, turn);
      give();
      for (let b = 0; b < 2; b++) {
        const batch = ring.nextBatch();
        if (batch === undefined) break;
        for (let i = 0; i < batch.count; i++) bytes += batch.capLens[i]!;
        walked += batch.count;
        onBatch?.(batch);
        batch.release();
      }
    }
  } else {
    for (let i = 0; i < V2_FRAMES; i++) {
      writeV2Frame(buffer, FRAME_SIZE, i, syntheticFrame(cooked, i), { cooked });
    }
    let ring = new V2Ring(buffer, FRAME_SIZE, V2_FRAMES, opts);
    const give = () => {
      for (let i = 0; i < V2_FRAMES; i++) u32[(i * FRAME_SIZE + TP2.STATUS) >>> 2] = TP_STATUS_USER;
    };
    for (let n = 0, turn = 0; n < frames; n += V2_FRAMES, turn++) {
      if (turn % RING_EVERY === RING_EVERY - 1) {
        ring = new V2Ring(buffer, FRAME_SIZE, V2_FRAMES, opts);
      }
      give();
      walked += walk(ring, turn);
      give();
      const batch = ring.nextBatch();
      if (batch === undefined) break;
      for (let i = 0; i < batch.count; i++) bytes += batch.capLens[i]!;
      walked += batch.count;
      onBatch?.(batch);
      batch.release();
    }
  }
  return bytes > 0 ? walked : 0;
}

/** A small synthetic ring and how to hand all of it to user space again (see {@linkcode syntheticRing}). */
export interface SyntheticRing {
  /** The walker over the synthetic frames. */
  readonly ring: Ring;
  /**
   * Marks every slot user-owned again, as the kernel does when it retires them.
   *
   * @param flags More `block_status` bits for V3 blocks (`TP_STATUS_LOSING`, `TP_STATUS_BLK_TMO`),
   *   so the reader's rarer branches run too; ignored for V2.
   */
  give(flags?: number): void;
}

/**
 * A ring like the capture's (same version, frame options and native walker) over its own
 * memory: two V3 blocks of 150 64-byte frames, or 256 V2 frames; for the worker engine's
 * warm-up of its own loop (`capture/_engine.ts`), which walks it as it will walk the real one.
 *
 * @param version 3 (`TPACKET_V3`) or 2 (`TPACKET_V2`).
 * @param opts The capture's frame options.
 * @param walker The capture's native block walker, if it has one.
 * @param taker Its native wait-and-walk, if it has one.
 * @param frames Frames in each V3 block (at most 150), or V2 frames (at most 256).
 * @returns The ring and its `give()`.
 */
export function syntheticRing(
  version: 2 | 3,
  opts: FrameOptions,
  walker?: BlockWalker,
  taker?: BlockTaker,
  frames = version === 3 ? 150 : V2_FRAMES,
): SyntheticRing {
  if (!(Number.isInteger(frames) && frames >= 1 && frames <= (version === 3 ? 150 : V2_FRAMES))) {
    throw new RangeError(`Cannot make a synthetic ring of ${frames} frames per slot run`);
  }
  const cooked = opts.cooked !== "none";
  const buffer = new ArrayBuffer(BLOCK_SIZE);
  const u32 = new Uint32Array(buffer);
  if (version === 3) {
    const blockSize = BLOCK_SIZE / 2;
    for (let b = 0; b < 2; b++) {
      writeV3Block(buffer, blockSize, b, {
        frames: Array.from({ length: frames }, (_, i) => syntheticFrame(cooked, i)),
      }, { cooked });
    }
    return {
      ring: new V3Ring(buffer, blockSize, 2, opts, walker, taker),
      give(flags = 0) {
        u32[BLOCK_DESC.BLOCK_STATUS >>> 2] = TP_STATUS_USER | flags;
        u32[(blockSize + BLOCK_DESC.BLOCK_STATUS) >>> 2] = TP_STATUS_USER | flags;
      },
    };
  }
  for (let i = 0; i < frames; i++) {
    writeV2Frame(buffer, FRAME_SIZE, i, syntheticFrame(cooked, i), { cooked });
  }
  return {
    ring: new V2Ring(buffer, FRAME_SIZE, frames, opts),
    give() {
      for (let i = 0; i < frames; i++) u32[(i * FRAME_SIZE + TP2.STATUS) >>> 2] = TP_STATUS_USER;
    },
  };
}
