// LINKTYPE_FRELAY as tcpdump 4.99 prints it (print-fr.c): the Q.922 address (DLCI, flags), an
// NLPID (or a Cisco-style EtherType) naming what follows — IPv4, IPv6, OSI, PPP, Q.933 (LMI)
// signalling, FRF.15 fragments, RFC 1490 SNAP — or the bytes; and LINKTYPE_MFR (FRF.16
// multilink control and fragmentation frames).

import { type Ctx, printn, Truncated } from "./_ctx.ts";
import { ETHERTYPE_NAMES } from "../protocols.ts";

/** The NLPIDs Frame Relay names (ISO/TR 9577). */
const NLPIDS: Record<number, string> = {
  0x00: "NULL",
  0x08: "Q.933",
  0x09: "LMI",
  0x80: "SNAP",
  0x81: "CLNP",
  0x82: "ES-IS",
  0x83: "IS-IS",
  0x84: "CONS",
  0x85: "IDRP",
  0xc1: "ISIS_SPB",
  0xb1: "FRF.15",
  0xcc: "IPv4",
  0xcf: "PPP",
  0x8a: "X25 ES-IS",
  0x8e: "IPv6",
};
const Q933_MESSAGES: Record<number, string> = {
  0x00: "ESC to National",
  0x01: "Alert",
  0x02: "Call proceeding",
  0x07: "Connect",
  0x0f: "Connect ACK",
  0x03: "Progress",
  0x05: "Setup",
  0x45: "Disconnect",
  0x4d: "Release",
  0x5a: "Release Complete",
  0x46: "Restart",
  0x4e: "Restart ACK",
  0x7d: "Status Reply",
  0x75: "Status Enquiry",
};
const Q933_IES: Record<number, string> = {
  0x01: "ANSI Report Type",
  0x19: "ANSI Link Verify",
  0x03: "ANSI Link Verify",
  0x07: "ANSI PVC Status",
  0x51: "CCITT Report Type",
  0x53: "CCITT Link Verify",
  0x57: "CCITT PVC Status",
};
const REPORT_TYPES: Record<number, string> = {
  0: "Full Status",
  1: "Link verify",
  2: "Async PVC Status",
};
const hex2 = (n: number) => n.toString(16).padStart(2, "0");

interface Q922 {
  addrLen: number;
  dlci: number;
  /** The flag bits as tcpdump packs them into one 32-bit word. */
  flags: number;
}

/** parse_q922_addr(): the address, "invalid" (EA set in the first byte), or a truncation. */
function q922(c: Ctx, b: number, length: number): Q922 | "invalid" {
  if (!c.has(b, 1) || length < 1) throw new Truncated(true);
  const p0 = c.u8(b);
  if (p0 & 1) return "invalid";
  if (!c.has(b + 1, 1) || length < 2) throw new Truncated(true);
  const p1 = c.u8(b + 1);
  let dlci = ((p0 & 0xfc) << 2) | ((p1 & 0xf0) >> 4);
  // flags[0] = p0 & 0x02 (C/R), flags[1] = p1 & 0x0e (FECN, BECN, DE), flags[3] = SDLC bit.
  let flags = ((p0 & 0x02) << 24) | ((p1 & 0x0e) << 16);
  if (p1 & 1) return { addrLen: 2, dlci, flags };
  let addrLen = 3, p = 2;
  if (!c.has(b + p, 1) || length < 3) throw new Truncated(true);
  if ((c.u8(b + p) & 1) === 0) {
    dlci = (dlci << 7) | (c.u8(b + p) >> 1);
    addrLen = 4;
    p++;
  }
  if (!c.has(b + p, 1) || length < p + 1) throw new Truncated(true);
  const last = c.u8(b + p);
  if ((last & 1) === 0) return "invalid";
  flags |= last & 0x02;
  dlci = (dlci << 6) | (last >> 2);
  return { addrLen, dlci, flags };
}

function flagText(flags: number): string {
  const names: string[] = [];
  for (
    const [bit, name] of [
      [0x02000000, "C!"],
      [0x00020000, "DE"],
      [0x00040000, "BECN"],
      [0x00080000, "FECN"],
      [0x00000002, "sdlcore"],
    ] as const
  ) if (flags & bit) names.push(name);
  return names.length ? names.join(", ") : "none";
}

/** fr_hdr_print(). */
function header(c: Ctx, length: number, addrLen: number, a: Q922, nlpid: number): void {
  if (c.f.q) {
    c.print(`Q.922, DLCI ${a.dlci}, length ${length}: `);
    return;
  }
  const f = flagText(a.flags);
  if (nlpid <= 0xff) {
    c.print(
      `Q.922, hdr-len ${addrLen}, DLCI ${a.dlci}, Flags [${f}], NLPID ${
        NLPIDS[nlpid] ?? "unknown"
      } (0x${hex2(nlpid)}), length ${length}: `,
    );
  } else {
    c.print(
      `Q.922, hdr-len ${addrLen}, DLCI ${a.dlci}, Flags [${f}], cisco-ethertype ${
        ETHERTYPE_NAMES[nlpid] ?? "unknown"
      } (0x${nlpid.toString(16).padStart(4, "0")}), length ${length}: `,
    );
  }
}

