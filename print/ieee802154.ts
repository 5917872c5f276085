// LINKTYPE_IEEE802_15_4_WITHFCS (195), _NOFCS (230) and _TAP (283) as tcpdump 4.99 prints them
// (print-802_15_4.c): frame type and version, sequence number (-v), PAN IDs and addresses, the
// auxiliary security header, header and payload IEs (their bytes; decoded only at -vvvv, which
// is not reproduced here), beacon superframe/GTS/pending addresses, MAC command data, then the
// rest as bytes. The FCS is recognised (and left out) by checking a CRC-32, then a CRC-16.

import type { Ctx } from "./_ctx.ts";

const FRAME_TYPES = [
  "Beacon",
  "Data",
  "ACK",
  "Command",
  "Reserved",
  "Multipurpose",
  "Fragment",
  "Extended",
];

/** MAC command names (802.15.4-2015 table 7-49); unlisted ids below 0x30 are "Reserved 0xNN". */
const COMMANDS: Record<number, string> = {
  0x01: "Association Request command",
  0x02: "Association Response command",
  0x03: "Disassociation Notification command",
  0x04: "Data Request command",
  0x05: "PAN ID Conflict Notification command",
  0x06: "Orphan Notification command",
  0x07: "Beacon Request command",
  0x08: "Coordinator realignment command",
  0x09: "GTS request command",
  0x0a: "TRLE Management Request command",
  0x0b: "TRLE Management Response command",
  0x13: "DSME Association Request command",
  0x14: "DSME Association Response command",
  0x15: "DSME GTS Request command",
  0x16: "DSME GTS Response command",
  0x17: "DSME GTS Notify command",
  0x18: "DSME Information Request command",
  0x19: "DSME Information Response command",
  0x1a: "DSME Beacon Allocation Notification command",
  0x1b: "DSME Beacon Collision Notification command",
  0x1c: "DSME Link Report command",
  0x20: "RIT Data Request command",
  0x21: "DBS Request command",
  0x22: "DBS Response command",
  0x23: "RIT Data Response command",
  0x24: "Vendor Specific command",
};

/** Header IE names (table 7-7); the rest are "Reserved 0xNN". */
const HEADER_IES: Record<number, string> = {
  0x00: "Vendor Specific Header IE",
  0x1a: "LE CSL IE",
  0x1b: "LE RIT IE",
  0x1c: "DSME PAN descriptor IE",
  0x1d: "Rendezvous Time IE",
  0x1e: "Time Correction IE",
  0x21: "Extended DSME PAN descriptor IE",
  0x22: "Fragment Sequence Context Description IE",
  0x23: "Simplified Superframe Specification IE",
  0x24: "Simplified GTS Specification IE",
  0x25: "LECIM Capabilities IE",
  0x26: "TRLE Descriptor IE",
  0x27: "RCC Capabilities IE",
  0x28: "RCCN Descriptor IE",
  0x29: "Global Time IE",
  0x2a: "Omnibus Header IE",
  0x2b: "DA IE",
  0x7e: "Header Termination 1 IE",
  0x7f: "Header Termination 2 IE",
};

/** Payload IE group names (table 7-15). */
const PAYLOAD_IES: Record<number, string> = {
  0x0: "ESDU IE",
  0x1: "MLME IE",
  0x2: "Vendor Specific Nested IE",
  0x3: "Multiplexed IE (802.15.9)",
  0x4: "Omnibus Payload Group IE",
  0x5: "IETF IE",
  0xf: "List termination",
};
const hex2 = (n: number) => n.toString(16).padStart(2, "0");
const reserved = (t: Record<number, string>, id: number) => t[id] ?? `Reserved 0x${hex2(id)}`;
const bit = (v: number, b: number) => (v >> b) & 1;

