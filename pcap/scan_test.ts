// PcapReader.scanRecords() and PcapWriter.writeRaw(): counting, filtering and copying a file
// without an object per record must give exactly what the record-by-record path gives.
import assert from "node:assert/strict";
import {
  PcapFormatError,
  PcapReader,
  type PcapRecord,
  PcapWriter,
  type PcapWriterOptions,
} from "./mod.ts";
import {
  chunkedStream,
  concat,
  endOfOptions,
  epb,
  idb,
  isb,
  opb,
  option,
  pcapHeader,
  pcapRecord,
  rng,
  shb,
  spb,
  u8,
} from "./_testing.ts";

/** A little-endian µs file of `count` records with random lengths (some above `snapLen`). */
function randomFile(seed: number, count: number, snapLen: number): Uint8Array<ArrayBuffer> {
  const random = rng(seed);
  const parts: Uint8Array[] = [pcapHeader({ snapLen })];
  for (let i = 0; i < count; i++) {
    const len = Math.floor(random() * (snapLen + 40));
    const data = new Uint8Array(len);
    for (let k = 0; k < len; k++) data[k] = (i * 31 + k) & 0xff;
    parts.push(pcapRecord(true, { sec: i, frac: (i * 7919) % 1_000_000, data, wireLen: len + 3 }));
  }
  return concat(...parts);
}

/** Collects what a writer over a sync sink writes. */
function memorySink(): { chunks: Uint8Array[]; writeSync(p: Uint8Array): number; close(): void } {
  const chunks: Uint8Array[] = [];
  return { chunks, writeSync: (p) => (chunks.push(p.slice()), p.length), close() {} };
}

const keepOdd = (wireLen: number) => wireLen % 2 === 1;

/** The record-by-record copy: every accepted record through write(). */
async function copyEach(file: Uint8Array, max: number, options: PcapWriterOptions) {
  const reader = await PcapReader.from(chunkedStream(file, 1 << 20));
  const sink = memorySink();
  const writer = new PcapWriter(sink, { ...options, snapLen: reader.snapLen });
  let count = 0;
  let error: unknown;
  try {
    await reader.forEach((r) => {
      if (!keepOdd(r.wireLen)) return true;
      writer.write(r);
      return ++count !== max;
    });
  } catch (e) {
    error = e;
  }
  writer.closeSync();
  return { bytes: concat(...sink.chunks), count, error };
}

/** The same copy through scanRecords() and writeRaw(), with a small read buffer. */
async function copyRuns(file: Uint8Array, max: number, bufferSize: number, writeBuffer: number) {
  const reader = await PcapReader.from(chunkedStream(file, 997), { bufferSize });
  const sink = memorySink();
  const writer = new PcapWriter(sink, { snapLen: reader.snapLen, bufferSize: writeBuffer });
  let count = 0;
  let error: unknown;
  try {
    count = await reader.scanRecords({
      accept: (_bytes, _start, _capLen, wireLen) => keepOdd(wireLen),
      raw: (run) => void writer.writeRaw(run),
      max,
      snapLen: reader.snapLen,
    });
  } catch (e) {
    error = e;
  }
  writer.closeSync();
  return { bytes: concat(...sink.chunks), count, error };
}

Deno.test("PcapReader.scanRecords() with writeRaw() copies as write() does, cut records included", async () => {
  for (let seed = 1; seed <= 12; seed++) {
    const file = randomFile(seed, 300, 200 + seed * 10);
    const max = seed % 3 === 0 ? 77 : 0;
    const want = await copyEach(file, max, {});
    // Read buffers smaller than some records (they grow), write buffers that fill often.
    const got = await copyRuns(file, max, 64 << (seed % 5), 4096 << (seed % 3));
    assert.equal(got.count, want.count, `seed ${seed}`);
    assert.deepEqual(got.bytes, want.bytes, `seed ${seed}`);
  }
});

