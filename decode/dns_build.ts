/**
 * DNS message builder (RFC 1035 4.1): header, questions and resource records written into the
 * caller's buffer, names uncompressed, the counts taken from the sections unless set.
 *
 * @module
 */

import { badField, put16, put32, putIpv4, putIpv6, room, uint } from "./_build_bytes.ts";
import type { DnsRdata } from "./dns.ts";

/**
 * A question to write.
 *
 * @example An AAAA question
 * ```ts
 * import { buildPacket, decodePacket, DNS_TYPE, type DnsQuestionInput } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const q: DnsQuestionInput = { name: "example.com", type: DNS_TYPE.AAAA };
 * const p = decodePacket(101, buildPacket([{ layer: "ipv4", srcAddr: "10.0.0.1", dstAddr: "10.0.0.2" }, { layer: "udp", srcPort: 40000, dstPort: 53 }, { layer: "dns", questions: [q] }]));
 * const [question] = p.dns!.sections().questions;
 * assert.deepEqual([question?.name, question?.type, question?.class], ["example.com.", 28, 1]);
 * ```
 */
export interface DnsQuestionInput {
  /** Name, with or without the final dot; ASCII labels of at most 63 bytes. */
  name: string;
  /** QTYPE. @default 1 (A) */
  type?: number;
  /** QCLASS. @default 1 (IN) */
  class?: number;
}

/**
 * A resource record to write: `data` in the decoder's shape (A/AAAA `address`; NS, CNAME,
 * PTR, DNAME `name`; MX; TXT `strings`; SRV; SOA), or raw `rdata`.
 *
 * @example An A record
 * ```ts
 * import { buildPacket, decodePacket, DNS_TYPE, type DnsRecordInput } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const a: DnsRecordInput = { name: "example.com", type: DNS_TYPE.A, ttl: 60, data: { address: "192.0.2.1" } };
 * const p = decodePacket(101, buildPacket([{ layer: "ipv4", srcAddr: "10.0.0.1", dstAddr: "10.0.0.2" }, { layer: "udp", srcPort: 40000, dstPort: 53 }, { layer: "dns", qr: true, answers: [a] }]));
 * const [answer] = p.dns!.sections().answers;
 * assert.deepEqual([answer?.ttl, answer?.data?.address], [60, "192.0.2.1"]);
 * ```
 */
export interface DnsRecordInput {
  /** Owner name. */
  name: string;
  /** TYPE. */
  type: number;
  /** CLASS. @default 1 (IN) */
  class?: number;
  /** TTL in seconds. @default 0 */
  ttl?: number;
  /** Parsed RDATA to encode. @default none */
  data?: DnsRdata;
  /** RDATA bytes, used as they are (wins over `data`). @default none */
  rdata?: Uint8Array;
}

/**
 * A DNS message layer (over UDP, or over TCP with its length prefix).
 *
 * @example A recursive query
 * ```ts
 * import { buildPacket, decodePacket, type DnsLayer } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const q: DnsLayer = { layer: "dns", id: 0x1234, rd: true, questions: [{ name: "example.com" }] };
 * const dns = decodePacket(101, buildPacket([{ layer: "ipv4", srcAddr: "10.0.0.1", dstAddr: "10.0.0.2" }, { layer: "udp", srcPort: 40000, dstPort: 53 }, q])).dns!;
 * assert.deepEqual([dns.id, dns.rd, dns.qdCount], [0x1234, true, 1]);
 * ```
 */
