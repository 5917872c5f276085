// LINKTYPE_USB_LINUX (189) and LINKTYPE_USB_LINUX_MMAPPED (220) as tcpdump 4.99 prints them
// (print-usb.c): the usbmon header's transfer type, event, direction and bus:device:endpoint.
// The header is in the capturing host's byte order (little-endian on the hosts we run on).

import type { Ctx } from "./_ctx.ts";

/** Byte offsets of the usbmon header fields tcpdump reads (linux/Documentation/usb/usbmon). */
const USB_FIELD = { EVENT: 8, TRANSFER: 9, ENDPOINT: 10, DEVICE: 11, BUS: 12 } as const;
const TRANSFER = ["ISOCHRONOUS", "INTERRUPT", "CONTROL", "BULK"] as const;
const EVENT: Record<number, string> = { 0x53: "SUBMIT", 0x43: "COMPLETE", 0x45: "ERROR" };

/**
 * usb_linux_48_byte_if_print() / usb_linux_64_byte_if_print(): `hdrLen` is 48 or 64; returns
 * it (the payload is not decoded, -x dumps it).
 */
export function usbPrint(c: Ctx, hdrLen: 48 | 64): number {
  c.proto = `usb_linux_${hdrLen}_byte`;
  if (c.end < hdrLen) {
    c.trunc();
    return hdrLen;
  }
  const transfer = c.u8(USB_FIELD.TRANSFER);
  const event = c.u8(USB_FIELD.EVENT);
  let text = `USB ${TRANSFER[transfer] ?? " ?"} ${EVENT[event] ?? "?"}`;
  // get_direction(): submissions go to the device, completions and errors come from it;
  // interrupt transfers the other way round.
  const submit = event === 0x53, back = event === 0x43 || event === 0x45;
  if (transfer <= 3 && (submit || back)) text += (transfer === 1 ? back : submit) ? " to" : " from";
  const bus = c.u8(USB_FIELD.BUS) | (c.u8(USB_FIELD.BUS + 1) << 8);
  c.print(`${text} ${bus}:${c.u8(USB_FIELD.DEVICE)}:${c.u8(USB_FIELD.ENDPOINT) & 0x7f}`);
  return hdrLen;
}
