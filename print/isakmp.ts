// ISAKMP / IKE (RFC 2408, 2409, 2407; IKEv2 RFC 7296) as tcpdump 4.99 prints it (isakmp_print()
// of print-isakmp.c): the header, then at -v the chain of payloads, one per line, indented by
// depth, with SA/proposal/transform attributes named from the IPsec DOI and Oakley tables.
// IKEv1 tells initiator from responder with a cache of the last 20 initiator cookies and their
// addresses, kept across packets as tcpdump keeps it (one per printer).

import { type Ctx, hex, type IpInfo, printn } from "./_ctx.ts";

/** One slot of tcpdump's cookiecache: an initiator cookie and the exchange's addresses. */
interface CookieSlot {
  cookie: string;
  version: number;
  iaddr: string;
  raddr: string;
}
/** tcpdump's cookiecache (MAXINITIATORS slots, zeroed at start) and its next slot. */
interface CookieCache {
  slots: CookieSlot[];
  next: number;
}
const MAXINITIATORS = 20;
const ZERO_COOKIE = "0000000000000000";

const PROTOID = [undefined, "isakmp", "ipsec-ah", "ipsec-esp", "ipcomp"];
const NP = [
  "none",
  "sa",
  "p",
  "t",
  "ke",
  "id",
  "cert",
  "cr",
  "hash",
  "sig",
  "nonce",
  "n",
  "d",
  "vid",
  ...Array.from({ length: 19 }, (_, i) => `pay${i + 14}`),
  "v2sa",
  "v2ke",
  "v2IDi",
  "v2IDr",
  "v2cert",
  "v2cr",
  "v2auth",
  "v2nonce",
  "v2n",
  "v2d",
  "v2vid",
  "v2TSi",
  "v2TSr",
  "v2e",
  "v2cp",
  "v2eap",
];
const ETYPE: Record<number, string> = {
  0: "none",
  1: "base",
  2: "ident",
  3: "auth",
  4: "agg",
  5: "inf",
  32: "oakley-quick",
  33: "oakley-newgroup",
  34: "ikev2_init",
  35: "ikev2_auth",
  36: "child_sa",
  37: "inf2",
};

/** STR_OR_ID(): the table's name, or "#n". */
function strOrId(table: ReadonlyArray<string | undefined>, v: number): string {
  return table[v] ?? `#${v}`;
}
const npStr = (np: number) => strOrId(NP, np);

const IKEV1_P = [undefined, "ike"];
const IKEV2_T_TYPE = [undefined, "encr", "prf", "integ", "dh", "esn"];
const AH_P = [undefined, "(reserved)", "md5", "sha", "1des", "sha2-256", "sha2-384", "sha2-512"];
const PRF_P = [undefined, "hmac-md5", "hmac-sha", "hmac-tiger", "aes128_xcbc"];
const INTEG_P = [undefined, "hmac-md5", "hmac-sha", "dec-mac", "kpdk-md5", "aes-xcbc"];
const ESN_P = ["no-esn", "esn"];
const DH_GROUPS = [
  undefined,
  "modp768",
  "modp1024",
  "EC2N 2^155",
  "EC2N 2^185",
  "modp1536",
  "iana-grp06",
  "iana-grp07",
  "iana-grp08",
  "iana-grp09",
  "iana-grp10",
  "iana-grp11",
  "iana-grp12",
  "iana-grp13",
  "modp2048",
  "modp3072",
  "modp4096",
  "modp6144",
  "modp8192",
];
const ESP_P = [
  undefined,
  "1des-iv64",
  "1des",
  "3des",
  "rc5",
  "idea",
  "cast",
  "blowfish",
  "3idea",
  "1des-iv32",
  "rc4",
  "null",
  "aes",
];
const IPCOMP_P = [undefined, "oui", "deflate", "lzs"];

