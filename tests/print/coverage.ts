// The printer's coverage against issue 13's "done when": for each link type and protocol the
// issue lists, how many packets of the golden corpus (tests/print/_corpus.ts) and of the
// captures tcpdump_test.ts compares exercise it, at each flag set, and how many of those print
// exactly as tcpdump prints them.
//
// A packet exercises a protocol when tcpdump's own -vv text for it carries that protocol's
// marker (PROTOCOLS below); a link type, when the packet's file has that link type. Protocols the
// installed tcpdump does not decode by port (QUIC, GTP, LDAP, NetBIOS, SMB in Debian's 4.99.3)
// are counted by their port instead, marked "(port)". Needs the installed tcpdump (the captures'
// text is taken live, with -tt so timestamps do not depend on the time zone).
//
//   deno run -A tests/print/coverage.ts [--markdown]

import { CAPTURES } from "./_captures.ts";
import { PcapReader } from "tpacket/pcap";
import { linkTypeName } from "../../link_type.ts";
import { PacketPrinter, type PrintOptions } from "../../print/mod.ts";
import { CASES } from "./_corpus.ts";
import { flagSets, goldenUrl, optionsOf, parseGolden, splitPackets } from "./_golden.ts";

/** Issue 13 item 3's protocols → a marker in tcpdump's -vv text. */
const PROTOCOLS: [string, RegExp][] = [
  ["STP/RSTP/MSTP", /\bSTP 802\.1/],
  ["CDP", /\bCDPv\d/],
  ["LACP/slow protocols", /\b(LACPv|MARKERv|OAMv)\d|[Ss]low[- ][Pp]rotocol/],
  ["802.1X EAPOL", /\bEAP(OL)? /],
  ["PPPoE", /\bPPPoE /],
  ["MPLS", /\bMPLS \(label/],
  ["MPLS over UDP", /\.6635(: | > [^:]*: )MPLS/],
  ["IPX", /\bIPX\b/],
  ["IS-IS", /\bIS-IS\b/],
  ["CFM", /\bCFMv\d/],
  ["PTP", /\bPTPv\d/],
  ["Geneve", /\bGeneve\b/],
  ["NSH", /\bNSH, /],
  ["AoE", /\bAoE /],
  ["TIPC", /\bTIPC /],
  ["OSPFv2", /\bOSPFv2\b/],
  ["OSPFv3", /\bOSPFv3\b/],
  ["BGP", /\bBGP\b/],
  ["RIP", /\bRIPv[12]\b/],
  ["RIPng", /\bripng-/],
  ["EIGRP", /\bEIGRP\b/],
  ["PIM", /\bPIMv[12]\b|\bpimv1\b/],
  ["VRRP", /\bVRRPv\d/],
  ["HSRP", /\bHSRPv\d/],
  ["CARP", /\bCARPv\d/],
  ["LDP", /\bLDP, /],
  ["RSVP", /\bRSVPv\d/],
  ["BFD", /\bBFDv\d/],
  ["Babel", /\bbabel \d/],
  ["OLSR", /\bOLSRv\d/],
  ["DHCPv6", /\bdhcp6 /],
  ["SNMP", /\b(C|U)="[^"]*" /],
  ["NetBIOS (port)", /\.13[789][ :>]/],
  ["SMB (port)", /\.445[ :>]/],
  ["NFS", /\bNFS\b|\bnfs\b/],
  // tcpdump 4.99.3 decodes Sun RPC on UDP/TCP 2049 only (as NFS; other ports need -T rpc)
  ["Sun RPC", /\bNFS (request|reply) xid \d|\bRPC Version\b/],
  ["RADIUS", /\bRADIUS, /],
  ["Kerberos", /\.(88|750)(: | > .*: ) *(v\d|\[\|krb\])/],
  ["ISAKMP/IKE", /\bisakmp\b|\bikev2\b/i],
  ["L2TP", /\bl2tp:/],
  ["GTP (port)", /\.(2123|2152|3386)[ :>]/],
  ["QUIC (port)", /\.443: UDP\b|\.443 > \S+: UDP\b/],
  ["SIP", /\bSIP\b/],
  ["TFTP", /\bTFTP\b/],
  ["WHOIS", /\bWHOIS\b/],
  ["Telnet", /\[telnet |\btelnet\b/i],
  ["LDAP (port)", /\.(389|636)[ :>]/],
  ["OpenFlow", /\bOpenFlow\b|\.66(33|53)[ :>]/],
  [
    "AFS/RX",
    /\brx (data|ack|busy|abort|ackall|challenge|response|debug|params|special|version|type)/,
  ],
  ["MPTCP", /\bmptcp\b/],
  ["TCP options", /\boptions \[/],
  ["ICMPv6 node information", /who-are-you|node information/],
  ["IPsec ESP", /\bESP\(/],
  ["IPsec AH", /\bAH\(/],
  ["SCTP", /: sctp\b/],
  [
    "M3UA (SCTP PPID 3)",
    /\n\t\t(Management|Transfer|SS7|ASP|Routing Key Management|Unknown message class)\b/,
  ],
  ["ForCES", /\n\tForCES |Invalid ForCES message type/],
  ["AppleTalk DDP/AARP", /\bAT \d|: (et1 )?\d+(\.\d+)?\.\d+ > \d|\baarp /],
  ["AODV", /: +(\[\|)?aodv\b/],
  ["LISP", /: (LISP-[A-Z]|unknown-type-\d+,|\[\|lisp\])/],
  ["ZEP", /: (\[udp sum ok\] |\[bad udp cksum [^\]]*\] )?ZEP(v\d| \[)/],
  ["Zephyr", /[:\]] {2}(zephyr\b|\[\|zephyr\])/],
  ["wb (whiteboard)", /\swb-(id|rreq|rrep|dop|preq|prep|kill|\d+!)|\[\|wb\]/],
  ["AHCP", /\bAHCP( Version| \(invalid\)| \[\|ahcp\])/],
  ["VQP", /\bVQP(v\d| version)|\.1589(: | > \S+: )(\[[^\]]*\] )?(\(invalid\)|\[\|vqp\])/],
  [
    "Broadcom LI shim",
    /\bBCM-LI-SHIM: |\.49152 > \S+: (\[[^\]]*\] )?( \(length \d|\s*\[\|bcm_li\])/,
  ],
  ["ICMP multi-part extensions", /\n\tICMP Multi-Part extension v\d/],
  ["lwres", /\slwres v\d/],
  ["GRE", /\bGREv\d/],
  ["IPv6 mobility", /\bmobility: /],
  [
    "LSP ping",
    /\bLSP-PING(v\d| version)|\.3503(: | > \S+: )(\[[^\]]*\] )?\n\t\t packet is too short/,
  ],
];

/** Issue 13 item 2's link types (and Ethernet), by LINKTYPE number. */
const LINK_TYPES: [string, number[]][] = [
  ["EN10MB", [1]],
  ["PPP", [9]],
  ["PPP_HDLC/PPP_SERIAL", [50]],
  ["PPP_PPPD", [166]],
  ["C_HDLC", [104]],
  ["IEEE802_11", [105]],
  ["IEEE802_11_RADIO", [127]],
  ["LINUX_SLL", [113]],
  ["LINUX_SLL2", [276]],
  ["NULL", [0]],
  ["LOOP", [108]],
  ["LTALK", [114]],
  ["RAW", [101]],
  ["IPV4", [228]],
  ["IPV6", [229]],
  ["NFLOG", [239]],
  ["PFLOG", [117]],
  ["ENC", [109]],
  ["FRELAY", [107]],
  ["ARCNET_LINUX", [129]],
  ["USB_LINUX_MMAPPED", [220]],
  ["IEEE802_15_4 (all four)", [195, 215, 230, 283]],
  ["BLUETOOTH_HCI_H4_WITH_PHDR", [201]],
  ["DBUS", [231]],
  ["VSOCK", [271]],
  ["LINUX_LAPD", [177]],
  ["JUNIPER_ETHER/PPP/CHDLC/PPPOE", [167, 178, 179, 181]],
  ["JUNIPER_* (others)", [
    130,
    131,
    132,
    133,
    134,
    135,
    136,
    137,
    164,
    168,
    180,
    183,
    192,
    194,
    200,
    210,
    211,
    212,
    213,
    214,
    226,
    227,
  ]],
  ["MFR (FRF.16)", [182]],
];

const COLUMNS = ["", "-v", "-vv", "-e"] as const;

/** One packet as the audit sees it: its link type, tcpdump's -vv text, and per flag set whether it matched. */
interface Seen {
  linkType: number;
  vv: string;
  /** tcpdump's -n text (some markers, e.g. Kerberos's " v5" after the port, only show there) */
  n: string;
  /** flag set → printed exactly as tcpdump (absent: not compared at that set) */
  at: Map<string, boolean>;
}

/** A flag set's column: the flags without a -T type. */
function column(flags: string): string {
  return flags.replace(/(^| )-T \S+/, "").trim();
}

function format(printer: PacketPrinter, data: Uint8Array, wireLen: number, i: number): string {
  return printer.format({ data, wireLen, sec: 1700000000 + i, nsec: i * 1000 });
}

/** The golden corpus: tcpdump's text from the golden files, ours from PacketPrinter. */
async function corpus(): Promise<Seen[]> {
  const seen: Seen[] = [];
  for (const c of CASES) {
    // a case printed under -T (CARP) counts in the columns of its other flags
    const golden = new Map(
      [...parseGolden(await Deno.readTextFile(goldenUrl(c)))].map(([k, v]) => [column(k), v]),
    );
    // a case printed at other flags only (telnet_x: -X -vvv ...) is read at its first set
    const vv = golden.get("-vv") ?? golden.get("-v") ?? golden.get("") ?? [...golden.values()][0]!;
    const base = seen.length;
    c.packets.forEach((_, i) =>
      seen.push({
        linkType: c.linkType,
        vv: vv[i] ?? "",
        n: golden.get("")?.[i] ?? "",
        at: new Map(),
      })
    );
    for (const flags of flagSets(c)) {
      const key = column(flags.join(" "));
      if (!(COLUMNS as readonly string[]).includes(key)) continue;
      const theirs = golden.get(key)!;
      const printer = new PacketPrinter(c.linkType, optionsOf(flags));
      c.packets.forEach((p, i) => {
        const ours = format(printer, p.data, p.wireLen ?? p.data.length, i);
        seen[base + i]!.at.set(key, ours === theirs[i]);
      });
    }
  }
  return seen;
}

async function tcpdump(file: string, flags: string[]): Promise<string[]> {
  const out = await new Deno.Command("tcpdump", {
    args: ["-n", "-tt", "-r", file, ...flags],
    stdout: "piped",
    stderr: "null",
    env: { TZ: "UTC" },
  }).output();
  return splitPackets(new TextDecoder().decode(out.stdout));
}

/** ifindex → name, as tcpdump reads them for SLL2's interface field. */
const ifnames = new Map<number, string>();
try {
  for await (const e of Deno.readDir("/sys/class/net")) {
    ifnames.set(
      Number((await Deno.readTextFile(`/sys/class/net/${e.name}/ifindex`)).trim()),
      e.name,
    );
  }
} catch { /* no sysfs: tcpdump prints "?" then, as we do */ }

/** tcpdump_test's captures, compared at the same flag sets with -tt. */
async function captures(): Promise<Seen[]> {
  const seen: Seen[] = [];
  const dir = new URL("../testdata/print/", import.meta.url);
  for (const name of CAPTURES) {
    const path = new URL(`${name}.pcap`, dir).pathname;
    const reader = await PcapReader.from((await Deno.open(path)).readable);
    const records: { data: Uint8Array; wireLen: number; sec: number; nsec: number }[] = [];
    for await (const r of reader) {
      records.push({ data: r.data.slice(), wireLen: r.wireLen, sec: r.sec, nsec: r.nsec });
    }
    const vv = await tcpdump(path, ["-vv"]);
    const n = await tcpdump(path, []);
    const base = seen.length;
    records.forEach((_, i) =>
      seen.push({ linkType: reader.linkType, vv: vv[i] ?? "", n: n[i] ?? "", at: new Map() })
    );
    for (const key of COLUMNS) {
      const flags = key ? [key] : [];
      const theirs = key === "-vv" ? vv : key === "" ? n : await tcpdump(path, flags);
      const options: PrintOptions = { ...optionsOf(flags), interfaceName: (i) => ifnames.get(i) };
      const printer = new PacketPrinter(reader.linkType, options);
      records.forEach((r, i) => seen[base + i]!.at.set(key, printer.format(r) === theirs[i]));
    }
  }
  return seen;
}

/** "matched/total" per column for the packets `pick` selects. */
function row(seen: Seen[], pick: (s: Seen) => boolean, columns: readonly string[]): string[] {
  return columns.map((k) => {
    let n = 0, same = 0;
    for (const s of seen) {
      if (!pick(s) || !s.at.has(k)) continue;
      n++;
      if (s.at.get(k)) same++;
    }
    return n === 0 ? "0" : same === n ? `${n}` : `${same}/${n}`;
  });
}

const markdown = Deno.args.includes("--markdown");
const golden = await corpus();
const captured = await captures();
const all = [...golden, ...captured];

function table(title: string, header: string[], rows: string[][]): void {
  console.log(`\n${title}`);
  if (markdown) {
    console.log(`| ${header.join(" | ")} |\n|${header.map(() => " --- ").join("|")}|`);
    for (const r of rows) console.log(`| ${r.join(" | ")} |`);
  } else {
    const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (r: string[]) =>
      r.map((c, i) => i ? c.padStart(w[i]!) : c.padEnd(w[i]!)).join("  ");
    console.log(line(header));
    for (const r of rows) console.log(line(r));
  }
}

const cols = ["-n", "-n -v", "-n -vv"];
table(
  `Protocols (packets; "a/b": a of b print exactly as tcpdump 4.99; golden corpus + captures)`,
  ["protocol", ...cols.map((c) => `golden ${c}`), ...cols.map((c) => `capt ${c}`), "lowest"],
  PROTOCOLS.map(([name, re]) => {
    const pick = (s: Seen) => re.test(s.vv) || re.test(s.n);
    const g = row(golden, pick, ["", "-v", "-vv"]);
    const c = row(captured, pick, ["", "-v", "-vv"]);
    const a = row(all, pick, ["", "-v", "-vv"]);
    return [name, ...g, ...c, String(Math.min(...a.map((x) => Number(x.split("/").at(-1)))))];
  }),
);
table(
  `Link types (packets; "a/b" as above)`,
  ["link type", "-n", "-n -v", "-n -vv", "-n -e", "printer"],
  LINK_TYPES.map(([name, types]) => {
    const pick = (s: Seen) => types.includes(s.linkType);
    const unsupported = all.filter(pick).every((s) => s.vv.includes("UNSUPPORTED"));
    const any = all.some(pick);
    return [
      name,
      ...row(all, pick, COLUMNS),
      !any ? "-" : unsupported ? "UNSUPPORTED (as tcpdump)" : "yes",
    ];
  }),
);
const few: [string, Seen[]][] = [
  ...PROTOCOLS.map(([name, re]): [string, Seen[]] => [
    name,
    all.filter((s) => re.test(s.vv) || re.test(s.n)),
  ]),
  ...LINK_TYPES.map(([name, types]): [string, Seen[]] => [
    name,
    all.filter((s) => types.includes(s.linkType)),
  ]),
];
const fewer = few.filter(([, pkts]) => pkts.length < 20).map(([name, pkts]) =>
  `${name} ${pkts.length}`
);
console.log(`\nFewer than 20 packets: ${fewer.join(", ")}`);
const bad = all.filter((s) => [...s.at.values()].some((v) => !v)).length;
console.log(
  `\n${golden.length} golden + ${captured.length} captured packets; ${bad} differ from tcpdump at some column` +
    ` (link types seen: ${
      [...new Set(all.map((s) => s.linkType))].sort((a, b) => a - b).map((t) =>
        `${t} ${linkTypeName(t)}`
      ).join(", ")
    })`,
);
