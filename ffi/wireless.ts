/**
 * Whether a device is a wireless one, as libpcap asks before monitor mode (`-I`): the wireless
 * extensions' `SIOCGIWNAME` answers only for a wireless device.
 *
 * @module
 */
import { loadLibc } from "./libc.ts";
import { AF_INET } from "./ifaddrs.ts";
import { SOCK_CLOEXEC, SOCK_DGRAM } from "./linux.ts";

const SIOCGIWNAME = 0x8b01n;

/** Whether `device` answers `SIOCGIWNAME` (a wireless device); false when it cannot be asked. */
export function isWireless(device: string): boolean {
  const { c } = loadLibc();
  const fd = c.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  try {
    // struct iwreq: the name (16 bytes), then the answer's union (16).
    const iwreq = new Uint8Array(32);
    new TextEncoder().encodeInto(device.slice(0, 15), iwreq.subarray(0, 15));
    return c.ioctl(fd, SIOCGIWNAME, iwreq) === 0;
  } finally {
    c.close(fd);
  }
}
