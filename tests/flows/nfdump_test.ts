/**
 * IPFIX export against a real collector: Debian's nfdump. `nfcapd` collects on a loopback port,
 * the test sends the messages of `IpfixEncoder` over UDP, and `nfdump` reads the file back: the
 * same flows, packets and bytes, record by record.
 *
 * @module
 */

import assert from "node:assert/strict";
import dgram from "node:dgram";
import { type FlowRecord, FlowTable, IpfixEncoder } from "tpacket/flows";
import { PcapReader } from "tpacket/pcap";
import { frame, type FrameSpec } from "../../flows/_testing.ts";
import { prng } from "../_prng.ts";
import { startTop } from "./_top.ts";

async function have(cmd: string): Promise<boolean> {
  try {
    return (await new Deno.Command(cmd, { args: ["-V"], stdout: "null", stderr: "null" }).output())
      .success;
  } catch {
    return false;
  }
}
const NFDUMP = (await have("nfcapd")) && (await have("nfdump"));
if (!NFDUMP) {
  console.error("tests/flows/nfdump_test.ts: nfdump is not installed, IPFIX tests skipped");
}

/** A free UDP port on 127.0.0.1 (bound, read, released). */
async function freePort(): Promise<number> {
  const s = dgram.createSocket("udp4");
  await new Promise<void>((ok) => s.bind(0, "127.0.0.1", ok));
  const port = s.address().port;
  await new Promise<void>((ok) => s.close(ok));
  return port;
}

