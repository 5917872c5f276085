// The Babel routing protocol (RFC 8966, 6126; RFC 7298/8967 authentication; source-specific
// routing drafts) as tcpdump 4.99 prints it (print-babel.c).

import { type Ctx, hex, tok } from "./_ctx.ts";
import { formatIpv4, formatIpv6 } from "../address.ts";

const V4_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0];

/** babel_print() of a UDP payload on port 6696 or 6697. */
export function babelPrint(c: Ctx, cp: number, length: number): void {
  c.proto = "babel";
  c.print("babel");
  c.tcheck(cp, 4);
  if (c.u8(cp) !== 42) return c.print(" invalid header");
  const version = c.u8(cp + 1);
  c.print(` ${version}`);
  if (version !== 2) return c.print(" unknown version");
  if (length < 4) return c.print(" (invalid)");
  const bodylen = c.u16(cp + 2);
  c.print(` (${bodylen})`);
  length -= 4, cp += 4;
  if (length < bodylen) return c.print(" (invalid)");
  let r = tlvs(c, cp, bodylen, length);
  if (r === 0) {
    length -= bodylen, cp += bodylen;
    if (length !== 0) {
      c.print(c.f.v ? "\n\t----" : " |");
      r = tlvs(c, cp, length, length);
    }
  }
  if (r === -1) c.trunc();
  else if (r === -2) c.print(" (invalid)");
}

const id = (c: Ctx, p: number) => {
  let s = "";
  for (let i = 0; i < 8; i++) s += (i ? ":" : "") + hex(c.u8(p + i), 2);
  return s;
};
const interval = (i: number) =>
  i === 0 ? "0.0s (bogus)" : `${Math.floor(i / 100)}.${String(i % 100).padStart(2, "0")}s`;
const intervalUpdate = (i: number) => (i === 0xffff ? "infinity" : interval(i));
const timestamp = (i: number) =>
  `${Math.floor(i / 1000000)}.${String(i % 1000000).padStart(6, "0")}s`;
const isV4 = (a: Uint8Array) => V4_PREFIX.slice(0, 12).every((v, i) => a[i] === v);
const prefixText = (a: Uint8Array, plen: number) =>
  plen >= 96 && isV4(a) ? `${formatIpv4(a, 12)}/${plen - 96}` : `${formatIpv6(a, 0)}/${plen}`;
const addressText = (a: Uint8Array) => (isV4(a) ? formatIpv4(a, 12) : formatIpv6(a, 0));

/**
 * The two prefixes of a source-specific TLV, destination then source, back to back from `p`
 * within `len` bytes: the bytes consumed, or -1 for an encoding error; fills `dst` and `src`.
 */
function prefixPair(
  c: Ctx,
  ae: number,
  plen: number,
  omitted: number,
  dp: Uint8Array | null,
  srcPlen: number,
  p: number,
  len: number,
  dst: Uint8Array,
  src: Uint8Array,
): number {
  const rc = networkPrefix(c, ae, plen, omitted, p, dp, len, dst);
  if (rc < 0) return -1;
  const rc2 = networkPrefix(c, ae, srcPlen, 0, p + rc, null, len - rc, src);
  return rc2 < 0 ? -1 : rc + rc2;
}

/** A prefix length as printed: an IPv4 prefix sits in the IPv4-mapped IPv6 space. */
const shownLength = (ae: number, plen: number) => (ae === 1 ? (plen + 96) & 0xff : plen);

