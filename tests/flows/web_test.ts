/**
 * `top --web` in a real browser: Debian's headless Chromium driven by puppeteer-core loads the
 * page (uPlot served by top itself, no network), the numbers follow the datagrams this test
 * sends on loopback, and a screenshot shows the charts. Also: on a public address, requests
 * without the printed token get 403, and nothing but GET is served.
 *
 * @module
 */

import assert from "node:assert/strict";
import { freeUdpPort, ROOT, sendUdp, startTop } from "./_top.ts";

async function chromium(): Promise<string | undefined> {
  for (const path of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    try {
      if ((await Deno.stat(path)).isFile) return path;
    } catch {
      // not there
    }
  }
  return undefined;
}
const CHROMIUM = await chromium();
if (!CHROMIUM) {
  console.error("tests/flows/web_test.ts: chromium is not installed, browser test skipped");
}
if (!ROOT) console.error("tests/flows/web_test.ts: not root, live capture tests skipped");

Deno.test({
  name: "top --web: Chromium shows the traffic this test sends, with uPlot charts",
  ignore: !ROOT || !CHROMIUM,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const { default: puppeteer } = await import("puppeteer-core");
    const port = await freeUdpPort();
    const top = startTop([
      "-i",
      "lo",
      "--web",
      "127.0.0.1:0",
      "--interval",
      "0.5",
      `udp port ${port}`,
    ]);
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM!,
      headless: true,
      // No network but loopback: the page must bring everything it needs from top itself.
      args: [
        "--no-sandbox",
        "--headless=new",
        "--proxy-server=127.0.0.1:9",
      ],
    });
    const dir = await Deno.makeTempDir({ prefix: "tpacket-web-" });
    try {
      const [, url] = await top.waitErr(/web view on (http:\/\/127\.0\.0\.1:\d+\/)\n/);
      await top.waitErr(/listening on lo/);
      const page = await browser.newPage();
      const failed: string[] = [];
      page.on("requestfailed", (r) => failed.push(r.url()));
      page.on("pageerror", (e) => failed.push(String(e)));
      await page.setViewport({ width: 1400, height: 1000 });
      await page.goto(url!, { waitUntil: "load" });
      // Page-side code as strings: it runs in the browser, not under Deno's types.
      await page.waitForFunction(`document.getElementById("source")?.textContent === "lo"`, {
        timeout: 20_000,
      });
      await sendUdp(port, 400, 200);
      await page.waitForFunction(
        `Number(document.getElementById("packets")?.textContent) >= 400`,
        { timeout: 20_000 },
      );
      const seen = await page.evaluate(`({
        packets: Number(document.getElementById("packets").textContent),
        hosts: [...document.querySelectorAll("#top-hosts td:first-child")].map((td) => td.textContent),
        charts: document.querySelectorAll(".uplot canvas").length,
      })`) as { packets: number; hosts: string[]; charts: number };
      assert.equal(seen.packets, 400);
      assert.deepEqual(seen.hosts, ["127.0.0.1"]);
      assert.equal(seen.charts, 2);
      // The 2 s rate reaches the page once a bucket with the traffic has completed.
      await page.waitForFunction(
        `document.getElementById("rate").textContent !== "0 b/s"`,
        {
          timeout: 20_000,
        },
      );
      const shot = `${dir}/top.png`;
      await page.screenshot({ path: shot });
      const png = await Deno.readFile(shot);
      assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]); // "PNG"
      assert.ok(png.length > 20_000, `screenshot of ${png.length} bytes`);
      assert.deepEqual(failed, []);
      if (Deno.env.get("TPACKET_KEEP_SCREENSHOT")) {
        await Deno.copyFile(shot, Deno.env.get("TPACKET_KEEP_SCREENSHOT")!);
      }
    } finally {
      await browser.close();
      assert.equal(await top.stop(), 0);
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "top --web-public: 403 without the printed token, read-only with it",
  ignore: !ROOT,
  async fn() {
    const top = startTop(["-i", "lo", "--web", "0.0.0.0:0", "--web-public", "udp port 9"]);
    try {
      const [, port, token] = await top.waitErr(
        /web view on http:\/\/0\.0\.0\.0:(\d+)\/\?token=([0-9a-f]{32})\n/,
      );
      const base = `http://127.0.0.1:${port}`;
      const status = async (path: string, init?: RequestInit) => {
        const r = await fetch(base + path, init);
        await r.body?.cancel();
        return r.status;
      };
      assert.equal(await status("/"), 403);
      assert.equal(await status("/uplot.js"), 403);
      assert.equal(await status(`/?token=${"0".repeat(32)}`), 403);
      assert.equal(await status(`/?token=${token}`), 200);
      assert.equal(await status(`/uplot.js?token=${token}`), 200);
      assert.equal(await status(`/snapshot?token=${token}`, { method: "POST" }), 405);
      const page = await (await fetch(`${base}/?token=${token}`)).text();
      assert.match(page, new RegExp(`src="uplot.js\\?token=${token}"`));
    } finally {
      assert.equal(await top.stop(), 0);
    }
  },
});
