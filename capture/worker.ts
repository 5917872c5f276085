/**
 * The worker capture engine: a Worker owns the socket and the ring and blocks
 * in a synchronous `poll` of the socket and an eventfd (6 to 11 µs per
 * wake-up here, against 37 to 50 µs for the main thread's nonblocking poll).
 * Per-frame work runs there, in a handler module; the main thread only
 * starts runs, reads counters from a `SharedArrayBuffer` without stopping the
 * capture, and stops it: `breakLoop()`, `close()` and an `AbortSignal` write
 * the eventfd, so a worker blocked in `poll` wakes at once.
 *
 * One process may run several engines on one device (a `PACKET_FANOUT`
 * group): `afterBind` lists the socket options each sets after bind.
 *
 * @module
 */

import { loadBackend } from "../ffi/backend.ts";
import { check } from "../ffi/errno.ts";
import type { SocketOption } from "./activate.ts";
import { type ErrorData, rebuild } from "./_wire.ts";
import type { CaptureOptions } from "./options.ts";
import { checkOptions, checkProgram } from "./options.ts";
import { netmaskOf } from "./activate.ts";
import { compileFilter } from "../filter/compile.ts";
import type { BpfProgram } from "../filter/insn.ts";
import { ENGINE_CONTROL, readWorkerStats, WORKER_STATS, type WorkerStats } from "./worker_types.ts";

export type { SocketOption } from "./activate.ts";
export {
  readWorkerStats,
  WORKER_STATS,
  type WorkerHandler,
  type WorkerHandlerContext,
  type WorkerStats,
} from "./worker_types.ts";

/** How a worker engine opens: a capture's options plus the handler and the after-bind steps. */
export interface WorkerCaptureOptions extends CaptureOptions {
  /**
   * URL of the handler module (see {@linkcode WorkerHandler}), e.g.
   * `new URL("./count.ts", import.meta.url)`. Without one the engine counts.
   */
  handler?: string | URL;
  /** Passed to the handler's `init` as `ctx.options` (structured-cloned). */
  handlerOptions?: unknown;
  /** `int` socket options set after bind, in order (e.g. `PACKET_FANOUT`). @default [] */
  afterBind?: readonly SocketOption[];
  /** Gets every message the handler posts with `ctx.post`. */
  onMessage?: (message: unknown) => void;
}

/** Options of {@linkcode WorkerCapture.run}. */
export interface WorkerRunOptions {
  /** Stop after this many frames (V3 `onBatch`: checked per block); 0 or less: no limit. @default 0 */
  count?: number;
  /** Ends the run (it resolves with what was delivered so far) and wakes the worker. */
  signal?: AbortSignal;
  /** Ends the run once this many ms passed; negative: no limit. @default -1 */
  timeoutMs?: number;
  /**
   * Ends the run once every packet the kernel accepted (and did not drop) has been delivered:
   * after a drop-all filter (`setFilter(program, { refilter: false })`) stopped the inflow,
   * it collects what the ring still holds, e.g. a V3 block the kernel hands over at its
   * timeout, and no more. @default false
   */
  untilDrained?: boolean;
}

/** What a run ends with. */
export interface WorkerRunResult {
  /** Frames delivered during the run. */
  packets: number;
  /** The handler's `end()` value, or `undefined`. */
  result: unknown;
}

const ENGINE_URL = new URL("./_engine.ts", import.meta.url);

/**
 * Opens a capture whose ring lives in a Worker of its own (see
 * {@linkcode WorkerCapture}). The options are checked here first, so bad ones
 * throw before a Worker starts; the open steps then run in the Worker.
 *
 * @param device The interface name, or `"any"`.
 * @param options A capture's options, plus `handler`, `handlerOptions`, `afterBind`, `onMessage`.
 * @returns The engine, open and idle; close it (or `await using`) when done.
 * @example Count frames in a worker for one second
 * ```ts ignore
 * import { openWorkerCapture } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * await using engine = await openWorkerCapture("eth0");
 * const { packets } = await engine.run({ signal: AbortSignal.timeout(1000) });
 * assert.equal(engine.stats().delivered, packets);
 * ```
 * @example A handler module that keeps the largest frame
 * ```ts ignore
 * // largest.ts
 * import type { Frame } from "@tpacket/tpacket";
 * let max = 0;
 * export function onFrame(frame: Frame) { if (frame.wireLen > max) max = frame.wireLen; }
 * export function end() { return max; }
 * // main.ts
 * import { openWorkerCapture } from "@tpacket/tpacket";
 * await using engine = await openWorkerCapture("eth0", {
 *   handler: new URL("./largest.ts", import.meta.url),
 * });
 * const { result } = await engine.run({ count: 1000 });
 * console.log(`largest of 1000: ${result} bytes`);
 * ```
 */
