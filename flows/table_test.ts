import assert from "node:assert/strict";
import { type FlowRecord, FlowTable } from "./table.ts";
import { topFlows, topHosts, topPairs, topPorts } from "./top.ts";
import { protocolName } from "./table.ts";
import { frame, type FrameSpec } from "./_testing.ts";
import { prng } from "../tests/_prng.ts";

const A = "10.0.0.1";
const B = "10.0.0.2";

function feed(table: FlowTable, spec: FrameSpec, ms: number, ifIndex = 0): void {
  const data = frame(spec);
  table.add({
    data,
    wireLen: data.length,
    sec: Math.floor(ms / 1000),
    nsec: (ms % 1000) * 1e6,
    ifIndex,
  });
}

Deno.test("FlowTable.add() counts a TCP exchange both ways as one flow, by its initiator", () => {
  const t = new FlowTable();
  feed(t, { src: B, dst: A, srcPort: 40000, dstPort: 443, flags: 0x02 }, 1000);
  feed(t, { src: A, dst: B, srcPort: 443, dstPort: 40000, flags: 0x12 }, 1001);
  feed(t, { src: B, dst: A, srcPort: 40000, dstPort: 443, flags: 0x10, payload: 100 }, 1002);
  feed(t, { src: A, dst: B, srcPort: 443, dstPort: 40000, flags: 0x18, payload: 1000 }, 1003);
  const flows = t.flows();
  assert.equal(flows.length, 1);
  const f = flows[0]!;
  assert.deepEqual(
    [f.family, f.protocol, f.srcAddr, f.srcPort, f.dstAddr, f.dstPort],
    [4, 6, B, 40000, A, 443],
  );
  assert.deepEqual([f.packets, f.bytes, f.revPackets, f.revBytes], [2, 40 + 140, 2, 40 + 1040]);
  assert.deepEqual([f.tcpFlags, f.revTcpFlags, f.state], [0x12, 0x1a, "established"]);
  assert.deepEqual([f.firstMs, f.lastMs], [1000, 1003]);
  assert.deepEqual([t.stats().packets, t.stats().ipBytes, t.stats().flows], [4, 1260, 1]);
});

Deno.test("FlowTable keeps IPv6 flows, writing addresses as tcpdump does", () => {
  const t = new FlowTable();
  feed(
    t,
    { src: "2001:db8::1", dst: "fe80::1:0:0:2", protocol: 17, srcPort: 5353, dstPort: 53 },
    0,
  );
  feed(
    t,
    { src: "fe80::1:0:0:2", dst: "2001:db8::1", protocol: 17, srcPort: 53, dstPort: 5353 },
    5,
  );
  feed(t, {
    src: "::ffff:102:304",
    dst: "2001:db8:0:0:1:0:0:1",
    protocol: 17,
    srcPort: 1,
    dstPort: 2,
  }, 6);
  const [second, first] = t.flows();
  assert.deepEqual(
    [
      first?.family,
      first?.srcAddr,
      first?.dstAddr,
      first?.packets,
      first?.revPackets,
      first?.bytes,
    ],
    [6, "2001:db8::1", "fe80::1:0:0:2", 1, 1, 48],
  );
  assert.deepEqual([second?.srcAddr, second?.dstAddr], ["::ffff:1.2.3.4", "2001:db8::1:0:0:1"]);
});

Deno.test("FlowTable keys flows by VLAN and interface too", () => {
  const t = new FlowTable();
  const spec = { src: A, dst: B, protocol: 17, srcPort: 1, dstPort: 2 };
  feed(t, spec, 0);
  feed(t, { ...spec, vlan: 10 }, 0);
  feed(t, { ...spec, vlan: 0x2000 | 10 }, 0); // PCP bits do not matter
  feed(t, spec, 0, 7);
  const flows = t.flows();
  assert.deepEqual(
    flows.map((f) => [f.vlan, f.ifIndex, f.packets]).sort(),
    [[0, 0, 1], [0, 7, 1], [10, 0, 2]],
  );
});

