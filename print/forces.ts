// ForCES (RFC 5810) as tcpdump 4.99 prints it (print-forces.c), reached from an SCTP DATA chunk
// on ports 6704-6706 or with PPIDs 21-23: the message type, the header at -v/-vv, and the walk
// of top-level, LFB selector, operation and path-data TLVs, which reports malformed TLVs at any
// verbosity (their contents only at -vvv). A message it gives up on is dumped in hex.

import { type Ctx, hexOnly } from "./_ctx.ts";

const TLV_HDRL = 4, ILV_HDRL = 8;
const ZERO_TTLV = 0x01, ZERO_MORE_TTLV = 0x02, ONE_MORE_TTLV = 0x04;
const B_FULLD = 0x1, B_SPARD = 0x2, B_RESTV = 0x4, B_KEYIN = 0x8, B_APPND = 0x10, B_TRNG = 0x20;
const F_TLV_PDAT = 0x0110, F_TLV_KEYI = 0x0111, F_TLV_FULD = 0x0112, F_TLV_SPAD = 0x0113;
const F_TLV_METD = 0x0115, F_TLV_REDD = 0x0116;

/** A printer of a TLV's contents; -1 when it gave up. */
type TlvPrinter = (c: Ctx, p: number, len: number, opMsk: number, indent: number) => number;

/** tok2str() with a NULL format: "#n" for an unknown value. */
const name = (t: Record<number, string>, v: number) => t[v] ?? `#${v}`;
const aln = (len: number) => ((len + 3) & ~3) >>> 0;

const TLV_NAMES: Record<number, string> = {
  0x0000: "Invalid TLV",
  0x0001: "REDIRECT TLV",
  0x0010: "ASResult TLV",
  0x0011: "ASTreason TLV",
  0x1000: "LFBselect TLV",
  0x0110: "PATH-DATA TLV",
  0x0111: "KEYINFO TLV",
  0x0112: "FULLDATA TLV",
  0x0113: "SPARSEDATA TLV",
  0x0114: "RESULT TLV",
  0x0115: "METADATA TLV",
  0x0116: "REDIRECTDATA TLV",
};
const TLV_ERR: Record<number, string> = {
  1: "Invalid total length",
  2: "xLV too short",
  3: "xLV too long",
  4: "data padding missing",
};
const LFB_NAMES: Record<number, string> = { 0: "Invalid TLV", 1: "FEObj LFB", 2: "FEProtoObj LFB" };
const ERRS: Record<number, string> = {
  0x00: "SUCCESS",
  0x01: "INVALID HEADER",
  0x02: "LENGTH MISMATCH",
  0x03: "VERSION MISMATCH",
  0x04: "INVALID DESTINATION PID",
  0x05: "LFB UNKNOWN",
  0x06: "LFB NOT FOUND",
  0x07: "LFB INSTANCE ID NOT FOUND",
  0x08: "INVALID PATH",
  0x09: "COMPONENT DOES NOT EXIST",
  0x0a: "EXISTS ALREADY",
  0x0b: "NOT FOUND",
  0x0c: "READ ONLY",
  0x0d: "INVALID ARRAY CREATION",
  0x0e: "VALUE OUT OF RANGE",
  0x0f: "CONTENTS TOO LONG",
  0x10: "INVALID PARAMETERS",
  0x11: "INVALID MESSAGE TYPE",
  0x12: "INVALID FLAGS",
  0x13: "INVALID TLV",
  0x14: "EVENT ERROR",
  0x15: "NOT SUPPORTED",
  0x16: "MEMORY ERROR",
  0x17: "INTERNAL ERROR",
  0xff: "UNSPECIFIED ERROR",
};
const ACKS: Record<number, string> = {
  0: "NoACK",
  1: "SuccessACK",
  2: "FailureACK",
  3: "AlwaysACK",
};
const EMS: Record<number, string> = {
  0: "EMReserved",
  1: "execute-all-or-none",
  2: "execute-until-failure",
  3: "continue-execute-on-failure",
};
const ATS: Record<number, string> = { 0: "Standalone", 1: "2PCtransaction" };
const TPS: Record<number, string> = {
  0: "StartofTransaction",
  1: "MiddleofTransaction",
  2: "EndofTransaction",
  3: "abort",
};

