import assert from "node:assert/strict";
import type { BpfInstruction, BpfProgram } from "./insn.ts";
import {
  BPF_A,
  BPF_ABS,
  BPF_ADD,
  BPF_ALU,
  BPF_AND,
  BPF_B,
  BPF_DIV,
  BPF_H,
  BPF_IMM,
  BPF_IND,
  BPF_JA,
  BPF_JEQ,
  BPF_JGE,
  BPF_JGT,
  BPF_JMP,
  BPF_JSET,
  BPF_K,
  BPF_LD,
  BPF_LDX,
  BPF_LEN,
  BPF_LSH,
  BPF_MEM,
  BPF_MISC,
  BPF_MOD,
  BPF_MSH,
  BPF_MUL,
  BPF_NEG,
  BPF_OR,
  BPF_RET,
  BPF_RSH,
  BPF_ST,
  BPF_STX,
  BPF_SUB,
  BPF_TAX,
  BPF_TXA,
  BPF_W,
  BPF_X,
  BPF_XOR,
  insn,
  jeq,
  ld,
  ldb,
  ldh,
  ret,
  runFilter,
  SKF_AD,
  SKF_AD_OFF,
  SKF_LL_OFF,
  validateProgram,
} from "./mod.ts";

const RET_A: BpfInstruction = insn(BPF_RET | BPF_A);
const bytes = Uint8Array.from({ length: 64 }, (_, i) => i);
/** Runs `body` then `ret a`. */
const a = (body: BpfInstruction[], packet = bytes, wireLen?: number) =>
  runFilter([...body, RET_A], packet, wireLen);

Deno.test("runFilter() loads bytes, half words and words big-endian, absolute and indexed", () => {
  assert.equal(a([ldb(5)]), 5);
  assert.equal(a([ldh(4)]), 0x0405);
  assert.equal(a([ld(4)]), 0x04050607);
  assert.equal(a([ld(60)]), 0x3c3d3e3f);
  assert.equal(a([insn(BPF_LDX | BPF_IMM, 10), insn(BPF_LD | BPF_H | BPF_IND, 2)]), 0x0c0d);
  assert.equal(a([insn(BPF_LD | BPF_IMM, 0xdeadbeef)]), 0xdeadbeef);
  assert.equal(a([insn(BPF_LD | BPF_W | BPF_LEN)], bytes, 1500), 1500);
  assert.equal(a([insn(BPF_LD | BPF_W | BPF_LEN)]), 64);
  assert.equal(a([insn(BPF_LDX | BPF_W | BPF_LEN), insn(BPF_MISC | BPF_TXA)], bytes, 99), 99);
});

Deno.test("runFilter() ends with 0 on any load past the captured bytes", () => {
  const short = bytes.subarray(0, 10);
  assert.equal(a([ldb(9)], short), 9);
  assert.equal(runFilter([ldb(10), ret(1)], short), 0);
  assert.equal(runFilter([ldh(9), ret(1)], short), 0);
  assert.equal(runFilter([ld(7), ret(1)], short), 0);
  assert.equal(runFilter([ld(6), ret(1)], short), 1);
  assert.equal(runFilter([ld(0xffffffff), ret(1)], short), 0);
  assert.equal(runFilter([ld(0xfffffffe), ret(1)], short), 0); // no wrap-around
  // Indexed: X + k is computed in 32 bits and checked the same way.
  const ind = (x: number, k: number) =>
    runFilter([insn(BPF_LDX | BPF_IMM, x), insn(BPF_LD | BPF_B | BPF_IND, k), ret(1)], short);
  assert.equal(ind(9, 0), 1);
  assert.equal(ind(5, 5), 0);
  assert.equal(ind(0xffffffff, 2), 1); // wraps to 1
  assert.equal(ind(0xffffffff, 0), 0);
  // ldx 4*([k]&0xf) reads one byte.
  assert.equal(runFilter([insn(BPF_LDX | BPF_B | BPF_MSH, 10), ret(1)], short), 0);
  assert.equal(runFilter([], short), 0);
});

