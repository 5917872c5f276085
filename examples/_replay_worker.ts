/**
 * replay's sending side, in a Worker: it owns the sender, sleeps on `CLOCK_MONOTONIC` until
 * each packet is due (absolute deadlines, so the rate never drifts) and sends every packet
 * that is due with one call (`sendmmsg`, the TX ring, or `send` per packet). The main thread
 * reads the file and posts chunks of packets; counters live in a SharedArrayBuffer it reads
 * for `--stats` and the summary.
 *
 * @module
 */
// The sending entry point alone: this Worker's start-up loads no decoder, filter or printer.
import { openSender, type Sender, SyscallError, TxRejectedError } from "../capture/send.ts";
import {
  type Chunk,
  COUNTER,
  type FromWorker,
  type Pacing,
  type ToWorker,
} from "./_replay_protocol.ts";

interface WorkerScope {
  postMessage(message: unknown): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  close(): void;
}
const scope = self as unknown as WorkerScope;

const ENOBUFS = 105, EAGAIN = 11, ENETDOWN = 100, EINVAL = 22, EMSGSIZE = 90;
const SLEEP_SLICE_NS = 50e6; // check the stop flag at least this often while waiting

let sender: Sender | undefined;
let method: "send" | "sendmmsg" | "txring" = "sendmmsg";
let pacing: Pacing = { kind: "top" };
let durationNs = 0;
let counters: Float64Array<ArrayBufferLike> = new Float64Array(COUNTER.SIZE);
let stop: Int32Array<ArrayBufferLike> = new Int32Array(1);
let startNs = -1; // when the first packet went (or was due)
let offsetNs = 0; // loop delays and loop starts add here
let loopFirst = true; // the next packet starts a loop
let loopDelayNs = 0; // --loopdelay-ms before that loop
let packetIndex = 0; // packets handled so far, for pps
let bits = 0; // bits handled so far, for mbps
let fatal = false;
const due = new Float64Array(8192);
const kept = new Map<number, Chunk>();

function post(m: FromWorker): void {
  scope.postMessage(m);
}

function fail(message: string): void {
  fatal = true;
  Atomics.store(stop, 0, 1);
  post({ type: "fatal", message });
}

/** Due time of each packet of the chunk, relative to `startNs`. */
function schedule(c: Chunk, count: number): void {
  for (let i = 0; i < count; i++) {
    if (loopFirst) {
      // A loop starts (after its delay): file timing and top speed restart from now, a rate
      // carries on where the previous loop left it.
      const elapsed = sender!.monotonicNs() - startNs + loopDelayNs;
      if (pacing.kind === "file") offsetNs = elapsed - c.times[i]! / pacing.multiplier;
      else if (pacing.kind === "top") offsetNs = elapsed;
      else offsetNs += loopDelayNs;
      loopFirst = false;
      loopDelayNs = 0;
    }
    switch (pacing.kind) {
      case "file":
        due[i] = offsetNs + c.times[i]! / pacing.multiplier;
        break;
      case "pps":
        // --pps-multi N: N packets at once every N / pps seconds.
        due[i] = offsetNs +
          Math.floor(packetIndex++ / pacing.burst) * pacing.burst * 1e9 / pacing.pps;
        break;
      case "mbps":
        due[i] = offsetNs + bits * 1e3 / pacing.mbps;
        bits += c.lengths[i]! * 8;
        break;
      case "top":
        due[i] = offsetNs;
    }
  }
}

function sent(n: number, bytes: number): void {
  const now = sender!.monotonicNs();
  counters[COUNTER.LAST_NS] = now;
  counters[COUNTER.PACKETS]! += n;
  counters[COUNTER.BYTES]! += bytes;
}

function bytesOf(c: Chunk, from: number, to: number): number {
  let b = 0;
  for (let i = from; i < to; i++) b += c.lengths[i]!;
  return b;
}

