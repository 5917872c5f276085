import assert from "node:assert/strict";
import { decodePacket, SLL_PKTTYPE, SllView } from "./mod.ts";
import { LINKTYPE } from "../link_type.ts";
import { assertTruncations, fixture, hex } from "./_testing.ts";

const names = (linkType: number, b: Uint8Array) =>
  decodePacket(linkType, b).chain.map((x) => x.layer).join(" ");

Deno.test("SllView reads every field of a captured cooked v1 header", () => {
  // tcpdump -i any -y LINUX_SLL: IP 10.9.0.1.45067 > 10.9.0.2.53: 43981+ A? www.example.com. (33)
  const bytes = fixture("sllDnsQuery");
  const sll = SllView.from(bytes);
  assert.equal(sll.layer, "sll");
  assert.equal(sll.bytes, bytes);
  assert.equal(sll.headerLen, 16);
  assert.equal(sll.packetType, SLL_PKTTYPE.OUTGOING);
  assert.equal(sll.hatype, 1);
  assert.equal(sll.halen, 6);
  assert.deepEqual([...sll.addr], [2, 0, 0, 0, 0x0a, 1]);
  assert.equal(sll.protocol, 0x0800);
  assert.equal(sll.payload[0], 0x45);
  assert.deepEqual(sll.toHeader(), {
    layer: "sll",
    packetType: 4,
    hatype: 1,
    halen: 6,
    addr: "02:00:00:00:0a:01",
    protocol: 0x0800,
  });
  assert.deepEqual(sll.toJSON(), sll.toHeader());
  assert.equal(names(LINKTYPE.LINUX_SLL, bytes), "sll ipv4 udp dns");
});

Deno.test("SllView: the walker follows ARP, VLAN and unknown protocols of captured frames", () => {
  assert.equal(names(LINKTYPE.LINUX_SLL, fixture("sllArpRequest")), "sll arp");
  assert.equal(names(LINKTYPE.LINUX_SLL, fixture("sllTcpSyn")), "sll ipv4 tcp");
  // libpcap puts the VLAN tag back from the kernel's metadata: protocol 0x8100, then the tag.
  assert.equal(names(LINKTYPE.LINUX_SLL, fixture("sllVlanUdp")), "sll vlan ipv4 udp");
  // An injected 802.3 frame: the kernel gives protocol 0x0027 (the length), tcpdump prints raw.
  const stp = decodePacket(LINKTYPE.LINUX_SLL, fixture("sllLlcStp"));
  assert.deepEqual([stp.sll?.protocol, stp.chain.length, stp.payload.byteLength], [0x27, 1, 39]);
  // Protocol 4 is 802.2 LLC.
  const llc = decodePacket(
    LINKTYPE.LINUX_SLL,
    hex("0000 0001 0006 020000000001 0000 0004 424203 00"),
  );
  assert.deepEqual(llc.chain.map((x) => x.layer), ["sll", "llc"]);
  // Addresses longer than 8 bytes are cut to the 8 the header keeps.
  const ib = SllView.from(hex("0000 0020 0014 0102030405060708 0800"));
  assert.equal(ib.addr.byteLength, 8);
  assert.equal(ib.halen, 20);
});

Deno.test("SllView.from() rejects every truncation of the header", () => {
  assertTruncations(SllView, fixture("sllTcpSyn"), 16, (n) => ({
    layer: "sll",
    reason: "truncated",
    need: 16,
    have: n,
  }));
});
