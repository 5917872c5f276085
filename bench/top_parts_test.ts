import assert from "node:assert/strict";

const threadsTs = new URL("./threads.ts", import.meta.url).pathname;
const partsTs = new URL("./top_parts.ts", import.meta.url).pathname;
const isRoot = Deno.uid() === 0;
const hasCc = await new Deno.Command("cc", { args: ["--version"], stdout: "null", stderr: "null" })
  .output().then((o) => o.success, () => false);
if (!isRoot || !hasCc) {
  console.log("bench/top_parts_test.ts: needs root (a veth pair, a packet socket) and cc, skipped");
}

async function run(program: string, args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", program, ...args],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const d = new TextDecoder();
  return { code: out.code, stdout: d.decode(out.stdout), stderr: d.decode(out.stderr) };
}

Deno.test("top_parts.ts refuses a missing or unknown mode with one line and exit status 2", async () => {
  for (const args of [["lo"], ["lo", "fast"], ["lo", "table", "x"]]) {
    const r = await run(partsTs, args);
    assert.deepEqual(
      [r.code, r.stderr],
      [
        2,
        "top_parts: Cannot start: usage is top_parts.ts DEVICE count|touch|table|runs|table-ts|runs-ts\n",
      ],
    );
  }
});

Deno.test({
  name: "top_parts.ts captures the benchmark's traffic in each mode, under threads.ts",
  ignore: !isRoot || !hasCc,
  async fn() {
    for (const mode of ["count", "touch", "table", "runs", "table-ts"]) {
      const r = await run(threadsTs, [
        "--count",
        "100000",
        "--rate",
        "100000",
        "--json",
        "--",
        Deno.execPath(),
        "run",
        "--allow-all",
        partsTs,
        "{if}",
        mode,
      ]);
      assert.equal(r.code, 0, `${mode}: ${r.stderr}`);
      const line = r.stdout.trim().split("\n").at(-1)!;
      const m = /^sent 100000, captured (\d+), dropped \d+: [\d.]+ ms = \d+ ns\/packet; /.exec(
        line,
      );
      assert.ok(m, `${mode}: ${line}`);
      assert.ok(Number(m[1]) > 90_000, `${mode}: captured ${m[1]}`);
    }
  },
});
