/**
 * Sending raw frames: {@linkcode openSender} opens a transmit-only packet socket on one
 * interface (protocol 0, so it receives nothing) with three ways out: `send()` (one
 * `send(2)` per frame, `pcap_inject`), `sendBatch()` (many frames, one `sendmmsg(2)`) and,
 * with `txRing`, `queue()` + `flush()` over a `PACKET_TX_RING` (many frames, one system call,
 * counted as sent only when the kernel hands their slots back). `monotonicNs()` and
 * `sleepUntilNs()` pace a sender on `CLOCK_MONOTONIC`; they block, so they belong in a Worker.
 *
 * @module
 */

import { loadBackend } from "../ffi/backend.ts";
import { check, errnoCode, errnoText, SyscallError } from "../ffi/errno.ts";

export { SyscallError };
import {
  AF_PACKET,
  ENETDOWN,
  ENODEV,
  IFNAMSIZ,
  PACKET_VERSION,
  SIOCGIFHWADDR,
  SIOCGIFINDEX,
  SIOCGIFMTU,
  SOCK_CLOEXEC,
  SOCK_RAW,
  SOL_PACKET,
} from "../ffi/linux.ts";
import type { Backend, Mapping } from "../ffi/types.ts";
import { LINKTYPE } from "../link_type.ts";
import { TPACKET_V2 } from "../ring/layout.ts";
import { TX_DATA_OFFSET, type TxFill, TxRing } from "../ring/tx.ts";
import { ifreqFor, linkTypeOf } from "./activate.ts";

// linux/if_packet.h, linux/sockios.h, linux/if.h (kept here: only the sender uses them).
const PACKET_TX_RING = 13;
const PACKET_QDISC_BYPASS = 20;
const SIOCGIFFLAGS = 0x8913;
const IFF_UP = 0x1;
const EMPTY = new Uint8Array(0);

/**
 * Default number of TX ring slots.
 *
 * @example
 * ```ts
 * import { DEFAULT_TX_FRAMES } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * assert.equal(DEFAULT_TX_FRAMES, 1024);
 * ```
 */
export const DEFAULT_TX_FRAMES = 1024;

/**
 * Options of {@linkcode openSender}.
 *
 * @example A sender with a TX ring that skips the qdisc
 * ```ts
 * import type { SenderOptions } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * const options: SenderOptions = { txRing: { frames: 256 }, qdiscBypass: true };
 * assert.equal(options.qdiscBypass, true);
 * ```
 */
export interface SenderOptions {
  /** System-call backend. @default "auto" */
  backend?: "auto" | "shim" | "libc";
  /**
   * Map a `PACKET_TX_RING` (TPACKET_V2) for `queue()`/`flush()`: `true` for the defaults, or
   * the slot count and the longest frame. @default false
   */
  txRing?: boolean | { frames?: number; maxFrameLen?: number };
  /** `PACKET_QDISC_BYPASS`: hand frames to the driver, skipping the qdisc. @default false */
  qdiscBypass?: boolean;
}

/**
 * Frames laid end to end in one buffer, as {@linkcode Sender.sendBatch} takes them:
 * frame i is `lengths[i]` bytes at `offsets[i]` of `pool`. {@linkcode TxBatch} is one.
 *
 * @example Describe two frames already in a buffer
 * ```ts
 * import type { TxFrames } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * const frames: TxFrames = { pool: new Uint8Array(120), offsets: Uint32Array.of(0, 60), lengths: Uint32Array.of(60, 60), count: 2 };
 * assert.equal(frames.count, 2);
 * ```
 */
export interface TxFrames {
  /** The frames' bytes. */
  readonly pool: Uint8Array;
  /** Offset of each frame in `pool`. */
  readonly offsets: Uint32Array;
  /** Length of each frame. */
  readonly lengths: Uint32Array;
  /** How many frames there are. */
  readonly count: number;
}

