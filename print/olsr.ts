// OLSR (RFC 3626 with olsr.org's link-quality and name-service messages) as tcpdump 4.99
// prints it (print-olsr.c), over IPv4 and IPv6.

import { type Ctx, hex, printn, tok } from "./_ctx.ts";

const MSG: Record<number, string> = {
  1: "Hello",
  2: "TC",
  3: "MID",
  4: "HNA",
  128: "Powerinfo",
  130: "Nameservice",
  201: "Hello-LQ",
  202: "TC-LQ",
};
const LINK: Record<number, string> = {
  0: "Unspecified",
  1: "Asymmetric",
  2: "Symmetric",
  3: "Lost",
};
const NEIGH: Record<number, string> = { 0: "Not-Neighbor", 1: "Symmetric", 2: "Symmetric-MPR" };

/** ME_TO_DOUBLE(): the 4-bit mantissa and exponent of a validity or hello time, "%.3f". */
const meTime = (me: number) => (0.0625 * (1 + (me >> 4) / 16) * (1 << (me & 0x0f))).toFixed(3);

/** mask2plen() of a contiguous IPv4 mask, -1 otherwise. */
function maskLen(m: number): number {
  for (let n = 0; n <= 32; n++) if ((n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0) === m) return n;
  return -1;
}

/** olsr_print_neighbor(): tcpdump prints even IPv6 neighbours as IPv4 words, one line. */
function neighbors(c: Ctx, p: number, len: number): void {
  c.print("\n\t      neighbor\n\t\t");
  for (; len >= 4; p += 4, len -= 4) c.print(`${c.ip4(p)} `);
}

/** olsr_print_lq_neighbor4/6(). */
function lqNeighbors(c: Ctx, p: number, len: number, v6: boolean): void {
  const size = v6 ? 20 : 8;
  for (; len >= size; p += size, len -= size) {
    c.tcheck(p, size);
    const a = v6 ? c.ip6(p) : c.ip4(p), q = v6 ? p + 16 : p + 4;
    c.print(
      `\n\t      neighbor ${a}, link-quality ${
        (c.u8(q) / 2.55).toFixed(2)
      }%, neighbor-link-quality ${(c.u8(q + 1) / 2.55).toFixed(2)}%`,
    );
  }
}

