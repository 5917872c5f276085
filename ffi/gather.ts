/**
 * Gathered writes: `writev(2)` of pieces of memory named by a view and an
 * offset, so bytes go from where they lie (the mapped ring, a small header
 * buffer) to a file in one system call, with no copy in JavaScript. The
 * addresses stay in here: callers name memory by `Uint8Array` views.
 *
 * @module
 */

import { errnoCode, errnoText, SyscallError } from "./errno.ts";
import { EINTR } from "./linux.ts";
import type { Backend } from "./types.ts";

/** Linux's `IOV_MAX` (`UIO_MAXIOV`): pieces one `writev` takes at most. */
export const IOV_MAX = 1024;

/** How many views a writer can name at once (see {@linkcode GatherWriter.source}). */
export const GATHER_SOURCES = 4;

const EIO = 5;
const TWO_32 = 2 ** 32;

/**
 * Queues pieces of memory and writes them with one `writev(2)` per
 * {@linkcode IOV_MAX} pieces. The memory a queued piece points into must stay
 * as it is until {@linkcode GatherWriter.flush} returns.
 */
export class GatherWriter {
  readonly #b: Backend;
  readonly #fd: number;
  readonly #what: string;
  /** `struct iovec[IOV_MAX]`: base (low, high 32 bits) and length (low, high) per piece. */
  readonly #iov = new Uint32Array(IOV_MAX * 4);
  readonly #iovBytes = new Uint8Array(this.#iov.buffer);
  readonly #bases = new Float64Array(GATHER_SOURCES);
  #count = 0;

  /**
   * @param backend The system calls.
   * @param fd An open file descriptor (the caller closes it).
   * @param what The file, for error messages (`"out.pcap"`, quoted).
   */
  constructor(backend: Backend, fd: number, what: string) {
    this.#b = backend;
    this.#fd = fd;
    this.#what = what;
  }

  /** Pieces queued and not yet written. */
  get queued(): number {
    return this.#count;
  }

  /**
   * Names memory: later {@linkcode GatherWriter.add} calls of `slot` are offsets into `bytes`.
   *
   * @param slot 0 to {@linkcode GATHER_SOURCES} - 1.
   * @param bytes The memory (kept as it is until the pieces that use it are written).
   */
  source(slot: number, bytes: Uint8Array): void {
    const ptr = Deno.UnsafePointer.of(bytes as Uint8Array<ArrayBuffer>);
    this.#bases[slot] = ptr === null ? 0 : Number(Deno.UnsafePointer.value(ptr));
  }

  /**
   * Queues `len` bytes at `offset` of source `slot`; writes everything queued first when
   * {@linkcode IOV_MAX} pieces are waiting.
   */
  add(slot: number, offset: number, len: number): void {
    if (this.#count === IOV_MAX) this.flush();
    const at = this.#count++ * 4;
    const address = this.#bases[slot]! + offset;
    const iov = this.#iov;
    iov[at] = address % TWO_32;
    iov[at + 1] = address / TWO_32;
    iov[at + 2] = len;
    iov[at + 3] = 0;
  }

  /**
   * Writes every queued piece, in order, retrying short writes and `EINTR`.
   *
   * @throws {SyscallError} When `writev` fails (`ENOSPC`, `EIO`, ...); the queue is emptied.
   */
  flush(): void {
    const n = this.#count;
    const iov = this.#iov;
    let first = 0;
    try {
      while (first < n) {
        const r = this.#b.writev(this.#fd, this.#iovBytes.subarray(first * 16), n - first);
        if (r === -EINTR) continue;
        if (r < 0) this.fail(-r);
        // A short write: skip what was written, trim the piece it stopped in.
        let left = r;
        while (first < n && left >= iov[first * 4 + 2]!) left -= iov[first++ * 4 + 2]!;
        if (first < n && left > 0) {
          const at = first * 4;
          const address = iov[at]! + iov[at + 1]! * TWO_32 + left;
          iov[at] = address % TWO_32;
          iov[at + 1] = address / TWO_32;
          iov[at + 2] = iov[at + 2]! - left;
        } else if (r === 0 && first < n) this.fail(EIO);
      }
    } finally {
      this.#count = 0;
    }
  }

  /**
   * Throws the error of a failed write to this writer's file (also for writes made beside it).
   *
   * @param errno The error number.
   * @throws {SyscallError} Always: `Cannot write "FILE": writev failed with E... (...)`.
   */
  fail(errno: number): never {
    throw new SyscallError(
      `write ${JSON.stringify(this.#what)}`,
      "writev",
      errno,
      `Cannot write ${JSON.stringify(this.#what)}: writev failed with ${errnoCode(errno)} (${
        errnoText(errno)
      })`,
    );
  }
}
