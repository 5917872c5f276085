// Novell IPX as tcpdump 4.99 prints it (print-ipx.c): the 30-byte header's addresses and
// sockets, then NCP, SAP, RIP, NetBIOS, diagnostics and NWLink by destination socket.

import { type Ctx, hex, printjnpOut } from "./_ctx.ts";
import { sapTypeName } from "./_ipx_sap.ts";

const IPX_HDR_LEN = 30;

/** ipxaddr_string(): network.node as 8 hex digits and a MAC. */
function ipxAddr(c: Ctx, off: number): string {
  return `${hex(c.u32(off), 8)}.${c.plainMac(off + 4)}`;
}

/** ipx_print(): `length` is what the link layer carries (the IPX length field is used instead). */
export function ipxPrint(c: Ctx, off: number, _length: number): void {
  c.proto = "ipx";
  if (!c.f.e) c.print("IPX ");
  c.print(`${ipxAddr(c, off + 18)}.${hex(c.u16(off + 28))} > `);
  const dstSkt = c.u16(off + 16);
  c.print(`${ipxAddr(c, off + 6)}.${hex(dstSkt)}: `);
  const length = c.u16(off + 2);
  if (length < IPX_HDR_LEN) {
    c.print(`[length ${length} < ${IPX_HDR_LEN}] (invalid)`);
    return;
  }
  const p = off + IPX_HDR_LEN, len = length - IPX_HDR_LEN;
  switch (dstSkt) {
    case 0x0451:
      return c.print(`ipx-ncp ${len}`);
    case 0x0452:
      return sapPrint(c, p, len);
    case 0x0453:
      return ripPrint(c, p, len);
    case 0x0455:
      return c.print(`ipx-netbios ${len}`);
    case 0x0456:
      return c.print(`ipx-diags ${len}`);
    case 0x0553:
      return c.print(`ipx-nwlink-dgm ${len}`);
    default:
      c.print(`ipx-#${dstSkt.toString(16)} ${len}`);
  }
}

/** The command word both SAP and RIP start with; undefined (and " (invalid)") when too short. */
function command(c: Ctx, p: number, len: number): number | undefined {
  const cmd = c.u16(p);
  if (len < 2) {
    c.print(` [length ${len} < 2] (invalid)`);
    return undefined;
  }
  return cmd;
}

/** ipxsap_string(): the service type's name without -n, else its hex. */
function sapType(c: Ctx, type: number): string {
  return (c.f.names !== undefined ? sapTypeName(type) : undefined) ?? hex(type);
}

/** ipx_sap_print(). */
function sapPrint(c: Ctx, p: number, length: number): void {
  const cmd = command(c, p, length);
  if (cmd === undefined) return;
  p += 2, length -= 2;
  switch (cmd) {
    case 1:
    case 3:
      c.print(cmd === 1 ? "ipx-sap-req" : "ipx-sap-nearest-req");
      c.print(` ${sapType(c, c.u16(p))}`);
      return;
    case 2:
    case 4:
      c.print(cmd === 2 ? "ipx-sap-resp" : "ipx-sap-nearest-resp");
      for (let i = 0; i < 8 && length !== 0; i++) {
        if (length < 2) return c.print(" (invalid)");
        c.print(` ${sapType(c, c.u16(p))} '`);
        p += 2, length -= 2;
        if (length < 48) return c.print("' (invalid)");
        printjnpOut(c, p, 48);
        c.print("'");
        p += 48, length -= 48;
        if (length < 10) return c.print(" (invalid)");
        c.print(` addr ${ipxAddr(c, p)}`);
        p += 10, length -= 10;
        if (length < 4) return c.print(" (invalid)");
        c.need(p, 4);
        p += 4, length -= 4;
      }
      return;
    default:
      c.print(`ipx-sap-?${cmd.toString(16)}`);
  }
}

/** ipx_rip_print(). */
function ripPrint(c: Ctx, p: number, length: number): void {
  const cmd = command(c, p, length);
  if (cmd === undefined) return;
  p += 2, length -= 2;
  const route = () => ` ${hex(c.u32(p), 8)}/${c.u16(p + 4)}.${c.u16(p + 6)}`;
  switch (cmd) {
    case 1:
      c.print("ipx-rip-req");
      if (length !== 0) {
        if (length < 8) return c.print(" (invalid)");
        c.print(route());
      }
      return;
    case 2:
      c.print("ipx-rip-resp");
      for (let i = 0; i < 50 && length !== 0; i++) {
        if (length < 8) return c.print(" (invalid)");
        c.print(route());
        p += 8, length -= 8;
      }
      return;
    default:
      c.print(`ipx-rip-?${cmd.toString(16)}`);
  }
}
