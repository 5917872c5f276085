/**
 * Live capture over a veth pair this file creates: frames injected with
 * `Capture.send()` on one end are expected byte for byte on the other, for both
 * backends (shim, libc) and both rings (V3, immediate V2).
 */

import assert from "node:assert/strict";
import { type CaptureOptions, openCapture } from "../../capture/mod.ts";
import type { Frame, Packet } from "../../ring/frame.ts";
import {
  announceSkip,
  backends,
  ensureShim,
  ETHERTYPE_TEST,
  ethFrame,
  FOREIGN_MAC,
  guard,
  ifFlags,
  ifIndexOf,
  SKIP,
  Veth,
} from "./_net.ts";

announceSkip("tests/capture/veth_test.ts");

const PACKET_HOST = 0;
const PACKET_OTHERHOST = 3;
const PACKET_OUTGOING = 4;
const IFF_PROMISC = 0x100;

type Capture = ReturnType<typeof openCapture>;

/** Waits for exactly `n` packets (copies), failing after 5 s instead of hanging. */
async function collect(cap: Capture, n: number): Promise<Packet[]> {
  const got: Packet[] = [];
  await guard(cap.loop((f: Frame) => got.push(f.copy()), { count: n }), 5000, `${n} packets`);
  return got;
}

/** Asserts nothing more arrives within a short wait (no duplicates, no strays). */
async function assertQuiet(cap: Capture): Promise<void> {
  const extra: Packet[] = [];
  await cap.dispatch((f) => extra.push(f.copy()), { timeoutMs: 60 });
  assert.deepEqual(extra.map((p) => p.data.length), [], "unexpected extra packets");
}

function ethertypeFilter(type: number) {
  return [
    { code: 0x28, jt: 0, jf: 0, k: 12 }, // ldh [12]
    { code: 0x15, jt: 0, jf: 1, k: type }, // jeq #type
    { code: 0x06, jt: 0, jf: 0, k: 262144 }, // ret #262144
    { code: 0x06, jt: 0, jf: 0, k: 0 }, // ret #0
  ];
}

