import assert from "node:assert/strict";
import {
  buildGenerator,
  buildRawCounter,
  ContenderProcess,
  createVethPair,
  losslessRate,
  lossRatio,
  parseBashTimes,
  parseCountJson,
  parseGenResult,
  parseStatCpuTicks,
  parseTcpdumpSummary,
  run,
  runGenerator,
  sameBytes,
  timedRun,
} from "./harness.ts";

const isRoot = Deno.uid() === 0;
const hasTcpdump = await new Deno.Command("tcpdump", {
  args: ["--version"],
  stdout: "null",
  stderr: "null",
})
  .output().then((o) => o.success, () => false);
const hasCc = await new Deno.Command("cc", { args: ["--version"], stdout: "null", stderr: "null" })
  .output().then((o) => o.success, () => false);

if (!hasCc) console.log("bench/harness_test.ts: no cc, the generator tests are skipped");
if (!hasTcpdump) {
  console.log("bench/harness_test.ts: no tcpdump, the comparisons with it are skipped");
}
if (!isRoot) console.log("bench/harness_test.ts: not root, the veth tests are skipped");

Deno.test("parseTcpdumpSummary() reads singular and plural lines and refuses a partial summary", () => {
  const text = "tcpdump: listening on x\n" +
    "2000 packets captured\n2001 packets received by filter\n1 packet dropped by kernel\n";
  assert.deepEqual(parseTcpdumpSummary(text), { captured: 2000, received: 2001, dropped: 1 });
  assert.equal(
    parseTcpdumpSummary("2000 packets captured\n2001 packets received by filter\n"),
    undefined,
  );
  assert.equal(parseTcpdumpSummary(""), undefined);
});

Deno.test("parseCountJson() takes the last complete JSON line and ignores other output", () => {
  const text = 'noise\n{"captured":1}\n{"captured":3,"received":4,"dropped":1,"seqGaps":0}\n\n';
  assert.deepEqual(parseCountJson(text), { captured: 3, received: 4, dropped: 1 });
  assert.equal(parseCountJson('{"captured":1}\n{not json\n'), undefined);
  assert.deepEqual(
    parseCountJson('{"captured":3,"received":4,"dropped":1,"timerP99Ms":1.25,"timerMaxMs":3}'),
    { captured: 3, received: 4, dropped: 1, timerP99Ms: 1.25, timerMaxMs: 3 },
  );
  assert.deepEqual(
    parseCountJson('{"captured":3,"received":4,"dropped":1,"timerP99Ms":1,"timerFloorP99Ms":0.5}'),
    { captured: 3, received: 4, dropped: 1, timerP99Ms: 1, timerFloorP99Ms: 0.5 },
  );
  assert.deepEqual(
    parseCountJson(
      '{"captured":3,"received":4,"dropped":0,"maxUnvisitedMs":2.5,"maxBlocksHeld":3}',
    ),
    { captured: 3, received: 4, dropped: 0, maxUnvisitedMs: 2.5, maxBlocksHeld: 3 },
  );
});

Deno.test("parseGenResult() names a missing field and a line that is not JSON", () => {
  assert.throws(
    () => parseGenResult('{"sent":1,"size":64,"seconds":1,"pps":1}'),
    {
      message:
        `Cannot read the generator's result: "retries" is missing in "{"sent":1,"size":64,"seconds":1,"pps":1}"`,
    },
  );
  assert.throws(() => parseGenResult("gen: oops"), /"gen: oops" is not JSON/);
});

Deno.test("parseStatCpuTicks() reads this process's own stat line and survives odd names", () => {
  assert.equal(parseStatCpuTicks("1 ((x) y)) R 0 1 1 0 -1 0 0 0 0 0 12 30 0 0 20 0 1 0 1 0 0"), 42);
  const own = parseStatCpuTicks(Deno.readTextFileSync("/proc/self/stat"));
  assert.ok(Number.isInteger(own) && own >= 0);
  assert.throws(() => parseStatCpuTicks("garbage"), /is not a \/proc stat line/);
});

