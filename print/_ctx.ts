// Private state of one packet being printed: the captured bytes, a movable end of the readable
// data (tcpdump's "snapend"), the text so far and the protocol named in a truncation marker.
// Reads past the end throw Truncated, which the printer turns into " [|proto]" as tcpdump's
// longjmp does; nothing else in print/ throws on packet contents. Printers that hand the rest
// of a packet to another family's printer call it through the Dispatch record (Ctx.d), which
// printer.ts wires once: no printer file imports another.

import { formatIpv4, formatIpv6, formatMac } from "../address.ts";
import type { PrintNames } from "./names.ts";
import { OUI } from "./_oui.ts";

/**
 * Thrown by a bounds-checked read; caught once per packet by the printer. Not an Error: it never
 * leaves the printer, and an Error's stack trace, captured at each construction, made a cut
 * packet's line cost several times a whole one's (a capture with a short snaplen is all cut).
 */
export class Truncated {
  /**
   * `soft`: tcpdump's ND_TCHECK (goto trunc, the link header length is kept for -x);
   * otherwise a GET_ macro's longjmp (the whole packet is dumped).
   */
  constructor(readonly soft = false, readonly suffix = "") {}
}

/** Options after defaults, as the protocol printers read them. */
export interface Flags {
  e: boolean;
  q: boolean;
  /** -S: TCP sequence numbers as sent. */
  S: boolean;
  /** -K: IP, TCP and UDP checksums not verified. */
  K: boolean;
  /** -b: BGP AS numbers above 65535 in asdot notation. */
  b: boolean;
  v: number;
  /** Default hex+ASCII dump of unknown payloads suppressed (-x/-X given). */
  suppressDefault: boolean;
  /** -X or -XX given (tcpdump's ndo_Xflag): a few printers dump their own bytes at -vvv. */
  X: boolean;
  ifName: (index: number) => string | undefined;
  /** tcpdump's -T packet type ("carp", "snmp", ...), "" for none. */
  T: string;
  /** ts_print(): a timestamp as the packet line's own is printed. */
  ts: (sec: number, nsec: number) => string;
  /** Names for addresses and ports (tcpdump without `-n`); `undefined` prints numbers. */
  names: PrintNames | undefined;
  /** -u: NFS file handles printed undecoded. */
  u: boolean;
  /** -M: the TCP MD5 signature secret's bytes; `undefined` when none was given. */
  md5Secret: Uint8Array | undefined;
}

/** Per-connection TCP sequence bases, kept across packets for relative numbers. */
export interface TcpSeqEntry {
  seq: number;
  ack: number;
}

/** A connection of {@linkcode TcpSeqTable}: its addresses and ports, then the next in its bucket. */
interface TcpSeqConn extends TcpSeqEntry {
  readonly addrs: Uint8Array;
  readonly ports: number;
  next: TcpSeqConn | undefined;
}

/**
 * tcpdump's tcp_seq_hash: the sequence bases of each connection, found by its two addresses
 * (lower first) and ports, without a key string made per packet. It grows with the number of
 * connections and never forgets one, as tcpdump's.
 */
export class TcpSeqTable {
  readonly #buckets = new Map<number, TcpSeqConn>();
  readonly #mask: number;
  /** `hashBits` below 31 makes connections share buckets (tests of the chains). */
  constructor(hashBits = 31) {
    this.#mask = 2 ** hashBits - 1;
  }
  /**
   * The entry of the connection whose `n`-byte addresses are at `a` and `b` of `bytes` and
   * whose ports are `ports` (a's in the high 16 bits); `undefined` when there is none yet.
   */
  get(bytes: Uint8Array, a: number, b: number, n: number, ports: number): TcpSeqEntry | undefined {
    for (let e = this.#buckets.get(hashConn(bytes, a, b, n, ports) & this.#mask); e; e = e.next) {
      if (e.ports === ports && e.addrs.length === 2 * n && sameAddrs(e.addrs, bytes, a, b, n)) {
        return e;
      }
    }
    return undefined;
  }
  /** Adds the connection (see {@linkcode TcpSeqTable.get}) with its bases; returns its entry. */
  add(
    bytes: Uint8Array,
    a: number,
    b: number,
    n: number,
    ports: number,
    seq: number,
    ack: number,
  ): TcpSeqEntry {
    const h = hashConn(bytes, a, b, n, ports) & this.#mask;
    const addrs = new Uint8Array(2 * n);
    addrs.set(bytes.subarray(a, a + n), 0);
    addrs.set(bytes.subarray(b, b + n), n);
    const e: TcpSeqConn = { seq, ack, addrs, ports, next: this.#buckets.get(h) };
    this.#buckets.set(h, e);
    return e;
  }
}

/** FNV-1a over the addresses and ports of a connection, as a non-negative 31-bit number. */
function hashConn(bytes: Uint8Array, a: number, b: number, n: number, ports: number): number {
  let h = 0x811c9dc5 ^ n;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ bytes[a + i]!, 0x01000193);
  for (let i = 0; i < n; i++) h = Math.imul(h ^ bytes[b + i]!, 0x01000193);
  h = Math.imul(h ^ (ports >>> 16), 0x01000193);
  h = Math.imul(h ^ (ports & 0xffff), 0x01000193);
  return h >>> 1;
}

