/**
 * Capture lifecycle on an idle veth pair: waits that must wake (breakLoop,
 * AbortSignal, close), the event loop running during a wait, open/close cycles
 * that must not leak, and the errors for bad devices, bad options and missing
 * permissions.
 */

import assert from "node:assert/strict";
import { openCapture, SyscallError } from "../../capture/mod.ts";
import type { Frame } from "../../ring/frame.ts";
import {
  announceSkip,
  backends,
  boundTo,
  ensureShim,
  ethFrame,
  eventFds,
  fdCount,
  guard,
  ifIndexOf,
  packetSockets,
  run,
  SKIP,
  Veth,
} from "./_net.ts";

announceSkip("tests/capture/lifecycle_test.ts");

const ignore = SKIP !== undefined;
const CAPTURE_URL = new URL("../../capture/mod.ts", import.meta.url).href;

for (const backend of backends) {
  for (const immediate of [false, true]) {
    const ring = immediate ? "V2" : "V3";
    Deno.test({
      name: `Capture waits wake up and cycles do not leak (${backend}, ${ring})`,
      ignore,
      async fn(t) {
        if (backend === "shim") await ensureShim();
        const veth = Veth.create(`w${backend[0]}${immediate ? 2 : 3}`);
        const base = { backend, immediate } as const;
        try {
          await t.step("a timer fires during a wait and its breakLoop ends the loop", async () => {
            using cap = openCapture(veth.a, base);
            let fired = 0;
            const ticker = setInterval(() => fired++, 5);
            setTimeout(() => cap.breakLoop(), 60);
            const n = await guard(cap.loop(() => {}), 5000, "loop after breakLoop()");
            clearInterval(ticker);
            assert.equal(n, 0);
            assert.ok(fired >= 2, `the interval fired ${fired} times during the wait`);
          });

          await t.step("breakLoop before a loop ends the next one at once", async () => {
            using cap = openCapture(veth.a, base);
            cap.breakLoop();
            assert.equal(await guard(cap.loop(() => {}), 5000, "loop"), 0);
            // The request is consumed: a dispatch with a timeout now waits and returns 0.
            assert.equal(await cap.dispatch(() => {}, { timeoutMs: 20 }), 0);
          });

          await t.step(
            "an AbortSignal ends loop, dispatch, packets() and nextBatch()",
            async () => {
              using cap = openCapture(veth.a, base);
              const ac = new AbortController();
              setTimeout(() => ac.abort(), 30);
              assert.equal(await guard(cap.loop(() => {}, { signal: ac.signal }), 5000, "loop"), 0);
              const ac2 = new AbortController();
              setTimeout(() => ac2.abort(), 30);
              const d = cap.dispatch(() => {}, { signal: ac2.signal });
              assert.equal(await guard(d, 5000, "dispatch"), 0);
              const ac3 = new AbortController();
              setTimeout(() => ac3.abort(), 30);
              const kept = [];
              for await (const p of cap.packets({ signal: ac3.signal })) kept.push(p);
              assert.equal(kept.length, 0);
              const ac4 = new AbortController();
              setTimeout(() => ac4.abort(), 30);
              const batch = await guard(cap.nextBatch({ signal: ac4.signal }), 5000, "nextBatch");
              assert.equal(batch, undefined);
              // Already aborted: no wait at all.
              assert.equal(await cap.loop(() => {}, { signal: AbortSignal.abort() }), 0);
              // One wait at a time: a second concurrent one is refused with Busy.
              const ac5 = new AbortController();
              const first = cap.loop(() => {}, { signal: ac5.signal });
              await assert.rejects(cap.dispatch(() => {}), {
                name: "Busy",
                message: /^Cannot dispatch on ".*": another wait is running on this capture$/,
              });
              ac5.abort();
              assert.equal(await guard(first, 5000, "loop after abort"), 0);
            },
          );

          await t.step("close() ends a pending loop; kept views read as empty", async () => {
            const cap = openCapture(veth.a, base);
            using tx = openCapture(veth.b, { ...base, promiscuous: false });
            tx.send(ethFrame(veth.macA, veth.macB, 100, 1));
            let kept: Uint8Array | undefined;
            await guard(cap.loop((f: Frame) => kept = f.data, { count: 1 }), 5000, "one packet");
            assert.equal(kept!.length, 100);
            const pending = cap.loop(() => {});
            setTimeout(() => cap.close(), 30);
            assert.equal(await guard(pending, 5000, "loop after close()"), 0);
            assert.equal(kept!.length, 0, "the ring memory is detached");
            cap.close();
            assert.equal(await cap.loop(() => {}), 0);
            assert.equal(await cap.nextBatch(), undefined);
            assert.throws(
              () => cap.send(new Uint8Array(60)),
              /Cannot send on ".*": the capture is closed/,
            );
            assert.throws(() => cap.send(new Uint8Array(60)), Deno.errors.BadResource);
            assert.throws(() => cap.setFilter("arp"), {
              name: "BadResource",
              message: /^Cannot set the filter on ".*": the capture is closed$/,
            });
            await cap[Symbol.asyncDispose]();
          });

          await t.step("an interface going down ends the wait with a clear error", async () => {
            const down = Veth.create(`d${backend[0]}${immediate ? 2 : 3}`);
            try {
              using cap = openCapture(down.a, base);
              const pending = cap.loop(() => {});
              setTimeout(() => run("ip", "link", "set", down.a, "down"), 30);
              await assert.rejects(guard(pending, 5000, "loop after link down"), {
                name: "SyscallError",
                code: "ENETDOWN",
                message: `Cannot capture on "${down.a}": the interface went down`,
              });
              assert.throws(() => openCapture(down.a, base), {
                name: "SyscallError",
                code: "ENETDOWN",
                message: `Cannot open "${down.a}": the interface is down`,
              });
            } finally {
              down.remove();
            }
          });

          await t.step(
            "an interface that went down while nothing waited ends the next wait at once",
            async () => {
              const down = Veth.create(`e${backend[0]}${immediate ? 2 : 3}`);
              try {
                using cap = openCapture(down.a, base);
                // A first wait starts the waiter thread (shim); it times out with nothing.
                assert.equal(await cap.dispatch(() => {}, { timeoutMs: 20 }), 0);
                run("ip", "link", "set", down.a, "down");
                // The error comes while no wait is pending: the next one must still see it.
                await new Promise((resolve) => setTimeout(resolve, 50));
                await assert.rejects(guard(cap.nextBatch(), 5000, "nextBatch after link down"), {
                  name: "SyscallError",
                  code: "ENETDOWN",
                });
              } finally {
                down.remove();
              }
            },
          );

          await t.step("nextBatch hands over whole blocks", async () => {
            await using cap = openCapture(veth.a, base);
            using tx = openCapture(veth.b, { ...base, promiscuous: false });
            const frames = [1, 2, 3, 4].map((s) => ethFrame(veth.macA, veth.macB, 60 + s, s));
            for (const f of frames) tx.send(f);
            const seen: Uint8Array[] = [];
            while (seen.length < frames.length) {
              const batch = await guard(cap.nextBatch(), 5000, "a batch");
              assert.ok(batch !== undefined);
              for (let i = 0; i < batch.count; i++) {
                const at = batch.offsets[i]!;
                seen.push(batch.bytes.slice(at, at + batch.capLens[i]!));
                assert.equal(batch.wireLens[i], batch.capLens[i]);
              }
              batch.release();
              batch.release();
            }
            assert.deepEqual(seen, frames);
          });
        } finally {
          veth.remove();
        }
      },
    });
  }
}

