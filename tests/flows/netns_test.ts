/**
 * Process attribution across network namespaces, live: `top -i` on the host end of a veth pair
 * whose other end is in a namespace the test makes, with a process of its own there. The
 * socket table top reads is its own namespace's, so a flow of the other namespace's process
 * must be unknown, even when a process here holds a socket on the same port and the address
 * was, until a moment ago, one of this namespace's. An address added here during the capture
 * is local from then on: the process here that receives on it is named.
 *
 * @module
 */

import assert from "node:assert/strict";
import { endChild as end, startChild as start } from "./_child.ts";
import { HAS_IP, ip, uniqueTag } from "./_netns.ts";
import { ROOT, startTop } from "./_top.ts";

/** Datagrams from `from` (address:port, port 0 = any) to each target, `count` of them, 50 ms apart. */
const SENDER = (binds: [string, number, string, number][], count: number) => `
  import dgram from "node:dgram";
  const socks = [];
  for (const [addr, port, to, toPort] of ${JSON.stringify(binds)}) {
    const s = dgram.createSocket("udp4");
    await new Promise((ok) => s.bind(port, addr, ok));
    socks.push([s, to, toPort]);
  }
  console.log(socks.map(([s]) => s.address().port).join(" "));
  for (let i = 0; i < ${count}; i++) {
    for (const [s, to, toPort] of socks) s.send(new Uint8Array(32), toPort, to);
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const [s] of socks) s.close();`;

Deno.test({
  name:
    "top names no process for another namespace's flow (an address moved there, a port held here) and learns an address added during the capture",
  ignore: !ROOT || !HAS_IP,
  async fn() {
    const tag = uniqueTag();
    const ns = `tpf${tag}`;
    const host = `tpfh${tag}`;
    const peer = `tpfn${tag}`;
    const net = `10.201.${Deno.pid % 250}`;
    ip("netns", "add", ns);
    const children: Deno.ChildProcess[] = [];
    try {
      ip("link", "add", host, "type", "veth", "peer", "name", peer, "netns", ns);
      Deno.writeTextFileSync(`/proc/sys/net/ipv6/conf/${host}/disable_ipv6`, "1");
      ip("addr", "add", `${net}.1/24`, "dev", host);
      ip("addr", "add", `${net}.3/32`, "dev", host); // here now, moved to the namespace later
      ip("link", "set", host, "up");
      ip("-n", ns, "link", "set", "lo", "up");
      ip("-n", ns, "addr", "add", `${net}.2/24`, "dev", peer);
      ip("-n", ns, "link", "set", peer, "up");
      // A process here with two UDP sockets bound to any address: one on the port the other
      // namespace's process will send from, one it will send to.
      const holder = await start(`
        import dgram from "node:dgram";
        const a = dgram.createSocket("udp4"), b = dgram.createSocket("udp4");
        a.on("message", () => {}); b.on("message", () => {});
        await new Promise((ok) => a.bind(0, "0.0.0.0", ok));
        await new Promise((ok) => b.bind(0, "0.0.0.0", ok));
        console.log(a.address().port + " " + b.address().port);
        setInterval(() => {}, 60_000);`);
      children.push(holder.child);
      const [held, receiving] = holder.line.split(" ").map(Number) as [number, number];
      const top = startTop(["-i", host, "--json", "--interval", "0.5", "udp"]);
      try {
        await top.waitErr(/listening on/);
        // A first flow, so the resolver has read this namespace's addresses before they change.
        const first = await start(SENDER([[`${net}.2`, 0, `${net}.1`, 9]], 20), ns);
        children.push(first.child);
        await first.child.status;
        ip("addr", "del", `${net}.3/32`, "dev", host);
        ip("-n", ns, "addr", "add", `${net}.3/32`, "dev", peer);
        ip("addr", "add", `${net}.4/32`, "dev", host);
        const sender = await start(
          SENDER([[`${net}.3`, held, `${net}.1`, 9], [`${net}.2`, 0, `${net}.4`, receiving]], 40),
          ns,
        );
        children.push(sender.child);
        await sender.child.status;
        await new Promise((r) => setTimeout(r, 1200));
      } finally {
        assert.equal(await top.stop(), 0, top.stderr());
      }
      const lines = top.stdout().trim().split("\n").map((l) => JSON.parse(l));
      const last = lines[lines.length - 1]!;
      type Flow = {
        srcAddr: string;
        srcPort: number;
        dstAddr: string;
        dstPort: number;
        packets: number;
        process: string | null;
      };
      const flows = last.top as Flow[];
      const moved = flows.find((f) => f.srcAddr === `${net}.3` && f.srcPort === held);
      const added = flows.find((f) => f.dstAddr === `${net}.4` && f.dstPort === receiving);
      assert.ok(moved && added, `flows: ${JSON.stringify(flows)}`);
      assert.equal(moved.packets, 40);
      assert.equal(moved.process, null); // not the holder: its port, but not its flow
      assert.equal(added.packets, 40);
      assert.equal(added.process, `${holder.child.pid} deno`);
    } finally {
      for (const c of children) await end(c);
      ip("netns", "del", ns); // takes the veth pair with it
    }
  },
});
