/**
 * The vocabulary shared by the system-call backends and their users: what a
 * {@linkcode Backend} offers and what a {@linkcode Mapping} is. No loader
 * lives here, so `backend.ts`, `libc.ts` and `shim.ts` import this file and
 * not each other.
 *
 * @module
 */

import type { FlowBatchCounter, FlowTableMemory } from "../flows/_native.ts";
import type { BlockTaker, BlockWalker } from "../ring/ring.ts";

/** Which implementation to use: `"auto"` takes the shim when it has been built. */
export type BackendChoice = "auto" | "shim" | "libc";

/** A mapped ring: plain memory for `ring/`, and the one way to give it back. */
export interface Mapping {
  /** The mapped bytes; detached (length 0) once `unmap()` ran. */
  readonly buffer: ArrayBuffer;
  /** Detaches `buffer` (stale views read as empty), then munmaps; 0 or -errno; idempotent. */
  unmap(): number;
}

/** The system calls of a capture; each returns `>= 0` or `-errno`. */
export interface Backend {
  /** Which implementation this is. */
  readonly kind: "shim" | "libc";
  /** socket(2); returns the fd. */
  socket(domain: number, type: number, protocol: number): number;
  /** setsockopt(2) with a struct. */
  setsockopt(fd: number, level: number, name: number, value: Uint8Array): number;
  /** setsockopt(2) with an `int`. */
  setsockoptInt(fd: number, level: number, name: number, value: number): number;
  /** getsockopt(2) into `value`; returns the length written. */
  getsockopt(fd: number, level: number, name: number, value: Uint8Array): number;
  /** bind(2) to a `struct sockaddr_ll`. */
  bind(fd: number, addr: Uint8Array): number;
  /** mmap(2) of `len` bytes shared read-write; a {@linkcode Mapping} or -errno. */
  mmap(fd: number, len: number): Mapping | number;
  /**
   * poll(2) on `fd` and the eventfd `efd`, on another thread. Resolves to fd's
   * revents in bits 0-15 and efd's in bits 16-30 (0 on timeout), or -errno.
   */
  poll(fd: number, efd: number, timeoutMs: number): Promise<number>;
  /**
   * The same poll(2) on the calling thread: it blocks until `fd` or `efd` is
   * readable or `timeoutMs` passes. Only for a Worker's own thread, never the main one.
   */
  pollSync(fd: number, efd: number, timeoutMs: number): number;
  /**
   * Starts a thread that polls `fd` and `efd` on request and wakes the event loop through a
   * thread-safe callback (cheaper per wake than {@linkcode Backend.poll}); absent where the
   * backend has none (libc, an older shim). A {@linkcode WaitThread} or -errno.
   */
  startWaitThread?(fd: number, efd: number): WaitThread | number;
  /** eventfd(2), non-blocking and close-on-exec. */
  eventfd(): number;
  /** Adds 1 to an eventfd's counter: wakes a poll. */
  eventfdSignal(efd: number): number;
  /** Resets an eventfd's counter; 1 when it was set, 0 when not. */
  eventfdDrain(efd: number): number;
  /** ioctl(2) with a `struct ifreq` (40 bytes). */
  ioctl(fd: number, request: number, ifreq: Uint8Array): number;
  /** `SIOCETHTOOL` with `struct ethtool_value`: the data word of `cmd` for `ifname`. */
  ethtoolGet(fd: number, ifname: string, cmd: number): number;
  /** `SO_ATTACH_FILTER` with `count` 8-byte `struct sock_filter` in `insns`. */
  attachFilter(fd: number, insns: Uint8Array, count: number): number;
  /**
   * setsockopt(2) with a `struct sock_fprog` pointing at `count` 8-byte `struct sock_filter`
   * in `insns` (e.g. `PACKET_FANOUT_DATA`).
   */
  setsockoptProgram(
    fd: number,
    level: number,
    name: number,
    insns: Uint8Array,
    count: number,
  ): number;
  /** send(2) of one frame; returns the bytes sent. */
  send(fd: number, bytes: Uint8Array): number;
  /** open(2) of a file with `flags` and `mode`; returns the fd. */
  open(path: string, flags: number, mode: number): number;
  /** writev(2) of `count` 16-byte `struct iovec` in `iov`; returns the bytes written. */
  writev(fd: number, iov: Uint8Array, count: number): number;
  /**
   * Writes `count` classic pcap records (shim only: without it, a writer gathers the pieces
   * itself and calls {@linkcode Backend.writev}). Record i is `capLens[i]` bytes at
   * `offsets[i]` of `ring` behind the header {`secs[i]`, `nsecs[i]` (÷ 1000 when `micro`),
   * `capLens[i]`, `wireLens[i]`}; short records are copied into `scratch` beside their
   * header, longer ones written from `ring`. Returns the bytes written, or -errno.
   */
  writeRecords?(
    fd: number,
    ring: Uint8Array,
    offsets: Uint32Array,
    capLens: Uint32Array,
    wireLens: Uint32Array,
    secs: Uint32Array,
    nsecs: Uint32Array,
    count: number,
    micro: boolean,
    scratch: Uint8Array,
  ): number;
  /**
   * The shim only: lists a V3 block's frames into batch columns in C (see
   * `ring/ring.ts`'s `BlockWalker`, which a `V3Ring` takes).
   */
  walkV3?: BlockWalker;
  /**
   * The shim only: the same walk with eight columns, the frame's other fields besides
   * (`pk_walk_v3_frames`; `ring/ring.ts`'s `FRAME_COLUMNS`), for a `V3Ring`'s `dispatch()`.
   */
  walkV3Frames?: BlockWalker;
  /**
   * The shim only: waits for a V3 ring's cursor block and walks it in one call (see
   * `ring/ring.ts`'s `BlockTaker`, which a `V3Ring` takes with the walker).
   */
  takeV3?: BlockTaker;
  /**
   * The shim only, with `takeV3`: the clock of its context's `TAKE.CLOCK` (CLOCK_MONOTONIC, in
   * ms, from another origin than `performance.now()`'s).
   */
  monotonicMs?: () => number;
  /**
   * The shim only: a flow table's batch counter in C (`pk_flow_count`), made for the table's
   * arrays (see `flows/_native.ts`).
   */
  flowCounter?: (memory: FlowTableMemory) => FlowBatchCounter;
  /**
   * sendmmsg(2) of `count` frames, frame i being `lengths[i]` bytes at `offsets[i]` of `pool`.
   * Returns how many the kernel took (fewer when it stopped early), or -errno when none.
   */
  sendmmsg(
    fd: number,
    pool: Uint8Array,
    offsets: Uint32Array,
    lengths: Uint32Array,
    count: number,
  ): number;
  /**
   * Copies `count` frames of `pool` into TX ring slots from `head` and marks each
   * `TP_STATUS_SEND_REQUEST` (the shim only: the libc backend copies in JavaScript).
   * Returns the frames put; it stops at one longer than a slot.
   */
  txFill?(
    ring: Uint8Array,
    frameSize: number,
    frameCount: number,
    head: number,
    pool: Uint8Array,
    offsets: Uint32Array,
    lengths: Uint32Array,
    count: number,
    dataOffset: number,
  ): number;
  /** `CLOCK_MONOTONIC` in nanoseconds. */
  monotonicNs(): number;
  /** Sleeps on the calling thread until `CLOCK_MONOTONIC` reads `ns`; 0 or -errno. */
  sleepUntilNs(ns: number): number;
  /** The page size in bytes (ring blocks are power-of-two multiples of it). */
  pageSize(): number;
  /** close(2). */
  close(fd: number): number;
}

