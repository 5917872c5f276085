// LINKTYPE_BLUETOOTH_HCI_H4_WITH_PHDR as tcpdump 4.99 prints it (print-bt.c): the 4-byte
// direction pseudo-header (shown with -e), then the H4 packet as bytes.

import type { Ctx } from "./_ctx.ts";

/** Length of the pseudo-header: a 32-bit direction, bit 0 set for received. */
const BT_HDRLEN = 4;

/** bt_if_print(); returns the pseudo-header's length. */
export function btPrint(c: Ctx, wireLen: number): number {
  c.proto = "bluetooth";
  c.print("bluetooth");
  if (c.end < BT_HDRLEN) {
    c.trunc();
    return BT_HDRLEN;
  }
  if (c.f.e) {
    c.print(`, hci length ${wireLen - BT_HDRLEN}, direction ${c.u32(0) & 1 ? "in" : "out"}`);
  }
  c.defaultPrint(BT_HDRLEN, c.end - BT_HDRLEN);
  return BT_HDRLEN;
}
