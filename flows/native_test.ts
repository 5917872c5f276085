/**
 * The shim's flow counter (`pk_flow_count`) against the table's own TypeScript path: the same
 * random packet streams (every kind of frame readFlowKey knows, cut and mangled ones, both
 * directions, packets late and in new rate buckets, tables that fill and evict) through a
 * table with the counter and one without must leave every array and scalar identical, and so
 * every record, total and expired flow.
 *
 * @module
 */
import assert from "node:assert/strict";
import { type FlowRecord, FlowTable } from "./table.ts";
import { topFlows } from "./top.ts";
import { tableMemory, useNativeCounter } from "./_native.ts";
import { frame } from "./_testing.ts";
import { prng } from "../tests/_prng.ts";
import { loadBackend } from "../ffi/backend.ts";
import { SHIM_URL } from "../ffi/symbols.ts";

function shimBuilt(): boolean {
  try {
    return Deno.statSync(SHIM_URL).isFile;
  } catch {
    return false;
  }
}
const SHIM = shimBuilt();

/** A random Ethernet frame: mostly flows of a small pool, now and then a strange one. */
function randomFrame(rand: () => number, pool: number): Uint8Array {
  const r = () => rand();
  const int = (n: number) => Math.floor(r() * n);
  const host = int(pool);
  const v6 = r() < 0.25;
  const a = v6 ? `2001:db8::${(host % 7).toString(16)}` : `10.0.${host % 5}.${host % 7}`;
  const b = v6 ? `2001:db8::${(host % 3).toString(16)}` : `10.0.${host % 3}.${host % 2}`;
  const protocol = [6, 17, 17, 1, 58, 132, 47][int(7)]!;
  const reply = r() < 0.4;
  // Now and then both ends on one port (with one address both ways too, when a and b meet).
  const same = int(20) === 0;
  const ports = [1024 + (host % 97), same ? 1024 + (host % 97) : [53, 80, 443][host % 3]!] as const;
  const proto = v6 && protocol === 1 ? 58 : !v6 && protocol === 58 ? 1 : protocol;
  let f = frame({
    src: reply ? b : a,
    dst: reply ? a : b,
    protocol: proto,
    srcPort: reply ? ports[1] : ports[0],
    dstPort: reply ? ports[0] : ports[1],
    flags: [0x02, 0x12, 0x10, 0x18, 0x11, 0x04][int(6)]!,
    ...(proto === 1 || proto === 58 ? { icmp: [int(3) === 0 ? 8 : 0, int(2)] } : {}),
    payload: int(3) === 0 ? int(1400) : int(40),
    ...(r() < 0.1 ? { vlan: int(4096) } : {}),
  });
  const odd = r();
  if (odd < 0.03) {
    // More VLAN tags (QinQ and the old TPIDs), up to four.
    const tags = 1 + int(3);
    const g = new Uint8Array(f.length + 4 * tags);
    g.set(f.subarray(0, 12));
    for (let t = 0; t < tags; t++) {
      const tpid = [0x8100, 0x88a8, 0x9100, 0x9200][int(4)]!;
      g.set([tpid >> 8, tpid & 255, int(256), int(256)], 12 + 4 * t);
    }
    g.set(f.subarray(12), 12 + 4 * tags);
    f = g;
  } else if (odd < 0.05) {
    // 802.3 with LLC/SNAP.
    const g = new Uint8Array(f.length + 8);
    g.set(f.subarray(0, 12));
    // Now and then not quite SNAP: another DSAP, control byte or OUI.
    const odd = int(3) === 0;
    const llc = [
      odd && int(2) ? 0x42 : 0xaa,
      0xaa,
      odd && int(2) ? int(256) : 3,
      0,
      odd ? int(2) : 0,
      0,
    ];
    g.set([0, 100, ...llc], 12);
    g.set(f.subarray(12), 20);
    f = g;
  } else if (odd < 0.07) {
    f[12] = 0x08; // ARP, RARP, another EtherType
    f[13] = [0x06, 0x35, 0x99][int(3)]!;
    if (f[13] === 0x35) f[12] = 0x80;
  } else if (odd < 0.1 && v6) {
    // An extension header in front of the transport: hop-by-hop, routing, destination
    // options, fragment (first or not), AH; its length at random now and then.
    const ext = [0, 43, 60, 44, 51][int(5)]!;
    const g = new Uint8Array(f.length + 8);
    g.set(f.subarray(0, 54));
    g.set(f.subarray(54), 62);
    g[54] = f[20]!;
    g[55] = int(4) === 0 ? int(8) : 0;
    if (ext === 44) g.set([int(2) ? 0 : 1, int(2) ? 0 : 8], 56);
    g[20] = ext;
    const pl = ((g[18]! << 8) | g[19]!) + 8;
    g[18] = pl >> 8;
    g[19] = pl & 255;
    f = g;
  } else if (odd < 0.12 && !v6) {
    f[20] = int(2) ? 0x20 : 0; // a fragment
    f[21] = int(3);
  } else if (odd < 0.14) {
    f[f[12] === 0x81 ? 18 : 14] = int(256); // the IP version and header length
  } else if (odd < 0.17) {
    // A byte or two of the headers at random.
    for (let n = 1 + int(2); n > 0; n--) f[int(Math.min(f.length, 70))] = int(256);
  } else if (odd < 0.19 && !v6) {
    f[16] = f[17] = 0; // IPv4 total length 0 (segmentation offload)
  } else if (odd < 0.22 && !v6) {
    f[16] = 0; // IPv4 total length short of the headers, or just enough for them
    f[17] = 18 + int(20);
  }
  return f;
}

