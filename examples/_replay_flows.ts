/**
 * tcpreplay's flow count for replay's summary line ("Flows: N flows, F fps, P unique flow
 * packets, Q unique non-flow packets"), counted the way tcpreplay 4.4 does it (src/common/
 * flows.c): a flow is the directed 5-tuple (source and destination address, ports, protocol),
 * the VLAN ignored; ICMP and ICMPv6 put type and code where the ports go, other protocols
 * zeros; a Hop-by-Hop header is stepped over, no other extension header. The L2 header is walked
 * as get_l2len_protocol() walks it: 0x8100, 0x88a8 and 0x9100 tags, MPLS labels (EoMPLS too),
 * and an 802.3 length whose next byte is read as an IP version (so STP counts as an IPv4 flow
 * and LLC/SNAP is refused). Frames that are not IPv4 or IPv6 are "non-flow"; frames it refuses
 * or that are too short for the headers read are neither (tcpreplay's invalid ones).
 *
 * @module
 */

/** Units in a flow key. */
const KEY = 19;
/** What tcpreplay's `sizeof` of the header needs in the frame, in bytes. */
const NEED = { IPV4: 20, IPV6: 40, UDP: 8, TCP: 20, ICMP: 28 } as const;

/** Running flow counts of the packets replayed. */
export class ReplayFlows {
  /** Distinct flows seen. */
  flows = 0;
  /** Packets that belong to a flow. */
  flowPackets = 0;
  /** Packets that are not IP. */
  nonFlow = 0;
  /** Packets too short to tell. */
  invalid = 0;
  /** Source (16 bytes), destination (16), ports, protocol: tcpreplay's key, in 16-bit units. */
  readonly #key = new Uint16Array(KEY);
  // An open-addressing set of keys, so a packet allocates nothing: bucket → flow number, and
  // each flow's key at KEY × its number.
  #buckets = new Int32Array(1024).fill(-1);
  #keys = new Uint16Array(KEY * 512);

