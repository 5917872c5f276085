/**
 * The worker side of the capture engine (see `worker.ts`): this module runs
 * as a Worker, owns the socket and the ring, and blocks in a synchronous
 * `poll` of the socket and the owner's eventfd. Per-frame work (the handler
 * module) happens here; the owner reads counters from a `SharedArrayBuffer`
 * and stops the engine through a control word plus the eventfd.
 *
 * Messages in: `open`, `run`, `filter`, `close`. Messages out: `opened`,
 * `done`, `filtered`, `closed`, `user` (the handler's `post`), `error` (of `open`).
 *
 * @module
 */

import { SyscallError } from "../ffi/errno.ts";
import { type ErrorData, errorData, type OpenMessage } from "./_wire.ts";
import { loadBackend } from "../ffi/backend.ts";
import { EINTR, POLLERR, POLLHUP, POLLNVAL } from "../ffi/linux.ts";
import { TP_STATUS_BLK_TMO, TP_STATUS_LOSING } from "../ring/layout.ts";
import { runFilter } from "../filter/vm.ts";
import { LINKTYPE } from "../link_type.ts";
import type { Frame, FrameOptions } from "../ring/frame.ts";
import { type Batch, type Ring, V3Ring } from "../ring/ring.ts";
import { type SyntheticRing, syntheticRing, WARM_FRAMES, warmUp } from "../ring/warm.ts";
import { activateRing, type Handles, openSocket, setSocketOptions } from "./activate.ts";
import { KernelStats } from "./kernel_stats.ts";
import { checkOptions } from "./options.ts";
import { socketError } from "./wait.ts";
import { installFilter } from "./kernel_filter.ts";
import type { BpfProgram } from "../filter/insn.ts";
import {
  ENGINE_CONTROL,
  WORKER_STATS,
  type WorkerHandler,
  type WorkerHandlerContext,
} from "./worker_types.ts";

/** How often, at most, an idle engine refreshes the kernel's counters. */
const STATS_POLL_MS = 250;

interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent) => void) | null;
  close(): void;
}

const scope = self as unknown as WorkerScope;

let h: Handles | undefined;
let handler: WorkerHandler = {};
let stats: Float64Array;
let control: Int32Array;
const kernel = new KernelStats();

/**
 * The high-water marks of the shared stats, kept here and published with the rest: a compare
 * with the shared array's element, on a branch taken only when the mark rises, met V8's
 * compiled step without type feedback at the first real block (a deoptimization).
 */
let maxUnvisitedMs = 0;
let maxHeld = 0;

function publish(): void {
  const ring = h!.ring!;
  const c = ring.counters;
  const s = WORKER_STATS;
  stats[s.MAX_UNVISITED_MS] = maxUnvisitedMs;
  stats[s.MAX_HELD] = maxHeld;
  stats[s.RECEIVED] = kernel.received;
  stats[s.DROPPED] = kernel.dropped;
  stats[s.FREEZES] = kernel.freezes;
  stats[s.BLOCKS] = c.blocks;
  stats[s.LOSING] = c.losing;
  stats[s.SEQ_GAPS] = c.seqGaps;
  stats[s.CORRUPT] = c.corrupt;
  stats[s.REJECTED] = c.rejected;
}

