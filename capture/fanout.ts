/**
 * Multi-core capture: one `PACKET_FANOUT` group over several worker engines
 * (see `worker.ts`). Each member is a Worker with its own socket, ring,
 * synchronous wait and eventfd; after `bind` each socket joins the same group
 * with identical settings, and the kernel steers every packet to exactly one
 * member (by flow hash, round robin, CPU, queue, random, or a classic BPF
 * program). The checks and the encoding of the group's settings are in
 * `fanout_settings.ts`, pure.
 *
 * @module
 */

import { SyscallError } from "../ffi/errno.ts";
import { EINVAL, ENOSPC } from "../ffi/linux.ts";
import { LINKTYPE } from "../link_type.ts";
import {
  checkFanoutOptions,
  type FanoutConfig,
  type FanoutMode,
  type FanoutOptions,
  joinOptions,
} from "./fanout_settings.ts";
import {
  openWorkerCapture,
  type WorkerCapture,
  type WorkerCaptureOptions,
  type WorkerRunOptions,
  type WorkerRunResult,
} from "./worker.ts";
import type { WorkerStats } from "./worker_types.ts";

export {
  DEFAULT_FANOUT_MEMBERS,
  DEFAULT_FANOUT_MODE,
  FANOUT_MODES,
  type FanoutMode,
  type FanoutOptions,
  steeringProgram,
} from "./fanout_settings.ts";

/** How many random group ids are tried when the kernel cannot pick one. */
const RANDOM_ID_TRIES = 16;

/** A member that failed: its index, and the error its run ended with. */
export interface FanoutFailure {
  /** Index of the member (0-based). */
  member: number;
  /** What it ended with (a handler's error, or the worker's crash). */
  error: Error;
}

/** What a group's run ends with. */
export interface FanoutRunResult {
  /** Frames delivered during the run, over all members. */
  packets: number;
  /** Each member's run, by index; `undefined` for a member that failed (see `failures`). */
  members: (WorkerRunResult | undefined)[];
  /** Members that failed during this run (their sockets are closed). */
  failures: FanoutFailure[];
}

/** A group's counters: the totals and each member's. */
export interface FanoutStats {
  /** Sums over the members (the stall measures: the largest member's). */
  total: WorkerStats;
  /** Each member's counters, by index (a closed member keeps its last values). */
  members: WorkerStats[];
}

/**
 * Opens a fanout group of `members` worker engines on `device`. The first
 * member creates the group (with `PACKET_FANOUT_FLAG_UNIQUEID` the kernel
 * picks an unused id; where it cannot, a random id is tried and retried on a
 * collision); the others then join it in parallel. A `groupId` that is
 * already taken in this network namespace ends in an error naming it.
 *
 * Frames that arrive while a member opens (between its `bind` and its join,
 * microseconds) may reach that member as well as the group: start the
 * traffic that must be counted exactly once after the promise resolves.
 *
 * @param device The interface name (`"any"` works too, except with a steering expression).
 * @param options A worker engine's options, plus the group's (`members`, `mode`, flags, `groupId`, `steer`).
 * @returns The open group; close it (or `await using`) when done.
 * @example Four members, flows kept whole, counted for a second
 * ```ts ignore
 * import { openFanout } from "@tpacket/tpacket";
 * await using group = await openFanout("eth0", { members: 4, mode: "hash" });
 * const { packets } = await group.run({ signal: AbortSignal.timeout(1000) });
 * console.log(`${packets} frames, ${group.stats().members.map((m) => m.delivered)}`);
 * ```
 * @example Steer by expression: TCP to member 0, the rest to member 1
 * ```ts ignore
 * import { openFanout } from "@tpacket/tpacket";
 * await using group = await openFanout("eth0", {
 *   members: 2,
 *   mode: "cbpf",
 *   steer: ["tcp"],
 *   handler: new URL("./per_member.ts", import.meta.url),
 *   handlerOptions: (member: number) => ({ member }),
 * });
 * await group.run({ timeoutMs: 5000 });
 * ```
 */
export async function openFanout(
  device: string,
  options: FanoutOptions = {},
): Promise<FanoutGroup> {
  const config = checkFanoutOptions(device, options);
  const { engine, groupId } = await openFirst(device, config);
  const members: WorkerCapture[] = [engine];
  try {
    if (config.steerByExpression && engine.linkType !== LINKTYPE.ETHERNET) {
      throw new TypeError(
        `Cannot open fanout group on ${
          JSON.stringify(device)
        }: steering by expression needs Ethernet frames, this device has link type ${engine.linkType} (give a program)`,
      );
    }
    // The kernel numbers members in the order they join, and a steering program's result picks
    // a member by that number: with "cbpf" the members join one after another, so member k is
    // the k-th to join; the other modes do not depend on the order and open in parallel.
    const open = (k: number) => openMember(device, config, k + 1, groupId, false);
    const rest: PromiseSettledResult<WorkerCapture>[] = [];
    if (config.mode === "cbpf") {
      for (let k = 0; k < config.members - 1; k++) {
        const [r] = await Promise.allSettled([open(k)]);
        rest.push(r!);
        if (r!.status === "rejected") break;
      }
    } else {
      rest.push(
        ...await Promise.allSettled(Array.from({ length: config.members - 1 }, (_, k) => open(k))),
      );
    }
    for (const r of rest) if (r.status === "fulfilled") members.push(r.value);
    const failed = rest.find((r) => r.status === "rejected") as PromiseRejectedResult | undefined;
    if (failed !== undefined) throw joinError(device, groupId, failed.reason, config);
  } catch (e) {
    await Promise.all(members.map((m) => m.close()));
    throw e;
  }
  return new FanoutGroup(device, groupId, config, members);
}

