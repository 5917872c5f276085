/**
 * Which local process owns a flow: the flow's addresses and ports → the socket (from the
 * kernel's socket table, `NETLINK_SOCK_DIAG`) → its inode → the process holding it open
 * (`/proc/<pid>/fd`). Both tables are cached and read again at most once a refresh interval, when
 * a lookup needs it. A flow that is not local, a socket no process holds (TIME_WAIT), or a
 * process whose fds cannot be read gives `undefined` ("unknown"), never a guess.
 *
 * @module
 */

import type { DiagSocket } from "../ffi/sock_diag.ts";

/**
 * A socket as the kernel's table lists it: what `listInetSockets()` of `@tpacket/tpacket`
 * returns (a type only: this module loads no FFI).
 */
export type SocketEntry = DiagSocket;

/** The process behind a flow. */
export interface ProcessInfo {
  /** Process ID (the lowest, when several processes share the socket). */
  pid: number;
  /** Its command name (`/proc/<pid>/comm`). */
  command: string;
  /** The socket owner's uid. */
  uid: number;
}

/** The fields of a flow a lookup needs (a {@linkcode FlowRecord} has them). */
export interface FlowEndpoints {
  /** IP protocol: only 6 and 17 can be attributed. */
  protocol: number;
  /** Address of the side that sent first. */
  srcAddr: string;
  /** Its port. */
  srcPort: number;
  /** The other side's address. */
  dstAddr: string;
  /** Its port. */
  dstPort: number;
}

/** Options of {@linkcode ProcessResolver}. */
export interface ProcessResolverOptions {
  /** Reads the kernel's socket table: `listInetSockets` from `@tpacket/tpacket`. */
  listSockets: () => SocketEntry[];
  /**
   * This host's addresses: a UDP socket bound to any address (`0.0.0.0:53`) matches a flow only
   * when the flow's address is one of them. Exact matches need none. When given, a flow with
   * neither address among them (nor loopback) is unknown at once, without reading the socket
   * table: traffic passing by costs nothing. A function is called again at most once a refresh
   * interval, when a lookup needs the addresses, so an address added to an interface (or moved
   * to another network namespace) during a capture counts from then on (or no longer counts).
   * @default [] (loopback only; every flow is looked up)
   */
  localAddrs?: Iterable<string> | (() => Iterable<string>);
  /** Where the process table is. @default "/proc" */
  procDir?: string;
  /** Tables are read again at most this often, in ms. @default 1000 */
  refreshMs?: number;
}

/** Default {@linkcode ProcessResolverOptions.refreshMs}. */
export const DEFAULT_PROCESS_REFRESH_MS = 1000;

const mapped = (addr: string) => (addr.includes(":") ? undefined : `::ffff:${addr}`);
const isLoopback = (addr: string) => addr.startsWith("127.") || addr === "::1";

/**
 * Maps flows to the local processes that own their sockets, from the socket table and `/proc`.
 *
 * @example Attribute a flow (Linux, `--allow-ffi --allow-read`)
 * ```ts ignore
 * import { listInetSockets } from "@tpacket/tpacket";
 * import { ProcessResolver } from "@tpacket/tpacket/flows";
 *
 * const resolver = new ProcessResolver({ listSockets: listInetSockets });
 * const owner = resolver.lookup({ protocol: 6, srcAddr: "127.0.0.1", srcPort: 43210, dstAddr: "127.0.0.1", dstPort: 8080 });
 * console.log(owner ? `${owner.pid} ${owner.command}` : "unknown");
 * ```
 *
 * @example A flow the table does not know is unknown
 * ```ts
 * import { ProcessResolver } from "@tpacket/tpacket/flows";
 * import assert from "node:assert/strict";
 *
 * const resolver = new ProcessResolver({ listSockets: () => [], procDir: "/nonexistent" });
 * assert.equal(resolver.lookup({ protocol: 6, srcAddr: "192.0.2.1", srcPort: 1, dstAddr: "192.0.2.2", dstPort: 2 }), undefined);
 * ```
 */
