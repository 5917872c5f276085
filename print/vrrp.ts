// VRRP v2 (RFC 3768) and v3 (RFC 5798) as tcpdump 4.99 prints them (print-vrrp.c).

import { type Ctx, type IpInfo, printn, pseudoSum } from "./_ctx.ts";

const AUTH: Record<number, string> = { 0: "none", 1: "simple", 2: "ah" };

/** vrrp_print(): `ttl` is the IP TTL or hop limit (255 unless forwarded). */
export function vrrpPrint(c: Ctx, bp: number, len: number, ip: IpInfo, ttl: number): void {
  c.proto = "vrrp";
  c.print("VRRP");
  const version = c.u8(bp) >> 4, type = c.u8(bp) & 0xf;
  c.print(`v${version}, ${type === 1 ? "Advertisement" : `unknown type (${type})`}`);
  if (ttl !== 255) c.print(`, (ttl ${ttl})`);
  if (version < 2 || version > 3 || type !== 1) return;
  c.print(`, vrid ${c.u8(bp + 1)}, prio ${c.u8(bp + 2)}`);
  let auth = 0;
  if (version === 2) {
    auth = c.u8(bp + 4);
    c.print(`, authtype ${AUTH[auth] ?? `#${auth}`}`);
    c.print(`, intvl ${c.u8(bp + 5)}s, length ${len}`);
  } else c.print(`, intvl ${((c.u8(bp + 4) & 0x0f) << 8) | c.u8(bp + 5)}cs, length ${len}`);
  if (!c.f.v) return;
  const naddrs = c.u8(bp + 3);
  if (c.has(bp, len)) {
    const sum = version === 2
      ? ~c.sum(bp, len) & 0xffff
      : ~c.sum(bp, len, pseudoSum(c, ip, 112, len)) & 0xffff;
    if (sum) c.print(`, (bad vrrp cksum ${c.u16(bp + 6).toString(16)})`);
  }
  c.print(", addrs");
  if (naddrs > 1) c.print(`(${naddrs})`);
  c.print(":");
  let sep = " ", p = bp + 8;
  const alen = ip.version === 4 ? 4 : 16;
  for (let i = 0; i < naddrs; i++) {
    c.print(sep + (alen === 4 ? c.ip4(p) : c.ip6(p)));
    sep = ",";
    p += alen;
  }
  if (version === 2 && auth === 1) {
    // nd_printjnp(): the bytes are read one by one, so a cut string ends the packet mid-way
    c.print(' auth "');
    for (let i = 0; i < 8; i++) {
      if (c.u8(p + i) === 0) break;
      c.print(printn(c, p + i, 1));
    }
    c.print('"');
  }
}
