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
  // Each table is made from its file's text the first time a lookup needs it, so a run that
  // prints no MAC address never reads the ethers file, and a short one never parses all of
  // the services file (see #service()).
  #hosts: Source;
  #services: Source;
  #ethers: Source;
  readonly #stripDomain: boolean;
  #v4: Map<number, string> | undefined;
  #v6: Map<string, string> | undefined;
  /** Port → name, or null for a port the file does not name (found by search, not parsed). */
  readonly #tcp = new Map<number, string | null>();
  readonly #udp = new Map<number, string | null>();
  #servicesParsed = false;
  #searches = 0;
  #etherTable: Map<number, string> | undefined;

  private constructor(files: Record<keyof NameFiles, Source>, options: NameOptions) {
    this.#hosts = files.hosts;
    this.#services = files.services;
    this.#ethers = files.ethers;
    this.#stripDomain = options.stripDomain ?? false;
  }

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
    return new PrintNames(
      { hosts: files.hosts, services: files.services, ethers: files.ethers },
      options,
    );
  }

  /**
   * Tables from the system's files ({@linkcode NAME_FILES}, or others). Each file is read the
   * first time a lookup needs it; one that does not exist (or can no longer be read) names
   * nothing, as the C library's lookups then find nothing.
   *
   * @param options `stripDomain`, and other paths for the files.
   * @returns The tables.
   * @throws {Deno.errors.NotCapable} Without read permission for a file (checked at once, so
   *   a lookup never prompts or throws).
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
    for (const path of [paths.hosts, paths.services, paths.ethers]) {
      if (Deno.permissions.querySync({ name: "read", path }).state !== "granted") {
        throw new Deno.errors.NotCapable(
          `Requires read access to "${path}", run again with the --allow-read flag`,
        );
      }
    }
    const read = (path: string) => () => {
      try {
        return Deno.readTextFileSync(path);
      } catch {
        return undefined; // gone, a directory, unreadable: it names nothing
      }
    };
    return new PrintNames(
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
    return (this.#v4 ?? this.#parseHosts()).get(address);
  }

  /**
   * The host name of an IPv6 address.
   *
   * @param text The address as `formatIpv6()` writes it (`::1`).
   * @returns The name, or `undefined`.
   */
  host6(text: string): string | undefined {
    if (this.#v6 === undefined) this.#parseHosts();
    return this.#v6!.get(text);
  }

  /**
   * The service of a TCP port.
   *
   * @param port 0 to 65535.
   * @returns The name, or `undefined`.
   */
  tcpPort(port: number): string | undefined {
    return this.#service(this.#tcp, port, "tcp");
  }

  /**
   * The service of a UDP port.
   *
   * @param port 0 to 65535.
   * @returns The name, or `undefined`.
   */
  udpPort(port: number): string | undefined {
    return this.#service(this.#udp, port, "udp");
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
    return (this.#etherTable ?? this.#parseEthers()).get(address);
  }

  #parseHosts(): Map<number, string> {
    const v4 = this.#v4 = new Map(), v6 = this.#v6 = new Map();
    for (const [address, name] of entries(text(this.#hosts))) {
      const host = this.#stripDomain ? name.split(".")[0]! : name;
      const q = parseIpv4(address);
      if (q !== undefined) {
        if (!v4.has(q)) v4.set(q, host);
        continue;
      }
      const six = parseIpv6(address);
      if (six !== undefined && !v6.has(six)) v6.set(six, host);
    }
    this.#hosts = undefined;
    return v4;
  }

  #parseEthers(): Map<number, string> {
    const table = this.#etherTable = new Map();
    for (const [address, name] of entries(text(this.#ethers))) {
      const mac = parseMac(address);
      if (mac !== undefined && !table.has(mac)) table.set(mac, name);
    }
    // tcpdump's own ethers entry, when the file does not name it.
    if (!table.has(BROADCAST)) table.set(BROADCAST, "Broadcast");
    this.#ethers = undefined;
    return table;
  }

  /**
   * A port's service. The first few ports are each found by a search of the file's text (a
   * short run looks up a handful: parsing all of a 300-line file cold costs it ~0.5 ms); after
   * SEARCHES of them, the whole file is parsed once and the tables answer alone.
   */
  #service(table: Map<number, string | null>, port: number, protocol: string): string | undefined {
    const known = table.get(port);
    if (known !== undefined || this.#servicesParsed) return known ?? undefined;
    if (!Number.isInteger(port) || port < 0 || port > 0xffff) return undefined;
    if (typeof this.#services === "function") this.#services = this.#services();
    const services = this.#services;
    if (++this.#searches > SEARCHES) {
      this.#servicesParsed = true;
      this.#services = undefined;
      for (const m of (services ?? "").matchAll(SERVICE)) {
        const n = Number(m[2]);
        const t = m[3] === "tcp" ? this.#tcp : this.#udp;
        if (n <= 0xffff && !t.has(n)) t.set(n, m[1]!);
      }
      return table.get(port) ?? undefined;
    }
    const name = services === undefined ? undefined : findService(services, port, protocol);
    table.set(port, name ?? null);
    return name;
  }
}

/** A file's text, or a way to read it the first time it is needed. */
type Source = string | (() => string | undefined) | undefined;

function text(source: Source): string | undefined {
  return typeof source === "function" ? source() : source;
}

/** How many ports are looked up by search before the services file is parsed whole. */
const SEARCHES = 32;

/**
 * The name on the first line of a services file whose port field is `port/protocol` (leading
 * zeros allowed, as `Number()` reads them), exactly the line SERVICE would take first.
 */
function findService(services: string, port: number, protocol: string): string | undefined {
  const needle = `${port}/${protocol}`;
  for (let at = services.indexOf(needle); at >= 0; at = services.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    if (end < services.length && !/[\s#]/.test(services[end]!)) continue;
    let from = at;
    while (from > 0 && services.charCodeAt(from - 1) === 0x30) from--;
    let line = from;
    while (line > 0 && !LINE_BREAK.has(services.charCodeAt(line - 1))) line--;
    const head = SERVICE_HEAD.exec(services.slice(line, from));
    if (head) return head[1];
  }
  return undefined;
}

/** Where `^` matches in a multiline regular expression: LF, CR, U+2028, U+2029. */
const LINE_BREAK = new Set([0x0a, 0x0d, 0x2028, 0x2029]);

/** What precedes a services line's port field: its name and the blanks after it. */
const SERVICE_HEAD = /^[ \t]*([^\s#]+)[ \t]+$/;

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
