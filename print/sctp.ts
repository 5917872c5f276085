// SCTP (RFC 9260) as tcpdump 4.99 prints it (print-sctp.c): the addresses and ports, then each
// chunk numbered, "(1) [DATA] ..." on one line or, at -vv, one chunk a line. DATA, INIT, INIT ACK
// and SACK show their fields, other chunks their name only; at -vv a DATA chunk's payload is
// dumped, or printed as M3UA (RFC 4666, print-m3ua.c) when its PPID says so. ForCES ports and
// PPIDs hand the payload to the ForCES printer.

import { type Ctx, type IpInfo, tok } from "./_ctx.ts";

/** sctp_chunkid_str of tcpdump 4.99 (no I-DATA, RE-CONFIG or ASCONF names yet). */
const CHUNK: Record<number, string> = {
  0x00: "DATA",
  0x01: "INIT",
  0x02: "INIT ACK",
  0x03: "SACK",
  0x04: "HB REQ",
  0x05: "HB ACK",
  0x06: "ABORT",
  0x07: "SHUTDOWN",
  0x08: "SHUTDOWN ACK",
  0x09: "OP ERR",
  0x0a: "COOKIE ECHO",
  0x0b: "COOKIE ACK",
  0x0c: "ECN ECHO",
  0x0d: "ECN CWR",
  0x0e: "SHUTDOWN COMPLETE",
  0xc0: "FOR CUM TSN",
  0xc1: "REL CTRL",
  0xc2: "REL CTRL ACK",
};

/** PayloadProto_idents: IANA's SCTP payload protocol identifiers, as tcpdump names them. */
const PPID: Record<number, string> = {
  1: "ISDN Q.921",
  2: "M2UA",
  3: "M3UA",
  4: "SUA",
  5: "M2PA",
  6: "V5.2",
  7: "H.248",
  8: "BICC",
  9: "TALI",
  10: "DUA",
  11: "ASAP",
  12: "ENRP",
  13: "H.323",
  14: "Q.IPC",
  15: "SIMCO",
  16: "DDPSC",
  17: "DDPSSC",
  18: "S1AP",
  19: "RUA",
  20: "HNBAP",
  21: "ForCES HP",
  22: "ForCES MP",
  23: "ForCES LP",
  24: "SBc-AP",
  25: "NBAP",
  27: "X2AP",
};

/** The ForCES channels (RFC 5811): SCTP ports 6704-6706, PPIDs 21-23. */
const FORCES_PORT: Record<number, string> = {
  6704: "ForCES HP",
  6705: "ForCES MP",
  6706: "ForCES LP",
};

