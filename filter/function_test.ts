// compileToFunction() against the interpreter it must equal: compiled expressions over
// plausible and truncated frames, and random programs of every opcode over random bytes.
import assert from "node:assert/strict";
import { prng } from "../tests/_prng.ts";
import { compileFilter } from "./compile.ts";
import { compileToFunction } from "./function.ts";
import type { BpfInstruction, BpfProgram } from "./insn.ts";
import { runFilter, SKF_AD, SKF_AD_OFF, SKF_LL_OFF } from "./vm.ts";

/** Both machines on `frame` placed at a random offset of a larger buffer. */
function same(program: BpfProgram, frame: Uint8Array, wireLen: number, random: () => number) {
  const fn = compileToFunction(program);
  const at = Math.floor(random() * 40);
  const buffer = new Uint8Array(at + frame.length + Math.floor(random() * 40)).fill(0xee);
  buffer.set(frame, at);
  return [fn(buffer, at, frame.length, wireLen), runFilter(program, frame, wireLen)];
}

/** A frame of Ethernet, perhaps VLAN, IPv4/IPv6/ARP, TCP/UDP/ICMP with random fields. */
function frame(random: () => number): Uint8Array {
  const bytes = new Uint8Array(14 + 4 + 40 + 20 + Math.floor(random() * 60));
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
  let at = 12;
  if (random() < 0.2) {
    bytes.set([0x81, 0x00], at);
    at += 4;
  }
  const l3 = [[0x08, 0x00], [0x86, 0xdd], [0x08, 0x06]][Math.floor(random() * 3)]!;
  bytes.set(l3, at);
  at += 2;
  const proto = [6, 17, 1, 58, 47][Math.floor(random() * 5)]!;
  if (l3[0] === 0x08 && l3[1] === 0) {
    bytes[at] = 0x45 + (random() < 0.2 ? 1 : 0);
    bytes[at + 6] = random() < 0.8 ? 0 : bytes[at + 6]!; // mostly not a fragment
    bytes[at + 7] = random() < 0.8 ? 0 : bytes[at + 7]!;
    bytes[at + 9] = proto;
    if (random() < 0.5) bytes.set([10, 0, 0, 1], at + 12);
    if (random() < 0.5) bytes.set([0, 80], at + 22);
  } else if (l3[1] === 0xdd) {
    bytes[at] = 0x60;
    bytes[at + 6] = proto;
    if (random() < 0.5) bytes.set([0, 53], at + 42);
  }
  return bytes;
}

const EXPRESSIONS = [
  "tcp port 80",
  "udp",
  "icmp or icmp6",
  "ip6 and tcp",
  "arp",
  "vlan and tcp",
  "tcp[tcpflags] & tcp-syn != 0",
  "ip[2:2] > 100",
  "ether[0] & 1 = 1",
  "len > 100",
  "greater 80 and less 120",
  "net 10.0.0.0/8",
  "portrange 1-1000",
  "ip proto 47",
  "ether host 01:02:03:04:05:06",
  "udp port 53 or tcp dst port 443",
  "ip[0] & 0xf > 5",
  "udp[8:4] = 0x12345678",
  "tcp[13] = 2 and not src host 10.0.0.1",
  "ip and (ip[6:2] & 0x1fff = 0) and tcp[((tcp[12] & 0xf0) >> 2):4] = 0x47455420",
  "ip[4:2] / 3 > ip[2:2] % 7",
  "ip6 protochain 6",
];

Deno.test("compileToFunction() gives runFilter()'s verdict for compiled expressions", () => {
  const random = prng(7);
  for (const expression of EXPRESSIONS) {
    const program = compileFilter(expression, { linkType: 1, snapLen: 262144 });
    for (let i = 0; i < 300; i++) {
      const f = frame(random);
      // Whole, and cut anywhere (loads past the captured bytes return 0).
      const cut = random() < 0.5 ? f : f.subarray(0, Math.floor(random() * f.length));
      const wireLen = f.length + Math.floor(random() * 3);
      const [got, want] = same(program, cut, wireLen, random);
      assert.equal(got, want, `${expression}, frame ${i}`);
    }
  }
});

