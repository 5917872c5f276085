/**
 * Flows packed as numbers (the form top's capture Worker hands its snapshots to the main
 * thread in): the layout, packing records and unpacking them, and {@linkcode packTop}, which
 * packs a table's busiest flows straight from its slots, without a record between. Not part of
 * the package's API (`flows/mod.ts` does not export it).
 *
 * @module
 */

import type { FlowRecord, FlowTable } from "./table.ts";

/**
 * Flows as two values instead of hundreds of objects: their numbers in one `Float64Array`
 * ({@linkcode PACKED_NUMBERS} a flow, at the offsets of {@linkcode PACKED}) and their strings
 * (addresses, TCP state) once each in a list the numbers index. A snapshot's 500 records cost
 * ~1.1 ms to structured-clone (serialized here, deserialized on the main thread, every second);
 * packed, a fraction of that, and the main thread sums hosts, pairs and ports from the numbers
 * (see `snapshotPacked` in examples/top.ts), making objects only for the rows it shows.
 */
export interface PackedFlows {
  /** Flows. */
  count: number;
  /** Per flow, the numbers of a {@linkcode FlowRecord}, and its strings' indices in `strings`. */
  numbers: Float64Array;
  /** Each distinct address and state of the flows, once. */
  strings: string[];
}

/** Offsets of a flow's fields in {@linkcode PackedFlows.numbers}. */
export const PACKED = {
  FAMILY: 0,
  PROTOCOL: 1,
  SRC_PORT: 2,
  DST_PORT: 3,
  VLAN: 4,
  IF_INDEX: 5,
  PACKETS: 6,
  BYTES: 7,
  REV_PACKETS: 8,
  REV_BYTES: 9,
  FIRST_MS: 10,
  LAST_MS: 11,
  FWD_FIRST_MS: 12,
  FWD_LAST_MS: 13,
  REV_FIRST_MS: 14,
  REV_LAST_MS: 15,
  TCP_FLAGS: 16,
  REV_TCP_FLAGS: 17,
  ICMP: 18,
  REV_ICMP: 19,
  /** The three rates, then the reverse direction's three. */
  RATE: 20,
  REV_RATE: 23,
  /** Indices in {@linkcode PackedFlows.strings}. */
  SRC_ADDR: 26,
  DST_ADDR: 27,
  STATE: 28,
} as const;

/** Numbers of one flow in {@linkcode PackedFlows.numbers}. */
export const PACKED_NUMBERS = 29;

/** Packs flows for a post to the main thread. */
export function packFlows(flows: readonly FlowRecord[]): PackedFlows {
  const n = flows.length;
  const numbers = new Float64Array(n * PACKED_NUMBERS);
  const strings: string[] = [];
  const at = new Map<string, number>();
  const intern = (text: string) => {
    let i = at.get(text);
    if (i === undefined) at.set(text, i = strings.push(text) - 1);
    return i;
  };
  const P = PACKED;
  for (let i = 0; i < n; i++) {
    const f = flows[i]!;
    const o = i * PACKED_NUMBERS;
    numbers[o + P.FAMILY] = f.family;
    numbers[o + P.PROTOCOL] = f.protocol;
    numbers[o + P.SRC_PORT] = f.srcPort;
    numbers[o + P.DST_PORT] = f.dstPort;
    numbers[o + P.VLAN] = f.vlan;
    numbers[o + P.IF_INDEX] = f.ifIndex;
    numbers[o + P.PACKETS] = f.packets;
    numbers[o + P.BYTES] = f.bytes;
    numbers[o + P.REV_PACKETS] = f.revPackets;
    numbers[o + P.REV_BYTES] = f.revBytes;
    numbers[o + P.FIRST_MS] = f.firstMs;
    numbers[o + P.LAST_MS] = f.lastMs;
    numbers[o + P.FWD_FIRST_MS] = f.fwdFirstMs;
    numbers[o + P.FWD_LAST_MS] = f.fwdLastMs;
    numbers[o + P.REV_FIRST_MS] = f.revFirstMs;
    numbers[o + P.REV_LAST_MS] = f.revLastMs;
    numbers[o + P.TCP_FLAGS] = f.tcpFlags;
    numbers[o + P.REV_TCP_FLAGS] = f.revTcpFlags;
    numbers[o + P.ICMP] = f.icmp;
    numbers[o + P.REV_ICMP] = f.revIcmp;
    numbers[o + P.RATE] = f.rate[0];
    numbers[o + P.RATE + 1] = f.rate[1];
    numbers[o + P.RATE + 2] = f.rate[2];
    numbers[o + P.REV_RATE] = f.revRate[0];
    numbers[o + P.REV_RATE + 1] = f.revRate[1];
    numbers[o + P.REV_RATE + 2] = f.revRate[2];
    numbers[o + P.SRC_ADDR] = intern(f.srcAddr);
    numbers[o + P.DST_ADDR] = intern(f.dstAddr);
    numbers[o + P.STATE] = intern(f.state);
  }
  return { count: n, numbers, strings };
}

