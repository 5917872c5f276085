/**
 * The main-thread read API measures its stalls: `Capture.stats()` reports the
 * longest time the ring held ready frames unvisited (`maxUnvisitedMs`) and the
 * most blocks in user space at once (`maxBlocksHeld`), as the worker engine does.
 */

import assert from "node:assert/strict";
import { type Capture, openCapture } from "../../capture/mod.ts";
import { announceSkip, backends, ensureShim, ethFrame, guard, SKIP, Veth } from "./_net.ts";

announceSkip("tests/capture/stall_stats_test.ts");

/** Spins for `ms`: a callback or handler that keeps the main thread away from the ring. */
function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* busy */ }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * 4 KiB blocks of three 1000-byte frames, retired after 1 ms (one jiffy or more): one block per
 * burst.
 */
function open(dev: string, backend: "shim" | "libc", blockTimeoutMs = 1): Capture {
  return openCapture(dev, {
    backend,
    promiscuous: false,
    bufferSize: 64 * 4096,
    blockSize: 4096,
    blockTimeoutMs,
  });
}

/**
 * A first read woken by a frame sent while it waits: the ring was never left ready,
 * one block was in user space.
 */
async function quietStart(cap: Capture, tx: Capture, veth: Veth): Promise<number> {
  const send = setTimeout(() => tx.send(ethFrame(veth.macA, veth.macB, 1000, 0)), 20);
  const n = await guard(cap.dispatch(() => {}, { timeoutMs: 3000 }), 5000, "the first frame");
  clearTimeout(send);
  assert.equal(n, 1);
  const s = cap.stats();
  assert.equal(s.maxBlocksHeld, 1, "one block ready at the first visit");
  assert.ok(s.maxUnvisitedMs < 150, `${s.maxUnvisitedMs} ms unvisited after a woken read`);
  return s.maxUnvisitedMs;
}

Deno.test({
  name:
    "Capture.stats() reports the stalls of loop() and nextBatch(): maxUnvisitedMs, maxBlocksHeld",
  ignore: SKIP !== undefined,
  async fn(t) {
    const veth = Veth.create("st");
    try {
      for (const backend of backends) {
        if (backend === "shim") await ensureShim();
        using tx = openCapture(veth.b, { backend, promiscuous: false });

        await t.step(`${backend}: loop() with a callback that sleeps 200 ms`, async () => {
          using cap = open(veth.a, backend);
          await quietStart(cap, tx, veth);
          // 99 frames in 33 blocks: loop()'s first slice (64 frames) sleeps on its first
          // frame, the next slice finds the rest still ready.
          for (let i = 1; i <= 99; i++) tx.send(ethFrame(veth.macA, veth.macB, 1000, i));
          await sleep(30); // every block retired
          let seen = 0;
          const n = await guard(
            cap.loop(() => {
              if (seen++ === 0) spin(200);
            }, { count: 99 }),
            5000,
            "99 frames",
          );
          assert.equal(n, 99);
          const s = cap.stats();
          assert.ok(s.maxUnvisitedMs >= 200, `maxUnvisitedMs ${s.maxUnvisitedMs}`);
          assert.ok(s.maxBlocksHeld >= 33, `maxBlocksHeld ${s.maxBlocksHeld} (33 blocks ready)`);
          assert.ok(s.maxBlocksHeld <= 64, `maxBlocksHeld ${s.maxBlocksHeld} of a 64-block ring`);
        });

        await t.step(
          `${backend}: nextBatch() with batches held and a handler that sleeps`,
          async () => {
            using cap = open(veth.a, backend);
            const quiet = await quietStart(cap, tx, veth);
            // Six blocks, one burst each.
            for (let i = 1; i <= 6; i++) {
              tx.send(ethFrame(veth.macA, veth.macB, 1000, i));
              await sleep(15);
            }
            await sleep(20);
            const held = [];
            for (let i = 0; i < 5; i++) {
              const b = await guard(cap.nextBatch(), 5000, `batch ${i}`);
              assert.ok(b !== undefined && b.count === 1);
              held.push(b);
            }
            // Five batches held and one block ready at the sixth visit (the counts are taken at
            // each visit: the first saw all six blocks in user space too).
            assert.equal(cap.stats().maxBlocksHeld, 6);
            for (const b of held) b.release();
            // A handler working on the last batch while the next block waits: longer than any
            // gap so far (the sends above left the first block ready for ~100 ms).
            const before = cap.stats().maxUnvisitedMs;
            assert.ok(before >= quiet);
            const away = Math.max(200, before + 100);
            spin(away);
            const last = await guard(cap.nextBatch(), 5000, "batch 5");
            assert.equal(last?.count, 1);
            last!.release();
            const s = cap.stats();
            assert.ok(s.maxUnvisitedMs >= away, `maxUnvisitedMs ${s.maxUnvisitedMs}, away ${away}`);
            assert.equal(s.maxBlocksHeld, 6);
          },
        );

        await t.step({
          name: `${backend}: a wake-up that reaches a busy main thread late counts`,
          fn: async () => {
            // A block timer longer than the step: the block can only go out full. With the 1 ms
            // one, the kernel's retire timer (every jiffy, 4 ms at HZ=250) now and then retired
            // the block while the frames were still arriving (with one to three of them: under
            // load the four reach the ring over a window of up to ms), and a block retired by
            // its timer has no time it went out (only its last frame's), so the late wake-up
            // was rightly not counted (6 of 160 tries, both backends).
            using cap = open(veth.a, backend, 10_000);
            // Four frames: the fourth does not fit, so the first block goes out full while the
            // main thread spins; the poll returns at once, the reader runs later.
            const busy = setTimeout(() => {
              for (let i = 1; i <= 4; i++) tx.send(ethFrame(veth.macA, veth.macB, 1000, i));
              spin(200);
            }, 20);
            const b = await guard(cap.nextBatch(), 5000, "the full block");
            clearTimeout(busy);
            assert.equal(b?.count, 3);
            b!.release();
            const s = cap.stats();
            // The kernel's timestamps and Date.now() agree to the millisecond.
            assert.ok(s.maxUnvisitedMs >= 195, `maxUnvisitedMs ${s.maxUnvisitedMs}`);
          },
        });
      }
    } finally {
      veth.remove();
    }
  },
});
