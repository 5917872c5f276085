/**
 * The names tcpdump prints instead of numbers when it runs without `-n`: a host's name for its
 * address (as gethostbyaddr() finds it in the hosts file), the TCP or UDP service of a port (as
 * getservent() reads the services file), the name of an Ethernet address (the ethers file, and
 * `Broadcast`), and the maker of any other MAC address as tcpdump appends it: ` (oui Cisco)`,
 * ` (oui Unknown)`.
 *
 * {@linkcode PrintNames.load} reads the system's files (read permission needed);
 * {@linkcode PrintNames.parse} takes their text, so a printer needs no permission at all.
 *
 * @example A printer that names what tcpdump would
 * ```ts
 * import { LINKTYPE } from "@tpacket/tpacket";
 * import { PacketPrinter, PrintNames } from "@tpacket/tpacket/print";
 * import assert from "node:assert/strict";
 * const names = PrintNames.parse({
 *   hosts: "127.0.0.1 localhost\n",
 *   services: "discard 9/udp # sink null\n",
 * });
 * const p = new PacketPrinter(LINKTYPE.RAW, { timestamp: "none", names });
 * const udp = Uint8Array.fromHex("4500001c00004000401100007f0000017f00000230390009" + "00080000");
 * assert.equal(
 *   p.format({ data: udp, wireLen: udp.length, sec: 0, nsec: 0 }),
 *   "IP localhost.12345 > 127.0.0.2.discard: UDP, length 0",
 * );
 * ```
 *
 * @module
 */

import { formatIpv6 } from "../address.ts";

/** The texts {@linkcode PrintNames.parse} reads; a missing one names nothing. */
export interface NameFiles {
  /** A hosts file (`/etc/hosts`): an address, then its names. */
  hosts?: string | undefined;
  /** A services file (`/etc/services`): a name, then `port/protocol`, then aliases. */
  services?: string | undefined;
  /** An ethers file (`/etc/ethers`): a MAC address, then its name. */
  ethers?: string | undefined;
}

/** How names are chosen. */
export interface NameOptions {
  /** Host names without their domain, as tcpdump's `-N` prints them. @default {false} */
  stripDomain?: boolean;
}

/** The system files {@linkcode PrintNames.load} reads by default. */
export const NAME_FILES: Readonly<Record<keyof NameFiles, string>> = Object.freeze({
  hosts: "/etc/hosts",
  services: "/etc/services",
  ethers: "/etc/ethers",
});

const BROADCAST = 0xffffffffffff;

/**
 * tcpdump's netdb_protoname(): the IP protocol names it prints without `-n` (/etc/protocols'
 * spelling of IANA's keywords, 0 to 142 and 253 to 255), `""` for a number with none.
 */
const PROTOCOL_NAMES: readonly string[] = (() => {
  const names = (
    "hopopt icmp igmp ggp ipencap st tcp cbt egp igp bbn-rcc-mon nvp-ii pup argus emcon xnet " +
    "chaos udp mux dcn-meas hmp prm xns-idp trunk-1 trunk-2 leaf-1 leaf-2 rdp irtp iso-tp4 " +
    "netblt mfe-nsp merit-inp dccp 3pc idpr xtp ddp idpr-cmtp tp++ il ipv6 sdrp ipv6-route " +
    "ipv6-frag idrp rsvp gre dsr bna esp ah i-nlsp swipe narp mobile tlsp skip ipv6-icmp " +
    "ipv6-nonxt ipv6-opts - cftp - sat-expak kryptolan rvd ippc - sat-mon visa ipcv cpnx rspf " +
    "wsn pvp br-sat-mon sun-nd wb-mon wb-expak iso-ip vmtp secure-vmtp vines ttp nsfnet-igp " +
    "dgp tcf eigrp ospf sprite-rpc larp mtp ax.25 ipip micp scc-sp etherip encap - gmtp ifmp " +
    "pnni pim aris scps qnx a/n ipcomp snp compaq-peer ipx-in-ip vrrp pgm - l2tp ddx iatp stp " +
    "srp uti smp sm ptp isis fire crtp crudp sscopmce iplt sps pipe sctp fc rsvp-e2e-ignore " +
    "mobility-header udplite mpls-in-ip manet hip shim6 wesp rohc"
  ).split(" ").map((n) => (n === "-" ? "" : n));
  while (names.length < 253) names.push("");
  names.push("exptest-253", "exptest-254", "reserved");
  return names;
})();

