/**
 * The shim's V3 block walker (`pk_walk_v3`), its wait-and-walk (`pk_take_v3`, through
 * `V3Ring.waitBatch`) and its walk for `dispatch` (`pk_walk_v3_frames`) against the
 * TypeScript walker they stand in for:
 * the same rings walked each way must give the same batches, counters and ring bytes, on
 * well-formed blocks (VLAN tags, directions, loopback copies, snaplen, both precisions), on
 * blocks a `dispatch` started, and on randomly corrupted memory.
 */

import assert from "node:assert/strict";
import { buildShim } from "./build.ts";
import { loadBackend } from "./backend.ts";
import type { Backend } from "./types.ts";
import type { Frame, FrameOptions } from "../ring/frame.ts";
import { PACKET_HOST, PACKET_MULTICAST, PACKET_OUTGOING } from "../ring/layout.ts";
import { type BlockTaker, TAKE_NONE, V3Ring } from "../ring/ring.ts";
import { buildV3Ring, type TestBlock, type TestFrame } from "../ring/_synthetic.ts";
import { prng } from "../tests/_prng.ts";

const BLOCK = 8192;
const BLOCKS = 3;
const LOOPBACK = 1;

let shim: Backend | undefined;
async function walker() {
  if (shim === undefined) {
    assert.notEqual(await buildShim({ quiet: false }), "no-cc", "the shim needs a C compiler");
    shim = loadBackend("shim");
  }
  assert.ok(shim.walkV3 !== undefined, "the shim has pk_walk_v3");
  assert.ok(shim.takeV3 !== undefined, "the shim has pk_take_v3");
  assert.ok(shim.walkV3Frames !== undefined, "the shim has pk_walk_v3_frames");
  return shim.walkV3;
}

function options(over: Partial<FrameOptions> = {}): FrameOptions {
  return {
    snapLen: 262144,
    direction: "inout",
    loopbackIfIndex: LOOPBACK,
    cooked: "none",
    reserve: 4,
    nanoseconds: true,
    ...over,
  };
}

/** A random Ethernet frame: sizes from runts to a few hundred bytes, some tagged, some sent. */
function randomFrame(rand: () => number, n: number): TestFrame {
  const len = 14 + Math.floor(rand() * 400);
  const data = Uint8Array.from({ length: len }, (_, i) => (n * 7 + i * 13) & 0xff);
  data.set([8, 0], 12);
  const f: TestFrame = { data, nsec: Math.floor(rand() * 1e9), sec: 1_700_000_000 + n };
  const r = rand();
  if (r < 0.2) f.vlanTci = Math.floor(rand() * 0x10000);
  else if (r < 0.3) {
    f.vlanTci = Math.floor(rand() * 0x10000);
    f.vlanTpid = 0x88a8;
  }
  const p = rand();
  f.pktType = p < 0.2 ? PACKET_OUTGOING : p < 0.3 ? PACKET_MULTICAST : PACKET_HOST;
  f.ifIndex = rand() < 0.5 ? LOOPBACK : 2;
  if (rand() < 0.15) f.snapLen = Math.floor(rand() * len);
  if (rand() < 0.1) f.wireLen = len + Math.floor(rand() * 1000);
  return f;
}

function randomBlocks(rand: () => number, lies = 0): TestBlock[] {
  return Array.from({ length: BLOCKS }, (_, b) => ({
    frames: Array.from({ length: Math.floor(rand() * 20) }, (_, i) => {
      const f = randomFrame(rand, b * 100 + i);
      // A header that lies: a next offset on or off the 8-byte grid, or a tp_mac near the header.
      if (rand() < lies) f.nextOffset = Math.floor(rand() * 80) * (rand() < 0.8 ? 8 : 3);
      if (rand() < lies / 2) f.mac = 60 + Math.floor(rand() * 40);
      return f;
    }),
  }));
}

/** Two eventfds nobody signals: the "socket" and the eventfd of `waitBatch`'s polls. */
let quiet: [number, number] | undefined;
function quietFds(b: Backend): [number, number] {
  return quiet ??= [b.eventfd(), b.eventfd()];
}

/**
 * Walks a ring the way a capture may: part of a block by dispatch, then whole batches, by
 * `nextBatch` or, with `fds`, by `waitBatch` (which must find every block ready without a
 * poll, and give each batch's bytes and ready time as the batch and `readyAtMs` say).
 */
