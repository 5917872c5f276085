import assert from "node:assert/strict";
import { RotatingPcapWriter, type RotatingPcapWriterOptions } from "./mod.ts";
import { strftime } from "./_strftime.ts";
import { concat, readAll } from "./_testing.ts";

/** Files in memory: name → bytes, in the order they were (re)opened. */
function memoryFiles() {
  const files = new Map<string, Uint8Array[]>();
  const opened: string[] = [];
  const open = (path: string) => {
    opened.push(path);
    const chunks: Uint8Array[] = [];
    files.set(path, chunks);
    return Promise.resolve(new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c) }));
  };
  const bytes = (path: string) => concat(...files.get(path)!);
  return { open, opened, files, bytes };
}

const packet = (sec: number, len = 100) => ({
  data: new Uint8Array(len).fill(sec & 0xff),
  wireLen: len,
  sec,
  nsec: 0,
});

async function secondsIn(files: ReturnType<typeof memoryFiles>, path: string): Promise<number[]> {
  const { records, error } = await readAll(files.bytes(path));
  assert.equal(error, undefined);
  return records.map((r) => r.sec);
}

Deno.test("RotatingPcapWriter -C: name, name1, name2… each rotated once larger than the size", async () => {
  const files = memoryFiles();
  const closed: string[] = [];
  const writer = await RotatingPcapWriter.open("cap", {
    fileSize: 300,
    open: files.open,
    onFileClosed: (p, rotated) => void closed.push(`${p}${rotated ? " rotated" : ""}`),
  });
  for (let i = 0; i < 7; i++) {
    await writer.write(packet(i));
    assert.equal(writer.limitReached, false);
  }
  await writer.close();
  // 24 + 116 = 140, 256, 372 > 300: three packets per file.
  assert.deepEqual(files.opened, ["cap", "cap1", "cap2"]);
  assert.deepEqual(closed, ["cap rotated", "cap1 rotated", "cap2"]);
  assert.deepEqual(await secondsIn(files, "cap"), [0, 1, 2]);
  assert.deepEqual(await secondsIn(files, "cap1"), [3, 4, 5]);
  assert.deepEqual(await secondsIn(files, "cap2"), [6]);
});

Deno.test("RotatingPcapWriter -C -W: numbers padded to the digits of W-1 and wrapping", async () => {
  const cases: [number, string[]][] = [
    [1, ["d", "d", "d"]], // tcpdump: -W 1 → no digits, the one file is rewritten
    [2, ["d0", "d1", "d0"]],
    [10, ["d0", "d1", "d2"]],
    [11, ["d00", "d01", "d02"]],
  ];
  for (const [fileCount, names] of cases) {
    const files = memoryFiles();
    const writer = await RotatingPcapWriter.open("d", {
      fileSize: 200,
      fileCount,
      open: files.open,
    });
    for (let i = 0; i < 6; i++) await writer.write(packet(i));
    await writer.close();
    assert.deepEqual(files.opened, names, `-W ${fileCount}`);
  }
});

Deno.test("RotatingPcapWriter -G: strftime names at each rotation time; -W stops after W files", async () => {
  const files = memoryFiles();
  const start = new Date(2025, 5, 30, 23, 59, 50).getTime(); // local time
  let clock = start;
  const closed: string[] = [];
  const options: RotatingPcapWriterOptions = {
    rotateSeconds: 10,
    fileCount: 3,
    open: files.open,
    now: () => clock,
    onFileClosed: (p, rotated) => void closed.push(`${p}${rotated ? " rotated" : ""}`),
  };
  const writer = await RotatingPcapWriter.open("%Y%m%d-%H%M%S.pcap", options);
  assert.equal(writer.path, "20250630-235950.pcap");
  const results: boolean[] = [];
  for (
    const [offset, sec] of [[0, 1], [9_999, 2], [10_000, 3], [25_500, 4], [34_999, 5], [35_000, 6]]
  ) {
    clock = start + offset!;
    await writer.write(packet(sec!));
    results.push(!writer.limitReached);
  }
  await writer.close();
  assert.deepEqual(results, [true, true, true, true, true, false]);
  assert.deepEqual(files.opened, [
    "20250630-235950.pcap",
    "20250701-000000.pcap",
    "20250701-000015.pcap",
  ]);
  // The file that reaches the -W limit was closed because its time was up, as -z sees it.
  assert.deepEqual(closed, [
    "20250630-235950.pcap rotated",
    "20250701-000000.pcap rotated",
    "20250701-000015.pcap rotated",
  ]);
  assert.deepEqual(await secondsIn(files, "20250630-235950.pcap"), [1, 2]);
  assert.deepEqual(await secondsIn(files, "20250701-000000.pcap"), [3]);
  assert.deepEqual(await secondsIn(files, "20250701-000015.pcap"), [4, 5]);
});

Deno.test("RotatingPcapWriter -G with -C: each period restarts the numbering", async () => {
  const files = memoryFiles();
  let clock = 0;
  const writer = await RotatingPcapWriter.open("x", {
    rotateSeconds: 60,
    fileSize: 200,
    fileCount: 5,
    open: files.open,
    now: () => clock,
  });
  for (let i = 0; i < 4; i++) await writer.write(packet(i));
  clock = 60_000;
  for (let i = 4; i < 7; i++) await writer.write(packet(i));
  await writer.close();
  // -W with -C never stops; names carry one digit (of 5 - 1).
  assert.deepEqual(files.opened, ["x0", "x1", "x0", "x1"]);
  assert.deepEqual(await secondsIn(files, "x0"), [4, 5]);
});

Deno.test("RotatingPcapWriter rejects limits that are not positive integers", async () => {
  const open = () => Promise.resolve(new WritableStream<Uint8Array>());
  await assert.rejects(RotatingPcapWriter.open("a", { fileSize: 0, open }), {
    name: "RangeError",
    message: "Cannot rotate capture files: fileSize 0 is not a positive integer",
  });
  await assert.rejects(
    RotatingPcapWriter.open("a", { rotateSeconds: 1.5, open }),
    RangeError,
  );
  await assert.rejects(RotatingPcapWriter.open("a", { fileCount: -1, open }), RangeError);
  await assert.rejects(RotatingPcapWriter.open("", { open }), TypeError);
});

let dateWorks = true;
try {
  new Deno.Command("date", { args: ["+%s"], stdout: "null" }).outputSync();
} catch {
  dateWorks = false;
  console.log(
    "pcap/rotate_test.ts: date(1) is not available, the strftime() comparison is ignored",
  );
}

Deno.test({
  name: "strftime() agrees with date(1) on every conversion",
  ignore: !dateWorks,
}, async (t) => {
  const format =
    "%a %A %b %B %c|%C %d %D %e %F %g %G %h %H %I %j %k %l %m %M %n %p %r %R %s %S %t %T %u %U %V %w %W %x %X %y %Y %z %Z %% %Q";
  const stamps = [
    0,
    951782400,
    1104537599,
    1230768000,
    1609459200,
    1719791999,
    1735689600,
    2147483647,
  ];
  const out = await new Deno.Command("sh", {
    args: ["-c", stamps.map((s) => `LC_ALL=C date -d @${s} '+${format}'; echo '@@'`).join(";")],
    stdout: "piped",
  }).output();
  const expected = new TextDecoder().decode(out.stdout).split("\n@@\n");
  for (const [i, s] of stamps.entries()) {
    await t.step(`${s}`, () => assert.equal(strftime(format, new Date(s * 1000)), expected[i]));
  }
});