/** indent_pr(): `indent` spaces, or a newline and one space fewer. */
function indentPr(indent: number, nl: boolean): string {
  indent = Math.min(indent, 255);
  return nl ? "\n" + " ".repeat(Math.max(0, indent - 1)) : " ".repeat(Math.max(0, indent));
}

/** hex_print(): hex words of what was captured of `len` bytes, " [|forces]" when cut. */
function hexPrint(c: Ctx, indent: string, off: number, len: number): void {
  const have = Math.max(0, Math.min(len, c.end - off));
  c.print(hexOnly(c.b, off, have, indent, 0));
  if (have < len) c.trunc();
}

/** ND_TCHECK in a TLV printer: " [|forces]" and give up on the TLV. */
function tcheck(c: Ctx, off: number, len: number): boolean {
  if (c.has(off, len)) return true;
  c.trunc();
  return false;
}

function tlvValid(tlvl: number, rlen: number): number {
  if (rlen < TLV_HDRL) return 1;
  if (tlvl < TLV_HDRL) return 2;
  if (tlvl > rlen) return 3;
  if (rlen < aln(tlvl)) return 4;
  return 0;
}

function ilvValid(c: Ctx, ilv: number, rlen: number): number {
  if (rlen < ILV_HDRL) return 1;
  const l = c.u32(ilv + 4);
  if (l < ILV_HDRL) return 2;
  if (l > rlen) return 3;
  if (rlen < aln(l)) return 4;
  return 0;
}

function ttlvValid(t: number): boolean {
  return t === 1 || t === 0x1000 || t === 0x10 || t === 0x11 || (t >= 0x110 && t <= 0x116);
}

function opValid(op: number, mask: number): boolean {
  if (op === 0) return false;
  if (op <= 14) return ((1 << (op - 1)) & mask) !== 0;
  return op >= 0x8000;
}

function prestlv(c: Ctx, p: number, len: number, _m: number, indent: number): number {
  const dlen = (len - TLV_HDRL) >>> 0;
  if (dlen !== 4) {
    c.print(`illegal RESULT-TLV: ${dlen} bytes!\n`);
    return -1;
  }
  if (!tcheck(c, p + 4, 4)) return -1;
  const result = c.u8(p + 4);
  if (result >= 0x18 && result <= 0xfe) {
    c.print(`illegal reserved result code: 0x${result.toString(16)}!\n`);
    return -1;
  }
  if (c.f.v >= 3) {
    c.print(
      `${indentPr(indent, false)}  Result: ${name(ERRS, result)} (code 0x${result.toString(16)})\n`,
    );
  }
  return 0;
}

function fdatatlv(c: Ctx, p: number, len: number, _m: number, indent: number): number {
  const rlen = (len - TLV_HDRL) >>> 0;
  if (!tcheck(c, p, 4)) return -1;
  if (c.u16(p) !== F_TLV_FULD) {
    c.print("Error: expecting FULLDATA!\n");
    return -1;
  }
  if (c.f.v >= 3) {
    const ib = indentPr(indent + 2, true);
    c.print(`${ib.slice(1)}[`);
    hexPrint(c, ib, p + 4, rlen);
    c.print(`\n${ib.slice(1)}]`);
  }
  return 0;
}