function sameAddrs(addrs: Uint8Array, bytes: Uint8Array, a: number, b: number, n: number): boolean {
  for (let i = 0; i < n; i++) {
    if (addrs[i] !== bytes[a + i] || addrs[n + i] !== bytes[b + i]) return false;
  }
  return true;
}

/** Where the network header is, for checksums and the addresses of transport printers. */
export interface IpInfo {
  version: 4 | 6;
  /** Offset of the IP header in the packet. */
  off: number;
  /** Pseudo-header sum (addresses, protocol, length folded in by the caller). */
  src: string;
  dst: string;
  /** Raw source/destination address bytes offsets, for the TCP connection key. */
  srcOff: number;
  dstOff: number;
  /** Protocol field of IPv4 / Next Header of the fixed IPv6 header (addresses are printed with
   * the ports only when the transport header follows the IP header directly). */
  firstNh: number;
}

/** A printer of `length` bytes at `off` (the length the enclosing layer says follows). */
export type Printer = (c: Ctx, off: number, length: number) => void;
/** A printer of what follows an IP header. */
export type IpPayloadPrinter = (
  c: Ctx,
  off: number,
  length: number,
  ip: IpInfo,
  fragmented: boolean,
) => void;

/**
 * The printers one family hands the rest of a packet to: tunnels and link layers (IP, IPv6,
 * Ethernet, an EtherType), IP demultiplexing, ICMP quoting IP, UDP and TCP picking an
 * application by port. Wired once in printer.ts.
 */
