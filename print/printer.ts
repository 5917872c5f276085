/**
 * The packet printer: tcpdump's pretty_print_packet() with its timestamp, link-layer and
 * hex-dump options.
 *
 * @module
 */

import { PrintNames } from "./names.ts";
import {
  asciiDump,
  Ctx,
  type Dispatch,
  type Flags,
  hexAscii,
  hexOnly,
  TcpSeqTable,
  Truncated,
} from "./_ctx.ts";
import { LINKTYPE } from "../link_type.ts";
import type { PacketRecord } from "../record.ts";
import {
  etherPrint,
  ethertypePrint,
  llcPrint,
  nullPrint,
  rawPrint,
  sll2Print,
  sllPrint,
  snapPrint,
  unsupportedPrint,
} from "./link.ts";
import { ip6Print, ipPrint } from "./ip.ts";
import { tcpPrint, udpPrint } from "./transport.ts";
import { icmp6Print, icmpPrint } from "./icmp.ts";
import { igmpPrint } from "./igmp.ts";
import { espPrint, genevePrint, grePrint, otvPrint, vxlanGpePrint, vxlanPrint } from "./tunnel.ts";
import { ahPrint } from "./ah.ts";
import { domainPrint, fqdn } from "./dns.ts";
import { bootpPrint } from "./dhcp.ts";
import { dhcp6Print } from "./dhcp6.ts";
import { ntpPrint } from "./ntp.ts";
import { mplsPrint } from "./mpls.ts";
import { nflogPrint } from "./nflog.ts";
import { avsPrint, ieee80211IfPrint, prismPrint, radiotapPrint } from "./ieee80211.ts";
import { chdlcPrint, pppHdlcIfPrint, pppIfPrint, pppPrint } from "./ppp.ts";
import { pppoePrint } from "./pppoe.ts";
import { slowPrint } from "./slow.ts";
import { eapolPrint, eapPrint } from "./eap.ts";
import { ripngPrint, ripPrint } from "./rip.ts";
import { vrrpPrint } from "./vrrp.ts";
import { cdpPrint } from "./cdp.ts";
import { lldpPrint } from "./lldp.ts";
import { ospfPrint } from "./ospf.ts";
import { bgpPrint } from "./bgp.ts";
import { snmpPrint } from "./snmp.ts";
import { sipPrint, sshPrint, syslogPrint, tcpTextPrint, timedPrint, vatPrint } from "./text.ts";
import { mptcpPrint } from "./mptcp.ts";
import { icmp6NodeInfoPrint } from "./icmp6_ni.ts";
import { rxPrint } from "./rx.ts";
import { nfsPrint, rpcPrint } from "./nfs.ts";
import { carpPrint } from "./carp.ts";
import { ipxPrint } from "./ipx.ts";
import { bfdPrint } from "./bfd.ts";
import { sflowPrint } from "./sflow.ts";
import { respPrint } from "./resp.ts";
import { pptpPrint } from "./pptp.ts";
import { pgmPrint } from "./pgm.ts";
import { lwappControlPrint, lwappDataPrint } from "./lwapp.ts";
import { rpkiRtrPrint } from "./rpki_rtr.ts";
import { beepPrint, msdpPrint, someipPrint } from "./beep.ts";
import { hsrpPrint } from "./hsrp.ts";
import { autorpPrint, pimPrint, pimv1Print } from "./pim.ts";
import { tftpPrint } from "./tftp.ts";
import { telnetPrint } from "./telnet.ts";
import { isakmpPrint } from "./isakmp.ts";
import { krbPrint } from "./krb.ts";
import { pflogPrint } from "./pflog.ts";
import { usbPrint } from "./usb.ts";
import { btPrint } from "./bt.ts";
import { vsockPrint } from "./vsock.ts";
import { ieee802154IfPrint, ieee802154Print, ieee802154TapPrint } from "./ieee802154.ts";
import { encPrint } from "./enc.ts";
import { arcnetLinuxPrint, arcnetPrint } from "./arcnet.ts";
import { frBody, frPrint, mfrBody, mfrPrint, q933 } from "./fr.ts";
import { oamPrint } from "./atm.ts";
import { dtpPrint, udldPrint, vtpPrint } from "./cisco_l2.ts";
import { fddiPrint, tokenPrint } from "./token_ring.ts";
import { loopbackPrint } from "./loopback.ts";
import { juniperPrint } from "./juniper.ts";
import { ospf6Print } from "./ospf6.ts";
import { isoclnsPrint } from "./isis.ts";
import { babelPrint } from "./babel.ts";
import { ptpPrint } from "./ptp.ts";
import { eigrpPrint } from "./eigrp.ts";
import { nshPrint } from "./nsh.ts";
import { aoePrint } from "./aoe.ts";
import { tipcPrint } from "./tipc.ts";
import { olsrPrint } from "./olsr.ts";
import { radiusPrint } from "./radius.ts";
import { l2tpPrint } from "./l2tp.ts";
import { ldpPrint } from "./ldp.ts";
import { cfmPrint } from "./cfm.ts";
import { rsvpPrint } from "./rsvp.ts";
import { esisPrint } from "./esis.ts";
import { clnpPrint } from "./clnp.ts";
import { openflowPrint } from "./openflow.ts";
import { sctpPrint } from "./sctp.ts";
import { dccpPrint } from "./dccp.ts";
import { mstpPrint } from "./mstp.ts";
import { forcesPrint } from "./forces.ts";
import { egpPrint, igrpPrint, mobilePrint } from "./ip_misc.ts";
import { aarpPrint, atalkPrint, llapPrint, ltalkPrint } from "./atalk.ts";
import { aodvPrint } from "./aodv.ts";
import { lispPrint } from "./lisp.ts";
import { zepPrint } from "./zep.ts";
import { zephyrPrint } from "./zephyr.ts";
import { wbPrint } from "./wb.ts";
import { ahcpPrint } from "./ahcp.ts";
import { vqpPrint } from "./vqp.ts";
import { bcmLiPrint } from "./bcm_li.ts";
import { lwresPrint } from "./lwres.ts";
import { lspPingPrint } from "./lsp_ping.ts";