function walk(ring: V3Ring, first: number, fds?: [number, number]): unknown[] {
  const out: unknown[] = [];
  if (first > 0) out.push(["dispatched", ring.dispatch((f) => out.push([...f.data]), first)]);
  for (let b = 0; b < BLOCKS; b++) {
    const at = ring.readyAtMs();
    const batch = fds === undefined ? ring.nextBatch() : ring.waitBatch(fds[0], fds[1], 0);
    if (fds !== undefined && batch !== undefined) {
      assert.equal(ring.polled, -1, "a ready block is taken without a poll");
      {
        assert.equal(ring.takenBytes, batch.capLens.reduce((n, c) => n + c, 0), "its bytes");
        assert.ok(Object.is(ring.takenAtMs, at), "its ready time");
      }
    }
    if (batch === undefined) {
      out.push("none");
      continue;
    }
    const cols = [batch.offsets, batch.capLens, batch.wireLens, batch.secs, batch.nsecs];
    out.push([batch.count, ...cols.map((c) => [...c])]);
    for (let i = 0; i < batch.count; i++) {
      out.push([...batch.bytes.subarray(batch.offsets[i]!, batch.offsets[i]! + batch.capLens[i]!)]);
    }
    batch.release();
  }
  out.push({ ...ring.counters });
  return out;
}

/** Both walkers over two copies of `buffer`: same results and same ring bytes afterwards. */
function same(
  w: NonNullable<Backend["walkV3"]>,
  buffer: ArrayBuffer,
  opts: FrameOptions,
  first: number,
  what: string,
) {
  const a = buffer.slice(0);
  const b = buffer.slice(0);
  const c = buffer.slice(0);
  const js = walk(new V3Ring(a, BLOCK, BLOCKS, opts), first);
  const native = walk(new V3Ring(b, BLOCK, BLOCKS, opts, w), first);
  assert.deepEqual(native, js, what);
  assert.deepEqual(new Uint8Array(b), new Uint8Array(a), `${what}: ring bytes`);
  const taken = walk(new V3Ring(c, BLOCK, BLOCKS, opts, w, counted), first, quietFds(shim!));
  assert.deepEqual(taken, js, `${what}: waitBatch`);
  assert.deepEqual(new Uint8Array(c), new Uint8Array(a), `${what}: waitBatch's ring bytes`);
}

/**
 * Reads a ring through `dispatch` in slices of random sizes (0: all that is ready), as a
 * capture's `loop()` does: each call's count and every frame's fields and bytes. With `mix`,
 * now and then the rest of a block by `nextBatch` too, and then only what does not depend on
 * which read took a frame: the frames (those `accept` keeps) in order, their batch fields and
 * bytes. (A native walk closes a block after its last listed frame; the TypeScript one only
 * once it walked the frames after it that the direction skips, so a batch of none may come
 * between.)
 */
function dispatchAll(
  ring: V3Ring,
  rand: () => number,
  accept: ((f: Frame) => boolean) | undefined,
  mix: boolean,
): unknown[] {
  const out: unknown[] = [];
  for (let turn = 0; turn < 200; turn++) {
    if (mix && rand() < 0.15) {
      const batch = ring.nextBatch();
      if (batch === undefined) break;
      for (let i = 0; i < batch.count; i++) {
        const at = batch.offsets[i]!;
        const data = batch.bytes.subarray(at, at + batch.capLens[i]!);
        if (accept !== undefined && batch.wireLens[i]! % 5 === 0) continue;
        out.push([[...data], batch.wireLens[i], batch.secs[i], batch.nsecs[i]]);
      }
      batch.release();
      continue;
    }
    const max = rand() < 0.3 ? 0 : 1 + Math.floor(rand() * 7);
    const n = ring.dispatch(
      (f) => {
        out.push([[...f.data], f.wireLen, f.sec, f.nsec]);
        if (mix) return;
        const { capLen, ifIndex, linkType, pktType, protocol, vlanTci, vlanTpid } = f;
        out.push([capLen, ifIndex, linkType, pktType, protocol, vlanTci, vlanTpid]);
      },
      max,
      accept,
    );
    if (!mix) out.push(n);
    if (n === 0 && !ring.ready) break;
  }
  const { rejected, ...counters } = ring.counters;
  out.push(mix ? counters : { rejected, ...counters });
  return out;
}