export class ProcessResolver {
  readonly #listSockets: () => SocketEntry[];
  readonly #readLocal: (() => Iterable<string>) | undefined;
  #local: Set<string>;
  #localAt = -Infinity;
  readonly #procDir: string;
  readonly #refreshMs: number;
  /** "proto laddr lport raddr rport" (connected) and "proto laddr lport" (bound UDP) → socket. */
  #sockets = new Map<string, SocketEntry>();
  #socketsAt = -Infinity;
  /** inode → pid. */
  #owners = new Map<number, number>();
  #ownersAt = -Infinity;
  /** Lookups answered from the tables. */
  hits = 0;
  /** Lookups answered "unknown". */
  misses = 0;

  /**
   * Makes a resolver; nothing is read until the first lookup.
   *
   * @param options The socket-table reader, local addresses, `/proc`, refresh interval.
   */
  constructor(options: ProcessResolverOptions) {
    this.#listSockets = options.listSockets;
    const local = options.localAddrs ?? [];
    this.#readLocal = typeof local === "function" ? local : undefined;
    this.#local = new Set(typeof local === "function" ? [] : local);
    this.#procDir = options.procDir ?? "/proc";
    this.#refreshMs = options.refreshMs ?? DEFAULT_PROCESS_REFRESH_MS;
  }

