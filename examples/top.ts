#!/usr/bin/env -S deno run --allow-ffi --allow-read --allow-net
/**
 * `top`: who is talking, how much, and which local process owns each connection — in the
 * manner of iftop and bandwhich, built on tpacket's flow table.
 *
 * ```sh
 * deno task top -i eth0                       # terminal view, redrawn in place
 * deno task top -i eth0 'tcp port 443' --json # one NDJSON snapshot per interval
 * deno task top -i eth0 --web :8080           # live charts on http://127.0.0.1:8080/
 * deno task top -r capture.pcap --ipfix 127.0.0.1:2055   # export every flow of a file
 * ```
 *
 * Keys in the terminal view: `q` quits, `p` (or space) pauses the display (counting goes on),
 * `1` `2` `3` sort by the 2, 10 or 40 s rate, `t` by total bytes, `v` (or Tab) cycles the views
 * (all lists, or flows, host pairs, hosts, ports, processes alone). Every user mistake, a busy port or an
 * unreachable collector ends in one line on stderr and exit status 1.
 *
 * @module
 */
import { parseArgs } from "node:util";
import {
  type BpfProgram,
  compileFilter,
  defaultDevice,
  listDevices,
  listInetSockets,
  openUdpSender,
  openWorkerCapture,
  PcapReader,
  runFilter,
  SyscallError,
  type UdpSender,
} from "../mod.ts";
import {
  type FlowRecord,
  FlowTable,
  type FlowTableStats,
  IpfixEncoder,
  type ProcessInfo,
  ProcessResolver,
  protocolName,
  topBy,
  type TopEntry,
  topFlows,
  topHosts,
  topPairs,
  topPorts,
  type TopSort,
} from "../flows/mod.ts";
import { summaryLines } from "./_summary.ts";
import { LocalAddresses } from "./_local_addrs.ts";
import { serveWeb, type WebServer } from "./top_web.ts";
import {
  sampleSnapshot,
  TOP_CONTROL,
  TOP_SORTS,
  type TopWorkerOptions,
  type TopWorkerSnapshot,
} from "./_top_worker.ts";
import {
  PACKED,
  PACKED_NUMBERS,
  type PackedFlows,
  packFlows,
  unpackFlow,
} from "../flows/_packed.ts";

const PROGRAM = "top";
const USAGE = `Usage: deno task top [-i IF | -r FILE] [options] [filter expression]
  -i IF             capture on IF (default: the first device, as tcpdump picks it)
  -r FILE           read a pcap/pcapng file, print (or export) its flows, exit
  -n                numeric addresses and ports (always; accepted for tcpdump's habit)
  -N ROWS           rows per list (default 10)
  -c COUNT          stop after COUNT packets
  --interval S      seconds between snapshots (default 1)
  --sort KEY        rate2, rate10, rate40 or bytes (default rate2)
  --json            one NDJSON snapshot per interval on stdout, each with the flows that
                    ended since the line before (all of them at the end); with -r one each
                    time 4096 flows have ended, the last one the end of the file's
  --ipfix HOST:PORT export flows over IPFIX/UDP as they end (all of them with -r)
  --web [ADDR]:PORT serve live charts (127.0.0.1 unless ADDR given with --web-public)
  --web-public      allow a non-loopback ADDR; requests then need the printed token
  -h, --help        this text`;

const encoder = new TextEncoder();
const note = (line: string) => Deno.stderr.writeSync(encoder.encode(`${line}\n`));

/** A mistake in the command line: one line, then the usage text. */
class UsageError extends Error {}

interface Args {
  device?: string;
  file?: string;
  rows: number;
  count: number;
  intervalMs: number;
  sort: TopSort;
  json: boolean;
  ipfix?: { host: string; port: number };
  web?: { host: string; port: number; public: boolean };
  filter: string;
}

function parseHostPort(
  text: string,
  what: string,
  defaultHost?: string,
): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(text) ??
    (/^\d+$/.test(text) ? [text, "", "", text] : null);
  const host = m ? (m[1] || m[2] || defaultHost) : undefined;
  const port = m ? Number(m[3]) : NaN;
  if (!host || !(port >= 0 && port <= 65535)) {
    throw new UsageError(
      `Cannot use ${what} "${text}": expected HOST:PORT with a port from 0 to 65535`,
    );
  }
  return { host, port };
}

