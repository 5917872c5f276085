/**
 * Child processes for the flows tests: a `deno eval` the test starts (in a network namespace
 * when one is named), read up to its first line, and killed by PID at the end.
 *
 * @module
 */

import assert from "node:assert/strict";

/** `deno eval code` (in namespace `ns` when given), and the first line it prints. */
export async function startChild(
  code: string,
  ns?: string,
): Promise<{ child: Deno.ChildProcess; line: string }> {
  const argv = ["eval", code];
  const child = new Deno.Command(ns ? "ip" : Deno.execPath(), {
    args: ns ? ["netns", "exec", ns, Deno.execPath(), ...argv] : argv,
    stdout: "piped",
    stderr: "inherit",
    stdin: "null",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  const deadline = Date.now() + 20_000;
  while (!text.includes("\n") && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  reader.releaseLock();
  assert.ok(text.includes("\n"), `child printed nothing: ${text}`);
  return { child, line: text.split("\n")[0]! };
}

/** Kills a child started by startChild() and waits for it. */
export async function endChild(child: Deno.ChildProcess): Promise<void> {
  try {
    child.kill("SIGKILL");
  } catch {
    // already gone
  }
  await child.status;
  await child.stdout.cancel().catch(() => {});
}