Deno.test({
  name: "1000 open/close cycles (both backends, both rings) leak no fd and no mapping",
  ignore,
  async fn() {
    await ensureShim();
    const veth = Veth.create("cy");
    try {
      const workers = 20;
      const url = new URL("./_cycle_worker.ts", import.meta.url);
      const cycles = (n: number) =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(url, { type: "module" });
          w.onmessage = (e: MessageEvent<{ ok: boolean; message?: string }>) => {
            w.terminate();
            if (e.data.ok) resolve();
            else reject(new Error(e.data.message));
          };
          w.onerror = (e) => {
            w.terminate();
            reject(new Error(e.message));
          };
          w.postMessage({ device: veth.a, cycles: n });
        });
      // A first worker alone loads (and type-checks) the module graph once for the others, and
      // lets the runtime create what workers need for good; then the baseline.
      await guard(cycles(4), 120_000, "the first worker");
      const fds = fdCount();
      const events = eventFds();
      {
        // The measure sees an open capture: one bound socket, one ring mapping.
        using open = openCapture(veth.a, { backend: "libc" });
        assert.deepEqual(boundTo(open.ifIndex), { sockets: 1, maps: 1 });
      }
      await guard(
        Promise.all(Array.from({ length: workers }, () => cycles(1000 / workers))),
        120_000, // a bound against a hang, not a speed check: loaded machines are slow
        "1000 open/close cycles",
      );
      // Exact: nothing is left bound to this file's veth, neither a socket nor a ring mapping.
      assert.deepEqual(boundTo(ifIndexOf(veth.a)), { sockets: 0, maps: 0 });
      // Process-wide counts move with the runtime's worker fds and with test files running in
      // parallel (fanout groups, worker engines: hundreds of fds at once under load); a leak here
      // would add 1000 eventfds and 2000 fds, so half of that is the bound.
      assert.ok(eventFds() < events + 500, `eventfds: ${eventFds()} after, ${events} before`);
      assert.ok(fdCount() < fds + 1000, `fds: ${fdCount()} after, ${fds} before`);
    } finally {
      veth.remove();
    }
  },
});

