// Broadcom's lawful-intercept shim (UDP source port 49152), as tcpdump 4.99 prints it
// (print-bcm-li.c): the 4-byte shim's direction, packet type and subtype and intercept id, and
// at -v the intercepted packet (Ethernet, IPv4, IPv6, or IP guessed from its first nibble).

import { type Ctx, tok } from "./_ctx.ts";

const DIRECTION: Record<number, string> = { 1: "unused", 2: "egress", 3: "ingress" };
const TYPE: Record<number, string> = { 4: "undecided", 5: "ipv4", 6: "ipv6", 7: "ethernet" };
const SUBTYPE: Record<number, string> = {
  1: "single VLAN tag",
  2: "double VLAN tag",
  3: "untagged",
};

/** bcm_li_print(). */
export function bcmLiPrint(c: Ctx, p: number, length: number): void {
  c.proto = "bcm_li";
  if (length < 4) return c.print(` (length ${length} < 4) (invalid)`);
  c.need(p, 4);
  const shim = c.u32(p);
  const type = (shim >>> 25) & 0xf;
  const nl = c.f.v ? "\n    " : "";
  c.print(
    `${nl}BCM-LI-SHIM: direction ${tok(DIRECTION, "unknown", shim >>> 29)}, pkt-type ${
      tok(TYPE, "unknown", type)
    }, pkt-subtype ${tok(SUBTYPE, "unknown", (shim >>> 22) & 7)}, li-id ${shim & 0x3fffff}${nl}`,
  );
  const bp = p + 4, len = length - 4;
  if (!c.f.v) return c.need(bp, len); // ND_TCHECK_LEN with ND_LONGJMP_FROM_TCHECK
  switch (type) {
    case 7:
      c.d.ether(c, bp, len);
      return;
    case 5:
      return c.d.ip(c, bp, len);
    case 6:
      return c.d.ip6(c, bp, len);
    case 4: {
      c.need(bp, 1);
      const v = c.u8(bp) >> 4;
      if (v === 4) return c.d.ip(c, bp, len);
      if (v === 6) return c.d.ip6(c, bp, len);
      return c.print("unknown payload");
    }
    default:
      c.print(" (invalid)");
  }
}
