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
import { SHIM_ENV, shimLocation } from "./symbols.ts";
import type { Backend, BackendChoice } from "./types.ts";

export type { Backend, BackendChoice, Mapping } from "./types.ts";
export { makeMapping } from "./types.ts";

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
 * over https) or when the `TPACKET_SHIM_PATH` environment variable names a
 * prebuilt `libtpacket.so`, else libc. Libraries load once, on the first call.
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
      const { path, href, fromEnv } = shimLocation();
      if (path !== undefined) {
        try {
          return shim = openShimBackend(path);
        } catch (e) {
          // A path the user named must load; the default one may simply not be built.
          if (choice === "shim" || fromEnv || permissionHint(e) !== e) throw e;
        }
      } else if (choice === "shim") {
        throw new Error(`Cannot load the shim: ${href} is not a local file`);
      }
    }
    return libc ??= openLibcBackend();
  } catch (e) {
    const hinted = permissionHint(e);
    if (hinted !== e) throw hinted;
    const { path, href, fromEnv } = shimLocation();
    if ((choice === "shim" || fromEnv) && e instanceof Error && !(e instanceof TypeError)) {
      const hint = fromEnv ? `(${SHIM_ENV} names it)` : "(run `deno task build`)";
      throw new Error(
        `Cannot load the shim ${path ?? href}: ${e.message.split("\n")[0]} ${hint}`,
      );
    }
    throw e;
  }
}