export function parse(argv: string[]): Args | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        i: { type: "string" },
        r: { type: "string" },
        n: { type: "boolean" },
        N: { type: "string" },
        c: { type: "string" },
        interval: { type: "string" },
        sort: { type: "string" },
        json: { type: "boolean" },
        ipfix: { type: "string" },
        web: { type: "string" },
        "web-public": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message.split("\n")[0]!);
  }
  const v = parsed.values;
  if (v.help) return undefined;
  const number = (text: string | undefined, what: string, fallback: number, min: number) => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isFinite(n) || n < min) {
      throw new UsageError(`Cannot use ${what} "${text}": expected a number >= ${min}`);
    }
    return n;
  };
  const sort = (v.sort ?? "rate2") as TopSort;
  if (!["rate2", "rate10", "rate40", "bytes", "packets"].includes(sort)) {
    throw new UsageError(`Cannot sort by "${v.sort}": expected rate2, rate10, rate40 or bytes`);
  }
  if (v.i !== undefined && v.r !== undefined) throw new UsageError("Cannot use -i and -r together");
  const args: Args = {
    rows: Math.floor(number(v.N, "-N", 10, 1)),
    count: Math.floor(number(v.c, "-c", 0, 1)),
    intervalMs: number(v.interval, "--interval", 1, 0.1) * 1000,
    sort,
    json: v.json ?? false,
    filter: parsed.positionals.join(" "),
  };
  if (v.i !== undefined) args.device = v.i;
  if (v.r !== undefined) args.file = v.r;
  if (v.ipfix !== undefined) {
    args.ipfix = parseHostPort(v.ipfix, "--ipfix");
    // Port 0 means "any" to a listener; a datagram cannot go to it.
    if (args.ipfix.port === 0) {
      throw new UsageError(`Cannot use --ipfix "${v.ipfix}": a collector's port is 1 to 65535`);
    }
  }
  if (v.web !== undefined) {
    const { host, port } = parseHostPort(v.web, "--web", "127.0.0.1");
    const loopback = host === "localhost" || host.startsWith("127.") || host === "::1";
    if (!loopback && !v["web-public"]) {
      throw new UsageError(
        `Cannot serve the web view on "${host}": it shows captured traffic; add --web-public to allow it (a token is then required)`,
      );
    }
    args.web = { host, port, public: !loopback };
  }
  return args;
}

/** IPFIX over UDP to one collector; the first failure (e.g. ECONNREFUSED) is kept. */
class IpfixSender {
  readonly encoder = new IpfixEncoder();
  readonly pending: FlowRecord[] = [];
  readonly target: string;
  error: string | undefined;
  sent = 0;
  #socket: UdpSender | undefined;

  constructor(readonly host: string, readonly port: number) {
    this.target = host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
  }

  async open(): Promise<void> {
    let address = this.host === "localhost" ? "127.0.0.1" : this.host;
    if (!/^[\d.]+$/.test(address) && !address.includes(":")) {
      const found = await Deno.resolveDns(address, "A").catch(() =>
        Deno.resolveDns(address, "AAAA")
      ).catch(
        () => [],
      );
      if (found.length === 0) {
        throw new Error(`Cannot send IPFIX to ${this.target}: unknown host "${this.host}"`);
      }
      address = found[0]!;
    }
    try {
      this.#socket = openUdpSender(address, this.port);
    } catch (e) {
      throw new Error(`Cannot send IPFIX to ${this.target}: ${this.#describe(e)}`);
    }
  }

  #describe(e: unknown): string {
    if (e instanceof SyscallError) {
      const why = {
        ECONNREFUSED: "connection refused (no collector is listening there)",
        ENETUNREACH: "network unreachable (no route to it)",
        EHOSTUNREACH: "host unreachable",
      }[e.code];
      if (why) return why;
      // connect(2) on an IPv6 link-local address without an interface (scope) is EINVAL.
      if (e.code === "EINVAL" && /^fe[89ab]/i.test(this.host)) {
        return `${this.host} is link-local, which needs an interface: use a global or loopback address`;
      }
      return `${e.syscall} failed with ${e.code}`;
    }
    // The sender's own message repeats what this line already says ("Cannot send to …: why").
    const line = (e as Error).message.split("\n")[0]!;
    return line.startsWith("Cannot ") && line.includes(": ")
      ? line.slice(line.indexOf(": ") + 2)
      : line;
  }

  #put(m: Uint8Array): boolean {
    try {
      this.#socket!.send(m);
      this.sent++;
      return true;
    } catch (e) {
      if (e instanceof SyscallError && e.code === "EAGAIN") return false;
      this.error ??= this.#describe(e);
      return true;
    }
  }

  /** Sends the flows that ended since the last call. */
  async send(nowMs: number): Promise<void> {
    if (this.pending.length === 0 || !this.#socket || this.error) return;
    for (const m of this.encoder.encode(this.pending.splice(0), nowMs)) {
      // A full socket buffer waits a moment instead of losing the message.
      for (let tries = 0; !this.#put(m) && tries < 1000; tries++) {
        await new Promise((r) => setTimeout(r, 1));
      }
      if (this.error) return;
      // A refused datagram is reported on a later send: let the kernel's ICMP error arrive.
      if (this.sent % 32 === 0) await new Promise((r) => setTimeout(r, 1));
    }
  }

  /** Waits for an ICMP error about the last datagrams (probing with the templates), closes. */
  async close(): Promise<void> {
    if (this.#socket && !this.error) {
      await new Promise((r) => setTimeout(r, 20));
      this.#put(this.encoder.templates(Date.now()));
    }
    this.#socket?.close();
  }
}

