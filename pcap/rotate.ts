/**
 * Capture file rotation as tcpdump does it with `-C size`, `-G seconds` and `-W count`.
 *
 * @module
 */

import { strftime } from "./_strftime.ts";
import { openPcapSink, openPcapSinkSync, type PcapSyncSink } from "./file.ts";
import { PcapWriter, type PcapWriteRecord, type PcapWriterOptions } from "./writer.ts";

/**
 * Options of {@linkcode RotatingPcapWriter.open} and {@linkcode RotatingPcapWriter.openSync}:
 * when to rotate, how to open a file, plus the {@linkcode PcapWriterOptions} every file is
 * written with.
 *
 * @example `tcpdump -w dump -C 10 -W 5`
 * ```ts
 * import { RotatingPcapWriter, type RotatingPcapWriterOptions } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * const opened: string[] = [];
 * const open = (path: string) => (opened.push(path), Promise.resolve(new WritableStream<Uint8Array>()));
 * const options: RotatingPcapWriterOptions = { fileSize: 10_000_000, fileCount: 5, open };
 * const writer = await RotatingPcapWriter.open("dump", options);
 * await writer.write({ data: new Uint8Array(60), wireLen: 60, sec: 1, nsec: 0 });
 * await writer.close();
 * assert.deepEqual(opened, ["dump0"]); // -W numbers the files, as tcpdump does
 * ```
 */
export interface RotatingPcapWriterOptions extends PcapWriterOptions {
  /** Opens (creates, truncates) each file, for `open()`. @default openPcapSink (Deno.open) */
  open?: (path: string) => Promise<WritableStream<Uint8Array>>;
  /** Opens each file, for `openSync()`. @default openPcapSinkSync (Deno.openSync) */
  openSync?: (path: string) => PcapSyncSink;
  /** `-C` in bytes (tcpdump's `-C n` is n × 1 000 000): before a packet, a larger file is rotated. */
  fileSize?: number;
  /** `-G`: before a packet, a file opened this many seconds ago or more is rotated. */
  rotateSeconds?: number;
  /** `-W`: with `fileSize`, names wrap after this many; with `rotateSeconds` alone, stop after it. */
  fileCount?: number;
  /** Clock in milliseconds since the epoch, for `-G`. @default Date.now */
  now?: () => number;
  /**
   * Called with each file's name once it is complete and closed; `rotated` is true when its
   * time or size was up (where tcpdump runs its `-z` command, also for the file that reaches
   * `-G`'s `-W` limit), false for the one `close()` closes.
   */
  onFileClosed?: (path: string, rotated: boolean) => void;
}

/**
 * Number of digits tcpdump pads file numbers to for `-W count` (its `getWflagChars`):
 * the digits of `count - 1`, so `-W 10` gives `name0` to `name9`.
 */
function countDigits(count: number): number {
  let digits = 0;
  for (let x = count - 1; x > 0; x = Math.floor(x / 10)) digits++;
  return digits;
}

/**
 * Writes packets to a series of capture files named and rotated exactly as tcpdump does:
 *
 * - `-C` (`fileSize`): before each packet, when the current file is larger than `fileSize`
 *   bytes, it is closed and the next opened. The first file is `path`, then `path1`,
 *   `path2`…; with `-W` (`fileCount`) every name carries the number zero-padded to the
 *   digits of `fileCount - 1` and numbers wrap to 0 after `fileCount - 1`.
 * - `-G` (`rotateSeconds`): `path` goes through `strftime` (local time of the rotation);
 *   before each packet, once `rotateSeconds` have passed since the file was opened, a new
 *   file is started. With `-W` and without `-C`, after `fileCount` files
 *   {@linkcode RotatingPcapWriter.limitReached} turns true and later records are not written:
 *   tcpdump stops there ("Maximum file limit reached").
 *
 * It keeps {@linkcode PcapWriter}'s contract: `write()` returns a promise only when the caller
 * must wait. Opened with `openSync()` it never does (a rotation closes and opens files
 * synchronously); opened with `open()`, only when the current file's stream took a buffer, or
 * while a rotation opens the next file (that record alone is copied until it is written).
 *
 * @example Rotate every 100 bytes in memory
 * ```ts
 * import { RotatingPcapWriter } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * const files = new Map<string, number>();
 * const open = (path: string) => {
 *   files.set(path, 0);
 *   return Promise.resolve(new WritableStream<Uint8Array>({ write: (c) => void files.set(path, files.get(path)! + c.length) }));
 * };
 * const writer = await RotatingPcapWriter.open("cap", { fileSize: 100, fileCount: 3, open });
 * // 24-byte header + 66-byte records: every file takes 2 packets, the 7th wraps to cap0.
 * for (let i = 0; i < 7; i++) await writer.write({ data: new Uint8Array(50), wireLen: 50, sec: i, nsec: 0 });
 * await writer.close();
 * assert.deepEqual([...files.keys()], ["cap0", "cap1", "cap2"]);
 * assert.equal(writer.path, "cap0");
 * ```
 */
