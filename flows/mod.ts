/**
 * Traffic statistics: a flow table fed from a live capture or a file (bidirectional flows keyed
 * by the 5-tuple plus VLAN and interface, idle and active timeouts, a memory bound with eviction
 * counted, rates over iftop's 2/10/40 s windows, totals by protocol) and top-N lists by host,
 * host pair, port or process; IPFIX messages (RFC 7011) of the flows for any collector. Pure: no
 * permissions needed.
 *
 * @example Flows of a capture file
 * ```ts ignore
 * import { FlowTable, topHosts } from "@tpacket/tpacket/flows";
 * import { PcapReader } from "@tpacket/tpacket/pcap";
 *
 * const table = new FlowTable({ onExpire: (flow) => console.log(flow) });
 * using file = await Deno.open("capture.pcap");
 * for await (const record of new PcapReader(file.readable)) table.add(record);
 * console.log(topHosts(table.flows(), 10));
 * table.flush();
 * ```
 *
 * @example Count one packet
 * ```ts
 * import { FlowTable } from "@tpacket/tpacket/flows";
 * import assert from "node:assert/strict";
 *
 * const table = new FlowTable();
 * table.add({ data: new Uint8Array(10), wireLen: 10, sec: 0, nsec: 0 });
 * assert.equal(table.stats().undecodable, 1);
 * ```
 *
 * @module
 */

export * from "./table.ts";
export * from "./top.ts";
export * from "./ipfix.ts";
export * from "./process.ts";
