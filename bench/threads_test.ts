import assert from "node:assert/strict";

const threadsTs = new URL("./threads.ts", import.meta.url).pathname;
const countTs = new URL("./count.ts", import.meta.url).pathname;
const isRoot = Deno.uid() === 0;
const hasCc = await new Deno.Command("cc", { args: ["--version"], stdout: "null", stderr: "null" })
  .output().then((o) => o.success, () => false);
if (!isRoot || !hasCc) {
  console.log("bench/threads_test.ts: needs root (a veth pair, a packet socket) and cc, skipped");
}

async function threads(args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", threadsTs, ...args],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const d = new TextDecoder();
  return { code: out.code, stdout: d.decode(out.stdout), stderr: d.decode(out.stderr) };
}

Deno.test("threads.ts refuses bad options with one line and exit status 2", async () => {
  for (
    const [args, line] of [
      [["--size", "9", "--", "x"], "size 9 is outside 42..1514 bytes"],
      [["--rate", "fast", "--", "x"], `--rate needs a whole number, not "fast"`],
      [["--colour", "--", "x"], `unknown option "--colour"`],
      [["--size", "64"], "no program after --"],
    ] as const
  ) {
    const r = await threads([...args]);
    assert.deepEqual([r.code, r.stderr], [2, `threads: Cannot start: ${line} (see --help)\n`]);
  }
});

Deno.test({
  name: "threads.ts reports the CPU of a worker-engine counter per thread, for the packets it sent",
  ignore: !isRoot || !hasCc,
  async fn() {
    const r = await threads([
      "--count",
      "200000",
      "--rate",
      "200000",
      "--every",
      "500",
      "--json",
      "--",
      Deno.execPath(),
      "run",
      "--allow-ffi",
      "--allow-read",
      "--allow-env",
      countTs,
      "{if}",
      "--worker",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split("\n");
    const m = /^sent 200000, captured (\d+), dropped \d+: [\d.]+ ms = (\d+) ns\/packet; (.*)$/.exec(
      lines.at(-1)!,
    );
    assert.ok(m, lines.at(-1));
    assert.ok(Number(m[1]) > 180_000, `captured ${m[1]}`);
    // The worker engine's thread does the counting: it is named, and has most of the CPU (200k
    // frames, so the count outweighs the other threads' fixed costs even on a loaded machine:
    // 50k frames were ~4 ms of counting, no more than a compile thread's share under load).
    // Each thread as "name/tid ns (sleeps sleeps)".
    const parts = m[3]!.split(", ").map((p) => /^(.+)\/\d+ (\d+) \((\d+) sleeps\)$/.exec(p));
    assert.ok(parts.every((p) => p !== null), m[3]);
    const total = parts.reduce((n, p) => n + Number(p![2]), 0);
    const worker = parts.find((p) => p![1]!.startsWith("worker-"));
    assert.ok(worker, m[3]);
    assert.ok(Number(worker[2]) * 2 > total, m[3]);
    // It sleeps in its poll between blocks: 200k 64-byte frames fill ~115 blocks of 256 KiB.
    assert.ok(Number(worker[3]) >= 20, m[3]);
    assert.ok(Number(m[2]) > 0);
    // The steps of --every 500: the traffic (1 s) and the drain (1.6 s) take at least four.
    assert.ok(lines.filter((l) => /^\d+ ms: /.test(l)).length >= 4, r.stdout);
  },
});
