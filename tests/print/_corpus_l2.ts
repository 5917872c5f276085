// Golden corpus cases for protocols a switch speaks: STP/RSTP/MSTP, LLDP, CDP, LACP and the
// other slow protocols, 802.1X EAPOL, PPPoE discovery and session.

import { bytes, ether, ip4, llc, mac, u16, u32, udp4 } from "./_build.ts";
import type { Case } from "./_golden.ts";
import { prng } from "../_prng.ts";

const r = prng(8021);
const int = (n: number) => Math.floor(r() * n);
const ascii = (s: string) => new TextEncoder().encode(s);
const SW = "00:1b:2c:3d:4e:5f";
const bridge = (prio: number, m: string) => bytes(u16(prio), mac(m));

/** A configuration, TCN, RSTP or MSTP BPDU. */
function bpdu(i: number): Uint8Array {
  const flags = [0x00, 0x01, 0x3c, 0x7c, 0x0e, 0x80, 0x5d][i % 7]!;
  const times = bytes(u16(int(5) * 256), u16(20 * 256), u16(2 * 256), u16(15 * 256));
  const root = bridge(0x8000 + (i % 4) * 0x1000, "00:00:0c:00:00:01");
  const cfg = (version: number, type: number) =>
    bytes(
      u16(0),
      version,
      type,
      flags,
      root,
      u32(int(200000)),
      bridge(0x8000, SW),
      u16(0x8000 | (1 + i % 24)),
      times,
    );
  switch (i % 6) {
    case 0:
    case 1:
      return cfg(0, 0);
    case 2:
      return bytes(u16(0), 0, 0x80);
    case 3:
      return bytes(cfg(2, 2), 0);
    case 4: {
      // MSTP: v1 length 0, v3 length, MST config id, CIST internal path cost, bridge id, hops, MSTIs
      const n = i % 3;
      const mstis = Array.from(
        { length: n },
        (_, k) =>
          bytes(
            0x0c | (k ? 0x01 : 0),
            bridge(0x8000 | (k + 1), SW),
            u32(20000 * (k + 1)),
            0x80,
            0x80 | (k + 1),
            20,
          ),
      );
      const v3len = 64 + 16 * n;
      return bytes(
        cfg(3, 2),
        0,
        u16(v3len),
        0,
        ascii("region1".padEnd(32, "\0")),
        u16(1),
        new Uint8Array(16).fill(0xab),
        u32(int(100000)),
        bridge(0x8000, SW),
        20,
        ...mstis,
      );
    }
    default:
      return bytes(cfg(0, 0)).subarray(0, 20 + (i % 10)); // cut
  }
}

const stpPackets = Array.from({ length: 30 }, (_, i) => {
  const b = bpdu(i);
  return { data: llc(0x42, 0x42, 3, b, "01:80:c2:00:00:00", SW) };
});

