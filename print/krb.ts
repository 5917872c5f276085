// Kerberos on UDP 88 and 750 as tcpdump 4.99 prints it (krb_print() of print-krb.c): the
// protocol version from the first byte, and for Kerberos 4 the message type, principal names
// and lifetimes. Kerberos 5 (an ASN.1 application tag first) prints " v5" and no more, as
// tcpdump does.

import { type Ctx, printn, tok } from "./_ctx.ts";

const TYPES: Record<number, string> = {
  2: "KDC_REQUEST",
  4: "KDC_REPLY",
  6: "APPL_REQUEST",
  8: "APPL_REQUEST_MUTUAL",
  10: "ERR_REPLY",
  12: "PRIVATE",
  14: "SAFE",
  16: "APPL_ERR",
  126: "DIE",
};

const ERRORS: Record<number, string> = {
  0: "OK",
  1: "NAME_EXP",
  2: "SERVICE_EXP",
  3: "AUTH_EXP",
  4: "PKT_VER",
  5: "NAME_MAST_KEY_VER",
  6: "SERV_MAST_KEY_VER",
  7: "BYTE_ORDER",
  8: "PRINCIPAL_UNKNOWN",
  9: "PRINCIPAL_NOT_UNIQUE",
  10: "NULL_KEY",
};

/** c_print(): a NUL-terminated string; the offset after its NUL, or -1 when cut. */
function cPrint(c: Ctx, s: number): number {
  while (s < c.end) {
    const ch = c.u8(s++);
    if (ch === 0) return s;
    c.print(printn(c, s - 1, 1));
  }
  return -1;
}

/** krb_print(): the Kerberos message at `dat`. */
export function krbPrint(c: Ctx, dat: number, _length: number): void {
  c.proto = "krb";
  if (dat >= c.end) return c.trunc();
  const pvno = c.u8(dat);
  if (pvno >= 1 && pvno <= 4) c.print(` v${pvno}`);
  else if (pvno === 106 || pvno === 107) c.print(" v5");
  if (pvno === 4) krb4Print(c, dat);
}

/** krb4_print_hdr(): name.instance@realm after the version and type; -1 when cut. */
function hdr(c: Ctx, cp: number): number {
  cp += 2;
  for (const sep of [".", "@", ""]) {
    cp = cPrint(c, cp);
    if (cp < 0) {
      c.trunc();
      return -1;
    }
    c.print(sep);
  }
  return cp;
}

function krb4Print(c: Ctx, kp: number): void {
  const le = (c.u8(kp + 1) & 0x01) !== 0;
  const u16 = (off: number) => le ? c.u8(off) | (c.u8(off + 1) << 8) : c.u16(off);
  const type = c.u8(kp + 1) & 0xfe;
  c.print(` ${le ? "le" : "be"} ${tok(TYPES, "#%d", type)}: `);
  let cp = kp;
  switch (type) {
    case 2: {
      cp = hdr(c, cp);
      if (cp < 0) return;
      cp += 4;
      c.print(` ${c.u8(cp) * 5}min `);
      cp++;
      cp = cPrint(c, cp);
      if (cp < 0) return c.trunc();
      c.print(".");
      if (cPrint(c, cp) < 0) return c.trunc();
      break;
    }
    case 6:
      cp += 2;
      c.print(`v${c.u8(cp)} `);
      cp++;
      cp = cPrint(c, cp);
      if (cp < 0) return c.trunc();
      c.print(` (${c.u8(cp)})`);
      c.print(` (${c.u8(cp + 1)})`);
      break;
    case 4:
      cp = hdr(c, cp);
      if (cp < 0) return;
      c.print(` (${u16(cp + 10)})`);
      break;
    case 10:
      cp = hdr(c, cp);
      if (cp < 0) return;
      cp += 4;
      c.print(` ${tok(ERRORS, "#%d", u16(cp))} `);
      cp += 4;
      if (cPrint(c, cp) < 0) return c.trunc();
      break;
    default:
      c.print("(unknown)");
  }
}
