/**
 * sniff's live path inside the capture engine's Worker (a handler module, see
 * `openWorkerCapture`): every frame is printed, turned into JSON, counted
 * and/or written to `-w` here, next to the ring, so the main thread only
 * handles signals and the summary lines.
 *
 * @module
 */
import {
  type Batch,
  type Frame,
  PcapBatchWriter,
  type PcapWriteRecord,
  type WorkerHandler,
  type WorkerHandlerContext,
} from "../mod.ts";
import { type Args, openWriter, parseArgs, Sink } from "./sniff.ts";

/**
 * `-w FILE` without rotation (not stdout): written synchronously from this Worker, each
 * record copied into one reused buffer (the one copy, as tcpdump's stdio buffer) and written
 * when it fills, so nothing is allocated per packet and nothing waits on a promise while the
 * ring fills. The bytes are those `PcapWriter` writes.
 */
function syncFile(args: Args, linkType: number, snapLen: number, nano: boolean) {
  const path = args.values.get("w");
  if (path === undefined || path === "-") return undefined;
  if (args.values.has("C") || args.values.has("G") || args.values.has("W")) return undefined;
  // SNIFF_WRITE=async keeps PcapWriter's asynchronous writes (to compare the paths).
  const env = Deno.permissions.querySync({ name: "env", variable: "SNIFF_WRITE" });
  if (env.state === "granted" && Deno.env.get("SNIFF_WRITE") === "async") return undefined;
  const file = PcapBatchWriter.open(path, {
    linkType,
    snapLen,
    nanoseconds: nano,
    packetBuffered: args.counts.has("U"),
  });
  return {
    write: (record: PcapWriteRecord) => void file.writeRecord(record),
    close: () => Promise.resolve(file.close()),
  };
}

/** SNIFF_WRITE=async: the asynchronous pcap writers (to compare); else `-C/-G/-W` write sync. */
function asyncWrite(): boolean {
  const env = Deno.permissions.querySync({ name: "env", variable: "SNIFF_WRITE" });
  return env.state === "granted" && Deno.env.get("SNIFF_WRITE") === "async";
}

let sink: Sink | undefined;
let linkType = 1;
let stop: () => void = () => {};
/** `-c` over a fanout group (`--workers`): the frames left to take, shared by the members. */
let budget: Int32Array | undefined;

/**
 * `-w FILE` and nothing else per packet (no printing, no `-c`, no rotation): whole blocks go
 * to the file with writev(2) straight from the ring, and no frame is looked at here.
 */
function batchFile(
  args: Args,
  ctx: WorkerHandlerContext,
  nano: boolean,
): WorkerHandler | undefined {
  const path = args.values.get("w");
  if (path === undefined || path === "-" || args.counts.has("print")) return undefined;
  if (args.counts.has("json") || args.counts.has("count") || args.values.has("c")) return undefined;
  if (args.values.has("C") || args.values.has("G") || args.values.has("W")) return undefined;
  // SNIFF_WRITE=frames (or async) keeps the per-frame writers, to compare the paths.
  const env = Deno.permissions.querySync({ name: "env", variable: "SNIFF_WRITE" });
  if (env.state === "granted" && Deno.env.get("SNIFF_WRITE") !== undefined) return undefined;
  const file = PcapBatchWriter.open(path, {
    linkType: ctx.linkType,
    snapLen: ctx.snapLen,
    nanoseconds: nano,
    packetBuffered: args.counts.has("U"),
  });
  // The engine's warm-up writes its synthetic blocks the same way, to /dev/null: file.write
  // and the shim call under it are then compiled before the first real block (called once
  // a block, they would run in the interpreter, cold after each wake-up, the whole capture).
  let nul: PcapBatchWriter | undefined;
  try {
    nul = PcapBatchWriter.open("/dev/null", {
      linkType: ctx.linkType,
      snapLen: ctx.snapLen,
      nanoseconds: nano,
    });
  } catch { /* no write permission there: no warm-up of the writer */ }
  return {
    onBatch: (batch: Batch) => file.write(batch),
    ...nul === undefined ? {} : { warm: (batch: Batch) => nul.write(batch) },
    // The per-frame path, for a filter the kernel refused (the engine then calls this).
    onFrame: (frame: Frame) => file.writeRecord(frame),
    end: () => ({ full: false }),
    close: () => {
      nul?.close();
      file.close();
    },
  };
}

/** Parses sniff's arguments again (they came as `ctx.options.argv`) and opens the writer. */
export async function init(ctx: WorkerHandlerContext): Promise<WorkerHandler | undefined> {
  const { argv, nano, file, budget: shared } = ctx.options as {
    argv: string[];
    nano: boolean;
    file?: string;
    budget?: SharedArrayBuffer;
  };
  const args = parseArgs(argv);
  // A fanout group's member (--workers): its own -w file, and -c shared with the others.
  if (file !== undefined) args.values.set("w", file);
  if (shared !== undefined) budget = new Int32Array(shared);
  const batches = batchFile(args, ctx, nano);
  if (batches !== undefined) return batches;
  // --count and nothing to print or write: the engine's own counter (whole blocks, no frame
  // looked at here; with -c it counts frame by frame up to the count). A fanout group's
  // shared -c budget needs each frame here.
  if (args.counts.has("count") && !args.values.has("w") && budget === undefined) {
    return { end: () => ({ full: false }) };
  }
  linkType = ctx.linkType;
  stop = ctx.stop;
  const writer = args.values.has("w")
    ? syncFile(args, ctx.linkType, ctx.snapLen, nano) ??
      await openWriter(args, ctx.linkType, ctx.snapLen, nano, !asyncWrite())
    : undefined;
  sink = await Sink.open(args, ctx.snapLen, writer);
  return undefined;
}

/** One frame: printed and/or written; the writer's promise, when it asks to wait. */
export function onFrame(frame: Frame): Promise<void> | undefined {
  if (budget !== undefined && Atomics.sub(budget, 0, 1) <= 0) {
    stop();
    return undefined;
  }
  const wait = sink!.take(linkType, frame);
  if (sink!.full) stop();
  return wait;
}

/** The ring is drained: what was printed goes out now, as tcpdump flushes per dispatch. */
export function idle(): void {
  sink!.out.flush();
}

/** After each run: whether `-W` files are full, and the frames taken so far. */
export function end(): { full: boolean; count: number } {
  sink!.out.flush();
  return { full: sink!.full, count: sink!.count };
}

/** Flushes the output and the file. */
export async function close(): Promise<void> {
  await sink?.close();
}