/** struct attrmap: an attribute's name and the names of its basic values below `nvalue`. */
interface AttrMap {
  type?: string;
  nvalue: number;
  value: ReadonlyArray<string | undefined>;
}
const a = (type?: string, value: ReadonlyArray<string | undefined> = [], nvalue = 0): AttrMap => ({
  ...(type === undefined ? {} : { type }),
  nvalue,
  value,
});
const LIFETYPE = a("lifetype", [undefined, "sec", "kb"], 3);
// 18, not 19: tcpdump's table lists modp8192 but never reaches it
const GROUP_DESC = a("group desc", DH_GROUPS, 18);
const IPSEC_T_MAP: AttrMap[] = [
  a(),
  LIFETYPE,
  a("life"),
  GROUP_DESC,
  a("enc mode", [undefined, "tunnel", "transport"], 3),
  a("auth", [undefined, "hmac-md5", "hmac-sha1", "1des-mac", "keyed"], 5),
  a("keylen"),
  a("rounds"),
  a("dictsize"),
  a("privalg"),
];
const ENCR_T_MAP: AttrMap[] = [...Array.from({ length: 14 }, () => a()), a("keylen", [], 14)];
const OAKLEY_T_MAP: AttrMap[] = [
  a(),
  a("enc", [undefined, "1des", "idea", "blowfish", "rc5", "3des", "cast", "aes"], 8),
  a("hash", [undefined, "md5", "sha1", "tiger", "sha2-256", "sha2-384", "sha2-512"], 7),
  a("auth", [undefined, "preshared", "dss", "rsa sig", "rsa enc", "rsa enc revised"], 6),
  GROUP_DESC,
  a("group type", [undefined, "MODP", "ECP", "EC2N"], 4),
  a("group prime"),
  a("group gen1"),
  a("group gen2"),
  a("group curve A"),
  a("group curve B"),
  LIFETYPE,
  a("lifeduration"),
  a("prf"),
  a("keylen"),
  a("field"),
  a("order"),
];

const IPSEC_ID_TYPE = [
  undefined,
  "IPv4",
  "FQDN",
  "user FQDN",
  "IPv4net",
  "IPv6",
  "IPv6net",
  "IPv4range",
  "IPv6range",
  "ASN1 DN",
  "ASN1 GN",
  "keyid",
];
const CERT_TYPE = [
  "none",
  "pkcs7",
  "pgp",
  "dns",
  "x509sign",
  "x509ke",
  "kerberos",
  "crl",
  "arl",
  "spki",
  "x509attr",
];
const NOTIFY_ERROR = [
  undefined,
  "INVALID-PAYLOAD-TYPE",
  "DOI-NOT-SUPPORTED",
  "SITUATION-NOT-SUPPORTED",
  "INVALID-COOKIE",
  "INVALID-MAJOR-VERSION",
  "INVALID-MINOR-VERSION",
  "INVALID-EXCHANGE-TYPE",
  "INVALID-FLAGS",
  "INVALID-MESSAGE-ID",
  "INVALID-PROTOCOL-ID",
  "INVALID-SPI",
  "INVALID-TRANSFORM-ID",
  "ATTRIBUTES-NOT-SUPPORTED",
  "NO-PROPOSAL-CHOSEN",
  "BAD-PROPOSAL-SYNTAX",
  "PAYLOAD-MALFORMED",
  "INVALID-KEY-INFORMATION",
  "INVALID-ID-INFORMATION",
  "INVALID-CERT-ENCODING",
  "INVALID-CERTIFICATE",
  "CERT-TYPE-UNSUPPORTED",
  "INVALID-CERT-AUTHORITY",
  "INVALID-HASH-INFORMATION",
  "AUTHENTICATION-FAILED",
  "INVALID-SIGNATURE",
  "ADDRESS-NOTIFICATION",
  "NOTIFY-SA-LIFETIME",
  "CERTIFICATE-UNAVAILABLE",
  "UNSUPPORTED-EXCHANGE-TYPE",
  "UNEQUAL-PAYLOAD-LENGTHS",
];
const IPSEC_NOTIFY_STATUS = ["RESPONDER-LIFETIME", "REPLAY-STATUS", "INITIAL-CONTACT"];
const V2_AUTH = ["invalid", "rsasig", "shared-secret", "dsssig"];
/** IKEv2 notify types tcpdump names, and whether it prints their SPI (and some data). */
const V2_NOTIFY: Record<number, [string, boolean, boolean?]> = {
  1: ["unsupported_critical_payload", false],
  4: ["invalid_ike_spi", true],
  5: ["invalid_major_version", false],
  7: ["invalid_syntax", true],
  9: ["invalid_message_id", true],
  11: ["invalid_spi", true],
  14: ["no_protocol_chosen", true],
  17: ["invalid_ke_payload", true],
  24: ["authentication_failed", true],
  34: ["single_pair_required", true],
  35: ["no_additional_sas", false],
  36: ["internal_address_failure", false],
  37: ["failed:cp_required", false],
  39: ["invalid_selectors", false],
  16384: ["initial_contact", false],
  16385: ["set_window_size", false],
  16386: ["additional_ts_possible", false],
  16387: ["ipcomp_supported", false],
  16388: ["nat_detection_source_ip", true],
  16389: ["nat_detection_destination_ip", true],
  16390: ["cookie", true, true],
  16391: ["use_transport_mode", false],
  16392: ["http_cert_lookup_supported", false],
  16393: ["rekey_sa", true],
  16394: ["tfc_padding_not_supported", false],
  16395: ["non_first_fragment_also", false],
};

/** Signals a payload printer's "goto trunc": its " [|name]" has been printed. */
const NULL = -1;

