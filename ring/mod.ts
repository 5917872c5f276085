/**
 * The TPACKET_V3/V2 ring walker: kernel layout constants, the reused {@linkcode Frame} handed
 * to capture callbacks, and {@linkcode V3Ring} / {@linkcode V2Ring} over a plain
 * `ArrayBuffer`. Internal to the package: its `mod.ts` re-exports only the types `Frame`,
 * `Packet`, `Batch`, `FrameOptions` and `RingCounters`, so examples here import relative paths.
 *
 * @example Align like the kernel
 * ```ts
 * import { TPACKET3_HDRLEN, tpacketAlign } from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(TPACKET3_HDRLEN, 68);
 * assert.equal(tpacketAlign(TPACKET3_HDRLEN), 80);
 * ```
 *
 * @module
 */

export * from "./layout.ts";
export * from "./frame.ts";
export * from "./ring.ts";