Deno.test("FlowTable pairs an ICMP echo with its reply and keeps type and code per direction", () => {
  const t = new FlowTable();
  feed(t, { src: A, dst: B, protocol: 1, icmp: [8, 0] }, 0);
  feed(t, { src: B, dst: A, protocol: 1, icmp: [0, 0] }, 1);
  feed(t, { src: "::1", dst: "::2", protocol: 58, icmp: [1, 4] }, 2);
  const [v6, v4] = t.flows();
  assert.deepEqual([v4?.icmp, v4?.revIcmp, v4?.packets, v4?.revPackets], [0x0800, 0, 1, 1]);
  assert.deepEqual([v6?.icmp, v6?.revIcmp, v6?.protocol], [0x0104, -1, 58]);
  assert.deepEqual(Object.keys(t.stats().protocols).sort(), ["icmp", "icmpv6"]);
});

Deno.test("FlowTable treats one host talking to itself on two ports as one flow", () => {
  const t = new FlowTable();
  const lo = "127.0.0.1";
  feed(t, { src: lo, dst: lo, srcPort: 50000, dstPort: 8080, flags: 2 }, 0);
  feed(t, { src: lo, dst: lo, srcPort: 8080, dstPort: 50000, flags: 0x12 }, 1);
  const [f] = t.flows();
  assert.deepEqual([t.size, f?.srcPort, f?.dstPort, f?.packets, f?.revPackets], [
    1,
    50000,
    8080,
    1,
    1,
  ]);
});

Deno.test("FlowTable.expire() ends idle flows with their counts, TCP ones closed as 'end'", () => {
  const ended: FlowRecord[] = [];
  const t = new FlowTable({ idleTimeoutMs: 1000, onExpire: (f) => ended.push(f) });
  feed(t, { src: A, dst: B, protocol: 17, srcPort: 1, dstPort: 2 }, 0);
  feed(t, { src: A, dst: B, srcPort: 3, dstPort: 4, flags: 0x11 }, 100);
  feed(t, { src: B, dst: A, srcPort: 4, dstPort: 3, flags: 0x11 }, 200);
  feed(t, { src: A, dst: B, srcPort: 5, dstPort: 6, flags: 0x10 }, 900);
  assert.equal(t.expire(1150), 1);
  assert.deepEqual(ended.map((f) => [f.protocol, f.endReason]), [[17, "idle"]]);
  assert.equal(t.expire(1200), 1);
  assert.deepEqual(ended[1]?.endReason, "end");
  assert.deepEqual([ended[1]?.state, ended[1]?.packets, ended[1]?.revPackets], ["closed", 1, 1]);
  assert.equal(t.flush(), 1);
  assert.deepEqual([ended[2]?.endReason, t.size, t.stats().expired], ["forced", 0, 3]);
});

Deno.test("FlowTable.expire() reports a long flow per active period; the periods add up", () => {
  const ended: FlowRecord[] = [];
  const t = new FlowTable({ activeTimeoutMs: 10_000, onExpire: (f) => ended.push(f) });
  const spec = { src: A, dst: B, protocol: 17, srcPort: 1, dstPort: 2, payload: 72 };
  for (let ms = 0; ms < 25_000; ms += 500) {
    feed(t, spec, ms);
    t.expire(ms);
  }
  t.flush();
  assert.deepEqual(ended.map((f) => f.endReason), ["active", "active", "forced"]);
  assert.deepEqual(ended.map((f) => f.packets), [21, 20, 9]);
  assert.equal(ended.reduce((n, f) => n + f.bytes, 0), 50 * 100);
  assert.deepEqual(t.flows(), []);
});

Deno.test("FlowTable bounded at maxFlows evicts by its clock hand, in slot order, and counts it", () => {
  const ended: FlowRecord[] = [];
  const t = new FlowTable({ maxFlows: 4, onExpire: (f) => ended.push(f) });
  for (let i = 0; i < 10; i++) {
    feed(t, { src: A, dst: B, protocol: 17, srcPort: 1000 + i, dstPort: 53 }, i);
  }
  feed(t, { src: A, dst: B, protocol: 17, srcPort: 1009, dstPort: 53 }, 10);
  const s = t.stats();
  assert.deepEqual([t.size, s.flows, s.evicted, s.activeFlows], [4, 10, 6, 4]);
  assert.deepEqual(
    ended.map((f) => [f.srcPort, f.endReason]),
    [1000, 1001, 1002, 1003, 1004, 1005].map((p) => [p, "evicted"]),
  );
  assert.deepEqual(t.flows().map((f) => [f.srcPort, f.packets]), [[1009, 2], [1008, 1], [1007, 1], [
    1006,
    1,
  ]]);
});