export interface Dispatch {
  ip: Printer;
  ip6: Printer;
  /** ether_print() of a whole frame at `off`; returns the link header length. */
  ether: (c: Ctx, off: number, wireLen: number) => number;
  /** ethertype_print(): false when the type has no printer (the caller dumps the payload). */
  ethertype: (c: Ctx, type: number, off: number, length: number) => boolean;
  /**
   * llc_print() of `length` bytes at `off` between two printed MAC addresses; the LLC header
   * length, negated when the payload is unknown (the caller dumps it).
   */
  llc: (c: Ctx, off: number, length: number, src: string, dst: string) => number;
  tcp: IpPayloadPrinter;
  udp: IpPayloadPrinter;
  icmp: (c: Ctx, off: number, length: number, fragmented: boolean) => void;
  icmp6: IpPayloadPrinter;
  igmp: Printer;
  gre: Printer;
  esp: Printer;
  /** isakmp_print(): ISAKMP/IKE; `ip` tells IKEv1's initiator from its responder. */
  isakmp: (c: Ctx, off: number, length: number, ip: IpInfo) => void;
  /** ah_print(): the AH header at `off`; its length in bytes. */
  ah: (c: Ctx, off: number) => number;
  mpls: Printer;
  /** ppp_print(): address/control (optional), protocol, payload; returns the header length. */
  ppp: (c: Ctx, off: number, length: number) => number;
  pppoe: Printer;
  slow: Printer;
  eapol: Printer;
  rip: Printer;
  cdp: Printer;
  lldp: Printer;
  ospf: Printer;
  bgp: Printer;
  snmp: Printer;
  geneve: Printer;
  ripng: Printer;
  vrrp: (c: Ctx, off: number, length: number, ip: IpInfo, ttl: number) => void;
  /** domain_print(): DNS over TCP (`tcp`, a 2-byte length first) or UDP, mDNS on 5353. */
  domain: (c: Ctx, off: number, length: number, tcp: boolean, mdns: boolean) => void;
  /** fqdn_print(): a domain name; the offset after it, or -1 when cut. */
  fqdn: (c: Ctx, cp: number, bp: number) => number;
  bootp: Printer;
  dhcp6: Printer;
  ntp: Printer;
  syslog: Printer;
  timed: Printer;
  resp: Printer;
  pptp: Printer;
  rpkiRtr: Printer;
  beep: Printer;
  msdp: Printer;
  someip: Printer;
  /** pgm_print(): PGM with its own addresses and ports (from `ip`). */
  pgm: (c: Ctx, off: number, length: number, ip: IpInfo) => void;
  vat: Printer;
  /** lwapp_control_print(): `apIdent` when the AP's MAC address comes first. */
  lwappControl: (c: Ctx, off: number, length: number, apIdent: boolean) => void;
  lwappData: Printer;
  sflow: Printer;
  vxlan: Printer;
  vxlanGpe: Printer;
  otv: Printer;
  ssh: Printer;
  /** mptcp_print(): an MPTCP option of `len` bytes at `opt`; false when malformed. */
  mptcp: (c: Ctx, opt: number, len: number, flags: number) => boolean;
  /** icmp6_nodeinfo_print(): an ICMPv6 node information query or reply at `off`. */
  icmp6NodeInfo: Printer;
  /**
   * The NFS hook of udp_print()/tcp_print(): a Sun RPC call to port 2049 or a reply from it at
   * `off`; false when it is neither.
   */
  /** `-T rpc` on UDP: a Sun RPC call (portmapper form) or an NFS reply at `off`. */
  rpc: (c: Ctx, off: number, length: number, ip: IpInfo) => void;
  nfs: (
    c: Ctx,
    off: number,
    length: number,
    ip: IpInfo,
    sport: number,
    dport: number,
    tcp: boolean,
  ) => boolean;
  /** carp_print(): CARP on IP protocol 112 under -T carp; the IP TTL is checked against 255. */
  carp: (c: Ctx, off: number, length: number, ttl: number) => void;
  /** rx_print(): AFS Rx on UDP 7000-7009 (the ports pick the AFS service). */
  rx: (c: Ctx, off: number, length: number, sport: number, dport: number, ip: IpInfo) => void;
  tftp: Printer;
  telnet: Printer;
  sip: Printer;
  krb: Printer;
  radius: Printer;
  l2tp: Printer;
  /** eap_print(): an EAP packet without the EAPOL header. */
  eap: Printer;
  /** The line-oriented protocols tcpdump picks by TCP port (HTTP, FTP, SMTP, RTSP). */
  tcpText: (c: Ctx, off: number, length: number, sport: number, dport: number) => boolean;
  ipx: Printer;
  /** bfd_print(): the UDP destination port names the packet's kind. */
  bfd: (c: Ctx, off: number, length: number, port: number) => void;
  hsrp: Printer;
  /** pim_print(): the IP header's addresses check an IPv6 message's checksum. */
  pim: (c: Ctx, off: number, length: number, ip: IpInfo) => void;
  /** pimv1_print(): the body of IGMP type 0x14. */
  pimv1: Printer;
  autorp: Printer;
  ospf6: Printer;
  /** isoclns_print(): an OSI PDU (IS-IS) after an LLC header with SAP 0xfe. */
  isoclns: Printer;
  babel: Printer;
  ptp: Printer;
  eigrp: Printer;
  nsh: Printer;
  aoe: Printer;
  tipc: Printer;
  /** olsr_print(): `v6` when the datagram came over IPv6. */
  olsr: (c: Ctx, off: number, length: number, v6: boolean) => void;
  /** ldp_print(): LDP PDUs on UDP or TCP port 646. */
  ldp: Printer;
  /** cfm_print(): IEEE 802.1ag CFM on EtherType 0x8902. */
  cfm: Printer;
  /** rsvp_print(): RSVP on IP protocol 46. */
  rsvp: Printer;
  /** esis_print(): an ES-IS PDU (NLPID 0x82) after an OSI LLC header. */
  esis: Printer;
  /** clnp_print(): a CLNP PDU (NLPID 0x81) after an OSI LLC header; false when not decoded. */
  clnp: (c: Ctx, off: number, length: number) => boolean;
  /** fr_print(): a Q.922 frame of `length` bytes at `off`. */
  fr: Printer;
  /** snap_print() with no link addresses (RFC 1490 over Frame Relay); false when not decoded. */
  snap: (c: Ctx, off: number, length: number) => boolean;
  /** openflow_print(): OpenFlow messages on TCP 6633 or 6653. */
  openflow: Printer;
  /** mfr_print(): an FRF.16 frame of `length` bytes at `off`. */
  mfr: Printer;
  /** q933_print(): a Q.933 (LMI) message after its NLPID. */
  q933: Printer;
  /** dtp_print(), udld_print(), vtp_print(): Cisco's switch protocols on SNAP OUI 0x00000c. */
  dtp: Printer;
  udld: Printer;
  vtp: Printer;
  /** token_print() and fddi_print(): an 802.5 or FDDI frame at `off`; the MAC header length. */
  token: (c: Ctx, off: number, length: number) => number;
  fddi: (c: Ctx, off: number, length: number) => number;
  /** loopback_print(): EtherType 0x9000, the Configuration Testing Protocol. */
  loopback: Printer;
  /** oam_print(): an ATM OAM cell without its HEC byte. */
  oam: Printer;
  /** sctp_print(): SCTP on IP protocol 132; the addresses are printed with the ports. */
  sctp: (c: Ctx, off: number, length: number, ip: IpInfo) => void;
  /** The MSTP/SPB part of stp_print(): a BPDU of version 3 or 4 and type 2 at `off`. */
  mstp: Printer;
  /** dccp_print(): DCCP on IP protocol 33; the addresses are printed with the ports. */
  dccp: (c: Ctx, off: number, length: number, ip: IpInfo) => void;
  /** forces_print(): a ForCES message in an SCTP DATA chunk. */
  forces: Printer;
  /** egp_print(), igrp_print() and mobile_print(): IP protocols 8, 9 and 55. */
  egp: Printer;
  igrp: Printer;
  mobile: Printer;
  /** atalk_print() and aarp_print(): AppleTalk DDP (EtherType 0x809b, SNAP 0x080007) and AARP. */
  atalk: Printer;
  aarp: Printer;
  /** llap_print(): a LocalTalk frame, as DDP-in-UDP carries it; its header length. */
  llap: (c: Ctx, off: number, length: number) => number;
  /** aodv_print(): AODV on UDP 654; `v6` when the datagram came over IPv6. */
  aodv: (c: Ctx, off: number, length: number, v6: boolean) => void;
  /** lisp_print(): LISP control messages on UDP 4342. */
  lisp: Printer;
  /** zep_print(): ZEP on UDP 17754. */
  zep: Printer;
  /** zephyr_print(): Zephyr notices on UDP 2103 and 2104. */
  zephyr: Printer;
  /** wb_print(): the LBL whiteboard on destination UDP 4567. */
  wb: Printer;
  /** ahcp_print(): AHCP on UDP 5359. */
  ahcp: Printer;
  /** vqp_print(): Cisco's VLAN Query Protocol on UDP 1589. */
  vqp: Printer;
  /** bcm_li_print(): Broadcom's lawful-intercept shim from UDP port 49152. */
  bcmLi: Printer;
  /** lwres_print(): BIND 9's lightweight resolver protocol on UDP 921. */
  lwres: Printer;
  /** lspping_print(): MPLS echo request and reply (LSP ping) on UDP 3503. */
  lspPing: Printer;
  /** ieee802_15_4_print(): an 802.15.4 frame of `caplen` bytes at `off`; 0 when not decoded. */
  ieee802154: (c: Ctx, off: number, caplen: number) => number;
}

