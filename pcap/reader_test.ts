import assert from "node:assert/strict";
import { PcapFormatError, PcapReader, type PcapRecord } from "./mod.ts";
import {
  block,
  chunkedStream,
  concat,
  endOfOptions,
  epb,
  i64,
  idb,
  isb,
  opb,
  option,
  pcapHeader,
  pcapRecord,
  readAll,
  shb,
  spb,
  u8,
} from "./_testing.ts";

const bytes = (...v: number[]) => new Uint8Array(v);
const text = (s: string) => new TextEncoder().encode(s);

function classic(le: boolean, nano: boolean) {
  return concat(
    pcapHeader({ le, magic: nano ? 0xa1b23c4d : 0xa1b2c3d4, snapLen: 96, linkType: 113 }),
    pcapRecord(le, {
      sec: 1700000000,
      frac: nano ? 123456789 : 123456,
      data: bytes(1, 2, 3),
      wireLen: 60,
    }),
    pcapRecord(le, { sec: 0xffffffff, frac: nano ? 999999999 : 999999, data: bytes(9) }),
  );
}

for (const le of [true, false]) {
  for (const nano of [false, true]) {
    Deno.test(`PcapReader reads ${le ? "little" : "big"}-endian ${nano ? "ns" : "µs"} pcap`, async () => {
      const { records, error, reader } = await readAll(classic(le, nano));
      assert.equal(error, undefined);
      assert.equal(reader!.format, "pcap");
      assert.equal(reader!.linkType, 113);
      assert.equal(reader!.snapLen, 96);
      assert.equal(reader!.nanoseconds, nano);
      assert.deepEqual(records, [
        {
          data: bytes(1, 2, 3),
          wireLen: 60,
          sec: 1700000000,
          nsec: nano ? 123456789 : 123456000,
          ifIndex: 0,
          linkType: 113,
        },
        {
          data: bytes(9),
          wireLen: 1,
          sec: 0xffffffff,
          nsec: nano ? 999999999 : 999999000,
          ifIndex: 0,
          linkType: 113,
        },
      ]);
    });
  }
}

Deno.test("PcapReader gives the same records whatever the stream's chunk sizes", async () => {
  const file = classic(true, true);
  const whole = await readAll(file);
  for (const chunk of [1, 2, 3, 7, 16, 17, 40]) {
    assert.deepEqual((await readAll(file, { chunk })).records, whole.records, `chunk ${chunk}`);
    assert.deepEqual(
      (await readAll(file, { chunk, bufferSize: 64 })).records,
      whole.records,
      `chunk ${chunk}, small buffer`,
    );
  }
});

Deno.test("PcapReader reads Kuznetzov's patched-libpcap records (24-byte headers)", async () => {
  const file = concat(
    pcapHeader({ magic: 0xa1b2cd34 }),
    pcapRecord(true, { sec: 5, frac: 6, data: bytes(0xaa, 0xbb), extra: 8 }),
  );
  const { records, error } = await readAll(file);
  assert.equal(error, undefined);
  assert.deepEqual(records.map((r) => [r.sec, r.nsec, [...r.data]]), [[5, 6000, [0xaa, 0xbb]]]);
});

Deno.test("PcapReader swaps caplen and len back in files older than 2.3, as libpcap", async () => {
  const file = concat(
    pcapHeader({ minor: 2 }),
    pcapRecord(true, { sec: 0, frac: 0, data: bytes(1, 2), capLen: 60, wireLen: 2 }),
  );
  const { records, error } = await readAll(file);
  assert.equal(error, undefined);
  assert.deepEqual(records.map((r) => [r.wireLen, r.data.length]), [[60, 2]]);
});

Deno.test("PcapReader cuts a record longer than the header's snaplen to it and goes on", async () => {
  const file = concat(
    pcapHeader({ snapLen: 4 }),
    pcapRecord(true, { sec: 1, frac: 0, data: bytes(1, 2, 3, 4, 5, 6) }),
    pcapRecord(true, { sec: 2, frac: 0, data: bytes(7) }),
  );
  const { records, error } = await readAll(file);
  assert.equal(error, undefined);
  assert.deepEqual(records.map((r) => [r.sec, [...r.data], r.wireLen]), [[1, [1, 2, 3, 4], 6], [2, [
    7,
  ], 1]]);
});

Deno.test("PcapReader rejects a huge captured length after the good records, without allocating it", async () => {
  const good = pcapRecord(true, { sec: 1, frac: 0, data: bytes(1) });
  for (const capLen of [262145, 0x7fffffff, 0xffffffff]) {
    const file = concat(
      pcapHeader(),
      good,
      pcapRecord(true, { sec: 2, frac: 0, data: bytes(2), capLen }),
    );
    const { records, error } = await readAll(file);
    assert.equal(records.length, 1);
    assert.ok(error instanceof PcapFormatError);
    assert.equal(error.offset, 24 + good.length);
    assert.equal(
      error.message,
      `Cannot read capture file: captured length ${capLen} exceeds the maximum 262144 at offset 41`,
    );
  }
});

