/**
 * Builds TPACKET_V3 blocks and TPACKET_V2 frames in an `ArrayBuffer` exactly as the kernel's
 * `tpacket_rcv()` (net/packet/af_packet.c) lays them out, so the walkers can be tested with no
 * socket: `tp_mac`/`tp_net` from the header length, 16 bytes of slack and `PACKET_RESERVE`;
 * frames 8-byte aligned in a block, the last one with `tp_next_offset` 0; `sockaddr_ll` at
 * `TPACKET_ALIGN(sizeof header)`; status words, VLAN fields, `seq_num`, `TP_STATUS_LOSING`.
 * For tests, benchmarks and the walkers' JIT warm-up (ring/warm.ts); not exported by the package.
 *
 * @module
 */

import {
  BLOCK_DESC,
  PACKET_HOST,
  SOCKADDR_LL,
  TP2,
  TP3,
  TP_STATUS_BLK_TMO,
  TP_STATUS_COPY,
  TP_STATUS_LOSING,
  TP_STATUS_TS_SOFTWARE,
  TP_STATUS_USER,
  TP_STATUS_VLAN_TPID_VALID,
  TP_STATUS_VLAN_VALID,
  TPACKET2_HDRLEN,
  TPACKET3_HDRLEN,
  TPACKET_V3,
  tpacketAlign,
  VLAN_TAG_LEN,
} from "./layout.ts";

const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** `AF_PACKET`, the `sll_family` the kernel writes. */
const AF_PACKET = 17;
/** `ARPHRD_ETHER`. */
const ARPHRD_ETHER = 1;
/** `V3_ALIGNMENT` in af_packet.c: frames inside a V3 block are 8-byte aligned. */
const V3_ALIGNMENT = 8;

/** One frame as the kernel would store it. */
export interface TestFrame {
  /** Bytes from `tp_mac`: the link frame (tag already stripped), or the network packet when cooked. */
  data: Uint8Array;
  /** `tp_len`. @default data.length */
  wireLen?: number;
  /** `tp_snaplen`: bytes of `data` stored. @default data.length (V2: clipped to the frame, + COPY) */
  snapLen?: number;
  /** `tp_sec`. @default 1700000000 */
  sec?: number;
  /** `tp_nsec`. @default 123456789 */
  nsec?: number;
  /** `sll_ifindex`. @default 2 */
  ifIndex?: number;
  /** `sll_pkttype`. @default PACKET_HOST */
  pktType?: number;
  /** `sll_protocol`, host order. @default the Ethernet type at data[12] (raw), else 0x0800 */
  protocol?: number;
  /** `sll_hatype`. @default ARPHRD_ETHER */
  hatype?: number;
  /** `sll_addr` (at most 8 bytes; `sll_halen` is its length). @default data[6..12] (raw), else 6 zero bytes */
  addr?: Uint8Array;
  /**
   * Bytes left in `sll_addr` after its `sll_halen` (the kernel writes only those, the rest is
   * whatever the ring held). @default zeros
   */
  addrTail?: Uint8Array;
  /** A tag the kernel stripped: sets `TP_STATUS_VLAN_VALID`. */
  vlanTci?: number;
  /** Its TPID: sets `TP_STATUS_VLAN_TPID_VALID`. Without it the kernel field stays 0. */
  vlanTpid?: number;
  /** Replaces the computed `tp_status`. */
  status?: number;
  /** Replaces the computed `tp_mac`. */
  mac?: number;
  /** Replaces the computed `tp_next_offset` (V3). */
  nextOffset?: number;
}

/** One V3 block. */
export interface TestBlock {
  /** Its frames, in order; none for a block retired by its timer. */
  frames: TestFrame[];
  /** `seq_num`. @default block index + 1 */
  seq?: number;
  /** Adds `TP_STATUS_LOSING` to `block_status`. */
  losing?: boolean;
  /** Replaces the computed `block_status` (USER, + BLK_TMO when empty, + LOSING). */
  status?: number;
  /** Replaces `num_pkts`. */
  numPkts?: number;
}

/** How the socket was set up. */
export interface TestRingOptions {
  /** `SOCK_DGRAM` (the `"any"` device): no link header, `tp_mac == tp_net`. @default false */
  cooked?: boolean;
  /** `PACKET_RESERVE`. @default 4, plus 4 more when cooked (as libpcap asks) */
  reserve?: number;
  /** Link header length (`skb_network_offset`) in `SOCK_RAW` mode. @default 14 */
  macLen?: number;
}

/** `tp_mac` as tpacket_rcv() computes it for a header length `hdrLen` (`po->tp_hdrlen`). */
export function macOffset(hdrLen: number, opts: TestRingOptions = {}): number {
  const reserve = opts.reserve ?? (opts.cooked ? 8 : VLAN_TAG_LEN);
  if (opts.cooked) return tpacketAlign(hdrLen) + 16 + reserve;
  const macLen = opts.macLen ?? 14;
  const netoff = tpacketAlign(hdrLen + (macLen < 16 ? 16 : macLen)) + reserve;
  return netoff - macLen;
}

