/**
 * DNS messages (RFC 1035) over UDP and TCP: header, questions and resource records with name
 * compression, and the RDATA of A, AAAA, CNAME, PTR, NS, MX, TXT, SOA, SRV and OPT records.
 *
 * @module
 */

import { formatIpv4, formatIpv6 } from "../address.ts";
import { DNS_TYPE } from "../protocols.ts";
import { requireBytes, u16, u32 } from "./_bytes.ts";
import { DecodeError, type DecodeIssue } from "./errors.ts";

/**
 * Byte offsets of DNS header fields (RFC 1035 4.1.1), from the start of the message.
 *
 * @example Read the ID by offset
 * ```ts
 * import { DNS_FIELD, DnsView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const b = Uint8Array.fromHex("abcd01000001000000000000" + "03777777076578616d706c6503636f6d00" + "00010001");
 * assert.equal((b[DNS_FIELD.ID]! << 8) | b[DNS_FIELD.ID + 1]!, DnsView.from(b).id);
 * ```
 */
export const DNS_FIELD = {
  ID: 0,
  FLAGS: 2,
  QDCOUNT: 4,
  ANCOUNT: 6,
  NSCOUNT: 8,
  ARCOUNT: 10,
} as const;

/**
 * Length of the DNS header, in bytes.
 *
 * @example Find the question section
 * ```ts
 * import { DNS_HEADER_LEN, DnsView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const dns = DnsView.from(Uint8Array.fromHex("abcd01000001000000000000" + "03777777076578616d706c6503636f6d00" + "00010001"));
 * assert.equal(dns.payload.byteOffset, DNS_HEADER_LEN);
 * ```
 */
export const DNS_HEADER_LEN = 12;

/**
 * Ports on which the walker reads DNS: DNS itself and multicast DNS (RFC 6762).
 *
 * @example Tell whether a port carries DNS
 * ```ts
 * import { DNS_PORTS } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * assert.equal(DNS_PORTS.includes(5353), true);
 * assert.equal(DNS_PORTS.includes(80), false);
 * ```
 */
export const DNS_PORTS: readonly number[] = [53, 5353];

/** Most labels read in one name before it is called malformed. */
const MAX_LABELS = 128;

/**
 * A question (RFC 1035 4.1.2).
 *
 * @example Read the question
 * ```ts
 * import { DnsView, type DnsQuestion } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const [q]: DnsQuestion[] = DnsView.from(Uint8Array.fromHex("abcd01000001000000000000" + "03777777076578616d706c6503636f6d00" + "00010001")).sections().questions;
 * assert.equal(q?.name, "www.example.com.");
 * ```
 */
export interface DnsQuestion {
  /** Name in presentation form with a final dot (`www.example.com.`; the root is `.`). */
  name: string;
  /** QTYPE. */
  type: number;
  /** QCLASS (the top bit is mDNS's unicast-response flag). */
  class: number;
}

/**
 * Parsed RDATA: which fields are set depends on the record type.
 *
 * @example Read an A record's address
 * ```ts
 * import { DnsView, type DnsRdata } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const data: DnsRdata | undefined = DnsView.from(Uint8Array.fromHex(
 *   "abcd81800001000100000000" + "03777777076578616d706c6503636f6d00" + "00010001" +
 *     "c00c000100010000003c00045db8d822",
 * )).sections().answers[0]?.data;
 * assert.equal(data?.address, "93.184.216.34");
 * ```
 */
export interface DnsRdata {
  /** A or AAAA address. */
  address?: string;
  /** NS, CNAME, PTR or DNAME target. */
  name?: string;
  /** MX preference. */
  preference?: number;
  /** MX exchange. */
  exchange?: string;
  /** TXT character-strings, non-printable bytes as `\DDD`. */
  strings?: string[];
  /** SOA primary server. */
  mname?: string;
  /** SOA responsible mailbox. */
  rname?: string;
  /** SOA serial. */
  serial?: number;
  /** SOA refresh, seconds. */
  refresh?: number;
  /** SOA retry, seconds. */
  retry?: number;
  /** SOA expire, seconds. */
  expire?: number;
  /** SOA minimum, seconds. */
  minimum?: number;
  /** SRV priority. */
  priority?: number;
  /** SRV weight. */
  weight?: number;
  /** SRV port. */
  port?: number;
  /** SRV target. */
  target?: string;
  /** OPT: requester's UDP payload size (the CLASS field). */
  udpPayloadSize?: number;
  /** OPT: extended RCODE (high 8 bits of the TTL field). */
  extendedRcode?: number;
  /** OPT: EDNS version. */
  version?: number;
  /** OPT: DO bit. */
  dnssecOk?: boolean;
  /** OPT: options as code and hex data. */
  options?: { code: number; data: string }[];
}

