/**
 * `sniff` stopped by SIGINT or SIGTERM at any moment of its start-up, live: a network
 * namespace and a veth pair of the test's own, sniff running in the namespace on one end, frames
 * injected on the other end here (or none). The house rule under test: a capture stopped by a
 * signal exits with status 0 soon after it, prints tcpdump's three summary lines, and its `-w`
 * file holds exactly the packets it reports as captured.
 *
 * tcpdump catches SIGINT/SIGTERM once its device is open, before it creates its file or says
 * "listening on"; a signal from then on ends it that way (a signal during the few ms before kills
 * it, or is ignored when it was started with SIGINT ignored, as a shell does for `cmd &`). sniff
 * must catch them before it has done anything either, which a test can see: a signal arriving
 * while the process has not yet installed a handler (`SigCgt` in `/proc/PID/status`) is only
 * acceptable while it holds no packet socket, has created no file and printed nothing; the test
 * then sends the signal once the handlers are in and sniff has gone on to open its socket
 * (Deno's own start-up comes first).
 *
 * A second test stops sniff mid-flood while it rotates files (`-C`, `-G`) or writes to a pipe
 * (`-w -`): every packet it reports as captured is in the files, once, across the rotations.
 *
 * @module
 */
import assert from "node:assert/strict";
import { openSender } from "../../capture/send.ts";
import { announceSkip, ensureShim, ethFrame, guard, run as sh, SKIP } from "../capture/_net.ts";
import { run } from "./_testlist.ts";

announceSkip("tests/cli/signal_test.ts");
const SNIFF = new URL("../../examples/sniff.ts", import.meta.url).pathname;
const decoder = new TextDecoder();
/** SIGHUP (1), SIGINT (2) and SIGTERM (15) in a /proc signal mask. */
const HANDLED = (1n << 0n) | (1n << 1n) | (1n << 14n);
type Signal = "SIGINT" | "SIGTERM";

/** One sniff run: its arguments (after `-i IF`), when and which signal, and what it writes. */
interface Case {
  name: string;
  args: (dir: string) => string[];
  /** The files `-w` has made, in the order written (absent before the handlers are in). */
  files: (dir: string) => string[];
  /** ms after the spawn, or ms after "listening on" showed. */
  at: number | { afterListening: number };
  signal: Signal;
  traffic: boolean;
  /**
   * What the run leaves to check: pcap files (one writer, or a fanout group's), printed lines,
   * nothing (--count), a pcap stream on stdout.
   */
  kind: "file" | "workers" | "print" | "count" | "stdout";
  /** Started with SIGINT ignored, as a non-interactive shell starts `cmd &`. */
  ignoreInt?: boolean;
}

const write = (name: string) => ({
  args: (dir: string) => ["-w", `${dir}/${name}.pcap`],
  files: (dir: string) => [`${dir}/${name}.pcap`],
  kind: "file" as const,
});

