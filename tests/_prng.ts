/**
 * The one seeded generator of the test suites (mulberry32): the same seed gives the same
 * numbers on every run, so a fuzz or corpus failure can be replayed.
 *
 * @module
 */

/** Returns a generator of numbers in [0, 1) for `seed`. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
