/**
 * Decode issues: plain data on the hot path, and the {@linkcode DecodeError}
 * that wraps one when a view's `from()` is given bytes it cannot read.
 *
 * @module
 */

/**
 * Why a layer could not be read.
 *
 * * `truncated`: fewer bytes than the header needs (`need` and `have` are byte counts).
 * * `bad-length`: a length field is impossible (`need` is the minimum, `have` the field's value).
 * * `bad-version`: a version or type field is not the one this view reads (`need` expected, `have` seen).
 * * `bad-pointer`: a DNS compression pointer that loops or points outside the message
 *   (`need` is the limit the pointer had to stay under, `have` the pointer).
 * * `bad-value`: a field holds a value this view cannot read (`need` is 0 or the expected value,
 *   `have` the value).
 *
 * @example Tell a truncated layer from a malformed one
 * ```ts
 * import { type DecodeReason, TcpView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const reason: DecodeReason | undefined = TcpView.check(new Uint8Array(10))?.reason;
 * assert.equal(reason, "truncated");
 * ```
 */
export type DecodeReason =
  | "truncated"
  | "bad-length"
  | "bad-version"
  | "bad-pointer"
  | "bad-value";

/**
 * A problem found while reading one layer; plain data, cheap to make and to keep.
 *
 * @example An issue as check() returns it
 * ```ts
 * import { Ipv4View, type DecodeIssue } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * const issue: DecodeIssue | undefined = Ipv4View.check(new Uint8Array(3));
 * assert.deepEqual(issue, { layer: "ipv4", reason: "truncated", need: 20, have: 3 });
 * ```
 */
export interface DecodeIssue {
  /** Name of the layer that could not be read (`"ipv4"`, `"tcp"`, …). */
  layer: string;
  /** What is wrong with it. */
  reason: DecodeReason;
  /** What was needed: a byte count, a minimum length or an expected value (see {@linkcode DecodeReason}). */
  need: number;
  /** What was found, in the same unit as `need`. */
  have: number;
  /**
   * Where the layer that could not be read starts, in bytes from the start of the packet: set
   * by {@linkcode decodePacket} when a walk stops; a view's `check()` leaves it out.
   */
  offset?: number;
}

/**
 * Describes an issue in one line, as {@linkcode DecodeError} messages do, with the offset
 * of its layer in the packet when the issue has one.
 *
 * @param issue The issue to describe.
 * @returns A sentence-case message without a final period.
 * @example Describe a truncated header
 * ```ts
 * import { describeIssue } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * assert.equal(
 *   describeIssue({ layer: "tcp", reason: "truncated", need: 20, have: 7 }),
 *   "Cannot decode tcp: truncated header (need 20 bytes, have 7)",
 * );
 * assert.equal(
 *   describeIssue({ layer: "ipv4", reason: "bad-version", need: 4, have: 6, offset: 14 }),
 *   "Cannot decode ipv4: bad version or type 6 (need 4) at offset 14",
 * );
 * ```
 */
export function describeIssue(issue: DecodeIssue): string {
  const at = issue.offset === undefined ? "" : ` at offset ${issue.offset}`;
  return describeReason(issue) + at;
}

function describeReason({ layer, reason, need, have }: DecodeIssue): string {
  switch (reason) {
    case "truncated":
      return `Cannot decode ${layer}: truncated header (need ${need} bytes, have ${have})`;
    case "bad-length":
      return `Cannot decode ${layer}: bad length ${have} (need at least ${need})`;
    case "bad-version":
      return `Cannot decode ${layer}: bad version or type ${have} (need ${need})`;
    case "bad-pointer":
      return `Cannot decode ${layer}: bad compression pointer ${have} (must be below ${need})`;
    case "bad-value":
      return `Cannot decode ${layer}: bad value ${have}`;
  }
}

/**
 * Thrown by a view's `from()` when its `check()` finds an issue; carries that issue.
 *
 * @example Catch a DecodeError
 * ```ts
 * import { DecodeError, TcpView } from "@tpacket/tpacket/decode";
 * import assert from "node:assert/strict";
 * assert.throws(() => TcpView.from(new Uint8Array(7)), (e: unknown) =>
 *   e instanceof DecodeError && e.issue.reason === "truncated" && e instanceof RangeError);
 * ```
 */
export class DecodeError extends RangeError {
  /** The issue that made decoding fail. */
  readonly issue: DecodeIssue;
  /**
   * Makes the error for one issue.
   *
   * @param issue What `check()` found.
   */
  constructor(issue: DecodeIssue) {
    super(describeIssue(issue));
    this.name = "DecodeError";
    this.issue = issue;
  }
}
