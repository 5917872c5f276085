// Private byte helpers shared by the views: big-endian reads without a DataView (one less
// allocation per view), address formatting, and the Internet checksum (RFC 1071).

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

/** Dotted quad of an IPv4 address held as a 32-bit number. */
export function ipv4ToString(addr: number): string {
  return `${addr >>> 24}.${(addr >>> 16) & 0xff}.${(addr >>> 8) & 0xff}.${addr & 0xff}`;
}

/** Dotted quad of the 4 bytes at `off`. */
export function ipv4At(b: Uint8Array, off: number): string {
  return `${b[off]}.${b[off + 1]}.${b[off + 2]}.${b[off + 3]}`;
}

/**
 * RFC 5952 text of the 16 bytes at `off`, as inet_ntop(3) writes it: lower case, longest run
 * (≥ 2 groups, first on a tie) of zero groups as `::`, and `::ffff:a.b.c.d` / `::a.b.c.d` forms.
 */
export function ipv6At(b: Uint8Array, off: number): string {
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push(u16(b, off + 2 * i));
  // inet_ntop prints IPv4-compatible (::a.b.c.d, not :: or ::1) and IPv4-mapped addresses dotted.
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0) {
    const v4 = ipv4At(b, off + 12);
    if (g[5] === 0xffff) return `::ffff:${v4}`;
    if (g[5] === 0 && (g[6] !== 0 || g[7]! > 1)) return `::${v4}`;
  }
  let bestStart = -1, bestLen = 0;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) [bestStart, bestLen] = [i, j - i];
    i = j;
  }
  if (bestLen < 2) return g.map((x) => x.toString(16)).join(":");
  const head = g.slice(0, bestStart).map((x) => x.toString(16)).join(":");
  const tail = g.slice(bestStart + bestLen).map((x) => x.toString(16)).join(":");
  return `${head}::${tail}`;
}

/** Colon-separated lower-case hex of `len` bytes at `off` (a MAC address when len is 6). */
export function macAt(b: Uint8Array, off: number, len = 6): string {
  let s = "";
  for (let i = 0; i < len; i++) {
    const x = b[off + i]!;
    s += (i ? ":" : "") + (x < 16 ? "0" : "") + x.toString(16);
  }
  return s;
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
