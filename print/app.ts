// Smaller protocols tcpdump 4.99 decodes by default and a Linux host often sees: IGMP
// (print-igmp.c), GRE version 0 (print-gre.c), ESP (print-esp.c), NTP with its -v fields
// (print-ntp.c), the BOOTP/DHCP first line (print-bootp.c; its -v option list is not printed),
// syslog (print-syslog.c), VXLAN (print-vxlan.c) and the SSH banner (print-ssh.c).

import { bits, type Ctx, hex, hexOnly, tok } from "./_ctx.ts";
import { ip6Print, ipPrint } from "./ip.ts";
import { etherPrint } from "./link.ts";
import { ETHERTYPE_NAMES } from "../protocols.ts";

const IGMPV3_REC: Record<number, string> = {
  1: "is_in",
  2: "is_ex",
  3: "to_in",
  4: "to_ex",
  5: "allow",
  6: "block",
};

/** igmp_print(). */
export function igmpPrint(c: Ctx, off: number, len: number): void {
  c.proto = "igmp";
  if (c.f.q) {
    c.print("igmp");
    return;
  }
  const type = c.u8(off);
  switch (type) {
    case 0x11:
      c.print("igmp query");
      if (len >= 12) igmpv3Query(c, off, len);
      else {
        const mrc = c.u8(off + 1);
        if (mrc === 0) c.print(" v1");
        else {
          c.print(" v2");
          if (mrc !== 100) c.print(` [max resp time ${mrc}]`);
        }
        if (c.u32(off + 4) !== 0) c.print(` [gaddr ${c.ip4(off + 4)}]`);
        if (len !== 8) c.print(` [len ${len}]`);
      }
      break;
    case 0x12:
      c.print(`igmp v1 report ${c.ip4(off + 4)}`);
      if (len !== 8) c.print(` [len ${len}]`);
      break;
    case 0x16:
      c.print(`igmp v2 report ${c.ip4(off + 4)}`);
      break;
    case 0x22:
      c.print("igmp v3 report");
      igmpv3Report(c, off, len);
      break;
    case 0x17:
      c.print(`igmp leave ${c.ip4(off + 4)}`);
      break;
    default:
      c.print(`igmp-${type}`);
  }
  if (c.f.v && len >= 4 && c.has(off, len) && (~c.sum(off, len) & 0xffff) !== 0) {
    c.print(` bad igmp cksum ${c.u16(off + 2).toString(16)}!`);
  }
}

function igmpv3Query(c: Ctx, off: number, len: number): void {
  c.print(" v3");
  if ((len & 3) !== 0) {
    c.print(` [invalid len ${len}]`);
    return;
  }
  const mrc = c.u8(off + 1);
  const mrt = mrc < 128 ? mrc : ((mrc & 0x0f) | 0x10) << (((mrc & 0x70) >> 4) + 3);
  if (mrc !== 100) {
    c.print(" [max resp time ");
    c.print(mrt < 600 ? `${(mrt * 0.1).toFixed(1)}s` : relts(Math.floor(mrt / 10)));
    c.print("]");
  }
  if (c.u32(off + 4) === 0) return;
  c.print(` [gaddr ${c.ip4(off + 4)}`);
  const ns = c.u16(off + 10);
  if (ns > 0) {
    if (len < 12 + (ns << 2)) c.print(" [invalid number of sources]");
    else if (c.f.v > 1) {
      c.print(" {");
      for (let i = 0; i < ns; i++) c.print(` ${c.ip4(off + 12 + (i << 2))}`);
      c.print(" }");
    } else c.print(`, ${ns} source(s)`);
  }
  c.print("]");
}

