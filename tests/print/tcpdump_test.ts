// Compares PacketPrinter with `tcpdump -n -r` on the captures in tests/testdata/print/ (made by
// make_fixtures.sh in network namespaces), for every flag set, and prints each line that
// differs. Where tcpdump is absent, the committed tcpdump output (*.out.gz) is the reference.
// The packets that still differ are listed one by one in KNOWN_DIFFS, with the reason; any other
// differing line fails the test, and so does a listed packet that prints as tcpdump's.

import assert from "node:assert/strict";
import { PcapReader } from "tpacket/pcap";
import { PacketPrinter, type PrintOptions } from "../../print/mod.ts";
import { CAPTURES } from "./_captures.ts";

const DIR = new URL("../testdata/print/", import.meta.url);

/** tcpdump flags → our options; the suffix names the committed output file. */
const FLAG_SETS: [flags: string[], suffix: string, options: PrintOptions][] = [
  [[], "_", {}],
  [["-t"], "-t", { timestamp: "none" }],
  [["-tt"], "-tt", { timestamp: "epoch" }],
  [["-ttt"], "-ttt", { timestamp: "delta" }],
  [["-tttt"], "-tttt", { timestamp: "date" }],
  [["-ttttt"], "-ttttt", { timestamp: "since-first" }],
  [["--nano"], "--nano", { nano: true }],
  [["-e"], "-e", { link: true }],
  [["-q"], "-q", { quiet: true }],
  [["-v"], "-v", { verbose: 1 }],
  [["-vv"], "-vv", { verbose: 2 }],
  [["-vvv"], "-vvv", { verbose: 3 }],
  [["-x"], "-x", { hex: "x" }],
  [["-xx"], "-xx", { hex: "xx" }],
  [["-X"], "-X", { hex: "X" }],
  [["-XX"], "-XX", { hex: "XX" }],
  [["-A"], "-A", { ascii: true }],
];

/** A packet that still prints unlike tcpdump: why, and the flag sets at which it matches. */
interface KnownDiff {
  why: string;
  /** Flag sets (as in the test names, "(none)" for none) at which the packet prints as tcpdump's. */
  matchesAt?: string[];
}

/**
 * The packets that still print unlike tcpdump, "capture #n" → why; each differs at every flag
 * set but those in `matchesAt`. A test fails on a differing packet not listed here and on a
 * listed packet that prints as tcpdump's (remove it then). Every differing line is printed.
 * Empty: every packet of every capture prints as tcpdump prints it.
 */
const KNOWN_DIFFS: Record<string, KnownDiff> = {};

async function hasTcpdump(): Promise<boolean> {
  try {
    const out = await new Deno.Command("tcpdump", {
      args: ["--version"],
      stdout: "null",
      stderr: "null",
    })
      .output();
    return out.success;
  } catch {
    return false;
  }
}

const live = await hasTcpdump();
if (!live) {
  console.log("tcpdump absent: comparing with the committed tests/testdata/print/*.out.gz");
}
const utc = new Date(0).getTimezoneOffset() === 0 && new Date(1.8e12).getTimezoneOffset() === 0;

async function tcpdumpText(capture: string, flags: string[], suffix: string): Promise<string> {
  if (live) {
    const out = await new Deno.Command("tcpdump", {
      args: ["-n", "-r", new URL(`${capture}.pcap`, DIR).pathname, ...flags],
      stdout: "piped",
      stderr: "null",
    }).output();
    return new TextDecoder().decode(out.stdout);
  }
  // Committed outputs are gzipped (tcpdump's -X text of these captures is a few megabytes).
  const file = await Deno.open(new URL(`${capture}${suffix}.out.gz`, DIR));
  return await new Response(file.readable.pipeThrough(new DecompressionStream("gzip"))).text();
}

async function interfaceNames(): Promise<(i: number) => string | undefined> {
  const names = new Map<number, string>();
  if (live) {
    try {
      for await (const e of Deno.readDir("/sys/class/net")) {
        const idx = Number((await Deno.readTextFile(`/sys/class/net/${e.name}/ifindex`)).trim());
        names.set(idx, e.name);
      }
    } catch { /* no sysfs: tcpdump prints "?" then, as we do */ }
  } else {
    const saved = JSON.parse(await Deno.readTextFile(new URL("ifnames.json", DIR))) as Record<
      string,
      string
    >;
    for (const [k, v] of Object.entries(saved)) names.set(Number(k), v);
  }
  return (i) => names.get(i);
}

