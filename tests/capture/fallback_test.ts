/**
 * The open sequence's two retreats, run for real: a real socket, a real ring
 * and real frames on a veth pair this file creates, with only one refusal
 * injected through the backend seam (`_wrapBackend`): PACKET_RX_RING saying
 * ENOMEM for the first N attempts (the ring must shrink the way libpcap's
 * create_ring does, 5% fewer frames per retry, one fewer below 20), and
 * PACKET_VERSION refusing TPACKET_V3 (the capture must fall back to V2, as
 * libpcap's init_tpacket does on EINVAL). Also checks the V2 ring geometry the
 * capture asks the kernel for.
 */

import assert from "node:assert/strict";
import { type CaptureOptions, openCapture, SyscallError } from "../../capture/mod.ts";
import { _wrapBackend, type Backend } from "../../ffi/backend.ts";
import {
  EINVAL,
  ENOMEM,
  ENOPROTOOPT,
  PACKET_RX_RING,
  PACKET_VERSION,
  SOL_PACKET,
} from "../../ffi/linux.ts";
import { TPACKET_V2, TPACKET_V3 } from "../../ring/layout.ts";
import type { Frame, Packet } from "../../ring/frame.ts";
import {
  announceSkip,
  backends,
  ensureShim,
  ethFrame,
  FOREIGN_MAC,
  guard,
  SKIP,
  Veth,
} from "./_net.ts";

announceSkip("tests/capture/fallback_test.ts");

const ignore = SKIP !== undefined;
const EADDRNOTAVAIL = 99; // a bind failure no other step of the open produces

type Capture = ReturnType<typeof openCapture>;

/** A `struct tpacket_req` (V2) or `tpacket_req3` (V3) the capture passed to PACKET_RX_RING. */
interface RingRequest {
  blockSize: number;
  blockNr: number;
  frameSize: number;
  frameNr: number;
  /** `tp_retire_blk_tov` (V3 only). */
  timeoutMs?: number;
  /** 16 for tpacket_req, 28 for tpacket_req3. */
  len: number;
}

/** What the capture asked the real backend during one open. */
interface Log {
  /** Every PACKET_RX_RING request, refused ones included, in order. */
  rings: RingRequest[];
  /** Every PACKET_VERSION value set, with what the call returned. */
  versions: { value: number; result: number }[];
  /** Inodes of the sockets opened (`socket:[inode]` in /proc/self/fd and maps). */
  sockets: string[];
  /** Lengths passed to mmap. */
  mmaps: number[];
  /** The real page size. */
  pageSize: number;
}

/** The refusals to inject; every other call goes to the real backend. */
interface Faults {
  /** PACKET_RX_RING answers -ENOMEM for this many attempts (Infinity: always). */
  rxRingEnomem?: number;
  /** PACKET_VERSION with TPACKET_V3 answers -errno with this errno. */
  refuseV3?: number;
  /** mmap answers -errno with this errno (after the real ring was made). */
  failMmap?: number;
  /** bind answers -errno with this errno (after the real ring was mapped). */
  failBind?: number;
}

/** The real backend, with `faults` injected and every relevant call logged. */
function faulty(real: Backend, faults: Faults, log: Log): Backend {
  let enomemLeft = faults.rxRingEnomem ?? 0;
  log.pageSize = real.pageSize();
  return {
    ...real,
    socket(domain, type, protocol) {
      const fd = real.socket(domain, type, protocol);
      if (fd >= 0) {
        log.sockets.push(/\[(\d+)\]/.exec(Deno.readLinkSync(`/proc/self/fd/${fd}`))![1]!);
      }
      return fd;
    },
    setsockopt(fd, level, name, value) {
      if (level === SOL_PACKET && name === PACKET_RX_RING) {
        const dv = new DataView(value.buffer, value.byteOffset, value.byteLength);
        log.rings.push({
          blockSize: dv.getUint32(0, true),
          blockNr: dv.getUint32(4, true),
          frameSize: dv.getUint32(8, true),
          frameNr: dv.getUint32(12, true),
          ...(value.byteLength >= 20 ? { timeoutMs: dv.getUint32(16, true) } : {}),
          len: value.byteLength,
        });
        if (enomemLeft > 0) {
          enomemLeft--;
          return -ENOMEM;
        }
      }
      return real.setsockopt(fd, level, name, value);
    },
    setsockoptInt(fd, level, name, value) {
      if (level === SOL_PACKET && name === PACKET_VERSION) {
        const result = value === TPACKET_V3 && faults.refuseV3 !== undefined
          ? -faults.refuseV3
          : real.setsockoptInt(fd, level, name, value);
        log.versions.push({ value, result });
        return result;
      }
      return real.setsockoptInt(fd, level, name, value);
    },
    mmap(fd, len) {
      log.mmaps.push(len);
      return faults.failMmap === undefined ? real.mmap(fd, len) : -faults.failMmap;
    },
    bind(fd, addr) {
      return faults.failBind === undefined ? real.bind(fd, addr) : -faults.failBind;
    },
  };
}

