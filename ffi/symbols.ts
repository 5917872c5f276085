/**
 * The shim's symbol table (`ffi/shim.c`), loaded lazily: every function
 * returns >= 0 or -errno. `pk_poll` is nonblocking, so a wait on the main
 * thread never blocks Deno's event loop; `pk_poll_sync` is the same call made
 * on the caller's thread, for a Worker.
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
  // The same function on the calling thread: a Worker's engine blocks in it.
  pk_poll_sync: { name: "pk_poll", parameters: ["i32", "i32", "i32"], result: "i32" },
  pk_eventfd: { parameters: [], result: "i32" },
  pk_eventfd_signal: { parameters: ["i32"], result: "i32" },
  pk_eventfd_drain: { parameters: ["i32"], result: "i32" },
  pk_ioctl: { parameters: ["i32", "u64", "buffer"], result: "i32" }, // fd, request, struct ifreq *
  pk_ethtool_get: { parameters: ["i32", "buffer", "u32"], result: "i32" }, // fd, ifname, cmd
  pk_attach_filter: { parameters: ["i32", "buffer", "u32"], result: "i32" }, // fd, insns, count
  pk_send: { parameters: ["i32", "buffer", "u64"], result: "i32" },
  pk_open: { parameters: ["buffer", "i32", "i32"], result: "i32" }, // path, flags, mode
  pk_writev: { parameters: ["i32", "buffer", "i32"], result: "i64" }, // fd, struct iovec *, count
  // fd, ring, u32 offs[], caps[], wires[], secs[], nsecs[], count, micro, scratch, its length
  // → bytes written: pcap records, short ones copied into scratch (see shim.c)
  pk_write_records: {
    parameters: [
      "i32",
      "buffer",
      "buffer",
      "buffer",
      "buffer",
      "buffer",
      "buffer",
      "u32",
      "i32",
      "buffer",
      "u32",
    ],
    result: "i64",
    // A shim built before this call (TPACKET_SHIM_PATH) still loads: writers then use pk_writev.
    optional: true,
  },
  // block, block size, pos, frames left, snaplen, loopback ifindex, flags, u32 columns[], room
  // → frames listed into the batch columns, or -(listed + 1) after a corrupt frame (shim.c)
  pk_walk_v3: {
    parameters: ["buffer", "u32", "u32", "u32", "u32", "i32", "u32", "buffer", "u32"],
    result: "i32",
    // A shim built before this call still loads: the walker then walks blocks in TypeScript.
    optional: true,
  },
  // the same, with 8 columns: pk_walk_v3's five, then ifindex, pkttype | protocol << 8, VLAN
  pk_walk_v3_frames: {
    parameters: ["buffer", "u32", "u32", "u32", "u32", "i32", "u32", "buffer", "u32"],
    result: "i32",
    // A shim built before this call still loads: dispatch() then walks blocks in TypeScript.
    optional: true,
  },
  // ctx (ring/ring.ts's TAKE words), block, u32 columns[], room, timeout ms → the block at the
  // cursor waited for and walked in one call: frames listed, -(listed + 1) after a corrupt
  // frame, or INT32_MIN when none was walked (shim.c)
  pk_take_v3: {
    parameters: ["buffer", "buffer", "buffer", "u32", "i32"],
    result: "i32",
    // A shim built before this call still loads: the worker engine then polls and walks apart.
    optional: true,
  },
  // → CLOCK_MONOTONIC in ms (what pk_take_v3 leaves in its context)
  pk_monotonic_ms: { parameters: [], result: "f64", optional: true },
  // state, index, keys, hot, cold, icmp, born, free, live, mix, rate, bytes, u32 offsets[], caps[],
  // wires[], secs[], nsecs[], from, count, ifindex → the first packet left to the caller
  // (flows/_native.ts's FlowBatchCounter)
  pk_flow_count: {
    parameters: [
      "buffer",
      "buffer",
      "buffer",
      "buffer",
      "buffer",
      "buffer",
      "buffer",
      "buffer",
      "buffer",
      "buffer",
      "buffer",
      "buffer",
      "buffer",
      "buffer",
      "buffer",
      "buffer",
      "buffer",
      "u32",
      "u32",
      "u32",
    ],
    result: "i32",
    // A shim built before this call still loads: the flow table then counts in TypeScript.
    optional: true,
  },
  // hot, born, marks, row length, live, end, mode, from, now, epoch, heap scores, heap slots,
  // cap → the heap's size (flows/table.ts's top() scan; -1: the caller scans)
  pk_flow_top: {
    parameters: [
      "buffer",
      "buffer",
      "buffer",
      "u32",
      "buffer",
      "u32",
      "i32",
      "f64",
      "f64",
      "f64",
      "buffer",
      "buffer",
      "u32",
    ],
    result: "i32",
    optional: true,
  },
  // fd, base, u32 offsets[], u32 lengths[], count → frames taken
  pk_sendmmsg: { parameters: ["i32", "buffer", "buffer", "buffer", "u32"], result: "i32" },
  // ring, frame size, frame count, head slot, pool, u32 offsets[], u32 lengths[], count,
  // data offset → frames put into the TX ring
  pk_tx_fill: {
    parameters: ["buffer", "u32", "u32", "u32", "buffer", "buffer", "buffer", "u32", "u32"],
    result: "i32",
  },
  pk_monotonic_ns: { parameters: [], result: "f64" }, // CLOCK_MONOTONIC, ns
  pk_sleep_until: { parameters: ["f64"], result: "i32" }, // absolute CLOCK_MONOTONIC ns
  pk_pagesize: { parameters: [], result: "i32" },
  pk_close: { parameters: ["i32"], result: "i32" },
  // The waiter thread (ffi/waiter.ts); optional, so an older prebuilt shim still loads.
  // fd, efd, id, void (*wake)(int32_t id, int32_t revents), void **out
  pk_waiter_start: {
    parameters: ["i32", "i32", "i32", "function", "buffer"],
    result: "i32",
    optional: true,
  },
  pk_waiter_arm: { parameters: ["pointer", "i32"], result: "i32", optional: true }, // handle, ms
  pk_waiter_stop: { parameters: ["pointer"], result: "i32", optional: true }, // handle
  // handle, ns: the next wait sleeps on the eventfd alone (a coalesced wait); optional too:
  // without it waits are not coalesced
  pk_waiter_nap: { parameters: ["pointer", "f64"], result: "i32", optional: true },
  // handle, ring, block_size, block_count, cursor, want, ns: the next wait naps until `want`
  // blocks are ready (a watched nap); pk_waiter_detach(handle) before the ring is unmapped
  pk_waiter_watch: {
    parameters: ["pointer", "buffer", "u32", "u32", "u32", "u32", "f64"],
    result: "i32",
    optional: true,
  },
  pk_waiter_detach: { parameters: ["pointer"], result: "i32", optional: true },
} as const satisfies Deno.ForeignLibraryInterface;

/** Where `deno task build` puts the shim, next to this module. */
export const SHIM_URL: URL = new URL("./build/libtpacket.so", import.meta.url);

