import assert from "node:assert/strict";
import { decodePacket, Sll2View, SLL_PKTTYPE } from "./mod.ts";
import { LINKTYPE } from "../link_type.ts";
import { assertTruncations, fixture } from "./_testing.ts";

const names = (linkType: number, b: Uint8Array) =>
  decodePacket(linkType, b).chain.map((x) => x.layer).join(" ");

Deno.test("Sll2View reads every field of a captured cooked v2 header", () => {
  // tcpdump -i any: ifb0 Out IP 10.9.0.1.45067 > 10.9.0.2.53: 43981+ A? www.example.com. (33)
  const bytes = fixture("sll2DnsQuery");
  const sll2 = Sll2View.from(bytes);
  assert.equal(sll2.layer, "sll2");
  assert.equal(sll2.bytes, bytes);
  assert.equal(sll2.headerLen, 20);
  assert.equal(sll2.protocol, 0x0800);
  assert.equal(sll2.reserved, 0);
  assert.equal(sll2.ifIndex, 2);
  assert.equal(sll2.hatype, 1);
  assert.equal(sll2.packetType, SLL_PKTTYPE.OUTGOING);
  assert.equal(sll2.halen, 6);
  assert.deepEqual([...sll2.addr], [2, 0, 0, 0, 0x0a, 1]);
  assert.equal(sll2.payload[0], 0x45);
  assert.deepEqual(sll2.toHeader(), {
    layer: "sll2",
    protocol: 0x0800,
    ifIndex: 2,
    hatype: 1,
    packetType: 4,
    halen: 6,
    addr: "02:00:00:00:0a:01",
  });
  assert.deepEqual(sll2.toJSON(), sll2.toHeader());
  assert.equal(names(LINKTYPE.LINUX_SLL2, bytes), "sll2 ipv4 udp dns");
  assert.equal(names(LINKTYPE.LINUX_SLL2, fixture("sll2ArpRequest")), "sll2 arp");
  assert.equal(names(LINKTYPE.LINUX_SLL2, fixture("sll2TcpSyn")), "sll2 ipv4 tcp");
  assert.equal(names(LINKTYPE.LINUX_SLL2, fixture("sll2LlcStp")), "sll2");
});

Deno.test("Sll2View.from() rejects every truncation of the header", () => {
  assertTruncations(Sll2View, fixture("sll2TcpSyn"), 20, (n) => ({
    layer: "sll2",
    reason: "truncated",
    need: 20,
    have: n,
  }));
  assert.deepEqual(decodePacket(LINKTYPE.LINUX_SLL2, fixture("sll2TcpSyn").subarray(0, 30)).stop, {
    layer: "ipv4",
    reason: "truncated",
    need: 20,
    have: 10,
    offset: 20,
  });
});
