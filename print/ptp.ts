// PTP (IEEE 1588) as tcpdump 4.99 prints it (print-ptp.c): the version 2 common header and the
// body of each message type; version 1 is "not implemented" there too.

import { bits, type Ctx, tok } from "./_ctx.ts";

const MSG: Record<number, string> = {
  0x0: "sync msg",
  0x1: "delay req msg",
  0x2: "peer delay req msg",
  0x3: "peer delay resp msg",
  0x8: "follow up msg",
  0x9: "delay resp msg",
  0xa: "pdelay resp fup msg",
  0xb: "announce msg",
  0xc: "signalling msg",
  0xd: "management msg",
};
const CONTROL: Record<number, string> = {
  0: "Sync",
  1: "Delay_Req",
  2: "Follow_Up",
  3: "Delay_Resp",
  4: "Management",
  5: "Other",
};
const FLAGS = [
  [0x1, "l1 61"],
  [0x2, "l1 59"],
  [0x4, "utc reasonable"],
  [0x8, "timescale"],
  [0x10, "time tracable"],
  [0x20, "frequency tracable"],
  [0x100, "alternate master"],
  [0x200, "two step"],
  [0x400, "unicast"],
  [0x1000, "profile specific 1"],
  [0x2000, "profile specific 2"],
  [0x4000, "security mask"],
  [0x18c0, "unknown"],
] as const;

/** A 48-bit big-endian value. */
const u48 = (c: Ctx, p: number) => c.u16(p) * 2 ** 32 + c.u32(p + 2);
/** A 64-bit value in hex. */
const hex64 = (c: Ctx, p: number) =>
  "0x" + ((BigInt(c.u32(p)) << 32n) | BigInt(c.u32(p + 4))).toString(16);

/** ptp_print(): a PTP message on UDP 319/320 or EtherType 0x88f7. */
export function ptpPrint(c: Ctx, bp: number, length: number): void {
  c.proto = "ptp";
  // shorter than the common header: tcpdump 4.99.3 says so and prints nothing of it
  if (length < 34) return c.print(` [length ${length} < 34] (invalid)`);
  const version = c.u16(bp) & 0xff;
  c.print(`PTPv${version}`);
  if (version === 1) return c.print(" (not implemented)");
  if (version !== 2) return;
  const b0 = c.u8(bp);
  c.print(`, v1 compat : ${b0 & 0x10 ? "yes" : "no"}`);
  const type = b0 & 0x0f;
  c.print(`, msg type : ${tok(MSG, "Reserved", type)}`);
  c.print(`, length : ${c.u16(bp + 2)}`);
  c.print(`, domain : ${c.u8(bp + 4)}`);
  c.print(`, reserved1 : ${c.u8(bp + 5)}`);
  c.print(`, Flags [${bits(FLAGS, "none", c.u16(bp + 6))}]`);
  c.print(`, NS correction : ${u48(c, bp + 8)}`);
  c.print(`, sub NS correction : ${c.u16(bp + 14)}`);
  c.print(`, reserved2 : ${c.u32(bp + 16)}`);
  c.print(`, clock identity : ${hex64(c, bp + 20)}`);
  c.print(`, port id : ${c.u16(bp + 28)}`);
  c.print(`, seq id : ${c.u16(bp + 30)}`);
  const control = c.u8(bp + 32);
  c.print(`, control : ${control} (${tok(CONTROL, "Reserved", control)})`);
  c.print(`, log message interval : ${c.u8(bp + 33)}`);
  const p = bp + 34;
  const stamp = (name: string) => {
    c.print(`, ${name} : ${u48(c, p)} seconds`);
    c.print(`, ${c.u32(p + 6)} nanoseconds`);
  };
  const portId = (at: number) => {
    c.print(`, port identity : ${hex64(c, at)}`);
    c.print(`, port id : ${c.u16(at + 8)}`);
  };
  switch (type) {
    case 0x0:
    case 0x1:
      return stamp("originTimeStamp");
    case 0x8:
      return stamp("preciseOriginTimeStamp");
    case 0x2:
    case 0xa:
      stamp("preciseOriginTimeStamp");
      return portId(p + 10);
    case 0x3:
    case 0x9:
      stamp("receiveTimeStamp");
      return portId(p + 10);
    case 0xb: {
      c.print(`, originTimeStamp : ${u48(c, p)} seconds`);
      c.print(` ${c.u32(p + 6)} nanoseconds`);
      const a = p + 10;
      c.print(`, origin cur utc :${c.u16(a)}`);
      c.print(`, rsvd : ${c.u8(a + 2)}`);
      c.print(`, gm priority_1 : ${c.u8(a + 3)}`);
      c.print(`, gm clock class : ${c.u8(a + 4)}`);
      c.print(`, gm clock accuracy : ${c.u8(a + 5)}`);
      c.print(`, gm clock variance : ${c.u16(a + 6)}`);
      c.print(`, gm priority_2 : ${c.u8(a + 8)}`);
      c.print(`, gm clock id : ${hex64(c, a + 9)}`);
      c.print(`, steps removed : ${c.u16(a + 17)}`);
      c.print(`, time source : 0x${c.u8(a + 19).toString(16)}`);
      return;
    }
    case 0xc:
      return portId(p);
    case 0xd:
      portId(p);
      // 4.99's print_field() reads each of the four fields at the start of the body
      c.print(`, , start boundary hops  ${c.u8(p)}`);
      c.print(`, , boundary hops  ${c.u8(p)}`);
      c.print(`, , flags  0x${c.u8(p).toString(16)}`);
      c.print(`, , reserved  0x${c.u8(p).toString(16)}`);
      return;
  }
}
