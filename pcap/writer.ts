/**
 * Writes classic pcap (µs or ns) or pcapng to a stream or file, buffered in large chunks.
 *
 * @module
 */

import {
  pad4,
  PCAP_MAGIC,
  PCAPNG_BLOCK,
  PCAPNG_BYTE_ORDER_MAGIC,
  PCAPNG_OPTION,
} from "./_format.ts";
import { openPcapSink, openPcapSinkSync, type PcapSyncSink } from "./file.ts";
import type { PcapFormat } from "./reader_types.ts";

/**
 * What {@linkcode PcapWriter.write} takes: a live frame or a {@linkcode PcapRecord} fits.
 *
 * @example A record built by hand, cut to 64 bytes of a 1514-byte packet
 * ```ts
 * import { PcapWriter, type PcapWriteRecord } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * const record: PcapWriteRecord = { data: new Uint8Array(64), wireLen: 1514, sec: 1700000000, nsec: 0 };
 * const chunks: Uint8Array<ArrayBuffer>[] = [];
 * const writer = new PcapWriter(new WritableStream({ write: (c) => void chunks.push(c.slice()) }));
 * await writer.write(record);
 * await writer.close();
 * const file = new Uint8Array(await new Blob(chunks).arrayBuffer());
 * // Record header: ts_sec, ts_usec, incl_len, orig_len.
 * assert.deepEqual([...new Uint32Array(file.buffer, 24, 4)], [1700000000, 0, 64, 1514]);
 * ```
 */
export interface PcapWriteRecord extends Readonly<PacketRecord> {
  /** Captured bytes; more than `snapLen` are cut to it. */
  readonly data: Uint8Array;
  /** Length of the packet on the wire in bytes (unsigned 32-bit). */
  readonly wireLen: number;
  /**
   * Timestamp: seconds since 1970-01-01 UTC, an integer. Classic pcap keeps its low 32 bits,
   * as libpcap's `pcap_dump()` does.
   */
  readonly sec: number;
  /**
   * Timestamp: nanoseconds within the second; cut to microseconds unless `nanoseconds`. An
   * integer: values outside 0 to 999 999 999, as damaged files hold, are written as libpcap
   * writes them (classic pcap: the low 32 bits of the microsecond or nanosecond field).
   */
  readonly nsec: number;
  /** pcapng: interface the packet came from; each distinct value gets an IDB. @default 0 */
  readonly ifIndex?: number;
  /** Link type of this packet; pcapng gives a new interface its own, pcap must match. */
  readonly linkType?: number;
}

/**
 * Options of {@linkcode PcapWriter}.
 *
 * @example Options for `tcpdump -w x.pcapng --time-stamp-precision=nano -U`
 * ```ts
 * import { type PcapWriterOptions } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * import { PcapReader, PcapWriter } from "@tpacket/tpacket/pcap";
 * const options: PcapWriterOptions = { format: "pcapng", nanoseconds: true, packetBuffered: true };
 * const chunks: Uint8Array<ArrayBuffer>[] = [];
 * const writer = new PcapWriter(new WritableStream({ write: (c) => void chunks.push(c.slice()) }), options);
 * await writer.write({ data: new Uint8Array(60), wireLen: 60, sec: 1, nsec: 123_456_789 });
 * assert.equal(chunks.length > 0, true); // handed over at once (-U), before close()
 * await writer.close();
 * const reader = await PcapReader.from(new Blob(chunks).stream());
 * assert.equal(reader.format, "pcapng");
 * assert.equal((await reader.read())?.nsec, 123_456_789); // if_tsresol 9 keeps every digit
 * ```
 */
