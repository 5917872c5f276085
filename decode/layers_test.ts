import assert from "node:assert/strict";
import {
  decodeFrame,
  type DecodeIssue,
  decodePacket,
  EthernetView,
  Ipv4View,
  Layers,
  MAX_VLAN_TAGS,
  packetToJson,
  TcpView,
} from "./mod.ts";
import { LINKTYPE } from "../link_type.ts";
import { cat, ether, fixture, hex, ipv4, ipv6 } from "./_testing.ts";
import { FIXTURES } from "./_fixtures.ts";

const names = (l: Layers) => l.chain.map((x) => x.layer).join(" ");

Deno.test("decodePacket() walks captured Ethernet frames to their last known layer", () => {
  const want: Partial<Record<keyof typeof FIXTURES, string>> = {
    arpRequest: "ethernet arp",
    tcpSyn: "ethernet ipv4 tcp",
    tcpData: "ethernet ipv4 tcp",
    icmpEchoRequest: "ethernet ipv4 icmp",
    icmpPortUnreachable: "ethernet ipv4 icmp",
    ipv4FirstFragment: "ethernet ipv4 udp",
    ipv4MiddleFragment: "ethernet ipv4",
    ipv4LastFragment: "ethernet ipv4",
    vlanUdp: "ethernet vlan ipv4 udp",
    qinqUdp: "ethernet vlan vlan ipv4 udp",
    ipv6Udp: "ethernet ipv6 udp",
    ipv6FirstFragment: "ethernet ipv6 ipv6-ext udp",
    ipv6MiddleFragment: "ethernet ipv6 ipv6-ext",
    ipv4RecordRoute: "ethernet ipv4 udp",
  };
  for (const [name, chain] of Object.entries(want)) {
    const l = decodeFrame(fixture(name as keyof typeof FIXTURES));
    assert.equal(names(l), chain, name);
    assert.equal(l.stop, undefined, name);
  }
});

Deno.test("decodePacket() fills the protocol slots and the 5-tuple", () => {
  const l = decodeFrame(fixture("tcpData"));
  assert.equal(l.linkType, LINKTYPE.ETHERNET);
  assert.equal(l.ethernet?.etherType, 0x0800);
  assert.equal(l.ipv4, l.ip);
  assert.equal(l.ipv6, undefined);
  assert.deepEqual([l.ipv4?.srcAddr, l.ipv4?.dstAddr, l.ipv4?.protocol], [
    0x0a090001,
    0x0a090002,
    6,
  ]);
  assert.deepEqual([l.srcPort, l.dstPort], [60294, 8080]);
  assert.equal(new TextDecoder().decode(l.payload), "hello\n");
  const u = decodeFrame(fixture("qinqUdp"));
  assert.deepEqual(u.vlans.map((v) => v.vid), [200, 100]);
  assert.deepEqual([u.udp?.dstPort, u.dstPort, u.tcp], [7777, 7777, undefined]);
  const f = decodeFrame(fixture("ipv6FirstFragment"));
  assert.equal(f.ipv6Extensions[0]?.headerType, 44);
  assert.equal(f.ip, f.ipv6);
  const none = decodeFrame(fixture("arpRequest"));
  assert.deepEqual([none.srcPort, none.dstPort, none.arp?.oper], [undefined, undefined, 1]);
});

Deno.test("decodePacket() stops at every truncation of a TCP frame with the exact issue", () => {
  const frame = fixture("tcpSyn"); // 14 + 20 + 40 bytes
  for (let n = 0; n <= frame.byteLength; n++) {
    const l = decodeFrame(frame.subarray(0, n));
    let chain: string, stop: DecodeIssue | undefined;
    if (n < 14) {
      [chain, stop] = ["", {
        layer: "ethernet",
        reason: "truncated",
        need: 14,
        have: n,
        offset: 0,
      }];
    } else if (n < 34) {
      [chain, stop] = ["ethernet", {
        layer: "ipv4",
        reason: "truncated",
        need: 20,
        have: n - 14,
        offset: 14,
      }];
    } else if (n < 74) {
      const have = n - 34;
      [chain, stop] = ["ethernet ipv4", {
        layer: "tcp",
        reason: "truncated",
        need: have < 20 ? 20 : 40,
        have,
        offset: 34,
      }];
    } else [chain, stop] = ["ethernet ipv4 tcp", undefined];
    assert.equal(names(l), chain, `cut at ${n}`);
    assert.deepEqual(l.stop, stop, `cut at ${n}`);
    if (stop) assert.equal(l.payload.byteLength, stop.have, "payload is what could not be read");
  }
});

