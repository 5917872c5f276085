// IS-IS TLVs and sub-TLVs of traffic-engineered and SPB networks as tcpdump 4.99 prints them
// (print-isoclns.c): the interface switching capability (RFC 5307), SPB metric (RFC 6329) and
// LAN adjacency SID (RFC 8667) sub-TLVs of extended IS reachability, the multi-topology port
// and multi-topology capability TLVs of SPB (143, 144) and the vendor private TLV (250).
// Private to print/isis.ts.

import { bits, type Ctx, hex, printf3f, printjnpOut, tok, Truncated } from "./_ctx.ts";
import { GMPLS_ENCODING, GMPLS_SWITCH_CAP } from "./_gmpls_text.ts";
import { OUI } from "./_oui.ts";

const TSC_INDICATION: Record<number, string> = {
  0: "Standard SONET/SDH",
  1: "Arbitrary SONET/SDH",
};
const LAN_ADJ_SID_FLAGS = [
  [0x80, "Address family IPv6"],
  [0x40, "Backup"],
  [0x20, "Value"],
  [0x10, "Local significance"],
  [0x08, "Set of adjacencies"],
  [0x04, "Persistent"],
] as const;
const PORT_CAP_SUB: Record<number, string> = { 4: "SPB MCID", 5: "SPB Digest", 6: "SPB BVID" };
const MT_CAP_SUB: Record<number, string> = {
  1: "SPB Instance",
  3: "SPBM Service Identifier and Unicast Address",
};

/** "%.3f Mbps" of an IEEE single in bytes/s, in single precision as tcpdump computes it. */
function mbps(c: Ctx, p: number): string {
  const f = new DataView(Uint32Array.of(c.u32(p)).buffer).getFloat32(0, true);
  return `${printf3f(Math.fround(Math.fround(f * 8) / 1000000), c.u8(p) >= 0x80)} Mbps`;
}

const sysId = (c: Ctx, p: number) => `${hex(c.u16(p))}.${hex(c.u16(p + 2))}.${hex(c.u16(p + 4))}`;

/**
 * Sub-TLV 21, interface switching capability descriptor: `sl` bytes at `p`. Returns the bytes
 * print-isoclns.c steps over as it goes (36), which its caller does not count against the TLV.
 */
export function switchingCapSub(c: Ctx, p: number, sl: number, indent: string): number {
  if (sl < 36) return 0;
  const cap = c.u8(p);
  c.print(`${indent}  Interface Switching Capability:${tok(GMPLS_SWITCH_CAP, "Unknown", cap)}`);
  c.print(`, LSP Encoding: ${tok(GMPLS_ENCODING, "Unknown", c.u8(p + 1))}`);
  p += 4, sl -= 4;
  c.print(`${indent}  Max LSP Bandwidth:`);
  for (let k = 0; k < 8; k++, p += 4, sl -= 4) {
    c.print(`${indent}    priority level ${k}: ${mbps(c, p)}`);
  }
  if (cap >= 1 && cap <= 4) {
    if (sl < 6) return 36;
    c.print(`${indent}  Min LSP Bandwidth: ${mbps(c, p)}`);
    c.print(`${indent}  Interface MTU: ${c.u16(p + 4)}`);
  } else if (cap === 100) {
    if (sl < 8) return 36;
    c.print(`${indent}  Min LSP Bandwidth: ${mbps(c, p)}`);
    c.print(`${indent}  Indication ${tok(TSC_INDICATION, "Unknown (%u)", c.u8(p + 4))}`);
  } else if (sl > 0) c.hexData(p, "\n\t\t    ", sl);
  return 36;
}

/** Sub-TLV 29, SPB metric; the bytes stepped over as it goes (4), as switchingCapSub(). */
export function spbMetricSub(c: Ctx, p: number, sl: number): number {
  if (sl < 6) return 0;
  c.print(`, LM: ${(c.u8(p) << 16) | c.u16(p + 1)}, P: ${c.u8(p + 3)}, P-ID: ${c.u16(p + 4)}`);
  return 4;
}

