/**
 * Waiting, in one place: the poll of the socket and the eventfd (on the shim's
 * waiter thread, else a nonblocking FFI call), EINTR, POLLERR, the break and
 * abort wake-ups, one wait at a time, and the rule that the fds outlive a poll
 * still running on its thread.
 *
 * @module
 */

import { check, SyscallError } from "../ffi/errno.ts";
import { EINTR, ENETDOWN, POLLERR, POLLHUP, POLLNVAL, SO_ERROR, SOL_SOCKET } from "../ffi/linux.ts";
import type { WaitThread } from "../ffi/types.ts";
import type { Handles } from "./activate.ts";
import type { Ring } from "../ring/ring.ts";

/**
 * During a flood the ring stays ready and no poll is awaited: after this long without a
 * turn of the event loop, a read yields one, so timers and I/O keep running (a turn by
 * `setImmediate` costs a few µs: every 2 ms is ~0.2 % of a core). At 8 ms a 1 ms timer's
 * 99th percentile lateness was 8–12 ms during a 64-byte flood.
 */
export const YIELD_AFTER_MS = 2;

/**
 * The environment variable that turns wake-up coalescing on for every capture
 * (`TPACKET_COALESCE=1`) or off (`=0`), whatever the `coalesce` option says: for comparing
 * (`deno task bench`). Read only with `--allow-env` for it.
 */
export const COALESCE_ENV = "TPACKET_COALESCE";

/**
 * Block timeouts below this (ms) mean the user asked for latency (the `latency` preset has 1):
 * waits are then never coalesced.
 */
export const COALESCE_MIN_BLOCK_TIMEOUT_MS = 4;

/**
 * The longest a wait may sleep to coalesce wake-ups (see `Ring.coalesceMs`), in ms; 0: never.
 * A wait on the main thread costs three thread wake-ups per block (the waiter thread's arming
 * and poll, the event loop's callback), tens of µs of CPU each here: while blocks fill fast, a
 * wait that finds the ring empty has the waiter thread nap until several blocks are ready, and
 * the reader takes those blocks in one visit. With a current shim the thread watches the
 * blocks' status words meanwhile (`WaitThread.watch`): the nap ends as soon as half the ring
 * is ready (less {@linkcode WATCH_MARGIN_MS} of traffic at the fastest pace: see
 * `Ring.watchBlocks`), or a ready block was retired by its timer or says the kernel dropped
 * frames, or after `want + 1` blocks' time at the recent pace, and never keeps a frame past
 * the block timeout (`Ring.watchMs`). With an older one it sleeps the time about a quarter of
 * the ring should take (`Ring.coalesceMs`), blind to a flood that speeds up meanwhile. Only
 * with the shim's waiter thread and a V3 ring whose block
 * timeout is at least {@linkcode COALESCE_MIN_BLOCK_TIMEOUT_MS}: the latency this adds is then
 * below what the block timeout already allows at low rates, and a block retired by its timer
 * (slow traffic) turns it off until blocks fill fast again. The eventfd ends a nap at once,
 * so a break, an abort or `close()` still do. (A Worker's synchronous
 * poll wakes once per block and cheaply: coalescing it measured no cheaper and lost frames
 * sooner, so the worker engine does not.) Watched naps are on unless the `coalesce` option
 * is false or `TPACKET_COALESCE=0`; fixed ones only when the option is true or
 * `TPACKET_COALESCE=1` (they measured cheaper in some runs, not in others, and lost frames at
 * 64 B floods where the plain wait did not).
 *
 * @param h The activated capture's handles.
 * @param blockTimeoutMs The ring's block timeout (0: the kernel's default; not coalesced).
 * @param wanted The `coalesce` option (undefined: not given).
 * @returns The limit in ms.
 */
export function coalesceLimitMs(
  h: Handles,
  blockTimeoutMs: number,
  wanted: boolean | undefined,
): number {
  if (h.b.kind !== "shim" || h.ringVersion !== 3) return 0;
  if (blockTimeoutMs < COALESCE_MIN_BLOCK_TIMEOUT_MS) return 0;
  return coalesceWanted(wanted) === false ? 0 : blockTimeoutMs;
}

/**
 * The `coalesce` option as {@linkcode COALESCE_ENV} overrides it: true (`=1`), false (`=0`),
 * else the option (undefined when not given). Never throws.
 */
