/**
 * tcpdump's summary of a capture, as sniff and top print it on exit (and the benchmark harness
 * and scripts read it): three lines, each count with PLURAL_SUFFIX's "packet" or "packets".
 *
 * @module
 */

/** "1 packet", "0 packets", "2 packets": tcpdump's PLURAL_SUFFIX. */
export function packets(n: number): string {
  return n === 1 ? "1 packet" : `${n} packets`;
}

/**
 * tcpdump's three summary lines, joined by newlines.
 *
 * @param captured Packets handed to the program.
 * @param received Packets the kernel's filter accepted.
 * @param dropped Packets the kernel dropped for want of room.
 */
export function summaryLines(captured: number, received: number, dropped: number): string {
  return `${packets(captured)} captured\n${packets(received)} received by filter\n${
    packets(dropped)
  } dropped by kernel`;
}
