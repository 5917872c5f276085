import assert from "node:assert/strict";
import { decodeFrame, Icmpv6View, Ipv6View, isIcmpv6Error, UdpView } from "./mod.ts";
import {
  assertTruncations,
  cat,
  ether,
  fixChecksum,
  fixture,
  haveTcpdump,
  hex,
  ipv6,
  tcpdump,
} from "./_testing.ts";

const icmpOf = (name: Parameters<typeof fixture>[0]) => {
  const l = decodeFrame(fixture(name));
  return { icmp: l.icmpv6!, ip: l.ipv6! };
};

Deno.test("Icmpv6View reads a captured echo request and reply", () => {
  // IP6 fd00::1 > fd00::2: ICMP6, echo request, id 17185, seq 1, length 13: 8000 2dc0 4321 0001
  const { icmp, ip } = icmpOf("icmpv6EchoRequest");
  assert.equal(icmp.layer, "icmpv6");
  assert.equal(icmp.bytes.byteLength, 13);
  assert.equal(icmp.headerLen, 8);
  assert.deepEqual([icmp.type, icmp.code, icmp.checksum], [128, 0, 0x2dc0]);
  assert.deepEqual([icmp.identifier, icmp.sequence, icmp.restOfHeader], [17185, 1, 0x43210001]);
  assert.equal(icmp.isError, false);
  assert.equal(new TextDecoder().decode(icmp.payload), "ping6");
  assert.equal(icmp.checksumOk(ip), true);
  assert.deepEqual(icmp.toHeader(), {
    layer: "icmpv6",
    type: 128,
    code: 0,
    checksum: 0x2dc0,
    restOfHeader: 0x43210001,
    identifier: 17185,
    sequence: 1,
    payloadLen: 5,
  });
  assert.deepEqual(icmp.toJSON(), icmp.toHeader());
  assert.equal(icmp.targetAddr, undefined);
  assert.equal(icmp.destinationAddr, undefined);
  assert.equal(icmp.multicastAddr, undefined);
  assert.deepEqual(icmp.ndOptions(), []);
  assert.deepEqual(icmp.mld2Records(), []);
  const reply = icmpOf("icmpv6EchoReply");
  assert.deepEqual([reply.icmp.type, reply.icmp.identifier, reply.icmp.checksumOk(reply.ip)], [
    129,
    17185,
    true,
  ]);
});

Deno.test("Icmpv6View reads captured neighbour solicitation and advertisement", () => {
  // IP6 fd00::1 > ff02::1:ff00:2: ICMP6, neighbor solicitation, who has fd00::2, length 32
  const { icmp: ns, ip } = icmpOf("neighborSolicitation");
  assert.equal(ns.type, 135);
  assert.equal(ns.headerLen, 24);
  assert.equal(Ipv6View.from(ip.bytes).toHeader().dstAddr, "ff02::1:ff00:2");
  assert.equal(ns.toHeader().targetAddr, "fd00::2");
  assert.deepEqual(ns.ndOptions().map((o) => [o.type, o.len, o.linkAddr, o.bad]), [[
    1,
    1,
    "02:00:00:00:0a:01",
    false,
  ]]);
  assert.equal(ns.checksumOk(ip), true);
  // IP6 fd00::2 > fd00::1: ICMP6, neighbor advertisement, tgt is fd00::2, length 32
  const { icmp: na } = icmpOf("neighborAdvertisement");
  assert.equal(na.type, 136);
  assert.equal(na.ndFlags & 0xe0, 0x60, "solicited and override");
  const h = na.toHeader();
  assert.equal(h.targetAddr, "fd00::2");
  assert.equal(h.ndFlags, na.ndFlags);
  assert.deepEqual(h.options, [{
    type: 2,
    len: 1,
    data: "020000000b02",
    bad: false,
    linkAddr: "02:00:00:00:0b:02",
  }]);
  // DAD probe with a nonce option (14), which tcpdump prints as unknown.
  const { icmp: dad } = icmpOf("neighborSolicitationDad");
  assert.deepEqual(dad.ndOptions().map((o) => [o.type, o.len, o.data.byteLength]), [[14, 1, 6]]);
  // Router solicitation: options start at 8.
  const { icmp: rs } = icmpOf("routerSolicitation");
  assert.deepEqual([rs.type, rs.headerLen, rs.ndOptions()[0]?.linkAddr], [
    133,
    8,
    "02:00:00:00:0a:01",
  ]);
});

