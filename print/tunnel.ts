// Tunnels and encapsulations as tcpdump 4.99 prints them: GRE version 0 (print-gre.c), ESP
// (print-esp.c), VXLAN (print-vxlan.c) and Geneve (print-geneve.c).

import { bits, type Ctx, hex, Truncated } from "./_ctx.ts";
import { ETHERTYPE_NAMES } from "../protocols.ts";

const GRE_FLAGS = [
  [0x8000, "checksum present"],
  [0x4000, "routing present"],
  [0x2000, "key present"],
  [0x1000, "sequence# present"],
  [0x0800, "source routing present"],
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
  if (vers === 1) return gre1(c, off, length);
  if (vers !== 0) {
    c.print(" ERROR: unknown-version");
    return;
  }
  if (c.f.v) c.print(`, Flags [${bits(GRE_FLAGS, "none", flags)}]`);
  bp += 2, len -= 2;
  const prot = c.u16(bp);
  bp += 2, len -= 2;
  if ((flags & 0x8000) || (flags & 0x4000)) {
    c.tcheck(bp, 2);
    if (c.f.v) c.print(`, sum 0x${c.u16(bp).toString(16)}`);
    bp += 2, len -= 2;
    c.tcheck(bp, 2);
    c.print(`, off 0x${c.u16(bp).toString(16)}`);
    bp += 2, len -= 2;
  }
  if (flags & 0x2000) {
    c.tcheck(bp, 4);
    c.print(`, key=0x${c.u32(bp).toString(16)}`);
    bp += 4, len -= 4;
  }
  if (flags & 0x1000) {
    c.tcheck(bp, 4);
    c.print(`, seq ${c.u32(bp)}`);
    bp += 4, len -= 4;
  }
  if (flags & 0x4000) {
    // the source route entries, until the null one
    for (;;) {
      c.tcheck(bp, 4);
      if (len < 4) throw new Truncated(true);
      const af = c.u16(bp), sreoff = c.u8(bp + 2), srelen = c.u8(bp + 3);
      bp += 4, len -= 4;
      if (af === 0 && srelen === 0) break;
      if (!sre(c, af, sreoff, srelen, bp, len)) throw new Truncated(true);
      if (len < srelen) throw new Truncated(true);
      bp += srelen, len -= srelen;
    }
  }
  if (c.f.e) c.print(`, proto ${ETHERTYPE_NAMES[prot] ?? "unknown"} (0x${hex(prot)})`);
  c.print(`, length ${length}`);
  c.print(c.f.v < 1 ? ": " : "\n\t");
  switch (prot) {
    case 0x0800:
      c.d.ip(c, bp, len);
      break;
    case 0x86dd:
      c.d.ip6(c, bp, len);
      break;
    case 0x6558:
      c.d.ether(c, bp, len);
      break;
    default:
      c.print(`gre-proto-0x${prot.toString(16)}`);
  }
}

/** gre_print1(): PPTP's enhanced GRE (RFC 2637): call id, sequence and acknowledgement, PPP. */
function gre1(c: Ctx, bp: number, length: number): void {
  const flags = c.u16(bp);
  let len = length - 2;
  bp += 2;
  if (c.f.v) c.print(`, Flags [${bits(GRE_FLAGS, "none", flags)}]`);
  c.tcheck(bp, 2);
  if (len < 2) throw new Truncated(true);
  const prot = c.u16(bp);
  bp += 2, len -= 2;
  const field = (what: string, v: (at: number) => number) => {
    c.tcheck(bp, 4);
    if (len < 4) throw new Truncated(true);
    c.print(`, ${what} ${v(bp)}`);
    bp += 4, len -= 4;
  };
  if (flags & 0x2000) field("call", (at) => c.u32(at) & 0xffff);
  if (flags & 0x1000) field("seq", (at) => c.u32(at));
  if (flags & 0x0080) field("ack", (at) => c.u32(at));
  if (!(flags & 0x1000)) c.print(", no-payload");
  if (c.f.e) c.print(`, proto ${ETHERTYPE_NAMES[prot] ?? "unknown"} (0x${hex(prot)})`);
  c.print(`, length ${length}`);
  if (!(flags & 0x1000)) return;
  c.print(c.f.v < 1 ? ": " : "\n\t");
  if (prot === 0x880b) c.d.ppp(c, bp, len);
  else c.print(`gre-proto-0x${prot.toString(16)}`);
}

