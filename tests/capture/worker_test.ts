/**
 * The worker capture engine over a veth pair this file creates: exact bytes
 * and counts on both backends and both rings, wake-ups of a worker blocked in
 * poll, a throwing handler, and open/close cycles that leave nothing behind.
 */

import assert from "node:assert/strict";
import { openCapture } from "../../capture/mod.ts";
import { openWorkerCapture, WORKER_STATS } from "../../capture/worker.ts";
import {
  announceSkip,
  backends,
  boundTo,
  ensureShim,
  ethFrame,
  fdCount,
  guard,
  ifIndexOf,
  SKIP,
  Veth,
} from "./_net.ts";

announceSkip("tests/capture/worker_test.ts");

const HANDLER = new URL("./_worker_handler.ts", import.meta.url);

/** Threads of this process: a worker left running would add one per engine. */
function threads(): number {
  return Number(/Threads:\s+(\d+)/.exec(Deno.readTextFileSync("/proc/self/status"))![1]);
}

type Kept = { data: Uint8Array; wireLen: number; linkType: number }[];

for (const backend of backends) {
  for (const immediate of [false, true]) {
    const ring = immediate ? "V2" : "V3";
    Deno.test({
      name: `Worker engine (${backend}, ${ring}): exact bytes, wake-ups, handler errors`,
      ignore: SKIP !== undefined,
      async fn(t) {
        if (backend === "shim") await ensureShim();
        const veth = Veth.create(`w${backend[0]}${immediate ? 2 : 3}`);
        const base = { backend, immediate, blockTimeoutMs: 1 } as const;
        try {
          using tx = openCapture(veth.b, { backend, promiscuous: false });

          await t.step("every injected frame arrives once, byte for byte, in order", async () => {
            const posted: unknown[] = [];
            await using engine = await openWorkerCapture(veth.a, {
              ...base,
              handler: HANDLER,
              onMessage: (m) => posted.push(m),
            });
            assert.equal(engine.backend, backend);
            assert.equal(engine.ringVersion, immediate ? 2 : 3);
            assert.equal(engine.linkType, 1);
            // The engine ran its own loop on synthetic frames before the bind (the warm-up):
            // none of it shows, in the counters or in what the handler keeps (below).
            const fresh = engine.stats();
            for (const k of ["delivered", "bytes", "wakeups", "blocks", "seqGaps"] as const) {
              assert.equal(fresh[k], 0, `${k} after open`);
            }
            assert.equal(fresh.maxBlocksHeld, 0);
            assert.equal(fresh.maxUnvisitedMs, 0);
            const sizes = [60, 61, 64, 100, 500, 1000, 1514, 60, 1499, 128];
            const frames = sizes.map((len, i) => ethFrame(veth.macA, veth.macB, len, i));
            const run = engine.run({ count: frames.length });
            for (const f of frames) assert.equal(tx.send(f), f.length);
            const { packets, result } = await guard(run, 5000, "ten frames");
            assert.equal(packets, frames.length);
            const kept = result as Kept;
            assert.deepEqual(kept.map((k) => k.data), frames);
            assert.deepEqual(kept.map((k) => k.wireLen), sizes);
            assert.deepEqual(kept.map((k) => k.linkType), sizes.map(() => 1));
            assert.deepEqual(posted, [{ ready: veth.a, linkType: 1 }]);
            const stats = engine.stats();
            assert.equal(stats.delivered, frames.length);
            assert.equal(stats.bytes, sizes.reduce((a, b) => a + b, 0));
            assert.equal(stats.dropped, 0);
            assert.ok(stats.maxBlocksHeld >= 1, `maxBlocksHeld ${stats.maxBlocksHeld}`);
            assert.ok(stats.maxUnvisitedMs >= 0);
            // The same counters, straight from the shared buffer another thread could hold.
            assert.equal(new Float64Array(engine.statsBuffer)[WORKER_STATS.DELIVERED], 10);
          });

          await t.step("breakLoop, abort and close wake a worker blocked in poll", async () => {
            await using engine = await openWorkerCapture(veth.a, base);
            const idle = engine.run();
            // The worker is in its poll loop once idle polls (250 ms each) have returned: on a
            // loaded machine a fixed pause may end before the worker even started the run. The
            // break must land inside a poll, not in the short stretch between two polls (there
            // the run ends at its flag check with no wake-up to count): so wait for the second
            // poll to begin (the code after the first one is the slowest, still being compiled)
            // and a little into it.
            for (let i = 0; i < 300 && engine.stats().wakeups < 2; i++) {
              await new Promise((r) => setTimeout(r, 10));
            }
            await new Promise((r) => setTimeout(r, 40));
            const before = engine.stats().wakeups;
            assert.ok(before >= 2, "the idle worker polls");
            let at = performance.now();
            engine.breakLoop();
            assert.equal((await guard(idle, 2000, "run after breakLoop")).packets, 0);
            assert.ok(engine.stats().wakeups > before, "the poll returned for the eventfd");
            assert.ok(performance.now() - at < 500, "breakLoop woke the worker promptly");
            const ac = new AbortController();
            const aborted = engine.run({ signal: ac.signal });
            await new Promise((r) => setTimeout(r, 50));
            at = performance.now();
            ac.abort();
            assert.equal((await guard(aborted, 2000, "run after abort")).packets, 0);
            assert.ok(performance.now() - at < 500, "abort woke the worker promptly");
            // A break with no run going ends the next run at once, as pcap_breakloop.
            engine.breakLoop();
            assert.equal((await guard(engine.run(), 2000, "run after an early break")).packets, 0);
            const pending = engine.run();
            await assert.rejects(engine.run(), { name: "Busy" });
            await new Promise((r) => setTimeout(r, 50));
            at = performance.now();
            await guard(engine.close(), 2000, "close");
            assert.ok(performance.now() - at < 500, "close woke the worker promptly");
            assert.equal((await pending).packets, 0);
            await assert.rejects(engine.run(), { name: "BadResource" });
            await engine.close(); // harmless twice
          });

          await t.step(
            "a handler that throws ends the run with its error, not a hang",
            async () => {
              await using engine = await openWorkerCapture(veth.a, {
                ...base,
                handler: HANDLER,
                handlerOptions: { throwAt: 2 },
              });
              const run = engine.run();
              for (let i = 0; i < 5; i++) tx.send(ethFrame(veth.macA, veth.macB, 80, i));
              await assert.rejects(guard(run, 5000, "the throwing run"), {
                name: "RangeError",
                message: "handler refuses frame 2",
              });
            },
          );

          await t.step(
            "an idle hook's promise is awaited, then the engine waits in poll",
            async () => {
              await using engine = await openWorkerCapture(veth.a, {
                ...base,
                handler: new URL("./_idle_handler.ts", import.meta.url),
              });
              const frames = [0, 1, 2].map((i) => ethFrame(veth.macA, veth.macB, 70, i));
              const run = engine.run({ timeoutMs: 800 });
              await new Promise((r) => setTimeout(r, 100));
              for (const f of frames) tx.send(f);
              const { result } = await guard(run, 5000, "a run with an async idle hook");
              const r = result as { frames: Uint8Array[]; idleCalls: number; overlapped: number };
              assert.deepEqual(r.frames, frames);
              assert.equal(r.overlapped, 0, "idle was called again before its promise settled");
              // Once per drained ring, each followed by a poll (up to 250 ms, or a block's
              // timeout): a few dozen at most in 800 ms, not one per 5 ms promise (160). The
              // poll count itself is not compared: a frame that lands while the promise is
              // pending is taken without one, so it can be lower than the idle calls.
              assert.ok(r.idleCalls >= 1 && r.idleCalls <= 40, `idle calls: ${r.idleCalls}`);
            },
          );

          await t.step(
            "setFilter() during a run and between runs, queued frames refiltered",
            async () => {
              await using engine = await openWorkerCapture(veth.a, { ...base, handler: HANDLER });
              const small = (i: number) => ethFrame(veth.macA, veth.macB, 80, i);
              const large = (i: number) => ethFrame(veth.macA, veth.macB, 900, i);
              // During a run: frames before the change all arrive, after it only the large ones.
              const run = engine.run();
              for (let i = 0; i < 3; i++) tx.send(small(i));
              const until = async (n: number) => {
                const deadline = Date.now() + 5000;
                while (engine.stats().delivered < n && Date.now() < deadline) {
                  await new Promise((r) => setTimeout(r, 10));
                }
              };
              await until(3);
              await guard(engine.setFilter("greater 500"), 5000, "setFilter during a run");
              for (let i = 3; i < 6; i++) {
                tx.send(small(i));
                tx.send(large(i));
              }
              await until(6);
              engine.breakLoop();
              const kept = (await guard(run, 5000, "the filtered run")).result as Kept;
              assert.deepEqual(kept.map((k) => k.data.length), [80, 80, 80, 900, 900, 900]);
              // Between runs: frames queued in the ring under the old filter go through the new one.
              await engine.setFilter("less 100");
              for (let i = 0; i < 4; i++) tx.send(small(i));
              await new Promise((r) => setTimeout(r, 100)); // in the ring, not yet read
              await engine.setFilter("greater 500");
              tx.send(small(9));
              tx.send(large(9));
              tx.send(large(10));
              const next = await guard(engine.run({ count: 2 }), 5000, "after the refilter");
              assert.deepEqual((next.result as Kept).map((k) => k.data), [large(9), large(10)]);
              // A program: accept everything again.
              await engine.setFilter([{ code: 0x06, jt: 0, jf: 0, k: 262144 }]);
              tx.send(small(11));
              const last = await guard(engine.run({ count: 1 }), 5000, "after a program filter");
              assert.deepEqual((last.result as Kept).map((k) => k.data), [small(11)]);
              // Closing the inflow keeps what is queued; untilDrained collects exactly that.
              for (let i = 20; i < 23; i++) tx.send(small(i));
              await new Promise((r) => setTimeout(r, 50));
              await engine.setFilter([{ code: 0x06, jt: 0, jf: 0, k: 0 }], { refilter: false });
              tx.send(small(24)); // refused by the kernel now
              const at = performance.now();
              const drained = await guard(
                engine.run({ untilDrained: true, timeoutMs: 4000 }),
                6000,
                "the drain",
              );
              assert.deepEqual(
                (drained.result as Kept).map((k) => k.data),
                [20, 21, 22].map(small),
              );
              assert.ok(performance.now() - at < 3000, "the drain ended before its timeout");
              await assert.rejects(engine.setFilter("tcp prot 80"), { name: "FilterSyntaxError" });
              await engine.close();
              await assert.rejects(engine.setFilter("arp"), { name: "BadResource" });
            },
          );

          await t.step("bad options and open errors come back with their class", async () => {
            await assert.rejects(openWorkerCapture(veth.a, { ...base, snapLen: 0 }), RangeError);
            await assert.rejects(openWorkerCapture("tpknosuchdev0", base), {
              name: "SyscallError",
              message: 'Cannot open "tpknosuchdev0": no such device',
            });
          });
        } finally {
          veth.remove();
        }
      },
    });
  }
}