/**
 * Flow `i` of {@linkcode packFlows}, as the table made it (the same fields in the same order,
 * so a JSON line of it is the same).
 */
export function unpackFlow(p: PackedFlows, i: number): FlowRecord {
  const v = p.numbers;
  const s = p.strings;
  const o = i * PACKED_NUMBERS;
  const P = PACKED;
  return {
    family: v[o + P.FAMILY] === 6 ? 6 : 4,
    protocol: v[o + P.PROTOCOL]!,
    srcAddr: s[v[o + P.SRC_ADDR]!]!,
    srcPort: v[o + P.SRC_PORT]!,
    dstAddr: s[v[o + P.DST_ADDR]!]!,
    dstPort: v[o + P.DST_PORT]!,
    vlan: v[o + P.VLAN]!,
    ifIndex: v[o + P.IF_INDEX]!,
    packets: v[o + P.PACKETS]!,
    bytes: v[o + P.BYTES]!,
    revPackets: v[o + P.REV_PACKETS]!,
    revBytes: v[o + P.REV_BYTES]!,
    firstMs: v[o + P.FIRST_MS]!,
    lastMs: v[o + P.LAST_MS]!,
    fwdFirstMs: v[o + P.FWD_FIRST_MS]!,
    fwdLastMs: v[o + P.FWD_LAST_MS]!,
    revFirstMs: v[o + P.REV_FIRST_MS]!,
    revLastMs: v[o + P.REV_LAST_MS]!,
    tcpFlags: v[o + P.TCP_FLAGS]!,
    revTcpFlags: v[o + P.REV_TCP_FLAGS]!,
    state: s[v[o + P.STATE]!]!,
    icmp: v[o + P.ICMP]!,
    revIcmp: v[o + P.REV_ICMP]!,
    rate: [v[o + P.RATE]!, v[o + P.RATE + 1]!, v[o + P.RATE + 2]!],
    revRate: [v[o + P.REV_RATE]!, v[o + P.REV_RATE + 1]!, v[o + P.REV_RATE + 2]!],
  };
}

/** Every flow of {@linkcode packFlows}, as the table made them. */
export function unpackFlows(p: PackedFlows): FlowRecord[] {
  const out: FlowRecord[] = [];
  for (let i = 0; i < p.count; i++) out.push(unpackFlow(p, i));
  return out;
}

/** What table.ts lends this module: its top() selection packed from the slots. */
type PackTop = (
  table: FlowTable,
  limit: number,
  by: "bytes" | "packets" | "rate2" | "rate10" | "rate40",
  nowMs: number,
  into: Float64Array | undefined,
) => PackedFlows;

let packer: PackTop | undefined;

/** Called once by table.ts, as the class is defined. */
export function grantPackAccess(pack: PackTop): void {
  packer = pack;
}

/**
 * `packFlows(table.top(limit, by, nowMs))`, the same flows, numbers and strings in the same
 * order, made from the table's slots: no record per flow (their address strings, rate arrays
 * and objects were most of a snapshot's cost in the Worker, and its garbage), each distinct
 * IPv4 address formatted once.
 *
 * @param table The table.
 * @param limit Flows at most.
 * @param by The sort key, as top()'s.
 * @param nowMs The time the rates are computed for.
 * @param into Where the numbers go when it has room for them (a `SharedArrayBuffer`'s view,
 *   say: a post of the result then copies nothing); a new array otherwise.
 * @returns The packed flows; `numbers` may be longer than `count` flows.
 */
export function packTop(
  table: FlowTable,
  limit: number,
  by: "bytes" | "packets" | "rate2" | "rate10" | "rate40",
  nowMs: number,
  into?: Float64Array,
): PackedFlows {
  if (packer === undefined) throw new Error("flows/table.ts is not loaded");
  return packer(table, limit, by, nowMs, into);
}
