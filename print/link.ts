// Link layers as tcpdump 4.99 prints them: print-ether.c (Ethernet II, 802.3, 802.1Q/QinQ),
// print-llc.c (SNAP only), print-sll.c (Linux cooked v1 and v2), print-arp.c, print-null.c.

import { bits, BSD_AF, type Ctx, hex, hexAscii, tok, Truncated } from "./_ctx.ts";
import { ETHERTYPE_NAMES } from "../protocols.ts";
import { OUI } from "./_oui.ts";
import { mpcpPrint, rtlPrint } from "./mpcp.ts";
import { geonetPrint } from "./geonet.ts";

/** The VLAN tag EtherTypes ether_print() steps over (802.1Q, 802.1ad, the old QinQ ones). */
const isVlanType = (t: number) =>
  t === 0x8100 || t === 0x88a8 || t === 0x9100 || t === 0x9200 || t === 0x9300;

/** ieee8021q_tci_string(). */
function tci(tag: number): string {
  return `vlan ${tag & 0xfff}, p ${tag >> 13}${tag & 0x1000 ? ", DEI" : ""}`;
}

function etherTypeText(c: Ctx, t: number): string {
  return c.f.q
    ? ETHERTYPE_NAMES[t] ?? `Unknown Ethertype (0x${hex(t)})`
    : `ethertype ${ETHERTYPE_NAMES[t] ?? "Unknown"} (0x${hex(t)})`;
}

/**
 * ethertype_print(): the network layer for an EtherType; false when tcpdump would not decode it
 * (the caller then prints the raw payload).
 */
export function ethertypePrint(
  c: Ctx,
  type: number,
  off: number,
  length: number,
  macOff = -1,
): boolean {
  switch (type) {
    case 0x8808:
      mpcpPrint(c, off, length);
      return true;
    case 0x8899:
      rtlPrint(c, off, length, macOff);
      return true;
    case 0x8947:
      geonetPrint(c, off, length, macOff);
      return true;
    case 0x0800:
      c.d.ip(c, off, length);
      return true;
    case 0x9000:
      c.d.loopback(c, off, length);
      return true;
    case 0x86dd:
      c.d.ip6(c, off, length);
      return true;
    case 0x0806:
    case 0x8035:
      arpPrint(c, off, length);
      return true;
    case 0x8847:
    case 0x8848:
      c.d.mpls(c, off, length);
      return true;
    case 0x888e:
      c.d.eapol(c, off, length);
      return true;
    case 0x8809:
      c.d.slow(c, off, length);
      return true;
    case 0x8863:
    case 0x8864:
      c.d.pppoe(c, off, length);
      return true;
    case 0x88cc:
      c.d.lldp(c, off, length);
      return true;
    case 0x88f7:
      c.d.ptp(c, off, length);
      return true;
    case 0x894f:
      c.d.nsh(c, off, length);
      return true;
    case 0x88a2:
      c.d.aoe(c, off, length);
      return true;
    case 0x88ca:
      c.d.tipc(c, off, length);
      return true;
    case 0x8902:
    case 0xabcd:
      c.d.cfm(c, off, length);
      return true;
    case 0x809b:
      if (c.f.v) c.print("et1 ");
      c.d.atalk(c, off, length);
      return true;
    case 0x80f3:
      c.d.aarp(c, off, length);
      return true;
    case 0x8137:
      c.print("(NOV-ETHII) ");
      c.d.ipx(c, off, length);
      return true;
    default:
      return false;
  }
}

/** "src > dst, " of the Ethernet header at `off`. */
function etherAddrs(c: Ctx, off: number): void {
  c.print(`${c.mac(off + 6)} > ${c.mac(off)}, `);
}

