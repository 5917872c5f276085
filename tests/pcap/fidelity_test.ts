/**
 * `sniff -r in -w out` against `tcpdump -r in -w out` on files that stretch the formats: a
 * snaplen above 262144 or of 0, timestamps out of the usual range (microseconds of a second
 * or more, fractions of 2^31 and more, seconds past 2^32 from pcapng), pcapng in (µs, ns,
 * binary resolutions, several sections) with pcap out, the versions libpcap refuses, and
 * damaged files. Per file: the same exit status, the same output bytes, and on failure one
 * line naming the offset (tcpdump names none). With and without `--nano`, and with `-c` and a
 * filter.
 */
import assert from "node:assert/strict";
import { have } from "../../pcap/_testing.ts";

const TCPDUMP = await have("tcpdump");
const AS_ROOT = Deno.uid() === 0 ? ["-Z", "root"] : [];
const SNIFF = new URL("../../examples/sniff.ts", import.meta.url).pathname;

const u32 = (v: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, true);
  return [...b];
};
const u16 = (v: number) => [v & 255, v >> 8];
const frame = (n: number) =>
  Array.from({ length: n }, (_, i) => i === 12 ? 0x08 : i === 13 ? 0 : (i * 7) & 255);
/** A little-endian pcap file header. */
const hdr = (magic: number, major: number, minor: number, snap: number, linkType = 1) => [
  ...u32(magic),
  ...u16(major),
  ...u16(minor),
  ...u32(0),
  ...u32(0),
  ...u32(snap),
  ...u32(linkType),
];
const MICRO = 0xa1b2c3d4, NANO = 0xa1b23c4d;
const rec = (sec: number, frac: number, cap: number, wire = cap, data = frame(cap)) => [
  ...u32(sec),
  ...u32(frac),
  ...u32(cap),
  ...u32(wire),
  ...data,
];
const pad = (a: number[]) => {
  while (a.length % 4) a.push(0);
  return a;
};
const block = (type: number, body: number[]) => {
  const len = 12 + body.length;
  return [...u32(type), ...u32(len), ...body, ...u32(len)];
};
const shb = (major = 1, minor = 0) =>
  block(0x0a0d0d0a, [
    ...u32(0x1a2b3c4d),
    ...u16(major),
    ...u16(minor),
    ...u32(0xffffffff),
    ...u32(0xffffffff),
  ]);
const idb = (linkType: number, snap: number, tsresol?: number) =>
  block(1, [
    ...u16(linkType),
    ...u16(0),
    ...u32(snap),
    ...(tsresol === undefined ? [] : [...u16(9), ...u16(1), tsresol, 0, 0, 0, ...u32(0)]),
  ]);
const epb = (ifc: number, ts: bigint, cap: number) =>
  block(
    6,
    pad([
      ...u32(ifc),
      ...u32(Number(ts >> 32n)),
      ...u32(Number(ts & 0xffffffffn)),
      ...u32(cap),
      ...u32(cap),
      ...frame(cap),
    ]),
  );

/** name → file bytes. Names say what each file tries. */
const FILES: Record<string, number[][]> = {
  "snaplen-above-max.pcap": [hdr(MICRO, 2, 4, 1_000_000), rec(1, 2, 60), rec(2, 3, 100)],
  "snaplen-0.pcap": [hdr(MICRO, 2, 4, 0), rec(1, 2, 60)],
  "caplen-above-snaplen.pcap": [hdr(MICRO, 2, 4, 40), rec(1, 2, 60), rec(2, 2, 60)],
  "usec-out-of-range.pcap": [
    hdr(MICRO, 2, 4, 65535),
    rec(1, 1_500_000, 60),
    rec(7, 0x80000000, 60),
    rec(0xffffffff, 0xffffffff, 60),
  ],
  "nsec-out-of-range.pcap": [
    hdr(NANO, 2, 4, 65535),
    rec(1, 1_500_000_000, 60),
    rec(5, 123_456_789, 60),
    rec(6, 0x80000001, 60),
    rec(0xffffffff, 0xffffffff, 60),
  ],
  "version-2.2-swapped-lengths.pcap": [hdr(MICRO, 2, 2, 65535), rec(1, 2, 80, 60, frame(60))],
  "version-2.3-maybe-swapped.pcap": [hdr(MICRO, 2, 3, 65535), rec(1, 2, 60, 40, frame(40))],
  "version-543.0.pcap": [hdr(MICRO, 543, 0, 65535), rec(1, 2, 60, 40, frame(40))],
  "version-1.0.pcap": [hdr(MICRO, 1, 0, 65535), rec(1, 2, 60)],
  "version-2.5.pcap": [hdr(MICRO, 2, 5, 65535), rec(1, 2, 60)],
  "version-3.0.pcap": [hdr(MICRO, 3, 0, 65535), rec(1, 2, 60)],
  "short-file-header.pcap": [hdr(MICRO, 2, 4, 65535).slice(0, 20)],
  "truncated-record-header.pcap": [
    hdr(MICRO, 2, 4, 65535),
    rec(1, 2, 60),
    rec(2, 2, 60).slice(0, 10),
  ],
  "truncated-record.pcap": [hdr(MICRO, 2, 4, 65535), rec(1, 2, 60), rec(2, 2, 60).slice(0, 40)],
  "caplen-above-max.pcap": [
    hdr(MICRO, 2, 4, 65535),
    rec(1, 2, 60),
    rec(2, 2, 300000, 300000, frame(10)),
  ],
  "ng-micro.pcapng": [shb(), idb(1, 65535), epb(0, 1_700_000_000_123_456n, 60)],
  "ng-seconds-past-2^32.pcapng": [shb(), idb(1, 65535), epb(0, 2n ** 33n * 1_000_000n + 5n, 70)],
  "ng-nano.pcapng": [
    shb(),
    idb(1, 65535, 9),
    epb(0, 1_700_000_000_123_456_789n, 60),
    epb(0, 2n ** 33n * 1_000_000_000n + 5n, 70),
  ],
  "ng-binary-2^-20.pcapng": [
    shb(),
    idb(1, 65535, 0x80 | 20),
    epb(0, (1_700_000_000n << 20n) + 12345n, 60),
    epb(0, (5n << 20n) + 1048575n, 60),
  ],
  "ng-snaplen-0.pcapng": [shb(), idb(1, 0), epb(0, 1_000_000n, 60)],
  "ng-snaplen-above-max.pcapng": [shb(), idb(1, 1_000_000), epb(0, 1_000_000n, 60)],
  "ng-two-sections.pcapng": [
    shb(),
    idb(1, 65535),
    epb(0, 1_000_000n, 60),
    shb(1, 1), // a later section's minor version is not checked
    idb(1, 65535),
    epb(0, 2_000_000n, 60),
  ],
  "ng-version-1.2.pcapng": [shb(1, 2), idb(1, 65535), epb(0, 1_000_000n, 60)],
  "ng-version-1.1.pcapng": [shb(1, 1), idb(1, 65535), epb(0, 1_000_000n, 60)],
  "ng-version-2.0.pcapng": [shb(2, 0), idb(1, 65535), epb(0, 1_000_000n, 60)],
  "ng-truncated-block.pcapng": [
    shb(),
    idb(1, 65535),
    epb(0, 1_000_000n, 60),
    epb(0, 2_000_000n, 60).slice(0, 50),
  ],
  "ng-bad-block-length.pcapng": [
    shb(),
    idb(1, 65535),
    epb(0, 1_000_000n, 60),
    [...u32(6), ...u32(13), ...u32(0), ...u32(0)],
  ],
};

