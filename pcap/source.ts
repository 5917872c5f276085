/**
 * Where a reader's bytes come from: the {@linkcode PcapSource} contract, a byte stream adapted
 * to it, and a file path opened as one (`"-"` for standard input, as tcpdump's `-r -`). The
 * reader imports this module; nothing here imports the reader.
 *
 * @module
 */

/**
 * Where a reader pulls bytes from: a `Deno.FsFile`, `Deno.stdin` or anything with the same
 * `read()`. `read(p)` fills up to `p.length` bytes and returns their number, or `null` at the end.
 *
 * @example Read from an in-memory source
 * ```ts
 * import { type PcapSource, PcapReader } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * const header = Uint8Array.fromHex("d4c3b2a1020004000000000000000000ffff000001000000");
 * let done = false;
 * const source: PcapSource = {
 *   read(p) {
 *     if (done) return Promise.resolve(null);
 *     done = true;
 *     p.set(header);
 *     return Promise.resolve(header.length);
 *   },
 * };
 * const reader = await PcapReader.from(source);
 * assert.equal(reader.snapLen, 65535);
 * ```
 */
export interface PcapSource {
  /** Reads up to `p.length` bytes into `p`; resolves to their count, or `null` at the end. */
  read(p: Uint8Array): Promise<number | null>;
  /** Releases the source; called by {@linkcode PcapReader.close}. */
  close?(): void;
}

/**
 * Opens a file for reading, or standard input for `"-"`.
 *
 * @param path File path, or `"-"`.
 * @returns A source whose `close()` closes the file (stdin stays open).
 * @throws {Deno.errors.NotFound} And the other errors of `Deno.open`.
 * @example Open a file as a source
 * ```ts
 * import { openPcapSource, PcapReader, PcapWriter } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * const path = await Deno.makeTempFile();
 * await (await PcapWriter.open(path, { snapLen: 128 })).close();
 * const reader = await PcapReader.from(await openPcapSource(path));
 * assert.equal(reader.snapLen, 128);
 * await reader.close();
 * await Deno.remove(path);
 * ```
 */
export async function openPcapSource(path: string): Promise<PcapSource> {
  if (path === "-") return { read: (p) => Deno.stdin.read(p) };
  const file = await Deno.open(path, { read: true });
  return { read: (p) => file.read(p), close: () => file.close() };
}

/**
 * Adapts a byte stream to {@linkcode PcapSource}: copies its chunks into the read buffer.
 *
 * @param stream The bytes of a capture file.
 * @returns A source whose `close()` cancels the stream.
 * @example Read a stream through a source
 * ```ts
 * import { PcapReader, streamSource } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * const header = Uint8Array.fromHex("d4c3b2a1020004000000000000000000ffff000001000000");
 * const reader = await PcapReader.from(streamSource(new Blob([header]).stream()));
 * assert.equal(reader.linkType, 1);
 * ```
 */
export function streamSource(stream: ReadableStream<Uint8Array>): PcapSource {
  const reader = stream.getReader();
  let pending: Uint8Array | undefined;
  return {
    async read(p: Uint8Array): Promise<number | null> {
      while (pending === undefined || pending.length === 0) {
        const { value, done } = await reader.read();
        if (done) return null;
        if (!(value instanceof Uint8Array)) {
          throw new TypeError("Cannot read capture: the stream yielded something else than bytes");
        }
        pending = value;
      }
      const n = Math.min(p.length, pending.length);
      p.set(n === pending.length ? pending : pending.subarray(0, n));
      pending = pending.subarray(n);
      return n;
    },
    close(): void {
      reader.cancel().catch(() => {});
    },
  };
}
