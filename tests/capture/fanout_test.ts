/**
 * Fanout groups over a veth pair this file creates: every frame reaches
 * exactly one member in every mode, hash keeps both directions of a flow in
 * one member, lb spreads evenly, cbpf follows its expressions, defrag keeps a
 * datagram's fragments together, group-id collisions, a member that fails
 * mid-run, and open/close cycles that leave nothing behind.
 */

import assert from "node:assert/strict";
import { openCapture } from "../../capture/mod.ts";
import { type FanoutGroup, type FanoutOptions, openFanout } from "../../capture/fanout.ts";
import type { Seen } from "./_fanout_handler.ts";
import {
  announceSkip,
  boundTo,
  ensureShim,
  ethFrame,
  fdCount,
  guard,
  ifIndexOf,
  SKIP,
  Veth,
} from "./_net.ts";

announceSkip("tests/capture/fanout_test.ts");

const HANDLER = new URL("./_fanout_handler.ts", import.meta.url);

const TCP = 6;
const UDP = 17;
const ICMP = 1;

/** The IPv4 one's-complement header checksum. */
function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

interface Ipv4Frame {
  src: number;
  dst: number;
  proto: number;
  /** The IP payload (a transport header and data, or a fragment of them). */
  payload: Uint8Array;
  id?: number;
  /** Fragment offset in bytes (a multiple of 8). */
  fragOffset?: number;
  moreFragments?: boolean;
}

/** Ethernet + IPv4 around `payload`, to veth `a`'s MAC from `b`'s. */
function ipv4(veth: Veth, f: Ipv4Frame): Uint8Array {
  const frame = new Uint8Array(14 + 20 + f.payload.length);
  const dv = new DataView(frame.buffer);
  frame.set(veth.macA, 0);
  frame.set(veth.macB, 6);
  dv.setUint16(12, 0x0800);
  dv.setUint8(14, 0x45);
  dv.setUint16(16, 20 + f.payload.length);
  dv.setUint16(18, f.id ?? 0);
  dv.setUint16(20, (f.moreFragments ? 0x2000 : 0) | ((f.fragOffset ?? 0) >> 3));
  dv.setUint8(22, 64);
  dv.setUint8(23, f.proto);
  dv.setUint32(26, f.src);
  dv.setUint32(30, f.dst);
  dv.setUint16(24, checksum(frame.subarray(14, 34)));
  frame.set(f.payload, 34);
  return frame;
}

/** A transport header (UDP 8 bytes, TCP 20, ICMP echo 8) with ports and a u32 `seq` after it. */
function transport(proto: number, sport: number, dport: number, seq: number, extra = 0) {
  const headerLen = proto === TCP ? 20 : 8;
  const bytes = new Uint8Array(headerLen + 4 + extra);
  const dv = new DataView(bytes.buffer);
  if (proto === ICMP) {
    dv.setUint8(0, 8); // echo request
  } else {
    dv.setUint16(0, sport);
    dv.setUint16(2, dport);
  }
  if (proto === UDP) dv.setUint16(4, bytes.length);
  if (proto === TCP) {
    dv.setUint8(12, 5 << 4);
    dv.setUint8(13, 0x10); // ACK
  }
  dv.setUint32(headerLen, seq);
  for (let i = headerLen + 4; i < bytes.length; i++) bytes[i] = (i + seq) & 0xff;
  return bytes;
}

const ip = (a: number, b: number, c: number, d: number) =>
  ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

/** The u32 after the transport header of a whole (unfragmented or reassembled) IPv4 frame. */
function seqOf(head: Uint8Array): number {
  const dv = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (dv.getUint16(12) !== 0x0800) return dv.getUint32(14); // ethFrame: seq after the type
  const proto = head[23]!;
  return dv.getUint32(34 + (proto === TCP ? 20 : 8));
}

/** `a:port > b:port/proto` with the lower endpoint first: both directions give one key. */
function flowKey(head: Uint8Array): string {
  const dv = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const ends = [
    `${dv.getUint32(26)}:${dv.getUint16(34)}`,
    `${dv.getUint32(30)}:${dv.getUint16(36)}`,
  ]
    .sort();
  return `${ends[0]}>${ends[1]}/${head[23]}`;
}

/**
 * Runs `group`, sends `frames` from `tx`, waits until the group delivered
 * `expect` frames (or 5 s passed), stops it, and returns what each member saw.
 */