export async function openWorkerCapture(
  device: string,
  options: WorkerCaptureOptions = {},
): Promise<WorkerCapture> {
  const { handler, handlerOptions, afterBind = [], onMessage, ...capture } = options;
  const config = checkOptions(device, capture);
  if (handler !== undefined && typeof handler !== "string" && !(handler instanceof URL)) {
    throw new TypeError(`Cannot open ${JSON.stringify(device)}: handler must be a URL or a string`);
  }
  if (onMessage !== undefined && typeof onMessage !== "function") {
    throw new TypeError(`Cannot open ${JSON.stringify(device)}: onMessage must be a function`);
  }
  const b = loadBackend(config.backend);
  const efd = check(b.eventfd(), `open ${JSON.stringify(device)}`, "eventfd");
  const engine = new WorkerCapture(device, efd, b.eventfdSignal.bind(b), b.close.bind(b));
  try {
    await engine[START]({
      device,
      options: capture as Record<string, unknown>,
      handler: handler === undefined ? undefined : String(handler),
      handlerOptions,
      afterBind: [...afterBind],
    }, onMessage);
  } catch (e) {
    await engine.close();
    throw e;
  }
  return engine;
}

const START = Symbol("start");

/** What the worker says about the capture it opened. */
interface EngineInfo {
  backend: "shim" | "libc";
  linkType: number;
  ringVersion: 2 | 3;
  ifIndex: number;
  bufferSize: number;
  snapLen: number;
  readBack: number[];
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * A capture engine in a Worker. One run at a time ({@linkcode WorkerCapture.run});
 * {@linkcode WorkerCapture.stats} reads the shared counters at any time; the
 * stats array itself ({@linkcode WorkerCapture.statsBuffer}, laid out as
 * {@linkcode WORKER_STATS}) can be handed to another thread.
 *
 * @example Break a run from a timer
 * ```ts ignore
 * import { openWorkerCapture } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * await using engine = await openWorkerCapture("lo", { backend: "libc", immediate: true });
 * setTimeout(() => engine.breakLoop(), 100);
 * const { packets } = await engine.run();
 * assert.ok(packets >= 0);
 * ```
 */
export class WorkerCapture {
  /** The device name. */
  readonly device: string;
  /** The engine's counters, laid out as {@linkcode WORKER_STATS} (`Float64Array`). */
  readonly statsBuffer: SharedArrayBuffer = new SharedArrayBuffer(WORKER_STATS.LENGTH * 8);
  /** Which system-call backend the worker uses. */
  get backend(): "shim" | "libc" {
    return this.#info.backend;
  }
  /** `LINKTYPE_*` of the frames. */
  get linkType(): number {
    return this.#info.linkType;
  }
  /** 3 (`TPACKET_V3`) or 2 (`TPACKET_V2`). */
  get ringVersion(): 2 | 3 {
    return this.#info.ringVersion;
  }
  /** Interface index, 0 for `"any"`. */
  get ifIndex(): number {
    return this.#info.ifIndex;
  }
  /** Bytes of ring memory mapped. */
  get bufferSize(): number {
    return this.#info.bufferSize;
  }
  /** Bytes kept per packet at most. */
  get snapLen(): number {
    return this.#info.snapLen;
  }
  /** The `afterBind` options marked `readBack`, as read after they were set (in order). */
  get afterBindValues(): readonly number[] {
    return this.#info.readBack;
  }

  #info: EngineInfo = {
    backend: "libc",
    linkType: 1,
    ringVersion: 3,
    ifIndex: 0,
    bufferSize: 0,
    snapLen: 0,
    readBack: [],
  };
  readonly #stats = new Float64Array(this.statsBuffer);
  readonly #controlBuffer = new SharedArrayBuffer(8);
  readonly #control = new Int32Array(this.#controlBuffer);
  readonly #efd: number;
  readonly #signal: (efd: number) => number;
  readonly #closeFd: (fd: number) => number;
  #worker: Worker | undefined;
  #opening: Pending | undefined;
  #running: Pending | undefined;
  #closing: Promise<void> | undefined;
  #closed = false;
  #failure: Error | undefined;
  #filterGeneration = 0;
  readonly #filtering = new Map<number, Pending>();

