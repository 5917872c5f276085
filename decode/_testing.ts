// Private test helpers: frame building with correct checksums, a minimal pcap writer, and a
// runner for tcpdump (the reference decoder). Used only by *_test.ts and the bench.

import assert from "node:assert/strict";
import { onesSum } from "./_bytes.ts";
import { FIXTURES } from "./_fixtures.ts";
import { DecodeError, type DecodeIssue } from "./errors.ts";
export { prng } from "../tests/_prng.ts";

/** Bytes from hex with any whitespace. */
export function hex(s: string): Uint8Array {
  return Uint8Array.fromHex(s.replace(/\s+/g, ""));
}

/** Concatenates byte arrays. */
export function cat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

function put16(b: Uint8Array, at: number, v: number): void {
  b[at] = v >> 8;
  b[at + 1] = v & 0xff;
}

/** Builds an IPv4 header (no options unless given) with a correct checksum around `payload`. */
export function ipv4(
  proto: number,
  src: string,
  dst: string,
  payload: Uint8Array,
  opts: { id?: number; ttl?: number; flagsFrag?: number; options?: Uint8Array; tos?: number } = {},
): Uint8Array {
  const options = opts.options ?? new Uint8Array(0);
  const hl = 20 + options.byteLength;
  const h = new Uint8Array(hl);
  h[0] = 0x40 | (hl / 4);
  h[1] = opts.tos ?? 0;
  put16(h, 2, hl + payload.byteLength);
  put16(h, 4, opts.id ?? 1);
  put16(h, 6, opts.flagsFrag ?? 0x4000);
  h[8] = opts.ttl ?? 64;
  h[9] = proto;
  h.set(src.split(".").map(Number), 12);
  h.set(dst.split(".").map(Number), 16);
  h.set(options, 20);
  put16(h, 10, ~onesSum(h) & 0xffff);
  return cat(h, payload);
}

/** 16 bytes of an IPv6 address written in full or with `::`. */
export function ipv6Addr(s: string): Uint8Array {
  const [head, tail] = s.includes("::") ? s.split("::") : [s, undefined];
  const hs = head ? head.split(":") : [];
  const ts = tail ? tail.split(":") : [];
  const groups = [...hs, ...Array(8 - hs.length - ts.length).fill("0"), ...ts];
  const b = new Uint8Array(16);
  groups.forEach((g, i) => put16(b, 2 * i, parseInt(g, 16)));
  return b;
}

/** Builds an IPv6 header around `payload` (`next` is the first Next Header). */
export function ipv6(
  next: number,
  src: string,
  dst: string,
  payload: Uint8Array,
  hopLimit = 64,
): Uint8Array {
  const h = new Uint8Array(40);
  h[0] = 0x60;
  put16(h, 4, payload.byteLength);
  h[6] = next;
  h[7] = hopLimit;
  h.set(ipv6Addr(src), 8);
  h.set(ipv6Addr(dst), 24);
  return cat(h, payload);
}

/** Fills the transport checksum at `at` of `ip`'s upper-layer packet (after `skip` bytes). */
export function fixChecksum(ip: Uint8Array, proto: number, at: number, skip?: number): Uint8Array {
  const v6 = ip[0]! >> 4 === 6;
  const start = skip ?? (v6 ? 40 : (ip[0]! & 15) * 4);
  const upper = ip.subarray(start);
  upper[at] = upper[at + 1] = 0;
  const len = upper.byteLength;
  const addrs = v6 ? ip.subarray(8, 40) : ip.subarray(12, 20);
  let sum = onesSum(addrs) + proto + len;
  sum = onesSum(upper, sum);
  put16(upper, at, ~sum & 0xffff || (proto === 17 ? 0xffff : 0));
  return ip;
}

/** Builds an Ethernet frame. */
export function ether(
  type: number,
  payload: Uint8Array,
  dst = "020000000002",
  src = "020000000001",
) {
  const h = hex(dst + src + type.toString(16).padStart(4, "0"));
  return cat(h, payload);
}

/**
 * A pcap file (µs, little-endian) holding `frames` of `linkType`, one second apart; `wireLens`
 * gives each frame's original length when it was cut (default: its captured length).
 */
export function pcapFile(linkType: number, frames: Uint8Array[], wireLens?: number[]): Uint8Array {
  const head = new Uint8Array(24);
  const dv = new DataView(head.buffer);
  dv.setUint32(0, 0xa1b2c3d4, true);
  dv.setUint16(4, 2, true);
  dv.setUint16(6, 4, true);
  dv.setUint32(16, 262144, true);
  dv.setUint32(20, linkType, true);
  const parts: Uint8Array[] = [head];
  frames.forEach((f, i) => {
    const r = new Uint8Array(16);
    const rv = new DataView(r.buffer);
    rv.setUint32(0, 1_700_000_000 + i, true);
    rv.setUint32(8, f.byteLength, true);
    rv.setUint32(12, wireLens?.[i] ?? f.byteLength, true);
    parts.push(r, f);
  });
  return cat(...parts);
}

/** Whether tcpdump can be run. */
export function haveTcpdump(): boolean {
  try {
    return new Deno.Command("tcpdump", { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

/**
 * Runs `tcpdump -n -r <pcap> ...args` on frames; returns its stdout lines, without timestamps
 * (`-t`) unless `stamped`, then with `-tt` (frame i is stamped 1700000000 + i).
 */
export function tcpdump(
  linkType: number,
  frames: Uint8Array[],
  args: string[],
  stamped = false,
  wireLens?: number[],
): string[] {
  const path = Deno.makeTempFileSync({ suffix: ".pcap" });
  try {
    Deno.writeFileSync(path, pcapFile(linkType, frames, wireLens));
    const out = new Deno.Command("tcpdump", {
      args: ["-n", stamped ? "-tt" : "-t", "-r", path, ...args],
      stdout: "piped",
      stderr: "null",
    }).outputSync();
    return new TextDecoder().decode(out.stdout).split("\n").filter((l) => l !== "");
  } finally {
    Deno.removeSync(path);
  }
}

/** Bytes of a fixture by name. */
export function fixture(name: keyof typeof FIXTURES): Uint8Array {
  return Uint8Array.fromHex(FIXTURES[name].hex);
}

/** A view class as the fuzz and truncation tests see it. */
export interface ViewClass {
  // deno-lint-ignore no-explicit-any
  check(bytes: Uint8Array, extra?: any): DecodeIssue | undefined;
  // deno-lint-ignore no-explicit-any
  from(bytes: Uint8Array, extra?: any): unknown;
}

/**
 * Asserts that every prefix of `bytes` shorter than `headerLen` gives exactly the issue
 * `expect(n)` from check() and the same issue in the DecodeError from from().
 */
export function assertTruncations(
  view: ViewClass,
  bytes: Uint8Array,
  headerLen: number,
  expect: (n: number) => DecodeIssue,
  extra?: number | boolean,
): void {
  for (let n = 0; n < headerLen; n++) {
    const cut = bytes.subarray(0, n);
    const want = expect(n);
    assert.deepEqual(view.check(cut, extra), want, `check() of the first ${n} bytes`);
    assert.throws(() => view.from(cut, extra), (e: unknown) => {
      assert.ok(e instanceof DecodeError);
      assert.deepEqual(e.issue, want);
      return true;
    });
  }
  assert.equal(view.check(bytes.subarray(0, headerLen), extra), undefined);
}
