/**
 * IEEE 802.11 for the filter compiler: the names `type`, `subtype` and `dir` take, the
 * frame-control tests, the address tests of `wlan host`/`addr1`…`ta`, and the code that
 * finds the link-layer payload at run time (radiotap, AVS or Prism prefix, then a 24- or
 * 26-byte MAC header, padded to 4 bytes when radiotap says so), each in the order libpcap's
 * gencode.c (1.10) emits it.
 *
 * @module
 */

import { and, type Block, type Fragment, leaf, newBlock, not, or, type Stmt } from "./block.ts";
import {
  BPF_ABS,
  BPF_ADD,
  BPF_ALU,
  BPF_AND,
  BPF_B,
  BPF_H,
  BPF_IMM,
  BPF_IND,
  BPF_JA,
  BPF_JEQ,
  BPF_JMP,
  BPF_JSET,
  BPF_K,
  BPF_LD,
  BPF_LDX,
  BPF_LSH,
  BPF_MEM,
  BPF_MISC,
  BPF_OR,
  BPF_ST,
  BPF_TAX,
  BPF_TXA,
  BPF_W,
  BPF_X,
} from "./bpf.ts";

/** LINKTYPE_IEEE802_11: bare 802.11 MAC frames. */
export const LINKTYPE_IEEE802_11 = 105;
/** LINKTYPE_IEEE802_11_PRISM: a 144-byte Prism header (or an AVS header) first. */
export const LINKTYPE_IEEE802_11_PRISM = 119;
/** LINKTYPE_IEEE802_11_RADIOTAP: a radiotap header (length at bytes 2–3, little-endian) first. */
export const LINKTYPE_IEEE802_11_RADIOTAP = 127;
/** LINKTYPE_IEEE802_11_AVS: an AVS header (length at bytes 4–7, big-endian) first. */
export const LINKTYPE_IEEE802_11_AVS = 163;

/** The 802.11 link types, described as libpcap describes them in messages. */
export const WLAN_LINK_TYPES: ReadonlyMap<number, string> = new Map([
  [LINKTYPE_IEEE802_11, "802.11"],
  [LINKTYPE_IEEE802_11_PRISM, "802.11 plus Prism header"],
  [LINKTYPE_IEEE802_11_RADIOTAP, "802.11 plus radiotap header"],
  [LINKTYPE_IEEE802_11_AVS, "802.11 plus AVS radio information header"],
]);

/** Frame-control masks: the type bits and the type plus subtype bits of byte 0, the DS bits. */
export const WLAN_TYPE_MASK = 0x0c;
export const WLAN_SUBTYPE_MASK = 0xf0;
export const WLAN_DIR_MASK = 0x03;

/** `type` names (case-insensitive), as the frame-control byte holds them (shifted). */
export const WLAN_TYPES: Readonly<Record<string, number>> = {
  mgt: 0x00,
  management: 0x00,
  ctl: 0x04,
  control: 0x04,
  data: 0x08,
};

/** `subtype` names of each type, as libpcap's ieee80211 tables spell them. */
export const WLAN_SUBTYPES: readonly [type: number, names: Readonly<Record<string, number>>][] = [
  [0x00, {
    assocreq: 0x00,
    "assoc-req": 0x00,
    assocresp: 0x10,
    "assoc-resp": 0x10,
    reassocreq: 0x20,
    "reassoc-req": 0x20,
    reassocresp: 0x30,
    "reassoc-resp": 0x30,
    probereq: 0x40,
    "probe-req": 0x40,
    proberesp: 0x50,
    "probe-resp": 0x50,
    beacon: 0x80,
    atim: 0x90,
    disassoc: 0xa0,
    disassociation: 0xa0,
    auth: 0xb0,
    authentication: 0xb0,
    deauth: 0xc0,
    deauthentication: 0xc0,
  }],
  [0x04, {
    "ps-poll": 0xa0,
    rts: 0xb0,
    cts: 0xc0,
    ack: 0xd0,
    "cf-end": 0xe0,
    "cf-end-ack": 0xf0,
  }],
  [0x08, {
    data: 0x00,
    "data-cf-ack": 0x10,
    "data-cf-poll": 0x20,
    "data-cf-ack-poll": 0x30,
    null: 0x40,
    "cf-ack": 0x50,
    "cf-poll": 0x60,
    "cf-ack-poll": 0x70,
    "qos-data": 0x80,
    "qos-data-cf-ack": 0x90,
    "qos-data-cf-poll": 0xa0,
    "qos-data-cf-ack-poll": 0xb0,
    qos: 0xc0,
    "qos-cf-poll": 0xe0,
    "qos-cf-ack-poll": 0xf0,
  }],
];

