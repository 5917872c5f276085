// RIP (print-rip.c: RIPv1 and RIPv2 entries and authentication) and RIPng (print-ripng.c) as
// tcpdump 4.99 prints them.

import { BSD_AF, type Ctx, hex, printjnpOut, tok } from "./_ctx.ts";

const CMD: Record<number, string> = {
  1: "Request",
  2: "Response",
  3: "Trace on",
  4: "Trace off",
  5: "Poll",
  6: "Poll Entry",
};

/** mask2plen(): the prefix length of a contiguous mask, or -1. */
function plen(mask: number): number {
  for (let bits = 0; bits <= 32; bits++) {
    const m = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if (m === mask) return bits;
  }
  return -1;
}

function entryV1(c: Ctx, p: number, remaining: number): number {
  if (remaining < 20) return 0;
  if (!c.has(p, 20)) return 0;
  const family = c.u16(p);
  if (family !== 2 && family !== 0) {
    c.print(`\n\t AFI ${tok(BSD_AF, "Unknown (%u)", family)}, `);
    c.hexData(p + 4, "\n\t  ", 16);
    return 20;
  }
  if (c.u16(p + 2) || c.u32(p + 8) || c.u32(p + 12)) {
    c.hexData(p, "\n\t  ", 20);
    return 20;
  }
  c.print(`\n\t  ${family === 0 ? "AFI 0, " : ""}${c.ip4(p + 4)}, metric: ${c.u32(p + 16)}`);
  return 20;
}

function entryV2(c: Ctx, p: number, remaining: number): number {
  if (remaining < 4 || !c.has(p, 4)) return 0;
  const family = c.u16(p);
  if (family === 0xffff) {
    const auth = c.u16(p + 2);
    p += 4, remaining -= 4;
    if (auth === 2) {
      // printed as read: a password cut by the capture shows what was captured of it
      c.print("\n\t  Simple Text Authentication data: ");
      printjnpOut(c, p, 16);
    } else if (auth === 3) {
      if (!c.has(p, 16)) return 0;
      if (remaining < 16) return 0;
      c.print(
        `\n\t  Auth header: Packet Len ${c.u16(p)}, Key-ID ${c.u8(p + 2)}, Auth Data Len ${
          c.u8(p + 3)
        }, SeqNo ${c.u32(p + 4)}, MBZ ${c.u32(p + 8)}, MBZ ${c.u32(p + 12)}`,
      );
    } else if (auth === 1) {
      c.print("\n\t  Auth trailer:");
      c.hexData(p, "\n\t  ", remaining);
      return 4 + remaining;
    } else {
      c.print(`\n\t  Unknown (${auth}) Authentication data:`);
      c.hexData(p, "\n\t  ", remaining);
      return 4 + remaining;
    }
  } else if (family !== 2 && family !== 0) {
    c.print(`\n\t  AFI ${tok(BSD_AF, "Unknown (%u)", family)}`);
    c.hexData(p + 4, "\n\t  ", 16);
  } else {
    if (!c.has(p, 20) || remaining < 20) return 0;
    const pl = String(plen(c.u32(p + 8))).padEnd(2);
    c.print(
      `\n\t  AFI ${tok(BSD_AF, "%u", family)}, ${c.ip4(p + 4).padStart(15)}/${pl}, tag 0x${
        hex(c.u16(p + 2))
      }, metric: ${c.u32(p + 16)}, next-hop: ${c.u32(p + 12) ? c.ip4(p + 12) : "self"}`,
    );
  }
  return 20;
}

/** rip_print() (UDP port 520). */
export function ripPrint(c: Ctx, dat: number, length: number): void {
  c.proto = "rip";
  if (c.end < dat) return c.trunc();
  let len = Math.min(c.end - dat, length);
  if (len < 4) return c.trunc();
  len -= 4;
  const vers = c.u8(dat + 1), cmd = c.u8(dat);
  c.print(`${c.f.v ? "\n\t" : ""}RIPv${vers}`);
  // version 0 (RFC 1058: to be ignored): tcpdump 4.99.3 dumps the datagram at every verbosity
  if (vers === 0) return c.hexData(dat, "\n\t", length);
  c.print(`, ${tok(CMD, "unknown command (%u)", cmd)}, length: ${length}`);
  if (!c.f.v) return;
  if (cmd === 1 || cmd === 2) {
    if (vers === 1 || vers === 2) {
      const count = Math.floor(length / 20);
      c.print(vers === 1 ? `, routes: ${count}` : `, routes: ${count} or less`);
      let p = dat + 4;
      while (len !== 0) {
        const size = vers === 1 ? entryV1(c, p, len) : entryV2(c, p, len);
        if (size === 0) {
          c.trunc();
          break;
        }
        if (len < size) {
          c.print(` [remaining entries length ${len} < ${size}] (invalid)`);
          break;
        }
        p += size, len -= size;
      }
    } else c.print(", unknown version");
  } else if (cmd !== 4 && cmd !== 5 && cmd !== 6) {
    // trace off and the polls print nothing more; trace on and the unknown commands are dumped
    if (c.f.v <= 1) c.hexData(dat, "\n\t", length);
  }
  if (c.f.v > 1) c.hexData(dat, "\n\t", length);
}

/** ripng_print() (UDP port 521, RFC 2080) as 4.99 has it: a version other than 1 is invalid. */
export function ripngPrint(c: Ctx, dat: number, length: number): void {
  c.proto = "ripng";
  const vers = c.u8(dat + 1);
  if (vers !== 1) return c.print(` [vers ${vers}] (invalid)`);
  const cmd = c.u8(dat);
  const entry = (ni: number, metric: boolean) => {
    c.print(`${c.ip6(ni)}/${c.u8(ni + 18)}`);
    const tag = c.u16(ni + 16);
    if (tag) c.print(` [${tag}]`);
    const m = c.u8(ni + 19);
    if (m && metric) c.print(` (${m})`);
  };
  if (cmd !== 1 && cmd !== 2) return c.print(` ripng-${cmd} ?? ${length} (invalid)`);
  if (length < 4) return c.print(" (invalid)");
  let left = length - 4;
  const j = Math.floor(left / 20);
  const name = cmd === 1 ? "req" : "resp";
  if (cmd === 1 && j === 1) {
    let zero = true;
    for (let i = 0; i < 16; i++) if (c.u8(dat + 4 + i)) zero = false;
    if (c.u8(dat + 4 + 19) === 16 && zero) return c.print(" ripng-req dump");
  }
  c.print(j * 20 !== left ? ` ripng-${name} ${j}[${length}]:` : ` ripng-${name} ${j}:`);
  for (let ni = dat + 4; left >= 20; ni += 20) {
    c.print(c.f.v > 1 ? "\n\t" : " ");
    entry(ni, cmd === 2);
    left -= 20;
  }
  if (left !== 0) c.print(" (invalid)");
}
