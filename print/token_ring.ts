// IEEE 802.5 Token Ring and FDDI frames as tcpdump 4.99 prints them (print-token.c,
// print-fddi.c): the MAC header at -e (access and frame control, addresses), Token Ring's source
// routing field, then LLC; FDDI SMT and other frame types. They reach the printer as
// LINKTYPE_IEEE802_5 and LINKTYPE_FDDI, and bridged in RFC 1490/2684 SNAP (Frame Relay, ATM).
// Linux capture files keep FDDI addresses in canonical order, so they are not bit-swapped.

import type { Ctx } from "./_ctx.ts";

const BROADCAST = [
  "Non-Broadcast",
  "Non-Broadcast",
  "Non-Broadcast",
  "Non-Broadcast",
  "All-routes",
  "All-routes",
  "Single-route",
  "Single-route",
];
const LARGEST_FRAME = ["516", "1500", "2052", "4472", "8144", "11407", "17800", "??"];
const x2 = (v: number) => v.toString(16).padStart(2, "0");

/** The source MAC without its source-routing bit. */
function shost(c: Ctx, p: number): string {
  const m = c.mac(p);
  return x2(c.u8(p) & 0x7f) + m.slice(2);
}

/** token_print() of `length` bytes at `p`; the MAC header length. */
export function tokenPrint(c: Ctx, p: number, length: number): number {
  c.proto = "token-ring";
  if (c.end - p < 14) {
    c.trunc();
    return 14;
  }
  const dst = c.mac(p + 2), src = shost(c, p + 8);
  const header = (len: number) =>
    c.print(`${c.f.q ? "" : `${x2(c.u8(p))} ${x2(c.u8(p + 1))} `}${src} > ${dst}, length ${len}: `);
  let hdrLen = 14, routeLen = 0;
  if (c.u8(p + 8) & 0x80) {
    if (c.f.e) header(length);
    if (c.end - p < 16) {
      c.trunc();
      return hdrLen;
    }
    const rcf = c.u16(p + 14);
    routeLen = (rcf & 0x1f00) >> 8;
    hdrLen += routeLen;
    if (c.end - p < hdrLen) {
      c.trunc();
      return hdrLen;
    }
    const segments = Math.trunc((routeLen - 2) / 2);
    if (c.f.v) {
      c.print(`${BROADCAST[(rcf & 0xe000) >> 13]} ${rcf & 0x80 ? "Backward" : "Forward"}`);
      for (let s = 0; s < segments; s++) {
        const seg = c.u16(p + 16 + 2 * s);
        c.print(` [${(seg & 0xfff0) >> 4}:${seg & 0xf}]`);
      }
    } else {
      c.print(`rt = ${rcf.toString(16)}`);
      for (let s = 0; s < segments; s++) c.print(`:${c.u16(p + 16 + 2 * s).toString(16)}`);
    }
    c.print(` (${LARGEST_FRAME[(rcf & 0x70) >> 4]}) `);
  } else if (c.f.e) header(length);
  const q = p + hdrLen;
  if ((c.u8(p + 1) & 0xc0) >> 6 === 1) {
    const llc = c.d.llc(c, q, length - hdrLen, src, dst);
    if (llc < 0) c.defaultPrint(q, c.end - q);
    return hdrLen + Math.abs(llc);
  }
  if (!c.f.e) header(length);
  c.defaultPrint(q, c.end - q);
  return hdrLen;
}

const FDDI_FC: Record<number, string> = {
  0x40: "void",
  0x80: "nrt",
  0xc0: "rt",
  0x41: "info",
  0x4f: "nsa",
  0xc2: "beacon",
  0xc3: "claim",
};
const FDDI_CLASS: Record<number, string> = {
  0xc0: "mac",
  0x40: "smt",
  0x50: "async",
  0xd0: "sync",
  0x60: "imp_async",
  0xe0: "imp_sync",
};

/** print_fddi_fc(): the frame control field's name. */
function fddiFc(fc: number): string {
  const named = FDDI_FC[fc];
  if (named) return named;
  const cls = FDDI_CLASS[fc & 0xf0];
  return cls ? `${cls}${(fc & 0x0f).toString(16)}` : x2(fc);
}

/** fddi_print() of `length` bytes at `p`; the header length. */
export function fddiPrint(c: Ctx, p: number, length: number): number {
  c.proto = "fddi";
  if (c.end - p < 13) {
    c.trunc();
    return c.end - p;
  }
  const fc = c.u8(p), dst = c.mac(p + 1), src = c.mac(p + 7);
  const header = (len: number) =>
    c.print(`${c.f.q ? "" : `${fddiFc(fc)} `}${src} > ${dst}, length ${len}: `);
  if (c.f.e) header(length);
  const q = p + 13;
  if ((fc & 0xf0) === 0x50) {
    const llc = c.d.llc(c, q, length - 13, src, dst);
    if (llc < 0) c.defaultPrint(q, c.end - q);
    return 13 + Math.abs(llc);
  }
  if ((fc & 0xf0) === 0x40) c.print("<SMT printer not yet implemented>");
  else {
    if (!c.f.e) header(length);
    c.defaultPrint(q, c.end - q);
  }
  return 13;
}
