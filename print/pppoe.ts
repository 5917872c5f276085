// PPPoE discovery and session stages as tcpdump 4.99 prints them (print-pppoe.c).

import { type Ctx, hex, tok } from "./_ctx.ts";

const CODE: Record<number, string> = {
  0x09: "PADI",
  0x07: "PADO",
  0x19: "PADR",
  0x65: "PADS",
  0xa7: "PADT",
  0: "",
};
const TAG: Record<number, string> = {
  0: "EOL",
  0x0101: "Service-Name",
  0x0102: "AC-Name",
  0x0103: "Host-Uniq",
  0x0104: "AC-Cookie",
  0x0105: "Vendor-Specific",
  0x0110: "Relay-Session-ID",
  0x0120: "PPP-Max-Payload",
  0x0201: "Service-Name-Error",
  0x0202: "AC-System-Error",
  0x0203: "Generic-Error",
};
const MAXTAGPRINT = 80;

/** pppoe_print() of `length` bytes at `off` (EtherTypes 0x8863 and 0x8864). */
export function pppoePrint(c: Ctx, off: number, length: number): void {
  c.proto = "pppoe";
  if (length < 6) {
    c.print(`truncated-pppoe ${length}`);
    return;
  }
  length -= 6;
  c.tcheck(off, 6);
  const vt = c.u8(off), code = c.u8(off + 1), ses = c.u16(off + 2);
  let plen = c.u16(off + 4);
  if (vt >> 4 !== 1) c.print(` [ver ${vt >> 4}]`);
  if ((vt & 0xf) !== 1) c.print(` [type ${vt & 0xf}]`);
  c.print(`PPPoE ${tok(CODE, "PAD-%x", code)}`);
  if (code === 0x09 && plen > 1484 - 6) c.print(` [len ${plen}!]`);
  if (plen > length) {
    c.print(` [len ${plen} > ${length}!]`);
    plen = length;
  }
  if (ses) c.print(` [ses 0x${ses.toString(16)}]`);
  const payload = off + 6;
  if (code === 0) {
    c.print(" ");
    c.d.ppp(c, payload, plen);
    return;
  }
  let type = 0xffff, p = payload;
  while (type && p < payload + plen) {
    c.tcheck(p, 4);
    type = c.u16(p);
    const tlen = c.u16(p + 2);
    p += 4;
    const name = tok(TAG, "TAG-0x%x", type);
    if (tlen) {
      c.tcheck(p, tlen);
      let text = "", ascii = 0, garbage = 0;
      for (let i = 0; i < tlen && text.length < MAXTAGPRINT - 1; i++) {
        const ch = c.b[p + i]!;
        if (ch >= 32 && ch < 127) {
          text += String.fromCharCode(ch);
          ascii++;
        } else {
          text += ".";
          garbage++;
        }
      }
      if (ascii > garbage) c.print(` [${name} "${text}"]`);
      else {
        c.print(` [${name} 0x`);
        for (let i = 0; i < tlen; i++) c.print(hex(c.b[p + i]!, 2).toUpperCase());
        c.print("]");
      }
    } else c.print(` [${name}]`);
    p += tlen;
  }
}