Deno.test("PcapReader names the file, offset and problem of a damaged classic pcap", async () => {
  const header = pcapHeader();
  const rec = pcapRecord(true, { sec: 1, frac: 0, data: bytes(1, 2, 3, 4) });
  const cases: [Uint8Array, string][] = [
    [new Uint8Array(0), "empty file at offset 0"],
    [bytes(0xd4), "truncated file header (1 of 4 bytes) at offset 0"],
    [header.subarray(0, 10), "truncated file header (10 of 24 bytes) at offset 0"],
    [bytes(0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0), "unknown magic number 0x7f454c46 at offset 0"],
    // libpcap's words for the versions it refuses.
    [pcapHeader({ major: 1, minor: 0 }), "archaic pcap savefile format at offset 0"],
    [pcapHeader({ major: 2, minor: 5 }), "unsupported pcap savefile version 2.5 at offset 0"],
    [pcapHeader({ major: 3, minor: 0 }), "unsupported pcap savefile version 3.0 at offset 0"],
    [concat(header, rec.subarray(0, 5)), "truncated record header (5 of 16 bytes) at offset 24"],
    [concat(header, rec, rec.subarray(0, 18)), "truncated record (2 of 4 data bytes) at offset 44"],
  ];
  for (const [file, tail] of cases) {
    const { error } = await readAll(file, { name: "x.pcap" });
    assert.equal(error?.message, `Cannot read "x.pcap": ${tail}`);
  }
});

Deno.test("PcapReader copy option gives records their own bytes; otherwise they share the buffer", async () => {
  const file = classic(true, false);
  const shared = await PcapReader.from(chunkedStream(file, 1000));
  const a = (await shared.read())!, b = (await shared.read())!;
  assert.equal(a.data.buffer, b.data.buffer);
  const copying = await PcapReader.from(chunkedStream(file, 1000), { copy: true });
  const c = (await copying.read())!, d = (await copying.read())!;
  assert.notEqual(c.data.buffer, d.data.buffer);
  assert.equal(c.data.byteLength, c.data.buffer.byteLength);
});

Deno.test("PcapReader.forEach() counts, stops on false and rethrows a format error", async () => {
  const file = concat(classic(true, false), bytes(1, 2, 3));
  const r1 = await PcapReader.from(chunkedStream(file, 5));
  assert.equal(await r1.forEach(() => false), 1);
  const r2 = await PcapReader.from(chunkedStream(file, 5));
  const seen: number[] = [];
  await assert.rejects(r2.forEach((r) => void seen.push(r.sec)), PcapFormatError);
  assert.deepEqual(seen, [1700000000, 0xffffffff]);
  await assert.rejects(r2.read(), /truncated record header/); // stays failed
});

Deno.test("PcapReader.open() reports a missing file with Deno's NotFound", async () => {
  await assert.rejects(PcapReader.open("no/such/file.pcap"), Deno.errors.NotFound);
});

// ---- pcapng ----

/** A pcapng file with every block kind, in one byte order. */
function everything(le: boolean) {
  return concat(
    shb(le, concat(option(le, 4, text("hand-made")), endOfOptions(le))),
    block(le, 0x0bad, bytes(1, 2, 3, 4)), // unknown block before the first IDB
    idb(le, 1, 128, concat(option(le, 2, text("eth0\0")), option(le, 9, u8(9)), endOfOptions(le))),
    idb(
      le,
      101,
      0,
      concat(option(le, 9, u8(0x8a)), option(le, 14, i64(le, 100n)), endOfOptions(le)),
    ),
    block(le, 4, concat(bytes(1, 0, 8, 0, 127, 0, 0, 1, 0x6c, 0x6f, 0, 0), bytes(0, 0, 0, 0))), // NRB
    epb(le, 0, 1_700_000_000_123_456_789n, bytes(0xe0, 0xe1, 0xe2), 1514),
    epb(le, 1, (5n << 10n) | 512n, bytes(0x45)),
    spb(le, 300, new Uint8Array(200).fill(7)), // wire 300, cut to the IDB's 128
    opb(le, 0, 2_000_000_000n, bytes(0xaa), 70),
    block(le, 0x40000bad, bytes(9, 9, 9, 9)), // unknown block between packets
    isb(le, 0, 1000n, 3n),
  );
}