function memberOptions(config: FanoutConfig, member: number): WorkerCaptureOptions {
  const { handlerOptions, onMessage } = config;
  const options: WorkerCaptureOptions = { ...config.capture };
  if (handlerOptions !== undefined) {
    options.handlerOptions = typeof handlerOptions === "function"
      ? (handlerOptions as (member: number) => unknown)(member)
      : handlerOptions;
  }
  if (onMessage !== undefined) options.onMessage = (m) => onMessage(m, member);
  return options;
}

function openMember(
  device: string,
  config: FanoutConfig,
  member: number,
  groupId: number,
  uniqueId: boolean,
): Promise<WorkerCapture> {
  return openWorkerCapture(device, {
    ...memberOptions(config, member),
    afterBind: joinOptions(config, groupId, { uniqueId, first: member === 0 }),
  });
}

/** The errno of a refused `PACKET_FANOUT` join, or `undefined` for any other error. */
function joinErrno(e: unknown): number | undefined {
  return e instanceof SyscallError && e.syscall === "setsockopt(PACKET_FANOUT)"
    ? e.errno
    : undefined;
}

function taken(device: string, groupId: number): Error {
  return new Deno.errors.AlreadyExists(
    `Cannot open fanout group ${groupId} on ${
      JSON.stringify(device)
    }: the id is taken by another group in this network namespace`,
  );
}

/** A member's join refused with EINVAL or ENOSPC: someone else's group holds the id. */
function joinError(device: string, groupId: number, e: unknown, config: FanoutConfig): unknown {
  const errno = joinErrno(e);
  if (errno === ENOSPC || (errno === EINVAL && config.argsStruct)) return taken(device, groupId);
  return e;
}

/**
 * The first member: it makes the group. With no id given the kernel picks one
 * (`PACKET_FANOUT_FLAG_UNIQUEID`, read back with getsockopt); a kernel that
 * refuses the flag gets random ids instead, retried while they collide.
 */
async function openFirst(
  device: string,
  config: FanoutConfig,
): Promise<{ engine: WorkerCapture; groupId: number }> {
  if (config.groupId !== undefined) {
    try {
      const engine = await openMember(device, config, 0, config.groupId, false);
      return { engine, groupId: config.groupId };
    } catch (e) {
      throw joinError(device, config.groupId, e, config);
    }
  }
  // A fresh kernel-picked id cannot collide: EINVAL means the kernel does not know the struct
  // (before 5.9; then the int form is tried) or the flag.
  for (const struct of config.argsStruct ? [true, false] : [false]) {
    config.argsStruct = struct;
    try {
      const engine = await openMember(device, config, 0, 0, true);
      const [joined] = engine.afterBindValues;
      // getsockopt(PACKET_FANOUT): id | type << 16 | flags << 24; UNIQUEID is dropped once used.
      if (joined !== undefined && ((joined >>> 24) & (0x2000 >> 8)) === 0) {
        return { engine, groupId: joined & 0xffff };
      }
      await engine.close(); // the kernel kept the flag as an unknown bit: it does not know it
      break;
    } catch (e) {
      if (joinErrno(e) !== EINVAL) throw e;
    }
  }
  for (let i = 0;; i++) {
    const id = 1 + Math.floor(Math.random() * 0xffff);
    try {
      return { engine: await openMember(device, config, 0, id, false), groupId: id };
    } catch (e) {
      const errno = joinErrno(e);
      if ((errno !== EINVAL && errno !== ENOSPC) || i + 1 >= RANDOM_ID_TRIES) throw e;
    }
  }
}

function sumStats(all: WorkerStats[]): WorkerStats {
  const total: WorkerStats = {
    received: 0,
    dropped: 0,
    freezes: 0,
    losingBlocks: 0,
    seqGaps: 0,
    blocks: 0,
    corrupt: 0,
    rejected: 0,
    delivered: 0,
    bytes: 0,
    wakeups: 0,
    maxUnvisitedMs: 0,
    maxBlocksHeld: 0,
  };
  for (const s of all) {
    for (const key of Object.keys(total) as (keyof WorkerStats)[]) {
      total[key] = key === "maxUnvisitedMs" || key === "maxBlocksHeld"
        ? Math.max(total[key], s[key])
        : total[key] + s[key];
    }
  }
  return total;
}

