// AODV, Ad hoc On-Demand Distance Vector routing (RFC 3561, UDP 654), as tcpdump 4.99 prints it
// (print-aodv.c): route requests, replies and errors with IPv4 addresses, or IPv6 ones when the
// datagram came over IPv6, the IPv6 draft-01 messages (types 16-19) over either, and the Hello
// extension after a request or a reply.

import { type Ctx, hex } from "./_ctx.ts";

/**
 * The request and reply flags, which print-aodv.c takes from the type byte (not the flags byte
 * after it), so only a type's own bits show: [D] on draft-01 requests (16), none on type 1.
 */
function rreqFlags(t: number): string {
  return (t & 0x80 ? "[J]" : "") + (t & 0x40 ? "[R]" : "") + (t & 0x20 ? "[G]" : "") +
    (t & 0x10 ? "[D]" : "") + (t & 0x08 ? "[U] " : " ");
}

/** aodv_extension(): the extension after a request or a reply, `len` bytes left. */
function extension(c: Ctx, p: number, len: number): void {
  c.tcheck(p, 2);
  const type = c.u8(p), extLen = c.u8(p + 1);
  if (type !== 1) return c.print(`\n\text ${type} ${extLen}`);
  c.tcheck(p, 6);
  if (len < 6) return c.trunc();
  if (extLen < 4) return c.print(`\n\text HELLO - bad length ${extLen}`);
  c.print(`\n\text HELLO ${c.u32(p + 2)} ms`);
}

/**
 * A request: `a` the address size (4 or 16); draft-01 puts both sequence numbers before the
 * addresses, RFC 3561 each after its address. `name` is what tcpdump calls it ("v6 rreq" for
 * type 1 over IPv6, "rreq" otherwise).
 */
function rreq(c: Ctx, p: number, len: number, a: number, draft: boolean, name: string): void {
  const size = 16 + 2 * a;
  c.tcheck(p, size);
  if (len < size) return c.trunc();
  const t = c.u8(p);
  const da = draft ? p + 16 : p + 8;
  const ds = draft ? p + 8 : p + 8 + a;
  const oa = draft ? p + 16 + a : p + 12 + a;
  const os = draft ? p + 12 : p + 12 + 2 * a;
  const addr = (o: number) => (a === 4 ? c.ip4(o) : c.ip6(o));
  c.print(
    ` ${name} ${len} ${rreqFlags(t)}hops ${c.u8(p + 3)} id 0x${hex(c.u32(p + 4), 8)}\n\tdst ${
      addr(da)
    } seq ${c.u32(ds)} src ${addr(oa)} seq ${c.u32(os)}`,
  );
  if (len - size >= 2) extension(c, p + size, len - size);
}

/** A reply: RFC 3561's layout, or draft-01's with the destination sequence number first. */
function rrep(c: Ctx, p: number, len: number, a: number, draft: boolean): void {
  const size = 12 + 2 * a;
  c.tcheck(p, size);
  if (len < size) return c.trunc();
  const t = c.u8(p);
  const da = draft ? p + 8 : p + 4;
  const ds = draft ? p + 4 : p + 4 + a;
  const oa = draft ? p + 8 + a : p + 8 + a;
  const addr = (o: number) => (a === 4 ? c.ip4(o) : c.ip6(o));
  c.print(
    ` rrep ${len} ${t & 0x80 ? "[R]" : ""}${t & 0x40 ? "[A] " : " "}prefix ${
      c.u8(p + 2) & 0x1f
    } hops ${c.u8(p + 3)}\n\tdst ${addr(da)} dseq ${c.u32(ds)} src ${addr(oa)} ${
      c.u32(p + 8 + 2 * a)
    } ms`,
  );
  if (len - size >= 2) extension(c, p + size, len - size);
}

/** An error: the flags, the count, then each unreachable destination and its sequence number. */
function rerr(c: Ctx, p: number, len: number, a: number): void {
  c.tcheck(p, 4);
  if (len < 4) return c.trunc();
  const dc = c.u8(p + 3);
  c.print(` rerr ${c.u8(p + 1) & 0x80 ? "[D]" : ""} [items ${dc}] [${len}]:`);
  let d = p + 4, left = len - 4;
  const size = a + 4;
  for (let i = dc; i !== 0; i--) {
    c.tcheck(d, size);
    if (left < size) return c.trunc();
    c.print(` {${a === 4 ? c.ip4(d) : c.ip6(d)}}(${c.u32(d + a)})`);
    d += size, left -= size;
  }
}

/** aodv_print(): `v6` when the datagram came over IPv6. */
export function aodvPrint(c: Ctx, p: number, len: number, v6: boolean): void {
  c.proto = "aodv";
  const type = c.u8(p);
  c.print(" aodv");
  switch (type) {
    case 1:
      return v6 ? rreq(c, p, len, 16, false, "v6 rreq") : rreq(c, p, len, 4, false, "rreq");
    case 2:
      return rrep(c, p, len, v6 ? 16 : 4, false);
    case 3:
      return rerr(c, p, len, v6 ? 16 : 4);
    case 4:
    case 19:
      return c.print(` rrep-ack ${len}`);
    case 16:
      return rreq(c, p, len, 16, true, "rreq");
    case 17:
      return rrep(c, p, len, 16, true);
    case 18:
      return rerr(c, p, len, 16);
    default:
      c.print(` type ${type} ${len}`);
  }
}