/** Slots of the IPv4 and IPv6 address text caches (direct-mapped, powers of two). */
const IP4_SLOTS = 1024;
const IP6_SLOTS = 256;
const MAC_SLOTS = 256;

/**
 * Cursor over one captured packet. A printer keeps one and points it at each packet in turn
 * ({@linkcode Ctx.reset}), so a line costs no cursor object.
 */
export class Ctx {
  out = "";
  proto = "";
  /** Length of the link-layer header, for -x/-X/-A (tcpdump's ndo_ll_hdr_len). */
  llHdrLen = 0;
  /**
   * The text of recently printed IPv4 addresses by their 32-bit value, as tcpdump keeps
   * ipaddr_string()'s in a hash table: a capture repeats a few addresses, and formatting one is
   * a good share of a short line.
   */
  readonly #ip4Keys = new Float64Array(IP4_SLOTS).fill(-1);
  readonly #ip4Text: string[] = new Array<string>(IP4_SLOTS).fill("");
  /** The same for IPv6 (ip6addr_string()'s table): 16 key bytes a slot, "" for an empty one. */
  readonly #ip6Keys = new Uint8Array(IP6_SLOTS * 16);
  readonly #ip6Text: string[] = new Array<string>(IP6_SLOTS).fill("");
  /** The same for 6-byte MAC addresses (etheraddr_string()'s table), by their 48-bit value. */
  readonly #macKeys = new Float64Array(MAC_SLOTS).fill(-1);
  readonly #macText: string[] = new Array<string>(MAC_SLOTS).fill("");
  constructor(
    public b: Uint8Array,
    public end: number,
    readonly f: Flags,
    readonly tcpSeq: TcpSeqTable,
    readonly d: Dispatch,
    /** State a protocol printer keeps across packets (tcpdump's static tables), by protocol. */
    readonly keep: Map<string, unknown> = new Map(),
  ) {}
  /** Points the cursor at the next packet: `b`, readable up to `end`, nothing printed yet. */
  reset(b: Uint8Array, end: number): void {
    this.b = b;
    this.end = end;
    this.out = "";
    this.proto = "";
    this.llHdrLen = 0;
  }
  print(s: string): void {
    this.out += s;
  }
  /** True when `len` bytes from `off` were captured. */
  has(off: number, len: number): boolean {
    return off >= 0 && len >= 0 && off + len <= this.end;
  }
  need(off: number, len: number): void {
    if (!this.has(off, len)) throw new Truncated();
  }
  /** ND_TCHECK_LEN: a soft truncation when `len` bytes from `off` were not captured. */
  tcheck(off: number, len: number): void {
    if (!this.has(off, len)) throw new Truncated(true);
  }
  u8(off: number): number {
    this.need(off, 1);
    return this.b[off]!;
  }
  u16(off: number): number {
    this.need(off, 2);
    return (this.b[off]! << 8) | this.b[off + 1]!;
  }
  u32(off: number): number {
    this.need(off, 4);
    return ((this.b[off]! << 24) | (this.b[off + 1]! << 16) | (this.b[off + 2]! << 8) |
      this.b[off + 3]!) >>> 0;
  }
  ip4(off: number): string {
    this.need(off, 4);
    const b = this.b;
    const key = ((b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!) >>> 0;
    const slot = (key ^ (key >>> 10) ^ (key >>> 20)) & (IP4_SLOTS - 1);
    if (this.#ip4Keys[slot] === key) return this.#ip4Text[slot]!;
    const text = this.f.names?.host4(key) ?? formatIpv4(b, off);
    this.#ip4Keys[slot] = key;
    this.#ip4Text[slot] = text;
    return text;
  }
  ip6(off: number): string {
    this.need(off, 16);
    const b = this.b;
    let h = 0;
    for (let i = off; i < off + 16; i += 4) {
      h = Math.imul(
        h ^ ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!),
        0x9e3779b1,
      );
    }
    const slot = (h >>> 24) & (IP6_SLOTS - 1), keys = this.#ip6Keys, at = slot * 16;
    if (this.#ip6Text[slot] !== "") {
      let i = 0;
      while (i < 16 && keys[at + i] === b[off + i]) i++;
      if (i === 16) return this.#ip6Text[slot]!;
    }
    const numeric = formatIpv6(b, off);
    const text = this.f.names?.host6(numeric) ?? numeric;
    for (let i = 0; i < 16; i++) keys[at + i] = b[off + i]!;
    this.#ip6Text[slot] = text;
    return text;
  }
  mac(off: number, len = 6): string {
    this.need(off, len);
    const b = this.b;
    if (len !== 6) return formatMac(b, off, len);
    const hi = (b[off]! << 8) | b[off + 1]!;
    const lo = ((b[off + 2]! << 24) | (b[off + 3]! << 16) | (b[off + 4]! << 8) | b[off + 5]!) >>> 0;
    const key = hi * 4294967296 + lo;
    const slot = (lo ^ (lo >>> 8) ^ (lo >>> 16) ^ hi) & (MAC_SLOTS - 1);
    if (this.#macKeys[slot] === key) return this.#macText[slot]!;
    // Without -n: the ethers name, else the maker (etheraddr_string()'s " (oui ...)").
    const names = this.f.names;
    const text = names === undefined ? formatMac(b, off, 6) : names.ether(key) ??
      `${formatMac(b, off, 6)} (oui ${OUI[hi * 256 + b[off + 2]!] ?? "Unknown"})`;
    this.#macKeys[slot] = key;
    this.#macText[slot] = text;
    return text;
  }
  /**
   * A hardware address that tcpdump never names, even without -n: mac48_string() (STP bridge
   * ids, IPX nodes) and linkaddr_string() of other kinds (ICMPv6 link-address options).
   */
  plainMac(off: number, len = 6): string {
    this.need(off, len);
    return formatMac(this.b, off, len);
  }
  /** tcpport_string(): a TCP port's service name without -n, else its number. */
  tport(port: number): string {
    return this.f.names?.tcpPort(port) ?? String(port);
  }
  /** udpport_string(): a UDP port's service name without -n, else its number. */
  uport(port: number): string {
    return this.f.names?.udpPort(port) ?? String(port);
  }
  /** " [|proto]" as nd_print_trunc() writes it. */
  trunc(): void {
    this.print(` [|${this.proto}]`);
  }
  /**
   * tcpdump's ND_DEFAULTPRINT: hex and ASCII of the rest, unless -x/-X took over. With `cut`,
   * `len` bytes not all captured end with " [|proto]", as hex_and_ascii_print() does.
   */
  defaultPrint(off: number, len: number, cut = false): void {
    if (!this.f.suppressDefault) {
      const have = Math.max(0, Math.min(len, this.end - off));
      this.print(hexAscii(this.b, off, have, "\n\t", 0));
      if (cut && have < len) this.trunc();
    }
  }
  /** print_unknown_data(): hex words of what was captured of `len` bytes from `off`. */
  hexData(off: number, indent: string, len: number): void {
    this.print(hexOnly(this.b, off, Math.max(0, Math.min(len, this.end - off)), indent, 0));
  }
  /**
   * Ones'-complement sum of the bytes [off, off+len), folded; the range is clipped as
   * subarray() clips it, without making one (a -v line sums three to five ranges).
   */
  sum(off: number, len: number, initial = 0): number {
    const b = this.b, n = b.length, to = off + len;
    const start = off < 0 ? Math.max(n + off, 0) : Math.min(off, n);
    const end = to < 0 ? Math.max(n + to, 0) : Math.min(to, n);
    let sum = initial;
    let i = start;
    for (; i + 1 < end; i += 2) sum += (b[i]! << 8) | b[i + 1]!;
    if (i < end) sum += b[i]! << 8;
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    return sum;
  }
}

/** The pseudo-header sum of RFC 768/793 (IPv4) or RFC 8200 section 8.1 (IPv6). */
export function pseudoSum(c: Ctx, ip: IpInfo, proto: number, len: number): number {
  const addrLen = ip.version === 4 ? 4 : 16;
  let s = c.sum(ip.srcOff, addrLen) + c.sum(ip.dstOff, addrLen) + proto + (len & 0xffff) +
    (len >>> 16);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return s;
}

/** nd_printn(): printable ASCII as is, others as M- and ^ escapes. */
export function printn(c: Ctx, off: number, n: number): string {
  let s = "";
  if (n > 0 && c.has(off, n)) {
    // all captured: read the bytes directly (a DNS label, a name), no check per byte
    const b = c.b;
    for (let i = off, e = off + n; i < e; i++) {
      let ch = b[i]!;
      if (ch >= 0x20 && ch < 0x7f) s += String.fromCharCode(ch);
      else {
        if (ch & 0x80) {
          s += "M-";
          ch &= 0x7f;
        }
        s += ch < 0x20 || ch === 0x7f
          ? "^" + String.fromCharCode(ch ^ 0x40)
          : String.fromCharCode(ch);
      }
    }
    return s;
  }
  for (let i = 0; i < n; i++) {
    let ch = c.u8(off + i);
    if (ch & 0x80) {
      s += "M-";
      ch &= 0x7f;
    }
    if (ch < 0x20 || ch === 0x7f) s += "^" + String.fromCharCode(ch ^ 0x40);
    else s += String.fromCharCode(ch);
  }
  return s;
}

/**
 * nd_printjnp() as it prints: a character at a time, up to `n` bytes or the first NUL, so a
 * string the capture cuts shows its captured part before the cut ends the packet.
 */
export function printjnpOut(c: Ctx, off: number, n: number): void {
  for (let i = 0; i < n && c.u8(off + i) !== 0; i++) c.print(printn(c, off + i, 1));
}

/** nd_printjnp(): as printn(), up to `n` bytes, stopping at the first NUL. */
export function printjnp(c: Ctx, off: number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) {
    if (c.u8(off + i) === 0) break;
    s += printn(c, off + i, 1);
  }
  return s;
}

const RELTS_UNITS = [[31536000, "y"], [604800, "w"], [86400, "d"], [3600, "h"], [60, "m"], [
  1,
  "s",
]] as const;

/** printf("%.3f") of a double: toFixed() switches to exponents from 1e21, printf does not. */
export function printf3f(v: number, negative = v < 0 || Object.is(v, -0)): string {
  if (Number.isNaN(v)) return negative ? "-nan" : "nan";
  if (!Number.isFinite(v)) return v < 0 ? "-inf" : "inf";
  if (Math.abs(v) < 1e21) {
    // toFixed() drops the sign of -0 and of what rounds to it; printf keeps it
    const t = v.toFixed(3);
    return (v < 0 || Object.is(v, -0)) && t[0] !== "-" ? `-${t}` : t;
  }
  return `${BigInt(v)}.000`; // an integer here, exactly
}

/** unsigned_relts_print(): seconds as 1y2w3d4h5m6s, "0s" for none. */
export function relts(secs: number): string {
  if (secs === 0) return "0s";
  let s = "";
  for (const [n, u] of RELTS_UNITS) {
    if (secs >= n) {
      s += `${Math.floor(secs / n)}${u}`;
      secs %= n;
    }
  }
  return s;
}

/** tok2str(): the name of `v` in `table`, or `fallback` with `%u`/`%x`/`%04x` filled in. */
export function tok(table: Record<number, string>, fallback: string, v: number): string {
  return table[v] ?? fmt(fallback, v);
}

/** Fills the one numeric conversion of a tcpdump fallback format. */
export function fmt(f: string, v: number): string {
  return f.replace(/%(0?)(\d*)([uxd])/, (_m, zero: string, width: string, conv: string) => {
    const s = conv === "x" ? v.toString(16) : String(v);
    return width ? s.padStart(Number(width), zero ? "0" : " ") : s;
  });
}

/**
 * bittok2str(): the names whose bits are all set in `v` (a value of several bits needs all of
 * them, 0 never matches), joined by ", ", or `none`.
 */
export function bits(
  table: ReadonlyArray<readonly [number, string]>,
  none: string,
  v: number,
  sep = ", ",
): string {
  const names: string[] = [];
  for (const [bit, name] of table) {
    if (bit !== 0 && ((v & bit) >>> 0) === bit >>> 0) names.push(name);
  }
  return names.length ? names.join(sep) : none;
}

/**
 * tcpdump's bsd_af_values: BSD address family numbers (NULL/LOOP link headers at -e, RIP's
 * address families).
 */
export const BSD_AF: Record<number, string> = {
  2: "IPv4",
  6: "NS",
  7: "ISO",
  16: "Appletalk",
  23: "IPX",
  24: "IPv6",
  28: "IPv6",
  30: "IPv6",
};

/** "00".."ff": a byte in hex, without a toString() and padStart() for each. */
const HEX2: readonly string[] = byteTable((i) =>
  "0123456789abcdef"[i >> 4]! + "0123456789abcdef"[i & 15]!
);

/** 16-bit hex, zero-padded to `w` digits. */
export function hex(v: number, w = 4): string {
  if (w === 2 && (v & 0xff) === v) return HEX2[v]!;
  if (w === 4 && (v & 0xffff) === v) return HEX2[v >> 8]! + HEX2[v & 0xff]!;
  return v.toString(16).padStart(w, "0");
}

/** What hex_and_ascii_print() shows of each byte: itself when printable (not space), else ".". */
const ASCII_CHAR: readonly string[] = byteTable((c) =>
  c > 0x20 && c < 0x7f ? String.fromCharCode(c) : "."
);

/** A table of 256 strings, one per byte value: a plain loop (`Array.from` costs start-up more). */
function byteTable(of: (byte: number) => string): string[] {
  const t: string[] = [];
  for (let i = 0; i < 256; i++) t.push(of(i));
  return t;
}

/** The value a checksum field should hold, from the field and the computed sum (in_cksum_shouldbe). */
export function cksumShouldBe(field: number, sum: number): number {
  // the field plus the sum with end-around carry, as in_cksum_shouldbe() adds them: the value
  // of ~(~field + ~sum) (RFC 1624) but when the two add up to 0xffff, where that gives 0x0000
  let s = field + sum;
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return s & 0xffff;
}

const isGraph = (c: number) => c > 0x20 && c < 0x7f;

/** hex_and_ascii_print_with_offset(): 16 bytes a line, hex words then ASCII. */
export function hexAscii(
  b: Uint8Array,
  off: number,
  len: number,
  indent: string,
  oset: number,
): string {
  let s = "";
  for (let line = 0; line < len; line += 16) {
    let hx = "", asc = "";
    const n = Math.min(16, len - line);
    const at = off + line;
    for (let i = 0; i < n; i += 2) {
      const c1 = b[at + i]!;
      if (i + 1 < n) {
        const c2 = b[at + i + 1]!;
        hx += " " + HEX2[c1]! + HEX2[c2]!;
        asc += ASCII_CHAR[c1]! + ASCII_CHAR[c2]!;
      } else {
        hx += " " + HEX2[c1]!;
        asc += ASCII_CHAR[c1]!;
      }
    }
    // a full line's hex is 40 characters; only the last one is padded
    s += `${indent}0x${hex(oset + line)}: ${n === 16 ? hx : hx.padEnd(40)}  ${asc}`;
  }
  return s;
}

/** hex_print_with_offset(): 16 bytes a line, hex words only. */
export function hexOnly(
  b: Uint8Array,
  off: number,
  len: number,
  indent: string,
  oset: number,
): string {
  let s = "";
  for (let i = 0; i < len; i += 2) {
    if (i % 16 === 0) s += `${indent}0x${hex(oset + i)}: `;
    s += i + 1 < len ? " " + HEX2[b[off + i]!]! + HEX2[b[off + i + 1]!]! : " " + HEX2[b[off + i]!]!;
  }
  return s;
}

/** ascii_print(): printable bytes, tab, space and newline as is, CR dropped before LF. */
export function asciiDump(b: Uint8Array, off: number, len: number): string {
  let s = "\n";
  for (let i = 0; i < len; i++) {
    const c = b[off + i]!;
    const left = len - i - 1;
    if (c === 0x0d) {
      if (left > 1 && b[off + i + 1] !== 0x0a) s += ".";
    } else if (!isGraph(c) && c !== 0x09 && c !== 0x20 && c !== 0x0a) s += ".";
    else s += String.fromCharCode(c);
  }
  return s;
}

/**
 * nd_printztn(): a NUL-terminated string of at most `n` bytes from `off`, printed with
 * printn()'s escapes; the bytes used (NUL included), or 0 when no NUL came before `n` bytes or
 * the end of the capture (what was read is printed all the same).
 */
export function printztn(c: Ctx, off: number, n: number): number {
  let used = 0;
  for (;;) {
    if (n === 0 || off >= c.end) return 0;
    const ch = c.u8(off++);
    used++;
    n--;
    if (ch === 0) return used;
    c.print(printn(c, off - 1, 1));
  }
}
