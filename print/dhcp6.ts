// DHCPv6 as tcpdump 4.99 prints it (print-dhcp6.c): the message type, with -v the transaction ID
// and every option (DUIDs, IA_NA/IA_TA/IA_PD with their addresses and prefixes, ORO, status,
// DNS servers and search list, relay messages recursively, authentication, ...).

import { type Ctx, hex, printjnpOut, tok } from "./_ctx.ts";

const MSG: Record<number, string> = {
  1: "solicit",
  2: "advertise",
  3: "request",
  4: "confirm",
  5: "renew",
  6: "rebind",
  7: "reply",
  8: "release",
  9: "decline",
  10: "reconfigure",
  11: "inf-req",
  12: "relay-fwd",
  13: "relay-reply",
  14: "leasequery",
  15: "leasequery-reply",
};
const OPT: Record<number, string> = {
  1: "client-ID",
  2: "server-ID",
  3: "IA_NA",
  4: "IA_TA",
  5: "IA_ADDR",
  6: "option-request",
  7: "preference",
  8: "elapsed-time",
  9: "relay-message",
  11: "authentication",
  12: "server-unicast",
  13: "status-code",
  14: "rapid-commit",
  15: "user-class",
  16: "vendor-class",
  17: "vendor-specific-info",
  18: "interface-ID",
  19: "reconfigure-message",
  20: "reconfigure-accept",
  21: "SIP-servers-domain",
  22: "SIP-servers-address",
  23: "DNS-server",
  24: "DNS-search-list",
  25: "IA_PD",
  26: "IA_PD-prefix",
  27: "NIS-server",
  28: "NIS+-server",
  29: "NIS-domain-name",
  30: "NIS+-domain-name",
  31: "SNTP-servers",
  32: "lifetime",
  33: "BCMCS-domain-name",
  34: "BCMCS-server",
  36: "Geoconf-Civic",
  37: "Remote-ID",
  38: "Subscriber-ID",
  39: "Client-FQDN",
  40: "PANA-agent",
  41: "POSIX-timezone",
  42: "POSIX-tz-database",
  43: "Echo-request-option",
  44: "Lease-query",
  45: "LQ-client-data",
  46: "Clt-time",
  47: "LQ-relay-data",
  48: "LQ-client-link",
  56: "NTP-server",
  64: "AFTR-Name",
  112: "MUD-URL",
};
const STATUS: Record<number, string> = {
  0: "Success",
  1: "UnspecFail",
  2: "NoAddrsAvail",
  3: "NoBinding",
  4: "NotOnLink",
  5: "UseMulticast",
  6: "NoPrefixAvail",
  7: "UnknownQueryType",
  8: "MalformedQuery",
  9: "NotConfigured",
  10: "NotAllowed",
};

const hexBytes = (c: Ctx, p: number, n: number) => {
  let s = "";
  for (let i = 0; i < n; i++) s += hex(c.u8(p + i), 2);
  return s;
};

