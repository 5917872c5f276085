/**
 * The only place in `pcap/` that touches Deno's file APIs: opening a path, or `"-"` for
 * standard input and output, as tcpdump's `-r -` and `-w -`.
 *
 * @module
 */

import type { PcapSource } from "./reader.ts";

/**
 * Opens a file for reading, or standard input for `"-"`.
 *
 * @param path File path, or `"-"`.
 * @returns A source whose `close()` closes the file (stdin stays open).
 */
export async function openReadSource(path: string): Promise<PcapSource> {
  if (path === "-") return { read: (p) => Deno.stdin.read(p) };
  const file = await Deno.open(path, { read: true });
  return { read: (p) => file.read(p), close: () => file.close() };
}

/**
 * Creates (or truncates) a file for writing, or returns standard output for `"-"`.
 * Suits {@linkcode RotatingPcapWriterOptions.open}, which takes the same signature.
 *
 * @param path File path, or `"-"` for stdout.
 * @returns A stream whose writes resolve once the bytes are in the file; closing it closes
 * the file (stdout stays open).
 * @example Write a capture file through a stream
 * ```ts
 * import { openPcapSink, PcapWriter } from "tpacket/pcap";
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
