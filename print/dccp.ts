// DCCP (RFC 4340, IP protocol 33) as tcpdump 4.99 prints it (print-dccp.c): addresses and ports,
// the packet type with its service code, reset code and acknowledgement number; at -v the CCVal,
// checksum coverage and checksum; at -vv the sequence number and the options.

import { cksumShouldBe, type Ctx, hex, type IpInfo, pseudoSum } from "./_ctx.ts";

const TYPES = [
  "DCCP-Request",
  "DCCP-Response",
  "DCCP-Data",
  "DCCP-Ack",
  "DCCP-DataAck",
  "DCCP-CloseReq",
  "DCCP-Close",
  "DCCP-Reset",
  "DCCP-Sync",
  "DCCP-SyncAck",
];
const RESET_CODES = [
  "unspecified",
  "closed",
  "aborted",
  "no_connection",
  "packet_error",
  "option_error",
  "mandatory_error",
  "connection_refused",
  "bad_service_code",
  "too_busy",
  "bad_init_cookie",
  "aggression_penalty",
];
const FEATURES = [
  "reserved",
  "ccid",
  "allow_short_seqno",
  "sequence_window",
  "ecn_incapable",
  "ack_ratio",
  "send_ack_vector",
  "send_ndp_count",
  "minimum checksum coverage",
  "check data checksum",
];
const OPTIONS: Record<number, string> = {
  0: "nop",
  1: "mandatory",
  2: "slowreceiver",
  32: "change_l",
  33: "confirm_l",
  34: "change_r",
  35: "confirm_r",
  36: "initcookie",
  37: "ndp_count",
  38: "ack_vector0",
  39: "ack_vector1",
  40: "data_dropped",
  41: "timestamp",
  42: "timestamp_echo",
  43: "elapsed_time",
  44: "data_checksum",
};

/** A 48-bit big-endian number. */
const u48 = (c: Ctx, p: number) => c.u16(p) * 4294967296 + c.u32(p + 2);

/** dccp_print(): the DCCP packet of `len` bytes at `bp`. */
export function dccpPrint(c: Ctx, bp: number, len: number, ip: IpInfo): void {
  c.proto = "dccp";
  if (!c.has(bp, 12)) return c.trunc();
  if (len < 12) return c.print(`truncated-dccp - ${12 - len} bytes missing!`);
  const x = c.u8(bp + 8) & 1;
  const basic = x ? 16 : 12;
  if (len < basic) return c.print(`truncated-dccp - ${basic - len} bytes missing!`);
  if (!c.has(bp, basic)) return c.trunc();
  const sport = c.u16(bp), dport = c.u16(bp + 2);
  let hlen = c.u8(bp + 4) * 4;
  c.print(`${ip.src}.${sport} > ${ip.dst}.${dport}: DCCP`);
  if (c.f.q) {
    c.print(` ${(len - hlen) >>> 0}`);
    if (hlen > len) c.print(` [bad hdr length ${hlen} - too long, > ${len}]`);
    return;
  }
  const ccval = c.u8(bp + 5) >> 4, cscov = c.u8(bp + 5) & 0x0f;
  if (c.f.v) {
    c.print(` (CCVal ${ccval}, CsCov ${cscov}`);
    if (c.has(bp, len)) {
      const field = c.u16(bp + 6);
      let cov = cscov === 0 ? len : (c.u8(bp + 4) + cscov - 1) * 4;
      if (cov > len) cov = len;
      const sum = ~c.sum(bp, cov, pseudoSum(c, ip, 33, len)) & 0xffff;
      c.print(`, cksum 0x${hex(field)} `);
      c.print(sum !== 0 ? `(incorrect -> 0x${hex(cksumShouldBe(field, sum))})` : "(correct)");
    }
    c.print(")");
  }
  c.print(" ");
  const type = (c.u8(bp + 8) >> 1) & 0x0f;
  const name = TYPES[type];
  let fixed = basic;
  // the part after the generic header each type needs: an ack number, a service code, a reset
  // code; each is checked against the length first
  const extra = [4, 12, 0, 8, 8, 8, 8, 12, 8, 8][type] ?? 0;
  if (name !== undefined && extra) {
    fixed += extra;
    if (len < fixed) return c.print(`truncated-${name} - ${fixed - len} bytes missing!`);
  }
  if (type === 0 || type === 1) {
    const at = bp + basic + (type === 0 ? 0 : 8);
    if (!c.has(bp + basic, extra)) return c.trunc();
    c.print(`${name} (service=${c.u32(at)}) `);
  } else if (type === 7) {
    if (!c.has(bp + basic, 12)) return c.trunc();
    const code = c.u8(bp + basic + 8);
    c.print(`${name} (code=${RESET_CODES[code] ?? "invalid"}) `);
  } else c.print(`${name ?? `unknown-type-${type}`} `);
  if (type !== 2 && type !== 0) {
    const ack = x ? u48(c, bp + basic + 2) : (c.u8(bp + basic + 1) << 16) | c.u16(bp + basic + 2);
    c.print(`(ack=${ack}) `);
  }
  if (c.f.v < 2) return;
  c.print(`seq ${x ? u48(c, bp + 10) : (c.u8(bp + 9) << 16) | c.u16(bp + 10)}`);
  if (hlen > fixed) {
    let cp = bp + fixed;
    c.print(" <");
    hlen -= fixed;
    for (;;) {
      const optlen = option(c, cp, hlen);
      if (!optlen || hlen <= optlen) break;
      hlen -= optlen;
      cp += optlen;
      c.print(", ");
    }
    c.print(">");
  }
}