Deno.test("PcapReader.scanRecords() hands over every record before the damage, then throws", async () => {
  const whole = randomFile(5, 50, 300);
  for (const cut of [whole.length - 1, whole.length - 20, 24 + 7]) {
    const file = whole.subarray(0, cut);
    const want = await copyEach(file, 0, {});
    const got = await copyRuns(file, 0, 256, 4096);
    assert.ok(want.error instanceof PcapFormatError);
    assert.ok(got.error instanceof PcapFormatError);
    assert.equal(got.error.message, want.error.message);
    assert.equal(got.error.offset, want.error.offset);
    assert.deepEqual(got.bytes, want.bytes);
  }
  // A captured length above the link type's maximum: refused at the same offset.
  const bad = concat(
    pcapHeader(),
    pcapRecord(true, { sec: 1, frac: 0, data: new Uint8Array(9) }),
    pcapRecord(true, { sec: 2, frac: 0, data: new Uint8Array(4), capLen: 300000 }),
  );
  const got = await copyRuns(bad, 0, 1024, 4096);
  assert.ok(got.error instanceof PcapFormatError);
  assert.match(got.error.message, /captured length 300000 exceeds the maximum 262144/);
  assert.equal(got.error.offset, 24 + 16 + 9);
  assert.equal(got.bytes.length, 24 + 16 + 9);
});

Deno.test("PcapReader.scanRecords() counts as forEach() does on pcapng and old pcap layouts", async () => {
  const le = true;
  const ng = concat(
    shb(le),
    idb(le, 1, 100),
    ...Array.from(
      { length: 40 },
      (_, i) => epb(le, 0, BigInt(i), new Uint8Array(i * 5), i * 5 + (i % 2)),
    ),
  );
  const old = concat(
    pcapHeader({ minor: 2 }), // 2.2: lengths stored the other way round
    ...Array.from(
      { length: 30 },
      (_, i) =>
        pcapRecord(true, {
          sec: i,
          frac: 0,
          data: new Uint8Array(i),
          capLen: i + i % 2,
          wireLen: i,
        }),
    ),
  );
  for (const file of [ng, old]) {
    const reader = await PcapReader.from(chunkedStream(file, 100), { bufferSize: 64 });
    assert.equal(reader.recordLayout, undefined);
    const lengths: number[] = [];
    const taken = await reader.scanRecords({
      accept: (bytes, start, capLen, wireLen) => {
        lengths.push(capLen);
        assert.ok(start + capLen <= bytes.length);
        return keepOdd(wireLen);
      },
    });
    const want: number[] = [];
    let odd = 0;
    const again = await PcapReader.from(chunkedStream(file, 100));
    await again.forEach((r) => void (want.push(r.data.length), odd += keepOdd(r.wireLen) ? 1 : 0));
    assert.deepEqual(lengths, want);
    assert.equal(taken, odd);
    const third = await PcapReader.from(chunkedStream(file, 100));
    await assert.rejects(
      () => third.scanRecords({ raw: () => {} }),
      TypeError,
    );
  }
});

Deno.test("PcapReader.scanned keeps the count of a scan that threw on damage, on every path", async () => {
  const le = true;
  const ng = concat(
    shb(le),
    idb(le, 1, 100),
    ...Array.from({ length: 40 }, (_, i) => epb(le, 0, BigInt(i), new Uint8Array(i + 1), i + 1)),
  );
  const old = concat(
    pcapHeader({ minor: 2 }),
    ...Array.from(
      { length: 30 },
      (_, i) => pcapRecord(true, { sec: i, frac: 0, data: new Uint8Array(i + 1), capLen: i + 1 }),
    ),
  );
  const classic = randomFile(9, 30, 300);
  const paths: [string, Uint8Array, Parameters<PcapReader["scanRecords"]>[0], number][] = [
    ["pcap", classic, {}, 30],
    ["pcap raw", classic, { raw: () => {} }, 30],
    ["pcap accept", classic, { accept: () => true }, 30],
    ["pcapng", ng, {}, 40],
    ["pcapng each", ng, { each: () => true }, 40],
    [
      "pcapng rewrite",
      ng,
      { raw: () => {}, layout: { littleEndian: true, nanoseconds: false, linkType: 1 } },
      40,
    ],
    ["pcap 2.2", old, {}, 30],
  ];
  for (const [name, whole, options, records] of paths) {
    // Whole: scanned is the result. Cut inside the last record: every other one was taken.
    const full = await PcapReader.from(chunkedStream(whole, 97), { bufferSize: 64 });
    assert.equal(full.scanned, 0, name);
    assert.equal(await full.scanRecords(options), records, name);
    assert.equal(full.scanned, records, name);
    const cut = await PcapReader.from(chunkedStream(whole.subarray(0, whole.length - 3), 97), {
      bufferSize: 64,
    });
    await assert.rejects(cut.scanRecords(options), PcapFormatError, name);
    assert.equal(cut.scanned, records - 1, name);
  }
});

