import assert from "node:assert/strict";
import { EthernetView, IP_PROTO, Ipv6ExtensionView, Ipv6View } from "./mod.ts";
import { assertTruncations, cat, fixture, hex, ipv6 } from "./_testing.ts";

const ipOf = (name: Parameters<typeof fixture>[0]) => EthernetView.from(fixture(name)).payload;

Deno.test("Ipv6View reads every field of a captured UDP datagram", () => {
  // IP6 fd00::1.34897 > fd00::2.7777: UDP, length 3 (6006 57e8 000b 1140 ...)
  const bytes = ipOf("ipv6Udp");
  const ip = Ipv6View.from(bytes);
  assert.equal(ip.layer, "ipv6");
  assert.equal(ip.bytes, bytes);
  assert.equal(ip.headerLen, 40);
  assert.equal(ip.version, 6);
  assert.equal(ip.trafficClass, 0);
  assert.equal(ip.flowLabel, 0x657e8);
  assert.equal(ip.payloadLen, 11);
  assert.equal(ip.nextHeader, 17);
  assert.equal(ip.hopLimit, 64);
  assert.deepEqual([...ip.srcAddr], [0xfd, ...Array(14).fill(0), 1]);
  assert.deepEqual([...ip.dstAddr], [0xfd, ...Array(14).fill(0), 2]);
  assert.equal(ip.payload.byteLength, 11);
  assert.deepEqual(ip.toHeader(), {
    layer: "ipv6",
    trafficClass: 0,
    flowLabel: 0x657e8,
    payloadLen: 11,
    nextHeader: 17,
    hopLimit: 64,
    srcAddr: "fd00::1",
    dstAddr: "fd00::2",
  });
  assert.deepEqual(ip.toJSON(), ip.toHeader());
  const tc = bytes.slice();
  tc[0] = 0x6b;
  tc[1] = 0x86;
  assert.equal(Ipv6View.from(tc).trafficClass, 0xb8);
});

Deno.test("Ipv6View.from() rejects every truncation and a bad version", () => {
  assertTruncations(Ipv6View, ipOf("ipv6Udp"), 40, (n) => ({
    layer: "ipv6",
    reason: "truncated",
    need: 40,
    have: n,
  }));
  const v4 = ipOf("ipv6Udp").slice();
  v4[0] = 0x45;
  assert.deepEqual(Ipv6View.check(v4), { layer: "ipv6", reason: "bad-version", need: 6, have: 4 });
});

Deno.test("Ipv6View.payload follows Payload Length: clipped, padding dropped, 0 = everything", () => {
  const ip = ipv6(59, "::1", "::2", new Uint8Array(6));
  assert.equal(Ipv6View.from(cat(ip, new Uint8Array(4))).payload.byteLength, 6);
  assert.equal(Ipv6View.from(ip.subarray(0, 43)).payload.byteLength, 3);
  const jumbo = cat(ip, new Uint8Array(4));
  jumbo[4] = jumbo[5] = 0;
  assert.equal(Ipv6View.from(jumbo).payload.byteLength, 10);
});

Deno.test("Ipv6View formats addresses as RFC 5952 and inet_ntop do", () => {
  const cases: [string, string][] = [
    ["20010db8000000000001000000000001", "2001:db8::1:0:0:1"],
    ["20010db8000000010001000100010001", "2001:db8:0:1:1:1:1:1"],
    ["00000000000000000000000000000000", "::"],
    ["00000000000000000000000000000001", "::1"],
    ["00000000000000000000ffffc0000201", "::ffff:192.0.2.1"],
    ["000000000000000000000000c0000201", "::192.0.2.1"],
    ["fe800000000000000000000000000000", "fe80::"],
    ["ff020000000000000000000000010002", "ff02::1:2"],
    ["20010db8000000000000000000000000", "2001:db8::"],
  ];
  for (const [h, text] of cases) {
    const ip = Ipv6View.from(cat(hex("6000000000003b40"), hex(h), hex(h)));
    assert.equal(ip.toHeader().srcAddr, text, h);
  }
});

Deno.test("Ipv6ExtensionView reads the fragment headers of a captured fragmented datagram", () => {
  // IP6 fd00::1 > fd00::2: frag (0|1448) 34897 > 7778: UDP, length 3000
  const first = Ipv6View.from(ipOf("ipv6FirstFragment"));
  assert.equal(first.nextHeader, IP_PROTO.FRAGMENT);
  const frag = Ipv6ExtensionView.from(first.payload, first.nextHeader);
  assert.equal(frag.layer, "ipv6-ext");
  assert.equal(frag.headerType, 44);
  assert.equal(frag.nextHeader, 17);
  assert.equal(frag.headerLen, 8);
  assert.deepEqual([frag.fragmentOffset, frag.fragmentByteOffset, frag.moreFragments], [
    0,
    0,
    true,
  ]);
  assert.equal(frag.payload.byteLength, 1448);
  // IP6 fd00::1 > fd00::2: frag (1448|1448)
  const middle = Ipv6View.from(ipOf("ipv6MiddleFragment"));
  const frag2 = Ipv6ExtensionView.from(middle.payload, 44);
  assert.deepEqual([frag2.fragmentOffset, frag2.fragmentByteOffset, frag2.moreFragments], [
    181,
    1448,
    true,
  ]);
  assert.equal(frag2.identification, frag.identification);
  const h = frag2.toHeader();
  assert.deepEqual(h, {
    layer: "ipv6-ext",
    headerType: 44,
    nextHeader: 17,
    headerLen: 8,
    fragmentByteOffset: 1448,
    moreFragments: true,
    identification: frag.identification!,
  });
  assert.equal(frag.routingType, undefined);
  assert.equal(frag.spi, undefined);
  assert.deepEqual(frag.options(), []);
});