Deno.test("pk_walk_v3_frames gives dispatch() the frames of the TypeScript walker, field for field", async () => {
  const w = await walker();
  const frames = shim!.walkV3Frames!;
  const rand = prng(31);
  let corrupt = 0;
  for (let round = 0; round < 400; round++) {
    const buffer = buildV3Ring(BLOCK, BLOCKS, randomBlocks(rand, round % 3 === 2 ? 0.1 : 0));
    if (round % 3 === 2) {
      const bytes = new Uint8Array(buffer);
      for (let i = 0; i < 4; i++) {
        const at = Math.floor(rand() * BLOCKS) * BLOCK + 48 + Math.floor(rand() * 600);
        if ((at % BLOCK) < 8 || (at % BLOCK) >= 12) bytes[at] = Math.floor(rand() * 256);
      }
    }
    const opts = options({
      direction: (["in", "out", "inout"] as const)[round % 3]!,
      nanoseconds: round % 2 === 0,
      snapLen: round % 5 === 0 ? 1 + Math.floor(rand() * 300) : 262144,
    });
    const accept = round % 4 < 2 ? undefined : (f: Frame) => f.wireLen % 5 !== 0;
    const mix = round % 2 === 1;
    const seed = Math.floor(rand() * 1e9);
    const a = buffer.slice(0);
    const b = buffer.slice(0);
    const js = new V3Ring(a, BLOCK, BLOCKS, opts);
    const want = dispatchAll(js, prng(seed), accept, mix);
    corrupt += js.counters.corrupt;
    const native = new V3Ring(b, BLOCK, BLOCKS, opts, w, undefined, frames);
    assert.deepEqual(dispatchAll(native, prng(seed), accept, mix), want, `round ${round}`);
    assert.deepEqual(new Uint8Array(b), new Uint8Array(a), `round ${round}: ring bytes`);
  }
  assert.ok(corrupt > 20, `corrupt frames met: ${corrupt}`);
});

/** Calls of the shim's pk_take_v3 so far, and those that walked a block. */
const takes = { calls: 0, walked: 0 };
const counted: BlockTaker = (ctx, block, columns, room, timeoutMs) => {
  const r = shim!.takeV3!(ctx, block, columns, room, timeoutMs);
  takes.calls++;
  if (r !== TAKE_NONE) takes.walked++;
  return r;
};

Deno.test("pk_walk_v3 lists well-formed V3 blocks exactly as the TypeScript walker", async () => {
  const w = await walker();
  const rand = prng(9);
  let frames = 0;
  for (let round = 0; round < 200; round++) {
    const blocks = randomBlocks(rand);
    frames += blocks.reduce((n, b) => n + b.frames.length, 0);
    const buffer = buildV3Ring(BLOCK, BLOCKS, blocks);
    const direction = (["in", "out", "inout"] as const)[round % 3]!;
    const opts = options({
      direction,
      nanoseconds: round % 2 === 0,
      snapLen: round % 5 === 0 ? 1 + Math.floor(rand() * 300) : 262144,
      loopbackIfIndex: round % 7 === 0 ? 0 : LOOPBACK,
    });
    same(w, buffer, opts, round % 4 === 0 ? 1 + Math.floor(rand() * 5) : 0, `round ${round}`);
  }
  assert.ok(frames > 1000, "enough frames walked");
  assert.ok(takes.walked > 200, `pk_take_v3 walked blocks itself: ${JSON.stringify(takes)}`);
});