Deno.test("PcapReader.recordLayout says how records are stored, only where they can be copied", async () => {
  const cases: [Uint8Array, unknown][] = [
    [pcapHeader(), { littleEndian: true, nanoseconds: false }],
    [pcapHeader({ le: false, magic: 0xa1b23c4d }), { littleEndian: false, nanoseconds: true }],
    [pcapHeader({ minor: 3 }), undefined],
    [pcapHeader({ magic: 0xa1b2cd34 }), undefined], // Kuznetzov: 24-byte record headers
    [concat(shb(true), idb(true, 1, 0)), undefined],
  ];
  for (const [file, layout] of cases) {
    const reader = await PcapReader.from(chunkedStream(file, 64));
    assert.deepEqual(reader.recordLayout, layout);
  }
});

Deno.test("PcapWriter.writeRaw() writes a big run straight to a sync sink, copies a stream's", async () => {
  const file = randomFile(9, 200, 1500);
  const records = file.subarray(24);
  const sink = memorySink();
  const writer = new PcapWriter(sink, { snapLen: 1500, bufferSize: 4096 });
  writer.writeRaw(records.subarray(0, 10));
  writer.writeRaw(records.subarray(10));
  assert.equal(writer.bytesWritten, file.length);
  writer.closeSync();
  assert.deepEqual(concat(...sink.chunks), file);
  assert.ok(sink.chunks.some((c) => c.length === records.length - 10), "the big run went as is");

  const chunks: Uint8Array[] = [];
  const streamed = new PcapWriter(
    new WritableStream({ write: (c) => void chunks.push(c) }),
    { snapLen: 1500, bufferSize: 4096 },
  );
  const run = records.slice();
  const handed = streamed.writeRaw(run);
  run.fill(0); // the caller's bytes are only borrowed
  await handed;
  await streamed.close();
  assert.deepEqual(concat(...chunks), file);

  const ng = new PcapWriter(memorySink(), { format: "pcapng" });
  assert.throws(() => ng.writeRaw(records), TypeError);
  ng.closeSync();
  assert.throws(() => ng.writeRaw(records), /closed/);
});

/** What forEach() gives for `file`: every record's fields, its bytes copied; then the error. */
async function eachRecord(file: Uint8Array, scan: boolean, max = 0) {
  const reader = await PcapReader.from(chunkedStream(file, 211), { bufferSize: 64 });
  const seen: unknown[] = [];
  const take = (r: PcapRecord) => {
    seen.push([r.sec, r.nsec, r.wireLen, r.ifIndex, r.linkType, [...r.data]]);
  };
  let error: unknown;
  try {
    if (scan) {
      const taken = await reader.scanRecords({
        accept: (_b, _s, _c, wireLen, linkType) => keepOdd(wireLen) || linkType === 101,
        each: (r) => void take(r),
        max,
      });
      assert.equal(taken, seen.length);
    } else {
      await reader.forEach((r) => {
        if (!keepOdd(r.wireLen) && r.linkType !== 101) return true;
        take(r);
        return seen.length !== max;
      });
    }
  } catch (e) {
    error = e;
  }
  return { seen, error };
}