export function coalesceWanted(wanted: boolean | undefined): boolean | undefined {
  try {
    if (Deno.permissions.querySync({ name: "env", variable: COALESCE_ENV }).state === "granted") {
      const env = Deno.env.get(COALESCE_ENV);
      if (env === "0") return false;
      if (env === "1") return true;
    }
  } catch { /* no permission API: the option decides */ }
  return wanted;
}

/**
 * A watched nap (see {@linkcode Waiter.wait}) leaves this much traffic's room in the ring, in
 * ms at the fastest pace seen lately: the blocks it does not wait for are what the kernel
 * fills while the reader answers the wake-up and walks the blocks it got. More than the 2 ms
 * slice after which a read yields to the event loop ({@linkcode YIELD_AFTER_MS}), plus a
 * wake-up's latency on a busy machine.
 */
export const WATCH_MARGIN_MS = 4;

/** The wait state of one capture: flags the read API sets, the poll it awaits. */
export class Waiter {
  /** `close()` ran: every wait ends, the fds go once no poll uses them. */
  closed = false;
  /** `breakLoop()` ran: the next (or current) wait ends once. */
  broken = false;
  #busy = false;
  #pending: Promise<number> | undefined;
  /** When the event loop last had a turn (a poll awaited, or {@linkcode Waiter.turn}). */
  #turned = performance.now();
  /** Start of the last visit to a ready ring, or when the last poll returned. */
  #visited = performance.now();
  /** Longest time the ring was left unvisited while ready (see `CaptureStats`). */
  maxUnvisitedMs = 0;
  /** Most ring slots in user space at one visit (see `CaptureStats`). */
  maxBlocksHeld = 0;
  /** The shim's waiter thread, started on the first poll; null where there is none. */
  #thread: WaitThread | null | undefined;
  readonly #h: Handles;
  readonly #blockTimeoutMs: number;
  readonly #coalesce: boolean | undefined;
  /** {@linkcode coalesceLimitMs} once the ring is known; -1 before. */
  #napLimitMs = -1;
  /** Fixed naps where the thread cannot watch: only when asked for ({@linkcode coalesceWanted}). */
  #fixedNaps = false;

  /**
   * @param h The capture's handles (activated before the first wait).
   * @param blockTimeoutMs The ring's block timeout, which bounds a coalescing sleep.
   * @param coalesce The `coalesce` option (undefined: not given).
   */
  constructor(h: Handles, blockTimeoutMs: number, coalesce: boolean | undefined) {
    this.#h = h;
    this.#blockTimeoutMs = blockTimeoutMs;
    this.#coalesce = coalesce;
  }

  /** The poll still running on its thread, if any. */
  get pending(): Promise<number> | undefined {
    return this.#pending;
  }

