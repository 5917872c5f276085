// SNMPv1/v2c/v3 as tcpdump 4.99 prints it with -n (print-snmp.c): the BER walk, the community
// when it is not "public", SNMPv3's flags, USM user (boots and time with -v) and scoped-PDU
// context, the PDU with request ID (-v), error status and index, variable bindings, and v1
// traps.

import { mibAbbreviations, type MibChildren, mibRoot } from "./_snmp_mib.ts";
import { type Ctx, printn } from "./_ctx.ts";

const PDU = [
  "GetRequest",
  "GetNextRequest",
  "GetResponse",
  "SetRequest",
  "Trap",
  "GetBulk",
  "Inform",
  "V2Trap",
  "Report",
];
const ERROR_STATUS = [
  "noError",
  "tooBig",
  "noSuchName",
  "badValue",
  "readOnly",
  "genErr",
  "noAccess",
  "wrongType",
  "wrongLength",
  "wrongEncoding",
  "wrongValue",
  "noCreation",
  "inconsistentValue",
  "resourceUnavailable",
  "commitFailed",
  "undoFailed",
  "authorizationError",
  "notWritable",
  "inconsistentName",
];
const GENERIC_TRAP = [
  "coldStart",
  "warmStart",
  "linkDown",
  "linkUp",
  "authenticationFailure",
  "egpNeighborLoss",
  "enterpriseSpecific",
];
const VERSION = ["SNMPv1", "SNMPv2c", "SNMPv2u", "SNMPv3"];

type Kind =
  | "int"
  | "uns"
  | "uns64"
  | "str"
  | "oid"
  | "null"
  | "seq"
  | "inetaddr"
  | "pdu"
  | "octet"
  | "nosuchobject"
  | "nosuchinstance"
  | "endofmibview"
  | "any";

interface Elem {
  kind: Kind;
  /** PDU number for "pdu", otherwise the tag number. */
  id: number;
  /** Offset and length of the contents. */
  at: number;
  len: number;
  int: number;
}

const UNIVERSAL = [
  "U-0",
  "Boolean",
  "Integer",
  "Bitstring",
  "String",
  "Null",
  "ObjID",
  "ObjectDes",
  ...Array.from({ length: 8 }, (_, i) => `U-${i + 8}`),
  "Sequence",
  "Set",
];
const APPLICATION = ["IpAddress", "Counter", "Gauge", "TimeTicks", "Opaque", "C-5", "Counter64"];
/** Tag names by class; print-snmp.c's defineCLASS() names every class "x" (its "x" is literal). */
const CLASS_IDS = [UNIVERSAL, APPLICATION, PDU, ["P-0"]];

