// PcapWriter.open() fills a handed-over buffer again once the file took it: many buffers' worth
// of distinct records must still come back byte for byte, in order.
import assert from "node:assert/strict";
import { PcapReader, PcapWriter } from "./mod.ts";

/** Record `i`: its length and every byte derive from `i`, so a reused buffer shows. */
function record(i: number): Uint8Array {
  const data = new Uint8Array(60 + (i % 1400));
  for (let k = 0; k < data.length; k++) data[k] = (i * 7 + k) & 0xff;
  return data;
}

for (const format of ["pcap", "pcapng"] as const) {
  Deno.test(`PcapWriter.open (${format}) reuses its buffers without corrupting records`, async () => {
    const path = await Deno.makeTempFile({ suffix: `.${format}` });
    try {
      const count = 12000; // ~8.7 MB: more than 8 buffers of 1 MiB
      {
        await using writer = await PcapWriter.open(path, { format });
        for (let i = 0; i < count; i++) {
          const data = record(i);
          const pending = writer.write({ data, wireLen: data.length + 4, sec: i, nsec: 1000 });
          // Some handovers are awaited, the rest left in flight while the next buffer fills.
          if (pending && i % 3 === 0) await pending;
        }
      }
      await using reader = await PcapReader.open(path);
      let i = 0;
      await reader.forEach((r) => {
        const want = record(i);
        assert.equal(r.sec, i);
        assert.equal(r.wireLen, want.length + 4);
        assert.deepEqual(r.data, want, `record ${i}`);
        i++;
      });
      assert.equal(i, count);
    } finally {
      await Deno.remove(path);
    }
  });
}
