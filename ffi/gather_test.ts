import assert from "node:assert/strict";
import { GatherWriter, IOV_MAX } from "./gather.ts";
import { EINTR } from "./linux.ts";
import type { Backend } from "./types.ts";

/**
 * A backend whose writev takes at most `limits[k]` bytes on call k (the last limit repeats),
 * reading the pieces through their addresses as the kernel would; -EINTR where limit is -1.
 */
function shortWriter(limits: number[]): { backend: Backend; out: number[]; calls: number[] } {
  const out: number[] = [];
  const calls: number[] = [];
  const backend = {
    writev(_fd: number, iov: Uint8Array, count: number): number {
      calls.push(count);
      const limit = limits[Math.min(calls.length - 1, limits.length - 1)]!;
      if (limit === -1) return -EINTR;
      const dv = new DataView(iov.buffer, iov.byteOffset);
      let done = 0;
      for (let i = 0; i < count && done < limit; i++) {
        const base = dv.getBigUint64(i * 16, true);
        const len = Number(dv.getBigUint64(i * 16 + 8, true));
        const take = Math.min(len, limit - done);
        if (take === 0) continue;
        const view = new Deno.UnsafePointerView(Deno.UnsafePointer.create(base)!);
        for (let j = 0; j < take; j++) out.push(view.getUint8(j));
        done += take;
      }
      return done;
    },
  } as unknown as Backend;
  return { backend, out, calls };
}

Deno.test("GatherWriter writes every piece in order through short writes and EINTR", () => {
  const a = Uint8Array.from({ length: 3000 }, (_, i) => i & 0xff);
  const b = Uint8Array.from({ length: 50 }, (_, i) => 200 - i);
  const expected: number[] = [];
  const { backend, out, calls } = shortWriter([1, -1, 777, 4096]);
  const g = new GatherWriter(backend, 3, "x");
  g.source(0, a.subarray(100)); // offsets count from the view's start
  g.source(1, b);
  for (let i = 0; i < 40; i++) {
    g.add(0, i * 60, 55);
    expected.push(...a.subarray(100 + i * 60, 100 + i * 60 + 55));
    g.add(1, i, 0); // empty pieces are skipped
    g.add(1, i, 3);
    expected.push(...b.subarray(i, i + 3));
  }
  assert.equal(g.queued, 120);
  g.flush();
  assert.equal(g.queued, 0);
  assert.deepEqual(out, expected);
  assert.ok(calls.length >= 4, `calls ${calls}`);
  assert.equal(calls[0], 120);
});

Deno.test("GatherWriter writes IOV_MAX pieces per call and names the file on failure", () => {
  const { backend, calls } = shortWriter([1 << 30]);
  const g = new GatherWriter(backend, 3, "out.pcap");
  const a = new Uint8Array(8);
  g.source(0, a);
  for (let i = 0; i < IOV_MAX * 2 + 5; i++) g.add(0, 0, 8);
  g.flush();
  assert.deepEqual(calls, [IOV_MAX, IOV_MAX, 5]);
  const failing = { writev: () => -28 } as unknown as Backend;
  const f = new GatherWriter(failing, 3, "out.pcap");
  f.source(0, a);
  f.add(0, 0, 8);
  assert.throws(() => f.flush(), {
    name: "SyscallError",
    message: 'Cannot write "out.pcap": writev failed with ENOSPC (No space left on device)',
  });
  assert.equal(f.queued, 0);
});