async function open(m: OpenMessage): Promise<void> {
  stats = new Float64Array(m.stats);
  control = new Int32Array(m.control);
  const config = checkOptions(m.device, m.options);
  const b = loadBackend(config.backend);
  h = {
    b,
    device: m.device,
    fd: -1,
    efd: m.efd,
    mapping: undefined,
    ring: undefined,
    linkType: LINKTYPE.ETHERNET,
    cooked: "none",
    ifIndex: 0,
    ringVersion: 3,
    bufferSize: 0,
    userFilter: undefined,
  };
  let readBack: number[] = [];
  try {
    // Compile the walkers on a synthetic ring before the bind: its JIT work is then start-up,
    // done before the kernel delivers the first frame, not CPU taken while the ring fills.
    // A worker's first postMessage changes a prototype that the compiled walkers depend on
    // (measured with --trace-deopt: "dependent prototype chain changed" threw away nextBatch,
    // dispatch and fill right after the warm-up, when "opened" was the first message). So
    // the first message goes out before the warm-up; the owner ignores it.
    scope.postMessage({ type: "warming" });
    const warm = () => {
      const frameOpts: FrameOptions = {
        snapLen: config.snapLen,
        direction: config.direction,
        loopbackIfIndex: 0,
        cooked: h!.cooked,
        reserve: 0,
        nanoseconds: config.nanoseconds,
      };
      warmUp(h!.ringVersion, frameOpts, WARM_FRAMES, warmBatch, undefined, b.walkV3);
      warmLoop(frameOpts);
    };
    // Only a socket with options to set after bind (a fanout member's join) takes the step.
    const afterBind = m.afterBind.length > 0
      ? () => {
        readBack = setSocketOptions(h!, m.afterBind);
      }
      : undefined;
    // The handler's init before the ring exists and the kernel delivers: what it prepares
    // (top's flow table and its warm-up, ~0.1-0.6 s of CPU, and the compiler jobs that queues
    // on V8's helper threads) is then start-up, not CPU taken from the first seconds of
    // traffic, and no frame waits in the ring (or drops) while it runs. The bind is then the
    // last step before "opened": an owner stopped while this ran (a signal during start-up)
    // must collect what the kernel counts from then on, its counters are older (sniff closes
    // the inflow and drains: signal_test).
    openSocket(h, config);
    if (m.handler !== undefined) {
      const mod = await import(m.handler) as WorkerHandler;
      handler = mod;
      const ctx: WorkerHandlerContext = {
        device: m.device,
        linkType: h.linkType,
        snapLen: config.snapLen,
        ringVersion: h.ringVersion,
        ifIndex: h.ifIndex,
        options: m.handlerOptions,
        post: (message, transfer) => scope.postMessage({ type: "user", message }, transfer ?? []),
        stop: () => {
          stopRequested = true;
        },
      };
      const chosen = await handler.init?.(ctx);
      if (chosen) handler = chosen;
    }
    activateRing(h, config, afterBind, warm);
  } catch (e) {
    shut();
    throw e;
  }
  scope.postMessage({
    type: "opened",
    backend: b.kind,
    linkType: h.linkType,
    ringVersion: h.ringVersion,
    ifIndex: h.ifIndex,
    bufferSize: h.bufferSize,
    snapLen: config.snapLen,
    readBack,
  });
}

/** Set by the handler's `ctx.stop()`: the run ends after this visit. */
let stopRequested = false;

/** Generation of the last filter taken (control word 1 says the owner's). */
let filterGeneration = 0;
/**
 * After a filter change: frames in the slots user space held or the kernel was filling
 * then passed the old filter; this program (the saved-file form) runs on them.
 */
let refilter: { program: BpfProgram; untilBlock: number } | undefined;

/** The filter a frame must pass in user space now, if any (see `Capture`'s #accept). */
function acceptNow(): ((f: Frame) => boolean) | undefined {
  const hh = h!;
  const user = hh.userFilter;
  if (user !== undefined) return (f: Frame) => runFilter(user, f.data, f.wireLen) !== 0;
  const r = refilter;
  if (r === undefined) return undefined;
  if (hh.ring!.counters.blocks > r.untilBlock) {
    refilter = undefined;
    return undefined;
  }
  return (f: Frame) => {
    if (hh.ring!.counters.blocks > r.untilBlock) return true;
    return runFilter(r.program, f.data, f.wireLen) !== 0;
  };
}

/** A new filter from the owner: into the kernel now, and on the frames already queued. */
function setFilter(program: BpfProgram, queued: BpfProgram | undefined): void {
  const hh = h!;
  const step = `set the filter on ${JSON.stringify(hh.device)}`;
  hh.userFilter = installFilter(hh.b, hh.fd, program, hh.cooked, step);
  const ring = hh.ring!;
  if (queued === undefined) return; // the frames already queued stay as they are
  refilter = { program: queued, untilBlock: ring.counters.blocks + ring.queuedSlots() };
}

