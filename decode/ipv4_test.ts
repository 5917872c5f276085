import assert from "node:assert/strict";
import { EthernetView, IPV4_OPTION, Ipv4View } from "./mod.ts";
import { assertTruncations, cat, fixture, hex, ipv4 } from "./_testing.ts";

const ipOf = (name: Parameters<typeof fixture>[0]) => EthernetView.from(fixture(name)).payload;

Deno.test("Ipv4View reads every field of a captured TCP SYN", () => {
  // IP 10.9.0.1.60294 > 10.9.0.2.8080: Flags [S], ... (header 4500 003c e383 4000 4006 4324 ...)
  const bytes = ipOf("tcpSyn");
  const ip = Ipv4View.from(bytes);
  assert.equal(ip.layer, "ipv4");
  assert.equal(ip.bytes, bytes);
  assert.equal(ip.version, 4);
  assert.equal(ip.ihl, 5);
  assert.equal(ip.headerLen, 20);
  assert.deepEqual([ip.tos, ip.dscp, ip.ecn], [0, 0, 0]);
  assert.equal(ip.totalLen, 60);
  assert.equal(ip.identification, 0xe383);
  assert.equal(ip.flags, 0b010);
  assert.deepEqual([ip.reservedFlag, ip.dontFragment, ip.moreFragments], [false, true, false]);
  assert.deepEqual([ip.fragmentOffset, ip.fragmentByteOffset, ip.isFragment], [0, 0, false]);
  assert.equal(ip.ttl, 64);
  assert.equal(ip.protocol, 6);
  assert.equal(ip.checksum, 0x4324);
  assert.equal(ip.srcAddr, 0x0a090001);
  assert.equal(ip.dstAddr, 0x0a090002);
  assert.deepEqual([...ip.srcAddrBytes], [10, 9, 0, 1]);
  assert.deepEqual([...ip.dstAddrBytes], [10, 9, 0, 2]);
  assert.equal(ip.optionBytes.byteLength, 0);
  assert.deepEqual(ip.options(), []);
  assert.equal(ip.payload.byteLength, 40);
  assert.equal(ip.payload.buffer, bytes.buffer);
  assert.equal(ip.checksumOk(), true);
  assert.deepEqual(ip.toHeader(), {
    layer: "ipv4",
    headerLen: 20,
    dscp: 0,
    ecn: 0,
    totalLen: 60,
    identification: 0xe383,
    dontFragment: true,
    moreFragments: false,
    fragmentByteOffset: 0,
    ttl: 64,
    protocol: 6,
    checksum: 0x4324,
    srcAddr: "10.9.0.1",
    dstAddr: "10.9.0.2",
    options: [],
  });
  assert.deepEqual(ip.toJSON(), ip.toHeader());
});

Deno.test("Ipv4View.checksumOk() notices a changed header byte", () => {
  const bytes = ipOf("tcpSyn").slice();
  bytes[8] = 63; // TTL
  assert.equal(Ipv4View.from(bytes).checksumOk(), false);
});

Deno.test("Ipv4View.from() rejects every truncation of the header, options included", () => {
  // IP 10.9.0.1.52658 > 10.9.0.2.7780: UDP, length 3 (header 24 bytes: record route)
  const bytes = ipOf("ipv4RecordRoute");
  assertTruncations(Ipv4View, bytes, 32, (n) => ({
    layer: "ipv4",
    reason: "truncated",
    need: n < 20 ? 20 : 32,
    have: n,
  }));
});

Deno.test("Ipv4View.check() names a bad version, a short IHL and a Total Length below the header", () => {
  const bytes = ipOf("tcpSyn").slice();
  bytes[0] = 0x65;
  assert.deepEqual(Ipv4View.check(bytes), {
    layer: "ipv4",
    reason: "bad-version",
    need: 4,
    have: 6,
  });
  bytes[0] = 0x44;
  assert.deepEqual(Ipv4View.check(bytes), {
    layer: "ipv4",
    reason: "bad-length",
    need: 20,
    have: 16,
  });
  bytes[0] = 0x45;
  bytes[2] = 0;
  bytes[3] = 19;
  assert.deepEqual(Ipv4View.check(bytes), {
    layer: "ipv4",
    reason: "bad-length",
    need: 20,
    have: 19,
  });
  assert.throws(() => Ipv4View.from(bytes), {
    message: "Cannot decode ipv4: bad length 19 (need at least 20)",
  });
});

