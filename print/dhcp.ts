// BOOTP/DHCP as tcpdump 4.99 prints it (print-bootp.c).

import { type Ctx, hex, tok } from "./_ctx.ts";

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
