/**
 * `ip broadcast` in a live filter string uses the interface's netmask, as tcpdump passes
 * pcap_lookupnet()'s mask to pcap_compile: with 10.123.0.1/24 on the capture end, a datagram to
 * 10.123.0.255 is a broadcast (with a netmask of 0 only 0.0.0.0 and 255.255.255.255 would be)
 * and one to 10.123.0.127 is not.
 */
import assert from "node:assert/strict";
import { openCapture } from "../../mod.ts";
import { announceSkip, ensureShim, ethFrame, guard, run, SKIP, Veth } from "./_net.ts";

announceSkip("tests/capture/netmask_test.ts");

const BROADCAST_MAC = new Uint8Array(6).fill(0xff);

/** A minimal IPv4/UDP frame to `dst` (dotted quad), IPv4 checksum left 0 (the filter ignores it). */
function udpTo(src: Uint8Array, dst: string, seq: number): Uint8Array {
  const frame = ethFrame(BROADCAST_MAC, src, 14 + 28, seq, { type: 0x0800 });
  frame.set([0x45, 0, 0, 28, 0, seq, 0, 0, 64, 17, 0, 0, 10, 123, 0, 2], 14);
  frame.set(dst.split(".").map(Number), 30);
  frame.set([0x10, 0x00, 0x10, 0x01, 0, 8, 0, 0], 34);
  return frame;
}

Deno.test({
  name: 'openCapture(dev, { filter: "ip broadcast" }) uses the interface netmask like tcpdump',
  ignore: SKIP !== undefined,
  async fn() {
    await ensureShim();
    const veth = Veth.create("nm");
    try {
      run("ip", "addr", "add", "10.123.0.1/24", "dev", veth.a);
      using cap = openCapture(veth.a, { filter: "ip broadcast", blockTimeoutMs: 1 });
      using tx = openCapture(veth.b, { promiscuous: false });
      const inNet = udpTo(veth.macB, "10.123.0.255", 1);
      tx.send(udpTo(veth.macB, "10.123.0.127", 2)); // host part not all ones
      tx.send(inNet);
      tx.send(udpTo(veth.macB, "255.255.255.255", 3));
      const seen: Uint8Array[] = [];
      await guard(cap.loop((f) => void seen.push(f.data.slice()), { count: 2 }), 5000, "capture");
      assert.deepEqual(seen.map((f) => f.subarray(30, 34).join(".")), [
        "10.123.0.255",
        "255.255.255.255",
      ]);
      assert.deepEqual(seen[0], inNet);
    } finally {
      veth.remove();
    }
  },
});
