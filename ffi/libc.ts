/**
 * The {@linkcode Backend} over plain libc symbols, for when the shim is not
 * built (a JSR import with only `--allow-ffi`). Each synchronous call reads
 * errno through `__errno_location()` right after it returns, on the same
 * (JavaScript) thread, and turns -1 into -errno like the shim.
 *
 * This file holds the one libc symbol table and the one loader: `ffi/ifaddrs.ts`
 * uses them too, so libc is opened once and `__errno_location` bound once.
 *
 * `poll` is the exception: it is `nonblocking`, so it runs on a worker thread
 * and errno is that thread's, out of reach. It does not need it: the revents
 * come back in the `pollfd` array, and with two valid fds, a valid array and
 * nfds = 2 the only failure poll(2) can report is EINTR (a signal), which the
 * caller retries. So -1 from poll is returned as -EINTR.
 *
 * @module
 */

import { type Backend, makeMapping, type Mapping, sockFprog } from "./types.ts";
import { EINTR, SO_ATTACH_FILTER, SOCK_CLOEXEC, SOCK_DGRAM, SOL_SOCKET } from "./linux.ts";

/** libc functions used, with their C prototypes. */
export const LIBC_SYMBOLS = {
  __errno_location: { parameters: [], result: "pointer" }, // int *(void)
  socket: { parameters: ["i32", "i32", "i32"], result: "i32" },
  setsockopt: { parameters: ["i32", "i32", "i32", "buffer", "u32"], result: "i32" },
  getsockopt: { parameters: ["i32", "i32", "i32", "buffer", "buffer"], result: "i32" },
  bind: { parameters: ["i32", "buffer", "u32"], result: "i32" },
  connect: { parameters: ["i32", "buffer", "u32"], result: "i32" }, // ffi/udp.ts
  // void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
  mmap: { parameters: ["pointer", "usize", "i32", "i32", "i32", "i64"], result: "pointer" },
  munmap: { parameters: ["pointer", "usize"], result: "i32" },
  // int poll(struct pollfd *fds, nfds_t n, int timeout): on a worker thread
  poll: { parameters: ["buffer", "u64", "i32"], result: "i32", nonblocking: true },
  // The same poll(2) on the calling thread (a Worker's engine blocks in it); errno is readable.
  poll_sync: { name: "poll", parameters: ["buffer", "u64", "i32"], result: "i32" },
  eventfd: { parameters: ["u32", "i32"], result: "i32" },
  read: { parameters: ["i32", "buffer", "usize"], result: "isize" },
  write: { parameters: ["i32", "buffer", "usize"], result: "isize" },
  ioctl: { parameters: ["i32", "u64", "buffer"], result: "i32" }, // variadic: one pointer
  send: { parameters: ["i32", "buffer", "usize", "i32"], result: "isize" },
  open: { parameters: ["buffer", "i32", "u32"], result: "i32" }, // variadic: the mode
  writev: { parameters: ["i32", "buffer", "i32"], result: "isize" }, // fd, struct iovec *, count
  // int sendmmsg(int fd, struct mmsghdr *msgs, unsigned vlen, int flags)
  sendmmsg: { parameters: ["i32", "buffer", "u32", "i32"], result: "i32" },
  clock_gettime: { parameters: ["i32", "buffer"], result: "i32" }, // clockid, struct timespec *
  // int clock_nanosleep(clockid, int flags, const struct timespec *t, struct timespec *rem)
  clock_nanosleep: { parameters: ["i32", "i32", "buffer", "pointer"], result: "i32" },
  getpagesize: { parameters: [], result: "i32" },
  close: { parameters: ["i32"], result: "i32" },
  getifaddrs: { parameters: ["buffer"], result: "i32" }, // int getifaddrs(struct ifaddrs **)
  freeifaddrs: { parameters: ["pointer"], result: "void" }, // void freeifaddrs(struct ifaddrs *)
  // ffi/user.ts: sniff -Z (tcpdump's droproot)
  getpwnam: { parameters: ["buffer"], result: "pointer" }, // struct passwd *(const char *)
  initgroups: { parameters: ["buffer", "u32"], result: "i32" },
  setgid: { parameters: ["u32"], result: "i32" },
  setuid: { parameters: ["u32"], result: "i32" },
  chown: { parameters: ["buffer", "u32", "u32"], result: "i32" },
  geteuid: { parameters: [], result: "u32" },
} as const satisfies Deno.ForeignLibraryInterface;