/** rawprint(): hex of `len` bytes, or false (nothing printed) when they were not captured. */
function raw(c: Ctx, off: number, len: number): boolean {
  if (!c.has(off, len)) return false;
  let s = "";
  for (let i = 0; i < len; i++) s += hex(c.b[off + i]!, 2);
  c.print(s);
  return true;
}

/** ike_show_somedata(): the first 10 and last 20 bytes up to the end of the capture. */
function someData(c: Ctx, cp: number): boolean {
  const ep = c.end;
  let end = ep - 20, elen = 20;
  let len = ep - cp;
  if (len > 10) len = 10;
  if (end < cp + len) {
    end = cp + len;
    elen = ep - end;
  }
  c.print(" data=(");
  if (!raw(c, cp, len)) return false;
  c.print("...");
  if (elen && !raw(c, end, elen)) return false;
  c.print(")");
  return true;
}

/** ikev1_attrmap_print() / ikev1_attr_print() (`map` undefined): one data attribute. */
function attrPrint(c: Ctx, p: number, ep2: number, map?: AttrMap[]): number {
  const totlen = c.u8(p) & 0x80 ? 4 : 4 + c.u16(p + 2);
  if (ep2 < p + totlen) {
    c.print("[|attr]");
    return ep2 + 1;
  }
  c.print("(");
  const t = c.u16(p) & 0x7fff;
  const m = map?.[t];
  c.print(m?.type !== undefined ? `type=${m.type} ` : `type=#${t} `);
  if (c.u8(p) & 0x80) {
    c.print("value=");
    const v = c.u16(p + 2);
    const name = m && v < m.nvalue ? m.value[v] : undefined;
    if (name !== undefined) c.print(name);
    else if (!raw(c, p + 2, 2)) {
      c.print(")");
      return NULL;
    }
  } else {
    c.print(`len=${totlen - 4} value=`);
    if (!raw(c, p + 4, totlen - 4)) {
      c.print(")");
      return NULL;
    }
  }
  c.print(")");
  return p + totlen;
}

/** The attributes of a transform, from `cp` to the item's end `ep2`; NULL when cut. */
function attrs(c: Ctx, cp: number, ep2: number, map?: AttrMap[]): number {
  while (cp < c.end && cp < ep2) {
    cp = attrPrint(c, cp, ep2, map);
    if (cp === NULL) return NULL;
  }
  if (c.end < ep2) c.print("...");
  return cp;
}

/** What a payload printer gets: tcpdump's (tpay, ext, item_len, phase, doi, proto, depth). */
interface Item {
  np: number;
  ext: number;
  len: number;
  phase: number;
  doi: number;
  proto: number;
  depth: number;
}

/** " [|name]" and NULL: a payload printer's trunc label. */
function cut(c: Ctx, np: number): number {
  c.print(` [|${npStr(np)}]`);
  return NULL;
}

/** The payload printers of tcpdump's npfunc table, by payload type. */
const NPFUNC: Record<number, (c: Ctx, it: Item) => number> = {
  1: v1Sa,
  2: v1P,
  3: v1T,
  4: (c, it) => v1Data(c, it, "key len"),
  5: v1Id,
  6: v1Cert,
  7: v1Cert,
  8: (c, it) => v1Data(c, it, "len"),
  9: (c, it) => v1Data(c, it, "len"),
  10: v1Nonce,
  11: v1N,
  12: v1D,
  13: (c, it) => v1Data(c, it, "len"),
  33: v2Sa,
  34: v2Ke,
  35: v2Id,
  36: v2Id,
  37: v2Gen,
  38: v2Gen,
  39: v2Auth,
  40: v2Nonce,
  41: v2N,
  42: v2Gen,
  43: v2Vid,
  44: v2Gen,
  45: v2Gen,
  47: v2Gen,
  48: v2Gen,
};

function v1Sa(c: Ctx, it: Item): number {
  const { ext } = it;
  c.print("sa:");
  if (!c.has(ext, 12)) return cut(c, 1);
  const doi = c.u32(ext + 4), sit = c.u32(ext + 8);
  if (doi !== 1) {
    c.print(` doi=${doi} situation=${sit}`);
    return ext + 12;
  }
  c.print(" doi=ipsec situation=");
  const names = [];
  if (sit & 1) names.push("identity");
  if (sit & 2) names.push("secrecy");
  if (sit & 4) names.push("integrity");
  c.print(names.join("+"));
  let np = ext + 12;
  if (sit !== 1) {
    // tcpdump reads the "ident" from ext + 1 struct isakmp_gen, that is the DOI field
    c.print(` ident=${c.u32(ext + 4)}`);
    np += 4;
  }
  if (!c.has(np, 4)) return cut(c, 1);
  return v1Sub(c, 2, np, it.phase, doi, it.proto, it.depth);
}

