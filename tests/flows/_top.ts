/** Runs examples/top.ts for the tests: start, read its stderr lines, stop with a signal. */

import dgram from "node:dgram";

const TOP = new URL("../../examples/top.ts", import.meta.url).pathname;

/** A running `top`, its stdout and stderr collected as they come. */
export interface TopProcess {
  child: Deno.ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Waits until stderr matches, or fails after `ms`. */
  waitErr(re: RegExp, ms?: number): Promise<RegExpExecArray>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number>;
}

/** Starts `deno run -A examples/top.ts ...args`. */
export function startTop(args: string[]): TopProcess {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", TOP, ...args],
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  }).spawn();
  let out = "";
  let err = "";
  const pump = async (s: ReadableStream<Uint8Array>, add: (t: string) => void) => {
    for await (const t of s.pipeThrough(new TextDecoderStream())) add(t);
  };
  const done = Promise.all([
    pump(child.stdout, (t) => (out += t)),
    pump(child.stderr, (t) => (err += t)),
  ]);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    async waitErr(re, ms = 20_000) {
      const end = Date.now() + ms;
      for (;;) {
        const m = re.exec(err);
        if (m) return m;
        if (Date.now() > end) throw new Error(`top did not print ${re}: ${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch {
        // already ended
      }
      const status = await child.status;
      await done;
      return status.code;
    },
  };
}

/** Runs top to its end; exit code, stdout, stderr. */
export async function runTop(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", TOP, ...args],
    stdin: "null",
  })
    .output();
  const d = new TextDecoder();
  return { code: out.code, stdout: d.decode(out.stdout), stderr: d.decode(out.stderr) };
}

/** A UDP port nobody uses on 127.0.0.1 (bound, read, released). */
export async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket("udp4");
  await new Promise<void>((ok) => s.bind(0, "127.0.0.1", ok));
  const port = s.address().port;
  await new Promise<void>((ok) => s.close(ok));
  return port;
}

/** Sends `count` datagrams of `size` bytes to 127.0.0.1:port from this process. */
export async function sendUdp(port: number, count: number, size: number): Promise<void> {
  const s = dgram.createSocket("udp4");
  const data = new Uint8Array(size);
  for (let i = 0; i < count; i++) {
    await new Promise<void>((ok, fail) =>
      s.send(data, port, "127.0.0.1", (e) => (e ? fail(e) : ok()))
    );
  }
  await new Promise<void>((ok) => s.close(ok));
}

/** Live capture needs root (CAP_NET_RAW). */
export const ROOT = Deno.uid() === 0;