  /** Wakes a running poll (or the next one) through the eventfd. */
  wake(): void {
    if (this.#h.efd >= 0) this.#h.b.eventfdSignal(this.#h.efd);
  }

  /**
   * The signal whose abort wakes the waits, wired by {@linkcode Waiter.enter} and left wired
   * until a wait comes with another one (or none) or the capture closes: a reader that passes
   * the same signal to every `nextBatch()` then adds and removes no listener per call (a few
   * µs each, per block). An abort between two waits only writes the eventfd, which the next
   * poll drains.
   */
  #signal: AbortSignal | undefined;
  readonly #onAbort = () => this.wake();

  /**
   * Starts a wait: refuses a second concurrent one with `Deno.errors.Busy`, a
   * closed capture with `Deno.errors.BadResource`, and wires `signal` to the eventfd.
   *
   * @returns The cleanup to pass to {@linkcode Waiter.leave}.
   */
  enter(what: string, signal: AbortSignal | undefined): (() => void) | undefined {
    const h = this.#h;
    if (this.#busy) {
      throw new Deno.errors.Busy(
        `Cannot ${what} on ${JSON.stringify(h.device)}: another wait is running on this capture`,
      );
    }
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      throw new TypeError(`Cannot ${what}: signal must be an AbortSignal`);
    }
    this.#busy = true;
    if (signal !== this.#signal) this.#wire(signal);
    return undefined;
  }

  /** Moves the abort listener to `signal` (none: undefined). */
  #wire(signal: AbortSignal | undefined): void {
    this.#signal?.removeEventListener("abort", this.#onAbort);
    signal?.addEventListener("abort", this.#onAbort);
    this.#signal = signal;
  }

  /** Ends a wait started by {@linkcode Waiter.enter}. */
  leave(cleanup: (() => void) | undefined): void {
    this.#busy = false;
    cleanup?.();
  }

  /**
   * The read API is back at a ready ring and about to take from it: the time since the last
   * visit (or wake-up) and the slots in user space now feed the stall stats. Once per visit
   * (a block, a slice of `loop()`), never per frame; it allocates nothing.
   */
  visit(): void {
    const now = performance.now();
    if (now - this.#visited > this.maxUnvisitedMs) this.maxUnvisitedMs = now - this.#visited;
    this.#visited = now;
    const h = this.#h;
    const slots = h.ring!.queuedSlots();
    // V3 counts the block the kernel is filling too.
    const held = h.ringVersion === 3 ? slots - 1 : slots;
    if (held > this.maxBlocksHeld) this.maxBlocksHeld = held;
  }

  /** Consumes a pending break: true when there was one. */
  takeBreak(): boolean {
    if (!this.broken) return false;
    this.broken = false;
    return true;
  }

  /**
   * Waits until the ring has something, the wait is broken, or `timeoutMs`
   * passes. One nonblocking poll: the event loop keeps running meanwhile.
   *
   * @returns true when the ring is ready.
   */
  async wait(timeoutMs: number, signal: AbortSignal | undefined): Promise<boolean> {
    const h = this.#h;
    let eintr = 0;
    let busy = 0;
    let napped = false;
    const deadline = timeoutMs < 0 ? Infinity : performance.now() + timeoutMs;
    for (;;) {
      if (this.closed || this.broken || signal?.aborted) return false;
      if (h.ring!.ready) {
        // nextBatch(), dispatch() and packets() come back here without awaiting a poll while
        // a flood lasts: give the event loop its turn now and then, as loop() does.
        if (performance.now() - this.#turned <= YIELD_AFTER_MS) {
          this.visit();
          return true;
        }
        await this.turn();
        continue;
      }
      let nap = 0;
      let want = 0;
      if (!napped) {
        // Blocks fill fast: the thread sleeps until a few are ready instead of waking for
        // each (once per wait: when the sleep finds nothing, the traffic slowed and the poll
        // after it waits as usual). Where the thread can watch the ring, the nap ends as
        // soon as the blocks are there; else it sleeps the time they should take.
        napped = true;
        if (this.#napLimitMs < 0) {
          this.#napLimitMs = coalesceLimitMs(h, this.#blockTimeoutMs, this.#coalesce);
          this.#fixedNaps = coalesceWanted(this.#coalesce) === true;
        }
        const limit = Math.min(this.#napLimitMs, deadline - performance.now());
        if (limit > 0 && this.#canWatch()) {
          const ring = h.ring!;
          want = ring.watchBlocks(limit, WATCH_MARGIN_MS);
          if (want > 0) nap = ring.watchMs(limit, want);
        } else if (limit > 0 && this.#fixedNaps) {
          nap = h.ring!.coalesceMs(limit);
        }
      }
      const left = deadline === Infinity
        ? -1
        : Math.max(0, Math.ceil(deadline - performance.now()));
      const r = await this.#poll(left, nap, want);
      if (this.closed) return false;
      if (r < 0) {
        // -EINTR: a signal; the libc backend also reports its (errno-less) failures so.
        if (r === -EINTR && ++eintr < 1000) continue;
        check(r, `wait for packets on ${JSON.stringify(h.device)}`, "poll");
      }
      eintr = 0;
      if ((r >>> 16) !== 0) h.b.eventfdDrain(h.efd);
      if ((r & (POLLERR | POLLHUP | POLLNVAL)) !== 0) socketError(h, r);
      if (r === 0 && performance.now() >= deadline) {
        if (!h.ring!.ready) return false;
        this.visit();
        return true;
      }
      if ((r & 0xffff) !== 0 && !h.ring!.ready && ++busy > 2) {
        // Readable but nothing for us: the ready blocks are all held by unreleased batches.
        // Back off instead of spinning until one is released.
        await new Promise((resolve) => setTimeout(resolve, 1));
      } else if ((r & 0xffff) === 0) {
        busy = 0;
      }
    }
  }

  /**
   * One turn of the event loop during a flood: `setImmediate` (a few µs; timers, I/O and
   * signals run before it fires) rather than a zero-timeout nonblocking poll (tens of µs,
   * a hop to the FFI thread pool) or `setTimeout(0)`, which sleeps for a timer tick (1 to 2
   * ms) while the ring fills up. A break or abort that wrote the eventfd is seen by the
   * caller's flags; the next poll drains the eventfd.
   */
  async turn(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.#turned = performance.now();
  }

  /**
   * One poll of the socket and the eventfd off the main thread: on the waiter thread when the
   * backend has one (a wake costs a futex and a thread-safe callback), else a nonblocking
   * FFI call (a trip through the runtime's thread pool). With `napMs` > 0 the waiter thread
   * sleeps that long on the eventfd alone instead (a coalesced wait; a plain poll where there
   * is no thread). While it is pending `close()` leaves the fds open (the poll thread still
   * uses them); they are released once it returns.
   */
  async #poll(timeoutMs: number, napMs = 0, want = 0): Promise<number> {
    const h = this.#h;
    const since = performance.now();
    const t = this.#waitThread();
    const ring = h.ring!;
    const pending = t === null
      ? h.b.poll(h.fd, h.efd, timeoutMs)
      : napMs > 0 && want > 0 && t.watch !== undefined && h.mapping !== undefined
      ? t.watch(h.mapping.buffer, ring.slotSize, ring.slotCount, ring.cursor, want, napMs)
      : napMs > 0 && t.nap !== undefined
      ? t.nap(napMs)
      : t.poll(timeoutMs);
    this.#pending = pending;
    try {
      return await pending;
    } finally {
      const now = performance.now();
      this.#turned = now;
      // The ring was empty when the poll began: its unvisited time starts when the kernel
      // handed over the slot the wake-up is for, so a late wake-up counts too.
      if (h.ring !== undefined && !this.closed) this.#visited = readySince(h.ring, since, now);
      this.#pending = undefined;
      if (this.closed) this.release();
    }
  }

  /** The waiter thread, started on the first call; null where there is none. */
  #waitThread(): WaitThread | null {
    if (this.#thread === undefined) {
      const h = this.#h;
      const t = h.b.startWaitThread?.(h.fd, h.efd) ?? -1;
      this.#thread = typeof t === "number" ? null : t; // no thread (EAGAIN...): poll as libc
    }
    return this.#thread;
  }

  /** Whether the waiter thread can watch the ring's blocks during a nap (a current shim). */
  #canWatch(): boolean {
    return this.#waitThread()?.watch !== undefined;
  }