Deno.test("losslessRate() and lossRatio() apply the 0.1% threshold", () => {
  assert.equal(lossRatio(0, 0), 0);
  assert.equal(lossRatio(100, 120), 0);
  const steps = [
    { offeredPps: 100, sent: 100_000, captured: 100_000 },
    { offeredPps: 200, sent: 100_000, captured: 99_901 }, // 0.099%: lossless
    { offeredPps: 300, sent: 100_000, captured: 99_900 }, // 0.1%: not
  ];
  assert.deepEqual(losslessRate(steps), { pps: 200, atGeneratorLimit: false });
  assert.deepEqual(losslessRate(steps.slice(0, 2)), { pps: 200, atGeneratorLimit: true });
  assert.deepEqual(losslessRate([{ offeredPps: 5, sent: 10, captured: 0 }]), {
    pps: 0,
    atGeneratorLimit: false,
  });
});

Deno.test("parseBashTimes() and timedRun() measure a child's CPU time", async () => {
  assert.throws(() => parseBashTimes("nope"), /is not bash's times/);
  const busy = await timedRun([
    "bash",
    "-c",
    "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; echo ok",
  ]);
  assert.equal(busy.stdout, "ok\n");
  assert.ok(busy.cpu > 0.05, `a busy loop used ${busy.cpu} s of CPU`);
  assert.ok(busy.wall >= busy.cpu * 0.5);
  await assert.rejects(timedRun(["bash", "-c", "echo broken >&2; exit 3"]), {
    message: `Cannot run "bash -c echo broken >&2; exit 3": broken`,
  });
});

Deno.test({
  name: "gen.c writes frames tcpdump reads as UDP/IPv4 with a varying source port",
  ignore: !hasCc,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "tpacket-bench-" });
    try {
      const gen = await buildGenerator(dir);
      for (const size of [64, 1500]) {
        await run(gen, ["-w", `${dir}/f.pcap`, "-n", "3", "-s", String(size)]);
        const bytes = Deno.readFileSync(`${dir}/f.pcap`);
        assert.equal(bytes.byteLength, 24 + 3 * (16 + size));
        if (!hasTcpdump) continue;
        const text = await run("tcpdump", ["-n", "-r", `${dir}/f.pcap`, "-vv"]);
        const lines = text.trim().split("\n");
        assert.equal(lines.length, 6, text);
        assert.match(lines[0]!, /ttl 64, id 0, offset 0, flags \[none\], proto UDP \(17\)/);
        assert.match(lines[0]!, new RegExp(`length ${size - 14}\\)$`));
        for (let i = 0; i < 3; i++) {
          assert.match(
            lines[2 * i + 1]!.trim(),
            new RegExp(
              `^10\\.200\\.0\\.1\\.${1024 + i} > 10\\.200\\.0\\.2\\.9: \\[no cksum\\] UDP, length ${
                size - 42
              }$`,
            ),
          );
        }
        // tcpdump -vv checks the IPv4 header checksum and says "bad cksum" when it is wrong.
        assert.doesNotMatch(text, /bad cksum/);
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "gen.c refuses bad arguments with one line and exit status 1",
  ignore: !hasCc,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "tpacket-bench-" });
    try {
      const gen = await buildGenerator(dir);
      const cases: [string[], string][] = [
        [["-n", "1", "-s", "64"], "gen: Cannot start: give exactly one of -i IFACE and -w FILE"],
        [["-w", "-", "-n", "x", "-s", "64"], `gen: Cannot start: count "x" is not a whole number`],
        [
          ["-w", "-", "-n", "1", "-s", "20"],
          "gen: Cannot start: size 20 is outside 42..65535 bytes",
        ],
        [
          ["-i", "tpb-none", "-n", "1", "-s", "64"],
          `gen: Cannot find the interface: interface "tpb-none"`,
        ],
      ];
      for (const [args, start] of cases) {
        const out = await new Deno.Command(gen, { args, stdout: "piped", stderr: "piped" })
          .output();
        const err = new TextDecoder().decode(out.stderr);
        assert.equal(out.code, 1, args.join(" "));
        assert.equal(err.split("\n").length, 2, err);
        assert.ok(err.startsWith(start), err);
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "a veth run: tcpdump captures exactly what gen.c sends, and the pair is removed",
  ignore: !isRoot || !hasCc || !hasTcpdump,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "tpacket-bench-" });
    const veth = await createVethPair();
    try {
      const gen = await buildGenerator(dir);
      const spec = {
        name: "tcpdump",
        cmd: [
          "tcpdump",
          "-i",
          "{if}",
          "-w",
          "/dev/null",
          "-B",
          "2048",
          "-s",
          "262144",
          "-Z",
          "root",
        ],
        counts: "tcpdump",
      } as const;
      // Both fit tcpdump's 2 MiB ring whole, so even a descheduled tcpdump loses nothing.
      for (const [size, pps, n] of [[64, 0, 2000], [1500, 20_000, 1000]] as const) {
        const p = await ContenderProcess.start(spec, veth.rx, veth.rxIndex);
        let counts;
        try {
          assert.ok((p.rss() ?? 0) > 0);
          const cpu0 = p.cpu();
          assert.equal(typeof cpu0, "number");
          const sent = await runGenerator(gen, veth.tx, n, size, pps);
          assert.equal(sent.sent, n);
          assert.equal(sent.size, size);
          // TPACKET_V3 hands over a partly filled block after tcpdump's 1 s timeout.
          await new Promise((r) => setTimeout(r, 1500));
          assert.ok(p.cpu()! >= cpu0!);
          counts = await p.stop();
        } finally {
          await p.kill();
        }
        assert.deepEqual(counts, { captured: n, received: n, dropped: 0 });
      }
    } finally {
      await veth.remove();
      await Deno.remove(dir, { recursive: true });
    }
    assert.throws(() => Deno.statSync(`/sys/class/net/${veth.rx}`), Deno.errors.NotFound);
    assert.throws(() => Deno.statSync(`/sys/class/net/${veth.tx}`), Deno.errors.NotFound);
  },
});

