/**
 * IPFIX export (RFC 7011, information elements of RFC 7012 / IANA's registry): flows from a
 * {@linkcode FlowTable} encoded as messages for any collector (nfcapd, ntopng, Elastiflow, …),
 * one unidirectional record per direction that carried packets, with a template for IPv4 and
 * one for IPv6. Pure: the bytes only; sending them is the caller's (a UDP socket).
 *
 * @module
 */

import type { FlowEndReason, FlowRecord } from "./table.ts";
import { FLOW_END_REASON } from "./table.ts";

/** IPFIX's version number in the message header. */
export const IPFIX_VERSION = 10;
/** Template ID of the IPv4 records. */
export const IPFIX_TEMPLATE_IPV4 = 256;
/** Template ID of the IPv6 records. */
export const IPFIX_TEMPLATE_IPV6 = 257;
/** Default {@linkcode IpfixOptions.maxMessageLen}: fits an Ethernet MTU with IPv6 and UDP. */
export const DEFAULT_IPFIX_MESSAGE_LEN = 1400;
/** Default {@linkcode IpfixOptions.templateRefreshMs} (RFC 7011 §8.4: resend templates on UDP). */
export const DEFAULT_IPFIX_TEMPLATE_REFRESH_MS = 60_000;

/** IANA information element IDs used by the templates, with their lengths in bytes. */
export const IPFIX_ELEMENT = {
  octetDeltaCount: [1, 8],
  packetDeltaCount: [2, 8],
  protocolIdentifier: [4, 1],
  tcpControlBits: [6, 2],
  sourceTransportPort: [7, 2],
  sourceIPv4Address: [8, 4],
  ingressInterface: [10, 4],
  destinationTransportPort: [11, 2],
  destinationIPv4Address: [12, 4],
  sourceIPv6Address: [27, 16],
  destinationIPv6Address: [28, 16],
  icmpTypeCodeIPv4: [32, 2],
  vlanId: [58, 2],
  flowEndReason: [136, 1],
  icmpTypeCodeIPv6: [139, 2],
  flowStartMilliseconds: [152, 8],
  flowEndMilliseconds: [153, 8],
} as const satisfies Record<string, readonly [id: number, length: number]>;

/** The name of an element in {@linkcode IPFIX_ELEMENT}. */
export type IpfixElementName = keyof typeof IPFIX_ELEMENT;

const COMMON: readonly IpfixElementName[] = [
  "sourceTransportPort",
  "destinationTransportPort",
  "protocolIdentifier",
  "tcpControlBits",
  "packetDeltaCount",
  "octetDeltaCount",
  "flowStartMilliseconds",
  "flowEndMilliseconds",
  "vlanId",
  "ingressInterface",
  "flowEndReason",
];
/** The fields of each template, in record order. */
export const IPFIX_TEMPLATES: Readonly<Record<number, readonly IpfixElementName[]>> = {
  [IPFIX_TEMPLATE_IPV4]: [
    "sourceIPv4Address",
    "destinationIPv4Address",
    ...COMMON,
    "icmpTypeCodeIPv4",
  ],
  [IPFIX_TEMPLATE_IPV6]: [
    "sourceIPv6Address",
    "destinationIPv6Address",
    ...COMMON,
    "icmpTypeCodeIPv6",
  ],
};

const recordLen = (id: number) => IPFIX_TEMPLATES[id]!.reduce((n, e) => n + IPFIX_ELEMENT[e][1], 0);
const RECORD_LEN = {
  [IPFIX_TEMPLATE_IPV4]: recordLen(IPFIX_TEMPLATE_IPV4),
  [IPFIX_TEMPLATE_IPV6]: recordLen(IPFIX_TEMPLATE_IPV6),
};
const HEADER_LEN = 16;
const SET_HEADER_LEN = 4;
const TEMPLATE_SET_LEN = SET_HEADER_LEN +
  Object.values(IPFIX_TEMPLATES).reduce((n, fields) => n + 4 + fields.length * 4, 0);

/** Options of {@linkcode IpfixEncoder}. */
export interface IpfixOptions {
  /** Observation Domain ID of every message. @default 1 */
  observationDomainId?: number;
  /** Largest message, in bytes (RFC 7011 §10.3.3: stay under the path MTU on UDP). @default 1400 */
  maxMessageLen?: number;
  /** Templates are sent again after this long (and in the first message), in ms. @default 60000 */
  templateRefreshMs?: number;
}

/** Parses a dotted quad into `out` at `at`; false when it is not one. */
function putIpv4(text: string, out: Uint8Array, at: number): boolean {
  const parts = text.split(".");
  if (parts.length !== 4) return false;
  for (let i = 0; i < 4; i++) {
    const n = Number(parts[i]);
    if (!/^\d{1,3}$/.test(parts[i]!) || n > 255) return false;
    out[at + i] = n;
  }
  return true;
}

