import assert from "node:assert/strict";
import { decodeFrame, DNS_TYPE, DnsView } from "./mod.ts";
import { assertTruncations, cat, ether, fixture, hex, ipv4 } from "./_testing.ts";

const dnsOf = (name: Parameters<typeof fixture>[0]) => decodeFrame(fixture(name)).dns!;

const QUESTION = [{ name: "www.example.com.", type: 1, class: 1 }];

// tcpdump -vvv: 43981 q: A? www.example.com. 6/2/0 www.example.com. [5m] CNAME www.example.,
// www.example.com. [1m] A 93.184.216.34, www.example.com. [1m] AAAA 2001:db8::1,
// www.example.com. [1m] MX mail.www.example.com. 10, www.example.com. [1m] TXT "hello" "world",
// www.example.com. [1m] SRV sip.www.example.com.:5060 10 5 ns: www.example.com. [1h] SOA
// ns.www.example.com. hostmaster.www.example.com. 2024010101 7200 900 1209600 300,
// www.example.com. [1h] NS ns2.www.example.com. (239)
const ANSWERS = [
  [5, 300, { name: "www.example." }],
  [1, 60, { address: "93.184.216.34" }],
  [28, 60, { address: "2001:db8::1" }],
  [15, 60, { preference: 10, exchange: "mail.www.example.com." }],
  [16, 60, { strings: ["hello", "world"] }],
  [33, 60, { priority: 10, weight: 5, port: 5060, target: "sip.www.example.com." }],
] as const;
const AUTHORITIES = [
  [6, 3600, {
    mname: "ns.www.example.com.",
    rname: "hostmaster.www.example.com.",
    serial: 2024010101,
    refresh: 7200,
    retry: 900,
    expire: 1209600,
    minimum: 300,
  }],
  [2, 3600, { name: "ns2.www.example.com." }],
] as const;

Deno.test("DnsView reads every header field of a captured query", () => {
  // IP 10.9.0.1.45067 > 10.9.0.2.53: 43981+ A? www.example.com. (33)
  const dns = dnsOf("dnsQueryUdp");
  assert.equal(dns.layer, "dns");
  assert.equal(dns.bytes.byteLength, 33);
  assert.equal(dns.headerLen, 12);
  assert.deepEqual([dns.overTcp, dns.tcpLength], [false, undefined]);
  assert.equal(dns.message, dns.bytes);
  assert.equal(dns.id, 43981);
  assert.equal(dns.flags, 0x0100);
  assert.deepEqual(
    [dns.qr, dns.opcode, dns.aa, dns.tc, dns.rd, dns.ra, dns.z, dns.ad, dns.cd, dns.rcode],
    [false, 0, false, false, true, false, false, false, false, 0],
  );
  assert.deepEqual([dns.qdCount, dns.anCount, dns.nsCount, dns.arCount], [1, 0, 0, 0]);
  assert.equal(dns.payload.byteLength, 21);
  assert.deepEqual(dns.sections(), {
    questions: QUESTION,
    answers: [],
    authorities: [],
    additionals: [],
  });
  assert.deepEqual(dns.toHeader(), {
    layer: "dns",
    id: 43981,
    flags: 0x0100,
    qdCount: 1,
    anCount: 0,
    nsCount: 0,
    arCount: 0,
    questions: QUESTION,
    answers: [],
    authorities: [],
    additionals: [],
  });
  assert.deepEqual(dns.toJSON(), dns.toHeader());
  const all = DnsView.from(hex("0000 ffff 0000 0000 0000 0000"));
  assert.deepEqual(
    [all.qr, all.opcode, all.aa, all.tc, all.rd, all.ra, all.z, all.ad, all.cd, all.rcode],
    [true, 15, true, true, true, true, true, true, true, 15],
  );
});

