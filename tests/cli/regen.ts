/**
 * Regenerates `tests/cli/<name>.out` from tcpdump for every line of `TESTLIST`:
 * `deno run -A tests/cli/regen.ts`. The files are tcpdump's standard output
 * with TZ=UTC; the test diffs `sniff` against them (and against a live tcpdump).
 *
 * @module
 */
import { readTestList, tcpdumpOutput } from "./_testlist.ts";

for (const testCase of await readTestList()) {
  const out = await tcpdumpOutput(testCase);
  await Deno.writeTextFile(new URL(`${testCase.name}.out`, import.meta.url), out);
  console.log(`${testCase.name}: ${out.split("\n").length - 1} lines`);
}