/**
 * A resource record (RFC 1035 4.1.3).
 *
 * @example Read an answer
 * ```ts
 * import { DnsView, type DnsRecord } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const [a]: DnsRecord[] = DnsView.from(Uint8Array.fromHex(
 *   "abcd81800001000100000000" + "03777777076578616d706c6503636f6d00" + "00010001" +
 *     "c00c000100010000003c00045db8d822",
 * )).sections().answers;
 * assert.deepEqual([a?.name, a?.type, a?.ttl, a?.rdLen], ["www.example.com.", 1, 60, 4]);
 * ```
 */
export interface DnsRecord {
  /** Owner name, presentation form with a final dot. */
  name: string;
  /** TYPE. */
  type: number;
  /** CLASS (the top bit is mDNS's cache-flush flag). */
  class: number;
  /** TTL, seconds. */
  ttl: number;
  /** RDLENGTH, bytes. */
  rdLen: number;
  /** RDATA as lower-case hex. */
  rdata: string;
  /** Parsed RDATA, when the type is one of {@linkcode DNS_TYPE} and the data is well-formed. */
  data?: DnsRdata;
}

/**
 * The sections of a message, as far as they could be read.
 *
 * @example Read a truncated message
 * ```ts
 * import { DnsView, type DnsSections } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const s: DnsSections = DnsView.from(Uint8Array.fromHex("abcd01000001000000000000" + "03777777076578616d706c6503636f6d00" + "00010001").subarray(0, 20)).sections();
 * assert.equal(s.issue?.reason, "truncated");
 * assert.equal(s.questions.length, 0);
 * ```
 */
export interface DnsSections {
  /** Question section. */
  questions: DnsQuestion[];
  /** Answer section. */
  answers: DnsRecord[];
  /** Authority section. */
  authorities: DnsRecord[];
  /** Additional section. */
  additionals: DnsRecord[];
  /** Why reading stopped before the counts were met (truncated, bad pointer), if it did. */
  issue?: DecodeIssue;
}

/**
 * Plain copy of a DNS message, safe to keep.
 *
 * @example Keep a DNS message
 * ```ts
 * import { DnsView, type DnsHeader } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const h: DnsHeader = DnsView.from(Uint8Array.fromHex("abcd01000001000000000000" + "03777777076578616d706c6503636f6d00" + "00010001")).toHeader();
 * assert.deepEqual([h.id, h.qdCount, h.questions.length], [0xabcd, 1, 1]);
 * ```
 */
export interface DnsHeader extends DnsSections {
  /** Layer name. */
  layer: "dns";
  /** TCP length prefix, when over TCP. */
  tcpLength?: number;
  /** ID. */
  id: number;
  /** Flags word (QR, Opcode, AA, TC, RD, RA, Z, AD, CD, RCODE). */
  flags: number;
  /** QDCOUNT. */
  qdCount: number;
  /** ANCOUNT. */
  anCount: number;
  /** NSCOUNT. */
  nsCount: number;
  /** ARCOUNT. */
  arCount: number;
}

/**
 * The walker's way in (internal to decode/, not exported by the package): wraps bytes that
 * {@linkcode DnsView.check} accepted without checking them again, re-pointing `reuse` when given.
 */
export let wrapDnsView: (reuse: DnsView | undefined, bytes: Uint8Array, base: number) => DnsView;

/**
 * Zero-copy view of a DNS message. Over TCP, the message starts with a 2-byte length
 * (RFC 1035 4.2.2): pass `overTcp`. Sections are parsed on request by
 * {@linkcode DnsView.sections}, which never throws and follows compression pointers only
 * backwards (as tcpdump does), so pointer loops end with a `bad-pointer` issue.
 *
 * @example Read a query
 * ```ts
 * import { DnsView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const dns = DnsView.from(Uint8Array.fromHex(
 *   "abcd01000001000000000000" + "03777777076578616d706c6503636f6d00" + "00010001",
 * ));
 * assert.deepEqual([dns.id, dns.qr, dns.rd, dns.qdCount], [0xabcd, false, true, 1]);
 * assert.deepEqual(dns.sections().questions, [{ name: "www.example.com.", type: 1, class: 1 }]);
 * ```
 */