Deno.test("runFilter() computes ldxb 4*([k]&0xf) as the IPv4 header length", () => {
  const ip = Uint8Array.of(0, 0x46, 0xff);
  const prog = [insn(BPF_LDX | BPF_B | BPF_MSH, 1), insn(BPF_MISC | BPF_TXA), RET_A];
  assert.equal(runFilter(prog, ip), 24);
  assert.equal(
    runFilter([insn(BPF_LDX | BPF_B | BPF_MSH, 2), insn(BPF_MISC | BPF_TXA), RET_A], ip),
    60,
  );
});

Deno.test("runFilter() does 32-bit unsigned arithmetic; division and modulus by zero end with 0", () => {
  const alu = (op: number, x: number, y: number) =>
    a([insn(BPF_LD | BPF_IMM, x), insn(BPF_ALU | op | BPF_K, y)]);
  const aluX = (op: number, x: number, y: number) =>
    a([insn(BPF_LDX | BPF_IMM, y), insn(BPF_LD | BPF_IMM, x), insn(BPF_ALU | op | BPF_X)]);
  for (const f of [alu, aluX]) {
    assert.equal(f(BPF_ADD, 0xffffffff, 2), 1);
    assert.equal(f(BPF_SUB, 1, 2), 0xffffffff);
    assert.equal(f(BPF_MUL, 0x10000, 0x10001), 0x10000);
    assert.equal(f(BPF_DIV, 0xffffffff, 16), 0x0fffffff);
    assert.equal(f(BPF_MOD, 100, 7), 2);
    assert.equal(f(BPF_AND, 0xf0f0, 0xff00), 0xf000);
    assert.equal(f(BPF_OR, 0xf0, 0x0f), 0xff);
    assert.equal(f(BPF_XOR, 0xff, 0x0f), 0xf0);
    assert.equal(f(BPF_LSH, 1, 31), 0x80000000);
    assert.equal(f(BPF_RSH, 0x80000000, 31), 1);
  }
  // Shifts by X use the low five bits, as the kernel's interpreter does.
  assert.equal(aluX(BPF_LSH, 1, 33), 2);
  assert.equal(aluX(BPF_RSH, 4, 32), 4);
  assert.equal(a([insn(BPF_LD | BPF_IMM, 5), insn(BPF_ALU | BPF_NEG)]), 0xfffffffb);
  assert.equal(aluX(BPF_DIV, 5, 0), 0);
  assert.equal(aluX(BPF_MOD, 5, 0), 0);
  assert.equal(
    runFilter([insn(BPF_LDX | BPF_IMM, 0), insn(BPF_ALU | BPF_DIV | BPF_X), ret(7)], bytes),
    0,
  );
});

Deno.test("runFilter() keeps 16 scratch words, zeroed, and moves values between A and X", () => {
  assert.equal(a([insn(BPF_LD | BPF_MEM, 3)]), 0);
  assert.equal(
    a([
      insn(BPF_LD | BPF_IMM, 7),
      insn(BPF_ST, 15),
      insn(BPF_LD | BPF_IMM, 1),
      insn(BPF_LD | BPF_MEM, 15),
    ]),
    7,
  );
  assert.equal(
    a([
      insn(BPF_LDX | BPF_IMM, 9),
      insn(BPF_STX, 0),
      insn(BPF_LDX | BPF_MEM, 0),
      insn(BPF_MISC | BPF_TXA),
    ]),
    9,
  );
  assert.equal(
    a([insn(BPF_LD | BPF_IMM, 4), insn(BPF_MISC | BPF_TAX), insn(BPF_LD | BPF_H | BPF_IND, 0)]),
    0x0405,
  );
});

