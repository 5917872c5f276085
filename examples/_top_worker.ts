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
import { type FlowRecord, FlowTable, type FlowTableStats, type TopSort } from "../flows/mod.ts";

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
}

/** A run's result: what one snapshot is made of. */
export interface TopWorkerSnapshot {
  /** Wall-clock time of the snapshot, ms since the epoch. */
  nowMs: number;
  /** The table's totals. */
  stats: FlowTableStats;
  /** The busiest flows by the current sort key. */
  flows: FlowRecord[];
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
let stop: () => void = () => {};

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
  count = o.count;
  stop = ctx.stop;
  table = new FlowTable({
    linkType: ctx.linkType,
    ...(o.expired ? { onExpire: (f: FlowRecord) => void ended.push(f) } : {}),
  });
  const onBatch = (batch: Batch) => {
    if (count > 0 && seen + batch.count >= count) {
      if (seen < count) {
        table.addBatch({ ...batch, count: count - seen }, ctx.ifIndex, ctx.linkType);
      }
      seen = count;
      return stop();
    }
    seen += batch.count;
    table.addBatch(batch, ctx.ifIndex, ctx.linkType);
  };
  // On "any" the interface differs per frame (and only the frame knows it): count frames.
  return ctx.ifIndex === 0 ? { onFrame, end } : { onBatch, onFrame, end };
}

/** The end of a run (once per interval): expire, the snapshot, and a flush when asked. */
export function end(): TopWorkerSnapshot {
  const nowMs = Date.now();
  table.expire(nowMs);
  const stats = table.stats(nowMs);
  const sort = TOP_SORTS[Atomics.load(control, TOP_CONTROL.SORT)] ?? "rate2";
  const flows = table.top(limit, sort, nowMs);
  if (Atomics.load(control, TOP_CONTROL.FLUSH) === 1) table.flush();
  const expired = ended;
  ended = [];
  return { nowMs, stats, flows, expired, done: count > 0 && seen >= count };
}