Deno.test({
  name: "200 worker engine open/close cycles (both backends, both rings) leave no fd or mapping",
  ignore: SKIP !== undefined,
  async fn() {
    await ensureShim();
    const veth = Veth.create("wc");
    try {
      // The first engine loads the libraries and spawns the runtime's worker machinery.
      await (await openWorkerCapture(veth.a, { backend: "libc" })).close();
      const fds = fdCount();
      const before = threads();
      const kinds = backends.flatMap((backend) =>
        [false, true].map((immediate) => ({ backend, immediate }))
      );
      for (let i = 0; i < 200; i += 4) {
        await Promise.all(kinds.map(async (k) => {
          const engine = await openWorkerCapture(veth.a, { ...k, bufferSize: 1 << 16 });
          await engine.close();
        }));
      }
      // Exact: nothing is left bound to this test's veth, neither a socket nor a ring mapping.
      assert.deepEqual(boundTo(ifIndexOf(veth.a)), { sockets: 0, maps: 0 });
      // Process-wide counts also move with test files running in parallel; a socket or eventfd
      // left by each engine would add 200 or more.
      assert.ok(fdCount() < fds + 100, `file descriptors: ${fdCount()} after, ${fds} before`);
      assert.ok(threads() < before + 50, `threads: ${threads()} after, ${before} before`);
    } finally {
      veth.remove();
    }
  },
});