const CASES: Case[] = [
  ...[50, 150, 300, 600].map((at) => ({
    name: `-w, SIGINT at ${at} ms, traffic`,
    ...write(`int${at}t`),
    at,
    signal: "SIGINT" as const,
    traffic: true,
  })),
  ...[150, 600].map((at) => ({
    name: `-w, SIGINT at ${at} ms, no traffic`,
    ...write(`int${at}`),
    at,
    signal: "SIGINT" as const,
    traffic: false,
  })),
  ...[true, false].map((traffic) => ({
    name: `-w, SIGINT after listening, ${traffic ? "traffic" : "no traffic"}`,
    ...write(`intl${traffic ? "t" : ""}`),
    at: { afterListening: 100 },
    signal: "SIGINT" as const,
    traffic,
  })),
  {
    name: "-w, SIGTERM at 150 ms, traffic",
    ...write("term150t"),
    at: 150,
    signal: "SIGTERM",
    traffic: true,
  },
  {
    name: "-w, SIGTERM after listening, traffic",
    ...write("terml"),
    at: { afterListening: 100 },
    signal: "SIGTERM",
    traffic: true,
  },
  {
    name: "-w, SIGINT at 150 ms, traffic, started with SIGINT ignored",
    ...write("ign150t"),
    at: 150,
    signal: "SIGINT",
    traffic: true,
    ignoreInt: true,
  },
  {
    name: "printing, SIGINT at 150 ms, traffic",
    args: () => ["-n"],
    files: () => [],
    kind: "print",
    at: 150,
    signal: "SIGINT",
    traffic: true,
  },
  {
    name: "--count, SIGINT at 300 ms, traffic",
    args: () => ["--count"],
    files: () => [],
    kind: "count",
    at: 300,
    signal: "SIGINT",
    traffic: true,
  },
  {
    name: "--workers 2 -w, SIGINT at 300 ms, traffic",
    args: (dir) => ["--workers", "2", "-w", `${dir}/group.pcap`],
    files: (dir) => [`${dir}/group-0.pcap`, `${dir}/group-1.pcap`],
    kind: "workers",
    at: 300,
    signal: "SIGINT",
    traffic: true,
  },
];

/** The files in `dir` named `prefix` + a number (none: 0), in the order of the numbers. */
function numbered(dir: string, prefix: string, suffix = ""): string[] {
  const found: [number, string][] = [];
  for (const e of Deno.readDirSync(dir)) {
    if (!e.name.startsWith(prefix) || !e.name.endsWith(suffix)) continue;
    const middle = e.name.slice(prefix.length, e.name.length - suffix.length);
    if (/^\d*$/.test(middle)) found.push([Number(middle), `${dir}/${e.name}`]);
  }
  return found.sort((x, y) => x[0] - y[0]).map(([, path]) => path);
}

/** Stopped mid-flood (1000-byte frames) while the file rotates or the stream goes to a pipe. */
const FLOOD_CASES: Case[] = [
  {
    name: "-C 1 (a new file every 1 MB), SIGINT mid-flood",
    args: (dir) => ["-C", "1", "-w", `${dir}/c.pcap`],
    files: (dir) => numbered(dir, "c.pcap"),
    kind: "file",
    at: { afterListening: 1500 },
    signal: "SIGINT",
    traffic: true,
  },
  {
    name: "-G 1 (a new file every second), SIGINT mid-flood",
    args: (dir) => ["-G", "1", "-w", `${dir}/g-%s.pcap`],
    files: (dir) => numbered(dir, "g-", ".pcap"),
    kind: "file",
    at: { afterListening: 2500 },
    signal: "SIGINT",
    traffic: true,
  },
  {
    name: "-w - to a pipe, SIGINT mid-flood",
    args: () => ["-w", "-"],
    files: () => [],
    kind: "stdout",
    at: { afterListening: 1500 },
    signal: "SIGINT",
    traffic: true,
  },
];

/**
 * Whether sniff's signal handlers are in: SigCgt in `/proc/PID/status` has SIGINT, SIGTERM and
 * SIGHUP. sniff adds them in that order, and Deno sets a signal's kernel handler a moment before
 * it turns the signal's default action off (a SIGINT sent the instant its bit shows can still
 * end a plain Deno program that listens for it), so the last one's bit says the first two are
 * complete.
 */
function handlersIn(pid: number): boolean {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  const mask = BigInt(`0x${/^SigCgt:\s*([0-9a-f]+)$/m.exec(status)![1]}`);
  return (mask & HANDLED) === HANDLED;
}