const tlv = (type: number, v: Uint8Array) => bytes(u16(type << 9 | v.length), v);
/** An LLDPDU (IEEE 802.1AB): chassis ID, port ID, TTL, optional TLVs, end. */
function lldp(i: number): Uint8Array {
  const chassis = [
    bytes(4, mac(SW)),
    bytes(5, 1, ip4("192.0.2.1")),
    bytes(7, ascii("switch-" + i)),
    bytes(1, ascii("ch")),
  ][i % 4]!;
  const port = [
    bytes(3, mac(SW)),
    bytes(5, ascii(`Gi0/${i}`)),
    bytes(7, ascii(`${i}`)),
    bytes(1, ascii("Port alias")),
  ][i % 4]!;
  const opt = [
    tlv(4, ascii("uplink to core")),
    tlv(5, ascii("sw" + i + ".example.net")),
    tlv(6, ascii("Linux 6.1 x86_64")),
    tlv(7, bytes(u16(0x0014), u16(i % 2 ? 0x0014 : 0x0004))),
    tlv(8, bytes(5, 1, ip4("192.0.2.1"), 2, u32(i + 1), 0)),
    tlv(127, bytes("0080c2", 1, u16(100 + i))),
    tlv(127, bytes("0080c2", 3, u16(10), 6, ascii("vlan10"))),
    tlv(127, bytes("00120f", 1, 3, u16(0x6c01), u16(30))),
    tlv(127, bytes("00120f", 4, u16(9000))),
    tlv(127, bytes("00120f", 2, 7, u16(0x0101), 1)),
    tlv(127, bytes("00120f", 3, 1, u32(1))),
    tlv(127, bytes("aabbcc", 1, ascii("vendor"))),
    tlv(127, bytes("009069", 1, ascii("junos"))), // named by tcpdump's whole OUI table
    tlv(9, ascii("x")),
  ];
  const pick = opt.filter((_, k) => (i + k) % 3 === 0 || k === i % opt.length);
  return bytes(
    tlv(1, chassis),
    tlv(2, port),
    tlv(3, u16(i === 7 ? 0 : 120)),
    ...pick,
    tlv(0, new Uint8Array(0)),
  );
}
const lldpPackets = Array.from({ length: 26 }, (_, i) => {
  const d = ether(0x88cc, lldp(i), "01:80:c2:00:00:0e", SW);
  return { data: i === 25 ? d.subarray(0, 40) : d };
});

const cdpTlv = (type: number, v: Uint8Array) => bytes(u16(type), u16(4 + v.length), v);
/** A CDP frame (LLC SNAP, Cisco OUI, protocol 0x2000). */
function cdp(i: number): Uint8Array {
  const tlvs = [
    cdpTlv(1, ascii("switch" + i + ".example.net")),
    cdpTlv(
      2,
      bytes(
        u32(i % 3 ? 1 : 2),
        1,
        1,
        0xcc,
        u16(4),
        ip4("192.0.2." + (i + 1)),
        ...(i % 3 ? [] : [bytes(1, 1, 0xcc, u16(4), ip4("198.51.100.1"))]),
      ),
    ),
    cdpTlv(3, ascii(`GigabitEthernet0/${i}`)),
    cdpTlv(4, u32([0x28, 0x29, 0x01, 0x0a][i % 4]!)),
    cdpTlv(5, ascii("Cisco IOS Software, C2960 Software\nVersion 15.0(2)SE11")),
    cdpTlv(6, ascii("cisco WS-C2960-24TT-L")),
    cdpTlv(9, ascii("VTPDOMAIN")),
    cdpTlv(0x0a, u16(1 + i)),
    cdpTlv(0x0b, Uint8Array.of(i % 2)),
    cdpTlv(0x16, bytes(u32(1), 1, 1, 0xcc, u16(4), ip4("10.0.0.1"))),
    cdpTlv(0x1f, Uint8Array.of(0x10)),
  ].filter((_, k) => k < 4 || (i + k) % 2 === 0);
  const body = bytes(i % 5 === 4 ? 1 : 2, 180, u16(0), ...tlvs);
  const frame = bytes(
    mac("01:00:0c:cc:cc:cc"),
    mac(SW),
    u16(8 + body.length),
    "aaaa03 00000c 2000",
    body,
  );
  return frame;
}
const cdpPackets = Array.from({ length: 22 }, (_, i) => ({ data: cdp(i) }));