/** Every printer one family hands a packet's rest to, wired once (see Dispatch in _ctx.ts). */
const DISPATCH: Dispatch = Object.freeze({
  ip: ipPrint,
  ip6: ip6Print,
  ether: etherPrint,
  ethertype: ethertypePrint,
  llc: llcPrint,
  snap: snapPrint,
  fr: frBody,
  tcp: tcpPrint,
  udp: udpPrint,
  icmp: icmpPrint,
  icmp6: icmp6Print,
  igmp: igmpPrint,
  gre: grePrint,
  esp: espPrint,
  isakmp: isakmpPrint,
  ah: ahPrint,
  mpls: mplsPrint,
  ppp: pppPrint,
  pppoe: pppoePrint,
  slow: slowPrint,
  eapol: eapolPrint,
  rip: ripPrint,
  cdp: cdpPrint,
  lldp: lldpPrint,
  ospf: ospfPrint,
  bgp: bgpPrint,
  snmp: snmpPrint,
  geneve: genevePrint,
  ripng: ripngPrint,
  vrrp: vrrpPrint,
  domain: domainPrint,
  fqdn,
  bootp: bootpPrint,
  dhcp6: dhcp6Print,
  ntp: ntpPrint,
  syslog: syslogPrint,
  timed: timedPrint,
  resp: respPrint,
  pptp: pptpPrint,
  rpkiRtr: rpkiRtrPrint,
  beep: beepPrint,
  msdp: msdpPrint,
  someip: someipPrint,
  pgm: pgmPrint,
  vat: vatPrint,
  lwappControl: lwappControlPrint,
  lwappData: lwappDataPrint,
  sflow: sflowPrint,
  vxlan: vxlanPrint,
  vxlanGpe: vxlanGpePrint,
  otv: otvPrint,
  ssh: sshPrint,
  tcpText: tcpTextPrint,
  mptcp: mptcpPrint,
  icmp6NodeInfo: icmp6NodeInfoPrint,
  rx: rxPrint,
  nfs: nfsPrint,
  rpc: rpcPrint,
  carp: carpPrint,
  ipx: ipxPrint,
  bfd: bfdPrint,
  hsrp: hsrpPrint,
  pim: pimPrint,
  pimv1: pimv1Print,
  autorp: autorpPrint,
  tftp: tftpPrint,
  telnet: telnetPrint,
  sip: sipPrint,
  krb: krbPrint,
  ospf6: ospf6Print,
  isoclns: isoclnsPrint,
  radius: radiusPrint,
  l2tp: l2tpPrint,
  eap: eapPrint,
  babel: babelPrint,
  ptp: ptpPrint,
  eigrp: eigrpPrint,
  nsh: nshPrint,
  aoe: aoePrint,
  tipc: tipcPrint,
  olsr: olsrPrint,
  ldp: ldpPrint,
  cfm: cfmPrint,
  rsvp: rsvpPrint,
  esis: esisPrint,
  clnp: clnpPrint,
  openflow: openflowPrint,
  mfr: mfrBody,
  q933,
  oam: oamPrint,
  dtp: dtpPrint,
  udld: udldPrint,
  vtp: vtpPrint,
  token: tokenPrint,
  fddi: fddiPrint,
  loopback: loopbackPrint,
  sctp: sctpPrint,
  dccp: dccpPrint,
  mstp: mstpPrint,
  forces: forcesPrint,
  egp: egpPrint,
  igrp: igrpPrint,
  mobile: mobilePrint,
  atalk: atalkPrint,
  aarp: aarpPrint,
  llap: llapPrint,
  aodv: aodvPrint,
  lisp: lispPrint,
  zep: zepPrint,
  zephyr: zephyrPrint,
  wb: wbPrint,
  ahcp: ahcpPrint,
  vqp: vqpPrint,
  bcmLi: bcmLiPrint,
  lwres: lwresPrint,
  lspPing: lspPingPrint,
  ieee802154: ieee802154Print,
});