/** `dir` names: the To DS / From DS bits of byte 1. */
export const WLAN_DIRS: Readonly<Record<string, number>> = {
  nods: 0,
  tods: 1,
  fromds: 2,
  dstods: 3,
};

/** Looks a name up case-insensitively in one of the tables above. */
export function wlanName(
  table: Readonly<Record<string, number>>,
  name: string,
): number | undefined {
  const n = name.toLowerCase();
  return Object.hasOwn(table, n) ? table[n] : undefined;
}

/** A load of `size` bytes at `off` from the start of the 802.11 header. */
export type HeaderLoad = (off: number, size: number) => Stmt[];

function jset(ld: HeaderLoad, off: number, k: number): Fragment {
  return leaf(ld(off, BPF_B), BPF_JMP | BPF_JSET | BPF_K, k);
}

function mcmp(ld: HeaderLoad, off: number, v: number, mask: number): Fragment {
  const stmts = ld(off, BPF_B);
  stmts.push({ code: BPF_ALU | BPF_AND | BPF_K, k: mask });
  return leaf(stmts, BPF_JMP | BPF_JEQ | BPF_K, v);
}

/** gen_bcmp of a MAC address: the last four bytes, then the first two. */
function macCmp(ld: HeaderLoad, off: number, mac: Uint8Array): Fragment {
  const word = ((mac[2]! << 24) | (mac[3]! << 16) | (mac[4]! << 8) | mac[5]!) >>> 0;
  return and(
    leaf(ld(off + 2, BPF_W), BPF_JMP | BPF_JEQ | BPF_K, word),
    leaf(ld(off, BPF_H), BPF_JMP | BPF_JEQ | BPF_K, (mac[0]! << 8) | mac[1]!),
  );
}

/** gen_check_802_11_data_frame: type bits 0x08 set and 0x04 clear. */
export function wlanDataFrame(ld: HeaderLoad): Fragment {
  return and(not(jset(ld, 0, 0x04)), jset(ld, 0, 0x08));
}

/**
 * The destination address by the DS bits (data frames: address 3 with To DS, else address 1;
 * management frames: address 1; control frames have none), as gen_wlanhostop's Q_DST and
 * gen_broadcast/gen_multicast build it; `at(off)` tests the address at `off`.
 */
function byDestination(ld: HeaderLoad, at: (off: number) => Fragment): Fragment {
  let b0 = and(jset(ld, 1, 0x01), at(16));
  b0 = or(and(not(jset(ld, 1, 0x01)), at(4)), b0);
  b0 = and(jset(ld, 0, 0x08), b0);
  b0 = or(and(not(jset(ld, 0, 0x08)), at(4)), b0);
  return and(not(jset(ld, 0, 0x04)), b0);
}

/** The source address by the DS bits (gen_wlanhostop's Q_SRC). */
function bySource(ld: HeaderLoad, at: (off: number) => Fragment): Fragment {
  let b0 = and(jset(ld, 1, 0x01), at(24));
  b0 = or(and(not(jset(ld, 1, 0x01)), at(16)), b0);
  b0 = and(jset(ld, 1, 0x02), b0);
  b0 = or(and(not(jset(ld, 1, 0x02)), at(10)), b0);
  b0 = and(jset(ld, 0, 0x08), b0);
  b0 = or(and(not(jset(ld, 0, 0x08)), at(10)), b0);
  return and(not(jset(ld, 0, 0x04)), b0);
}