Deno.test("DnsView reads a captured response with compressed names, as tcpdump -vvv does", () => {
  for (const name of ["dnsResponseUdp", "dnsResponseTcp"] as const) {
    const dns = dnsOf(name);
    assert.deepEqual([dns.id, dns.qr, dns.rd, dns.ra, dns.rcode], [43981, true, true, true, 0]);
    assert.deepEqual([dns.qdCount, dns.anCount, dns.nsCount, dns.arCount], [1, 6, 2, 0]);
    const s = dns.sections();
    assert.equal(s.issue, undefined);
    assert.deepEqual(s.questions, QUESTION);
    assert.deepEqual(s.answers.map((r) => [r.type, r.ttl, r.data]), ANSWERS);
    assert.deepEqual(s.authorities.map((r) => [r.type, r.ttl, r.data]), AUTHORITIES);
    for (const r of [...s.answers, ...s.authorities]) {
      assert.equal(r.name, "www.example.com.");
      assert.equal(r.class, 1);
      assert.equal(r.rdata.length, r.rdLen * 2);
    }
  }
  const tcp = dnsOf("dnsResponseTcp");
  assert.deepEqual([tcp.overTcp, tcp.tcpLength, tcp.headerLen], [true, 239, 14]);
  assert.equal(tcp.message.byteLength, 239);
  assert.equal(tcp.toHeader().tcpLength, 239);
  const q = dnsOf("dnsQueryTcp");
  assert.deepEqual([q.tcpLength, q.sections().questions], [33, QUESTION]);
});

Deno.test("DnsView.from() rejects every truncation of the header, over UDP and over TCP", () => {
  assertTruncations(DnsView, dnsOf("dnsQueryUdp").bytes, 12, (n) => ({
    layer: "dns",
    reason: "truncated",
    need: 12,
    have: n,
  }));
  assertTruncations(DnsView, dnsOf("dnsQueryTcp").bytes, 14, (n) => ({
    layer: "dns",
    reason: "truncated",
    need: 14,
    have: n,
  }), true);
});

Deno.test("DnsView.sections() keeps what it read from every truncation of a response", () => {
  const full = dnsOf("dnsResponseUdp").bytes;
  let last = 0;
  for (let n = 12; n < full.byteLength; n++) {
    const s = DnsView.from(full.subarray(0, n)).sections();
    assert.equal(s.issue?.reason, "truncated", `cut at ${n}`);
    assert.ok(s.issue!.need > n && s.issue!.have === n, `cut at ${n}: ${JSON.stringify(s.issue)}`);
    const count = s.questions.length + s.answers.length + s.authorities.length;
    assert.ok(count >= last, "records only grow with the cut");
    last = count;
  }
  assert.equal(last, 8, "every record but the last before the full length");
});

Deno.test("DnsView.sections() ends pointer loops and bad labels with an issue", () => {
  const head = "1234 0100 0001 0000 0000 0000";
  const loop = DnsView.from(hex(head + "c00c 0001 0001")).sections();
  assert.deepEqual(loop.issue, { layer: "dns", reason: "bad-pointer", need: 12, have: 12 });
  const forward = DnsView.from(hex(head + "c010 0001 0001 00")).sections();
  assert.equal(forward.issue?.reason, "bad-pointer");
  // Two pointers that point at each other, both behind the name.
  const pingPong = DnsView.from(hex(head + "c00e c00c c00c 0001 0001")).sections();
  assert.equal(pingPong.issue?.reason, "bad-pointer");
  const outside = DnsView.from(hex(head + "c3ff 0001 0001")).sections();
  assert.equal(outside.issue?.reason, "bad-pointer");
  const ext = DnsView.from(hex(head + "4100 0001 0001")).sections();
  assert.deepEqual(ext.issue, { layer: "dns", reason: "bad-value", need: 0, have: 0x41 });
  const many = DnsView.from(
    cat(hex(head), new Uint8Array(300).fill(0).map((_, i) => i % 2 ? 0x61 : 1)),
  ).sections();
  assert.equal(many.issue?.reason, "bad-length");
  const cutPointer = DnsView.from(hex(head + "c0")).sections();
  assert.deepEqual(cutPointer.issue, { layer: "dns", reason: "truncated", need: 14, have: 13 });
  // A backward chain is fine: "b.a." then "c." + pointer to it.
  const chain = DnsView.from(
    hex("0000 8000 0002 0000 0000 0000 0162 0161 00 0001 0001 0163 c00c 0001 0001"),
  );
  assert.deepEqual(chain.sections().questions.map((q) => q.name), ["b.a.", "c.b.a."]);
});

