/**
 * The differential test of issue 3. Every expression of testdata/expressions.txt is
 * compiled for each link type by compileFilter and by libpcap (tcpdump's compiler), both
 * optimized and unoptimized (`-O`); all four programs then run in our BPF machine over a
 * generated frame corpus (filter/_frames.ts) and must take the same decision on every frame.
 * Where libpcap refuses an expression we must refuse too.
 *
 * libpcap is reached through testdata/pcap_compile.c (pcap_compile exactly as `tcpdump -ddd
 * -y DLT` calls it, many expressions per process), built with cc at test time; a test below
 * checks it prints what tcpdump prints. Without cc or the libpcap headers each expression
 * goes through `tcpdump -ddd` (slower); without tcpdump either, the test is skipped.
 */

import assert from "node:assert/strict";
import { LINKTYPE } from "../link_type.ts";
import { type TestFrame, testFrames } from "./_frames.ts";
import { compileFilter, FilterSyntaxError, runFilter, validateProgram } from "./mod.ts";
import type { BpfProgram } from "./insn.ts";
import { PROTOCHAIN_DEPTH } from "./codegen.ts";

/**
 * Headers libpcap's protochain loop steps over in a frame (IPv6 extension headers and AH,
 * after an IPv4 or IPv6 header at any of the network offsets the link type may have), the
 * most over both versions; our forward-only code follows PROTOCHAIN_DEPTH of them.
 */
function protochainSteps(d: Uint8Array, type: number): number {
  const bases = type === LINKTYPE.ETHERNET
    ? [14, 18, 22]
    : type === LINKTYPE.LINUX_SLL
    ? [16]
    : type === LINKTYPE.LINUX_SLL2
    ? [20]
    : type === LINKTYPE.NULL || type === LINKTYPE.LOOP || type === 9 || type === 104
    ? [4]
    : [0];
  const at = (o: number) => (o < d.length ? d[o]! : -1);
  let most = 0;
  for (const hd of bases) {
    for (const v6 of [false, true]) {
      let a = at(hd + (v6 ? 6 : 9));
      let x = v6 ? 40 : (at(hd) & 0xf) * 4;
      let steps = 0;
      while (steps <= PROTOCHAIN_DEPTH && a >= 0 && a !== 59) {
        const ext = v6 && (a === 0 || a === 60 || a === 43 || a === 44);
        if (!ext && a !== 51) break;
        const next = at(x + hd), len = at(x + hd + 1);
        if (next < 0 || len < 0) break;
        a = next;
        x = ext ? x + (len + 1) * 8 : (len + 2) * 4; // libpcap's AH step sets X, as it does
        steps++;
      }
      most = Math.max(most, steps);
    }
  }
  return most;
}
import { NO_LIBPCAP } from "./_have_libpcap.ts";

/** Whether the kernel would refuse `p` for reading a scratch word before writing it. */
function readsUnwritten(p: BpfProgram): boolean {
  try {
    validateProgram(p);
    return false;
  } catch (e) {
    return /before any write/.test((e as Error).message);
  }
}

/**
 * Whether libpcap's unoptimized 802.11 program overwrites a scratch word holding an offset its
 * prologue computed (the radio header's length, the LLC header's place): libpcap allocates
 * those words on first use, so an arithmetic relation before that may have used and freed the
 * same word, and its code (which runs after the prologue) clobbers the offset. Those programs
 * read the wrong place (and their optimized form was derived from them); ours keeps the
 * offsets in words of their own.
 */
function clobbersOffsets(p: BpfProgram): boolean {
  const isStore = (i: { code: number }) => i.code === 0x02 || i.code === 0x03;
  const prologue = new Set<number>();
  // The radio length: after radiotap's `or x`, AVS's `ld [4]` first, Prism's `ld #144`.
  p.slice(0, 9).forEach((i, n) => {
    const before = p[n - 1];
    if (
      isStore(i) && before &&
      ((before.code === 0x4c) || (n === 1 && before.code === 0x20 && before.k === 4) ||
        (before.code === 0x00 && before.k === 144))
    ) prologue.add(n);
  });
  // The payload offset: prefix + 24, + 2 for QoS, rounded up to 4 for radiotap's padding.
  p.forEach((i, n) => {
    const before = p[n - 1];
    if (
      isStore(i) && before && before.code === 0x04 &&
      (before.k === 24 || (before.k === 2 && p[n - 2]?.code === 0x60))
    ) prologue.add(n);
    if (isStore(i) && before?.code === 0x54 && before.k === 0xfffffffc) prologue.add(n);
  });
  const words = new Set([...prologue].map((n) => p[n]!.k));
  return p.some((i, n) => isStore(i) && words.has(i.k) && !prologue.has(n));
}

