/**
 * Standard input and output: a child Deno writes `-w -` into `tcpdump -r -`, reads `-r -`
 * from a pipe, and a packet-buffered writer's packets reach the reader one by one.
 */
import assert from "node:assert/strict";
import { PcapReader } from "tpacket/pcap";
import { have } from "../../pcap/_testing.ts";

const CHILD = new URL("./_pipe_child.ts", import.meta.url).pathname;
const TCPDUMP = await have("tcpdump");

function child(args: string[], stdin: "piped" | "null" = "null") {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", "--allow-write", CHILD, ...args],
    stdin,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

/** Fails (and runs `onTimeout`) if `promise` takes longer than `ms`: a buffered packet would hang. */
async function within<T>(ms: number, promise: Promise<T>, onTimeout: () => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`no packet within ${ms} ms: the writer held it back`));
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const expectedLine = (i: number) =>
  `${1_700_000_000 + i}.${String(i * 1000 + 1).padStart(9, "0")} 60 ${
    "".padStart(120, i.toString(16).padStart(2, "0"))
  }`;

Deno.test({
  name: "PcapWriter.open('-') | tcpdump -r - shows every packet, pcap and pcapng",
  ignore: !TCPDUMP,
  fn: async () => {
    for (const format of ["pcap", "pcapng"]) {
      const writer = child(["write", "20", format]);
      const tcpdump = new Deno.Command("tcpdump", {
        args: ["-r", "-", "-nn", "-tt", "--time-stamp-precision=nano"],
        stdin: "piped",
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      await writer.stdout.pipeTo(tcpdump.stdin);
      const [w, t] = await Promise.all([writer.output(), tcpdump.output()]);
      assert.ok(w.success, new TextDecoder().decode(w.stderr));
      const lines = new TextDecoder().decode(t.stdout).trim().split("\n").filter((l) =>
        !l.startsWith("\t")
      );
      assert.equal(lines.length, 20, format);
      lines.forEach((line, i) =>
        assert.ok(
          line.startsWith(`${1_700_000_000 + i}.${String(i * 1000 + 1).padStart(9, "0")} `),
          line,
        )
      );
      assert.match(new TextDecoder().decode(t.stderr), /reading from file -, link-type EN10MB/);
    }
  },
});

Deno.test("PcapReader.open('-') reads a capture piped to stdin, and names '-' when it is cut", async () => {
  // The writer child produces the capture; its output is fed to the reader child.
  const writer = child(["write", "5", "pcapng"]);
  const bytes = (await writer.output()).stdout;
  for (
    const [input, lines, error] of [
      [bytes, 5, ""],
      [
        bytes.subarray(0, bytes.length - 10),
        4,
        `Cannot read "-": truncated block of type 0x00000006 (`,
      ],
    ] as const
  ) {
    const reader = child(["read"], "piped");
    const w = reader.stdin.getWriter();
    await w.write(input);
    await w.close();
    const out = await reader.output();
    const text = new TextDecoder().decode(out.stdout).trim().split("\n");
    assert.deepEqual(text, Array.from({ length: lines }, (_, i) => expectedLine(i)));
    assert.equal(out.success, error === "");
    const stderr = new TextDecoder().decode(out.stderr);
    if (error) {
      assert.ok(stderr.startsWith(error), stderr);
      assert.equal(stderr.trim().split("\n").length, 1); // one line, no stack trace
    }
  }
});

Deno.test("packet-buffered -w - delivers each packet before the next is written", async () => {
  const writer = child(["write", "3", "pcap", "step"], "piped");
  const ask = writer.stdin.getWriter();
  await ask.write(new TextEncoder().encode("go\n"));
  const reader = await PcapReader.from(writer.stdout);
  for (let i = 0; i < 3; i++) {
    // The child writes packet i only after this line, and packet i + 1 only after the next.
    const record = await within(10_000, reader.read(), () => writer.kill());
    assert.equal(record?.sec, 1_700_000_000 + i);
    if (i < 2) await ask.write(new TextEncoder().encode("go\n"));
  }
  await ask.close();
  assert.equal(await reader.read(), undefined);
  assert.ok((await writer.status).success);
  await writer.stderr.cancel();
});
