/**
 * The per-frame work shared by the V3 and V2 walkers, done the way libpcap's
 * `pcap_handle_packet_mmap()` (pcap-linux.c) does it: bounds check, cooked header,
 * direction, VLAN tag written back, snaplen. Private to `ring/`.
 *
 * @module
 */

import { Frame, type FrameOptions } from "./frame.ts";
import {
  ETH_ADDRS_LEN,
  ETH_P_8021Q,
  PACKET_OUTGOING,
  SLL,
  SLL2,
  SLL2_HDR_LEN,
  SLL_HDR_LEN,
  SOCKADDR_LL,
  TP_STATUS_VLAN_TPID_VALID,
  TP_STATUS_VLAN_VALID,
  VLAN_TAG_LEN,
} from "./layout.ts";

/** Big-endian masks of the first `halen` bytes (0-8) of an 8-byte `sll_addr`, as two words. */
const ADDR_MASK_LO = [0, 0xff000000, 0xffff0000, 0xffffff00, -1, -1, -1, -1, -1];
const ADDR_MASK_HI = [0, 0, 0, 0, 0, 0xff000000, 0xffff0000, 0xffffff00, -1];

/** Kernel structs are in host byte order; DataView needs to be told which one that is. */
export const HOST_LE: boolean = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** {@linkcode Filler.fill} verdicts. */
export const DELIVER = 1;
/** The frame is fine but direction/loopback handling drops it. */
export const SKIP = 0;
/** The frame lies about its size: it overruns its block/frame or has no room for its header. */
export const CORRUPT = -1;

/** Running totals kept by a ring walker (both versions), declared once here. */
export interface RingCounters {
  /** V3: blocks walked (timed-out empty ones included). V2: frame slots walked. */
  blocks: number;
  /** Blocks (V2: frames) that carried `TP_STATUS_LOSING`: the kernel dropped packets before them. */
  losing: number;
  /** V3: times a block's `seq_num` was not the previous one plus 1. Always 0 for V2. */
  seqGaps: number;
  /** Frames refused because they overran their block/frame or left no room for a header. */
  corrupt: number;
  /** Frames a `dispatch` accept predicate refused (a user-space filter): walked, not delivered. */
  rejected: number;
}

/** Checks a {@linkcode FrameOptions} object once, so the hot path need not. */
export function checkFrameOptions(opts: FrameOptions): void {
  if (typeof opts !== "object" || opts === null) {
    throw new TypeError("Cannot walk the ring: frame options must be an object");
  }
  const { snapLen, direction, loopbackIfIndex, cooked, reserve, nanoseconds } = opts;
  if (!Number.isInteger(snapLen) || snapLen < 1 || snapLen > 0x7fffffff) {
    throw new RangeError(
      `Cannot walk the ring: snapLen ${snapLen} is not an integer in 1..2147483647`,
    );
  }
  if (direction !== "in" && direction !== "out" && direction !== "inout") {
    throw new TypeError(
      `Cannot walk the ring: direction "${direction}" is not "in", "out" or "inout"`,
    );
  }
  if (!Number.isInteger(loopbackIfIndex) || loopbackIfIndex < 0) {
    throw new RangeError(
      `Cannot walk the ring: loopbackIfIndex ${loopbackIfIndex} is not an index >= 0`,
    );
  }
  if (cooked !== "none" && cooked !== "sll" && cooked !== "sll2") {
    throw new TypeError(`Cannot walk the ring: cooked "${cooked}" is not "none", "sll" or "sll2"`);
  }
  if (!Number.isInteger(reserve) || reserve < 0) {
    throw new RangeError(`Cannot walk the ring: reserve ${reserve} is not an integer >= 0`);
  }
  if (typeof nanoseconds !== "boolean") {
    throw new TypeError(`Cannot walk the ring: nanoseconds ${nanoseconds} is not a boolean`);
  }
}

/**
 * Fills the ONE reused {@linkcode Frame} from a kernel frame header. Every option is turned
 * into a number or boolean here, once; `fill()` allocates nothing (the caller makes the one
 * `data` subarray from {@linkcode Filler.start} and {@linkcode Filler.capLen}).
 */
