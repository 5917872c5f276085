/**
 * The shim's waiter thread seen from JavaScript: `pk_waiter_start` runs a C thread per
 * capture that blocks in poll(2) on the socket and the eventfd whenever it is armed, then
 * calls ONE `Deno.UnsafeCallback.threadSafe` per isolate with the capture's id and the
 * revents. That wakes the event loop for a futex and the callback's hop, cheaper than a
 * `nonblocking` FFI call, which goes through the runtime's blocking thread pool each time.
 *
 * The callback is never closed: a thread may still be returning from it after its last call,
 * and closing it would free the code it returns through. It is unreferenced while no poll is
 * pending, so it never keeps the process alive by itself.
 *
 * @module
 */

import type { WaitThread } from "./types.ts";

/** The waiter symbols of the shim (`ffi/symbols.ts`), present in a current build. */
export interface WaiterSymbols {
  pk_waiter_start(
    fd: number,
    efd: number,
    id: number,
    wake: Deno.PointerValue,
    out: Uint8Array,
  ): number;
  pk_waiter_arm(handle: Deno.PointerValue, timeoutMs: number): number;
  pk_waiter_stop(handle: Deno.PointerValue): number;
  /** Absent in a shim built before it: the thread then only polls. */
  pk_waiter_nap: ((handle: Deno.PointerValue, ns: number) => number) | null;
  /** Absent in a shim built before it: waits then never watch the ring. */
  pk_waiter_watch:
    | ((
      handle: Deno.PointerValue,
      ring: ArrayBuffer,
      blockSize: number,
      blockCount: number,
      cursor: number,
      want: number,
      ns: number,
    ) => number)
    | null;
  pk_waiter_detach: ((handle: Deno.PointerValue) => number) | null;
}

const WAKE = { parameters: ["i32", "i32"], result: "void" } as const;

/** Pending polls by waiter id; the callback resolves and removes them. */
const pending = new Map<number, (revents: number) => void>();
let wake: Deno.UnsafeCallback<typeof WAKE> | undefined;
let nextId = 1;

function wakeCallback(): Deno.UnsafeCallback<typeof WAKE> {
  if (wake !== undefined) return wake;
  const cb = Deno.UnsafeCallback.threadSafe(WAKE, (id: number, revents: number) => {
    const resolve = pending.get(id);
    if (resolve === undefined) return;
    pending.delete(id);
    cb.unref();
    resolve(revents);
  });
  cb.unref(); // referenced only while a poll is pending
  return wake = cb;
}

/**
 * Starts a waiter thread for `fd` and `efd`.
 *
 * @param s The shim's waiter symbols.
 * @returns The thread, or -errno when it could not start.
 */
export function startWaitThread(
  s: WaiterSymbols,
  fd: number,
  efd: number,
): WaitThread | number {
  const cb = wakeCallback();
  const id = nextId++;
  const out = new BigUint64Array(1);
  const r = s.pk_waiter_start(fd, efd, id, cb.pointer, new Uint8Array(out.buffer));
  if (r < 0) return r;
  let handle: Deno.PointerValue = Deno.UnsafePointer.create(out[0]!);
  /** One armed wait (a poll, or a nap when `napNs` > 0), reported through the callback. */
  const arm = (timeoutMs: number, napNs: number): Promise<number> => {
    if (handle === null) return Promise.resolve(0); // stopped: nothing to wait for
    if (pending.has(id)) {
      return Promise.reject(new Error("Cannot poll: the waiter thread is already polling"));
    }
    const { promise, resolve } = Promise.withResolvers<number>();
    pending.set(id, resolve);
    cb.ref();
    if (napNs > 0) s.pk_waiter_nap!(handle, napNs);
    else s.pk_waiter_arm(handle, timeoutMs);
    return promise;
  };
  const nap = s.pk_waiter_nap;
  const watch = s.pk_waiter_watch;
  const detach = s.pk_waiter_detach;
  return {
    poll: (timeoutMs: number) => arm(timeoutMs, 0),
    ...(nap === null ? {} : { nap: (ms: number) => arm(0, Math.max(1, ms * 1e6)) }),
    ...(watch === null || detach === null ? {} : {
      watch(ring, blockSize, blockCount, cursor, want, ms): Promise<number> {
        if (handle === null) return Promise.resolve(0);
        if (pending.has(id)) {
          return Promise.reject(new Error("Cannot poll: the waiter thread is already polling"));
        }
        // Checked there before the thread is armed: -EINVAL for a geometry that does not fit.
        const r = watch(handle, ring, blockSize, blockCount, cursor, want, Math.max(1, ms * 1e6));
        if (r < 0) return Promise.resolve(r);
        // The callback runs on this thread, after this function returns: in time for it.
        const { promise, resolve } = Promise.withResolvers<number>();
        pending.set(id, resolve);
        cb.ref();
        return promise;
      },
    }),
    detach(): void {
      if (handle !== null && detach !== null) detach(handle);
    },
    stop(): void {
      if (handle === null) return;
      s.pk_waiter_stop(handle);
      handle = null; // the thread frees it
    },
  };
}