const MFR_MESSAGES: Record<number, string> = {
  1: "Add Link",
  2: "Add Link ACK",
  3: "Add Link Reject",
  4: "Hello",
  5: "Hello ACK",
  6: "Remove Link",
  7: "Remove Link ACK",
};
const MFR_IES: Record<number, string> = {
  1: "Bundle ID",
  2: "Link ID",
  3: "Magic Number",
  5: "Timestamp",
  6: "Vendor Extension",
  7: "Cause",
};

/** The B, E and C bits of an FRF.15/FRF.16 header as bittok2str() names them. */
function becText(bec: number): string {
  const names = [[0x80, "Begin"], [0x40, "End"], [0x20, "Control"]] as const;
  return names.filter(([b]) => bec & b).map(([, n]) => n).join(", ") || "none";
}

/** mfr_if_print(): LINKTYPE_MFR, an FRF.16 control or fragmentation frame. */
export function mfrPrint(c: Ctx, wireLen: number): number {
  c.proto = "mfr";
  if (c.end < 2) {
    c.trunc();
    return c.end;
  }
  return mfrBody(c, 0, wireLen);
}

/** mfr_print() of `length` bytes at `b`; the header length. */
export function mfrBody(c: Ctx, b: number, length: number): number {
  c.proto = "mfr";
  if (length < 4) {
    c.print(`[length ${length} < 4] (invalid)`);
    return 0;
  }
  c.tcheck(b, 4);
  const p0 = c.u8(b), bec = p0 & 0xe0;
  if (bec === 0xe0 && c.u8(b + 1) === 0) {
    c.print(
      `FRF.16 Control, Flags [${becText(bec)}], ${
        MFR_MESSAGES[c.u8(b + 2)] ?? `Unknown Message (0x${hex2(c.u8(b + 2))})`
      }, length ${length}`,
    );
    if (!c.f.v) return 3;
    let tp = b + 3, tlen = length - 3;
    while (tlen > 2) {
      const type = c.u8(tp);
      let len = c.u8(tp + 1);
      c.print(`\n\tIE ${MFR_IES[type] ?? "Unknown"} (${type}), length ${len}: `);
      if (type === 0 || len <= 2) return 3;
      c.need(tp, len);
      tp += 2, len -= 2, tlen -= 2;
      let dump = c.f.v <= 1;
      if (type === 3) {
        // FRF.16.1 section 3.4.3: four bytes, or tcpdump says so and goes on to the next IE
        if (len !== 4) c.print(`[IE data length ${len} != 4] (invalid)`);
        else c.print(`0x${c.u32(tp).toString(16).padStart(8, "0")}`);
        dump = false;
      } else if (type === 1 || type === 2) {
        for (let i = 0; i < len && i < 50; i++) {
          if (c.u8(tp + i) === 0) break;
          c.print(printn(c, tp + i, 1));
        }
        dump = false;
      } else if (type === 5 && len === 16) {
        // a struct timeval in the sender's (here: little-endian, 64-bit) layout, as ts_print()
        c.need(tp, 16);
        const dv = new DataView(c.b.buffer, c.b.byteOffset + tp, 16);
        c.print(c.f.ts(dv.getUint32(0, true), dv.getUint32(8, true) * 1000));
        dump = false;
      }
      if (dump) c.hexData(tp, "\n\t  ", len);
      if (c.f.v > 1) c.hexData(tp, "\n\t  ", len);
      tlen = (tlen - len) >>> 0;
      tp += len;
    }
    return 3;
  }
  const seq = ((p0 & 0x1e) << 7) | c.u8(b + 1);
  if (bec === 0xc0 || bec === 0x80) {
    c.print(`FRF.16 Frag, seq ${seq}, Flags [${becText(bec)}], `);
    frBody(c, b + 2, length - 2);
    return 2;
  }
  c.print(`FRF.16 Frag, seq ${seq}, Flags [${becText(bec)}]`);
  c.hexData(b, "\n\t", length);
  return 0;
}

/** fr_if_print(); returns the header length (0 when cut or invalid). */
export function frPrint(c: Ctx, wireLen: number): number {
  c.proto = "fr";
  if (c.end < 4) {
    c.trunc();
    return c.end;
  }
  return frBody(c, 0, wireLen);
}