Deno.test("decodePacket() keeps an unknown protocol as payload, without an issue", () => {
  const unknownType = decodeFrame(ether(0x88b5, hex("cafe")));
  assert.equal(names(unknownType), "ethernet");
  assert.deepEqual([...unknownType.payload], [0xca, 0xfe]);
  assert.equal(unknownType.stop, undefined);
  const gre = decodeFrame(ether(0x0800, ipv4(47, "10.0.0.1", "10.0.0.2", hex("00000800"))));
  assert.equal(names(gre), "ethernet ipv4");
  assert.deepEqual([...gre.payload], [0, 0, 8, 0]);
  const noNext = decodeFrame(ether(0x86dd, ipv6(59, "::1", "::2", hex("ff"))));
  assert.equal(names(noNext), "ethernet ipv6");
  assert.equal(noNext.payload.byteLength, 1);
  const unknownLink = decodePacket(147, hex("0102"));
  assert.deepEqual([names(unknownLink), unknownLink.payload.byteLength, unknownLink.stop], [
    "",
    2,
    undefined,
  ]);
});

Deno.test("decodePacket() reads VLAN tags under every TPID tcpdump knows", () => {
  for (const tpid of [0x8100, 0x88a8, 0x9100, 0x9200]) {
    const l = decodeFrame(
      ether(tpid, cat(hex("0064 0806"), hex("0001080006040001" + "00".repeat(20)))),
    );
    assert.equal(names(l), "ethernet vlan arp", tpid.toString(16));
  }
});

Deno.test("decodePacket() reads 802.3 LLC behind a VLAN tag, clipped to its length", () => {
  const l = decodeFrame(ether(0x8100, hex("0064 0003 424203 0000")));
  assert.equal(names(l), "ethernet vlan llc");
  assert.equal(l.llc?.dsap, 0x42);
  assert.equal(l.payload.byteLength, 0, "padding after the 802.3 length is not payload");
});

Deno.test("decodePacket() stops reading VLAN tags after MAX_VLAN_TAGS", () => {
  const tags = hex("8100 0001 8100 0002 8100 0003 8100 0004 0800");
  const l = decodeFrame(
    cat(ether(0x8100, tags.subarray(2)), ipv4(17, "1.1.1.1", "2.2.2.2", hex("0001000200080000"))),
  );
  assert.equal(l.vlans.length, MAX_VLAN_TAGS);
  assert.equal(names(l), "ethernet vlan vlan vlan");
  assert.equal(l.payload[0], 0x00, "the fourth tag's TCI is left as payload");
});