/** dhcp6opt_print() of the options in [cp, ep). */
function options(c: Ctx, cp: number, ep: number): void {
  while (cp < ep) {
    if (ep < cp + 4) return c.trunc();
    c.tcheck(cp, 4);
    const len = c.u16(cp + 2);
    if (ep < cp + 4 + len) return c.trunc();
    const type = c.u16(cp);
    c.print(` (${tok(OPT, "opt_%u", type)}`);
    c.tcheck(cp + 4, len);
    const tp = cp + 4, end = tp + len;
    const bad = () => c.print(" ?)");
    switch (type) {
      case 1:
      case 2: {
        if (len < 2) {
          bad();
          break;
        }
        const duid = c.u16(tp);
        if (duid === 1) {
          if (len >= 8) {
            c.print(
              ` hwaddr/time type ${c.u16(tp + 2)} time ${c.u32(tp + 4)} ${
                hexBytes(c, tp + 8, len - 8)
              })`,
            );
          } else bad();
        } else if (duid === 2) {
          // 4.99 prints the first 8 bytes (enterprise number and 4 of the identifier)
          if (len >= 10) c.print(` vid ${hexBytes(c, tp + 2, 8)})`);
          else bad();
        } else if (duid === 3) {
          if (len >= 4) c.print(` hwaddr type ${c.u16(tp + 2)} ${hexBytes(c, tp + 4, len - 4)})`);
          else bad();
        } else if (duid === 4) {
          c.print(" uuid ");
          if (len === 18) c.print(`${hexBytes(c, tp + 2, 16)})`);
          else bad();
        } else c.print(` type ${duid})`);
        break;
      }
      case 5:
        if (len < 24) {
          bad();
          break;
        }
        c.print(` ${c.ip6(tp)} pltime:${c.u32(tp + 16)} vltime:${c.u32(tp + 20)}`);
        if (len > 24) options(c, tp + 24, end);
        c.print(")");
        break;
      case 6:
      case 43:
        if (len % 2) {
          bad();
          break;
        }
        for (let i = 0; i < len; i += 2) c.print(` ${tok(OPT, "opt_%u", c.u16(tp + i))}`);
        c.print(")");
        break;
      case 7:
        if (len !== 1) bad();
        else c.print(` ${c.u8(tp)})`);
        break;
      case 8:
        if (len !== 2) bad();
        else c.print(` ${c.u16(tp)})`);
        break;
      case 9: {
        c.print(" (");
        const save = c.end;
        c.end = Math.min(end, c.end);
        dhcp6Print(c, tp, len);
        c.end = save;
        c.print(")");
        break;
      }
      case 11:
        auth(c, tp, len);
        break;
      case 14:
      case 20:
        c.print(")");
        break;
      case 18:
      case 38:
        c.print(` ${hexBytes(c, tp, Math.min(len, 10))}...)`);
        break;
      case 19:
        if (len !== 1) bad();
        else {
          const t = c.u8(tp);
          c.print(t === 5 ? " for renew)" : t === 11 ? " for inf-req)" : ` for ???(${hex(t, 2)}))`);
        }
        break;
      case 22:
      case 23:
      case 31:
      case 27:
      case 28:
      case 34:
      case 40:
      case 48:
        if (len % 16) {
          bad();
          break;
        }
        for (let i = 0; i < len; i += 16) c.print(` ${c.ip6(tp + i)}`);
        c.print(")");
        break;
      case 21:
      case 24: {
        let p = tp;
        while (p < end) {
          c.print(" ");
          p = c.d.fqdn(c, p, end);
          if (p < 0) return c.trunc();
        }
        c.print(")");
        break;
      }
      case 13:
        if (len < 2) bad();
        else {
          const code = c.u16(tp);
          c.print(` ${code > 255 ? "INVALID code" : tok(STATUS, "code%u", code)})`);
        }
        break;
      case 3:
      case 25:
        if (len < 12) {
          bad();
          break;
        }
        c.print(` IAID:${c.u32(tp)} T1:${c.u32(tp + 4)} T2:${c.u32(tp + 8)}`);
        if (len > 12) options(c, tp + 12, end);
        c.print(")");
        break;
      case 4:
        if (len < 4) {
          bad();
          break;
        }
        c.print(` IAID:${c.u32(tp)}`);
        if (len > 4) options(c, tp + 4, end);
        c.print(")");
        break;
      case 26:
        if (len < 25) {
          bad();
          break;
        }
        c.print(` ${c.ip6(tp + 9)}/${c.u8(tp + 8)} pltime:${c.u32(tp)} vltime:${c.u32(tp + 4)}`);
        if (len > 25) options(c, tp + 25, end);
        c.print(")");
        break;
      case 32:
      case 46:
        if (len !== 4) bad();
        else c.print(` ${c.u32(tp)})`);
        break;
      case 37:
        if (len < 4) bad();
        else c.print(` ${c.u32(tp)} ${hexBytes(c, tp + 4, Math.min(len, 14) - 4)}...)`);
        break;
      case 64: {
        if (len < 3) {
          bad();
          break;
        }
        let p = tp, remain = len;
        c.print(" ");
        while (remain && c.u8(p)) {
          const l = c.u8(p++);
          if (l < remain - 1) {
            printjnpOut(c, p, l);
            p += l;
            remain -= l + 1;
            if (c.u8(p)) c.print(".");
          } else {
            c.print(" ?");
            break;
          }
        }
        c.print(")");
        break;
      }
      case 41:
      case 42:
      case 112:
        if (len < 5) bad();
        else {
          c.print(" ");
          printjnpOut(c, tp, len);
          c.print(")");
        }
        break;
      case 44: // Lease-query (RFC 5007)
        if (len < 17) {
          bad();
          break;
        }
        {
          const qt = c.u8(tp);
          c.print(qt === 1 ? " by-address" : qt === 2 ? " by-clientID" : ` type_${qt}`);
          c.print(` ${c.ip6(tp + 1)}`);
          if (len > 17) options(c, tp + 17, end);
          c.print(")");
        }
        break;
      case 45: // LQ-client-data: encapsulated options
        if (len > 0) options(c, tp, end);
        c.print(")");
        break;
      case 47: // LQ-relay-data: the peer address, then the first 10 bytes of the message
        if (len < 16) {
          bad();
          break;
        }
        c.print(` ${c.ip6(tp)} `);
        for (let i = 16; i < len && i < 26; i++) c.print(hex(c.u8(tp + i), 2));
        c.print("...)");
        break;
      case 56: { // NTP server (RFC 5908) suboptions
        if (len < 4) {
          bad();
          break;
        }
        let p = tp;
        while (p < end - 4) {
          const code = c.u16(p), sl = c.u16(p + 2);
          p += 4;
          if (p + sl > end) return c.trunc();
          c.print(` subopt:${code}`);
          if (code === 1 || code === 2) {
            c.print(sl !== 16 ? " ?" : ` ${c.ip6(p)}`);
          } else if (code === 3) {
            c.print(" ");
            if (c.d.fqdn(c, p, p + sl) < 0) return c.trunc();
          } else c.print(" ?");
          p += sl;
        }
        c.print(")");
        break;
      }
      // 4.99.3 prints Bootfile-URL (59), user-class (15) and SZTP-redirect (136) by name only
      default:
        c.print(")");
    }
    cp += 4 + len;
  }
}

