// OSPFv2 as tcpdump 4.99 prints it (print-ospf.c): the common header, Hello, Database
// Description, LS-Request, LS-Update (router, network, summary, AS-external, NSSA, group and
// opaque LSAs: traffic engineering, grace, router information) and LS-Ack, and the link-local
// signalling block after a Hello or DD.

import { bits, type Ctx, hex, printf3f, printjnpOut, tok, Truncated } from "./_ctx.ts";
import { GMPLS_ENCODING, GMPLS_SWITCH_CAP } from "./_gmpls_text.ts";
import { BC_MODEL, LINK_PROT } from "./_isis_text.ts";

const TYPE: Record<number, string> = {
  1: "Hello",
  2: "Database Description",
  3: "LS-Request",
  4: "LS-Update",
  5: "LS-Ack",
};
const AUTH: Record<number, string> = { 0: "none", 1: "simple", 2: "MD5" };
const OPTION = [
  [0x01, "MultiTopology"],
  [0x02, "External"],
  [0x04, "Multicast"],
  [0x08, "NSSA"],
  [0x10, "LLS"],
  [0x20, "Demand Circuit"],
  [0x40, "Opaque"],
  [0x80, "Up/Down"],
] as const;
const DD_FLAGS = [[0x04, "Init"], [0x02, "More"], [0x01, "Master"], [0x08, "OOBResync"]] as const;
const LSA: Record<number, string> = {
  1: "Router",
  2: "Network",
  3: "Summary",
  4: "ASBR Summary",
  5: "External",
  6: "Multicast Group",
  7: "NSSA",
  9: "Link Local Opaque",
  10: "Area Local Opaque",
  11: "Domain Wide Opaque",
};
const RLA_FLAGS = [
  [0x01, "ABR"],
  [0x02, "ASBR"],
  [0x04, "Virtual"],
  [0x08, "Wildcard"],
  [0x10, "Nt"],
  [0x80, "Host"],
] as const;
const OPAQUE: Record<number, string> = {
  1: "Traffic Engineering",
  3: "Graceful restart",
  4: "Router Information",
};
const TE_TLV: Record<number, string> = { 1: "Router Address", 2: "Link" };
const TE_SUBTLV: Record<number, string> = {
  1: "Link Type",
  2: "Link ID",
  3: "Local Interface IP address",
  4: "Remote Interface IP address",
  5: "Traffic Engineering Metric",
  6: "Maximum Bandwidth",
  7: "Maximum Reservable Bandwidth",
  8: "Unreserved Bandwidth",
  9: "Administrative Group",
  11: "Link Local/Remote Identifier",
  14: "Link Protection Type",
  15: "Interface Switching Capability",
  16: "Shared Risk Link Group",
  17: "Bandwidth Constraints",
};
const TE_LINK_TYPE: Record<number, string> = { 1: "Point-to-point", 2: "Multi-Access" };
const GRACE_TLV: Record<number, string> = {
  1: "Grace Period",
  2: "Graceful restart Reason",
  3: "IPv4 interface address",
};
const GRACE_REASON: Record<number, string> = {
  0: "Unknown",
  1: "Software Restart",
  2: "Software Reload/Upgrade",
  3: "Control Processor Switch",
};
const RI_TLV: Record<number, string> = { 1: "Router Capabilities" };
const RI_CAPS = [
  [1, "Reserved"],
  [2, "Reserved"],
  [4, "Reserved"],
  [8, "Reserved"],
  [16, "graceful restart capable"],
  [32, "graceful restart helper"],
  [64, "Stub router support"],
  [128, "Traffic engineering"],
  [256, "p2p over LAN"],
  [512, "path computation server"],
] as const;
const LLS_TLV: Record<number, string> = { 1: "Extended Options", 2: "MD5 Authentication" };
const LLS_EO = [[0x00000001, "LSDB resync"], [0x00000002, "Restart"]] as const;
const TOPOLOGY: Record<number, string> = { 0: "default", 1: "multicast", 2: "management" };

