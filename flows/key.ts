/**
 * The flow key read straight from a packet's bytes: link layer → VLAN tags → IPv4/IPv6
 * (extension headers walked) → ports, ICMP type/code and TCP flags, into a reused
 * {@linkcode FlowKeyScratch} with no allocation. The flow table's hot path; `decodePacket` builds
 * views the table does not need.
 *
 * @module
 */

import { LINKTYPE } from "../link_type.ts";

/** Words of a stored key: 4 + 4 address words, ports, VLAN/protocol/family, interface. */
export const KEY_WORDS = 11;

/** Word offsets inside a key. Addresses are big-endian words; IPv4 uses the first word only. */
export const KEY_WORD = { LO_ADDR: 0, HI_ADDR: 4, PORTS: 8, META: 9, IF_INDEX: 10 } as const;

/** What {@linkcode readFlowKey} found in a packet. */
export const PACKET_KIND = {
  /** An IPv4 or IPv6 packet: the key, `ipLen` and the transport fields are set. */
  IP: 0,
  /** ARP or RARP. */
  ARP: 1,
  /** A link-layer frame of another type, or a link type the table does not read. */
  OTHER: 2,
  /** An IP packet whose headers cannot be read (truncated, impossible length, bad version). */
  UNDECODABLE: 3,
} as const;

/** Reused output of {@linkcode readFlowKey}; one per table. */
export class FlowKeyScratch {
  /** The key, endpoints ordered lower first (see {@linkcode FlowKeyScratch.swapped}). */
  readonly key: Uint32Array = new Uint32Array(KEY_WORDS);
  /** `true` when the packet went from the higher endpoint to the lower one. */
  swapped = false;
  /** IP bytes as IPFIX counts them: IPv4 Total Length, IPv6 40 + Payload Length. */
  ipLen = 0;
  /** IP protocol (IPv6: the upper-layer Next Header). */
  protocol = 0;
  /** TCP flags byte (CWR … FIN), 0 when not TCP. */
  tcpFlags = 0;
  /** ICMP or ICMPv6 `type << 8 | code`, -1 when not ICMP. */
  icmp = -1;
  /** 4 or 6. */
  family = 0;
}

const ETH_P_IP = 0x0800;
const ETH_P_IPV6 = 0x86dd;
const ETH_P_ARP = 0x0806;
const ETH_P_RARP = 0x8035;

function isVlanTpid(type: number): boolean {
  return type === 0x8100 || type === 0x88a8 || type === 0x9100 || type === 0x9200;
}

/**
 * Reads the flow key of one packet into `out`. Never throws; never allocates.
 *
 * @param linkType The packet's `LINKTYPE_*`.
 * @param b Bytes holding the packet (the packet alone, or a whole ring block).
 * @param start Where the packet starts in `b`.
 * @param capLen Its captured length, in bytes (`start + capLen <= b.length`).
 * @param wireLen The packet's length on the wire: an IP length field of 0 (segmentation
 *   offload) reads as the rest of it; one claiming more than it is undecodable.
 * @param ifIndex The interface index (0 when unknown).
 * @param out Where the key goes.
 * @returns One of {@linkcode PACKET_KIND}.
 */