/** Splits tcpdump's text into one chunk of lines per packet. */
function splitPackets(text: string, flags: string[]): string[][] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const start = flags.includes("-tt")
    ? /^\d+\.\d{6} /
    : flags.includes("-tttt")
    ? /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6} /
    : flags.includes("-ttt") || flags.includes("-ttttt")
    ? /^[ -]\d\d:\d\d:\d\d\.\d{6} /
    : flags.includes("--nano")
    ? /^\d\d:\d\d:\d\d\.\d{9} /
    : /^\d\d:\d\d:\d\d\.\d{6} /;
  const packets: string[][] = [];
  for (const line of lines) {
    if (start.test(line) || packets.length === 0) packets.push([line]);
    else packets.at(-1)!.push(line);
  }
  return packets;
}

interface Result {
  same: number;
  total: number;
  diffs: { packet: number; text: string }[];
}

async function compare(
  capture: string,
  flags: string[],
  suffix: string,
  options: PrintOptions,
): Promise<Result> {
  const file = await Deno.open(new URL(`${capture}.pcap`, DIR));
  const reader = await PcapReader.from(file.readable);
  const printer = new PacketPrinter(reader.linkType, {
    ...options,
    interfaceName: await interfaceNames(),
  });
  const ours: string[][] = [];
  for await (const r of reader) ours.push(printer.format(r).split("\n"));
  let theirs: string[][];
  if (flags.includes("-t")) {
    // Without timestamps a packet's first line cannot be told from a continuation that starts
    // in column 0 (VXLAN's inner frame): cut the -t text as the same packets' -tt text is cut.
    const sizes = splitPackets(await tcpdumpText(capture, ["-tt"], "-tt"), ["-tt"]).map((p) =>
      p.length
    );
    const lines = (await tcpdumpText(capture, flags, suffix)).split("\n");
    theirs = sizes.map((n) => lines.splice(0, n));
  } else theirs = splitPackets(await tcpdumpText(capture, flags, suffix), flags);
  const res: Result = { same: 0, total: 0, diffs: [] };
  const n = Math.max(ours.length, theirs.length);
  for (let i = 0; i < n; i++) {
    const a = ours[i] ?? [], b = theirs[i] ?? [];
    for (let j = 0; j < Math.max(a.length, b.length); j++) {
      if (j < b.length) res.total++;
      if (a[j] === b[j]) res.same++;
      else {
        res.diffs.push({
          packet: i + 1,
          text: `packet ${i + 1} line ${j + 1}\n  tcpdump: ${b[j] ?? "(none)"}\n  ours:    ${
            a[j] ?? "(none)"
          }`,
        });
      }
    }
  }
  return res;
}

const summary: string[] = [];
for (const capture of CAPTURES) {
  for (const [flags, suffix, options] of FLAG_SETS) {
    const name = `${capture} ${flags.join(" ") || "(none)"}`;
    const tzSensitive = flags.length === 0 || flags.includes("-tttt") || flags.includes("--nano") ||
      flags.includes("-e") || flags.includes("-q") || flags.includes("-v") ||
      flags.includes("-vv") ||
      flags.some((f) => /^-[xXA]+$/.test(f));
    Deno.test({
      name: `PacketPrinter matches tcpdump -n ${flags.join(" ")} on ${capture}.pcap`,
      ignore: !live && !utc && tzSensitive,
      fn: async () => {
        const r = await compare(capture, flags, suffix, options);
        summary.push(`${name.padEnd(24)} ${r.same}/${r.total} lines identical`);
        const expected = Object.entries(KNOWN_DIFFS).filter(([k, d]) =>
          k.startsWith(`${capture} #`) && !d.matchesAt?.includes(flags.join(" ") || "(none)")
        ).map(([k]) => Number(k.slice(k.indexOf("#") + 1)));
        const unexpected = r.diffs.filter((d) => !expected.includes(d.packet));
        const fixed = expected.filter((n) => !r.diffs.some((d) => d.packet === n));
        if (r.diffs.length) {
          console.log(
            `${name}: ${r.diffs.length} differing lines:\n${r.diffs.map((d) => d.text).join("\n")}`,
          );
        }
        assert.deepEqual(
          unexpected.map((d) => d.text),
          [],
          `${name}: lines differ from tcpdump in packets not listed in KNOWN_DIFFS`,
        );
        assert.deepEqual(
          fixed,
          [],
          `${name}: packets listed in KNOWN_DIFFS now print as tcpdump's (remove them)`,
        );
      },
    });
  }
}

Deno.test("tcpdump comparison summary", () => {
  console.log(summary.join("\n"));
});
