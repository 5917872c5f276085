// Golden corpus case for PTP (IEEE 1588-2008/2019) over UDP 319/320 and Ethernet (0x88f7):
// every message type with its body, versions 1, 2 and 2.1.

import { bytes, ether, u16, u32, udp4 } from "./_build.ts";
import type { Case } from "./_golden.ts";

const ts = (s: number, ns: number) => bytes(u16(0), u32(s), u32(ns));
const portId = (n: number) => bytes(u32(0x001122ff), u32(0xfe334400 + n), u16(n));

function ptp(i: number): Uint8Array {
  const type = [0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 5][i % 11]!;
  let body: Uint8Array;
  switch (type) {
    case 0:
    case 1:
    case 8:
      body = ts(1700000000 + i, i % 9 === 8 ? 1000000000 : 123456789);
      break;
    case 2:
    case 3:
    case 9:
    case 10:
      body = bytes(ts(1700000000 + i, 5000 * i), portId(i));
      break;
    case 11:
      body = bytes(
        ts(0, 0),
        u16(37),
        0,
        128,
        248,
        0xfe,
        u16(0xffff),
        128,
        u32(0x001122ff),
        u32(0xfe334455),
        u16(i % 3),
        0xa0,
      );
      break;
    case 12:
      body = portId(7);
      break;
    case 13:
      body = bytes(portId(9), 1, 1, 0x0c, 0);
      break;
    default:
      body = new Uint8Array(10);
  }
  const flags = [0x0200, 0x0000, 0x003c, 0x0408, 0x7fff][i % 5]!;
  const version = i % 13 === 12 ? 1 : i % 7 === 6 ? 0x12 : 2;
  const hdr = bytes(
    (i % 4 === 3 ? 0x10 : 0) | type,
    version,
    u16(34 + body.length),
    i % 3,
    0,
    u16(flags),
    u32(0),
    u16(i * 100),
    u16(i),
    u32(0),
    portId(1),
    u16(i),
    [0, 1, 2, 3, 4, 5, 7][type % 7]!,
    i % 2 ? 0xfd : 0,
  );
  return bytes(hdr, body);
}

const packets = Array.from({ length: 34 }, (_, i) => {
  const p = ptp(i);
  if (i % 2) {
    return { data: ether(0x88f7, i >= 30 ? p.subarray(0, 20 + i) : p, "01:1b:19:00:00:00") };
  }
  const dport = [0, 1, 2, 3].includes(p[0]! & 0xf) ? 319 : 320;
  return {
    data: ether(
      0x0800,
      udp4("10.0.0.1", "224.0.1.129", dport, dport, i >= 30 ? p.subarray(0, 12 + i) : p),
      "01:00:5e:00:01:81",
    ),
  };
});

export const PTP_CASES: Case[] = [{ name: "ptp", linkType: 1, packets, link: true }];
