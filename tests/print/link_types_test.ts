// The IP packets of eth.pcap re-framed for the other link types the printer reads (raw IP,
// raw IPv4/IPv6, BSD loopback in host and network byte order), printed by PacketPrinter and
// by tcpdump with -e, -x and -v. Needs tcpdump: without it the test is skipped with one line.

import assert from "node:assert/strict";
import { LINKTYPE } from "tpacket";
import { PcapReader, type PcapRecord, PcapWriter } from "tpacket/pcap";
import { PacketPrinter, type PrintOptions } from "../../print/mod.ts";

let live = false;
try {
  live = (await new Deno.Command("tcpdump", { args: ["--version"], stdout: "null", stderr: "null" })
    .output())
    .success;
} catch { /* absent */ }
if (!live) {
  console.log(
    "tcpdump absent: skipping the link-type comparison (it needs tcpdump to read the files)",
  );
}

const FLAG_SETS: [string[], PrintOptions][] = [
  [["-tt"], { timestamp: "epoch" }],
  [["-tt", "-e"], { timestamp: "epoch", link: true }],
  [["-tt", "-x"], { timestamp: "epoch", hex: "x" }],
  [["-tt", "-v"], { timestamp: "epoch", verbose: 1 }],
];

function reframe(r: PcapRecord, linkType: number): PcapRecord | undefined {
  const type = (r.data[12]! << 8) | r.data[13]!;
  if (type !== 0x0800 && type !== 0x86dd) return undefined;
  const ip = r.data.subarray(14);
  const v4 = type === 0x0800;
  let head = new Uint8Array(0);
  if (linkType === LINKTYPE.IPV4 && !v4 || linkType === LINKTYPE.IPV6 && v4) return undefined;
  if (linkType === LINKTYPE.NULL) head = new Uint8Array([v4 ? 2 : 30, 0, 0, 0]); // host order (little-endian here)
  if (linkType === LINKTYPE.LOOP) head = new Uint8Array([0, 0, 0, v4 ? 2 : 24]);
  const data = new Uint8Array(head.length + ip.length);
  data.set(head), data.set(ip, head.length);
  return { ...r, data, wireLen: r.wireLen - 14 + head.length, linkType };
}

for (
  const [name, linkType] of Object.entries({ RAW: 101, IPV4: 228, IPV6: 229, NULL: 0, LOOP: 108 })
) {
  Deno.test({
    name: `PacketPrinter matches tcpdump on LINKTYPE_${name} frames`,
    ignore: !live,
    fn: async () => {
      const file = await Deno.open(new URL("../testdata/print/eth.pcap", import.meta.url));
      const records: PcapRecord[] = [];
      for await (const r of await PcapReader.from(file.readable)) {
        const x = reframe({ ...r, data: r.data.slice() }, linkType);
        if (x) records.push(x);
      }
      const tmp = await Deno.makeTempFile({ suffix: ".pcap" });
      try {
        const out = await Deno.open(tmp, { write: true, truncate: true });
        const writer = new PcapWriter(out.writable, { linkType });
        for (const r of records) await writer.write(r);
        await writer.close();
        for (const [flags, options] of FLAG_SETS) {
          const res = await new Deno.Command("tcpdump", {
            args: ["-n", "-r", tmp, ...flags],
            stdout: "piped",
            stderr: "null",
          })
            .output();
          const printer = new PacketPrinter(linkType, options);
          const ours = records.map((r) => printer.format(r)).join("\n") + "\n";
          assert.equal(ours, new TextDecoder().decode(res.stdout), `${name} ${flags.join(" ")}`);
        }
      } finally {
        await Deno.remove(tmp);
      }
    },
  });
}
