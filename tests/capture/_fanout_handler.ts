/**
 * Handler module of the fanout tests: keeps the first `keep` bytes and the
 * wire length of every frame its member gets and returns them from `end()`;
 * `throwAt` makes `onFrame` throw at that frame (the run ends with the error),
 * `crashAt` makes the worker crash there (an uncaught error after the call).
 */

import type { Frame } from "../../ring/frame.ts";
import type { WorkerHandlerContext } from "../../capture/worker.ts";

/** What each member's `end()` returns. */
export interface Seen {
  member: number;
  heads: Uint8Array[];
  wireLens: number[];
}

interface Options {
  member: number;
  keep?: number;
  throwAt?: number;
  crashAt?: number;
}

let o: Options = { member: -1 };
let heads: Uint8Array[] = [];
let wireLens: number[] = [];
let seen = 0;

export function init(ctx: WorkerHandlerContext): void {
  o = ctx.options as Options;
}

export function onFrame(frame: Frame): void | Promise<void> {
  if (seen === o.throwAt) throw new RangeError(`member ${o.member} refuses frame ${seen}`);
  seen++;
  heads.push(frame.data.slice(0, o.keep ?? 64));
  wireLens.push(frame.wireLen);
  if (seen - 1 === o.crashAt) {
    // The engine awaits the returned promise after this visit: the timer's error is uncaught.
    setTimeout(() => {
      throw new Error(`member ${o.member} crashed`);
    });
    return new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function end(): Seen {
  const out = { member: o.member, heads, wireLens };
  heads = [];
  wireLens = [];
  return out;
}
