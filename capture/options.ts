/**
 * Options of a live capture: their types, defaults and presets, and the one
 * function that checks them all before any system call.
 *
 * @module
 */

import type { BpfProgram } from "../filter/insn.ts";
import { validateProgram } from "../filter/vm.ts";
import { IFNAMSIZ } from "../ffi/linux.ts";
import { DEFAULT_SNAPLEN } from "../link_type.ts";

/**
 * Default ring size in bytes (2 MiB, libpcap's default buffer).
 *
 * @example The default ring
 * ```ts
 * import { DEFAULT_BUFFER_SIZE } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * assert.equal(DEFAULT_BUFFER_SIZE, 2 * 1024 * 1024);
 * ```
 */
export const DEFAULT_BUFFER_SIZE = 2 * 1024 * 1024;
/**
 * Default V3 block size in bytes (256 KiB, as libpcap picks for a 262144-byte
 * snaplen): a block is handed over when full or when its timeout expires.
 *
 * @example Eight blocks in the default ring
 * ```ts
 * import { DEFAULT_BLOCK_SIZE, DEFAULT_BUFFER_SIZE } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * assert.equal(DEFAULT_BUFFER_SIZE / DEFAULT_BLOCK_SIZE, 8);
 * ```
 */
export const DEFAULT_BLOCK_SIZE = 256 * 1024;
/**
 * Default V3 block timeout in ms: the longest a packet waits in a block that
 * is not full before the kernel hands the block over (bounds delivery latency).
 *
 * @example Latency bound
 * ```ts
 * import { DEFAULT_BLOCK_TIMEOUT_MS } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * assert.equal(DEFAULT_BLOCK_TIMEOUT_MS, 10);
 * ```
 */
export const DEFAULT_BLOCK_TIMEOUT_MS = 10;

/** Ring geometry of a named preset. */
export interface RingPreset {
  /** V3 block size in bytes. */
  readonly blockSize: number;
  /** V3 block timeout in ms: bounds how long a packet can wait before delivery. */
  readonly blockTimeoutMs: number;
  /** Ring size in bytes, used when `bufferSize` is not given. */
  readonly bufferSize: number;
}

/**
 * The two named ring presets.
 *
 * - `latency`: 128 KiB blocks retired after 1 ms (16 blocks in 2 MiB): a
 *   packet waits at most about 1 ms; more wake-ups per packet under load.
 * - `throughput`: 1 MiB blocks retired after 50 ms (16 blocks in 16 MiB):
 *   fewest wake-ups, up to 50 ms of delivery latency at low rates.
 *
 * Explicit `blockSize`, `blockTimeoutMs` and `bufferSize` options override the preset's.
 *
 * @example Pick a preset
 * ```ts
 * import { RING_PRESETS } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * assert.equal(RING_PRESETS.latency.blockTimeoutMs, 1);
 * assert.equal(RING_PRESETS.throughput.bufferSize / RING_PRESETS.throughput.blockSize, 16);
 * ```
 */
export const RING_PRESETS: Readonly<Record<"latency" | "throughput", RingPreset>> = {
  latency: { blockSize: 128 * 1024, blockTimeoutMs: 1, bufferSize: 2 * 1024 * 1024 },
  throughput: { blockSize: 1024 * 1024, blockTimeoutMs: 50, bufferSize: 16 * 1024 * 1024 },
};

/** How a capture opens its device. */
export interface CaptureOptions {
  /** Bytes kept per packet, 1 to 262144. @default {DEFAULT_SNAPLEN} */
  snapLen?: number;
  /** Put the device in promiscuous mode (`PACKET_MR_PROMISC`) while open. @default true */
  promiscuous?: boolean;
  /** Ring size in bytes, at least one page. @default {DEFAULT_BUFFER_SIZE} (or the preset's) */
  bufferSize?: number;
  /** V3 block size in bytes: a power of two, at least one page. @default {DEFAULT_BLOCK_SIZE} */
  blockSize?: number;
  /** V3 block timeout in ms, 0 (kernel default) to 65535. @default {DEFAULT_BLOCK_TIMEOUT_MS} */
  blockTimeoutMs?: number;
  /** Named ring geometry, see {@linkcode RING_PRESETS}; explicit sizes override it. */
  preset?: "latency" | "throughput";
  /** `TPACKET_V2` frame ring: each packet is delivered at once, no block latency. @default false */
  immediate?: boolean;
  /**
   * Wake-up coalescing for the main-thread reads (`loop`, `dispatch`, `nextBatch`, `packets`),
   * like a NIC's interrupt moderation: while blocks fill fast, a wait that finds the ring empty
   * lets the shim's waiter thread nap until several blocks are ready (it watches their status
   * words: at most half the ring, leaving room for 4 ms of traffic at the fastest pace seen;
   * never keeping a frame longer than `blockTimeoutMs`) and then takes those blocks in one
   * wake-up instead of one per block. Needs the shim and a V3 ring with a block timeout of 4 ms or
   * more; ignored otherwise and by the worker engine. `false` wakes the reader for every
   * block. `true` also coalesces with a shim built before the watch, by sleeping the time the
   * blocks should take (blind to a flood that speeds up meanwhile). `TPACKET_COALESCE=1` in
   * the environment is `true` for every capture, `=0` is `false`.
   * @default true (watched naps only)
   */
  coalesce?: boolean;
  /** Which packets: received (`"in"`), sent (`"out"`) or both. @default "inout" */
  direction?: "in" | "out" | "inout";
  /** Timestamp resolution of `nsec`. @default "micro" */
  timestampPrecision?: "micro" | "nano";
  /**
   * Filter attached in the kernel (`SO_ATTACH_FILTER`): a pcap-filter expression
   * (`"udp port 53"`, compiled for the capture's link type and snapLen) or a
   * classic BPF program.
   */
  filter?: string | BpfProgram;
  /** Link type of the `"any"` device: `LINUX_SLL` or `LINUX_SLL2`. @default "sll" */
  cooked?: "sll" | "sll2";
  /** System-call backend: the C shim when built (`"auto"`), or plain libc. @default "auto" */
  backend?: "auto" | "shim" | "libc";
}

