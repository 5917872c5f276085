/**
 * Test helpers: build pcap and pcapng files byte by byte in either byte order (independent
 * of the writer under test), read a whole file back, and a seeded random generator.
 *
 * @module
 */

import { PcapFormatError, PcapReader, type PcapReaderOptions, type PcapRecord } from "./mod.ts";
export { prng as rng } from "../tests/_prng.ts";

/** Concatenates byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Little- or big-endian field writer. */
class Fields {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly #dv: DataView;
  #at = 0;
  constructor(size: number, readonly le: boolean) {
    this.bytes = new Uint8Array(size);
    this.#dv = new DataView(this.bytes.buffer);
  }
  u16(v: number): this {
    this.#dv.setUint16(this.#at, v, this.le);
    this.#at += 2;
    return this;
  }
  u32(v: number): this {
    this.#dv.setUint32(this.#at, v >>> 0, this.le);
    this.#at += 4;
    return this;
  }
  u64(v: bigint): this {
    this.#dv.setBigUint64(this.#at, BigInt.asUintN(64, v), this.le);
    this.#at += 8;
    return this;
  }
  raw(b: Uint8Array): this {
    this.bytes.set(b, this.#at);
    this.#at += b.length;
    return this;
  }
}

/** A classic pcap file header. */
export function pcapHeader(
  o: {
    le?: boolean;
    magic?: number;
    major?: number;
    minor?: number;
    snapLen?: number;
    linkType?: number;
  } = {},
): Uint8Array {
  return new Fields(24, o.le ?? true).u32(o.magic ?? 0xa1b2c3d4).u16(o.major ?? 2).u16(o.minor ?? 4)
    .u32(0).u32(0).u32(o.snapLen ?? 65535).u32(o.linkType ?? 1).bytes;
}

/** A classic pcap record (header + data); `extra` bytes follow the 16-byte header (Kuznetzov). */
export function pcapRecord(
  le: boolean,
  r: {
    sec: number;
    frac: number;
    data: Uint8Array;
    capLen?: number;
    wireLen?: number;
    extra?: number;
  },
): Uint8Array {
  const extra = r.extra ?? 0;
  return new Fields(16 + extra + r.data.length, le).u32(r.sec).u32(r.frac).u32(
    r.capLen ?? r.data.length,
  )
    .u32(r.wireLen ?? r.data.length).raw(new Uint8Array(extra)).raw(r.data).bytes;
}

/** A pcapng option (code, value padded to 4). */
export function option(le: boolean, code: number, value: Uint8Array): Uint8Array {
  const padded = (value.length + 3) & ~3;
  return new Fields(4 + padded, le).u16(code).u16(value.length).raw(value).bytes;
}

/** The end-of-options option. */
export function endOfOptions(le: boolean): Uint8Array {
  return new Fields(4, le).u16(0).u16(0).bytes;
}

/** A pcapng block: type, total length, body padded to 4, total length. */
export function block(le: boolean, type: number, body: Uint8Array): Uint8Array {
  const padded = (body.length + 3) & ~3;
  const len = 12 + padded;
  return new Fields(len, le).u32(type).u32(len).raw(body).raw(new Uint8Array(padded - body.length))
    .u32(len).bytes;
}

/** A Section Header Block, version 1.0, unknown section length. */
export function shb(le: boolean, options: Uint8Array = new Uint8Array(0)): Uint8Array {
  return block(
    le,
    0x0a0d0d0a,
    concat(new Fields(16, le).u32(0x1a2b3c4d).u16(1).u16(0).u64(-1n).bytes, options),
  );
}

/** An Interface Description Block. */
export function idb(
  le: boolean,
  linkType: number,
  snapLen: number,
  options: Uint8Array = new Uint8Array(0),
): Uint8Array {
  return block(le, 1, concat(new Fields(8, le).u16(linkType).u16(0).u32(snapLen).bytes, options));
}

/** An Enhanced Packet Block with a 64-bit timestamp in interface units. */
export function epb(
  le: boolean,
  ifId: number,
  ts: bigint,
  data: Uint8Array,
  wireLen = data.length,
): Uint8Array {
  return block(
    le,
    6,
    concat(
      new Fields(20, le).u32(ifId).u32(Number(ts >> 32n)).u32(Number(ts & 0xffffffffn)).u32(
        data.length,
      )
        .u32(wireLen).bytes,
      padTo4(data),
    ),
  );
}

/** A Simple Packet Block. */
export function spb(le: boolean, wireLen: number, data: Uint8Array): Uint8Array {
  return block(le, 3, concat(new Fields(4, le).u32(wireLen).bytes, padTo4(data)));
}

/** An obsolete Packet Block. */
export function opb(
  le: boolean,
  ifId: number,
  ts: bigint,
  data: Uint8Array,
  wireLen = data.length,
): Uint8Array {
  return block(
    le,
    2,
    concat(
      new Fields(20, le).u16(ifId).u16(0).u32(Number(ts >> 32n)).u32(Number(ts & 0xffffffffn))
        .u32(data.length).u32(wireLen).bytes,
      padTo4(data),
    ),
  );
}

/** An Interface Statistics Block with received/dropped counters. */
export function isb(le: boolean, ifId: number, received: bigint, dropped: bigint): Uint8Array {
  return block(
    le,
    5,
    concat(
      new Fields(12, le).u32(ifId).u32(0).u32(0).bytes,
      option(le, 4, new Fields(8, le).u64(received).bytes),
      option(le, 5, new Fields(8, le).u64(dropped).bytes),
      endOfOptions(le),
    ),
  );
}

/** u8 / i64 option values. */
export function u8(v: number): Uint8Array {
  return new Uint8Array([v]);
}
/** An 8-byte signed value in the given byte order. */
export function i64(le: boolean, v: bigint): Uint8Array {
  return new Fields(8, le).u64(v).bytes;
}

function padTo4(data: Uint8Array): Uint8Array {
  return concat(data, new Uint8Array(((data.length + 3) & ~3) - data.length));
}

/** A stream that yields `bytes` in pieces of `chunk` bytes. */
export function chunkedStream(bytes: Uint8Array, chunk: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + chunk));
      at += chunk;
    },
  });
}