const LINKS: [name: string, type: number][] = [
  ["EN10MB", LINKTYPE.ETHERNET],
  ["LINUX_SLL", LINKTYPE.LINUX_SLL],
  ["LINUX_SLL2", LINKTYPE.LINUX_SLL2],
  ["RAW", LINKTYPE.RAW],
  ["IPV4", LINKTYPE.IPV4],
  ["IPV6", LINKTYPE.IPV6],
  ["NULL", LINKTYPE.NULL],
  ["LOOP", LINKTYPE.LOOP],
  ["PPP", 9],
  ["C_HDLC", 104],
  ["IEEE802_11", 105],
  ["IEEE802_11_RADIO", 127],
  ["PRISM_HEADER", 119],
  ["IEEE802_11_RADIO_AVS", 163],
];

/** The 802.11 link types: bare, radiotap, Prism, AVS. */
const WLAN = new Set([105, 127, 119, 163]);

const [handText, generatedText] = await Promise.all(
  ["expressions.txt", "expressions_generated.txt"].map((f) =>
    Deno.readTextFile(new URL(`./testdata/${f}`, import.meta.url))
  ),
);
const text = `${handText}\n${generatedText}`;
// A line ending in "# refuse" is one we refuse on purpose (tcpdump may accept it).
const lines = text.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("#"));
const REFUSE = /\s+# refuse$/;
const expressions = lines.map((l) => l.replace(REFUSE, ""));
const handWritten = new Set(
  handText!.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("#")),
);
const deliberate = new Set(lines.filter((l) => REFUSE.test(l)).map((l) => l.replace(REFUSE, "")));

interface Job {
  dlt: string;
  optimize: boolean;
  expr: string;
}