/** ether_print() for a whole frame starting at `off`; returns the link header length. */
export function etherPrint(c: Ctx, off: number, wireLen: number): number {
  c.proto = "ether";
  const caplen = c.end - off;
  if (wireLen < caplen) {
    // an inner frame whose carrier claims fewer bytes than were captured after it
    c.print(`[length ${wireLen} < caplen ${caplen}] (invalid)`);
    return wireLen;
  }
  if (caplen < 14 || wireLen < 14) {
    c.trunc();
    return Math.min(caplen, wireLen);
  }
  // the addresses are formatted only where printed (-e, 802.3/LLC, an undecoded EtherType):
  // most lines never show them, and two MAC strings are a large share of a short line's cost
  let length = wireLen - 12, p = off + 12, hdrlen = 12;
  let printedLength = false;
  if (c.f.e) etherAddrs(c, off);
  for (;;) {
    const lt = c.u16(p);
    p += 2, length -= 2, hdrlen += 2;
    if (lt <= 1500) {
      // 802.3 length field: LLC follows.
      // a length field only ever shrinks what the frame says is there
      const len = Math.min(lt, length);
      if (c.f.e) {
        c.print("802.3");
        if (!printedLength) c.print(`, length ${len}: `);
        printedLength = true;
      }
      c.llHdrLen = hdrlen;
      // the captured data ends where the length field says the payload does (padding cut off)
      const src = c.mac(off + 6), dst = c.mac(off);
      const end = c.end;
      c.end = Math.min(end, p + len);
      const llc = llcPrint(c, p, len, src, dst);
      if (llc < 0) c.defaultPrint(p, Math.min(len, c.end - p));
      c.end = end;
      return hdrlen + Math.abs(llc);
    }
    if (isVlanType(lt)) {
      if (c.end - p < 4) {
        c.proto = "vlan";
        c.trunc();
        return hdrlen + Math.max(0, c.end - p);
      }
      if (c.f.e) {
        if (!printedLength) {
          c.print(etherTypeText(c, lt));
          c.print(`, length ${wireLen}: `);
          printedLength = true;
        } else {
          c.print(etherTypeText(c, lt) + ", ");
        }
        c.print(`${tci(c.u16(p))}, `);
      }
      p += 2, length -= 2, hdrlen += 2;
      continue;
    }
    if (c.f.e) {
      if (!printedLength) {
        c.print(etherTypeText(c, lt));
        c.print(`, length ${wireLen}: `);
        printedLength = true;
      } else {
        c.print(etherTypeText(c, lt) + ", ");
      }
    }
    c.llHdrLen = hdrlen;
    if (!ethertypePrint(c, lt, p, length, off)) {
      if (!c.f.e) {
        etherAddrs(c, off);
        c.print(etherTypeText(c, lt));
        c.print(`, length ${wireLen}: `);
      }
      c.defaultPrint(p, c.end - p);
    }
    return hdrlen;
  }
}

const LLC_SAP: Record<number, string> = {
  0x00: "Null",
  0x02: "802.1B I",
  0x04: "SNA",
  0x06: "IP",
  0x0e: "ProWay NM",
  0x42: "STP",
  0x4e: "RS511",
  0x7e: "ISO8208",
  0x8e: "ProWay",
  0xaa: "SNAP",
  0xe0: "IPX",
  0xf0: "NetBeui",
  0xfe: "OSI",
};

/** tcpdump's bridged_values: RFC 2684 (RFC 1490) bridged PIDs. */
const BRIDGED_PID: Record<number, string> = {
  1: "Ethernet + FCS",
  2: "802.4 + FCS",
  3: "Token Ring + FCS",
  4: "FDDI + FCS",
  5: "802.6 + FCS",
  7: "Ethernet w/o FCS",
  8: "802.4 w/o FCS",
  9: "Token Ring w/o FCS",
  10: "FDDI w/o FCS",
  11: "802.6 w/o FCS",
  14: "BPDU",
};
/** tcpdump's cisco_values: Cisco SNAP PIDs. */
const CISCO_PID: Record<number, string> = {
  0x2000: "CDP",
  0x2003: "VTP",
  0x2004: "DTP",
  0x0111: "UDLD",
  0x010b: "PVST",
  0x010c: "VLAN Bridge",
};