/**
 * Frames gathered for one {@linkcode Sender.sendBatch}: copied end to end into one pool, with
 * their offsets and lengths. Reused with `clear()`; adding allocates nothing.
 *
 * @example Gather two frames
 * ```ts
 * import { TxBatch } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * const batch = new TxBatch(64);
 * assert.equal(batch.add(new Uint8Array(60)), true);
 * assert.equal(batch.add(new Uint8Array(1514)), true);
 * assert.deepEqual([batch.count, batch.bytes], [2, 1574]);
 * batch.clear();
 * assert.equal(batch.count, 0);
 * ```
 */
export class TxBatch implements TxFrames {
  /** The frames' bytes, end to end. */
  readonly pool: Uint8Array;
  /** Offset of each frame in `pool`. */
  readonly offsets: Uint32Array;
  /** Length of each frame. */
  readonly lengths: Uint32Array;
  #count = 0;
  #used = 0;

  /**
   * Makes an empty batch.
   *
   * @param capacity Most frames it holds.
   * @param poolBytes Bytes for their data. @default capacity × 2048
   */
  constructor(capacity: number, poolBytes: number = capacity * 2048) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`Cannot make a batch: capacity ${capacity} is not a positive integer`);
    }
    this.pool = new Uint8Array(poolBytes);
    this.offsets = new Uint32Array(capacity);
    this.lengths = new Uint32Array(capacity);
  }

  /** Frames held. */
  get count(): number {
    return this.#count;
  }
  /** Bytes held. */
  get bytes(): number {
    return this.#used;
  }

  /**
   * Copies one frame in.
   *
   * @param frame The whole frame.
   * @returns False when the batch is full (frames or bytes); nothing was added.
   */
  add(frame: Uint8Array): boolean {
    const n = this.#count, len = frame.byteLength;
    if (n === this.offsets.length || this.#used + len > this.pool.byteLength) return false;
    this.pool.set(frame, this.#used);
    this.offsets[n] = this.#used;
    this.lengths[n] = len;
    this.#used += len;
    this.#count = n + 1;
    return true;
  }

  /** Empties the batch. */
  clear(): void {
    this.#count = 0;
    this.#used = 0;
  }
}

/**
 * A frame the kernel refused in the TX ring (`TP_STATUS_WRONG_FORMAT`): `index` counts the
 * frames queued on this sender from 0. The refused frame is out of the ring; the frames queued
 * after it are still queued and go with the next {@linkcode Sender.flush}, and the frames sent
 * before it are counted by that flush too.
 *
 * @example Tell which frame was refused
 * ```ts
 * import { TxRejectedError } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * const e = new TxRejectedError("veth0", 17, 90, 3);
 * assert.equal(e.message, 'Cannot send frame 17 on "veth0": the kernel refused it (EMSGSIZE: Message too long); 3 frames queued after it wait for the next flush');
 * ```
 */
export class TxRejectedError extends Error {
  /** Index of the refused frame among those queued. */
  readonly index: number;
  /** The errno the kernel returned for it (positive), 0 when unknown. */
  readonly errno: number;
  /** Frames queued after it, still queued for the next flush. */
  readonly pending: number;

  /**
   * Builds the error.
   *
   * @param device Interface name.
   * @param index Index of the refused frame.
   * @param errno Positive errno from the kick, 0 when unknown.
   * @param pending Frames queued after it, still queued.
   */
  constructor(device: string, index: number, errno: number, pending: number) {
    const why = errno > 0 ? ` (${errnoCode(errno)}: ${errnoText(errno)})` : "";
    super(
      `Cannot send frame ${index} on ${
        JSON.stringify(device)
      }: the kernel refused it${why}; ${pending} frames queued after it wait for the next flush`,
    );
    this.name = "TxRejectedError";
    this.index = index;
    this.errno = errno;
    this.pending = pending;
  }
}

/**
 * Opens a transmit-only packet socket on `device`, bound to it with protocol 0 (nothing is
 * received or queued). Checks the interface exists and is up.
 *
 * @param device Interface name.
 * @param options Backend, TX ring, qdisc bypass.
 * @returns The sender; close it when done.
 * @throws {SyscallError} When the device is missing (ENODEV) or down (ENETDOWN), or a call fails.
 *
 * @example Send a batch of frames
 * ```ts ignore
 * import { buildPacket, openSender, TxBatch } from "@tpacket/tpacket";
 * using tx = openSender("veth0");
 * const batch = new TxBatch(32);
 * for (let i = 0; i < 32; i++) {
 *   batch.add(buildPacket([
 *     { layer: "ethernet", dstAddr: "ff:ff:ff:ff:ff:ff", srcAddr: "02:00:00:00:00:01" },
 *     { layer: "ipv4", srcAddr: "10.0.0.1", dstAddr: "10.0.0.2" },
 *     { layer: "udp", srcPort: 9, dstPort: 9 },
 *     { layer: "payload", length: 18 },
 *   ]));
 * }
 * console.log(tx.sendBatch(batch)); // 32
 * ```
 */
export function openSender(device: string, options: SenderOptions = {}): Sender {
  if (typeof device !== "string" || device === "" || device.length >= IFNAMSIZ) {
    throw new TypeError(`Cannot open ${JSON.stringify(device)} for sending: not an interface name`);
  }
  if (device === "any") {
    throw new TypeError('Cannot open "any" for sending: name one interface');
  }
  const ring = options.txRing ?? false;
  let frames = 0, maxLen = 0;
  if (ring !== false) {
    const r = ring === true ? {} : ring;
    frames = r.frames ?? DEFAULT_TX_FRAMES;
    if (!Number.isInteger(frames) || frames < 1 || frames > 1 << 20) {
      throw new RangeError(
        `Cannot open ${JSON.stringify(device)}: txRing.frames ${frames} is not in 1..1048576`,
      );
    }
    maxLen = r.maxFrameLen ?? 0;
    if (!Number.isInteger(maxLen) || maxLen < 0 || maxLen > 1 << 18) {
      throw new RangeError(
        `Cannot open ${JSON.stringify(device)}: txRing.maxFrameLen ${maxLen} is not in 0..262144`,
      );
    }
  }
  return Sender[OPEN](
    device,
    loadBackend(options.backend ?? "auto"),
    frames,
    maxLen,
    options.qdiscBypass ?? false,
  );
}

const OPEN = Symbol("open");

/**
 * A transmit-only packet socket on one interface; see {@linkcode openSender}.
 *
 * @example Send one frame
 * ```ts ignore
 * import { openSender } from "@tpacket/tpacket";
 * using tx = openSender("veth0");
 * tx.send(new Uint8Array(60).fill(0xff, 0, 6));
 * ```
 */
export class Sender {
  /** Interface name. */
  readonly device: string;
  /** Interface index. */
  readonly ifIndex: number;
  /** Interface MTU in bytes. */
  readonly mtu: number;
  /** `LINKTYPE_*` the interface's frames have (`ETHERNET` for Ethernet and loopback). */
  readonly linkType: number;
  /** Which system-call backend is used. */
  readonly backend: "shim" | "libc";
  readonly #b: Backend;
  #fd: number;
  #mapping: Mapping | undefined;
  #ring: TxRing | undefined;
  #fill: TxFill | undefined;
  #queued = 0;
  /** Frames handed back by a flush that then threw: the next flush returns them. */
  #carried = 0;
  #sentBytes = 0;

  private constructor(device: string, b: Backend) {
    this.device = device;
    this.#b = b;
    this.backend = b.kind;
    this.ifIndex = 0;
    this.mtu = 0;
    this.linkType = LINKTYPE.ETHERNET;
    this.#fd = -1;
  }

  /** @internal */
  static [OPEN](
    device: string,
    b: Backend,
    frames: number,
    maxLen: number,
    bypass: boolean,
  ): Sender {
    const s = new Sender(device, b);
    try {
      s.#open(frames, maxLen, bypass);
    } catch (e) {
      s.close();
      throw e;
    }
    return s;
  }

  #open(frames: number, maxLen: number, bypass: boolean): void {
    const b = this.#b, name = this.device;
    const step = `open ${JSON.stringify(name)} for sending`;
    this.#fd = check(b.socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0), step, "socket(AF_PACKET)");
    const fd = this.#fd;
    const ifreq = ifreqFor(name);
    const dv = new DataView(ifreq.buffer);
    const r = b.ioctl(fd, SIOCGIFINDEX, ifreq);
    if (r === -ENODEV) {
      throw new SyscallError(step, "ioctl(SIOCGIFINDEX)", ENODEV, `Cannot ${step}: no such device`);
    }
    check(r, step, "ioctl(SIOCGIFINDEX)");
    const self = this as { ifIndex: number; mtu: number; linkType: number };
    self.ifIndex = dv.getInt32(IFNAMSIZ, true);
    const hw = ifreqFor(name);
    check(b.ioctl(fd, SIOCGIFHWADDR, hw), step, "ioctl(SIOCGIFHWADDR)");
    const lt = linkTypeOf(new DataView(hw.buffer).getUint16(IFNAMSIZ, true));
    self.linkType = lt === "cooked" ? -1 : lt;
    const m = ifreqFor(name);
    check(b.ioctl(fd, SIOCGIFMTU, m), step, "ioctl(SIOCGIFMTU)");
    self.mtu = new DataView(m.buffer).getInt32(IFNAMSIZ, true);
    const f = ifreqFor(name);
    check(b.ioctl(fd, SIOCGIFFLAGS, f), step, "ioctl(SIOCGIFFLAGS)");
    if ((new DataView(f.buffer).getUint16(IFNAMSIZ, true) & IFF_UP) === 0) {
      throw new SyscallError(
        step,
        "ioctl(SIOCGIFFLAGS)",
        ENETDOWN,
        `Cannot ${step}: the interface is down`,
      );
    }
    if (bypass) {
      check(
        b.setsockoptInt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, 1),
        step,
        "setsockopt(PACKET_QDISC_BYPASS)",
      );
    }
    if (frames > 0) this.#createRing(frames, maxLen || this.mtu + 18, step);
    // struct sockaddr_ll: family, protocol 0 (receive nothing), ifindex.
    const sll = new Uint8Array(20);
    const sdv = new DataView(sll.buffer);
    sdv.setUint16(0, AF_PACKET, true);
    sdv.setInt32(4, this.ifIndex, true);
    check(b.bind(fd, sll), step, "bind");
  }

  #createRing(frames: number, maxLen: number, step: string): void {
    const b = this.#b;
    check(
      b.setsockoptInt(this.#fd, SOL_PACKET, PACKET_VERSION, TPACKET_V2),
      step,
      "setsockopt(PACKET_VERSION)",
    );
    // Slots are powers of two (so a block holds whole slots); a block is a page or one slot.
    let frameSize = 64;
    while (frameSize < TX_DATA_OFFSET + maxLen) frameSize *= 2;
    const page = b.pageSize() > 0 ? b.pageSize() : 4096;
    const blockSize = Math.max(page, frameSize);
    const perBlock = blockSize / frameSize;
    const blocks = Math.ceil(frames / perBlock);
    const req = new Uint32Array([blockSize, blocks, frameSize, blocks * perBlock]);
    check(
      b.setsockopt(this.#fd, SOL_PACKET, PACKET_TX_RING, new Uint8Array(req.buffer)),
      step,
      "setsockopt(PACKET_TX_RING)",
    );
    const mapped = b.mmap(this.#fd, blockSize * blocks);
    if (typeof mapped === "number") check(mapped, step, "mmap");
    else {
      this.#mapping = mapped;
      this.#ring = new TxRing(mapped.buffer, frameSize, blocks * perBlock);
      this.#fill = b.txFill?.bind(b);
    }
  }

  #live(step: string): number {
    if (this.#fd < 0) throw new Error(`Cannot ${step}: the sender is closed`);
    return this.#fd;
  }

  /** Whether a TX ring is mapped (`queue()` and `flush()` work). */
  get txRing(): boolean {
    return this.#ring !== undefined;
  }
  /** Longest frame the kernel takes: MTU plus the 14-byte Ethernet header (VLAN-tagged: 4 more). */
  get maxFrameLen(): number {
    return this.mtu + 14;
  }
  /** Frames queued on the TX ring since open (the next one's index in a {@linkcode TxRejectedError}). */
  get queuedFrames(): number {
    return this.#queued;
  }
  /** Bytes of the frames the TX ring handed back (sent) since open. */
  get sentBytes(): number {
    return this.#sentBytes;
  }
  /** Longest frame a TX ring slot holds, 0 without a ring. */
  get slotLen(): number {
    return this.#ring?.maxFrameLen ?? 0;
  }

  /**
   * Sends one frame with `send(2)`, or through the TX ring (queue and flush) when one is mapped.
   *
   * @param frame The whole frame, link-layer header included.
   * @returns Bytes sent.
   * @throws {SyscallError} When the kernel refuses it (EMSGSIZE over the MTU, ENETDOWN, ...).
   */
  send(frame: Uint8Array): number {
    const fd = this.#live("send");
    if (this.#ring) {
      // With a TX ring mapped, send(2) only kicks the ring: go through it.
      if (!this.queue(frame)) this.flush(), this.queue(frame);
      this.flush();
      return frame.byteLength;
    }
    return check(this.#b.send(fd, frame), `send on ${JSON.stringify(this.device)}`, "send");
  }

  /**
   * Like {@linkcode Sender.send} but returns `-errno` instead of throwing: the hot-loop form.
   *
   * @param frame The whole frame.
   * @returns Bytes sent, or -errno.
   */
  trySend(frame: Uint8Array): number {
    if (this.#ring) return this.send(frame);
    return this.#b.send(this.#live("send"), frame);
  }

  /**
   * Sends the frames of `batch` from `start` with one `sendmmsg(2)` (more when over 256), or
   * through the TX ring when one is mapped.
   *
   * @param batch The frames.
   * @param start First frame to send. @default 0
   * @param count How many. @default the rest
   * @returns How many frames the kernel took (it may stop early, e.g. on ENOBUFS), or -errno
   * when it took none.
   */
  sendBatch(batch: TxFrames, start = 0, count: number = batch.count - start): number {
    const fd = this.#live("send a batch");
    if (count <= 0) return 0;
    if (this.#ring) {
      // With a TX ring mapped, sendmmsg(2) only kicks the ring: go through it.
      let sent = 0;
      for (let i = start; i < start + count;) {
        const n = this.queueBatch(batch, i, start + count - i);
        if (n === 0 && this.#ring.inFlight === 0) break;
        i += n;
        sent += this.flush();
      }
      return sent;
    }
    return this.#b.sendmmsg(
      fd,
      batch.pool,
      start === 0 ? batch.offsets : batch.offsets.subarray(start),
      start === 0 ? batch.lengths : batch.lengths.subarray(start),
      count,
    );
  }

  /**
   * Copies a frame into the next free TX ring slot, for the next {@linkcode Sender.flush}.
   *
   * @param frame The whole frame, at most `slotLen` bytes.
   * @returns False when every slot is in flight (flush first).
   * @throws {Error} Without a TX ring. {RangeError} When the frame exceeds a slot.
   */
  queue(frame: Uint8Array): boolean {
    this.#live("queue a frame");
    const ring = this.#ring;
    if (!ring) {
      throw new Error(
        `Cannot queue on ${JSON.stringify(this.device)}: no TX ring (open with txRing)`,
      );
    }
    if (!ring.put(frame)) {
      this.#reap(ring);
      if (!ring.put(frame)) return false;
    }
    this.#queued++;
    return true;
  }

  /**
   * Copies frames of `batch` into free TX ring slots, for the next {@linkcode Sender.flush}: as
   * many as there are free slots (the shim copies them with one call).
   *
   * @param batch The frames.
   * @param start First frame to queue. @default 0
   * @param count How many. @default the rest
   * @returns How many were queued (fewer than `count` when the ring is full: flush first).
   * @throws {Error} Without a TX ring. {RangeError} When a frame exceeds a slot (those before
   * it are queued).
   */
  queueBatch(batch: TxFrames, start = 0, count: number = batch.count - start): number {
    this.#live("queue frames");
    const ring = this.#ring;
    if (!ring) {
      throw new Error(
        `Cannot queue on ${JSON.stringify(this.device)}: no TX ring (open with txRing)`,
      );
    }
    if (count <= 0) return 0;
    if (ring.free < count) this.#reap(ring);
    const n = ring.putBatch(batch.pool, batch.offsets, batch.lengths, start, count, this.#fill);
    this.#queued += n;
    return n;
  }

  /**
   * Has the kernel send every queued frame (a blocking `send(2)` with no data, which returns
   * once the slots are handed back) and counts them. A frame the kernel refuses is taken out of
   * the ring and reported; the ring goes on with the frames after it at the next flush. A flush
   * that throws keeps its count of frames sent for the next flush to return, so none is lost.
   *
   * @returns Frames sent since the last flush that returned (slots handed back).
   * @throws {TxRejectedError} When the kernel refused a frame (`TP_STATUS_WRONG_FORMAT`).
   * {SyscallError} When the kick failed otherwise (ENOBUFS: the frames stay queued; retry).
   */
  flush(): number {
    const fd = this.#live("flush");
    const ring = this.#ring;
    if (!ring) return 0;
    if (ring.inFlight > 0) {
      const r = this.#b.send(fd, EMPTY);
      this.#reap(ring);
      if (r < 0) {
        // The kernel stops at a refused frame and returns its error; any other error (a full
        // queue, a device gone down) leaves the frames queued, as SEND_REQUEST, for a retry.
        const refused = ring.dropRejected();
        if (refused >= 0) {
          throw new TxRejectedError(this.device, refused, -r, this.#queued - refused - 1);
        }
        check(r, `send on ${JSON.stringify(this.device)}`, "send(PACKET_TX_RING)");
      }
    }
    const sent = this.#carried;
    this.#carried = 0;
    return sent;
  }

  #reap(ring: TxRing): void {
    const got = ring.reap();
    this.#carried += got.sent;
    this.#sentBytes += got.bytes;
  }

  /** `CLOCK_MONOTONIC` in nanoseconds. */
  monotonicNs(): number {
    return this.#b.monotonicNs();
  }

  /**
   * Blocks the calling thread until `CLOCK_MONOTONIC` reads `ns` (no drift: an absolute
   * deadline). Meant for a Worker: on the main thread it stops the event loop.
   *
   * @param ns The deadline, from {@linkcode Sender.monotonicNs}'s clock.
   */
  sleepUntilNs(ns: number): void {
    this.#b.sleepUntilNs(ns);
  }

  /** Unmaps the ring and closes the socket; idempotent. */
  close(): void {
    this.#ring = undefined;
    this.#fill = undefined;
    this.#mapping?.unmap();
    this.#mapping = undefined;
    if (this.#fd >= 0) this.#b.close(this.#fd);
    this.#fd = -1;
  }

  /** Same as {@linkcode Sender.close}. */
  [Symbol.dispose](): void {
    this.close();
  }
}
