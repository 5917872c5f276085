import assert from "node:assert/strict";
import { LINKTYPE } from "../link_type.ts";
import { compileFilter, formatProgram } from "./mod.ts";
import type { BpfInstruction } from "./insn.ts";
import { NO_LIBPCAP } from "./_have_libpcap.ts";

async function run(cmd: string, args: string[], stdin?: string) {
  try {
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
    return { ok: out.success, stdout: new TextDecoder().decode(out.stdout) };
  } catch {
    return { ok: false, stdout: "" };
  }
}

const hasTcpdump = (await run("tcpdump", ["--version"])).ok;
if (!hasTcpdump) console.log("tcpdump not found: skipping the listing comparisons with tcpdump");

Deno.test('formatProgram(compileFilter("arp"), "d") is tcpdump -d\'s listing', () => {
  assert.equal(
    formatProgram(compileFilter("arp", { linkType: LINKTYPE.ETHERNET, snapLen: 262144 }), "d"),
    `(000) ldh      [12]
(001) jeq      #0x806           jt 2\tjf 3
(002) ret      #262144
(003) ret      #0
`,
  );
});

Deno.test('formatProgram(compileFilter("tcp port 80"), "d") is tcpdump -d\'s listing', () => {
  assert.equal(
    formatProgram(compileFilter("tcp port 80"), "d"),
    `(000) ldh      [12]
(001) jeq      #0x86dd          jt 2\tjf 8
(002) ldb      [20]
(003) jeq      #0x6             jt 4\tjf 19
(004) ldh      [54]
(005) jeq      #0x50            jt 18\tjf 6
(006) ldh      [56]
(007) jeq      #0x50            jt 18\tjf 19
(008) jeq      #0x800           jt 9\tjf 19
(009) ldb      [23]
(010) jeq      #0x6             jt 11\tjf 19
(011) ldh      [20]
(012) jset     #0x1fff          jt 19\tjf 13
(013) ldxb     4*([14]&0xf)
(014) ldh      [x + 14]
(015) jeq      #0x50            jt 18\tjf 16
(016) ldh      [x + 16]
(017) jeq      #0x50            jt 18\tjf 19
(018) ret      #262144
(019) ret      #0
`,
  );
});

Deno.test('formatProgram(compileFilter("less 64"), "dd") is tcpdump -dd\'s C array', () => {
  assert.equal(
    formatProgram(compileFilter("less 64", { snapLen: 96 }), "dd"),
    `{ 0x80, 0, 0, 0x00000000 },
{ 0x25, 0, 1, 0x00000040 },
{ 0x6, 0, 0, 0x00000000 },
{ 0x6, 0, 0, 0x00000060 },
`,
  );
});

/** A dozen listings compared byte for byte with tcpdump, in the three formats. */
const LISTED: [expr: string, dlt: string, linkType: number][] = [
  ["tcp port 80", "EN10MB", LINKTYPE.ETHERNET],
  ["host 1.2.3.4 and not 5.6.7.8", "EN10MB", LINKTYPE.ETHERNET],
  ["tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn", "EN10MB", LINKTYPE.ETHERNET],
  ["icmp[icmptype] == icmp-echo", "EN10MB", LINKTYPE.ETHERNET],
  ["vlan 100 and udp", "EN10MB", LINKTYPE.ETHERNET],
  ["ether dst ff:ff:ff:ff:ff:ff", "EN10MB", LINKTYPE.ETHERNET],
  ["net 192.168 mask 255.255.0.0 and not arp", "EN10MB", LINKTYPE.ETHERNET],
  ["ip6 and icmp6[icmp6type] = icmp6-echo", "EN10MB", LINKTYPE.ETHERNET],
  ["portrange 1-1023", "EN10MB", LINKTYPE.ETHERNET],
  ["greater 1000 and ip[8] == 5", "EN10MB", LINKTYPE.ETHERNET],
  ["mpls 5 and ip", "EN10MB", LINKTYPE.ETHERNET],
  ["udp port 53", "LINUX_SLL", LINKTYPE.LINUX_SLL],
  ["inbound and ip6", "LINUX_SLL2", LINKTYPE.LINUX_SLL2],
  ["ip multicast or ip6 multicast", "RAW", LINKTYPE.RAW],
  ["tcp port 22 or ip6 host ::1", "RAW", LINKTYPE.RAW],
  ["len - 14 > 50 and ether[0] & 1 != 0", "EN10MB", LINKTYPE.ETHERNET],
  ["ip[0] & 0xf != 5", "LINUX_SLL", LINKTYPE.LINUX_SLL],
];

for (const [expr, dlt, linkType] of LISTED) {
  Deno.test({
    name: `formatProgram() prints "${expr}" (${dlt}) as tcpdump -d, -dd and -ddd do`,
    ignore: !hasTcpdump,
    async fn() {
      const program = compileFilter(expr, { linkType });
      for (const f of ["d", "dd", "ddd"] as const) {
        const ref = await run("tcpdump", [`-${f}`, "-y", dlt, "--", expr]);
        assert.ok(ref.ok);
        assert.equal(formatProgram(program, f), ref.stdout, `-${f}`);
      }
    },
  });
}

if (NO_LIBPCAP) {
  console.log(`filter/dump_test.ts: the bpf_image() comparison is ignored: ${NO_LIBPCAP}`);
}

Deno.test({
  name: "formatProgram() prints every opcode as libpcap's bpf_image()",
  ignore: NO_LIBPCAP !== undefined,
}, async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "tpacket-dump-" });
  try {
    const src = new URL("./testdata/bpf_image.c", import.meta.url).pathname;
    const built = await run("cc", ["-o", `${dir}/bpf_image`, src, "-lpcap"]);
    assert.ok(built.ok, "cc could not build testdata/bpf_image.c");
    const ks = [0, 1, 14, 255, 0x7fffffff, 0x80000000, 0xffffffff, 0xffe00000];
    for (let n = 0; n <= 68; n += 4) ks.push(0xfffff000 + n);
    const program: BpfInstruction[] = [];
    for (let code = 0; code < 0x100; code++) {
      for (const k of ks) program.push({ code, jt: code % 7, jf: 255 - (code % 5), k });
    }
    const input = program.map((p, n) => `${n} ${p.code} ${p.jt} ${p.jf} ${p.k}\n`).join("");
    const ref = await run(`${dir}/bpf_image`, [], input);
    assert.ok(ref.ok);
    const want = ref.stdout.split("\n").slice(0, -1);
    const got = formatProgram(program, "d").split("\n").slice(0, -1);
    assert.equal(got.length, want.length);
    await t.step(`${got.length} instructions`, () => {
      for (let i = 0; i < got.length; i++) assert.equal(got[i], want[i], `instruction ${i}`);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("formatProgram() lists an empty program as nothing and refuses an unknown format", () => {
  assert.equal(formatProgram([], "d"), "");
  assert.equal(formatProgram([], "ddd"), "0\n");
  // @ts-expect-error: testing a wrong format at run time
  assert.throws(() => formatProgram([], "x"), TypeError);
});
