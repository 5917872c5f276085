// The IEEE 802.3 slow protocols as tcpdump 4.99 prints them (print-slow.c): LACP and Marker
// TLVs; for OAM only the summary line (its -v TLVs are not decoded here).

import { bits, type Ctx } from "./_ctx.ts";

const SUBTYPE: Record<number, string> = { 1: "LACP", 2: "MARKER", 3: "OAM" };
const TLV: Record<number, string> = {
  0x100: "Terminator",
  0x101: "Actor Information",
  0x102: "Partner Information",
  0x103: "Collector Information",
  0x200: "Terminator",
  0x201: "Marker Information",
};
const STATE = [
  [0x01, "Activity"],
  [0x02, "Timeout"],
  [0x04, "Aggregation"],
  [0x08, "Synchronization"],
  [0x10, "Collecting"],
  [0x20, "Distributing"],
  [0x40, "Default"],
  [0x80, "Expired"],
] as const;

/** slow_print() of `len` bytes at `p` (EtherType 0x8809). */
export function slowPrint(c: Ctx, p: number, len: number): void {
  c.proto = "slow";
  const tooShort = () => c.print(c.f.v ? "\n\t\t packet is too short" : " (packet is too short)");
  if (len < 1) return tooShort();
  const subtype = c.u8(p);
  let printVersion = -1;
  if (subtype === 1 || subtype === 2) {
    if (len < 2) return tooShort();
    if (c.u8(p + 1) !== 1) {
      c.print(`${SUBTYPE[subtype]} version ${c.u8(p + 1)} packet not supported`);
      return;
    }
    printVersion = 1;
  } else if (subtype === 3) printVersion = 0;
  const name = SUBTYPE[subtype] ?? `unknown (${subtype})`;
  if (printVersion === 1) c.print(`${name}v${c.u8(p + 1)}, length ${len}`);
  else c.print(`${name}, length ${len}`);
  if (printVersion === -1) {
    c.hexData(p, "\n\t", len);
    return;
  }
  if (!c.f.v || subtype === 3) return;
  markerLacp(c, p + 2, len - 2, subtype);
}

/** slow_marker_lacp_print(). */
function markerLacp(c: Ctx, tptr: number, tlen: number, sub: number): void {
  while (tlen > 0) {
    if (tlen < 2) return c.print("\n\t\t packet is too short");
    const type = c.u8(tptr), len = c.u8(tptr + 1);
    c.print(
      `\n\t${TLV[(sub << 8) + type] ?? "Unknown"} TLV (0x${
        type.toString(16).padStart(2, "0")
      }), length ${len}`,
    );
    if (type === 0) return;
    if (len < 2) return c.print("\n\t    ERROR: illegal length - should be >= 2");
    if (tlen < len) return c.print("\n\t\t packet is too short");
    c.tcheck(tptr, len);
    const v = tptr + 2, vlen = len - 2;
    const key = (sub << 8) + type;
    const bad = (n: number) => c.print(`\n\t    ERROR: illegal length - should be ${n}`);
    if (key === 0x101 || key === 0x102) {
      if (vlen !== 18) bad(20);
      else {
        c.print(
          `\n\t  System ${c.mac(v + 2)}, System Priority ${c.u16(v)}, Key ${c.u16(v + 8)}, Port ${
            c.u16(v + 12)
          }, Port Priority ${c.u16(v + 10)}\n\t  State Flags [${
            bits(STATE, "none", c.u8(v + 14))
          }]`,
        );
      }
    } else if (key === 0x103) {
      if (vlen !== 14) bad(16);
      else c.print(`\n\t  Max Delay ${c.u16(v)}`);
    } else if (key === 0x201) {
      if (vlen !== 14) bad(16);
      else {
        c.print(
          `\n\t  Request System ${c.mac(v + 2)}, Request Port ${
            c.u16(v)
          }, Request Transaction ID 0x${c.u32(v + 8).toString(16).padStart(8, "0")}`,
        );
      }
    } else if (c.f.v <= 1) c.hexData(v, "\n\t  ", vlen);
    if (c.f.v > 1) c.hexData(v, "\n\t  ", vlen);
    tptr += len;
    tlen -= len;
  }
}
