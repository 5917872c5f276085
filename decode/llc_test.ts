import assert from "node:assert/strict";
import { decodeFrame, EthernetView, LlcView } from "./mod.ts";
import { assertTruncations, ether, fixture, hex } from "./_testing.ts";

Deno.test("LlcView reads a captured spanning-tree frame's LLC header", () => {
  // STP 802.1d, Config, Flags [none], bridge-id 8000.02:00:00:00:00:01.8001, length 36
  const llc = LlcView.from(EthernetView.from(fixture("llcStp")).payload);
  assert.equal(llc.layer, "llc");
  assert.equal(llc.bytes.byteLength, 39);
  assert.deepEqual([llc.dsap, llc.ssap, llc.control, llc.headerLen], [0x42, 0x42, 0x03, 3]);
  assert.deepEqual([llc.isSnap, llc.oui, llc.pid], [false, undefined, undefined]);
  assert.equal(llc.payload.byteLength, 36);
  assert.deepEqual(llc.toHeader(), { layer: "llc", dsap: 0x42, ssap: 0x42, control: 3 });
  assert.deepEqual(llc.toJSON(), llc.toHeader());
});

Deno.test("LlcView reads a captured SNAP header and the walker follows its EtherType", () => {
  // IP 10.9.0.1.4001 > 10.9.0.2.7781: UDP, length 4 (802.3, LLC aa aa 03, SNAP 000000 0800)
  const llc = LlcView.from(EthernetView.from(fixture("snapIpv4Udp")).payload);
  assert.deepEqual([llc.isSnap, llc.oui, llc.pid, llc.headerLen], [true, 0, 0x0800, 8]);
  assert.deepEqual(llc.toHeader(), {
    layer: "llc",
    dsap: 0xaa,
    ssap: 0xaa,
    control: 3,
    oui: 0,
    pid: 0x0800,
  });
  const l = decodeFrame(fixture("snapIpv4Udp"));
  assert.deepEqual(l.chain.map((x) => x.layer), ["ethernet", "llc", "ipv4", "udp"]);
  assert.equal(l.udp?.dstPort, 7781);
  // A SNAP OUI other than 0 or 0x0000f8 ends the walk (e.g. Cisco 0x00000c, CDP 0x2000).
  const cdp = decodeFrame(ether(30, hex("aaaa03 00000c 2000" + "02b4" + "00".repeat(20))));
  assert.deepEqual(cdp.chain.map((x) => x.layer), ["ethernet", "llc"]);
  assert.equal(cdp.llc?.oui, 0x0c);
  assert.equal(cdp.payload.byteLength, 22);
});

Deno.test("LlcView reads two-byte control fields of I and S frames", () => {
  const i = LlcView.from(hex("f0f0 0a0b ff"));
  assert.deepEqual([i.control, i.headerLen, i.payload.byteLength], [0x0a0b, 4, 1]);
  const s = LlcView.from(hex("f0f1 0101"));
  assert.deepEqual([s.control, s.headerLen], [0x0101, 4]);
});

Deno.test("LlcView.from() rejects every truncation of U, I and SNAP headers", () => {
  assertTruncations(
    LlcView,
    hex("424203"),
    3,
    (n) => ({ layer: "llc", reason: "truncated", need: 3, have: n }),
  );
  assertTruncations(LlcView, hex("f0f00a0b"), 4, (n) => ({
    layer: "llc",
    reason: "truncated",
    need: n < 3 ? 3 : 4,
    have: n,
  }));
  assertTruncations(LlcView, hex("aaaa030000000800"), 8, (n) => ({
    layer: "llc",
    reason: "truncated",
    need: n < 3 ? 3 : 8,
    have: n,
  }));
});

Deno.test("decodeFrame() leaves Novell raw 802.3 (0xffff) as payload", () => {
  const l = decodeFrame(ether(10, hex("ffff 0000 0000 0000 0000")));
  assert.deepEqual(l.chain.map((x) => x.layer), ["ethernet"]);
  assert.equal(l.payload.byteLength, 10);
  assert.equal(l.stop, undefined);
});
