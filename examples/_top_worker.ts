/**
 * top's live path inside the capture engine's Worker (a handler module, see
 * `openWorkerCapture`): the flow table lives here, next to the ring, and counts each V3 block
 * straight from its bytes (no frame object, no view per packet). The main thread ends a run
 * once per interval (`breakLoop()`); the run's result is the snapshot of the table it shows:
 * the totals and the busiest flows, plus the flows that ended, for IPFIX.
 *
 * @module
 */
import type { Batch, Frame, WorkerHandler, WorkerHandlerContext } from "../mod.ts";
import {
  type FlowBatch,
  type FlowRecord,
  FlowTable,
  type FlowTableStats,
  type TopSort,
} from "../flows/mod.ts";
import { type FlowBatchCounter, type FlowTableMemory, useNativeCounter } from "../flows/_native.ts";
import { PACKED_NUMBERS, type PackedFlows, packTop } from "../flows/_packed.ts";
import { loadBackend } from "../ffi/backend.ts";

/** The sort keys by their number in {@linkcode TOP_CONTROL.SORT}. */
export const TOP_SORTS: readonly TopSort[] = ["rate2", "rate10", "rate40", "bytes", "packets"];

/** Words of the shared control array (an `Int32Array` over `TopWorkerOptions.control`). */
export const TOP_CONTROL = {
  /** Index in {@linkcode TOP_SORTS} of the key the busiest flows are picked by. */
  SORT: 0,
  /** 1: the next run's end flushes the table (every flow ends, for IPFIX). */
  FLUSH: 1,
  /** Words. */
  LENGTH: 2,
} as const;

/** What the main thread passes as `handlerOptions`. */
export interface TopWorkerOptions {
  /** `SharedArrayBuffer` of {@linkcode TOP_CONTROL.LENGTH} Int32 words. */
  control: SharedArrayBuffer;
  /** Flows copied out per snapshot, the busiest first. */
  flows: number;
  /** Stop after this many packets (0: no limit). */
  count: number;
  /** Keep the flows that end (for IPFIX). */
  expired: boolean;
  /**
   * Count Ethernet blocks with the C shim's counter when the shim has it (the table's own
   * TypeScript path otherwise, as with the libc backend). @default true
   */
  native?: boolean;
}

/** A run's result: what one snapshot is made of. */
export interface TopWorkerSnapshot {
  /** Wall-clock time of the snapshot, ms since the epoch. */
  nowMs: number;
  /** The table's totals. */
  stats: FlowTableStats;
  /**
   * The busiest flows by the current sort key, packed (see `unpackFlows` in flows/_packed.ts).
   * The numbers are a view on one of two `SharedArrayBuffer`s the Worker packs into in turn
   * (the post copies nothing): valid until the run after the next one ends, so they are read
   * before that (top.ts reads them as the result arrives, while the next run goes on).
   */
  flows: PackedFlows;
  /** Flows that ended since the last snapshot (only with `expired`). */
  expired: FlowRecord[];
  /** `count` packets were counted: the capture is over. */
  done: boolean;
}

let table: FlowTable;
let control: Int32Array;
let limit = 0;
let count = 0;
let seen = 0;
let ended: FlowRecord[] = [];
/** The two buffers the snapshots' numbers are packed into, in turn (see TopWorkerSnapshot). */
let packed: Float64Array[] = [];
let turn = 0;
let stop: () => void = () => {};
/** The shim's flow counter, when it is built with one and wanted (see TopWorkerOptions.native). */
let counter: ((memory: FlowTableMemory) => FlowBatchCounter) | undefined;

/** A new table, with the shim's counter when there is one. */
function newTable(options: ConstructorParameters<typeof FlowTable>[0]): FlowTable {
  const t = new FlowTable(options);
  if (counter !== undefined) useNativeCounter(t, counter);
  return t;
}

/**
 * The columns of a batch as one object shape (the first `count` packets): the table's code is
 * then compiled for that one shape, in the warm-up and for every block of the ring alike.
 */
function columns(batch: FlowBatch, count: number): FlowBatch {
  return {
    bytes: batch.bytes,
    count,
    offsets: batch.offsets,
    capLens: batch.capLens,
    wireLens: batch.wireLens,
    secs: batch.secs,
    nsecs: batch.nsecs,
  };
}

/**
 * The warm-up's traffic: packets per batch, batches (40 000 packets, as the engine's own
 * warm-up of the ring walk), ms of packet time between batches (20 s in all: rate buckets
 * roll), client ports per kind of packet, one packet in how many opens a new flow, bytes
 * per packet slot; batches per table (a new table every 4 s of packet time, so a table's first
 * packets, the start of its rates and its first flows, are not paths run once, which the
 * real table's first packets would throw the compiled code away on); and the warm tables'
 * size and idle timeout (evictions and idle ends in each).
 */
