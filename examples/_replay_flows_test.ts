import assert from "node:assert/strict";
import { buildPacket } from "../decode/mod.ts";
import { ReplayFlows } from "./_replay_flows.ts";
import { L2_FRAMES } from "../tests/cli/_l2_frames.ts";

const ETH = {
  layer: "ethernet",
  dstAddr: "02:00:00:00:00:02",
  srcAddr: "02:00:00:00:00:01",
} as const;

Deno.test("ReplayFlows counts 5000 distinct UDP flows seen twice each, in any order, without a miss", () => {
  const flows = new ReplayFlows();
  const frame = (i: number) =>
    buildPacket([
      ETH,
      { layer: "ipv4", srcAddr: 0x0a000000 + (i >> 8), dstAddr: 0x0a010000 + (i & 0xff) },
      { layer: "udp", srcPort: 1000 + (i % 7), dstPort: 53 },
    ]);
  for (let i = 0; i < 5000; i++) flows.add(frame(i));
  for (let i = 4999; i >= 0; i--) flows.add(frame(i));
  assert.deepEqual([flows.flows, flows.flowPackets, flows.nonFlow, flows.invalid], [
    5000,
    10000,
    0,
    0,
  ]);
});

Deno.test("ReplayFlows tells ports, protocols and directions apart, and skips VLAN tags", () => {
  const flows = new ReplayFlows();
  const ip = { layer: "ipv4", srcAddr: "10.0.0.1", dstAddr: "10.0.0.2" } as const;
  flows.add(buildPacket([ETH, ip, { layer: "udp", srcPort: 1, dstPort: 2 }]));
  flows.add(buildPacket([ETH, ip, { layer: "tcp", srcPort: 1, dstPort: 2 }]));
  flows.add(
    buildPacket([ETH, { ...ip, srcAddr: "10.0.0.2", dstAddr: "10.0.0.1" }, {
      layer: "udp",
      srcPort: 2,
      dstPort: 1,
    }]),
  );
  flows.add(
    buildPacket([ETH, { layer: "vlan", vid: 9 }, ip, { layer: "udp", srcPort: 1, dstPort: 2 }]),
  );
  flows.add(new Uint8Array(13));
  flows.add(
    buildPacket([ETH, {
      layer: "arp",
      oper: 1,
      sha: "02:00:00:00:00:01",
      spa: "10.0.0.1",
      tpa: "10.0.0.2",
    }]),
  );
  assert.deepEqual([flows.flows, flows.flowPackets, flows.nonFlow, flows.invalid], [3, 4, 1, 1]);
});

Deno.test("ReplayFlows walks VLAN, MPLS, EoMPLS and 802.3 headers as tcpreplay 4.4 does", () => {
  for (const [hex, what, kind] of L2_FRAMES) {
    const flows = new ReplayFlows();
    flows.add(Uint8Array.fromHex(hex));
    const got = flows.flowPackets === 1 ? "flow" : flows.nonFlow === 1 ? "non-flow" : "invalid";
    assert.equal(got, kind, what);
    assert.equal(flows.flowPackets + flows.nonFlow + flows.invalid, 1, what);
  }
});