Deno.test({
  name: "openCapture() names a missing device, for both backends",
  ignore,
  async fn() {
    await ensureShim();
    for (const backend of backends) {
      const sockets = packetSockets();
      for (let i = 0; i < 200; i++) {
        assert.throws(() => openCapture("tpknosuch9", { backend }), SyscallError);
      }
      assert.throws(() => openCapture("tpknosuch9", { backend }), {
        name: "SyscallError",
        message: 'Cannot open "tpknosuch9": no such device',
        code: "ENODEV",
        errno: 19,
      });
      // 200 failed opens: a socket left behind each time would show (parallel files open a few).
      assert.ok(
        packetSockets() < sockets + 50,
        `packet sockets: ${packetSockets()}, ${sockets} before`,
      );
    }
  },
});

Deno.test({
  name: 'openCapture() with backend "auto" takes the built shim',
  ignore,
  async fn() {
    await ensureShim();
    using cap = openCapture("lo");
    assert.equal(cap.backend, "shim");
  },
});

Deno.test("openCapture() refuses bad options before any system call", () => {
  const cases: [Record<string, unknown>, ErrorConstructor, string][] = [
    [{ snapLen: 0 }, RangeError, "snapLen must be an integer from 1 to 262144, got 0"],
    [{ snapLen: 1.5 }, RangeError, "snapLen must be an integer from 1 to 262144, got 1.5"],
    [{ snapLen: "96" }, TypeError, "snapLen must be a number, got string"],
    [
      { bufferSize: 100 },
      RangeError,
      "bufferSize must be an integer from 4096 to 4294967296, got 100",
    ],
    [{ blockSize: 5000 }, RangeError, "blockSize must be a power of two, got 5000"],
    [
      { blockSize: 1 << 20, bufferSize: 65536 },
      RangeError,
      "bufferSize (65536) must be at least blockSize (1048576)",
    ],
    [
      { blockTimeoutMs: 70000 },
      RangeError,
      "blockTimeoutMs must be an integer from 0 to 65535, got 70000",
    ],
    [
      { direction: "sideways" },
      TypeError,
      'direction must be one of "in", "out", "inout", got "sideways"',
    ],
    [{ preset: "fast" }, TypeError, 'preset must be one of "latency", "throughput", got "fast"'],
    [{ promiscuous: 1 }, TypeError, "promiscuous must be a boolean, got number"],
    [{ backend: "cuda" }, TypeError, 'backend must be one of "auto", "shim", "libc", got "cuda"'],
    [{ filter: [] }, RangeError, "filter must have 1 to 4096 instructions, got 0"],
    [
      { filter: [{ code: 6, jt: 0, jf: 0 }] },
      TypeError,
      "filter instruction 0 is not { code, jt, jf, k } in range",
    ],
  ];
  for (const [options, Ctor, message] of cases) {
    assert.throws(() => openCapture("eth0", options), {
      name: Ctor.name,
      message: `Cannot open "eth0": ${message}`,
    });
  }
  assert.throws(() => openCapture("a-name-far-too-long"), {
    name: "RangeError",
    message:
      'Cannot open "a-name-far-too-long": not a valid interface name (1 to 15 bytes, no "/", NUL or space)',
  });
  assert.throws(() => openCapture(7 as unknown as string), {
    name: "TypeError",
    message: "Cannot open a capture: the device must be a string, got number",
  });
});

/** Runs a child deno (in `dir`) that opens "lo" and prints the error message it gets. */
async function childOpen(
  dir: string,
  prefix: string[],
  denoArgs: string[],
  backend: string,
): Promise<string> {
  const script = `${dir}/open_${backend}.ts`;
  Deno.writeTextFileSync(
    script,
    `import { openCapture } from ${JSON.stringify(CAPTURE_URL)};
try { openCapture("lo", { backend: ${JSON.stringify(backend)} }).close(); console.log("opened"); }
catch (e) { console.log(e.message); }`,
  );
  Deno.chmodSync(script, 0o644);
  const out = await new Deno.Command(prefix[0] ?? Deno.execPath(), {
    args: [
      ...prefix.slice(1),
      ...(prefix.length ? [Deno.execPath()] : []),
      "run",
      ...denoArgs,
      script,
    ],
    env: { DENO_DIR: `${dir}/cache`, NO_COLOR: "1", HOME: dir },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout).trim();
}

Deno.test({
  name: "openCapture() without privileges or without --allow-ffi says what to do in one line",
  ignore,
  async fn() {
    await ensureShim();
    const dir = Deno.makeTempDirSync({ prefix: "tpk-perm-" });
    try {
      Deno.chmodSync(dir, 0o777); // the unprivileged child writes its module cache here
      const setpriv = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];
      for (const backend of backends) {
        const line = await childOpen(dir, setpriv, ["--allow-ffi", "--no-lock"], backend);
        assert.equal(
          line,
          'Cannot open "lo": socket(AF_PACKET) failed with EPERM (Operation not permitted) ' +
            "(capturing needs root or CAP_NET_RAW: run as root, or `setcap cap_net_raw+ep` on the deno binary)",
        );
      }
      const denied = await childOpen(dir, [], ["--no-lock"], "auto");
      assert.equal(
        denied,
        "Cannot open a capture: FFI access is not allowed (run deno with --allow-ffi)",
      );
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});