/** Opens a capture through the seam; the hook is set only during the (synchronous) open. */
function openFaulty(
  device: string,
  options: CaptureOptions,
  faults: Faults,
): { cap?: Capture; error?: unknown; log: Log } {
  const log: Log = { rings: [], versions: [], sockets: [], mmaps: [], pageSize: 0 };
  _wrapBackend((real) => faulty(real, faults, log));
  try {
    return { cap: openCapture(device, options), log };
  } catch (error) {
    return { error, log };
  } finally {
    _wrapBackend(undefined);
  }
}

/** libpcap's create_ring after an ENOMEM: 5% fewer frames (1 fewer below 20), whole blocks. */
function shrink(frameNr: number, perBlock: number): { blockNr: number; frameNr: number } {
  const fewer = frameNr - (frameNr < 20 ? 1 : Math.floor(frameNr / 20));
  const blockNr = Math.floor(fewer / perBlock);
  return { blockNr, frameNr: blockNr * perBlock };
}

/** Bytes this process has mapped from the socket with `inode` (0: none). */
function mappedFrom(inode: string): number {
  let bytes = 0;
  for (const line of Deno.readTextFileSync("/proc/self/maps").split("\n")) {
    if (!line.endsWith(`socket:[${inode}]`)) continue;
    const [start, end] = line.split(" ")[0]!.split("-").map((h) => parseInt(h, 16));
    bytes += end! - start!;
  }
  return bytes;
}

/** Whether any fd of this process is still the socket with `inode`. */
function socketOpen(inode: string): boolean {
  for (const e of Deno.readDirSync("/proc/self/fd")) {
    try {
      if (Deno.readLinkSync(`/proc/self/fd/${e.name}`) === `socket:[${inode}]`) return true;
    } catch { /* closed while listing */ }
  }
  return false;
}

/**
 * Sends frames of several sizes from `tx` and expects them on `rx` byte for
 * byte (cut at `rx.snapLen`), in order, and nothing else.
 */
async function assertCaptures(rx: Capture, tx: Capture, veth: Veth, seq: number): Promise<void> {
  const sizes = [60, 64, 200, 1000, 1514, 61];
  const frames = sizes.map((len, i) =>
    ethFrame(i % 2 === 0 ? veth.macA : FOREIGN_MAC, veth.macB, len, seq + i)
  );
  for (const f of frames) assert.equal(tx.send(f), f.length);
  const got: Packet[] = [];
  await guard(
    rx.loop((f: Frame) => got.push(f.copy()), { count: frames.length }),
    5000,
    `${frames.length} packets`,
  );
  assert.deepEqual(got.map((p) => p.data), frames.map((f) => f.subarray(0, rx.snapLen)));
  assert.deepEqual(got.map((p) => p.wireLen), sizes);
  const extra: number[] = [];
  await rx.dispatch((f) => extra.push(f.capLen), { timeoutMs: 60 });
  assert.deepEqual(extra, [], "unexpected extra packets");
  const stats = rx.stats();
  assert.ok(stats.blocks >= 1, `the ring walked ${stats.blocks} blocks`);
  assert.ok(stats.maxBlocksHeld >= 1, `${stats.maxBlocksHeld} blocks held at most`);
  assert.deepEqual({ ...stats, freezes: 0, blocks: 1, maxUnvisitedMs: 0, maxBlocksHeld: 1 }, {
    received: frames.length,
    dropped: 0,
    freezes: 0,
    losingBlocks: 0,
    seqGaps: 0,
    blocks: 1,
    corrupt: 0,
    rejected: 0,
    maxUnvisitedMs: 0,
    maxBlocksHeld: 1,
  });
}

