// LWAPP, Cisco's Light Weight Access Point Protocol (RFC 5412; UDP 12223 control, 12222 data),
// as tcpdump 4.99 prints it (print-lwapp.c): the transport header, and with -v the control
// messages' headers one after another or the data frame's bytes.

import { bits, type Ctx, hex, tok } from "./_ctx.ts";

const HEADER_BITS = [
  [0x01, "Last Fragment Bit"],
  [0x02, "Fragment Bit"],
  [0x04, "Control Bit"],
] as const;
const MESSAGE: Record<number, string> = {
  1: "Discovery req",
  2: "Discovery resp",
  3: "Join req",
  4: "Join resp",
  5: "Join ack",
  6: "Join confirm",
  10: "Configure req",
  11: "Configure resp",
  12: "Update req",
  13: "Update resp",
  14: "WTP event req",
  15: "WTP event resp",
  16: "Change state event req",
  17: "Change state event resp",
  22: "Echo req",
  23: "Echo resp",
  24: "Image data req",
  25: "Image data resp",
  26: "Channel status req",
  27: "Channel status resp",
  30: "Key update req",
  31: "Key update resp",
  32: "Primary discovery req",
  33: "Primary discovery resp",
  34: "Data transfer req",
  35: "Data transfer resp",
  36: "Clear config ind",
  37: "Wlan config req",
  38: "Wlan config resp",
  39: "Mobile config req",
  40: "Mobile config resp",
};

/** The transport header's first byte: version, radio id, the C, F and L bits. */
function kind(v: number): string {
  return v & 0x04 ? "Control" : "Data";
}

/**
 * The version check and the one-line form; undefined when that was all (another version, or
 * no -v), else the header's version byte.
 */
function header(c: Ctx, h: number, len: number): number | undefined {
  c.tcheck(h, 6);
  const v = c.u8(h);
  if (v >> 6 !== 0) {
    c.print(`LWAPP version ${v >> 6} packet not supported`);
    return undefined;
  }
  if (!c.f.v) {
    c.print(
      `LWAPPv0, ${kind(v)} frame, Flags [${bits(HEADER_BITS, "none", v & 7)}], length ${len}`,
    );
    return undefined;
  }
  return v;
}

/** lwapp_control_print(): `apIdent` when the AP's MAC address comes first (to port 12223). */
export function lwappControlPrint(c: Ctx, p: number, len: number, apIdent: boolean): void {
  c.proto = "lwapp_control";
  if (apIdent) c.tcheck(p, 6);
  const h = apIdent ? p + 6 : p;
  const v = header(c, h, len);
  if (v === undefined) return;
  let tlen = c.u16(h + 2);
  c.print(
    `LWAPPv0, ${kind(v)} frame, Radio-id ${(v & 0x38) >> 3}, Flags [${
      bits(HEADER_BITS, "none", v & 7)
    }], Frag-id ${c.u8(h + 1)}, length ${tlen}`,
  );
  if (apIdent) c.print(`\n\tAP identity: ${c.mac(p)}`);
  let t = h + 6;
  while (tlen !== 0) {
    c.tcheck(t, 8);
    if (tlen < 8) return c.print("\n\t  Msg goes past end of PDU");
    const msgLen = c.u16(t + 2);
    if (tlen < 8 + msgLen) return c.print("\n\t  Msg goes past end of PDU");
    const type = c.u8(t);
    c.print(
      `\n\t  Msg type: ${tok(MESSAGE, "Unknown", type)} (${type}), Seqnum: ${
        c.u8(t + 1)
      }, Msg len: ${msgLen}, Session: 0x${hex(c.u32(t + 4), 8)}`,
    );
    c.tcheck(t, msgLen);
    t += 8 + msgLen, tlen -= 8 + msgLen;
  }
}

/** lwapp_data_print() (port 12222): the header, then the 802.11 frame as hex. */
export function lwappDataPrint(c: Ctx, p: number, len: number): void {
  c.proto = "lwapp_data";
  c.tcheck(p, 6);
  const v = header(c, p, len);
  if (v === undefined) return;
  const tlen = c.u16(p + 2);
  const flags = bits(HEADER_BITS, "none", v & 7), rid = (v & 0x38) >> 3;
  if (tlen < 6) {
    return c.print(
      `LWAPPv0, ${
        kind(v)
      } frame, Radio-id  ${rid}, Flags [${flags}], length ${tlen} < transport header length`,
    );
  }
  // print-lwapp.c's data lines have two spaces after "Radio-id" and "Frag-id"
  c.print(
    `LWAPPv0, ${kind(v)} frame, Radio-id  ${rid}, Flags [${flags}], Frag-id  ${
      c.u8(p + 1)
    }, length ${tlen}`,
  );
  c.hexData(p + 6, "\n\t", tlen - 6);
}