/** oui_to_struct_tok(): the PID names of an OUI. */
function pidName(oui: number, pid: number): string {
  const t = oui === 0 || oui === 0xf8 || oui === 0x080007
    ? ETHERTYPE_NAMES
    : oui === 0x00000c
    ? CISCO_PID
    : oui === 0x0080c2
    ? BRIDGED_PID
    : undefined;
  return t?.[pid] ?? "Unknown";
}

/**
 * snap_print(): the OUI and PID, then what they carry; false when tcpdump has no printer for
 * it (the caller prints the frame's bytes). `src` and `dst` are the link addresses printed
 * before an unknown PID ("" for none, as over Frame Relay and ATM); `pad` is the bridge padding
 * before a bridged frame (2 after an LLC header, none over Frame Relay). Token Ring and FDDI
 * frames are not decoded here.
 */
export function snapPrint(
  c: Ctx,
  off: number,
  length: number,
  src = "",
  dst = "",
  pad = 0,
): boolean {
  c.proto = "snap";
  if (!c.has(off, 5) || length < 5) {
    c.trunc();
    return true;
  }
  const oui = (c.u8(off) << 16) | c.u16(off + 1), pid = c.u16(off + 3);
  const text = `${oui === 0 ? "ethertype" : "pid"} ${pidName(oui, pid)} (0x${hex(pid)})`;
  const ouiText = `oui ${OUI[oui] ?? "Unknown"} (0x${hex(oui, 6)})`;
  if (c.f.e) c.print(`${ouiText}, ${text}, length ${length - 5}: `);
  const p = off + 5, len = length - 5;
  if (oui === 0 || oui === 0xf8) {
    if (ethertypePrint(c, pid, p, len)) return true;
  } else if (oui === 0x080007) {
    // Apple's own OUI with the AppleTalk EtherType as PID: printed as that EtherType
    if (pid === 0x809b && ethertypePrint(c, pid, p, len)) return true;
  } else if (oui === 0x00000c) {
    if (pid === 0x2000) {
      c.d.cdp(c, p, len);
      return true;
    }
    if (pid === 0x010b || pid === 0x010c) {
      stpPrint(c, p, len);
      return true;
    }
    if (pid === 0x2004 || pid === 0x0111 || pid === 0x2003) {
      (pid === 0x2004 ? c.d.dtp : pid === 0x0111 ? c.d.udld : c.d.vtp)(c, p, len);
      return true;
    }
  } else if (oui === 0x0080c2) {
    if (pid === 1 || pid === 7) {
      c.tcheck(p, pad);
      c.d.ether(c, p + pad, len - pad);
      return true;
    }
    if (pid === 3 || pid === 9) {
      // the Access Control field follows the padding
      c.tcheck(p, pad);
      c.d.token(c, p + pad, len - pad);
      return true;
    }
    if (pid === 4 || pid === 10) {
      c.tcheck(p, pad + 1);
      c.d.fddi(c, p + pad + 1, len - pad - 1);
      return true;
    }
    if (pid === 14) {
      stpPrint(c, p, len);
      return true;
    }
  }
  if (!c.f.e) {
    c.print(
      `${src === "" ? "" : `${src} > ${dst} `}SNAP, ${
        oui === 0 ? "" : `${ouiText}, `
      }${text}, length ${len}: `,
    );
  }
  return false;
}

/**
 * llc_print() for SNAP with an Ethernet OUI, the only LLC payload decoded here; returns the LLC
 * header length, negated when the payload is unknown (printed raw by the caller).
 */