/** Running totals of a capture, like `pcap_stats` plus the ring's counters. */
export interface CaptureStats {
  /** Packets that reached the socket, dropped ones included (libpcap's `ps_recv`). */
  received: number;
  /** Packets the kernel dropped because the ring was full (`ps_drop`). */
  dropped: number;
  /** Times the V3 queue was frozen because no block was free (`tp_freeze_q_cnt`). */
  freezes: number;
  /** Blocks (V2: frames) that carried `TP_STATUS_LOSING`. */
  losingBlocks: number;
  /** Gaps in the V3 block sequence numbers. */
  seqGaps: number;
  /** V3 blocks (V2: frame slots) the ring walked, timed-out empty blocks included. */
  blocks: number;
  /** Frames refused because they overran their block or left no room for a header. */
  corrupt: number;
  /** Frames a user-space filter refused (a cooked-socket filter, or the refilter after `setFilter`). */
  rejected: number;
  /**
   * Longest time, in ms, the ring held frames user space had not come back for: from the
   * start of one visit to the next visit that found the ring already ready, or, after a wait,
   * from when the kernel handed over the slot it woke for (its timestamp; a V3 block retired
   * by its timer counts from the wake-up) to the visit. How close a slow callback, a stalled
   * event loop or a late wake-up came to filling the ring: at the ring's fill time (its size
   * over the incoming byte rate) frames drop. While blocks fill fast, main-thread waits
   * coalesce wake-ups on purpose (up to half the ring per wake-up, at most the block
   * timeout: the `coalesce` option): this then includes that wait.
   */
  maxUnvisitedMs: number;
  /**
   * Most ring slots (V3 blocks, V2 frames) in user space at once, counted at each visit:
   * ready ones not yet read plus batches not yet released. The high-water mark; the ring has
   * `bufferSize / blockSize` slots. Coalesced waits (see `maxUnvisitedMs`) find up to half of
   * them ready by design; more than half means the reader fell behind.
   */
  maxBlocksHeld: number;
}

/** Options of {@linkcode Capture.loop} and {@linkcode Capture.packets}. */
export interface LoopOptions {
  /** Stop after this many packets; 0 or less: no limit. @default 0 */
  count?: number;
  /** Ends the loop (it resolves with the packets delivered so far) and wakes its wait. */
  signal?: AbortSignal;
}

/** Options of {@linkcode Capture.dispatch}. */
export interface DispatchOptions {
  /** Deliver at most this many packets; 0 or less: all that are ready. @default 0 */
  max?: number;
  /** Longest wait for the first packet in ms; negative: no limit. @default -1 */
  timeoutMs?: number;
  /** Ends the wait (it resolves with 0). */
  signal?: AbortSignal;
}

/** Options of {@linkcode Capture.nextBatch}. */
export interface BatchOptions {
  /** Ends the wait (it resolves with `undefined`). */
  signal?: AbortSignal;
}

/** The checked options with defaults applied: what the activation steps read. */
export interface Config {
  snapLen: number;
  promiscuous: boolean;
  bufferSize: number;
  blockSize: number | undefined;
  blockTimeoutMs: number;
  immediate: boolean;
  /** Undefined when not given: watched naps only (see `capture/wait.ts`). */
  coalesce: boolean | undefined;
  direction: "in" | "out" | "inout";
  nanoseconds: boolean;
  filter: string | BpfProgram | undefined;
  cooked: "sll" | "sll2";
  backend: "auto" | "shim" | "libc";
}

/** The kernel's limit on classic BPF program length (linux/bpf_common.h `BPF_MAXINSNS`). */
export const BPF_MAXINSNS = 4096;

/** Throws `Cannot open "<device>": <what>` as a `RangeError` (or `Ctor`). */
export function fail(device: string, what: string, Ctor: ErrorConstructor = RangeError): never {
  throw new Ctor(`Cannot open ${JSON.stringify(device)}: ${what}`);
}

