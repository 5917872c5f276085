/**
 * sniff's `--workers N`: the live capture spread over a `PACKET_FANOUT` group
 * of N capture engines (see `openFanout`), each running sniff's live handler
 * (`_sniff_worker.ts`) in its own Worker. This thread handles signals, `-c`
 * over the whole group, and the summary lines (totals over the members).
 *
 * Options: `--workers N` (1 to 64), `--fanout MODE` (hash, the default, lb,
 * cpu, rollover, random, qm), `--fanout-opts LIST` (comma-separated: defrag
 * (default) or nodefrag, rollover, ignore-outgoing), `--fanout-group ID`.
 * With `-w FILE` member N writes its own file, named by {@linkcode memberFile}
 * (`out.pcap` → `out-0.pcap`, `out-1.pcap`, ...; `-C`/`-G` then rotate each
 * member's file as tcpdump names rotated files). Printed lines of different
 * members interleave (each line whole), so they are not in time order.
 *
 * @module
 */
import {
  type CaptureOptions,
  FANOUT_MODES,
  type FanoutGroup,
  type FanoutMode,
  linkTypeDescription,
  linkTypeName,
  openFanout,
} from "../mod.ts";
import { summaryLines } from "./_summary.ts";

/** What sniff hands over: its parsed options and how it reports. */
export interface GroupRun {
  values: Map<string, string>;
  counts: Map<string, number>;
  device: string;
  options: CaptureOptions;
  nano: boolean;
  writing: boolean;
  maxCount: number;
  argv: readonly string[];
  handler: URL;
  /** The signals caught since the command started; `onSignal` says what one does now. */
  signals: { readonly count: number; onSignal(action: () => void): void };
  note(text: string): void;
  usage(message: string): Error;
  /** Once the group is open (its `-w` files named): -Z's change of user, before any traffic. */
  opened?(files: string[]): Promise<void>;
}

/**
 * The file member `member` writes for `-w path`: the member's index before the
 * last extension (`out.pcap` → `out-2.pcap`), or at the end when there is none.
 *
 * @param path The `-w` argument.
 * @param member The member's index, from 0.
 * @returns The member's file name.
 */
export function memberFile(path: string, member: number): string {
  const slash = path.lastIndexOf("/");
  const dot = path.lastIndexOf(".");
  if (dot <= slash + 1) return `${path}-${member}`;
  return `${path.slice(0, dot)}-${member}${path.slice(dot)}`;
}

const FLAG_WORDS = ["defrag", "nodefrag", "rollover", "ignore-outgoing"] as const;

/** `--workers`, `--fanout`, `--fanout-opts`, `--fanout-group` checked. */
function groupOptions(r: GroupRun) {
  const workersText = r.values.get("workers")!;
  const workers = Number(workersText);
  if (!/^\s*\d+\s*$/.test(workersText) || workers < 1 || workers > 64) {
    throw r.usage(`invalid worker count "${workersText}" (--workers takes 1 to 64)`);
  }
  const mode = r.values.get("fanout") ?? "hash";
  const modes: readonly string[] = FANOUT_MODES.filter((m) => m !== "cbpf");
  if (!modes.includes(mode)) {
    throw r.usage(`invalid fanout mode "${mode}" (--fanout takes ${modes.join(", ")})`);
  }
  const words = (r.values.get("fanout-opts") ?? "").split(",").filter((w) => w !== "");
  for (const w of words) {
    if (!(FLAG_WORDS as readonly string[]).includes(w)) {
      throw r.usage(`invalid fanout option "${w}" (--fanout-opts takes ${FLAG_WORDS.join(", ")})`);
    }
  }
  const groupText = r.values.get("fanout-group");
  const groupId = groupText === undefined ? undefined : Number(groupText);
  if (groupText !== undefined && (!/^\s*\d+\s*$/.test(groupText) || groupId! > 65535)) {
    throw r.usage(`invalid fanout group "${groupText}" (--fanout-group takes 0 to 65535)`);
  }
  if (r.values.get("w") === "-") {
    throw r.usage("cannot write several workers' files to standard output (-w - with --workers)");
  }
  return {
    members: workers,
    mode: mode as FanoutMode,
    defrag: !words.includes("nodefrag"),
    rollover: words.includes("rollover"),
    ignoreOutgoing: words.includes("ignore-outgoing"),
    ...(groupId !== undefined ? { groupId } : {}),
  };
}

