import assert from "node:assert/strict";
import { BUNDLE_FORMAT, freshBundle, MANIFEST, readManifest, sourcesUnchanged } from "./_bundle.ts";
import { buildBundles } from "./build.ts";

/** A tiny repository: `a.ts` imports `lib/b.ts`; bundles go to `build/`. */
async function tinyRepo(): Promise<{ root: URL; buildDir: URL; done: () => Promise<void> }> {
  const dir = await Deno.makeTempDir({ prefix: "tpacket_bundle_" });
  const root = new URL(`file://${dir}/`);
  await Deno.mkdir(new URL("lib/", root));
  await Deno.writeTextFile(
    new URL("a.ts", root),
    'import { b } from "./lib/b.ts";\nexport const a: string = `a+${b}`;\n',
  );
  await Deno.writeTextFile(new URL("lib/b.ts", root), 'export const b: string = "one";\n');
  return {
    root,
    buildDir: new URL("build/", root),
    done: () => Deno.remove(dir, { recursive: true }),
  };
}

/** Moves a file's modification time by `ms`, as an edit a moment later would. */
function touch(url: URL, ms: number): void {
  const mtime = Deno.statSync(url).mtime!;
  Deno.utimeSync(url, mtime, new Date(mtime.getTime() + ms));
}

Deno.test("buildBundles() bundles an entry with every local module it imports, and freshBundle() finds it", async () => {
  const { root, buildDir, done } = await tinyRepo();
  try {
    const results = await buildBundles({ root, buildDir, entries: ["a.ts"] });
    assert.deepEqual([...results], [["a.ts", { result: "built" }]]);
    const manifest = readManifest(buildDir.href)!;
    assert.equal(manifest.deno, Deno.version.deno);
    assert.deepEqual(manifest.bundles["a.ts"]!.sources.map(([path]) => path).sort(), [
      "a.ts",
      "lib/b.ts",
    ]);
    const url = freshBundle("a.ts", root.href, buildDir.href);
    assert.equal(url, buildDir.href + manifest.bundles["a.ts"]!.file);
    assert.equal((await import(url!)).a, "a+one");
    // Unchanged sources: the next build keeps the bundle.
    const again = await buildBundles({ root, buildDir, entries: ["a.ts"] });
    assert.deepEqual([...again], [["a.ts", { result: "fresh" }]]);
  } finally {
    await done();
  }
});

Deno.test("freshBundle() refuses a bundle once any source changed, and the next build remakes it", async () => {
  const { root, buildDir, done } = await tinyRepo();
  try {
    await buildBundles({ root, buildDir, entries: ["a.ts"] });
    const b = new URL("lib/b.ts", root);
    // Same size, new text and a later time (an edit): stale.
    await Deno.writeTextFile(b, 'export const b: string = "two";\n');
    touch(b, 5000);
    assert.equal(freshBundle("a.ts", root.href, buildDir.href), undefined);
    const rebuilt = await buildBundles({ root, buildDir, entries: ["a.ts"] });
    assert.deepEqual([...rebuilt], [["a.ts", { result: "built" }]]);
    const url = freshBundle("a.ts", root.href, buildDir.href)!;
    assert.equal((await import(`${url}?two`)).a, "a+two");
    // The same time but another size: stale too.
    const mtime = Deno.statSync(b).mtime!;
    await Deno.writeTextFile(b, 'export const b: string = "three";\n');
    Deno.utimeSync(b, mtime, mtime);
    assert.equal(freshBundle("a.ts", root.href, buildDir.href), undefined);
    // A source gone: stale.
    await buildBundles({ root, buildDir, entries: ["a.ts"] });
    assert.notEqual(freshBundle("a.ts", root.href, buildDir.href), undefined);
    await Deno.remove(b);
    assert.equal(freshBundle("a.ts", root.href, buildDir.href), undefined);
  } finally {
    await done();
  }
});

