/**
 * Tokens of the pcap-filter(7) language, as libpcap's scanner (scanner.l) cuts them.
 *
 * @module
 */

/** Kinds of token. */
export type TokenKind =
  | "num" // a number, or a named constant (tcpflags, icmp-echo, ...)
  | "hid" // dotted IPv4 address or prefix: 10.0.0.1, 192.168
  | "hid6" // IPv6 address
  | "eid" // MAC address
  | "id" // a name: a host, a service, a protocol (or an escaped keyword: \arp)
  | "kw" // a keyword: tcp, host, src, and, ...
  | "op" // punctuation and operators
  | "end";

/** One token with its offset in the expression. */
export interface Token {
  /** What the token is. */
  kind: TokenKind;
  /** The keyword or operator normalised (`&&` → `and`), or the text as written. */
  text: string;
  /** Numeric value of a `num`. */
  value: number;
  /** Offset of the first character. */
  offset: number;
}

/** libpcap's keywords, mapped to the token the grammar sees. */
const KEYWORDS: Record<string, string> = {
  dst: "dst",
  src: "src",
  link: "ether",
  ether: "ether",
  ppp: "ether",
  slip: "ether",
  fddi: "ether",
  tr: "ether",
  wlan: "ether",
  arp: "arp",
  rarp: "rarp",
  ip: "ip",
  sctp: "sctp",
  tcp: "tcp",
  udp: "udp",
  icmp: "icmp",
  igmp: "igmp",
  igrp: "igrp",
  pim: "pim",
  vrrp: "vrrp",
  carp: "carp",
  radio: "radio",
  ip6: "ip6",
  icmp6: "icmp6",
  ah: "ah",
  esp: "esp",
  atalk: "atalk",
  aarp: "aarp",
  decnet: "decnet",
  lat: "lat",
  sca: "sca",
  moprc: "moprc",
  mopdl: "mopdl",
  iso: "iso",
  esis: "esis",
  "es-is": "esis",
  isis: "isis",
  "is-is": "isis",
  l1: "l1",
  l2: "l2",
  iih: "iih",
  lsp: "lsp",
  snp: "snp",
  csnp: "csnp",
  psnp: "psnp",
  clnp: "clnp",
  stp: "stp",
  ipx: "ipx",
  netbeui: "netbeui",
  host: "host",
  net: "net",
  mask: "netmask",
  port: "port",
  portrange: "portrange",
  proto: "proto",
  protochain: "protochain",
  gateway: "gateway",
  type: "type",
  subtype: "subtype",
  direction: "dir",
  dir: "dir",
  address1: "addr1",
  addr1: "addr1",
  address2: "addr2",
  addr2: "addr2",
  address3: "addr3",
  addr3: "addr3",
  address4: "addr4",
  addr4: "addr4",
  ra: "ra",
  ta: "ta",
  less: "less",
  greater: "greater",
  byte: "byte",
  broadcast: "broadcast",
  multicast: "multicast",
  and: "and",
  or: "or",
  not: "not",
  len: "len",
  length: "len",
  inbound: "inbound",
  outbound: "outbound",
  ifindex: "ifindex",
  vlan: "vlan",
  mpls: "mpls",
  pppoed: "pppoed",
  pppoes: "pppoes",
  geneve: "geneve",
  vxlan: "vxlan",
  lane: "lane",
  llc: "llc",
  metac: "metac",
  bcc: "bcc",
  oam: "oam",
  oamf4: "oamf4",
  oamf4ec: "oamf4ec",
  oamf4sc: "oamf4sc",
  sc: "sc",
  ilmic: "ilmic",
  vpi: "vpi",
  vci: "vci",
  connectmsg: "connectmsg",
  metaconnect: "metaconnect",
  on: "pfkw",
  ifname: "pfkw",
  rnr: "pfkw",
  rulenum: "pfkw",
  reason: "pfkw",
  rset: "pfkw",
  ruleset: "pfkw",
  srnr: "pfkw",
  subrulenum: "pfkw",
  action: "pfkw",
  fisu: "mtp2",
  lssu: "mtp2",
  lsu: "mtp2",
  msu: "mtp2",
  hfisu: "mtp2",
  hlssu: "mtp2",
  hmsu: "mtp2",
  sio: "mtp3",
  opc: "mtp3",
  dpc: "mtp3",
  sls: "mtp3",
  hsio: "mtp3",
  hopc: "mtp3",
  hdpc: "mtp3",
  hsls: "mtp3",
};

