// Private: transport checksums over the IPv4 or IPv6 pseudo-header (RFC 9293 3.1, RFC 768,
// RFC 8200 8.1). Needs the whole upper-layer packet: a snaplen cut makes it unknowable.

import { onesSum } from "./_bytes.ts";
import type { Ipv4View } from "./ipv4.ts";
import type { Ipv6View } from "./ipv6.ts";

/**
 * Verifies the checksum of the upper-layer packet `bytes` (which must lie inside `ip.bytes`)
 * for IP protocol `proto`. Returns `undefined` when the capture does not hold the whole packet.
 */
export function pseudoChecksumOk(
  ip: Ipv4View | Ipv6View,
  proto: number,
  bytes: Uint8Array,
): boolean | undefined {
  let upperLen: number;
  if (ip.layer === "ipv4") {
    if (ip.totalLen === 0) return undefined;
    upperLen = ip.totalLen - ip.headerLen;
  } else {
    if (ip.payloadLen === 0) return undefined;
    upperLen = ip.payloadLen - (bytes.byteOffset - ip.bytes.byteOffset - 40);
  }
  if (bytes.buffer !== ip.bytes.buffer || upperLen !== bytes.byteLength) return undefined;
  const ib = ip.bytes;
  const addrs = ip.layer === "ipv4" ? ib.subarray(12, 20) : ib.subarray(8, 40);
  let sum = onesSum(addrs) + proto + (upperLen & 0xffff) + (upperLen >>> 16);
  sum = onesSum(bytes, sum);
  return sum === 0xffff;
}