interface Stream {
  bytes: Uint8Array;
  offsets: Uint32Array;
  capLens: Uint32Array;
  wireLens: Uint32Array;
  secs: Uint32Array;
  nsecs: Uint32Array;
}

/** `n` random packets laid out in one buffer at 8-byte offsets, times from `ms` on. */
function randomBatch(rand: () => number, n: number, pool: number, clock: { ms: number }): Stream {
  const frames: Uint8Array[] = [];
  const s: Stream = {
    bytes: new Uint8Array(0),
    offsets: new Uint32Array(n),
    capLens: new Uint32Array(n),
    wireLens: new Uint32Array(n),
    secs: new Uint32Array(n),
    nsecs: new Uint32Array(n),
  };
  let at = 16;
  for (let i = 0; i < n; i++) {
    const f = randomFrame(rand, pool);
    const cut = rand() < 0.05 ? Math.floor(rand() * f.length) : f.length;
    frames.push(f.subarray(0, cut));
    s.offsets[i] = at;
    s.capLens[i] = cut;
    s.wireLens[i] = f.length + (rand() < 0.05 ? Math.floor(rand() * 100) : 0);
    at += (cut + 7) & ~7;
    // Mostly forward in small steps; now and then a jump (rate buckets roll, a silence) or a
    // packet from the past (another CPU's frames, a file's reordering).
    const step = rand();
    clock.ms += step < 0.002 ? rand() * 60_000 : step < 0.01 ? rand() * 5000 : rand() * 3;
    const late = rand() < 0.01 ? rand() * 50_000 : 0;
    const t = Math.max(0, clock.ms - late);
    s.secs[i] = Math.floor(t / 1000);
    s.nsecs[i] = Math.floor((t % 1000) * 1e6);
  }
  s.bytes = new Uint8Array(at + 64);
  for (let i = 0; i < n; i++) s.bytes.set(frames[i]!, s.offsets[i]!);
  return s;
}

function assertSameTables(js: FlowTable, c: FlowTable, where: string): void {
  const a = tableMemory(js);
  const b = tableMemory(c);
  for (const k of Object.keys(a) as (keyof typeof a)[]) {
    const x = a[k];
    const y = b[k];
    assert.equal(x.length, y.length, `${where}: ${k} length`);
    for (let i = 0; i < x.length; i++) {
      if (!Object.is(x[i], y[i])) {
        assert.fail(`${where}: ${k}[${i}] is ${y[i]} with the shim's counter, ${x[i]} without`);
      }
    }
  }
  assert.deepEqual(c.stats(), js.stats(), `${where}: stats`);
  assert.deepEqual(c.flows(), js.flows(), `${where}: flows`);
  for (const by of ["bytes", "packets", "rate2", "rate10", "rate40"] as const) {
    assert.deepEqual(c.top(20, by), js.top(20, by), `${where}: top by ${by}`);
  }
}

const seeds = [1, 2, 3, 4, 5, 6];

