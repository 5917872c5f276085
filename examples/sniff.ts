#!/usr/bin/env -S deno run --allow-ffi --allow-read
/**
 * `sniff`: a tcpdump-like command-line tool built on tpacket.
 *
 * It takes tcpdump's options and filter expressions and prints what tcpdump
 * prints, so users can switch without relearning anything:
 *
 * ```sh
 * deno run --allow-ffi --allow-read examples/sniff.ts -i eth0 -n 'tcp port 443'
 * deno run --allow-ffi --allow-read --allow-write examples/sniff.ts -i any -w out.pcap
 * deno run --allow-read examples/sniff.ts -n -r out.pcap 'icmp or arp'
 * deno run --allow-read examples/sniff.ts -d 'tcp[tcpflags] & tcp-syn != 0'
 * ```
 *
 * Live capture needs `--allow-ffi` (and root or CAP_NET_RAW); files need
 * `--allow-read` / `--allow-write`. sniff loads its parts (printer, filter
 * compiler, capture engine) only when a command needs them, which takes read
 * access to its own modules. Every user mistake ends in one line on
 * stderr and exit status 1; a capture stopped with Ctrl-C or SIGTERM flushes
 * its file and prints tcpdump's three summary lines.
 *
 * @module
 */
import type * as Tpacket from "../mod.ts";
import type * as DecodeModule from "../decode/layers.ts";
import type * as DevicesModule from "../devices.ts";
import type * as FilterModule from "../filter/mod.ts";
import type { BpfFunction } from "../filter/mod.ts";
import type * as FanoutModule from "./_sniff_fanout.ts";
import type * as PrintModule from "../print/mod.ts";
import type {
  Capture,
  CaptureOptions,
  Frame,
  PcapRecord,
  PcapSource,
  PcapWriteRecord,
  PrintOptions,
  WorkerCapture,
} from "../mod.ts";
import type * as PcapModule from "../pcap/mod.ts";
import type * as UserModule from "../ffi/user.ts";
import type * as TstampModule from "../ffi/tstamp.ts";
import type * as WirelessModule from "../ffi/wireless.ts";
import type * as BundleModule from "./_bundle.ts";
import type * as SummaryModule from "./_summary.ts";
// Start-up: nothing of the package loads before main() knows the command. Reading a file needs
// only pcap/ (loadPcap()); the printer, the filter compiler and the capture engine load when a
// command needs them (load()), so `sniff -r x --count` starts sooner. sniff imports no module
// at all before it runs: a first static import costs Deno ~0.8 ms (one module or three), an
// import() of the same module ~0.2.

/**
 * Imports one of the package's modules the first time a command needs it. The specifier is
 * not a string literal on purpose: Deno reads every module a literal `import()` names before
 * the program starts (about 8 ms for the whole package), so `sniff -r x` would pay for the
 * capture engine and the filter compiler it never runs. A module outside the start-up graph
 * needs read access to it. Where `deno task build` left an up-to-date bundle of the module
 * (`_bundle.ts`), that one file is loaded instead of its dozens of modules.
 */
async function lazy<M>(path: string): Promise<M> {
  // The path relative to the repository root, by string: a URL costs as much as a stat.
  const entry = path.startsWith("../") ? path.slice(3) : `examples/${path.replace(/^\.\//, "")}`;
  const bundle = bundles ? await freshBundle(entry) : undefined;
  if (bundle) {
    try {
      return await import(bundle) as M;
    } catch { /* the bundle went missing since the manifest was written: the modules */ }
  }
  return await importPart<M>(ROOT + entry);
}

/** The repository root's URL, ending in `/`. */
const ROOT = new URL("../", import.meta.url).href;

/** `_bundle.ts`, once freshBundle() needed it. */
let B: typeof BundleModule | undefined;

/**
 * `_bundle.ts`'s freshBundle() for `entry`. Without read access to `_bundle.ts` there is no
 * bundle to trust (and, as freshBundle(), no prompt for it).
 */
async function freshBundle(entry: string): Promise<string | undefined> {
  if (B === undefined) {
    const url = ROOT + "examples/_bundle.ts";
    if (Deno.permissions.querySync({ name: "read", path: new URL(url) }).state !== "granted") {
      return undefined;
    }
    B = await import(url) as typeof BundleModule;
  }
  return B.freshBundle(entry, ROOT);
}

/** tcpdump's counts in words (`_summary.ts`), once loadSummary() ran. */
let packets: typeof SummaryModule.packets, summaryLines: typeof SummaryModule.summaryLines;

/** Loads `_summary.ts`, which `--count` and a capture's summary need (main() runs it first). */
async function loadSummary(): Promise<void> {
  ({ packets, summaryLines } = await importPart<typeof SummaryModule>(
    ROOT + "examples/_summary.ts",
  ));
}

/**
 * Whether lazy() may take bundles: only when reading a file (main() decides), where nothing
 * else loads the package's modules (a live capture loads them all: a bundle would be a copy).
 */
let bundles = false;

async function importPart<M>(url: string): Promise<M> {
  try {
    return await import(url) as M;
  } catch (error) {
    if (error instanceof Error && /^Requires read access/.test(error.message)) {
      throw new Deno.errors.NotCapable(
        `${error.message.split(",")[0]}: sniff loads its parts when a command needs them`,
      );
    }
    throw error;
  }
}

/** The rest of the package, once load() ran. */
let T: typeof Tpacket;

/** Loads the whole package (capture, filter, decode, print) the first time it is needed. */
export async function load(): Promise<typeof Tpacket> {
  return T ??= await lazy<typeof Tpacket>("../mod.ts");
}

/** The printer, once loadPrinter() ran (the decoders too, for --json); the filter, loadFilter(). */
let P: typeof PrintModule, D: typeof DecodeModule, F: typeof FilterModule;

/** --json takes the decoders' records; text takes the printer (which reads frames itself). */
async function loadPrinter(json: boolean): Promise<void> {
  if (json) D ??= await lazy<typeof DecodeModule>("../decode/layers.ts");
  else P ??= await lazy<typeof PrintModule>("../print/mod.ts");
}

async function loadFilter(): Promise<typeof FilterModule> {
  return F ??= await lazy<typeof FilterModule>("../filter/mod.ts");
}

/** pcap/'s readers, writers and link-type names, once loadPcap() ran (main() runs it first). */
let PcapReader: typeof PcapModule.PcapReader,
  PcapWriter: typeof PcapModule.PcapWriter,
  RotatingPcapWriter: typeof PcapModule.RotatingPcapWriter,
  linkTypeName: typeof PcapModule.linkTypeName,
  linkTypeDescription: typeof PcapModule.linkTypeDescription,
  parseLinkType: typeof PcapModule.parseLinkType;