Deno.test("Ipv4View.payload follows Total Length: clipped to the capture, padding dropped, 0 = offload", () => {
  const ip = ipv4(17, "10.0.0.1", "10.0.0.2", hex("0001000200090000ab"));
  assert.equal(Ipv4View.from(cat(ip, new Uint8Array(10))).payload.byteLength, 9, "padding");
  assert.equal(Ipv4View.from(ip.subarray(0, 24)).payload.byteLength, 4, "snaplen cut");
  const tso = ip.slice();
  tso[2] = tso[3] = 0;
  const view = Ipv4View.from(cat(tso, new Uint8Array(3)));
  assert.equal(view.totalLen, 0);
  assert.equal(view.payload.byteLength, 12, "TSO: everything captured");
});

Deno.test("Ipv4View.options() reads a captured record-route option", () => {
  const ip = Ipv4View.from(ipOf("ipv4RecordRoute"));
  assert.equal(ip.headerLen, 32);
  const [rr, nop, ...rest] = ip.options();
  assert.equal(rr?.type, IPV4_OPTION.RR);
  assert.equal(rr?.len, 11);
  assert.deepEqual([...rr!.data], [8, 10, 9, 0, 1, 0, 0, 0, 0]);
  assert.deepEqual(nop, { type: IPV4_OPTION.NOP, len: 1, data: new Uint8Array(0), bad: false });
  assert.deepEqual(rest, []);
  assert.equal(ip.optionBytes.byteLength, 12);
  assert.deepEqual(ip.toHeader().options[0], {
    type: 7,
    len: 11,
    data: "080a09000100000000",
    bad: false,
  });
  assert.equal(ip.checksumOk(), true);
});

Deno.test("Ipv4View.options() ends at EOL and marks an impossible option length as bad", () => {
  const eol = Ipv4View.from(ipv4(17, "1.2.3.4", "5.6.7.8", new Uint8Array(8), {
    options: hex("94040000 00000000"),
  }));
  assert.deepEqual(eol.options().map((o) => [o.type, o.len, o.bad]), [[148, 4, false], [
    0,
    1,
    false,
  ]]);
  const bad = Ipv4View.from(ipv4(17, "1.2.3.4", "5.6.7.8", new Uint8Array(8), {
    options: hex("0101 8909 0000"),
  }));
  assert.deepEqual(bad.options().map((o) => [o.type, o.len, o.bad]), [
    [1, 1, false],
    [1, 1, false],
    [
      0x89,
      9,
      true,
    ],
  ]);
  const short = Ipv4View.from(ipv4(17, "1.2.3.4", "5.6.7.8", new Uint8Array(8), {
    options: hex("010101 07"),
  }));
  assert.deepEqual(short.options().at(-1), { type: 7, len: 0, data: new Uint8Array(0), bad: true });
  const zero = Ipv4View.from(ipv4(17, "1.2.3.4", "5.6.7.8", new Uint8Array(8), {
    options: hex("8200 0000"),
  }));
  assert.equal(zero.options()[0]?.bad, true);
});

Deno.test("Ipv4View reads the fragment fields of a captured fragmented datagram", () => {
  const first = Ipv4View.from(ipOf("ipv4FirstFragment"));
  assert.deepEqual([first.moreFragments, first.fragmentOffset, first.isFragment], [true, 0, true]);
  const middle = Ipv4View.from(ipOf("ipv4MiddleFragment"));
  assert.deepEqual([middle.moreFragments, middle.fragmentOffset, middle.fragmentByteOffset], [
    true,
    185,
    1480,
  ]);
  const last = Ipv4View.from(ipOf("ipv4LastFragment"));
  assert.deepEqual([last.moreFragments, last.fragmentByteOffset, last.isFragment], [
    false,
    2960,
    true,
  ]);
  assert.equal(last.identification, middle.identification);
  assert.equal(last.totalLen - last.headerLen + last.fragmentByteOffset, 3008, "UDP length");
});
