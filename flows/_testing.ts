/** Test frames for flows/: Ethernet (optionally tagged) + IPv4/IPv6 + TCP/UDP/ICMP. */

/** What {@linkcode frame} builds. */
export interface FrameSpec {
  src: string;
  dst: string;
  protocol?: number;
  srcPort?: number;
  dstPort?: number;
  /** TCP flags byte. */
  flags?: number;
  /** ICMP type, code. */
  icmp?: [number, number];
  /** Payload bytes after the transport header. */
  payload?: number;
  vlan?: number;
}

function ipv6Bytes(text: string): number[] {
  const [head = "", tail] = text.split("::");
  const groups = (s: string) => (s === "" ? [] : s.split(":").map((g) => parseInt(g, 16)));
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  const all = [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
  return all.flatMap((g) => [g >> 8, g & 255]);
}

/** An Ethernet frame carrying the packet described; IPv6 when the addresses contain ":". */
export function frame(spec: FrameSpec): Uint8Array {
  const v6 = spec.src.includes(":");
  const protocol = spec.protocol ?? 6;
  const l4Len = protocol === 6
    ? 20
    : protocol === 17
    ? 8
    : protocol === 1 || protocol === 58
    ? 8
    : 0;
  const payload = spec.payload ?? 0;
  const ipHeader = v6 ? 40 : 20;
  const ipLen = ipHeader + l4Len + payload;
  const l2 = spec.vlan === undefined ? 14 : 18;
  const b = new Uint8Array(l2 + ipLen);
  b.set([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1]);
  let off = 12;
  if (spec.vlan !== undefined) {
    b.set([0x81, 0x00, spec.vlan >> 8, spec.vlan & 255], 12);
    off = 16;
  }
  b.set(v6 ? [0x86, 0xdd] : [0x08, 0x00], off);
  off += 2;
  if (v6) {
    b[off] = 0x60;
    b[off + 4] = (ipLen - 40) >> 8;
    b[off + 5] = (ipLen - 40) & 255;
    b[off + 6] = protocol;
    b[off + 7] = 64;
    b.set(ipv6Bytes(spec.src), off + 8);
    b.set(ipv6Bytes(spec.dst), off + 24);
  } else {
    b[off] = 0x45;
    b[off + 2] = ipLen >> 8;
    b[off + 3] = ipLen & 255;
    b[off + 8] = 64;
    b[off + 9] = protocol;
    b.set(spec.src.split(".").map(Number), off + 12);
    b.set(spec.dst.split(".").map(Number), off + 16);
  }
  const l4 = off + ipHeader;
  if (protocol === 6 || protocol === 17) {
    const sp = spec.srcPort ?? 0;
    const dp = spec.dstPort ?? 0;
    b.set([sp >> 8, sp & 255, dp >> 8, dp & 255], l4);
    if (protocol === 6) {
      b[l4 + 12] = 0x50;
      b[l4 + 13] = spec.flags ?? 0x10;
    } else {
      b[l4 + 4] = (8 + payload) >> 8;
      b[l4 + 5] = (8 + payload) & 255;
    }
  } else if (spec.icmp) b.set(spec.icmp, l4);
  return b;
}
