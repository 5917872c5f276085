import assert from "node:assert/strict";
import { requestRing, ringRequest, v2Geometry, v3Geometry } from "./geometry.ts";

Deno.test("v3Geometry() tiles the buffer with whole blocks, at least one page each", () => {
  assert.deepEqual(v3Geometry(2 * 1024 * 1024, 256 * 1024, 4096), {
    blockSize: 262144,
    blockCount: 8,
    frameSize: 262144,
    frameCount: 8,
  });
  assert.deepEqual(v3Geometry(5000, 1024, 4096), {
    blockSize: 4096,
    blockCount: 2,
    frameSize: 4096,
    frameCount: 2,
  });
});

Deno.test("v2Geometry() sizes frames from snaplen, MTU and offloads as pcap-linux.c", () => {
  const base = {
    snapLen: 262144,
    bufferSize: 2 * 1024 * 1024,
    blockSize: undefined,
    pageSize: 4096,
    reserve: 4,
    cooked: false,
    mtu: 1500,
    offloads: false,
  };
  // 1500 + 18 bytes after macoff (tpacket2 hdr + sockaddr_ll + 256 headroom + reserve): 2048.
  assert.deepEqual(v2Geometry(base), {
    blockSize: 4096,
    blockCount: 512,
    frameSize: 2048,
    frameCount: 1024,
  });
  // Offloads: frames up to 65535 + 18 bytes, whole pages, one frame per block.
  const big = v2Geometry({ ...base, offloads: true });
  assert.equal(big.frameSize % 4096, 0);
  assert.equal(big.blockSize, big.frameSize);
  assert.ok(big.frameSize >= 65535 + 18);
  // A small snaplen: a power of two dividing the page.
  const small = v2Geometry({ ...base, snapLen: 96 });
  assert.equal(small.frameSize, 256); // macoff 68 + 96 = 164, aligned 176
  assert.equal(small.frameCount, 8192);
});

Deno.test("requestRing() shrinks 5% (at least one frame) per ENOMEM, whole blocks", () => {
  const asked: number[] = [];
  const got = requestRing(
    { blockSize: 4096, blockCount: 100, frameSize: 4096, frameCount: 100 },
    (g) => {
      asked.push(g.blockCount);
      return asked.length <= 3 ? -12 : 0;
    },
  );
  assert.deepEqual(asked, [100, 95, 91, 87]);
  assert.deepEqual(got, { blockSize: 4096, blockCount: 87, frameSize: 4096, frameCount: 87 });
  // Two frames per block: counts stay whole blocks.
  const pairs: number[] = [];
  requestRing({ blockSize: 8192, blockCount: 10, frameSize: 4096, frameCount: 20 }, (g) => {
    pairs.push(g.frameCount);
    return pairs.length < 3 ? -12 : 0;
  });
  assert.deepEqual(pairs, [20, 18, 16]);
  // Another errno, or ENOMEM with one block left, is returned as it is.
  assert.equal(
    requestRing({ blockSize: 4096, blockCount: 4, frameSize: 4096, frameCount: 4 }, () => -1),
    -1,
  );
  assert.equal(
    requestRing({ blockSize: 4096, blockCount: 1, frameSize: 4096, frameCount: 1 }, () => -12),
    -12,
  );
});

Deno.test("ringRequest() encodes tpacket_req3 for V3 and tpacket_req for V2", () => {
  const g = { blockSize: 4096, blockCount: 2, frameSize: 2048, frameCount: 4 };
  const v3 = new Uint32Array(ringRequest(g, true, 10).slice().buffer);
  assert.deepEqual([...v3], [4096, 2, 2048, 4, 10, 0, 0]);
  const v2 = new Uint32Array(ringRequest(g, false, 10).slice().buffer);
  assert.deepEqual([...v2], [4096, 2, 2048, 4]);
});