/** Slow protocols (IEEE 802.3 clause 43/57): LACP, Marker, OAM. */
function slow(i: number): Uint8Array {
  const actor = (t: number) =>
    bytes(
      t,
      20,
      u16(0x8000),
      mac(t === 1 ? SW : "00:aa:bb:cc:dd:ee"),
      u16(i % 4),
      u16(0x8000),
      u16(1 + i % 8),
      [0x3d, 0x3f, 0x45, 0x07, 0x00][i % 5]!,
      0,
      0,
      0,
    );
  switch (i % 5) {
    case 0:
    case 1:
    case 2:
      return bytes(
        1,
        1,
        actor(1),
        actor(2),
        3,
        16,
        u16(i % 2 ? 0 : 50),
        new Uint8Array(12),
        0,
        0,
        new Uint8Array(50),
      );
    case 3:
      return bytes(
        2,
        1,
        1 + (i % 2),
        16,
        u16(1 + i),
        mac(SW),
        u32(i),
        u16(0),
        0,
        0,
        new Uint8Array(90),
      );
    default:
      return bytes(
        3,
        u16(0x0050),
        [0, 1, 4][i % 3]!,
        1,
        16,
        1,
        u16(0x0001),
        0x10,
        u16(1500),
        bytes("00000c"),
        u32(1),
        new Uint8Array(20),
      );
  }
}
const slowPackets = Array.from(
  { length: 25 },
  (_, i) => ({ data: ether(0x8809, slow(i), "01:80:c2:00:00:02", SW) }),
);

/** EAPOL (IEEE 802.1X): EAP packets of many types, start, logoff, key. */
function eapol(i: number): Uint8Array {
  const eap = (code: number, id: number, data: Uint8Array) =>
    bytes(code, id, u16(4 + data.length), data);
  const k = (i >> 2) * 2 + (i % 2);
  const body = [
    eap(1, i, bytes(1)),
    eap(2, i, bytes(1, ascii("user@example.net"))),
    eap(1, i, bytes(4, 16, new Uint8Array(16).fill(7))),
    eap(2, i, bytes(3, 25, 13, 21)),
    eap(1, i, bytes(13, 0x20)),
    eap(2, i, bytes(13, 0xc0, u32(1200), new Uint8Array(8))),
    eap(1, i, bytes(21, 0x21)),
    eap(1, i, bytes(25, 0x21)),
    eap(3, i, new Uint8Array(0)),
    eap(4, i, new Uint8Array(0)),
    eap(1, i, bytes(2, ascii("hello"))),
    eap(1, i, bytes(18, 10)),
    eap(1, i, bytes(23, 1)),
    eap(1, i, bytes(43, 0x21)),
    eap(1, i, bytes(6)),
    eap(2, i, new Uint8Array(0)),
  ][k % 16]!;
  switch (i % 4) {
    case 0:
    case 1:
      return bytes(i % 3 ? 2 : 1, 0, u16(body.length), body);
    case 2:
      return i % 8 === 6 ? bytes(1, 0, u16(0)) : bytes(1, 1 + ((i >> 2) % 4), u16(0));
    default:
      return bytes(
        2,
        3,
        u16(95),
        2,
        u16(0x008a),
        u16(16),
        new Uint8Array(8),
        new Uint8Array(32).fill(1),
        new Uint8Array(16),
        new Uint8Array(8),
        new Uint8Array(8),
        new Uint8Array(16),
        u16(0),
      );
  }
}
const eapolPackets = Array.from(
  { length: 40 },
  (_, i) => ({ data: ether(0x888e, eapol(i), "01:80:c2:00:00:03", SW) }),
);

const ptag = (t: number, v: Uint8Array) => bytes(u16(t), u16(v.length), v);
/** PPPoE discovery (PADI/PADO/PADR/PADS/PADT) and session frames. */
function pppoe(i: number): { type: number; body: Uint8Array } {
  const codes = [0x09, 0x07, 0x19, 0x65, 0xa7];
  if (i % 6 < 5) {
    const code = codes[i % 6]!;
    const tags = [
      ptag(0x0101, ascii(i % 2 ? "" : "internet")),
      ptag(0x0102, ascii("BRAS-" + i)),
      ptag(0x0103, u32(0x1234 + i)),
      ptag(0x0104, new Uint8Array(16).fill(0x33)),
      ptag(0x0105, bytes(u32(3561), ascii("vend"))),
      ptag(0x0110, u32(i)),
      ptag(0x0201, ascii("no service")),
      ptag(0x0203, ascii("generic")),
      ptag(0, new Uint8Array(0)),
    ].filter((_, k) => (i + k) % 2 === 0 || k < 2);
    const payload = bytes(...tags);
    return {
      type: 0x8863,
      body: bytes(0x11, code, u16(code === 0x09 ? 0 : 0x1000 + i), u16(payload.length), payload),
    };
  }
  const ppp = i % 12 === 5
    ? bytes(u16(0x0021), udp4("100.64.0.2", "8.8.8.8", 5000 + i, 53, new Uint8Array(0)))
    : bytes(u16(0xc021), 9, i, u16(8), u32(0x01020304));
  return { type: 0x8864, body: bytes(0x11, 0, u16(0x1000 + i), u16(ppp.length), ppp) };
}
const pppoePackets = Array.from({ length: 30 }, (_, i) => {
  const { type, body } = pppoe(i);
  return { data: ether(type, body, i % 6 === 0 ? "ff:ff:ff:ff:ff:ff" : "00:11:22:33:44:55", SW) };
});

