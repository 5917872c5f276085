// Two Ethernet-only protocols as tcpdump 4.99 prints them: MAC Control (EtherType 0x8808, the
// 802.3x PAUSE frame and 802.3ah's Multi-Point Control Protocol, print-mpcp.c) and Realtek's
// switch protocols (0x8899: RRCP, REP, RLDP and the DSA tags, print-realtek.c).

import { bits, type Ctx, hex, tok } from "./_ctx.ts";

const OPCODE: Record<number, string> = {
  1: "Pause",
  2: "Gate",
  3: "Report",
  4: "Register Request",
  5: "Register",
  6: "Register ACK",
};
const GRANT_FLAGS = [
  [0x08, "Discovery"],
  [0x10, "Force Grant #1"],
  [0x20, "Force Grant #2"],
  [0x40, "Force Grant #3"],
  [0x80, "Force Grant #4"],
] as const;
const REG_REQ_FLAGS = [[1, "Register"], [3, "De-Register"]] as const;
const REG_FLAGS = [[1, "Re-Register"], [2, "De-Register"], [3, "ACK"], [4, "NACK"]] as const;
const REG_ACK_FLAGS = [[0, "NACK"], [1, "ACK"]] as const;
const QUEUES = [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80].map((b, i) =>
  [b, `Q${i}`] as const
);

/** mpcp_print(): the opcode line; with -v the fields of a gate, report or registration. */
export function mpcpPrint(c: Ctx, p: number, length: number): void {
  c.proto = "mpcp";
  const opcode = c.u16(p), timestamp = c.u32(p + 2);
  c.print(`MPCP, Opcode ${tok(OPCODE, "Unknown (%u)", opcode)}`);
  if (opcode !== 1) c.print(`, Timestamp ${timestamp} ticks`);
  c.print(`, length ${length}`);
  if (!c.f.v) return;
  let t = p + 6;
  switch (opcode) {
    case 1:
      break;
    case 2: {
      const grants = c.u8(t) & 7;
      c.print(`\n\tGrant Numbers ${grants}, Flags [ ${bits(GRANT_FLAGS, "?", c.u8(t) & ~7)} ]`);
      t++;
      for (let g = 1; g <= grants; g++) {
        c.print(`\n\tGrant #${g}, Start-Time ${c.u32(t)} ticks, duration ${c.u16(t + 4)} ticks`);
        t += 6;
      }
      c.print(`\n\tSync-Time ${c.u16(t)} ticks`);
      break;
    }
    case 3: {
      const sets = c.u8(t);
      t++;
      c.print(`\n\tTotal Queue-Sets ${sets}`);
      // as print-mpcp.c has it: one set fewer than announced, each titled with the total
      for (let set = 1; set < sets; set++) {
        let bitmap = c.u8(t);
        c.print(`\n\t  Queue-Set #${sets}, Report-Bitmap [ ${bits(QUEUES, "Unknown", bitmap)} ]`);
        t++;
        for (let q = 1; bitmap !== 0; q++, bitmap >>= 1) {
          if (bitmap & 1) {
            c.print(`\n\t    Q${q} Report, Duration ${c.u16(t)} ticks`);
            t += 2;
          }
        }
      }
      break;
    }
    case 4: {
      const flags = c.u8(t), pending = c.u8(t + 1);
      c.print(
        `\n\tFlags [ ${bits(REG_REQ_FLAGS, "Reserved", flags)} ], Pending-Grants ${pending}`,
      );
      break;
    }
    case 5: {
      const port = c.u16(t), flags = c.u8(t + 2), sync = c.u16(t + 3), echoed = c.u8(t + 5);
      c.print(
        `\n\tAssigned-Port ${port}, Flags [ ${
          bits(REG_FLAGS, "Reserved", flags)
        } ]\n\tSync-Time ${sync} ticks, Echoed-Pending-Grants ${echoed}`,
      );
      break;
    }
    case 6: {
      const flags = c.u8(t), port = c.u16(t + 1), sync = c.u16(t + 3);
      c.print(
        `\n\tEchoed-Assigned-Port ${port}, Flags [ ${
          bits(REG_ACK_FLAGS, "Reserved", flags)
        } ]\n\tEchoed-Sync-Time ${sync} ticks`,
      );
      break;
    }
    default:
      c.hexData(p, "\n\t", length);
  }
}

const RRCP_OPCODE: Record<number, string> = { 0: "hello", 1: "get", 2: "set" };

/** rtl_print(): `macOff` is the Ethernet header whose addresses it repeats (-1: none). */
export function rtlPrint(c: Ctx, p: number, _length: number, macOff: number): void {
  c.proto = "rtl";
  if (macOff >= 0) c.print(`${c.mac(macOff + 6)} > ${c.mac(macOff)}, `);
  const proto = c.u8(p);
  if (proto === 0x01) rrcpPrint(c, p);
  else if (proto === 0x02) c.print("REP");
  else if (proto === 0x03 || proto === 0x23) c.print("RLDP");
  else if (proto === 0x04) c.print("Realtek 8-byte DSA tag");
  else if ((proto & 0xf0) === 0x90) c.print("Realtek RTL8306 4-byte DSA tag");
  else if ((proto & 0xf0) === 0xa0) c.print("Realtek RTL8366RB 4-byte DSA tag");
  else c.print(`Realtek unknown type 0x${hex(proto, 2)}`);
}

function le16(c: Ctx, off: number): number {
  return c.u8(off) | (c.u8(off + 1) << 8);
}

function rrcpPrint(c: Ctx, p: number): void {
  c.proto = "rrcp";
  const op = c.u8(p + 1), opcode = op & 0x7f, reply = (op & 0x80) !== 0;
  c.print(
    `RRCP ${reply ? "reply" : "query"}: ${
      tok(RRCP_OPCODE, `unknown opcode (0x${hex(opcode, 2)})`, opcode)
    }`,
  );
  if (opcode === 1 || opcode === 2) {
    const addr = le16(c, p + 4);
    const data = (le16(c, p + 6) | (le16(c, p + 8) << 16)) >>> 0;
    c.print(` addr=0x${hex(addr, 4)}, data=0x${hex(data, 8)}`);
  }
  c.print(`, auth=0x${hex(c.u16(p + 2), 4)}`);
  if (opcode === 0 && reply) {
    const down = c.u8(p + 4), up = c.u8(p + 5), mac = c.mac(p + 6);
    const vendor = c.u32(p + 14), chip = c.u16(p + 12);
    c.print(
      ` downlink_port=${down}, uplink_port=${up}, uplink_mac=${mac}, vendor_id=${
        hex(vendor, 8)
      } ,chip_id=${hex(chip, 4)} `,
    );
  } else if (opcode === 1 || opcode === 2) {
    c.print(`, cookie=0x${hex(c.u32(p + 14), 8)}${hex(c.u32(p + 10), 8)} `);
  }
}
