import assert from "node:assert/strict";
import {
  TP_STATUS_AVAILABLE,
  TP_STATUS_SEND_REQUEST,
  TP_STATUS_SENDING,
  TP_STATUS_TS_SOFTWARE,
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
  assert.deepEqual(ring.reap(), { sent: 0, bytes: 0 });
  kernel(buf, 128, 0, TP_STATUS_AVAILABLE);
  kernel(buf, 128, 1, TP_STATUS_SENDING);
  kernel(buf, 128, 2, TP_STATUS_AVAILABLE); // done, but after one still sending
  assert.deepEqual(ring.reap(), { sent: 1, bytes: 1 });
  assert.deepEqual([ring.inFlight, ring.free], [3, 1]);
  kernel(buf, 128, 1, TP_STATUS_AVAILABLE);
  kernel(buf, 128, 3, TP_STATUS_AVAILABLE | TP_STATUS_TS_SOFTWARE); // with a send timestamp
  assert.deepEqual(ring.reap(), { sent: 3, bytes: 3 });
  // Wrapping: slot 0 again, frame index 4.
  assert.ok(ring.put(Uint8Array.of(4)));
  assert.ok(ring.put(Uint8Array.of(5, 5)));
  kernel(buf, 128, 0, TP_STATUS_AVAILABLE);
  kernel(buf, 128, 1, TP_STATUS_WRONG_FORMAT);
  assert.deepEqual(ring.reap(), { sent: 1, bytes: 1 });
  assert.deepEqual(ring.reap(), { sent: 0, bytes: 0 }, "stops at the refused slot");
  assert.equal(ring.dropRejected(), 5);
  assert.equal(ring.dropRejected(), -1, "nothing refused any more");
  assert.deepEqual([ring.inFlight, ring.free], [0, 4]);
  assert.ok(ring.put(Uint8Array.of(6)), "the refused slot is the head again");
  assert.deepEqual(status(buf, 128, 4), [0, 1, 0, TP_STATUS_TS_SOFTWARE]);
});

/** Status word of each slot. */
function status(buf: ArrayBuffer, frameSize: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => new Int32Array(buf)[(i * frameSize) >> 2]!);
}

Deno.test("TxRing.dropRejected() moves the frames queued after a refused one back a slot, in order", () => {
  const buf = new ArrayBuffer(4 * 128);
  const ring = new TxRing(buf, 128, 4);
  const data = (i: number) => new Uint8Array(buf, i * 128 + TX_DATA_OFFSET, 3);
  // Slots 2, 3, 0, 1 after a wrap: frames 2..5; the kernel sent 2 and refused 3.
  for (let i = 0; i < 2; i++) assert.ok(ring.put(Uint8Array.of(i)));
  kernel(buf, 128, 0, TP_STATUS_AVAILABLE);
  kernel(buf, 128, 1, TP_STATUS_AVAILABLE);
  assert.equal(ring.reap().sent, 2);
  for (let i = 2; i < 6; i++) assert.ok(ring.put(Uint8Array.of(i, i, i).subarray(0, 1 + (i % 3))));
  kernel(buf, 128, 2, TP_STATUS_SENDING); // still being sent: left alone
  kernel(buf, 128, 3, TP_STATUS_WRONG_FORMAT);
  assert.equal(ring.dropRejected(), 3);
  assert.deepEqual(status(buf, 128, 4), [1, 0, 2, 1]);
  assert.deepEqual([data(3)[0], data(0)[0], data(0)[1]], [4, 5, 5]);
  assert.deepEqual([
    new DataView(buf).getUint32(3 * 128 + 4, true),
    new DataView(buf).getUint32(4, true),
  ], [2, 3]);
  assert.deepEqual([ring.inFlight, ring.free], [3, 1]);
  // The freed slot is the new head; the kernel refusing frame 5 (now in slot 0) maps back.
  kernel(buf, 128, 0, TP_STATUS_WRONG_FORMAT);
  assert.equal(ring.dropRejected(), 5);
  kernel(buf, 128, 2, TP_STATUS_AVAILABLE);
  kernel(buf, 128, 3, TP_STATUS_AVAILABLE);
  assert.deepEqual(ring.reap(), { sent: 2, bytes: 5 }); // frames 2 and 4
  assert.equal(ring.inFlight, 0);
});

Deno.test("new TxRing() refuses a buffer smaller than its slots", () => {
  assert.throws(() => new TxRing(new ArrayBuffer(1000), 256, 4), {
    message: "Cannot use the TX ring: 1000 bytes hold fewer than 4 frames of 256",
  });
});
