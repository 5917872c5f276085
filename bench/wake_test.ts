import assert from "node:assert/strict";
import { parseWakeArgs } from "./wake.ts";

const wakeTs = new URL("./wake.ts", import.meta.url).pathname;
const hasCc = await new Deno.Command("cc", { args: ["--version"], stdout: "null", stderr: "null" })
  .output().then((o) => o.success, () => false);
if (!hasCc) console.log("bench/wake_test.ts: no cc (the shim cannot be built), the run is skipped");

Deno.test("parseWakeArgs() takes --period and --count and refuses anything else in one line", () => {
  assert.deepEqual(parseWakeArgs([]), { periodMs: 3, count: 1000 });
  assert.deepEqual(parseWakeArgs(["--count", "5", "--period", "1"]), { periodMs: 1, count: 5 });
  assert.throws(() => parseWakeArgs(["--count", "0"]), {
    message: `--count needs a whole number >= 1, not "0"`,
  });
  assert.throws(() => parseWakeArgs(["--period"]), {
    message: `--period needs a whole number >= 1, not ""`,
  });
  assert.throws(() => parseWakeArgs(["--fast"]), { message: `unknown option "--fast"` });
});

Deno.test("wake.ts refuses a bad option with one line and exit status 2", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", wakeTs, "--count", "x"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 2);
  assert.equal(
    new TextDecoder().decode(out.stderr),
    `wake: Cannot start: --count needs a whole number >= 1, not "x" (see --help)\n`,
  );
});

Deno.test({
  name: "wake.ts measures the CPU of each way of waiting, per wake-up, and ends by itself",
  ignore: !hasCc,
  async fn() {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-all", wakeTs, "--period", "1", "--count", "50"],
      stdout: "piped",
      stderr: "piped",
      signal: AbortSignal.timeout(60_000),
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, stderr);
    const r = JSON.parse(new TextDecoder().decode(out.stdout).trim());
    assert.deepEqual([r.periodMs, r.count], [1, 50]);
    for (const way of ["thread", "poll"]) {
      // A wake-up is a futex and a turn of the event loop at least: never free.
      assert.ok(r[way].mainUs > 0, `${way}: ${JSON.stringify(r)}`);
      assert.ok(r[way].otherUs > 0, `${way}: the waiting thread worked: ${JSON.stringify(r)}`);
      assert.ok(r[way].mainUs < 100_000, `${way}: under 0.1 s a wake: ${JSON.stringify(r)}`);
    }
  },
});
