// BFD (RFC 5880/5881/5883, draft-ietf-bfd-base-01 for v0) as tcpdump 4.99 prints it
// (print-bfd.c): control packets on the single-hop, multihop and LAG ports, echo packets.

import { bits, type Ctx, hex, printn, tok } from "./_ctx.ts";

const DIAG: Record<number, string> = {
  0: "No Diagnostic",
  1: "Control Detection Time Expired",
  2: "Echo Function Failed",
  3: "Neighbor Signaled Session Down",
  4: "Forwarding Plane Reset",
  5: "Path Down",
  6: "Concatenated Path Down",
  7: "Administratively Down",
  8: "Reverse Concatenated Path Down",
};
const PORT: Record<number, string> = { 3784: "Control", 4784: "Multihop", 6784: "Lag" };
const AUTH_FLAG = 0x04;
const V0_FLAGS = [
  [0x80, "I Hear You"],
  [0x40, "Demand"],
  [0x20, "Poll"],
  [0x10, "Final"],
  [0x08, "Control Plane Independent"],
  [AUTH_FLAG, "Authentication Present"],
  [0x02, "Reserved"],
  [0x01, "Reserved"],
] as const;
const V1_FLAGS = [
  [0x20, "Poll"],
  [0x10, "Final"],
  [0x08, "Control Plane Independent"],
  [AUTH_FLAG, "Authentication Present"],
  [0x02, "Demand"],
  [0x01, "Multipoint"],
] as const;
const STATE: Record<number, string> = { 0: "AdminDown", 1: "Down", 2: "Init", 3: "Up" };
const AUTH: Record<number, string> = {
  1: "Simple Password",
  2: "Keyed MD5",
  3: "Meticulous Keyed MD5",
  4: "Keyed SHA1",
  5: "Meticulous Keyed SHA1",
};

/** bfd_print(): `port` is the UDP destination port, which names the packet's kind. */
export function bfdPrint(c: Ctx, p: number, len: number, port: number): void {
  c.proto = "bfd";
  if (port === 3785) {
    c.print(`BFD, Echo, length: ${len}`);
    if (c.f.v) c.hexData(p, "\n\t", len);
    return;
  }
  c.need(p, 24); // print-bfd.c: ND_LONGJMP_FROM_TCHECK (a cut dumps the whole packet at -x)
  const vd = c.u8(p), version = vd >> 5, diag = vd & 0x1f, flags = c.u8(p + 1);
  const where = tok(PORT, "unknown (%u)", port);
  let what: string;
  if (version === 0) what = `Control, Flags: [${bits(V0_FLAGS, "none", flags)}]`;
  else if (version === 1) {
    what = `${where}, State ${tok(STATE, "unknown (%u)", flags >> 6)}, Flags: [${
      bits(V1_FLAGS, "none", flags & 0x3f)
    }]`;
  } else {
    c.print(`BFDv${version}, Control, length: ${len}`);
    if (c.f.v) c.hexData(p, "\n\t", len);
    return;
  }
  if (!c.f.v) return c.print(`BFDv${version}, ${what}, length: ${len}`);
  const mult = c.u8(p + 2), tx = c.u32(p + 12);
  c.print(
    `BFDv${version}, length: ${len}\n\t${what}, Diagnostic: ${tok(DIAG, "unknown", diag)} (0x${
      hex(diag, 2)
    })`,
  );
  c.print(
    `\n\tDetection Timer Multiplier: ${mult} (${
      Math.floor((mult * tx >>> 0) / 1000)
    } ms Detection time), BFD Length: ${c.u8(p + 3)}`,
  );
  c.print(`\n\tMy Discriminator: 0x${hex(c.u32(p + 4), 8)}`);
  c.print(`, Your Discriminator: 0x${hex(c.u32(p + 8), 8)}`);
  const ms = (v: number) => String(Math.floor(v / 1000)).padStart(4);
  c.print(`\n\t  Desired min Tx Interval:    ${ms(tx)} ms`);
  c.print(`\n\t  Required min Rx Interval:   ${ms(c.u32(p + 16))} ms`);
  c.print(`\n\t  Required min Echo Interval: ${ms(c.u32(p + 20))} ms`);
  if (flags & AUTH_FLAG) authPrint(c, p + 24);
}

/** auth_print(): the optional authentication section after the 24-byte header. */
function authPrint(c: Ctx, p: number): void {
  c.tcheck(p, 4);
  const type = c.u8(p), len = c.u8(p + 1);
  c.print(`\n\tAuthentication: ${tok(AUTH, "Unknown", type)} (${type}), length: ${len}`);
  c.print(`\n\t  Auth Key ID: ${c.u8(p + 2)}`);
  const digest = (name: string, fieldLen: number, hashLen: number) => {
    if (len !== fieldLen) return c.print(`[invalid length ${len}]`);
    c.print(`, Sequence Number: 0x${hex(c.u32(p + 4), 8)}`);
    c.tcheck(p + 8, hashLen);
    let s = "";
    for (let i = 0; i < hashLen; i++) s += hex(c.u8(p + 8 + i), 2);
    c.print(`\n\t  ${name}: ${s}`);
  };
  switch (type) {
    case 1:
      if (len < 4 || len > 19) return c.print(`[invalid length ${len}]`);
      c.print(", Password: ");
      // nd_printjn(): a character at a time, so a cut shows the captured part first
      for (let i = 0; i < len - 3; i++) c.print(printn(c, p + 3 + i, 1));
      return;
    case 2:
    case 3:
      return digest("Digest", 24, 16);
    case 4:
    case 5:
      return digest("Hash", 28, 20);
  }
}