export interface PcapWriterOptions {
  /** File format. @default "pcap" */
  format?: PcapFormat;
  /** `LINKTYPE_*` number of the file (pcap) or first interface (pcapng). @default 1 (Ethernet) */
  linkType?: number;
  /**
   * Snapshot length stored in the header, 1 to 2³² − 1 (a file read with a bigger one than
   * 262144 keeps it, as tcpdump keeps it); longer packets are cut to it. @default DEFAULT_SNAPLEN
   */
  snapLen?: number;
  /** Nanosecond timestamps (pcap magic `a1b23c4d`, pcapng `if_tsresol` 9). @default false */
  nanoseconds?: boolean;
  /** Hand each packet to the stream at once, like `tcpdump -U`. @default false */
  packetBuffered?: boolean;
  /** Bytes gathered before they are handed to the stream. @default DEFAULT_WRITE_BUFFER_SIZE */
  bufferSize?: number;
  /** pcapng: `if_name` of the first interface (e.g. `eth0`). @default none */
  interfaceName?: string;
}

import { DEFAULT_SNAPLEN } from "../link_type.ts";
import type { PacketRecord } from "../record.ts";
export { DEFAULT_SNAPLEN };

/**
 * Default write buffer size: 1 MiB per write to the stream.
 *
 * @example
 * ```ts
 * import { DEFAULT_WRITE_BUFFER_SIZE } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * assert.equal(DEFAULT_WRITE_BUFFER_SIZE, 1048576);
 * ```
 */
export const DEFAULT_WRITE_BUFFER_SIZE = 1 << 20;

const SHB_USERAPPL = new TextEncoder().encode("tpacket");
const encoder = new TextEncoder();

/**
 * Writes packets as a classic pcap or a pcapng file to a `WritableStream<Uint8Array>` or to
 * a synchronous {@linkcode PcapSyncSink}. Records are encoded into a large buffer handed to
 * the output when full (or after every packet with `packetBuffered`, tcpdump's `-U`). A
 * stream gets buffers that are never written again, so it may keep the chunks, and `write()`
 * returns a promise when it handed one over; a sync sink gets the same buffer each time,
 * written before `write()` returns, which then never returns a promise. Classic pcap is
 * written in this machine's byte order like libpcap (little-endian here); pcapng likewise.
 *
 * @example Write a pcap file to memory and check its header
 * ```ts
 * import { PcapWriter } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * const chunks: Uint8Array<ArrayBuffer>[] = [];
 * const sink = new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c.slice()) });
 * const writer = new PcapWriter(sink, { snapLen: 96, linkType: 113 });
 * await writer.write({ data: new Uint8Array(100), wireLen: 100, sec: 1, nsec: 999_999_999 });
 * await writer.close();
 * const file = new Uint8Array(await new Blob(chunks).arrayBuffer());
 * assert.equal(file.length, 24 + 16 + 96);
 * assert.equal(file.subarray(0, 4).toHex(), "d4c3b2a1");
 * assert.deepEqual([...new Uint32Array(file.buffer, 24, 4)], [1, 999_999, 96, 100]);
 * ```
 */
export class PcapWriter implements AsyncDisposable {
  readonly #writer: WritableStreamDefaultWriter<Uint8Array> | undefined;
  readonly #sink: PcapSyncSink | undefined;
  readonly #ng: boolean;
  readonly #linkType: number;
  readonly #snapLen: number;
  readonly #nano: boolean;
  readonly #packetBuffered: boolean;
  readonly #bufferSize: number;
  #buf: Uint8Array;
  #dv: DataView;
  #len = 0;
  #bytesWritten = 0;
  #last: Promise<void> = Promise.resolve();
  #error: unknown;
  #failed = false;
  #closing: Promise<void> | undefined;
  /** pcapng: record ifIndex -> Interface ID, and each interface's link type. */
  readonly #interfaces = new Map<number, number>();
  readonly #ifLinkTypes: number[] = [];
  #firstClaimed = false;
  /**
   * Set for the file streams `open()` makes, which are done with a chunk once its write
   * resolved: a handed-over buffer then comes back as the next fresh one, instead of a new
   * zero-filled one per buffer (page faults, GC pressure). Never for a caller's stream, which
   * may keep the chunks it gets.
   */
  #reuse = false;
  /** A handed-over buffer whose write resolved, ready to be filled again (`#reuse` only). */
  #spare: Uint8Array | undefined;

