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
import { V2Ring, V3Ring } from "./ring.ts";
import { type TestFrame, writeV2Frame, writeV3Block } from "./testing.ts";

/** Frames walked per path (dispatch, nextBatch): enough for V8's optimizing tier. */
export const WARM_FRAMES = 40_000;

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
 * @returns The frames walked (for a test: nonzero, so the walk did happen).
 */
export function warmUp(version: 2 | 3, opts: FrameOptions, frames = WARM_FRAMES): number {
  const cooked = opts.cooked !== "none";
  const buffer = new ArrayBuffer(BLOCK_SIZE);
  const u32 = new Uint32Array(buffer);
  let bytes = 0;
  const count = (f: Frame) => {
    bytes += f.capLen;
  };
  let walked = 0;
  if (version === 3) {
    const per = 200;
    writeV3Block(buffer, BLOCK_SIZE, 0, {
      frames: Array.from({ length: per }, (_, i) => syntheticFrame(cooked, i)),
    }, { cooked });
    const ring = new V3Ring(buffer, BLOCK_SIZE, 1, opts);
    const status = BLOCK_DESC.BLOCK_STATUS >>> 2;
    for (let n = 0; n < frames; n += per) {
      u32[status] = TP_STATUS_USER;
      walked += ring.dispatch(count, 0);
      u32[status] = TP_STATUS_USER;
      const batch = ring.nextBatch();
      if (batch === undefined) break;
      for (let i = 0; i < batch.count; i++) bytes += batch.capLens[i]!;
      walked += batch.count;
      batch.release();
    }
  } else {
    for (let i = 0; i < V2_FRAMES; i++) {
      writeV2Frame(buffer, FRAME_SIZE, i, syntheticFrame(cooked, i), { cooked });
    }
    const ring = new V2Ring(buffer, FRAME_SIZE, V2_FRAMES, opts);
    const give = () => {
      for (let i = 0; i < V2_FRAMES; i++) u32[(i * FRAME_SIZE + TP2.STATUS) >>> 2] = TP_STATUS_USER;
    };
    for (let n = 0; n < frames; n += V2_FRAMES) {
      give();
      walked += ring.dispatch(count, 0);
      give();
      const batch = ring.nextBatch();
      if (batch === undefined) break;
      for (let i = 0; i < batch.count; i++) bytes += batch.capLens[i]!;
      walked += batch.count;
      batch.release();
    }
  }
  return bytes > 0 ? walked : 0;
}
