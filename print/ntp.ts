// NTP as tcpdump 4.99 prints it (print-ntp.c): time messages with their -v fields, control
// messages.

import { type Ctx, hex, tok } from "./_ctx.ts";

const NTP_MODE: Record<number, string> = {
  0: "unspecified",
  1: "symmetric active",
  2: "symmetric passive",
  3: "Client",
  4: "Server",
  5: "Broadcast",
  6: "Control Message",
  7: "Reserved",
};

const NTP_LEAP: Record<number, string> = {
  0: "",
  0x40: "+1s",
  0x80: "-1s",
  0xc0: "clock unsynchronized",
};
const NTP_JAN_1970 = 2208988800;

/** ntp_print(): version, mode and length; with -v the time or control message fields. */
export function ntpPrint(c: Ctx, off: number, length: number): void {
  c.proto = "ntp";
  const status = c.u8(off);
  const mode = status & 7;
  c.print(`NTPv${(status >> 3) & 7}, ${tok(NTP_MODE, "Unknown mode", mode)}, length ${length}`);
  if (!c.f.v) return;
  c.print(`\n\tLeap indicator: ${NTP_LEAP[status & 0xc0]} (${status & 0xc0})`);
  if (mode <= 5) ntpTime(c, off, length);
  else if (mode === 6) ntpControl(c, off, length);
}

/** A 64-bit NTP timestamp: seconds.nanoseconds since 1900, and the UTC date when set. */
function ntpTimestamp(c: Ctx, at: number): string {
  const i = c.u32(at), uf = c.u32(at + 4);
  let s = `${i}.${String(Math.floor((uf / 4294967296) * 1e9)).padStart(9, "0")}`;
  if (i) s += ` (${new Date((i - NTP_JAN_1970) * 1000).toISOString().slice(0, 19)}Z)`;
  return s;
}

/** p_ntp_delta(): a timestamp minus the originator's, with a sign (64-bit arithmetic). */
function ntpDelta(c: Ctx, oat: number, at: number): string {
  const u = c.u32(at), uf = c.u32(at + 4), ou = c.u32(oat), ouf = c.u32(oat + 4);
  if (ou === 0 && ouf === 0) return ntpTimestamp(c, at);
  let i = u - ou, f: number, neg: boolean;
  if (i > 0) {
    neg = false;
    f = (uf - ouf) >>> 0;
    if (ouf > uf) i -= 1;
  } else if (i < 0) {
    neg = true;
    f = (ouf - uf) >>> 0;
    if (uf > ouf) i += 1;
    i = -i;
  } else if (uf > ouf) {
    neg = false;
    f = uf - ouf;
  } else {
    neg = true;
    f = ouf - uf;
  }
  return `${neg ? "-" : "+"}${i}.${String(Math.floor((f / 4294967296) * 1e9)).padStart(9, "0")}`;
}

/** nd_print_invalid(), then ND_TCHECK_LEN of the whole message: " [|ntp]" when it is cut. */
function invalid(c: Ctx, off: number, length: number): void {
  c.print(" (invalid)");
  if (!c.has(off, length)) c.trunc();
}

/** ntp_time_print(). */
function ntpTime(c: Ctx, off: number, length: number): void {
  if (length < 48) return invalid(c, off, length);
  const stratum = c.u8(off + 1);
  const sname = stratum === 0
    ? "unspecified"
    : stratum === 1
    ? "primary reference"
    : stratum <= 15
    ? "secondary reference"
    : "reserved";
  c.print(`, Stratum ${stratum} (${sname})`);
  const poll = (c.u8(off + 2) << 24) >> 24;
  c.print(`, poll ${poll}`);
  if (poll > -32 && poll < 32) c.print(poll >= 0 ? ` (${2 ** poll}s)` : ` (1/${2 ** -poll}s)`);
  c.print(`, precision ${(c.u8(off + 3) << 24) >> 24}`);
  const sfix = (at: number) =>
    `${c.u16(at)}.${String(Math.floor((c.u16(at + 2) / 65536) * 1000000)).padStart(6, "0")}`;
  c.print(`\n\tRoot Delay: ${sfix(off + 4)}`);
  c.print(`, Root dispersion: ${sfix(off + 8)}`);
  c.tcheck(off + 12, 4);
  c.print(", Reference-ID: ");
  switch (stratum) {
    case 0:
      c.print("(unspec)");
      break;
    case 1:
      for (let k = 0; k < 4; k++) {
        let ch = c.u8(off + 12 + k);
        if (ch & 0x80) {
          c.print("M-");
          ch &= 0x7f;
        }
        c.print(
          ch < 0x20 || ch === 0x7f ? "^" + String.fromCharCode(ch ^ 0x40) : String.fromCharCode(ch),
        );
      }
      break;
    case 62:
      c.print(`${c.ip4(off + 12)} INFO_QUERY`);
      return;
    case 63:
      c.print(`${c.ip4(off + 12)} INFO_REPLY`);
      return;
    default:
      c.print(`0x${hex(c.u32(off + 12), 8)}`);
  }
  c.print(`\n\t  Reference Timestamp:  ${ntpTimestamp(c, off + 16)}`);
  c.print(`\n\t  Originator Timestamp: ${ntpTimestamp(c, off + 24)}`);
  c.print(`\n\t  Receive Timestamp:    ${ntpTimestamp(c, off + 32)}`);
  c.print(`\n\t  Transmit Timestamp:   ${ntpTimestamp(c, off + 40)}`);
  c.print(`\n\t    Originator - Receive Timestamp:  ${ntpDelta(c, off + 24, off + 32)}`);
  c.print(`\n\t    Originator - Transmit Timestamp: ${ntpDelta(c, off + 24, off + 40)}`);
  if (length === 52) c.print(`\n\tKey id: ${c.u32(off + 48)}`);
  else if (length === 68 || length === 72) {
    c.print(`\n\tKey id: ${c.u32(off + 48)}`);
    let a = "";
    for (let k = 0; k < (length - 52) / 4; k++) a += hex(c.u32(off + 52 + 4 * k), 8);
    c.print(`\n\tAuthentication: ${a}`);
  } else if (length > 48) c.print(`\n\t(${length - 48} more bytes after the header)`);
}

/** ntp_control_print() (mode 6). */
function ntpControl(c: Ctx, off: number, length: number): void {
  if (length < 12) return invalid(c, off, length); // NTP_CTRLMSG_MINLEN
  const control = c.u8(off + 1);
  c.print(`, ${control & 0x80 ? "Response" : "Request"}`);
  c.print(control & 0x40 ? ", Error" : ", OK");
  c.print(control & 0x20 ? ", More" : ", Last");
  c.print(`, OpCode=${control & 0x1f}\n`);
  c.print(`\tSequence=${c.u16(off + 2)}`);
  const status = c.u16(off + 4);
  c.print(`, Status=${status ? "0x" + status.toString(16) : "0"}`);
  c.print(`, Assoc.=${c.u16(off + 6)}`);
  c.print(`, Offset=${c.u16(off + 8)}`);
  const count = c.u16(off + 10);
  c.print(`, Count=${count}`);
  if (12 + count > length) invalid(c, off, length);
  else if (count !== 0) {
    c.tcheck(off + 12, count);
    c.print("\n\tTO-BE-DONE: data not interpreted");
  }
}

/** tag2str of print-bootp.c: the first character says how the value prints. */
