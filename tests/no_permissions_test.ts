// The README's claim: decode, filter, pcap and print need no permission at all.
import assert from "node:assert/strict";

Deno.test("decode, filter, pcap and print load and work with no permissions", async () => {
  const script = new URL("./testdata/no_permissions.ts", import.meta.url).pathname;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-prompt", "--no-config", script],
    env: { NO_COLOR: "1" },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, stderr);
  assert.deepEqual(JSON.parse(new TextDecoder().decode(out.stdout)), {
    dstPort: 80,
    accepted: true,
    line: "1.000000 IP 1.2.3.4.1024 > 5.6.7.8.80: Flags [S], seq 1, win 64240, length 0",
  });
});