Deno.test("PcapReader.scanRecords() with each() hands the records forEach() hands, pcapng and pcap", async () => {
  const random = rng(21);
  const packets = (le: boolean, ifaces: number) =>
    Array.from({ length: 60 }, (_, i) => {
      const data = Uint8Array.from({ length: Math.floor(random() * 90) }, (_, k) => i + k);
      const ifId = i % ifaces;
      const ts = BigInt(1_700_000_000) * 1_000_000_000n + BigInt(i) * 123_457n;
      if (i % 17 === 5) return spb(le, data.length + 1, data);
      if (i % 13 === 7) return opb(le, ifId, ts, data, data.length + (i % 2));
      return epb(le, ifId, ts, data, data.length + (i % 2));
    });
  for (const le of [true, false]) {
    const ng = concat(
      shb(le),
      idb(le, 1, 50),
      idb(le, 101, 0, concat(option(le, 9, u8(9)), endOfOptions(le))), // ns resolution
      ...packets(le, 2),
      isb(le, 0, 5n, 1n),
      shb(le), // a new section: new interfaces
      idb(le, 1, 65535, concat(option(le, 9, u8(0x80 | 20)), endOfOptions(le))), // 2^-20 s
      ...packets(le, 1),
    );
    const pcap = concat(
      pcapHeader({ le, magic: 0xa1b23c4d, snapLen: 60 }),
      ...Array.from({ length: 50 }, (_, i) =>
        pcapRecord(le, {
          sec: i,
          frac: i * 999_999,
          data: new Uint8Array(i * 2),
          wireLen: i * 2 + (i % 3),
        })),
    );
    for (const [name, file] of [["pcapng", ng], ["pcap", pcap]] as const) {
      for (const max of [0, 9]) {
        const want = await eachRecord(file, false, max);
        const got = await eachRecord(file, true, max);
        assert.deepEqual(got.seen, want.seen, `${name} le=${le} max=${max}`);
        assert.ok(want.seen.length > 5);
      }
      // Damage at a few places: the same records, then the same error.
      for (const cut of [file.length - 3, Math.floor(file.length / 2)]) {
        const want = await eachRecord(file.subarray(0, cut), false);
        const got = await eachRecord(file.subarray(0, cut), true);
        assert.deepEqual(got.seen, want.seen, `${name} cut ${cut}`);
        assert.ok(want.error instanceof PcapFormatError);
        assert.ok(got.error instanceof PcapFormatError);
        assert.equal(got.error.message, want.error.message);
        assert.equal(got.error.offset, want.error.offset);
      }
    }
  }
});

/**
 * A pcapng file of `count` packets over three interfaces (µs; ns with an offset; binary 2^-20
 * units) of `linkTypes`, in `le` order: mostly Enhanced Packet Blocks, some with options
 * after the data, with Simple and obsolete Packet Blocks and statistics between them.
 */
function randomPcapng(
  seed: number,
  count: number,
  le: boolean,
  linkTypes: [number, number, number] = [1, 1, 1],
): Uint8Array<ArrayBuffer> {
  const random = rng(seed);
  const u64 = (v: bigint) => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, v, le);
    return b;
  };
  const parts: Uint8Array[] = [
    shb(le),
    idb(le, linkTypes[0], 300),
    idb(
      le,
      linkTypes[1],
      0,
      concat(option(le, 9, u8(9)), option(le, 14, u64(7n)), endOfOptions(le)),
    ),
    idb(le, linkTypes[2], 120, concat(option(le, 9, u8(0x80 | 20)), endOfOptions(le))),
  ];
  for (let i = 0; i < count; i++) {
    const len = Math.floor(random() * 340);
    const data = new Uint8Array(len);
    for (let k = 0; k < len; k++) data[k] = (i * 13 + k) & 0xff;
    const wireLen = len + Math.floor(random() * 3);
    const kind = random();
    const ts = BigInt(Math.floor(random() * 2 ** 40)) * 1000n + BigInt(i);
    if (kind < 0.05) parts.push(spb(le, wireLen, data));
    else if (kind < 0.08) parts.push(opb(le, 0, ts, data, wireLen));
    else if (kind < 0.1) parts.push(isb(le, 0, BigInt(i), 0n));
    else {
      const block = epb(le, i % 3, ts, data, wireLen);
      if (kind < 0.3) {
        // The same block with an option (a comment) between the data and the trailer.
        const body = block.subarray(8, block.length - 4);
        const opts = concat(option(le, 1, new Uint8Array([0x68, 0x69])), endOfOptions(le));
        const total = 12 + body.length + opts.length;
        const out = new Uint8Array(total), dv = new DataView(out.buffer);
        dv.setUint32(0, 6, le);
        dv.setUint32(4, total, le);
        out.set(body, 8);
        out.set(opts, 8 + body.length);
        dv.setUint32(total - 4, total, le);
        parts.push(out);
      } else parts.push(block);
    }
  }
  return concat(...parts);
}

/** pcapng → pcap through write(), record by record: what the rewrite must give. */
async function convertEach(file: Uint8Array, max: number, snapLen: number, nanoseconds: boolean) {
  const reader = await PcapReader.from(chunkedStream(file, 1 << 20));
  const sink = memorySink();
  const writer = new PcapWriter(sink, { snapLen, nanoseconds, linkType: reader.linkType });
  let count = 0;
  let error: unknown;
  try {
    await reader.forEach((r) => {
      if (!keepOdd(r.wireLen)) return true;
      writer.write(r.data.length > snapLen ? { ...r, data: r.data.subarray(0, snapLen) } : r);
      return ++count !== max;
    });
  } catch (e) {
    error = e;
  }
  writer.closeSync();
  return { bytes: concat(...sink.chunks), count, error };
}

