/**
 * Where a capture program's CPU goes, thread by thread, during one live step of the benchmark:
 * the same veth pair, generator and window as `bench/run.ts` (the traffic plus a 1.6 s drain),
 * with each thread's `se.sum_exec_runtime` read from `/proc/PID/task/TID/sched` before and
 * after, and, with `--every MS`, in between (what a snapshot a second costs shows as a step).
 *
 * ```sh
 * deno run --allow-all bench/threads.ts --size 64 --rate 250000 --count 500000 -- \
 *   deno run --allow-all examples/top.ts -i {if} --json
 * ```
 *
 * `{if}` is replaced by the capturing end of the pair. The program must print tcpdump's three
 * summary lines on SIGTERM (sniff and top do), or bench/count.ts's JSON line (`--json`).
 * Prints one line: packets, the whole process's ns/packet, then each thread's (name/tid) and
 * how many times it went to sleep meanwhile (`voluntary_ctxt_switches`: for a reader, its
 * wake-ups).
 *
 * @module
 */
import {
  buildGenerator,
  ContenderProcess,
  type ContenderProcess as Contender,
  createVethPair,
  parseSchedRuntime,
  runGenerator,
} from "./harness.ts";

const DRAIN_MS = 1600;
const USAGE = `Usage: deno run --allow-all bench/threads.ts [options] -- PROGRAM ARGS...
  --size B      frame size in bytes, 42 to 1514 (default 64)
  --rate PPS    frames per second, 0 = as fast as possible (default 250000)
  --count N     frames to send (default 500000)
  --every MS    also print each thread's CPU in every MS of the window
  --json        the program prints bench/count.ts's JSON line, not tcpdump's summary`;

interface Options {
  size: number;
  rate: number;
  count: number;
  every: number;
  json: boolean;
  cmd: string[];
}

function parse(argv: string[]): Options {
  const sep = argv.indexOf("--");
  if (sep < 0 || sep === argv.length - 1) throw new Error("no program after --");
  const o: Options = { size: 64, rate: 250_000, count: 500_000, every: 0, json: false, cmd: [] };
  const own = argv.slice(0, sep);
  for (let i = 0; i < own.length; i++) {
    const flag = own[i]!;
    if (flag === "--json") {
      o.json = true;
      continue;
    }
    const key =
      ({ "--size": "size", "--rate": "rate", "--count": "count", "--every": "every" } as const)[
        flag as "--size"
      ];
    if (key === undefined) throw new Error(`unknown option "${flag}"`);
    const text = own[++i];
    const value = Number(text);
    if (text === undefined || !Number.isInteger(value) || value < 0) {
      throw new Error(`${flag} needs a whole number, not "${text ?? ""}"`);
    }
    o[key] = value;
  }
  if (o.size < 42 || o.size > 1514) throw new Error(`size ${o.size} is outside 42..1514 bytes`);
  if (o.count < 1) throw new Error("--count must be at least 1");
  o.cmd = argv.slice(sep + 1);
  return o;
}

/** One thread's reading: its name, CPU seconds, and how often it went to sleep. */
interface Thread {
  name: string;
  seconds: number;
  /** `voluntary_ctxt_switches`: each sleep (a poll, a futex wait) that a wake-up ended. */
  sleeps: number;
}

/** CPU seconds and sleeps of each thread of `pid` now, by tid, with its name. */
function threads(pid: number): Map<string, Thread> {
  const out = new Map<string, Thread>();
  for (const e of Deno.readDirSync(`/proc/${pid}/task`)) {
    try {
      const dir = `/proc/${pid}/task/${e.name}`;
      const seconds = parseSchedRuntime(Deno.readTextFileSync(`${dir}/sched`));
      if (seconds === undefined) continue;
      const status = Deno.readTextFileSync(`${dir}/status`);
      const sleeps = Number(/^voluntary_ctxt_switches:\s*(\d+)/m.exec(status)?.[1] ?? 0);
      out.set(e.name, { name: Deno.readTextFileSync(`${dir}/comm`).trim(), seconds, sleeps });
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}

/** Each thread's CPU (ms) and sleeps between two readings, the busiest first; idle ones left out. */
function deltas(
  before: Map<string, Thread>,
  after: Map<string, Thread>,
): { label: string; ms: number; sleeps: number }[] {
  const rows: { label: string; ms: number; sleeps: number }[] = [];
  for (const [tid, t] of after) {
    const was = before.get(tid);
    const ms = (t.seconds - (was?.seconds ?? 0)) * 1000;
    const sleeps = t.sleeps - (was?.sleeps ?? 0);
    if (ms >= 0.1) rows.push({ label: `${t.name}/${tid}`, ms, sleeps });
  }
  return rows.sort((a, b) => b.ms - a.ms);
}

async function main(o: Options): Promise<void> {
  const work = await Deno.makeTempDir({ prefix: "tpacket-threads-" });
  const veth = await createVethPair();
  let p: Contender | undefined;
  try {
    const gen = await buildGenerator(work);
    p = await ContenderProcess.start(
      { name: o.cmd[0]!, cmd: o.cmd, counts: o.json ? "json" : "tcpdump" },
      veth.rx,
      veth.rxIndex,
    );
    const start = threads(p.pid);
    const t0 = performance.now();
    let last = start;
    const steps: string[] = [];
    const timer = o.every > 0
      ? setInterval(() => {
        const now = threads(p!.pid);
        const row = deltas(last, now).map((d) => `${d.label} ${d.ms.toFixed(1)}`);
        steps.push(`${Math.round(performance.now() - t0)} ms: ${row.join(", ")}`);
        last = now;
      }, o.every)
      : undefined;
    const g = await runGenerator(gen, veth.tx, o.count, o.size, o.rate);
    await new Promise((r) => setTimeout(r, DRAIN_MS));
    clearInterval(timer);
    const end = threads(p.pid);
    const counts = await p.stop();
    for (const line of steps) console.log(line);
    const rows = deltas(start, end);
    const total = rows.reduce((n, r) => n + r.ms, 0);
    const per = (ms: number) => Math.round((ms * 1e6) / Math.max(1, counts.captured));
    console.log(
      `sent ${g.sent}, captured ${counts.captured}, dropped ${counts.dropped}: ${
        total.toFixed(1)
      } ms = ${per(total)} ns/packet; ${
        rows.map((r) => `${r.label} ${per(r.ms)} (${r.sleeps} sleeps)`).join(", ")
      }`,
    );
  } finally {
    await p?.kill();
    await veth.remove();
    await Deno.remove(work, { recursive: true });
  }
}

if (import.meta.main) {
  const own = Deno.args.includes("--") ? Deno.args.slice(0, Deno.args.indexOf("--")) : Deno.args;
  if (own.includes("--help")) {
    console.log(USAGE);
    Deno.exit(0);
  }
  let options: Options;
  try {
    options = parse(Deno.args);
  } catch (e) {
    console.error(`threads: Cannot start: ${(e as Error).message} (see --help)`);
    Deno.exit(2);
  }
  try {
    await main(options);
  } catch (e) {
    console.error(`threads: ${(e as Error).message.split("\n")[0]}`);
    Deno.exit(1);
  }
}
