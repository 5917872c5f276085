import assert from "node:assert/strict";
import { formatIpv4, formatIpv6, formatMac } from "./address.ts";
import { LINKTYPE } from "./link_type.ts";
import { haveTcpdump, tcpdump } from "./decode/_testing.ts";
import { prng } from "./tests/_prng.ts";

const v6 = (hex: string) => Uint8Array.fromHex(hex.replaceAll(" ", ""));

/** Address bytes and the text tcpdump 4.99 prints for them (`tcpdump -n`). */
const CASES: [string, string][] = [
  ["0000 0000 0000 0000 0000 0000 0000 0000", "::"],
  ["0000 0000 0000 0000 0000 0000 0000 0001", "::1"],
  ["0000 0000 0000 0000 0000 0000 0000 0002", "::2"],
  ["0000 0000 0000 0000 0000 0000 0000 0100", "::100"],
  ["0000 0000 0000 0000 0000 0000 0001 0000", "::0.1.0.0"],
  ["0000 0000 0000 0000 0000 0000 0102 0304", "::1.2.3.4"],
  ["0000 0000 0000 0000 0000 ffff 0102 0304", "::ffff:1.2.3.4"],
  ["0000 0000 0000 0000 0000 ffff 0000 0000", "::ffff:0.0.0.0"],
  ["0000 0000 0000 0000 ffff 0000 0000 0000", "::ffff:0:0:0"],
  ["0000 0000 0000 0000 0001 ffff 0102 0304", "::1:ffff:102:304"],
  ["0000 0000 0000 0000 0000 fffe 0102 0304", "::fffe:102:304"],
  ["0001 0000 0000 0000 0000 0000 0000 0000", "1::"],
  ["2001 0db8 0000 0000 0000 0000 0000 0001", "2001:db8::1"],
  ["2001 0db8 0000 0001 0000 0000 0000 0001", "2001:db8:0:1::1"],
  ["2001 0db8 0000 0000 0001 0000 0000 0001", "2001:db8::1:0:0:1"],
  ["2001 0db8 0001 0001 0001 0001 0001 0001", "2001:db8:1:1:1:1:1:1"],
  ["2001 0db8 0000 0001 0001 0001 0001 0001", "2001:db8:0:1:1:1:1:1"],
  ["2001 0db8 0000 0001 0000 0000 0001 0000", "2001:db8:0:1::1:0"],
  ["0000 0001 0000 0001 0000 0001 0000 0001", "0:1:0:1:0:1:0:1"],
  ["fe80 0000 0000 0000 00fc 00ff fe00 0001", "fe80::fc:ff:fe00:1"],
  ["ffff ffff ffff ffff 0000 0000 0000 0000", "ffff:ffff:ffff:ffff::"],
  ["ff02 0000 0000 0000 0000 0001 ff00 0001", "ff02::1:ff00:1"],
  ["abcd ef01 2345 6789 abcd ef01 2345 6789", "abcd:ef01:2345:6789:abcd:ef01:2345:6789"],
];

Deno.test("formatIpv6() writes every form as tcpdump prints it", () => {
  for (const [hex, text] of CASES) assert.equal(formatIpv6(v6(hex)), text, hex);
});

Deno.test("formatIpv6() reads the 16 bytes at its offset", () => {
  const b = new Uint8Array(40).fill(0xee);
  b.set(v6("0000 0000 0000 0000 0000 0000 0000 0100"), 8);
  b.set(v6("2001 0db8 0000 0000 0000 0000 0000 0001"), 24);
  assert.equal(formatIpv6(b, 8), "::100");
  assert.equal(formatIpv6(b, 24), "2001:db8::1");
});

Deno.test("formatIpv4() and formatMac() read numbers, offsets and lengths", () => {
  assert.equal(formatIpv4(0), "0.0.0.0");
  assert.equal(formatIpv4(0xffffffff), "255.255.255.255");
  assert.equal(formatIpv4(Uint8Array.of(9, 192, 0, 2, 1), 1), "192.0.2.1");
  assert.equal(formatMac(Uint8Array.of(0, 0x0a, 0xb0, 0xff, 1, 2, 3, 4), 1), "0a:b0:ff:01:02:03");
  assert.equal(formatMac(Uint8Array.of(1, 2, 3), 0, 3), "01:02:03");
  assert.equal(formatMac(Uint8Array.of(1), 0, 0), "");
});

/** The table's addresses, then seeded ones made mostly of zero groups (runs, ties, IPv4 tails). */
function addresses(): Uint8Array[] {
  const out = CASES.map(([hex]) => v6(hex));
  const rand = prng(0x6c0ffee);
  const group = () => {
    const r = rand();
    return r < 0.55 ? 0 : r < 0.65 ? 1 : r < 0.72 ? 0xffff : Math.floor(rand() * 0x10000);
  };
  for (let n = 0; n < 400; n++) {
    const a = new Uint8Array(16);
    const dv = new DataView(a.buffer);
    for (let i = 0; i < 8; i++) dv.setUint16(2 * i, group());
    // A quarter get an IPv4-mapped or -compatible prefix with an arbitrary tail.
    if (n % 4 === 0) a.fill(0, 0, 10), dv.setUint16(10, n % 8 === 0 ? 0xffff : 0);
    out.push(a);
  }
  return out;
}

const HAVE_TCPDUMP = haveTcpdump();
if (!HAVE_TCPDUMP) console.log("address_test.ts: tcpdump check ignored, tcpdump is not installed");

Deno.test({
  name: "formatIpv6() agrees with tcpdump -n on table and seeded addresses",
  ignore: !HAVE_TCPDUMP,
  fn() {
    const addrs = addresses();
    // Raw IPv6 headers with Next Header 59, src = address i, dst = address i + 1.
    const frames = addrs.map((src, i) => {
      const p = new Uint8Array(40);
      p.set([0x60, 0, 0, 0, 0, 0, 59, 64]);
      p.set(src, 8);
      p.set(addrs[(i + 1) % addrs.length]!, 24);
      return p;
    });
    const lines = tcpdump(LINKTYPE.IPV6, frames, []);
    assert.equal(lines.length, frames.length);
    lines.forEach((line, i) => {
      const want = `IP6 ${formatIpv6(frames[i]!, 8)} > ${
        formatIpv6(frames[i]!, 24)
      }: no next header`;
      assert.equal(line, want, `frame ${i}`);
    });
  },
});
