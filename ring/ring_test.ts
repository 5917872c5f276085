import assert from "node:assert/strict";
import type { Frame, FrameOptions, Packet } from "./frame.ts";
import {
  BLOCK_DESC,
  PACKET_BROADCAST,
  PACKET_HOST,
  PACKET_MULTICAST,
  PACKET_OTHERHOST,
  PACKET_OUTGOING,
  TP_STATUS_BLK_TMO,
  TP_STATUS_USER,
} from "./layout.ts";
import { type Batch, type Ring, V2Ring, V3Ring } from "./ring.ts";
import {
  blockStatus,
  buildV2Ring,
  buildV3Ring,
  frameStatus,
  type TestBlock,
  type TestFrame,
  type TestRingOptions,
  writeV2Frame,
  writeV3Block,
} from "./_synthetic.ts";
import { prng as rng } from "../tests/_prng.ts";

const BLOCK = 4096;
const FRAME = 2048;

function options(over: Partial<FrameOptions> = {}): FrameOptions {
  return {
    snapLen: 262144,
    direction: "inout",
    loopbackIfIndex: 0,
    cooked: "none",
    reserve: 4,
    nanoseconds: true,
    ...over,
  };
}

// tcpdump -n -e -XX: 02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42:
//   Request who-has 10.0.0.2 tell 10.0.0.1, length 28
const ARP = Uint8Array.fromHex(
  "ffffffffffff020000000001" + "0806" +
    "0001080006040001" + "020000000001" + "0a000001" + "000000000000" + "0a000002",
);
const ARP_BODY = ARP.subarray(14);

/** An Ethernet frame of `len` bytes whose payload bytes say which frame it is. */
function eth(n: number, len = 60): Uint8Array {
  const b = new Uint8Array(len);
  b.set(Uint8Array.fromHex("0200000000020200000000010800"));
  for (let i = 14; i < len; i++) b[i] = (n * 31 + i) & 0xff;
  return b;
}

function collect(ring: Ring, max = 0): Packet[] {
  const got: Packet[] = [];
  ring.dispatch((f) => got.push(f.copy()), max);
  return got;
}

/** The same scenario on both ring versions: frames[i] in block i (V3) or slot i (V2). */
const VERSIONS = [
  {
    name: "V3Ring",
    make(
      frames: (TestFrame | undefined)[],
      opts: Partial<FrameOptions> = {},
      ring: TestRingOptions = {},
    ) {
      const buffer = buildV3Ring(
        BLOCK,
        frames.length,
        frames.map((f) => f && { frames: [f] }),
        ring,
      );
      return { buffer, ring: new V3Ring(buffer, BLOCK, frames.length, options(opts)) as Ring };
    },
  },
  {
    name: "V2Ring",
    make(
      frames: (TestFrame | undefined)[],
      opts: Partial<FrameOptions> = {},
      ring: TestRingOptions = {},
    ) {
      const buffer = buildV2Ring(FRAME, frames.length, frames, ring);
      return { buffer, ring: new V2Ring(buffer, FRAME, frames.length, options(opts)) as Ring };
    },
  },
];

Deno.test("V3Ring.dispatch() delivers several frames per block in order and hands blocks back", () => {
  const frames = [0, 1, 2, 3, 4].map((n) => eth(n, 60 + n * 100));
  const buffer = buildV3Ring(BLOCK, 3, [
    {
      frames: frames.slice(0, 3).map((data, i) => ({
        data,
        sec: 10 + i,
        nsec: 1000 * i + 7,
        ifIndex: 3,
      })),
    },
    { frames: frames.slice(3).map((data) => ({ data, wireLen: data.length + 1000 })) },
  ]);
  const ring = new V3Ring(buffer, BLOCK, 3, options());
  assert.equal(ring.ready, true);
  const got = collect(ring);
  assert.deepEqual(got.map((p) => p.data), frames);
  assert.deepEqual(got.map((p) => p.wireLen), frames.map((f, i) => f.length + (i >= 3 ? 1000 : 0)));
  assert.deepEqual(got.slice(0, 3).map((p) => [p.sec, p.nsec, p.ifIndex]), [[10, 7, 3], [
    11,
    1007,
    3,
  ], [12, 2007, 3]]);
  assert.equal(got[0]!.protocol, 0x0800);
  assert.equal(got[0]!.pktType, PACKET_HOST);
  assert.equal(got[0]!.vlanTci, -1);
  assert.equal(got[0]!.vlanTpid, -1);
  assert.deepEqual([0, 1, 2].map((i) => blockStatus(buffer, BLOCK, i)), [0, 0, 0]);
  assert.equal(ring.ready, false);
  assert.deepEqual(ring.counters, { blocks: 2, losing: 0, seqGaps: 0, corrupt: 0, rejected: 0 });
});

Deno.test("V3Ring.dispatch() hands back empty timed-out blocks and walks on", () => {
  const buffer = buildV3Ring(BLOCK, 3, [{ frames: [] }, { frames: [] }, {
    frames: [{ data: eth(1) }],
  }]);
  const ring = new V3Ring(buffer, BLOCK, 3, options());
  assert.deepEqual(collect(ring).map((p) => p.data), [eth(1)]);
  assert.deepEqual([0, 1, 2].map((i) => blockStatus(buffer, BLOCK, i)), [0, 0, 0]);
  assert.equal(ring.counters.blocks, 3);
});

Deno.test("V3Ring.dispatch() stops at max inside a block, keeps its place and resumes", () => {
  const frames = [0, 1, 2, 3, 4].map((n) => eth(n));
  const buffer = buildV3Ring(BLOCK, 2, [{ frames: frames.map((data) => ({ data })) }]);
  const ring = new V3Ring(buffer, BLOCK, 2, options());
  assert.deepEqual(collect(ring, 2).map((p) => p.data), frames.slice(0, 2));
  assert.notEqual(blockStatus(buffer, BLOCK, 0), 0, "block still ours while frames are left");
  assert.equal(ring.ready, true);
  assert.deepEqual(collect(ring, 2).map((p) => p.data), frames.slice(2, 4));
  assert.deepEqual(collect(ring, 2).map((p) => p.data), frames.slice(4));
  assert.equal(blockStatus(buffer, BLOCK, 0), 0);
  assert.equal(ring.ready, false);
  assert.equal(ring.dispatch(() => assert.fail("nothing left"), 0), 0);
  // The kernel fills block 1 next; the walker goes there.
  writeV3Block(buffer, BLOCK, 1, { frames: [{ data: eth(9) }] });
  assert.deepEqual(collect(ring).map((p) => p.data), [eth(9)]);
});

