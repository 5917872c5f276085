/**
 * Real captures: two network namespaces joined by a veth pair, UDP datagrams between them,
 * recorded by tcpdump (pcap, µs and ns) and dumpcap (pcapng with ISBs; two interfaces of
 * different link types). PcapReader must see what tshark and tcpdump see, and copying a
 * file through PcapWriter must keep it byte for byte (pcap) or record for record (pcapng).
 * Needs root, ip, bash, tcpdump, tshark and dumpcap; skips with one line otherwise.
 */
import assert from "node:assert/strict";
import { PcapWriter } from "tpacket/pcap";
import { concat, have, readAll, run, tcpdumpView, tsharkView } from "../../pcap/_testing.ts";

const tools = ["ip", "bash", "tcpdump", "tshark", "dumpcap"];
const missing: string[] = [];
for (const tool of tools) if (!(await have(tool))) missing.push(tool);
const reason = Deno.uid() !== 0
  ? "needs root"
  : missing.length
  ? `needs ${missing.join(", ")}`
  : "";

const SCRIPT = `
set -eu
dir=$1; a=tpcap-a-$$; b=tpcap-b-$$
ip netns add $a; ip netns add $b
trap 'ip netns del $a; ip netns del $b' EXIT
ip link add va netns $a type veth peer name vb netns $b
ip -n $a addr add 10.213.0.1/24 dev va; ip -n $b addr add 10.213.0.2/24 dev vb
ip -n $a link set va up; ip -n $b link set vb up; ip -n $a link set lo up
ready() { for i in $(seq 100); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.05; done; return 1; }
ip netns exec $a timeout 20 tcpdump -Z root -U -i va -c 8 -w $dir/ping.pcap 2>$dir/t1 &
ip netns exec $a timeout 20 tcpdump -Z root -U -i va -c 8 --time-stamp-precision=nano -w $dir/ping-ns.pcap 2>$dir/t2 &
ip netns exec $a timeout 20 dumpcap -q -i va -c 8 -w $dir/ping.pcapng 2>$dir/t3 &
ip netns exec $a timeout 20 dumpcap -q -i va -i any -c 16 -w $dir/two.pcapng 2>$dir/t4 &
ready $dir/t1 listening; ready $dir/t2 listening; ready $dir/t3 Capturing; ready $dir/t4 Capturing
sleep 0.3
# Six UDP datagrams (after an ARP exchange); the peer answers each with ICMP port unreachable.
ip netns exec $a bash -c 'for i in 1 2 3 4 5 6; do printf "datagram %03d" $i >/dev/udp/10.213.0.2/9; sleep 0.1; done'

wait
`;

Deno.test({
  name: "PcapReader reads tcpdump's and dumpcap's captures of veth traffic as tshark does",
  ignore: reason !== "",
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "tpacket-netns-" });
    try {
      await run("sh", ["-c", SCRIPT, "sh", dir]);
      for (const name of ["ping.pcap", "ping-ns.pcap", "ping.pcapng", "two.pcapng"]) {
        const path = `${dir}/${name}`;
        const bytes = await Deno.readFile(path);
        const { records, error, reader } = await readAll(bytes, { chunk: 333 });
        assert.equal(error, undefined, name);
        assert.ok(records.length >= 8, `${name}: ${records.length} records`);
        const encap = (lt: number) =>
          ({ 1: "1", 113: "25", 276: "210" } as Record<number, string>)[lt] ?? "?";
        const ng = reader!.format === "pcapng";
        assert.deepEqual(
          records.map((r) =>
            `${r.sec}.${String(r.nsec).padStart(9, "0")},${r.wireLen},${r.data.length},${
              ng ? r.ifIndex : ""
            },${encap(r.linkType)}`
          ),
          await tsharkView(path),
          name,
        );
        if (name !== "two.pcapng") {
          // tcpdump (libpcap) reads single-link-type files: compare every byte.
          const view = records.map((r) =>
            `${r.sec}.${String(r.nsec).padStart(9, "0")} ${r.data.toHex()}`
          );
          assert.deepEqual(view, await tcpdumpView(path), name);
        } else {
          assert.deepEqual(new Set(records.map((r) => r.linkType)), new Set([1, 113]));
          assert.deepEqual(reader!.interfaces.map((i) => i.name), ["va", "any"]);
          assert.ok(
            reader!.interfaces.every((i) => i.stats?.received !== undefined),
            "ISB counters",
          );
        }
        // Copy through PcapWriter: identical bytes for tcpdump's pcap, identical records for pcapng.
        const chunks: Uint8Array[] = [];
        const writer = new PcapWriter(new WritableStream({ write: (c) => void chunks.push(c) }), {
          format: reader!.format,
          linkType: reader!.linkType,
          snapLen: reader!.snapLen,
          nanoseconds: reader!.nanoseconds,
        });
        for (const r of records) await writer.write(r);
        await writer.close();
        const copy = concat(...chunks);
        if (!ng) assert.deepEqual(copy, bytes, `${name} copied byte for byte`);
        else {assert.deepEqual(
            (await readAll(copy)).records,
            records,
            `${name} copied record for record`,
          );}
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

if (reason) {
  console.log(`tests/pcap/netns_test.ts: the netns capture test is ignored: it ${reason}`);
}