export class RotatingPcapWriter implements AsyncDisposable {
  readonly #pattern: string;
  readonly #options: RotatingPcapWriterOptions;
  readonly #open: ((path: string) => Promise<WritableStream<Uint8Array>>) | undefined;
  readonly #openSync: ((path: string) => PcapSyncSink) | undefined;
  readonly #now: () => number;
  readonly #digits: number;
  #writer!: PcapWriter;
  #path = "";
  /** Time (whole seconds) the current -G period started: tcpdump's Gflag_time. */
  #periodStart: number;
  #sizeCount = 0;
  #timeCount = 0;
  #stopped = false;
  /** Async mode: the rotation in progress; records written meanwhile queue behind it. */
  #rotating: Promise<void> | undefined;
  #closing: Promise<void> | undefined;

  private constructor(path: string, options: RotatingPcapWriterOptions, sync: boolean) {
    const { fileSize, rotateSeconds, fileCount } = options;
    if (typeof path !== "string" || path === "") {
      throw new TypeError("Cannot rotate capture files: path is not a non-empty string");
    }
    if (fileSize !== undefined && !(Number.isInteger(fileSize) && fileSize > 0)) {
      throw new RangeError(
        `Cannot rotate capture files: fileSize ${fileSize} is not a positive integer`,
      );
    }
    if (rotateSeconds !== undefined && !(Number.isInteger(rotateSeconds) && rotateSeconds > 0)) {
      throw new RangeError(
        `Cannot rotate capture files: rotateSeconds ${rotateSeconds} is not a positive integer`,
      );
    }
    if (fileCount !== undefined && !(Number.isInteger(fileCount) && fileCount > 0)) {
      throw new RangeError(
        `Cannot rotate capture files: fileCount ${fileCount} is not a positive integer`,
      );
    }
    this.#pattern = path;
    this.#options = options;
    this.#open = sync ? undefined : options.open ?? openPcapSink;
    this.#openSync = sync ? options.openSync ?? openPcapSinkSync : undefined;
    this.#now = options.now ?? Date.now;
    this.#digits = fileCount === undefined ? 0 : countDigits(fileCount);
    this.#periodStart = Math.floor(this.#now() / 1000);
  }

  /**
   * Opens the first file (named as tcpdump names it) through streams and returns the writer.
   *
   * @param path The `-w` argument: the file name, a `strftime` pattern with `rotateSeconds`.
   * @param options Rotation limits, the stream opener and the per-file writer options.
   * @returns The writer, with the first file open.
   * @throws {RangeError} When a limit is not a positive integer.
   * @example First file names
   * ```ts
   * import { RotatingPcapWriter } from "@tpacket/tpacket/pcap";
   * import assert from "node:assert/strict";
   * const open = () => Promise.resolve(new WritableStream<Uint8Array>());
   * const now = () => new Date(2024, 0, 2, 3, 4, 5).getTime(); // local time
   * assert.equal((await RotatingPcapWriter.open("a", { fileSize: 1, open })).path, "a");
   * assert.equal((await RotatingPcapWriter.open("a", { fileSize: 1, fileCount: 100, open })).path, "a00");
   * assert.equal((await RotatingPcapWriter.open("%F_%H%M%S", { rotateSeconds: 60, open, now })).path, "2024-01-02_030405");
   * ```
   */
  static async open(
    path: string,
    options: RotatingPcapWriterOptions = {},
  ): Promise<RotatingPcapWriter> {
    const writer = new RotatingPcapWriter(path, options, false);
    const name = writer.#fileName(0, options.fileSize !== undefined ? writer.#digits : 0);
    await writer.#start(name);
    return writer;
  }