/** gre_sre_print(): an IPv4 or AS path source route entry; false when cut. */
function sre(c: Ctx, af: number, off: number, srelen: number, bp: number, len: number): boolean {
  const ip = af === 0x0800, asn = af === 0xfffe;
  if (!ip && !asn) {
    c.print(`, (rtaf=0x${af.toString(16)})`);
    return true;
  }
  c.print(ip ? ", (rtaf=ip" : ", (rtaf=asn");
  const size = ip ? 4 : 2;
  let ok = true;
  if (off & (size - 1)) c.print(`, badoffset=${off}`);
  else if (srelen & (size - 1)) c.print(`, badlength=${srelen}`);
  else if (off >= srelen) c.print(`, badoff/len=${off}/${srelen}`);
  else {
    for (let p = bp; srelen !== 0; p += size, srelen -= size, len -= size) {
      if (!c.has(p, size) || len < size) {
        ok = false;
        break;
      }
      const mark = p - bp === off ? "*" : "";
      c.print(` ${mark}${ip ? c.ip4(p) : c.u16(p).toString(16)}`);
    }
  }
  c.print(")");
  return ok;
}

/** esp_print(): the SPI and sequence number; the payload is encrypted. */
export function espPrint(c: Ctx, off: number, length: number): void {
  c.proto = "esp";
  c.tcheck(off, 9); // print-esp.c wants data after the 8-byte header (">= snapend")
  c.print(
    `ESP(spi=0x${hex(c.u32(off), 8)},seq=0x${c.u32(off + 4).toString(16)}), length ${length}`,
  );
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
  c.print(`, flags [${flags & 0x08 ? "I" : "invalid"}] (0x${hex(flags, 2)}), `);
  c.tcheck(off + 4, 3);
  c.print(`vni ${(c.u16(off + 4) << 8) | c.u8(off + 6)}\n`);
  c.tcheck(off + 7, 1); // the reserved byte
  c.d.ether(c, off + 8, length - 8);
}

/** otv_print() (UDP port 8472, draft-hasmit-otv-04): flags, overlay and instance, then Ethernet. */
export function otvPrint(c: Ctx, off: number, length: number): void {
  c.proto = "otv";
  c.print("OTV, ");
  if (length < 8) {
    c.print(`[length ${length} < 8]`);
    c.print(" (invalid)");
    c.need(off, length);
    return;
  }
  const flags = c.u8(off);
  c.print(`flags [${flags & 0x08 ? "I" : "."}] (0x${hex(flags, 2)}), `);
  c.print(`overlay ${c.u32(off) & 0xffffff}, `);
  c.print(`instance ${(c.u16(off + 4) << 8) | c.u8(off + 6)}\n`);
  c.need(off + 7, 1);
  c.d.ether(c, off + 8, length - 8);
}

const GPE_FLAGS = [[0x08, "I"], [0x04, "P"], [0x02, "B"], [0x01, "O"]] as const;

/** vxlan_gpe_print() (UDP port 4790, draft-ietf-nvo3-vxlan-gpe): then IPv4, IPv6, Ethernet or NSH. */
export function vxlanGpePrint(c: Ctx, off: number, length: number): void {
  c.proto = "vxlan_gpe";
  c.print("VXLAN-GPE, ");
  if (length < 8) return c.print(` (len ${length} < 8) (invalid)`);
  const flags = c.u8(off);
  c.print(`flags [${bits(GPE_FLAGS, "none", flags, "")}], `);
  const next = c.u8(off + 3), vni = (c.u16(off + 4) << 8) | c.u8(off + 6);
  c.need(off + 7, 1);
  c.print(`vni ${vni}`);
  c.print(c.f.v ? "\n    " : ": ");
  const p = off + 8, len = length - 8;
  switch (next) {
    case 1:
      return c.d.ip(c, p, len);
    case 2:
      return c.d.ip6(c, p, len);
    case 3:
      c.d.ether(c, p, len);
      return;
    case 4:
      return c.d.nsh(c, p, len);
    default:
      c.print("ERROR: unknown-next-protocol (invalid)");
  }
}

