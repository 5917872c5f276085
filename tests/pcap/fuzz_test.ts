/**
 * Damaged files, with a fixed seed: every truncation of small pcap and pcapng files, and
 * thousands of byte flips. The reader may only ever throw PcapFormatError, and must have
 * delivered every good record before the damage, unchanged.
 */
import assert from "node:assert/strict";
import {
  PcapFormatError,
  PcapReader,
  type PcapRecord,
  PcapWriter,
  type PcapWriterOptions,
} from "tpacket/pcap";
import {
  concat,
  endOfOptions,
  idb,
  isb,
  opb,
  option,
  readAll,
  rng,
  shb,
  spb,
  u8,
} from "../../pcap/_testing.ts";

async function written(options: PcapWriterOptions, count: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const writer = new PcapWriter(new WritableStream({ write: (c) => void chunks.push(c) }), options);
  for (let i = 0; i < count; i++) {
    const data = new Uint8Array(i * 13 % 50 + 1).fill(i + 1);
    await writer.write({
      data,
      wireLen: data.length + i,
      sec: 1000 + i,
      nsec: i * 1001,
      ifIndex: i % 2,
    });
  }
  await writer.close();
  return concat(...chunks);
}

/** End offsets of the file header and every record (pcap) or block (pcapng). */
function boundaries(file: Uint8Array): number[] {
  const dv = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const ends: number[] = [];
  if (dv.getUint32(0, true) === 0x0a0d0d0a) {
    for (let at = 0; at < file.length; at += dv.getUint32(at + 4, true)) {
      ends.push(at + dv.getUint32(at + 4, true));
    }
  } else {
    for (let at = 24; at <= file.length; at += 16 + dv.getUint32(at + 8, true)) {
      ends.push(at);
      if (at === file.length) break;
    }
  }
  return ends;
}

/** File offset just past each record's own block. */
async function recordEnds(file: Uint8Array): Promise<number[]> {
  const reader = await PcapReader.from(new Blob([file.slice()]).stream());
  const ends: number[] = [];
  while (await reader.read()) ends.push(reader.offset);
  return ends;
}

const key = (r: PcapRecord) =>
  `${r.sec}.${r.nsec} ${r.ifIndex}/${r.linkType} ${r.wireLen} ${r.data.toHex()}`;

const files: [string, Uint8Array][] = [
  ["pcap µs", await written({}, 5)],
  ["pcap ns", await written({ nanoseconds: true, snapLen: 30 }, 5)],
  ["pcapng", await written({ format: "pcapng", nanoseconds: true }, 5)],
  [
    "pcapng with SPB, OPB, ISB, options",
    concat(
      shb(true),
      idb(
        true,
        1,
        40,
        concat(
          option(true, 2, new TextEncoder().encode("eth0")),
          option(true, 9, u8(0x84)),
          endOfOptions(true),
        ),
      ),
      spb(true, 70, new Uint8Array(50).fill(3)),
      opb(true, 0, 12345n, new Uint8Array(9).fill(4), 9),
      isb(true, 0, 10n, 1n),
      spb(true, 5, new Uint8Array(5).fill(6)),
    ),
  ],
];

for (const [name, file] of files) {
  Deno.test(`PcapReader on every truncation of a ${name} file: good records first, then PcapFormatError`, async () => {
    const full = await readAll(file);
    assert.equal(full.error, undefined);
    const ends = boundaries(file);
    const ng = file[0] === 0x0a;
    const goodEnds = await recordEnds(file);
    const firstGood = ng ? ends[1]! : 24; // after the first IDB, or the file header
    for (let cut = 0; cut <= file.length; cut++) {
      const { records, error } = await readAll(file.subarray(0, cut), { chunk: 1 + (cut % 7) });
      const expected = goodEnds.filter((end) => end <= cut).length;
      assert.deepEqual(records.map(key), full.records.slice(0, expected).map(key), `cut at ${cut}`);
      const clean = cut >= firstGood && ends.includes(cut);
      assert.equal(error === undefined, clean, `cut at ${cut}: ${error?.message}`);
      if (error) assert.ok(error.offset <= cut, error.message);
    }
  });
}

Deno.test("PcapReader on 4000 files with flipped bytes: only PcapFormatError, good prefix intact", async () => {
  const random = rng(20240601);
  const known = await Promise.all(files.map(async ([, file]) => ({
    file,
    full: await readAll(file),
    ends: await recordEnds(file),
    headerEnd: file[0] === 0x0a ? boundaries(file)[1]! : 24,
  })));
  let errors = 0;
  for (let round = 0; round < 4000; round++) {
    const { file: original, full, ends, headerEnd } = known[round % known.length]!;
    const file = original.slice();
    let first = file.length;
    const flips = 1 + Math.floor(random() * 4);
    for (let i = 0; i < flips; i++) {
      const at = Math.floor(random() * file.length);
      const kind = random();
      if (kind < 0.5) file[at] = file[at]! ^ (1 << Math.floor(random() * 8));
      else if (kind < 0.8) file[at] = Math.floor(random() * 256);
      else file.fill(0xff, at, at + 4); // a huge length field
      first = Math.min(first, at);
    }
    const cut = random() < 0.2 ? Math.floor(random() * file.length) : file.length;
    let result;
    try {
      result = await readAll(file.subarray(0, cut), {
        chunk: 1 + Math.floor(random() * 64),
        bufferSize: 64,
      });
    } catch (error) {
      assert.fail(`round ${round}: ${error instanceof Error ? error.stack : error}`);
    }
    if (result.error) {
      errors++;
      assert.ok(result.error instanceof PcapFormatError);
      assert.doesNotMatch(result.error.message, /\n/);
    }
    // Records lying wholly before the first damaged byte (and the cut) come out unchanged.
    const intact = full.records.length && result.records.length
      ? result.records.findIndex((r, i) => key(r) !== key(full.records[i]!))
      : -1;
    const delivered = intact === -1 ? result.records.length : intact;
    const limit = Math.min(first, cut);
    const mustHave = ends.filter((end) => end <= limit).length;
    // Damage in a header (snaplen, interface) may legitimately change earlier records' view,
    // so the check applies from the first record on; a flip inside the headers is exempt.
    if (first >= headerEnd) {
      assert.ok(delivered >= mustHave, `round ${round}: ${delivered} < ${mustHave}`);
    }
  }
  assert.ok(errors > 1000, `only ${errors} damaged files were noticed`);
});