const tmp = await Deno.makeTempDir({ prefix: "tpacket-fidelity-" });

interface Outcome {
  code: number;
  stderr: string[];
  out: Uint8Array | undefined;
}

async function outcome(cmd: string, args: string[], out: string): Promise<Outcome> {
  const r = await new Deno.Command(cmd, { args, stdout: "null", stderr: "piped" }).output();
  let bytes: Uint8Array | undefined;
  try {
    bytes = await Deno.readFile(out);
  } catch {
    bytes = undefined;
  }
  const stderr = new TextDecoder().decode(r.stderr).split("\n").filter((l) => l !== "");
  return { code: r.code, stderr, out: bytes };
}

/** Maps `items` through `fn` with at most `width` calls running at once, keeping the order. */
async function pool<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return out;
}

Deno.test({
  name: "sniff -r in -w out writes what tcpdump -r in -w out writes, or fails where it fails",
  ignore: !TCPDUMP,
  fn: async (t) => {
    for (const [name, parts] of Object.entries(FILES)) {
      await Deno.writeFile(`${tmp}/${name}`, new Uint8Array(parts.flat()));
    }
    // As tcpdump reads them, nanoseconds kept, and with a count and a filter that keeps some
    // records and drops others (the copy runs that skip records).
    const variants = [
      { tag: "micro", before: [], after: [] },
      { tag: "nano", before: ["--time-stamp-precision=nano"], after: [] },
      { tag: "filter", before: ["-c", "2"], after: ["len", "!=", "60"] },
    ];
    for (const { tag, before, after } of variants) {
      // Three files at a time: the suite runs beside live tests that a burst of processes
      // would starve.
      const results = await pool(
        Object.keys(FILES),
        3,
        async (name) => {
          const input = `${tmp}/${name}`;
          const theirs = await outcome("tcpdump", [
            ...AS_ROOT,
            ...before,
            "-r",
            input,
            "-w",
            `${input}.${tag}.tcpdump`,
            ...after,
          ], `${input}.${tag}.tcpdump`);
          const ours = await outcome(Deno.execPath(), [
            "run",
            "--allow-read",
            "--allow-write",
            SNIFF,
            ...before,
            "-r",
            input,
            "-w",
            `${input}.${tag}.ours`,
            ...after,
          ], `${input}.${tag}.ours`);
          return { name: `${name} ${tag}`, theirs, ours };
        },
      );
      for (const { name, theirs, ours } of results) {
        await t.step(name, () => {
          assert.equal(ours.code, theirs.code, `exit status; ours said ${ours.stderr.at(-1)}`);
          assert.deepEqual(ours.out, theirs.out, "output file");
          if (theirs.code !== 0) {
            // Their one error line (after "reading from file" when the header was good); ours
            // says the same in one line, with the offset.
            assert.equal(ours.stderr.length, theirs.stderr.length, ours.stderr.join("\n"));
            assert.match(ours.stderr.at(-1)!, /^sniff: Cannot read ".*": .* at offset \d+$/);
          }
        });
      }
    }
  },
});

Deno.test("fidelity: remove the temporary directory", async () => {
  await Deno.remove(tmp, { recursive: true });
});
