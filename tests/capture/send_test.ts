/**
 * The sender over a veth pair this file creates: `send()`, `sendBatch()` (sendmmsg) and the
 * TX ring (`queue()`/`flush()`) on one end, a capture on the other expecting every frame byte
 * for byte and in order, on both backends; a frame the kernel refuses in the TX ring is
 * reported with its index and the ring goes on with the frames after it; a missing or down device is one line.
 */

import assert from "node:assert/strict";
import { openCapture } from "../../capture/mod.ts";
import { openSender, TxBatch, TxRejectedError } from "../../capture/send.ts";
import type { Frame } from "../../ring/frame.ts";
import {
  announceSkip,
  backends,
  ensureShim,
  ethFrame,
  FOREIGN_MAC,
  guard,
  run,
  SKIP,
  Veth,
} from "./_net.ts";

announceSkip("tests/capture/send_test.ts");

type Capture = ReturnType<typeof openCapture>;

async function collect(cap: Capture, n: number): Promise<Uint8Array[]> {
  const got: Uint8Array[] = [];
  await guard(cap.loop((f: Frame) => got.push(f.data.slice()), { count: n }), 5000, `${n} frames`);
  return got;
}

function frames(veth: Veth, n: number, seq0: number): Uint8Array[] {
  return Array.from(
    { length: n },
    (_, i) => ethFrame(FOREIGN_MAC, veth.macA, 60 + ((i * 37) % 1440), seq0 + i),
  );
}

