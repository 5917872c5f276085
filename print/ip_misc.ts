// Small IP protocols tcpdump 4.99 decodes in ip_demux_print(): EGP (protocol 8, print-egp.c),
// Cisco IGRP (9, print-igrp.c) and IP Mobility encapsulation (55, RFC 2004, print-mobile.c).

import type { Ctx } from "./_ctx.ts";

const ACQUIRE_CODES = ["request", "confirm", "refuse", "cease", "cease_ack"];
const ACQUIRE_STATUS = [
  "unspecified",
  "active_mode",
  "passive_mode",
  "insufficient_resources",
  "administratively_prohibited",
  "going_down",
  "parameter_violation",
  "protocol_violation",
];
const REACH_CODES = ["hello", "i-h-u"];
const UPDOWN = ["indeterminate", "up", "down"];
const REASONS = [
  "unspecified",
  "bad_EGP_header_format",
  "bad_EGP_data_field_format",
  "reachability_info_unavailable",
  "excessive_polling_rate",
  "no_response",
  "unsupported_version",
];

/** An address tcpdump holds as a host-order number on a little-endian machine, as printed. */
const leAddr = (v: number) => `${v & 0xff}.${v >>> 8 & 0xff}.${v >>> 16 & 0xff}.${v >>> 24}`;
const classA = (v: number) => (v & 0x80000000) === 0;
const classB = (v: number) => ((v >>> 0) & 0xc0000000) >>> 0 === 0x80000000;
const classC = (v: number) => ((v >>> 0) & 0xe0000000) >>> 0 === 0xc0000000;

/**
 * egpnrprint(): the networks of an update, by gateway and distance, within `length` (EGP's
 * length less its header; " [|egp]" when it runs out, or when the capture does). tcpdump tests
 * the address classes on the source network as it sits in memory, read as a little-endian
 * number, and prints the numbers it builds the same way.
 */
function egpNets(c: Ctx, bp: number, length: number): void {
  const src = (c.u8(bp + 12) | c.u8(bp + 13) << 8 | c.u8(bp + 14) << 16 | c.u8(bp + 15) << 24) >>>
    0;
  let net = 0, netlen = 0;
  if (classA(src)) net = src & 0xff000000, netlen = 1;
  else if (classB(src)) net = src & 0xffff0000, netlen = 2;
  else if (classC(src)) net = src & 0xffffff00, netlen = 3;
  let cp = bp + 16;
  length -= 16;
  const intgw = c.u8(bp + 10), total = intgw + c.u8(bp + 11);
  for (let gw = 0; gw < total; gw++) {
    let addr = 0;
    if (length < 4 - netlen) return c.trunc();
    c.need(cp, 4 - netlen);
    for (let k = netlen; k >= 1 && k <= 3; k++) addr = (addr << 8) | c.u8(cp++);
    addr = (addr | net) >>> 0;
    length -= 4 - netlen;
    if (length < 1) return c.trunc();
    let distances = c.u8(cp++);
    length--;
    c.print(` ${gw < intgw ? "int" : "ext"} ${leAddr(addr)} (`);
    let comma = "";
    for (; distances !== 0; distances--) {
      if (length < 2) return c.trunc();
      c.print(`${comma}d${c.u8(cp++)}:`);
      comma = ", ";
      let networks = c.u8(cp++);
      length -= 2;
      for (; networks !== 0; networks--) {
        if (length < 1) return c.trunc();
        let a = (c.u8(cp++) << 24) >>> 0;
        length--;
        if (classB(a)) {
          if (length < 1) return c.trunc();
          a = (a | c.u8(cp++) << 16) >>> 0;
          length--;
        } else if (!classA(a)) {
          if (length < 2) return c.trunc();
          a = (a | c.u8(cp++) << 16) >>> 0;
          a = (a | c.u8(cp++) << 8) >>> 0;
          length -= 2;
        }
        c.print(` ${leAddr(a)}`);
      }
    }
    c.print(")");
  }
}

