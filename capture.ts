/**
 * Live capture on Linux: an `AF_PACKET` socket with a memory-mapped
 * `TPACKET_V3` ring (`TPACKET_V2` in immediate mode), read from Deno through
 * FFI without blocking the event loop. libpcap's Linux backend (pcap-linux.c)
 * is the model: the same open sequence, ring geometry, frame handling and
 * statistics.
 *
 * @module
 */

import type { BpfProgram } from "./filter/insn.ts";
import { type Backend, loadBackend, type Mapping } from "./ffi/backend.ts";
import { check, SyscallError } from "./ffi/errno.ts";
import {
  AF_PACKET,
  ARPHRD,
  EINTR,
  EINVAL,
  ENETDOWN,
  ENODEV,
  ENOMEM,
  ENOPROTOOPT,
  ETH_FLAG_LRO,
  ETH_P_ALL,
  ETHTOOL_GFLAGS,
  ETHTOOL_GGRO,
  ETHTOOL_GGSO,
  ETHTOOL_GTSO,
  IFNAMSIZ,
  IFREQ_SIZE,
  PACKET_ADD_MEMBERSHIP,
  PACKET_IGNORE_OUTGOING,
  PACKET_MR_PROMISC,
  PACKET_RESERVE,
  PACKET_RX_RING,
  PACKET_STATISTICS,
  PACKET_VERSION,
  POLLERR,
  POLLHUP,
  POLLNVAL,
  SIOCGIFHWADDR,
  SIOCGIFINDEX,
  SIOCGIFMTU,
  SOCK_CLOEXEC,
  SOCK_DGRAM,
  SOCK_RAW,
  SOL_PACKET,
  SOL_SOCKET,
  TPACKET_V2,
  TPACKET_V3,
} from "./ffi/linux.ts";
import { DEFAULT_SNAPLEN, LINKTYPE } from "./link_type.ts";
import { compileFilter } from "./filter/compile.ts";
import { listDevices } from "./devices.ts";
import { runFilter, SKF_AD, SKF_AD_OFF } from "./filter/vm.ts";
import type { Frame, FrameOptions, Packet } from "./ring/frame.ts";
import {
  SLL2_HDR_LEN,
  SLL_HDR_LEN,
  TPACKET2_HDRLEN,
  tpacketAlign,
  VLAN_TAG_LEN,
} from "./ring/layout.ts";
import { type Batch, type Ring, V2Ring, V3Ring } from "./ring/ring.ts";

export { SyscallError } from "./ffi/errno.ts";

/**
 * Default ring size in bytes (2 MiB, libpcap's default buffer).
 *
 * @example The default ring
 * ```ts
 * import { DEFAULT_BUFFER_SIZE } from "tpacket";
 * import assert from "node:assert/strict";
 * assert.equal(DEFAULT_BUFFER_SIZE, 2 * 1024 * 1024);
 * ```
 */
export const DEFAULT_BUFFER_SIZE = 2 * 1024 * 1024;
/**
 * Default V3 block size in bytes (256 KiB, as libpcap picks for a 262144-byte
 * snaplen): a block is handed over when full or when its timeout expires.
 *
 * @example Eight blocks in the default ring
 * ```ts
 * import { DEFAULT_BLOCK_SIZE, DEFAULT_BUFFER_SIZE } from "tpacket";
 * import assert from "node:assert/strict";
 * assert.equal(DEFAULT_BUFFER_SIZE / DEFAULT_BLOCK_SIZE, 8);
 * ```
 */
export const DEFAULT_BLOCK_SIZE = 256 * 1024;
/**
 * Default V3 block timeout in ms: the longest a packet waits in a block that
 * is not full before the kernel hands the block over (bounds delivery latency).
 *
 * @example Latency bound
 * ```ts
 * import { DEFAULT_BLOCK_TIMEOUT_MS } from "tpacket";
 * import assert from "node:assert/strict";
 * assert.equal(DEFAULT_BLOCK_TIMEOUT_MS, 10);
 * ```
 */
export const DEFAULT_BLOCK_TIMEOUT_MS = 10;

/** Ring geometry of a named preset. */
export interface RingPreset {
  /** V3 block size in bytes. */
  readonly blockSize: number;
  /** V3 block timeout in ms: bounds how long a packet can wait before delivery. */
  readonly blockTimeoutMs: number;
  /** Ring size in bytes, used when `bufferSize` is not given. */
  readonly bufferSize: number;
}

/**
 * The two named ring presets.
 *
 * - `latency`: 128 KiB blocks retired after 1 ms (16 blocks in 2 MiB): a
 *   packet waits at most about 1 ms; more wake-ups per packet under load.
 * - `throughput`: 1 MiB blocks retired after 50 ms (16 blocks in 16 MiB):
 *   fewest wake-ups, up to 50 ms of delivery latency at low rates.
 *
 * Explicit `blockSize`, `blockTimeoutMs` and `bufferSize` options override the preset's.
 *
 * @example Pick a preset
 * ```ts
 * import { RING_PRESETS } from "tpacket";
 * import assert from "node:assert/strict";
 * assert.equal(RING_PRESETS.latency.blockTimeoutMs, 1);
 * assert.equal(RING_PRESETS.throughput.bufferSize / RING_PRESETS.throughput.blockSize, 16);
 * ```
 */
export const RING_PRESETS: Readonly<Record<"latency" | "throughput", RingPreset>> = {
  latency: { blockSize: 128 * 1024, blockTimeoutMs: 1, bufferSize: 2 * 1024 * 1024 },
  throughput: { blockSize: 1024 * 1024, blockTimeoutMs: 50, bufferSize: 16 * 1024 * 1024 },
};

/** How a capture opens its device. */
export interface CaptureOptions {
  /** Bytes kept per packet, 1 to 262144. @default {DEFAULT_SNAPLEN} */
  snapLen?: number;
  /** Put the device in promiscuous mode (`PACKET_MR_PROMISC`) while open. @default true */
  promiscuous?: boolean;
  /** Ring size in bytes, at least one page. @default {DEFAULT_BUFFER_SIZE} (or the preset's) */
  bufferSize?: number;
  /** V3 block size in bytes: a power of two, at least one page. @default {DEFAULT_BLOCK_SIZE} */
  blockSize?: number;
  /** V3 block timeout in ms, 0 (kernel default) to 65535. @default {DEFAULT_BLOCK_TIMEOUT_MS} */
  blockTimeoutMs?: number;
  /** Named ring geometry, see {@linkcode RING_PRESETS}; explicit sizes override it. */
  preset?: "latency" | "throughput";
  /** `TPACKET_V2` frame ring: each packet is delivered at once, no block latency. @default false */
  immediate?: boolean;
  /** Which packets: received (`"in"`), sent (`"out"`) or both. @default "inout" */
  direction?: "in" | "out" | "inout";
  /** Timestamp resolution of `nsec`. @default "micro" */
  timestampPrecision?: "micro" | "nano";
  /**
   * Filter attached in the kernel (`SO_ATTACH_FILTER`): a pcap-filter expression
   * (`"udp port 53"`, compiled for the capture's link type and snapLen) or a
   * classic BPF program.
   */
  filter?: string | BpfProgram;
  /** Link type of the `"any"` device: `LINUX_SLL` or `LINUX_SLL2`. @default "sll" */
  cooked?: "sll" | "sll2";
  /** System-call backend: the C shim when built (`"auto"`), or plain libc. @default "auto" */
  backend?: "auto" | "shim" | "libc";
}