export function llcPrint(c: Ctx, off: number, length: number, src: string, dst: string): number {
  c.proto = "llc";
  if (length < 3 || c.end - off < 3) {
    c.trunc();
    return -Math.max(0, Math.min(3, c.end - off));
  }
  const dsap = c.u8(off), ssap = c.u8(off + 1), ctl = c.u8(off + 2);
  if (dsap === 0xff && ssap === 0xff) {
    // Novell "raw 802.3": an IPX header (checksum 0xffff) right after the length field
    if (c.f.e) c.print("IPX 802.3: ");
    c.d.ipx(c, off, length);
    return 0;
  }
  const isU = (ctl & 3) === 3;
  if (!isU && (length < 4 || c.end - off < 4)) {
    // an I or S frame's control field is 2 bytes
    c.trunc();
    c.defaultPrint(off, c.end - off);
    return Math.min(length, c.end - off);
  }
  if (c.f.e) {
    c.print(
      `LLC, dsap ${LLC_SAP[dsap & 0xfe] ?? "Unknown"} (0x${hex(dsap & 0xfe, 2)}) ${
        dsap & 1 ? "Group" : "Individual"
      }, ssap ${LLC_SAP[ssap & 0xfe] ?? "Unknown"} (0x${hex(ssap & 0xfe, 2)}) ${
        ssap & 1 ? "Response" : "Command"
      }, ctrl 0x${hex(isU ? ctl : c.u8(off + 2) | (c.u8(off + 3) << 8), isU ? 2 : 4)}: `,
    );
  }
  // the SAP tests ignore the group and response bits, as print-llc.c does
  const d = dsap & 0xfe, s = ssap & 0xfe;
  if (d === 0x42 && s === 0x42 && ctl === 0x03) {
    stpPrint(c, off + 3, length - 3);
    return 3;
  }
  if (d === 0xfe && s === 0xfe && ctl === 0x03) {
    // llc_print() returns its 3 bytes after a printer's goto trunc: -x dumps from after them
    c.llHdrLen += 3;
    c.d.isoclns(c, off + 3, length - 3);
    return 3;
  }
  if (d === 0xe0 && s === 0xe0 && ctl === 0x03) {
    if (c.f.e) c.print("IPX 802.2: ");
    c.d.ipx(c, off + 3, length - 3);
    return 3;
  }
  if (d === 0xaa && s === 0xaa && ctl === 0x03) {
    if (
      c.has(off + 3, 3) && c.u8(off + 3) === 0 && (c.u16(off + 4) === 0 || c.u16(off + 4) === 0xf8)
    ) {
      c.llHdrLen += 8;
    }
    return snapPrint(c, off + 3, length - 3, src, dst, 2) ? 8 : -8;
  }
  if (!c.f.e) {
    const sap = (v: number, what: string) =>
      LLC_SAP[v & 0xfe] ?? `Unknown ${what} 0x${hex(v & 0xfe, 2)}`;
    if ((ssap & 0xfe) === (dsap & 0xfe)) c.print(`${src} > ${dst} ${sap(dsap, "DSAP")} `);
    else c.print(`${src} ${sap(ssap, "SSAP")} > ${dst} ${sap(dsap, "DSAP")} `);
  }
  if (isU) {
    c.print(
      `Unnumbered, ${U_CMD[ctl & 0xef] ?? hex(ctl & 0xef, 2)}, Flags [${
        LLC_FLAGS[(ssap & 1) | (ctl & 0x10)] ?? "?"
      }], length ${length}`,
    );
    return -3;
  }
  // I and S frames have a 2-byte control field, read little-endian (print-llc.c)
  const ctl2 = c.u8(off + 2) | (c.u8(off + 3) << 8);
  const flags = LLC_FLAGS[(ssap & 1) | (ctl2 & 0x0100)] ?? "?";
  if ((ctl2 & 1) === 0) {
    c.print(
      `Information, send seq ${(ctl2 >> 1) & 0x7f}, rcv seq ${
        (ctl2 >> 9) & 0x7f
      }, Flags [${flags}], length ${length}`,
    );
  } else {
    c.print(
      `Supervisory, ${
        ["Receiver Ready", "Receiver not Ready", "Reject", "?"][(ctl2 >> 2) & 3]
      }, rcv seq ${(ctl2 >> 9) & 0x7f}, Flags [${flags}], length ${length}`,
    );
    return 4; // tcpdump dumps the payload of I frames only
  }
  return -4;
}

const U_CMD: Record<number, string> = {
  0x03: "ui",
  0x43: "disc",
  0x0f: "dm",
  0x63: "ua",
  0x87: "frmr",
  0xaf: "xid",
  0xe3: "test",
  0x6f: "sabme",
};
const LLC_FLAGS: Record<number, string> = {
  0: "Command",
  1: "Response",
  0x10: "Poll",
  0x11: "Final",
  0x100: "Poll",
  0x101: "Final",
};

