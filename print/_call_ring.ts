/**
 * tcpdump's ring of the last 64 calls, kept to read replies (print-nfs.c's xid_map,
 * print-rx.c's rx_cache): a new call overwrites the oldest, and a search starts at the last
 * match and goes round once.
 *
 * @module
 */

import type { Ctx } from "./_ctx.ts";

/** The calls one protocol printer remembers (XIDMAPSIZE / RX_CACHE_SIZE entries). */
export class CallRing<T> {
  readonly #entries: (T | undefined)[] = new Array(64);
  #next = 0;
  #hint = 0;

  /** Remembers a call, in place of the oldest. */
  add(entry: T): void {
    this.#entries[this.#next] = entry;
    if (++this.#next >= 64) this.#next = 0;
  }

  /** The first call that `match` accepts, from the last match round the ring once. */
  find(match: (entry: T) => boolean): T | undefined {
    let i = this.#hint;
    do {
      const e = this.#entries[i];
      if (e !== undefined && match(e)) {
        this.#hint = i;
        return e;
      }
      if (++i >= 64) i = 0;
    } while (i !== this.#hint);
    return undefined;
  }
}

/** The ring a printer keeps across packets under `key` in the printer's state. */
export function callRing<T>(c: Ctx, key: string): CallRing<T> {
  let m = c.keep.get(key) as CallRing<T> | undefined;
  if (!m) c.keep.set(key, m = new CallRing<T>());
  return m;
}