/** dccp_print_option(): one option; its length, or 0 to stop. */
function option(c: Ctx, o: number, hlen: number): number {
  const t = c.u8(o);
  const name = () => OPTIONS[t] ?? `Option ${t}`;
  let optlen = 1;
  if (t >= 32) {
    optlen = c.u8(o + 1);
    if (optlen < 2) {
      c.print(t >= 128 ? `CCID option ${t} optlen too short` : `${name()} optlen too short`);
      return 0;
    }
  }
  if (hlen < optlen) {
    c.print(
      t >= 128
        ? `CCID option ${t} optlen goes past header length`
        : `${name()} optlen goes past header length`,
    );
    return 0;
  }
  if (!c.has(o, optlen)) {
    c.trunc();
    return 0;
  }
  const bytesHex = (from: number) => {
    let s = "";
    for (let i = from; i < optlen; i++) s += hex(c.u8(o + i), 2);
    return s;
  };
  if (t >= 128) {
    c.print(`CCID option ${t}`);
    if (optlen === 4) c.print(` ${c.u16(o + 2)}`);
    else if (optlen === 6) c.print(` ${c.u32(o + 2)}`);
    return optlen;
  }
  c.print(name());
  switch (t) {
    case 32:
    case 33:
    case 34:
    case 35:
      if (optlen < 3) {
        c.print(" optlen too short");
        return optlen;
      }
      if (c.u8(o + 2) < 10) {
        c.print(` ${FEATURES[c.u8(o + 2)]}`);
        for (let i = 3; i < optlen; i++) c.print(` ${c.u8(o + i)}`);
      }
      break;
    case 36:
    case 38:
    case 39:
    case 40:
      if (optlen > 2) c.print(` 0x${bytesHex(2)}`);
      break;
    case 37:
      for (let i = 2; i < optlen; i++) c.print(` ${c.u8(o + i)}`);
      break;
    case 41:
      c.print(optlen === 6 ? ` ${c.u32(o + 2)}` : " [optlen != 6]");
      break;
    case 42:
      if (optlen === 6) c.print(` ${c.u32(o + 2)}`);
      else if (optlen === 8) c.print(` ${c.u32(o + 2)} (elapsed time ${c.u16(o + 6)})`);
      else if (optlen === 10) c.print(` ${c.u32(o + 2)} (elapsed time ${c.u32(o + 6)})`);
      else c.print(" [optlen != 6 or 8 or 10]");
      break;
    case 43:
      if (optlen === 6) c.print(` ${c.u32(o + 2)}`);
      else if (optlen === 4) c.print(` ${c.u16(o + 2)}`);
      else c.print(" [optlen != 4 or 6]");
      break;
    case 44:
      if (optlen > 2) c.print(` ${bytesHex(2)}`);
      break;
  }
  return optlen;
}
