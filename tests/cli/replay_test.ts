/**
 * `replay` end to end over a veth pair of our own: the file's packets arrive on the far end byte
 * for byte and in order (tcpdump captures them there) with each sending method and backend;
 * `--pps` holds its rate over 3 s; `--multiplier` follows the file's gaps; `--loop` and
 * `--limit` send exactly what they say; pcapng and stdin input; every error is one line with
 * status 1, after the summary of what was sent; a packet the kernel refuses is named and
 * counted as failed, and the rest go.
 */
import assert from "node:assert/strict";
import { buildPacket, openCapture, PcapReader } from "../../mod.ts";
import { announceSkip, ensureShim, guard, run, SKIP, Veth } from "../capture/_net.ts";
import { L2_FRAMES } from "./_l2_frames.ts";

announceSkip("tests/cli/replay_test.ts");
const REPLAY = new URL("../../examples/replay.ts", import.meta.url).pathname;
const decoder = new TextDecoder();

function haveTcpdump(): boolean {
  try {
    return new Deno.Command("tcpdump", { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}
const NO_TCPDUMP = !haveTcpdump();
if (NO_TCPDUMP && SKIP === undefined) {
  console.log("tests/cli/replay_test.ts: the tcpdump cross-check is ignored: tcpdump is missing");
}

/** UDP frames 10.88.0.1 → 10.88.0.2 numbered by `seq` in their source port and payload. */
function frame(seq: number, len = 60 + (seq * 53) % 1400): Uint8Array {
  return buildPacket([
    { layer: "ethernet", dstAddr: "02:00:00:00:88:02", srcAddr: "02:00:00:00:88:01" },
    { layer: "ipv4", srcAddr: "10.88.0.1", dstAddr: "10.88.0.2", identification: seq & 0xffff },
    { layer: "udp", srcPort: 1024 + seq, dstPort: 9 },
    { layer: "payload", length: len - 42, fill: seq & 0xff },
  ]);
}

/** A microsecond pcap of `frames` stamped at `times` seconds (default 1 ms apart). */
function pcapOf(frames: Uint8Array[], times?: number[], linkType = 1): Uint8Array {
  const out = new Uint8Array(24 + frames.reduce((n, f) => n + 16 + f.length, 0));
  const dv = new DataView(out.buffer);
  out.set(Uint8Array.fromHex("d4c3b2a1020004000000000000000000ffff0000"));
  dv.setUint32(20, linkType, true);
  let at = 24;
  frames.forEach((f, i) => {
    const t = times?.[i] ?? i / 1000;
    dv.setUint32(at, 1_700_000_000 + Math.floor(t), true);
    dv.setUint32(at + 4, Math.round((t % 1) * 1e6), true);
    dv.setUint32(at + 8, f.length, true);
    dv.setUint32(at + 12, f.length, true);
    out.set(f, at + 16);
    at += 16 + f.length;
  });
  return out;
}

/** The same frames as a pcapng file (one Ethernet interface, µs stamps 1 ms apart). */
function pcapngOf(frames: Uint8Array[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  const block = (type: number, body: Uint8Array) => {
    const len = 12 + body.length + ((4 - (body.length % 4)) % 4);
    const b = new Uint8Array(len);
    const dv = new DataView(b.buffer);
    dv.setUint32(0, type, true);
    dv.setUint32(4, len, true);
    b.set(body, 8);
    dv.setUint32(len - 4, len, true);
    blocks.push(b);
  };
  block(0x0a0d0d0a, Uint8Array.fromHex("4d3c2b1a01000000ffffffffffffffff"));
  block(0x00000001, Uint8Array.fromHex("0100000000000400"));
  frames.forEach((f, i) => {
    const body = new Uint8Array(20 + f.length);
    const dv = new DataView(body.buffer);
    const us = 1_700_000_000_000_000 + i * 1000;
    dv.setUint32(4, Math.floor(us / 2 ** 32), true);
    dv.setUint32(8, us % 2 ** 32, true);
    dv.setUint32(12, f.length, true);
    dv.setUint32(16, f.length, true);
    body.set(f, 20);
    block(0x00000006, body);
  });
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function replay(args: string[], stdin?: Uint8Array): Promise<Result> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-ffi", "--allow-read", "--allow-env", REPLAY, ...args],
    stdin: stdin ? "piped" : "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin) {
    const w = child.stdin.getWriter();
    await w.write(stdin);
    await w.close();
  }
  const out = await guard(child.output(), 30_000, `replay ${args.join(" ")}`);
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

function tempFile(bytes: Uint8Array, suffix = ".pcap"): string {
  const path = Deno.makeTempFileSync({ suffix });
  Deno.writeFileSync(path, bytes);
  return path;
}

/** Frames captured on `dev` (copies, with kernel timestamps) while `work` runs. */
async function captureDuring(
  dev: string,
  work: () => Promise<unknown>,
  expect: number,
): Promise<{ data: Uint8Array; t: number }[]> {
  using cap = openCapture(dev, { immediate: true, snapLen: 2048, bufferSize: 16 << 20 });
  const got: { data: Uint8Array; t: number }[] = [];
  const loop = cap.loop((f) => {
    if (f.data[12] === 0x08 && f.data[13] === 0x00) {
      got.push({ data: f.data.slice(), t: f.sec + f.nsec / 1e9 });
    }
  }, { count: 0 });
  await work();
  const deadline = Date.now() + 2000;
  while (got.length < expect && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 50));
  cap.breakLoop();
  await loop;
  return got;
}

const veth = SKIP === undefined ? Veth.create("rp") : undefined;
globalThis.addEventListener("unload", () => veth?.remove());

Deno.test({
  name: "replay: every method and backend sends the file byte for byte, in order (tcpdump)",
  ignore: SKIP !== undefined || NO_TCPDUMP,
  async fn() {
    await ensureShim();
    const frames = Array.from({ length: 200 }, (_, i) => frame(i));
    const file = tempFile(pcapOf(frames));
    const out = Deno.makeTempFileSync({ suffix: ".pcap" });
    const tcpdump = new Deno.Command("tcpdump", {
      args: ["-i", veth!.b, "-w", out, "-U", "-B", "32768", "-s", "0", "-n", "-c", "1000", "ip"],
      stdout: "null",
      stderr: "piped",
    }).spawn();
    try {
      const reader = tcpdump.stderr.getReader();
      let err = "";
      while (!err.includes("listening on")) {
        const { value, done } = await guard(reader.read(), 10_000, "tcpdump start");
        if (done) break;
        err += decoder.decode(value);
      }
      reader.releaseLock();
      const runs = [
        ["--method", "sendmmsg", "--backend", "shim"],
        ["--method", "sendmmsg", "--backend", "libc"],
        ["--method", "txring", "--backend", "shim"],
        ["--method", "txring", "--backend", "libc"],
        ["--method", "send"],
      ];
      for (const r of runs) {
        // 20000 pps: fast, and tcpdump (writing to a file on a loaded machine) keeps up.
        const res = await replay(["-i", veth!.a, "-p", "20000", ...r, file]);
        assert.equal(res.code, 0, res.stderr);
        assert.match(res.stdout, /^Actual: 200 packets \(\d+ bytes\) sent in [\d.]+ seconds$/m);
        assert.match(res.stdout, /^\tSuccessful packets: {8}200$/m);
      }
      // tcpdump exits by itself after 1000 frames (-c): everything it saw is in the file then.
      await guard(tcpdump.status, 10_000, "tcpdump -c 1000").catch(() => {});
    } finally {
      try {
        tcpdump.kill("SIGINT");
      } catch { /* already exited */ }
      await tcpdump.status;
      tcpdump.stderr.cancel().catch(() => {});
    }
    const got: Uint8Array[] = [];
    await using reader = await PcapReader.open(out, { copy: true });
    for await (const r of reader) got.push(r.data);
    Deno.removeSync(out);
    Deno.removeSync(file);
    assert.equal(got.length, 1000);
    for (let k = 0; k < 5; k++) {
      for (let i = 0; i < 200; i++) {
        assert.deepEqual(got[k * 200 + i], frames[i], `run ${k}, packet ${i + 1}`);
      }
    }
  },
});

Deno.test({
  name: "replay --pps 1000 holds the rate within 1 % over 3 s",
  ignore: SKIP !== undefined,
  async fn() {
    const n = 3001;
    const file = tempFile(pcapOf(Array.from({ length: n }, (_, i) => frame(i, 64))));
    let res: Result | undefined;
    const got = await captureDuring(veth!.b, async () => {
      res = await replay(["-i", veth!.a, "-p", "1000", file]);
    }, n);
    Deno.removeSync(file);
    assert.equal(res!.code, 0, res!.stderr);
    assert.equal(got.length, n);
    const rate = (n - 1) / (got.at(-1)!.t - got[0]!.t);
    assert.ok(Math.abs(rate - 1000) / 1000 < 0.01, `received at ${rate.toFixed(2)} pps`);
    const said = Number(/, ([\d.]+) pps$/m.exec(res!.stdout)?.[1]);
    assert.ok(Math.abs(said - 1000) / 1000 < 0.01, `replay says ${said} pps`);
  },
});

Deno.test({
  name: "replay --multiplier follows the file's gaps; --loop and --limit send exactly that",
  ignore: SKIP !== undefined,
  async fn() {
    const times = [0, 0.1, 0.3, 0.6];
    const frames = times.map((_, i) => frame(i, 80));
    const file = tempFile(pcapOf(frames, times));
    // The schedule is absolute: a late wake-up (a loaded machine) delays one packet, not the
    // rest. So no packet is ever early, and of up to three runs the one woken most promptly
    // is within 50 ms of each due time, its whole span exact.
    let best: number[] | undefined, lateness = Infinity;
    for (let attempt = 0; attempt < 3 && lateness > 0.015; attempt++) {
      let res: Result | undefined;
      const got = await captureDuring(veth!.b, async () => {
        res = await replay(["-i", veth!.a, "-x", "2", file]);
      }, 4);
      assert.equal(res!.code, 0, res!.stderr);
      assert.equal(got.length, 4);
      const offsets = got.map((g) => g.t - got[0]!.t);
      [0.05, 0.15, 0.3].forEach((want, i) => {
        assert.ok(
          offsets[i + 1]! > want - 0.005,
          `packet ${i + 2} at ${offsets[i + 1]} s, want ${want}`,
        );
      });
      const late = Math.max(...[0.05, 0.15, 0.3].map((want, i) => offsets[i + 1]! - want));
      if (late < lateness) [best, lateness] = [offsets, late];
    }
    [0.05, 0.15].forEach((want, i) => {
      assert.ok(best![i + 1]! < want + 0.05, `packet ${i + 2} at ${best![i + 1]} s, want ${want}`);
    });
    const span = best![3]!;
    assert.ok(Math.abs(span - 0.3) < 0.015, `span ${span} s, want 0.3`);
    for (
      const [args, want] of [
        [["-t", "-l", "3"], [0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3]],
        [["-t", "-l", "3", "-L", "6"], [0, 1, 2, 3, 0, 1]],
        [["-t", "-K", "-l", "0", "-L", "9"], [0, 1, 2, 3, 0, 1, 2, 3, 0]],
        [["-t", "-L", "2"], [0, 1]],
        [["-p", "200", "-l", "2", "--loopdelay-ms", "100"], [0, 1, 2, 3, 0, 1, 2, 3]],
      ] as [string[], number[]][]
    ) {
      // The loop delay is timing: a late wake-up on a loaded machine stretches it, so the
      // shortest of up to three runs is checked (no run may be early).
      const timed = args.includes("--loopdelay-ms");
      let shortest = Infinity;
      for (let attempt = 0; attempt < (timed ? 3 : 1) && shortest >= 0.14; attempt++) {
        let r: Result | undefined;
        const seen = await captureDuring(veth!.b, async () => {
          r = await replay(["-i", veth!.a, ...args, file]);
        }, want.length);
        assert.equal(r!.code, 0, r!.stderr);
        assert.deepEqual(
          seen.map((s) =>
            frames.findIndex((f) =>
              f.length === s.data.length && f.every((b, k) => b === s.data[k])
            )
          ),
          want,
          args.join(" "),
        );
        assert.match(r!.stdout, new RegExp(`^Actual: ${want.length} packets `, "m"));
        if (timed) {
          // 3 gaps of 5 ms, then the 100 ms loop delay, then 3 more gaps.
          const gap = seen[4]!.t - seen[3]!.t;
          assert.ok(gap > 0.095, `loop delay gap ${gap}`);
          shortest = Math.min(shortest, gap);
        }
      }
      if (timed) assert.ok(shortest < 0.14, `loop delay gap ${shortest}`);
    }
    Deno.removeSync(file);
  },
});

Deno.test({
  name: "replay reads pcapng and stdin, and stops at --duration",
  ignore: SKIP !== undefined,
  async fn() {
    const frames = Array.from({ length: 20 }, (_, i) => frame(i));
    const ng = tempFile(pcapngOf(frames), ".pcapng");
    let r1: Result | undefined, r2: Result | undefined;
    const got = await captureDuring(veth!.b, async () => {
      r1 = await replay(["-i", veth!.a, "-t", ng]);
      r2 = await replay(["-i", veth!.a, "-t", "-"], pcapOf(frames));
    }, 40);
    assert.equal(r1!.code, 0, r1!.stderr);
    assert.equal(r2!.code, 0, r2!.stderr);
    assert.deepEqual(got.map((g) => g.data), [...frames, ...frames]);
    const slow = tempFile(pcapOf(Array.from({ length: 1000 }, (_, i) => frame(i, 64))));
    const r3 = await replay(["-i", veth!.a, "-p", "100", "--duration", "0.5", slow]);
    assert.equal(r3.code, 0, r3.stderr);
    const sent = Number(/^Actual: (\d+) packets/m.exec(r3.stdout)?.[1]);
    assert.ok(sent >= 45 && sent <= 52, `${sent} packets in 0.5 s at 100 pps`);
    Deno.removeSync(ng);
    Deno.removeSync(slow);
  },
});

Deno.test({
  name: "replay: each error is one line, status 1 when it ends the replay, after the summary",
  ignore: SKIP !== undefined,
  async fn() {
    const dev = veth!.a;
    const big = [frame(0), frame(1), frame(2, 2000), frame(3)];
    const bigFile = tempFile(pcapOf(big));
    // A frame over the MTU is refused by the kernel, as tcpreplay's is: one line, a failed
    // packet, and the others go (with -K too, on every loop).
    const mtuLine = "Cannot send packet 3: the kernel refused it (EMSGSIZE: Message too long)\n";
    const streamed = await replay(["-i", dev, "-t", bigFile]);
    assert.deepEqual([streamed.code, streamed.stderr], [0, mtuLine]);
    assert.match(streamed.stdout, /^Actual: 3 packets \(\d+ bytes\)/m);
    assert.match(streamed.stdout, /^\tFailed packets: {12}1$/m);
    for (const method of ["txring", "sendmmsg", "send"]) {
      const preloaded = await replay([
        "-i",
        dev,
        "-t",
        "-K",
        "-l",
        "2",
        "--method",
        method,
        bigFile,
      ]);
      assert.deepEqual([preloaded.code, preloaded.stderr], [
        0,
        "File Cache is enabled\n" + mtuLine + mtuLine,
      ], method);
      assert.match(preloaded.stdout, /^Actual: 6 packets \(\d+ bytes\)/m, method);
      assert.match(preloaded.stdout, /^\tFailed packets: {12}2$/m, method);
    }
    // Longer than a TX ring slot (2016 bytes): never queued, refused the same way.
    const huge = tempFile(pcapOf([frame(0), frame(1, 7000), frame(2)]));
    const ring = await replay(["-i", dev, "-t", "--method", "txring", huge]);
    assert.deepEqual([ring.code, ring.stderr], [
      0,
      "Cannot send packet 2: the kernel refused it (EMSGSIZE: Message too long)\n",
    ]);
    assert.match(ring.stdout, /^Actual: 2 packets \(\d+ bytes\)/m);
    Deno.removeSync(huge);
    const sll = tempFile(pcapOf([new Uint8Array(40)], undefined, 113));
    const cooked = await replay(["-i", dev, sll]);
    assert.deepEqual([cooked.code, cooked.stderr], [
      1,
      `Cannot replay packet 1 of "${sll}": its link type LINUX_SLL is not Ethernet (EN10MB)\n`,
    ]);
    const cases: [string[], string][] = [
      [["-i", "tpknosuch0", bigFile], 'Cannot open "tpknosuch0" for sending: no such device'],
      [["-i", dev, "/nonexistent.pcap"], 'Cannot read "/nonexistent.pcap": no such file'],
      [["-i", dev, "-p", "0", bigFile], 'Cannot replay: --pps "0" is not a positive number'],
      [
        ["-i", dev, "-p", "5", "-t", bigFile],
        "Cannot replay: give only one of --pps, --mbps, --multiplier, --topspeed",
      ],
      [["-i", dev, "--loop=-1", bigFile], 'Cannot replay: --loop "-1" is not an integer ≥ 0'],
      [
        ["-i", dev, "--method", "x", bigFile],
        'Cannot replay: --method "x" is not send, sendmmsg or txring',
      ],
      [[bigFile], "Cannot replay: no interface (give -i IF)"],
      [["-i", dev], "Cannot replay: no capture file (give FILE, or - for stdin)"],
    ];
    for (const [args, line] of cases) {
      const r = await replay(args);
      assert.deepEqual([r.code, r.stderr, r.stdout], [1, line + "\n", ""], args.join(" "));
    }
    run("ip", "link", "set", dev, "down");
    try {
      const down = await replay(["-i", dev, bigFile]);
      assert.deepEqual([down.code, down.stderr], [
        1,
        `Cannot open "${dev}" for sending: the interface is down\n`,
      ]);
    } finally {
      run("ip", "link", "set", dev, "up");
    }
    Deno.removeSync(bigFile);
    Deno.removeSync(sll);
  },
});

Deno.test({
  name:
    "replay: a packet the kernel refuses is one line and a failed packet; the rest go, in order",
  ignore: SKIP !== undefined,
  async fn() {
    // A 10-byte record is shorter than the Ethernet header: the kernel refuses it (EINVAL)
    // whichever way it goes, and tcpreplay counts it as failed and goes on.
    const frames = [frame(0), frame(1), new Uint8Array(10).fill(0xee), frame(3), frame(4)];
    const file = tempFile(pcapOf(frames));
    for (const method of ["txring", "sendmmsg", "send"]) {
      let r: Result | undefined;
      const got = await captureDuring(veth!.b, async () => {
        r = await replay(["-i", veth!.a, "-t", "-l", "2", "--method", method, file]);
      }, 8);
      const line = "Cannot send packet 3: the kernel refused it (EINVAL: Invalid argument)\n";
      assert.deepEqual([r!.code, r!.stderr], [0, line + line], method);
      assert.match(r!.stdout, /^\tSuccessful packets: {8}8$/m, method);
      assert.match(r!.stdout, /^\tFailed packets: {12}2$/m, method);
      assert.deepEqual(
        got.map((g) => g.data),
        [0, 1, 3, 4, 0, 1, 3, 4].map((i) => frames[i]),
        method,
      );
    }
    Deno.removeSync(file);
  },
});

function haveTcpreplay(): boolean {
  try {
    return new Deno.Command("tcpreplay", { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

Deno.test({
  name: "replay prints tcpreplay's Flows line, with tcpreplay's counts on the same file",
  ignore: SKIP !== undefined || !haveTcpreplay(),
  async fn() {
    const eth = { layer: "ethernet", dstAddr: "02:00:00:00:88:02", srcAddr: "02:00:00:00:88:01" };
    const ip = (src: string, dst: string, more = {}) => ({
      layer: "ipv4",
      srcAddr: src,
      dstAddr: dst,
      ...more,
    });
    const udp = (s: number, d: number) => ({ layer: "udp", srcPort: s, dstPort: d });
    const b = (layers: unknown[]) => buildPacket(layers as Parameters<typeof buildPacket>[0]);
    const frames = [
      b([eth, ip("10.88.0.1", "10.88.0.2"), udp(1, 2)]), // flow 1
      b([eth, ip("10.88.0.1", "10.88.0.2"), udp(1, 2), { layer: "payload", length: 9 }]), // flow 1
      b([eth, ip("10.88.0.2", "10.88.0.1"), udp(2, 1)]), // the reverse: flow 2
      b([eth, { layer: "vlan", vid: 7 }, ip("10.88.0.1", "10.88.0.2"), udp(1, 2)]), // VLAN ignored: 1
      b([eth, ip("10.88.0.1", "10.88.0.2"), { layer: "tcp", srcPort: 1, dstPort: 2 }]), // 3
      b([
        eth,
        ip("10.88.0.1", "10.88.0.2"),
        { layer: "icmp", type: 8, identifier: 1, sequence: 1 },
        {
          layer: "payload",
          length: 56,
        },
      ]), // ping: flow 4, keyed by type and code
      b([
        eth,
        ip("10.88.0.1", "10.88.0.2"),
        { layer: "icmp", type: 8, identifier: 1, sequence: 2 },
        {
          layer: "payload",
          length: 56,
        },
      ]), // 4
      b([eth, ip("10.88.0.1", "10.88.0.2", { protocol: 47 }), { layer: "payload", length: 24 }]), // 5
      b([eth, {
        layer: "arp",
        oper: 1,
        sha: "02:00:00:00:88:01",
        spa: "10.88.0.1",
        tpa: "10.88.0.2",
      }]), // non-flow
      b([{ ...eth, dstAddr: "33:33:00:00:00:01" }, {
        layer: "ipv6",
        srcAddr: "fd00::1",
        dstAddr: "ff02::1",
      }, udp(5, 6)]),
      b([{ ...eth, dstAddr: "66:00:00:00:00:01" }, {
        layer: "ipv6",
        srcAddr: "fd00::1",
        dstAddr: "fd00::2",
      }, {
        layer: "ipv6-ext",
        headerType: 0,
      }, udp(5, 6)]),
      b([eth, ip("10.88.0.1", "10.88.0.3"), udp(1, 2)]).subarray(0, 38), // too short for UDP: neither
      b([eth, ip("10.88.0.1", "10.88.0.2"), {
        layer: "icmp",
        type: 8,
        identifier: 1,
        sequence: 3,
      }]), // short ICMP
    ];
    const file = tempFile(pcapOf(frames));
    const flowsLine = (out: string) =>
      /^Flows: .*$/m.exec(out)?.[0].replace(/, [\d.]+ fps,/, ", F fps,");
    for (const args of [["-t"], ["-t", "-l", "2"], ["-t", "-K", "-l", "3"]]) {
      const theirs = await new Deno.Command("tcpreplay", {
        args: ["-i", veth!.a, ...args, file],
        stdout: "piped",
        stderr: "null",
      }).output();
      const ours = await replay(["-i", veth!.a, ...args, file]);
      assert.equal(ours.code, 0, ours.stderr);
      const want = flowsLine(decoder.decode(theirs.stdout));
      assert.ok(want, "tcpreplay printed a Flows line");
      assert.equal(flowsLine(ours.stdout), want, args.join(" "));
      assert.match(
        ours.stdout,
        /^Rated: .*\nFlows: \d+ flows, \d+\.\d\d fps, .*\nStatistics for network device: /m,
      );
    }
    // The counts themselves, for tcpreplay 4.4: six flows; ARP and the IPv6 frame whose
    // destination MAC does not start with 6 are non-flow; the two short frames are neither.
    const once = await replay(["-i", veth!.a, "-t", file]);
    assert.equal(
      flowsLine(once.stdout),
      "Flows: 6 flows, F fps, 9 unique flow packets, 2 unique non-flow packets",
    );
    // Nothing but ARP: no Flows line, as tcpreplay.
    const arp = tempFile(pcapOf([frames[8]!]));
    assert.doesNotMatch((await replay(["-i", veth!.a, "-t", arp])).stdout, /^Flows:/m);
    Deno.removeSync(file);
    Deno.removeSync(arp);
  },
});

Deno.test({
  name: "replay counts flows behind VLAN tags, MPLS labels and 802.3 headers as tcpreplay does",
  ignore: SKIP !== undefined || !haveTcpreplay(),
  async fn() {
    // Each frame twice (the second is no new flow), in a file tcpreplay replays too.
    const frames = L2_FRAMES.map(([hex]) => Uint8Array.fromHex(hex));
    const file = tempFile(pcapOf([...frames, ...frames]));
    try {
      const flowsLine = (out: string) =>
        /^Flows: .*$/m.exec(out)?.[0].replace(/, [\d.]+ fps,/, ", F fps,");
      const theirs = await new Deno.Command("tcpreplay", {
        args: ["-i", veth!.a, "-t", file],
        stdout: "piped",
        stderr: "null",
      }).output();
      const want = flowsLine(decoder.decode(theirs.stdout));
      assert.ok(want, "tcpreplay printed a Flows line");
      const ours = await replay(["-i", veth!.a, "-t", file]);
      assert.equal(ours.code, 0, ours.stderr);
      assert.equal(flowsLine(ours.stdout), want);
    } finally {
      Deno.removeSync(file);
    }
  },
});

Deno.test({
  name: "replay --stats, -K and runs over a second print tcpreplay's lines in tcpreplay's order",
  ignore: SKIP !== undefined || !haveTcpreplay(),
  async fn() {
    const file = new URL("../testdata/print/eth.pcap", import.meta.url).pathname;
    // Numbers masked: the lines, their order and each number's shape ("1.17 seconds" from one
    // second on, "0.000548" below) must be tcpreplay's.
    const shape = (text: string) =>
      text.split("\n").filter((l) => !/^Warning|^Unable to process|^\t/.test(l))
        .map((l) => l.replace(/\d+/g, "N")).join("\n");
    for (
      const args of [
        ["-t", "-l", "2", "--stats=0"],
        ["-t", "-K", "-l", "3", "--stats=0"],
        ["-t", "-l", "0", "--stats=0", "-L", "300"],
        ["-t", "-l", "2", "--stats=5"],
        ["-p", "250", "--stats=1", "-l", "2"],
        // 1.5 s: one "Actual"/"Rated" pair from the run, after the first second.
        ["-p", "160", "--stats=1", "-l", "2"],
      ]
    ) {
      const theirs = await new Deno.Command("tcpreplay", {
        args: ["-i", veth!.a, ...args, file],
        stdout: "piped",
        stderr: "piped",
      }).output();
      const ours = await replay(["-i", veth!.a, ...args, file]);
      assert.equal(ours.code, 0, ours.stderr);
      assert.equal(shape(ours.stdout), shape(decoder.decode(theirs.stdout)), args.join(" "));
      assert.equal(shape(ours.stderr), shape(decoder.decode(theirs.stderr)), args.join(" "));
    }
  },
});

Deno.test({
  name: "replay takes several files, --no-flow-stats, -P, -q and --pps-multi as tcpreplay does",
  ignore: SKIP !== undefined || !haveTcpreplay(),
  async fn() {
    const data = (name: string) => new URL(`../testdata/print/${name}`, import.meta.url).pathname;
    const eth = data("eth.pcap"), routers = data("routers.pcap"), frr = data("frr.pcap");
    // The lines with their numbers masked, but the flow and packet counts kept.
    const shape = (text: string) =>
      text.split("\n").filter((l) => !/^Warning|^Unable to process|^\t[TR]/.test(l))
        .map((l) =>
          /^Flows:|^\t/.test(l) ? l.replace(/[\d.]+ fps/, "F fps") : l.replace(/\d+/g, "N")
        ).join("\n");
    for (
      const args of [
        ["-t", eth, eth],
        ["-t", "-K", "-l", "2", eth, routers],
        ["-t", "-l", "2", frr, eth, routers],
        ["-t", "--no-flow-stats", eth],
        ["-q", "-P", "-t", routers],
      ]
    ) {
      const theirs = await new Deno.Command("tcpreplay", {
        args: ["-i", veth!.a, ...args],
        stdout: "piped",
        stderr: "null",
      }).output();
      const ours = await replay(["-i", veth!.a, ...args]);
      assert.equal(ours.code, 0, ours.stderr);
      assert.equal(shape(ours.stdout), shape(decoder.decode(theirs.stdout)), args.join(" "));
      if (args.includes("-P")) assert.match(ours.stderr, new RegExp(`^PID: \\d+$`, "m"));
    }
    // --pps-multi 50 at 100 packets/s: two bursts half a second apart, where one packet every
    // 10 ms takes a second.
    const hundred = tempFile(pcapOf(Array.from({ length: 100 }, (_, i) => frame(i))));
    try {
      const r = await replay(["-i", veth!.a, "-p", "100", "--pps-multi", "50", hundred]);
      assert.equal(r.code, 0, r.stderr);
      const took = Number(
        /^Actual: 100 packets \(\d+ bytes\) sent in ([\d.]+) seconds$/m
          .exec(r.stdout)?.[1],
      );
      assert.ok(took >= 0.45 && took < 0.8, r.stdout);
      const bad = await replay(["-i", veth!.a, "-t", "--pps-multi", "5", hundred]);
      assert.deepEqual([bad.code, bad.stderr], [1, "Cannot replay: --pps-multi needs --pps\n"]);
    } finally {
      Deno.removeSync(hundred);
    }
  },
});

Deno.test({
  name: "replay tests: remove the veth pair",
  ignore: SKIP !== undefined,
  fn() {
    veth!.remove();
  },
});
