/**
 * Child process of wait_thread_test.ts (threads are counted per process, and the test suite
 * runs many files in one): `deno run -A _wait_child.ts CASE RX TX`, RX/TX the two ends of a
 * veth pair. Prints one JSON line. `TPACKET_WAIT` picks the wait as in the library.
 *
 * - `frames`: 300 frames sent from TX, read back on RX by loop(), nextBatch() and
 *   dispatch(); their payload tags in order, and the waiter threads seen while waiting.
 * - `cycles`: 60 open / wait / close cycles; the waiter threads before and after; then 5
 *   more and the end of the process right after the last close.
 * - `idle`: one 300 ms wait kept alive by nothing else, then the end without closing the
 *   capture (the process must exit by itself).
 *
 * @module
 */

import { openCapture } from "../../capture/mod.ts";
import { ethFrame } from "./_net.ts";

const [which, rx, tx] = Deno.args;

/** This process's threads named by the shim's waiter (`pthread_setname_np`). */
function waitThreads(): number {
  let n = 0;
  for (const t of Deno.readDirSync("/proc/self/task")) {
    try {
      if (Deno.readTextFileSync(`/proc/self/task/${t.name}/comm`).trim() === "tpacket-wait") n++;
    } catch { /* the thread ended meanwhile */ }
  }
  return n;
}

/** Waits up to 5 s for the waiter threads to come down to `n` (a thread ends on its own). */
async function settle(n: number): Promise<number> {
  const end = performance.now() + 5000;
  let now = waitThreads();
  while (now > n && performance.now() < end) {
    await new Promise((r) => setTimeout(r, 10));
    now = waitThreads();
  }
  return now;
}

const MAC = Uint8Array.of(0x02, 0, 0, 0, 0, 1);
const tag = (data: Uint8Array) => new DataView(data.buffer, data.byteOffset).getUint32(14);

if (which === "frames") {
  using out = openCapture(tx!, { promiscuous: false });
  const send = (from: number, n: number) => {
    for (let i = from; i < from + n; i++) out.send(ethFrame(MAC, MAC, 200, i));
  };
  const got: Record<string, number[]> = { loop: [], nextBatch: [], dispatch: [] };
  let threadsWhileWaiting = 0;
  {
    using cap = openCapture(rx!, { promiscuous: false, blockTimeoutMs: 5 });
    // The first frames arrive while loop() already waits on its thread.
    setTimeout(() => {
      threadsWhileWaiting = waitThreads();
      send(0, 100);
    }, 50);
    await cap.loop((f) => got.loop!.push(tag(f.data)), { count: 100 });
    setTimeout(() => send(100, 100), 20);
    while (got.nextBatch!.length < 100) {
      const b = await cap.nextBatch();
      if (b === undefined) break;
      for (let i = 0; i < b.count; i++) got.nextBatch!.push(tag(b.bytes.subarray(b.offsets[i]!)));
      b.release();
    }
    setTimeout(() => send(200, 100), 20);
    while (got.dispatch!.length < 100) {
      const n = await cap.dispatch((f) => got.dispatch!.push(tag(f.data)), { timeoutMs: 2000 });
      if (n === 0) break;
    }
  }
  console.log(JSON.stringify({ got, threadsWhileWaiting, threadsAfterClose: await settle(0) }));
} else if (which === "cycles") {
  const before = waitThreads();
  let most = 0;
  const cycle = async (i: number) => {
    const cap = openCapture(rx!, { promiscuous: false, blockTimeoutMs: 1, bufferSize: 65536 });
    await cap.dispatch(() => {}, { timeoutMs: 1 });
    most = Math.max(most, waitThreads());
    if (i % 2 === 0) cap.close();
    else await cap[Symbol.asyncDispose]();
  };
  for (let i = 0; i < 60; i++) await cycle(i);
  const after = await settle(before);
  // A few more, and the process ends right after the last close, its thread still on its
  // way out: the shim stays mapped until the end (or this exit would be a SIGSEGV).
  for (let i = 0; i < 5; i++) await cycle(i);
  console.log(JSON.stringify({ before, most, after }));
} else if (which === "idle") {
  const cap = openCapture(rx!, { promiscuous: false });
  // Nothing but the wait keeps the event loop alive for these 300 ms: without it the process
  // would end here with the top-level await unresolved.
  const t0 = performance.now();
  const n = await cap.dispatch(() => {}, { timeoutMs: 300 });
  const waitedMs = Math.round(performance.now() - t0);
  console.log(JSON.stringify({ n, waitedMs, threads: waitThreads() }));
  // No close, no wait pending: the process ends by itself.
} else {
  console.error(`_wait_child: Cannot run: unknown case "${which}"`);
  Deno.exit(2);
}
