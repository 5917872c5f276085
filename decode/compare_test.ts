// Cross-check with tcpdump, the reference decoder: every packet of the captures in testdata/
// (eth, sll, sll2: two namespaces on a veth pair; routed: client, router and server namespaces,
// with TTL and MTU errors, IPv6 TCP and a destination options header) and of a seeded set of
// generated frames is decoded here and printed by `tcpdump -n -t -e -v
// -S`; the fields we read must appear in tcpdump's text for that packet.

import assert from "node:assert/strict";
import { decodePacket, type Layers, type TcpOption } from "./mod.ts";
import { LINKTYPE } from "../link_type.ts";
import {
  cat,
  ether,
  fixChecksum,
  haveTcpdump,
  hex,
  ipv4,
  ipv6,
  prng,
  tcpdump,
} from "./_testing.ts";

const TCPDUMP_MISSING = !haveTcpdump();
if (TCPDUMP_MISSING) {
  console.log("decode/compare_test.ts: tcpdump not found, the comparisons are ignored");
}

const TESTDATA = new URL("./testdata/", import.meta.url);

/** Frames and link type of a pcap file (little-endian, as tcpdump -w writes here). */
function readPcap(bytes: Uint8Array): { linkType: number; frames: Uint8Array[] } {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const frames: Uint8Array[] = [];
  for (let at = 24; at + 16 <= bytes.byteLength;) {
    const cap = dv.getUint32(at + 8, true);
    frames.push(bytes.subarray(at + 16, at + 16 + cap));
    at += 16 + cap;
  }
  return { linkType: dv.getUint32(20, true), frames };
}

/** Splits tcpdump -tt output into one text per packet (each starts with its time stamp). */
function packets(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (/^1700\d{6}\.\d{6} /.test(line)) out.push(line.slice(18));
    else if (out.length) out[out.length - 1] += "\n" + line;
  }
  return out;
}

const hex4 = (n: number) => "0x" + n.toString(16).padStart(4, "0");

function tcpFlags(f: number): string {
  const s = [[1, "F"], [2, "S"], [4, "R"], [8, "P"], [16, "."], [32, "U"], [64, "E"], [128, "W"]]
    .filter(([bit]) => f & (bit as number)).map(([, c]) => c).join("");
  return s || "none";
}

function tcpOption(o: TcpOption): string {
  switch (o.name) {
    case "mss":
      return `mss ${o.mss}`;
    case "wscale":
      return `wscale ${o.shift}`;
    case "TS":
      return `TS val ${o.tsVal} ecr ${o.tsEcr}`;
    case "sack":
      return `sack ${o.blocks!.length} ` + o.blocks!.map(([l, r]) => `{${l}:${r}}`).join("");
    case "unknown":
      return `unknown-${o.type} 0x${o.data.toHex()}`;
    default:
      return o.name;
  }
}

