// Regenerates tests/testdata/print/sctp_assoc.pcap: the packets two real SCTP stacks exchange.
// The kernel here has no SCTP, so the stacks are werift-sctp (a user-space SCTP of RFC 4960 with
// partial reliability, RFC 3758, and stream reconfiguration, RFC 6525), joined by a transport
// that records each packet and wraps it in IPv4 (the first association) or IPv6 (the second),
// dropping a few DATA packets on the way so that SACKs carry gap blocks and FORWARD TSN skips
// what was abandoned. The stacks' own timers pace the run (about 5 s).
//
//   deno run -A --node-modules-dir=auto --no-lock tests/print/make_sctp.ts && rm -r node_modules

import "debug"; // werift-sctp requires it without declaring it
import { SCTP, type Transport } from "werift-sctp";
import { Buffer } from "node:buffer";
import { ipv4, ipv6, type Packet, pcapFile } from "./_build.ts";

const out = new URL("../testdata/print/sctp_assoc.pcap", import.meta.url);
const records: Packet[] = [];

/** Two transports joined back to back; every packet is recorded as IP between `a` and `b`. */
function pair(v6: boolean, drop: (n: number, pkt: Uint8Array) => boolean): [Transport, Transport] {
  const [a, b] = v6 ? ["2001:db8:5::1", "2001:db8:5::2"] : ["10.9.5.1", "10.9.5.2"];
  let n = 0;
  const ends: Transport[] = [];
  for (const [me, peer] of [[0, 1], [1, 0]] as const) {
    ends[me] = {
      send: (buf: Buffer) => {
        const pkt = Uint8Array.from(buf);
        const [src, dst] = me === 0 ? [a, b] : [b, a];
        records.push({
          data: v6 ? ipv6(src, dst, 132, pkt) : ipv4(src, dst, 132, pkt, { df: true }),
        });
        if (!drop(n++, pkt)) setTimeout(() => ends[peer]!.onData?.(Buffer.from(pkt)), 1);
        return Promise.resolve();
      },
      close: () => {},
    };
  }
  return [ends[0]!, ends[1]!];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The first chunk type of a recorded SCTP packet. */
const firstChunk = (pkt: Uint8Array) => pkt[12];

async function association(v6: boolean): Promise<void> {
  // drop the 3rd and 5th DATA-carrying packets the client sends: gaps, then retransmits
  let dataSeen = 0;
  const [ct, st] = pair(v6, (_n, pkt) => firstChunk(pkt) === 0 && [3, 5].includes(++dataSeen));
  const server = SCTP.server(st, 5000);
  const client = SCTP.client(ct, 5000);
  const got: string[] = [];
  server.onReceive.subscribe((sid: number, ppid: number, data: Buffer) => {
    got.push(`${sid}/${ppid}/${data.length}`);
  });
  await Promise.all([server.start(5000), client.start(5000)]);
  for (let i = 0; i < 80 && client.associationState !== 4; i++) await sleep(25);
  const text = (s: string) => Buffer.from(new TextEncoder().encode(s));
  await client.send(1, 51, text("hello over sctp"));
  await client.send(1, 51, text("ordered message two"));
  await client.send(2, 53, Buffer.from(new Uint8Array(3000).map((_, i) => i)), {});
  await client.send(3, 51, text("unordered"), { ordered: false });
  await client.send(4, 51, text("may be abandoned"), { maxRetransmits: 0 });
  await client.send(1, 51, text("after the drop"));
  client.setHeartbeatInterval(400);
  await sleep(1500);
  await server.send(1, 51, text("reply"));
  await sleep(500);
  await client.stop();
  await sleep(1500);
  console.log(`${v6 ? "IPv6" : "IPv4"}: delivered ${got.join(" ")}`);
}

await association(false);
await association(true);
Deno.writeFileSync(out, pcapFile(101, records));
console.log(`${records.length} packets written to ${out.pathname}`);
Deno.exit(0); // the stacks' timers would keep the process alive
