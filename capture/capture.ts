/**
 * The public read API of a live capture: {@linkcode openCapture} runs the
 * activation steps (`activate.ts`) and hands out a {@linkcode Capture}, whose
 * `loop`, `dispatch`, `packets` and `nextBatch` wait through `wait.ts` and
 * deliver through the ring's walker.
 *
 * @module
 */

import { compileFilter } from "../filter/compile.ts";
import type { BpfProgram } from "../filter/insn.ts";
import { runFilter } from "../filter/vm.ts";
import { activate, type AfterBind, type Handles, netmaskOf } from "./activate.ts";
import { loadBackend } from "../ffi/backend.ts";
import type { Backend } from "../ffi/types.ts";
import { check } from "../ffi/errno.ts";
import { LINKTYPE } from "../link_type.ts";
import type { Frame, Packet } from "../ring/frame.ts";
import type { Batch } from "../ring/ring.ts";
import { installFilter } from "./kernel_filter.ts";
import { KernelStats } from "./kernel_stats.ts";
import {
  type BatchOptions,
  type CaptureOptions,
  type CaptureStats,
  checkOptions,
  checkProgram,
  type Config,
  type DispatchOptions,
  type LoopOptions,
} from "./options.ts";
import { Waiter, YIELD_AFTER_MS } from "./wait.ts";
import { warmUp } from "../ring/warm.ts";

/**
 * Opens a live capture on `device` (an interface name, or `"any"` for every
 * interface with cooked headers), the way libpcap's Linux backend does:
 * socket with protocol 0 (nothing queued yet), ring version, reserve, RX ring
 * (shrunk on `ENOMEM`), mmap, filter, promiscuous membership, and bind last.
 * Any failure undoes what was done. Needs `--allow-ffi` and root or
 * `CAP_NET_RAW`.
 *
 * @param device The interface name (`"eth0"`), or `"any"`.
 * @param options How to open it; every field is checked before any system call.
 * @returns The open capture; close it (or use `using`) when done.
 * @example Capture ten packets
 * ```ts ignore
 * import { openCapture } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * using cap = openCapture("eth0", { snapLen: 96, promiscuous: false });
 * const n = await cap.loop((frame) => console.log(frame.wireLen), { count: 10 });
 * assert.equal(n, 10);
 * ```
 * @example Bad options are refused before any system call
 * ```ts
 * import { openCapture } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * assert.throws(() => openCapture("eth0", { snapLen: 0 }), RangeError);
 * ```
 */
export function openCapture(device: string, options: CaptureOptions = {}): Capture {
  const config = checkOptions(device, options);
  return Capture[OPEN](device, config);
}

/**
 * Opens a capture with a step run on the bound socket before it is handed out
 * (the worker engine's and the fanout group's hook, e.g. `PACKET_FANOUT`).
 * Not exported by the package.
 */
export function openCaptureWith(
  device: string,
  options: CaptureOptions,
  afterBind: AfterBind | undefined,
): Capture {
  const config = checkOptions(device, options);
  return Capture[OPEN](device, config, afterBind);
}

const OPEN = Symbol("open");

/**
 * The frame shapes whose walkers this thread has compiled already: ring version, cooked
 * header, direction and precision. Compiled code outlives a capture, so a later capture of
 * the same shape skips the warm-up (tests and `openFanout` open many).
 */
const warmed = new Set<string>();

/** Two callbacks for the warm-up's `dispatch` (a megamorphic call site: see `warmUp`). */
let warmSink = 0;
const WARM_CALLBACKS: readonly ((f: Frame) => void)[] = [
  (f) => {
    warmSink += f.capLen;
  },
  (f) => {
    warmSink ^= f.wireLen;
  },
];

/**
 * Compiles the walkers for this capture's frames on a synthetic ring, before the ring exists
 * and before the bind (see `ring/warm.ts`): otherwise V8 compiles them while the first flood
 * fills the ring, the first blocks go through the interpreter, and the compile threads' CPU
 * is taken from the capture. Once per frame shape and thread.
 */
function warmWalkers(h: Handles, config: Config): void {
  const key = `${h.ringVersion}/${h.cooked}/${config.direction}/${config.nanoseconds}`;
  if (warmed.has(key)) return;
  warmed.add(key);
  warmUp(
    h.ringVersion,
    {
      snapLen: config.snapLen,
      direction: config.direction,
      loopbackIfIndex: 0,
      cooked: h.cooked,
      reserve: 0,
      nanoseconds: config.nanoseconds,
    },
    undefined,
    undefined,
    WARM_CALLBACKS,
    h.b.walkV3,
    h.b.walkV3Frames,
  );
}

