import assert from "node:assert/strict";
import { BUILD_CASES } from "./_build_frames.ts";
import { haveTcpdump, pcapFile, tcpdump } from "./_testing.ts";
import { type BuildLayer, buildPacket, fragmentIpv4, fragmentIpv6, writePacket } from "./build.ts";
import { decodePacket, type Layers } from "./layers.ts";

const ETH = 1;
const A = "02:00:00:00:00:01", B = "02:00:00:00:00:02";

function checksumsOk(p: Layers): void {
  assert.equal(p.stop, undefined);
  if (p.ipv4) assert.equal(p.ipv4.checksumOk(), true, "IPv4 header checksum");
  if (p.tcp && p.ip) assert.equal(p.tcp.checksumOk(p.ip), true, "TCP checksum");
  if (p.udp && p.ip) assert.equal(p.udp.checksumOk(p.ip), true, "UDP checksum");
  if (p.icmp) assert.equal(p.icmp.checksumOk(), true, "ICMP checksum");
  if (p.icmpv6 && p.ipv6) assert.equal(p.icmpv6.checksumOk(p.ipv6), true, "ICMPv6 checksum");
}

Deno.test("buildPacket() output decodes back with every length and checksum right", () => {
  for (const [name, layers] of Object.entries(BUILD_CASES)) {
    const frame = buildPacket(layers);
    const p = decodePacket(ETH, frame);
    try {
      checksumsOk(p);
      if (p.ipv4) assert.equal(p.ipv4.totalLen, frame.length - p.ipv4.bytes.byteOffset);
      if (p.ipv6) assert.equal(p.ipv6.payloadLen, frame.length - p.ipv6.bytes.byteOffset - 40);
      if (p.udp) assert.equal(p.udp.length, frame.length - p.udp.bytes.byteOffset);
    } catch (e) {
      throw new Error(`case ${name}: ${(e as Error).message}`);
    }
  }
});

Deno.test("writePacket() fields read back through the views", () => {
  const p = (name: string) => decodePacket(ETH, buildPacket(BUILD_CASES[name]!));
  const syn = p("tcp-syn-options");
  assert.deepEqual(syn.ethernet?.toHeader().srcAddr, A);
  assert.deepEqual(
    [syn.ipv4?.ttl, syn.ipv4?.identification, syn.ipv4?.dontFragment, syn.ipv4?.protocol],
    [64, 1, true, 6],
  );
  assert.deepEqual([syn.tcp?.srcPort, syn.tcp?.dstPort, syn.tcp?.seqNumber], [50000, 80, 1000]);
  assert.deepEqual([syn.tcp?.flags, syn.tcp?.window, syn.tcp?.headerLen], [0x02, 64240, 40]);
  assert.deepEqual(syn.tcp?.options().map((o) => o.name), [
    "mss",
    "sackOK",
    "TS",
    "nop",
    "wscale",
  ]);
  const answer = p("udp-dns-answer").dns!;
  assert.deepEqual([answer.id, answer.qr, answer.rd, answer.ra], [0x1234, true, true, true]);
  const s = answer.sections();
  assert.deepEqual(s.questions, [{ name: "www.example.com.", type: 1, class: 1 }]);
  assert.deepEqual(s.answers.map((a) => [a.name, a.type, a.ttl, a.data]), [
    ["www.example.com.", 5, 300, { name: "example.com." }],
    ["example.com.", 1, 60, { address: "93.184.216.34" }],
    ["example.com.", 28, 60, { address: "2606:2800:220:1::1" }],
  ]);
  const qinq = p("qinq-udp");
  assert.deepEqual(qinq.vlans.map((v) => [v.vid, v.pcp, v.etherType]), [
    [100, 0, 0x8100],
    [200, 5, 0x0800],
  ]);
  assert.equal(qinq.ethernet?.etherType, 0x88a8);
  const ns = p("icmpv6-ns").icmpv6!;
  assert.equal(ns.toHeader().targetAddr, "fd00::2");
  assert.deepEqual(ns.ndOptions().map((o) => [o.type, o.linkAddr]), [[1, A]]);
  const ext = p("ipv6-ext-udp");
  assert.deepEqual(ext.ipv6Extensions.map((e) => [e.headerType, e.headerLen]), [[0, 8], [60, 8]]);
  const frag = p("ipv6-fragment").ipv6Extensions[0]!;
  assert.deepEqual([frag.identification, frag.fragmentByteOffset, frag.moreFragments], [
    0xabcd,
    8,
    true,
  ]);
  const arp = p("arp-request").arp!.toHeader();
  assert.deepEqual([arp.oper, arp.sha, arp.spa, arp.tha, arp.tpa], [
    1,
    A,
    "192.168.0.1",
    "00:00:00:00:00:00",
    "192.168.0.2",
  ]);
  const ipOpt = p("ipv4-options").ipv4!;
  assert.deepEqual([ipOpt.headerLen, ipOpt.options().map((o) => o.type)], [24, [0x94]]);
});