/** asn1_parse(): one BER element at `p` within `len` bytes; its total length, or -1 (printed). */
function parse(c: Ctx, p: number, len: number, e: Elem): number {
  e.len = 0, e.kind = "any", e.int = 0;
  if (len < 1) {
    c.print("[nothing to parse]");
    return -1;
  }
  const b = c.u8(p);
  const form = (b >> 5) & 1, cls = b >> 6;
  let id = b & 0x1f;
  p++, len--;
  let hdr = 1;
  if (id === 0x1f) {
    // the extended tag: tcpdump keeps it in a u_char
    id = 0;
    while (c.u8(p) & 0x80) {
      if (len < 1) {
        c.print("[Xtagfield?]");
        return -1;
      }
      id = ((id << 7) | (c.u8(p) & 0x7f)) & 0xff;
      len--, hdr++, p++;
    }
    if (len < 1) {
      c.print("[Xtagfield?]");
      return -1;
    }
    id = ((id << 7) | c.u8(p)) & 0xff;
    len--, hdr++, p++;
  }
  e.id = id;
  if (len < 1) {
    c.print("[no asnlen]");
    return -1;
  }
  let asnlen = c.u8(p);
  p++, len--, hdr++;
  if (asnlen & 0x80) {
    let noct = asnlen & 0x7f;
    asnlen = 0;
    if (len < noct) {
      c.print(`[asnlen? ${len}<${noct}]`);
      return -1;
    }
    if (!c.has(p, noct)) {
      c.trunc();
      return -1;
    }
    for (; noct; len--, hdr++, noct--) asnlen = ((asnlen << 8) | c.u8(p++)) >>> 0;
  }
  if (len < asnlen) {
    c.print(`[len${len}<asnlen${asnlen}]`);
    return -1;
  }
  const ids = CLASS_IDS[cls]!;
  if (id >= ids.length) {
    c.print(`[id?${form ? "C" : "P"}/x/${id}]`);
    return -1;
  }
  if (!c.has(p, asnlen)) {
    c.trunc();
    return -1;
  }
  e.at = p, e.len = asnlen;
  const octet = (mark: string) => {
    e.kind = "octet";
    c.print(mark);
  };
  if (!form) {
    if (cls === 0) {
      if (id === 4) e.kind = "str";
      else if (id === 2) {
        e.kind = "int";
        if (asnlen === 0) {
          c.print("[asnlen=0]");
          return -1;
        }
        let x = c.u8(p) & 0x80 ? -1 : 0;
        for (let i = 0; i < asnlen; i++) x = (x << 8) | c.u8(p + i);
        e.int = x | 0;
      } else if (id === 6) e.kind = "oid";
      else if (id === 5) e.kind = "null";
      else octet(`[P/U/${UNIVERSAL[id]}]`);
    } else if (cls === 1) {
      if (id === 0) e.kind = "inetaddr";
      else if (id >= 1 && id <= 3) {
        e.kind = "uns";
        let x = 0;
        for (let i = 0; i < asnlen; i++) x = ((x << 8) + c.u8(p + i)) >>> 0;
        e.int = x;
      } else if (id === 6) e.kind = "uns64";
      else octet(`[P/A/${APPLICATION[id]}]`);
    } else if (cls === 2) {
      if (id === 0) e.kind = "nosuchobject";
      else if (id === 1) e.kind = "nosuchinstance";
      else if (id === 2) e.kind = "endofmibview";
    } else octet(`[P/x/${ids[id]}]`);
  } else if (cls === 0) {
    if (id === 16) e.kind = "seq";
    else octet(`C/U/${UNIVERSAL[id]}`);
  } else if (cls === 2) e.kind = "pdu";
  else octet(`C/x/${ids[id]}`);
  return asnlen + hdr;
}

/** asn1_print(): the element; its ND_TCHECKs print " [|snmp]". */
function print(c: Ctx, e: Elem): void {
  const v = e.at;
  switch (e.kind) {
    case "octet":
      if (!c.has(v, e.len)) {
        c.trunc();
        return;
      }
      for (let i = 0; i < e.len; i++) c.print("_" + c.u8(v + i).toString(16).padStart(2, "0"));
      break;
    case "int":
    case "uns":
      c.print(String(e.int));
      break;
    case "uns64": {
      let x = 0n;
      for (let i = 0; i < e.len; i++) x = BigInt.asUintN(64, x * 256n + BigInt(c.u8(v + i)));
      c.print(String(x));
      break;
    }
    case "str": {
      if (!c.has(v, e.len)) {
        c.trunc();
        return;
      }
      let printable = true;
      for (let i = 0; printable && i < e.len; i++) {
        const ch = c.u8(v + i);
        if (ch < 0x20 || ch > 0x7e) printable = false;
      }
      if (printable) c.print(`"${printn(c, v, e.len)}"`);
      else {
        const h: string[] = [];
        for (let i = 0; i < e.len; i++) h.push(c.u8(v + i).toString(16).padStart(2, "0"));
        c.print(h.join("_"));
      }
      break;
    }
    case "oid": {
      // Without -n the names of tcpdump's compiled-in MIB, after one of its shortened
      // prefixes where the OID starts with one (OBJ_PRINT()).
      const named = c.f.names !== undefined;
      let objects: MibChildren | undefined, first = -1, i = 0, o = 0;
      if (named && e.len > 2) {
        for (const a of mibAbbreviations()) {
          const n = a.bytes.length;
          if (e.len < n || a.bytes.some((b, k) => c.u8(v + k) !== b)) continue;
          objects = a.children;
          i = n;
          c.print(a.prefix);
          first = 1;
          break;
        }
      }
      const object = (id: number, suppressDot: boolean) => {
        const node = objects?.get(id);
        objects = node?.children;
        c.print((suppressDot ? "" : ".") + (node ? node.name : id));
      };
      for (; i < e.len; i++) {
        const b = c.u8(v + i);
        o = (((o << 7) >>> 0) + (b & 0x7f)) >>> 0;
        if (b & 0x80) continue;
        if (first < 0) {
          if (named) objects = mibRoot();
          first = 0;
          const s = Math.min(2, Math.floor(o / 40));
          object(s, false);
          o -= s * 40;
        }
        object(o, first > 0);
        if (--first < 0) first = 0;
        o = 0;
      }
      break;
    }
    case "null":
      break;
    case "seq":
      c.print(`Seq(${e.len})`);
      break;
    case "inetaddr":
      if (e.len !== 4) c.print("[inetaddr len!=4]");
      if (!c.has(v, e.len)) {
        c.trunc();
        return;
      }
      for (let i = 0; i < e.len; i++) c.print(`${i ? "." : ""}${c.u8(v + i)}`);
      break;
    case "nosuchobject":
      c.print("[noSuchObject]");
      break;
    case "nosuchinstance":
      c.print("[noSuchInstance]");
      break;
    case "endofmibview":
      c.print("[endOfMibView]");
      break;
    case "pdu":
      c.print(`${PDU[e.id]}(${e.len})`);
      break;
    default:
      c.print("[BE_ANY!?]");
  }
}

