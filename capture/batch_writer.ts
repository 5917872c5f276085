/**
 * A pcap file written straight from the ring: each {@linkcode Batch} (a V3
 * block, a run of V2 frames) goes out with `writev(2)`, record headers from a
 * small buffer and frame bytes from the mapped ring itself, so no frame is
 * copied or looked at in JavaScript. For a worker engine's `onBatch`.
 *
 * @module
 */

import { loadBackend } from "../ffi/backend.ts";
import { errnoCode, errnoText, SyscallError } from "../ffi/errno.ts";
import { GatherWriter, IOV_MAX } from "../ffi/gather.ts";
import type { Backend } from "../ffi/types.ts";
import type { PcapWriteRecord } from "../pcap/writer.ts";
import type { Batch } from "../ring/ring.ts";

/** Classic pcap magics as written in little-endian order (µs and ns timestamps). */
const MAGIC_MICRO = 0xa1b2c3d4;
const MAGIC_NANO = 0xa1b23c4d;
const FILE_HEADER_LEN = 24;
const RECORD_HEADER_LEN = 16;
/** Records per `writev`: two pieces each (header, frame). */
const RECORDS_PER_CALL = IOV_MAX / 2;

const O_WRONLY = 0o1;
const O_CREAT = 0o100;
const O_TRUNC = 0o1000;
const O_CLOEXEC = 0o2000000;
/** As fopen(3) creates files: the umask decides. */
const FILE_MODE = 0o666;

/** Bytes of copied records ({@linkcode PcapBatchWriter.writeRecord}) kept before a write. */
const COPY_BUFFER_SIZE = 1 << 20;

/** Memory the gather writer names. */
const SOURCE = { RING: 0, HEADERS: 1, COPIES: 2, FILE_HEADER: 3 } as const;

/** How {@linkcode PcapBatchWriter.open} writes its file. */
export interface PcapBatchWriterOptions {
  /** `LINKTYPE_*` in the file header (the capture's `linkType`). */
  linkType: number;
  /** Snapshot length in the file header (the capture's `snapLen`). */
  snapLen: number;
  /** Nanosecond timestamps (the ns magic); microseconds otherwise. @default false */
  nanoseconds?: boolean;
  /** Write each {@linkcode PcapBatchWriter.writeRecord} at once (tcpdump's `-U`). @default false */
  packetBuffered?: boolean;
  /** System-call backend: the C shim when built (`"auto"`), or plain libc. @default "auto" */
  backend?: "auto" | "shim" | "libc";
}

/**
 * A classic pcap file (little-endian, the bytes `PcapWriter` writes) fed with
 * whole batches: one `writev` per batch (per 512 records), synchronous, so
 * the batch can be released as soon as {@linkcode PcapBatchWriter.write}
 * returns and nothing waits on a promise while the ring fills. Runs where
 * the ring is read, e.g. in a worker engine's handler. Single records
 * ({@linkcode PcapBatchWriter.writeRecord}, e.g. `onFrame`'s frame) are copied
 * into one reused 1 MiB buffer, written when it fills, before the next batch and on close.
 *
 * @example Write every block a worker engine hands over
 * ```ts ignore
 * // handler.ts, run by openWorkerCapture("eth0", { handler: new URL("./handler.ts", import.meta.url) })
 * import { type Batch, PcapBatchWriter, type WorkerHandlerContext } from "@tpacket/tpacket";
 * let file: PcapBatchWriter;
 * export function init(ctx: WorkerHandlerContext) {
 *   file = PcapBatchWriter.open("out.pcap", { linkType: ctx.linkType, snapLen: ctx.snapLen });
 * }
 * export function onBatch(batch: Batch) {
 *   file.write(batch);
 * }
 * export function close() {
 *   file.close();
 * }
 * ```
 */
