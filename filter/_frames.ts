/**
 * A deterministic corpus of frames for the filter tests: Ethernet with VLAN,
 * QinQ and MPLS, ARP/RARP, IPv4 with options and fragments, IPv6 with
 * extension headers, TCP/UDP/SCTP/ICMP/ICMPv6/IGMP, broadcast and multicast,
 * cooked SLL/SLL2 and raw IP, plus truncated and random frames.
 *
 * @module
 */

import { LINKTYPE } from "../link_type.ts";
import { prng } from "../tests/_prng.ts";
export { prng };

/** One test frame. */
export interface TestFrame {
  /** Captured bytes. */
  data: Uint8Array;
  /** Length on the wire. */
  wireLen: number;
  /** What it is, for messages. */
  label: string;
}

const V4 = [
  "10.0.0.1",
  "10.0.0.2",
  "10.1.2.3",
  "192.168.1.1",
  "192.168.0.255",
  "1.2.3.4",
  "5.6.7.8",
  "224.0.0.1",
  "239.255.255.250",
  "255.255.255.255",
  "0.0.0.0",
  "127.0.0.1",
  "172.16.0.1",
  "9.9.9.9",
];
const V6 = [
  "::1",
  "fe80::1",
  "2001:db8::1",
  "2001:db8:0:1::2",
  "ff02::1",
  "ff05::2",
  "::",
  "2001:db8::5:6",
];
const MACS = [
  "ff:ff:ff:ff:ff:ff",
  "01:00:5e:00:00:01",
  "33:33:00:00:00:01",
  "00:11:22:33:44:55",
  "01:02:03:04:05:06",
  "02:00:00:00:00:01",
];
const PORTS = [80, 53, 22, 443, 8080, 1023, 1024, 0, 65535, 20, 21, 123, 5353, 6000, 67];

function v4(s: string): number[] {
  return s.split(".").map(Number);
}
function v6(s: string): number[] {
  const [a = "", b] = s.split("::");
  const pa = a ? a.split(":") : [];
  const pb = b ? b.split(":") : [];
  const groups = b === undefined
    ? pa
    : [...pa, ...new Array(8 - pa.length - pb.length).fill("0"), ...pb];
  return groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}
function mac(s: string): number[] {
  return s.split(":").map((h) => parseInt(h, 16));
}
function be16(n: number): number[] {
  return [(n >> 8) & 0xff, n & 0xff];
}

