import assert from "node:assert/strict";
import { PcapBatchWriter } from "./batch_writer.ts";
import { PcapWriter } from "../pcap/writer.ts";
import type { Batch } from "../ring/ring.ts";
import { prng } from "../tests/_prng.ts";

/** A batch over plain memory, laid out as a V3 block: frames at scattered offsets. */
function fakeBatch(frames: Uint8Array[], secs: number[], nsecs: number[]): Batch {
  const offsets: number[] = [];
  let at = 48; // a block descriptor's worth of bytes first
  for (const f of frames) {
    at += 34; // a tpacket3_hdr and padding between frames
    offsets.push(at);
    at += f.length;
  }
  const bytes = new Uint8Array(at + 7);
  frames.forEach((f, i) => bytes.set(f, offsets[i]!));
  return {
    bytes,
    count: frames.length,
    offsets: Uint32Array.from(offsets),
    capLens: Uint32Array.from(frames.map((f) => f.length)),
    wireLens: Uint32Array.from(frames.map((f) => f.length + 4)),
    secs: Uint32Array.from(secs),
    nsecs: Uint32Array.from(nsecs),
    release() {},
  };
}

async function pcapWriterBytes(
  records: { data: Uint8Array; wireLen: number; sec: number; nsec: number }[],
  nanoseconds: boolean,
  snapLen: number,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const sink = new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c.slice()) });
  const w = new PcapWriter(sink, { linkType: 1, snapLen, nanoseconds });
  for (const r of records) await w.write(r);
  await w.close();
  return new Uint8Array(await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer());
}

for (const backend of ["libc", "auto"] as const) {
  for (const nanoseconds of [false, true]) {
    Deno.test(
      `PcapBatchWriter (${backend}, ${nanoseconds ? "ns" : "µs"}) writes the bytes PcapWriter ` +
        "writes, over several writev calls, batches and copied records mixed",
      async () => {
        const rand = prng(nanoseconds ? 7 : 3);
        const make = (n: number) =>
          Array.from({ length: n }, (_, i) => {
            const f = new Uint8Array(14 + Math.floor(rand() * 1500));
            for (let j = 0; j < f.length; j++) f[j] = (i * 7 + j) & 0xff;
            return f;
          });
        const first = make(1300); // more than the 512 records of one writev
        const loose = make(3);
        const last = make(5);
        const ts = (n: number, from: number) => ({
          secs: Array.from({ length: n }, (_, i) => 1_700_000_000 + from + i),
          nsecs: Array.from({ length: n }, (_, i) => (i * 999_983 + from) % 1_000_000_000),
        });
        const t1 = ts(first.length, 0), t3 = ts(last.length, 5000);
        const path = await Deno.makeTempFile({ suffix: ".pcap" });
        try {
          const w = PcapBatchWriter.open(path, {
            linkType: 1,
            snapLen: 1000,
            nanoseconds,
            backend,
          });
          w.write(fakeBatch(first, t1.secs, t1.nsecs));
          loose.forEach((f, i) =>
            w.writeRecord({ data: f, wireLen: f.length + 4, sec: 99, nsec: i * 1000 + 999 })
          );
          const b3 = fakeBatch(last, t3.secs, t3.nsecs);
          w.write(b3, 1, 3); // a slice of a batch: frames 1 to 3
          assert.equal(w.records, first.length + loose.length + 3);
          w.close();
          w.close(); // idempotent
          assert.throws(() => w.write(b3), Deno.errors.BadResource);
          // Batch bytes are not cut to the snaplen: the ring already did (capLen), as the kernel.
          const expected = await pcapWriterBytes(
            [
              ...first.map((data, i) => ({
                data,
                wireLen: data.length + 4,
                sec: t1.secs[i]!,
                nsec: t1.nsecs[i]!,
              })),
              ...loose.map((f, i) => ({
                data: f.subarray(0, 1000),
                wireLen: f.length + 4,
                sec: 99,
                nsec: i * 1000 + 999,
              })),
              ...last.slice(1, 4).map((data, i) => ({
                data,
                wireLen: data.length + 4,
                sec: t3.secs[i + 1]!,
                nsec: t3.nsecs[i + 1]!,
              })),
            ],
            nanoseconds,
            262144,
          );
          const got = Deno.readFileSync(path);
          // Same bytes but the header's snaplen field (1000 here, 262144 for the reference).
          assert.equal(new DataView(got.buffer).getUint32(16, true), 1000);
          new DataView(got.buffer).setUint32(16, 262144, true);
          assert.equal(got.length, expected.length);
          assert.ok(got.every((b, i) => b === expected[i]), "same bytes as PcapWriter");
        } finally {
          await Deno.remove(path);
        }
      },
    );
  }
}

