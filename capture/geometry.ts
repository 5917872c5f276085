/**
 * Ring geometry, pure: the V3 block layout and the V2 frame size as
 * pcap-linux.c computes them (MTU and offloads passed in), and the
 * `PACKET_RX_RING` request with libpcap's shrink-and-retry on `ENOMEM`.
 *
 * @module
 */

import { ENOMEM } from "../ffi/linux.ts";
import { TPACKET2_HDRLEN, tpacketAlign } from "../ring/layout.ts";

/** A ring layout: `blockCount` blocks of `blockSize` bytes, tiled by frames of `frameSize`. */
export interface Geometry {
  /** Bytes per block (a whole number of pages). */
  blockSize: number;
  /** Blocks in the ring. */
  blockCount: number;
  /** Bytes per frame (V3: the block size, one "frame" per block, as libpcap asks). */
  frameSize: number;
  /** Frames in the ring. */
  frameCount: number;
}

/** pcap-linux.c: headroom the kernel may leave for a `SOCK_RAW` link-layer header. */
export const MAX_LINKHEADER_SIZE = 256;

function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** V3: one "frame" per block, as libpcap; the block holds many variable-size frames. */
export function v3Geometry(
  bufferSize: number,
  blockSize: number,
  pageSize: number,
): Geometry {
  const size = Math.max(blockSize, pageSize);
  const blockCount = Math.max(1, Math.ceil(bufferSize / size));
  return { blockSize: size, blockCount, frameSize: size, frameCount: blockCount };
}

/** What the V2 frame size depends on. */
export interface V2GeometryInput {
  /** Bytes kept per packet. */
  snapLen: number;
  /** Ring size asked for, in bytes. */
  bufferSize: number;
  /** Block size asked for, or `undefined` for one page. */
  blockSize: number | undefined;
  /** The system's page size. */
  pageSize: number;
  /** `PACKET_RESERVE` headroom in bytes. */
  reserve: number;
  /** A cooked (`SOCK_DGRAM`) socket: no link-layer header in the frame. */
  cooked: boolean;
  /** The Ethernet device's MTU, or `undefined` for other link types and `"any"`. */
  mtu: number | undefined;
  /** TSO, GSO, GRO or LRO is on (frames up to 64 KiB). */
  offloads: boolean;
}

/**
 * V2: frame size from the snaplen as pcap-linux.c computes it (capped by
 * MTU + 18, or 65535 + 18 when the NIC offloads segmentation; other link
 * types by 65536 + 18, the loopback MTU, where libpcap keeps the whole
 * snaplen and gets a handful of frames). Frames must tile the mapping with no
 * gap: small frames are a power of two dividing the page, large ones a whole
 * number of pages with one frame per block (blocks need only be page-aligned).
 */
export function v2Geometry(i: V2GeometryInput): Geometry {
  let frameLen = Math.min(i.snapLen, 65536 + 18);
  if (i.mtu !== undefined) {
    const maxFrame = (i.offloads ? Math.max(i.mtu, 65535) : i.mtu) + 18;
    frameLen = Math.min(i.snapLen, maxFrame);
  }
  const maclen = i.cooked ? 0 : MAX_LINKHEADER_SIZE;
  const netoff = tpacketAlign(TPACKET2_HDRLEN + Math.max(maclen, 16)) + i.reserve;
  const macoff = netoff - maclen;
  const needed = tpacketAlign(macoff + frameLen);
  let frameSize: number;
  let blockSize: number;
  if (needed <= i.pageSize) {
    frameSize = nextPow2(needed);
    blockSize = Math.max(i.blockSize ?? i.pageSize, i.pageSize);
  } else {
    frameSize = Math.ceil(needed / i.pageSize) * i.pageSize;
    blockSize = frameSize;
  }
  const perBlock = blockSize / frameSize;
  const frames = Math.ceil(i.bufferSize / frameSize);
  const blockCount = Math.max(1, Math.floor(frames / perBlock));
  return { blockSize, blockCount, frameSize, frameCount: blockCount * perBlock };
}

/**
 * Encodes `struct tpacket_req3` (V3, 28 bytes) or `struct tpacket_req` (V2, its
 * first 16 bytes) for `PACKET_RX_RING`.
 */
export function ringRequest(g: Geometry, v3: boolean, blockTimeoutMs: number): Uint8Array {
  const req = new Uint32Array([g.blockSize, g.blockCount, g.frameSize, g.frameCount, 0, 0, 0]);
  if (v3) req[4] = blockTimeoutMs;
  return new Uint8Array(req.buffer, 0, v3 ? 28 : 16);
}

/**
 * libpcap's `create_ring` retry: asks for `g` through `request` (which returns
 * 0 or -errno); on `ENOMEM` asks for 5% fewer frames (at least one fewer) and
 * tries again while more than one block is left.
 *
 * @returns The geometry the kernel took, or the last -errno it refused with.
 */
export function requestRing(
  g: Geometry,
  request: (g: Geometry) => number,
): Geometry | number {
  const perBlock = g.frameSize === 0 ? 1 : g.blockSize / g.frameSize;
  let frameCount = g.frameCount;
  for (;;) {
    const blockCount = Math.floor(frameCount / perBlock);
    frameCount = blockCount * perBlock;
    const tried = { ...g, blockCount, frameCount };
    const r = request(tried);
    if (r === 0) return tried;
    if (r === -ENOMEM && blockCount > 1) {
      frameCount -= frameCount < 20 ? 1 : Math.floor(frameCount / 20);
      continue;
    }
    return r;
  }
}