async function capture(
  group: FanoutGroup,
  tx: { send(f: Uint8Array): number },
  frames: Uint8Array[],
  expect = frames.length,
): Promise<Seen[]> {
  const before = group.stats().total.delivered;
  const run = group.run();
  await send(tx, frames);
  const deadline = performance.now() + 10_000;
  while (group.stats().total.delivered - before < expect && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, 20)); // any extra frame would arrive by now
  group.breakLoop();
  const result = await guard(run, 5000, "the group's run");
  return result.members.map((m, i) =>
    (m?.result as Seen | undefined) ?? { member: i, heads: [], wireLens: [] }
  );
}

/** Sends `frames`, pausing 1 ms after every 50 so a loaded machine's backlog keeps up. */
async function send(tx: { send(f: Uint8Array): number }, frames: Uint8Array[]): Promise<void> {
  for (let i = 0; i < frames.length; i++) {
    assert.equal(tx.send(frames[i]!), frames[i]!.length);
    if (i % 50 === 49) await new Promise((r) => setTimeout(r, 1));
  }
}

/** Asserts every seq in `sent` was seen exactly once over the members. */
function assertExactlyOnce(seen: Seen[], sent: number[], what: string, group?: FanoutGroup): void {
  const all = seen.flatMap((s) => s.heads.map(seqOf)).sort((a, b) => a - b);
  const stats = group === undefined ? "" : ` (${JSON.stringify(group.stats().members)})`;
  assert.deepEqual(
    all,
    [...sent].sort((a, b) => a - b),
    `${what}: union equals sent, no duplicate${stats}`,
  );
}

/** UDP frames over `flows` flows (both directions), `count` in all, seq = index. */
function udpFrames(veth: Veth, count: number, flows: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => {
    const flow = i % flows;
    const a = ip(10, 77, 0, 1 + (flow % 50));
    const b = ip(10, 78, 0, 1 + Math.floor(flow / 50));
    const pa = 10000 + flow;
    const pb = 53 + (flow % 7);
    const reply = Math.floor(i / flows) % 2 === 1;
    return ipv4(veth, {
      src: reply ? b : a,
      dst: reply ? a : b,
      proto: UDP,
      payload: transport(UDP, reply ? pb : pa, reply ? pa : pb, i, 20),
    });
  });
}

