// deno bench flows/table_bench.ts: the cost of counting packets in the flow table (the issue's
// bound: <= 100 ns per packet). Each iteration counts 1000 packets, so the time per iteration
// in µs reads as ns per packet. Packet times advance 1 µs per packet (1 Mpps).

import { FlowTable } from "./table.ts";
import { frame } from "./_testing.ts";
import { type FlowBatchCounter, type FlowTableMemory, useNativeCounter } from "./_native.ts";
import { loadBackend } from "../ffi/backend.ts";

const BATCH = 1000;

function frames(n: number, v6 = false): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const fwd = i % 2 === 0;
    const a = v6 ? "2001:db8::1" : "10.0.0.1";
    const b = v6
      ? `2001:db8::${(i >> 8).toString(16)}:${(i & 255).toString(16)}`
      : `10.1.${(i >> 8) & 255}.${i & 255}`;
    out.push(frame({
      src: fwd ? a : b,
      dst: fwd ? b : a,
      srcPort: fwd ? 40000 + (i & 1023) : 443,
      dstPort: fwd ? 443 : 40000 + (i & 1023),
      payload: 64,
    }));
  }
  return out;
}

function existing(name: string, set: Uint8Array[], baseline = false): void {
  const table = new FlowTable();
  for (const f of set) table.addBytes(f, f.length, 0, 0, 1, 1);
  let i = 0;
  let ns = 0;
  let sec = 1_700_000_000;
  Deno.bench(name, { baseline }, () => {
    for (let n = 0; n < BATCH; n++) {
      const f = set[i]!;
      table.addBytes(f, f.length, sec, ns, 1, 1);
      i = i + 1 === set.length ? 0 : i + 1;
      ns += 1000;
      if (ns === 1e9) [sec, ns] = [sec + 1, 0];
    }
  });
}

existing("1000 packets of existing flows, 1000 IPv4 flows (µs = ns/packet)", frames(1000), true);
existing("1000 packets of existing flows, 1 IPv4 flow", frames(1));
existing("1000 packets of existing flows, 50 000 IPv4 flows (cache misses)", frames(50_000));
existing("1000 packets of existing flows, 1000 IPv6 flows", frames(1000, true));
// Request and reply: every packet turns its flow's direction (the per-direction last times).
existing(
  "1000 packets of existing flows, 500 IPv4 flows, each packet the other direction",
  frames(1000).map((_, i, all) => all[i & ~1]!).map((f, i) => i % 2 === 0 ? f : reply(f)),
);

/** The same frame from the other side: addresses and ports swapped. */
function reply(f: Uint8Array): Uint8Array {
  const r = f.slice();
  r.set(f.subarray(30, 34), 26);
  r.set(f.subarray(26, 30), 30);
  r.set(f.subarray(36, 38), 34);
  r.set(f.subarray(34, 36), 36);
  return r;
}

{
  const set = frames(1000);
  const table = new FlowTable();
  const pkt = { data: set[0]!, wireLen: 0, sec: 1_700_000_000, nsec: 0, ifIndex: 1 };
  for (const f of set) table.add({ ...pkt, data: f, wireLen: f.length });
  let i = 0;
  Deno.bench("1000 packets through add() with a record object, 1000 flows", () => {
    for (let n = 0; n < BATCH; n++) {
      const f = set[i]!;
      pkt.data = f;
      pkt.wireLen = f.length;
      table.add(pkt);
      i = i + 1 === set.length ? 0 : i + 1;
    }
  });
}

{
  // Every packet a new flow in a full table of 4096: an eviction and an insertion each.
  const set = frames(60_000);
  const table = new FlowTable({ maxFlows: 4096 });
  let i = 0;
  Deno.bench("1000 packets of new flows, each evicting the oldest (full table)", () => {
    for (let n = 0; n < BATCH; n++) {
      const f = set[i]!;
      table.addBytes(f, f.length, 1_700_000_000, 0, 1 + (i & 7), 1);
      i = i + 1 === set.length ? 0 : i + 1;
    }
  });
}

{
  // A flood's first packets, or a scan: every packet a new flow, the table not yet full (the
  // flush that empties it again is not timed).
  const set = frames(64_000);
  const table = new FlowTable();
  let i = 0;
  Deno.bench("1000 packets of new flows, the table not full", (b) => {
    if (i === set.length) [i] = [0, table.flush()];
    b.start();
    for (let n = 0; n < BATCH; n++, i++) {
      const f = set[i]!;
      table.addBytes(f, f.length, 1_700_000_000, 0, 1, 1);
    }
    b.end();
  });
}

/**
 * The live benchmark's traffic read as the capture engine hands it over: ring blocks of
 * 64-byte UDP frames (source port 1024 + i mod 64 512, so 64 512 flows), 250 000 a second,
 * counted by addBatch() straight from the block's bytes; with `counter`, through the C
 * shim's counter (what top's capture Worker attaches).
 */
function ringBlocks(name: string, counter?: (m: FlowTableMemory) => FlowBatchCounter): void {
  const FLOWS = 64_512;
  const size = 64;
  const bytes = new Uint8Array(FLOWS * (size + 16));
  const offsets = new Uint32Array(FLOWS);
  for (let i = 0; i < FLOWS; i++) {
    const f = frame({
      src: "10.200.0.1",
      dst: "10.200.0.2",
      protocol: 17,
      srcPort: 1024 + i,
      dstPort: 9,
      payload: size - 42,
    });
    offsets[i] = i * (size + 16) + 16;
    bytes.set(f, offsets[i]!);
  }
  const lens = new Uint32Array(BATCH).fill(size);
  const secs = new Uint32Array(BATCH);
  const nsecs = new Uint32Array(BATCH);
  const batch = {
    bytes,
    count: BATCH,
    offsets: offsets.subarray(0, BATCH),
    capLens: lens,
    wireLens: lens,
    secs,
    nsecs,
  };
  const table = new FlowTable();
  if (counter !== undefined) useNativeCounter(table, counter);
  let sec = 1_700_000_000;
  let ns = 0;
  let at = 0;
  const step = () => {
    for (let n = 0; n < BATCH; n++) {
      secs[n] = sec;
      nsecs[n] = ns;
      ns += 4000;
      if (ns >= 1e9) [sec, ns] = [sec + 1, ns - 1e9];
    }
    batch.offsets = offsets.subarray(at, at + BATCH);
    at = at + 2 * BATCH > FLOWS ? 0 : at + BATCH;
    table.addBatch(batch, 2, 1);
  };
  for (let i = 0; i < 2 * FLOWS / BATCH; i++) step(); // every flow in the table
  Deno.bench(name, step);
}

ringBlocks("1000 packets of a ring block by addBatch(), 64 512 flows at 250k/s (live bench)");
{
  // The same through the shim's pk_flow_count, when it is built and FFI is allowed.
  let counter: ((m: FlowTableMemory) => FlowBatchCounter) | undefined;
  try {
    if (Deno.permissions.querySync({ name: "ffi" }).state === "granted") {
      counter = loadBackend("shim").flowCounter;
    }
  } catch { /* not built: the TypeScript path only */ }
  if (counter !== undefined) {
    ringBlocks("the same ring blocks through the shim's pk_flow_count", counter);
  }
}
