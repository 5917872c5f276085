/**
 * Classic BPF instructions (`struct sock_filter`, linux/filter.h): the unit
 * shared by the filter compiler, the user-space machine and live capture.
 *
 * @module
 */

/** One classic-BPF instruction, as `struct sock_filter` lays it out. */
export interface BpfInstruction {
  /** Opcode: class | size | mode (or op | source). 16 bits. */
  readonly code: number;
  /** Jump offset when the condition is true. 8 bits. */
  readonly jt: number;
  /** Jump offset when the condition is false. 8 bits. */
  readonly jf: number;
  /** Generic field: constant, offset or return value. 32 bits, unsigned. */
  readonly k: number;
}

/** A classic-BPF program: what `SO_ATTACH_FILTER` takes and `tcpdump -ddd` prints. */
export type BpfProgram = readonly BpfInstruction[];