/** Parses IPv6 text (`::` and a dotted IPv4 tail allowed) into 16 bytes of `out` at `at`. */
function putIpv6(text: string, out: Uint8Array, at: number): boolean {
  if (text.includes(".")) {
    // The dotted tail becomes two hex groups.
    const colon = text.lastIndexOf(":");
    const v4 = new Uint8Array(4);
    if (colon < 0 || !putIpv4(text.slice(colon + 1), v4, 0)) return false;
    const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);
    text = `${text.slice(0, colon + 1)}${hex(v4[0]!, v4[1]!)}:${hex(v4[2]!, v4[3]!)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return false;
  const groups = (s: string) =>
    s === "" ? [] : s.split(":").map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const fill = 8 - head.length - rest.length;
  if (fill < 0 || (halves.length === 1 && fill !== 0)) return false;
  const all = [...head, ...new Array<number>(fill).fill(0), ...rest];
  for (let i = 0; i < 8; i++) {
    const g = all[i]!;
    if (!Number.isInteger(g)) return false;
    out[at + 2 * i] = g >> 8;
    out[at + 2 * i + 1] = g & 255;
  }
  return true;
}

/**
 * Encodes flow records as IPFIX messages: a header, the template set when due, and data sets
 * of unidirectional records (a flow gives one record per direction that carried packets; the
 * reverse one with its addresses and ports swapped). The sequence number counts data records,
 * as RFC 7011 §3.1 says.
 *
 * @example Encode one flow and read the message header back
 * ```ts
 * import { FlowTable, IpfixEncoder } from "@tpacket/tpacket/flows";
 * import assert from "node:assert/strict";
 *
 * const syn = Uint8Array.fromHex( // 192.168.0.1.50000 > 192.168.0.2.80: Flags [S]
 *   "020000000002020000000001080045000028000100004006f97bc0a80001c0a80002" +
 *     "c350005000000001000000005002faf06ffc0000",
 * );
 * const table = new FlowTable();
 * table.add({ data: syn, wireLen: syn.length, sec: 1, nsec: 0 });
 * const encoder = new IpfixEncoder();
 * const [message] = encoder.encode(table.flows(), 2000);
 * const dv = new DataView(message!.buffer);
 * assert.deepEqual([dv.getUint16(0), dv.getUint16(2), dv.getUint32(4)], [10, message!.length, 2]);
 * assert.equal(encoder.sequence, 1);
 * ```
 */
export class IpfixEncoder {
  readonly #domain: number;
  readonly #maxLen: number;
  readonly #refreshMs: number;
  #sequence = 0;
  #templatesAt = -Infinity;

  /**
   * Makes an encoder; its first message will carry the templates.
   *
   * @param options Observation domain, message size, template refresh.
   */
  constructor(options: IpfixOptions = {}) {
    this.#domain = options.observationDomainId ?? 1;
    this.#maxLen = options.maxMessageLen ?? DEFAULT_IPFIX_MESSAGE_LEN;
    this.#refreshMs = options.templateRefreshMs ?? DEFAULT_IPFIX_TEMPLATE_REFRESH_MS;
    const least = HEADER_LEN + TEMPLATE_SET_LEN + SET_HEADER_LEN + RECORD_LEN[IPFIX_TEMPLATE_IPV6];
    if (!Number.isInteger(this.#maxLen) || this.#maxLen < least || this.#maxLen > 65535) {
      throw new RangeError(
        `Cannot make the IPFIX encoder: maxMessageLen must be an integer from ${least} to 65535, not ${this.#maxLen}`,
      );
    }
    if (!Number.isInteger(this.#domain) || this.#domain < 0 || this.#domain > 0xffffffff) {
      throw new RangeError(
        `Cannot make the IPFIX encoder: observationDomainId must be a 32-bit unsigned integer, not ${this.#domain}`,
      );
    }
  }

  /** Data records encoded so far (mod 2^32): the next message's Sequence Number. */
  get sequence(): number {
    return this.#sequence;
  }

  /**
   * The template set alone in a message, to send at start or when a collector restarts.
   *
   * @param exportTimeMs Export time, ms since the epoch.
   * @returns One message.
   */
  templates(exportTimeMs: number): Uint8Array {
    const out = new Uint8Array(HEADER_LEN + TEMPLATE_SET_LEN);
    const dv = new DataView(out.buffer);
    this.#writeTemplates(dv, HEADER_LEN);
    this.#writeHeader(dv, out.length, exportTimeMs);
    this.#templatesAt = exportTimeMs;
    return out;
  }

  /**
   * Encodes flows into as many messages as their records need.
   *
   * @param flows Flows as {@linkcode FlowTable} reports them (counts of the period).
   * @param exportTimeMs Export time, ms since the epoch (the header has seconds).
   * @returns Messages of at most `maxMessageLen` bytes; none when no flow carried packets.
   */
  encode(flows: readonly FlowRecord[], exportTimeMs: number): Uint8Array[] {
    const messages: Uint8Array[] = [];
    let buf = new Uint8Array(this.#maxLen);
    let dv = new DataView(buf.buffer);
    let len = 0;
    let setAt = -1; // offset of the open data set's header
    let setId = 0;
    let records = 0; // data records in the message being built
    const closeSet = () => {
      if (setAt >= 0) dv.setUint16(setAt + 2, len - setAt);
      setAt = -1;
    };
    const finish = () => {
      closeSet();
      if (records > 0) {
        this.#writeHeader(dv, len, exportTimeMs);
        messages.push(buf.slice(0, len));
        this.#sequence = (this.#sequence + records) >>> 0;
      }
      buf = new Uint8Array(this.#maxLen);
      dv = new DataView(buf.buffer);
      len = 0;
      records = 0;
    };
    const start = () => {
      len = HEADER_LEN;
      if (exportTimeMs - this.#templatesAt >= this.#refreshMs) {
        this.#writeTemplates(dv, len);
        len += TEMPLATE_SET_LEN;
        this.#templatesAt = exportTimeMs;
      }
    };
    const put = (f: FlowRecord, reverse: boolean) => {
      const id = f.family === 6 ? IPFIX_TEMPLATE_IPV6 : IPFIX_TEMPLATE_IPV4;
      const need = RECORD_LEN[id] + (setId === id && setAt >= 0 ? 0 : SET_HEADER_LEN);
      if (len === 0) start();
      else if (len + need > this.#maxLen) {
        finish();
        start();
      }
      if (setAt < 0 || setId !== id) {
        closeSet();
        setAt = len;
        setId = id;
        dv.setUint16(len, id);
        len += SET_HEADER_LEN;
      }
      len = this.#writeRecord(buf, dv, len, f, reverse);
      records++;
    };
    for (const f of flows) {
      if (f.packets > 0) put(f, false);
      if (f.revPackets > 0) put(f, true);
    }
    finish();
    return messages;
  }

  #writeHeader(dv: DataView, len: number, exportTimeMs: number): void {
    dv.setUint16(0, IPFIX_VERSION);
    dv.setUint16(2, len);
    dv.setUint32(4, Math.floor(exportTimeMs / 1000) >>> 0);
    dv.setUint32(8, this.#sequence);
    dv.setUint32(12, this.#domain);
  }

  #writeTemplates(dv: DataView, at: number): void {
    dv.setUint16(at, 2); // Template Set
    dv.setUint16(at + 2, TEMPLATE_SET_LEN);
    let off = at + SET_HEADER_LEN;
    for (const [id, fields] of Object.entries(IPFIX_TEMPLATES)) {
      dv.setUint16(off, Number(id));
      dv.setUint16(off + 2, fields.length);
      off += 4;
      for (const field of fields) {
        dv.setUint16(off, IPFIX_ELEMENT[field][0]);
        dv.setUint16(off + 2, IPFIX_ELEMENT[field][1]);
        off += 4;
      }
    }
  }

  #writeRecord(buf: Uint8Array, dv: DataView, at: number, f: FlowRecord, reverse: boolean): number {
    const addrLen = f.family === 6 ? 16 : 4;
    const put = f.family === 6 ? putIpv6 : putIpv4;
    const [src, dst] = reverse ? [f.dstAddr, f.srcAddr] : [f.srcAddr, f.dstAddr];
    if (!put(src, buf, at) || !put(dst, buf, at + addrLen)) {
      throw new TypeError(
        `Cannot encode flow: "${src}" or "${dst}" is not an IPv${f.family} address`,
      );
    }
    let off = at + 2 * addrLen;
    dv.setUint16(off, reverse ? f.dstPort : f.srcPort);
    dv.setUint16(off + 2, reverse ? f.srcPort : f.dstPort);
    dv.setUint8(off + 4, f.protocol);
    dv.setUint16(off + 5, reverse ? f.revTcpFlags : f.tcpFlags);
    dv.setBigUint64(off + 7, BigInt(reverse ? f.revPackets : f.packets));
    dv.setBigUint64(off + 15, BigInt(reverse ? f.revBytes : f.bytes));
    // Each direction's own first and last packet (RFC 7011's records are unidirectional).
    dv.setBigUint64(off + 23, BigInt(Math.floor(reverse ? f.revFirstMs : f.fwdFirstMs)));
    dv.setBigUint64(off + 31, BigInt(Math.floor(reverse ? f.revLastMs : f.fwdLastMs)));
    dv.setUint16(off + 39, f.vlan);
    dv.setUint32(off + 41, f.ifIndex);
    dv.setUint8(off + 45, FLOW_END_REASON[f.endReason ?? ("forced" as FlowEndReason)]);
    const icmp = reverse ? f.revIcmp : f.icmp;
    dv.setUint16(off + 46, icmp < 0 ? 0 : icmp);
    off += 48;
    return off;
  }
}