const SLL_PKTTYPE: Record<number, string> = { 0: "In", 1: "B", 2: "M", 3: "P", 4: "Out" };

function sllEtherText(t: number): string {
  if (t <= 1500) {
    return t === 1 ? "802.3" : t === 4 ? "802.2" : `ethertype Unknown (0x${hex(t)})`;
  }
  return `ethertype ${ETHERTYPE_NAMES[t] ?? "Unknown"} (0x${hex(t)})`;
}

/** sll_if_print() (LINKTYPE_LINUX_SLL, 16-byte header). */
export function sllPrint(c: Ctx, wireLen: number): number {
  c.proto = "sll";
  if (c.end < 16) {
    c.trunc();
    return c.end;
  }
  const header = () => {
    c.print(`${(SLL_PKTTYPE[c.u16(0)] ?? "?").padStart(3)} `);
    if (c.u16(4) === 6) c.print(`${c.mac(6)} `);
    if (!c.f.q) c.print(`${sllEtherText(c.u16(14))}, length ${wireLen}: `);
  };
  if (c.f.e) header();
  return cookedRest(c, 16, wireLen - 16, c.u16(14), () => {
    if (!c.f.e) header();
  });
}

/** sll2_if_print() (LINKTYPE_LINUX_SLL2, 20-byte header); the interface name comes from the option. */
export function sll2Print(c: Ctx, wireLen: number): number {
  c.proto = "sll2";
  if (c.end < 20) {
    c.trunc();
    return c.end;
  }
  const ifIndex = c.u32(4);
  c.print(`${(c.f.ifName(ifIndex) ?? "?").padEnd(5)} `);
  c.print(`${(SLL_PKTTYPE[c.u8(10)] ?? "?").padEnd(3)} `);
  const header = () => {
    c.print(`ifindex ${ifIndex} `);
    if (c.u8(11) === 6) c.print(`${c.mac(12)} `);
    if (!c.f.q) c.print(`${sllEtherText(c.u16(0))}, length ${wireLen}: `);
  };
  if (c.f.e) header();
  return cookedRest(c, 20, wireLen - 20, c.u16(0), () => {
    if (!c.f.e) header();
  });
}

function cookedRest(
  c: Ctx,
  p: number,
  length: number,
  type: number,
  headerIfNotE: () => void,
): number {
  let hdrlen = p;
  for (;;) {
    if (type <= 1500) {
      c.llHdrLen = hdrlen;
      if (type === 4 && c.end - p >= 3) {
        const llc = llcPrint(c, p, length, "", "");
        if (llc >= 0) return hdrlen;
        headerIfNotE();
      }
      // Other 802.3 payloads: tcpdump 4.99 prints only the raw bytes.
      c.defaultPrint(p, c.end - p);
      return hdrlen;
    }
    if (type === 0x8100) {
      if (c.end - p < 4) {
        c.proto = "vlan";
        c.trunc();
        return hdrlen + Math.max(0, c.end - p);
      }
      if (c.f.e) c.print(`${tci(c.u16(p))}, `);
      type = c.u16(p + 2);
      if (type <= 1500) type = 4;
      if (!c.f.q) c.print(`ethertype ${ETHERTYPE_NAMES[type] ?? "Unknown"}, `);
      p += 4, length -= 4, hdrlen += 4;
      continue;
    }
    c.llHdrLen = hdrlen;
    if (!ethertypePrint(c, type, p, length)) {
      headerIfNotE();
      c.defaultPrint(p, c.end - p);
    }
    return hdrlen;
  }
}

/**
 * LINKTYPE_RAW / IPV4 / IPV6: the IP version picks the printer. tcpdump 4.99.3 prints all three
 * with raw_if_print(), so an IPV4 record holding IPv6 prints as IPv6 and one of another version
 * as "unknown ip N".
 */
