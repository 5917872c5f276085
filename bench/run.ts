/**
 * `deno task bench`: the capture benchmark against tcpdump.
 *
 * 1. Live capture over a veth pair made for the run: `bench/gen.c` offers a series of rates at
 *    64- and 1500-byte frames, each contender captures on the other end in its own process
 *    (`tcpdump -w /dev/null`, the library-level counter `bench/count.ts` in loop and batch form,
 *    `examples/sniff.ts -w /dev/null`); per step the captured and dropped counts, the CPU time
 *    (user + system, all threads) the contender spent while the traffic ran, CPU per captured
 *    packet and the highest rate held with under 0.1% loss; then ours/tcpdump ratios.
 * 2. A long run (10 million frames by default) sampling each contender's resident memory.
 * 3. File benchmarks: count the records of a file, and copy it with `-r in -w out`, ours
 *    against tcpdump on the same generated files.
 * 4. The `deno bench` files of the other folders (`ring/`, `decode/`, `filter/`, `pcap/`, ...).
 *
 * Prints markdown tables ready for the README, with the exact command. Needs root.
 *
 * ```sh
 * deno task bench                 # everything (several minutes)
 * deno task bench --quick         # a short run: fewer rates, shorter steps, a 1M-frame long run
 * deno task bench --help          # all options
 * ```
 *
 * @module
 */
import {
  buildGenerator,
  buildRawCounter,
  type CaptureCounts,
  ContenderProcess,
  type ContenderSpec,
  createVethPair,
  formatRate,
  formatRatio,
  type GenResult,
  losslessRate,
  lossRatio,
  markdownTable,
  median,
  run,
  runGenerator,
  sameBytes,
  stopRunningCommands,
  timedRun,
  type VethPair,
} from "./harness.ts";
import { buildShim } from "../ffi/build.ts";
import { buildBundles } from "../examples/build.ts";
import { replayBenchmark } from "./replay.ts";

const HELP = `Usage: deno task bench [options]
  --quick             short run: rates 100k and max, 1 s steps, long run of 1M frames, small files
  --rates LIST        offered rates in frames/s, comma-separated; 0 = as fast as possible
                      (default 25000,50000,100000,200000,400000,0)
  --sizes LIST        frame sizes in bytes (default 64,1500)
  --seconds S         length of one step at its offered rate (default 2; --quick 1)
  --long N            frames in the memory run (default 10000000; 0 skips it)
  --contenders LIST   any of tcpdump,raw,count,batch,worker,sniff,tcpdump-file,sniff-file,
                      timer,worker-timer,batch-timer,count-poll,batch-poll,
                      count-coalesce,batch-coalesce,count-plain,batch-plain,
                      top,fanout1,fanout2,fanout4
                      (default: all that exist)
  --skip LIST         any of live,long,files,micro,replay
  --repeat N          repetitions of each file benchmark, the median is kept (default 3)
  --live-repeat N     runs of each live step; the run with the median loss is kept (default 1)
  --out FILE          also write the markdown report to FILE
  --help              this text`;

interface Options {
  quick: boolean;
  rates: number[];
  sizes: number[];
  seconds: number;
  long: number;
  contenders: string[];
  skip: Set<string>;
  repeat: number;
  liveRepeat: number;
  out?: string;
}

const ALL_CONTENDERS = [
  "tcpdump",
  "raw",
  "count",
  "batch",
  "worker",
  "sniff",
  "tcpdump-file",
  "sniff-file",
  "timer",
  "worker-timer",
  "batch-timer",
  "count-poll",
  "batch-poll",
  "count-coalesce",
  "batch-coalesce",
  "count-plain",
  "batch-plain",
  "top",
  "fanout1",
  "fanout2",
  "fanout4",
];
const SKIPPABLE = ["live", "long", "files", "micro", "replay"];

class UsageError extends Error {}

function parseList(text: string, what: string): number[] {
  return text.split(",").map((t) => {
    const n = Number(t);
    if (t.trim() === "" || !Number.isInteger(n) || n < 0) {
      throw new UsageError(`${what} "${t}" is not a whole number`);
    }
    return n;
  });
}

function parseOptions(argv: readonly string[]): Options | undefined {
  const o: Options = {
    quick: false,
    rates: [25_000, 50_000, 100_000, 200_000, 400_000, 0],
    sizes: [64, 1500],
    seconds: 2,
    long: 10_000_000,
    contenders: ALL_CONTENDERS,
    skip: new Set(),
    repeat: 3,
    liveRepeat: 1,
  };
  const given = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`option "${arg}" needs a value`);
      return v;
    };
    given.add(arg);
    switch (arg) {
      case "--help":
      case "-h":
        console.log(HELP);
        return undefined;
      case "--quick":
        o.quick = true;
        break;
      case "--rates":
        o.rates = parseList(value(), "rate");
        break;
      case "--sizes":
        o.sizes = parseList(value(), "size");
        for (const s of o.sizes) {
          if (s < 42 || s > 1514) throw new UsageError(`size ${s} is outside 42..1514 bytes`);
        }
        break;
      case "--seconds": {
        const v = value();
        o.seconds = Number(v);
        if (!(o.seconds > 0 && o.seconds <= 600)) {
          throw new UsageError(`seconds "${v}" is not a number in (0, 600]`);
        }
        break;
      }
      case "--long":
        o.long = parseList(value(), "long run length")[0]!;
        break;
      case "--repeat":
        o.repeat = parseList(value(), "repeat count")[0]!;
        if (o.repeat < 1) throw new UsageError(`repeat count must be at least 1`);
        break;
      case "--live-repeat":
        o.liveRepeat = parseList(value(), "repeat count")[0]!;
        if (o.liveRepeat < 1) throw new UsageError(`repeat count must be at least 1`);
        break;
      case "--contenders":
        o.contenders = value().split(",");
        for (const c of o.contenders) {
          if (!ALL_CONTENDERS.includes(c)) {
            throw new UsageError(`unknown contender "${c}" (known: ${ALL_CONTENDERS.join(", ")})`);
          }
        }
        break;
      case "--skip":
        o.skip = new Set(value().split(","));
        for (const s of o.skip) {
          if (!SKIPPABLE.includes(s)) {
            throw new UsageError(`cannot skip "${s}" (known: ${SKIPPABLE.join(", ")})`);
          }
        }
        break;
      case "--out":
        o.out = value();
        break;
      default:
        throw new UsageError(`unknown option "${arg}"`);
    }
  }
  if (o.quick) {
    if (!given.has("--rates")) o.rates = [100_000, 0];
    if (!given.has("--seconds")) o.seconds = 1;
    if (!given.has("--long")) o.long = 1_000_000;
    if (!given.has("--repeat")) o.repeat = 1;
  }
  return o;
}

