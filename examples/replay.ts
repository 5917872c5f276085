#!/usr/bin/env -S deno run --allow-ffi --allow-read
/**
 * `replay`: a tcpreplay-like tool built on tpacket. It sends the packets of a pcap or pcapng
 * file out of an interface, with the file's own timing by default, and prints tcpreplay's
 * summary:
 *
 * ```sh
 * deno task replay -i eth0 capture.pcap            # the file's timing
 * deno task replay -i eth0 -x 2 capture.pcapng     # twice as fast
 * deno task replay -i eth0 -p 1000 -l 0 in.pcap    # 1000 packets/s, looping forever
 * deno task replay -i eth0 -t -K -L 1000000 in.pcap  # top speed, preloaded, 1 M packets
 * cat in.pcap | deno task replay -i eth0 -M 100 -  # 100 Mbps from stdin
 * ```
 *
 * Sending runs in a Worker that sleeps on `CLOCK_MONOTONIC` until each packet is due, and sends
 * everything due with one `sendmmsg(2)` (or through a `PACKET_TX_RING` with `--method txring`).
 * A user mistake, a packet over the interface's MTU, a file that is not Ethernet, or a device
 * that is down is one line on stderr and exit status 1; packets sent before it are in the
 * summary.
 *
 * @module
 */
import { parseArgs as nodeParseArgs } from "node:util";
import { PcapReader, type PcapRecord } from "../pcap/mod.ts";
import {
  type Chunk,
  COUNTER,
  type FromWorker,
  type Pacing,
  type ToWorker,
} from "./_replay_protocol.ts";
import { ReplayFlows } from "./_replay_flows.ts";

const LINKTYPE_ETHERNET = 1;
const CHUNK_PACKETS = 4096;
const CHUNK_BYTES = 4 << 20;
const IN_FLIGHT = 3;

/** A user mistake: printed as one line, exit status 1. */
export class UsageError extends Error {}

/** Parsed command line. */
export interface ReplayArgs {
  intf: string;
  /** The capture files, replayed in order on every loop (`-` alone: standard input). */
  files: string[];
  pacing: Pacing;
  loop: number;
  loopDelayMs: number;
  limit: number;
  durationS: number;
  /** `--stats` seconds: 0 prints at the end of each loop, -1 when not given. */
  statsS: number;
  preload: boolean;
  method: "send" | "sendmmsg" | "txring";
  qdiscBypass: boolean;
  backend: "auto" | "shim" | "libc";
  /** `--no-flow-stats`: no flow counting, no Flows line. */
  noFlowStats: boolean;
  /** `-P`: "PID: N" first. */
  printPid: boolean;
}

const USAGE = `Usage: replay -i IF [-p PPS | -M MBPS | -x X | -t] [-l N] [-L N] [--loopdelay-ms MS]
              [--duration S] [--stats S] [--pps-multi N] [-K] [-q] [-P] [--no-flow-stats]
              [--method send|sendmmsg|txring] [--qdisc-bypass] FILE... | -`;

function number(name: string, value: string | undefined, min: number, integer: boolean): number {
  const n = Number(value);
  if (
    value === undefined || value.trim() === "" || !Number.isFinite(n) || n < min ||
    (integer && !Number.isInteger(n))
  ) {
    const want = integer ? `an integer ≥ ${min}` : min > 0 ? "a positive number" : "a number ≥ 0";
    throw new UsageError(`Cannot replay: --${name} "${value}" is not ${want}`);
  }
  return n;
}

/**
 * Parses replay's command line (tcpreplay's option names).
 *
 * @param argv The arguments after the script name.
 * @returns The options, checked.
 * @throws {UsageError} On any mistake, with a one-line message.
 */