Deno.test("decodePacket() reads raw IP link types and IP-in-IP tunnels", () => {
  const inner = ipv4(17, "10.0.0.1", "10.0.0.2", hex("0001000200080000"));
  assert.equal(names(decodePacket(LINKTYPE.RAW, inner)), "ipv4 udp");
  assert.equal(names(decodePacket(LINKTYPE.IPV4, inner)), "ipv4 udp");
  const six = ipv6(17, "::1", "::2", hex("0001000200080000"));
  assert.equal(names(decodePacket(LINKTYPE.RAW, six)), "ipv6 udp");
  assert.equal(names(decodePacket(LINKTYPE.IPV6, six)), "ipv6 udp");
  assert.deepEqual(decodePacket(LINKTYPE.RAW, new Uint8Array(0)).stop, {
    layer: "ipv4",
    reason: "truncated",
    need: 20,
    have: 0,
    offset: 0,
  });
  assert.deepEqual(decodePacket(LINKTYPE.IPV4, six).stop?.reason, "bad-version");
  const tunnel = decodePacket(LINKTYPE.RAW, ipv4(41, "1.1.1.1", "2.2.2.2", six));
  assert.equal(names(tunnel), "ipv4 ipv6 udp");
  assert.equal(tunnel.ip, tunnel.ipv6);
  const deep = ipv4(
    4,
    "1.1.1.1",
    "2.2.2.2",
    ipv4(4, "1.1.1.1", "2.2.2.2", ipv4(4, "1.1.1.1", "2.2.2.2", inner)),
  );
  assert.equal(names(decodePacket(LINKTYPE.RAW, deep)), "ipv4 ipv4 ipv4");
});

Deno.test("decodePacket() refills the Layers it is given, clearing the previous packet", () => {
  const l = new Layers();
  decodeFrame(fixture("qinqUdp"), l);
  assert.equal(decodeFrame(fixture("arpRequest"), l), l);
  assert.equal(names(l), "ethernet arp");
  assert.deepEqual([l.vlans.length, l.ipv4, l.udp, l.stop], [0, undefined, undefined, undefined]);
  decodeFrame(new Uint8Array(3), l);
  assert.equal(l.ethernet, undefined);
  assert.equal(l.stop?.layer, "ethernet");
});

Deno.test("packetToJson() gives one plain object per packet that survives JSON", () => {
  const l = decodeFrame(fixture("tcpSyn"));
  const json = packetToJson(l);
  assert.deepEqual(json.layers.map((x) => x.layer), ["ethernet", "ipv4", "tcp"]);
  assert.equal(json.linkType, 1);
  assert.equal(json.payloadLen, 0);
  assert.equal("stop" in json, false);
  assert.deepEqual(JSON.parse(JSON.stringify(l)), JSON.parse(JSON.stringify(json)));
  const cut = packetToJson(decodeFrame(fixture("tcpSyn").subarray(0, 40)));
  assert.deepEqual(cut.stop, { layer: "tcp", reason: "truncated", need: 20, have: 6, offset: 34 });
  assert.equal(cut.payloadLen, 6);
});