function v1P(c: Ctx, it: Item): number {
  const { ext } = it;
  c.print("p:");
  if (!c.has(ext, 8)) return cut(c, 2);
  const protoId = c.u8(ext + 5);
  c.print(` #${c.u8(ext + 4)} protoid=${strOrId(PROTOID, protoId)} transform=${c.u8(ext + 7)}`);
  const spiSize = c.u8(ext + 6);
  if (spiSize) {
    c.print(" spi=");
    if (!raw(c, ext + 8, spiSize)) return cut(c, 2);
  }
  const t = ext + 8 + spiSize;
  if (!c.has(t, 4)) return cut(c, 2);
  return v1Sub(c, 3, t, it.phase, it.doi, protoId, it.depth);
}

function v1T(c: Ctx, it: Item): number {
  const { ext } = it;
  c.print("t:");
  if (!c.has(ext, 8)) return cut(c, 3);
  const id = c.u8(ext + 5);
  const [ids, map] = ({
    1: [IKEV1_P, OAKLEY_T_MAP],
    2: [AH_P, IPSEC_T_MAP],
    3: [ESP_P, IPSEC_T_MAP],
    4: [IPCOMP_P, IPSEC_T_MAP],
  } as Record<number, [ReadonlyArray<string | undefined>, AttrMap[]]>)[it.proto] ?? [];
  c.print(` #${c.u8(ext + 4)} id=${ids ? strOrId(ids, id) : id} `);
  const cp = attrs(c, ext + 8, ext + it.len, map);
  return cp === NULL ? cut(c, 3) : cp;
}

/** KE, hash, signature, vendor ID: the length, and at -vvv the bytes. */
function v1Data(c: Ctx, it: Item, label: string): number {
  c.print(`${npStr(it.np)}: ${label}=${it.len - 4}`);
  if (c.f.v > 2 && it.len > 4) {
    c.print(" ");
    if (!raw(c, it.ext + 4, it.len - 4)) return cut(c, it.np);
  }
  return it.ext + it.len;
}

function v1Id(c: Ctx, it: Item): number {
  const { ext } = it;
  c.print("id:");
  if (!c.has(ext, 8)) return cut(c, 5);
  const data = it.len > 8 ? ext + 8 : -1;
  let len = it.len > 8 ? it.len - 8 : 0;
  // phases 1 and 2 both use the IPsec DOI's identification (USE_IPSECDOI_IN_PHASE1)
  const type = c.u8(ext + 4);
  c.print(` idtype=${strOrId(IPSEC_ID_TYPE, type)}`);
  // netdb_protoname()'s names without -n.
  const proto = c.u8(ext + 5);
  c.print(
    ` protoid=${(proto !== 0 && c.f.names?.protocol(proto)) || proto} port=${c.u16(ext + 6)}`,
  );
  if (len) {
    if (!c.has(data, len)) return cut(c, 5);
    const bad = (n: number) => c.print(` len=${len} [bad: < ${n}]`);
    switch (type) {
      case 1:
        if (len < 4) bad(4);
        else c.print(` len=${len} ${c.ip4(data)}`);
        len = 0;
        break;
      case 2:
      case 3:
        c.print(` len=${len} ${printn(c, data, len)}`);
        len = 0;
        break;
      case 4:
        if (len < 8) bad(8);
        else {
          c.print(
            ` len=${len} ${c.ip4(data)}/${[4, 5, 6, 7].map((i) => c.u8(data + i)).join(".")}`,
          );
        }
        len = 0;
        break;
      case 5:
        if (len < 16) bad(16);
        else c.print(` len=${len} ${c.ip6(data)}`);
        len = 0;
        break;
      case 6:
        if (len < 32) bad(32);
        else {
          let m = "";
          for (let i = 16; i < 32; i++) m += hex(c.u8(data + i), 2);
          c.print(` len=${len} ${c.ip6(data)}/0x${m}`);
        }
        len = 0;
        break;
      case 7:
        if (len < 8) bad(8);
        else c.print(` len=${len} ${c.ip4(data)}-${c.ip4(data + 4)}`);
        len = 0;
        break;
      case 8:
        if (len < 32) bad(32);
        else c.print(` len=${len} ${c.ip6(data)}-${c.ip6(data + 16)}`);
        len = 0;
        break;
    }
  }
  if (data >= 0 && len) {
    c.print(` len=${len}`);
    if (c.f.v > 2) {
      c.print(" ");
      if (!raw(c, data, len)) return cut(c, 5);
    }
  }
  return ext + it.len;
}

