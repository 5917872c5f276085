// BIND 9's lightweight resolver protocol (UDP 921), as tcpdump 4.99 prints it (print-lwres.c):
// the version, opcode and response flag, at -vv the serial, result and receive length (-vvv
// the authentication fields and each body's flags), and the body of each opcode: the name,
// address types or address of a query; the names, aliases, addresses or rdata of a response.

import { DNS_TYPE_NAMES } from "../protocols.ts";
import { type Ctx, printn, relts, tok } from "./_ctx.ts";

const OPCODE: Record<number, string> = {
  0: "noop",
  0x00010001: "getaddrsbyname",
  0x00010002: "getnamebyaddr",
  0x00010003: "getrdatabyname",
};
const CLASS: Record<number, string> = { 1: "IN", 3: "CHAOS", 4: "HS", 255: "ANY" };

/** lwres_printname(): " name" as nd_printn() prints it (a cut ends the packet mid-name). */
function printName(c: Ctx, l: number, p: number): number {
  c.print(" ");
  for (let i = 0; i < l; i++) c.print(printn(c, p + i, 1));
  if (c.u8(p + l)) c.print(" (not NUL-terminated!)");
  return l + 1;
}

/** lwres_printnamelen(): a 16-bit length, then the name. */
function printNameLen(c: Ctx, p: number): number {
  return 2 + printName(c, c.u16(p), p + 2);
}

/** lwres_printbinlen(): a 16-bit length, then that many bytes in hex. */
function printBinLen(c: Ctx, p: number): number {
  const l = c.u16(p);
  for (let i = 0; i < l; i++) c.print(c.u8(p + 2 + i).toString(16).padStart(2, "0"));
  return 2 + l;
}

/** lwres_printaddr(): family, length and the address (-1 when too short for its family). */
function printAddr(c: Ctx, p: number): number {
  const l = c.u16(p + 4);
  const a = p + 6;
  c.need(a, l);
  const family = c.u32(p);
  if (family === 1) {
    if (l < 4) return -1;
    c.print(` ${c.ip4(a)}`);
    return 6 + 4;
  }
  if (family === 2) {
    if (l < 16) return -1;
    c.print(` ${c.ip6(a)}`);
    return 6 + 16;
  }
  c.print(` ${family}/`);
  for (let i = 0; i < l; i++) c.print(c.u8(a + i).toString(16).padStart(2, "0"));
  return 6 + l;
}

/** lwres_print(). */
export function lwresPrint(c: Ctx, bp: number, length: number): void {
  c.proto = "lwres";
  c.need(bp + 26, 2);
  c.print(" lwres");
  let v = c.u16(bp + 4);
  if (c.f.v || v !== 0) c.print(` v${v}`);
  let s: number;
  let unsupported = false;
  const invalid = () => c.print(" (invalid)");
  if (v !== 0) s = bp + c.u32(bp);
  else {
    const flags = c.u16(bp + 6), response = flags & 1, op = c.u32(bp + 12);
    c.print(` ${tok(OPCODE, "#0x%x", op)}${response ? "" : "?"}`);
    if (flags & ~1) c.print(`[0x${flags.toString(16)}]`);
    if (c.f.v > 1) {
      c.print(
        ` (serial:0x${c.u32(bp + 8).toString(16)} result:0x${c.u32(bp + 16).toString(16)} recvlen:${
          c.u32(bp + 20)
        }`,
      );
      if (c.f.v > 2) {
        c.print(` authtype:0x${c.u16(bp + 24).toString(16)} authlen:${c.u16(bp + 26)}`);
      }
      c.print(")");
    }
    const p = bp + 28;
    const flagsV3 = () => {
      if (c.f.v > 2) c.print(` flags:0x${c.u32(p).toString(16)}`);
    };
    s = p;
    let a: number;
    if (!response) {
      switch (op) {
        case 0:
          break;
        case 0x00010001: {
          c.need(p + 8, 2);
          flagsV3();
          v = c.u32(p + 4);
          const t = v & 3;
          if (t === 1) c.print(" IPv4");
          else if (t === 2) c.print(" IPv6");
          else if (t === 3) c.print(" IPv4/6");
          if (v & ~3) c.print(`[0x${(v >>> 0).toString(16)}]`);
          s = p + 10;
          s += printName(c, c.u16(p + 8), s);
          break;
        }
        case 0x00010002:
          c.need(p, 4);
          flagsV3();
          s = p + 4;
          if ((a = printAddr(c, s)) < 0) return invalid();
          s += a;
          break;
        case 0x00010003: {
          c.need(p + 8, 2);
          flagsV3();
          c.print(` ${tok(DNS_TYPE_NAMES, "Type%u", c.u16(p + 6))}`);
          const cls = c.u16(p + 4);
          if (cls !== 1) c.print(` ${tok(CLASS, "Class%u", cls)}`);
          s = p + 10;
          s += printName(c, c.u16(p + 8), s);
          break;
        }
        default:
          unsupported = true;
      }
    } else {
      switch (op) {
        case 0:
          break;
        case 0x00010001: {
          c.need(p + 8, 2);
          flagsV3();
          const naliases = c.u16(p + 4), naddrs = c.u16(p + 6);
          c.print(` ${naliases}/${naddrs}`);
          s = p + 10;
          s += printName(c, c.u16(p + 8), s);
          for (let i = 0; i < naliases; i++) {
            s += printNameLen(c, s);
          }
          for (let i = 0; i < naddrs; i++) {
            if ((a = printAddr(c, s)) < 0) return invalid();
            s += a;
          }
          break;
        }
        case 0x00010002: {
          c.need(p + 6, 2);
          flagsV3();
          const naliases = c.u16(p + 4);
          c.print(` ${naliases}`);
          s = p + 8;
          s += printName(c, c.u16(p + 6), s);
          for (let i = 0; i < naliases; i++) {
            s += printNameLen(c, s);
          }
          break;
        }
        case 0x00010003: {
          c.need(p + 14, 2);
          flagsV3();
          c.print(` ${tok(DNS_TYPE_NAMES, "Type%u", c.u16(p + 6))}`);
          const cls = c.u16(p + 4);
          if (cls !== 1) c.print(` ${tok(CLASS, "Class%u", cls)}`);
          const nrdatas = c.u16(p + 12), nsigs = c.u16(p + 14);
          c.print(` TTL ${relts(c.u32(p + 8))} ${nrdatas}/${nsigs}`);
          s = p + 16;
          s += printNameLen(c, s);
          for (let i = 0; i < nrdatas + nsigs; i++) {
            s += printBinLen(c, s);
          }
          break;
        }
        default:
          unsupported = true;
      }
    }
  }
  const plen = c.u32(bp);
  if (plen !== length) c.print(` [len: ${plen} != ${length}]`);
  if (!unsupported && s < bp + plen) c.print("[extra]");
}