for (const le of [true, false]) {
  Deno.test(`PcapReader reads ${le ? "little" : "big"}-endian pcapng: IDBs, EPB, SPB, OPB, NRB, ISB, unknown`, async () => {
    const { records, error, reader } = await readAll(everything(le), { chunk: 13 });
    assert.equal(error, undefined);
    assert.equal(reader!.format, "pcapng");
    assert.equal(reader!.linkType, 1);
    assert.equal(reader!.snapLen, 128);
    assert.equal(reader!.nanoseconds, true);
    assert.deepEqual(records, [
      {
        data: bytes(0xe0, 0xe1, 0xe2),
        wireLen: 1514,
        sec: 1700000000,
        nsec: 123456789,
        ifIndex: 0,
        linkType: 1,
      },
      // 2^-10 s units plus a 100 s offset: 5 s and 512/1024 s.
      { data: bytes(0x45), wireLen: 1, sec: 105, nsec: 500000000, ifIndex: 1, linkType: 101 },
      { data: new Uint8Array(128).fill(7), wireLen: 300, sec: 0, nsec: 0, ifIndex: 0, linkType: 1 },
      { data: bytes(0xaa), wireLen: 70, sec: 2, nsec: 0, ifIndex: 0, linkType: 1 },
    ]);
    assert.deepEqual(reader!.interfaces, [
      {
        linkType: 1,
        snapLen: 128,
        tsResolution: 1e9,
        tsOffset: 0,
        name: "eth0",
        stats: { received: 1000, dropped: 3 },
      },
      // An IDB snaplen of 0 reads as the link type's maximum, as libpcap reports it.
      { linkType: 101, snapLen: 262144, tsResolution: 1024, tsOffset: 100 },
    ]);
  });
}

Deno.test("PcapReader follows a second section that switches byte order and interfaces", async () => {
  const file = concat(
    shb(true),
    idb(true, 1, 0),
    epb(true, 0, 1_000_000n, bytes(1)),
    shb(false),
    idb(false, 113, 0, concat(option(false, 9, u8(3)), endOfOptions(false))),
    epb(false, 0, 2_500n, bytes(2)),
  );
  const { records, error } = await readAll(file, { chunk: 7 });
  assert.equal(error, undefined);
  assert.deepEqual(records.map((r) => [r.data[0], r.linkType, r.sec, r.nsec]), [[1, 1, 1, 0], [
    2,
    113,
    2,
    500000000,
  ]]);
});

Deno.test("PcapReader converts every if_tsresol exactly, up to 64-bit timestamps", async () => {
  const cases: [number, bigint, number, number][] = [
    [6, 0xffffffffffffffffn, 18446744073709, 551615000], // µs, the largest stamp
    [9, 4_294_967_295_999_999_999n, 4294967295, 999999999], // ns beyond 2^53
    [0, 42n, 42, 0], // whole seconds
    [3, 1_234n, 1, 234000000],
    [12, 1_500_000_000_001n, 1, 500000000], // ps: BigInt path, cut to ns
    [0x80, 7n, 7, 0], // 2^0
    [0x9e, (3n << 30n) | (1n << 29n), 3, 500000000], // 2^-30
  ];
  for (const [resol, ts, sec, nsec] of cases) {
    const file = concat(
      shb(true),
      idb(true, 1, 0, concat(option(true, 9, u8(resol)), endOfOptions(true))),
      epb(true, 0, ts, bytes(0)),
    );
    const { records, error } = await readAll(file);
    assert.equal(error, undefined);
    assert.deepEqual([records[0]!.sec, records[0]!.nsec], [sec, nsec], `if_tsresol ${resol}`);
  }
});

