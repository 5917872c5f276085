/**
 * top's terminal view on a real terminal (script(1) gives it one): the screen is drawn in the
 * alternate buffer and redrawn in place, follows the traffic this test sends, takes keys (`q`
 * quits) and gives the terminal back (main buffer, cursor shown) on the way out.
 *
 * @module
 */

import assert from "node:assert/strict";
import { freeUdpPort, ROOT, sendUdp } from "./_top.ts";

const TOP = new URL("../../examples/top.ts", import.meta.url).pathname;
const HAVE_SCRIPT =
  new Deno.Command("sh", { args: ["-c", "command -v script"], stdout: "null" }).outputSync()
    .success;

Deno.test({
  name:
    "top on a terminal redraws in place, follows traffic, takes sort/view/pause keys, quits on q and restores the terminal",
  ignore: !ROOT || !HAVE_SCRIPT,
  async fn() {
    const port = await freeUdpPort();
    const command =
      `stty cols 120 rows 40; ${Deno.execPath()} run -A ${TOP} -i lo --interval 0.3 'udp port ${port}'`;
    const child = new Deno.Command("script", {
      args: ["-qfec", command, "/dev/null"],
      env: { NO_COLOR: "1" },
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    let text = "";
    const pump = (async () => {
      for await (const t of child.stdout.pipeThrough(new TextDecoderStream())) text += t;
    })();
    const until = async (what: RegExp, ms = 20_000) => {
      const end = Date.now() + ms;
      while (!what.test(text)) {
        if (Date.now() > end) {
          throw new Error(`no ${what} in: ${JSON.stringify(text.slice(-2000))}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const keys = child.stdin.getWriter();
    try {
      await until(/FLOWS/);
      await sendUdp(port, 50, 100);
      await until(new RegExp(`udp 127\\.0\\.0\\.1:\\d+ => 127\\.0\\.0\\.1:${port}`));
      await until(/top lo: 50 packets/);
      await until(new RegExp(`HOST PAIRS\\r*\\n127\\.0\\.0\\.1 <-> 127\\.0\\.0\\.1 `));
      await until(new RegExp(`PORTS\\r*\\nudp/${port} `));
      // Keys: sort by the 10 s column, the next view (flows only), pause; each redraws at once.
      const press = (k: string) => keys.write(new TextEncoder().encode(k));
      await press("2");
      await until(/sort rate10/);
      await press("v");
      await until(/v view \(flows\)/);
      await press("p");
      await until(/paused \(p resumes\)/);
      await press("q");
      const status = await child.status;
      await pump;
      assert.equal(status.code, 0, text.slice(-2000));
      assert.ok(text.indexOf("\x1b[?1049h") >= 0, "alternate screen entered");
      assert.ok(
        text.lastIndexOf("\x1b[?1049l") > text.lastIndexOf("FLOWS"),
        "main screen restored last",
      );
      assert.ok(
        text.lastIndexOf("\x1b[?25h") > text.lastIndexOf("\x1b[?25l"),
        "cursor shown again",
      );
      assert.ok(text.split("\x1b[H\x1b[2J").length > 2, "redrawn in place");
      assert.match(
        text,
        /50 packets captured\r?\n\d+ packets received by filter\r?\n0 packets dropped by kernel/,
      );
      assert.match(text, /top: 1 flows, 0 undecodable/);
    } finally {
      await keys.close().catch(() => {});
      try {
        child.kill("SIGKILL");
      } catch {
        // ended
      }
      await child.status;
      await child.stderr.cancel().catch(() => {});
    }
  },
});
