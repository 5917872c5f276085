// Byte builders for the printer's golden corpus: frames put together field by field from the
// RFCs, with correct checksums unless a case asks otherwise, and a plain pcap file writer so the
// same bytes can be handed to tcpdump.

/** Concatenates byte arrays, numbers (one byte each) and hex strings (spaces ignored). */
export function bytes(...parts: (Uint8Array | number[] | string | number)[]): Uint8Array {
  const arrays = parts.map((p) =>
    typeof p === "string"
      ? Uint8Array.fromHex(p.replaceAll(" ", ""))
      : typeof p === "number"
      ? Uint8Array.of(p)
      : p instanceof Uint8Array
      ? p
      : Uint8Array.from(p)
  );
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let o = 0;
  for (const a of arrays) out.set(a, o), o += a.length;
  return out;
}

/** Big-endian 16-bit value. */
export const u16 = (v: number): Uint8Array => Uint8Array.of(v >> 8 & 0xff, v & 0xff);
/** Big-endian 32-bit value. */
export const u32 = (v: number): Uint8Array =>
  Uint8Array.of(v >>> 24 & 0xff, v >>> 16 & 0xff, v >>> 8 & 0xff, v & 0xff);
/** Dotted IPv4 address. */
export const ip4 = (a: string): Uint8Array => Uint8Array.from(a.split(".").map(Number));
/** Colon-separated MAC address. */
export const mac = (a: string): Uint8Array =>
  Uint8Array.from(a.split(":").map((h) => parseInt(h, 16)));
/** IPv6 address, `::` allowed (no embedded IPv4). */
export function ip6(a: string): Uint8Array {
  const [head, tail] = a.includes("::") ? a.split("::") : [a, undefined];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  return bytes(...groups.map((g) => u16(parseInt(g, 16))));
}

/** Ones'-complement checksum (RFC 1071) of `b`, with `initial` folded in. */
export function cksum(b: Uint8Array, initial = 0): number {
  let s = initial;
  for (let i = 0; i + 1 < b.length; i += 2) s += (b[i]! << 8) | b[i + 1]!;
  if (b.length & 1) s += b[b.length - 1]! << 8;
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

/** Ethernet II frame. */
export function ether(
  type: number,
  payload: Uint8Array,
  dst = "01:80:c2:00:00:00",
  src = "00:11:22:33:44:55",
): Uint8Array {
  return bytes(mac(dst), mac(src), u16(type), payload);
}

/** 802.3 frame with an LLC header (`dsap ssap ctl`) and the payload. */
export function llc(
  dsap: number,
  ssap: number,
  ctl: number,
  payload: Uint8Array,
  dst = "01:80:c2:00:00:00",
  src = "00:11:22:33:44:55",
): Uint8Array {
  return bytes(mac(dst), mac(src), u16(3 + payload.length), dsap, ssap, ctl, payload);
}

/** Options of {@linkcode ipv4}. */
export interface Ipv4Options {
  ttl?: number;
  tos?: number;
  id?: number;
  df?: boolean;
  options?: Uint8Array;
}

/** IPv4 packet with a correct header checksum. */
export function ipv4(
  src: string,
  dst: string,
  proto: number,
  payload: Uint8Array,
  o: Ipv4Options = {},
): Uint8Array {
  const opts = o.options ?? new Uint8Array(0);
  const hl = 20 + opts.length;
  const h = bytes(
    0x40 | (hl >> 2),
    o.tos ?? 0,
    u16(hl + payload.length),
    u16(o.id ?? 1),
    u16(o.df ? 0x4000 : 0),
    o.ttl ?? 64,
    proto,
    u16(0),
    ip4(src),
    ip4(dst),
    opts,
  );
  const s = cksum(h);
  h[10] = s >> 8, h[11] = s & 0xff;
  return bytes(h, payload);
}

/** IPv6 packet. */
export function ipv6(
  src: string,
  dst: string,
  nh: number,
  payload: Uint8Array,
  hlim = 64,
): Uint8Array {
  return bytes(u32(0x60000000), u16(payload.length), nh, hlim, ip6(src), ip6(dst), payload);
}

function pseudo(ip: Uint8Array, proto: number, len: number): number {
  const v6 = ip[0]! >> 4 === 6;
  const addrs = v6 ? ip.subarray(8, 40) : ip.subarray(12, 20);
  return ~cksum(bytes(addrs, 0, proto, u16(len))) & 0xffff;
}

/** UDP datagram inside IPv4 or IPv6 (a closure over the addresses for the checksum). */
export function udp4(
  src: string,
  dst: string,
  sport: number,
  dport: number,
  payload: Uint8Array,
  o: Ipv4Options = {},
): Uint8Array {
  const seg = bytes(u16(sport), u16(dport), u16(8 + payload.length), u16(0), payload);
  const ip = ipv4(src, dst, 17, seg, o);
  const hl = (ip[0]! & 15) * 4;
  const s = cksum(seg, pseudo(ip, 17, seg.length)) || 0xffff;
  ip[hl + 6] = s >> 8, ip[hl + 7] = s & 0xff;
  return ip;
}

/** UDP datagram inside IPv6. */
export function udp6(
  src: string,
  dst: string,
  sport: number,
  dport: number,
  payload: Uint8Array,
  hlim = 64,
): Uint8Array {
  const seg = bytes(u16(sport), u16(dport), u16(8 + payload.length), u16(0), payload);
  const ip = ipv6(src, dst, 17, seg, hlim);
  const s = cksum(seg, pseudo(ip, 17, seg.length)) || 0xffff;
  ip[46] = s >> 8, ip[47] = s & 0xff;
  return ip;
}

/** TCP segment (flags as a number, no options) inside IPv4. */
export function tcp4(
  src: string,
  dst: string,
  sport: number,
  dport: number,
  flags: number,
  payload: Uint8Array,
  seq = 1000,
  ack = 0,
): Uint8Array {
  const seg = bytes(
    u16(sport),
    u16(dport),
    u32(seq),
    u32(ack),
    0x50,
    flags,
    u16(65535),
    u16(0),
    u16(0),
    payload,
  );
  const ip = ipv4(src, dst, 6, seg);
  const s = cksum(seg, pseudo(ip, 6, seg.length));
  ip[36] = s >> 8, ip[37] = s & 0xff;
  return ip;
}

/** One packet of a corpus: its bytes and, when a snapshot cut it, the length on the wire. */
export interface Packet {
  data: Uint8Array;
  wireLen?: number;
}

/** A pcap file (microsecond, little-endian) of `packets`, at 1700000000 + i seconds. */
export function pcapFile(linkType: number, packets: readonly Packet[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const head = new DataView(new ArrayBuffer(24));
  head.setUint32(0, 0xa1b2c3d4, true);
  head.setUint16(4, 2, true);
  head.setUint16(6, 4, true);
  head.setUint32(16, 262144, true);
  head.setUint32(20, linkType, true);
  parts.push(new Uint8Array(head.buffer));
  packets.forEach((p, i) => {
    const r = new DataView(new ArrayBuffer(16));
    r.setUint32(0, 1700000000 + i, true);
    r.setUint32(4, i, true);
    r.setUint32(8, p.data.length, true);
    r.setUint32(12, p.wireLen ?? p.data.length, true);
    parts.push(new Uint8Array(r.buffer), p.data);
  });
  // Not bytes(...parts): a file of tens of thousands of packets is more arguments than a call takes.
  const out = new Uint8Array(parts.reduce((n, a) => n + a.length, 0));
  let o = 0;
  for (const a of parts) out.set(a, o), o += a.length;
  return out;
}
