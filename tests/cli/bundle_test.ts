/**
 * sniff's start-up bundles end to end, on a copy of the modules sniff loads: a fresh bundle is
 * what sniff runs (a marker added to it shows up), an edited source makes sniff load the
 * modules instead (the marker is gone and the output is still tcpdump's), `SNIFF_NO_BUNDLE`
 * turns them off, and the output is the same either way.
 */
import assert from "node:assert/strict";
import { buildBundles } from "../../examples/build.ts";
import { MANIFEST, readManifest } from "../../examples/_bundle.ts";
import { TESTDATA } from "./_testlist.ts";

const ROOT = new URL("../../", import.meta.url);
const INPUT = new URL("eth.pcap", TESTDATA).pathname;

/** Copies every local module `examples/sniff.ts` and the bundled parts can load into `dir`. */
async function copyModules(dir: URL): Promise<void> {
  const entries = [
    "examples/sniff.ts",
    "examples/_bundle.ts",
    "examples/_summary.ts",
    "examples/_read_print.ts",
    "examples/_read_print_filter.ts",
    "examples/_read_filter.ts",
    "decode/layers.ts",
  ];
  for (const entry of entries) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", new URL(entry, ROOT).pathname],
      stdout: "piped",
    }).output();
    assert.ok(out.success, `deno info ${entry}`);
    const info = JSON.parse(new TextDecoder().decode(out.stdout)) as {
      modules: { specifier: string }[];
    };
    for (const { specifier } of info.modules) {
      assert.ok(specifier.startsWith(ROOT.href), specifier);
      const to = new URL(specifier.slice(ROOT.href.length), dir);
      await Deno.mkdir(new URL(".", to), { recursive: true });
      await Deno.copyFile(new URL(specifier), to);
    }
  }
}

async function sniff(root: URL, args: string[], env: Record<string, string> = {}) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-env=SNIFF_NO_BUNDLE",
      new URL("examples/sniff.ts", root).pathname,
      ...args,
    ],
    env: { TZ: "UTC", NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

/** Appends a line to `entry`'s bundle that writes `marker` to stderr when the bundle loads. */
function mark(buildDir: URL, entry: string, marker: string): void {
  const file = new URL(readManifest(buildDir.href)!.bundles[entry]!.file, buildDir);
  Deno.writeTextFileSync(
    file,
    `\nDeno.stderr.writeSync(new TextEncoder().encode(${JSON.stringify(marker + "\n")}));\n`,
    { append: true },
  );
}

/** The bundle markers in `stderr`, in order, joined by spaces. */
function bundlesLoaded(stderr: string): string {
  return [...stderr.matchAll(/\[[a-z ]+ bundle\]/g)].map((m) => m[0]).join(" ");
}

Deno.test("sniff -r runs a fresh bundle, never a stale one, and prints the same either way", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tpacket_bundle_cli_" });
  const root = new URL(`file://${dir}/`), buildDir = new URL("examples/build/", root);
  try {
    await copyModules(root);
    // The modules themselves: what sniff prints without any bundle.
    const plain = await sniff(root, ["-n", "-r", INPUT, "udp"]);
    assert.equal(plain.code, 0, plain.stderr);
    assert.ok(plain.stdout.split("\n").length > 5, plain.stdout);

    const built = await buildBundles({ root, buildDir });
    for (const [entry, { result, reason }] of built) {
      assert.equal(result, "built", `${entry} ${reason}`);
    }
    mark(buildDir, "examples/_read_print.ts", "[print bundle]");
    mark(buildDir, "examples/_read_print_filter.ts", "[print and filter bundle]");
    mark(buildDir, "examples/_read_filter.ts", "[filter bundle]");
    mark(buildDir, "pcap/mod.ts", "[pcap bundle]");
    // Each command loads the one bundle of what it needs.
    const fresh = await sniff(root, ["-n", "-r", INPUT, "udp"]);
    assert.equal(fresh.stdout, plain.stdout);
    assert.equal(bundlesLoaded(fresh.stderr), "[print and filter bundle]");
    const all = await sniff(root, ["-n", "-r", INPUT]);
    assert.equal(all.code, 0, all.stderr);
    assert.equal(bundlesLoaded(all.stderr), "[print bundle]");
    const counted = await sniff(root, ["-r", INPUT, "--count", "udp"]);
    assert.match(counted.stdout, /^\d+ packets?\n$/);
    assert.equal(bundlesLoaded(counted.stderr), "[filter bundle]");
    const count = await sniff(root, ["-r", INPUT, "--count"]);
    assert.equal(bundlesLoaded(count.stderr), "[pcap bundle]");

    const off = await sniff(root, ["-n", "-r", INPUT, "udp"], { SNIFF_NO_BUNDLE: "1" });
    assert.equal(off.stdout, plain.stdout);
    assert.doesNotMatch(off.stderr, /bundle\]/);

    // A printer source edited after the build (a later time, a line more): the printer's bundle
    // is stale and sniff loads the modules, with the edit; the filter's bundle is still fresh.
    const ctx = new URL("print/_ctx.ts", root);
    Deno.writeTextFileSync(
      ctx,
      '\nDeno.stderr.writeSync(new TextEncoder().encode("[edited source]\\n"));\n',
      { append: true },
    );
    const mtime = Deno.statSync(ctx).mtime!;
    Deno.utimeSync(ctx, mtime, new Date(mtime.getTime() + 5000));
    const stale = await sniff(root, ["-n", "-r", INPUT, "udp"]);
    assert.equal(stale.stdout, plain.stdout);
    assert.equal(bundlesLoaded(stale.stderr), "");
    assert.match(stale.stderr, /\[edited source\]/);
    const filterOnly = await sniff(root, ["-r", INPUT, "--count", "udp"]);
    assert.equal(filterOnly.stdout, counted.stdout);
    assert.equal(bundlesLoaded(filterOnly.stderr), "[filter bundle]");

    // The manifest gone: no bundle at all.
    Deno.removeSync(new URL(MANIFEST, buildDir));
    const none = await sniff(root, ["-n", "-r", INPUT, "udp"]);
    assert.equal(none.stdout, plain.stdout);
    assert.doesNotMatch(none.stderr, /bundle\]/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
