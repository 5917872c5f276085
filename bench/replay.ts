/**
 * The replay benchmark: `examples/replay.ts --topspeed` against `tcpreplay --topspeed` on the
 * same veth pair, with 64- and 1500-byte frames preloaded (`-K`) and looped, so the sending loop
 * dominates. Frames per second come from each tool's own summary ("Rated: … pps"); CPU is the
 * whole process's user + system time (bash's `times`: start-up and the file's preload
 * included, for both). A second figure leaves start-up and preload out: the CPU of the looped
 * run minus that of a one-loop run, over the frames the extra loops sent (the cost of a frame
 * once running, for both tools). Ratios are ours / tcpreplay: frames/s (≥ 1 is the target) and
 * CPU per frame (≤ 1 is the target).
 *
 * ```sh
 * deno run --allow-all bench/replay.ts [--quick]   # alone; `deno task bench` runs it too
 * ```
 *
 * @module
 */
import { buildPacket } from "../decode/build.ts";
import {
  buildGenerator,
  ContenderProcess,
  createVethPair,
  formatRatio,
  markdownTable,
  median,
  runGenerator,
  timedRun,
  type VethPair,
} from "./harness.ts";

const REPLAY = new URL("../examples/replay.ts", import.meta.url).pathname;

/** Options of {@linkcode replayBenchmark}. */
export interface ReplayBenchOptions {
  /** Fewer frames and loops. */
  quick: boolean;
  /** Runs per contender; the median frames/s run is kept. */
  repeat: number;
}

