// LINKTYPE_ENC as tcpdump 4.99 prints it (print-enc.c): OpenBSD's enc(4) header (address
// family and flags in the capturing host's byte order, the SPI in network order), then the IP
// packet the IPsec SA carried.

import type { Ctx } from "./_ctx.ts";

/** struct enchdr: af (4), spi (4), flags (4). */
const ENC_HDRLEN = 12;
/** OpenBSD's mbuf flags for "authenticated" and "encrypted". */
const M_AUTH = 0x0800;
const M_CONF = 0x0400;
const AF_INET = 2;
const AF_INET6 = new Set([24, 28, 30]);

const le32 = (c: Ctx, off: number) =>
  (c.u8(off) | (c.u8(off + 1) << 8) | (c.u8(off + 2) << 16) | (c.u8(off + 3) << 24)) >>> 0;

/** enc_if_print(); returns the header length. */
export function encPrint(c: Ctx, wireLen: number): number {
  c.proto = "enc";
  if (c.end < ENC_HDRLEN) {
    c.trunc();
    return 0;
  }
  c.llHdrLen = ENC_HDRLEN;
  const af = le32(c, 0);
  let flags = le32(c, 8);
  let s = flags === 0 ? "(unprotected): " : "(";
  // ENC_PRINT_TYPE: each known flag, then "): " when it was the last one set, else ",".
  for (const [bit, name] of [[M_AUTH, "authentic"], [M_CONF, "confidential"]] as const) {
    if (flags & bit) {
      s += name + (flags === bit ? "): " : ",");
      flags &= ~bit;
    }
  }
  c.print(`${s}SPI 0x${c.u32(4).toString(16).padStart(8, "0")}: `);
  if (af === AF_INET) c.d.ip(c, ENC_HDRLEN, wireLen - ENC_HDRLEN);
  else if (AF_INET6.has(af)) c.d.ip6(c, ENC_HDRLEN, wireLen - ENC_HDRLEN);
  return ENC_HDRLEN;
}
