// Telnet commands (RFC 854, options RFC 855 and the option RFCs) as tcpdump 4.99 prints them
// (telnet_print() of print-telnet.c): the IAC sequences at the start of a segment, in brackets.

import { type Ctx, hexOnly } from "./_ctx.ts";

const IAC = 255, SB = 250, SE = 240;
/** telcmds, from xEOF (236) to IAC (255). */
const COMMANDS = [
  "EOF",
  "SUSP",
  "ABORT",
  "EOR",
  "SE",
  "NOP",
  "DMARK",
  "BRK",
  "IP",
  "AO",
  "AYT",
  "EC",
  "EL",
  "GA",
  "SB",
  "WILL",
  "WONT",
  "DO",
  "DONT",
  "IAC",
];
const OPTIONS = [
  "BINARY",
  "ECHO",
  "RCP",
  "SUPPRESS GO AHEAD",
  "NAME",
  "STATUS",
  "TIMING MARK",
  "RCTE",
  "NAOL",
  "NAOP",
  "NAOCRD",
  "NAOHTS",
  "NAOHTD",
  "NAOFFD",
  "NAOVTS",
  "NAOVTD",
  "NAOLFD",
  "EXTEND ASCII",
  "LOGOUT",
  "BYTE MACRO",
  "DATA ENTRY TERMINAL",
  "SUPDUP",
  "SUPDUP OUTPUT",
  "SEND LOCATION",
  "TERMINAL TYPE",
  "END OF RECORD",
  "TACACS UID",
  "OUTPUT MARKING",
  "TTYLOC",
  "3270 REGIME",
  "X.3 PAD",
  "NAWS",
  "TSPEED",
  "LFLOW",
  "LINEMODE",
  "XDISPLOC",
  "OLD-ENVIRON",
  "AUTHENTICATION",
  "ENCRYPT",
  "NEW-ENVIRON",
];
const SUB_CMDS = ["IS", "SEND", "INFO"];
const AUTH_CMDS = ["IS", "SEND", "REPLY", "NAME"];
const AUTH_TYPES = [
  "NULL",
  "KERBEROS_V4",
  "KERBEROS_V5",
  "SPX",
  "MINK",
  "SRP",
  "RSA",
  "SSL",
  "",
  "",
  "LOKI",
  "SSA",
  "KEA_SJ",
  "KEA_SJ_INTEG",
  "DSS",
  "NTLM",
];
const ENC_CMDS = [
  "IS",
  "SUPPORT",
  "REPLY",
  "START",
  "END",
  "REQUEST-START",
  "REQUEST-END",
  "END_KEYID",
  "DEC_KEYID",
];
const ENC_TYPES = [
  "NULL",
  "DES_CFB64",
  "DES_OFB64",
  "DES3_CFB64",
  "DES3_OFB64",
  "",
  "CAST5_40_CFB64",
  "CAST5_40_OFB64",
  "CAST128_CFB64",
  "CAST128_OFB64",
];

/** C's "%#x": 0 stays "0". */
const altHex = (x: number) => (x === 0 ? "0" : `0x${x.toString(16)}`);
/** STR_OR_ID(): the table's name, or the number. */
const strOrId = (x: number, table: readonly string[]) => table[x] || altHex(x);

/**
 * telnet_parse(): the length of the command at `sp`, or -1 when it is not a whole command;
 * printed when `print`.
 */
function parse(c: Ctx, sp: number, length: number, print: boolean): number {
  const osp = sp;
  const out = (s: string) => {
    if (print) c.print(s);
  };
  const fetch = (): number => {
    if (length < 1) return -1;
    length--;
    return c.u8(sp++);
  };
  let ch = fetch();
  if (ch !== IAC) return -1;
  ch = fetch();
  if (ch < 0) return -1;
  if (ch === IAC) {
    out("IAC IAC");
    return sp - osp;
  }
  const i = ch - 236;
  if (i < 0) return -1;
  if (ch < SB || ch === IAC) {
    out(COMMANDS[i]!);
    return sp - osp;
  }
  // DONT/DO/WONT/WILL x, SB x ... IAC SE
  const x = fetch();
  if (x < 0) return -1;
  out(x < OPTIONS.length ? `${COMMANDS[i]} ${OPTIONS[x]}` : `${COMMANDS[i]} ${altHex(x)}`);
  if (ch !== SB) return sp - osp;
  let p = sp;
  while (length > p + 1 - sp) {
    if (c.u8(p) === IAC && c.u8(p + 1) === SE) break;
    p++;
  }
  if (c.u8(p) !== IAC) return -1;
  const tables = x === 37 ? [AUTH_CMDS, AUTH_TYPES] : x === 38 ? [ENC_CMDS, ENC_TYPES] : [SUB_CMDS];
  for (const table of tables) {
    if (p <= sp) break;
    const v = fetch();
    if (v < 0) return -1;
    out(` ${strOrId(v, table)}`);
  }
  while (p > sp) {
    const v = fetch();
    if (v < 0) return -1;
    out(` ${altHex(v)}`);
  }
  out(" SE");
  sp += 2;
  return sp - osp;
}

/**
 * telnet_print(): the IAC commands that start the segment of `length` bytes at `sp`; with -X
 * and -vvv, each on its own line after its bytes in hex, offsets from the segment's start.
 */
export function telnetPrint(c: Ctx, sp: number, length: number): void {
  c.proto = "telnet";
  const osp = sp;
  const dump = c.f.X && c.f.v > 2;
  let first = true;
  while (length > 0 && c.u8(sp) === IAC) {
    const l = parse(c, sp, length, false);
    if (l < 0) break;
    if (dump) {
      if (first) c.print("\nTelnet:");
      c.print(hexOnly(c.b, sp, Math.min(l, c.end - sp), "\n", sp - osp));
      c.print(l > 8 ? "\n\t\t\t\t" : `${" ".repeat((8 - l) * 3)}\t`);
    } else c.print(first ? " [telnet " : ", ");
    parse(c, sp, length, true);
    first = false;
    sp += l;
    length -= l;
  }
  if (!first) c.print(dump ? "\n" : "]");
}
