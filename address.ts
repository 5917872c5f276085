/**
 * Address text shared by the decoders, the printer and the device list: IPv4 dotted quads,
 * IPv6 as tcpdump prints it, and link-layer addresses as colon-separated hex. One formatter
 * per family, so a decoded header, a printed line and a device entry always agree.
 *
 * @example Format the addresses of an IPv6 header
 * ```ts
 * import { formatIpv6 } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * const header = Uint8Array.fromHex("6000000000003b40" + "00".repeat(15) + "02" + "00".repeat(14) + "0100");
 * assert.equal(formatIpv6(header, 8), "::2");
 * assert.equal(formatIpv6(header, 24), "::100");
 * ```
 *
 * @module
 */

/**
 * Formats an IPv4 address as a dotted quad: a 32-bit number (as the views' `srcAddr` getters
 * return it), or the 4 bytes of `bytes` at `offset`.
 *
 * @param addr The address as a number, or bytes holding it.
 * @param offset Where the address starts in `addr` when it is bytes.
 * @returns `a.b.c.d`.
 * @example Format an address both ways
 * ```ts
 * import { formatIpv4 } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * assert.equal(formatIpv4(0xc0a80001), "192.168.0.1");
 * assert.equal(formatIpv4(Uint8Array.of(0, 0, 10, 0, 0, 2), 2), "10.0.0.2");
 * ```
 */
export function formatIpv4(addr: number | Uint8Array, offset = 0): string {
  if (typeof addr === "number") {
    return `${addr >>> 24}.${(addr >>> 16) & 0xff}.${(addr >>> 8) & 0xff}.${addr & 0xff}`;
  }
  return `${addr[offset]}.${addr[offset + 1]}.${addr[offset + 2]}.${addr[offset + 3]}`;
}

/**
 * Formats the 16 bytes of `bytes` at `offset` as tcpdump prints an IPv6 address (its
 * `addrtostr6()`, the same rules as glibc's `inet_ntop()`): lower-case hex groups without
 * leading zeros; the longest run of two or more zero groups, the first on a tie, written `::`
 * (leading and trailing runs included: `::2`, `1::`, `::`); and an IPv4 tail in dotted form only
 * for IPv4-compatible (`::a.b.c.d`, six zero groups before a non-zero seventh) and IPv4-mapped
 * (`::ffff:a.b.c.d`) addresses, so `::2` and `::100` stay hex.
 *
 * @param bytes Bytes holding the address.
 * @param offset Where the address starts.
 * @returns The address text.
 * @example The forms tcpdump prints
 * ```ts
 * import { formatIpv6 } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * const v6 = (hex: string) => formatIpv6(Uint8Array.fromHex(hex.replaceAll(" ", "")));
 * assert.equal(v6("2001 0db8 0000 0000 0000 0000 0000 0001"), "2001:db8::1");
 * assert.equal(v6("0000 0000 0000 0000 0000 0000 0000 0100"), "::100");
 * assert.equal(v6("0000 0000 0000 0000 0000 ffff c000 0201"), "::ffff:192.0.2.1");
 * assert.equal(v6("0000 0000 0000 0000 0000 0000 c000 0201"), "::192.0.2.1");
 * assert.equal(v6("2001 0db8 0000 0001 0000 0000 0001 0000"), "2001:db8:0:1::1:0");
 * ```
 */
export function formatIpv6(bytes: Uint8Array, offset = 0): string {
  // The longest run of zero groups; a later run must be strictly longer to win.
  let best = -1, bestLen = 0, run = -1;
  for (let i = 0; i < 8; i++) {
    if (bytes[offset + 2 * i] === 0 && bytes[offset + 2 * i + 1] === 0) {
      if (run < 0) run = i;
      if (i - run + 1 > bestLen) {
        best = run;
        bestLen = i - run + 1;
      }
    } else run = -1;
  }
  if (bestLen < 2) best = -1;
  if (best === 0) {
    if (bestLen === 6) return `::${formatIpv4(bytes, offset + 12)}`;
    if (bestLen === 5 && bytes[offset + 10] === 0xff && bytes[offset + 11] === 0xff) {
      return `::ffff:${formatIpv4(bytes, offset + 12)}`;
    }
  }
  // As addrtostr6(): the run leaves one ":" of its own, every group after the first adds one
  // before it, and a run that reaches the end adds the closing ":".
  let out = "";
  for (let i = 0; i < 8; i++) {
    if (i === best) {
      out += ":";
      i += bestLen - 1;
      continue;
    }
    if (i !== 0) out += ":";
    out += ((bytes[offset + 2 * i]! << 8) | bytes[offset + 2 * i + 1]!).toString(16);
  }
  return best >= 0 && best + bestLen === 8 ? out + ":" : out;
}

/**
 * Formats a link-layer address as colon-separated lower-case hex (`02:00:00:00:00:01`), the
 * way tcpdump prints MAC addresses and cooked-capture addresses of any length.
 *
 * @param bytes Bytes holding the address.
 * @param offset Where the address starts.
 * @param length How many bytes it has (6 for Ethernet).
 * @returns The address text; empty for a length of 0.
 * @example Format the source MAC of an Ethernet header
 * ```ts
 * import { formatMac } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * const frame = Uint8Array.fromHex("ffffffffffff0200000000010806");
 * assert.equal(formatMac(frame, 6), "02:00:00:00:00:01");
 * assert.equal(formatMac(Uint8Array.of(0xab, 0x01), 0, 2), "ab:01");
 * ```
 */
export function formatMac(bytes: Uint8Array, offset = 0, length = 6): string {
  let s = "";
  for (let i = 0; i < length; i++) {
    const x = bytes[offset + i]!;
    s += (i ? ":" : "") + (x < 16 ? "0" : "") + x.toString(16);
  }
  return s;
}
