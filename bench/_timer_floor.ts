/**
 * Worker of `bench/count.ts --timer`: the same 1 ms timer chain as the main thread's, in an
 * idle Worker of the same process, over the ticks in which the interface received frames
 * (its `rx_packets` in sysfs moved). Nothing else runs on this thread, so its lateness is
 * what the machine's scheduler costs during the flood: the floor under the main thread's.
 *
 * Messages: `{ device, rx }` starts it (`rx`, an `Int32Array` over a `SharedArrayBuffer`, gets
 * each `rx_packets` it reads, for the main thread's chain to keep the same ticks); `"report"`
 * answers `{ p99Ms, maxMs, samples }`.
 *
 * @module
 */

/// <reference lib="deno.worker" />

const late: number[] = [];
let on = true;

/** Why `rx_packets` could not be read, said once to the main thread (no tick is kept then). */
let failed = false;

function rxPackets(path: string): number {
  try {
    return Number(Deno.readTextFileSync(path));
  } catch (e) {
    if (!failed) self.postMessage({ error: `cannot read ${path}: ${(e as Error).message}` });
    failed = true;
    return NaN;
  }
}

self.onmessage = (e: MessageEvent) => {
  if (typeof e.data === "object" && e.data !== null && typeof e.data.device === "string") {
    const path = `/sys/class/net/${e.data.device}/statistics/rx_packets`;
    const rx = e.data.rx instanceof Int32Array ? e.data.rx : new Int32Array(1);
    let last = rxPackets(path);
    const tick = (due: number) => {
      if (!on) return;
      const now = performance.now();
      const n = rxPackets(path);
      Atomics.store(rx, 0, n | 0);
      if (n !== last && !Number.isNaN(n)) late.push(Math.max(0, now - due));
      last = n;
      setTimeout(tick, 1, now + 1);
    };
    setTimeout(tick, 1, performance.now() + 1);
  } else if (e.data === "report") {
    on = false;
    const sorted = late.toSorted((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
    self.postMessage({ p99Ms: at(0.99), maxMs: sorted.at(-1), samples: sorted.length });
  }
};
