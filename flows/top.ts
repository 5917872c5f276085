/**
 * Top talkers: the flows of a {@linkcode FlowTable} summed by host, host pair, port or any label
 * (a process), ranked by bytes or by one of the rates.
 *
 * @module
 */

import type { FlowRecord } from "./table.ts";

/** One row of a top-N list: a label and the sums of the flows under it. */
export interface TopEntry {
  /** The host address, `"a <-> b"` pair, `"tcp/443"` port, or the label given. */
  key: string;
  /** Flows summed. */
  flows: number;
  /** Packets both ways. */
  packets: number;
  /** IP bytes both ways. */
  bytes: number;
  /** Bytes sent by the key's side (for a host; for a pair, the first host), both ways otherwise. */
  sent: number;
  /** Bytes received by the key's side (0 when the key has no side). */
  received: number;
  /** Bytes per second both ways over the last 2, 10 and 40 s. */
  rate: [number, number, number];
}

/** What a top-N list is ranked by: total bytes, or the rate over 2, 10 or 40 s. */
export type TopSort = "bytes" | "packets" | "rate2" | "rate10" | "rate40";

function sortValue(e: { bytes: number; packets: number; rate: number[] }, by: TopSort): number {
  switch (by) {
    case "bytes":
      return e.bytes;
    case "packets":
      return e.packets;
    case "rate2":
      return e.rate[0]!;
    case "rate10":
      return e.rate[1]!;
    case "rate40":
      return e.rate[2]!;
  }
}

/**
 * Ranks flows themselves, largest first.
 *
 * @param flows Flows from {@linkcode FlowTable.flows}.
 * @param n How many to keep.
 * @param by The ranking key. @default "rate2"
 * @returns The top `n` flows.
 * @example The largest flow
 * ```ts
 * import { FlowTable, topFlows } from "@tpacket/tpacket/flows";
 * import assert from "node:assert/strict";
 * assert.deepEqual(topFlows(new FlowTable().flows(), 5), []);
 * ```
 */
export function topFlows(
  flows: readonly FlowRecord[],
  n: number,
  by: TopSort = "rate2",
): FlowRecord[] {
  const value = (f: FlowRecord) =>
    sortValue({
      bytes: f.bytes + f.revBytes,
      packets: f.packets + f.revPackets,
      rate: [f.rate[0] + f.revRate[0], f.rate[1] + f.revRate[1], f.rate[2] + f.revRate[2]],
    }, by);
  return flows.map((f) => [value(f), f] as const).sort((a, b) => b[0] - a[0]).slice(0, n).map((
    [, f],
  ) => f);
}

class Sums {
  readonly #map = new Map<string, TopEntry>();
  add(key: string, f: FlowRecord, sent: number, received: number): void {
    let e = this.#map.get(key);
    if (!e) {
      e = { key, flows: 0, packets: 0, bytes: 0, sent: 0, received: 0, rate: [0, 0, 0] };
      this.#map.set(key, e);
    }
    e.flows++;
    e.packets += f.packets + f.revPackets;
    e.bytes += f.bytes + f.revBytes;
    e.sent += sent;
    e.received += received;
    for (let w = 0; w < 3; w++) e.rate[w]! += f.rate[w]! + f.revRate[w]!;
  }
  top(n: number, by: TopSort): TopEntry[] {
    return [...this.#map.values()].sort((a, b) => sortValue(b, by) - sortValue(a, by)).slice(0, n);
  }
}

/**
 * Ranks hosts: each flow counts for both of its addresses.
 *
 * @param flows Flows from {@linkcode FlowTable.flows}.
 * @param n How many to keep.
 * @param by The ranking key. @default "rate2"
 * @returns The top `n` hosts, `sent`/`received` from the host's side.
 * @example Hosts of no flows
 * ```ts
 * import { topHosts } from "@tpacket/tpacket/flows";
 * import assert from "node:assert/strict";
 * assert.deepEqual(topHosts([], 10), []);
 * ```
 */
export function topHosts(
  flows: readonly FlowRecord[],
  n: number,
  by: TopSort = "rate2",
): TopEntry[] {
  const sums = new Sums();
  for (const f of flows) {
    sums.add(f.srcAddr, f, f.bytes, f.revBytes);
    if (f.dstAddr !== f.srcAddr) sums.add(f.dstAddr, f, f.revBytes, f.bytes);
  }
  return sums.top(n, by);
}

/**
 * Ranks host pairs (the two addresses of a flow, in either order).
 *
 * @param flows Flows from {@linkcode FlowTable.flows}.
 * @param n How many to keep.
 * @param by The ranking key. @default "rate2"
 * @returns The top `n` pairs, keyed `"a <-> b"` with the lower address first.
 * @example No pairs
 * ```ts
 * import { topPairs } from "@tpacket/tpacket/flows";
 * import assert from "node:assert/strict";
 * assert.deepEqual(topPairs([], 10), []);
 * ```
 */
export function topPairs(
  flows: readonly FlowRecord[],
  n: number,
  by: TopSort = "rate2",
): TopEntry[] {
  const sums = new Sums();
  for (const f of flows) {
    const fwd = f.srcAddr <= f.dstAddr;
    const key = fwd ? `${f.srcAddr} <-> ${f.dstAddr}` : `${f.dstAddr} <-> ${f.srcAddr}`;
    sums.add(key, f, fwd ? f.bytes : f.revBytes, fwd ? f.revBytes : f.bytes);
  }
  return sums.top(n, by);
}

/**
 * Ranks service ports: the port the first packet of each flow went to (`"tcp/443"`), or the
 * protocol alone for flows without ports (`"icmp"`).
 *
 * @param flows Flows from {@linkcode FlowTable.flows}.
 * @param n How many to keep.
 * @param protocolName Names a protocol number (the table's {@linkcode protocolName}).
 * @param by The ranking key. @default "rate2"
 * @returns The top `n` ports.
 * @example No ports
 * ```ts
 * import { protocolName, topPorts } from "@tpacket/tpacket/flows";
 * import assert from "node:assert/strict";
 * assert.deepEqual(topPorts([], 10, protocolName), []);
 * ```
 */
export function topPorts(
  flows: readonly FlowRecord[],
  n: number,
  protocolName: (protocol: number) => string,
  by: TopSort = "rate2",
): TopEntry[] {
  const sums = new Sums();
  for (const f of flows) {
    const name = protocolName(f.protocol);
    sums.add(f.dstPort || f.srcPort ? `${name}/${f.dstPort}` : name, f, 0, 0);
  }
  return sums.top(n, by);
}

/**
 * Ranks any label of a flow: the owning process (`"1234 curl"`), an interface, a VLAN.
 *
 * @param flows Flows from {@linkcode FlowTable.flows}.
 * @param n How many to keep.
 * @param label The label of a flow.
 * @param by The ranking key. @default "rate2"
 * @returns The top `n` labels.
 * @example Rank by VLAN
 * ```ts
 * import { topBy } from "@tpacket/tpacket/flows";
 * import assert from "node:assert/strict";
 * assert.deepEqual(topBy([], 3, (f) => `vlan ${f.vlan}`), []);
 * ```
 */
export function topBy(
  flows: readonly FlowRecord[],
  n: number,
  label: (flow: FlowRecord) => string,
  by: TopSort = "rate2",
): TopEntry[] {
  const sums = new Sums();
  for (const f of flows) sums.add(label(f), f, f.bytes, f.revBytes);
  return sums.top(n, by);
}
