// Network Service Header (RFC 8300) as tcpdump 4.99 prints it (print-nsh.c): base and service
// path headers, MD type 1 and 2 context headers at -vvv, then the IPv4, IPv6 or Ethernet payload.

import { type Ctx, hex, tok } from "./_ctx.ts";

const MD: Record<number, string> = { 0: "reserved", 1: "1", 2: "2", 15: "experimental" };
const NP: Record<number, string> = {
  1: "IPv4",
  2: "IPv6",
  3: "Ethernet",
  4: "NSH",
  5: "MPLS",
  0xfe: "Experiment 1",
  0xff: "Experiment 2",
};

/** nsh_print(). */
export function nshPrint(c: Ctx, bp: number, len: number): void {
  c.proto = "nsh";
  if (len < 8) return c.print(` (packet length ${len} < 8) (invalid)`);
  const base = c.u32(bp);
  bp += 4;
  const ver = base >>> 30, length = (base >> 16) & 0x3f, md = (base >> 8) & 0x0f, np = base & 0xff;
  c.print("NSH, ");
  if (c.f.v > 1) c.print(`ver ${ver}, `);
  if (ver !== 0) return;
  c.print(`flags [${(base >> 28) & 2 ? "O" : "none"}], `);
  if (c.f.v > 2) {
    c.print(`TTL ${(base >> 22) & 0x3f}, `);
    c.print(`length ${length}, `);
    c.print(`md type ${tok(MD, "unknown (0x%02x)", md)}, `);
  }
  if (c.f.v > 1) c.print(`next-protocol ${tok(NP, "unknown (0x%02x)", np)}, `);
  if (len < length * 4) return c.print(` (too many headers for packet length ${len}) (invalid)`);
  c.print(`service-path-id 0x${hex((c.u8(bp) << 16) | c.u16(bp + 1), 6)}, `);
  c.print(`service-index 0x${c.u8(bp + 3).toString(16)}`);
  bp += 4;
  if (length < 2) return c.print(" (less than two headers) (invalid)");
  let past = false;
  if (c.f.v > 2) {
    if (md === 1) {
      if (length !== 6) return c.print(" (length for the MD type) (invalid)");
      for (let n = 0; n < length - 2; n++, bp += 4) {
        c.print(`\n        Context[${String(n).padStart(2, "0")}]: 0x${hex(c.u32(bp), 8)}`);
      }
      past = true;
    } else if (md === 2) {
      for (let n = 0; n < length - 2;) {
        const cls = c.u16(bp), type = c.u8(bp + 2), tl = c.u8(bp + 3) & 0x7f;
        bp += 4;
        const padded = (tl + 3) & ~3;
        c.print(`\n        TLV Class ${cls}, Type ${type}, Len ${tl}`);
        n += 1;
        if (length - 2 < n + padded / 4) return c.print(" (length too big) (invalid)");
        if (tl) {
          let s = "\n            Value: ";
          for (let k = 0; k < tl; k++) s += (k ? ":" : "0x") + hex(c.u8(bp + k), 2);
          c.print(s);
          bp += tl;
          c.need(bp, padded - tl);
          bp += padded - tl;
          n += padded / 4;
        }
      }
      past = true;
    }
  }
  if (!past) {
    c.need(bp, (length - 2) * 4);
    bp += (length - 2) * 4;
  }
  c.print(c.f.v ? "\n    " : ": ");
  const next = len - length * 4;
  if (np === 1) c.d.ip(c, bp, next);
  else if (np === 2) c.d.ip6(c, bp, next);
  else if (np === 3) c.d.ether(c, bp, next);
  else c.print("ERROR: unknown-next-protocol");
}
