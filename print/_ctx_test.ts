// What _ctx.ts keeps or computes in place of what it replaced: the TCP connection table behind
// relative sequence numbers (a key string per connection), the IPv4 address text cache
// (formatIpv4() per address) and the checksum sum over a range (onesSum() of a subarray).

import assert from "node:assert/strict";
import { formatIpv4, formatIpv6, formatMac } from "../address.ts";
import { onesSum } from "../decode/_bytes.ts";
import { cksumShouldBe, Ctx, type Dispatch, type Flags, TcpSeqTable } from "./_ctx.ts";

for (const bits of [31, 3]) {
  Deno.test(`TcpSeqTable (${bits}-bit buckets) finds each connection by addresses and ports, and no other`, () => {
    const t = new TcpSeqTable(bits);
    // one buffer of address pairs: IPv4 pairs at 0.., IPv6 pairs after them
    const v4 = bits === 31 ? 40000 : 2000, v6 = v4 / 2;
    const bytes = new Uint8Array(v4 * 8 + v6 * 32);
    let seed = 1;
    for (let i = 0; i < bytes.length; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      bytes[i] = seed >>> 24 & 3; // few distinct bytes: many pairs share an address or both
    }
    const conn = (i: number) =>
      i < v4
        ? { a: i * 8, b: i * 8 + 4, n: 4, ports: ((i % 3) << 16 | 80) >>> 0 }
        : { a: v4 * 8 + (i - v4) * 32, b: v4 * 8 + (i - v4) * 32 + 16, n: 16, ports: i % 2 };
    const seen = new Map<string, number>();
    for (let i = 0; i < v4 + v6; i++) {
      const { a, b, n, ports } = conn(i);
      const key = `${bytes.subarray(a, a + n)}|${bytes.subarray(b, b + n)}|${ports}`;
      const first = seen.get(key);
      const e = t.get(bytes, a, b, n, ports);
      if (first === undefined) {
        assert.equal(e, undefined, `connection ${i} found before it was added`);
        t.add(bytes, a, b, n, ports, i, ~i >>> 0);
        seen.set(key, i);
      } else {
        assert.deepEqual(e && { seq: e.seq, ack: e.ack }, { seq: first, ack: ~first >>> 0 });
      }
    }
    for (let i = 0; i < v4 + v6; i++) {
      const { a, b, n, ports } = conn(i);
      const first = seen.get(`${bytes.subarray(a, a + n)}|${bytes.subarray(b, b + n)}|${ports}`)!;
      assert.equal(t.get(bytes, a, b, n, ports)?.seq, first);
      // the same addresses the other way round, or other ports, are another connection
      const swapped = t.get(bytes, b, a, n, ports);
      const reversed = seen.get(`${bytes.subarray(b, b + n)}|${bytes.subarray(a, a + n)}|${ports}`);
      assert.equal(swapped?.seq, reversed);
      const other = seen.get(
        `${bytes.subarray(a, a + n)}|${bytes.subarray(b, b + n)}|${(ports ^ 1) >>> 0}`,
      );
      assert.equal(t.get(bytes, a, b, n, (ports ^ 1) >>> 0)?.seq, other);
    }
    // an entry changed through get() stays changed (tcp_print() resets its bases on a SYN)
    const { a, b, n, ports } = conn(7);
    const e = t.get(bytes, a, b, n, ports)!;
    e.seq = 12345;
    assert.equal(t.get(bytes, a, b, n, ports)?.seq, 12345);
  });
}

Deno.test("Ctx.ip4() prints every address as formatIpv4() does, through its cache", () => {
  const flags = {} as Flags, dispatch = {} as Dispatch;
  const c = new Ctx(new Uint8Array(0), 0, flags, new TcpSeqTable(), dispatch);
  const b = new Uint8Array(4 * 5000);
  let seed = 9;
  for (let i = 0; i < b.length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    b[i] = i % 4 === 3 ? seed >>> 24 : (seed >>> 24) & 7; // slots collide and repeat
  }
  c.reset(b, b.length);
  for (let round = 0; round < 3; round++) {
    for (let off = 0; off < b.length; off += 4) assert.equal(c.ip4(off), formatIpv4(b, off));
  }
  // a cut address still throws, cached or not
  c.reset(b, 2);
  assert.throws(() => c.ip4(0));
});

Deno.test("Ctx.sum() equals onesSum() of the same subarray(), for every range in and out", () => {
  for (const size of [0, 1, 2, 3, 7, 40, 41]) {
    const b = Uint8Array.from({ length: size }, (_, i) => (i * 37 + 11) & 0xff);
    const c = new Ctx(b, b.length, {} as Flags, new TcpSeqTable(), {} as Dispatch);
    for (let off = -size - 3; off <= size + 3; off++) {
      for (let len = -3; len <= size + 5; len++) {
        for (const initial of [0, 0xfffe, 12345]) {
          assert.equal(
            c.sum(off, len, initial),
            onesSum(b.subarray(off, off + len), initial),
            `size ${size} off ${off} len ${len} initial ${initial}`,
          );
        }
      }
    }
  }
});

Deno.test("Ctx.ip6() prints every address as formatIpv6() does, through its cache", () => {
  const c = new Ctx(new Uint8Array(0), 0, {} as Flags, new TcpSeqTable(), {} as Dispatch);
  // ten prefixes (zero groups among them, for the :: forms), each with every last byte: more
  // addresses than slots, many alike in all but one byte
  const b = new Uint8Array(16 * 2560);
  for (let a = 0; a < 2560; a++) {
    const p = a >> 8;
    b.set([0x20, 0x01, 0x0d, 0xb8, 0, p, 0, 0, 0, 0, p & 1, 0, 0, p >> 1, 0, a & 0xff], a * 16);
  }
  c.reset(b, b.length);
  for (let round = 0; round < 3; round++) {
    for (let off = 0; off < b.length; off += 16) assert.equal(c.ip6(off), formatIpv6(b, off));
  }
  c.reset(b, 15);
  assert.throws(() => c.ip6(0));
});

Deno.test("Ctx.mac() prints every address as formatMac() does, through its cache", () => {
  const c = new Ctx(new Uint8Array(0), 0, {} as Flags, new TcpSeqTable(), {} as Dispatch);
  // vendors times hosts: more addresses than slots, many alike in all but one byte
  const b = new Uint8Array(6 * 2048);
  for (let a = 0; a < 2048; a++) b.set([a >> 8, 0x1b, 0x21, 0x3a, (a * 7) & 0x0f, a & 0xff], a * 6);
  c.reset(b, b.length);
  for (let round = 0; round < 3; round++) {
    for (let off = 0; off < b.length; off += 6) assert.equal(c.mac(off), formatMac(b, off));
    // other lengths (FDDI, ARP hardware addresses) are formatted each time
    for (let off = 0; off + 8 <= b.length; off += 97) {
      assert.equal(c.mac(off, 8), formatMac(b, off, 8));
    }
  }
  c.reset(b, 5);
  assert.throws(() => c.mac(0));
});

Deno.test("cksumShouldBe() is the field plus the sum with end-around carry, 0xffff for a zero", () => {
  // tcpdump: "[bad udp cksum 0x854b -> 0xffff!]" for a datagram whose sum came to 0x7ab4
  assert.equal(cksumShouldBe(0x854b, 0x7ab4), 0xffff);
  assert.equal(cksumShouldBe(0x0000, 0xffff), 0xffff);
  assert.equal(cksumShouldBe(0x1234, 0x0001), 0x1235);
  assert.equal(cksumShouldBe(0xfff0, 0x0020), 0x0011); // the carry comes round
});