for (const backend of backends) {
  for (const immediate of [false, true]) {
    const ring = immediate ? "V2" : "V3";
    const base: CaptureOptions = { backend, immediate };
    Deno.test({
      name:
        `Capture on a veth pair (${backend}, ${ring}): bytes, VLAN, snaplen, promisc, direction, filter, drops`,
      ignore: SKIP !== undefined,
      async fn(t) {
        if (backend === "shim") await ensureShim();
        const veth = Veth.create(`${backend[0]}${immediate ? 2 : 3}`);
        try {
          using tx = openCapture(veth.b, { ...base, promiscuous: false });

          await t.step("every injected frame arrives once, byte for byte", async () => {
            using rx = openCapture(veth.a, base);
            assert.equal(rx.ringVersion, immediate ? 2 : 3);
            assert.equal(rx.backend, backend);
            assert.equal(rx.linkType, 1);
            assert.equal(rx.ifIndex, ifIndexOf(veth.a));
            const sizes = [60, 61, 64, 100, 127, 128, 255, 500, 1000, 1499, 1514, 60];
            const frames = sizes.map((len, i) =>
              ethFrame(i % 3 === 0 ? FOREIGN_MAC : veth.macA, veth.macB, len, i)
            );
            for (const f of frames) assert.equal(tx.send(f), f.length);
            const got = await collect(rx, frames.length);
            assert.deepEqual(got.map((p) => p.data), frames);
            got.forEach((p, i) => {
              assert.equal(p.wireLen, sizes[i]);
              assert.equal(p.ifIndex, rx.ifIndex);
              assert.equal(p.pktType, i % 3 === 0 ? PACKET_OTHERHOST : PACKET_HOST);
              assert.equal(p.protocol, ETHERTYPE_TEST);
              assert.equal(p.vlanTci, -1);
              assert.equal(p.nsec % 1000, 0, "micro precision rounds nanoseconds");
            });
            await assertQuiet(rx);
            const stats = rx.stats();
            assert.equal(stats.received, frames.length);
            assert.equal(stats.dropped, 0);
          });

          await t.step("VLAN tags stripped by the kernel are written back", async () => {
            using rx = openCapture(veth.a, { ...base, timestampPrecision: "nano" });
            const frames = [
              ethFrame(veth.macA, veth.macB, 100, 1, { vlan: { tpid: 0x8100, tci: 0x2005 } }),
              ethFrame(veth.macA, veth.macB, 64, 2, { vlan: { tpid: 0x88a8, tci: 0x0064 } }),
              ethFrame(veth.macA, veth.macB, 1518, 3, { vlan: { tpid: 0x8100, tci: 0xefff } }),
            ];
            // QinQ: the outer 802.1ad tag is stripped, the inner 802.1Q one stays in the data.
            const qinq = ethFrame(veth.macA, veth.macB, 90, 4, { vlan: { tpid: 0x8100, tci: 7 } });
            const outer = new Uint8Array(94);
            outer.set(qinq.subarray(0, 12));
            outer.set([0x88, 0xa8, 0x00, 0x2a], 12);
            outer.set(qinq.subarray(12), 16);
            frames.push(outer);
            for (const f of frames) tx.send(f);
            const got = await collect(rx, frames.length);
            assert.deepEqual(got.map((p) => p.data), frames);
            assert.deepEqual(got.map((p) => [p.vlanTpid, p.vlanTci, p.wireLen]), [
              [0x8100, 0x2005, 100],
              [0x88a8, 0x0064, 64],
              [0x8100, 0xefff, 1518],
              [0x88a8, 0x002a, 94],
            ]);
            // Nano precision keeps the kernel's nanoseconds (four multiples of 1000: 1 in 10^12).
            assert.ok(got.some((p) => p.nsec % 1000 !== 0), "nanosecond timestamps");
            await assertQuiet(rx);
          });

          await t.step("snapLen keeps the first bytes and the wire length", async () => {
            using rx = openCapture(veth.a, { ...base, snapLen: 64 });
            assert.equal(rx.snapLen, 64);
            const frames = [
              ethFrame(veth.macA, veth.macB, 60, 1),
              ethFrame(veth.macA, veth.macB, 64, 2),
              ethFrame(veth.macA, veth.macB, 65, 3),
              ethFrame(veth.macA, veth.macB, 1400, 4),
              ethFrame(veth.macA, veth.macB, 200, 5, { vlan: { tpid: 0x8100, tci: 9 } }),
            ];
            for (const f of frames) tx.send(f);
            const got = await collect(rx, frames.length);
            assert.deepEqual(got.map((p) => p.data), frames.map((f) => f.slice(0, 64)));
            assert.deepEqual(got.map((p) => p.wireLen), [60, 64, 65, 1400, 200]);
            await assertQuiet(rx);
          });

          await t.step("promiscuous mode is on while open and off after close", () => {
            assert.equal(ifFlags(veth.a) & IFF_PROMISC, 0);
            const rx = openCapture(veth.a, { ...base, promiscuous: true });
            assert.equal(ifFlags(veth.a) & IFF_PROMISC, IFF_PROMISC);
            rx.close();
            assert.equal(ifFlags(veth.a) & IFF_PROMISC, 0);
            using quiet = openCapture(veth.a, { ...base, promiscuous: false });
            assert.equal(ifFlags(veth.a) & IFF_PROMISC, 0);
            assert.ok(quiet.ifIndex > 0);
          });

          await t.step("direction in / out / inout", async () => {
            using both = openCapture(veth.b, base);
            using inOnly = openCapture(veth.b, { ...base, direction: "in" });
            using outOnly = openCapture(veth.b, { ...base, direction: "out" });
            using txA = openCapture(veth.a, { ...base, promiscuous: false });
            const fromB = [100, 101, 102].map((s) => ethFrame(veth.macA, veth.macB, 80, s));
            const fromA = [200, 201].map((s) => ethFrame(veth.macB, veth.macA, 70, s));
            for (const f of fromB) tx.send(f);
            for (const f of fromA) txA.send(f);
            const outs = await collect(outOnly, 3);
            assert.deepEqual(outs.map((p) => p.data), fromB);
            assert.ok(outs.every((p) => p.pktType === PACKET_OUTGOING));
            const ins = await collect(inOnly, 2);
            assert.deepEqual(ins.map((p) => p.data), fromA);
            assert.ok(ins.every((p) => p.pktType === PACKET_HOST));
            const all = await collect(both, 5);
            const key = (d: Uint8Array) => new DataView(d.buffer, d.byteOffset).getUint32(14);
            assert.deepEqual(all.map((p) => key(p.data)).sort(), [100, 101, 102, 200, 201]);
            await assertQuiet(outOnly);
            await assertQuiet(inOnly);
            await assertQuiet(both);
          });

          await t.step(
            "a BpfProgram filter keeps one ethertype, live and after setFilter",
            async () => {
              using rx = openCapture(veth.a, { ...base, filter: ethertypeFilter(ETHERTYPE_TEST) });
              const frames = [0, 1, 2, 3, 4, 5].map((i) =>
                ethFrame(veth.macA, veth.macB, 60 + i, i, { type: i % 2 ? 0x88b6 : ETHERTYPE_TEST })
              );
              for (const f of frames) tx.send(f);
              const got = await collect(rx, 3);
              assert.deepEqual(got.map((p) => p.data), [frames[0], frames[2], frames[4]]);
              await assertQuiet(rx);
              assert.equal(rx.stats().received, 3);
              rx.setFilter(ethertypeFilter(0x88b6));
              for (const f of frames) tx.send(f);
              const after = await collect(rx, 3);
              assert.deepEqual(after.map((p) => p.data), [frames[1], frames[3], frames[5]]);
              await assertQuiet(rx);
              assert.equal(rx.stats().received, 6);
            },
          );

          await t.step(
            "filter expressions compile for the link type; queued frames are re-filtered",
            async () => {
              using rx = openCapture(veth.a, { ...base, filter: "ether proto 0x88b5" });
              const frames = [0, 1, 2, 3, 4, 5].map((i) =>
                ethFrame(veth.macA, veth.macB, 70 + i, i, { type: i % 2 ? 0x88b6 : ETHERTYPE_TEST })
              );
              for (const f of frames) tx.send(f);
              assert.deepEqual((await collect(rx, 3)).map((p) => p.data), [
                frames[0],
                frames[2],
                frames[4],
              ]);
              await assertQuiet(rx);
              // Frames queued under a filter that accepts everything, then a narrower live filter:
              // none it rejects may come out.
              using all = openCapture(veth.a, base);
              for (const f of frames) tx.send(f);
              for (let i = 0; i < 100 && all.stats().received < frames.length; i++) {
                await new Promise((r) => setTimeout(r, 5));
              }
              all.setFilter("ether proto 0x88b6");
              const after = await collect(all, 3);
              assert.deepEqual(after.map((p) => p.data), [frames[1], frames[3], frames[5]]);
              await assertQuiet(all);
              assert.throws(() => all.setFilter("ether prot 1"), { name: "FilterSyntaxError" });
            },
          );

          await t.step("a tiny ring that is not drained reports kernel drops", async () => {
            using rx = openCapture(veth.a, { ...base, bufferSize: 4096, blockSize: 4096 });
            const sent = 60;
            for (let i = 0; i < sent; i++) tx.send(ethFrame(veth.macA, veth.macB, 200, i));
            // The counters move in softirq context: read them until all frames are accounted.
            let totals = { received: 0, dropped: 0 };
            for (let i = 0; i < 100 && totals.received < sent; i++) {
              const s = rx.stats();
              totals = { received: s.received, dropped: s.dropped };
              if (totals.received < sent) await new Promise((r) => setTimeout(r, 10));
            }
            assert.equal(totals.received, sent);
            assert.ok(totals.dropped > 0, "the kernel dropped frames");
            let delivered = 0;
            for (let i = 0; i < 100; i++) {
              const n = await rx.dispatch(() => delivered++, { timeoutMs: 40 });
              if (n === 0) break;
            }
            assert.equal(delivered + totals.dropped, sent);
            const final = rx.stats();
            assert.equal(final.dropped, totals.dropped);
            if (!immediate) assert.ok(final.freezes > 0, "the V3 queue froze");
          });
        } finally {
          veth.remove();
        }
      },
    });
  }
}