function igmpv3Report(c: Ctx, off: number, len: number): void {
  if (len < 8 || (len & 3) !== 0) {
    c.print(` [invalid len ${len}]`);
    return;
  }
  const n = c.u16(off + 6);
  c.print(`, ${n} group record(s)`);
  if (!c.f.v) return;
  let g = 8;
  for (let i = 0; i < n; i++) {
    if (len < g + 8) {
      c.print(" [invalid number of groups]");
      return;
    }
    c.print(` [gaddr ${c.ip4(off + g + 4)}`);
    c.print(` ${tok(IGMPV3_REC, " [v3-report-#%u]", c.u8(off + g))}`);
    const ns = c.u16(off + g + 2);
    if (len < g + 8 + (ns << 2)) {
      c.print(` [invalid number of sources ${ns}]`);
      return;
    }
    if (c.f.v === 1) c.print(`, ${ns} source(s)`);
    else {
      c.print(" {");
      for (let j = 0; j < ns; j++) c.print(` ${c.ip4(off + g + 8 + (j << 2))}`);
      c.print(" }");
    }
    g += 8 + (ns << 2);
    c.print("]");
  }
}

function relts(secs: number): string {
  let s = "";
  for (const [n, u] of [[86400, "d"], [3600, "h"], [60, "m"], [1, "s"]] as const) {
    if (secs >= n) {
      s += `${Math.floor(secs / n)}${u}`;
      secs %= n;
    }
  }
  return s || "0s";
}

const GRE_FLAGS = [
  [0x8000, "checksum present"],
  [0x4000, "routing present"],
  [0x2000, "key present"],
  [0x1000, "seq# present"],
  [0x0800, "strict source route"],
  [0x0080, "ack present"],
] as const;

/** gre_print() for version 0 (IPv4, IPv6 and Ethernet payloads). */
export function grePrint(c: Ctx, off: number, length: number): void {
  c.proto = "gre";
  let len = length, bp = off;
  c.tcheck(bp, 2);
  const flags = c.u16(bp);
  const vers = flags & 7;
  c.print(`GREv${vers}`);
  if (vers !== 0) {
    c.print(" ERROR: unknown-version");
    return;
  }
  if (c.f.v) c.print(`, Flags [${bits(GRE_FLAGS, "none", flags)}]`);
  bp += 2, len -= 2;
  const prot = c.u16(bp);
  bp += 2, len -= 2;
  if ((flags & 0x8000) || (flags & 0x4000)) c.tcheck(bp + 2, 4);
  if (flags & 0x2000) c.tcheck(bp + ((flags & 0xc000) ? 4 : 0), 4);
  if ((flags & 0x8000) || (flags & 0x4000)) {
    if (c.f.v) c.print(`, sum 0x${c.u16(bp).toString(16)}`);
    bp += 2, len -= 2;
    c.print(`, off 0x${c.u16(bp).toString(16)}`);
    bp += 2, len -= 2;
  }
  if (flags & 0x2000) {
    c.print(`, key=0x${c.u32(bp).toString(16)}`);
    bp += 4, len -= 4;
  }
  if (flags & 0x1000) {
    c.print(`, seq ${c.u32(bp)}`);
    bp += 4, len -= 4;
  }
  if (flags & 0x4000) return; // source routes: not decoded
  if (c.f.e) c.print(`, proto ${ETHERTYPE_NAMES[prot] ?? "unknown"} (0x${hex(prot)})`);
  c.print(`, length ${length}`);
  c.print(c.f.v < 1 ? ": " : "\n\t");
  switch (prot) {
    case 0x0800:
      ipPrint(c, bp, len);
      break;
    case 0x86dd:
      ip6Print(c, bp, len);
      break;
    case 0x6558:
      etherPrint(c, bp, len);
      break;
    default:
      c.print(`gre-proto-0x${prot.toString(16)}`);
  }
}

/** esp_print(): the SPI and sequence number; the payload is encrypted. */
export function espPrint(c: Ctx, off: number, length: number): void {
  c.proto = "esp";
  c.tcheck(off, 9); // print-esp.c wants data after the 8-byte header (">= snapend")
  c.print(
    `ESP(spi=0x${hex(c.u32(off), 8)},seq=0x${c.u32(off + 4).toString(16)}), length ${length}`,
  );
}

