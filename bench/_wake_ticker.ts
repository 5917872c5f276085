/**
 * bench/wake.ts's clock: writes the eventfd it is given every `periodMs`, from a Worker so the
 * main thread has nothing to do but wait. Posts its thread id first (its CPU is left out).
 *
 * @module
 */
import { loadBackend } from "../ffi/backend.ts";

self.onmessage = (e: MessageEvent<{ fd: number; periodMs: number }>) => {
  const b = loadBackend("shim");
  const { fd, periodMs } = e.data;
  setInterval(() => b.eventfdSignal(fd), periodMs);
  const here = Deno.readLinkSync("/proc/thread-self"); // "PID/task/TID"
  (self as unknown as Worker).postMessage(Number(here.split("/").at(-1)));
};