/** Running totals of a capture, like `pcap_stats` plus the ring's counters. */
export interface CaptureStats {
  /** Packets that reached the socket, dropped ones included (libpcap's `ps_recv`). */
  received: number;
  /** Packets the kernel dropped because the ring was full (`ps_drop`). */
  dropped: number;
  /** Times the V3 queue was frozen because no block was free (`tp_freeze_q_cnt`). */
  freezes: number;
  /** Blocks (V2: frames) that carried `TP_STATUS_LOSING`. */
  losingBlocks: number;
  /** Gaps in the V3 block sequence numbers. */
  seqGaps: number;
}

/** Options of {@linkcode Capture.loop} and {@linkcode Capture.packets}. */
export interface LoopOptions {
  /** Stop after this many packets; 0 or less: no limit. @default 0 */
  count?: number;
  /** Ends the loop (it resolves with the packets delivered so far) and wakes its wait. */
  signal?: AbortSignal;
}

/** Options of {@linkcode Capture.dispatch}. */
export interface DispatchOptions {
  /** Deliver at most this many packets; 0 or less: all that are ready. @default 0 */
  max?: number;
  /** Longest wait for the first packet in ms; negative: no limit. @default -1 */
  timeoutMs?: number;
  /** Ends the wait (it resolves with 0). */
  signal?: AbortSignal;
}

interface Config {
  snapLen: number;
  promiscuous: boolean;
  bufferSize: number;
  blockSize: number | undefined;
  blockTimeoutMs: number;
  immediate: boolean;
  direction: "in" | "out" | "inout";
  nanoseconds: boolean;
  filter: string | BpfProgram | undefined;
  cooked: "sll" | "sll2";
  backend: "auto" | "shim" | "libc";
}

const BPF_MAXINSNS = 4096;
const MAX_LINKHEADER_SIZE = 256; // pcap-linux.c: headroom the kernel may leave for SOCK_RAW
const SO_ERROR = 4;
const PACKET_STATS_V3_LEN = 12;
/** A run of drained blocks longer than this yields to timers and I/O. */
const YIELD_AFTER_MS = 8;

function fail(device: string, what: string, Ctor: ErrorConstructor = RangeError): never {
  throw new Ctor(`Cannot open ${JSON.stringify(device)}: ${what}`);
}

