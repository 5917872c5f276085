// deno bench print/printer_bench.ts: cost of PacketPrinter.format() for common frames.
import { PacketPrinter } from "./mod.ts";

// A TCP SYN with mss, sackOK, TS and wscale options (tests/testdata/print/eth.pcap)
const SYN = Uint8Array.fromHex(
  "723fee0e9b06764d71abbeb108004500003c914c4000400694a70a6300010a630002d0261f409471" +
    "1b5200000000a002faf014f70000020405b40402080a1238bc7a000000000103030a723fee0e9b06764d71abbeb186dd60046ce400280640fd000099000000000000000000000001fd00009900000000000000000000000295521f4089a6afdb00000000a002fd20fb640000020405a00402080a5765f849000000000103030a",
);
// The same SYN over IPv6 (eth.pcap's next packet)
const SYN6 = Uint8Array.fromHex(
  "723fee0e9b06764d71abbeb186dd60046ce400280640fd000099000000000000000000000001fd0000990000" +
    "0000000000000000000295521f4089a6afdb00000000a002fd20fb640000020405a00402080a5765f84900" +
    "0000000103030a",
);
// A TCP segment with an ACK and 118 bytes of data (relative seq/ack: the connection lookup)
const ACK = Uint8Array.fromHex(
  "723fee0e9b06764d71abbeb10800450000aa914e4000400694370a6300010a630002d0261f4094711b53829b" +
    "077d8018003f156500000101080a1238bc7dbd56e020474554202f20485454502f312e310d0a4163636570" +
    "742d456e636f64696e673a206964656e746974790d0a486f73743a2031302e39392e302e323a383030300d" +
    "0a557365722d4167656e743a20507974686f6e2d75726c6c69622f332e31310d0a436f6e6e656374696f6e" +
    "3a20636c6f73650d0a0d0a",
);
// 12345+ A? example.com. (29) over UDP/IPv4
const DNS = Uint8Array.fromHex(
  "723fee0e9b06764d71abbeb108004500003940e440004011e5070a6300010a630002a31b00350025" +
    "14ff303901000001000000000000076578616d706c6503636f6d0000010001",
);
const rec = (data: Uint8Array) => ({
  data,
  wireLen: data.length,
  sec: 1700000000,
  nsec: 123456000,
});

const plain = new PacketPrinter(1);
const verbose = new PacketPrinter(1, { verbose: 2, link: true });
const hex = new PacketPrinter(1, { hex: "XX" });

Deno.bench("format() TCP SYN with options", { group: "format", baseline: true }, () => {
  plain.format(rec(SYN));
});
Deno.bench("format() DNS query", { group: "format" }, () => {
  plain.format(rec(DNS));
});
Deno.bench("format() TCP SYN over IPv6", { group: "format" }, () => {
  plain.format(rec(SYN6));
});
Deno.bench("format() TCP ACK with data", { group: "format" }, () => {
  plain.format(rec(ACK));
});
Deno.bench("format() TCP SYN, -vv -e (checksums)", { group: "format" }, () => {
  verbose.format(rec(SYN));
});
Deno.bench("format() TCP SYN, -XX", { group: "format" }, () => {
  hex.format(rec(SYN));
});
