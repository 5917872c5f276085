import assert from "node:assert/strict";
import { LINKTYPE } from "../link_type.ts";
import { testFrames } from "./_frames.ts";
import { compileFilter, FilterSyntaxError, runFilter, validateProgram } from "./mod.ts";

// 02:00:00:00:00:01 > 00:11:22:33:44:55, ethertype IPv4 (0x0800), length 104: 10.0.0.1.40000 >
//   10.0.0.2.4789: VXLAN, flags [I] (0x08), vni 5
// 02:00:00:00:00:01 > 00:11:22:33:44:55, ethertype IPv4 (0x0800), length 54: 10.0.0.1.12345 >
//   10.0.0.2.80: Flags [S], seq 1, win 29200, length 0
const VXLAN_SYN = Uint8Array.fromHex(
  "0011223344550200000000010800450000560001400040110000" +
    "0a0000010a0000029c4012b500420000" + "0800000000000500" +
    "00112233445502000000000108004500002800014000400600000a0000010a0000023039005000000001000000005002721000000000",
);

Deno.test("compileFilter() tests VXLAN and what it carries (libpcap 1.11's vxlan)", () => {
  const yes = [
    "vxlan",
    "vxlan 5",
    "vxlan and tcp port 80",
    "vxlan 5 and ether src 02:00:00:00:00:01",
    "vxlan and host 10.0.0.2 and tcp[tcpflags] = tcp-syn",
  ];
  const no = ["vxlan 6", "vxlan and udp", "vxlan and ether dst ff:ff:ff:ff:ff:ff", "geneve"];
  for (const optimize of [true, false]) {
    for (const e of yes) {
      assert.equal(runFilter(compileFilter(e, { optimize }), VXLAN_SYN), 262144, e);
    }
    for (const e of no) assert.equal(runFilter(compileFilter(e, { optimize }), VXLAN_SYN), 0, e);
  }
  assert.throws(
    () => compileFilter("vxlan 16777216"),
    (e: unknown) =>
      e instanceof FilterSyntaxError &&
      e.message ===
        'Cannot compile filter "vxlan 16777216": VXLAN VNI 16777216 greater than maximum 16777215 at offset 0',
  );
});

const be16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];

/** An Ethernet frame carrying `inner` in VXLAN or in Geneve (Ethernet payload, `opt` words). */
function wrap(inner: Uint8Array, tunnel: "vxlan" | "geneve", v6: boolean, opt: number): Uint8Array {
  const header = tunnel === "vxlan"
    ? [0x08, 0, 0, 0, 0, 0, 7, 0]
    : [opt, 0, 0x65, 0x58, 0, 0, 7, 0, ...new Array(opt * 4).fill(0xee)];
  const udp = [
    0x9c,
    0x40,
    ...be16(tunnel === "vxlan" ? 4789 : 6081),
    ...be16(8 + header.length + inner.length),
    0,
    0,
  ];
  const body = [...udp, ...header, ...inner];
  const ip = v6
    ? [0x60, 0, 0, 0, ...be16(body.length), 17, 64, ...new Array(32).fill(1)]
    : [0x45, 0, ...be16(20 + body.length), 0, 1, 0x40, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2];
  return new Uint8Array([
    0,
    0x11,
    0x22,
    0x33,
    0x44,
    0x55,
    2,
    0,
    0,
    0,
    0,
    1,
    ...be16(v6 ? 0x86dd : 0x800),
    ...ip,
    ...body,
  ]);
}

const text = await Deno.readTextFile(new URL("./testdata/expressions.txt", import.meta.url));
/** Expressions whose verdict depends on the inner frame alone (not its length or the socket). */
const EXPRESSIONS = text.split("\n")
  .filter((l) => l.trim() !== "" && !l.startsWith("#"))
  .map((l) => l.replace(/\s+# refuse$/, ""))
  .filter((l) =>
    !/\b(len|length|less|greater|inbound|outbound|ifindex|protochain|geneve|vxlan)\b/.test(l)
  )
  // `byte N & M` tests the accumulator as the code before left it, which the tunnel changes.
  .filter((l) => !/\bbyte\s+\d+\s*[&|]/.test(l));

Deno.test("compileFilter(`vxlan and (X)`) and `geneve and (X)` decide on the tunnelled frame as X does on it alone", () => {
  // X's verdicts on Ethernet frames are libpcap's (filter/differential_test.ts), so the tunnel
  // forms move every offset as libpcap does: link header, link type, network layer.
  const inner = testFrames(LINKTYPE.ETHERNET, 25, 11);
  // Cut inner frames end the outer ones at the same byte: the tunnel headers stay whole.
  const wrapped: Uint8Array[][] = [
    inner.map((f) => wrap(f.data, "vxlan", false, 0)),
    inner.map((f) => wrap(f.data, "vxlan", true, 0)),
    inner.map((f, i) => wrap(f.data, "geneve", i % 2 === 1, i % 3)),
  ];
  const forms = ["vxlan", "vxlan", "geneve"] as const;
  let compared = 0;
  for (const x of EXPRESSIONS) {
    for (const optimize of [true, false]) {
      let alone, plain;
      try {
        alone = compileFilter(x, { optimize });
        plain = compileFilter(x, { optimize: false });
      } catch (e) {
        if (e instanceof FilterSyntaxError) continue;
        throw e;
      }
      forms.forEach((form, k) => {
        const tunnelled = compileFilter(`${form} and (${x})`, { optimize });
        validateProgram(tunnelled);
        inner.forEach((f, i) => {
          const outer = wrapped[k]![i]!;
          // Geneve is never optimized (as in libpcap): compare with X unoptimized, which reads
          // the same bytes (an optimizer drops loads, which decides cut frames differently).
          const want = runFilter(form === "geneve" ? plain : alone, f.data);
          assert.equal(
            runFilter(tunnelled, outer),
            want,
            `${form} and (${x}), optimize ${optimize}: ${f.label}`,
          );
          compared++;
        });
      });
    }
  }
  assert.ok(compared > 200_000, `only ${compared} verdicts compared`);
});