/** olsr_print(): `v6` when the UDP datagram came over IPv6. */
export function olsrPrint(c: Ctx, bp: number, length: number, v6: boolean): void {
  c.proto = "olsr";
  c.print(`OLSRv${v6 ? 6 : 4}`);
  if (length < 4) return c.print(` [packet length ${length} < 4] (invalid)`);
  length = Math.min(length, c.u16(bp));
  c.print(`, seq 0x${hex(c.u16(bp + 2))}, length ${length}`);
  if (c.f.v < 1) return;
  const hdr = v6 ? 24 : 12, asize = v6 ? 16 : 4;
  for (let t = bp + 4; t < bp + length;) {
    c.tcheck(t, hdr);
    const type = c.u8(t), mlen = c.u16(t + 2);
    const valid = mlen >= hdr && mlen <= length;
    if (type === 0 || mlen === 0) return;
    const o = v6 ? c.ip6(t + 4) : c.ip4(t + 4);
    c.print(
      `\n\t${tok(MSG, "Unknown", type)} Message (0x${hex(type, 2)}), originator ${o}, ttl ${
        c.u8(t + 4 + asize)
      }, hop ${c.u8(t + 5 + asize)}\n\t  vtime ${meTime(c.u8(t + 1))}s, msg-seq 0x${
        hex(c.u16(t + 6 + asize))
      }, length ${mlen}${valid ? "" : " (invalid)"}`,
    );
    if (!valid) return;
    let d = t + hdr, tl = mlen - hdr;
    switch (type) {
      case 1:
      case 201:
        if (tl < 4) return c.print(` [message length ${tl} < 4] (invalid)`);
        c.print(`\n\t  hello-time ${meTime(c.u8(d + 2))}s, MPR willingness ${c.u8(d + 3)}`);
        d += 4, tl -= 4;
        while (tl >= 4) {
          c.tcheck(d, 4);
          let hl = c.u16(d + 2);
          const code = c.u8(d), ok = hl <= tl && hl >= 4;
          c.print(
            `\n\t    link-type ${tok(LINK, "Unknown", code & 3)}, neighbor-type ${
              tok(NEIGH, "Unknown", code >> 2)
            }, len ${hl}${ok ? "" : " (invalid)"}`,
          );
          if (!ok) break;
          d += 4, tl -= 4, hl -= 4;
          c.tcheck(d, hl);
          if (type === 1) neighbors(c, d, hl);
          else lqNeighbors(c, d, hl, v6);
          d += hl, tl -= hl;
        }
        break;
      case 2:
      case 202:
        if (tl < 4) return c.print(` [message length ${tl} < 4] (invalid)`);
        c.tcheck(d, 4);
        c.print(`\n\t    advertised neighbor seq 0x${hex(c.u16(d))}`);
        d += 4, tl -= 4;
        if (type === 2) neighbors(c, d, tl);
        else lqNeighbors(c, d, tl, v6);
        break;
      case 3:
        for (; tl >= asize; d += asize, tl -= asize) {
          c.tcheck(d, asize);
          c.print(`\n\t  interface address ${v6 ? c.ip6(d) : c.ip4(d)}`);
        }
        break;
      case 4: {
        const size = 2 * asize;
        c.print(`\n\t  Advertised networks (total ${Math.floor(tl / size)})`);
        for (let col = 0; tl >= size; d += size, tl -= size, col = (col + 1) % 4) {
          c.tcheck(d, size);
          if (v6) c.print(`\n\t    #0: ${c.ip6(d)}/${mask6Len(c, d + 16)}`);
          else c.print(`${col === 0 ? "\n\t    " : ", "}${c.ip4(d)}/${maskLen(c.u32(d + 4))}`);
        }
        break;
      }
      case 130: {
        if (tl < 4) return c.print(` [message length ${tl} < 4] (invalid)`);
        const n = c.u16(d + 2);
        const ok = n > 0 && n * (4 + asize) <= tl;
        c.print(`\n\t  Version ${c.u16(d)}, Entries ${n}${ok ? "" : " (invalid)"}`);
        if (!ok) break;
        d += 4, tl -= 4;
        for (let i = 0; i < n; i++) {
          if (tl < 4) break;
          const et = c.u16(d), el = c.u16(d + 2);
          d += 4, tl -= 4;
          const eok = el > 0 && asize + el <= tl;
          c.print(
            `\n\t    #${i}: type ${et === 0 ? "000000" : `0x${hex(et)}`}, length ${el}${
              eok ? "" : " (invalid)"
            }`,
          );
          if (!eok) break;
          const pad = el % 4 ? 4 - (el % 4) : 0;
          if (tl < asize + el + pad) return c.print(" (invalid)");
          c.tcheck(d, asize + el + pad);
          c.print(`, address ${v6 ? c.ip6(d) : c.ip4(d)}, name "${printn(c, d + asize, el)}"`);
          d += asize + el + pad, tl -= asize + el + pad;
        }
        break;
      }
      default:
        c.hexData(d, "\n\t    ", tl);
    }
    t += mlen;
  }
}

/** mask62plen(): the prefix length of a contiguous IPv6 mask, -1 otherwise. */
function mask6Len(c: Ctx, p: number): number {
  let bitsSet = 0, i = 0;
  for (; i < 16 && c.u8(p + i) === 0xff; i++) bitsSet += 8;
  if (i < 16) {
    const b = c.u8(p + i);
    const m = [0x00, 0x80, 0xc0, 0xe0, 0xf0, 0xf8, 0xfc, 0xfe].indexOf(b);
    if (m < 0) return -1;
    bitsSet += m;
    for (i++; i < 16; i++) if (c.u8(p + i) !== 0) return -1;
  }
  return bitsSet;
}
