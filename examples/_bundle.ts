/**
 * sniff's start-up bundles: `deno task build` (`examples/build.ts`) writes each part sniff loads
 * on demand (the printer, the filter compiler, the decoders) as one JavaScript file into
 * `examples/build/`, beside a manifest of every source file it was made from, with its size and
 * modification time. Deno spends about 0.2 ms on each module it loads, whatever its size, so the
 * printer's 80-odd modules cost about 19 ms and the same code as one file about 4.
 *
 * A bundle is used only while every source it lists still has the size and time written down,
 * the Deno that runs is the one that built it, and `SNIFF_NO_BUNDLE` is unset; otherwise sniff
 * loads the modules themselves, so an edited source is never shadowed by an old bundle. The
 * directory is git-ignored and never published.
 *
 * @module
 */

/** What `examples/build/manifest.json` holds. */
export interface BundleManifest {
  /** `Deno.version.deno` of the Deno that made the bundles. */
  deno: string;
  /**
   * How the bundles were made ({@link BUNDLE_FORMAT}); a build remakes bundles of another
   * format. Bundles of any format are correct, so sniff itself does not look at it.
   */
  format?: number;
  /** Entry (relative to the repository root, e.g. `print/mod.ts`) → its bundle. */
  bundles: Record<string, BundleEntry>;
}

/** One bundle: its file in the build directory and the sources it was made from. */
export interface BundleEntry {
  /** File name inside the build directory. */
  file: string;
  /** `[path relative to the repository root, size in bytes, mtime in ms]`, one per module. */
  sources: [string, number, number][];
}

/** The environment variable that turns the bundles off (any value). */
export const NO_BUNDLE_ENV = "SNIFF_NO_BUNDLE";

/**
 * The bundles' format: 2 is minified (`deno bundle --minify`: the printer's bundle is 40 %
 * smaller, and Deno's time to load a file grows with its size, ~3 µs a KB from the code cache:
 * ~1.8 ms less start-up for `sniff -r`). The error classes name themselves, so no message
 * changes; a stack trace from a bundle names minified functions (`SNIFF_NO_BUNDLE=1` for a
 * readable one).
 */
export const BUNDLE_FORMAT = 2;

/** The manifest's name inside the build directory. */
export const MANIFEST = "manifest.json";

/**
 * The `file:` URL of an up-to-date bundle of `entry`, or `undefined` when there is none to
 * trust: no build directory or manifest, another Deno, a source changed, grown, shrunk or gone,
 * `SNIFF_NO_BUNDLE` set, or no read access granted (it never prompts). Never throws. URLs are
 * handled as strings: each `new URL()` costs about as much as a stat.
 *
 * @param entry the module, relative to `root` (e.g. `"print/mod.ts"`)
 * @param root the repository root's `file:` URL, ending in `/`
 * @param buildDir the build directory's URL (default `root` + `examples/build/`)
 */
export function freshBundle(
  entry: string,
  root: string,
  buildDir: string = root + "examples/build/",
): string | undefined {
  if (!root.startsWith("file:///") || !buildDir.startsWith("file:///")) return undefined;
  try {
    if (granted({ name: "env", variable: NO_BUNDLE_ENV }) && Deno.env.get(NO_BUNDLE_ENV)) {
      return undefined;
    }
    if (!granted({ name: "read", path: filePath(root) })) return undefined;
    const manifest = readManifest(buildDir);
    const bundle = manifest?.bundles[entry];
    if (!manifest || !bundle || manifest.deno !== Deno.version.deno) return undefined;
    return sourcesUnchanged(bundle, root) ? buildDir + bundle.file : undefined;
  } catch {
    return undefined; // no permission to ask about, say: the modules themselves
  }
}

/**
 * Whether every source of `bundle` still has the size and modification time written down (a
 * source gone counts as changed). Never throws.
 *
 * @param root the `file:` URL the sources' paths are relative to, ending in `/`
 */
export function sourcesUnchanged(bundle: BundleEntry, root: string): boolean {
  try {
    const base = filePath(root);
    for (const [path, size, mtime] of bundle.sources) {
      const stat = Deno.statSync(base + path);
      if (stat.size !== size || stat.mtime?.getTime() !== mtime) return false;
    }
    return bundle.sources.length > 0;
  } catch {
    return false;
  }
}

/** The path of a `file:///` URL. */
function filePath(url: string): string {
  return decodeURIComponent(url.slice("file://".length));
}

function granted(descriptor: Deno.PermissionDescriptor): boolean {
  return Deno.permissions.querySync(descriptor).state === "granted";
}

/**
 * The manifest in `buildDir` (a `file:` URL ending in `/`), or `undefined` when there is none
 * or it is not one.
 */
export function readManifest(buildDir: string): BundleManifest | undefined {
  try {
    const parsed = JSON.parse(Deno.readTextFileSync(filePath(buildDir) + MANIFEST));
    const ok = typeof parsed?.deno === "string" && typeof parsed.bundles === "object" &&
      parsed.bundles !== null;
    return ok ? parsed : undefined;
  } catch {
    return undefined; // not built yet, or not readable
  }
}
