// Private byte helpers shared by the views: big-endian reads without a DataView (one less
// allocation per view), the argument check, and the Internet checksum (RFC 1071).

/** Reads a big-endian 16-bit value; the caller has checked the bounds. */
export function u16(b: Uint8Array, off: number): number {
  return (b[off]! << 8) | b[off + 1]!;
}

/** Reads a big-endian 32-bit unsigned value; the caller has checked the bounds. */
export function u32(b: Uint8Array, off: number): number {
  return ((b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!) >>> 0;
}

/** Reads a little-endian 32-bit unsigned value; the caller has checked the bounds. */
export function u32le(b: Uint8Array, off: number): number {
  return ((b[off + 3]! << 24) | (b[off + 2]! << 16) | (b[off + 1]! << 8) | b[off]!) >>> 0;
}

/** Ones'-complement sum of `b` folded to 16 bits, added to `initial` (RFC 1071). */
export function onesSum(b: Uint8Array, initial = 0): number {
  let sum = initial;
  const n = b.byteLength & ~1;
  for (let i = 0; i < n; i += 2) sum += (b[i]! << 8) | b[i + 1]!;
  if (b.byteLength & 1) sum += b[n]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/** Throws a TypeError unless `bytes` is a Uint8Array (views index it without further checks). */
export function requireBytes(bytes: unknown, what: string): void {
  if (bytes instanceof Uint8Array) return;
  const got = bytes === null
    ? "null"
    : typeof bytes === "object"
    ? (bytes.constructor?.name ?? "object")
    : typeof bytes;
  throw new TypeError(`Cannot decode ${what}: bytes must be a Uint8Array, got ${got}`);
}