/** Bit 31 of the low 32 bits of `sec` (a negative 32-bit time has it): tcpdump prints no such time. */
function bit31(sec: number): boolean {
  return ((sec % 4294967296) + 4294967296) % 4294967296 >= 2147483648;
}

/** Timestamp styles: tcpdump's default, `-t`, `-tt`, `-ttt`, `-tttt` and `-ttttt`. */
export type TimestampMode = "default" | "none" | "epoch" | "delta" | "date" | "since-first";

/** Hex dump styles: none, `-x`, `-xx`, `-X` and `-XX`. */
export type HexMode = "none" | "x" | "xx" | "X" | "XX";

/**
 * tcpdump's `-T` packet types this printer knows: `"carp"` prints IP protocol 112 as CARP
 * instead of VRRP; `"snmp"`, `"tftp"`, `"radius"`, `"vxlan"`, `"ptp"` and `"domain"` print every
 * UDP payload (`"domain"` also every TCP payload) as that protocol; `"rpc"` prints every UDP
 * payload as Sun RPC, a call as a portmapper call and anything else as an NFS reply. As in
 * tcpdump, a type given prints nothing after the header for UDP and TCP payloads it does not
 * name.
 */
export type PacketType =
  | "none"
  | "carp"
  | "snmp"
  | "tftp"
  | "radius"
  | "vxlan"
  | "ptp"
  | "domain"
  | "rpc";

/** How {@linkcode PacketPrinter} prints, named after tcpdump's flags. */
export interface PrintOptions {
  /**
   * Timestamp style: `"default"` (local `HH:MM:SS.frac`), `"none"` (`-t`), `"epoch"` (`-tt`),
   * `"delta"` since the previous packet (`-ttt`), `"date"` (`-tttt`), `"since-first"` (`-ttttt`).
   * @default {"default"}
   */
  timestamp?: TimestampMode;
  /** Nanosecond fractions (`--nano`) instead of microseconds. @default {false} */
  nano?: boolean;
  /** Print the link-level header (`-e`). @default {false} */
  link?: boolean;
  /** Less protocol detail (`-q`). @default {false} */
  quiet?: boolean;
  /** TCP sequence and acknowledgment numbers as sent, not relative to the first (`-S`). @default {false} */
  absoluteSequence?: boolean;
  /** Leave IP, TCP and UDP checksums unverified at `-v` (`-K`). @default {false} */
  noChecksums?: boolean;
  /** BGP AS numbers above 65535 in asdot notation, `64086.59904` (`-b`). @default {false} */
  asdot?: boolean;
  /** Verbosity: 1 is `-v`, 2 is `-vv`, 3 is `-vvv`. @default {0} */
  verbose?: number;
  /** Hex dump after each packet (`-x`, `-xx`, `-X`, `-XX`). @default {"none"} */
  hex?: HexMode;
  /** ASCII dump after each packet (`-A`); ignored when `hex` is set, as in tcpdump. @default {false} */
  ascii?: boolean;
  /** Print as if captured with this snapshot length (bytes); 0 means no limit. @default {0} */
  snapLen?: number;
  /**
   * Interface name of an ifindex, printed first on `LINUX_SLL2` lines (tcpdump asks the host it
   * runs on); `undefined` prints `?` as tcpdump does for an unknown index.
   * @default {() => undefined}
   */
  interfaceName?: (ifIndex: number) => string | undefined;
  /** Interpret packets as this type (`-T`), see {@linkcode PacketType}. @default {"none"} */
  packetType?: PacketType;
  /**
   * Names instead of numbers, as tcpdump prints without `-n`: host names, TCP and UDP service
   * names, Ethernet names and ` (oui …)` makers (see {@linkcode PrintNames}); `null` prints
   * numbers, as `tcpdump -n`.
   * @default {null}
   */
  names?: PrintNames | null;
  /**
   * The shared secret of TCP MD5 signatures (RFC 2385, tcpdump's `-M`): each signature option is
   * checked and printed `valid` or `(invalid)`; `null` prints the digest as it is.
   * @default {null}
   */
  md5Secret?: string | null;
  /** NFS file handles printed undecoded, as 32-bit words in hex (`-u`). @default {false} */
  undecodedNfsHandles?: boolean;
}

