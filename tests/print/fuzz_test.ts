// Mutation fuzz over every frame of the printer fixtures: bytes flipped, lengths cut, wire
// lengths that disagree with the capture, under several option sets. format() must return a
// string every time (no exception, no hang). Seeded, so a failure replays.

import assert from "node:assert/strict";
import { PcapReader, type PcapRecord } from "tpacket/pcap";
import { PacketPrinter, type PrintOptions } from "../../print/mod.ts";

const CAPTURES = ["eth", "sll", "sll2", "more", "crafted"];
const OPTION_SETS: PrintOptions[] = [
  { verbose: 3, link: true, hex: "XX" },
  { quiet: true, ascii: true, timestamp: "delta" },
  { verbose: 2, hex: "x", snapLen: 64, timestamp: "date", nano: true },
];

Deno.test("PacketPrinter.format() survives mutations of every fixture frame", async () => {
  let seed = 0x9e3779b9;
  const rand = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  let printed = 0;
  for (const capture of CAPTURES) {
    const file = await Deno.open(new URL(`../testdata/print/${capture}.pcap`, import.meta.url));
    const reader = await PcapReader.from(file.readable);
    const records: PcapRecord[] = [];
    for await (const r of reader) records.push({ ...r, data: r.data.slice() });
    for (const options of OPTION_SETS) {
      const printer = new PacketPrinter(reader.linkType, options);
      for (const r of records) {
        for (let k = 0; k < 3; k++) {
          const data = r.data.slice(
            0,
            k === 0 ? r.data.length : Math.floor(rand() * (r.data.length + 1)),
          );
          const flips = Math.floor(rand() * 8);
          for (let i = 0; i < flips && data.length; i++) {
            // bias towards the headers, where lengths and types live
            const at = Math.floor(rand() * Math.min(data.length, rand() < 0.7 ? 80 : data.length));
            data[at] = rand() < 0.3 ? 0xff : rand() < 0.5 ? 0 : Math.floor(rand() * 256);
          }
          const wireLen = rand() < 0.2 ? Math.floor(rand() * 70000) : r.wireLen;
          const text = printer.format({ data, wireLen, sec: r.sec, nsec: r.nsec });
          assert.equal(typeof text, "string");
          printed++;
        }
      }
    }
  }
  assert.ok(printed > 3000, `only ${printed} frames printed`);
});