export const L2_CASES: Case[] = [
  { name: "slow", linkType: 1, packets: slowPackets },
  { name: "pppoe", linkType: 1, packets: pppoePackets, link: true },
  { name: "stp", linkType: 1, packets: stpPackets },
  { name: "eapol", linkType: 1, packets: eapolPackets },
  { name: "cdp", linkType: 1, packets: cdpPackets, link: true },
  { name: "lldp", linkType: 1, packets: lldpPackets },
];

// SPB (802.1aq) BPDUs, added last so the generator's earlier numbers stay as they were: an MSTP
// BPDU of version 4 with its version 4 part, then one whose version 4 part is too short
for (const [k, i] of [[0, 4], [1, 10], [2, 16], [3, 22]] as const) {
  const m = bpdu(i);
  m[2] = 4;
  const v4 = bytes(
    u16(k === 3 ? 40 : 85),
    0,
    ascii("aux-region".padEnd(32, "\0")),
    u16(k),
    new Uint8Array(16).fill(0xcd),
    0xe4 ^ k,
    0,
    0x21,
    0x34,
    u16(3 + k),
    new Uint8Array(8),
    new Uint8Array(20).fill(0x5a),
  );
  stpPackets.push({ data: llc(0x42, 0x42, 3, bytes(m, v4), "01:80:c2:00:00:00", SW) });
}

// LLDP network addresses of families tcpdump has no printer for, and every MDI power flag
for (const af of [0, 3, 17]) {
  const tlvs = bytes(
    tlv(1, bytes(5, af, 1, 2, 3, 4)),
    tlv(2, bytes(4, af, 9, 9)),
    tlv(3, u16(120)),
    tlv(127, bytes("00120f", 2, af === 0 ? 0x0f : 0x09, 1, 0)),
    u16(0),
  );
  lldpPackets.push({ data: ether(0x88cc, tlvs, "01:80:c2:00:00:0e", SW) });
}

// EAPOL: an EAP packet of length 0, one whose body was not captured, an ASF alert, the
// "No proposed" type and a TLS request too short for its length field
for (
  const body of [
    bytes(2, 0, u16(0), 2, 0x1d, 4, 4),
    bytes(1, 0, u16(87)),
    bytes(2, 4, u16(10), 1, 0x14, 0, 10, ascii("hello")),
    bytes(2, 0, u16(5), 1, 0x96, u16(5), 0),
    bytes(2, 0, u16(6), 1, 8, u16(6), 13, 0xbf),
  ]
) eapolPackets.push({ data: ether(0x888e, body, "01:80:c2:00:00:03", SW) });

// EAP TLS, TTLS, FAST and Legacy NAK too short for their fields, and for the TLS length
for (const type of [13, 21, 43, 3]) {
  for (const eap of [bytes(1, 1, u16(5), type), bytes(1, 1, u16(6), type, 0x80)]) {
    eapolPackets.push({
      data: ether(0x888e, bytes(1, 0, u16(eap.length), eap), "01:80:c2:00:00:03", SW),
    });
  }
}
