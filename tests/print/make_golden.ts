// Regenerates tests/testdata/print/golden/*.out from the installed tcpdump: for each case of the
// corpus, tcpdump -n -tt at each of its flag sets. Usage: deno run -A tests/print/make_golden.ts [name...]

import { CASES } from "./_corpus.ts";
import { flagSets, goldenUrl, renderGolden, tcpdumpPackets } from "./_golden.ts";

const only = new Set(Deno.args);
for (const c of CASES) {
  if (only.size && !only.has(c.name)) continue;
  const sets: [string[], string[]][] = [];
  for (const flags of flagSets(c)) sets.push([flags, await tcpdumpPackets(c, flags)]);
  await Deno.writeTextFile(goldenUrl(c), renderGolden(sets));
  console.log(`${c.name}: ${c.packets.length} packets x ${sets.length} flag sets`);
}
