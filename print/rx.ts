// AFS Rx (UDP ports 7000-7009) as tcpdump 4.99 prints it (rx_print() of print-rx.c): the Rx
// header's packet type, with -v its sequence and serial numbers, with -vv the connection and
// call numbers and flags; ACK packets with their acknowledged ranges. The AFS service calls
// carried in the first DATA packet of a call (fs, cb, pt, vldb, kauth, vol, bos) are not
// decoded here: those print the header and the length only.

import { type Ctx, tok } from "./_ctx.ts";

/** sizeof(struct rx_header). */
const RX_HEADER_LEN = 28;

const RX_TYPES: Record<number, string> = {
  1: "data",
  2: "ack",
  3: "busy",
  4: "abort",
  5: "ackall",
  6: "challenge",
  7: "response",
  8: "debug",
  9: "params",
  13: "version",
};

/** rx_flags: flag, the packet type it belongs to (0: any), name. */
const RX_FLAGS: [number, number, string][] = [
  [0x01, 0, "client-init"],
  [0x02, 0, "req-ack"],
  [0x04, 0, "last-pckt"],
  [0x08, 0, "more-pckts"],
  [0x10, 0, "free-pckt"],
  [0x20, 2, "slow-start"],
  [0x20, 1, "jumbogram"],
];

const ACK_REASONS: Record<number, string> = {
  1: "ack requested",
  2: "duplicate packet",
  3: "out of sequence",
  4: "exceeds window",
  5: "no buffer space",
  6: "ping",
  7: "ping response",
  8: "delay",
  9: "idle",
};

/** rx_print(): the Rx packet of `length` bytes at `bp`. */
export function rxPrint(c: Ctx, bp: number, length: number): void {
  c.proto = "rx";
  if (!c.has(bp, RX_HEADER_LEN)) {
    c.print(` [|rx] (${length})`);
    return;
  }
  const type = c.u8(bp + 20), flags = c.u8(bp + 21);
  c.print(` rx ${tok(RX_TYPES, "type %u", type)}`);
  if (c.f.v) {
    if (c.f.v > 1) {
      c.print(` cid ${c.u32(bp + 4).toString(16).padStart(8, "0")} call# ${c.u32(bp + 8)}`);
    }
    c.print(` seq ${c.u32(bp + 12)} ser ${c.u32(bp + 16)}`);
    if (c.f.v > 2) c.print(` secindex ${c.u8(bp + 23)} serviceid ${c.u16(bp + 26)}`);
    if (c.f.v > 1) {
      let first = true;
      for (const [flag, ptype, name] of RX_FLAGS) {
        if ((flags & flag) && (!ptype || type === ptype)) {
          c.print(first ? " " : ",");
          first = false;
          c.print(`<${name}>`);
        }
      }
    }
  }
  if (type === 2) ackPrint(c, bp, length);
  c.print(` (${length})`);
}

/** Prints runs of `want` in the ack array as "a-b,c" after `label`. */
function ranges(c: Ctx, p: number, n: number, first: number, want: number, label: string): void {
  let start = -2, last = -2, i = 0;
  for (; i < n; i++) {
    if (c.u8(p + i) === want) {
      if (last === -2) {
        c.print(`${label}${(first + i) >>> 0}`);
        start = i;
      } else if (last !== i - 1) {
        c.print(`,${(first + i) >>> 0}`);
        start = i;
      }
      last = i;
    } else if (last === i - 1 && start !== last) c.print(`-${(first + i - 1) >>> 0}`);
  }
  if (last === i - 1 && start !== last) c.print(`-${(first + i - 1) >>> 0}`);
}

/** rx_ack_print(): first packet, serial, reason, acked and nacked ranges; MTUs with -vv. */
function ackPrint(c: Ctx, bp: number, length: number): void {
  if (length < RX_HEADER_LEN) return;
  let p = bp + RX_HEADER_LEN;
  if (!c.has(p, 18)) {
    c.print(" [|ack]");
    return;
  }
  if (c.f.v > 2) c.print(` bufspace ${c.u16(p)} maxskew ${c.u16(p + 2)}`);
  const first = c.u32(p + 4);
  c.print(
    ` first ${first} serial ${c.u32(p + 12)} reason ${tok(ACK_REASONS, "#%u", c.u8(p + 16))}`,
  );
  const nAcks = c.u8(p + 17);
  p += 18;
  if (nAcks !== 0) {
    ranges(c, p, nAcks, first, 1, " acked ");
    ranges(c, p, nAcks, first, 0, " nacked ");
    p += nAcks;
  }
  p += 3; // padding
  if (c.f.v > 1) {
    for (const name of ["ifmtu", "maxmtu", "rwind", "maxpackets"]) {
      if (c.end - p + 1 <= 4) return;
      c.print(` ${name} ${c.u32(p)}`);
      p += 4;
    }
  }
}
