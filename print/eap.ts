// 802.1X EAPOL and EAP as tcpdump 4.99 prints them (print-eap.c).

import { bits, type Ctx, hex, printjnpOut, printn, tok, Truncated } from "./_ctx.ts";

const FRAME_TYPE: Record<number, string> = {
  0: "EAP packet",
  1: "EAPOL start",
  2: "EAPOL logoff",
  3: "EAPOL key",
  4: "Encapsulated ASF alert",
};
const CODE: Record<number, string> = { 1: "Request", 2: "Response", 3: "Success", 4: "Failure" };
const TYPE: Record<number, string> = {
  0: "No proposed",
  1: "Identity",
  2: "Notification",
  3: "Nak",
  4: "MD5-challenge",
  5: "OTP",
  6: "GTC",
  13: "TLS",
  18: "SIM",
  21: "TTLS",
  23: "AKA",
  43: "FAST",
  254: "Expanded types",
  255: "Experimental",
};
const TLS_FLAGS = [[0x80, "L bit"], [0x40, "More fragments bit"], [0x20, "Start bit"]] as const;
const AKA_SUBTYPE: Record<number, string> = {
  1: "Challenge",
  2: "Authentication reject",
  4: "Synchronization failure",
  5: "Identity",
  10: "Start",
  11: "Challenge",
  12: "Notification",
  13: "Reauthentication",
  14: "Client error",
};

/** eapol_print() of the frame at `off` (EtherType 0x888e). */
export function eapolPrint(c: Ctx, off: number, _length: number): void {
  c.proto = "eap";
  c.tcheck(off, 4);
  const version = c.u8(off), type = c.u8(off + 1), length = c.u16(off + 2);
  c.print(`${tok(FRAME_TYPE, "unknown", type)} (${type}) v${version}, len ${length}`);
  if (!c.f.v) return;
  if (type === 0) {
    // an EAP packet of length 0 is cut short; otherwise ", " comes before its header is read
    if (length === 0) throw new Truncated(true);
    c.print(", ");
    eapPrint(c, off + 4, length);
  }
}

/**
 * eap_print(): code, identifier, length, and the request/response type of the EAP packet of
 * `length` bytes at `cp` (EAPOL's body, RADIUS's EAP-Message); "EAP fragment?" when its own
 * length says otherwise.
 */
export function eapPrint(c: Ctx, cp: number, length: number): void {
  c.tcheck(cp, 4);
  const code = c.u8(cp), len = c.u16(cp + 2);
  if (len !== length) {
    c.print("EAP fragment?");
    return;
  }
  c.print(`${tok(CODE, "unknown", code)} (${code}), id ${c.u8(cp + 1)}, len ${len}`);
  c.tcheck(cp, len);
  if (code !== 1 && code !== 2) return;
  if (len < 5) {
    c.print(" (too short for EAP request/response)");
    return;
  }
  const sub = c.u8(cp + 4);
  c.print(`\n\t\t Type ${tok(TYPE, "unknown", sub)} (${sub})`);
  switch (sub) {
    case 1:
      if (len > 5) {
        c.print(", Identity: ");
        printjnpOut(c, cp + 5, len - 5);
      }
      break;
    case 2:
      if (len > 5) c.print(`, Notification: ${printn(c, cp + 5, len - 5)}`);
      break;
    case 3: {
      if (len < 6) {
        c.print(" (too short for EAP Legacy NAK request/response)");
        return;
      }
      const names: string[] = [];
      for (let i = 5; i < len; i++) {
        names.push(`${tok(TYPE, "unknown", c.u8(cp + i))} (${c.u8(cp + i)})`);
      }
      c.print(` ${names.join(", ")}`);
      break;
    }
    case 13:
    case 21:
    case 43: {
      if (len < 6) {
        c.print(` (too short for EAP ${sub === 43 ? "FAST" : "TLS/TTLS"} request/response)`);
        return;
      }
      const f = c.u8(cp + 5);
      if (sub === 21) c.print(` TTLSv${f & 7}`);
      if (sub === 43) c.print(` FASTv${f & 7}`);
      c.print(` flags [${bits(TLS_FLAGS, "none", f)}] 0x${hex(f, 2)}`);
      if (f & 0x80) {
        if (len < 10) {
          c.print(
            ` (too short for EAP ${sub === 43 ? "FAST" : "TLS/TTLS"} request/response with length)`,
          );
          return;
        }
        c.print(`, len ${c.u32(cp + 6)}`);
      }
      break;
    }
    case 18:
    case 23:
      if (len < 6) {
        c.print(" (too short for EAP SIM/AKA)");
        return;
      }
      c.print(` subtype [${tok(AKA_SUBTYPE, "unknown", c.u8(cp + 5))}] 0x${hex(c.u8(cp + 5), 2)}`);
      break;
  }
}