  /**
   * Opens the first file for synchronous writing: every rotation closes and opens files
   * at once, and `write()` never returns a promise.
   *
   * @param path The `-w` argument: the file name, a `strftime` pattern with `rotateSeconds`.
   * @param options Rotation limits, the sync opener and the per-file writer options.
   * @returns The writer, with the first file open.
   * @throws {RangeError} When a limit is not a positive integer.
   * @example Rotate files in memory without awaiting
   * ```ts
   * import { type PcapSyncSink, RotatingPcapWriter } from "@tpacket/tpacket/pcap";
   * import assert from "node:assert/strict";
   * const sizes = new Map<string, number>();
   * const openSync = (path: string): PcapSyncSink => {
   *   sizes.set(path, 0);
   *   return { writeSync: (p) => (sizes.set(path, sizes.get(path)! + p.length), p.length), close() {} };
   * };
   * const writer = RotatingPcapWriter.openSync("s", { fileSize: 100, packetBuffered: true, openSync });
   * for (let i = 0; i < 5; i++) {
   *   assert.equal(writer.write({ data: new Uint8Array(50), wireLen: 50, sec: i, nsec: 0 }), undefined);
   * }
   * await writer.close();
   * assert.deepEqual([...sizes], [["s", 156], ["s1", 156], ["s2", 90]]);
   * ```
   */
  static openSync(path: string, options: RotatingPcapWriterOptions = {}): RotatingPcapWriter {
    const writer = new RotatingPcapWriter(path, options, true);
    writer.#startSync(writer.#fileName(0, options.fileSize !== undefined ? writer.#digits : 0));
    return writer;
  }

  /** Name of the file being written. */
  get path(): string {
    return this.#path;
  }

  /** Bytes of the current file so far. */
  get bytesWritten(): number {
    return this.#writer.bytesWritten;
  }

  /**
   * Whether `-G`'s `-W` file limit was reached: the last file is closed and records are no
   * longer written (tcpdump exits here with "Maximum file limit reached").
   */
  get limitReached(): boolean {
    return this.#stopped;
  }