for (const backend of backends) {
  Deno.test({
    name: `Capture retreats for real when the kernel refuses (${backend}): ` +
      "ENOMEM shrinks the ring as libpcap, V3 refused falls back to V2",
    ignore,
    async fn(t) {
      if (backend === "shim") await ensureShim();
      const veth = Veth.create(`f${backend[0]}`);
      try {
        using tx = openCapture(veth.b, { backend, promiscuous: false });

        await t.step("V3: three ENOMEM, the ring shrinks 100 → 95 → 91 → 87 blocks", async () => {
          const blockSize = 64 * 1024; // a multiple of any page size Linux uses
          const { cap, error, log } = openFaulty(veth.a, {
            backend,
            blockSize,
            bufferSize: 100 * blockSize,
            blockTimeoutMs: 5,
          }, { rxRingEnomem: 3 });
          assert.equal(error, undefined);
          using rx = cap!;
          assert.deepEqual(log.rings.map((r) => [r.blockNr, r.frameNr]), [
            [100, 100],
            [95, 95],
            [91, 91],
            [87, 87],
          ]);
          for (const r of log.rings) {
            // tpacket_req3: one "frame" per block as libpcap (the block holds the frames).
            assert.deepEqual(r, {
              blockSize,
              blockNr: r.blockNr,
              frameSize: blockSize,
              frameNr: r.blockNr,
              timeoutMs: 5,
              len: 28,
            });
          }
          assert.equal(rx.ringVersion, 3);
          assert.equal(rx.bufferSize, 87 * blockSize);
          // The kernel made the ring the capture reports: mapped once, whole.
          assert.deepEqual(log.mmaps, [87 * blockSize]);
          assert.equal(log.sockets.length, 1);
          assert.equal(mappedFrom(log.sockets[0]!), 87 * blockSize);
          await assertCaptures(rx, tx, veth, 100);
          rx.close();
          assert.equal(mappedFrom(log.sockets[0]!), 0);
          assert.equal(socketOpen(log.sockets[0]!), false);
        });

        await t.step("V2 (immediate): ENOMEM shrinks frames by 5% in whole blocks", async () => {
          const refusals = 3;
          const { cap, error, log } = openFaulty(veth.a, {
            backend,
            immediate: true,
            snapLen: 1600,
          }, { rxRingEnomem: refusals });
          assert.equal(error, undefined);
          using rx = cap!;
          assert.equal(log.rings.length, refusals + 1);
          const first = log.rings[0]!;
          // snapLen 1600 + 68 bytes of header room → 2048-byte frames, several per page.
          assert.equal(first.frameSize, 2048);
          assert.equal(first.blockSize, Math.max(log.pageSize, 2048));
          const perBlock = first.blockSize / first.frameSize;
          // The default 2 MiB ring: 1024 frames of 2048 bytes.
          assert.equal(first.frameNr, 1024);
          assert.equal(first.blockNr * perBlock, 1024);
          let want = { blockNr: first.blockNr, frameNr: first.frameNr };
          for (const r of log.rings.slice(1)) {
            want = shrink(want.frameNr, perBlock);
            assert.deepEqual(r, { ...first, ...want });
          }
          if (log.pageSize === 4096) {
            assert.deepEqual(log.rings.map((r) => r.frameNr), [1024, 972, 924, 878]);
          }
          for (const r of log.rings) assert.equal(r.len, 16, "V2 passes a struct tpacket_req");
          assert.equal(rx.ringVersion, 2);
          assert.equal(rx.bufferSize, want.blockNr * first.blockSize);
          assert.ok(rx.bufferSize < 2 * 1024 * 1024 * 0.95 ** refusals + first.blockSize);
          assert.equal(mappedFrom(log.sockets[0]!), rx.bufferSize);
          await assertCaptures(rx, tx, veth, 200);
        });

        await t.step("ENOMEM that never stops: one clear error, nothing left open", () => {
          for (const immediate of [false, true]) {
            const { cap, error, log } = openFaulty(veth.a, {
              backend,
              immediate,
              blockSize: 64 * 1024,
              bufferSize: 5 * 64 * 1024,
              snapLen: 1600,
            }, { rxRingEnomem: Infinity });
            cap?.close();
            assert.ok(error instanceof SyscallError, String(error));
            assert.equal(error.syscall, "setsockopt(PACKET_RX_RING)");
            assert.equal(error.code, "ENOMEM");
            assert.equal(error.errno, ENOMEM);
            assert.match(
              error.message,
              /^Cannot create the RX ring on "[^"]+": setsockopt\(PACKET_RX_RING\) failed with ENOMEM \(.+\)$/,
            );
            assert.ok(!error.message.includes("\n"));
            // Shrunk down to one block, as libpcap, then gave up.
            const blocks = log.rings.map((r) => r.blockNr);
            assert.equal(blocks.at(-1), 1);
            for (let i = 1; i < blocks.length; i++) assert.ok(blocks[i]! < blocks[i - 1]!);
            if (!immediate) assert.deepEqual(blocks, [5, 4, 3, 2, 1]);
            assert.deepEqual(log.mmaps, [], "no mmap after the ring was refused");
            assert.equal(log.sockets.length, 1);
            assert.equal(socketOpen(log.sockets[0]!), false, "the socket is closed");
            assert.equal(mappedFrom(log.sockets[0]!), 0);
          }
        });

        await t.step("a failure after the ring was made undoes it all", () => {
          for (const immediate of [false, true]) {
            for (const faults of [{ failMmap: ENOMEM }, { failBind: EADDRNOTAVAIL }]) {
              const { cap, error, log } = openFaulty(veth.a, { backend, immediate }, faults);
              cap?.close();
              assert.ok(error instanceof SyscallError, String(error));
              assert.equal(error.syscall, "failMmap" in faults ? "mmap(PACKET_RX_RING)" : "bind");
              assert.equal(log.rings.length, 1);
              assert.equal(log.mmaps.length, 1);
              assert.equal(socketOpen(log.sockets[0]!), false, "the socket is closed");
              assert.equal(mappedFrom(log.sockets[0]!), 0, "the ring is unmapped");
            }
          }
        });

        await t.step("V3 refused (EINVAL): a V2 ring that captures", async () => {
          const { cap, error, log } = openFaulty(veth.a, { backend }, { refuseV3: EINVAL });
          assert.equal(error, undefined);
          using rx = cap!;
          assert.deepEqual(log.versions, [
            { value: TPACKET_V3, result: -EINVAL },
            { value: TPACKET_V2, result: 0 },
          ]);
          assert.equal(rx.ringVersion, 2);
          assert.equal(log.rings.length, 1);
          const r = log.rings[0]!;
          assert.equal(r.len, 16, "a struct tpacket_req for V2");
          assert.equal(r.blockSize % log.pageSize, 0);
          assert.equal(r.blockSize % r.frameSize, 0);
          assert.equal(r.frameNr, r.blockNr * (r.blockSize / r.frameSize));
          assert.equal(rx.bufferSize, r.blockNr * r.blockSize);
          assert.equal(mappedFrom(log.sockets[0]!), rx.bufferSize);
          await assertCaptures(rx, tx, veth, 300);
        });

        await t.step(
          "immediate (V2) geometry: frames hold the snaplen, tile, waste little",
          async () => {
            // The kernel puts an Ethernet frame at macoff = align(52 + 16) + reserve 4 - 14 = 70.
            const KERNEL_MACOFF = 70;
            for (const snapLen of [96, 1514, 3000, 262144]) {
              const { cap, error, log } = openFaulty(
                veth.a,
                { backend, immediate: true, snapLen },
                {},
              );
              assert.equal(error, undefined);
              using rx = cap!;
              assert.equal(rx.ringVersion, 2);
              const [r, ...more] = log.rings;
              assert.ok(r !== undefined && more.length === 0);
              const what = `snapLen ${snapLen}: ${JSON.stringify(r)}`;
              assert.equal(r.len, 16, what);
              assert.equal(r.frameSize % 16, 0, `TPACKET_ALIGNMENT, ${what}`);
              assert.equal(r.blockSize % log.pageSize, 0, `page-aligned blocks, ${what}`);
              assert.equal(r.blockSize % r.frameSize, 0, `frames tile the block, ${what}`);
              assert.equal(r.frameNr, r.blockNr * (r.blockSize / r.frameSize), what);
              // Room for the kernel's headroom plus snapLen bytes of a full-MTU frame (more,
              // up to 64 KiB, when the veth aggregates with GRO/GSO) ...
              const mtuFrame = Math.min(snapLen, 1500 + 18);
              assert.ok(r.frameSize >= KERNEL_MACOFF + mtuFrame, `frame too small, ${what}`);
              // ... and not much more (the frame is rounded to a power of two or to whole pages).
              const largest = Math.min(snapLen, 65535 + 18);
              assert.ok(r.frameSize < 2 * (68 + largest), `frame too large, ${what}`);
              // The default 2 MiB, rounded up to whole blocks as libpcap rounds up frames.
              assert.ok(rx.bufferSize >= 2 * 1024 * 1024, what);
              assert.ok(rx.bufferSize < 2 * 1024 * 1024 + r.blockSize, what);
              assert.equal(rx.bufferSize, r.blockNr * r.blockSize);
              assert.equal(mappedFrom(log.sockets[0]!), rx.bufferSize);
              await assertCaptures(rx, tx, veth, 400 + snapLen);
            }
          },
        );

        await t.step("PACKET_VERSION failing otherwise is an error, as in libpcap", () => {
          const { cap, error, log } = openFaulty(veth.a, { backend }, { refuseV3: ENOPROTOOPT });
          cap?.close();
          assert.ok(error instanceof SyscallError, String(error));
          assert.equal(error.syscall, "setsockopt(PACKET_VERSION)");
          assert.equal(error.code, "ENOPROTOOPT");
          assert.deepEqual(log.versions.map((v) => v.value), [TPACKET_V3]);
          assert.deepEqual(log.rings, []);
          assert.equal(socketOpen(log.sockets[0]!), false);
        });
      } finally {
        veth.remove();
      }
    },
  });
}
