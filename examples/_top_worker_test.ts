import assert from "node:assert/strict";
import { FlowTable } from "../flows/mod.ts";
import { frame } from "../flows/_testing.ts";
import { sampleSnapshot } from "./_top_worker.ts";
import { packFlows, unpackFlows } from "../flows/_packed.ts";

Deno.test("a snapshot's flows, packed for the main thread, come back as the table made them", () => {
  const t = new FlowTable();
  const specs = [
    { src: "10.0.0.1", dst: "192.168.1.2", protocol: 6, srcPort: 40000, dstPort: 443, flags: 2 },
    { src: "192.168.1.2", dst: "10.0.0.1", protocol: 6, srcPort: 443, dstPort: 40000, flags: 0x12 },
    { src: "2001:db8::1", dst: "fe80::2", protocol: 17, srcPort: 5353, dstPort: 53, vlan: 7 },
    { src: "10.0.0.3", dst: "10.0.0.4", protocol: 1, icmp: [8, 0] as [number, number] },
    { src: "10.0.0.5", dst: "10.0.0.6", protocol: 47 },
  ];
  for (let i = 0; i < 40; i++) {
    const f = frame({ ...specs[i % specs.length]!, payload: i * 7 });
    t.addBytes(f, f.length, 1_700_000_000 + i, i * 1_000_123, 3, 1);
  }
  const flows = [...t.top(10, "rate10", 1_700_000_045_000), ...sampleSnapshot(1).flows];
  assert.ok(flows.length > 4);
  const back = unpackFlows(structuredClone(packFlows(flows)));
  assert.deepEqual(back, flows);
  // The same fields in the same order: the JSON lines of top --json do not change.
  assert.equal(JSON.stringify(back), JSON.stringify(flows));
  assert.deepEqual(unpackFlows(packFlows([])), []);
});