Deno.test("views show their fields in Deno.inspect", () => {
  for (const [name, f] of Object.entries(FIXTURES)) {
    for (const view of decodePacket(f.linkType, Uint8Array.fromHex(f.hex)).chain) {
      const text = Deno.inspect(view);
      assert.ok(text.startsWith(view.constructor.name + " {"), `${name}: ${text}`);
      assert.ok(text.includes(`layer: "${view.layer}"`), `${name}: ${text}`);
    }
  }
  const l = decodeFrame(fixture("tcpSyn"));
  const text = Deno.inspect(l.tcp);
  assert.match(text, /^TcpView \{/);
  assert.match(text, /srcPort: 60294/);
  assert.match(Deno.inspect(l.ipv4), /^Ipv4View \{[^]*srcAddr: "10\.9\.0\.1"/);
});

Deno.test("decodePacket() and from() throw a TypeError on arguments of the wrong type", async () => {
  const { TcpView, Ipv6ExtensionView } = await import("./mod.ts");
  const buf = new ArrayBuffer(8);
  assert.throws(() => decodePacket(1, buf as unknown as Uint8Array), {
    name: "TypeError",
    message: "Cannot decode packet: bytes must be a Uint8Array, got ArrayBuffer",
  });
  assert.throws(() => decodePacket(Number.NaN, new Uint8Array(0)), {
    name: "TypeError",
    message: "Cannot decode packet: link type must be an integer, got NaN",
  });
  assert.throws(() => TcpView.from("x" as unknown as Uint8Array), {
    name: "TypeError",
    message: "Cannot decode tcp: bytes must be a Uint8Array, got string",
  });
  assert.throws(() => Ipv6ExtensionView.from(null as unknown as Uint8Array, 0), {
    message: "Cannot decode ipv6-ext: bytes must be a Uint8Array, got null",
  });
});

Deno.test("decodePacket() into a Layers re-points the views of its earlier walks", () => {
  const l = new Layers();
  const first = decodeFrame(fixture("tcpSyn"), l);
  const [eth, ip, tcp] = [first.ethernet, first.ipv4, first.tcp];
  const data = fixture("tcpData");
  decodeFrame(data, l);
  assert.equal(l.ethernet, eth);
  assert.equal(l.ipv4, ip);
  assert.equal(l.tcp, tcp);
  // The re-pointed views read the new packet.
  const fresh = decodeFrame(data);
  assert.deepEqual(l.chain.map((x) => x.toHeader()), fresh.chain.map((x) => x.toHeader()));
  assert.equal(l.payload.byteLength, fresh.payload.byteLength);
  // Stacked tags and nested IP headers get a view each, kept for the next walk too.
  const qinq = fixture("qinqUdp");
  decodeFrame(qinq, l);
  const tags = [...l.vlans];
  assert.equal(tags.length, 2);
  assert.notEqual(tags[0], tags[1]);
  decodeFrame(qinq, l);
  assert.deepEqual(l.vlans, tags);
  assert.equal(l.vlans[0], tags[0]);
  const inner = ipv4(17, "10.0.0.1", "10.0.0.2", hex("0001000200080000"));
  const tunnel = decodePacket(LINKTYPE.RAW, ipv4(4, "1.1.1.1", "2.2.2.2", inner), l);
  const [outer, innermost] = tunnel.chain;
  assert.notEqual(outer, innermost);
  assert.equal(tunnel.ipv4, innermost);
  assert.equal((outer as Ipv4View).toHeader().srcAddr, "1.1.1.1");
  assert.equal(tunnel.ipv4?.toHeader().srcAddr, "10.0.0.1");
  // A new Layers has views of its own.
  assert.notEqual(decodeFrame(data).ipv4, l.ipv4);
});

Deno.test("decodePacket() checks each layer once", () => {
  const calls: string[] = [];
  const views = [EthernetView, Ipv4View, TcpView] as const;
  const saved = views.map((v) => v.check);
  views.forEach((v, i) => {
    const check = saved[i]!;
    v.check = (bytes: Uint8Array) => (calls.push(v.name), check(bytes));
  });
  try {
    decodeFrame(fixture("tcpSyn"));
  } finally {
    views.forEach((v, i) => v.check = saved[i]!);
  }
  assert.deepEqual(calls, ["EthernetView", "Ipv4View", "TcpView"]);
});

Deno.test("decodePacket() says at which offset of the packet the walk stopped", () => {
  // The packet sits inside a larger buffer (as frames sit in ring memory).
  const syn = fixture("tcpSyn");
  const ring = new Uint8Array(1000);
  ring.set(syn.subarray(0, 50), 300);
  const cut = decodePacket(LINKTYPE.ETHERNET, ring.subarray(300, 350));
  assert.deepEqual(cut.stop, { layer: "tcp", reason: "truncated", need: 20, have: 16, offset: 34 });
  const bad = syn.slice();
  bad[14] = 0x65; // IPv4 version 6
  assert.deepEqual(decodeFrame(bad).stop, {
    layer: "ipv4",
    reason: "bad-version",
    need: 4,
    have: 6,
    offset: 14,
  });
  // DNS over TCP starts after the 32-byte TCP header (timestamps), at 14 + 20 + 32.
  const dns = decodeFrame(fixture("dnsQueryTcp").subarray(0, 14 + 20 + 32 + 5));
  assert.equal(dns.stop?.layer, "dns");
  assert.equal(dns.stop?.offset, 66);
  // A view's own check() knows nothing of the packet around it.
  assert.equal(Ipv4View.check(new Uint8Array(3))?.offset, undefined);
});
