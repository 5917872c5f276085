import assert from "node:assert/strict";
import { EthernetView, VLAN_TAG_LEN, VlanView } from "./mod.ts";
import { assertTruncations, fixture } from "./_testing.ts";

Deno.test("VlanView reads an 802.1Q tag of a captured frame", () => {
  // IP 10.9.100.1.4000 > 10.9.100.2.7777: UDP, length 4 (tag: vlan 100, p 3)
  const eth = EthernetView.from(fixture("vlanUdp"));
  assert.equal(eth.etherType, 0x8100);
  const tag = VlanView.from(eth.payload);
  assert.equal(tag.layer, "vlan");
  assert.equal(tag.headerLen, 4);
  assert.equal(tag.bytes.byteLength, eth.payload.byteLength);
  assert.equal(tag.tci, 0x6064);
  assert.equal(tag.pcp, 3);
  assert.equal(tag.dei, 0);
  assert.equal(tag.vid, 100);
  assert.equal(tag.etherType, 0x0800);
  assert.equal(tag.payload[0], 0x45);
  assert.deepEqual(tag.toHeader(), { layer: "vlan", pcp: 3, dei: 0, vid: 100, etherType: 0x0800 });
  assert.deepEqual(tag.toJSON(), tag.toHeader());
});

Deno.test("VlanView reads stacked 802.1ad and 802.1Q tags", () => {
  const eth = EthernetView.from(fixture("qinqUdp"));
  assert.equal(eth.etherType, 0x88a8);
  const outer = VlanView.from(eth.payload);
  assert.deepEqual([outer.vid, outer.etherType], [200, 0x8100]);
  const inner = VlanView.from(outer.payload);
  assert.deepEqual([inner.vid, inner.pcp, inner.etherType], [100, 0, 0x0800]);
  const dei = VlanView.from(Uint8Array.fromHex("f0010800"));
  assert.deepEqual([dei.pcp, dei.dei, dei.vid], [7, 1, 1]);
});

Deno.test("VlanView.from() rejects every truncation of the tag", () => {
  const tag = EthernetView.from(fixture("vlanUdp")).payload;
  assertTruncations(VlanView, tag, VLAN_TAG_LEN, (n) => ({
    layer: "vlan",
    reason: "truncated",
    need: 4,
    have: n,
  }));
});