/** sctp_print(): the common header at `off` and `length` bytes of chunks per the IP header. */
export function sctpPrint(c: Ctx, off: number, length: number, ip: IpInfo): void {
  c.proto = "sctp";
  if (length < 12) {
    c.print(`truncated-sctp - ${12 - length} bytes missing!`);
    return;
  }
  if (!c.has(off, 12)) {
    c.trunc();
    return;
  }
  const sport = c.u16(off), dport = c.u16(off + 2);
  c.print(`${ip.src}.${sport} > ${ip.dst}.${dport}: sctp`);
  let forces = false;
  for (const port of [sport, dport]) {
    const name = FORCES_PORT[port];
    if (name) {
      c.print(`[${name}]`);
      forces = true;
    }
  }
  let bp = off + 12;
  // u_int in tcpdump: a chunk longer than the rest wraps it instead of ending the walk
  let remaining = (length - 12) >>> 0;
  let sep = c.f.v >= 2 ? "\n\t" : " (";
  for (let n = 1; remaining !== 0; n++) {
    if (remaining < 4) {
      c.print(`${sep}${n}) [chunk descriptor cut off at end of packet]`);
      return;
    }
    if (!c.has(bp, 4)) return c.trunc();
    const chunkLen = c.u16(bp + 2);
    if (chunkLen < 4) {
      c.print(`${sep}${n}) [Bad chunk length ${chunkLen}, < size of chunk descriptor]`);
      return;
    }
    const align = chunkLen % 4 ? 4 - chunkLen % 4 : 0;
    if (remaining < align) {
      c.print(`${sep}${n}) [Bad chunk length ${chunkLen}, > remaining data in packet]`);
      return;
    }
    if (!c.has(bp, chunkLen)) return c.trunc();
    const id = c.u8(bp), flags = c.u8(bp + 1);
    bp += 4;
    remaining = (remaining - 4) >>> 0;
    let rest = chunkLen - 4;
    c.print(`${sep}${n}) [${tok(CHUNK, "Unknown chunk type: 0x%x", id)}] `);
    const bogus = () => c.print(`bogus chunk length ${chunkLen}]`);
    switch (id) {
      case 0x00: {
        if (flags & 4) c.print("(U)");
        if (flags & 2) c.print("(B)");
        if (flags & 1) c.print("(E)");
        if (flags & 7) c.print(" ");
        if (rest < 12) return bogus();
        const ppid = c.u32(bp + 8);
        c.print(
          `[TSN: ${c.u32(bp)}] [SID: ${c.u16(bp + 4)}] [SSEQ ${c.u16(bp + 6)}] [PPID ${
            PPID[ppid] ?? "0x" + ppid.toString(16)
          }] `,
        );
        if (!forces) forces = ppid >= 21 && ppid <= 23;
        bp += 12;
        remaining = (remaining - 12) >>> 0;
        rest -= 12;
        if (rest === 0) return bogus();
        if (forces) {
          c.d.forces(c, bp, rest);
          c.proto = "sctp";
        } else if (c.f.v >= 2) {
          if (ppid === 3) {
            m3uaPrint(c, bp, rest);
            c.proto = "sctp";
          } else {
            c.print("[Payload");
            if (!c.f.suppressDefault) {
              c.print(":");
              c.defaultPrint(bp, rest, true);
            }
            c.print("]");
          }
        }
        bp += rest;
        remaining = (remaining - rest) >>> 0;
        rest = 0;
        break;
      }
      case 0x01:
      case 0x02:
        if (rest < 16) return bogus();
        c.print(
          `[init tag: ${c.u32(bp)}] [rwnd: ${c.u32(bp + 4)}] [OS: ${c.u16(bp + 8)}] [MIS: ${
            c.u16(bp + 10)
          }] [init TSN: ${c.u32(bp + 12)}] `,
        );
        break;
      case 0x03: {
        if (rest < 12) return bogus();
        const cum = c.u32(bp), gaps = c.u16(bp + 8), dups = c.u16(bp + 10);
        c.print(
          `[cum ack ${cum}] [a_rwnd ${c.u32(bp + 4)}] [#gap acks ${gaps}] [#dup tsns ${dups}] `,
        );
        bp += 12;
        remaining = (remaining - 12) >>> 0;
        rest -= 12;
        for (let i = 0; rest !== 0 && i < gaps; i++, bp += 4, rest -= 4) {
          if (rest < 4) return bogus();
          remaining = (remaining - 4) >>> 0;
          c.print(
            `\n\t\t[gap ack block #${i + 1}: start = ${(cum + c.u16(bp)) >>> 0}, end = ${
              (cum + c.u16(bp + 2)) >>> 0
            }] `,
          );
        }
        for (let i = 0; rest !== 0 && i < dups; i++, bp += 4, rest -= 4) {
          if (rest < 4) return bogus();
          remaining = (remaining - 4) >>> 0;
          c.print(`\n\t\t[dup TSN #${i + 1}: ${c.u32(bp)}] `);
        }
        break;
      }
    }
    // whatever the chunk's printer left of it, and the padding to 4 bytes
    bp += rest;
    remaining = (remaining - rest) >>> 0;
    if (c.f.v < 2) sep = ", (";
    if (align !== 0) {
      if (!c.has(bp, align)) return c.trunc();
      bp += align;
      remaining = (remaining - align) >>> 0;
    }
  }
}

