/**
 * The flow table: bidirectional flows keyed by the 5-tuple plus VLAN and interface, held in
 * preallocated typed arrays (open addressing; a clock hand picks the flow a full table evicts), so
 * counting a packet of a flow already in the table allocates nothing.
 *
 * @module
 */

import { formatIpv4, formatIpv6 } from "../address.ts";
import { LINKTYPE } from "../link_type.ts";
import { IP_PROTO_NAMES } from "../protocols.ts";
import type { PacketRecord } from "../record.ts";
import { FlowKeyScratch, KEY_WORD, KEY_WORDS, PACKET_KIND, readFlowKey } from "./key.ts";
import {
  grantPackAccess,
  PACKED,
  PACKED_NUMBERS,
  type PackedFlows,
  unpackFlow,
} from "./_packed.ts";
import {
  type FlowBatchCounter,
  type FlowTableMemory,
  grantTableAccess,
  NATIVE_STATE as NS,
} from "./_native.ts";

/** Default {@linkcode FlowTableOptions.maxFlows}. */
export const DEFAULT_MAX_FLOWS = 65536;
/** Default {@linkcode FlowTableOptions.idleTimeoutMs}: 15 s, as Cisco's and nfdump's exporters. */
export const DEFAULT_IDLE_TIMEOUT_MS = 15_000;
/** Default {@linkcode FlowTableOptions.activeTimeoutMs}: 30 min, as Cisco's exporters. */
export const DEFAULT_ACTIVE_TIMEOUT_MS = 1_800_000;
/** Length of one rate bucket, in milliseconds (iftop's resolution). */
export const RATE_BUCKET_MS = 2000;
/** The rate windows, in seconds: iftop's three columns. */
export const RATE_WINDOWS_S = [2, 10, 40] as const;

const BUCKETS = 20; // 40 s of 2 s buckets
const WINDOW_BUCKETS = [1, 5, 20] as const;
// Per flow and direction, the bytes it had sent when each of the last MARKS rate buckets
// began (one more than a 40 s window's buckets: its start, when the query falls in the bucket
// in progress). A window's bytes are the difference of two marks, or of a mark and the flow's
// counters; the marks of every flow are copied from the counters when a bucket begins, in one
// sequential pass, so counting a packet does no rate work of its own.
const MARKS = BUCKETS + 1;
// The key, then its hash, padded to 16 words: one 64-byte cache line per IPv4 key.
const KEY_STRIDE = 16;
// What a packet touches, one cache line per flow: packets and bytes per direction, last seen,
// and META: TCP flags (forward | reverse << 8),
// the initiator (bit 16), the direction of the last packet (LAST_REV), per direction "its first
// packet of this period is still to come" (FIRST_DUE << dir), and SEEN: a packet came since the
// clock hand last passed (the second chance of eviction).
const HOT = 8;
const HOT_LAST = 4;
const HOT_META = 7;
const META_INITIATOR = 1 << 16;
const META_LAST_REV = 1 << 17;
const META_FIRST_DUE = 1 << 18; // << dir
const META_SEEN = 1 << 20;
// The rest: first packet, start of the reporting period, counts already reported (4), the
// reverse direction's first packet, each direction's first packet of the period and each
// direction's last packet (written when the other direction sends: the hot line has the last
// packet's time, META which direction sent it).
const COLD = 11;
const COLD_FIRST = 0;
const COLD_PERIOD = 1;
const COLD_SENT = 2;
const COLD_REV_FIRST = 6;
const COLD_DIR_FIRST = 7;
const COLD_DIR_LAST = 9;

/** Why a flow left the table; the numbers are IPFIX's `flowEndReason` (RFC 5102). */
export const FLOW_END_REASON = {
  /** No packet for the idle timeout. */
  idle: 1,
  /** The active timeout passed: the counts so far are reported, the flow stays. */
  active: 2,
  /** A TCP flow that ended with FIN both ways or RST, then went idle. */
  end: 3,
  /** {@linkcode FlowTable.flush} (end of a file, or the program stopping). */
  forced: 4,
  /**
   * The table was full: a flow with no packet since the clock hand last passed it made room
   * (see {@linkcode FlowTableOptions.maxFlows}).
   */
  evicted: 5,
} as const;

/** A key of {@linkcode FLOW_END_REASON}. */
export type FlowEndReason = keyof typeof FLOW_END_REASON;

/** A packet as every part of the package hands it over (a ring frame, a file record). */
export interface FlowPacket extends PacketRecord {
  /** The captured bytes. */
  data: Uint8Array;
  /** Length on the wire, in bytes. */
  wireLen: number;
  /** Timestamp, seconds since the Unix epoch. */
  sec: number;
  /** Timestamp, nanoseconds within the second. */
  nsec: number;
  /** Interface index, when known. */
  ifIndex?: number;
  /** `LINKTYPE_*` of `data`; the table's {@linkcode FlowTableOptions.linkType} when absent. */
  linkType?: number;
}

/**
 * Packets laid out in one buffer, described column by column: the shape of a capture's ring
 * block (`Batch` of `@tpacket/tpacket`), so {@linkcode FlowTable.addBatch} reads them in place.
 */
export interface FlowBatch {
  /** The bytes that hold the packets. */
  readonly bytes: Uint8Array;
  /** Number of packets. */
  readonly count: number;
  /** Start of each packet in `bytes`. */
  readonly offsets: ArrayLike<number>;
  /** Captured length of each packet, in bytes. */
  readonly capLens: ArrayLike<number>;
  /** Length of each packet on the wire, in bytes. */
  readonly wireLens: ArrayLike<number>;
  /** Timestamp of each packet, seconds since the epoch. */
  readonly secs: ArrayLike<number>;
  /** Timestamp of each packet, nanoseconds within the second. */
  readonly nsecs: ArrayLike<number>;
}

/** Options of {@linkcode FlowTable}. */
export interface FlowTableOptions {
  /**
   * Flows held at most. A new flow beyond it evicts one picked by a clock hand (second chance,
   * an approximation of least recently seen): the hand steps through the slots in order,
   * sparing each flow that had a packet since the hand last passed it (and making it wait for
   * the next pass), and evicts the first that had none. A flow that keeps sending is never
   * evicted while the table holds flows that stayed silent for a whole turn of the hand. A
   * flow's first packet does not mark it: a flow of one packet so far (a scan, a flood of SYNs)
   * goes before any flow that sent again. Every step of the hand is paid for by a packet, so
   * eviction costs O(1) per packet, amortized. @default 65536
   */
  maxFlows?: number;
  /** A flow with no packet for this long expires, in ms. @default 15000 */
  idleTimeoutMs?: number;
  /** A flow older than this reports its counts and starts a new period, in ms. @default 1800000 */
  activeTimeoutMs?: number;
  /** Link type of packets that carry none. @default 1 (Ethernet) */
  linkType?: number;
  /** Called with each flow (period) that leaves the table, for export. */
  onExpire?: (flow: FlowRecord) => void;
}

/**
 * One flow as a plain object. "Forward" is the direction of the first packet the table saw (its
 * sender is `srcAddr`); `rev*` fields count the other direction.
 */
export interface FlowRecord {
  /** 4 or 6. */
  family: 4 | 6;
  /** IP protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, …). */
  protocol: number;
  /** Address of the side that sent the first packet. */
  srcAddr: string;
  /** Its port (0 for protocols without ports). */
  srcPort: number;
  /** Address of the other side. */
  dstAddr: string;
  /** Its port. */
  dstPort: number;
  /** 802.1Q VLAN ID of the outer tag, 0 when untagged. */
  vlan: number;
  /** Interface index the packets were seen on (0 when unknown). */
  ifIndex: number;
  /** Packets from src to dst. */
  packets: number;
  /** IP bytes from src to dst (IPv4 Total Length, IPv6 40 + Payload Length, summed). */
  bytes: number;
  /** Packets from dst to src. */
  revPackets: number;
  /** IP bytes from dst to src. */
  revBytes: number;
  /** First packet of the flow (or of this period, for an active-timeout report), ms since the epoch. */
  firstMs: number;
  /** Last packet, ms since the epoch. */
  lastMs: number;
  /** First packet from src (of this period, for an active-timeout report); 0 when none. */
  fwdFirstMs: number;
  /** Last packet from src; 0 when none. */
  fwdLastMs: number;
  /** First packet from dst (of this period, for an active-timeout report); 0 when none. */
  revFirstMs: number;
  /** Last packet from dst; 0 when none. */
  revLastMs: number;
  /** TCP flags seen from src (OR of every segment's flags byte). */
  tcpFlags: number;
  /** TCP flags seen from dst. */
  revTcpFlags: number;
  /** `"syn"`, `"established"`, `"closing"`, `"closed"`, `"reset"`, `"open"` (mid-stream) or `""`. */
  state: string;
  /** Last ICMP/ICMPv6 `type << 8 | code` from src, -1 when none. */
  icmp: number;
  /** Last ICMP/ICMPv6 `type << 8 | code` from dst, -1 when none. */
  revIcmp: number;
  /** Bytes per second from src over the last 2, 10 and 40 s. */
  rate: [number, number, number];
  /** Bytes per second from dst over the same windows. */
  revRate: [number, number, number];
  /** Set on flows handed to {@linkcode FlowTableOptions.onExpire}. */
  endReason?: FlowEndReason;
}