/** Packet sockets `pid` holds (its fds that are sockets listed in its namespace's table). */
function packetSockets(pid: number): number {
  const rows = Deno.readTextFileSync(`/proc/${pid}/net/packet`).trim().split("\n").slice(1);
  const inodes = new Set(rows.map((row) => row.trim().split(/\s+/).at(-1)!));
  let n = 0;
  for (const e of Deno.readDirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(Deno.readLinkSync(`/proc/${pid}/fd/${e.name}`));
      if (m && inodes.has(m[1]!)) n++;
    } catch { /* closed while listing */ }
  }
  return n;
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** What sniff has done that a signal must not lose: its socket, its files, its output. */
function doneSoFar(c: Case, pid: number, dir: string, stderr: string): string[] {
  return [
    ...(packetSockets(pid) > 0 ? ["held a packet socket"] : []),
    ...c.files(dir).filter(exists).map((f) => `had created ${f}`),
    ...(stderr !== "" ? [`had printed ${JSON.stringify(stderr)}`] : []),
  ];
}

/**
 * The records of a little-endian microsecond pcap file, as the sequence numbers the flood put
 * after their EtherType; throws on a partial record.
 */
function recordsIn(bytes: Uint8Array, what: string): number[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  assert.equal(dv.getUint32(0, true), 0xa1b2c3d4, `${what}: pcap magic`);
  const seqs: number[] = [];
  let at = 24;
  while (at < bytes.length) {
    assert.ok(at + 16 <= bytes.length, `${what}: a partial record header at the end`);
    const capLen = dv.getUint32(at + 8, true);
    assert.ok(at + 16 + capLen <= bytes.length, `${what}: a partial record at the end`);
    seqs.push(dv.getUint32(at + 16 + 14));
    at += 16 + capLen;
  }
  return seqs;
}

