/**
 * Building blocks of the capture benchmark (`bench/run.ts`): the generator build, a veth pair,
 * contender processes, what /proc says about them, and the arithmetic and tables of the report.
 * Nothing here is part of the published package.
 *
 * @module
 */

/** Loss below this share of the offered packets counts as lossless (0.1%). */
export const LOSSLESS_MAX_LOSS = 0.001;

/** What a capture process says it saw, in tcpdump's terms. */
export interface CaptureCounts {
  /** Packets handed to the program ("packets captured"). */
  captured: number;
  /** Packets the kernel accepted for the socket ("packets received by filter"). */
  received: number;
  /** Packets the kernel dropped for lack of ring space ("packets dropped by kernel"). */
  dropped: number;
  /** `bench/count.ts --timer`: 99th percentile of a 1 ms main-thread timer's lateness, ms. */
  timerP99Ms?: number;
  /** `bench/count.ts --timer`: the largest lateness, ms. */
  timerMaxMs?: number;
  /** `bench/count.ts --timer`: the same timer's 99th percentile in an idle Worker (the floor), ms. */
  timerFloorP99Ms?: number;
  /** `bench/count.ts`: `stats().maxUnvisitedMs`, the longest time ready frames waited, ms. */
  maxUnvisitedMs?: number;
  /** `bench/count.ts`: `stats().maxBlocksHeld`, the most ring blocks in user space at once. */
  maxBlocksHeld?: number;
}

/** What `bench/gen.c` reports on its one line of output. */
export interface GenResult {
  /** Frames handed to the kernel. */
  sent: number;
  /** Frame size in bytes, Ethernet header included. */
  size: number;
  /** Seconds from the first send to the last. */
  seconds: number;
  /** Achieved rate in frames per second. */
  pps: number;
  /** Sends retried after ENOBUFS/EAGAIN. */
  retries: number;
}

/**
 * Reads tcpdump's three summary lines (also printed by `examples/sniff.ts`).
 *
 * @param text The stderr of the capture process.
 * @returns The three counts, or `undefined` when any line is missing.
 * @example Parse tcpdump's summary
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseTcpdumpSummary } from "./harness.ts";
 * const text = "1 packet captured\n7 packets received by filter\n0 packets dropped by kernel\n";
 * assert.deepEqual(parseTcpdumpSummary(text), { captured: 1, received: 7, dropped: 0 });
 * ```
 */
export function parseTcpdumpSummary(text: string): CaptureCounts | undefined {
  const captured = /^(\d+) packets? captured$/m.exec(text);
  const received = /^(\d+) packets? received by filter$/m.exec(text);
  const dropped = /^(\d+) packets? dropped by kernel$/m.exec(text);
  if (!captured || !received || !dropped) return undefined;
  return {
    captured: Number(captured[1]),
    received: Number(received[1]),
    dropped: Number(dropped[1]),
  };
}

/**
 * Reads the JSON line `bench/count.ts` prints when stopped: `captured` plus `Capture.stats()`.
 *
 * @param text The stdout of `bench/count.ts`.
 * @returns The counts from the last JSON line that has them, or `undefined`.
 * @example Parse the counter's line
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseCountJson } from "./harness.ts";
 * const line = '{"captured":5,"received":6,"dropped":1,"freezes":0}';
 * assert.deepEqual(parseCountJson(line), { captured: 5, received: 6, dropped: 1 });
 * ```
 */