Deno.test({
  name: "Fanout group over a veth pair: delivery, steering, defrag, ids, failures",
  ignore: SKIP !== undefined,
  async fn(t) {
    await ensureShim();
    const veth = Veth.create("fo");
    const base: FanoutOptions = {
      // 64 small blocks: a member the loaded machine leaves unscheduled for a while keeps up.
      blockTimeoutMs: 1,
      blockSize: 1 << 14,
      bufferSize: 1 << 20,
      promiscuous: false,
      handler: HANDLER,
      handlerOptions: (member: number) => ({ member }),
    };
    try {
      using tx = openCapture(veth.b, { promiscuous: false });

      for (const mode of ["lb", "hash", "random", "cpu", "rollover", "qm"] as const) {
        await t.step(`${mode}: every frame reaches exactly one member`, async () => {
          await using group = await openFanout(veth.a, { ...base, members: 3, mode });
          assert.equal(group.members.length, 3);
          assert.equal(group.mode, mode);
          assert.ok(group.groupId >= 0 && group.groupId <= 0xffff);
          const frames = udpFrames(veth, 600, 60);
          const seen = await capture(group, tx, frames);
          assertExactlyOnce(seen, frames.map((_, i) => i), mode, group);
          const { total, members } = group.stats();
          assert.equal(total.delivered, 600);
          assert.equal(total.dropped, 0);
          assert.deepEqual(members.map((m) => m.delivered), seen.map((s) => s.heads.length));
          assert.equal(total.received, members.reduce((a, m) => a + m.received, 0));
        });
      }

      await t.step("hash: both directions of every 5-tuple land in one member", async () => {
        await using group = await openFanout(veth.a, { ...base, members: 4 });
        assert.equal(group.mode, "hash");
        assert.equal(group.defrag, true);
        assert.equal(group.rollover, false);
        const frames = udpFrames(veth, 800, 100);
        const seen = await capture(group, tx, frames);
        assertExactlyOnce(seen, frames.map((_, i) => i), "hash", group);
        const home = new Map<string, Set<number>>();
        const directions = new Map<string, Set<string>>();
        for (const s of seen) {
          for (const h of s.heads) {
            const key = flowKey(h);
            (home.get(key) ?? home.set(key, new Set()).get(key)!).add(s.member);
            const dir = new DataView(h.buffer, h.byteOffset).getUint32(26).toString();
            (directions.get(key) ?? directions.set(key, new Set()).get(key)!).add(dir);
          }
        }
        assert.equal(home.size, 100);
        for (const [key, members] of home) {
          assert.equal(members.size, 1, `flow ${key} went to members ${[...members]}`);
          assert.equal(directions.get(key)!.size, 2, `flow ${key} was seen both ways`);
        }
        const used = new Set([...home.values()].map((m) => [...m][0]));
        assert.ok(used.size >= 3, `100 flows over 4 members used ${used.size} of them`);
      });

      await t.step("lb: round robin spreads frames evenly", async () => {
        await using group = await openFanout(veth.a, { ...base, members: 4, mode: "lb" });
        const frames = Array.from(
          { length: 400 },
          (_, i) => ethFrame(veth.macA, veth.macB, 64, i),
        );
        const seen = await capture(group, tx, frames);
        assertExactlyOnce(seen, frames.map((_, i) => i), "lb");
        for (const s of seen) {
          assert.ok(Math.abs(s.heads.length - 100) <= 2, `member ${s.member}: ${s.heads.length}`);
        }
      });

      await t.step("frames sent while the members join reach at most one of them", async () => {
        // Each member binds, then joins: from its bind to its join it would take every frame
        // on its own while the group already steers the same frames to the members before it.
        const frames = Array.from(
          { length: 6000 },
          (_, i) => ethFrame(veth.macA, veth.macB, 64, i),
        );
        let sending = true;
        const sender = (async () => {
          for (let i = 0; sending && i < frames.length; i++) {
            assert.equal(tx.send(frames[i]!), frames[i]!.length);
            if (i % 20 === 19) await new Promise((r) => setTimeout(r, 0));
          }
        })();
        try {
          for (let round = 0; round < 4; round++) {
            await using group = await openFanout(veth.a, { ...base, members: 3, mode: "lb" });
            const run = group.run();
            await new Promise((r) => setTimeout(r, 30));
            group.breakLoop();
            const result = await guard(run, 5000, "the group's run");
            const seqs = result.members.flatMap((m) =>
              ((m?.result as Seen | undefined)?.heads ?? []).map(seqOf)
            );
            const twice = seqs.filter((q, i) => seqs.indexOf(q) !== i);
            assert.deepEqual(twice, [], `round ${round}: frames captured by two members`);
          }
        } finally {
          sending = false;
          await sender;
        }
      });

      await t.step("cbpf: frames go where the steering expressions say", async () => {
        await using group = await openFanout(veth.a, {
          ...base,
          members: 3,
          mode: "cbpf",
          steer: ["udp port 53", "tcp"],
        });
        const kinds = [UDP, TCP, ICMP, UDP] as const;
        const frames = Array.from({ length: 240 }, (_, i) => {
          const proto = kinds[i % 4]!;
          // The second UDP of each four goes to port 54: not "udp port 53".
          const dport = i % 4 === 3 ? 54 : 53;
          return ipv4(veth, {
            src: ip(10, 9, 0, 1 + (i % 30)),
            dst: ip(10, 9, 1, 1),
            proto,
            payload: transport(proto, 30000 + i, dport, i),
          });
        });
        const seen = await capture(group, tx, frames);
        assertExactlyOnce(seen, frames.map((_, i) => i), "cbpf");
        const want = (i: number) => (i % 4 === 0 ? 0 : i % 4 === 1 ? 1 : 2);
        for (const s of seen) {
          for (const h of s.heads) {
            const i = seqOf(h);
            assert.equal(s.member, want(i), `frame ${i} (kind ${i % 4})`);
          }
          assert.equal(s.heads.length, s.member === 2 ? 120 : 60);
        }
      });

      await t.step("cbpf: a raw program picks the member (modulo the count)", async () => {
        await using group = await openFanout(veth.a, {
          ...base,
          members: 2,
          mode: "cbpf",
          steer: [{ code: 0x06, jt: 0, jf: 0, k: 3 }], // ret #3: member 3 % 2 = 1
        });
        const frames = Array.from({ length: 50 }, (_, i) => ethFrame(veth.macA, veth.macB, 64, i));
        const seen = await capture(group, tx, frames);
        assert.equal(seen[0]!.heads.length, 0);
        assertExactlyOnce([seen[1]!], frames.map((_, i) => i), "ret #3");
      });

      await t.step("defrag keeps a datagram's fragments in one member", async () => {
        // 3 fragments per datagram; lb would deal them to different members one by one.
        const datagrams = 60;
        const frames: Uint8Array[] = [];
        for (let d = 0; d < datagrams; d++) {
          const whole = transport(UDP, 4000 + d, 9000, d, 2 * 512 + 100 - 12);
          for (let off = 0; off < whole.length; off += 512) {
            frames.push(ipv4(veth, {
              src: ip(10, 5, 0, 1),
              dst: ip(10, 5, 0, 2),
              proto: UDP,
              id: 0x1000 + d,
              fragOffset: off,
              moreFragments: off + 512 < whole.length,
              payload: whole.subarray(off, off + 512),
            }));
          }
        }
        assert.equal(frames.length, 3 * datagrams);
        {
          await using group = await openFanout(veth.a, { ...base, members: 2, mode: "lb" });
          const seen = await capture(group, tx, frames, datagrams);
          // Each member gets whole datagrams: the kernel reassembled them before steering.
          assertExactlyOnce(seen, Array.from({ length: datagrams }, (_, d) => d), "defrag");
          for (const s of seen) {
            for (const len of s.wireLens) assert.equal(len, 14 + 20 + 2 * 512 + 100);
          }
          assert.ok(seen.every((s) => s.heads.length > 0), "both members got datagrams");
        }
        {
          await using group = await openFanout(veth.a, {
            ...base,
            members: 2,
            mode: "lb",
            defrag: false,
          });
          assert.equal(group.defrag, false);
          const seen = await capture(group, tx, frames);
          // Without defrag the fragments themselves are dealt out: datagrams are split.
          const homes = new Map<number, Set<number>>();
          for (const s of seen) {
            for (const h of s.heads) {
              const id = new DataView(h.buffer, h.byteOffset).getUint16(18);
              (homes.get(id) ?? homes.set(id, new Set()).get(id)!).add(s.member);
            }
          }
          assert.equal(seen.reduce((a, s) => a + s.heads.length, 0), 3 * datagrams);
          assert.ok([...homes.values()].some((m) => m.size === 2), "some datagram was split");
        }
      });

      await t.step(
        "group ids: kernel-picked ids differ, a taken id is a one-line error",
        async () => {
          await using a = await openFanout(veth.a, { ...base, members: 2 });
          await using b = await openFanout(veth.a, { ...base, members: 2 });
          assert.notEqual(a.groupId, b.groupId);
          const message = `Cannot open fanout group ${a.groupId} on ${
            JSON.stringify(veth.a)
          }: the id is taken by another group in this network namespace`;
          // The same settings: the kernel would let us join, but the group is full (ENOSPC).
          await assert.rejects(
            openFanout(veth.a, { ...base, members: 2, groupId: a.groupId }),
            { name: "AlreadyExists", message },
          );
          // Other settings: the kernel refuses the join (EINVAL).
          await assert.rejects(
            openFanout(veth.a, { ...base, members: 2, mode: "lb", groupId: a.groupId }),
            { name: "AlreadyExists", message },
          );
          // A free id the user picks works, and is the group's. Ids are shared with every
          // process in the namespace (parallel test runs too): far from the kernel's next id,
          // and another one if that is taken.
          let c: FanoutGroup | undefined;
          for (let k = 0; c === undefined; k++) {
            const free = (a.groupId + 20000 + Math.floor(Math.random() * 20000)) & 0xffff;
            try {
              c = await openFanout(veth.a, { ...base, members: 2, groupId: free });
              assert.equal(c.groupId, free);
            } catch (e) {
              if (!(e instanceof Deno.errors.AlreadyExists) || k >= 4) throw e;
            }
          }
          await using _c = c;
          // The failed attempts left no socket behind: 3 groups of 2, plus the sender's on b.
          assert.equal(boundTo(ifIndexOf(veth.a)).sockets, 6);
        },
      );

      await t.step("a member that fails mid-run is reported, closed, and skipped", async () => {
        const errors: [number, string][] = [];
        await using group = await openFanout(veth.a, {
          ...base,
          members: 3,
          mode: "lb",
          handlerOptions: (member: number) => ({ member, throwAt: member === 1 ? 5 : undefined }),
          onMemberError: (member, e) => errors.push([member, e.message]),
        });
        const first = Array.from({ length: 60 }, (_, i) => ethFrame(veth.macA, veth.macB, 64, i));
        const run = group.run();
        await send(tx, first);
        const deadline = performance.now() + 5000;
        while (group.failures.length === 0 && performance.now() < deadline) {
          await new Promise((r) => setTimeout(r, 5));
        }
        await new Promise((r) => setTimeout(r, 50));
        group.breakLoop();
        const result = await guard(run, 5000, "the run with a failing member");
        assert.equal(result.failures.length, 1);
        assert.equal(result.failures[0]!.member, 1);
        assert.equal(result.failures[0]!.error.name, "RangeError");
        assert.deepEqual(errors, [[1, "member 1 refuses frame 5"]]);
        assert.equal(result.members[1], undefined);
        // Its socket is closed: the kernel steers only to the other two now.
        assert.equal(boundTo(ifIndexOf(veth.a)).sockets, 2);
        const next = Array.from(
          { length: 60 },
          (_, i) => ethFrame(veth.macA, veth.macB, 64, 1000 + i),
        );
        const seen = await capture(group, tx, next);
        assert.equal(seen[1]!.heads.length, 0);
        assertExactlyOnce(seen, next.map((_, i) => 1000 + i), "after the failure");
        assert.equal(seen[0]!.heads.length, 30);
      });

      await t.step(
        "a member whose worker crashes is reported with its error, its socket closed",
        async () => {
          const group = await openFanout(veth.a, {
            ...base,
            members: 2,
            mode: "lb",
            handlerOptions: (member: number) => ({ member, crashAt: member === 0 ? 3 : undefined }),
          });
          try {
            const run = group.run();
            for (let i = 0; i < 20; i++) tx.send(ethFrame(veth.macA, veth.macB, 64, i));
            const deadline = performance.now() + 5000;
            while (group.failures.length === 0 && performance.now() < deadline) {
              await new Promise((r) => setTimeout(r, 5));
            }
            group.breakLoop();
            const result = await guard(run, 5000, "the run with a crashing member");
            assert.equal(result.failures.length, 1);
            assert.equal(result.failures[0]!.member, 0);
            assert.match(result.failures[0]!.error.message, /member 0 crashed/);
            assert.equal(boundTo(ifIndexOf(veth.a)).sockets, 1);
          } finally {
            await group.close();
          }
          assert.deepEqual(boundTo(ifIndexOf(veth.a)), { sockets: 0, maps: 0 });
        },
      );

      await t.step("bad group options are one-line errors before any worker starts", async () => {
        const cases: [FanoutOptions, string | RegExp][] = [
          [{ members: 0 }, "members must be an integer from 1 to 256, got 0"],
          [{ mode: "fast" as "lb" }, /mode must be one of "hash", "lb"/],
          [{ mode: "rollover", rollover: true }, /rollover flag does not go with mode "rollover"/],
          [{ groupId: 70000 }, "groupId must be an integer from 0 to 65535, got 70000"],
          [{ mode: "cbpf" }, 'mode "cbpf" needs steer (expressions or a program)'],
          [{ steer: "tcp" }, 'steer goes with mode "cbpf", not "hash"'],
        ];
        for (const [options, message] of cases) {
          await assert.rejects(openFanout(veth.a, options), (e: Error) => {
            const text = `Cannot open fanout group on ${JSON.stringify(veth.a)}: `;
            assert.ok(e.message.startsWith(text), e.message);
            if (typeof message === "string") assert.equal(e.message, text + message);
            else assert.match(e.message, message);
            return true;
          });
        }
        await assert.rejects(
          openFanout(veth.a, { mode: "cbpf", steer: "tcp prot 80" }),
          { name: "FilterSyntaxError" },
        );
      });
    } finally {
      veth.remove();
    }
  },
});