/** What tcpdump -n -e -v -S must print somewhere in this packet's text, from our fields. */
function expectations(l: Layers): string[] {
  const want: string[] = [];
  const eth = l.ethernet?.toHeader();
  if (eth) want.push(`${eth.srcAddr} > ${eth.dstAddr}`);
  if (l.sll) want.push(`(${hex4(l.sll.protocol)})`);
  // After a cooked header, tcpdump 4.99 decodes a 0x8100 tag but prints 0x88a8 (802.1ad) raw.
  const cookedQinq = (l.sll ?? l.sll2)?.protocol === 0x88a8;
  if (cookedQinq) return want;
  for (const v of l.vlans) want.push(`vlan ${v.vid}, p ${v.pcp}`);
  if (l.arp) {
    const a = l.arp.toHeader();
    if (a.oper === 1) want.push(`who-has ${a.tpa} tell ${a.spa}`);
    if (a.oper === 2) want.push(`${a.spa} is-at ${a.sha}`);
  }
  const ip4 = l.ipv4?.toHeader();
  if (ip4) {
    const flags = [
      ip4.moreFragments && "+",
      ip4.dontFragment && "DF",
      l.ipv4!.reservedFlag && "rsvd",
    ].filter(Boolean).join(", ") || "none";
    want.push(
      `tos 0x${l.ipv4!.tos.toString(16)}, ttl ${ip4.ttl}, id ${ip4.identification}, ` +
        `offset ${ip4.fragmentByteOffset}, flags [${flags}]`,
      `(${ip4.protocol}), length ${ip4.totalLen}`,
    );
  }
  const ip6 = l.ipv6?.toHeader();
  if (ip6) {
    if (ip6.flowLabel) want.push(`flowlabel 0x${ip6.flowLabel.toString(16).padStart(5, "0")}`);
    want.push(
      `hlim ${ip6.hopLimit}, next-header`,
      `(${ip6.nextHeader}) payload length: ${ip6.payloadLen})`,
    );
  }
  for (const x of l.ipv6Extensions) {
    if (x.headerType === 44 && l.ipv6!.payloadLen) {
      const len = l.ipv6!.payloadLen - (x.bytes.byteOffset - l.ipv6!.bytes.byteOffset - 40) - 8;
      const ident = x.identification!.toString(16).padStart(8, "0");
      want.push(`frag (0x${ident}:${x.fragmentByteOffset}|${len})`);
    }
  }
  const ip = l.ip?.toHeader();
  const ports = l.tcp ?? l.udp;
  if (ip && ports && l.ipv6Extensions.length) {
    // After IPv6 extension headers tcpdump prints the addresses, then the ports on their own.
    want.push(`${ip.srcAddr} > ${ip.dstAddr}:`, ` ${ports.srcPort} > ${ports.dstPort}:`);
  } else if (ip && ports) {
    want.push(`${ip.srcAddr}.${ports.srcPort} > ${ip.dstAddr}.${ports.dstPort}:`);
  } else if (ip && !l.icmp && l.stop?.layer !== "tcp" && l.stop?.layer !== "udp") {
    // (With a cut TCP or UDP header tcpdump still prints the ports.)
    want.push(`${ip.srcAddr} > ${ip.dstAddr}:`);
  }
  if (l.tcp) {
    const t = l.tcp;
    // tcpdump -v shows the checksum only of a segment captured whole.
    const whole = t.checksumOk(l.ip!) !== undefined;
    want.push(`Flags [${tcpFlags(t.flags)}]${whole ? `, cksum ${hex4(t.checksum)}` : ""}`);
    want.push(`win ${t.window}`);
    if (t.ack) want.push(`ack ${t.ackNumber}`);
    if (t.syn || t.fin || t.rst || t.payload.byteLength) want.push(`seq ${t.seqNumber}`);
    const opts = t.options();
    if (opts.length) want.push(`options [${opts.map(tcpOption).join(",")}]`);
  }
  if (l.udp && !l.dns && l.stop?.layer !== "dns" && ip4) {
    want.push(`UDP, length ${l.udp.length - 8}`);
  }
  if (l.icmp && (l.icmp.type === 0 || l.icmp.type === 8)) {
    const i = l.icmp;
    const len = l.ipv4!.totalLen - l.ipv4!.headerLen; // what was sent, not what was captured
    want.push(`id ${i.identifier}, seq ${i.sequence}, length ${len}`);
  }
  // tcpdump words an ICMP error only when it can read the quoted header.
  if (l.icmp?.isError && l.icmp.payload.byteLength >= 28) {
    if (l.icmp.type === 3 && l.icmp.code === 4) {
      want.push(`need to frag (mtu ${l.icmp.nextHopMtu})`);
    }
    if (l.icmp.type === 11) want.push("time exceeded");
  }
  if (l.icmpv6) {
    const i = l.icmpv6.toHeader();
    if (i.type === 128 || i.type === 129) {
      want.push(`id ${l.icmpv6.identifier}, seq ${l.icmpv6.sequence}`);
    }
    if (i.type === 2) want.push(`packet too big, mtu ${l.icmpv6.mtu}`);
    if (i.type === 3 && l.icmpv6.payload.byteLength >= 40) want.push("time exceeded");
    if (i.type === 135) want.push(`who has ${i.targetAddr}`);
    if (i.type === 136) want.push(`tgt is ${i.targetAddr}`);
    if (i.type === 143) {
      for (const r of l.icmpv6.mld2Records()) want.push(`[gaddr ${r.multicastAddr} `);
    }
  }
  if (l.dns) {
    const d = l.dns;
    const s = d.sections();
    want.push(`${d.id}`);
    // tcpdump prints the counts and records only of a message it can read whole.
    if (s.issue) return want;
    for (const q of s.questions) want.push(` ${q.name}`);
    if (d.qr) want.push(`${d.anCount}/${d.nsCount}/${d.arCount}`);
    else if (d.arCount) want.push(`[${d.arCount}au]`);
    for (const r of s.answers) {
      const d = r.data;
      if (!d) continue;
      const t =
        { 1: "A", 28: "AAAA", 5: "CNAME", 12: "PTR", 2: "NS", 15: "MX", 16: "TXT", 33: "SRV" }[
          r.type
        ];
      if (d.address) want.push(`${t} ${d.address}`);
      else if (d.name) want.push(`${t} ${d.name}`);
      else if (d.exchange) want.push(`MX ${d.exchange} ${d.preference}`);
      else if (d.strings) want.push(`TXT ${d.strings.map((x) => `"${x}"`).join(" ")}`);
      else if (d.target) want.push(`SRV ${d.target}:${d.port} ${d.priority} ${d.weight}`);
    }
  }
  return want;
}