/**
 * `loop()` delivers in slices and looks at the clock between them, so a flood that keeps
 * every block ready still yields to the event loop on time, whatever the callback costs: a
 * slice starts at 64 frames and doubles (up to 8192) while it takes under 0.25 ms, halves
 * (down to 1) when it takes over 1 ms.
 */
const SLICE_FIRST = 64;
const SLICE_MIN = 1;
const SLICE_MAX = 8192;

/**
 * An open live capture. Frames come through {@linkcode Capture.loop},
 * {@linkcode Capture.dispatch}, {@linkcode Capture.packets} (copies) or
 * {@linkcode Capture.nextBatch} (whole blocks). Waits run on another thread, so
 * timers and I/O keep running while a capture waits. One wait at a time.
 *
 * @example Open, read what is there, close
 * ```ts ignore
 * import { openCapture } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * await using cap = openCapture("any", { cooked: "sll2" });
 * const got = await cap.dispatch((f) => assert.ok(f.capLen > 0), { timeoutMs: 100 });
 * console.log(got, cap.stats());
 * ```
 */
export class Capture {
  /** The device name given to {@linkcode openCapture}. */
  readonly device: string;
  /** Bytes kept per packet at most. */
  readonly snapLen: number;
  /** Which system-call backend this capture uses. */
  readonly backend: "shim" | "libc";
  /** Index of the interface, 0 for `"any"`. */
  get ifIndex(): number {
    return this.#h.ifIndex;
  }
  /** `LINKTYPE_*` of the frames (`ETHERNET`, `LINUX_SLL`, `LINUX_SLL2`, `RAW`, ...). */
  get linkType(): number {
    return this.#h.linkType;
  }
  /** `TPACKET_V3` (3) block ring, or `TPACKET_V2` (2) frame ring. */
  get ringVersion(): 2 | 3 {
    return this.#h.ringVersion;
  }
  /** Bytes of ring memory actually mapped. */
  get bufferSize(): number {
    return this.#h.bufferSize;
  }

  readonly #h: Handles;
  readonly #w: Waiter;
  #refilter: { program: BpfProgram; untilBlock: number } | undefined;
  readonly #totals = new KernelStats();
  /** The accept predicate `dispatch` gets while a user-space filter applies, else undefined. */
  readonly #acceptUser = (frame: Frame): boolean =>
    runFilter(this.#h.userFilter!, frame.data, frame.wireLen) !== 0;
  readonly #acceptRefilter = (frame: Frame): boolean => {
    const refilter = this.#refilter;
    if (refilter !== undefined && this.#h.ring!.counters.blocks <= refilter.untilBlock) {
      return runFilter(refilter.program, frame.data, frame.wireLen) !== 0;
    }
    this.#refilter = undefined;
    return true;
  };