export function rawPrint(c: Ctx, wireLen: number): number {
  c.proto = "raw";
  if (c.end < 1) {
    c.trunc();
    return 0;
  }
  if (c.f.e) c.print("ip: ");
  const v = c.u8(0) >> 4;
  if (v === 4) c.d.ip(c, 0, wireLen);
  else if (v === 6) c.d.ip6(c, 0, wireLen);
  else c.print(`unknown ip ${v}`);
  return 0;
}

/** LINKTYPE_NULL / LOOP: a 4-byte address family in host (NULL) or network (LOOP) order. */
export function nullPrint(c: Ctx, wireLen: number): number {
  c.proto = "null";
  if (c.end < 4) {
    c.trunc();
    return c.end;
  }
  // null_if_print() serves both: the family read in the order tcpdump runs in (little-endian
  // here), byte-swapped when its upper half is not zero (so LOOP's network order comes out too)
  const swap = (v: number) =>
    ((v & 0xff) << 24 | (v & 0xff00) << 8 | (v >>> 8 & 0xff00) | v >>> 24) >>> 0;
  let fam = swap(c.u32(0));
  if ((fam & 0xffff0000) !== 0) fam = swap(fam);
  if (c.f.e) c.print(`AF ${BSD_AF[fam] ?? "Unknown"} (${fam}), length ${wireLen}: `);
  c.llHdrLen = 4;
  if (fam === 2) c.d.ip(c, 4, wireLen - 4);
  else if (fam === 24 || fam === 28 || fam === 30) c.d.ip6(c, 4, wireLen - 4);
  else if (fam === 7) c.d.isoclns(c, 4, wireLen - 4);
  else if (fam === 23) c.d.ipx(c, 4, wireLen - 4);
  else if (fam === 16) c.d.atalk(c, 4, wireLen - 4);
  else {
    if (!c.f.e) c.print(`AF ${BSD_AF[fam] ?? "Unknown"} (${fam}), length ${wireLen}: `);
    c.defaultPrint(4, c.end - 4);
  }
  return 4;
}

const ARPHRD: Record<number, string> = {
  1: "Ethernet",
  6: "TokenRing",
  7: "ArcNet",
  15: "FrameRelay",
  16: "ATM",
  19: "ATM",
  24: "IEEE 1394",
  31: "ATM",
  32: "InfiniBand",
};
const ARPOP: Record<number, string> = {
  1: "Request",
  2: "Reply",
  3: "Reverse Request",
  4: "Reverse Reply",
  8: "Inverse Request",
  9: "Inverse Reply",
  10: "NACK Reply",
};

/** arp_print(). */
export function arpPrint(c: Ctx, off: number, length: number): void {
  c.proto = "arp";
  c.need(off, 8);
  const hrd = c.u16(off), pro = c.u16(off + 2), hln = c.u8(off + 4), pln = c.u8(off + 5);
  const op = c.u16(off + 6);
  const sha = off + 8, spa = sha + hln, tha = spa + pln, tpa = tha + hln;
  if (!c.has(tpa, pln)) throw new Truncated();
  if (!c.f.e) c.print("ARP, ");
  const ipProto = pro === 0x0800 || pro === 0x1000;
  if (!ipProto || pln !== 4 || hln === 0 || c.f.v) {
    c.print(
      `${tok(ARPHRD, "Unknown Hardware (%u)", hrd)} (len ${hln}), ${
        tok(ETHERTYPE_NAMES, "Unknown Protocol (0x%04x)", pro)
      } (len ${pln})`,
    );
    if (!c.f.v) {
      c.print(`, length ${length}`);
      return;
    }
  }
  c.print(`${c.f.v ? ", " : ""}${tok(ARPOP, "Unknown (%u)", op)} `);
  const paddr = (at: number) =>
    !ipProto ? "<wrong proto type>" : pln !== 4 ? "<wrong len>" : c.ip4(at);
  const haddr = (at: number) => hln === 0 ? "<No address>" : c.mac(at, hln);
  switch (op) {
    case 1: {
      c.print(`who-has ${paddr(tpa)}`);
      let nonzero = false;
      for (let i = 0; i < hln; i++) if (c.u8(tha + i) !== 0) nonzero = true;
      if (nonzero) c.print(` (${haddr(tha)})`);
      c.print(` tell ${paddr(spa)}`);
      break;
    }
    case 2:
      c.print(`${paddr(spa)} is-at ${haddr(sha)}`);
      break;
    case 3:
    case 8:
      c.print(`who-is ${haddr(tha)} tell ${haddr(sha)}`);
      break;
    case 4:
      c.print(`${haddr(tha)} at ${paddr(tpa)}`);
      break;
    case 9:
      c.print(`${haddr(sha)} at ${paddr(spa)}`);
      break;
    default:
      // print-arp.c calls the raw printer itself, whatever -q/-x say
      c.print(hexAscii(c.b, off, c.end - off, "\n\t", 0));
      return;
  }
  c.print(`, length ${length}`);
}