Deno.test("DnsView reads the root, escapes odd label bytes, OPT records and unknown types", () => {
  const msg = hex(
    "0001 8400 0001 0001 0000 0001" +
      "00 0002 0001" + // question: root, NS
      "03 612e62 02 0a7a 00 0010 0001 00000e10 0009 03 61 22 62 04 ff5c0001" + // TXT under "a\.b.\010z."
      "00 0029 1000 8000 8000 000c 000a 0008 0102030405060708", // OPT: 4096, DO, cookie
  );
  const s = DnsView.from(msg).sections();
  assert.equal(s.issue, undefined);
  assert.deepEqual(s.questions, [{ name: ".", type: 2, class: 1 }]);
  assert.equal(s.answers[0]?.name, "a\\.b.\\010z.");
  assert.deepEqual(s.answers[0]?.data, { strings: ['a\\"b', "\\255\\\\\\000\\001"] });
  assert.deepEqual(s.additionals[0]?.data, {
    udpPayloadSize: 4096,
    extendedRcode: 0x80,
    version: 0,
    dnssecOk: true,
    options: [{ code: 10, data: "0102030405060708" }],
  });
  const odd = hex(
    "0001 8400 0000 0003 0000 0000" +
      "00 0001 0001 00000000 0003 010203" + // A with 3 bytes
      "00 00fa 0001 00000000 0002 abcd" + // TSIG-ish unknown type
      "00 000f 0001 00000000 0002 000a", // MX without an exchange
  );
  const o = DnsView.from(odd).sections();
  assert.deepEqual(o.answers.map((r) => [r.type, r.rdata, r.data]), [
    [DNS_TYPE.A, "010203", undefined],
    [250, "abcd", undefined],
    [DNS_TYPE.MX, "000a", undefined],
  ]);
});

Deno.test("decodeFrame() reads DNS on UDP 53 and 5353 and TCP 53 only when data is present", () => {
  const query = hex("0000 0000 0001 0000 0000 0000 05 6c6f63616c 00 00ff 8001");
  const udp = (sport: number, dport: number, d: Uint8Array) => {
    const h = new Uint8Array(8);
    new DataView(h.buffer).setUint16(0, sport);
    new DataView(h.buffer).setUint16(2, dport);
    new DataView(h.buffer).setUint16(4, 8 + d.byteLength);
    return cat(h, d);
  };
  const mdns = decodeFrame(
    ether(0x0800, ipv4(17, "10.0.0.1", "224.0.0.251", udp(5353, 5353, query))),
  );
  assert.deepEqual(mdns.dns?.sections().questions, [{ name: "local.", type: 255, class: 0x8001 }]);
  const other = decodeFrame(
    ether(0x0800, ipv4(17, "10.0.0.1", "10.0.0.2", udp(1000, 2000, query))),
  );
  assert.equal(other.dns, undefined);
  const short = decodeFrame(
    ether(0x0800, ipv4(17, "10.0.0.1", "10.0.0.2", udp(1000, 53, hex("0001")))),
  );
  assert.deepEqual(short.stop, {
    layer: "dns",
    reason: "truncated",
    need: 12,
    have: 2,
    offset: 42,
  });
  assert.deepEqual(short.chain.map((x) => x.layer), ["ethernet", "ipv4", "udp"]);
  assert.equal(decodeFrame(fixture("dnsResponseUdp")).payload.byteLength, 0, "UDP: all DNS");
  assert.equal(decodeFrame(fixture("dnsResponseTcp")).payload.byteLength, 0, "TCP: one message");
  const two = dnsOf("dnsQueryTcp").bytes;
  const seg = decodeFrame(ether(
    0x0800,
    ipv4(
      6,
      "10.0.0.1",
      "10.0.0.2",
      cat(
        hex("c000 0035 00000001 00000000 5018 ffff 0000 0000"),
        two,
        two,
      ),
    ),
  ));
  assert.equal(seg.dns?.id, 43981);
  assert.equal(seg.payload.byteLength, two.byteLength, "the second message is left as payload");
  const ack = decodeFrame(fixture("tcpSynAck"));
  assert.equal(ack.dns, undefined);
});