const M3UA_CLASS: Record<number, string> = {
  0: "Management",
  1: "Transfer",
  2: "SS7",
  3: "ASP",
  4: "ASP",
  9: "Routing Key Management",
};
const M3UA_TYPES: Record<number, Record<number, string>> = {
  0: { 0: "Error", 1: "Notify" },
  1: { 1: "Data" },
  2: {
    1: "Destination Unavailable",
    2: "Destination Available",
    3: "Destination State Audit",
    4: "Signalling Congestion",
    5: "Destination User Part Unavailable",
    6: "Destination Restricted",
  },
  3: {
    1: "Up",
    2: "Down",
    3: "Heartbeat",
    4: "Up Acknowledgement",
    5: "Down Acknowledgement",
    6: "Heartbeat Acknowledgement",
  },
  4: { 1: "Active", 2: "Inactive", 3: "Active Acknowledgement", 4: "Inactive Acknowledgement" },
  9: {
    1: "Registration Request",
    2: "Registration Response",
    3: "Deregistration Request",
    4: "Deregistration Response",
  },
};
const M3UA_PARAM: Record<number, string> = {
  0x0004: "INFO String",
  0x0006: "Routing Context",
  0x0007: "Diagnostic Info",
  0x0009: "Heartbeat Data",
  0x000b: "Traffic Mode Type",
  0x000c: "Error Code",
  0x000d: "Status",
  0x0011: "ASP Identifier",
  0x0012: "Affected Point Code",
  0x0013: "Correlation ID",
  0x0200: "Network Appearance",
  0x0204: "User/Cause",
  0x0205: "Congestion Indications",
  0x0206: "Concerned Destination",
  0x0207: "Routing Key",
  0x0208: "Registration Result",
  0x0209: "Deregistration Result",
  0x020a: "Local Routing Key Identifier",
  0x020b: "Destination Point Code",
  0x020c: "Service Indicators",
  0x020e: "Originating Point Code List",
  0x0210: "Protocol Data",
  0x0212: "Registration Status",
  0x0213: "Deregistration Status",
};

/** m3ua_print(): an M3UA message of `size` bytes (its header included) at `off`. */
function m3uaPrint(c: Ctx, off: number, size: number): void {
  c.proto = "m3ua";
  if (size < 8) return m3uaInvalid(c, off, size);
  c.need(off, 8);
  if (c.u8(off) !== 1) return;
  const cls = c.u8(off + 2);
  c.print(`\n\t\t${M3UA_CLASS[cls] ?? `Unknown message class ${cls}`}`);
  const types = M3UA_TYPES[cls];
  if (types) c.print(` ${tok(types, "Unknown (0x%02x)", c.u8(off + 3))} Message`);
  const len = c.u32(off + 4);
  if (size !== len) {
    c.print(`\n\t\t\t@@@@@@ Corrupted length ${len} of message @@@@@@`);
    return;
  }
  const buf = off + 8, end = off + len;
  for (let p = buf; p < end;) {
    if (p + 4 > end) return m3uaInvalid(c, buf, len - 8);
    const tag = c.u16(p);
    c.print(`\n\t\t\t${tok(M3UA_PARAM, "Unknown Parameter (0x%04x)", tag)}: `);
    const plen = c.u16(p + 2);
    if (plen < 4) return m3uaInvalid(c, buf, len - 8);
    const align = (p + plen - buf) % 4 ? 4 - (p + plen - buf) % 4 : 0;
    c.need(p, plen + align);
    // tag_value_print() is handed the parameter header, not its value: the value it prints
    // for a 4-byte parameter is the tag and length
    if (tag === 0x0200 || tag === 0x0006 || tag === 0x0013) {
      if (plen - 4 < 4) c.print(" (invalid)");
      else c.print(`0x${c.u32(p).toString(16).padStart(8, "0")}`);
    } else c.print(`(length ${plen})`);
    c.need(p, plen - 4);
    p += plen + align;
  }
}

/** nd_print_invalid() and the check that the `size` bytes at `off` were captured. */
function m3uaInvalid(c: Ctx, off: number, size: number): void {
  c.print(" (invalid)");
  c.need(off, size);
}
