// Golden corpus case for Zephyr notices (UDP 2103 and 2104): messages to a class, instance and
// recipient (or "*"), locate, admin, client and host-manager control opcodes, subscriptions with
// and without their triple, server acks, kinds in hex (unknown, negative, past 32 bits),
// another version, a header missing fields or its last NUL, unprintable and over-long strings;
// against vat's, L2TP's and RX's ports; cut captures.

import { bytes, ether, udp4 } from "./_build.ts";
import type { Packet } from "./_build.ts";
import type { Case } from "./_golden.ts";

const enc = new TextEncoder();
/** NUL-terminated fields. */
const z = (...fields: string[]) => bytes(...fields.map((f) => bytes(enc.encode(f), 0)));
/** A ZEPH0.2 header: kind, class, instance, opcode, sender, recipient, then extra fields. */
const n = (
  kind: string,
  cls: string,
  inst: string,
  op: string,
  sender: string,
  rcpt: string,
  ...more: string[]
) =>
  z(
    "ZEPH0.2",
    "11",
    kind,
    "uid12345",
    "1a2b",
    "0",
    "0",
    "",
    cls,
    inst,
    op,
    sender,
    rcpt,
    "fmt",
    "0",
    "0",
    "muid",
    ...more,
  );

const bodies: [number, number, Uint8Array][] = [
  [2104, 2103, n("2", "MESSAGE", "PERSONAL", "", "alice@ATHENA", "bob@ATHENA")],
  [2103, 2104, n("1", "message", "Help", "PING", "alice", "")],
  [40000, 2103, n("2", "USER_LOCATE", "bob", "USER_HIDE", "bob", "")],
  [2103, 40000, n("2", "USER_LOCATE", "bob", "USER_UNHIDE", "bob", "")],
  [2103, 2103, n("2", "USER_LOCATE", "carol", "LOCATE", "", "")],
  [2103, 2103, n("2", "ZEPHYR_ADMIN", "x", "Foo_Bar", "srv", "")],
  [2103, 2103, n("1", "ZEPHYR_CTL", "CLIENT", "SUBSCRIBE", "a", "", "message", "*", "")],
  [2103, 2103, n("1", "ZEPHYR_CTL", "CLIENT", "SUBSCRIBE_NODEFS", "a", "", "cls", "inst", "rcpt")],
  [2103, 2103, n("5", "ZEPHYR_CTL", "CLIENT", "SUBSCRIBE_NODEFS", "a", "", "SENT")],
  [2103, 2103, n("1", "ZEPHYR_CTL", "CLIENT", "UNSUBSCRIBE", "a", "", "cls")],
  [2103, 2103, n("1", "ZEPHYR_CTL", "CLIENT", "GIMME", "a", "")],
  [2103, 2103, n("1", "ZEPHYR_CTL", "CLIENT", "GIMMEDEFS", "a", "")],
  [2103, 2103, n("1", "ZEPHYR_CTL", "CLIENT", "CLEARSUB", "a", "")],
  [2103, 2103, n("1", "ZEPHYR_CTL", "CLIENT", "Flush_ALL", "a", "")],
  [2103, 2103, n("4", "ZEPHYR_CTL", "HM", "BOOT", "hm", "")],
  [2103, 2103, n("4", "ZEPHYR_CTL", "REALM", "ADD_SUBSCRIBE", "r", "")],
  [2103, 2103, n("4", "ZEPHYR_CTL", "REALM", "OTHER", "r", "")],
  [2103, 2103, n("4", "ZEPHYR_CTL", "OTHER", "OP", "r", "x")],
  [2103, 2103, n("4", "HM_CTL", "SERVER_SHUTDOWN", "Boot", "", "")],
  [2103, 2103, n("8", "HM_STAT", "HMST_CLIENT", "GIMMESTATS", "", "")],
  [2103, 2103, n("8", "HM_STAT", "HMST_CLIENT", "OTHER", "", "")],
  [2103, 2103, n("3", "WG_CTL", "WG_STARTUP", "Go", "", "")],
  [2103, 2103, n("2", "LOGIN", "x", "USER_FLUSH", "u", "")],
  [2103, 2103, n("2", "LOGIN", "x", "REALM-VISIBLE", "u", "")],
  [2103, 2103, n("2", "LOGIN", "x", "SOMETHING", "u", "")],
  [2103, 2103, n("5", "MESSAGE", "i", "", "s", "r", "LOST")],
  [2103, 2103, n("5", "MESSAGE", "i", "", "s", "r")],
  [2103, 2103, n("0x1f", "MESSAGE", "i", "", "s", "r")],
  [2103, 2103, n("-1", "MESSAGE", "i", "", "s", "r")],
  [2103, 2103, n("ffffffffff", "MESSAGE", "i", "", "s", "r")],
  [2103, 2103, n("  7zz", "MESSAGE", "i", "", "s", "r")],
  [2103, 2103, n("", "MESSAGE", "i", "", "s", "r")],
  [2103, 2103, n("1", "MESSAGE", "i", "", "s\x81\x09x", "r")],
  [2103, 2103, n("1", "C".repeat(300), "i", "", "s", "r")],
  [2103, 2103, n("1", "ZEPHYR_ADMIN", "x", "O".repeat(300), "srv", "")],
  [2103, 2103, z("ZEPH0.3", "1")],
  [2103, 2103, z("ZEPH0.3", ...Array(16).fill("x"))],
  [2103, 2103, z("ZEPHYR\x01", ...Array(16).fill(""))],
  [2103, 2103, z("ZEPHYR", "1", "2")],
  [2103, 2103, z("HELLO", "1")],
  [2103, 2103, z("ZEPH0.2", "11", "2", "uid")],
  [2103, 2103, bytes(n("2", "MESSAGE", "PERSONAL", "", "a", "b").subarray(0, 60))],
  [2103, 2103, enc.encode("ZEPH0.2")],
  [2103, 2103, new Uint8Array(0)],
  [2103, 3456, n("2", "MESSAGE", "PERSONAL", "", "a", "b")],
  [1701, 2103, n("2", "MESSAGE", "PERSONAL", "", "a", "b")],
  [2104, 7001, n("2", "MESSAGE", "PERSONAL", "", "a", "b")],
];
const packets: Packet[] = bodies.map(([s, d, b]) => ({
  data: ether(0x0800, udp4("10.150.0.1", "10.150.0.2", s, d, b)),
}));
const w = packets[6]!.data;
for (const k of [42, 45, 49, 50, 55, 70, 80, 95, 100, 105, 108, 112, 117, 118, 120, 125, 127]) {
  packets.push({ data: w.subarray(0, k), wireLen: w.length });
}

export const ZEPHYR_CASES: Case[] = [{ name: "zephyr", linkType: 1, packets }];
