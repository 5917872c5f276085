/**
 * The flow table's seam for a native batch counter (the C shim's `pk_flow_count`, handed over
 * by `ffi/`): the table's arrays, the scalars it shares with the counter, and the way to give
 * a table its counter. Not part of the package's API (`flows/mod.ts` does not export it): the
 * table stays pure; top's capture Worker, which has FFI, attaches the shim's counter.
 *
 * @module
 */

import type { FlowTable } from "./table.ts";

/** A flow table's typed arrays, as `pk_flow_count` reads and writes them (see table.ts). */
export interface FlowTableMemory {
  /** Hash index: slot + 1, 0 = empty. */
  readonly index: Int32Array;
  /** Per slot: the key's 11 words, its hash, padding (16 words). */
  readonly keys: Uint32Array;
  /** Per slot: packets and bytes per direction, last seen, -, -, meta. */
  readonly hot: Float64Array;
  /** Per slot: first packet, period start, counts reported, per-direction times. */
  readonly cold: Float64Array;
  /** Per slot and direction: the last ICMP type and code. */
  readonly icmp: Int32Array;
  /** Per slot: the rate bucket the flow was made in. */
  readonly born: Float64Array;
  /** Per rate bucket kept, per slot and direction: the bytes sent when the bucket began. */
  readonly marks: Float64Array;
  /** The stack of free slots. */
  readonly free: Int32Array;
  /** 1 for a slot that holds a flow. */
  readonly live: Uint8Array;
  /** Packets and bytes per protocol (IP protocols, then ARP, other, undecodable). */
  readonly mix: Float64Array;
  /** Wire bytes per rate bucket. */
  readonly rate: Float64Array;
}

/** Words of the scalars a table shares with its native counter (`PK_FT_S_*` in shim.c). */
export const NATIVE_STATE = {
  COUNT: 0,
  MAX: 1,
  FREE_TOP: 2,
  HIGH_WATER: 3,
  IDLE_DUE: 4,
  FLOWS_MADE: 5,
  PACKETS: 6,
  WIRE_BYTES: 7,
  IP_BYTES: 8,
  NOW_MS: 9,
  EPOCH: 10,
  EPOCH_START: 11,
  EPOCH_END: 12,
  EPOCH_AT: 13,
  IDLE_TIMEOUT: 14,
  MASK: 15,
  LENGTH: 16,
} as const;

/**
 * Counts packets `from` to `count - 1` of an Ethernet batch into the table whose memory it
 * was made for, the scalars in `state` (read first, written back): stops at the first packet
 * it leaves to the table's own code (another rate bucket, a new flow in a full table) and
 * returns its index, `count` when it counted them all. `top`, when the counter has it, is
 * the table's top() scan for the same memory.
 */
export type FlowBatchCounter =
  & ((
    state: Float64Array,
    bytes: Uint8Array,
    offsets: Uint32Array,
    capLens: Uint32Array,
    wireLens: Uint32Array,
    secs: Uint32Array,
    nsecs: Uint32Array,
    from: number,
    count: number,
    ifIndex: number,
  ) => number)
  & { top?: FlowTopScan };

/**
 * FlowTable.top()'s scan of the slots below `end` into its heap (`heapScore.length` the most
 * kept), as the table's own code makes it: `mode` 0 scores by the bytes of rate buckets
 * `from` to `now - 1` (`epoch` the bucket in progress), 1 by bytes, 2 by packets. Returns the
 * heap's size, or -1 when the table's own scan must take it.
 */
export type FlowTopScan = (
  mode: number,
  from: number,
  now: number,
  epoch: number,
  heapScore: Float64Array,
  heapSlot: Int32Array,
  end: number,
) => number;

/** What table.ts lends this module: its private memory and counter slot. */
interface TableAccess {
  memory(table: FlowTable): FlowTableMemory;
  state(table: FlowTable): Float64Array;
  attach(table: FlowTable, counter: FlowBatchCounter | undefined): void;
}

let access: TableAccess | undefined;

/** Called once by table.ts, as the class is defined. */
export function grantTableAccess(a: TableAccess): void {
  access = a;
}

function granted(): TableAccess {
  if (access === undefined) throw new Error("flows/table.ts is not loaded");
  return access;
}

/**
 * Gives `table` a native counter made for its memory (or takes it away, `make` returning
 * `undefined`): its `addBatch` of Ethernet batches then counts through it.
 *
 * @param table The table.
 * @param make Makes the counter for the table's arrays.
 */
export function useNativeCounter(
  table: FlowTable,
  make: ((memory: FlowTableMemory) => FlowBatchCounter) | undefined,
): void {
  const a = granted();
  a.attach(table, make === undefined ? undefined : make(a.memory(table)));
}

/**
 * A table's arrays and its scalars as the counter sees them (for the equivalence test).
 *
 * @param table The table.
 * @returns Its memory (live views) and a copy of its scalars.
 */
export function tableMemory(table: FlowTable): FlowTableMemory & { state: Float64Array } {
  const a = granted();
  return { ...a.memory(table), state: a.state(table).slice() };
}
