/**
 * Worker of the open/close cycle test: opens and closes captures on a device,
 * rotating through both backends and both rings. Each close waits for the
 * kernel's RCU grace periods (packet_release → synchronize_net), so the test
 * spreads the cycles over workers that wait in parallel.
 */

import { openCapture } from "../../capture/mod.ts";

interface Job {
  device: string;
  cycles: number;
}

/** The worker's global scope, typed without the worker lib (checked along with window code). */
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<Job>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (e: MessageEvent<Job>) => {
  const { device, cycles } = e.data;
  try {
    for (let k = 0; k < cycles; k++) {
      const cap = openCapture(device, {
        backend: k % 2 === 0 ? "shim" : "libc",
        immediate: (k >> 1) % 2 === 1,
        bufferSize: 64 * 1024,
        blockSize: 16 * 1024,
      });
      cap.close();
    }
    scope.postMessage({ ok: true });
  } catch (err) {
    scope.postMessage({ ok: false, message: String((err as Error)?.message ?? err) });
  }
};
