// Golden cases for the Juniper link types of the multilink and ATM PICs (print-juniper.c of
// tcpdump 4.99): JUNIPER_MLPPP, JUNIPER_MLFR and JUNIPER_MFR (a bundle cookie, an LS cookie with
// its protocol field, an AS/LSQ cookie naming IPv4, IPv6, MPLS or OSI, FRF.16 on a child link),
// JUNIPER_ATM1 and JUNIPER_ATM2 (OAM cells with their CRC-10, RFC 1483 LLC/SNAP and NLPID,
// Cisco-style NLPID, bridged Ethernet, PPP and IP guessed on a VC-mux circuit, ATM2's control
// word), each with the MGC header variants and cut headers of juniper_ether.

import { bytes, ether, u16, u32, udp6 } from "./_build.ts";
import type { Case } from "./_golden.ts";
import { ip, juniperPackets } from "./_corpus_juniper.ts";
import { crc10 } from "../../print/atm.ts";

const ppp = (proto: number, body: Uint8Array, hdlc = true) =>
  bytes(hdlc ? [0xff, 0x03] : [], u16(proto), body);
const lcpEcho = bytes(0x09, 0x01, u16(8), u32(0x12345678));
const v6 = () => udp6("2001:db8::1", "2001:db8::2", 5001, 5002, new Uint8Array(4));
const mpls = (i: number) => bytes(u32((100 + i) << 12 | 0x100 | 64), ip(i * 3));
/** An AS (LSQ) PIC cookie: the LSQ protocol in byte 5, the bundle in bits 3-14 of bytes 6-7. */
const asCookie = (proto: number, bundle: number, b4 = 0) =>
  bytes(0x47, 1, 2, 3, b4, proto, u16(bundle << 3 | 5));
const nullPdu = bytes(0x00, 0x01, 0x02, 0x03);

const mlppp = (i: number): Uint8Array => {
  switch (i % 10) {
    case 0:
      return bytes(0x05, 0x01, ppp(0x0021, ip(i)));
    case 1:
      return bytes(0xff, 0x03, u16(0x0021), ip(i)); // a child link: the cookie is the PPP header
    case 2:
      return bytes(0x00, 0x23, nullPdu); // PPP OSI right after the header
    case 3:
      return bytes(0x54, 7, 0, 0, ppp(0x0057, v6()));
    case 4:
      return bytes(asCookie(0x00, 0x123), ip(i));
    case 5:
      return bytes(asCookie(0x00, 0x124, 0x0c), ppp(0xc021, lcpEcho)); // IS-IS over PPP to the RE
    case 6:
      return bytes(asCookie(0x10, 0x125), v6());
    case 7:
      return bytes(asCookie(0x20, 0xfff), mpls(i));
    case 8:
      return bytes(asCookie(0x30, 1), 0xcc, ip(i));
    default:
      return bytes(0x09, 0x00, ppp(0xc021, lcpEcho));
  }
};

const mlfr = (i: number): Uint8Array => {
  switch (i % 9) {
    case 0:
      return bytes(0x05, 0x01, u16(0x03cc), ip(i));
    case 1:
      return bytes(0x05, 0x01, u16(0x038e), v6());
    case 2:
      return bytes(0x54, 9, 0, 0, u16(0x0300), 0xcc, ip(i));
    case 3:
      return bytes(
        0x54,
        9,
        0,
        0,
        u16(0x0308),
        0x00,
        0x75,
        0x95,
        0x01,
        0x01,
        0x00,
        0x03,
        0x02,
        1,
        0,
      );
    case 4:
      return bytes(0x06, 0x00, u16(0x0003), nullPdu);
    case 5:
      return bytes(0x06, 0x00, u16(0x1234), nullPdu);
    case 6:
      return bytes(asCookie(0x00, 77), ip(i));
    case 7:
      return bytes(0x54, 9, 0, 0, u16(0x038e), v6());
    default:
      return bytes(0x08, 0x07, u16(0x03cc));
  }
};

