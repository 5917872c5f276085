// LISP control messages (RFC 6830, UDP 4342) as tcpdump 4.99 prints them (print-lisp.c): the
// message type of any message, and for Map-Register and Map-Notify the records, their EID
// prefixes and locators (field by field at -v), the xTR and site ids or the bytes left over.

import { bits, type Ctx, tok, Truncated } from "./_ctx.ts";

const TYPE: Record<number, string> = {
  0: "LISP-Reserved",
  1: "LISP-Map-Request",
  2: "LISP-Map-Reply",
  3: "LISP-Map-Register",
  4: "LISP-Map-Notify",
  8: "LISP-Encapsulated-Contol-Message", // sic
};
const REGISTER_FLAGS = [
  [0x08000000, "P-Proxy-Map-Reply"],
  [0x04000000, "S-LISP-SEC-Capable"],
  [0x02000000, "I-xTR-ID-Present"],
  [0x01000000, "R-Build-For-RTR"],
  [0x00000100, "M-Want-Map-Notify"],
] as const;
const NOTIFY_FLAGS = [[0x08000000, "I-xTR-ID-Present"], [0x04000000, "R-Build-For-RTR"]] as const;
const AUTH: Record<number, string> = { 0: "None", 1: "SHA1", 2: "SHA256" };
const ACTION: Record<number, string> = {
  0: "No-Action",
  1: "Natively-Forward",
  2: "Send-Map-Request",
  3: "Drop",
};
const LOC_FLAGS = [[0x0004, "Local-Locator"], [0x0002, "RLoc-Probed"], [
  0x0001,
  "Reachable",
]] as const;

/**
 * hex_print(): hex words of what was captured of `len` bytes, eight a line after `indent` and
 * the offset; a cut ends the packet after them (tcpdump 4.99.3 prints the captured part first).
 */
function hexPrint(c: Ctx, indent: string, p: number, len: number): void {
  c.hexData(p, indent, len);
  if (!c.has(p, len)) throw new Truncated();
}

/** lisp_print(). */
export function lispPrint(c: Ctx, bp: number, length: number): void {
  c.proto = "lisp";
  c.tcheck(bp, 16);
  const tf = c.u8(bp), type = tf >> 4;
  c.print(`${tok(TYPE, "unknown-type-%u", type)},`);
  const v = c.f.v;
  if (v && type === 3) c.print(` flags [${bits(REGISTER_FLAGS, "none", c.u32(bp))}],`);
  else if (v && type === 4) c.print(` flags [${bits(NOTIFY_FLAGS, "none", c.u32(bp))}],`);
  if (type !== 3 && type !== 4) return;
  const xtr = type === 3 ? tf & 2 : tf & 8;
  const authLen = c.u16(bp + 14);
  let records = c.u8(bp + 3);
  if (v) {
    c.print(`\n    ${records} record(s), `);
    c.print(`Authentication ${tok(AUTH, "unknown-type", c.u16(bp + 12))},`);
    hexPrint(c, "\n    Authentication-Data: ", bp + 16, authLen);
  } else c.print(` ${records} record(s),`);
  // print-lisp.c keeps the offset in 16 bits
  let off = (16 + authLen) & 0xffff;
  if (records === 0) return c.print(" (invalid)");
  while (length > off && records !== 0) {
    records--;
    c.tcheck(bp + off, 12);
    c.print("\n");
    const eid = bp + off;
    off = (off + 12) & 0xffff;
    const maskLen = c.u8(eid + 5), afi = c.u16(eid + 10);
    let locs = c.u8(eid + 4);
    if (v) {
      c.print(`      Record TTL ${c.u32(eid)},`);
      const act = c.u8(eid + 6);
      c.print((act >> 4) & 1 ? " Authoritative," : " Non-Authoritative,");
      c.print(` ${tok(ACTION, "unknown", act >> 5)},`);
      c.print(` Map Version: ${c.u16(eid + 8) & 0x0fff},`);
    }
    if (afi === 1) {
      c.print(` EID ${c.ip4(bp + off)}/${maskLen},`);
      off = (off + 4) & 0xffff;
    } else if (afi === 2) {
      c.print(` EID ${c.ip6(bp + off)}/${maskLen},`);
      off = (off + 16) & 0xffff;
    } else return; // no LCAF
    c.print(` ${locs} locator(s)`);
    while (locs !== 0) {
      locs--;
      c.tcheck(bp + off, 8);
      const loc = bp + off;
      off = (off + 8) & 0xffff;
      const locAfi = c.u16(loc + 6);
      if (v) c.print("\n       ");
      if (locAfi === 1) {
        c.tcheck(bp + off, 4);
        c.print(` LOC ${c.ip4(loc + 8)}`);
        off = (off + 4) & 0xffff;
      } else if (locAfi === 2) {
        c.tcheck(bp + off, 16);
        c.print(` LOC ${c.ip6(loc + 8)}`);
        off = (off + 16) & 0xffff;
      }
      if (v) {
        c.print(
          `\n          Priority/Weight ${c.u8(loc)}/${c.u8(loc + 1)}, Multicast Priority/Weight ${
            c.u8(loc + 2)
          }/${c.u8(loc + 3)},`,
        );
        c.print(` flags [${bits(LOC_FLAGS, "none", c.u16(loc + 4))}],`);
      }
    }
  }
  const at = bp + off;
  if (xtr) {
    if (!c.has(at, 24)) return c.print(" (invalid)");
    hexPrint(c, "\n    xTR-ID: ", at, 16);
    let site = 0n;
    for (let i = 0; i < 8; i++) site = (site << 8n) | BigInt(c.u8(at + 16 + i));
    c.print(`\n    SITE-ID: ${site}`);
  } else if (at < c.end) hexPrint(c, "\n    Data: ", at, c.end - at);
}