/** A waiter thread of one capture ({@linkcode Backend.startWaitThread}). */
export interface WaitThread {
  /**
   * One poll(2) of the fd and the eventfd on the thread, one at a time; resolves like
   * {@linkcode Backend.poll}. While it is pending the event loop is kept alive.
   */
  poll(timeoutMs: number): Promise<number>;
  /**
   * Instead of a poll: sleeps `ms` (fractions too) on the thread watching only the eventfd, so
   * the socket's wake-ups wait while a break, abort or close still ends it at once; resolves
   * like {@linkcode WaitThread.poll} (0 when the time passed). Absent with an older shim.
   */
  nap?(ms: number): Promise<number>;
  /**
   * Instead of a poll: naps at most `ms` on the thread until `want` TPACKET_V3 blocks from
   * block `cursor` on are ready in `ring` (`blockCount` blocks of `blockSize` bytes), or one of
   * them was retired by its timer or flagged `TP_STATUS_LOSING`; the eventfd and socket errors
   * end it at once. Resolves like {@linkcode WaitThread.poll}: `POLLIN` when it ended on the
   * blocks, 0 when the time passed. The thread reads `ring` from then on, until
   * {@linkcode WaitThread.detach}. Absent with an older shim.
   */
  watch?(
    ring: ArrayBuffer,
    blockSize: number,
    blockCount: number,
    cursor: number,
    want: number,
    ms: number,
  ): Promise<number>;
  /** The ring handed to {@linkcode WaitThread.watch} is about to be unmapped: never read it again. */
  detach(): void;
  /**
   * Ends the thread (a pending poll still resolves; wake it through the eventfd). Once no poll
   * is pending the fds may be closed. Idempotent.
   */
  stop(): void;
}

/**
 * Wraps mapped memory: the buffer is detached with `transfer(0)` before the
 * munmap, so a view kept after close reads as empty instead of faulting.
 */
export function makeMapping(
  buffer: ArrayBuffer,
  munmap: () => number,
): Mapping {
  let current = buffer;
  let done = false;
  return {
    get buffer() {
      return current;
    },
    unmap() {
      if (done) return 0;
      done = true;
      current = current.transfer(0);
      return munmap();
    },
  };
}

/**
 * A `struct sock_fprog { unsigned short len; struct sock_filter *filter; }` (16 bytes on
 * 64-bit) for `count` instructions in `insns`; `insns` must stay alive during the call.
 */
export function sockFprog(insns: Uint8Array, count: number): Uint8Array {
  const prog = new DataView(new ArrayBuffer(16));
  prog.setUint16(0, count, true);
  prog.setBigUint64(8, BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(insns))), true);
  return new Uint8Array(prog.buffer);
}