const fr = (nlpid: number, body: Uint8Array) => bytes(0x18, 0x41, 0x03, nlpid, body);
const mfr = (i: number): Uint8Array => {
  switch (i % 11) {
    case 0:
      return bytes(0xc1, 0x05, fr(0xcc, ip(i))); // FRF.16 fragment on a child link
    case 1:
      return bytes(0xe1, 0x00, 0x01, 0x01, 0x05, 0x61, 0x62, 0x63); // FRF.16 control
    case 2:
      return bytes(0x00, 0x00, 0x00, 0x01, u16(0xfefe), 0x00, nullPdu); // bundle ID suppressed
    case 3:
      return bytes(0x54, 3, 0, 0, 0, 0, u16(0x03cc), ip(i));
    case 4:
      return bytes(0x54, 3, 0, 0, 0, 0, u16(0x038e), v6());
    case 5:
      return bytes(0x54, 3, 0, 0, 0, 0, u16(0xfefe), 0x03, 0xcc, ip(i));
    case 6:
      return bytes(asCookie(0x00, 99), ip(i));
    case 7:
      return bytes(asCookie(0x40, 99), ip(i));
    case 8:
      return bytes(0x54, 3, 0, 0, 0, 0, u16(0x8888), nullPdu);
    case 9:
      return bytes(0x07, 0, 0, 0xcc, u16(0x03cc), ip(i)); // the NLPID is the cookie's last byte
    default:
      return bytes(asCookie(0x20, 5), mpls(i));
  }
};

/** An OAM cell without HEC: header, cell/function type, 45 bytes, CRC-10 (made right or not). */
function oam(vpi: number, vci: number, pt: number, type: number, body: number[], good = true) {
  const cell = bytes(u32(vpi << 20 | vci << 4 | pt << 1), type, new Uint8Array(47));
  cell.set(body.slice(0, 45), 5);
  for (let v = 0; v < 1024 && good; v++) {
    cell[50] = v >> 8, cell[51] = v & 0xff;
    if (crc10(cell, 4, 48) === 0) break;
  }
  if (!good) cell[51] = cell[51]! ^ 0x5a;
  return cell;
}
const seq = (n: number, from = 1) => Array.from({ length: n }, (_, k) => (from + k) & 0xff);
const OAM_CELLS = [
  oam(0, 5, 4, 0x18, [1, ...u32(0xcafe0001), ...seq(12), ...seq(12, 0x40)]),
  oam(1, 3, 5, 0x10, [0x6a, ...seq(16, 0x80)]),
  oam(2, 4, 4, 0x11, [0x01, ...seq(16)], false),
  oam(0, 32, 5, 0x14, []),
  oam(3, 100, 4, 0x21, seq(45)),
  oam(4, 101, 5, 0x80, [], false),
  oam(5, 102, 0, 0xf3, seq(10)),
  oam(0, 0xffff, 7, 0x18, [0, ...u32(7)]),
];

const snap = (oui: number, pid: number, body: Uint8Array) =>
  bytes(0xaa, 0xaa, 0x03, oui >> 16, u16(oui & 0xffff), u16(pid), body);
const mac1 = "00:05:85:00:00:01", mac2 = "00:05:85:00:00:02";
const atmPdu = (i: number): Uint8Array => {
  switch (i % 10) {
    case 0:
      return snap(0, 0x0800, ip(i));
    case 1:
      return bytes(0xfe, 0xfe, 0x03, 0xcc, ip(i));
    case 2:
      return bytes(0x03, 0xcc, ip(i)); // Cisco-style NLPID
    case 3:
      return ip(i); // VC-mux
    case 4:
      return snap(0x0080c2, 7, bytes(0, 0, ether(0x0800, ip(i), mac1, mac2)));
    case 5:
      return snap(0x123456, 1, nullPdu);
    case 6:
      return bytes(0xfe, 0xfe, 0x03, 0x8e, v6());
    case 7:
      return snap(0, 0x86dd, v6());
    case 8:
      return bytes(0x03, 0xcf, ppp(0x0021, ip(i)));
    default:
      return bytes(0x12, 0x34, 0x56);
  }
};