const root = new URL("../", import.meta.url);
const here = (path: string) => new URL(path, root).pathname;
const exists = (path: string) => {
  try {
    Deno.statSync(here(path));
    return true;
  } catch {
    return false;
  }
};
const deno = Deno.execPath();

/** The contenders that run `bench/count.ts`: their names in the tables and their flags. */
const COUNTERS: Record<string, { name: string; flags: string[]; sockets?: number }> = {
  count: { name: "ours: loop()", flags: [] },
  batch: { name: "ours: nextBatch()", flags: ["--batch"] },
  worker: { name: "ours: worker engine", flags: ["--worker"] },
  timer: { name: "ours: loop() + 1 ms timer", flags: ["--timer"] },
  "worker-timer": { name: "ours: worker engine + 1 ms timer", flags: ["--worker", "--timer"] },
  "batch-timer": { name: "ours: nextBatch() + 1 ms timer", flags: ["--batch", "--timer"] },
  // The main-thread reads waiting in a nonblocking poll instead of on the shim's waiter thread.
  "count-poll": { name: "ours: loop(), nonblocking poll", flags: ["--poll"] },
  "batch-poll": { name: "ours: nextBatch(), nonblocking poll", flags: ["--batch", "--poll"] },
  // The main-thread reads with the coalesce option: one wake-up for several blocks.
  "count-coalesce": { name: "ours: loop(), coalesced", flags: ["--coalesce"] },
  "batch-coalesce": { name: "ours: nextBatch(), coalesced", flags: ["--batch", "--coalesce"] },
  // The main-thread reads woken for every block (coalesce: false).
  "count-plain": { name: "ours: loop(), a wake-up per block", flags: ["--plain"] },
  "batch-plain": { name: "ours: nextBatch(), a wake-up per block", flags: ["--batch", "--plain"] },
  // A PACKET_FANOUT group (hash) of 1, 2 and 4 worker engines, each with a 2 MiB ring.
  fanout1: { name: "ours: fanout, 1 member", flags: ["--fanout", "1"], sockets: 1 },
  fanout2: { name: "ours: fanout, 2 members", flags: ["--fanout", "2"], sockets: 2 },
  fanout4: { name: "ours: fanout, 4 members", flags: ["--fanout", "4"], sockets: 4 },
};

/** Where `{file}` contenders write: tmpfs when /dev/shm is one, else the work directory. */
function scratchDir(): string {
  try {
    const mounts = Deno.readTextFileSync("/proc/mounts");
    if (/^\S+ \/dev\/shm tmpfs /m.test(mounts)) return "/dev/shm";
  } catch { /* no /proc: the work directory */ }
  return workDir!;
}

/** The contenders this checkout can run; `raw` is the binary of `bench/raw.c` when built. */
function contenderSpecs(
  wanted: readonly string[],
  hasTcpdump: boolean,
  raw: string | undefined,
): ContenderSpec[] {
  const specs: ContenderSpec[] = [];
  const hasCapture = exists("capture/mod.ts") || exists("capture.ts");
  for (const name of wanted) {
    if (name === "raw" && raw !== undefined) {
      // The floor: tcpdump's ring, poll + walk + count in C, tcpdump's summary lines.
      specs.push({
        name: "raw C ring counter",
        cmd: [raw, "-i", "{if}", "-B", "2048"],
        counts: "tcpdump",
      });
      continue;
    }
    if ((name === "tcpdump" || name === "tcpdump-file") && hasTcpdump) {
      specs.push({
        name: name === "tcpdump" ? "tcpdump" : "tcpdump -w tmpfs",
        // -Z root: keep tcpdump from switching to its own user, so it can write where we can.
        cmd: [
          "tcpdump",
          "-i",
          "{if}",
          "-w",
          name === "tcpdump" ? "/dev/null" : "{file}",
          "-B",
          "2048",
          "-s",
          "262144",
          "-Z",
          "root",
        ],
        counts: "tcpdump",
      });
    } else if (COUNTERS[name] !== undefined && hasCapture) {
      specs.push({
        name: COUNTERS[name]!.name,
        cmd: [
          deno,
          "run",
          // --timer reads the interface's rx_packets in /sys, which Deno grants only to all.
          ...(COUNTERS[name]!.flags.includes("--timer")
            ? ["--allow-all"]
            : ["--allow-ffi", "--allow-read", "--allow-env"]),
          here("bench/count.ts"),
          "{if}",
          ...COUNTERS[name]!.flags,
        ],
        counts: "json",
        ...(COUNTERS[name]!.sockets !== undefined ? { sockets: COUNTERS[name]!.sockets } : {}),
      });
    } else if ((name === "sniff" || name === "sniff-file") && exists("examples/sniff.ts")) {
      specs.push({
        name: name === "sniff" ? "ours: sniff.ts" : "ours: sniff.ts -w tmpfs",
        cmd: [
          deno,
          "run",
          "--allow-all",
          here("examples/sniff.ts"),
          "-i",
          "{if}",
          "-w",
          name === "sniff" ? "/dev/null" : "{file}",
          "-B",
          "2048",
          "-s",
          "262144",
        ],
        counts: "tcpdump",
      });
    } else if (name === "top" && exists("examples/top.ts")) {
      // The flow table and a JSON snapshot a second, against sniff -w /dev/null's CPU.
      specs.push({
        name: "ours: top.ts --json",
        cmd: [deno, "run", "--allow-all", here("examples/top.ts"), "-i", "{if}", "--json"],
        counts: "tcpdump",
      });
    } else {
      console.error(`bench: ${name} is not in this checkout yet, left out`);
    }
  }
  return specs;
}