/** Sub-TLV 32, LAN adjacency segment identifier; the bytes stepped over (2), as switchingCapSub(). */
export function lanAdjSidSub(c: Ctx, p: number, sl: number, indent: string): number {
  if (sl < 8) return 0;
  const flags = c.u8(p);
  c.print(`${indent}  Flags: [${bits(LAN_ADJ_SID_FLAGS, "none", flags)}]`);
  c.print(`${indent}  Weight: ${c.u8(p + 1)}`);
  c.print(`${indent}  Neighbor System-ID: ${sysId(c, p + 2)}`);
  // the V and L flags alone choose a 3-byte label or a 4-byte index, whatever the length says
  const vl = flags & 0x30;
  if (vl === 0x30) c.print(`${indent}  Label: ${(c.u8(p + 8) << 16) | c.u16(p + 9)}`);
  else if (vl === 0) c.print(`${indent}  Index: ${c.u32(p + 8)}`);
  else c.print(" (invalid)");
  return 2;
}

/** isis_print_mcid(): an SPB MST configuration identifier (51 bytes). */
function mcid(c: Ctx, p: number): void {
  c.tcheck(p, 51);
  c.print(`ID: ${c.u8(p)}, Name: `);
  printjnpOut(c, p + 1, 32);
  c.print(`\n\t              Lvl: ${c.u16(p + 33)}, Digest: `);
  for (let i = 0; i < 16; i++) c.print(`${hex(c.u8(p + 35 + i), 2)} `);
}

/**
 * The sub-TLV printers' own trunc label: " [|isis]" and back to the TLV loop, which goes on
 * (its -vv dump, the next TLV); a GET_ macro's cut still ends the packet.
 */
function localTrunc(c: Ctx, f: () => void): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof Truncated) || !e.soft) throw e;
    c.trunc();
  }
}

/** The TLV 143 header and isis_print_mt_port_cap_subtlv(). */
export function mtPortCap(c: Ctx, p: number, len: number): void {
  if (len < 2) return; // goto tlv_trunc: the -vv dump and the next TLV
  const v = c.u16(p);
  c.print(`\n\t       RES: ${v >> 12}, MTID(s): ${v & 0xfff}`);
  p += 2, len -= 2;
  localTrunc(c, () => portCapSubs(c, p, len));
}

/** The TLV 144 header and isis_print_mt_capability_subtlv(). */
export function mtCapability(c: Ctx, p: number, len: number): void {
  if (len < 2) return; // goto tlv_trunc: the -vv dump and the next TLV
  const v = c.u16(p);
  c.print(`\n\t      O: ${(v >> 15) & 1}, RES: ${(v >> 12) & 7}, MTID(s): ${v & 0xfff}`);
  p += 2, len -= 2;
  localTrunc(c, () => capSubs(c, p, len));
}

/** TLV 250, vendor private: the OUI and the rest in hex. */
export function vendorPrivate(c: Ctx, p: number, len: number): void {
  if (len < 3) return;
  const oui = (c.u8(p) << 16) | c.u16(p + 1);
  c.print(`\n\t      Vendor: ${tok(OUI, "Unknown", oui)} (${oui})`);
  if (len > 3) c.hexData(p + 3, "\n\t\t", len - 3);
}