/** ospf_print() of `length` bytes at `bp` (IP protocol 89). */
export function ospfPrint(c: Ctx, bp: number, length: number): void {
  c.proto = "ospf2";
  const auth = c.u16(bp + 14);
  if (auth === 2) {
    // the MD5 digest after the packet is not part of it: tcpdump cuts it off the length and
    // the captured data alike (u_int: a shorter packet wraps)
    length = (length - 16) >>> 0;
    c.end -= 16;
  }
  const version = c.u8(bp), type = c.u8(bp + 1);
  const name = TYPE[type];
  c.print(`OSPFv${version}, ${name ?? `unknown LS-type ${type}`}, length ${length}`);
  if (name === undefined || !c.f.v) return;
  const len = c.u16(bp + 2);
  if (length !== len) c.print(` [len ${len}]`);
  c.print(`\n\tRouter-ID ${c.ip4(bp + 4)}`);
  c.print(c.u32(bp + 8) ? `, Area ${c.ip4(bp + 8)}` : ", Backbone Area");
  c.need(bp + 16, 8);
  c.print(`, Authentication Type: ${tok(AUTH, "unknown", auth)} (${auth})`);
  if (auth === 1) {
    c.print("\n\tSimple text password: ");
    printjnpOut(c, bp + 16, 8);
  } else if (auth === 2) {
    c.print(
      `\n\tKey-ID: ${c.u8(bp + 18)}, Auth-Length: ${c.u8(bp + 19)}, Crypto Sequence Number: 0x${
        hex(c.u32(bp + 20), 8)
      }`,
    );
  } else if (auth !== 0) return;
  if (version !== 2) {
    c.print(` ospf [version ${version}]`);
    return;
  }
  const dataend = bp + (length > len ? len : length);
  if (decode(c, bp, dataend)) throw new Truncated();
  if (length > len) lls(c, bp, length);
}

/** print_unknown_data(): hex of what was captured of `len` bytes; false past the capture. */
function unknown(c: Ctx, p: number, indent: string, len: number): boolean {
  if (p > c.end) {
    c.print(`${indent}Dissector error: print_unknown_data called with pointer past end of packet`);
    return false;
  }
  c.hexData(p, indent, len);
  return true;
}

/** ospf_decode_v2(): the body by packet type; true when cut (the whole packet then says so). */
function decode(c: Ctx, bp: number, dataend: number): boolean {
  const p = bp + 24;
  switch (c.u8(bp + 1)) {
    case 1: {
      c.print(`\n\tOptions [${bits(OPTION, "none", c.u8(p + 6))}]`);
      c.print(
        `\n\t  Hello Timer ${c.u16(p + 4)}s, Dead Timer ${c.u32(p + 8)}s, Mask ${
          c.ip4(p)
        }, Priority ${c.u8(p + 7)}`,
      );
      if (c.u32(p + 12)) c.print(`\n\t  Designated Router ${c.ip4(p + 12)}`);
      if (c.u32(p + 16)) c.print(`, Backup Designated Router ${c.ip4(p + 16)}`);
      let ap = p + 20;
      if (ap < dataend) c.print("\n\t  Neighbor List:");
      for (; ap < dataend; ap += 4) c.print(`\n\t    ${c.ip4(ap)}`);
      return false;
    }
    case 2: {
      c.print(`\n\tOptions [${bits(OPTION, "none", c.u8(p + 2))}]`);
      c.print(`, DD Flags [${bits(DD_FLAGS, "none", c.u8(p + 3))}]`);
      if (c.u16(p)) c.print(`, MTU: ${c.u16(p)}`);
      c.print(`, Sequence: 0x${hex(c.u32(p + 4), 8)}`);
      for (let h = p + 8; h < dataend && lsHeader(c, h) !== -1; h += 20);
      return false;
    }
    case 3:
      for (let r = p; r < dataend; r += 12) {
        c.need(r, 12);
        const t = c.u32(r);
        c.print(`\n\t  Advertising Router: ${c.ip4(r + 8)}, ${tok(LSA, "unknown", t)} LSA (${t})`);
        if (t >= 9 && t <= 11) {
          c.print(
            `, Opaque-Type: ${tok(OPAQUE, "unknown", c.u8(r + 4))} LSA (${
              c.u8(r + 4)
            }), Opaque-ID: ${(c.u8(r + 5) << 16) | c.u16(r + 6)}`,
          );
        } else c.print(`, LSA-ID: ${c.ip4(r + 4)}`);
      }
      return false;
    case 4: {
      const count = c.u32(p);
      c.print(`, ${count} LSA${count === 1 ? "" : "s"}`);
      let l = p + 4;
      for (let n = 1; n <= count; n++) {
        c.print(`\n\t  LSA #${n}`);
        const next = lsa(c, l);
        if (next < 0) return true;
        l = next;
      }
      return false;
    }
    case 5:
      // 4.99.3 walks the headers until one is bogus or cut, whatever the length says
      for (let h = p; lsHeader(c, h) !== -1; h += 20);
      return false;
  }
  return false;
}