  /** Use {@linkcode openWorkerCapture}. */
  constructor(
    device: string,
    efd: number,
    signal: (efd: number) => number,
    closeFd: (fd: number) => number,
  ) {
    this.device = device;
    this.#efd = efd;
    this.#signal = signal;
    this.#closeFd = closeFd;
  }

  /** Starts the Worker and runs the open steps there. */
  async [START](
    m: Record<string, unknown>,
    onMessage: ((message: unknown) => void) | undefined,
  ): Promise<void> {
    const worker = new Worker(ENGINE_URL, { type: "module" });
    this.#worker = worker;
    worker.onmessage = (e: MessageEvent) => {
      const d = e.data as { type: string } & Record<string, unknown>;
      if (d.type === "opened") {
        this.#info = d as unknown as EngineInfo;
        this.#opening?.resolve(undefined);
      } else if (d.type === "error") {
        this.#opening?.reject(rebuild(d.error as ErrorData));
      } else if (d.type === "done") {
        const running = this.#running;
        this.#running = undefined;
        if (d.error !== undefined) running?.reject(rebuild(d.error as ErrorData));
        else running?.resolve({ packets: d.packets, result: d.result });
      } else if (d.type === "filtered") {
        const pending = this.#filtering.get(d.generation as number);
        this.#filtering.delete(d.generation as number);
        if (d.error !== undefined) pending?.reject(rebuild(d.error as ErrorData));
        else pending?.resolve(undefined);
      } else if (d.type === "user") {
        onMessage?.(d.message);
      }
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      const err = new Error(
        `Cannot run the capture worker on ${JSON.stringify(this.device)}: ${e.message}`,
      );
      this.#fail(err);
    };
    const opened = new Promise((resolve, reject) => this.#opening = { resolve, reject });
    worker.postMessage({
      type: "open",
      ...m,
      efd: this.#efd,
      stats: this.statsBuffer,
      control: this.#controlBuffer,
    });
    try {
      await opened;
    } finally {
      this.#opening = undefined;
    }
  }

  #fail(err: Error): void {
    this.#failure ??= err;
    this.#opening?.reject(err);
    this.#running?.reject(err);
    this.#running = undefined;
    for (const p of this.#filtering.values()) p.reject(err);
    this.#filtering.clear();
  }

  /**
   * Replaces the filter, during a run or between runs, as `Capture.setFilter`: an expression
   * is compiled here (a bad one rejects before the worker sees it) for the capture's link
   * type, snaplen and the device's netmask; the kernel takes the live form, and frames
   * already queued in the ring, which passed the old filter, are filtered again in the
   * worker. A running worker stops between two visits of the ring to take it.
   *
   * @param filter A pcap-filter expression or a classic BPF program.
   * @param options `refilter: false` leaves the frames already queued as they are (they
   *   passed the filter in force when they arrived). @default { refilter: true }
   * @returns Resolves once the kernel runs the new filter.
   * @throws {FilterSyntaxError} For an expression that does not compile.
   * @throws {Deno.errors.BadResource} After close.
   * @example Narrow a capture while it runs
   * ```ts ignore
   * import { openWorkerCapture } from "@tpacket/tpacket";
   * await using engine = await openWorkerCapture("eth0");
   * const run = engine.run({ signal: AbortSignal.timeout(2000) });
   * await engine.setFilter("udp port 53");
   * await run;
   * ```
   */
  async setFilter(
    filter: string | BpfProgram,
    { refilter = true }: { refilter?: boolean } = {},
  ): Promise<void> {
    const step = `set the filter on ${JSON.stringify(this.device)}`;
    if (this.#closed) throw new Deno.errors.BadResource(`Cannot ${step}: the capture is closed`);
    if (this.#failure !== undefined) throw this.#failure;
    const options = {
      linkType: this.linkType,
      snapLen: this.snapLen,
      netmask: netmaskOf(this.device),
    };
    const program = typeof filter === "string"
      ? compileFilter(filter, { ...options, live: true })
      : checkProgram(this.device, filter);
    const queued = typeof filter === "string" ? compileFilter(filter, options) : program;
    const generation = ++this.#filterGeneration;
    const done = new Promise((resolve, reject) => {
      this.#filtering.set(generation, { resolve, reject });
    });
    this.#worker!.postMessage({
      type: "filter",
      generation,
      program,
      queued: refilter ? queued : undefined,
    });
    // A run holds the worker's thread: the generation tells it to let the message in.
    Atomics.store(this.#control, 1, generation);
    this.#signal(this.#efd);
    await done;
  }

  /**
   * Runs the capture in the worker until `count` frames, {@linkcode WorkerCapture.breakLoop},
   * the signal, or close. A handler that throws ends the run with its error.
   *
   * @param options `count` and `signal`.
   * @returns The frames delivered and the handler's `end()` value.
   */
  run(options: WorkerRunOptions = {}): Promise<WorkerRunResult> {
    const step = `run the capture on ${JSON.stringify(this.device)}`;
    if (this.#closed) {
      return Promise.reject(new Deno.errors.BadResource(`Cannot ${step}: the capture is closed`));
    }
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    if (this.#running !== undefined) {
      return Promise.reject(
        new Deno.errors.Busy(`Cannot ${step}: another run is going on this capture`),
      );
    }
    const count = options.count ?? 0;
    if (!Number.isInteger(count)) {
      return Promise.reject(
        new TypeError(`Cannot ${step}: count must be an integer, got ${count}`),
      );
    }
    const timeoutMs = options.timeoutMs ?? -1;
    if (typeof timeoutMs !== "number" || Number.isNaN(timeoutMs)) {
      return Promise.reject(
        new TypeError(`Cannot ${step}: timeoutMs must be a number, got ${timeoutMs}`),
      );
    }
    const signal = options.signal;
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      return Promise.reject(new TypeError(`Cannot ${step}: signal must be an AbortSignal`));
    }
    const done = new Promise<WorkerRunResult>((resolve, reject) => {
      this.#running = { resolve: resolve as (v: unknown) => void, reject };
    });
    if (signal?.aborted) this.breakLoop();
    const wake = () => this.breakLoop();
    signal?.addEventListener("abort", wake);
    const untilDrained = options.untilDrained === true;
    this.#worker!.postMessage({ type: "run", count, timeoutMs, untilDrained });
    return done.finally(() => signal?.removeEventListener("abort", wake));
  }

  /**
   * Ends the current run at once (the worker wakes through the eventfd); with
   * none going, the next run ends at once, as `pcap_breakloop`.
   */
  breakLoop(): void {
    if (this.#closed) return;
    Atomics.compareExchange(this.#control, 0, ENGINE_CONTROL.RUN, ENGINE_CONTROL.BREAK);
    this.#signal(this.#efd);
  }

  /**
   * The engine's counters now, read from shared memory without stopping it:
   * the kernel's totals (refreshed at least every 250 ms), the ring's, and the
   * stall measures.
   *
   * @returns A fresh object.
   */
  stats(): WorkerStats {
    return readWorkerStats(this.#stats);
  }

  /**
   * Ends any run, closes the socket and unmaps the ring in the worker, ends the
   * worker, then closes the eventfd. Harmless twice.
   *
   * @returns Resolves once nothing of the capture is left.
   */
  close(): Promise<void> {
    if (this.#closing !== undefined) return this.#closing;
    this.#closed = true;
    Atomics.store(this.#control, 0, ENGINE_CONTROL.CLOSE);
    this.#signal(this.#efd);
    const worker = this.#worker;
    this.#closing = (async () => {
      if (worker !== undefined && this.#failure === undefined) {
        const closed = new Promise<void>((resolve) => {
          const prev = worker.onmessage;
          worker.onmessage = (e: MessageEvent) => {
            if ((e.data as { type: string }).type === "closed") resolve();
            else prev?.call(worker, e);
          };
          const prevError = worker.onerror;
          worker.onerror = (e: ErrorEvent) => {
            prevError?.call(worker, e);
            resolve();
          };
        });
        worker.postMessage({ type: "close" });
        await closed;
      }
      worker?.terminate();
      for (const p of this.#filtering.values()) {
        p.reject(new Deno.errors.BadResource(`Cannot set the filter: the capture was closed`));
      }
      this.#filtering.clear();
      this.#running?.resolve({ packets: 0, result: undefined });
      this.#running = undefined;
      this.#closeFd(this.#efd);
    })();
    return this.#closing;
  }

  /** Same as {@linkcode WorkerCapture.close}. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