/** Packets and IP bytes of one protocol in {@linkcode FlowTableStats.protocols}. */
export interface ProtocolCount {
  /** Packets. */
  packets: number;
  /** IP bytes (wire bytes for ARP and other non-IP frames). */
  bytes: number;
}

/** Totals since the table was made. */
export interface FlowTableStats {
  /** Packets counted, all kinds. */
  packets: number;
  /** Their wire bytes. */
  wireBytes: number;
  /** IP bytes of the IP packets. */
  ipBytes: number;
  /** Flows in the table now. */
  activeFlows: number;
  /** Flows ever made. */
  flows: number;
  /** Flows that left by a timeout or a flush. */
  expired: number;
  /** Flows evicted because the table was full (their counts went to `onExpire` first). */
  evicted: number;
  /**
   * IP packets whose headers could not be read: truncated, impossible lengths, a length field
   * claiming more bytes than the packet had on the wire.
   */
  undecodable: number;
  /** Packets that were not IP (ARP and the rest); counted in `protocols`, not in flows. */
  nonIp: number;
  /** Wire bytes per second of every packet over the last 2, 10 and 40 s. */
  rate: [number, number, number];
  /** The highest 2 s rate of wire bytes per second so far (iftop's peak), completed buckets. */
  peakRate: number;
  /** Packets and bytes by the top decoded layer ("tcp", "udp", "icmp", "arp", "other", …). */
  protocols: Record<string, ProtocolCount>;
}

const MIX_ARP = 256;
const MIX_OTHER = 257;
const MIX_UNDECODABLE = 258;

/**
 * Name of an IP protocol number as the table reports it: tcpdump's name in lower case ("tcp",
 * "udp", "icmpv6", …), or "ip-N".
 *
 * @param protocol An IP protocol number.
 * @returns Its name.
 * @example Name protocols
 * ```ts
 * import { protocolName } from "@tpacket/tpacket/flows";
 * import assert from "node:assert/strict";
 * assert.deepEqual([protocolName(6), protocolName(58), protocolName(253)], ["tcp", "icmpv6", "ip-253"]);
 * ```
 */
export function protocolName(protocol: number): string {
  return IP_PROTO_NAMES[protocol]?.toLowerCase() ?? `ip-${protocol}`;
}

function tcpState(fwd: number, rev: number): string {
  const all = fwd | rev;
  if (all & 0x04) return "reset";
  if ((fwd & 0x01) && (rev & 0x01)) return "closed";
  if (all & 0x01) return "closing";
  if ((fwd & 0x02) && (rev & 0x12) === 0x12) return "established";
  if (fwd & 0x02) return "syn";
  return "open";
}

/**
 * FNV-1a over the key words (IPv4: the five that are not 0), folded to 30 bits: a small
 * integer (a Smi) for V8, never a number boxed on the heap when passed or returned.
 */
function hashKey(key: Uint32Array, v4: boolean): number {
  let h = 0x811c9dc5;
  h = Math.imul(h ^ key[0]!, 0x01000193);
  if (!v4) {
    h = Math.imul(h ^ key[1]!, 0x01000193);
    h = Math.imul(h ^ key[2]!, 0x01000193);
    h = Math.imul(h ^ key[3]!, 0x01000193);
  }
  h = Math.imul(h ^ key[4]!, 0x01000193);
  if (!v4) {
    h = Math.imul(h ^ key[5]!, 0x01000193);
    h = Math.imul(h ^ key[6]!, 0x01000193);
    h = Math.imul(h ^ key[7]!, 0x01000193);
  }
  h = Math.imul(h ^ key[8]!, 0x01000193);
  h = Math.imul(h ^ key[9]!, 0x01000193);
  h = Math.imul(h ^ key[10]!, 0x01000193);
  return (h ^ (h >>> 15)) & 0x3fffffff;
}

/**
 * Bytes the flow in `slot` had sent in direction `dir` when rate bucket `k` began, `epoch` being
 * the bucket in progress: its counter for a bucket still to begin; 0 for one that began before
 * the flow was made; a bucket older than the marks kept counts as the oldest kept (what went
 * before is forgotten).
 */
function bytesAt(
  hot: Float64Array,
  born: Float64Array,
  marks: Float64Array,
  rowLen: number,
  slot: number,
  dir: number,
  k: number,
  epoch: number,
): number {
  if (k > epoch) return hot[slot * HOT + 2 + dir]!;
  const oldest = epoch - MARKS + 1;
  const at = k < oldest ? oldest : k;
  return at <= born[slot]! ? 0 : marks[(at % MARKS) * rowLen + slot * 2 + dir]!;
}

/**
 * The live slots from `start` to `end` into the min-heap of the highest scores (see
 * {@linkcode heapPut}), each scored by its flow's bytes in the rate buckets `from` to `now - 1`
 * (both directions): the difference of its marks (see {@linkcode bytesAt}, whose choices are
 * made here once for the two ends of the window: a bucket still to begin reads the counters,
 * an older one a row of marks, 0 before the flow was made). Whole numbers below 2^53, so the
 * sums are exact in any order. Scored and selected in one pass: a slot whose score cannot
 * enter a full heap costs its reads alone.
 *
 * @returns How many slots the heap holds now (`size` before).
 */
function windowTop(
  hot: Float64Array,
  bornAt: Float64Array,
  marks: Float64Array,
  rowLen: number,
  live: Uint8Array,
  start: number,
  end: number,
  from: number,
  now: number,
  epoch: number,
  heapScore: Float64Array,
  heapSlot: Int32Array,
  size: number,
): number {
  const cap = heapScore.length;
  const oldest = epoch - MARKS + 1;
  const atNow = now < oldest ? oldest : now;
  const atFrom = from < oldest ? oldest : from;
  const nowHot = now > epoch;
  const fromHot = from > epoch;
  const rowNow = (atNow % MARKS) * rowLen;
  const rowFrom = (atFrom % MARKS) * rowLen;
  for (let slot = start; slot < end; slot++) {
    if (live[slot] === 0) continue;
    const r = slot * HOT;
    const born = bornAt[slot]!;
    const m = slot * 2;
    const e = nowHot
      ? hot[r + 2]! + hot[r + 3]!
      : atNow <= born
      ? 0
      : marks[rowNow + m]! + marks[rowNow + m + 1]!;
    const f = fromHot
      ? hot[r + 2]! + hot[r + 3]!
      : atFrom <= born
      ? 0
      : marks[rowFrom + m]! + marks[rowFrom + m + 1]!;
    const score = e - f;
    if (size < cap || score > heapScore[0]!) size = heapPut(heapScore, heapSlot, size, score, slot);
  }
  return size;
}

/** Each slot's bytes per direction, from `start` to `end`, into the row of marks at `row`. */
function copyMarks(
  marks: Float64Array,
  row: number,
  hot: Float64Array,
  start: number,
  end: number,
): void {
  for (let slot = start; slot < end; slot++) {
    marks[row + slot * 2] = hot[slot * HOT + 2]!;
    marks[row + slot * 2 + 1] = hot[slot * HOT + 3]!;
  }
}

/**
 * The live slots from `start` to `end` into the heap of {@linkcode windowTop}, scored by their
 * flow's packets (`at` 0) or bytes (`at` 2), both ways.
 *
 * @returns How many slots the heap holds now (`size` before).
 */
function totalTop(
  hot: Float64Array,
  live: Uint8Array,
  start: number,
  end: number,
  at: number,
  heapScore: Float64Array,
  heapSlot: Int32Array,
  size: number,
): number {
  const cap = heapScore.length;
  for (let slot = start; slot < end; slot++) {
    if (live[slot] === 0) continue;
    const score = hot[slot * HOT + at]! + hot[slot * HOT + at + 1]!;
    if (size < cap || score > heapScore[0]!) size = heapPut(heapScore, heapSlot, size, score, slot);
  }
  return size;
}

/** Slots scored per call of the scan functions of {@linkcode FlowTable.top}. */
const SCAN_CHUNK = 1024;