const AF_INET = 2;
const PROT_READ_WRITE = 0x1 | 0x2;
const MAP_SHARED = 0x01;
const EFD_NONBLOCK = 0o4000;
const EFD_CLOEXEC = 0o2000000;
const EAGAIN = 11;
const SIOCETHTOOL = 0x8946n;
const MAP_FAILED = 0xffff_ffff_ffff_ffffn;
const MMSG_BATCH = 256;
const CLOCK_MONOTONIC = 1;
const TIMER_ABSTIME = 1;

/** libc's symbols, and errno of the thread that loaded it (every synchronous call runs there). */
export interface Libc {
  /** The bound functions. */
  readonly c: Deno.DynamicLibrary<typeof LIBC_SYMBOLS>["symbols"];
  /** The calling thread's errno, read right after a failed call. */
  errno(): number;
}

let loaded: Libc | undefined;

/** Opens glibc (`libc.so.6`) or musl (`libc.so`) once; later calls return the same. */
export function loadLibc(): Libc {
  if (loaded) return loaded;
  let first: unknown;
  for (const name of ["libc.so.6", "libc.so"]) {
    try {
      const c = Deno.dlopen(name, LIBC_SYMBOLS).symbols;
      // errno lives at a fixed address per thread; all synchronous calls run on this one.
      const view = new Deno.UnsafePointerView(c.__errno_location()!);
      return loaded = { c, errno: () => view.getInt32() };
    } catch (e) {
      first ??= e;
    }
  }
  throw first;
}

/**
 * Opens libc and wraps it.
 *
 * @returns The backend.
 */
