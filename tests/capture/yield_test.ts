/**
 * The main-thread read API keeps the event loop running while the ring stays
 * ready (a flood): nextBatch(), dispatch() and packets() yield a turn now and
 * then even though no poll is awaited, as loop() does.
 */

import assert from "node:assert/strict";
import { openCapture } from "../../capture/mod.ts";
import { announceSkip, backends, ensureShim, ethFrame, SKIP, Veth } from "./_net.ts";

announceSkip("tests/capture/yield_test.ts");

/** Spins for `ms` (a slow consumer: the ring stays ready behind it). */
function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* busy */ }
}

Deno.test({
  name: "nextBatch(), dispatch() and packets() let a timer fire while blocks stay ready",
  ignore: SKIP !== undefined,
  async fn(t) {
    const veth = Veth.create("yd");
    try {
      for (const backend of backends) {
        if (backend === "shim") await ensureShim();
        using tx = openCapture(veth.b, { backend, promiscuous: false });
        const reads = {
          nextBatch: async (cap: ReturnType<typeof openCapture>) => {
            const b = await cap.nextBatch();
            b?.release();
          },
          dispatch: (cap: ReturnType<typeof openCapture>) => cap.dispatch(() => {}, { max: 3 }),
          packets: async (cap: ReturnType<typeof openCapture>) => {
            for await (const _ of cap.packets({ count: 3 })) { /* three frames */ }
          },
        };
        for (const [name, read] of Object.entries(reads)) {
          await t.step(`${backend}: ${name}`, async () => {
            // 4 KiB blocks of three 1000-byte frames: 40 blocks ready before the first read.
            using cap = openCapture(veth.a, {
              backend,
              promiscuous: false,
              bufferSize: 64 * 4096,
              blockSize: 4096,
              blockTimeoutMs: 1,
            });
            for (let i = 0; i < 120; i++) tx.send(ethFrame(veth.macA, veth.macB, 1000, i));
            await new Promise((r) => setTimeout(r, 50)); // every block retired
            let firedAt = -1;
            let reads = 0;
            setTimeout(() => (firedAt = reads), 5);
            // Each read takes 2 ms: 40 of them run 80 ms with the ring ready all along.
            while (reads < 40) {
              await read(cap);
              spin(2);
              reads++;
            }
            assert.ok(firedAt >= 0 && firedAt < 30, `the 5 ms timer fired after read ${firedAt}`);
          });
        }
      }
    } finally {
      veth.remove();
    }
  },
});

Deno.test({
  name: "loop() lets a timer fire during one long run of ready frames with a slow callback",
  ignore: SKIP !== undefined,
  async fn(t) {
    const veth = Veth.create("yl");
    try {
      for (const backend of backends) {
        if (backend === "shim") await ensureShim();
        await t.step(backend, async () => {
          using tx = openCapture(veth.b, { backend, promiscuous: false });
          using cap = openCapture(veth.a, {
            backend,
            promiscuous: false,
            bufferSize: 64 * 4096,
            blockTimeoutMs: 1,
            blockSize: 4096,
          });
          // 180 frames in 60 blocks, all ready before loop() starts; 0.2 ms each: 36 ms.
          for (let i = 0; i < 180; i++) tx.send(ethFrame(veth.macA, veth.macB, 1000, i));
          await new Promise((r) => setTimeout(r, 50));
          let firedAt = -1;
          let seen = 0;
          setTimeout(() => (firedAt = seen), 3);
          const n = await cap.loop(() => {
            spin(0.2);
            seen++;
          }, { count: 180 });
          assert.equal(n, 180);
          // One dispatch of all 180 would let it fire only at the end.
          assert.ok(firedAt >= 0 && firedAt < 120, `the 3 ms timer fired after frame ${firedAt}`);
        });
      }
    } finally {
      veth.remove();
    }
  },
});