Deno.test("Icmpv6View reads a captured MLDv2 report's records", () => {
  // IP6 :: > ff02::16: HBH ICMP6, multicast listener report v2, 2 group record(s)
  // (tcpdump -vv: [gaddr ff02::1:ff00:a01 to_ex { }] [gaddr ff02::1:ff00:1 to_ex { }])
  const { icmp, ip } = icmpOf("mldv2Report");
  assert.equal(icmp.type, 143);
  assert.equal(icmp.numRecords, 2);
  assert.deepEqual(icmp.mld2Records(), [
    { type: 4, auxLen: 0, multicastAddr: "ff02::1:ff00:a01", sources: [] },
    { type: 4, auxLen: 0, multicastAddr: "ff02::1:ff00:1", sources: [] },
  ]);
  assert.equal(icmp.checksumOk(ip), true);
  assert.deepEqual(icmp.toHeader().records, icmp.mld2Records());
  const v1 = Icmpv6View.from(hex("8300 0000 2710 0000 ff020000000000000000000000000001"));
  assert.equal(v1.toHeader().multicastAddr, "ff02::1");
  assert.deepEqual([v1.maxResponseDelay, v1.multicastAddr?.byteLength], [10000, 16]);
});

Deno.test("Icmpv6View reads the offending packet of a captured port unreachable", () => {
  // IP6 fd00::2 > fd00::1: ICMP6, destination unreachable, unreachable port, fd00::2 udp port 7777
  const { icmp, ip } = icmpOf("icmpv6PortUnreachable");
  assert.deepEqual([icmp.type, icmp.code, icmp.isError, icmp.checksumOk(ip)], [1, 4, true, true]);
  const inner = Ipv6View.from(icmp.payload);
  assert.equal(UdpView.from(inner.payload).dstPort, 7777);
  const ptb = Icmpv6View.from(hex("0200 0000 00000500"));
  assert.equal(ptb.mtu, 1280);
  assert.equal(ptb.toHeader().mtu, 1280);
  assert.equal(Icmpv6View.from(hex("0400 0000 00000028")).pointer, 40);
  assert.equal(Icmpv6View.from(hex("0400 0000 00000028")).toHeader().pointer, 40);
  assert.equal(isIcmpv6Error(4), true);
  assert.equal(isIcmpv6Error(128), false);
});

const RA = hex(
  "8600 0000 40c0 0708 0000ea60 000003e8" +
    "0101 020000000b02" +
    "0304 40c0 00278d00 00093a80 00000000 20010db8000000000000000000000000" +
    "0501 0000 000005dc" +
    "1905 0000 00000e10 20010db8000000000000000000000053 20010db8000000000000000000000035",
);

const TCPDUMP_MISSING = !haveTcpdump();
if (TCPDUMP_MISSING) {
  console.log("decode/icmpv6_test.ts: tcpdump not found, its comparisons are ignored");
}

function routerAdvertisement() {
  const frame = ether(0x86dd, fixChecksum(ipv6(58, "fe80::1", "ff02::1", RA.slice(), 255), 58, 2));
  const { icmpv6: ra, ipv6: ip } = decodeFrame(frame);
  assert.ok(ra && ip);
  assert.equal(ra.headerLen, 16);
  assert.deepEqual(
    [ra.curHopLimit, ra.ndFlags, ra.routerLifetime, ra.reachableTime, ra.retransTimer],
    [64, 0xc0, 1800, 60000, 1000],
  );
  const [sll, pi, mtu, rdnss] = ra.ndOptions();
  assert.equal(sll?.linkAddr, "02:00:00:00:0b:02");
  assert.deepEqual(
    [
      pi?.prefix,
      pi?.prefixLen,
      pi?.onLink,
      pi?.autonomous,
      pi?.validLifetime,
      pi?.preferredLifetime,
    ],
    ["2001:db8::", 64, true, true, 2592000, 604800],
  );
  assert.equal(mtu?.mtu, 1500);
  assert.deepEqual([rdnss?.validLifetime, rdnss?.servers], [3600, [
    "2001:db8::53",
    "2001:db8::35",
  ]]);
  assert.equal(ra.checksumOk(ip), true);
  const h = ra.toHeader();
  assert.deepEqual(
    [
      h.curHopLimit,
      h.ndFlags,
      h.routerLifetime,
      h.reachableTime,
      h.retransTimer,
      h.options?.length,
    ],
    [64, 0xc0, 1800, 60000, 1000, 4],
  );
  return { frame, ra, sll, pi, mtu, rdnss };
}

Deno.test("Icmpv6View reads a router advertisement's fields and options", () => {
  routerAdvertisement();
});

Deno.test({
  name: "tcpdump -vv prints a router advertisement's fields and options as Icmpv6View reads them",
  ignore: TCPDUMP_MISSING,
  fn() {
    const { frame, ra, sll, pi, mtu, rdnss } = routerAdvertisement();
    const out = tcpdump(1, [frame], ["-vv"]).join("\n");
    for (
      const want of [
        "[icmp6 sum ok]",
        `hop limit ${ra.curHopLimit}, Flags [managed, other stateful]`,
        `router lifetime ${ra.routerLifetime}s, reachable time ${ra.reachableTime}ms, retrans timer ${ra.retransTimer}ms`,
        `source link-address option (1), length 8 (1): ${sll?.linkAddr}`,
        `${pi?.prefix}/${pi?.prefixLen}, Flags [onlink, auto], valid time ${pi?.validLifetime}s, pref. time ${pi?.preferredLifetime}s`,
        `mtu option (5), length 8 (1):  ${mtu?.mtu}`,
        `lifetime ${rdnss?.validLifetime}s, addr: ${rdnss?.servers?.join(" addr: ")}`,
      ]
    ) assert.ok(out.includes(want), `tcpdump -vv printed ${JSON.stringify(want)}:\n${out}`);
  },
});