  /**
   * Counts one Ethernet frame.
   *
   * @param p The frame's captured bytes.
   */
  add(p: Uint8Array): void {
    const len = p.length;
    // The L2 header as get_l2len_protocol() walks it: VLAN tags, MPLS labels (an EoMPLS
    // payload's own Ethernet header after its control word), then the EtherType, or for an
    // 802.3 length the first byte after the header read as an IP version.
    let l2 = 14;
    if (len <= l2) return void this.invalid++;
    let type = (p[12]! << 8) | p[13]!;
    for (;;) {
      if (type === 0x8100 || type === 0x88a8 || type === 0x9100) {
        if (len < l2 + 4) return void this.invalid++;
        type = (p[l2 + 2]! << 8) | p[l2 + 3]!;
        l2 += 4;
      } else if (type === 0x8847 || type === 0x8848) {
        let bottom = false;
        while (!bottom) {
          if (l2 + 4 > len) return void this.invalid++;
          // Label 13 is the Generic Associated Channel, which tcpreplay does not take.
          if (((p[l2]! << 12) | (p[l2 + 1]! << 4) | (p[l2 + 2]! >> 4)) === 13) {
            return void this.invalid++;
          }
          bottom = (p[l2 + 2]! & 1) !== 0;
          l2 += 4;
        }
        if (l2 + 1 > len) return void this.invalid++;
        const nibble = p[l2]! >> 4;
        if (nibble === 4) type = 0x0800;
        else if (nibble === 6) type = 0x86dd;
        else if (nibble === 0 && l2 + 4 + 14 <= len) {
          // EoMPLS: a 4-byte control word, then the carried frame's Ethernet header.
          type = (p[l2 + 16]! << 8) | p[l2 + 17]!;
          l2 += 18;
        } else return void this.invalid++;
      } else break;
    }
    if (len <= l2) return void this.invalid++;
    if (type <= 1500) {
      const version = p[l2]! >> 4;
      if (version === 4) type = 0x0800;
      else if (version === 6) type = 0x86dd;
      else return void this.invalid++; // an 802.3 frame it cannot place
    }
    const k = this.#key;
    k.fill(0);
    let ipLen: number, proto: number;
    if (type === 0x0800) {
      if (len < l2 + NEED.IPV4) return void this.invalid++;
      if (p[l2]! >> 4 !== 4) return void this.nonFlow++;
      ipLen = (p[l2]! & 15) * 4;
      proto = p[l2 + 9]!;
      k[0] = (p[l2 + 12]! << 8) | p[l2 + 13]!;
      k[1] = (p[l2 + 14]! << 8) | p[l2 + 15]!;
      k[8] = (p[l2 + 16]! << 8) | p[l2 + 17]!;
      k[9] = (p[l2 + 18]! << 8) | p[l2 + 19]!;
    } else if (type === 0x86dd) {
      if (len < l2 + NEED.IPV6) return void this.invalid++;
      // tcpreplay 4.4 takes the version from the frame's first byte, not the IPv6 header's,
      // so an IPv6 frame counts as a flow only when its destination MAC starts with 0x6_ (the
      // outer one, for EoMPLS).
      if (p[0]! >> 4 !== 6) return void this.nonFlow++;
      ipLen = 40;
      proto = p[l2 + 6]!;
      if (proto === 0) {
        ipLen += ((p[l2 + 41] ?? 0) + 1) * 8;
        proto = p[l2 + 40] ?? 0;
      }
      for (let i = 0; i < 8; i++) {
        k[i] = (p[l2 + 8 + 2 * i]! << 8) | p[l2 + 9 + 2 * i]!;
        k[8 + i] = (p[l2 + 24 + 2 * i]! << 8) | p[l2 + 25 + 2 * i]!;
      }
    } else return void this.nonFlow++;
    const at = l2 + ipLen;
    if (proto === 17 || proto === 6) {
      if (len < at + (proto === 17 ? NEED.UDP : NEED.TCP)) return void this.invalid++;
      k[16] = (p[at]! << 8) | p[at + 1]!;
      k[17] = (p[at + 2]! << 8) | p[at + 3]!;
    } else if (proto === 1 || proto === 58) {
      if (len < at + NEED.ICMP) return void this.invalid++;
      k[16] = p[at]!;
      k[17] = p[at + 1]!;
    }
    k[18] = proto;
    this.flowPackets++;
    if (this.#insert(k)) this.flows++;
  }

  /** Adds the key `k` unless present; true when it was new. */
  #insert(k: Uint16Array): boolean {
    const buckets = this.#buckets, keys = this.#keys, mask = buckets.length - 1;
    const h = hash(k, 0);
    for (let b = h & mask;; b = (b + 1) & mask) {
      const e = buckets[b]!;
      if (e < 0) break;
      let same = true;
      for (let i = 0; i < KEY && same; i++) same = keys[e * KEY + i] === k[i];
      if (same) return false;
    }
    const n = this.flows;
    if ((n + 1) * KEY > keys.length) {
      const grown = new Uint16Array(keys.length * 2);
      grown.set(keys);
      this.#keys = grown;
    }
    this.#keys.set(k, n * KEY);
    let b = h & mask;
    while (buckets[b]! >= 0) b = (b + 1) & mask;
    buckets[b] = n;
    if ((n + 1) * 2 > buckets.length) this.#rehash(n + 1);
    return true;
  }

  /** Doubles the buckets and puts the `count` keys back. */
  #rehash(count: number): void {
    const buckets = new Int32Array(this.#buckets.length * 2).fill(-1), mask = buckets.length - 1;
    for (let e = 0; e < count; e++) {
      let b = hash(this.#keys, e * KEY) & mask;
      while (buckets[b]! >= 0) b = (b + 1) & mask;
      buckets[b] = e;
    }
    this.#buckets = buckets;
  }
}

/** FNV-1a over the `KEY` units of a key at `at`. */
function hash(k: Uint16Array, at: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < KEY; i++) h = Math.imul(h ^ k[at + i]!, 0x01000193);
  return h >>> 0;
}
