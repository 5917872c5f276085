// Private: the frames the builder tests and the replay tests share, one per protocol feature.

import type { BuildLayer } from "./build.ts";

const A = "02:00:00:00:00:01", B = "02:00:00:00:00:02";
const eth4: BuildLayer = { layer: "ethernet", dstAddr: B, srcAddr: A };
const ip4 = (extra: Partial<Extract<BuildLayer, { layer: "ipv4" }>> = {}): BuildLayer => ({
  layer: "ipv4",
  srcAddr: "192.168.0.1",
  dstAddr: "192.168.0.2",
  identification: 1,
  dontFragment: true,
  ...extra,
});
const ip6: BuildLayer = { layer: "ipv6", srcAddr: "fd00::1", dstAddr: "fd00::2", hopLimit: 64 };

/** Named layer lists covering every builder. */
export const BUILD_CASES: Record<string, BuildLayer[]> = {
  "tcp-syn-options": [eth4, ip4(), {
    layer: "tcp",
    srcPort: 50000,
    dstPort: 80,
    seqNumber: 1000,
    flags: 0x02,
    window: 64240,
    options: [
      { type: 2, data: Uint8Array.of(0x05, 0xb4) },
      { type: 4 },
      { type: 8, data: Uint8Array.of(0, 0, 0, 1, 0, 0, 0, 0) },
      { type: 1 },
      { type: 3, data: Uint8Array.of(7) },
    ],
  }],
  "tcp-data": [eth4, ip4(), {
    layer: "tcp",
    srcPort: 50000,
    dstPort: 8080,
    seqNumber: 1001,
    ackNumber: 2001,
    flags: 0x18,
    window: 502,
  }, { layer: "payload", bytes: new TextEncoder().encode("GET / HTTP/1.0\r\n\r\n") }],
  "udp-dns-query": [eth4, ip4(), { layer: "udp", srcPort: 40000, dstPort: 53 }, {
    layer: "dns",
    id: 0x1234,
    rd: true,
    questions: [{ name: "www.example.com" }],
  }],
  "udp-dns-answer": [eth4, ip4({ srcAddr: "192.168.0.2", dstAddr: "192.168.0.1" }), {
    layer: "udp",
    srcPort: 53,
    dstPort: 40000,
  }, {
    layer: "dns",
    id: 0x1234,
    qr: true,
    rd: true,
    ra: true,
    questions: [{ name: "www.example.com" }],
    answers: [
      { name: "www.example.com", type: 5, ttl: 300, data: { name: "example.com" } },
      { name: "example.com", type: 1, ttl: 60, data: { address: "93.184.216.34" } },
      { name: "example.com", type: 28, ttl: 60, data: { address: "2606:2800:220:1::1" } },
    ],
  }],
  "icmp-echo": [eth4, ip4(), { layer: "icmp", type: 8, identifier: 7, sequence: 1 }, {
    layer: "payload",
    length: 56,
    fill: 0xa5,
  }],
  "ipv4-options": [eth4, ip4({ options: [{ type: 0x94, data: Uint8Array.of(0, 0) }] }), {
    layer: "udp",
    srcPort: 1000,
    dstPort: 2000,
  }, { layer: "payload", length: 4 }],
  "arp-request": [{ layer: "ethernet", dstAddr: "ff:ff:ff:ff:ff:ff", srcAddr: A }, {
    layer: "arp",
    oper: 1,
    sha: A,
    spa: "192.168.0.1",
    tpa: "192.168.0.2",
  }],
  "qinq-udp": [
    eth4,
    { layer: "vlan", vid: 100, tpid: 0x88a8 },
    { layer: "vlan", vid: 200, pcp: 5 },
    ip4(),
    {
      layer: "udp",
      srcPort: 5000,
      dstPort: 5001,
    },
    { layer: "payload", length: 8 },
  ],
  "ipv6-tcp": [eth4, ip6, {
    layer: "tcp",
    srcPort: 443,
    dstPort: 50000,
    flags: 0x12,
    seqNumber: 9,
    ackNumber: 1001,
  }],
  "ipv6-ext-udp": [
    eth4,
    ip6,
    { layer: "ipv6-ext", headerType: 0, options: [{ type: 5, data: Uint8Array.of(0, 0) }] },
    {
      layer: "ipv6-ext",
      headerType: 60,
    },
    { layer: "udp", srcPort: 1, dstPort: 2 },
    { layer: "payload", length: 10 },
  ],
  "ipv6-routing-udp": [
    eth4,
    ip6,
    {
      layer: "ipv6-ext",
      headerType: 43,
      addresses: ["fd00::3"],
    },
    { layer: "udp", srcPort: 1, dstPort: 2 },
    { layer: "payload", length: 3 },
  ],
  "ipv6-fragment": [eth4, ip6, {
    layer: "ipv6-ext",
    headerType: 44,
    identification: 0xabcd,
    fragmentOffset: 1,
    moreFragments: true,
    nextHeader: 17,
  }, {
    layer: "payload",
    length: 16,
  }],
  "icmpv6-echo": [eth4, ip6, { layer: "icmpv6", type: 128, identifier: 3, sequence: 4 }, {
    layer: "payload",
    length: 8,
  }],
  "icmpv6-ns": [{ layer: "ethernet", dstAddr: "33:33:ff:00:00:02", srcAddr: A }, {
    layer: "ipv6",
    srcAddr: "fd00::1",
    dstAddr: "ff02::1:ff00:2",
    hopLimit: 255,
  }, { layer: "icmpv6", type: 135, targetAddr: "fd00::2", ndOptions: [{ type: 1, linkAddr: A }] }],
  "icmpv6-na": [eth4, { layer: "ipv6", srcAddr: "fd00::2", dstAddr: "fd00::1", hopLimit: 255 }, {
    layer: "icmpv6",
    type: 136,
    ndFlags: 0x60,
    targetAddr: "fd00::2",
    ndOptions: [{ type: 2, linkAddr: B }],
  }],
  "icmpv6-ra": [eth4, { layer: "ipv6", srcAddr: "fe80::1", dstAddr: "ff02::1", hopLimit: 255 }, {
    layer: "icmpv6",
    type: 134,
    ndFlags: 0x40,
    routerLifetime: 1800,
    ndOptions: [{ type: 1, linkAddr: A }, { type: 5, data: Uint8Array.of(0, 0, 0, 0, 0x05, 0xdc) }],
  }],
  "tcp-dns": [eth4, ip4(), {
    layer: "tcp",
    srcPort: 53,
    dstPort: 50001,
    flags: 0x18,
    seqNumber: 1,
    ackNumber: 1,
  }, {
    layer: "dns",
    id: 7,
    qr: true,
    questions: [{ name: "example.com", type: 15 }],
    answers: [{
      name: "example.com",
      type: 15,
      ttl: 10,
      data: { preference: 10, exchange: "mx.example.com" },
    }],
  }],
};