Deno.test({
  name: "pk_flow_count leaves the flow table exactly as its TypeScript path does",
  ignore: !SHIM,
  fn() {
    const counter = loadBackend("shim").flowCounter;
    assert.ok(counter !== undefined, "the built shim has pk_flow_count");
    for (const seed of seeds) {
      const rand = prng(seed);
      // Small tables fill and evict; idle ends, active periods and flushes come now and then.
      const maxFlows = [16, 64, 300, 5000][seed % 4]!;
      const pool = [40, 400, 120, 3000][seed % 4]!;
      const endedJs: FlowRecord[] = [];
      const endedC: FlowRecord[] = [];
      const options = { maxFlows, idleTimeoutMs: 4000, activeTimeoutMs: 20_000 };
      const js = new FlowTable({ ...options, onExpire: (f) => void endedJs.push(f) });
      const c = new FlowTable({ ...options, onExpire: (f) => void endedC.push(f) });
      useNativeCounter(c, counter);
      const clock = { ms: 1_700_000_000_000 + seed * 977 };
      for (let round = 0; round < 60; round++) {
        const batch = randomBatch(rand, 1 + Math.floor(rand() * 600), pool, clock);
        const ifIndex = 1 + (round % 3);
        const count = Math.max(1, batch.offsets.length - Math.floor(rand() * 3));
        const b = { ...batch, count };
        js.addBatch(b, ifIndex, 1);
        c.addBatch(b, ifIndex, 1);
        if (round % 7 === 6) {
          const at = clock.ms + rand() * 8000;
          assert.equal(c.expire(at), js.expire(at), `seed ${seed} round ${round}: expire`);
        }
        if (round === 45) assert.equal(c.flush(), js.flush());
        assertSameTables(js, c, `seed ${seed} round ${round}`);
        // top()'s scan ranks as the records' own rates do, at the newest packet, in the
        // buckets after it and long after (a window older than every mark kept).
        for (const after of [0, 1500, 3000, 9000, 50_000]) {
          const at = js.nowMs + after;
          for (const by of ["rate2", "rate10", "rate40"] as const) {
            const w = by === "rate2" ? 0 : by === "rate10" ? 1 : 2;
            // Rounded: the two directions' rates are divided before they are added.
            const score = (f: FlowRecord) => Math.round((f.rate[w] + f.revRate[w]) * 1e6);
            assert.deepEqual(
              js.top(15, by, at).map(score),
              topFlows(js.flows(at), 15, by).map(score),
              `seed ${seed} round ${round}: top by ${by} ${after} ms after`,
            );
          }
        }
      }
      assert.deepEqual(endedC, endedJs, `seed ${seed}: expired flows`);
      assert.ok(js.stats().packets > 10_000, "the streams were counted");
    }
  },
});

Deno.test({
  name: "pk_flow_count's table counts the same as one fed packet by packet",
  ignore: !SHIM,
  fn() {
    // A known exchange, so the test cannot pass on two tables that both count nothing.
    const counter = loadBackend("shim").flowCounter!;
    const t = new FlowTable();
    useNativeCounter(t, counter);
    const syn = frame({ src: "10.0.0.2", dst: "10.0.0.1", srcPort: 40000, dstPort: 80, flags: 2 });
    const ack = frame({
      src: "10.0.0.1",
      dst: "10.0.0.2",
      srcPort: 80,
      dstPort: 40000,
      flags: 0x12,
    });
    const bytes = new Uint8Array(256);
    bytes.set(syn, 0);
    bytes.set(ack, 128);
    const u32 = (...v: number[]) => Uint32Array.from(v);
    const batch = {
      bytes,
      count: 3,
      offsets: u32(0, 128, 0),
      capLens: u32(syn.length, ack.length, syn.length),
      wireLens: u32(syn.length, ack.length, syn.length),
      secs: u32(100, 100, 100),
      nsecs: u32(0, 1e6, 2e6),
    };
    t.addBatch(batch, 2, 1); // the first packet opens the rate bucket: TypeScript's
    t.addBatch(batch, 2, 1); // all three in C
    const [f] = t.flows();
    assert.deepEqual(
      [f?.srcAddr, f?.srcPort, f?.packets, f?.revPackets, f?.bytes, f?.state, f?.ifIndex],
      ["10.0.0.2", 40000, 4, 2, 160, "established", 2],
    );
  },
});
