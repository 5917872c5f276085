// VQP, Cisco's VLAN Query Protocol (UDP 1589), as tcpdump 4.99 prints it (print-vqp.c): the
// message type and error code, and with -v the sequence number and each object (client
// address, port, VLAN and domain names, MAC addresses, others as hex).

import { type Ctx, hex, printjnpOut, tok } from "./_ctx.ts";

const MESSAGE: Record<number, string> = {
  1: "Request, Join Port",
  2: "Response, VLAN",
  3: "Request, Reconfirm",
  4: "Response, Reconfirm",
};
const ERROR: Record<number, string> = {
  0: "No error",
  3: "Access denied",
  4: "Shutdown port",
  5: "Wrong VTP domain",
};
const OBJECT: Record<number, string> = {
  0x0c01: "Client IP Address",
  0x0c02: "Port Name",
  0x0c03: "VLAN Name",
  0x0c04: "VTP Domain",
  0x0c05: "Ethernet Packet",
  0x0c06: "MAC Null",
  0x0c08: "MAC Address",
};

/** vqp_print(). */
export function vqpPrint(c: Ctx, p: number, len: number): void {
  c.proto = "vqp";
  c.need(p, 8);
  if (len < 8) return c.print(" (invalid)");
  const version = c.u8(p);
  if (version !== 1) return c.print(`VQP version ${version} packet not supported`);
  const type = tok(MESSAGE, "unknown (%u)", c.u8(p + 1)), err = c.u8(p + 2);
  if (!c.f.v) {
    return c.print(
      `VQPv${version} ${type} Message, error-code ${
        tok(ERROR, "unknown", err)
      } (${err}), length ${len}`,
    );
  }
  let items = c.u8(p + 3);
  c.print(
    `\n\tVQPv${version}, ${type} Message, error-code ${
      tok(ERROR, "unknown", err)
    } (${err}), seq 0x${hex(c.u32(p + 4), 8)}, items ${items}, length ${len}`,
  );
  let t = p + 8, left = len - 8;
  while (items !== 0 && left !== 0) {
    c.need(t, 6);
    if (left < 6) return c.print(" (invalid)");
    const objType = c.u32(t), objLen = c.u16(t + 4);
    t += 6, left -= 6;
    c.print(
      `\n\t  ${tok(OBJECT, "Unknown", objType)} Object (0x${
        hex(objType, 8)
      }), length ${objLen}, value: `,
    );
    if (objType === 0 || objLen === 0) return;
    c.need(t, objLen);
    if (objLen > left) return c.print(" (invalid)");
    switch (objType) {
      case 0x0c01:
        if (objLen !== 4) return c.print(" (invalid)");
        c.print(`${c.ip4(t)} (0x${hex(c.u32(t), 8)})`);
        break;
      case 0x0c02:
      case 0x0c03:
      case 0x0c04:
      case 0x0c05:
        printjnpOut(c, t, objLen);
        break;
      case 0x0c08:
      case 0x0c06:
        if (objLen !== 6) return c.print(" (invalid)");
        c.print(c.mac(t));
        break;
      default:
        if (c.f.v <= 1) c.hexData(t, "\n\t    ", objLen);
    }
    t += objLen, left -= objLen;
    items--;
  }
}