/** Named constants the scanner turns into numbers (scanner.l). */
export const NAMED_NUMBERS: Record<string, number> = {
  icmptype: 0,
  icmpcode: 1,
  "icmp-echoreply": 0,
  "icmp-unreach": 3,
  "icmp-sourcequench": 4,
  "icmp-redirect": 5,
  "icmp-echo": 8,
  "icmp-routeradvert": 9,
  "icmp-routersolicit": 10,
  "icmp-timxceed": 11,
  "icmp-paramprob": 12,
  "icmp-tstamp": 13,
  "icmp-tstampreply": 14,
  "icmp-ireq": 15,
  "icmp-ireqreply": 16,
  "icmp-maskreq": 17,
  "icmp-maskreply": 18,
  icmp6type: 0,
  icmp6code: 1,
  "icmp6-destinationunreach": 1,
  "icmp6-packettoobig": 2,
  "icmp6-timeexceeded": 3,
  "icmp6-parameterproblem": 4,
  "icmp6-echo": 128,
  "icmp6-echoreply": 129,
  "icmp6-multicastlistenerquery": 130,
  "icmp6-multicastlistenerreportv1": 131,
  "icmp6-multicastlistenerdone": 132,
  "icmp6-routersolicit": 133,
  "icmp6-routeradvert": 134,
  "icmp6-neighborsolicit": 135,
  "icmp6-neighboradvert": 136,
  "icmp6-redirect": 137,
  "icmp6-routerrenum": 138,
  "icmp6-nodeinformationquery": 139,
  "icmp6-nodeinformationresponse": 140,
  "icmp6-ineighbordiscoverysolicit": 141,
  "icmp6-ineighbordiscoveryadvert": 142,
  "icmp6-multicastlistenerreportv2": 143,
  "icmp6-homeagentdiscoveryrequest": 144,
  "icmp6-homeagentdiscoveryreply": 145,
  "icmp6-mobileprefixsolicit": 146,
  "icmp6-mobileprefixadvert": 147,
  "icmp6-certpathsolicit": 148,
  "icmp6-certpathadvert": 149,
  "icmp6-multicastrouteradvert": 151,
  "icmp6-multicastroutersolicit": 152,
  "icmp6-multicastrouterterm": 153,
  tcpflags: 13,
  "tcp-fin": 0x01,
  "tcp-syn": 0x02,
  "tcp-rst": 0x04,
  "tcp-push": 0x08,
  "tcp-ack": 0x10,
  "tcp-urg": 0x20,
  "tcp-ece": 0x40,
  "tcp-cwr": 0x80,
};

const OPERATORS = [">=", "<=", "!=", "==", "<<", ">>", "&&", "||"];
const SINGLE = "()[]:!*/%&|^+-<>=";

const WORD = /[A-Za-z0-9_](?:[-_.A-Za-z0-9]*[_.A-Za-z0-9])?/y;
const ESCAPED = /\\[^ !()\n\t]+/y;
const MAC =
  /(?:[0-9A-Fa-f]{1,2}[:.-]){5}[0-9A-Fa-f]{1,2}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}|[0-9A-Fa-f]{12}/y;
const V6 = /[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*/y;

function matchAt(re: RegExp, s: string, i: number): string {
  re.lastIndex = i;
  const m = re.exec(s);
  return m ? m[0] : "";
}

/** Parses a libpcap number: decimal, `0x` hex or leading-zero octal; NaN when it is not one. */
export function parseNumber(text: string): number {
  if (/^0x[0-9a-f]+$/i.test(text)) return parseInt(text.slice(2), 16);
  if (/^0[0-7]+$/.test(text)) return parseInt(text, 8);
  if (/^\d+$/.test(text)) return parseInt(text, 10);
  return NaN;
}

/** Whether `text` is a valid IPv6 address in textual form. */
export function isIpv6(text: string): boolean {
  if (!text.includes(":") || text.includes(":::")) return false;
  try {
    new URL(`http://[${text}]/`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Cuts an expression into tokens. Longest match wins, as in flex; a word that is
 * a number, a dotted address, a keyword or a named constant becomes that token.
 *
 * @param src The expression.
 * @returns The tokens, ending with an `end` token; `{ error }` on a character no token starts with.
 */
export function lex(src: string): Token[] | { error: string; offset: number } {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    const mac = matchAt(MAC, src, i);
    let v6 = matchAt(V6, src, i);
    if (v6 && !isIpv6(v6)) v6 = "";
    const word = matchAt(WORD, src, i);
    const best = Math.max(mac.length, v6.length, word.length);
    if (best > 0) {
      if (mac.length === best) {
        out.push({ kind: "eid", text: mac, value: 0, offset: i });
      } else if (v6.length === best) {
        out.push({ kind: "hid6", text: v6, value: 0, offset: i });
      } else {
        if (/^0\d*[89]\d*$/.test(word)) {
          return { error: `number "${word}" contains a non-octal digit`, offset: i };
        }
        const n = parseNumber(word);
        if (!Number.isNaN(n)) out.push({ kind: "num", text: word, value: n, offset: i });
        else if (/^\d+(\.\d+){1,3}$/.test(word)) {
          out.push({ kind: "hid", text: word, value: 0, offset: i });
        } else if (Object.hasOwn(KEYWORDS, word)) {
          out.push({ kind: "kw", text: KEYWORDS[word]!, value: 0, offset: i });
        } else if (Object.hasOwn(NAMED_NUMBERS, word)) {
          out.push({ kind: "num", text: word, value: NAMED_NUMBERS[word]!, offset: i });
        } else {
          out.push({ kind: "id", text: word, value: 0, offset: i });
        }
      }
      i += best;
      continue;
    }
    const esc = matchAt(ESCAPED, src, i);
    if (esc) {
      out.push({ kind: "id", text: esc.slice(1), value: 0, offset: i });
      i += esc.length;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (OPERATORS.includes(two)) {
      const text = two === "&&" ? "and" : two === "||" ? "or" : two === "==" ? "=" : two;
      out.push({ kind: two === "&&" || two === "||" ? "kw" : "op", text, value: 0, offset: i });
      i += 2;
      continue;
    }
    if (SINGLE.includes(c)) {
      if (c === "!") out.push({ kind: "kw", text: "not", value: 0, offset: i });
      else out.push({ kind: "op", text: c, value: 0, offset: i });
      i++;
      continue;
    }
    return { error: `unexpected character "${c}"`, offset: i };
  }
  out.push({ kind: "end", text: "", value: 0, offset: src.length });
  return out;
}
