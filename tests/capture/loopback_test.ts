/**
 * Loopback and the "any" device: UDP datagrams to 127.0.0.1 must be seen once
 * (libpcap drops the outgoing copy on lo), with Ethernet framing on "lo" and
 * LINUX_SLL / LINUX_SLL2 cooked headers on "any", byte for byte the same as
 * tcpdump writes for the same packets.
 */

import assert from "node:assert/strict";
import dgram from "node:dgram";
import { type CaptureOptions, openCapture } from "../../capture/mod.ts";
import { LINKTYPE } from "../../link_type.ts";
import type { Packet } from "../../ring/frame.ts";
import { announceSkip, backends, ensureShim, guard, ifIndexOf, SKIP } from "./_net.ts";

announceSkip("tests/capture/loopback_test.ts");

const ARPHRD_LOOPBACK = 772;
const PACKET_HOST = 0;
const COUNT = 4;

function hasTcpdump(): boolean {
  try {
    return new Deno.Command("tcpdump", { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}
const TCPDUMP = SKIP === undefined && hasTcpdump();
if (SKIP === undefined && !TCPDUMP) {
  console.log(
    "tests/capture/loopback_test.ts: tcpdump is missing, comparisons with it are skipped",
  );
}

/** A UDP receiver on 127.0.0.1 and a sender; `send()` sends COUNT datagrams with a marker. */
async function udpPair() {
  const rx = dgram.createSocket("udp4");
  const tx = dgram.createSocket("udp4");
  await new Promise<void>((r) => rx.bind(0, "127.0.0.1", () => r()));
  await new Promise<void>((r) => tx.bind(0, "127.0.0.1", () => r()));
  const port = rx.address().port;
  const srcPort = tx.address().port;
  const marker = crypto.getRandomValues(new Uint8Array(8));
  const payloads = Array.from({ length: COUNT }, (_, i) => {
    const p = new Uint8Array(20 + i * 100);
    p.set(marker);
    p[8] = i;
    return p;
  });
  return {
    port,
    srcPort,
    payloads,
    async send() {
      for (const p of payloads) {
        await new Promise((r) => tx.send(p, port, "127.0.0.1", r));
      }
    },
    close() {
      rx.close();
      tx.close();
    },
  };
}

/** Reads a little-endian pcap file written by tcpdump into its records. */
function readPcap(
  bytes: Uint8Array,
): { linkType: number; records: { data: Uint8Array; wireLen: number }[] } {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  assert.equal(dv.getUint32(0, true), 0xa1b2c3d4, "a microsecond pcap file in host order");
  const records = [];
  for (let at = 24; at + 16 <= bytes.length;) {
    const capLen = dv.getUint32(at + 8, true);
    const wireLen = dv.getUint32(at + 12, true);
    records.push({ data: bytes.slice(at + 16, at + 16 + capLen), wireLen });
    at += 16 + capLen;
  }
  return { linkType: dv.getUint32(20, true), records };
}

/** Starts tcpdump writing `count` packets of `filter` on `device`; resolves once it listens. */
async function startTcpdump(
  device: string,
  linkType: string | undefined,
  filter: string,
  file: string,
) {
  const child = new Deno.Command("tcpdump", {
    args: [
      "-i",
      device,
      ...(linkType ? ["-y", linkType] : []),
      // Not --immediate-mode: libpcap's V2 frames on "any" are snaplen-sized, a few dozen fit,
      // and a busy machine (parallel tests) overflows them. V3 costs its 1 s block timeout.
      "-U",
      "-c",
      String(COUNT),
      "-w",
      file,
      filter,
    ],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const reader = child.stderr.getReader();
  let text = "";
  const listening = (async () => {
    while (!text.includes("listening on")) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`tcpdump ended: ${text.trim()}`);
      text += new TextDecoder().decode(value);
    }
  })();
  try {
    await guard(listening, 10_000, "tcpdump start");
  } catch (e) {
    child.kill();
    await child.status;
    throw e;
  }
  return {
    async done() {
      try {
        await guard(child.status, 10_000, "tcpdump -c");
      } catch (e) {
        child.kill();
        await child.status;
        throw e;
      } finally {
        reader.releaseLock();
        await child.stderr.cancel();
      }
      return readPcap(Deno.readFileSync(file));
    },
  };
}

for (const backend of backends) {
  for (const immediate of [false, true]) {
    const ring = immediate ? "V2" : "V3";
    const base: CaptureOptions = { backend, immediate };
    Deno.test({
      name: `Loopback traffic is seen once on "lo" and "any" (${backend}, ${ring})`,
      ignore: SKIP !== undefined,
      sanitizeResources: false, // node:dgram keeps a resource until its close callback runs
      async fn(t) {
        if (backend === "shim") await ensureShim();
        const loIndex = ifIndexOf("lo");
        const tmp = Deno.makeTempDirSync({ prefix: "tpk-lo-" });
        try {
          const cases = [
            {
              device: "lo",
              cooked: undefined,
              linkType: LINKTYPE.ETHERNET,
              tcpdumpType: undefined,
            },
            {
              device: "any",
              cooked: "sll",
              linkType: LINKTYPE.LINUX_SLL,
              tcpdumpType: "LINUX_SLL",
            },
            {
              device: "any",
              cooked: "sll2",
              linkType: LINKTYPE.LINUX_SLL2,
              tcpdumpType: "LINUX_SLL2",
            },
          ] as const;
          for (const c of cases) {
            await t.step(`${c.device} ${c.cooked ?? ""}`.trim(), async () => {
              const udp = await udpPair();
              try {
                // Both ports and the address: "any" sees every interface of a busy machine.
                const filter =
                  `udp and src port ${udp.srcPort} and dst port ${udp.port} and dst host 127.0.0.1`;
                // The filter goes in at open on "lo", and later with setFilter() on "any" (a
                // program for the cooked header, fixed up for the kernel either way).
                using cap = openCapture(c.device, {
                  ...base,
                  ...(c.cooked ? { cooked: c.cooked } : {}),
                  ...(c.device === "lo" ? { filter } : {}),
                });
                if (c.device !== "lo") {
                  cap.setFilter(filter);
                  await cap.dispatch(() => {}, { timeoutMs: 30 }); // frames queued before it
                }
                assert.equal(cap.linkType, c.linkType);
                if (c.device === "any") {
                  assert.equal(cap.ifIndex, 0);
                  assert.throws(() => cap.send(new Uint8Array(60)), {
                    message: 'Cannot send on "any": sending is not supported on the "any" device',
                  });
                }
                const file = `${tmp}/${c.device}-${c.cooked ?? "eth"}.pcap`;
                const tcpdump = TCPDUMP
                  ? await startTcpdump(c.device, c.tcpdumpType, filter, file)
                  : undefined;
                const got: Packet[] = [];
                const loop = cap.loop((f) => got.push(f.copy()), { count: COUNT });
                await udp.send();
                await guard(loop, 5000, `${COUNT} packets`);
                // Seen once: nothing more comes (the outgoing copies are skipped).
                await cap.dispatch((f) => got.push(f.copy()), { timeoutMs: 60 });
                assert.equal(got.length, COUNT);
                const header = c.cooked === "sll2" ? 20 : c.cooked === "sll" ? 16 : 14;
                got.forEach((p, i) => {
                  const dv = new DataView(p.data.buffer, p.data.byteOffset);
                  const ipLen = 20 + 8 + udp.payloads[i]!.length;
                  assert.equal(p.wireLen, header + ipLen);
                  assert.equal(p.data.length, header + ipLen);
                  assert.deepEqual(p.data.subarray(header + 28), udp.payloads[i]);
                  assert.equal(p.pktType, PACKET_HOST);
                  assert.equal(p.ifIndex, loIndex);
                  if (c.cooked === "sll") {
                    assert.deepEqual(
                      [dv.getUint16(0), dv.getUint16(2), dv.getUint16(4), dv.getUint16(14)],
                      [PACKET_HOST, ARPHRD_LOOPBACK, 6, 0x0800],
                    );
                  } else if (c.cooked === "sll2") {
                    assert.deepEqual(
                      [
                        dv.getUint16(0),
                        dv.getUint16(2),
                        dv.getUint32(4),
                        dv.getUint16(8),
                        p.data[10],
                        p.data[11],
                      ],
                      [0x0800, 0, loIndex, ARPHRD_LOOPBACK, PACKET_HOST, 6],
                    );
                  } else {
                    assert.equal(dv.getUint16(12), 0x0800);
                  }
                });
                if (tcpdump) {
                  const theirs = await tcpdump.done();
                  assert.equal(theirs.linkType, c.linkType);
                  // The cooked header's address field has 8 bytes, the loopback address 6:
                  // libpcap copies the other 2 as the kernel left them in its ring (bytes of
                  // an earlier frame, different in each process); ours are zeros.
                  const pad = c.cooked === "sll" ? 12 : c.cooked === "sll2" ? 18 : undefined;
                  const records = theirs.records.map((r) => {
                    const data = r.data.slice();
                    if (pad !== undefined) data.fill(0, pad, pad + 2);
                    return [r.wireLen, data];
                  });
                  assert.deepEqual(got.map((p) => [p.wireLen, p.data]), records);
                }
              } finally {
                udp.close();
              }
            });
          }
        } finally {
          Deno.removeSync(tmp, { recursive: true });
        }
      },
    });
  }
}
