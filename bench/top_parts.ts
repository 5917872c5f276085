/**
 * Where `top`'s CPU goes, part by part: its capture (the worker engine, the same options as
 * `examples/top.ts`) with less and less of its work, each mode printing bench/count.ts's JSON
 * line on SIGTERM, for bench/threads.ts:
 *
 * ```sh
 * for m in count touch table runs; do
 *   deno run --allow-all bench/threads.ts --json --size 64 --rate 250000 --count 500000 -- \
 *     deno run --allow-all bench/top_parts.ts {if} $m
 * done
 * ```
 *
 * - `count`: no handler, the engine counts (the ring walk, the waits).
 * - `touch`: a handler that reads two bytes of each packet's IP header: what reading the
 *   frames the kernel wrote costs, before any work on them.
 * - `table`: top's handler (`examples/_top_worker.ts`), one run until SIGTERM: the flow table
 *   and its warm-up, no snapshot.
 * - `runs`: the same with a run ended every second, as top ends one per snapshot: the table's
 *   selection and records of each snapshot, posted to this thread and dropped.
 * - `table-ts`, `runs-ts`: the same without the C shim's counter (the table's TypeScript path
 *   for every packet, as with the libc backend).
 *
 * `top --json` itself adds the main thread's share of a snapshot (its sums, process lookups,
 * JSON line).
 *
 * @module
 */
import { openWorkerCapture } from "../capture/mod.ts";
import type { TopWorkerOptions } from "../examples/_top_worker.ts";

const MODES = ["count", "touch", "table", "runs", "table-ts", "runs-ts"] as const;
const [device, mode] = Deno.args as [string | undefined, typeof MODES[number] | undefined];
if (!device || !mode || !MODES.includes(mode) || Deno.args.length !== 2) {
  console.error(`top_parts: Cannot start: usage is top_parts.ts DEVICE ${MODES.join("|")}`);
  Deno.exit(2);
}
const stop = new AbortController();
for (const sig of ["SIGTERM", "SIGINT"] as const) Deno.addSignalListener(sig, () => stop.abort());

const top = mode !== "count" && mode !== "touch";
const handlerOptions: TopWorkerOptions = {
  control: new SharedArrayBuffer(8),
  flows: 500,
  count: 0,
  expired: true,
  native: !mode.endsWith("-ts"),
};
let engine;
try {
  engine = await openWorkerCapture(device, {
    preset: "throughput",
    ...(mode === "touch" ? { handler: new URL("./_touch.ts", import.meta.url) } : {}),
    ...(top
      ? { handler: new URL("../examples/_top_worker.ts", import.meta.url), handlerOptions }
      : {}),
  });
} catch (e) {
  console.error(`top_parts: ${e instanceof Error ? e.message : e}`);
  Deno.exit(1);
}
console.error(`listening on ${device}`);
let packets = 0;
if (mode === "runs" || mode === "runs-ts") {
  const e = engine;
  const timer = setInterval(() => e.breakLoop(), 1000);
  stop.signal.addEventListener("abort", () => e.breakLoop());
  while (!stop.signal.aborted) packets += (await engine.run()).packets;
  clearInterval(timer);
} else packets = (await engine.run({ signal: stop.signal })).packets;
const stats = engine.stats();
await engine.close();
console.log(JSON.stringify({ captured: packets, ...stats }));