/** One captured packet, with the field names of live frames and pcap records. */
export interface PrintRecord extends PacketRecord {
  /** Captured bytes, starting at the link-layer header. */
  data: Uint8Array;
  /** Length of the packet on the wire, in bytes (at least `data.byteLength`). */
  wireLen: number;
  /** Timestamp: seconds since the epoch. */
  sec: number;
  /** Timestamp: nanoseconds within the second. */
  nsec: number;
}

/** Options used when none are given. */
export const DEFAULT_PRINT_OPTIONS: Readonly<Required<PrintOptions>> = Object.freeze({
  timestamp: "default",
  nano: false,
  link: false,
  quiet: false,
  absoluteSequence: false,
  noChecksums: false,
  asdot: false,
  verbose: 0,
  hex: "none",
  ascii: false,
  snapLen: 0,
  interfaceName: () => undefined,
  packetType: "none",
  names: null,
  md5Secret: null,
  undecodedNfsHandles: false,
});

/**
 * The packet types of `-T` this printer decodes, `"none"` first.
 *
 * @example Checking a -T argument before making a printer
 * ```ts
 * import { PACKET_TYPES, PacketPrinter, type PacketType } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * const arg = "carp";
 * assert.ok(PACKET_TYPES.includes(arg as PacketType));
 * const p = new PacketPrinter(101, { timestamp: "none", packetType: arg as PacketType });
 * assert.ok(p);
 * ```
 */
export const PACKET_TYPES: readonly PacketType[] = [
  "none",
  "carp",
  "snmp",
  "tftp",
  "radius",
  "vxlan",
  "ptp",
  "domain",
  "rpc",
];

const TIMESTAMPS: readonly TimestampMode[] = [
  "default",
  "none",
  "epoch",
  "delta",
  "date",
  "since-first",
];
const HEXES: readonly HexMode[] = ["none", "x", "xx", "X", "XX"];
function checkOptions(o: PrintOptions): Required<PrintOptions> {
  if (typeof o !== "object" || o === null) {
    throw new TypeError("Cannot create printer: options must be an object");
  }
  const r = { ...DEFAULT_PRINT_OPTIONS, ...o } as Required<PrintOptions>;
  if (!TIMESTAMPS.includes(r.timestamp)) {
    throw new RangeError(
      `Cannot create printer: timestamp "${r.timestamp}" is not one of ${TIMESTAMPS.join(", ")}`,
    );
  }
  if (!HEXES.includes(r.hex)) {
    throw new RangeError(`Cannot create printer: hex "${r.hex}" is not one of ${HEXES.join(", ")}`);
  }
  if (!Number.isInteger(r.verbose) || r.verbose < 0 || r.verbose > 3) {
    throw new RangeError(
      `Cannot create printer: verbose "${r.verbose}" is not an integer from 0 to 3`,
    );
  }
  if (!Number.isInteger(r.snapLen) || r.snapLen < 0) {
    throw new RangeError(
      `Cannot create printer: snapLen "${r.snapLen}" is not a non-negative integer`,
    );
  }
  for (
    const k of [
      "nano",
      "link",
      "quiet",
      "ascii",
      "absoluteSequence",
      "noChecksums",
      "asdot",
      "undecodedNfsHandles",
    ] as const
  ) {
    if (typeof r[k] !== "boolean") {
      throw new TypeError(`Cannot create printer: ${k} must be a boolean`);
    }
  }
  if (r.names !== null && !(r.names instanceof PrintNames)) {
    throw new TypeError("Cannot create printer: names must be a PrintNames or null");
  }
  if (!PACKET_TYPES.includes(r.packetType)) {
    throw new RangeError(
      `Cannot create printer: packetType "${r.packetType}" is not one of ${
        PACKET_TYPES.join(", ")
      }`,
    );
  }
  if (typeof r.interfaceName !== "function") {
    throw new TypeError("Cannot create printer: interfaceName must be a function");
  }
  if (r.md5Secret !== null && typeof r.md5Secret !== "string") {
    throw new TypeError("Cannot create printer: md5Secret must be a string or null");
  }
  return r;
}

/**
 * pretty_print_packet()'s header checks: the line tcpdump prints, without a timestamp, instead
 * of a record it cannot trust (nothing captured, no or a too small wire length, more than
 * libpcap's maximum snapshot length); `undefined` when the record is printable.
 */
function invalidHeader(caplen: number, len: number): string | undefined {
  if (!Number.isFinite(len)) return undefined;
  // the common case first, without allocating
  if (caplen !== 0 && len >= caplen && len <= MAXIMUM_SNAPLEN) return undefined;
  const bad: string[] = [];
  if (caplen === 0) bad.push("caplen==0");
  if (len === 0) bad.push("len==0");
  else if (len < caplen) bad.push(`len(${len}) < caplen(${caplen})`);
  if (caplen > MAXIMUM_SNAPLEN) bad.push(`caplen(${caplen}) > ${MAXIMUM_SNAPLEN}`);
  if (len > MAXIMUM_SNAPLEN) bad.push(`len(${len}) > ${MAXIMUM_SNAPLEN}`);
  return bad.length ? `[Invalid header: ${bad.join(", ")}]` : undefined;
}
const MAXIMUM_SNAPLEN = 262144;