const NO_TCPDUMP = !haveTcpdump();
if (NO_TCPDUMP) {
  console.log("decode/build_test.ts: tcpdump cross-check ignored: tcpdump is missing");
}

Deno.test(
  "buildPacket() frames print in tcpdump -vv -e as intended, checksums correct",
  { ignore: NO_TCPDUMP },
  () => {
    const frames = Object.values(BUILD_CASES).map(buildPacket);
    const want = Deno.readTextFileSync(new URL("testdata/build-vv-e.out", import.meta.url));
    assert.equal(tcpdump(ETH, frames, ["-vv", "-e"]).join("\n") + "\n", want);
  },
);

Deno.test("writePacket() writes at an offset of a reused buffer and returns the length", () => {
  const buf = new Uint8Array(200).fill(0xee);
  const layers = BUILD_CASES["icmp-echo"]!;
  const n = writePacket(buf, layers, 10);
  assert.equal(n, 98);
  assert.equal(buf[9], 0xee);
  assert.equal(buf[108], 0xee);
  assert.deepEqual(buf.subarray(10, 108), buildPacket(layers));
  // Changing a field of the kept records and writing again refills the checksums.
  const icmp = layers[2] as Extract<BuildLayer, { layer: "icmp" }>;
  const seq = icmp.sequence ?? 0;
  icmp.sequence = 2;
  try {
    writePacket(buf, layers, 10);
    checksumsOk(decodePacket(ETH, buf.subarray(10, 108)));
    assert.equal(decodePacket(ETH, buf.subarray(10, 108)).icmp?.sequence, 2);
  } finally {
    icmp.sequence = seq;
  }
});

Deno.test("writePacket() keeps lengths and checksums the caller set on purpose", () => {
  const frame = buildPacket([
    { layer: "ethernet", dstAddr: B, srcAddr: A, etherType: 0x0800 },
    { layer: "ipv4", srcAddr: 0x0a000001, dstAddr: "10.0.0.2", checksum: 0xbeef, totalLen: 100 },
    { layer: "udp", srcPort: 1, dstPort: 2, checksum: 0x1234, length: 9 },
  ]);
  const p = decodePacket(ETH, frame);
  assert.deepEqual([p.ipv4?.checksum, p.ipv4?.totalLen], [0xbeef, 100]);
  assert.equal(p.ipv4?.checksumOk(), false);
  assert.deepEqual([p.udp?.checksum, p.udp?.length], [0x1234, 9]);
  const tcp = decodePacket(
    ETH,
    buildPacket([{ layer: "ethernet", dstAddr: B, srcAddr: A }, {
      layer: "ipv4",
      srcAddr: "10.0.0.1",
      dstAddr: "10.0.0.2",
    }, { layer: "tcp", srcPort: 1, dstPort: 2, checksum: 0 }]),
  );
  assert.equal(tcp.tcp?.checksumOk(tcp.ip!), false);
});

