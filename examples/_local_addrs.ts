/**
 * This namespace's addresses for top's process resolver, read again only when the kernel says
 * they changed: a `NETLINK_ROUTE` socket subscribed to the IPv4 and IPv6 address groups
 * (`RTMGRP_IPV4_IFADDR`, `RTMGRP_IPV6_IFADDR`, linux/rtnetlink.h) receives a message for every
 * address added or removed (an interface deleted or moved to another namespace removes its
 * addresses, with a message each), and a nonblocking read of it, once a second, is all a
 * lookup costs while nothing changes. `listDevices()` each second instead dumped every link
 * with its statistics (~0.3-0.5 ms of the main thread, most of it in the kernel).
 *
 * @module
 */

import { loadLibc } from "../ffi/libc.ts";

const AF_NETLINK = 16;
const SOCK_RAW = 3;
const SOCK_NONBLOCK = 0o4000;
const SOCK_CLOEXEC = 0o2000000;
const NETLINK_ROUTE = 0;
const RTMGRP_IPV4_IFADDR = 0x10;
const RTMGRP_IPV6_IFADDR = 0x100;
const EAGAIN = 11;
const EINTR = 4;

/** The addresses `read` returns, cached until the kernel reports a change. */
export class LocalAddresses {
  readonly #readAll: () => string[];
  #fd = -1;
  #addrs: string[] = [];
  #stale = true;
  readonly #buf = new Uint8Array(8192);
  /** Times `readAll` ran (for the tests: a read that found no change costs none). */
  reads = 0;

  /**
   * Subscribes to the address changes, then reads nothing until the first {@linkcode read}.
   * Without the socket (no FFI, a kernel that refuses it) every read reads all again.
   *
   * @param readAll Reads every address of this namespace, as text.
   */
  constructor(readAll: () => string[]) {
    this.#readAll = readAll;
    try {
      const { c } = loadLibc();
      const fd = c.socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_ROUTE);
      if (fd < 0) return;
      // struct sockaddr_nl: family, pad, pid (0: the kernel picks), groups.
      const sa = new Uint8Array(12);
      const dv = new DataView(sa.buffer);
      dv.setUint16(0, AF_NETLINK, true);
      dv.setUint32(8, RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR, true);
      if (c.bind(fd, sa, sa.length) < 0) {
        c.close(fd);
        return;
      }
      this.#fd = fd;
    } catch {
      // No FFI: read every time.
    }
  }

  /** The addresses now: read again if the kernel reported a change since the last read. */
  read(): string[] {
    if (this.#fd < 0) return this.#count(this.#readAll());
    const { c, errno } = loadLibc();
    // Drain every pending message: one or many, they mean the same (read it all again). A
    // full socket buffer (ENOBUFS: messages were lost) means it too.
    for (;;) {
      const n = Number(c.read(this.#fd, this.#buf, BigInt(this.#buf.length)));
      if (n > 0) {
        this.#stale = true;
        continue;
      }
      if (n < 0) {
        const e = errno();
        if (e === EINTR) continue;
        if (e !== EAGAIN) this.#stale = true;
      }
      break;
    }
    if (this.#stale) {
      this.#addrs = this.#count(this.#readAll());
      this.#stale = false;
    }
    return this.#addrs;
  }

  #count(addrs: string[]): string[] {
    this.reads++;
    return addrs;
  }

  /** Closes the socket. */
  [Symbol.dispose](): void {
    if (this.#fd >= 0) loadLibc().c.close(this.#fd);
    this.#fd = -1;
  }
}