const WARM = {
  PACKETS: 200,
  BATCHES: 200,
  STEP_MS: 100,
  FLOWS: 150,
  NEW_EVERY: 4,
  STRIDE: 128,
  TABLE_BATCHES: 40,
  MAX_FLOWS: 768,
  IDLE_MS: 1500,
} as const;
/** Flows the warm-up's snapshots select (as many as top's). */
const WARM_SNAPSHOT_FLOWS = 500;
/** When each warm table's snapshots are taken, ms after its last batch (see warmUp). */
const SNAPSHOT_AFTER_MS = [0, 2500, 700, 45_000, 9000] as const;

/**
 * An Ethernet frame (VLAN-tagged for kind 5) of the kind `kind` picks: UDP, TCP, ICMP over
 * IPv4, TCP and UDP over IPv6, ARP, a truncated IPv4 header; `reply` swaps the addresses.
 * The client's port is left 0, for the caller to set.
 */
function warmFrame(kind: number, reply: boolean): Uint8Array {
  const v6 = kind === 3 || kind === 4;
  const l2 = kind === 5 ? 18 : 14;
  const protocol = kind === 0 || kind === 4 || kind === 5 ? 17 : kind === 2 ? 1 : 6;
  const ip = v6 ? 40 : 20;
  const l4 = protocol === 6 ? 20 : 8;
  const b = new Uint8Array(Math.max(64, l2 + ip + l4));
  b.set([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1]);
  if (kind === 5) b.set([0x81, 0x00, 0, 7], 12);
  if (kind === 6) {
    b.set([0x08, 0x06, 0, 1, 8, 0, 6, 4, 0, 1], 12);
    return b;
  }
  b.set(v6 ? [0x86, 0xdd] : [0x08, 0x00], l2 - 2);
  const [a, z] = reply ? [2, 1] : [1, 2];
  if (v6) {
    b.set([0x60, 0, 0, 0, 0, l4, protocol, 64, 0x20, 0x01, 0x0d, 0xb8], l2);
    b.set([0x20, 0x01, 0x0d, 0xb8], l2 + 24);
    b[l2 + 23] = a;
    b[l2 + 39] = z;
  } else {
    // 192.168/16 as well as 10/8: addresses above 2^31 as 32-bit numbers, too.
    const net = kind === 1 ? [192, 168] : [10, 0];
    b.set([0x45, 0, 0, ip + l4, 0, 0, 0, 0, 64, protocol, 0, 0, ...net, 0, a, ...net, 0, z], l2);
  }
  const t = l2 + ip;
  const service = protocol === 6 ? 80 : 53;
  if (protocol === 1) b.set([reply ? 0 : 8, 0], t);
  else b.set(reply ? [0, service, 0, 0] : [0, 0, 0, service], t);
  if (protocol === 6) b.set([0x50, reply ? 0x12 : 0x02], t + 12);
  if (protocol === 17) b[t + 5] = 8;
  return kind === 7 ? b.subarray(0, l2 + 10) : b;
}

/**
 * Runs the table's code — counting (new flows, known flows, both directions, evictions, rate
 * buckets rolling), expiry, the snapshot's selection and records — on a small table of its own
 * before the first real packet, so V8 has compiled it then (~150 ms of CPU at start-up):
 * otherwise the first second of traffic runs in the interpreter and the baseline tiers while
 * the compilers work beside it, about a third of the table's CPU in a 3 s run at 250k/s.
 * The values cover the real ones' ranges (ports and addresses above 2^15 and 2^31, times with
 * nanoseconds), or the compiled code would be thrown away at the first real packet.
 */