/** fr_print() of `length` bytes at `b`; the header length (0 when cut or invalid). */
export function frBody(c: Ctx, b: number, length: number): number {
  c.proto = "fr";
  let a: Q922 | "invalid";
  try {
    a = q922(c, b, length);
  } catch (e) {
    if (!(e instanceof Truncated)) throw e;
    c.trunc();
    return 0;
  }
  if (a === "invalid") {
    c.print("Q.922, invalid address");
    return 0;
  }
  const al = a.addrLen;
  const cut = () => {
    c.trunc();
    return 0;
  };
  if (!c.has(b + al, 1) || length < al + 1) return cut();
  if (c.u8(b + al) !== 0x03 && a.dlci !== 0) {
    // Cisco-style: an EtherType right after the address.
    if (!c.has(b + al, 2) || length < al + 2) c.print(`UI ${hex2(c.u8(b + al))}! `);
    else {
      const type = c.u16(b + al);
      if (c.f.e) header(c, length, al, a, type);
      if (c.d.ethertype(c, type, b + al + 2, length - al - 2)) return al + 2;
      c.print(`UI ${hex2(c.u8(b + al))}! `);
    }
  }
  if (!c.has(b + al + 1, 1) || length < al + 2) return cut();
  let hdrLen: number;
  if (c.u8(b + al + 1) === 0) {
    if (al !== 3) c.print("Pad! ");
    hdrLen = al + 3;
  } else {
    if (al === 3) c.print("No pad! ");
    hdrLen = al + 2;
  }
  if (!c.has(b + hdrLen - 1, 1) || length < hdrLen) return cut();
  const nlpid = c.u8(b + hdrLen - 1);
  if (c.f.e) header(c, length, al, a, nlpid);
  if (b === 0) c.llHdrLen = hdrLen;
  length -= hdrLen;
  const p = b + hdrLen;
  switch (nlpid) {
    case 0xcc:
      c.d.ip(c, p, length);
      break;
    case 0x8e:
      c.d.ip6(c, p, length);
      break;
    case 0x81:
    case 0x82:
    case 0x83:
      c.d.isoclns(c, p - 1, length + 1); // the OSI printers want the NLPID
      break;
    case 0x80:
      if (!c.d.snap(c, p, length)) {
        if (!c.f.e) header(c, length + hdrLen, hdrLen, a, nlpid);
        c.defaultPrint(b, length + hdrLen, true);
      }
      break;
    case 0x08:
      q933(c, p, length);
      break;
    case 0xb1:
      frf15(c, p, length);
      break;
    case 0xcf:
      c.d.ppp(c, p, length);
      break;
    default:
      if (!c.f.e) header(c, length + hdrLen, al, a, nlpid);
      c.defaultPrint(p, length, true);
  }
  return hdrLen;
}

/** frf15_print(): FRF.15 end-to-end or interface fragmentation header. */
function frf15(c: Ctx, p: number, length: number): void {
  if (length < 2 || !c.has(p, 2)) {
    c.proto = "frf.15";
    c.trunc();
    return;
  }
  const b0 = c.u8(p), flags = b0 & 0xe0;
  const seq = ((b0 & 0x1e) << 7) | c.u8(p + 1);
  const names = [[0x80, "Begin"], [0x40, "End"], [0x20, "Control"]] as const;
  const f = names.filter(([b]) => flags & b).map(([, n]) => n).join(", ") || "none";
  c.print(
    `FRF.15, seq 0x${seq.toString(16).padStart(3, "0")}, Flags [${f}],${
      b0 & 1 ? "Interface" : "End-to-End"
    } Fragmentation, length ${length}`,
  );
}

