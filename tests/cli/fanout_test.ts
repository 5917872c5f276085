/**
 * `sniff --workers N`: a fanout group capturing on a veth pair of our own, sniff as a child
 * process. The summary lines are the group's totals, `-w` writes one file per member (named as
 * documented, each read back by tcpdump), `-c` counts over the whole group, `--count` prints
 * nothing per packet, and bad fanout options are one-line usage errors.
 */
import assert from "node:assert/strict";
import { openCapture } from "../../mod.ts";
import { announceSkip, ensureShim, ethFrame, guard, SKIP, Veth } from "../capture/_net.ts";

announceSkip("tests/cli/fanout_test.ts");
const SNIFF = new URL("../../examples/sniff.ts", import.meta.url).pathname;
const decoder = new TextDecoder();

function sniff(args: string[]) {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-ffi", "--allow-read", "--allow-write", SNIFF, ...args],
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  });
}

/** Starts sniff and waits until its group is open (the fanout line follows "listening on"). */
async function start(args: string[]) {
  const child = sniff(args).spawn();
  const reader = child.stderr.getReader();
  let stderr = "";
  await guard(
    (async () => {
      while (!/fanout group \d+/.test(stderr)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`sniff exited before listening: ${stderr}`);
        stderr += decoder.decode(value);
      }
    })(),
    20000,
    "sniff start",
  );
  const stdout = new Response(child.stdout).text();
  return {
    child,
    async finish() {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        stderr += decoder.decode(value);
      }
      const status = await guard(child.status, 15000, "sniff exit");
      return { code: status.code, stdout: await stdout, stderr };
    },
  };
}

/** The seq (u32 after the EtherType) of every record of a little-endian pcap file. */
function seqsIn(bytes: Uint8Array): number[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  assert.equal(dv.getUint32(0, true), 0xa1b2c3d4);
  const seqs: number[] = [];
  for (let at = 24; at < bytes.length;) {
    const capLen = dv.getUint32(at + 8, true);
    seqs.push(dv.getUint32(at + 16 + 14));
    at += 16 + capLen;
  }
  return seqs;
}

async function send(veth: Veth, count: number, from = 0): Promise<void> {
  using tx = openCapture(veth.b, { promiscuous: false });
  for (let i = 0; i < count; i++) {
    tx.send(ethFrame(veth.macA, veth.macB, 60, from + i));
    if (i % 50 === 49) await new Promise((r) => setTimeout(r, 1));
  }
}

Deno.test({
  name: "sniff --workers: totals, one -w file per member, -c over the group, --count",
  ignore: SKIP !== undefined,
  async fn(t) {
    await ensureShim();
    const veth = Veth.create("sf");
    const dir = await Deno.makeTempDir({ prefix: "tpacket-fanout-" });
    try {
      await t.step("SIGINT: every frame in exactly one member's file, totals summed", async () => {
        const run = await start([
          "-i",
          veth.a,
          "--workers",
          "3",
          "--fanout",
          "lb",
          "-w",
          `${dir}/all.pcap`,
        ]);
        await send(veth, 300);
        await new Promise((r) => setTimeout(r, 200));
        run.child.kill("SIGINT");
        const out = await run.finish();
        assert.equal(out.code, 0, out.stderr);
        assert.match(out.stderr, /^sniff: 3 workers in fanout group \d+ \(lb, defrag\)$/m);
        assert.match(out.stderr, /^300 packets captured$/m);
        assert.match(out.stderr, /^300 packets received by filter$/m);
        assert.match(out.stderr, /^0 packets dropped by kernel$/m);
        const names = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
        assert.deepEqual(names, ["all-0.pcap", "all-1.pcap", "all-2.pcap"]);
        const seqs = names.flatMap((n) => seqsIn(Deno.readFileSync(`${dir}/${n}`)));
        assert.deepEqual(seqs.sort((a, b) => a - b), Array.from({ length: 300 }, (_, i) => i));
        for (const n of names) {
          // Round robin: 100 each; and tcpdump reads every member's file.
          assert.equal(seqsIn(Deno.readFileSync(`${dir}/${n}`)).length, 100, n);
          const td = new Deno.Command("tcpdump", { args: ["-n", "-r", `${dir}/${n}`] })
            .outputSync();
          assert.ok(td.success, decoder.decode(td.stderr));
          assert.match(decoder.decode(td.stdout).split("\n")[0]!, /ethertype Unknown \(0x88b5\)/);
        }
        for (const n of names) Deno.removeSync(`${dir}/${n}`);
      });

      await t.step("-c N stops the whole group after N frames, taken once", async () => {
        const run = await start([
          "-i",
          veth.a,
          "--workers",
          "2",
          "--fanout",
          "lb",
          "-c",
          "150",
          "-w",
          `${dir}/c.pcap`,
        ]);
        await send(veth, 200);
        const out = await run.finish();
        assert.equal(out.code, 0, out.stderr);
        assert.match(out.stderr, /^150 packets captured$/m);
        const seqs = ["c-0.pcap", "c-1.pcap"].flatMap((n) =>
          seqsIn(Deno.readFileSync(`${dir}/${n}`))
        );
        assert.equal(seqs.length, 150);
        assert.equal(new Set(seqs).size, 150);
        assert.ok(seqs.every((s) => s < 200));
      });

      await t.step("--count prints no packet, only the totals", async () => {
        const run = await start(["-i", veth.a, "--workers", "2", "--count"]);
        await send(veth, 40);
        await new Promise((r) => setTimeout(r, 200));
        run.child.kill("SIGINT");
        const out = await run.finish();
        assert.equal(out.code, 0, out.stderr);
        assert.equal(out.stdout, "");
        assert.match(out.stderr, /fanout group \d+ \(hash, defrag\)/);
        assert.match(out.stderr, /^40 packets captured$/m);
        assert.match(out.stderr, /^40 packets received by filter$/m);
      });

      await t.step("bad fanout options: one line and the usage", () => {
        const cases: [string[], string][] = [
          [["--workers", "0"], 'sniff: invalid worker count "0" (--workers takes 1 to 64)'],
          [["--fanout", "lb"], "sniff: --fanout needs --workers"],
          [
            ["--workers", "2", "--fanout", "fast"],
            'sniff: invalid fanout mode "fast" (--fanout takes hash, lb, cpu, rollover, random, qm)',
          ],
          [
            ["--workers", "2", "--fanout-opts", "defrag,x"],
            'sniff: invalid fanout option "x" (--fanout-opts takes defrag, nodefrag, rollover, ignore-outgoing)',
          ],
          [
            ["--workers", "2", "-w", "-"],
            "sniff: cannot write several workers' files to standard output (-w - with --workers)",
          ],
        ];
        for (const [args, line] of cases) {
          const out = sniff(["-i", veth.a, ...args]).outputSync();
          assert.equal(out.code, 1);
          assert.equal(decoder.decode(out.stderr).split("\n")[0], line);
        }
      });
    } finally {
      veth.remove();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
