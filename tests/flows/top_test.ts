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
