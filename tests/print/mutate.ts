// Compares PacketPrinter with the installed tcpdump on mutated copies of golden-corpus packets:
// random byte flips (biased towards the first bytes after `--from`, where lengths and types
// live), cuts of the capture and wire lengths that disagree with it. Each mutated packet is
// printed by both at each flag set of its case; the packets whose text differs are listed with
// both texts. Seeded, so a run replays.
//
//   deno run -A tests/print/mutate.ts <case> [--n 500] [--seed 1] [--from 34] [--show 5]
//     [--flags "-vv"]   (--n 0 compares the case's packets as they are)
//   deno run -A tests/print/mutate.ts --pcap file.pcap [--n ...]   (a capture's records instead)

import { PacketPrinter } from "../../print/mod.ts";
import { CASES } from "./_corpus.ts";
import { type Case, flagSets, optionsOf, tcpdumpPackets } from "./_golden.ts";
import type { Packet } from "./_build.ts";
import { PcapReader } from "tpacket/pcap";

const args: Record<string, string> = { n: "500", seed: "1", from: "34", show: "5", flags: "" };
const names: string[] = [];
for (let i = 0; i < Deno.args.length; i++) {
  const a = Deno.args[i]!;
  if (a.startsWith("--")) args[a.slice(2)] = Deno.args[++i] ?? "";
  else names.push(a);
}
const n = Number(args.n), from = Number(args.from), show = Number(args.show);
let seed = Number(args.seed) >>> 0 || 1;
const rand = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
};
const pick = (k: number) => Math.floor(rand() * k);

/** One mutated copy of `p`. */
function mutate(p: Packet): Packet {
  const data = p.data.slice();
  const flips = 1 + pick(4);
  for (let i = 0; i < flips; i++) {
    const span = data.length - from;
    if (span <= 0) break;
    const at = from + (rand() < 0.6 ? pick(Math.min(span, 48)) : pick(span));
    data[at] = rand() < 0.5 ? pick(256) : data[at]! ^ (1 << pick(8));
  }
  const r = rand();
  if (r < 0.25) {
    const cut = from + pick(Math.max(1, data.length - from));
    return { data: data.subarray(0, cut), wireLen: p.wireLen ?? p.data.length };
  }
  return { data, wireLen: p.wireLen ?? p.data.length };
}

/** `--pcap file`: the file's records as one case (link type and -v/-vv flag sets of a case). */
async function fileCase(path: string): Promise<Case> {
  const file = await Deno.open(path);
  const reader = await PcapReader.from(file.readable);
  const packets: Packet[] = [];
  for await (const r of reader) packets.push({ data: r.data.slice(), wireLen: r.wireLen });
  return { name: path, linkType: reader.linkType, packets };
}

let compared = 0, differing = 0;
const cases = args.pcap ? [await fileCase(args.pcap)] : CASES;
for (const c of cases) {
  if (!args.pcap && names.length && !names.includes(c.name)) continue;
  const packets: Packet[] = [];
  // --n 0: the case's own packets, unmutated
  if (n === 0) packets.push(...c.packets);
  for (let i = 0; i < n; i++) packets.push(mutate(c.packets[i % c.packets.length]!));
  const mc: Case = { ...c, packets };
  const sets = args.flags ? [args.flags.split(" ").filter(Boolean)] : flagSets(c);
  for (const flags of sets) {
    const theirs = await tcpdumpPackets(mc, flags);
    const printer = new PacketPrinter(c.linkType, optionsOf(flags));
    let shown = 0;
    packets.forEach((p, i) => {
      const ours = printer.format({
        data: p.data,
        wireLen: p.wireLen ?? p.data.length,
        sec: 1700000000 + i,
        nsec: i * 1000,
      });
      compared++;
      if (ours === theirs[i]) return;
      differing++;
      if (shown++ >= show) return;
      console.log(
        `${c.name} ${flags.join(" ") || "(none)"} #${i + 1} ${p.data.toHex()} wire ${p.wireLen}`,
      );
      const a = (theirs[i] ?? "(nothing)").split("\n"), b = ours.split("\n");
      let k = 0;
      while (k < a.length && a[k] === b[k]) k++;
      if (k > 0) console.log(`  same:    ${a[k - 1]}`);
      console.log(`  tcpdump: ${a.slice(k, k + 3).join("\n           ")}`);
      console.log(`  ours:    ${b.slice(k, k + 3).join("\n           ")}`);
    });
  }
}
console.log(`${compared} comparisons, ${differing} differing`);