function sdatailv(c: Ctx, p: number, len: number, indent: number): number {
  if (len < ILV_HDRL) {
    c.print("Error: BAD SPARSEDATA-TLV!\n");
    return -1;
  }
  let rlen = len, ilv = p;
  indent += 1;
  while (rlen !== 0) {
    const ib = indentPr(indent, true);
    const inv = ilvValid(c, ilv, rlen);
    if (inv) {
      c.print(`Error: ${name(TLV_ERR, inv)}, rlen ${rlen}\n`);
      return -1;
    }
    const l = c.u32(ilv + 4);
    if (c.f.v >= 3) {
      c.print(`\n${ib.slice(1)} ILV: type ${c.u32(ilv).toString(16)} length ${l}\n`);
      hexPrint(c, "\t\t[", ilv + ILV_HDRL, l - ILV_HDRL);
    }
    rlen = (rlen - aln(l)) >>> 0;
    ilv += aln(l);
  }
  return 0;
}

function sdatatlv(c: Ctx, p: number, len: number, _m: number, indent: number): number {
  const rlen = (len - TLV_HDRL) >>> 0;
  if (!tcheck(c, p, 4)) return -1;
  if (c.u16(p) !== F_TLV_SPAD) {
    c.print("Error: expecting SPARSEDATA!\n");
    return -1;
  }
  return sdatailv(c, p + 4, rlen, indent);
}

function pkeyitlv(c: Ctx, p: number, len: number, opMsk: number, indent: number): number {
  const kd = p + 8;
  c.print(`${indentPr(indent, false)}Keyinfo: Key 0x${c.u32(p + 4).toString(16)}\n`);
  const type = c.u16(kd), tll = c.u16(kd + 2);
  const inv = tlvValid(tll, len);
  if (inv) {
    c.print(`${name(TLV_ERR, inv)} TLV type 0x${type.toString(16)} len ${tll}\n`);
    return -1;
  }
  return fdatatlv(c, kd + 4, tll, opMsk, indent);
}

/** ForCES_pdata: path-data content TLVs 0x110-0x114 and their printers. */
const PDATA: Record<number, [string, number, TlvPrinter]> = {
  0x0111: ["KEYINFO TLV", 0, pkeyitlv],
  0x0112: ["FULLDATA TLV", B_FULLD, fdatatlv],
  0x0113: ["SPARSEDATA TLV", B_SPARD, sdatatlv],
  0x0114: ["RESULT TLV", B_RESTV, prestlv],
  0x0110: ["Inner PATH-DATA TLV", 0, recpdoptlv],
};