const NTP_MODE: Record<number, string> = {
  0: "unspecified",
  1: "Symmetric Active",
  2: "Symmetric Passive",
  3: "Client",
  4: "Server",
  5: "Broadcast",
  6: "Control Message",
  7: "Reserved",
};

const NTP_LEAP: Record<number, string> = {
  0: "",
  0x40: "+1s",
  0x80: "-1s",
  0xc0: "clock unsynchronized",
};
const NTP_JAN_1970 = 2208988800;

/** ntp_print(): version, mode and length; with -v the time or control message fields. */
export function ntpPrint(c: Ctx, off: number, length: number): void {
  c.proto = "ntp";
  const status = c.u8(off);
  const mode = status & 7;
  c.print(`NTPv${(status >> 3) & 7}, ${tok(NTP_MODE, "Unknown mode", mode)}, length ${length}`);
  if (!c.f.v) return;
  c.print(`\n\tLeap indicator: ${NTP_LEAP[status & 0xc0]} (${status & 0xc0})`);
  if (mode <= 5) ntpTime(c, off, length);
  else if (mode === 6) ntpControl(c, off, length);
}

/** A 64-bit NTP timestamp: seconds.nanoseconds since 1900, and the UTC date when set. */
function ntpTimestamp(c: Ctx, at: number): string {
  const i = c.u32(at), uf = c.u32(at + 4);
  let s = `${i}.${String(Math.floor((uf / 4294967296) * 1e9)).padStart(9, "0")}`;
  if (i) s += ` (${new Date((i - NTP_JAN_1970) * 1000).toISOString().slice(0, 19)}Z)`;
  return s;
}

/** p_ntp_delta(): a timestamp minus the originator's, with a sign (64-bit arithmetic). */
function ntpDelta(c: Ctx, oat: number, at: number): string {
  const u = c.u32(at), uf = c.u32(at + 4), ou = c.u32(oat), ouf = c.u32(oat + 4);
  if (ou === 0 && ouf === 0) return ntpTimestamp(c, at);
  let i = u - ou, f: number, neg: boolean;
  if (i > 0) {
    neg = false;
    f = (uf - ouf) >>> 0;
    if (ouf > uf) i -= 1;
  } else if (i < 0) {
    neg = true;
    f = (ouf - uf) >>> 0;
    if (uf > ouf) i += 1;
    i = -i;
  } else if (uf > ouf) {
    neg = false;
    f = uf - ouf;
  } else {
    neg = true;
    f = ouf - uf;
  }
  return `${neg ? "-" : "+"}${i}.${String(Math.floor((f / 4294967296) * 1e9)).padStart(9, "0")}`;
}