function warmUp(linkType: number): void {
  const frames = [false, true].map((reply) =>
    Array.from({ length: 8 }, (_, k) => warmFrame(k, reply))
  );
  const bytes = new Uint8Array(WARM.PACKETS * WARM.STRIDE);
  const offsets = new Uint32Array(WARM.PACKETS);
  const capLens = new Uint32Array(WARM.PACKETS);
  const wireLens = new Uint32Array(WARM.PACKETS);
  const secs = new Uint32Array(WARM.PACKETS);
  const nsecs = new Uint32Array(WARM.PACKETS);
  const options = { maxFlows: WARM.MAX_FLOWS, idleTimeoutMs: WARM.IDLE_MS, onExpire: () => {} };
  let warm = newTable(options);
  let n = 0;
  let ms = Date.now() - WARM.BATCHES * WARM.STEP_MS;
  for (let b = 0; b < WARM.BATCHES; b++, ms += WARM.STEP_MS) {
    for (let j = 0; j < WARM.PACKETS; j++, n++) {
      // Mostly UDP over IPv4 (what a flood is), every kind now and then; replies, too.
      const kind = n % 16 < 9 ? 0 : n % 8;
      const reply = n % 5 === 0;
      const f = frames[reply ? 1 : 0]![kind]!;
      const at = j * WARM.STRIDE;
      bytes.set(f, at);
      // The client's port: where the flow is (kinds 2, 6 and 7 have none). One packet in
      // WARM.NEW_EVERY opens a new flow (a port not used before): a flood of new flows (the
      // benchmark's 64 512 in 0.26 s, a scan) runs #insert tens of thousands of times, and
      // V8 compiles it again with its optimizing tier then, ~18 ms mid-traffic, unless the
      // warm-up ran it often enough for that tier already.
      const port = n % WARM.NEW_EVERY === 0
        ? 40000 + WARM.FLOWS + (n / WARM.NEW_EVERY) % 25000
        : 40000 + (n * 7919) % WARM.FLOWS;
      const l4 = at + (kind === 5 ? 18 : 14) + (kind === 3 || kind === 4 ? 40 : 20);
      if (kind !== 2 && kind < 6) {
        bytes[l4 + (reply ? 2 : 0)] = port >> 8;
        bytes[l4 + (reply ? 3 : 1)] = port & 255;
      }
      offsets[j] = at;
      capLens[j] = wireLens[j] = f.length;
      // Times to the nanosecond, as the ring's (whole milliseconds would teach V8 integers);
      // now and then a packet 3 s late (one CPU's frames behind another's, in a real ring):
      // the table's path for a packet of a rate bucket already past is then compiled too.
      const late = n % 97 === 0 ? 3000 : 0;
      const t = ms + j * (WARM.STEP_MS / WARM.PACKETS) - late;
      secs[j] = Math.floor(t / 1000);
      nsecs[j] = Math.floor(t % 1000) * 1e6 + (n * 104_729) % 1e6;
    }
    const batch = { bytes, count: WARM.PACKETS, offsets, capLens, wireLens, secs, nsecs };
    warm.addBatch(columns(batch, WARM.PACKETS), 1, linkType);
    if (b % 10 === 9) warm.expire(ms);
    if (b % WARM.TABLE_BATCHES === WARM.TABLE_BATCHES - 1) {
      // Snapshots by every key, taken as a live one is: in the bucket of the last packet, in
      // the next, or long after it (a capture gone quiet); each table at another distance, so
      // every branch of the windows' arithmetic has run (a first real snapshot that takes an
      // untaken one throws the compiled code away: --trace-deopt showed windowScores, bytesAt
      // and #flowRates recompiled there, ~15 ms of compiler threads).
      const at = ms + SNAPSHOT_AFTER_MS[Math.floor(b / WARM.TABLE_BATCHES)]!;
      warm.stats(at);
      for (const sort of TOP_SORTS) packTop(warm, WARM_SNAPSHOT_FLOWS, sort, at);
      warm.flush();
      warm = newTable(options);
    }
  }
  warmScans(linkType);
}

/** Flows of the table {@linkcode warmScans} fills. */
const WARM_SCAN_FLOWS = 16_384;

/**
 * The snapshot's scans over the whole table (the scores and the selection of top(), the marks
 * copied when a rate bucket begins, expiry's active-timeout scan) on a table of 16 384 flows,
 * a few times each: the warm-up's small tables call them for one chunk of slots at a time, so
 * V8 compiled them again with its optimizing tier at the first real snapshot of a full table
 * (--trace-opt: windowScores, copyMarks, dueSlots mid-traffic, milliseconds of compiler
 * threads each).
 */
function warmScans(linkType: number): void {
  const f = warmFrame(0, false);
  const stride = 64;
  const n = WARM_SCAN_FLOWS;
  const bytes = new Uint8Array(n * stride);
  const offsets = new Uint32Array(n);
  const lens = new Uint32Array(n).fill(f.length);
  const secs = new Uint32Array(n);
  const nsecs = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    bytes.set(f, i * stride);
    bytes[i * stride + 34] = 0x80 | (i >> 8); // the client's port: a flow each
    bytes[i * stride + 35] = i & 255;
    offsets[i] = i * stride;
  }
  const t = newTable({ maxFlows: n });
  let ms = Date.now() - 12_000;
  for (let round = 0; round < 5; round++, ms += 2100) {
    for (let i = 0; i < n; i++) {
      const at = ms + i / 100;
      secs[i] = Math.floor(at / 1000);
      nsecs[i] = Math.floor(at % 1000) * 1e6 + (i * 104_729) % 1e6;
    }
    t.addBatch(
      { bytes, count: n, offsets, capLens: lens, wireLens: lens, secs, nsecs },
      1,
      linkType,
    );
    t.expire(ms + 1000);
    for (const sort of TOP_SORTS) {
      const at = ms + 1000 + round * 700;
      // Once a second each, live: called this often here, they are compiled before that
      // (--trace-opt: the packing ~9 ms, the selection's heapsort ~2 ms and stats ~2 ms of
      // compiler threads mid-traffic). Into the live snapshots' buffers, as end() packs.
      for (let k = 0; k < 3; k++) packTop(t, WARM_SNAPSHOT_FLOWS, sort, at, packed[k & 1]);
      for (let k = 0; k < 8; k++) t.stats(at + k * 900);
    }
  }
  t.flush();
}

