// -S (TCP sequence numbers as sent), -K (IP, TCP and UDP checksums left unverified) and -b (BGP
// AS numbers in asdot notation) against
// tcpdump on the whole golden corpus and every capture, at the verbosities where they change
// what is printed.
import assert from "node:assert/strict";
import { CASES } from "./_corpus.ts";
import { CAPTURES } from "./_captures.ts";
import {
  flagSets,
  hasTcpdump,
  mismatches,
  optionsOf,
  printPackets,
  splitPackets,
  tcpdumpPackets,
} from "./_golden.ts";
import { PacketPrinter } from "../../print/mod.ts";
import { PcapReader } from "../../pcap/mod.ts";

const FLAG_SETS = [["-S"], ["-v", "-S"], ["-v", "-K"], ["-vv", "-K"], ["-v", "-b"]];
const ready = await hasTcpdump();

/** This host's interface names by index, as tcpdump looks them up for LINUX_SLL2 lines. */
async function interfaceNames(): Promise<(index: number) => string | undefined> {
  const names = new Map<number, string>();
  try {
    for await (const e of Deno.readDir("/sys/class/net")) {
      const index = Number((await Deno.readTextFile(`/sys/class/net/${e.name}/ifindex`)).trim());
      names.set(index, e.name);
    }
  } catch { /* no sysfs: tcpdump prints "?" then, as the printer does */ }
  return (index) => names.get(index);
}

Deno.test({
  name: "-S, -K and -b: the golden corpus prints as tcpdump prints it",
  ignore: !ready,
  async fn() {
    const bad: string[] = [];
    let differ = 0;
    for (const c of CASES) {
      // The case's own first flag set (a -T type, say), with each of ours.
      const base = flagSets(c)[0]!.filter((f) => !/^-v+$/.test(f));
      for (const flags of FLAG_SETS.map((set) => [...base, ...set])) {
        const want = await tcpdumpPackets(c, flags);
        const p = new PacketPrinter(c.linkType, optionsOf(flags));
        const got = printPackets(p, c.packets);
        mismatches(want, got, `${c.name} ${flags.join(" ")}`, bad);
        // -S and -K must matter somewhere: against the same case without them.
        const plain = await tcpdumpPackets(c, flags.filter((f) => !["-S", "-K", "-b"].includes(f)));
        differ += plain.filter((line, i) => line !== want[i]).length;
      }
    }
    assert.deepEqual(bad, [], bad.join("\n"));
    assert.ok(differ > 100, `${differ} packets change with -S, -K or -b`);
  },
});

Deno.test({
  name: "-S, -K and -b: the captures print as tcpdump prints them",
  ignore: !ready,
  async fn() {
    const bad: string[] = [];
    const interfaceName = await interfaceNames();
    for (const name of CAPTURES) {
      const file = new URL(`../testdata/print/${name}.pcap`, import.meta.url).pathname;
      for (const flags of FLAG_SETS) {
        const out = await new Deno.Command("tcpdump", {
          args: ["-n", "-tt", "-r", file, ...flags],
          stdout: "piped",
          stderr: "null",
          env: { TZ: "UTC" },
        }).output();
        const want = splitPackets(new TextDecoder().decode(out.stdout));
        await using reader = await PcapReader.open(file);
        const p = new PacketPrinter(reader.linkType, {
          ...optionsOf(flags),
          nano: false,
          interfaceName,
        });
        const got: string[] = [];
        for await (const r of reader) got.push(p.format(r));
        mismatches(want, got, `${name} ${flags.join(" ")}`, bad);
      }
    }
    assert.deepEqual(bad, [], bad.join("\n"));
  },
});
