/**
 * A fanout group's settings: the options, their defaults and checks, the
 * `PACKET_FANOUT` join each member makes after bind, and the steering program
 * of `cbpf` mode compiled from filter expressions. Pure: no system call here.
 *
 * @module
 */

import { encodeProgram } from "./kernel_filter.ts";
import { compileFilter } from "../filter/compile.ts";
import type { BpfInstruction, BpfProgram } from "../filter/insn.ts";
import { SKF_AD_OFF, SKF_LL_OFF } from "../filter/vm.ts";
import {
  PACKET_FANOUT,
  PACKET_FANOUT_CBPF,
  PACKET_FANOUT_CPU,
  PACKET_FANOUT_DATA,
  PACKET_FANOUT_FLAG_DEFRAG,
  PACKET_FANOUT_FLAG_IGNORE_OUTGOING,
  PACKET_FANOUT_FLAG_ROLLOVER,
  PACKET_FANOUT_FLAG_UNIQUEID,
  PACKET_FANOUT_HASH,
  PACKET_FANOUT_LB,
  PACKET_FANOUT_QM,
  PACKET_FANOUT_RND,
  PACKET_FANOUT_ROLLOVER,
  SOL_PACKET,
} from "../ffi/linux.ts";
import { checkOptions, checkProgram } from "./options.ts";
import type { SocketOption } from "./activate.ts";
import type { WorkerCaptureOptions } from "./worker.ts";

/**
 * The steering modes, as `PACKET_FANOUT_*` types: `hash` (the flow's symmetric
 * hash: both directions of a 5-tuple reach one member), `lb` (round robin),
 * `cpu` (the CPU the packet arrived on), `rollover` (fill one member, then the
 * next), `random`, `qm` (the NIC's receive queue), `cbpf` (a classic BPF
 * program returns the member's index).
 *
 * @example Every mode
 * ```ts
 * import { FANOUT_MODES } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * assert.deepEqual(FANOUT_MODES, ["hash", "lb", "cpu", "rollover", "random", "qm", "cbpf"]);
 * ```
 */
export const FANOUT_MODES = ["hash", "lb", "cpu", "rollover", "random", "qm", "cbpf"] as const;

/** One of {@linkcode FANOUT_MODES}. */
export type FanoutMode = typeof FANOUT_MODES[number];

const MODE_TYPE: Record<FanoutMode, number> = {
  hash: PACKET_FANOUT_HASH,
  lb: PACKET_FANOUT_LB,
  cpu: PACKET_FANOUT_CPU,
  rollover: PACKET_FANOUT_ROLLOVER,
  random: PACKET_FANOUT_RND,
  qm: PACKET_FANOUT_QM,
  cbpf: PACKET_FANOUT_CBPF,
};

/**
 * Default mode: `hash`, which keeps every flow (both directions) in one member.
 *
 * @example
 * ```ts
 * import { DEFAULT_FANOUT_MODE } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * assert.equal(DEFAULT_FANOUT_MODE, "hash");
 * ```
 */
export const DEFAULT_FANOUT_MODE: FanoutMode = "hash";

/**
 * Default number of members: 2.
 *
 * @example
 * ```ts
 * import { DEFAULT_FANOUT_MEMBERS } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * assert.equal(DEFAULT_FANOUT_MEMBERS, 2);
 * ```
 */
export const DEFAULT_FANOUT_MEMBERS = 2;

/** Most members of one group (the kernel's legacy `PACKET_FANOUT_MAX`). */
const MAX_MEMBERS = 256;

/** Options of a fanout group: each member's worker engine options, plus the group's. */
export interface FanoutOptions
  extends Omit<WorkerCaptureOptions, "afterBind" | "handlerOptions" | "onMessage"> {
  /** Number of members (worker engines), 1 to 256. @default 2 */
  members?: number;
  /** How the kernel picks a member. @default "hash" */
  mode?: FanoutMode;
  /** Reassemble IPv4 fragments before steering, so a datagram stays in one member. @default true */
  defrag?: boolean;
  /** A member whose ring is full passes packets on to another (not with mode `rollover`). @default false */
  rollover?: boolean;
  /** The group does not see packets this host sends. @default false */
  ignoreOutgoing?: boolean;
  /**
   * Group id, 0 to 65535, per network namespace; one that is taken is an error.
   * @default the kernel picks an unused one (random ones where it cannot)
   */
  groupId?: number;
  /**
   * Mode `cbpf` only: filter expressions (a frame goes to the member of the first
   * that matches, by index; one matching none to member `steer.length`, modulo the
   * member count), or a classic BPF program whose return value, modulo the member
   * count, is the member. A program reads the frame from its link-layer header at
   * `SKF_LL_OFF` (plain offsets start at the network header on receive).
   */
  steer?: string | readonly string[] | BpfProgram;
  /**
   * Passed to each member's handler `init` as `ctx.options`; a function is called
   * with the member's index (0-based) to give each member its own.
   */
  handlerOptions?: unknown;
  /** Gets every message a member's handler posts, with the member's index. */
  onMessage?: (message: unknown, member: number) => void;
  /** Told when a member fails (its handler threw or its worker crashed); it is closed. */
  onMemberError?: (member: number, error: Error) => void;
}