/** Loads pcap/ (a bundle of it when reading a file); openWriter() runs it too, for the Worker. */
async function loadPcap(): Promise<void> {
  if (PcapReader !== undefined) return;
  usePcap(await lazy<typeof PcapModule>("../pcap/mod.ts"));
}

function usePcap(X: typeof PcapModule): void {
  ({
    PcapReader,
    PcapWriter,
    RotatingPcapWriter,
    linkTypeName,
    linkTypeDescription,
    parseLinkType,
  } = X);
}

/** What one of the parts `loadFileParts()` takes holds. */
interface FileParts {
  pcap: typeof PcapModule;
  print?: typeof PrintModule;
  filter?: typeof FilterModule;
}

/**
 * What reading a file needs, as one part: pcap/, with the printer when records are printed as
 * text and with the filter compiler when there is an expression, so that each combination is
 * one bundle (one import and one freshness check where two cost start-up ~1.5 ms more).
 */
async function loadFileParts(text: boolean, filter: boolean): Promise<void> {
  if (!text && !filter) return await loadPcap();
  const X = await lazy<FileParts>(
    text ? (filter ? "./_read_print_filter.ts" : "./_read_print.ts") : "./_read_filter.ts",
  );
  usePcap(X.pcap);
  if (X.print) P ??= X.print;
  if (X.filter) F ??= X.filter;
}

/** The device list alone (LINUX_SLL2 interface names), without the rest of the package. */
let V: typeof DevicesModule | undefined;

async function loadDevices(): Promise<void> {
  V ??= T ?? await lazy<typeof DevicesModule>("../devices.ts");
}

const PROGRAM = "sniff";

/** Options that take a value, as tcpdump's getopt string spells them. */
const WITH_VALUE = new Set([
  "B",
  "c",
  "C",
  "F",
  "G",
  "i",
  "j",
  "M",
  "Q",
  "r",
  "s",
  "T",
  "V",
  "w",
  "W",
  "y",
  "z",
  "Z",
]);
/** Flags without a value. */
const FLAGS = new Set([
  "A",
  "b",
  "d",
  "D",
  "e",
  "h",
  "I",
  "J",
  "K",
  "l",
  "L",
  "n",
  "N",
  "O",
  "p",
  "q",
  "S",
  "t",
  "u",
  "U",
  "v",
  "x",
  "X",
  "#",
]);
/**
 * Long options: name → [short equivalent or own key, takes a value, the value it stands for].
 * `--micro` and `--nano` are `--time-stamp-precision` with its value: the last one given wins.
 */
const LONG: Record<string, [string, boolean, string?]> = {
  "immediate-mode": ["immediate", false],
  "micro": ["precision", false, "micro"],
  "nano": ["precision", false, "nano"],
  "time-stamp-precision": ["precision", true],
  "direction": ["Q", true],
  "interface": ["i", true],
  "list-interfaces": ["D", false],
  "list-data-link-types": ["L", false],
  "linktype": ["y", true],
  "buffer-size": ["B", true],
  "snapshot-length": ["s", true],
  "no-promiscuous-mode": ["p", false],
  "packet-buffered": ["U", false],
  "print": ["print", false],
  "count": ["count", false],
  "number": ["#", false],
  "json": ["json", false],
  "workers": ["workers", true],
  "fanout": ["fanout", true],
  "fanout-opts": ["fanout-opts", true],
  "fanout-group": ["fanout-group", true],
  "version": ["version", false],
  "help": ["h", false],
};

const USAGE = `Usage: ${PROGRAM} [-AbdDehIJKlLnNOpqStuUvxX#] [-B size] [-c count] [--count]
\t\t[-C file_size] [-F file] [-G seconds] [-i interface] [--immediate-mode]
\t\t[-j tstamptype] [-M secret]
\t\t[--json] [--number] [--print] [-Q in|out|inout] [-r file] [-s snaplen]
\t\t[-T type] [--version] [-V file] [-w file] [-W filecount] [-y datalinktype]
\t\t[--time-stamp-precision precision] [--micro] [--nano]
\t\t[-z postrotate-command] [-Z user] [expression]`;

/** A mistake in how sniff was called or what it was given: one line, exit status 1. */
/** A mistake on the command line: one line, then the usage text. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The parsed command line. */
export interface Args {
  counts: Map<string, number>;
  values: Map<string, string>;
  expression: string;
}

/** tcpdump's getopt: grouped flags (`-nnvv`), values glued or separate (`-c5`, `-c 5`), long options. */
export function parseArgs(argv: readonly string[]): Args {
  const counts = new Map<string, number>();
  const values = new Map<string, string>();
  const rest: string[] = [];
  const bump = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      rest.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const spec = LONG[name];
      if (!spec) throw new UsageError(`unknown option "--${name}"`);
      const [key, takesValue, fixed] = spec;
      if (!takesValue) {
        if (eq >= 0) throw new UsageError(`option "--${name}" takes no value`);
        if (fixed !== undefined) values.set(key, fixed);
        else bump(key);
        continue;
      }
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`option "--${name}" needs a value`);
      values.set(key, value);
      continue;
    }
    if (arg.length < 2 || arg[0] !== "-") {
      rest.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j]!;
      if (WITH_VALUE.has(c)) {
        const value = j + 1 < arg.length ? arg.slice(j + 1) : argv[++i];
        if (value === undefined) throw new UsageError(`option "-${c}" needs a value`);
        values.set(c, value);
        break;
      }
      if (!FLAGS.has(c)) throw new UsageError(`unknown option "-${c}"`);
      bump(c);
    }
  }
  return { counts, values, expression: rest.join(" ") };
}

/**
 * -O: the filter compiled without libpcap's optimizer, as `-d` then prints it and `-r` runs it.
 * A live capture's kernel filter is the optimized program either way (it matches the same
 * packets).
 */
function optimized(args: Args): boolean {
  return !args.counts.has("O");
}

/** Parses a whole number option, with its name in the error. */
function intOption(
  args: Args,
  key: string,
  what: string,
  min: number,
  max = 2 ** 31 - 1,
): number | undefined {
  const text = args.values.get(key);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || value < min || value > max) {
    throw new UsageError(
      `invalid ${what} "${text}" (-${key} takes a whole number from ${min} to ${max})`,
    );
  }
  return value;
}

/**
 * tcpdump checks every option's value as it reads the command line, whether the command uses it
 * or not (-C with -r, -y with a file): a mistake is one line before anything is read or printed.
 */
