/**
 * `getifaddrs(3)` through libc's one loader (`libc.ts`): the interface list as plain objects.
 * libc is opened on the first call only, and every byte is copied out before `freeifaddrs()`, so no pointer
 * leaves this file.
 *
 * @module
 */

import { SyscallError } from "./errno.ts";
import { loadLibc } from "./libc.ts";

/** `AF_INET`, `AF_INET6`, `AF_PACKET` (bits/socket.h). */
export const AF_INET = 2;
/** `AF_INET6`. */
export const AF_INET6 = 10;
/** `AF_PACKET`. */
export const AF_PACKET = 17;

/** `IFF_*` interface flags (linux/if.h). */
export const IFF = {
  UP: 0x1,
  BROADCAST: 0x2,
  LOOPBACK: 0x8,
  POINTOPOINT: 0x10,
  RUNNING: 0x40,
} as const;

/** `struct ifaddrs` on LP64 Linux (x86-64, arm64): pointers are 8 bytes. */
const IFADDRS = {
  NEXT: 0,
  NAME: 8,
  FLAGS: 16,
  ADDR: 24,
  NETMASK: 32,
  BROADADDR: 40,
} as const;

/** `sockaddr_in` / `sockaddr_in6` / `sockaddr_ll` fields we read. */
const SA = {
  FAMILY: 0,
  IN_ADDR: 4,
  IN6_ADDR: 8,
  LL_IFINDEX: 4,
  LL_HATYPE: 8,
  LL_HALEN: 11,
  LL_ADDR: 12,
} as const;

/** Bounds the walk of the kernel's list, in case it were ever circular. */
const MAX_ENTRIES = 1 << 16;

/** One `struct ifaddrs` entry, copied out. */
export interface IfaddrsEntry {
  /** `ifa_name` (for IPv4 aliases, the label, e.g. `eth0:1`). */
  name: string;
  /** `ifa_flags` (`IFF_*`). */
  flags: number;
  /** `ifa_addr->sa_family`, or 0 when the entry has no address. */
  family: number;
  /** Address bytes: 4 (`AF_INET`), 16 (`AF_INET6`), or `sll_halen` bytes (`AF_PACKET`). */
  address?: Uint8Array;
  /** Netmask bytes, same family as `address`. */
  netmask?: Uint8Array;
  /** Broadcast (IFF_BROADCAST) or peer (IFF_POINTOPOINT) address bytes. */
  broadcast?: Uint8Array;
  /** `sll_ifindex` (`AF_PACKET` entries). */
  ifIndex?: number;
  /** `sll_hatype` (`AF_PACKET` entries). */
  hatype?: number;
}

function copy(view: Deno.UnsafePointerView, offset: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  view.copyInto(out, offset);
  return out;
}

/** Reads one sockaddr; `undefined` for a null pointer or a family we do not list. */
function sockaddr(
  ptr: Deno.PointerValue,
  family: number,
): { address: Uint8Array; ifIndex?: number; hatype?: number } | undefined {
  if (ptr === null) return undefined;
  const v = new Deno.UnsafePointerView(ptr);
  const f = v.getUint16(SA.FAMILY);
  if (family !== 0 && f !== family) return undefined;
  if (f === AF_INET) return { address: copy(v, SA.IN_ADDR, 4) };
  if (f === AF_INET6) return { address: copy(v, SA.IN6_ADDR, 16) };
  if (f === AF_PACKET) {
    const halen = Math.min(v.getUint8(SA.LL_HALEN), 8);
    return {
      address: copy(v, SA.LL_ADDR, halen),
      ifIndex: v.getInt32(SA.LL_IFINDEX),
      hatype: v.getUint16(SA.LL_HATYPE),
    };
  }
  return undefined;
}

/**
 * Calls `getifaddrs()` and copies every entry out, in the kernel's order.
 *
 * @returns One plain object per `struct ifaddrs`.
 * @throws {SyscallError} `Cannot list interfaces: getifaddrs failed with <ERRNO> (...)`.
 */
export function readIfaddrs(): IfaddrsEntry[] {
  const { c, errno: errnoOf } = loadLibc();
  const head = new BigUint64Array(1);
  if (c.getifaddrs(head) !== 0) {
    throw new SyscallError("list interfaces", "getifaddrs", errnoOf());
  }
  const first = Deno.UnsafePointer.create(head[0]!);
  const entries: IfaddrsEntry[] = [];
  try {
    let p = first;
    for (let n = 0; p !== null && n < MAX_ENTRIES; n++) {
      const v = new Deno.UnsafePointerView(p);
      const namePtr = v.getPointer(IFADDRS.NAME);
      const flags = v.getUint32(IFADDRS.FLAGS);
      const entry: IfaddrsEntry = {
        name: namePtr === null ? "" : Deno.UnsafePointerView.getCString(namePtr),
        flags,
        family: 0,
      };
      const addrPtr = v.getPointer(IFADDRS.ADDR);
      const addr = sockaddr(addrPtr, 0);
      if (addr && addrPtr !== null) {
        const family = new Deno.UnsafePointerView(addrPtr).getUint16(SA.FAMILY);
        entry.family = family;
        entry.address = addr.address;
        if (addr.ifIndex !== undefined) entry.ifIndex = addr.ifIndex;
        if (addr.hatype !== undefined) entry.hatype = addr.hatype;
        if (family !== AF_PACKET) {
          const mask = sockaddr(v.getPointer(IFADDRS.NETMASK), family);
          if (mask) entry.netmask = mask.address;
          if ((flags & (IFF.BROADCAST | IFF.POINTOPOINT)) !== 0) {
            const brd = sockaddr(v.getPointer(IFADDRS.BROADADDR), family);
            if (brd) entry.broadcast = brd.address;
          }
        }
      }
      entries.push(entry);
      p = v.getPointer(IFADDRS.NEXT);
    }
  } finally {
    c.freeifaddrs(first);
  }
  return entries;
}
