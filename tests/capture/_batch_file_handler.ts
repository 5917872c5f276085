/**
 * Handler module of the batch writer test: writes a pcap file with
 * `PcapBatchWriter`, whole batches (`mode: "batches"`) or frame by frame
 * (`"frames"`), chosen by returning the functions from `init`.
 */

import { PcapBatchWriter } from "../../capture/batch_writer.ts";
import type { WorkerHandler, WorkerHandlerContext } from "../../capture/worker.ts";

export function init(ctx: WorkerHandlerContext): WorkerHandler {
  const o = ctx.options as { path: string; mode: "batches" | "frames"; backend: "shim" | "libc" };
  const file = PcapBatchWriter.open(o.path, {
    linkType: ctx.linkType,
    snapLen: ctx.snapLen,
    backend: o.backend,
  });
  const close = () => file.close();
  return o.mode === "batches"
    ? { onBatch: (batch) => file.write(batch), close }
    : { onFrame: (frame) => file.writeRecord(frame), close };
}

/** Never called: `init` returns the functions the engine uses instead of the module's. */
export function onFrame(): void {
  throw new Error("the module's onFrame was called instead of init's");
}