/** ntp_time_print(). */
function ntpTime(c: Ctx, off: number, length: number): void {
  if (length < 48) {
    c.print(" (invalid)");
    return;
  }
  const stratum = c.u8(off + 1);
  const sname = stratum === 0
    ? "unspecified"
    : stratum === 1
    ? "primary reference"
    : stratum <= 15
    ? "secondary reference"
    : "reserved";
  c.print(`, Stratum ${stratum} (${sname})`);
  const poll = (c.u8(off + 2) << 24) >> 24;
  c.print(`, poll ${poll}`);
  if (poll > -32 && poll < 32) c.print(poll >= 0 ? ` (${2 ** poll}s)` : ` (1/${2 ** -poll}s)`);
  c.print(`, precision ${(c.u8(off + 3) << 24) >> 24}`);
  const sfix = (at: number) =>
    `${c.u16(at)}.${String(Math.floor((c.u16(at + 2) / 65536) * 1000000)).padStart(6, "0")}`;
  c.print(`\n\tRoot Delay: ${sfix(off + 4)}`);
  c.print(`, Root dispersion: ${sfix(off + 8)}`);
  c.tcheck(off + 12, 4);
  c.print(", Reference-ID: ");
  switch (stratum) {
    case 0:
      c.print("(unspec)");
      break;
    case 1:
      for (let k = 0; k < 4; k++) {
        let ch = c.u8(off + 12 + k);
        if (ch & 0x80) {
          c.print("M-");
          ch &= 0x7f;
        }
        c.print(
          ch < 0x20 || ch === 0x7f ? "^" + String.fromCharCode(ch ^ 0x40) : String.fromCharCode(ch),
        );
      }
      break;
    case 62:
      c.print(`${c.ip4(off + 12)} INFO_QUERY`);
      return;
    case 63:
      c.print(`${c.ip4(off + 12)} INFO_REPLY`);
      return;
    default:
      c.print(`0x${hex(c.u32(off + 12), 8)}`);
  }
  c.print(`\n\t  Reference Timestamp:  ${ntpTimestamp(c, off + 16)}`);
  c.print(`\n\t  Originator Timestamp: ${ntpTimestamp(c, off + 24)}`);
  c.print(`\n\t  Receive Timestamp:    ${ntpTimestamp(c, off + 32)}`);
  c.print(`\n\t  Transmit Timestamp:   ${ntpTimestamp(c, off + 40)}`);
  c.print(`\n\t    Originator - Receive Timestamp:  ${ntpDelta(c, off + 24, off + 32)}`);
  c.print(`\n\t    Originator - Transmit Timestamp: ${ntpDelta(c, off + 24, off + 40)}`);
  if (length === 52) c.print(`\n\tKey id: ${c.u32(off + 48)}`);
  else if (length === 68 || length === 72) {
    c.print(`\n\tKey id: ${c.u32(off + 48)}`);
    let a = "";
    for (let k = 0; k < (length - 52) / 4; k++) a += hex(c.u32(off + 52 + 4 * k), 8);
    c.print(`\n\tAuthentication: ${a}`);
  } else if (length > 48) c.print(`\n\t(${length - 48} more bytes after the header)`);
}

/** ntp_control_print() (mode 6). */
function ntpControl(c: Ctx, off: number, length: number): void {
  const control = c.u8(off + 1);
  c.print(`, ${control & 0x80 ? "Response" : "Request"}`);
  c.print(control & 0x40 ? ", Error" : ", OK");
  c.print(control & 0x20 ? ", More" : ", Last");
  c.print(`, OpCode=${control & 0x1f}`);
  c.print(`\n\tSequence=${c.u16(off + 2)}`);
  const status = c.u16(off + 4);
  c.print(`, Status=${status ? "0x" + status.toString(16) : "0"}`);
  c.print(`, Assoc.=${c.u16(off + 6)}`);
  c.print(`, Offset=${c.u16(off + 8)}`);
  const count = c.u16(off + 10);
  c.print(`, Count=${count}`);
  if (12 + count > length) c.print(" (invalid)");
  else if (count !== 0) {
    c.tcheck(off + 12, count);
    c.print("\n\tTO-BE-DONE: data not interpreted");
  }
}

