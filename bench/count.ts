/**
 * The library-level contender of the capture benchmark: opens a capture, counts frames until
 * SIGTERM or SIGINT, then prints one JSON line on stdout, `captured` plus `Capture.stats()`:
 *
 * ```sh
 * deno run --allow-ffi --allow-read --allow-env bench/count.ts eth0          # loop() with a counter
 * deno run --allow-ffi --allow-read --allow-env bench/count.ts eth0 --batch  # nextBatch(), one block at a time
 * deno run --allow-ffi --allow-read --allow-env bench/count.ts eth0 --worker # the worker engine's counter
 * deno run --allow-ffi --allow-read --allow-env bench/count.ts eth0 --timer  # loop() + a main-thread timer
 * deno run --allow-ffi --allow-read --allow-env bench/count.ts eth0 --fanout 4  # a fanout group of 4 engines
 * deno run --allow-ffi --allow-read --allow-env bench/count.ts eth0 --poll   # loop(), waits by nonblocking poll
 * deno run --allow-ffi --allow-read --allow-env bench/count.ts eth0 --coalesce  # loop(), coalesced waits
 * deno run --allow-ffi --allow-read --allow-env bench/count.ts eth0 --plain  # loop(), a wake-up per block
 * ```
 *
 * `--coalesce` (with loop() or --batch) opens the capture with `coalesce: true`, `--plain` with
 * `coalesce: false` (the reader woken for every block); neither, the default: while blocks
 * fill fast, a wait naps until several blocks are ready (watched naps, see the option).
 *
 * `--poll` (with loop() or --batch) sets `TPACKET_WAIT=poll`: with the shim, a wait on the main
 * thread then sleeps in a nonblocking poll (libc's way) instead of on the shim's waiter thread.
 *
 * `--timer` (with any of them) also runs a 1 ms timer chain on the main thread and adds how
 * late it fired to the line: `timerP99Ms` (99th percentile) and `timerMaxMs`, over the ticks in
 * which the interface received frames: whether the event loop keeps running during a flood. The same chain in an
 * idle Worker (`_timer_floor.ts`) gives `timerFloorP99Ms`: what the machine's scheduler alone
 * costs meanwhile, the floor under the main thread's figure.
 *
 * It says `listening on <device>` on stderr once the capture is open. Options mirror what
 * the benchmark gives tcpdump: a 2 MiB ring (`-B 2048`) and a 262144-byte snaplen.
 *
 * @module
 */
import { openCapture, openFanout, openWorkerCapture } from "../capture/mod.ts";

const [device, ...args] = Deno.args;
const fanoutAt = args.indexOf("--fanout");
const members = fanoutAt < 0 ? 0 : Number(args[fanoutAt + 1]);
const rest = fanoutAt < 0 ? args : args.toSpliced(fanoutAt, 2);
const batch = rest.includes("--batch");
const worker = rest.includes("--worker");
const timer = rest.includes("--timer");
if (rest.includes("--poll")) Deno.env.set("TPACKET_WAIT", "poll"); // read when the shim loads
const FLAGS = ["--batch", "--worker", "--timer", "--poll", "--coalesce", "--plain"];
if (
  !device || rest.some((a) => !FLAGS.includes(a)) ||
  (fanoutAt >= 0 && !(Number.isInteger(members) && members >= 1))
) {
  console.error(
    "count: Cannot start: usage is count.ts DEVICE [--batch | --worker | --fanout N] [--timer] [--poll] [--coalesce | --plain]",
  );
  Deno.exit(1);
}

const stop = new AbortController();
for (const sig of ["SIGTERM", "SIGINT"] as const) {
  Deno.addSignalListener(sig, () => stop.abort());
}

/**
 * Lateness of each 1 ms timer, in ms (when it fired minus when it was due), kept only
 * for ticks during which the interface received frames: the figure is about the flood, not
 * the idle time.
 */
const late: number[] = [];
/** The idle Worker's timer chain (the floor), with --timer. */
const floor = timer
  ? new Worker(new URL("./_timer_floor.ts", import.meta.url).href, { type: "module" })
  : undefined;
/**
 * The interface's `rx_packets` as the idle Worker last read it: the main thread's chain keeps
 * the ticks in which it moved, as the Worker's does. (Going by the frames the reader had seen
 * kept only the ticks right after a wake-up, which for a reader woken once for several blocks
 * are the few busy ones; the flood's other ticks, on time, went uncounted.)
 */
