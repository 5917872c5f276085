// The default timestamp keeps the last second's "HH:MM:SS." (printer.ts): a new second, an
// hour boundary and a step back in time must still print the local clock of each packet.

import assert from "node:assert/strict";
import { PacketPrinter } from "./mod.ts";

// who-has 10.99.0.2 tell 10.99.0.1 (the PacketPrinter example's frame)
const ARP = Uint8Array.fromHex(
  "ffffffffffffaae57fafdb1408060001080006040001aae57fafdb140a6300010000000000000a630002",
);

/** The local clock tcpdump prints for `sec`, computed without any cache. */
function clock(sec: number, usec: number): string {
  const d = new Date(sec * 1000);
  const p2 = (n: number) => String(n).padStart(2, "0");
  return `${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}.${
    String(usec).padStart(6, "0")
  }`;
}

Deno.test("PacketPrinter's default timestamp follows every second, forwards and back", () => {
  const p = new PacketPrinter(1);
  const times: [number, number][] = [
    [1700000000, 1],
    [1700000000, 999999],
    [1700000001, 0],
    [1700003599, 5],
    [1700003600, 5],
    [1699999999, 7],
    [1700000000, 42],
    [0, 0],
  ];
  for (const [sec, usec] of times) {
    const line = p.format({ data: ARP, wireLen: ARP.length, sec, nsec: usec * 1000 });
    assert.equal(line.slice(0, 15), clock(sec, usec), `sec ${sec}`);
  }
});

Deno.test("PacketPrinter's -tt and -tttt timestamps follow every second, forwards and back", () => {
  const epoch = new PacketPrinter(1, { timestamp: "epoch" });
  const date = new PacketPrinter(1, { timestamp: "date", nano: true });
  const times: [number, number][] = [
    [1700000000, 1],
    [1700000000, 999999],
    [1700000001, 0],
    [1700086400, 5],
    [1699999999, 7],
    [1700000000, 42],
    [0, 0],
    [2147483647, 999999],
  ];
  const p2 = (n: number) => String(n).padStart(2, "0");
  for (const [sec, usec] of times) {
    const rec = { data: ARP, wireLen: ARP.length, sec, nsec: usec * 1000 };
    assert.equal(epoch.format(rec).split(" ")[0], `${sec}.${String(usec).padStart(6, "0")}`);
    const d = new Date(sec * 1000);
    assert.equal(
      date.format(rec).slice(0, 29),
      `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())} ${clock(sec, 0).slice(0, 9)}${
        String(usec * 1000).padStart(9, "0")
      }`,
      `sec ${sec}`,
    );
  }
});
