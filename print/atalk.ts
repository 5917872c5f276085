// AppleTalk as tcpdump 4.99 prints it (print-atalk.c): DDP on EtherType 0x809b and SNAP OUI
// 0x080007 (EtherTalk, TokenTalk, FDDITalk), AARP on EtherType 0x80f3, and LocalTalk LLAP frames
// (LINKTYPE_LTALK); in DDP, NBP and ATP are decoded, EIGRP handed on, the rest named by type.
// Addresses print as net.node (or net for node 255); sockets as numbers with -n, else the
// well-known ones by name (ddpskt_string()).

import { type Ctx, printn } from "./_ctx.ts";

/** type2str: the DDP types tcpdump names without decoding them. */
const DDP_TYPE: Record<number, string> = {
  1: "rtmp",
  5: "rtmpReq",
  4: "echo",
  22: "IP",
  23: "ARP",
  0x4b: "KLAP",
};
const DDP_NBP = 2, DDP_ATP = 3, DDP_EIGRP = 88;
const ATP_XO = 0x20, ATP_EOM = 0x10, ATP_STS = 0x08;

/** ataddr_string() with -n: "net.node", or "net" for node 255. */
const atAddr = (net: number, node: number) => node === 255 ? `${net}` : `${net}.${node}`;

/** atalk_print(): a DDP datagram (13-byte long header) of `length` bytes at `bp`. */
export function atalkPrint(c: Ctx, bp: number, length: number): void {
  c.proto = "atalk";
  if (!c.f.e) c.print("AT ");
  if (length < 13) return c.print(` [|ddp ${length}]`);
  if (!c.has(bp, 13)) return c.print(" [|ddp]");
  const snet = c.u16(bp + 6), snode = c.u8(bp + 9), sskt = c.u8(bp + 11);
  c.print(
    `${atAddr(snet, snode)}.${skt(c, sskt)} > ${atAddr(c.u16(bp + 4), c.u8(bp + 8))}.${
      skt(c, c.u8(bp + 10))
    }: `,
  );
  ddpPrint(c, bp + 13, length - 13, c.u8(bp + 12), snet, snode, sskt);
}

/** llap_print(): a LocalTalk frame (destination, source, type), then short or long DDP. */
export function llapPrint(c: Ctx, bp: number, length: number): number {
  c.proto = "llap";
  if (length < 3) {
    c.print(` [|llap ${length}]`);
    return length;
  }
  if (!c.has(bp, 3)) {
    c.trunc();
    return 0;
  }
  const dst = c.u8(bp), src = c.u8(bp + 1), type = c.u8(bp + 2);
  const p = bp + 3, len = length - 3;
  if (type === 1) {
    if (len < 5) {
      c.print(` [|sddp ${len}]`);
      return len;
    }
    if (!c.has(p, 5)) {
      c.print(" [|sddp]");
      return 0;
    }
    const sskt = c.u8(p + 3);
    c.print(`${atAddr(0, src)}.${skt(c, sskt)} > ${atAddr(0, dst)}.${skt(c, c.u8(p + 2))}:`);
    ddpPrint(c, p + 5, len - 5, c.u8(p + 4), 0, src, sskt);
    return 8;
  }
  if (type === 2) {
    if (len < 13) {
      c.print(` [|ddp ${len}]`);
      return len;
    }
    if (!c.has(p, 13)) {
      c.print(" [|ddp]");
      return 0;
    }
    const snet = c.u16(p + 6), snode = c.u8(p + 9), sskt = c.u8(p + 11);
    c.print(
      `${atAddr(snet, snode)}.${skt(c, sskt)} > ${atAddr(c.u16(p + 4), c.u8(p + 8))}.${
        skt(c, c.u8(p + 10))
      }:`,
    );
    ddpPrint(c, p + 13, len - 13, c.u8(p + 12), snet, snode, sskt);
    return 16;
  }
  c.print(`${src} > ${dst} at-lap#${type} ${len}`);
  return 3;
}

/** ltalk_if_print(): LINKTYPE_LTALK; the link header length (the capture's when cut). */
export function ltalkPrint(c: Ctx, wireLen: number): number {
  const hdrlen = llapPrint(c, 0, wireLen);
  return hdrlen === 0 ? c.end : hdrlen;
}