export class DnsView {
  #bytes: Uint8Array;
  #base: number;
  private constructor(bytes: Uint8Array, base: number) {
    this.#bytes = bytes;
    this.#base = base;
  }
  static {
    wrapDnsView = (reuse, bytes, base) => {
      if (reuse === undefined) return new DnsView(bytes, base);
      reuse.#bytes = bytes;
      reuse.#base = base;
      return reuse;
    };
  }
  /**
   * Says why `bytes` is not a readable DNS header, or `undefined`. Never throws.
   *
   * @param bytes The message (after the UDP header, or the TCP payload with its length prefix).
   * @param overTcp `true` when a 2-byte length prefix comes first.
   * @returns The issue, or `undefined` when the 12-byte header can be read.
   */
  static check(bytes: Uint8Array, overTcp = false): DecodeIssue | undefined {
    const have = bytes.byteLength;
    const need = DNS_HEADER_LEN + (overTcp ? 2 : 0);
    if (have < need) return { layer: "dns", reason: "truncated", need, have };
    return undefined;
  }
  /**
   * Wraps `bytes`; throws {@linkcode DecodeError} when {@linkcode DnsView.check} fails.
   *
   * @param bytes The message (with its length prefix over TCP).
   * @param overTcp `true` when a 2-byte length prefix comes first.
   * @returns A view sharing `bytes`.
   */
  static from(bytes: Uint8Array, overTcp = false): DnsView {
    requireBytes(bytes, "dns");
    const issue = DnsView.check(bytes, overTcp);
    if (issue) throw new DecodeError(issue);
    return new DnsView(bytes, overTcp ? 2 : 0);
  }
  /** Layer name, `"dns"`. */
  get layer(): "dns" {
    return "dns";
  }
  /** The bytes this view wraps (length prefix included over TCP). */
  get bytes(): Uint8Array {
    return this.#bytes;
  }
  /** Header length in bytes: 12, plus the 2-byte prefix over TCP. */
  get headerLen(): number {
    return DNS_HEADER_LEN + this.#base;
  }
  /** Whether the message came with a TCP length prefix. */
  get overTcp(): boolean {
    return this.#base === 2;
  }
  /** TCP length prefix (message length in bytes), or `undefined` over UDP. */
  get tcpLength(): number | undefined {
    return this.#base === 2 ? u16(this.#bytes, 0) : undefined;
  }
  /** The message without the TCP length prefix, clipped to that length; shares memory. */
  get message(): Uint8Array {
    if (this.#base === 0) return this.#bytes;
    return this.#bytes.subarray(2, Math.min(2 + u16(this.#bytes, 0), this.#bytes.byteLength));
  }
  /** ID field. */
  get id(): number {
    return u16(this.#bytes, this.#base + DNS_FIELD.ID);
  }
  /** The 16-bit flags word. */
  get flags(): number {
    return u16(this.#bytes, this.#base + DNS_FIELD.FLAGS);
  }
  /** QR: a response. */
  get qr(): boolean {
    return (this.flags & 0x8000) !== 0;
  }
  /** Opcode (4 bits: 0 query, 4 notify, 5 update). */
  get opcode(): number {
    return (this.flags >> 11) & 0xf;
  }
  /** AA: authoritative answer. */
  get aa(): boolean {
    return (this.flags & 0x0400) !== 0;
  }
  /** TC: truncated message. */
  get tc(): boolean {
    return (this.flags & 0x0200) !== 0;
  }
  /** RD: recursion desired. */
  get rd(): boolean {
    return (this.flags & 0x0100) !== 0;
  }
  /** RA: recursion available. */
  get ra(): boolean {
    return (this.flags & 0x0080) !== 0;
  }
  /** Z: the reserved bit. */
  get z(): boolean {
    return (this.flags & 0x0040) !== 0;
  }
  /** AD: authentic data (RFC 4035). */
  get ad(): boolean {
    return (this.flags & 0x0020) !== 0;
  }
  /** CD: checking disabled (RFC 4035). */
  get cd(): boolean {
    return (this.flags & 0x0010) !== 0;
  }
  /** RCODE (4 bits of the header; OPT records extend it). */
  get rcode(): number {
    return this.flags & 0xf;
  }
  /** QDCOUNT: questions. */
  get qdCount(): number {
    return u16(this.#bytes, this.#base + DNS_FIELD.QDCOUNT);
  }
  /** ANCOUNT: answer records. */
  get anCount(): number {
    return u16(this.#bytes, this.#base + DNS_FIELD.ANCOUNT);
  }
  /** NSCOUNT: authority records. */
  get nsCount(): number {
    return u16(this.#bytes, this.#base + DNS_FIELD.NSCOUNT);
  }
  /** ARCOUNT: additional records. */
  get arCount(): number {
    return u16(this.#bytes, this.#base + DNS_FIELD.ARCOUNT);
  }
  /** Bytes after the header (the sections); shares memory. */
  get payload(): Uint8Array {
    return this.message.subarray(DNS_HEADER_LEN);
  }
  /**
   * Reads the four sections; never throws. Reading stops at the first record that cannot be
   * read, and `issue` says why; everything before it is kept.
   *
   * @returns Questions and records, plus `issue` when the counts could not be met.
   */
  sections(): DnsSections {
    const m = this.message;
    const out: DnsSections = { questions: [], answers: [], authorities: [], additionals: [] };
    let at = DNS_HEADER_LEN;
    for (let i = 0; i < this.qdCount; i++) {
      const name = readName(m, at);
      if ("reason" in name) return stopAt(out, name);
      at = name.end;
      if (at + 4 > m.byteLength) {
        const issue: DecodeIssue = {
          layer: "dns",
          reason: "truncated",
          need: at + 4,
          have: m.byteLength,
        };
        return stopAt(out, issue);
      }
      out.questions.push({ name: name.text, type: u16(m, at), class: u16(m, at + 2) });
      at += 4;
    }
    const lists = [
      [out.answers, this.anCount],
      [out.authorities, this.nsCount],
      [out.additionals, this.arCount],
    ] as const;
    for (const [list, count] of lists) {
      for (let i = 0; i < count; i++) {
        const rr = readRecord(m, at);
        if ("reason" in rr) return stopAt(out, rr);
        list.push(rr.record);
        at = rr.end;
      }
    }
    return out;
  }
  /**
   * Copies the header and all sections out; safe to keep after the frame is released.
   *
   * @returns The plain message.
   */
  toHeader(): DnsHeader {
    const h: DnsHeader = {
      layer: "dns",
      id: this.id,
      flags: this.flags,
      qdCount: this.qdCount,
      anCount: this.anCount,
      nsCount: this.nsCount,
      arCount: this.arCount,
      ...this.sections(),
    };
    if (this.#base === 2) h.tcpLength = this.tcpLength!;
    return h;
  }
  /**
   * Shows the copied-out fields in `console.log` and `Deno.inspect` (views keep their bytes
   * private, so the default form would be empty).
   *
   * @param inspect Deno's inspect function.
   * @param options Deno's inspect options.
   * @returns The class name and the plain header.
   */
  [Symbol.for("Deno.customInspect")](
    inspect: (value: unknown, options: unknown) => string,
    options: unknown,
  ): string {
    return `${this.constructor.name} ${inspect(this.toHeader(), options)}`;
  }
  /**
   * Plain form for `JSON.stringify`.
   *
   * @returns The same object as {@linkcode DnsView.toHeader}.
   */
  toJSON(): DnsHeader {
    return this.toHeader();
  }
}

function stopAt(out: DnsSections, issue: DecodeIssue): DnsSections {
  out.issue = issue;
  return out;
}

/** A name read from the message, or why it could not be. */
type NameResult = { text: string; end: number } | DecodeIssue;

/**
 * Reads the (possibly compressed) name at `at`. Each pointer must point before the lowest
 * offset read so far (tcpdump's rule), which bounds the walk and rejects loops.
 */
function readName(m: Uint8Array, at: number): NameResult {
  const have = m.byteLength;
  let text = "";
  let end = -1;
  let limit = at; // pointers must point strictly below this
  let i = at;
  for (let labels = 0; labels <= MAX_LABELS; labels++) {
    if (i >= have) return { layer: "dns", reason: "truncated", need: i + 1, have };
    const len = m[i]!;
    if (len === 0) {
      if (end < 0) end = i + 1;
      return { text: text === "" ? "." : text, end };
    }
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (i + 1 >= have) return { layer: "dns", reason: "truncated", need: i + 2, have };
      const target = ((len & 0x3f) << 8) | m[i + 1]!;
      if (end < 0) end = i + 2;
      if (target >= limit) {
        return { layer: "dns", reason: "bad-pointer", need: limit, have: target };
      }
      limit = target;
      i = target;
      continue;
    }
    if (kind !== 0) return { layer: "dns", reason: "bad-value", need: 0, have: len };
    if (i + 1 + len > have) return { layer: "dns", reason: "truncated", need: i + 1 + len, have };
    text += escapeLabel(m, i + 1, len) + ".";
    i += 1 + len;
  }
  return { layer: "dns", reason: "bad-length", need: MAX_LABELS, have: MAX_LABELS + 1 };
}

/** Presentation form of a label (RFC 1035 5.1): `.` and `\` escaped, other bytes outside
 * printable ASCII as `\DDD`. */
function escapeLabel(m: Uint8Array, at: number, len: number): string {
  let s = "";
  for (let k = at; k < at + len; k++) {
    const c = m[k]!;
    if (c === 0x2e || c === 0x5c) s += "\\" + String.fromCharCode(c);
    else if (c < 0x21 || c > 0x7e) s += "\\" + String(c).padStart(3, "0");
    else s += String.fromCharCode(c);
  }
  return s;
}

function escapeText(m: Uint8Array, at: number, len: number): string {
  let s = "";
  for (let k = at; k < at + len; k++) {
    const c = m[k]!;
    if (c === 0x22 || c === 0x5c) s += "\\" + String.fromCharCode(c);
    else if (c < 0x20 || c > 0x7e) s += "\\" + String(c).padStart(3, "0");
    else s += String.fromCharCode(c);
  }
  return s;
}

function readRecord(m: Uint8Array, at: number): { record: DnsRecord; end: number } | DecodeIssue {
  const name = readName(m, at);
  if ("reason" in name) return name;
  const f = name.end;
  const have = m.byteLength;
  if (f + 10 > have) return { layer: "dns", reason: "truncated", need: f + 10, have };
  const type = u16(m, f), cls = u16(m, f + 2), ttl = u32(m, f + 4), rdLen = u16(m, f + 8);
  const rd = f + 10;
  if (rd + rdLen > have) return { layer: "dns", reason: "truncated", need: rd + rdLen, have };
  const record: DnsRecord = {
    name: name.text,
    type,
    class: cls,
    ttl,
    rdLen,
    rdata: m.subarray(rd, rd + rdLen).toHex(),
  };
  const data = readRdata(m, type, cls, ttl, rd, rdLen);
  if (data) record.data = data;
  return { record, end: rd + rdLen };
}

/** Parses RDATA of the known types; `undefined` when unknown or malformed. */
function readRdata(
  m: Uint8Array,
  type: number,
  cls: number,
  ttl: number,
  at: number,
  len: number,
): DnsRdata | undefined {
  const end = at + len;
  // Names inside RDATA may point anywhere before them, but must end inside the RDATA.
  const name = (from: number) => {
    const n = readName(m, from);
    return "reason" in n || n.end > end ? undefined : n;
  };
  switch (type) {
    case DNS_TYPE.A:
      return len === 4 ? { address: formatIpv4(m, at) } : undefined;
    case DNS_TYPE.AAAA:
      return len === 16 ? { address: formatIpv6(m, at) } : undefined;
    case DNS_TYPE.NS:
    case DNS_TYPE.CNAME:
    case DNS_TYPE.PTR:
    case DNS_TYPE.DNAME: {
      const n = name(at);
      return n && n.end === end ? { name: n.text } : undefined;
    }
    case DNS_TYPE.MX: {
      if (len < 3) return undefined;
      const n = name(at + 2);
      return n && n.end === end ? { preference: u16(m, at), exchange: n.text } : undefined;
    }
    case DNS_TYPE.TXT: {
      const strings: string[] = [];
      let i = at;
      while (i < end) {
        const l = m[i]!;
        if (i + 1 + l > end) return undefined;
        strings.push(escapeText(m, i + 1, l));
        i += 1 + l;
      }
      return { strings };
    }
    case DNS_TYPE.SOA: {
      const mname = name(at);
      if (!mname) return undefined;
      const rname = name(mname.end);
      if (!rname || rname.end + 20 !== end) return undefined;
      const t = rname.end;
      return {
        mname: mname.text,
        rname: rname.text,
        serial: u32(m, t),
        refresh: u32(m, t + 4),
        retry: u32(m, t + 8),
        expire: u32(m, t + 12),
        minimum: u32(m, t + 16),
      };
    }
    case DNS_TYPE.SRV: {
      if (len < 7) return undefined;
      const n = name(at + 6);
      return n && n.end === end
        ? { priority: u16(m, at), weight: u16(m, at + 2), port: u16(m, at + 4), target: n.text }
        : undefined;
    }
    case DNS_TYPE.OPT: {
      const options: { code: number; data: string }[] = [];
      let i = at;
      while (i < end) {
        if (i + 4 > end) return undefined;
        const code = u16(m, i), l = u16(m, i + 2);
        if (i + 4 + l > end) return undefined;
        options.push({ code, data: m.subarray(i + 4, i + 4 + l).toHex() });
        i += 4 + l;
      }
      return {
        udpPayloadSize: cls,
        extendedRcode: ttl >>> 24,
        version: (ttl >>> 16) & 0xff,
        dnssecOk: (ttl & 0x8000) !== 0,
        options,
      };
    }
  }
  return undefined;
}
