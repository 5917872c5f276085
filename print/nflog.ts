// LINKTYPE_NFLOG as tcpdump 4.99 prints it (print-nflog.c): the 4-byte nflog header, TLVs in
// host byte order skipped up to NFULA_PAYLOAD, then the IPv4 or IPv6 packet it carries.

import type { Ctx } from "./_ctx.ts";

const NFULA_PAYLOAD = 9;

/** nflog_if_print(); returns the header length (nflog header and the TLVs before the payload). */
export function nflogPrint(c: Ctx, wireLen: number): number {
  c.proto = "nflog";
  let caplen = c.end;
  if (caplen < 4) {
    c.trunc();
    return caplen;
  }
  let hSize = 4;
  const family = c.u8(0), version = c.u8(1), resource = c.u16(2);
  if (version !== 0) {
    c.print(`version ${version} (unknown)`);
    return hSize;
  }
  const header = (length: number) =>
    c.print(
      `version ${version}, resource ID ${resource}, family ${
        family === 2 ? "IPv4" : family === 10 ? "IPv6" : "Unknown"
      } (${family}), length ${length}: `,
    );
  if (c.f.e) header(wireLen);
  let p = 4, length = wireLen - 4;
  caplen -= 4;
  // the TLVs are in the capturing host's byte order: little-endian on the hosts we run on
  while (length > 0) {
    if (caplen < 4) return trunc();
    let size = c.u8(p) | (c.u8(p + 1) << 8);
    if (size % 4 !== 0) size += 4 - size % 4;
    if (size < 4 || caplen < size) return trunc();
    if ((c.u8(p + 2) | (c.u8(p + 3) << 8)) === NFULA_PAYLOAD) {
      p += 4;
      hSize += 4;
      break;
    }
    p += size, hSize += size, length -= size, caplen -= size;
  }
  c.llHdrLen = hSize;
  if (family === 2) c.d.ip(c, p, length);
  else if (family === 10) c.d.ip6(c, p, length);
  else {
    if (!c.f.e) header(length);
    c.defaultPrint(p, caplen);
  }
  return hSize;

  function trunc(): number {
    c.trunc();
    return hSize;
  }
}
