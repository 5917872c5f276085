/**
 * Reads classic pcap (both byte orders, µs and ns) and pcapng (any byte order, several
 * sections and interfaces) from a stream or file, as an async iterable of records.
 *
 * @module
 */

import { PcapFormatError } from "./errors.ts";
import {
  maxBlockLen,
  MAXIMUM_SNAPLEN,
  maxSnapLenForLinkType,
  pad4,
  PCAP_HEADER_FIELD,
  PCAP_HEADER_LEN,
  PCAP_MAGIC,
  PCAP_RECORD_FIELD,
  PCAP_RECORD_HEADER_LEN,
  PCAPNG_BLOCK,
  PCAPNG_BYTE_ORDER_MAGIC,
  PCAPNG_OPTION,
} from "./_format.ts";
import { openPcapSource, type PcapSource, streamSource } from "./source.ts";

import { DEFAULT_READ_BUFFER_SIZE } from "./reader_types.ts";
import type {
  PcapForEachOptions,
  PcapFormat,
  PcapInterface,
  PcapInterfaceStats,
  PcapReaderOptions,
  PcapRecord,
  PcapRecordLayout,
  PcapScanOptions,
} from "./reader_types.ts";
export { DEFAULT_READ_BUFFER_SIZE } from "./reader_types.ts";
export type {
  PcapForEachOptions,
  PcapFormat,
  PcapInterface,
  PcapInterfaceStats,
  PcapReaderOptions,
  PcapRecord,
  PcapRecordLayout,
  PcapScanOptions,
} from "./reader_types.ts";

/** Internal per-interface state: the public fields plus the timestamp scale. */
interface Iface extends PcapInterface {
  /** Largest data length handed out (libpcap clips longer records to it). */
  capLimit: number;
  /** 10^n units per second with n <= 9 (fast path), or 0: use BigInt with `tsBig`. */
  tsDecimal: number;
  tsBig: bigint;
}

const NEED_MORE = 0;
const END = 1;
type Step = PcapRecord | typeof NEED_MORE | typeof END;

const decoder = new TextDecoder();

/**
 * Reads a pcap or pcapng capture, detected from its first bytes, as an async iterable of
 * {@linkcode PcapRecord}s. Records are parsed in place from a large read buffer: a record's
 * `data` is a view valid until the next record is requested (pass `copy: true`, or call
 * `data.slice()`, to keep it). A damaged file throws {@linkcode PcapFormatError} after every
 * good record before the damage has been delivered. Length fields are bounded (libpcap's
 * limits), so a corrupt one never allocates more than twice the bytes actually present.
 *
 * @example Count the packets of a capture
 * ```ts
 * import { PcapReader, PcapWriter } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
 * const writer = new PcapWriter(writable, { nanoseconds: true });
 * for (let i = 0; i < 3; i++) writer.write({ data: new Uint8Array(60), wireLen: 60, sec: i, nsec: 7 });
 * const closed = writer.close();
 * const reader = await PcapReader.from(readable);
 * assert.equal(reader.format, "pcap");
 * assert.equal(reader.nanoseconds, true);
 * let count = 0;
 * for await (const record of reader) count += record.nsec === 7 ? 1 : 0;
 * await closed;
 * assert.equal(count, 3);
 * ```
 */
export class PcapReader implements AsyncIterable<PcapRecord>, AsyncDisposable {
  #format: PcapFormat = "pcap";
  readonly #source: PcapSource;
  readonly #name: string | undefined;
  readonly #copy: boolean;
  #buf: Uint8Array;
  #dv: DataView;
  #pos = 0;
  #end = 0;
  /** File offset of `#buf[0]`. */
  #base = 0;
  #need = 0;
  #eof = false;
  #closed = false;
  #failure: PcapFormatError | undefined;
  /** Records the current or last scanRecords() took, as of its last refill or return. */
  #scanned = 0;
  /** Set during `forEach(…, { reuse: true })`: the one record object handed out. */
  #slot: RecordSlot | undefined;
  #le = true;
  // Classic pcap.
  #recordHeaderLen = PCAP_RECORD_HEADER_LEN;
  #nano = false;
  /** libpcap's `lengths_swapped`: 0 not, 1 when caplen > len (2.3), 2 always (< 2.3, 543.0). */
  #swapLens = 0;
  #maxCapLen = MAXIMUM_SNAPLEN;
  // Both: interfaces of the current section (one for pcap).
  #ifaces: Iface[] = [];
  #firstIface: Iface | undefined;
  #maxBlockLen = maxBlockLen(MAXIMUM_SNAPLEN);

  private constructor(source: PcapSource, options: PcapReaderOptions) {
    this.#source = source;
    this.#name = options.name;
    this.#copy = options.copy ?? false;
    this.#buf = new Uint8Array(options.bufferSize ?? DEFAULT_READ_BUFFER_SIZE);
    this.#dv = new DataView(this.#buf.buffer);
  }

  /**
   * Starts reading a capture from a stream or a `read()`-able source: reads and checks the
   * file header (for pcapng, up to the first Interface Description Block).
   *
   * @param input A `ReadableStream<Uint8Array>` or a {@linkcode PcapSource} such as a `Deno.FsFile`.
   * @param options Name for messages, copying, buffer size.
   * @returns A reader whose `linkType`, `snapLen` and `nanoseconds` are known.
   * @throws {PcapFormatError} When the header is missing, truncated or unknown.
   * @example Read a capture held in memory
   * ```ts
   * import { PcapReader } from "@tpacket/tpacket/pcap";
   * import assert from "node:assert/strict";
   * const file = Uint8Array.fromHex(
   *   "d4c3b2a1020004000000000000000000ffff000001000000" + // header: µs, snaplen 65535, Ethernet
   *     "01000000020000000200000040000000" + "abcd", // 1.000002 s, 2 of 64 bytes
   * );
   * const reader = await PcapReader.from(new Blob([file]).stream());
   * const records = await Array.fromAsync(reader, (r) => [r.sec, r.nsec, r.wireLen, r.data.length]);
   * assert.deepEqual(records, [[1, 2000, 64, 2]]);
   * ```
   */
  static async from(
    input: ReadableStream<Uint8Array> | PcapSource,
    options: PcapReaderOptions = {},
  ): Promise<PcapReader> {
    if (options.bufferSize !== undefined && !(options.bufferSize >= 64)) {
      throw new RangeError(`Cannot read capture: bufferSize ${options.bufferSize} is below 64`);
    }
    // A source is told by its read() first: the first look at the ReadableStream global loads
    // Deno's streams (2 to 8 ms of start-up), which a file or stdin source never needs.
    const source = typeof (input as Partial<PcapSource> | undefined)?.read === "function"
      ? input as PcapSource
      : input instanceof ReadableStream
      ? streamSource(input)
      : input;
    if (typeof source?.read !== "function") {
      throw new TypeError("Cannot read capture: input is neither a ReadableStream nor a source");
    }
    const reader = new PcapReader(source, options);
    try {
      await reader.#fill(4);
      if (reader.#magic() === PCAPNG_BLOCK.SHB) {
        reader.#format = "pcapng";
        await reader.#openPcapng();
      } else {
        await reader.#openPcap();
      }
      return reader;
    } catch (error) {
      source.close?.();
      throw error;
    }
  }

