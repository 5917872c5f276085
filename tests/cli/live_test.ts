/**
 * `sniff` on a live interface, end to end: a veth pair of our own, frames injected on one end
 * with `Capture.send()`, sniff capturing on the other as a child process. Checks what a user
 * sees: printed lines equal to what tcpdump prints for the same frames, a kernel filter given as
 * an expression, and SIGINT flushing the `-w` file and printing tcpdump's three summary lines.
 */
import assert from "node:assert/strict";
import { openCapture } from "../../mod.ts";
import { announceSkip, ensureShim, ethFrame, guard, SKIP, Veth } from "../capture/_net.ts";
import { run } from "./_testlist.ts";

announceSkip("tests/cli/live_test.ts");
const SNIFF = new URL("../../examples/sniff.ts", import.meta.url).pathname;
const decoder = new TextDecoder();

/** A UDP/IPv4 frame from 10.77.0.1:4000+seq to 10.77.0.2:53 (not a DNS message: a 4-byte body). */
function udpFrame(dst: Uint8Array, src: Uint8Array, seq: number, dport = 53): Uint8Array {
  const frame = ethFrame(dst, src, 14 + 20 + 8 + 4, seq, { type: 0x0800 });
  const dv = new DataView(frame.buffer);
  frame.set([0x45, 0, 0, 32, 0, seq & 0xff, 0x40, 0, 64, 17, 0, 0, 10, 77, 0, 1, 10, 77, 0, 2], 14);
  let sum = 0;
  for (let i = 14; i < 34; i += 2) sum += dv.getUint16(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  dv.setUint16(24, ~sum & 0xffff);
  dv.setUint16(34, 4000 + seq);
  dv.setUint16(36, dport);
  dv.setUint16(38, 12);
  dv.setUint16(40, 0); // no UDP checksum
  dv.setUint32(42, seq);
  return frame;
}

/** A little-endian microsecond pcap file of Ethernet frames, all stamped 0. */
function pcapOf(frames: Uint8Array[]): Uint8Array {
  const size = 24 + frames.reduce((sum, f) => sum + 16 + f.length, 0);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  out.set(Uint8Array.fromHex("d4c3b2a1020004000000000000000000ffff000001000000"));
  let at = 24;
  for (const frame of frames) {
    dv.setUint32(at + 8, frame.length, true);
    dv.setUint32(at + 12, frame.length, true);
    out.set(frame, at + 16);
    at += 16 + frame.length;
  }
  return out;
}

/** Starts sniff; resolves once it says it is listening (the socket is bound then). */
async function startSniff(args: string[]) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-ffi", "--allow-read", "--allow-write", SNIFF, ...args],
    env: { TZ: "UTC", NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stderr.getReader();
  let stderr = "";
  const listening = (async () => {
    while (!stderr.includes("listening on")) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`sniff exited before listening: ${stderr}`);
      stderr += decoder.decode(value);
    }
  })();
  await guard(listening, 15000, "sniff start");
  const rest = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return stderr;
      stderr += decoder.decode(value);
    }
  })();
  const stdout = new Response(child.stdout).text();
  return {
    child,
    async finish() {
      const status = await guard(child.status, 15000, "sniff exit");
      return { code: status.code, stdout: await stdout, stderr: await rest };
    },
  };
}