  /**
   * The process owning the socket of a TCP or UDP flow, or `undefined` (unknown). The sender of
   * the flow's first packet is tried first, so a flow between two local processes names its
   * client.
   *
   * @param flow Protocol, addresses and ports of the flow.
   * @param nowMs The time, for the refresh interval. @default Date.now()
   * @returns The owner, or `undefined`.
   */
  lookup(flow: FlowEndpoints, nowMs: number = Date.now()): ProcessInfo | undefined {
    if (flow.protocol !== 6 && flow.protocol !== 17) {
      this.misses++;
      return undefined;
    }
    if (this.#readLocal && nowMs - this.#localAt >= this.#refreshMs) this.#readLocalAddrs(nowMs);
    if (
      (this.#readLocal || this.#local.size > 0) && !this.#isLocal(flow.srcAddr) &&
      !this.#isLocal(flow.dstAddr)
    ) {
      this.misses++;
      return undefined;
    }
    let socket = this.#find(flow);
    if (!socket && nowMs - this.#socketsAt >= this.#refreshMs) {
      this.#readSockets(nowMs);
      socket = this.#find(flow);
    }
    if (!socket || socket.inode === 0) {
      this.misses++;
      return undefined;
    }
    let pid = this.#owners.get(socket.inode);
    // A pid from a scan older than the interval is checked: the process may have closed the
    // socket or exited since.
    const stale = nowMs - this.#ownersAt >= this.#refreshMs;
    if (pid !== undefined && stale && !this.#holds(pid, socket.inode)) pid = undefined;
    if (pid === undefined && stale) {
      this.#readOwners(nowMs);
      pid = this.#owners.get(socket.inode);
    }
    const command = pid === undefined ? undefined : this.#command(pid);
    if (pid === undefined || command === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    return { pid, command, uid: socket.uid };
  }

  #isLocal(addr: string): boolean {
    return this.#local.has(addr) || isLoopback(addr);
  }

  /** Reads both tables (and the local addresses, when a function gives them) again now. */
  refresh(nowMs: number = Date.now()): void {
    if (this.#readLocal) this.#readLocalAddrs(nowMs);
    this.#readSockets(nowMs);
    this.#readOwners(nowMs);
  }

  #readLocalAddrs(nowMs: number): void {
    this.#localAt = nowMs;
    // A failed read keeps no stale address: flows are then unknown (loopback aside), not guessed.
    try {
      this.#local = new Set(this.#readLocal!());
    } catch {
      this.#local = new Set();
    }
  }

  #find(f: FlowEndpoints): SocketEntry | undefined {
    const p = f.protocol;
    const sockets = this.#sockets;
    for (
      const [la, lp, ra, rp] of [[f.srcAddr, f.srcPort, f.dstAddr, f.dstPort], [
        f.dstAddr,
        f.dstPort,
        f.srcAddr,
        f.srcPort,
      ]] as const
    ) {
      const exact = sockets.get(`${p} ${la} ${lp} ${ra} ${rp}`);
      if (exact) return exact;
      const m = mapped(la);
      const viaMapped = m && sockets.get(`${p} ${m} ${lp} ${mapped(ra)} ${rp}`);
      if (viaMapped) return viaMapped;
    }
    if (p !== 17) return undefined;
    // An unconnected UDP socket receives (and sends) for its bound address and port.
    for (const [la, lp] of [[f.srcAddr, f.srcPort], [f.dstAddr, f.dstPort]] as const) {
      const bound = sockets.get(`${p} ${la} ${lp}`) ??
        (mapped(la) && sockets.get(`${p} ${mapped(la)} ${lp}`));
      if (bound) return bound;
      if (this.#local.has(la) || isLoopback(la)) {
        const any = sockets.get(`${p} ${la.includes(":") ? "::" : "0.0.0.0"} ${lp}`) ??
          (la.includes(":") ? undefined : sockets.get(`${p} :: ${lp}`));
        if (any) return any;
      }
    }
    return undefined;
  }

  #readSockets(nowMs: number): void {
    this.#socketsAt = nowMs;
    const map = new Map<string, SocketEntry>();
    for (const s of this.#listSockets()) {
      if (s.protocol === 6 && s.state === 10) continue; // listeners own no flow themselves
      if (s.remotePort !== 0) {
        map.set(`${s.protocol} ${s.localAddr} ${s.localPort} ${s.remoteAddr} ${s.remotePort}`, s);
      } else if (s.protocol === 17) {
        map.set(`${s.protocol} ${s.localAddr} ${s.localPort}`, s);
      }
    }
    this.#sockets = map;
  }

  #readOwners(nowMs: number): void {
    this.#ownersAt = nowMs;
    const owners = new Map<number, number>();
    let entries: Iterable<Deno.DirEntry>;
    try {
      entries = Deno.readDirSync(this.#procDir);
    } catch {
      this.#owners = owners;
      return;
    }
    for (const entry of entries) {
      if (!/^\d+$/.test(entry.name)) continue;
      const pid = Number(entry.name);
      const dir = `${this.#procDir}/${pid}/fd`;
      let fds: Iterable<Deno.DirEntry>;
      try {
        fds = Deno.readDirSync(dir);
      } catch {
        continue; // exited, or not ours to read: its sockets stay unknown
      }
      try {
        for (const fd of fds) {
          let link: string;
          try {
            link = Deno.readLinkSync(`${dir}/${fd.name}`);
          } catch {
            continue;
          }
          const m = /^socket:\[(\d+)\]$/.exec(link);
          if (!m) continue;
          const inode = Number(m[1]);
          const old = owners.get(inode);
          if (old === undefined || pid < old) owners.set(inode, pid);
        }
      } catch {
        continue; // the process exited while its fds were read
      }
    }
    this.#owners = owners;
  }

  #holds(pid: number, inode: number): boolean {
    const dir = `${this.#procDir}/${pid}/fd`;
    try {
      for (const fd of Deno.readDirSync(dir)) {
        try {
          if (Deno.readLinkSync(`${dir}/${fd.name}`) === `socket:[${inode}]`) return true;
        } catch {
          // closed meanwhile
        }
      }
    } catch {
      // exited
    }
    return false;
  }

  #command(pid: number): string | undefined {
    try {
      return Deno.readTextFileSync(`${this.#procDir}/${pid}/comm`).trim();
    } catch {
      return undefined;
    }
  }
}