Deno.test("V3Ring.dispatch() never redelivers a frame whose callback threw and still hands the block back", () => {
  const frames = [0, 1, 2].map((n) => eth(n));
  const buffer = buildV3Ring(BLOCK, 2, [{ frames: frames.map((data) => ({ data })) }, {
    frames: [{ data: eth(3) }],
  }]);
  const ring = new V3Ring(buffer, BLOCK, 2, options());
  const seen: Uint8Array[] = [];
  assert.throws(
    () =>
      ring.dispatch((f) => {
        seen.push(f.data.slice());
        if (seen.length === 2) throw new Error("boom");
      }, 0),
    /boom/,
  );
  assert.notEqual(blockStatus(buffer, BLOCK, 0), 0);
  // The last frame of block 0 throws: block 0 must still go back to the kernel.
  assert.throws(() =>
    ring.dispatch((f) => {
      seen.push(f.data.slice());
      throw new Error("again");
    }, 0), /again/);
  assert.equal(blockStatus(buffer, BLOCK, 0), 0);
  assert.deepEqual(collect(ring).map((p) => p.data), [eth(3)]);
  assert.deepEqual(seen, frames);
});

Deno.test("V3Ring refuses a frame overrunning its block, drops the rest of the block and goes on", async (t) => {
  await t.step("tp_mac + tp_snaplen past the block end", () => {
    const buffer = buildV3Ring(BLOCK, 2, [
      { frames: [{ data: eth(0) }, { data: eth(1), snapLen: BLOCK }, { data: eth(2) }] },
      { frames: [{ data: eth(3) }] },
    ]);
    const ring = new V3Ring(buffer, BLOCK, 2, options());
    assert.deepEqual(collect(ring).map((p) => p.data), [eth(0), eth(3)]);
    assert.equal(ring.counters.corrupt, 1);
    assert.deepEqual([blockStatus(buffer, BLOCK, 0), blockStatus(buffer, BLOCK, 1)], [0, 0]);
  });
  await t.step("tp_next_offset pointing into the frame's own data", () => {
    const buffer = buildV3Ring(BLOCK, 1, [{
      frames: [{ data: eth(0), nextOffset: 16 }, { data: eth(1) }],
    }]);
    const ring = new V3Ring(buffer, BLOCK, 1, options());
    assert.equal(ring.dispatch(() => {}, 0), 0);
    assert.equal(ring.counters.corrupt, 1);
    assert.equal(blockStatus(buffer, BLOCK, 0), 0);
  });
  await t.step("tp_next_offset leading past the block end", () => {
    const buffer = buildV3Ring(BLOCK, 1, [{
      frames: [{ data: eth(0), nextOffset: BLOCK - 100 }, { data: eth(1) }],
    }]);
    const ring = new V3Ring(buffer, BLOCK, 1, options());
    assert.deepEqual(collect(ring).map((p) => p.data), [eth(0)]);
    assert.equal(ring.counters.corrupt, 1);
  });
  await t.step("tp_next_offset off the kernel's 8-byte frame alignment", () => {
    const buffer = buildV3Ring(BLOCK, 1, [{
      frames: [{ data: eth(0), nextOffset: 8 * 20 + 4 }, { data: eth(1) }],
    }]);
    const ring = new V3Ring(buffer, BLOCK, 1, options());
    assert.deepEqual(collect(ring).map((p) => p.data), [eth(0)]);
    assert.equal(ring.counters.corrupt, 1);
    assert.equal(blockStatus(buffer, BLOCK, 0), 0);
  });
  await t.step("tp_mac inside the frame header", () => {
    const buffer = buildV3Ring(BLOCK, 1, [{ frames: [{ data: eth(0, 20), mac: 60 }] }]);
    const ring = new V3Ring(buffer, BLOCK, 1, options());
    assert.equal(ring.dispatch(() => {}, 0), 0);
    assert.equal(ring.counters.corrupt, 1);
  });
  await t.step("num_pkts larger than a block can hold", () => {
    const buffer = buildV3Ring(BLOCK, 1, [{ frames: [{ data: eth(0) }], numPkts: 0xffffffff }]);
    const ring = new V3Ring(buffer, BLOCK, 1, options());
    assert.equal(ring.nextBatch()?.count, 0);
    assert.equal(ring.counters.corrupt, 1);
  });
});

Deno.test("V2Ring refuses a frame overrunning its slot and goes on", () => {
  const buffer = buildV2Ring(FRAME, 3, [{ data: eth(0) }, { data: eth(1), snapLen: FRAME }, {
    data: eth(2),
  }]);
  const ring = new V2Ring(buffer, FRAME, 3, options());
  assert.deepEqual(collect(ring).map((p) => p.data), [eth(0), eth(2)]);
  assert.equal(ring.counters.corrupt, 1);
  assert.deepEqual([0, 1, 2].map((i) => frameStatus(buffer, FRAME, i)), [0, 0, 0]);
});

