// LINKTYPE_PFLOG as tcpdump 4.99 prints it (print-pflog.c): the *BSD packet filter's log header
// (rule, reason, action, direction, interface; shown with -e, or when the address family is
// not IPv4/IPv6), then the IP packet it logged.

import { type Ctx, printjnp } from "./_ctx.ts";

/** Byte offsets of struct pfloghdr's fields (tcpdump's pflog.h; 64 bytes with its padding). */
const PFLOG_FIELD = {
  LENGTH: 0,
  AF: 1,
  ACTION: 2,
  REASON: 3,
  IFNAME: 4,
  RULESET: 20,
  RULENR: 36,
  SUBRULENR: 40,
  DIR: 60,
} as const;
const PFLOG_HDR_SIZE = 64;
const MIN_PFLOG_HDRLEN = 45;
const NAME_SIZE = 16;

// The texts 4.99.3 built for Linux prints (its tables, as read from its output): reason 3 has
// no name and 4 is "3(short)"; action 3 (no-scrub) has none.
const REASONS: Record<number, string> = {
  0: "0(match)",
  1: "1(bad-offset)",
  2: "2(fragment)",
  4: "3(short)",
  5: "5(memory)",
  6: "6(bad-timestamp)",
  7: "7(congestion)",
  8: "8(ip-option)",
  9: "9(proto-cksum)",
  10: "10(state-mismatch)",
  11: "11(state-insert)",
  12: "12(state-limit)",
  13: "13(src-limit)",
  14: "14(synproxy)",
};
const ACTIONS: Record<number, string> = {
  0: "pass",
  1: "block",
  2: "scrub",
  4: "nat",
  5: "nonat",
  6: "binat",
  7: "nobinat",
  8: "rdr",
  9: "nordr",
  10: "synproxy-drop",
};
const DIRECTIONS: Record<number, string> = { 0: "in/out", 1: "in", 2: "out" };
/** Address families of IPv4 and of IPv6 on the BSDs (OpenBSD/NetBSD 24, FreeBSD 28, Darwin 30). */
const AF_INET = 2;
const AF_INET6 = new Set([24, 28, 30]);

/** pflog_print(): "rule N[.ruleset.M]/reason: action dir on ifname: ". */
function header(c: Ctx): void {
  const rulenr = c.u32(PFLOG_FIELD.RULENR), subrulenr = c.u32(PFLOG_FIELD.SUBRULENR);
  const rule = subrulenr === 0xffffffff
    ? `${rulenr}`
    : `${rulenr}.${printjnp(c, PFLOG_FIELD.RULESET, NAME_SIZE)}.${subrulenr}`;
  const tok = (t: Record<number, string>, v: number) => t[v] ?? `unkn(${v})`;
  c.print(
    `rule ${rule}/${tok(REASONS, c.u8(PFLOG_FIELD.REASON))}: ${
      tok(ACTIONS, c.u8(PFLOG_FIELD.ACTION))
    } ${tok(DIRECTIONS, c.u8(PFLOG_FIELD.DIR))} on ${printjnp(c, PFLOG_FIELD.IFNAME, NAME_SIZE)}: `,
  );
}

/** pflog_if_print(); returns the header length (the length field rounded up to 4). */
export function pflogPrint(c: Ctx, wireLen: number): number {
  c.proto = "pflog";
  if (c.end < 1) {
    c.trunc();
    return c.end;
  }
  const length = c.u8(PFLOG_FIELD.LENGTH);
  if (length < MIN_PFLOG_HDRLEN) {
    c.print("[pflog: invalid header length!]");
    return length;
  }
  const hdrLen = (length + 3) & ~3;
  if (c.end < hdrLen || c.end < PFLOG_HDR_SIZE) {
    c.trunc();
    return hdrLen;
  }
  c.llHdrLen = hdrLen;
  if (c.f.e) header(c);
  const af = c.u8(PFLOG_FIELD.AF);
  if (af === AF_INET) c.d.ip(c, hdrLen, wireLen - hdrLen);
  else if (AF_INET6.has(af)) c.d.ip6(c, hdrLen, wireLen - hdrLen);
  else {
    if (!c.f.e) header(c);
    c.defaultPrint(hdrLen, c.end - hdrLen);
  }
  return hdrLen;
}