/** Builds frames with a seeded generator. */
class Builder {
  readonly r: () => number;
  constructor(seed: number) {
    this.r = prng(seed);
  }
  int(n: number): number {
    return Math.floor(this.r() * n);
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)]!;
  }
  bytes(n: number): number[] {
    return Array.from({ length: n }, () => this.int(256));
  }

  transport(proto: number): number[] {
    const sp = this.pick(PORTS), dp = this.pick(PORTS);
    switch (proto) {
      case 6: {
        const flags = this.pick([0x02, 0x12, 0x10, 0x18, 0x11, 0x04, 0x01, 0x29, 0xc2, 0x00, 0xff]);
        const doff = this.pick([5, 5, 6, 8]);
        return [
          ...be16(sp),
          ...be16(dp),
          ...this.bytes(8),
          doff << 4,
          flags,
          ...this.bytes(6),
          ...new Array((doff - 5) * 4).fill(1),
          ...this.bytes(this.int(20)),
        ];
      }
      case 17:
      case 132:
        return [...be16(sp), ...be16(dp), ...this.bytes(4), ...this.bytes(this.int(30))];
      case 1:
        return [
          this.pick([0, 8, 3, 11, 5, 13]),
          this.pick([0, 1, 3]),
          ...this.bytes(6),
          ...this.bytes(this.int(20)),
        ];
      case 58:
        return [
          this.pick([128, 129, 135, 136, 1, 2, 134]),
          this.pick([0, 1, 4]),
          ...this.bytes(6),
          ...this.bytes(this.int(20)),
        ];
      case 51: {
        const len = this.pick([1, 4]);
        const next = this.pick([6, 17, 51, 59]);
        return [next, len, ...this.bytes((len + 2) * 4 - 2), ...this.transport(next)];
      }
      default:
        return this.bytes(8 + this.int(20));
    }
  }

  ipv4(): number[] {
    const proto = this.pick([6, 6, 17, 17, 1, 132, 2, 47, 103, 112, 50, 51, 0, 41]);
    const optWords = this.pick([0, 0, 0, 1, 2, 10]);
    const frag = this.pick([0, 0, 0, 0x4000, 0x2000, 0x2000 | 185, 185, 0x1fff]);
    const payload = proto === 41 ? this.ipv6() : this.transport(proto);
    const ihl = 5 + optWords;
    const total = ihl * 4 + payload.length;
    const src = v4(this.pick(V4)), dst = v4(this.pick(V4));
    return [
      0x40 | ihl,
      0,
      ...be16(total),
      ...this.bytes(2),
      ...be16(frag),
      64,
      proto,
      0,
      0,
      ...src,
      ...dst,
      ...new Array(optWords * 4).fill(1),
      ...payload,
    ];
  }

  ipv6(): number[] {
    const chain = this.pick([
      [],
      [],
      [],
      [0],
      [43],
      [44],
      [60],
      [0, 60],
      [0, 43, 44],
      [44, 60],
      [51],
      [0, 51],
      [51, 60],
      [0, 60, 43, 44, 51, 60],
    ]);
    const last = this.pick([6, 6, 17, 17, 58, 58, 132, 59]);
    const nexts = [...chain, last];
    let ext: number[] = [];
    for (let i = 0; i < chain.length; i++) {
      const nh = nexts[i + 1]!;
      if (chain[i] === 44) {
        ext = ext.concat([nh, 0, ...be16(this.pick([0, 1, 8])), ...this.bytes(4)]);
      } else if (chain[i] === 51) {
        // AH: length in 4-byte units, minus 2.
        const len = this.pick([1, 4]);
        ext = ext.concat([nh, len, ...this.bytes((len + 2) * 4 - 2)]);
      } else {
        const len = this.pick([0, 1]);
        ext = ext.concat([nh, len, ...this.bytes(6 + len * 8)]);
      }
    }
    const payload = [...ext, ...this.transport(last)];
    const src = v6(this.pick(V6)), dst = v6(this.pick(V6));
    return [0x60, 0, 0, 0, ...be16(payload.length), nexts[0]!, 64, ...src, ...dst, ...payload];
  }

  arp(): number[] {
    return [
      0,
      1,
      8,
      0,
      6,
      4,
      0,
      this.pick([1, 2, 3, 4]),
      ...mac(this.pick(MACS)),
      ...v4(this.pick(V4)),
      ...mac(this.pick(MACS)),
      ...v4(this.pick(V4)),
    ];
  }

  /** A network-layer packet and its EtherType. */
  network(): [number, number[]] {
    switch (this.pick(["ip", "ip", "ip", "ip6", "ip6", "arp", "rarp", "other", "llc"])) {
      case "ip":
        return [0x0800, this.ipv4()];
      case "ip6":
        return [0x86dd, this.ipv6()];
      case "arp":
        return [0x0806, this.arp()];
      case "rarp":
        return [0x8035, this.arp()];
      case "llc": {
        const sap = this.pick([0x06, 0xfe, 0xf0, 0x42, 0xaa]);
        return [this.pick([46, 100, 1500]), [sap, sap, 3, ...this.bytes(40)]];
      }
      default:
        return [this.pick([0x88cc, 0x0842, 0x9000, 0x6003]), this.bytes(30)];
    }
  }

  /**
   * A frame of the families libpcap names (issue 11 item 1): 802.3 with LLC (STP, IPX, NetBEUI,
   * ISO with CLNP/ES-IS/IS-IS and their PDU types, I/S/U control fields), SNAP (AppleTalk,
   * AARP, IPX), raw 802.3 IPX, DECnet with short and long headers, padded or not, LAT, MOP,
   * SCA, PPPoE discovery and session frames carrying IPv4, IPv6, DECnet and others. The type
   * is an EtherType, or a length (<= 1500) for 802.3.
   */
  family(): [number, number[]] {
    const kind = this.pick([
      "llc",
      "llc",
      "iso",
      "iso",
      "snap",
      "ipx",
      "dn",
      "dn",
      "pppoes",
      "pppoes",
      "other",
    ]);
    const len = this.pick([46, 100, 1500]);
    switch (kind) {
      case "llc": {
        const sap = this.pick([0x42, 0xe0, 0xf0, 0xfe, 0x06, 0xaa, 0xff, 0x04]);
        const ctrl = this.pick([
          0x00,
          0x02,
          0x01,
          0x05,
          0x09,
          0x0d,
          0x03,
          0x13,
          0x63,
          0x43,
          0x0f,
          0x6f,
          0xe3,
          0xaf,
          0x87,
          0xf3,
          0xbf,
        ]);
        return [len, [sap, this.pick([sap, sap, 0xff, 0x00]), ctrl, ...this.bytes(40)]];
      }
      case "iso": {
        const nlpid = this.pick([0x81, 0x82, 0x83, 0x83, 0x83, 0x00]);
        const pdu = this.pick([15, 16, 17, 18, 20, 24, 25, 26, 27, 5, 0x80 | 15]);
        return [len, [0xfe, 0xfe, 0x03, nlpid, 27, 1, 6, pdu, 1, 0, ...this.bytes(30)]];
      }
      case "snap": {
        const [org, ptype] = this.pick(
          [
            [0x080007, 0x809b],
            [0x000000, 0x80f3],
            [0x000000, 0x8137],
            [0x000000, 0x0800],
            [0x080007, 0x80f3],
            [0x00000c, 0x2000],
          ] as const,
        );
        return [len, [
          0xaa,
          0xaa,
          0x03,
          org >> 16,
          (org >> 8) & 255,
          org & 255,
          ...be16(ptype),
          ...this.bytes(30),
        ]];
      }
      case "ipx":
        return this.pick([[len, [0xff, 0xff, ...this.bytes(30)]], [0x8137, [
          0xff,
          0xff,
          ...this.bytes(30),
        ]]]);
      case "dn":
        return [0x6003, this.decnet()];
      case "pppoes": {
        const [ppp, inner] = this.pick(
          [
            [0x0021, () => this.ipv4()],
            [0x0057, () => this.ipv6()],
            [0x0027, () => this.decnet()],
            [0x0031, () => this.bytes(20)],
            [0x0023, () => [0x83, ...this.bytes(20)]],
            [0x002b, () => this.bytes(20)],
            [0x0281, () => [0, 0, 0x11, 64, ...this.ipv4()]],
            [0xc021, () => this.bytes(10)],
          ] as const,
        );
        const body = [...be16(ppp), ...inner()];
        const session = this.pick([0, 1, 5, 0x1234, 0xffff]);
        return [0x8864, [0x11, 0, ...be16(session), ...be16(body.length), ...body]];
      }
      default:
        return [
          this.pick([0x809b, 0x80f3, 0x6001, 0x6002, 0x6004, 0x6007, 0x8863, 0x8863]),
          [0x11, this.pick([0x09, 0x07, 0x19]), 0, 0, 0, 4, ...this.bytes(30)],
        ];
    }
  }

  /** A DECnet routing header: short or long, with or without a pad byte; addresses 1.2, 10.513, 63.1023. */
  decnet(): number[] {
    const addr = () => {
      const [area, node] = this.pick([[1, 2], [10, 513], [63, 1023], [0, 0], [1, 3]]);
      const a = (area << 10) | node;
      return [a & 255, a >> 8]; // little-endian, as DECnet writes it
    };
    const pad = this.pick([true, false]);
    const long = this.pick([true, false]);
    const flags = (long ? 0x06 : 0x02) | this.pick([0, 0x08, 0x20, 0x40]);
    const hdr = long
      ? [0, 0, 0xaa, 0, 4, 0, ...addr(), 0, 0, 0xaa, 0, 4, 0, ...addr(), 0, 0, ...this.bytes(4)]
      : [...addr(), ...addr(), 0, ...this.bytes(4)];
    const msg = [...(pad ? [0x81] : []), flags, ...hdr];
    return [msg.length & 255, msg.length >> 8, ...msg];
  }

  /** UDP to `dport` carrying `payload`, over IPv4 (sometimes with options or a fragment) or IPv6. */
  ipUdp(dport: number, payload: number[], overV6: boolean): number[] {
    const udp = [...be16(this.pick(PORTS)), ...be16(dport), ...be16(8 + payload.length), 0, 0];
    const body = [...udp, ...payload];
    if (overV6) {
      const frag = this.int(6) === 0;
      const next = frag ? [17, 0, 0, 0, ...this.bytes(4)] : [];
      const src = v6(this.pick(V6)), dst = v6(this.pick(V6));
      return [
        0x60,
        0,
        0,
        0,
        ...be16(next.length + body.length),
        frag ? 44 : 17,
        64,
        ...src,
        ...dst,
        ...next,
        ...body,
      ];
    }
    const optWords = this.pick([0, 0, 0, 1]);
    const fragOff = this.pick([0, 0, 0, 0, 0x4000, 0x2000 | 185]);
    const ihl = 5 + optWords;
    return [
      0x40 | ihl,
      0,
      ...be16(ihl * 4 + body.length),
      ...this.bytes(2),
      ...be16(fragOff),
      64,
      this.pick([17, 17, 17, 17, 6]),
      0,
      0,
      ...v4(this.pick(V4)),
      ...v4(this.pick(V4)),
      ...new Array(optWords * 4).fill(1),
      ...body,
    ];
  }

  /**
   * A Geneve (UDP 6081) or VXLAN (UDP 4789) packet over IPv4 or IPv6: Geneve with version 0
   * (sometimes 1), 0–2 words of options, an Ethernet, IPv4 or IPv6 payload; VXLAN with flags
   * 0x08 (sometimes not) and an Ethernet payload; VNIs 0, 5, 7 and 0xffffff. Returns the
   * EtherType and the IP packet.
   */
  tunnel(): [number, number[]] {
    const v6 = this.int(3) === 0;
    const vni = this.pick([0, 5, 7, 0xffffff, 5]);
    const vniBytes = [(vni >> 16) & 0xff, (vni >> 8) & 0xff, vni & 0xff];
    let payload: number[];
    let port: number;
    if (this.int(2) === 0) {
      port = this.pick([6081, 6081, 6081, 4789]);
      const opt = this.pick([0, 0, 1, 2]);
      const [proto, inner] = this.pick(
        [
          [0x6558, () => this.ethernet()],
          [0x6558, () => this.ethernet()],
          [0x0800, () => this.ipv4()],
          [0x86dd, () => this.ipv6()],
          [0x0806, () => this.arp()],
        ] as const,
      );
      const ver = this.pick([0, 0, 0, 1]);
      payload = [
        (ver << 6) | opt,
        this.pick([0, 0x80]),
        ...be16(proto),
        ...vniBytes,
        0,
        ...this.bytes(opt * 4),
        ...inner(),
      ];
    } else {
      port = this.pick([4789, 4789, 4789, 6081]);
      const flags = this.pick([0x08, 0x08, 0x08, 0x0c, 0x00]);
      payload = [flags, 0, 0, 0, ...vniBytes, 0, ...this.ethernet()];
    }
    return [v6 ? 0x86dd : 0x0800, this.ipUdp(port, payload, v6)];
  }

  /** A radio header before an 802.11 frame: radiotap, AVS or Prism (which may hold AVS). */
  radio(linkType: number): number[] {
    const avs = () => {
      const len = this.pick([64, 64, 64, 32]);
      return [0x80, 0x21, 0x10, 0x01, 0, 0, 0, len, ...this.bytes(len - 8)];
    };
    if (linkType === 163) return avs();
    if (linkType === 119) {
      return this.int(4) === 0 ? avs() : [0x41, 0, 0, 0, 144, 0, 0, 0, ...this.bytes(136)];
    }
    if (linkType !== 127) return [];
    // radiotap: version, pad, length (little-endian), present bitmap(s), fields.
    const flags = this.pick([0x00, 0x10, 0x20, 0x20, 0x30, 0x02]);
    const [present, fields] = this.pick(
      [
        [[0x00, 0, 0, 0], []],
        [[0x02, 0, 0, 0], [flags]],
        [[0x03, 0, 0, 0], [...this.bytes(8), flags]],
        [[0x0e, 0, 0, 0], [flags, 0x0c, 0x6c, 0x09, 0xa0, 0x00]],
        [[0x0f, 0, 0, 0], [...this.bytes(8), flags, 0x0c, 0x6c, 0x09, 0xa0, 0x00]],
        [[0x02, 0, 0, 0x80, 0x02, 0, 0, 0], [flags]],
      ] as const,
    );
    const len = 4 + present.length + fields.length;
    return [0, 0, len & 0xff, len >> 8, ...present, ...fields];
  }

  /**
   * An 802.11 frame: management (beacon, probe, association, authentication, deauthentication),
   * control (RTS, CTS, ACK, PS-Poll) or data (plain, QoS, null) with any DS bits; data frames
   * carry LLC/SNAP with IPv4, IPv6, ARP, VLAN, PPPoE or a tunnel, or an LLC SAP of issue 11's
   * families; some headers are padded to 4 bytes as radiotap's flag says.
   */
  wlan(linkType: number): number[] {
    const fc0 = this.pick([
      0x80,
      0x40,
      0x00,
      0xb0,
      0xc0,
      0xb4,
      0xc4,
      0xd4,
      0xa4,
      0x08,
      0x08,
      0x08,
      0x88,
      0x88,
      0x48,
      0xc8,
      0x0c,
      0x18,
    ]);
    const ds = this.int(4);
    const fc1 = ds | this.pick([0, 0, 0x08, 0x40]);
    const addr = () => mac(this.pick([...MACS, "00:11:22:33:44:55", "00:11:22:33:44:66"]));
    const type = fc0 & 0x0c;
    const head = [fc0, fc1, ...this.bytes(2), ...addr()];
    if (type === 0x04) {
      // CTS and ACK end after address 1; RTS and PS-Poll carry address 2.
      const sub = fc0 & 0xf0;
      return [...head, ...(sub === 0xc0 || sub === 0xd0 ? [] : addr()), ...this.bytes(4)];
    }
    const hdr = [...head, ...addr(), ...addr(), ...this.bytes(2)];
    if (type !== 0x08) return [...hdr, ...this.bytes(this.int(40))];
    if (ds === 3) hdr.push(...addr());
    if (fc0 & 0x80) hdr.push(...this.bytes(2));
    // Drivers that pad (radiotap flag 0x20) align the payload to 4 bytes.
    if (linkType === 127 && this.int(3) === 0) { while (hdr.length % 4) hdr.push(0); }
    let [etherType, payload] = this.pick(
      [
        () => this.network(),
        () => this.network(),
        () => this.network(),
        () => this.family(),
        () => this.tunnel(),
        (): [number, number[]] => {
          const [t, p] = this.network();
          return [0x8100, [...be16(this.pick([100, 5])), ...be16(t), ...p]];
        },
      ] as const,
    )();
    if (etherType <= 1500) return [...hdr, ...payload];
    const oui = etherType === 0x809b ? [0x08, 0x00, 0x07] : [0, 0, 0];
    if (this.int(10) === 0) etherType = this.int(0x10000);
    return [...hdr, 0xaa, 0xaa, 0x03, ...oui, ...be16(etherType), ...payload];
  }

  /** An Ethernet frame of {@linkcode Builder.family}, sometimes VLAN-tagged. */
  familyEthernet(): number[] {
    const [type, payload] = this.family();
    const dst = mac(this.pick(MACS)), src = mac(this.pick(MACS));
    const tagged = this.int(5) === 0;
    const tag = tagged ? [0x81, 0x00, ...be16(this.pick([100, 5])), ...be16(type)] : be16(type);
    return [...dst, ...src, ...tag, ...payload];
  }

  /** A Linux cooked frame of {@linkcode Builder.family}: 802.2 LLC is protocol 4, 802.3 raw 1. */
  familySll(v2: boolean): number[] {
    const [type, payload] = this.family();
    const proto = type > 1500 ? type : payload[0] === 0xff ? 1 : 4;
    const pkttype = this.pick([0, 4]);
    const addr = [...mac(this.pick(MACS)), 0, 0];
    if (v2) return [...be16(proto), 0, 0, 0, 0, 0, 2, 0, 1, pkttype, 6, ...addr, ...payload];
    return [...be16(pkttype), 0, 1, 0, 6, ...addr, ...be16(proto), ...payload];
  }

  ethernet(): number[] {
    const dst = mac(this.pick(MACS)), src = mac(this.pick(MACS));
    let [type, payload] = this.network();
    const mode = this.pick(["plain", "plain", "plain", "vlan", "qinq", "mpls", "mpls2"]);
    if (mode === "mpls" || mode === "mpls2") {
      const v = this.pick([this.ipv4(), this.ipv6(), this.bytes(30)]);
      const labels = mode === "mpls" ? 1 : 2;
      let stack: number[] = [];
      for (let i = 0; i < labels; i++) {
        const label = this.pick([0, 3, 5, 100, 0xfffff]);
        const bos = i === labels - 1 ? 1 : 0;
        const w = ((label << 12) | (bos << 8) | 64) >>> 0;
        stack = stack.concat([(w >>> 24) & 0xff, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff]);
      }
      type = 0x8847;
      payload = [...stack, ...v];
    }
    if (mode === "vlan" || mode === "qinq") {
      const tags = mode === "vlan" ? 1 : 2;
      for (let i = 0; i < tags; i++) {
        const tpid = i === tags - 1 ? this.pick([0x8100, 0x88a8, 0x9100]) : 0x8100;
        payload = [
          ...be16(this.pick([100, 200, 5, 1, 4095]) | (this.int(8) << 13)),
          ...be16(type),
          ...payload,
        ];
        type = tpid;
      }
    }
    return [...dst, ...src, ...be16(type), ...payload];
  }

  sll(v2: boolean): number[] {
    const [type, payload] = this.network();
    const proto = type <= 1500 ? 4 : type;
    const pkttype = this.pick([0, 1, 2, 3, 4]);
    const addr = [...mac(this.pick(MACS)), 0, 0];
    if (v2) return [...be16(proto), 0, 0, 0, 0, 0, 2, 0, 1, pkttype, 6, ...addr, ...payload];
    return [...be16(pkttype), 0, 1, 0, 6, ...addr, ...be16(proto), ...payload];
  }

  raw(kind: number): number[] {
    if (kind === LINKTYPE.IPV4) return this.ipv4();
    if (kind === LINKTYPE.IPV6) return this.ipv6();
    return this.pick([() => this.ipv4(), () => this.ipv6(), () => this.bytes(30)])();
  }

  frame(linkType: number): number[] {
    switch (linkType) {
      case LINKTYPE.ETHERNET:
        return this.ethernet();
      case LINKTYPE.LINUX_SLL:
        return this.sll(false);
      case LINKTYPE.LINUX_SLL2:
        return this.sll(true);
      case LINKTYPE.NULL:
      case LINKTYPE.LOOP: {
        // A 32-bit address family: host (little-endian) order for NULL, network order for LOOP.
        const [af, body] = this.pick(
          [
            [2, () => this.ipv4()],
            [2, () => this.ipv4()],
            [10, () => this.ipv6()],
            [24, () => this.ipv6()],
            [30, () => this.ipv6()],
            [7, () => this.bytes(30)],
          ] as const,
        );
        const head = linkType === LINKTYPE.NULL ? [af, 0, 0, 0] : [0, 0, 0, af];
        return [...head, ...body()];
      }
      case 9: { // PPP: address, control, protocol
        const [proto, body] = this.pick(
          [
            [0x0021, () => this.ipv4()],
            [0x0021, () => this.ipv4()],
            [0x0057, () => this.ipv6()],
            [0x0281, () => [0, 0, 0x11, 64, ...this.ipv4()]],
            [0x0027, () => this.decnet()],
            [0x0023, () => [0x83, 27, 1, 6, this.pick([15, 18, 24]), ...this.bytes(20)]],
            [0x0031, () => this.bytes(20)],
            [0x002b, () => this.bytes(20)],
            [0x0029, () => this.bytes(20)],
            [0x0806, () => this.arp()],
            [0xc021, () => this.bytes(10)],
          ] as const,
        );
        return [0xff, 0x03, ...be16(proto), ...body()];
      }
      case 104: { // Cisco HDLC: address, control, EtherType
        const [type, body] = this.pick(
          [
            [0x0800, () => this.ipv4()],
            [0x0800, () => this.ipv4()],
            [0x86dd, () => this.ipv6()],
            [0x8847, () => [0, 0, 0x11, 64, ...this.ipv4()]],
            [0xfefe, () => [0x83, 27, 1, 6, this.pick([15, 18, 24]), ...this.bytes(20)]],
            [
              0xfefe,
              () => [0, this.pick([0x81, 0x83]), 27, 1, this.pick([15, 18, 24]), ...this.bytes(20)],
            ],
            [0x6003, () => this.decnet()],
            [0x0806, () => this.arp()],
            [0x8035, () => this.arp()],
            [0x0042, () => this.bytes(20)],
            [0x8035, () => this.bytes(20)],
          ] as const,
        );
        return [this.pick([0x0f, 0x8f]), 0, ...be16(type), ...body()];
      }
      case 105:
      case 119:
      case 127:
      case 163:
        return [...this.radio(linkType), ...this.wlan(linkType)];
      default:
        return this.raw(linkType);
    }
  }
}