async function run(cmd: string, args: string[], stdin?: string) {
  const child = new Deno.Command(cmd, {
    args,
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const output = child.output(); // read while writing, or a full pipe blocks both sides
  if (stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(stdin));
    await w.close();
  }
  const out = await output;
  const dec = new TextDecoder();
  return { ok: out.success, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

async function found(cmd: string, args: string[]): Promise<boolean> {
  try {
    return (await run(cmd, args)).ok;
  } catch {
    return false;
  }
}

function parseDdd(out: string): BpfProgram {
  return out.trim().split("\n").slice(1).map((l) => {
    const [code, jt, jf, k] = l.split(" ").map(Number);
    return { code: code!, jt: jt!, jf: jf!, k: k! };
  });
}

/** `tcpdump -ddd`'s program, or its error line. */
async function tcpdump(job: Job): Promise<BpfProgram | string> {
  const out = await run("tcpdump", [
    ...(job.optimize ? [] : ["-O"]),
    "-ddd",
    "-y",
    job.dlt,
    "--",
    job.expr,
  ]);
  return out.ok ? parseDdd(out.stdout) : out.stderr.trim() || "failed";
}

/** Builds testdata/pcap_compile.c; undefined when cc or libpcap's headers are missing. */
async function buildHelper(dir: string): Promise<string | undefined> {
  const src = new URL("./testdata/pcap_compile.c", import.meta.url).pathname;
  const exe = `${dir}/pcap_compile`;
  try {
    const out = await run("cc", ["-O1", "-o", exe, src, "-lpcap"]);
    return out.ok ? exe : undefined;
  } catch {
    return undefined;
  }
}

async function helper(exe: string, jobs: Job[]): Promise<(BpfProgram | string)[]> {
  const input = jobs.map((j) => `${j.dlt}\t${j.optimize ? 1 : 0}\t${j.expr}\n`).join("");
  const out = await run(exe, [], input);
  assert.ok(out.ok, `pcap_compile helper failed: ${out.stderr}`);
  const results = out.stdout.split("\n").slice(0, jobs.length);
  assert.equal(results.length, jobs.length);
  return results.map((l) => {
    if (l.startsWith("ERR ")) return l.slice(4);
    return l.slice(3).split(";").map((i) => {
      const [code, jt, jf, k] = i.split(",").map(Number);
      return { code: code!, jt: jt!, jf: jf!, k: k! };
    });
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

const hasTcpdump = await found("tcpdump", ["--version"]);
if (!hasTcpdump) console.log("tcpdump not found: skipping the differential tests against libpcap");

/** libpcap's answers for all jobs, through the helper when it builds, else tcpdump. */
async function libpcap(jobs: Job[]): Promise<(BpfProgram | string | undefined)[]> {
  const dir = await Deno.makeTempDir({ prefix: "tpacket-filter-" });
  try {
    const exe = await buildHelper(dir);
    if (exe) return await helper(exe, jobs);
    // One tcpdump per job costs ~10 ms: keep to the hand-written corpus on Ethernet.
    console.log(
      "cc or libpcap headers missing: asking tcpdump, for the hand-written expressions on EN10MB only",
    );
    const wanted = (j: Job) => j.dlt === "EN10MB" && handWritten.has(j.expr);
    return await pool(jobs, 4, (j) => wanted(j) ? tcpdump(j) : Promise.resolve(undefined));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/**
 * Frames of a classic pcap file (little-endian, microseconds, as tcpdump -w writes). The
 * captures in testdata/ were taken with `tcpdump -i lo` (EN10MB) and `tcpdump -i any`
 * (LINUX_SLL2) while loopback traffic (HTTP, UDP, IPv6) ran.
 */
async function capturedFrames(name: string): Promise<TestFrame[]> {
  const bytes = await Deno.readFile(new URL(`./testdata/${name}`, import.meta.url));
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  assert.equal(dv.getUint32(0, true), 0xa1b2c3d4, `${name}: not a little-endian pcap file`);
  const out: TestFrame[] = [];
  for (let off = 24; off + 16 <= bytes.length;) {
    const capLen = dv.getUint32(off + 8, true);
    const wireLen = dv.getUint32(off + 12, true);
    const data = bytes.slice(off + 16, off + 16 + capLen);
    out.push({ data, wireLen, label: `${name} record ${out.length}` });
    off += 16 + capLen;
  }
  return out;
}

function ours(expr: string, linkType: number, optimize: boolean): BpfProgram | string {
  try {
    return compileFilter(expr, { linkType, optimize });
  } catch (e) {
    if (!(e instanceof FilterSyntaxError)) throw e;
    return e.message;
  }
}

Deno.test({
  name: "testdata/pcap_compile.c prints what tcpdump -ddd prints",
  ignore: !hasTcpdump || NO_LIBPCAP !== undefined,
  async fn() {
    const sample: Job[] = [
      "tcp port 80",
      "vlan 100 and udp",
      "ip6 net 2001:db8::/32",
      "icmp[icmptype] == icmp-echo",
      "ip broadcast",
      "ether proto 6",
      "port 80 or 53",
      "ip",
      "tcp prot 80",
    ].flatMap((expr) => [
      { dlt: "EN10MB", optimize: true, expr },
      { dlt: "LINUX_SLL2", optimize: false, expr },
      { dlt: "IPV6", optimize: true, expr },
    ]);
    const dir = await Deno.makeTempDir({ prefix: "tpacket-filter-" });
    try {
      const exe = await buildHelper(dir);
      assert.ok(exe, "cc could not build testdata/pcap_compile.c");
      const viaHelper = await helper(exe, sample);
      const viaTcpdump = await pool(sample, 4, tcpdump);
      sample.forEach((j, i) => {
        const h = viaHelper[i]!, t = viaTcpdump[i]!;
        if (typeof t === "string") assert.equal(typeof h, "string", `${j.dlt} ${j.expr}`);
        else assert.deepEqual(h, t, `${j.dlt} ${j.expr}`);
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "compileFilter() decides as libpcap does on every expression, link type and frame",
  ignore: !hasTcpdump,
  async fn() {
    const jobs = LINKS.flatMap(([dlt]) =>
      expressions.flatMap((expr) => [
        { dlt, optimize: true, expr },
        { dlt, optimize: false, expr },
      ])
    );
    const theirs = await libpcap(jobs);
    const frames = new Map(LINKS.map(([, type]) => [type, testFrames(type)]));
    frames.get(LINKTYPE.ETHERNET)!.push(...await capturedFrames("lo_en10mb.pcap"));
    frames.get(LINKTYPE.LINUX_SLL2)!.push(...await capturedFrames("any_sll2.pcap"));
    const problems: string[] = [];
    let compared = 0, refusedBoth = 0, refusedOurs = 0, oursLen = 0, theirsLen = 0;
    let verdicts = 0, selfDisagree = 0, identical = 0, deeper = 0, kernelRefuses = 0, clobbered = 0;
    for (let i = 0; i < jobs.length; i += 2) {
      const { dlt, expr } = jobs[i]!;
      const type = LINKS.find(([n]) => n === dlt)![1];
      const ref = theirs[i], refO = theirs[i + 1];
      if (ref === undefined || refO === undefined) continue; // not asked (slow fallback)
      const mine = ours(expr, type, true), mineO = ours(expr, type, false);
      // A line marked "refuse" is one we refuse on purpose where we refuse it; where it
      // compiles (another link type), it is compared as any other.
      if (deliberate.has(expr) && typeof mine === "string") {
        refusedOurs++;
        continue;
      }
      if (typeof ref === "string" || typeof mine === "string") {
        if (typeof ref === "string" && typeof mine === "string") refusedBoth++;
        else if (typeof mine === "string" && /is not supported|are not resolved/.test(mine)) {
          refusedOurs++; // a feature we list as unsupported (DECnet, AppleTalk, ...), not a bug
        } else if (typeof ref === "string") {
          problems.push(`${dlt} "${expr}": libpcap refuses (${ref}), we accept`);
        } else problems.push(`${dlt} "${expr}": we refuse (${mine}), libpcap accepts`);
        continue;
      }
      if (typeof refO === "string" || typeof mineO === "string") {
        problems.push(`${dlt} "${expr}" -O: libpcap says ${refO}, we say ${mineO}`);
        continue;
      }
      validateProgram(mine);
      validateProgram(mineO);
      // libpcap can emit a program the kernel refuses (a scratch word read before any write:
      // `pppoes` on a radio-headed 802.11 link stores the radio length in the word of the PPP
      // header, so the 802.11 header is read from offset 0). Ours is accepted (checked above);
      // its verdicts cannot be compared with that program's, so the pair is counted apart.
      // (libpcap's protochain jumps backwards, which the kernel refuses too: those run as
      // tcpdump runs them, in user space, and are compared.)
      if (readsUnwritten(ref) || readsUnwritten(refO)) {
        kernelRefuses++;
        continue;
      }
      if (WLAN.has(type) && clobbersOffsets(refO)) {
        if (Deno.env.get("SHOW_CLOBBERED")) console.log(`clobbered: ${dlt} ${expr}`);
        clobbered++;
        continue;
      }
      compared++;
      if (
        mine.length === ref.length &&
        mine.every((m, n) =>
          m.code === ref[n]!.code && m.jt === ref[n]!.jt && m.jf === ref[n]!.jf && m.k === ref[n]!.k
        )
      ) identical++;
      oursLen += mine.length;
      theirsLen += ref.length;
      const chain = /protochain/.test(expr);
      for (const f of frames.get(type)!) {
        // Past the unrolled depth we follow libpcap no further (documented in codegen.ts).
        if (chain && protochainSteps(f.data, type) > PROTOCHAIN_DEPTH) {
          deeper++;
          continue;
        }
        verdicts++;
        const a = runFilter(mine, f.data, f.wireLen);
        const b = runFilter(ref, f.data, f.wireLen);
        const aO = runFilter(mineO, f.data, f.wireLen);
        const bO = runFilter(refO, f.data, f.wireLen);
        // Unoptimized, we must decide as libpcap's unoptimized code does, always. Optimized,
        // as tcpdump does, except where libpcap's optimizer changed libpcap's own decision (it
        // drops unused loads and reorders tests, which matters for truncated frames): there
        // either of libpcap's two decisions is accepted.
        const hex = f.data.toHex();
        if (aO !== bO) {
          problems.push(`${dlt} "${expr}" -O: ${f.label} (${hex}): ours ${aO}, libpcap ${bO}`);
          break;
        }
        if (a !== b && !(b !== bO && a === bO)) {
          problems.push(`${dlt} "${expr}": ${f.label} (${hex}): ours ${a}, libpcap ${b}`);
          break;
        }
        if (b !== bO) selfDisagree++;
      }
    }
    console.log(
      `differential: ${expressions.length} expressions × ${LINKS.length} link types: ` +
        `${compared} compiled by both (${identical} to the same instructions), ${verdicts} frames × ` +
        `4 programs; ${refusedBoth} refused by ` +
        `both, ${refusedOurs} refused by us on purpose; ${kernelRefuses} where libpcap's program ` +
        `is one the kernel refuses; ${clobbered} where it overwrites its own 802.11 offset; ` +
        `${deeper} protochain verdicts skipped ` +
        `(chains longer than ${PROTOCHAIN_DEPTH}); libpcap's optimizer changed its own ` +
        `decision on ${selfDisagree} frames; instructions ours/libpcap = ${oursLen}/${theirsLen} = ` +
        (oursLen / theirsLen).toFixed(3),
    );
    for (const p of problems) console.log(`DISAGREE ${p}`);
    assert.equal(problems.length, 0, `${problems.length} disagreements (listed above)`);
  },
});