/** The kind of an element parse() refilled (a function, so TypeScript does not narrow it). */
const kind = (e: Elem): Kind => e.kind;
const elem = (): Elem => ({ kind: "any", id: 0, at: 0, len: 0, int: 0 });
const REQUESTS = new Set([0, 1, 3, 6, 7, 8]);

function varbinds(c: Ctx, pdu: number, p: number, length: number): void {
  const e = elem();
  let n = parse(c, p, length, e);
  if (n < 0) return;
  if (kind(e) !== "seq") {
    c.print("[!SEQ of varbind]");
    return print(c, e);
  }
  if (n < length) c.print(`[${length - n} extra after SEQ of varbind]`);
  length = e.len, p = e.at;
  while (length) {
    c.print(" ");
    n = parse(c, p, length, e);
    if (n < 0) return;
    if (kind(e) !== "seq") {
      c.print("[!varbind]");
      return print(c, e);
    }
    const vbend = p + n, vblen = length - n;
    let l = e.len, q = e.at;
    n = parse(c, q, l, e);
    if (n < 0) return;
    if (kind(e) !== "oid") {
      c.print("[objName!=OID]");
      return print(c, e);
    }
    print(c, e);
    l -= n, q += n;
    const get = pdu === 0 || pdu === 1 || pdu === 5;
    if (!get) c.print("=");
    n = parse(c, q, l, e);
    if (n < 0) return;
    if (get) {
      if (kind(e) !== "null") {
        c.print("[objVal!=NULL]");
        print(c, e);
      }
    } else if (kind(e) !== "null") print(c, e);
    length = vblen, p = vbend;
  }
}

function intField(c: Ctx, p: number, length: number, e: Elem, name: string): number {
  const n = parse(c, p, length, e);
  if (n < 0) return -1;
  if (kind(e) !== "int") {
    c.print(`[${name}!=INT]`);
    print(c, e);
    return -1;
  }
  return n;
}

function snmpPdu(c: Ctx, pdu: number, p: number, length: number): void {
  const e = elem();
  let n = intField(c, p, length, e, "reqId");
  if (n < 0) return;
  if (c.f.v) c.print(`R=${e.int} `);
  length -= n, p += n;
  if ((n = intField(c, p, length, e, "errorStatus")) < 0) return;
  let status = 0;
  const decode = (s: number) => ERROR_STATUS[s] ?? `err=${s >>> 0}`; // "%u"
  if (REQUESTS.has(pdu) && e.int !== 0) c.print(`[errorStatus(${decode(e.int)})!=0]`);
  else if (pdu === 5) c.print(` N=${e.int}`);
  else if (e.int !== 0) {
    c.print(` ${decode(e.int)}`);
    status = e.int;
  }
  length -= n, p += n;
  if ((n = intField(c, p, length, e, "errorIndex")) < 0) return;
  if (REQUESTS.has(pdu) && e.int !== 0) c.print(`[errorIndex(${e.int})!=0]`);
  else if (pdu === 5) c.print(` M=${e.int}`);
  else if (e.int !== 0) c.print(status ? `@${e.int}` : `[errorIndex(${e.int}) w/o errorStatus]`);
  else if (status) c.print("[errorIndex==0]");
  length -= n, p += n;
  varbinds(c, pdu, p, length);
}