  private constructor(device: string, config: Config, backend: Backend) {
    this.device = device;
    this.snapLen = config.snapLen;
    this.backend = backend.kind;
    this.#h = {
      b: backend,
      device,
      fd: -1,
      efd: -1,
      mapping: undefined,
      ring: undefined,
      linkType: LINKTYPE.ETHERNET,
      cooked: "none",
      ifIndex: 0,
      ringVersion: 3,
      bufferSize: 0,
      userFilter: undefined,
    };
    this.#w = new Waiter(this.#h, config.blockTimeoutMs, config.coalesce);
  }

  /** Runs the open sequence; any failure closes what was opened. */
  static [OPEN](device: string, config: Config, afterBind?: AfterBind): Capture {
    const cap = new Capture(device, config, loadBackend(config.backend));
    try {
      activate(cap.#h, config, afterBind, () => warmWalkers(cap.#h, config));
    } catch (e) {
      cap.close();
      throw e;
    }
    return cap;
  }

  /** The accept predicate for the ring: a user-space filter, a refilter, or none. */
  #accept(): ((frame: Frame) => boolean) | undefined {
    if (this.#h.userFilter !== undefined) return this.#acceptUser;
    return this.#refilter === undefined ? undefined : this.#acceptRefilter;
  }

  /** Throws `Deno.errors.BadResource` once closed. */
  #open(step: string): void {
    if (this.#w.closed) throw new Deno.errors.BadResource(`Cannot ${step}: the capture is closed`);
  }

  /**
   * Calls `cb` for every packet until `count` packets were delivered, the
   * loop is broken ({@linkcode Capture.breakLoop}), the signal aborts or the
   * capture closes. Like `pcap_loop`; the event loop runs during each wait,
   * and every ready block is drained after it (while blocks fill fast, a wait
   * lasts until a few are ready: one wake-up for several blocks).
   *
   * @param cb Gets the ONE reused zero-copy frame, valid only during the call
   *   (keep it with `frame.copy()`).
   * @param options `count` and `signal`.
   * @returns The number of packets delivered.
   * @example Count packets for a second
   * ```ts ignore
   * import { openCapture } from "@tpacket/tpacket";
   * import assert from "node:assert/strict";
   * using cap = openCapture("lo");
   * const n = await cap.loop(() => {}, { signal: AbortSignal.timeout(1000) });
   * assert.ok(n >= 0);
   * ```
   */
  async loop(cb: (frame: Frame) => void, options: LoopOptions = {}): Promise<number> {
    if (typeof cb !== "function") {
      throw new TypeError("Cannot loop: the callback must be a function");
    }
    const count = options.count ?? 0;
    if (!Number.isInteger(count)) {
      throw new TypeError(`Cannot loop: count must be an integer, got ${count}`);
    }
    const signal = options.signal;
    const w = this.#w;
    if (w.closed) return 0;
    const cleanup = w.enter("loop", signal);
    let n = 0;
    try {
      let since = performance.now();
      let slice = SLICE_FIRST;
      for (;;) {
        if (w.takeBreak()) break;
        if (w.closed || signal?.aborted) break;
        const ring = this.#h.ring!;
        if (ring.ready) {
          // In slices, so the clock is looked at between them even while every block is ready.
          const left = count > 0 ? count - n : slice;
          w.visit();
          const start = performance.now();
          n += ring.dispatch(cb, left < slice ? left : slice, this.#accept());
          if (count > 0 && n >= count) break;
          const now = performance.now();
          if (now - start < 0.25) slice = slice < SLICE_MAX ? slice * 2 : SLICE_MAX;
          else if (now - start > 1) slice = slice > SLICE_MIN ? slice >> 1 : SLICE_MIN;
          // A flood keeps the ring ready: let timers and I/O run now and then.
          if (now - since > YIELD_AFTER_MS) {
            await w.turn();
            since = performance.now();
          }
          continue;
        }
        await w.wait(-1, signal);
        since = performance.now();
      }
    } finally {
      w.leave(cleanup);
    }
    return n;
  }

  /**
   * Waits (up to `timeoutMs`) for packets, then delivers what is ready, at
   * most `max`. Like `pcap_dispatch`. Resolves 0 on timeout, break, abort or
   * close.
   *
   * @param cb Gets the ONE reused zero-copy frame, valid only during the call.
   * @param options `max`, `timeoutMs` and `signal`.
   * @returns The number of packets delivered.
   * @example Take what arrives within 100 ms
   * ```ts ignore
   * import { openCapture } from "@tpacket/tpacket";
   * import assert from "node:assert/strict";
   * using cap = openCapture("lo");
   * const n = await cap.dispatch((f) => assert.ok(f.capLen <= cap.snapLen), { timeoutMs: 100 });
   * assert.ok(n >= 0);
   * ```
   */
  async dispatch(cb: (frame: Frame) => void, options: DispatchOptions = {}): Promise<number> {
    if (typeof cb !== "function") {
      throw new TypeError("Cannot dispatch: the callback must be a function");
    }
    const max = options.max ?? 0;
    const timeoutMs = options.timeoutMs ?? -1;
    if (!Number.isInteger(max)) {
      throw new TypeError(`Cannot dispatch: max must be an integer, got ${max}`);
    }
    if (typeof timeoutMs !== "number" || Number.isNaN(timeoutMs)) {
      throw new TypeError(`Cannot dispatch: timeoutMs must be a number, got ${timeoutMs}`);
    }
    const w = this.#w;
    if (w.closed) return 0;
    const signal = options.signal;
    const cleanup = w.enter("dispatch", signal);
    try {
      const deadline = timeoutMs < 0 ? Infinity : performance.now() + timeoutMs;
      for (;;) {
        if (w.takeBreak()) return 0;
        const left = deadline === Infinity ? -1 : Math.max(0, deadline - performance.now());
        if (!(await w.wait(left, signal))) {
          w.takeBreak();
          return 0;
        }
        // A block may hold only frames the direction or loopback rules skip: wait again.
        const n = this.#h.ring!.dispatch(cb, max, this.#accept());
        if (n > 0 || performance.now() >= deadline) return n;
      }
    } finally {
      w.leave(cleanup);
    }
  }

  /**
   * Yields a copy of every packet (`frame.copy()`), until `count`, a break,
   * the signal or close ends it. Also the capture's `for await` iterator.
   *
   * @param options `count` and `signal`.
   * @returns An async iterator of owned packets.
   * @example Keep five packets
   * ```ts ignore
   * import { openCapture } from "@tpacket/tpacket";
   * import assert from "node:assert/strict";
   * using cap = openCapture("lo");
   * const kept = [];
   * for await (const p of cap.packets({ count: 5 })) kept.push(p);
   * assert.equal(kept.length, 5);
   * ```
   */
  async *packets(options: LoopOptions = {}): AsyncIterableIterator<Packet> {
    const count = options.count ?? 0;
    const signal = options.signal;
    const queue: Packet[] = [];
    const keep = (f: Frame) => {
      queue.push(f.copy());
    };
    let n = 0;
    while (count <= 0 || n < count) {
      if (queue.length === 0) {
        const opts: DispatchOptions = { max: count > 0 ? count - n : 0 };
        if (signal !== undefined) opts.signal = signal;
        await this.dispatch(keep, opts);
        if (queue.length === 0) return; // closed, broken or aborted
      }
      n++;
      yield queue.shift()!;
    }
  }

  /** The same as {@linkcode Capture.packets} with no count. */
  [Symbol.asyncIterator](): AsyncIterableIterator<Packet> {
    return this.packets();
  }

  /**
   * Waits for the next whole V3 block (V2: run of frames) and hands it over:
   * one view plus per-frame offsets and lengths, the cheapest way to JavaScript.
   * Call `release()` on it to give the memory back to the kernel.
   *
   * @param options `signal` ends the wait.
   * @returns The batch, or `undefined` once closed, broken or aborted.
   * @example Sum the bytes of one block
   * ```ts ignore
   * import { openCapture } from "@tpacket/tpacket";
   * using cap = openCapture("lo");
   * const batch = await cap.nextBatch();
   * if (batch) {
   *   let bytes = 0;
   *   for (let i = 0; i < batch.count; i++) bytes += batch.capLens[i]!;
   *   batch.release();
   * }
   * ```
   */
  async nextBatch(options: BatchOptions = {}): Promise<Batch | undefined> {
    const w = this.#w;
    if (w.closed) return undefined;
    const signal = options.signal;
    const cleanup = w.enter("read a batch", signal);
    try {
      for (;;) {
        if (w.takeBreak()) return undefined;
        if (!(await w.wait(-1, signal))) {
          w.takeBreak();
          return undefined;
        }
        const batch = this.#h.ring!.nextBatch();
        if (batch === undefined) continue;
        if (batch.count > 0) return batch;
        batch.release(); // only skipped frames (direction, loopback) or an empty timed-out block
      }
    } finally {
      w.leave(cleanup);
    }
  }

  /**
   * Running totals: the kernel's `PACKET_STATISTICS` (which reset on every
   * read, so they are accumulated here), the ring's loss counters, and the
   * stall measures `maxUnvisitedMs` and `maxBlocksHeld` (how close the reader
   * came to letting the ring fill up).
   *
   * @returns A fresh object with the totals since open.
   * @example Read the counters
   * ```ts ignore
   * import { openCapture } from "@tpacket/tpacket";
   * using cap = openCapture("lo");
   * const { received, dropped } = cap.stats();
   * console.log(`${received} packets received by filter, ${dropped} dropped by kernel`);
   * ```
   */
  stats(): CaptureStats {
    if (!this.#w.closed && this.#h.fd >= 0) this.#readStats();
    const t = this.#totals;
    const ring = this.#h.ring?.counters;
    return {
      received: t.received,
      dropped: t.dropped,
      freezes: t.freezes,
      losingBlocks: ring?.losing ?? 0,
      seqGaps: ring?.seqGaps ?? 0,
      blocks: ring?.blocks ?? 0,
      corrupt: ring?.corrupt ?? 0,
      rejected: ring?.rejected ?? 0,
      maxUnvisitedMs: this.#w.maxUnvisitedMs,
      maxBlocksHeld: this.#w.maxBlocksHeld,
    };
  }

  #readStats(): void {
    this.#totals.read(this.#h);
  }

  /**
   * Replaces the kernel filter (`SO_ATTACH_FILTER`). Frames queued in the ring
   * under the previous filter are run through the new one in user space
   * before delivery, as libpcap does, so none that it rejects comes out.
   *
   * @param filter A pcap-filter expression or a classic BPF program.
   * @example Keep only ARP
   * ```ts ignore
   * import { openCapture } from "@tpacket/tpacket";
   * using cap = openCapture("eth0");
   * cap.setFilter("arp");
   * ```
   */
  setFilter(filter: string | BpfProgram): void {
    const step = `set the filter on ${JSON.stringify(this.device)}`;
    this.#open(step);
    const h = this.#h;
    const options = { linkType: h.linkType, snapLen: this.snapLen, netmask: netmaskOf(h.device) };
    // The kernel gets the live form (outer VLAN tag in socket metadata); queued frames, which
    // come out of the ring with the tag written back, get the saved-file form.
    const program = typeof filter === "string"
      ? compileFilter(filter, { ...options, live: true })
      : checkProgram(this.device, filter);
    const queued = typeof filter === "string" ? compileFilter(filter, options) : program;
    h.userFilter = installFilter(h.b, h.fd, program, h.cooked, step);
    // Blocks (V3) or frames (V2) already handed to user space, plus the block the kernel is
    // filling, hold frames the old filter accepted: filter them again on the way out.
    const ring = h.ring!;
    this.#refilter = { program: queued, untilBlock: ring.counters.blocks + ring.queuedSlots() };
  }

  /**
   * Sends one raw frame out of the device, link-layer header included (`pcap_inject`).
   *
   * @param bytes The whole frame.
   * @returns The number of bytes sent.
   * @example Send a broadcast frame
   * ```ts ignore
   * import { openCapture } from "@tpacket/tpacket";
   * import assert from "node:assert/strict";
   * using cap = openCapture("veth0");
   * const frame = new Uint8Array(60).fill(0xff, 0, 6);
   * assert.equal(cap.send(frame), 60);
   * ```
   */
  send(bytes: Uint8Array): number {
    if (!(bytes instanceof Uint8Array)) {
      throw new TypeError("Cannot send: the frame must be a Uint8Array");
    }
    const step = `send on ${JSON.stringify(this.device)}`;
    this.#open(step);
    if (this.ifIndex === 0) {
      throw new Error(`Cannot ${step}: sending is not supported on the "any" device`);
    }
    return check(this.#h.b.send(this.#h.fd, bytes), step, "send");
  }

  /**
   * Ends the running loop, dispatch, iterator or batch wait at once (through
   * the eventfd its poll also watches). With none running, the next one ends
   * at once, as `pcap_breakloop`.
   *
   * @example Stop a loop from a timer
   * ```ts ignore
   * import { openCapture } from "@tpacket/tpacket";
   * using cap = openCapture("lo");
   * setTimeout(() => cap.breakLoop(), 100);
   * await cap.loop(() => {});
   * ```
   */
  breakLoop(): void {
    const w = this.#w;
    if (w.closed) return;
    w.broken = true;
    w.wake();
  }

  /**
   * Closes the capture: ends any pending wait, detaches the ring memory (kept
   * views read as empty) and unmaps it, closes the socket. Harmless twice.
   *
   * @example Close twice
   * ```ts ignore
   * import { openCapture } from "@tpacket/tpacket";
   * const cap = openCapture("lo");
   * cap.close();
   * cap.close();
   * ```
   */
  close(): void {
    const w = this.#w;
    if (w.closed) return;
    w.closed = true;
    if (this.#h.fd >= 0) {
      try {
        this.#readStats(); // the last counts, before the socket goes
      } catch { /* keep the earlier totals */ }
    }
    w.wake();
    w.detach();
    this.#h.mapping?.unmap();
    // A poll still running on its thread holds the fds: they are closed when it returns.
    w.release();
  }

  /** Same as {@linkcode Capture.close}. */
  [Symbol.dispose](): void {
    this.close();
  }

  /** Closes, then waits until a pending poll has returned and every fd is closed. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    while (this.#w.pending !== undefined) await this.#w.pending.catch(() => 0);
  }
}