export class Filler {
  readonly frame: Frame = new Frame();
  /** Data start of the last filled frame, in bytes from the start of the ring buffer. */
  start = 0;
  /** Captured length of the last filled frame, snaplen applied. */
  capLen = 0;
  readonly #bytes: Uint8Array;
  readonly #dv: DataView;
  readonly #counters: RingCounters;
  /** Offset of `sockaddr_ll` in a frame: TPACKET_ALIGN(sizeof header). */
  readonly #sllOff: number;
  /** TPACKETx_HDRLEN: data (and anything we write in front of it) must start at or after it. */
  readonly #hdrLen: number;
  readonly #snapLen: number;
  readonly #acceptIn: boolean;
  readonly #acceptOut: boolean;
  /** -1 when no loopback index was given: `sll_ifindex` is never negative. */
  readonly #loIndex: number;
  /** 0 (Ethernet), 1 (SLL) or 2 (SLL2). */
  readonly #cooked: number;
  readonly #cookedLen: number;
  /** Where libpcap writes a VLAN tag back (`vlan_offset`): 12 for Ethernet, 14 for SLL, -1 for SLL2. */
  readonly #vlanOffset: number;
  /** 1 for nanoseconds, 1000 for microseconds: `nsec - nsec % div`. */
  readonly #nsecDiv: number;

  constructor(
    buffer: ArrayBuffer,
    counters: RingCounters,
    sllOff: number,
    hdrLen: number,
    opts: FrameOptions,
  ) {
    this.#bytes = new Uint8Array(buffer);
    this.#dv = new DataView(buffer);
    this.#counters = counters;
    this.#sllOff = sllOff;
    this.#hdrLen = hdrLen;
    this.#snapLen = opts.snapLen;
    this.#acceptIn = opts.direction !== "out";
    this.#acceptOut = opts.direction !== "in";
    this.#loIndex = opts.loopbackIfIndex > 0 ? opts.loopbackIfIndex : -1;
    this.#cooked = opts.cooked === "sll" ? 1 : opts.cooked === "sll2" ? 2 : 0;
    this.#cookedLen = this.#cooked === 1 ? SLL_HDR_LEN : this.#cooked === 2 ? SLL2_HDR_LEN : 0;
    this.#vlanOffset = this.#cooked === 0 ? ETH_ADDRS_LEN : this.#cooked === 1 ? SLL.PROTOCOL : -1;
    this.#nsecDiv = opts.nanoseconds ? 1 : 1000;
    this.frame.linkType = opts.linkType ?? 1;
  }

