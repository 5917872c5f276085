// ATM OAM cells (ITU-T I.610) as tcpdump 4.99's oam_print() prints them (print-atm.c): the
// cell header's VPI/VCI and payload type, at -v the cell and function types, the loopback or
// AIS/RDI fields and the CRC-10 check. Juniper's ATM PICs hand their OAM cells here without
// the HEC byte.

import { type Ctx, hex, tok } from "./_ctx.ts";

const OAM_F: Record<number, string> = { 3: "OAM F4 (segment)", 4: "OAM F4 (end)" };
const PAYLOAD_TYPE: Record<number, string> = {
  0: "user data, uncongested, SDU 0",
  1: "user data, uncongested, SDU 1",
  2: "user data, congested, SDU 0",
  3: "user data, congested, SDU 1",
  4: "VCC OAM F5 flow segment",
  5: "VCC OAM F5 flow end-to-end",
  6: "Traffic Control and resource Mgmt",
};
const CELL_TYPE: Record<number, string> = {
  1: "Fault Management",
  2: "Performance Management",
  8: "activate/deactivate",
  15: "System Management",
};
/** Function types by cell type (oam_functype_values). */
const FUNC_TYPE: Record<number, Record<number, string>> = {
  1: { 0: "AIS", 1: "RDI", 4: "Continuity Check", 8: "Loopback" },
  2: { 0: "Forward Monitoring", 1: "Backward Reporting", 2: "Monitoring and Reporting" },
  8: { 0: "Performance Monitoring", 1: "Continuity Check" },
};

/**
 * CRC-10 (x^10 + x^9 + x^5 + x^4 + x + 1), a byte at a time as tcpdump's checksum.c has it;
 * the table is made on the first OAM cell, not at every start-up.
 */
let CRC10: Uint16Array | undefined;

function crc10Table(): Uint16Array {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let acc = i << 2;
    for (let j = 0; j < 8; j++) {
      acc <<= 1;
      if (acc & 0x400) acc ^= 0x633;
    }
    t[i] = acc & 0xffff;
  }
  return t;
}

/** verify_crc10_cksum(): 0 over a cell payload whose CRC-10 field is right. */
export function crc10(b: Uint8Array, off: number, len: number): number {
  const table = CRC10 ??= crc10Table();
  let acc = 0;
  for (let i = 0; i < len; i++) {
    acc = ((acc << 8) & 0x3ff) ^ table[(acc >> 2) & 0xff]! ^ b[off + i]!;
  }
  return acc & 0xffff;
}

/** Six or eight 16-bit words read at odd offsets of a field, as oam_print()'s loops do. */
function ids(c: Ctx, p: number, len: number): string {
  let s = "";
  for (let i = 1; i < len; i += 2) s += `${hex(c.u16(p + i))} `;
  return s;
}

/** oam_print() of a cell without its HEC byte (ATM_OAM_NOHEC) at `off`. */
export function oamPrint(c: Ctx, off: number, length: number): void {
  c.proto = "oam";
  c.need(off + 4, 1);
  const header = c.u32(off);
  const cellType = c.u8(off + 4) >> 4, funcType = c.u8(off + 4) & 0x0f;
  const vpi = (header >>> 20) & 0xff, vci = (header >>> 4) & 0xffff;
  c.print(
    `${tok(OAM_F, "OAM F5", vci)}, vpi ${vpi}, vci ${vci}, payload [ ${
      PAYLOAD_TYPE[(header >>> 1) & 7] ?? "Unknown"
    } ], clp ${header & 1}, length ${length}`,
  );
  if (!c.f.v) return;
  c.print(`\n\tcell-type ${CELL_TYPE[cellType] ?? "unknown"} (${cellType})`);
  const funcs = FUNC_TYPE[cellType];
  c.print(`, func-type ${funcs ? funcs[funcType] ?? "none" : "unknown"} (${funcType})`);
  const p = off + 4;
  if (cellType === 1 && funcType === 8) {
    c.need(p + 1, 45);
    c.print(
      `\n\tLoopback-Indicator ${c.u8(p + 1) & 1 ? "Request" : "Reply"}, Correlation-Tag 0x${
        hex(c.u32(p + 2), 8)
      }`,
    );
    c.print(`\n\tLocation-ID ${ids(c, p + 6, 12)}`);
    c.print(`\n\tSource-ID   ${ids(c, p + 18, 12)}`);
  } else if (cellType === 1 && (funcType === 0 || funcType === 1)) {
    c.need(p + 1, 45);
    c.print(`\n\tFailure-type 0x${hex(c.u8(p + 1), 2)}`);
    c.print(`\n\tLocation-ID ${ids(c, p + 2, 16)}`);
  }
  const cksum = c.u16(p + 46) & 0x3ff;
  c.need(p, 48);
  c.print(`\n\tcksum 0x${hex(cksum, 3)} (${crc10(c.b, p, 48) === 0 ? "" : "in"}correct)`);
}
