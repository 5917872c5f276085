/**
 * One interface over the system calls a capture makes, with two
 * implementations: the C shim (`ffi/shim.c`, built by `deno task build`) and
 * plain libc symbols. Both return `>= 0` or `-errno`; neither lets a pointer
 * out of `ffi/` (the ring comes back as an `ArrayBuffer` with an `unmap()`).
 *
 * @module
 */

import { openLibcBackend } from "./libc.ts";
import { openShimBackend } from "./shim.ts";
import { SHIM_URL } from "./symbols.ts";

/** Which implementation to use: `"auto"` takes the shim when it has been built. */
export type BackendChoice = "auto" | "shim" | "libc";

/** A mapped ring: plain memory for `ring/`, and the one way to give it back. */
export interface Mapping {
  /** The mapped bytes; detached (length 0) once `unmap()` ran. */
  readonly buffer: ArrayBuffer;
  /** Detaches `buffer` (stale views read as empty), then munmaps; 0 or -errno; idempotent. */
  unmap(): number;
}

/** The system calls of a capture; each returns `>= 0` or `-errno`. */
export interface Backend {
  /** Which implementation this is. */
  readonly kind: "shim" | "libc";
  /** socket(2); returns the fd. */
  socket(domain: number, type: number, protocol: number): number;
  /** setsockopt(2) with a struct. */
  setsockopt(fd: number, level: number, name: number, value: Uint8Array): number;
  /** setsockopt(2) with an `int`. */
  setsockoptInt(fd: number, level: number, name: number, value: number): number;
  /** getsockopt(2) into `value`; returns the length written. */
  getsockopt(fd: number, level: number, name: number, value: Uint8Array): number;
  /** bind(2) to a `struct sockaddr_ll`. */
  bind(fd: number, addr: Uint8Array): number;
  /** mmap(2) of `len` bytes shared read-write; a {@linkcode Mapping} or -errno. */
  mmap(fd: number, len: number): Mapping | number;
  /**
   * poll(2) on `fd` and the eventfd `efd`, on another thread. Resolves to fd's
   * revents in bits 0-15 and efd's in bits 16-30 (0 on timeout), or -errno.
   */
  poll(fd: number, efd: number, timeoutMs: number): Promise<number>;
  /** eventfd(2), non-blocking and close-on-exec. */
  eventfd(): number;
  /** Adds 1 to an eventfd's counter: wakes a poll. */
  eventfdSignal(efd: number): number;
  /** Resets an eventfd's counter; 1 when it was set, 0 when not. */
  eventfdDrain(efd: number): number;
  /** ioctl(2) with a `struct ifreq` (40 bytes). */
  ioctl(fd: number, request: number, ifreq: Uint8Array): number;
  /** `SIOCETHTOOL` with `struct ethtool_value`: the data word of `cmd` for `ifname`. */
  ethtoolGet(fd: number, ifname: string, cmd: number): number;
  /** `SO_ATTACH_FILTER` with `count` 8-byte `struct sock_filter` in `insns`. */
  attachFilter(fd: number, insns: Uint8Array, count: number): number;
  /** send(2) of one frame; returns the bytes sent. */
  send(fd: number, bytes: Uint8Array): number;
  /** The page size in bytes (ring blocks are power-of-two multiples of it). */
  pageSize(): number;
  /** close(2). */
  close(fd: number): number;
}

/**
 * Wraps mapped memory: the buffer is detached with `transfer(0)` before the
 * munmap, so a view kept after close reads as empty instead of faulting.
 */
export function makeMapping(
  buffer: ArrayBuffer,
  munmap: () => number,
): Mapping {
  let current = buffer;
  let done = false;
  return {
    get buffer() {
      return current;
    },
    unmap() {
      if (done) return 0;
      done = true;
      current = current.transfer(0);
      return munmap();
    },
  };
}

let shim: Backend | undefined;
let libc: Backend | undefined;

/** Turns Deno's permission error into one line that says what to do. */
function permissionHint(e: unknown): unknown {
  const NotCapable = (Deno.errors as Record<string, unknown>)["NotCapable"];
  if (
    (typeof NotCapable === "function" && e instanceof NotCapable) ||
    e instanceof Deno.errors.PermissionDenied
  ) {
    const Ctor = (e as Error).constructor as new (m: string) => Error;
    return new Ctor(
      "Cannot open a capture: FFI access is not allowed (run deno with --allow-ffi)",
    );
  }
  return e;
}

/** Path of the built shim when this module is a local file, else `undefined`. */
function shimPath(): string | undefined {
  if (SHIM_URL.protocol !== "file:") return undefined;
  return decodeURIComponent(SHIM_URL.pathname);
}

let wrapHook: ((backend: Backend) => Backend) | undefined;

/**
 * Test seam, not part of the package's API (mod.ts does not export it): while
 * set, every backend {@linkcode loadBackend} hands out goes through `wrap`
 * first, so a test can make one call of the real backend fail (PACKET_RX_RING
 * saying ENOMEM, PACKET_VERSION refusing V3) and let every other call through.
 *
 * @param wrap Returns the backend to use in place of the real one; `undefined` removes the hook.
 */
export function _wrapBackend(wrap: ((backend: Backend) => Backend) | undefined): void {
  wrapHook = wrap;
}

/**
 * Loads a backend: `"shim"` the built C shim, `"libc"` plain libc, `"auto"`
 * the shim when it has been built next to this module (never when imported
 * over https), else libc. Libraries load once, on the first call.
 *
 * @param choice Which implementation.
 * @returns The backend.
 */
export function loadBackend(choice: BackendChoice = "auto"): Backend {
  const backend = loadRealBackend(choice);
  return wrapHook === undefined ? backend : wrapHook(backend);
}

function loadRealBackend(choice: BackendChoice): Backend {
  try {
    if (choice !== "libc") {
      if (shim) return shim;
      const path = shimPath();
      if (path !== undefined) {
        try {
          return shim = openShimBackend(path);
        } catch (e) {
          if (choice === "shim" || permissionHint(e) !== e) throw e;
        }
      } else if (choice === "shim") {
        throw new Error(`Cannot load the shim: ${SHIM_URL.href} is not a local file`);
      }
    }
    return libc ??= openLibcBackend();
  } catch (e) {
    const hinted = permissionHint(e);
    if (hinted !== e) throw hinted;
    if (choice === "shim" && e instanceof Error && !(e instanceof TypeError)) {
      throw new Error(
        `Cannot load the shim ${shimPath() ?? SHIM_URL.href}: ${
          e.message.split("\n")[0]
        } (run \`deno task build\`)`,
      );
    }
    throw e;
  }
}
