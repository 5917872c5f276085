import assert from "node:assert/strict";
import type { FrameOptions } from "./frame.ts";
import { syntheticRing, warmUp } from "./warm.ts";

function options(over: Partial<FrameOptions> = {}): FrameOptions {
  return {
    snapLen: 262144,
    direction: "inout",
    loopbackIfIndex: 0,
    cooked: "none",
    reserve: 4,
    nanoseconds: false,
    ...over,
  };
}

Deno.test("warmUp() walks synthetic frames through both paths of each ring version", () => {
  for (const version of [3, 2] as const) {
    for (const cooked of ["none", "sll", "sll2"] as const) {
      // Both paths (dispatch and nextBatch) of each round: twice the frames asked for, or more.
      const walked = warmUp(version, options({ cooked }), 2000);
      assert.ok(walked >= 4000, `V${version} ${cooked}: ${walked} frames walked`);
    }
  }
  // Frames the direction option refuses are walked too (and delivered to nobody).
  assert.equal(warmUp(3, options({ direction: "out" }), 1000), 0);
});

Deno.test("warmUp() hands each synthetic batch to onBatch before releasing it", () => {
  for (const version of [3, 2] as const) {
    let frames = 0;
    let batches = 0;
    const walked = warmUp(version, options(), 3000, (batch) => {
      batches++;
      frames += batch.count;
      // Not released yet: its columns still describe real synthetic frames.
      assert.ok(batch.count > 0 && batch.capLens[0] === 64, `V${version}: ${batch.capLens[0]}`);
    });
    assert.ok(batches > 1, `V${version}: ${batches} batches`);
    // Half of the walk went through nextBatch (the other half through dispatch).
    assert.equal(frames * 2, walked, `V${version}: ${frames} in batches, ${walked} walked`);
  }
});

Deno.test("warmUp() calls each of onFrames in turn instead of its own counter", () => {
  for (const version of [3, 2] as const) {
    const seen = [0, 0];
    const calls = [0, 0];
    const onFrames = [0, 1].map((k) => (f: { capLen: number }) => {
      calls[k]!++;
      seen[k]! += f.capLen;
    });
    const walked = warmUp(version, options(), 6000, undefined, onFrames);
    // Every frame dispatch delivered went to one of the callbacks, and both took turns.
    assert.ok(calls[0]! > 0 && calls[1]! > 0, `V${version}: calls ${calls}`);
    assert.equal(seen[0]! + seen[1]!, 64 * (calls[0]! + calls[1]!));
    // The other half of the walk went through nextBatch, as without onFrames.
    assert.equal((calls[0]! + calls[1]!) * 2, walked, `V${version}: ${calls} of ${walked}`);
  }
});

Deno.test("syntheticRing() gives its frames to each walk again after give()", () => {
  for (
    const [version, perTurn, frames] of [[3, 300, undefined], [2, 256, undefined], [3, 32, 16], [
      2,
      16,
      16,
    ]] as const
  ) {
    for (const cooked of ["none", "sll"] as const) {
      const { ring, give } = syntheticRing(
        version,
        options({ cooked }),
        undefined,
        undefined,
        frames,
      );
      assert.equal(ring.ready, true, `V${version} ${cooked}: written as the kernel retires slots`);
      for (let turn = 0; turn < 3; turn++) {
        give();
        let frames = 0;
        for (let b = ring.nextBatch(); b !== undefined; b = ring.nextBatch()) {
          frames += b.count;
          assert.equal(b.capLens[0], cooked === "none" ? 64 : 66); // 50 bytes after an SLL header
          b.release();
        }
        assert.equal(frames, perTurn, `V${version} ${cooked} turn ${turn}`);
        assert.equal(ring.ready, false);
      }
    }
  }
  assert.throws(() => syntheticRing(3, options(), undefined, undefined, 151), RangeError);
});