export function parseReplayArgs(argv: string[]): ReplayArgs {
  let parsed;
  try {
    parsed = nodeParseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        intf1: { type: "string", short: "i" },
        pps: { type: "string", short: "p" },
        mbps: { type: "string", short: "M" },
        multiplier: { type: "string", short: "x" },
        topspeed: { type: "boolean", short: "t" },
        loop: { type: "string", short: "l" },
        "loopdelay-ms": { type: "string" },
        limit: { type: "string", short: "L" },
        duration: { type: "string" },
        stats: { type: "string" },
        "preload-pcap": { type: "boolean", short: "K" },
        "pps-multi": { type: "string" },
        quiet: { type: "boolean", short: "q" },
        pid: { type: "boolean", short: "P" },
        "no-flow-stats": { type: "boolean" },
        method: { type: "string" },
        "qdisc-bypass": { type: "boolean" },
        backend: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError(`Cannot replay: ${(e as Error).message.split("\n")[0]}`);
  }
  const v = parsed.values;
  if (v.help) throw new UsageError(USAGE);
  if (v.intf1 === undefined) throw new UsageError("Cannot replay: no interface (give -i IF)");
  const files = parsed.positionals;
  if (files.length === 0) {
    throw new UsageError("Cannot replay: no capture file (give FILE, or - for stdin)");
  }
  if (files.length > 1 && files.includes("-")) {
    throw new UsageError("Cannot replay: standard input (-) can only be the one capture file");
  }
  if (v["pps-multi"] !== undefined && v.pps === undefined) {
    throw new UsageError("Cannot replay: --pps-multi needs --pps");
  }
  const timing = [v.pps, v.mbps, v.multiplier, v.topspeed ? "t" : undefined]
    .filter((x) => x !== undefined);
  if (timing.length > 1) {
    throw new UsageError("Cannot replay: give only one of --pps, --mbps, --multiplier, --topspeed");
  }
  const pacing: Pacing = v.topspeed ? { kind: "top" } : v.pps !== undefined
    ? {
      kind: "pps",
      pps: number("pps", v.pps, Number.MIN_VALUE, false),
      burst: v["pps-multi"] === undefined ? 1 : number("pps-multi", v["pps-multi"], 1, true),
    }
    : v.mbps !== undefined
    ? { kind: "mbps", mbps: number("mbps", v.mbps, Number.MIN_VALUE, false) }
    : {
      kind: "file",
      multiplier: v.multiplier === undefined
        ? 1
        : number("multiplier", v.multiplier, Number.MIN_VALUE, false),
    };
  const method = v.method ?? "sendmmsg";
  if (method !== "send" && method !== "sendmmsg" && method !== "txring") {
    throw new UsageError(`Cannot replay: --method "${method}" is not send, sendmmsg or txring`);
  }
  const backend = v.backend ?? "auto";
  if (backend !== "auto" && backend !== "shim" && backend !== "libc") {
    throw new UsageError(`Cannot replay: --backend "${backend}" is not auto, shim or libc`);
  }
  return {
    intf: v.intf1,
    files,
    pacing,
    loop: v.loop === undefined ? 1 : number("loop", v.loop, 0, true),
    loopDelayMs: v["loopdelay-ms"] === undefined
      ? 0
      : number("loopdelay-ms", v["loopdelay-ms"], 0, false),
    limit: v.limit === undefined ? 0 : number("limit", v.limit, 1, true),
    durationS: v.duration === undefined
      ? 0
      : number("duration", v.duration, Number.MIN_VALUE, false),
    statsS: v.stats === undefined ? -1 : number("stats", v.stats, 0, false),
    preload: v["preload-pcap"] ?? false,
    method,
    qdiscBypass: v["qdisc-bypass"] ?? false,
    backend,
    noFlowStats: v["no-flow-stats"] ?? false,
    printPid: v.pid ?? false,
  };
}

/** Builds chunks of packets out of records. */
class ChunkBuilder {
  #chunk: Chunk | undefined;
  #used = 0;
  #id = 0;
  firstSec = NaN;
  firstNsec = 0;

