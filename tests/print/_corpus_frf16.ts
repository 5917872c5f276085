// Golden cases for the Frame Relay leftovers of print-fr.c (tcpdump 4.99): RFC 1490 SNAP over
// LINKTYPE_FRELAY (routed EtherTypes, bridged Ethernet, BPDUs, Cisco CDP/PVST, unknown OUIs and
// PIDs printed as the frame's bytes) and LINKTYPE_MFR, FRF.16 multilink control frames with
// their information elements and fragmentation frames carrying a Q.922 frame.

import { bytes, ether, ip4, ipv6, type Packet, tcp4, u16, u32, udp4, udp6 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const ascii = (s: string) => new TextEncoder().encode(s);
const DLCI100 = [0x18, 0x41];
const fr = (nlpid: number, body: Uint8Array, addr = DLCI100) => bytes(addr, 0x03, nlpid, body);
const snap = (oui: number, pid: number, body: Uint8Array, addr = DLCI100) =>
  bytes(addr, 0x03, 0x00, 0x80, oui >> 16, u16(oui & 0xffff), u16(pid), body);
const arp = bytes(
  "0001 0800 0604 0001 0200 0000 0001",
  ip4("192.0.2.1"),
  "0000 0000 0000",
  ip4("192.0.2.2"),
);
const bpdu = bytes("000000000080000000000000010000000480000000000000018001000014000200 0f00");
const cdp = bytes("02b4 f0a8 0001 000a", ascii("link-a"));
const syn = (i: number) =>
  tcp4(`10.1.0.${i}`, "10.1.0.254", 1024 + i, 179, 0x02, new Uint8Array(0));
const udp = (i: number) => udp4("10.2.0.1", "10.2.0.2", 5000 + i, 53 + i, new Uint8Array(i));

const SNAP: Uint8Array[] = [
  snap(0, 0x0806, arp),
  snap(0, 0x0800, syn(1)),
  snap(0, 0x0800, udp(2)),
  snap(0, 0x86dd, udp6("2001:db8::1", "2001:db8::2", 546, 547, new Uint8Array(4))),
  snap(0, 0x86dd, ipv6("fe80::1", "ff02::1", 59, new Uint8Array(0))),
  snap(0x0080c2, 7, ether(0x0806, arp, "ff:ff:ff:ff:ff:ff", "02:00:00:00:00:01")),
  snap(0x0080c2, 7, ether(0x0800, syn(3), "02:00:00:00:00:02", "02:00:00:00:00:01")),
  snap(0x0080c2, 1, bytes(ether(0x0800, udp(4), "02:00:00:00:00:02"), u32(0xdeadbeef))),
  snap(0x0080c2, 14, bpdu),
  snap(0x00000c, 0x2000, cdp),
  snap(0x00000c, 0x010b, bpdu),
  snap(0x00000c, 0x010c, bpdu),
  snap(0x0000f8, 0x0800, syn(5)),
  snap(0x123456, 0x0001, ascii("abc")),
  snap(0, 0x9999, ascii("abcd")),
  snap(0x00000c, 0x2001, ascii("cgmp")),
  snap(0x0080c2, 6, ascii("xy")),
  snap(0x0080c2, 11, ascii("xy")),
  bytes(DLCI100, 0x03, 0x00, 0x80, 0x00, 0x00),
  snap(0, 0x0800, syn(6), [0x18, 0x40, 0x01]),
  snap(0, 0x0806, arp, [0x18, 0x40, 0x40, 0x01]),
  bytes(DLCI100, 0x03, 0x80, 0, 0, 0, u16(0x0800), syn(7)),
  snap(0, 0x8847, bytes(u32(0x0001f140), syn(8))),
  // STP times that are exact ties at the hundredth: printf rounds them to even
  ...[[0x20, 0x60, 0xa0, 0xe0], [0x120, 0x1a0, 0x2e0, 0xffe0], [0x0a, 0x0b, 0x7fa0, 0x8020]].map((
    [age, max, hello, fwd],
  ) =>
    snap(0x0080c2, 14, bytes(bpdu.subarray(0, 27), u16(age!), u16(max!), u16(hello!), u16(fwd!)))
  ),
];
const SNAP_CUT: Packet[] = [
  [snap(0, 0x0800, syn(9)), 20],
  [snap(0x0080c2, 7, ether(0x0800, syn(10))), 26],
  [snap(0x00000c, 0x2000, cdp), 13],
].map(([d, n]) => ({
  data: (d as Uint8Array).subarray(0, n as number),
  wireLen: (d as Uint8Array).length,
}));

const ie = (type: number, value: Uint8Array) => bytes(type, value.length + 2, value);
const control = (msg: number, ...ies: Uint8Array[]) => bytes(0xe1, 0x00, msg, ...ies);
const timeval = (sec: number, usec: number) => {
  const v = new DataView(new ArrayBuffer(16));
  v.setUint32(0, sec, true);
  v.setUint32(8, usec, true);
  return new Uint8Array(v.buffer);
};

const MFR: Uint8Array[] = [
  control(1, ie(1, ascii("bundle1\0")), ie(2, ascii("link-a")), ie(3, u32(0xdeadbeef))),
  control(2, ie(1, ascii("bundle1")), ie(2, ascii("link-b")), ie(3, u32(7))),
  control(3, ie(1, ascii("bundle2")), ie(7, bytes(5))),
  control(4, ie(3, u32(0x12345678)), ie(5, timeval(1700000123, 456789))),
  control(5, ie(3, u32(0x12345678)), ie(5, timeval(86399, 1))),
  control(6, ie(2, ascii("link\x01\x7f\xe9"))),
  control(7, ie(2, ascii("l")), ie(6, bytes(u32(0x009069), 1, 2, 3))),
  control(4, ie(5, bytes(u32(1), u32(2)))),
  control(9, ie(7, bytes(5)), ie(0x20, ascii("xy"))),
  control(4, ie(1, ascii("x".repeat(60)))),
  control(1, ie(0, ascii("zz")), ie(1, ascii("never"))),
  control(1, bytes(1, 2), ie(1, ascii("never"))),
  control(1, bytes(2, 1)),
  control(2),
  control(1, ie(1, ascii("b")), bytes(3)),
  bytes(0xc1, 0x05, fr(0xcc, syn(11))),
  bytes(0x81, 0x06, fr(0x8e, udp6("2001:db8::1", "2001:db8::2", 9, 9, new Uint8Array(2)))),
  bytes(0x9f, 0xff, fr(0xcc, udp(12))),
  bytes(0xc1, 0x07, snap(0, 0x0806, arp)),
  bytes(0x01, 0x23, ascii("middle of a frame")),
  bytes(0x41, 0x24, ascii("end")),
  bytes(0xe1, 0x05, ascii("ctl!")),
  bytes(0x21, 0x00, ascii("c only")),
  bytes(0xa1, 0x00, ascii("b+c")),
  bytes(0xe1, 0x00),
  // a Magic Number IE of other than 4 bytes, then the walk goes on
  control(1, ie(3, bytes(1))),
  control(2, ie(3, u16(7)), ie(2, ascii("l2"))),
  control(1, ie(3, new Uint8Array(7)), ie(1, ascii("b"))),
  // Timestamp IEs tcpdump cannot convert (seconds with bit 31 set)
  control(4, ie(5, timeval(0x80000000, 5))),
  control(4, ie(3, u32(1)), ie(5, timeval(0xfedcba98, 999999))),
];
const MFR_CUT: Packet[] = [
  [MFR[0]!, 12],
  [MFR[3]!, 16],
  [MFR[9]!, 20],
  [MFR[15]!, 10],
  [MFR[19]!, 6],
  [MFR[0]!, 1],
].map(([d, n]) => ({
  data: (d as Uint8Array).subarray(0, n as number),
  wireLen: (d as Uint8Array).length,
}));

export const FRF16_CASES: Case[] = [
  {
    name: "fr_snap",
    linkType: 107,
    packets: [...SNAP.map((data) => ({ data })), ...SNAP_CUT],
    link: true,
  },
  {
    name: "mfr",
    linkType: 182,
    packets: [...MFR.map((data) => ({ data })), ...MFR_CUT],
    link: true,
  },
];