/** ospf_print_lshdr(); the LSA length, or -1 when bogus. */
function lsHeader(c: Ctx, h: number): number {
  const len = c.u16(h + 18);
  if (len < 20) {
    c.print(`\n\t    Bogus length ${len} < header (20)`);
    return -1;
  }
  c.print(
    `\n\t  Advertising Router ${c.ip4(h + 8)}, seq 0x${hex(c.u32(h + 12), 8)}, age ${
      c.u16(h)
    }s, length ${len - 20}`,
  );
  const t = c.u8(h + 3);
  if (t >= 9 && t <= 11) {
    c.print(
      `\n\t    ${tok(LSA, "unknown", t)} LSA (${t}), Opaque-Type ${
        tok(OPAQUE, "unknown", c.u8(h + 4))
      } LSA (${c.u8(h + 4)}), Opaque-ID ${(c.u8(h + 5) << 16) | c.u16(h + 6)}`,
    );
  } else c.print(`\n\t    ${tok(LSA, "unknown", t)} LSA (${t}), LSA-ID: ${c.ip4(h + 4)}`);
  c.print(`\n\t    Options: [${bits(OPTION, "none", c.u8(h + 2))}]`);
  return len;
}

/** ospf_print_lsa(); the offset after the LSA, or -1 when cut or bogus. */
function lsa(c: Ctx, l: number): number {
  const len = lsHeader(c, l);
  if (len === -1) return -1;
  const end = l + len, body = l + 20, blen = len - 20;
  const topo = (t: number) => `${tok(TOPOLOGY, "Unknown", t)} (${t})`;
  switch (c.u8(l + 3)) {
    case 1: {
      c.print(`\n\t    Router LSA Options: [${bits(RLA_FLAGS, "none", c.u8(body))}]`);
      const n = c.u16(body + 2);
      if (!c.has(body + 4, 12)) return -1;
      let r = body + 4;
      for (let i = n; i !== 0; i--) {
        if (!c.has(r, 12)) return -1;
        const lt = c.u8(r + 8);
        const what = lt === 4
          ? "Virtual Link: Neighbor Router-ID: "
          : lt === 1
          ? "Neighbor Router-ID: "
          : lt === 2
          ? "Neighbor Network-ID: "
          : lt === 3
          ? "Stub Network: "
          : "";
        if (!what) {
          c.print(`\n\t      Unknown Router Link Type (${lt})`);
          return end;
        }
        c.print(
          `\n\t      ${what}${c.ip4(r)}, ${lt === 3 ? "Mask" : "Interface Address"}: ${
            c.ip4(r + 4)
          }`,
        );
        const tos = c.u8(r + 9);
        for (let k = 0; k <= tos; k++) {
          const t = k === 0 ? 0 : c.u8(r + 8 + 4 * k);
          c.print(`\n\t\ttopology ${topo(t)}, metric ${c.u16(r + 10 + 4 * k)}`);
        }
        r += 12 + 4 * tos;
      }
      break;
    }
    case 2:
      c.print(`\n\t    Mask ${c.ip4(body)}\n\t    Connected Routers:`);
      for (let a = body + 4; a < end; a += 4) c.print(`\n\t      ${c.ip4(a)}`);
      break;
    case 3:
    case 4:
      if (c.u8(l + 3) === 3) {
        if (!c.has(body, 4)) return -1;
        c.print(`\n\t    Mask ${c.ip4(body)}`);
      }
      if (!c.has(body + 4, 4)) return -1;
      for (let p = body + 4; p < end; p += 4) {
        const ul = c.u32(p);
        c.print(`\n\t\ttopology ${topo((ul >>> 24) & 0x7f)} metric ${ul & 0xffffff}`);
      }
      break;
    case 5:
    case 7:
      if (!c.has(body, 4)) return -1;
      c.print(`\n\t    Mask ${c.ip4(body)}`);
      if (!c.has(body + 4, 4)) return -1;
      for (let p = body + 4; p < end; p += 12) {
        const ul = c.u32(p);
        const t = (ul >>> 24) & 0x7f;
        c.print(`\n\t\ttopology ${topo(t)}, type ${ul & 0x80000000 ? 2 : 1}, metric`);
        c.print((ul & 0xffffff) === 0xffffff ? " infinite" : ` ${ul & 0xffffff}`);
        if (c.u32(p + 4)) c.print(`, forward ${c.ip4(p + 4)}`);
        if (c.u32(p + 8)) c.print(`, tag ${c.ip4(p + 8)}`);
      }
      break;
    case 6:
      for (let m = body; m < end; m += 8) {
        const vt = c.u32(m);
        if (vt === 1) c.print(`\n\t    Router Router-ID ${c.ip4(m + 4)}`);
        else if (vt === 2) c.print(`\n\t    Network Designated Router ${c.ip4(m + 4)}`);
        else c.print(`\n\t    unknown VertexType (${vt})`);
      }
      break;
    case 9:
    case 10:
    case 11:
      switch (c.u8(l + 4)) {
        case 4: {
          let t = body, rem = blen;
          while (rem !== 0) {
            if (!c.has(t, 4)) return -1;
            if (rem < 4) {
              c.print(`\n\t    Remaining LS length ${rem} < 4`);
              return end;
            }
            const type = c.u16(t);
            let tl = c.u16(t + 2);
            t += 4, rem -= 4;
            c.print(
              `\n\t    ${tok(RI_TLV, "unknown", type)} TLV (${type}), length: ${tl}, value: `,
            );
            if (tl > rem) {
              c.print(`\n\t    Bogus length ${tl} > remaining LS length ${rem}`);
              return end;
            }
            if (!c.has(t, tl)) return -1;
            if (type === 1) {
              if (tl !== 4) {
                c.print(`\n\t    Bogus length ${tl} != 4`);
                return end;
              }
              c.print(`Capabilities: ${bits(RI_CAPS, "Unknown", c.u32(t))}`);
            } else if (c.f.v <= 1 && !unknown(c, t, "\n\t      ", tl)) return end;
            if (tl % 4) tl += 4 - (tl % 4);
            t += tl;
            rem = (rem - tl) >>> 0;
          }
          break;
        }
        case 3:
          if (grace(c, body, blen) === -1) return end;
          break;
        case 1:
          if (teLsa(c, body, blen) === -1) return end;
          break;
        default:
          if (c.f.v <= 1 && !unknown(c, body, "\n\t    ", blen)) return end;
      }
  }
  if (c.f.v > 1 && !unknown(c, body, "\n\t    ", blen)) return end;
  return end;
}

