// Multipath TCP options (RFC 8684, kind 30) as tcpdump 4.99 prints them (print-mptcp.c): the
// subtype's name, then its fields when the option's size fits the subtype and the segment's
// flags; otherwise the caller prints "[bad opt]". tcp_print() has checked that the whole
// option was captured.

import type { Ctx } from "./_ctx.ts";

const SYN = 0x02, ACK = 0x10;

const SUBTYPES = ["capable", "join", "dss", "add-addr", "rem-addr", "prio", "fail", "fast-close"];

/** mptcp_addr_subecho_bits: the low nibble of ADD_ADDR (version 0 IP version, version 1 echo). */
const ADD_ADDR_KIND: Record<number, string> = { 6: "v0-ip6", 4: "v0-ip4", 1: "v1-echo", 0: "v1" };

/** A 64-bit big-endian field as a bigint. */
function u64(c: Ctx, off: number): bigint {
  return (BigInt(c.u32(off)) << 32n) | BigInt(c.u32(off + 4));
}

const hex64 = (c: Ctx, off: number) => "0x" + u64(c, off).toString(16);

/**
 * mptcp_print(): the MPTCP option of `len` bytes at `opt` (its kind byte); false when the
 * option is malformed for its subtype.
 */
export function mptcpPrint(c: Ctx, opt: number, len: number, flags: number): boolean {
  c.proto = "mptcp";
  if (len < 3) return false;
  const sub = Math.min(c.u8(opt + 2) >> 4, SUBTYPES.length);
  c.print(` ${len} ${SUBTYPES[sub] ?? "unknown"}`);
  switch (sub) {
    case 0:
      return capable(c, opt, len, flags);
    case 1:
      return join(c, opt, len, flags);
    case 2:
      return dss(c, opt, len, flags);
    case 3:
      return addAddr(c, opt, len);
    case 4:
      if (len < 4) return false;
      c.print(" id");
      for (let i = 3; i < len; i++) c.print(` ${c.u8(opt + i)}`);
      return true;
    case 5:
      if (len !== 3 && len !== 4) return false;
      c.print(c.u8(opt + 2) & 1 ? " backup" : " non-backup");
      if (len === 4) c.print(` id ${c.u8(opt + 3)}`);
      return true;
    case 6:
      if (len !== 12) return false;
      c.print(` seq ${u64(c, opt + 4)}`);
      return true;
    case 7:
      if (len !== 12) return false;
      c.print(` key ${hex64(c, opt + 4)}`);
      return true;
    default:
      return true;
  }
}

function capable(c: Ctx, opt: number, len: number, flags: number): boolean {
  if (
    !((len === 12 || len === 4) && (flags & SYN)) &&
    !((len === 20 || len === 22) && (flags & (SYN | ACK)) === ACK)
  ) return false;
  const version = c.u8(opt + 2) & 0x0f;
  if (version > 1) {
    c.print(` Unknown Version (${version})`);
    return true;
  }
  c.print(` v${version}`);
  if (c.u8(opt + 3) & 0x80) c.print(" csum");
  if (len === 12 || len >= 20) {
    c.print(` {${hex64(c, opt + 4)}`);
    if (len >= 20) c.print(`,${hex64(c, opt + 12)}`);
    c.print("}");
  }
  return true;
}

function join(c: Ctx, opt: number, len: number, flags: number): boolean {
  if (
    !(len === 12 && (flags & SYN)) &&
    !(len === 16 && (flags & (SYN | ACK)) === (SYN | ACK)) &&
    !(len === 24 && (flags & ACK))
  ) return false;
  if (len !== 24) {
    if (c.u8(opt + 2) & 1) c.print(" backup");
    c.print(` id ${c.u8(opt + 3)}`);
  }
  if (len === 12) {
    c.print(` token 0x${c.u32(opt + 4).toString(16)} nonce 0x${c.u32(opt + 8).toString(16)}`);
  } else if (len === 16) {
    c.print(` hmac ${hex64(c, opt + 4)} nonce 0x${c.u32(opt + 12).toString(16)}`);
  } else {
    c.print(" hmac 0x");
    for (let i = 0; i < 20; i++) c.print(c.u8(opt + 4 + i).toString(16).padStart(2, "0"));
  }
  return true;
}

function dss(c: Ctx, opt: number, len: number, flags: number): boolean {
  if (len < 4 || (flags & SYN)) return false;
  const f = c.u8(opt + 3);
  if (f & 0x10) c.print(" fin");
  let p = opt + 4, left = len - 4;
  /** An 8-byte (`wide`) or 4-byte number; false when fewer bytes are left. */
  const num = (wide: boolean): boolean => {
    const n = wide ? 8 : 4;
    if (left < n) return false;
    c.print(wide ? String(u64(c, p)) : String(c.u32(p)));
    p += n;
    left -= n;
    return true;
  };
  if (f & 0x01) {
    c.print(" ack ");
    if (!num((f & 0x02) !== 0)) return false;
  }
  if (f & 0x04) {
    c.print(" seq ");
    if (!num((f & 0x08) !== 0)) return false;
    if (left < 4) return false;
    c.print(` subseq ${c.u32(p)}`);
    p += 4, left -= 4;
    if (left < 2) return false;
    c.print(` len ${c.u16(p)}`);
    p += 2, left -= 2;
    if (left >= 2) {
      c.print(` csum 0x${c.u16(p).toString(16)}`);
      left -= 2;
    }
  }
  return left === 0;
}

function addAddr(c: Ctx, opt: number, len: number): boolean {
  if (![8, 10, 16, 18, 20, 22, 28, 30].includes(len)) return false;
  c.print(` ${ADD_ADDR_KIND[c.u8(opt + 2) & 0x0f] ?? "[bad version/echo]"}`);
  c.print(` id ${c.u8(opt + 3)}`);
  const a = opt + 4;
  if (len <= 18) {
    c.print(` ${c.ip4(a)}`);
    if (len === 10 || len === 18) c.print(`:${c.u16(a + 4)}`);
    if (len === 16) c.print(` hmac ${hex64(c, a + 4)}`);
    if (len === 18) c.print(` hmac ${hex64(c, a + 6)}`);
  } else {
    c.print(` ${c.ip6(a)}`);
    if (len === 22 || len === 30) c.print(`:${c.u16(a + 16)}`);
    if (len === 28) c.print(` hmac ${hex64(c, a + 16)}`);
    if (len === 30) c.print(` hmac ${hex64(c, a + 18)}`);
  }
  return true;
}
