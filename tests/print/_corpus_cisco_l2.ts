// Golden cases for Cisco's switch protocols on SNAP OUI 0x00000c (tcpdump 4.99's print-dtp.c,
// print-udld.c, print-vtp.c) over Ethernet 802.3/LLC and over Frame Relay (RFC 1490 SNAP):
// DTP with its domain, status, type and neighbor TLVs, UDLD probes/echoes/flushes with every
// TLV, VTP summary and subset advertisements (VLAN info with their TLVs), requests and joins;
// then wrong lengths, unknown types and cut packets. Also an unknown OUI and PID under SNAP,
// which tcpdump names and dumps.

import { bytes, ip4, llc, type Packet, u16, u32 } from "./_build.ts";
import { prng } from "../_prng.ts";
import type { Case } from "./_golden.ts";

const ascii = (s: string) => new TextEncoder().encode(s);
const CISCO_MC = "01:00:0c:cc:cc:cc";
const snap = (pid: number, body: Uint8Array, oui = 0x00000c) =>
  bytes(oui >> 16, u16(oui & 0xffff), u16(pid), body);
/** An 802.3 frame with LLC/SNAP to Cisco's multicast address. */
const eth = (pid: number, body: Uint8Array, src = "00:1b:54:aa:00:01", oui = 0x00000c) =>
  llc(0xaa, 0xaa, 0x03, snap(pid, body, oui), CISCO_MC, src);
/** RFC 1490 SNAP over Frame Relay, DLCI 100. */
const fr = (pid: number, body: Uint8Array) => bytes(0x18, 0x41, 0x03, 0x00, 0x80, snap(pid, body));

const tlv = (type: number, value: Uint8Array) => bytes(u16(type), u16(value.length + 4), value);
const DTP = 0x2004, UDLD = 0x0111, VTP = 0x2003;

function dtp(r: () => number, i: number): Uint8Array {
  const domain = ["", "cisco", "lab\0\0\0\0\0", "x".repeat(32), "d\x01\xe9"][i % 5]!;
  const tlvs = [
    tlv(1, ascii(domain)),
    tlv(2, Uint8Array.of([0x03, 0x81, 0x84, 0x04][i % 4]!)),
    tlv(3, Uint8Array.of([0xa5, 0x45, 0x25][i % 3]!)),
    tlv(4, bytes(0x00, 0x1b, 0x54, 0xaa, i, Math.floor(r() * 256))),
  ];
  if (i % 6 === 5) tlvs.push(tlv(9, ascii("vendor")));
  if (i % 7 === 6) tlvs.reverse();
  return bytes(i % 8 === 7 ? 2 : 1, ...tlvs);
}
const DTP_BAD: Uint8Array[] = [
  bytes(1),
  bytes(1, tlv(2, bytes(3, 0))), // status of 2 bytes
  bytes(1, tlv(4, bytes(1, 2, 3))), // a short neighbor
  bytes(1, u16(1), u16(3), 0), // a TLV length under 4
  bytes(1, u16(1), u16(40), ascii("short")), // past the end
  bytes(1, tlv(1, ascii("ok")), 0, 0), // 2 bytes left over
  bytes(1, u16(0), u16(8), u32(0)), // type 0 ends the walk
  bytes(1, tlv(3, bytes(0xa5)), tlv(0x8001, bytes(1, 2, 3, 4, 5))),
];

