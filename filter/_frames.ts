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
    const chain = this.pick([[], [], [], [0], [43], [44], [60], [0, 60], [0, 43, 44], [44, 60]]);
    const last = this.pick([6, 6, 17, 17, 58, 58, 132, 59]);
    const nexts = [...chain, last];
    let ext: number[] = [];
    for (let i = 0; i < chain.length; i++) {
      const nh = nexts[i + 1]!;
      if (chain[i] === 44) {
        ext = ext.concat([nh, 0, ...be16(this.pick([0, 1, 8])), ...this.bytes(4)]);
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
  for (let i = 0; i < 20; i++) {
    const bytes = new Uint8Array(b.bytes(b.int(80)));
    out.push({ data: bytes, wireLen: bytes.length + b.int(100), label: `random ${i}` });
  }
  return out;
}