/** q933_print(): call reference, message type, and the LMI information elements. */
export function q933(c: Ctx, start: number, len: number): void {
  c.proto = "q.933";
  const e = c.f.e, v = c.f.v;
  c.print(e ? "" : "Q.933");
  let p = start, length = len;
  const trunc = () => c.trunc();
  const avail = () => length !== 0 && c.has(p, 1);
  if (!avail()) {
    if (!e) c.print(", ");
    c.print(`length ${length}`);
    return trunc();
  }
  const olen = length;
  const refLen = c.u8(p) & 0x0f;
  p++, length--;
  const ref: number[] = [];
  for (let i = 0; i < refLen; i++) {
    if (!avail()) {
      if (!e) c.print(", ");
      c.print(`length ${olen}`);
      return trunc();
    }
    ref.push(c.u8(p));
    p++, length--;
  }
  if (!avail()) {
    if (!e) c.print(", ");
    c.print(`length ${olen}`);
    return trunc();
  }
  const msgtype = c.u8(p);
  p++, length--;
  let codeset = 0, ansi = false, nonLocking = 0, unshift = codeset;
  if (length !== 0) {
    if (!c.has(p, 1)) {
      if (!e) c.print(", ");
      c.print(`length ${olen}`);
      return trunc();
    }
    const ie = c.u8(p);
    if ((ie & 0xf0) === 0x90) {
      p++, length--;
      codeset = ie & 7;
      if (!(ie & 0x08)) {
        if (codeset === 5) ansi = true;
      } else {
        nonLocking = 1;
        unshift = 0;
      }
    }
  }
  if (!e) c.print(", ");
  c.print(`${ansi ? "ANSI" : "CCITT"}, codeset ${codeset}`);
  if (refLen !== 0) {
    if (!c.has(p, 1)) return trunc();
    if (refLen > 1 || c.u8(p) !== 0) c.print(`, Call Ref: 0x${ref.map(hex2).join("")}`);
  }
  if (v) {
    c.print(
      `, ${Q933_MESSAGES[msgtype] ?? "unknown message"} (0x${hex2(msgtype)}), length ${olen}`,
    );
  } else c.print(`, ${Q933_MESSAGES[msgtype] ?? `unknown message 0x${hex2(msgtype)}`}`);
  while (length !== 0) {
    if (nonLocking === 1) nonLocking = 2;
    else if (nonLocking === 2) {
      codeset = unshift;
      nonLocking = 0;
    }
    if (!c.has(p, 1)) {
      if (!v) c.print(`, length ${olen}`);
      return trunc();
    }
    const ie = c.u8(p);
    p++, length--;
    if (ie & 0x80) {
      if ((ie & 0xf0) === 0x90) {
        if (!(ie & 0x08)) nonLocking = 0;
        else {
          nonLocking = 1;
          unshift = codeset;
        }
        codeset = ie & 7;
      }
      continue;
    }
    if (length === 0 || !c.has(p, 1)) {
      if (!v) c.print(`, length ${olen}`);
      return trunc();
    }
    const ieLen = c.u8(p);
    p++, length--;
    const known = codeset === 0 || codeset === 5;
    if (v) {
      c.print(
        `\n\t${(known ? Q933_IES[ie] : undefined) ?? "unknown"} IE (0x${
          hex2(ie)
        }), length ${ieLen}: `,
      );
    }
    if (ie === 0 || ieLen === 0) return;
    if (length < ieLen || !c.has(p, ieLen)) {
      if (!v) c.print(`, length ${olen}`);
      return trunc();
    }
    const isKnown = known && lmiIe(c, ie, ieLen, p);
    if (isKnown) {
      if (v > 1) c.hexData(p, "\n\t  ", ieLen);
    } else if (v >= 1) c.hexData(p, "\n\t", ieLen);
    length -= ieLen;
    p += ieLen;
  }
  if (!v) c.print(`, length ${olen}`);
}

/** fr_q933_print_ie_codeset_0_5(): true for the LMI elements it decodes. */
function lmiIe(c: Ctx, ie: number, len: number, p: number): boolean {
  const v = c.f.v;
  switch (ie) {
    case 0x01:
    case 0x51:
      if (len < 1) {
        if (!v) c.print(", ");
        c.print("Invalid REPORT TYPE IE");
        return true;
      }
      if (v) c.print(`${REPORT_TYPES[c.u8(p)] ?? "unknown"} (${c.u8(p)})`);
      return true;
    case 0x03:
    case 0x53:
    case 0x19:
      if (!v) c.print(", ");
      if (len < 2) {
        c.print("Invalid LINK VERIFY IE");
        return true;
      }
      c.print(`TX Seq: ${String(c.u8(p)).padStart(3)}, RX Seq: ${String(c.u8(p + 1)).padStart(3)}`);
      return true;
    case 0x07:
    case 0x57: {
      if (!v) c.print(", ");
      const b = (i: number) => c.u8(p + i);
      if (
        len < 3 || (b(0) & 0x80) || (len === 3 && !(b(1) & 0x80)) ||
        (len === 4 && ((b(1) & 0x80) || !(b(2) & 0x80))) ||
        (len === 5 && ((b(1) & 0x80) || (b(2) & 0x80) || !(b(3) & 0x80))) || len > 5 ||
        !(b(len - 1) & 0x80)
      ) {
        c.print("Invalid DLCI in PVC STATUS IE");
        return true;
      }
      let dlci = ((b(0) & 0x3f) << 4) | ((b(1) & 0x78) >> 3);
      if (len === 4) dlci = (dlci << 6) | ((b(2) & 0x7e) >> 1);
      else if (len === 5) dlci = (dlci << 13) | (b(2) & 0x7f) | ((b(3) & 0x7e) >> 1);
      c.print(
        `DLCI ${dlci}: status ${b(len - 1) & 0x8 ? "New, " : ""}${
          b(len - 1) & 0x2 ? "Active" : "Inactive"
        }`,
      );
      return true;
    }
  }
  return false;
}
