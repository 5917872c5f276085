// ATA over Ethernet (AoE r11) as tcpdump 4.99 prints it (print-aoe.c): the v1 header, then the
// ATA, query config, MAC mask list and reserve/release arguments.

import { bits, type Ctx, hex, printn, tok } from "./_ctx.ts";

const CMD: Record<number, string> = {
  0: "Issue ATA Command",
  1: "Query Config Information",
  2: "MAC Mask List",
  3: "Reserve/Release",
};
const FLAGS = [[0x08, "Response"], [0x04, "Error"], [0x02, "MBZ-1"], [0x01, "MBZ-0"]] as const;
const ERR: Record<number, string> = {
  1: "Unrecognized command code",
  2: "Bad argument parameter",
  3: "Device unavailable",
  4: "Config string present",
  5: "Unsupported version",
  6: "Target is reserved",
};
const AFLAGS = [
  [0x80, "MBZ-7"],
  [0x40, "Ext48"],
  [0x20, "MBZ-5"],
  [0x10, "Device"],
  [0x08, "MBZ-3"],
  [0x04, "MBZ-2"],
  [0x02, "Async"],
  [0x01, "Write"],
] as const;
const CCMD: Record<number, string> = {
  0: "read config string",
  1: "test config string",
  2: "test config string prefix",
  3: "set config string",
  4: "force set config string",
};
const MCMD: Record<number, string> = { 0: "Read Mac Mask List", 1: "Edit Mac Mask List" };
const MERR: Record<number, string> = {
  1: "Unspecified Error",
  2: "Bad DCmd directive",
  3: "Mask list full",
};
const DCMD: Record<number, string> = {
  0: "No Directive",
  1: "Add mac address to mask list",
  2: "Delete mac address from mask list",
};
const RCMD: Record<number, string> = {
  0: "Read reserve list",
  1: "Set reserve list",
  2: "Force set reserve list",
};

/** nd_print_invalid() then a check that the rest was captured (ND_TCHECK_LEN). */
function invalid(c: Ctx, p: number, len: number): void {
  c.print(" (invalid)");
  c.need(p, len);
}

/** aoe_print(): what follows EtherType 0x88a2. */
export function aoePrint(c: Ctx, p: number, len: number): void {
  c.proto = "aoe";
  c.print(`AoE length ${len}`);
  if (len < 1) return invalid(c, p, len);
  const ver = c.u8(p) >> 4;
  c.print(`, Ver ${ver}`);
  if (ver !== 1) return;
  if (len < 10) return invalid(c, p, len);
  const flags = c.u8(p) & 0x0f;
  c.print(`, Flags: [${bits(FLAGS, "none", flags)}]`);
  if (!c.f.v) return;
  if (flags & 0x04) c.print(`\n\tError: ${tok(ERR, "Invalid (%u)", c.u8(p + 1))}`);
  c.print(`\n\tMajor: 0x${hex(c.u16(p + 2))}`);
  c.print(`, Minor: 0x${hex(c.u8(p + 4), 2)}`);
  const command = c.u8(p + 5);
  c.print(`, Command: ${tok(CMD, "Unknown (0x%02x)", command)}`);
  c.print(`, Tag: 0x${hex(c.u32(p + 6), 8)}`);
  const a = p + 10, alen = len - 10;
  if (command === 0) issue(c, a, alen);
  else if (command === 1) query(c, a, alen);
  else if (command === 2) mac(c, a, alen);
  else if (command === 3) reserve(c, a, alen);
}

function issue(c: Ctx, p: number, len: number): void {
  if (len < 12) return invalid(c, p, len);
  c.print(`\n\tAFlags: [${bits(AFLAGS, "none", c.u8(p))}]`);
  c.print(`, Err/Feature: ${c.u8(p + 1)}`);
  c.print(`, Sector Count: ${c.u8(p + 2)}`);
  c.print(`, Cmd/Status: ${c.u8(p + 3)}`);
  c.print(`\n\tlba0: ${c.u8(p + 4)}`);
  for (let k = 1; k < 6; k++) c.print(`, lba${k}: ${c.u8(p + 4 + k)}`);
  c.need(p + 10, 2);
  if (len - 12) c.print(`\n\tData: ${len - 12} bytes`);
}

function query(c: Ctx, p: number, len: number): void {
  if (len < 8) return invalid(c, p, len);
  c.print(`\n\tBuffer Count: ${c.u16(p)}`);
  c.print(`, Firmware Version: ${c.u16(p + 2)}`);
  c.print(`, Sector Count: ${c.u8(p + 4)}`);
  const v = c.u8(p + 5);
  c.print(`, AoE: ${v >> 4}, CCmd: ${tok(CCMD, "Unknown (0x02x)", v & 0x0f)}`);
  const cslen = c.u16(p + 6);
  p += 8, len -= 8;
  if (cslen > 1024 || cslen > len) return invalid(c, p, len);
  if (cslen) c.print(`\n\tConfig String (length ${cslen}): ${printn(c, p, cslen)}`);
}

function mac(c: Ctx, p: number, len: number): void {
  if (len < 4) return invalid(c, p, len);
  c.print(`\n\tMCmd: ${tok(MCMD, "Unknown (0x%02x)", c.u8(p + 1))}`);
  c.print(`, MError: ${tok(MERR, "Unknown (0x%02x)", c.u8(p + 2))}`);
  const n = c.u8(p + 3);
  p += 4, len -= 4;
  c.print(`, Dir Count: ${n}`);
  if (n * 8 > len) return invalid(c, p, len);
  for (let i = 0; i < n; i++, p += 8, len -= 8) {
    c.print(`\n\t DCmd: ${tok(DCMD, "Unknown (0x%02x)", c.u8(p + 1))}`);
    c.print(`, Ethernet Address: ${c.mac(p + 2)}`);
  }
}

function reserve(c: Ctx, p: number, len: number): void {
  if (len < 2 || (len - 2) % 6) return invalid(c, p, len);
  c.print(`\n\tRCmd: ${tok(RCMD, "Unknown (0x%02x)", c.u8(p))}`);
  const n = c.u8(p + 1);
  p += 2, len -= 2;
  c.print(`, NMacs: ${n}`);
  if (n * 6 !== len) return invalid(c, p, len);
  for (let i = 0; i < n; i++, p += 6) c.print(`\n\tEthernet Address ${i}: ${c.mac(p)}`);
}