Deno.test({
  name: "sniff -i IF -c N prints the injected frames as tcpdump prints them, with a kernel filter",
  ignore: SKIP !== undefined,
  async fn() {
    await ensureShim();
    const veth = Veth.create("cl");
    const dir = await Deno.makeTempDir({ prefix: "tpacket-live-" });
    try {
      const sniff = await startSniff(["-n", "-t", "-c", "5", "-i", veth.a, "udp port 53"]);
      using tx = openCapture(veth.b);
      const accepted: Uint8Array[] = [];
      for (let seq = 0; seq < 10; seq++) {
        // Odd frames go to port 54: the kernel filter drops them.
        const frame = udpFrame(veth.macA, veth.macB, seq, seq % 2 === 0 ? 53 : 54);
        tx.send(frame);
        if (seq % 2 === 0) accepted.push(frame);
      }
      const out = await sniff.finish();
      assert.equal(out.code, 0, out.stderr);
      assert.match(out.stderr, /^5 packets captured$/m);
      const lines = out.stdout.trimEnd().split("\n");
      assert.equal(lines.length, 5, out.stdout);
      // tcpdump's text for the same five frames, from a pcap file written here.
      const file = `${dir}/same.pcap`;
      await Deno.writeFile(file, pcapOf(accepted));
      const tcpdump = await run("tcpdump", ["-n", "-t", "-r", file]).catch(() => undefined);
      if (tcpdump?.code === 0) assert.deepEqual(lines, tcpdump.stdout.trimEnd().split("\n"));
      else assert.match(lines[0]!, /^IP 10\.77\.0\.1\.4000 > 10\.77\.0\.2\.53: /);
    } finally {
      veth.remove();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "sniff -i IF --count counts live frames (filtered, -c too) and prints no packet",
  ignore: SKIP !== undefined,
  async fn() {
    await ensureShim();
    const veth = Veth.create("cc");
    try {
      // -c 7 over 20 accepted frames: the engine's counter stops at exactly 7.
      const capped = await startSniff(["--count", "-c", "7", "-i", veth.a, "udp port 53"]);
      using tx = openCapture(veth.b);
      for (let seq = 0; seq < 40; seq++) {
        tx.send(udpFrame(veth.macA, veth.macB, seq, seq % 2 === 0 ? 53 : 54));
      }
      const a = await capped.finish();
      assert.equal(a.code, 0, a.stderr);
      assert.equal(a.stdout, "");
      assert.match(a.stderr, /^7 packets captured$/m);
      // No -c: every accepted frame, collected from the open block on SIGINT.
      const all = await startSniff(["--count", "-i", veth.a, "udp port 53"]);
      for (let seq = 0; seq < 40; seq++) {
        tx.send(udpFrame(veth.macA, veth.macB, seq, seq % 2 === 0 ? 53 : 54));
      }
      all.child.kill("SIGINT");
      const b = await all.finish();
      assert.equal(b.code, 0, b.stderr);
      assert.equal(b.stdout, "");
      assert.match(b.stderr, /^20 packets captured$/m);
      assert.match(b.stderr, /^20 packets received by filter$/m);
    } finally {
      veth.remove();
    }
  },
});

Deno.test({
  name:
    "sniff -w stopped by SIGINT flushes every captured frame and prints the three summary lines",
  ignore: SKIP !== undefined,
  async fn() {
    await ensureShim();
    const veth = Veth.create("cw");
    const dir = await Deno.makeTempDir({ prefix: "tpacket-live-" });
    try {
      const file = `${dir}/out.pcap`;
      const sniff = await startSniff(["-i", veth.a, "-w", file]);
      using tx = openCapture(veth.b);
      const sent: Uint8Array[] = [];
      for (let seq = 0; seq < 50; seq++) {
        const frame = udpFrame(veth.macA, veth.macB, seq);
        tx.send(frame);
        sent.push(frame);
      }
      // No wait for the block timeout: sniff must collect the partly filled block itself.
      sniff.child.kill("SIGINT");
      const out = await sniff.finish();
      assert.equal(out.code, 0, out.stderr);
      assert.match(out.stderr, /^50 packets captured$/m);
      assert.match(out.stderr, /^50 packets received by filter$/m);
      assert.match(out.stderr, /^0 packets dropped by kernel$/m);
      const bytes = await Deno.readFile(file);
      let at = 24;
      for (const frame of sent) {
        const dv = new DataView(bytes.buffer, bytes.byteOffset + at);
        const capLen = dv.getUint32(8, true);
        assert.deepEqual(bytes.subarray(at + 16, at + 16 + capLen), frame);
        at += 16 + capLen;
      }
      assert.equal(at, bytes.length);
    } finally {
      veth.remove();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "sniff -w on a terminal shows a progress line with the packets written",
  ignore: SKIP !== undefined || !hasCommand("script") || !hasCommand("timeout"),
  async fn() {
    await ensureShim();
    const veth = Veth.create("cp");
    const dir = await Deno.makeTempDir({ prefix: "tpacket-live-" });
    try {
      // script(1) gives sniff a terminal; timeout(1) sends it SIGINT after 4 s: enough for the
      // 1 s block timeout and a 0.5 s progress tick after the frames, sent once sniff listens.
      const command = [
        "timeout -s INT 4",
        Deno.execPath(),
        "run --allow-ffi --allow-read --allow-write",
        SNIFF,
        `-i ${veth.a} -w ${dir}/out.pcap`,
      ].join(" ");
      const child = new Deno.Command("script", {
        args: ["-qfec", command, "/dev/null"],
        env: { NO_COLOR: "1" },
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      const reader = child.stdout.getReader();
      let text = "";
      const readAll = async (until?: string) => {
        while (until === undefined || !text.includes(until)) {
          const { value, done } = await reader.read();
          if (done) return;
          text += decoder.decode(value);
        }
      };
      await guard(readAll("listening on"), 10000, "sniff start");
      using tx = openCapture(veth.b);
      for (let seq = 0; seq < 10; seq++) tx.send(udpFrame(veth.macA, veth.macB, seq));
      await guard(readAll(), 15000, "sniff output");
      const status = await guard(child.status, 15000, "script");
      assert.equal(status.code, 124, text); // timeout(1)'s status when it had to send the signal
      assert.match(text, /\rGot 10 packets, 460 bytes, 0 dropped by kernel/);
      assert.match(text, /10 packets captured/);
    } finally {
      veth.remove();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

function hasCommand(name: string): boolean {
  return new Deno.Command("sh", { args: ["-c", `command -v ${name}`], stdout: "null" }).outputSync()
    .success;
}

Deno.test({
  name: "sniff -w under SIGINT mid-flood writes every packet it reports, and tcpdump reads them",
  ignore: SKIP !== undefined,
  async fn() {
    await ensureShim();
    const veth = Veth.create("cf");
    const dir = await Deno.makeTempDir({ prefix: "tpacket-live-" });
    try {
      const file = `${dir}/flood.pcap`;
      const sniff = await startSniff(["-i", veth.a, "-w", file, "-v"]);
      using tx = openCapture(veth.b);
      const sent: Uint8Array[] = [];
      for (let seq = 0; seq < 20000; seq++) {
        const frame = udpFrame(veth.macA, veth.macB, seq);
        tx.send(frame);
        sent.push(frame);
        if (seq === 12000) sniff.child.kill("SIGINT"); // the flood goes on meanwhile
      }
      const out = await sniff.finish();
      assert.equal(out.code, 0, out.stderr);
      const captured = Number(/^(\d+) packets? captured$/m.exec(out.stderr)?.[1]);
      const received = Number(/^(\d+) packets? received by filter$/m.exec(out.stderr)?.[1]);
      const dropped = Number(/^(\d+) packets? dropped by kernel$/m.exec(out.stderr)?.[1]);
      assert.ok(captured >= 12000, out.stderr);
      // Everything the kernel accepted and did not drop was handed over and written.
      assert.equal(captured, received - dropped, out.stderr);
      assert.match(
        out.stderr,
        /^\d+\.\d ms longest the ring waited for the worker, \d+ ring blocks held at most$/m,
      );
      // The file holds exactly the reported packets, each byte for byte the frame sent, after
      // the header PcapWriter writes (LE microsecond magic, 2.4, snaplen 262144, Ethernet).
      const bytes = await Deno.readFile(file);
      assert.equal(
        bytes.subarray(0, 24).toHex(),
        "d4c3b2a10200040000000000000000000000040001000000",
      );
      let at = 24;
      let n = 0;
      while (at < bytes.length) {
        const dv = new DataView(bytes.buffer, bytes.byteOffset + at);
        const capLen = dv.getUint32(8, true);
        const data = bytes.subarray(at + 16, at + 16 + capLen);
        const seq = new DataView(data.buffer, data.byteOffset).getUint32(42);
        assert.deepEqual(data, sent[seq], `record ${n}`);
        at += 16 + capLen;
        n++;
      }
      assert.equal(at, bytes.length, "no partial record at the end");
      assert.equal(n, captured);
      const tcpdump = await run("tcpdump", ["-n", "-r", file]).catch(() => undefined);
      if (tcpdump !== undefined && tcpdump.code === 0) {
        assert.equal(tcpdump.stdout.trimEnd().split("\n").length, captured);
      }
    } finally {
      veth.remove();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "sniff -Z USER runs as USER once the capture is open, its -w file USER's, as tcpdump -Z",
  ignore: SKIP !== undefined || Deno.uid() !== 0 || !hasCommand("tcpdump"),
  async fn() {
    await ensureShim();
    const veth = Veth.create("cz");
    const dir = await Deno.makeTempDir({ prefix: "tpacket-live-" });
    try {
      await Deno.chmod(dir, 0o777); // the user writes nothing new here, but may
      const who = (await run("id", ["-u", "nobody"])).stdout.trim();
      const group = (await run("id", ["-g", "nobody"])).stdout.trim();
      const sniff = await startSniff([
        "-c",
        "3",
        "-Z",
        "nobody",
        "-w",
        `${dir}/ours.pcap`,
        "-i",
        veth.a,
      ]);
      // The capture is open and sniff already runs as nobody, threads and all.
      const status = await Deno.readTextFile(`/proc/${sniff.child.pid}/status`);
      assert.match(status, new RegExp(`^Uid:\\t${who}\\t${who}\\t${who}\\t${who}$`, "m"));
      assert.match(status, new RegExp(`^Gid:\\t${group}\\t${group}\\t${group}\\t${group}$`, "m"));
      using tx = openCapture(veth.b);
      const frames = [0, 1, 2].map((seq) => udpFrame(veth.macA, veth.macB, seq));
      for (const frame of frames) tx.send(frame);
      const out = await sniff.finish();
      assert.equal(out.code, 0, out.stderr);
      const ours = await Deno.stat(`${dir}/ours.pcap`);
      assert.deepEqual([ours.uid, ours.gid], [Number(who), Number(group)]);
      const read = await run("tcpdump", ["-r", `${dir}/ours.pcap`, "-n", "-t"]);
      assert.equal(read.stdout.trimEnd().split("\n").length, 3, read.stdout);
      // tcpdump -Z gives its file to the user the same way.
      const theirs = new Deno.Command("tcpdump", {
        args: ["-c", "1", "-Z", "nobody", "-w", `${dir}/theirs.pcap`, "-i", veth.a],
        stdout: "null",
        stderr: "piped",
      }).spawn();
      // A frame every 100 ms until tcpdump has one (it may take a while to listen).
      let exited = false;
      const ended = theirs.status.then(() => exited = true);
      for (let i = 0; i < 150 && !exited; i++) {
        tx.send(frames[0]!);
        await new Promise((r) => setTimeout(r, 100));
      }
      await guard(ended, 15000, "tcpdump exit");
      const file = await Deno.stat(`${dir}/theirs.pcap`);
      assert.deepEqual([file.uid, file.gid], [ours.uid, ours.gid]);
      // No such user: one line, before any traffic.
      const bad = await new Deno.Command(Deno.execPath(), {
        args: ["run", "--allow-ffi", "--allow-read", SNIFF, "-Z", "no-such-user-x", "-i", veth.a],
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.equal(bad.code, 1);
      assert.equal(decoder.decode(bad.stderr), "sniff: Couldn't find user 'no-such-user-x'\n");
    } finally {
      veth.remove();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "sniff -j TYPE: host is taken; a type the device lacks is tcpdump's warning, then capture",
  ignore: SKIP !== undefined || !hasCommand("tcpdump"),
  async fn() {
    await ensureShim();
    const veth = Veth.create("cj");
    try {
      for (const type of ["host", "adapter_unsynced"]) {
        const sniff = await startSniff(["-c", "1", "-j", type, "-i", veth.a]);
        using tx = openCapture(veth.b);
        tx.send(udpFrame(veth.macA, veth.macB, 1));
        const out = await sniff.finish();
        assert.equal(out.code, 0, out.stderr);
        const warning = (text: string) =>
          text.split("\n").filter((l) => l.includes("WARNING")).map((l) => l.replace(/^\w+: /, ""));
        // tcpdump's warning comes before it listens: a second of it is enough.
        const theirs = await run("timeout", [
          "-s",
          "INT",
          "1",
          "tcpdump",
          "-j",
          type,
          "-i",
          veth.a,
        ]);
        assert.deepEqual(warning(out.stderr), warning(theirs.stderr), type);
        assert.equal(warning(out.stderr).length, type === "host" ? 0 : 1, out.stderr);
      }
    } finally {
      veth.remove();
    }
  },
});
