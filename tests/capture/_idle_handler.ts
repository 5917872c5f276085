/**
 * Handler module of the worker engine test whose idle hook returns a promise (a flush that
 * completes later): counts its calls and the visits that followed, keeps each frame's bytes.
 */

import type { Frame } from "../../ring/frame.ts";

let kept: Uint8Array[] = [];
let idleCalls = 0;
/** The idle promise still pending: the engine must not call idle again before it settles. */
let pending = false;
let overlapped = 0;

export function onFrame(frame: Frame): void {
  kept.push(frame.data.slice());
}

export function idle(): Promise<void> {
  idleCalls++;
  if (pending) overlapped++;
  pending = true;
  return new Promise((r) =>
    setTimeout(() => {
      pending = false;
      r();
    }, 5)
  );
}

export function end(): unknown {
  const out = { frames: kept, idleCalls, overlapped };
  kept = [];
  idleCalls = 0;
  overlapped = 0;
  return out;
}
