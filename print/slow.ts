// The IEEE 802.3 slow protocols as tcpdump 4.99 prints them (print-slow.c): LACP and Marker
// TLVs, and Ethernet OAM (802.3ah) PDUs: information TLVs, link events, loopback control.

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
  if (!c.f.v) return;
  if (subtype === 3) oam(c, p + 1, len - 1);
  else markerLacp(c, p + 2, len - 2, subtype);
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

const OAM_FLAGS = [
  [0x0001, "Link Fault"],
  [0x0002, "Dying Gasp"],
  [0x0004, "Critical Event"],
  [0x0008, "Local Evaluating"],
  [0x0010, "Local Stable"],
  [0x0020, "Remote Evaluating"],
  [0x0040, "Remote Stable"],
] as const;
const OAM_CODE: Record<number, string> = {
  0x00: "Information",
  0x01: "Event Notification",
  0x02: "Variable Request",
  0x03: "Variable Response",
  0x04: "Loopback Control",
  0xfe: "Vendor Private",
};
const OAM_INFO: Record<number, string> = {
  0x00: "End of TLV marker",
  0x01: "Local",
  0x02: "Remote",
  0xfe: "Organization specific",
};
const OAM_CONFIG = [
  [0x01, "Active"],
  [0x02, "Unidirectional"],
  [0x04, "Remote-Loopback"],
  [0x08, "Link-Events"],
  [0x10, "Variable-Retrieval"],
] as const;
const OAM_EVENT: Record<number, string> = {
  0x00: "End of TLV marker",
  0x01: "Errored Symbol Period Event",
  0x02: "Errored Frame Event",
  0x03: "Errored Frame Period Event",
  0x04: "Errored Frame Seconds Summary Event",
  0xfe: "Organization specific",
};

/** slow_oam_print(): flags and code, then the code's TLVs. */
function oam(c: Ctx, tptr: number, tlen: number): void {
  const short = () => c.print("\n\t\t packet is too short");
  if (tlen < 3) return short();
  c.tcheck(tptr, 3);
  const flags = c.u16(tptr), code = c.u8(tptr + 2);
  tptr += 3, tlen -= 3;
  c.print(
    `\n\tCode ${OAM_CODE[code] ?? `Unknown (${code})`} OAM PDU, Flags [${
      bits(OAM_FLAGS, "none", flags)
    }]`,
  );
  const u64 = (p: number) => BigInt(c.u32(p)) * 4294967296n + BigInt(c.u32(p + 4));
  if (code === 0 || code === 1) {
    if (code === 1) {
      if (tlen < 2) return short();
      c.print(`\n\t  Sequence Number ${c.u16(tptr)}`);
      tlen -= 2, tptr += 2;
    }
    while (tlen > 0) {
      if (tlen < 2) return short();
      if (code === 0) c.tcheck(tptr, 2);
      const type = c.u8(tptr), length = c.u8(tptr + 1);
      c.print(
        code === 0
          ? `\n\t  ${OAM_INFO[type] ?? "Reserved"} Information Type (${type}), length ${length}`
          : `\n\t  ${OAM_EVENT[type] ?? "Reserved"} Link Event Type (${type}), length ${length}`,
      );
      if (type === 0) return;
      if (length < 2) return c.print("\n\t    ERROR: illegal length - should be >= 2");
      if (tlen < length) return short();
      c.tcheck(tptr, length);
      let hexdump = false;
      if (code === 0 && (type === 1 || type === 2)) {
        if (c.u8(tptr + 1) !== 16) {
          c.print("\n\t    ERROR: illegal length - should be 16");
          hexdump = true;
        } else {
          c.print(`\n\t    OAM-Version ${c.u8(tptr + 2)}, Revision ${c.u16(tptr + 3)}`);
          const state = c.u8(tptr + 5);
          c.print(
            `\n\t    State-Parser-Action ${
              ["forwarding", "looping back", "discarding", "reserved"][state & 3]
            }, State-MUX-Action ${state & 4 ? "discarding" : "forwarding"}`,
          );
          c.print(
            `\n\t    OAM-Config Flags [${
              bits(OAM_CONFIG, "none", c.u8(tptr + 6))
            }], OAM-PDU-Config max-PDU size ${c.u16(tptr + 7) & 0x7ff}`,
          );
          const oui = (c.u8(tptr + 9) << 16) | c.u16(tptr + 10);
          c.print(
            `\n\t    OUI ${oui === 0 ? "Ethernet" : oui === 0x00000c ? "Cisco" : "Unknown"} (0x${
              oui.toString(16).padStart(6, "0")
            }), Vendor-Private 0x${c.u32(tptr + 12).toString(16).padStart(8, "0")}`,
          );
        }
      } else if (code === 1 && type >= 1 && type <= 4) {
        if (c.u8(tptr + 1) !== 40) {
          c.print("\n\t    ERROR: illegal length - should be 40");
          hexdump = true;
        } else {
          c.print(
            `\n\t    Timestamp ${c.u16(tptr + 2) * 100} ms, Errored Window ${u64(tptr + 4)}` +
              `\n\t    Errored Threshold ${u64(tptr + 12)}\n\t    Errors ${u64(tptr + 20)}` +
              `\n\t    Error Running Total ${u64(tptr + 28)}\n\t    Event Running Total ${
                c.u32(tptr + 36)
              }`,
          );
        }
      } else hexdump = true;
      if (c.f.v > 1 || hexdump) c.hexData(tptr, "\n\t  ", length);
      tlen -= length, tptr += length;
    }
  } else if (code === 4) {
    if (tlen < 1) return short();
    const cmd = c.u8(tptr);
    c.print(
      `\n\t  Command ${
        cmd === 1
          ? "Enable OAM Remote Loopback"
          : cmd === 2
          ? "Disable OAM Remote Loopback"
          : "Unknown"
      } (${cmd})`,
    );
  } else if (c.f.v <= 1) c.hexData(tptr, "\n\t  ", tlen);
}