/** aarp_print(): an AppleTalk ARP packet (EtherType 0x80f3). */
export function aarpPrint(c: Ctx, bp: number, length: number): void {
  c.proto = "aarp";
  c.print("aarp ");
  if (!c.has(bp, 28)) return c.trunc();
  if (length < 28) return c.print(` [|aarp ${length}]`);
  const htype = c.u16(bp), ptype = c.u16(bp + 2), halen = c.u8(bp + 4), palen = c.u8(bp + 5);
  const op = c.u16(bp + 6);
  // the protocol addresses: a zero byte, the net, the node
  const at = (o: number) => atAddr((c.u8(o + 1) << 8) | c.u8(o + 2), c.u8(o + 3));
  if (htype === 1 && ptype === 0x809b && halen === 6 && palen === 4) {
    if (op === 1) return c.print(`who-has ${at(bp + 24)} tell ${at(bp + 14)}`);
    if (op === 2) return c.print(`reply ${at(bp + 14)} is-at ${c.mac(bp + 8)}`);
    if (op === 3) return c.print(`probe ${at(bp + 24)} tell ${at(bp + 14)}`);
  }
  c.print(
    `len ${length} op ${op} htype ${htype} ptype ${
      ptype === 0 ? "0" : "0x" + ptype.toString(16)
    } halen ${halen} palen ${palen}`,
  );
}

