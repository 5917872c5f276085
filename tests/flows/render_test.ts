/**
 * top's terminal screen (`render`), from a real table: what iftop and bandwhich show — flows
 * with addresses, ports and process, host pairs, hosts, ports, processes, each with the three
 * rates and the total; the views one key cycles; lists cut to the terminal's height.
 *
 * @module
 */

import assert from "node:assert/strict";
import { FlowTable } from "tpacket/flows";
import { frame } from "../../flows/_testing.ts";
import { render, snapshot, VIEWS } from "../../examples/top.ts";

function table(): FlowTable {
  const t = new FlowTable();
  const add = (src: string, dst: string, sp: number, dp: number, ms: number, payload = 100) => {
    const data = frame({ src, dst, protocol: 6, srcPort: sp, dstPort: dp, payload });
    t.add({ data, wireLen: data.length, sec: Math.floor(ms / 1000), nsec: (ms % 1000) * 1e6 });
  };
  for (let ms = 0; ms < 10_000; ms += 100) {
    add("10.0.0.1", "192.0.2.7", 40000, 443, ms, 1000); // the busiest
    add("192.0.2.7", "10.0.0.1", 443, 40000, ms, 60);
    add("10.0.0.1", "198.51.100.9", 40001, 22, ms);
    add("2001:db8::1", "2001:db8::2", 5000, 53, ms, 20);
  }
  return t;
}

const snap = (rows = 10) => {
  const t = table();
  return snapshot(t.stats(12_000), t.top(500, "rate2", 12_000), "eth0", 12_000, rows, "rate2", 3, {
    lookup: (f: { dstPort: number }) =>
      f.dstPort === 443 ? { pid: 42, command: "curl", uid: 0 } : undefined,
  } as never);
};

Deno.test("render() shows flows with addresses, ports, process, pairs, hosts, ports and rates", () => {
  const lines = render(snap(), 140, { status: "sort rate2" });
  const text = lines.join("\n");
  assert.match(
    lines[0]!,
    /^top eth0: 400 packets, .* 3 flows .* 3 dropped by kernel, 0 undecodable$/,
  );
  assert.match(lines[1]!, /^sort rate2 +2s +10s +40s +total$/);
  assert.match(lines[2]!, /^TOTAL +\S+ +\S+ +\S+ +\S+ peak \S+$/);
  for (const title of ["FLOWS", "HOST PAIRS", "HOSTS", "PORTS", "PROCESSES", "PROTOCOLS"]) {
    assert.match(text, new RegExp(`^${title}`, "m"), title);
  }
  // The busiest flow first, its owner named, then the received line; IPv6 in brackets.
  const at = lines.findIndex((l) => /^tcp 10\.0\.0\.1:40000 => 192\.0\.2\.7:443 /.test(l));
  assert.ok(at > 0, text);
  assert.match(lines[at]!, /42 curl$/);
  assert.match(lines[at + 1]!, /^ +<= /);
  assert.match(text, /^tcp \[2001:db8::1\]:5000 => \[2001:db8::2\]:53 /m);
  assert.match(text, /^10\.0\.0\.1 <-> 192\.0\.2\.7 .* 1 flow$/m);
  assert.match(text, /^tcp\/443 /m);
  assert.match(text, /^42 curl /m);
  // Each row: three rates in bits per second and a total in bytes.
  assert.match(
    lines[at]!,
    / +\d+(\.\d+)?[KMG]?b +\d+(\.\d+)?[KMG]?b +\d+(\.\d+)?[KMG]?b +\d+(\.\d+)?[KMG]?B /,
  );
  assert.ok(lines.every((l) => l.length <= 140));
});

Deno.test("render() views show one list each; a short terminal cuts every list to fit", () => {
  const s = snap();
  for (const view of VIEWS.slice(1)) {
    const text = render(s, 120, { view }).join("\n");
    const shown = ["FLOWS", "HOST PAIRS", "HOSTS", "PORTS", "PROCESSES"].filter((t) =>
      new RegExp(`^${t}\\b`, "m").test(text)
    );
    assert.equal(shown.length, 1, view);
    assert.match(text, new RegExp(`v view \\(${view}\\)`));
  }
  const tall = render(s, 120);
  const short = render(s, 120, { height: 30 });
  assert.ok(tall.length > 30 && short.length <= 30, `${tall.length} ${short.length}`);
  assert.match(short.join("\n"), /^FLOWS/m);
  assert.match(short.join("\n"), /^PROTOCOLS/m);
});