/** Checked group options. */
export interface FanoutConfig {
  members: number;
  mode: FanoutMode;
  defrag: boolean;
  rollover: boolean;
  ignoreOutgoing: boolean;
  groupId: number | undefined;
  /** The steering program, encoded as `struct sock_filter[]`. */
  program: Uint8Array | undefined;
  /** The program came from expressions, compiled for Ethernet. */
  steerByExpression: boolean;
  /** Each member's engine options, without the per-member ones. */
  capture: WorkerCaptureOptions;
  handlerOptions: unknown;
  onMessage: ((message: unknown, member: number) => void) | undefined;
  onMemberError: ((member: number, error: Error) => void) | undefined;
  /** Join with `struct fanout_args` (Linux 5.9), which sets the group's size. */
  argsStruct: boolean;
}

function fail(device: string, message: string, type = RangeError): never {
  throw new type(`Cannot open fanout group on ${JSON.stringify(device)}: ${message}`);
}

function flag(device: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") fail(device, `${name} must be a boolean`, TypeError);
  return value;
}

/**
 * Whether this kernel takes `struct fanout_args` (Linux 5.9). Without the `sys`
 * permission to read the version it is assumed; a kernel-picked id then finds
 * out (its first join is refused with EINVAL and retried in the `int` form).
 */
function argsStructKnown(): boolean {
  if (Deno.permissions.querySync({ name: "sys", kind: "osRelease" }).state !== "granted") {
    return true;
  }
  const m = /^(\d+)\.(\d+)/.exec(Deno.osRelease());
  return m === null || Number(m[1]) * 1000 + Number(m[2]) >= 5009;
}

/** Checks the group's options and each member's (once, before any Worker starts). */
export function checkFanoutOptions(device: string, options: FanoutOptions): FanoutConfig {
  if (options === null || typeof options !== "object") {
    fail(device, "options must be an object", TypeError);
  }
  const {
    members,
    mode,
    defrag,
    rollover,
    ignoreOutgoing,
    groupId,
    steer,
    handlerOptions,
    onMessage,
    onMemberError,
    ...capture
  } = options;
  checkOptions(device, capture);
  const n = members ?? DEFAULT_FANOUT_MEMBERS;
  if (!Number.isInteger(n) || n < 1 || n > MAX_MEMBERS) {
    fail(device, `members must be an integer from 1 to ${MAX_MEMBERS}, got ${n}`);
  }
  const m = mode ?? DEFAULT_FANOUT_MODE;
  if (!FANOUT_MODES.includes(m)) {
    const list = FANOUT_MODES.map((x) => `"${x}"`).join(", ");
    fail(device, `mode must be one of ${list}, got ${JSON.stringify(m)}`, TypeError);
  }
  const config: FanoutConfig = {
    members: n,
    mode: m,
    defrag: flag(device, "defrag", defrag, true),
    rollover: flag(device, "rollover", rollover, false),
    ignoreOutgoing: flag(device, "ignoreOutgoing", ignoreOutgoing, false),
    groupId: undefined,
    program: undefined,
    steerByExpression: false,
    capture,
    handlerOptions,
    onMessage: undefined,
    onMemberError: undefined,
    argsStruct: argsStructKnown(),
  };
  if (config.rollover && m === "rollover") {
    fail(device, 'the rollover flag does not go with mode "rollover" (the kernel refuses it)');
  }
  if (groupId !== undefined) {
    if (!Number.isInteger(groupId) || groupId < 0 || groupId > 0xffff) {
      fail(device, `groupId must be an integer from 0 to 65535, got ${groupId}`);
    }
    config.groupId = groupId;
  }
  for (const [name, f] of [["onMessage", onMessage], ["onMemberError", onMemberError]] as const) {
    if (f !== undefined && typeof f !== "function") {
      fail(device, `${name} must be a function`, TypeError);
    }
  }
  config.onMessage = onMessage;
  config.onMemberError = onMemberError;
  if (m === "cbpf") {
    if (steer === undefined) {
      fail(device, 'mode "cbpf" needs steer (expressions or a program)', TypeError);
    }
    const expressions = typeof steer === "string"
      ? [steer]
      : Array.isArray(steer) && steer.every((s) => typeof s === "string")
      ? steer as string[]
      : undefined;
    if (expressions !== undefined) {
      if (device === "any") {
        fail(device, 'steering by expression needs one device (the link layer of "any" varies)');
      }
      config.program = encodeProgram(steeringProgram(expressions, { snapLen: 0xffff }));
      config.steerByExpression = true;
    } else {
      const program = checkProgram(device, steer);
      config.program = encodeProgram(program.map((i) => ({ ...i })));
    }
  } else if (steer !== undefined) {
    fail(device, `steer goes with mode "cbpf", not ${JSON.stringify(m)}`, TypeError);
  }
  return config;
}

/**
 * The socket options a member sets after bind: `PACKET_FANOUT` (as
 * `struct fanout_args { u16 id; u16 type_flags; u32 max_num_members; }`
 * where the kernel has it, so a foreign group holding the id is refused
 * instead of joined), read back on the first member to learn a kernel-picked
 * id, then, on the first member, the steering program.
 */