/** ddp_print(): what a DDP datagram of type `t` carries. */
function ddpPrint(
  c: Ctx,
  bp: number,
  length: number,
  t: number,
  snet: number,
  snode: number,
  sskt: number,
): void {
  if (t === DDP_NBP) nbpPrint(c, bp, length, snet, snode, sskt);
  else if (t === DDP_ATP) atpPrint(c, bp, length);
  else if (t === DDP_EIGRP) c.d.eigrp(c, bp, length);
  else c.print(` at-${DDP_TYPE[t] ?? `#${t}`} ${length}`);
}

/** atp_print(): an ATP request, response or release (8-byte header). */
function atpPrint(c: Ctx, bp: number, length: number): void {
  if (!c.has(bp, 8)) return c.trunc();
  if (length < 8) return c.print(` [|atp ${length}]`);
  length -= 8;
  const control = c.u8(bp), bitmap = c.u8(bp + 1), tid = c.u16(bp + 2);
  switch (control & 0xc0) {
    case 0x40:
      c.print(` atp-req${control & ATP_XO ? " " : "*"} ${tid}`);
      bitmapPrint(c, bitmap);
      if (length !== 0) c.print(` [len=${length}]`);
      c.print(["", " [STS]", " [EOM]", " [EOM,STS]"][(control >> 3) & 3]!);
      break;
    case 0x80:
      c.print(` atp-resp${control & ATP_EOM ? "*" : " "}${tid}:${bitmap} (${length})`);
      c.print(
        [
          "",
          " [STS]",
          " [XO]",
          " [XO,STS]",
        ][((control & ATP_XO) >> 4) | ((control & ATP_STS) >> 3)]!,
      );
      break;
    case 0xc0: {
      c.print(` atp-rel  ${tid}`);
      bitmapPrint(c, bitmap);
      if (length) c.print(` [len=${length}]`);
      if (control & (ATP_XO | ATP_EOM | ATP_STS)) {
        const flags = [];
        if (control & ATP_XO) flags.push("XO");
        if (control & ATP_EOM) flags.push("EOM");
        if (control & ATP_STS) flags.push("STS");
        c.print(`[${flags.join(",")}]`);
      }
      break;
    }
    default:
      c.print(` atp-0x${control.toString(16)}  ${tid} (${length})`);
  }
  const data = c.u32(bp + 4);
  if (data !== 0) c.print(` 0x${data.toString(16)}`);
}

/** atp_bitmap_print(): "<0-n>" for a run of low bits, else the bits one by one. */
function bitmapPrint(c: Ctx, bm: number): void {
  if ((bm + 1) & bm) {
    const bits = [];
    for (let i = 0; bm; i++, bm >>= 1) if (bm & 1) bits.push(i);
    c.print(`<${bits.join(",")}>`);
  } else {
    let i = 0;
    for (; bm; i++) bm >>= 1;
    c.print(i > 1 ? `<0-${i - 1}>` : "<0>");
  }
}

/** nbp_print(): an NBP lookup, broadcast request or reply (2-byte header, then tuples). */
function nbpPrint(
  c: Ctx,
  bp: number,
  length: number,
  snet: number,
  snode: number,
  sskt: number,
): void {
  if (length < 2) return c.print(` truncated-nbp ${length}`);
  if (length - 2 < 8) return c.print(` truncated-nbp ${length}`);
  const tp = bp + 2, ep = c.end;
  if (tp > ep) return c.trunc();
  const control = c.u8(bp), id = c.u8(bp + 1);
  const kind = control & 0xf0;
  if (kind === 0x10 || kind === 0x20) {
    c.print(kind === 0x20 ? ` nbp-lkup ${id}:` : ` nbp-brRq ${id}:`);
    if (tp + 5 > ep) return c.trunc();
    namePrint(c, tp, ep);
    if ((control & 0xf) !== 1) c.print(` [ntup=${control & 0xf}]`);
    const en = c.u8(tp + 4);
    if (en) c.print(` [enum=${en}]`);
    const net = c.u16(tp), node = c.u8(tp + 2), skt = c.u8(tp + 3);
    if (net !== snet || node !== snode || skt !== sskt) {
      c.print(` [addr=${atAddr(net, node)}.${skt}]`);
    }
  } else if (kind === 0x30) {
    c.print(` nbp-reply ${id}:`);
    let t: number | undefined = tp;
    for (let i = control & 0xf; i !== 0 && t !== undefined; i--) {
      t = tuplePrint(c, t, ep, snet, snode, sskt);
    }
  } else c.print(` nbp-0x${control.toString(16)}  ${id} (${length - 2})`);
}

/** nbp_tuple_print(): one reply tuple; where the next starts, undefined when cut. */
function tuplePrint(
  c: Ctx,
  tp: number,
  ep: number,
  snet: number,
  snode: number,
  sskt: number,
): number | undefined {
  if (tp + 5 > ep) {
    c.trunc();
    return undefined;
  }
  const next = namePrint(c, tp, ep);
  const en = c.u8(tp + 4), skt = c.u8(tp + 3);
  if (en !== 1) c.print(`(${en})`);
  if (skt !== sskt) c.print(` ${skt}`);
  const net = c.u16(tp), node = c.u8(tp + 2);
  if (net !== snet || node !== snode) c.print(` [addr=${atAddr(net, node)}]`);
  return next;
}

/** nbp_name_print(): ' "object:type@zone"'; where the tuple ends, undefined when cut. */
function namePrint(c: Ctx, tp: number, ep: number): number | undefined {
  c.print(' "');
  let cp = cstring(c, tp + 5, ep);
  if (cp === undefined) return undefined;
  c.print(":");
  cp = cstring(c, cp, ep);
  if (cp === undefined) return undefined;
  c.print("@");
  cp = cstring(c, cp, ep);
  if (cp === undefined) return undefined;
  c.print('"');
  return cp;
}

/** print_cstring(): a counted string of at most 32 bytes; the offset after it. */
function cstring(c: Ctx, cp: number, ep: number): number | undefined {
  if (cp >= ep) {
    c.trunc();
    return undefined;
  }
  let length = c.u8(cp++);
  if (length > 32) {
    c.print(`[len=${length}]`);
    return undefined;
  }
  for (; length !== 0; length--) {
    if (cp >= ep) {
      c.trunc();
      return undefined;
    }
    c.print(printn(c, cp++, 1));
  }
  return cp;
}

/** The well-known DDP sockets tcpdump names without -n (its skt2str). */
const SOCKETS: Record<number, string> = { 1: "rtmp", 2: "nis", 4: "echo", 6: "zip" };

/** ddpskt_string(): a socket by its name without -n, else its number. */
function skt(c: Ctx, socket: number): string {
  return c.f.names === undefined ? String(socket) : SOCKETS[socket] ?? String(socket);
}
