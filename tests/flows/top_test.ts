/**
 * examples/top.ts end to end: a file's flows as NDJSON, the live view following traffic this
 * test sends on loopback (with the sending process named), and the one-line errors: a bad
 * option, an unreachable collector, a busy web port, a public address without the flag.
 *
 * @module
 */

import assert from "node:assert/strict";
import { freeUdpPort, ROOT, runTop, sendUdp, startTop } from "./_top.ts";

const here = (p: string) => new URL(`../../${p}`, import.meta.url).pathname;
if (!ROOT) console.error("tests/flows/top_test.ts: not root, live capture tests skipped");

Deno.test("top -r FILE --json prints one snapshot of the file's flows", async () => {
  const { code, stdout } = await runTop([
    "-r",
    here("tests/testdata/print/eth.pcap"),
    "--json",
    "-N",
    "100",
    "tcp",
  ]);
  assert.equal(code, 0);
  const lines = stdout.trim().split("\n");
  assert.equal(lines.length, 1);
  const s = JSON.parse(lines[0]!);
  assert.deepEqual([s.packets, s.activeFlows, Object.keys(s.protocols).sort()], [29, 5, [
    "tcp",
    "undecodable",
  ]]);
  assert.equal(
    s.top.reduce(
      (n: number, f: { packets: number; revPackets: number }) => n + f.packets + f.revPackets,
      0,
    ),
    28,
  );
  // --json carries every flow once in `ended` (here all at the end of the file).
  assert.equal(s.ended.length, 5);
  assert.equal(
    s.ended.reduce(
      (n: number, f: { packets: number; revPackets: number; endReason: string }) =>
        n + f.packets + f.revPackets,
      0,
    ),
    28,
  );
  assert.ok(s.ended.every((f: { endReason: string }) => f.endReason === "forced"));
});

Deno.test("top prints one line and exits 1 for a mistake, a refused collector, a busy port", async () => {
  const bad = await runTop(["--sort", "colour"]);
  assert.equal(bad.code, 1);
  assert.match(
    bad.stderr.split("\n")[0]!,
    /^top: Cannot sort by "colour": expected rate2, rate10, rate40 or bytes$/,
  );
  const port = await freeUdpPort();
  const refused = await runTop([
    "-r",
    here("tests/testdata/print/eth.pcap"),
    "--ipfix",
    `127.0.0.1:${port}`,
  ]);
  assert.equal(refused.code, 1);
  assert.equal(
    refused.stderr,
    `top: Cannot send IPFIX to 127.0.0.1:${port}: connection refused (no collector is listening there)\n`,
  );
  // What the sender itself refuses reads as one line too, naming the collector once.
  for (
    const [target, why] of [
      ["256.1.1.1:2055", "not an IPv4 or IPv6 address"],
    ]
  ) {
    const r = await runTop(["-r", here("tests/testdata/print/eth.pcap"), "--ipfix", target!]);
    assert.deepEqual([r.code, r.stderr], [1, `top: Cannot send IPFIX to ${target}: ${why}\n`]);
  }
  const zero = await runTop([
    "-r",
    here("tests/testdata/print/eth.pcap"),
    "--ipfix",
    "127.0.0.1:0",
  ]);
  assert.equal(zero.code, 1);
  assert.equal(
    zero.stderr.split("\n")[0],
    `top: Cannot use --ipfix "127.0.0.1:0": a collector's port is 1 to 65535`,
  );
  const open = await runTop(["-i", "lo", "--web", "192.0.2.1:8080"]);
  assert.equal(open.code, 1);
  assert.match(
    open.stderr,
    /^top: Cannot serve the web view on "192\.0\.2\.1": it shows captured traffic; add --web-public/,
  );
});

Deno.test({
  name: "top --web on a port in use says so in one line",
  ignore: !ROOT,
  async fn() {
    using busy = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const { code, stderr } = await runTop([
      "-i",
      "lo",
      "--web",
      `127.0.0.1:${busy.addr.port}`,
      "udp port 9",
    ]);
    assert.equal(code, 1);
    assert.equal(
      stderr.trim(),
      `top: Cannot serve the web view on 127.0.0.1:${busy.addr.port}: the port is in use`,
    );
  },
});