export function parseCountJson(text: string): CaptureCounts | undefined {
  const lines = text.trim().split("\n").reverse();
  for (const line of lines) {
    if (!line.startsWith("{")) continue;
    try {
      const o = JSON.parse(line) as Record<string, unknown>;
      const { captured, received, dropped, timerP99Ms, timerMaxMs, timerFloorP99Ms } = o;
      const { maxUnvisitedMs, maxBlocksHeld } = o;
      if (
        typeof captured === "number" && typeof received === "number" &&
        typeof dropped === "number"
      ) {
        const counts: CaptureCounts = { captured, received, dropped };
        if (typeof timerP99Ms === "number") counts.timerP99Ms = timerP99Ms;
        if (typeof timerMaxMs === "number") counts.timerMaxMs = timerMaxMs;
        if (typeof timerFloorP99Ms === "number") counts.timerFloorP99Ms = timerFloorP99Ms;
        if (typeof maxUnvisitedMs === "number") counts.maxUnvisitedMs = maxUnvisitedMs;
        if (typeof maxBlocksHeld === "number") counts.maxBlocksHeld = maxBlocksHeld;
        return counts;
      }
    } catch {
      // not our line; keep looking
    }
  }
  return undefined;
}

/**
 * Reads the generator's JSON line.
 *
 * @param text The stdout of `bench/gen.c`.
 * @returns The parsed result.
 * @throws {Error} When the line is missing or incomplete.
 * @example Parse the generator's line
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseGenResult } from "./harness.ts";
 * const r = parseGenResult('{"sent":10,"size":64,"seconds":0.5,"pps":20,"retries":0}\n');
 * assert.equal(r.pps, 20);
 * ```
 */
export function parseGenResult(text: string): GenResult {
  const line = text.trim().split("\n").pop() ?? "";
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line);
  } catch {
    throw new Error(`Cannot read the generator's result: "${line.slice(0, 80)}" is not JSON`);
  }
  const keys = ["sent", "size", "seconds", "pps", "retries"] as const;
  for (const k of keys) {
    if (typeof o[k] !== "number") {
      throw new Error(`Cannot read the generator's result: "${k}" is missing in "${line}"`);
    }
  }
  return o as unknown as GenResult;
}

/**
 * Sums `utime` and `stime` of a `/proc/<pid>/stat` line, in clock ticks. The command name may
 * hold spaces and parentheses, so fields are counted after the last `)`.
 *
 * @param text The content of `/proc/<pid>/stat`.
 * @returns utime + stime in clock ticks.
 * @example Read the CPU ticks of a process
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseStatCpuTicks } from "./harness.ts";
 * const stat = "42 (a b) S 1 42 42 0 -1 4194560 100 0 0 0 7 3 0 0 20 0 1 0 5 0 0";
 * assert.equal(parseStatCpuTicks(stat), 10);
 * ```
 */
export function parseStatCpuTicks(text: string): number {
  const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
  // After the name: state(3) ppid pgrp session tty_nr tpgid flags minflt cminflt majflt
  // cmajflt utime(14) stime(15), so utime is rest[11] and stime rest[12] (proc(5)).
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) {
    throw new Error(`Cannot read CPU time: "${text.slice(0, 60)}" is not a /proc stat line`);
  }
  return utime + stime;
}

/**
 * Reads `se.sum_exec_runtime` (milliseconds, nanosecond precision) from a
 * `/proc/<pid>/task/<tid>/sched` file.
 *
 * @param text The content of the sched file.
 * @returns The thread's run time in seconds, or `undefined` when the field is absent.
 * @example Read a thread's run time
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseSchedRuntime } from "./harness.ts";
 * assert.equal(parseSchedRuntime("se.sum_exec_runtime   :   1500.000000\n"), 1.5);
 * ```
 */
export function parseSchedRuntime(text: string): number | undefined {
  const m = /^se\.sum_exec_runtime\s*:\s*([\d.]+)$/m.exec(text);
  return m ? Number(m[1]) / 1000 : undefined;
}

let clockTicks: number | undefined;

