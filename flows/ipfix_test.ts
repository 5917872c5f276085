import assert from "node:assert/strict";
import { FlowTable } from "./table.ts";
import {
  IPFIX_ELEMENT,
  IPFIX_TEMPLATE_IPV4,
  IPFIX_TEMPLATE_IPV6,
  IPFIX_TEMPLATES,
  IpfixEncoder,
} from "./ipfix.ts";
import { frame, type FrameSpec } from "./_testing.ts";

interface Parsed {
  version: number;
  length: number;
  exportSec: number;
  sequence: number;
  domain: number;
  templates: Map<number, [number, number][]>;
  records: { set: number; bytes: Uint8Array }[];
}

/** Reads a message the way RFC 7011 lays it out; throws on any inconsistency. */
function parse(m: Uint8Array): Parsed {
  const dv = new DataView(m.buffer, m.byteOffset, m.byteLength);
  const out: Parsed = {
    version: dv.getUint16(0),
    length: dv.getUint16(2),
    exportSec: dv.getUint32(4),
    sequence: dv.getUint32(8),
    domain: dv.getUint32(12),
    templates: new Map(),
    records: [],
  };
  assert.equal(out.length, m.length);
  let off = 16;
  while (off < m.length) {
    const id = dv.getUint16(off);
    const len = dv.getUint16(off + 2);
    assert.ok(len >= 4 && off + len <= m.length, `set at ${off} of length ${len}`);
    const end = off + len;
    let at = off + 4;
    if (id === 2) {
      while (at < end) {
        const tid = dv.getUint16(at);
        const count = dv.getUint16(at + 2);
        at += 4;
        const fields: [number, number][] = [];
        for (let i = 0; i < count; i++, at += 4) {
          fields.push([dv.getUint16(at), dv.getUint16(at + 2)]);
        }
        out.templates.set(tid, fields);
      }
    } else {
      const recLen = IPFIX_TEMPLATES[id]!.reduce((n, e) => n + IPFIX_ELEMENT[e][1], 0);
      assert.equal((end - at) % recLen, 0);
      for (; at < end; at += recLen) {
        out.records.push({ set: id, bytes: m.subarray(at, at + recLen) });
      }
    }
    off = end;
  }
  return out;
}

function table(specs: FrameSpec[]): FlowTable {
  const t = new FlowTable();
  specs.forEach((s, i) => {
    const d = frame(s);
    t.addBytes(d, d.length, 1000, i * 1e6, 4, 1);
  });
  return t;
}

Deno.test("IpfixEncoder.encode() writes the header, both templates, then the records", () => {
  const t = table([
    { src: "10.0.0.1", dst: "10.0.0.2", protocol: 17, srcPort: 1, dstPort: 2, payload: 2 },
    { src: "10.0.0.2", dst: "10.0.0.1", protocol: 17, srcPort: 2, dstPort: 1 },
    { src: "2001:db8::1", dst: "::ffff:102:304", protocol: 58, icmp: [128, 0] },
  ]);
  const [m, more] = new IpfixEncoder({ observationDomainId: 77 }).encode(t.flows(), 5_000_999);
  assert.equal(more, undefined);
  const p = parse(m!);
  assert.deepEqual([p.version, p.exportSec, p.sequence, p.domain], [10, 5000, 0, 77]);
  for (const id of [IPFIX_TEMPLATE_IPV4, IPFIX_TEMPLATE_IPV6]) {
    assert.deepEqual(p.templates.get(id), IPFIX_TEMPLATES[id]!.map((e) => [...IPFIX_ELEMENT[e]]));
  }
  assert.deepEqual(p.records.map((r) => [r.set, r.bytes.length]), [[257, 80], [256, 56], [
    256,
    56,
  ]]);
  const v6 = new DataView(p.records[0]!.bytes.slice().buffer);
  assert.deepEqual(
    [...p.records[0]!.bytes.subarray(16, 32)],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4],
  );
  assert.equal(v6.getUint8(36), 58); // protocolIdentifier
  assert.equal(v6.getUint16(78), 128 << 8); // icmpTypeCodeIPv6
  const fwd = new DataView(p.records[1]!.bytes.slice().buffer);
  const rev = new DataView(p.records[2]!.bytes.slice().buffer);
  // src, dst, sport, dport, packets, octets, start, end, ingressInterface, flowEndReason 4 (forced)
  const fields = (dv: DataView) => [
    dv.getUint32(0),
    dv.getUint32(4),
    dv.getUint16(8),
    dv.getUint16(10),
    dv.getBigUint64(15),
    dv.getBigUint64(23),
    dv.getBigUint64(31),
    dv.getBigUint64(39),
    dv.getUint32(49),
    dv.getUint8(53),
  ];
  // Each direction's own start and end: the forward packet at 1000000 ms, the reverse one 1 ms on.
  assert.deepEqual(fields(fwd), [0x0a000001, 0x0a000002, 1, 2, 1n, 30n, 1000000n, 1000000n, 4, 4]);
  assert.deepEqual(fields(rev), [0x0a000002, 0x0a000001, 2, 1, 1n, 28n, 1000001n, 1000001n, 4, 4]);
});

Deno.test("IpfixEncoder splits records over messages of maxMessageLen, counting the sequence", () => {
  const specs: FrameSpec[] = [];
  for (let i = 0; i < 100; i++) {
    specs.push({ src: "10.0.0.1", dst: "10.0.1.1", srcPort: i + 1, dstPort: 80 });
  }
  const encoder = new IpfixEncoder({ maxMessageLen: 600, templateRefreshMs: 10_000 });
  const first = encoder.encode(table(specs).flows(), 0);
  assert.ok(first.every((m) => m.length <= 600));
  const parsed = first.map(parse);
  assert.equal(parsed.reduce((n, p) => n + p.records.length, 0), 100);
  // Each message's Sequence Number counts the records of the messages before it.
  let seq = 0;
  for (const p of parsed) {
    assert.equal(p.sequence, seq);
    seq += p.records.length;
  }
  assert.deepEqual(parsed.map((p) => p.templates.size), [
    2,
    ...new Array(parsed.length - 1).fill(0),
  ]);
  // Templates again once the refresh interval has passed, not before.
  assert.equal(
    parse(encoder.encode(table(specs.slice(0, 1)).flows(), 9_999)[0]!).templates.size,
    0,
  );
  assert.equal(
    parse(encoder.encode(table(specs.slice(0, 1)).flows(), 10_000)[0]!).templates.size,
    2,
  );
  assert.equal(encoder.sequence, 102);
  assert.deepEqual(encoder.encode([], 0), []);
  assert.equal(parse(encoder.templates(20_000)).templates.size, 2);
});

Deno.test("new IpfixEncoder() rejects a message size that cannot hold a record", () => {
  assert.throws(
    () => new IpfixEncoder({ maxMessageLen: 100 }),
    /Cannot make the IPFIX encoder: maxMessageLen must be an integer from \d+ to 65535, not 100/,
  );
});
