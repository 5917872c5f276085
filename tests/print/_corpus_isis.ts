// Golden corpus case for IS-IS (ISO 10589, RFC 1195, 5305, 5308, 5120): LAN and point-to-point
// hellos, LSPs, CSNPs and PSNPs over 802.3/LLC (OSI SAP 0xfe), with the TLVs routers send.

import { bytes, ip4, ip6, llc, u16, u32 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const ascii = (s: string) => new TextEncoder().encode(s);
export const sys = (n: number) => bytes(0x19, 0x21, 0x68, 0x00, 0x10, n);
export const tlv = (type: number, ...v: Uint8Array[]) => {
  const b = bytes(...v);
  return bytes(type, b.length, b);
};
export const f32 = (v: number) => {
  const d = new DataView(new ArrayBuffer(4));
  d.setFloat32(0, v);
  return new Uint8Array(d.buffer);
};

/** tcpdump's create_osi_cksum(): the Fletcher checksum value to store (ISO 8473 annex C). */
export function osiCksum(b: Uint8Array, off: number, len: number): number {
  let c0 = 0, c1 = 0;
  for (let i = 0; i < len; i++) {
    if (i !== off && i !== off + 1) c0 += b[i]!;
    c1 += c0;
  }
  c0 %= 255, c1 %= 255;
  const mul = (len - off) * c0;
  let x = mul - c0 - c1, y = c1 - mul - 1;
  if (y >= 0) y++;
  if (x < 0) x--;
  x %= 255, y %= 255;
  if (x === 0) x = 255;
  if (y === 0) y = 255;
  return ((x & 0xff) << 8) | (y & 0xff);
}

function extIs(n: number, withSub: boolean): Uint8Array {
  const subs = withSub
    ? bytes(
      3,
      4,
      u32(0x0f),
      6,
      4,
      ip4("10.0.0.1"),
      8,
      4,
      ip4("10.0.0.2"),
      9,
      4,
      f32(125000000),
      10,
      4,
      f32(62500000),
      11,
      32,
      ...Array.from({ length: 8 }, (_, k) => f32(12500000 * k)),
      18,
      3,
      0,
      0,
      20,
      4,
      8,
      u32(1),
      u32(2),
      19,
      2,
      u16(0x0003),
      22,
      9,
      0,
      f32(1250000),
      f32(2500000),
      12,
      5,
      1,
      f32(125),
      20,
      2,
      0x10,
      0,
      99,
      2,
      0xab,
      0xcd,
    )
    : new Uint8Array(0);
  return bytes(sys(n), 1, 0, 0, 10 + n, subs.length, subs);
}
function extIp(p: string, len: number, metric: number, flags = 0, sub?: Uint8Array): Uint8Array {
  const a = ip4(p).subarray(0, Math.ceil(len / 8));
  return bytes(u32(metric), flags | (sub ? 0x40 : 0) | len, a, sub ? bytes(sub.length, sub) : []);
}
function ip6Reach(p: string, len: number, metric: number, flags = 0): Uint8Array {
  return bytes(u32(metric), flags, len, ip6(p).subarray(0, Math.ceil(len / 8)));
}

function lspTlvs(i: number): Uint8Array[] {
  const t: Uint8Array[] = [
    tlv(1, bytes(3, 0x49, 0x00, 0x01)),
    tlv(129, bytes(0xcc, 0x8e)),
    tlv(137, ascii(`router${i}`)),
    tlv(132, ip4("10.0.0.1"), ip4("192.168.0.1")),
    tlv(134, ip4("1.1.1.1")),
  ];
  switch (i % 5) {
    case 0:
      t.push(
        tlv(22, extIs(2, true), extIs(3, false)),
        tlv(
          135,
          extIp("10.0.0.0", 24, 10),
          extIp("10.1.0.0", 16, 20, 0x80),
          extIp("0.0.0.0", 0, 1),
        ),
      );
      break;
    case 1:
      t.push(
        tlv(
          2,
          bytes(0),
          bytes(10, 0x80, 0x80, 0x80, sys(2), 0),
          bytes(0x4a, 0x05, 0x86, 0x07, sys(3), 1),
        ),
        tlv(
          128,
          bytes(10, 0x80, 0x80, 0x80, ip4("10.2.0.0"), ip4("255.255.0.0")),
          bytes(0x8a, 0x05, 0x86, 0x80, ip4("10.3.3.0"), ip4("255.0.255.0")),
        ),
        tlv(130, bytes(0x40 | 20, 0x80, 0x80, 0x80, ip4("172.16.0.0"), ip4("255.240.0.0"))),
      );
      break;
    case 2:
      t.push(
        tlv(
          236,
          ip6Reach("2001:db8::", 32, 10),
          ip6Reach("2001:db8:1:2::", 64, 20, 0xc0),
          ip6Reach("::", 0, 1, 0x40),
        ),
        tlv(232, ip6("2001:db8::1")),
        tlv(229, u16(0), u16(0x8002), u16(0x4003)),
        tlv(237, u16(2), ip6Reach("2001:db8:5::", 48, 5)),
        tlv(235, u16(0x4000), extIp("10.9.0.0", 16, 7)),
        tlv(222, u16(2), extIs(4, false)),
      );
      break;
    case 3:
      t.push(
        tlv(
          135,
          extIp(
            "10.5.5.0",
            24,
            10,
            0,
            bytes(1, 4, u32(100), 2, 8, u32(0), u32(200), 3, 6, 0x40, 0, u32(16001)),
          ),
        ),
        tlv(242, ip4("1.1.1.1"), bytes(0x01, 2, 9, 0xc0, 0, 0x1f, 0x40, 1, 3, 0, 0x3e, 0x80)),
        tlv(14, u16(1492)),
        tlv(211, bytes(0x03, u16(30), sys(7))),
        tlv(10, bytes(1, ascii("isispass"))),
      );
      break;
    default:
      t.push(
        tlv(10, bytes(54, new Uint8Array(16).fill(0x11))),
        tlv(99, bytes(1, 2, 3, 4, 5)),
        tlv(10, bytes(3, u16(7), 0xde, 0xad)),
        tlv(12, u16(0)),
        tlv(8, new Uint8Array(6)),
      );
  }
  return t;
}

function isis(i: number): Uint8Array {
  const level = i % 2 ? 2 : 1;
  let type: number, fixed: Uint8Array, tlvs: Uint8Array[];
  switch (i % 6) {
    case 0:
      type = level === 1 ? 15 : 16;
      fixed = bytes(level, sys(1), u16(30), u16(0), 64 + i, sys(1), 1);
      tlvs = [
        tlv(129, bytes(0xcc)),
        tlv(1, bytes(3, 0x49, 0x00, 0x01), bytes(5, 0x49, 0x00, 0x02, 0xaa, 0xbb)),
        tlv(132, ip4("10.0.0.1")),
        tlv(
          6,
          bytes(0x00, 0x11, 0x22, 0x33, 0x44, 0x55),
          bytes(0x00, 0x11, 0x22, 0x33, 0x44, 0x66),
        ),
        tlv(8, new Uint8Array(10)),
      ];
      break;
    case 1:
      type = 17;
      fixed = bytes(3, sys(1), u16(30), u16(0), 0x01);
      tlvs = [
        tlv(
          240,
          bytes([0, 1, 2, 5][i % 4]!, u32(0x100), sys(2), u32(0x200)).subarray(
            0,
            [15, 1, 5, 11][i % 4]!,
          ),
        ),
        tlv(129, bytes(0xcc, 0x8e, 0x81)),
        tlv(211, bytes(0x01)),
        tlv(241, u32(77)),
      ];
      break;
    case 2:
    case 3:
      type = level === 1 ? 18 : 20;
      fixed = bytes(
        u16(0),
        u16(1199 - i),
        sys(1),
        0,
        i % 3,
        u32(0x100 + i),
        u16(0),
        [0x03, 0x0b, 0x43, 0x84, 0x01, 0x02][i % 6]!,
      );
      tlvs = lspTlvs(Math.floor(i / 2));
      break;
    case 4:
      type = level === 1 ? 24 : 25;
      fixed = bytes(
        u16(0),
        sys(1),
        0,
        sys(0),
        0,
        0,
        bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
      );
      tlvs = [
        tlv(
          9,
          ...Array.from(
            { length: 1 + (i % 3) },
            (_, k) => bytes(u16(1000 + k), sys(k + 1), 0, 0, u32(k + 5), u16(0x1234 + k)),
          ),
        ),
      ];
      break;
    default:
      type = level === 1 ? 26 : 27;
      fixed = bytes(u16(0), sys(2), 0);
      tlvs = [tlv(9, bytes(u16(0), sys(3), 0, 1, u32(9), u16(0xabcd)))];
  }
  const pdu = bytes(0x83, 8 + fixed.length, 1, 0, type, 1, 0, 0, fixed, ...tlvs);
  const len = pdu.length;
  if (type === 15 || type === 16 || type === 17) pdu.set(u16(len), 8 + 9);
  else pdu.set(u16(len), 8);
  if (type === 18 || type === 20) {
    // the LSP checksum covers the LSP ID onwards (offset 12 of it)
    const s = i % 7 === 6 ? 0x1234 : osiCksum(pdu.subarray(12), 12, len - 12);
    pdu.set(u16(s), 24);
  }
  return pdu;
}

function frame(i: number): { data: Uint8Array } {
  const pdu = isis(i);
  const dst = ["01:80:c2:00:00:14", "01:80:c2:00:00:15", "09:00:2b:00:00:05"][i % 3]!;
  let f = llc(0xfe, 0xfe, 0x03, pdu, dst, "00:11:22:33:44:55");
  if (i >= 42) f = f.subarray(0, 17 + [4, 10, 20, 30, 45, 60][i % 6]!);
  return { data: f };
}

/** Headers tcpdump rejects: version, system ID length, fixed header length, max areas. */
function bad(k: number): { data: Uint8Array } {
  const h = [
    bytes(0x83, 27, 2, 0, 15, 1, 0, 0),
    bytes(0x83, 27, 1, 4, 15, 1, 0, 0),
    bytes(0x83, 27, 1, 0, 15, 2, 0, 0),
    bytes(0x83, 6, 1, 0, 15, 1, 0, 0),
    bytes(0x83, 27, 1, 0, 15, 1, 0, 255),
    bytes(0x83, 20, 1, 0, 17, 1, 0, 3),
    bytes(0x83, 27, 1, 0, 30, 1, 0, 0),
  ][k]!;
  return { data: llc(0xfe, 0xfe, 0x03, bytes(h, new Uint8Array(24)), "09:00:2b:00:00:05") };
}

/** IS-IS on serial links: Cisco HDLC (type 0xfefe, with and without the pad byte) and PPP. */
const chdlc = Array.from({ length: 20 }, (_, i) => ({
  data: bytes(0x0f, 0, u16(0xfefe), i % 2 ? [0] : [], isis(i + (i >> 1))),
}));
const ppp = Array.from(
  { length: 20 },
  (_, i) => ({ data: bytes(0xff, 0x03, u16(0x0023), isis(i + 3)) }),
);

export const ISIS_CASES: Case[] = [
  { name: "isis_chdlc", linkType: 104, packets: chdlc, link: true },
  { name: "isis_ppp", linkType: 9, packets: ppp, link: true },
  {
    name: "isis",
    linkType: 1,
    packets: [
      ...Array.from({ length: 48 }, (_, i) => frame(i)),
      ...Array.from({ length: 7 }, (_, k) => bad(k)),
    ],
    link: true,
  },
];
