// TCP MD5 signatures (RFC 2385) and `-M`: real signed connections over loopback (the kernel signs
// them, TCP_MD5SIG set from python3), captured by tcpdump, then printed by PacketPrinter and by
// tcpdump with the right secret, a wrong one, none, and cut short. Needs root, tcpdump and python3;
// without them the live test is skipped with one line.

import assert from "node:assert/strict";
import { PcapReader, type PcapRecord, PcapWriter } from "tpacket/pcap";
import { PacketPrinter, type PrintOptions } from "../../print/mod.ts";
import { md5 } from "../../print/_md5.ts";

const text = (s: string) => new TextEncoder().encode(s);

Deno.test("md5() gives RFC 1321's test digests, whatever the pieces", () => {
  const vectors: [string, string][] = [
    ["", "d41d8cd98f00b204e9800998ecf8427e"],
    ["a", "0cc175b9c0f1b6a831c399e269772661"],
    ["abc", "900150983cd24fb0d6963f7d28e17f72"],
    ["message digest", "f96b697d7cb7938d525a2f31aaf161d0"],
    ["abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"],
    [
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
      "d174ab98d277d9f5a5611c2c9f419d9f",
    ],
    ["1234567890".repeat(8), "57edf4a22be3c955ac49da2e2107b67a"],
  ];
  for (const [message, digest] of vectors) {
    assert.equal(md5([text(message)]).toHex(), digest, JSON.stringify(message));
    const cut = Math.floor(message.length / 3);
    assert.equal(
      md5([text(message.slice(0, cut)), new Uint8Array(0), text(message.slice(cut))]).toHex(),
      digest,
    );
  }
});

async function succeeds(cmd: string, args: string[]): Promise<boolean> {
  try {
    return (await new Deno.Command(cmd, { args, stdout: "null", stderr: "null" }).output()).success;
  } catch {
    return false;
  }
}

const root = Deno.uid() === 0;
const ready = root && await succeeds("tcpdump", ["--version"]) &&
  await succeeds("python3", ["--version"]);

/** One signed connection to itself: handshake, data both ways, close. */
const CONNECT = `
import socket, struct, sys
fam = socket.AF_INET6 if sys.argv[1] == "6" else socket.AF_INET
host = "::1" if fam == socket.AF_INET6 else "127.0.0.1"
port, key = int(sys.argv[2]), sys.argv[3].encode()
def sig():
    if fam == socket.AF_INET:
        ss = struct.pack("=H", fam) + struct.pack("!H", 0) + socket.inet_pton(fam, host)
    else:
        ss = struct.pack("=H", fam) + struct.pack("!HI", 0, 0) + socket.inet_pton(fam, host)
    return ss.ljust(128, b"\\0") + struct.pack("=BBHI", 0, 0, len(key), 0) + key.ljust(80, b"\\0")
srv = socket.socket(fam, socket.SOCK_STREAM)
srv.setsockopt(socket.IPPROTO_TCP, 14, sig())  # TCP_MD5SIG
srv.bind((host, port)); srv.listen(1); srv.settimeout(5)
cli = socket.socket(fam, socket.SOCK_STREAM)
cli.setsockopt(socket.IPPROTO_TCP, 14, sig()); cli.settimeout(5)
cli.connect((host, port))
conn, _ = srv.accept(); conn.settimeout(5)
cli.sendall(b"signed payload, " * 8); conn.recv(4096)
conn.sendall(b"reply"); cli.recv(100)
cli.close(); conn.recv(10); conn.close(); srv.close()
`;

/** tcpdump's text of `path` with `args`, one line per packet (-tt -n: no clock, no names). */
async function tcpdumpText(path: string, args: string[]): Promise<string[]> {
  const out = await new Deno.Command("tcpdump", {
    args: ["-r", path, "-tt", "-n", ...args],
    stdout: "piped",
    stderr: "null",
  }).output();
  return new TextDecoder().decode(out.stdout).split("\n").filter((l) => l !== "");
}