function pdatacnt(
  c: Ctx,
  p: number,
  len: number,
  idcnt: number,
  opMsk: number,
  indent: number,
): number {
  const ib = indentPr(indent, false);
  if ((opMsk & B_APPND) && c.f.v >= 3) c.print(`${ib}TABLE APPEND\n`);
  for (let i = 0; i < idcnt; i++) {
    if (!c.has(p, 4) || len < 4) {
      c.trunc();
      return -1;
    }
    const id = c.u32(p);
    if (c.f.v >= 3) c.print(`${ib}ID#${String(i + 1).padStart(2, "0")}: ${id}\n`);
    len -= 4;
    p += 4;
  }
  if (opMsk & (B_TRNG | B_KEYIN)) {
    if (opMsk & B_TRNG) {
      if (len < 12) {
        c.print(`pathlength ${len} with key/range too short 12\n`);
        return -1;
      }
      p += 4;
      const starti = c.u32(p), endi = c.u32(p + 4);
      p += 8;
      len -= 12;
      if (c.f.v >= 3) c.print(`${ib}Table range: [${starti},${endi}]\n`);
    }
    if (opMsk & B_KEYIN) {
      if (len < 12) {
        c.print(`pathlength ${len} with key/range too short 12\n`);
        return -1;
      }
      const key = p + 4;
      p += 8;
      len -= 8;
      let tll = c.u16(key + 2);
      if (tll < TLV_HDRL) {
        c.print(`key content length ${tll} < ${TLV_HDRL}\n`);
        return -1;
      }
      tll -= TLV_HDRL;
      if (len < tll) {
        c.print("key content too short\n");
        return -1;
      }
      p += tll;
      len -= tll;
    }
  }
  if (len) {
    const type = c.u16(p), tlvl = c.u16(p + 2);
    const inv = tlvValid(tlvl, len);
    let bad = false;
    if (inv) {
      c.print(
        `${name(TLV_ERR, inv)} Outstanding bytes ${len} for TLV type 0x${
          type.toString(16)
        } TLV len ${tlvl}\n`,
      );
      bad = true;
    } else {
      const tll = tlvl - TLV_HDRL, a = aln(tlvl);
      let pad = 0;
      if (a > tlvl) {
        if (a > len) {
          c.print(
            `Invalid padded pathdata TLV type 0x${type.toString(16)} len ${tlvl} missing ${
              a - len
            } pad bytes\n`,
          );
        } else pad = a - tlvl;
      }
      const ops = PDATA[type];
      if (ops) {
        if (c.f.v >= 3 && type !== F_TLV_PDAT) {
          c.print(
            pad
              ? `${ib}  ${ops[0]} (Length ${tlvl} DataLen ${tll} pad ${pad} Bytes)\n`
              : `${ib}  ${ops[0]} (Length ${tlvl} DataLen ${tll} Bytes)\n`,
          );
        }
        if (type !== F_TLV_PDAT) {
          if (opMsk & B_KEYIN) {
            if (type !== F_TLV_KEYI) c.print("Based on flags expected KEYINFO TLV!\n");
          } else if (!(opMsk & ops[1])) {
            c.print(
              `Illegal DATA encoding for type 0x${type.toString(16)} programmed ${
                ops[1].toString(16)
              } got ${opMsk.toString(16)}\n`,
            );
          }
        }
        if (ops[2](c, p, tll + pad + TLV_HDRL, opMsk, indent + 2) === -1) return -1;
        len -= TLV_HDRL + pad + tll;
      } else {
        c.print(`Invalid path data content type 0x${type.toString(16)} len ${tlvl}\n`);
        bad = true;
      }
    }
    if (bad && tlvl) {
      hexPrint(c, "Bad Data val\n\t  [", p, len);
      c.print("]\n");
      return -1;
    }
  }
  return len;
}

function pdataPrint(c: Ctx, p: number, len: number, opMsk: number, indent: number): number {
  if (!c.has(p, 4) || len < 4) {
    c.trunc();
    return -1;
  }
  const pflags = c.u16(p), idcnt = c.u16(p + 2);
  if (c.f.v >= 3) {
    c.print(
      `\n${indentPr(indent, false)}Pathdata: Flags 0x${pflags.toString(16)} ID count ${idcnt}\n`,
    );
  }
  if (pflags & 1) opMsk |= B_KEYIN;
  if (pflags & 2) opMsk |= B_TRNG;
  if (pflags & 4) opMsk |= B_APPND;
  p += 4;
  len -= 4;
  const minsize = idcnt * 4;
  if (len < minsize) {
    c.print(`\t\t\ttruncated IDs expected ${minsize}B got ${len}B\n`);
    hexPrint(c, "\t\t\tID Data[", p, len);
    c.print("]\n");
    return -1;
  }
  if ((opMsk & B_TRNG) && (opMsk & B_KEYIN)) {
    c.print("\t\t\tIllegal to have both Table ranges and keys\n");
    return -1;
  }
  const more = pdatacnt(c, p, len, idcnt, opMsk, indent);
  if (more > 0) return recpdoptlv(c, p + (len - more), more, opMsk, indent + 1);
  return 0;
}

function genoptlv(c: Ctx, p: number, len: number, opMsk: number, indent: number): number {
  const type = c.u16(p), tlvl = c.u16(p + 2);
  const inv = tlvValid(tlvl, len);
  c.print(`genoptlvprint - ${name(TLV_NAMES, type)} TLV type 0x${type.toString(16)} len ${tlvl}\n`);
  if (inv) {
    c.print(`\t\t\tInvalid ForCES TLV type=${type.toString(16)}`);
    return -1;
  }
  if (!ttlvValid(type)) {
    c.print(`${name(TLV_ERR, inv)} TLV type 0x${type.toString(16)} len ${tlvl}\n`);
    return -1;
  }
  if (c.f.v >= 3) {
    c.print(
      `${indentPr(indent, false)}${name(TLV_NAMES, type)}, length ${tlvl} (data length ${
        tlvl - TLV_HDRL
      } Bytes)`,
    );
  }
  return pdataPrint(c, p + 4, tlvl - TLV_HDRL, opMsk, indent + 1);
}

