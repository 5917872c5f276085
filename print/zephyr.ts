// Zephyr notices (UDP 2103 and 2104) as tcpdump 4.99 prints them (print-zephyr.c): the
// NUL-terminated header fields parsed in order, then one line naming the notice's kind, its
// sender and what it does (subscriptions, locate, admin and control opcodes, or the class,
// instance and recipient a message goes to).

import type { Ctx } from "./_ctx.ts";

const KINDS: Record<number, string> = {
  0: "unsafe",
  1: "unacked",
  2: "acked",
  3: "hm-ack",
  4: "hm-ctl",
  5: "serv-ack",
  6: "serv-nak",
  7: "client-ack",
  8: "stat",
};
const EXPOSURES = new Set([
  "NONE",
  "OPSTAFF",
  "REALM-VISIBLE",
  "REALM-ANNOUNCED",
  "NET-VISIBLE",
  "NET-ANNOUNCED",
]);

/** fn_print_str(): each byte as itself when printable, else with M- and ^ escapes. */
function esc(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    let ch = s.charCodeAt(i);
    if (ch & 0x80) out += "M-", ch &= 0x7f;
    out += ch < 0x20 || ch === 0x7f
      ? "^" + String.fromCharCode(ch ^ 0x40)
      : String.fromCharCode(ch);
  }
  return out;
}

/** str_to_lower(): at most 255 bytes (print-zephyr.c's buffer), A-Z lowered. */
const lower = (s: string) => s.slice(0, 255).replace(/[A-Z]+/g, (m) => m.toLowerCase());

/** z_triple(): "<class,instance,recipient>", "*" for no recipient, cut to 255 bytes. */
const triple = (c: string, i: string, r: string) => `<${c},${i},${r || "*"}>`.slice(0, 255);

/**
 * strtol(s, 0, 16) stored in an int: blanks, a sign, an optional 0x, hex digits; saturated at
 * the 64-bit limits, then the low 32 bits taken as signed.
 */
function hexInt(s: string): number {
  const m = /^[\t\n\v\f\r ]*([+-]?)(?:0[xX](?=[0-9a-fA-F]))?([0-9a-fA-F]*)/.exec(s)!;
  if (!m[2]) return 0;
  let v = BigInt("0x" + m[2]);
  if (m[1] === "-") v = -v;
  const max = (1n << 63n) - 1n;
  if (v > max) v = max;
  if (v < -max - 1n) v = -max - 1n;
  return Number(BigInt.asIntN(32, v));
}

/** zephyr_print(). */
export function zephyrPrint(c: Ctx, cp: number, length: number): void {
  c.proto = "zephyr";
  let p = cp, left = length;
  /** parse_field(): the next NUL-terminated string, or undefined when the datagram ends first. */
  const field = (): string | undefined => {
    let s = "";
    for (;;) {
      if (left <= 0) return undefined;
      const ch = c.u8(p);
      if (ch === 0) break;
      s += String.fromCharCode(ch);
      p++, left--;
    }
    p++, left--;
    return s;
  };
  const version = field();
  if (version === undefined) return c.print(" (invalid)");
  if (!version.startsWith("ZEPH")) return;
  const f: (string | undefined)[] = [];
  for (let i = 0; i < 16; i++) f.push(field());
  if (f.includes(undefined)) return c.print(" (invalid)");
  const kind = hexInt(f[1]!);
  const klass = f[7]!, inst = f[8]!, opcode = f[9]!, sender = f[10]!, recipient = f[11]!;
  c.print(" zephyr");
  if (!version.startsWith("0.2", 4)) return c.print(` v${esc(version.slice(4))}`);
  c.print(` ${KINDS[kind] ?? `type ${kind}`}`);
  if (kind === 5) {
    const ack = field();
    if (ack !== undefined && ack !== "SENT") c.print(`/${esc(lower(ack))}`);
  }
  if (sender) c.print(` ${esc(sender)}`);
  if (klass === "USER_LOCATE") {
    if (opcode === "USER_HIDE") c.print(" hide");
    else if (opcode === "USER_UNHIDE") c.print(" unhide");
    else c.print(` locate ${esc(inst)}`);
    return;
  }
  if (klass === "ZEPHYR_ADMIN") return c.print(` zephyr-admin ${esc(lower(opcode))}`);
  if (klass === "ZEPHYR_CTL") {
    if (inst === "CLIENT") {
      if (opcode === "SUBSCRIBE" || opcode === "SUBSCRIBE_NODEFS" || opcode === "UNSUBSCRIBE") {
        c.print(
          ` ${opcode !== "SUBSCRIBE" ? "un" : ""}sub${
            opcode === "SUBSCRIBE_NODEFS" ? "-nodefs" : ""
          }`,
        );
        if (kind !== 5) {
          const a = field(), b = field(), r = field();
          if (a !== undefined && b !== undefined && r !== undefined) {
            c.print(` ${esc(triple(a, b, r))}`);
          }
        }
        return;
      }
      if (opcode === "GIMME") return c.print(" ret");
      if (opcode === "GIMMEDEFS") return c.print(" gimme-defs");
      if (opcode === "CLEARSUB") return c.print(" clear-subs");
      return c.print(` ${esc(lower(opcode))}`);
    }
    if (inst === "HM") return c.print(` ${esc(lower(opcode))}`);
    if (inst === "REALM") {
      if (opcode === "ADD_SUBSCRIBE") c.print(" realm add-subs");
      if (opcode === "REQ_SUBSCRIBE") c.print(" realm req-subs");
      if (opcode === "RLM_SUBSCRIBE") c.print(" realm rlm-sub");
      if (opcode === "RLM_UNSUBSCRIBE") c.print(" realm rlm-unsub");
      return;
    }
  }
  if (klass === "HM_CTL") return c.print(` hm_ctl ${esc(lower(inst))} ${esc(lower(opcode))}`);
  if (klass === "HM_STAT" && inst === "HMST_CLIENT" && opcode === "GIMMESTATS") {
    return c.print(" get-client-stats");
  }
  if (klass === "WG_CTL") return c.print(` wg_ctl ${esc(lower(inst))} ${esc(lower(opcode))}`);
  if (klass === "LOGIN") {
    if (opcode === "USER_FLUSH") return c.print(" flush_locs");
    if (EXPOSURES.has(opcode)) return c.print(` set-exposure ${esc(lower(opcode))}`);
  }
  c.print(` to ${esc(triple(klass, inst, recipient))}`);
  if (opcode) c.print(` op ${esc(opcode)}`);
}
