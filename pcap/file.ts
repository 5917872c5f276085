/**
 * Where a writer's bytes go: a path opened for writing, or `"-"` for standard output, as
 * tcpdump's `-w -`; as a stream (writes resolve once the bytes are in the file) or as a
 * synchronous sink (`writeSync`, for a Worker or a command that has nothing else to do).
 *
 * @module
 */

/**
 * Creates (or truncates) a file for writing, or returns standard output for `"-"`.
 * Suits {@linkcode RotatingPcapWriterOptions.open}, which takes the same signature.
 *
 * @param path File path, or `"-"` for stdout.
 * @returns A stream whose writes resolve once the bytes are in the file; closing it closes
 * the file (stdout stays open).
 * @example Write a capture file through a stream
 * ```ts
 * import { openPcapSink, PcapWriter } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * const path = await Deno.makeTempFile();
 * const writer = new PcapWriter(await openPcapSink(path), { snapLen: 96 });
 * await writer.close();
 * assert.equal((await Deno.stat(path)).size, 24);
 * await Deno.remove(path);
 * ```
 */
export async function openPcapSink(path: string): Promise<WritableStream<Uint8Array>> {
  if (path === "-") return writerSink(Deno.stdout, () => {});
  const file = await Deno.open(path, { write: true, create: true, truncate: true });
  return writerSink(file, () => file.close());
}

/**
 * A stream whose every write reaches the file before it resolves: `FsFile.writable` may hold
 * bytes until it is closed, which would defeat `-U` and `-w - | tcpdump -r -`.
 */
function writerSink(
  target: { write(p: Uint8Array): Promise<number> },
  close: () => void,
): WritableStream<Uint8Array> {
  return new WritableStream<Uint8Array>({
    async write(chunk) {
      for (let done = 0; done < chunk.length;) done += await target.write(chunk.subarray(done));
    },
    close,
    abort: close,
  });
}

/**
 * A synchronous byte sink: `Deno.FsFile`, `Deno.stdout` or anything with the same
 * `writeSync()`. A {@linkcode PcapWriter} over one writes each full buffer at once and never
 * returns a promise from `write()`: the fastest path where blocking on the file is fine (a
 * Worker, a command reading a file).
 *
 * @example A sink that keeps the bytes in memory
 * ```ts
 * import { type PcapSyncSink, PcapWriter } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * let size = 0;
 * const sink: PcapSyncSink = { writeSync: (p) => (size += p.length, p.length), close() {} };
 * const writer = new PcapWriter(sink);
 * assert.equal(writer.write({ data: new Uint8Array(60), wireLen: 60, sec: 1, nsec: 0 }), undefined);
 * await writer.close();
 * assert.equal(size, 24 + 16 + 60);
 * ```
 */
export interface PcapSyncSink {
  /** Writes some of `p`, blocking; returns how many bytes were written. */
  writeSync(p: Uint8Array): number;
  /** Releases the sink (closes the file); called by the writer's `close()`. */
  close(): void;
}

/**
 * Creates (or truncates) a file for synchronous writing, or returns standard output for `"-"`.
 * Suits {@linkcode RotatingPcapWriterOptions.openSync}, which takes the same signature.
 *
 * @param path File path, or `"-"` for stdout.
 * @returns A sink whose `close()` closes the file (stdout stays open).
 * @throws {Deno.errors.PermissionDenied} And the other errors of `Deno.openSync`.
 * @example Write a capture file synchronously
 * ```ts
 * import { openPcapSinkSync, PcapWriter } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * const path = await Deno.makeTempFile();
 * const writer = new PcapWriter(openPcapSinkSync(path), { snapLen: 96 });
 * await writer.close();
 * assert.equal((await Deno.stat(path)).size, 24);
 * await Deno.remove(path);
 * ```
 */
export function openPcapSinkSync(path: string): PcapSyncSink {
  if (path === "-") return { writeSync: (p) => Deno.stdout.writeSync(p), close: () => {} };
  const file = Deno.openSync(path, { write: true, create: true, truncate: true });
  return { writeSync: (p) => file.writeSync(p), close: () => file.close() };
}