/** The authentication option (RFC 8415 section 21.11). */
function auth(c: Ctx, tp: number, len: number): void {
  if (len < 11) return c.print(" ?)");
  const proto = c.u8(tp), alg = c.u8(tp + 1), rdm = c.u8(tp + 2);
  c.print(
    proto === 2 ? " proto: delayed" : proto === 3 ? " proto: reconfigure" : ` proto: ${proto}`,
  );
  c.print(alg === 1 ? ", alg: HMAC-MD5" : `, alg: ${alg}`);
  c.print(rdm === 0 ? ", RDM: mono" : `, RDM: ${rdm}`);
  c.print(", RD:");
  let p = tp + 3;
  for (let i = 0; i < 4; i++, p += 2) c.print(` ${hex(c.u16(p))}`);
  const info = len - 11;
  if (proto === 2) {
    if (info !== 0) {
      if (info < 20) c.print(" ??");
      else {
        const realm = info - 20;
        if (realm > 0) c.print(", realm: ");
        c.print(hexBytes(c, p, realm));
        p += realm;
        c.print(`, key ID: ${hex(c.u32(p), 8)}, HMAC-MD5:`);
        p += 4;
        for (let i = 0; i < 4; i++, p += 4) c.print(` ${hex(c.u32(p), 8)}`);
      }
    }
  } else if (proto === 3) {
    if (info !== 17) c.print(" ??");
    else {
      const t = c.u8(p++);
      c.print(t === 1 ? " reconfig-key" : t === 2 ? " type: HMAC-MD5" : " type: ??");
      c.print(" value:");
      for (let i = 0; i < 4; i++, p += 4) c.print(` ${hex(c.u32(p), 8)}`);
    }
  } else c.print(" ??");
  c.print(")");
}

/** dhcp6_print() (UDP ports 546 and 547). */
export function dhcp6Print(c: Ctx, cp: number, length: number): void {
  c.proto = "dhcp6";
  c.print("dhcp6");
  const ep = Math.min(c.end, cp + length);
  if (!c.has(cp, 4)) return c.trunc(); // goto trunc: a relayed message's caller goes on
  const type = c.u8(cp);
  const name = tok(MSG, "msgtype-%u", type);
  if (!c.f.v) {
    c.print(` ${name}`);
    return;
  }
  c.print(` ${name} (`);
  if (type !== 12 && type !== 13) {
    c.print(`xid=${(c.u32(cp) & 0xffffff).toString(16)}`);
    options(c, cp + 4, ep);
  } else {
    c.print(`linkaddr=${c.ip6(cp + 2)}`);
    c.print(` peeraddr=${c.ip6(cp + 18)}`);
    options(c, cp + 34, ep);
  }
  c.print(")");
}
