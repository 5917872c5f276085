/**
 * `deno bench filter/filter_bench.ts`: compile time of a typical expression
 * after warm-up, and the BPF machine's time per packet.
 */

import { testFrames } from "./_frames.ts";
import { compileFilter, runFilter } from "./mod.ts";
import { LINKTYPE } from "../link_type.ts";

const EXPR = "tcp port 80 and host 10.0.0.1";
for (let i = 0; i < 200; i++) compileFilter(EXPR); // warm-up

Deno.bench(
  'compileFilter("tcp port 80 and host 10.0.0.1")',
  { group: "compile", baseline: true },
  () => {
    compileFilter(EXPR);
  },
);
Deno.bench('compileFilter("tcp port 80 and host 10.0.0.1", { optimize: false })', {
  group: "compile",
}, () => {
  compileFilter(EXPR, { optimize: false });
});
Deno.bench("compileFilter(a 40-term host list)", { group: "compile" }, () => {
  compileFilter(Array.from({ length: 40 }, (_, i) => `host 10.0.0.${i}`).join(" or "));
});

const program = compileFilter(EXPR);
const frames = testFrames(LINKTYPE.ETHERNET, 100, 5);
let i = 0;
Deno.bench(
  `runFilter() per packet (${EXPR}, ${program.length} instructions)`,
  { group: "run" },
  () => {
    const f = frames[i++ % frames.length]!;
    runFilter(program, f.data, f.wireLen);
  },
);
