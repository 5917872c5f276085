// LINKTYPE_ARCNET (BSD) and LINKTYPE_ARCNET_LINUX as tcpdump 4.99 prints them (print-arcnet.c):
// the ARCnet header (source, destination, protocol; new-style protocols add a fragmentation
// flag and sequence id, in an exception frame after a 0xff flag; Linux's header has a 2-byte
// offset before the protocol), shown with -e, then IP, IPv6, ARP or IPX (AppleTalk is not
// decoded here).

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

const hex2 = (c: Ctx, o: number) => c.u8(o).toString(16).padStart(2, "0");

/** arcnet_print(): the header as -e shows it (the type read at byte 2, as tcpdump does). */
function arcnetHeader(c: Ctx, wireLen: number, phds: boolean, flag: number, seqid: number): void {
  if (c.f.q) {
    c.print(`${hex2(c, 0)} ${hex2(c, 1)} ${wireLen}: `);
    return;
  }
  const t = c.u8(2);
  const name = ARC_TYPE_NAMES[t] ?? t.toString(16).padStart(2, "0");
  const head = `${hex2(c, 0)} ${hex2(c, 1)} ${name}`;
  const seq = seqid.toString(16).padStart(4, "0");
  if (!phds) c.print(`${head} ${wireLen}: `);
  else if (flag === 0) c.print(`${head} seqid ${seq} ${wireLen}: `);
  else if (flag & 1) {
    c.print(`${head} seqid ${seq} (first of ${(flag + 3) >> 1} fragments) ${wireLen}: `);
  } else c.print(`${head} seqid ${seq} (fragment ${(flag >> 1) + 1}) ${wireLen}: `);
}

/** arcnet_encap_print(): the payload by protocol; false when it has no printer. */
function arcnetPayload(c: Ctx, type: number, off: number, length: number): boolean {
  if (type === ARCTYPE.IP_OLD || type === ARCTYPE.IP) c.d.ip(c, off, length);
  else if (type === ARCTYPE.INET6) c.d.ip6(c, off, length);
  else if (type === ARCTYPE.ARP_OLD || type === ARCTYPE.ARP || type === ARCTYPE.REVARP) {
    c.d.ethertype(c, 0x0806, off, length);
  } else if (type === ARCTYPE.IPX) c.d.ipx(c, off, length);
  else return false;
  return true;
}

/** arcnet_if_print() for BSD's ARCnet frames; returns the header length. */
export function arcnetPrint(c: Ctx, wireLen: number): number {
  c.proto = "arcnet";
  if (c.end < 3) {
    c.trunc();
    return c.end;
  }
  const type = c.u8(2);
  const phds = !(type === ARCTYPE.IP_OLD || type === ARCTYPE.ARP_OLD || type === ARCTYPE.DIAGNOSE);
  let hdrLen = 3, flag = 0, seqid = 0;
  if (phds) {
    if (c.end < 6) {
      arcnetHeader(c, wireLen, false, 0, 0);
      c.print(" phds");
      c.trunc();
      return c.end;
    }
    if (c.u8(3) === 0xff) {
      if (c.end < 10) {
        arcnetHeader(c, wireLen, false, 0, 0);
        c.print(" phds extended");
        c.trunc();
        return c.end;
      }
      flag = c.u8(7);
      seqid = c.u16(8);
      hdrLen = 10;
    } else {
      flag = c.u8(3);
      seqid = c.u16(4);
      hdrLen = 6;
    }
  }
  if (c.f.e) arcnetHeader(c, wireLen, phds, flag, seqid);
  c.llHdrLen = hdrLen;
  // A middle or last fragment carries no header of its own.
  if (phds && flag && (flag & 1) === 0) return hdrLen;
  if (!arcnetPayload(c, type, hdrLen, wireLen - hdrLen)) c.defaultPrint(hdrLen, c.end - hdrLen);
  return hdrLen;
}

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
  if (c.f.e) arcnetHeader(c, wireLen, false, 0, 0);
  c.llHdrLen = hdrLen;
  if (!arcnetPayload(c, type, hdrLen, wireLen - hdrLen)) c.defaultPrint(hdrLen, c.end - hdrLen);
  return hdrLen;
}