/** A random instruction: any class, mostly known opcodes, offsets near the frame. */
function instruction(random: () => number, i: number, n: number): BpfInstruction {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const fields = Object.values(SKF_AD).filter((v) => v !== SKF_AD.RANDOM);
  const k = pick([
    () => Math.floor(random() * 80),
    () => Math.floor(random() * 2 ** 32),
    () => 0,
    () => SKF_LL_OFF + Math.floor(random() * 40),
    () => SKF_AD_OFF + pick(fields),
    () => SKF_AD_OFF + 1 + Math.floor(random() * 200), // not a field
    () => Math.floor(random() * 40),
  ])();
  const code = random() < 0.05 ? Math.floor(random() * 256) : pick([
    0x20,
    0x28,
    0x30,
    0x40,
    0x48,
    0x50,
    0x00,
    0x60,
    0x80,
    0x38, // ld
    0x01,
    0x61,
    0x81,
    0xb1,
    0x21, // ldx
    0x02,
    0x03, // st, stx
    0x04,
    0x14,
    0x24,
    0x34,
    0x44,
    0x54,
    0x64,
    0x74,
    0x84,
    0x94,
    0xa4, // alu k
    0x0c,
    0x1c,
    0x2c,
    0x3c,
    0x4c,
    0x5c,
    0x6c,
    0x7c,
    0x9c,
    0xac, // alu x
    0x05,
    0x15,
    0x25,
    0x35,
    0x45,
    0x1d,
    0x2d,
    0x3d,
    0x4d,
    0x55, // jmp
    0x06,
    0x16,
    0x07,
    0x87,
    0x0f, // ret, misc
  ]);
  const jump = () => Math.floor(random() * Math.min(256, n - i + 2));
  const isJa = (code & 0x07) === 0x05 && (code & 0xf0) === 0;
  return { code, jt: jump(), jf: jump(), k: isJa ? jump() : k };
}

Deno.test("compileToFunction() gives runFilter()'s result for random programs of every opcode", () => {
  const random = prng(11);
  for (let p = 0; p < 600; p++) {
    const n = 1 + Math.floor(random() * 30);
    const program = Array.from({ length: n }, (_, i) => instruction(random, i, n));
    for (let i = 0; i < 20; i++) {
      const bytes = new Uint8Array(Math.floor(random() * 70));
      for (let b = 0; b < bytes.length; b++) bytes[b] = Math.floor(random() * 256);
      const wireLen = random() < 0.1 ? 2 ** 32 - 1 : bytes.length + Math.floor(random() * 100);
      const [got, want] = same(program, bytes, wireLen, random);
      assert.equal(got, want, `program ${p} ${JSON.stringify(program)}, bytes ${i}`);
    }
  }
});

Deno.test("compileToFunction() runs backward jumps and very large programs through the interpreter, link offsets as the kernel", () => {
  const random = prng(3);
  // ldb [0]; sub #1; tax-less loop: jgt #0 back to the sub, then ret a (a counts down to 0).
  const loop: BpfProgram = [
    { code: 0x30, jt: 0, jf: 0, k: 0 },
    { code: 0x14, jt: 0, jf: 0, k: 1 },
    { code: 0x25, jt: 0, jf: 1, k: 0 },
    { code: 0x05, jt: 0, jf: 0, k: -3 >>> 0 },
    { code: 0x06, jt: 0, jf: 0, k: 77 },
  ];
  assert.deepEqual(same(loop, new Uint8Array([5]), 1, random), [77, 77]);
  // An indexed load whose X + k lands in SKF_LL_OFF's range reads the link header, as the
  // kernel's does; past it (SKF_AD_OFF and up), nothing.
  for (const base of [SKF_LL_OFF + 2, SKF_AD_OFF - 14]) {
    const indexed: BpfProgram = [
      { code: 0x01, jt: 0, jf: 0, k: base }, // ldx #base
      { code: 0x48, jt: 0, jf: 0, k: 12 }, // ldh [x + 12]
      { code: 0x16, jt: 0, jf: 0, k: 0 }, // ret a
    ];
    const bytes = Uint8Array.from({ length: 20 }, (_, i) => i + 1);
    const [got, want] = same(indexed, bytes, 20, random);
    assert.equal(got, want);
    assert.equal(got, base === SKF_LL_OFF + 2 ? 0x0f10 : 0);
  }
  const hosts = Array.from({ length: 700 }, (_, i) => `host 10.0.${i >> 8}.${i & 255}`);
  const big = compileFilter(hosts.join(" or "), { linkType: 1, snapLen: 262144 });
  const f = frame(random);
  f.set([0x08, 0x00, 0x45], 12);
  f.set([10, 0, 1, 44], 26);
  assert.deepEqual(same(big, f, f.length, random), [262144, 262144]);
});
