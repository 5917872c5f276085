// PrintOptions.packetType (tcpdump's -T): the option's checks and what it switches, on frames
// built here; the expected lines are tcpdump 4.99.3's for the same frames (-n -t, with and
// without -T). The golden cases carp and packet_type_* compare whole corpora with tcpdump.
import assert from "node:assert/strict";
import { PACKET_TYPES, PacketPrinter, type PacketType } from "../../print/mod.ts";

// IPv4 to 224.0.0.18, protocol 112, TTL 64 (not CARP's 255): a CARP advertisement (vhid 7, advskew 100,
// authlen 7, counter 12345) with a correct checksum
const CARP = Uint8Array.fromHex(
  "450000380001000040701ba40a000001e0000012" +
    "2107640701008e7b00000000000030390000000000000000000000000000000000000000",
);
// UDP 1000 > 9 carrying a DNS query for example.org A
const DNS = Uint8Array.fromHex(
  "4500003900010000401100000a0000010a00000203e8000900250000" +
    "abcd01000001000000000000076578616d706c65036f72670000010001",
);
const rec = (data: Uint8Array) => ({ data, wireLen: data.length, sec: 0, nsec: 0 });
const print = (data: Uint8Array, packetType?: PacketType) =>
  new PacketPrinter(101, { timestamp: "none", ...(packetType ? { packetType } : {}) }).format(
    rec(data),
  );

Deno.test("PacketPrinter prints IP protocol 112 as VRRP, and as CARP with packetType carp", () => {
  assert.match(
    print(CARP),
    /^IP 10\.0\.0\.1 > 224\.0\.0\.18: VRRPv2, Advertisement, \(ttl 64\), vrid 7/,
  );
  assert.equal(
    print(CARP, "carp"),
    "IP 10.0.0.1 > 224.0.0.18: CARPv2-advertise 36: [ttl=64!] vhid=7 advbase=0 advskew=100 authlen=7 counter=12345",
  );
});

Deno.test("PacketPrinter with packetType domain reads any UDP port as DNS; carp prints no UDP", () => {
  assert.equal(print(DNS), "IP 10.0.0.1.1000 > 10.0.0.2.9: UDP, length 29");
  assert.equal(print(DNS, "domain"), "IP 10.0.0.1.1000 > 10.0.0.2.9: 43981+ A? example.org. (29)");
  assert.equal(print(DNS, "carp"), "IP ");
});

Deno.test("PacketPrinter refuses a packetType it does not know", () => {
  assert.deepEqual(PACKET_TYPES, [
    "none",
    "carp",
    "snmp",
    "tftp",
    "radius",
    "vxlan",
    "ptp",
    "domain",
    "rpc",
  ]);
  assert.throws(
    () => new PacketPrinter(101, { packetType: "rtp" as PacketType }),
    {
      name: "RangeError",
      message:
        'Cannot create printer: packetType "rtp" is not one of none, carp, snmp, tftp, radius, vxlan, ptp, domain, rpc',
    },
  );
});