const p2 = (n: number) => (n < 10 ? "0" : "") + n;

/**
 * "000" to "999": a timestamp's fraction is two or three of these, not a number padded each
 * time. Each is made the first time it is needed (all thousand at load cost start-up ~0.5 ms,
 * more than printing a short file's packets).
 */
const DIGITS3: string[] = new Array<string>(1000).fill("");

function d3(n: number): string {
  const known = DIGITS3[n]!;
  if (known !== "") return known;
  return DIGITS3[n] = n < 10 ? "00" + n : n < 100 ? "0" + n : "" + n;
}

/** Microseconds as six digits (more when out of range, as "%06u" would print them). */
function frac6(f: number): string {
  if (f >= 0 && f < 1e6) return d3(Math.floor(f / 1000)) + d3(f % 1000);
  return String(f).padStart(6, "0");
}

/** Nanoseconds as nine digits (more when out of range). */
function frac9(f: number): string {
  if (f >= 0 && f < 1e9) {
    const k = Math.floor(f / 1000);
    return d3(Math.floor(k / 1000)) + d3(k % 1000) + d3(f % 1000);
  }
  return String(f).padStart(9, "0");
}

/** A printer's state from packet to packet (see PacketPrinter.withLinkType()). */
interface Shared {
  tcpSeq: TcpSeqTable;
  keep: Map<string, unknown>;
  /** -ttt/-ttttt: the reference time (the previous packet's, or the first's). */
  refSet: boolean;
  refSec: number;
  refFrac: number;
}

/**
 * Prints packets as `tcpdump -n` does, one record at a time. It keeps what tcpdump keeps
 * between packets: the previous and first timestamps (`-ttt`, `-ttttt`), the initial
 * sequence numbers of TCP connections (relative `seq`/`ack`) and the last 20 IKEv1 initiator
 * cookies (which side of an exchange sent a message).
 *
 * @example Print an ARP request as tcpdump does
 * ```ts
 * import { LINKTYPE, PacketPrinter } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * const frame = Uint8Array.fromHex(
 *   "ffffffffffff aae57fafdb14 0806 0001 0800 06 04 0001 aae57fafdb14 0a630001 000000000000 0a630002"
 *     .replaceAll(" ", ""),
 * );
 * const printer = new PacketPrinter(LINKTYPE.ETHERNET, { timestamp: "epoch" });
 * assert.equal(
 *   printer.format({ data: frame, wireLen: frame.length, sec: 1700000000, nsec: 5000 }),
 *   "1700000000.000005 ARP, Request who-has 10.99.0.2 tell 10.99.0.1, length 28",
 * );
 * ```
 */
