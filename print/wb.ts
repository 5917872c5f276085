// wb, the LBL whiteboard (destination UDP 4567), as tcpdump 4.99 prints it (print-wb.c): the
// message type, then announcements, repair requests and replies, drawing operations (their
// op list at -v) and page vector requests and replies.

import { type Ctx, printjnpOut } from "./_ctx.ts";

const DOPS = [
  "dop-0!",
  "dop-1!",
  "RECT",
  "LINE",
  "ML",
  "DEL",
  "XFORM",
  "ELL",
  "CHAR",
  "STR",
  "NOP",
  "PSCODE",
  "PSCOMP",
  "REF",
  "SKIP",
  "HOLE",
];

/** An announcement (pkt_id): our and the highest page state, the id list, the site name. */
function id(c: Ctx, p: number, len: number): boolean {
  c.print(" wb-id:");
  if (len < 28) return false;
  len -= 28;
  c.print(
    ` ${c.u32(p + 12)}/${c.ip4(p + 16)}:${c.u32(p + 20)} (max ${c.u32(p)}/${c.ip4(p + 4)}:${
      c.u32(p + 8)
    }) `,
  );
  c.need(p, 28);
  const nid = c.u16(p + 24);
  if (len < 8 * nid) return false;
  len -= 8 * nid;
  let io = p + 28, sep = "<";
  for (let i = 0; i < nid; i++, io += 8) {
    c.print(`${sep}${c.ip4(io)}:${c.u32(io + 4)}`);
    sep = ",";
  }
  c.print('> "');
  printjnpOut(c, io, len);
  c.print('"');
  return true;
}

/** The drawing ops after a pkt_dop at `dop`, sequence numbers `ss` to `es`. */
function dops(c: Ctx, dop: number, ss: number, es: number): void {
  let dh = dop + 16;
  c.print(" <");
  for (; ss <= es; ss = (ss + 1) >>> 0) {
    const t = c.u8(dh + 7);
    c.print(` ${DOPS[t] ?? `dop-${t}!`}`);
    if (t === 14 || t === 15) {
      const ts = c.u32(dh);
      c.print(`${(ts - ss + 1) >>> 0}`);
      if (ss > ts || ts > es) {
        c.print("[|]");
        if (ts < ss) return;
      }
      ss = ts;
    }
    dh += ((c.u16(dh + 4) + 8 + 3) & ~3) >>> 0;
  }
  c.print(" >");
}

/** wb_print(). */
export function wbPrint(c: Ctx, p: number, len: number): void {
  c.proto = "wb";
  if (len < 12) return c.print(" (invalid)");
  c.need(p, 12);
  len -= 12;
  if (c.u8(p + 11)) c.print("*");
  const type = c.u8(p + 10), b = p + 12;
  let ok = true;
  switch (type) {
    case 4:
      return c.print(" wb-kill");
    case 1:
      ok = id(c, b, len);
      break;
    case 2:
      c.print(" wb-rreq:");
      if (len < 20) ok = false;
      else {
        c.print(
          ` please repair ${c.ip4(b)} ${c.ip4(b + 4)}:${c.u32(b + 8)}<${c.u32(b + 12)}:${
            c.u32(b + 16)
          }>`,
        );
      }
      break;
    case 3:
      c.print(" wb-rrep:");
      if (len < 20) ok = false;
      else {
        c.print(
          ` for ${c.ip4(b)} ${c.ip4(b + 4)}:${c.u32(b + 8)}<${c.u32(b + 12)}:${c.u32(b + 16)}>`,
        );
        if (c.f.v) dops(c, b + 4, c.u32(b + 12), c.u32(b + 16));
      }
      break;
    case 0:
      c.print(" wb-dop:");
      if (len < 16) ok = false;
      else {
        c.print(` ${c.ip4(b)}:${c.u32(b + 4)}<${c.u32(b + 8)}:${c.u32(b + 12)}>`);
        if (c.f.v) dops(c, b, c.u32(b + 8), c.u32(b + 12));
      }
      break;
    case 5:
      c.print(" wb-preq:");
      if (len < 16) ok = false;
      else {
        c.print(` need ${c.u32(b + 8)}/${c.ip4(b)}:${c.u32(b + 4)}`);
        c.need(b, 16);
      }
      break;
    case 7: {
      c.print(" wb-prep:");
      if (len < 4) {
        ok = false;
        break;
      }
      let ps = b + 4;
      for (let n = c.u32(b); n !== 0; n--) {
        c.print(` ${c.u32(ps)}/${c.ip4(ps + 4)}:${c.u32(ps + 8)}`);
        c.need(ps, 16);
        let io = ps + 16, sep = "<";
        for (const ie = io + 8 * c.u8(ps + 12); io < ie; io += 8) {
          c.print(`${sep}${c.ip4(io)}:${c.u32(io + 4)}`);
          sep = ",";
        }
        c.print(">");
        ps = io;
      }
      break;
    }
    default:
      c.print(` wb-${type}!`);
      ok = false;
  }
  if (!ok) c.print(" (invalid)");
}
