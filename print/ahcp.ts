// AHCP, the Ad-Hoc Configuration Protocol (UDP 5359), as tcpdump 4.99 prints it
// (print-ahcp.c): the version, with -v the header and the message type, with -vv its options
// (times, addresses and prefixes).

import { type Ctx, hex, tok } from "./_ctx.ts";

const MESSAGE: Record<number, string> = {
  0: "Discover",
  1: "Offer",
  2: "Request",
  3: "Ack",
  4: "Nack",
  5: "Release",
};
const OPTION: Record<number, string> = {
  0: "Pad",
  1: "Mandatory",
  2: "Origin Time",
  3: "Expires",
  4: "My-IPv6-Address",
  5: "My-IPv4-Address",
  6: "IPv6 Prefix",
  7: "IPv4 Prefix",
  8: "IPv6 Address",
  9: "IPv4 Address",
  10: "IPv6 Prefix Delegation",
  11: "IPv4 Prefix Delegation",
  12: "Name Server",
  13: "NTP Server",
};

/** The "invalid" ending: the rest must still have been captured. */
function invalid(c: Ctx, cp: number, ep: number): void {
  c.print(" (invalid)");
  c.need(cp, ep - cp);
}

const p2 = (v: number) => String(v).padStart(2, "0");

/** An option's value: false when the option has no decoder (its length is printed). */
function value(c: Ctx, no: number, cp: number, ep: number): boolean {
  switch (no) {
    case 2: { // gmtime()
      if (cp + 4 !== ep) return invalid(c, cp, ep), true;
      const d = new Date(c.u32(cp) * 1000);
      c.print(
        `: ${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${
          p2(d.getUTCHours())
        }:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC`,
      );
      return true;
    }
    case 3:
      if (cp + 4 !== ep) return invalid(c, cp, ep), true;
      c.print(`: ${c.u32(cp)}s`);
      return true;
    case 4:
    case 8:
    case 12:
    case 13:
    case 5:
    case 9:
    case 6:
    case 10:
    case 11: {
      const v6 = no !== 5 && no !== 9 && no !== 11;
      const prefix = no === 6 || no === 10 || no === 11;
      const size = (v6 ? 16 : 4) + (prefix ? 1 : 0);
      let sep = ": ";
      for (; cp < ep; cp += size, sep = ", ") {
        if (cp + size > ep) return invalid(c, cp, ep), true;
        c.need(cp, size);
        const a = v6 ? c.ip6(cp) : c.ip4(cp);
        c.print(prefix ? `${sep}${a}/${c.u8(cp + size - 1)}` : `${sep}${a}`);
      }
      return true;
    }
  }
  return false;
}

function options(c: Ctx, cp: number, ep: number): void {
  while (cp < ep) {
    const no = c.u8(cp);
    cp += 1;
    c.print(`\n\t ${tok(OPTION, "Unknown-%u", no)}`);
    if (no === 0 || no === 1) continue;
    if (cp + 1 > ep) return invalid(c, cp, ep);
    const len = c.u8(cp);
    cp += 1;
    if (cp + len > ep) return invalid(c, cp, ep);
    if (!value(c, no, cp, cp + len)) {
      c.print(` (Length ${len})`);
      c.need(cp, len);
    }
    cp += len;
  }
}

/** ahcp_print(). */
export function ahcpPrint(c: Ctx, cp: number, len: number): void {
  c.proto = "ahcp";
  const ep = cp + len;
  c.print("AHCP");
  if (len < 2 || c.u8(cp) !== 43) return invalid(c, cp, ep);
  const version = c.u8(cp + 1);
  cp += 2;
  if (version !== 1) {
    c.print(` Version ${version} (unknown)`);
    return c.need(cp, ep - cp);
  }
  c.print(" Version 1");
  if (len < 24) return invalid(c, cp, ep);
  if (!c.f.v) c.need(cp, 22);
  else {
    c.print(`\n\tHopcount ${c.u8(cp)}`);
    c.print(`, Original Hopcount ${c.u8(cp + 1)}`);
    c.print(`, Nonce 0x${hex(c.u32(cp + 2), 8)}`);
    c.print(`, Source Id ${c.mac(cp + 6, 8)}`);
    c.print(`, Destination Id ${c.mac(cp + 14, 8)}`);
  }
  cp += 22;
  // the body
  if (cp + 4 > ep) return invalid(c, cp, ep);
  const type = c.u8(cp), mbz = c.u8(cp + 1), bodyLen = c.u16(cp + 2);
  cp += 4;
  if (c.f.v) {
    c.print(`\n\t${tok(MESSAGE, "Unknown-%u", type)}`);
    if (mbz !== 0) c.print(`, MBZ ${mbz}`);
    c.print(`, Length ${bodyLen}`);
  }
  if (cp + bodyLen > ep) return invalid(c, cp, ep);
  if (c.f.v >= 2) options(c, cp, cp + bodyLen);
  else c.need(cp, bodyLen);
}
