import assert from "node:assert/strict";
import { EthernetView, IcmpView, Ipv4View, isIcmpError, UdpView } from "./mod.ts";
import { assertTruncations, fixture, hex } from "./_testing.ts";

const icmpOf = (name: Parameters<typeof fixture>[0]) =>
  IcmpView.from(Ipv4View.from(EthernetView.from(fixture(name)).payload).payload);

Deno.test("IcmpView reads every field of a captured echo request and reply", () => {
  // IP 10.9.0.1 > 10.9.0.2: ICMP echo request, id 4660, seq 1, length 64: 0800 eab3 1234 0001
  const req = icmpOf("icmpEchoRequest");
  assert.equal(req.layer, "icmp");
  assert.equal(req.bytes.byteLength, 64);
  assert.equal(req.headerLen, 8);
  assert.deepEqual([req.type, req.code, req.checksum], [8, 0, 0xeab3]);
  assert.equal(req.restOfHeader, 0x12340001);
  assert.deepEqual([req.identifier, req.sequence], [4660, 1]);
  assert.equal(req.gateway, 0x12340001);
  assert.equal(req.pointer, 0x12);
  assert.equal(req.nextHopMtu, 1);
  assert.equal(req.isError, false);
  assert.equal(new TextDecoder().decode(req.payload.subarray(0, 8)), "abcdefgh");
  assert.equal(req.checksumOk(), true);
  assert.deepEqual(req.toHeader(), {
    layer: "icmp",
    type: 8,
    code: 0,
    checksum: 0xeab3,
    restOfHeader: 0x12340001,
    identifier: 4660,
    sequence: 1,
    payloadLen: 56,
  });
  assert.deepEqual(req.toJSON(), req.toHeader());
  const reply = icmpOf("icmpEchoReply");
  assert.deepEqual([reply.type, reply.identifier, reply.sequence, reply.checksumOk()], [
    0,
    4660,
    1,
    true,
  ]);
});

Deno.test("IcmpView exposes the offending datagram of a captured port unreachable", () => {
  // IP 10.9.0.2 > 10.9.0.1: ICMP 10.9.0.2 udp port 9999 unreachable, length 46
  const icmp = icmpOf("icmpPortUnreachable");
  assert.deepEqual([icmp.type, icmp.code, icmp.isError, icmp.checksumOk()], [3, 3, true, true]);
  const inner = Ipv4View.from(icmp.payload);
  assert.equal(inner.toHeader().dstAddr, "10.9.0.2");
  const udp = UdpView.from(inner.payload);
  assert.deepEqual([udp.srcPort, udp.dstPort], [45067, 9999]);
});

Deno.test("IcmpView reads the type-specific words: MTU, gateway, pointer", () => {
  const mtu = IcmpView.from(hex("0304 0000 0000 05dc"));
  assert.equal(mtu.nextHopMtu, 1500);
  const redirect = IcmpView.from(hex("0501 0000 c0a80101"));
  assert.equal(redirect.gateway, 0xc0a80101);
  const param = IcmpView.from(hex("0c00 0000 14000000"));
  assert.equal(param.pointer, 20);
  assert.equal(mtu.toHeader().nextHopMtu, 1500);
  assert.equal(redirect.toHeader().gateway, "192.168.1.1");
  assert.equal(param.toHeader().pointer, 20);
  const unreach = IcmpView.from(hex("0303 0000 00000000")).toHeader();
  assert.deepEqual([unreach.nextHopMtu, unreach.identifier, unreach.gateway], [
    undefined,
    undefined,
    undefined,
  ]);
  const ts = IcmpView.from(hex("0d00 0000 00070002" + "00".repeat(12))).toHeader();
  assert.deepEqual([ts.identifier, ts.sequence], [7, 2]);
  for (const t of [3, 4, 5, 11, 12]) assert.equal(isIcmpError(t), true);
  for (const t of [0, 8, 9, 10, 13, 14, 17, 18]) assert.equal(isIcmpError(t), false);
  const bent = icmpOf("icmpEchoRequest").bytes.slice();
  bent[10] = 0xff - bent[10]!;
  assert.equal(IcmpView.from(bent).checksumOk(), false);
});

Deno.test("IcmpView.from() rejects every truncation of the header", () => {
  assertTruncations(IcmpView, icmpOf("icmpEchoRequest").bytes, 8, (n) => ({
    layer: "icmp",
    reason: "truncated",
    need: 8,
    have: n,
  }));
});