/** network_prefix(): the bytes consumed, or -1 for an encoding error; fills `out`. */
function networkPrefix(
  c: Ctx,
  ae: number,
  plen: number,
  omitted: number,
  p: number,
  dp: Uint8Array | null,
  len: number,
  out: Uint8Array,
): number {
  const pb = plen >= 0 ? Math.floor((plen + 7) / 8) : ae === 1 ? 4 : 16;
  if (pb > 16) return -1;
  const prefix = new Uint8Array(16);
  let consumed = 0;
  const copy = (at: number, n: number) => {
    c.need(p, n);
    prefix.set(c.b.subarray(p, p + n), at);
  };
  switch (ae) {
    case 0:
      break;
    case 1:
      if (omitted > 4 || pb > 4 || (pb > omitted && len < pb - omitted)) return -1;
      prefix.set(V4_PREFIX.slice(0, 12));
      if (omitted) {
        if (dp === null) return -1;
        prefix.set(dp.subarray(0, 12 + omitted));
      }
      if (pb > omitted) {
        copy(12 + omitted, pb - omitted);
        consumed = pb - omitted;
      }
      break;
    case 2:
      if (omitted > 16 || (pb > omitted && len < pb - omitted)) return -1;
      if (omitted) {
        if (dp === null) return -1;
        prefix.set(dp.subarray(0, omitted));
      }
      if (pb > omitted) {
        copy(omitted, pb - omitted);
        consumed = pb - omitted;
      }
      break;
    case 3:
      if (pb > 8 && len < pb - 8) return -1;
      prefix[0] = 0xfe, prefix[1] = 0x80;
      if (pb > 8) {
        copy(8, pb - 8);
        consumed = pb - 8;
      }
      break;
    default:
      return -1;
  }
  out.set(prefix);
  return consumed;
}

/** subtlvs_print(): the "extra data" after a TLV's fixed part. */
function subtlvs(c: Ctx, cp: number, ep: number, type: number): void {
  while (cp < ep) {
    const st = c.u8(cp);
    cp++;
    if (st === 0) {
      c.print(" sub-pad1");
      continue;
    }
    if (st & 0x80) c.print(" (M)");
    if (cp === ep) return c.print(" (invalid)");
    let sl = c.u8(cp);
    cp++;
    if (cp + sl > ep) return c.print(" (invalid)");
    switch (st) {
      case 1:
        c.print(" sub-padn");
        cp += sl;
        break;
      case 2: {
        c.print(" sub-diversity");
        if (sl === 0) {
          c.print(" empty");
          break;
        }
        let sep = " ";
        for (; sl; sl--, cp++, sep = "-") {
          c.print(sep + tok({ 0: "reserved", 255: "all" }, "%u", c.u8(cp)));
        }
        if (type !== 8 && type !== 13) c.print(" (bogus)");
        break;
      }
      case 3:
        c.print(" sub-timestamp");
        if (type === 4) {
          if (sl < 4) return c.print(" (invalid)");
          c.print(` ${timestamp(c.u32(cp))}`);
        } else if (type === 5) {
          if (sl < 8) return c.print(" (invalid)");
          c.print(` ${timestamp(c.u32(cp))}`);
          c.print(`|${timestamp(c.u32(cp + 4))}`);
        } else c.print(" (bogus)");
        cp += sl;
        break;
      default:
        c.print(` sub-unknown-0x${hex(st, 2)}`);
        cp += sl;
    }
  }
}

const NAMES: Record<number, string> = {
  1: "padN",
  2: "ack-req",
  3: "ack",
  4: "hello",
  5: "ihu",
  6: "router-id",
  7: "nh",
  8: "update",
  9: "route-request",
  10: "seqno-request",
  11: "tspc",
  12: "hmac",
  13: "ss-update",
  14: "ss-request",
  15: "ss-mh-request",
  16: "mac",
  17: "pc",
  18: "challenge_request",
  19: "challenge_reply",
};

