/**
 * What one wake-up of a main-thread wait costs, with no traffic: an idle Worker writes an
 * eventfd every `--period` ms, and the main thread waits for it `--count` times, each way a
 * capture's wait can sleep: on the shim's waiter thread (a thread-safe callback into the event
 * loop: `thread`) and by a nonblocking FFI poll (the runtime's thread pool: `poll`). The CPU
 * of each thread comes from `/proc/self/task/TID/sched` before and after; the Worker's own is
 * left out. A floor under every main-thread `loop()` and `nextBatch()`: one such wake-up per
 * block, whatever the reader does.
 *
 * ```sh
 * deno run --allow-all bench/wake.ts --period 3 --count 1000
 * ```
 *
 * Prints one JSON line: `{ periodMs, count, thread: { mainUs, otherUs }, poll: { ... } }`, CPU
 * µs per wake-up of the main thread and of the process's other threads (the waiter thread, the
 * runtime's pool, V8's).
 *
 * @module
 */
import { loadBackend } from "../ffi/backend.ts";
import { buildShim } from "../ffi/build.ts";
import type { Backend } from "../ffi/types.ts";
import { parseSchedRuntime } from "./harness.ts";

const USAGE = `Usage: deno run --allow-all bench/wake.ts [--period MS] [--count N]
  --period MS   the eventfd is written every MS milliseconds (default 3)
  --count N     wake-ups measured per way of waiting (default 1000)`;

/** The options, checked; throws a one-line Error on a bad one. */
export function parseWakeArgs(argv: readonly string[]): { periodMs: number; count: number } {
  const o = { periodMs: 3, count: 1000 };
  for (let i = 0; i < argv.length; i++) {
    const key = ({ "--period": "periodMs", "--count": "count" } as const)[argv[i] as "--period"];
    if (key === undefined) throw new Error(`unknown option "${argv[i]}"`);
    const text = argv[++i];
    const n = Number(text);
    if (text === undefined || !Number.isInteger(n) || n < 1) {
      throw new Error(`${argv[i - 1]} needs a whole number >= 1, not "${text ?? ""}"`);
    }
    o[key] = n;
  }
  return o;
}

/** CPU seconds so far of each thread of this process, by thread id. */
function threadCpu(): Map<number, number> {
  const m = new Map<number, number>();
  for (const e of Deno.readDirSync("/proc/self/task")) {
    try {
      const s = parseSchedRuntime(Deno.readTextFileSync(`/proc/self/task/${e.name}/sched`));
      if (s !== undefined) m.set(Number(e.name), s);
    } catch { /* the thread ended */ }
  }
  return m;
}

/** CPU µs per wake-up of the main thread and of the others but `skip`, over `wait` x count. */
async function measure(
  count: number,
  skip: number,
  wait: () => Promise<unknown>,
  drain: () => void,
): Promise<{ mainUs: number; otherUs: number }> {
  for (let i = 0; i < 20; i++) { // the first wake-ups start threads and compile the code
    await wait();
    drain();
  }
  const before = threadCpu();
  for (let i = 0; i < count; i++) {
    await wait();
    drain();
  }
  const after = threadCpu();
  let main = 0;
  let other = 0;
  for (const [tid, s] of after) {
    if (tid === skip) continue;
    const used = s - (before.get(tid) ?? 0);
    if (tid === Deno.pid) main += used;
    else other += used;
  }
  const us = (s: number) => Math.round(s * 1e7 / count) / 10;
  return { mainUs: us(main), otherUs: us(other) };
}

async function main(): Promise<void> {
  let o;
  try {
    o = parseWakeArgs(Deno.args);
  } catch (e) {
    console.error(`wake: Cannot start: ${(e as Error).message} (see --help)`);
    Deno.exit(2);
  }
  if ((await buildShim({ quiet: true })) === "no-cc") {
    console.error("wake: Cannot start: the shim is not built and there is no C compiler");
    Deno.exit(1);
  }
  const b: Backend = loadBackend("shim");
  const tick = b.eventfd();
  const efd = b.eventfd();
  const worker = new Worker(new URL("./_wake_ticker.ts", import.meta.url).href, { type: "module" });
  const tid = await new Promise<number>((resolve) => {
    worker.onmessage = (e: MessageEvent<number>) => resolve(e.data);
    worker.postMessage({ fd: tick, periodMs: o.periodMs });
  });
  const drain = () => b.eventfdDrain(tick);
  const t = b.startWaitThread?.(tick, efd);
  if (t === undefined || typeof t === "number") {
    console.error("wake: Cannot start: the shim has no waiter thread");
    Deno.exit(1);
  }
  const thread = await measure(o.count, tid, () => t.poll(-1), drain);
  const poll = await measure(o.count, tid, () => b.poll(tick, efd, -1), drain);
  t.stop();
  worker.terminate();
  console.log(JSON.stringify({ periodMs: o.periodMs, count: o.count, thread, poll }));
}

if (import.meta.main) {
  if (Deno.args.includes("--help")) console.log(USAGE);
  else await main();
}