/** tag2str of print-bootp.c: the first character says how the value prints. */
const DHCP_TAG: Record<number, string> = {
  0: " PAD",
  1: "iSubnet-Mask",
  2: "LTime-Zone",
  3: "iDefault-Gateway",
  4: "iTime-Server",
  5: "iIEN-Name-Server",
  6: "iDomain-Name-Server",
  7: "iLOG",
  8: "iCS",
  9: "iLPR-Server",
  10: "iIM",
  11: "iRL",
  12: "aHostname",
  13: "sBS",
  14: "aDP",
  15: "aDomain-Name",
  16: "iSS",
  17: "aRP",
  18: "aEP",
  19: "BIPF",
  20: "BSRT",
  21: "pPF",
  22: "sRSZ",
  23: "bTTL",
  24: "lMTU-Timeout",
  25: "sMTU-Table",
  26: "sMTU",
  27: "BLSN",
  28: "iBR",
  29: "BMD",
  30: "BMS",
  31: "BRouter-Discovery",
  32: "iRSA",
  33: "pStatic-Route",
  34: "BUT",
  35: "lAT",
  36: "BIE",
  37: "bTT",
  38: "lKI",
  39: "BKG",
  40: "aYD",
  41: "iYS",
  42: "iNTP",
  43: "bVendor-Option",
  44: "iNetbios-Name-Server",
  45: "iWDD",
  46: "$Netbios-Node",
  47: "aNetbios-Scope",
  48: "iXFS",
  49: "iXDM",
  50: "iRequested-IP",
  51: "lLease-Time",
  52: "$OO",
  53: " DHCP-Message",
  54: "iServer-ID",
  55: "bParameter-Request",
  56: "aMSG",
  57: "sMSZ",
  58: "lRN",
  59: "lRB",
  60: "aVendor-Class",
  61: "$Client-ID",
  64: "sN+D",
  65: "iN+S",
  66: "aTFTP",
  67: "aBF",
  68: "iMH",
  69: "iSMTP",
  70: "iPOP3",
  71: "iNNTP",
  72: "iWWW",
  73: "iFG",
  74: "iIRC",
  75: "iSTS",
  76: "iSTDA",
  77: "$User-Class",
  78: "bSLP-DA",
  79: "bSLP-SCOPE",
  81: "$FQDN",
  82: "$Agent-Information",
  118: "iSUBNET",
  121: "$Classless-Static-Route",
  150: "iTFTP-Server-Address",
  161: "aMUD-URL",
  249: "$Classless-Static-Route-Microsoft",
  255: " END",
};
const DHCP_MSG: Record<number, string> = {
  1: "Discover",
  2: "Offer",
  3: "Request",
  4: "Decline",
  5: "ACK",
  6: "NACK",
  7: "Release",
  8: "Inform",
};

/** nd_printjn(): `n` bytes as text, non-printable ones escaped (M- and ^). */
function printjn(c: Ctx, at: number, n: number): void {
  for (let i = 0; i < n; i++) {
    let ch = c.u8(at + i);
    if (ch & 0x80) {
      c.print("M-");
      ch &= 0x7f;
    }
    c.print(
      ch < 0x20 || ch === 0x7f ? "^" + String.fromCharCode(ch ^ 0x40) : String.fromCharCode(ch),
    );
  }
}

/** bootp_print(): the first line; with -v the addresses and the DHCP options (rfc1048_print). */
export function bootpPrint(c: Ctx, off: number, length: number): void {
  c.proto = "bootp";
  const op = c.u8(off);
  c.print(`BOOTP/DHCP, ${op === 1 ? "Request" : op === 2 ? "Reply" : `unknown (0x${hex(op, 2)})`}`);
  const htype = c.u8(off + 1), hlen = c.u8(off + 2);
  if (htype === 1 && hlen === 6 && op === 1) c.print(` from ${c.mac(off + 28)}`);
  c.print(`, length ${length}`);
  if (!c.f.v) return;
  c.tcheck(off + 8, 2);
  if (htype !== 1) c.print(`, htype ${htype}`);
  if (htype !== 1 || hlen !== 6) c.print(`, hlen ${hlen}`);
  if (c.u8(off + 3)) c.print(`, hops ${c.u8(off + 3)}`);
  if (c.u32(off + 4)) c.print(`, xid 0x${c.u32(off + 4).toString(16)}`);
  if (c.u16(off + 8)) c.print(`, secs ${c.u16(off + 8)}`);
  const flags = c.u16(off + 10);
  c.print(`, Flags [${flags & 0x8000 ? "Broadcast" : "none"}]`);
  if (c.f.v > 1) c.print(` (0x${hex(flags)})`);
  for (
    const [at, name] of [[12, "Client-IP"], [16, "Your-IP"], [20, "Server-IP"], [
      24,
      "Gateway-IP",
    ]] as const
  ) {
    if (c.u32(off + at)) c.print(`\n\t  ${name} ${c.ip4(off + at)}`);
  }
  if (htype === 1 && hlen === 6) c.print(`\n\t  Client-Ethernet-Address ${c.mac(off + 28)}`);
  for (const [at, size, name] of [[44, 64, "sname"], [108, 128, "file"]] as const) {
    if (!c.u8(off + at)) continue;
    c.print(`\n\t  ${name} "`);
    let i = 0;
    while (i < size && c.has(off + at + i, 1) && c.u8(off + at + i) !== 0) i++;
    printjn(c, off + at, i);
    c.print('"');
    if (i < size && !c.has(off + at + i, 1)) {
      c.trunc();
      return;
    }
  }
  c.tcheck(off + 236, 4);
  const magic = c.u32(off + 236);
  if (magic === 0x63825363) rfc1048(c, off + 236);
  else if (magic !== 0) c.print(`\n\t  Vend-#0x${magic.toString(16)}`);
}

