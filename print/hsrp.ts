// Cisco HSRP version 0/1 (RFC 2281) as tcpdump 4.99 prints it (print-hsrp.c).

import { type Ctx, printjnpOut, relts, tok } from "./_ctx.ts";

const OP = ["hello", "coup", "resign"];
const STATE: Record<number, string> = {
  0: "initial",
  1: "learn",
  2: "listen",
  4: "speak",
  8: "standby",
  16: "active",
};

/** hsrp_print(). */
export function hsrpPrint(c: Ctx, p: number, len: number): void {
  c.proto = "hsrp";
  const version = c.u8(p);
  c.print(`HSRPv${version}`);
  if (version !== 0) return;
  c.print("-");
  const op = c.u8(p + 1);
  c.print(`${OP[op] ?? `unknown (${op})`} ${len}: `);
  c.print(`state=${tok(STATE, "Unknown (%u)", c.u8(p + 2))} `);
  c.print(`group=${c.u8(p + 6)} `);
  const reserved = c.u8(p + 7);
  if (reserved !== 0) c.print(`[reserved=${reserved}!] `);
  c.print(`addr=${c.ip4(p + 16)}`);
  if (c.f.v) {
    c.print(` hellotime=${relts(c.u8(p + 3))} holdtime=${relts(c.u8(p + 4))}`);
    c.print(` priority=${c.u8(p + 5)} auth="`);
    printjnpOut(c, p + 8, 8);
    c.print(`"`);
  }
}
