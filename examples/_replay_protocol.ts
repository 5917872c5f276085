/**
 * What replay's main thread and its sending Worker share: the counter slots, the pacing and
 * the messages. Imports nothing that runs, so each side loads only what it uses.
 *
 * @module
 */
import type { TxFrames } from "../capture/send.ts";

/** Counter slots of the shared Float64Array. */
export const COUNTER = {
  PACKETS: 0,
  BYTES: 1,
  FAILED: 2,
  TRUNCATED: 3,
  RETRIED_ENOBUFS: 4,
  RETRIED_EAGAIN: 5,
  FIRST_NS: 6,
  LAST_NS: 7,
  SIZE: 8,
} as const;

/** How packets are timed. */
export type Pacing =
  | { kind: "file"; multiplier: number }
  | {
    kind: "pps";
    pps: number; /** `--pps-multi`: packets sent together each interval. */
    burst: number;
  }
  | { kind: "mbps"; mbps: number }
  | { kind: "top" };

/** Messages from the main thread. */
export type ToWorker =
  | {
    type: "open";
    device: string;
    method: "send" | "sendmmsg" | "txring";
    qdiscBypass: boolean;
    backend: "auto" | "shim" | "libc";
    pacing: Pacing;
    durationNs: number;
    counters: SharedArrayBuffer;
    stop: SharedArrayBuffer;
  }
  | { type: "chunk"; chunk: Chunk; count: number; keep: boolean }
  | { type: "again"; id: number; count: number }
  | { type: "loop"; delayMs: number }
  | { type: "end" };

/** Messages to the main thread. */
export type FromWorker =
  | { type: "ready"; mtu: number; linkType: number; backend: string }
  | { type: "done"; id: number }
  | { type: "fatal"; message: string }
  | { type: "warn"; message: string }
  | { type: "finished" };

/** Packets to send: frame i is lengths[i] bytes at offsets[i] of pool, due at times[i]. */
export interface Chunk extends TxFrames {
  /** Sequence number of the chunk. */
  id: number;
  /** 1-based number of the chunk's first packet in the file. */
  firstNumber: number;
  /** Each packet's time since the file's first packet, in ns. */
  times: Float64Array;
}