export function joinOptions(
  config: FanoutConfig,
  groupId: number,
  at: { uniqueId: boolean; first: boolean },
): SocketOption[] {
  let typeFlags = MODE_TYPE[config.mode];
  if (config.defrag) typeFlags |= PACKET_FANOUT_FLAG_DEFRAG;
  if (config.rollover) typeFlags |= PACKET_FANOUT_FLAG_ROLLOVER;
  if (config.ignoreOutgoing) typeFlags |= PACKET_FANOUT_FLAG_IGNORE_OUTGOING;
  if (at.uniqueId) typeFlags |= PACKET_FANOUT_FLAG_UNIQUEID;
  const join: SocketOption = {
    level: SOL_PACKET,
    name: PACKET_FANOUT,
    value: (groupId | (typeFlags << 16)) >>> 0,
    label: "PACKET_FANOUT",
    readBack: at.first,
  };
  if (config.argsStruct) {
    const args = new DataView(new ArrayBuffer(8));
    args.setUint16(0, groupId, true);
    args.setUint16(2, typeFlags, true);
    args.setUint32(4, config.members, true);
    join.bytes = new Uint8Array(args.buffer);
  }
  const options = [join];
  if (at.first && config.program !== undefined) {
    options.push({
      level: SOL_PACKET,
      name: PACKET_FANOUT_DATA,
      value: 0,
      program: config.program,
      label: "PACKET_FANOUT_DATA",
    });
  }
  return options;
}

const BPF_RET_K = 0x06;
const BPF_JA = 0x05;

/**
 * A steering program for mode `cbpf` from filter expressions: a frame that
 * matches `expressions[i]` (the first that does) returns `i`, one that matches
 * none returns `expressions.length`; the kernel takes the value modulo the
 * member count. Each expression is compiled in its live Ethernet form and its
 * packet loads moved to `SKF_LL_OFF`: the kernel runs the group's program on
 * the packet as the stack holds it, from the network header on receive, from
 * the link-layer header on send; `SKF_LL_OFF` reads from the link-layer header
 * in both. (`len`, `greater`, `less` see the length from that start point; a
 * frame too short for a load the program makes goes to member 0, as a classic
 * program that reads past the end returns 0.)
 *
 * @param expressions One filter expression per member, in member order.
 * @param options `snapLen` and `netmask` for the compiler.
 * @returns The program.
 * @example TCP to member 0, UDP to member 1, the rest to member 2
 * ```ts
 * import { steeringProgram } from "@tpacket/tpacket";
 * import { runFilter } from "@tpacket/tpacket/filter";
 * import assert from "node:assert/strict";
 * const program = steeringProgram(["tcp", "udp"]);
 * const ipv4 = (proto: number) => {
 *   const f = new Uint8Array(54);
 *   f[12] = 0x08, f[14] = 0x45, f[23] = proto;
 *   return f;
 * };
 * assert.equal(runFilter(program, ipv4(6)), 0);
 * assert.equal(runFilter(program, ipv4(17)), 1);
 * assert.equal(runFilter(program, ipv4(1)), 2);
 * ```
 */
export function steeringProgram(
  expressions: readonly string[],
  options: { snapLen?: number; netmask?: number } = {},
): BpfProgram {
  if (expressions.length < 1) {
    throw new RangeError("Cannot compile the steering program: no expression given");
  }
  const out: BpfInstruction[] = [];
  expressions.forEach((expression, member) => {
    const program = compileFilter(expression, {
      snapLen: options.snapLen ?? 0xffff,
      netmask: options.netmask ?? 0,
      live: true,
    });
    program.forEach((insn, j) => {
      const cls = insn.code & 0x07;
      const mode = insn.code & 0xe0;
      if (insn.code === BPF_RET_K) {
        // Accept: this member. Reject: on to the next expression (the last falls through).
        out.push(
          insn.k !== 0
            ? { code: BPF_RET_K, jt: 0, jf: 0, k: member }
            : { code: BPF_JA, jt: 0, jf: 0, k: program.length - j - 1 },
        );
      } else if (
        (cls === 0x00 || cls === 0x01) && (mode === 0x20 || mode === 0x40 || mode === 0xa0) &&
        insn.k < SKF_AD_OFF
      ) {
        // BPF_LD / BPF_LDX with BPF_ABS, BPF_IND or BPF_MSH: from the link-layer header.
        out.push({ ...insn, k: (SKF_LL_OFF + insn.k) >>> 0 });
      } else if ((insn.code & 0x07) === 0x06) {
        throw new RangeError(
          `Cannot compile the steering program: ${JSON.stringify(expression)} returns A`,
        );
      } else {
        out.push({ ...insn });
      }
    });
  });
  out.push({ code: BPF_RET_K, jt: 0, jf: 0, k: expressions.length });
  if (out.length > 4096) {
    throw new RangeError(
      `Cannot compile the steering program: ${out.length} instructions, the kernel takes 4096`,
    );
  }
  return out;
}
