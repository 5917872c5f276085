// IPv6 addresses in every form tcpdump distinguishes (zero runs leading, inner and trailing, ties,
// IPv4-compatible and -mapped tails, ::2 and ::100 that only look like them), carried in UDP,
// ICMPv6 echo and neighbour solicitations, printed by PacketPrinter and by tcpdump -n -t -v.

import assert from "node:assert/strict";
import { LINKTYPE } from "tpacket";
import { PacketPrinter } from "../../print/mod.ts";
import { fixChecksum, haveTcpdump, ipv6, tcpdump } from "../../decode/_testing.ts";

const HAVE_TCPDUMP = haveTcpdump();
if (!HAVE_TCPDUMP) {
  console.log("tests/print/ipv6_address_test.ts: ignored, tcpdump is not installed");
}

const ADDRS = [
  "::",
  "::1",
  "::2",
  "::100",
  "::0.1.0.0",
  "::1.2.3.4",
  "::ffff:1.2.3.4",
  "::ffff:0.0.0.0",
  "::ffff:0:0:0",
  "1::",
  "2001:db8::1",
  "2001:db8:0:1::1:0",
  "2001:db8::1:0:0:1",
  "0:1:0:1:0:1:0:1",
  "fe80::fc:ff:fe00:1",
  "ff02::1:ff00:1",
];

/** The 16 bytes of an address in any of the forms above. */
function bytes(text: string): Uint8Array {
  const dotted = text.match(/^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  const v4 = dotted ? dotted.slice(2).map(Number) : [];
  const hex = dotted ? dotted[1]! + "0:0" : text;
  const [head, tail] = hex.split("::") as [string, string | undefined];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  const out = Uint8Array.fromHex(groups.map((g) => g.padStart(4, "0")).join(""));
  if (dotted) out.set(v4, 12);
  return out;
}

/** An IPv6 packet from `src` to `dst` with a correct transport checksum at `sum`. */
function packet(next: number, src: Uint8Array, dst: Uint8Array, body: Uint8Array, sum: number) {
  const ip = ipv6(next, "::", "::", body);
  ip.set(src, 8);
  ip.set(dst, 24);
  return fixChecksum(ip, next, sum);
}

function frames(): Uint8Array[] {
  const out: Uint8Array[] = [];
  ADDRS.forEach((a, i) => {
    const src = bytes(a), dst = bytes(ADDRS[(i + 3) % ADDRS.length]!);
    out.push(packet(17, src, dst, Uint8Array.fromHex("04d2162e000a00000102"), 6));
    out.push(packet(58, src, dst, Uint8Array.fromHex("8000000000070001"), 2));
    // Neighbour solicitation: tcpdump prints the target address from the ICMPv6 body.
    out.push(packet(58, dst, src, Uint8Array.of(135, 0, 0, 0, 0, 0, 0, 0, ...src), 2));
  });
  return out;
}

Deno.test({
  name: "PacketPrinter prints IPv6 addresses of every form as tcpdump -n does",
  ignore: !HAVE_TCPDUMP,
  fn() {
    const list = frames();
    const want = tcpdump(LINKTYPE.RAW, list, ["-v"]);
    const printer = new PacketPrinter(LINKTYPE.RAW, { timestamp: "none", verbose: 1 });
    const got = list.flatMap((data) =>
      printer.format({ data, wireLen: data.length, sec: 0, nsec: 0 }).split("\n")
    ).filter((l) => l !== "");
    for (const a of ADDRS) assert.ok(want.some((l) => l.includes(` ${a}`)), `tcpdump printed ${a}`);
    assert.deepEqual(got, want);
  },
});