for (const v of VERSIONS) {
  Deno.test(`${v.name} writes a stripped VLAN tag back after the MAC addresses`, async (t) => {
    const tagged = (tpid: string, tci: string) =>
      Uint8Array.fromHex("ffffffffffff020000000001" + tpid + tci + "0806" + ARP_BODY.toHex());
    await t.step("TPID given by the kernel (802.1ad)", () => {
      const { ring } = v.make([{ data: ARP, vlanTci: 0x6005, vlanTpid: 0x88a8 }]);
      const [p] = collect(ring);
      assert.deepEqual(p!.data, tagged("88a8", "6005"));
      assert.equal(p!.wireLen, ARP.length + 4);
      assert.equal(p!.vlanTci, 0x6005);
      assert.equal(p!.vlanTpid, 0x88a8);
    });
    await t.step("no TPID: 0x8100", () => {
      const { ring } = v.make([{ data: ARP, vlanTci: 5 }]);
      const [p] = collect(ring);
      assert.deepEqual(p!.data, tagged("8100", "0005"));
      assert.equal(p!.vlanTpid, 0x8100);
    });
    await t.step("a non-zero TCI without the VALID flag (old kernels) counts as a tag", () => {
      const { ring } = v.make([{ data: ARP, vlanTci: 7, status: 1 }]);
      assert.deepEqual(collect(ring)[0]!.data, tagged("8100", "0007"));
    });
    await t.step("TCI 0 with the VALID flag is a priority tag", () => {
      const { ring } = v.make([{ data: ARP, vlanTci: 0, vlanTpid: 0x8100 }]);
      assert.deepEqual(collect(ring)[0]!.data, tagged("8100", "0000"));
    });
    await t.step("the tag counts before snaplen clips", () => {
      const { ring } = v.make([{ data: ARP, vlanTci: 5 }], { snapLen: 20 });
      const [p] = collect(ring);
      assert.deepEqual(p!.data, tagged("8100", "0005").subarray(0, 20));
      assert.equal(p!.wireLen, ARP.length + 4);
    });
    await t.step(
      "frames captured shorter than the addresses are left alone, as libpcap does",
      () => {
        const { ring } = v.make([{ data: ARP.subarray(0, 10), wireLen: 42, vlanTci: 5 }]);
        const [p] = collect(ring);
        assert.deepEqual(p!.data, ARP.subarray(0, 10));
        assert.equal(p!.wireLen, 42);
        assert.equal(p!.vlanTci, 5);
      },
    );
  });

  Deno.test(`${v.name} applies snapLen to the captured length, not the wire length`, () => {
    const { ring } = v.make([{ data: eth(1, 1000) }, { data: eth(2, 30) }], { snapLen: 96 });
    const got = collect(ring);
    assert.deepEqual(got.map((p) => p.data), [eth(1, 1000).subarray(0, 96), eth(2, 30)]);
    assert.deepEqual(got.map((p) => p.wireLen), [1000, 30]);
  });

  Deno.test(`${v.name} keeps only the asked direction and drops outgoing loopback copies`, async (t) => {
    const types = [
      PACKET_HOST,
      PACKET_OUTGOING,
      PACKET_BROADCAST,
      PACKET_MULTICAST,
      PACKET_OTHERHOST,
    ];
    const frames = types.map((pktType, n) => ({ data: eth(n), pktType }));
    const kept = (opts: Partial<FrameOptions>, list: TestFrame[] = frames) =>
      collect(v.make(list, opts).ring).map((p) => p.pktType);
    await t.step("inout", () => assert.deepEqual(kept({ direction: "inout" }), types));
    await t.step(
      "in",
      () =>
        assert.deepEqual(kept({ direction: "in" }), [
          PACKET_HOST,
          PACKET_BROADCAST,
          PACKET_MULTICAST,
          PACKET_OTHERHOST,
        ]),
    );
    await t.step("out", () => assert.deepEqual(kept({ direction: "out" }), [PACKET_OUTGOING]));
    await t.step("loopback", () => {
      const list: TestFrame[] = [
        { data: eth(0), ifIndex: 1, pktType: PACKET_OUTGOING },
        { data: eth(1), ifIndex: 1, pktType: PACKET_HOST },
        { data: eth(2), ifIndex: 2, pktType: PACKET_OUTGOING },
      ];
      const { ring } = v.make(list, { loopbackIfIndex: 1 });
      const got = collect(ring);
      assert.deepEqual(got.map((p) => [p.ifIndex, p.pktType]), [[1, PACKET_HOST], [
        2,
        PACKET_OUTGOING,
      ]]);
      assert.deepEqual(kept({ loopbackIfIndex: 0 }, list), [
        PACKET_OUTGOING,
        PACKET_HOST,
        PACKET_OUTGOING,
      ]);
      assert.deepEqual(kept({ loopbackIfIndex: 1, direction: "out" }, list), [PACKET_OUTGOING]);
    });
  });

  Deno.test(`${v.name} writes libpcap's cooked SLL and SLL2 headers in front of the data`, async (t) => {
    const frame: TestFrame = {
      data: ARP_BODY,
      pktType: PACKET_BROADCAST,
      ifIndex: 0x01020304,
      protocol: 0x0806,
      hatype: 1,
      addr: Uint8Array.fromHex("020000000001"),
    };
    await t.step("SLL: pkttype, hatype, halen, addr[8], protocol", () => {
      const { ring } = v.make([frame], { cooked: "sll", reserve: 8 }, { cooked: true });
      const [p] = collect(ring);
      assert.deepEqual(
        p!.data,
        Uint8Array.fromHex(
          "0001" + "0001" + "0006" + "0200000000010000" + "0806" + ARP_BODY.toHex(),
        ),
      );
      assert.equal(p!.wireLen, ARP_BODY.length + 16);
      assert.equal(p!.protocol, 0x0806);
    });
    await t.step("SLL2: protocol, reserved, ifindex, hatype, pkttype, halen, addr[8]", () => {
      const { ring } = v.make([frame], { cooked: "sll2", reserve: 8 }, { cooked: true });
      const [p] = collect(ring);
      assert.deepEqual(
        p!.data,
        Uint8Array.fromHex(
          "0806" + "0000" + "01020304" + "0001" + "01" + "06" + "0200000000010000" +
            ARP_BODY.toHex(),
        ),
      );
      assert.equal(p!.wireLen, ARP_BODY.length + 20);
    });
    await t.step("the address field past sll_halen is zeros, not what the ring held there", () => {
      const stale = { ...frame, addrTail: Uint8Array.fromHex("abcd") };
      for (const [cooked, at] of [["sll", 6], ["sll2", 12]] as const) {
        const { ring } = v.make([stale], { cooked, reserve: 8 }, { cooked: true });
        const [p] = collect(ring);
        assert.equal(p!.data.subarray(at, at + 8).toHex(), "0200000000010000", cooked);
      }
    });
    await t.step("SLL with a VLAN tag: tag after the header, as libpcap's vlan_offset 14", () => {
      const { ring } = v.make([{ ...frame, vlanTci: 5 }], { cooked: "sll", reserve: 8 }, {
        cooked: true,
      });
      const [p] = collect(ring);
      assert.deepEqual(
        p!.data,
        Uint8Array.fromHex(
          "0001000100060200000000010000" + "8100" + "0005" + "0806" + ARP_BODY.toHex(),
        ),
      );
      assert.equal(p!.wireLen, ARP_BODY.length + 16 + 4);
    });
    await t.step(
      "SLL2 with a VLAN tag: no tag written back (libpcap has no vlan_offset for it)",
      () => {
        const { ring } = v.make([{ ...frame, vlanTci: 5 }], { cooked: "sll2", reserve: 8 }, {
          cooked: true,
        });
        const [p] = collect(ring);
        assert.equal(p!.data.length, ARP_BODY.length + 20);
        assert.equal(p!.vlanTci, 5);
      },
    );
    await t.step("no headroom for the header: refused and counted", () => {
      const { ring } = v.make([{ ...frame, mac: v.name === "V3Ring" ? 80 : 64 }], {
        cooked: "sll2",
      }, {
        cooked: true,
      });
      assert.equal(ring.dispatch(() => {}, 0), 0);
      assert.equal(ring.counters.corrupt, 1);
    });
  });

  Deno.test(`${v.name} rounds timestamps down to microseconds unless nanoseconds are asked`, () => {
    const frames = [{ data: eth(0), sec: 5, nsec: 123456789 }, { data: eth(1), sec: 6, nsec: 999 }];
    assert.deepEqual(
      collect(v.make(frames, { nanoseconds: true }).ring).map((p) => [p.sec, p.nsec]),
      [
        [5, 123456789],
        [6, 999],
      ],
    );
    assert.deepEqual(
      collect(v.make(frames, { nanoseconds: false }).ring).map((p) => [p.sec, p.nsec]),
      [
        [5, 123456000],
        [6, 0],
      ],
    );
  });

  Deno.test(`${v.name}: after the buffer is detached a kept frame reads as empty and slice() throws`, () => {
    const { buffer, ring } = v.make([{ data: eth(0) }, { data: eth(1) }, undefined]);
    let kept: Frame | undefined;
    let view: Uint8Array | undefined;
    // The capture closes (and detaches) from inside the callback: no throw, no further frame.
    const n = ring.dispatch((f) => {
      kept = f;
      view = f.data;
      assert.equal(view.length, 60);
      buffer.transfer(0);
    }, 0);
    assert.equal(n, 1);
    assert.equal(view!.length, 0);
    assert.equal(kept!.data.length, 0);
    assert.equal(kept!.capLen, 0);
    assert.throws(() => view!.slice(), TypeError);
    assert.throws(() => kept!.copy(), TypeError);
    assert.equal(ring.ready, false);
    assert.equal(ring.dispatch(() => assert.fail("detached"), 0), 0);
    assert.equal(ring.nextBatch(), undefined);
  });

  Deno.test(`${v.name}.nextBatch() lists a whole block of frames and releases it once`, () => {
    const frames = [eth(0, 60), eth(1, 1514), undefined];
    const { buffer, ring } = v.name === "V3Ring"
      ? (() => {
        const b = buildV3Ring(BLOCK, 2, [{
          frames: [{ data: frames[0]!, sec: 1, nsec: 2 }, {
            data: frames[1]!,
            sec: 3,
            nsec: 4,
            pktType: PACKET_OUTGOING,
            ifIndex: 1,
          }],
        }]);
        return {
          buffer: b,
          ring: new V3Ring(b, BLOCK, 2, options({ loopbackIfIndex: 7 })) as Ring,
        };
      })()
      : (() => {
        const b = buildV2Ring(FRAME, 3, [{ data: frames[0]!, sec: 1, nsec: 2 }, {
          data: frames[1]!,
          sec: 3,
          nsec: 4,
          pktType: PACKET_OUTGOING,
          ifIndex: 1,
        }]);
        return {
          buffer: b,
          ring: new V2Ring(b, FRAME, 3, options({ loopbackIfIndex: 7 })) as Ring,
        };
      })();
    const status = (i: number) =>
      v.name === "V3Ring" ? blockStatus(buffer, BLOCK, i) : frameStatus(buffer, FRAME, i);
    const batch = ring.nextBatch()!;
    assert.equal(batch.count, 2);
    for (let i = 0; i < 2; i++) {
      assert.deepEqual(
        batch.bytes.subarray(batch.offsets[i], batch.offsets[i]! + batch.capLens[i]!),
        frames[i],
      );
    }
    assert.deepEqual([...batch.wireLens], [60, 1514]);
    assert.deepEqual([...batch.secs], [1, 3]);
    assert.deepEqual([...batch.nsecs], [2, 4]);
    assert.notEqual(status(0), 0, "held until release()");
    assert.equal(ring.nextBatch(), undefined, "the ring moved on");
    assert.equal(ring.ready, false);
    batch.release();
    assert.equal(status(0), 0);
    assert.equal(status(1), 0);
    batch.release();
    assert.equal(ring.counters.corrupt, 0);
  });
}