function rfc1048(c: Ctx, bp: number): void {
  c.print("\n\t  Vendor-rfc1048 Extensions");
  c.print(`\n\t    Magic Cookie 0x${hex(c.u32(bp), 8)}`);
  bp += 4;
  while (c.has(bp, 1)) {
    const tag = c.u8(bp++);
    if (tag === 0 && c.f.v < 3) continue;
    if (tag === 255 && c.f.v < 3) return;
    const entry = DHCP_TAG[tag] ?? "?Unknown";
    let kind = entry[0]!;
    const name = entry.slice(1);
    let len = 0;
    if (tag !== 0 && tag !== 255) len = c.u8(bp++);
    c.print(`\n\t    ${name} (${tag}), length ${len}${len > 0 ? ": " : ""}`);
    if (tag === 0 && c.f.v > 2) {
      let n = 1;
      while (c.has(bp, 1) && c.u8(bp) === 0) bp++, n++;
      if (n > 1) c.print(`, occurs ${n}`);
    }
    c.tcheck(bp, len);
    if (tag === 53 && len === 1) {
      c.print(tok(DHCP_MSG, "Unknown (%u)", c.u8(bp)));
      bp++;
      continue;
    }
    if (tag === 55) {
      for (let idx = 0; len > 0; idx++, len--) {
        const inner = c.u8(bp++);
        c.print(idx % 4 === 0 ? "\n\t      " : ", ");
        c.print(`${(DHCP_TAG[inner] ?? "?Unknown").slice(1)} (${inner})`);
      }
      continue;
    }
    if (kind === "?") kind = len & 1 ? "b" : len & 2 ? "s" : "l";
    let first = true;
    const sep = (ch = ",") => {
      if (!first) c.print(ch);
      first = false;
    };
    switch (kind) {
      case "a":
        c.print('"');
        printjn(c, bp, len);
        c.print('"');
        bp += len, len = 0;
        break;
      case "i":
      case "l":
      case "L":
        for (; len >= 4; bp += 4, len -= 4) {
          sep();
          c.print(
            kind === "i" ? c.ip4(bp) : kind === "L" ? String(c.u32(bp) | 0) : String(c.u32(bp)),
          );
        }
        break;
      case "p":
        for (; len >= 8; bp += 8, len -= 8) {
          sep();
          c.print(`(${c.ip4(bp)}:${c.ip4(bp + 4)})`);
        }
        break;
      case "s":
        for (; len >= 2; bp += 2, len -= 2) {
          sep();
          c.print(String(c.u16(bp)));
        }
        break;
      case "B":
        for (; len > 0; bp++, len--) {
          sep();
          const v = c.u8(bp);
          c.print(v === 0 ? "N" : v === 1 ? "Y" : `${v}?`);
        }
        break;
      case "$":
        [bp, len] = dhcpSpecial(c, tag, bp, len);
        break;
      default:
        for (; len > 0; bp++, len--) {
          sep(kind === "x" ? ":" : ".");
          c.print(kind === "x" ? hex(c.u8(bp), 2) : String(c.u8(bp)));
        }
    }
    if (len) {
      c.print(`\n\t  trailing data length ${len}`);
      bp += len;
    }
  }
}