/** Frames that carry address 2: not CTS or ACK control frames. */
function hasAddr2(ld: HeaderLoad): Fragment {
  const notCtl = not(mcmp(ld, 0, 0x04, WLAN_TYPE_MASK));
  const notCts = not(mcmp(ld, 0, 0xc0, WLAN_SUBTYPE_MASK));
  const notAck = not(mcmp(ld, 0, 0xd0, WLAN_SUBTYPE_MASK));
  return or(notCtl, and(notCts, notAck));
}

/**
 * gen_wlanhostop: an 802.11 MAC address in the place `dir` names (`src`, `dst`, either or
 * both by the DS bits; `addr1`…`addr4`; `ra`; `ta`).
 */
export function wlanHostop(ld: HeaderLoad, mac: Uint8Array, dir: string | undefined): Fragment {
  const at = (off: number) => macCmp(ld, off, mac);
  switch (dir) {
    case "src":
      return bySource(ld, at);
    case "dst":
      return byDestination(ld, at);
    case "src and dst":
      return and(bySource(ld, at), byDestination(ld, at));
    case undefined:
    case "src or dst":
      return or(bySource(ld, at), byDestination(ld, at));
    case "addr1":
      return at(4);
    case "addr2":
      return and(hasAddr2(ld), at(10));
    case "addr3":
      return and(not(mcmp(ld, 0, 0x04, WLAN_TYPE_MASK)), at(16));
    case "addr4":
      return and(mcmp(ld, 1, 0x03, WLAN_DIR_MASK), at(24));
    case "ra":
      return and(jset(ld, 0, 0x08), at(4));
    case "ta":
      return and(and(jset(ld, 0, 0x08), hasAddr2(ld)), at(10));
  }
  throw new RangeError(`Cannot test 802.11 address: unknown direction "${dir}"`);
}

/** gen_multicast on 802.11: the group bit of the destination address by the DS bits. */
export function wlanMulticast(ld: HeaderLoad): Fragment {
  return byDestination(ld, (off) => jset(ld, off, 0x01));
}

/** The run-time offsets one 802.11 compilation needs (scratch words, undefined if unused). */
export interface WlanOffsets {
  /** The 802.11 link type. */
  linkType: number;
  /** Word holding the length of the radio header before the 802.11 header. */
  prefixReg: number | undefined;
  /** Word holding the offset of the link-layer payload (the LLC header). */
  payloadReg: number | undefined;
  /**
   * Whether to honour radiotap's data-padding flag. libpcap decides by the link type in force
   * at the end of the expression, so after `pppoes` or `geneve` it does not; so do we.
   */
  radiotapPad: boolean;
}

const st = (k: number): Stmt => ({ code: BPF_ST, k });
const ja = (stmts: Stmt[], to: Block): Block => {
  const b = newBlock(stmts, BPF_JMP | BPF_JA, 0);
  b.jt = b.jf = to;
  return b;
};
const jsetBlock = (stmts: Stmt[], k: number, jt: Block, jf: Block): Block => {
  const b = newBlock(stmts, BPF_JMP | BPF_JSET | BPF_K, k);
  b.jt = jt;
  b.jf = jf;
  return b;
};

/**
 * The code libpcap's insert_compute_vloffsets puts before a program for 802.11: the radio
 * header's length into its word (radiotap: bytes 2–3 little-endian; AVS: the word at 4; Prism:
 * 144, or the AVS length when the first word carries the AVS cookie), then the payload offset
 * (gen_load_802_11_header_len): prefix + 24, + 2 for a QoS data frame, rounded up to 4 when
 * radiotap's flags (found only in a single-word presence bitmap) say the driver padded it.
 * Returns the block to start at; `next` is the program's own first block.
 */
