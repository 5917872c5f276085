// Private writers shared by the builders: big-endian stores, room checks and address parsing
// straight into the caller's buffer (no intermediate array, no string split), so building a
// packet allocates nothing.

/** A MAC address: 6 bytes, or colon/dash separated hex (`02:00:00:00:00:01`). */
export type MacInput = Uint8Array | string;
/** An IPv4 address: 4 bytes, a 32-bit number, or a dotted quad. */
export type Ipv4Input = Uint8Array | number | string;
/** An IPv6 address: 16 bytes or RFC 4291 text (`fe80::1`, `::ffff:10.0.0.1`). */
export type Ipv6Input = Uint8Array | string;

/** Writes a big-endian 16-bit value. */
export function put16(b: Uint8Array, at: number, v: number): void {
  b[at] = v >>> 8;
  b[at + 1] = v;
}

/** Writes a big-endian 32-bit value. */
export function put32(b: Uint8Array, at: number, v: number): void {
  b[at] = v >>> 24;
  b[at + 1] = v >>> 16;
  b[at + 2] = v >>> 8;
  b[at + 3] = v;
}

/** Thrown for a field the builder cannot write; layer `i` of kind `name` holds it. */
export function badField(
  i: number,
  name: string,
  field: string,
  value: unknown,
  want: string,
): TypeError {
  const shown = typeof value === "string" ? `"${value}"` : String(value);
  return new TypeError(
    `Cannot build packet: layer ${i} (${name}) ${field} ${shown} is not ${want}`,
  );
}

/** Throws a RangeError unless `len` bytes fit at `at`. */
export function room(b: Uint8Array, at: number, len: number, i: number, name: string): void {
  if (at + len > b.byteLength) {
    throw new RangeError(
      `Cannot build packet: layer ${i} (${name}) needs ${
        at + len
      } bytes, the buffer holds ${b.byteLength}`,
    );
  }
}

/** Throws a RangeError unless `v` is an integer in [0, max]. */
export function uint(v: number, max: number, i: number, name: string, field: string): number {
  if (!Number.isInteger(v) || v < 0 || v > max) {
    throw new RangeError(
      `Cannot build packet: layer ${i} (${name}) ${field} ${v} is not in 0..${max}`,
    );
  }
  return v;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Writes a MAC address at `at`. */
export function putMac(
  b: Uint8Array,
  at: number,
  v: MacInput,
  i: number,
  name: string,
  field: string,
) {
  if (v instanceof Uint8Array) {
    if (v.byteLength !== 6) throw badField(i, name, field, `${v.byteLength} bytes`, "6 bytes");
    b.set(v, at);
    return;
  }
  if (typeof v !== "string" || v.length !== 17) throw badField(i, name, field, v, "a MAC address");
  for (let i = 0; i < 6; i++) {
    const hi = hexDigit(v.charCodeAt(3 * i)), lo = hexDigit(v.charCodeAt(3 * i + 1));
    const sep = v.charCodeAt(3 * i + 2);
    if (hi < 0 || lo < 0 || (i < 5 && sep !== 58 && sep !== 45)) {
      throw badField(i, name, field, v, "a MAC address");
    }
    b[at + i] = (hi << 4) | lo;
  }
}

/** Parses a dotted quad into a number, or -1. */
function parseIpv4(s: string, from: number, to: number): number {
  let value = 0, part = -1, parts = 0;
  for (let i = from; i <= to; i++) {
    const c = i < to ? s.charCodeAt(i) : 46;
    if (c === 46) {
      if (part < 0 || ++parts > 4) return -1;
      value = value * 256 + part;
      part = -1;
    } else if (c >= 48 && c <= 57) {
      part = part < 0 ? c - 48 : part * 10 + c - 48;
      if (part > 255) return -1;
    } else return -1;
  }
  return parts === 4 ? value : -1;
}

/** Writes an IPv4 address at `at`. */
export function putIpv4(
  b: Uint8Array,
  at: number,
  v: Ipv4Input,
  i: number,
  name: string,
  field: string,
) {
  if (v instanceof Uint8Array) {
    if (v.byteLength !== 4) throw badField(i, name, field, `${v.byteLength} bytes`, "4 bytes");
    b.set(v, at);
    return;
  }
  const n = typeof v === "number"
    ? (Number.isInteger(v) && v >= 0 && v <= 0xffffffff ? v : -1)
    : typeof v === "string"
    ? parseIpv4(v, 0, v.length)
    : -1;
  if (n < 0) throw badField(i, name, field, v, "an IPv4 address");
  put32(b, at, n);
}

/** Writes an IPv6 address at `at` (RFC 4291 2.2 text forms). */
export function putIpv6(
  b: Uint8Array,
  at: number,
  v: Ipv6Input,
  i: number,
  name: string,
  field: string,
) {
  if (v instanceof Uint8Array) {
    if (v.byteLength !== 16) throw badField(i, name, field, `${v.byteLength} bytes`, "16 bytes");
    b.set(v, at);
    return;
  }
  if (typeof v !== "string" || !writeIpv6(b, at, v)) {
    throw badField(i, name, field, v, "an IPv6 address");
  }
}

function writeIpv6(b: Uint8Array, at: number, s: string): boolean {
  let groups = 0, gap = -1, i = 0;
  const n = s.length;
  if (s.startsWith("::")) {
    gap = 0;
    i = 2;
  }
  while (i < n) {
    let j = i, val = 0;
    while (j < n && j - i < 5) {
      const d = hexDigit(s.charCodeAt(j));
      if (d < 0) break;
      val = val * 16 + d;
      j++;
    }
    if (j < n && s.charCodeAt(j) === 46) { // an embedded dotted quad ends the address
      const v4 = parseIpv4(s, i, n);
      if (v4 < 0 || groups > 6) return false;
      put32(b, at + 2 * groups, v4);
      groups += 2;
      i = n;
      break;
    }
    if (j === i || j - i > 4 || groups >= 8) return false;
    put16(b, at + 2 * groups++, val);
    if (j === n) {
      i = n;
      break;
    }
    if (s.charCodeAt(j) !== 58) return false;
    if (j + 1 < n && s.charCodeAt(j + 1) === 58) {
      if (gap >= 0) return false;
      gap = groups;
      i = j + 2;
    } else {
      if (j + 1 === n) return false;
      i = j + 1;
    }
  }
  if (gap < 0) return groups === 8;
  if (groups > 7) return false;
  const tail = groups - gap, zeros = 8 - groups;
  b.copyWithin(at + 2 * (gap + zeros), at + 2 * gap, at + 2 * groups);
  b.fill(0, at + 2 * gap, at + 2 * (gap + zeros));
  return tail >= 0;
}
