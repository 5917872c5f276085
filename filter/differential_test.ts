/**
 * The differential test of issue 3: every expression of testdata/expressions.txt is
 * compiled by compileFilter and by `tcpdump -ddd -y <DLT>` for each link type; both
 * programs then run in our BPF machine over a generated frame corpus and must take the
 * same decision on every frame. Where tcpdump refuses an expression we must refuse too.
 */

import assert from "node:assert/strict";
import { LINKTYPE } from "../link_type.ts";
import { testFrames } from "./_frames.ts";
import { compileFilter, FilterSyntaxError, runFilter, validateProgram } from "./mod.ts";
import type { BpfProgram } from "./insn.ts";

const LINKS: [name: string, type: number][] = [
  ["EN10MB", LINKTYPE.ETHERNET],
  ["LINUX_SLL", LINKTYPE.LINUX_SLL],
  ["LINUX_SLL2", LINKTYPE.LINUX_SLL2],
  ["RAW", LINKTYPE.RAW],
  ["IPV4", LINKTYPE.IPV4],
  ["IPV6", LINKTYPE.IPV6],
];

const text = await Deno.readTextFile(new URL("./testdata/expressions.txt", import.meta.url));
// A line ending in "# refuse" is one we refuse on purpose (tcpdump may accept it).
const lines = text.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("#"));
const expressions = lines.map((l) => l.replace(/\s+# refuse$/, ""));
const deliberate = new Set(lines.filter((l) => /\s# refuse$/.test(l)).map((l) => l.replace(/\s+# refuse$/, "")));

async function hasTcpdump(): Promise<boolean> {
  try {
    const out = await new Deno.Command("tcpdump", { args: ["--version"], stdout: "null", stderr: "null" })
      .output();
    return out.success;
  } catch {
    return false;
  }
}

/** tcpdump's program, or its error line. */
async function tcpdump(expr: string, dlt: string, optimize = true): Promise<BpfProgram | string> {
  const out = await new Deno.Command("tcpdump", {
    args: [...(optimize ? [] : ["-O"]), "-ddd", "-y", dlt, "--", expr],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) return new TextDecoder().decode(out.stderr).trim() || "failed";
  const lines = new TextDecoder().decode(out.stdout).trim().split("\n");
  return lines.slice(1).map((l) => {
    const [code, jt, jf, k] = l.split(" ").map(Number);
    return { code: code!, jt: jt!, jf: jf!, k: k! };
  });
}

async function pool<T, R>(items: T[], n: number, f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!);
    }
  }));
  return out;
}

const available = await hasTcpdump();

Deno.test({
  name: "compileFilter() agrees with tcpdump -ddd on every expression, link type and frame",
  ignore: !available,
  async fn() {
    const jobs = LINKS.flatMap(([dlt, type]) => expressions.map((expr) => ({ dlt, type, expr })));
    const theirs = await pool(jobs, 6, (j) => tcpdump(j.expr, j.dlt));
    const theirsUnoptimized = await pool(jobs, 6, (j) => tcpdump(j.expr, j.dlt, false));
    const frames = new Map(LINKS.map(([, type]) => [type, testFrames(type)]));
    const problems: string[] = [];
    let compared = 0, refusedBoth = 0, refusedOurs = 0, ours = 0, libpcap = 0, verdicts = 0;
    let libpcapSelfDisagree = 0;
    jobs.forEach((j, i) => {
      const ref = theirs[i]!;
      let mine: BpfProgram | string;
      let mineUnoptimized: BpfProgram | string;
      try {
        mine = compileFilter(j.expr, { linkType: j.type });
      } catch (e) {
        if (!(e instanceof FilterSyntaxError)) throw e;
        mine = e.message;
      }
      try {
        mineUnoptimized = compileFilter(j.expr, { linkType: j.type, optimize: false });
      } catch (e) {
        if (!(e instanceof FilterSyntaxError)) throw e;
        mineUnoptimized = e.message;
      }
      if (deliberate.has(j.expr)) {
        if (typeof mine !== "string") problems.push(`${j.dlt} "${j.expr}": marked "refuse" but compiles`);
        else refusedOurs++;
        return;
      }
      if (typeof ref === "string" || typeof mine === "string") {
        if (typeof ref === "string" && typeof mine === "string") refusedBoth++;
        else if (typeof ref === "string") {
          problems.push(`${j.dlt} "${j.expr}": tcpdump refuses (${ref}), we accept`);
        } else problems.push(`${j.dlt} "${j.expr}": we refuse (${mine}), tcpdump accepts`);
        return;
      }
      validateProgram(mine);
      const refO = theirsUnoptimized[i]!;
      if (typeof refO === "string" || typeof mineUnoptimized === "string") {
        problems.push(`${j.dlt} "${j.expr}": unoptimized compile failed: ${refO} / ${mineUnoptimized}`);
        return;
      }
      compared++;
      ours += mine.length;
      libpcap += ref.length;
      for (const f of frames.get(j.type)!) {
        verdicts++;
        const a = runFilter(mine, f.data, f.wireLen);
        const b = runFilter(ref, f.data, f.wireLen);
        const aO = runFilter(mineUnoptimized, f.data, f.wireLen);
        const bO = runFilter(refO, f.data, f.wireLen);
        // Our unoptimized code must decide as libpcap's unoptimized code does, always. Optimized,
        // we must decide as tcpdump does, except where libpcap's optimizer changed libpcap's own
        // decision (it drops and reorders loads, which matters for truncated frames): then
        // either of libpcap's two decisions is accepted.
        if (aO !== bO) {
          problems.push(`${j.dlt} "${j.expr}" -O: ${f.label} (${f.data.toHex()}): ours ${aO}, tcpdump ${bO}`);
          break;
        }
        if (a !== b && !(b !== bO && a === bO)) {
          problems.push(`${j.dlt} "${j.expr}": ${f.label} (${f.data.toHex()}): ours ${a}, tcpdump ${b}`);
          break;
        }
        if (b !== bO) libpcapSelfDisagree++;
      }
    });
    console.log(
      `differential: ${expressions.length} expressions × ${LINKS.length} link types: ` +
        `${compared} compiled by both over ${verdicts} frame runs, ${refusedBoth} refused by both, ` +
        `${refusedOurs} refused by us on purpose; libpcap's optimizer changed its own decision on ` +
        `${libpcapSelfDisagree} runs; ` +
        `instructions ours/tcpdump = ${ours}/${libpcap} = ${(ours / libpcap).toFixed(3)}`,
    );
    for (const p of problems) console.log(`DISAGREE ${p}`);
    assert.equal(problems.length, 0, `${problems.length} disagreements (listed above)`);
  },
});

if (!available) console.log("tcpdump not found: skipping the differential test against libpcap");
