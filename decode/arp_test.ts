import assert from "node:assert/strict";
import { ArpView, EthernetView } from "./mod.ts";
import { assertTruncations, fixture } from "./_testing.ts";

Deno.test("ArpView reads every field of a captured request and reply", () => {
  // ARP, Request who-has 10.9.0.2 tell 10.9.0.1, length 28
  const req = ArpView.from(EthernetView.from(fixture("arpRequest")).payload);
  assert.equal(req.layer, "arp");
  assert.equal(req.bytes.byteLength, 28);
  assert.equal(req.headerLen, 28);
  assert.deepEqual([req.htype, req.ptype, req.hlen, req.plen, req.oper], [1, 0x0800, 6, 4, 1]);
  assert.deepEqual([...req.sha], [2, 0, 0, 0, 0x0a, 1]);
  assert.deepEqual([...req.spa], [10, 9, 0, 1]);
  assert.deepEqual([...req.tha], [0, 0, 0, 0, 0, 0]);
  assert.deepEqual([...req.tpa], [10, 9, 0, 2]);
  assert.equal(req.payload.byteLength, 0);
  // ARP, Reply 10.9.0.2 is-at 02:00:00:00:0b:02, length 28
  const reply = ArpView.from(EthernetView.from(fixture("arpReply")).payload);
  assert.deepEqual(reply.toHeader(), {
    layer: "arp",
    htype: 1,
    ptype: 0x0800,
    hlen: 6,
    plen: 4,
    oper: 2,
    sha: "02:00:00:00:0b:02",
    spa: "10.9.0.2",
    tha: "02:00:00:00:0a:01",
    tpa: "10.9.0.1",
  });
  assert.deepEqual(reply.toJSON(), reply.toHeader());
});

Deno.test("ArpView.from() rejects every truncation, with the length the address sizes need", () => {
  const arp = EthernetView.from(fixture("arpRequest")).payload;
  assertTruncations(ArpView, arp, 28, (n) => ({
    layer: "arp",
    reason: "truncated",
    need: n < 8 ? 8 : 28,
    have: n,
  }));
});

Deno.test("ArpView reads other address sizes and keeps trailing padding as payload", () => {
  // hlen 2, plen 16: addresses are hex, not dotted.
  const bytes = Uint8Array.fromHex(
    "0006" + "86dd" + "02" + "10" + "0001" + "aabb" + "fe80" + "00".repeat(14) + "ccdd" +
      "ff02" + "00".repeat(14) + "0000",
  );
  const arp = ArpView.from(bytes);
  assert.equal(arp.headerLen, 8 + 2 * 18);
  const h = arp.toHeader();
  assert.equal(h.sha, "aa:bb");
  assert.equal(h.spa, "fe:80:00:00:00:00:00:00:00:00:00:00:00:00:00:00");
  assert.deepEqual([...arp.payload], [0, 0]);
});
