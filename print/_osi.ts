// OSI helpers shared by the IS-IS and ES-IS printers (print-isoclns.c, addrtoname.c):
// isonsap_string() and the Fletcher checksum of ISO 8473 annex C. Private to print/.

import { type Ctx, hex } from "./_ctx.ts";

/** isonsap_string(): an area address or NSAP. */
export function nsap(c: Ctx, p: number, len: number): string {
  c.need(p, len); // GET_ISONSAP_STRING() checks the capture before the length
  if (len < 1 || len > 20) return "isonsap_string: illegal length";
  let s = "";
  for (let i = 0; i < len; i++) {
    s += hex(c.u8(p + i), 2);
    if ((i & 1) === 0 && i + 1 < len) s += ".";
  }
  return s;
}

/** create_osi_cksum(): the Fletcher checksum the field should hold. */
function osiCksum(c: Ctx, p: number, off: number, len: number): number {
  let c0 = 0, c1 = 0;
  for (let i = 0; i < len; i++) {
    if (i !== off && i !== off + 1) c0 += c.b[p + i]!;
    c1 += c0;
  }
  c0 %= 255, c1 %= 255;
  const mul = (len - off) * c0;
  let x = (mul - c0 - c1) | 0, y = (c1 - mul - 1) | 0;
  if (y >= 0) y++;
  if (x < 0) x--;
  x %= 255, y %= 255;
  if (x === 0) x = 255;
  if (y === 0) y = 255;
  return ((x << 8) | (y & 0xff)) & 0xffff;
}

/** osi_print_cksum(): " (correct)", " (incorrect should be ...)" or " (unverified)". */
export function osiCksumPrint(c: Ctx, p: number, field: number, off: number, len: number): void {
  if (!field || off < 0 || !c.has(p + off, 2) || off > len || !c.has(p, len)) {
    c.print(" (unverified)");
    return;
  }
  const want = osiCksum(c, p, off, len);
  c.print(want === field ? " (correct)" : ` (incorrect should be 0x${hex(want)})`);
}
