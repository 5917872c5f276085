import assert from "node:assert/strict";
import { buildShim, SHIM_PATH } from "./build.ts";

const BACKEND_URL = new URL("./backend.ts", import.meta.url).href;
const built = await buildShim({ quiet: true });

/** Runs `loadBackend("auto")` in a fresh process with `env`; returns its kind or its error. */
async function loadIn(env: Record<string, string>): Promise<string> {
  const code = `import { loadBackend } from ${JSON.stringify(BACKEND_URL)};
try { console.log(loadBackend("auto").kind); } catch (e) { console.log("error: " + e.message); }`;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--no-config", code],
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return new TextDecoder().decode(out.stdout).trim();
}

Deno.test({
  name: "TPACKET_SHIM_PATH names the shim to load; a path that does not load is an error",
  ignore: built === "no-cc",
}, async () => {
  const dir = await Deno.makeTempDir();
  try {
    const copy = `${dir}/libtpacket.so`;
    await Deno.copyFile(SHIM_PATH, copy);
    assert.equal(await loadIn({ TPACKET_SHIM_PATH: copy }), "shim");
    const missing = await loadIn({ TPACKET_SHIM_PATH: `${dir}/missing.so` });
    assert.match(
      missing,
      /^error: Cannot load the shim .*missing\.so: .*\(TPACKET_SHIM_PATH names it\)$/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