Deno.test("V3Ring.nextBatch() moves on at once, skips by direction, never rewalks a held block", () => {
  const buffer = buildV3Ring(BLOCK, 2, [
    {
      frames: [{ data: eth(0) }, { data: eth(1), pktType: PACKET_OUTGOING, ifIndex: 1 }, {
        data: eth(2),
      }],
    },
    { frames: [{ data: eth(3) }] },
  ]);
  const ring = new V3Ring(buffer, BLOCK, 2, options({ loopbackIfIndex: 1 }));
  // The first frame goes through dispatch; the batch takes the rest of the block.
  assert.deepEqual(collect(ring, 1).map((p) => p.data), [eth(0)]);
  const a = ring.nextBatch()!;
  assert.equal(a.count, 1);
  assert.deepEqual(a.bytes.subarray(a.offsets[0], a.offsets[0]! + a.capLens[0]!), eth(2));
  const b = ring.nextBatch()!;
  assert.equal(b.count, 1);
  assert.deepEqual(b.bytes.subarray(b.offsets[0], b.offsets[0]! + b.capLens[0]!), eth(3));
  // Block 0 is held: wrapping around to it must not deliver it twice.
  assert.equal(ring.nextBatch(), undefined);
  assert.equal(ring.dispatch(() => assert.fail("held"), 0), 0);
  b.release();
  a.release();
  assert.deepEqual([blockStatus(buffer, BLOCK, 0), blockStatus(buffer, BLOCK, 1)], [0, 0]);
  writeV3Block(buffer, BLOCK, 0, { frames: [{ data: eth(4) }], seq: 3 });
  assert.deepEqual(collect(ring).map((p) => p.data), [eth(4)]);
  assert.deepEqual(ring.counters, { blocks: 3, losing: 0, seqGaps: 0, corrupt: 0, rejected: 0 });
});

