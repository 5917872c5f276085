// The printer with PrintNames against plain tcpdump (no -n) on the golden corpus and the
// captures: host names from the hosts file, TCP and UDP service names, IP protocol names, the
// " (oui ...)" maker of MAC addresses and "Broadcast", AppleTalk socket names, SNMP object
// names from tcpdump's compiled-in MIB and IPX SAP type names, as tcpdump 4.99.3 prints them. tcpdump runs in a network namespace of its own (`unshare -n`), so DNS cannot
// answer and only the hosts file names hosts, as PrintNames.load() reads it.
//
import assert from "node:assert/strict";
import { CASES } from "./_corpus.ts";
import { CAPTURES } from "./_captures.ts";
import { flagSets, mismatches, optionsOf, printPackets, splitPackets } from "./_golden.ts";
import { bytes, ether, pcapFile, u16, u32, udp4 } from "./_build.ts";
import { PacketPrinter, PrintNames } from "../../print/mod.ts";
import { PcapReader } from "../../pcap/mod.ts";

async function canUnshare(): Promise<boolean> {
  try {
    return (await new Deno.Command("unshare", {
      args: ["-n", "tcpdump", "--version"],
      stdout: "null",
      stderr: "null",
    }).output()).success;
  } catch {
    return false;
  }
}
const ready = await canUnshare();

async function tcpdump(file: string, flags: string[]): Promise<string[]> {
  const out = await new Deno.Command("unshare", {
    args: ["-n", "tcpdump", "-tt", "-r", file, ...flags],
    stdout: "piped",
    stderr: "null",
    env: { TZ: "UTC" },
  }).output();
  return splitPackets(new TextDecoder().decode(out.stdout));
}

Deno.test({
  name: "PrintNames: the golden corpus prints the names plain tcpdump prints",
  ignore: !ready,
  async fn() {
    const names = PrintNames.load();
    const bad: string[] = [];
    let packets = 0;
    for (const c of CASES) {
      const file = await Deno.makeTempFile({ suffix: ".pcap" });
      try {
        await Deno.writeFile(file, pcapFile(c.linkType, c.packets));
        // The first flag set, and -e where the case prints link headers.
        const sets = flagSets(c).filter((f, i) => i === 0 || (f.length === 1 && f[0] === "-e"));
        for (const flags of sets) {
          const want = await tcpdump(file, flags);
          const p = new PacketPrinter(c.linkType, { ...optionsOf(flags), names });
          const got = printPackets(p, c.packets);
          packets += got.length;
          mismatches(want, got, `${c.name} ${flags.join(" ")}`, bad);
        }
      } finally {
        await Deno.remove(file);
      }
    }
    assert.deepEqual(bad, [], `${bad.length} of ${packets} packets differ:\n${bad.join("\n")}`);
  },
});

Deno.test({
  name: "PrintNames: the captures print the names plain tcpdump prints, at -e and -v too",
  ignore: !ready,
  async fn() {
    const names = PrintNames.load();
    const bad: string[] = [];
    for (const name of CAPTURES) {
      const file = new URL(`../testdata/print/${name}.pcap`, import.meta.url).pathname;
      for (const flags of [[], ["-e"], ["-v"]]) {
        const want = await tcpdump(file, flags);
        await using reader = await PcapReader.open(file);
        const p = new PacketPrinter(reader.linkType, { ...optionsOf(flags), nano: false, names });
        const got: string[] = [];
        for await (const r of reader) got.push(p.format(r));
        mismatches(want, got, `${name} ${flags.join(" ")}`, bad);
      }
    }
    assert.deepEqual(bad, [], bad.join("\n"));
  },
});

Deno.test("PrintNames.parse: first line wins, comments and bad lines skipped, -N strips domains", () => {
  const names = PrintNames.parse({
    hosts: "# comment\n127.0.0.1 localhost.example.org loop\n127.0.0.1 other\n::1 ip6-localhost\n" +
      "fe80::1%eth0 zoned\n999.1.1.1 bad\n10.0.0.1\n2001:DB8:0:0::1 upper\n",
    services:
      "http 80/tcp www # web\nhttp-alt 80/tcp\ndomain 53/udp\nbogus 70000/udp\nsctpish 9/sctp\n",
    ethers: "00:11:22:33:44:55 printer\n0:1:2:3:4:5 short\nzz:11:22:33:44:55 bad\n",
  }, { stripDomain: true });
  assert.equal(names.host4(0x7f000001), "localhost");
  assert.equal(names.host4(0x0a000001), undefined);
  assert.equal(names.host6("::1"), "ip6-localhost");
  assert.equal(names.host6("fe80::1"), "zoned");
  assert.equal(names.host6("2001:db8::1"), "upper");
  assert.equal(names.tcpPort(80), "http");
  assert.equal(names.udpPort(53), "domain");
  assert.equal(names.udpPort(70000 & 0xffff), undefined);
  assert.equal(names.tcpPort(9), undefined);
  assert.equal(names.ether(0x001122334455), "printer");
  assert.equal(names.ether(0x000102030405), "short");
  assert.equal(names.ether(0xffffffffffff), "Broadcast");
  assert.equal(names.protocol(1), "icmp");
  assert.equal(names.protocol(253), "exptest-253");
  assert.equal(names.protocol(200), undefined);
  const full = PrintNames.parse({ hosts: "127.0.0.1 localhost.example.org\n" });
  assert.equal(full.host4(0x7f000001), "localhost.example.org");
});

