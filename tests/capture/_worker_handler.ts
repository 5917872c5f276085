/**
 * Handler module of the worker engine test: keeps a copy of each frame (or
 * each batch's frames) and returns them from `end()`; `options.throwAt` makes
 * `onFrame` throw at that frame.
 */

import type { Frame } from "../../ring/frame.ts";
import type { WorkerHandlerContext } from "../../capture/worker.ts";

let kept: { data: Uint8Array; wireLen: number; linkType: number }[] = [];
let throwAt = -1;
let seen = 0;

export function init(ctx: WorkerHandlerContext): void {
  const o = ctx.options as { throwAt?: number } | undefined;
  throwAt = o?.throwAt ?? -1;
  ctx.post({ ready: ctx.device, linkType: ctx.linkType });
}

export function onFrame(frame: Frame): void {
  if (seen++ === throwAt) throw new RangeError(`handler refuses frame ${throwAt}`);
  kept.push({ data: frame.data.slice(), wireLen: frame.wireLen, linkType: frame.linkType });
}

export function end(): unknown {
  const out = kept;
  kept = [];
  return out;
}
