/**
 * Interoperability with the reference tools, on files made here: tcpdump and tshark read
 * what PcapWriter writes (pcap µs/ns, pcapng, big-endian files built by hand), and
 * PcapReader reads what they write; tcpdump's -C/-W rotation is matched byte for byte.
 * Each part skips with one line when its tool is absent.
 */
import assert from "node:assert/strict";
import {
  type PcapRecord,
  PcapWriter,
  type PcapWriteRecord,
  type PcapWriterOptions,
  RotatingPcapWriter,
} from "tpacket/pcap";
import {
  concat,
  have,
  pcapHeader,
  pcapRecord,
  readAll,
  rng,
  run,
  tcpdumpView,
  tsharkView,
} from "../../pcap/_testing.ts";

const TCPDUMP = await have("tcpdump");
const TSHARK = await have("tshark");
// tcpdump drops root privileges to its own user before writing unless told -Z root.
const AS_ROOT = Deno.uid() === 0 ? ["-Z", "root"] : [];

/** Ethernet/IPv4/UDP frames with random addresses, ports and payloads. */
function frames(count: number, seed: number): PcapWriteRecord[] {
  const random = rng(seed);
  const out: PcapWriteRecord[] = [];
  for (let i = 0; i < count; i++) {
    const payload = Math.floor(random() * 1400);
    const data = new Uint8Array(14 + 20 + 8 + payload);
    for (let j = 0; j < data.length; j++) data[j] = random() * 256;
    const dv = new DataView(data.buffer);
    dv.setUint16(12, 0x0800);
    data[14] = 0x45;
    dv.setUint16(16, 28 + payload);
    data[23] = 17;
    dv.setUint16(38, 8 + payload);
    const wireLen = data.length + (i % 5 === 0 ? 100 : 0); // some records look cut by a snaplen
    out.push({ data, wireLen, sec: 1_600_000_000 + i * 37, nsec: Math.floor(random() * 1e9) });
  }
  // tcpdump prints "[Error converting time]" past 2^31 - 1 seconds; PcapReader tests cover 2^32 - 1.
  out.push({ data: new Uint8Array(60), wireLen: 60, sec: 0x7fffffff, nsec: 999_999_999 });
  return out;
}

async function writeFile(path: string, records: PcapWriteRecord[], options: PcapWriterOptions) {
  const writer = await PcapWriter.open(path, options);
  for (const r of records) await writer.write(r);
  await writer.close();
}

const ts = (sec: number, nsec: number) => `${sec}.${String(nsec).padStart(9, "0")}`;
const hex = (b: Uint8Array) => b.toHex();

function ourView(records: readonly PcapWriteRecord[], nano: boolean, snapLen = 262144): string[] {
  return records.map((r) =>
    `${ts(r.sec, nano ? r.nsec : Math.floor(r.nsec / 1000) * 1000)} ${
      hex(r.data.subarray(0, snapLen))
    }`
  );
}

const tmp = await Deno.makeTempDir({ prefix: "tpacket-pcap-" });
const at = (name: string) => `${tmp}/${name}`;
const records = frames(120, 7);

Deno.test({
  name: "tcpdump -r shows what PcapWriter wrote: pcap µs, pcap ns, pcapng µs and ns, snaplen cuts",
  ignore: !TCPDUMP,
  fn: async () => {
    for (const format of ["pcap", "pcapng"] as const) {
      for (const nanoseconds of [false, true]) {
        const path = at(`w-${format}-${nanoseconds}`);
        await writeFile(path, records, { format, nanoseconds, snapLen: 1000 });
        assert.deepEqual(
          await tcpdumpView(path),
          ourView(records, nanoseconds, 1000),
          `${format} ns=${nanoseconds}`,
        );
      }
    }
  },
});

Deno.test({
  name: "tcpdump -r reads big-endian pcap built by hand exactly as PcapReader does",
  ignore: !TCPDUMP,
  fn: async () => {
    for (const nano of [false, true]) {
      const file = concat(
        pcapHeader({
          le: false,
          magic: nano ? 0xa1b23c4d : 0xa1b2c3d4,
          snapLen: 65535,
          linkType: 1,
        }),
        ...records.map((r) =>
          pcapRecord(false, {
            sec: r.sec,
            frac: nano ? r.nsec : Math.floor(r.nsec / 1000),
            data: r.data,
            wireLen: r.wireLen,
          })
        ),
      );
      await Deno.writeFile(at("be.pcap"), file);
      const { records: ours, error } = await readAll(file);
      assert.equal(error, undefined);
      assert.deepEqual(await tcpdumpView(at("be.pcap")), ourView(ours, true));
      assert.deepEqual(ourView(ours, true), ourView(records, nano));
    }
  },
});

Deno.test({
  name: "PcapReader reads tcpdump -w output, and PcapWriter rewrites it byte for byte",
  ignore: !TCPDUMP,
  fn: async () => {
    await writeFile(at("src.pcapng"), records, {
      format: "pcapng",
      nanoseconds: true,
      snapLen: 65535,
    });
    for (const nano of [false, true]) {
      const out = at(`tcpdump-${nano}.pcap`);
      await run("tcpdump", [
        "-r",
        at("src.pcapng"),
        "-w",
        out,
        ...AS_ROOT,
        ...(nano ? ["--time-stamp-precision=nano"] : []),
      ]);
      const bytes = await Deno.readFile(out);
      const { records: back, error, reader } = await readAll(bytes);
      assert.equal(error, undefined);
      assert.equal(reader!.nanoseconds, nano);
      assert.deepEqual(ourView(back, true), ourView(records, nano));
      assert.deepEqual(back.map((r) => r.wireLen), records.map((r) => r.wireLen));
      const again = at("again.pcap");
      await writeFile(again, back, {
        nanoseconds: nano,
        snapLen: reader!.snapLen,
        linkType: reader!.linkType,
      });
      assert.deepEqual(await Deno.readFile(again), bytes);
    }
  },
});

