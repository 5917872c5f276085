// BEEP (TCP port 10288, RFC 3080) and MSDP (TCP port 639, RFC 3618) as tcpdump 4.99 prints
// them (print-beep.c, print-msdp.c): BEEP's frame keyword; MSDP's messages one after another.

import type { Ctx } from "./_ctx.ts";

/**
 * l_strnstart(): the first `n` bytes at `off` equal `text` (with its terminating NUL when
 * `n` passes its end, as strncmp() compares), all captured and within `length`.
 */
function startsWith(c: Ctx, text: string, n: number, off: number, length: number): boolean {
  if (!c.has(off, n) || n > length) return false;
  for (let i = 0; i < n; i++) {
    const want = i < text.length ? text.charCodeAt(i) : 0;
    const got = c.b[off + i]!;
    if (got !== want) return false;
    if (want === 0) return true;
  }
  return true;
}

const BEEP_KEYWORDS = [
  ["MSG", "MSG"],
  ["RPY ", "RPY"],
  ["ERR ", "ERR"],
  ["ANS ", "ANS"],
  ["NUL ", "NUL"],
  ["SEQ ", "SEQ"],
  ["END", "END"],
] as const;

/** beep_print(): which frame it is, from its first four bytes. */
export function beepPrint(c: Ctx, off: number, length: number): void {
  c.proto = "beep";
  for (const [text, name] of BEEP_KEYWORDS) {
    if (startsWith(c, text, 4, off, length)) return c.print(` BEEP ${name}`);
  }
  c.print(" BEEP (payload or undecoded)");
}

/** msdp_print(): each message's type (and entries, group, length) in turn. */
export function msdpPrint(c: Ctx, sp: number, length: number): void {
  c.proto = "msdp";
  c.print(": msdp");
  let type = c.u8(sp), len = c.u16(sp + 1);
  // not the start of a message: not really truncated, but not decodable either
  if (len > 1500 || len < 3 || type === 0 || type > 7) return c.trunc();
  while (length !== 0) {
    type = c.u8(sp), len = c.u16(sp + 1); // read before the length is checked, as 4.99.3 does
    if (length < 3) return c.trunc();
    if (len > 1400 || c.f.v) c.print(` [len ${len}]`);
    if (len < 3 || length < len) return c.trunc();
    sp += 3, length -= 3;
    switch (type) {
      case 1:
      case 3: {
        c.print(type === 1 ? " SA" : " SA-Response");
        const entries = c.u8(sp);
        c.print(` ${entries} entries`);
        if (entries * 12 + 8 < len) {
          c.print(" [w/data]");
          if (c.f.v > 1) {
            c.print(" ");
            c.d.ip(c, sp + entries * 12 + 8 - 3, len - (entries * 12 + 8));
          }
        }
        break;
      }
      case 2:
        c.print(" SA-Request");
        c.print(` for ${c.ip4(sp + 1)}`);
        break;
      case 4:
        c.print(" Keepalive");
        if (len !== 3) c.print(`[len=${len}] `);
        break;
      case 5:
        c.print(" Notification");
        break;
      default:
        c.print(` [type=${type} len=${len}]`);
    }
    sp += len - 3, length -= len - 3;
  }
}

const SOMEIP_TYPE: Record<number, string> = {
  0x00: "REQUEST",
  0x01: "REQUEST_NO_RETURN",
  0x02: "NOTIFICATION",
  0x80: "RESPONSE",
  0x81: "ERROR",
  0x20: "TP_REQUEST",
  0x21: "TP_REQUEST_NO_RETURN",
  0x22: "TP_NOTIFICATION",
  0xa0: "TP_RESPONSE",
  0xa1: "TP_ERROR",
};
const SOMEIP_RETURN: Record<number, string> = {
  0x00: "E_OK",
  0x01: "E_NOT_OK",
  0x02: "E_UNKNOWN_SERVICE",
  0x03: "E_UNKNOWN_METHOD",
  0x04: "E_NOT_READY",
  0x05: "E_NOT_REACHABLE",
  0x06: "E_TIMEOUT",
  0x07: "E_WRONG_PROTOCOL_VERSION",
  0x08: "E_WRONG_INTERFACE_VERSION",
  0x09: "E_MALFORMED_MESSAGE",
  0x0a: "E_WRONG_MESSAGE_TYPE",
  0x0b: "E_E2E_REPEATED",
  0x0c: "E_E2E_WRONG_SEQUENCE",
  0x0d: "E_E2E",
  0x0e: "E_E2E_NOT_AVAILABLE",
  0x0f: "E_E2E_NO_NEW_DATA",
};

/** someip_print() (AUTOSAR SOME/IP, UDP port 30490): the 16-byte header, field by field. */
export function someipPrint(c: Ctx, p: number, length: number): void {
  c.proto = "someip";
  c.print("SOMEIP");
  if (length < 16) return c.print(" (invalid)");
  const id = c.u32(p);
  c.print(`, service ${id >>> 16}, ${id & 0x8000 ? "event" : "method"} ${id & 0x7fff}`);
  c.print(`, len ${c.u32(p + 4)}`);
  const req = c.u32(p + 8);
  c.print(`, client ${req >>> 16}, session ${req & 0xffff}`);
  c.print(`, pver ${c.u8(p + 12)}`);
  c.print(`, iver ${c.u8(p + 13)}`);
  c.print(`, msgtype ${SOMEIP_TYPE[c.u8(p + 14)] ?? "Unknown"}`);
  c.print(`, retcode ${SOMEIP_RETURN[c.u8(p + 15)] ?? "Unknown"}`);
  c.print("\n"); // tcpdump 4.99.3 ends the header with a newline of its own
}