Deno.test("PcapReader names the offset and problem of a damaged pcapng", async () => {
  const head = concat(shb(true), idb(true, 1, 0));
  const good = epb(true, 0, 0n, bytes(1, 2, 3, 4));
  const at = head.length + good.length;
  const badTrailer = epb(true, 0, 0n, bytes(5));
  badTrailer[badTrailer.length - 4] = 0x24 ^ 0xff;
  const bigCap = epb(true, 0, 0n, bytes(5));
  new DataView(bigCap.buffer).setUint32(20, 9, true);
  const cases: [Uint8Array, string][] = [
    [
      concat(head, good, epb(true, 3, 0n, bytes(5))),
      `enhanced packet block for undescribed interface 3 at offset ${at}`,
    ],
    [
      concat(head, good, badTrailer),
      `block trailer length 219 differs from the header's 36 at offset ${at}`,
    ],
    [
      concat(head, good, bytes(6, 0, 0, 0, 14, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
      `block length 14 is not a multiple of 4 of at least 12 at offset ${at}`,
    ],
    [
      concat(head, good, bytes(6, 0, 0, 0, 0xf0, 0xff, 0xff, 0x7f, 0, 0, 0, 0)),
      `block length 2147483632 exceeds the maximum 393248 at offset ${at}`,
    ],
    [
      concat(head, good, good.subarray(0, 20)),
      `truncated block of type 0x00000006 (20 of 36 bytes) at offset ${at}`,
    ],
    [
      concat(head, good, good.subarray(0, 5)),
      `truncated block header (5 of 12 bytes) at offset ${at}`,
    ],
    [concat(head, good, bigCap), `captured length 9 exceeds the block's room of 4 at offset ${at}`],
    [
      concat(shb(true), spb(true, 1, bytes(1))),
      "simple packet block before any interface description at offset 28",
    ],
    [shb(true), "no interface description block in the file at offset 28"],
    [
      concat(shb(true).subarray(0, 8), bytes(1, 2, 3, 4)),
      "bad byte-order magic 0x01020304 at offset 0",
    ],
    [
      concat(
        head,
        block(true, 1, concat(bytes(1, 0, 0, 0, 0, 0, 0, 0), bytes(2, 0, 40, 0, 1, 2, 3, 4))),
      ),
      `option 2 of 40 bytes runs past the end of its block at offset ${head.length}`,
    ],
    [
      concat(head, block(true, 1, concat(bytes(1, 0, 0, 0, 0, 0, 0, 0), option(true, 9, u8(99))))),
      `if_tsresol 99 is out of range at offset ${head.length}`,
    ],
  ];
  const v2 = shb(true);
  v2[12] = 2;
  cases.push([v2, "unsupported pcapng savefile version 2.0 at offset 0"]);
  const v11 = shb(true);
  v11[14] = 1;
  cases.push([v11, "unsupported pcapng savefile version 1.1 at offset 0"]);
  for (const [file, tail] of cases) {
    const { records, error } = await readAll(file, { name: "y.pcapng", chunk: 11 });
    assert.equal(error?.message, `Cannot read "y.pcapng": ${tail}`);
    if (file.length > at && tail.endsWith(`offset ${at}`)) assert.equal(records.length, 1, tail);
  }
});

Deno.test("PcapReader cuts pcapng packets to their interface's snaplen", async () => {
  const file = concat(shb(true), idb(true, 1, 2), epb(true, 0, 0n, bytes(1, 2, 3, 4), 4));
  const { records } = await readAll(file);
  assert.deepEqual([...records[0]!.data], [1, 2]);
});

Deno.test("PcapReader grows its buffer only with the data present, whatever a length field claims", async () => {
  // D-Bus (231) records may be 128 MiB long; this one claims 100 MB but holds 1000 bytes.
  const file = concat(
    pcapHeader({ linkType: 231, snapLen: 0 }),
    pcapRecord(true, { sec: 1, frac: 0, data: new Uint8Array(1000), capLen: 100_000_000 }),
  );
  let at = 0, largest = 0;
  const source = {
    read(p: Uint8Array) {
      largest = Math.max(largest, p.length);
      if (at >= file.length) return Promise.resolve(null);
      const n = Math.min(p.length, file.length - at);
      p.set(file.subarray(at, at + n));
      at += n;
      return Promise.resolve(n);
    },
  };
  const reader = await PcapReader.from(source, { bufferSize: 64 });
  await assert.rejects(reader.read(), {
    message:
      "Cannot read capture file: truncated record (1000 of 100000000 data bytes) at offset 24",
  });
  assert.ok(largest > 64 && largest <= 2048, `asked for ${largest} bytes at once`);
});

Deno.test("PcapReader takes the link type from the low 16 bits (the FCS flags live above)", async () => {
  const { reader } = await readAll(pcapHeader({ linkType: 0x14000001 })); // FCS present, length 1
  assert.equal(reader!.linkType, 1);
});

Deno.test("PcapReader.from() checks its options and input", async () => {
  const empty = new Uint8Array(0);
  await assert.rejects(PcapReader.from(chunkedStream(empty, 1), { bufferSize: 10 }), {
    name: "RangeError",
    message: "Cannot read capture: bufferSize 10 is below 64",
  });
  await assert.rejects(PcapReader.from({} as ReadableStream<Uint8Array>), TypeError);
});

Deno.test("PcapReader.forEach({ reuse: true }) hands one object with the fields and bytes fresh records have", async () => {
  for (const [file, chunk] of [[classic(true, true), 7], [everything(false), 13]] as const) {
    for (const copy of [false, true]) {
      const fresh = await readAll(file, { chunk });
      const reader = await PcapReader.from(chunkedStream(file, chunk), { copy });
      const seen = new Set<object>();
      const got: PcapRecord[] = [];
      await reader.forEach((r) => {
        seen.add(r);
        const { wireLen, sec, nsec, ifIndex, linkType } = r;
        got.push({ data: r.data.slice(), wireLen, sec, nsec, ifIndex, linkType });
      }, { reuse: true });
      assert.equal(seen.size, 1);
      assert.deepEqual(got, fresh.records);
    }
  }
});