/** Runs nfcapd on a loopback port until `stop()`, which returns the flows it stored as CSV rows. */
async function collector(): Promise<{ port: number; stop(): Promise<string[][]> }> {
  const dir = await Deno.makeTempDir({ prefix: "tpacket-nfcapd-" });
  const port = await freePort();
  const child = new Deno.Command("nfcapd", {
    args: ["-w", dir, "-b", "127.0.0.1", "-p", String(port), "-t", "3600"],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // Ready once it says so (it prints its start-up lines on stdout or stderr by version).
  let seen = "";
  const decoder = new TextDecoder();
  const watch = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream) seen += decoder.decode(chunk);
  };
  const done = Promise.all([watch(child.stdout), watch(child.stderr)]);
  for (let i = 0; i < 100 && !/Startup nfcapd/.test(seen); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.match(seen, /Startup nfcapd/, `nfcapd did not start: ${seen}`);
  return {
    port,
    async stop() {
      await new Promise((r) => setTimeout(r, 300)); // the last datagrams reach it
      child.kill("SIGTERM");
      await child.status;
      await done;
      try {
        const out = await new Deno.Command("nfdump", {
          args: ["-R", dir, "-q", "-o", "csv"],
          env: { TZ: "UTC" }, // times are compared as text
          stdout: "piped",
          stderr: "piped",
        }).output();
        assert.ok(out.success, decoder.decode(out.stderr));
        return decoder.decode(out.stdout).trim().split("\n").filter((l) => /^\d{4}-/.test(l)).map((
          l,
        ) => l.split(","));
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  };
}

async function send(port: number, messages: Uint8Array[]): Promise<void> {
  const s = dgram.createSocket("udp4");
  for (const m of messages) {
    await new Promise<void>((ok, fail) =>
      s.send(m, port, "127.0.0.1", (e) => (e ? fail(e) : ok()))
    );
  }
  await new Promise<void>((ok) => s.close(ok));
}

/** Seeded traffic: TCP, UDP and ICMP over IPv4 and IPv6, both directions, many flows. */
function traffic(table: FlowTable, seed: number, flows: number, t0: number): void {
  const rand = prng(seed);
  for (let i = 0; i < flows; i++) {
    const v6 = i % 3 === 0;
    const a = v6 ? `2001:db8::${i.toString(16)}` : `10.${i >> 8}.${i & 255}.1`;
    const b = v6 ? "2001:db8:ffff::1" : "192.0.2.7";
    const protocol = [6, 17, v6 ? 58 : 1][i % 3 === 0 ? Math.floor(rand() * 3) : i % 2]!;
    const packets = 1 + Math.floor(rand() * 20);
    for (let p = 0; p < packets; p++) {
      const fwd = p === 0 || rand() < 0.6;
      const spec: FrameSpec = {
        src: fwd ? a : b,
        dst: fwd ? b : a,
        protocol,
        srcPort: fwd ? 30000 + i : 443,
        dstPort: fwd ? 443 : 30000 + i,
        flags: p === 0 ? 0x02 : 0x18,
        icmp: fwd ? [v6 ? 128 : 8, 0] : [v6 ? 129 : 0, 0],
        payload: Math.floor(rand() * 1200),
      };
      const data = frame(spec);
      const ms = t0 + i * 7 + p * 3;
      table.addBytes(data, data.length, Math.floor(ms / 1000), (ms % 1000) * 1e6, 2, 1);
    }
  }
}

/** The unidirectional records IPFIX carries, as nfdump's CSV shows them: sa da sp dp pr pkt byt. */
function expected(flows: FlowRecord[]): string[] {
  const rows: string[] = [];
  for (const f of flows) {
    // nfdump names these four; other protocols are compared by the rest of the row.
    const pr =
      ({ 6: "TCP", 17: "UDP", 1: "ICMP", 58: "ICMP6" } as Record<number, string>)[f.protocol] ??
        "*";
    const icmp = f.protocol === 1 || f.protocol === 58;
    if (f.packets > 0) {
      rows.push(
        [
          f.srcAddr,
          f.dstAddr,
          icmp ? 0 : f.srcPort,
          icmp ? f.icmp : f.dstPort,
          pr,
          f.packets,
          f.bytes,
        ].join(" "),
      );
    }
    if (f.revPackets > 0) {
      rows.push(
        [
          f.dstAddr,
          f.srcAddr,
          icmp ? 0 : f.dstPort,
          icmp ? f.revIcmp : f.srcPort,
          pr,
          f.revPackets,
          f.revBytes,
        ].join(" "),
      );
    }
  }
  return rows.sort();
}

// nfdump's CSV columns: ts,te,td,sa,da,sp,dp,pr,flg,fwd,stos,ipkt,ibyt,...
const seenRows = (rows: string[][]) =>
  rows.map((r) => {
    const pr = ["TCP", "UDP", "ICMP", "ICMP6"].includes(r[7]!.trim()) ? r[7]!.trim() : "*";
    return [r[3], r[4], r[5], r[6], pr, r[11], r[12]].join(" ");
  }).sort();

Deno.test({
  name: "IpfixEncoder: nfcapd stores exactly the flows, packets and bytes sent (IPv4 and IPv6)",
  ignore: !NFDUMP,
  async fn() {
    const ended: FlowRecord[] = [];
    // A small table: evictions and a flush both export, nothing is lost.
    const table = new FlowTable({ maxFlows: 64, onExpire: (f) => ended.push(f) });
    traffic(table, 7, 300, Date.now() - 60_000);
    table.flush();
    assert.equal(ended.length, 300);
    const c = await collector();
    const encoder = new IpfixEncoder();
    const messages = encoder.encode(ended, Date.now());
    assert.ok(messages.length > 10 && messages.every((m) => m.length <= 1400));
    await send(c.port, messages);
    const rows = await c.stop();
    const want = expected(ended);
    assert.equal(encoder.sequence, want.length);
    assert.deepEqual(seenRows(rows), want);
    const total = (k: number) => rows.reduce((n, r) => n + Number(r[k]), 0);
    const packets = ended.reduce((n, f) => n + f.packets + f.revPackets, 0);
    const bytes = ended.reduce((n, f) => n + f.bytes + f.revBytes, 0);
    assert.deepEqual([rows.length, total(11), total(12)], [want.length, packets, bytes]);
  },
});

Deno.test({
  name: "IpfixEncoder: nfcapd reads start/end times, TCP flags and interface as sent",
  ignore: !NFDUMP,
  async fn() {
    const table = new FlowTable();
    const t0 = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
    const add = (spec: FrameSpec, ms: number) => {
      const data = frame(spec);
      table.addBytes(data, data.length, Math.floor(ms / 1000), (ms % 1000) * 1e6, 9, 1);
    };
    add({ src: "10.0.0.1", dst: "10.0.0.2", srcPort: 40000, dstPort: 80, flags: 0x02 }, t0);
    add({ src: "10.0.0.2", dst: "10.0.0.1", srcPort: 80, dstPort: 40000, flags: 0x12 }, t0 + 1);
    add({ src: "10.0.0.1", dst: "10.0.0.2", srcPort: 40000, dstPort: 80, flags: 0x11 }, t0 + 1500);
    const c = await collector();
    await send(c.port, new IpfixEncoder().encode(table.flows(), Date.now()));
    const rows = await c.stop();
    // ts, te (nfdump's CSV prints seconds), td, flg, in: each direction's own start and end: the
    // client's SYN then FIN+ACK over 1.5 s, the server's one SYN+ACK 1 ms after the SYN.
    const got = rows.map((r) => [r[0], r[1], r[2], r[8], r[15]]).sort();
    assert.deepEqual(
      got,
      [
        ["2026-01-02 03:04:05", "2026-01-02 03:04:07", "1.500", "...A..SF", "9"],
        ["2026-01-02 03:04:05", "2026-01-02 03:04:05", "0.000", "...A..S.", "9"],
      ].sort(),
    );
  },
});

Deno.test({
  name:
    "top -r FILE --ipfix exports every flow of the file: nfdump counts the same packets and bytes",
  ignore: !NFDUMP,
  async fn() {
    const file = new URL("../../tests/testdata/print/eth.pcap", import.meta.url).pathname;
    const table = new FlowTable();
    await using reader = await PcapReader.open(file);
    for await (const r of reader) table.add(r);
    const want = expected(table.flows());
    const c = await collector();
    const top = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        new URL("../../examples/top.ts", import.meta.url).pathname,
        "-r",
        file,
        "--ipfix",
        `127.0.0.1:${c.port}`,
      ],
      stdin: "null",
    }).output();
    const rows = await c.stop();
    assert.equal(top.code, 0, new TextDecoder().decode(top.stderr));
    assert.deepEqual(seenRows(rows), want);
  },
});