/** The same through scanRecords()' rewrite in the read buffer and writeRaw(). */
async function convertRuns(
  file: Uint8Array,
  max: number,
  snapLen: number,
  nanoseconds: boolean,
  bufferSize: number,
  chunk = 997,
) {
  const reader = await PcapReader.from(chunkedStream(file, chunk), { bufferSize });
  const sink = memorySink();
  const writer = new PcapWriter(sink, { snapLen, nanoseconds, linkType: reader.linkType });
  let count = 0, runs = 0;
  let error: unknown;
  try {
    count = await reader.scanRecords({
      accept: (bytes, start, capLen, wireLen) => {
        assert.ok(start + capLen <= bytes.length && capLen <= snapLen);
        return keepOdd(wireLen);
      },
      raw: (run) => void (runs++, writer.writeRaw(run)),
      layout: { littleEndian: true, nanoseconds, linkType: reader.linkType },
      max,
      snapLen,
    });
  } catch (e) {
    error = e;
  }
  writer.closeSync();
  return { bytes: concat(...sink.chunks), count, error, runs };
}

Deno.test("PcapReader.scanRecords() rewrites pcapng packets as write() encodes them, in runs", async () => {
  for (let seed = 1; seed <= 16; seed++) {
    const le = seed % 2 === 0;
    const file = randomPcapng(seed, 400, le);
    const max = seed % 4 === 0 ? 123 : 0;
    const snapLen = seed % 3 === 0 ? 100 : 262144;
    const nano = seed % 5 < 2;
    const want = await convertEach(file, max, snapLen, nano);
    assert.equal(want.error, undefined);
    const got = await convertRuns(file, max, snapLen, nano, 64 << (seed % 6));
    const label = `seed ${seed}`;
    assert.equal(got.error, undefined, label);
    assert.equal(got.count, want.count, label);
    assert.deepEqual(got.bytes, want.bytes, label);
  }
});

Deno.test("PcapReader.scanRecords() stops a pcapng rewrite at another link type, as write() refuses it", async () => {
  const file = randomPcapng(3, 200, true, [1, 1, 113]);
  const want = await convertEach(file, 0, 262144, false);
  const got = await convertRuns(file, 0, 262144, false, 4096);
  assert.ok(want.error instanceof RangeError);
  assert.ok(got.error instanceof RangeError);
  assert.equal(got.error.message, want.error.message);
  assert.match(got.error.message, /link type 113 differs from the file's 1/);
  // Every record before the refused one was handed over and written.
  assert.ok(want.count > 0);
  assert.deepEqual(got.bytes, want.bytes);
});

Deno.test("PcapReader.scanRecords() hands a buffer's rewritten pcapng packets over as one run", async () => {
  const le = true;
  const file = concat(
    shb(le),
    idb(le, 1, 0),
    ...Array.from({ length: 500 }, (_, i) => epb(le, 0, BigInt(i), new Uint8Array(60 + i % 7), 99)),
  );
  const got = await convertRuns(file, 0, 262144, false, 1 << 20, 1 << 20);
  assert.equal(got.count, 500);
  assert.equal(got.runs, 1);
  assert.deepEqual(got.bytes, (await convertEach(file, 0, 262144, false)).bytes);
});

Deno.test("PcapReader.scanRecords() refuses raw on pcapng without a layout, and a layout unlike the file's", async () => {
  const ng = randomPcapng(5, 10, true);
  await assert.rejects(
    async () => (await PcapReader.from(chunkedStream(ng, 64))).scanRecords({ raw: () => {} }),
    { name: "TypeError", message: /pcapng blocks \(give a layout/ },
  );
  const pcap = concat(
    pcapHeader(),
    pcapRecord(true, { sec: 1, frac: 2, data: new Uint8Array([1, 2, 3]) }),
  );
  const reader = await PcapReader.from(chunkedStream(pcap, 64));
  await assert.rejects(
    () =>
      reader.scanRecords({
        raw: () => {},
        layout: { littleEndian: true, nanoseconds: true, linkType: 1 },
      }),
    { name: "TypeError", message: /not the one asked/ },
  );
});
