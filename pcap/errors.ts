/**
 * The one error a damaged capture file raises.
 *
 * @module
 */

/**
 * A pcap or pcapng file is corrupt or truncated. The message names the file (when known),
 * the byte offset and what is wrong, on one line; every good packet before that offset
 * has been delivered.
 *
 * @example Catch a damaged file
 * ```ts
 * import { PcapFormatError, PcapReader } from "@tpacket/tpacket/pcap";
 * import assert from "node:assert/strict";
 * const bytes = new Uint8Array(24); // all zeros: no known magic number
 * await assert.rejects(PcapReader.from(new Blob([bytes]).stream(), { name: "zero.pcap" }), (e) => {
 *   assert.ok(e instanceof PcapFormatError);
 *   assert.equal(e.offset, 0);
 *   assert.equal(e.message, 'Cannot read "zero.pcap": unknown magic number 0x00000000 at offset 0');
 *   return true;
 * });
 * ```
 */
export class PcapFormatError extends Error {
  /** Byte offset in the file of the header, record or block that is wrong. */
  readonly offset: number;
  /** What is wrong, without the file name and offset. */
  readonly reason: string;
  /** The file's name as given to the reader, or `undefined` for an unnamed stream. */
  readonly fileName: string | undefined;

  /**
   * Builds the one-line message `Cannot read "<file>": <reason> at offset <offset>`.
   *
   * @param reason What is wrong, e.g. `record length 300000 exceeds the maximum 262144`.
   * @param offset Byte offset of the damaged structure in the file.
   * @param fileName The file's name, when known.
   */
  constructor(reason: string, offset: number, fileName?: string) {
    const what = fileName === undefined ? "capture file" : `"${fileName}"`;
    super(`Cannot read ${what}: ${reason} at offset ${offset}`);
    this.name = "PcapFormatError";
    this.offset = offset;
    this.reason = reason;
    this.fileName = fileName;
  }
}