/** ospf_grace_lsa_print(): the TLVs of a grace LSA (RFC 3623); -1 to stop. */
function grace(c: Ctx, t: number, rem: number): number {
  while (rem > 0) {
    if (!c.has(t, 4)) return -1;
    if (rem < 4) {
      c.print(`\n\t    Remaining LS length ${rem} < 4`);
      return -1;
    }
    const type = c.u16(t);
    let tl = c.u16(t + 2);
    t += 4, rem -= 4;
    c.print(`\n\t    ${tok(GRACE_TLV, "unknown", type)} TLV (${type}), length ${tl}, value: `);
    if (tl > rem) {
      c.print(`\n\t    Bogus length ${tl} > ${rem}`);
      return -1;
    }
    if (type === 0 || tl === 0) return -1;
    if (!c.has(t, tl)) return -1;
    const need = type === 2 ? 1 : 4;
    if (type >= 1 && type <= 3) {
      if (tl !== need) {
        c.print(`\n\t    Bogus length ${tl} != ${need}`);
        return -1;
      }
      if (type === 1) c.print(`${c.u32(t)}s`);
      else if (type === 2) c.print(`${tok(GRACE_REASON, "Unknown", c.u8(t))} (${c.u8(t)})`);
      else c.print(c.ip4(t));
    } else if (c.f.v <= 1 && !unknown(c, t, "\n\t      ", tl)) return -1;
    if (tl % 4) tl += 4 - (tl % 4);
    rem = (rem - tl) >>> 0;
    t += tl;
  }
  return 0;
}

