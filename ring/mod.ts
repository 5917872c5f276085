/**
 * The TPACKET_V3/V2 ring walker: kernel layout constants, the reused {@linkcode Frame} handed
 * to capture callbacks, and {@linkcode V3Ring} / {@linkcode V2Ring} over a plain
 * `ArrayBuffer`. Re-exported by the package's `mod.ts`.
 *
 * @example Align like the kernel
 * ```ts
 * import { TPACKET3_HDRLEN, tpacketAlign } from "tpacket";
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
