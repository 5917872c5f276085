// MPLS label stacks as tcpdump 4.99 prints them (print-mpls.c): each label entry, then a guess
// at what the bottom of the stack carries.

import type { Ctx } from "./_ctx.ts";

const LABEL_NAME = [
  "IPv4 explicit NULL",
  "router alert",
  "IPv6 explicit NULL",
  "implicit NULL",
  ...Array<string>(12).fill("rsvd"),
];

/** mpls_print(). */
export function mplsPrint(c: Ctx, off: number, length: number): void {
  c.proto = "mpls";
  let p = off, depth = 0, entry = 0;
  c.print("MPLS");
  do {
    if (length < 4) {
      c.print(" (invalid)");
      c.tcheck(p, length);
      return;
    }
    entry = c.u32(p);
    const label = entry >>> 12;
    c.print(`${depth && c.f.v ? "\n\t" : " "}(label ${label}`);
    depth++;
    if (c.f.v && label < LABEL_NAME.length) c.print(` (${LABEL_NAME[label]})`);
    c.print(`, tc ${(entry >> 9) & 7}`);
    if (entry & 0x100) c.print(", [S]");
    c.print(`, ttl ${entry & 0xff})`);
    p += 4;
    length -= 4;
  } while (!(entry & 0x100));
  let pt = 0; // 0 unknown, 4 IPv4, 6 IPv6, 1 OSI
  const label = entry >>> 12;
  if (label === 0 || label === 3) pt = 4;
  else if (label === 2) pt = 6;
  else {
    // no protocol field: the first payload byte is guessed at, as for IS-IS over AAL5 (0x45-0x4f
    // IPv4, 0x60-0x6f IPv6, 0x81-0x83 CLNP, ES-IS, IS-IS), whatever the length
    if (length < 1) return;
    const b = c.u8(p);
    if (b >= 0x45 && b <= 0x4f) pt = 4;
    else if (b >= 0x60 && b <= 0x6f) pt = 6;
    else if (b >= 0x81 && b <= 0x83) pt = 1;
  }
  if (pt === 0) {
    c.defaultPrint(p, length, true);
    return;
  }
  c.print(c.f.v ? "\n\t" : " ");
  if (pt === 4) c.d.ip(c, p, length);
  else if (pt === 6) c.d.ip6(c, p, length);
  else c.d.isoclns(c, p, length);
}
