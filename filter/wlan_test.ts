import assert from "node:assert/strict";
import { compileFilter, FilterSyntaxError, runFilter, validateProgram } from "./mod.ts";
import { LINKTYPE } from "../link_type.ts";

const RADIOTAP = 127, IEEE802_11 = 105, PRISM = 119, AVS = 163;

// Radiotap frames (tcpdump -n -e -r of a file holding them, LINKTYPE_IEEE802_11_RADIO):
// BSSID:00:11:22:33:44:55 DA:ff:ff:ff:ff:ff:ff SA:00:11:22:33:44:55 Beacon (test) ESS
const BEACON = Uint8Array.fromHex(
  "000008000000000080000000ffffffffffff0011223344550011223344551000000000000000000064000104000474657374",
);
// CF +QoS BSSID:00:11:22:33:44:55 SA:02:00:00:00:00:01 DA:00:11:22:33:44:66 LLC, dsap SNAP
//   (0xaa) Individual, ssap SNAP (0xaa) Command, ctrl 0x03: oui Ethernet (0x000000), ethertype
//   IPv4 (0x0800), length 40: 10.0.0.1.12345 > 10.0.0.2.80: Flags [S], seq 1, win 29200, length 0
const QOS_TODS = Uint8Array.fromHex(
  "0000090002000000008801000000112233445502000000000100112233446620000000aaaa0300000008004500002800014000400600000a0000010a0000023039005000000001000000005002721000000000",
);
// (radiotap flags 0x20: the 26-byte header padded to 28) CF +QoS DA:02:00:00:00:00:01
//   BSSID:00:11:22:33:44:55 SA:00:11:22:33:44:66 LLC, ..., ethertype IPv6 (0x86dd), length 48:
//   2001:db8::1.4660 > ff02::1.53: domain [length 0 < 12] (invalid)
const QOS_FROMDS_PAD = Uint8Array.fromHex(
  "00000c00020000002000000088020000020000000001001122334455001122334466300000000000aaaa0300000086dd600000000008114020010db8000000000000000000000001ff0200000000000000000000000000011234003500080000",
);
// RA:02:00:00:00:00:01 Acknowledgment
const ACK = Uint8Array.fromHex("0000080000000000d4000000020000000001");

const FRAMES = { BEACON, QOS_TODS, QOS_FROMDS_PAD, ACK };

/** Expression → the radiotap frames it accepts, as tcpdump -r decides (all others rejected). */
const APPLY: [expr: string, accepts: (keyof typeof FRAMES)[]][] = [
  ["type mgt", ["BEACON"]],
  ["subtype beacon", ["BEACON"]],
  ["type ctl subtype ack", ["ACK"]],
  ["type data", ["QOS_TODS", "QOS_FROMDS_PAD"]],
  ["dir tods", ["QOS_TODS"]],
  ["dir fromds", ["QOS_FROMDS_PAD"]],
  ["dir nods", ["BEACON", "ACK"]],
  ["wlan addr1 00:11:22:33:44:55", ["QOS_TODS"]],
  ["wlan src 02:00:00:00:00:01", ["QOS_TODS"]], // To DS: the source is address 2
  ["wlan src 00:11:22:33:44:66", ["QOS_FROMDS_PAD"]], // From DS: address 3
  ["wlan src 00:11:22:33:44:55", ["BEACON"]],
  ["wlan dst 02:00:00:00:00:01", ["QOS_FROMDS_PAD"]], // control frames have no DA
  ["wlan ra 02:00:00:00:00:01", ["QOS_FROMDS_PAD"]], // libpcap's ra: data frames only
  ["wlan ta 00:11:22:33:44:55", ["QOS_FROMDS_PAD"]],
  ["ether broadcast", ["BEACON"]],
  ["ether multicast", ["BEACON"]],
  ["tcp port 80", ["QOS_TODS"]],
  ["ip6 and udp port 53", ["QOS_FROMDS_PAD"]], // found after the driver's padding
  ["ip", ["QOS_TODS"]],
  ["host 10.0.0.2", ["QOS_TODS"]],
];

