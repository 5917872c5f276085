/**
 * The live form (`compileFilter(expr, { live: true })`) against libpcap's live form: programs
 * compiled by testdata/pcap_compile.c on an activated handle on `lo` (pcap_create +
 * pcap_activate, as `tcpdump -d -i lo` does; it needs root), run in our BPF machine over the
 * frame corpus as the kernel presents frames to a socket filter: the outer 802.1Q/802.1ad tag
 * moved into the ancillary data (`anc`), inner tags left in the bytes. Tagged frames are also
 * presented with the tag still in the bytes (frames sent through a packet socket keep it), and
 * each frame both as received and as outgoing (`inbound`/`outbound`).
 */

import assert from "node:assert/strict";
import { LINKTYPE } from "../link_type.ts";
import { testFrames } from "./_frames.ts";
import { NO_LIBPCAP } from "./_have_libpcap.ts";
import {
  type BpfAncillary,
  type BpfProgram,
  compileFilter,
  FilterSyntaxError,
  formatProgram,
  runFilter,
  validateProgram,
} from "./mod.ts";

async function run(cmd: string, args: string[], stdin?: string) {
  const child = new Deno.Command(cmd, {
    args,
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const output = child.output();
  if (stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(stdin));
    await w.close();
  }
  const out = await output;
  const dec = new TextDecoder();
  return { ok: out.success, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

async function whyNot(): Promise<string | undefined> {
  if (Deno.build.os !== "linux") return "it needs Linux";
  if (Deno.uid() !== 0) return "it needs root (libpcap activates a live handle on lo)";
  try {
    if (!(await run("tcpdump", ["--version"])).ok) return "tcpdump is missing";
  } catch {
    return "tcpdump is missing";
  }
  return undefined;
}

const SKIP = await whyNot();
if (!SKIP && NO_LIBPCAP) {
  console.log(
    `filter/live_test.ts: the comparisons through pcap_compile.c are ignored: ${NO_LIBPCAP}`,
  );
}
if (SKIP) console.log(`filter/live_test.ts: live-form comparison with libpcap skipped: ${SKIP}`);

/** libpcap's live programs (or error lines) through the helper (cc and libpcap must be here). */
async function libpcapLive(
  jobs: { optimize: boolean; expr: string }[],
): Promise<(BpfProgram | string)[]> {
  const dir = await Deno.makeTempDir({ prefix: "tpacket-filter-live-" });
  try {
    const src = new URL("./testdata/pcap_compile.c", import.meta.url).pathname;
    const exe = `${dir}/pcap_compile`;
    let built = false;
    try {
      built = (await run("cc", ["-O1", "-o", exe, src, "-lpcap"])).ok;
    } catch { /* no cc */ }
    assert.ok(built, "cc could not build testdata/pcap_compile.c");
    const input = jobs.map((j) => `live:lo\t${j.optimize ? 1 : 0}\t${j.expr}\n`).join("");
    const out = await run(exe, [], input);
    assert.ok(out.ok, `pcap_compile helper failed: ${out.stderr}`);
    const lines = out.stdout.split("\n").slice(0, jobs.length);
    assert.equal(lines.length, jobs.length);
    return lines.map((l) =>
      l.startsWith("ERR ") ? l.slice(4) : l.slice(3).split(";").map((i) => {
        const [code, jt, jf, k] = i.split(",").map(Number);
        return { code: code!, jt: jt!, jf: jf!, k: k! };
      })
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** One frame as a socket filter sees it. */
interface LiveFrame {
  data: Uint8Array;
  wireLen: number;
  anc: BpfAncillary;
  label: string;
}

/**
 * Presents an Ethernet frame as the kernel does: an outer 802.1Q or 802.1ad tag is taken out
 * of the bytes into the metadata (skb_vlan_untag); 0x9100 and inner tags stay in the bytes.
 */
export function asKernelSees(
  data: Uint8Array,
  wireLen: number,
  socket: BpfAncillary = {},
): LiveFrame[] {
  const out: LiveFrame[] = [{ data, wireLen, anc: socket, label: "in-frame" }];
  const tpid = data.length >= 18 ? (data[12]! << 8) | data[13]! : 0;
  if (tpid === 0x8100 || tpid === 0x88a8) {
    const stripped = new Uint8Array(data.length - 4);
    stripped.set(data.subarray(0, 12));
    stripped.set(data.subarray(16), 12);
    out.push({
      data: stripped,
      wireLen: wireLen - 4,
      anc: { ...socket, vlanTagPresent: 1, vlanTag: (data[14]! << 8) | data[15]!, vlanTpid: tpid },
      label: "tag in anc",
    });
  }
  return out;
}

const [handText, generatedText] = await Promise.all(
  ["expressions.txt", "expressions_generated.txt"].map((f) =>
    Deno.readTextFile(new URL(`./testdata/${f}`, import.meta.url))
  ),
);
const all = `${handText}\n${generatedText}`.split("\n")
  .filter((l) => l.trim() !== "" && !l.startsWith("#") && !/\s# refuse$/.test(l));
const RELEVANT = /\b(vlan|mpls|inbound|outbound|ifindex)\b/;
// Every expression about tags or direction, and one in eight of the rest.
const expressions = [...new Set(all)].filter((e, i) => RELEVANT.test(e) || i % 8 === 0);

function ours(expr: string, optimize: boolean): BpfProgram | string {
  try {
    return compileFilter(expr, { live: true, optimize });
  } catch (e) {
    if (!(e instanceof FilterSyntaxError)) throw e;
    return e.message;
  }
}

Deno.test({
  name:
    "compileFilter({ live: true }) decides as libpcap's live form on frames as the kernel presents them",
  ignore: SKIP !== undefined || NO_LIBPCAP !== undefined,
  async fn() {
    const jobs = expressions.flatMap((expr) => [
      { optimize: true, expr },
      { optimize: false, expr },
    ]);
    const theirs = await libpcapLive(jobs);
    const frames: LiveFrame[] = testFrames(LINKTYPE.ETHERNET, 400, 5).flatMap((f, i) =>
      asKernelSees(f.data, f.wireLen, { pktType: i % 3 === 0 ? 4 : 0, ifIndex: 1 + (i % 4) }).map((
        k,
      ) => ({
        ...k,
        label: `${f.label} (${k.label}, pkttype ${k.anc.pktType}, ifindex ${k.anc.ifIndex})`,
      }))
    );
    const problems: string[] = [];
    const refusedOurs: string[] = [];
    let compared = 0, refusedBoth = 0, verdicts = 0, oursLen = 0, theirsLen = 0, tagged = 0;
    for (const f of frames) if (f.anc.vlanTagPresent) tagged++;
    for (let i = 0; i < jobs.length; i += 2) {
      const expr = jobs[i]!.expr;
      const ref = theirs[i]!, refO = theirs[i + 1]!;
      const mine = ours(expr, true), mineO = ours(expr, false);
      if (typeof ref === "string" || typeof mine === "string") {
        if (typeof ref === "string" && typeof mine === "string") refusedBoth++;
        else if (typeof mine === "string" && /is not supported|are not resolved/.test(mine)) {
          refusedOurs.push(expr); // a family we refuse by name in both forms (DECnet, ...)
        } else problems.push(`"${expr}": libpcap says ${JSON.stringify(ref)}, we say ${mine}`);
        continue;
      }
      if (typeof refO === "string" || typeof mineO === "string") {
        problems.push(`"${expr}" unoptimized: libpcap says ${refO}, we say ${mineO}`);
        continue;
      }
      validateProgram(mine);
      validateProgram(mineO);
      compared++;
      oursLen += mine.length;
      theirsLen += ref.length;
      for (const f of frames) {
        verdicts++;
        const a = runFilter(mine, f.data, f.wireLen, f.anc);
        const b = runFilter(ref, f.data, f.wireLen, f.anc);
        const aO = runFilter(mineO, f.data, f.wireLen, f.anc);
        const bO = runFilter(refO, f.data, f.wireLen, f.anc);
        // As in differential_test.ts: unoptimized must agree always; optimized may take
        // either of libpcap's two decisions where libpcap's optimizer changed its own.
        const what = `${f.label} (${f.data.toHex()})`;
        if (aO !== bO) {
          problems.push(`"${expr}" unoptimized: ${what}: ours ${aO}, libpcap ${bO}`);
          break;
        }
        if (a !== b && !(b !== bO && a === bO)) {
          problems.push(`"${expr}": ${what}: ours ${a}, libpcap ${b}`);
          break;
        }
      }
    }
    console.log(
      `live form: ${expressions.length} expressions, ${compared} compiled by both, ` +
        `${refusedBoth} refused by both, ${refusedOurs.length} by us on purpose ` +
        `(${refusedOurs.join("; ")}); ${frames.length} frames (${tagged} with the tag in anc), ` +
        `${verdicts} verdicts × 4 programs; instructions ours/libpcap = ${oursLen}/${theirsLen}`,
    );
    for (const p of problems) console.log(`DISAGREE ${p}`);
    assert.equal(problems.length, 0, `${problems.length} disagreements (listed above)`);
  },
});

// Listings equal to `tcpdump -d -i lo` byte for byte (where both optimizers end alike; for
// `vlan 100` ours skips libpcap's second `ldb [vlanp]` test, whose answer is already known).
const SAME_LISTING = [
  "vlan",
  "not vlan",
  "vlan and arp",
  "vlan and ip",
  "vlan and ip6",
  "vlan and vlan",
  "vlan and mpls",
  "vlan and inbound",
  "inbound",
  "outbound",
  "mpls 42",
  "tcp port 80",
];
// Unoptimized (`tcpdump -O`), the live `vlan` code is libpcap's instruction for instruction.
const SAME_LISTING_UNOPTIMIZED = [
  "vlan 100",
  "vlan and udp",
  "vlan 100 and vlan 200",
  "vlan 100 and mpls",
  "vlan and tcp port 80",
];

Deno.test({
  name:
    'formatProgram(compileFilter(expr, { live: true }), "d") prints what tcpdump -d -i lo prints',
  ignore: SKIP !== undefined,
  async fn() {
    const cases = [
      ...SAME_LISTING.map((expr) => ({ expr, optimize: true })),
      ...SAME_LISTING_UNOPTIMIZED.map((expr) => ({ expr, optimize: false })),
    ];
    for (const { expr, optimize } of cases) {
      const out = await run("tcpdump", [...(optimize ? [] : ["-O"]), "-d", "-i", "lo", "--", expr]);
      assert.ok(out.ok, `tcpdump -d -i lo ${expr}: ${out.stderr}`);
      const ours = formatProgram(compileFilter(expr, { live: true, optimize }), "d");
      assert.equal(ours, out.stdout, `${expr}${optimize ? "" : " (-O)"}`);
    }
  },
});

Deno.test('compileFilter("vlan 100", { live: true }) reads the tag from metadata or the frame', () => {
  assert.equal(
    formatProgram(compileFilter("vlan 100", { live: true }), "d"),
    `(000) ldb      [vlanp]
(001) jeq      #0x1             jt 2\tjf 4
(002) ldb      [vlan_tci]
(003) ja       9
(004) ldh      [12]
(005) jeq      #0x8100          jt 8\tjf 6
(006) jeq      #0x88a8          jt 8\tjf 7
(007) jeq      #0x9100          jt 8\tjf 12
(008) ldh      [14]
(009) and      #0xfff
(010) jeq      #0x64            jt 11\tjf 12
(011) ret      #262144
(012) ret      #0
`,
  );
});

Deno.test("runFilter() runs the live form over stripped and in-frame tags", () => {
  // 802.1Q tag 100 (PCP 5) around IPv4/UDP 10.0.0.1:53 → 10.0.0.2:53.
  const tagged = Uint8Array.fromHex(
    "ffffffffffff0200000000018100a0640800" +
      "4500001c0000000040110000" + "0a0000010a000002" + "00350035000800000000",
  );
  const cases: [string, number, number][] = [ // expr, verdict with tag in anc, in frame
    ["vlan 100", 262144, 262144],
    ["vlan 200", 0, 0],
    ["vlan and udp port 53", 262144, 262144],
    ["vlan 100 and src host 10.0.0.1", 262144, 262144],
    // Without `vlan`, libpcap (live) tests the bytes only: once the kernel took the tag out,
    // plain "udp" matches the tagged frame.
    ["udp", 262144, 0],
    ["not vlan", 0, 0],
  ];
  for (const [expr, inAnc, inFrame] of cases) {
    const program = compileFilter(expr, { live: true });
    validateProgram(program);
    const [frame, stripped] = asKernelSees(tagged, tagged.length);
    assert.equal(runFilter(program, stripped!.data, stripped!.wireLen, stripped!.anc), inAnc, expr);
    assert.equal(runFilter(program, frame!.data, frame!.wireLen, frame!.anc), inFrame, expr);
  }
});

Deno.test("compileFilter({ live: true }) refuses what libpcap refuses on live handles", () => {
  for (const linkType of [LINKTYPE.LINUX_SLL, LINKTYPE.LINUX_SLL2]) {
    assert.throws(
      () => compileFilter("vlan 100", { linkType, live: true }),
      /^FilterSyntaxError: Cannot compile filter "vlan 100": no VLAN support for Linux cooked v[12] at offset 0$/,
    );
  }
  assert.throws(
    () => compileFilter("mpls and vlan", { live: true }),
    /no VLAN match after MPLS at offset 9$/,
  );
  assert.throws(() => compileFilter("vlan", { live: 1 as unknown as boolean }), TypeError);
});

Deno.test({
  name: 'testdata/pcap_compile.c with "live:lo" prints what tcpdump -ddd -i lo prints',
  ignore: SKIP !== undefined || NO_LIBPCAP !== undefined,
  async fn() {
    const sample = ["vlan 100", "vlan and udp port 53", "inbound", "ifindex 1", "tcp prot 80"]
      .flatMap((expr) => [{ optimize: true, expr }, { optimize: false, expr }]);
    const viaHelper = await libpcapLive(sample);
    for (const [i, { expr, optimize }] of sample.entries()) {
      const out = await run("tcpdump", [
        ...(optimize ? [] : ["-O"]),
        "-ddd",
        "-i",
        "lo",
        "--",
        expr,
      ]);
      const h: BpfProgram | string = viaHelper[i]!;
      if (!out.ok) {
        assert.equal(typeof h, "string", expr);
        continue;
      }
      const program = out.stdout.trim().split("\n").slice(1).map((l) => {
        const [code, jt, jf, k] = l.split(" ").map(Number);
        return { code: code!, jt: jt!, jf: jf!, k: k! };
      });
      assert.deepEqual(h, program, `${expr}${optimize ? "" : " (-O)"}`);
    }
  },
});