/** What is running or made, so Ctrl-C and errors undo exactly that. */
const live = new Set<ContenderProcess>();
let veth: VethPair | undefined;
let workDir: string | undefined;

async function cleanUp(): Promise<void> {
  stopRunningCommands();
  for (const p of live) await p.kill().catch(() => {});
  live.clear();
  await veth?.remove().catch(() => {});
  veth = undefined;
  if (workDir) await Deno.remove(workDir, { recursive: true }).catch(() => {});
  workDir = undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** After the last frame: TPACKET_V3 blocks are handed over when full or after the block timeout
 * (1 s in tcpdump), so the tail of a run reaches the contender only then. */
const DRAIN_MS = 1600;

interface StepResult {
  /** Losses of every run of this step, the kept one included. */
  losses: number[];
  size: number;
  targetPps: number;
  contender: string;
  gen: GenResult;
  counts: CaptureCounts;
  cpu: number;
  /** Resident memory at the end of the step (before SIGTERM), KiB. */
  rssKiB: number;
}

async function liveStep(
  gen: string,
  spec: ContenderSpec,
  size: number,
  targetPps: number,
  count: number,
): Promise<StepResult> {
  const file = `${scratchDir()}/tpacket-bench-${Deno.pid}.pcap`;
  const p = await ContenderProcess.start(spec, veth!.rx, veth!.rxIndex, undefined, file);
  live.add(p);
  try {
    const cpu0 = p.cpu() ?? NaN;
    const g = await runGenerator(gen, veth!.tx, count, size, targetPps);
    await sleep(DRAIN_MS);
    // Read the CPU time before SIGTERM: what it took to capture, not to start or to exit.
    const cpu1 = p.cpu() ?? NaN;
    const rssKiB = p.rss() ?? NaN;
    const counts = await p.stop();
    const loss = lossRatio(g.sent, counts.captured);
    return {
      losses: [loss],
      size,
      targetPps,
      contender: spec.name,
      gen: g,
      counts,
      cpu: cpu1 - cpu0,
      rssKiB,
    };
  } finally {
    await p.kill();
    live.delete(p);
    await Deno.remove(file).catch(() => {});
  }
}

const fmtNs = (seconds: number, packets: number) =>
  packets > 0 && Number.isFinite(seconds) ? `${Math.round((seconds / packets) * 1e9)}` : "n/a";
/** `maxUnvisitedMs / maxBlocksHeld` of a library contender: how close it came to a full ring. */
const fmtStall = (c: CaptureCounts) =>
  `${c.maxUnvisitedMs!.toFixed(1)} / ${c.maxBlocksHeld ?? "n/a"}`;
const fmtPct = (r: number) => `${(r * 100).toFixed(r > 0 && r < 0.01 ? 3 : 1)}%`;

async function liveBenchmark(gen: string, specs: ContenderSpec[], o: Options): Promise<string> {
  const results: StepResult[] = [];
  for (const size of o.sizes) {
    for (const rate of o.rates) {
      // Unpaced steps send as many frames as a 400k/s step would.
      const count = Math.max(50_000, Math.round((rate || 400_000) * o.seconds));
      const runs = new Map<string, StepResult[]>(specs.map((spec) => [spec.name, []]));
      // Contenders take turns within each repetition, so a noisy moment hits them alike.
      for (let rep = 0; rep < o.liveRepeat; rep++) {
        for (const spec of specs) {
          const label = `${size} B at ${rate ? formatRate(rate) + "/s" : "max"}, ${spec.name}`;
          try {
            const r = await liveStep(gen, spec, size, rate, count);
            runs.get(spec.name)!.push(r);
            console.error(
              `bench: ${label}: sent ${r.gen.sent} at ${formatRate(r.gen.pps)}/s, ` +
                `captured ${r.counts.captured}, dropped ${r.counts.dropped}, ` +
                `CPU ${r.cpu.toFixed(3)} s (${fmtNs(r.cpu, r.counts.captured)} ns/packet)` +
                (r.counts.maxUnvisitedMs !== undefined ? `, stall ${fmtStall(r.counts)}` : ""),
            );
          } catch (e) {
            console.error(`bench: ${label}: ${e instanceof Error ? e.message : e}`);
          }
        }
      }
      for (const list of runs.values()) {
        if (list.length === 0) continue;
        const sorted = [...list].sort((a, b) => a.losses[0]! - b.losses[0]!);
        const kept = sorted[(sorted.length - 1) >> 1]!;
        results.push({ ...kept, losses: list.map((r) => r.losses[0]!) });
      }
    }
  }
  const rows = results.map((r) => [
    `${r.size}`,
    r.targetPps ? `${formatRate(r.targetPps)}/s` : "max",
    `${formatRate(r.gen.pps)}/s`,
    r.contender,
    `${r.gen.sent}`,
    `${r.counts.captured}`,
    `${r.counts.dropped}`,
    fmtPct(lossRatio(r.gen.sent, r.counts.captured)) +
    (r.losses.length > 1 ? ` (${r.losses.map(fmtPct).join(", ")})` : ""),
    r.cpu.toFixed(3),
    fmtNs(r.cpu, r.counts.captured),
    Number.isFinite(r.rssKiB) ? (r.rssKiB / 1024).toFixed(1) : "n/a",
    r.counts.timerP99Ms !== undefined
      ? `${r.counts.timerP99Ms.toFixed(2)} (max ${r.counts.timerMaxMs?.toFixed(1)}` +
        (r.counts.timerFloorP99Ms !== undefined
          ? `; idle worker ${r.counts.timerFloorP99Ms.toFixed(2)})`
          : ")")
      : "",
    r.counts.maxUnvisitedMs !== undefined ? fmtStall(r.counts) : "",
  ]);
  const kept = o.liveRepeat > 1 ? `, the run with the median loss of ${o.liveRepeat}` : "";
  let md = `### Live capture over a veth pair${kept}\n\n` + markdownTable(
    [
      "bytes",
      "target",
      "offered",
      "contender",
      "sent",
      "captured",
      "dropped",
      "loss",
      "CPU s",
      "CPU ns/packet",
      "RSS MiB",
      "timer p99 ms",
      "stall ms / blocks",
    ],
    rows,
  );

  // Per size and contender: CPU per packet over the whole series, lossless rate; then ratios.
  const summary: string[][] = [];
  for (const size of o.sizes) {
    const per = new Map<string, { cpuPerPacket: number; lossless: number; atLimit: boolean }>();
    for (const spec of specs) {
      const steps = results.filter((r) => r.size === size && r.contender === spec.name);
      if (steps.length === 0) continue;
      const cpu = steps.reduce((a, r) => a + r.cpu, 0);
      const captured = steps.reduce((a, r) => a + r.counts.captured, 0);
      const l = losslessRate(
        steps.map((r) => ({
          offeredPps: r.gen.pps,
          sent: r.gen.sent,
          captured: r.counts.captured,
        })),
      );
      per.set(spec.name, {
        cpuPerPacket: cpu / captured,
        lossless: l.pps,
        atLimit: l.atGeneratorLimit,
      });
    }
    // Writers to a file are compared with tcpdump writing to a file, the rest with -w /dev/null.
    const refOf = (name: string) =>
      per.get(name.endsWith("-w tmpfs") ? "tcpdump -w tmpfs" : "tcpdump") ?? per.get("tcpdump");
    for (const [name, s] of per) {
      const ref = name.startsWith("tcpdump") ? undefined : refOf(name);
      summary.push([
        `${size}`,
        name,
        fmtNs(s.cpuPerPacket, 1),
        s.lossless ? `${formatRate(s.lossless)}/s${s.atLimit ? " (all rates)" : ""}` : "none",
        ref ? formatRatio(s.cpuPerPacket, ref.cpuPerPacket) : "",
        ref ? formatRatio(s.lossless, ref.lossless) : "",
      ]);
    }
  }
  md += "\n### Summary: ours / tcpdump\n\n" + markdownTable(
    [
      "bytes",
      "contender",
      "CPU ns/packet (all steps)",
      "lossless rate (< 0.1% loss)",
      "CPU/packet ratio (≤ 1 is better)",
      "lossless rate ratio (≥ 1 is better)",
    ],
    summary,
  );
  md += "\nCPU is user + system time of the capture process (all threads) between the start " +
    "and the end of the traffic plus a 1.6 s drain, from /proc; the kernel's copy into the ring " +
    "runs in the sender's softirq and is the same for every contender. " +
    '"all rates": lossless at the highest rate the generator reached, so the generator was the limit. ' +
    "Writers to a tmpfs file are compared with tcpdump writing to one. RSS is the resident size " +
    "at the end of the step. Timer: lateness of a 1 ms timer chain on the main thread during the " +
    "ticks in which the interface received frames (99th percentile, and the largest); " +
    '"idle worker": the same chain\'s 99th percentile in an idle Worker of the same process, ' +
    "over the same ticks: what the machine's scheduler alone costs then.\n";
  if (specs.some((s) => s.name.startsWith("ours: fanout"))) {
    md += `\nFanout: one PACKET_FANOUT group (hash) of N worker engines, each with its own 2 MiB ` +
      `ring and thread; CPU is the whole process's. This machine has ${navigator.hardwareConcurrency} ` +
      "cores, and the generator and the kernel's copy into the rings (the sender's softirq) share " +
      "them with the members, so more members than free cores add wake-ups and cross-core traffic " +
      "and cannot add throughput here. With a core per member (and a multi-queue NIC spreading the " +
      "softirq work) the lossless rate should grow with the members until the NIC or memory is the " +
      "limit, at about the CPU per packet of one member.\n";
  }
  return md;
}

async function longRun(gen: string, specs: ContenderSpec[], o: Options): Promise<string> {
  const rows: string[][] = [];
  // The same programs as the /dev/null writers and plain counters: left out of the long run.
  const long = specs.filter((s) =>
    !s.name.endsWith("-w tmpfs") && !s.name.endsWith("timer") && !s.name.endsWith("poll")
  );
  for (const spec of long) {
    let p: ContenderProcess | undefined;
    try {
      p = await ContenderProcess.start(spec, veth!.rx, veth!.rxIndex);
      live.add(p);
      const samples: number[] = [p.rss() ?? NaN];
      const cpu0 = p.cpu() ?? NaN;
      let done = false;
      const sampling = (async () => {
        while (!done) {
          await sleep(250);
          const kib = p!.rss();
          if (kib !== undefined) samples.push(kib);
        }
      })();
      const g = await runGenerator(gen, veth!.tx, o.long, 64, 0).finally(() => (done = true));
      await sampling;
      await sleep(DRAIN_MS);
      samples.push(p.rss() ?? NaN);
      const cpu = (p.cpu() ?? NaN) - cpu0;
      const counts = await p.stop();
      const mib = (k: number) => (k / 1024).toFixed(1);
      const at = (f: number) =>
        samples[Math.min(samples.length - 1, Math.floor(f * (samples.length - 1)))]!;
      rows.push([
        spec.name,
        `${g.sent}`,
        `${counts.captured}`,
        `${counts.dropped}`,
        fmtNs(cpu, counts.captured),
        mib(samples[0]!),
        mib(at(0.1)),
        mib(at(0.5)),
        mib(samples[samples.length - 1]!),
        mib(Math.max(...samples.filter(Number.isFinite))),
        `${samples.length}`,
      ]);
      console.error(
        `bench: long run, ${spec.name}: ${counts.captured}/${g.sent} captured, RSS ${
          samples.map((k) => mib(k)).join(" ")
        } MiB`,
      );
    } catch (e) {
      console.error(`bench: long run, ${spec.name}: ${e instanceof Error ? e.message : e}`);
    } finally {
      if (p) {
        await p.kill();
        live.delete(p);
      }
    }
  }
  return `\n### Memory over a long run (${o.long} frames of 64 bytes, as fast as possible)\n\n` +
    markdownTable(
      [
        "contender",
        "sent",
        "captured",
        "dropped",
        "CPU ns/packet",
        "RSS before (MiB)",
        "at 10%",
        "at 50%",
        "at end",
        "max",
        "samples",
      ],
      rows,
    );
}

let countOnStderrNoted = false;

/** One command of the file benchmark: what it does, who does it, how its result is checked. */
interface FileTask {
  task: string;
  name: string;
  cmd: string[];
  /** The command with the small file instead of the big one: its start-up. */
  startup: string[];
  check: (stdout: string, stderr: string) => string;
}

/** The filter of the filtered tasks: every generated frame matches, so each one is filtered. */
const FILE_FILTER = ["udp", "port", "9"];

/**
 * Counts, filters and copies files with tcpdump and with ours: the median wall and CPU time of
 * each, and its CPU once its own start-up (the same command on a 3-record file) is taken off,
 * as a ratio to tcpdump's. First the start-up itself: Deno's empty program, tcpdump and sniff
 * on the small file.
 */
async function fileBenchmark(gen: string, o: Options, hasTcpdump: boolean): Promise<string> {
  const files = o.quick ? [[64, 200_000], [1500, 40_000]] : [[64, 1_000_000], [1500, 200_000]];
  const hasPcap = exists("pcap/mod.ts");
  const hasSniff = exists("examples/sniff.ts");
  const hasEditcap = await run("editcap", ["-h"]).then(() => true, () => false);
  if (!hasEditcap) console.error("bench: editcap not found, the pcapng file tasks are left out");
  const rows: string[][] = [];
  const tiny = `${workDir}/tiny.pcap`, tinyNg = `${workDir}/tiny.pcapng`;
  await run(gen, ["-w", tiny, "-n", "3", "-s", "64"]);
  if (hasEditcap) await run("editcap", ["-F", "pcapng", tiny, tinyNg]);
  // As `deno task sniff` runs it: with --no-config, Deno skips reading deno.json, its lock
  // file and npm set-up (~2 ms of each start), which sniff needs none of.
  const sniff = (...args: string[]) => [
    deno,
    "run",
    "--no-config",
    "--allow-read",
    "--allow-write",
    here("examples/sniff.ts"),
    ...args,
  ];
  const startupMd = await startupBenchmark(o, tiny, hasTcpdump, hasSniff ? sniff : undefined);
  const startup = new Map<string, { wall: number; cpu: number }>();
  for (const [size, count] of files as [number, number][]) {
    const input = `${workDir}/in_${size}.pcap`, inputNg = `${workDir}/in_${size}.pcapng`;
    await run(gen, ["-w", input, "-n", String(count), "-s", String(size)]);
    if (hasEditcap) await run("editcap", ["-F", "pcapng", input, inputNg]);
    const inputBytes = Deno.readFileSync(input);
    // tcpdump --count prints "N packets" on stdout; accept stderr too, and say so.
    const countCheck = (stdout: string, stderr: string) => {
      if (stdout.trim() === `${count} packets`) return "";
      if (stderr.split("\n").includes(`${count} packets`)) {
        if (!countOnStderrNoted) {
          console.error(`bench: note: sniff.ts prints the count on stderr, tcpdump on stdout`);
        }
        countOnStderrNoted = true;
        return "";
      }
      return `said "${stdout.trim()}"`;
    };
    const out = `${workDir}/out.pcap`;
    // Every frame matches the filter and the pcapng file holds the same records: each copy must
    // give the input back, byte for byte.
    const copyCheck = () => {
      const got = Deno.readFileSync(out);
      return sameBytes(got, inputBytes)
        ? ""
        : `output differs from the input (${got.byteLength} vs ${inputBytes.byteLength} bytes)`;
    };
    const tasks: FileTask[] = [];
    const add = (task: string, name: string, cmd: string[], check: FileTask["check"]) => {
      const small = cmd.map((a) => a === input ? tiny : a === inputNg ? tinyNg : a);
      tasks.push({ task, name, cmd, startup: small, check });
    };
    const filterName = `filter "${FILE_FILTER.join(" ")}"`;
    for (const kind of ["count", `count, ${filterName}`, "count pcapng"]) {
      const source = kind === "count pcapng" ? inputNg : input;
      if (kind === "count pcapng" && !hasEditcap) continue;
      const filter = kind.includes("filter") ? FILE_FILTER : [];
      if (hasTcpdump) {
        add(kind, "tcpdump", ["tcpdump", "-r", source, "--count", ...filter], countCheck);
      }
      if (hasSniff) {
        add(kind, "ours: sniff.ts", sniff("-r", source, "--count", ...filter), countCheck);
      }
      if (hasPcap && kind === "count") {
        add(kind, "ours: PcapReader", [
          deno,
          "run",
          "--allow-read",
          here("bench/read_count.ts"),
          input,
        ], countCheck);
      }
    }
    for (const kind of ["copy", `copy, ${filterName}`, "copy pcapng → pcap"]) {
      const source = kind === "copy pcapng → pcap" ? inputNg : input;
      if (kind === "copy pcapng → pcap" && !hasEditcap) continue;
      const filter = kind.includes("filter") ? FILE_FILTER : [];
      if (hasTcpdump) {
        add(
          kind,
          "tcpdump",
          ["tcpdump", "-Z", "root", "-r", source, "-w", out, ...filter],
          copyCheck,
        );
      }
      if (hasSniff) {
        add(kind, "ours: sniff.ts", sniff("-r", source, "-w", out, ...filter), copyCheck);
      }
      if (hasPcap && kind === "copy") {
        add(kind, "ours: PcapReader → PcapWriter", [
          deno,
          "run",
          "--allow-read",
          "--allow-write",
          here("bench/copy.ts"),
          input,
          out,
        ], copyCheck);
      }
    }
    const ref = new Map<string, { wall: number; cpu: number }>();
    for (const t of tasks) {
      const key = `${t.task} ${t.name}`;
      if (!startup.has(key)) {
        try {
          const one = await medianRun(t.startup, Math.max(o.repeat, 5), out);
          startup.set(key, one);
          const wallMs = (one.wall * 1000).toFixed(1), cpuMs = (one.cpu * 1000).toFixed(1);
          console.error(`bench: start-up ${key}: ${wallMs} ms wall, ${cpuMs} ms CPU`);
          const base = startup.get(`${t.task} tcpdump`);
          rows.push([
            `${t.task}: start-up`,
            "3 × 64 B",
            t.name,
            one.wall.toFixed(3),
            one.cpu.toFixed(3),
            "",
            base && t.name !== "tcpdump"
              ? `${formatRatio(one.wall, base.wall)} / ${formatRatio(one.cpu, base.cpu)}`
              : "",
            "",
            "",
          ]);
        } catch (e) {
          console.error(`bench: start-up ${key}: ${e instanceof Error ? e.message : e}`);
        }
      }
      const walls: number[] = [];
      const cpus: number[] = [];
      let problem = "";
      for (let i = 0; i < o.repeat && !problem; i++) {
        try {
          await Deno.remove(out).catch(() => {});
          const r = await timedRun(t.cmd);
          problem = t.check(r.stdout, r.stderr);
          walls.push(r.wall);
          cpus.push(r.cpu);
        } catch (e) {
          problem = e instanceof Error ? e.message : String(e);
        }
      }
      const label = `${t.task} ${count} × ${size} B, ${t.name}`;
      if (problem) {
        console.error(`bench: ${label}: ${problem}`);
        const short = problem.replace(/^Cannot run "[^"]*": /, "").slice(0, 100);
        rows.push([t.task, `${count} × ${size} B`, t.name, "failed", "", "", "", "", short]);
        continue;
      }
      const wall = median(walls);
      const cpu = median(cpus);
      if (t.name === "tcpdump") ref.set(t.task, { wall, cpu });
      const r = ref.get(t.task);
      // CPU of the records alone: the run's minus the contender's start-up, against tcpdump's.
      const own = startup.get(key), theirs = startup.get(`${t.task} tcpdump`);
      const net = own && theirs && r && t.name !== "tcpdump"
        ? formatRatio(Math.max(cpu - own.cpu, 1e-3), Math.max(r.cpu - theirs.cpu, 1e-3))
        : "";
      console.error(
        `bench: ${label}: ${wall.toFixed(3)} s wall, ${cpu.toFixed(3)} s CPU` +
          (net ? `, CPU − start-up ${net} tcpdump's` : ""),
      );
      rows.push([
        t.task,
        `${count} × ${size} B`,
        t.name,
        wall.toFixed(3),
        cpu.toFixed(3),
        `${formatRate(count / wall)}/s`,
        r && t.name !== "tcpdump"
          ? `${formatRatio(wall, r.wall)} / ${formatRatio(cpu, r.cpu)}`
          : "",
        net,
        "",
      ]);
    }
  }
  return startupMd +
    `\n### Files: count, filter and copy \`-r in -w out\` (median of ${o.repeat})\n\n` +
    markdownTable(
      [
        "task",
        "file",
        "contender",
        "wall s",
        "CPU s",
        "records/s (wall)",
        "wall / CPU vs tcpdump",
        "CPU − start-up vs tcpdump",
        "note",
      ],
      rows,
    ) +
    "\nWall and CPU time of the whole process, start-up included; the start-up rows run the " +
    "same command on a 3-record file, and `CPU − start-up` compares what is left once each " +
    "contender's own start-up is subtracted (the per-record work; ≤ 1 is the target). The filter " +
    `\`${FILE_FILTER.join(" ")}\` matches every generated frame, so every record is filtered and ` +
    "copied; the pcapng files are the pcap ones through `editcap -F pcapng`; every copy is checked " +
    "byte for byte against the input.\n";
}

/** Median (and least) wall and CPU time of `times` runs of `cmd`, removing `out` before each. */
async function medianRun(
  cmd: readonly string[],
  times: number,
  out?: string,
): Promise<{ wall: number; cpu: number; minWall: number; minCpu: number }> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < times; i++) {
    if (out !== undefined) await Deno.remove(out).catch(() => {});
    const r = await timedRun(cmd);
    walls.push(r.wall);
    cpus.push(r.cpu);
  }
  return {
    wall: median(walls),
    cpu: median(cpus),
    minWall: Math.min(...walls),
    minCpu: Math.min(...cpus),
  };
}

