// MSTP (IEEE 802.1Q-2005 section 14) and SPB (802.1aq) BPDUs as tcpdump 4.99 prints them
// (print-stp.c): the length checks stp_print() makes first, the CIST, each MSTI and, for SPB,
// the version 4 part; stp_print() hands over after the BPDU type.

import { bits, type Ctx, hex, printjnpOut } from "./_ctx.ts";

const FLAGS = [
  [0x01, "Topology change"],
  [0x02, "Proposal"],
  [0x10, "Learn"],
  [0x20, "Forward"],
  [0x40, "Agreement"],
  [0x80, "Topology change ACK"],
] as const;
const role = (f: number) => ["Unknown", "Alternate", "Root", "Designated"][(f >> 2) & 3];
const bridgeId = (c: Ctx, at: number) => `${hex(c.u16(at))}.${c.plainMac(at + 2)}`;

/** An STP time (1/256 s) as printf("%.2f") rounds it: exact ties to the even hundredth. */
function time(v: number): string {
  let q = Math.floor(v * 100 / 256);
  const r = (v * 100) % 256;
  if (r > 128 || (r === 128 && (q & 1) === 1)) q++;
  return `${Math.floor(q / 100)}.${String(q % 100).padStart(2, "0")}`;
}

/** The MSTP/SPB part of stp_print() for `length` bytes at `off` (the BPDU's start). */
export function mstpPrint(c: Ctx, off: number, length: number): void {
  c.proto = "stp";
  const invalid = () => c.print(" (invalid)");
  if (length < 102) return invalid();
  if (c.u8(off + 35) !== 0) return invalid();
  const mstpLen = c.u16(off + 36) + 2;
  if (length < 36 + mstpLen) return invalid();
  cist(c, off, length);
  if (c.u8(off + 2) !== 4) return;
  const spbLen = c.u16(off + 36 + mstpLen) + 2;
  if (length < 36 + mstpLen + spbLen || spbLen < 87) return invalid();
  if (c.f.v) spb(c, off + 36 + mstpLen);
}

/** stp_print_mstp_bpdu(). */
function cist(c: Ctx, p: number, length: number): void {
  const flags = c.u8(p + 4);
  c.print(`, CIST Flags [${bits(FLAGS, "none", flags)}], length ${length}`);
  if (!c.f.v) return;
  c.print(`\n\tport-role ${role(flags)}, `);
  c.print(`CIST root-id ${bridgeId(c, p + 5)}, CIST ext-pathcost ${c.u32(p + 13)}`);
  c.print(`\n\tCIST regional-root-id ${bridgeId(c, p + 17)}, `);
  c.print(`CIST port-id ${hex(c.u16(p + 25))},`);
  c.print(
    `\n\tmessage-age ${time(c.u16(p + 27))}s, max-age ${time(c.u16(p + 29))}s, hello-time ${
      time(c.u16(p + 31))
    }s, forwarding-delay ${time(c.u16(p + 33))}s`,
  );
  c.print(`\n\tv3len ${c.u16(p + 36)}, `);
  c.print("MCID Name ");
  printjnpOut(c, p + 39, 32);
  c.print(
    `, rev ${c.u16(p + 71)},\n\t\tdigest ${hex(c.u32(p + 73), 8)}${hex(c.u32(p + 77), 8)}${
      hex(c.u32(p + 81), 8)
    }${hex(c.u32(p + 85), 8)}, `,
  );
  c.print(`CIST int-root-pathcost ${c.u32(p + 89)},`);
  c.print(`\n\tCIST bridge-id ${bridgeId(c, p + 93)}, `);
  c.print(`CIST remaining-hops ${c.u8(p + 101)}`);
  const v3len = c.u16(p + 36);
  if (v3len <= 64) return;
  for (let len = v3len - 64, o = p + 102; len >= 16; len -= 16, o += 16) {
    const msti = c.u16(o + 1) & 0x0fff, mf = c.u8(o);
    c.print(`\n\tMSTI ${msti}, Flags [${bits(FLAGS, "none", mf)}], port-role ${role(mf)}`);
    c.print(`\n\t\tMSTI regional-root-id ${bridgeId(c, o + 1)}, pathcost ${c.u32(o + 9)}`);
    c.print(
      `\n\t\tMSTI bridge-prio ${c.u8(o + 13) >> 4}, port-prio ${c.u8(o + 14) >> 4}, hops ${
        c.u8(o + 15)
      }`,
    );
  }
}

/** stp_print_spb_bpdu(): the version 4 part at `p`. */
function spb(c: Ctx, p: number): void {
  c.print(`\n\tv4len ${c.u16(p)}, `);
  c.print("AUXMCID Name ");
  printjnpOut(c, p + 3, 32);
  c.print(
    `, Rev ${c.u16(p + 35)},\n\t\tdigest ${hex(c.u32(p + 37), 8)}${hex(c.u32(p + 41), 8)}${
      hex(c.u32(p + 45), 8)
    }${hex(c.u32(p + 49), 8)}`,
  );
  const a = c.u8(p + 53), fmt = c.u8(p + 55), con = c.u8(p + 56);
  let digest = "";
  for (let i = 0; i < 5; i++) digest += hex(c.u32(p + 67 + 4 * i), 8);
  c.print(
    `\n\tAgreement num ${a >> 6}, Discarded Agreement num ${(a >> 4) & 3}, Agreement valid-flag ${
      (a >> 3) & 1
    },\n\tRestricted role-flag: ${(a >> 2) & 1}, Format id ${fmt >> 4} cap ${fmt}, Convention id ${
      con >> 4
    } cap ${con},\n\tEdge count ${c.u16(p + 57)}, Agreement digest ${digest}`,
  );
}
