// Golden corpus case for Babel's source-specific TLVs (SS-Update, SS-Request, SS-MH-Request)
// over IPv6 on UDP 6696: IPv6 and IPv4 prefixes, an omitted-bytes update, "for any", and
// prefixes cut short of their lengths (tcpdump's "(invalid)"). The routers capture from BIRD
// (tcpdump_test) covers the plain TLVs; BIRD sends none of these.

import { bytes, ip6, u16, udp6 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const V6 = ip6("2001:db8:1:2::");
const V4 = [10, 1, 2, 0];
const SRC4 = [192, 168, 0, 0];

/** The prefix's first bytes for a length of `plen` bits. */
const cut = (a: Uint8Array | number[], plen: number) =>
  Uint8Array.from(a).subarray(0, (plen + 7) >> 3);

function tlv(i: number): Uint8Array {
  const v4 = i % 2 === 1;
  const ae = v4 ? 1 : 2;
  const plen = v4 ? 16 + (i % 3) * 4 : 48 + (i % 3) * 8;
  const srcPlen = v4 ? 8 + (i % 2) * 8 : 32 + (i % 4) * 8;
  const dst = v4 ? V4 : V6, src = v4 ? SRC4 : V6;
  // The last packets of each kind carry one byte fewer than their source prefix needs.
  const short = i >= 18 ? 1 : 0;
  const prefixes = () => {
    const p = bytes(cut(dst, plen), cut(src, srcPlen));
    return p.subarray(0, p.length - short);
  };
  const t = (type: number, body: Uint8Array) => bytes(type, body.length, body);
  switch (i % 3) {
    case 0: {
      // SS-Update; with i % 4 === 0 the first byte of the destination is omitted (taken from
      // the previous default prefix, all zeros here).
      const omitted = i % 4 === 0 && !short ? 1 : 0;
      const p = bytes(cut(dst, plen).subarray(omitted), cut(src, srcPlen));
      return t(
        13,
        bytes(
          ae,
          srcPlen,
          plen,
          omitted,
          u16(100 * (i + 1)),
          u16(i),
          u16(96 + i),
          p.subarray(0, p.length - short),
        ),
      );
    }
    case 1:
      return i === 4 ? t(14, bytes(0, 0, 0)) : t(14, bytes(ae, plen, srcPlen, prefixes()));
    default:
      return t(
        15,
        bytes(ae, plen, u16(0x100 + i), 1 + (i % 8), srcPlen, [1, 2, 3, 4, 5, 6, 7, i], prefixes()),
      );
  }
}

const packets = Array.from({ length: 24 }, (_, i) => {
  const body = tlv(i);
  const data = udp6("fe80::1", "ff02::1:6", 6696, 6696, bytes(42, 2, u16(body.length), body));
  return { data };
});

export const BABEL_CASES: Case[] = [{ name: "babel_ss", linkType: 101, packets }];
