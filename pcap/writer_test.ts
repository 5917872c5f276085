import assert from "node:assert/strict";
import {
  type PcapFormat,
  PcapReader,
  PcapWriter,
  type PcapWriteRecord,
  type PcapWriterOptions,
} from "./mod.ts";
import { concat, readAll, rng } from "./_testing.ts";

/** A sink that keeps the chunks as given (no copy): proves the writer never reuses them. */
function memorySink() {
  const chunks: Uint8Array[] = [];
  const stream = new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c) });
  return { stream, chunks, bytes: () => concat(...chunks) };
}

async function writeAll(
  records: PcapWriteRecord[],
  options: PcapWriterOptions,
): Promise<Uint8Array> {
  const sink = memorySink();
  const writer = new PcapWriter(sink.stream, options);
  for (const r of records) await writer.write(r);
  await writer.close();
  return sink.bytes();
}

function sampleRecords(count: number, seed: number): PcapWriteRecord[] {
  const random = rng(seed);
  const records: PcapWriteRecord[] = [
    { data: new Uint8Array(0), wireLen: 0, sec: 0, nsec: 0 },
    { data: new Uint8Array([1]), wireLen: 1, sec: 0xffffffff, nsec: 999_999_999 },
    { data: new Uint8Array([1, 2, 3]), wireLen: 1514, sec: 1, nsec: 1 },
  ];
  for (let i = 0; i < count; i++) {
    const data = new Uint8Array(Math.floor(random() * 1600));
    for (let j = 0; j < data.length; j++) data[j] = random() * 256;
    records.push({
      data,
      wireLen: data.length + Math.floor(random() * 3),
      sec: Math.floor(random() * 2 ** 32),
      nsec: Math.floor(random() * 1e9),
    });
  }
  return records;
}

for (const format of ["pcap", "pcapng"] as PcapFormat[]) {
  for (const nanoseconds of [false, true]) {
    Deno.test(`PcapWriter ${format} ${nanoseconds ? "ns" : "µs"}: read back identical, rewritten byte for byte`, async () => {
      const records = sampleRecords(300, nanoseconds ? 2 : 1);
      const options = { format, nanoseconds, linkType: 228, snapLen: 65535, bufferSize: 8192 };
      const file = await writeAll(records, options);
      const { records: back, error, reader } = await readAll(file, { chunk: 4000 });
      assert.equal(error, undefined);
      assert.equal(reader!.format, format);
      assert.equal(reader!.linkType, 228);
      assert.equal(reader!.snapLen, 65535);
      assert.equal(reader!.nanoseconds, nanoseconds);
      assert.equal(back.length, records.length);
      records.forEach((r, i) => {
        const b = back[i]!;
        assert.deepEqual(b.data, r.data);
        assert.equal(b.wireLen, r.wireLen);
        assert.equal(b.sec, r.sec);
        assert.equal(
          b.nsec,
          nanoseconds ? r.nsec : Math.floor(r.nsec / 1000) * 1000,
          `record ${i}`,
        );
        assert.equal(b.linkType, 228);
      });
      assert.deepEqual(await writeAll(back, options), file);
    });
  }
}

Deno.test("PcapWriter cuts data to snapLen and keeps wireLen", async () => {
  for (const format of ["pcap", "pcapng"] as const) {
    const file = await writeAll([{
      data: new Uint8Array(100).fill(5),
      wireLen: 100,
      sec: 3,
      nsec: 0,
    }], { format, snapLen: 10 });
    const { records } = await readAll(file);
    assert.deepEqual(records[0]!.data, new Uint8Array(10).fill(5));
    assert.equal(records[0]!.wireLen, 100);
  }
});

Deno.test("PcapWriter pcapng gives each interface (and link type) its own IDB", async () => {
  const data = new Uint8Array([0x45]);
  const file = await writeAll([
    { data, wireLen: 1, sec: 1, nsec: 0, ifIndex: 5, linkType: 1 },
    { data, wireLen: 1, sec: 2, nsec: 0, ifIndex: 7, linkType: 101 },
    { data, wireLen: 1, sec: 3, nsec: 0, ifIndex: 5 },
    { data, wireLen: 1, sec: 4, nsec: 0, ifIndex: 9 },
  ], { format: "pcapng", interfaceName: "veth0" });
  const { records, reader } = await readAll(file);
  assert.deepEqual(records.map((r) => [r.sec, r.ifIndex, r.linkType]), [[1, 0, 1], [2, 1, 101], [
    3,
    0,
    1,
  ], [4, 2, 1]]);
  assert.deepEqual(reader!.interfaces.map((i) => [i.linkType, i.name]), [[1, "veth0"], [
    101,
    undefined,
  ], [1, undefined]]);
});

