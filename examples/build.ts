/**
 * `deno task build`: builds the C shim (`ffi/build.ts`) and sniff's start-up bundles (see
 * `_bundle.ts`): each part sniff loads on demand, as one JavaScript file made by `deno bundle`,
 * in the git-ignored `examples/build/`, with a manifest of the sources each was made from. A
 * bundle whose sources are unchanged is kept; without a working `deno bundle` sniff simply
 * loads the modules, so this step never fails a build.
 *
 * Usage: `deno run --allow-read --allow-write --allow-run --allow-env examples/build.ts
 * [--quiet-if-no-cc] [--force]`
 *
 * @module
 */
import { buildShim } from "../ffi/build.ts";
import {
  BUNDLE_FORMAT,
  type BundleEntry,
  type BundleManifest,
  MANIFEST,
  readManifest,
  sourcesUnchanged,
} from "./_bundle.ts";

/** The repository root, which the manifest's paths are relative to. */
export const ROOT: URL = new URL("../", import.meta.url);

/** Where the bundles go. */
export const BUILD_DIR: URL = new URL("./build/", import.meta.url);

/**
 * The parts sniff loads with `lazy()` when it reads a file, relative to the root: files alone
 * (--count, -w), files and the printer (printing text), files, the printer and the filter
 * (printing what a filter takes), files and the filter (counting or writing it), --json's
 * decoders.
 */
export const ENTRIES: readonly string[] = [
  "pcap/mod.ts",
  "examples/_read_print.ts",
  "examples/_read_print_filter.ts",
  "examples/_read_filter.ts",
  "decode/layers.ts",
];

/** What one call did to each entry. */
export type BundleResult = "built" | "fresh" | "failed";

/**
 * Bundles each entry whose bundle is missing or stale into `buildDir` and rewrites the
 * manifest. The sources are listed (`deno info --json`, local modules) and their sizes and
 * times taken *before* bundling, so a file edited meanwhile makes the bundle stale, not wrong.
 *
 * @param options `force` rebuilds fresh bundles too; `root`, `buildDir` and `entries` default
 *   to the repository's
 * @returns each entry's result, and why a failed one failed
 */
export async function buildBundles(options: {
  force?: boolean;
  root?: URL;
  buildDir?: URL;
  entries?: readonly string[];
} = {}): Promise<Map<string, { result: BundleResult; reason?: string }>> {
  const root = options.root ?? ROOT, buildDir = options.buildDir ?? BUILD_DIR;
  const entries = options.entries ?? ENTRIES;
  Deno.mkdirSync(buildDir, { recursive: true });
  const old = readManifest(buildDir.href);
  const manifest: BundleManifest = { deno: Deno.version.deno, format: BUNDLE_FORMAT, bundles: {} };
  const results = new Map<string, { result: BundleResult; reason?: string }>();
  for (const entry of entries) {
    const same = old?.deno === Deno.version.deno && old.format === BUNDLE_FORMAT;
    const before = same ? old.bundles[entry] : undefined;
    if (!options.force && before && sourcesUnchanged(before, root.href)) {
      try {
        Deno.statSync(new URL(before.file, buildDir));
        manifest.bundles[entry] = before;
        results.set(entry, { result: "fresh" });
        continue;
      } catch { /* the bundle itself is gone */ }
    }
    try {
      manifest.bundles[entry] = await bundle(entry, root, buildDir);
      results.set(entry, { result: "built" });
    } catch (error) {
      results.set(entry, {
        result: "failed",
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  const path = new URL(MANIFEST, buildDir).pathname;
  Deno.writeTextFileSync(`${path}.${Deno.pid}.tmp`, JSON.stringify(manifest) + "\n");
  Deno.renameSync(`${path}.${Deno.pid}.tmp`, path); // atomic: sniff never reads half a manifest
  return results;
}

async function bundle(entry: string, root: URL, buildDir: URL): Promise<BundleEntry> {
  const source = new URL(entry, root);
  const info = JSON.parse(await deno(["info", "--json", source.pathname], root)) as {
    modules: { specifier: string; error?: string }[];
  };
  const sources: BundleEntry["sources"] = [];
  for (const module of info.modules) {
    if (module.error) throw new Error(module.error);
    if (!module.specifier.startsWith(root.href)) {
      throw new Error(`${entry} imports ${module.specifier}, outside the repository`);
    }
    const stat = Deno.statSync(new URL(module.specifier));
    sources.push([module.specifier.slice(root.href.length), stat.size, stat.mtime!.getTime()]);
  }
  const file = entry.replace(/\.ts$/, ".js").replaceAll("/", "_");
  const out = new URL(file, buildDir).pathname, tmp = `${out}.${Deno.pid}.tmp.js`;
  await deno(
    ["bundle", "--quiet", "--platform", "deno", "--minify", "-o", tmp, source.pathname],
    root,
  );
  Deno.renameSync(tmp, out);
  return { file, sources };
}

async function deno(args: string[], cwd: URL): Promise<string> {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  if (!out.success) {
    const why = text.decode(out.stderr).trim().split("\n")[0] || `exit code ${out.code}`;
    throw new Error(`deno ${args[0]} failed: ${why}`);
  }
  return text.decode(out.stdout);
}

if (import.meta.main) {
  const force = Deno.args.includes("--force");
  await buildShim({ force, quiet: Deno.args.includes("--quiet-if-no-cc") });
  for (const [entry, { result, reason }] of await buildBundles({ force })) {
    if (result === "failed") {
      console.error(`Cannot bundle ${entry} (sniff loads its modules instead): ${reason}`);
    }
  }
}
