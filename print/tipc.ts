// TIPC (Transparent Inter-Process Communication) as tcpdump 4.99 prints it (print-tipc.c):
// payload, internal and neighbour-detection messages. As there, every field of a line is read
// before the line prints, so a cut message prints only the truncation marker.

import { type Ctx, tok } from "./_ctx.ts";

const USER: Record<number, string> = {
  0: "Low Importance Data payload",
  1: "Medium Importance Data payload",
  2: "High Importance Data payload",
  3: "Critical Importance Data payload",
  5: "Broadcast Link Protocol internal",
  6: "Message Bundler Protocol internal",
  7: "Link State Protocol internal",
  8: "Connection Manager internal",
  10: "Link Changeover Protocol internal",
  11: "Name Table Update Protocol internal",
  12: "Message Fragmentation Protocol internal",
  13: "Neighbor Detection Protocol internal",
};
// tcpdump's table swaps the names of types 1 and 3
const MTYPE: Record<number, string> = {
  0: "CONN_MSG",
  1: "MCAST_MSG",
  2: "NAMED_MSG",
  3: "DIRECT_MSG",
};
const LINKCONF: Record<number, string> = { 0: "Link request", 1: "Link response" };

const addr = (a: number) => `${a >>> 24}.${(a >> 12) & 0xfff}.${a & 0xfff}`;

/** tipc_print(): what follows EtherType 0x88ca. */
export function tipcPrint(c: Ctx, p: number, _length: number): void {
  c.proto = "tipc";
  const w0 = c.u32(p), user = (w0 >> 25) & 0x0f;
  const ver = (w0 >>> 29) & 7, hsize = ((w0 >> 21) & 0x0f) * 4, msize = w0 & 0x1ffff;
  const head = (from: string, to: string) =>
    `TIPC v${ver}.0 ${from} > ${to}, headerlength ${hsize} bytes, MessageSize ${msize} bytes, ${
      tok(USER, "unknown", user)
    }, messageType `;
  switch (user) {
    case 0:
    case 1:
    case 2:
    case 3:
    case 11:
    case 8: {
      const w1 = c.u32(p + 4), prev = c.u32(p + 12), oport = c.u32(p + 16), dport = c.u32(p + 20);
      const mt = tok(MTYPE, "Unknown", w1 >>> 29);
      if (hsize <= 24) return c.print(`${head(`${addr(prev)}:${oport}`, `${dport}`)}${mt}`);
      const onode = c.u32(p + 24), dnode = c.u32(p + 28);
      c.print(`${head(`${addr(onode)}:${oport}`, `${addr(dnode)}:${dport}`)}${mt}`);
      if (c.f.v) {
        const w2 = c.u32(p + 8);
        c.print(
          `\n\tPrevious Node ${addr(prev)}, Broadcast Ack ${w1 & 0xffff}, Link Ack ${
            w2 >>> 16
          }, Link Sequence ${w2 & 0xffff}`,
        );
      }
      return;
    }
    case 13: {
      const w1 = c.u32(p + 4), dom = c.u32(p + 8), prev = c.u32(p + 12);
      c.print(`${head(addr(prev), addr(dom))}${tok(LINKCONF, "Unknown", w1 >>> 29)}`);
      if (c.f.v) {
        const net = c.u32(p + 16), w5 = c.u32(p + 20);
        c.print(`\n\tNodeSignature ${w1 & 0xffff}, network_id ${net}, media_id ${w5 & 0xff}`);
      }
      return;
    }
    case 5:
    case 6:
    case 7:
    case 10:
    case 12: {
      const w1 = c.u32(p + 4), onode = c.u32(p + 24), dnode = c.u32(p + 28);
      c.print(
        `${head(addr(onode), addr(dnode))}${tok(MTYPE, "Unknown", w1 >>> 29)} (0x${
          w1.toString(16).padStart(8, "0")
        })`,
      );
      if (c.f.v) {
        const w2 = c.u32(p + 8), prev = c.u32(p + 12), w4 = c.u32(p + 16), w5 = c.u32(p + 20);
        const ts = c.u32(p + 32), w9 = c.u32(p + 36);
        c.print(
          `\n\tPrevious Node ${addr(prev)}, Session No. ${w5 >>> 16}, Broadcast Ack ${
            w1 & 0xffff
          }, Sequence Gap ${(w1 >> 16) & 0x1fff},  Broadcast Gap After ${
            w2 >>> 16
          }, Broadcast Gap To ${w2 & 0xffff}, Last Sent Packet No. ${
            w4 >>> 16
          }, Next sent Packet No. ${w4 & 0xffff}, Transport Sequence ${ts}, msg_count ${
            w9 >>> 16
          }, Link Tolerance ${w9 & 0xffff}`,
        );
      }
    }
  }
}