function recpdoptlv(c: Ctx, p: number, len: number, opMsk: number, indent: number): number {
  while (len !== 0) {
    const tlvl = c.u16(p + 2);
    if (tlvValid(tlvl, len)) break;
    const type = c.u16(p);
    if (c.f.v >= 3) {
      c.print(
        `${indentPr(indent, false)}${name(TLV_NAMES, type)}, length ${tlvl} (data encapsulated ${
          tlvl - TLV_HDRL
        } Bytes)`,
      );
    }
    if (pdataPrint(c, p + 4, tlvl - TLV_HDRL, opMsk, indent + 1) === -1) return -1;
    len = (len - aln(c.u16(p + 2))) >>> 0;
    p += aln(c.u16(p + 2));
  }
  if (len) {
    c.print(
      `\n\t\tMessy PATHDATA TLV header, type (0x${c.u16(p).toString(16)})\n\t\texcess of ${
        (len - c.u16(p + 2)) >>> 0
      } Bytes `,
    );
    return -1;
  }
  return 0;
}

function invoptlv(c: Ctx, p: number, len: number, _m: number, indent: number): number {
  const ib = indentPr(indent, true);
  if (c.f.v >= 3) {
    c.print(`${ib.slice(1)}Data[`);
    hexPrint(c, ib, p, len);
    c.print(`${ib}]\n`);
  }
  return -1;
}

/** OPTLV_msg: operation TLVs 0-14, their names, data masks and printers. */
const OPTLV: [string, number, TlvPrinter | undefined][] = [
  ["Invalid OPTLV", 0, invoptlv],
  [" Set", B_FULLD | B_SPARD, recpdoptlv],
  [" SetProp", B_FULLD | B_SPARD, recpdoptlv],
  [" SetResp", B_RESTV, recpdoptlv],
  [" SetPropResp", B_RESTV, recpdoptlv],
  [" Del", 0, recpdoptlv],
  [" DelResp", B_RESTV, recpdoptlv],
  [" Get", 0, recpdoptlv],
  [" GetProp", 0, recpdoptlv],
  [" GetResp", B_FULLD | B_SPARD | B_RESTV, recpdoptlv],
  [" GetPropResp", B_FULLD | B_RESTV, recpdoptlv],
  [" Report", B_FULLD | B_SPARD, recpdoptlv],
  [" Commit", 0, undefined],
  [" RCommit", B_RESTV, genoptlv],
  [" RTRCOMP", 0, undefined],
];

function otlvPrint(c: Ctx, otlv: number, indent: number): void {
  const type = c.u16(otlv), tll = c.u16(otlv + 2) - TLV_HDRL;
  const ops = OPTLV[type > 14 ? 0 : type]!;
  if (c.f.v >= 3) {
    c.print(
      `${indentPr(indent, false)}Oper TLV ${ops[0]}(0x${type.toString(16)}) length ${
        c.u16(otlv + 2)
      }\n`,
    );
  }
  if (tll < 8) {
    c.print(`\t\tOper TLV ${ops[0]}(0x${type.toString(16)}) length ${c.u16(otlv + 2)}\n`);
    c.print(`\t\tTruncated data size ${tll} minimum required 8\n`);
    invoptlv(c, otlv + 4, tll, ops[1], indent);
    return;
  }
  ops[2]?.(c, otlv + 4, tll, ops[1], indent + 1);
}

