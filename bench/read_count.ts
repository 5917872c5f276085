/**
 * The library-level file reader of the file benchmark: counts the records of a pcap or pcapng
 * file with `PcapReader` and prints `N packets`, like `tcpdump -r FILE --count`.
 *
 * ```sh
 * deno run --allow-read bench/read_count.ts capture.pcap
 * ```
 *
 * @module
 */
import { PcapReader } from "../pcap/mod.ts";

const [path, ...rest] = Deno.args;
if (!path || rest.length > 0) {
  console.error("read_count: Cannot start: usage is read_count.ts FILE");
  Deno.exit(1);
}
let count = 0;
try {
  const reader = await PcapReader.open(path);
  // forEach() is the reader's fastest path: records are handed over without an await each.
  count = await reader.forEach(() => {});
} catch (e) {
  console.error(`read_count: ${e instanceof Error ? e.message : e}`);
  Deno.exit(1);
}
console.log(`${count} packets`);
