/**
 * The flow table against tshark's conversation statistics (`-z conv,tcp -z conv,udp`) on the
 * capture files of the repository: the same TCP and UDP conversations, with the same frames in
 * each direction. Left out: files cut by a small snaplen (tshark drops segments it cannot
 * dissect whole, the table counts any packet whose ports it can read), files with tunnels
 * (tshark counts the inner conversation as well, a flow table the outer one), and the cooked
 * copies of the VLAN file (tshark leaves one tagged frame out of its conversations there).
 *
 * @module
 */

import assert from "node:assert/strict";
import { FlowTable } from "tpacket/flows";
import { PcapReader } from "tpacket/pcap";

const here = (p: string) => new URL(`../../${p}`, import.meta.url).pathname;

async function have(cmd: string): Promise<boolean> {
  try {
    const out = await new Deno.Command(cmd, { args: ["--version"], stdout: "null", stderr: "null" })
      .output();
    return out.success;
  } catch {
    return false;
  }
}
const TSHARK = await have("tshark");
if (!TSHARK) {
  console.error("tests/flows/tshark_test.ts: tshark is not installed, comparisons skipped");
}

const FILES = [
  "tests/testdata/print/eth.pcap",
  "decode/testdata/routed.pcap",
  "filter/testdata/lo_en10mb.pcap",
  "filter/testdata/any_sll2.pcap",
];

/** `proto a:port <-> b:port` with the endpoints in sorted order → frames a→b, frames b→a. */
type Conversations = Map<string, [number, number]>;

function put(map: Conversations, proto: string, a: string, b: string, ab: number, ba: number) {
  const [key, x, y] = a <= b
    ? [`${proto} ${a} <-> ${b}`, ab, ba]
    : [`${proto} ${b} <-> ${a}`, ba, ab];
  const old = map.get(key) ?? [0, 0];
  map.set(key, [old[0] + x, old[1] + y]);
}

async function tsharkConversations(path: string): Promise<Conversations> {
  const out = await new Deno.Command("tshark", {
    args: [
      ...["-n", "-r", path, "-q", "-z", "conv,tcp", "-z", "conv,udp"],
      // Fragments one by one, as the table counts them (tshark counts a reassembled datagram).
      ...["-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE"],
    ],
    stdout: "piped",
    stderr: "null",
  }).output();
  const map: Conversations = new Map();
  let proto = "";
  for (const line of new TextDecoder().decode(out.stdout).split("\n")) {
    const head = /^(TCP|UDP) Conversations/.exec(line);
    if (head) proto = head[1]!.toLowerCase();
    // "A:port <-> B:port  <-frames bytes unit  ->frames bytes unit ...": "<-" is B to A.
    const m = /^(\S+):(\d+)\s+<->\s+(\S+):(\d+)\s+(\d+)\s+[\d,]+\s+\S+\s+(\d+)\s/.exec(line);
    if (m) put(map, proto, `${m[1]}:${m[2]}`, `${m[3]}:${m[4]}`, Number(m[6]), Number(m[5]));
  }
  return map;
}

async function ourConversations(path: string): Promise<Conversations> {
  const table = new FlowTable();
  await using reader = await PcapReader.open(path);
  for await (const record of reader) table.add(record);
  const map: Conversations = new Map();
  for (const f of table.flows()) {
    if (f.protocol !== 6 && f.protocol !== 17) continue;
    // Non-first fragments carry no ports: the table keeps them in a flow of port 0 both ways.
    if (f.srcPort === 0 && f.dstPort === 0) continue;
    put(
      map,
      f.protocol === 6 ? "tcp" : "udp",
      `${f.srcAddr}:${f.srcPort}`,
      `${f.dstAddr}:${f.dstPort}`,
      f.packets,
      f.revPackets,
    );
  }
  return map;
}

for (const file of FILES) {
  Deno.test({
    name: `FlowTable finds tshark's TCP and UDP conversations in ${file}`,
    ignore: !TSHARK,
    async fn() {
      const theirs = await tsharkConversations(here(file));
      assert.ok(theirs.size > 0, "tshark found no conversation");
      assert.deepEqual(
        [...(await ourConversations(here(file))).entries()].sort(),
        [...theirs.entries()].sort(),
      );
    },
  });
}
