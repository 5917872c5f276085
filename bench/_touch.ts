/**
 * A worker handler for bench/top_parts.ts's `touch` mode: reads two bytes of each packet's IP
 * header (its TTL and the last byte of its destination, in an untagged IPv4 frame) and
 * nothing else.
 *
 * @module
 */
import type { Batch } from "../mod.ts";

let sum = 0;

/** Reads the two bytes of each packet of the block. */
export function onBatch(batch: Batch): void {
  const b = batch.bytes;
  const at = batch.offsets;
  for (let i = 0; i < batch.count; i++) sum += b[at[i]! + 22]! + b[at[i]! + 33]!;
}

/** The sum, so the reads are not optimized away. */
export function end(): number {
  return sum;
}