/** Certificate and certificate request. */
function v1Cert(c: Ctx, it: Item): number {
  c.print(`${npStr(it.np)}:`);
  if (!c.has(it.ext, 6)) return cut(c, it.np);
  c.print(` len=${it.len - 4} type=${strOrId(CERT_TYPE, c.u8(it.ext + 4))}`);
  if (c.f.v > 2 && it.len > 4) {
    c.print(" ");
    if (!raw(c, it.ext + 4, it.len - 4)) return cut(c, it.np);
  }
  return it.ext + it.len;
}

function v1Nonce(c: Ctx, it: Item): number {
  c.print(`nonce: n len=${it.len - 4}`);
  if (it.len > 4) {
    if (c.f.v > 2) {
      c.print(" ");
      if (!raw(c, it.ext + 4, it.len - 4)) return cut(c, 10);
    } else if (c.f.v > 1) {
      c.print(" ");
      if (!someData(c, it.ext + 4)) return cut(c, 10);
    }
  }
  return it.ext + it.len;
}

function v1N(c: Ctx, it: Item): number {
  const { ext } = it;
  c.print("n:");
  if (!c.has(ext, 12)) return cut(c, 11);
  const doi = c.u32(ext + 4), proto = c.u8(ext + 8), type = c.u16(ext + 10);
  const spiSize = c.u8(ext + 9);
  const spi = () => {
    if (!spiSize) return true;
    c.print(" spi=");
    return raw(c, ext + 12, spiSize);
  };
  if (doi !== 1) {
    c.print(` doi=${doi} proto=${proto} type=`);
    if (type < 8192) c.print(strOrId(NOTIFY_ERROR, type));
    else if (type >= 16384 && type < 24576) c.print(strOrId(["CONNECTED"], type - 16384));
    else c.print(`#${type}`);
    if (!spi()) return cut(c, 11);
    return ext + 12 + spiSize;
  }
  c.print(` doi=ipsec proto=${strOrId(PROTOID, proto)} type=`);
  if (type < 8192) c.print(strOrId(NOTIFY_ERROR, type));
  else if (type < 16384) c.print(strOrId(["RESERVED"], type - 8192));
  else if (type < 24576) c.print(strOrId(["CONNECTED"], type - 16384));
  else if (type < 32768) c.print(strOrId(IPSEC_NOTIFY_STATUS, type - 24576));
  else c.print(`#${type}`);
  if (!spi()) return cut(c, 11);
  let cp = ext + 12 + spiSize;
  const ep2 = ext + it.len;
  if (cp < c.end) {
    if (type === 24576) {
      c.print(" attrs=(");
      while (cp < c.end && cp < ep2) {
        cp = attrPrint(c, cp, ep2, OAKLEY_T_MAP);
        if (cp === NULL) {
          c.print(")");
          return cut(c, 11);
        }
      }
      c.print(")");
    } else if (type === 24577) {
      c.print(` status=(replay detection ${c.u32(cp) ? "en" : "dis"}abled)`);
    } else if (c.f.v > 3) {
      c.print(" data=(");
      if (!raw(c, cp, c.end - cp)) return cut(c, 11);
      c.print(")");
    } else if (!someData(c, cp)) return cut(c, 11);
  }
  return ext + it.len;
}

function v1D(c: Ctx, it: Item): number {
  const { ext } = it;
  c.print("d:");
  if (!c.has(ext, 12)) return cut(c, 12);
  const doi = c.u32(ext + 4), proto = c.u8(ext + 8);
  c.print(doi !== 1 ? ` doi=${doi} proto=${proto}` : ` doi=ipsec proto=${strOrId(PROTOID, proto)}`);
  const spiSize = c.u8(ext + 9), n = c.u16(ext + 10);
  c.print(` spilen=${spiSize} nspi=${n} spi=`);
  let q = ext + 12;
  for (let i = 0; i < n; i++) {
    if (i) c.print(",");
    if (!raw(c, q, spiSize)) return cut(c, 12);
    q += spiSize;
  }
  return q;
}

/** ikev2_pay_print(): the payload's name, "[C]" when the critical bit is set. */
function pay(c: Ctx, name: string, ext: number): void {
  c.print(`${name}${c.u8(ext + 1) & 0x80 ? "[C]" : ""}:`);
}

/** ikev2_gen_print(): certificates, requests, delete, TS, CP, EAP: the length (-vvv: bytes). */
function v2Gen(c: Ctx, it: Item): number {
  pay(c, npStr(it.np), it.ext);
  c.print(` len=${it.len - 4}`);
  if (c.f.v > 2 && it.len > 4) {
    c.print(" ");
    if (!raw(c, it.ext + 4, it.len - 4)) return cut(c, it.np);
  }
  return it.ext + it.len;
}