/**
 * An open fanout group: N worker engines on one device in one
 * `PACKET_FANOUT` group. {@linkcode FanoutGroup.run} runs them all;
 * {@linkcode FanoutGroup.stats} reads every member's shared counters without
 * stopping anything; a member whose run fails (its handler threw, or its
 * worker crashed) is closed at once, so the kernel stops steering to it, and
 * is reported in the run's `failures` and to `onMemberError`.
 *
 * @example Per-member counts after a run
 * ```ts ignore
 * import { openFanout } from "@tpacket/tpacket";
 * await using group = await openFanout("eth0", { members: 2, mode: "lb" });
 * await group.run({ timeoutMs: 1000 });
 * const { total, members } = group.stats();
 * console.log(total.delivered, members.map((m) => m.delivered));
 * ```
 */
export class FanoutGroup {
  /** The device name. */
  readonly device: string;
  /** The group id (per network namespace). */
  readonly groupId: number;
  /** How the kernel picks a member. */
  readonly mode: FanoutMode;
  /** IPv4 fragments are reassembled before steering (`PACKET_FANOUT_FLAG_DEFRAG`). */
  readonly defrag: boolean;
  /** A full ring overflows to another member (`PACKET_FANOUT_FLAG_ROLLOVER`). */
  readonly rollover: boolean;
  /** The group ignores outgoing packets (`PACKET_FANOUT_FLAG_IGNORE_OUTGOING`). */
  readonly ignoreOutgoing: boolean;
  /** The members' engines, by index (a failed member's is closed). */
  readonly members: readonly WorkerCapture[];

  readonly #onMemberError: ((member: number, error: Error) => void) | undefined;
  readonly #failed = new Map<number, Error>();
  #closing: Promise<void> | undefined;

  /** Use {@linkcode openFanout}. */
  constructor(device: string, groupId: number, config: FanoutConfig, members: WorkerCapture[]) {
    this.device = device;
    this.groupId = groupId;
    this.mode = config.mode;
    this.defrag = config.defrag;
    this.rollover = config.rollover;
    this.ignoreOutgoing = config.ignoreOutgoing;
    this.members = members;
    this.#onMemberError = config.onMemberError;
  }

  /** Members that failed so far, by index, with their errors. */
  get failures(): FanoutFailure[] {
    return [...this.#failed].map(([member, error]) => ({ member, error }));
  }

  /**
   * Runs every live member until {@linkcode FanoutGroup.breakLoop}, the
   * signal, the timeout or close. A member that fails is closed and reported;
   * the others go on.
   *
   * @param options `signal` and `timeoutMs`, for the whole group.
   * @returns Each member's run and the total, once every member's run ended.
   */
  async run(options: Omit<WorkerRunOptions, "count"> = {}): Promise<FanoutRunResult> {
    if (this.#closing !== undefined) {
      throw new Deno.errors.BadResource(
        `Cannot run the fanout group on ${JSON.stringify(this.device)}: the group is closed`,
      );
    }
    const result: FanoutRunResult = { packets: 0, members: [], failures: [] };
    const closing: Promise<void>[] = [];
    // A member that fails is closed as soon as its run ends, not when the others' do.
    await Promise.all(this.members.map(async (m, i) => {
      result.members[i] = undefined;
      if (this.#failed.has(i)) return;
      try {
        const r = await m.run(options);
        result.members[i] = r;
        result.packets += r.packets;
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        result.failures.push({ member: i, error });
        closing.push(this.#fail(i, error));
      }
    }));
    await Promise.all(closing);
    result.failures.sort((a, b) => a.member - b.member);
    return result;
  }

  /** Closes a failed member at once (the kernel stops steering to it) and reports it. */
  #fail(member: number, error: Error): Promise<void> {
    this.#failed.set(member, error);
    const closed = this.members[member]!.close();
    try {
      this.#onMemberError?.(member, error);
    } catch { /* a reporting callback must not stop the others */ }
    return closed;
  }

  /** Ends the current run of every member at once (each wakes through its eventfd). */
  breakLoop(): void {
    for (const m of this.members) m.breakLoop();
  }

  /**
   * Every member's counters now, and their totals, read from shared memory.
   *
   * @returns Fresh objects.
   */
  stats(): FanoutStats {
    // A closed member's shared counters keep their last values.
    const members = this.members.map((m) => m.stats());
    return { total: sumStats(members), members };
  }

  /**
   * Stops every member and closes them all (sockets, rings, workers). Harmless twice.
   *
   * @returns Resolves once nothing of the group is left.
   */
  close(): Promise<void> {
    return this.#closing ??= (async () => {
      for (const m of this.members) m.breakLoop();
      await Promise.all(this.members.map((m) => m.close()));
    })();
  }

  /** Same as {@linkcode FanoutGroup.close}. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /**
   * Starts {@linkcode FanoutGroup.close} (for `using`): every member is told
   * at once; the sockets are gone within milliseconds. `await using` waits.
   */
  [Symbol.dispose](): void {
    void this.close();
  }
}