Deno.test({
  name: "tshark reads PcapWriter's files, several interfaces and link types included",
  ignore: !TSHARK,
  fn: async () => {
    const mixed: PcapWriteRecord[] = records.slice(0, 30).map((r, i) => ({
      ...r,
      ifIndex: i % 3,
      linkType: i % 3 === 2 ? 101 : 1, // interface 2: raw IP
    }));
    await writeFile(at("mixed.pcapng"), mixed, { format: "pcapng", nanoseconds: true });
    const encap = (lt: number) => (lt === 1 ? "1" : "7"); // wiretap: WTAP_ENCAP_ETHERNET, WTAP_ENCAP_RAW_IP
    assert.deepEqual(
      await tsharkView(at("mixed.pcapng")),
      mixed.map((r) =>
        `${ts(r.sec, r.nsec)},${r.wireLen},${r.data.length},${r.ifIndex},${encap(r.linkType!)}`
      ),
    );
    await writeFile(at("us.pcap"), records, {});
    assert.deepEqual(
      await tsharkView(at("us.pcap")),
      records.map((r) =>
        `${ts(r.sec, Math.floor(r.nsec / 1000) * 1000)},${r.wireLen},${r.data.length},,1`
      ),
    );
  },
});

Deno.test({
  name:
    "PcapReader reads tshark's conversions: -F pcapng, -F pcap, -F nsecpcap, multi-interface pcapng",
  ignore: !TSHARK,
  fn: async () => {
    await writeFile(at("src-ns.pcap"), records, { nanoseconds: true });
    const expect = (nano: boolean) => ourView(records, nano);
    for (const [format, nano] of [["pcapng", true], ["pcap", false], ["nsecpcap", true]] as const) {
      const out = at(`tshark.${format}`);
      await run("tshark", ["-r", at("src-ns.pcap"), "-F", format, "-w", out]);
      const { records: back, error, reader } = await readAll(await Deno.readFile(out));
      assert.equal(error, undefined, format);
      assert.equal(reader!.format, format === "pcapng" ? "pcapng" : "pcap");
      assert.deepEqual(ourView(back, true), expect(nano), format);
      assert.deepEqual(back.map((r) => r.wireLen), records.map((r) => r.wireLen));
    }
    // Our multi-interface file through tshark (which rewrites SHB, IDBs and options).
    const mixed = records.slice(0, 20).map((r, i) => ({
      ...r,
      ifIndex: i % 2,
      linkType: i % 2 ? 101 : 1,
    }));
    await writeFile(at("mixed2.pcapng"), mixed, { format: "pcapng", nanoseconds: true });
    await run("tshark", [
      "-r",
      at("mixed2.pcapng"),
      "-F",
      "pcapng",
      "-w",
      at("mixed2-tshark.pcapng"),
    ]);
    const { records: back, error } = await readAll(await Deno.readFile(at("mixed2-tshark.pcapng")));
    assert.equal(error, undefined);
    assert.deepEqual(
      back.map((r: PcapRecord) => [r.ifIndex, r.linkType, ts(r.sec, r.nsec), hex(r.data)]),
      mixed.map((r) => [r.ifIndex, r.linkType, ts(r.sec, r.nsec), hex(r.data)]),
    );
  },
});

Deno.test({
  name: "RotatingPcapWriter -C 1 -W 2 makes the same files as tcpdump -r in -w out -C 1 -W 2",
  ignore: !TCPDUMP,
  fn: async () => {
    const many = frames(3000, 11).map((r) => ({ ...r, wireLen: r.data.length }));
    await writeFile(at("big.pcap"), many, { snapLen: 65535 });
    for (const fileCount of [undefined, 2]) {
      const dir = at(`rot-${fileCount}`);
      await Deno.mkdir(`${dir}/tcpdump`, { recursive: true });
      await Deno.mkdir(`${dir}/ours`);
      const w = fileCount ? ["-W", String(fileCount)] : [];
      await run("tcpdump", [
        "-r",
        at("big.pcap"),
        "-w",
        `${dir}/tcpdump/out`,
        "-C",
        "1",
        ...w,
        ...AS_ROOT,
      ]);
      const writer = await RotatingPcapWriter.open(`${dir}/ours/out`, {
        fileSize: 1_000_000,
        snapLen: 65535,
        ...(fileCount ? { fileCount } : {}),
      });
      for (const r of many) await writer.write(r);
      await writer.close();
      const names = async (d: string) =>
        (await Array.fromAsync(Deno.readDir(d))).map((e) => e.name).sort();
      const theirs = await names(`${dir}/tcpdump`);
      assert.ok(theirs.length >= 2);
      assert.deepEqual(await names(`${dir}/ours`), theirs);
      for (const name of theirs) {
        assert.deepEqual(
          await Deno.readFile(`${dir}/ours/${name}`),
          await Deno.readFile(`${dir}/tcpdump/${name}`),
          name,
        );
      }
    }
  },
});

Deno.test("interop: remove the temporary directory", async () => {
  if (!TCPDUMP) console.log("skipped the tcpdump comparisons: tcpdump is not installed");
  if (!TSHARK) console.log("skipped the tshark comparisons: tshark is not installed");
  await Deno.remove(tmp, { recursive: true });
});