/**
 * What one snapshot shows (the --json line, the web view's event, the terminal screen). The
 * --json line adds `ended`: every flow that ended since the previous line (idle, active
 * timeout, evicted, and at the end all the rest), so the lines together report every flow once.
 */
export interface Snapshot extends FlowTableStats {
  time: number;
  source: string;
  drops: number;
  top: (FlowRecord & { process: string | null })[];
  hosts: TopEntry[];
  pairs: TopEntry[];
  ports: TopEntry[];
  processes: TopEntry[];
}

/** Flows copied out of the table per snapshot, the busiest first. */
const SUMMED_FLOWS = 500;
/** With -r --json, a line goes out once this many flows have ended (and at the end). */
const ENDED_PER_LINE = 4096;

const processLabel = (p: ProcessInfo | undefined) => (p ? `${p.pid} ${p.command}` : null);

/**
 * What a snapshot is of, besides the table's numbers: the interface or file, the time (ms since
 * the epoch), the rows of each list, the sort key, the kernel's drops so far, and the resolver
 * of local flows' processes (none: no processes). {@linkcode snapshotPacked}'s parameters after
 * the numbers, and {@linkcode snapshot}'s.
 */
export type SnapshotOf = Parameters<typeof snapshotPacked> extends [unknown, unknown, ...infer R]
  ? R
  : never;

/**
 * A snapshot from the table's totals and its busiest flows (`FlowTable.top(SUMMED_FLOWS)`):
 * hosts, pairs, ports and processes are summed over those, so a table full of one-packet
 * flows (a scan) costs a selection a second, not a copy of every flow.
 */
export function snapshot(
  stats: FlowTableStats,
  flows: FlowRecord[],
  ...[source, nowMs, rows, sort, drops, resolver]: SnapshotOf
): Snapshot {
  const owners = new Map<FlowRecord, string | null>();
  const owner = (f: FlowRecord) => {
    if (!resolver) return null;
    let label = owners.get(f);
    if (label === undefined) owners.set(f, label = processLabel(resolver.lookup(f, nowMs)));
    return label;
  };
  return {
    time: nowMs,
    source,
    ...stats,
    drops,
    top: topFlows(flows, rows, sort).map((f) => ({ ...f, process: owner(f) })),
    hosts: topHosts(flows, rows, sort),
    pairs: topPairs(flows, rows, sort),
    ports: topPorts(flows, rows, protocolName, sort),
    processes: resolver
      ? topBy(flows.filter((f) => owner(f) !== null), rows, (f) => owner(f)!, sort)
      : [],
  };
}

/** A {@linkcode TopEntry}'s value by a sort key (flows/top.ts ranks by the same). */
function entryValue(e: TopEntry, by: TopSort): number {
  return by === "bytes"
    ? e.bytes
    : by === "packets"
    ? e.packets
    : e.rate[by === "rate2" ? 0 : by === "rate10" ? 1 : 2];
}

/** Protocol names by number, made once each ({@linkcode protocolName} makes a string a call). */
const protocolNames: string[] = [];

/**
 * {@linkcode snapshot} of the flows the capture's Worker packed, without their objects: the
 * same snapshot as `snapshot(stats, unpackFlows(packed), …)` (tests/flows compare the two), summed
 * straight from the numbers, hosts by their index in the packed strings, pairs and ports by
 * numbers made of those, so a second's 500 flows cost a handful of objects (each list's distinct
 * keys, the rows shown) instead of thousands: once a second on the main thread, their garbage
 * was a young-generation collection every few seconds, in the middle of the traffic.
 */