export class PacketPrinter {
  readonly #linkType: number;
  readonly #o: Required<PrintOptions>;
  readonly #flags: Flags;
  readonly #options: PrintOptions;
  /** What goes on from packet to packet, shared with the printers made by withLinkType(). */
  #shared: Shared = {
    tcpSeq: new TcpSeqTable(),
    keep: new Map<string, unknown>(),
    refSet: false,
    refSec: 0,
    refFrac: 0,
  };
  #c: Ctx;
  #clockSec = NaN;
  #clock = "";
  #epochSec = NaN;
  #epoch = "";
  #dateSec = NaN;
  #date = "";

  /**
   * Makes a printer for packets of one link type.
   *
   * @param linkType The `LINKTYPE_*` number of the packets: Ethernet, Linux SLL/SLL2, raw IP
   *   and IPv4/IPv6, BSD/OpenBSD loopback, PPP, PPP in HDLC framing, Cisco HDLC, NFLOG, 802.11
   *   with or without radiotap, Prism or AVS headers; any other number prints as tcpdump prints a
   *   link type it has no printer for.
   * @param options How to print; see {@linkcode PrintOptions}.
   * @returns A printer; throws `RangeError` for an option value out of range or a link type that
   *   is not a `LINKTYPE_*` number. A link type with no printer of its own prints as tcpdump
   *   prints it: `UNSUPPORTED` and the bytes in hex and ASCII.
   * @example Quiet output without timestamps
   * ```ts
   * import { LINKTYPE, PacketPrinter } from "@tpacket/tpacket";
   * import assert from "node:assert/strict";
   * const p = new PacketPrinter(LINKTYPE.RAW, { timestamp: "none", quiet: true });
   * const udp = Uint8Array.fromHex("4500001c000040004011000001020304050607080035303900080000");
   * assert.equal(p.format({ data: udp, wireLen: 28, sec: 0, nsec: 0 }), "IP 1.2.3.4.53 > 5.6.7.8.12345: UDP, length 0");
   * ```
   */
  constructor(linkType: number, options: PrintOptions = {}) {
    if (!Number.isInteger(linkType) || linkType < 0 || linkType > 0xffffffff) {
      throw new RangeError(
        `Cannot print link type "${linkType}": not a LINKTYPE_* number (an integer from 0 to 4294967295)`,
      );
    }
    this.#linkType = linkType;
    this.#options = options;
    this.#o = checkOptions(options);
    this.#flags = {
      e: this.#o.link,
      q: this.#o.quiet,
      S: this.#o.absoluteSequence,
      K: this.#o.noChecksums,
      b: this.#o.asdot,
      v: this.#o.verbose,
      suppressDefault: this.#o.hex !== "none" || this.#o.quiet,
      X: this.#o.hex === "X" || this.#o.hex === "XX",
      ifName: this.#o.interfaceName,
      T: this.#o.packetType === "none" ? "" : this.#o.packetType,
      ts: (sec, nsec) => this.#timestamp(sec, nsec),
      names: this.#o.names ?? undefined,
      u: this.#o.undecodedNfsHandles,
      md5Secret: this.#o.md5Secret === null
        ? undefined
        : new TextEncoder().encode(this.#o.md5Secret),
    };
    this.#c = this.#context();
  }

  #context(): Ctx {
    const shared = this.#shared;
    return new Ctx(new Uint8Array(0), 0, this.#flags, shared.tcpSeq, DISPATCH, shared.keep);
  }

  /**
   * A printer for packets of another link type that goes on from this one, as tcpdump goes on
   * from one interface of a pcapng file to the next, or from one file of `-V` to the next: the
   * same options, the same conversations (TCP's relative sequence numbers, the calls whose
   * replies name them) and the same reference time for `-ttt`/`-ttttt`.
   *
   * @param linkType The `LINKTYPE_*` number of the other packets (as for the constructor).
   * @returns A printer sharing this one's state; either may print next.
   * @example One TCP connection seen in raw IP, then on Ethernet: relative numbers go on
   * ```ts
   * import { LINKTYPE, PacketPrinter } from "@tpacket/tpacket";
   * import assert from "node:assert/strict";
   * const raw = new PacketPrinter(LINKTYPE.RAW, { timestamp: "none" });
   * const eth = raw.withLinkType(LINKTYPE.ETHERNET);
   * // 10.0.0.1.1234 > 10.0.0.2.80, ACK, seq 101, ack as given: the first prints as sent, the
   * // next relative to it (a printer of its own would print "ack 301")
   * const tcp = (ack: string) =>
   *   "4500002800004000400600000a0000010a000002" + "04d2005000000065" + ack + "5010ffff00000000";
   * const first = Uint8Array.fromHex(tcp("000000c9"));
   * const next = Uint8Array.fromHex("020000000002020000000001" + "0800" + tcp("0000012d"));
   * assert.match(raw.format({ data: first, wireLen: 40, sec: 0, nsec: 0 }), /ack 201,/);
   * assert.match(eth.format({ data: next, wireLen: 54, sec: 0, nsec: 0 }), /ack 101,/);
   * ```
   */
  withLinkType(linkType: number): PacketPrinter {
    const printer = new PacketPrinter(linkType, this.#options);
    printer.#shared = this.#shared;
    printer.#c = printer.#context();
    return printer;
  }

  /**
   * Formats one packet: the lines tcpdump prints for it, joined with `"\n"`, without a final newline.
   * Never throws on packet contents: malformed or cut packets print as tcpdump prints them.
   *
   * @param record The packet and its timestamp.
   * @returns The text.
   * @example Hex dump of a raw IPv4 packet
   * ```ts
   * import { LINKTYPE, PacketPrinter } from "@tpacket/tpacket";
   * import assert from "node:assert/strict";
   * const p = new PacketPrinter(LINKTYPE.RAW, { timestamp: "none", hex: "x" });
   * const ip = Uint8Array.fromHex("45000014000040004afd000001020304050607 08".replaceAll(" ", ""));
   * assert.equal(
   *   p.format({ data: ip, wireLen: 20, sec: 0, nsec: 0 }),
   *   "IP 1.2.3.4 > 5.6.7.8:  ip-proto-253 0\n\t0x0000:  4500 0014 0000 4000 4afd 0000 0102 0304\n\t0x0010:  0506 0708",
   * );
   * ```
   */
  format(record: PrintRecord): string {
    if (typeof record !== "object" || record === null || !(record.data instanceof Uint8Array)) {
      throw new TypeError("Cannot format packet: record.data must be a Uint8Array");
    }
    let data = record.data;
    if (this.#o.snapLen > 0 && data.byteLength > this.#o.snapLen) {
      data = data.subarray(0, this.#o.snapLen);
    }
    const invalid = invalidHeader(record.data.byteLength, record.wireLen);
    if (invalid !== undefined) return invalid;
    const wireLen = Math.max(Number.isFinite(record.wireLen) ? record.wireLen : 0, data.byteLength);
    const ts = this.#timestamp(record.sec, record.nsec);
    const c = this.#c;
    c.reset(data, data.byteLength);
    let hdrlen = 0;
    try {
      hdrlen = this.#link(c, wireLen);
    } catch (e) {
      if (!(e instanceof Truncated)) throw e;
      c.trunc();
      c.print(e.suffix);
      hdrlen = e.soft ? c.llHdrLen : 0;
    }
    let text = ts + c.out;
    const caplen = data.byteLength;
    const h = this.#o.hex;
    if (h === "XX") text += hexAscii(data, 0, caplen, "\n\t", 0);
    else if (h === "X") {
      if (caplen > hdrlen) text += hexAscii(data, hdrlen, caplen - hdrlen, "\n\t", 0);
    } else if (h === "xx") text += hexOnly(data, 0, caplen, "\n\t", 0);
    else if (h === "x") {
      if (caplen > hdrlen) text += hexOnly(data, hdrlen, caplen - hdrlen, "\n\t", 0);
    } else if (this.#o.ascii && caplen > hdrlen) text += asciiDump(data, hdrlen, caplen - hdrlen);
    return text;
  }

  #link(c: Ctx, wireLen: number): number {
    switch (this.#linkType) {
      case LINKTYPE.ETHERNET:
        return etherPrint(c, 0, wireLen);
      case LINKTYPE.LINUX_SLL:
        return sllPrint(c, wireLen);
      case LINKTYPE.LINUX_SLL2:
        return sll2Print(c, wireLen);
      case LINKTYPE.RAW:
        return rawPrint(c, wireLen);
      case LINKTYPE.IPV4:
        return rawPrint(c, wireLen);
      case LINKTYPE.IPV6:
        return rawPrint(c, wireLen);
      case LINKTYPE.NULL:
        return nullPrint(c, wireLen);
      case 9: // LINKTYPE_PPP
      case 166: // LINKTYPE_PPP_PPPD
        return pppIfPrint(c, wireLen);
      case 50: // LINKTYPE_PPP_HDLC
        return pppHdlcIfPrint(c, wireLen);
      case 104: // LINKTYPE_C_HDLC
        return chdlcPrint(c, 0, wireLen);
      case 105: // LINKTYPE_IEEE802_11
        return ieee80211IfPrint(c, wireLen);
      case 127: // LINKTYPE_IEEE802_11_RADIOTAP
        return radiotapPrint(c, wireLen);
      case 119: // LINKTYPE_IEEE802_11_PRISM
        return prismPrint(c, wireLen);
      case 163: // LINKTYPE_IEEE802_11_AVS
        return avsPrint(c, wireLen);
      case 239: // LINKTYPE_NFLOG
        return nflogPrint(c, wireLen);
      case LINKTYPE.LOOP:
        return nullPrint(c, wireLen);
      case 117: // LINKTYPE_PFLOG
        return pflogPrint(c, wireLen);
      case 189: // LINKTYPE_USB_LINUX
        return usbPrint(c, 48);
      case 220: // LINKTYPE_USB_LINUX_MMAPPED
        return usbPrint(c, 64);
      case 201: // LINKTYPE_BLUETOOTH_HCI_H4_WITH_PHDR
        return btPrint(c, wireLen);
      case 271: // LINKTYPE_VSOCK
        return vsockPrint(c);
      case 195: // LINKTYPE_IEEE802_15_4_WITHFCS
      case 230: // LINKTYPE_IEEE802_15_4_NOFCS
        return ieee802154IfPrint(c);
      case 283: // LINKTYPE_IEEE802_15_4_TAP
        return ieee802154TapPrint(c);
      case 109: // LINKTYPE_ENC
        return encPrint(c, wireLen);
      case 129: // LINKTYPE_ARCNET_LINUX
        return arcnetLinuxPrint(c, wireLen);
      case 7: // LINKTYPE_ARCNET_BSD
        return arcnetPrint(c, wireLen);
      case 6: // LINKTYPE_IEEE802_5
        return tokenPrint(c, 0, wireLen);
      case 10: // LINKTYPE_FDDI
        return fddiPrint(c, 0, wireLen);
      case 107: // LINKTYPE_FRELAY
        return frPrint(c, wireLen);
      case 182: // LINKTYPE_MFR
        return mfrPrint(c, wireLen);
      case 114: // LINKTYPE_LTALK
        return ltalkPrint(c, wireLen);
      case 167: // LINKTYPE_JUNIPER_PPPOE
      case 178: // LINKTYPE_JUNIPER_ETHER
      case 179: // LINKTYPE_JUNIPER_PPP
      case 181: // LINKTYPE_JUNIPER_CHDLC
      case 132: // LINKTYPE_JUNIPER_ES
      case 133: // LINKTYPE_JUNIPER_GGSN
      case 136: // LINKTYPE_JUNIPER_SERVICES
      case 164: // LINKTYPE_JUNIPER_MONITOR
      case 168: // LINKTYPE_JUNIPER_PPPOE_ATM
      case 180: // LINKTYPE_JUNIPER_FRELAY
      case 130: // LINKTYPE_JUNIPER_MLPPP
      case 131: // LINKTYPE_JUNIPER_MLFR
      case 134: // LINKTYPE_JUNIPER_MFR
      case 135: // LINKTYPE_JUNIPER_ATM2
      case 137: // LINKTYPE_JUNIPER_ATM1
        return juniperPrint(c, wireLen, this.#linkType);
      default:
        return unsupportedPrint(c);
    }
  }

  #timestamp(sec: number, nsec: number): string {
    const nano = this.#o.nano;
    sec = Math.floor(Number.isFinite(sec) ? sec : 0);
    nsec = Math.floor(Number.isFinite(nsec) ? nsec : 0);
    const frac = nano ? nsec : Math.floor(nsec / 1000);
    const fracStr = nano ? frac9 : frac6;
    // tcpdump 4.99.3 refuses a time whose low 32 bits of seconds have bit 31 set, which a pcap
    // record's (signed 32-bit) seconds from 0x80000000 on are
    const mode = this.#o.timestamp;
    if (
      (sec < 0 || sec >= 2147483648) && bit31(sec) && mode !== "none" && mode !== "delta" &&
      mode !== "since-first"
    ) {
      return "[Error converting time] ";
    }
    switch (mode) {
      case "none":
        return "";
      case "epoch":
        // the seconds' text is kept as the clock is (a number of 10 digits is no small integer
        // to V8: converting it cost as much as the rest of the timestamp)
        if (sec !== this.#epochSec) {
          this.#epoch = `${sec < 4294967296 ? sec : sec % 4294967296}.`;
          this.#epochSec = sec;
        }
        return `${this.#epoch}${fracStr(frac)} `;
      case "default": {
        // packets come many to a second: the local "HH:MM:SS." of the last second is kept
        // (the time zone lookup alone costs about 80 ns a packet)
        if (sec !== this.#clockSec) {
          const local = sec - new Date(sec * 1000).getTimezoneOffset() * 60;
          const s = ((local % 86400) + 86400) % 86400;
          if (!Number.isFinite(s)) return "[Error converting time] ";
          this.#clock = `${p2(Math.floor(s / 3600))}:${p2(Math.floor((s % 3600) / 60))}:${
            p2(s % 60)
          }.`;
          this.#clockSec = sec;
        }
        return `${this.#clock}${fracStr(frac)} `;
      }
      case "date": {
        // the date and clock of the last second are kept, as the clock alone is by default
        if (sec !== this.#dateSec) {
          const d = new Date(sec * 1000);
          if (Number.isNaN(d.getTime())) return "[Error converting time] ";
          this.#date = `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())} ${
            p2(d.getHours())
          }:${p2(d.getMinutes())}:${p2(d.getSeconds())}.`;
          this.#dateSec = sec;
        }
        return `${this.#date}${fracStr(frac)} `;
      }
      default: {
        // ts_print() for -ttt/-ttttt: the earlier of the two times is taken from the later
        // (netdissect_timevalsub(), borrowing one second when the fraction goes negative), the
        // sign printed before; the seconds of a pcap record are signed 32-bit, and a time of
        // 0.000000 counts as no reference yet; a fraction still negative after the borrow (a
        // record's microseconds past 999999) prints as the unsigned number it becomes
        const s = sec >= 2147483648 && sec < 4294967296 ? sec - 4294967296 : sec;
        const ref = this.#shared;
        if (!ref.refSet || (ref.refSec === 0 && ref.refFrac === 0)) {
          ref.refSec = s, ref.refFrac = frac, ref.refSet = true;
        }
        const rs = ref.refSec, rf = ref.refFrac;
        const neg = s === rs ? frac < rf : s < rs;
        let ds = neg ? rs - s : s - rs, df = neg ? rf - frac : frac - rf;
        if (df < 0) {
          ds -= 1;
          df += nano ? 1e9 : 1e6;
        }
        if (mode === "delta") ref.refSec = s, ref.refFrac = frac;
        if (ds >= 2147483648 && bit31(ds)) return `${neg ? "-" : " "}[Error converting time] `;
        const day = ds % 86400;
        return `${neg ? "-" : " "}${p2(Math.floor(day / 3600))}:${
          p2(Math.floor((day % 3600) / 60))
        }:${p2(day % 60)}.${fracStr(df < 0 ? df + 4294967296 : df)} `;
      }
    }
  }
}