/**
 * Frames for one link type: `count` well-formed ones, each also cut short
 * sometimes, plus random bytes.
 *
 * @param linkType `LINKTYPE_*` number.
 * @param count How many frames to build before truncations.
 * @param seed Generator seed.
 * @returns The frames.
 */
export function testFrames(linkType: number, count = 250, seed = 1): TestFrame[] {
  const b = new Builder(seed * 7919 + linkType);
  const out: TestFrame[] = [];
  for (let i = 0; i < count; i++) {
    const bytes = new Uint8Array(b.frame(linkType));
    out.push({ data: bytes, wireLen: bytes.length, label: `frame ${i}` });
    if (b.int(3) === 0) {
      const cut = b.int(bytes.length);
      out.push({
        data: bytes.slice(0, cut),
        wireLen: bytes.length,
        label: `frame ${i} cut to ${cut}`,
      });
    }
  }
  // The families of issue 11 item 1, from their own generator (the frames above stay as they were).
  const f = new Builder(seed * 104729 + linkType);
  const family = linkType === LINKTYPE.ETHERNET
    ? () => f.familyEthernet()
    : linkType === LINKTYPE.LINUX_SLL || linkType === LINKTYPE.LINUX_SLL2
    ? () => f.familySll(linkType === LINKTYPE.LINUX_SLL2)
    : undefined;
  for (let i = 0; family && i < count; i++) {
    const bytes = new Uint8Array(family());
    out.push({ data: bytes, wireLen: bytes.length, label: `family frame ${i}` });
    if (f.int(4) === 0) {
      const cut = f.int(bytes.length);
      out.push({
        data: bytes.slice(0, cut),
        wireLen: bytes.length,
        label: `family frame ${i} cut to ${cut}`,
      });
    }
  }
  // Geneve and VXLAN, over Ethernet and raw IP (on 802.11 they come with the frames above).
  const t = new Builder(seed * 15485863 + linkType);
  const tunnel = linkType === LINKTYPE.ETHERNET
    ? () => {
      const [type, packet] = t.tunnel();
      return [...mac(t.pick(MACS)), ...mac(t.pick(MACS)), ...be16(type), ...packet];
    }
    : linkType === LINKTYPE.RAW
    ? () => t.tunnel()[1]
    : undefined;
  for (let i = 0; tunnel && i < count / 2; i++) {
    const bytes = new Uint8Array(tunnel());
    out.push({ data: bytes, wireLen: bytes.length, label: `tunnel frame ${i}` });
    if (t.int(4) === 0) {
      const cut = t.int(bytes.length);
      out.push({
        data: bytes.slice(0, cut),
        wireLen: bytes.length,
        label: `tunnel frame ${i} cut to ${cut}`,
      });
    }
  }
  for (let i = 0; i < 20; i++) {
    const bytes = new Uint8Array(b.bytes(b.int(80)));
    out.push({ data: bytes, wireLen: bytes.length + b.int(100), label: `random ${i}` });
  }
  return out;
}