  /**
   * Handles the frame at `at` whose header fields the caller read. The caller has checked that
   * the header and `sockaddr_ll` (hdrLen bytes from `at`) lie before `limit`.
   *
   * @returns DELIVER (frame and start/capLen filled), SKIP, or CORRUPT (nothing read past limit).
   */
  fill(
    at: number,
    limit: number,
    status: number,
    len: number,
    snaplen: number,
    mac: number,
    sec: number,
    nsec: number,
    tci: number,
    tpid: number,
  ): number {
    // libpcap's "corrupted frame on kernel ring" check, before any byte of data is touched.
    if (mac < this.#hdrLen || at + mac + snaplen > limit) return CORRUPT;
    const sll = at + this.#sllOff;
    const pktType = this.#bytes[sll + SOCKADDR_LL.PKTTYPE]!;
    // linux_check_direction(): an outgoing copy on loopback comes back as incoming; drop it.
    if (pktType === PACKET_OUTGOING) {
      if (!this.#acceptOut || this.#ifIndexAt(sll) === this.#loIndex) return SKIP;
    } else if (!this.#acceptIn) return SKIP;
    // Small on purpose, so the walkers inline it: cooked headers and VLAN tags take #rare.
    if (this.#cooked !== 0 || tci !== 0 || (status & TP_STATUS_VLAN_VALID) !== 0) {
      return this.#rare(at, sll, pktType, status, len, snaplen, mac, sec, nsec, tci, tpid);
    }
    const frame = this.frame;
    frame.vlanTci = -1;
    frame.vlanTpid = -1;
    this.start = at + mac;
    this.capLen = snaplen > this.#snapLen ? this.#snapLen : snaplen;
    frame.wireLen = len;
    frame.sec = sec;
    frame.nsec = nsec - nsec % this.#nsecDiv;
    frame.ifIndex = this.#ifIndexAt(sll);
    frame.pktType = pktType;
    frame.protocol = this.#protocolAt(sll);
    return DELIVER;
  }

  /** `sll_ifindex` (host order) of the `sockaddr_ll` at `sll`. */
  #ifIndexAt(sll: number): number {
    return this.#dv.getInt32(sll + SOCKADDR_LL.IFINDEX, HOST_LE);
  }

  /** `sll_protocol` (`__be16`) of the `sockaddr_ll` at `sll`, in host order. */
  #protocolAt(sll: number): number {
    const bytes = this.#bytes;
    return (bytes[sll + SOCKADDR_LL.PROTOCOL]! << 8) | bytes[sll + SOCKADDR_LL.PROTOCOL + 1]!;
  }

  /** {@linkcode Filler.fill} for a cooked header to write or a VLAN tag to put back. */
  #rare(
    at: number,
    sll: number,
    pktType: number,
    status: number,
    len: number,
    snaplen: number,
    mac: number,
    sec: number,
    nsec: number,
    tci: number,
    tpid: number,
  ): number {
    const dv = this.#dv;
    const ifIndex = this.#ifIndexAt(sll);
    let start = at + mac;
    let cap = snaplen;
    let wire = len;
    const cooked = this.#cooked;
    if (cooked !== 0) {
      // The kernel leaves 16 bytes + PACKET_RESERVE in front of tp_mac in SOCK_DGRAM mode.
      start -= this.#cookedLen;
      if (start < at + this.#hdrLen) {
        this.#counters.corrupt++;
        return SKIP;
      }
      const halen = this.#bytes[sll + SOCKADDR_LL.HALEN]!;
      // Only sll_halen bytes are the address: the kernel leaves the rest of sll_addr's 8 as
      // the ring had them, bytes of an earlier frame (libpcap copies them; we write zeros).
      const addrLo = dv.getUint32(sll + SOCKADDR_LL.ADDR) & ADDR_MASK_LO[halen > 8 ? 8 : halen]!;
      const addrHi = dv.getUint32(sll + SOCKADDR_LL.ADDR + 4) &
        ADDR_MASK_HI[halen > 8 ? 8 : halen]!;
      const proto = dv.getUint16(sll + SOCKADDR_LL.PROTOCOL);
      const hatype = dv.getUint16(sll + SOCKADDR_LL.HATYPE, HOST_LE);
      if (cooked === 1) {
        dv.setUint16(start + SLL.PKTTYPE, pktType);
        dv.setUint16(start + SLL.HATYPE, hatype);
        dv.setUint16(start + SLL.HALEN, halen);
        dv.setUint32(start + SLL.ADDR, addrLo);
        dv.setUint32(start + SLL.ADDR + 4, addrHi);
        dv.setUint16(start + SLL.PROTOCOL, proto);
      } else {
        dv.setUint16(start + SLL2.PROTOCOL, proto);
        dv.setUint16(start + SLL2.RESERVED, 0);
        dv.setUint32(start + SLL2.IFINDEX, ifIndex);
        dv.setUint16(start + SLL2.HATYPE, hatype);
        this.#bytes[start + SLL2.PKTTYPE] = pktType;
        this.#bytes[start + SLL2.HALEN] = halen;
        dv.setUint32(start + SLL2.ADDR, addrLo);
        dv.setUint32(start + SLL2.ADDR + 4, addrHi);
      }
      cap += this.#cookedLen;
      wire += this.#cookedLen;
    }

    const frame = this.frame;
    // libpcap's VLAN_VALID(): the flag, or a non-zero TCI from kernels that set no flag.
    if (tci !== 0 || (status & TP_STATUS_VLAN_VALID) !== 0) {
      tci &= 0xffff;
      if (tpid === 0 && (status & TP_STATUS_VLAN_TPID_VALID) === 0) tpid = ETH_P_8021Q;
      frame.vlanTci = tci;
      frame.vlanTpid = tpid;
      const vo = this.#vlanOffset;
      // As libpcap: only where the type field is known, only when the addresses were captured,
      // and (our addition) only when the headroom really is there.
      if (vo >= 0 && snaplen >= vo && start - VLAN_TAG_LEN >= at + this.#hdrLen) {
        this.#bytes.copyWithin(start - VLAN_TAG_LEN, start, start + vo);
        start -= VLAN_TAG_LEN;
        dv.setUint16(start + vo, tpid);
        dv.setUint16(start + vo + 2, tci);
        cap += VLAN_TAG_LEN;
        wire += VLAN_TAG_LEN;
      }
    } else {
      frame.vlanTci = -1;
      frame.vlanTpid = -1;
    }

    this.start = start;
    this.capLen = cap > this.#snapLen ? this.#snapLen : cap;
    frame.wireLen = wire;
    frame.sec = sec;
    frame.nsec = nsec - nsec % this.#nsecDiv;
    frame.ifIndex = ifIndex;
    frame.pktType = pktType;
    frame.protocol = this.#protocolAt(sll);
    return DELIVER;
  }
}
