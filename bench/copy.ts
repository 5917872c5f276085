/**
 * The library-level file copier of the file benchmark: reads a capture file with `PcapReader`
 * and writes every record with `PcapWriter`, like `tcpdump -r IN -w OUT`.
 *
 * ```sh
 * deno run --allow-read --allow-write bench/copy.ts in.pcap out.pcap
 * ```
 *
 * @module
 */
import { PcapReader, PcapWriter } from "../pcap/mod.ts";

const [input, output, ...rest] = Deno.args;
if (!input || !output || rest.length > 0) {
  console.error("copy: Cannot start: usage is copy.ts IN OUT");
  Deno.exit(1);
}
try {
  const reader = await PcapReader.open(input);
  const writer = await PcapWriter.open(output, {
    linkType: reader.linkType,
    snapLen: reader.snapLen,
    nanoseconds: reader.nanoseconds,
  });
  for await (const record of reader) {
    // write() returns a promise only when its buffer is handed over: await just those.
    const pending = writer.write(record);
    if (pending) await pending;
  }
  await writer.close();
} catch (e) {
  console.error(`copy: ${e instanceof Error ? e.message : e}`);
  Deno.exit(1);
}