/** Lets the `filter` message in while a run holds this thread (bounded: ~2 s). */
async function takeFilter(): Promise<void> {
  for (let i = 0; i < 2000 && Atomics.load(control, 1) !== filterGeneration; i++) {
    await new Promise((r) => setTimeout(r, i < 10 ? 0 : 1));
  }
}

/** The warm-up's batches go through the run's own per-batch sum (see `warmUp`). */
let warmBytes = 0;
function warmBatch(batch: Batch): void {
  warmBytes += sum(batch.capLens, batch.count);
}

/** The first `n` values of `a` (a batch's capture lengths: its bytes). */
function sum(a: ArrayLike<number>, n: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += a[i]!;
  return total;
}

/**
 * One run's state and its two steps, kept in small synchronous methods: V8
 * compiles them once each (the awaiting loop around them stays tiny, so its
 * on-stack replacement is cheap), instead of recompiling one large async
 * function mid-flood each time a branch it had not seen is taken.
 */
class Run {
  readonly pending: Promise<unknown>[] = [];
  readonly #h: Handles;
  readonly #ring: Ring;
  /**
   * The ring when it waits and walks in one native call (V3 with the shim's taker): the visits
   * of whole blocks then go through it (see `#take`).
   */
  readonly #taker: V3Ring | undefined;
  readonly #count: number;
  readonly #deadline: number;
  readonly #untilDrained: boolean;
  readonly #counting: boolean;
  readonly #onFrame: WorkerHandler["onFrame"];
  readonly #onBatch: WorkerHandler["onBatch"];
  /** Longest single poll, ms (0 in the warm-up: it must not sleep). */
  readonly #pollMs: number;
  /** How often, at most, the kernel's counters are read, ms (0 in half the warm-up). */
  readonly #statsMs: number;
  readonly #cb: (f: Frame) => void;
  #accept: ((f: Frame) => boolean) | undefined;
  #useBatches = false;
  #bytes = 0;
  #visit = performance.now();
  /**
   * The last clock reading of the loop (a visit's start or a wake-up's end): the next wait's
   * start when there is no deadline, and the visit's time right after a wake-up. A clock
   * read is an op call (~1 µs from the mid tier, cold after a wake-up); a block cycle takes
   * one, after the poll, instead of four.
   */
  #lastNow = this.#visit;
  /** The visit about to run follows a wake-up: its time is `#lastNow`. */
  #woken = false;
  /**
   * `Date.now() - performance.now()`, read again with the kernel's counters: turns the
   * kernel's wall-clock block timestamps into this clock's readings (see `#wait`).
   */
  #wallOffset = Date.now() - performance.now();
  #lastStats = -Infinity;
  /**
   * `performance.now() - b.monotonicMs()`: turns the taker's clock readings (`V3Ring.tookMs`)
   * into this clock's (the same clock from another origin), read again with the kernel's
   * counters. A wake-up then takes no clock call of its own (a runtime call from the mid
   * tier, cold after a sleep: ~10 µs of CPU measured here, a third of a bare poll cycle).
   */
  #clockOffset = 0;
  #eintr = 0;
  /** Set when the loop must end (count reached, deadline passed, drained). */
  done = false;
  /** `turns` returned the idle hook's promise: the next visit steps without calling it. */
  idled = false;
  /** `turns` returned the wait for a filter: the next visit goes on without waiting again. */
  filterWaited = false;

