// Golden corpus case for three TCP printers picked by port: RESP (Redis, 6379) with every kind
// of item, pipelining, nesting, the lengths it refuses and items cut short; BEEP (10288) with
// each frame keyword; MSDP (639) with source-active messages (entries, encapsulated data),
// requests, keepalives, notifications, unknown types, bad lengths and several in one segment.

import { bytes, ether, ipv4, tcp4, u16 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const text = (s: string) => new TextEncoder().encode(s);
const seg = (sport: number, dport: number, payload: Uint8Array): Packet => ({
  data: ether(0x0800, tcp4("10.50.0.1", "10.50.0.2", sport, dport, 0x18, payload)),
});

const RESP = [
  "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n",
  "+OK\r\n",
  "-ERR unknown command 'FOO'\r\n",
  ":1000\r\n",
  ":-42\r\n",
  "$-1\r\n",
  "*-1\r\n",
  "$0\r\n\r\n",
  "*0\r\n",
  "*2\r\n*2\r\n:1\r\n:2\r\n$1\r\nx\r\n",
  "*2\r\n$4\r\nINCR\r\n$1\r\nz\r\n*2\r\n$4\r\nINCR\r\n$1\r\nz\r\n",
  "PING\r\nPING\r\nPING\r\n",
  "\r\n\r\nPING\n",
  "GET foo\n",
  "$99999999999\r\n",
  "$2147483648\r\n",
  "$2147483647\r\n",
  "$-2\r\n",
  "$-0\r\n",
  "$x\r\n+OK\r\n",
  "$3x\r\n",
  "$3\rx",
  "*1\r\n$4\r\nPING",
  "$5\r\nab\r\n",
  "*3\r\n$3\r\nGET\r\n",
  "+no end",
  "$3\r\nabc",
  "$3\r\nabcdef\r\n",
];
const packets: Packet[] = [];
for (const r of RESP) packets.push(seg(40000, 6379, text(r)), seg(6379, 40000, text(r)));
packets.push(seg(40000, 6379, bytes("2a310d0a24340d0a", "00017f80", "0d0a")));
const cut = seg(40000, 6379, text("*2\r\n$4\r\nECHO\r\n$11\r\nhello world\r\n"));
for (const keep of [56, 60, 64, 70, 75, 80, 85]) {
  packets.push({ data: cut.data.subarray(0, keep), wireLen: cut.data.length });
}

for (
  const frame of [
    "MSG 1 2 . 0 10\r\n",
    "MSG\0",
    "RPY 1 2 . 0 5\r\n",
    "ERR 0 1",
    "ANS x",
    "NUL 1",
    "SEQ 1 0 4096\r\n",
    "END\0",
    "END\r\n",
    "MS",
    "HELLO",
  ]
) {
  packets.push(seg(40000, 10288, text(frame)));
}

const inner = ipv4(
  "10.60.0.1",
  "239.1.1.1",
  17,
  bytes(u16(5000), u16(5001), u16(12), u16(0), "01020304"),
);
const sa = (type: number, entries: number, data: Uint8Array = new Uint8Array(0)) => {
  const body = bytes(
    entries,
    "0a3c0001",
    ...Array.from({ length: entries }, (_, i) => bytes("000000", 32, "ef010101", 10, 60, 0, i + 1)),
    data,
  );
  return bytes(type, u16(3 + body.length), body);
};
const MSDP = [
  sa(1, 1),
  sa(1, 2),
  sa(3, 1),
  sa(1, 1, inner),
  bytes(2, u16(8), 0, "ef010101"),
  bytes(2, u16(9), 0, "ef01010100"),
  bytes(4, u16(3)),
  bytes(4, u16(4), 0),
  bytes(5, u16(8), "0102030405"),
  bytes(6, u16(5), "0102"),
  bytes(4, u16(3), 4, u16(3), 4, u16(3)),
  bytes(sa(1, 1), bytes(4, u16(3))),
  bytes(4, u16(2)),
  bytes(1, u16(3)),
  bytes(2, u16(6), 0, 0, 0),
  bytes(4, u16(1600)),
  bytes(4, u16(1450), new Uint8Array(1447)),
  bytes(0, u16(3)),
  bytes(8, u16(3)),
  bytes(4, u16(3), 1),
  bytes(4, u16(3), 4, u16(9)),
];
for (const m of MSDP) packets.push(seg(40000, 639, m), seg(639, 40000, m));
const big = seg(40000, 639, sa(1, 3, inner));
for (const keep of [56, 60, 62, 70, 90, 110]) {
  packets.push({ data: big.data.subarray(0, keep), wireLen: big.data.length });
}

// tcp_print()'s order: each pair of ports whose printers differ, the lower-ranked port as source
const ORDER = [23, 25, 43, 179, 6379, 22, 10288, 6653, 21, 80, 554, 53, 639, 646, 2049];
const line = text("SSH-2.0-x\r\n");
for (let i = 0; i < ORDER.length; i++) {
  for (let j = i + 1; j < ORDER.length; j++) packets.push(seg(ORDER[j]!, ORDER[i]!, line));
}

export const TCP_APP_CASES: Case[] = [{ name: "tcp_apps", linkType: 1, packets }];