Deno.test("Ipv6ExtensionView reads hop-by-hop options of captured MLD and UDP packets", () => {
  // IP6 fd00::1 > fd00::2: HBH 34627 > 7779: UDP, length 3: 1100 0502 0000 0100
  const ip = Ipv6View.from(ipOf("ipv6HopByHopUdp"));
  const hbh = Ipv6ExtensionView.from(ip.payload, ip.nextHeader);
  assert.equal(hbh.headerType, 0);
  assert.equal(hbh.hdrExtLen, 0);
  assert.equal(hbh.headerLen, 8);
  assert.equal(hbh.data.byteLength, 6);
  assert.deepEqual(
    hbh.options().map((o) => [o.type, o.dataLen, o.data.toHex(), o.bad]),
    [[5, 2, "0000", false], [1, 0, "", false]],
  );
  assert.deepEqual(hbh.toHeader(), {
    layer: "ipv6-ext",
    headerType: 0,
    nextHeader: 17,
    headerLen: 8,
    options: [{ type: 5, dataLen: 2, data: "0000", bad: false }, {
      type: 1,
      dataLen: 0,
      data: "",
      bad: false,
    }],
  });
  // IP6 :: > ff02::16: HBH ICMP6, multicast listener report v2: 3a00 0502 0000 0100
  const mld = Ipv6View.from(ipOf("mldv2Report"));
  const hbh2 = Ipv6ExtensionView.from(mld.payload, 0);
  assert.equal(hbh2.nextHeader, 58);
  // Pad1 and an option running past the header.
  const odd = Ipv6ExtensionView.from(hex("3b00 00 00 01 09 0000"), 60);
  assert.deepEqual(odd.options().map((o) => [o.type, o.dataLen, o.bad]), [[0, 0, false], [
    0,
    0,
    false,
  ], [1, 9, true]]);
});

Deno.test("Ipv6ExtensionView reads routing and authentication headers", () => {
  const rh = Ipv6ExtensionView.from(
    hex("3a02 0001 00000000" + "20010db8000000000000000000000001" + "ffff"),
    43,
  );
  assert.deepEqual([rh.nextHeader, rh.hdrExtLen, rh.headerLen], [58, 2, 24]);
  assert.deepEqual([rh.routingType, rh.segmentsLeft], [0, 1]);
  assert.equal(rh.fragmentOffset, undefined);
  assert.equal(rh.fragmentByteOffset, undefined);
  assert.equal(rh.moreFragments, undefined);
  assert.equal(rh.identification, undefined);
  assert.deepEqual([...rh.payload], [0xff, 0xff]);
  assert.deepEqual(rh.toHeader(), {
    layer: "ipv6-ext",
    headerType: 43,
    nextHeader: 58,
    headerLen: 24,
    routingType: 0,
    segmentsLeft: 1,
  });
  const ah = Ipv6ExtensionView.from(
    hex("0604 0000 00000100 00000007 0011223344556677 8899aabb"),
    51,
  );
  assert.deepEqual([ah.nextHeader, ah.headerLen, ah.spi, ah.sequence], [6, 24, 256, 7]);
  assert.deepEqual(ah.toHeader(), {
    layer: "ipv6-ext",
    headerType: 51,
    nextHeader: 6,
    headerLen: 24,
    spi: 256,
    sequence: 7,
  });
  assert.equal(ah.routingType, undefined);
  assert.equal(ah.segmentsLeft, undefined);
});

Deno.test("Ipv6ExtensionView.from() rejects every truncation and a header type it does not read", () => {
  const hbh = Ipv6View.from(ipOf("ipv6HopByHopUdp")).payload;
  assertTruncations(Ipv6ExtensionView, hbh, 8, (n) => ({
    layer: "ipv6-ext",
    reason: "truncated",
    need: n < 2 ? 2 : 8,
    have: n,
  }), 0);
  assertTruncations(Ipv6ExtensionView, hex("1100000112345678"), 8, (n) => ({
    layer: "ipv6-ext",
    reason: "truncated",
    need: 8,
    have: n,
  }), 44);
  const long = hex("3b05" + "00".repeat(20));
  assert.deepEqual(Ipv6ExtensionView.check(long, 60), {
    layer: "ipv6-ext",
    reason: "truncated",
    need: 48,
    have: 22,
  });
  assert.deepEqual(Ipv6ExtensionView.check(long, 17), {
    layer: "ipv6-ext",
    reason: "bad-version",
    need: 0,
    have: 17,
  });
});
