// The RPKI to Router protocol (TCP port 323, RFC 6810) as tcpdump 4.99 prints it
// (print-rpki-rtr.c): its name alone, and with -v every PDU of the segment (serial and prefix
// PDUs, error reports with the PDU they quote and their text), hex dumps at -vv.

import { type Ctx, printn, tok } from "./_ctx.ts";

const PDU: Record<number, string> = {
  0: "Serial Notify",
  1: "Serial Query",
  2: "Reset Query",
  3: "Cache Response",
  4: "IPV4 Prefix",
  6: "IPV6 Prefix",
  7: "End of Data",
  8: "Cache Reset",
  10: "Error Report",
};
const ERROR: Record<number, string> = {
  0: "Corrupt Data",
  1: "Internal Error",
  2: "No Data Available",
  3: "Invalid Request",
  4: "Unsupported Protocol Version",
  5: "Unsupported PDU Type",
  6: "Withdrawal of Unknown Record",
  7: "Duplicate Announcement Received",
};

/** indent_string(): a newline, a tab per 8 columns, a space per column left. */
function indent(n: number): string {
  return "\n" + "\t".repeat(Math.floor(n / 8)) + " ".repeat(n % 8);
}

/** Thrown for a PDU whose lengths do not add up: " (invalid)", the rest of the segment taken. */
const INVALID = Symbol("invalid");

/** rpki_rtr_print(): `len` bytes of TCP payload at `p`. */
export function rpkiRtrPrint(c: Ctx, p: number, len: number): void {
  c.proto = "rpki_rtr";
  if (!c.f.v) return c.print(", RPKI-RTR");
  while (len) {
    const n = pdu(c, p, len, true, 8);
    len -= n, p += n;
  }
}

/** rpki_rtr_pdu_print(): one PDU; the bytes it took (all of `len` when it is invalid). */
function pdu(c: Ctx, p: number, len: number, recurse: boolean, ind: number): number {
  try {
    return pduBody(c, p, len, recurse, ind);
  } catch (e) {
    if (e !== INVALID) throw e;
    c.print(" (invalid)");
    c.tcheck(p, len);
    return len;
  }
}

function pduBody(c: Ctx, p: number, len: number, recurse: boolean, ind: number): number {
  const version = c.u8(p);
  if (version !== 0) {
    c.print(`${indent(8)}RPKI-RTRv${version} (unknown)`);
    return len;
  }
  if (len < 8) {
    c.print(`(${len} bytes is too few to decode)`);
    throw INVALID;
  }
  const type = c.u8(p + 1), pduLen = c.u32(p + 4);
  c.print(`${indent(8)}RPKI-RTRv0, ${tok(PDU, "Unknown", type)} PDU (${type}), length: ${pduLen}`);
  if (pduLen < 8 || pduLen > len) throw INVALID;
  let hexdump = false;
  switch (type) {
    case 0:
    case 1:
    case 7:
      if (pduLen !== 12) throw INVALID;
      c.print(
        `${indent(ind + 2)}Session ID: 0x${c.u16(p + 2).toString(16).padStart(4, "0")}, Serial: ${
          c.u32(p + 8)
        }`,
      );
      break;
    case 2:
    case 8:
      if (pduLen !== 8) throw INVALID;
      break;
    case 3:
      if (pduLen !== 8) throw INVALID;
      c.print(`${indent(ind + 2)}Session ID: 0x${c.u16(p + 2).toString(16).padStart(4, "0")}`);
      break;
    case 4:
      if (pduLen !== 20) throw INVALID;
      c.print(
        `${indent(ind + 2)}IPv4 Prefix ${c.ip4(p + 12)}/${c.u8(p + 9)}-${c.u8(p + 10)}, origin-as ${
          c.u32(p + 16)
        }, flags 0x${c.u8(p + 8).toString(16).padStart(2, "0")}`,
      );
      break;
    case 6:
      if (pduLen !== 32) throw INVALID;
      c.print(
        `${indent(ind + 2)}IPv6 Prefix ${c.ip6(p + 12)}/${c.u8(p + 9)}-${c.u8(p + 10)}, origin-as ${
          c.u32(p + 28)
        }, flags 0x${c.u8(p + 8).toString(16).padStart(2, "0")}`,
      );
      break;
    case 10: {
      let tlen = 8;
      if (pduLen < tlen + 4) throw INVALID;
      const encapsulated = c.u32(p + 8);
      tlen += 4;
      const code = c.u16(p + 2);
      c.print(
        `${indent(ind + 2)}Error code: ${
          tok(ERROR, "Unknown", code)
        } (${code}), Encapsulated PDU length: ${encapsulated}`,
      );
      if (encapsulated) {
        if (pduLen < tlen + encapsulated) throw INVALID;
        if (!recurse) c.tcheck(p, tlen + encapsulated);
        else {
          c.print(`${indent(ind + 4)}-----encapsulated PDU-----`);
          pdu(c, p + tlen, encapsulated, false, ind + 2);
        }
        tlen += encapsulated;
      }
      if (pduLen < tlen + 4) throw INVALID;
      const textLen = c.u32(p + tlen);
      tlen += 4;
      if (textLen) {
        if (pduLen < tlen + textLen) throw INVALID;
        c.print(`${indent(ind + 2)}Error text: `);
        for (let i = 0; i < textLen; i++) {
          c.u8(p + tlen + i);
          c.print(printn(c, p + tlen + i, 1));
        }
      }
      break;
    }
    default:
      c.tcheck(p, pduLen);
      hexdump = true;
  }
  if (c.f.v > 1 || (c.f.v && hexdump)) c.hexData(p, "\n\t  ", pduLen);
  return pduLen;
}