/**
 * Name tables for {@linkcode PrintOptions.names}: hosts by address, services by port, Ethernet
 * names by address. The first line naming an address or port wins, as the C library's lookups
 * take it.
 */
export class PrintNames {
  readonly #v4 = new Map<number, string>();
  readonly #v6 = new Map<string, string>();
  readonly #tcp = new Map<number, string>();
  readonly #udp = new Map<number, string>();
  readonly #ethers = new Map<number, string>();

  private constructor() {}

  /**
   * Tables from the files' text.
   *
   * @param files The hosts, services and ethers files' contents.
   * @param options `stripDomain` for `-N`.
   * @returns The tables; lines that are not addresses, ports or names are skipped, as the C
   *   library skips them.
   * @example Name a port
   * ```ts
   * import { PrintNames } from "@tpacket/tpacket/print";
   * import assert from "node:assert/strict";
   * const names = PrintNames.parse({ services: "ssh 22/tcp # Secure Shell\n" });
   * assert.equal(names.tcpPort(22), "ssh");
   * assert.equal(names.udpPort(22), undefined);
   * ```
   */
  static parse(files: NameFiles, options: NameOptions = {}): PrintNames {
    const n = new PrintNames();
    for (const [address, name] of entries(files.hosts)) {
      const host = options.stripDomain ? name.split(".")[0]! : name;
      const v4 = parseIpv4(address);
      if (v4 !== undefined) {
        if (!n.#v4.has(v4)) n.#v4.set(v4, host);
        continue;
      }
      const v6 = parseIpv6(address);
      if (v6 !== undefined && !n.#v6.has(v6)) n.#v6.set(v6, host);
    }
    // One pass of a compiled regular expression over the file: a start-up reads it whole.
    for (const m of (files.services ?? "").matchAll(SERVICE)) {
      const port = Number(m[2]);
      const table = m[3] === "tcp" ? n.#tcp : n.#udp;
      if (port <= 0xffff && !table.has(port)) table.set(port, m[1]!);
    }
    for (const [address, name] of entries(files.ethers)) {
      const mac = parseMac(address);
      if (mac !== undefined && !n.#ethers.has(mac)) n.#ethers.set(mac, name);
    }
    // tcpdump's own ethers entry, when the file does not name it.
    if (!n.#ethers.has(BROADCAST)) n.#ethers.set(BROADCAST, "Broadcast");
    return n;
  }

  /**
   * Tables from the system's files ({@linkcode NAME_FILES}, or others); a file that does not
   * exist names nothing, as the C library's lookups then find nothing.
   *
   * @param options `stripDomain`, and other paths for the files.
   * @returns The tables.
   * @throws {Deno.errors.NotCapable} Without read permission for a file.
   * @example Load the system's names (needs read access to /etc)
   * ```ts ignore
   * import { PrintNames } from "@tpacket/tpacket/print";
   * const names = PrintNames.load();
   * console.log(names.tcpPort(443)); // "https" on most systems
   * ```
   */
  static load(
    options: NameOptions & { files?: Partial<Record<keyof NameFiles, string>> } = {},
  ): PrintNames {
    const paths = { ...NAME_FILES, ...options.files };
    const read = (path: string) => {
      try {
        return Deno.readTextFileSync(path);
      } catch (e) {
        if (e instanceof Deno.errors.NotFound || e instanceof Deno.errors.IsADirectory) {
          return undefined;
        }
        throw e;
      }
    };
    return PrintNames.parse(
      { hosts: read(paths.hosts), services: read(paths.services), ethers: read(paths.ethers) },
      options,
    );
  }

  /**
   * The host name of an IPv4 address.
   *
   * @param address The address as a 32-bit number (`0x7f000001` is 127.0.0.1).
   * @returns The name, or `undefined`.
   */
  host4(address: number): string | undefined {
    return this.#v4.get(address);
  }

  /**
   * The host name of an IPv6 address.
   *
   * @param text The address as `formatIpv6()` writes it (`::1`).
   * @returns The name, or `undefined`.
   */
  host6(text: string): string | undefined {
    return this.#v6.get(text);
  }

  /**
   * The service of a TCP port.
   *
   * @param port 0 to 65535.
   * @returns The name, or `undefined`.
   */
  tcpPort(port: number): string | undefined {
    return this.#tcp.get(port);
  }

  /**
   * The service of a UDP port.
   *
   * @param port 0 to 65535.
   * @returns The name, or `undefined`.
   */
  udpPort(port: number): string | undefined {
    return this.#udp.get(port);
  }

  /**
   * The name tcpdump prints for an IP protocol number without `-n` (its own table, not a file).
   *
   * @param protocol 0 to 255.
   * @returns The name, or `undefined` for a number without one.
   */
  protocol(protocol: number): string | undefined {
    return PROTOCOL_NAMES[protocol] || undefined;
  }

  /**
   * The name of an Ethernet address (the ethers file's, or `Broadcast`).
   *
   * @param address The 48-bit address as a number.
   * @returns The name, or `undefined`.
   */
  ether(address: number): string | undefined {
    return this.#ethers.get(address);
  }
}

/** A services line: name, port, protocol (comments cannot start a word). */
const SERVICE = /^[ \t]*([^\s#]+)[ \t]+(\d+)\/(tcp|udp)(?=[\s#]|$)/gm;

/** A line's first two words, neither in a comment. */
const WORDS = /^[ \t]*([^\s#]+)[ \t]+([^\s#]+)/gm;

/** The `[first word, second word]` of each line of a file, comments and blank lines left out. */
function* entries(text: string | undefined): Generator<[string, string]> {
  if (text === undefined) return;
  for (const m of text.matchAll(WORDS)) yield [m[1]!, m[2]!];
}

/** A dotted quad as a 32-bit number, or `undefined`. */
function parseIpv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const b = m.slice(1).map(Number);
  if (b.some((x) => x > 255)) return undefined;
  return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
}

/** An IPv6 address as `formatIpv6()` writes it, or `undefined`. */
function parseIpv6(text: string): string | undefined {
  const at = text.indexOf("%"); // a zone (fe80::1%eth0) is not part of the address
  let s = (at >= 0 ? text.slice(0, at) : text).toLowerCase();
  const bytes = new Uint8Array(16);
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (v4) {
    const q = parseIpv4(v4.slice(1).join("."));
    if (q === undefined) return undefined;
    s = s.slice(0, v4.index) + `${(q >>> 16).toString(16)}:${(q & 0xffff).toString(16)}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === "" ? [] : h.split(":"));
  const head = groups(halves[0]!), tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (halves.length === 2 ? head.length + tail.length > 7 : head.length !== 8) return undefined;
  const all = [...head, ...new Array<string>(8 - head.length - tail.length).fill("0"), ...tail];
  for (const [i, g] of all.entries()) {
    if (!/^[0-9a-f]{1,4}$/.test(g)) return undefined;
    const v = parseInt(g, 16);
    bytes[2 * i] = v >> 8;
    bytes[2 * i + 1] = v & 0xff;
  }
  return formatIpv6(bytes);
}

/** A MAC address (`8:0:20:1:2:3`, `08-00-20-01-02-03`) as a 48-bit number, or `undefined`. */
function parseMac(text: string): number | undefined {
  const parts = text.split(/[:-]/);
  if (parts.length !== 6 || parts.some((p) => !/^[0-9a-fA-F]{1,2}$/.test(p))) return undefined;
  return parts.reduce((v, p) => v * 256 + parseInt(p, 16), 0);
}