/** Printed packets: one line each, after which the unknown EtherType's hex lines (a tab first). */
function packetLines(text: string): number {
  return text.split("\n").filter((line) => line !== "" && !line.startsWith("\t")).length;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What one run showed, for the summary line the test prints. */
interface Outcome {
  name: string;
  sentAtMs: number;
  beforeListening: boolean;
  deferred: boolean;
  exitMs: number;
  captured: number;
  files: number;
}

async function runCase(c: Case, ns: string, dev: string, dir: string): Promise<Outcome> {
  const argv = [
    "netns",
    "exec",
    ns,
    Deno.execPath(),
    "run",
    "--allow-ffi",
    "--allow-read",
    "--allow-write",
    SNIFF,
    "-i",
    dev,
    ...c.args(dir),
  ];
  // `ip netns exec` execs the program: the child's PID is sniff's.
  const options = {
    env: { NO_COLOR: "1", TZ: "UTC" },
    stdin: "null" as const,
    stdout: "piped" as const,
    stderr: "piped" as const,
  };
  const spawned = performance.now();
  const child = c.ignoreInt
    ? new Deno.Command("sh", {
      args: ["-c", `trap '' INT; exec ip "$@"`, "sh", ...argv],
      ...options,
    })
      .spawn()
    : new Deno.Command("ip", { args: argv, ...options }).spawn();
  let stderr = "";
  let listeningAt = -1;
  const errDone = (async () => {
    for await (const chunk of child.stderr) {
      stderr += decoder.decode(chunk, { stream: true });
      if (listeningAt < 0 && stderr.includes("listening on")) listeningAt = performance.now();
    }
  })();
  const stdout = new Response(child.stdout).bytes();
  let ended = false;
  const status = child.status.then((s) => {
    ended = true;
    return s;
  });
  try {
    if (typeof c.at !== "number") {
      await guard(
        (async () => {
          while (listeningAt < 0 && !ended) await sleep(5);
        })(),
        20000,
        `${c.name}: sniff start`,
      );
      assert.ok(listeningAt >= 0, `${c.name}: sniff ended before listening: ${stderr}`);
      await sleep(c.at.afterListening);
    } else {
      await sleep(Math.max(0, spawned + c.at - performance.now()));
    }
    assert.ok(!ended, `${c.name}: sniff ended before the signal: ${stderr}`);
    // What sniff has done so far, then whether its handlers are in: in that order, so that
    // "not in yet" means nothing of the capture existed before either.
    const did = doneSoFar(c, child.pid, dir, stderr);
    let deferred = false;
    if (!handlersIn(child.pid)) {
      assert.deepEqual(did, [], `${c.name}: sniff had no signal handlers yet, but it`);
    }
    if (did.length === 0) {
      // Too early: the signal goes once the handlers are in and sniff has gone on from there
      // to open its socket (past the moment Deno takes to make a new listener effective).
      deferred = true;
      await guard(
        (async () => {
          while (!ended && !(handlersIn(child.pid) && packetSockets(child.pid) > 0)) await sleep(2);
        })(),
        20000,
        `${c.name}: sniff opening its socket`,
      );
    }
    const sentAt = performance.now();
    const beforeListening = listeningAt < 0;
    child.kill(c.signal);
    const s = await guard(status, 10000, `${c.name}: sniff exit`);
    // From the signal, or from "listening on" when the signal came while the capture opened:
    // how long sniff took to stop once it could.
    const exitMs = performance.now() - Math.max(sentAt, listeningAt);
    await errDone;
    const bytes = await stdout;
    const out = c.kind === "stdout" ? "" : decoder.decode(bytes);
    const why = `${c.name}: ${stderr}`;
    assert.equal(s.signal, null, why);
    assert.equal(s.code, 0, why);
    assert.match(stderr, /^listening on /m, why);
    const count = (what: string) =>
      Number(new RegExp(`^(\\d+) packets ${what}$`, "m").exec(stderr)?.[1]);
    const captured = count("captured"), received = count("received by filter");
    const dropped = count("dropped by kernel");
    assert.ok([captured, received, dropped].every(Number.isInteger), why);
    assert.ok(exitMs < 2500, `${why}: exited ${exitMs.toFixed(0)} ms after it could stop`);
    if (c.kind === "workers") {
      // Members wait for their open blocks once, with no filter change: frames may arrive
      // after the last visit; none the group reports is missing from the files.
      assert.ok(captured <= received - dropped, why);
    } else {
      // Everything the kernel accepted (and did not drop) was taken.
      assert.equal(captured, received - dropped, why);
    }
    if (c.kind === "print") {
      assert.equal(packetLines(out), captured, why);
    } else assert.equal(out, "", why);
    // Every packet reported as captured is in the files (or the stream), once.
    const seqs: number[] = [];
    for (const file of c.files(dir)) {
      const inFile = recordsIn(await Deno.readFile(file), file);
      seqs.push(...inFile);
      const tcpdump = await run("tcpdump", ["-n", "-r", file]).catch(() => undefined);
      if (tcpdump !== undefined && tcpdump.code === 0) {
        assert.equal(packetLines(tcpdump.stdout), inFile.length, `tcpdump -r ${file}`);
      }
    }
    if (c.kind === "stdout") seqs.push(...recordsIn(bytes, "standard output"));
    if (c.kind === "file" || c.kind === "workers" || c.kind === "stdout") {
      assert.equal(seqs.length, captured, `${why}: records in ${c.files(dir).join(", ")}`);
    }
    if (new Set(seqs).size !== seqs.length) {
      assert.fail(`${why}: a packet written twice`);
    }
    return {
      name: c.name,
      sentAtMs: sentAt - spawned,
      beforeListening,
      deferred,
      exitMs,
      captured,
      files: c.files(dir).length,
    };
  } finally {
    if (!ended) child.kill("SIGKILL");
    await status;
    await errDone.catch(() => {});
    await stdout.catch(() => "");
  }
}

/** Every run ends (each kills its own sniff) before the first failure is thrown. */
async function settle(runs: Promise<Outcome>[]): Promise<Outcome[]> {
  const results = await Promise.allSettled(runs);
  const failed = results.filter((r) => r.status === "rejected");
  if (failed.length > 0) {
    throw new Error(failed.map((r) => String((r as PromiseRejectedResult).reason)).join("\n"));
  }
  return results.map((r) => (r as PromiseFulfilledResult<Outcome>).value);
}

/**
 * Runs `cases`, `parallel` at a time, in a namespace of their own with two veth pairs: frames of
 * `frameLen` bytes cross one (bursts of 20 every 2 ms, each with its own sequence number after
 * the EtherType; bounded: 400 000 frames, 60 s) while the cases with traffic run, the other
 * stays quiet. Prints one line per run: when the signal went, how long the exit took.
 */
async function inNamespace(
  prefix: string,
  frameLen: number,
  cases: Case[],
  parallel: number,
): Promise<void> {
  await ensureShim();
  const tag = `${(Deno.pid % 46656).toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const ns = `${prefix}${tag}`;
  const busyIn = `${prefix}a${tag}`, busyOut = `${prefix}b${tag}`;
  const quietIn = `${prefix}c${tag}`, quietOut = `${prefix}d${tag}`;
  const dir = await Deno.makeTempDir({ prefix: "tpacket-signal-" });
  sh("ip", "netns", "add", ns);
  let flooding = true;
  try {
    for (const [inside, outside] of [[busyIn, busyOut], [quietIn, quietOut]] as const) {
      sh("ip", "link", "add", outside, "type", "veth", "peer", "name", inside, "netns", ns);
      Deno.writeTextFileSync(`/proc/sys/net/ipv6/conf/${outside}/disable_ipv6`, "1");
      sh("ip", "netns", "exec", ns, "sysctl", "-qw", `net.ipv6.conf.${inside}.disable_ipv6=1`);
      sh("ip", "-n", ns, "link", "set", inside, "up");
      sh("ip", "link", "set", outside, "up");
    }
    using tx = openSender(busyOut);
    const dst = Uint8Array.of(2, 0x54, 0x50, 0x4b, 0, 2);
    const src = Uint8Array.of(2, 0x54, 0x50, 0x4b, 0, 3);
    const frame = ethFrame(dst, src, frameLen, 0);
    const seqAt = new DataView(frame.buffer, 14, 4);
    const flood = (async () => {
      const until = performance.now() + 60000;
      for (let seq = 0; flooding && seq < 400000 && performance.now() < until;) {
        for (let i = 0; i < 20; i++) {
          seqAt.setUint32(0, seq++);
          tx.send(frame);
        }
        await sleep(2);
      }
    })();
    const outcomes: Outcome[] = [];
    try {
      for (let i = 0; i < cases.length; i += parallel) {
        const runs = cases.slice(i, i + parallel).map((c) =>
          runCase(c, ns, c.traffic ? busyIn : quietIn, dir)
        );
        outcomes.push(...await settle(runs));
      }
    } finally {
      flooding = false;
      await flood;
    }
    for (const o of outcomes) {
      console.log(
        `${o.name}: signal at ${o.sentAtMs.toFixed(0)} ms${
          o.deferred ? " (held back until its socket was open)" : ""
        }, ${o.beforeListening ? "before" : "after"} "listening", exit ${
          o.exitMs.toFixed(0)
        } ms later, ${o.captured} captured${o.files > 1 ? ` in ${o.files} files` : ""}`,
      );
    }
  } finally {
    flooding = false;
    try {
      sh("ip", "netns", "del", ns); // takes the veth pairs with it
    } catch { /* gone */ }
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test({
  name:
    "sniff stopped by SIGINT/SIGTERM at any moment of its start-up exits 0 with the three summary lines and every captured packet in its file",
  ignore: SKIP !== undefined,
  // Four at a time: on two loaded cores more would make start-up the thing measured.
  fn: () => inNamespace("tpsg", 60, CASES, 4),
});

Deno.test({
  name:
    "sniff -C/-G rotating or -w - to a pipe, stopped by SIGINT mid-flood: every packet it reports as captured is in the files, once",
  ignore: SKIP !== undefined,
  fn: () => inNamespace("tpsr", 1000, FLOOD_CASES, 3),
});
