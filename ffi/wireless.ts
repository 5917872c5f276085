/**
 * Whether a device is a wireless one, as libpcap asks before monitor mode (`-I`): the wireless
 * extensions' `SIOCGIWNAME` answers only for a wireless device.
 *
 * @module
 */
import { withInetSocket } from "./libc.ts";
import { ifreqFor } from "./linux.ts";

const SIOCGIWNAME = 0x8b01n;

/** Whether `device` answers `SIOCGIWNAME` (a wireless device); false when it cannot be asked. */
export function isWireless(device: string): boolean {
  // struct iwreq: the name (16 bytes), then the answer's union (16).
  return withInetSocket(false, (fd, { c }) => c.ioctl(fd, SIOCGIWNAME, ifreqFor(device, 32)) === 0);
}