function udld(r: () => number, i: number): Uint8Array {
  const ver = i % 9 === 8 ? 2 : 1, code = i % 5;
  const flags = [0x00, 0x01, 0x02, 0x03, 0x84][i % 5]!;
  const tlvs = [
    tlv(1, ascii(["FOC1234X5YZ", "SN\0pad", ""][i % 3]!)),
    tlv(2, ascii(["Gi0/1", "TenGigabitEthernet1/0/48"][i % 2]!)),
    tlv(3, i % 4 === 0 ? bytes(u32(0)) : bytes(u32(1), tlv(1, ascii("peer")))),
    tlv(4, Uint8Array.of(7 + i % 3 * 8)),
    tlv(5, Uint8Array.of(5)),
    tlv(6, ascii(`switch-${i}`)),
    tlv(7, u32(Math.floor(r() * 2 ** 32))),
  ];
  if (i % 6 === 3) tlvs.push(tlv(0x20, ascii("extra")));
  return bytes((ver << 5) | code, flags, u16(0x1234 + i), ...tlvs.slice(0, 7 - (i % 4)));
}
const UDLD_BAD: Uint8Array[] = [
  bytes(0x21, 0x01, 0x00),
  bytes(0x21, 0x01, u16(0)),
  bytes(0x21, 0x01, u16(0), u16(1)), // a TLV header cut short
  bytes(0x21, 0x01, u16(0), u16(1), u16(4)), // a TLV with no value
  bytes(0x21, 0x01, u16(0), tlv(4, bytes(1, 2))), // an interval of 2 bytes
  bytes(0x21, 0x01, u16(0), tlv(7, bytes(1, 2))), // a short sequence number
  bytes(0x21, 0x01, u16(0), u16(6), u16(30), ascii("name")), // past the end
  bytes(0xff, 0xff, u16(0xffff), tlv(3, ascii("\x01\x7f\xff"))),
];

const domain32 = (name: string) => {
  const b = new Uint8Array(32);
  b.set(ascii(name).subarray(0, 32));
  return b;
};
const vtpHeader = (code: number, third: number, name: string, len = name.length) =>
  bytes(1, code, third, len, domain32(name));
/** A VLAN info field: fixed part, name padded to 4 bytes, then 1-byte type/1-word TLVs. */
function vlanInfo(id: number, name: string, status = 0, type = 1, tlvs: number[][] = []) {
  const padded = new Uint8Array(4 * Math.ceil(name.length / 4));
  padded.set(ascii(name));
  const t = bytes(...tlvs.map((x) => Uint8Array.from(x)));
  const body = bytes(status, type, name.length, u16(id), u16(1500), u32(0x100000 + id), padded, t);
  return bytes(body.length + 1, body);
}
function vtp(r: () => number, i: number): Uint8Array {
  const name = ["lab", "campus-core", "x".repeat(32), "d\0"][i % 4]!;
  switch (i % 4) {
    case 0:
      return bytes(
        vtpHeader(1, i % 3, name),
        u32(0x10 + i),
        ip4(`10.0.0.${i}`),
        ascii("930301000012"),
        bytes(...Array.from({ length: 16 }, () => Math.floor(r() * 256))),
      );
    case 1: {
      const tlvs = [
        [[3, 1, 0, 1], [6, 1, 0, 1]],
        [[7, 1, 0, 2], [9, 1, 0, 7], [10, 1, 0, 1]],
        [[1, 1, 0x0f, 0xff], [2, 1, 0, 3], [8, 1, 0, 7]],
        [[4, 1, 0, 1], [5, 1, 0, 1], [0x33, 1, 1, 2]],
      ][(i >> 2) % 4]!;
      return bytes(
        vtpHeader(2, 1 + i % 2, name),
        u32(0x20 + i),
        vlanInfo(1, "default"),
        vlanInfo(100 + i, "users", i % 3, 1 + i % 6, tlvs),
        vlanInfo(1002, "fddi-default", 1, 2),
      );
    }
    case 2:
      return bytes(vtpHeader(3, 0, name), u32(i));
    default:
      return bytes(vtpHeader(i % 8 === 3 ? 4 : 9, 0, name), u32(i));
  }
}
const VTP_BAD: Uint8Array[] = [
  bytes(1, 1, 0, 3, ascii("lab")),
  bytes(vtpHeader(1, 0, "lab", 0)),
  bytes(vtpHeader(1, 0, "lab", 33), u32(1)),
  bytes(vtpHeader(2, 1, "lab"), u32(1), bytes(8, 0, 1, 4, 0, 1, 5, 220)), // a VLAN info under 12
  bytes(vtpHeader(2, 1, "lab"), u32(1), bytes(14, 0, 1, 9, u16(5), u16(1500), u32(5), 0, 0)), // name past it
  bytes(vtpHeader(2, 1, "lab"), u32(1), bytes(vlanInfo(5, "v5", 0, 1, [[6, 2, 0, 1, 0, 0]]))), // TLV of 2 words
  bytes(vtpHeader(2, 1, "lab"), u32(1), bytes(vlanInfo(5, "v5", 0, 1, [[6]]))), // a lone TLV byte
  bytes(
    vtpHeader(2, 1, "lab"),
    u32(1),
    bytes(16, 0, 1, 2, u16(5), u16(1500), u32(5), 0x76, 0x35, 0, 0, 6, 3),
  ),
  bytes(vtpHeader(2, 1, "lab"), u32(1), 0, 0, 0),
  bytes(vtpHeader(1, 0, "lab"), u32(1)),
];