export function wlanPrologue(o: WlanOffsets, next: Block): Block {
  const { prefixReg: h, payloadReg: p } = o;
  let prefix: Stmt[] = [];
  let prism = false;
  if (h !== undefined) {
    if (o.linkType === LINKTYPE_IEEE802_11_RADIOTAP) {
      prefix = [
        { code: BPF_LD | BPF_B | BPF_ABS, k: 3 },
        { code: BPF_ALU | BPF_LSH | BPF_K, k: 8 },
        { code: BPF_MISC | BPF_TAX, k: 0 },
        { code: BPF_LD | BPF_B | BPF_ABS, k: 2 },
        { code: BPF_ALU | BPF_OR | BPF_X, k: 0 },
        st(h),
        { code: BPF_MISC | BPF_TAX, k: 0 },
      ];
    } else if (o.linkType === LINKTYPE_IEEE802_11_AVS) {
      prefix = [{ code: BPF_LD | BPF_W | BPF_ABS, k: 4 }, st(h), {
        code: BPF_MISC | BPF_TAX,
        k: 0,
      }];
    } else if (o.linkType === LINKTYPE_IEEE802_11_PRISM) {
      prism = true;
      prefix = [st(h), { code: BPF_MISC | BPF_TAX, k: 0 }];
    }
  }
  let first = next;
  if (p !== undefined) {
    let after = next;
    if (o.linkType === LINKTYPE_IEEE802_11_RADIOTAP && o.radiotapPad) {
      // The radiotap flags field: at 16 after a TSFT, else at 8; 0x20 is "data padding".
      const round = ja([
        { code: BPF_LD | BPF_MEM, k: p },
        { code: BPF_ALU | BPF_ADD | BPF_K, k: 3 },
        { code: BPF_ALU | BPF_AND | BPF_K, k: 0xfffffffc },
        st(p),
      ], next);
      const tsft = jsetBlock([{ code: BPF_LD | BPF_B | BPF_ABS, k: 16 }], 0x20, round, next);
      const noTsft = jsetBlock([{ code: BPF_LD | BPF_B | BPF_ABS, k: 8 }], 0x20, round, next);
      const tsftPresent = jsetBlock([], 0x01000000, tsft, noTsft);
      const extPresent = jsetBlock([], 0x80, next, tsftPresent);
      after = jsetBlock(
        [{ code: BPF_LD | BPF_W | BPF_ABS, k: 4 }],
        0x02000000,
        extPresent,
        next,
      );
    }
    const qos = ja([
      { code: BPF_LD | BPF_MEM, k: p },
      { code: BPF_ALU | BPF_ADD | BPF_K, k: 2 },
      st(p),
    ], after);
    const qosBit = jsetBlock([], 0x80, qos, after);
    const notCtl = jsetBlock([], 0x04, next, qosBit);
    first = jsetBlock(
      [
        ...(h === undefined ? [{ code: BPF_LDX | BPF_IMM, k: 0 }] : []),
        { code: BPF_MISC | BPF_TXA, k: 0 },
        { code: BPF_ALU | BPF_ADD | BPF_K, k: 24 },
        st(p),
        { code: BPF_LD | BPF_B | BPF_IND, k: 0 },
      ],
      0x08,
      notCtl,
      next,
    );
  }
  first.stmts.unshift(...prefix);
  if (!prism) return first;
  // Prism: 144 bytes, unless the first word is the AVS cookie (0x80211000 | version).
  const avs = ja([{ code: BPF_LD | BPF_W | BPF_ABS, k: 4 }], first);
  const fixed = ja([{ code: BPF_LD | BPF_IMM, k: 144 }], first);
  const cookie = newBlock(
    [{ code: BPF_LD | BPF_W | BPF_ABS, k: 0 }, {
      code: BPF_ALU | BPF_AND | BPF_K,
      k: 0xfffff000,
    }],
    BPF_JMP | BPF_JEQ | BPF_K,
    0x80211000,
  );
  cookie.jt = avs;
  cookie.jf = fixed;
  return cookie;
}