function defaults(f: TestFrame, cooked: boolean) {
  const d = f.data;
  const raw = !cooked && d.length >= 14;
  const protocol = f.protocol ?? (raw ? (d[12]! << 8) | d[13]! : 0x0800);
  const addr = f.addr ?? (raw ? d.subarray(6, 12) : new Uint8Array(6));
  let status = TP_STATUS_USER | TP_STATUS_TS_SOFTWARE;
  if (f.vlanTci !== undefined) status |= TP_STATUS_VLAN_VALID;
  if (f.vlanTpid !== undefined) status |= TP_STATUS_VLAN_TPID_VALID;
  return { protocol, addr, status };
}

function writeSll(dv: DataView, at: number, f: TestFrame, protocol: number, addr: Uint8Array) {
  dv.setUint16(at + SOCKADDR_LL.FAMILY, AF_PACKET, LE);
  dv.setUint16(at + SOCKADDR_LL.PROTOCOL, protocol); // __be16
  dv.setInt32(at + SOCKADDR_LL.IFINDEX, f.ifIndex ?? 2, LE);
  dv.setUint16(at + SOCKADDR_LL.HATYPE, f.hatype ?? ARPHRD_ETHER, LE);
  dv.setUint8(at + SOCKADDR_LL.PKTTYPE, f.pktType ?? PACKET_HOST);
  dv.setUint8(at + SOCKADDR_LL.HALEN, addr.length);
  const field = new Uint8Array(dv.buffer, at + SOCKADDR_LL.ADDR, 8).fill(0);
  field.set(addr.subarray(0, 8));
  if (f.addrTail) field.set(f.addrTail.subarray(0, 8 - Math.min(addr.length, 8)), addr.length);
}

/**
 * Writes block `index` of a V3 ring the way the kernel fills and retires it.
 *
 * @returns `blk_len`.
 */
export function writeV3Block(
  buffer: ArrayBuffer,
  blockSize: number,
  index: number,
  block: TestBlock,
  opts: TestRingOptions = {},
): number {
  const base = index * blockSize;
  new Uint8Array(buffer, base, blockSize).fill(0);
  const dv = new DataView(buffer);
  const mac0 = macOffset(TPACKET3_HDRLEN, opts);
  let pos = BLOCK_DESC.SIZE; // BLK_PLUS_PRIV(0): no private area
  let first: TestFrame | undefined;
  let last: TestFrame | undefined;
  let lastAt = -1;
  for (const f of block.frames) {
    const mac = f.mac ?? mac0;
    const snap = f.snapLen ?? f.data.length;
    // A lying tp_snaplen (tests of overruns) does not move where the next frame goes.
    const stored = Math.min(snap, f.data.length);
    const total = Math.ceil((mac + stored) / V3_ALIGNMENT) * V3_ALIGNMENT;
    // __packet_lookup_frame_in_block(): a frame must end strictly before the block does.
    if (f.mac === undefined && f.snapLen === undefined && pos + total >= blockSize) {
      throw new RangeError(`test ring: frame of ${snap} bytes does not fit in block ${index}`);
    }
    const at = base + pos;
    const { protocol, addr, status } = defaults(f, !!opts.cooked);
    // Data first: a test that puts tp_mac inside the header must still see its header fields.
    const end = Math.min(snap, f.data.length, blockSize - pos - mac);
    if (end > 0) new Uint8Array(buffer, at + mac, end).set(f.data.subarray(0, end));
    dv.setUint32(at + TP3.NEXT_OFFSET, f.nextOffset ?? total, LE);
    dv.setUint32(at + TP3.SEC, f.sec ?? 1700000000, LE);
    dv.setUint32(at + TP3.NSEC, f.nsec ?? 123456789, LE);
    dv.setUint32(at + TP3.SNAPLEN, snap, LE);
    dv.setUint32(at + TP3.LEN, f.wireLen ?? f.data.length, LE);
    dv.setUint32(at + TP3.STATUS, f.status ?? status, LE);
    dv.setUint16(at + TP3.MAC, mac, LE);
    dv.setUint16(at + TP3.NET, opts.cooked ? mac : mac + (opts.macLen ?? 14), LE);
    dv.setUint32(at + TP3.VLAN_TCI, f.vlanTci ?? 0, LE);
    dv.setUint16(at + TP3.VLAN_TPID, f.vlanTpid ?? 0, LE);
    writeSll(dv, at + tpacketAlign(TP3.SIZE), f, protocol, addr);
    first ??= f;
    last = f;
    lastAt = at;
    pos += total;
  }
  // prb_close_block(): the last frame's next offset is zeroed.
  if (lastAt >= 0 && last?.nextOffset === undefined) dv.setUint32(lastAt + TP3.NEXT_OFFSET, 0, LE);
  const seq = block.seq ?? index + 1;
  dv.setUint32(base + BLOCK_DESC.VERSION, TPACKET_V3, LE);
  dv.setUint32(base + BLOCK_DESC.NUM_PKTS, block.numPkts ?? block.frames.length, LE);
  dv.setUint32(base + BLOCK_DESC.OFFSET_TO_FIRST_PKT, BLOCK_DESC.SIZE, LE);
  dv.setUint32(base + BLOCK_DESC.BLK_LEN, pos, LE);
  dv.setUint32(base + BLOCK_DESC.SEQ_NUM, seq % 0x1_0000_0000, LE);
  dv.setUint32(base + BLOCK_DESC.SEQ_NUM + 4, Math.floor(seq / 0x1_0000_0000), LE);
  dv.setUint32(base + BLOCK_DESC.TS_FIRST_PKT_SEC, first?.sec ?? 1700000000, LE);
  dv.setUint32(base + BLOCK_DESC.TS_FIRST_PKT_NSEC, first?.nsec ?? 0, LE);
  dv.setUint32(base + BLOCK_DESC.TS_LAST_PKT_SEC, last?.sec ?? 1700000000, LE);
  dv.setUint32(base + BLOCK_DESC.TS_LAST_PKT_NSEC, last?.nsec ?? 0, LE);
  const status = block.status ??
    (TP_STATUS_USER | (block.frames.length === 0 ? TP_STATUS_BLK_TMO : 0) |
      (block.losing ? TP_STATUS_LOSING : 0));
  dv.setUint32(base + BLOCK_DESC.BLOCK_STATUS, status, LE);
  return pos;
}

