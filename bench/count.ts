/**
 * The library-level contender of the capture benchmark: opens a capture, counts frames until
 * SIGTERM or SIGINT, then prints one JSON line on stdout, `captured` plus `Capture.stats()`:
 *
 * ```sh
 * deno run --allow-ffi --allow-read --allow-env bench/count.ts eth0          # loop() with a counter
 * deno run --allow-ffi --allow-read --allow-env bench/count.ts eth0 --batch  # nextBatch(), one block at a time
 * deno run --allow-ffi --allow-read --allow-env bench/count.ts eth0 --worker # the worker engine's counter
 * ```
 *
 * It says `listening on <device>` on stderr once the capture is open. Options mirror what
 * the benchmark gives tcpdump: a 2 MiB ring (`-B 2048`) and a 262144-byte snaplen.
 *
 * @module
 */
import { openCapture, openWorkerCapture } from "../capture/mod.ts";

const [device, ...rest] = Deno.args;
const batch = rest.includes("--batch");
const worker = rest.includes("--worker");
if (!device || rest.some((a) => a !== "--batch" && a !== "--worker")) {
  console.error("count: Cannot start: usage is count.ts DEVICE [--batch | --worker]");
  Deno.exit(1);
}

const stop = new AbortController();
for (const sig of ["SIGTERM", "SIGINT"] as const) {
  Deno.addSignalListener(sig, () => stop.abort());
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
  console.log(JSON.stringify({ captured: packets, ...stats, backend, ringVersion }));
  Deno.exit(0);
}

let capture;
try {
  // The same configuration as the tcpdump contender (-B 2048, 262144-byte snaplen, tcpdump's
  // 1000 ms timeout), so both sides do the same work per block.
  capture = openCapture(device, { bufferSize: 2048 * 1024, snapLen: 262144, blockTimeoutMs: 1000 });
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
  JSON.stringify({ captured, ...stats, backend, ringVersion }),
);
Deno.exit(0);