/**
 * Puts `slot` with `score` into a min-heap of the highest scores, of at most
 * `heapScore.length` (flows × log limit, no sort of the whole table): below that it is added;
 * at it, it takes the place of the lowest, which the caller has checked `score` is above.
 *
 * @returns How many slots the heap holds now (`size` before).
 */
function heapPut(
  heapScore: Float64Array,
  heapSlot: Int32Array,
  size: number,
  score: number,
  slot: number,
): number {
  let at: number;
  if (size < heapScore.length) {
    at = size++;
    while (at > 0 && heapScore[(at - 1) >> 1]! > score) {
      const up = (at - 1) >> 1;
      heapScore[at] = heapScore[up]!;
      heapSlot[at] = heapSlot[up]!;
      at = up;
    }
  } else {
    at = siftDown(heapScore, heapSlot, size, score);
  }
  heapScore[at] = score;
  heapSlot[at] = slot;
  return size;
}

/**
 * Moves the root's hole of the min-heap of the first `size` entries down, each lower child up
 * into it, until `score` fits there: returns that position, for the caller to put the entry in.
 * (The replacement of {@linkcode heapPut}'s lowest entry, and each step of
 * {@linkcode heapSort}.)
 */
function siftDown(
  heapScore: Float64Array,
  heapSlot: Int32Array,
  size: number,
  score: number,
): number {
  let at = 0;
  for (;;) {
    const l = 2 * at + 1;
    if (l >= size) return at;
    const c = l + 1 < size && heapScore[l + 1]! < heapScore[l]! ? l + 1 : l;
    if (heapScore[c]! >= score) return at;
    heapScore[at] = heapScore[c]!;
    heapSlot[at] = heapSlot[c]!;
    at = c;
  }
}

/**
 * Sorts the heap of {@linkcode heapPut} in place, highest score first (a heapsort: each step
 * moves the lowest left to the end). A typed-array loop, where a sort of the 500 indices by a
 * comparator ran once a second in V8's baseline tier: a call into the comparator per step.
 */
function heapSort(heapScore: Float64Array, heapSlot: Int32Array, size: number): void {
  for (let end = size - 1; end > 0; end--) {
    const score = heapScore[end]!;
    const slot = heapSlot[end]!;
    heapScore[end] = heapScore[0]!;
    heapSlot[end] = heapSlot[0]!;
    const at = siftDown(heapScore, heapSlot, end, score);
    heapScore[at] = score;
    heapSlot[at] = slot;
  }
}

/**
 * The live slots from `start` to `end` whose time at `times[slot * stride + at]` plus `span` is
 * at or before `nowMs`, appended to `order` from `n`; `soonest[0]` becomes the earliest such
 * end after `nowMs` among the rest. A small function called per chunk of slots, for the same
 * reason as the scans of {@linkcode FlowTable.top}: a loop over the whole table in a function
 * called once a second would be compiled mid-traffic, on its first long run.
 *
 * @returns How many slots `order` holds now.
 */
function dueSlots(
  times: Float64Array,
  stride: number,
  at: number,
  live: Uint8Array,
  start: number,
  end: number,
  span: number,
  nowMs: number,
  order: Int32Array,
  n: number,
  soonest: Float64Array,
): number {
  let next = soonest[0]!;
  for (let slot = start; slot < end; slot++) {
    if (live[slot] === 0) continue;
    const due = times[slot * stride + at]! + span;
    if (due <= nowMs) order[n++] = slot;
    else if (due < next) next = due;
  }
  soonest[0] = next;
  return n;
}

/** Packets of a batch looked up ahead at once (their index and flow lines fetched together). */
const AHEAD = 32;

/** Writes a 0 into every 4 KiB page of a new (zeroed) array, so the kernel maps it now. */
function touchPages(a: Int32Array | Uint32Array | Float64Array): void {
  const step = 4096 / a.BYTES_PER_ELEMENT;
  for (let i = 0; i < a.length; i += step) a[i] = 0;
}

function checkTimeout(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(
      `Cannot make the flow table: ${name} must be a positive number, not ${value}`,
    );
  }
  return value;
}

/**
 * A table of bidirectional flows, fed one packet at a time (from a live capture or a file),
 * with idle and active timeouts, a bound on its size, rates over iftop's 2/10/40 s windows and
 * totals by protocol. Timestamps of the packets drive it, so a file gives the same table as the
 * live capture did.
 *
 * @example Count a TCP exchange as one flow
 * ```ts
 * import { FlowTable } from "@tpacket/tpacket/flows";
 * import assert from "node:assert/strict";
 *
 * const syn = Uint8Array.fromHex( // 192.168.0.1.50000 > 192.168.0.2.80: Flags [S]
 *   "020000000002020000000001080045000028000100004006f97bc0a80001c0a80002" +
 *     "c350005000000001000000005002faf06ffc0000",
 * );
 * const table = new FlowTable();
 * table.add({ data: syn, wireLen: syn.length, sec: 1, nsec: 0 });
 * const [flow] = table.flows();
 * assert.deepEqual([flow?.srcAddr, flow?.dstPort, flow?.packets, flow?.bytes], ["192.168.0.1", 80, 1, 40]);
 * assert.equal(flow?.state, "syn");
 * ```
 */
export class FlowTable {
  /** The most flows held at once. */
  readonly maxFlows: number;
  /** Idle timeout, ms. */
  readonly idleTimeoutMs: number;
  /** Active timeout, ms. */
  readonly activeTimeoutMs: number;
  readonly #linkType: number;
  readonly #onExpire: ((flow: FlowRecord) => void) | undefined;
  /** Keys read ahead by {@linkcode FlowTable.addBatch} (the first one serves single packets). */
  readonly #ahead = Array.from({ length: AHEAD }, () => new FlowKeyScratch());
  // Per packet read ahead: what readFlowKey() found, the key's hash and the time in ms. The
  // counting calls take the packet's place in these, not the numbers: a time (and a number
  // at or above 2^30) passed to a function V8 has not inlined is boxed on the heap, 8 to 24
  // bytes of garbage per packet.
  readonly #kinds = new Uint8Array(AHEAD);
  readonly #hashes = new Uint32Array(AHEAD);
  readonly #times = new Float64Array(AHEAD);
  readonly #addrBytes = new Uint8Array(16);
  // Hash index: slot + 1, 0 = empty; linear probing, backward-shift deletion.
  readonly #index: Int32Array;
  readonly #mask: number;
  // Per slot, in few cache lines: the key and its hash; the counters a packet touches; the rest.
  readonly #keys: Uint32Array; // [slot * KEY_STRIDE + word], word KEY_WORDS = hash
  readonly #hot: Float64Array; // [slot * HOT + HOT_*]
  readonly #cold: Float64Array; // [slot * COLD + COLD_*]
  readonly #icmp: Int32Array; // [slot * 2 + dir]
  // [slot]: the table's rate bucket when the flow was made (its marks of that bucket and
  // before are another flow's: it had sent 0 bytes then). Apart from the hot line, so a scan
  // of top()'s window scores reads 8 bytes a slot of it, not a cache line.
  readonly #born: Float64Array;
  // [(bucket % MARKS) * 2 * maxFlows + slot * 2 + dir]: a row per bucket, so copying the
  // counters into one when a bucket begins is a sequential pass (see MARKS).
  readonly #marks: Float64Array;
  /** Slots below this have held a flow (slots are handed out from 0 up): what a pass copies. */
  #highWater = 0;
  readonly #free: Int32Array;
  /** Slots ordered for {@linkcode FlowTable.expire} and {@linkcode FlowTable.flush} (made on first use). */
  #order: Int32Array | undefined;
  /** The earliest due time a scan of {@linkcode FlowTable.expire} found. */
  readonly #soonest = new Float64Array(1);
  /** 1 for a slot that holds a flow. */
  readonly #live: Uint8Array;
  #freeTop: number;
  /** The clock hand: the slot eviction looks at next. */
  #hand = 0;
  /** No flow can be idle before this time (ms): the earliest idle end the last scan left. */
  #idleDue = Infinity;
  #count = 0;
  // Totals.
  readonly #mix = new Float64Array(259 * 2);
  readonly #rate = new Float64Array(BUCKETS);
  #rateEpoch = -1;
  /** The bucket in progress (#rateEpoch): its times, ms, [start, end), and its index in #rate. */
  #epochStartMs = 0;
  #epochEndMs = 0;
  #epochAt = 0;
  /** Wire bytes of the busiest completed rate bucket. */
  #peak = 0;
  #startBucket = -1;
  #packetsSeen = 0;
  #wireBytes = 0;
  #ipBytes = 0;
  #flowsMade = 0;
  #expired = 0;
  #evicted = 0;
  #nowMs = 0;
  #lastActiveScan = 0;
  /** Where the read-ahead of {@linkcode FlowTable.addBatch} puts what it read (kept alive). */
  #touched = 0;
  /** A native counter of Ethernet batches (see flows/_native.ts), when one was attached. */
  #native: FlowBatchCounter | undefined;
  /** One flow's numbers, for #record. */
  readonly #scratch = new Float64Array(PACKED_NUMBERS);
  /** The scalars the native counter reads and writes (NATIVE_STATE). */
  readonly #state = new Float64Array(new ArrayBuffer(NS.LENGTH * 8));

