/**
 * Child process for the stdin/stdout tests.
 *
 * `write <count> <format> [step]`: writes `count` packets to stdout (`-w -`), packet-buffered;
 * with `step`, waits for a line on stdin before each packet.
 * `read`: reads a capture from stdin (`-r -`) and prints `sec.nsec wireLen hex` per packet;
 * a damaged capture prints its one-line error on stderr and exits with 1.
 */
import { PcapFormatError, PcapReader, PcapWriter } from "tpacket/pcap";

const [mode, count, format, step] = Deno.args;
if (mode === "write") {
  const writer = await PcapWriter.open("-", {
    format: format === "pcapng" ? "pcapng" : "pcap",
    nanoseconds: true,
    packetBuffered: true,
  });
  const lines = step
    ? Deno.stdin.readable.pipeThrough(new TextDecoderStream()).getReader()
    : undefined;
  for (let i = 0; i < Number(count); i++) {
    if (lines) await lines.read();
    const data = new Uint8Array(60).fill(i);
    await writer.write({ data, wireLen: 60, sec: 1_700_000_000 + i, nsec: i * 1000 + 1 });
  }
  await writer.close();
} else if (mode === "read") {
  try {
    await using reader = await PcapReader.open("-");
    for await (const r of reader) {
      console.log(`${r.sec}.${String(r.nsec).padStart(9, "0")} ${r.wireLen} ${r.data.toHex()}`);
    }
  } catch (error) {
    if (!(error instanceof PcapFormatError)) throw error;
    console.error(error.message);
    Deno.exit(1);
  }
}
