/**
 * Network interfaces as `pcap_findalldevs()` lists them and the default one
 * `pcap_lookupdev()` picks, read with `getifaddrs(3)`.
 *
 * @module
 */

import { AF_INET, AF_INET6, AF_PACKET, IFF, readIfaddrs } from "./ffi/ifaddrs.ts";
import { loadBackend } from "./ffi/backend.ts";
import { SOCK_CLOEXEC, SOCK_DGRAM } from "./ffi/linux.ts";
import { formatIpv4, formatIpv6, formatMac } from "./address.ts";

/** An address of a {@linkcode Device}, as text. */
export interface DeviceAddress {
  /** Address family. */
  family: "ipv4" | "ipv6";
  /** The address (`192.0.2.1`, `fe80::1`). */
  address: string;
  /** Its netmask in the same notation (`255.255.255.0`, `ffff:ffff:ffff:ffff::`). */
  netmask?: string;
  /** Broadcast address (interfaces with `IFF_BROADCAST`) or peer address (point-to-point). */
  broadcast?: string;
}

/** A capture device, as `pcap_findalldevs()` describes it. */
export interface Device {
  /** Interface name to pass to `openCapture()` (`eth0`, `any`). */
  name: string;
  /** Interface index (`if_nametoindex`); 0 for `any`. */
  index: number;
  /** libpcap's description: only the `any` pseudo-device has one on Linux. */
  description?: string;
  /** `IFF_UP`, `IFF_RUNNING` and `IFF_LOOPBACK`. */
  flags: { up: boolean; running: boolean; loopback: boolean };
  /**
   * Whether the link has a carrier, as libpcap's `PCAP_IF_CONNECTION_STATUS` says it (ethtool's
   * `ETHTOOL_GLINK`); absent where that does not apply (loopback, `any`) or the driver does not
   * tell.
   */
  connection?: "connected" | "disconnected";
  /** Link-layer address (`02:00:5e:10:00:01`), when the interface has one. */
  mac?: string;
  /** IPv4 and IPv6 addresses, in the kernel's order. */
  addresses: DeviceAddress[];
}

/** Name, index and description of the pseudo-device capturing on all interfaces. */
const ANY_NAME = "any";
const ANY_DESCRIPTION = "Pseudo-device that captures on all interfaces";

/**
 * libpcap's "figure of merit" (pcap.c, get_figure_of_merit): lower sorts first. Not running,
 * not up, disconnected, loopback, then `any`, each worse than the next; ties keep the kernel's
 * order.
 */
function merit(d: Device): number {
  let n = 0;
  if (!d.flags.running) n += 0x80000000;
  if (!d.flags.up) n += 0x40000000;
  if (d.connection === "disconnected") n += 0x20000000;
  if (d.flags.loopback) n += 0x10000000;
  if (d.name === ANY_NAME) n += 0x08000000;
  return n;
}

/**
 * Lists the capture devices like `pcap_findalldevs()`: every interface with its index, flags,
 * link-layer address and IPv4/IPv6 addresses, plus the `any` pseudo-device, sorted the way
 * libpcap sorts them (up and running first, then `any`, then loopback, then the rest; ties in
 * the kernel's order). IPv4 alias labels (`eth0:1`) are folded into their interface.
 *
 * @returns Plain objects, safe to keep and change.
 * @throws {SyscallError} When `getifaddrs()` fails.
 * @example List the devices
 * ```ts
 * import { listDevices } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * const devices = listDevices();
 * const any = devices.find((d) => d.name === "any");
 * assert.equal(any?.description, "Pseudo-device that captures on all interfaces");
 * assert.ok(devices.some((d) => d.flags.loopback));
 * ```
 */
export function listDevices(): Device[] {
  const byName = new Map<string, Device>();
  for (const e of readIfaddrs()) {
    const name = e.name.replace(/:\d+$/, "");
    if (name === "") continue;
    let d = byName.get(name);
    if (!d) {
      d = {
        name,
        index: 0,
        flags: {
          up: (e.flags & IFF.UP) !== 0,
          running: (e.flags & IFF.RUNNING) !== 0,
          loopback: (e.flags & IFF.LOOPBACK) !== 0,
        },
        addresses: [],
      };
      byName.set(name, d);
    }
    if (e.family === AF_PACKET) {
      d.index = e.ifIndex ?? 0;
      if (e.address && e.address.length > 0) d.mac = formatMac(e.address, 0, e.address.length);
      // The link entry carries the interface's own flags; an alias label's may differ.
      d.flags = {
        up: (e.flags & IFF.UP) !== 0,
        running: (e.flags & IFF.RUNNING) !== 0,
        loopback: (e.flags & IFF.LOOPBACK) !== 0,
      };
    } else if ((e.family === AF_INET || e.family === AF_INET6) && e.address) {
      const format = e.family === AF_INET ? formatIpv4 : (b: Uint8Array) => formatIpv6(b);
      const a: DeviceAddress = {
        family: e.family === AF_INET ? "ipv4" : "ipv6",
        address: format(e.address),
      };
      if (e.netmask) a.netmask = format(e.netmask);
      // With no IFA_BROADCAST glibc hands back the address itself there: not a broadcast.
      if (e.broadcast) {
        const broadcast = format(e.broadcast);
        if (broadcast !== a.address) a.broadcast = broadcast;
      }
      d.addresses.push(a);
    }
  }
  const devices = [...byName.values()];
  linkStatus(devices);
  devices.push({
    name: ANY_NAME,
    index: 0,
    description: ANY_DESCRIPTION,
    flags: { up: true, running: true, loopback: false },
    addresses: [],
  });
  // Array.prototype.sort is stable: equal merits keep the kernel's order, as libpcap's insert.
  const merits = new Map(devices.map((d) => [d, merit(d)]));
  return devices.sort((a, b) => merits.get(a)! - merits.get(b)!);
}

/** `ETHTOOL_GLINK`: the link's carrier, 1 or 0. */
const ETHTOOL_GLINK = 0x0000000a;

/**
 * Sets each non-loopback device's {@linkcode Device.connection} as libpcap finds it: ethtool's
 * link state through any socket (no privilege needed); a driver without it (EOPNOTSUPP), or no
 * socket, leaves it unknown.
 */
function linkStatus(devices: Device[]): void {
  const b = loadBackend("libc");
  const fd = b.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return;
  try {
    for (const d of devices) {
      if (d.flags.loopback) continue;
      const link = b.ethtoolGet(fd, d.name, ETHTOOL_GLINK);
      if (link >= 0) d.connection = link ? "connected" : "disconnected";
    }
  } finally {
    b.close(fd);
  }
}

/**
 * Picks the device to capture on when none is named, like `pcap_lookupdev()`: the first
 * listed interface that is up, running and not loopback (never `any`).
 *
 * @returns The interface name.
 * @throws {Error} `Cannot find a default device: no interface is up, running and not loopback`.
 * @example Pick the default device
 * ```ts
 * import { defaultDevice, listDevices } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * try {
 *   const name = defaultDevice();
 *   const device = listDevices().find((d) => d.name === name)!;
 *   assert.equal(device.flags.loopback, false);
 * } catch (e) {
 *   assert.match(String(e), /Cannot find a default device/); // e.g. in an empty namespace
 * }
 * ```
 */
export function defaultDevice(): string {
  for (const d of listDevices()) {
    if (d.flags.up && d.flags.running && !d.flags.loopback && d.name !== ANY_NAME) return d.name;
  }
  throw new Error("Cannot find a default device: no interface is up, running and not loopback");
}