function intOption(
  device: string,
  name: string,
  value: unknown,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number") {
    fail(device, `${name} must be a number, got ${typeof value}`, TypeError);
  }
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(device, `${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}

function oneOf<T extends string>(
  device: string,
  name: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !allowed.includes(value as T)) {
    const list = allowed.map((a) => `"${a}"`).join(", ");
    fail(device, `${name} must be one of ${list}, got ${JSON.stringify(value)}`, TypeError);
  }
  return value as T;
}

function boolOption(device: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") {
    fail(device, `${name} must be a boolean, got ${typeof value}`, TypeError);
  }
  return value;
}

/**
 * Checks a program's shape (an array of `{ code, jt, jf, k }` in range), then runs
 * the kernel's own checks (`validateProgram`), so a bad program gets a message
 * naming the instruction instead of a bare `EINVAL` from `SO_ATTACH_FILTER`.
 */
export function checkProgram(device: string, program: unknown): BpfProgram {
  if (!Array.isArray(program)) {
    fail(device, `filter must be an array of BPF instructions, got ${typeof program}`, TypeError);
  }
  if (program.length < 1 || program.length > BPF_MAXINSNS) {
    fail(device, `filter must have 1 to ${BPF_MAXINSNS} instructions, got ${program.length}`);
  }
  program.forEach((insn: unknown, i: number) => {
    const { code, jt, jf, k } = (insn ?? {}) as Record<string, unknown>;
    const ok = (v: unknown, max: number) =>
      Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max;
    if (!ok(code, 0xffff) || !ok(jt, 0xff) || !ok(jf, 0xff) || !ok(k, 0xffff_ffff)) {
      fail(device, `filter instruction ${i} is not { code, jt, jf, k } in range`, TypeError);
    }
  });
  try {
    validateProgram(program as BpfProgram);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    fail(device, `filter ${e.message.replace(/^Cannot accept BPF program: /, "")}`);
  }
  return program as BpfProgram;
}

/** Checks every option once, before any system call; a `TypeError` or `RangeError` names the option. */
export function checkOptions(device: unknown, options: unknown): Config {
  if (typeof device !== "string") {
    throw new TypeError(`Cannot open a capture: the device must be a string, got ${typeof device}`);
  }
  if (
    device.length === 0 || new TextEncoder().encode(device).length >= IFNAMSIZ ||
    /[\0/\s]/.test(device)
  ) {
    fail(device, `not a valid interface name (1 to ${IFNAMSIZ - 1} bytes, no "/", NUL or space)`);
  }
  if (options === null || typeof options !== "object") {
    fail(
      device,
      `options must be an object, got ${options === null ? "null" : typeof options}`,
      TypeError,
    );
  }
  const o = options as Record<string, unknown>;
  const preset = o.preset === undefined
    ? undefined
    : RING_PRESETS[oneOf(device, "preset", o.preset, ["latency", "throughput"], "latency")];
  const blockSize = intOption(device, "blockSize", o.blockSize, 4096, 1 << 30);
  if (blockSize !== undefined && (blockSize & (blockSize - 1)) !== 0) {
    fail(device, `blockSize must be a power of two, got ${blockSize}`);
  }
  const bufferSize = intOption(device, "bufferSize", o.bufferSize, 4096, 2 ** 32) ??
    preset?.bufferSize ?? DEFAULT_BUFFER_SIZE;
  const config: Config = {
    snapLen: intOption(device, "snapLen", o.snapLen, 1, DEFAULT_SNAPLEN) ?? DEFAULT_SNAPLEN,
    promiscuous: boolOption(device, "promiscuous", o.promiscuous, true),
    bufferSize,
    blockSize: blockSize ?? preset?.blockSize,
    blockTimeoutMs: intOption(device, "blockTimeoutMs", o.blockTimeoutMs, 0, 65535) ??
      preset?.blockTimeoutMs ?? DEFAULT_BLOCK_TIMEOUT_MS,
    immediate: boolOption(device, "immediate", o.immediate, false),
    coalesce: o.coalesce === undefined
      ? undefined
      : boolOption(device, "coalesce", o.coalesce, true),
    direction: oneOf(device, "direction", o.direction, ["in", "out", "inout"], "inout"),
    nanoseconds:
      oneOf(device, "timestampPrecision", o.timestampPrecision, ["micro", "nano"], "micro") ===
        "nano",
    filter: undefined,
    cooked: oneOf(device, "cooked", o.cooked, ["sll", "sll2"], "sll"),
    backend: oneOf(device, "backend", o.backend, ["auto", "shim", "libc"], "auto"),
  };
  if (config.blockSize !== undefined && config.blockSize > bufferSize) {
    fail(device, `bufferSize (${bufferSize}) must be at least blockSize (${config.blockSize})`);
  }
  if (o.filter !== undefined) {
    // Expressions are compiled once the link type is known (in the open sequence).
    if (typeof o.filter !== "string") checkProgram(device, o.filter);
    config.filter = o.filter as string | BpfProgram;
  }
  return config;
}