/** The '$' options of rfc1048_print(); returns the new position and what is left. */
function dhcpSpecial(c: Ctx, tag: number, bp: number, len: number): [number, number] {
  switch (tag) {
    case 61: {
      if (len < 1) {
        c.print("[ERROR: length < 1 bytes]");
        return [bp, len];
      }
      const type = c.u8(bp++);
      len--;
      if (type === 0) {
        c.print('"');
        printjn(c, bp, len);
        c.print('"');
        return [bp + len, 0];
      }
      c.print(`${type === 1 ? "ether" : type === 6 ? "token-ring" : `hardware-type ${type},`} `);
      for (let first = true; len > 0; bp++, len--, first = false) {
        c.print((first ? "" : ":") + hex(c.u8(bp), 2));
      }
      return [bp, 0];
    }
    case 81: {
      if (len < 3) {
        c.print("[ERROR: length < 3 bytes]");
        return [bp + len, 0];
      }
      const f = c.u8(bp);
      if (f & 0xf0) c.print(`[ERROR: MBZ nibble 0x${((f & 0xf0) >> 4).toString(16)} != 0] `);
      if (f & 0x0f) {
        c.print(
          `[${(f & 1 ? "S" : "") + (f & 2 ? "O" : "") + (f & 4 ? "E" : "") + (f & 8 ? "N" : "")}] `,
        );
      }
      if (c.u8(bp + 1) || c.u8(bp + 2)) c.print(`${c.u8(bp + 1)}/${c.u8(bp + 2)} `);
      c.print('"');
      if (len > 3) printjn(c, bp + 3, len - 3);
      c.print('"');
      return [bp + len, 0];
    }
    case 121:
    case 249: {
      if (len < 5) {
        c.print("[ERROR: length < 5 bytes]");
        return [bp + len, 0];
      }
      for (let first = true; len > 0; first = false) {
        if (!first) c.print(",");
        const width = c.u8(bp++);
        len--;
        if (width > 32) {
          c.print(`[ERROR: Mask width (${width}) > 32]`);
          return [bp + len, 0];
        }
        const sig = Math.floor((width + 7) / 8);
        if (len < sig + 4) {
          c.print(`[ERROR: Remaining length (${len}) < ${sig + 4} bytes]`);
          return [bp + len, 0];
        }
        c.print("(");
        if (width === 0) c.print("default");
        else {
          const parts: string[] = [];
          for (let i = 0; i < 4; i++) parts.push(i < sig ? String(c.u8(bp + i)) : "0");
          c.print(`${parts.join(".")}/${width}`);
        }
        bp += sig;
        c.print(`:${c.ip4(bp)})`);
        bp += 4;
        len -= sig + 4;
      }
      return [bp, 0];
    }
    default:
      c.print(`[unknown special tag ${tag}, size ${len}]`);
      return [bp + len, 0];
  }
}

/** vxlan_print(): the header, then the encapsulated Ethernet frame on the next line. */
export function vxlanPrint(c: Ctx, off: number, length: number): void {
  c.proto = "vxlan";
  if (length < 8) {
    c.print(` [length ${length} < 8] (invalid)`);
    return;
  }
  c.print("VXLAN");
  const flags = c.u8(off);
  c.print(`, flags [${flags & 0x08 ? "I" : "."}] (0x${hex(flags, 2)}), `);
  c.tcheck(off + 4, 3);
  c.print(`vni ${c.u32(off + 4) >>> 8}\n`);
  etherPrint(c, off + 8, length - 8);
}