/** egp_print(): an EGP message of `length` bytes at `bp` (RFC 904). */
export function egpPrint(c: Ctx, bp: number, length: number): void {
  c.proto = "egp";
  if (length < 16 || !c.has(bp, 16)) return c.trunc();
  const version = c.u8(bp);
  if (!c.f.v) {
    c.print(`EGPv${version}, AS ${c.u16(bp + 6)}, seq ${c.u16(bp + 8)}, length ${length}`);
    return;
  }
  c.print(`EGPv${version}, length ${length}`);
  if (version !== 2) return c.print(`[version ${version}]`);
  const type = c.u8(bp + 1), code = c.u8(bp + 2);
  let status = c.u8(bp + 3);
  const state = () => c.print(status <= 2 ? ` state:${UPDOWN[status]}` : ` [status ${status}]`);
  switch (type) {
    case 3:
      c.print(" acquire");
      if (code <= 1) {
        c.print(` ${ACQUIRE_CODES[code]}`);
        c.print(status <= 2 ? ` ${ACQUIRE_STATUS[status]}` : ` [status ${status}]`);
        c.print(` hello:${c.u16(bp + 10)} poll:${c.u16(bp + 12)}`);
      } else if (code <= 4) {
        c.print(` ${ACQUIRE_CODES[code]}`);
        c.print(
          status === 0 || (status >= 3 && status <= 7)
            ? ` ${ACQUIRE_STATUS[status]}`
            : `[status ${status}]`,
        );
      } else c.print(`[code ${code}]`);
      return;
    case 5:
      if (code <= 1) {
        c.print(` ${REACH_CODES[code]}`);
        state();
      } else c.print(`[reach code ${code}]`);
      return;
    case 2:
      c.print(" poll");
      state();
      c.print(` net:${c.ip4(bp + 12)}`);
      return;
    case 1:
      c.print(" update");
      if (status & 0x80) {
        status &= ~0x80;
        c.print(" unsolicited");
      }
      state();
      c.print(` ${c.ip4(bp + 12)} int ${c.u8(bp + 10)} ext ${c.u8(bp + 11)}`);
      egpNets(c, bp, length);
      return;
    case 8: {
      c.print(" error");
      state();
      const reason = c.u16(bp + 10);
      c.print(reason <= 6 ? ` ${REASONS[reason]}` : ` [reason ${reason}]`);
      return;
    }
    default:
      c.print(`[type ${type}]`);
  }
}

/** mobile_print(): the minimal forwarding header of RFC 2004 at `bp`. */
export function mobilePrint(c: Ctx, bp: number, length: number): void {
  c.proto = "mobile";
  if (length < 8 || !c.has(bp, 12)) return c.trunc();
  c.print("mobile: ");
  const proto = c.u16(bp), crc = c.u16(bp + 2);
  const osp = (proto & 0x80) !== 0;
  if (osp) {
    c.print("[S] ");
    if (c.f.v) c.print(`${c.ip4(bp + 8)} `);
  } else c.print("[] ");
  if (c.f.v) c.print(`> ${c.ip4(bp + 4)} (oproto=${proto >> 8})`);
  if (c.sum(bp, osp ? 12 : 8) !== 0xffff) c.print(` (bad checksum ${crc})`);
}

/** igrp_print(): Cisco IGRP (IP protocol 9): the header, then 14-byte routes by kind. */
export function igrpPrint(c: Ctx, bp: number, length: number): void {
  c.proto = "igrp";
  c.print("igrp:");
  let nint = c.u16(bp + 4), nsys = c.u16(bp + 6), next = c.u16(bp + 8);
  const vop = c.u8(bp);
  c.print(
    ` ${["op-#0", "update", "request"][vop & 0x0f] ?? `op-#${vop & 0x0f}`} V${vop >> 4} edit=${
      c.u8(bp + 1)
    } AS=${c.u16(bp + 2)} (${nint}/${nsys}/${next})`,
  );
  c.need(bp + 10, 2); // the checksum is read, printed only at -v
  if (c.f.v) c.print(` checksum=0x${c.u16(bp + 10).toString(16).padStart(4, "0")}`);
  let cp = bp + 12;
  length = (length - 12) >>> 0;
  while (length >= 14) {
    const net = `${c.u8(cp)}.${c.u8(cp + 1)}.${c.u8(cp + 2)}`;
    let kind: "int" | "sys" | "ext";
    if (nint > 0) kind = "int", nint--;
    else if (nsys > 0) kind = "sys", nsys--;
    else if (next > 0) kind = "ext", next--;
    else {
      c.print(` [extra bytes ${length}]`);
      break;
    }
    c.print(kind === "int" ? ` *.${net}` : kind === "ext" ? ` X${net}.0` : ` ${net}.0`);
    const delay = c.u8(cp + 3) << 16 | c.u16(cp + 4);
    const bw = c.u8(cp + 6) << 16 | c.u16(cp + 7);
    const metric = Math.min(bw + delay, 0xffffff);
    c.print(
      ` d=${10 * delay} b=${bw === 0 ? 0 : Math.floor(10000000 / bw)} r=${c.u8(cp + 11)} l=${
        c.u8(cp + 12)
      } M=${metric} mtu=${c.u16(cp + 9)} in ${c.u8(cp + 13)} hops`,
    );
    cp += 14;
    length -= 14;
  }
  if (nint === 0 && nsys === 0 && next === 0 && length === 0) return;
  c.print(" (invalid)");
}
