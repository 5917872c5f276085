// RESP, the Redis serialization protocol (TCP port 6379, redis.io/docs/reference/protocol-spec),
// as tcpdump 4.99 prints it (print-resp.c): every item of a pipelined segment in turn, simple
// strings, errors and integers, bulk strings and arrays (nested), and inline commands, each as
// ` "text"`; anything it cannot follow to its end gives up with " [|resp]".

import { type Ctx, printn } from "./_ctx.ts";

/** Thrown where print-resp.c jumps to its trunc label (truncated or malformed alike). */
const GIVE_UP = Symbol("resp");

const CR = 0x0d, LF = 0x0a;
const INT_MAX = 2147483647;

/** resp_print(): `length` bytes of TCP payload at `off`. */
export function respPrint(c: Ctx, off: number, length: number): void {
  c.proto = "resp";
  c.print(": RESP");
  try {
    while (length !== 0) {
      const n = item(c, off, length);
      off += n, length -= n;
    }
  } catch (e) {
    if (e !== GIVE_UP) throw e;
    c.trunc();
  }
}

/** resp_parse(): one item at `p`; the bytes it took. */
function item(c: Ctx, p: number, length: number): number {
  if (length < 1) throw GIVE_UP;
  switch (c.u8(p)) {
    case 0x2b: // '+' simple string
    case 0x2d: // '-' error
    case 0x3a: // ':' integer
      return line(c, p, length);
    case 0x24: // '$'
      return bulkString(c, p, length);
    case 0x2a: // '*'
      return array(c, p, length);
    default:
      return inline(c, p, length);
  }
}

/** FIND_CRLF: the offset of the next CR LF from `p`, within `len` bytes and the capture. */
function findCrlf(c: Ctx, p: number, len: number): number {
  for (;;) {
    if (len < 2 || !c.has(p, 2)) throw GIVE_UP;
    if (c.b[p] === CR && c.b[p + 1] === LF) return p;
    p++, len--;
  }
}

/** RESP_PRINT_SEGMENT: ` "text"` of `len` bytes already known to be captured. */
function segment(c: Ctx, p: number, len: number): void {
  c.print(` "${printn(c, p, len)}"`);
}

/** A simple string, an error or an integer: the opcode, the text, CR LF. */
function line(c: Ctx, p: number, length: number): number {
  const end = findCrlf(c, p + 1, length - 1);
  const len = end - (p + 1);
  segment(c, p + 1, len);
  return 1 + len + 2;
}

/**
 * resp_get_length(): the length after an opcode at `p`: -1 for "-1" (null), -2 cut short,
 * -3 too large, -4 negative and not -1, -5 not a number; `next` is where the reading stopped.
 */
function getLength(c: Ctx, p: number, len: number): { value: number; next: number } {
  if (len === 0) return { value: -2, next: p };
  let neg = false, tooLarge = false, sawDigit = false, result = 0;
  if (c.u8(p) === 0x2d) {
    neg = true;
    p++, len--;
  }
  for (;;) {
    if (len === 0) return { value: -2, next: p };
    const ch = c.u8(p);
    if (!(ch >= 0x30 && ch <= 0x39)) {
      if (!sawDigit) return { value: -5, next: p + 1 };
      break;
    }
    const d = ch - 0x30;
    if (result > Math.floor(INT_MAX / 10)) tooLarge = true;
    else {
      result *= 10;
      if (result === Math.floor(INT_MAX / 10) * 10 && d > INT_MAX % 10) tooLarge = true;
      else result += d;
    }
    p++, len--;
    sawDigit = true;
  }
  if (c.u8(p) !== CR) return { value: -5, next: p + 1 };
  p++, len--;
  if (len === 0) return { value: -2, next: p };
  if (c.u8(p) !== LF) return { value: -5, next: p + 1 };
  p++;
  if (neg) return { value: tooLarge || result !== 1 ? -4 : -1, next: p };
  return { value: tooLarge ? -3 : result, next: p };
}

/** What a length that is not one prints: null, too large, negative, invalid; -2 gives up. */
function badLength(c: Ctx, value: number): void {
  if (value === -1) c.print(" null");
  else if (value === -2) throw GIVE_UP;
  else if (value === -3) c.print(" length too large");
  else if (value === -4) c.print(" length negative and not -1");
  else c.print(" invalid");
}

function bulkString(c: Ctx, p: number, length: number): number {
  let cur = length - 1;
  const { value, next } = getLength(c, p + 1, cur);
  cur -= next - (p + 1);
  p = next;
  if (value >= 0) {
    if (value === 0) c.print(" empty");
    else {
      if (cur < value || !c.has(p, value)) throw GIVE_UP;
      segment(c, p, value);
      p += value, cur -= value;
    }
    const end = findCrlf(c, p, cur);
    cur -= end - p + 2;
  } else badLength(c, value);
  return length - cur;
}

function array(c: Ctx, p: number, length: number): number {
  let cur = length - 1;
  const { value, next } = getLength(c, p + 1, cur);
  cur -= next - (p + 1);
  p = next;
  if (value > 0) {
    for (let i = 0; i < value; i++) {
      const n = item(c, p, cur);
      p += n, cur -= n;
    }
  } else if (value === 0) c.print(" empty");
  else badLength(c, value);
  return length - cur;
}

/** An inline command: CR and LF bytes before it skipped, the line up to the next CR or LF. */
function inline(c: Ctx, p: number, length: number): number {
  let cur = length;
  [p, cur] = skipCrLf(c, p, cur);
  let q = p;
  for (;;) {
    if (cur < 1) throw GIVE_UP;
    const ch = c.u8(q);
    if (ch === CR || ch === LF) break;
    q++, cur--;
  }
  segment(c, p, q - p);
  [, cur] = skipCrLf(c, q, cur);
  return length - cur;
}

/** CONSUME_CR_OR_LF: past every CR and LF at `p`; none before the data ends gives up. */
function skipCrLf(c: Ctx, p: number, len: number): [number, number] {
  let found = false;
  for (;;) {
    if (len === 0 || !c.has(p, 1)) {
      if (found) return [p, len];
      throw GIVE_UP;
    }
    const ch = c.b[p];
    if (ch !== CR && ch !== LF) return [p, len];
    found = true;
    p++, len--;
  }
}
