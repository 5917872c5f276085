/**
 * Handler module of the batch writer test: writes a pcap file with
 * `PcapBatchWriter`, whole batches (`mode: "batches"`) or frame by frame
 * (`"frames"`), chosen by returning the functions from `init`. In batches mode the engine's
 * warm-up writes through `warm` to /dev/null; `end` says how many synthetic frames it took.
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
  // The engine's warm-up goes through a writer of the same class to /dev/null, as sniff's.
  const nul = PcapBatchWriter.open("/dev/null", { linkType: ctx.linkType, snapLen: ctx.snapLen });
  let warmed = 0;
  const close = () => {
    nul.close();
    file.close();
  };
  return o.mode === "batches"
    ? {
      onBatch: (batch) => file.write(batch),
      warm: (batch) => {
        warmed += batch.count;
        nul.write(batch);
      },
      end: () => ({ warmed }),
      close,
    }
    : { onFrame: (frame) => file.writeRecord(frame), close };
}

/** Never called: `init` returns the functions the engine uses instead of the module's. */
export function onFrame(): void {
  throw new Error("the module's onFrame was called instead of init's");
}
