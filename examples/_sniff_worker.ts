/**
 * sniff's live path inside the capture engine's Worker (a handler module, see
 * `openWorkerCapture`): every frame is printed, turned into JSON, counted
 * and/or written to `-w` here, next to the ring, so the main thread only
 * handles signals and the summary lines.
 *
 * @module
 */
import type { Frame, WorkerHandlerContext } from "../mod.ts";
import { openWriter, parseArgs, Sink } from "./sniff.ts";

let sink: Sink | undefined;
let linkType = 1;
let stop: () => void = () => {};

/** Parses sniff's arguments again (they came as `ctx.options.argv`) and opens the writer. */
export async function init(ctx: WorkerHandlerContext): Promise<void> {
  const { argv, nano } = ctx.options as { argv: string[]; nano: boolean };
  const args = parseArgs(argv);
  linkType = ctx.linkType;
  stop = ctx.stop;
  const writer = args.values.has("w")
    ? await openWriter(args, ctx.linkType, ctx.snapLen, nano)
    : undefined;
  sink = new Sink(args, ctx.snapLen, writer);
}

/** One frame: printed and/or written; the writer's promise, when it asks to wait. */
export function onFrame(frame: Frame): Promise<void> | undefined {
  const wait = sink!.take(linkType, frame);
  if (sink!.full) stop();
  return wait;
}

/** The ring is drained: what was printed goes out now, as tcpdump flushes per dispatch. */
export function idle(): void {
  sink!.out.flush();
}

/** After each run: whether `-W` files are full. */
export function end(): { full: boolean } {
  sink!.out.flush();
  return { full: sink!.full };
}

/** Flushes the output and the file. */
export async function close(): Promise<void> {
  await sink?.close();
}