for (const [expr, accepts] of APPLY) {
  Deno.test(`compileFilter(${JSON.stringify(expr)}) on radiotap accepts exactly ${accepts.join(", ")}`, () => {
    for (const optimize of [true, false]) {
      const program = compileFilter(expr, { linkType: RADIOTAP, optimize });
      validateProgram(program);
      for (const [name, frame] of Object.entries(FRAMES)) {
        const want = accepts.includes(name as keyof typeof FRAMES) ? 262144 : 0;
        assert.equal(runFilter(program, frame), want, `${name}, optimize ${optimize}`);
        // The same frame without its radiotap header, as LINKTYPE_IEEE802_11 (bar the padded
        // one: without radiotap's flag nothing says the payload moved).
        if (name === "QOS_FROMDS_PAD") continue;
        const bare = frame.subarray(frame[2]! | (frame[3]! << 8));
        const plain = compileFilter(expr, { linkType: IEEE802_11, optimize });
        assert.equal(
          runFilter(plain, bare),
          want,
          `${name} without radiotap, optimize ${optimize}`,
        );
      }
    }
  });
}

Deno.test("compileFilter() finds the 802.11 header after an AVS or a Prism header", () => {
  const mac = QOS_TODS.subarray(9);
  const avs = new Uint8Array(64 + mac.length);
  avs.set([0x80, 0x21, 0x10, 0x01, 0, 0, 0, 64]);
  avs.set(mac, 64);
  const prism = new Uint8Array(144 + mac.length);
  prism.set([0x41, 0, 0, 0, 144]);
  prism.set(mac, 144);
  for (const expr of ["tcp port 80", "wlan src 02:00:00:00:00:01", "dir tods"]) {
    assert.equal(runFilter(compileFilter(expr, { linkType: AVS }), avs), 262144, `AVS ${expr}`);
    assert.equal(runFilter(compileFilter(expr, { linkType: PRISM }), prism), 262144, expr);
    // A Prism link type whose frames carry AVS headers (some Linux drivers): the cookie tells.
    assert.equal(runFilter(compileFilter(expr, { linkType: PRISM }), avs), 262144, expr);
    assert.equal(runFilter(compileFilter(`not (${expr})`, { linkType: AVS }), avs), 0, expr);
  }
});

Deno.test("compileFilter() refuses 802.11 words as libpcap does, with one line each", () => {
  const cases: [expr: string, linkType: number, message: string][] = [
    ["type foo", RADIOTAP, 'unknown 802.11 type name "foo" at offset 5'],
    ["type 2", RADIOTAP, "invalid 802.11 type value 0x02 at offset 5"],
    ["type mgt subtype rts", RADIOTAP, 'unknown 802.11 subtype name "rts" at offset 17'],
    ["type mgt subtype 0x8", RADIOTAP, "invalid 802.11 subtype value 0x08 at offset 17"],
    ["type 12 subtype beacon", RADIOTAP, "unknown 802.11 type at offset 16"],
    ["subtype bogus", RADIOTAP, 'unknown 802.11 type name "bogus" at offset 8'],
    ["dir foo", RADIOTAP, "unknown 802.11 direction at offset 4"],
    ["type mgt", LINKTYPE.ETHERNET, "802.11 link-layer types supported only on 802.11 at offset 0"],
    ["dir 1", LINKTYPE.ETHERNET, "frame direction supported only with 802.11 headers at offset 0"],
    [
      "wlan addr1 00:11:22:33:44:55",
      LINKTYPE.ETHERNET,
      '"addr1" is supported only on 802.11 with 802.11 headers at offset 11',
    ],
    ["ip addr1 1.2.3.4", RADIOTAP, '"addr1" is valid only for 802.11 MAC addresses at offset 9'],
    ["addr1 port 80", RADIOTAP, '"addr1" is not a valid qualifier for ports at offset 11'],
    [
      "protochain 6",
      RADIOTAP,
      '"protochain" is not supported with variable length headers at offset 11',
    ],
    ["mpls", IEEE802_11, "no MPLS support for 802.11 at offset 0"],
  ];
  for (const [expr, linkType, message] of cases) {
    assert.throws(
      () => compileFilter(expr, { linkType }),
      (e: unknown) =>
        e instanceof FilterSyntaxError &&
        e.message === `Cannot compile filter "${expr}": ${message}`,
      expr,
    );
  }
});

Deno.test("compileFilter() computes 802.11 offsets only when the expression reads them", () => {
  // Frame-control tests read the header alone: no payload offset, so libpcap optimizes them.
  assert.equal(compileFilter("type mgt", { linkType: IEEE802_11 }).length, 4);
  // `ip` needs the LLC header's place: the prologue finds it and the program stays unoptimized
  // (libpcap's prologue jumps inside one block), 20 instructions as tcpdump -d lists them.
  assert.equal(compileFilter("ip", { linkType: IEEE802_11 }).length, 20);
  assert.equal(compileFilter("ip", { linkType: RADIOTAP }).length, 40);
});