function trapPdu(c: Ctx, p: number, length: number): void {
  c.print(" ");
  const e = elem();
  let n = parse(c, p, length, e);
  if (n < 0) return;
  if (kind(e) !== "oid") {
    c.print("[enterprise!=OID]");
    return print(c, e);
  }
  print(c, e);
  c.print(" ");
  length -= n, p += n;
  if ((n = parse(c, p, length, e)) < 0) return;
  if (kind(e) !== "inetaddr") {
    c.print("[agent-addr!=INETADDR]");
    return print(c, e);
  }
  print(c, e);
  length -= n, p += n;
  if ((n = intField(c, p, length, e, "generic-trap")) < 0) return;
  const generic = e.int;
  c.print(` ${GENERIC_TRAP[generic] ?? `gt=${generic}`}`);
  length -= n, p += n;
  if ((n = intField(c, p, length, e, "specific-trap")) < 0) return;
  if (generic !== 6) {
    if (e.int !== 0) c.print(`[specific-trap(${e.int})!=0]`);
  } else c.print(` s=${e.int}`);
  length -= n, p += n;
  c.print(" ");
  if ((n = parse(c, p, length, e)) < 0) return;
  if (kind(e) !== "uns") {
    c.print("[time-stamp!=TIMETICKS]");
    return print(c, e);
  }
  print(c, e);
  length -= n, p += n;
  varbinds(c, 4, p, length);
}

/** snmp_print() (UDP ports 161 and 162). */
export function snmpPrint(c: Ctx, np: number, length: number): void {
  c.proto = "snmp";
  c.print(" ");
  const e = elem();
  let n = parse(c, np, length, e);
  if (n < 0) return;
  if (kind(e) !== "seq") {
    c.print("[!init SEQ]");
    return print(c, e);
  }
  if (n < length) c.print(`[${length - n} extra after iSEQ]`);
  length = e.len, np = e.at;
  if ((n = intField(c, np, length, e, "version")) < 0) return;
  const version = e.int;
  if (version !== 0 && version !== 1 && version !== 3) {
    c.print(`SNMP [version = ${version}]`);
    return;
  }
  if (c.f.v) c.print(`{ ${VERSION[version]} `);
  length -= n, np += n;
  if (version === 3) v3msg(c, np, length, e);
  else community(c, np, length, version, e);
  if (c.f.v) c.print("} ");
}

/** community_print(): the community unless "public", then the PDU (SNMPv1 and v2c). */
function community(c: Ctx, np: number, length: number, version: number, e: Elem): void {
  let n: number;
  if ((n = parse(c, np, length, e)) < 0) return;
  if (kind(e) !== "str") {
    c.print("[comm!=STR]");
    return print(c, e);
  }
  let isPublic = e.len === 6;
  for (let i = 0; isPublic && i < 6; i++) {
    if (c.u8(e.at + i) !== "public".charCodeAt(i)) isPublic = false;
  }
  if (!isPublic) {
    c.print("C=");
    print(c, e);
    c.print(" ");
  }
  length -= n, np += n;
  pduPrint(c, np, length, version, e);
}

/** pdu_print(): a PDU of the message's version. */
function pduPrint(c: Ctx, np: number, length: number, version: number, e: Elem): void {
  let n: number;
  if ((n = parse(c, np, length, e)) < 0) return;
  if (kind(e) !== "pdu") {
    c.print("[no PDU]");
    return;
  }
  if (n < length) c.print(`[${length - n} extra after PDU]`);
  if (c.f.v) c.print("{ ");
  print(c, e);
  c.print(" ");
  const pdu = e.id;
  // a PDU of the wrong version ends pdu_print() before its closing brace
  const wrong = (version === 0 && pdu >= 5 && pdu <= 8) || (version === 1 && pdu === 4);
  if (wrong) c.print(version === 0 ? "[v2 PDU in v1 message]" : "[v1 PDU in v2 message]");
  else if (pdu === 4) trapPdu(c, e.at, e.len);
  else if (pdu <= 8) snmpPdu(c, pdu, e.at, e.len);
  if (c.f.v && !wrong) c.print(" } ");
}

/** The next element must be `want`; else "[name!=WHAT]" and the element, and -1. */
function field(c: Ctx, p: number, length: number, e: Elem, want: Kind, name: string): number {
  const n = parse(c, p, length, e);
  if (n < 0) return -1;
  if (kind(e) !== want) {
    c.print(`[${name}!=${want === "str" ? "STR" : want === "int" ? "INT" : "SEQ"}]`);
    print(c, e);
    return -1;
  }
  return n;
}

