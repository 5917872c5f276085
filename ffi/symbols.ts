/**
 * The shim's symbol table (`ffi/shim.c`), loaded lazily: every function
 * returns >= 0 or -errno. Only `pk_poll` is nonblocking, so a wait never
 * blocks Deno's event loop.
 *
 * @module
 */

/** `ffi/shim.c` functions, with their C meaning. */
export const SHIM_SYMBOLS = {
  pk_socket: { parameters: ["i32", "i32", "i32"], result: "i32" }, // domain, type, protocol
  pk_setsockopt: { parameters: ["i32", "i32", "i32", "buffer", "u32"], result: "i32" },
  pk_getsockopt: { parameters: ["i32", "i32", "i32", "buffer", "u32"], result: "i32" }, // → len
  pk_bind: { parameters: ["i32", "buffer", "u32"], result: "i32" }, // fd, sockaddr, len
  pk_mmap: { parameters: ["i32", "u64", "buffer"], result: "i32" }, // fd, len, void **out
  pk_munmap: { parameters: ["pointer", "u64"], result: "i32" },
  pk_poll: { parameters: ["i32", "i32", "i32"], result: "i32", nonblocking: true }, // fd, efd, ms
  pk_eventfd: { parameters: [], result: "i32" },
  pk_eventfd_signal: { parameters: ["i32"], result: "i32" },
  pk_eventfd_drain: { parameters: ["i32"], result: "i32" },
  pk_ioctl: { parameters: ["i32", "u64", "buffer"], result: "i32" }, // fd, request, struct ifreq *
  pk_ethtool_get: { parameters: ["i32", "buffer", "u32"], result: "i32" }, // fd, ifname, cmd
  pk_attach_filter: { parameters: ["i32", "buffer", "u32"], result: "i32" }, // fd, insns, count
  pk_send: { parameters: ["i32", "buffer", "u64"], result: "i32" },
  pk_pagesize: { parameters: [], result: "i32" },
  pk_close: { parameters: ["i32"], result: "i32" },
} as const satisfies Deno.ForeignLibraryInterface;

/** Where `deno task build` puts the shim, next to this module. */
export const SHIM_URL: URL = new URL("./build/libtpacket.so", import.meta.url);