function checkOptions(args: Args): void {
  intOption(args, "c", "packet count", 1);
  intOption(args, "s", "snapshot length", 0, 262144);
  intOption(args, "B", "buffer size", 1);
  intOption(args, "C", "file size", 1);
  intOption(args, "G", "rotation interval", 0);
  intOption(args, "W", "file count", 1);
  packetType(args);
  directionOption(args);
  nanoRequested(args);
  const named = args.values.get("y");
  if (named !== undefined && parseLinkType(named) === undefined) {
    throw new UsageError(`unknown data link type "${named}"`);
  }
}

/**
 * -Z USER, once the capture, the file read and the first `-w` file are open: the rest runs as
 * USER, as tcpdump's droproot() makes it (only when sniff runs as root; as anyone else -Z
 * changes nothing, as in tcpdump). `files` are the `-w` files already open, given to USER as
 * tcpdump gives its file; files a rotation opens later are USER's anyway.
 */
async function becomeUser(args: Args, files: readonly string[]): Promise<void> {
  const name = args.values.get("Z");
  if (name === undefined) return;
  if (Deno.permissions.querySync({ name: "ffi" }).state !== "granted") {
    throw new UsageError(`-Z needs --allow-ffi (to change to user '${name}')`);
  }
  const U = await lazy<typeof UserModule>("../ffi/user.ts");
  const user = U.lookupUser(name);
  if (user === undefined) throw new Error(`Couldn't find user '${name}'`);
  if (!U.isRoot()) return;
  for (const file of files) U.giveFile(file, user);
  U.becomeUser(user);
}

/** The `-w` file open from the start, when it is one plain file (not stdout, no rotation). */
function plainFile(args: Args): string[] {
  const w = args.values.get("w");
  const rotating = ["C", "W"].some((k) => args.values.has(k)) ||
    Number(args.values.get("G") ?? 0) > 0;
  return w === undefined || w === "-" || rotating ? [] : [w];
}

/** -Q in|out|inout (tcpdump's words), "inout" when not given. */
function directionOption(args: Args): "in" | "out" | "inout" {
  const direction = args.values.get("Q") ?? "inout";
  if (direction !== "in" && direction !== "out" && direction !== "inout") {
    throw new UsageError(`invalid direction "${direction}" (-Q takes in, out or inout)`);
  }
  return direction;
}

/**
 * Interface names for `LINUX_SLL2` lines, as tcpdump looks them up on the host it runs on; only
 * when FFI is allowed (it is for live capture), else tcpdump's `?`.
 */
function interfaceNames(): (ifIndex: number) => string | undefined {
  let names: Map<number, string> | undefined;
  return (ifIndex) => {
    if (!names) {
      names = new Map();
      if (V !== undefined && Deno.permissions.querySync({ name: "ffi" }).state === "granted") {
        for (const dev of V.listDevices()) names.set(dev.index, dev.name);
      }
    }
    return names.get(ifIndex);
  };
}

function printOptions(args: Args, snapLen: number): PrintOptions {
  const t = args.counts.get("t") ?? 0;
  const modes = ["default", "none", "epoch", "delta", "date", "since-first"] as const;
  const x = args.counts.get("x") ?? 0;
  const bigX = args.counts.get("X") ?? 0;
  const hex = bigX > 0 ? (bigX > 1 || x > 1 ? "XX" : "X") : x > 0 ? (x > 1 ? "xx" : "x") : "none";
  return {
    timestamp: modes[Math.min(t, 5)]!,
    nano: nanoRequested(args),
    link: args.counts.has("e"),
    quiet: args.counts.has("q"),
    absoluteSequence: args.counts.has("S"),
    noChecksums: args.counts.has("K"),
    asdot: args.counts.has("b"),
    verbose: args.counts.get("v") ?? 0,
    hex,
    ascii: args.counts.has("A"),
    snapLen,
    interfaceName: interfaceNames(),
    packetType: packetType(args),
    names: printNames(args),
    md5Secret: args.values.get("M") ?? null,
    undecodedNfsHandles: args.counts.has("u"),
  };
}

/**
 * Without -n, tcpdump's names: hosts, services and ethers from the system's files (-N: host
 * names without their domain), once per process; numbers with -n, when the printer is not
 * loaded (nothing is printed), or when the files may not be read.
 */
function printNames(args: Args): PrintModule.PrintNames | null {
  if (args.counts.has("n") || P === undefined) return null;
  try {
    return names ??= P.PrintNames.load({ stripDomain: args.counts.has("N") });
  } catch {
    return null;
  }
}

let names: PrintModule.PrintNames | undefined;

/**
 * -T type (tcpdump's names, any case): the packet types the printer decodes; a local list, so
 * parsing the command line does not load the printer.
 */
function packetType(args: Args): NonNullable<PrintOptions["packetType"]> {
  const t = args.values.get("T");
  if (t === undefined) return "none";
  const known = ["carp", "snmp", "tftp", "radius", "vxlan", "ptp", "domain", "rpc"] as const;
  const type = known.find((k) => k === t.toLowerCase());
  if (!type) throw new UsageError(`unknown packet type "${t}" (-T takes ${known.join(", ")})`);
  return type;
}

function nanoRequested(args: Args): boolean {
  const precision = args.values.get("precision");
  if (precision !== undefined && precision !== "micro" && precision !== "nano") {
    throw new UsageError(`invalid time stamp precision "${precision}" (use micro or nano)`);
  }
  return precision === "nano";
}

