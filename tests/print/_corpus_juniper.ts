// Golden cases for the Juniper link types tcpdump 4.99 prints (print-juniper.c): JUNIPER_ETHER,
// JUNIPER_PPP, JUNIPER_CHDLC and JUNIPER_PPPOE. Each packet is the "MGC" header (direction and
// flags), PCAP extension TLVs in both byte orders, the no-L2 IP guess, a PIC cookie (PPPoE) and
// the frame; cut headers and a wrong magic number included.

import { bytes, ether, ipv6, tcp4, u16, udp4, udp6 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const MGC = [0x4d, 0x47, 0x43];

/** Extension TLV sets: indexes, a name, media types and encapsulations (known and unknown), a big-endian type, a 5-byte value, a zero type. */
const EXTS: number[][][] = [
  [],
  [[1, 4, 0x10, 0, 0, 0]],
  [[2, 4, 0x67, 0x65, 0x2d, 0x30], [3, 1, 1]],
  [[4, 2, 0x45, 0x01], [5, 1, 0], [6, 1, 14]],
  [[7, 1, 200], [8, 2, 0x3f, 0x00]],
  [[130, 2, 0x01, 0x02], [9, 3, 1, 2, 3]],
  [[4, 5, 1, 2, 3, 4, 5], [1, 1, 7]],
  [[0, 1, 9], [1, 1, 3]],
];

function header(flags: number, ext: number[][] | undefined): Uint8Array {
  if (ext === undefined) return bytes(MGC, flags);
  const tlvs = bytes(...ext.map((t) => Uint8Array.from(t)));
  return bytes(MGC, flags | 0x80, u16(tlvs.length), tlvs);
}

export function ip(i: number): Uint8Array {
  switch (i % 3) {
    case 0:
      return tcp4("10.20.0.1", "10.20.0.2", 179, 40000 + i, 0x18, new Uint8Array(0), 1000 + i);
    case 1:
      return udp4("10.20.0.1", "10.20.0.9", 5000, 49152 + i, new Uint8Array(i % 5));
    default:
      return i % 2
        ? udp6("2001:db8::1", "2001:db8::2", 5001, 5002, new Uint8Array(4))
        : ipv6("fe80::1", "ff02::5", 59, new Uint8Array(0));
  }
}

/** Packets of one Juniper link type: `frame(i)` is what follows the header. */
export function juniperPackets(frame: (i: number) => Uint8Array, cookie?: (i: number) => number[]) {
  const out: { data: Uint8Array }[] = [];
  for (let i = 0; i < 26; i++) {
    const flags = i % 2 ? 0x01 : 0x00;
    const ext = i % 3 === 2 ? undefined : EXTS[i % EXTS.length]!;
    const pre = header(flags | (i % 7 === 6 ? 0x44 : 0), ext);
    if (i === 9 || i === 19) {
      // no layer 2: an IP packet 4 bytes after the header (a guess that fails at 19)
      out.push({
        data: bytes(header(flags | 0x02, ext), 0, 0, 0, 0, i === 19 ? bytes(0x12, 0, 0) : ip(i)),
      });
      continue;
    }
    out.push({ data: bytes(pre, cookie?.(i) ?? [], frame(i)) });
  }
  out.push({ data: bytes(0x4d, 0x47, 0x44, 0x00, frame(0)) }); // wrong magic
  out.push({ data: bytes(MGC) }); // cut before the flags
  out.push({ data: bytes(MGC, 0x80, 0x00) }); // cut in the extension length
  out.push({ data: bytes(MGC, 0x80, 0x00, 0x08, 1, 4, 0) }); // cut in the extensions
  out.push({ data: bytes(MGC, 0x80, 0x00, 0x04, 1, 4, 0, 0) }); // a TLV longer than the extensions
  out.push({ data: bytes(MGC, 0x02, 0, 0) }); // no-L2, cut before the IP guess
  return out;
}

const mac1 = "00:05:85:00:00:01", mac2 = "00:05:85:00:00:02";
const etherFrame = (i: number) =>
  i % 4 === 3
    ? ether(
      0x0806,
      bytes("0001080006040001", "000585000001", "0a140001", "000000000000", "0a140002"),
      mac1,
      mac2,
    )
    : ether(i % 3 === 2 ? 0x86dd : 0x0800, ip(i), mac1, mac2);
const pppFrame = (i: number) =>
  i % 4 === 3
    ? bytes("ff03c021", "01010004")
    : bytes(0xff, 0x03, u16(i % 3 === 2 ? 0x0057 : 0x0021), ip(i));
const chdlcFrame = (i: number) =>
  i % 4 === 3
    ? bytes("8f008035", "00000002", "0a1400010000", "0000000000000000")
    : bytes(0x0f, 0x00, u16(i % 3 === 2 ? 0x86dd : 0x0800), ip(i));
const pppoeFrame = (i: number) =>
  ether(
    i % 4 === 3 ? 0x8863 : 0x8864,
    i % 4 === 3
      ? bytes(0x11, 0x09, 0x00, 0x00, u16(4), u16(0x0101), u16(0))
      : bytes(0x11, 0x00, u16(0x1234), u16(ip(i).length + 2), u16(0x0021), ip(i)),
    mac1,
    mac2,
  );
/** PPPoE PIC cookies: none, an LS cookie (2 bytes), an AS cookie (8 bytes). */
const pppoeCookie = (i: number) =>
  i % 3 === 0 ? [] : i % 3 === 1 ? [0x54, 0x07] : [0x47, 1, 2, 3, 4, 5, 6, 7];

export const JUNIPER_CASES: Case[] = [
  { name: "juniper_ether", linkType: 178, packets: juniperPackets(etherFrame), link: true },
  { name: "juniper_ppp", linkType: 179, packets: juniperPackets(pppFrame), link: true },
  { name: "juniper_chdlc", linkType: 181, packets: juniperPackets(chdlcFrame), link: true },
  {
    name: "juniper_pppoe",
    linkType: 167,
    packets: juniperPackets((i) => bytes(pppoeCookie(i), pppoeFrame(i))),
    link: true,
  },
];