Deno.test("runFilter() jumps: conditional offsets, ja, K and X sources", () => {
  const cond = (op: number, av: number, k: number) =>
    runFilter(
      [insn(BPF_LD | BPF_IMM, av), insn(BPF_JMP | op | BPF_K, k, 1, 0), ret(0), ret(1)],
      bytes,
    );
  assert.equal(cond(BPF_JEQ, 5, 5), 1);
  assert.equal(cond(BPF_JEQ, 5, 6), 0);
  assert.equal(cond(BPF_JGT, 0x80000000, 1), 1); // unsigned
  assert.equal(cond(BPF_JGT, 5, 5), 0);
  assert.equal(cond(BPF_JGE, 5, 5), 1);
  assert.equal(cond(BPF_JSET, 6, 1), 0);
  assert.equal(cond(BPF_JSET, 6, 2), 1);
  const prog: BpfProgram = [
    insn(BPF_LDX | BPF_IMM, 3),
    insn(BPF_LD | BPF_IMM, 3),
    insn(BPF_JMP | BPF_JEQ | BPF_X, 0, 2, 0),
    ret(10),
    ret(11),
    insn(BPF_JMP | BPF_JA, 1),
    ret(12),
    ret(13),
  ];
  assert.equal(runFilter(prog, bytes), 13);
  validateProgram(prog);
});

Deno.test("runFilter() reads ancillary data from the metadata given, and SKF_LL_OFF from the frame", () => {
  const anc = (n: number) => ld(SKF_AD_OFF + n);
  assert.equal(a([anc(SKF_AD.PKTTYPE)]), 0);
  assert.equal(a([anc(SKF_AD.PKTTYPE)], bytes, undefined), 0);
  assert.equal(runFilter([anc(SKF_AD.PKTTYPE), RET_A], bytes, 64, { pktType: 4 }), 4);
  assert.equal(runFilter([anc(SKF_AD.VLAN_TAG), RET_A], bytes, 64, { vlanTag: 100 }), 100);
  assert.equal(runFilter([anc(SKF_AD.IFINDEX), RET_A], bytes, 64, { ifIndex: 3 }), 3);
  assert.equal(a([ldb(SKF_LL_OFF + 7)]), 7);
});

Deno.test("runFilter() returns A with ret a, k with ret #k; an empty program drops", () => {
  assert.equal(runFilter([ret(0xffffffff)], bytes), 0xffffffff);
  assert.equal(runFilter([insn(BPF_LD | BPF_IMM, 3), RET_A], bytes), 3);
  assert.equal(runFilter([], bytes), 0);
  assert.equal(runFilter([ldh(12), jeq(0x0c0d, 0, 1), ret(1), ret(2)], bytes), 1);
});

const refuse = (program: BpfProgram, message: RegExp) =>
  assert.throws(
    () => validateProgram(program),
    (e) => e instanceof RangeError && message.test(e.message),
  );

Deno.test("validateProgram() accepts what the kernel accepts", () => {
  validateProgram([ret(0)]);
  validateProgram([ld(SKF_AD_OFF + SKF_AD.VLAN_TAG_PRESENT), insn(BPF_RET | BPF_A)]);
  validateProgram([insn(BPF_LD | BPF_IMM, 1), insn(BPF_ST, 0), insn(BPF_LDX | BPF_MEM, 0), ret(1)]);
  validateProgram(new Array(4095).fill(insn(BPF_LD | BPF_IMM, 1)).concat([ret(1)]));
});

