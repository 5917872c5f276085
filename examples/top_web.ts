/**
 * `top --web`: the page, its charting library (uPlot, from npm, served by this program so it
 * works offline) and a server-sent-events stream of snapshots. It only reads: there is no
 * endpoint that changes anything. On a non-loopback address every request needs the token
 * printed at start (403 otherwise).
 *
 * @module
 */
import uplotJs from "uplot/dist/uPlot.iife.min.js" with { type: "text" };
import uplotCss from "uplot/dist/uPlot.min.css" with { type: "text" };
import page from "./top_page.html" with { type: "text" };

/** What `serveWeb` returns. */
export interface WebServer {
  /** The address to open, with the token when one is needed. */
  url: string;
  /** Sends a snapshot to every open page. */
  publish(snapshot: unknown): void;
  /** Stops serving; open streams end. */
  close(): Promise<void>;
}

/** Where and how to serve. */
export interface WebOptions {
  host: string;
  port: number;
  /** A non-loopback address: require a token. */
  public: boolean;
}

function token(): string {
  return Array.from(
    crypto.getRandomValues(new Uint8Array(16)),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
}

/**
 * Serves the web view.
 *
 * @throws {Error} "Cannot serve the web view on HOST:PORT: …" when the port is taken or the
 *   address is not this host's.
 */
export async function serveWeb(options: WebOptions): Promise<WebServer> {
  const secret = options.public ? token() : undefined;
  const streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
  const encoder = new TextEncoder();
  let latest: string | undefined;
  const headers = (type: string) => ({
    "content-type": type,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  const html = page.replaceAll("{{QUERY}}", secret ? `?token=${secret}` : "");
  const handler = (req: Request): Response => {
    const url = new URL(req.url);
    if (secret !== undefined && url.searchParams.get("token") !== secret) {
      return new Response("forbidden: this view needs the token printed at start\n", {
        status: 403,
      });
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      return new Response("read-only\n", { status: 405, headers: { allow: "GET, HEAD" } });
    }
    switch (url.pathname) {
      case "/":
        return new Response(html, { headers: headers("text/html; charset=utf-8") });
      case "/uplot.js":
        return new Response(uplotJs, { headers: headers("text/javascript; charset=utf-8") });
      case "/uplot.css":
        return new Response(uplotCss, { headers: headers("text/css; charset=utf-8") });
      case "/snapshot":
        return new Response(latest ?? "null", { headers: headers("application/json") });
      case "/events": {
        let self: ReadableStreamDefaultController<Uint8Array>;
        const body = new ReadableStream<Uint8Array>({
          start(c) {
            self = c;
            streams.add(c);
            c.enqueue(encoder.encode(`retry: 1000\n\n`));
            if (latest) c.enqueue(encoder.encode(`data: ${latest}\n\n`));
          },
          cancel() {
            streams.delete(self);
          },
        });
        return new Response(body, { headers: headers("text/event-stream") });
      }
      default:
        return new Response("not found\n", { status: 404 });
    }
  };
  const where = options.host.includes(":")
    ? `[${options.host}]:${options.port}`
    : `${options.host}:${options.port}`;
  let server: Deno.HttpServer<Deno.NetAddr>;
  let port = options.port;
  try {
    let listening!: () => void;
    const listened = new Promise<void>((ok) => (listening = ok));
    server = Deno.serve({
      hostname: options.host,
      port: options.port,
      onListen: (addr) => {
        port = addr.port;
        listening();
      },
      onError: () => new Response("internal error\n", { status: 500 }),
    }, handler);
    await listened;
  } catch (e) {
    const why = e instanceof Deno.errors.AddrInUse
      ? "the port is in use"
      : e instanceof Deno.errors.AddrNotAvailable
      ? "the address is not one of this host's"
      : (e as Error).message.split("\n")[0];
    throw new Error(`Cannot serve the web view on ${where}: ${why}`);
  }
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/${secret ? `?token=${secret}` : ""}`,
    publish(snapshot) {
      latest = JSON.stringify(snapshot);
      const chunk = encoder.encode(`data: ${latest}\n\n`);
      for (const c of streams) {
        try {
          c.enqueue(chunk);
        } catch {
          streams.delete(c);
        }
      }
    },
    async close() {
      for (const c of streams) {
        try {
          c.close();
        } catch {
          // already closed by the page
        }
      }
      streams.clear();
      await server.shutdown();
    },
  };
}