  /**
   * Starts a capture file on `stream`: the file header (pcapng: SHB and first IDB) is
   * buffered at once, and handed over at once with `packetBuffered`.
   *
   * @param stream Where the file's bytes go: a stream (the writer locks it) or a sync sink;
   * `close()` closes it.
   * @param options Format, link type, snaplen, timestamp precision, buffering.
   * @example Stream a pcapng file into a reader
   * ```ts
   * import { PcapReader, PcapWriter } from "@tpacket/tpacket/pcap";
   * import assert from "node:assert/strict";
   * const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
   * const writer = new PcapWriter(writable, { format: "pcapng", packetBuffered: true });
   * const reader = PcapReader.from(readable);
   * const written = writer.write({ data: new Uint8Array([7]), wireLen: 1, sec: 2, nsec: 3000 });
   * const first = await (await reader).read();
   * assert.deepEqual([first?.data[0], first?.sec, first?.nsec], [7, 2, 3000]);
   * await written;
   * await writer.close();
   * ```
   */
  constructor(stream: WritableStream<Uint8Array> | PcapSyncSink, options: PcapWriterOptions = {}) {
    // A sink is told by its writeSync() first: the first look at the WritableStream global
    // loads Deno's streams (2 to 8 ms of start-up), which a synchronous file never needs.
    const isSink = typeof (stream as Partial<PcapSyncSink> | undefined)?.writeSync === "function";
    const isStream = !isSink && stream instanceof WritableStream;
    if (!isStream && !isSink) {
      throw new TypeError(
        "Cannot write capture: the output is neither a WritableStream nor a sink",
      );
    }
    const format = options.format ?? "pcap";
    const linkType = options.linkType ?? 1;
    const snapLen = options.snapLen ?? DEFAULT_SNAPLEN;
    const bufferSize = options.bufferSize ?? DEFAULT_WRITE_BUFFER_SIZE;
    if (format !== "pcap" && format !== "pcapng") {
      throw new RangeError(`Cannot write capture: unknown format "${format}"`);
    }
    if (!Number.isInteger(linkType) || linkType < 0 || linkType > 0xffff) {
      throw new RangeError(`Cannot write capture: link type ${linkType} is not a 16-bit number`);
    }
    if (!Number.isInteger(snapLen) || snapLen < 1 || snapLen > 0xffffffff) {
      throw new RangeError(`Cannot write capture: snapLen ${snapLen} is outside 1 to 4294967295`);
    }
    if (!Number.isInteger(bufferSize) || bufferSize < 4096) {
      throw new RangeError(`Cannot write capture: bufferSize ${bufferSize} is below 4096`);
    }
    this.#ng = format === "pcapng";
    this.#linkType = linkType;
    this.#snapLen = snapLen;
    this.#nano = options.nanoseconds ?? false;
    this.#packetBuffered = options.packetBuffered ?? false;
    this.#bufferSize = bufferSize;
    this.#buf = new Uint8Array(bufferSize);
    this.#dv = new DataView(this.#buf.buffer);
    this.#writer = isStream ? stream.getWriter() : undefined;
    this.#sink = isStream ? undefined : stream as PcapSyncSink;
    if (this.#ng) {
      this.#sectionHeader();
      this.#interfaceDescription(linkType, options.interfaceName);
    } else {
      this.#pcapHeader();
    }
    // A sync sink gets the header at once (a reader of the growing file sees a valid one).
    if (this.#sink) this.#handOver();
    else if (this.#packetBuffered) void this.#handOver()!.catch(() => {});
  }

  /**
   * Creates (truncates) a capture file for synchronous writing, or writes to stdout for
   * `"-"`: `write()` never returns a promise; a full buffer is written before it returns.
   *
   * @param path File path, or `"-"`.
   * @param options As for the constructor.
   * @returns The writer; `close()` flushes and closes the file.
   * @example Write a file without awaiting each packet
   * ```ts
   * import { PcapReader, PcapWriter } from "@tpacket/tpacket/pcap";
   * import assert from "node:assert/strict";
   * const path = await Deno.makeTempFile();
   * const writer = PcapWriter.openSync(path, { bufferSize: 4096 });
   * for (let i = 0; i < 100; i++) {
   *   assert.equal(writer.write({ data: new Uint8Array(100), wireLen: 100, sec: i, nsec: 0 }), undefined);
   * }
   * await writer.close();
   * await using reader = await PcapReader.open(path);
   * assert.equal(await reader.forEach(() => {}), 100);
   * await Deno.remove(path);
   * ```
   */
  static openSync(path: string, options: PcapWriterOptions = {}): PcapWriter {
    return new PcapWriter(openPcapSinkSync(path), options);
  }

  /**
   * Creates (truncates) a capture file, or writes to stdout for `"-"` (`tcpdump -w -`).
   *
   * @param path File path, or `"-"`.
   * @param options As for the constructor.
   * @returns The writer; `close()` flushes and closes the file.
   * @example Write to a temporary file
   * ```ts
   * import { PcapWriter } from "@tpacket/tpacket/pcap";
   * import assert from "node:assert/strict";
   * const path = await Deno.makeTempFile();
   * await using writer = await PcapWriter.open(path, { format: "pcapng" });
   * writer.write({ data: new Uint8Array(60), wireLen: 60, sec: 0, nsec: 0 });
   * await writer.flush();
   * assert.equal((await Deno.stat(path)).size, writer.bytesWritten);
   * ```
   */
  static async open(path: string, options: PcapWriterOptions = {}): Promise<PcapWriter> {
    const writer = new PcapWriter(await openPcapSink(path), options);
    writer.#reuse = true;
    return writer;
  }

  /** Bytes of the file so far (headers included), buffered or not: what `ftell` would say. */
  get bytesWritten(): number {
    return this.#bytesWritten;
  }

  /**
   * Appends one packet. Returns `undefined` while it only went into the buffer, or a
   * promise when bytes were handed to the stream (buffer full, or `packetBuffered`):
   * awaiting it applies the stream's back-pressure and surfaces its errors.
   *
   * @param record Data, lengths and timestamp; `ifIndex` and `linkType` are optional.
   * @returns `undefined`, or a promise settled once the stream took the bytes.
   * @throws {RangeError} When a field is out of range, or a classic pcap record's link type
   * differs from the file's.
   * @example Write a packet cut to the snaplen
   * ```ts
   * import { PcapReader, PcapWriter } from "@tpacket/tpacket/pcap";
   * import assert from "node:assert/strict";
   * const chunks: Uint8Array<ArrayBuffer>[] = [];
   * const writer = new PcapWriter(new WritableStream({ write: (c) => void chunks.push(c.slice()) }), { snapLen: 4 });
   * await writer.write({ data: new Uint8Array([1, 2, 3, 4, 5, 6]), wireLen: 6, sec: 0, nsec: 0 });
   * await writer.close();
   * const record = await (await PcapReader.from(new Blob(chunks).stream())).read();
   * assert.deepEqual([...record!.data], [1, 2, 3, 4]);
   * assert.equal(record!.wireLen, 6);
   * ```
   */
  write(record: PcapWriteRecord): Promise<void> | undefined {
    if (this.#closing) throw new TypeError("Cannot write record: the writer is closed");
    if (this.#failed) throw this.#error;
    const { data, wireLen, sec, nsec } = record;
    if (!(data instanceof Uint8Array)) {
      throw new TypeError("Cannot write record: data is not a Uint8Array");
    }
    if (!Number.isSafeInteger(sec)) {
      throw new RangeError(`Cannot write record: sec ${sec} is not an integer`);
    }
    if (!Number.isSafeInteger(nsec)) {
      throw new RangeError(`Cannot write record: nsec ${nsec} is not an integer`);
    }
    if ((wireLen >>> 0) !== wireLen) {
      throw new RangeError(
        `Cannot write record: wireLen ${wireLen} is not a 32-bit unsigned integer`,
      );
    }
    const capLen = data.length > this.#snapLen ? this.#snapLen : data.length;
    let ifId = 0;
    if (this.#ng) ifId = this.#interfaceId(record.ifIndex ?? 0, record.linkType ?? this.#linkType);
    else if (record.linkType !== undefined && record.linkType !== this.#linkType) {
      throw new RangeError(
        `Cannot write record: link type ${record.linkType} differs from the file's ${this.#linkType} (use pcapng for several)`,
      );
    }
    const size = this.#ng ? 32 + pad4(capLen) : 16 + capLen;
    let handed: Promise<void> | undefined;
    if (this.#len + size > this.#buf.length) handed = this.#handOver(size);
    const dv = this.#dv, at = this.#len;
    if (this.#ng) {
      dv.setUint32(at, PCAPNG_BLOCK.EPB, true);
      dv.setUint32(at + 4, size, true);
      dv.setUint32(at + 8, ifId, true);
      let hi: number, lo: number;
      if ((sec >>> 0) !== sec || (nsec >>> 0) !== nsec) {
        // Outside what the float arithmetic below keeps exact: 64 bits of units, wrapped.
        const units = BigInt.asUintN(
          64,
          BigInt(sec) * (this.#nano ? 1_000_000_000n : 1_000_000n) +
            BigInt(this.#nano ? nsec : Math.trunc(nsec / 1000)),
        );
        hi = Number(units >> 32n);
        lo = Number(units & 0xffffffffn);
      } else if (this.#nano) {
        // sec * 1e9 + nsec exceeds 2^53: 1e9 = 1953125 * 2^9, and sec * 1953125 < 2^53.
        const a = sec * 1953125, aHi = Math.floor(a / 8388608);
        lo = (a - aHi * 8388608) * 512 + nsec;
        const carry = Math.floor(lo / 4294967296);
        hi = aHi + carry;
        lo -= carry * 4294967296;
      } else {
        const units = sec * 1e6 + Math.floor(nsec / 1000); // < 2^53
        hi = Math.floor(units / 4294967296);
        lo = units - hi * 4294967296;
      }
      dv.setUint32(at + 12, hi, true);
      dv.setUint32(at + 16, lo, true);
      dv.setUint32(at + 20, capLen, true);
      dv.setUint32(at + 24, wireLen, true);
      this.#buf.set(capLen === data.length ? data : data.subarray(0, capLen), at + 28);
      const padded = at + 28 + pad4(capLen);
      this.#buf.fill(0, at + 28 + capLen, padded);
      dv.setUint32(padded, size, true);
    } else {
      // setUint32 keeps the low 32 bits, as libpcap's 32-bit header fields do.
      dv.setUint32(at, sec, true);
      // A negative nsec (a damaged file's, read as libpcap reads it) truncates toward 0, as C.
      dv.setUint32(at + 4, this.#nano ? nsec : Math.trunc(nsec / 1000), true);
      dv.setUint32(at + 8, capLen, true);
      dv.setUint32(at + 12, wireLen, true);
      this.#buf.set(capLen === data.length ? data : data.subarray(0, capLen), at + 16);
    }
    this.#len = at + size;
    this.#bytesWritten += size;
    if (this.#packetBuffered) return this.#handOver();
    return handed;
  }

  /**
   * Appends records already encoded as this writer encodes them: classic pcap records with
   * 16-byte little-endian headers, this writer's timestamp precision, none longer than its
   * snaplen — the runs {@linkcode PcapReader.scanRecords} hands over for a file whose
   * `recordLayout` is `{ littleEndian: true, nanoseconds }` of this writer. The bytes are copied
   * (a large run to a sync sink is written straight from `records`); nothing in them is checked.
   *
   * @param records Whole records, headers included; valid only during the call.
   * @returns As {@linkcode PcapWriter.write}: `undefined`, or a promise when bytes went to
   * the stream.
   * @throws {TypeError} When the writer writes pcapng, or is closed.
   * @example Copy a file's records as they are stored
   * ```ts
   * import { PcapReader, PcapWriter } from "@tpacket/tpacket/pcap";
   * import assert from "node:assert/strict";
   * const chunks: Uint8Array<ArrayBuffer>[] = [];
   * const writer = new PcapWriter(new WritableStream({ write: (c) => void chunks.push(c.slice()) }));
   * for (let i = 0; i < 3; i++) writer.write({ data: new Uint8Array(60), wireLen: 60, sec: i, nsec: 0 });
   * await writer.close();
   * const file = new Uint8Array(await new Blob(chunks).arrayBuffer());
   * const reader = await PcapReader.from(new Blob([file]).stream());
   * const out: Uint8Array<ArrayBuffer>[] = [];
   * const copy = new PcapWriter(new WritableStream({ write: (c) => void out.push(c.slice()) }));
   * await reader.scanRecords({ raw: (run) => void copy.writeRaw(run) });
   * await copy.close();
   * assert.deepEqual(new Uint8Array(await new Blob(out).arrayBuffer()), file);
   * ```
   */
  writeRaw(records: Uint8Array): Promise<void> | undefined {
    if (this.#closing) throw new TypeError("Cannot write records: the writer is closed");
    if (this.#failed) throw this.#error;
    if (this.#ng) throw new TypeError("Cannot write stored pcap records: the writer writes pcapng");
    const size = records.length;
    this.#bytesWritten += size;
    const sink = this.#sink;
    if (sink !== undefined && size >= this.#buf.length >> 1) {
      // A big run goes out as it is: no copy at all (what is buffered goes first).
      this.#drain(sink);
      this.#writeAll(sink, records, size);
      return undefined;
    }
    let handed: Promise<void> | undefined;
    if (this.#len + size > this.#buf.length) handed = this.#handOver(size);
    this.#buf.set(records, this.#len);
    this.#len += size;
    if (this.#packetBuffered) return this.#handOver();
    return handed;
  }

  /**
   * Hands everything buffered to the stream and waits until the stream took it all.
   *
   * @returns A promise settled when the stream accepted every byte written so far.
   * @example Flush so another process can read what was written
   * ```ts
   * import { PcapWriter } from "@tpacket/tpacket/pcap";
   * import assert from "node:assert/strict";
   * let got = 0;
   * const writer = new PcapWriter(new WritableStream({ write: (c) => void (got += c.length) }));
   * writer.write({ data: new Uint8Array(10), wireLen: 10, sec: 0, nsec: 0 });
   * assert.equal(got, 0);
   * await writer.flush();
   * assert.equal(got, 24 + 16 + 10);
   * await writer.close();
   * ```
   */
  flush(): Promise<void> {
    if (this.#failed) return Promise.reject(this.#error);
    try {
      return this.#handOver() ?? Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Flushes, then closes the stream (the file). Idempotent: later calls return the same promise.
   *
   * @returns A promise settled once everything is written and the stream closed.
   * @example Close twice
   * ```ts
   * import { PcapWriter } from "@tpacket/tpacket/pcap";
   * import assert from "node:assert/strict";
   * let closed = 0;
   * const writer = new PcapWriter(new WritableStream({ close: () => void closed++ }));
   * await writer.close();
   * await writer.close();
   * assert.equal(closed, 1);
   * ```
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const sink = this.#sink;
      if (sink) {
        try {
          if (!this.#failed) this.#handOver();
        } finally {
          sink.close();
        }
        if (this.#failed) throw this.#error;
        return;
      }
      const writer = this.#writer!;
      if (!this.#failed) await this.#handOver();
      if (this.#failed) {
        writer.releaseLock();
        throw this.#error;
      }
      await writer.close();
    })();
    return this.#closing;
  }

  /**
   * Flushes and closes a writer over a sync sink at once ({@linkcode PcapWriter.openSync}).
   * Idempotent, and `close()` afterwards resolves at once.
   *
   * @throws {TypeError} When the writer writes to a stream: use `close()`.
   * @example Close a sync writer without awaiting
   * ```ts
   * import { PcapWriter } from "@tpacket/tpacket/pcap";
   * import assert from "node:assert/strict";
   * const path = await Deno.makeTempFile();
   * const writer = PcapWriter.openSync(path);
   * writer.write({ data: new Uint8Array(4), wireLen: 4, sec: 0, nsec: 0 });
   * writer.closeSync();
   * assert.equal(Deno.statSync(path).size, 24 + 16 + 4);
   * await Deno.remove(path);
   * ```
   */
  closeSync(): void {
    const sink = this.#sink;
    if (!sink) throw new TypeError("Cannot close capture synchronously: it writes to a stream");
    if (this.#closing) return;
    this.#closing = Promise.resolve();
    try {
      if (!this.#failed) this.#handOver();
    } finally {
      sink.close();
    }
    if (this.#failed) throw this.#error;
  }

  /** Same as {@linkcode PcapWriter.close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /**
   * Gives the buffered bytes to the output. A sync sink writes them now and the buffer is
   * reused (grown for `room` bytes when a record is bigger): no promise. For a stream, small
   * fills are copied out so the buffer stays; big ones hand the buffer itself over (it is
   * never written again) and take a fresh one with room for `room` bytes.
   */
  #handOver(room = 0): Promise<void> | undefined {
    if (this.#sink) {
      this.#drain(this.#sink);
      if (room > this.#buf.length) {
        this.#buf = new Uint8Array(room);
        this.#dv = new DataView(this.#buf.buffer);
      }
      return undefined;
    }
    if (this.#len > 0) {
      let chunk: Uint8Array;
      if (this.#len < this.#buf.length >> 2 && room <= this.#buf.length) {
        chunk = this.#buf.slice(0, this.#len);
      } else {
        chunk = this.#buf.subarray(0, this.#len);
        const spare = this.#spare;
        this.#spare = undefined;
        this.#buf = spare !== undefined && spare.length >= room
          ? spare
          : new Uint8Array(Math.max(this.#bufferSize, room));
        this.#dv = new DataView(this.#buf.buffer);
      }
      this.#len = 0;
      let written = this.#writer!.write(chunk);
      if (this.#reuse && chunk.byteOffset === 0 && chunk.buffer.byteLength === this.#bufferSize) {
        const whole = new Uint8Array(chunk.buffer);
        written = written.then(() => {
          this.#spare = whole;
        });
      }
      written = written.catch((error) => {
        if (!this.#failed) [this.#failed, this.#error] = [true, error];
        throw error;
      });
      written.catch(() => {}); // reported by the next call if nobody awaits this one
      this.#last = written;
    } else if (room > this.#buf.length) {
      this.#buf = new Uint8Array(room);
      this.#dv = new DataView(this.#buf.buffer);
    }
    return this.#last;
  }

  /** Writes the buffer to a sync sink; a failure is kept and thrown again by later calls. */
  #drain(sink: PcapSyncSink): void {
    const len = this.#len;
    this.#len = 0;
    this.#writeAll(sink, this.#buf, len);
  }

  /** Writes `bytes[0, len)` to a sync sink; a failure is kept and thrown again by later calls. */
  #writeAll(sink: PcapSyncSink, bytes: Uint8Array, len: number): void {
    try {
      for (let off = 0; off < len;) {
        off += sink.writeSync(off === 0 && len === bytes.length ? bytes : bytes.subarray(off, len));
      }
    } catch (error) {
      [this.#failed, this.#error] = [true, error];
      throw error;
    }
  }

  #pcapHeader(): void {
    const dv = this.#dv;
    dv.setUint32(0, this.#nano ? PCAP_MAGIC.NANO : PCAP_MAGIC.MICRO, true);
    dv.setUint16(4, 2, true);
    dv.setUint16(6, 4, true);
    dv.setUint32(8, 0, true); // thiszone: always 0 (UTC)
    dv.setUint32(12, 0, true); // sigfigs: always 0
    dv.setUint32(16, this.#snapLen, true);
    dv.setUint32(20, this.#linkType, true);
    this.#len = 24;
    this.#bytesWritten = 24;
  }

  #sectionHeader(): void {
    const optLen = 4 + pad4(SHB_USERAPPL.length) + 4;
    const size = 28 + optLen;
    const dv = this.#dv;
    dv.setUint32(0, PCAPNG_BLOCK.SHB, true);
    dv.setUint32(4, size, true);
    dv.setUint32(8, PCAPNG_BYTE_ORDER_MAGIC, true);
    dv.setUint16(12, 1, true);
    dv.setUint16(14, 0, true);
    dv.setInt32(16, -1, true); // section length: unknown (-1)
    dv.setInt32(20, -1, true);
    let at = this.#option(24, PCAPNG_OPTION.SHB_USERAPPL, SHB_USERAPPL);
    dv.setUint32(at, 0, true); // opt_endofopt
    at += 4;
    dv.setUint32(at, size, true);
    this.#len = size;
    this.#bytesWritten = size;
  }

  /** Appends an IDB for `linkType` (Interface ID = the number of IDBs before it). */
  #interfaceDescription(linkType: number, name?: string): void {
    const nameBytes = name === undefined ? undefined : encoder.encode(name);
    const optLen = (nameBytes ? 4 + pad4(nameBytes.length) : 0) + 8 + 4;
    const size = 20 + optLen;
    if (this.#len + size > this.#buf.length) this.#handOver(size);
    const dv = this.#dv, start = this.#len;
    dv.setUint32(start, PCAPNG_BLOCK.IDB, true);
    dv.setUint32(start + 4, size, true);
    dv.setUint16(start + 8, linkType, true);
    dv.setUint16(start + 10, 0, true);
    dv.setUint32(start + 12, this.#snapLen, true);
    let at = start + 16;
    if (nameBytes) at = this.#option(at, PCAPNG_OPTION.IF_NAME, nameBytes);
    at = this.#option(at, PCAPNG_OPTION.IF_TSRESOL, new Uint8Array([this.#nano ? 9 : 6]));
    dv.setUint32(at, 0, true);
    dv.setUint32(at + 4, size, true);
    this.#len = start + size;
    this.#bytesWritten += size;
    this.#ifLinkTypes.push(linkType);
  }

  #option(at: number, code: number, value: Uint8Array): number {
    this.#dv.setUint16(at, code, true);
    this.#dv.setUint16(at + 2, value.length, true);
    this.#buf.set(value, at + 4);
    this.#buf.fill(0, at + 4 + value.length, at + 4 + pad4(value.length));
    return at + 4 + pad4(value.length);
  }

  /**
   * Maps a record's interface to an Interface ID: the first interface seen with the header's
   * link type takes the IDB written with the header; every other one gets a new IDB.
   */
  #interfaceId(ifIndex: number, linkType: number): number {
    const known = this.#interfaces.get(ifIndex);
    if (known !== undefined) return known;
    if (!Number.isInteger(linkType) || linkType < 0 || linkType > 0xffff) {
      throw new RangeError(`Cannot write record: link type ${linkType} is not a 16-bit number`);
    }
    let id: number;
    if (!this.#firstClaimed && linkType === this.#ifLinkTypes[0]) {
      id = 0;
      this.#firstClaimed = true;
    } else {
      id = this.#ifLinkTypes.length;
      this.#interfaceDescription(linkType);
    }
    this.#interfaces.set(ifIndex, id);
    return id;
  }
}