async function readFilterText(args: Args): Promise<string> {
  const file = args.values.get("F");
  if (file === undefined) return args.expression;
  const text = await Deno.readTextFile(file);
  // Like tcpdump: '#' starts a comment to the end of the line; the rest joins with spaces.
  return text.split("\n").map((line) => line.replace(/#.*$/, "")).join(" ").trim();
}

const encoder = new TextEncoder();

/**
 * Collects output lines and writes them in large chunks; stdout is the bottleneck otherwise. The
 * lines are appended to one string, which encode() flattens once: an array joined at each flush
 * cost another copy of every line.
 */
class Output {
  #text = "";
  constructor(readonly lineBuffered: boolean) {}
  line(text: string): void {
    this.#text += text;
    this.#text += "\n";
    if (this.lineBuffered || this.#text.length > 1 << 16) this.flush();
  }
  flush(): void {
    if (this.#text === "") return;
    const bytes = encoder.encode(this.#text);
    this.#text = "";
    for (let off = 0; off < bytes.length;) off += Deno.stdout.writeSync(bytes.subarray(off));
  }
}

function note(text: string): void {
  Deno.stderr.writeSync(encoder.encode(text + "\n"));
}

/** `-D`: tcpdump's device list. */
function printDevices(): void {
  const devices = T.listDevices();
  devices.forEach((dev, i) => {
    const flags = [
      dev.flags.up ? "Up" : "",
      dev.flags.running ? "Running" : "",
      dev.flags.loopback ? "Loopback" : "",
    ].filter(Boolean);
    const desc = dev.description ? ` (${dev.description})` : "";
    const link = dev.connection === "connected"
      ? ", Connected"
      : dev.connection === "disconnected"
      ? ", Disconnected"
      : "";
    console.log(`${i + 1}.${dev.name}${desc} [${flags.length ? flags.join(", ") : "none"}${link}]`);
  });
}

/** `-L`: the link types a device can be captured as, in tcpdump's words. */
function printLinkTypes(device: string): void {
  let types: number[];
  if (device === "any") types = [T.LINKTYPE.LINUX_SLL, T.LINKTYPE.LINUX_SLL2];
  else {
    using cap = T.openCapture(device, { promiscuous: false, bufferSize: 65536, blockSize: 65536 });
    types = [cap.linkType];
  }
  // On stderr, as tcpdump prints it (-D alone goes to stdout).
  note(`Data link types for ${device} (use option -y to set):`);
  for (const type of types) note(`  ${linkTypeName(type)} (${linkTypeDescription(type)})`);
}

async function loadTstamp(): Promise<typeof TstampModule> {
  return await lazy<typeof TstampModule>("../ffi/tstamp.ts");
}

/** `-J`: the time stamp types a device offers, as tcpdump lists them (`-j` picks one). */
async function printTimestampTypes(device: string): Promise<void> {
  const X = await loadTstamp();
  // On stderr, as tcpdump prints it.
  note(`Time stamp types for ${device} (use option -j to set):`);
  for (const type of X.timestampTypes(device)) note(`  ${type} (${X.TSTAMP_TYPES[type]})`);
}

/**
 * `-j TYPE` for a live capture, as libpcap takes it: the host's clock is what sniff stamps with;
 * a type the device does not offer is tcpdump's warning and the host's clock; the adapter's own
 * clock, where a device offers it, is refused in one line (sniff does not turn it on).
 */
async function timestampType(args: Args, device: string): Promise<void> {
  const type = args.values.get("j");
  if (type === undefined || type === "host") return;
  if (!(await loadTstamp()).timestampTypes(device).includes(type)) {
    note(
      `${PROGRAM}: WARNING: When trying to set timestamp type '${type}' on ${device}: That type of time stamp is not supported by that device`,
    );
    return;
  }
  throw new UsageError(`-j ${type}: sniff takes time stamps from the host's clock only`);
}

/**
 * The `-w` side: one file, or tcpdump's rotation when `-C`/`-G`/`-W` is given. The pcap
 * writers' contract: `write()` returns a promise only when the caller must wait.
 */
export interface RecordWriter {
  write(record: PcapWriteRecord): Promise<void> | undefined;
  close(): Promise<void>;
  /** Set once `-G`'s `-W` file limit is reached (RotatingPcapWriter). */
  readonly limitReached?: boolean;
}

/**
 * Opens `-w` (with `-C`/`-G`/`-W`) for records of `linkType`. `sync` writes with blocking
 * calls (in the capture Worker, or reading a file: nothing else waits on this thread); both
 * writers keep one contract: `write()` returns a promise only when the caller must wait.
 */
export async function openWriter(
  args: Args,
  linkType: number,
  snapLen: number,
  nanoseconds: boolean,
  sync: boolean,
): Promise<RecordWriter> {
  await loadPcap();
  const path = args.values.get("w")!;
  const fileSize = intOption(args, "C", "file size", 1);
  // -G 0 is no rotation by time, as in tcpdump.
  const rotateSeconds = intOption(args, "G", "rotation interval", 0) || undefined;
  const fileCount = intOption(args, "W", "file count", 1);
  const common = { linkType, snapLen, nanoseconds, packetBuffered: args.counts.has("U") };
  if (fileSize === undefined && rotateSeconds === undefined) {
    // -W without -C or -G limits nothing: tcpdump writes the one file, and so does sniff.
    return sync ? PcapWriter.openSync(path, common) : await PcapWriter.open(path, common);
  }
  if (path === "-") throw new UsageError("cannot rotate files when writing to standard output");
  const command = args.values.get("z");
  const options = {
    ...common,
    ...(command !== undefined ? { onFileClosed: postRotate(command) } : {}),
    ...(fileSize !== undefined ? { fileSize: fileSize * 1_000_000 } : {}),
    ...(rotateSeconds !== undefined ? { rotateSeconds } : {}),
    ...(fileCount !== undefined ? { fileCount } : {}),
  };
  return sync
    ? RotatingPcapWriter.openSync(path, options)
    : await RotatingPcapWriter.open(path, options);
}

/** Whether records are printed (text or JSON): not with --count, nor -w without --print. */
function printing(args: Args, writing: boolean): boolean {
  return (!writing || args.counts.has("print")) && !args.counts.has("count");
}

/** Whether records are printed as text (the printer), as known from the options alone. */
function printsText(args: Args): boolean {
  return printing(args, args.values.has("w")) && !args.counts.has("json");
}

/**
 * -z: `command file` for each file that -C or -G closed to start the next (not the last, closed
 * at the end), as tcpdump runs it: in the background, not waited for; one line if it cannot start.
 */
function postRotate(command: string): (path: string, rotated: boolean) => void {
  if (Deno.permissions.querySync({ name: "run", command }).state !== "granted") {
    throw new Deno.errors.NotCapable(`Requires run access to "${command}" for -z`);
  }
  return (path, rotated) => {
    if (!rotated) return;
    try {
      const child = new Deno.Command(command, { args: [path], stdin: "null" }).spawn();
      child.unref();
      child.status.catch(() => {});
    } catch (error) {
      const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
      note(`${PROGRAM}: -z: cannot run "${command} ${path}": ${why}`);
    }
  };
}

/** What happens to each accepted record: printed, printed as JSON, and/or written to `-w`. */
export class Sink {
  count = 0;
  bytes = 0;
  /** Set once the writer refuses more records (`-W` files full). */
  full = false;
  readonly out: Output;
  readonly #print: boolean;
  /** Nothing to do per record but count it (`--count` without `-w`). */
  readonly passive: boolean;
  readonly #json: boolean;
  readonly #numbered: boolean;
  readonly #options: PrintOptions;
  readonly #writer: RecordWriter | undefined;
  readonly #printers = new Map<number, PrintModule.PacketPrinter>();
  #layers: DecodeModule.Layers | undefined;

  constructor(args: Args, snapLen: number, writer: RecordWriter | undefined) {
    this.out = new Output(args.counts.has("l") || args.counts.has("U"));
    this.#print = printing(args, writer !== undefined);
    this.#json = args.counts.has("json");
    this.#numbered = args.counts.has("#");
    this.#options = printOptions(args, snapLen);
    this.#writer = writer;
    this.passive = !this.#print && writer === undefined;
  }

  /** Whether records are printed (text or JSON), not only counted or written. */
  get printing(): boolean {
    return this.#print;
  }

  /**
   * A sink; loads the printer first when records are to be printed, and the device list when
   * `names` says LINUX_SLL2 records may come (their interface names).
   */
  static async open(
    args: Args,
    snapLen: number,
    writer: RecordWriter | undefined,
    names = true,
  ): Promise<Sink> {
    if (printing(args, writer !== undefined)) {
      await loadPrinter(args.counts.has("json"));
      // LINUX_SLL2 interface names come from the device list, only where FFI is allowed.
      if (names && Deno.permissions.querySync({ name: "ffi" }).state === "granted") {
        await loadDevices();
      }
    }
    return new Sink(args, snapLen, writer);
  }

  /** Takes one record; returns a promise only when the writer asks the caller to wait. */
  take(linkType: number, record: PcapWriteRecord): Promise<void> | undefined {
    this.count++;
    this.bytes += record.data.byteLength;
    if (this.#print) this.#show(linkType, record);
    const writer = this.#writer;
    if (!writer) return undefined;
    const written = writer.write(record);
    if (writer.limitReached) this.full = true;
    return written;
  }

  #show(linkType: number, record: PcapWriteRecord): void {
    if (this.#json) {
      const json = D.packetToJson(
        D.decodePacket(linkType, record.data, this.#layers ??= new D.Layers()),
      );
      const { sec, nsec, wireLen } = record;
      this.out.line(
        JSON.stringify({ sec, nsec, wireLen, capLen: record.data.byteLength, ...json }),
      );
      return;
    }
    let printer = this.#printers.get(linkType);
    if (!printer) {
      // One printer a link type, all of them going on from the first (tcpdump keeps one state
      // across a pcapng file's interfaces and across the files of -V).
      const first = this.#printers.values().next().value;
      printer = first ? first.withLinkType(linkType) : new P.PacketPrinter(linkType, this.#options);
      this.#printers.set(linkType, printer);
    }
    const text = printer.format(record);
    this.out.line(this.#numbered ? `${String(this.count).padStart(5)}  ${text}` : text);
  }

  async close(): Promise<void> {
    this.out.flush();
    await this.#writer?.close();
  }
}

/**
 * `-r`'s bytes through blocking reads: nothing else runs on this thread while a file is read,
 * and a read(2) in place costs less CPU than the thread-pool hop of an asynchronous one.
 */
function readSource(path: string): PcapSource {
  if (path === "-") return { read: (p) => Promise.resolve(Deno.stdin.readSync(p)) };
  const file = Deno.openSync(path, { read: true });
  return { read: (p) => Promise.resolve(file.readSync(p)), close: () => file.close() };
}

/**
 * The files to read: `-r FILE`, or each line of `-V LIST` (`-` is standard input), as tcpdump
 * takes them: every line names a file, an empty one too.
 */
async function fileList(args: Args): Promise<string[]> {
  const list = args.values.get("V");
  if (list === undefined) return [args.values.get("r")!];
  let text: string;
  try {
    text = list === "-"
      ? new TextDecoder().decode(await new Response(Deno.stdin.readable).arrayBuffer())
      : await Deno.readTextFile(list);
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) throw error;
    const why = error instanceof Error ? error.message.replace(/ \(os error \d+\).*$/s, "") : "";
    throw new UsageError(`Unable to open file list "${list}": ${why}`);
  }
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  if (lines.length === 0) throw new UsageError(`Nothing in ${list}`);
  return lines.map((line) => line.endsWith("\r") ? line.slice(0, -1) : line);
}

/**
 * Opens one file to read; with `linkType`, a file of another link type is refused (one `-w`
 * file takes one link type).
 */
async function openFile(path: string, linkType?: number): Promise<PcapModule.PcapReader> {
  // An empty line of -V names no file (what the system says for "", whatever Deno would).
  if (path === "") throw new Error(": No such file or directory");
  let source: PcapSource;
  try {
    source = readSource(path);
  } catch (error) {
    // tcpdump's words: the file, then what the system said ("No such file or directory").
    if (!(error instanceof Deno.errors.NotCapable) && error instanceof Error) {
      throw new Error(`${path}: ${error.message.replace(/ \(os error \d+\).*$/s, "")}`);
    }
    throw error;
  }
  let reader: PcapModule.PcapReader;
  try {
    reader = await PcapReader.from(source, { name: path });
  } catch (error) {
    // A read the system refused (a directory): its words, with the file's name.
    if (error instanceof Error && / \(os error \d+\)/.test(error.message)) {
      try {
        source.close?.();
      } catch { /* the reader closed it already */ }
      throw new Error(systemWords(error.message.split("\n")[0]!, path));
    }
    throw error;
  }
  if (linkType !== undefined && reader.linkType !== linkType) {
    await reader.close();
    throw new Error(`${path}: new dlt does not match original`);
  }
  return reader;
}

/** tcpdump's line on stderr for each file it reads, once the filter and `-w` are ready. */
function announce(path: string, reader: PcapModule.PcapReader): void {
  note(
    `reading from file ${path}, link-type ${linkTypeName(reader.linkType)} (${
      linkTypeDescription(reader.linkType)
    }), snapshot length ${reader.snapLen}`,
  );
}

/**
 * `-r FILE` or `-V LIST`: each file in turn into one output (one `-w` file, one count). As in
 * tcpdump, `-c` counts each file's packets on its own, and with `-w` every file must have the
 * first one's link type.
 */
async function readFile(args: Args, expression: string, maxCount: number): Promise<void> {
  const paths = await fileList(args);
  const first = await openFile(paths[0]!);
  let reader = first;
  try {
    // One compiled program per link type: a pcapng file may mix interfaces of different types.
    // The first interface's is compiled now, so a bad expression fails before any output. Each
    // becomes a JavaScript function that reads the packet in place in the read buffer.
    const programs = new Map<number, BpfFunction>();
    const compile = (linkType: number) =>
      F.compileToFunction(
        F.compileFilter(expression, {
          linkType,
          snapLen: reader.snapLen,
          optimize: optimized(args),
        }),
      );
    if (expression) {
      await loadFilter();
      programs.set(first.linkType, compile(first.linkType));
    }
    // As tcpdump: the filter compiled, then the output opened, then the line saying what is read.
    const writer = args.values.has("w")
      ? await openWriter(args, first.linkType, first.snapLen, nanoRequested(args), true)
      : undefined;
    // Only a pcapng file (any interface) or a LINUX_SLL2 one has records that name interfaces.
    const names = paths.length > 1 || first.format === "pcapng" ||
      linkTypeName(first.linkType) === "LINUX_SLL2";
    const sink = await Sink.open(args, first.snapLen, writer, names);
    announce(paths[0]!, first);
    await becomeUser(args, plainFile(args));
    // tcpdump's warning for a LINUX_SLL2 file (the first file's only, as tcpdump): its interface
    // indexes are named from this host.
    if (linkTypeName(first.linkType) === "LINUX_SLL2") {
      note("Warning: interface names might be incorrect");
    }
    const programFor = (linkType: number) => {
      let program = programs.get(linkType);
      if (!program) programs.set(linkType, program = compile(linkType));
      return program;
    };
    try {
      for (let i = 0;;) {
        await readRecords(
          args,
          reader,
          sink,
          writer,
          expression ? programFor : undefined,
          maxCount,
        );
        if (sink.full || ++i === paths.length) break;
        // As tcpdump: what this file printed is out before the next file's first line.
        sink.out.flush();
        await reader.close();
        reader = await openFile(paths[i]!, writer ? first.linkType : undefined);
        announce(paths[i]!, reader);
      }
    } finally {
      await sink.close();
      if (args.counts.has("count")) console.log(packets(sink.count));
    }
  } finally {
    await reader.close();
  }
}

/** One file's records into `sink` (which counts them all); at most `maxCount` of them (0: all). */
async function readRecords(
  args: Args,
  reader: PcapModule.PcapReader,
  sink: Sink,
  writer: RecordWriter | undefined,
  programFor: ((linkType: number) => BpfFunction) | undefined,
  maxCount: number,
): Promise<void> {
  const before = sink.count;
  // Counting or writing without printing: no object per record. The filter alone reads the
  // bytes; a classic pcap file whose records this writer writes the same way (byte order,
  // precision) is copied as stored, in runs of whole records; a pcapng file's packets are
  // rewritten as this writer's records in the read buffer, also in runs; any other goes to the
  // writer record by record through one reused record object.
  if (!sink.printing) {
    const layout = reader.recordLayout, nano = nanoRequested(args);
    const firstType = reader.linkType, first = programFor?.(firstType);
    const pcapWriter = writer instanceof PcapWriter;
    const rewrite = pcapWriter && reader.format === "pcapng";
    const passThrough = rewrite ||
      (pcapWriter && layout?.littleEndian === true && layout.nanoseconds === nano);
    try {
      await reader.scanRecords({
        max: maxCount,
        snapLen: reader.snapLen,
        ...(first !== undefined
          ? {
            accept: (bytes, start, capLen, wireLen, linkType) =>
              (linkType === firstType ? first : programFor!(linkType))(
                bytes,
                start,
                capLen,
                wireLen,
              ) !== 0,
          }
          : {}),
        ...(writer === undefined ? {} : passThrough
          ? {
            raw: (run) => void (writer as PcapModule.PcapWriter).writeRaw(run),
            ...(rewrite
              ? { layout: { littleEndian: true, nanoseconds: nano, linkType: firstType } }
              : {}),
          }
          : {
            each: (record) => {
              writer.write(record);
              return !(sink.full = writer.limitReached === true);
            },
          }),
      });
    } finally {
      // A damaged file still reports the packets before the damage, as tcpdump does.
      sink.count = before + reader.scanned;
    }
    return;
  }
  const accept = (record: PcapRecord): boolean => {
    if (!programFor) return true;
    const data = record.data;
    return programFor(record.linkType)(data, 0, data.length, record.wireLen) !== 0;
  };
  const last = maxCount > 0 ? before + maxCount : 0;
  let waiting: Promise<void> | undefined;
  // forEach parses whole buffers synchronously; it pauses (returns false) only when the writer
  // wants the caller to wait, so large files keep flat memory.
  for (;;) {
    let more = false;
    // One reused record object, its bytes viewed only when read (printing, filtering,
    // writing): `--count` allocates nothing per record.
    await reader.forEach((record) => {
      if (!accept(record)) return true;
      if (sink.passive) return !(++sink.count === last);
      waiting = sink.take(record.linkType, record);
      if (sink.full || (last > 0 && sink.count >= last)) return false;
      if (waiting) more = true;
      return !waiting;
    }, { reuse: true });
    if (waiting) await waiting;
    waiting = undefined;
    if (!more) break;
  }
}

/**
 * SIGINT, SIGTERM and SIGHUP for a live capture, caught from the start of the command, before
 * anything of the capture exists (tcpdump catches them once its device is open, before it
 * creates its file or says "listening on"). A signal that comes while the capture opens is
 * kept: it ends the capture as soon as the capture can run, so the file is still flushed and
 * the summary lines printed. The listeners stay until the command ends, so a second signal
 * during the last flush is harmless too.
 */
class Signals {
  /** Signals received so far. */
  count = 0;
  #action: (() => void) | undefined;
  readonly #listener = () => {
    this.count++;
    this.#action?.();
  };
  static readonly NAMES = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

  constructor() {
    for (const name of Signals.NAMES) Deno.addSignalListener(name, this.#listener);
  }

  /** What each signal does from now on; done at once when one came already. */
  onSignal(action: () => void): void {
    this.#action = action;
    if (this.count > 0) action();
  }

  [Symbol.dispose](): void {
    for (const name of Signals.NAMES) Deno.removeSignalListener(name, this.#listener);
  }
}

async function capture(
  args: Args,
  expression: string,
  maxCount: number,
  argv: readonly string[],
  signals: Signals,
): Promise<void> {
  const device = args.values.get("i") ?? T.defaultDevice();
  const direction = directionOption(args);
  const snapLen = intOption(args, "s", "snapshot length", 0, 262144);
  const bufferKiB = intOption(args, "B", "buffer size", 1);
  const nano = nanoRequested(args);
  const writing = args.values.has("w");
  const printing = !writing || args.counts.has("print");
  // tcpdump's timeout: 1 s, or 0.1 s when printing to a terminal or with -l, so packets show up
  // soon after they arrive; it bounds how long a packet waits in a V3 block that is not full.
  const interactive = printing && (Deno.stdout.isTerminal() || args.counts.has("l"));
  const options: CaptureOptions = {
    blockTimeoutMs: interactive ? 100 : 1000,
    promiscuous: !args.counts.has("p"),
    direction,
    immediate: args.counts.has("immediate"),
    timestampPrecision: nano ? "nano" : "micro",
    cooked: "sll2", // as tcpdump 4.99 picks for "any"
    ...(snapLen !== undefined ? { snapLen: snapLen === 0 ? 262144 : snapLen } : {}),
    ...(bufferKiB !== undefined ? { bufferSize: bufferKiB * 1024 } : {}),
    ...(expression ? { filter: expression } : {}),
  };
  await timestampType(args, device);
  if (args.counts.has("I")) {
    // -I: libpcap refuses monitor mode on a device that is not wireless, in these words.
    const W = await lazy<typeof WirelessModule>("../ffi/wireless.ts");
    if (!W.isWireless(device)) {
      throw new Error(`${device}: That device doesn't support monitor mode`);
    }
    throw new UsageError(`-I: sniff does not put ${device} in monitor mode`);
  }
  for (const key of ["fanout", "fanout-opts", "fanout-group"]) {
    if (args.values.has(key) && !args.values.has("workers")) {
      throw new UsageError(`--${key} needs --workers`);
    }
  }
  if (args.values.has("workers")) {
    // --workers N: a PACKET_FANOUT group of N capture engines (examples/_sniff_fanout.ts).
    if (!WORKER_ALLOWED()) throw new UsageError("--workers needs --allow-read (for its Workers)");
    const { captureInGroup } = await lazy<typeof FanoutModule>("./_sniff_fanout.ts");
    return await captureInGroup({
      values: args.values,
      counts: args.counts,
      device,
      options,
      nano,
      writing,
      maxCount,
      argv,
      handler: LIVE_HANDLER,
      signals,
      note,
      usage: (message) => new UsageError(message),
      opened: (files) => becomeUser(args, plainFile(args).length ? files : []),
    });
  }
  if (WORKER_ALLOWED()) {
    return await captureInWorker(args, device, options, nano, writing, maxCount, argv, signals);
  }
  using cap: Capture = T.openCapture(device, options);
  signals.onSignal(() => cap.breakLoop());
  const writer = writing
    ? await openWriter(args, cap.linkType, cap.snapLen, nano, false)
    : undefined;
  const sink = await Sink.open(args, cap.snapLen, writer);
  await becomeUser(args, plainFile(args));
  if (!args.counts.has("v") && !writing) {
    note(`${PROGRAM}: verbose output suppressed, use -v[v]... for full protocol decode`);
  }
  note(
    `listening on ${device}, link-type ${linkTypeName(cap.linkType)} (${
      linkTypeDescription(cap.linkType)
    }), snapshot length ${cap.snapLen} bytes`,
  );
  const progress = writing && Deno.stderr.isTerminal()
    ? setInterval(() => {
      const dropped = cap.stats().dropped;
      Deno.stderr.writeSync(
        encoder.encode(
          `\rGot ${sink.count} packets, ${sink.bytes} bytes, ${dropped} dropped by kernel`,
        ),
      );
    }, 500)
    : undefined;
  try {
    const linkType = cap.linkType;
    // Frames are views into the ring, valid only during the callback: the sink prints them in
    // place and the writer copies their bytes before take() returns.
    const pending: Promise<void>[] = [];
    const onFrame = (frame: Frame) => {
      const wait = sink.take(linkType, frame);
      if (wait) pending.push(wait);
    };
    const take = async (options: { max: number; timeoutMs?: number }) => {
      const n = await cap.dispatch(onFrame, options);
      if (pending.length > 0) {
        await Promise.all(pending);
        pending.length = 0;
      }
      sink.out.flush();
      return n;
    };
    const left = () => maxCount > 0 ? maxCount - sink.count : 0;
    while (signals.count === 0 && !sink.full && !(maxCount > 0 && left() <= 0)) {
      await take({ max: left() });
    }
    // Stopped by a signal: packets the kernel accepted may still sit in a V3 block that is not
    // full; it hands that block over when its timeout expires. Wait for it once, so that Ctrl-C
    // loses nothing the kernel counted (a second signal ends the wait at once).
    const held = () => {
      const stats = cap.stats();
      return stats.received - stats.dropped > sink.count;
    };
    if (signals.count === 1 && !sink.full && cap.ringVersion === 3 && held()) {
      await take({ max: left(), timeoutMs: options.blockTimeoutMs! + 100 });
    }
    if (sink.full) note(`Maximum file limit reached: ${args.values.get("W")}`);
  } finally {
    if (progress !== undefined) {
      clearInterval(progress);
      note("");
    }
    await sink.close();
    const stats = cap.stats();
    // tcpdump's summary, on stderr, whatever ended the capture.
    note(summaryLines(sink.count, stats.received, stats.dropped));
  }
}

/** The handler module the capture engine's Worker runs for sniff's live path. */
const LIVE_HANDLER = new URL("./_sniff_worker.ts", import.meta.url);

/**
 * Whether the live path can run in the engine's Worker: the Worker loads its module from
 * disk, which needs read access to it; without that (only --allow-ffi) the capture runs
 * on this thread as before.
 */
function WORKER_ALLOWED(): boolean {
  if (LIVE_HANDLER.protocol !== "file:") return false;
  const engine = new URL("../capture/_engine.ts", import.meta.url);
  if (engine.protocol !== "file:") return false;
  return [LIVE_HANDLER, engine].every((url) =>
    Deno.permissions.querySync({ name: "read", path: url }).state === "granted"
  );
}

/**
 * The live capture in the engine's Worker: printing, `-w` (with `-C`/`-G`/`-W`), `--count`,
 * `--json` happen there (`_sniff_worker.ts`); this thread handles signals, the progress line
 * and tcpdump's summary lines.
 */
async function captureInWorker(
  args: Args,
  device: string,
  options: CaptureOptions,
  nano: boolean,
  writing: boolean,
  maxCount: number,
  argv: readonly string[],
  signals: Signals,
): Promise<void> {
  let engine: WorkerCapture;
  try {
    engine = await T.openWorkerCapture(device, {
      ...options,
      handler: LIVE_HANDLER,
      handlerOptions: { argv: [...argv], nano },
    });
  } catch (e) {
    if (e instanceof Error && e.name === "UsageError") throw new UsageError(e.message);
    throw e;
  }
  // A signal during the open breaks the first run before it starts (as pcap_breakloop).
  signals.onSignal(() => engine.breakLoop());
  await becomeUser(args, plainFile(args)).catch(async (e) => {
    await engine.close();
    throw e;
  });
  if (!args.counts.has("v") && !writing) {
    note(`${PROGRAM}: verbose output suppressed, use -v[v]... for full protocol decode`);
  }
  note(
    `listening on ${device}, link-type ${linkTypeName(engine.linkType)} (${
      linkTypeDescription(engine.linkType)
    }), snapshot length ${engine.snapLen} bytes`,
  );
  const progress = writing && Deno.stderr.isTerminal()
    ? setInterval(() => {
      const { delivered, bytes, dropped } = engine.stats();
      Deno.stderr.writeSync(
        encoder.encode(`\rGot ${delivered} packets, ${bytes} bytes, ${dropped} dropped by kernel`),
      );
    }, 500)
    : undefined;
  let full = false;
  try {
    const left = () => maxCount > 0 ? maxCount - engine.stats().delivered : 0;
    const first = await engine.run({ count: left() });
    full = (first.result as { full: boolean } | undefined)?.full ?? false;
    // Stopped by a signal: packets the kernel accepted may still sit in a V3 block that is not
    // full (it hands that block over when its timeout expires), or have come after the run's
    // last look at the ring: a signal during the open stops the first run before it starts,
    // right after the bind, and the counters this thread has are the run's, older than those
    // packets. So always close the inflow (a filter that takes nothing; what is queued stays),
    // which keeps the summary exact while traffic goes on, then collect until everything the
    // kernel counted is taken (the run reads the kernel's counters itself and ends at its first
    // wait when nothing is left), so that Ctrl-C loses nothing the kernel counted (a second
    // signal ends the wait at once).
    if (signals.count === 1 && !full) {
      await engine.setFilter([{ code: 0x06, jt: 0, jf: 0, k: 0 }], { refilter: false });
      const last = await engine.run({
        count: left(),
        timeoutMs: options.blockTimeoutMs! + 1000,
        untilDrained: true,
      });
      full = (last.result as { full: boolean } | undefined)?.full ?? false;
    }
    if (full) note(`Maximum file limit reached: ${args.values.get("W")}`);
  } finally {
    if (progress !== undefined) {
      clearInterval(progress);
      note("");
    }
    await engine.close(); // the worker flushes and closes the file first
    const stats = engine.stats();
    note(summaryLines(stats.delivered, stats.received, stats.dropped));
    if (args.counts.has("v")) {
      // How close the capture came to dropping: the ring's stall measures.
      note(
        `${stats.maxUnvisitedMs.toFixed(1)} ms longest the ring waited for the worker, ` +
          `${stats.maxBlocksHeld} ring ${
            engine.ringVersion === 3 ? "blocks" : "frames"
          } held at most`,
      );
    }
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv);
  if (args.counts.has("h")) {
    note(USAGE);
    return;
  }
  if (args.counts.has("version")) {
    console.log(`${PROGRAM} (tpacket)`);
    return;
  }
  // A live capture catches its signals before it loads anything (see Signals).
  if (args.values.has("V") && args.values.has("r")) {
    throw new UsageError("-V and -r are mutually exclusive");
  }
  // -r FILE or -V LIST: reading files.
  const files = args.values.has("r") || args.values.has("V");
  const live = !files && !["d", "D", "L", "J"].some((flag) => args.counts.has(flag));
  using signals = live ? new Signals() : undefined;
  // Reading a file loads only the parts it needs, each from a fresh bundle where there is one;
  // anything else loads the whole package, whose modules the parts' are.
  bundles = files && !args.counts.has("d");
  // An expression on the command line or in a -F file: the filter compiler comes in the same part.
  if (bundles) {
    await loadFileParts(printsText(args), args.expression !== "" || args.values.has("F"));
  } else await loadPcap();
  if (!bundles) await load();
  if (live || args.counts.has("count")) await loadSummary();
  checkOptions(args);
  if (args.counts.has("D")) return printDevices();
  if (args.counts.has("L")) return printLinkTypes(args.values.get("i") ?? T.defaultDevice());
  if (args.counts.has("J")) return printTimestampTypes(args.values.get("i") ?? T.defaultDevice());
  const tstamp = args.values.get("j");
  if (tstamp !== undefined && !(tstamp in (await loadTstamp()).TSTAMP_TYPES)) {
    throw new UsageError(`invalid time stamp type ${tstamp}`);
  }
  const expression = await readFilterText(args);
  const maxCount = intOption(args, "c", "packet count", 1) ?? 0;
  const dumps = args.counts.get("d") ?? 0;
  if (dumps > 0) {
    // -d/-dd/-ddd: compile only. The link type comes from -y, the file, the interface (-i: the
    // live form, as the kernel will run it; opening it needs the capture privileges), or Ethernet.
    const named = args.values.get("y");
    let linkType: number = T.LINKTYPE.ETHERNET;
    let snapLen = intOption(args, "s", "snapshot length", 0, 262144) || 262144;
    let live = false;
    if (named !== undefined) {
      const parsed = T.parseLinkType(named);
      if (parsed === undefined) throw new UsageError(`unknown data link type "${named}"`);
      linkType = parsed;
    } else if (args.values.has("r")) {
      await using reader = await PcapReader.open(args.values.get("r")!);
      linkType = reader.linkType;
      snapLen = reader.snapLen;
    }
    const device = args.values.get("i");
    if (device !== undefined && !args.values.has("r")) {
      live = true;
      if (named === undefined) {
        if (device === "any") linkType = T.LINKTYPE.LINUX_SLL2; // tcpdump's choice for "any"
        else {
          using cap = T.openCapture(device, {
            promiscuous: false,
            bufferSize: 65536,
            blockSize: 65536,
          });
          linkType = cap.linkType;
        }
      }
    }
    const program = T.compileFilter(expression, {
      linkType,
      snapLen,
      live,
      optimize: optimized(args),
    });
    const format = dumps >= 3 ? "ddd" : dumps === 2 ? "dd" : "d";
    Deno.stdout.writeSync(encoder.encode(T.formatProgram(program, format)));
    return;
  }
  if (files) return await readFile(args, expression, maxCount);
  await capture(args, expression, maxCount, argv, signals!);
}

/** One line for anything the user can fix; the class name says where it came from. */
function describe(error: unknown): string {
  if (error instanceof Deno.errors.NotCapable) {
    return `${
      error.message.split("\n")[0]
    } (run with the permission named, e.g. deno run --allow-ffi --allow-read --allow-write)`;
  }
  if (error instanceof Error) return systemWords(error.message.split("\n")[0]!);
  return String(error);
}

/**
 * A system error in tcpdump's words, `PATH: What the system says`, from Deno's `What the system
 * says (os error N): open 'PATH'`; `path` names the file when Deno's text does not.
 */
function systemWords(message: string, path?: string): string {
  const m = /^(.*?) \(os error \d+\)(?:: \w+ '(.*)')?$/.exec(message);
  if (!m) return message;
  const file = m[2] ?? path;
  return file !== undefined ? `${file}: ${m[1]}` : m[1]!;
}

if (import.meta.main) {
  try {
    await main(Deno.args);
    // Everything is written (stdout and -w synchronously) and closed: end now, not after the
    // runtime has torn down its heap and modules, which costs a short run ~3 ms of its ~35.
    Deno.exit(0);
  } catch (error) {
    note(`${PROGRAM}: ${describe(error)}`);
    if (error instanceof UsageError) note(USAGE);
    Deno.exit(1);
  }
}
