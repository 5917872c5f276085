/**
 * VLAN filters on a live capture: the kernel strips the outer 802.1Q/802.1ad tag
 * before the socket filter runs, so a string filter is compiled in libpcap's live
 * form (`compileFilter(expr, { live: true })`). Frames tagged 100, 200, QinQ,
 * 0x9100 and untagged are injected on a veth pair this file creates; exactly the
 * right ones must arrive, with their tag written back.
 */

import assert from "node:assert/strict";
import { openCapture } from "../../capture/mod.ts";
import { compileFilter } from "../../filter/mod.ts";
import type { Frame, Packet } from "../../ring/frame.ts";
import { announceSkip, guard, SKIP, Veth } from "./_net.ts";

announceSkip("tests/capture/vlan_filter_test.ts");

type Capture = ReturnType<typeof openCapture>;

/** An Ethernet frame with the given tags (outer first) around IPv4/UDP or a test EtherType. */
function frame(
  dst: Uint8Array,
  src: Uint8Array,
  tags: [tpid: number, tci: number][],
  udp: boolean,
  seq: number,
): Uint8Array {
  const len = 14 + 4 * tags.length + 20 + 8 + 40;
  const f = new Uint8Array(len);
  const dv = new DataView(f.buffer);
  f.set(dst, 0);
  f.set(src, 6);
  let at = 12;
  for (const [tpid, tci] of tags) {
    dv.setUint16(at, tpid);
    dv.setUint16(at + 2, tci);
    at += 4;
  }
  dv.setUint16(at, udp ? 0x0800 : 0x88b5);
  at += 2;
  f[at] = 0x45; // IPv4, 20-byte header
  dv.setUint16(at + 2, len - at); // total length
  f[at + 8] = 64; // TTL
  f[at + 9] = udp ? 17 : 6;
  f.set([10, 9, 0, 1, 10, 9, 0, 2], at + 12);
  dv.setUint16(at + 20, 4000 + seq); // UDP source port: tells the frames apart
  dv.setUint16(at + 22, 9);
  dv.setUint16(at + 24, len - at - 20);
  return f;
}

/** Waits for exactly `n` packets (copies), failing after 5 s instead of hanging. */
async function collect(cap: Capture, n: number): Promise<Packet[]> {
  const got: Packet[] = [];
  if (n === 0) return got;
  await guard(cap.loop((f: Frame) => got.push(f.copy()), { count: n }), 5000, `${n} packets`);
  return got;
}

/** Whatever else arrives within a short wait. */
async function rest(cap: Capture): Promise<Packet[]> {
  const extra: Packet[] = [];
  await cap.dispatch((f) => extra.push(f.copy()), { timeoutMs: 100 });
  return extra;
}

Deno.test({
  name: "Capture with a VLAN filter string sees the tags the kernel stripped (live form)",
  ignore: SKIP !== undefined,
  async fn(t) {
    const veth = Veth.create("vl");
    try {
      using tx = openCapture(veth.b, { promiscuous: false });
      const f = (tags: [number, number][], udp: boolean, seq: number) =>
        frame(veth.macA, veth.macB, tags, udp, seq);
      const all = {
        plainUdp: f([], true, 0),
        plainOther: f([], false, 1),
        v100Udp: f([[0x8100, 0x2064]], true, 2), // PCP 1, VID 100
        v100Other: f([[0x8100, 100]], false, 3),
        v200Udp: f([[0x8100, 200]], true, 4),
        ad100Udp: f([[0x88a8, 100]], true, 5), // 802.1ad outer tag: stripped too
        qinq300in100: f([[0x88a8, 300], [0x8100, 100]], true, 6), // inner tag stays in data
        old9100v100: f([[0x9100, 100]], true, 7), // TPID the kernel does not strip
      };
      const expect = async (filter: string, names: (keyof typeof all)[]) => {
        using rx = openCapture(veth.a, { filter, immediate: true });
        for (const bytes of Object.values(all)) assert.equal(tx.send(bytes), bytes.length);
        const got = await collect(rx, names.length);
        // Byte for byte: the stripped tags are back in place.
        assert.deepEqual(got.map((p) => p.data), names.map((n) => all[n]), filter);
        assert.deepEqual((await rest(rx)).map((p) => p.data.length), [], `${filter}: extra`);
        return got;
      };

      await t.step('"vlan 100": outer VID 100, from metadata or from the frame', async () => {
        const got = await expect("vlan 100", ["v100Udp", "v100Other", "ad100Udp", "old9100v100"]);
        // The kernel took the 0x8100/0x88a8 tags out (the ring reports them); 0x9100 stayed.
        assert.deepEqual(got.map((p) => [p.vlanTpid, p.vlanTci]), [
          [0x8100, 0x2064],
          [0x8100, 100],
          [0x88a8, 100],
          [-1, -1],
        ]);
      });

      await t.step('"vlan and udp": UDP right after the outer tag', async () => {
        await expect("vlan and udp", ["v100Udp", "v200Udp", "ad100Udp", "old9100v100"]);
      });

      await t.step('"vlan 300 and vlan 100 and udp": QinQ, inner tag in the data', async () => {
        await expect("vlan 300 and vlan 100 and udp", ["qinq300in100"]);
      });

      await t.step(
        '"udp": stripped frames look untagged to the kernel, as in libpcap',
        async () => {
          await expect("udp", ["plainUdp", "v100Udp", "v200Udp", "ad100Udp"]);
        },
      );

      await t.step(
        "the saved-file form in the kernel misses stripped tags (and reads inner ones)",
        async () => {
          // Why live matters: the in-frame test only sees the tag the kernel left in place.
          using rx = openCapture(veth.a, { filter: compileFilter("vlan 100"), immediate: true });
          for (const bytes of Object.values(all)) tx.send(bytes);
          const got = await collect(rx, 2);
          // Worse: with the outer tag gone it reads the inner one of the QinQ frame.
          assert.deepEqual(got.map((p) => p.data), [all.qinq300in100, all.old9100v100]);
          assert.deepEqual((await rest(rx)).length, 0);
        },
      );

      await t.step(
        "setFilter() filters frames queued before it on their written-back tags",
        async () => {
          using rx = openCapture(veth.a, { immediate: true });
          for (const bytes of Object.values(all)) tx.send(bytes); // queued, unfiltered
          await new Promise((r) => setTimeout(r, 50));
          rx.setFilter("vlan 300 and vlan 100 and udp");
          tx.send(all.v100Udp); // after: filtered by the kernel
          tx.send(all.qinq300in100);
          const got = await collect(rx, 2);
          assert.deepEqual(got.map((p) => p.data), [all.qinq300in100, all.qinq300in100]);
          assert.deepEqual((await rest(rx)).length, 0);
        },
      );
    } finally {
      veth.remove();
    }
  },
});
