/**
 * Wake-up coalescing of the main-thread reads (the `coalesce` option, on by default; shim, V3):
 * while blocks fill fast, a wait that finds the ring empty naps until several blocks are ready
 * (`Ring.watchBlocks`, `Ring.coalesceMs`); with `coalesce: false` it wakes per block. The
 * frames still arrive exact and in order, a break, an abort or `close()` ends the sleep at
 * once, a block its timer retired (slow traffic) is handed over without one, and a sleep is
 * never longer than the block timeout.
 *
 * The rings are 64 blocks of 4 KiB, three 1000-byte frames a block, and the sender spaces its
 * frames, so a block fills over two intervals (the kernel opens one when it retires the one
 * before, and retires it when the next frame does not fit).
 */

import assert from "node:assert/strict";
import { type Capture, openCapture } from "../../capture/mod.ts";
import { announceSkip, ensureShim, ethFrame, guard, SKIP, Veth } from "./_net.ts";

announceSkip("tests/capture/coalesce_test.ts");

const ignore = SKIP !== undefined;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `coalesce` undefined: the option left out (the default, watched naps). */
function open(dev: string, blockTimeoutMs: number, coalesce: boolean | undefined = true): Capture {
  return openCapture(dev, {
    backend: "shim",
    promiscuous: false,
    bufferSize: 64 * 4096,
    blockSize: 4096,
    blockTimeoutMs,
    ...(coalesce === undefined ? {} : { coalesce }),
  });
}

/** Sends frames `from`.. `from + n - 1` of 1000 bytes, one every `everyMs`; resolves when done. */
function pace(tx: Capture, veth: Veth, from: number, n: number, everyMs: number): Promise<void> {
  let i = 0;
  const { promise, resolve } = Promise.withResolvers<void>();
  const timer = setInterval(() => {
    tx.send(ethFrame(veth.macA, veth.macB, 1000, from + i));
    if (++i === n) {
      clearInterval(timer);
      resolve();
    }
  }, everyMs);
  return promise;
}

Deno.test({
  name: "a coalesced wait takes several blocks per wake-up, and loop() and nextBatch() still " +
    "get every frame byte for byte",
  ignore,
  async fn() {
    await ensureShim();
    const veth = Veth.create("cb");
    try {
      using tx = openCapture(veth.b, { backend: "shim", promiscuous: false });
      const n = 240; // 80 blocks
      {
        using cap = open(veth.a, 50);
        const got: Uint8Array[] = [];
        const sent = pace(tx, veth, 0, n, 1);
        const count = await guard(
          cap.loop((f) => void got.push(f.data.slice()), { count: n }),
          20_000,
          `${n} frames through loop()`,
        );
        await sent;
        assert.equal(count, n);
        for (let i = 0; i < n; i++) {
          assert.deepEqual(got[i], ethFrame(veth.macA, veth.macB, 1000, i), `frame ${i}`);
        }
        // A reader woken per block finds one or two ready; a coalesced one many more.
        const s = cap.stats();
        assert.ok(s.maxBlocksHeld >= 4, `maxBlocksHeld ${s.maxBlocksHeld}: no coalescing`);
        assert.ok(s.maxBlocksHeld <= 33, `maxBlocksHeld ${s.maxBlocksHeld} over half the ring`);
        assert.equal(s.dropped, 0);
      }
      {
        using cap = open(veth.a, 50);
        const got: Uint8Array[] = [];
        const sent = pace(tx, veth, n, n, 1);
        const deadline = performance.now() + 20_000;
        while (got.length < n && performance.now() < deadline) {
          const batch = await guard(cap.nextBatch(), 5000, "the next batch");
          assert.ok(batch !== undefined);
          for (let i = 0; i < batch.count; i++) {
            const at = batch.offsets[i]!;
            got.push(batch.bytes.slice(at, at + batch.capLens[i]!));
          }
          batch.release();
        }
        await sent;
        assert.equal(got.length, n);
        for (let i = 0; i < n; i++) {
          assert.deepEqual(got[i], ethFrame(veth.macA, veth.macB, 1000, n + i), `frame ${n + i}`);
        }
        const s = cap.stats();
        assert.ok(s.maxBlocksHeld >= 4, `maxBlocksHeld ${s.maxBlocksHeld}: no coalescing`);
      }
    } finally {
      veth.remove();
    }
  },
});

Deno.test({
  name: "breakLoop(), an abort and close() end a coalescing sleep at once",
  ignore,
  async fn(t) {
    await ensureShim();
    const veth = Veth.create("cw");
    try {
      using tx = openCapture(veth.b, { backend: "shim", promiscuous: false });
      // A frame every 40 ms: blocks fill in ~80 ms, so once the second block is in, a wait
      // sleeps for ~16 blocks' time (~1.2 s, under the 2 s block timeout). By 600 ms 15
      // frames were sent and 4 blocks (12 frames) are complete; a reader woken per block has
      // them all, a sleeping one only the first two blocks.
      const cases: [string, (cap: Capture, ac: AbortController) => void][] = [
        ["breakLoop()", (cap) => cap.breakLoop()],
        ["an abort", (_, ac) => ac.abort()],
        ["close()", (cap) => cap.close()],
      ];
      let from = 0;
      await t.step("without the option: a wake-up per block", async () => {
        using cap = open(veth.a, 2000, false);
        let delivered = 0;
        const loop = cap.loop(() => void delivered++);
        await pace(tx, veth, from, 15, 40);
        from += 15;
        // Frames 12-14 stay in the open block (its timer is 2 s); the 4 complete ones are in.
        for (let i = 0; i < 100 && delivered < 12; i++) await sleep(10);
        assert.equal(delivered, 12);
        cap.breakLoop();
        await guard(loop, 5000, "loop()");
      });
      for (const [what, stop] of cases) {
        await t.step(what, async () => {
          using cap = open(veth.a, 2000);
          const ac = new AbortController();
          let delivered = 0;
          const loop = cap.loop(() => void delivered++, { signal: ac.signal });
          const sent = pace(tx, veth, from, 15, 40);
          from += 15;
          await sent;
          await sleep(20);
          assert.ok(delivered <= 9, `${delivered} frames delivered: the wait did not sleep`);
          const before = performance.now();
          stop(cap, ac);
          await guard(loop, 5000, `loop() after ${what}`);
          const took = performance.now() - before;
          assert.ok(took < 300, `${what} ended the sleep after ${took.toFixed(0)} ms`);
        });
      }
    } finally {
      veth.remove();
    }
  },
});

