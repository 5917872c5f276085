/**
 * packTop() (flows/_packed.ts) against packFlows() of top()'s records: random tables of IPv4
 * and IPv6 flows both ways (TCP states, ICMP, VLANs, the initiator on either side of the key),
 * every sort key and several limits and times, with the table's own scans and with the shim's
 * counter and scan: the same count, strings and numbers, in the same order; into a buffer
 * with room (a SharedArrayBuffer's view, as top's Worker passes), the numbers are written
 * there.
 *
 * @module
 */
import assert from "node:assert/strict";
import { FlowTable } from "./table.ts";
import { packFlows, packTop, unpackFlows } from "./_packed.ts";
import { useNativeCounter } from "./_native.ts";
import { frame } from "./_testing.ts";
import { prng } from "../tests/_prng.ts";
import { loadBackend } from "../ffi/backend.ts";
import { SHIM_URL } from "../ffi/symbols.ts";

const SORTS = ["rate2", "rate10", "rate40", "bytes", "packets"] as const;

function shimCounter() {
  try {
    if (!Deno.statSync(SHIM_URL).isFile) return undefined;
    return loadBackend("auto").flowCounter;
  } catch {
    return undefined;
  }
}

/** A table of `flows` random flows, 20 s of their packets; with the shim's counter if given. */
function table(seed: number, flows: number, native: boolean): FlowTable {
  const rand = prng(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const t = new FlowTable({ maxFlows: 4096 });
  if (native) useNativeCounter(t, shimCounter());
  const specs = Array.from({ length: flows }, (_, i) => {
    const v6 = rand() < 0.3;
    const a = v6 ? `2001:db8::${(i % 13).toString(16)}` : `10.${i % 3}.0.${i % 11}`;
    const b = v6 ? `2001:db8:1::${(i % 5).toString(16)}` : `192.168.${i % 2}.${200 + (i % 7)}`;
    const protocol = [6, 6, 17, 17, 1, 47][int(6)]!;
    const icmp = protocol === 1 ? (v6 ? 58 : 1) : protocol;
    return { a, b, protocol: icmp, port: 1024 + int(60000), vlan: int(4) === 0 ? int(4096) : -1 };
  });
  for (let ms = 0; ms < 20_000; ms += 100) {
    for (let i = 0; i < specs.length; i++) {
      const s = specs[i]!;
      if ((ms / 100 + i) % (1 + (i % 6)) !== 0) continue;
      const reply = int(3) === 0;
      const data = frame({
        src: reply ? s.b : s.a,
        dst: reply ? s.a : s.b,
        protocol: s.protocol,
        srcPort: reply ? 443 : s.port,
        dstPort: reply ? s.port : 443,
        flags: [0x02, 0x12, 0x10, 0x18, 0x11, 0x04][int(6)]!,
        ...(s.protocol === 1 || s.protocol === 58 ? { icmp: [reply ? 0 : 8, int(2)] } : {}),
        payload: int(2) === 0 ? int(1400) : int(40),
        ...(s.vlan >= 0 ? { vlan: s.vlan } : {}),
      });
      const at = ms + (i % 90);
      t.addBytes(data, data.length, Math.floor(at / 1000), (at % 1000) * 1e6 + i, 1 + (i % 2), 1);
    }
  }
  return t;
}

for (const native of [false, true]) {
  Deno.test({
    name: `packTop() packs what packFlows(top()) packs (${native ? "shim's scan" : "own scan"})`,
    ignore: native && shimCounter() === undefined ? true : false,
    fn() {
      for (const [seed, flows] of [[1, 30], [2, 400], [3, 1500]] as const) {
        const t = table(seed, flows, native);
        for (const sort of SORTS) {
          for (const at of [12_500, 20_000, 31_000]) {
            for (const limit of [0, 1, 7, 500, 5000]) {
              const where = `seed ${seed}, ${sort} at ${at}, limit ${limit}`;
              const want = packFlows(t.top(limit, sort, at));
              const got = packTop(t, limit, sort, at);
              assert.equal(got.count, want.count, where);
              assert.deepEqual(got.strings, want.strings, where);
              assert.deepEqual(got.numbers, want.numbers, where);
              assert.equal(
                JSON.stringify(unpackFlows(got)),
                JSON.stringify(t.top(limit, sort, at)),
              );
              // Into a shared buffer with room: written there, the rest left as it was.
              const room = new Float64Array(new SharedArrayBuffer((want.numbers.length + 29) * 8));
              room.fill(-1);
              const into = packTop(t, limit, sort, at, room);
              assert.equal(into.numbers, room, where);
              assert.deepEqual(into.numbers.subarray(0, want.numbers.length), want.numbers, where);
              assert.ok(room.subarray(want.numbers.length).every((x) => x === -1), where);
              // Without room for them: a new array.
              if (want.count > 0) {
                const small = new Float64Array(want.numbers.length - 1);
                assert.notEqual(packTop(t, limit, sort, at, small).numbers, small, where);
              }
            }
          }
        }
        assert.ok(t.top(5000).some((f) => f.family === 6) && t.top(5000).some((f) => f.state));
      }
    },
  });
}