function v2T(c: Ctx, count: number, ext: number, len: number): number {
  if (!c.has(ext, 8)) return cut(c, 3);
  pay(c, "t", ext);
  const id = c.u16(ext + 6), type = c.u8(ext + 4);
  const [ids, map] = ({
    1: [ESP_P, ENCR_T_MAP],
    2: [PRF_P],
    3: [INTEG_P],
    4: [DH_GROUPS],
    5: [ESN_P],
  } as Record<number, [ReadonlyArray<string | undefined>, AttrMap[]?]>)[type] ?? [];
  c.print(` #${count} type=${strOrId(IKEV2_T_TYPE, type)} id=${ids ? strOrId(ids, id) : id} `);
  const cp = attrs(c, ext + 8, ext + len, map);
  return cp === NULL ? cut(c, 3) : cp;
}

/** The substructures of an IKEv2 SA or proposal: "toolong" skips the rest. */
function v2Chain(
  c: Ctx,
  cp: number,
  room: number,
  first: number,
  depth: number,
  label: number,
  each: (ext: number, len: number, n: number) => number,
): number {
  let count = 0, ext = cp;
  for (let np = first; np !== 0; np = c.u8(ext)) {
    count++;
    ext = cp;
    if (room < 4) return toolong();
    if (!c.has(ext, 4)) return cut(c, label);
    const len = c.u16(ext + 2);
    if (len <= 4) return cut(c, label);
    if (room < len) return toolong();
    if (!c.has(cp, len)) return cut(c, label);
    c.print(`\n${"    ".repeat(depth + 1)}(`);
    if (np === first) {
      cp = each(ext, len, count);
      if (cp === NULL) return NULL;
    } else {
      c.print(npStr(np));
      cp += len;
    }
    c.print(")");
    room -= len;
  }
  return cp;
  function toolong(): number {
    c.print(` [|${npStr(label)}]`);
    return cp + room;
  }
}

function v2Sa(c: Ctx, it: Item): number {
  if (!c.has(it.ext, 4)) return cut(c, it.np);
  pay(c, "sa", it.ext);
  const room = c.u16(it.ext + 2) - 4;
  c.print(` len=${room}`);
  return v2Chain(c, it.ext + 4, room, 2, it.depth, it.np, (ext, len, _n) => {
    const depth = it.depth + 1;
    if (!c.has(ext, 8)) return cut(c, 2);
    pay(c, "p", ext);
    let room = len - 4; // tcpdump counts the proposal from after its generic header
    c.print(
      ` #${c.u8(ext + 4)} protoid=${strOrId(PROTOID, c.u8(ext + 5))} transform=${
        c.u8(ext + 7)
      } len=${len}`,
    );
    let cp = ext + 8;
    const spiSize = c.u8(ext + 6);
    if (spiSize) {
      if (room < spiSize) {
        c.print(" [|p]");
        return cp + room;
      }
      c.print(" spi=");
      if (!raw(c, cp, spiSize)) return cut(c, 2);
      cp += spiSize;
      room -= spiSize;
    }
    return v2Chain(c, cp, room, 3, depth, 2, (t, tlen, n) => v2T(c, n, t, tlen));
  });
}

function v2Ke(c: Ctx, it: Item): number {
  if (!c.has(it.ext, 8)) return cut(c, it.np);
  pay(c, npStr(it.np), it.ext);
  if (it.len < 8) {
    c.print(` len=${it.len} < 8`);
    return it.ext + it.len;
  }
  c.print(` len=${it.len - 8} group=${strOrId(DH_GROUPS, c.u16(it.ext + 4))}`);
  if (c.f.v > 2 && it.len > 8) {
    c.print(" ");
    if (!raw(c, it.ext + 8, it.len - 8)) return cut(c, it.np);
  }
  return it.ext + it.len;
}

/** Printable ASCII as is, other bytes as ".". */
function ascii(c: Ctx, off: number, len: number): string {
  let s = "";
  for (let i = 0; i < len; i++) {
    const b = c.b[off + i]!;
    s += b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : ".";
  }
  return s;
}

function v2Id(c: Ctx, it: Item): number {
  const { ext } = it;
  if (!c.has(ext, 8)) return cut(c, it.np);
  pay(c, npStr(it.np), ext);
  c.print(` len=${it.len - 4}`);
  if (c.f.v > 2 && it.len > 4) {
    c.print(" ");
    if (!raw(c, ext + 4, it.len - 4)) return cut(c, it.np);
  }
  // an item of 5 to 7 bytes leaves tcpdump's unsigned length huge: the dump is cut
  const len = it.len - 8 < 0 ? Infinity : it.len - 8;
  const kind =
    ({ 1: "ipv4", 2: "fqdn", 3: "rfc822", 5: "ipv6", 9: "dn", 10: "gn", 11: "keyid" } as Record<
      number,
      string
    >)[c.u8(ext + 4)];
  if (kind) {
    c.print(` ${kind}:`);
    if (!c.has(ext + 8, len)) return cut(c, it.np);
    if (kind === "fqdn" || kind === "rfc822") c.print(ascii(c, ext + 8, len));
    else raw(c, ext + 8, len);
  }
  return ext + it.len;
}