  /**
   * Opens a capture file, or standard input for `"-"` (like `tcpdump -r -`).
   *
   * @param path File path, or `"-"` for stdin.
   * @param options As for {@linkcode PcapReader.from}; `name` defaults to `path`.
   * @returns The reader; close it (or use `await using`) to close the file.
   * @throws {Deno.errors.NotFound} And other file errors from `Deno.open`.
   * @throws {PcapFormatError} When the file header is bad.
   * @example Read a file written just before
   * ```ts
   * import { PcapReader, PcapWriter } from "@tpacket/tpacket/pcap";
   * import assert from "node:assert/strict";
   * const path = await Deno.makeTempFile({ suffix: ".pcap" });
   * const writer = await PcapWriter.open(path, { linkType: 101 });
   * await writer.write({ data: new Uint8Array(20), wireLen: 20, sec: 9, nsec: 0 });
   * await writer.close();
   * await using reader = await PcapReader.open(path);
   * assert.equal(reader.linkType, 101);
   * assert.equal((await reader.read())?.sec, 9);
   * await Deno.remove(path);
   * ```
   */
  static async open(path: string, options: PcapReaderOptions = {}): Promise<PcapReader> {
    const source = await openPcapSource(path);
    return await PcapReader.from(source, { name: path === "-" ? "-" : path, ...options });
  }