Deno.test("V3Ring.nextBatch() reuses the column memory released last, never a held one's", () => {
  const buffer = buildV3Ring(BLOCK, 2, [
    { frames: [{ data: eth(0) }, { data: eth(1) }, { data: eth(2) }] },
    { frames: [{ data: eth(3) }] },
  ]);
  const ring = new V3Ring(buffer, BLOCK, 2, options());
  const frames = (b: Batch) =>
    Array.from(
      { length: b.count },
      (_, i) => b.bytes.slice(b.offsets[i], b.offsets[i]! + b.capLens[i]!),
    );
  const a = ring.nextBatch()!;
  const b = ring.nextBatch()!;
  // Both held at once: each lists its own frames.
  assert.deepEqual(frames(a), [eth(0), eth(1), eth(2)]);
  assert.deepEqual(frames(b), [eth(3)]);
  assert.notEqual(a.offsets.buffer, b.offsets.buffer);
  const memory = a.offsets.buffer;
  a.release();
  // Block 0 again, with fewer frames, while b is held: a's memory, the new frames and lengths
  // only, and b's columns untouched.
  writeV3Block(buffer, BLOCK, 0, {
    frames: [{ data: eth(4).subarray(0, 30), wireLen: 99 }],
    seq: 3,
  });
  const c = ring.nextBatch()!;
  assert.equal(c.offsets.buffer, memory);
  assert.equal(c.count, 1);
  assert.deepEqual(frames(c), [eth(4).subarray(0, 30)]);
  assert.deepEqual([...c.wireLens], [99]);
  assert.equal(c.capLens.length, 1);
  assert.deepEqual(frames(b), [eth(3)]);
  b.release();
  c.release();
  // Block 1 again: the memory released last (c's, room for 6 frames) takes its 4 frames.
  writeV3Block(buffer, BLOCK, 1, {
    frames: [0, 1, 2, 3].map((i) => ({ data: eth(10 + i) })),
    seq: 4,
  });
  const d = ring.nextBatch()!;
  assert.equal(d.offsets.buffer, memory);
  assert.deepEqual(frames(d), [eth(10), eth(11), eth(12), eth(13)]);
  d.release();
  // Block 0 with more frames than any spare has room for: fresh, bigger memory.
  writeV3Block(buffer, BLOCK, 0, {
    frames: Array.from({ length: 20 }, (_, i) => ({ data: eth(20 + i) })),
    seq: 5,
  });
  const e = ring.nextBatch()!;
  assert.notEqual(e.offsets.buffer, memory);
  assert.deepEqual(frames(e), Array.from({ length: 20 }, (_, i) => eth(20 + i)));
  e.release();
});

Deno.test("V3Ring.queuedSlots() counts held blocks and the user-owned run from the cursor, plus one", () => {
  const blocks = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ frames: [{ data: eth(i) }] }));
  // 4 blocks, none ready: only the one the kernel fills.
  const buffer = buildV3Ring(BLOCK, 4, []);
  const ring = new V3Ring(buffer, BLOCK, 4, options());
  assert.equal(ring.queuedSlots(), 1);
  // Blocks 0-2 retired, 3 being filled.
  blocks(3).forEach((b, i) => writeV3Block(buffer, BLOCK, i, b));
  assert.equal(ring.queuedSlots(), 4);
  // Block 0 held in a batch, the cursor at 1: still 3 owned.
  const a = ring.nextBatch()!;
  assert.equal(ring.queuedSlots(), 4);
  // Block 1 taken and released (the kernel owns it again): 0 held, 2 at the cursor's run.
  ring.nextBatch()!.release();
  assert.equal(ring.queuedSlots(), 3);
  // The run wraps around to block 0, which is held: not counted twice.
  writeV3Block(buffer, BLOCK, 3, { frames: [{ data: eth(9) }], seq: 4 });
  assert.equal(ring.queuedSlots(), 4);
  a.release();
  assert.equal(ring.queuedSlots(), 3);
  // All four ready and none held: the kernel has no block to fill, and the count says so.
  writeV3Block(buffer, BLOCK, 0, { frames: [{ data: eth(10) }], seq: 5 });
  writeV3Block(buffer, BLOCK, 1, { frames: [{ data: eth(11) }], seq: 6 });
  assert.equal(ring.queuedSlots(), 5);
  // A capture closed under the ring (its memory detached): nothing.
  structuredClone(buffer, { transfer: [buffer] });
  assert.equal(ring.queuedSlots(), 0);
});

Deno.test("V3Ring.nextBatch() keeps its column views while blocks list the same count", () => {
  const two = (seq: number) => ({ frames: [{ data: eth(seq) }, { data: eth(seq + 1) }], seq });
  const buffer = buildV3Ring(BLOCK, 2, [two(1)]);
  const ring = new V3Ring(buffer, BLOCK, 2, options());
  const a = ring.nextBatch()!;
  const views = [a.offsets, a.capLens, a.wireLens, a.secs, a.nsecs];
  a.release();
  writeV3Block(buffer, BLOCK, 1, two(2));
  const b = ring.nextBatch()!;
  assert.deepEqual([b.offsets, b.capLens, b.wireLens, b.secs, b.nsecs], views);
  assert.ok(b.offsets === views[0] && b.nsecs === views[4]);
  assert.deepEqual(Array.from({ length: 2 }, (_, i) => b.bytes[b.offsets[i]! + 20]), [
    eth(2)[20],
    eth(3)[20],
  ]);
  b.release();
  // Another count: new views of the same memory, as long as it lists.
  writeV3Block(buffer, BLOCK, 0, { frames: [{ data: eth(7) }], seq: 3 });
  const c = ring.nextBatch()!;
  assert.ok(c.offsets !== views[0] && c.offsets.buffer === views[0]!.buffer);
  assert.deepEqual([c.offsets, c.capLens, c.wireLens, c.secs, c.nsecs].map((v) => v.length), [
    1,
    1,
    1,
    1,
    1,
  ]);
  assert.equal(c.bytes[c.offsets[0]! + 20], eth(7)[20]);
  c.release();
});

Deno.test("V3Ring counts TP_STATUS_LOSING blocks and seq_num gaps", () => {
  const buffer = buildV3Ring(BLOCK, 4, [
    { frames: [{ data: eth(0) }], seq: 1 },
    { frames: [{ data: eth(1) }], seq: 2, losing: true },
    { frames: [], seq: 5 },
    { frames: [{ data: eth(3) }], seq: 6, losing: true },
  ]);
  const ring = new V3Ring(buffer, BLOCK, 4, options());
  assert.equal(ring.dispatch(() => {}, 0), 3);
  assert.deepEqual(ring.counters, { blocks: 4, losing: 2, seqGaps: 1, corrupt: 0, rejected: 0 });
});