function v2Auth(c: Ctx, it: Item): number {
  if (!c.has(it.ext, 8)) return cut(c, it.np);
  pay(c, npStr(it.np), it.ext);
  c.print(` len=${it.len - 4} method=${strOrId(V2_AUTH, c.u8(it.ext + 4))}`);
  if (it.len > 4) {
    if (c.f.v > 1) {
      c.print(" authdata=(");
      if (it.len < 8 || !raw(c, it.ext + 8, it.len - 8)) return cut(c, it.np);
      c.print(") ");
    } else if (c.f.v && !someData(c, it.ext + 8)) return cut(c, it.np);
  }
  return it.ext + it.len;
}

function v2Nonce(c: Ctx, it: Item): number {
  pay(c, "nonce", it.ext);
  c.print(` len=${it.len - 4}`);
  if (c.f.v > 1 && it.len > 4) {
    c.print(" nonce=(");
    if (!raw(c, it.ext + 4, it.len - 4)) return cut(c, it.np);
    c.print(") ");
  } else if (c.f.v && it.len > 4 && !someData(c, it.ext + 4)) return cut(c, it.np);
  return it.ext + it.len;
}

function v2N(c: Ctx, it: Item): number {
  const { ext } = it;
  if (!c.has(ext, 8)) return cut(c, 11);
  pay(c, "n", ext);
  c.print(` prot_id=${strOrId(PROTOID, c.u8(ext + 4))}`);
  const type = c.u16(ext + 6);
  const known = V2_NOTIFY[type];
  const [name, showSpi, someOf] = known ??
    [
      type < 8192
        ? "error"
        : type < 16384
        ? "private-error"
        : type < 40960
        ? "status"
        : "private-status",
      true,
    ];
  c.print(` type=${type}(${name})`);
  const spiSize = c.u8(ext + 5);
  if (showSpi && spiSize) {
    c.print(" spi=");
    if (!raw(c, ext + 8, spiSize)) return cut(c, 11);
  }
  const cp = ext + 8 + spiSize;
  if (cp < c.end) {
    if (c.f.v > 3 || (someOf && c.end - cp < 30)) {
      c.print(" data=(");
      if (!raw(c, cp, c.end - cp)) return cut(c, 11);
      c.print(")");
    } else if (someOf && !someData(c, cp)) return cut(c, 11);
  }
  return ext + it.len;
}

function v2Vid(c: Ctx, it: Item): number {
  pay(c, npStr(it.np), it.ext);
  const len = it.len - 4;
  c.print(` len=${len} vid=`);
  if (!c.has(it.ext + 4, len)) return cut(c, it.np);
  c.print(ascii(c, it.ext + 4, len));
  if (c.f.v > 2 && len > 4) {
    c.print(" ");
    raw(c, it.ext + 4, len);
  }
  return it.ext + it.len;
}

/** ikev2_e_print(): the encrypted payload's length (-vvv: bytes); it ends the chain. */
function v2E(c: Ctx, it: Item): number {
  pay(c, npStr(it.np), it.ext);
  const dlen = it.len - 4;
  c.print(` len=${dlen}`);
  if (c.f.v > 2 && dlen > 4) {
    c.print(" ");
    if (!raw(c, it.ext + 4, dlen)) return cut(c, it.np);
  }
  if (!c.has(it.ext + 4, dlen)) return cut(c, it.np);
  return NULL;
}

/**
 * ikev1_sub_print() / ikev2_sub_print(): payloads from `ext` while the next-payload chain goes
 * on, each on its own line; the offset after the last, or NULL when one was cut.
 */
function v1Sub(
  c: Ctx,
  np: number,
  ext: number,
  phase: number,
  doi: number,
  proto: number,
  depth: number,
  v2 = false,
): number {
  let cp = ext;
  while (np) {
    if (!c.has(ext, 4)) return cut(c, np);
    const len = c.u16(ext + 2);
    if (!c.has(ext, len)) return cut(c, np);
    c.print(`\n${"    ".repeat(depth + 1)}(`);
    // ike_sub0_print(): an item under 5 bytes ends the walk silently
    if (len <= 4) cp = NULL;
    else {
      const it = { np, ext, len, phase, doi, proto, depth: depth + 1 };
      const f = v2 && np === 46 ? v2E : NPFUNC[np];
      if (f) cp = f(c, it);
      else {
        c.print(npStr(np));
        cp = ext + len;
      }
    }
    c.print(")");
    if (cp === NULL) return NULL;
    np = c.u8(ext);
    ext = cp;
  }
  return cp;
}