/**
 * The live capture over a fanout group: opens it, runs it until a signal or
 * `-c`, then prints tcpdump's three summary lines with the group's totals.
 *
 * @param r sniff's options and reporting functions.
 */
export async function captureInGroup(r: GroupRun): Promise<void> {
  const fanout = groupOptions(r);
  // -c over the whole group: each member takes one from the shared budget per frame.
  const budget = r.maxCount > 0 ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
  if (budget !== undefined) budget[0] = r.maxCount;
  const failed: string[] = [];
  const group: FanoutGroup = await openFanout(r.device, {
    ...r.options,
    ...fanout,
    handler: r.handler,
    handlerOptions: (member: number) => ({
      argv: [...r.argv],
      nano: r.nano,
      member,
      ...(r.values.has("w") ? { file: memberFile(r.values.get("w")!, member) } : {}),
      ...(budget !== undefined ? { budget: budget.buffer } : {}),
    }),
    // Reported after the summary lines (sniff prints the error and exits with status 1).
    onMemberError: (member, e) =>
      failed.push(`worker ${member} failed: ${e.message.split("\n")[0]}`),
  });
  // A signal during the open breaks the first run before it starts.
  r.signals.onSignal(() => group.breakLoop());
  if (r.opened) {
    const files = r.values.has("w")
      ? group.members.map((_, member) => memberFile(r.values.get("w")!, member))
      : [];
    await r.opened(files).catch(async (e) => {
      await group.close();
      throw e;
    });
  }
  const linkType = group.members[0]!.linkType;
  const snapLen = group.members[0]!.snapLen;
  if (!r.counts.has("v") && !r.writing) {
    r.note(`sniff: verbose output suppressed, use -v[v]... for full protocol decode`);
  }
  r.note(
    `listening on ${r.device}, link-type ${linkTypeName(linkType)} (${
      linkTypeDescription(linkType)
    }), snapshot length ${snapLen} bytes`,
  );
  const opts = [
    fanout.defrag ? "defrag" : "nodefrag",
    ...(fanout.rollover ? ["rollover"] : []),
    ...(fanout.ignoreOutgoing ? ["ignore-outgoing"] : []),
  ];
  r.note(
    `sniff: ${fanout.members} workers in fanout group ${group.groupId} (${group.mode}, ${
      opts.join(", ")
    })`,
  );
  // The member that takes the last of the budget stops itself; the others may sit in poll.
  const counted = budget === undefined ? undefined : setInterval(() => {
    if (Atomics.load(budget, 0) <= 0) group.breakLoop();
  }, 10);
  const taken = new Map<number, number>();
  let full = false;
  const record = (members: ({ result: unknown } | undefined)[]) => {
    members.forEach((m, i) => {
      const res = m?.result as { full?: boolean; count?: number } | undefined;
      if (res?.count !== undefined) taken.set(i, res.count);
      if (res?.full) full = true;
    });
  };
  try {
    record((await group.run()).members);
    const budgetLeft = () => budget === undefined || Atomics.load(budget, 0) > 0;
    // Stopped by a signal: frames may still sit in V3 blocks that are not full, or have come
    // after a member's last look at its ring (a signal during the open stops the first run
    // before it starts, right after the binds; the counters here are older than those frames).
    // So each member collects until what its kernel counted is taken, at most the block
    // timeout (a second signal ends the wait at once), as the one-engine path does; a member
    // with nothing left ends at its first wait.
    if (r.signals.count === 1 && !full && budgetLeft()) {
      const last = await group.run({
        timeoutMs: r.options.blockTimeoutMs! + 100,
        untilDrained: true,
      });
      record(last.members);
    }
    if (full) r.note(`Maximum file limit reached: ${r.values.get("W")}`);
  } finally {
    if (counted !== undefined) clearInterval(counted);
    await group.close(); // every worker flushes and closes its file first
    const { total, members } = group.stats();
    // A member's own count (frames past -c are not taken); a failed member's, its deliveries.
    const captured = members.reduce((sum, s, i) => sum + (taken.get(i) ?? s.delivered), 0);
    r.note(summaryLines(captured, total.received, total.dropped));
    if (r.counts.has("v")) {
      r.note(
        `per worker: ${
          members.map((s, i) => `${i}: ${taken.get(i) ?? s.delivered}/${s.received}/${s.dropped}`)
            .join(", ")
        } (captured/received/dropped)`,
      );
    }
  }
  if (failed.length > 0) throw new Error(failed[0]);
}
