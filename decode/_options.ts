// Private type-length-value walker shared by IPv4 options (RFC 791, 3.1) and TCP options
// (RFC 9293, 3.1): kind 0 ends the list, kind 1 is a one-byte pad, others carry a length byte
// that counts kind and length. Never throws; a bad length ends the walk with `bad: true`.

/** One option as it sits in the header; `data` shares memory. */
export interface RawOption {
  /** Option type (IPv4) or kind (TCP). */
  type: number;
  /** Length byte (kind and length included); 1 for one-byte options. */
  len: number;
  /** Value bytes after type and length; empty for one-byte options. Shares memory. */
  data: Uint8Array;
  /** The length byte is missing, below 2 or runs past the header: the walk stopped here. */
  bad: boolean;
}

/** Walks `b[start, end)` and calls `emit` per option; returns nothing, never throws. */
export function walkOptions(
  b: Uint8Array,
  start: number,
  end: number,
  emit: (o: RawOption) => void,
): void {
  const empty = b.subarray(0, 0);
  let i = start;
  while (i < end) {
    const type = b[i]!;
    if (type === 0 || type === 1) {
      emit({ type, len: 1, data: empty, bad: false });
      if (type === 0) return;
      i++;
      continue;
    }
    if (i + 1 >= end) {
      emit({ type, len: 0, data: empty, bad: true });
      return;
    }
    const len = b[i + 1]!;
    if (len < 2 || i + len > end) {
      emit({
        type,
        len,
        data: b.subarray(i + 2, Math.min(Math.max(i + 2, i + len), end)),
        bad: true,
      });
      return;
    }
    emit({ type, len, data: b.subarray(i + 2, i + len), bad: false });
    i += len;
  }
}
