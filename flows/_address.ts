/** Text of the addresses stored in a key: dotted quad, and IPv6 as RFC 5952 writes it. */

/** Dotted quad of a big-endian IPv4 word. */
export function ipv4Text(word: number): string {
  return `${word >>> 24}.${(word >>> 16) & 255}.${(word >>> 8) & 255}.${word & 255}`;
}

/** RFC 5952 text of an IPv6 address held as 4 big-endian words at `words[at..at+3]`. */
export function ipv6Text(words: ArrayLike<number>, at: number): string {
  const groups: number[] = [];
  for (let w = 0; w < 4; w++) {
    const word = words[at + w]!;
    groups.push(word >>> 16, word & 0xffff);
  }
  // IPv4-mapped (::ffff:a.b.c.d) keeps its dotted tail, as inet_ntop writes it.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${ipv4Text(words[at + 3]! >>> 0)}`;
  }
  // The longest run of two or more zero groups (the first of equal ones) becomes "::".
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(":");
  if (best < 0) return hex(groups);
  return `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLen))}`;
}
