/**
 * Helpers of the live capture tests: why they cannot run here, veth pairs the
 * tests own, frames to inject, and counts of this process's fds and mappings.
 *
 * @module
 */

import { buildShim } from "../../ffi/build.ts";

const BACKENDS = ["shim", "libc"] as const;
/** The two system-call backends every case runs on. */
export type BackendName = typeof BACKENDS[number];

function hasCommand(name: string): boolean {
  for (const dir of (Deno.env.get("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
    try {
      if (Deno.statSync(`${dir}/${name}`).isFile) return true;
    } catch { /* not there */ }
  }
  // ip lives in /sbin, which a user's PATH may leave out.
  for (const dir of ["/usr/sbin", "/sbin"]) {
    try {
      if (Deno.statSync(`${dir}/${name}`).isFile) return true;
    } catch { /* not there */ }
  }
  return false;
}

function whyNot(): string | undefined {
  if (Deno.build.os !== "linux") return "they need Linux";
  if (Deno.uid() !== 0) return "they need root (CAP_NET_ADMIN for veth pairs, CAP_NET_RAW)";
  for (const tool of ["ip", "sysctl"]) if (!hasCommand(tool)) return `"${tool}" is missing`;
  return undefined;
}

/** Why the live tests are skipped here, or `undefined` when they run. */
export const SKIP: string | undefined = whyNot();

/** Prints the one line saying why a file's tests are ignored. */
export function announceSkip(file: string): void {
  if (SKIP !== undefined) console.log(`${file}: live capture tests ignored: ${SKIP}`);
}

let shimReady: Promise<void> | undefined;

/** Builds the shim when it is missing (the "shim" cases need it); cc missing fails them. */
export function ensureShim(): Promise<void> {
  return shimReady ??= buildShim({ quiet: false }).then((r) => {
    if (r === "no-cc") throw new Error("the shim cannot be built: no C compiler");
  });
}

/** Runs a command; throws with its stderr when it fails. Returns stdout. */
export function run(cmd: string, ...args: string[]): string {
  const out = new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).outputSync();
  const text = new TextDecoder();
  if (!out.success) {
    throw new Error(`${cmd} ${args.join(" ")} failed: ${text.decode(out.stderr).trim()}`);
  }
  return text.decode(out.stdout);
}

/** A veth pair owned by one test file: `a` and `b`, up, IPv6 off, no addresses. */
export class Veth {
  readonly a: string;
  readonly b: string;
  readonly macA: Uint8Array;
  readonly macB: Uint8Array;

  private constructor(a: string, b: string) {
    this.a = a;
    this.b = b;
    this.macA = readMac(a);
    this.macB = readMac(b);
  }

  /** Creates `tpk<pid><tag>a` / `…b` (names unique per process and file). */
  static create(tag: string): Veth {
    const base = `tpk${Deno.pid}${tag}`.slice(0, 13);
    const [a, b] = [`${base}a`, `${base}b`];
    try {
      run("ip", "link", "del", a);
    } catch { /* left over from nothing: fine */ }
    run("ip", "link", "add", a, "type", "veth", "peer", "name", b);
    try {
      for (const dev of [a, b]) {
        run("sysctl", "-qw", `net.ipv6.conf.${dev}.disable_ipv6=1`);
        run("ip", "link", "set", dev, "up");
      }
      return new Veth(a, b);
    } catch (e) {
      run("ip", "link", "del", a);
      throw e;
    }
  }

  /** Deletes the pair (both ends go). */
  remove(): void {
    try {
      run("ip", "link", "del", this.a);
    } catch { /* already gone */ }
  }
}

function readMac(dev: string): Uint8Array {
  const text = Deno.readTextFileSync(`/sys/class/net/${dev}/address`).trim();
  return Uint8Array.from(text.split(":").map((h) => parseInt(h, 16)));
}

/** `/sys/class/net/<dev>/flags` as a number (`IFF_PROMISC` is 0x100). */
export function ifFlags(dev: string): number {
  return parseInt(Deno.readTextFileSync(`/sys/class/net/${dev}/flags`).trim(), 16);
}

/** Interface index from sysfs. */
export function ifIndexOf(dev: string): number {
  return Number(Deno.readTextFileSync(`/sys/class/net/${dev}/ifindex`).trim());
}

/** Local experimental ethertype (IEEE 802 "local experimental 1"). */
export const ETHERTYPE_TEST = 0x88b5;

/**
 * An Ethernet frame `dst, src, [tag], type, payload` of `len` bytes; the payload
 * starts with `seq` (big-endian u32) and is filled with a pattern from it.
 */
export function ethFrame(
  dst: Uint8Array,
  src: Uint8Array,
  len: number,
  seq: number,
  options: { type?: number; vlan?: { tpid: number; tci: number } } = {},
): Uint8Array {
  const frame = new Uint8Array(len);
  const dv = new DataView(frame.buffer);
  frame.set(dst, 0);
  frame.set(src, 6);
  let at = 12;
  if (options.vlan) {
    dv.setUint16(12, options.vlan.tpid);
    dv.setUint16(14, options.vlan.tci);
    at = 16;
  }
  dv.setUint16(at, options.type ?? ETHERTYPE_TEST);
  dv.setUint32(at + 2, seq);
  for (let i = at + 6; i < len; i++) frame[i] = (i * 7 + seq) & 0xff;
  return frame;
}

/** A MAC address that belongs to nobody (locally administered). */
export const FOREIGN_MAC = Uint8Array.of(0x02, 0x54, 0x50, 0x4b, 0x00, 0x01);

/** Open file descriptors of this process. */
export function fdCount(): number {
  let n = 0;
  for (const _ of Deno.readDirSync("/proc/self/fd")) n++;
  return n;
}

/** Memory mappings of this process. */
export function mapCount(): number {
  return Deno.readTextFileSync("/proc/self/maps").split("\n").filter((l) => l !== "").length;
}

/** The backends to run: both. */
export const backends: readonly BackendName[] = BACKENDS;

/** Rejects after `ms` so a broken wake-up fails the test instead of hanging it. */
export function guard<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

/** /proc/net/packet rows: socket inode and the interface index it is bound to. */
export function packetTable(): { inode: string; ifIndex: number }[] {
  const lines = Deno.readTextFileSync("/proc/net/packet").trim().split("\n").slice(1);
  return lines.map((l) => {
    const f = l.trim().split(/\s+/);
    return { inode: f.at(-1)!, ifIndex: Number(f[4]) };
  });
}

/** Packet sockets of this process (test files run in parallel share it). */
export function packetSockets(): number {
  const inodes = new Set(packetTable().map((r) => r.inode));
  let n = 0;
  for (const e of Deno.readDirSync("/proc/self/fd")) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(Deno.readLinkSync(`/proc/self/fd/${e.name}`));
      if (m && inodes.has(m[1]!)) n++;
    } catch { /* closed while listing */ }
  }
  return n;
}

/**
 * Packet sockets bound to interface `ifIndex`, open or kept alive by a mapping,
 * and the ring mappings of this process that belong to them. Only this file
 * uses its veth, so both must be 0 once its captures are closed.
 */
export function boundTo(ifIndex: number): { sockets: number; maps: number } {
  const inodes = new Set(packetTable().filter((r) => r.ifIndex === ifIndex).map((r) => r.inode));
  const maps = Deno.readTextFileSync("/proc/self/maps").split("\n")
    .filter((l) => [...l.matchAll(/socket:\[(\d+)\]/g)].some((m) => inodes.has(m[1]!))).length;
  return { sockets: inodes.size, maps };
}

/** Eventfds of this process (the runtime and parallel test files have some too). */
export function eventFds(): number {
  let n = 0;
  for (const e of Deno.readDirSync("/proc/self/fd")) {
    try {
      if (Deno.readLinkSync(`/proc/self/fd/${e.name}`) === "anon_inode:[eventfd]") n++;
    } catch { /* closed while listing */ }
  }
  return n;
}