Deno.test("pk_walk_v3 handles corrupt V3 blocks exactly as the TypeScript walker", async () => {
  const w = await walker();
  const rand = prng(77);
  let corrupt = 0;
  for (let round = 0; round < 400; round++) {
    const buffer = buildV3Ring(BLOCK, BLOCKS, randomBlocks(rand, round % 2 ? 0.1 : 0));
    const bytes = new Uint8Array(buffer);
    for (let i = 0; i < 1 + Math.floor(rand() * 12); i++) {
      // Mostly frame headers near each block's start, some anywhere.
      const base = Math.floor(rand() * BLOCKS) * BLOCK;
      const at = rand() < 0.8
        ? base + 48 + Math.floor(rand() * 600)
        : Math.floor(rand() * bytes.length);
      if ((at % BLOCK) >= 8 && (at % BLOCK) < 12) continue; // block_status stays "user"
      bytes[at] = Math.floor(rand() * 256);
    }
    const opts = options({ nanoseconds: round % 2 === 0, direction: round % 3 ? "inout" : "in" });
    const js = new V3Ring(buffer.slice(0), BLOCK, BLOCKS, opts);
    walk(js, 0);
    corrupt += js.counters.corrupt;
    same(w, buffer, opts, round % 5 === 0 ? 2 : 0, `round ${round}`);
  }
  assert.ok(corrupt > 100, `corrupt frames met: ${corrupt}`);
});

Deno.test("V3Ring leaves cooked frames to the TypeScript walker even with a native one", async () => {
  const w = await walker();
  const rand = prng(5);
  for (const cooked of ["sll", "sll2"] as const) {
    const blocks = Array.from({ length: BLOCKS }, (_, b) => ({
      frames: Array.from({ length: 5 }, (_, i): TestFrame => ({
        data: Uint8Array.from({ length: 40 + i }, () => Math.floor(rand() * 256)),
        ...(i === 2 ? { vlanTci: 5 } : {}),
        ifIndex: 2,
        sec: b,
      })),
    }));
    const buffer = buildV3Ring(BLOCK, BLOCKS, blocks, { cooked: true });
    same(w, buffer, options({ cooked }), 0, cooked);
  }
});

Deno.test("pk_take_v3 waits for a block that is not ready and walks none after news from the eventfd", async () => {
  const w = await walker();
  const b = shim!;
  const blocks = [{ frames: [{ data: new Uint8Array(60).fill(7) }] }, { frames: [] }, {
    frames: [],
  }];
  const buffer = buildV3Ring(BLOCK, BLOCKS, blocks);
  const status = new Uint32Array(buffer, 8, 1); // block 0's block_status
  status[0] = 0; // TP_STATUS_KERNEL: still the kernel's
  const ring = new V3Ring(buffer, BLOCK, BLOCKS, options(), w, b.takeV3);
  assert.ok(ring.canTake && ring.takable);
  const [fd, efd] = [b.eventfd(), b.eventfd()];
  try {
    // A poll that times out: no batch, pk_poll's 0.
    assert.equal(ring.waitBatch(fd, efd, 0), undefined);
    assert.equal(ring.polled, 0);
    const t0 = performance.now();
    assert.equal(ring.waitBatch(fd, efd, 30), undefined);
    assert.ok(performance.now() - t0 >= 25, "it waited in poll");
    assert.equal(ring.polled, 0);
    // Its clock reading, at the end of the call: the shim's monotonic clock.
    const took = ring.tookMs;
    assert.ok(took <= b.monotonicMs!() && took > b.monotonicMs!() - 20, `clock ${took}`);
    // The eventfd's news comes back first, the block untouched.
    b.eventfdSignal(efd);
    assert.equal(ring.waitBatch(fd, efd, 1000), undefined);
    assert.notEqual(ring.polled >>> 16, 0, "the eventfd's revents");
    b.eventfdDrain(efd);
    // The socket readable but its block not handed over yet: nothing walked.
    b.eventfdSignal(fd);
    assert.equal(ring.waitBatch(fd, efd, 1000), undefined);
    assert.equal(ring.polled, 1, "POLLIN on the socket");
    assert.equal(ring.counters.blocks, 0);
    // Handed over: taken without a poll, the columns exact.
    status[0] = 1; // TP_STATUS_USER
    const first = ring.waitBatch(fd, efd, 1000)!;
    assert.equal(ring.polled, -1);
    assert.equal(first.count, 1);
    assert.equal(ring.takenBytes, 60);
    assert.deepEqual([...first.bytes.subarray(first.offsets[0]!, first.offsets[0]! + 60)], [
      ...new Uint8Array(60).fill(7),
    ]);
    // The cursor's block is held until the release: no wait of waitBatch's own for it.
    assert.equal(ring.takable, true, "the cursor moved on to block 1");
    first.release();
    assert.equal(ring.counters.blocks, 1);
  } finally {
    b.close(fd);
    b.close(efd);
  }
});
