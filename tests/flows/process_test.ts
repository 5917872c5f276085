/**
 * Process attribution against processes the test starts: a TCP server, a client connected to
 * it, and a UDP socket, each in its own Deno process. The kernel's socket table
 * (`NETLINK_SOCK_DIAG`) and `/proc/<pid>/fd` must name each one's pid, and once they are gone,
 * nobody.
 *
 * @module
 */

import assert from "node:assert/strict";
import { listInetSockets } from "tpacket";
import { type ProcessInfo, ProcessResolver } from "tpacket/flows";
import { endChild as stop, startChild as start } from "./_child.ts";

// Keeps a child alive (a bare pending promise would end it: nothing left on its event loop).
const HOLD = "setInterval(() => {}, 60_000);";

Deno.test("ProcessResolver names the pid of a TCP client, its server and a UDP socket, then nobody", async () => {
  const server = await start(`
    const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    console.log(l.addr.port);
    const held = [];
    for await (const c of l) held.push(c);`);
  const client = await start(`
    const c = await Deno.connect({ hostname: "127.0.0.1", port: ${server.line} });
    console.log(c.localAddr.port); ${HOLD}`);
  const udp = await start(`
    import dgram from "node:dgram";
    const s = dgram.createSocket("udp4");
    s.bind(0, "127.0.0.1", () => console.log(s.address().port)); ${HOLD}`);
  try {
    const resolver = new ProcessResolver({ listSockets: listInetSockets, refreshMs: 0 });
    const [sp, cp, up] = [server, client, udp].map((c) => Number(c.line));
    const tcp = {
      protocol: 6,
      srcAddr: "127.0.0.1",
      srcPort: cp!,
      dstAddr: "127.0.0.1",
      dstPort: sp!,
    };
    // The accepted socket may take a moment to appear in the server's fd table.
    let answer: ProcessInfo | undefined;
    for (let i = 0; i < 50 && answer?.pid !== server.child.pid; i++) {
      answer = resolver.lookup({ ...tcp, srcAddr: tcp.dstAddr, srcPort: sp!, dstPort: cp! });
      if (answer?.pid !== server.child.pid) await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(answer, { pid: server.child.pid, command: "deno", uid: Deno.uid() });
    assert.deepEqual(resolver.lookup(tcp), {
      pid: client.child.pid,
      command: "deno",
      uid: Deno.uid(),
    });
    const toUdp = {
      protocol: 17,
      srcAddr: "127.0.0.1",
      srcPort: up!,
      dstAddr: "127.0.0.1",
      dstPort: 9,
    };
    assert.equal(resolver.lookup(toUdp)?.pid, udp.child.pid);
    assert.equal(
      resolver.lookup({
        protocol: 17,
        srcAddr: "192.0.2.1",
        srcPort: 9,
        dstAddr: "127.0.0.1",
        dstPort: up!,
      })?.pid,
      udp.child.pid,
    );
    // Not local, another protocol, a port nobody holds: unknown.
    assert.equal(
      resolver.lookup({ ...tcp, srcAddr: "192.0.2.1", dstAddr: "192.0.2.2" }),
      undefined,
    );
    assert.equal(resolver.lookup({ ...toUdp, protocol: 1 }), undefined);
    assert.equal(resolver.lookup({ ...toUdp, srcPort: 1 }), undefined);
    await stop(client.child);
    await stop(server.child);
    await stop(udp.child);
    assert.equal(resolver.lookup(tcp), undefined);
    assert.equal(resolver.lookup(toUdp), undefined);
  } finally {
    await stop(client.child);
    await stop(server.child);
    await stop(udp.child);
  }
});

Deno.test("ProcessResolver never answers for a process whose fds it cannot read", () => {
  // A socket table that names a socket, and a /proc with no process holding it.
  const resolver = new ProcessResolver({
    listSockets: () => [{
      family: 4,
      protocol: 6,
      state: 1,
      localAddr: "10.0.0.1",
      localPort: 1,
      remoteAddr: "10.0.0.2",
      remotePort: 2,
      uid: 0,
      inode: 4242,
    }],
    procDir: "/nonexistent",
  });
  assert.equal(
    resolver.lookup({
      protocol: 6,
      srcAddr: "10.0.0.1",
      srcPort: 1,
      dstAddr: "10.0.0.2",
      dstPort: 2,
    }),
    undefined,
  );
  assert.deepEqual([resolver.hits, resolver.misses], [0, 1]);
});

Deno.test("ProcessResolver with localAddrs reads no socket table for traffic passing by", () => {
  let reads = 0;
  const resolver = new ProcessResolver({
    listSockets: () => {
      reads++;
      return [];
    },
    localAddrs: ["10.0.0.1"],
    procDir: "/nonexistent",
    refreshMs: 0,
  });
  const flow = { protocol: 17, srcAddr: "10.9.0.1", srcPort: 1, dstAddr: "10.9.0.2", dstPort: 2 };
  assert.equal(resolver.lookup(flow), undefined);
  assert.equal(reads, 0);
  assert.equal(resolver.lookup({ ...flow, dstAddr: "10.0.0.1" }), undefined);
  assert.equal(resolver.lookup({ ...flow, srcAddr: "127.0.0.1" }), undefined);
  assert.equal(reads, 2);
});

Deno.test("ProcessResolver reads localAddrs again once a refresh interval: added counts, removed does not", () => {
  // One UDP socket bound to any address, port 5353; no process table (every owner unknown),
  // so the socket table's reads show what the resolver thought local.
  let reads = 0;
  const resolver = new ProcessResolver({
    listSockets: () => {
      reads++;
      return [];
    },
    localAddrs: () => local,
    procDir: "/nonexistent",
    refreshMs: 1000,
  });
  let local = ["10.0.0.1"];
  const to = (addr: string) => ({
    protocol: 17,
    srcAddr: "10.9.0.1",
    srcPort: 40000,
    dstAddr: addr,
    dstPort: 5353,
  });
  assert.equal(resolver.lookup(to("10.0.0.2"), 0), undefined);
  assert.equal(reads, 0); // not local: no table read
  local = ["10.0.0.1", "10.0.0.2"];
  assert.equal(resolver.lookup(to("10.0.0.2"), 500), undefined);
  assert.equal(reads, 0); // the addresses are read at most once a second
  assert.equal(resolver.lookup(to("10.0.0.2"), 1000), undefined);
  assert.equal(reads, 1); // local now: looked up
  local = ["10.0.0.1"];
  assert.equal(resolver.lookup(to("10.0.0.2"), 2000), undefined);
  assert.equal(reads, 1); // removed: passing traffic again
  local = [];
  assert.equal(resolver.lookup(to("10.0.0.1"), 3000), undefined);
  assert.equal(reads, 1);
});
