/**
 * `PcapBatchWriter` in a worker engine over a veth pair this file creates:
 * frames written with writev straight from the ring (and frame by frame),
 * both backends and both rings, compared byte for byte with what was sent,
 * and read back by tcpdump into the same bytes.
 */

import assert from "node:assert/strict";
import { openCapture } from "../../capture/mod.ts";
import { openWorkerCapture } from "../../capture/worker.ts";
import { announceSkip, backends, ensureShim, ethFrame, guard, SKIP, Veth } from "./_net.ts";

announceSkip("tests/capture/batch_writer_test.ts");

const HANDLER = new URL("./_batch_file_handler.ts", import.meta.url);

function hasTcpdump(): boolean {
  return new Deno.Command("sh", { args: ["-c", "command -v tcpdump"], stdout: "null" })
    .outputSync().success;
}

/** The records of a classic little-endian pcap file: data and wire length. */
function records(bytes: Uint8Array): { data: Uint8Array; wireLen: number }[] {
  const out = [];
  let at = 24;
  while (at < bytes.length) {
    const dv = new DataView(bytes.buffer, bytes.byteOffset + at);
    const capLen = dv.getUint32(8, true);
    out.push({ data: bytes.slice(at + 16, at + 16 + capLen), wireLen: dv.getUint32(12, true) });
    at += 16 + capLen;
  }
  assert.equal(at, bytes.length, "no partial record");
  return out;
}

Deno.test({
  name: "PcapBatchWriter in a worker engine: every frame byte for byte (shim, libc × V3, V2 × " +
    "batches, frames), and tcpdump reads the file back into the same bytes",
  ignore: SKIP !== undefined,
  async fn(t) {
    await ensureShim();
    const veth = Veth.create("bw");
    const dir = await Deno.makeTempDir({ prefix: "tpacket-bw-" });
    try {
      using tx = openCapture(veth.b, { promiscuous: false });
      for (const backend of backends) {
        for (const immediate of [false, true]) {
          for (const mode of ["batches", "frames"] as const) {
            await t.step(`${backend}, ${immediate ? "V2" : "V3"}, ${mode}`, async () => {
              const path = `${dir}/${backend}-${immediate}-${mode}.pcap`;
              const engine = await openWorkerCapture(veth.a, {
                backend,
                immediate,
                blockTimeoutMs: 1,
                handler: HANDLER,
                handlerOptions: { path, mode, backend },
              });
              const sizes = [60, 1514, 61, 700, 64, 1000, 1499, 128, 60, 333];
              const frames = sizes.map((len, i) => ethFrame(veth.macA, veth.macB, len, i));
              const run = engine.run({ count: frames.length });
              for (const f of frames) assert.equal(tx.send(f), f.length);
              const { packets, result } = await guard(run, 5000, "ten frames");
              assert.equal(packets, frames.length);
              if (mode === "batches") {
                // The warm-up wrote synthetic blocks through the handler's warm (to /dev/null),
                // before the bind: none of them is in the file (below).
                const { warmed } = result as { warmed: number };
                assert.ok(warmed > 0, `warm took ${warmed} frames`);
              }
              await engine.close(); // the handler closes the file
              const bytes = Deno.readFileSync(path);
              assert.equal(
                bytes.subarray(0, 24).toHex(),
                "d4c3b2a10200040000000000000000000000040001000000",
              );
              const got = records(bytes);
              assert.deepEqual(got.map((r) => r.data), frames);
              assert.deepEqual(got.map((r) => r.wireLen), sizes);
              if (hasTcpdump()) {
                const copy = `${path}.copy`;
                const out = new Deno.Command("tcpdump", { args: ["-r", path, "-w", copy] })
                  .outputSync();
                assert.ok(out.success, new TextDecoder().decode(out.stderr));
                assert.deepEqual(Deno.readFileSync(copy), bytes);
              }
            });
          }
        }
      }
    } finally {
      veth.remove();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