Deno.test({
  name: "top -i lo --ipfix: the live flow reaches nfdump with its packets and bytes when top stops",
  ignore: !NFDUMP || Deno.uid() !== 0,
  async fn() {
    const c = await collector();
    const port = await freePort();
    const top = startTop(["-i", "lo", "--ipfix", `127.0.0.1:${c.port}`, `udp dst port ${port}`]);
    let from = 0;
    let rows: string[][] = [];
    try {
      await top.waitErr(/listening on lo/);
      const s = dgram.createSocket("udp4");
      await new Promise<void>((ok) => s.bind(0, "127.0.0.1", ok));
      from = s.address().port;
      for (let i = 0; i < 40; i++) {
        await new Promise<void>((ok) => s.send(new Uint8Array(100), port, "127.0.0.1", () => ok()));
      }
      await new Promise<void>((ok) => s.close(ok));
      // Counted in the worker: the snapshots on stdout say when all 40 are in.
      for (let i = 0; i < 100 && !/\b40 packets\b/.test(top.stdout()); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(await top.stop(), 0, top.stderr());
    } finally {
      await top.stop();
      rows = await c.stop(); // the collector stops whatever happened
    }
    assert.deepEqual(seenRows(rows), [`127.0.0.1 127.0.0.1 ${from} ${port} UDP 40 ${40 * 128}`]);
  },
});