/** Everything a reader delivers from `bytes`: copied records, then the error if any. */
export async function readAll(
  bytes: Uint8Array,
  options: PcapReaderOptions & { chunk?: number } = {},
): Promise<{ records: PcapRecord[]; error?: PcapFormatError; reader?: PcapReader }> {
  const records: PcapRecord[] = [];
  let reader: PcapReader | undefined;
  try {
    reader = await PcapReader.from(chunkedStream(bytes, options.chunk ?? 1 << 16), options);
    for await (const r of reader) records.push({ ...r, data: r.data.slice() });
    return { records, reader };
  } catch (error) {
    if (!(error instanceof PcapFormatError)) throw error;
    return reader ? { records, error, reader } : { records, error };
  }
}

/** Whether a tool is on the PATH (the interop tests skip with one line otherwise). */
export async function have(tool: string): Promise<boolean> {
  try {
    const { success } = await new Deno.Command("sh", {
      args: ["-c", 'command -v "$0"', tool],
      stdout: "null",
    })
      .output();
    return success;
  } catch {
    return false;
  }
}

/** Runs a command; returns stdout as text, throws with stderr on failure. */
export async function run(cmd: string, args: string[], stdin?: Uint8Array): Promise<string> {
  const child = new Deno.Command(cmd, {
    args,
    stdin: stdin ? "piped" : "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin) {
    const w = child.stdin.getWriter();
    await w.write(stdin);
    await w.close();
  }
  const { success, stdout, stderr } = await child.output();
  const err = new TextDecoder().decode(stderr);
  if (!success) throw new Error(`${cmd} ${args.join(" ")} failed: ${err.trim()}`);
  return new TextDecoder().decode(stdout);
}

/** What tcpdump shows of a file: nanosecond timestamps and every captured byte. */
export async function tcpdumpView(path: string): Promise<string[]> {
  const out = await run("tcpdump", [
    "-r",
    path,
    "-nn",
    "-tt",
    "-xx",
    "--time-stamp-precision=nano",
  ]);
  const view: string[] = [];
  let current = "";
  for (const line of out.split("\n")) {
    if (line === "") continue;
    if (line.startsWith("\t")) {
      current += line.replace(/^\t0x[0-9a-f]+:\s+/, "").replaceAll(" ", "");
    } else {
      if (current) view.push(current);
      current = line.split(" ")[0] + " ";
    }
  }
  if (current) view.push(current);
  return view;
}

/** What tshark shows: epoch time, wire and captured lengths, interface, link type. */
export async function tsharkView(path: string): Promise<string[]> {
  const fields = [
    "frame.time_epoch",
    "frame.len",
    "frame.cap_len",
    "frame.interface_id",
    "frame.encap_type",
  ];
  const out = await run("tshark", [
    "-r",
    path,
    "-T",
    "fields",
    "-E",
    "separator=,",
    ...fields.flatMap((f) => ["-e", f]),
  ]);
  return out.trim().split("\n");
}