Deno.test("PrintNames: a port found by search names what parsing the whole file names", () => {
  // The first lookups search the services text; later ones parse it whole. Both must take the
  // same line: the first whose second field is the port, with its leading zeros, not an alias,
  // a comment, a longer number or another protocol.
  const system = (() => {
    try {
      return Deno.readTextFileSync("/etc/services");
    } catch {
      return "";
    }
  })();
  const services = "# ssh 22/tcp in a comment\nalias-only 2222/tcp 22/tcp\nlong 1022/tcp\n" +
    "zeros 0023/tcp\nnot-here 24/tcpx\nhash 25/tcp#comment\n\tindented\t26/tcp\r\n" +
    "cr-only 27/udp\rafter-cr 28/udp\nlast 29/tcp" + "\n" + system;
  const reference = new Map<string, string>();
  for (const m of services.matchAll(/^[ \t]*([^\s#]+)[ \t]+(\d+)\/(tcp|udp)(?=[\s#]|$)/gm)) {
    const key = `${Number(m[2])}/${m[3]}`;
    if (Number(m[2]) <= 0xffff && !reference.has(key)) reference.set(key, m[1]!);
  }
  const ports = new Set([0, 22, 23, 24, 25, 26, 27, 28, 29, 1022, 2222, 65535]);
  for (const key of reference.keys()) {
    const port = Number(key.split("/")[0]);
    for (const p of [port - 1, port, port + 1]) if (p >= 0 && p <= 0xffff) ports.add(p);
  }
  const all = PrintNames.parse({ services }); // searched first, then parsed whole
  for (const port of ports) {
    for (const protocol of ["tcp", "udp"] as const) {
      const want = reference.get(`${port}/${protocol}`);
      const searched = PrintNames.parse({ services }); // a fresh table: always a search
      const lookup = (n: PrintNames) => protocol === "tcp" ? n.tcpPort(port) : n.udpPort(port);
      assert.equal(lookup(searched), want, `${port}/${protocol} by search`);
      assert.equal(lookup(all), want, `${port}/${protocol}`);
      assert.equal(lookup(all), want, `${port}/${protocol} again`);
    }
  }
  assert.equal(PrintNames.parse({ services }).tcpPort(70000), undefined);
});

Deno.test("PrintNames.load: files read when a lookup needs them, missing ones name nothing", () => {
  const dir = Deno.makeTempDirSync();
  try {
    Deno.writeTextFileSync(`${dir}/hosts`, "10.1.2.3 first\n");
    Deno.writeTextFileSync(`${dir}/services`, "svc 4242/udp\n");
    const names = PrintNames.load({
      files: { hosts: `${dir}/hosts`, services: `${dir}/services`, ethers: `${dir}/none` },
    });
    // Written after load(): read at the first lookup, not before.
    Deno.writeTextFileSync(`${dir}/hosts`, "10.1.2.3 later\n");
    assert.equal(names.host4(0x0a010203), "later");
    assert.equal(names.udpPort(4242), "svc");
    assert.equal(names.ether(0x001122334455), undefined);
    assert.equal(names.ether(0xffffffffffff), "Broadcast");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/** BER: a tag, its length (short or long form) and the value. */
function tlv(tag: number, value: Uint8Array): Uint8Array {
  const n = value.length;
  const len = n < 128 ? [n] : n < 256 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return bytes(tag, len, value);
}

/** An OID's BER value; `raw` bytes are appended as they are (odd encodings). */
function oidValue(ids: readonly number[], raw: number[] = []): Uint8Array {
  const out: number[] = [];
  const sub = (n: number) => {
    const b = [n & 0x7f];
    for (n = Math.floor(n / 128); n > 0; n = Math.floor(n / 128)) b.unshift(0x80 | (n & 0x7f));
    out.push(...b);
  };
  if (ids.length > 0) sub(ids[0]! * 40 + (ids[1] ?? 0));
  for (const id of ids.slice(2)) sub(id);
  return Uint8Array.from([...out, ...raw]);
}

Deno.test({
  name: "PrintNames: SNMP object names and shortened prefixes as plain tcpdump prints them",
  ignore: !ready,
  async fn() {
    // Every object of the tree and sub-identifiers around it, under each shortened prefix and
    // outside them, in GetRequests (names only), a GetResponse (OID values) and a v1 Trap
    // (enterprise); some OIDs end mid-sub-identifier or use a long form.
    const { mibRoot } = await import("../../print/_snmp_mib.ts");
    const paths: number[][] = [[1, 3], [2, 5, 1], [0, 0], [1, 3, 6, 1, 3], [1, 3, 6, 1, 2, 1]];
    const walk = (children: ReturnType<typeof mibRoot>, path: number[]) => {
      for (const [id, node] of children) {
        const here = [...path, id];
        paths.push(here, [...here, 0], [...here, 200, 1]);
        if (node.children) walk(node.children, here);
      }
    };
    walk(mibRoot(), []);
    paths.push([1, 3, 6, 1, 4, 1, 9, 9, 300, 1], [1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0]);
    const oids = paths.filter((p) => p.length >= 2).map((p) => oidValue(p));
    oids.push(oidValue([1, 3, 6, 1, 2, 1, 1], [0x81]), oidValue([1, 3], [0x80, 0x86, 0x01]));
    const message = (pdu: Uint8Array, community = "public") =>
      tlv(0x30, bytes(tlv(2, Uint8Array.of(0)), tlv(4, new TextEncoder().encode(community)), pdu));
    const request = (tag: number, values: Uint8Array[], value: (i: number) => Uint8Array) =>
      tlv(
        tag,
        bytes(
          tlv(2, Uint8Array.of(7)),
          tlv(2, Uint8Array.of(0)),
          tlv(2, Uint8Array.of(0)),
          tlv(0x30, bytes(...values.map((o, i) => tlv(0x30, bytes(tlv(6, o), value(i)))))),
        ),
      );
    const frames: Uint8Array[] = [];
    for (let i = 0; i < oids.length; i += 40) {
      const some = oids.slice(i, i + 40);
      frames.push(request(0xa0, some, () => Uint8Array.of(5, 0)));
      frames.push(request(0xa2, some.slice(0, 8), (k) => tlv(6, some[(k + 3) % some.length]!)));
    }
    const trap = tlv(
      0xa4,
      bytes(
        tlv(6, oidValue([1, 3, 6, 1, 4, 1, 2021, 250, 10])),
        tlv(0x40, Uint8Array.of(10, 0, 0, 1)),
        tlv(2, Uint8Array.of(6)),
        tlv(2, Uint8Array.of(1)),
        tlv(0x43, Uint8Array.of(1, 0)),
        tlv(0x30, new Uint8Array(0)),
      ),
    );
    frames.push(trap);
    const packets = frames.map((pdu, i) => ({
      data: ether(
        0x0800,
        udp4("10.9.0.1", "10.9.0.2", 40000 + i, i === frames.length - 1 ? 162 : 161, message(pdu)),
        "02:00:00:00:00:02",
        "02:00:00:00:00:01",
      ),
    }));
    const file = await Deno.makeTempFile({ suffix: ".pcap" });
    try {
      await Deno.writeFile(file, pcapFile(1, packets));
      const names = PrintNames.load();
      const bad: string[] = [];
      for (const flags of [[], ["-v"], ["-n"]]) {
        const want = await tcpdump(file, flags);
        const numeric = flags.includes("-n");
        const options = optionsOf(flags.filter((f) => f !== "-n"));
        const p = new PacketPrinter(1, { ...options, ...(numeric ? {} : { names }) });
        const got = printPackets(p, packets);
        mismatches(want, got, `snmp ${flags.join(" ")}`, bad);
      }
      assert.deepEqual(bad, [], bad.join("\n"));
      assert.ok(paths.length > 1000, `${paths.length} OIDs`);
    } finally {
      await Deno.remove(file);
    }
  },
});

Deno.test({
  name: "PrintNames: every IPX SAP service type as plain tcpdump names it",
  ignore: !ready,
  async fn() {
    // A SAP request of each of the 65536 types, and responses that name two services each.
    const ipx = (sap: Uint8Array) =>
      ether(
        0x8137,
        bytes(
          u16(0xffff),
          u16(30 + sap.length),
          0,
          4,
          u32(1),
          "ffffffffffff",
          u16(0x452),
          u32(1),
          "020000000001",
          u16(0x4000),
          sap,
        ),
        "ff:ff:ff:ff:ff:ff",
        "02:00:00:00:00:01",
      );
    const service = (type: number) =>
      bytes(u16(type), new Uint8Array(48).fill(0x41, 0, 3), u32(2), "020000000002", u16(1), u16(1));
    const packets: { data: Uint8Array }[] = [];
    for (let type = 0; type < 0x10000; type++) {
      packets.push({ data: ipx(bytes(u16(1), u16(type))) });
    }
    for (let type = 0; type < 0x1000; type += 2) {
      packets.push({ data: ipx(bytes(u16(2), service(type), service(type + 1))) });
    }
    const file = await Deno.makeTempFile({ suffix: ".pcap" });
    try {
      await Deno.writeFile(file, pcapFile(1, packets));
      const names = PrintNames.load();
      const bad: string[] = [];
      for (const numeric of [false, true]) {
        const want = await tcpdump(file, numeric ? ["-n"] : []);
        const p = new PacketPrinter(1, { timestamp: "epoch", ...(numeric ? {} : { names }) });
        const got = printPackets(p, packets);
        mismatches(want, got, `ipx sap${numeric ? " -n" : ""}`, bad);
      }
      assert.deepEqual(bad, [], bad.join("\n"));
    } finally {
      await Deno.remove(file);
    }
  },
});