Deno.test("V2Ring walks frame slots in order, wraps around and stops at a kernel-owned slot", () => {
  const buffer = buildV2Ring(FRAME, 4, [{ data: eth(0) }, { data: eth(1) }, {
    data: eth(2),
    status: 1 | 4,
  }]);
  const ring = new V2Ring(buffer, FRAME, 4, options());
  assert.deepEqual(collect(ring, 2).map((p) => p.data), [eth(0), eth(1)]);
  assert.deepEqual([0, 1].map((i) => frameStatus(buffer, FRAME, i)), [0, 0]);
  assert.deepEqual(collect(ring).map((p) => p.data), [eth(2)]);
  writeV2Frame(buffer, FRAME, 3, { data: eth(3) });
  writeV2Frame(buffer, FRAME, 0, { data: eth(4) });
  assert.deepEqual(collect(ring).map((p) => p.data), [eth(3), eth(4)]);
  assert.deepEqual(ring.counters, { blocks: 5, losing: 1, seqGaps: 0, corrupt: 0, rejected: 0 });
});

Deno.test("V2Ring.dispatch() hands a frame back even when its callback throws", () => {
  const buffer = buildV2Ring(FRAME, 2, [{ data: eth(0) }, { data: eth(1) }]);
  const ring = new V2Ring(buffer, FRAME, 2, options());
  assert.throws(() =>
    ring.dispatch(() => {
      throw new Error("boom");
    }, 0), /boom/);
  assert.equal(frameStatus(buffer, FRAME, 0), 0);
  assert.deepEqual(collect(ring).map((p) => p.data), [eth(1)]);
});

Deno.test("V2Ring clips a frame longer than its slot as the kernel does (TP_STATUS_COPY)", () => {
  const big = eth(0, 3000);
  const buffer = buildV2Ring(FRAME, 1, [{ data: big }]);
  const [p] = collect(new V2Ring(buffer, FRAME, 1, options()));
  assert.equal(p!.wireLen, 3000);
  assert.deepEqual(p!.data, big.subarray(0, p!.data.length));
  assert.ok(p!.data.length < FRAME && p!.data.length > FRAME - 100);
});

Deno.test("V3Ring and V2Ring reject bad geometry and options with one-line errors", () => {
  const buf = new ArrayBuffer(BLOCK);
  assert.throws(() => new V3Ring(buf, 4008, 1, options()), {
    name: "RangeError",
    message: "Cannot walk the ring: block size 4008 is not a multiple of 16 >= 116",
  });
  assert.throws(() => new V3Ring(buf, BLOCK, 2, options()), {
    name: "RangeError",
    message: "Cannot walk the ring: 2 blocks of 4096 bytes do not fit in 4096 bytes",
  });
  assert.throws(() => new V2Ring(buf, FRAME, 0, options()), {
    name: "RangeError",
    message: "Cannot walk the ring: frame count 0 is not an integer >= 1",
  });
  assert.throws(() => new V3Ring(buf, BLOCK, 1, options({ snapLen: 0 })), {
    name: "RangeError",
    message: "Cannot walk the ring: snapLen 0 is not an integer in 1..2147483647",
  });
  assert.throws(() => new V3Ring(buf, BLOCK, 1, options({ direction: "up" as "in" })), {
    name: "TypeError",
    message: 'Cannot walk the ring: direction "up" is not "in", "out" or "inout"',
  });
  assert.throws(() => new V2Ring(buf, FRAME, 1, options({ cooked: "x" as "sll" })), TypeError);
});

Deno.test("V3Ring and V2Ring never throw on random or mutated ring memory", () => {
  const rand = rng(42);
  for (let round = 0; round < 300; round++) {
    const cooked = round % 3 === 0 ? "sll" : round % 3 === 1 ? "sll2" : "none";
    const opts = options({ cooked, snapLen: 1 + Math.floor(rand() * 2000) });
    const v3 = buildV3Ring(BLOCK, 2, [
      { frames: [0, 1, 2].map((n) => ({ data: eth(n, 60 + n * 300), vlanTci: n })) },
      { frames: [{ data: eth(3) }] },
    ], { cooked: cooked !== "none" });
    const v2 = buildV2Ring(FRAME, 2, [{ data: eth(0), vlanTci: 3 }, { data: eth(1, 1600) }], {
      cooked: cooked !== "none",
    });
    for (const buffer of [v3, v2]) {
      const bytes = new Uint8Array(buffer);
      const flips = round < 100 ? 4 : 40;
      for (let i = 0; i < flips; i++) {
        // Mostly headers (first 200 bytes of each block/slot), some anywhere.
        const base = rand() < 0.5 ? 0 : buffer === v3 ? BLOCK : FRAME;
        const at = rand() < 0.8
          ? base + Math.floor(rand() * 200)
          : Math.floor(rand() * bytes.length);
        bytes[at] = Math.floor(rand() * 256);
      }
      // Keep the status words saying "user" so the walker reads the garbage.
      const slot = buffer === v3 ? BLOCK : FRAME;
      const statusAt = (i: number) =>
        new DataView(buffer).getUint32(i * slot + (buffer === v3 ? 8 : 0), true);
      // The walker starts at slot 0 and goes on while slots are user-owned (TP_STATUS_USER).
      const walked = (statusAt(0) & 1) === 0 ? 0 : (statusAt(1) & 1) === 0 ? 1 : 2;
      const ring: Ring = buffer === v3
        ? new V3Ring(buffer, BLOCK, 2, opts)
        : new V2Ring(buffer, FRAME, 2, opts);
      ring.dispatch((f) => {
        assert.ok(f.data.byteOffset + f.data.length <= buffer.byteLength);
      }, 0);
      ring.nextBatch()?.release();
      // Every slot the walker took, garbage or not, went back to the kernel.
      for (let i = 0; i < walked; i++) {
        assert.equal(statusAt(i), 0, `round ${round}: slot ${i} was not handed back`);
      }
      assert.equal(ring.counters.blocks, walked, `round ${round}: slots walked`);
    }
  }
});

