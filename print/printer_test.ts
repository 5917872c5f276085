import assert from "node:assert/strict";
import { LINKTYPE } from "../link_type.ts";
import { PacketPrinter, type PrintOptions } from "./mod.ts";

// Frames below are from tests/testdata/print/eth.pcap (captured between two namespaces); the
// expected text is tcpdump 4.99.3's (`tcpdump -n -r eth.pcap <flags>`), pasted in.

// 20:19:07.861255 IP 10.99.0.1 > 10.99.0.2: ICMP echo request, id 16962, seq 1, length 64
// (tcpdump -n -xx: 0x0000:  2a33 ab27 efe3 aae5 7faf db14 0800 4500 ...)
const ECHO = Uint8Array.fromHex(
  "2a33ab27efe3aae57fafdb14080045000054813f40004001a4a10a6300010a6300020800bea942420001000102030405" +
    "060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637",
);

function rec(data: Uint8Array, sec = 1795292347, nsec = 861255000) {
  return { data, wireLen: data.length, sec, nsec };
}

Deno.test("PacketPrinter prints each timestamp style as tcpdump does", () => {
  const cases: [PrintOptions, string][] = [
    [{ timestamp: "epoch" }, "1795292347.861255 "],
    [{ timestamp: "epoch", nano: true }, "1795292347.861255000 "],
    [{ timestamp: "none" }, ""],
    [{ timestamp: "delta" }, " 00:00:00.000000 "],
    [{ timestamp: "since-first" }, " 00:00:00.000000 "],
  ];
  for (const [options, prefix] of cases) {
    const text = new PacketPrinter(LINKTYPE.ETHERNET, options).format(rec(ECHO));
    assert.ok(
      text.startsWith(prefix + "IP 10.99.0.1 > 10.99.0.2: ICMP echo request"),
      `${JSON.stringify(options)}: ${text}`,
    );
  }
});

Deno.test("PacketPrinter keeps the previous and the first timestamp for -ttt and -ttttt", () => {
  const delta = new PacketPrinter(LINKTYPE.ETHERNET, { timestamp: "delta" });
  const first = new PacketPrinter(LINKTYPE.ETHERNET, { timestamp: "since-first" });
  const times: [number, number][] = [[100, 900_000_000], [101, 100_000_000], [3701, 100_000_500], [
    3700,
    0,
  ]];
  const d = times.map(([s, ns]) => delta.format(rec(ECHO, s, ns)).slice(0, 17));
  const f = times.map(([s, ns]) => first.format(rec(ECHO, s, ns)).slice(0, 17));
  assert.deepEqual(d, [
    " 00:00:00.000000 ",
    " 00:00:00.200000 ",
    " 01:00:00.000000 ",
    "-00:00:01.100000 ",
  ]);
  assert.deepEqual(f, [
    " 00:00:00.000000 ",
    " 00:00:00.200000 ",
    " 01:00:00.200000 ",
    " 00:59:59.100000 ",
  ]);
});

Deno.test("PacketPrinter prints the link header with -e and hex dumps with -x/-xx", () => {
  const e = new PacketPrinter(LINKTYPE.ETHERNET, { timestamp: "none", link: true }).format(
    rec(ECHO),
  );
  assert.ok(
    e.startsWith(
      "aa:e5:7f:af:db:14 > 2a:33:ab:27:ef:e3, ethertype IPv4 (0x0800), length 98: 10.99.0.1 > 10.99.0.2:",
    ),
    e,
  );
  const x = new PacketPrinter(LINKTYPE.ETHERNET, { timestamp: "none", hex: "x" }).format(rec(ECHO))
    .split("\n");
  assert.equal(x[1], "\t0x0000:  4500 0054 813f 4000 4001 a4a1 0a63 0001");
  const xx = new PacketPrinter(LINKTYPE.ETHERNET, { timestamp: "none", hex: "xx" }).format(
    rec(ECHO),
  ).split("\n");
  assert.equal(xx[1], "\t0x0000:  2a33 ab27 efe3 aae5 7faf db14 0800 4500");
  assert.equal(xx.length, 1 + Math.ceil(ECHO.length / 16));
});

Deno.test("PacketPrinter marks a cut packet as tcpdump does", () => {
  const p = new PacketPrinter(LINKTYPE.ETHERNET, { timestamp: "none" });
  // Checked against tcpdump -n -t on a pcap with these records (snaplen cuts, wire length 98).
  const cut = (n: number) => ({ data: ECHO.subarray(0, n), wireLen: ECHO.length, sec: 1, nsec: 0 });
  assert.equal(p.format(cut(10)), " [|ether]");
  assert.equal(p.format(cut(36)), "IP 10.99.0.1 > 10.99.0.2:  [|icmp]");
  assert.equal(p.format(cut(20)), "IP  [|ip]");
});