/** asn1_print_octets(): the contents in hex, each byte after an underscore. */
function octets(c: Ctx, e: Elem): void {
  c.tcheck(e.at, e.len);
  let s = "";
  for (let i = 0; i < e.len; i++) s += "_" + c.u8(e.at + i).toString(16).padStart(2, "0");
  c.print(s);
}

/** v3msg_print(): msgGlobalData (flags, security model), USM parameters, the scoped PDU. */
function v3msg(c: Ctx, np: number, length: number, e: Elem): void {
  const xnp = np, xlength = length;
  let n = parse(c, np, length, e);
  if (n < 0) return;
  if (kind(e) !== "seq") {
    c.print("[!message]");
    return print(c, e);
  }
  length = e.len, np = e.at;
  if (c.f.v) c.print("{ ");
  for (const name of ["msgID", "msgMaxSize"]) {
    if ((n = field(c, np, length, e, "int", name)) < 0) return;
    length -= n, np += n;
  }
  if ((n = field(c, np, length, e, "str", "msgFlags")) < 0) return;
  if (e.len !== 1) return c.print(`[msgFlags size ${e.len}]`);
  const flags = c.u8(e.at);
  if (![0, 1, 3, 4, 5, 7].includes(flags)) {
    return c.print(`[msgFlags=0x${flags.toString(16).padStart(2, "0").toUpperCase()}]`);
  }
  length -= n, np += n;
  c.print(`F=${flags & 1 ? "a" : ""}${flags & 2 ? "p" : ""}${flags & 4 ? "r" : ""} `);
  if ((n = field(c, np, length, e, "int", "msgSecurityModel")) < 0) return;
  const model = e.int;
  length -= n, np += n;
  if (n < length) c.print(`[${length - n} extra after message SEQ]`);
  if (c.f.v) c.print("} ");
  if (model !== 3) return c.print(`[security model ${model}]`);
  if (c.f.v) c.print("{ USM ");
  length = xlength - (np - xnp);
  if ((n = field(c, np, length, e, "str", "msgSecurityParameters")) < 0) return;
  length -= n, np += n;
  usm(c, e.at, e.len, e);
  if (c.f.v) c.print("} ");
  if (c.f.v) c.print("{ ScopedPDU ");
  scopedPdu(c, np, length, e);
  if (c.f.v) c.print("} ");
}

/** usm_print(): the user-based security parameters (RFC 3414): boots and time (-v), user. */
function usm(c: Ctx, np: number, length: number, e: Elem): void {
  let n = parse(c, np, length, e);
  if (n < 0) return;
  if (kind(e) !== "seq") {
    c.print("[!usm]");
    return print(c, e);
  }
  length = e.len, np = e.at;
  if ((n = field(c, np, length, e, "str", "msgAuthoritativeEngineID")) < 0) return;
  length -= n, np += n;
  if ((n = field(c, np, length, e, "int", "msgAuthoritativeEngineBoots")) < 0) return;
  if (c.f.v) c.print(`B=${e.int} `);
  length -= n, np += n;
  if ((n = field(c, np, length, e, "int", "msgAuthoritativeEngineTime")) < 0) return;
  if (c.f.v) c.print(`T=${e.int} `);
  length -= n, np += n;
  if ((n = field(c, np, length, e, "str", "msgUserName")) < 0) return;
  length -= n, np += n;
  c.print("U=");
  print(c, e);
  c.print(" ");
  if ((n = field(c, np, length, e, "str", "msgAuthenticationParameters")) < 0) return;
  length -= n, np += n;
  if ((n = field(c, np, length, e, "str", "msgPrivacyParameters")) < 0) return;
  length -= n, np += n;
  if (n < length) c.print(`[${length - n} extra after usm SEQ]`);
}

/** scopedpdu_print(): context engine ID and name, then the PDU. */
function scopedPdu(c: Ctx, np: number, length: number, e: Elem): void {
  let n = parse(c, np, length, e);
  if (n < 0) return;
  if (kind(e) !== "seq") {
    c.print("[!scoped PDU]");
    return print(c, e);
  }
  length = e.len, np = e.at;
  if ((n = field(c, np, length, e, "str", "contextEngineID")) < 0) return;
  length -= n, np += n;
  c.print("E=");
  octets(c, e);
  c.print(" ");
  if ((n = field(c, np, length, e, "str", "contextName")) < 0) return;
  length -= n, np += n;
  c.print("C=");
  print(c, e);
  c.print(" ");
  pduPrint(c, np, length, 3, e);
}
