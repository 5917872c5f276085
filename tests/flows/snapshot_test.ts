/**
 * top's live snapshot summed from the capture Worker's packed flows (`snapshotPacked`) against
 * the one made from their objects (`snapshot` of `unpackFlows`): the same lines, field for
 * field, for random tables (hosts, pairs and ports shared by many flows, ties, flows from an
 * address to itself, flows without ports), every sort key, lists shorter and longer than the
 * flows, and the owners asked of the resolver in the same order.
 *
 * @module
 */

import assert from "node:assert/strict";
import { FlowTable, ProcessResolver } from "tpacket/flows";
import { listInetSockets } from "tpacket";
import { frame } from "../../flows/_testing.ts";
import { snapshot, snapshotPacked } from "../../examples/top.ts";
import { packFlows, unpackFlows } from "../../flows/_packed.ts";
import { prng } from "../_prng.ts";

const ADDRS = ["10.0.0.1", "10.0.0.2", "192.168.7.9", "2001:db8::1", "2001:db8::a", "127.0.0.1"];
const SORTS = ["rate2", "rate10", "rate40", "bytes", "packets"] as const;

/** A table of `flows` random flows over a few hosts, ports and protocols, 30 s of packets. */
function table(seed: number, flows: number): FlowTable {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const t = new FlowTable();
  const specs = Array.from({ length: flows }, () => {
    const v6 = rand() < 0.3;
    const pool = ADDRS.filter((a) => a.includes(":") === v6);
    const protocol = pick([6, 17, 17, 1, 47, 132]);
    const ported = protocol !== 1 && protocol !== 47;
    return {
      src: pick(pool),
      dst: pick(pool), // now and then the same: a flow from an address to itself
      protocol,
      // Few ports, some 0 on one side: the keys of the ports list are shared.
      srcPort: ported ? pick([0, 40000, 40001, 50000 + Math.floor(rand() * 50)]) : 0,
      dstPort: ported ? pick([0, 53, 80, 443]) : 0,
      payload: pick([10, 10, 100, 1000]), // equal sizes: ties
      every: pick([1, 1, 2, 5]),
    };
  });
  for (let ms = 0; ms < 30_000; ms += 250) {
    specs.forEach((s, i) => {
      if ((ms / 250 + i) % s.every !== 0) return;
      const data = frame(s);
      const at = ms + (i % 200);
      t.addBytes(data, data.length, Math.floor(at / 1000), (at % 1000) * 1e6 + i, 2, 1);
    });
  }
  return t;
}

/** A resolver that answers from the flow's ports and logs what it was asked, in order. */
function stub(log: string[]) {
  return {
    lookup: (f: { protocol: number; srcAddr: string; srcPort: number; dstPort: number }) => {
      log.push(`${f.protocol} ${f.srcAddr} ${f.srcPort} ${f.dstPort}`);
      return f.dstPort === 443 || f.srcPort === 40001
        ? { pid: f.dstPort === 443 ? 42 : 7, command: f.dstPort === 443 ? "curl" : "dig", uid: 0 }
        : undefined;
    },
  } as unknown as ProcessResolver;
}

Deno.test("snapshotPacked() makes snapshot()'s line from the packed flows, every key and length", () => {
  for (const [seed, flows] of [[1, 40], [2, 300], [3, 700]] as const) {
    const t = table(seed, flows);
    for (const sort of SORTS) {
      for (const at of [30_000, 31_500, 45_000]) {
        const packed = structuredClone(packFlows(t.top(500, sort, at)));
        const stats = t.stats(at);
        for (const rows of [1, 3, 10, 600]) {
          const where = `seed ${seed}, ${sort} at ${at}, ${rows} rows`;
          const logA: string[] = [];
          const logB: string[] = [];
          const a = snapshotPacked(stats, packed, "eth0", at, rows, sort, 5, stub(logA));
          const b = snapshot(stats, unpackFlows(packed), "eth0", at, rows, sort, 5, stub(logB));
          assert.deepEqual(a, b, where);
          assert.equal(JSON.stringify(a), JSON.stringify(b), where);
          assert.deepEqual(logA, logB, `${where}: the lookups`);
          assert.ok(b.hosts.length > 0 && b.ports.length > 0 && b.processes.length > 0, where);
          const none = snapshotPacked(stats, packed, "eth0", at, rows, sort, 5, undefined);
          assert.deepEqual(
            none,
            snapshot(stats, unpackFlows(packed), "eth0", at, rows, sort, 5, undefined),
          );
        }
      }
    }
  }
  const empty = new FlowTable();
  const p = packFlows([]);
  assert.deepEqual(
    snapshotPacked(empty.stats(0), p, "lo", 0, 10, "rate2", 0, stub([])),
    snapshot(empty.stats(0), [], "lo", 0, 10, "rate2", 0, stub([])),
  );
});

Deno.test("snapshotPacked() names the owner of a local socket as snapshot() does", async () => {
  // A real connection of this process: the resolver finds it through sock_diag and /proc.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const client = await Deno.connect({ hostname: "127.0.0.1", port: listener.addr.port });
  const server = await listener.accept();
  try {
    const [sp, cp] = [listener.addr.port, (client.localAddr as Deno.NetAddr).port];
    const t = new FlowTable();
    for (let i = 0; i < 20; i++) {
      const flows = [
        { src: "127.0.0.1", dst: "127.0.0.1", protocol: 6, srcPort: cp, dstPort: sp },
        { src: "10.0.0.1", dst: "10.0.0.2", protocol: 17, srcPort: 1000 + i, dstPort: 53 },
      ];
      for (const f of flows) {
        const data = frame({ ...f, payload: 40 });
        t.addBytes(data, data.length, i, 0, 1, 1);
      }
    }
    const packed = packFlows(t.top(500, "bytes", 21_000));
    const stats = t.stats(21_000);
    const resolver = () =>
      new ProcessResolver({ listSockets: listInetSockets, localAddrs: ["10.9.9.9"] });
    const a = snapshotPacked(stats, packed, "lo", 21_000, 10, "bytes", 0, resolver());
    const b = snapshot(stats, unpackFlows(packed), "lo", 21_000, 10, "bytes", 0, resolver());
    assert.deepEqual(a, b);
    const mine = `${Deno.pid} `;
    assert.equal(a.processes.length, 1, JSON.stringify(a.processes));
    assert.ok(a.processes[0]!.key.startsWith(mine), a.processes[0]!.key);
    assert.equal(a.top.filter((f) => f.process?.startsWith(mine)).length, 1);
  } finally {
    server.close();
    client.close();
    listener.close();
  }
});