  /**
   * Writes one packet, first rotating when a limit says so.
   *
   * @param record As for {@linkcode PcapWriter.write}; read during the call only.
   * @returns `undefined`, or a promise when the caller must wait: a stream took a buffer,
   * or (async mode) a rotation is opening the next file. Nothing is written once
   * {@linkcode RotatingPcapWriter.limitReached}.
   * @example Stop after two periods
   * ```ts
   * import { RotatingPcapWriter } from "@tpacket/tpacket/pcap";
   * import assert from "node:assert/strict";
   * let clock = 0;
   * const open = () => Promise.resolve(new WritableStream<Uint8Array>());
   * const w = await RotatingPcapWriter.open("p", { rotateSeconds: 10, fileCount: 2, open, now: () => clock });
   * const record = { data: new Uint8Array(1), wireLen: 1, sec: 0, nsec: 0 };
   * await w.write(record);
   * clock = 10_000;
   * await w.write(record);
   * assert.equal(w.limitReached, false);
   * clock = 20_000;
   * await w.write(record);
   * assert.equal(w.limitReached, true);
   * ```
   */
  write(record: PcapWriteRecord): Promise<void> | undefined {
    if (this.#stopped || this.#closing) return undefined;
    if (this.#rotating) return this.#queue(record);
    const { fileSize, rotateSeconds, fileCount } = this.#options;
    let next: string | undefined;
    if (rotateSeconds !== undefined) {
      const t = Math.floor(this.#now() / 1000);
      if (t - this.#periodStart >= rotateSeconds) {
        this.#periodStart = t;
        this.#timeCount++;
        if (fileSize === undefined && fileCount !== undefined && this.#timeCount >= fileCount) {
          this.#stopped = true;
          if (!this.#openSync) return this.#finish(true);
          this.#finishSync(true);
          return undefined;
        }
        this.#sizeCount = 0;
        next = this.#fileName(0, fileSize !== undefined ? this.#digits : 0);
      }
    }
    if (next === undefined && fileSize !== undefined && this.#writer.bytesWritten > fileSize) {
      this.#sizeCount++;
      if (fileCount !== undefined && this.#sizeCount >= fileCount) this.#sizeCount = 0;
      next = this.#fileName(this.#sizeCount, this.#digits);
    }
    if (next === undefined) return this.#writer.write(record);
    if (this.#openSync) {
      this.#finishSync(true);
      this.#startSync(next);
      return this.#writer.write(record);
    }
    const name = next;
    this.#rotating = (async () => {
      await this.#finish(true);
      await this.#start(name);
    })();
    return this.#queue(record);
  }

  /**
   * Hands everything buffered in the current file to its output.
   *
   * @returns A promise settled once written.
   * @example Flush the current file
   * ```ts
   * import { RotatingPcapWriter } from "@tpacket/tpacket/pcap";
   * import assert from "node:assert/strict";
   * let got = 0;
   * const open = () => Promise.resolve(new WritableStream<Uint8Array>({ write: (c) => void (got += c.length) }));
   * const writer = await RotatingPcapWriter.open("x", { fileSize: 1000, open });
   * await writer.flush();
   * assert.equal(got, 24);
   * ```
   */
  async flush(): Promise<void> {
    if (this.#rotating) await this.#rotating;
    if (!this.#stopped) await this.#writer.flush();
  }

  /**
   * Flushes and closes the current file. Idempotent.
   *
   * @returns A promise settled once the file is closed.
   * @example Close
   * ```ts
   * import { RotatingPcapWriter } from "@tpacket/tpacket/pcap";
   * import assert from "node:assert/strict";
   * const closed: string[] = [];
   * const open = () => Promise.resolve(new WritableStream<Uint8Array>());
   * const writer = await RotatingPcapWriter.open("y", { fileSize: 10, open, onFileClosed: (p) => void closed.push(p) });
   * await writer.close();
   * await writer.close();
   * assert.deepEqual(closed, ["y"]);
   * ```
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (this.#rotating) await this.#rotating;
      if (!this.#stopped) await this.#finish();
    })();
    return this.#closing;
  }

  /** Same as {@linkcode RotatingPcapWriter.close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** Writes `record` once the rotation in progress is done: its bytes are copied meanwhile. */
  #queue(record: PcapWriteRecord): Promise<void> {
    const copy = { ...record, data: record.data.slice() };
    const rotating: Promise<void> = this.#rotating!.then(async () => {
      if (this.#rotating === rotating) this.#rotating = undefined;
      await this.#writer.write(copy);
    });
    this.#rotating = rotating;
    return rotating;
  }

  /** tcpdump's MakeFilename(): strftime with -G, then the number unless both are 0. */
  #fileName(count: number, digits: number): string {
    const base = this.#options.rotateSeconds !== undefined
      ? strftime(this.#pattern, new Date(this.#periodStart * 1000))
      : this.#pattern;
    if (count === 0 && digits === 0) return base;
    return base + String(count).padStart(digits, "0");
  }

  async #start(path: string): Promise<void> {
    this.#path = path;
    this.#writer = new PcapWriter(await this.#open!(path), this.#options);
  }

  #startSync(path: string): void {
    this.#path = path;
    this.#writer = new PcapWriter(this.#openSync!(path), this.#options);
  }

  async #finish(rotated = false): Promise<void> {
    await this.#writer.close();
    this.#options.onFileClosed?.(this.#path, rotated);
  }

  #finishSync(rotated = false): void {
    this.#writer.closeSync();
    this.#options.onFileClosed?.(this.#path, rotated);
  }
}