Deno.test("new PacketPrinter() rejects what is not a link type, and bad options", () => {
  assert.throws(() => new PacketPrinter(1.5), {
    name: "RangeError",
    message: /^Cannot print link type "1.5": not a LINKTYPE_\* number/,
  });
  assert.throws(() => new PacketPrinter(-1), RangeError);
  assert.throws(() => new PacketPrinter(1, { verbose: 4 }), {
    name: "RangeError",
    message: 'Cannot create printer: verbose "4" is not an integer from 0 to 3',
  });
  // @ts-expect-error: checking the runtime check
  assert.throws(() => new PacketPrinter(1, { hex: "y" }), RangeError);
  // @ts-expect-error: checking the runtime check
  assert.throws(() => new PacketPrinter(1, { link: "yes" }), TypeError);
  assert.throws(
    // @ts-expect-error: checking the runtime check
    () => new PacketPrinter(1).format({ data: [1, 2], wireLen: 2, sec: 0, nsec: 0 }),
    TypeError,
  );
});

Deno.test("PacketPrinter prints a link type it has no printer for as tcpdump does", () => {
  // tcpdump -n -tt -r on a LINKTYPE_USER0 (147) file holding these two records, wire length +3
  const p = new PacketPrinter(147, { timestamp: "epoch" });
  const rec = (data: Uint8Array) => ({
    data,
    wireLen: data.length + 3,
    sec: 1700000000,
    nsec: 5000,
  });
  const a = new Uint8Array(40).map((_, i) => i);
  assert.equal(
    p.format(rec(a)),
    `1700000000.000005 UNSUPPORTED
\t0x0000:  0001 0203 0405 0607 0809 0a0b 0c0d 0e0f  ................
\t0x0010:  1011 1213 1415 1617 1819 1a1b 1c1d 1e1f  ................
\t0x0020:  2021 2223 2425 2627                      .!"#$%&'`,
  );
  // -x dumps the whole record again: the unsupported printer claims no link header
  const px = new PacketPrinter(147, { timestamp: "epoch", hex: "x" });
  assert.equal(
    px.format(rec(Uint8Array.of(1, 2))),
    "1700000000.000005 UNSUPPORTED\n\t0x0000:  0102                                     ..\n\t0x0000:  0102",
  );
});

Deno.test("PacketPrinter.format() prints tcpdump's line for a record header it cannot trust", () => {
  // tcpdump -n -tt -r on records with these (caplen, len): no timestamp, then the reasons
  const p = new PacketPrinter(LINKTYPE.ETHERNET, { timestamp: "epoch" });
  const f = (caplen: number, wireLen: number) =>
    p.format({ data: new Uint8Array(caplen), wireLen, sec: 1, nsec: 0 });
  assert.equal(f(0, 0), "[Invalid header: caplen==0, len==0]");
  assert.equal(f(0, 60), "[Invalid header: caplen==0]");
  assert.equal(f(20, 10), "[Invalid header: len(10) < caplen(20)]");
  assert.equal(f(20, 300000), "[Invalid header: len(300000) > 262144]");
  assert.equal(f(0, 300000), "[Invalid header: caplen==0, len(300000) > 262144]");
  assert.equal(f(20, 0), "[Invalid header: len==0]");
});

Deno.test("PacketPrinter.format() never throws on random or mutated frames, with every option set", () => {
  // xorshift32: a seeded generator so a failure can be replayed.
  let seed = 0x2545f491;
  const rand = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  const optionSets: PrintOptions[] = [
    {},
    { link: true, verbose: 1 },
    { verbose: 3, hex: "XX" },
    { quiet: true, hex: "x" },
    { ascii: true, timestamp: "date", nano: true },
    { verbose: 2, link: true, hex: "X", snapLen: 40 },
  ];
  const seeds = [ECHO];
  // A few more real frame shapes: IPv6 TCP SYN with options, DNS response, SLL2 header.
  seeds.push(Uint8Array.fromHex(
    "2a33ab27efe3aae57fafdb1486dd6000b4f000280640fd000099000000000000000000000001fd000099000000000000000000000002" +
      "ab1a1f4085488e1800000000a002fd20fb640000020405a00402080a1eaa3b2d0000000001030307",
  ));
  seeds.push(Uint8Array.fromHex(
    "aae57fafdb142a33ab27efe308004500005977244000401100000a6300020a6300010035b1f40045151f30398180000100020000000007" +
      "6578616d706c6503636f6d0000010001c00c000100010000012c00040a000001c00c000100010000012c00040a000002",
  ));
  const links = [
    LINKTYPE.ETHERNET,
    LINKTYPE.LINUX_SLL,
    LINKTYPE.LINUX_SLL2,
    LINKTYPE.RAW,
    LINKTYPE.NULL,
  ];
  let printed = 0;
  for (const linkType of links) {
    for (const options of optionSets) {
      const p = new PacketPrinter(linkType, options);
      for (let i = 0; i < 400; i++) {
        let data: Uint8Array;
        if (i % 4 === 0) {
          data = new Uint8Array(Math.floor(rand() * 120));
          for (let k = 0; k < data.length; k++) data[k] = Math.floor(rand() * 256);
        } else {
          const base = seeds[i % seeds.length]!;
          data = base.slice(0, Math.floor(rand() * (base.length + 1)));
          const flips = 1 + Math.floor(rand() * 6);
          for (let k = 0; k < flips && data.length; k++) {
            data[Math.floor(rand() * data.length)] = Math.floor(rand() * 256);
          }
        }
        const text = p.format({
          data,
          wireLen: data.length + Math.floor(rand() * 3),
          sec: i,
          nsec: i * 1000,
        });
        assert.equal(typeof text, "string");
        printed++;
      }
    }
  }
  assert.equal(printed, links.length * optionSets.length * 400);
});
