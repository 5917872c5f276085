// ZEP, the ZigBee Encapsulation Protocol (UDP 17754) as tcpdump 4.99 prints it (print-zep.c):
// the version 1 or 2 header (data or ack), then the IEEE 802.15.4 frame it carries through
// the 802.15.4 printer, or the bytes after the header.

import { type Ctx, hex, printn } from "./_ctx.ts";

const p2 = (v: number) => String(v).padStart(2, "0");

/**
 * zep_print_ts(): the NTP timestamp's seconds and nanoseconds (the fraction goes through a
 * single-precision float, as print-zep.c computes it) and, when the seconds are not 0, the local
 * date; the seconds since 1970 are taken modulo 2^32 (an unsigned subtraction in print-zep.c).
 */
function timestamp(c: Ctx, p: number): string {
  const sec = c.u32(p), uf = c.u32(p + 4);
  const f = Math.floor(Math.fround(Math.fround(uf) / 4294967296) * 1e9);
  let s = `${sec}.${String(f).padStart(9, "0")}`;
  if (sec !== 0) {
    const d = new Date(((sec - 2208988800) >>> 0) * 1000);
    s += ` (${d.getFullYear()}/${p2(d.getMonth() + 1)}/${p2(d.getDate())} ${p2(d.getHours())}:${
      p2(d.getMinutes())
    }:${p2(d.getSeconds())})`;
  }
  return s;
}

/** zep_print(). */
export function zepPrint(c: Ctx, bp: number, len: number): void {
  c.proto = "zep";
  c.print("ZEP");
  if (c.u8(bp) !== 0x45 || c.u8(bp + 1) !== 0x58) { // the preamble "EX"
    c.print(` [Preamble Code: ${printn(c, bp, 1)}`);
    c.print(`${printn(c, bp + 1, 1)}] (invalid)`);
    return;
  }
  const version = c.u8(bp + 2);
  c.print(`v${version} `);
  let inner: number;
  // ND_ICHECK_U(): a datagram shorter than its header is invalid
  const short = (min: number) => len < min && (c.print(` [len ${len} < ${min}] (invalid)`), true);
  if (version === 1) {
    if (short(16)) return;
    c.print(`Channel ID ${c.u8(bp + 3)}, Device ID 0x${hex(c.u16(bp + 4))}, `);
    c.print(c.u8(bp + 6) ? "CRC, " : `LQI ${c.u8(bp + 7)}, `);
    inner = c.u8(bp + 15);
    c.print(`inner len = ${inner}`);
    bp += 16, len -= 16;
  } else if (c.u8(bp + 3) === 2) {
    if (short(8)) return;
    c.print(`ACK, seq# = ${c.u32(bp + 4)}`);
    inner = 0;
    bp += 8, len -= 8;
  } else {
    if (short(32)) return;
    c.print(
      `Type ${c.u8(bp + 3)}, Channel ID ${c.u8(bp + 4)}, Device ID 0x${hex(c.u16(bp + 5))}, `,
    );
    c.print(c.u8(bp + 7) ? "CRC, " : `LQI ${c.u8(bp + 8)}, `);
    c.print(timestamp(c, bp + 9));
    const seq = c.u32(bp + 17);
    inner = c.u8(bp + 31);
    c.print(`, seq# = ${seq}, inner len = ${inner}`);
    bp += 32, len -= 32;
  }
  if (inner !== 0) {
    c.print("\n\t");
    if (c.d.ieee802154(c, bp, inner)) {
      c.tcheck(bp, len);
      bp += len, len = 0;
    }
  }
  c.defaultPrint(bp, len, true);
}