export interface DnsLayer {
  /** Kind of layer. */
  layer: "dns";
  /** ID. @default 0 */
  id?: number;
  /** The 16 flag bits as one number (wins over the fields below). @default from the fields */
  flags?: number;
  /** QR: a response. @default false */
  qr?: boolean;
  /** OPCODE. @default 0 */
  opcode?: number;
  /** AA. @default false */
  aa?: boolean;
  /** TC. @default false */
  tc?: boolean;
  /** RD. @default false */
  rd?: boolean;
  /** RA. @default false */
  ra?: boolean;
  /** AD. @default false */
  ad?: boolean;
  /** CD. @default false */
  cd?: boolean;
  /** RCODE. @default 0 */
  rcode?: number;
  /** Question section. @default none */
  questions?: readonly DnsQuestionInput[];
  /** Answer section. @default none */
  answers?: readonly DnsRecordInput[];
  /** Authority section. @default none */
  authorities?: readonly DnsRecordInput[];
  /** Additional section. @default none */
  additionals?: readonly DnsRecordInput[];
  /** QDCOUNT. @default the questions' number */
  qdCount?: number;
  /** ANCOUNT. @default the answers' number */
  anCount?: number;
  /** NSCOUNT. @default the authorities' number */
  nsCount?: number;
  /** ARCOUNT. @default the additionals' number */
  arCount?: number;
  /** Prefix the two-byte TCP length (RFC 1035 4.2.2). @default true right after a TCP layer */
  overTcp?: boolean;
  /** That length prefix. @default the message's length */
  tcpLength?: number;
}

const L = "dns";

/** Writes a name in wire form at `at`; returns the end. */
function writeName(b: Uint8Array, at: number, name: string, i: number): number {
  const n = name.length;
  let end = n;
  if (end > 0 && name.charCodeAt(end - 1) === 46) end--;
  if (end + 2 > 255) throw badField(i, L, "name", name, "at most 255 bytes long");
  room(b, at, end + 2, i, L);
  let lenAt = at, p = at + 1;
  for (let k = 0; k <= end; k++) {
    const c = k < end ? name.charCodeAt(k) : 46;
    if (c === 46) {
      const labelLen = p - lenAt - 1;
      if (labelLen === 0 && end > 0) throw badField(i, L, "name", name, "a domain name");
      if (labelLen > 63) throw badField(i, L, "name", name, "made of labels of ≤ 63 bytes");
      b[lenAt] = labelLen;
      lenAt = p++;
    } else {
      if (c > 127) throw badField(i, L, "name", name, "ASCII");
      b[p++] = c;
    }
  }
  if (end === 0) return at + 1; // the root: one zero byte
  b[lenAt] = 0;
  return lenAt + 1;
}

function writeRdata(b: Uint8Array, at: number, r: DnsRecordInput, i: number): number {
  if (r.rdata) {
    room(b, at, r.rdata.byteLength, i, L);
    b.set(r.rdata, at);
    return at + r.rdata.byteLength;
  }
  const d = r.data;
  if (!d) return at;
  switch (r.type) {
    case 1:
      room(b, at, 4, i, L);
      putIpv4(b, at, d.address ?? "", i, L, "address");
      return at + 4;
    case 28:
      room(b, at, 16, i, L);
      putIpv6(b, at, d.address ?? "", i, L, "address");
      return at + 16;
    case 2:
    case 5:
    case 12:
    case 39:
      return writeName(b, at, d.name ?? "", i);
    case 15:
      room(b, at, 2, i, L);
      put16(b, at, uint(d.preference ?? 0, 0xffff, i, L, "preference"));
      return writeName(b, at + 2, d.exchange ?? "", i);
    case 16: {
      let n = at;
      const strings = d.strings ?? [];
      for (let k0 = 0; k0 < strings.length; k0++) {
        const s = strings[k0]!;
        if (s.length > 255) throw badField(i, L, "TXT string", s, "at most 255 bytes");
        room(b, n, 1 + s.length, i, L);
        b[n] = s.length;
        for (let k = 0; k < s.length; k++) b[n + 1 + k] = s.charCodeAt(k);
        n += 1 + s.length;
      }
      return n;
    }
    case 33:
      room(b, at, 6, i, L);
      put16(b, at, uint(d.priority ?? 0, 0xffff, i, L, "priority"));
      put16(b, at + 2, uint(d.weight ?? 0, 0xffff, i, L, "weight"));
      put16(b, at + 4, uint(d.port ?? 0, 0xffff, i, L, "port"));
      return writeName(b, at + 6, d.target ?? "", i);
    case 6: {
      let n = writeName(b, at, d.mname ?? "", i);
      n = writeName(b, n, d.rname ?? "", i);
      room(b, n, 20, i, L);
      put32(b, n, d.serial ?? 0);
      put32(b, n + 4, d.refresh ?? 0);
      put32(b, n + 8, d.retry ?? 0);
      put32(b, n + 12, d.expire ?? 0);
      put32(b, n + 16, d.minimum ?? 0);
      return n + 20;
    }
  }
  throw badField(i, L, "record type", r.type, "one with a data encoder (give rdata)");
}

