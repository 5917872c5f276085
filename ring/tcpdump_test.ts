// The frames the walker writes back (VLAN tag, cooked headers) must read in tcpdump exactly as
// libpcap's own would: write them to a pcap file and let tcpdump -e decode the link layer.
import assert from "node:assert/strict";
import type { FrameOptions } from "./frame.ts";
import { PACKET_BROADCAST } from "./layout.ts";
import { V2Ring, V3Ring } from "./ring.ts";
import { buildV2Ring, buildV3Ring, type TestFrame } from "./_synthetic.ts";

const ARP = Uint8Array.fromHex(
  "ffffffffffff020000000001" + "0806" +
    "0001080006040001" + "020000000001" + "0a000001" + "000000000000" + "0a000002",
);

/** A classic pcap file (µs, little-endian) holding `frames`. */
function pcapFile(linkType: number, frames: Uint8Array[]): Uint8Array {
  const size = 24 + frames.reduce((n, f) => n + 16 + f.length, 0);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0xa1b2c3d4, true);
  dv.setUint16(4, 2, true);
  dv.setUint16(6, 4, true);
  dv.setUint32(16, 262144, true);
  dv.setUint32(20, linkType, true);
  let at = 24;
  for (const f of frames) {
    dv.setUint32(at, 1700000000, true);
    dv.setUint32(at + 8, f.length, true);
    dv.setUint32(at + 12, f.length, true);
    out.set(f, at + 16);
    at += 16 + f.length;
  }
  return out;
}

async function tcpdump(linkType: number, frames: Uint8Array[]): Promise<string[] | undefined> {
  const file = await Deno.makeTempFile({ suffix: ".pcap" });
  try {
    await Deno.writeFile(file, pcapFile(linkType, frames));
    const out = await new Deno.Command("tcpdump", { args: ["-t", "-n", "-e", "-r", file] })
      .output();
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
    return new TextDecoder().decode(out.stdout).trimEnd().split("\n");
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  } finally {
    await Deno.remove(file);
  }
}

function walk(version: 2 | 3, frames: TestFrame[], opts: Partial<FrameOptions>): Uint8Array[] {
  const cooked = (opts.cooked ?? "none") !== "none";
  const full: FrameOptions = {
    snapLen: 262144,
    direction: "inout",
    loopbackIfIndex: 0,
    cooked: "none",
    reserve: cooked ? 8 : 4,
    nanoseconds: false,
    ...opts,
  };
  const ring = version === 3
    ? new V3Ring(buildV3Ring(4096, 1, [{ frames }], { cooked }), 4096, 1, full)
    : new V2Ring(buildV2Ring(2048, frames.length, frames, { cooked }), 2048, frames.length, full);
  const out: Uint8Array[] = [];
  ring.dispatch((f) => out.push(f.data.slice()), 0);
  return out;
}

/** Whether tcpdump runs here; without it these tests are ignored, saying so. */
const HAVE_TCPDUMP = await new Deno.Command("tcpdump", {
  args: ["--version"],
  stdout: "null",
  stderr: "null",
}).output().then((o) => o.success, () => false);
if (!HAVE_TCPDUMP) console.log("ring/tcpdump_test.ts: ignored, tcpdump is not installed");

const WHO_HAS = "Request who-has 10.0.0.2 tell 10.0.0.1, length 28";

for (const version of [3, 2] as const) {
  Deno.test({
    name: `V${version} ring: VLAN tags written back read in tcpdump as 802.1Q / 802.1ad`,
    ignore: !HAVE_TCPDUMP,
  }, async () => {
    const lines = await tcpdump(
      1,
      walk(
        version,
        [{ data: ARP, vlanTci: 0x6005, vlanTpid: 0x88a8 }, { data: ARP, vlanTci: 5 }],
        {},
      ),
    );
    assert.ok(lines);
    assert.deepEqual(lines, [
      `02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype 802.1Q-QinQ (0x88a8), length 46: vlan 5, p 3, ethertype ARP (0x0806), ${WHO_HAS}`,
      `02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype 802.1Q (0x8100), length 46: vlan 5, p 0, ethertype ARP (0x0806), ${WHO_HAS}`,
    ]);
  });

  Deno.test({
    name: `V${version} ring: cooked SLL and SLL2 headers read in tcpdump as libpcap's`,
    ignore: !HAVE_TCPDUMP,
  }, async () => {
    const frame: TestFrame = {
      data: ARP.subarray(14),
      pktType: PACKET_BROADCAST,
      protocol: 0x0806,
      ifIndex: 4321,
      addr: ARP.subarray(6, 12),
    };
    const sll = await tcpdump(
      113,
      walk(version, [frame, { ...frame, vlanTci: 5 }], { cooked: "sll" }),
    );
    assert.ok(sll);
    assert.deepEqual(sll, [
      `  B 02:00:00:00:00:01 ethertype ARP (0x0806), length 44: ${WHO_HAS}`,
      `  B 02:00:00:00:00:01 ethertype 802.1Q (0x8100), length 48: vlan 5, p 0, ethertype ARP, ${WHO_HAS}`,
    ]);
    const sll2 = await tcpdump(276, walk(version, [frame], { cooked: "sll2" }));
    assert.equal(sll2?.length, 1);
    assert.match(
      sll2![0]!,
      /B {3}ifindex 4321 02:00:00:00:00:01 ethertype ARP \(0x0806\), length 48: Request who-has/,
    );
  });
}
