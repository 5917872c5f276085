import assert from "node:assert/strict";
import {
  TP_STATUS_AVAILABLE,
  TP_STATUS_SEND_REQUEST,
  TP_STATUS_SENDING,
  TP_STATUS_WRONG_FORMAT,
  TX_DATA_OFFSET,
  TxRing,
} from "./tx.ts";

/** Plays the kernel: slot `i` gets status `st`. */
function kernel(buf: ArrayBuffer, frameSize: number, i: number, st: number): void {
  Atomics.store(new Int32Array(buf), (i * frameSize) >> 2, st);
}

Deno.test("TxRing.put() fills the head slot's length and data, then marks it SEND_REQUEST", () => {
  const buf = new ArrayBuffer(4 * 256);
  const ring = new TxRing(buf, 256, 4);
  assert.equal(ring.maxFrameLen, 256 - TX_DATA_OFFSET);
  assert.ok(ring.put(Uint8Array.of(1, 2, 3)));
  const dv = new DataView(buf);
  assert.deepEqual([dv.getUint32(0, true), dv.getUint32(4, true)], [TP_STATUS_SEND_REQUEST, 3]);
  assert.deepEqual([...new Uint8Array(buf, TX_DATA_OFFSET, 3)], [1, 2, 3]);
  assert.throws(() => ring.put(new Uint8Array(225)), {
    message: "Cannot queue frame 1: 225 bytes exceed the TX ring's frame of 224",
  });
});

Deno.test("TxRing.reap() counts slots handed back in order and stops at one in flight", () => {
  const buf = new ArrayBuffer(4 * 128);
  const ring = new TxRing(buf, 128, 4);
  for (let i = 0; i < 4; i++) assert.ok(ring.put(Uint8Array.of(i)));
  assert.equal(ring.put(Uint8Array.of(9)), false, "full");
  assert.deepEqual(ring.reap(), { sent: 0, rejectedIndex: -1 });
  kernel(buf, 128, 0, TP_STATUS_AVAILABLE);
  kernel(buf, 128, 1, TP_STATUS_SENDING);
  kernel(buf, 128, 2, TP_STATUS_AVAILABLE); // done, but after one still sending
  assert.deepEqual(ring.reap(), { sent: 1, rejectedIndex: -1 });
  assert.deepEqual([ring.inFlight, ring.free], [3, 1]);
  kernel(buf, 128, 1, TP_STATUS_AVAILABLE);
  kernel(buf, 128, 3, TP_STATUS_AVAILABLE);
  assert.deepEqual(ring.reap(), { sent: 3, rejectedIndex: -1 });
  // Wrapping: slot 0 again, frame index 4.
  assert.ok(ring.put(Uint8Array.of(4)));
  assert.ok(ring.put(Uint8Array.of(5)));
  kernel(buf, 128, 0, TP_STATUS_AVAILABLE);
  kernel(buf, 128, 1, TP_STATUS_WRONG_FORMAT);
  assert.deepEqual(ring.reap(), { sent: 1, rejectedIndex: 5 });
  assert.equal(ring.rejectedIndex, 5);
  assert.deepEqual(ring.reap(), { sent: 0, rejectedIndex: 5 }, "stays stuck");
});

Deno.test("new TxRing() refuses a buffer smaller than its slots", () => {
  assert.throws(() => new TxRing(new ArrayBuffer(1000), 256, 4), {
    message: "Cannot use the TX ring: 1000 bytes hold fewer than 4 frames of 256",
  });
});