/** The sub-TLV loop of isis_print_mt_port_cap_subtlv(). */
function portCapSubs(c: Ctx, p: number, len: number): void {
  while (len > 2) {
    const st = c.u8(p);
    let sl = c.u8(p + 1);
    c.print(`\n\t       ${tok(PORT_CAP_SUB, "unknown", st)} subTLV #${st}, length: ${sl}`);
    p += 2, len -= 2;
    if (len < sl) return c.print(" (> containing TLV length)");
    c.tcheck(p, sl);
    if (st === 4) {
      if (sl < 102) return c.print(" (too short)");
      c.print("\n\t         MCID: ");
      mcid(c, p);
      c.print("\n\t         AUX-MCID: ");
      mcid(c, p + 51);
      p += 102, len -= 102, sl -= 102;
    } else if (st === 5) {
      if (sl < 33) return c.print(" (too short)");
      const b = c.u8(p);
      c.print(`\n\t        RES: ${b >> 5} V: ${(b >> 4) & 1} A: ${(b >> 2) & 3} D: ${b & 3}`);
      p++;
      c.print("\n\t         Digest: ");
      for (let i = 1; i <= 8; i++, p += 4) {
        c.print(`${hex(c.u32(p), 8)} `);
        if (i % 4 === 0 && i !== 8) c.print("\n\t                 ");
      }
      len -= 33, sl -= 33;
    } else if (st === 6) {
      while (sl !== 0) {
        if (sl < 4) return c.print(" (too short)");
        c.print(`\n\t           ECT: ${hex(c.u32(p), 8)}`);
        p += 4, len -= 4, sl -= 4;
        if (sl < 2) return c.print(" (too short)");
        const w = c.u16(p);
        c.print(` BVID: ${w >> 4}, U:${(w >> 3) & 1} M:${(w >> 2) & 1} `);
        p += 2, len -= 2, sl -= 2;
      }
    }
    p += sl, len -= sl;
  }
}

/** The sub-TLV loop of isis_print_mt_capability_subtlv(). */
function capSubs(c: Ctx, p: number, len: number): void {
  while (len > 2) {
    const st = c.u8(p);
    let sl = c.u8(p + 1);
    p += 2, len -= 2;
    c.print(`\n\t      ${tok(MT_CAP_SUB, "unknown", st)} subTLV #${st}, length: ${sl}`);
    if (len < sl) return c.print(" (> containing TLV length)");
    c.tcheck(p, sl);
    if (st === 1) {
      if (sl < 19) return c.print(" (too short)");
      c.print(`\n\t        CIST Root-ID: ${hex(c.u32(p), 8)} ${hex(c.u32(p + 4), 8)}`);
      c.print(`, Path Cost: ${hex(c.u32(p + 8), 8)}, Prio: ${c.u16(p + 12)}`);
      const w = c.u16(p + 14);
      c.print(
        `\n\t        RES: ${w >> 5}, V: ${(w >> 4) & 1}, SPSource-ID: ${c.u32(p + 14) & 0xfffff}`,
      );
      let trees = c.u8(p + 18);
      c.print(`, No of Trees: ${trees.toString(16)}`);
      p += 19, len -= 19, sl -= 19;
      for (; trees; trees--) {
        if (sl < 8) return c.trunc();
        const b = c.u8(p);
        c.print(`\n\t         U:${b >> 7}, M:${(b >> 6) & 1}, A:${(b >> 5) & 1}, RES:${b & 0x1f}`);
        c.print(`, ECT: ${hex(c.u32(p + 1), 8)}`);
        const t = (c.u8(p + 5) << 16) | c.u16(p + 6);
        c.print(`, BVID: ${(t >> 12) & 0xfff}, SPVID: ${t & 0xfff}`);
        p += 8, len -= 8, sl -= 8;
      }
    } else if (st === 3) {
      if (sl < 8) return c.trunc();
      c.print(`\n\t        BMAC: ${hex(c.u32(p), 8)}${hex(c.u16(p + 4))}`);
      const w = c.u16(p + 6);
      c.print(`, RES: ${w >> 12}, VID: ${w & 0xfff}`);
      p += 8, len -= 8, sl -= 8;
      for (; sl >= 4; p += 4, len -= 4, sl -= 4) {
        const x = c.u32(p);
        c.print(
          `\n\t        T: ${x >>> 31}, R: ${(x >>> 30) & 1}, RES: ${(x >>> 24) & 0x3f}, ISID: ${
            x & 0xffffff
          }`,
        );
      }
    }
    p += sl, len -= sl;
  }
}