export function openLibcBackend(): Backend {
  const { c, errno } = loadLibc();
  const ret = (r: number | bigint): number => (Number(r) < 0 ? -errno() : Number(r));
  const intBox = new Int32Array(1);
  const intBytes = new Uint8Array(intBox.buffer);
  const lenBox = new Uint32Array(1);
  const lenBytes = new Uint8Array(lenBox.buffer);
  const counter = new BigUint64Array([1n]);
  const counterBytes = new Uint8Array(counter.buffer);
  const encoder = new TextEncoder();
  const pollFds = new Int32Array(4); // struct pollfd[2] { int fd; short events, revents; }
  const pollBytes = new Uint8Array(pollFds.buffer);
  // sendmmsg: MMSG_BATCH struct mmsghdr (64 bytes: msghdr, msg_len, pad), each pointing at
  // its own struct iovec (16 bytes); only the iovecs change from call to call.
  const iov = new Uint32Array(MMSG_BATCH * 4);
  const msgs = new Uint32Array(MMSG_BATCH * 16);
  const msgBytes = new Uint8Array(msgs.buffer);
  const iovBase = Number(Deno.UnsafePointer.value(Deno.UnsafePointer.of(iov)));
  for (let i = 0; i < MMSG_BATCH; i++) {
    const at = iovBase + 16 * i;
    msgs[16 * i + 4] = at >>> 0; // msg_hdr.msg_iov
    msgs[16 * i + 5] = Math.floor(at / 0x1_0000_0000);
    msgs[16 * i + 6] = 1; // msg_hdr.msg_iovlen
  }
  const timespec = new Int32Array(4); // struct timespec { time_t tv_sec; long tv_nsec; }
  const timespecBytes = new Uint8Array(timespec.buffer);
  return {
    kind: "libc",
    socket: (domain, type, protocol) => ret(c.socket(domain, type, protocol)),
    setsockopt: (fd, level, name, value) =>
      ret(c.setsockopt(fd, level, name, value, value.byteLength)),
    setsockoptInt(fd, level, name, value) {
      intBox[0] = value;
      return ret(c.setsockopt(fd, level, name, intBytes, 4));
    },
    getsockopt(fd, level, name, value) {
      lenBox[0] = value.byteLength;
      const r = ret(c.getsockopt(fd, level, name, value, lenBytes));
      return r < 0 ? r : lenBox[0]!;
    },
    bind: (fd, addr) => ret(c.bind(fd, addr, addr.byteLength)),
    mmap(fd, len): Mapping | number {
      const ptr = c.mmap(null, BigInt(len), PROT_READ_WRITE, MAP_SHARED, fd, 0n);
      const value = Deno.UnsafePointer.value(ptr);
      if (ptr === null || BigInt(value) === MAP_FAILED) return -errno();
      const buffer = Deno.UnsafePointerView.getArrayBuffer(ptr, len);
      return makeMapping(buffer, () => ret(c.munmap(ptr, BigInt(len))));
    },
    async poll(fd, efd, timeoutMs) {
      const fds = new Int32Array([fd, 1, /* POLLIN */ efd, 1]);
      const n = await c.poll(new Uint8Array(fds.buffer), 2n, timeoutMs);
      if (n < 0) return -EINTR; // see the module comment: errno is on another thread
      return (fds[1]! >>> 16) | ((fds[3]! >>> 16) & 0x7fff) << 16;
    },
    pollSync(fd, efd, timeoutMs) {
      pollFds[0] = fd;
      pollFds[1] = 1; // POLLIN; revents (the high half) cleared
      pollFds[2] = efd;
      pollFds[3] = 1;
      const n = c.poll_sync(pollBytes, 2n, timeoutMs);
      if (n < 0) return -errno();
      return (pollFds[1]! >>> 16) | ((pollFds[3]! >>> 16) & 0x7fff) << 16;
    },
    eventfd: () => ret(c.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)),
    eventfdSignal: (efd) => ret(c.write(efd, counterBytes, 8n)),
    eventfdDrain(efd) {
      const box = new Uint8Array(8);
      const r = ret(c.read(efd, box, 8n));
      return r === -EAGAIN ? 0 : r < 0 ? r : 1;
    },
    ioctl: (fd, request, ifreq) => ret(c.ioctl(fd, BigInt(request), ifreq)),
    ethtoolGet(fd, ifname, cmd) {
      const value = new Uint32Array([cmd, 0]);
      const ifreq = new Uint8Array(40);
      encoder.encodeInto(ifname.slice(0, 15), ifreq.subarray(0, 15));
      const data = Deno.UnsafePointer.value(Deno.UnsafePointer.of(value));
      new DataView(ifreq.buffer).setBigUint64(16, BigInt(data), true);
      const r = ret(c.ioctl(fd, SIOCETHTOOL, ifreq));
      return r < 0 ? r : value[1]!;
    },
    attachFilter(fd, insns, count) {
      const prog = sockFprog(insns, count);
      return ret(c.setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, prog, prog.byteLength));
    },
    setsockoptProgram(fd, level, name, insns, count) {
      const prog = sockFprog(insns, count);
      return ret(c.setsockopt(fd, level, name, prog, prog.byteLength));
    },
    send: (fd, bytes) => ret(c.send(fd, bytes, BigInt(bytes.byteLength), 0)),
    open(path, flags, mode) {
      const name = encoder.encode(path + "\0");
      return ret(c.open(name, flags, mode));
    },
    writev: (fd, iov, count) => ret(c.writev(fd, iov, count)),
    sendmmsg(fd, pool, offsets, lengths, count) {
      const base = Number(Deno.UnsafePointer.value(Deno.UnsafePointer.of(pool)));
      let done = 0;
      while (done < count) {
        const n = Math.min(count - done, MMSG_BATCH);
        for (let i = 0; i < n; i++) {
          const addr = base + offsets[done + i]!;
          iov[4 * i] = addr >>> 0;
          iov[4 * i + 1] = Math.floor(addr / 0x1_0000_0000);
          iov[4 * i + 2] = lengths[done + i]!;
        }
        const r = c.sendmmsg(fd, msgBytes, n, 0);
        if (r < 0) return done > 0 ? done : -errno();
        done += r;
        if (r < n) break;
      }
      return done;
    },
    monotonicNs() {
      c.clock_gettime(CLOCK_MONOTONIC, timespecBytes);
      return (timespec[0]! + timespec[1]! * 0x1_0000_0000) * 1e9 + timespec[2]!;
    },
    sleepUntilNs(ns) {
      const sec = Math.floor(ns / 1e9);
      timespec[0] = sec >>> 0;
      timespec[1] = Math.floor(sec / 0x1_0000_0000);
      timespec[2] = Math.min(999_999_999, Math.max(0, Math.round(ns - sec * 1e9)));
      timespec[3] = 0;
      let r: number;
      // clock_nanosleep returns the error number itself, not -1 and errno.
      do r = c.clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, timespecBytes, null); while (
        r === EINTR
      );
      return -r;
    },
    pageSize: () => c.getpagesize(),
    close: (fd) => ret(c.close(fd)),
  };
}

/**
 * Runs `fn` with a fresh `AF_INET` datagram socket (the handle ethtool and wireless ioctls take,
 * no privilege needed) and closes it; `fallback` when no socket can be made.
 */
export function withInetSocket<T>(fallback: T, fn: (fd: number, libc: Libc) => T): T {
  const libc = loadLibc();
  const fd = libc.c.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return fallback;
  try {
    return fn(fd, libc);
  } finally {
    libc.c.close(fd);
  }
}