for (const backend of backends) {
  Deno.test({
    name: `Sender (${backend}): send, sendBatch and the TX ring deliver every frame in order`,
    ignore: SKIP !== undefined,
    async fn() {
      if (backend === "shim") await ensureShim();
      const veth = Veth.create(`s${backend[0]}`);
      try {
        using cap = openCapture(veth.b, {
          immediate: true,
          backend,
          snapLen: 2048,
          bufferSize: 8 << 20,
        });
        using tx = openSender(veth.a, { backend });
        using txr = openSender(veth.a, { backend, txRing: { frames: 64 } });
        assert.deepEqual([tx.mtu, tx.txRing, txr.txRing, txr.slotLen], [1500, false, true, 2016]);
        // send(2)
        const one = frames(veth, 3, 0);
        for (const f of one) assert.equal(tx.send(f), f.length);
        assert.deepEqual(await collect(cap, 3), one);
        // sendmmsg(2): 300 frames, more than one kernel call's 256
        const batch = new TxBatch(300);
        const many = frames(veth, 300, 1000);
        for (const f of many) assert.ok(batch.add(f));
        const got = collect(cap, 300);
        assert.equal(tx.sendBatch(batch), 300);
        assert.deepEqual(await got, many);
        // TX ring: 150 frames through 64 slots
        const ring = frames(veth, 150, 5000);
        const arrived = collect(cap, 150);
        let sent = 0;
        for (const f of ring) {
          if (!txr.queue(f)) {
            sent += txr.flush();
            assert.ok(txr.queue(f));
          }
        }
        sent += txr.flush();
        assert.equal(sent, 150);
        assert.deepEqual(await arrived, ring);
        // A batch and a single send on the ring socket go through the ring too.
        const arrived2 = collect(cap, 301);
        assert.equal(txr.sendBatch(batch), 300);
        assert.equal(txr.send(one[0]!), 60);
        assert.deepEqual(await arrived2, [...many, one[0]!]);
      } finally {
        veth.remove();
      }
    },
  });

  Deno.test({
    name:
      `Sender (${backend}): a frame the TX ring refuses is reported with its index and the ring goes on`,
    ignore: SKIP !== undefined,
    async fn() {
      if (backend === "shim") await ensureShim();
      const veth = Veth.create(`r${backend[0]}`);
      try {
        using cap = openCapture(veth.b, {
          immediate: true,
          backend,
          snapLen: 4096,
          bufferSize: 8 << 20,
        });
        using tx = openSender(veth.a, { backend, txRing: { frames: 16, maxFrameLen: 4000 } });
        const good = frames(veth, 45, 0);
        const big = (seq: number) => ethFrame(FOREIGN_MAC, veth.macA, 3000, seq);
        const refused = (index: number, pending: number) => (e: unknown) => {
          assert.ok(e instanceof TxRejectedError);
          assert.deepEqual([e.index, e.pending, e.errno], [index, pending, 90]);
          assert.match(
            e.message,
            new RegExp(
              `^Cannot send frame ${index} on "tpk\\w+": the kernel refused it \\(EMSGSIZE`,
            ),
          );
          return true;
        };
        for (const f of [good[0]!, good[1]!, good[2]!, big(99), good[3]!, good[4]!]) {
          assert.ok(tx.queue(f));
        }
        assert.throws(() => tx.flush(), refused(3, 2));
        // The frames after the refused one are still queued; the next flush sends them and
        // counts the three sent before the refusal too.
        assert.equal(tx.flush(), 5);
        // Two refused in a row, then 40 good frames wrapping the 16 slots more than twice.
        for (const f of [big(100), big(101), good[5]!]) assert.ok(tx.queue(f));
        assert.throws(() => tx.flush(), refused(6, 2));
        assert.throws(() => tx.flush(), refused(7, 1));
        let sent = tx.flush();
        for (const f of good.slice(6)) {
          if (!tx.queue(f)) {
            sent += tx.flush();
            assert.ok(tx.queue(f));
          }
        }
        sent += tx.flush();
        assert.equal(sent, 40);
        assert.equal(tx.sentBytes, good.reduce((n, f) => n + f.length, 0));
        assert.deepEqual(await collect(cap, 45), good);
        // The same through queueBatch (the shim copies a batch with one call): 20 frames into
        // 16 slots, one refused among them; a frame longer than a slot is a RangeError.
        const batch = new TxBatch(21, 21 * 4096);
        const more = frames(veth, 19, 100);
        for (const f of [...more.slice(0, 5), big(102), ...more.slice(5)]) assert.ok(batch.add(f));
        const arrived = collect(cap, 19);
        assert.equal(tx.queueBatch(batch), 16);
        assert.throws(() => tx.flush(), refused(5 + 45 + 3, 10));
        assert.equal(tx.flush(), 15);
        assert.equal(tx.queueBatch(batch, 16), 4);
        assert.equal(tx.flush(), 4);
        assert.deepEqual(await arrived, more);
        const huge = new TxBatch(2, 10000);
        huge.add(more[0]!);
        huge.add(new Uint8Array(5000));
        assert.throws(() => tx.queueBatch(huge), {
          name: "RangeError",
          message: "Cannot queue frame 69: 5000 bytes exceed the TX ring's frame of 4064",
        });
        assert.equal(tx.flush(), 1, "the frame before the long one was queued");
        assert.deepEqual(await collect(cap, 1), [more[0]!]);
        const extra: Uint8Array[] = [];
        await cap.dispatch((f) => extra.push(f.data.slice()), { timeoutMs: 50 });
        assert.deepEqual(extra, [], "no refused frame went out");
      } finally {
        veth.remove();
      }
    },
  });
}

Deno.test({
  name: "openSender() names a missing or down device in one line; qdiscBypass still delivers",
  ignore: SKIP !== undefined,
  async fn() {
    assert.throws(() => openSender("tpknosuch0"), {
      name: "SyscallError",
      message: 'Cannot open "tpknosuch0" for sending: no such device',
    });
    const veth = Veth.create("d");
    try {
      using cap = openCapture(veth.b, { immediate: true });
      {
        using tx = openSender(veth.a, { qdiscBypass: true });
        const f = frames(veth, 2, 0);
        const batch = new TxBatch(2);
        f.forEach((x) => batch.add(x));
        assert.equal(tx.sendBatch(batch), 2);
        assert.deepEqual(await collect(cap, 2), f);
      }
      run("ip", "link", "set", veth.a, "down");
      assert.throws(() => openSender(veth.a), {
        name: "SyscallError",
        message: `Cannot open "${veth.a}" for sending: the interface is down`,
      });
    } finally {
      veth.remove();
    }
  },
});