  /** Adds a record; returns a full chunk to post, if one was completed. */
  add(r: PcapRecord, number: number): Chunk | undefined {
    let full: Chunk | undefined;
    const len = r.data.byteLength;
    if (
      this.#chunk &&
      (this.#chunk.count === CHUNK_PACKETS || this.#used + len > this.#chunk.pool.byteLength)
    ) {
      full = this.take();
    }
    if (!this.#chunk) {
      this.#chunk = {
        id: this.#id++,
        firstNumber: number,
        pool: new Uint8Array(Math.max(CHUNK_BYTES, len)),
        offsets: new Uint32Array(CHUNK_PACKETS),
        lengths: new Uint32Array(CHUNK_PACKETS),
        times: new Float64Array(CHUNK_PACKETS),
        count: 0,
      };
      this.#used = 0;
    }
    if (Number.isNaN(this.firstSec)) {
      this.firstSec = r.sec;
      this.firstNsec = r.nsec;
    }
    const c = this.#chunk as { -readonly [K in keyof Chunk]: Chunk[K] };
    c.pool.set(r.data, this.#used);
    c.offsets[c.count] = this.#used;
    c.lengths[c.count] = len;
    c.times[c.count] = (r.sec - this.firstSec) * 1e9 + (r.nsec - this.firstNsec);
    c.count++;
    this.#used += len;
    return full;
  }

  /** The chunk being filled, if it holds packets. */
  take(): Chunk | undefined {
    const c = this.#chunk;
    this.#chunk = undefined;
    if (!c || c.count === 0) return undefined;
    // Only what is used crosses to the worker (and stays in memory when preloaded).
    return {
      ...c,
      // The pool goes as it is (no copy) unless little of it is used (a short file's last
      // chunk, kept in memory with -K).
      pool: this.#used < c.pool.byteLength >> 2 ? c.pool.slice(0, this.#used) : c.pool,
      offsets: c.offsets.slice(0, c.count),
      lengths: c.lengths.slice(0, c.count),
      times: c.times.slice(0, c.count),
    };
  }
}

/** `n` (a whole number) with at least `width` digits. */
function pad(n: bigint | number, width: number): string {
  return String(n).padStart(width, "0");
}

/**
 * tcpreplay's "Actual:" and "Rated:" lines as its packet_stats() prints them: the time in whole
 * microseconds (hundredths of a second from one second on), the rates as whole numbers of
 * tenths and hundredths, cut rather than rounded, Mbps from the whole bytes per second.
 */
function rates(c: Float64Array): [actual: string, rated: string, us: number] {
  const packets = c[COUNTER.PACKETS]!, bytes = c[COUNTER.BYTES]!;
  const us = packets > 0 ? Math.floor((c[COUNTER.LAST_NS]! - c[COUNTER.FIRST_NS]!) / 1000) : 0;
  const sec = Math.floor(us / 1e6), usec = us % 1e6;
  const took = us >= 1e6 ? `${sec}.${pad(Math.floor(usec / 1e4), 2)}` : `${sec}.${pad(usec, 6)}`;
  let bps10 = 0n, pps100 = 0n;
  if (us > 0 && packets > 0 && bytes > 0) {
    const b = BigInt(bytes), p = BigInt(packets), u = BigInt(us);
    if (bytes > 1e9 && us > 1e6) {
      bps10 = b * 10_000n / (u / 1000n);
      pps100 = p * 100_000n / (u / 1000n);
    } else {
      bps10 = b * 10_000_000n / u;
      pps100 = p * 100_000_000n / u;
    }
  }
  const bps = bps10 / 10n, mb1000 = bps * 8n / 1000n, mb = mb1000 / 1000n;
  const mbps = mb >= 1n
    ? `${mb}.${pad(mb1000 / 10n % 100n, 2)}`
    : `${mb}.${pad(mb1000 % 1000n, 3)}`;
  return [
    `Actual: ${packets} packets (${bytes} bytes) sent in ${took} seconds`,
    `Rated: ${bps}.${bps10 % 10n} Bps, ${mbps} Mbps, ${pps100 / 100n}.${pad(pps100 % 100n, 2)} pps`,
    us,
  ];
}

/** The numbers of tcpreplay's summary; the Flows line when a packet belonged to a flow. */
function summary(intf: string, c: Float64Array, flows?: ReplayFlows): string {
  const packets = c[COUNTER.PACKETS]!;
  const [actual, rated, us] = rates(c);
  const lines = [actual, rated];
  if (flows && flows.flows > 0) {
    const fps100 = us > 0 ? BigInt(flows.flows) * 100_000_000n / BigInt(us) : 0n;
    lines.push(
      `Flows: ${flows.flows} flows, ${fps100 / 100n}.${
        pad(fps100 % 100n, 2)
      } fps, ${flows.flowPackets} unique flow packets, ${flows.nonFlow} unique non-flow packets`,
    );
  }
  lines.push(
    `Statistics for network device: ${intf}`,
    `\tSuccessful packets:        ${packets}`,
    `\tFailed packets:            ${c[COUNTER.FAILED]}`,
    `\tTruncated packets:         ${c[COUNTER.TRUNCATED]}`,
    `\tRetried packets (ENOBUFS): ${c[COUNTER.RETRIED_ENOBUFS]}`,
    `\tRetried packets (EAGAIN):  ${c[COUNTER.RETRIED_EAGAIN]}`,
  );
  return lines.join("\n");
}

/** Now as tcpreplay's format_date_time() prints it: local time, `%Y-%m-%d %H:%M:%S.` and µs. */
function dateTime(): string {
  const us = Math.floor((performance.timeOrigin + performance.now()) * 1000);
  const d = new Date(Math.floor(us / 1000));
  return `${d.getFullYear()}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)} ${
    pad(d.getHours(), 2)
  }:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)}.${pad(us % 1_000_000, 6)}`;
}

function linkName(lt: number): string {
  return lt === 113
    ? "LINUX_SLL"
    : lt === 276
    ? "LINUX_SLL2"
    : lt === 101
    ? "RAW"
    : lt === 0
    ? "NULL"
    : `${lt}`;
}

/**
 * Runs replay with `argv`; resolves to the exit status.
 *
 * @param argv Command-line arguments.
 * @returns 0, or 1 after a one-line error.
 */
export async function main(argv: string[]): Promise<number> {
  let args: ReplayArgs;
  try {
    args = parseReplayArgs(argv);
  } catch (e) {
    console.error((e as Error).message);
    return 1;
  }
  if (args.printPid) console.error(`PID: ${Deno.pid}`); // on stderr, as tcpreplay prints it
  const counters = new Float64Array(new SharedArrayBuffer(COUNTER.SIZE * 8));
  // Counted as packets are read: once with -K (tcpreplay counts a preloaded file once), per
  // loop otherwise.
  const flows = new ReplayFlows();
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL("./_replay_worker.ts", import.meta.url), { type: "module" });
  let fatal: string | undefined;
  let inFlight = 0;
  let wake: (() => void) | undefined;
  let ready: ((m: FromWorker) => void) | undefined;
  let finished: (() => void) | undefined;
  worker.onmessage = (e: MessageEvent<FromWorker>) => {
    const m = e.data;
    if (m.type === "ready") ready?.(m);
    else if (m.type === "done") {
      inFlight--;
      wake?.();
    } else if (m.type === "warn") console.error(m.message);
    else if (m.type === "fatal") {
      fatal ??= m.message;
      ready?.(m);
      wake?.();
    } else if (m.type === "finished") finished?.();
  };
  const settle = () => new Promise<void>((resolve) => wake = resolve);
  /** Hands a chunk over (its buffers move to the worker); `keep` makes the worker keep it. */
  const post = async (c: Chunk, count: number, keep: boolean) => {
    while (inFlight >= IN_FLIGHT) await settle();
    inFlight++;
    started = true;
    const buffers = [c.pool.buffer, c.offsets.buffer, c.lengths.buffer, c.times.buffer];
    worker.postMessage(
      { type: "chunk", chunk: c, count, keep } satisfies ToWorker,
      buffers as ArrayBuffer[],
    );
  };
  /** Sends a chunk the worker kept again. */
  const again = async (id: number, count: number) => {
    while (inFlight >= IN_FLIGHT) await settle();
    inFlight++;
    worker.postMessage({ type: "again", id, count } satisfies ToWorker);
  };
  const onSignal = () => Atomics.store(stop, 0, 1);
  const signals: Deno.Signal[] = ["SIGINT", "SIGTERM"];
  for (const s of signals) Deno.addSignalListener(s, onSignal);
  let statsTimer: ReturnType<typeof setInterval> | undefined;
  let problem: string | undefined;
  let started = false;
  try {
    const opened = await new Promise<FromWorker>((resolve) => {
      ready = resolve;
      worker.postMessage(
        {
          type: "open",
          device: args.intf,
          method: args.method,
          qdiscBypass: args.qdiscBypass,
          backend: args.backend,
          pacing: args.pacing,
          durationNs: args.durationS * 1e9,
          counters: counters.buffer as SharedArrayBuffer,
          stop: stop.buffer as SharedArrayBuffer,
        } satisfies ToWorker,
      );
    });
    ready = undefined;
    if (opened.type !== "ready") throw new UsageError(fatal ?? "Cannot replay");
    fatal = undefined;
    if (opened.linkType !== LINKTYPE_ETHERNET) {
      throw new UsageError(`Cannot replay on "${args.intf}": it is not an Ethernet interface`);
    }
    if (args.statsS > 0) {
      // As tcpreplay's send loop: a packet sent statsS or more after the last print (the first
      // packet's time counts as one) prints the lines. A timer alone would print for a run
      // that sent its last packet just before the mark but ended just after it.
      const every = args.statsS * 1e9;
      let lastPrint = -1;
      statsTimer = setInterval(() => {
        if (counters[COUNTER.PACKETS]! === 0) return;
        if (lastPrint < 0) lastPrint = counters[COUNTER.FIRST_NS]!;
        const last = counters[COUNTER.LAST_NS]!;
        if (last - lastPrint < every) return;
        lastPrint = last;
        console.log(rates(counters).slice(0, 2).join("\n"));
      }, Math.min(args.statsS * 1000, 100));
    }
    const stopped = () => Atomics.load(stop, 0) !== 0 || fatal !== undefined;
    const fromStdin = args.files[0] === "-";
    const preload = args.preload || (fromStdin && args.loop !== 1);
    // Preloaded chunks; once handed to the worker (which keeps them) only their id and size.
    let preloaded: (Chunk | { id: number; count: number })[][] | undefined;
    let posted = 0;
    const limited = () => args.limit > 0 && posted >= args.limit;
    /** Reads the file into chunks; streams them to the worker unless `keep` collects them. */
    const readFile = async (file: string, keep: Chunk[] | undefined): Promise<void> => {
      let reader: PcapReader;
      try {
        reader = fromStdin
          ? await PcapReader.from(Deno.stdin, { name: "stdin" })
          : await PcapReader.open(file);
      } catch (e) {
        const why = e instanceof Deno.errors.NotFound
          ? "no such file"
          : (e as Error).message.replace(/^Cannot [^:]*: /, "");
        throw new UsageError(`Cannot read "${file}": ${why}`);
      }
      const builder = new ChunkBuilder();
      const out = async (c: Chunk | undefined) => {
        if (!c) return;
        if (keep) keep.push(c);
        else await post(c, c.count, false);
      };
      let number = 0;
      // Records are parsed a buffer at a time, synchronously, one reused record object: the
      // callback pauses (returns false) when a chunk is full, to post it, or at the end.
      let full: Chunk | undefined, ended = false;
      const onRecord = (r: PcapRecord): boolean => {
        if (
          stopped() || (!keep && limited()) || (keep && args.limit > 0 && number >= args.limit)
        ) return !(ended = true);
        number++;
        if (r.linkType !== LINKTYPE_ETHERNET) {
          problem = `Cannot replay packet ${number} of "${file}": its link type ${
            linkName(r.linkType)
          } is not Ethernet (EN10MB)`;
          return !(ended = true);
        }
        const data = r.data;
        if (!keep) posted++;
        if (!args.noFlowStats) flows.add(data);
        full = builder.add(r, number);
        return full === undefined;
      };
      try {
        while (!ended) {
          await reader.forEach(onRecord, { reuse: true });
          if (full === undefined) break; // the file ended (or a record ended the replay)
          const c = full;
          full = undefined;
          await out(c);
        }
      } catch (e) {
        problem = (e as Error).message.split("\n")[0];
      } finally {
        await reader.close();
      }
      // Packets before a bad one still go (streaming): the summary then says how many did.
      await out(builder.take());
    };
    if (args.preload) console.error("File Cache is enabled"); // tcpreplay's notice for -K
    if (preload) {
      preloaded = [];
      for (const file of args.files) {
        if (problem !== undefined) break;
        const chunks: Chunk[] = [];
        await readFile(file, chunks);
        preloaded.push(chunks);
      }
    }
    // --stats: tcpreplay's "Test start" and "Test complete" lines around the replay; with 0,
    // "Loop N of M..." before each loop and the totals so far after each one but the last.
    const everyLoop = args.statsS === 0;
    const more = (loop: number) => args.loop === 0 || loop + 1 < args.loop;
    for (let loop = 0; problem === undefined && (args.loop === 0 || loop < args.loop); loop++) {
      if (stopped() || limited()) break;
      if (everyLoop) {
        console.log(
          args.loop === 0 ? `Loop ${loop + 1}...` : `Loop ${loop + 1} of ${args.loop}...`,
        );
      }
      if (loop === 0 && args.statsS >= 0) console.log(`Test start: ${dateTime()} ...`);
      if (loop > 0) {
        worker.postMessage({ type: "loop", delayMs: args.loopDelayMs } satisfies ToWorker);
      }
      if (preloaded?.every((chunks) => chunks.length === 0)) break;
      for (const [f, file] of args.files.entries()) {
        if (problem !== undefined || stopped() || limited()) break;
        // Each file is timed from its own first packet, as the first one of a loop is.
        if (f > 0) worker.postMessage({ type: "loop", delayMs: 0 } satisfies ToWorker);
        if (!preloaded) {
          await readFile(file, undefined);
          continue;
        }
        const chunks = preloaded[f] ?? [];
        for (const [k, c] of chunks.entries()) {
          if (stopped() || limited()) break;
          const take = args.limit > 0 ? Math.min(c.count, args.limit - posted) : c.count;
          if (loop === 0) {
            await post(c as Chunk, take, true);
            chunks[k] = { id: c.id, count: c.count };
          } else await again(c.id, take);
          posted += take;
        }
      }
      if (everyLoop && more(loop) && problem === undefined && !stopped() && !limited()) {
        while (inFlight > 0) await settle(); // the loop's packets are sent: its totals
        console.log(rates(counters).slice(0, 2).join("\n"));
      }
    }
    while (inFlight > 0) await settle();
    if (args.statsS >= 0 && started) console.log(`Test complete: ${dateTime()}`);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    problem = e.message;
  } finally {
    for (const s of signals) Deno.removeSignalListener(s, onSignal);
    if (statsTimer !== undefined) clearInterval(statsTimer);
    await new Promise<void>((resolve) => {
      finished = resolve;
      worker.postMessage({ type: "end" } satisfies ToWorker);
    });
    worker.terminate();
  }
  if (started) console.log(summary(args.intf, counters, args.noFlowStats ? undefined : flows));
  const error = fatal ?? problem;
  if (error !== undefined) {
    console.error(error);
    return 1;
  }
  // Packets the kernel refused were each named on stderr as they happened and are counted in
  // "Failed packets"; the replay itself went through, so the status is 0, as tcpreplay's.
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