Deno.test({
  name: "PacketPrinter checks TCP MD5 signatures (-M) as tcpdump does, IPv4 and IPv6",
  ignore: !ready,
  fn: async () => {
    const tmp = await Deno.makeTempDir({ prefix: "tpacket-md5-" });
    const port = 20000 + Math.floor(Math.random() * 20000);
    const pcap = `${tmp}/md5.pcap`;
    try {
      await Deno.writeTextFile(`${tmp}/connect.py`, CONNECT);
      const cap = new Deno.Command("tcpdump", {
        args: [
          "-i",
          "lo",
          "--immediate-mode",
          "-U",
          "-w",
          pcap,
          "-Z",
          "root",
          `tcp port ${port} or tcp port ${port + 1}`,
        ],
        stdout: "null",
        stderr: "piped",
      }).spawn();
      // tcpdump says "listening on" once its filter is in place.
      const reader = cap.stderr.pipeThrough(new TextDecoderStream()).getReader();
      let said = "";
      const deadline = Date.now() + 10_000;
      while (!said.includes("listening on") && Date.now() < deadline) {
        const { value, done } = await reader.read();
        if (done) break;
        said += value;
      }
      try {
        assert.match(said, /listening on/);
        for (const [family, p] of [["4", port], ["6", port + 1]] as const) {
          const r = await new Deno.Command("timeout", {
            args: ["10", "python3", `${tmp}/connect.py`, family, String(p), "s3cret"],
            stdout: "null",
            stderr: "piped",
          }).output();
          assert.ok(r.success, new TextDecoder().decode(r.stderr));
        }
        await new Promise((r) => setTimeout(r, 300));
      } finally {
        cap.kill("SIGINT");
        void reader.cancel().catch(() => {});
        await cap.status;
      }
      // The same records cut to 90 bytes: the payloads no longer fit ("snaplen too short").
      const records: PcapRecord[] = [];
      const file = await Deno.open(pcap);
      for await (const r of await PcapReader.from(file.readable)) {
        records.push({ ...r, data: r.data.slice() });
      }
      assert.ok(records.length >= 16, `${records.length} packets captured`);
      const cut = `${tmp}/cut.pcap`;
      const out = await Deno.open(cut, { write: true, create: true, truncate: true });
      const writer = new PcapWriter(out.writable, { linkType: 1, snapLen: 90 });
      for (const r of records) await writer.write({ ...r, data: r.data.subarray(0, 90) });
      await writer.close();

      const cases: [string, string[], PrintOptions][] = [
        [pcap, ["-M", "s3cret"], { md5Secret: "s3cret" }],
        [pcap, ["-M", "wrong"], { md5Secret: "wrong" }],
        [pcap, [], {}],
        [pcap, ["-v", "-M", "s3cret"], { md5Secret: "s3cret", verbose: 1 }],
        [cut, ["-M", "s3cret"], { md5Secret: "s3cret" }],
      ];
      for (const [path, args, options] of cases) {
        const want = await tcpdumpText(path, args);
        const printer = new PacketPrinter(1, { timestamp: "epoch", ...options });
        const got: string[] = [];
        const f = await Deno.open(path);
        for await (const r of await PcapReader.from(f.readable)) {
          got.push(...printer.format(r).split("\n"));
        }
        assert.deepEqual(
          got,
          want,
          `${path.endsWith("cut.pcap") ? "cut" : "whole"} ${args.join(" ")}`,
        );
      }
      // sniff -M, the command: the same lines as tcpdump -M.
      const sniff = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--allow-read",
          new URL("../../examples/sniff.ts", import.meta.url).pathname,
          "-r",
          pcap,
          "-tt",
          "-n",
          "-M",
          "s3cret",
        ],
        stdout: "piped",
        stderr: "null",
      }).output();
      assert.deepEqual(
        new TextDecoder().decode(sniff.stdout).split("\n").filter((l) => l !== ""),
        await tcpdumpText(pcap, ["-M", "s3cret"]),
        "sniff -M",
      );
      // Both verdicts and both families were really seen.
      const valid = (await tcpdumpText(pcap, ["-M", "s3cret"])).join("\n");
      assert.match(valid, /IP 127\.0\.0\.1\.\d+ > .*md5 valid/);
      assert.match(valid, /IP6 ::1\.\d+ > .*md5 valid/);
      assert.match((await tcpdumpText(pcap, ["-M", "wrong"])).join("\n"), /md5 {2}\(invalid\)/);
      assert.match((await tcpdumpText(cut, ["-M", "s3cret"])).join("\n"), /snaplen too short/);
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  },
});
