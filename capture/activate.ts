/**
 * The activation steps of a live capture, one small function each, named
 * after pcap-linux.c's: `setup_socket`, `map_arphrd_to_dlt`, `init_tpacket`,
 * `create_ring` (with `setup_mmapped`), the kernel filter, promiscuous
 * membership, direction, and `iface_bind` last. Each fills the
 * {@linkcode Handles} record it is given, so the capture's `close()` is the
 * only undo path whichever step failed.
 *
 * @module
 */

import type { BpfProgram } from "../filter/insn.ts";
import { compileFilter } from "../filter/compile.ts";
import { ret } from "../filter/bpf.ts";
import type { Backend, Mapping } from "../ffi/types.ts";
import { check, SyscallError } from "../ffi/errno.ts";
import {
  AF_PACKET,
  ARPHRD,
  EINVAL,
  ENETDOWN,
  ENODEV,
  ENOPROTOOPT,
  ETH_FLAG_LRO,
  ETH_P_ALL,
  ETHTOOL_GFLAGS,
  ETHTOOL_GGRO,
  ETHTOOL_GGSO,
  ETHTOOL_GTSO,
  IFNAMSIZ,
  ifreqFor,
  PACKET_ADD_MEMBERSHIP,
  PACKET_IGNORE_OUTGOING,
  PACKET_MR_PROMISC,
  PACKET_RESERVE,
  PACKET_RX_RING,
  PACKET_VERSION,
  SIOCGIFHWADDR,
  SIOCGIFINDEX,
  SIOCGIFMTU,
  SO_DETACH_FILTER,
  SO_ERROR,
  SOCK_CLOEXEC,
  SOCK_DGRAM,
  SOCK_RAW,
  SOL_PACKET,
  SOL_SOCKET,
} from "../ffi/linux.ts";
import { listDevices } from "../devices.ts";
import { DEFAULT_SNAPLEN, LINKTYPE } from "../link_type.ts";
import type { FrameOptions } from "../ring/frame.ts";
import { SLL2_HDR_LEN, SLL_HDR_LEN, TPACKET_V2, TPACKET_V3, VLAN_TAG_LEN } from "../ring/layout.ts";
import { type Ring, V2Ring, V3Ring } from "../ring/ring.ts";
import { attachProgram, installFilter } from "./kernel_filter.ts";
import { type Geometry, requestRing, ringRequest, v2Geometry, v3Geometry } from "./geometry.ts";
import { type Config, DEFAULT_BLOCK_SIZE } from "./options.ts";

/** What an open capture holds; the steps fill it in order, `close()` empties it. */
export interface Handles {
  /** The system calls. */
  readonly b: Backend;
  /** The interface name, or `"any"`. */
  readonly device: string;
  /** The packet socket, -1 when not open. */
  fd: number;
  /** The eventfd that wakes a wait, -1 when not open. */
  efd: number;
  /** The mapped ring memory. */
  mapping: Mapping | undefined;
  /** The walker over it. */
  ring: Ring | undefined;
  /** `LINKTYPE_*` of the frames. */
  linkType: number;
  /** Cooked header the frames get, or `"none"`. */
  cooked: FrameOptions["cooked"];
  /** Interface index, 0 for `"any"`. */
  ifIndex: number;
  /** 3 (`TPACKET_V3`) or 2 (`TPACKET_V2`). */
  ringVersion: 2 | 3;
  /** Bytes mapped. */
  bufferSize: number;
  /** A cooked-socket filter the kernel cannot run: user space runs it on every frame. */
  userFilter: BpfProgram | undefined;
}

export { ifreqFor };

function opening(h: Handles): string {
  return `open ${JSON.stringify(h.device)}`;
}

function noDevice(h: Handles, syscall: string): SyscallError {
  return new SyscallError(
    opening(h),
    syscall,
    ENODEV,
    `Cannot open ${JSON.stringify(h.device)}: no such device`,
  );
}