for (const backend of ["libc", "auto"] as const) {
  Deno.test(
    `PcapBatchWriter (${backend}) writes 20000 mostly short records of one batch as PcapWriter ` +
      "does (copied and gathered pieces, more than the scratch buffer and IOV_MAX hold)",
    async () => {
      const rand = prng(11);
      // 14..320 bytes: both sides of the shim's copy limit (256), ~3.3 MB in all.
      const frames = Array.from({ length: 20_000 }, (_, i) => {
        const f = new Uint8Array(14 + Math.floor(rand() * 307));
        for (let j = 0; j < f.length; j++) f[j] = (i * 13 + j) & 0xff;
        return f;
      });
      const secs = frames.map((_, i) => 1_700_000_000 + (i >> 10));
      const nsecs = frames.map((_, i) => (i * 7_919_000) % 1_000_000_000);
      const path = await Deno.makeTempFile({ suffix: ".pcap" });
      try {
        const w = PcapBatchWriter.open(path, { linkType: 1, snapLen: 262144, backend });
        w.write(fakeBatch(frames, secs, nsecs), 2); // from frame 2: the columns' offset path
        w.close();
        const expected = await pcapWriterBytes(
          frames.slice(2).map((data, i) => ({
            data,
            wireLen: data.length + 4,
            sec: secs[i + 2]!,
            nsec: nsecs[i + 2]!,
          })),
          false,
          262144,
        );
        const got = Deno.readFileSync(path);
        assert.equal(got.length, expected.length);
        assert.ok(got.every((b, i) => b === expected[i]), "same bytes as PcapWriter");
      } finally {
        await Deno.remove(path);
      }
    },
  );
}

for (const backend of ["libc", "auto"] as const) {
  Deno.test(
    `PcapBatchWriter (${backend}) writes records of every length from 0 to 300 bytes, each at ` +
      "two alignments, as PcapWriter does (the shim's short copies, piece by piece)",
    async () => {
      const frames = Array.from({ length: 602 }, (_, i) => {
        const f = new Uint8Array(i >> 1);
        for (let j = 0; j < f.length; j++) f[j] = (i * 31 + j * 7 + 1) & 0xff;
        return f;
      });
      const secs = frames.map((_, i) => 1_700_000_000 + i);
      const nsecs = frames.map((_, i) => i * 1_001);
      const batch = fakeBatch(frames, secs, nsecs);
      // Each length twice, the second time one byte further on (both alignments); bytes the
      // copies must not take (the gaps, the end) are 0xee.
      const offsets = batch.offsets.map((o, i) => o + (i & 1));
      const bytes = new Uint8Array(batch.bytes.length + 1).fill(0xee);
      frames.forEach((f, i) => bytes.set(f, offsets[i]!));
      Object.assign(batch, { bytes, offsets });
      const path = await Deno.makeTempFile({ suffix: ".pcap" });
      try {
        const w = PcapBatchWriter.open(path, { linkType: 1, snapLen: 262144, backend });
        w.write(batch);
        w.close();
        const expected = await pcapWriterBytes(
          frames.map((data, i) => ({
            data,
            wireLen: data.length + 4,
            sec: secs[i]!,
            nsec: nsecs[i]!,
          })),
          false,
          262144,
        );
        const got = Deno.readFileSync(path);
        assert.equal(got.length, expected.length);
        const diff = got.findIndex((b, i) => b !== expected[i]);
        assert.equal(diff, -1, `same bytes as PcapWriter (first difference at byte ${diff})`);
      } finally {
        await Deno.remove(path);
      }
    },
  );
}

Deno.test("PcapBatchWriter.open() names the file it cannot create", () => {
  assert.throws(
    () => PcapBatchWriter.open("/nonexistent-dir-tpacket/x.pcap", { linkType: 1, snapLen: 64 }),
    {
      name: "SyscallError",
      message:
        'Cannot create "/nonexistent-dir-tpacket/x.pcap": open failed with ENOENT (No such file or directory)',
    },
  );
});

Deno.test("PcapBatchWriter: packetBuffered writes each copied record at once", async () => {
  const path = await Deno.makeTempFile({ suffix: ".pcap" });
  try {
    using w = PcapBatchWriter.open(path, { linkType: 1, snapLen: 64, packetBuffered: true });
    assert.equal(Deno.statSync(path).size, 24, "the header is written by open()");
    w.writeRecord({ data: new Uint8Array(80), wireLen: 80, sec: 1, nsec: 2000 });
    assert.equal(Deno.statSync(path).size, 24 + 16 + 64);
  } finally {
    await Deno.remove(path);
  }
});