/** "%.3f Mbps" of an IEEE single in bytes/s, in single precision as tcpdump computes it. */
function mbps(c: Ctx, p: number): string {
  const raw = c.u32(p);
  const v = Math.fround(
    Math.fround(new DataView(Uint32Array.of(raw).buffer).getFloat32(0, true) * 8) / 1000000,
  );
  return `${printf3f(v, raw >>> 31 === 1)} Mbps`;
}

/** ospf_te_lsa_print(): the TLVs of a traffic engineering LSA (RFC 3630); -1 to stop. */
function teLsa(c: Ctx, t: number, rem: number): number {
  const invalid = () => {
    c.print(" (invalid)");
    return -1;
  };
  while (rem !== 0) {
    if (!c.has(t, 4)) return -1;
    if (rem < 4) {
      c.print(`\n\t    Remaining LS length ${rem} < 4`);
      return -1;
    }
    const type = c.u16(t);
    let tl = c.u16(t + 2);
    t += 4, rem -= 4;
    c.print(`\n\t    ${tok(TE_TLV, "unknown", type)} TLV (${type}), length: ${tl}`);
    if (tl > rem) {
      c.print(`\n\t    Bogus length ${tl} > ${rem}`);
      return -1;
    }
    if (type === 0 || tl === 0) return -1;
    if (type === 2) {
      let st = t, left = tl;
      while (left !== 0) {
        if (left < 4) {
          c.print(`\n\t    Remaining TLV length ${left} < 4`);
          return -1;
        }
        const stype = c.u16(st);
        let sl = c.u16(st + 2);
        st += 4, left -= 4;
        if (stype === 0 || sl === 0) return invalid();
        c.print(`\n\t      ${tok(TE_SUBTLV, "unknown", stype)} subTLV (${stype}), length: ${sl}`);
        if (left < sl) {
          c.print(`\n\t    Remaining TLV length ${left + 4} < ${sl + 4}`);
          return -1;
        }
        if (!c.has(st, sl)) return -1;
        switch (stype) {
          case 9:
            if (sl !== 4) return c.print(" != 4"), invalid();
            c.print(`, 0x${hex(c.u32(st), 8)}`);
            break;
          case 2:
          case 11:
            if (sl !== 4 && sl !== 8) return c.print(" != 4 && != 8"), invalid();
            c.print(`, ${c.ip4(st)} (0x${hex(c.u32(st), 8)})`);
            if (sl === 8) c.print(`, ${c.ip4(st + 4)} (0x${hex(c.u32(st + 4), 8)})`);
            break;
          case 3:
          case 4:
            if (sl !== 4) return c.print(" != 4"), invalid();
            c.print(`, ${c.ip4(st)}`);
            break;
          case 6:
          case 7:
            if (sl !== 4) return c.print(" != 4"), invalid();
            c.print(`, ${mbps(c, st)}`);
            break;
          case 8:
            if (sl !== 32) return c.print(" != 32"), invalid();
            for (let k = 0; k < 8; k++) c.print(`\n\t\tTE-Class ${k}: ${mbps(c, st + 4 * k)}`);
            break;
          case 17: {
            if (sl < 4) return c.print(" < 4"), invalid();
            const m = c.u8(st);
            c.print(`\n\t\tBandwidth Constraints Model ID: ${tok(BC_MODEL, "unknown", m)} (${m})`);
            if (sl % 4 !== 0) return c.print(`\n\t\tlength ${sl} != N x 4`), invalid();
            if (sl > 36) return c.print(`\n\t\tlength ${sl} > 36`), invalid();
            for (let k = 0; k < (sl - 4) / 4; k++) {
              c.print(`\n\t\t  Bandwidth constraint CT${k}: ${mbps(c, st + 4 + 4 * k)}`);
            }
            break;
          }
          case 5:
            if (sl !== 4) return c.print(" != 4"), invalid();
            c.print(`, Metric ${c.u32(st)}`);
            break;
          case 14:
            if (sl !== 4) return c.print(" != 4"), invalid();
            c.print(`, ${bits(LINK_PROT, "none", c.u8(st))}`);
            break;
          case 15:
            if (sl < 36) return c.print(" < 36"), invalid();
            c.print(
              `\n\t\tInterface Switching Capability: ${tok(GMPLS_SWITCH_CAP, "Unknown", c.u8(st))}`,
            );
            c.print(
              `\n\t\tLSP Encoding: ${
                tok(GMPLS_ENCODING, "Unknown", c.u8(st + 1))
              }\n\t\tMax LSP Bandwidth:`,
            );
            for (let k = 0; k < 8; k++) {
              c.print(`\n\t\t  priority level ${k}: ${mbps(c, st + 4 + 4 * k)}`);
            }
            break;
          case 1:
            if (sl !== 1) return c.print(" != 1"), invalid();
            c.print(`, ${tok(TE_LINK_TYPE, "unknown", c.u8(st))} (${c.u8(st)})`);
            break;
          case 16: {
            if (sl % 4 !== 0) return c.print(" != N x 4"), invalid();
            const n = sl / 4;
            if (n) c.print("\n\t\t  Shared risk group: ");
            const groups = [];
            for (let k = 0; k < n; k++) groups.push(String(c.u32(st + 4 * k)));
            c.print(groups.join(", "));
            // tcpdump advances its pointer over the groups here and again over the sub-TLV
            st += 4 * n;
            break;
          }
          default:
            if (c.f.v <= 1 && !unknown(c, st, "\n\t\t", sl)) return -1;
        }
        if (sl % 4) sl += 4 - (sl % 4);
        if (left < sl) {
          c.print(`\n\t    Remaining TLV length ${left + 4} < ${sl + 4}`);
          return -1;
        }
        left -= sl;
        st += sl;
      }
      // tcpdump walks the sub-TLVs with the TLV's own pointer and length: the TLV is left with
      // length 0 where its sub-TLVs ended, and the LS length is not reduced by it
      t = st, tl = 0;
    } else if (type === 1) {
      if (tl < 4) {
        c.print(`\n\t    TLV length ${tl} < 4`);
        return -1;
      }
      c.print(`, ${c.ip4(t)}`);
    } else if (c.f.v <= 1 && !unknown(c, t, "\n\t      ", tl)) return -1;
    if (tl % 4) tl += 4 - (tl % 4);
    if (tl > rem) {
      c.print(`\n\t    Bogus padded length ${tl} > ${rem}`);
      return -1;
    }
    rem -= tl;
    t += tl;
  }
  return 0;
}