  /** `"pcap"` or `"pcapng"`, from the file's magic number. */
  get format(): PcapFormat {
    return this.#format;
  }
  /** `LINKTYPE_*` number of the file (classic pcap) or of its first interface (pcapng). */
  get linkType(): number {
    return this.#firstIface!.linkType;
  }
  /** Snapshot length of the file or of its first interface, in bytes, as stored. */
  get snapLen(): number {
    return this.#firstIface!.snapLen;
  }
  /** Whether timestamps (of the first interface) are finer than microseconds. */
  get nanoseconds(): boolean {
    return this.#firstIface!.tsResolution > 1e6;
  }
  /** Interfaces of the current pcapng section (grows as IDBs are read), or the pcap file's one. */
  get interfaces(): readonly PcapInterface[] {
    return this.#ifaces.map(publicInterface);
  }
  /**
   * How the file stores its records, when they can be copied as they are (see
   * {@linkcode PcapReader.scanRecords}'s `raw`): known for classic pcap of version 2.4 with
   * 16-byte record headers; `undefined` for pcapng and for older or modified layouts.
   */
  get recordLayout(): PcapRecordLayout | undefined {
    if (this.#format !== "pcap" || this.#swapLens !== 0) return undefined;
    if (this.#recordHeaderLen !== PCAP_RECORD_HEADER_LEN) return undefined;
    return { littleEndian: this.#le, nanoseconds: this.#nano };
  }

  /**
   * The records the last {@linkcode PcapReader.scanRecords} took: what it returned, or, when it
   * threw on a damaged file, how many it had taken (and handed to `raw` or `each`) before the
   * damage, as tcpdump counts the packets before a truncated end. 0 before any scan.
   *
   * @example The count of a scan that stopped on a cut record
   * ```ts
   * import { PcapFormatError, PcapReader } from "@tpacket/tpacket/pcap";
   * import assert from "node:assert/strict";
   * const file = Uint8Array.fromHex(
   *   "d4c3b2a1020004000000000000000000ffff000001000000" + // the file header
   *     "00000000000000000100000001000000aa" + // one record of 1 byte
   *     "000000000000000004000000", // a record cut inside its header
   * );
   * const reader = await PcapReader.from(new Blob([file]).stream());
   * await assert.rejects(reader.scanRecords(), PcapFormatError);
   * assert.equal(reader.scanned, 1);
   * ```
   */
  get scanned(): number {
    return this.#scanned;
  }

  /** Byte offset in the file of the next record or block to be parsed. */
  get offset(): number {
    return this.#base + this.#pos;
  }

  /**
   * Reads the next record.
   *
   * @returns The record, or `undefined` at the clean end of the file.
   * @throws {PcapFormatError} At the first damaged spot (again on every later call).
   * @example Read one record at a time
   * ```ts
   * import { PcapReader } from "@tpacket/tpacket/pcap";
   * import assert from "node:assert/strict";
   * const file = Uint8Array.fromHex(
   *   "a1b23c4d000200040000000000000000000000c800000001" + // big-endian, ns, snaplen 200
   *     "0000000a0000000b0000000100000001" + "ff",
   * );
   * const reader = await PcapReader.from(new Blob([file]).stream());
   * const record = await reader.read();
   * assert.deepEqual([record?.sec, record?.nsec, record?.data[0]], [10, 11, 0xff]);
   * assert.equal(await reader.read(), undefined);
   * ```
   */
  async read(): Promise<PcapRecord | undefined> {
    for (;;) {
      const step = this.#step();
      if (step === NEED_MORE) await this.#fill(this.#need);
      else if (step === END) return undefined;
      else return step;
    }
  }

  /**
   * Calls `callback` for every remaining record, parsing whole buffers synchronously between
   * reads: the fastest way through a file.
   *
   * @param callback Receives each record (its `data` valid during the call unless copying);
   * returning `false` stops after that record.
   * @param options `reuse: true` hands the same record object each time, its `data` view made
   * only when read: nothing is allocated for a record whose bytes the callback never reads.
   * @returns The number of records passed to `callback`.
   * @throws {PcapFormatError} After the records before the damage were passed to `callback`.
   * @example Count the packets longer than 100 bytes
   * ```ts
   * import { PcapReader, PcapWriter } from "@tpacket/tpacket/pcap";
   * import assert from "node:assert/strict";
   * const chunks: Uint8Array<ArrayBuffer>[] = [];
   * const writer = new PcapWriter(new WritableStream({ write: (c) => void chunks.push(c.slice()) }));
   * for (const len of [60, 200, 1500]) writer.write({ data: new Uint8Array(len), wireLen: len, sec: 0, nsec: 0 });
   * await writer.close();
   * const reader = await PcapReader.from(new Blob(chunks).stream());
   * let big = 0;
   * assert.equal(await reader.forEach((r) => void (big += r.wireLen > 100 ? 1 : 0)), 3);
   * assert.equal(big, 2);
   * ```
   */
  async forEach(
    callback: (record: PcapRecord) => boolean | void,
    options: PcapForEachOptions = {},
  ): Promise<number> {
    let count = 0;
    const slot = options.reuse ? new RecordSlot() : undefined;
    try {
      for (;;) {
        this.#slot = slot;
        const step = this.#step();
        if (step === NEED_MORE) {
          this.#slot = undefined;
          await this.#fill(this.#need);
        } else if (step === END) return count;
        else {
          count++;
          if (callback(step) === false) return count;
        }
      }
    } finally {
      this.#slot = undefined;
    }
  }

  /**
   * Walks the remaining records without an object for any of them: counts the records
   * `accept` takes (every one by default), up to `max`, and hands the ones taken to `raw`
   * exactly as the file stores them, in runs of consecutive records. The way to count, filter
   * or copy a file at the speed of its bytes: a copy is one `set()` (or one write) per run.
   *
   * @param options `accept(bytes, start, capLen, wireLen)`, `max`, `raw(run)` and `snapLen`.
   * @returns The number of records taken.
   * @throws {TypeError} When `raw` is given and {@linkcode PcapReader.recordLayout} is
   * `undefined` (pcapng, or an old pcap layout): read those with `forEach`.
   * @throws {PcapFormatError} After the records before the damage were counted and handed to
   * `raw`.
   * @example Count the records longer than 100 bytes, and copy them as stored
   * ```ts
   * import { PcapReader, PcapWriter } from "@tpacket/tpacket/pcap";
   * import assert from "node:assert/strict";
   * const chunks: Uint8Array<ArrayBuffer>[] = [];
   * const writer = new PcapWriter(new WritableStream({ write: (c) => void chunks.push(c.slice()) }));
   * for (const len of [60, 200, 1500]) writer.write({ data: new Uint8Array(len), wireLen: len, sec: 0, nsec: 0 });
   * await writer.close();
   * const reader = await PcapReader.from(new Blob(chunks).stream());
   * const runs: number[] = [];
   * const taken = await reader.scanRecords({
   *   accept: (_bytes, _start, _capLen, wireLen) => wireLen > 100,
   *   raw: (run) => void runs.push(run.length),
   * });
   * assert.equal(taken, 2);
   * assert.deepEqual(runs, [16 + 200 + 16 + 1500]); // one run: the two records are adjacent
   * ```
   */
  async scanRecords(options: PcapScanOptions = {}): Promise<number> {
    const { accept, raw, each, layout } = options;
    const max = options.max ?? 0;
    const snapLen = options.snapLen ?? 0xffffffff;
    if (raw !== undefined && each !== undefined) {
      throw new TypeError("Cannot scan records: give raw or each, not both");
    }
    const pcapng = this.#format === "pcapng";
    if (raw !== undefined && !(pcapng && layout !== undefined)) {
      const stored = this.recordLayout;
      if (stored === undefined) {
        throw new TypeError(
          `Cannot copy records as stored: the file's records are ${
            pcapng
              ? "pcapng blocks (give a layout to have them rewritten)"
              : "in an older pcap layout"
          }`,
        );
      }
      if (
        layout !== undefined &&
        (layout.littleEndian !== stored.littleEndian || layout.nanoseconds !== stored.nanoseconds)
      ) {
        throw new TypeError(
          "Cannot copy records as stored: the file's layout is not the one asked",
        );
      }
    }
    this.#scanned = 0;
    const taken = pcapng
      ? raw !== undefined
        ? await this.#rewritePcapng(accept, raw, layout!, max, snapLen)
        : await this.#scanPcapng(accept, each, max, snapLen)
      : this.recordLayout === undefined
      ? await this.#scanSteps(accept, each, max, snapLen)
      : await this.#scanPcap(accept, raw, each, max, snapLen);
    return this.#scanned = taken;
  }

  /** scanRecords() for classic pcap of version 2.4: runs of records inline. */
  async #scanPcap(
    accept: PcapScanOptions["accept"],
    raw: PcapScanOptions["raw"],
    each: PcapScanOptions["each"],
    max: number,
    snapLen: number,
  ): Promise<number> {
    let count = 0;
    const slot = new RecordSlot();
    for (;;) {
      if (this.#failure) throw this.#failure;
      if (this.#closed) return count;
      const buf = this.#buf, dv = this.#dv, le = this.#le, end = this.#end;
      const iface = this.#firstIface!, linkType = iface.linkType, nano = this.#nano;
      const limit = iface.capLimit < snapLen ? iface.capLimit : snapLen, maxCap = this.#maxCapLen;
      let pos = this.#pos, run = pos, stop = false;
      // The common case inline; anything else (the end of the buffer or of the file, damage)
      // stops the walk and goes through #stepPcap, which fills, ends or names the damage.
      while (end - pos >= PCAP_RECORD_HEADER_LEN) {
        const capLen = dv.getUint32(pos + PCAP_RECORD_FIELD.INCL_LEN, le);
        const next = pos + PCAP_RECORD_HEADER_LEN + capLen;
        if (capLen > maxCap || next > end) break;
        const keep = capLen > limit ? limit : capLen;
        const start = pos + PCAP_RECORD_HEADER_LEN;
        const wireLen = dv.getUint32(pos + PCAP_RECORD_FIELD.ORIG_LEN, le);
        if (accept !== undefined && !accept(buf, start, keep, wireLen, linkType)) {
          if (raw !== undefined && run < pos) raw(buf.subarray(run, pos));
          run = pos = next;
          continue;
        }
        if (raw !== undefined && keep !== capLen) {
          // Cut as libpcap reads it: the header says the kept length, the rest is skipped.
          dv.setUint32(pos + PCAP_RECORD_FIELD.INCL_LEN, keep, le);
          raw(buf.subarray(run, start + keep));
          run = next;
        }
        const at = pos;
        pos = next;
        count++;
        if (each !== undefined) {
          this.#point(slot, start, keep, wireLen, 0, linkType);
          slot.sec = dv.getUint32(at + PCAP_RECORD_FIELD.TS_SEC, le);
          // Signed, as libpcap's struct pcap_timeval reads it.
          const frac = dv.getInt32(at + PCAP_RECORD_FIELD.TS_FRAC, le);
          slot.nsec = nano ? frac : frac * 1000;
          if (each(slot) === false) stop = true;
        }
        if (stop || count === max) {
          stop = true;
          break;
        }
      }
      this.#pos = pos;
      if (raw !== undefined && run < pos) raw(buf.subarray(run, pos));
      if (stop) return count;
      this.#scanned = count; // what a throw below leaves for `scanned`
      const step = this.#stepPcap();
      if (step === NEED_MORE) await this.#fill(this.#need);
      else if (step === END) return count;
      else throw new Error("Cannot scan records: the walk left a whole record behind");
    }
  }

  /** Points the scan's slot at a record in the buffer (a copy with the `copy` option). */
  #point(
    slot: RecordSlot,
    start: number,
    len: number,
    wireLen: number,
    ifIndex: number,
    linkType: number,
  ): void {
    slot.point(this.#buf.buffer, start, len);
    if (this.#copy) slot.data = this.#buf.slice(start, start + len);
    slot.wireLen = wireLen;
    slot.ifIndex = ifIndex;
    slot.linkType = linkType;
  }

  /**
   * scanRecords() for pcapng: Enhanced Packet Blocks inline, every other block (and the end
   * of the buffer, and damage) through #stepPcapng.
   */
  async #scanPcapng(
    accept: PcapScanOptions["accept"],
    each: PcapScanOptions["each"],
    max: number,
    snapLen: number,
  ): Promise<number> {
    let count = 0;
    const slot = new RecordSlot();
    for (;;) {
      if (this.#failure) throw this.#failure;
      if (this.#closed) return count;
      const buf = this.#buf, dv = this.#dv, le = this.#le, end = this.#end;
      const ifaces = this.#ifaces, maxBlock = this.#maxBlockLen;
      let pos = this.#pos, stop = false;
      while (end - pos >= 12 && dv.getUint32(pos, le) === PCAPNG_BLOCK.EPB) {
        const len = dv.getUint32(pos + 4, le);
        // The checks of #stepPcapng and #packet; a block failing one is left to them.
        if (len < 32 || (len & 3) !== 0 || len > maxBlock || len > end - pos) break;
        if (dv.getUint32(pos + len - 4, le) !== len) break;
        const body = pos + 8, ifIndex = dv.getUint32(body, le), iface = ifaces[ifIndex];
        const capLen = dv.getUint32(body + 12, le);
        if (iface === undefined || capLen > len - 32) break;
        const limit = iface.capLimit < snapLen ? iface.capLimit : snapLen;
        const keep = capLen > limit ? limit : capLen;
        const wireLen = dv.getUint32(body + 16, le);
        pos += len;
        if (accept !== undefined && !accept(buf, body + 20, keep, wireLen, iface.linkType)) {
          continue;
        }
        count++;
        if (each !== undefined) {
          this.#point(slot, body + 20, keep, wireLen, ifIndex, iface.linkType);
          setTimestamp(slot, iface, dv.getUint32(body + 4, le), dv.getUint32(body + 8, le));
          if (each(slot) === false) stop = true;
        }
        if (stop || count === max) {
          stop = true;
          break;
        }
      }
      this.#pos = pos;
      if (stop) return count;
      this.#scanned = count;
      const taken = await this.#scanStep(slot, accept, each, snapLen);
      if (taken === undefined) return count;
      count += taken;
      if ((taken === 1 && count === max) || slot.stopped) return count;
    }
  }

  /**
   * scanRecords() with `raw` for pcapng: each Enhanced Packet Block taken becomes a classic
   * pcap record of `layout` in place, packed towards the front of the consumed part of the
   * read buffer (the record is 16 bytes shorter than its block at least, so the write cursor
   * never passes the block being read), and each buffer's run goes to `raw` before the buffer
   * is refilled. Other packet blocks come through the full parser, as one small copy each.
   */
  async #rewritePcapng(
    accept: PcapScanOptions["accept"],
    raw: (run: Uint8Array) => void,
    layout: NonNullable<PcapScanOptions["layout"]>,
    max: number,
    snapLen: number,
  ): Promise<number> {
    let count = 0;
    const slot = new RecordSlot();
    const outLe = layout.littleEndian, outNano = layout.nanoseconds, outType = layout.linkType;
    const mismatch = (linkType: number) =>
      new RangeError(
        `Cannot write record: link type ${linkType} differs from the file's ${outType} (use pcapng for several)`,
      );
    for (;;) {
      if (this.#failure) throw this.#failure;
      if (this.#closed) return count;
      const buf = this.#buf, dv = this.#dv, le = this.#le, end = this.#end;
      const ifaces = this.#ifaces, maxBlock = this.#maxBlockLen;
      let pos = this.#pos, stop = false, failure: RangeError | undefined;
      const run = pos;
      let w = pos;
      while (end - pos >= 12 && dv.getUint32(pos, le) === PCAPNG_BLOCK.EPB) {
        const len = dv.getUint32(pos + 4, le);
        // The checks of #scanPcapng; a block failing one is left to the full parser.
        if (len < 32 || (len & 3) !== 0 || len > maxBlock || len > end - pos) break;
        if (dv.getUint32(pos + len - 4, le) !== len) break;
        const body = pos + 8, ifIndex = dv.getUint32(body, le), iface = ifaces[ifIndex];
        const capLen = dv.getUint32(body + 12, le);
        if (iface === undefined || capLen > len - 32) break;
        const limit = iface.capLimit < snapLen ? iface.capLimit : snapLen;
        const keep = capLen > limit ? limit : capLen;
        const wireLen = dv.getUint32(body + 16, le);
        const linkType = iface.linkType;
        if (accept !== undefined && !accept(buf, body + 20, keep, wireLen, linkType)) {
          pos += len;
          continue;
        }
        if (linkType !== outType) {
          failure = mismatch(linkType);
          break;
        }
        setTimestamp(slot, iface, dv.getUint32(body + 4, le), dv.getUint32(body + 8, le));
        pos += len;
        // The header goes below the data (w + 16 <= block + 16 < data): write it after the
        // block's own fields were read, then move the data down to it.
        buf.copyWithin(w + 16, body + 20, body + 20 + keep);
        dv.setUint32(w, slot.sec, outLe); // the low 32 bits, as PcapWriter writes them
        dv.setUint32(w + 4, outNano ? slot.nsec : Math.trunc(slot.nsec / 1000), outLe);
        dv.setUint32(w + 8, keep, outLe);
        dv.setUint32(w + 12, wireLen, outLe);
        w += 16 + keep;
        if (++count === max) {
          stop = true;
          break;
        }
      }
      this.#pos = pos;
      if (w > run) raw(buf.subarray(run, w));
      this.#scanned = count;
      if (failure) throw failure;
      if (stop) return count;
      // Anything else (another block, the buffer's end, damage): one step of the full parser.
      this.#slot = slot;
      let step: Step;
      try {
        step = this.#step();
      } finally {
        this.#slot = undefined;
      }
      if (step === NEED_MORE) {
        await this.#fill(this.#need);
        continue;
      }
      if (step === END) return count;
      const keep = slot.len > snapLen ? snapLen : slot.len;
      if (
        accept !== undefined && !accept(this.#buf, slot.start, keep, slot.wireLen, slot.linkType)
      ) {
        continue;
      }
      if (slot.linkType !== outType) throw mismatch(slot.linkType);
      const record = new Uint8Array(16 + keep), out = new DataView(record.buffer);
      out.setUint32(0, slot.sec, outLe);
      out.setUint32(4, outNano ? slot.nsec : Math.trunc(slot.nsec / 1000), outLe);
      out.setUint32(8, keep, outLe);
      out.setUint32(12, slot.wireLen, outLe);
      record.set(this.#buf.subarray(slot.start, slot.start + keep), 16);
      raw(record);
      if (++count === max) return count;
    }
  }

  /**
   * One step of the full parser for a scan: fills the buffer (0), ends (`undefined`), or
   * takes or leaves one record (1 or 0); `slot.stopped` when `each` asked to stop.
   */
  async #scanStep(
    slot: RecordSlot,
    accept: PcapScanOptions["accept"],
    each: PcapScanOptions["each"],
    snapLen: number,
  ): Promise<number | undefined> {
    this.#slot = slot;
    let step: Step;
    try {
      step = this.#step();
    } finally {
      this.#slot = undefined;
    }
    if (step === NEED_MORE) {
      await this.#fill(this.#need);
      return 0;
    }
    if (step === END) return undefined;
    const capLen = slot.len > snapLen ? snapLen : slot.len;
    if (
      accept !== undefined && !accept(this.#buf, slot.start, capLen, slot.wireLen, slot.linkType)
    ) {
      return 0;
    }
    if (each !== undefined) {
      if (capLen !== slot.len) slot.point(this.#buf.buffer, slot.start, capLen);
      if (each(slot) === false) slot.stopped = true;
    }
    return 1;
  }

  /** scanRecords() for old pcap layouts: record by record, through the full parser. */
  async #scanSteps(
    accept: PcapScanOptions["accept"],
    each: PcapScanOptions["each"],
    max: number,
    snapLen: number,
  ): Promise<number> {
    let count = 0;
    const slot = new RecordSlot();
    for (;;) {
      if (this.#failure) throw this.#failure;
      this.#scanned = count;
      const taken = await this.#scanStep(slot, accept, each, snapLen);
      if (taken === undefined) return count;
      count += taken;
      if ((taken === 1 && count === max) || slot.stopped) return count;
    }
  }

  /**
   * Iterates over the remaining records; leaving the loop early closes the reader.
   *
   * @returns An async iterator of records (each `data` valid until the next step unless copying).
   * @example Iterate with for await
   * ```ts
   * import { PcapReader } from "@tpacket/tpacket/pcap";
   * import assert from "node:assert/strict";
   * const file = Uint8Array.fromHex("d4c3b2a1020004000000000000000000ffff000065000000");
   * const reader = await PcapReader.from(new Blob([file]).stream());
   * for await (const _ of reader) assert.fail("the file holds no packet");
   * ```
   */
  [Symbol.asyncIterator](): AsyncIterator<PcapRecord> {
    return {
      next: (): Promise<IteratorResult<PcapRecord>> => {
        // Records already in the buffer resolve without another async function frame.
        try {
          const step = this.#step();
          if (step !== NEED_MORE && step !== END) {
            return Promise.resolve({ value: step, done: false });
          }
        } catch (error) {
          return Promise.reject(error);
        }
        return this.read().then((value) =>
          value === undefined ? { value: undefined, done: true } : { value, done: false }
        );
      },
      return: async (): Promise<IteratorResult<PcapRecord>> => {
        await this.close();
        return { value: undefined, done: true };
      },
    };
  }

  /**
   * Releases the source (closes the file, cancels the stream). Idempotent.
   *
   * @returns A promise resolved once closed.
   * @example Close early
   * ```ts
   * import { PcapReader } from "@tpacket/tpacket/pcap";
   * import assert from "node:assert/strict";
   * const file = Uint8Array.fromHex("d4c3b2a1020004000000000000000000ffff000001000000");
   * const reader = await PcapReader.from(new Blob([file]).stream());
   * await reader.close();
   * await reader.close();
   * assert.equal(await reader.read(), undefined);
   * ```
   */
  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#eof = true;
      this.#pos = this.#end = 0;
      try {
        this.#source.close?.();
      } catch {
        // Already closed by its owner: nothing left to release.
      }
    }
    return Promise.resolve();
  }

  /** Same as {@linkcode PcapReader.close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  // ---- buffer ----

  /** Reads until `need` bytes from `#pos` are buffered or the source ends. */
  async #fill(need: number): Promise<void> {
    if (this.#pos + need > this.#buf.length && this.#pos > 0) {
      this.#buf.copyWithin(0, this.#pos, this.#end);
      this.#base += this.#pos;
      this.#end -= this.#pos;
      this.#pos = 0;
    }
    while (this.#end - this.#pos < need && !this.#eof) {
      if (this.#end === this.#buf.length) {
        // Grow only while data keeps coming: a huge length field in a short file costs
        // at most twice the bytes present.
        const bigger = new Uint8Array(this.#buf.length * 2);
        bigger.set(this.#buf.subarray(0, this.#end));
        this.#buf = bigger;
        this.#dv = new DataView(bigger.buffer);
      }
      const n = await this.#source.read(this.#buf.subarray(this.#end));
      if (n === null) this.#eof = true;
      else this.#end += n;
    }
  }

  #fail(reason: string, at: number): never {
    this.#failure = new PcapFormatError(reason, this.#base + at, this.#name);
    throw this.#failure;
  }

  #magic(): number {
    if (this.#end - this.#pos < 4) {
      const have = this.#end - this.#pos;
      this.#fail(have === 0 ? "empty file" : `truncated file header (${have} of 4 bytes)`, 0);
    }
    return this.#dv.getUint32(this.#pos, true);
  }

  // ---- classic pcap ----

  async #openPcap(): Promise<void> {
    const magicLe = this.#dv.getUint32(0, true);
    const magicBe = this.#dv.getUint32(0, false);
    let magic: number;
    if (isPcapMagic(magicLe)) [magic, this.#le] = [magicLe, true];
    else if (isPcapMagic(magicBe)) [magic, this.#le] = [magicBe, false];
    else this.#fail(`unknown magic number 0x${hex32(magicBe)}`, 0);
    await this.#fill(PCAP_HEADER_LEN);
    const have = this.#end - this.#pos;
    if (have < PCAP_HEADER_LEN) this.#fail(`truncated file header (${have} of 24 bytes)`, 0);
    const dv = this.#dv, le = this.#le;
    const major = dv.getUint16(PCAP_HEADER_FIELD.VERSION_MAJOR, le);
    const minor = dv.getUint16(PCAP_HEADER_FIELD.VERSION_MINOR, le);
    // libpcap's pcap_check_header(): 2.0 to 2.4, and 543.0 (DG/UX tcpdump).
    if (major < 2) this.#fail("archaic pcap savefile format", 0);
    if (!((major === 2 && minor <= 4) || (major === 543 && minor === 0))) {
      this.#fail(`unsupported pcap savefile version ${major}.${minor}`, 0);
    }
    const stored = dv.getUint32(PCAP_HEADER_FIELD.SNAPLEN, le);
    // The upper 16 bits carry the FCS length flag (libpcap's LT_LINKTYPE()).
    const linkType = dv.getUint32(PCAP_HEADER_FIELD.LINKTYPE, le) & 0xffff;
    this.#nano = magic === PCAP_MAGIC.NANO;
    if (magic === PCAP_MAGIC.KUZNETZOV) this.#recordHeaderLen = PCAP_RECORD_HEADER_LEN + 8;
    // Files before 2.3 stored caplen and len the other way round (libpcap swaps them back).
    this.#swapLens = major === 543 || minor < 3 ? 2 : minor === 3 ? 1 : 0;
    this.#maxCapLen = maxSnapLenForLinkType(linkType);
    const snapLen = stored === 0 ? this.#maxCapLen : stored;
    const iface: Iface = {
      linkType,
      snapLen,
      tsResolution: this.#nano ? 1e9 : 1e6,
      tsOffset: 0,
      capLimit: snapLen > this.#maxCapLen ? this.#maxCapLen : snapLen,
      tsDecimal: this.#nano ? 1e9 : 1e6,
      tsBig: 0n,
    };
    this.#ifaces = [iface];
    this.#firstIface = iface;
    this.#pos = PCAP_HEADER_LEN;
  }

  #stepPcap(): Step {
    const pos = this.#pos, avail = this.#end - pos, hdrLen = this.#recordHeaderLen;
    if (avail < hdrLen) {
      if (!this.#eof) return this.#needMore(hdrLen);
      if (avail === 0) return END;
      this.#fail(`truncated record header (${avail} of ${hdrLen} bytes)`, pos);
    }
    const dv = this.#dv, le = this.#le;
    let capLen = dv.getUint32(pos + PCAP_RECORD_FIELD.INCL_LEN, le);
    let wireLen = dv.getUint32(pos + PCAP_RECORD_FIELD.ORIG_LEN, le);
    if (this.#swapLens === 2 || (this.#swapLens === 1 && capLen > wireLen)) {
      [capLen, wireLen] = [wireLen, capLen];
    }
    if (capLen > this.#maxCapLen) {
      this.#fail(`captured length ${capLen} exceeds the maximum ${this.#maxCapLen}`, pos);
    }
    const total = hdrLen + capLen;
    if (avail < total) {
      if (!this.#eof) return this.#needMore(total);
      this.#fail(`truncated record (${avail - hdrLen} of ${capLen} data bytes)`, pos);
    }
    const iface = this.#firstIface!;
    // Signed, as libpcap's struct pcap_timeval reads it: only a damaged file has one >= 2^31.
    const frac = dv.getInt32(pos + PCAP_RECORD_FIELD.TS_FRAC, le);
    const start = pos + hdrLen;
    // Like libpcap: a record longer than the header's snaplen is cut to it.
    const stop = start + (capLen > iface.capLimit ? iface.capLimit : capLen);
    this.#pos = pos + total;
    const sec = dv.getUint32(pos + PCAP_RECORD_FIELD.TS_SEC, le);
    const nsec = this.#nano ? frac : frac * 1000;
    return this.#record(start, stop, wireLen, sec, nsec, 0, iface.linkType);
  }

  /** A record: a fresh object, or the reused slot during `forEach(…, { reuse: true })`. */
  #record(
    start: number,
    stop: number,
    wireLen: number,
    sec: number,
    nsec: number,
    ifIndex: number,
    linkType: number,
  ): PcapRecord {
    const slot = this.#slot;
    if (slot === undefined) {
      return { data: this.#view(start, stop), wireLen, sec, nsec, ifIndex, linkType };
    }
    slot.point(this.#buf.buffer, start, stop - start);
    if (this.#copy) slot.data = this.#buf.slice(start, stop);
    slot.wireLen = wireLen;
    slot.sec = sec;
    slot.nsec = nsec;
    slot.ifIndex = ifIndex;
    slot.linkType = linkType;
    return slot;
  }

  /** Record bytes: a view of the buffer (`new Uint8Array` is cheaper than `subarray`), or a copy. */
  #view(start: number, stop: number): Uint8Array {
    return this.#copy
      ? this.#buf.slice(start, stop)
      : new Uint8Array(this.#buf.buffer, start, stop - start);
  }

  #needMore(need: number): typeof NEED_MORE {
    this.#need = need;
    return NEED_MORE;
  }

  #step(): Step {
    if (this.#failure) throw this.#failure;
    if (this.#closed) return END;
    return this.#format === "pcap" ? this.#stepPcap() : this.#stepPcapng();
  }

  // ---- pcapng ----

  async #openPcapng(): Promise<void> {
    // Blocks before the first IDB (the SHB, perhaps NRBs or custom ones) are read now, so
    // linkType and snapLen are known; a packet before any IDB is an error.
    for (;;) {
      const step = this.#stepPcapng();
      if (this.#firstIface) return; // stopped right after the first IDB
      if (step === NEED_MORE) await this.#fill(this.#need);
      else if (step === END) this.#fail("no interface description block in the file", this.#pos);
    }
  }

  #stepPcapng(): Step {
    for (;;) {
      const pos = this.#pos, avail = this.#end - pos;
      if (avail < 12) {
        if (!this.#eof) return this.#needMore(12);
        if (avail === 0) return END;
        this.#fail(`truncated block header (${avail} of 12 bytes)`, pos);
      }
      const dv = this.#dv;
      // The SHB type reads the same in both byte orders; its body says which one follows.
      const type = dv.getUint32(pos, this.#le);
      if (type === PCAPNG_BLOCK.SHB) {
        const bom = dv.getUint32(pos + 8, true);
        if (bom === PCAPNG_BYTE_ORDER_MAGIC) this.#le = true;
        else if (bom === 0x4d3c2b1a) this.#le = false;
        else this.#fail(`bad byte-order magic 0x${hex32(dv.getUint32(pos + 8, false))}`, pos);
      }
      const le = this.#le;
      const len = dv.getUint32(pos + 4, le);
      if (len < 12 || len % 4 !== 0) {
        this.#fail(`block length ${len} is not a multiple of 4 of at least 12`, pos);
      }
      if (len > this.#maxBlockLen) {
        this.#fail(`block length ${len} exceeds the maximum ${this.#maxBlockLen}`, pos);
      }
      if (avail < len) {
        if (!this.#eof) return this.#needMore(len);
        this.#fail(`truncated block of type 0x${hex32(type)} (${avail} of ${len} bytes)`, pos);
      }
      const trailer = dv.getUint32(pos + len - 4, le);
      if (trailer !== len) {
        this.#fail(`block trailer length ${trailer} differs from the header's ${len}`, pos);
      }
      const body = pos + 8, bodyLen = len - 12;
      let record: PcapRecord | undefined;
      switch (type) {
        case PCAPNG_BLOCK.SHB:
          this.#sectionHeader(pos, body, bodyLen);
          break;
        case PCAPNG_BLOCK.IDB:
          this.#interfaceDescription(pos, body, bodyLen);
          break;
        case PCAPNG_BLOCK.EPB:
          record = this.#packet(pos, body, bodyLen, false);
          break;
        case PCAPNG_BLOCK.SPB:
          record = this.#simplePacket(pos, body, bodyLen);
          break;
        case PCAPNG_BLOCK.OPB:
          record = this.#packet(pos, body, bodyLen, true);
          break;
        case PCAPNG_BLOCK.ISB:
          this.#statistics(pos, body, bodyLen);
          break;
        default:
          // NRB, DSB, custom and unknown blocks carry nothing a packet reader needs.
          break;
      }
      this.#pos = pos + len;
      if (record) return record;
      if (type === PCAPNG_BLOCK.IDB && !this.#firstIface) {
        // Hand control back to #openPcapng once the file's link type is known.
        this.#firstIface = this.#ifaces[0];
        return this.#needMore(0);
      }
    }
  }

  #sectionHeader(pos: number, body: number, bodyLen: number): void {
    if (bodyLen < 16) this.#fail(`section header block too short (${bodyLen + 12} bytes)`, pos);
    const major = this.#dv.getUint16(body + 4, this.#le);
    const minor = this.#dv.getUint16(body + 6, this.#le);
    // libpcap reads 1.0 and 1.2 (some writers' 1.2) in the first section, any 1.x later.
    if (this.#base + pos === 0 ? major !== 1 || (minor !== 0 && minor !== 2) : major !== 1) {
      this.#fail(
        this.#base + pos === 0
          ? `unsupported pcapng savefile version ${major}.${minor}`
          : `unknown pcapng savefile major version ${major}`,
        pos,
      );
    }
    // A new section starts a new list of interfaces.
    this.#ifaces = [];
    this.#maxBlockLen = maxBlockLen(MAXIMUM_SNAPLEN);
  }

  #interfaceDescription(pos: number, body: number, bodyLen: number): void {
    if (bodyLen < 8) {
      this.#fail(`interface description block too short (${bodyLen + 12} bytes)`, pos);
    }
    const dv = this.#dv, le = this.#le;
    const linkType = dv.getUint16(body, le);
    const maxCap = maxSnapLenForLinkType(linkType);
    const snapLen = dv.getUint32(body + 4, le) || maxCap; // 0 reads as the maximum, as in libpcap
    const iface: Iface = {
      linkType,
      snapLen,
      tsResolution: 1e6,
      tsOffset: 0,
      capLimit: snapLen > maxCap ? maxCap : snapLen,
      tsDecimal: 1e6,
      tsBig: 0n,
    };
    this.#options(pos, body + 8, body + bodyLen, (code, at, len) => {
      if (code === PCAPNG_OPTION.IF_NAME) iface.name = this.#text(at, len);
      else if (code === PCAPNG_OPTION.IF_DESCRIPTION) iface.description = this.#text(at, len);
      else if (code === PCAPNG_OPTION.IF_TSRESOL) {
        if (len !== 1) this.#fail(`if_tsresol option of ${len} bytes instead of 1`, pos);
        const v = this.#buf[at]!, exp = v & 0x7f, binary = (v & 0x80) !== 0;
        if (binary ? exp > 63 : exp > 18) this.#fail(`if_tsresol ${v} is out of range`, pos);
        iface.tsBig = binary ? 1n << BigInt(exp) : 10n ** BigInt(exp);
        iface.tsResolution = Number(iface.tsBig);
        iface.tsDecimal = !binary && exp <= 9 ? 10 ** exp : 0;
      } else if (code === PCAPNG_OPTION.IF_TSOFFSET) {
        if (len !== 8) this.#fail(`if_tsoffset option of ${len} bytes instead of 8`, pos);
        iface.tsOffset = Number(dv.getBigInt64(at, le));
      }
    });
    if (maxCap > MAXIMUM_SNAPLEN) {
      this.#maxBlockLen = Math.max(this.#maxBlockLen, maxBlockLen(maxCap));
    }
    this.#ifaces.push(iface);
  }

  #statistics(pos: number, body: number, bodyLen: number): void {
    if (bodyLen < 12) {
      this.#fail(`interface statistics block too short (${bodyLen + 12} bytes)`, pos);
    }
    const iface = this.#ifaces[this.#dv.getUint32(body, this.#le)];
    const stats: PcapInterfaceStats = {};
    this.#options(pos, body + 12, body + bodyLen, (code, at, len) => {
      if (len !== 8) return;
      const value = this.#u64(at);
      if (code === PCAPNG_OPTION.ISB_IFRECV) stats.received = value;
      else if (code === PCAPNG_OPTION.ISB_IFDROP) stats.dropped = value;
      else if (code === PCAPNG_OPTION.ISB_FILTERACCEPT) stats.filterAccepted = value;
      else if (code === PCAPNG_OPTION.ISB_OSDROP) stats.osDropped = value;
      else if (code === PCAPNG_OPTION.ISB_USRDELIV) stats.userDelivered = value;
    });
    // Statistics for an interface that was never described are ignored, as libpcap does.
    if (iface) iface.stats = stats;
  }

  #packet(pos: number, body: number, bodyLen: number, obsolete: boolean): PcapRecord {
    const kind = obsolete ? "packet block" : "enhanced packet block";
    if (bodyLen < 20) this.#fail(`${kind} too short (${bodyLen + 12} bytes)`, pos);
    const dv = this.#dv, le = this.#le;
    const ifIndex = obsolete ? dv.getUint16(body, le) : dv.getUint32(body, le);
    const iface = this.#ifaces[ifIndex];
    if (!iface) this.#fail(`${kind} for undescribed interface ${ifIndex}`, pos);
    const capLen = dv.getUint32(body + 12, le);
    const wireLen = dv.getUint32(body + 16, le);
    if (capLen > bodyLen - 20) {
      this.#fail(`captured length ${capLen} exceeds the block's room of ${bodyLen - 20}`, pos);
    }
    const start = body + 20;
    const stop = start + (capLen > iface.capLimit ? iface.capLimit : capLen);
    const record = this.#record(start, stop, wireLen, 0, 0, ifIndex, iface.linkType);
    setTimestamp(record, iface, dv.getUint32(body + 4, le), dv.getUint32(body + 8, le));
    return record;
  }

  #simplePacket(pos: number, body: number, bodyLen: number): PcapRecord {
    if (bodyLen < 4) this.#fail(`simple packet block too short (${bodyLen + 12} bytes)`, pos);
    const iface = this.#ifaces[0];
    if (!iface) this.#fail("simple packet block before any interface description", pos);
    const wireLen = this.#dv.getUint32(body, this.#le);
    // The captured length is implied: the packet, cut to the block and to the IDB's snaplen.
    const capLen = Math.min(wireLen, bodyLen - 4, iface.capLimit);
    const start = body + 4;
    return this.#record(start, start + capLen, wireLen, 0, 0, 0, iface.linkType);
  }

  /** Walks the options in [start, stop); a malformed one is an error of the block at `pos`. */
  #options(
    pos: number,
    start: number,
    stop: number,
    each: (code: number, at: number, len: number) => void,
  ): void {
    const dv = this.#dv, le = this.#le;
    let at = start;
    while (at + 4 <= stop) {
      const code = dv.getUint16(at, le), len = dv.getUint16(at + 2, le);
      if (code === PCAPNG_OPTION.END) return;
      if (at + 4 + len > stop) {
        this.#fail(`option ${code} of ${len} bytes runs past the end of its block`, pos);
      }
      each(code, at + 4, len);
      at += 4 + pad4(len);
    }
  }

  #u64(at: number): number {
    const a = this.#dv.getUint32(at, this.#le), b = this.#dv.getUint32(at + 4, this.#le);
    return this.#le ? b * 2 ** 32 + a : a * 2 ** 32 + b;
  }

  #text(at: number, len: number): string {
    // Options are UTF-8, sometimes NUL-terminated by their writer.
    let stop = at + len;
    while (stop > at && this.#buf[stop - 1] === 0) stop--;
    return decoder.decode(this.#buf.subarray(at, stop));
  }
}

function isPcapMagic(magic: number): boolean {
  return magic === PCAP_MAGIC.MICRO || magic === PCAP_MAGIC.NANO || magic === PCAP_MAGIC.KUZNETZOV;
}

function hex32(n: number): string {
  return n.toString(16).padStart(8, "0");
}

function publicInterface(iface: Iface): PcapInterface {
  const out: PcapInterface = {
    linkType: iface.linkType,
    snapLen: iface.snapLen,
    tsResolution: iface.tsResolution,
    tsOffset: iface.tsOffset,
  };
  if (iface.name !== undefined) out.name = iface.name;
  if (iface.description !== undefined) out.description = iface.description;
  if (iface.stats !== undefined) out.stats = { ...iface.stats };
  return out;
}

/**
 * Sets `sec`/`nsec` from a pcapng 64-bit timestamp (`hi`:`lo` units of the interface).
 * 10^n units with n <= 9 use exact float arithmetic on 16-bit pieces (every intermediate
 * stays below 2^53); other resolutions go through BigInt.
 */
function setTimestamp(record: PcapRecord, iface: Iface, hi: number, lo: number): void {
  const units = iface.tsDecimal;
  if (units !== 0) {
    const a = hi * 65536 + (lo >>> 16);
    const qa = Math.floor(a / units);
    const b = (a - qa * units) * 65536 + (lo & 0xffff);
    const qb = Math.floor(b / units);
    record.sec = qa * 65536 + qb + iface.tsOffset;
    record.nsec = (b - qb * units) * (1e9 / units);
    return;
  }
  const value = (BigInt(hi) << 32n) | BigInt(lo);
  const sec = value / iface.tsBig;
  record.sec = Number(sec) + iface.tsOffset;
  record.nsec = Number(((value - sec * iface.tsBig) * 1_000_000_000n) / iface.tsBig);
}

/** The record `forEach(…, { reuse: true })` refills: `data` is made when first read. */
class RecordSlot implements PcapRecord {
  wireLen = 0;
  sec = 0;
  nsec = 0;
  ifIndex = 0;
  linkType = 0;
  /** Where the record's bytes start in the reader's buffer, and how many there are. */
  start = 0;
  len = 0;
  /** Set when a scan's `each` returned false. */
  stopped = false;
  #buffer: ArrayBufferLike = new ArrayBuffer(0);
  #data: Uint8Array | undefined;

  get data(): Uint8Array {
    return this.#data ??= new Uint8Array(this.#buffer, this.start, this.len);
  }
  set data(value: Uint8Array) {
    this.#data = value;
  }

  point(buffer: ArrayBufferLike, start: number, len: number): void {
    this.#buffer = buffer;
    this.start = start;
    this.len = len;
    this.#data = undefined;
  }
}
