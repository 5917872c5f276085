/**
 * Builds the C shim: `cc -O2 -shared -fPIC` of `ffi/shim.c` into
 * `ffi/build/libtpacket.so`. Run by `deno task build` (`examples/build.ts`). Without a C compiler it
 * prints one line and exits 0: the capture then calls libc directly.
 *
 * Usage: `deno run --allow-read --allow-write --allow-run --allow-env ffi/build.ts [--quiet-if-no-cc]`
 *
 * @module
 */

/** Where the built library goes, next to this module. */
export const SHIM_PATH: URL = new URL("./build/libtpacket.so", import.meta.url);
const SOURCE = new URL("./shim.c", import.meta.url);

/**
 * Compiles the shim when it is missing or older than its source.
 *
 * @param options `force` rebuilds even when up to date; `quiet` says nothing when cc is missing.
 * @returns `"built"`, `"fresh"` (already up to date) or `"no-cc"`.
 */
export async function buildShim(
  options: { force?: boolean; quiet?: boolean } = {},
): Promise<"built" | "fresh" | "no-cc"> {
  const out = SHIM_PATH.pathname;
  if (!options.force) {
    try {
      const [lib, src] = [Deno.statSync(SHIM_PATH), Deno.statSync(SOURCE)];
      if ((lib.mtime?.getTime() ?? 0) >= (src.mtime?.getTime() ?? Infinity)) return "fresh";
    } catch { /* not built yet */ }
  }
  const cc = Deno.env.get("CC") ?? "cc";
  Deno.mkdirSync(new URL("./build/", import.meta.url), { recursive: true });
  const tmp = `${out}.${Deno.pid}.tmp`;
  let result: Deno.CommandOutput;
  try {
    result = await new Deno.Command(cc, {
      args: ["-O2", "-Wall", "-shared", "-fPIC", "-pthread", "-o", tmp, SOURCE.pathname],
      stdout: "inherit",
      stderr: "inherit",
    }).output();
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
    if (!options.quiet) {
      console.error(`No C compiler ("${cc}"): the shim is not built, libc is used directly`);
    }
    return "no-cc";
  }
  if (!result.success) {
    try {
      Deno.removeSync(tmp);
    } catch { /* nothing written */ }
    throw new Error(`Cannot build the shim: ${cc} exited with code ${result.code}`);
  }
  Deno.renameSync(tmp, out); // atomic: a concurrent dlopen never sees half a file
  return "built";
}

if (import.meta.main) {
  const quiet = Deno.args.includes("--quiet-if-no-cc");
  await buildShim({ force: Deno.args.includes("--force"), quiet });
}