/** The CRC-16 of 802.15.4 (CCITT polynomial, initial value 0, bits reflected). */
function crc16(b: Uint8Array, off: number, len: number): number {
  let crc = 0;
  for (let i = 0; i < len; i++) {
    let y = b[off + i]!;
    y = ((y & 0xaa) >> 1) | ((y & 0x55) << 1);
    y = ((y & 0xcc) >> 2) | ((y & 0x33) << 2);
    y = ((y & 0xf0) >> 4) | ((y & 0x0f) << 4);
    let x = ((crc >> 8) ^ y) & 0xff;
    x ^= x >> 4;
    crc = ((crc << 8) ^ (x << 12) ^ (x << 5) ^ x) & 0xffff;
  }
  crc = ((crc & 0xaaaa) >> 1) | ((crc & 0x5555) << 1);
  crc = ((crc & 0xcccc) >> 2) | ((crc & 0x3333) << 2);
  crc = ((crc & 0xf0f0) >> 4) | ((crc & 0x0f0f) << 4);
  return ((crc & 0xff00) >> 8) | ((crc & 0x00ff) << 8);
}

function reverse32(x: number): number {
  x = ((x & 0x55555555) << 1) | ((x >>> 1) & 0x55555555);
  x = ((x & 0x33333333) << 2) | ((x >>> 2) & 0x33333333);
  x = ((x & 0x0f0f0f0f) << 4) | ((x >>> 4) & 0x0f0f0f0f);
  return ((x << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0;
}

/** The CRC-32 of 802.15.4 (ANSI X3.66 polynomial, initial value 0, bits reflected). */
function crc32(b: Uint8Array, off: number, len: number): number {
  let crc = 0;
  for (let i = 0; i < len; i++) {
    let byte = reverse32(b[off + i]!);
    for (let k = 0; k < 8; k++) {
      crc = ((crc ^ byte) | 0) < 0 ? ((crc << 1) ^ 0x04c11db7) >>> 0 : (crc << 1) >>> 0;
      byte = (byte << 1) >>> 0;
    }
  }
  return reverse32(crc);
}

const le16 = (c: Ctx, off: number) => c.u8(off) | (c.u8(off + 1) << 8);
const le32 = (c: Ctx, off: number) => (le16(c, off) | (le16(c, off + 2) << 16)) >>> 0;

/** An address of 0 (none), 2 (short, hex) or 8 bytes (extended, colon form, reversed). */
function addr(c: Ctx, off: number, len: number): string {
  if (len === 0) return "none";
  if (len === 2) return le16(c, off).toString(16).padStart(4, "0");
  const parts: string[] = [];
  for (let i = 7; i >= 0; i--) parts.push(hex2(c.u8(off + i)));
  return parts.join(":");
}

const ADDR_LEN = [0, -1, 2, 8];

/** The bytes of `n` at `off`, each as "%02x ". */
function bytesList(c: Ctx, off: number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += `${hex2(c.u8(off + i))} `;
  return s;
}

/** A printing state: position and the remaining length, unsigned as tcpdump's u_int. */
interface Cursor {
  p: number;
  caplen: number;
}
const sub = (cur: Cursor, n: number) => {
  cur.p += n;
  cur.caplen = (cur.caplen - n) >>> 0;
};

/** ieee802_15_4_print_aux_sec_header(): the security level, or -1 on an error. */
function auxSecurity(c: Ctx, cur: Cursor): number {
  if (cur.caplen < 1) {
    c.print("[ERROR: Truncated before Aux Security Header]");
    return -1;
  }
  const sc = c.u8(cur.p);
  const level = sc & 7, keyIdMode = (sc >> 3) & 3;
  sub(cur, 1);
  if (c.f.v > 0) c.print(`\n\tSecurity Level ${level}, Key Id Mode ${keyIdMode}, `);
  if (!bit(sc, 5)) {
    if (cur.caplen < 4) {
      c.print("[ERROR: Truncated before Frame Counter]");
      return -1;
    }
    if (c.f.v > 1) c.print(`Frame Counter 0x${le32(c, cur.p).toString(16).padStart(8, "0")} `);
    sub(cur, 4);
  }
  switch (keyIdMode) {
    case 0:
      if (c.f.v > 1) c.print("Implicit");
      return level;
    case 2:
      if (cur.caplen < 4) {
        c.print("[ERROR: Truncated before Key Source]");
        return -1;
      }
      // "%0x4x" (sic): the second half in hex, then a literal "4x".
      if (c.f.v > 1) {
        c.print(
          `KeySource 0x${le16(c, cur.p).toString(16).padStart(4, "0")}:${
            le16(c, cur.p + 2).toString(16)
          }4x, `,
        );
      }
      sub(cur, 4);
      break;
    case 3:
      if (cur.caplen < 8) {
        c.print("[ERROR: Truncated before Key Source]");
        return -1;
      }
      if (c.f.v > 1) c.print(`KeySource ${addr(c, cur.p, 8)}, `);
      sub(cur, 4); // (sic) 4, not 8
      break;
  }
  if (cur.caplen < 1) {
    c.print("[ERROR: Truncated before Key Index]");
    return -1;
  }
  if (c.f.v > 1) c.print(`KeyIndex 0x${hex2(c.u8(cur.p))}, `);
  sub(cur, 1);
  return level;
}

/** Header IEs: returns whether payload IEs follow, or undefined on an error. */
function headerIes(c: Ctx, cur: Cursor): boolean | undefined {
  do {
    if (cur.caplen < 2) {
      c.print("[ERROR: Truncated header IE]");
      return undefined;
    }
    const ie = le16(c, cur.p);
    if (bit(ie, 15)) c.print("[ERROR: Header IE with type 1] ");
    const len = ie & 0x7f, id = (ie >> 7) & 0xff;
    if (id > 127) c.print(`Reserved Element ID ${hex2(id)}, length = ${len} `);
    else if (len === 0) c.print(`\n\t${reserved(HEADER_IES, id)} [`);
    else c.print(`\n\t${reserved(HEADER_IES, id)} [ length = ${len}, `);
    // 4.99.3 counts the IE's own 2-byte header in this check (as read from its output).
    if (cur.caplen < 2 + len) {
      c.print("[ERROR: Truncated IE data]");
      return undefined;
    }
    if (len !== 0) c.print(`IE Data = ${bytesList(c, cur.p + 2, len)}`);
    c.print("] ");
    sub(cur, 2 + len);
    if (id === 0x7e) return true;
    if (id === 0x7f) return false;
  } while (cur.caplen > 0);
  return false;
}

/** Payload IEs; false on an error. */
function payloadIes(c: Ctx, cur: Cursor): boolean {
  do {
    if (cur.caplen < 2) {
      c.print("[ERROR: Truncated header IE]");
      return false;
    }
    const ie = le16(c, cur.p);
    if (!bit(ie, 15)) c.print("[ERROR: Payload IE with type 0] ");
    const len = ie & 0x3ff, group = (ie >> 11) & 0x0f;
    const name = reserved(PAYLOAD_IES, group);
    c.print(len === 0 ? `\n\t${name} [` : `\n\t${name} [ length = ${len}, `);
    if (cur.caplen < 2 + len) {
      c.print("[ERROR: Truncated IE data]");
      return false;
    }
    if (len !== 0) c.print(`IE Data = ${bytesList(c, cur.p + 2, len)}`);
    c.print("]\n\t");
    sub(cur, 2 + len);
    if (group === 0xf) break;
  } while (cur.caplen > 0);
  return true;
}

/** Security, IEs, MIC and FCS, shared by standard and multipurpose frames; false on an error. */
function securityAndIes(
  c: Ctx,
  cur: Cursor,
  secured: boolean,
  iesPresent: boolean,
  fcsOk: boolean,
  fcsValue: () => [number, number],
): boolean {
  let level = 0;
  if (secured) {
    level = auxSecurity(c, cur);
    if (level < 0) return false;
  }
  const micLen = [0, 4, 8, 16][level & 3]!;
  let micStart = 0;
  if (micLen > 0) {
    if (cur.caplen < micLen) {
      c.print("[ERROR: Truncated before MIC]");
      return false;
    }
    cur.caplen -= micLen;
    micStart = cur.p + cur.caplen;
  }
  let payloadIe = false;
  if (iesPresent) {
    const r = headerIes(c, cur);
    if (r === undefined) return false;
    payloadIe = r;
  }
  if (payloadIe) {
    if (level >= 4) c.print("Payload IEs present, but encrypted, cannot print ");
    else if (!payloadIes(c, cur)) return false;
  }
  if (c.f.v > 2 && micLen !== 0) {
    let s = "\n\tMIC ";
    for (let i = 0; i < micLen; i++) s += hex2(c.u8(micStart + i));
    c.print(s + " ");
  }
  if (c.f.v > 2) {
    const [value, check] = fcsValue();
    c.print(
      fcsOk
        ? `FCS ${value.toString(16)} `
        : `wrong FCS ${value.toString(16)} vs ${check.toString(16)} (assume no FCS stored) `,
    );
  }
  return true;
}

function superframe(c: Ctx, ss: number): void {
  if (c.f.v < 1) return;
  let s = `\n\tBeacon order = ${ss & 0xf}, Superframe order = ${(ss >> 4) & 0xf}, ` +
    `Final CAP Slot = ${(ss >> 8) & 0xf}`;
  if (bit(ss, 12)) s += ", BLE enabled";
  if (bit(ss, 14)) s += ", PAN Coordinator";
  if (bit(ss, 15)) s += ", Association Permit";
  c.print(s);
}

function gtsInfo(c: Ctx, p: number, len: number): number {
  const count = c.u8(p) & 7;
  if (count === 0) {
    if (c.f.v > 0) c.print(`\n\tGTS Descriptor Count = ${count}, `);
    return 1;
  }
  const need = 2 + count * 3;
  if (len < need) {
    c.print(" [ERROR: Truncated GTS Info List]");
    return -1;
  }
  if (c.f.v < 2) return need;
  let s = `GTS Descriptor Count = ${count}, GTS Directions Mask = ${hex2(c.u8(p + 1) & 0x7f)}, [ `;
  for (let i = 0; i < count; i++) {
    const d = c.u8(p + 2 + i * 3 + 1);
    s += `[ ${addr(c, p + 2 + i * 3, 2)}, Start slot = ${d & 0x0f}, Length = ${(d >> 4) & 0x0f} ] `;
  }
  c.print(s + "]");
  return need;
}

function pendingAddresses(c: Ctx, p: number, len: number): number {
  const pas = c.u8(p);
  const short = pas & 7, ext = (pas >> 4) & 7;
  const need = 1 + short * 2 + ext * 8;
  if (c.f.v > 0) {
    c.print(
      `\n\tPending address list, # short addresses = ${short}, # extended addresses = ${ext}`,
    );
  }
  if (len < need) {
    c.print(" [ERROR: Pending address list truncated]");
    return -1;
  }
  if (c.f.v < 2) return need;
  if (short) {
    let s = ", Short address list = [ ";
    for (let i = 0; i < short; i++) s += `${addr(c, p + 1 + i * 2, 2)} `;
    c.print(s + "]");
  }
  if (ext) {
    let s = ", Extended address list = [ ";
    for (let i = 0; i < ext; i++) s += `${addr(c, p + 1 + short * 2 + i * 8, 8)} `;
    c.print(s + "]");
  }
  return need;
}

/** ieee802_15_4_print_command_data(): bytes consumed, or -1. */
function commandData(c: Ctx, id: number, p: number, len: number): number {
  switch (id) {
    case 0x01: {
      if (len !== 1) {
        c.print("Invalid Association request command length");
        return -1;
      }
      const ci = c.u8(p);
      c.print(
        (ci & 0x02 ? "FFD, " : "RFD, ") + (ci & 0x04 ? "AC powered, " : "") +
          (ci & 0x08 ? "Receiver on when idle, " : "") + (ci & 0x10 ? "Fast association, " : "") +
          (ci & 0x40 ? "Security supported, " : "") + (ci & 0x80 ? "Allocate address, " : ""),
      );
      return len;
    }
    case 0x02: {
      if (len !== 3) {
        c.print("Invalid Association response command length");
        return -1;
      }
      const status = c.u8(p + 2);
      const text: Record<number, string> = {
        0: ", Association successful",
        1: ", PAN at capacity",
        2: ", PAN access denied",
        3: ", Hooping sequence offset duplication",
        0x80: ", Fast association successful",
      };
      c.print(`Short address = ${addr(c, p, 2)}${text[status] ?? `, Status = 0x${hex2(status)}`}`);
      return len;
    }
    case 0x03: {
      if (len !== 1) {
        c.print("Invalid Disassociation Notification command length");
        return -1;
      }
      const r = c.u8(p);
      // The default case reads the reason two bytes further on (sic).
      c.print(
        r === 0
          ? "Reserved"
          : r === 1
          ? "Reason = The coordinator wishes the device to leave PAN"
          : r === 2
          ? "Reason = The device wishes to leave the PAN"
          : `Reason = 0x${hex2(c.u8(p + 2))}`,
      );
      return len;
    }
    case 0x04:
    case 0x05:
    case 0x06:
    case 0x07:
      return 0;
    case 0x08: {
      if (len < 7 || len > 8) {
        c.print("Invalid Coordinator Realignment command length");
        return -1;
      }
      let channel = c.u8(p + 4);
      const page = len === 8 ? c.u8(p + 7) : 0x80;
      let s = `Pan ID = 0x${
        le16(c, p).toString(16).padStart(4, "0")
      }, Coordinator short address = ${addr(c, p + 2, 2)}`;
      if (bit(page, 7)) {
        channel |= (page & 0x7f) << 8;
        s += `, Channel Number = ${channel}`;
      } else s += `, Channel Number = ${channel}, page = ${page}`;
      c.print(`${s}, Short address = ${addr(c, p + 5, 2)}`);
      return len;
    }
    case 0x09: {
      if (len !== 1) {
        c.print("Invalid GTS Request command length");
        return -1;
      }
      const g = c.u8(p);
      c.print(
        `GTS Length = ${g & 0xf}, ${bit(g, 4) ? "Receive-only GTS" : "Transmit-only GTS"}, ${
          bit(g, 5) ? "GTS allocation" : "GTS deallocations"
        }`,
      );
      return len;
    }
  }
  c.print(`Command Data = ${bytesList(c, p, len)}`);
  return 0;
}

/** ieee802_15_4_std_frames(): 1 when the frame was printed, 0 on an error. */
function standardFrame(c: Ctx, start: number, caplen: number, fc: number): number {
  const cur: Cursor = { p: start, caplen };
  let fcsValue: [number, number] = [0, 0];
  let fcsOk = true;
  if (caplen >= 4) {
    const v32 = le32(c, start + caplen - 4), k32 = crc32(c.b, start, caplen - 4);
    if (v32 === k32) {
      cur.caplen -= 4;
      fcsValue = [v32, k32];
    } else {
      const v16 = le16(c, start + caplen - 2), k16 = crc16(c.b, start, caplen - 2);
      fcsValue = [v16, k16];
      if (v16 === k16) cur.caplen -= 2;
      else fcsOk = false;
    }
  }
  const version = (fc >> 12) & 3, type = fc & 7;
  c.print(`v${version} `);
  if (c.f.v > 2) {
    let s = "";
    if (bit(fc, 3)) s += "Security Enabled, ";
    if (bit(fc, 4)) s += "Frame Pending, ";
    if (bit(fc, 5)) s += "AR, ";
    if (bit(fc, 6)) s += "PAN ID Compression, ";
    if (bit(fc, 8)) s += "Sequence Number Suppression, ";
    if (bit(fc, 9)) s += "IE present, ";
    c.print(s);
  }
  if (bit(fc, 8)) {
    if (version < 2) c.print("[ERROR: Sequence number suppressed on frames where version < 2]");
    if (c.f.v) c.print("seq suppressed ");
    sub(cur, 2);
  } else {
    const seq = c.u8(start + 2);
    sub(cur, 3);
    if (c.f.v) c.print(`seq ${hex2(seq)} `);
  }
  const dstLen = ADDR_LEN[(fc >> 10) & 3]!, srcLen = ADDR_LEN[(fc >> 14) & 3]!;
  if (srcLen < 0) {
    c.print("[ERROR: Invalid src address mode]");
    return 0;
  }
  if (dstLen < 0) {
    c.print("[ERROR: Invalid dst address mode]");
    return 0;
  }
  const compression = bit(fc, 6);
  let srcPan = compression ? 0 : 1, dstPan = 1;
  if (version < 2) {
    if (compression && (dstLen <= 0 || srcLen <= 0)) {
      c.print(
        "[ERROR: PAN ID Compression != 0, and only one address with frame version < 2]",
      );
    }
    if (dstLen <= 0) dstPan = 0;
    if (srcLen <= 0) srcPan = 0;
  } else {
    if (dstLen <= 0) dstPan = 0;
    if (srcLen <= 0) srcPan = 0;
    if (compression) {
      if (srcLen === 0 && dstLen === 0) dstPan = 1;
      else if ((srcLen === 0 && dstLen > 0) || (srcLen > 0 && dstLen === 0)) {
        dstPan = 0;
        srcPan = 0;
      } else if (srcLen === 8 && dstLen === 8) {
        dstPan = 0;
        srcPan = 0;
      }
    } else {
      if (srcLen === 8 && dstLen === 8) {
        dstPan = 1;
        srcPan = 0;
      }
      // BROKEN_6TISCH_PAN_ID_COMPRESSION is defined (to 0, but #ifdef tests it).
      if (srcLen === 8 && dstLen === 2) srcPan = 0;
    }
  }
  if (!panAndAddress(c, cur, dstPan, dstLen, "dst_pan", "dst_addr")) return 0;
  c.print(" < ");
  if (!panAndAddress(c, cur, srcPan, srcLen, "dst_pan", "dst_addr")) return 0;
  c.print(" ");
  if (!securityAndIes(c, cur, bit(fc, 3) === 1, bit(fc, 9) === 1, fcsOk, () => fcsValue)) {
    return 0;
  }
  switch (type) {
    case 0:
      if (version < 2) {
        if (cur.caplen < 2) {
          c.print("[ERROR: Truncated before beacon information]");
          break;
        }
        superframe(c, le16(c, cur.p));
        sub(cur, 2);
        if (cur.caplen < 1) {
          c.print("[ERROR: Truncated before GTS info]");
          break;
        }
        const g = gtsInfo(c, cur.p, cur.caplen);
        if (g < 0) break;
        sub(cur, g);
        if (cur.caplen < 1) {
          c.print("[ERROR: Truncated before pending addresses]");
          break;
        }
        const pa = pendingAddresses(c, cur.p, cur.caplen);
        if (pa < 0) break;
        sub(cur, pa);
      }
      c.defaultPrint(cur.p, cur.caplen);
      break;
    case 1:
    case 2:
      c.defaultPrint(cur.p, cur.caplen);
      break;
    case 3:
      if (cur.caplen < 1) c.print("[ERROR: Truncated before Command ID]");
      else {
        const id = c.u8(cur.p);
        c.print(
          id >= 0x30
            ? `Command ID = Reserved 0x${hex2(id)} `
            : `Command ID = ${reserved(COMMANDS, id)} `,
        );
        sub(cur, 1);
        if (cur.caplen !== 0) {
          const n = commandData(c, id, cur.p, cur.caplen);
          if (n >= 0) sub(cur, n);
        }
      }
      c.defaultPrint(cur.p, cur.caplen);
      break;
  }
  return 1;
}

/** A PAN ID ("-" when absent) and an address; false when cut (with tcpdump's error text). */
function panAndAddress(
  c: Ctx,
  cur: Cursor,
  pan: number,
  len: number,
  panName: string,
  addrName: string,
): boolean {
  if (pan) {
    if (cur.caplen < 2) {
      c.print(`[ERROR: Truncated before ${panName}]`);
      return false;
    }
    c.print(`${le16(c, cur.p).toString(16).padStart(4, "0")}:`);
    sub(cur, 2);
  } else c.print("-:");
  if (cur.caplen < len) {
    c.print(`[ERROR: Truncated before ${addrName}]`);
    return false;
  }
  c.print(addr(c, cur.p, len));
  sub(cur, len);
  return true;
}

/** ieee802_15_4_mp_frame(): multipurpose frames (short or long frame control). */
function multipurposeFrame(c: Ctx, start: number, caplen: number, fc: number): number {
  const cur: Cursor = { p: start, caplen };
  let fcsValue: [number, number] = [0, 0];
  let fcsOk = true;
  if (caplen >= 3) {
    let done = false;
    if (caplen > 4) {
      const v32 = le32(c, start + caplen - 4), k32 = crc32(c.b, start, caplen - 4);
      fcsValue = [v32, k32];
      if (v32 === k32) {
        cur.caplen -= 4;
        done = true;
      }
    }
    if (!done) {
      const v16 = le16(c, start + caplen - 2), k16 = crc16(c.b, start, caplen - 2);
      fcsValue = [v16, k16];
      if (v16 === k16) cur.caplen -= 2;
      else fcsOk = false;
    }
  } else fcsOk = true; // fcs = crc_check = 0
  let panPresent = 0, iesPresent = 0, secured = 0;
  if (bit(fc, 3)) {
    c.print(`v${(fc >> 12) & 3} `);
    panPresent = bit(fc, 8);
    iesPresent = bit(fc, 15);
    secured = bit(fc, 9);
    if (c.f.v > 2) {
      let s = "";
      if (secured) s += "Security Enabled, ";
      if (bit(fc, 11)) s += "Frame Pending, ";
      if (bit(fc, 14)) s += "AR, ";
      if (panPresent) s += "PAN ID Present, ";
      if (bit(fc, 10)) s += "Sequence Number Suppression, ";
      if (iesPresent) s += "IE present, ";
      c.print(s);
    }
    if (bit(fc, 10)) sub(cur, 2);
    else {
      const seq = c.u8(start + 2);
      sub(cur, 3);
      if (c.f.v) c.print(`seq ${hex2(seq)} `);
    }
  } else {
    const seq = c.u8(start + 1);
    sub(cur, 2);
    if (c.f.v) c.print(`seq ${hex2(seq)} `);
  }
  const dstLen = ADDR_LEN[(fc >> 4) & 3]!, srcLen = ADDR_LEN[(fc >> 6) & 3]!;
  if (srcLen < 0) {
    c.print("[ERROR: Invalid src address mode]");
    return 0;
  }
  if (dstLen < 0) {
    c.print("[ERROR: Invalid dst address mode]");
    return 0;
  }
  if (!panAndAddress(c, cur, panPresent, dstLen, "dst_pan", "dst_addr")) return 0;
  c.print(" <  -:");
  if (cur.caplen < srcLen) {
    c.print("[ERROR: Truncated before dst_addr]");
    return 0;
  }
  c.print(`${addr(c, cur.p, srcLen)} `);
  sub(cur, srcLen);
  if (!securityAndIes(c, cur, secured === 1, iesPresent === 1, fcsOk, () => fcsValue)) return 0;
  c.defaultPrint(cur.p, cur.caplen);
  return 1;
}

/** ieee802_15_4_print(): returns what tcpdump counts as the link header (0 or 1, sic). */
export function ieee802154Print(c: Ctx, start: number, caplen: number): number {
  c.proto = "802.15.4";
  if (caplen < 2) {
    c.trunc();
    return caplen;
  }
  const fc = le16(c, start);
  const type = fc & 7;
  c.print(`IEEE 802.15.4 ${FRAME_TYPES[type]} packet `);
  if (type <= 3) return standardFrame(c, start, caplen, fc);
  if (type === 5) return multipurposeFrame(c, start, caplen, fc);
  return 0;
}

/** ieee802_15_4_if_print(). */
export function ieee802154IfPrint(c: Ctx): number {
  return ieee802154Print(c, 0, c.end);
}

/** ieee802_15_4_tap_if_print(): the TAP header (version 0, length), then the frame. */
export function ieee802154TapPrint(c: Ctx): number {
  c.proto = "802.15.4_tap";
  if (c.end < 4) {
    c.trunc();
    return c.end;
  }
  const version = c.u8(0), length = le16(c, 2);
  if (version !== 0 || length < 4) {
    c.print(" (invalid)");
    return 0;
  }
  if (c.end < length) {
    c.trunc();
    return c.end;
  }
  return ieee802154Print(c, length, c.end - length) + length;
}