function intOption(
  device: string,
  name: string,
  value: unknown,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number") {
    fail(device, `${name} must be a number, got ${typeof value}`, TypeError);
  }
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(device, `${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}

function oneOf<T extends string>(
  device: string,
  name: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !allowed.includes(value as T)) {
    const list = allowed.map((a) => `"${a}"`).join(", ");
    fail(device, `${name} must be one of ${list}, got ${JSON.stringify(value)}`, TypeError);
  }
  return value as T;
}

function boolOption(device: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") {
    fail(device, `${name} must be a boolean, got ${typeof value}`, TypeError);
  }
  return value;
}

/** Checks a program's shape and encodes it as `struct sock_filter[]`. */
function encodeProgram(device: string, program: unknown): Uint8Array {
  if (!Array.isArray(program)) {
    fail(device, `filter must be an array of BPF instructions, got ${typeof program}`, TypeError);
  }
  if (program.length < 1 || program.length > BPF_MAXINSNS) {
    fail(device, `filter must have 1 to ${BPF_MAXINSNS} instructions, got ${program.length}`);
  }
  const bytes = new Uint8Array(program.length * 8);
  const dv = new DataView(bytes.buffer);
  program.forEach((insn: unknown, i: number) => {
    const { code, jt, jf, k } = (insn ?? {}) as Record<string, unknown>;
    const ok = (v: unknown, max: number) =>
      Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max;
    if (!ok(code, 0xffff) || !ok(jt, 0xff) || !ok(jf, 0xff) || !ok(k, 0xffff_ffff)) {
      fail(device, `filter instruction ${i} is not { code, jt, jf, k } in range`, TypeError);
    }
    dv.setUint16(i * 8, code as number, true);
    dv.setUint8(i * 8 + 2, jt as number);
    dv.setUint8(i * 8 + 3, jf as number);
    dv.setUint32(i * 8 + 4, k as number, true);
  });
  return bytes;
}

/** Checks every option once, before any system call. */
function checkOptions(device: unknown, options: unknown): Config {
  if (typeof device !== "string") {
    throw new TypeError(`Cannot open a capture: the device must be a string, got ${typeof device}`);
  }
  if (
    device.length === 0 || new TextEncoder().encode(device).length >= IFNAMSIZ ||
    /[\0/\s]/.test(device)
  ) {
    fail(device, `not a valid interface name (1 to ${IFNAMSIZ - 1} bytes, no "/", NUL or space)`);
  }
  if (options === null || typeof options !== "object") {
    fail(
      device,
      `options must be an object, got ${options === null ? "null" : typeof options}`,
      TypeError,
    );
  }
  const o = options as Record<string, unknown>;
  const preset = o.preset === undefined
    ? undefined
    : RING_PRESETS[oneOf(device, "preset", o.preset, ["latency", "throughput"], "latency")];
  const blockSize = intOption(device, "blockSize", o.blockSize, 4096, 1 << 30);
  if (blockSize !== undefined && (blockSize & (blockSize - 1)) !== 0) {
    fail(device, `blockSize must be a power of two, got ${blockSize}`);
  }
  const bufferSize = intOption(device, "bufferSize", o.bufferSize, 4096, 2 ** 32) ??
    preset?.bufferSize ?? DEFAULT_BUFFER_SIZE;
  const config: Config = {
    snapLen: intOption(device, "snapLen", o.snapLen, 1, DEFAULT_SNAPLEN) ?? DEFAULT_SNAPLEN,
    promiscuous: boolOption(device, "promiscuous", o.promiscuous, true),
    bufferSize,
    blockSize: blockSize ?? preset?.blockSize,
    blockTimeoutMs: intOption(device, "blockTimeoutMs", o.blockTimeoutMs, 0, 65535) ??
      preset?.blockTimeoutMs ?? DEFAULT_BLOCK_TIMEOUT_MS,
    immediate: boolOption(device, "immediate", o.immediate, false),
    direction: oneOf(device, "direction", o.direction, ["in", "out", "inout"], "inout"),
    nanoseconds:
      oneOf(device, "timestampPrecision", o.timestampPrecision, ["micro", "nano"], "micro") ===
        "nano",
    filter: undefined,
    cooked: oneOf(device, "cooked", o.cooked, ["sll", "sll2"], "sll"),
    backend: oneOf(device, "backend", o.backend, ["auto", "shim", "libc"], "auto"),
  };
  if (config.blockSize !== undefined && config.blockSize > bufferSize) {
    fail(device, `bufferSize (${bufferSize}) must be at least blockSize (${config.blockSize})`);
  }
  if (o.filter !== undefined) {
    // Expressions are compiled once the link type is known (in the open sequence).
    if (typeof o.filter !== "string") encodeProgram(device, o.filter);
    config.filter = o.filter as string | BpfProgram;
  }
  return config;
}

/**
 * pcap-linux.c `fix_program`: a cooked (`SOCK_DGRAM`) socket's kernel filter
 * sees the packet from its network header, with no cooked header in front. Loads
 * from the packet are moved back by the header length, and the header fields
 * the kernel knows become ancillary loads (protocol, packet type, ifindex).
 *
 * @returns The program for the kernel, or `undefined` when it reads a header
 *   field the kernel cannot give (then it runs in user space, as libpcap).
 */
function fixCookedProgram(program: BpfProgram, cooked: "sll" | "sll2"): BpfProgram | undefined {
  const fixed = [];
  for (const insn of program) {
    const cls = insn.code & 0x07;
    const mode = insn.code & 0xe0;
    // BPF_LD / BPF_LDX with BPF_ABS (0x20), BPF_IND (0x40) or BPF_MSH (0xa0): packet loads.
    if ((cls === 0x00 || cls === 0x01) && (mode === 0x20 || mode === 0x40 || mode === 0xa0)) {
      let k = insn.k;
      if (k < SKF_AD_OFF) {
        const headerLen = cooked === "sll2" ? SLL2_HDR_LEN : SLL_HDR_LEN;
        if (k >= headerLen) k -= headerLen;
        else if (cooked === "sll2" && k === 0) k = SKF_AD_OFF + SKF_AD.PROTOCOL;
        else if (cooked === "sll2" && k === 4) k = SKF_AD_OFF + SKF_AD.IFINDEX;
        else if (cooked === "sll2" && k === 10) k = SKF_AD_OFF + SKF_AD.PKTTYPE;
        else if (cooked === "sll" && k === 0) k = SKF_AD_OFF + SKF_AD.PKTTYPE;
        else if (cooked === "sll" && k === 14) k = SKF_AD_OFF + SKF_AD.PROTOCOL;
        else return undefined;
      }
      fixed.push({ code: insn.code, jt: insn.jt, jf: insn.jf, k });
    } else {
      fixed.push(insn);
    }
  }
  return fixed;
}

/** libpcap's `map_arphrd_to_dlt`, for the types that are cheap to support; else cooked. */
function linkTypeOf(arphrd: number): number | "cooked" {
  switch (arphrd) {
    case ARPHRD.ETHER:
    case ARPHRD.LOOPBACK:
      return LINKTYPE.ETHERNET;
    case ARPHRD.NONE:
    case ARPHRD.RAWIP:
    case ARPHRD.TUNNEL:
    case ARPHRD.TUNNEL6:
    case ARPHRD.SIT:
    case ARPHRD.SLIP:
    case ARPHRD.CSLIP:
    case ARPHRD.SLIP6:
    case ARPHRD.CSLIP6:
    case ARPHRD.RAWHDLC:
      return LINKTYPE.RAW;
    case ARPHRD.IEEE80211_RADIOTAP:
      return 127; // LINKTYPE_IEEE802_11_RADIOTAP
    default:
      return "cooked";
  }
}

function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** A `struct ifreq` holding `name`. */
function ifreqFor(name: string): Uint8Array {
  const ifreq = new Uint8Array(IFREQ_SIZE);
  new TextEncoder().encodeInto(name, ifreq.subarray(0, IFNAMSIZ - 1));
  return ifreq;
}

/**
 * Opens a live capture on `device` (an interface name, or `"any"` for every
 * interface with cooked headers), the way libpcap's Linux backend does:
 * socket with protocol 0 (nothing queued yet), ring version, reserve, RX ring
 * (shrunk on `ENOMEM`), mmap, filter, promiscuous membership, and bind last.
 * Any failure undoes what was done. Needs `--allow-ffi` and root or
 * `CAP_NET_RAW`.
 *
 * @param device The interface name (`"eth0"`), or `"any"`.
 * @param options How to open it; every field is checked before any system call.
 * @returns The open capture; close it (or use `using`) when done.
 * @example Capture ten packets
 * ```ts ignore
 * import { openCapture } from "tpacket";
 * import assert from "node:assert/strict";
 * using cap = openCapture("eth0", { snapLen: 96, promiscuous: false });
 * const n = await cap.loop((frame) => console.log(frame.wireLen), { count: 10 });
 * assert.equal(n, 10);
 * ```
 * @example Bad options are refused before any system call
 * ```ts
 * import { openCapture } from "tpacket";
 * import assert from "node:assert/strict";
 * assert.throws(() => openCapture("eth0", { snapLen: 0 }), RangeError);
 * ```
 */
export function openCapture(device: string, options: CaptureOptions = {}): Capture {
  const config = checkOptions(device, options);
  return Capture[OPEN](device, config);
}

const OPEN = Symbol("open");

/**
 * An open live capture. Frames come through {@linkcode Capture.loop},
 * {@linkcode Capture.dispatch}, {@linkcode Capture.packets} (copies) or
 * {@linkcode Capture.nextBatch} (whole blocks). Waits run on another thread, so
 * timers and I/O keep running while a capture waits. One wait at a time.
 *
 * @example Open, read what is there, close
 * ```ts ignore
 * import { openCapture } from "tpacket";
 * import assert from "node:assert/strict";
 * await using cap = openCapture("any", { cooked: "sll2" });
 * const got = await cap.dispatch((f) => assert.ok(f.capLen > 0), { timeoutMs: 100 });
 * console.log(got, cap.stats());
 * ```
 */
export class Capture {
  /** The device name given to {@linkcode openCapture}. */
  readonly device: string;
  /** Bytes kept per packet at most. */
  readonly snapLen: number;
  /** Which system-call backend this capture uses. */
  readonly backend: "shim" | "libc";
  /** Index of the interface, 0 for `"any"`. */
  get ifIndex(): number {
    return this.#ifIndexValue;
  }
  /** `LINKTYPE_*` of the frames (`ETHERNET`, `LINUX_SLL`, `LINUX_SLL2`, `RAW`, ...). */
  get linkType(): number {
    return this.#linkType;
  }
  /** `TPACKET_V3` (3) block ring, or `TPACKET_V2` (2) frame ring. */
  get ringVersion(): 2 | 3 {
    return this.#ringVersion;
  }
  /** Bytes of ring memory actually mapped. */
  get bufferSize(): number {
    return this.#bufferSize;
  }

  #ifIndexValue = 0;
  #linkType: number = LINKTYPE.ETHERNET;
  #ringVersion: 2 | 3 = 3;
  #bufferSize = 0;

  readonly #b: Backend;
  readonly #config: Config;
  #fd = -1;
  #efd = -1;
  #mapping: Mapping | undefined;
  #ring: Ring | undefined;
  #closed = false;
  #break = false;
  #busy = false;
  #pending: Promise<number> | undefined;
  #refilter: { program: BpfProgram; untilBlock: number } | undefined;
  #userFilter: BpfProgram | undefined;
  #cooked: FrameOptions["cooked"] = "none";
  #rejected = 0;
  #slotSize = 0;
  #totals: CaptureStats = { received: 0, dropped: 0, freezes: 0, losingBlocks: 0, seqGaps: 0 };
  readonly #statsBuf = new Uint8Array(PACKET_STATS_V3_LEN);
  readonly #statsView = new DataView(this.#statsBuf.buffer);

  private constructor(device: string, config: Config, backend: Backend) {
    this.device = device;
    this.snapLen = config.snapLen;
    this.#config = config;
    this.#b = backend;
    this.backend = backend.kind;
  }

  /** Runs the open sequence; any failure closes what was opened. */
  static [OPEN](device: string, config: Config): Capture {
    const cap = new Capture(device, config, loadBackend(config.backend));
    try {
      cap.#open();
    } catch (e) {
      cap.close();
      throw e;
    }
    return cap;
  }

  #open(): void {
    const b = this.#b;
    const device = this.device;
    const config = this.#config;
    const any = device === "any";
    const what = `open ${JSON.stringify(device)}`;
    const set = (name: number, value: number, label: string) =>
      check(b.setsockoptInt(this.#fd, SOL_PACKET, name, value), what, `setsockopt(${label})`);
    // Protocol 0: the socket receives nothing until bind(), after the ring and filter exist.
    this.#fd = check(
      b.socket(AF_PACKET, (any ? SOCK_DGRAM : SOCK_RAW) | SOCK_CLOEXEC, 0),
      what,
      "socket(AF_PACKET)",
    );
    let linkType: number = any
      ? (config.cooked === "sll2" ? LINKTYPE.LINUX_SLL2 : LINKTYPE.LINUX_SLL)
      : 0;
    let cooked: FrameOptions["cooked"] = any ? config.cooked : "none";
    let ifIndex = 0;
    if (!any) {
      ifIndex = this.#ifIndex(device, true);
      const ifreq = ifreqFor(device);
      check(b.ioctl(this.#fd, SIOCGIFHWADDR, ifreq), what, "ioctl(SIOCGIFHWADDR)");
      const mapped = linkTypeOf(new DataView(ifreq.buffer).getUint16(IFNAMSIZ, true));
      if (mapped === "cooked") {
        // Unknown link layer: capture it cooked, as libpcap does.
        b.close(this.#fd);
        this.#fd = -1;
        this.#fd = check(
          b.socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, 0),
          what,
          "socket(AF_PACKET)",
        );
        cooked = config.cooked;
        linkType = config.cooked === "sll2" ? LINKTYPE.LINUX_SLL2 : LINKTYPE.LINUX_SLL;
      } else {
        linkType = mapped;
      }
    }
    const loopbackIfIndex = this.#ifIndex("lo", false);
    // V3 unless immediate; V2 when the kernel refuses V3 with EINVAL (before 3.2), and only
    // then, as libpcap's init_tpacket: any other error is a real one, not a missing version.
    let version = config.immediate ? TPACKET_V2 : TPACKET_V3;
    if (version === TPACKET_V3) {
      const r = b.setsockoptInt(this.#fd, SOL_PACKET, PACKET_VERSION, TPACKET_V3);
      if (r === -EINVAL) version = TPACKET_V2;
      else check(r, what, "setsockopt(PACKET_VERSION)");
    }
    if (version === TPACKET_V2) set(PACKET_VERSION, TPACKET_V2, "PACKET_VERSION");
    const reserve = VLAN_TAG_LEN +
      (cooked === "sll2" ? SLL2_HDR_LEN : cooked === "sll" ? SLL_HDR_LEN : 0);
    set(PACKET_RESERVE, reserve, "PACKET_RESERVE");
    const pageSize = b.pageSize() > 0 ? b.pageSize() : 4096;
    const geometry = version === TPACKET_V3
      ? this.#v3Geometry(pageSize)
      : this.#v2Geometry(pageSize, linkType, cooked !== "none", reserve, ifIndex);
    const { blockSize, blockCount, frameSize, frameCount } = this.#createRing(geometry, version);
    const mapped = b.mmap(this.#fd, blockSize * blockCount);
    if (typeof mapped === "number") check(mapped, what, "mmap(PACKET_RX_RING)");
    this.#mapping = mapped as Mapping;
    const frameOptions: FrameOptions = {
      snapLen: config.snapLen,
      direction: config.direction,
      loopbackIfIndex,
      cooked,
      reserve,
      nanoseconds: config.nanoseconds,
    };
    this.#ring = version === TPACKET_V3
      ? new V3Ring(this.#mapping.buffer, blockSize, blockCount, frameOptions)
      : new V2Ring(this.#mapping.buffer, frameSize, frameCount, frameOptions);
    this.#cooked = cooked; // setFilter() fixes programs up for a cooked socket too
    this.#linkType = linkType;
    if (config.filter !== undefined) {
      // live: the kernel runs it before the outer VLAN tag is written back (SKF_AD_VLAN_*).
      const program = typeof config.filter === "string"
        ? compileFilter(config.filter, {
          linkType,
          snapLen: config.snapLen,
          live: true,
          netmask: this.#netmask(),
        })
        : config.filter;
      this.#install(program, `attach the filter on ${JSON.stringify(device)}`);
    } else if (config.snapLen < DEFAULT_SNAPLEN && cooked === "none") {
      // "ret #snapLen": the kernel copies only snapLen bytes into the ring (tp_len stays whole).
      this.#attach([{ code: 0x06, jt: 0, jf: 0, k: config.snapLen }], what);
    }
    if (!any && config.promiscuous) {
      // struct packet_mreq { int mr_ifindex; unsigned short mr_type, mr_alen; unsigned char mr_address[8]; }
      const mreq = new Uint8Array(16);
      const dv = new DataView(mreq.buffer);
      dv.setInt32(0, ifIndex, true);
      dv.setUint16(4, PACKET_MR_PROMISC, true);
      check(
        b.setsockopt(this.#fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, mreq),
        `set promiscuous mode on ${JSON.stringify(device)}`,
        "setsockopt(PACKET_ADD_MEMBERSHIP)",
      );
    }
    if (config.direction === "in") {
      // Linux 4.20+; older kernels say ENOPROTOOPT and the ring skips outgoing frames anyway.
      const r = b.setsockoptInt(this.#fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, 1);
      if (r < 0 && r !== -ENOPROTOOPT && r !== -EINVAL) {
        check(r, what, "setsockopt(PACKET_IGNORE_OUTGOING)");
      }
    }
    // struct sockaddr_ll: family, protocol (big-endian), ifindex; the rest zero.
    const sll = new Uint8Array(20);
    const sdv = new DataView(sll.buffer);
    sdv.setUint16(0, AF_PACKET, true);
    sdv.setUint16(2, ETH_P_ALL, false);
    sdv.setInt32(4, ifIndex, true);
    const bound = b.bind(this.#fd, sll);
    if (bound === -ENODEV) throw this.#noDevice("bind");
    check(bound, what, "bind");
    const err = new Uint8Array(4);
    if (b.getsockopt(this.#fd, SOL_SOCKET, SO_ERROR, err) >= 0) {
      const pending = new DataView(err.buffer).getInt32(0, true);
      if (pending === ENETDOWN) {
        throw new SyscallError(what, "bind", ENETDOWN, `Cannot ${what}: the interface is down`);
      }
      if (pending > 0) check(-pending, what, "bind");
    }
    this.#efd = check(b.eventfd(), what, "eventfd");
    this.#ifIndexValue = ifIndex;
    this.#linkType = linkType;
    this.#ringVersion = version === TPACKET_V3 ? 3 : 2;
    this.#bufferSize = blockSize * blockCount;
    this.#slotSize = version === TPACKET_V3 ? blockSize : frameSize;
  }

  #noDevice(syscall: string): SyscallError {
    return new SyscallError(
      `open ${JSON.stringify(this.device)}`,
      syscall,
      ENODEV,
      `Cannot open ${JSON.stringify(this.device)}: no such device`,
    );
  }

  /** SIOCGIFINDEX on the capture socket; 0 when `required` is false and it fails. */
  #ifIndex(name: string, required: boolean): number {
    const ifreq = ifreqFor(name);
    const r = this.#b.ioctl(this.#fd, SIOCGIFINDEX, ifreq);
    if (r < 0) {
      if (!required) return 0;
      if (r === -ENODEV) throw this.#noDevice("ioctl(SIOCGIFINDEX)");
      check(r, `open ${JSON.stringify(name)}`, "ioctl(SIOCGIFINDEX)");
    }
    return new DataView(ifreq.buffer).getInt32(IFNAMSIZ, true);
  }

  /** V3: one "frame" per block, as libpcap; the block holds many variable-size frames. */
  #v3Geometry(pageSize: number): Geometry {
    const config = this.#config;
    const blockSize = Math.max(config.blockSize ?? DEFAULT_BLOCK_SIZE, pageSize);
    const blockCount = Math.max(1, Math.ceil(config.bufferSize / blockSize));
    return { blockSize, blockCount, frameSize: blockSize, frameCount: blockCount };
  }

  /**
   * V2: frame size from the snaplen as pcap-linux.c computes it (capped by
   * MTU + 18, or 65535 + 18 when the NIC offloads segmentation; other link
   * types by 65536 + 18, the loopback MTU, where libpcap keeps the whole
   * snaplen and gets a handful of frames). Frames must tile the mapping with no
   * gap: small frames are a power of two dividing the page, large ones a whole
   * number of pages with one frame per block (blocks need only be page-aligned).
   */
  #v2Geometry(
    pageSize: number,
    linkType: number,
    cooked: boolean,
    reserve: number,
    ifIndex: number,
  ): Geometry {
    const config = this.#config;
    let frameLen = Math.min(config.snapLen, 65536 + 18);
    if (linkType === LINKTYPE.ETHERNET && ifIndex > 0) {
      const ifreq = ifreqFor(this.device);
      const mtu = this.#b.ioctl(this.#fd, SIOCGIFMTU, ifreq) < 0
        ? 1500
        : new DataView(ifreq.buffer).getInt32(IFNAMSIZ, true);
      const maxFrame = (this.#offloads() ? Math.max(mtu, 65535) : mtu) + 18;
      frameLen = Math.min(config.snapLen, maxFrame);
    }
    const maclen = cooked ? 0 : MAX_LINKHEADER_SIZE;
    const netoff = tpacketAlign(TPACKET2_HDRLEN + Math.max(maclen, 16)) + reserve;
    const macoff = netoff - maclen;
    const needed = tpacketAlign(macoff + frameLen);
    let frameSize: number;
    let blockSize: number;
    if (needed <= pageSize) {
      frameSize = nextPow2(needed);
      blockSize = Math.max(config.blockSize ?? pageSize, pageSize);
    } else {
      frameSize = Math.ceil(needed / pageSize) * pageSize;
      blockSize = frameSize;
    }
    const perBlock = blockSize / frameSize;
    const frames = Math.ceil(config.bufferSize / frameSize);
    const blockCount = Math.max(1, Math.floor(frames / perBlock));
    return { blockSize, blockCount, frameSize, frameCount: blockCount * perBlock };
  }

  /** pcap-linux.c `iface_get_offload`: TSO, GSO, GRO or LRO on means frames up to 64 KiB. */
  #offloads(): boolean {
    const b = this.#b;
    for (const cmd of [ETHTOOL_GTSO, ETHTOOL_GGSO, ETHTOOL_GGRO]) {
      if (b.ethtoolGet(this.#fd, this.device, cmd) > 0) return true;
    }
    const flags = b.ethtoolGet(this.#fd, this.device, ETHTOOL_GFLAGS);
    return flags > 0 && (flags & ETH_FLAG_LRO) !== 0;
  }

  /** PACKET_RX_RING; on ENOMEM asks for 5% fewer frames (at least 1) and retries, as libpcap. */
  #createRing(g: Geometry, version: number): Geometry {
    const perBlock = g.frameSize === 0 ? 1 : g.blockSize / g.frameSize;
    let frameCount = g.frameCount;
    for (;;) {
      const blockCount = Math.floor(frameCount / perBlock);
      frameCount = blockCount * perBlock;
      // struct tpacket_req3 (the V2 struct tpacket_req is its first 16 bytes)
      const req = new Uint32Array([
        g.blockSize,
        blockCount,
        g.frameSize,
        frameCount,
        this.#config.blockTimeoutMs,
        0,
        0,
      ]);
      const bytes = new Uint8Array(req.buffer, 0, version === TPACKET_V3 ? 28 : 16);
      const r = this.#b.setsockopt(this.#fd, SOL_PACKET, PACKET_RX_RING, bytes);
      if (r === 0) return { ...g, blockCount, frameCount };
      if (r === -ENOMEM && blockCount > 1) {
        frameCount -= frameCount < 20 ? 1 : Math.floor(frameCount / 20);
        continue;
      }
      check(
        r,
        `create the RX ring on ${JSON.stringify(this.device)}`,
        "setsockopt(PACKET_RX_RING)",
      );
    }
  }

  /**
   * Attaches `program` in the kernel; on a cooked socket, the fixed-up form, or
   * (when it cannot be fixed) nothing in the kernel and the program in user space.
   */
  #install(program: BpfProgram, step: string): void {
    encodeProgram(this.device, program);
    this.#userFilter = undefined;
    if (this.#cooked !== "none") {
      const fixed = fixCookedProgram(program, this.#cooked);
      if (fixed === undefined) {
        this.#attach([{ code: 0x06, jt: 0, jf: 0, k: 0xffff_ffff }], step); // ret #-1: accept
        this.#userFilter = program;
        return;
      }
      program = fixed;
    }
    this.#attach(program, step);
  }

  #attach(program: BpfProgram, step: string): void {
    const bytes = encodeProgram(this.device, program);
    check(
      this.#b.attachFilter(this.#fd, bytes, program.length),
      step,
      "setsockopt(SO_ATTACH_FILTER)",
    );
  }

  /**
   * Waits until the ring has something, the wait is broken, or `timeoutMs`
   * passes. One nonblocking poll: the event loop keeps running meanwhile.
   *
   * @returns true when the ring is ready.
   */
  async #wait(timeoutMs: number, signal: AbortSignal | undefined): Promise<boolean> {
    let eintr = 0;
    let busy = 0;
    const deadline = timeoutMs < 0 ? Infinity : performance.now() + timeoutMs;
    for (;;) {
      if (this.#closed || this.#break || signal?.aborted) return false;
      if (this.#ring!.ready) return true;
      const left = deadline === Infinity
        ? -1
        : Math.max(0, Math.ceil(deadline - performance.now()));
      const r = await this.#poll(left);
      if (this.#closed) return false;
      if (r < 0) {
        // -EINTR: a signal; the libc backend also reports its (errno-less) failures so.
        if (r === -EINTR && ++eintr < 1000) continue;
        check(r, `wait for packets on ${JSON.stringify(this.device)}`, "poll");
      }
      eintr = 0;
      if ((r >>> 16) !== 0) this.#b.eventfdDrain(this.#efd);
      if ((r & (POLLERR | POLLHUP | POLLNVAL)) !== 0) this.#socketError(r);
      if (r === 0 && performance.now() >= deadline) return this.#ring!.ready;
      if ((r & 0xffff) !== 0 && !this.#ring!.ready && ++busy > 2) {
        // Readable but nothing for us: the ready blocks are all held by unreleased batches.
        // Back off instead of spinning until one is released.
        await new Promise((resolve) => setTimeout(resolve, 1));
      } else if ((r & 0xffff) === 0) {
        busy = 0;
      }
    }
  }

  /**
   * One nonblocking poll of the socket and the eventfd. While it is pending `close()` leaves
   * the fds open (the poll thread still uses them); they are released once it returns.
   */
  async #poll(timeoutMs: number): Promise<number> {
    const pending = this.#b.poll(this.#fd, this.#efd, timeoutMs);
    this.#pending = pending;
    try {
      return await pending;
    } finally {
      this.#pending = undefined;
      if (this.#closed) this.#release();
    }
  }

  /**
   * One turn of the event loop during a flood: a zero-timeout poll (tens of µs) rather than
   * `setTimeout(0)`, which sleeps for a timer tick (1 to 2 ms measured here) while the ring
   * fills up.
   */
  async #turn(): Promise<void> {
    const r = await this.#poll(0);
    // A break or abort wrote the eventfd: drain it (the loop sees the flag); errors are left
    // to the next wait.
    if (r > 0 && (r >>> 16) !== 0) this.#b.eventfdDrain(this.#efd);
  }

  /** POLLERR: the pending socket error, ENETDOWN when the interface went down. */
  #socketError(revents: number): never {
    const err = new Uint8Array(4);
    const got = this.#b.getsockopt(this.#fd, SOL_SOCKET, SO_ERROR, err);
    const errno = got >= 0 ? new DataView(err.buffer).getInt32(0, true) : -got;
    const step = `capture on ${JSON.stringify(this.device)}`;
    if (errno === ENETDOWN) {
      throw new SyscallError(step, "poll", ENETDOWN, `Cannot ${step}: the interface went down`);
    }
    throw new SyscallError(
      step,
      "poll",
      errno || ENETDOWN,
      `Cannot ${step}: poll reported revents 0x${revents.toString(16)}`,
    );
  }

  #enter(what: string, signal: AbortSignal | undefined): (() => void) | undefined {
    if (this.#busy) {
      throw new Error(
        `Cannot ${what} on ${JSON.stringify(this.device)}: another wait is running on this capture`,
      );
    }
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      throw new TypeError(`Cannot ${what}: signal must be an AbortSignal`);
    }
    this.#busy = true;
    if (signal === undefined) return undefined;
    const wake = () => this.#efd >= 0 && this.#b.eventfdSignal(this.#efd);
    signal.addEventListener("abort", wake);
    return () => signal.removeEventListener("abort", wake);
  }

  #leave(cleanup: (() => void) | undefined): void {
    this.#busy = false;
    cleanup?.();
  }

  /**
   * Calls `cb` for every packet until `count` packets were delivered, the
   * loop is broken ({@linkcode Capture.breakLoop}), the signal aborts or the
   * capture closes. Like `pcap_loop`; each wait is one nonblocking poll and
   * every ready block is drained after it.
   *
   * @param cb Gets the ONE reused zero-copy frame, valid only during the call
   *   (keep it with `frame.copy()`).
   * @param options `count` and `signal`.
   * @returns The number of packets delivered.
   * @example Count packets for a second
   * ```ts ignore
   * import { openCapture } from "tpacket";
   * import assert from "node:assert/strict";
   * using cap = openCapture("lo");
   * const n = await cap.loop(() => {}, { signal: AbortSignal.timeout(1000) });
   * assert.ok(n >= 0);
   * ```
   */
  async loop(cb: (frame: Frame) => void, options: LoopOptions = {}): Promise<number> {
    if (typeof cb !== "function") {
      throw new TypeError("Cannot loop: the callback must be a function");
    }
    const count = options.count ?? 0;
    if (!Number.isInteger(count)) {
      throw new TypeError(`Cannot loop: count must be an integer, got ${count}`);
    }
    const signal = options.signal;
    if (this.#closed) return 0;
    const cleanup = this.#enter("loop", signal);
    let n = 0;
    try {
      let since = performance.now();
      for (;;) {
        if (this.#break) {
          this.#break = false;
          break;
        }
        if (this.#closed || signal?.aborted) break;
        const ring = this.#ring!;
        if (ring.ready) {
          const rejected = this.#rejected;
          n += ring.dispatch(this.#filtered(cb), count > 0 ? count - n : 0) -
            (this.#rejected - rejected);
          if (count > 0 && n >= count) break;
          // A flood keeps the ring ready: let timers and I/O run now and then.
          if (performance.now() - since > YIELD_AFTER_MS) {
            await this.#turn();
            since = performance.now();
          }
          continue;
        }
        await this.#wait(-1, signal);
        since = performance.now();
      }
    } finally {
      this.#leave(cleanup);
    }
    return n;
  }

  /**
   * Waits (up to `timeoutMs`) for packets, then delivers what is ready, at
   * most `max`. Like `pcap_dispatch`. Resolves 0 on timeout, break, abort or
   * close.
   *
   * @param cb Gets the ONE reused zero-copy frame, valid only during the call.
   * @param options `max`, `timeoutMs` and `signal`.
   * @returns The number of packets delivered.
   * @example Take what arrives within 100 ms
   * ```ts ignore
   * import { openCapture } from "tpacket";
   * import assert from "node:assert/strict";
   * using cap = openCapture("lo");
   * const n = await cap.dispatch((f) => assert.ok(f.capLen <= cap.snapLen), { timeoutMs: 100 });
   * assert.ok(n >= 0);
   * ```
   */
  async dispatch(cb: (frame: Frame) => void, options: DispatchOptions = {}): Promise<number> {
    if (typeof cb !== "function") {
      throw new TypeError("Cannot dispatch: the callback must be a function");
    }
    const max = options.max ?? 0;
    const timeoutMs = options.timeoutMs ?? -1;
    if (!Number.isInteger(max)) {
      throw new TypeError(`Cannot dispatch: max must be an integer, got ${max}`);
    }
    if (typeof timeoutMs !== "number" || Number.isNaN(timeoutMs)) {
      throw new TypeError(`Cannot dispatch: timeoutMs must be a number, got ${timeoutMs}`);
    }
    if (this.#closed) return 0;
    const signal = options.signal;
    const cleanup = this.#enter("dispatch", signal);
    try {
      const deadline = timeoutMs < 0 ? Infinity : performance.now() + timeoutMs;
      for (;;) {
        if (this.#break) {
          this.#break = false;
          return 0;
        }
        const left = deadline === Infinity ? -1 : Math.max(0, deadline - performance.now());
        if (!(await this.#wait(left, signal))) {
          if (this.#break) this.#break = false;
          return 0;
        }
        // A block may hold only frames the direction or loopback rules skip: wait again.
        const rejected = this.#rejected;
        const n = this.#ring!.dispatch(this.#filtered(cb), max) - (this.#rejected - rejected);
        if (n > 0 || performance.now() >= deadline) return n;
      }
    } finally {
      this.#leave(cleanup);
    }
  }

  /**
   * Yields a copy of every packet (`frame.copy()`), until `count`, a break,
   * the signal or close ends it. Also the capture's `for await` iterator.
   *
   * @param options `count` and `signal`.
   * @returns An async iterator of owned packets.
   * @example Keep five packets
   * ```ts ignore
   * import { openCapture } from "tpacket";
   * import assert from "node:assert/strict";
   * using cap = openCapture("lo");
   * const kept = [];
   * for await (const p of cap.packets({ count: 5 })) kept.push(p);
   * assert.equal(kept.length, 5);
   * ```
   */
  async *packets(options: LoopOptions = {}): AsyncIterableIterator<Packet> {
    const count = options.count ?? 0;
    const signal = options.signal;
    const queue: Packet[] = [];
    const keep = (f: Frame) => {
      queue.push(f.copy());
    };
    let n = 0;
    while (count <= 0 || n < count) {
      if (queue.length === 0) {
        const opts: DispatchOptions = { max: count > 0 ? count - n : 0 };
        if (signal !== undefined) opts.signal = signal;
        await this.dispatch(keep, opts);
        if (queue.length === 0) return; // closed, broken or aborted
      }
      n++;
      yield queue.shift()!;
    }
  }

  /** The same as {@linkcode Capture.packets} with no count. */
  [Symbol.asyncIterator](): AsyncIterableIterator<Packet> {
    return this.packets();
  }

  /**
   * Waits for the next whole V3 block (V2: run of frames) and hands it over:
   * one view plus per-frame offsets and lengths, the cheapest way to JavaScript.
   * Call `release()` on it to give the memory back to the kernel.
   *
   * @param options `signal` ends the wait.
   * @returns The batch, or `undefined` once closed, broken or aborted.
   * @example Sum the bytes of one block
   * ```ts ignore
   * import { openCapture } from "tpacket";
   * using cap = openCapture("lo");
   * const batch = await cap.nextBatch();
   * if (batch) {
   *   let bytes = 0;
   *   for (let i = 0; i < batch.count; i++) bytes += batch.capLens[i]!;
   *   batch.release();
   * }
   * ```
   */
  async nextBatch(options: { signal?: AbortSignal } = {}): Promise<Batch | undefined> {
    if (this.#closed) return undefined;
    const signal = options.signal;
    const cleanup = this.#enter("read a batch", signal);
    try {
      for (;;) {
        if (this.#break) {
          this.#break = false;
          return undefined;
        }
        if (!(await this.#wait(-1, signal))) {
          if (this.#break) this.#break = false;
          return undefined;
        }
        const batch = this.#ring!.nextBatch();
        if (batch === undefined) continue;
        if (batch.count > 0) return batch;
        batch.release(); // only skipped frames (direction, loopback) or an empty timed-out block
      }
    } finally {
      this.#leave(cleanup);
    }
  }

  /**
   * Running totals: the kernel's `PACKET_STATISTICS` (which reset on every
   * read, so they are accumulated here) plus the ring's loss counters.
   *
   * @returns A fresh object with the totals since open.
   * @example Read the counters
   * ```ts ignore
   * import { openCapture } from "tpacket";
   * using cap = openCapture("lo");
   * const { received, dropped } = cap.stats();
   * console.log(`${received} packets received by filter, ${dropped} dropped by kernel`);
   * ```
   */
  stats(): CaptureStats {
    if (!this.#closed && this.#fd >= 0) this.#readStats();
    const t = this.#totals;
    const ring = this.#ring?.counters;
    return {
      received: t.received,
      dropped: t.dropped,
      freezes: t.freezes,
      losingBlocks: ring?.losing ?? 0,
      seqGaps: ring?.seqGaps ?? 0,
    };
  }

  #readStats(): void {
    const buf = this.#statsBuf;
    buf.fill(0);
    const r = this.#b.getsockopt(this.#fd, SOL_PACKET, PACKET_STATISTICS, buf);
    check(r, `read statistics of ${JSON.stringify(this.device)}`, "getsockopt(PACKET_STATISTICS)");
    const dv = this.#statsView;
    // tpacket_stats(_v3): tp_packets already includes tp_drops (af_packet.c adds them).
    this.#totals.received += dv.getUint32(0, true);
    this.#totals.dropped += dv.getUint32(4, true);
    if (r >= PACKET_STATS_V3_LEN) this.#totals.freezes += dv.getUint32(8, true);
  }

  /**
   * The device's IPv4 netmask as a number, for `ip broadcast` in filter strings (libpcap's
   * pcap_lookupnet); 0 for "any" or a device without IPv4, as libpcap does.
   */
  #netmask(): number {
    if (this.device === "any") return 0;
    try {
      const dev = listDevices().find((d) => d.name === this.device);
      const mask = dev?.addresses.find((a) => a.family === "ipv4" && a.netmask)?.netmask;
      if (mask === undefined) return 0;
      return mask.split(".").reduce((n, part) => n * 256 + Number(part), 0) >>> 0;
    } catch {
      return 0; // libpcap compiles with 0 too when the lookup fails
    }
  }

  /**
   * Replaces the kernel filter (`SO_ATTACH_FILTER`). Frames queued in the ring
   * under the previous filter are run through the new one in user space
   * before delivery, as libpcap does, so none that it rejects comes out.
   *
   * @param filter A pcap-filter expression or a classic BPF program.
   * @example Keep only ARP
   * ```ts ignore
   * import { openCapture } from "tpacket";
   * using cap = openCapture("eth0");
   * cap.setFilter("arp");
   * ```
   */
  setFilter(filter: string | BpfProgram): void {
    const step = `set the filter on ${JSON.stringify(this.device)}`;
    if (this.#closed) throw new Error(`Cannot ${step}: the capture is closed`);
    const options = { linkType: this.#linkType, snapLen: this.snapLen, netmask: this.#netmask() };
    // The kernel gets the live form (outer VLAN tag in socket metadata); queued frames, which
    // come out of the ring with the tag written back, get the saved-file form.
    const program = typeof filter === "string"
      ? compileFilter(filter, { ...options, live: true })
      : filter;
    const queued = typeof filter === "string" ? compileFilter(filter, options) : filter;
    this.#install(program, step);
    // Blocks (V3) or frames (V2) already handed to user space, plus the block the kernel is
    // filling, hold frames the old filter accepted: filter them again on the way out.
    this.#refilter = {
      program: queued,
      untilBlock: this.#ring!.counters.blocks + this.#queuedSlots(),
    };
  }

  /** Ring slots (blocks or frames) owned by user space now, plus the V3 block being filled. */
  #queuedSlots(): number {
    const buffer = this.#mapping!.buffer;
    const words = new Uint32Array(buffer, 0, buffer.byteLength >>> 2);
    let n = 0;
    for (let at = 0; at < buffer.byteLength; at += this.#slotSize) {
      // block_status (V3) is at byte 8 of tpacket_block_desc; tp_status (V2) at byte 0.
      const status = Atomics.load(words, (at + (this.#ringVersion === 3 ? 8 : 0)) >>> 2);
      if ((status & 1) !== 0) n++;
    }
    return this.#ringVersion === 3 ? n + 1 : n;
  }

  /** Wraps a callback so frames from before a setFilter() pass the new filter first. */
  #filtered(cb: (frame: Frame) => void): (frame: Frame) => void {
    const user = this.#userFilter;
    if (user !== undefined) {
      // A cooked-socket filter the kernel cannot run: every frame goes through it here.
      return (frame: Frame) => {
        if (runFilter(user, frame.data, frame.wireLen) === 0) this.#rejected++;
        else cb(frame);
      };
    }
    const refilter = this.#refilter;
    if (refilter === undefined) return cb;
    const counters = this.#ring!.counters;
    return (frame: Frame) => {
      if (this.#refilter !== undefined && counters.blocks <= refilter.untilBlock) {
        if (runFilter(refilter.program, frame.data, frame.wireLen) === 0) {
          this.#rejected++;
          return;
        }
      } else {
        this.#refilter = undefined;
      }
      cb(frame);
    };
  }

  /**
   * Sends one raw frame out of the device, link-layer header included (`pcap_inject`).
   *
   * @param bytes The whole frame.
   * @returns The number of bytes sent.
   * @example Send a broadcast frame
   * ```ts ignore
   * import { openCapture } from "tpacket";
   * import assert from "node:assert/strict";
   * using cap = openCapture("veth0");
   * const frame = new Uint8Array(60).fill(0xff, 0, 6);
   * assert.equal(cap.send(frame), 60);
   * ```
   */
  send(bytes: Uint8Array): number {
    if (!(bytes instanceof Uint8Array)) {
      throw new TypeError("Cannot send: the frame must be a Uint8Array");
    }
    const step = `send on ${JSON.stringify(this.device)}`;
    if (this.#closed) throw new Error(`Cannot ${step}: the capture is closed`);
    if (this.ifIndex === 0) {
      throw new Error(`Cannot ${step}: sending is not supported on the "any" device`);
    }
    return check(this.#b.send(this.#fd, bytes), step, "send");
  }

  /**
   * Ends the running loop, dispatch, iterator or batch wait at once (through
   * the eventfd its poll also watches). With none running, the next one ends
   * at once, as `pcap_breakloop`.
   *
   * @example Stop a loop from a timer
   * ```ts ignore
   * import { openCapture } from "tpacket";
   * using cap = openCapture("lo");
   * setTimeout(() => cap.breakLoop(), 100);
   * await cap.loop(() => {});
   * ```
   */
  breakLoop(): void {
    if (this.#closed) return;
    this.#break = true;
    if (this.#efd >= 0) this.#b.eventfdSignal(this.#efd);
  }

  /**
   * Closes the capture: ends any pending wait, detaches the ring memory (kept
   * views read as empty) and unmaps it, closes the socket. Harmless twice.
   *
   * @example Close twice
   * ```ts ignore
   * import { openCapture } from "tpacket";
   * const cap = openCapture("lo");
   * cap.close();
   * cap.close();
   * ```
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#fd >= 0) {
      try {
        this.#readStats(); // the last counts, before the socket goes
      } catch { /* keep the earlier totals */ }
    }
    if (this.#efd >= 0) this.#b.eventfdSignal(this.#efd);
    this.#mapping?.unmap();
    // A poll still running on its thread holds the fds: they are closed when it returns.
    if (this.#pending === undefined) this.#release();
  }

  /** Closes the file descriptors (once no poll is using them). */
  #release(): void {
    if (this.#fd >= 0) this.#b.close(this.#fd);
    if (this.#efd >= 0) this.#b.close(this.#efd);
    this.#fd = -1;
    this.#efd = -1;
  }

  /** Same as {@linkcode Capture.close}. */
  [Symbol.dispose](): void {
    this.close();
  }

  /** Closes, then waits until a pending poll has returned and every fd is closed. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    while (this.#pending !== undefined) await this.#pending.catch(() => 0);
  }
}

interface Geometry {
  blockSize: number;
  blockCount: number;
  frameSize: number;
  frameCount: number;
}
