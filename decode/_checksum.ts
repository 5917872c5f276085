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
  let sum: number;
  if (ip.layer === "ipv4") sum = onesSum(ib.subarray(12, 20));
  else {
    const start = bytes.byteOffset - ib.byteOffset;
    sum = onesSum(ib.subarray(8, 24)) + onesSum(finalDestination(ib, start));
  }
  sum += proto + (upperLen & 0xffff) + (upperLen >>> 16);
  sum = onesSum(bytes, sum);
  return sum === 0xffff;
}

/**
 * The destination the IPv6 pseudo-header uses (RFC 8200 8.1): the last address of a type 0 or
 * type 2 routing header between the fixed header and `upperAt`, else the Destination Address.
 * This is tcpdump's rule (ip6_finddst in print-ip6.c).
 */
function finalDestination(ib: Uint8Array, upperAt: number): Uint8Array {
  let dst = ib.subarray(24, 40);
  let next = ib[6]!, at = 40;
  while (at + 8 <= upperAt) {
    const len = next === 44 ? 8 : next === 51 ? (ib[at + 1]! + 2) * 4 : (ib[at + 1]! + 1) * 8;
    if (next === 43 && (ib[at + 2] === 0 || ib[at + 2] === 2)) {
      const count = ib[at + 1]! >> 1;
      if (count > 0 && at + 8 + 16 * count <= upperAt) {
        dst = ib.subarray(at + 8 + 16 * (count - 1), at + 8 + 16 * count);
      }
    }
    next = ib[at]!;
    at += len;
  }
  return dst;
}