const rx = new Int32Array(new SharedArrayBuffer(4));
floor?.postMessage({ device, rx });
if (floor) {
  // Until the report is asked for: only the floor's error, if it cannot read rx_packets.
  floor.onmessage = (e: MessageEvent) => {
    if (typeof e.data?.error === "string") console.error(`count: --timer: ${e.data.error}`);
  };
}
if (timer) {
  let last = 0;
  const tick = (due: number) => {
    if (stop.signal.aborted) return;
    const now = performance.now();
    const n = Atomics.load(rx, 0);
    if (n !== last) late.push(Math.max(0, now - due));
    last = n;
    setTimeout(tick, 1, now + 1);
  };
  setTimeout(tick, 1, performance.now() + 1);
}

/** The timer's figures for the JSON line (none without --timer). */
async function timerFigures(): Promise<Record<string, number>> {
  if (!timer || late.length === 0) return {};
  const sorted = late.toSorted((a, b) => a - b);
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!;
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  const figures: Record<string, number> = {
    timerP99Ms: round(p99),
    timerMaxMs: round(sorted[sorted.length - 1]!),
    timerSamples: sorted.length,
  };
  if (floor !== undefined) {
    const got = new Promise<MessageEvent>((resolve) => floor.onmessage = resolve);
    floor.postMessage("report");
    const r = await Promise.race([
      got,
      new Promise<undefined>((r) => setTimeout(() => r(undefined), 2000)),
    ]);
    floor.terminate();
    if (r !== undefined && typeof r.data.p99Ms === "number") {
      figures.timerFloorP99Ms = round(r.data.p99Ms);
      figures.timerFloorSamples = r.data.samples;
    }
  }
  return figures;
}

if (members > 0) {
  let group;
  try {
    group = await openFanout(device, {
      members,
      bufferSize: 2048 * 1024,
      snapLen: 262144,
      blockTimeoutMs: 1000,
    });
  } catch (e) {
    console.error(`count: ${e instanceof Error ? e.message : e}`);
    Deno.exit(1);
  }
  console.error(`listening on ${device}`);
  const { packets } = await group.run({ signal: stop.signal });
  const { total, members: each } = group.stats();
  const { backend, ringVersion } = group.members[0]!;
  await group.close();
  console.log(JSON.stringify({
    captured: packets,
    ...total,
    backend,
    ringVersion,
    perMember: each.map((m) => m.delivered),
    ...(await timerFigures()),
  }));
  Deno.exit(0);
}

if (worker) {
  let engine;
  try {
    engine = await openWorkerCapture(device, {
      bufferSize: 2048 * 1024,
      snapLen: 262144,
      blockTimeoutMs: 1000,
    });
  } catch (e) {
    console.error(`count: ${e instanceof Error ? e.message : e}`);
    Deno.exit(1);
  }
  console.error(`listening on ${device}`);
  const { packets } = await engine.run({ signal: stop.signal });
  const stats = engine.stats();
  const { backend, ringVersion } = engine;
  await engine.close();
  console.log(
    JSON.stringify({
      captured: packets,
      ...stats,
      backend,
      ringVersion,
      ...(await timerFigures()),
    }),
  );
  Deno.exit(0);
}

let capture;
try {
  // The same configuration as the tcpdump contender (-B 2048, 262144-byte snaplen, tcpdump's
  // 1000 ms timeout), so both sides do the same work per block.
  capture = openCapture(device, {
    bufferSize: 2048 * 1024,
    snapLen: 262144,
    blockTimeoutMs: 1000,
    ...(rest.includes("--coalesce") ? { coalesce: true } : {}),
    ...(rest.includes("--plain") ? { coalesce: false } : {}),
  });
} catch (e) {
  console.error(`count: ${e instanceof Error ? e.message : e}`);
  Deno.exit(1);
}
console.error(`listening on ${device}`);

let captured = 0;
try {
  if (batch) {
    while (!stop.signal.aborted) {
      const b = await capture.nextBatch({ signal: stop.signal });
      if (!b) break;
      captured += b.count;
      b.release();
    }
  } else {
    await capture.loop(() => {
      captured++;
    }, { signal: stop.signal });
  }
} catch (e) {
  // An abort may surface as an AbortError; anything else is a real failure.
  if (!stop.signal.aborted) {
    console.error(`count: ${e instanceof Error ? e.message : e}`);
    capture.close();
    Deno.exit(1);
  }
}
const stats = capture.stats();
const { backend, ringVersion } = capture;
capture.close();
console.log(
  JSON.stringify({
    captured,
    ...stats,
    backend,
    ringVersion,
    ...(await timerFigures()),
  }),
);
Deno.exit(0);