Deno.test("V2Ring.nextBatch() stops at the end of the ring and goes on from slot 0", () => {
  const buffer = buildV2Ring(FRAME, 4, [{ data: eth(0) }, { data: eth(1) }]);
  const ring = new V2Ring(buffer, FRAME, 4, options());
  assert.equal(ring.dispatch(() => {}, 0), 2);
  writeV2Frame(buffer, FRAME, 2, { data: eth(2) });
  writeV2Frame(buffer, FRAME, 3, { data: eth(3) });
  writeV2Frame(buffer, FRAME, 0, { data: eth(4) });
  const a = ring.nextBatch()!;
  const b = ring.nextBatch()!;
  const frames = (x: typeof a) =>
    Array.from(
      { length: x.count },
      (_, i) => x.bytes.slice(x.offsets[i], x.offsets[i]! + x.capLens[i]!),
    );
  assert.deepEqual(frames(a), [eth(2), eth(3)]);
  assert.equal(a.bytes.length, 2 * FRAME);
  assert.deepEqual(frames(b), [eth(4)]);
  assert.equal(ring.nextBatch(), undefined);
  b.release();
  a.release();
  assert.deepEqual([0, 1, 2, 3].map((i) => frameStatus(buffer, FRAME, i)), [0, 0, 0, 0]);
});

Deno.test("V3Ring: a capture closed by a callback mid-block leaves the ring empty, not throwing", () => {
  const buffer = buildV3Ring(BLOCK, 1, [{
    frames: [{ data: eth(0) }, { data: eth(1) }, { data: eth(2) }],
  }]);
  const ring = new V3Ring(buffer, BLOCK, 1, options());
  assert.equal(ring.dispatch(() => void buffer.transfer(0), 0), 1);
  assert.equal(ring.ready, false);
  assert.equal(ring.dispatch(() => assert.fail("detached"), 0), 0);
  assert.equal(ring.nextBatch(), undefined);
});

Deno.test("readyAtMs() gives the cursor slot's kernel time: V3 ts_last_pkt, V2 the frame's", () => {
  const buffer = new ArrayBuffer(BLOCK * 2);
  writeV3Block(buffer, BLOCK, 0, {
    frames: [{ data: eth(0), nsec: 100_000_000 }, { data: eth(1), nsec: 500_000_000 }],
  });
  writeV3Block(buffer, BLOCK, 1, { frames: [] }); // retired by its timer: USER | BLK_TMO
  const v3 = new V3Ring(buffer, BLOCK, 2, options());
  assert.equal(v3.readyAtMs(), 1_700_000_000_500);
  assert.equal(collect(v3, 1).length, 1);
  assert.equal(v3.readyAtMs(), 1_700_000_000_500, "a block partly walked is still at the cursor");
  assert.equal(collect(v3).length, 1);
  assert.ok(Number.isNaN(v3.readyAtMs()), "a timed-out block's time is not recorded");
  collect(v3);
  assert.ok(Number.isNaN(v3.readyAtMs()), "nothing ready");

  const b2 = new ArrayBuffer(FRAME * 2);
  writeV2Frame(b2, FRAME, 0, { data: eth(0), sec: 1_700_000_001, nsec: 250_000_000 });
  const v2 = new V2Ring(b2, FRAME, 2, options());
  assert.equal(v2.readyAtMs(), 1_700_000_001_250);
  collect(v2);
  assert.ok(Number.isNaN(v2.readyAtMs()));
});

/** The nap tests' ring: 8 blocks of frames stamped at second SEC. */
const SEC = 1700000000;
/** A block whose two frames span `fill` ms from `ms` (its ts_first_pkt and ts_last_pkt). */
function paceBlock(ms: number, extra: Partial<TestBlock> = {}, fill = 2): TestBlock {
  return {
    frames: [
      { data: eth(0), sec: SEC, nsec: ms * 1e6 },
      { data: eth(1), sec: SEC, nsec: (ms + fill) * 1e6 },
    ],
    ...extra,
  };
}
function paceRing(blocks: (TestBlock | undefined)[]) {
  const buffer = buildV3Ring(BLOCK, 8, blocks);
  return { buffer, ring: new V3Ring(buffer, BLOCK, 8, options()) };
}
function near(got: number, want: number, what: string): void {
  assert.ok(Math.abs(got - want) < 1e-6, `${what}: ${got}, not ${want}`);
}

