// Run by tests/no_permissions_test.ts with no permission at all: decode, filter, pcap and print
// must load and work on bytes in memory without asking for any.
import { decodePacket } from "../../decode/mod.ts";
import { compileFilter, runFilter } from "../../filter/mod.ts";
import { PcapReader, PcapWriter } from "../../pcap/mod.ts";
import { PacketPrinter } from "../../print/mod.ts";
import { LINKTYPE } from "../../link_type.ts";

const syn = Uint8Array.fromHex(
  "45000028000040004006000001020304050607080400005000000001000000005002faf000000000",
);
const chunks: Uint8Array[] = [];
const writer = new PcapWriter(new WritableStream({ write: (c) => void chunks.push(c.slice()) }), {
  linkType: LINKTYPE.RAW,
});
await writer.write({ data: syn, wireLen: syn.length, sec: 1, nsec: 0 });
await writer.close();
const reader = await PcapReader.from(new Blob(chunks as BlobPart[]).stream());
const printer = new PacketPrinter(reader.linkType, { timestamp: "epoch" });
const program = compileFilter("tcp dst port 80", { linkType: LINKTYPE.RAW });
for await (const record of reader) {
  console.log(JSON.stringify({
    dstPort: decodePacket(reader.linkType, record.data).tcp?.dstPort,
    accepted: runFilter(program, record.data, record.wireLen) > 0,
    line: printer.format(record),
  }));
}