Deno.test("validateProgram() refuses what the kernel refuses, naming the instruction", () => {
  assert.throws(() => validateProgram([]), /0 instructions, the kernel takes 1 to 4096/);
  refuse(new Array(4096).fill(insn(BPF_LD | BPF_IMM, 1)).concat([ret(1)]), /4097 instructions/);
  refuse([ldh(12)], /instruction 0 \(code 0x28, k 12\) is last but does not return/);
  refuse([insn(0xff), ret(0)], /instruction 0 .* unknown opcode/);
  refuse([insn(BPF_LDX | BPF_W | BPF_ABS, 1), ret(0)], /unknown opcode/);
  refuse([insn(BPF_ALU | BPF_DIV | BPF_K, 0), ret(0)], /instruction 0 .* divides by zero/);
  refuse([insn(BPF_ALU | BPF_MOD | BPF_K, 0), ret(0)], /divides by zero/);
  refuse([insn(BPF_ALU | BPF_LSH | BPF_K, 32), ret(0)], /shifts by 32 or more/);
  refuse([insn(BPF_ST, 16), ret(0)], /scratch word 16/);
  refuse([insn(BPF_LD | BPF_MEM, 2), ret(0)], /reads M\[2\] before any write/);
  refuse([
    insn(BPF_LD | BPF_IMM, 0),
    jeq(0, 0, 1),
    insn(BPF_ST, 1),
    insn(BPF_LD | BPF_MEM, 1),
    ret(0),
  ], /instruction 3 .* reads M\[1\] before any write on some path/);
  refuse([insn(BPF_JMP | BPF_JA, 1), ret(0)], /instruction 0 .* jumps past the end/);
  refuse([jeq(0, 1, 0), ret(0)], /jumps past the end/);
  refuse([jeq(0, 0, 5), ret(0), ret(1)], /jumps past the end/);
  refuse([ld(SKF_AD_OFF + 64), ret(0)], /unknown ancillary field/);
  refuse([{ code: BPF_RET, jt: 0, jf: 0, k: 2 ** 32 }], /field out of range/);
  refuse([{ code: BPF_RET, jt: 256, jf: 0, k: 0 }], /field out of range/);
  assert.throws(() => validateProgram("ret" as unknown as BpfProgram), TypeError);
});

Deno.test("runFilter() never throws on random programs that validateProgram() accepts", () => {
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed % n;
  };
  const codes = [
    BPF_LD | BPF_W | BPF_ABS,
    BPF_LD | BPF_H | BPF_IND,
    BPF_LD | BPF_B | BPF_ABS,
    BPF_LD | BPF_IMM,
    BPF_LDX | BPF_B | BPF_MSH,
    BPF_LDX | BPF_IMM,
    BPF_ST,
    BPF_STX,
    BPF_LD | BPF_MEM,
    BPF_ALU | BPF_ADD | BPF_X,
    BPF_ALU | BPF_DIV | BPF_X,
    BPF_ALU | BPF_MOD | BPF_X,
    BPF_ALU | BPF_SUB | BPF_K,
    BPF_MISC | BPF_TAX,
    BPF_JMP | BPF_JGT | BPF_K,
    BPF_JMP | BPF_JA,
    BPF_ALU | BPF_MUL | BPF_K,
    BPF_ALU | BPF_OR | BPF_X,
    BPF_ALU | BPF_XOR | BPF_K,
    BPF_ALU | BPF_AND | BPF_K,
    BPF_ALU | BPF_RSH | BPF_X,
  ];
  let accepted = 0;
  for (let i = 0; i < 3000; i++) {
    const n = 1 + rnd(12);
    const program: BpfInstruction[] = [];
    for (let j = 0; j < n; j++) {
      const code = codes[rnd(codes.length)]!;
      program.push({
        code,
        jt: rnd(3),
        jf: rnd(3),
        k: code === BPF_ST || code === BPF_STX || code === (BPF_LD | BPF_MEM) ? rnd(16) : rnd(80),
      });
    }
    program.push(rnd(2) ? ret(rnd(100)) : insn(BPF_RET | BPF_A));
    try {
      validateProgram(program);
    } catch {
      continue;
    }
    accepted++;
    const v = runFilter(program, bytes.subarray(0, rnd(64)));
    assert.ok(Number.isInteger(v) && v >= 0 && v <= 0xffffffff);
  }
  assert.ok(accepted > 300, `only ${accepted} random programs were valid`);
});