export function readFlowKey(
  linkType: number,
  b: Uint8Array,
  start: number,
  capLen: number,
  wireLen: number,
  ifIndex: number,
  out: FlowKeyScratch,
): number {
  // Offsets are into `b` (a whole ring block, say): the packet is b[start, start + capLen).
  const have = start + capLen;
  let off = start;
  let type = -1; // EtherType of what follows `off`, -1: IP by version nibble
  switch (linkType) {
    case LINKTYPE.ETHERNET:
      if (capLen < 14) return PACKET_KIND.UNDECODABLE;
      type = (b[off + 12]! << 8) | b[off + 13]!;
      off += 14;
      break;
    case LINKTYPE.LINUX_SLL:
      if (capLen < 16) return PACKET_KIND.UNDECODABLE;
      type = (b[off + 14]! << 8) | b[off + 15]!;
      off += 16;
      break;
    case LINKTYPE.LINUX_SLL2:
      if (capLen < 20) return PACKET_KIND.UNDECODABLE;
      type = (b[off]! << 8) | b[off + 1]!;
      off += 20;
      break;
    case LINKTYPE.RAW:
    case LINKTYPE.IPV4:
    case LINKTYPE.IPV6:
      break;
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP: {
      if (capLen < 4) return PACKET_KIND.UNDECODABLE;
      // NULL is in the writer's byte order, LOOP in network order: accept either.
      const le = b[off]! | (b[off + 1]! << 8) | (b[off + 2]! << 16) | (b[off + 3]! << 24);
      const be = (b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!;
      const family = le > 0 && le < 256 ? le : be;
      if (family === 2) type = ETH_P_IP;
      else if (family === 10 || family === 24 || family === 28 || family === 30) type = ETH_P_IPV6;
      else return PACKET_KIND.OTHER;
      off += 4;
      break;
    }
    default:
      return PACKET_KIND.OTHER;
  }
  let vlan = 0;
  if (type >= 0) {
    for (let tags = 0; isVlanTpid(type) && tags < 3; tags++) {
      if (have < off + 4) return PACKET_KIND.UNDECODABLE;
      if (tags === 0) vlan = ((b[off]! << 8) | b[off + 1]!) & 0x0fff;
      type = (b[off + 2]! << 8) | b[off + 3]!;
      off += 4;
    }
    if (type < 0x0600 && have >= off + 8 && b[off] === 0xaa && b[off + 1] === 0xaa) {
      // 802.3 length with LLC/SNAP (AA AA 03, OUI 00 00 00): the EtherType follows.
      if (b[off + 2] === 0x03 && b[off + 3] === 0 && b[off + 4] === 0 && b[off + 5] === 0) {
        type = (b[off + 6]! << 8) | b[off + 7]!;
        off += 8;
      }
    }
    if (type === ETH_P_ARP || type === ETH_P_RARP) return PACKET_KIND.ARP;
    if (type !== ETH_P_IP && type !== ETH_P_IPV6) return PACKET_KIND.OTHER;
  }
  if (have <= off) return PACKET_KIND.UNDECODABLE;
  const version = b[off]! >> 4;
  if (type === ETH_P_IP && version !== 4) return PACKET_KIND.UNDECODABLE;
  if (type === ETH_P_IPV6 && version !== 6) return PACKET_KIND.UNDECODABLE;
  // IP bytes the packet had on the wire: an IP length field claiming more is a lie, not a cut.
  // (The larger of the two lengths: a file may hold a record whose original length is short.)
  const wire = (wireLen > capLen ? wireLen : capLen) - (off - start);
  const k = out.key;
  let protocol: number;
  let l4: number; // offset of the transport header, -1 for a non-first fragment
  let end: number; // end of the IP packet inside the capture
  if (version === 4) {
    if (have < off + 20) return PACKET_KIND.UNDECODABLE;
    const headerLen = (b[off]! & 0x0f) * 4;
    let totalLen = (b[off + 2]! << 8) | b[off + 3]!;
    if (headerLen < 20 || have < off + headerLen) return PACKET_KIND.UNDECODABLE;
    if (totalLen === 0) totalLen = wire; // TSO: the kernel leaves it 0
    if (totalLen < headerLen || totalLen > wire) return PACKET_KIND.UNDECODABLE;
    out.ipLen = totalLen;
    out.family = 4;
    protocol = b[off + 9]!;
    l4 = ((b[off + 6]! & 0x1f) | b[off + 7]!) !== 0 ? -1 : off + headerLen;
    end = off + totalLen < have ? off + totalLen : have;
    const src =
      ((b[off + 12]! << 24) | (b[off + 13]! << 16) | (b[off + 14]! << 8) | b[off + 15]!) >>>
      0;
    const dst =
      ((b[off + 16]! << 24) | (b[off + 17]! << 16) | (b[off + 18]! << 8) | b[off + 19]!) >>>
      0;
    out.swapped = src > dst;
    k[0] = out.swapped ? dst : src;
    k[4] = out.swapped ? src : dst;
    k[1] =
      k[2] =
      k[3] =
      k[5] =
      k[6] =
      k[7] =
        0;
  } else if (version === 6) {
    if (have < off + 40) return PACKET_KIND.UNDECODABLE;
    const payloadLen = (b[off + 4]! << 8) | b[off + 5]!;
    const ipLen = payloadLen === 0 ? wire : 40 + payloadLen; // 0: a jumbogram, or TSO
    if (ipLen > wire) return PACKET_KIND.UNDECODABLE;
    out.ipLen = ipLen;
    out.family = 6;
    end = off + out.ipLen < have ? off + out.ipLen : have;
    protocol = b[off + 6]!;
    l4 = off + 40;
    // Extension headers: hop-by-hop, routing, destination options (8 × (len + 1) bytes),
    // fragment (8 bytes; a non-first one carries no ports), AH (4 × (len + 2) bytes).
    for (let n = 0; n < 8; n++) {
      if (
        protocol !== 0 && protocol !== 43 && protocol !== 60 && protocol !== 44 && protocol !== 51
      ) {
        break;
      }
      if (end < l4 + 8) return PACKET_KIND.UNDECODABLE;
      const next = b[l4]!;
      if (protocol === 44) {
        if ((((b[l4 + 2]! << 8) | b[l4 + 3]!) & 0xfff8) !== 0) {
          protocol = next;
          l4 = -1;
          break;
        }
        l4 += 8;
      } else if (protocol === 51) l4 += (b[l4 + 1]! + 2) * 4;
      else l4 += (b[l4 + 1]! + 1) * 8;
      protocol = next;
    }
    // Compare the addresses as 4 big-endian words each, then order the endpoints.
    let order = 0;
    for (let i = 0; i < 16 && order === 0; i++) order = b[off + 8 + i]! - b[off + 24 + i]!;
    out.swapped = order > 0;
    const lo = out.swapped ? off + 24 : off + 8;
    const hi = out.swapped ? off + 8 : off + 24;
    for (let w = 0; w < 4; w++) {
      const a = lo + w * 4;
      const c = hi + w * 4;
      k[w] = ((b[a]! << 24) | (b[a + 1]! << 16) | (b[a + 2]! << 8) | b[a + 3]!) >>> 0;
      k[4 + w] = ((b[c]! << 24) | (b[c + 1]! << 16) | (b[c + 2]! << 8) | b[c + 3]!) >>> 0;
    }
  } else return PACKET_KIND.UNDECODABLE;
  out.protocol = protocol;
  out.tcpFlags = 0;
  out.icmp = -1;
  let srcPort = 0;
  let dstPort = 0;
  if (l4 >= 0) {
    if (protocol === 6 || protocol === 17 || protocol === 132 || protocol === 136) {
      if (end < l4 + 4) return PACKET_KIND.UNDECODABLE;
      srcPort = (b[l4]! << 8) | b[l4 + 1]!;
      dstPort = (b[l4 + 2]! << 8) | b[l4 + 3]!;
      if (protocol === 6) {
        if (end < l4 + 14) return PACKET_KIND.UNDECODABLE;
        out.tcpFlags = b[l4 + 13]!;
      }
    } else if (protocol === 1 || protocol === 58) {
      if (end < l4 + 2) return PACKET_KIND.UNDECODABLE;
      out.icmp = (b[l4]! << 8) | b[l4 + 1]!;
    }
  }
  // Same addresses both ways (a host talking to itself): order by port instead.
  if (!out.swapped && k[0] === k[4] && k[1] === k[5] && k[2] === k[6] && k[3] === k[7]) {
    out.swapped = srcPort > dstPort;
  }
  k[KEY_WORD.PORTS] = out.swapped
    ? ((dstPort << 16) | srcPort) >>> 0
    : ((srcPort << 16) | dstPort) >>>
      0;
  k[KEY_WORD.META] = vlan | (protocol << 12) | (out.family << 20);
  k[KEY_WORD.IF_INDEX] = ifIndex;
  return PACKET_KIND.IP;
}