  static {
    grantTableAccess({
      memory: (t) => t.#memory(),
      state: (t) => {
        t.#saveState();
        return t.#state;
      },
      attach: (t, counter) => {
        t.#native = counter;
      },
    });
    grantPackAccess((t, limit, by, nowMs, into) => t.#packTop(limit, by, nowMs, into));
  }

  /**
   * Makes an empty table; its memory is allocated and touched now, for `maxFlows` flows (about
   * 600 bytes each; 40 MB for the default 65536), so counting never waits for the kernel to map
   * a page of it.
   *
   * @param options Size, timeouts, default link type, and the expiry callback.
   */
  constructor(options: FlowTableOptions = {}) {
    const maxFlows = options.maxFlows ?? DEFAULT_MAX_FLOWS;
    if (!Number.isInteger(maxFlows) || maxFlows < 1 || maxFlows > 1 << 24) {
      throw new RangeError(
        `Cannot make the flow table: maxFlows must be an integer from 1 to ${
          1 << 24
        }, not ${maxFlows}`,
      );
    }
    this.maxFlows = maxFlows;
    this.idleTimeoutMs = checkTimeout(
      "idleTimeoutMs",
      options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    );
    this.activeTimeoutMs = checkTimeout(
      "activeTimeoutMs",
      options.activeTimeoutMs ?? DEFAULT_ACTIVE_TIMEOUT_MS,
    );
    this.#linkType = options.linkType ?? 1;
    this.#onExpire = options.onExpire;
    let size = 16;
    while (size < maxFlows * 2) size *= 2;
    this.#index = new Int32Array(size);
    this.#mask = size - 1;
    this.#keys = new Uint32Array(maxFlows * KEY_STRIDE);
    this.#hot = new Float64Array(maxFlows * HOT);
    this.#cold = new Float64Array(maxFlows * COLD);
    this.#icmp = new Int32Array(maxFlows * 2);
    this.#born = new Float64Array(maxFlows);
    this.#marks = new Float64Array(maxFlows * 2 * MARKS);
    this.#free = new Int32Array(maxFlows);
    this.#live = new Uint8Array(maxFlows);
    for (let i = 0; i < maxFlows; i++) this.#free[i] = maxFlows - 1 - i;
    this.#freeTop = maxFlows;
    // A page of new memory is mapped at its first write: in a flood of new flows, some 9000
    // page faults of a default table, each stalling the packets behind it.
    touchPages(this.#index);
    touchPages(this.#keys);
    touchPages(this.#hot);
    touchPages(this.#cold);
    touchPages(this.#icmp);
    touchPages(this.#born);
    touchPages(this.#marks);
  }

  /** Flows in the table now. */
  get size(): number {
    return this.#count;
  }

  /** Timestamp of the newest packet counted, ms since the epoch (0 before the first). */
  get nowMs(): number {
    return this.#nowMs;
  }

  /**
   * Counts one packet. Never throws on content: a packet whose IP headers cannot be read is
   * counted as undecodable, a non-IP one under its protocol. Allocates nothing for a packet of
   * a flow already in the table.
   *
   * @param packet The packet (`data`, `wireLen`, `sec`, `nsec`, optional `ifIndex`, `linkType`).
   */
  add(packet: FlowPacket): void {
    this.addBytes(
      packet.data,
      packet.wireLen,
      packet.sec,
      packet.nsec,
      packet.ifIndex ?? 0,
      packet.linkType ?? this.#linkType,
    );
  }

  /**
   * {@linkcode FlowTable.add} with the fields passed one by one, as a ring walk has them.
   *
   * @param data The captured bytes.
   * @param wireLen Length on the wire.
   * @param sec Timestamp, seconds since the epoch.
   * @param nsec Nanoseconds within the second.
   * @param ifIndex Interface index (0 when unknown).
   * @param linkType `LINKTYPE_*` of `data`.
   */
  addBytes(
    data: Uint8Array,
    wireLen: number,
    sec: number,
    nsec: number,
    ifIndex: number,
    linkType: number,
  ): void {
    this.#count1(data, 0, data.length, wireLen, sec, nsec, ifIndex, linkType);
  }

  /**
   * Counts every packet of a batch read straight from its bytes (a ring block as the capture
   * engine's `onBatch` gets it), with no object and no view per packet.
   *
   * @param batch The bytes and, per packet, offset, captured and wire length and timestamp.
   * @param ifIndex Interface index of every packet (0 when unknown).
   * @param linkType `LINKTYPE_*` of every packet.
   * @example Count two packets laid out in one buffer
   * ```ts
   * import { FlowTable } from "@tpacket/tpacket/flows";
   * import assert from "node:assert/strict";
   * const syn = Uint8Array.fromHex( // 192.168.0.1.50000 > 192.168.0.2.80: Flags [S]
   *   "020000000002020000000001080045000028000100004006f97bc0a80001c0a80002" +
   *     "c350005000000001000000005002faf06ffc0000",
   * );
   * const bytes = new Uint8Array(200);
   * bytes.set(syn, 16);
   * bytes.set(syn, 100);
   * const table = new FlowTable();
   * table.addBatch({
   *   bytes, count: 2, offsets: Uint32Array.of(16, 100), capLens: Uint32Array.of(54, 54),
   *   wireLens: Uint32Array.of(54, 54), secs: Uint32Array.of(1, 1), nsecs: Uint32Array.of(0, 5),
   * }, 3, 1);
   * assert.deepEqual(table.flows().map((f) => [f.packets, f.bytes, f.ifIndex]), [[2, 80, 3]]);
   * ```
   */
  addBatch(batch: FlowBatch, ifIndex: number, linkType: number): void {
    const { bytes, count, offsets, capLens, wireLens, secs, nsecs } = batch;
    const native = this.#native;
    if (
      native !== undefined && linkType === LINKTYPE.ETHERNET && offsets instanceof Uint32Array &&
      capLens instanceof Uint32Array && wireLens instanceof Uint32Array &&
      secs instanceof Uint32Array && nsecs instanceof Uint32Array
    ) {
      // The native counter takes the common packets; each one it leaves (another rate
      // bucket, a new flow in a full table) is counted here, and it goes on after it.
      for (let i = 0; i < count;) {
        this.#saveState();
        const stop = native(
          this.#state,
          bytes,
          offsets,
          capLens,
          wireLens,
          secs,
          nsecs,
          i,
          count,
          ifIndex,
        );
        this.#loadState();
        if (stop >= count) return;
        this.#count1(
          bytes,
          offsets[stop]!,
          capLens[stop]!,
          wireLens[stop]!,
          secs[stop]!,
          nsecs[stop]!,
          ifIndex,
          linkType,
        );
        i = stop + 1;
      }
      return;
    }
    const ahead = this.#ahead;
    const kinds = this.#kinds;
    const hashes = this.#hashes;
    const times = this.#times;
    const index = this.#index;
    const mask = this.#mask;
    const keys = this.#keys;
    const hot = this.#hot;
    // AHEAD packets at a time: their keys and hashes first, then their index entries in one
    // tight loop, then their flows' key and counters, then the counting. The loads of a group
    // are independent, so their cache misses overlap instead of stalling one packet after
    // another (a table far larger than the cache: 64k flows round-robin).
    for (let i = 0; i < count; i += AHEAD) {
      const n = i + AHEAD < count ? AHEAD : count - i;
      for (let j = 0; j < n; j++) {
        const s = ahead[j]!;
        const kind = readFlowKey(
          linkType,
          bytes,
          offsets[i + j]!,
          capLens[i + j]!,
          wireLens[i + j]!,
          ifIndex,
          s,
        );
        kinds[j] = kind;
        hashes[j] = kind === PACKET_KIND.IP ? hashKey(s.key, s.family === 4) : 0;
        times[j] = secs[i + j]! * 1000 + nsecs[i + j]! / 1e6;
      }
      let touched = 0;
      for (let j = 0; j < n; j++) touched |= index[hashes[j]! & mask]!;
      for (let j = 0; j < n; j++) {
        const e = index[hashes[j]! & mask]! - 1;
        if (e >= 0) touched += keys[e * KEY_STRIDE]! + hot[e * HOT]!;
      }
      this.#touched = touched;
      for (let j = 0; j < n; j++) this.#apply(ahead[j]!, kinds[j]!, j, wireLens[i + j]!);
    }
  }

  /** The arrays a native counter works on. */
  #memory(): FlowTableMemory {
    return {
      index: this.#index,
      keys: this.#keys,
      hot: this.#hot,
      cold: this.#cold,
      icmp: this.#icmp,
      born: this.#born,
      marks: this.#marks,
      free: this.#free,
      live: this.#live,
      mix: this.#mix,
      rate: this.#rate,
    };
  }

  /** The scalars into #state, for the native counter. */
  #saveState(): void {
    const st = this.#state;
    st[NS.COUNT] = this.#count;
    st[NS.MAX] = this.maxFlows;
    st[NS.FREE_TOP] = this.#freeTop;
    st[NS.HIGH_WATER] = this.#highWater;
    st[NS.IDLE_DUE] = this.#idleDue;
    st[NS.FLOWS_MADE] = this.#flowsMade;
    st[NS.PACKETS] = this.#packetsSeen;
    st[NS.WIRE_BYTES] = this.#wireBytes;
    st[NS.IP_BYTES] = this.#ipBytes;
    st[NS.NOW_MS] = this.#nowMs;
    st[NS.EPOCH] = this.#rateEpoch;
    st[NS.EPOCH_START] = this.#epochStartMs;
    st[NS.EPOCH_END] = this.#epochEndMs;
    st[NS.EPOCH_AT] = this.#epochAt;
    st[NS.IDLE_TIMEOUT] = this.idleTimeoutMs;
    st[NS.MASK] = this.#mask;
  }

  /** The scalars the native counter changes, back from #state. */
  #loadState(): void {
    const st = this.#state;
    this.#count = st[NS.COUNT]!;
    this.#freeTop = st[NS.FREE_TOP]!;
    this.#highWater = st[NS.HIGH_WATER]!;
    this.#idleDue = st[NS.IDLE_DUE]!;
    this.#flowsMade = st[NS.FLOWS_MADE]!;
    this.#packetsSeen = st[NS.PACKETS]!;
    this.#wireBytes = st[NS.WIRE_BYTES]!;
    this.#ipBytes = st[NS.IP_BYTES]!;
    this.#nowMs = st[NS.NOW_MS]!;
  }

  /** Counts the packet at `b[start, start + capLen)`. */
  #count1(
    b: Uint8Array,
    start: number,
    capLen: number,
    wireLen: number,
    sec: number,
    nsec: number,
    ifIndex: number,
    linkType: number,
  ): void {
    const s = this.#ahead[0]!;
    const kind = readFlowKey(linkType, b, start, capLen, wireLen, ifIndex, s);
    this.#hashes[0] = kind === PACKET_KIND.IP ? hashKey(s.key, s.family === 4) : 0;
    this.#times[0] = sec * 1000 + nsec / 1e6;
    this.#apply(s, kind, 0, wireLen);
  }

  /**
   * Counts a packet whose key `s` was read, its hash and time at `j` of the read-ahead
   * arrays: the hot path.
   */
  #apply(s: FlowKeyScratch, kind: number, j: number, wireLen: number): void {
    const h = this.#hashes[j]!;
    const timeMs = this.#times[j]!;
    this.#packetsSeen++;
    this.#wireBytes += wireLen;
    if (timeMs > this.#nowMs) this.#nowMs = timeMs;
    // A packet of the bucket in progress (nearly all of them) needs no division to know it.
    let bucket = this.#rateEpoch;
    if (timeMs >= this.#epochStartMs && timeMs < this.#epochEndMs) {
      this.#rate[this.#epochAt]! += wireLen;
    } else {
      bucket = Math.floor(timeMs / RATE_BUCKET_MS);
      this.#countRate(bucket, wireLen);
    }
    const mix = this.#mix;
    if (kind !== PACKET_KIND.IP) {
      const at = kind === PACKET_KIND.ARP
        ? MIX_ARP
        : kind === PACKET_KIND.OTHER
        ? MIX_OTHER
        : MIX_UNDECODABLE;
      mix[at * 2]!++;
      mix[at * 2 + 1]! += wireLen;
      return;
    }
    const ipLen = s.ipLen;
    this.#ipBytes += ipLen;
    mix[s.protocol * 2]!++;
    mix[s.protocol * 2 + 1]! += ipLen;
    const key = s.key;
    // IPv4 keys leave six address words 0: compare the other five only.
    const v4 = s.family === 4;
    const index = this.#index;
    const mask = this.#mask;
    const keys = this.#keys;
    let i = h & mask;
    let slot = -1;
    for (;;) {
      const e = index[i]!;
      if (e === 0) break;
      const k = (e - 1) * KEY_STRIDE;
      if (
        keys[k + KEY_WORDS] === h && keys[k] === key[0] && keys[k + 4] === key[4] &&
        keys[k + 8] === key[8] && keys[k + 9] === key[9] && keys[k + 10] === key[10] &&
        (v4 || (keys[k + 1] === key[1] && keys[k + 2] === key[2] && keys[k + 3] === key[3] &&
          keys[k + 5] === key[5] && keys[k + 6] === key[6] && keys[k + 7] === key[7]))
      ) {
        slot = e - 1;
        break;
      }
      i = (i + 1) & mask;
    }
    const hot = this.#hot;
    // A flow's first packet leaves it unmarked for the clock: one packet is the least claim.
    let seen = META_SEEN;
    if (slot < 0) {
      slot = this.#insert(s, j);
      seen = 0;
    }
    const r = slot * HOT;
    const last = hot[r + HOT_LAST]!;
    const meta = hot[r + HOT_META]!;
    const dir = (s.swapped ? 1 : 0) ^ ((meta >> 16) & 1);
    // Per-direction times touch the cold line only for a direction's first packet of a period
    // and when the direction turns (the hot line has the last packet's time).
    let m = meta | (s.tcpFlags << (dir << 3)) | seen;
    if ((m & (META_FIRST_DUE << dir)) !== 0 || ((m >> 17) & 1) !== dir) {
      m = this.#directionTimes(slot, m, dir, j);
    }
    if (m !== meta) hot[r + HOT_META] = m;
    hot[r + dir]!++;
    hot[r + 2 + dir]! += ipLen;
    if (s.icmp >= 0) this.#icmp[slot * 2 + dir] = s.icmp;
    if (timeMs > last) hot[r + HOT_LAST] = timeMs;
    if (bucket < this.#rateEpoch) this.#late(slot, dir, bucket, ipLen);
  }

  /**
   * A packet of a bucket before the one in progress (frames of several CPUs, a file's
   * reordering): the marks of the buckets after its own get its bytes, so each window counts
   * it in its own bucket. (One older than the bucket its flow was made in counts in that one:
   * the flow's marks start there.)
   */
  #late(slot: number, dir: number, bucket: number, ipLen: number): void {
    const epoch = this.#rateEpoch;
    const born = this.#born[slot]!;
    const marks = this.#marks;
    const rowLen = 2 * this.maxFlows;
    let k = bucket + 1;
    if (k <= born) k = born + 1;
    if (k < epoch - MARKS + 1) k = epoch - MARKS + 1;
    for (; k <= epoch; k++) marks[(k % MARKS) * rowLen + slot * 2 + dir]! += ipLen;
  }

  /**
   * Keeps a direction's first packet of the period and, when the direction turns, the other
   * direction's last packet (the hot line's last); returns the flow's new META word.
   */
  #directionTimes(slot: number, meta: number, dir: number, j: number): number {
    const timeMs = this.#times[j]!;
    const last = this.#hot[slot * HOT + HOT_LAST]!;
    const cold = this.#cold;
    const c = slot * COLD;
    let m = meta;
    if ((m & (META_FIRST_DUE << dir)) !== 0) {
      m &= ~(META_FIRST_DUE << dir);
      cold[c + COLD_DIR_FIRST + dir] = timeMs;
      if (dir === 1 && this.#hot[slot * HOT + 1] === 0) cold[c + COLD_REV_FIRST] = timeMs;
    }
    const lastDir = (m >> 17) & 1;
    if (lastDir !== dir) {
      if (timeMs >= last) {
        cold[c + COLD_DIR_LAST + lastDir] = last;
        m ^= META_LAST_REV;
      } else if (timeMs > cold[c + COLD_DIR_LAST + dir]!) cold[c + COLD_DIR_LAST + dir] = timeMs;
    }
    return m;
  }

  #countRate(bucket: number, len: number): void {
    const rate = this.#rate;
    if (this.#startBucket < 0) {
      this.#startBucket = this.#rateEpoch = bucket;
      // No period can end before the table's first packet plus the active timeout: the first
      // scan for them is due a scan interval after it, not at the first expire() (a pass over
      // every slot in a live view's first second, where nothing can be found).
      this.#lastActiveScan = bucket * RATE_BUCKET_MS;
    }
    if (bucket > this.#rateEpoch) {
      const done = rate[this.#rateEpoch % BUCKETS]!; // the bucket just completed
      if (done > this.#peak) this.#peak = done;
      const gap = bucket - this.#rateEpoch < BUCKETS ? bucket - this.#rateEpoch : BUCKETS;
      for (let g = 1; g <= gap; g++) rate[(this.#rateEpoch + g) % BUCKETS] = 0;
      this.#mark(this.#rateEpoch, bucket);
      this.#rateEpoch = bucket;
    } else if (bucket <= this.#rateEpoch - BUCKETS) return;
    rate[bucket % BUCKETS]! += len;
    const epoch = this.#rateEpoch;
    this.#epochStartMs = epoch * RATE_BUCKET_MS;
    this.#epochEndMs = (epoch + 1) * RATE_BUCKET_MS;
    this.#epochAt = epoch % BUCKETS;
  }

  /**
   * Buckets `epoch + 1` to `bucket` begin (before the packet that begins them is counted):
   * every flow's bytes so far are their marks. A pass over the slots that have held a flow,
   * in chunks, once per 2 s of packet time (~1 ns per flow), the same for the buckets of a
   * silence.
   */
  #mark(epoch: number, bucket: number): void {
    const marks = this.#marks;
    const rowLen = 2 * this.maxFlows;
    const n = this.#highWater;
    const first = epoch + 1 > bucket - MARKS + 1 ? epoch + 1 : bucket - MARKS + 1;
    const row = (first % MARKS) * rowLen;
    for (let at = 0; at < n; at += SCAN_CHUNK) {
      copyMarks(marks, row, this.#hot, at, at + SCAN_CHUNK < n ? at + SCAN_CHUNK : n);
    }
    for (let k = first + 1; k <= bucket; k++) {
      marks.copyWithin((k % MARKS) * rowLen, row, row + 2 * n);
    }
  }

  /** Makes the flow of the packet at `j` of the read-ahead arrays, its key `s`. */
  #insert(s: FlowKeyScratch, j: number): number {
    const h = this.#hashes[j]!;
    const timeMs = this.#times[j]!;
    if (this.#count === this.maxFlows) {
      const victim = this.#clock();
      const idle = this.#hot[victim * HOT + HOT_LAST]! + this.idleTimeoutMs <= timeMs;
      if (!idle) this.#evicted++;
      this.#end(victim, idle ? "idle" : "evicted");
    }
    const slot = this.#free[--this.#freeTop]!;
    if (slot >= this.#highWater) this.#highWater = slot + 1;
    // The probe may have passed the position an eviction freed: find the first empty one again.
    const index = this.#index;
    const mask = this.#mask;
    let i = h & mask;
    while (index[i] !== 0) i = (i + 1) & mask;
    index[i] = slot + 1;
    // Plain loops, not set()/fill(): for these few words a builtin's call costs more than
    // the stores (a flood of new flows is all inserts).
    const k = slot * KEY_STRIDE;
    const keys = this.#keys;
    const key = s.key;
    for (let w = 0; w < KEY_WORDS; w++) keys[k + w] = key[w]!;
    keys[k + KEY_WORDS] = h;
    const r = slot * HOT;
    const hot = this.#hot;
    for (let w = 0; w < HOT; w++) hot[r + w] = 0;
    hot[r + HOT_LAST] = timeMs;
    this.#born[slot] = this.#rateEpoch;
    // The reverse direction's first packet is still to come.
    hot[r + HOT_META] = (s.swapped ? META_INITIATOR : 0) | (META_FIRST_DUE << 1);
    const c = slot * COLD;
    const cold = this.#cold;
    for (let w = 0; w < COLD; w++) cold[c + w] = 0;
    cold[c + COLD_FIRST] = cold[c + COLD_PERIOD] = timeMs;
    cold[c + COLD_DIR_FIRST] = timeMs;
    this.#icmp[slot * 2] = this.#icmp[slot * 2 + 1] = -1;
    if (timeMs + this.idleTimeoutMs < this.#idleDue) this.#idleDue = timeMs + this.idleTimeoutMs;
    this.#live[slot] = 1;
    this.#count++;
    this.#flowsMade++;
    return slot;
  }

  /**
   * The clock hand's pick in a full table (every slot live): the first flow from the hand on
   * with no packet since the hand last passed, clearing the mark of each one it spares.
   */
  #clock(): number {
    const hot = this.#hot;
    const n = this.maxFlows;
    let slot = this.#hand;
    for (;;) {
      const at = slot * HOT + HOT_META;
      const meta = hot[at]!;
      if ((meta & META_SEEN) === 0) break;
      hot[at] = meta - META_SEEN;
      slot = slot + 1 === n ? 0 : slot + 1;
    }
    this.#hand = slot + 1 === n ? 0 : slot + 1;
    return slot;
  }

  /** Reports a flow's last period and removes it from the table. */
  #end(slot: number, reason: FlowEndReason): void {
    if (reason === "idle" && this.#protocolOf(slot) === 6) {
      const meta = this.#hot[slot * HOT + HOT_META]!;
      if ((meta & 0x0404) !== 0 || (meta & (meta >> 8) & 0x01) !== 0) reason = "end";
    }
    if (this.#onExpire) {
      const record = this.#record(slot, this.#nowMs, true);
      record.endReason = reason;
      if (record.packets + record.revPackets > 0) this.#onExpire(record);
    }
    if (reason !== "evicted") this.#expired++;
    this.#remove(slot);
  }

  /** Ends the flows in `slots`, the one with the oldest last packet first (then by slot). */
  #endInOrder(slots: Int32Array, reason: FlowEndReason): void {
    const hot = this.#hot;
    slots.sort((a, b) => hot[a * HOT + HOT_LAST]! - hot[b * HOT + HOT_LAST]! || a - b);
    for (let i = 0; i < slots.length; i++) this.#end(slots[i]!, reason);
  }

  #protocolOf(slot: number): number {
    return (this.#keys[slot * KEY_STRIDE + KEY_WORD.META]! >>> 12) & 0xff;
  }

  #remove(slot: number): void {
    const index = this.#index;
    const mask = this.#mask;
    const keys = this.#keys;
    let i = keys[slot * KEY_STRIDE + KEY_WORDS]! & mask;
    while (index[i] !== slot + 1) i = (i + 1) & mask;
    // Backward-shift deletion: move later entries of the run into the hole unless their home
    // position lies cyclically in (hole, their position].
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const e = index[j]!;
      if (e === 0) break;
      const home = keys[(e - 1) * KEY_STRIDE + KEY_WORDS]! & mask;
      if (i <= j ? i < home && home <= j : i < home || home <= j) continue;
      index[i] = e;
      i = j;
    }
    index[i] = 0;
    this.#live[slot] = 0;
    this.#free[this.#freeTop++] = slot;
    this.#count--;
  }

  /**
   * Ends the flows idle for {@linkcode FlowTable.idleTimeoutMs}, the longest idle first, and
   * reports the ones past the active timeout, each through `onExpire`. Call it now and then
   * (once a second is plenty). Idle ends are exact; finding them scans the table, only when
   * the earliest idle end the last scan found has come.
   *
   * @param nowMs The time to judge by, ms since the epoch; the newest packet's time by default
   *   (a file), `Date.now()` for a live capture that may be quiet.
   * @returns How many flows left the table.
   */
  expire(nowMs: number = this.#nowMs): number {
    let ended = 0;
    const hot = this.#hot;
    const order = this.#order ??= new Int32Array(this.maxFlows);
    // Slots at or above the high-water mark have never held a flow: the scans stop there.
    const n = this.#highWater;
    const soonest = this.#soonest;
    if (nowMs >= this.#idleDue) {
      // Each idle flow, the rest's earliest idle end; then the idle ones by their last packet.
      soonest[0] = Infinity;
      for (let at = 0; at < n; at += SCAN_CHUNK) {
        const end = at + SCAN_CHUNK < n ? at + SCAN_CHUNK : n;
        ended = dueSlots(
          hot,
          HOT,
          HOT_LAST,
          this.#live,
          at,
          end,
          this.idleTimeoutMs,
          nowMs,
          order,
          ended,
          soonest,
        );
      }
      this.#idleDue = soonest[0]!;
      this.#endInOrder(order.subarray(0, ended), "idle");
    }
    // Active periods are checked every 1/30 of the timeout (1 to 60 s), in slot order.
    const every = Math.min(60_000, Math.max(1000, this.activeTimeoutMs / 30));
    if (nowMs - this.#lastActiveScan >= every) {
      this.#lastActiveScan = nowMs;
      const cold = this.#cold;
      let due = 0;
      for (let at = 0; at < n; at += SCAN_CHUNK) {
        const end = at + SCAN_CHUNK < n ? at + SCAN_CHUNK : n;
        due = dueSlots(
          cold,
          COLD,
          COLD_PERIOD,
          this.#live,
          at,
          end,
          this.activeTimeoutMs,
          nowMs,
          order,
          due,
          soonest,
        );
      }
      for (let i = 0; i < due; i++) {
        const slot = order[i]!;
        const c = slot * COLD;
        if (this.#onExpire) {
          const record = this.#record(slot, nowMs, true);
          record.endReason = "active";
          if (record.packets + record.revPackets > 0) this.#onExpire(record);
        }
        const r = slot * HOT;
        cold[c + COLD_SENT] = hot[r]!;
        cold[c + COLD_SENT + 1] = hot[r + 1]!;
        cold[c + COLD_SENT + 2] = hot[r + 2]!;
        cold[c + COLD_SENT + 3] = hot[r + 3]!;
        cold[c + COLD_PERIOD] = nowMs;
        // Each direction's first packet of the new period is still to come.
        hot[r + HOT_META] = hot[r + HOT_META]! | META_FIRST_DUE | (META_FIRST_DUE << 1);
      }
    }
    return ended;
  }

  /**
   * Ends every flow (reason `"forced"`), the longest idle first, reporting each through
   * `onExpire`: the end of a file, or the program stopping.
   *
   * @returns How many flows left the table.
   */
  flush(): number {
    const order = this.#order ??= new Int32Array(this.maxFlows);
    let ended = 0;
    for (let slot = 0; slot < this.maxFlows; slot++) {
      if (this.#live[slot] === 1) order[ended++] = slot;
    }
    this.#endInOrder(order.subarray(0, ended), "forced");
    this.#idleDue = Infinity;
    return ended;
  }

  /**
   * The flows in the table, most recently seen first, with their rates at `nowMs`.
   *
   * @param nowMs The time the rates are computed for; the newest packet's time by default.
   * @returns Plain copies, safe to keep.
   */
  flows(nowMs: number = this.#nowMs): FlowRecord[] {
    const out: FlowRecord[] = [];
    // Slots from the top: flows seen at the same time come newest first in a table that has
    // not yet reused a slot (slots are handed out from 0 up).
    for (let slot = this.maxFlows - 1; slot >= 0; slot--) {
      if (this.#live[slot] === 1) out.push(this.#record(slot, nowMs, false));
    }
    return out.sort((a, b) => b.lastMs - a.lastMs);
  }

  /**
   * The `limit` flows that rank highest by `by`, ranked from the table's own arrays, so only
   * those are copied out: what a once-a-second view of a full table can afford.
   *
   * @param limit How many flows at most.
   * @param by `"bytes"`, `"packets"` (both ways, since the flow began) or `"rate2"`, `"rate10"`,
   *   `"rate40"` (bytes over that window). @default "rate2"
   * @param nowMs The time the rates are computed for; the newest packet's time by default.
   * @returns Plain copies, highest first.
   * @example The busiest flow of two
   * ```ts
   * import { FlowTable } from "@tpacket/tpacket/flows";
   * import assert from "node:assert/strict";
   * const t = new FlowTable();
   * const udp = (port: number, len: number) => {
   *   const b = new Uint8Array(14 + len);
   *   b.set([0x08, 0x00, 0x45, 0, (len >> 8), len & 255, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, 0, port, 0, 53], 12);
   *   t.add({ data: b, wireLen: b.length, sec: 0, nsec: 0 });
   * };
   * udp(1, 100);
   * udp(2, 900);
   * assert.deepEqual(t.top(1, "bytes").map((f) => [f.srcPort, f.bytes]), [[2, 900]]);
   * ```
   */
  top(
    limit: number,
    by: "bytes" | "packets" | "rate2" | "rate10" | "rate40" = "rate2",
    nowMs: number = this.#nowMs,
  ): FlowRecord[] {
    const slots = this.#select(limit, by, nowMs);
    const out: FlowRecord[] = [];
    for (let i = 0; i < slots.length; i++) out.push(this.#record(slots[i]!, nowMs, false));
    return out;
  }

  /** top()'s selection: the slots of its flows, in its order. */
  #select(
    limit: number,
    by: "bytes" | "packets" | "rate2" | "rate10" | "rate40",
    nowMs: number,
  ): Int32Array {
    const cap = Math.max(0, Math.min(Math.floor(limit), this.#count));
    const n = this.maxFlows;
    const live = this.#live;
    const hot = this.#hot;
    // Small loops, one per key, over the slots in order (a sequential scan, not a pointer
    // chase): cheap from the first call on, when a once-a-second caller has not warmed them.
    // In chunks: functions called many times are compiled after the first few (a loop run
    // once a second would stay in the interpreter, or be compiled for one call, for a while).
    const now = Math.floor(nowMs / RATE_BUCKET_MS);
    const windowBuckets = by === "rate2" ? 1 : by === "rate10" ? 5 : 20;
    // As #flowRates: only buckets since the table began, and none when `nowMs` is before it.
    const from = Math.min(now, Math.max(now - windowBuckets, this.#startBucket));
    const heapScore = new Float64Array(cap);
    const heapSlot = new Int32Array(cap);
    let size = 0;
    // Slots at or above the high-water mark have never held a flow.
    const high = this.#highWater;
    // The native counter's scan, when it has one: the same heap, ~2x faster than this one.
    const native = cap > 0 ? this.#native?.top : undefined;
    const mode = by === "bytes" ? 1 : by === "packets" ? 2 : 0;
    const found = native === undefined
      ? -1
      : native(mode, from, now, this.#rateEpoch, heapScore, heapSlot, high);
    if (found >= 0) size = found;
    for (let at = found >= 0 ? high : 0; at < high && cap > 0; at += SCAN_CHUNK) {
      const end = at + SCAN_CHUNK < high ? at + SCAN_CHUNK : high;
      if (by === "bytes") size = totalTop(hot, live, at, end, 2, heapScore, heapSlot, size);
      else if (by === "packets") size = totalTop(hot, live, at, end, 0, heapScore, heapSlot, size);
      else {
        size = windowTop(
          hot,
          this.#born,
          this.#marks,
          2 * n,
          live,
          at,
          end,
          from,
          now,
          this.#rateEpoch,
          heapScore,
          heapSlot,
          size,
        );
      }
    }
    heapSort(heapScore, heapSlot, size);
    return size === cap ? heapSlot : heapSlot.subarray(0, size);
  }

  /** See packTop (flows/_packed.ts): top()'s flows packed from their slots. */
  #packTop(
    limit: number,
    by: "bytes" | "packets" | "rate2" | "rate10" | "rate40",
    nowMs: number,
    into: Float64Array | undefined,
  ): PackedFlows {
    const slots = this.#select(limit, by, nowMs);
    const count = slots.length;
    const numbers = into !== undefined && into.length >= count * PACKED_NUMBERS
      ? into
      : new Float64Array(count * PACKED_NUMBERS);
    // Each string once, in the order packFlows() meets them (a flow's source, destination,
    // state); an IPv4 address found by its number, formatted only the first time.
    const strings: string[] = [];
    const byText = new Map<string, number>();
    const byV4 = new Map<number, number>();
    const intern = (text: string) => {
      let i = byText.get(text);
      if (i === undefined) byText.set(text, i = strings.push(text) - 1);
      return i;
    };
    const v4 = (word: number) => {
      let i = byV4.get(word);
      if (i === undefined) byV4.set(word, i = intern(formatIpv4(word)));
      return i;
    };
    const keys = this.#keys;
    const P = PACKED;
    for (let i = 0; i < count; i++) {
      const slot = slots[i]!;
      const o = i * PACKED_NUMBERS;
      const hi = this.#pack(slot, nowMs, false, numbers, o);
      const k = slot * KEY_STRIDE;
      const src = hi ? k + 4 : k;
      const dst = hi ? k : k + 4;
      if (numbers[o + P.FAMILY] === 4) {
        numbers[o + P.SRC_ADDR] = v4(keys[src]!);
        numbers[o + P.DST_ADDR] = v4(keys[dst]!);
      } else {
        numbers[o + P.SRC_ADDR] = intern(this.#ipv6Text(src));
        numbers[o + P.DST_ADDR] = intern(this.#ipv6Text(dst));
      }
      numbers[o + P.STATE] = intern(this.#tcpState(numbers, o));
    }
    return { count, numbers, strings };
  }

  /**
   * Totals since the table was made, with the overall rates at `nowMs`.
   *
   * @param nowMs The time the rates are computed for; the newest packet's time by default.
   * @returns A plain object.
   */
  stats(nowMs: number = this.#nowMs): FlowTableStats {
    const protocols: Record<string, ProtocolCount> = {};
    const mix = this.#mix;
    for (let i = 0; i < 259; i++) {
      if (mix[i * 2] === 0) continue;
      const name = i === MIX_ARP
        ? "arp"
        : i === MIX_OTHER
        ? "other"
        : i === MIX_UNDECODABLE
        ? "undecodable"
        : protocolName(i);
      protocols[name] = { packets: mix[i * 2]!, bytes: mix[i * 2 + 1]! };
    }
    return {
      packets: this.#packetsSeen,
      wireBytes: this.#wireBytes,
      ipBytes: this.#ipBytes,
      activeFlows: this.#count,
      flows: this.#flowsMade,
      expired: this.#expired,
      evicted: this.#evicted,
      undecodable: mix[MIX_UNDECODABLE * 2]!,
      nonIp: mix[MIX_ARP * 2]! + mix[MIX_OTHER * 2]!,
      rate: this.#rates(nowMs),
      peakRate: this.#peakAt(nowMs),
      protocols,
    };
  }

  /** The peak 2 s rate, counting the last bucket when `nowMs` is past it. */
  #peakAt(nowMs: number): number {
    const epoch = this.#rateEpoch;
    let peak = this.#peak;
    if (epoch >= 0 && Math.floor(nowMs / RATE_BUCKET_MS) > epoch) {
      peak = Math.max(peak, this.#rate[epoch % BUCKETS]!);
    }
    return peak / (RATE_BUCKET_MS / 1000);
  }

  /** Wire bytes per second of every packet over the 2/10/40 s windows of completed buckets. */
  #rates(nowMs: number): [number, number, number] {
    const now = Math.floor(nowMs / RATE_BUCKET_MS);
    const out: [number, number, number] = [0, 0, 0];
    if (this.#startBucket < 0) return out;
    const epoch = this.#rateEpoch;
    for (let w = 0; w < 3; w++) {
      const n = WINDOW_BUCKETS[w]!;
      let sum = 0;
      for (let k = now - n; k < now; k++) {
        if (k <= epoch && k > epoch - BUCKETS && k >= this.#startBucket) {
          sum += this.#rate[k % BUCKETS]!;
        }
      }
      out[w] = sum / this.#span(n, now);
    }
    return out;
  }

  /**
   * Seconds a window of `n` buckets up to bucket `now` covers: a table younger than the window
   * divides by the time it has existed, as iftop does.
   */
  #span(n: number, now: number): number {
    return Math.max(1, Math.min(n, now - this.#startBucket)) * (RATE_BUCKET_MS / 1000);
  }

  /**
   * Bytes per second the flow in `slot` sent in direction `dir` over the three windows, into
   * `out` from `at`.
   */
  #flowRates(slot: number, dir: number, nowMs: number, out: Float64Array, at: number): void {
    out[at] = out[at + 1] = out[at + 2] = 0;
    if (this.#startBucket < 0) return;
    const now = Math.floor(nowMs / RATE_BUCKET_MS);
    const hot = this.#hot;
    const marks = this.#marks;
    const rowLen = 2 * this.maxFlows;
    const epoch = this.#rateEpoch;
    const born = this.#born;
    const end = bytesAt(hot, born, marks, rowLen, slot, dir, now, epoch);
    for (let w = 0; w < 3; w++) {
      const n = WINDOW_BUCKETS[w]!;
      const from = Math.max(now - n, this.#startBucket);
      if (from >= now) continue;
      out[at + w] = (end - bytesAt(hot, born, marks, rowLen, slot, dir, from, epoch)) /
        this.#span(n, now);
    }
  }

  /** The IPv6 address in the 4 big-endian key words at `at`, as tcpdump prints it. */
  #ipv6Text(at: number): string {
    const b = this.#addrBytes;
    for (let w = 0; w < 4; w++) {
      const word = this.#keys[at + w]!;
      b[w * 4] = word >>> 24;
      b[w * 4 + 1] = word >>> 16;
      b[w * 4 + 2] = word >>> 8;
      b[w * 4 + 3] = word;
    }
    return formatIpv6(b);
  }

  /**
   * The numbers of the flow in `slot` into `v` from `o`, in the PACKED layout (flows/_packed.ts),
   * all but its strings' indices: since the table began, or (`delta`) since the counts last
   * reported (an active timeout's record). Returns whether the flow's initiator holds the key's
   * higher address (its source is then the key's second address).
   */
  #pack(slot: number, nowMs: number, delta: boolean, v: Float64Array, o: number): boolean {
    const P = PACKED;
    const keys = this.#keys;
    const k = slot * KEY_STRIDE;
    const meta = keys[k + KEY_WORD.META]!;
    const ports = keys[k + KEY_WORD.PORTS]!;
    const hot = this.#hot;
    const cold = this.#cold;
    const r = slot * HOT;
    const c = slot * COLD;
    const flags = hot[r + HOT_META]!;
    const hi = ((flags >> 16) & 1) === 1;
    const s = c + COLD_SENT;
    const packets = hot[r]! - (delta ? cold[s]! : 0);
    const revPackets = hot[r + 1]! - (delta ? cold[s + 1]! : 0);
    const lastRev = (flags & META_LAST_REV) !== 0;
    const lastMs = hot[r + HOT_LAST]!;
    v[o + P.FAMILY] = (meta >>> 20) === 6 ? 6 : 4;
    v[o + P.PROTOCOL] = (meta >>> 12) & 0xff;
    v[o + P.SRC_PORT] = hi ? ports & 0xffff : ports >>> 16;
    v[o + P.DST_PORT] = hi ? ports >>> 16 : ports & 0xffff;
    v[o + P.VLAN] = meta & 0x0fff;
    v[o + P.IF_INDEX] = keys[k + KEY_WORD.IF_INDEX]!;
    v[o + P.PACKETS] = packets;
    v[o + P.BYTES] = hot[r + 2]! - (delta ? cold[s + 2]! : 0);
    v[o + P.REV_PACKETS] = revPackets;
    v[o + P.REV_BYTES] = hot[r + 3]! - (delta ? cold[s + 3]! : 0);
    v[o + P.FIRST_MS] = cold[c + (delta ? COLD_PERIOD : COLD_FIRST)]!;
    v[o + P.LAST_MS] = lastMs;
    v[o + P.FWD_FIRST_MS] = packets === 0 ? 0 : cold[c + (delta ? COLD_DIR_FIRST : COLD_FIRST)]!;
    v[o + P.FWD_LAST_MS] = packets === 0 ? 0 : lastRev ? cold[c + COLD_DIR_LAST]! : lastMs;
    v[o + P.REV_FIRST_MS] = revPackets === 0
      ? 0
      : cold[c + (delta ? COLD_DIR_FIRST + 1 : COLD_REV_FIRST)]!;
    v[o + P.REV_LAST_MS] = revPackets === 0 ? 0 : lastRev ? lastMs : cold[c + COLD_DIR_LAST + 1]!;
    v[o + P.TCP_FLAGS] = flags & 0xff;
    v[o + P.REV_TCP_FLAGS] = (flags >> 8) & 0xff;
    v[o + P.ICMP] = this.#icmp[slot * 2]!;
    v[o + P.REV_ICMP] = this.#icmp[slot * 2 + 1]!;
    this.#flowRates(slot, 0, nowMs, v, o + P.RATE);
    this.#flowRates(slot, 1, nowMs, v, o + P.REV_RATE);
    return hi;
  }

  /** The TCP state of the flow packed at `o` of `v` ("" for another protocol). */
  #tcpState(v: Float64Array, o: number): string {
    const P = PACKED;
    return v[o + P.PROTOCOL] === 6 ? tcpState(v[o + P.TCP_FLAGS]!, v[o + P.REV_TCP_FLAGS]!) : "";
  }

  /** The record of the flow in `slot`: its numbers as #pack makes them, and its strings. */
  #record(slot: number, nowMs: number, delta: boolean): FlowRecord {
    const v = this.#scratch;
    const hi = this.#pack(slot, nowMs, delta, v, 0);
    const k = slot * KEY_STRIDE;
    const v4 = v[PACKED.FAMILY] === 4;
    const lo = v4 ? formatIpv4(this.#keys[k]!) : this.#ipv6Text(k);
    const high = v4 ? formatIpv4(this.#keys[k + 4]!) : this.#ipv6Text(k + 4);
    v[PACKED.SRC_ADDR] = 0;
    v[PACKED.DST_ADDR] = 1;
    v[PACKED.STATE] = 2;
    return unpackFlow({
      count: 1,
      numbers: v,
      strings: hi ? [high, lo, this.#tcpState(v, 0)] : [lo, high, this.#tcpState(v, 0)],
    }, 0);
  }
}