function hasTcpreplay(): boolean {
  try {
    return new Deno.Command("tcpreplay", { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

/** A microsecond pcap of `count` UDP frames of `size` bytes, source port varying. */
function pcapFile(size: number, count: number): Uint8Array {
  const out = new Uint8Array(24 + count * (16 + size));
  const dv = new DataView(out.buffer);
  out.set(Uint8Array.fromHex("d4c3b2a1020004000000000000000000ffff000001000000"));
  const layers = [
    { layer: "ethernet", dstAddr: "02:54:50:4b:00:09", srcAddr: "02:54:50:4b:00:01" },
    { layer: "ipv4", srcAddr: "10.99.0.1", dstAddr: "10.99.0.2" },
    { layer: "udp", srcPort: 1, dstPort: 9 },
    { layer: "payload", length: size - 42 },
  ] as const;
  let at = 24;
  for (let i = 0; i < count; i++) {
    const frame = buildPacket([
      layers[0],
      layers[1],
      { ...layers[2], srcPort: 1024 + (i % 50000) },
      layers[3],
    ]);
    dv.setUint32(at, 1_700_000_000 + Math.floor(i / 1e6), true);
    dv.setUint32(at + 4, i % 1e6, true);
    dv.setUint32(at + 8, size, true);
    dv.setUint32(at + 12, size, true);
    out.set(frame, at + 16);
    at += 16 + size;
  }
  return out;
}

interface Measured {
  packets: number;
  pps: number;
  cpu: number;
}

function parseSummary(stdout: string, who: string): { packets: number; pps: number } {
  const packets = /^Actual: (\d+) packets/m.exec(stdout)?.[1];
  const pps = /^Rated: .*, ([\d.]+) pps$/m.exec(stdout)?.[1];
  if (packets === undefined || pps === undefined) {
    throw new Error(`Cannot read ${who}'s summary: ${stdout.split("\n")[0] ?? ""}`);
  }
  return { packets: Number(packets), pps: Number(pps) };
}

async function measure(cmd: string[], who: string, repeat: number): Promise<Measured> {
  const runs: Measured[] = [];
  for (let i = 0; i < repeat; i++) {
    const r = await timedRun(cmd);
    runs.push({ ...parseSummary(r.stdout, who), cpu: r.cpu });
  }
  const mid = median(runs.map((r) => r.pps));
  return runs.find((r) => r.pps === mid) ?? runs[0]!;
}

/** CPU per frame once running: (looped run − one-loop run) / the frames of the extra loops. */
async function steadyCpu(
  cmd: (loops: number) => string[],
  looped: Measured,
  who: string,
  repeat: number,
): Promise<number> {
  const once: Measured[] = [];
  for (let i = 0; i < repeat; i++) {
    const r = await timedRun(cmd(1));
    once.push({ ...parseSummary(r.stdout, who), cpu: r.cpu });
  }
  const cpu = median(once.map((r) => r.cpu));
  return (looped.cpu - cpu) / (looped.packets - once[0]!.packets) * 1e9;
}

/**
 * replay as the capture benchmark's traffic generator, checked against `bench/gen.c`: each sends
 * the same number of 64-byte frames at the same asked rate while tcpdump captures on the far
 * end; the table gives each one's own rate and what tcpdump saw.
 */
async function generatorCheck(veth: VethPair, dir: string, quick: boolean): Promise<string> {
  const count = quick ? 50_000 : 200_000, pps = 100_000;
  const gen = await buildGenerator(dir);
  const file = `${dir}/gen64.pcap`;
  Deno.writeFileSync(file, pcapFile(64, count));
  const tcpdump = {
    name: "tcpdump",
    cmd: ["tcpdump", "-i", "{if}", "-w", "/dev/null", "-B", "2048", "-s", "262144", "-Z", "root"],
    counts: "tcpdump" as const,
  };
  const rows: string[][] = [];
  const runs: [string, () => Promise<{ sent: number; pps: number }>][] = [
    ["gen.c", () => runGenerator(gen, veth.tx, count, 64, pps)],
    ...(["sendmmsg", "txring"] as const).map((
      m,
    ): [string, () => Promise<{ sent: number; pps: number }>] => [
      `replay --pps (${m})`,
      async () => {
        const r = await timedRun([
          Deno.execPath(),
          "run",
          "-A",
          REPLAY,
          "-i",
          veth.tx,
          "-p",
          String(pps),
          "--method",
          m,
          file,
        ]);
        const s = parseSummary(r.stdout, "replay");
        return { sent: s.packets, pps: s.pps };
      },
    ]),
  ];
  for (const [name, send] of runs) {
    const cap = await ContenderProcess.start(tcpdump, veth.rx, veth.rxIndex);
    try {
      const g = await send();
      await new Promise((r) => setTimeout(r, 1000));
      const c = await cap.stop();
      rows.push([name, `${g.sent}`, g.pps.toFixed(0), `${c.received}`, `${c.dropped}`]);
    } finally {
      await cap.kill();
    }
  }
  Deno.removeSync(file);
  return [
    "",
    `### replay as the capture benchmark's generator (${count} frames of 64 B at ${pps} pps)`,
    "",
    markdownTable(["generator", "sent", "its rate, frames/s", "tcpdump received", "dropped"], rows),
    "",
  ].join("\n");
}

/**
 * Runs the replay benchmark.
 *
 * @param o Quick or full, and repetitions.
 * @returns A markdown section.
 */
export async function replayBenchmark(o: ReplayBenchOptions): Promise<string> {
  if (!hasTcpreplay()) {
    console.error("bench: tcpreplay is missing, the replay benchmark is skipped");
    return "\n## Replay\n\ntcpreplay is not installed: skipped.\n";
  }
  const veth = await createVethPair();
  const dir = Deno.makeTempDirSync({ prefix: "tpacket-replay-bench-" });
  const rows: string[][] = [];
  const ratios: string[][] = [];
  let gens = "";
  try {
    for (const size of [64, 1500]) {
      const count = size === 64 ? (o.quick ? 50_000 : 200_000) : (o.quick ? 20_000 : 50_000);
      const loops = o.quick ? 2 : 5;
      const file = `${dir}/f${size}.pcap`;
      Deno.writeFileSync(file, pcapFile(size, count));
      const common = (l: number) => ["-i", veth.tx, "-t", "-K", "-l", String(l), file];
      console.error(`bench: replay ${size} B × ${count * loops}`);
      const tcpreplay = (l: number) => ["tcpreplay", ...common(l)];
      const theirs = await measure(tcpreplay(loops), "tcpreplay", o.repeat);
      const theirSteady = await steadyCpu(tcpreplay, theirs, "tcpreplay", o.repeat);
      const contenders: [string, (l: number) => string[]][] = [
        ["ours: sendmmsg", (l) => [Deno.execPath(), "run", "-A", REPLAY, ...common(l)]],
        [
          "ours: TX ring",
          (l) => [Deno.execPath(), "run", "-A", REPLAY, "--method", "txring", ...common(l)],
        ],
      ];
      const perFrame = (m: Measured) => m.cpu / m.packets * 1e9;
      rows.push([
        `${size} B`,
        "tcpreplay",
        `${theirs.packets}`,
        theirs.pps.toFixed(0),
        theirs.cpu.toFixed(2),
        perFrame(theirs).toFixed(0),
        theirSteady.toFixed(0),
      ]);
      for (const [name, cmd] of contenders) {
        const ours = await measure(cmd(loops), name, o.repeat);
        const steady = await steadyCpu(cmd, ours, name, o.repeat);
        rows.push([
          `${size} B`,
          name,
          `${ours.packets}`,
          ours.pps.toFixed(0),
          ours.cpu.toFixed(2),
          perFrame(ours).toFixed(0),
          steady.toFixed(0),
        ]);
        ratios.push([
          `${size} B`,
          name,
          formatRatio(ours.pps, theirs.pps),
          formatRatio(perFrame(ours), perFrame(theirs)),
          formatRatio(steady, theirSteady),
        ]);
      }
      Deno.removeSync(file);
    }
    gens = await generatorCheck(veth, dir, o.quick);
  } finally {
    await veth.remove();
    Deno.removeSync(dir, { recursive: true });
  }
  return [
    "",
    "## Replay: `replay --topspeed -K` against `tcpreplay --topspeed -K`",
    "",
    markdownTable(
      ["size", "contender", "frames", "frames/s", "CPU s", "CPU ns/frame", "running, ns/frame"],
      rows,
    ),
    "",
    'CPU is the whole process (start-up and the preload of the file included); "running" is the',
    "looped run's CPU minus a one-loop run's, per frame of the extra loops (start-up left out).",
    "",
    "Ratios ours / tcpreplay (frames/s: ≥ 1 is the target; CPU per frame: ≤ 1 is the target):",
    "",
    markdownTable(["size", "contender", "frames/s", "CPU/frame", "CPU/frame running"], ratios),
    gens,
  ].join("\n");
}

if (import.meta.main) {
  const quick = Deno.args.includes("--quick");
  console.log(await replayBenchmark({ quick, repeat: quick ? 1 : 3 }));
}