/** ospf_decode_lls(): link-local signalling (RFC 5613) after a Hello or DD with the L bit. */
function lls(c: Ctx, bp: number, length: number): void {
  const type = c.u8(bp + 1);
  if (type === 1) {
    if (!(c.u8(bp + 24 + 6) & 0x10)) return;
  } else if (type === 2) {
    if (!(c.u8(bp + 24 + 2) & 0x10)) return;
  } else return;
  let len2 = c.u16(bp + 2);
  let d = bp + len2;
  const dataend = bp + length;
  if (c.u16(bp + 14) === 2) {
    d += c.u8(bp + 19);
    len2 += c.u8(bp + 19);
  }
  if (len2 >= length) {
    c.print("\n\t[LLS truncated]");
    return;
  }
  c.print(`\n\t  LLS: checksum: 0x${hex(c.u16(d))}`);
  d += 2;
  c.print(`, length: ${c.u16(d)}`);
  d += 2;
  while (d < dataend) {
    const lt = c.u16(d);
    c.print(`\n\t    ${tok(LLS_TLV, "Unknown TLV", lt)} (${lt})`);
    d += 2;
    let ll = c.u16(d);
    c.print(`, length: ${ll}`);
    d += 2;
    if (lt === 1) {
      if (ll !== 4) {
        c.print(" [should be 4]");
        ll = 4;
      }
      const f = c.u32(d);
      c.print(`\n\t      Options: 0x${hex(f, 8)} [${bits(LLS_EO, "?", f)}]`);
    } else if (lt === 2) {
      if (ll !== 20) {
        c.print(" [should be 20]");
        ll = 20;
      }
      c.print(`\n\t      Sequence number: 0x${hex(c.u32(d), 8)}`);
    }
    d += ll;
  }
}
