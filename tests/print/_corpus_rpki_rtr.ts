// Golden corpus case for the RPKI to Router protocol on TCP port 323 (RFC 6810): every PDU type
// with the length it must have and one it must not, IPv4 and IPv6 prefixes, error reports with
// and without a quoted PDU and text (an error report quoting one), another version, an unknown
// type, several PDUs in one segment, and segments cut inside a PDU.

import { bytes, ether, ip6, tcp4, u16, u32 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const pdu = (type: number, word: number, body: Uint8Array, version = 0) =>
  bytes(version, type, u16(word), u32(8 + body.length), body);
const seg = (payload: Uint8Array, sport = 40000, dport = 323): Packet => ({
  data: ether(0x0800, tcp4("10.80.0.1", "10.80.0.2", sport, dport, 0x18, payload)),
});

const v4 = pdu(4, 0, bytes(1, 24, 32, 0, "c0000200", u32(64500)));
const v6 = pdu(6, 0, bytes(0, 48, 64, 0, ip6("2001:db8::"), u32(4200000000)));
const notify = pdu(0, 0x1234, u32(77));
const text = new TextEncoder().encode("no such\0record\x01");
const PDUS = [
  notify,
  pdu(1, 0xabcd, u32(78)),
  pdu(7, 1, u32(79)),
  pdu(2, 0, new Uint8Array(0)),
  pdu(8, 0, new Uint8Array(0)),
  pdu(3, 0x0042, new Uint8Array(0)),
  v4,
  v6,
  pdu(10, 2, bytes(u32(0), u32(0))),
  pdu(10, 6, bytes(u32(v4.length), v4, u32(text.length), text)),
  pdu(10, 9, bytes(u32(12), notify, u32(0))),
  pdu(10, 1, bytes(u32(0), u32(5), "6f6f707321")),
  pdu(10, 3, bytes(u32(12 + 8), pdu(10, 0, bytes(u32(0), u32(0))), u32(0))),
  pdu(0, 0, u32(1), 1),
  pdu(5, 0, u32(1)),
  pdu(9, 0, bytes("0102030405060708")),
  pdu(0, 0, new Uint8Array(0)),
  pdu(2, 0, u32(0)),
  pdu(3, 0, u32(0)),
  pdu(4, 0, bytes(1, 24, 32, 0, "c0000200")),
  pdu(6, 0, bytes(0, 48, 64, 0, ip6("2001:db8::"))),
  pdu(10, 0, u32(0)),
  pdu(10, 0, bytes(u32(100), u32(0))),
  pdu(10, 0, bytes(u32(0), u32(50))),
  bytes(0, 0, 0, 0),
  bytes(notify, v4, v6, pdu(7, 1, u32(80))),
  bytes(notify, pdu(0, 0, u32(1), 2), v4),
  bytes(0, 4, 0, 0, u32(200), new Uint8Array(12)),
];
const packets: Packet[] = PDUS.map((p) => seg(p));
packets.push(seg(v4, 323, 40000));
const long = seg(pdu(10, 6, bytes(u32(v4.length), v4, u32(text.length), text)));
for (const keep of [56, 60, 62, 66, 70, 80, 90, 95]) {
  packets.push({ data: long.data.subarray(0, keep), wireLen: long.data.length });
}

export const RPKI_RTR_CASES: Case[] = [{ name: "rpki_rtr", linkType: 1, packets }];