Deno.test("Icmpv6View reads a redirect's addresses", () => {
  const r = Icmpv6View.from(hex(
    "8900 0000 00000000 fe800000000000000000000000000001 20010db8000000000000000000000099 0201 020000000b02",
  ));
  const h = r.toHeader();
  assert.deepEqual([h.targetAddr, h.destinationAddr, h.options?.[0]?.linkAddr], [
    "fe80::1",
    "2001:db8::99",
    "02:00:00:00:0b:02",
  ]);
  assert.equal(r.headerLen, 40);
});

Deno.test("Icmpv6View.ndOptions() stops at a zero or overlong length", () => {
  const zero = Icmpv6View.from(cat(hex("8500 0000 00000000"), hex("0100 0000 0000 0000")));
  assert.deepEqual(zero.ndOptions().map((o) => [o.type, o.len, o.bad]), [[1, 0, true]]);
  const long = Icmpv6View.from(cat(hex("8500 0000 00000000"), hex("0102 0000 0000 0000")));
  assert.deepEqual(long.ndOptions().map((o) => [o.type, o.len, o.bad]), [[1, 2, true]]);
  const odd = Icmpv6View.from(cat(hex("8500 0000 00000000"), hex("0101 020000000b02 03")));
  assert.deepEqual(odd.ndOptions().map((o) => [o.type, o.bad]), [[1, false], [3, true]]);
  const badPi = Icmpv6View.from(cat(hex("8500 0000 00000000"), hex("0301 0000 0000 0000")));
  assert.equal(badPi.ndOptions()[0]?.prefix, undefined);
});

Deno.test("Icmpv6View.from() rejects every truncation, with each ND message's fixed length", () => {
  const { icmp } = icmpOf("neighborSolicitation");
  assertTruncations(Icmpv6View, icmp.bytes, 24, (n) => ({
    layer: "icmpv6",
    reason: "truncated",
    need: n < 8 ? 8 : 24,
    have: n,
  }));
  assertTruncations(Icmpv6View, RA, 16, (n) => ({
    layer: "icmpv6",
    reason: "truncated",
    need: n < 8 ? 8 : 16,
    have: n,
  }));
  assertTruncations(Icmpv6View, icmpOf("icmpv6EchoRequest").icmp.bytes, 8, (n) => ({
    layer: "icmpv6",
    reason: "truncated",
    need: 8,
    have: n,
  }));
  // A cut ICMPv6 message has an unknowable checksum; a cut MLDv2 report keeps whole records.
  const cut = decodeFrame(fixture("mldv2Report").subarray(0, 14 + 48 + 8 + 20 + 4));
  assert.equal(cut.icmpv6?.checksumOk(cut.ipv6!), undefined);
  assert.equal(cut.icmpv6?.mld2Records().length, 1);
});

Deno.test("Icmpv6View.checksumOk() uses a routing header's last address, as tcpdump does", async () => {
  const { ipv6Addr } = await import("./_testing.ts");
  const echo = hex("8000 0000 1234 0001 6869");
  for (
    const [type, addrs] of [[2, ["2001:db8::99"]], [0, ["2001:db8::7", "2001:db8::99"]]] as const
  ) {
    const rh = cat(
      new Uint8Array([58, 2 * addrs.length, type, addrs.length, 0, 0, 0, 0]),
      ...addrs.map(ipv6Addr),
    );
    const pkt = ipv6(43, "2001:db8::1", "2001:db8::2", cat(rh, echo));
    // The checksum an endpoint computes: over the final destination 2001:db8::99.
    const atFinal = fixChecksum(ipv6(58, "2001:db8::1", "2001:db8::99", echo.slice()), 58, 2);
    pkt.set(atFinal.subarray(42, 44), 40 + rh.byteLength + 2);
    const frame = ether(0x86dd, pkt);
    const l = decodeFrame(frame);
    assert.deepEqual(l.chain.map((x) => x.layer), ["ethernet", "ipv6", "ipv6-ext", "icmpv6"]);
    assert.equal(l.icmpv6?.checksumOk(l.ipv6!), true, `routing type ${type}`);
    if (TCPDUMP_MISSING) continue; // the decoding above is checked either way
    assert.match(tcpdump(1, [frame], ["-vv"]).join("\n"), /\[icmp6 sum ok\]/);
  }
});