/**
 * Start-up: `sniff -r tiny.pcap` (printing 3 packets) and `--count` against tcpdump's and
 * against Deno's own floor, an empty program; the commands take turns (A B C A B C …), so a
 * burst of load on the machine falls on all of them, and each row is the median and least of
 * its runs. sniff runs with the bundles `deno task build` made (the bench builds them), and once
 * more without (`SNIFF_NO_BUNDLE=1`): the modules themselves.
 */
async function startupBenchmark(
  o: Options,
  tiny: string,
  hasTcpdump: boolean,
  sniff: ((...args: string[]) => string[]) | undefined,
): Promise<string> {
  const empty = `${workDir}/empty.ts`;
  await Deno.writeTextFile(empty, "");
  const times = Math.max(20, o.repeat);
  const steps: [string, string[]][] = [["deno run empty.ts (Deno's floor)", [deno, "run", empty]]];
  if (hasTcpdump) {
    steps.push(["tcpdump -r tiny.pcap", ["tcpdump", "-r", tiny]]);
    steps.push(["tcpdump -r tiny.pcap --count", ["tcpdump", "-r", tiny, "--count"]]);
  }
  if (sniff) {
    steps.push(["sniff -r tiny.pcap", sniff("-r", tiny)]);
    steps.push(["sniff -r tiny.pcap --count", sniff("-r", tiny, "--count")]);
    steps.push([`sniff -r tiny.pcap ${FILE_FILTER.join(" ")}`, sniff("-r", tiny, ...FILE_FILTER)]);
    const [, , ...rest] = sniff("-r", tiny);
    steps.push([
      "sniff -r tiny.pcap, SNIFF_NO_BUNDLE=1",
      ["env", "SNIFF_NO_BUNDLE=1", deno, "run", "--allow-env=SNIFF_NO_BUNDLE", ...rest],
    ]);
  }
  const runs = steps.map(() => ({ walls: [] as number[], cpus: [] as number[], error: "" }));
  for (let i = 0; i < times; i++) {
    for (const [k, [, cmd]] of steps.entries()) {
      const run = runs[k]!;
      if (run.error) continue;
      try {
        const r = await timedRun(cmd);
        run.walls.push(r.wall);
        run.cpus.push(r.cpu);
      } catch (e) {
        run.error = e instanceof Error ? e.message : String(e);
      }
    }
  }
  const results: [string, Awaited<ReturnType<typeof medianRun>>][] = [];
  for (const [k, [name]] of steps.entries()) {
    const { walls, cpus, error } = runs[k]!;
    if (error) {
      console.error(`bench: start-up ${name}: ${error}`);
      continue;
    }
    const r = {
      wall: median(walls),
      cpu: median(cpus),
      minWall: Math.min(...walls),
      minCpu: Math.min(...cpus),
    };
    results.push([name, r]);
    console.error(
      `bench: start-up ${name}: ${(r.wall * 1000).toFixed(1)} ms wall, ${
        (r.cpu * 1000).toFixed(1)
      } ms CPU`,
    );
  }
  const floor = results.find(([name]) => name.startsWith("deno run"))?.[1];
  const tcpdump = results.find(([name]) => name === "tcpdump -r tiny.pcap")?.[1];
  const ms = (seconds: number) => (seconds * 1000).toFixed(1);
  const rows = results.map(([name, r]) => [
    name,
    `${ms(r.wall)} / ${ms(r.minWall)}`,
    `${ms(r.cpu)} / ${ms(r.minCpu)}`,
    floor && name.startsWith("sniff") ? ms(r.minWall - floor.minWall) : "",
    floor && name.startsWith("sniff") ? ms(r.minCpu - floor.minCpu) : "",
    tcpdump && name.startsWith("sniff") ? formatRatio(r.minWall, tcpdump.minWall) : "",
  ]);
  return `\n### Start-up (${times} runs each, taking turns; 3 × 64 B file)\n\n` +
    markdownTable(
      [
        "command",
        "wall ms (median / least)",
        "CPU ms (median / least)",
        "least wall ms above Deno's floor",
        "least CPU ms above Deno's floor",
        "least wall vs tcpdump",
      ],
      rows,
    ) +
    "\nThe target is `sniff -r tiny.pcap` within 30 ms of wall time; Deno's own floor (an empty " +
    "program) is what no script run with `deno run` can go below. The least of the runs is the " +
    "one least disturbed by other work on the machine.\n";
}