/** The cookie cache of this printer, made on first use. */
function cookies(c: Ctx): CookieCache {
  let cache = c.keep.get("isakmp") as CookieCache | undefined;
  if (!cache) {
    cache = {
      slots: Array.from(
        { length: MAXINITIATORS },
        () => ({ cookie: ZERO_COOKIE, version: 0, iaddr: "", raddr: "" }),
      ),
      next: 0,
    };
    c.keep.set("isakmp", cache);
  }
  return cache;
}

/** An address's bytes in hex, for the cache. */
function addrKey(c: Ctx, off: number, v: number): string {
  let s = "";
  for (let i = 0; i < (v === 4 ? 4 : 16); i++) s += hex(c.b[off + i]!, 2);
  return s;
}

function ikev1Print(c: Ctx, bp: number, length: number, ip: IpInfo): void {
  const phase = c.u32(bp + 20) === 0 ? 1 : 2;
  c.print(phase === 1 ? " phase 1" : " phase 2/others");
  let icookie = "";
  for (let i = 0; i < 8; i++) icookie += hex(c.b[bp + i]!, 2);
  const cache = cookies(c);
  const i = cache.slots.findIndex((s) => s.cookie === icookie);
  const v = ip.version;
  const src = addrKey(c, ip.srcOff, v);
  if (i < 0) {
    let rzero = true;
    for (let k = 8; k < 16; k++) if (c.b[bp + k]) rzero = false;
    if (rzero) {
      c.print(" I"); // the first packet: cookie_record()
      cache.slots[cache.next] = {
        cookie: icookie,
        version: v,
        iaddr: src,
        raddr: addrKey(c, ip.dstOff, v),
      };
      cache.next = (cache.next + 1) % MAXINITIATORS;
    } else c.print(" ?");
  } else {
    const s = cache.slots[i]!;
    if (s.version === v && s.iaddr === src) c.print(" I");
    else if (s.version === v && s.raddr === src) c.print(" R");
    else c.print(" ?");
  }
  c.print(` ${ETYPE[c.u8(bp + 18)] ?? `#${c.u8(bp + 18)}`}`);
  const flags = c.u8(bp + 19);
  if (flags) c.print(`[${flags & 1 ? "E" : ""}${flags & 2 ? "C" : ""}]`);
  if (c.f.v) {
    c.print(":");
    const np = c.u8(bp + 16);
    if (flags & 1) c.print(` [encrypted ${npStr(np)}]`);
    else v1Sub(c, np, bp + 28, phase, 0, 0, 0);
    lenMismatch(c, bp, length);
  }
}

function lenMismatch(c: Ctx, bp: number, length: number): void {
  const len = c.u32(bp + 24);
  if (len !== length) c.print(` (len mismatch: isakmp ${len}/ip ${length})`);
}

function ikev2Print(c: Ctx, bp: number, length: number): void {
  const phase = c.u32(bp + 20) === 0 ? 1 : 2;
  c.print(phase === 1 ? " parent_sa" : " child_sa ");
  c.print(` ${ETYPE[c.u8(bp + 18)] ?? `#${c.u8(bp + 18)}`}`);
  const flags = c.u8(bp + 19);
  if (flags) {
    c.print(`[${flags & 8 ? "I" : ""}${flags & 0x10 ? "V" : ""}${flags & 0x20 ? "R" : ""}]`);
  }
  if (c.f.v) {
    c.print(":");
    const np = c.u8(bp + 16);
    if (flags & 1) c.print(` [encrypted ${npStr(np)}]`);
    else v1Sub(c, np, bp + 28, phase, 0, 0, 0, true);
    lenMismatch(c, bp, length);
  }
}

/**
 * isakmp_print(): an ISAKMP message of `length` bytes at `off` (UDP 500, 7500, 8500, or 4500
 * after the non-ESP marker); `ip` is the IP header it came in.
 */
export function isakmpPrint(c: Ctx, off: number, length: number, ip: IpInfo): void {
  c.proto = "isakmp";
  if (!c.has(off, 28)) return c.trunc();
  c.print("isakmp");
  const vers = c.u8(off + 17);
  const major = vers >> 4;
  if (c.f.v) {
    let msgid = "";
    for (let i = 20; i < 24; i++) msgid += hex(c.u8(off + i), 2);
    c.print(` ${major}.${vers & 0x0f} msgid ${msgid}`);
  }
  if (c.f.v > 1) {
    let ck = "";
    for (let i = 0; i < 16; i++) ck += (i === 8 ? "->" : "") + hex(c.u8(off + i), 2);
    c.print(` cookie ${ck}`);
  }
  c.print(":");
  if (major === 1) ikev1Print(c, off, length, ip);
  else if (major === 2) ikev2Print(c, off, length);
}