const GENEVE_CLASS: Record<number, string> = {
  0x0100: "Linux",
  0x0101: "Open vSwitch",
  0x0102: "Open Virtual Networking (OVN)",
  0x0103: "In-band Network Telemetry (INT)",
  0x0104: "VMware",
};

const GENEVE_FLAGS = ["O", "C", "R1", "R2", "R3", "R4", "R5", "R6"];

/** The letters of a Geneve flags byte: O, C and the six reserved bits R1..R6, or "none". */
function geneveFlagsText(v: number): string {
  return GENEVE_FLAGS.filter((_, i) => v & (0x80 >> i)).join("") || "none";
}

/** geneve_print() (UDP port 6081, RFC 8926). */
export function genevePrint(c: Ctx, off: number, length: number): void {
  c.proto = "geneve";
  let bp = off, len = length;
  c.print("Geneve");
  c.tcheck(bp, 8); // the base header is checked whole before the version is looked at
  const verOpt = c.u8(bp);
  bp++, len--;
  if (verOpt >> 6 !== 0) {
    c.print(` ERROR: unknown-version ${verOpt >> 6}`);
    return;
  }
  const flags = c.u8(bp);
  const prot = c.u16(bp + 1);
  const vni = (c.u8(bp + 3) << 16) | c.u16(bp + 4);
  const reserved = c.u8(bp + 6);
  bp += 7, len -= 7;
  c.print(`, Flags [${geneveFlagsText(flags)}]`);
  c.print(`, vni 0x${vni.toString(16)}`);
  if (reserved) c.print(`, rsvd 0x${reserved.toString(16)}`);
  if (c.f.e) c.print(`, proto ${ETHERTYPE_NAMES[prot] ?? "unknown"} (0x${hex(prot)})`);
  const optsLen = (verOpt & 0x3f) * 4;
  if (len < optsLen) {
    c.print(` truncated-geneve - ${optsLen - len} bytes missing`);
    return;
  }
  c.tcheck(bp, optsLen);
  if (optsLen > 0) {
    c.print(", options [");
    if (c.f.v) {
      let p = bp, l = optsLen, sep = "";
      while (l > 0) {
        c.print(sep);
        sep = ", ";
        const cls = c.u16(p), type = c.u8(p + 2), olen = 4 + (c.u8(p + 3) & 0x1f) * 4;
        const name = GENEVE_CLASS[cls] ??
          (cls <= 0xff ? "Standard" : cls === 0xffff ? "Experimental" : "Unknown");
        c.print(
          `class ${name} (0x${cls.toString(16)}) type 0x${type.toString(16)}${
            type & 0x80 ? "(C)" : ""
          } len ${olen}`,
        );
        if (olen > l) {
          c.print(" [bad length]");
          break;
        }
        if (c.f.v > 1 && olen > 4) {
          c.print(" data");
          for (let i = 4; i < olen; i += 4) c.print(` ${hex(c.u32(p + i), 8)}`);
        }
        p += olen, l -= olen;
      }
    } else c.print(`${optsLen} bytes`);
    c.print("]");
  }
  bp += optsLen, len -= optsLen;
  c.print(c.f.v < 1 ? ": " : "\n\t");
  if (!c.d.ethertype(c, prot, bp, len)) {
    if (prot === 0x6558) c.d.ether(c, bp, len);
    else c.print(`geneve-proto-0x${prot.toString(16)}`);
  }
}