function writeRecords(
  b: Uint8Array,
  at: number,
  records: readonly DnsRecordInput[] | undefined,
  i: number,
): number {
  let n = at;
  if (!records) return n;
  for (let k = 0; k < records.length; k++) {
    const r = records[k]!;
    n = writeName(b, n, r.name, i);
    room(b, n, 10, i, L);
    put16(b, n, uint(r.type, 0xffff, i, L, "type"));
    put16(b, n + 2, uint(r.class ?? 1, 0xffff, i, L, "class"));
    put32(b, n + 4, uint(r.ttl ?? 0, 0xffffffff, i, L, "ttl"));
    const end = writeRdata(b, n + 10, r, i);
    put16(b, n + 8, end - n - 10);
    n = end;
  }
  return n;
}

/** Writes the DNS message `l` at `at` (after a length prefix when `overTcp`); returns the end. */
export function writeDns(
  b: Uint8Array,
  at: number,
  l: DnsLayer,
  overTcp: boolean,
  i: number,
): number {
  let n = at;
  if (overTcp) {
    room(b, n, 2, i, L);
    put16(b, n, uint(l.tcpLength ?? 0, 0xffff, i, L, "tcpLength"));
    n += 2;
  }
  room(b, n, 12, i, L);
  put16(b, n, uint(l.id ?? 0, 0xffff, i, L, "id"));
  const flags = l.flags ??
    ((l.qr ? 0x8000 : 0) | (uint(l.opcode ?? 0, 15, i, L, "opcode") << 11) |
      (l.aa ? 0x400 : 0) | (l.tc ? 0x200 : 0) | (l.rd ? 0x100 : 0) | (l.ra ? 0x80 : 0) |
      (l.ad ? 0x20 : 0) | (l.cd ? 0x10 : 0) | uint(l.rcode ?? 0, 15, i, L, "rcode"));
  put16(b, n + 2, uint(flags, 0xffff, i, L, "flags"));
  put16(b, n + 4, uint(l.qdCount ?? l.questions?.length ?? 0, 0xffff, i, L, "qdCount"));
  put16(b, n + 6, uint(l.anCount ?? l.answers?.length ?? 0, 0xffff, i, L, "anCount"));
  put16(b, n + 8, uint(l.nsCount ?? l.authorities?.length ?? 0, 0xffff, i, L, "nsCount"));
  put16(b, n + 10, uint(l.arCount ?? l.additionals?.length ?? 0, 0xffff, i, L, "arCount"));
  n += 12;
  const qs = l.questions;
  if (qs) {
    for (let k = 0; k < qs.length; k++) {
      const q = qs[k]!;
      n = writeName(b, n, q.name, i);
      room(b, n, 4, i, L);
      put16(b, n, uint(q.type ?? 1, 0xffff, i, L, "type"));
      put16(b, n + 2, uint(q.class ?? 1, 0xffff, i, L, "class"));
      n += 4;
    }
  }
  n = writeRecords(b, n, l.answers, i);
  n = writeRecords(b, n, l.authorities, i);
  return writeRecords(b, n, l.additionals, i);
}