/** babel_print_v2_tlvs(): 0, -1 (cut) or -2 (invalid). */
function tlvs(c: Ctx, cp: number, tlvsLen: number, remaining: number): number {
  const v4 = Uint8Array.from(V4_PREFIX), v6 = new Uint8Array(16);
  const fits = (i: number, l: number) => i + l <= tlvsLen && i + l <= remaining;
  for (let i = 0; i < tlvsLen;) {
    const m = cp + i;
    if (!fits(i, 1)) return -2;
    const type = c.u8(m);
    if (type === 0) {
      c.print(c.f.v ? "\n\tPad 1" : " pad1");
      i += 1;
      continue;
    }
    if (!fits(i, 2)) return -2;
    if (!c.has(m, 2)) return -1;
    const len = c.u8(m + 1);
    if (!fits(i, 2 + len)) return -2;
    if (!c.has(m, 2 + len)) return -1;
    if (!c.f.v) {
      c.print(` ${NAMES[type] ?? "unknown"}`);
      if (type === 8) {
        if (len < 10) return -2;
        const f = c.u8(m + 3);
        c.print(
          `${f & 0x80 ? "/prefix" : ""}${f & 0x40 ? "/id" : ""}${f & 0x3f ? "/unknown" : ""}`,
        );
      }
      i += len + 2;
      continue;
    }
    const out = new Uint8Array(16), out2 = new Uint8Array(16);
    switch (type) {
      case 1:
        c.print(`\n\tPad ${len + 2}`);
        break;
      case 2:
        c.print("\n\tAcknowledgment Request ");
        if (len < 6) return -2;
        c.print(`${hex(c.u16(m + 4))} ${interval(c.u16(m + 6))}`);
        break;
      case 3:
        c.print("\n\tAcknowledgment ");
        if (len < 2) return -2;
        c.print(hex(c.u16(m + 2)));
        break;
      case 4: {
        c.print("\n\tHello ");
        if (len < 6) return -2;
        if (c.u16(m + 2) & 0x8000) c.print("(Unicast) ");
        c.print(`seqno ${c.u16(m + 4)} `);
        const iv = c.u16(m + 6);
        c.print(iv !== 0 ? `interval ${interval(iv)}` : "unscheduled");
        if (len > 6) subtlvs(c, m + 8, m + 2 + len, type);
        break;
      }
      case 5: {
        c.print("\n\tIHU ");
        if (len < 6) return -2;
        const ae = c.u8(m + 2);
        const rc = networkPrefix(c, ae, -1, 0, m + 8, null, len - 6, out);
        if (rc < 0) {
          c.trunc();
          break;
        }
        c.print(
          `${ae === 0 ? "any" : addressText(out)} rxcost ${c.u16(m + 4)} interval ${
            interval(c.u16(m + 6))
          }`,
        );
        if (rc < len - 6) subtlvs(c, m + 8 + rc, m + 2 + len, type);
        break;
      }
      case 6:
        c.print("\n\tRouter Id");
        if (len < 10) return -2;
        c.print(` ${id(c, m + 4)}`);
        break;
      case 7: {
        c.print("\n\tNext Hop");
        if (len < 2) return -2;
        const ae = c.u8(m + 2);
        if (networkPrefix(c, ae, -1, 0, m + 4, null, len - 2, out) < 0) return -2;
        c.print(` ${ae === 0 ? "invalid AE 0" : addressText(out)}`);
        break;
      }
      case 8: {
        c.print("\n\tUpdate");
        if (len < 10) return -2;
        const ae = c.u8(m + 2), flags = c.u8(m + 3);
        const plen = (c.u8(m + 4) + (ae === 1 ? 96 : 0)) & 0xff;
        const rc = networkPrefix(
          c,
          ae,
          c.u8(m + 4),
          c.u8(m + 5),
          m + 12,
          ae === 1 ? v4 : v6,
          len - 10,
          out,
        );
        if (rc < 0) return -2;
        c.print(
          `${flags & 0x80 ? "/prefix" : ""}${flags & 0x40 ? "/id" : ""}${
            flags & 0x3f ? "/unknown" : ""
          } ${ae === 0 ? "any" : prefixText(out, plen)} metric ${c.u16(m + 10)} seqno ${
            c.u16(m + 8)
          } interval ${intervalUpdate(c.u16(m + 6))}`,
        );
        if (flags & 0x80) (ae === 1 ? v4 : v6).set(out);
        if (rc < len - 10) subtlvs(c, m + 12 + rc, m + 2 + len, type);
        break;
      }
      case 9: {
        c.print("\n\tRoute Request ");
        if (len < 2) return -2;
        const ae = c.u8(m + 2), plen = (c.u8(m + 3) + (ae === 1 ? 96 : 0)) & 0xff;
        if (networkPrefix(c, ae, c.u8(m + 3), 0, m + 4, null, len - 2, out) < 0) return -2;
        c.print(`for ${ae === 0 ? "any" : prefixText(out, plen)}`);
        break;
      }
      case 10: {
        c.print("\n\tSeqno Request ");
        if (len < 14) return -2;
        const ae = c.u8(m + 2);
        if (networkPrefix(c, ae, c.u8(m + 3), 0, m + 16, null, len - 14, out) < 0) return -2;
        const plen = (c.u8(m + 3) + (ae === 1 ? 96 : 0)) & 0xff;
        c.print(
          `(${c.u8(m + 6)} hops) for ${ae === 0 ? "invalid AE 0" : prefixText(out, plen)} seqno ${
            c.u16(m + 4)
          } id ${id(c, m + 8)}`,
        );
        break;
      }
      case 11:
        c.print("\n\tTS/PC ");
        if (len < 6) return -2;
        c.print(`timestamp ${c.u32(m + 4)} packetcounter ${c.u16(m + 2)}`);
        break;
      case 12: {
        c.print("\n\tHMAC ");
        if (len < 18) return -2;
        let s = `key-id ${c.u16(m + 2)} digest-${len - 2} `;
        for (let j = 0; j < len - 2; j++) s += hex(c.u8(m + j + 4), 2).toUpperCase();
        c.print(s);
        break;
      }
      case 13: {
        c.print("\n\tSS-Update");
        if (len < 10) return -2;
        const ae = c.u8(m + 2);
        const srcPlen = c.u8(m + 3), plen = c.u8(m + 4);
        const dp = ae === 1 ? v4 : v6;
        const rc = prefixPair(c, ae, plen, c.u8(m + 5), dp, srcPlen, m + 12, len - 10, out, out2);
        if (rc < 0) return -2;
        const parsed = 10 + rc;
        c.print(` ${prefixText(out, shownLength(ae, plen))} from`);
        c.print(
          ` ${prefixText(out2, shownLength(ae, srcPlen))} metric ${c.u16(m + 10)} seqno ${
            c.u16(m + 8)
          } interval ${intervalUpdate(c.u16(m + 6))}`,
        );
        if (parsed < len) subtlvs(c, m + 2 + parsed, m + 2 + len, type);
        break;
      }
      case 14: {
        c.print("\n\tSS-Request ");
        if (len < 3) return -2;
        const ae = c.u8(m + 2);
        const plen = c.u8(m + 3), srcPlen = c.u8(m + 4);
        if (prefixPair(c, ae, plen, 0, null, srcPlen, m + 5, len - 3, out, out2) < 0) return -2;
        if (ae === 0) c.print("for any");
        else {
          c.print(`for (${prefixText(out, shownLength(ae, plen))}, `);
          c.print(`${prefixText(out2, shownLength(ae, srcPlen))})`);
        }
        break;
      }
      case 15: {
        c.print("\n\tSS-MH-Request ");
        if (len < 14) return -2;
        const ae = c.u8(m + 2);
        const plen = c.u8(m + 3), srcPlen = c.u8(m + 7);
        if (prefixPair(c, ae, plen, 0, null, srcPlen, m + 16, len - 14, out, out2) < 0) return -2;
        c.print(`(${c.u8(m + 6)} hops) for (${prefixText(out, shownLength(ae, plen))}, `);
        c.print(
          `${prefixText(out2, shownLength(ae, srcPlen))}) seqno ${c.u16(m + 4)} id ${id(c, m + 8)}`,
        );
        break;
      }
      case 16:
        c.print(`\n\tMAC len ${len}`);
        break;
      case 17:
        c.print("\n\tPC");
        if (len < 4) return -2;
        c.print(` value ${c.u32(m + 2)}`);
        c.print(` index len ${len - 4}`);
        break;
      case 18:
      case 19:
        c.print(type === 18 ? "\n\tChallenge Request" : "\n\tChallenge Reply");
        if (len > 192) return -2;
        c.print(` len ${len}`);
        break;
      default:
        c.print(`\n\tUnknown message type ${type}`);
    }
    i += len + 2;
  }
  return 0;
}
