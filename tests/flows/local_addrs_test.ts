/**
 * top's local addresses (`examples/_local_addrs.ts`), live in a network namespace the test
 * makes: read once, then not again while nothing changes (the kernel's address messages say
 * when), and read again after an address is added, one is removed, and an interface holding
 * one is deleted.
 *
 * @module
 */

import assert from "node:assert/strict";
import { HAS_IP, ip, uniqueTag } from "./_netns.ts";
import { ROOT } from "./_top.ts";

/** Every 50 ms (400 times at most): how many times the addresses were read, and them. */
const WATCHER = `
  import { LocalAddresses } from ${
  JSON.stringify(new URL("../../examples/_local_addrs.ts", import.meta.url).href)
};
  import { listDevices } from ${JSON.stringify(new URL("../../mod.ts", import.meta.url).href)};
  using local = new LocalAddresses(() => listDevices().flatMap((d) => d.addresses.map((a) => a.address)));
  for (let i = 0; i < 400; i++) {
    const addrs = local.read();
    console.log(JSON.stringify({ reads: local.reads, addrs }));
    await new Promise((r) => setTimeout(r, 50));
  }`;

Deno.test({
  name: "top's local addresses are read again when the kernel reports a change, and only then",
  ignore: !ROOT || !HAS_IP,
  async fn() {
    const tag = uniqueTag();
    const ns = `tpla${tag}`;
    const net = `10.203.${Deno.pid % 250}`;
    ip("netns", "add", ns);
    let child: Deno.ChildProcess | undefined;
    try {
      ip("-n", ns, "link", "set", "lo", "up");
      ip("-n", ns, "link", "add", `tpla${tag}d`, "type", "veth", "peer", "name", `tpla${tag}e`);
      ip("-n", ns, "addr", "add", `${net}.9/32`, "dev", `tpla${tag}d`);
      child = new Deno.Command("ip", {
        args: ["netns", "exec", ns, Deno.execPath(), "eval", WATCHER],
        stdout: "piped",
        stderr: "inherit",
        stdin: "null",
      }).spawn();
      const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
      let pending = "";
      /** The next line of the watcher. */
      const next = async (): Promise<{ reads: number; addrs: string[] }> => {
        while (!pending.includes("\n")) {
          const { value, done } = await lines.read();
          if (done) throw new Error(`the watcher ended: ${pending}`);
          pending += value;
        }
        const at = pending.indexOf("\n");
        const line = pending.slice(0, at);
        pending = pending.slice(at + 1);
        return JSON.parse(line);
      };
      /** Lines until `ok` holds (at most 60: 3 s). */
      const until = async (what: string, ok: (addrs: string[]) => boolean) => {
        for (let i = 0; i < 60; i++) {
          const s = await next();
          if (ok(s.addrs)) return s;
        }
        throw new Error(`no line with ${what}`);
      };
      const first = await until("the loopback address", (a) => a.includes("127.0.0.1"));
      assert.ok(first.addrs.includes(`${net}.9`), JSON.stringify(first));
      // Ten reads later, nothing changed: not read again.
      let s = first;
      for (let i = 0; i < 10; i++) s = await next();
      assert.equal(s.reads, first.reads, JSON.stringify(s));
      ip("-n", ns, "addr", "add", `${net}.1/24`, "dev", "lo");
      s = await until("the added address", (a) => a.includes(`${net}.1`));
      assert.ok(s.reads > first.reads);
      ip("-n", ns, "addr", "del", `${net}.1/24`, "dev", "lo");
      s = await until("the address removed", (a) => !a.includes(`${net}.1`));
      // The interface goes, and its address with it.
      ip("-n", ns, "link", "del", `tpla${tag}d`);
      s = await until("the deleted interface's address gone", (a) => !a.includes(`${net}.9`));
      assert.ok(s.addrs.includes("127.0.0.1"));
      const settled = s.reads;
      for (let i = 0; i < 5; i++) s = await next();
      assert.equal(s.reads, settled, JSON.stringify(s));
      lines.releaseLock();
    } finally {
      if (child) {
        try {
          child.kill("SIGKILL");
        } catch {
          // already gone
        }
        await child.status;
        await child.stdout.cancel().catch(() => {});
      }
      ip("netns", "del", ns);
    }
  },
});