Deno.test({
  name: "top -i lo --json follows the datagrams this test sends and names this process",
  ignore: !ROOT,
  async fn() {
    const port = await freeUdpPort();
    const top = startTop(["-i", "lo", "--json", "--interval", "0.5", `udp port ${port}`]);
    try {
      await top.waitErr(/listening on lo/);
      // One socket sends them all: one flow, owned by this process while the socket is open.
      const { default: dgram } = await import("node:dgram");
      const s = dgram.createSocket("udp4");
      const data = new Uint8Array(100);
      for (let i = 0; i < 300; i++) {
        await new Promise<void>((ok) => s.send(data, port, "127.0.0.1", () => ok()));
      }
      let last: { packets: number; top: { process: string | null; bytes: number }[] } | undefined;
      for (let i = 0; i < 100 && !(last && last.packets >= 300 && last.top[0]?.process); i++) {
        await new Promise((r) => setTimeout(r, 100));
        const lines = top.stdout().trim().split("\n").filter((l) => l.startsWith("{"));
        if (lines.length) last = JSON.parse(lines.at(-1)!);
      }
      await new Promise<void>((ok) => s.close(ok));
      assert.equal(last?.packets, 300);
      assert.equal(last?.top.length, 1);
      assert.equal(last?.top[0]?.bytes, 300 * 128); // 20 + 8 + 100 IP bytes each
      assert.equal(last?.top[0]?.process, `${Deno.pid} deno`);
    } finally {
      assert.equal(await top.stop(), 0);
    }
    // Stopped: the last line's `ended` has the flow, all 300 datagrams.
    const lines = top.stdout().trim().split("\n").filter((l) => l.startsWith("{"));
    const ended = JSON.parse(lines.at(-1)!).ended as { packets: number; endReason: string }[];
    assert.deepEqual(ended.map((f) => [f.packets, f.endReason]), [[300, "forced"]]);
    await sendUdp(port, 1, 1); // nothing listens any more: no crash, nothing to see
  },
});

/** A pcap of `n` one-packet UDP flows from 10.0.0.0/8 to 192.0.2.1, 10 µs apart. */
async function manyFlows(n: number): Promise<string> {
  const frame = Uint8Array.fromHex(
    "020000000002020000000001080045000020000000004011000000000000c0000201" +
      "04000035000c0000" + "00000000",
  );
  const out = new Uint8Array(24 + n * (16 + frame.length));
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0xa1b2c3d4, true);
  dv.setUint16(4, 2, true);
  dv.setUint16(6, 4, true);
  dv.setUint32(16, 65535, true);
  dv.setUint32(20, 1, true); // Ethernet
  let at = 24;
  for (let i = 0; i < n; i++) {
    const us = i * 10;
    dv.setUint32(at, 1_700_000_000 + Math.floor(us / 1e6), true);
    dv.setUint32(at + 4, us % 1e6, true);
    dv.setUint32(at + 8, frame.length, true);
    dv.setUint32(at + 12, frame.length, true);
    out.set(frame, at + 16);
    dv.setUint32(at + 16 + 26, 0x0a000000 + i); // the source address
    at += 16 + frame.length;
  }
  const file = await Deno.makeTempFile({ suffix: ".pcap" });
  await Deno.writeFile(file, out);
  return file;
}

Deno.test("top -r FILE --json streams the ended flows out: 150 000 flows in a 96 MB heap", async () => {
  const n = 150_000;
  const file = await manyFlows(n);
  try {
    // Held to the end, 150 000 flow records and their JSON need several times this heap.
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--v8-flags=--max-old-space-size=96",
        here("examples/top.ts"),
        "-r",
        file,
        "--json",
      ],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const stderr = new Response(child.stderr).text();
    let lines = 0;
    let flows = 0;
    let packets = 0;
    let biggest = 0;
    let last: { packets: number; flows: number } | undefined;
    let rest = "";
    for await (const t of child.stdout.pipeThrough(new TextDecoderStream())) {
      const parts = (rest + t).split("\n");
      rest = parts.pop()!;
      for (const line of parts) {
        const s = JSON.parse(line);
        lines++;
        flows += s.ended.length;
        biggest = Math.max(biggest, s.ended.length);
        for (const f of s.ended) packets += f.packets + f.revPackets;
        last = s;
      }
    }
    const status = await child.status;
    assert.equal(status.code, 0, await stderr);
    assert.equal(rest, "");
    // Every flow once, in lines of at most 4096, the last one the whole file's totals.
    assert.deepEqual([flows, packets, last?.packets, last?.flows], [n, n, n, n]);
    assert.ok(biggest <= 4096 && lines >= Math.ceil(n / 4096), `${lines} lines, ${biggest}`);
  } finally {
    await Deno.remove(file);
  }
});