Deno.test({
  name: "100 open/close cycles of a 4-member fanout group leave no socket, mapping or worker",
  ignore: SKIP !== undefined,
  async fn() {
    const veth = Veth.create("fc");
    try {
      const options = { members: 4, bufferSize: 1 << 16, promiscuous: false } as const;
      await (await openFanout(veth.a, options)).close(); // loads the libraries, warms up workers
      const fds = fdCount();
      const threads = () =>
        Number(/Threads:\s+(\d+)/.exec(Deno.readTextFileSync("/proc/self/status"))![1]);
      const before = threads();
      // Eight groups at a time: each close waits for the kernel's RCU grace periods.
      for (let i = 0; i < 100; i += 8) {
        await Promise.all(
          [0, 1, 2, 3, 4, 5, 6, 7].slice(0, 100 - i).map(async (k) => {
            if ((i + k) % 2 === 0) {
              await using group = await openFanout(veth.a, options);
              assert.equal(group.members.length, 4);
            } else {
              let kept: FanoutGroup;
              {
                using group = await openFanout(veth.a, { ...options, mode: "lb" });
                assert.equal(group.members.length, 4);
                kept = group;
              }
              await kept.close(); // the close that leaving the `using` block started
            }
          }),
        );
      }
      assert.deepEqual(boundTo(ifIndexOf(veth.a)), { sockets: 0, maps: 0 });
      assert.ok(fdCount() < fds + 100, `file descriptors: ${fdCount()} after, ${fds} before`);
      assert.ok(threads() < before + 50, `threads: ${threads()} after, ${before} before`);
    } finally {
      veth.remove();
    }
  },
});