export function snapshotPacked(
  stats: FlowTableStats,
  packed: PackedFlows,
  source: string,
  nowMs: number,
  rows: number,
  sort: TopSort,
  drops: number,
  resolver: ProcessResolver | undefined,
): Snapshot {
  const P = PACKED;
  const v = packed.numbers;
  const strings = packed.strings;
  const n = packed.count;
  const value = (o: number) =>
    sort === "bytes"
      ? v[o + P.BYTES]! + v[o + P.REV_BYTES]!
      : sort === "packets"
      ? v[o + P.PACKETS]! + v[o + P.REV_PACKETS]!
      : v[o + P.RATE + (sort === "rate2" ? 0 : sort === "rate10" ? 1 : 2)]! +
        v[o + P.REV_RATE + (sort === "rate2" ? 0 : sort === "rate10" ? 1 : 2)]!;
  // The top rows: what a stable sort by value, highest first, keeps of the first `rows`.
  const picked: number[] = [];
  const pickedValue: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = value(i * PACKED_NUMBERS);
    let at = picked.length;
    while (at > 0 && pickedValue[at - 1]! < x) at--;
    if (at >= rows) continue;
    picked.splice(at, 0, i);
    pickedValue.splice(at, 0, x);
    if (picked.length > rows) {
      picked.pop();
      pickedValue.pop();
    }
  }
  // Owners, each flow's looked up once, in snapshot()'s order: the rows shown, then every flow.
  const owners: (string | null | undefined)[] = [];
  const endpoints = { protocol: 0, srcAddr: "", srcPort: 0, dstAddr: "", dstPort: 0 };
  const owner = (i: number): string | null => {
    if (!resolver) return null;
    let label = owners[i];
    if (label === undefined) {
      const o = i * PACKED_NUMBERS;
      endpoints.protocol = v[o + P.PROTOCOL]!;
      endpoints.srcAddr = strings[v[o + P.SRC_ADDR]!]!;
      endpoints.srcPort = v[o + P.SRC_PORT]!;
      endpoints.dstAddr = strings[v[o + P.DST_ADDR]!]!;
      endpoints.dstPort = v[o + P.DST_PORT]!;
      owners[i] = label = processLabel(resolver.lookup(endpoints, nowMs));
    }
    return label;
  };
  const top = picked.map((i) => ({ ...unpackFlow(packed, i), process: owner(i) }));
  // Each list's entries in the order their keys first came (as flows/top.ts's Map keeps them).
  const lists: TopEntry[][] = [[], [], [], []];
  const keyed = lists.map(() => new Map<number | string, TopEntry>());
  const make = (list: number, key: number | string, label: string): TopEntry => {
    const e: TopEntry = {
      key: label,
      flows: 0,
      packets: 0,
      bytes: 0,
      sent: 0,
      received: 0,
      rate: [0, 0, 0],
    };
    keyed[list]!.set(key, e);
    lists[list]!.push(e);
    return e;
  };
  const add = (e: TopEntry, o: number, sent: number, received: number) => {
    e.flows++;
    e.packets += v[o + P.PACKETS]! + v[o + P.REV_PACKETS]!;
    e.bytes += v[o + P.BYTES]! + v[o + P.REV_BYTES]!;
    e.sent += sent;
    e.received += received;
    for (let w = 0; w < 3; w++) e.rate[w]! += v[o + P.RATE + w]! + v[o + P.REV_RATE + w]!;
  };
  const [hosts, pairs, ports, processes] = keyed as [
    Map<number, TopEntry>,
    Map<number, TopEntry>,
    Map<number, TopEntry>,
    Map<string, TopEntry>,
  ];
  const HOSTS = 0, PAIRS = 1, PORTS = 2, PROCESSES = 3;
  const names = new Map<string, number>();
  const width = strings.length;
  for (let i = 0; i < n; i++) {
    const o = i * PACKED_NUMBERS;
    const src = v[o + P.SRC_ADDR]!;
    const dst = v[o + P.DST_ADDR]!;
    const bytes = v[o + P.BYTES]!;
    const revBytes = v[o + P.REV_BYTES]!;
    add(hosts.get(src) ?? make(HOSTS, src, strings[src]!), o, bytes, revBytes);
    if (dst !== src) add(hosts.get(dst) ?? make(HOSTS, dst, strings[dst]!), o, revBytes, bytes);
    // The pair's key names the lower address first, as topPairs() compares them: as text.
    const fwd = strings[src]! <= strings[dst]!;
    const lo = fwd ? src : dst;
    const hi = fwd ? dst : src;
    const pair = pairs.get(lo * width + hi) ??
      make(PAIRS, lo * width + hi, `${strings[lo]} <-> ${strings[hi]}`);
    add(pair, o, fwd ? bytes : revBytes, fwd ? revBytes : bytes);
    // topPorts()'s key: the protocol's name and the destination port, the name alone for a
    // flow without ports (names, not numbers: two protocols of one name are one key there).
    const protocol = v[o + P.PROTOCOL]!;
    const name = protocolNames[protocol] ??= protocolName(protocol);
    let id = names.get(name);
    if (id === undefined) names.set(name, id = names.size);
    const port = v[o + P.DST_PORT]!;
    const ported = port !== 0 || v[o + P.SRC_PORT]! !== 0;
    const key = id * 65537 + (ported ? port + 1 : 0);
    add(ports.get(key) ?? make(PORTS, key, ported ? `${name}/${port}` : name), o, 0, 0);
  }
  if (resolver) {
    for (let i = 0; i < n; i++) {
      const label = owner(i);
      if (label === null) continue;
      const o = i * PACKED_NUMBERS;
      const e = processes.get(label) ?? make(PROCESSES, label, label);
      add(e, o, v[o + P.BYTES]!, v[o + P.REV_BYTES]!);
    }
  }
  const ranked = (list: TopEntry[]) =>
    list.sort((a, b) => entryValue(b, sort) - entryValue(a, sort)).slice(0, rows);
  return {
    time: nowMs,
    source,
    ...stats,
    drops,
    top,
    hosts: ranked(lists[HOSTS]!),
    pairs: ranked(lists[PAIRS]!),
    ports: ranked(lists[PORTS]!),
    processes: ranked(lists[PROCESSES]!),
  };
}