const atm1 = (i: number): Uint8Array => {
  if (i % 5 === 4) return bytes(0x80, 0, 0, i, OAM_CELLS[(i / 5 | 0) % OAM_CELLS.length]!);
  if (i % 7 === 5) return bytes(0x54, 1, 2, 3, 4, 5, atmPdu(i));
  if (i % 7 === 6) return bytes(0x47, 1, 2, 3, 4, 5, 6, 7, atmPdu(i));
  return bytes(0x00, 0x01, 0x00, 0x20 + i, atmPdu(i));
};

const atm2 = (i: number): Uint8Array => {
  const cookie = (gap: number, pt = 0) => bytes(u32(0x00010000 | gap), 0, 0, 0, pt << 4);
  switch (i % 12) {
    case 0:
      return bytes(cookie(0x21), snap(0, 0x0800, ip(i)));
    case 1:
    case 2:
      return bytes(cookie(0x21), ether(0x0800, ip(i), mac1, mac2)); // bridged, going out only
    case 3:
      return bytes(cookie(0), 0x03, 0xcc, ip(i));
    case 4:
      return bytes(cookie(0), ppp(0x0021, ip(i), false));
    case 5:
      return bytes(cookie(0), ppp(0xc021, lcpEcho, false));
    case 6:
      return bytes(cookie(0, 1), u32(0), OAM_CELLS[i % 8]!);
    case 7:
      return bytes(cookie(0, 2), u32(0x08380000), OAM_CELLS[i % 8]!);
    case 8:
      return bytes(cookie(0, 3), OAM_CELLS[i % 8]!); // no control word: the cell header is read as one
    case 9:
      return bytes(cookie(0), v6());
    case 10:
      return bytes(cookie(0), ppp(0x0057, v6(), false));
    default:
      return bytes(cookie(0, 4), u32(0x08000000), OAM_CELLS[i % 8]!);
  }
};

/** Packets of `frame`, then cut cookies and PDUs. */
function withCuts(frame: (i: number) => Uint8Array, extra: Uint8Array[]) {
  const MGC = [0x4d, 0x47, 0x43, 0x00];
  return [
    ...juniperPackets(frame),
    ...extra.map((x) => ({ data: bytes(MGC, x) })),
    ...[3, 7, 11].map((i) => {
      const d = bytes(MGC, frame(i));
      return { data: d.subarray(0, Math.min(d.length, 4 + 1 + i)), wireLen: d.length };
    }),
  ];
}

export const JUNIPER3_CASES: Case[] = [
  {
    name: "juniper_mlppp",
    linkType: 130,
    packets: withCuts(mlppp, [bytes(0x05), bytes(0x54, 1, 2), bytes(0x05, 0x01, 0xff)]),
    link: true,
  },
  {
    name: "juniper_mlfr",
    linkType: 131,
    packets: withCuts(mlfr, [bytes(0x05, 0x01, 0x03), bytes(0x54, 1, 2, 3, 0x03)]),
    link: true,
  },
  {
    name: "juniper_mfr",
    linkType: 134,
    packets: withCuts(mfr, [bytes(0xc1), bytes(0x54, 1, 2, 3, 4, 5, 0x03), bytes(0x01, 2, 3, 4)]),
    link: true,
  },
  {
    name: "juniper_atm1",
    linkType: 137,
    packets: withCuts(atm1, [
      bytes(0x80, 0, 0, 1, OAM_CELLS[0]!.subarray(0, 30)),
      bytes(0x00, 1, 0, 1, 0xaa, 0xaa),
      bytes(0x00, 1, 0, 1),
    ]),
    link: true,
  },
  {
    name: "juniper_atm2",
    linkType: 135,
    packets: withCuts(atm2, [
      bytes(u32(0), 0, 0, 0, 0x10, 0, 0),
      bytes(0x54, u32(0), 0, 0, 0, 0x10, 0),
      bytes(u32(0), 0, 0, 0, 0x10, u32(0), OAM_CELLS[1]!.subarray(0, 20)),
    ]),
    link: true,
  },
];