Deno.test("PcapWriter rejects bad records and options with the value in the message", () => {
  const writer = new PcapWriter(new WritableStream(), { linkType: 1 });
  const ok = { data: new Uint8Array(1), wireLen: 1, sec: 0, nsec: 0 };
  assert.throws(() => writer.write({ ...ok, sec: 1.5 }), {
    name: "RangeError",
    message: "Cannot write record: sec 1.5 is not an integer",
  });
  assert.throws(() => writer.write({ ...ok, nsec: 0.5 }), {
    message: "Cannot write record: nsec 0.5 is not an integer",
  });
  assert.throws(() => writer.write({ ...ok, nsec: NaN }), RangeError);
  assert.throws(() => writer.write({ ...ok, wireLen: 1.5 }), RangeError);
  assert.throws(() => writer.write({ ...ok, data: [1] as unknown as Uint8Array }), TypeError);
  assert.throws(() => writer.write({ ...ok, linkType: 113 }), {
    message:
      "Cannot write record: link type 113 differs from the file's 1 (use pcapng for several)",
  });
  assert.throws(() => new PcapWriter(new WritableStream(), { snapLen: 0 }), {
    message: "Cannot write capture: snapLen 0 is outside 1 to 4294967295",
  });
  assert.throws(() => new PcapWriter(new WritableStream(), { snapLen: 2 ** 32 }), RangeError);
  assert.throws(
    () => new PcapWriter(new WritableStream(), { format: "cap" as PcapFormat }),
    RangeError,
  );
  assert.throws(() => new PcapWriter(new WritableStream(), { linkType: 70000 }), RangeError);
  assert.throws(() => new PcapWriter({} as WritableStream<Uint8Array>), TypeError);
});

Deno.test("PcapWriter buffers until full, but hands every packet over with packetBuffered", async () => {
  const record = { data: new Uint8Array(100), wireLen: 100, sec: 0, nsec: 0 };
  const buffered = memorySink();
  const w1 = new PcapWriter(buffered.stream, { bufferSize: 4096 });
  let handed = 0;
  for (let i = 0; i < 100; i++) if (w1.write(record) !== undefined) handed++;
  await w1.flush();
  assert.equal(handed, Math.floor(100 * 116 / 4096)); // one hand-over per full buffer
  assert.equal(buffered.bytes().length, 24 + 100 * 116);
  await w1.close();

  const immediate = memorySink();
  const w2 = new PcapWriter(immediate.stream, { packetBuffered: true });
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(immediate.bytes().length, 24); // the header at once
  for (let i = 1; i <= 3; i++) {
    await w2.write(record);
    assert.equal(immediate.bytes().length, 24 + i * 116);
  }
  await w2.close();
});

Deno.test("PcapWriter writes records bigger than its buffer", async () => {
  const big = new Uint8Array(200_000).map((_, i) => i);
  const file = await writeAll([
    { data: new Uint8Array(10), wireLen: 10, sec: 1, nsec: 0 },
    { data: big, wireLen: big.length, sec: 2, nsec: 0 },
  ], { bufferSize: 4096, format: "pcapng" });
  const { records } = await readAll(file);
  assert.deepEqual(records[1]!.data, big);
});

Deno.test("PcapWriter reports a failing stream on the awaited write, later writes and close", async () => {
  const failing = new WritableStream<Uint8Array>({
    write: () => Promise.reject(new Error("disk full")),
  });
  const writer = new PcapWriter(failing, { packetBuffered: true });
  const record = { data: new Uint8Array(1), wireLen: 1, sec: 0, nsec: 0 };
  await assert.rejects(async () => await writer.write(record), /disk full/);
  assert.throws(() => writer.write(record), /disk full/);
  await assert.rejects(writer.close(), /disk full/);
  assert.throws(() => writer.write(record), {
    message: "Cannot write record: the writer is closed",
  });
});

Deno.test("PcapWriter.bytesWritten is the file size", async () => {
  const path = await Deno.makeTempFile();
  try {
    for (const format of ["pcap", "pcapng"] as const) {
      const writer = await PcapWriter.open(path, { format, interfaceName: "lo" });
      for (const r of sampleRecords(20, 3)) writer.write(r);
      await writer.close();
      assert.equal((await Deno.stat(path)).size, writer.bytesWritten);
      assert.equal((await readAll(await Deno.readFile(path))).records.length, 23);
    }
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("PcapReader and PcapWriter stream through a pipe without waiting for the end", async () => {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = new PcapWriter(writable, { format: "pcapng", packetBuffered: true });
  const reader = await PcapReader.from(readable);
  for (let i = 0; i < 5; i++) {
    const written = writer.write({ data: new Uint8Array([i]), wireLen: 1, sec: i, nsec: 0 });
    const record = await reader.read();
    assert.equal(record?.data[0], i);
    await written;
  }
  const closed = writer.close();
  assert.equal(await reader.read(), undefined);
  await closed;
});
