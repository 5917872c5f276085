/**
 * The shim's waiter thread behind the main-thread reads (loop, nextBatch, dispatch): frames
 * come through in order with it and with the nonblocking poll (`TPACKET_WAIT=poll`), one
 * thread per waiting capture, none left after close, and the process still ends by itself.
 * Each case runs in a child process (_wait_child.ts): threads are counted per process, and
 * the suite runs many test files in one.
 */

import assert from "node:assert/strict";
import { announceSkip, ensureShim, SKIP, Veth } from "./_net.ts";

announceSkip("tests/capture/wait_thread_test.ts");

const CHILD = new URL("./_wait_child.ts", import.meta.url).pathname;

/** Runs the child for `which` with `env`; at most 60 s; its JSON line. */
async function child(
  which: string,
  veth: Veth,
  env: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const cmd = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CHILD, which, veth.a, veth.b],
    env,
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(60_000),
  });
  const out = await cmd.output();
  const text = new TextDecoder();
  const stderr = text.decode(out.stderr).trim();
  assert.ok(out.success, `child "${which}" failed (code ${out.code}): ${stderr}`);
  const line = text.decode(out.stdout).trim().split("\n").at(-1) ?? "";
  return JSON.parse(line);
}

const ignore = SKIP !== undefined;
const tags = (from: number) => Array.from({ length: 100 }, (_, i) => from + i);

Deno.test({
  name: "loop(), nextBatch() and dispatch() get every frame in order, on the waiter thread " +
    "and with the nonblocking poll",
  ignore,
  async fn() {
    await ensureShim();
    const veth = Veth.create("wf");
    try {
      for (const wait of ["thread", "poll"]) {
        const r = await child("frames", veth, { TPACKET_WAIT: wait });
        assert.deepEqual(r.got, { loop: tags(0), nextBatch: tags(100), dispatch: tags(200) });
        // One waiter thread while loop() waited (none with the poll), none after close.
        assert.equal(r.threadsWhileWaiting, wait === "thread" ? 1 : 0, `${wait}: ${r}`);
        assert.equal(r.threadsAfterClose, 0, wait);
      }
    } finally {
      veth.remove();
    }
  },
});

Deno.test({
  name:
    "60 open/wait/close cycles leave no waiter thread behind; exiting right after a close is clean",
  ignore,
  async fn() {
    await ensureShim();
    const veth = Veth.create("wc");
    try {
      const r = await child("cycles", veth);
      assert.equal(r.before, 0);
      assert.ok((r.most as number) >= 1, `a waiter thread ran: ${JSON.stringify(r)}`);
      assert.ok((r.most as number) <= 3, `threads do not pile up: ${JSON.stringify(r)}`);
      assert.equal(r.after, 0, `no thread left: ${JSON.stringify(r)}`);
    } finally {
      veth.remove();
    }
  },
});

Deno.test({
  name: "a pending wait keeps the process alive; an idle capture left open does not",
  ignore,
  async fn() {
    await ensureShim();
    const veth = Veth.create("wi");
    try {
      const r = await child("idle", veth);
      assert.equal(r.n, 0);
      assert.ok((r.waitedMs as number) >= 250, `the wait lasted its timeout: ${r.waitedMs} ms`);
      assert.equal(r.threads, 1, "its waiter thread is still there, idle");
      // child() returning at all means the process ended with the capture open.
    } finally {
      veth.remove();
    }
  },
});