  constructor(
    count: number,
    timeoutMs: number,
    untilDrained: boolean,
    pollMs = STATS_POLL_MS,
    statsMs = STATS_POLL_MS,
  ) {
    this.#h = h!;
    this.#pollMs = pollMs;
    this.#statsMs = statsMs;
    this.#ring = this.#h.ring!;
    const ring = this.#ring;
    this.#taker = ring instanceof V3Ring && ring.canTake && this.#h.b.monotonicMs !== undefined
      ? ring
      : undefined;
    this.#count = count;
    this.#deadline = timeoutMs >= 0 ? performance.now() + timeoutMs : Infinity;
    this.#untilDrained = untilDrained;
    const onFrame = handler.onFrame;
    this.#onFrame = onFrame;
    // Read once, as onFrame: the per-block call then loads a field of this class, whose layout
    // the warm-up settles (see warmLoop), not a property of whichever object the handler is.
    this.#onBatch = handler.onBatch;
    // The built-in counter (no onFrame, no onBatch) takes whole blocks too: their columns
    // carry every capLen, so no frame object is filled. (With a count, frame by frame: a
    // block may hold more than the count asks for.)
    this.#counting = onFrame === undefined && handler.onBatch === undefined && count <= 0;
    const pending = this.pending;
    this.#cb = onFrame === undefined
      ? (f: Frame) => {
        this.#bytes += f.capLen;
      }
      : (f: Frame) => {
        this.#bytes += f.capLen;
        const wait = onFrame(f);
        if (wait !== undefined) pending.push(wait);
      };
    this.#accept = acceptNow();
    this.#useBatches = this.#batches();
    // A first refresh now: the branch has run before V8 optimizes the steps (an untaken
    // branch in optimized code is a deoptimization and a second compile when it is taken).
    this.#refreshKernelStats(performance.now());
  }

