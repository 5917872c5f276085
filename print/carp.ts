// CARP, the Common Address Redundancy Protocol of OpenBSD, as tcpdump 4.99 prints it
// (carp_print() of print-carp.c). CARP shares IP protocol 112 with VRRP; tcpdump prints it only
// when told to (-T carp, PrintOptions.packetType "carp"), and VRRP otherwise.

import type { Ctx } from "./_ctx.ts";

/** carp_print(): the CARP header of `len` bytes at `bp`, sent with IP TTL `ttl`. */
export function carpPrint(c: Ctx, bp: number, len: number, ttl: number): void {
  c.proto = "carp";
  const version = c.u8(bp) >> 4, type = c.u8(bp) & 0x0f;
  c.print(`CARPv${version}-${type === 1 ? "advertise" : "unknown"} ${len}: `);
  if (ttl !== 255) c.print(`[ttl=${ttl}!] `);
  if (version !== 2 || type !== 1) return;
  c.print(
    `vhid=${c.u8(bp + 1)} advbase=${c.u8(bp + 5)} advskew=${c.u8(bp + 2)} authlen=${c.u8(bp + 3)} `,
  );
  if (c.f.v && c.has(bp, len) && c.sum(bp, len) !== 0xffff) {
    c.print(` (bad carp cksum ${c.u16(bp + 6).toString(16)}!)`);
  }
  const hi = BigInt(c.u32(bp + 8));
  c.print(`counter=${(hi << 32n) | BigInt(c.u32(bp + 12))}`);
}
