// OSPFv2 as tcpdump 4.99 prints it (print-ospf.c): the common header, Hello, Database
// Description, LS-Request, LS-Update (router, network, summary, AS-external LSAs) and LS-Ack.

import { bits, type Ctx, hex, printjnp, tok } from "./_ctx.ts";

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
const RLA_FLAGS = [[0x01, "ABR"], [0x02, "ASBR"], [0x04, "Virtual"], [0x08, "W2"]] as const;
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
  if (auth === 1) c.print(`\n\tSimple text password: ${printjnp(c, bp + 16, 8)}`);
  else if (auth === 2) {
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
  const dataend = bp + Math.min(len, length);
  decode(c, type, bp + 24, dataend);
}

function decode(c: Ctx, type: number, p: number, dataend: number): void {
  switch (type) {
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
      return;
    }
    case 2: {
      c.print(`\n\tOptions [${bits(OPTION, "none", c.u8(p + 2))}]`);
      c.print(`, DD Flags [${bits(DD_FLAGS, "none", c.u8(p + 3))}]`);
      if (c.u16(p)) c.print(`, MTU: ${c.u16(p)}`);
      c.print(`, Sequence: 0x${hex(c.u32(p + 4), 8)}`);
      for (let h = p + 8; h < dataend && lsHeader(c, h) !== -1; h += 20);
      return;
    }
    case 3:
      for (let r = p; r < dataend; r += 12) {
        c.tcheck(r, 12);
        const t = c.u32(r);
        c.print(`\n\t  Advertising Router: ${c.ip4(r + 8)}, ${tok(LSA, "unknown", t)} LSA (${t})`);
        if (t >= 9 && t <= 11) {
          c.print(
            `, Opaque-Type: ${tok({}, "unknown", c.u8(r + 4))} LSA (${c.u8(r + 4)}), Opaque-ID: ${
              (c.u8(r + 5) << 16) | c.u16(r + 6)
            }`,
          );
        } else c.print(`, LSA-ID: ${c.ip4(r + 4)}`);
      }
      return;
    case 4: {
      const count = c.u32(p);
      c.print(`, ${count} LSA${count === 1 ? "" : "s"}`);
      let l = p + 4;
      for (let n = 1; n <= count; n++) {
        c.print(`\n\t  LSA #${n}`);
        const next = lsa(c, l);
        if (next < 0) return c.trunc();
        l = next;
      }
      return;
    }
    case 5:
      for (let h = p; lsHeader(c, h) !== -1; h += 20);
      return;
    default:
      c.print(`    unknown packet type (${type})`);
  }
}

/** ospf_print_lshdr(); the LSA length, or -1 when bogus. */
function lsHeader(c: Ctx, h: number): number {
  const len = c.u16(h + 18);
  if (len < 20) {
    c.print(`\n\t    Bogus length ${len} < header (20 bytes)`);
    return -1;
  }
  c.print(
    `\n\t  Advertising Router ${c.ip4(h + 8)}, seq 0x${hex(c.u32(h + 12), 8)}, age ${
      c.u16(h)
    }s, length ${len - 20}`,
  );
  const t = c.u8(h + 3);
  c.print(`\n\t    ${tok(LSA, "unknown", t)} LSA (${t}), `);
  if (t >= 9 && t <= 11) {
    c.print(
      `${tok({}, "unknown", c.u8(h + 4))} Opaque LSA (${c.u8(h + 4)}), Opaque-ID: ${
        (c.u8(h + 5) << 16) | c.u16(h + 6)
      }`,
    );
  } else c.print(`LSA-ID: ${c.ip4(h + 4)}`);
  c.print(`\n\t    Options: [${bits(OPTION, "none", c.u8(h + 2))}]`);
  return len;
}

/** ospf_print_lsa(); the offset after the LSA, or -1 to stop. */
function lsa(c: Ctx, l: number): number {
  const len = lsHeader(c, l);
  if (len === -1) return -1;
  const end = l + len, body = l + 20, blen = len - 20;
  const topo = (t: number) => `${tok(TOPOLOGY, "Unknown", t)} (${t})`;
  switch (c.u8(l + 3)) {
    case 1: {
      c.print(`\n\t    Router LSA Options: [${bits(RLA_FLAGS, "none", c.u8(body))}]`);
      const n = c.u16(body + 2);
      c.tcheck(body + 4, 12);
      let r = body + 4;
      for (let i = n; i !== 0; i--) {
        c.tcheck(r, 12);
        const id = c.ip4(r), data = c.ip4(r + 4), lt = c.u8(r + 8);
        if (lt === 4) {
          c.print(`\n\t      Virtual Link: Neighbor Router-ID: ${id}, Interface Address: ${data}`);
        } else if (lt === 1) {
          c.print(`\n\t      Neighbor Router-ID: ${id}, Interface Address: ${data}`);
        } else if (lt === 2) {
          c.print(`\n\t      Neighbor Network-ID: ${id}, Interface Address: ${data}`);
        } else if (lt === 3) c.print(`\n\t      Stub Network: ${id}, Mask: ${data}`);
        else {
          c.print(`\n\t      Unknown Router Link Type (${lt})`);
          return end;
        }
        const tos = c.u8(r + 9);
        c.print(`\n\t\ttopology ${topo(0)}, metric ${c.u16(r + 10)}`);
        for (let k = 0; k < tos; k++) {
          c.print(`\n\t\ttopology ${topo(c.u8(r + 12 + 4 * k))}, metric ${c.u16(r + 14 + 4 * k)}`);
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
      c.tcheck(body, 4);
      if (c.u8(l + 3) === 3) c.print(`\n\t    Mask ${c.ip4(body)}`);
      c.tcheck(body + 4, 4);
      for (let p = body + 4; p < end; p += 4) {
        const ul = c.u32(p);
        c.print(`\n\t\ttopology ${topo(ul >>> 24)} metric ${ul & 0xffffff}`);
      }
      break;
    case 5:
    case 7:
      c.tcheck(body, 4);
      c.print(`\n\t    Mask ${c.ip4(body)}`);
      c.tcheck(body + 4, 4);
      for (let p = body + 4; p < end; p += 12) {
        const ul = c.u32(p);
        const t = (ul >>> 24) & 0x7f;
        c.print(`\n\t\ttopology ${topo(t)}, type ${ul & 0x80000000 ? 2 : 1}, metric`);
        c.print((ul & 0xffffff) === 0xffffff ? " infinite" : ` ${ul & 0xffffff}`);
        if (c.u32(p + 4)) c.print(`, forward ${c.ip4(p + 4)}`);
        if (c.u32(p + 8)) c.print(`, tag ${c.ip4(p + 8)}`);
      }
      break;
    default:
      c.hexData(body, "\n\t      ", blen);
  }
  if (c.f.v > 1) c.hexData(body, "\n\t    ", blen);
  return end;
}
