// Golden cases for the Juniper link types that carry more than a plain frame (print-juniper.c
// of tcpdump 4.99): JUNIPER_FRELAY (a Q.922 frame), JUNIPER_PPPOE_ATM (an EtherType, then
// PPPoE), JUNIPER_GGSN (the GGSN header is the PIC cookie), JUNIPER_ES (the IPsec SA header),
// JUNIPER_MONITOR and JUNIPER_SERVICES (a PIC header, then tcpdump's IP guess at that header),
// with the MGC header variants, extensions, no-L2 guesses and cut headers of juniper_ether.

import { bytes, ip4, u16, u32 } from "./_build.ts";
import type { Case } from "./_golden.ts";
import { ip, juniperPackets } from "./_corpus_juniper.ts";

const DLCI100 = [0x18, 0x41];
const frFrame = (i: number) => {
  switch (i % 4) {
    case 0:
      return bytes(DLCI100, 0x03, 0xcc, ip(i));
    case 1:
      return bytes(DLCI100, 0x03, 0x8e, ip(i));
    case 2:
      return bytes(DLCI100, u16(0x0800), ip(i));
    default:
      return bytes(DLCI100, 0x03, 0x00, 0x80, 0, 0, 0, u16(0x0800), ip(i));
  }
};
const pppoeAtmFrame = (i: number) => {
  switch (i % 4) {
    case 0:
      return bytes(u16(0x8864), 0x11, 0x00, u16(0x1234), u16(ip(i).length + 2), u16(0x0021), ip(i));
    case 1:
      return bytes(u16(0x8863), 0x11, 0x09, 0x00, 0x00, u16(4), u16(0x0101), u16(0));
    case 2:
      return bytes(u16(0x0800), ip(i));
    default:
      return bytes(u16(0x1234), 0, 0);
  }
};
/** A GGSN cookie: service ID, flags/length, protocol (IPv4, IPv6, Null, other), flags, VLAN. */
const ggsnFrame = (i: number) => {
  const proto = [2, 6, 1, 9][i % 4]!;
  return bytes(i % 5 === 4 ? 0x47 : 3, 0x10, proto, 0, u16(100 + i), 0, 0, ip(i));
};
const PIC_COOKIE = (i: number) =>
  i % 3 === 1 ? [0x47, 1, 2, 3, 4, 5, 6, 7] : [1, 2, 3, 4, 5, 6, 7, 8];
/** Monitor and services PIC headers: the first byte decides tcpdump's IP guess. */
const picHeader = (i: number) =>
  bytes(i % 2 ? 0x45 : i % 4 === 2 ? 0x60 : 0x07, 0x11, u16(0x2233 + i), u32(0x01000000 + i));
const esFrame = (i: number) => {
  const type = [1, 2, 3, 4, 5, 0, 9][i % 7]!;
  const sa = bytes(u16(i), 64, type, u32(0x1000 + i), ip4("192.0.2.1"), ip4("198.51.100.1"));
  return type >= 3 && type <= 5 ? bytes(sa, new Uint8Array(0), ip(i)) : bytes(sa, ip(i));
};

export const JUNIPER2_CASES: Case[] = [
  { name: "juniper_frelay", linkType: 180, packets: juniperPackets(frFrame), link: true },
  { name: "juniper_pppoe_atm", linkType: 168, packets: juniperPackets(pppoeAtmFrame), link: true },
  { name: "juniper_ggsn", linkType: 133, packets: juniperPackets(ggsnFrame), link: true },
  {
    name: "juniper_monitor",
    linkType: 164,
    packets: juniperPackets((i) => bytes(PIC_COOKIE(i), picHeader(i), ip(i))),
    link: true,
  },
  {
    name: "juniper_services",
    linkType: 136,
    packets: juniperPackets((i) => bytes(PIC_COOKIE(i), picHeader(i), ip(i))),
    link: true,
  },
  { name: "juniper_es", linkType: 132, packets: juniperPackets(esFrame), link: true },
];