/**
 * A small table's totals and busiest flows, from the warm-up's kinds of traffic: what the main
 * thread runs its snapshot code on before the capture starts, so the first real snapshot is
 * not the one that compiles it.
 *
 * @param linkType The capture's `LINKTYPE_*`.
 * @returns The parts of a {@linkcode TopWorkerSnapshot} a snapshot is made of.
 */
export function sampleSnapshot(linkType: number): { stats: FlowTableStats; flows: FlowRecord[] } {
  const t = new FlowTable({ maxFlows: 256, linkType });
  const ms = Date.now();
  for (let n = 0; n < 400; n++) {
    const kind = n % 8;
    const reply = n % 3 === 0;
    const f = warmFrame(kind, reply);
    const l4 = (kind === 5 ? 18 : 14) + (kind === 3 || kind === 4 ? 40 : 20);
    if (kind !== 2 && kind < 6) f[l4 + (reply ? 3 : 1)] = n % 50;
    const at = ms - 400 + n;
    t.addBytes(f, f.length, Math.floor(at / 1000), (at % 1000) * 1e6, 1, linkType);
  }
  return { stats: t.stats(ms), flows: t.top(WARM_SNAPSHOT_FLOWS, "rate2", ms) };
}

/** Counts a frame (on `"any"`, or when the kernel refused the filter). */
function onFrame(frame: Frame): void {
  if (count > 0 && seen >= count) return stop();
  seen++;
  table.addBytes(frame.data, frame.wireLen, frame.sec, frame.nsec, frame.ifIndex, frame.linkType);
}

/** Opens the table; the ring's link type and interface are every frame's. */
export function init(ctx: WorkerHandlerContext): WorkerHandler {
  const o = ctx.options as TopWorkerOptions;
  control = new Int32Array(o.control);
  limit = o.flows;
  packed = [0, 1].map(() => new Float64Array(new SharedArrayBuffer(limit * PACKED_NUMBERS * 8)));
  count = o.count;
  stop = ctx.stop;
  // The engine's backend is "auto" too (top asks for no other): the shim when it is built.
  // The counter is the same code for every block; the table's TypeScript path still counts
  // the packets it leaves (a new rate bucket, evictions) and blocks of other link types.
  try {
    counter = o.native === false ? undefined : loadBackend("auto").flowCounter;
  } catch {
    counter = undefined;
  }
  warmUp(ctx.linkType);
  table = newTable({
    linkType: ctx.linkType,
    ...(o.expired ? { onExpire: (f: FlowRecord) => void ended.push(f) } : {}),
  });
  const onBatch = (batch: Batch) => {
    if (count > 0 && seen + batch.count >= count) {
      if (seen < count) table.addBatch(columns(batch, count - seen), ctx.ifIndex, ctx.linkType);
      seen = count;
      return stop();
    }
    seen += batch.count;
    table.addBatch(columns(batch, batch.count), ctx.ifIndex, ctx.linkType);
  };
  // The engine's synthetic blocks at open go through the same per-block path into a table of
  // their own, so the batch objects of the ring (not the warm-up's) have met it before the
  // first real block.
  const scratch = newTable({ maxFlows: 1024, linkType: ctx.linkType });
  const warm = (batch: Batch) =>
    scratch.addBatch(columns(batch, batch.count), ctx.ifIndex, ctx.linkType);
  // On "any" the interface differs per frame (and only the frame knows it): count frames.
  return ctx.ifIndex === 0 ? { onFrame, end } : { onBatch, onFrame, end, warm };
}

/** The end of a run (once per interval): expire, the snapshot, and a flush when asked. */
export function end(): TopWorkerSnapshot {
  const nowMs = Date.now();
  table.expire(nowMs);
  const stats = table.stats(nowMs);
  const sort = TOP_SORTS[Atomics.load(control, TOP_CONTROL.SORT)] ?? "rate2";
  const flows = packTop(table, limit, sort, nowMs, packed[turn]);
  turn ^= 1;
  if (Atomics.load(control, TOP_CONTROL.FLUSH) === 1) table.flush();
  const expired = ended;
  ended = [];
  return { nowMs, stats, flows, expired, done: count > 0 && seen >= count };
}
