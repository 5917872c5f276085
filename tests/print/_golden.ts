// The golden corpus's plumbing: a case is packets of one link type printed at several flag
// sets; its golden file holds tcpdump's text for each set, under a "#- <flags>" line.

import type { PacketPrinter, PrintOptions } from "../../print/mod.ts";
import { type Packet, pcapFile } from "./_build.ts";

/** Packets of one link type and the tcpdump flag sets (beyond `-n -tt`) to print them with. */
export interface Case {
  name: string;
  linkType: number;
  packets: Packet[];
  /** @default {[[], ["-v"], ["-vv"]]} plus ["-e"] when `link` is set */
  flags?: string[][];
  /** Also compare at -e (link types). */
  link?: boolean;
}

/** The flag sets a case is printed with. */
export function flagSets(c: Case): string[][] {
  return c.flags ?? [[], ["-v"], ["-vv"], ...(c.link ? [["-e"], ["-e", "-v"]] : [])];
}

/** The printer options of tcpdump flags (always with -tt). */
export function optionsOf(flags: string[]): PrintOptions {
  const o: PrintOptions = { timestamp: "epoch" };
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i]!;
    if (f === "-T") o.packetType = flags[++i] as NonNullable<PrintOptions["packetType"]>;
    else if (f === "-e") o.link = true;
    else if (/^-v+$/.test(f)) o.verbose = f.length - 1;
    else if (f === "-q") o.quiet = true;
    else if (f === "-S") o.absoluteSequence = true;
    else if (f === "-K") o.noChecksums = true;
    else if (f === "-b") o.asdot = true;
    else if (f === "-u") o.undecodedNfsHandles = true;
    else if (f === "-x") o.hex = "x";
    else if (f === "-X" || f === "-XX") o.hex = f.slice(1) as "X" | "XX";
    else throw new Error(`flag ${f} has no option here`);
  }
  return o;
}

/** Whether tcpdump can be run. */
export async function hasTcpdump(): Promise<boolean> {
  try {
    return (await new Deno.Command("tcpdump", {
      args: ["--version"],
      stdout: "null",
      stderr: "null",
    })
      .output()).success;
  } catch {
    return false;
  }
}

/** tcpdump -n -tt `flags` on the case's packets: one string of lines per packet. */
export async function tcpdumpPackets(c: Case, flags: string[]): Promise<string[]> {
  const tmp = await Deno.makeTempFile({ suffix: ".pcap" });
  try {
    await Deno.writeFile(tmp, pcapFile(c.linkType, c.packets));
    const out = await new Deno.Command("tcpdump", {
      args: ["-n", "-tt", "-r", tmp, ...flags],
      stdout: "piped",
      stderr: "piped",
      env: { TZ: "UTC" },
    }).output();
    return splitPackets(new TextDecoder().decode(out.stdout));
  } finally {
    await Deno.remove(tmp);
  }
}

/** Splits -tt text into packets (a packet starts with its epoch timestamp). */
export function splitPackets(text: string): string[] {
  const packets: string[][] = [];
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  for (const line of lines) {
    if (/^(\d{10}\.\d{6} |\[Invalid header: )/.test(line) || packets.length === 0) {
      packets.push([line]);
    } else packets.at(-1)!.push(line);
  }
  return packets.map((p) => p.join("\n"));
}

/** The golden file's URL. */
export function goldenUrl(c: Case): URL {
  return new URL(`../testdata/print/golden/${c.name}.out`, import.meta.url);
}

/** Renders tcpdump's packets per flag set as the golden file's text. */
export function renderGolden(sets: [string[], string[]][]): string {
  return sets.map(([flags, pkts]) => `#- ${flags.join(" ")}\n${pkts.map((p) => p + "\n").join("")}`)
    .join("");
}

/** Parses a golden file into the packets of each flag set (keyed by the flags joined by " "). */
export function parseGolden(text: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const section of text.split(/^#- /m).slice(1)) {
    const nl = section.indexOf("\n");
    m.set(section.slice(0, nl), splitPackets(section.slice(nl + 1)));
  }
  return m;
}

/** Each packet as the printer prints it at pcapFile()'s timestamps (1700000000 + i s, i µs). */
export function printPackets(p: PacketPrinter, packets: readonly Packet[]): string[] {
  return packets.map((pkt, i) =>
    p.format({
      data: pkt.data,
      wireLen: pkt.wireLen ?? pkt.data.length,
      sec: 1700000000 + i,
      nsec: i * 1000,
    })
  );
}

/** Adds to `bad` (up to 10) each packet whose text differs from tcpdump's, and a count mismatch. */
export function mismatches(want: string[], got: string[], label: string, bad: string[]): void {
  for (const [i, g] of got.entries()) {
    if (g === want[i]) continue;
    if (bad.length < 10) bad.push(`${label} #${i}\n  tcpdump: ${want[i]}\n  ours:    ${g}`);
  }
  if (want.length !== got.length) {
    bad.push(`${label}: ${want.length} packets from tcpdump, ${got.length} ours`);
  }
}