/** ssh_print(): the version banner, when the segment starts with one. */
export function sshPrint(c: Ctx, off: number, len: number): void {
  c.proto = "ssh";
  if (len < 4) return;
  if (
    c.u8(off) !== 0x53 || c.u8(off + 1) !== 0x53 || c.u8(off + 2) !== 0x48 || c.u8(off + 3) !== 0x2d
  ) return;
  for (let idx = 4; idx < len; idx++) {
    const ch = c.u8(off + idx);
    let end = -1;
    if (ch === 0x0a) end = idx;
    else if (ch === 0x0d) {
      if (idx + 1 >= len || c.u8(off + idx + 1) !== 0x0a) return;
      end = idx;
    } else if (ch < 0x20 || ch > 0x7e) return;
    if (end >= 0) {
      let s = "";
      for (let i = 0; i < end; i++) s += String.fromCharCode(c.u8(off + i));
      c.print(`: SSH: ${s}`);
      return;
    }
  }
}

const SYSLOG_FACILITY = [
  "kernel",
  "user",
  "mail",
  "daemon",
  "auth",
  "syslog",
  "lpr",
  "news",
  "uucp",
  "cron",
  "authpriv",
  "ftp",
  "ntp",
  "security",
  "console",
  "cron",
  "local0",
  "local1",
  "local2",
  "local3",
  "local4",
  "local5",
  "local6",
  "local7",
];
const SYSLOG_SEVERITY = [
  "emergency",
  "alert",
  "critical",
  "error",
  "warning",
  "notice",
  "info",
  "debug",
];

/** syslog_print(): facility and severity from the `<PRI>` prefix; the message with -v. */
export function syslogPrint(c: Ctx, off: number, len: number): void {
  c.proto = "syslog";
  let i = 0, pri = 0;
  if (c.u8(off) !== 0x3c) {
    c.print(" (invalid)");
    return;
  }
  i++;
  while (i <= 3 && c.u8(off + i) >= 0x30 && c.u8(off + i) <= 0x39) {
    pri = pri * 10 + c.u8(off + i++) - 0x30;
  }
  if (c.u8(off + i) !== 0x3e) {
    c.print(" (invalid)");
    return;
  }
  i++;
  const fac = (pri & 0x3f8) >> 3, sev = pri & 7;
  const facName = SYSLOG_FACILITY[fac] ?? `unknown (${fac})`;
  if (c.f.v < 1) {
    c.print(`SYSLOG ${facName}.${SYSLOG_SEVERITY[sev]}, length: ${len}`);
    return;
  }
  c.print(
    `SYSLOG, length: ${len}\n\tFacility ${facName} (${fac}), Severity ${
      SYSLOG_SEVERITY[sev]
    } (${sev})\n\tMsg: `,
  );
  for (; i < len; i++) {
    let ch = c.u8(off + i);
    if (ch & 0x80) {
      c.print("M-");
      ch &= 0x7f;
    }
    c.print(
      ch < 0x20 || ch === 0x7f ? "^" + String.fromCharCode(ch ^ 0x40) : String.fromCharCode(ch),
    );
  }
  if (c.f.v > 1) c.print(hexOnly(c.b, off, Math.max(0, Math.min(len, c.end - off)), "\n\t", 0));
}

const DHCP6_MSG: Record<number, string> = {
  1: "solicit",
  2: "advertise",
  3: "request",
  4: "confirm",
  5: "renew",
  6: "rebind",
  7: "reply",
  8: "release",
  9: "decline",
  10: "reconfigure",
  11: "inf-req",
  12: "relay-fwd",
  13: "relay-reply",
  14: "leasequery",
  15: "leasequery-reply",
};

/** dhcp6_print(), message type only (the -v option list is not decoded here). */
export function dhcp6Print(c: Ctx, off: number, _length: number): void {
  c.proto = "dhcp6";
  c.print(`dhcp6 ${tok(DHCP6_MSG, "msgtype-%u", c.u8(off))}`);
}
