// IPsec AH (RFC 4302) as tcpdump 4.99 prints it (ah_print() of print-ah.c): with -v its
// length, then the SPI, sequence number and ICV; the next header's printer goes on after it.

import type { Ctx } from "./_ctx.ts";

/**
 * ah_print(): the AH header at `bp` (length, SPI, sequence number, ICV); the header's length in
 * bytes, after which the next header's printer goes on.
 */
export function ahPrint(c: Ctx, bp: number): number {
  c.proto = "ah";
  // "AH", then its length byte, then "(": tcpdump 4.99.3's order, which shows in a cut header
  c.print("AH");
  const ahLen = c.u8(bp + 1);
  c.print("(");
  const hdrLen = (ahLen + 2) * 4;
  if (c.f.v) c.print(`length=${ahLen}(${hdrLen}-bytes),`);
  const reserved = c.u16(bp + 2);
  if (reserved) c.print(`reserved=0x${reserved.toString(16)}[MustBeZero],`);
  c.print(`spi=0x${c.u32(bp + 4).toString(16).padStart(8, "0")},`);
  c.print(`seq=0x${c.u32(bp + 8).toString(16)},`);
  c.print("icv=0x");
  for (let p = bp + 12; p < bp + hdrLen; p++) c.print(c.u8(p).toString(16).padStart(2, "0"));
  c.print("): ");
  return hdrLen;
}