Deno.test("V3Ring.coalesceMs() sleeps while blocks fill fast, and never after a slow, lossy or late block", () => {
  {
    const { buffer, ring } = paceRing([paceBlock(0), paceBlock(2), paceBlock(4)]);
    assert.equal(ring.coalesceMs(10), 0, "nothing opened yet");
    ring.dispatch(() => {}, 1);
    assert.equal(ring.coalesceMs(10), 0, "a block is open (the ring is ready)");
    assert.equal(collect(ring, 3).length, 3);
    assert.equal(ring.coalesceMs(10), 0, "one fill time known: the first block's is not");
    assert.equal(collect(ring).length, 2);
    // Two blocks (a quarter of 8) at 2 ms each, the kernel's block at the cursor still empty.
    near(ring.coalesceMs(10), 4, "two blocks");
    near(ring.coalesceMs(3), 3, "at most maxMs");
    assert.equal(ring.coalesceMs(2), 0, "blocks that fill in maxMs or more: no sleep");
    // Half of the kernel's block written, long ago: 1.5 blocks to go at the last blocks' pace.
    new DataView(buffer).setUint32(3 * BLOCK + BLOCK_DESC.BLK_LEN, BLOCK / 2, true);
    near(ring.coalesceMs(10), 3, "half a block in");
  }
  {
    // One block slowed by a pause (50 ms) after fast ones: the shorter fill time counts.
    const { ring } = paceRing([paceBlock(0), paceBlock(2), paceBlock(4, {}, 50)]);
    assert.equal(collect(ring).length, 6);
    near(ring.coalesceMs(100), 4, "after a slow block");
  }
  {
    // A lull (two 50 ms blocks) after 2 ms blocks: the sleep may let half the ring fill at
    // the flood's pace (2 ms, relaxed by 2 % a block since), not the lull's.
    const { ring } = paceRing([
      paceBlock(0),
      paceBlock(2),
      paceBlock(4, {}, 50),
      paceBlock(54, {}, 50),
    ]);
    assert.equal(collect(ring).length, 8);
    near(ring.coalesceMs(1000), 4 * 2 * 1.02 * 1.02, "a lull after a flood");
  }
  {
    // Slow blocks (50 ms), then the kernel's block half full 1 ms after it opened: a burst.
    const { buffer, ring } = paceRing([
      paceBlock(0, {}, 50),
      paceBlock(50, {}, 50),
      paceBlock(100, {}, 50),
    ]);
    assert.equal(collect(ring).length, 6);
    near(ring.coalesceMs(1000), 100, "slow traffic: two slow blocks");
    const dv = new DataView(buffer);
    const opened = performance.timeOrigin + performance.now() - 1;
    dv.setUint32(3 * BLOCK + BLOCK_DESC.BLK_LEN, BLOCK / 2, true);
    dv.setUint32(3 * BLOCK + BLOCK_DESC.NUM_PKTS, 2, true);
    dv.setUint32(3 * BLOCK + BLOCK_DESC.TS_FIRST_PKT_SEC, Math.floor(opened / 1000), true);
    dv.setUint32(3 * BLOCK + BLOCK_DESC.TS_FIRST_PKT_NSEC, (opened % 1000) * 1e6, true);
    const ms = ring.coalesceMs(1000);
    assert.ok(ms > 0 && ms < 10, `a burst after slow traffic: ${ms} ms`);
  }
  {
    const { ring } = paceRing([
      paceBlock(0),
      paceBlock(2),
      paceBlock(4, { status: TP_STATUS_USER | TP_STATUS_BLK_TMO }),
    ]);
    assert.equal(collect(ring).length, 6);
    assert.equal(ring.coalesceMs(10), 0, "a block its timer retired: slow traffic");
  }
  {
    // The kernel dropped frames: no sleep for the next 4 rings' worth of blocks.
    const { buffer, ring } = paceRing([paceBlock(0), paceBlock(2), paceBlock(4, { losing: true })]);
    assert.equal(collect(ring).length, 6);
    assert.equal(ring.coalesceMs(10), 0, "after TP_STATUS_LOSING");
    for (let b = 3; b < 3 + 4 * 8; b++) {
      assert.equal(ring.coalesceMs(10), 0, `block ${b}`);
      writeV3Block(buffer, BLOCK, b % 8, paceBlock(2 * b, { seq: b + 1 }));
      assert.equal(collect(ring).length, 2);
    }
    assert.ok(ring.coalesceMs(10) > 0, "calm again");
  }
  {
    // The reader is half a ring behind: blocks 2 and 6 ready when block 2 opens.
    const { ring } = paceRing([0, 2, 4, 6, 8, 10, 12].map((ms) => paceBlock(ms)));
    assert.equal(collect(ring).length, 14);
    assert.equal(ring.coalesceMs(10), 0, "behind by half a ring");
  }
  const v2 = new V2Ring(buildV2Ring(FRAME, 4, [{ data: eth(0) }]), FRAME, 4, options());
  assert.equal(v2.coalesceMs(10), 0, "V2 frames come one at a time");
});

Deno.test("V3Ring.watchBlocks() and watchMs() plan a watched nap from the fill pace: half the ring at most, room left for the margin, no frame kept past maxMs", () => {
  {
    const { buffer, ring } = paceRing([paceBlock(0), paceBlock(2), paceBlock(4)]);
    assert.equal(ring.watchBlocks(10, 4), 0, "nothing opened yet");
    assert.equal(collect(ring, 3).length, 3);
    assert.equal(ring.watchBlocks(10, 4), 0, "a block is open (the ring is ready)");
    assert.equal(collect(ring).length, 3);
    assert.equal(ring.cursor, 3);
    assert.equal(ring.slotSize, BLOCK);
    assert.equal(ring.slotCount, 8);
    // Blocks of 2 ms: 4 ms of margin is 2 blocks, so 6 may be waited for; half the ring is 4.
    assert.equal(ring.watchBlocks(10, 4), 4, "half the ring");
    assert.equal(ring.watchBlocks(10, 9), 3, "8 blocks less ceil(9 / 2)");
    assert.equal(ring.watchBlocks(10, 13), 0, "one block left to wait for: no nap");
    assert.equal(ring.watchBlocks(2, 4), 0, "blocks that fill in maxMs or more: no nap");
    // The kernel's block at the cursor is empty: the nap lasts want + 1 blocks' time or maxMs.
    near(ring.watchMs(100, 4), 10, "5 blocks of 2 ms");
    near(ring.watchMs(6, 4), 6, "at most maxMs");
    // Its first frame came 3 ms ago: that frame must not wait past maxMs.
    const dv = new DataView(buffer);
    const opened = performance.timeOrigin + performance.now() - 3;
    dv.setUint32(3 * BLOCK + BLOCK_DESC.NUM_PKTS, 1, true);
    dv.setUint32(3 * BLOCK + BLOCK_DESC.TS_FIRST_PKT_SEC, Math.floor(opened / 1000), true);
    dv.setUint32(3 * BLOCK + BLOCK_DESC.TS_FIRST_PKT_NSEC, (opened % 1000) * 1e6, true);
    const ms = ring.watchMs(8, 4);
    assert.ok(ms > 4 && ms <= 5, `8 ms less a 3 ms old frame: ${ms}`);
    assert.ok(ring.watchMs(2, 4) === 0, "that frame is older than maxMs: no nap");
  }
  {
    // A lull (two 50 ms blocks) after 2 ms blocks: the margin is counted at the flood's pace.
    const { ring } = paceRing([
      paceBlock(0),
      paceBlock(2),
      paceBlock(4, {}, 50),
      paceBlock(54, {}, 50),
    ]);
    assert.equal(collect(ring).length, 8);
    assert.equal(ring.watchBlocks(1000, 9), 3, "a lull after a flood");
  }
  {
    const { ring } = paceRing([
      paceBlock(0),
      paceBlock(2),
      paceBlock(4, { status: TP_STATUS_USER | TP_STATUS_BLK_TMO }),
    ]);
    assert.equal(collect(ring).length, 6);
    assert.equal(ring.watchBlocks(10, 4), 0, "a block its timer retired: slow traffic");
  }
  {
    const { ring } = paceRing([paceBlock(0), paceBlock(2), paceBlock(4, { losing: true })]);
    assert.equal(collect(ring).length, 6);
    assert.equal(ring.watchBlocks(10, 4), 0, "after TP_STATUS_LOSING");
  }
  const v2 = new V2Ring(buildV2Ring(FRAME, 4, [{ data: eth(0) }]), FRAME, 4, options());
  assert.equal(v2.watchBlocks(10, 4), 0, "V2 frames come one at a time");
  assert.equal(v2.watchMs(10, 4), 0);
  assert.equal(v2.slotCount, 4);
  assert.equal(v2.slotSize, FRAME);
});
