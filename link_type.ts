/**
 * Link-layer header types shared by capture, decoders, the filter compiler and
 * capture files. Values are the `LINKTYPE_*` numbers of the pcap and pcapng
 * formats (tcpdump.org/linktypes.html); names are libpcap's `DLT_*` names as
 * `tcpdump -y` and `tcpdump -L` spell them.
 *
 * @module
 */

/** `LINKTYPE_*` numbers this package captures, decodes, filters or stores. */
export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

/**
 * Default bytes kept per packet: libpcap's `MAXIMUM_SNAPLEN`, used by live
 * capture, the filter compiler and capture files alike.
 *
 * @example The default snapshot length
 * ```ts
 * import { DEFAULT_SNAPLEN } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * assert.equal(DEFAULT_SNAPLEN, 262144);
 * ```
 */
export const DEFAULT_SNAPLEN = 262144;

/** One of the {@linkcode LINKTYPE} values, or any other `LINKTYPE_*` number read from a file. */
export type LinkType = number;

/** libpcap's name and description of each known link type, as `tcpdump -L` prints them. */
const NAMES: ReadonlyMap<number, readonly [name: string, description: string]> = new Map([
  [LINKTYPE.NULL, ["NULL", "BSD loopback"]],
  [LINKTYPE.ETHERNET, ["EN10MB", "Ethernet"]],
  [LINKTYPE.RAW, ["RAW", "Raw IP"]],
  [LINKTYPE.LOOP, ["LOOP", "OpenBSD loopback"]],
  [LINKTYPE.LINUX_SLL, ["LINUX_SLL", "Linux cooked v1"]],
  [LINKTYPE.IPV4, ["IPV4", "Raw IPv4"]],
  [LINKTYPE.IPV6, ["IPV6", "Raw IPv6"]],
  [LINKTYPE.LINUX_SLL2, ["LINUX_SLL2", "Linux cooked v2"]],
]);

/**
 * Returns libpcap's name of a link type (`EN10MB` for Ethernet), or `LINKTYPE_<n>`.
 *
 * @param linkType A `LINKTYPE_*` number.
 * @returns The `DLT_*` name without its prefix.
 * @example Name a link type
 * ```ts
 * import { LINKTYPE, linkTypeName } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * assert.equal(linkTypeName(LINKTYPE.ETHERNET), "EN10MB");
 * ```
 */
export function linkTypeName(linkType: LinkType): string {
  return NAMES.get(linkType)?.[0] ?? `LINKTYPE_${linkType}`;
}

/**
 * Returns libpcap's description of a link type (`Ethernet`), or `unknown`.
 *
 * @param linkType A `LINKTYPE_*` number.
 * @returns The description `tcpdump` prints after the name.
 * @example Describe a link type
 * ```ts
 * import { LINKTYPE, linkTypeDescription } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * assert.equal(linkTypeDescription(LINKTYPE.LINUX_SLL2), "Linux cooked v2");
 * ```
 */
export function linkTypeDescription(linkType: LinkType): string {
  return NAMES.get(linkType)?.[1] ?? "unknown";
}

/**
 * Parses a link-type name as `tcpdump -y` takes it (`EN10MB`, `linux_sll2`, `DLT_RAW`) or a number.
 *
 * @param name The name, case-insensitive, with or without `DLT_`/`LINKTYPE_`.
 * @returns The `LINKTYPE_*` number, or `undefined` when the name is unknown.
 * @example Parse a -y argument
 * ```ts
 * import { LINKTYPE, parseLinkType } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * assert.equal(parseLinkType("en10mb"), LINKTYPE.ETHERNET);
 * assert.equal(parseLinkType("nonsense"), undefined);
 * ```
 */
export function parseLinkType(name: string): LinkType | undefined {
  if (/^\d+$/.test(name)) return Number(name);
  const bare = name.toUpperCase().replace(/^(DLT_|LINKTYPE_)/, "");
  for (const [value, [known]] of NAMES) if (known === bare) return value;
  if (bare === "ETHERNET") return LINKTYPE.ETHERNET;
  return undefined;
}