function compare(
  linkType: number,
  frames: Uint8Array[],
  what: string,
  wireLens?: number[],
): number {
  const texts = packets(tcpdump(linkType, frames, ["-e", "-v", "-S"], true, wireLens));
  assert.equal(texts.length, frames.length, `${what}: one tcpdump text per packet`);
  let checked = 0;
  frames.forEach((f, i) => {
    const l = decodePacket(linkType, f);
    if (l.stop?.reason === "truncated" && l.stop.have > 0) {
      // Where we find a layer cut short, tcpdump prints its truncation mark (after an IPv6
      // fragment header it prints nothing at all for an upper layer with no byte captured).
      assert.ok(texts[i]!.includes("[|"), `${what} #${i}: cut ${l.stop.layer}, but:\n${texts[i]}`);
    }
    for (const w of expectations(l)) {
      assert.ok(
        texts[i]!.includes(w),
        `${what} #${i}: tcpdump printed no ${JSON.stringify(w)}:\n${texts[i]}`,
      );
      checked++;
    }
  });
  return checked;
}

Deno.test({
  name: "decodePacket() agrees with tcpdump -v on every packet of the captures",
  ignore: TCPDUMP_MISSING,
}, () => {
  for (const name of ["eth.pcap", "sll.pcap", "sll2.pcap", "routed.pcap"]) {
    const { linkType, frames } = readPcap(Deno.readFileSync(new URL(name, TESTDATA)));
    const checked = compare(linkType, frames, name);
    assert.ok(checked > frames.length * 3, `${name}: ${checked} fields checked`);
  }
});