function lfbselect(c: Ctx, p: number, len: number, opMsk: number, indent: number): number {
  const dlen = (len - TLV_HDRL) >>> 0;
  if (dlen <= 12) {
    c.print(`\n\t\ttruncated lfb selector: ${12 - dlen} bytes missing! `);
    return -1;
  }
  let rlen = dlen - 8;
  if (!tcheck(c, p, 8)) return -1;
  if (c.f.v >= 3) {
    const cls = c.u32(p);
    c.print(
      `\n${indentPr(indent, false)}${name(LFB_NAMES, cls)}(Classid ${cls.toString(16)}) instance ${
        c.u32(p + 4).toString(16)
      }\n`,
    );
  }
  let otlv = p + 8;
  indent += 1;
  while (rlen !== 0) {
    const type = c.u16(otlv), tlvl = c.u16(otlv + 2);
    if (tlvValid(tlvl, rlen)) break;
    if (opValid(type, opMsk)) otlvPrint(c, otlv, indent);
    else {
      if (c.f.v < 3) c.print("\n");
      c.print(
        `\t\tINValid oper-TLV type 0x${type.toString(16)} length ${tlvl} for this ForCES message\n`,
      );
      invoptlv(c, otlv, rlen, 0, indent);
    }
    const step = aln(c.u16(otlv + 2));
    rlen = (rlen - step) >>> 0;
    otlv += step;
  }
  if (rlen) {
    c.print(
      `\n\t\tMessy oper TLV header, type (0x${c.u16(otlv).toString(16)})\n\t\texcess of ${
        (rlen - c.u16(otlv + 2)) >>> 0
      } Bytes `,
    );
    return -1;
  }
  return 0;
}

function asttlv(c: Ctx, p: number, len: number, _m: number, indent: number): number {
  const dlen = (len - TLV_HDRL) >>> 0;
  if (dlen !== 4) {
    c.print(`illegal ASTresult-TLV: ${dlen} bytes!\n`);
    return -1;
  }
  const code = c.u32(p);
  if (code > 255) {
    c.print(`illegal ASTresult result code: ${code}!\n`);
    return -1;
  }
  if (c.f.v >= 3) {
    const ib = indentPr(indent, false);
    const why = [
      "Normal Teardown",
      "Loss of Heartbeats",
      "Out of bandwidth",
      "Out of Memory",
      "Application Crash",
    ][code] ??
      "Unknown Teardown reason";
    c.print(`Teardown reason:\n${ib}${why}(${code.toString(16)})\n${ib}`);
  }
  return 0;
}

function asrtlv(c: Ctx, p: number, len: number, _m: number, indent: number): number {
  const dlen = (len - TLV_HDRL) >>> 0;
  if (dlen !== 4) {
    c.print(`illegal ASRresult-TLV: ${dlen} bytes!\n`);
    return -1;
  }
  const code = c.u32(p);
  if (code > 3) {
    c.print(`illegal ASRresult result code: ${code}!\n`);
    return -1;
  }
  if (c.f.v >= 3) {
    const ib = indentPr(indent, false);
    const what = ["Success ", "FE ID invalid ", "permission denied "][code] ?? "Unknown ";
    c.print(`\n${ib}${what}(${code.toString(16)})\n${ib}`);
  }
  return 0;
}

function metatlv(c: Ctx, p: number, len: number, indent: number): void {
  let rlen = (len - TLV_HDRL) >>> 0, ilv = p;
  c.print(`\n${indentPr(indent, false)} METADATA length ${rlen}\n`);
  while (rlen !== 0) {
    if (ilvValid(c, ilv, rlen)) break;
    const l = c.u32(ilv + 4);
    c.print(`${indentPr(indent + 1, false)}MetaID 0x${c.u32(ilv).toString(16)} length ${l}\n`);
    if (c.f.v >= 3) {
      hexPrint(c, "\t\t[", ilv + ILV_HDRL, l - ILV_HDRL);
      c.print(" ]\n");
    }
    rlen = (rlen - aln(l)) >>> 0;
    ilv += aln(l);
  }
}