Deno.test("FlowTable's clock spares a flow that sent since the hand passed, evicts one that did not", () => {
  const ended: FlowRecord[] = [];
  const t = new FlowTable({ maxFlows: 4, onExpire: (f) => ended.push(f) });
  const udp = (port: number, ms: number) =>
    feed(t, { src: A, dst: B, protocol: 17, srcPort: port, dstPort: 53 }, ms);
  for (let i = 0; i < 4; i++) udp(1000 + i, i); // slots 0 to 3, one packet each: unmarked
  udp(1000, 4); // a second packet marks a flow
  udp(1002, 5);
  udp(2000, 6); // the hand spares 1000 (clearing its mark), evicts 1001; 2000 takes slot 1
  udp(2001, 7); // spares 1002, evicts 1003
  udp(2002, 8); // 1000 has sent nothing since the hand passed: evicted
  // An approximation of least recently seen: 2000 (one packet, at 6 ms) goes before 1002
  // (two packets, the last at 5 ms), the hand being at 2000's slot.
  udp(2003, 9);
  assert.deepEqual(
    ended.map((f) => [f.srcPort, f.packets, f.endReason]),
    [[1001, 1, "evicted"], [1003, 1, "evicted"], [1000, 2, "evicted"], [2000, 1, "evicted"]],
  );
  assert.deepEqual(t.flows().map((f) => f.srcPort), [2003, 2002, 2001, 1002]);
});

Deno.test("FlowTable's clock keeps flows that keep sending through a scan of new flows", () => {
  // Three busy flows send between any two new flows of a scan (all within one second): the
  // scan's flows, one packet each, make room for each other; the busy ones are never evicted.
  const ended: FlowRecord[] = [];
  const t = new FlowTable({ maxFlows: 8, onExpire: (f) => ended.push(f) });
  const busy = [1, 2, 3];
  for (let i = 0; i < 1000; i++) {
    for (const port of busy) {
      feed(t, { src: A, dst: B, protocol: 17, srcPort: port, dstPort: 53 }, 0);
    }
    feed(t, { src: A, dst: B, protocol: 17, srcPort: 10_000 + i, dstPort: 53 }, 0);
  }
  assert.equal(ended.length, 1000 - 5);
  assert.ok(ended.every((f) => f.srcPort >= 10_000 && f.endReason === "evicted"));
  const s = t.stats();
  assert.deepEqual([s.evicted, s.expired, s.flows, s.activeFlows], [995, 0, 1003, 8]);
  assert.deepEqual(
    t.flows().filter((f) => f.srcPort < 10_000).map((f) => [f.srcPort, f.packets]).sort(),
    [[1, 1000], [2, 1000], [3, 1000]],
  );
});

Deno.test("FlowTable agrees with a Map model through random adds, expiries and evictions", () => {
  const rand = prng(14);
  const ended: FlowRecord[] = [];
  const t = new FlowTable({ maxFlows: 8, idleTimeoutMs: 50, onExpire: (f) => ended.push(f) });
  let sent = 0;
  let ms = 0;
  for (let i = 0; i < 20_000; i++) {
    ms += rand() < 0.9 ? 0 : 1;
    const port = Math.floor(rand() * 12);
    const fwd = rand() < 0.5;
    feed(t, {
      src: fwd ? A : B,
      dst: fwd ? B : A,
      protocol: 17,
      srcPort: fwd ? port : 99,
      dstPort: fwd ? 99 : port,
    }, ms);
    sent++;
    if (rand() < 0.01) t.expire(ms);
    assert.ok(t.size <= 8);
  }
  const live = t.flows();
  // Every key once, and every packet in exactly one place: a live flow or a reported one.
  assert.equal(
    new Set(live.map((f) => `${f.srcAddr}:${f.srcPort}>${f.dstAddr}:${f.dstPort}`)).size,
    live.length,
  );
  const counted = [...live, ...ended].reduce((n, f) => n + f.packets + f.revPackets, 0);
  assert.equal(counted, sent);
  assert.equal(t.flush(), live.length);
  assert.equal(t.stats().flows, ended.length);
});

