/**
 * Records per second through PcapReader and PcapWriter, in memory (no disk, no syscalls):
 * each bench handles RECORDS records, so records/s = RECORDS / (time per iteration).
 *
 * ```sh
 * deno bench pcap/pcap_bench.ts
 * ```
 */
import {
  type PcapFormat,
  PcapReader,
  type PcapSource,
  PcapWriter,
  type PcapWriteRecord,
} from "./mod.ts";
import { concat } from "./_testing.ts";

const RECORDS = 100_000;

function records(size: number): PcapWriteRecord[] {
  const data = new Uint8Array(size).fill(0x45);
  return Array.from(
    { length: RECORDS },
    (_, i) => ({ data, wireLen: size, sec: 1_700_000_000 + (i >> 10), nsec: i * 997 }),
  );
}

async function file(format: PcapFormat, size: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const writer = new PcapWriter(new WritableStream({ write: (c) => void chunks.push(c) }), {
    format,
    nanoseconds: true,
  });
  for (const r of records(size)) writer.write(r);
  await writer.close();
  return concat(...chunks);
}

/** Hands out `bytes` like a file's read(): copies into the caller's buffer. */
function source(bytes: Uint8Array): PcapSource {
  let at = 0;
  return {
    read(p) {
      if (at >= bytes.length) return Promise.resolve(null);
      const n = Math.min(p.length, bytes.length - at);
      p.set(bytes.subarray(at, at + n));
      at += n;
      return Promise.resolve(n);
    },
  };
}

const nullSink = () => new WritableStream<Uint8Array>({ write() {} });

for (
  const [format, size] of [["pcap", 64], ["pcap", 1500], ["pcapng", 64]] as [PcapFormat, number][]
) {
  const bytes = await file(format, size);
  const group = `read ${format} ${RECORDS} × ${size} B`;
  Deno.bench({ name: `${group}: forEach`, group, baseline: true }, async () => {
    const reader = await PcapReader.from(source(bytes));
    if (await reader.forEach(() => {}) !== RECORDS) throw new Error("lost records");
  });
  Deno.bench({ name: `${group}: for await`, group }, async () => {
    let n = 0;
    for await (const _ of await PcapReader.from(source(bytes))) n++;
    if (n !== RECORDS) throw new Error("lost records");
  });
}

for (
  const [format, size] of [["pcap", 64], ["pcap", 1500], ["pcapng", 64]] as [PcapFormat, number][]
) {
  const input = records(size);
  Deno.bench({ name: `write ${format} ${RECORDS} × ${size} B`, group: "write" }, async () => {
    const writer = new PcapWriter(nullSink(), { format, nanoseconds: true });
    for (const r of input) {
      const handed = writer.write(r);
      if (handed) await handed;
    }
    await writer.close();
  });
}
