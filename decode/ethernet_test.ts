import assert from "node:assert/strict";
import { DecodeError, ETHERNET_HEADER_LEN, EthernetView } from "./mod.ts";
import { assertTruncations, cat, fixture } from "./_testing.ts";

Deno.test("EthernetView reads every field of a captured ARP request", () => {
  // ARP, Request who-has 10.9.0.2 tell 10.9.0.1, length 28 (see _fixtures.ts)
  const bytes = fixture("arpRequest");
  const eth = EthernetView.from(bytes);
  assert.equal(eth.layer, "ethernet");
  assert.equal(eth.bytes, bytes);
  assert.equal(eth.headerLen, 14);
  assert.deepEqual([...eth.dstAddr], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  assert.deepEqual([...eth.srcAddr], [2, 0, 0, 0, 0x0a, 1]);
  assert.equal(eth.etherType, 0x0806);
  assert.equal(eth.isLength, false);
  assert.equal(eth.payload.byteLength, 28);
  assert.equal(eth.payload.buffer, bytes.buffer, "payload shares memory");
  assert.deepEqual(eth.toHeader(), {
    layer: "ethernet",
    dstAddr: "ff:ff:ff:ff:ff:ff",
    srcAddr: "02:00:00:00:0a:01",
    etherType: 0x0806,
  });
  assert.deepEqual(JSON.parse(JSON.stringify(eth)), eth.toHeader());
});

Deno.test("EthernetView.from() rejects every truncation of the header", () => {
  assertTruncations(EthernetView, fixture("arpRequest"), ETHERNET_HEADER_LEN, (n) => ({
    layer: "ethernet",
    reason: "truncated",
    need: 14,
    have: n,
  }));
  assert.throws(() => EthernetView.from(new Uint8Array(5)), {
    name: "DecodeError",
    message: "Cannot decode ethernet: truncated header (need 14 bytes, have 5)",
  });
  assert.ok(
    new DecodeError({ layer: "x", reason: "truncated", need: 1, have: 0 }) instanceof RangeError,
  );
});

Deno.test("EthernetView clips an 802.3 payload to its length field, dropping the padding", () => {
  // STP 802.1d, Config, ... length 36: type field 0x0027 = 39 bytes of LLC
  const frame = fixture("llcStp");
  const padded = cat(frame, new Uint8Array(7));
  const eth = EthernetView.from(padded);
  assert.equal(eth.isLength, true);
  assert.equal(eth.etherType, 39);
  assert.equal(eth.payload.byteLength, 39);
  // A length larger than the capture is clipped to what was captured.
  const short = EthernetView.from(frame.subarray(0, 20));
  assert.equal(short.payload.byteLength, 6);
});

Deno.test("describeIssue() words every reason in one line", async () => {
  const { describeIssue } = await import("./mod.ts");
  const cases: [Parameters<typeof describeIssue>[0], string][] = [
    [
      { layer: "ipv4", reason: "truncated", need: 20, have: 3 },
      "Cannot decode ipv4: truncated header (need 20 bytes, have 3)",
    ],
    [
      { layer: "tcp", reason: "bad-length", need: 20, have: 16 },
      "Cannot decode tcp: bad length 16 (need at least 20)",
    ],
    [
      { layer: "ipv6", reason: "bad-version", need: 6, have: 4 },
      "Cannot decode ipv6: bad version or type 4 (need 6)",
    ],
    [
      { layer: "dns", reason: "bad-pointer", need: 12, have: 40 },
      "Cannot decode dns: bad compression pointer 40 (must be below 12)",
    ],
    [{ layer: "dns", reason: "bad-value", need: 0, have: 65 }, "Cannot decode dns: bad value 65"],
  ];
  for (const [issue, text] of cases) {
    assert.equal(describeIssue(issue), text);
    assert.equal(new DecodeError(issue).message, text);
  }
});
