// The Ethernet Configuration Testing Protocol (EtherType 0x9000, "Loopback") as tcpdump 4.99
// prints it (print-loopback.c): the skip count, then the first message, a reply with its
// receipt number or a forward with its address.

import type { Ctx } from "./_ctx.ts";

const le16 = (c: Ctx, p: number) => c.u8(p) | (c.u8(p + 1) << 8);

/** loopback_print(). */
export function loopbackPrint(c: Ctx, p: number, length: number): void {
  c.proto = "loopback";
  c.print("Loopback");
  const invalid = () => {
    c.print(" (invalid)");
    c.need(p, length);
  };
  if (length < 2) return invalid();
  const skip = le16(c, p);
  p += 2, length -= 2;
  c.print(`, skipCount ${skip}${skip % 8 ? " (bogus)" : ""}`);
  if (length < skip) return invalid();
  c.need(p, skip);
  p += skip, length -= skip;
  if (length < 2) return invalid();
  const fn = le16(c, p);
  p += 2, length -= 2;
  c.print(`, ${fn === 1 ? "Reply" : fn === 2 ? "Forward Data" : ` invalid (${fn})`}`);
  if (fn === 1) {
    if (length < 2) return invalid();
    c.print(`, receipt number ${le16(c, p)}`);
    p += 2, length -= 2;
    c.print(`, data (${length} octets)`);
  } else if (fn === 2) {
    if (length < 6) return invalid();
    c.print(`, forwarding address ${c.mac(p)}`);
    p += 6, length -= 6;
    c.print(`, data (${length} octets)`);
  }
  c.need(p, length);
}