function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      const out = new Deno.Command("getconf", { args: ["CLK_TCK"], stderr: "null" }).outputSync();
      clockTicks = Number(new TextDecoder().decode(out.stdout).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/**
 * CPU time (user + system) a process has used so far, all threads. Uses the nanosecond
 * `se.sum_exec_runtime` of each thread when the kernel shows it, else utime + stime from
 * `/proc/<pid>/stat` (10 ms ticks).
 *
 * @param pid The process.
 * @returns Seconds of CPU time, or `undefined` when the process is gone.
 */
export function cpuSeconds(pid: number): number | undefined {
  try {
    let total = 0;
    let precise = true;
    for (const e of Deno.readDirSync(`/proc/${pid}/task`)) {
      let t: number | undefined;
      try {
        t = parseSchedRuntime(Deno.readTextFileSync(`/proc/${pid}/task/${e.name}/sched`));
      } catch {
        t = undefined;
      }
      if (t === undefined) {
        precise = false;
        break;
      }
      total += t;
    }
    if (precise) return total;
    return parseStatCpuTicks(Deno.readTextFileSync(`/proc/${pid}/stat`)) / ticksPerSecond();
  } catch {
    return undefined;
  }
}

/**
 * Resident memory of a process (`VmRSS` in `/proc/<pid>/status`).
 *
 * @param pid The process.
 * @returns KiB, or `undefined` when the process is gone.
 */
export function rssKiB(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s*(\d+) kB$/m.exec(Deno.readTextFileSync(`/proc/${pid}/status`));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `pid` holds a packet socket bound to `ifIndex` (from `/proc/net/packet` and the
 * process's fd links), i.e. whether the capture is listening; `atLeast` of them for a
 * contender with several (a fanout group's members).
 *
 * @param pid The capture process.
 * @param ifIndex The interface it should be bound to.
 * @param atLeast How many such sockets it must hold.
 * @returns `true` once such a socket exists.
 */
export function hasPacketSocketOn(pid: number, ifIndex: number, atLeast = 1): boolean {
  const inodes = new Set<string>();
  let bound = 0;
  try {
    for (const e of Deno.readDirSync(`/proc/${pid}/fd`)) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(Deno.readLinkSync(`/proc/${pid}/fd/${e.name}`));
        if (m) inodes.add(m[1]!);
      } catch {
        // fd closed meanwhile
      }
    }
    // sk RefCnt Type Proto Iface R Rmem User Inode
    for (const line of Deno.readTextFileSync("/proc/net/packet").split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length >= 9 && Number(f[4]) === ifIndex && inodes.has(f[8]!)) bound++;
    }
  } catch {
    return false;
  }
  return bound >= atLeast;
}

/**
 * Share of the offered packets that were not captured.
 *
 * @param sent Packets offered.
 * @param captured Packets captured.
 * @returns A ratio in [0, 1] (0 when nothing was sent).
 * @example Loss of a run
 * ```ts
 * import assert from "node:assert/strict";
 * import { lossRatio } from "./harness.ts";
 * assert.equal(lossRatio(1000, 990), 0.01);
 * ```
 */
export function lossRatio(sent: number, captured: number): number {
  return sent > 0 ? Math.max(0, sent - captured) / sent : 0;
}

/** One step of a rate series for one contender. */
export interface RateStep {
  /** Rate the generator achieved, frames per second. */
  offeredPps: number;
  /** Frames the generator sent. */
  sent: number;
  /** Frames the contender captured. */
  captured: number;
}

/**
 * The highest offered rate a contender held with less than {@linkcode LOSSLESS_MAX_LOSS} loss.
 *
 * @param steps The steps of one contender at one frame size.
 * @returns The rate in frames per second (0 when no step was lossless) and whether that was
 *   also the highest rate offered at all (then the generator, not the capture, was the limit).
 * @example Pick the lossless rate
 * ```ts
 * import assert from "node:assert/strict";
 * import { losslessRate } from "./harness.ts";
 * const steps = [
 *   { offeredPps: 1000, sent: 1000, captured: 1000 },
 *   { offeredPps: 5000, sent: 5000, captured: 4000 },
 * ];
 * assert.deepEqual(losslessRate(steps), { pps: 1000, atGeneratorLimit: false });
 * ```
 */
export function losslessRate(
  steps: readonly RateStep[],
): { pps: number; atGeneratorLimit: boolean } {
  let pps = 0;
  let max = 0;
  for (const s of steps) {
    max = Math.max(max, s.offeredPps);
    if (lossRatio(s.sent, s.captured) < LOSSLESS_MAX_LOSS) pps = Math.max(pps, s.offeredPps);
  }
  return { pps, atGeneratorLimit: pps > 0 && pps === max };
}

/**
 * Whether two byte arrays hold the same bytes (fast enough for files of hundreds of MiB).
 *
 * @param a One array.
 * @param b The other.
 * @returns `true` when lengths and every byte agree.
 * @example Compare two buffers
 * ```ts
 * import assert from "node:assert/strict";
 * import { sameBytes } from "./harness.ts";
 * assert.equal(sameBytes(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3])), true);
 * assert.equal(sameBytes(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4])), false);
 * ```
 */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  let i = 0;
  if (a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    const words = a.byteLength >>> 2;
    const wa = new Uint32Array(a.buffer, a.byteOffset, words);
    const wb = new Uint32Array(b.buffer, b.byteOffset, words);
    for (let w = 0; w < words; w++) if (wa[w] !== wb[w]) return false;
    i = words * 4;
  }
  for (; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Median of some numbers (the mean of the middle two for an even count).
 *
 * @param values The numbers.
 * @returns The median, or `NaN` for none.
 * @example Median of three runs
 * ```ts
 * import assert from "node:assert/strict";
 * import { median } from "./harness.ts";
 * assert.equal(median([3, 1, 2]), 2);
 * ```
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/**
 * A GitHub markdown table.
 *
 * @param header Column titles.
 * @param rows Cells, already formatted.
 * @returns The table, one line per row, ending with a newline.
 * @example A two-column table
 * ```ts
 * import assert from "node:assert/strict";
 * import { markdownTable } from "./harness.ts";
 * assert.equal(markdownTable(["a", "b"], [["1", "2"]]), "| a | b |\n| --- | --- |\n| 1 | 2 |\n");
 * ```
 */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |\n`;
  return line(header) + line(header.map(() => "---")) + rows.map(line).join("");
}

/**
 * Formats a rate in frames per second compactly (`812k`, `1.25M`).
 *
 * @param pps Frames per second.
 * @returns The text.
 * @example Format rates
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatRate } from "./harness.ts";
 * assert.equal(formatRate(812_345), "812k");
 * assert.equal(formatRate(1_250_000), "1.25M");
 * ```
 */
export function formatRate(pps: number): string {
  if (pps >= 1e6) return `${(pps / 1e6).toFixed(2)}M`;
  if (pps >= 1e3) return `${Math.round(pps / 1e3)}k`;
  return `${Math.round(pps)}`;
}

/**
 * Formats a ratio like `0.85×`, or `n/a` when it cannot be computed.
 *
 * @param ours Our value.
 * @param theirs tcpdump's value.
 * @returns The text.
 * @example Format a ratio
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatRatio } from "./harness.ts";
 * assert.equal(formatRatio(1, 2), "0.50×");
 * assert.equal(formatRatio(1, 0), "∞");
 * assert.equal(formatRatio(0, 0), "n/a");
 * ```
 */
export function formatRatio(ours: number, theirs: number): string {
  if (!Number.isFinite(ours) || !Number.isFinite(theirs) || theirs < 0) return "n/a";
  if (theirs === 0) return ours > 0 ? "∞" : "n/a";
  return `${(ours / theirs).toFixed(2)}×`;
}

/**
 * The line of a program's stderr that best says what went wrong: Deno's `error:` line when
 * there is one, else the last line that is not part of a stack backtrace.
 *
 * @param stderr What the program wrote on stderr.
 * @returns One line, possibly empty.
 * @example Pick Deno's error line
 * ```ts
 * import assert from "node:assert/strict";
 * import { errorLine } from "./harness.ts";
 * const text = "\x1b[1;31merror\x1b[0m: Module not found \"x\".\nStack backtrace:\n   0: <unknown>\n";
 * assert.equal(errorLine(text), 'error: Module not found "x".');
 * ```
 */
export function errorLine(stderr: string): string {
  // deno colours its errors unless NO_COLOR is set; drop the escapes either way.
  // deno-lint-ignore no-control-regex
  const plain = stderr.replaceAll(/\x1b\[[0-9;]*m/g, "");
  const lines = plain.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  const denoError = lines.find((l) => l.startsWith("error: "));
  if (denoError) return denoError;
  const useful = lines.filter((l) => !/^(\d+: |at |Stack backtrace:)/.test(l));
  return useful[useful.length - 1] ?? "";
}

/** Children that {@linkcode run} started and that have not exited yet. */
const running = new Set<Deno.ChildProcess>();

/** Sends SIGTERM to every child {@linkcode run} started that still runs (for Ctrl-C). */
export function stopRunningCommands(): void {
  for (const child of running) {
    try {
      child.kill("SIGTERM");
    } catch {
      // exited meanwhile
    }
  }
}

/**
 * Runs a command to completion.
 *
 * @param cmd The program.
 * @param args Its arguments.
 * @returns Its stdout.
 * @throws {Error} One line naming the command and the last line of its stderr when it fails.
 */
export async function run(cmd: string, args: readonly string[]): Promise<string> {
  const child = new Deno.Command(cmd, {
    args: [...args],
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  running.add(child);
  const out = await child.output().finally(() => running.delete(child));
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) {
    const err = errorLine(new TextDecoder().decode(out.stderr));
    throw new Error(`Cannot run "${[cmd, ...args].join(" ")}": ${err || `exit ${out.code}`}`);
  }
  return text;
}

/**
 * Compiles `bench/gen.c` with `cc -O2` into `dir`.
 *
 * @param dir A build directory the caller owns.
 * @returns The path of the generator binary.
 */
export async function buildGenerator(dir: string): Promise<string> {
  const source = new URL("./gen.c", import.meta.url).pathname;
  const binary = `${dir}/gen`;
  await run("cc", ["-O2", "-Wall", "-o", binary, source]);
  return binary;
}

/**
 * Builds `bench/raw.c`, the plain C TPACKET_V3 ring counter (the floor of the comparison), with
 * `cc -O2` into `dir`.
 *
 * @param dir A directory the caller removes afterwards.
 * @returns The path of the binary.
 */
export async function buildRawCounter(dir: string): Promise<string> {
  const source = new URL("./raw.c", import.meta.url).pathname;
  const binary = `${dir}/raw`;
  await run("cc", ["-O2", "-Wall", "-o", binary, source]);
  return binary;
}

/** A veth pair made for one run: frames sent on `tx` arrive on `rx`. */
export interface VethPair {
  /** The end the generator sends on. */
  tx: string;
  /** The end the contenders capture on. */
  rx: string;
  /** Interface index of `rx`. */
  rxIndex: number;
  /** Deletes the pair (both ends); safe to call twice. */
  remove(): Promise<void>;
}

/**
 * Creates a veth pair with unique names, IPv6, ARP and multicast off (so the only frames on
 * it are the generator's), both ends up.
 *
 * @returns The pair; the caller removes it.
 */
export async function createVethPair(): Promise<VethPair> {
  const tag = `${Deno.pid.toString(36)}${Math.floor(Math.random() * 36 ** 2).toString(36)}`;
  const tx = `tpb${tag}t`;
  const rx = `tpb${tag}r`;
  await run("ip", ["link", "add", tx, "type", "veth", "peer", "name", rx]);
  let removed = false;
  const remove = async () => {
    if (removed) return;
    removed = true;
    await new Deno.Command("ip", { args: ["link", "del", tx], stdout: "null", stderr: "null" })
      .output();
  };
  try {
    for (const dev of [tx, rx]) {
      try {
        Deno.writeTextFileSync(`/proc/sys/net/ipv6/conf/${dev}/disable_ipv6`, "1");
      } catch {
        // no IPv6 in this kernel: nothing to disable
      }
      await run("ip", ["link", "set", dev, "arp", "off", "multicast", "off", "up"]);
    }
    const rxIndex = Number(Deno.readTextFileSync(`/sys/class/net/${rx}/ifindex`).trim());
    return { tx, rx, rxIndex, remove };
  } catch (e) {
    await remove();
    throw e;
  }
}

/**
 * Runs the generator to completion.
 *
 * @param gen The binary from {@linkcode buildGenerator}.
 * @param iface Interface to send on.
 * @param count Frames to send.
 * @param size Frame size in bytes.
 * @param pps Target rate; 0 for as fast as possible.
 * @returns What the generator reports.
 */
export async function runGenerator(
  gen: string,
  iface: string,
  count: number,
  size: number,
  pps: number,
): Promise<GenResult> {
  const args = ["-i", iface, "-n", String(count), "-s", String(size), "-r", String(pps)];
  return parseGenResult(await run(gen, args));
}

/** Accumulates a child's output stream as text, in the background. */
function collect(stream: ReadableStream<Uint8Array>): { text(): string; done: Promise<void> } {
  let text = "";
  const done = stream.pipeThrough(new TextDecoderStream()).pipeTo(
    new WritableStream({ write: (chunk) => void (text += chunk) }),
  ).catch(() => {});
  return { text: () => text, done };
}

/** How to start one capture contender and read its counts afterwards. */
export interface ContenderSpec {
  /** Short name for the tables. */
  name: string;
  /** Program and arguments; the interface name replaces `{if}`, a fresh file path `{file}`. */
  cmd: readonly string[];
  /** Where the counts come from: tcpdump's summary lines or the counter's JSON line. */
  counts: "tcpdump" | "json";
  /** Packet sockets it binds (a fanout group: one per member); traffic waits for all. @default 1 */
  sockets?: number;
}

/** A running capture contender. */
export class ContenderProcess {
  readonly spec: ContenderSpec;
  readonly #child: Deno.ChildProcess;
  readonly #stdout: { text(): string; done: Promise<void> };
  readonly #stderr: { text(): string; done: Promise<void> };
  #exited = false;

  private constructor(spec: ContenderSpec, child: Deno.ChildProcess) {
    this.spec = spec;
    this.#child = child;
    this.#stdout = collect(child.stdout);
    this.#stderr = collect(child.stderr);
    child.status.then(() => (this.#exited = true));
  }

  /**
   * Starts the contender on `iface` and waits until it holds a packet socket bound to it.
   *
   * @param spec What to run.
   * @param iface Interface name.
   * @param ifIndex Its index.
   * @param timeoutMs How long to wait for the socket.
   * @returns The running process.
   */
  static async start(
    spec: ContenderSpec,
    iface: string,
    ifIndex: number,
    timeoutMs = 20_000,
    file = "/dev/null",
  ): Promise<ContenderProcess> {
    const [cmd, ...args] = spec.cmd.map((a) =>
      a.replaceAll("{if}", iface).replaceAll("{file}", file)
    );
    const child = new Deno.Command(cmd!, {
      args,
      env: { NO_COLOR: "1" },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const p = new ContenderProcess(spec, child);
    const deadline = Date.now() + timeoutMs;
    while (!hasPacketSocketOn(child.pid, ifIndex, spec.sockets ?? 1)) {
      if (p.#exited || Date.now() > deadline) {
        const why = p.#exited ? "it exited" : `no socket on ${iface} after ${timeoutMs} ms`;
        await p.kill();
        const err = errorLine(p.#stderr.text());
        throw new Error(`Cannot start ${spec.name}: ${why}${err ? ` (${err})` : ""}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    // The socket is bound; libpcap and openCapture may still be mapping the ring or attaching
    // the filter, so give them a moment before traffic starts.
    await new Promise((r) => setTimeout(r, 300));
    return p;
  }

  /** The process id. */
  get pid(): number {
    return this.#child.pid;
  }

  /** CPU seconds used so far (see {@linkcode cpuSeconds}). */
  cpu(): number | undefined {
    return cpuSeconds(this.#child.pid);
  }

  /** Resident memory in KiB. */
  rss(): number | undefined {
    return rssKiB(this.#child.pid);
  }

  /**
   * Sends SIGTERM, waits for the exit and reads the counts.
   *
   * @param timeoutMs How long to wait before SIGKILL.
   * @returns The counts the contender printed.
   */
  async stop(timeoutMs = 10_000): Promise<CaptureCounts> {
    if (!this.#exited) this.#child.kill("SIGTERM");
    const timer = setTimeout(() => {
      if (!this.#exited) this.#child.kill("SIGKILL");
    }, timeoutMs);
    const status = await this.#child.status;
    clearTimeout(timer);
    await Promise.all([this.#stdout.done, this.#stderr.done]);
    const counts = this.spec.counts === "tcpdump"
      ? parseTcpdumpSummary(this.#stderr.text())
      : parseCountJson(this.#stdout.text());
    if (!counts) {
      const err = errorLine(this.#stderr.text());
      throw new Error(
        `Cannot read the counts of ${this.spec.name}: exit ${status.code}${
          err ? `, "${err}"` : ""
        }`,
      );
    }
    return counts;
  }

  /** Kills the process (SIGKILL) if it still runs and waits for it. */
  async kill(): Promise<void> {
    if (!this.#exited) {
      try {
        this.#child.kill("SIGKILL");
      } catch {
        // already gone
      }
    }
    await this.#child.status;
    await Promise.all([this.#stdout.done, this.#stderr.done]);
  }
}

const TIMES_MARK = "--tpacket-bench-times--";

/** CPU seconds of a finished command and its wall time, measured by bash's `times` builtin. */
export interface TimedRun {
  /** Wall-clock seconds. */
  wall: number;
  /** User + system CPU seconds of the command (children of the shell). */
  cpu: number;
  /** The command's stdout. */
  stdout: string;
  /** The command's stderr. */
  stderr: string;
}

/**
 * Parses the children's line of bash's `times` (`0m1.250s 0m0.100s`).
 *
 * @param text The output of `times`.
 * @returns User + system seconds of the children.
 * @example Read the children's CPU time
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseBashTimes } from "./harness.ts";
 * assert.equal(parseBashTimes("0m0.001s 0m0.002s\n1m1.250s 0m0.250s\n"), 61.5);
 * ```
 */
export function parseBashTimes(text: string): number {
  const lines = text.trim().split("\n");
  const m = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/.exec(lines[lines.length - 1]!.trim());
  if (!m) {
    throw new Error(`Cannot read CPU times: "${lines[lines.length - 1]}" is not bash's times`);
  }
  return Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4]);
}

/**
 * Runs a command under bash and measures its wall time and CPU time (user + system).
 *
 * @param cmd Program and arguments.
 * @returns The measurements and the command's stdout.
 */
export async function timedRun(cmd: readonly string[]): Promise<TimedRun> {
  // `times` prints the shell's children's CPU time after a marker line on stderr, below
  // whatever the command itself wrote there.
  const quoted = cmd.map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(" ");
  const script = `${quoted}; rc=$?; echo ${TIMES_MARK} >&2; times >&2; exit $rc`;
  const t0 = performance.now();
  const out = await new Deno.Command("bash", {
    args: ["-c", script],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const wall = (performance.now() - t0) / 1000;
  const stderr = new TextDecoder().decode(out.stderr);
  const at = stderr.lastIndexOf(TIMES_MARK);
  if (!out.success || at < 0) {
    const err = errorLine(stderr.slice(0, at < 0 ? undefined : at));
    throw new Error(`Cannot run "${cmd.join(" ")}": ${err || `exit ${out.code}`}`);
  }
  return {
    wall,
    cpu: parseBashTimes(stderr.slice(at + TIMES_MARK.length)),
    stderr: stderr.slice(0, at),
    stdout: new TextDecoder().decode(out.stdout),
  };
}