/** Sends packets [from, to) of the chunk; returns where it got to (to, unless it stopped). */
function sendRange(c: Chunk, from: number, to: number): number {
  const s = sender!;
  let i = from;
  if (method === "txring") {
    // A frame longer than a ring slot never reaches the kernel: the frames before it go, it is
    // refused as send(2) refuses a frame over the MTU (EMSGSIZE), and the rest follow.
    const slot = s.slotLen;
    for (let j = from; j < to; j++) {
      if (c.lengths[j]! <= slot) continue;
      const done = j > from ? sendRange(c, from, j) : j;
      if (done < j) return done; // the ring is full: come back for the rest
      refused(c.firstNumber + j, EMSGSIZE);
      return j + 1 < to ? sendRange(c, j + 1, to) : to;
    }
    // The sender numbers the frames it queues; packet i of this chunk is frame base + i.
    const base = s.queuedFrames - from;
    for (;;) {
      i += s.queueBatch(c, i, to - i);
      const r = flushRing(c, base);
      if (r === FLUSH.FATAL) return to;
      // After a refusal or a retry, frames queued after it still wait: flush again.
      if (r === FLUSH.AGAIN) continue;
      if (i === to) return i;
      // The ring was full and has been flushed; if its slots are not back yet, come back later.
      const n = s.queueBatch(c, i, to - i);
      if (n === 0) return i;
      i += n;
    }
  }
  while (i < to) {
    if (method === "sendmmsg") {
      const r = s.sendBatch(c, i, to - i);
      if (r > 0) {
        sent(r, bytesOf(c, i, i + r));
        i += r;
        continue;
      }
      const next = retryOrFail(c, i, -r);
      if (next === FLUSH.FATAL) return to;
      if (next === SKIP) i++;
      continue;
    }
    const at = c.offsets[i]!;
    const len = c.lengths[i]!;
    const r = s.trySend(c.pool.subarray(at, at + len));
    if (r >= 0) {
      if (r < len) counters[COUNTER.TRUNCATED]!++;
      sent(1, r);
      i++;
      continue;
    }
    const next = retryOrFail(c, i, -r);
    if (next === FLUSH.FATAL) return to;
    if (next === SKIP) i++;
  }
  return i;
}

const FLUSH = { DONE: 0, AGAIN: 1, FATAL: 2 } as const;
let ringBytes = 0; // the sender's sentBytes at the last count

/**
 * Flushes the TX ring and counts what it sent. A frame the kernel refused is one line and a
 * failed packet, and the replay goes on (tcpreplay's "Failed packets"); ENOBUFS/EAGAIN wait
 * and retry; anything else ends the replay.
 */
function flushRing(c: Chunk, base: number): number {
  const s = sender!;
  let r: number = FLUSH.DONE;
  let n = 0;
  try {
    n = s.flush();
  } catch (e) {
    if (e instanceof TxRejectedError) {
      refused(c.firstNumber + e.index - base, e.errno);
      r = FLUSH.AGAIN;
    } else if (e instanceof SyscallError && (e.errno === ENOBUFS || e.errno === EAGAIN)) {
      r = retryOrFail(c, 0, e.errno) === FLUSH.FATAL ? FLUSH.FATAL : FLUSH.AGAIN;
    } else throw e;
  }
  if (n > 0) sent(n, s.sentBytes - ringBytes);
  ringBytes = s.sentBytes;
  return r;
}

/** A packet the kernel refused: one line on stderr, counted as failed; the replay goes on. */
function refused(number: number, errno: number): void {
  counters[COUNTER.FAILED]!++;
  // TxRejectedError words a refusal the same way for every method.
  const why = new TxRejectedError(sender!.device, 0, errno, 0).message
    .replace(/^Cannot send frame \d+ on "[^"]*": /, "").replace(/;.*/, "");
  post({ type: "warn", message: `Cannot send packet ${number}: ${why}` });
}