const STP_FLAGS = [
  [0x01, "Topology change"],
  [0x02, "Proposal"],
  [0x10, "Learn"],
  [0x20, "Forward"],
  [0x40, "Agreement"],
  [0x80, "Topology change ACK"],
] as const;
const STP_VERSION: Record<number, string> = { 0: "802.1d", 2: "802.1w", 3: "802.1s", 4: "802.1aq" };
const STP_TYPE: Record<number, string> = {
  0x00: "Config",
  0x80: "Topology Change",
  0x02: "Rapid STP",
};

/** stp_print() for configuration and rapid-STP BPDUs; MSTP and SPB go to the MSTP printer. */
function stpPrint(c: Ctx, off: number, length: number): void {
  c.proto = "stp";
  const invalid = () => c.print(" (invalid)");
  if (length < 4) return invalid();
  if (c.u16(off) !== 0) {
    c.print(`unknown STP version, length ${length}`);
    return;
  }
  const version = c.u8(off + 2);
  c.print(`STP ${tok(STP_VERSION, "Unknown STP protocol (0x%02x)", version)}`);
  if (!(version in STP_VERSION)) return;
  const type = c.u8(off + 3);
  c.print(`, ${tok(STP_TYPE, "Unknown BPDU Type (0x%02x)", type)}`);
  const bridgeId = (at: number) => `${hex(c.u16(at))}.${c.plainMac(at + 2)}`;
  const config = () => {
    const flags = c.u8(off + 4);
    c.print(`, Flags [${bits(STP_FLAGS, "none", flags)}]`);
    c.print(`, bridge-id ${bridgeId(off + 17)}.${hex(c.u16(off + 25))}, length ${length}`);
    if (!c.f.v) return;
    const t = (at: number) => stpTime(c.u16(at));
    c.print(
      `\n\tmessage-age ${t(off + 27)}s, max-age ${t(off + 29)}s, hello-time ${
        t(off + 31)
      }s, forwarding-delay ${t(off + 33)}s`,
    );
    c.print(`\n\troot-id ${bridgeId(off + 5)}, root-pathcost ${c.u32(off + 13)}`);
    if (version === 2) {
      c.print(`, port-role ${["Unknown", "Alternate", "Root", "Designated"][(flags >> 2) & 3]}`);
    }
  };
  if (type === 0x00) {
    if (length < 35) return invalid();
    config();
  } else if (type === 0x02 && version === 2) {
    if (length < 36) return invalid();
    config();
  } else if (type === 0x02 && version >= 3) c.d.mstp(c, off, length);
}

/**
 * An STP time (1/256 s units) as printf("%.2f") prints it: glibc rounds an exact tie to the even
 * hundredth (0x20 is 0.125 s, printed 0.12), where toFixed() rounds it up.
 */
function stpTime(v: number): string {
  let q = Math.floor(v * 100 / 256);
  const r = (v * 100) % 256;
  if (r > 128 || (r === 128 && (q & 1) === 1)) q++;
  return `${Math.floor(q / 100)}.${String(q % 100).padStart(2, "0")}`;
}

/** unsupported_if_print(): a link type with no printer, its bytes in hex and ASCII. */
export function unsupportedPrint(c: Ctx): number {
  c.print("UNSUPPORTED");
  c.print(hexAscii(c.b, 0, c.end, "\n\t", 0));
  return 0;
}
