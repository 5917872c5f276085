import assert from "node:assert/strict";
import { EthernetView, Ipv4View, Ipv6ExtensionView, Ipv6View, UdpView } from "./mod.ts";
import { assertTruncations, cat, fixChecksum, fixture, hex, ipv4 } from "./_testing.ts";

const ipOf = (name: Parameters<typeof fixture>[0]) => EthernetView.from(fixture(name)).payload;

Deno.test("UdpView reads every field of a captured DNS query", () => {
  // IP 10.9.0.1.45067 > 10.9.0.2.53: 43981+ A? www.example.com. (33): b00b 0035 0029 144f
  const ip = Ipv4View.from(ipOf("dnsQueryUdp"));
  const udp = UdpView.from(ip.payload);
  assert.equal(udp.layer, "udp");
  assert.equal(udp.bytes.byteLength, 41);
  assert.equal(udp.headerLen, 8);
  assert.equal(udp.srcPort, 45067);
  assert.equal(udp.dstPort, 53);
  assert.equal(udp.length, 41);
  assert.equal(udp.checksum, 0x144f);
  assert.equal(udp.payload.byteLength, 33);
  assert.deepEqual(udp.toHeader(), {
    layer: "udp",
    srcPort: 45067,
    dstPort: 53,
    length: 41,
    checksum: 0x144f,
    payloadLen: 33,
  });
  assert.deepEqual(udp.toJSON(), udp.toHeader());
  // Offloaded on send: tcpdump -vv says "bad udp cksum 0x144f -> 0x451d!".
  assert.equal(udp.checksumOk(ip), false);
  const fixed = ipOf("dnsQueryUdp").slice();
  fixed.set([0x45, 0x1d], 26);
  const fixedIp = Ipv4View.from(fixed);
  assert.equal(UdpView.from(fixedIp.payload).checksumOk(fixedIp), true);
});

Deno.test("UdpView.checksumOk() verifies over IPv6 with an extension header in between", () => {
  // IP6 fd00::1 > fd00::2: HBH 34627 > 7779: [udp sum ok] UDP, length 3 (tcpdump -vv)
  const ip = Ipv6View.from(ipOf("ipv6HopByHopUdp"));
  const hbh = Ipv6ExtensionView.from(ip.payload, ip.nextHeader);
  const udp = UdpView.from(hbh.payload);
  assert.deepEqual([udp.srcPort, udp.dstPort, udp.length], [34627, 7779, 11]);
  assert.equal(udp.checksumOk(ip), true);
  // fd00::1.34897 > fd00::2.7777: [bad udp cksum 0xfa20 -> 0x73b7!]
  const bytes = ipOf("ipv6Udp").slice();
  const v6 = Ipv6View.from(bytes);
  assert.equal(UdpView.from(v6.payload).checksumOk(v6), false);
  bytes.set([0x73, 0xb7], 46);
  assert.equal(UdpView.from(v6.payload).checksumOk(v6), true);
});

Deno.test("UdpView.checksumOk(): 0 means none over IPv4; a cut datagram is undefined", () => {
  const ip = Ipv4View.from(ipv4(17, "10.0.0.1", "10.0.0.2", hex("0001 0002 000b 0000 616263")));
  assert.equal(UdpView.from(ip.payload).checksumOk(ip), true);
  const good = fixChecksum(
    ipv4(17, "10.0.0.1", "10.0.0.2", hex("0001 0002 000b 0000 616263")),
    17,
    6,
  );
  const cut = Ipv4View.from(good.subarray(0, 30));
  assert.equal(UdpView.from(cut.payload).checksumOk(cut), undefined);
  const whole = Ipv4View.from(good);
  assert.equal(UdpView.from(whole.payload).checksumOk(whole), true);
});

Deno.test("UdpView.from() rejects every truncation and a Length below 8", () => {
  assertTruncations(UdpView, Ipv4View.from(ipOf("dnsQueryUdp")).payload, 8, (n) => ({
    layer: "udp",
    reason: "truncated",
    need: 8,
    have: n,
  }));
  assert.deepEqual(UdpView.check(hex("0001 0002 0007 0000")), {
    layer: "udp",
    reason: "bad-length",
    need: 8,
    have: 7,
  });
});

Deno.test("UdpView.payload follows Length: clipped to the capture, padding dropped, 0 = all", () => {
  const d = hex("0001 0002 000a 0000 6162");
  assert.equal(UdpView.from(cat(d, hex("0000"))).payload.byteLength, 2);
  assert.equal(UdpView.from(d.subarray(0, 9)).payload.byteLength, 1);
  const jumbo = hex("0001 0002 0000 0000 616263");
  assert.equal(UdpView.from(jumbo).payload.byteLength, 3);
  const ip6 = Ipv6View.from(
    hex("60000000000b1140" + "00".repeat(32) + "0001 0002 0000 0000 616263"),
  );
  assert.equal(UdpView.from(ip6.payload).checksumOk(ip6), undefined);
});