  /**
   * A filter in user space needs each frame: batches would carry the rejected ones (a
   * handler with only onBatch still gets them, as documented; the counter then walks frame
   * by frame).
   */
  #batches(): boolean {
    return this.#accept === undefined
      ? handler.onBatch !== undefined || this.#counting
      : this.#onFrame === undefined && handler.onBatch !== undefined;
  }

  /** Refreshes the kernel's counters at most every `STATS_POLL_MS`; true when it did. */
  #refreshKernelStats(now: number): boolean {
    if (now - this.#lastStats <= this.#statsMs) return false;
    kernel.read(this.#h);
    this.#lastStats = now;
    this.#wallOffset = Date.now() - performance.now();
    if (this.#taker !== undefined) this.#clockOffset = performance.now() - this.#h.b.monotonicMs!();
    return true;
  }

  /** After a filter change: the user-space filter of the frames now queued. */
  refilter(): void {
    if (this.#accept !== undefined || refilter !== undefined) {
      this.#accept = acceptNow();
      this.#useBatches = this.#batches();
    }
  }

  /** Delivers what is ready, or waits in a synchronous poll when nothing is. */
  step(): void {
    const ring = this.#ring;
    const taker = this.#useBatches ? this.#taker : undefined;
    if (taker !== undefined && taker.takable) {
      if (ring.ready) this.#takeReady(taker);
      else this.#take(taker);
      return;
    }
    if (!ring.ready) {
      this.#wait();
      return;
    }
    const now = this.#woken ? this.#lastNow : performance.now();
    this.#woken = false;
    this.#lastNow = now;
    this.#held(now);
    let delivered = 0;
    if (this.#useBatches) {
      const batch: Batch | undefined = ring.nextBatch();
      delivered = this.#deliver(batch, batch === undefined ? 0 : sum(batch.capLens, batch.count));
    } else {
      const count = this.#count;
      delivered = ring.dispatch(this.#cb, count > 0 ? count - runDelivered : 0, this.#accept);
    }
    this.#visited(now, delivered);
  }

  /**
   * The start of a visit at `now`, of a ring that got ready at `#visit`: how long user space
   * was away from ready frames, and how many blocks it held (the high-water marks).
   */
  #held(now: number): void {
    const away = now - this.#visit;
    if (away > maxUnvisitedMs) maxUnvisitedMs = away;
    this.#visit = now;
    const ring = this.#ring;
    const held = this.#h.ringVersion === 3 ? ring.queuedSlots() - 1 : ring.queuedSlots();
    if (held > maxHeld) maxHeld = held;
  }

  /** Hands a batch (of `bytes` bytes) to the handler and back to the kernel; its frames. */
  #deliver(batch: Batch | undefined, bytes: number): number {
    if (batch === undefined) return 0;
    let delivered = 0;
    try {
      const n = batch.count;
      if (n > 0) {
        const wait = this.#onBatch?.(batch);
        if (wait !== undefined) this.pending.push(wait);
        delivered = n;
        this.#bytes += bytes;
      }
    } finally {
      batch.release();
    }
    return delivered;
  }

  /** The end of a visit: its counts to the shared stats, the count's end, the kernel's. */
  #visited(now: number, delivered: number): void {
    flush(delivered, this.#bytes);
    this.#bytes = 0;
    if (this.#count > 0 && runDelivered >= this.#count) this.done = true;
    this.#refreshKernelStats(now);
    publish();
  }

  /**
   * A visit of a ready ring that waits and walks in one native call: the block is taken
   * without a wait, its bytes summed and the clock read in the same call.
   */
  #takeReady(ring: V3Ring): void {
    const hh = this.#h;
    const batch = ring.waitBatch(hh.fd, hh.efd, 0);
    const now = this.#woken ? this.#lastNow : ring.tookMs + this.#clockOffset;
    this.#woken = false;
    this.#lastNow = now;
    this.#held(now);
    this.#visited(now, this.#deliver(batch, ring.takenBytes));
  }

  /**
   * The empty ring's wait when the ring waits and walks in one native call: the checks of
   * `#wait`, then the call; a wake-up that brought a block visits it at once (the visit
   * `step` would make next), one that brought anything else is handled as `#wait` does.
   */
  #take(ring: V3Ring): void {
    const hh = this.#h;
    const now = this.#deadline === Infinity ? this.#lastNow : performance.now();
    this.#woken = false;
    const wait = this.#waitFor(now);
    if (wait < 0) return;
    const batch = ring.waitBatch(hh.fd, hh.efd, wait);
    const r = ring.polled;
    // -1: no poll (the block got ready before the call looked).
    if (r !== -1 && !this.#polled(r)) return;
    const woke = ring.tookMs + this.#clockOffset;
    this.#lastNow = woke;
    if (batch === undefined) {
      this.#woken = true;
      this.#readyAt(now, woke, ring.readyAtMs());
      if (this.#refreshKernelStats(woke)) publish();
      return;
    }
    this.#readyAt(now, woke, ring.takenAtMs);
    this.#held(woke);
    this.#visited(woke, this.#deliver(batch, ring.takenBytes));
  }

  /**
   * The checks before a wait that starts at `now`: the deadline, the drain; the poll's
   * timeout, or -1 when the run is done instead.
   */
  #waitFor(now: number): number {
    if (now >= this.#deadline) {
      this.done = true;
      return -1;
    }
    if (this.#untilDrained) {
      // Everything the kernel accepted (and did not drop) has been handed over or rejected.
      kernel.read(this.#h);
      const handled = stats[WORKER_STATS.DELIVERED]! + this.#ring.counters.rejected;
      if (kernel.received - kernel.dropped <= handled) {
        this.done = true;
        return -1;
      }
    }
    return this.#deadline === Infinity
      ? this.#pollMs
      : Math.min(this.#pollMs, Math.ceil(this.#deadline - now));
  }

  /**
   * When the slot at the cursor got ready, for a wait from `now` that woke at `woke`: ready
   * frames waited from when the kernel handed them over (`at`, its wall-clock timestamp of
   * the block, on this clock), not from the wake-up; kept within [now, woke] (a clock step, a
   * block without a time), without branches: compiled code then has no comparison whose
   * feedback the warm-up's synthetic timestamps, far in the past, could not give it.
   */
  #readyAt(now: number, woke: number, at: number): void {
    this.#visit = at > 0 ? Math.min(Math.max(at - this.#wallOffset, now), woke) : woke;
  }

  /** The empty ring: the handler's idle hook first (see `run`), then one poll. */
  #wait(): void {
    const hh = this.#h;
    // Without a deadline the last reading will do: it only bounds when the ring got ready
    // (below), and the ring was found not ready after it.
    const now = this.#deadline === Infinity ? this.#lastNow : performance.now();
    this.#woken = false;
    const wait = this.#waitFor(now);
    if (wait < 0) return;
    if (!this.#polled(hh.b.pollSync(hh.fd, hh.efd, wait))) return;
    const woke = performance.now();
    this.#lastNow = woke;
    this.#woken = true;
    this.#readyAt(now, woke, this.#ring.readyAtMs());
    if (this.#refreshKernelStats(woke)) publish();
  }

  /**
   * One poll's result (`#wait`'s or the native wait-and-walk's), counted as a wake-up: the
   * eventfd drained, a socket error thrown as the socket's; false for an interrupted poll
   * to retry (1000 in a row are an error), which ends this wait with nothing done.
   */
  #polled(r: number): boolean {
    const hh = this.#h;
    stats[WORKER_STATS.WAKEUPS] = stats[WORKER_STATS.WAKEUPS]! + 1;
    if (r < 0) {
      if (r === -EINTR && ++this.#eintr < 1000) return false;
      throw new SyscallError(`wait for packets on ${JSON.stringify(hh.device)}`, "poll", -r);
    }
    this.#eintr = 0;
    if ((r >>> 16) !== 0) hh.b.eventfdDrain(hh.efd);
    if ((r & (POLLERR | POLLHUP | POLLNVAL)) !== 0) socketError(hh, r);
    return true;
  }

  /** The warm-up's wait on a ring that is ready: the wake-up's reading of when it got ready. */
  warmWait(): void {
    const taker = this.#useBatches ? this.#taker : undefined;
    if (taker !== undefined && taker.takable) this.#take(taker);
    else this.#wait();
  }

  /** The end of a run: what the last visit counted, and the kernel's final counters. */
  finish(): void {
    flush(0, this.#bytes);
    this.#bytes = 0;
    try {
      kernel.read(this.#h);
    } catch { /* keep the totals so far */ }
    publish();
  }
}

/** Rounds of the loop's warm-up, each on a fresh synthetic ring (see `warmLoop`). */
const WARM_ROUNDS = 6;
/**
 * Visits per round: with the rounds (30000 in all), enough for V8's top tier (TurboFan) to
 * compile `turns`' loop, the visits and the waits and what they call (a tenth of it got them
 * to the mid tier, Maglev, only). From TurboFan's code a call into the shim is a direct
 * ("fast") call; from Maglev's it takes the runtime's slow path, some µs of CPU each, cold
 * after every sleep. Measured, the bare counter's CPU per 64-byte packet at 250k/s (7 rounds
 * alternated, load 4-6): median 54 -> 42 ns, at 1500 bytes 108 -> 86; the start-up takes
 * ~0.1 s more CPU.
 */
const WARM_STEPS = 5000;
/**
 * Frames in each block (V2: in all) of the loop's synthetic ring: a visit of the warm-up then
 * costs little (the walkers themselves have had their own warm-up, on full blocks).
 */
const WARM_LOOP_FRAMES = 16;

/**
 * Runs the loop itself (`turns`, and under it `Run.step`, the empty ring's wait and poll, the
 * stats it publishes) on a synthetic ring before the bind, so V8 has compiled them when the
 * first block comes. Called ~150 times a second at most, they would stay in the interpreter's
 * tiers for the whole capture otherwise, and each wake-up after a sleep runs that code cold:
 * measured, the engine's thread spent ~40 % of its time in V8's own code (inline caches,
 * runtime calls) under them; compiled first, the bare counter's CPU per 64-byte packet fell
 * by a quarter to a half. The handler's own calls are not made: stand-ins of the same kind
 * take them (its `warm`, if it has one, and a noop: two, so the call site is polymorphic and
 * the real one is no "wrong call target"). The polls take
 * no time (a private eventfd, signalled now and then for the drain; the socket is not bound
 * yet); the run's counters and the shared stats are left as they were. A warm-up that fails
 * is skipped: the capture works without it.
 */
function warmLoop(frameOpts: FrameOptions): void {
  const hh = h!;
  const b = hh.b;
  const efd = b.eventfd();
  if (efd < 0) return; // no warm-up, the capture still works
  const saved = { handler, efd: hh.efd, stats: stats.slice() };
  // The kind the run takes: whole blocks when there is onBatch (see Run's #batches).
  const kinds: WorkerHandler[] = handler.onBatch !== undefined
    ? [{ onBatch: handler.warm ?? ((x) => void x) }, { onBatch: (x) => void x.count }]
    : handler.onFrame !== undefined
    ? [{ onFrame: (f) => void f }, { onFrame: (f) => void f.capLen }]
    : [{}];
  // The shared stats themselves (a stand-in array would be another object the compiled steps
  // meet for the first time): the owner reads them only after "opened", and they are put back.
  hh.efd = efd;
  // The loop's own control words: the owner's may say break already (a signal during
  // start-up), which is for the real run.
  const ownControl = new Int32Array(new SharedArrayBuffer(8));
  ownControl[1] = filterGeneration;
  let syn: SyntheticRing | undefined;
  let r: Run | undefined;
  let k = 0;
  // The ring runs dry when a visit has taken both blocks: the idle hook refills it, mostly.
  // Now and then it does not (the visit then waits in a poll, which finds nothing), or a wait
  // finds it ready when it wakes, or the blocks say the kernel dropped frames or their timer
  // retired them (branches a flood's first loss or a lull takes: untaken here, they would be
  // deoptimizations there). Two hooks of two functions: the call site is polymorphic, and a
  // handler's own idle hook (sniff's) is no "wrong call target".
  const feed = (): void => {
    k++;
    if (k % 31 === 0) b.eventfdSignal(efd);
    if (k % 4 === 3) return;
    syn!.give(k % 5 === 0 ? TP_STATUS_LOSING : k % 11 === 0 ? TP_STATUS_BLK_TMO : 0);
    if (k % 7 === 0) r!.warmWait();
  };
  const feeders: (() => void)[] = [() => feed(), () => void feed()];
  try {
    for (let round = 0; round < WARM_ROUNDS; round++) {
      syn = syntheticRing(hh.ringVersion, frameOpts, b.walkV3, b.takeV3, WARM_LOOP_FRAMES);
      hh.ring = syn.ring;
      handler = kinds[round % kinds.length]!;
      // Half the rounds read the kernel's counters at every visit, a third run to a deadline
      // (far off: the wait's clock reading then): those branches are compiled too.
      const timeoutMs = round % 3 === 2 ? 1e9 : -1;
      r = new Run(0, timeoutMs, false, 0, round % 2 === 0 ? 0 : STATS_POLL_MS);
      turns(r, feeders[round % 2], ownControl, WARM_STEPS);
      // And a break, as breakLoop() ends a run: without it the branch had no type feedback,
      // and the first real break (top's first snapshot) threw the compiled loop away
      // (--trace-deopt: "Insufficient type feedback for compare operation" in turns).
      Atomics.store(ownControl, 0, BREAK);
      turns(r, feeders[round % 2], ownControl, 1);
      r.finish();
    }
  } catch {
    // Not needed for a correct capture: only its speed depends on it.
  } finally {
    handler = saved.handler;
    stats.set(saved.stats);
    maxUnvisitedMs = 0;
    maxHeld = 0;
    hh.efd = saved.efd;
    hh.ring = undefined;
    b.close(efd);
    runDelivered = 0;
  }
}

/**
 * The control words' values, as constants: a property read of ENGINE_CONTROL met for the
 * first time at the break would deoptimize the compiled loop there (no type feedback).
 */
const RUN = ENGINE_CONTROL.RUN;
const BREAK = ENGINE_CONTROL.BREAK;
/** `turns`' answer when the run is over. */
const END = null;
/**
 * Visits per `turns` call in a run: a Smi, as the warm-up's (a double here would deoptimize
 * the loop V8 compiled there); after that many, `run` calls again.
 */
const RUN_TURNS = 0x3fff_ffff;

/**
 * The loop: drain what is ready, else block in a synchronous poll; ends on
 * count, deadline, control word or `ctx.stop()`. It awaits only what the
 * handler asks it to (a promise from `onFrame`/`onBatch`/`idle`), between visits.
 */
async function run(count: number, timeoutMs: number, untilDrained: boolean): Promise<number> {
  const r = new Run(count, timeoutMs, untilDrained);
  const idle = handler.idle;
  try {
    for (;;) {
      const wait = turns(r, idle, control, RUN_TURNS);
      if (wait === END) break;
      if (wait !== undefined) await wait;
    }
  } finally {
    r.finish();
  }
  return runDelivered;
}

/**
 * The run's loop, synchronous, until it must await (a handler's promise, a filter change:
 * returned), ends (`END`) or has made `limit` visits (`undefined`). The warm-up drives this
 * same loop (see `warmLoop`): V8 compiles it where it is hot, by on-stack replacement, and a
 * loop first hot mid-capture had that compile (a TurboFan job of ~12 ms on a helper thread,
 * at 1500 B, competing with the capture for the cores) in the middle of the traffic.
 *
 * @param control The control words: the owner's, or the warm-up's own.
 */
function turns(
  r: Run,
  idle: WorkerHandler["idle"],
  control: Int32Array,
  limit: number,
): Promise<unknown> | undefined | typeof END {
  const pending = r.pending;
  for (let i = 0; i < limit; i++) {
    if (r.done) return END;
    const cmd = Atomics.load(control, 0);
    if (stopRequested) {
      stopRequested = false;
      return END;
    }
    if (cmd !== RUN) {
      if (cmd === BREAK) Atomics.compareExchange(control, 0, BREAK, RUN);
      return END;
    }
    // After the wait for a filter (bounded: it may give up), this visit goes on.
    if (Atomics.load(control, 1) !== filterGeneration && !r.filterWaited) {
      r.filterWaited = true;
      return takeFilter();
    }
    r.filterWaited = false;
    r.refilter();
    // After the idle hook's promise, this visit goes on to the step (and its poll).
    if (idle !== undefined && !r.idled && !h!.ring!.ready) {
      const idleWait = idle();
      if (idleWait !== undefined) {
        r.idled = true;
        return idleWait;
      }
    }
    r.idled = false;
    r.step();
    if (pending.length > 0) {
      const all = Promise.all(pending);
      pending.length = 0;
      return all;
    }
  }
  return undefined;
}

/** Frames delivered by the current run. */
let runDelivered = 0;

/** Adds one visit's frames and bytes to the run and to the shared counters. */
function flush(delivered: number, bytes: number): void {
  runDelivered += delivered;
  stats[WORKER_STATS.DELIVERED] = stats[WORKER_STATS.DELIVERED]! + delivered;
  stats[WORKER_STATS.BYTES] = stats[WORKER_STATS.BYTES]! + bytes;
}

/** Unmaps and closes the socket; the eventfd belongs to the owner. */
function shut(): void {
  if (h === undefined) return;
  try {
    if (h.fd >= 0) kernel.read(h);
  } catch { /* the last counts are best effort */ }
  if (h.ring !== undefined) publish();
  h.mapping?.unmap();
  if (h.fd >= 0) h.b.close(h.fd);
  h.fd = -1;
  h = undefined;
}

// Handler code that crashes the worker (an uncaught error or rejection) ends it: close the socket
// and unmap the ring first, so the kernel stops delivering to it (a fanout group, steering to it).
addEventListener("error", shut);
addEventListener("unhandledrejection", shut);

scope.onmessage = async (e: MessageEvent) => {
  const m = e.data as { type: string } & Record<string, unknown>;
  if (m.type === "open") {
    try {
      await open(m as unknown as OpenMessage);
    } catch (err) {
      scope.postMessage({ type: "error", error: errorData(err) });
    }
  } else if (m.type === "run") {
    runDelivered = 0;
    stopRequested = false;
    let error: ErrorData | undefined;
    let result: unknown;
    try {
      await run(m.count as number, m.timeoutMs as number, m.untilDrained === true);
      result = await handler.end?.();
    } catch (err) {
      error = errorData(err);
    }
    try {
      scope.postMessage({ type: "done", packets: runDelivered, result, error });
    } catch (err) {
      scope.postMessage({ type: "done", packets: runDelivered, error: errorData(err) });
    }
  } else if (m.type === "filter") {
    let error: ErrorData | undefined;
    try {
      setFilter(m.program as BpfProgram, m.queued as BpfProgram | undefined);
    } catch (err) {
      error = errorData(err);
    }
    filterGeneration = m.generation as number;
    scope.postMessage({ type: "filtered", generation: m.generation, error });
  } else if (m.type === "close") {
    try {
      await handler.close?.();
    } catch { /* closing anyway */ }
    shut();
    scope.postMessage({ type: "closed" });
    scope.close();
  }
};
