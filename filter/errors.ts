/**
 * The error a filter expression that cannot be compiled raises.
 *
 * @module
 */

/**
 * A filter expression that cannot be compiled: one line naming the problem and
 * where it is, e.g. `Cannot compile filter "tcp prot 80": unexpected word "prot" at offset 4`.
 *
 * @example Catch a bad expression
 * ```ts
 * import { compileFilter, FilterSyntaxError } from "@tpacket/tpacket/filter";
 * import assert from "node:assert/strict";
 * assert.throws(() => compileFilter("tcp prot 80"), (e) => {
 *   assert.ok(e instanceof FilterSyntaxError);
 *   assert.equal(e.offset, 4);
 *   return true;
 * });
 * ```
 */
export class FilterSyntaxError extends SyntaxError {
  /** Offset in the expression, in UTF-16 code units, where the problem starts. */
  readonly offset: number;
  /** The expression as given. */
  readonly expression: string;
  /**
   * Builds the error.
   *
   * @param expression The whole expression.
   * @param reason What is wrong, without the position (e.g. `unexpected word "prot"`).
   * @param offset Where it is.
   * @param tail Text placed after the reason instead of ` at offset N`.
   */
  constructor(expression: string, reason: string, offset: number, tail?: string) {
    super(`Cannot compile filter "${expression}": ${reason}${tail ?? ` at offset ${offset}`}`);
    this.name = "FilterSyntaxError";
    this.offset = offset;
    this.expression = expression;
  }
}