Deno.test("writePacket() reads addresses in every form", () => {
  const forms: [string | Uint8Array, string][] = [
    ["::", "::"],
    ["::1", "::1"],
    ["fe80::1:2", "fe80::1:2"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
    ["1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"],
    ["::ffff:10.0.0.1", "::ffff:10.0.0.1"],
    ["64:ff9b::192.0.2.33", "64:ff9b::c000:221"],
    ["FD00::ABCD", "fd00::abcd"],
    [new Uint8Array(16).fill(0x11), "1111:1111:1111:1111:1111:1111:1111:1111"],
  ];
  for (const [input, text] of forms) {
    const p = decodePacket(
      ETH,
      buildPacket([{ layer: "ethernet", dstAddr: B, srcAddr: A }, {
        layer: "ipv6",
        srcAddr: input,
        dstAddr: "::1",
      }]),
    );
    assert.equal(p.ipv6?.toHeader().srcAddr, text, String(input));
  }
  const arp = decodePacket(
    ETH,
    buildPacket([{ layer: "ethernet", dstAddr: "FF-FF-FF-FF-FF-FF", srcAddr: A }, {
      layer: "arp",
      oper: 2,
      sha: Uint8Array.of(2, 0, 0, 0, 0, 9),
      spa: Uint8Array.of(10, 0, 0, 9),
      tha: A,
      tpa: 0xc0a80001,
    }]),
  );
  assert.deepEqual(
    [arp.ethernet?.toHeader().dstAddr, arp.arp?.toHeader().sha, arp.arp?.toHeader().tpa],
    ["ff:ff:ff:ff:ff:ff", "02:00:00:00:00:09", "192.168.0.1"],
  );
});

Deno.test("writePacket() rejects bad input with one line naming the layer and field", () => {
  const eth: BuildLayer = { layer: "ethernet", dstAddr: B, srcAddr: A };
  const cases: [BuildLayer[], ErrorConstructor | RangeErrorConstructor, string][] = [
    [
      [{ layer: "ethernet", dstAddr: "02:00:00:00:00", srcAddr: A }],
      TypeError,
      'Cannot build packet: layer 0 (ethernet) dstAddr "02:00:00:00:00" is not a MAC address',
    ],
    [
      [eth, { layer: "ipv4", srcAddr: "10.0.0.256", dstAddr: "10.0.0.1", protocol: 17 }],
      TypeError,
      'Cannot build packet: layer 1 (ipv4) srcAddr "10.0.0.256" is not an IPv4 address',
    ],
    [
      [eth, { layer: "ipv6", srcAddr: "fe80:::1", dstAddr: "::1" }],
      TypeError,
      'Cannot build packet: layer 1 (ipv6) srcAddr "fe80:::1" is not an IPv6 address',
    ],
    [
      [eth, { layer: "ipv6", srcAddr: "1:2:3:4:5:6:7:8:9", dstAddr: "::1" }],
      TypeError,
      'Cannot build packet: layer 1 (ipv6) srcAddr "1:2:3:4:5:6:7:8:9" is not an IPv6 address',
    ],
    [
      [eth, { layer: "payload", length: 4 }],
      TypeError,
      "Cannot build packet: layer 0 (ethernet) needs etherType (the next layer is payload)",
    ],
    [
      [eth],
      TypeError,
      "Cannot build packet: layer 0 (ethernet) needs etherType (the next layer is missing)",
    ],
    [
      [eth, { layer: "ipv4", srcAddr: 1, dstAddr: 2 }],
      TypeError,
      "Cannot build packet: layer 1 (ipv4) needs protocol (the next layer is missing)",
    ],
    [
      [eth, { layer: "vlan", vid: 4096 }],
      RangeError,
      "Cannot build packet: layer 1 (vlan) vid 4096 is not in 0..4095",
    ],
    [
      [eth, { layer: "ipv4", srcAddr: 1, dstAddr: 2 }, {
        layer: "udp",
        srcPort: 70000,
        dstPort: 1,
      }],
      RangeError,
      "Cannot build packet: layer 2 (udp) srcPort 70000 is not in 0..65535",
    ],
    [
      [eth, {
        layer: "ipv4",
        srcAddr: 1,
        dstAddr: 2,
        options: [{ type: 7, data: new Uint8Array(39) }],
      }, { layer: "udp", srcPort: 1, dstPort: 1 }],
      RangeError,
      "Cannot build packet: layer 1 (ipv4) options exceed 40 bytes",
    ],
    [
      [eth, { layer: "ipv4", srcAddr: 1, dstAddr: 2 }, { layer: "udp", srcPort: 1, dstPort: 1 }, {
        layer: "dns",
        questions: [{ name: "a..b" }],
      }],
      TypeError,
      'Cannot build packet: layer 3 (dns) name "a..b" is not a domain name',
    ],
    [
      [eth, { layer: "ipv6", srcAddr: "::1", dstAddr: "::1" }, {
        layer: "ipv6-ext",
        headerType: 51,
      }],
      TypeError,
      "Cannot build packet: layer 2 (ipv6-ext) headerType 51 is not 0, 43, 44 or 60",
    ],
  ];
  for (const [layers, type, message] of cases) {
    assert.throws(() => buildPacket(layers), { name: type.name, message });
  }
  assert.throws(
    () => writePacket(new Uint8Array(40), BUILD_CASES["tcp-data"]!),
    {
      name: "RangeError",
      message: "Cannot build packet: layer 2 (tcp) needs 54 bytes, the buffer holds 40",
    },
  );
});

Deno.test("fragmentIpv4() splits at 8-byte boundaries and copies only copy-bit options", () => {
  const payload = new Uint8Array(3000).map((_, i) => i * 7);
  const frame = buildPacket([
    { layer: "ethernet", dstAddr: B, srcAddr: A },
    {
      layer: "ipv4",
      srcAddr: "10.0.0.1",
      dstAddr: "10.0.0.2",
      identification: 77,
      // Router alert (0x94) has the copy bit; record route (7) does not.
      options: [{ type: 0x94, data: Uint8Array.of(0, 0) }, {
        type: 7,
        data: Uint8Array.of(4, 0, 0, 0, 0),
      }],
    },
    { layer: "udp", srcPort: 9, dstPort: 9 },
    { layer: "payload", bytes: payload },
  ]);
  const parts = fragmentIpv4(frame, 14, 1000);
  const views = parts.map((f) => decodePacket(ETH, f).ipv4!);
  assert.deepEqual(views.map((v) => v.headerLen), [32, 24, 24, 24]);
  assert.deepEqual(views.map((v) => v.fragmentByteOffset), [0, 968, 1944, 2920]);
  assert.deepEqual(views.map((v) => v.moreFragments), [true, true, true, false]);
  for (const v of views) {
    assert.equal(v.checksumOk(), true);
    assert.equal(v.identification, 77);
    assert.ok(v.totalLen <= 1000);
    assert.equal(v.fragmentByteOffset % 8, 0);
  }
  assert.deepEqual(views[1]!.options().map((o) => o.type), [0x94]);
  const joined = new Uint8Array(3008);
  views.forEach((v, k) => joined.set(parts[k]!.subarray(14 + v.headerLen), v.fragmentByteOffset));
  assert.deepEqual(joined, frame.subarray(14 + 32));
  assert.equal(fragmentIpv4(frame, 14, 1500).length, 3);
  assert.deepEqual(fragmentIpv4(frame, 14, 9000), [frame]);
  const df = buildPacket([
    { layer: "ethernet", dstAddr: B, srcAddr: A },
    { layer: "ipv4", srcAddr: 1, dstAddr: 2, dontFragment: true, protocol: 253 },
    { layer: "payload", length: 2000 },
  ]);
  assert.throws(() => fragmentIpv4(df, 14, 1500), {
    name: "RangeError",
    message: "Cannot fragment: Don't Fragment is set on a 2020-byte packet",
  });
  assert.throws(() => fragmentIpv4(df, 14, 60), {
    message: "Cannot fragment: MTU 60 is below IPv4's minimum of 68",
  });
});

/** A UDP/IPv6 datagram with 3000 payload bytes behind Hop-by-Hop, Routing and Destination headers. */
function ipv6Datagram(routing: boolean): Uint8Array {
  const ext: BuildLayer[] = [
    { layer: "ipv6-ext", headerType: 0, options: [{ type: 5, data: Uint8Array.of(0, 0) }] },
  ];
  if (routing) {
    ext.push({ layer: "ipv6-ext", headerType: 43, routingType: 2, addresses: ["fd00::9"] });
  }
  ext.push({
    layer: "ipv6-ext",
    headerType: 60,
    options: [{ type: 0x1e, data: new Uint8Array(4) }],
  });
  return buildPacket([
    { layer: "ethernet", dstAddr: B, srcAddr: A },
    { layer: "ipv6", srcAddr: "fd00::1", dstAddr: "fd00::2", flowLabel: 0x12345 },
    ...ext,
    { layer: "udp", srcPort: 5000, dstPort: 6000 },
    { layer: "payload", bytes: new Uint8Array(3000).map((_, i) => i * 13) },
  ]);
}

Deno.test("fragmentIpv6() repeats the unfragmentable part and splits the rest at 8-byte boundaries", () => {
  const frame = ipv6Datagram(true);
  // Unfragmentable: IPv6 (40) + Hop-by-Hop (8) + Routing type 2 (24); fragmentable: the
  // Destination Options header (8), UDP (8) and the payload.
  const parts = fragmentIpv6(frame, 14, 1280, { identification: 0xdeadbeef });
  const unfrag = 40 + 8 + 24;
  assert.deepEqual(parts.map((f) => f.length - 14), [1280, 1280, 8 + 3016 - 2 * 1200 + unfrag]);
  const layers = parts.map((f) => decodePacket(ETH, f));
  for (const [k, p] of layers.entries()) {
    assert.equal(p.ipv6!.payloadLen, parts[k]!.length - 14 - 40);
    // The first fragment decodes on past the Fragment header; the others stop there.
    assert.deepEqual(
      p.ipv6Extensions.map((e) => e.headerType),
      k === 0 ? [0, 43, 44, 60] : [0, 43, 44],
    );
    // Link header, version/class/flow label, addresses and the headers that repeat: as given.
    assert.deepEqual(parts[k]!.subarray(0, 14 + 4), frame.subarray(0, 14 + 4));
    // ... but the last of them (Routing) now says a Fragment header (44) follows.
    assert.deepEqual(parts[k]!.subarray(14 + 7, 14 + 48), frame.subarray(14 + 7, 14 + 48));
    assert.deepEqual(
      parts[k]!.subarray(14 + 49, 14 + unfrag),
      frame.subarray(14 + 49, 14 + unfrag),
    );
    assert.deepEqual([parts[k]![14 + 48], frame[14 + 48]], [44, 60]);
    const f = p.ipv6Extensions[2]!;
    assert.deepEqual(
      [f.identification, f.fragmentByteOffset, f.moreFragments, f.nextHeader],
      [0xdeadbeef, k * 1200, k < 2, 60],
    );
  }
  const joined = new Uint8Array(3016);
  parts.forEach((f, k) => joined.set(f.subarray(14 + unfrag + 8), k * 1200));
  assert.deepEqual(joined, frame.subarray(14 + unfrag));
  // Without a Routing header only Hop-by-Hop repeats.
  const hbh = fragmentIpv6(ipv6Datagram(false), 14, 1500, { identification: 1 });
  assert.deepEqual(hbh.map((f) => decodePacket(ETH, f).ipv6Extensions[1]?.headerType), [
    44,
    44,
    44,
  ]);
  assert.deepEqual(hbh.map((f) => f.length - 14), [1496, 1496, 48 + 8 + 3016 - 2 * 1440]);
  assert.deepEqual(fragmentIpv6(frame, 14, 9000), [frame]);
  const fail = (f: Uint8Array, mtu: number, message: string) =>
    assert.throws(() => fragmentIpv6(f, 14, mtu), { name: "RangeError", message });
  fail(frame, 1279, "Cannot fragment: MTU 1279 is below IPv6's minimum of 1280");
  fail(frame.subarray(0, 40), 1280, "Cannot fragment: no IPv6 header at offset 14");
  const fragment = buildPacket([
    { layer: "ethernet", dstAddr: B, srcAddr: A },
    { layer: "ipv6", srcAddr: "fd00::1", dstAddr: "fd00::2" },
    { layer: "ipv6-ext", headerType: 0 },
    { layer: "ipv6-ext", headerType: 44, identification: 5, moreFragments: true, nextHeader: 17 },
    { layer: "payload", length: 2000 },
  ]);
  fail(fragment, 1280, "Cannot fragment: the packet is already a fragment");
  assert.throws(() => fragmentIpv6(frame, 14, 1280, { identification: 2 ** 32 }), {
    message: "Cannot fragment: identification 4294967296 is not in 0..4294967295",
  });
  const a = fragmentIpv6(frame, 14, 1280), b = fragmentIpv6(frame, 14, 1280);
  assert.notEqual(
    decodePacket(ETH, a[0]!).ipv6Extensions[2]!.identification,
    decodePacket(ETH, b[0]!).ipv6Extensions[2]!.identification,
    "a random identification each time",
  );
});

const NO_TSHARK = (() => {
  try {
    return !new Deno.Command("tshark", { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return true;
  }
})();
if (NO_TSHARK) console.log("decode/build_test.ts: tshark reassembly ignored: tshark is missing");

Deno.test({
  name:
    "fragmentIpv6() and fragmentIpv4() fragments reassemble in tshark to the datagram, checksum good",
  ignore: NO_TSHARK || NO_TCPDUMP,
  fn() {
    const v6 = ipv6Datagram(false);
    const v4 = buildPacket([
      { layer: "ethernet", dstAddr: B, srcAddr: A },
      { layer: "ipv4", srcAddr: "10.0.0.1", dstAddr: "10.0.0.2", identification: 4242 },
      { layer: "udp", srcPort: 5000, dstPort: 6000 },
      { layer: "payload", bytes: new Uint8Array(3000).map((_, i) => i * 13) },
    ]);
    const frames = [
      ...fragmentIpv6(v6, 14, 1280, { identification: 99 }),
      ...fragmentIpv4(v4, 14, 1000),
    ];
    const path = Deno.makeTempFileSync({ suffix: ".pcap" });
    try {
      Deno.writeFileSync(path, pcapFile(ETH, frames));
      const out = new Deno.Command("tshark", {
        args: [
          "-n",
          "-r",
          path,
          "-o",
          "ipv6.defragment:TRUE",
          "-o",
          "ip.defragment:TRUE",
          "-o",
          "udp.check_checksum:TRUE",
          "-Y",
          "udp",
          "-T",
          "fields",
          "-E",
          "separator=,",
          "-e",
          "frame.number",
          "-e",
          "udp.length",
          "-e",
          "udp.checksum.status",
          "-e",
          "data.len",
        ],
        stdout: "piped",
        stderr: "piped",
      }).outputSync();
      assert.ok(out.success, new TextDecoder().decode(out.stderr));
      // One reassembled datagram each, in the frame of its last fragment; status 1 = Good.
      assert.deepEqual(new TextDecoder().decode(out.stdout).trim().split("\n"), [
        "3,3008,1,3000",
        "7,3008,1,3000",
      ]);
      // tcpdump prints each fragment with its identification, offset and length.
      assert.deepEqual(
        tcpdump(ETH, frames.slice(0, 3), ["-v"]).map((l) => / frag \([^)]*\)/.exec(l)?.[0]),
        [
          " frag (0x00000063:0|1224)",
          " frag (0x00000063:1224|1224)",
          " frag (0x00000063:2448|568)",
        ],
      );
    } finally {
      Deno.removeSync(path);
    }
  },
});