/** Runs the `deno bench` files of the other folders; their output, as markdown, or why not. */
async function microBenchmarks(): Promise<{ ok: boolean; md: string }> {
  const files: string[] = [];
  for (const dir of ["ring", "decode", "filter", "pcap", "print"]) {
    try {
      for (const e of Deno.readDirSync(here(dir))) {
        if (e.isFile && /_bench\.ts$/.test(e.name)) files.push(`${dir}/${e.name}`);
      }
    } catch {
      // folder not there yet
    }
  }
  if (files.length === 0) {
    console.error("bench: no *_bench.ts files yet, micro-benchmarks skipped");
    return { ok: true, md: "" };
  }
  files.sort();
  console.error(`bench: deno bench ${files.join(" ")}`);
  const child = new Deno.Command(deno, {
    args: ["bench", "--allow-all", ...files],
    cwd: here("."),
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const out = await child.output();
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) console.error(`bench: deno bench failed (exit ${out.code})`);
  return {
    ok: out.success,
    md: `\n### Micro-benchmarks (\`deno bench --allow-all ${files.join(" ")}\`)\n\n` +
      "```\n" + text.trim() + "\n```\n",
  };
}

async function main(): Promise<number> {
  let o: Options | undefined;
  try {
    o = parseOptions(Deno.args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`bench: Cannot start: ${e.message} (see --help)`);
    return 2;
  }
  if (!o) return 0;
  if (Deno.uid() !== 0) {
    console.error(
      "bench: Cannot run: needs root to create a veth pair and capture on it (try sudo)",
    );
    return 1;
  }
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    Deno.addSignalListener(sig, () => {
      console.error(`bench: ${sig}, cleaning up`);
      cleanUp().finally(() => Deno.exit(130));
    });
  }
  const command = `deno task bench ${Deno.args.join(" ")}`.trim();
  const started = new Date();
  let report = "";
  let ok = true;
  try {
    workDir = await Deno.makeTempDir({ prefix: "tpacket-bench-" });
    const gen = await buildGenerator(workDir);
    const cpuModel = /^model name\s*:\s*(.*)$/m.exec(Deno.readTextFileSync("/proc/cpuinfo"))?.[1] ??
      "unknown CPU";
    const tcpdumpVersion = await run("tcpdump", ["--version"]).then(
      (text) => text.split("\n")[0],
      () => undefined,
    );
    if (!tcpdumpVersion) {
      console.error("bench: tcpdump not found, the comparisons with it are left out");
    }
    report += `## Benchmark\n\n\`${command}\` on ${started.toISOString().slice(0, 16)}Z, ` +
      `${navigator.hardwareConcurrency} × ${cpuModel}, Linux ${Deno.osRelease()}, ` +
      `Deno ${Deno.version.deno}, ${tcpdumpVersion ?? "no tcpdump"}. `;
    // Our contenders use the C shim when it is built (else libc): build it as `deno task build` does.
    const shim = await buildShim({ quiet: true });
    // sniff's start-up bundles too, as `deno task build` makes them.
    const bundles = [...(await buildBundles()).entries()];
    const failed = bundles.filter(([, b]) => b.result === "failed").map(([entry]) => entry);
    const load = Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");
    report += `Load average at the start: ${load}. Capture backend: ${
      shim === "no-cc" ? "libc (no cc for the shim)" : "the C shim"
    }. sniff's start-up bundles: ${
      failed.length ? `not built for ${failed.join(", ")}` : "built (`deno task build`)"
    }.\n\n`;
    const raw = o.contenders.includes("raw") ? await buildRawCounter(workDir) : undefined;
    const specs = contenderSpecs(o.contenders, tcpdumpVersion !== undefined, raw);
    if (!o.skip.has("live") || !o.skip.has("long")) {
      veth = await createVethPair();
      console.error(`bench: veth pair ${veth.tx} → ${veth.rx}`);
    }
    if (!o.skip.has("live")) report += await liveBenchmark(gen, specs, o);
    if (!o.skip.has("long") && o.long > 0) report += await longRun(gen, specs, o);
    await veth?.remove();
    veth = undefined;
    if (!o.skip.has("files")) report += await fileBenchmark(gen, o, tcpdumpVersion !== undefined);
    if (!o.skip.has("replay")) {
      report += await replayBenchmark({ quick: o.quick, repeat: o.repeat });
    }
  } catch (e) {
    console.error(`bench: ${e instanceof Error ? e.message : e}`);
    ok = false;
  } finally {
    await cleanUp();
  }
  if (ok && !o.skip.has("micro")) {
    const micro = await microBenchmarks();
    report += micro.md;
    ok = micro.ok;
  }
  if (report) {
    console.log(report);
    if (o.out) await Deno.writeTextFile(o.out, report);
  }
  return ok ? 0 : 1;
}

Deno.exit(await main());
