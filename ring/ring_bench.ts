// deno bench ring/ring_bench.ts — the per-packet hot path with no kernel: a ring built like the
// kernel's, walked whole per iteration. frames/s = (frames per iteration, in the name) × iter/s.
import type { FrameOptions } from "./frame.ts";
import { BLOCK_DESC, TP2, TP_STATUS_USER } from "./layout.ts";
import { V2Ring, V3Ring } from "./ring.ts";
import { buildV2Ring, buildV3Ring, macOffset, type TestFrame } from "./_synthetic.ts";
import { TPACKET3_HDRLEN } from "./layout.ts";

const BLOCK_SIZE = 1 << 20;
const BLOCKS = 4;
const FRAME_SIZE = 2048;
const OPTS: FrameOptions = {
  snapLen: 262144,
  direction: "inout",
  loopbackIfIndex: 1,
  cooked: "none",
  reserve: 4,
  nanoseconds: false,
};

function frame(len: number, n: number): TestFrame {
  const data = new Uint8Array(len);
  data.set([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0]);
  data[14] = n & 0xff;
  return { data, sec: 1700000000 + n, nsec: n * 1000, ifIndex: 2 };
}

function v3(len: number) {
  const per = Math.floor(
    (BLOCK_SIZE - BLOCK_DESC.SIZE - 8) / (Math.ceil((macOffset(TPACKET3_HDRLEN) + len) / 8) * 8),
  );
  const blocks = Array.from({ length: BLOCKS }, (_, b) => ({
    frames: Array.from({ length: per }, (_, i) => frame(len, b * per + i)),
  }));
  const buffer = buildV3Ring(BLOCK_SIZE, BLOCKS, blocks);
  const u32 = new Uint32Array(buffer);
  // What the kernel does between two walks: hand every block back to user space.
  const refill = () => {
    for (let b = 0; b < BLOCKS; b++) {
      u32[(b * BLOCK_SIZE + BLOCK_DESC.BLOCK_STATUS) >>> 2] = TP_STATUS_USER;
    }
  };
  return { ring: new V3Ring(buffer, BLOCK_SIZE, BLOCKS, OPTS), refill, frames: per * BLOCKS };
}

function v2(len: number) {
  const count = (BLOCK_SIZE * BLOCKS) / FRAME_SIZE;
  const buffer = buildV2Ring(
    FRAME_SIZE,
    count,
    Array.from({ length: count }, (_, i) => frame(len, i)),
  );
  const u32 = new Uint32Array(buffer);
  const refill = () => {
    for (let i = 0; i < count; i++) u32[(i * FRAME_SIZE + TP2.STATUS) >>> 2] = TP_STATUS_USER;
  };
  return { ring: new V2Ring(buffer, FRAME_SIZE, count, OPTS), refill, frames: count };
}

let sink = 0;
/** Per bench: frames per walk and the time of every walk, printed as frames/s at the end. */
const rates = new Map<string, { frames: number; ms: number[] }>();
function measured(name: string, frames: number, walk: () => void): [string, () => void] {
  name = `${name} (${frames} frames/iter)`;
  const r = { frames, ms: [] as number[] };
  rates.set(name, r);
  return [name, () => {
    const t0 = performance.now();
    walk();
    r.ms.push(performance.now() - t0);
  }];
}
const touch = (f: { data: Uint8Array; wireLen: number }) => {
  sink += f.data.length + f.wireLen;
};

for (const len of [64, 1500]) {
  const a = v3(len);
  const [aName, aWalk] = measured(`V3Ring.dispatch ${len}-byte frames`, a.frames, () => {
    a.refill();
    if (a.ring.dispatch(touch, 0) !== a.frames) throw new Error("lost frames");
  });
  Deno.bench(aName, { group: `v3-${len}`, baseline: true }, aWalk);

  const b = v3(len);
  const [bName, bWalk] = measured(`V3Ring.nextBatch ${len}-byte frames`, b.frames, () => {
    b.refill();
    let n = 0;
    for (let batch = b.ring.nextBatch(); batch; batch = b.ring.nextBatch()) {
      for (let i = 0; i < batch.count; i++) sink += batch.capLens[i]! + batch.offsets[i]!;
      n += batch.count;
      batch.release();
    }
    if (n !== b.frames) throw new Error("lost frames");
  });
  Deno.bench(bName, { group: `v3-${len}` }, bWalk);

  const c = v2(len);
  const [cName, cWalk] = measured(`V2Ring.dispatch ${len}-byte frames`, c.frames, () => {
    c.refill();
    if (c.ring.dispatch(touch, 0) !== c.frames) throw new Error("lost frames");
  });
  Deno.bench(cName, { group: `v2-${len}` }, cWalk);
}

addEventListener("unload", () => {
  if (sink < 0) console.log(sink);
  // The median walk (warm-up and noisy neighbours land in the tails).
  for (const [name, r] of rates) {
    if (r.ms.length === 0) continue;
    const median = r.ms.toSorted((x, y) => x - y)[r.ms.length >> 1]!;
    console.log(`${name}: ${Math.round(r.frames / median * 1000).toLocaleString("en")} frames/s`);
  }
});