/**
 * Builds a V3 ring of `blockCount` blocks; block i is filled from `blocks[i]` and handed to
 * user space, the others (or `undefined` entries) still belong to the kernel.
 */
export function buildV3Ring(
  blockSize: number,
  blockCount: number,
  blocks: readonly (TestBlock | undefined)[],
  opts: TestRingOptions = {},
): ArrayBuffer {
  const buffer = new ArrayBuffer(blockSize * blockCount);
  blocks.forEach((b, i) => {
    if (b) writeV3Block(buffer, blockSize, i, b, opts);
  });
  return buffer;
}

/** Writes frame slot `index` of a V2 ring the way tpacket_rcv() fills it. */
export function writeV2Frame(
  buffer: ArrayBuffer,
  frameSize: number,
  index: number,
  f: TestFrame,
  opts: TestRingOptions = {},
): void {
  const at = index * frameSize;
  new Uint8Array(buffer, at, frameSize).fill(0);
  const dv = new DataView(buffer);
  const mac = f.mac ?? macOffset(TPACKET2_HDRLEN, opts);
  let snap = f.snapLen ?? f.data.length;
  let { protocol, addr, status } = defaults(f, !!opts.cooked);
  // "macoff + snaplen > frame_size": the kernel clips and says so with TP_STATUS_COPY.
  if (f.mac === undefined && f.snapLen === undefined && mac + snap > frameSize) {
    snap = Math.max(0, frameSize - mac);
    status |= TP_STATUS_COPY;
  }
  const end = Math.min(snap, f.data.length, frameSize - mac);
  if (end > 0) new Uint8Array(buffer, at + mac, end).set(f.data.subarray(0, end));
  dv.setUint32(at + TP2.LEN, f.wireLen ?? f.data.length, LE);
  dv.setUint32(at + TP2.SNAPLEN, snap, LE);
  dv.setUint16(at + TP2.MAC, mac, LE);
  dv.setUint16(at + TP2.NET, opts.cooked ? mac : mac + (opts.macLen ?? 14), LE);
  dv.setUint32(at + TP2.SEC, f.sec ?? 1700000000, LE);
  dv.setUint32(at + TP2.NSEC, f.nsec ?? 123456789, LE);
  dv.setUint16(at + TP2.VLAN_TCI, f.vlanTci ?? 0, LE);
  dv.setUint16(at + TP2.VLAN_TPID, f.vlanTpid ?? 0, LE);
  writeSll(dv, at + tpacketAlign(TP2.SIZE), f, protocol, addr);
  dv.setUint32(at + TP2.STATUS, f.status ?? status, LE);
}

/**
 * Builds a V2 ring of `frameCount` slots; slot i is filled from `frames[i]` and handed to user
 * space, the others still belong to the kernel.
 */
export function buildV2Ring(
  frameSize: number,
  frameCount: number,
  frames: readonly (TestFrame | undefined)[],
  opts: TestRingOptions = {},
): ArrayBuffer {
  const buffer = new ArrayBuffer(frameSize * frameCount);
  frames.forEach((f, i) => {
    if (f) writeV2Frame(buffer, frameSize, i, f, opts);
  });
  return buffer;
}

/** `block_status` of V3 block `index` (0 once handed back to the kernel). */
export function blockStatus(buffer: ArrayBuffer, blockSize: number, index: number): number {
  return new DataView(buffer).getUint32(index * blockSize + BLOCK_DESC.BLOCK_STATUS, LE);
}

/** `tp_status` of V2 frame slot `index` (0 once handed back to the kernel). */
export function frameStatus(buffer: ArrayBuffer, frameSize: number, index: number): number {
  return new DataView(buffer).getUint32(index * frameSize + TP2.STATUS, LE);
}