/**
 * The environment variable that names a prebuilt shim (`libtpacket.so`), as
 * `DENO_SQLITE_PATH` does for sqlite3: set, it is the shim `"auto"` and
 * `"shim"` load, wherever this module was imported from.
 */
export const SHIM_ENV = "TPACKET_SHIM_PATH";

/** Where the shim is looked for: the environment's path first, else the built one. */
export function shimLocation(): { path: string | undefined; href: string; fromEnv: boolean } {
  let env: string | undefined;
  try {
    // Read only when allowed: without --allow-env the variable is treated as unset.
    if (Deno.permissions.querySync({ name: "env", variable: SHIM_ENV }).state === "granted") {
      env = Deno.env.get(SHIM_ENV);
    }
  } catch { /* no permission API: unset */ }
  if (env !== undefined && env !== "") return { path: env, href: env, fromEnv: true };
  const path = SHIM_URL.protocol === "file:" ? decodeURIComponent(SHIM_URL.pathname) : undefined;
  return { path, href: SHIM_URL.href, fromEnv: false };
}

/**
 * The environment variable that picks how a wait on the main thread sleeps with the shim:
 * unset or `"thread"`, the waiter thread (`pk_waiter_*`); `"poll"`, a nonblocking poll (what
 * libc always does). For comparing the two (`deno task bench`).
 */
export const WAIT_ENV = "TPACKET_WAIT";

/** False when {@linkcode WAIT_ENV} says `"poll"` (read only when --allow-env grants it). */
export function waitThreadWanted(): boolean {
  try {
    if (Deno.permissions.querySync({ name: "env", variable: WAIT_ENV }).state === "granted") {
      return Deno.env.get(WAIT_ENV) !== "poll";
    }
  } catch { /* no permission API: the default */ }
  return true;
}