  /**
   * The ring memory is about to be unmapped: the waiter thread must not read it any more
   * (a watched nap reads its block status words). Call before `unmap()`.
   */
  detach(): void {
    this.#thread?.detach();
  }

  /** Closes the file descriptors, unless a poll still uses them (it closes them on return). */
  release(): void {
    this.#wire(undefined);
    if (this.#pending !== undefined) return;
    const h = this.#h;
    // Idle in its condition wait, the thread touches no fd: stop it, then close them.
    this.#thread?.stop();
    if (h.fd >= 0) h.b.close(h.fd);
    if (h.efd >= 0) h.b.close(h.efd);
    h.fd = -1;
    h.efd = -1;
  }
}

/**
 * When a ring, ready after a wait that began at `since`, got the slot at its cursor, on the
 * `performance.now()` clock: the kernel's wall-clock timestamp of it ({@linkcode Ring.readyAtMs},
 * against `Date.now()`), kept within [`since`, `now`]; `now` when it is not known. Used after
 * a poll returns, so the time a wake-up took to reach the reader (a busy scheduler, a hop
 * between threads) counts in `maxUnvisitedMs`.
 */
export function readySince(ring: Ring, since: number, now: number): number {
  const at = ring.readyAtMs();
  if (!(at > 0)) return now;
  // Clamped without branches: compiled code then has no comparison whose feedback the
  // engine's warm-up (synthetic timestamps, far in the past) could not give it.
  return Math.min(Math.max(now - (Date.now() - at), since), now);
}

/** POLLERR: the pending socket error, ENETDOWN when the interface went down. */
export function socketError(h: Handles, revents: number): never {
  const err = new Uint8Array(4);
  const got = h.b.getsockopt(h.fd, SOL_SOCKET, SO_ERROR, err);
  const errno = got >= 0 ? new DataView(err.buffer).getInt32(0, true) : -got;
  const step = `capture on ${JSON.stringify(h.device)}`;
  if (errno === ENETDOWN) {
    throw new SyscallError(step, "poll", ENETDOWN, `Cannot ${step}: the interface went down`);
  }
  throw new SyscallError(
    step,
    "poll",
    errno || ENETDOWN,
    `Cannot ${step}: poll reported revents 0x${revents.toString(16)}`,
  );
}
