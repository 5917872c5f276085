/**
 * The time stamp types a device offers, as libpcap lists them on Linux (`pcap_list_tstamp_types`,
 * from ethtool's `ETHTOOL_GET_TS_INFO`): `host` always; the adapter's own clock only where the
 * driver time-stamps every received packet in hardware (`HWTSTAMP_FILTER_ALL`). For `tcpdump -J`
 * and `-j`.
 *
 * @module
 */
import { withInetSocket } from "./libc.ts";
import { ifreqFor } from "./linux.ts";

/** libpcap's time stamp type names and descriptions (`pcap_tstamp_type_val_to_description`). */
export const TSTAMP_TYPES: Readonly<Record<string, string>> = {
  host: "Host",
  host_lowprec: "Host, low precision",
  host_hiprec: "Host, high precision",
  adapter: "Adapter",
  adapter_unsynced: "Adapter, not synced with system time",
  host_hiprec_unsynced: "Host, high precision, not synced with system time",
};

const SIOCETHTOOL = 0x8946n;
const ETHTOOL_GET_TS_INFO = 0x41;
const HWTSTAMP_FILTER_ALL = 1;
const EINVAL = 22, EOPNOTSUPP = 95;
/** SOF_TIMESTAMPING_* bits → the type they make available. */
const SOF_TYPES: readonly [number, string][] = [
  [1 << 4, "host"], // SOF_TIMESTAMPING_SOFTWARE
  [1 << 5, "adapter"], // SOF_TIMESTAMPING_SYS_HARDWARE
  [1 << 6, "adapter_unsynced"], // SOF_TIMESTAMPING_RAW_HARDWARE
];

/** The types `device` offers, in libpcap's order (a device it cannot ask: `host` alone). */
export function timestampTypes(device: string): string[] {
  return withInetSocket(["host"], (fd, { c, errno }) => {
    // struct ethtool_ts_info: cmd, so_timestamping, phc_index, tx_types, tx_reserved[3],
    // rx_filters, rx_reserved[3] (44 bytes), pointed to by the ifreq's ifr_data.
    const info = new Uint32Array(11);
    info[0] = ETHTOOL_GET_TS_INFO;
    const ifreq = ifreqFor(device);
    const data = Deno.UnsafePointer.value(Deno.UnsafePointer.of(info));
    new DataView(ifreq.buffer).setBigUint64(16, BigInt(data), true);
    if (c.ioctl(fd, SIOCETHTOOL, ifreq) < 0) {
      const e = errno();
      // Nothing to ask (an older kernel or driver): libpcap offers every type.
      return e === EOPNOTSUPP || e === EINVAL ? ["host", "adapter", "adapter_unsynced"] : ["host"];
    }
    if ((info[7]! & (1 << HWTSTAMP_FILTER_ALL)) === 0) return ["host"];
    const types = SOF_TYPES.filter(([bit]) => (info[1]! & bit) !== 0).map(([, name]) => name);
    return types.length > 0 ? types : ["host"];
  });
}