function reddata(c: Ctx, p: number, len: number, indent: number): void {
  const rlen = (len - TLV_HDRL) >>> 0;
  c.print(`\n${indentPr(indent, false)} Redirect Data length ${rlen}\n`);
  if (c.f.v >= 3) {
    c.print("\t\t[");
    hexPrint(c, "\n\t\t", p, rlen);
    c.print("\n\t\t]");
  }
}

function redirect(c: Ctx, p: number, len: number, _m: number, indent: number): number {
  const dlen = (len - TLV_HDRL) >>> 0;
  if (dlen <= 8) {
    c.print(`\n\t\ttruncated Redirect TLV: ${8 - dlen} bytes missing! `);
    return -1;
  }
  let rlen = dlen, tlv = p;
  indent += 1;
  while (rlen !== 0) {
    const type = c.u16(tlv), tlvl = c.u16(tlv + 2);
    if (tlvValid(tlvl, rlen)) {
      c.print("Bad Redirect data\n");
      break;
    }
    if (type === F_TLV_METD) metatlv(c, tlv + 4, tlvl, indent);
    else if (type === F_TLV_REDD) reddata(c, tlv + 4, tlvl, indent);
    else c.print(`Unknown REDIRECT TLV 0x${type.toString(16)} len ${tlvl}\n`);
    rlen = (rlen - aln(tlvl)) >>> 0;
    tlv += aln(tlvl);
  }
  if (rlen) {
    c.print(
      `\n\t\tMessy Redirect TLV header, type (0x${c.u16(tlv).toString(16)})\n\t\texcess of ${
        (rlen - c.u16(tlv + 2)) >>> 0
      } Bytes `,
    );
    return -1;
  }
  return 0;
}

/** ForCES_msg: message types, their top-level TLV rules, operation masks and printers. */
const TOM: Record<number, [string, number, number, TlvPrinter | undefined]> = {
  0x01: ["Association Setup", ZERO_MORE_TTLV | 0x20, 0x400, lfbselect],
  0x02: ["Association TearDown", ONE_MORE_TTLV | 0x10, 0, asttlv],
  0x03: ["Config", ONE_MORE_TTLV | 0xf0, 0x1 | 0x2 | 0x10 | 0x800 | 0x2000, lfbselect],
  0x04: ["Query", ONE_MORE_TTLV | 0xf0, 0x40 | 0x80, lfbselect],
  0x05: ["Event Notification", ONE_MORE_TTLV | 0x10, 0x400, lfbselect],
  0x06: ["Packet Redirect", ONE_MORE_TTLV | 0xf0, 0, redirect],
  0x0f: ["HeartBeat", ZERO_TTLV, 0, undefined],
  0x11: ["Association Response", ONE_MORE_TTLV | 0x10, 0, asrtlv],
  0x13: ["Config Response", ONE_MORE_TTLV | 0xf0, 0x4 | 0x8 | 0x20 | 0x1000, lfbselect],
  0x14: ["Query Response", ONE_MORE_TTLV | 0xf0, 0x100 | 0x200, lfbselect],
};

function typePrint(c: Ctx, p: number, mlen: number, tops: (typeof TOM)[number]): number {
  let rlen = mlen - 24;
  const [, flags, opMsk, print] = tops;
  if (rlen > TLV_HDRL) {
    if (flags & ZERO_TTLV) {
      c.print(`<0x${flags.toString(16)}>Illegal Top level TLV!\n`);
      return -1;
    }
  } else {
    if (flags & ZERO_MORE_TTLV) return 0;
    if (flags & ONE_MORE_TTLV) {
      c.print("\tTop level TLV Data missing!\n");
      return -1;
    }
  }
  if (flags & ZERO_TTLV || !print) return 0;
  let ttlv = flags >> 4, tl = p + 24;
  while (rlen !== 0) {
    const type = c.u16(tl), tlvl = c.u16(tl + 2);
    if (tlvValid(tlvl, rlen)) break;
    if (!ttlvValid(type)) {
      c.print(`\n\tInvalid ForCES Top TLV type=0x${type.toString(16)}`);
      return -1;
    }
    if (c.f.v >= 3) {
      c.print(`\t${name(TLV_NAMES, type)}, length ${tlvl} (data length ${tlvl - TLV_HDRL} Bytes)`);
    }
    if (print(c, tl + 4, tlvl, opMsk, 9) < 0) return -1;
    rlen = (rlen - aln(c.u16(tl + 2))) >>> 0;
    tl += aln(c.u16(tl + 2));
    if (--ttlv <= 0) break;
  }
  if (rlen) {
    c.print(`\tMess TopTLV header: min ${TLV_HDRL}, total ${rlen} advertised ${c.u16(tl + 2)} `);
    return -1;
  }
  return 0;
}