Deno.test("FlowTable counts every truncation and random corruption, never throwing", () => {
  const t = new FlowTable();
  const good = frame({ src: A, dst: B, srcPort: 1, dstPort: 2, payload: 10 });
  for (let len = 0; len < 14 + 20 + 14; len++) {
    t.add({ data: good.subarray(0, len), wireLen: good.length, sec: 0, nsec: 0 });
  }
  const s = t.stats();
  assert.deepEqual([s.undecodable, t.size, s.packets], [14 + 20 + 14, 0, 48]);
  const rand = prng(7);
  for (let i = 0; i < 5000; i++) {
    const bytes = good.slice();
    for (let j = 0; j < 4; j++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
    const len = Math.floor(rand() * (bytes.length + 1));
    t.add({
      data: bytes.subarray(0, len),
      wireLen: len,
      sec: 0,
      nsec: 0,
      linkType: [1, 101, 113, 276, 0][i % 5]!,
    });
  }
  const after = t.stats();
  const inMix = Object.values(after.protocols).reduce((n, p) => n + p.packets, 0);
  assert.equal(inMix, after.packets);
});

Deno.test("FlowTable counts an IP length field claiming more than the wire carried as undecodable", () => {
  const t = new FlowTable();
  const v4 = frame({ src: A, dst: B, protocol: 17, srcPort: 1, dstPort: 2, payload: 100 });
  const v6 = frame({ src: "2001:db8::1", dst: "2001:db8::2", protocol: 17, payload: 100 });
  const add = (data: Uint8Array, wireLen: number) => t.add({ data, wireLen, sec: 0, nsec: 0 });
  add(v4, v4.length); // 128 IP bytes in a 142-byte frame
  add(v4, v4.length + 4); // the frame check sequence too: still 128
  add(v4.subarray(0, 60), v4.length); // cut by the snaplen: the wire had them all
  add(v4.subarray(0, 60), 60); // the wire had 60 bytes, the header says 142
  add(v6, v6.length);
  add(v6.subarray(0, 80), 80);
  // A file record whose original length is shorter than its captured bytes: the bytes count.
  add(v4, 60);
  const s = t.stats();
  assert.deepEqual([s.undecodable, s.ipBytes, t.size], [2, 128 * 4 + 148, 2]);
});

Deno.test("FlowTable reads the IP length fields, not the capture, and counts non-IP frames apart", () => {
  const t = new FlowTable();
  const data = frame({ src: A, dst: B, srcPort: 1, dstPort: 2, payload: 1000 });
  t.add({ data: data.subarray(0, 96), wireLen: data.length, sec: 0, nsec: 0 }); // snaplen 96
  const arp = Uint8Array.fromHex(
    "ffffffffffff0200000000010806000108000604000102000000000100000000000000000000000000",
  );
  t.add({ data: arp, wireLen: 60, sec: 0, nsec: 0 });
  t.add({ data: new Uint8Array(60).fill(0x88, 12, 14), wireLen: 60, sec: 0, nsec: 0 });
  const s = t.stats();
  assert.deepEqual([t.flows()[0]?.bytes, s.ipBytes, s.nonIp, s.undecodable], [1040, 1040, 2, 0]);
  assert.deepEqual(s.protocols, {
    tcp: { packets: 1, bytes: 1040 },
    arp: { packets: 1, bytes: 60 },
    other: { packets: 1, bytes: 60 },
  });
});

Deno.test("FlowTable reads raw IP, cooked, loopback and IPv6 extension-header packets", () => {
  const t = new FlowTable();
  const ip = frame({ src: A, dst: B, protocol: 17, srcPort: 7, dstPort: 9 }).subarray(14);
  t.add({ data: ip, wireLen: ip.length, sec: 0, nsec: 0, linkType: 101 });
  const sll = new Uint8Array(16 + ip.length);
  sll.set([0x08, 0x00], 14);
  sll.set(ip, 16);
  t.add({ data: sll, wireLen: sll.length, sec: 0, nsec: 0, linkType: 113 });
  const loop = new Uint8Array(4 + ip.length);
  loop.set([2, 0, 0, 0]);
  loop.set(ip, 4);
  t.add({ data: loop, wireLen: loop.length, sec: 0, nsec: 0, linkType: 0 });
  // IPv6 with a hop-by-hop header (8 bytes) before UDP.
  const v6 = frame({ src: "::1", dst: "::2", protocol: 17, srcPort: 7, dstPort: 9, payload: 8 })
    .subarray(14);
  const ext = new Uint8Array(v6.length);
  ext.set(v6.subarray(0, 40));
  ext[6] = 0;
  ext.set([17, 0, 1, 4, 0, 0, 0, 0], 40);
  ext.set(v6.subarray(40, 48), 48);
  t.add({ data: ext, wireLen: ext.length, sec: 0, nsec: 0, linkType: 101 });
  const flows = t.flows();
  assert.deepEqual(
    flows.map((f) => [f.family, f.protocol, f.srcPort, f.dstPort, f.packets]),
    [[6, 17, 7, 9, 1], [4, 17, 7, 9, 3]],
  );
});

Deno.test("FlowTable rates: iftop's 2, 10 and 40 s windows over completed buckets", () => {
  const t = new FlowTable({ idleTimeoutMs: 100_000 });
  // 10 packets of 100 IP bytes every second from 0 to 59 s, then silence.
  const spec = { src: A, dst: B, protocol: 17, srcPort: 1, dstPort: 2, payload: 72 };
  for (let s = 0; s < 60; s++) for (let i = 0; i < 10; i++) feed(t, spec, s * 1000 + i * 100);
  const [f] = t.flows(60_000);
  assert.deepEqual(f?.rate, [1000, 1000, 1000]);
  assert.deepEqual(f?.revRate, [0, 0, 0]);
  const [later] = t.flows(70_000); // 10 s of silence
  assert.deepEqual(later?.rate, [0, 0, 750]);
  assert.deepEqual(t.stats(60_000).rate.map(Math.round), [1140, 1140, 1140]); // wire bytes: 114 each
  assert.equal(t.stats(60_000).peakRate, 1140);
  feed(t, spec, 61_000); // one packet in the bucket after a silence: the peak stays
  assert.equal(t.stats(64_000).peakRate, 1140);
});

Deno.test("topHosts/topPairs/topPorts/topFlows sum and rank the flows", () => {
  const t = new FlowTable();
  const C = "10.0.0.3";
  feed(t, { src: A, dst: B, protocol: 17, srcPort: 1, dstPort: 53, payload: 972 }, 0);
  feed(t, { src: A, dst: C, srcPort: 2, dstPort: 443, payload: 60 }, 0);
  feed(t, { src: C, dst: A, srcPort: 443, dstPort: 2, payload: 20 }, 0);
  const flows = t.flows();
  const hosts = topHosts(flows, 10, "bytes");
  assert.deepEqual(hosts.map((h) => [h.key, h.bytes, h.sent, h.received, h.flows]), [
    [A, 1000 + 100 + 60, 1000 + 100, 60, 2],
    [B, 1000, 0, 1000, 1],
    [C, 160, 60, 100, 1],
  ]);
  assert.deepEqual(topPairs(flows, 1, "bytes").map((p) => p.key), [`${A} <-> ${B}`]);
  assert.deepEqual(topPorts(flows, 5, protocolName, "packets").map((p) => [p.key, p.packets]), [
    ["tcp/443", 2],
    ["udp/53", 1],
  ]);
  assert.deepEqual(topFlows(flows, 1, "bytes").map((f) => f.dstPort), [53]);
});

Deno.test("new FlowTable() rejects impossible options with the numbers", () => {
  assert.throws(
    () => new FlowTable({ maxFlows: 0 }),
    /maxFlows must be an integer from 1 to 16777216, not 0/,
  );
  assert.throws(
    () => new FlowTable({ idleTimeoutMs: -1 }),
    /idleTimeoutMs must be a positive number, not -1/,
  );
});

Deno.test("FlowTable.top() ranks like topFlows() over every flow, copying out only the top", () => {
  const t = new FlowTable();
  const rand = prng(3);
  for (let i = 0; i < 300; i++) {
    const payload = Math.floor(rand() * 1000);
    for (let p = 0; p < 1 + (i % 4); p++) {
      feed(
        t,
        { src: A, dst: B, protocol: 17, srcPort: 1000 + i, dstPort: 53, payload },
        1000 * (i % 30),
      );
    }
  }
  for (const by of ["bytes", "packets", "rate2", "rate10", "rate40"] as const) {
    const mine = t.top(7, by, 31_000);
    const theirs = topFlows(t.flows(31_000), 7, by);
    const score = (f: FlowRecord) =>
      by === "bytes"
        ? f.bytes
        : by === "packets"
        ? f.packets
        : f.rate[by === "rate2" ? 0 : by === "rate10" ? 1 : 2];
    assert.deepEqual(mine.map(score), theirs.map(score), by);
  }
  assert.equal(t.top(1000).length, 300);
});

Deno.test("FlowTable.addBatch() counts a block's packets in place exactly as add() does one by one", () => {
  const rand = prng(77);
  const one = new FlowTable({ maxFlows: 64 });
  const many = new FlowTable({ maxFlows: 64 });
  const bytes = new Uint8Array(1 << 20);
  const n = 1000; // several read-ahead groups, a last one cut short, evictions (64 flows)
  const offsets = new Uint32Array(n);
  const lens = new Uint32Array(n);
  const secs = new Uint32Array(n);
  const nsecs = new Uint32Array(n);
  let at = 7;
  for (let i = 0; i < n; i++) {
    const port = Math.floor(rand() * 100);
    const fwd = rand() < 0.5;
    const spec: FrameSpec = {
      src: fwd ? A : B,
      dst: fwd ? B : A,
      protocol: rand() < 0.5 ? 6 : 17,
      srcPort: fwd ? port : 80,
      dstPort: fwd ? 80 : port,
      payload: Math.floor(rand() * 200),
    };
    let data = frame(spec);
    if (i % 97 === 0) data = data.subarray(0, 20); // undecodable
    const ms = i * 37;
    offsets[i] = at;
    lens[i] = data.length;
    secs[i] = Math.floor(ms / 1000);
    nsecs[i] = (ms % 1000) * 1e6;
    bytes.set(data, at);
    at += data.length + (i % 5);
    one.add({ data, wireLen: data.length, sec: secs[i]!, nsec: nsecs[i]!, ifIndex: 4 });
  }
  many.addBatch({ bytes, count: n, offsets, capLens: lens, wireLens: lens, secs, nsecs }, 4, 1);
  assert.deepEqual(many.stats(), one.stats());
  assert.deepEqual(many.flows(), one.flows());
  assert.ok(one.stats().evicted > 0 && one.stats().undecodable > 0);
});

Deno.test("FlowTable rates keep late packets and forget buckets older than 40 s", () => {
  const t = new FlowTable({ idleTimeoutMs: 1_000_000 });
  const spec = { src: A, dst: B, protocol: 17, srcPort: 1, dstPort: 2, payload: 72 }; // 100 B
  feed(t, spec, 10_000);
  feed(t, spec, 12_500);
  feed(t, spec, 11_000); // late: into the bucket before the last one
  let [f] = t.flows(14_000);
  // 2 s: the bucket 12-14 s; 10 and 40 s: the 300 bytes since the table began (10 s), over 4 s.
  assert.deepEqual(f?.rate, [50, 75, 75]);
  feed(t, spec, 100_000); // 87 s later: the old buckets are gone
  [f] = t.flows(102_000);
  assert.deepEqual(f?.rate, [50, 10, 2.5]);
  assert.equal(f?.packets, 4);
});

Deno.test("FlowTable rates of 2500 flows (several passes of marks), each in its own windows", () => {
  const t = new FlowTable({ idleTimeoutMs: 1_000_000 });
  // Flow i (port i + 1) sends 100 IP bytes once in each of the buckets i % 30 to 29 (0-60 s),
  // and answers once, in bucket 29, or 20 s late (in bucket 19, after bucket 29 began) when i
  // is odd.
  for (let k = 0; k < 30; k++) {
    for (let i = 0; i < 2500; i++) {
      if (k < i % 30) continue;
      const spec = { src: A, dst: B, protocol: 17, srcPort: i + 1, dstPort: 2, payload: 72 };
      feed(t, spec, k * 2000 + i % 1000);
      if (k === 29) {
        const late = i % 2 === 1 ? 20_000 : 0;
        feed(t, { ...spec, src: B, dst: A, srcPort: 2, dstPort: i + 1 }, 59_000 - late);
      }
    }
  }
  const byPort = new Map(t.flows(60_000).map((f) => [f.srcPort, f]));
  for (const i of [0, 1, 7, 1024, 1025, 2048, 2499]) {
    const f = byPort.get(i + 1)!;
    const buckets = 30 - i % 30; // buckets of the forward direction, up to 29
    const rev = i % 2 === 1 ? [0, 0, 2.5] : [50, 10, 2.5];
    assert.deepEqual(
      [f.rate, f.revRate],
      [[50, Math.min(buckets, 5) * 10, Math.min(buckets, 20) * 2.5], rev],
      `flow ${i}`,
    );
  }
  for (const by of ["rate2", "rate10", "rate40"] as const) {
    const w = by === "rate2" ? 0 : by === "rate10" ? 1 : 2;
    const score = (f: FlowRecord) => f.rate[w] + f.revRate[w];
    assert.deepEqual(
      t.top(40, by, 60_000).map(score),
      topFlows(t.flows(60_000), 40, by).map(score),
      by,
    );
  }
});

Deno.test("FlowTable keeps each direction's own first and last packet, late packets too", () => {
  const ended: FlowRecord[] = [];
  const t = new FlowTable({ onExpire: (f) => ended.push(f) });
  const fwd = { src: A, dst: B, protocol: 17, srcPort: 5000, dstPort: 53 };
  const rev = { src: B, dst: A, protocol: 17, srcPort: 53, dstPort: 5000 };
  feed(t, fwd, 1000);
  feed(t, rev, 1001);
  feed(t, fwd, 1002);
  feed(t, rev, 1005);
  feed(t, fwd, 1010);
  feed(t, rev, 1003); // late: before the reverse direction's last
  feed(t, rev, 1007); // late, but the reverse direction's newest
  feed(t, fwd, 1009); // late, forward
  feed(t, { ...fwd, srcPort: 5001 }, 2000); // one way only
  const times = (f: FlowRecord) => [f.fwdFirstMs, f.fwdLastMs, f.revFirstMs, f.revLastMs];
  const [one, both] = t.flows();
  assert.deepEqual([both!.firstMs, both!.lastMs, ...times(both!)], [
    1000,
    1010,
    1000,
    1010,
    1001,
    1007,
  ]);
  assert.deepEqual(times(one!), [2000, 2000, 0, 0]);
  t.flush();
  assert.deepEqual(ended.map(times), [[1000, 1010, 1001, 1007], [2000, 2000, 0, 0]]);
});

Deno.test("FlowTable per-direction times agree with a model through active periods and ends", () => {
  const rand = prng(41);
  type Seen = { fwd: number[]; rev: number[] };
  const period = new Map<number, { fromA: boolean; ms: number }[]>();
  const checked: string[] = [];
  const check = (f: FlowRecord, packets: { fromA: boolean; ms: number }[]) => {
    const seen: Seen = { fwd: [], rev: [] };
    for (const p of packets) (p.fromA === (f.srcAddr === A) ? seen.fwd : seen.rev).push(p.ms);
    const span = (ms: number[]) => ms.length === 0 ? [0, 0] : [ms[0]!, Math.max(...ms)];
    assert.deepEqual(
      [f.packets, f.revPackets, f.fwdFirstMs, f.fwdLastMs, f.revFirstMs, f.revLastMs],
      [seen.fwd.length, seen.rev.length, ...span(seen.fwd), ...span(seen.rev)],
    );
    checked.push(f.endReason ?? "");
  };
  const portOf = (f: FlowRecord) => f.srcAddr === A ? f.srcPort : f.dstPort;
  const t = new FlowTable({
    maxFlows: 7,
    idleTimeoutMs: 1000,
    activeTimeoutMs: 2500, // checked once a second
    onExpire: (f) => {
      check(f, period.get(portOf(f)) ?? []);
      period.delete(portOf(f));
    },
  });
  let ms = 0;
  for (let i = 0; i < 5000; i++) {
    ms += rand() < 0.8 ? 0 : 10;
    // Port 10 all along (active periods), and four ports at a time, two of them new every 500
    // packets: flows go idle, the table fills.
    const port = rand() < 0.2 ? 10 : (Math.floor(i / 500) * 2 + Math.floor(rand() * 4)) % 10;
    const fromA = rand() < 0.5;
    feed(t, {
      src: fromA ? A : B,
      dst: fromA ? B : A,
      protocol: 17,
      srcPort: fromA ? port : 99,
      dstPort: fromA ? 99 : port,
    }, ms);
    const list = period.get(port) ?? [];
    list.push({ fromA, ms });
    period.set(port, list);
    if (rand() < 0.02) t.expire(ms);
  }
  t.flush();
  assert.equal(period.size, 0);
  // Every flow made left once, counted as evicted or as expired (idle, end or flush); a flow
  // that leaves with nothing new since its last active report sends no record, but counts.
  const s = t.stats();
  const evicted = checked.filter((r) => r === "evicted").length;
  assert.deepEqual([s.evicted + s.expired, s.activeFlows], [s.flows, 0]);
  const active = checked.filter((r) => r === "active").length;
  assert.ok(s.evicted >= evicted && s.evicted <= evicted + active, `${s.evicted} ${evicted}`);
  for (const reason of ["active", "idle", "evicted", "forced"]) {
    assert.ok(checked.includes(reason), `no ${reason} record among ${checked.length}`);
  }
});

Deno.test("FlowTable: a flow in a slot another flow left starts with its own rates only", () => {
  // One slot: each new flow evicts (or follows the idle end of) the one before it.
  const t = new FlowTable({ maxFlows: 1, idleTimeoutMs: 5000 });
  const spec = (port: number) => ({
    src: A,
    dst: B,
    protocol: 17,
    srcPort: port,
    dstPort: 2,
    payload: 72,
  });
  // 40 s of 100-byte packets, every bucket of the slot full, both directions.
  for (let s = 0; s < 40; s++) {
    feed(t, spec(1), s * 1000);
    feed(t, { ...spec(1), src: B, dst: A, srcPort: 2, dstPort: 1 }, s * 1000 + 500);
  }
  feed(t, spec(3), 40_000); // evicts port 1's flow, takes its slot
  const [evicting] = t.flows(42_000);
  assert.deepEqual([evicting?.srcPort, evicting?.rate, evicting?.revRate], [3, [50, 10, 2.5], [
    0,
    0,
    0,
  ]]);
  t.expire(50_000); // idle: the slot is free again
  feed(t, spec(4), 50_000);
  const [next] = t.flows(52_000);
  assert.deepEqual([next?.srcPort, next?.rate, next?.revRate], [4, [50, 10, 2.5], [0, 0, 0]]);
  assert.deepEqual(t.top(1, "rate40", 52_000).map((f) => f.rate[2]), [2.5]);
});

Deno.test("FlowTable.expire() ends the idle flows of a table of many scan chunks, oldest first", () => {
  const ended: FlowRecord[] = [];
  const t = new FlowTable({ maxFlows: 3000, idleTimeoutMs: 1000, onExpire: (f) => ended.push(f) });
  // 2500 flows over three chunks of slots; flow i's packet at 2i ms, the odd ones again at
  // 9000 ms.
  for (let i = 0; i < 2500; i++) {
    feed(t, { src: A, dst: B, protocol: 17, srcPort: 1000 + i, dstPort: 53 }, 2 * i);
  }
  for (let i = 1; i < 2500; i += 2) {
    feed(t, { src: A, dst: B, protocol: 17, srcPort: 1000 + i, dstPort: 53 }, 9000);
  }
  assert.equal(t.expire(9000), 1250); // every even flow: silent since at most 4998 ms
  assert.deepEqual(
    ended.map((f) => f.srcPort),
    Array.from({ length: 1250 }, (_, i) => 1000 + 2 * i),
  );
  assert.ok(ended.every((f) => f.endReason === "idle"));
  assert.equal(t.expire(9999), 0);
  assert.equal(t.expire(10_000), 1250);
  assert.deepEqual([t.size, t.stats().expired], [0, 2500]);
});
