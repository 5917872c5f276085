/**
 * Code generation: the syntax tree becomes a control-flow graph of blocks, with
 * the same tests, in the same order, as libpcap's gencode.c (1.10) emits for a
 * saved file (`tcpdump -d -y <DLT>`), so both programs take the same decision
 * on every packet, truncated and malformed ones included.
 *
 * VLAN tags: for saved files (the default) the in-frame form is emitted (TPID at
 * the EtherType offset, then offsets move by 4). For a live Linux socket
 * (`live`), where the kernel strips the outer tag into socket metadata before the
 * filter runs, the outermost `vlan` reads that metadata with ancillary loads and
 * later offsets get a run-time part in scratch registers, as libpcap does with
 * `BPF_SPECIAL_VLAN_HANDLING`. Frames read from the TPACKET ring have the tag
 * written back, so user-space filtering of those uses the saved form.
 *
 * @module
 */

import type { Arith, IdValue, Node, Qualifiers } from "./ast.ts";
import { and, type Block, type Fragment, leaf, newBlock, not, or, type Stmt } from "./block.ts";
import {
  BPF_ABS,
  BPF_ADD,
  BPF_ALU,
  BPF_AND,
  BPF_B,
  BPF_DIV,
  BPF_H,
  BPF_IMM,
  BPF_IND,
  BPF_JA,
  BPF_JEQ,
  BPF_JGE,
  BPF_JGT,
  BPF_JMP,
  BPF_JSET,
  BPF_K,
  BPF_LD,
  BPF_LDX,
  BPF_LEN,
  BPF_LSH,
  BPF_MEM,
  BPF_MEMWORDS,
  BPF_MISC,
  BPF_MOD,
  BPF_MSH,
  BPF_MUL,
  BPF_NEG,
  BPF_OR,
  BPF_RSH,
  BPF_ST,
  BPF_STX,
  BPF_SUB,
  BPF_TAX,
  BPF_TXA,
  BPF_W,
  BPF_X,
  BPF_XOR,
} from "./bpf.ts";
import { FilterSyntaxError } from "./errors.ts";
import { ETHER_PROTOCOLS, IP_PROTOCOLS, SERVICES } from "./names.ts";
import { LINKTYPE } from "../link_type.ts";
import { ETHERTYPE, IP_PROTO } from "../protocols.ts";
import { SKF_AD, SKF_AD_OFF } from "./vm.ts";
import { evalAlu } from "./optimize.ts";
import {
  type HeaderLoad,
  LINKTYPE_IEEE802_11,
  LINKTYPE_IEEE802_11_PRISM,
  WLAN_DIR_MASK,
  WLAN_LINK_TYPES,
  wlanDataFrame,
  wlanHostop,
  wlanMulticast,
  wlanPrologue,
} from "./wlan.ts";

const ETHERTYPE_IP = ETHERTYPE.IPV4;
const ETHERTYPE_IPV6 = ETHERTYPE.IPV6;
const ETHERTYPE_ARP = ETHERTYPE.ARP;
const ETHERTYPE_REVARP = ETHERTYPE.REVARP;
const ETHERTYPE_MPLS = ETHERTYPE.MPLS;
const ETHERMTU = 1500;
const LINUX_SLL_P_802_2 = 4;
const IPPROTO = IP_PROTO;
const PROTO_UNDEF = -1;
/** Protocol families libpcap knows that this compiler refuses, by name. */
const UNSUPPORTED = new Set<string>();
/**
 * Rounds of `protochain`'s unrolled walk: headers after the IP header it follows (IPv6
 * extension headers and AH), enough for any chain seen in practice (hop-by-hop, destination
 * options, routing, fragment, AH, destination options is six).
 */
export const PROTOCHAIN_DEPTH = 8;
/** LINKTYPE_PPP: what `pppoes` makes the rest of the expression see (libpcap's PUSH_LINKHDR). */
const LINKTYPE_PPP = 9;
/** LINKTYPE_C_HDLC: Cisco HDLC, an address, a control byte and an EtherType. */
const LINKTYPE_C_HDLC = 104;
/** Address families in a BSD/OpenBSD loopback header, as libpcap on Linux compiles them. */
const AF_INET = 2;
const AF_INET6 = 10;
const ETHERTYPE_IPX = 0x8137;
const ETHERTYPE_ATALK = 0x809b;
const ETHERTYPE_AARP = 0x80f3;
const ETHERTYPE_DN = 0x6003;
const ETHERTYPE_PPPOED = 0x8863;
const ETHERTYPE_PPPOES = 0x8864;
/** LLC SAPs (IEEE 802.2) libpcap names. */
const LLCSAP = { IP: 0x06, ISONS: 0xfe, NETBEUI: 0xf0, IPX: 0xe0, STP: 0x42 } as const;
const LINUX_SLL_P_802_3 = 1;
/** ethertype_to_ppptype: the PPP protocol numbers of what libpcap names by EtherType or SAP. */
const PPP_TYPE: Record<number, number> = {
  [ETHERTYPE_IP]: 0x0021,
  [ETHERTYPE_IPV6]: 0x0057,
  [ETHERTYPE_DN]: 0x0027,
  [ETHERTYPE_ATALK]: 0x0029,
  0x0600: 0x0025, // ETHERTYPE_NS
  [LLCSAP.ISONS]: 0x0023,
  [LLCSAP.STP]: 0x0031,
  [LLCSAP.IPX]: 0x002b,
};
/** Protocol names that are a link-layer type test (gen_proto_abbrev → gen_linktype). */
const LINK_PROTOCOLS: Record<string, number> = {
  stp: LLCSAP.STP,
  ipx: LLCSAP.IPX,
  netbeui: LLCSAP.NETBEUI,
  iso: LLCSAP.ISONS,
  atalk: ETHERTYPE_ATALK,
  aarp: ETHERTYPE_AARP,
  decnet: ETHERTYPE_DN,
  lat: 0x6004,
  sca: 0x6007,
  moprc: 0x6002,
  mopdl: 0x6001,
};
/** OSI network-layer protocol ids (ISO/TR 9577) of `clnp`, `esis`, `isis`. */
const ISO_NLPID: Record<string, number> = { clnp: 0x81, esis: 0x82, isis: 0x83 };
/**
 * IS-IS PDU types of `l1`, `l2`, `iih`, `lsp`, `snp`, `csnp`, `psnp`, in libpcap's order
 * (L1/L2 LAN hellos 15/16, point-to-point hello 17, L1/L2 LSP 18/20, CSNP 24/25, PSNP 26/27).
 */
const ISIS_PDUS: Record<string, number[]> = {
  l1: [15, 17, 18, 24, 26],
  l2: [16, 17, 20, 25, 27],
  iih: [15, 16, 17],
  lsp: [18, 20],
  snp: [24, 25, 26, 27],
  csnp: [24, 25],
  psnp: [26, 27],
};
/** LLC S-frame (mask 0x0f) and U-frame (mask 0xef) command names `llc NAME` takes. */
const LLC_S_SUBTYPES: Record<string, number> = { rr: 0x01, rnr: 0x05, rej: 0x09 };
const LLC_U_SUBTYPES: Record<string, number> = {
  ui: 0x03,
  ua: 0x63,
  disc: 0x43,
  dm: 0x0f,
  sabme: 0x6f,
  test: 0xe3,
  xid: 0xaf,
  frmr: 0x87,
};

/** Offsets of one link type (libpcap's `off_linktype` and `off_linkpl`). */
interface LinkInfo {
  /** Name for messages, as libpcap describes it. */
  description: string;
  /** Offset of the EtherType-like field, or undefined for raw IP. */
  offLinkType: number | undefined;
  /** Offset of the network-layer header. */
  offNet: number;
  /** Bytes from the link payload to an OSI header without SNAP (libpcap's off_nl_nosnap). */
  offNlNosnap: number;
}

/** Resolves the offsets of a link type; undefined for link types we do not compile for. */
function linkInfo(linkType: number): LinkInfo | undefined {
  switch (linkType) {
    case LINKTYPE.ETHERNET:
      return { description: "Ethernet", offLinkType: 12, offNet: 14, offNlNosnap: 3 };
    case LINKTYPE.LINUX_SLL:
      return { description: "Linux cooked v1", offLinkType: 14, offNet: 16, offNlNosnap: 0 };
    case LINKTYPE.LINUX_SLL2:
      return { description: "Linux cooked v2", offLinkType: 0, offNet: 20, offNlNosnap: 0 };
    case LINKTYPE.RAW:
      return { description: "Raw IP", offLinkType: undefined, offNet: 0, offNlNosnap: 0 };
    case LINKTYPE.IPV4:
      return { description: "Raw IPv4", offLinkType: undefined, offNet: 0, offNlNosnap: 0 };
    case LINKTYPE.IPV6:
      return { description: "Raw IPv6", offLinkType: undefined, offNet: 0, offNlNosnap: 0 };
    case LINKTYPE.NULL:
      return { description: "BSD loopback", offLinkType: 0, offNet: 4, offNlNosnap: 0 };
    case LINKTYPE.LOOP:
      return { description: "OpenBSD loopback", offLinkType: 0, offNet: 4, offNlNosnap: 0 };
    case LINKTYPE_PPP:
      return { description: "PPP", offLinkType: 2, offNet: 4, offNlNosnap: 0 };
    case LINKTYPE_C_HDLC:
      return { description: "Cisco HDLC", offLinkType: 2, offNet: 4, offNlNosnap: 0 };
  }
  const wlan = WLAN_LINK_TYPES.get(linkType);
  // 802.11: offsets relative to the LLC header, whose place is known only at run time (a
  // scratch word holds it); the network layer follows an 8-byte LLC/SNAP header.
  if (wlan !== undefined) return { description: wlan, offLinkType: 6, offNet: 8, offNlNosnap: 3 };
  return undefined;
}

/** Inputs of one compilation. */
export interface CodegenOptions {
  /** `LINKTYPE_*` number. */
  linkType: number;
  /** Network mask for `ip broadcast` (0 when unknown, as tcpdump -d and -r use). */
  netmask: number;
  /**
   * Compile for a live Linux socket (libpcap's `BPF_SPECIAL_VLAN_HANDLING`): the kernel has
   * moved the outer VLAN tag into socket metadata, so `vlan` reads it with ancillary loads.
   */
  live: boolean;
  /**
   * The program will be optimized: refuse what libpcap's optimizer refuses once it knows
   * the value (a division by a computed zero, a shift by a computed 32 or more).
   */
  optimize?: boolean;
}

/**
 * The constant gen_arth finds first in an operand's code (libpcap checks only that statement:
 * `x / (0 + 5)` is refused, `x / (5 - 5)` is not), or undefined when the code starts with a
 * load from the packet or of the length.
 */
function firstConstant(e: Arith): number | undefined {
  switch (e.type) {
    case "num":
      return e.value >>> 0;
    case "neg":
      return firstConstant(e.expr);
    case "bin":
      return firstConstant(e.left);
    case "load":
      return firstConstant(e.index);
    case "len":
      return undefined;
  }
}

const ARITH_OP: Record<string, number> = {
  "+": BPF_ADD,
  "-": BPF_SUB,
  "*": BPF_MUL,
  "/": BPF_DIV,
  "%": BPF_MOD,
  "&": BPF_AND,
  "|": BPF_OR,
  "^": BPF_XOR,
  "<<": BPF_LSH,
  ">>": BPF_RSH,
};