function node(n: number): string {
  if (n <= 0x3fffffff) return "FE";
  if (n <= 0x7fffffff) return "CE";
  if (n >= 0xc0000000 && n <= 0xffffffef) return "AllMulticast";
  if (n === 0xfffffffd) return "AllCEsBroadcast";
  if (n === 0xfffffffe) return "AllFEsBroadcast";
  if (n === 0xffffffff) return "AllBroadcast";
  return "ForCESreserved";
}

/** forces_print(): a ForCES message of `len` bytes at `off`. */
export function forcesPrint(c: Ctx, off: number, len: number): void {
  c.proto = "forces";
  if (!tcheck(c, off, 24)) return;
  const tom = c.u8(off + 1);
  const error = () => {
    hexPrint(c, "\n\t[", off, len);
    c.print("\n\t]");
  };
  if (tom === 0 || (tom >= 7 && tom <= 0xe) || tom === 0x10 || tom > 0x14) {
    c.print(`Invalid ForCES message type ${tom}\n`);
    return error();
  }
  const mlen = c.u16(off + 2) * 4;
  const tops = TOM[tom];
  if (!tops) {
    c.print(`\n\tUnknown ForCES message type=0x${tom.toString(16)}`);
    return error();
  }
  c.print(`\n\tForCES ${tops[0]} `);
  if (!(len >= 24 && mlen >= 24 && mlen === len)) {
    c.print(`Illegal ForCES pkt len - min 24, total recvd ${len}, advertised ${mlen} `);
    return error();
  }
  const flg = c.u32(off + 20);
  if (c.f.v >= 1) {
    const sid = c.u32(off + 4), did = c.u32(off + 8);
    const cor = (BigInt(c.u32(off + 12)) << 32n) | BigInt(c.u32(off + 16));
    c.print(
      `\n\tForCES Version ${c.u8(off) >> 4} len ${mlen}B flags 0x${
        flg.toString(16).padStart(8, "0")
      } `,
    );
    c.print(
      `\n\tSrcID 0x${sid.toString(16)}(${node(sid)}) DstID 0x${did.toString(16)}(${
        node(did)
      }) Correlator 0x${cor.toString(16)}`,
    );
  }
  if (c.f.v >= 2) {
    const ack = flg >>> 30, em = (flg >>> 22) & 3, at = (flg >>> 21) & 1, tp = (flg >>> 19) & 3;
    c.print(
      `\n\tForCES flags:\n\t  ${ACKS[ack]}(0x${ack.toString(16)}), prio=${(flg >>> 27) & 7}, ${
        EMS[em]
      }(0x${em.toString(16)}),\n\t  ${ATS[at]}(0x${at.toString(16)}), ${TPS[tp]}(0x${
        tp.toString(16)
      })\n`,
    );
    c.print(
      `\t  Extra flags: rsv(b5-7) 0x${((flg >>> 24) & 7).toString(16)} rsv(b13-31) 0x${
        (flg & 0x7ffff).toString(16)
      }\n`,
    );
  }
  if (typePrint(c, off, mlen, tops) < 0) return error();
  if (c.f.v >= 4) {
    c.print("\n\t  Raw ForCES message\n\t [");
    hexPrint(c, "\n\t ", off, len);
    c.print("\n\t ]");
  }
}