/** retryOrFail(): the packet was refused and is skipped. */
const SKIP = 3;

/**
 * ENOBUFS and EAGAIN wait a little and retry (counted); a packet the kernel refuses (EINVAL: a
 * frame shorter than its link header, EMSGSIZE: over the MTU) is named and skipped, as
 * tcpreplay does; anything else (the device gone down) ends the replay.
 */
function retryOrFail(c: Chunk, i: number, errno: number): number {
  if (errno === ENOBUFS || errno === EAGAIN) {
    counters[errno === ENOBUFS ? COUNTER.RETRIED_ENOBUFS : COUNTER.RETRIED_EAGAIN]!++;
    sender!.sleepUntilNs(sender!.monotonicNs() + 100e3);
    return Atomics.load(stop, 0) === 0 ? FLUSH.AGAIN : FLUSH.FATAL;
  }
  if (errno === EINVAL || errno === EMSGSIZE) {
    refused(c.firstNumber + i, errno);
    return SKIP;
  }
  counters[COUNTER.FAILED]!++;
  const why = errno === ENETDOWN
    ? `"${sender!.device}" is down`
    : `send failed with errno ${errno}`;
  fail(`Cannot send packet ${c.firstNumber + i}: ${why}`);
  return FLUSH.FATAL;
}

function run(c: Chunk, count: number): void {
  const s = sender!;
  if (count > due.length) throw new RangeError(`chunk of ${count} packets is too big`);
  if (startNs < 0 && count > 0) {
    // tcpreplay's "sent in" runs from the start of sending to the last packet sent.
    startNs = s.monotonicNs();
    counters[COUNTER.FIRST_NS] = startNs;
  }
  schedule(c, count);
  let i = 0;
  while (i < count && Atomics.load(stop, 0) === 0) {
    const now = s.monotonicNs();
    const at = startNs + due[i]!;
    if (durationNs > 0 && (pacing.kind === "top" ? now : at) - startNs > durationNs) {
      Atomics.store(stop, 0, 1);
      break;
    }
    if (at > now) {
      s.sleepUntilNs(Math.min(at, now + SLEEP_SLICE_NS));
      continue;
    }
    // Everything due by now goes in one call, but nothing due after --duration (after a
    // stall, "due by now" can reach past it).
    let j = i + 1;
    const last = durationNs > 0 && pacing.kind !== "top" ? durationNs : Infinity;
    while (j < count && startNs + due[j]! <= now && due[j]! <= last) j++;
    i = sendRange(c, i, j);
  }
}

scope.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  try {
    switch (m.type) {
      case "open": {
        method = m.method;
        pacing = m.pacing;
        durationNs = m.durationNs;
        counters = new Float64Array(m.counters);
        stop = new Int32Array(m.stop);
        sender = openSender(m.device, {
          backend: m.backend,
          qdiscBypass: m.qdiscBypass,
          txRing: m.method === "txring",
        });
        post({
          type: "ready",
          mtu: sender.mtu,
          linkType: sender.linkType,
          backend: sender.backend,
        });
        break;
      }
      case "chunk":
        // A preloaded file's chunks stay here; later loops name them by id (no copy per loop).
        if (m.keep) kept.set(m.chunk.id, m.chunk);
        if (!fatal) run(m.chunk, m.count);
        post({ type: "done", id: m.chunk.id });
        break;
      case "again": {
        const c = kept.get(m.id);
        if (!fatal && c) run(c, m.count);
        post({ type: "done", id: m.id });
        break;
      }
      case "loop":
        loopFirst = true;
        loopDelayNs = m.delayMs * 1e6;
        break;
      case "end":
        sender?.close();
        sender = undefined;
        post({ type: "finished" });
        scope.close();
    }
  } catch (err) {
    fail(err instanceof Error ? err.message.split("\n")[0]! : String(err));
    if (m.type === "chunk") post({ type: "done", id: m.chunk.id });
  }
};
