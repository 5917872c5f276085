// TFTP (RFC 1350, options RFC 2347) as tcpdump 4.99 prints it (tftp_print() of print-tftp.c):
// the opcode, then the file name and mode with the options, the block number or the error.

import { type Ctx, printztn, tok } from "./_ctx.ts";

const OPCODES: Record<number, string> = {
  1: "RRQ",
  2: "WRQ",
  3: "DATA",
  4: "ACK",
  5: "ERROR",
  6: "OACK",
};

const ERRORS: Record<number, string> = {
  0: "EUNDEF",
  1: "ENOTFOUND",
  2: "EACCESS",
  3: "ENOSPACE",
  4: "EBADOP",
  5: "EBADID",
  6: "EEXISTS",
  7: "ENOUSER",
};

/** tftp_print(): the TFTP message of `length` bytes at `bp`. */
export function tftpPrint(c: Ctx, bp: number, length: number): void {
  c.proto = "tftp";
  c.print(`TFTP, length ${length}`);
  if (length < 2) return c.trunc();
  const opcode = c.u16(bp);
  const name = OPCODES[opcode];
  c.print(`, ${name ?? `tftp-#${opcode}`}`);
  if (name === undefined) return;
  bp += 2;
  length -= 2;
  /** The NUL-terminated strings up to the end, each after a space unless empty. */
  const strings = (): boolean => {
    while (length !== 0) {
      if (c.u8(bp) !== 0) c.print(" ");
      const n = printztn(c, bp, length);
      if (n === 0) return false;
      bp += n;
      length -= n;
    }
    return true;
  };
  switch (opcode) {
    case 1:
    case 2: {
      if (length === 0) return c.trunc();
      c.print(' "');
      let n = printztn(c, bp, length);
      c.print('"');
      if (n === 0) return c.trunc();
      bp += n;
      length -= n;
      if (length === 0) return c.trunc();
      c.print(" ");
      n = printztn(c, bp, length);
      if (n === 0) return c.trunc();
      bp += n;
      length -= n;
      if (!strings()) return c.trunc();
      break;
    }
    case 6:
      if (!strings()) return c.trunc();
      break;
    case 3:
    case 4:
      if (length < 2) return c.trunc();
      c.print(` block ${c.u16(bp)}`);
      break;
    case 5: {
      if (length < 2) return c.trunc();
      c.print(` ${tok(ERRORS, 'tftp-err-#%u "', c.u16(bp))}`);
      bp += 2;
      length -= 2;
      if (length === 0) return c.trunc();
      c.print(' "');
      const n = printztn(c, bp, length);
      c.print('"');
      if (n === 0) return c.trunc();
      break;
    }
  }
}
