// Cisco EIGRP (RFC 7868) as tcpdump 4.99 prints it (print-eigrp.c): the common header, then
// the parameter, software version, IP and AppleTalk route TLVs.

import { bits, type Ctx, hex, tok, Truncated } from "./_ctx.ts";
import { formatIpv4 } from "../address.ts";

const OPCODE: Record<number, string> = {
  1: "Update",
  3: "Query",
  4: "Reply",
  5: "Hello",
  6: "IPX SAP",
  7: "Probe",
};
const FLAGS = [
  [0x01, "Init"],
  [0x02, "Conditionally Received"],
  [0x04, "Restart"],
  [0x08, "End-of-Table"],
] as const;
const TLV: Record<number, string> = {
  0x0001: "General Parameters",
  0x0002: "Authentication",
  0x0003: "Sequence",
  0x0004: "Software Version",
  0x0005: "Next Multicast Sequence",
  0x0102: "IP Internal routes",
  0x0103: "IP External routes",
  0x0202: "AppleTalk Internal routes",
  0x0203: "AppleTalk External routes",
  0x0204: "AppleTalk Cable setup",
  0x0302: "IPX Internal routes",
  0x0303: "IPX External routes",
};
const PROTO: Record<number, string> = {
  1: "IGRP",
  2: "EIGRP",
  3: "Static",
  4: "RIP",
  5: "Hello",
  6: "OSPF",
  7: "IS-IS",
  8: "EGP",
  9: "BGP",
  10: "IDRP",
  11: "Connected",
};

/** The delay/bandwidth/MTU/hops/reliability/load block at `p`. */
function metrics(c: Ctx, p: number): void {
  c.print(
    `\n\t      delay ${Math.floor(c.u32(p) / 100)} ms, bandwidth ${c.u32(p + 4)} Kbps, mtu ${
      (c.u8(p + 8) << 16) | c.u16(p + 9)
    }, hop ${c.u8(p + 11)}, reliability ${c.u8(p + 12)}, load ${c.u8(p + 13)}`,
  );
}

/** The variable-length destination and next hop of an IP route TLV; false on a bad length. */
function prefix(c: Ctx, plenAt: number, nexthop: number): boolean {
  const bitLen = c.u8(plenAt);
  if (bitLen > 32) {
    c.print(`\n\t    illegal prefix length ${bitLen}`);
    return false;
  }
  const n = Math.floor((bitLen + 7) / 8);
  c.need(plenAt + 1, n);
  const a = new Uint8Array(4);
  a.set(c.b.subarray(plenAt + 1, plenAt + 1 + n));
  c.print(`\n\t    IPv4 prefix: ${formatIpv4(a, 0).padStart(15)}/${bitLen}, nexthop: `);
  c.print(c.u32(nexthop) === 0 ? "self" : c.ip4(nexthop));
  return true;
}

/** eigrp_print(): an EIGRP packet after an IPv4 header (protocol 88). */
export function eigrpPrint(c: Ctx, p: number, len: number): void {
  c.proto = "eigrp";
  c.tcheck(p, 20);
  if (len < 20) {
    c.print(`EIGRP ${tok(OPCODE, "unknown (%u)", c.u8(p + 1))}, length: ${len} (too short, < 20)`);
    return;
  }
  const version = c.u8(p);
  if (version !== 2) {
    c.print(`EIGRP version ${version} packet not supported`);
    return;
  }
  const opcode = c.u8(p + 1);
  if (c.f.v < 1) {
    c.print(`EIGRP ${tok(OPCODE, "unknown (%u)", opcode)}, length: ${len}`);
    return;
  }
  let tlen = len - 20;
  c.print(
    `\n\tEIGRP v${version}, opcode: ${
      tok(OPCODE, "unknown, type: %u", opcode)
    } (${opcode}), chksum: 0x${hex(c.u16(p + 2))}, Flags: [${
      bits(FLAGS, "none", c.u32(p + 4))
    }]\n\tseq: 0x${hex(c.u32(p + 8), 8)}, ack: 0x${hex(c.u32(p + 12), 8)}, VRID: ${
      c.u16(p + 16)
    }, AS: ${c.u16(p + 18)}, length: ${tlen}`,
  );
  let t = p + 20;
  while (tlen !== 0) {
    c.tcheck(t, 4);
    const tl = c.u16(t + 2), type = c.u16(t);
    if (tl < 4 || tl > tlen) {
      // a TLV length that does not fit: the rest is dumped, the TLV not named
      c.hexData(t + 4, "\n\t    ", tlen);
      return;
    }
    c.print(`\n\t  ${tok(TLV, "Unknown", type)} TLV (0x${hex(type)}), length: ${tl}`);
    const v = t + 4, vl = tl - 4;
    if (!c.has(t, tl)) throw new Truncated(true);
    const short = (n: number) => {
      if (vl >= n) return false;
      c.print(` (too short, < ${4 + n})`);
      return true;
    };
    switch (type) {
      case 0x0001:
        if (short(8)) break;
        c.print(
          `\n\t    holdtime: ${c.u16(v + 6)}s, k1 ${c.u8(v)}, k2 ${c.u8(v + 1)}, k3 ${
            c.u8(v + 2)
          }, k4 ${c.u8(v + 3)}, k5 ${c.u8(v + 4)}`,
        );
        break;
      case 0x0004:
        if (short(4)) break;
        c.print(
          `\n\t    IOS version: ${c.u8(v)}.${c.u8(v + 1)}, EIGRP version ${c.u8(v + 2)}.${
            c.u8(v + 3)
          }`,
        );
        break;
      case 0x0102:
        if (short(22)) break;
        if (!prefix(c, v + 20, v)) break;
        metrics(c, v + 4);
        break;
      case 0x0103:
        if (short(42)) break;
        if (!prefix(c, v + 40, v)) break;
        c.print(
          `\n\t      origin-router ${c.ip4(v + 4)}, origin-as ${c.u32(v + 8)}, origin-proto ${
            tok(PROTO, "unknown", c.u8(v + 22))
          }, flags [0x${hex(c.u8(v + 23), 2)}], tag 0x${hex(c.u32(v + 12), 8)}, metric ${
            c.u32(v + 16)
          }`,
        );
        metrics(c, v + 24);
        break;
      case 0x0204:
        if (short(8)) break;
        c.print(`\n\t    Cable-range: ${c.u16(v)}-${c.u16(v + 2)}, Router-ID ${c.u32(v + 4)}`);
        break;
      case 0x0202:
      case 0x0203: {
        const ext = type === 0x0203;
        if (short(ext ? 40 : 24)) break;
        const cs = ext ? v + 36 : v + 20;
        c.print(`\n\t     Cable-Range: ${c.u16(cs)}-${c.u16(cs + 2)}, nexthop: `);
        c.print(c.u32(v) === 0 ? "self" : `${c.u16(v)}.${c.u16(v + 2)}`);
        if (ext) {
          c.print(
            `\n\t      origin-router ${c.u32(v + 4)}, origin-as ${c.u32(v + 8)}, origin-proto ${
              tok(PROTO, "unknown", c.u8(v + 16))
            }, flags [0x${hex(c.u8(v + 17), 2)}], tag 0x${hex(c.u32(v + 12), 8)}, metric ${
              c.u16(v + 18)
            }`,
          );
        }
        metrics(c, ext ? v + 20 : v + 4);
        break;
      }
      default:
        if (c.f.v <= 1) c.hexData(v, "\n\t    ", vl);
    }
    if (c.f.v > 1) c.hexData(v, "\n\t    ", vl);
    t += tl, tlen -= tl;
  }
}
