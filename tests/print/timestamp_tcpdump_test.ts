// PacketPrinter's timestamps against the installed tcpdump at -tt, the default, -ttt, -tttt and
// -ttttt (and --nano): seeded records whose seconds span the whole 32-bit range (a pcap record's
// seconds are signed, so from 0x80000000 on tcpdump 4.99.3 prints "[Error converting time]"),
// whose microseconds run past 999999, with deltas of more than a day and of either sign.

import assert from "node:assert/strict";
import { PacketPrinter, type TimestampMode } from "../../print/mod.ts";
import { bytes, ipv4, pcapFile } from "./_build.ts";
import { hasTcpdump } from "./_golden.ts";
import { prng } from "../_prng.ts";

const live = await hasTcpdump();

/** `n` records (the first at 0.000000 when `zero`): seconds and microseconds from `seed`. */
function records(seed: number, n: number, zero: boolean) {
  const r = prng(seed);
  const data = ipv4("10.7.0.1", "10.7.0.2", 253, bytes());
  return Array.from({ length: n }, (_, i) => {
    const k = r();
    const sec = zero && i === 0
      ? 0
      : k < 0.3
      ? Math.floor(r() * 2 ** 32)
      : k < 0.5
      ? 0x7fffff00 + Math.floor(r() * 512)
      : k < 0.6
      ? Math.floor(r() * 3)
      : 1700000000 + Math.floor(r() * 200000);
    const usec = zero && i === 0
      ? 0
      : r() < 0.05
      ? 1000000 + Math.floor(r() * 500000)
      : Math.floor(r() * 1000000);
    return { data, wireLen: data.length, sec, nsec: usec * 1000 };
  });
}

const MODES: [string[], TimestampMode, boolean][] = [
  [["-tt"], "epoch", false],
  [[], "default", false],
  [["-ttt"], "delta", false],
  [["-tttt"], "date", false],
  [["-ttttt"], "since-first", false],
  [["-tt", "--nano"], "epoch", true],
  [["-ttt", "--nano"], "delta", true],
  [["-ttttt", "--nano"], "since-first", true],
];

for (const zero of [false, true]) {
  Deno.test({
    name: `PacketPrinter prints every timestamp style as tcpdump does${
      zero ? " (a first record at 0.000000)" : ""
    }`,
    ignore: !live, // the comparison needs the installed tcpdump
    async fn() {
      const recs = records(zero ? 11 : 7, 1500, zero);
      const file = await Deno.makeTempFile({ suffix: ".pcap" });
      try {
        const pcap = pcapFile(101, recs);
        const dv = new DataView(pcap.buffer);
        let o = 24;
        for (const r of recs) {
          dv.setUint32(o, r.sec, true), dv.setUint32(o + 4, r.nsec / 1000, true);
          o += 16 + r.data.length;
        }
        await Deno.writeFile(file, pcap);
        for (const [flags, timestamp, nano] of MODES) {
          const out = await new Deno.Command("tcpdump", {
            args: ["-n", "-r", file, ...flags],
            stdout: "piped",
            stderr: "null", // the zone is inherited: both print the same local clock
          }).output();
          const theirs = new TextDecoder().decode(out.stdout).split("\n").slice(0, -1);
          const p = new PacketPrinter(101, { timestamp, nano });
          const ours = recs.map((r) => p.format(r));
          assert.deepEqual(ours, theirs, `tcpdump ${flags.join(" ")}`);
        }
      } finally {
        await Deno.remove(file);
      }
    },
  });
}
