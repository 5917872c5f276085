/**
 * The one record shape every part of the package hands a packet over in: the ring's frame, an
 * owned packet, a file record, what the printer and the flow table take. Each of those types
 * extends {@linkcode PacketRecord}, so a record from one part goes to any other as it is.
 *
 * @example A file record goes to the decoder and the printer as it is
 * ```ts
 * import { decodePacket, LINKTYPE, PacketPrinter, type PacketRecord } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * const data = Uint8Array.fromHex("ffffffffffff0200000000010806" +
 *   "0001080006040001020000000001c0a80001000000000000c0a80002");
 * const record: PacketRecord = { data, wireLen: 42, sec: 1, nsec: 0, linkType: LINKTYPE.ETHERNET };
 * assert.equal(decodePacket(record.linkType ?? LINKTYPE.ETHERNET, record.data).arp?.oper, 1);
 * const line = new PacketPrinter(LINKTYPE.ETHERNET, { timestamp: "none" }).format(record);
 * assert.equal(line, "ARP, Request who-has 192.168.0.2 tell 192.168.0.1, length 28");
 * ```
 *
 * @module
 */

/**
 * A captured packet: its bytes, its length on the wire, its timestamp and, when known, the
 * interface and the link type it was captured with.
 *
 * @example Copy a record out of a callback
 * ```ts
 * import type { PacketRecord } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * const keep = (r: PacketRecord): PacketRecord => ({ ...r, data: r.data.slice() });
 * const ring = new Uint8Array(60).fill(7);
 * const kept = keep({ data: ring.subarray(0, 60), wireLen: 1514, sec: 1700000000, nsec: 5 });
 * ring.fill(0); // the ring slot is reused for the next packet
 * assert.equal(kept.data[0], 7);
 * assert.equal(kept.wireLen, 1514);
 * ```
 */
export interface PacketRecord {
  /** The captured bytes, starting at the link-layer header (at most the snapshot length). */
  data: Uint8Array;
  /** Length of the packet on the wire, in bytes (at least `data.byteLength`). */
  wireLen: number;
  /** Timestamp: whole seconds since 1970-01-01 UTC. */
  sec: number;
  /** Timestamp: nanoseconds within the second (a multiple of 1000 at microsecond precision). */
  nsec: number;
  /** Index of the interface the packet was seen on (pcapng: the interface ID), when known. */
  ifIndex?: number;
  /** `LINKTYPE_*` of `data`: what `decodePacket(record.linkType, record.data)` needs. */
  linkType?: number;
}