/** libpcap's `map_arphrd_to_dlt`, for the types that are cheap to support; else cooked. */
export function linkTypeOf(arphrd: number): number | "cooked" {
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

/** SIOCGIFINDEX on the capture socket; 0 when `required` is false and it fails. */
export function ifIndexOf(h: Handles, name: string, required: boolean): number {
  const ifreq = ifreqFor(name);
  const r = h.b.ioctl(h.fd, SIOCGIFINDEX, ifreq);
  if (r < 0) {
    if (!required) return 0;
    if (r === -ENODEV) throw noDevice(h, "ioctl(SIOCGIFINDEX)");
    check(r, `open ${JSON.stringify(name)}`, "ioctl(SIOCGIFINDEX)");
  }
  return new DataView(ifreq.buffer).getInt32(IFNAMSIZ, true);
}

function packetSocket(h: Handles, type: number): void {
  // Protocol 0: the socket receives nothing until bind(), after the ring and filter exist.
  h.fd = check(h.b.socket(AF_PACKET, type | SOCK_CLOEXEC, 0), opening(h), "socket(AF_PACKET)");
}

/**
 * `setup_socket`: the packet socket and the link type. `"any"` and link layers
 * without a known DLT get a cooked (`SOCK_DGRAM`) socket, as libpcap does.
 */
export function setupSocket(h: Handles, config: Config): void {
  const cookedType = config.cooked === "sll2" ? LINKTYPE.LINUX_SLL2 : LINKTYPE.LINUX_SLL;
  if (h.device === "any") {
    packetSocket(h, SOCK_DGRAM);
    h.linkType = cookedType;
    h.cooked = config.cooked;
    return;
  }
  packetSocket(h, SOCK_RAW);
  h.ifIndex = ifIndexOf(h, h.device, true);
  const ifreq = ifreqFor(h.device);
  check(h.b.ioctl(h.fd, SIOCGIFHWADDR, ifreq), opening(h), "ioctl(SIOCGIFHWADDR)");
  const mapped = linkTypeOf(new DataView(ifreq.buffer).getUint16(IFNAMSIZ, true));
  if (mapped === "cooked") {
    // Unknown link layer: capture it cooked, as libpcap does.
    h.b.close(h.fd);
    h.fd = -1;
    packetSocket(h, SOCK_DGRAM);
    h.cooked = config.cooked;
    h.linkType = cookedType;
  } else {
    h.cooked = "none";
    h.linkType = mapped;
  }
}

/**
 * `init_tpacket`: V3 unless immediate; V2 when the kernel refuses V3 with EINVAL
 * (before 3.2), and only then: any other error is a real one, not a missing version.
 */
export function initTpacket(h: Handles, config: Config): void {
  let version = config.immediate ? TPACKET_V2 : TPACKET_V3;
  if (version === TPACKET_V3) {
    const r = h.b.setsockoptInt(h.fd, SOL_PACKET, PACKET_VERSION, TPACKET_V3);
    if (r === -EINVAL) version = TPACKET_V2;
    else check(r, opening(h), "setsockopt(PACKET_VERSION)");
  }
  if (version === TPACKET_V2) {
    check(
      h.b.setsockoptInt(h.fd, SOL_PACKET, PACKET_VERSION, TPACKET_V2),
      opening(h),
      "setsockopt(PACKET_VERSION)",
    );
  }
  h.ringVersion = version === TPACKET_V3 ? 3 : 2;
}

/** `PACKET_RESERVE`: room in front of each frame for a VLAN tag and a cooked header. */
export function setReserve(h: Handles): number {
  const reserve = VLAN_TAG_LEN +
    (h.cooked === "sll2" ? SLL2_HDR_LEN : h.cooked === "sll" ? SLL_HDR_LEN : 0);
  check(
    h.b.setsockoptInt(h.fd, SOL_PACKET, PACKET_RESERVE, reserve),
    opening(h),
    "setsockopt(PACKET_RESERVE)",
  );
  return reserve;
}

/** pcap-linux.c `iface_get_offload`: TSO, GSO, GRO or LRO on means frames up to 64 KiB. */
function offloads(h: Handles): boolean {
  for (const cmd of [ETHTOOL_GTSO, ETHTOOL_GGSO, ETHTOOL_GGRO]) {
    if (h.b.ethtoolGet(h.fd, h.device, cmd) > 0) return true;
  }
  const flags = h.b.ethtoolGet(h.fd, h.device, ETHTOOL_GFLAGS);
  return flags > 0 && (flags & ETH_FLAG_LRO) !== 0;
}

/** `iface_get_mtu`: the MTU, 1500 when the ioctl fails. */
function mtuOf(h: Handles): number {
  const ifreq = ifreqFor(h.device);
  return h.b.ioctl(h.fd, SIOCGIFMTU, ifreq) < 0
    ? 1500
    : new DataView(ifreq.buffer).getInt32(IFNAMSIZ, true);
}

/**
 * `create_ring` and `setup_mmapped`: the geometry, `PACKET_RX_RING` (shrunk on
 * ENOMEM), the mapping, and the walker over it.
 */
export function createRing(h: Handles, config: Config, reserve: number): void {
  const b = h.b;
  const pageSize = b.pageSize() > 0 ? b.pageSize() : 4096;
  const v3 = h.ringVersion === 3;
  const ethernet = h.linkType === LINKTYPE.ETHERNET && h.ifIndex > 0;
  const asked: Geometry = v3
    ? v3Geometry(config.bufferSize, config.blockSize ?? DEFAULT_BLOCK_SIZE, pageSize)
    : v2Geometry({
      snapLen: config.snapLen,
      bufferSize: config.bufferSize,
      blockSize: config.blockSize,
      pageSize,
      reserve,
      cooked: h.cooked !== "none",
      mtu: ethernet ? mtuOf(h) : undefined,
      offloads: ethernet && offloads(h),
    });
  const got = requestRing(
    asked,
    (g) =>
      b.setsockopt(h.fd, SOL_PACKET, PACKET_RX_RING, ringRequest(g, v3, config.blockTimeoutMs)),
  );
  if (typeof got === "number") {
    check(got, `create the RX ring on ${JSON.stringify(h.device)}`, "setsockopt(PACKET_RX_RING)");
    return;
  }
  const { blockSize, blockCount, frameSize, frameCount } = got;
  const mapped = b.mmap(h.fd, blockSize * blockCount);
  if (typeof mapped === "number") check(mapped, opening(h), "mmap(PACKET_RX_RING)");
  h.mapping = mapped as Mapping;
  const frameOptions: FrameOptions = {
    snapLen: config.snapLen,
    direction: config.direction,
    loopbackIfIndex: ifIndexOf(h, "lo", false),
    cooked: h.cooked,
    reserve,
    nanoseconds: config.nanoseconds,
    linkType: h.linkType,
  };
  h.ring = v3
    ? new V3Ring(
      h.mapping.buffer,
      blockSize,
      blockCount,
      frameOptions,
      b.walkV3,
      b.takeV3,
      b.walkV3Frames,
    )
    : new V2Ring(h.mapping.buffer, frameSize, frameCount, frameOptions);
  h.bufferSize = blockSize * blockCount;
}

/**
 * The device's IPv4 netmask as a number, for `ip broadcast` in filter strings (libpcap's
 * pcap_lookupnet); 0 for "any" or a device without IPv4, as libpcap does.
 */
export function netmaskOf(device: string): number {
  if (device === "any") return 0;
  try {
    const dev = listDevices().find((d) => d.name === device);
    const mask = dev?.addresses.find((a) => a.family === "ipv4" && a.netmask)?.netmask;
    if (mask === undefined) return 0;
    return mask.split(".").reduce((n, part) => n * 256 + Number(part), 0) >>> 0;
  } catch {
    return 0; // libpcap compiles with 0 too when the lookup fails
  }
}

/**
 * The kernel filter at open: the configured one (an expression compiled in its
 * live form, or a program), else a bare `ret #snapLen` so the kernel copies only
 * snapLen bytes into the ring (`tp_len` stays whole).
 *
 * @returns whether a program was attached (none: the socket takes every frame whole)
 */
export function attachInitialFilter(h: Handles, config: Config): boolean {
  if (config.filter !== undefined) {
    // live: the kernel runs it before the outer VLAN tag is written back (SKF_AD_VLAN_*).
    const program = typeof config.filter === "string"
      ? compileFilter(config.filter, {
        linkType: h.linkType,
        snapLen: config.snapLen,
        live: true,
        netmask: netmaskOf(h.device),
      })
      : config.filter;
    h.userFilter = installFilter(
      h.b,
      h.fd,
      program,
      h.cooked,
      `attach the filter on ${JSON.stringify(h.device)}`,
    );
  } else if (config.snapLen < DEFAULT_SNAPLEN && h.cooked === "none") {
    attachProgram(h.b, h.fd, [ret(config.snapLen)], opening(h));
  } else return false;
  return true;
}

/** `PACKET_ADD_MEMBERSHIP` with `PACKET_MR_PROMISC`: promiscuous while the socket is open. */
export function addPromiscuous(h: Handles): void {
  // struct packet_mreq { int mr_ifindex; unsigned short mr_type, mr_alen; unsigned char mr_address[8]; }
  const mreq = new Uint8Array(16);
  const dv = new DataView(mreq.buffer);
  dv.setInt32(0, h.ifIndex, true);
  dv.setUint16(4, PACKET_MR_PROMISC, true);
  check(
    h.b.setsockopt(h.fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, mreq),
    `set promiscuous mode on ${JSON.stringify(h.device)}`,
    "setsockopt(PACKET_ADD_MEMBERSHIP)",
  );
}

/** `PACKET_IGNORE_OUTGOING` for direction "in" (Linux 4.20+; older kernels: the ring skips them). */
export function ignoreOutgoing(h: Handles): void {
  const r = h.b.setsockoptInt(h.fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, 1);
  if (r < 0 && r !== -ENOPROTOOPT && r !== -EINVAL) {
    check(r, opening(h), "setsockopt(PACKET_IGNORE_OUTGOING)");
  }
}

/** `iface_bind`: bind to the interface with `ETH_P_ALL`, then read a pending error. */
export function ifaceBind(h: Handles): void {
  // struct sockaddr_ll: family, protocol (big-endian), ifindex; the rest zero.
  const sll = new Uint8Array(20);
  const sdv = new DataView(sll.buffer);
  sdv.setUint16(0, AF_PACKET, true);
  sdv.setUint16(2, ETH_P_ALL, false);
  sdv.setInt32(4, h.ifIndex, true);
  const bound = h.b.bind(h.fd, sll);
  if (bound === -ENODEV) throw noDevice(h, "bind");
  check(bound, opening(h), "bind");
  const err = new Uint8Array(4);
  if (h.b.getsockopt(h.fd, SOL_SOCKET, SO_ERROR, err) >= 0) {
    const pending = new DataView(err.buffer).getInt32(0, true);
    if (pending === ENETDOWN) {
      throw new SyscallError(
        opening(h),
        "bind",
        ENETDOWN,
        `Cannot ${opening(h)}: the interface is down`,
      );
    }
    if (pending > 0) check(-pending, opening(h), "bind");
  }
}

/** A step run on the bound socket before the capture is handed out (e.g. `PACKET_FANOUT`). */
export type AfterBind = (socket: { readonly fd: number; readonly backend: Backend }) => void;

/** A socket option set after bind: an `int` (`setsockopt(fd, level, name, &value, 4)`) or a struct. */
export interface SocketOption {
  /** `SOL_PACKET` (263), `SOL_SOCKET` (1), ... */
  level: number;
  /** The option, e.g. `PACKET_FANOUT` (18). */
  name: number;
  /** The `int` value, e.g. `group | (type << 16)` for `PACKET_FANOUT`. */
  value: number;
  /** Instead of `value`: the struct's bytes, passed as they are (e.g. `struct fanout_args`). */
  bytes?: Uint8Array;
  /**
   * Instead of `value`: classic BPF instructions (8-byte `struct sock_filter` each), passed as a
   * `struct sock_fprog` (e.g. `PACKET_FANOUT_DATA`).
   */
  program?: Uint8Array;
  /** Read the option back as an `int` once set (getsockopt); the values come back in order. */
  readBack?: boolean;
  /** Shown in the error when the kernel refuses it, e.g. `"PACKET_FANOUT"`. */
  label?: string;
}

/**
 * Sets each option on the bound socket, in order; a refusal is a `SyscallError` naming it.
 * Returns the values of the options marked `readBack`, in order.
 */
export function setSocketOptions(h: Handles, options: readonly SocketOption[]): number[] {
  const values: number[] = [];
  for (const o of options) {
    const syscall = `setsockopt(${o.label ?? `${o.level}, ${o.name}`})`;
    const r = o.program !== undefined
      ? h.b.setsockoptProgram(h.fd, o.level, o.name, o.program, o.program.byteLength >> 3)
      : o.bytes !== undefined
      ? h.b.setsockopt(h.fd, o.level, o.name, o.bytes)
      : h.b.setsockoptInt(h.fd, o.level, o.name, o.value);
    check(r, opening(h), syscall);
    if (o.readBack) {
      const out = new Uint8Array(4);
      check(h.b.getsockopt(h.fd, o.level, o.name, out), opening(h), syscall.replace("set", "get"));
      values.push(new DataView(out.buffer).getInt32(0, true));
    }
  }
  return values;
}

/**
 * Runs every step in libpcap's order on `h`; a step that throws leaves `h`
 * holding what was opened, for `close()` to undo. `beforeBind` runs once the
 * ring's version, link type and cooked header are known, before the ring is
 * created and before the kernel starts delivering.
 */
export function activate(
  h: Handles,
  config: Config,
  afterBind?: AfterBind,
  beforeBind?: () => void,
): void {
  openSocket(h, config);
  activateRing(h, config, afterBind, beforeBind);
}

/**
 * The first half of {@linkcode activate}: the socket, its link type and its ring version, all
 * a handler needs to know before the ring exists. The socket receives nothing yet (protocol
 * 0, no bind), so whatever runs between the halves, however long, costs no frame.
 */
export function openSocket(h: Handles, config: Config): void {
  setupSocket(h, config);
  initTpacket(h, config);
}

/** The second half of {@linkcode activate}, after {@linkcode openSocket}: ring, filter, bind. */
export function activateRing(
  h: Handles,
  config: Config,
  afterBind?: AfterBind,
  beforeBind?: () => void,
): void {
  // Before the ring's walker is made: V8 then builds it with the object layouts the warm-up
  // settled on (one made earlier keeps an outdated layout, and the first real block throws
  // the warmed code away: measured, "wrong map" deoptimizations of nextBatch).
  beforeBind?.();
  const reserve = setReserve(h);
  createRing(h, config, reserve);
  // A socket that joins a fanout group can only do so once bound (fanout_add() needs it
  // running), and from its bind to its join it receives every frame on its own while the
  // group's members receive their share of the same frames: each would be captured twice.
  // So it takes nothing (`ret #0`) until it is in the group, then gets its real filter.
  if (afterBind) attachProgram(h.b, h.fd, [ret(0)], opening(h));
  else attachInitialFilter(h, config);
  if (h.device !== "any" && config.promiscuous) addPromiscuous(h);
  if (config.direction === "in") ignoreOutgoing(h);
  ifaceBind(h);
  if (afterBind) {
    afterBind({ fd: h.fd, backend: h.b });
    if (!attachInitialFilter(h, config)) {
      check(
        h.b.setsockoptInt(h.fd, SOL_SOCKET, SO_DETACH_FILTER, 0),
        opening(h),
        "setsockopt(SO_DETACH_FILTER)",
      );
    }
  }
  // A worker engine is handed the eventfd its owner signals; a capture makes its own.
  if (h.efd < 0) h.efd = check(h.b.eventfd(), opening(h), "eventfd");
}