/** Bits per second as iftop writes them. */
function bits(bytesPerSecond: number): string {
  const b = bytesPerSecond * 8;
  if (b >= 1e9) return `${(b / 1e9).toFixed(2)}Gb`;
  if (b >= 1e6) return `${(b / 1e6).toFixed(2)}Mb`;
  if (b >= 1e3) return `${(b / 1e3).toFixed(2)}Kb`;
  return `${Math.round(b)}b`;
}

function bytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)}GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(2)}KB`;
  return `${n}B`;
}

const endpoint = (
  addr: string,
  port: number,
) => (addr.includes(":") ? `[${addr}]:${port}` : `${addr}:${port}`);

/** What the terminal shows: every list, or one of them (`v` or Tab cycles, as bandwhich's Tab). */
export const VIEWS = ["all", "flows", "pairs", "hosts", "ports", "processes"] as const;
/** One of {@linkcode VIEWS}. */
export type View = typeof VIEWS[number];

/** Options of {@linkcode render}. */
export interface RenderOptions {
  /** The state shown at the end of the first line (sort key, "paused"). */
  status?: string;
  /** Show the key help line. @default true */
  keys?: boolean;
  /** Lines available; lists are cut to fit (a terminal's height). @default no limit */
  height?: number | undefined;
  /** The lists shown. @default "all" */
  view?: View;
}

/**
 * The terminal screen, in the manner of iftop and bandwhich: a header (packets, bytes, flows,
 * kernel drops, undecodable), the 2/10/40 s rates and totals of all traffic with the peak, then
 * the lists, each row with its three rates and total: flows with addresses, ports and owning
 * process (sent, then received on a second line, as iftop's two lines per pair), host pairs,
 * hosts (sent/received), ports and processes; then the protocol mix.
 */
export function render(s: Snapshot, width: number, options: RenderOptions = {}): string[] {
  const { status = "", keys = true, height, view = "all" } = options;
  const w = Math.max(72, width);
  const EXTRA = 18; // the last column: process, sent / received, flows, peak
  const label = w - 37 - 1 - EXTRA;
  const clip = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
  const cols = (name: string, r: number[], total: string, extra = "") =>
    `${clip(name, label).padEnd(label)}${r.map((x) => bits(x).padStart(9)).join("")}${
      total.padStart(10)
    } ${clip(extra, EXTRA)}`;
  const head = [
    `${PROGRAM} ${s.source}: ${s.packets} packets, ${
      bytes(s.wireBytes)
    }, ${s.activeFlows} flows (${s.flows} seen, ${s.evicted} evicted), ${s.drops} dropped by kernel, ${s.undecodable} undecodable`,
    `${clip(status, label).padEnd(label)}${"2s".padStart(9)}${"10s".padStart(9)}${
      "40s".padStart(9)
    }${"total".padStart(10)}`,
    cols("TOTAL", s.rate, bytes(s.wireBytes), `peak ${bits(s.peakRate)}`),
  ];
  const mix = Object.entries(s.protocols).sort((a, b) => b[1].bytes - a[1].bytes);
  const all = mix.reduce((n, [, c]) => n + c.bytes, 0) || 1;
  const tail = [
    "",
    `PROTOCOLS ${
      mix.map(([name, c]) => `${name} ${((100 * c.bytes) / all).toFixed(1)}%`).join("  ")
    }`,
  ];
  if (keys) {
    tail.push(
      "",
      `q quit  p pause  1/2/3 sort by 2/10/40 s  t by total  v view (${view})`,
    );
  }
  // Each list: its title and the lines of each entry (a flow takes two, sent then received).
  const sections: { title: string; entries: string[][] }[] = [];
  const want = (v: View) => view === "all" || view === v;
  if (want("flows")) {
    sections.push({
      title: "FLOWS (=> sent by the first address, <= received; process owning the socket)",
      entries: s.top.map((f) => {
        const proto = protocolName(f.protocol);
        const vlan = f.vlan ? ` vlan ${f.vlan}` : "";
        // Ports for the protocols that have them (TCP, UDP, SCTP, UDP-Lite), addresses alone else.
        const ports = [6, 17, 132, 136].includes(f.protocol);
        const src = ports ? endpoint(f.srcAddr, f.srcPort) : f.srcAddr;
        const dst = ports ? endpoint(f.dstAddr, f.dstPort) : f.dstAddr;
        return [
          cols(
            `${proto}${vlan} ${src} => ${dst}`,
            f.rate,
            bytes(f.bytes),
            f.process ?? "",
          ),
          cols(`${"".padEnd(proto.length + vlan.length)} <=`, f.revRate, bytes(f.revBytes)),
        ];
      }),
    });
  }
  if (want("pairs")) {
    sections.push({ title: "HOST PAIRS", entries: s.pairs.map((p) => [entry(p)]) });
  }
  if (want("hosts")) {
    sections.push({
      title: "HOSTS (sent / received)",
      entries: s.hosts.map((h) => [
        entry(h, `${bytes(h.sent)} / ${bytes(h.received)}`),
      ]),
    });
  }
  if (want("ports")) {
    sections.push({ title: "PORTS", entries: s.ports.map((p) => [entry(p)]) });
  }
  if (want("processes") && (view === "processes" || s.processes.length > 0)) {
    sections.push({ title: "PROCESSES", entries: s.processes.map((p) => [entry(p)]) });
  }
  function entry(e: TopEntry, extra = `${e.flows} flow${e.flows === 1 ? "" : "s"}`): string {
    return cols(e.key, e.rate, bytes(e.bytes), extra);
  }
  // Cut every list to the same number of entries until the screen fits.
  let n = Math.max(0, ...sections.map((x) => x.entries.length));
  const size = (k: number) =>
    head.length + tail.length +
    sections.reduce(
      (t, x) => t + 2 + x.entries.slice(0, k).reduce((m, e) => m + e.length, 0),
      0,
    );
  while (height !== undefined && n > 1 && size(n) > height) n--;
  const out = [...head];
  for (const x of sections) {
    out.push("", x.title);
    for (const e of x.entries.slice(0, n)) out.push(...e);
  }
  out.push(...tail);
  return out.map((l) => (l.length > w ? l.slice(0, w) : l));
}

/** The terminal: alternate screen, no cursor, raw keys; restored on every exit path. */
class Screen {
  readonly interactive = Deno.stdout.isTerminal();
  #raw = false;
  open(): void {
    if (!this.interactive) return;
    Deno.stdout.writeSync(encoder.encode("\x1b[?1049h\x1b[?25l"));
    if (Deno.stdin.isTerminal()) {
      Deno.stdin.setRaw(true);
      this.#raw = true;
    }
  }
  draw(lines: string[]): void {
    const text = this.interactive
      ? `\x1b[H\x1b[2J${lines.join("\r\n")}`
      : `${lines.join("\n")}\n\n`;
    Deno.stdout.writeSync(encoder.encode(text));
  }
  close(): void {
    if (!this.interactive) return;
    if (this.#raw) Deno.stdin.setRaw(false);
    this.#raw = false;
    Deno.stdout.writeSync(encoder.encode("\x1b[?25h\x1b[?1049l"));
  }
  get width(): number {
    try {
      return Deno.consoleSize().columns || 120;
    } catch {
      return 120;
    }
  }
  /** Lines of the terminal; no limit when it is not one. */
  get height(): number | undefined {
    if (!this.interactive) return undefined;
    try {
      return Deno.consoleSize().rows || undefined;
    } catch {
      return undefined;
    }
  }
}

async function main(argv: string[]): Promise<void> {
  const args = parse(argv);
  if (!args) {
    console.log(USAGE);
    return;
  }
  const sender = args.ipfix ? new IpfixSender(args.ipfix.host, args.ipfix.port) : undefined;
  if (sender) await sender.open();
  const mode = args.json ? "json" : args.web || (args.file && sender) ? "quiet" : "screen";
  const fail = (message: string) => {
    throw new Error(message);
  };

  if (args.file !== undefined) {
    // Flows that end go to the collector and, with --json, into the line's `ended` list; a line
    // goes out whenever ENDED_PER_LINE flows have ended, so a file of many flows is never held.
    let ended: FlowRecord[] = [];
    // The end of the file's snapshot, once the last flows are being ended.
    let fileEnd: Snapshot | undefined = undefined;
    const table = new FlowTable(
      sender || args.json
        ? {
          onExpire: (f) => {
            sender?.pending.push(f);
            if (!args.json) return;
            ended.push(f);
            if (fileEnd && ended.length >= ENDED_PER_LINE) {
              console.log(JSON.stringify({ ...fileEnd, ended }));
              ended = [];
            }
          },
        }
        : {},
    );
    await using reader = await PcapReader.open(args.file);
    let program: BpfProgram | undefined;
    if (args.filter) {
      program = compileFilter(args.filter, { linkType: reader.linkType, snapLen: reader.snapLen });
    }
    const fileSnapshot = () => {
      const now = table.nowMs;
      const stats = table.stats(now);
      const flows = table.top(SUMMED_FLOWS, args.sort, now);
      return snapshot(stats, flows, args.file!, now, args.rows, args.sort, 0, undefined);
    };
    let n = 0;
    // Idle flows end once a second of the file's time, as they would live.
    let expireAt = 0;
    for await (const r of reader) {
      if (program && runFilter(program, r.data, r.wireLen) === 0) continue;
      table.add(r);
      n++;
      if ((sender || args.json) && n % 4096 === 0 && table.nowMs >= expireAt) {
        table.expire();
        expireAt = table.nowMs + 1000;
      }
      if (mode === "json" && ended.length >= ENDED_PER_LINE) {
        console.log(JSON.stringify({ ...fileSnapshot(), ended }));
        ended = [];
      }
      if (sender && n % 4096 === 0) {
        await sender.send(table.nowMs);
        if (sender.error) fail(`Cannot send IPFIX to ${sender.target}: ${sender.error}`);
      }
      if (args.count > 0 && n >= args.count) break;
    }
    const snap = fileSnapshot();
    fileEnd = snap;
    // The end of the file: every flow left ends (each one reported once, in `ended` or IPFIX).
    if (sender || args.json) table.flush();
    if (mode === "json") console.log(JSON.stringify({ ...snap, ended }));
    else if (mode === "screen") {
      new Screen().draw(render(snap, 120, { keys: false }).map((l) => l.trimEnd()));
    }
    if (sender) {
      await sender.send(table.nowMs);
      await sender.close();
      if (sender.error) fail(`Cannot send IPFIX to ${sender.target}: ${sender.error}`);
      note(
        `${PROGRAM}: exported ${snap.flows} flows in ${sender.sent} IPFIX messages to ${sender.target}`,
      );
    }
    return;
  }

  const device = args.device ?? defaultDevice() ?? fail("Cannot find a device to capture on");
  // Asked at most once a second while lookups need them, and read again when the kernel has
  // reported a change: an address added during the capture is local from then on, one removed
  // (or moved to another namespace) no longer is.
  using local = new LocalAddresses(() =>
    listDevices().flatMap((d) => d.addresses.map((a) => a.address))
  );
  const resolver = new ProcessResolver({
    listSockets: listInetSockets,
    localAddrs: () => local.read(),
  });
  // Start-up work done before the capture, not in the first second of traffic (where it was
  // 15-20 ms of the first snapshot's CPU): the snapshot, its JSON and the screen compiled on a
  // small table's flows (its times in the past, the resolver's refresh of the local addresses
  // taken each round), then the resolver's first reads (libc loaded for the local addresses,
  // the socket and owner tables) at the time now.
  warmSnapshot(resolver, args);
  try {
    resolver.refresh();
  } catch {
    // A table that cannot be read now is read again, and reported, at the first lookup.
  }
  // The table lives in the capture's Worker, next to the ring; each run there ends once per
  // interval with a snapshot (the totals, the busiest flows, the flows that ended).
  const control = new Int32Array(new SharedArrayBuffer(TOP_CONTROL.LENGTH * 4));
  let sort = args.sort;
  const setSort = (key: TopSort) => {
    sort = key;
    Atomics.store(control, TOP_CONTROL.SORT, TOP_SORTS.indexOf(key));
  };
  setSort(sort);
  const handlerOptions: TopWorkerOptions = {
    control: control.buffer as SharedArrayBuffer,
    flows: SUMMED_FLOWS,
    count: args.count,
    expired: sender !== undefined || args.json,
  };
  await using engine = await openWorkerCapture(device, {
    // A view redrawn once a second needs no 1 ms blocks; a 16 MiB ring rides out a snapshot.
    preset: "throughput",
    ...(args.filter ? { filter: args.filter } : {}),
    handler: new URL("./_top_worker.ts", import.meta.url),
    handlerOptions,
  });
  let stopping = false;
  const stop = () => {
    stopping = true;
    engine.breakLoop();
  };
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  for (const s of signals) Deno.addSignalListener(s, stop);
  const screen = new Screen();
  let web: WebServer | undefined;
  let paused = false;
  let view: View = "all";
  const draw = () => {
    const status = paused ? "paused (p resumes)" : `sort ${sort}`;
    screen.draw(render(last!, screen.width, { status, height: screen.height, view }));
  };
  let last: Snapshot | undefined;
  let error: string | undefined;
  const show = async (w: TopWorkerSnapshot) => {
    const drops = engine.stats().dropped;
    last = snapshotPacked(w.stats, w.flows, device, w.nowMs, args.rows, sort, drops, resolver);
    if (mode === "json") {
      const line = JSON.stringify({ ...last, ended: w.expired });
      Deno.stdout.writeSync(encoder.encode(`${line}\n`));
    }
    if (mode === "screen" && !paused) draw();
    web?.publish(last);
    if (sender) {
      for (const f of w.expired) sender.pending.push(f);
      await sender.send(w.nowMs);
      if (sender.error) {
        error = `Cannot send IPFIX to ${sender.target}: ${sender.error}`;
        stop();
      }
    }
  };
  let final: TopWorkerSnapshot | undefined;
  try {
    if (args.web) {
      web = await serveWeb(args.web);
      note(`${PROGRAM}: web view on ${web.url}`);
    }
    if (mode === "screen") screen.open();
    note(mode === "screen" && screen.interactive ? "" : `${PROGRAM}: listening on ${device}`);
    const keys = mode === "screen" && Deno.stdin.isTerminal()
      ? readKeys((k) => {
        if (k === "q" || k === "\x03") stop();
        else if (k === "p" || k === "P" || k === " ") paused = !paused;
        else if (k === "v" || k === "\t") view = VIEWS[(VIEWS.indexOf(view) + 1) % VIEWS.length]!;
        else if (k === "1" || k === "2" || k === "3") {
          setSort((["rate2", "rate10", "rate40"] as const)[Number(k) - 1]!);
        } else if (k === "t") setSort("bytes");
        if (last && mode === "screen") {
          draw();
        }
      })
      : undefined;
    const timer = setInterval(() => engine.breakLoop(), args.intervalMs);
    try {
      // The next run starts before this one's snapshot is shown, so the ring is not left alone.
      let run = engine.run();
      for (;;) {
        const w = (await run).result as TopWorkerSnapshot;
        if (stopping || w.done) {
          final = w;
          break;
        }
        run = engine.run();
        await show(w);
      }
    } finally {
      clearInterval(timer);
      void keys;
    }
    if ((sender || mode === "json") && !error) {
      // Every flow still in the table ends now: to the collector and the last line's `ended`.
      const before = final.expired;
      Atomics.store(control, TOP_CONTROL.FLUSH, 1);
      final = (await engine.run({ timeoutMs: 0 })).result as TopWorkerSnapshot;
      final.expired = [...before, ...final.expired];
    }
    if (!error) await show(final);
  } finally {
    screen.close();
    for (const s of signals) Deno.removeSignalListener(s, stop);
    await web?.close();
  }
  if (sender && !error) {
    await sender.close();
    if (sender.error) error = `Cannot send IPFIX to ${sender.target}: ${sender.error}`;
  }
  if (error) fail(error);
  // tcpdump's three summary lines (what the benchmark harness and scripts read), then ours.
  const s = engine.stats();
  note(summaryLines(final!.stats.packets, s.received, s.dropped));
  note(`${PROGRAM}: ${final!.stats.flows} flows, ${final!.stats.undecodable} undecodable`);
}

/** Runs the main thread's part of a snapshot on a small table, a few times, and drops it. */
function warmSnapshot(resolver: ProcessResolver, args: Args): void {
  // Packed, cloned and unpacked, as the worker's snapshots arrive: objects of the same shapes
  // (hidden classes) as theirs, or the compiled code would be thrown away at the first real one.
  const sample = sampleSnapshot(1);
  const stats = structuredClone(sample.stats);
  // Their numbers in a SharedArrayBuffer, as the Worker's (see TopWorkerSnapshot.flows).
  const own = packFlows(sample.flows);
  const numbers = new Float64Array(new SharedArrayBuffer(own.numbers.byteLength));
  numbers.set(own.numbers);
  const packed = { count: own.count, numbers, strings: own.strings };
  // As many rounds as make the sums compiled here, not at the first real snapshot. Each round
  // a second after the one before (all in the past, before the resolver's refresh that
  // follows): the resolver reads the local addresses again in each, as it does once a second
  // live, a branch of its lookup the warm-up did not take otherwise (--trace-deopt: lookup
  // thrown away at the first real snapshot, compiled again mid-traffic).
  const ended = sample.flows;
  const start = Date.now() - 61_000;
  for (let i = 0; i < 60; i++) {
    const p = structuredClone(packed);
    const at = start + i * 1000;
    const s = snapshotPacked(stats, p, "warm", at, args.rows, args.sort, 0, resolver);
    if (args.json) JSON.stringify({ ...s, ended });
    else render(s, 120, { status: "", height: 50, view: VIEWS[i % VIEWS.length]! });
  }
}

/** Reads single keys from a raw-mode stdin until it ends. */
function readKeys(onKey: (key: string) => void): Promise<void> {
  return (async () => {
    const buf = new Uint8Array(16);
    for (;;) {
      const n = await Deno.stdin.read(buf).catch(() => null);
      if (n === null) return;
      for (const ch of new TextDecoder().decode(buf.subarray(0, n))) onKey(ch);
    }
  })();
}

/** One line for anything the user can fix. */
function describe(error: unknown): string {
  if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
    return `${
      error.message.split("\n")[0]
    } (run with the permission named, e.g. deno run --allow-ffi --allow-read --allow-net)`;
  }
  if (error instanceof Error) return error.message.split("\n")[0]!;
  return String(error);
}

if (import.meta.main) {
  try {
    await main(Deno.args);
    Deno.exit(0); // stdin's pending read (keys) must not keep the process alive
  } catch (error) {
    note(`${PROGRAM}: ${describe(error)}`);
    if (error instanceof UsageError) note(USAGE);
    Deno.exit(1);
  }
}
