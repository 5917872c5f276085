/**
 * The shim's V3 block walker (`pk_walk_v3`) against the TypeScript walker it stands in for:
 * the same rings walked both ways must give the same batches, counters and ring bytes, on
 * well-formed blocks (VLAN tags, directions, loopback copies, snaplen, both precisions), on
 * blocks a `dispatch` started, and on randomly corrupted memory.
 */

import assert from "node:assert/strict";
import { buildShim } from "./build.ts";
import { loadBackend } from "./backend.ts";
import type { Backend } from "./types.ts";
import type { FrameOptions } from "../ring/frame.ts";
import { PACKET_HOST, PACKET_MULTICAST, PACKET_OUTGOING } from "../ring/layout.ts";
import { V3Ring } from "../ring/ring.ts";
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

/** Walks a ring the way a capture may: part of a block by dispatch, then whole batches. */
function walk(ring: V3Ring, first: number): unknown[] {
  const out: unknown[] = [];
  if (first > 0) out.push(["dispatched", ring.dispatch((f) => out.push([...f.data]), first)]);
  for (let b = 0; b < BLOCKS; b++) {
    const batch = ring.nextBatch();
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
  const js = walk(new V3Ring(a, BLOCK, BLOCKS, opts), first);
  const native = walk(new V3Ring(b, BLOCK, BLOCKS, opts, w), first);
  assert.deepEqual(native, js, what);
  assert.deepEqual(new Uint8Array(b), new Uint8Array(a), `${what}: ring bytes`);
}

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