Deno.test({
  name: "bench/count.ts counts exactly what gen.c sends, with loop() and with nextBatch()",
  ignore: !isRoot || !hasCc,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "tpacket-bench-" });
    const veth = await createVethPair();
    try {
      const gen = await buildGenerator(dir);
      const count = new URL("./count.ts", import.meta.url).pathname;
      for (const extra of [[], ["--batch"]]) {
        const spec = {
          name: `count.ts ${extra.join(" ")}`,
          cmd: [
            Deno.execPath(),
            "run",
            "--allow-ffi",
            "--allow-read",
            "--allow-env",
            count,
            "{if}",
            ...extra,
          ],
          counts: "json",
        } as const;
        const p = await ContenderProcess.start(spec, veth.rx, veth.rxIndex);
        let counts;
        try {
          const sent = await runGenerator(gen, veth.tx, 3000, 64, 0);
          assert.equal(sent.sent, 3000);
          // count.ts uses tcpdump's 1000 ms block timeout: the last, partly filled block
          // reaches user space only once the kernel retires it.
          await new Promise((r) => setTimeout(r, 1500));
          counts = await p.stop();
        } finally {
          await p.kill();
        }
        assert.ok(counts !== undefined, spec.name);
        const { maxUnvisitedMs, maxBlocksHeld, ...exact } = counts;
        assert.deepEqual(exact, { captured: 3000, received: 3000, dropped: 0 }, spec.name);
        // 3000 frames of 64 B fill 2 blocks of the 8: the line carries the stall figures too.
        assert.ok(maxUnvisitedMs !== undefined && maxUnvisitedMs >= 0, `${maxUnvisitedMs} ms`);
        assert.ok(maxBlocksHeld !== undefined && maxBlocksHeld >= 1 && maxBlocksHeld <= 8);
      }
    } finally {
      await veth.remove();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "raw.c counts exactly what gen.c sends in tcpdump's summary lines",
  ignore: !isRoot || !hasCc,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "tpacket-bench-" });
    const veth = await createVethPair();
    try {
      const gen = await buildGenerator(dir);
      const raw = await buildRawCounter(dir);
      const spec = { name: "raw", cmd: [raw, "-i", "{if}"], counts: "tcpdump" } as const;
      // 3000 × 64 B fill 2 of the 8 blocks, 1000 × 1500 B 6 of them: the ring holds each run
      // whole, so a descheduled counter still loses nothing, and the walk must visit every frame.
      for (const [size, pps, n] of [[64, 0, 3000], [1500, 20_000, 1000]] as const) {
        const p = await ContenderProcess.start(spec, veth.rx, veth.rxIndex);
        let counts;
        try {
          assert.equal((await runGenerator(gen, veth.tx, n, size, pps)).sent, n);
          // The last, partly filled block is retired after raw's 1000 ms block timeout.
          await new Promise((r) => setTimeout(r, 1500));
          counts = await p.stop();
        } finally {
          await p.kill();
        }
        assert.deepEqual(counts, { captured: n, received: n, dropped: 0 }, `${size} B`);
      }
      for (
        const [args, message] of [
          [[], "raw: Cannot start: give -i IFACE and nothing else"],
          [["-i", veth.rx, "-B", "x"], `raw: Cannot start: buffer size "x" is not a whole number`],
          [["-i", "tpb-none"], `raw: Cannot find the interface: tpb-none`],
        ] as const
      ) {
        const out = await new Deno.Command(raw, { args: [...args], stderr: "piped" }).output();
        const err = new TextDecoder().decode(out.stderr);
        assert.equal(out.code, 1, args.join(" "));
        assert.equal(err.split("\n").length, 2, err);
        assert.ok(err.startsWith(message), err);
      }
    } finally {
      await veth.remove();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "read_count.ts counts like tcpdump --count and copy.ts reproduces gen.c's file byte for byte",
  ignore: !hasCc,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "tpacket-bench-" });
    try {
      const gen = await buildGenerator(dir);
      const readCount = new URL("./read_count.ts", import.meta.url).pathname;
      const copy = new URL("./copy.ts", import.meta.url).pathname;
      for (const [size, n] of [[64, 5000], [1500, 700]] as const) {
        const input = `${dir}/in.pcap`;
        const output = `${dir}/out.pcap`;
        await run(gen, ["-w", input, "-n", String(n), "-s", String(size)]);
        const counted = await run(Deno.execPath(), ["run", "--allow-read", readCount, input]);
        assert.equal(counted, `${n} packets\n`);
        if (hasTcpdump) assert.equal(await run("tcpdump", ["-r", input, "--count"]), counted);
        await run(Deno.execPath(), ["run", "--allow-read", "--allow-write", copy, input, output]);
        assert.deepEqual(Deno.readFileSync(output), Deno.readFileSync(input));
      }
      await assert.rejects(
        run(Deno.execPath(), ["run", "--allow-read", readCount, `${dir}/missing.pcap`]),
        /missing\.pcap/,
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("sameBytes() finds a difference in any byte, aligned or not, and a length mismatch", () => {
  const a = new Uint8Array(1027).map((_, i) => i * 7);
  for (const at of [0, 3, 4, 1023, 1024, 1026]) {
    const b = a.slice();
    b[at]! ^= 1;
    assert.equal(sameBytes(a, b), false, `byte ${at}`);
    assert.equal(sameBytes(a.subarray(1), b.subarray(1)), at === 0, `offset 1, byte ${at}`);
  }
  assert.equal(sameBytes(a, a.slice()), true);
  assert.equal(sameBytes(a, a.subarray(0, 1026)), false);
});