export class PcapBatchWriter implements Disposable {
  readonly #b: Backend;
  #fd: number;
  readonly #gather: GatherWriter;
  readonly #headers = new Uint32Array(RECORDS_PER_CALL * 4);
  readonly #headerBytes = new Uint8Array(this.#headers.buffer);
  readonly #nano: boolean;
  readonly #snapLen: number;
  readonly #packetBuffered: boolean;
  readonly #copies = new Uint8Array(COPY_BUFFER_SIZE);
  readonly #copiesView = new DataView(this.#copies.buffer);
  /** Bytes in `#copies` not yet written. */
  #copied = 0;
  /** Records in `#headers` not yet written. */
  #pending = 0;
  #records = 0;

  private constructor(b: Backend, fd: number, path: string, o: PcapBatchWriterOptions) {
    this.#b = b;
    this.#fd = fd;
    this.#nano = o.nanoseconds ?? false;
    this.#snapLen = o.snapLen;
    this.#packetBuffered = o.packetBuffered ?? false;
    this.#gather = new GatherWriter(b, fd, path);
    this.#gather.source(SOURCE.HEADERS, this.#headerBytes);
    this.#gather.source(SOURCE.COPIES, this.#copies);
  }

  /**
   * Creates (or truncates) `path` and writes the pcap file header at once, as
   * tcpdump's `pcap_dump_open` does.
   *
   * @param path The file.
   * @param options Link type, snaplen, timestamp precision, backend.
   * @returns The open writer; {@linkcode PcapBatchWriter.close} it.
   * @throws {Deno.errors.NotCapable} Without write permission for `path`.
   * @throws {SyscallError} When the file cannot be created or written.
   */
  static open(path: string, options: PcapBatchWriterOptions): PcapBatchWriter {
    if (Deno.permissions.querySync({ name: "write", path }).state !== "granted") {
      throw new Deno.errors.NotCapable(
        `Requires write access to ${JSON.stringify(path)}, run again with the --allow-write flag`,
      );
    }
    const b = loadBackend(options.backend ?? "auto");
    const fd = b.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, FILE_MODE);
    if (fd < 0) {
      throw new SyscallError(
        `open ${JSON.stringify(path)}`,
        "open",
        -fd,
        `Cannot create ${JSON.stringify(path)}: open failed with ${errnoCode(-fd)} (${
          errnoText(-fd)
        })`,
      );
    }
    const nano = options.nanoseconds ?? false;
    const w = new PcapBatchWriter(b, fd, path, options);
    try {
      const header = new DataView(new ArrayBuffer(FILE_HEADER_LEN));
      header.setUint32(0, nano ? MAGIC_NANO : MAGIC_MICRO, true);
      header.setUint16(4, 2, true); // version 2.4
      header.setUint16(6, 4, true);
      header.setUint32(16, options.snapLen, true); // thiszone and sigfigs stay 0
      header.setUint32(20, options.linkType, true);
      const bytes = new Uint8Array(header.buffer);
      w.#gather.source(SOURCE.FILE_HEADER, bytes);
      w.#gather.add(SOURCE.FILE_HEADER, 0, FILE_HEADER_LEN);
      w.#gather.flush();
    } catch (e) {
      w.close();
      throw e;
    }
    return w;
  }

  /** Records written so far. */
  get records(): number {
    return this.#records;
  }

  /**
   * Writes frames `first` to `first + count - 1` of `batch` as pcap records
   * (frame bytes straight from the ring), then returns: the batch may be released.
   *
   * @param batch A batch from `nextBatch()` or a worker engine's `onBatch`, not yet released.
   * @param first Index of the first frame to write. @default 0
   * @param count Frames to write. @default batch.count - first
   * @throws {SyscallError} When the file refuses bytes (`ENOSPC`, ...).
   * @throws {Deno.errors.BadResource} After {@linkcode PcapBatchWriter.close}.
   */
  write(batch: Batch, first = 0, count: number = batch.count - first): void {
    if (this.#fd < 0) throw new Deno.errors.BadResource("Cannot write: the file is closed");
    const end = Math.min(batch.count, first + count);
    if (end <= first) return;
    if (this.#copied > 0) this.#writeCopies();
    const writeRecords = this.#b.writeRecords;
    if (writeRecords !== undefined) {
      // The shim builds the record headers and the pieces in C: no per-frame JavaScript.
      const { offsets, capLens, wireLens, secs, nsecs } = batch;
      const from = first === 0
        ? [offsets, capLens, wireLens, secs, nsecs]
        : [offsets, capLens, wireLens, secs, nsecs].map((a) => a.subarray(first));
      const r = writeRecords(
        this.#fd,
        batch.bytes,
        from[0]!,
        from[1]!,
        from[2]!,
        from[3]!,
        from[4]!,
        end - first,
        !this.#nano,
        this.#copies,
      );
      if (r < 0) this.#gather.fail(-r);
      this.#records += end - first;
      return;
    }
    const gather = this.#gather;
    const headers = this.#headers;
    const { offsets, capLens, wireLens, secs, nsecs } = batch;
    const nano = this.#nano;
    gather.source(SOURCE.RING, batch.bytes);
    for (let i = first; i < end; i++) {
      if (this.#pending === RECORDS_PER_CALL) this.#flush();
      const at = this.#pending++ * 4;
      const capLen = capLens[i]!;
      headers[at] = secs[i]!;
      headers[at + 1] = nano ? nsecs[i]! : (nsecs[i]! / 1000) >>> 0;
      headers[at + 2] = capLen;
      headers[at + 3] = wireLens[i]!;
      gather.add(SOURCE.HEADERS, at * 4, RECORD_HEADER_LEN);
      gather.add(SOURCE.RING, offsets[i]!, capLen);
    }
    this.#flush();
    this.#records += end - first;
  }

  /**
   * Writes one record, copied (a ring frame is valid only during its callback): its bytes
   * go to a reused buffer, written when it is full, before the next batch, on
   * {@linkcode PcapBatchWriter.flush} and on close (at once with `packetBuffered`). Data
   * longer than the snaplen is cut to it.
   *
   * @param record A frame or a record (`data`, `wireLen`, `sec`, `nsec`).
   * @throws {SyscallError} When the file refuses bytes.
   */
  writeRecord(record: PcapWriteRecord): void {
    if (this.#fd < 0) throw new Deno.errors.BadResource("Cannot write: the file is closed");
    const data = record.data;
    const capLen = data.length > this.#snapLen ? this.#snapLen : data.length;
    if (this.#copied + RECORD_HEADER_LEN + capLen > COPY_BUFFER_SIZE) this.#writeCopies();
    const at = this.#copied;
    const dv = this.#copiesView;
    dv.setUint32(at, record.sec, true);
    dv.setUint32(at + 4, this.#nano ? record.nsec : (record.nsec / 1000) >>> 0, true);
    dv.setUint32(at + 8, capLen, true);
    dv.setUint32(at + 12, record.wireLen, true);
    this.#copies.set(capLen === data.length ? data : data.subarray(0, capLen), at + 16);
    this.#copied = at + RECORD_HEADER_LEN + capLen;
    this.#records++;
    if (this.#packetBuffered) this.#writeCopies();
  }

  /** Writes the copied records still buffered (batches are written by each `write`). */
  flush(): void {
    if (this.#fd >= 0 && this.#copied > 0) this.#writeCopies();
  }

  #writeCopies(): void {
    const len = this.#copied;
    this.#copied = 0;
    this.#gather.add(SOURCE.COPIES, 0, len);
    this.#gather.flush();
  }

  #flush(): void {
    this.#pending = 0;
    this.#gather.flush();
  }

  /** Writes what is buffered and closes the file; idempotent. */
  close(): void {
    if (this.#fd < 0) return;
    try {
      this.flush();
    } finally {
      const fd = this.#fd;
      this.#fd = -1;
      this.#pending = 0;
      this.#b.close(fd);
    }
  }

  /** Same as {@linkcode PcapBatchWriter.close}. */
  [Symbol.dispose](): void {
    this.close();
  }
}