Deno.test("freshBundle() refuses another Deno's bundles, a broken manifest and unknown entries", async () => {
  const { root, buildDir, done } = await tinyRepo();
  try {
    assert.equal(freshBundle("a.ts", root.href, buildDir.href), undefined, "nothing built yet");
    await buildBundles({ root, buildDir, entries: ["a.ts"] });
    assert.equal(freshBundle("lib/b.ts", root.href, buildDir.href), undefined, "not an entry");
    const path = new URL(MANIFEST, buildDir);
    const manifest = readManifest(buildDir.href)!;
    await Deno.writeTextFile(path, JSON.stringify({ ...manifest, deno: "0.0.0" }));
    assert.equal(freshBundle("a.ts", root.href, buildDir.href), undefined, "another Deno");
    for (const text of ["", "{", "null", '{"deno":"x"}', '{"deno":"x","bundles":null}']) {
      await Deno.writeTextFile(path, text);
      assert.equal(readManifest(buildDir.href), undefined, text);
      assert.equal(freshBundle("a.ts", root.href, buildDir.href), undefined, text);
    }
    const entry = manifest.bundles["a.ts"]!;
    await Deno.writeTextFile(
      path,
      JSON.stringify({ ...manifest, bundles: { "a.ts": { ...entry, sources: "x" } } }),
    );
    assert.equal(freshBundle("a.ts", root.href, buildDir.href), undefined, "sources not a list");
    assert.equal(
      sourcesUnchanged({ file: entry.file, sources: [] }, root.href),
      false,
      "no sources",
    );
    assert.equal(freshBundle("a.ts", "https://example.com/", buildDir.href), undefined);
  } finally {
    await done();
  }
});

Deno.test("bundles are minified, and a build remakes bundles of an older format", async () => {
  const { root, buildDir, done } = await tinyRepo();
  try {
    // A comment and long names: a minified bundle keeps neither.
    await Deno.writeTextFile(
      new URL("lib/b.ts", root),
      '/** The letter. */\nconst longLocalName: string = "one";\nexport const b: string = longLocalName;\n',
    );
    await buildBundles({ root, buildDir, entries: ["a.ts"] });
    const manifest = readManifest(buildDir.href)!;
    assert.equal(manifest.format, BUNDLE_FORMAT);
    const text = await Deno.readTextFile(new URL(manifest.bundles["a.ts"]!.file, buildDir));
    assert.doesNotMatch(text, /The letter|longLocalName/);
    assert.equal((await import(new URL(manifest.bundles["a.ts"]!.file, buildDir).href)).a, "a+one");
    // Unchanged sources, but the manifest says another format: remade.
    const { format: _, ...older } = manifest;
    await Deno.writeTextFile(new URL(MANIFEST, buildDir), JSON.stringify(older));
    const again = await buildBundles({ root, buildDir, entries: ["a.ts"] });
    assert.deepEqual([...again], [["a.ts", { result: "built" }]]);
    assert.equal(readManifest(buildDir.href)!.format, BUNDLE_FORMAT);
  } finally {
    await done();
  }
});

Deno.test("freshBundle() is turned off by SNIFF_NO_BUNDLE", async () => {
  const { root, buildDir, done } = await tinyRepo();
  try {
    await buildBundles({ root, buildDir, entries: ["a.ts"] });
    assert.notEqual(freshBundle("a.ts", root.href, buildDir.href), undefined);
    Deno.env.set("SNIFF_NO_BUNDLE", "1");
    try {
      assert.equal(freshBundle("a.ts", root.href, buildDir.href), undefined);
    } finally {
      Deno.env.delete("SNIFF_NO_BUNDLE");
    }
  } finally {
    await done();
  }
});

Deno.test("buildBundles() reports an entry it cannot bundle and still writes the others", async () => {
  const { root, buildDir, done } = await tinyRepo();
  try {
    await Deno.writeTextFile(new URL("bad.ts", root), 'import "./missing.ts";\n');
    const results = await buildBundles({ root, buildDir, entries: ["bad.ts", "a.ts"] });
    assert.equal(results.get("bad.ts")?.result, "failed");
    assert.match(results.get("bad.ts")!.reason!, /^Module not found .*missing\.ts/);
    assert.equal(results.get("a.ts")?.result, "built");
    assert.deepEqual(Object.keys(readManifest(buildDir.href)!.bundles), ["a.ts"]);
  } finally {
    await done();
  }
});