function variants(n: number, seed: number, make: (r: () => number, i: number) => Uint8Array) {
  const r = prng(seed);
  return Array.from({ length: n }, (_, i) => make(r, i));
}
/** Whole frames, then every `cuts` frame cut after `at` bytes of its body. */
function frames(
  wrap: (pid: number, body: Uint8Array) => Uint8Array,
  pid: number,
  bodies: Uint8Array[],
  cuts: number[],
): Packet[] {
  const whole = bodies.map((b) => ({ data: wrap(pid, b) }));
  const cut = cuts.map((at, k) => {
    const d = wrap(pid, bodies[k % bodies.length]!);
    const head = d.length - bodies[k % bodies.length]!.length;
    return { data: d.subarray(0, head + at), wireLen: d.length };
  });
  return [...whole, ...cut];
}

const DTPS = [...variants(16, 41, dtp), ...DTP_BAD];
const UDLDS = [...variants(18, 42, udld), ...UDLD_BAD];
const VTPS = [...variants(20, 43, vtp), ...VTP_BAD];

export const CISCO_L2_CASES: Case[] = [
  { name: "dtp", linkType: 1, packets: frames(eth, DTP, DTPS, [0, 3, 9, 17, 30]), link: true },
  { name: "udld", linkType: 1, packets: frames(eth, UDLD, UDLDS, [1, 4, 10, 22, 41]), link: true },
  {
    name: "vtp",
    linkType: 1,
    packets: frames(eth, VTP, VTPS, [2, 20, 36, 50, 75, 90]),
    link: true,
  },
  {
    name: "snap_unknown",
    linkType: 1,
    packets: [
      { data: eth(0x0001, ascii("abcdefgh"), undefined, 0x123456) },
      { data: eth(0x2001, ascii("cgmp"), undefined) },
      { data: eth(0x9999, ascii("abcd"), undefined, 0) },
      { data: eth(0x0003, ascii("tr"), undefined, 0x0080c2) },
      { data: llc(0xaa, 0xaa, 0x03, bytes(0, 0, 0x0c, 0x20), CISCO_MC) },
    ],
    link: true,
  },
  {
    name: "fr_snap_cisco",
    linkType: 107,
    packets: [
      ...frames(fr, DTP, DTPS.slice(0, 8), [5]),
      ...frames(fr, UDLD, UDLDS.slice(0, 8), [7]),
      ...frames(fr, VTP, VTPS.slice(0, 8), [40]),
    ],
    link: true,
  },
];

/** CDP with one 6-byte TLV of every type up to 0x2f: tcpdump names, decodes or dumps each. */
CISCO_L2_CASES.push({
  name: "cdp_tlv_types",
  linkType: 1,
  packets: Array.from({ length: 48 }, (_, t) => ({
    data: eth(0x2000, bytes(0x02, 0xb4, u16(0xf0a8), u16(t), u16(10), ascii("link-a"))),
  })),
});