/**
 * What libpcap's optimizer knows of an operand's value: constants, what folds from them, and
 * `x * 0`, `x & 0` (it rewrites those to a load of 0). Throws its errors as `fail` does.
 */
function optimizerValue(e: Arith, fail: (reason: string) => never): number | undefined {
  switch (e.type) {
    case "num":
      return e.value >>> 0;
    case "neg": {
      const v = optimizerValue(e.expr, fail);
      return v === undefined ? undefined : (-v) >>> 0;
    }
    case "bin": {
      const op = ARITH_OP[e.op]!;
      const a = optimizerValue(e.left, fail);
      const b = optimizerValue(e.right, fail);
      if (b === undefined) return undefined;
      if (a !== undefined) {
        const v = evalAlu(op, a, b);
        if (v === undefined) fail(op === BPF_DIV ? "division by zero" : "modulus by zero");
        return v;
      }
      if ((op === BPF_LSH || op === BPF_RSH) && b > 31) fail("shift by more than 31 bits");
      if (b !== 0) return undefined;
      if (op === BPF_DIV) fail("division by zero");
      if (op === BPF_MOD) fail("modulus by zero");
      return op === BPF_MUL || op === BPF_AND ? 0 : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Scratch words of the 802.11 run-time offsets, taken from the top so that the expression's
 * own words (allocated from 0) never meet them: the radio header's length, the LLC header's
 * offset.
 */
const WLAN_PREFIX_REG = BPF_MEMWORDS - 1;
const WLAN_PAYLOAD_REG = BPF_MEMWORDS - 2;
/** ETHERTYPE_TEB: Transparent Ethernet Bridging, an Ethernet frame inside Geneve. */
const ETHERTYPE_TEB = 0x6558;
const GENEVE_PORT = 6081;
const VXLAN_PORT = 4789;

/** The 802.11 address qualifiers (grammar.y's dqual beyond src and dst). */
const WLAN_DIRS_QUAL = new Set(["addr1", "addr2", "addr3", "addr4", "ra", "ta"]);

/** Mutable state of one compilation: offsets move after `vlan` and `mpls`, as in libpcap. */
class Gen {
  readonly src: string;
  /** The link type primitives see: LINKTYPE_PPP after `pppoes`. */
  linkType: number;
  link: LinkInfo;
  /** Offset of the link-layer header `ether[...]` reads (moved by `pppoes`). */
  offLinkHdr = 0;
  /** Run-time part of offLinkHdr (a live `vlan` before `pppoes`). */
  varLinkHdr: number | undefined;
  offNlNosnap: number;
  readonly netmask: number;
  offLinkType: number | undefined;
  offNet: number;
  mplsDepth = 0;
  vlanDepth = 0;
  regs = 0;
  readonly live: boolean;
  readonly optimize: boolean;
  /**
   * Scratch registers holding the run-time part of the network-layer and link-type offsets
   * (libpcap's `off_linkpl.reg` / `off_linktype.reg`), once a live `vlan` made them variable:
   * 0 when the kernel stripped the tag, 4 when it is still in the frame.
   */
  varNet: number | undefined;
  varLinkType: number | undefined;
  /** Scratch words the expression may use: fewer on 802.11, whose offsets take two. */
  regLimit = BPF_MEMWORDS;
  /** libpcap leaves this program unoptimized (protochain, 802.11 payload offsets, Geneve). */
  noOptimize = false;
  /**
   * After `geneve`/`vxlan` (libpcap's is_geneve): the frame inside may have no Ethernet
   * header, so `ether host` and `ether broadcast` first check that it has one.
   */
  encap = false;
  constructor(src: string, opts: CodegenOptions, link: LinkInfo) {
    this.src = src;
    this.linkType = opts.linkType;
    this.link = link;
    this.netmask = opts.netmask;
    this.live = opts.live;
    this.optimize = opts.optimize ?? true;
    this.offLinkType = link.offLinkType;
    this.offNet = link.offNet;
    this.offNlNosnap = link.offNlNosnap;
    if (this.wlan) {
      this.regLimit = BPF_MEMWORDS - 2;
      this.varNet = WLAN_PAYLOAD_REG;
      this.varLinkType = WLAN_PAYLOAD_REG;
      if (this.linkType !== LINKTYPE_IEEE802_11) this.varLinkHdr = WLAN_PREFIX_REG;
    }
  }

  /** An 802.11 link type (bare, radiotap, AVS, Prism). */
  get wlan(): boolean {
    return WLAN_LINK_TYPES.has(this.linkType);
  }

  /** gen_load_a(OR_LINKHDR): a load from the link-layer header, wherever it starts. */
  readonly hdrLoad: HeaderLoad = (off, size) =>
    this.loadRel(this.offLinkHdr, this.varLinkHdr, off, size);

  /** gen_cmp/gen_mcmp relative to the LLC header (OR_LLC): 8 bytes before the network layer on 802.11. */
  cmpLlc(off: number, size: number, v: number, mask = 0xffffffff, op = BPF_JEQ, rev = false) {
    if (!this.wlan) return this.cmpNet(off, size, v, mask, op, rev);
    return this.cmpStmts(this.loadRel(this.offNet - 8, this.varNet, off, size), v, mask, op, rev);
  }

  /** gen_cmp/gen_mcmp relative to the link-layer header. */
  cmpHdr(off: number, size: number, v: number, mask = 0xffffffff, op = BPF_JEQ, rev = false) {
    return this.cmpStmts(this.hdrLoad(off, size), v, mask, op, rev);
  }

  fail(reason: string, offset: number): never {
    throw new FilterSyntaxError(this.src, reason, offset);
  }

  get isEthernet(): boolean {
    return this.linkType === LINKTYPE.ETHERNET;
  }

  // --- building blocks -------------------------------------------------------

  /** gen_ncmp: `ld<size> [off]`, optional `and #mask`, jump `op #v`, optionally negated. */
  cmp(off: number, size: number, v: number, mask = 0xffffffff, op = BPF_JEQ, rev = false) {
    const stmts: Stmt[] = [{ code: BPF_LD | size | BPF_ABS, k: off }];
    if (mask >>> 0 !== 0xffffffff) stmts.push({ code: BPF_ALU | BPF_AND | BPF_K, k: mask >>> 0 });
    const f = leaf(stmts, BPF_JMP | op | BPF_K, v);
    return rev ? not(f) : f;
  }

  /** Loads `size` bytes at `off` from a base offset with an optional run-time part in `reg`. */
  loadRel(base: number, reg: number | undefined, off: number, size: number): Stmt[] {
    if (reg === undefined) return [{ code: BPF_LD | size | BPF_ABS, k: (base + off) >>> 0 }];
    return [{ code: BPF_LDX | BPF_MEM, k: reg }, {
      code: BPF_LD | size | BPF_IND,
      k: (base + off) >>> 0,
    }];
  }

  /** gen_load_a(OR_LINKPL): a load relative to the network-layer header. */
  loadNet(off: number, size: number): Stmt[] {
    return this.loadRel(this.offNet, this.varNet, off, size);
  }

  /** gen_cmp/gen_mcmp relative to the network-layer header. */
  cmpNet(off: number, size: number, v: number, mask = 0xffffffff, op = BPF_JEQ, rev = false) {
    return this.cmpStmts(this.loadNet(off, size), v, mask, op, rev);
  }

  /** gen_cmp/gen_mcmp on the link-type field. */
  cmpLt(size: number, v: number, mask = 0xffffffff, op = BPF_JEQ, rev = false) {
    return this.cmpStmts(
      this.loadRel(this.offLinkType!, this.varLinkType, 0, size),
      v,
      mask,
      op,
      rev,
    );
  }

  cmpStmts(stmts: Stmt[], v: number, mask: number, op: number, rev: boolean): Fragment {
    if (mask >>> 0 !== 0xffffffff) stmts.push({ code: BPF_ALU | BPF_AND | BPF_K, k: mask >>> 0 });
    const f = leaf(stmts, BPF_JMP | op | BPF_K, v);
    return rev ? not(f) : f;
  }

  /**
   * gen_loadx_iphdrlen: X = IPv4 header length, plus the run-time part of the network offset
   * when there is one (then `4*([k]&0xf)` cannot be used).
   */
  loadxIpHdrLen(): Stmt[] {
    if (this.varNet === undefined) return [{ code: BPF_LDX | BPF_MSH | BPF_B, k: this.offNet }];
    return [
      { code: BPF_LDX | BPF_MEM, k: this.varNet },
      { code: BPF_LD | BPF_B | BPF_IND, k: this.offNet },
      { code: BPF_ALU | BPF_AND | BPF_K, k: 0xf },
      { code: BPF_ALU | BPF_LSH | BPF_K, k: 2 },
      { code: BPF_ALU | BPF_ADD | BPF_X, k: 0 },
      { code: BPF_MISC | BPF_TAX, k: 0 },
    ];
  }

  /** A transport-layer load over IPv4: `ldxb 4*([nl]&0xf); ld<size> [x + nl + off]`. */
  cmpTran4(off: number, size: number, v: number, op = BPF_JEQ, rev = false) {
    const f = leaf(
      [...this.loadxIpHdrLen(), { code: BPF_LD | size | BPF_IND, k: this.offNet + off }],
      BPF_JMP | op | BPF_K,
      v,
    );
    return rev ? not(f) : f;
  }

  uncond(value: boolean): Fragment {
    return leaf([{ code: BPF_LD | BPF_IMM, k: value ? 0 : 1 }], BPF_JMP | BPF_JEQ | BPF_K, 0);
  }

  /** gen_linktype: does the link layer carry `proto` (an EtherType or LLC SAP)? */
  linktype(proto: number, offset: number, quiet = false): Fragment {
    if (this.mplsDepth > 0) {
      // Over MPLS: bottom of stack set, then the IP version nibble.
      const bos = this.cmpNet(-2, BPF_B, 0x01, 0x01);
      if (proto === ETHERTYPE_IP) return and(bos, this.cmpNet(0, BPF_B, 0x40, 0xf0));
      if (proto === ETHERTYPE_IPV6) return and(bos, this.cmpNet(0, BPF_B, 0x60, 0xf0));
      if (quiet) return this.uncond(false);
      this.fail("unsupported protocol over mpls", offset);
    }
    // After `pppoes` the link layer is PPP: one protocol field holding PPP's numbers.
    if (this.linkType === LINKTYPE_PPP) return this.cmpLt(BPF_H, PPP_TYPE[proto] ?? proto);
    if (this.wlan) return and(wlanDataFrame(this.hdrLoad), this.llcLinktype(proto));
    const lt = this.offLinkType;
    if (lt === undefined) {
      if (this.linkType === LINKTYPE.IPV4) return this.uncond(proto === ETHERTYPE_IP);
      if (this.linkType === LINKTYPE.IPV6) return this.uncond(proto === ETHERTYPE_IPV6);
      if (proto === ETHERTYPE_IP) return this.cmpNet(0, BPF_B, 0x40, 0xf0);
      if (proto === ETHERTYPE_IPV6) return this.cmpNet(0, BPF_B, 0x60, 0xf0);
      return this.uncond(false);
    }
    if (this.isEthernet) return this.etherLinktype(proto);
    if (this.linkType === LINKTYPE.NULL || this.linkType === LINKTYPE.LOOP) {
      // gen_loopback_linktype: a 32-bit address family, in host order (little-endian here,
      // as a file written on this machine) for NULL, in network order for LOOP.
      const af = proto === ETHERTYPE_IP ? AF_INET : proto === ETHERTYPE_IPV6 ? AF_INET6 : 0;
      if (af === 0) return this.uncond(false);
      const v = this.linkType === LINKTYPE.NULL ? (af << 24) >>> 0 : af;
      return this.cmpLt(BPF_W, v);
    }
    if (this.linkType === LINKTYPE_C_HDLC) {
      return this.cmpLt(BPF_H, proto === LLCSAP.ISONS ? (proto << 8) | proto : proto);
    }
    // Linux cooked v2: libpcap compares the protocol field as it is.
    if (this.linkType === LINKTYPE.LINUX_SLL2) return this.cmpLt(BPF_H, proto);
    return this.sllLinktype(proto);
  }

  /** gen_ether_linktype: EtherType, or 802.3 length then LLC/SNAP/IPX for the SAP families. */
  etherLinktype(proto: number): Fragment {
    const is8023 = () => this.cmpLt(BPF_H, ETHERMTU, 0xffffffff, BPF_JGT, true);
    switch (proto) {
      case LLCSAP.ISONS:
      case LLCSAP.IP:
      case LLCSAP.NETBEUI:
        // DSAP == SSAP == proto.
        return and(is8023(), this.cmpNet(0, BPF_H, (proto << 8) | proto));
      case LLCSAP.IPX: {
        // Ethernet_802.2 (IPX SAP), Ethernet_802.3 (0xffff), Ethernet_SNAP, then Ethernet_II.
        let f = or(this.cmpNet(0, BPF_B, LLCSAP.IPX), this.cmpNet(0, BPF_H, 0xffff));
        f = or(this.snap(0x000000, ETHERTYPE_IPX), f);
        f = and(is8023(), f);
        return or(this.cmpLt(BPF_H, ETHERTYPE_IPX), f);
      }
      case ETHERTYPE_ATALK:
      case ETHERTYPE_AARP: {
        // EtherTalk phase 2 in SNAP (Apple's OUI for AppleTalk, 0 for AARP), or phase 1.
        const snap = proto === ETHERTYPE_ATALK
          ? this.snap(0x080007, ETHERTYPE_ATALK)
          : this.snap(0x000000, ETHERTYPE_AARP);
        return or(this.cmpLt(BPF_H, proto), and(is8023(), snap));
      }
    }
    if (proto <= ETHERMTU) return and(is8023(), this.cmpNet(0, BPF_B, proto));
    return this.cmpLt(BPF_H, proto);
  }

  /** gen_linux_sll_linktype: the protocol field holds an EtherType, 4 for 802.2, 1 for 802.3. */
  sllLinktype(proto: number): Fragment {
    const llc = () => this.cmpLt(BPF_H, LINUX_SLL_P_802_2);
    switch (proto) {
      case LLCSAP.ISONS:
      case LLCSAP.IP:
      case LLCSAP.NETBEUI:
        return and(llc(), this.cmpNet(0, BPF_H, (proto << 8) | proto));
      case LLCSAP.IPX: {
        let f = or(this.cmpNet(0, BPF_B, LLCSAP.IPX), this.snap(0x000000, ETHERTYPE_IPX));
        f = and(llc(), f);
        f = or(this.cmpLt(BPF_H, LINUX_SLL_P_802_3), f);
        return or(this.cmpLt(BPF_H, ETHERTYPE_IPX), f);
      }
      case ETHERTYPE_ATALK:
      case ETHERTYPE_AARP: {
        const snap = proto === ETHERTYPE_ATALK
          ? this.snap(0x080007, ETHERTYPE_ATALK)
          : this.snap(0x000000, ETHERTYPE_AARP);
        return or(this.cmpLt(BPF_H, proto), and(llc(), snap));
      }
    }
    if (proto <= ETHERMTU) return and(llc(), this.cmpNet(0, BPF_B, proto));
    return this.cmpLt(BPF_H, proto);
  }

  /** gen_llc_linktype: a SAP in the LLC header, else an EtherType at the end of SNAP. */
  llcLinktype(proto: number): Fragment {
    switch (proto) {
      case LLCSAP.IP:
      case LLCSAP.ISONS:
      case LLCSAP.NETBEUI:
        return this.cmpLlc(0, BPF_H, (proto << 8) | proto);
      case LLCSAP.IPX:
        return this.cmpLlc(0, BPF_B, LLCSAP.IPX);
      case ETHERTYPE_ATALK:
        return this.snap(0x080007, ETHERTYPE_ATALK);
    }
    if (proto <= ETHERMTU) return this.cmpLlc(0, BPF_B, proto);
    return this.cmpLlc(6, BPF_H, proto);
  }

  /** gen_snap: an LLC/SNAP header (AA AA 03, OUI, type), compared as libpcap's gen_bcmp does. */
  snap(org: number, type: number): Fragment {
    const w0 = (0xaaaa0300 | (org >>> 16)) >>> 0;
    const w1 = (((org & 0xffff) << 16) | type) >>> 0;
    return and(this.cmpLlc(4, BPF_W, w1), this.cmpLlc(0, BPF_W, w0));
  }

  /** gen_proto(v, Q_ISO): ISO SAPs, then the NLPID right after the LLC header. */
  isoProto(nlpid: number, offset: number): Fragment {
    // Cisco HDLC stuffs a fudge byte before the NLPID.
    const at = this.offNlNosnap + (this.linkType === LINKTYPE_C_HDLC ? 1 : 0);
    return and(this.linktype(LLCSAP.ISONS, offset), this.cmpLlc(at, BPF_B, nlpid));
  }

  /** gen_proto(v, Q_ISIS): IS-IS, then the PDU type 4 bytes into its header. */
  isisProto(pdu: number, offset: number): Fragment {
    return and(
      this.isoProto(ISO_NLPID.isis!, offset),
      this.cmpLlc(this.offNlNosnap + 4, BPF_B, pdu),
    );
  }

  /** gen_llc_internal: an 802.3 frame whose DSAP/SSAP are not 0xffff (raw NetWare). */
  llcFrame(offset: number): Fragment {
    if (this.wlan) return wlanDataFrame(this.hdrLoad);
    if (!this.isEthernet) this.fail(`"llc" is not supported for ${this.link.description}`, offset);
    return and(
      this.cmpLt(BPF_H, ETHERMTU, 0xffffffff, BPF_JGT, true),
      this.cmpNet(0, BPF_H, 0xffff, 0xffffffff, BPF_JEQ, true),
    );
  }

  /** `llc`, `llc i|s|u`, `llc <S or U subtype>`: the control field after DSAP and SSAP. */
  llc(kind: string | undefined, offset: number): Fragment {
    if (kind === undefined) return this.llcFrame(offset);
    const k = kind.toLowerCase();
    const f = this.llcFrame(offset);
    if (k === "i") return and(f, not(this.cmpLlc(2, BPF_B, 0x01, 0xffffffff, BPF_JSET)));
    if (k === "s") return and(f, this.cmpLlc(2, BPF_B, 0x01, 0x03));
    if (k === "u") return and(f, this.cmpLlc(2, BPF_B, 0x03, 0x03));
    const s = LLC_S_SUBTYPES[k];
    if (s !== undefined) return and(f, this.cmpLlc(2, BPF_B, s, 0x0f));
    const u = LLC_U_SUBTYPES[k];
    if (u !== undefined) return and(f, this.cmpLlc(2, BPF_B, u, 0xef));
    this.fail(`unknown LLC type name "${kind}"`, offset);
  }

  /**
   * gen_protochain, forward-only: libpcap walks the IPv6 extension headers (hop-by-hop,
   * destination options, routing, fragment) and AH in a loop that jumps backwards, which the
   * kernel refuses, so libpcap runs it in user space. Here the loop is unrolled
   * {@linkcode PROTOCHAIN_DEPTH} times, with libpcap's steps in each round (its AH step
   * included, which sets X to the AH header's length rather than adding it), so the kernel
   * takes the program and every packet whose chain ends within that many headers gets
   * libpcap's verdict. Past it, the header reached is the last one compared.
   */
  protochain(v: number, q: Qualifiers, offset: number): Fragment {
    switch (q.proto) {
      case undefined:
        return or(this.protochainOf(v, false, offset), this.protochainOf(v, true, offset));
      case "ip":
        return this.protochainOf(v, false, offset);
      case "ip6":
        return this.protochainOf(v, true, offset);
    }
    this.fail(`bad protocol "${q.proto}" applied for "protochain"`, offset);
  }

  protochainOf(v: number, v6: boolean, offset: number): Fragment {
    if (this.varNet !== undefined) {
      this.fail(`"protochain" is not supported with variable length headers`, offset);
    }
    const b0 = this.linktype(v6 ? ETHERTYPE_IPV6 : ETHERTYPE_IP, offset);
    this.noOptimize = true;
    const reg = this.allocReg(offset);
    this.regs--;
    const hd = this.offNet;
    const jeq = (k: number) => newBlock([], BPF_JMP | BPF_JEQ | BPF_K, k);
    const ja = (stmts: Stmt[]) => newBlock(stmts, BPF_JMP | BPF_JA, 0);
    const ldInd = (k: number): Stmt => ({ code: BPF_LD | BPF_B | BPF_IND, k });
    // end: the final test of the header reached.
    const end = jeq(v);
    // A = next header of the IP header, X = its length.
    const first = v6
      ? [{ code: BPF_LD | BPF_B | BPF_ABS, k: hd + 6 }, { code: BPF_LDX | BPF_IMM, k: 40 }]
      : [{ code: BPF_LD | BPF_B | BPF_ABS, k: hd + 9 }, { code: BPF_LDX | BPF_MSH | BPF_B, k: hd }];
    let next: Block = end; // built from the last round back to the first
    for (let round = PROTOCHAIN_DEPTH - 1; round >= 0; round--) {
      // again: A == v or A == IPPROTO_NONE ends the walk.
      const check = jeq(v);
      const none = jeq(59);
      check.jt = end;
      check.jf = none;
      none.jt = end;
      // AH: A = P[X]; X = (P[X + 1] + 2) * 4 (sic); A = next header.
      const ah = jeq(51);
      const ahAdvance = ja([
        { code: BPF_MISC | BPF_TXA, k: 0 },
        ldInd(hd),
        { code: BPF_ST, k: reg },
        { code: BPF_MISC | BPF_TXA, k: 0 },
        { code: BPF_ALU | BPF_ADD | BPF_K, k: 1 },
        { code: BPF_MISC | BPF_TAX, k: 0 },
        ldInd(hd),
        { code: BPF_ALU | BPF_ADD | BPF_K, k: 2 },
        { code: BPF_ALU | BPF_MUL | BPF_K, k: 4 },
        { code: BPF_MISC | BPF_TAX, k: 0 },
        { code: BPF_LD | BPF_MEM, k: reg },
      ]);
      ah.jt = ahAdvance;
      ah.jf = end;
      ahAdvance.jt = ahAdvance.jf = next;
      if (v6) {
        // Hop-by-hop, destination options, routing, fragment: A = P[X];
        // X += (P[X + 1] + 1) * 8.
        const advance = ja([
          ldInd(hd),
          { code: BPF_ST, k: reg },
          ldInd(hd + 1),
          { code: BPF_ALU | BPF_ADD | BPF_K, k: 1 },
          { code: BPF_ALU | BPF_MUL | BPF_K, k: 8 },
          { code: BPF_ALU | BPF_ADD | BPF_X, k: 0 },
          { code: BPF_MISC | BPF_TAX, k: 0 },
          { code: BPF_LD | BPF_MEM, k: reg },
        ]);
        advance.jt = advance.jf = next;
        const ext = [0, 60, 43, 44].map(jeq);
        ext.forEach((b, i) => {
          b.jt = advance;
          b.jf = ext[i + 1] ?? ah;
        });
        none.jf = ext[0]!;
      } else none.jf = ah;
      next = check;
    }
    next.stmts = first;
    return and(b0, { head: next, t: [[end, "jt"]], f: [[end, "jf"]] });
  }

  /** gen_pppoed. */
  pppoed(offset: number): Fragment {
    return this.linktype(ETHERTYPE_PPPOED, offset);
  }

  /**
   * gen_pppoes: a PPPoE session frame (with that session id), after which the expression sees
   * the PPP frame inside: link-type field 6 bytes into the payload, network layer 2 further.
   */
  pppoes(value: number | undefined, offset: number): Fragment {
    let f = this.linktype(ETHERTYPE_PPPOES, offset);
    if (value !== undefined) {
      if (value > 0xffff) {
        this.fail(`PPPoE session number ${value} greater than maximum 65535`, offset);
      }
      f = and(f, this.cmpNet(0, BPF_W, value, 0xffff));
    }
    this.linkType = LINKTYPE_PPP;
    this.encap = false;
    this.link = { ...this.link, description: "PPP" };
    this.offLinkHdr = this.offNet + 6;
    this.varLinkHdr = this.varNet;
    this.offLinkType = this.offLinkHdr;
    this.varLinkType = this.varNet;
    this.offNet = this.offLinkHdr + 2;
    this.offNlNosnap = 0;
    return f;
  }

  /**
   * gen_dnhostop: a DECnet address in the routing header, in its four forms (short or long
   * header, with or without a pad byte), in libpcap's order. Addresses are little-endian.
   */
  dnhostop(addr: number, dir: string | undefined, offset: number): Fragment {
    if (dir === undefined || dir === "src or dst" || dir === "src and dst") {
      const a = this.dnhostop(addr, "src", offset);
      const b = this.dnhostop(addr, "dst", offset);
      return dir === "src and dst" ? and(a, b) : or(a, b);
    }
    const [sh, lh] = dir === "src" ? [3, 15] : [1, 7];
    const a = ((addr & 0xff) << 8) | ((addr >> 8) & 0xff);
    const lt = this.linktype(ETHERTYPE_DN, offset);
    let f = and(this.cmpNet(2, BPF_H, 0x8106, 0xff07), this.cmpNet(2 + 1 + lh, BPF_H, a));
    f = or(and(this.cmpNet(2, BPF_B, 0x06, 0x07), this.cmpNet(2 + lh, BPF_H, a)), f);
    f = or(and(this.cmpNet(2, BPF_H, 0x8102, 0xff07), this.cmpNet(2 + 1 + sh, BPF_H, a)), f);
    f = or(and(this.cmpNet(2, BPF_B, 0x02, 0x07), this.cmpNet(2 + sh, BPF_H, a)), f);
    return and(lt, f);
  }

  /** gen_ipfrag: true for an unfragmented datagram or a first fragment. */
  notFragment(): Fragment {
    return not(
      leaf(
        this.loadNet(6, BPF_H),
        BPF_JMP | BPF_JSET | BPF_K,
        0x1fff,
      ),
    );
  }

  /** gen_proto for IPv4: `ip and ip[9] == p`. */
  ipProto(p: number, offset: number): Fragment {
    return and(this.linktype(ETHERTYPE_IP, offset), this.cmpNet(9, BPF_B, p));
  }

  /** gen_proto for IPv6: next header is `p`, or a fragment header followed by `p`. */
  ip6Proto(p: number, offset: number): Fragment {
    const b0 = this.linktype(ETHERTYPE_IPV6, offset);
    const direct = this.cmpNet(6, BPF_B, p);
    const frag = and(this.cmpNet(6, BPF_B, 44), this.cmpNet(40, BPF_B, p));
    return and(b0, or(direct, frag));
  }

  /** gen_proto_abbrev for the transport protocols: over IPv4 or IPv6. */
  transport(p: number, offset: number): Fragment {
    return or(this.ipProto(p, offset), this.ip6Proto(p, offset));
  }

  /** A protocol name alone (`tcp`, `ip6`, `arp`, ...). */
  pname(proto: string, offset: number): Fragment {
    switch (proto) {
      case "ether":
        this.fail(`"ether" needs a qualifier or an index`, offset);
        break;
      case "ip":
        return this.linktype(ETHERTYPE_IP, offset);
      case "ip6":
        return this.linktype(ETHERTYPE_IPV6, offset);
      case "arp":
        return this.linktype(ETHERTYPE_ARP, offset);
      case "rarp":
        return this.linktype(ETHERTYPE_REVARP, offset);
      case "tcp":
        return this.transport(IPPROTO.TCP, offset);
      case "udp":
        return this.transport(IPPROTO.UDP, offset);
      case "sctp":
        return this.transport(IPPROTO.SCTP, offset);
      case "icmp":
        return this.ipProto(IPPROTO.ICMP, offset);
      case "igmp":
        return this.ipProto(IPPROTO.IGMP, offset);
      case "igrp":
        return this.ipProto(IPPROTO.IGRP, offset);
      case "pim":
        return this.transport(IPPROTO.PIM, offset);
      case "vrrp":
        return this.ipProto(IPPROTO.VRRP, offset);
      case "carp":
        return this.ipProto(112, offset);
      case "icmp6":
        return this.ip6Proto(58, offset);
      case "ah":
        return this.transport(51, offset);
      case "esp":
        return this.transport(50, offset);
    }
    const lt = LINK_PROTOCOLS[proto];
    if (lt !== undefined) return this.linktype(lt, offset);
    const nlpid = ISO_NLPID[proto];
    if (nlpid !== undefined) return this.isoProto(nlpid, offset);
    const pdus = ISIS_PDUS[proto];
    if (pdus) {
      // gen_or(b0, b1) of each next type in front of the ones before: libpcap's test order.
      let f = or(this.isisProto(pdus[0]!, offset), this.isisProto(pdus[1]!, offset));
      for (const p of pdus.slice(2)) f = or(this.isisProto(p, offset), f);
      return f;
    }
    if (proto === "radio") this.fail(`"radio" is not a valid protocol type`, offset);
    this.fail(`protocol "${proto}" is not supported`, offset);
  }

  // --- hosts, nets, ports ----------------------------------------------------

  /** gen_hostop: `proto` on the link, then the address word at src/dst offset. */
  hostop(
    addr: number,
    mask: number,
    dir: string | undefined,
    proto: number,
    srcOff: number,
    dstOff: number,
    offset: number,
  ): Fragment {
    if (dir === undefined || dir === "src or dst" || dir === "src and dst") {
      const a = this.hostop(addr, mask, "src", proto, srcOff, dstOff, offset);
      const b = this.hostop(addr, mask, "dst", proto, srcOff, dstOff, offset);
      return dir === "src and dst" ? and(a, b) : or(a, b);
    }
    const off = dir === "src" ? srcOff : dstOff;
    // A zero mask compares nothing: the optimizer drops that load, as libpcap's does.
    return and(this.linktype(proto, offset, true), this.cmpNet(off, BPF_W, addr, mask));
  }

  host(addr: number, mask: number, q: Qualifiers, offset: number, what: string): Fragment {
    switch (q.proto) {
      case undefined: {
        const ip = this.hostop(addr, mask, q.dir, ETHERTYPE_IP, 12, 16, offset);
        const arp = this.hostop(addr, mask, q.dir, ETHERTYPE_ARP, 14, 24, offset);
        const rarp = this.hostop(addr, mask, q.dir, ETHERTYPE_REVARP, 14, 24, offset);
        return or(or(ip, arp), rarp);
      }
      case "ip":
        return this.hostop(addr, mask, q.dir, ETHERTYPE_IP, 12, 16, offset);
      case "arp":
        return this.hostop(addr, mask, q.dir, ETHERTYPE_ARP, 14, 24, offset);
      case "rarp":
        return this.hostop(addr, mask, q.dir, ETHERTYPE_REVARP, 14, 24, offset);
      case "decnet":
        return this.dnhostop(addr & 0xffff, q.dir, offset);
      case "ether":
        this.fail(`link-layer modifier applied to ${what}`, offset);
        break;
      case "ip6":
        this.fail(`"ip6" modifier applied to ip ${what}`, offset);
    }
    this.fail(`"${q.proto}" modifier applied to ${what}`, offset);
  }

  hostop6(addr: number[], mask: number[], dir: string | undefined, offset: number): Fragment {
    if (dir === undefined || dir === "src or dst" || dir === "src and dst") {
      const a = this.hostop6(addr, mask, "src", offset);
      const b = this.hostop6(addr, mask, "dst", offset);
      return dir === "src and dst" ? and(a, b) : or(a, b);
    }
    const base = dir === "src" ? 8 : 24;
    let f = this.linktype(ETHERTYPE_IPV6, offset);
    for (let i = 0; i < 4; i++) {
      // Every word, as libpcap; the optimizer then drops the zero-mask ones, loads included.
      f = and(f, this.cmpNet(base + 4 * i, BPF_W, addr[i]!, mask[i]!));
    }
    return f;
  }

  ehostop(mac: Uint8Array, dir: string | undefined, offset: number): Fragment {
    if (dir === undefined || dir === "src or dst" || dir === "src and dst") {
      const a = this.ehostop(mac, "src", offset);
      const b = this.ehostop(mac, "dst", offset);
      return dir === "src and dst" ? and(a, b) : or(a, b);
    }
    const off = dir === "src" ? 6 : 0;
    const word = ((mac[2]! << 24) | (mac[3]! << 16) | (mac[4]! << 8) | mac[5]!) >>> 0;
    return and(
      this.cmpHdr(off + 2, BPF_W, word),
      this.cmpHdr(off, BPF_H, (mac[0]! << 8) | mac[1]!),
    );
  }

  portAtom(off: number, port: number, v6: boolean): Fragment {
    return v6 ? this.cmpNet(40 + off, BPF_H, port) : this.cmpTran4(off, BPF_H, port);
  }

  rangeAtom(off: number, lo: number, hi: number, v6: boolean): Fragment {
    const ge = v6
      ? this.cmpNet(40 + off, BPF_H, lo, 0xffffffff, BPF_JGE)
      : this.cmpTran4(off, BPF_H, lo, BPF_JGE);
    const le = v6
      ? this.cmpNet(40 + off, BPF_H, hi, 0xffffffff, BPF_JGT, true)
      : this.cmpTran4(off, BPF_H, hi, BPF_JGT, true);
    return and(ge, le);
  }

  /** gen_portop / gen_portop6: one transport protocol, both directions as asked. */
  portop(lo: number, hi: number, ipProto: number, dir: string | undefined, v6: boolean): Fragment {
    const atom = (off: number) =>
      lo === hi && !this.range ? this.portAtom(off, lo, v6) : this.rangeAtom(off, lo, hi, v6);
    let check = v6 ? this.cmpNet(6, BPF_B, ipProto) : this.cmpNet(9, BPF_B, ipProto);
    if (!v6) check = and(check, this.notFragment());
    let ports: Fragment;
    if (dir === "src") ports = atom(0);
    else if (dir === "dst") ports = atom(2);
    else if (dir === "src and dst") ports = and(atom(0), atom(2));
    else ports = or(atom(0), atom(2));
    return and(check, ports);
  }

  range = false;

  /** gen_port / gen_port6 for both IP versions: IPv6 first, as libpcap orders them. */
  port(
    lo: number,
    hi: number,
    ipProto: number,
    dir: string | undefined,
    range: boolean,
    offset: number,
  ): Fragment {
    this.range = range;
    const one = (v6: boolean): Fragment => {
      const lt = this.linktype(v6 ? ETHERTYPE_IPV6 : ETHERTYPE_IP, offset);
      let body: Fragment;
      if (ipProto === PROTO_UNDEF) {
        const tcp = this.portop(lo, hi, IPPROTO.TCP, dir, v6);
        const udp = this.portop(lo, hi, IPPROTO.UDP, dir, v6);
        const sctp = this.portop(lo, hi, IPPROTO.SCTP, dir, v6);
        body = or(sctp, or(tcp, udp));
      } else body = this.portop(lo, hi, ipProto, dir, v6);
      return and(lt, body);
    };
    const v6 = one(true);
    const v4 = one(false);
    return or(v6, v4);
  }

  // --- primitives --------------------------------------------------------------

  portProto(q: Qualifiers, offset: number, word: string): number {
    switch (q.proto) {
      case undefined:
        return PROTO_UNDEF;
      case "tcp":
        return IPPROTO.TCP;
      case "udp":
        return IPPROTO.UDP;
      case "sctp":
        return IPPROTO.SCTP;
    }
    this.fail(`illegal qualifier of "${word}"`, offset);
  }

  service(name: string, q: Qualifiers, offset: number): [number, number] {
    const s = SERVICES[name];
    if (!s) this.fail(`unknown port "${name}"`, offset);
    const [port, transport] = s;
    const asked = this.portProto(q, offset, q.addr ?? "port");
    if (asked === IPPROTO.UDP && transport === "tcp") this.fail(`port "${name}" is tcp`, offset);
    if (asked === IPPROTO.TCP && transport === "udp") this.fail(`port "${name}" is udp`, offset);
    if (asked === IPPROTO.SCTP && transport !== "both") {
      this.fail(`port "${name}" is ${transport}`, offset);
    }
    if (asked !== PROTO_UNDEF) return [port, asked];
    return [
      port,
      transport === "tcp" ? IPPROTO.TCP : transport === "udp" ? IPPROTO.UDP : PROTO_UNDEF,
    ];
  }

  protoNumber(name: string, q: Qualifiers, offset: number): number {
    const n = name.toLowerCase();
    if (q.proto === "ether") {
      const v = ETHER_PROTOCOLS[n];
      if (v === undefined) this.fail(`unknown ether proto "${name}"`, offset);
      return v;
    }
    const v = IP_PROTOCOLS[n];
    if (v === undefined) this.fail(`unknown ip proto "${name}"`, offset);
    return v;
  }

  /** gen_proto: `[ether|ip|ip6] proto N`. */
  proto(v: number, q: Qualifiers, offset: number): Fragment {
    switch (q.proto) {
      case undefined:
        return or(this.ipProto(v, offset), this.ip6Proto(v, offset));
      case "ether":
        return this.linktype(v, offset);
      case "ip":
        return this.ipProto(v, offset);
      case "ip6":
        return this.ip6Proto(v, offset);
      case "iso":
        return this.isoProto(v, offset);
      case "isis":
        return this.isisProto(v, offset);
    }
    this.fail(`"${q.proto} proto" is not supported`, offset);
  }

  id(node: Extract<Node, { type: "id" }>): Fragment {
    const { q, value, offset } = node;
    const addr = q.addr;
    if (q.proto !== undefined && UNSUPPORTED.has(q.proto)) {
      this.fail(`"${q.proto}" is not supported`, offset);
    }
    if (addr === "protochain") {
      let v: number;
      if (value.kind === "num") v = value.value;
      else if (value.kind === "name") v = this.protoNumber(value.text, { proto: "ip" }, offset);
      else this.fail(`"protochain" takes a protocol number or name`, offset);
      return this.protochain(v, q, offset);
    }
    if (addr === "gateway") {
      this.fail(`"gateway" needs a host name, and host names are not resolved`, offset);
    }
    if (q.dir !== undefined && WLAN_DIRS_QUAL.has(q.dir) && value.kind !== "eid") {
      this.fail(
        addr === "port" || addr === "portrange"
          ? `"${q.dir}" is not a valid qualifier for ports`
          : `"${q.dir}" is valid only for 802.11 MAC addresses`,
        offset,
      );
    }
    switch (value.kind) {
      case "name":
        return this.name(value.text, q, offset);
      case "num":
        return this.num(value.value, q, offset);
      case "hid":
        return this.hid(value, q, offset);
      case "hid6":
        return this.hid6(value, q, offset);
      case "eid":
        return this.eid(value.text, q, offset);
    }
  }

  name(text: string, q: Qualifiers, offset: number): Fragment {
    const addr = q.addr;
    if (addr === "port") {
      const [port, proto] = this.service(text, q, offset);
      return this.port(port, port, proto, q.dir, false, offset);
    }
    if (addr === "portrange") {
      const m = /^([^-]+)-([^-]+)$/.exec(text);
      const one = (s: string): number => {
        const n = Number(s);
        if (/^\d+$/.test(s)) {
          if (n > 65535) this.fail(`illegal port number ${n} > 65535`, offset);
          return n;
        }
        return this.service(s, q, offset)[0];
      };
      if (!m) this.fail(`port range "${text}" is not of the form low-high`, offset);
      let lo = one(m[1]!);
      let hi = one(m[2]!);
      if (lo > hi) [lo, hi] = [hi, lo];
      let proto = this.portProto(q, offset, "portrange");
      const named = [m[1]!, m[2]!].filter((x) => !/^\d+$/.test(x)).map((x) => SERVICES[x]![1]);
      if (
        proto === PROTO_UNDEF && named.length === 2 && named[0] === named[1] && named[0] !== "both"
      ) {
        proto = named[0] === "tcp" ? IPPROTO.TCP : IPPROTO.UDP;
      }
      return this.port(lo, hi, proto, q.dir, true, offset);
    }
    if (addr === "proto") return this.proto(this.protoNumber(text, q, offset), q, offset);
    throw new FilterSyntaxError(
      this.src,
      `host names are not resolved ("${text}"`,
      offset,
      ` at offset ${offset}); use an address`,
    );
  }

  num(v: number, q: Qualifiers, offset: number): Fragment {
    switch (q.addr) {
      case undefined:
      case "host":
      case "net": {
        if (q.proto === "ether") this.fail("illegal link layer address", offset);
        if (q.proto === "decnet") return this.dnhostop(v & 0xffff, q.dir, offset);
        let mask = 0xffffffff;
        if (q.addr === "net") {
          while (v && (v & 0xff000000) === 0) {
            v = (v << 8) >>> 0;
            mask = (mask << 8) >>> 0;
          }
        }
        return this.host(v >>> 0, mask, q, offset, q.addr === "net" ? "net" : "host");
      }
      case "port":
        if (v > 65535) this.fail(`illegal port number ${v} > 65535`, offset);
        return this.port(v, v, this.portProto(q, offset, "port"), q.dir, false, offset);
      case "portrange":
        if (v > 65535) this.fail(`illegal port number ${v} > 65535`, offset);
        return this.port(v, v, this.portProto(q, offset, "portrange"), q.dir, true, offset);
      case "proto":
        return this.proto(v, q, offset);
    }
    this.fail(`"${q.addr}" does not take a number`, offset);
  }

  hid(value: Extract<IdValue, { kind: "hid" }>, q: Qualifiers, offset: number): Fragment {
    if (
      q.proto === "decnet" && value.len === undefined && value.mask === undefined &&
      (q.addr === undefined || q.addr === "host" || q.addr === "net")
    ) {
      // __pcap_atodn: "area.node" as sscanf("%d.%d") reads it (anything after is ignored).
      const [area, node] = value.text.split(".").map(Number);
      const addr = ((area! << 10) & 0xfc00) | (node! & 0x3ff);
      return this.dnhostop(addr, q.dir, offset);
    }
    const parts = value.text.split(".").map(Number);
    if (parts.some((p) => p > 255)) this.fail(`invalid address "${value.text}"`, offset);
    let v = 0;
    for (const p of parts) v = ((v << 8) | p) >>> 0;
    const vlen = parts.length * 8;
    if (value.len !== undefined || value.mask !== undefined) {
      // gen_mcode: `net A/len` or `net A mask M`.
      let m: number;
      if (value.len !== undefined) {
        if (value.len > 32) this.fail(`mask length must be <= 32`, offset);
        v = vlen === 32 ? v : (v << (32 - vlen)) >>> 0;
        m = value.len === 0 ? 0 : (0xffffffff << (32 - value.len)) >>> 0;
      } else {
        const mp = value.mask!.split(".").map(Number);
        if (mp.length !== 4 || mp.some((p) => p > 255)) {
          this.fail(`invalid netmask "${value.mask}"`, offset);
        }
        m = mp.reduce((a, p) => ((a << 8) | p) >>> 0, 0);
        v = vlen === 32 ? v : (v << (32 - vlen)) >>> 0;
      }
      if ((v & ~m) >>> 0 !== 0) {
        const shown = value.len !== undefined
          ? `${value.text}/${value.len}`
          : `${value.text} mask ${value.mask}`;
        this.fail(`non-network bits set in "${shown}"`, offset);
      }
      if (q.addr !== "net") this.fail("mask syntax for networks only", offset);
      return this.host(v, m, q, offset, "net");
    }
    switch (q.addr) {
      case undefined:
      case "host":
      case "net": {
        if (q.proto === "ether") this.fail("illegal link layer address", offset);
        const shifted = vlen === 32 ? v : (v << (32 - vlen)) >>> 0;
        const mask = vlen === 32 ? 0xffffffff : (0xffffffff << (32 - vlen)) >>> 0;
        return this.host(shifted, mask, q, offset, q.addr === "net" ? "net" : "host");
      }
    }
    this.fail(`an address cannot follow "${q.addr}"`, offset);
  }

  hid6(value: Extract<IdValue, { kind: "hid6" }>, q: Qualifiers, offset: number): Fragment {
    const words = parseIpv6(value.text);
    if (!words) this.fail(`invalid IPv6 address "${value.text}"`, offset);
    const len = value.len ?? 128;
    if (len > 128) this.fail("mask length must be <= 128", offset);
    const mask = [0, 1, 2, 3].map((i) => {
      const bits = Math.max(0, Math.min(32, len - 32 * i));
      return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    });
    if (words.some((w, i) => (w & ~mask[i]!) >>> 0 !== 0)) {
      this.fail(`non-network bits set in "${value.text}/${len}"`, offset);
    }
    switch (q.addr) {
      case undefined:
      case "host":
      case "net":
        if (len !== 128 && q.addr !== "net") this.fail("mask syntax for networks only", offset);
        if (q.proto === undefined || q.proto === "ip6") {
          return this.hostop6(words, mask, q.dir, offset);
        }
        if (q.proto === "ether") this.fail("illegal link layer address", offset);
        this.fail(
          `"${q.proto}" modifier applied to ip6 ${q.addr === "net" ? "net" : "host"}`,
          offset,
        );
    }
    this.fail(`an address cannot follow "${q.addr}"`, offset);
  }

  eid(text: string, q: Qualifiers, offset: number): Fragment {
    if ((q.addr === "host" || q.addr === undefined) && q.proto === "ether") {
      if (this.wlan) return wlanHostop(this.hdrLoad, parseMac(text), q.dir);
      if (q.dir !== undefined && WLAN_DIRS_QUAL.has(q.dir)) {
        this.fail(`"${q.dir}" is supported only on 802.11 with 802.11 headers`, offset);
      }
      if (!this.isEthernet) {
        this.fail("ethernet addresses are supported only on Ethernet here", offset);
      }
      return this.withEncapCheck(this.ehostop(parseMac(text), q.dir, offset));
    }
    this.fail("ethernet address used in non-ether expression", offset);
  }

  // --- packet data -------------------------------------------------------------

  allocReg(offset: number): number {
    if (this.regs >= this.regLimit) {
      this.fail("too many registers needed to evaluate expression", offset);
    }
    return this.regs++;
  }

  /** Compiles arithmetic into statements leaving the value in A, plus the protocol checks. */
  arith(e: Arith): { stmts: Stmt[]; checks: Fragment | null; constant?: number } {
    switch (e.type) {
      case "num":
        return {
          stmts: [{ code: BPF_LD | BPF_IMM, k: e.value }],
          checks: null,
          constant: e.value >>> 0,
        };
      case "len":
        return { stmts: [{ code: BPF_LD | BPF_W | BPF_LEN, k: 0 }], checks: null };
      case "neg": {
        const a = this.arith(e.expr);
        if (a.constant !== undefined) return this.arith({ type: "num", value: -a.constant >>> 0 });
        return { stmts: [...a.stmts, { code: BPF_ALU | BPF_NEG, k: 0 }], checks: a.checks };
      }
      case "bin":
        return this.binary(e);
      case "load":
        return this.load(e);
    }
  }

  binary(
    e: Extract<Arith, { type: "bin" }>,
  ): { stmts: Stmt[]; checks: Fragment | null; constant?: number } {
    const op = ARITH_OP[e.op]!;
    // gen_arth's checks look at the first statement of the right operand's code only.
    const first = firstConstant(e.right);
    if (first === 0 && op === BPF_DIV) this.fail("division by zero", e.offset);
    if (first === 0 && op === BPF_MOD) this.fail("modulus by zero", e.offset);
    if (first !== undefined && first > 31 && (op === BPF_LSH || op === BPF_RSH)) {
      this.fail("shift by more than 31 bits", e.offset);
    }
    if (this.optimize) optimizerValue(e, (reason) => this.fail(reason, e.offset));
    // The right operand runs first and is parked in a scratch word while the left one runs,
    // so the left one's own scratch words must not be that one: allocate it before.
    const r = this.arith(e.right);
    const rk = r.constant;
    // A constant that cannot fold here (a zero divisor, a shift by 32 or more) is computed at
    // run time, as libpcap's unoptimized code does (the optimizer refused it above).
    // Optimized, a long shift got this far only with a constant on the left: it folds to 0.
    const usable = rk !== undefined &&
      !((op === BPF_DIV || op === BPF_MOD) && rk === 0) &&
      !((op === BPF_LSH || op === BPF_RSH) && rk > 31 && !this.optimize);
    const reg = usable ? undefined : this.allocReg(e.offset);
    const l = this.arith(e.left);
    if (reg !== undefined) this.regs--;
    // libpcap's gen_arth keeps only the left operand's protocol checks.
    const checks = l.checks;
    if (usable) {
      if (l.constant !== undefined) {
        const v = evalAlu(op, l.constant, rk)!;
        return { stmts: [{ code: BPF_LD | BPF_IMM, k: v }], checks: null, constant: v };
      }
      return { stmts: [...l.stmts, { code: BPF_ALU | op | BPF_K, k: rk }], checks };
    }
    const stmts = [
      ...r.stmts,
      { code: BPF_ST, k: reg! },
      ...l.stmts,
      { code: BPF_LDX | BPF_MEM, k: reg! },
      { code: BPF_ALU | op | BPF_X, k: 0 },
    ];
    return { stmts, checks };
  }

  load(e: Extract<Arith, { type: "load" }>): { stmts: Stmt[]; checks: Fragment | null } {
    const size = e.size === 1 ? BPF_B : e.size === 2 ? BPF_H : BPF_W;
    const idx = this.arith(e.index);
    let check: Fragment | null;
    let base: number;
    let tran4 = false;
    switch (e.proto) {
      case "ether":
        // From the link-layer header: the frame's start, or the PPP header after `pppoes`.
        check = null;
        base = this.offLinkHdr;
        break;
      case "radio":
        // From the start of the radio header (radiotap, AVS, Prism) that precedes 802.11.
        if (this.linkType === LINKTYPE_IEEE802_11 || !this.wlan) {
          this.fail("radio information not present in capture", e.offset);
        }
        check = null;
        base = 0;
        break;
      case "ip":
        check = this.linktype(ETHERTYPE_IP, e.offset);
        base = this.offNet;
        break;
      case "ip6":
        check = this.linktype(ETHERTYPE_IPV6, e.offset);
        base = this.offNet;
        break;
      case "arp":
        check = this.linktype(ETHERTYPE_ARP, e.offset);
        base = this.offNet;
        break;
      case "rarp":
        check = this.linktype(ETHERTYPE_REVARP, e.offset);
        base = this.offNet;
        break;
      case "tcp":
      case "udp":
      case "sctp":
      case "icmp":
      case "igmp":
      case "igrp":
      case "pim":
      case "vrrp":
      case "carp": {
        const p = {
          tcp: 6,
          udp: 17,
          sctp: 132,
          icmp: 1,
          igmp: 2,
          igrp: 9,
          pim: 103,
          vrrp: 112,
          carp: 112,
        }[e.proto];
        check = and(
          and(this.linktype(ETHERTYPE_IP, e.offset), this.ipProto(p, e.offset)),
          this.notFragment(),
        );
        base = this.offNet;
        tran4 = true;
        break;
      }
      case "icmp6":
        check = and(this.linktype(ETHERTYPE_IPV6, e.offset), this.cmpNet(6, BPF_B, 58));
        base = this.offNet + 40;
        break;
      default:
        this.fail(`"${e.proto}[...]" is not supported`, e.offset);
    }
    const checks = idx.checks && check ? and(idx.checks, check) : idx.checks ?? check;
    // After a live `vlan`, network-relative loads add the run-time offset part (M[varNet]).
    const varPart = e.proto === "ether"
      ? this.varLinkHdr
      : e.proto === "radio"
      ? undefined
      : this.varNet;
    let stmts: Stmt[];
    if (idx.constant !== undefined) {
      stmts = tran4
        ? [...this.loadxIpHdrLen(), { code: BPF_LD | size | BPF_IND, k: base + idx.constant }]
        : this.loadRel(base, varPart, idx.constant, size);
    } else if (tran4) {
      const reg = this.allocReg(e.offset);
      this.regs--;
      stmts = [
        ...idx.stmts,
        { code: BPF_ST, k: reg },
        ...this.loadxIpHdrLen(),
        { code: BPF_LD | BPF_MEM, k: reg },
        { code: BPF_ALU | BPF_ADD | BPF_X, k: 0 },
        { code: BPF_MISC | BPF_TAX, k: 0 },
        { code: BPF_LD | size | BPF_IND, k: base },
      ];
    } else if (varPart !== undefined) {
      stmts = [
        ...idx.stmts,
        { code: BPF_LDX | BPF_MEM, k: varPart },
        { code: BPF_ALU | BPF_ADD | BPF_X, k: 0 },
        { code: BPF_MISC | BPF_TAX, k: 0 },
        { code: BPF_LD | size | BPF_IND, k: base },
      ];
    } else {
      stmts = [...idx.stmts, { code: BPF_MISC | BPF_TAX, k: 0 }, {
        code: BPF_LD | size | BPF_IND,
        k: base,
      }];
    }
    return { stmts, checks };
  }

  relation(n: Extract<Node, { type: "rel" }>): Fragment {
    let l = this.arith(n.left);
    const r = this.arith(n.right);
    let reg: number | undefined;
    if (l.constant === undefined && r.constant === undefined) {
      // The right side is parked in a scratch word while the left side runs: the left side's
      // own scratch words must avoid it, so generate it again with that word taken.
      reg = this.allocReg(n.offset);
      l = this.arith(n.left);
      this.regs--;
    }
    const checks = l.checks && r.checks ? and(l.checks, r.checks) : l.checks ?? r.checks;
    let op = n.op;
    let left = l, right = r;
    if (right.constant === undefined && left.constant !== undefined) {
      [left, right] = [right, left];
      op = ({ ">": "<", "<": ">", ">=": "<=", "<=": ">=" } as Record<string, string>)[op] ?? op;
    }
    const [jop, rev] = ({
      ">": [BPF_JGT, false],
      ">=": [BPF_JGE, false],
      "=": [BPF_JEQ, false],
      "<": [BPF_JGE, true],
      "<=": [BPF_JGT, true],
      "!=": [BPF_JEQ, true],
    } as Record<string, [number, boolean]>)[op]!;
    let f: Fragment;
    if (right.constant !== undefined) {
      f = leaf(left.stmts, BPF_JMP | jop | BPF_K, right.constant);
    } else {
      f = leaf(
        [
          ...right.stmts,
          { code: BPF_ST, k: reg! },
          ...left.stmts,
          { code: BPF_LDX | BPF_MEM, k: reg! },
        ],
        BPF_JMP | jop | BPF_X,
        0,
      );
    }
    if (rev) f = not(f);
    return checks ? and(checks, f) : f;
  }

  // --- 802.11 frame control, tunnels -----------------------------------------

  /** gen_p80211_type / gen_p80211_fcdir: frame-control bits of byte 0 (type) or 1 (dir). */
  wlanField(n: Extract<Node, { type: "wlan" }>): Fragment {
    if (!this.wlan) {
      this.fail(
        n.field === "dir"
          ? "frame direction supported only with 802.11 headers"
          : "802.11 link-layer types supported only on 802.11",
        n.offset,
      );
    }
    return n.field === "dir"
      ? this.cmpHdr(1, BPF_B, n.value, WLAN_DIR_MASK)
      : this.cmpHdr(0, BPF_B, n.value, n.mask);
  }

  /** gen_prevlinkhdr_check after a tunnel: the inner frame has a link header of its own. */
  withEncapCheck(f: Fragment): Fragment {
    if (!this.encap) return f;
    const check = not(leaf(
      [{ code: BPF_LD | BPF_MEM, k: this.varLinkHdr! }, {
        code: BPF_LDX | BPF_MEM,
        k: this.varNet!,
      }],
      BPF_JMP | BPF_JEQ | BPF_X,
      0,
    ));
    return and(check, f);
  }

  /**
   * gen_geneve_check / gen_vxlan_check over one IP version: UDP to the tunnel's port, then
   * the first byte of its header (Geneve: version 0; VXLAN: flags exactly 0x08) and the VNI;
   * then, always true, A = the IP header's length (plus a run-time offset part), which the
   * offset code after it starts from.
   */
  tunnelCheck(
    v6: boolean,
    port: number,
    first: [v: number, mask: number],
    vni: number | undefined,
    offset: number,
  ): Fragment {
    this.range = false;
    let f = and(
      this.linktype(v6 ? ETHERTYPE_IPV6 : ETHERTYPE_IP, offset),
      this.portop(port, port, IPPROTO.UDP, "dst", v6),
    );
    const tran = (off: number, size: number, v: number, mask: number): Fragment => {
      if (v6) return this.cmpNet(40 + off, size, v, mask);
      const stmts = [...this.loadxIpHdrLen(), {
        code: BPF_LD | size | BPF_IND,
        k: this.offNet + off,
      }];
      return this.cmpStmts(stmts, v, mask, BPF_JEQ, false);
    };
    f = and(f, tran(8, BPF_B, first[0], first[1]));
    if (vni !== undefined) f = and(f, tran(12, BPF_W, (vni << 8) >>> 0, 0xffffff00));
    let len: Stmt[];
    if (!v6) len = [...this.loadxIpHdrLen(), { code: BPF_MISC | BPF_TXA, k: 0 }];
    else if (this.varNet !== undefined) {
      len = [
        { code: BPF_LDX | BPF_MEM, k: this.varNet },
        { code: BPF_LD | BPF_IMM, k: 40 },
        { code: BPF_ALU | BPF_ADD | BPF_X, k: 0 },
        { code: BPF_MISC | BPF_TAX, k: 0 },
      ];
    } else len = [{ code: BPF_LD | BPF_IMM, k: 40 }, { code: BPF_MISC | BPF_TAX, k: 0 }];
    return and(f, leaf(len, BPF_JMP | BPF_JEQ | BPF_X, 0));
  }

  /** What follows a tunnel sees the frame inside: an Ethernet link with run-time offsets. */
  enterTunnel(linkHdr: number, linkType: number, payload: number): void {
    this.tunnelRegs.push(linkHdr, linkType, payload);
    this.linkType = LINKTYPE.ETHERNET;
    this.link = { ...this.link, description: "Ethernet" };
    this.offLinkHdr = 0;
    this.varLinkHdr = linkHdr;
    this.offLinkType = 0;
    this.varLinkType = linkType;
    this.offNet = 0;
    this.varNet = payload;
    this.encap = true;
  }

  /**
   * gen_geneve: Geneve (UDP 6081) over IPv4 or IPv6, with that VNI; what follows sees the
   * tunnelled frame. The offsets are computed at run time (gen_geneve_offsets): the EtherType
   * field is 2 bytes into the Geneve header, the payload after its options (length in 4-byte
   * words); an Ethernet payload (protocol 0x6558) moves both 14 bytes on. libpcap's code for
   * this jumps inside a statement list, so it leaves the program unoptimized; so do we.
   */
  geneve(vni: number | undefined, offset: number): Fragment {
    if (vni !== undefined && vni > 0xffffff) {
      this.fail(`Geneve VNI ${vni} greater than maximum 16777215`, offset);
    }
    const b = or(
      this.tunnelCheck(false, GENEVE_PORT, [0, 0xc0], vni, offset),
      this.tunnelCheck(true, GENEVE_PORT, [0, 0xc0], vni, offset),
    );
    const lt = this.allocReg(offset);
    const lh = this.allocReg(offset);
    const lp = this.allocReg(offset);
    const head = newBlock(
      [
        { code: BPF_ALU | BPF_ADD | BPF_K, k: this.offNet + 8 },
        { code: BPF_MISC | BPF_TAX, k: 0 },
        { code: BPF_ALU | BPF_ADD | BPF_K, k: 2 },
        { code: BPF_ST, k: lt },
        { code: BPF_LD | BPF_B | BPF_IND, k: 0 },
        { code: BPF_ALU | BPF_AND | BPF_K, k: 0x3f },
        { code: BPF_ALU | BPF_MUL | BPF_K, k: 4 },
        { code: BPF_ALU | BPF_ADD | BPF_K, k: 8 },
        { code: BPF_ALU | BPF_ADD | BPF_X, k: 0 },
        { code: BPF_ST, k: lh },
        { code: BPF_LD | BPF_H | BPF_IND, k: 2 },
        { code: BPF_LDX | BPF_MEM, k: lh },
      ],
      BPF_JMP | BPF_JEQ | BPF_K,
      ETHERTYPE_TEB,
    );
    const store = newBlock(
      [{ code: BPF_STX, k: lp }, { code: BPF_LD | BPF_IMM, k: 0 }],
      BPF_JMP | BPF_JEQ | BPF_K,
      0,
    );
    const ether = newBlock(
      [
        { code: BPF_MISC | BPF_TXA, k: 0 },
        { code: BPF_ALU | BPF_ADD | BPF_K, k: 12 },
        { code: BPF_ST, k: lt },
        { code: BPF_ALU | BPF_ADD | BPF_K, k: 2 },
        { code: BPF_MISC | BPF_TAX, k: 0 },
      ],
      BPF_JMP | BPF_JA,
      0,
    );
    head.jt = ether;
    head.jf = store;
    ether.jt = ether.jf = store;
    this.noOptimize = true;
    this.enterTunnel(lh, lt, lp);
    return and(b, { head, t: [[store, "jt"]], f: [[store, "jf"]] });
  }

  /**
   * gen_vxlan (libpcap 1.11): VXLAN (UDP 4789, flags 0x08) over IPv4 or IPv6, with that VNI;
   * what follows sees the Ethernet frame inside, 8 bytes after the UDP header.
   */
  vxlan(vni: number | undefined, offset: number): Fragment {
    if (vni !== undefined && vni > 0xffffff) {
      this.fail(`VXLAN VNI ${vni} greater than maximum 16777215`, offset);
    }
    const b = or(
      this.tunnelCheck(false, VXLAN_PORT, [0x08, 0xffffffff], vni, offset),
      this.tunnelCheck(true, VXLAN_PORT, [0x08, 0xffffffff], vni, offset),
    );
    const lh = this.allocReg(offset);
    const lt = this.allocReg(offset);
    const lp = this.allocReg(offset);
    const f = leaf(
      [
        { code: BPF_ALU | BPF_ADD | BPF_K, k: this.offNet + 8 },
        { code: BPF_ALU | BPF_ADD | BPF_K, k: 8 },
        { code: BPF_ST, k: lh },
        { code: BPF_ALU | BPF_ADD | BPF_K, k: 12 },
        { code: BPF_ST, k: lt },
        { code: BPF_ALU | BPF_ADD | BPF_K, k: 2 },
        { code: BPF_MISC | BPF_TAX, k: 0 },
        { code: BPF_STX, k: lp },
        { code: BPF_LD | BPF_IMM, k: 0 },
      ],
      BPF_JMP | BPF_JEQ | BPF_K,
      0,
    );
    this.enterTunnel(lh, lt, lp);
    return and(b, f);
  }

  // --- the rest ----------------------------------------------------------------

  broadcast(proto: string | undefined, offset: number): Fragment {
    if (proto === undefined || proto === "ether") {
      const all = new Uint8Array(6).fill(0xff);
      if (this.wlan) return wlanHostop(this.hdrLoad, all, "dst");
      if (!this.isEthernet) this.fail("not a broadcast link", offset);
      return this.withEncapCheck(this.ehostop(all, "dst", offset));
    }
    if (proto === "ip") {
      // libpcap compares the destination's host part with all zeros and all ones; the
      // netmask is unknown without an interface, so it is 0 and the whole address counts.
      const hostmask = ~this.netmask >>> 0;
      const lt = this.linktype(ETHERTYPE_IP, offset);
      const zeros = this.cmpNet(16, BPF_W, 0, hostmask);
      const ones = this.cmpNet(16, BPF_W, hostmask, hostmask);
      return and(lt, or(zeros, ones));
    }
    this.fail("only link-layer/IP broadcast filters supported", offset);
  }

  multicast(proto: string | undefined, offset: number): Fragment {
    if (proto === undefined || proto === "ether") {
      if (this.wlan) return wlanMulticast(this.hdrLoad);
      if (!this.isEthernet) {
        this.fail("link-layer multicast filters are supported only on Ethernet here", offset);
      }
      return this.withEncapCheck(this.cmpHdr(0, BPF_B, 1, 0xffffffff, BPF_JSET));
    }
    if (proto === "ip") {
      return and(
        this.linktype(ETHERTYPE_IP, offset),
        this.cmpNet(16, BPF_B, 224, 0xffffffff, BPF_JGE),
      );
    }
    if (proto === "ip6") {
      return and(this.linktype(ETHERTYPE_IPV6, offset), this.cmpNet(24, BPF_B, 255));
    }
    this.fail("only link-layer/IP/IPv6 multicast filters supported", offset);
  }

  vlan(value: number | undefined, offset: number): Fragment {
    if (!this.isEthernet && !this.wlan) {
      this.fail(`no VLAN support for ${this.link.description}`, offset);
    }
    if (this.mplsDepth > 0) this.fail("no VLAN match after MPLS", offset);
    if (value !== undefined && value > 0x0fff) {
      this.fail(`VLAN tag ${value} greater than maximum 4095`, offset);
    }
    // gen_vlan_tpid_test: the TPID where the EtherType would be (on 802.11, a SNAP type).
    const tpidOf = (t: number) => this.wlan ? this.linktype(t, offset) : this.cmpLt(BPF_H, t);
    const tpid = or(or(tpidOf(0x8100), tpidOf(0x88a8)), tpidOf(0x9100));
    const vid = value === undefined ? undefined : this.cmpNet(0, BPF_H, value, 0x0fff);
    const outermost = this.vlanDepth++ === 0;
    // libpcap reads the tag from socket metadata only on Ethernet, with nothing in front of it.
    if (this.live && outermost && this.isEthernet && this.varLinkHdr === undefined) {
      return this.vlanLive(tpid, vid, value, offset);
    }
    // Saved files, and inner tags of live frames: the tag is in the frame.
    this.offLinkType! += 4;
    this.offNet += 4;
    return vid ? and(tpid, vid) : tpid;
  }

  /**
   * gen_vlan_bpf_extensions, live form of the outermost `vlan`: the kernel may have moved the
   * tag into socket metadata (`SKF_AD_VLAN_TAG_PRESENT`, `SKF_AD_VLAN_TAG`), or left it in the
   * frame (no hardware/software untagging, or a TPID such as 0x9100 it does not strip). Which
   * one is known only at run time, so the offsets of everything after become variable: M[varNet]
   * and M[varLinkType] hold 4 when the frame still carries the tag, 0 otherwise (set to 0 by
   * the prologue, {@linkcode Gen.prologue}). `tpid` and `vid` are the in-frame tests, built
   * with the offsets before this tag.
   */
  vlanLive(tpid: Fragment, vid: Fragment | undefined, value: number | undefined, offset: number) {
    this.varNet = this.allocReg(offset);
    this.varLinkType = this.allocReg(offset);
    this.vlanRegs = [this.varNet, this.varLinkType];
    const bump = (reg: number): Stmt[] => [
      { code: BPF_LD | BPF_MEM, k: reg },
      { code: BPF_ALU | BPF_ADD | BPF_K, k: 4 },
      { code: BPF_ST, k: reg },
    ];
    // gen_vlan_patch_tpid_test: the in-frame path moves the offsets by the tag's 4 bytes.
    tpid.head.stmts.unshift(...bump(this.varNet), ...bump(this.varLinkType));
    const present = (): Stmt[] => [{
      code: BPF_LD | BPF_B | BPF_ABS,
      k: SKF_AD_OFF + SKF_AD.VLAN_TAG_PRESENT,
    }];
    let f = or(leaf(present(), BPF_JMP | BPF_JEQ | BPF_K, 1), tpid);
    if (vid !== undefined && value !== undefined) {
      // gen_vlan_patch_vid_test: the TCI from metadata when present, else from the frame;
      // both paths then mask the VID and compare.
      const head = newBlock(present(), BPF_JMP | BPF_JEQ | BPF_K, 1);
      const meta = newBlock(
        [{ code: BPF_LD | BPF_B | BPF_ABS, k: SKF_AD_OFF + SKF_AD.VLAN_TAG }],
        BPF_JMP | BPF_JA,
        0,
      );
      const inFrame = vid.head.stmts;
      const frame = newBlock(inFrame.slice(0, -1), BPF_JMP | BPF_JA, 0);
      const test = newBlock(inFrame.slice(-1), BPF_JMP | BPF_JEQ | BPF_K, value);
      head.jt = meta;
      head.jf = frame;
      meta.jt =
        meta.jf =
        frame.jt =
        frame.jf =
          test;
      f = and(f, { head, t: [[test, "jt"]], f: [[test, "jf"]] });
    }
    return f;
  }

  /** Statements the program starts with: zeroed run-time offsets after a live `vlan`. */
  prologue(): Stmt[] {
    // The words the live `vlan` took, not those in use at the end: after `pppoes` both offsets
    // share one word, and libpcap's prologue then zeroes it twice and never the other, which
    // the kernel refuses (a read before any write).
    // A tunnel's words too: what follows `geneve or ...` reads them on paths where the tunnel
    // test failed and they were never written; libpcap's program then reads stale words (the
    // kernel refuses it), ours reads offsets of 0.
    const regs = [...this.vlanRegs ?? [], ...this.tunnelRegs];
    if (regs.length === 0) return [];
    return [{ code: BPF_LD | BPF_IMM, k: 0 }, ...regs.map((k) => ({ code: BPF_ST, k }))];
  }

  /** Scratch words the tunnels' offset code writes. */
  tunnelRegs: number[] = [];

  /** Scratch words of the run-time offsets a live `vlan` set up. */
  vlanRegs: number[] | undefined;

  mpls(value: number | undefined, offset: number): Fragment {
    let f: Fragment;
    if (this.mplsDepth > 0) {
      f = this.cmpNet(-2, BPF_B, 0, 0x01);
    } else {
      if (this.linkType === LINKTYPE_PPP) f = this.linktype(0x0281, offset); // PPP_MPLS_UCAST
      else if (this.linkType === LINKTYPE_C_HDLC) f = this.linktype(ETHERTYPE_MPLS, offset);
      else {
        if (!this.isEthernet) this.fail(`no MPLS support for ${this.link.description}`, offset);
        f = this.cmpLt(BPF_H, ETHERTYPE_MPLS);
      }
    }
    if (value !== undefined) {
      if (value > 0xfffff) this.fail(`MPLS label ${value} greater than maximum 1048575`, offset);
      f = and(f, this.cmpNet(0, BPF_W, (value << 12) >>> 0, 0xfffff000));
    }
    this.offNet += 4;
    this.mplsDepth++;
    return f;
  }

  direction(outbound: boolean, offset: number): Fragment {
    let f: Fragment;
    if (this.linkType === LINKTYPE.LINUX_SLL) f = this.cmp(0, BPF_H, 4);
    else if (this.linkType === LINKTYPE.LINUX_SLL2) f = this.cmp(10, BPF_B, 4);
    else {
      // Elsewhere libpcap reads the socket's packet type (SKF_AD_PKTTYPE), as the kernel does,
      // with a load relative to the link-layer header (so after a radio header of run-time
      // length it becomes an indexed load, which reads nothing).
      void offset;
      f = this.cmpHdr(SKF_AD_OFF + SKF_AD.PKTTYPE, BPF_H, 4);
    }
    return outbound ? f : not(f);
  }

  /**
   * gen_ifindex: the interface index in the SLL2 header, elsewhere the socket's
   * (`SKF_AD_IFINDEX`), which only a live socket has (user space reads 0 there).
   */
  ifindex(index: number): Fragment {
    if (this.linkType === LINKTYPE.LINUX_SLL2) return this.cmp(4, BPF_W, index);
    return this.cmp(SKF_AD_OFF + SKF_AD.IFINDEX, BPF_W, index);
  }

  /**
   * gen_byteop, as libpcap 1.10 has it: `=`, `<` and `>` read the byte at `index` from the
   * start of the link-layer header (not the network layer); `&` and `|` load nothing and
   * test the accumulator as the code before left it (0 at the start of the program). Odd, but
   * that is the filter tcpdump runs.
   */
  byte(n: Extract<Node, { type: "byte" }>): Fragment {
    const off = n.index;
    switch (n.op) {
      case "=":
        return this.cmpHdr(off, BPF_B, n.value);
      case "<":
        return this.cmpHdr(off, BPF_B, n.value, 0xffffffff, BPF_JGE, true);
      case ">":
        return this.cmpHdr(off, BPF_B, n.value, 0xffffffff, BPF_JGT);
      default:
        return not(
          leaf(
            [{ code: BPF_ALU | (n.op === "|" ? BPF_OR : BPF_AND) | BPF_K, k: n.value }],
            BPF_JMP | BPF_JEQ | BPF_K,
            0,
          ),
        );
    }
  }

  node(n: Node): Fragment {
    switch (n.type) {
      case "and":
      case "or": {
        // Long `a or b or c ...` lists nest to the left: walk the spine without recursion.
        const spine: Extract<Node, { type: "and" | "or" }>[] = [];
        let cur: Node = n;
        while (cur.type === "and" || cur.type === "or") {
          spine.push(cur);
          cur = cur.left;
        }
        let f = this.node(cur);
        for (let i = spine.length - 1; i >= 0; i--) {
          const s = spine[i]!;
          f = s.type === "and" ? and(f, this.node(s.right)) : or(f, this.node(s.right));
        }
        return f;
      }
      case "not":
        return not(this.node(n.expr));
      case "id":
        return this.id(n);
      case "pname":
        return this.pname(n.proto, n.offset);
      case "rel":
        return this.relation(n);
      case "broadcast":
        return this.broadcast(n.proto, n.offset);
      case "multicast":
        return this.multicast(n.proto, n.offset);
      case "less":
        return not(
          leaf([{ code: BPF_LD | BPF_W | BPF_LEN, k: 0 }], BPF_JMP | BPF_JGT | BPF_K, n.value),
        );
      case "greater":
        return leaf([{ code: BPF_LD | BPF_W | BPF_LEN, k: 0 }], BPF_JMP | BPF_JGE | BPF_K, n.value);
      case "vlan":
        return this.vlan(n.value, n.offset);
      case "pppoes":
        return this.pppoes(n.value, n.offset);
      case "pppoed":
        return this.pppoed(n.offset);
      case "llc":
        return this.llc(n.kind, n.offset);
      case "mpls":
        return this.mpls(n.value, n.offset);
      case "inbound":
      case "outbound":
        return this.direction(n.type === "outbound", n.offset);
      case "byte":
        return this.byte(n);
      case "ifindex":
        return this.ifindex(n.value);
      case "wlan":
        return this.wlanField(n);
      case "geneve":
        return this.geneve(n.value, n.offset);
      case "vxlan":
        return this.vxlan(n.value, n.offset);
    }
  }
}

/** Parses an IPv6 address into four 32-bit words, or undefined. */
export function parseIpv6(text: string): number[] | undefined {
  let s = text;
  let tail: number[] = [];
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (v4) {
    const b = v4.slice(1).map(Number);
    if (b.some((x) => x > 255)) return undefined;
    tail = [(b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!];
    s = s.slice(0, v4.index) + "0:0";
  }
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const parse = (
    h: string,
  ) => (h === ""
    ? []
    : h.split(":").map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN)));
  const a = parse(halves[0]!);
  const b = halves.length === 2 ? parse(halves[1]!) : [];
  if ([...a, ...b].some(Number.isNaN)) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    if (a.length + b.length > 7) return undefined;
    groups = [...a, ...new Array<number>(8 - a.length - b.length).fill(0), ...b];
  } else {
    if (a.length !== 8) return undefined;
    groups = a;
  }
  if (tail.length) groups.splice(6, 2, ...tail);
  return [0, 1, 2, 3].map((i) => ((groups[2 * i]! << 16) | groups[2 * i + 1]!) >>> 0);
}

function parseMac(text: string): Uint8Array {
  const hex = text.includes(":") || text.includes("-") || text.split(".").length === 6
    ? text.split(/[:.-]/).map((p) => p.padStart(2, "0")).join("")
    : text.replaceAll(".", "");
  return Uint8Array.fromHex(hex.toLowerCase());
}

/**
 * Generates the control-flow graph of a parsed expression.
 *
 * @param src The expression text, for messages.
 * @param tree The parsed expression (undefined accepts everything).
 * @param opts Link type and netmask.
 * @returns The fragment, or null when every packet is accepted.
 */
export function generate(
  src: string,
  tree: Node | undefined,
  opts: CodegenOptions,
): Generated | null {
  const link = linkInfo(opts.linkType);
  if (!link) {
    throw new FilterSyntaxError(
      src,
      `link type ${opts.linkType} is not supported by the filter compiler`,
      0,
      "",
    );
  }
  if (!tree) return null;
  const gen = new Gen(src, opts, link);
  const frag = gen.node(tree);
  // insert_compute_vloffsets: nothing jumps back to the entry, so this runs once per packet.
  frag.head.stmts.unshift(...gen.prologue());
  if (WLAN_LINK_TYPES.has(opts.linkType)) {
    // The 802.11 offsets, computed only when something reads them (as libpcap allocates
    // their words on first use); the payload offset's code leaves the program unoptimized.
    const used = memoryRead(frag.head);
    const payload = used.has(WLAN_PAYLOAD_REG);
    const prefix = opts.linkType !== LINKTYPE_IEEE802_11 && (payload || used.has(WLAN_PREFIX_REG));
    frag.head = wlanPrologue({
      linkType: opts.linkType,
      prefixReg: prefix ? WLAN_PREFIX_REG : undefined,
      payloadReg: payload ? WLAN_PAYLOAD_REG : undefined,
      radiotapPad: gen.linkType === opts.linkType,
    }, frag.head);
    // Prism's prefix code always jumps inside a statement list: libpcap never optimizes there.
    if (payload || opts.linkType === LINKTYPE_IEEE802_11_PRISM) gen.noOptimize = true;
  }
  return { fragment: frag, optimizable: !gen.noOptimize };
}

/** What {@linkcode generate} made. */
export interface Generated {
  /** The program's graph, exits unpatched. */
  fragment: Fragment;
  /** False where libpcap leaves the program unoptimized (its code jumps inside a block). */
  optimizable: boolean;
}

/** The scratch words some statement reachable from `head` reads. */
function memoryRead(head: Block): Set<number> {
  const seen = new Set<Block>();
  const out = new Set<number>();
  const stack = [head];
  while (stack.length > 0) {
    const b = stack.pop()!;
    if (seen.has(b)) continue;
    seen.add(b);
    for (const s of b.stmts) {
      if (s.code === (BPF_LD | BPF_MEM) || s.code === (BPF_LDX | BPF_MEM)) out.add(s.k);
    }
    if (b.jt) stack.push(b.jt);
    if (b.jf && b.jf !== b.jt) stack.push(b.jf);
  }
  return out;
}
