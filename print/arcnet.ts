// LINKTYPE_ARCNET_LINUX as tcpdump 4.99 prints it (print-arcnet.c): Linux's ARCnet header
// (source, destination, a 2-byte offset, the protocol; new-style protocols add flag and
// sequence id), shown with -e, then IP, IPv6, ARP or IPX (AppleTalk is not decoded here).

import type { Ctx } from "./_ctx.ts";

/** Header lengths: old-style protocols (IP, ARP, diagnostics) 5 bytes, others 8. */
const ARC_LINUX_HDRLEN = 5;
const ARC_LINUX_HDRNEWLEN = 8;
const ARCTYPE = {
  IP_OLD: 240,
  ARP_OLD: 241,
  IP: 212,
  ARP: 213,
  REVARP: 214,
  IPX: 250,
  INET6: 0xc4,
  DIAGNOSE: 0x80,
};
/** Names of protocol numbers, as arcnet_print() shows them. */
const ARC_TYPE_NAMES: Record<number, string> = {
  240: "oldip",
  241: "oldarp",
  212: "ip",
  213: "arp",
  214: "rarp",
  221: "atalk",
  247: "banyan",
  250: "ipx",
  0xc4: "ipv6",
  0x80: "diag",
};

/** arcnet_linux_if_print(); returns the header length. */
export function arcnetLinuxPrint(c: Ctx, wireLen: number): number {
  c.proto = "arcnet_linux";
  if (c.end < ARC_LINUX_HDRLEN) {
    c.trunc();
    return c.end;
  }
  const type = c.u8(4);
  const old = type === ARCTYPE.IP_OLD || type === ARCTYPE.ARP_OLD || type === ARCTYPE.DIAGNOSE;
  const hdrLen = old ? ARC_LINUX_HDRLEN : ARC_LINUX_HDRNEWLEN;
  if (c.end < hdrLen) {
    c.trunc();
    return c.end;
  }
  if (c.f.e) {
    // arcnet_print() reads the type where the BSD header has it (byte 2, here the offset).
    const shown = c.u8(2);
    const name = ARC_TYPE_NAMES[shown] ?? shown.toString(16).padStart(2, "0");
    const hex = (o: number) => c.u8(o).toString(16).padStart(2, "0");
    c.print(
      c.f.q ? `${hex(0)} ${hex(1)} ${wireLen}: ` : `${hex(0)} ${hex(1)} ${name} ${wireLen}: `,
    );
  }
  c.llHdrLen = hdrLen;
  const length = wireLen - hdrLen;
  if (type === ARCTYPE.IP_OLD || type === ARCTYPE.IP) c.d.ip(c, hdrLen, length);
  else if (type === ARCTYPE.INET6) c.d.ip6(c, hdrLen, length);
  else if (type === ARCTYPE.ARP_OLD || type === ARCTYPE.ARP || type === ARCTYPE.REVARP) {
    c.d.ethertype(c, 0x0806, hdrLen, length);
  } else if (type === ARCTYPE.IPX) c.d.ipx(c, hdrLen, length);
  else c.defaultPrint(hdrLen, c.end - hdrLen);
  return hdrLen;
}
