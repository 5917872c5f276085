/**
 * sniff's live path inside the capture engine's Worker (a handler module, see
 * `openWorkerCapture`): every frame is printed, turned into JSON, counted
 * and/or written to `-w` here, next to the ring, so the main thread only
 * handles signals and the summary lines.
 *
 * @module
 */
import type { Frame, PcapWriteRecord, WorkerHandlerContext } from "../mod.ts";
import { type Args, openWriter, parseArgs, Sink } from "./sniff.ts";

/** pcap's little-endian magics (microsecond, nanosecond timestamps). */
const PCAP_MAGIC_MICRO = 0xa1b2c3d4;
const PCAP_MAGIC_NANO = 0xa1b23c4d;
/** Bytes buffered before one synchronous write(2). */
const BUFFER_SIZE = 1 << 20;

/**
 * `-w FILE` without rotation, written synchronously from this Worker: one reused buffer takes
 * each record header and the frame's bytes (the one copy, as tcpdump's stdio buffer), and one
 * `write(2)` empties it when full. Nothing is allocated per packet, and nothing waits on a
 * promise while the ring fills. The bytes are those `PcapWriter` writes.
 */
class SyncPcapFile {
  readonly needsCopy = false;
  readonly #file: Deno.FsFile;
  readonly #buf = new Uint8Array(BUFFER_SIZE);
  readonly #dv = new DataView(this.#buf.buffer);
  readonly #snapLen: number;
  readonly #nano: boolean;
  readonly #perPacket: boolean;
  #len = 0;

  constructor(path: string, linkType: number, snapLen: number, nano: boolean, perPacket: boolean) {
    this.#file = Deno.openSync(path, { write: true, create: true, truncate: true });
    this.#snapLen = snapLen;
    this.#nano = nano;
    this.#perPacket = perPacket;
    const dv = this.#dv;
    dv.setUint32(0, nano ? PCAP_MAGIC_NANO : PCAP_MAGIC_MICRO, true);
    dv.setUint16(4, 2, true);
    dv.setUint16(6, 4, true);
    dv.setUint32(8, 0, true); // thiszone
    dv.setUint32(12, 0, true); // sigfigs
    dv.setUint32(16, snapLen, true);
    dv.setUint32(20, linkType, true);
    this.#len = 24;
    this.#drain(); // the header is on disk at once, as tcpdump's pcap_dump_open
  }

  write(record: PcapWriteRecord): boolean {
    const data = record.data;
    const capLen = data.length > this.#snapLen ? this.#snapLen : data.length;
    if (this.#len + 16 + capLen > BUFFER_SIZE) this.#drain();
    const at = this.#len;
    const dv = this.#dv;
    dv.setUint32(at, record.sec, true);
    dv.setUint32(at + 4, this.#nano ? record.nsec : Math.floor(record.nsec / 1000), true);
    dv.setUint32(at + 8, capLen, true);
    dv.setUint32(at + 12, record.wireLen, true);
    this.#buf.set(capLen === data.length ? data : data.subarray(0, capLen), at + 16);
    this.#len = at + 16 + capLen;
    if (this.#perPacket) this.#drain();
    return true;
  }

  #drain(): void {
    const bytes = this.#buf;
    for (let off = 0; off < this.#len;) off += this.#file.writeSync(bytes.subarray(off, this.#len));
    this.#len = 0;
  }

  close(): Promise<void> {
    try {
      this.#drain();
    } finally {
      this.#file.close();
    }
    return Promise.resolve();
  }
}

/** The sync file when `-w` names one plain file (no `-C`/`-G`/`-W`, not stdout), else undefined. */
function syncFile(args: Args, linkType: number, snapLen: number, nano: boolean) {
  const path = args.values.get("w");
  if (path === undefined || path === "-") return undefined;
  if (args.values.has("C") || args.values.has("G") || args.values.has("W")) return undefined;
  // SNIFF_ASYNC_WRITE=1 keeps PcapWriter's asynchronous writes (to compare the two paths).
  const env = Deno.permissions.querySync({ name: "env", variable: "SNIFF_ASYNC_WRITE" });
  if (env.state === "granted" && Deno.env.get("SNIFF_ASYNC_WRITE") === "1") return undefined;
  return new SyncPcapFile(path, linkType, snapLen, nano, args.counts.has("U"));
}

let sink: Sink | undefined;
let linkType = 1;
let stop: () => void = () => {};

/** Parses sniff's arguments again (they came as `ctx.options.argv`) and opens the writer. */
export async function init(ctx: WorkerHandlerContext): Promise<void> {
  const { argv, nano } = ctx.options as { argv: string[]; nano: boolean };
  const args = parseArgs(argv);
  linkType = ctx.linkType;
  stop = ctx.stop;
  const writer = args.values.has("w")
    ? syncFile(args, ctx.linkType, ctx.snapLen, nano) ??
      await openWriter(args, ctx.linkType, ctx.snapLen, nano)
    : undefined;
  sink = new Sink(args, ctx.snapLen, writer);
}

/** One frame: printed and/or written; the writer's promise, when it asks to wait. */
export function onFrame(frame: Frame): Promise<void> | undefined {
  const wait = sink!.take(linkType, frame);
  if (sink!.full) stop();
  return wait;
}

/** The ring is drained: what was printed goes out now, as tcpdump flushes per dispatch. */
export function idle(): void {
  sink!.out.flush();
}

/** After each run: whether `-W` files are full. */
export function end(): { full: boolean } {
  sink!.out.flush();
  return { full: sink!.full };
}

/** Flushes the output and the file. */
export async function close(): Promise<void> {
  await sink?.close();
}
