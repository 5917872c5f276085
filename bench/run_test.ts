import assert from "node:assert/strict";

const runTs = new URL("./run.ts", import.meta.url).pathname;
const isRoot = Deno.uid() === 0;
const has = (cmd: string) =>
  new Deno.Command(cmd, { args: ["--version"], stdout: "null", stderr: "null" }).output().then(
    (o) => o.success,
    () => false,
  );
const hasTcpdump = await has("tcpdump");
const hasCc = await has("cc");
const hasSetpriv = await new Deno.Command("setpriv", {
  args: ["--help"],
  stdout: "null",
  stderr: "null",
})
  .output().then((o) => o.success, () => false);
if (!isRoot || !hasTcpdump || !hasCc) {
  console.log("bench/run_test.ts: needs root, cc and tcpdump for the end-to-end run, skipped");
}

async function bench(args: string[], env: Record<string, string> = {}) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", runTs, ...args],
    env: { NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const d = new TextDecoder();
  return { code: out.code, stdout: d.decode(out.stdout), stderr: d.decode(out.stderr) };
}

Deno.test("run.ts refuses bad options with one line and exit status 2, and --help says what exists", async () => {
  const cases: [string[], string][] = [
    [["--nope"], `bench: Cannot start: unknown option "--nope" (see --help)\n`],
    [["--rates", "1,x"], `bench: Cannot start: rate "x" is not a whole number (see --help)\n`],
    [
      ["--sizes", "2000"],
      `bench: Cannot start: size 2000 is outside 42..1514 bytes (see --help)\n`,
    ],
    [["--long"], `bench: Cannot start: option "--long" needs a value (see --help)\n`],
    [
      ["--contenders", "wireshark"],
      `bench: Cannot start: unknown contender "wireshark" (known: tcpdump, raw, count, batch, worker, sniff, tcpdump-file, sniff-file, timer, worker-timer, batch-timer, count-poll, batch-poll, count-coalesce, batch-coalesce, count-plain, batch-plain, top, fanout1, fanout2, fanout4) (see --help)\n`,
    ],
  ];
  for (const [args, message] of cases) {
    const r = await bench(args);
    assert.equal(r.stderr, message);
    assert.equal(r.code, 2);
  }
  const help = await bench(["--help"]);
  assert.equal(help.code, 0);
  for (const option of ["--quick", "--rates", "--long", "--contenders", "--skip", "--out"]) {
    assert.match(help.stdout, new RegExp(`^  ${option} `, "m"));
  }
});

Deno.test({
  name: "run.ts says in one line that it needs root and exits non-zero",
  ignore: !isRoot || !hasSetpriv,
  async fn() {
    // Deno keeps a cache; give the unprivileged user one of its own.
    const denoDir = await Deno.makeTempDir({ prefix: "tpacket-bench-" });
    try {
      await Deno.chmod(denoDir, 0o777);
      const out = await new Deno.Command("setpriv", {
        args: [
          "--reuid",
          "65534",
          "--regid",
          "65534",
          "--clear-groups",
          Deno.execPath(),
          "run",
          "--allow-all",
          runTs,
        ],
        env: { NO_COLOR: "1", DENO_DIR: denoDir },
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.equal(
        new TextDecoder().decode(out.stderr),
        "bench: Cannot run: needs root to create a veth pair and capture on it (try sudo)\n",
      );
      assert.equal(out.code, 1);
    } finally {
      await Deno.remove(denoDir, { recursive: true });
    }
  },
});

Deno.test({
  name: "run.ts end to end: one step against tcpdump gives a table with exact counts and cleans up",
  ignore: !isRoot || !hasTcpdump || !hasCc,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "tpacket-bench-" });
    try {
      const out = `${dir}/report.md`;
      const r = await bench([
        "--contenders",
        "tcpdump",
        "--rates",
        "100000",
        "--seconds",
        "0.2",
        "--sizes",
        "64",
        "--skip",
        "long,files,micro,replay",
        "--out",
        out,
      ]);
      assert.equal(r.code, 0, r.stderr);
      const report = Deno.readTextFileSync(out);
      assert.equal(r.stdout.trim(), report.trim());
      assert.match(report, /`deno task bench --contenders tcpdump --rates 100000 .*--out /);
      // 0.2 s at 100k/s is below the 50000-frame floor of a step. On a busy machine tcpdump
      // may drop some; what it saw and dropped still adds up to what was sent.
      const row =
        /^\| 64 \| 100k\/s \| [\d.]+k\/s \| tcpdump \| 50000 \| (\d+) \| (\d+) \| [\d.]+% \| [\d.]+ \| \d+ \| [\d.]+ \| {2}\| {2}\|$/m
          .exec(report);
      assert.ok(row, report);
      assert.equal(Number(row[1]) + Number(row[2]), 50000);
      assert.match(report, /^\| 64 \| tcpdump \| \d+ \| (\d+k\/s \(all rates\)|none) \|/m);
      const pair = /^bench: veth pair (\S+) → (\S+)$/m.exec(r.stderr);
      assert.ok(pair, r.stderr);
      for (const name of pair.slice(1)) {
        assert.throws(() => Deno.statSync(`/sys/class/net/${name}`), Deno.errors.NotFound);
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