/** Seeded random but well-formed frames: TCP with option mixes, UDP, ICMP echo, DNS, VLANs. */
function generate(seed: number, count: number): Uint8Array[] {
  const rand = prng(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const u16 = (v: number) => [v >> 8 & 255, v & 255];
  const u32 = (v: number) => [v >>> 24, v >> 16 & 255, v >> 8 & 255, v & 255];
  const v4 = () => `${1 + int(223)}.${int(256)}.${int(256)}.${1 + int(254)}`;
  const v6 = () => `2001:db8:${int(65536).toString(16)}::${(1 + int(65535)).toString(16)}`;
  const frames: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const six = rand() < 0.3;
    let proto: number, upper: Uint8Array, ckAt: number;
    const kind = int(4);
    if (kind <= 1) {
      const opts: number[] = [];
      const pool = [
        () => [2, 4, ...u16(int(65536))],
        () => [3, 3, int(15)],
        () => [4, 2],
        () => [8, 10, ...u32(int(2 ** 32)), ...u32(int(2 ** 32))],
        () => [1],
        () => {
          const n = 1 + int(3);
          const b = [5, 2 + 8 * n];
          for (let k = 0; k < n; k++) b.push(...u32(int(2 ** 32)), ...u32(int(2 ** 32)));
          return b;
        },
        () => [200 + int(50), 4, int(256), int(256)],
      ];
      for (let k = int(5); k > 0 && opts.length < 30; k--) {
        const o = pool[int(pool.length)]!();
        if (opts.length + o.length <= 40) opts.push(...o);
      }
      while (opts.length % 4) opts.push(0);
      const data = new Uint8Array(int(3) ? 0 : 1 + int(20)).fill(0x61);
      const flags = int(256) & ~0x20; // URG makes tcpdump print "urg"; keep it simple
      upper = new Uint8Array([
        ...u16(1024 + int(60000)),
        ...u16(1 + int(1000)),
        ...u32(int(2 ** 32)),
        ...u32(int(2 ** 32)),
        ((20 + opts.length) / 4) << 4,
        flags,
        ...u16(int(65536)),
        0,
        0,
        0,
        0,
        ...opts,
        ...data,
      ]);
      [proto, ckAt] = [6, 16];
    } else if (kind === 2) {
      const id = int(65536);
      const labels = Array.from({ length: 1 + int(3) }, () => "abcdefghij".slice(0, 1 + int(9)));
      const name = labels.flatMap((s) => [s.length, ...new TextEncoder().encode(s)]);
      const enc = (s: string) => [s.length, ...new TextEncoder().encode(s)];
      const answers: number[] = [];
      const count = int(2) ? 0 : 1 + int(4);
      for (let k = 0; k < count; k++) {
        // Owner is the question name (pointer 0xc00c); targets are a label plus that pointer.
        const [type, rdata] = [
          () => [1, [1 + int(254), int(256), int(256), int(256)]],
          () => [28, [0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 1 + int(255)]],
          () => [5, [...enc("cname"), 0xc0, 12]],
          () => [12, [...enc("ptr"), 0xc0, 12]],
          () => [2, [...enc("ns" + int(9)), 0xc0, 12]],
          () => [15, [...u16(int(100)), ...enc("mx"), 0xc0, 12]],
          () => [16, [...enc("txt" + int(99)), ...enc("more")]],
          () => [33, [
            ...u16(int(100)),
            ...u16(int(100)),
            ...u16(1 + int(65535)),
            ...enc("srv"),
            0xc0,
            12,
          ]],
        ][int(8)]!() as [number, number[]];
        answers.push(
          0xc0,
          12,
          ...u16(type),
          0,
          1,
          ...u32(int(86400)),
          ...u16(rdata.length),
          ...rdata,
        );
      }
      const dns = [
        ...u16(id),
        count ? 0x81 : 1,
        count ? 0x80 : 0,
        0,
        1,
        ...u16(count),
        0,
        0,
        0,
        0,
        ...name,
        0,
        0,
        1,
        0,
        1,
        ...answers,
      ];
      upper = new Uint8Array([
        ...u16(1024 + int(60000)),
        0,
        53,
        ...u16(8 + dns.length),
        0,
        0,
        ...dns,
      ]);
      [proto, ckAt] = [17, 6];
    } else {
      upper = new Uint8Array([
        six ? 128 : 8,
        0,
        0,
        0,
        ...u16(int(65536)),
        ...u16(int(65536)),
        ...new Array(int(30)).fill(0x62),
      ]);
      [proto, ckAt] = [six ? 58 : 1, 2];
    }
    let ip: Uint8Array;
    if (six) ip = fixChecksum(ipv6(proto, v6(), v6(), upper, 1 + int(255)), proto, ckAt);
    else {
      ip = ipv4(proto, v4(), v4(), upper, {
        id: int(65536),
        ttl: 1 + int(255),
        tos: int(256) & 0xfc,
      });
      if (proto === 1) {
        const icmp = ip.subarray(20);
        let s = 0;
        for (let k = 0; k < icmp.length; k += 2) s += (icmp[k]! << 8) | (icmp[k + 1] ?? 0);
        while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
        icmp[2] = (~s >> 8) & 255;
        icmp[3] = ~s & 255;
      } else fixChecksum(ip, proto, ckAt);
    }
    const type = six ? 0x86dd : 0x0800;
    const tags = int(3);
    let body = ip, outer = type;
    for (let t = 0; t < tags; t++) {
      body = cat(new Uint8Array([...u16((int(8) << 13) | (1 + int(4094))), ...u16(outer)]), body);
      outer = t === tags - 1 && tags === 2 ? 0x88a8 : 0x8100;
    }
    frames.push(
      ether(outer, body, "02" + int(2 ** 24).toString(16).padStart(10, "0"), "0a0000000001"),
    );
  }
  return frames;
}

Deno.test({
  name: "decodePacket() agrees with tcpdump -v on generated TCP, UDP, DNS, ICMP and VLAN frames",
  ignore: TCPDUMP_MISSING,
}, () => {
  const frames = generate(0x5eed, 400);
  const answered = frames.filter((f) =>
    (decodePacket(1, f).dns?.sections().answers.length ?? 0) > 1
  );
  assert.ok(answered.length > 20, `${answered.length} DNS responses with several answers`);
  const checked = compare(LINKTYPE.ETHERNET, frames, "generated");
  assert.ok(checked > 400 * 5, `${checked} fields checked`);
  // The same packets as raw IP: no link header at all.
  const raw = frames.map((f) => decodePacket(LINKTYPE.ETHERNET, f).ip!.bytes);
  compare(LINKTYPE.RAW, raw.slice(0, 100), "raw");
  void hex;
});

Deno.test({
  name: "decodePacket() agrees with tcpdump -v on captured frames cut at common snaplens",
  ignore: TCPDUMP_MISSING,
}, () => {
  for (const name of ["eth.pcap", "routed.pcap", "sll2.pcap"]) {
    const { linkType, frames } = readPcap(Deno.readFileSync(new URL(name, TESTDATA)));
    for (const snap of [34, 54, 68, 80, 96, 128]) {
      const cut = frames.map((f) => f.subarray(0, snap));
      compare(linkType, cut, `${name} cut at ${snap}`, frames.map((f) => f.byteLength));
    }
  }
});
