// deno bench decode/decode_bench.ts: the cost of decoding a captured Ethernet/IPv4/TCP frame
// and reading its 5-tuple (the figure the README reports as frames per second).

import { decodeFrame, EthernetView, Ipv4View, Layers, TcpView } from "./mod.ts";
import { FIXTURES } from "./_fixtures.ts";

const syn = Uint8Array.fromHex(FIXTURES.tcpSyn.hex);
const data = Uint8Array.fromHex(FIXTURES.tcpData.hex);
const dns = Uint8Array.fromHex(FIXTURES.dnsResponseUdp.hex);
const layers = new Layers();
let sink = 0;

Deno.bench("decodeFrame() + 5-tuple, Ethernet/IPv4/TCP, reused Layers", { baseline: true }, () => {
  const l = decodeFrame(syn, layers);
  const ip = l.ipv4!, tcp = l.tcp!;
  sink ^= ip.srcAddr ^ ip.dstAddr ^ ip.protocol ^ tcp.srcPort ^ tcp.dstPort;
});

Deno.bench("decodeFrame() + 5-tuple, Ethernet/IPv4/TCP with data, new Layers", () => {
  const l = decodeFrame(data);
  sink ^= l.ipv4!.srcAddr ^ l.ipv4!.dstAddr ^ l.ipv4!.protocol ^ l.srcPort! ^ l.dstPort!;
});

Deno.bench("views by hand: EthernetView → Ipv4View → TcpView + 5-tuple", () => {
  const ip = Ipv4View.from(EthernetView.from(syn).payload);
  const tcp = TcpView.from(ip.payload);
  sink ^= ip.srcAddr ^ ip.dstAddr ^ ip.protocol ^ tcp.srcPort ^ tcp.dstPort;
});

Deno.bench("decodeFrame() + TCP options", () => {
  sink ^= decodeFrame(syn, layers).tcp!.options().length;
});

Deno.bench("decodeFrame() + DNS sections of a 6/2/0 response", () => {
  sink ^= decodeFrame(dns, layers).dns!.sections().answers.length;
});

Deno.bench("packetToJson-ready toHeader() of Ethernet/IPv4/TCP", () => {
  sink ^= decodeFrame(syn, layers).chain.map((l) => l.toHeader()).length;
});

addEventListener("unload", () => {
  if (sink === 0.5) console.log(sink);
});