Deno.test({
  name: "by default a wait naps, and the watched nap ends as soon as its blocks are ready: a " +
    "burst during it is delivered at once, not when the nap's time is up",
  ignore,
  async fn() {
    await ensureShim();
    const veth = Veth.create("cn");
    try {
      using tx = openCapture(veth.b, { backend: "shim", promiscuous: false });
      using cap = open(veth.a, 2000, undefined); // the default
      let delivered = 0;
      const loop = cap.loop(() => void delivered++);
      // A frame every 40 ms: blocks fill in ~80 ms, so the waits nap for half the ring (32
      // blocks), up to ~1.9 s (the block timeout less the age of the oldest frame).
      await pace(tx, veth, 0, 15, 40);
      await sleep(20);
      assert.ok(delivered <= 9, `${delivered} frames delivered: the wait did not nap`);
      // 100 frames at once complete 33 blocks: the nap must end now, not in a second or so.
      const before = performance.now();
      for (let i = 0; i < 100; i++) tx.send(ethFrame(veth.macA, veth.macB, 1000, 15 + i));
      // The last block may stay open (its timer is 2 s): up to 2 frames wait in it.
      for (let i = 0; i < 100 && delivered < 113; i++) await sleep(5);
      const took = performance.now() - before;
      assert.ok(delivered >= 113, `${delivered} of 115 frames delivered ${took.toFixed(0)} ms on`);
      assert.ok(took < 300, `the burst was delivered after ${took.toFixed(0)} ms`);
      assert.equal(cap.stats().dropped, 0);
      cap.breakLoop();
      await guard(loop, 5000, "loop()");
    } finally {
      veth.remove();
    }
  },
});

Deno.test({
  name: "after a burst, frames in blocks the timer retired arrive within the block timeout",
  ignore,
  async fn() {
    await ensureShim();
    const veth = Veth.create("ct");
    try {
      using tx = openCapture(veth.b, { backend: "shim", promiscuous: false });
      using cap = open(veth.a, 30);
      const sentAt = new Map<number, number>();
      const late: number[] = [];
      let delivered = 0;
      const loop = cap.loop((f) => {
        delivered++;
        const seq = new DataView(f.data.buffer, f.data.byteOffset).getUint32(14);
        const at = sentAt.get(seq);
        if (at !== undefined) late.push(performance.now() - at);
      });
      await pace(tx, veth, 0, 60, 1); // blocks fill in a few ms: waits coalesce
      await sleep(300);
      for (let i = 0; i < 5; i++) {
        sentAt.set(1000 + i, performance.now());
        tx.send(ethFrame(veth.macA, veth.macB, 1000, 1000 + i));
        await sleep(150);
      }
      cap.breakLoop();
      await guard(loop, 5000, "loop()");
      assert.equal(delivered, 65);
      assert.equal(late.length, 5);
      // The kernel retires a block 30 ms after it opened (rounded to jiffies), and a loaded
      // machine's event loop can be late by tens of ms more: the bound is loose. It catches a
      // wait that does not wake for the retired block (sleeping on instead of polling); that
      // no sleep follows a block its timer retired is ring/ring_test.ts's coalesceMs() case.
      for (const ms of late) assert.ok(ms < 250, `a lone frame took ${ms.toFixed(0)} ms`);
    } finally {
      veth.remove();
    }
  },
});

Deno.test({
  name: "a coalescing sleep is never longer than the block timeout",
  ignore,
  async fn() {
    await ensureShim();
    const veth = Veth.create("cm");
    try {
      using tx = openCapture(veth.b, { backend: "shim", promiscuous: false });
      // 128 blocks: a wait aims at 32 of them ready. A frame every 4 ms fills a block in ~8
      // ms, so 32 blocks take ~256 ms; the sleep stops at the 60 ms block timeout. The bound
      // leaves a loaded machine's event loop 140 ms of lateness and is still below what an
      // unbounded sleep would make the first block wait.
      using cap = openCapture(veth.a, {
        backend: "shim",
        promiscuous: false,
        bufferSize: 128 * 4096,
        blockSize: 4096,
        blockTimeoutMs: 60,
        coalesce: true,
      });
      const n = 240;
      const sent = pace(tx, veth, 0, n, 4);
      const count = await guard(cap.loop(() => {}, { count: n }), 20_000, `${n} frames`);
      await sent;
      assert.equal(count, n);
      const s = cap.stats();
      assert.ok(s.maxBlocksHeld >= 3, `maxBlocksHeld ${s.maxBlocksHeld}: no coalescing`);
      assert.ok(s.maxUnvisitedMs < 200, `frames waited ${s.maxUnvisitedMs.toFixed(1)} ms`);
    } finally {
      veth.remove();
    }
  },
});
