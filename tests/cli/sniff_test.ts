/**
 * `examples/sniff.ts` end to end: each TESTLIST case runs `sniff -r` as a child process and its
 * standard output must equal tcpdump's for the same file and options (a live tcpdump when there
 * is one, else the stored `<name>.out` it produced). Then the things around printing: -d/-dd/-ddd,
 * -w round trips, --json, and the one-line errors.
 */
import assert from "node:assert/strict";
import { optionsAndFilter, readTestList, run, type TestCase, TESTDATA } from "./_testlist.ts";
import { PcapReader, PcapWriter } from "../../pcap/mod.ts";
import { NFS_CASES } from "../print/_corpus_nfs.ts";
import { pcapFile } from "../print/_build.ts";

const SNIFF = new URL("../../examples/sniff.ts", import.meta.url).pathname;
const haveTcpdump = await run("tcpdump", ["--version"]).then((r) => r.code === 0, () => false);
if (!haveTcpdump) console.log("tests/cli: tcpdump not found, comparing with the stored .out files");

/** Runs `cmd` with `stdin` on its standard input (or none), in UTC; its status and output. */
function runWith(cmd: string, args: string[], stdin?: Uint8Array) {
  const child = new Deno.Command(cmd, {
    args,
    env: { TZ: "UTC", NO_COLOR: "1" },
    stdin: stdin ? "piped" : "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin) {
    const writer = child.stdin.getWriter();
    writer.write(stdin).then(() => writer.close());
  }
  return child.output().then((out) => ({
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
  }));
}

function sniff(args: string[], stdin?: Uint8Array) {
  return runWith(
    Deno.execPath(),
    ["run", "--allow-read", "--allow-write", "--allow-ffi", SNIFF, ...args],
    stdin,
  );
}

function input(name: string): string {
  return new URL(name, TESTDATA).pathname;
}

/** Shows the first lines that differ, so a failure reads like a diff. */
function assertSameLines(actual: string, expected: string, label: string): void {
  if (actual === expected) return;
  const a = actual.split("\n");
  const e = expected.split("\n");
  const diffs: string[] = [];
  for (let i = 0; i < Math.max(a.length, e.length) && diffs.length < 12; i++) {
    if (a[i] !== e[i]) {
      diffs.push(`line ${i + 1}\n  tcpdump: ${e[i] ?? "<none>"}\n  sniff:   ${a[i] ?? "<none>"}`);
    }
  }
  assert.fail(`${label}: ${diffs.length} or more lines differ\n${diffs.join("\n")}`);
}

async function expected(testCase: TestCase): Promise<string> {
  if (!haveTcpdump) {
    return await Deno.readTextFile(new URL(`${testCase.name}.out`, import.meta.url));
  }
  const [options, filter] = optionsAndFilter(testCase.args);
  const out = await run("tcpdump", [
    ...options,
    "-r",
    input(testCase.input),
    ...(filter ? [filter] : []),
  ]);
  return out.stdout;
}

for (const testCase of await readTestList()) {
  Deno.test(`sniff ${testCase.args.join(" ")} -r ${testCase.input} prints what tcpdump prints (${testCase.name})`, async () => {
    const [options, filter] = optionsAndFilter(testCase.args);
    const out = await sniff([...options, "-r", input(testCase.input), ...(filter ? [filter] : [])]);
    assert.equal(out.code, 0, out.stderr);
    // tcpdump's stderr: the file line, and for LINUX_SLL2 its warning about interface names.
    const head = /^reading from file .*, link-type (\w+) \(.*\), snapshot length \d+\n/.exec(
      out.stderr,
    );
    assert.ok(head, out.stderr);
    const warning = head[1] === "LINUX_SLL2" ? "Warning: interface names might be incorrect\n" : "";
    assert.equal(out.stderr.slice(head[0].length), warning);
    assertSameLines(out.stdout, await expected(testCase), testCase.name);
  });
}

Deno.test({
  name: "sniff -d/-dd/-ddd print the program tcpdump prints, for each link type",
  ignore: !haveTcpdump,
}, async () => {
  const cases: [string[], string][] = [
    [["-d"], "tcp port 80 and host 10.0.0.1"],
    [["-dd"], "arp or (udp and port 53)"],
    [["-ddd"], "vlan 100 and icmp"],
    [["-d", "-y", "LINUX_SLL2"], "ip6 and tcp port 80"],
    [["-d"], "ip6 and tcp[tcpflags] & tcp-syn != 0"], // libpcap refuses tcp[] over IPv6
    [["-d", "-y", "RAW"], "net 10.0.0.0/8"],
    [["-d", "-s", "96"], "greater 100"],
    [["-O", "-d"], "tcp port 80 or udp port 53 or host 10.1.2.3"], // the optimizer off
    [["-O", "-ddd", "-y", "LINUX_SLL2"], "vlan 100 and (icmp or arp)"],
    // With -i the program is the live form for that interface (opening it needs root).
    ...(Deno.uid() === 0 ? [[["-d", "-i", "lo"], "udp port 53 or arp"] as [string[], string]] : []),
    ...(Deno.uid() === 0 ? [[["-d", "-i", "any"], "vlan 100"] as [string[], string]] : []),
  ];
  for (const [options, filter] of cases) {
    const ours = await sniff([...options, filter]);
    const theirs = await run("tcpdump", [...options, filter]);
    assert.equal(
      ours.code === 0,
      theirs.code === 0,
      `${filter}: ${ours.stderr} / ${theirs.stderr}`,
    );
    assert.equal(ours.stdout, theirs.stdout, `${options.join(" ")} ${filter}`);
  }
});

Deno.test("sniff -r in -w out keeps exactly the filtered packets, as tcpdump reads them back", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tpacket-cli-" });
  try {
    for (
      const [file, filter] of [["eth.pcap", "tcp or arp"], ["nano.pcap", "udp"], [
        "sll.pcap",
        "",
      ]] as const
    ) {
      const out = `${dir}/${file}`;
      // --nano: like tcpdump, sniff writes microseconds unless asked (nano.pcap keeps its ns).
      const r = await sniff(["--nano", "-r", input(file), "-w", out, ...(filter ? [filter] : [])]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, "");
      if (!haveTcpdump) continue;
      const ours = await run("tcpdump", ["-n", "--nano", "-r", out]);
      const theirs = await run("tcpdump", [
        "-n",
        "--nano",
        "-r",
        input(file),
        ...(filter ? [filter] : []),
      ]);
      assert.ok(theirs.stdout.length > 0);
      assertSameLines(ours.stdout, theirs.stdout, `${file} ${filter}`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "sniff -r in.pcapng -w out writes the pcap file tcpdump -w writes, byte for byte",
  ignore: !haveTcpdump,
}, async () => {
  const dir = await Deno.makeTempDir({ prefix: "tpacket-cli-" });
  try {
    for (const [file, nano] of [["eth.pcap", false], ["nano.pcap", true]] as const) {
      // The file as pcapng (nano.pcap's interface keeps nanosecond stamps).
      const ng = `${dir}/${file}ng`;
      await using reader = await PcapReader.open(input(file));
      const writer = await PcapWriter.open(ng, {
        format: "pcapng",
        linkType: reader.linkType,
        snapLen: reader.snapLen,
        nanoseconds: nano,
      });
      await reader.forEach((r) => void writer.write(r));
      await writer.close();
      for (const args of [[], ["tcp or arp"], ["--nano"], ["-c", "7", "udp"]]) {
        const ours = `${dir}/ours.pcap`, theirs = `${dir}/theirs.pcap`;
        const r = await sniff(["-r", ng, "-w", ours, ...args]);
        assert.equal(r.code, 0, r.stderr);
        const t = await run("tcpdump", [
          ...(Deno.uid() === 0 ? ["-Z", "root"] : []),
          ...["-r", ng, "-w", theirs, ...args],
        ]);
        assert.equal(t.code, 0, t.stderr);
        const want = await Deno.readFile(theirs);
        assert.ok(want.length > 24, `${file} ${args.join(" ")}: tcpdump wrote no packet`);
        assert.deepEqual(await Deno.readFile(ours), want, `${file} ${args.join(" ")}`);
      }
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sniff -r - reads standard input and -c stops after the count", async () => {
  const bytes = await Deno.readFile(input("eth.pcap"));
  const out = await sniff(["-n", "-c", "3", "-r", "-"], bytes);
  assert.equal(out.code, 0, out.stderr);
  assert.equal(out.stdout.trimEnd().split("\n").length, 3);
  assert.match(out.stderr, /^reading from file -, link-type EN10MB/);
});

Deno.test("sniff --json prints one object per packet with the decoded layers", async () => {
  const out = await sniff(["--json", "-r", input("eth.pcap"), "udp port 53"]);
  assert.equal(out.code, 0, out.stderr);
  const lines = out.stdout.trimEnd().split("\n");
  const text = await sniff(["-n", "-r", input("eth.pcap"), "udp port 53"]);
  assert.equal(lines.length, text.stdout.trimEnd().split("\n").length);
  for (const line of lines) {
    const packet = JSON.parse(line);
    assert.equal(typeof packet.sec, "number");
    assert.ok(packet.wireLen >= packet.capLen);
    const names = packet.layers.map((l: { layer: string }) => l.layer);
    assert.ok(names.includes("udp"), names.join(","));
  }
});

Deno.test("sniff reports user mistakes in one line with exit status 1", async () => {
  const cases: [string[], RegExp][] = [
    [["-r", input("eth.pcap"), "tcp prot 80"], /filter "tcp prot 80".*offset 4/],
    [["-r", "no-such-file.pcap"], /^sniff: no-such-file\.pcap: No such file or directory$/],
    // The system's words after the file's name, as tcpdump puts them.
    [["-r", TESTDATA.pathname], /^sniff: .*print\/: Is a directory$/],
    [
      ["-r", input("eth.pcap"), "-w", "no-such-dir/x.pcap"],
      /^sniff: no-such-dir\/x\.pcap: No such file/,
    ],
    [["-F", "no-such-filter", "-r", input("eth.pcap")], /^sniff: no-such-filter: No such file/],
    [["-j", "bogus", "-r", input("eth.pcap")], /^sniff: invalid time stamp type bogus$/],
    [["-d", "host example.invalid"], /not resolved|resolve/],
    [["-c", "many", "-r", input("eth.pcap")], /invalid packet count "many"/],
    [["-Z"], /unknown option "-Z"|option "-Z"/],
    [["-d", "-y", "NOPE", "tcp"], /unknown data link type "NOPE"/],
    [["-T", "bogus", "-r", input("eth.pcap")], /unknown packet type "bogus"/],
    [["-s", "-5", "-r", input("eth.pcap")], /invalid snapshot length "-5"/],
    [["-B", "0", "-r", input("eth.pcap")], /invalid buffer size "0"/],
    [["-C", "0", "-r", input("eth.pcap"), "-w", "/dev/null"], /invalid file size "0"/],
    // Checked before anything is read, whether the command uses them or not, as tcpdump does.
    [["-y", "NOPE", "-r", input("eth.pcap")], /unknown data link type "NOPE"/],
    [["-Q", "sideways", "-r", input("eth.pcap")], /invalid direction "sideways"/],
    [["-W", "0", "-C", "1", "-r", input("eth.pcap"), "-w", "/dev/null"], /invalid file count "0"/],
    [["-G", "-1", "-r", input("eth.pcap"), "-w", "/dev/null"], /invalid rotation interval "-1"/],
    [["--time-stamp-precision", "pico", "-r", input("eth.pcap")], /precision "pico"/],
    [["-V", input("eth.pcap"), "-r", input("eth.pcap")], /-V and -r are mutually exclusive/],
    [["-V", "no-such-list"], /Unable to open file list "no-such-list": No such file/],
  ];
  for (const [args, pattern] of cases) {
    const out = await sniff(args);
    assert.equal(out.code, 1, args.join(" "));
    const errors = out.stderr.split("\n").filter((line) => line.startsWith("sniff: "));
    assert.equal(errors.length, 1, out.stderr);
    assert.match(errors[0]!, pattern);
    assert.doesNotMatch(out.stderr, /\n\s+at /, "no stack trace");
    assert.doesNotMatch(out.stderr, /^reading from file/m, `${args.join(" ")}: nothing read`);
    assert.equal(out.stdout, "", args.join(" "));
  }
});

Deno.test({
  name: "sniff -V reads each listed file in turn, as tcpdump -V does",
  ignore: !haveTcpdump,
}, async () => {
  const dir = await Deno.makeTempDir({ prefix: "tpacket-cli-" });
  try {
    const eth = input("eth.pcap"), sll2 = input("sll2.pcap"), frr = input("frr.pcap");
    const write = (name: string, lines: string[]) =>
      Deno.writeTextFile(`${dir}/${name}`, lines.join("\n"));
    await write("mixed", [eth, sll2, frr, ""]); // two link types; a last newline
    await write("same", [eth, frr]); // no last newline
    await write("hole", [eth, "", frr, ""]); // an empty line names no file
    await write("empty", []);
    const both = async (args: string[], stdin?: string) => {
      const bytes = stdin === undefined ? undefined : new TextEncoder().encode(stdin);
      const ours = await sniff(args, bytes);
      const tcpdump = await runWith("tcpdump", args, bytes);
      const label = args.join(" ");
      assertSameLines(ours.stdout, tcpdump.stdout, label);
      // stderr line by line, the program's name aside ("reading from file" for each file).
      const lines = (t: string) =>
        t.split("\n").filter((l) => !/^(Usage|\t)/.test(l)).map((l) => l.replace(/^\w+: /, ""));
      assert.deepEqual(
        lines(ours.stderr),
        lines(tcpdump.stderr).map((l) => l.replace(/\.$/, "")),
        label,
      );
      assert.equal(ours.code, tcpdump.code, label);
    };
    await both(["-n", "-V", `${dir}/mixed`]);
    await both(["-n", "-e", "-V", `${dir}/mixed`, "udp or arp"]);
    await both(["-n", "-c", "2", "-V", `${dir}/same`]); // -c counts each file's packets
    await both(["--count", "-V", `${dir}/mixed`]);
    await both(["-n", "--count", "-V", `${dir}/same`, "tcp"]);
    await both(["-n", "-V", "-"], `${eth}\n${frr}\n`);
    await both(["-n", "-V", `${dir}/hole`]);
    await both(["-n", "-V", `${dir}/empty`]);
    // -w: one file from all, so every file must have the first one's link type; what came
    // before the one that does not is kept.
    for (const [list, status] of [["same", 0], ["mixed", 1]] as const) {
      const ours = await sniff(["-V", `${dir}/${list}`, "-w", `${dir}/ours.pcap`]);
      assert.equal(ours.code, status, ours.stderr);
      const theirs = await run("tcpdump", ["-V", `${dir}/${list}`, "-w", `${dir}/theirs.pcap`]);
      assert.equal(theirs.code, status);
      const oursRead = await run("tcpdump", ["-n", "-r", `${dir}/ours.pcap`]);
      if (status === 0) {
        const theirsRead = await run("tcpdump", ["-n", "-r", `${dir}/theirs.pcap`]);
        assertSameLines(oursRead.stdout, theirsRead.stdout, `-V ${list} -w`);
      } else {
        assert.match(ours.stderr, /sll2\.pcap: new dlt does not match original/);
        const ethOnly = await run("tcpdump", ["-n", "-r", eth]);
        assertSameLines(oursRead.stdout, ethOnly.stdout, `-V ${list} -w keeps the first file`);
      }
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "sniff --micro, --nano and --time-stamp-precision: the last one given wins, as in tcpdump",
  ignore: !haveTcpdump,
}, async () => {
  const file = input("nano.pcap");
  for (
    const flags of [
      ["--nano"],
      ["--micro"],
      ["--nano", "--micro"],
      ["--micro", "--nano"],
      ["--time-stamp-precision=nano", "--micro"],
      ["--micro", "--time-stamp-precision", "nano"],
    ]
  ) {
    const ours = await sniff(["-n", "-c", "3", ...flags, "-r", file]);
    const theirs = await run("tcpdump", ["-n", "-c", "3", ...flags, "-r", file]);
    assert.equal(ours.code, 0, ours.stderr);
    assertSameLines(ours.stdout, theirs.stdout, flags.join(" "));
  }
});

Deno.test("sniff -G 0 and -W alone write one plain file, as tcpdump does", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tpacket-cli-" });
  try {
    for (const flags of [["-G", "0"], ["-W", "3"]]) {
      const out = await sniff([...flags, "-r", input("eth.pcap"), "-w", `${dir}/one.pcap`]);
      assert.equal(out.code, 0, out.stderr);
      assert.deepEqual(await fileNames(dir), ["one.pcap"], flags.join(" "));
      assert.deepEqual(
        await Deno.readFile(`${dir}/one.pcap`),
        await Deno.readFile(input("eth.pcap")),
      );
      await Deno.remove(`${dir}/one.pcap`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "sniff -T carp -r prints CARP where tcpdump -T carp does (VRRP without -T)",
  ignore: !haveTcpdump,
}, async () => {
  const dir = await Deno.makeTempDir({ prefix: "tpacket-cli-" });
  try {
    // RAW IPv4 to 224.0.0.18, protocol 112: a CARP advertisement (vhid 7, advskew 100), then UDP
    const carp = "450000380001000040701ba40a000001e0000012" +
      "2107640701008e7b00000000000030390000000000000000000000000000000000000000";
    const udp = "4500002000010000401119950a000001e000001203e8003500" + "0c0000" + "61626364";
    const pcap = Uint8Array.fromHex(
      "d4c3b2a1020004000000000000000000ffff000065000000" +
        [carp, udp].map((p, i) => {
          const n = (p.length / 2).toString(16).padStart(2, "0");
          return `${(0x6553f100 + i).toString(16).match(/../g)!.reverse().join("")}00000000` +
            `${n}000000${n}000000${p}`;
        }).join(""),
    );
    await Deno.writeFile(`${dir}/carp.pcap`, pcap);
    for (const flags of [["-T", "carp"], ["-T", "CARP", "-v"], []]) {
      const ours = await sniff(["-n", "-tt", ...flags, "-r", `${dir}/carp.pcap`]);
      assert.equal(ours.code, 0, ours.stderr);
      const theirs = await run("tcpdump", ["-n", "-tt", ...flags, "-r", `${dir}/carp.pcap`]);
      assertSameLines(ours.stdout, theirs.stdout, flags.join(" ") || "(no -T)");
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sniff on a truncated file prints every whole packet, then the offset of the damage", async () => {
  const bytes = await Deno.readFile(input("eth.pcap"));
  const cut = bytes.subarray(0, bytes.length - 7);
  const dir = await Deno.makeTempDir({ prefix: "tpacket-cli-" });
  try {
    await Deno.writeFile(`${dir}/cut.pcap`, cut);
    const out = await sniff(["-n", "-r", `${dir}/cut.pcap`]);
    assert.equal(out.code, 1);
    const whole = await sniff(["-n", "-r", input("eth.pcap")]);
    const all = whole.stdout.trimEnd().split("\n");
    assert.equal(out.stdout, all.slice(0, -1).join("\n") + "\n");
    const last = out.stderr.trimEnd().split("\n").at(-1)!;
    assert.match(last, /cut\.pcap.*offset \d+/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name:
    "sniff --count counts as tcpdump does: the packets before the damage of a cut file, 1 packet",
  ignore: !haveTcpdump,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "tpacket-cli-" });
    try {
      // 3,000 records in pcap and in pcapng, each file cut inside its last ~half record.
      for (const format of ["pcap", "pcapng"] as const) {
        const chunks: Uint8Array<ArrayBuffer>[] = [];
        const writer = new PcapWriter(
          new WritableStream({ write: (c) => void chunks.push(c.slice()) }),
          { format },
        );
        for (let i = 0; i < 3000; i++) {
          writer.write({ data: new Uint8Array(60).fill(i & 0xff), wireLen: 60, sec: i, nsec: 0 });
        }
        await writer.close();
        const whole = new Uint8Array(await new Blob(chunks).arrayBuffer());
        const path = `${dir}/cut.${format}`;
        await Deno.writeFile(path, whole.subarray(0, whole.length - 37));
        for (const extra of [[], ["-c", "1"], ["-c", "2999"], ["ether[0] < 128"]]) {
          const ours = await sniff(["-r", path, "--count", ...extra]);
          const theirs = await run("tcpdump", ["-r", path, "--count", ...extra]);
          assert.equal(ours.stdout, theirs.stdout, `${format} ${extra.join(" ")}: ${ours.stderr}`);
          assert.equal(ours.code, theirs.code === 0 ? 0 : 1, `${format} ${extra.join(" ")}`);
        }
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "sniff without -n names hosts, ports and MAC makers as plain tcpdump does (-N too)",
  ignore: !haveTcpdump ||
    !(await run("unshare", ["-n", "true"]).then((r) => r.code === 0, () => false)),
  fn: async () => {
    // more.pcap has DNS (".domain"), ARP and -e's MAC addresses; tcpdump runs where DNS cannot
    // answer, so only the hosts file names hosts, as sniff reads it.
    const file = new URL("../testdata/print/more.pcap", import.meta.url).pathname;
    for (const flags of [[], ["-e"], ["-N"]]) {
      const ours = await sniff(["-r", file, ...flags]);
      const theirs = await run("unshare", ["-n", "tcpdump", "-r", file, ...flags]);
      assertSameLines(ours.stdout, theirs.stdout, `sniff -r more.pcap ${flags.join(" ")}`);
      assert.match(ours.stdout, /\.domain[: ]/);
    }
    assert.doesNotMatch((await sniff(["-n", "-r", file])).stdout, /\.domain[: ]/);
  },
});

/** Writes 2,500 records of 1,000 bytes (about 2.5 MB: -C 1 makes three files, -W 2 wraps names). */
async function rotationInput(dir: string): Promise<string> {
  const records = 2500, size = 1000;
  const file = new Uint8Array(24 + records * (16 + size));
  const dv = new DataView(file.buffer);
  file.set(Uint8Array.fromHex("d4c3b2a1020004000000000000000000ffff000001000000"));
  for (let i = 0, at = 24; i < records; i++, at += 16 + size) {
    dv.setUint32(at, 1_700_000_000 + i, true);
    dv.setUint32(at + 8, size, true);
    dv.setUint32(at + 12, size, true);
    file.fill(i & 0xff, at + 16, at + 16 + size);
  }
  await Deno.writeFile(`${dir}/in.pcap`, file);
  return `${dir}/in.pcap`;
}

async function fileNames(dir: string): Promise<string[]> {
  const found: string[] = [];
  for await (const e of Deno.readDir(dir)) found.push(e.name);
  return found.sort();
}

const ROTATE = ["-C", "1", "-W", "2"];

Deno.test("sniff -r -w -C 1 -W 2 rotates into two files, reusing the oldest name", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tpacket-cli-" });
  try {
    const ours = await sniff(["-r", await rotationInput(dir), "-w", `${dir}/out`, ...ROTATE]);
    assert.equal(ours.code, 0, ours.stderr);
    assert.deepEqual(await fileNames(dir), ["in.pcap", "out0", "out1"]);
    // Three files of ~1 MB were written; out0 was overwritten by the third, the smallest.
    const sizes = [(await Deno.stat(`${dir}/out0`)).size, (await Deno.stat(`${dir}/out1`)).size];
    assert.ok(sizes[1]! > 1_000_000 && sizes[0]! < sizes[1]!, `sizes ${sizes}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "sniff -z runs the command on each file -C closed to start the next, as tcpdump does",
  ignore: !haveTcpdump,
}, async () => {
  const dir = await Deno.makeTempDir({ prefix: "tpacket-cli-" });
  try {
    const input = await rotationInput(dir);
    const hook = `${dir}/hook.sh`;
    await Deno.writeTextFile(hook, `#!/bin/sh\necho "$(basename "$1")" >> "$(dirname "$1")/log"\n`);
    await Deno.chmod(hook, 0o755);
    await Deno.mkdir(`${dir}/ours`);
    await Deno.mkdir(`${dir}/theirs`);
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-R", "-W", `--allow-run=${hook}`, SNIFF, "-r", input, "-w", `${dir}/ours/out`]
        .concat(["-C", "1", "-z", hook]),
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    const theirs = await run("tcpdump", [
      ...(Deno.uid() === 0 ? ["-Z", "root"] : []),
      ...["-r", input, "-w", `${dir}/theirs/out`, "-C", "1", "-z", hook],
    ]);
    assert.equal(theirs.code, 0, theirs.stderr);
    // The commands run in the background: wait (bounded) for both logs to settle.
    const log = async (side: string) => {
      try {
        return (await Deno.readTextFile(`${dir}/${side}/log`)).split("\n").filter(Boolean).sort();
      } catch {
        return [];
      }
    };
    for (
      let i = 0;
      i < 50 && ((await log("theirs")).length < 2 || (await log("ours")).length < 2);
      i++
    ) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(await log("theirs"), ["out", "out1"]);
    assert.deepEqual(await log("ours"), await log("theirs"));
    // Without run permission for it: one line, before anything is written.
    const refused = await sniff(["-r", input, "-w", `${dir}/x`, "-C", "1", "-z", hook]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^sniff: Requires run access to ".*hook.sh" for -z/m);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "sniff -r -w -C -W rotates files with tcpdump's names and contents",
  ignore: !haveTcpdump,
}, async () => {
  const dir = await Deno.makeTempDir({ prefix: "tpacket-cli-" });
  try {
    const input = await rotationInput(dir);
    await Deno.mkdir(`${dir}/ours`);
    await Deno.mkdir(`${dir}/theirs`);
    const ours = await sniff(["-r", input, "-w", `${dir}/ours/out`, ...ROTATE]);
    assert.equal(ours.code, 0, ours.stderr);
    // tcpdump switches to its own user before writing unless told -Z root.
    const theirs = await run("tcpdump", [
      ...(Deno.uid() === 0 ? ["-Z", "root"] : []),
      ...["-r", input, "-w", `${dir}/theirs/out`, ...ROTATE],
    ]);
    assert.equal(theirs.code, 0, theirs.stderr);
    assert.deepEqual(await fileNames(`${dir}/ours`), await fileNames(`${dir}/theirs`));
    for (const name of await fileNames(`${dir}/theirs`)) {
      assert.deepEqual(
        await Deno.readFile(`${dir}/ours/${name}`),
        await Deno.readFile(`${dir}/theirs/${name}`),
        name,
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "sniff -D lists a namespace's devices as tcpdump -D does, carrier included",
  ignore: !haveTcpdump || Deno.uid() !== 0,
}, async () => {
  const sh = `set -e
ip link add tsd0 type veth peer name tsd1
ip link add tse0 type veth peer name tse1
ip link set tsd0 up; ip link set tsd1 up; ip link set tse0 up; ip link set lo up
echo "== sniff"; ${[Deno.execPath(), "run", "--allow-all", SNIFF, "-D"].join(" ")}
echo "== tcpdump"; tcpdump -D`;
  const r = await run("unshare", ["--net", "sh", "-c", sh]);
  assert.equal(r.code, 0, r.stderr);
  const [, ours = "", theirs = ""] = r.stdout.split(/^== .*$/m);
  // tcpdump also lists libpcap's other capture sources (bluetooth-monitor, nflog, dbus-…),
  // which sniff cannot open: the list without them, numbered again.
  const lines = (text: string, names: Set<string>) =>
    text.trim().split("\n").map((l) => l.replace(/^\d+\./, "")).filter((l) =>
      names.has(l.split(" ")[0]!)
    );
  const names = new Set(ours.trim().split("\n").map((l) => l.replace(/^\d+\./, "").split(" ")[0]!));
  assert.deepEqual(names, new Set(["tsd0", "tsd1", "tse0", "tse1", "any", "lo"]));
  assert.deepEqual(lines(ours, names), lines(theirs, names));
  // tse0 is up with its peer down: no carrier, as tcpdump says.
  assert.ok(lines(ours, names).includes("tse0 [Up, Disconnected]"), ours);
});

Deno.test({
  name: "sniff -J and -L list time stamp and link types as tcpdump -J and -L do, on stderr",
  ignore: !haveTcpdump || Deno.uid() !== 0, // -L opens the device
}, async () => {
  for (const flag of ["-J", "-L"]) {
    for (const device of ["lo", "any"]) {
      const ours = await sniff([flag, "-i", device]);
      assert.equal(ours.code, 0, ours.stderr);
      const theirs = await run("tcpdump", [flag, "-i", device]);
      assert.equal(ours.stdout, theirs.stdout, `${flag} -i ${device}: stdout`);
      assertSameLines(ours.stderr, theirs.stderr, `${flag} -i ${device}`);
    }
  }
  assert.match((await sniff(["-J", "-i", "lo"])).stderr, /^ {2}host \(Host\)$/m);
});

Deno.test({
  name: "sniff -I on a device that is not wireless says what tcpdump -I says",
  ignore: !haveTcpdump || Deno.uid() !== 0,
}, async () => {
  const ours = await sniff(["-I", "-i", "lo", "-c", "1"]);
  const theirs = await run("tcpdump", ["-I", "-i", "lo", "-c", "1"]);
  assert.equal(ours.code, 1);
  assert.equal(ours.code, theirs.code);
  assert.equal(ours.stderr.replace(/^sniff: /, ""), theirs.stderr.replace(/^tcpdump: /, ""));
});

Deno.test({
  name: "sniff -u prints NFS file handles undecoded, as tcpdump -u",
  ignore: !haveTcpdump,
}, async () => {
  const [nfs] = NFS_CASES;
  const bytes = pcapFile(nfs!.linkType, nfs!.packets);
  const dir = await Deno.makeTempDir({ prefix: "tpacket-cli-" });
  try {
    const file = `${dir}/nfs.pcap`;
    await Deno.writeFile(file, bytes);
    for (const flags of [["-u"], ["-u", "-vv"]]) {
      const ours = await sniff(["-r", file, "-n", ...flags]);
      const theirs = await run("tcpdump", ["-r", file, "-n", ...flags]);
      assert.equal(ours.code, 0, ours.stderr);
      assert.match(theirs.stdout, /fh\[[0-9a-f]+(:[0-9a-f]+)+\]/);
      assertSameLines(ours.stdout, theirs.stdout, `nfs ${flags.join(" ")}`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
