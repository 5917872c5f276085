// The golden corpus (tests/print/_corpus.ts): packets built field by field for each link type
// and protocol, printed by PacketPrinter and compared packet by packet with tcpdump's text in
// tests/testdata/print/golden/ (make_golden.ts writes it from the installed tcpdump; where
// tcpdump is present the test also checks the file is still what tcpdump prints). The packets
// that still print unlike tcpdump are listed one by one in KNOWN_DIFFS, with the reason.

import assert from "node:assert/strict";
import { PacketPrinter } from "../../print/mod.ts";
import { CASES, KNOWN_DIFFS } from "./_corpus.ts";
import {
  flagSets,
  goldenUrl,
  hasTcpdump,
  optionsOf,
  parseGolden,
  tcpdumpPackets,
} from "./_golden.ts";

const live = await hasTcpdump();

for (const c of CASES) {
  Deno.test(`PacketPrinter prints the ${c.name} corpus (${c.packets.length} packets) as tcpdump does`, async () => {
    const golden = parseGolden(await Deno.readTextFile(goldenUrl(c)));
    const diffs: string[] = [];
    const unexpected: string[] = [];
    for (const flags of flagSets(c)) {
      const key = flags.join(" ");
      const theirs = golden.get(key);
      assert.ok(theirs, `${c.name}: the golden file has no "${key}" section (run make_golden.ts)`);
      if (live) {
        assert.deepEqual(
          await tcpdumpPackets(c, flags),
          theirs,
          `${c.name} ${key}: golden file is stale`,
        );
      }
      assert.equal(theirs.length, c.packets.length, `${c.name} ${key}: packet count`);
      const printer = new PacketPrinter(c.linkType, optionsOf(flags));
      c.packets.forEach((p, i) => {
        const ours = printer.format({
          data: p.data,
          wireLen: p.wireLen ?? p.data.length,
          sec: 1700000000 + i,
          nsec: i * 1000,
        });
        const id = `${c.name} ${key || "(none)"} #${i + 1}`;
        if (ours !== theirs[i]) {
          diffs.push(id);
          if (!(id in KNOWN_DIFFS)) {
            unexpected.push(
              `${id}\n  tcpdump: ${theirs[i]!.replaceAll("\n", "\n           ")}\n  ours:    ${
                ours.replaceAll("\n", "\n           ")
              }`,
            );
          }
        }
      });
    }
    const fixed = Object.keys(KNOWN_DIFFS).filter((k) =>
      k.startsWith(`${c.name} `) && !diffs.includes(k)
    );
    assert.deepEqual(unexpected, [], `${c.name}: packets printed unlike tcpdump`);
    assert.deepEqual(
      fixed,
      [],
      `${c.name}: listed as differing but now identical (remove from KNOWN_DIFFS)`,
    );
  });
}
