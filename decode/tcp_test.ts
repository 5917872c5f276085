import assert from "node:assert/strict";
import { EthernetView, Ipv4View, Ipv6View, TCP_FLAG, TcpView } from "./mod.ts";
import { assertTruncations, fixChecksum, fixture, hex, ipv4, ipv6 } from "./_testing.ts";

const ipOf = (name: Parameters<typeof fixture>[0]) =>
  Ipv4View.from(EthernetView.from(fixture(name)).payload);

Deno.test("TcpView reads every field and option of a captured SYN", () => {
  // IP 10.9.0.1.60294 > 10.9.0.2.8080: Flags [S], seq 1129354403, win 64240,
  // options [mss 1460,sackOK,TS val 872166996 ecr 0,nop,wscale 10], length 0
  const ip = ipOf("tcpSyn");
  const tcp = TcpView.from(ip.payload);
  assert.equal(tcp.layer, "tcp");
  assert.equal(tcp.bytes.byteLength, 40);
  assert.equal(tcp.srcPort, 60294);
  assert.equal(tcp.dstPort, 8080);
  assert.equal(tcp.seqNumber, 1129354403);
  assert.equal(tcp.ackNumber, 0);
  assert.equal(tcp.dataOffset, 10);
  assert.equal(tcp.headerLen, 40);
  assert.equal(tcp.reserved, 0);
  assert.equal(tcp.flags, TCP_FLAG.SYN);
  assert.deepEqual(
    [tcp.fin, tcp.syn, tcp.rst, tcp.psh, tcp.ack, tcp.urg, tcp.ece, tcp.cwr],
    [false, true, false, false, false, false, false, false],
  );
  assert.equal(tcp.window, 64240);
  assert.equal(tcp.checksum, 0x1443);
  assert.equal(tcp.urgentPointer, 0);
  assert.equal(tcp.optionBytes.byteLength, 20);
  assert.equal(tcp.payload.byteLength, 0);
  const opts = tcp.options();
  assert.deepEqual(opts.map((o) => o.name), ["mss", "sackOK", "TS", "nop", "wscale"]);
  assert.deepEqual(opts.map((o) => [o.type, o.len]), [[2, 4], [4, 2], [8, 10], [1, 1], [3, 3]]);
  assert.equal(opts[0]!.mss, 1460);
  assert.deepEqual([opts[2]!.tsVal, opts[2]!.tsEcr], [872166996, 0]);
  assert.equal(opts[4]!.shift, 10);
  // Sent with checksum offload: tcpdump -vv says "cksum 0x1443 (incorrect -> 0xeb9c)".
  assert.equal(tcp.checksumOk(ip), false);
  const fixed = EthernetView.from(fixture("tcpSyn")).payload.slice();
  fixed[36] = 0xeb;
  fixed[37] = 0x9c;
  const fixedIp = Ipv4View.from(fixed);
  assert.equal(TcpView.from(fixedIp.payload).checksumOk(fixedIp), true);
  assert.deepEqual(tcp.toHeader(), {
    layer: "tcp",
    srcPort: 60294,
    dstPort: 8080,
    seqNumber: 1129354403,
    ackNumber: 0,
    headerLen: 40,
    flags: 2,
    window: 64240,
    checksum: 0x1443,
    urgentPointer: 0,
    options: [
      { kind: 2, name: "mss", len: 4, data: "05b4", bad: false, mss: 1460 },
      { kind: 4, name: "sackOK", len: 2, data: "", bad: false },
      {
        kind: 8,
        name: "TS",
        len: 10,
        data: "33fc365400000000",
        bad: false,
        tsVal: 872166996,
        tsEcr: 0,
      },
      { kind: 1, name: "nop", len: 1, data: "", bad: false },
      { kind: 3, name: "wscale", len: 3, data: "0a", bad: false, shift: 10 },
    ],
    payloadLen: 0,
  });
  assert.deepEqual(tcp.toJSON(), tcp.toHeader());
});

Deno.test("TcpView reads flags, data and checksums of captured segments", () => {
  // Flags [P.], seq 1:7, ack 1, win 63, options [nop,nop,TS ...], length 6
  const ip = ipOf("tcpData");
  const tcp = TcpView.from(ip.payload);
  assert.deepEqual([tcp.psh, tcp.ack, tcp.syn, tcp.fin], [true, true, false, false]);
  assert.equal(new TextDecoder().decode(tcp.payload), "hello\n");
  // Offloaded: tcpdump -vv says "cksum 0x1441 (incorrect -> 0x5dd0)".
  assert.equal(tcp.checksumOk(ip), false);
  const fixed = EthernetView.from(fixture("tcpData")).payload.slice();
  fixed.set([0x5d, 0xd0], 36);
  const fixedIp = Ipv4View.from(fixed);
  assert.equal(TcpView.from(fixedIp.payload).checksumOk(fixedIp), true);
  const fin = TcpView.from(ipOf("tcpFin").payload);
  assert.deepEqual([fin.fin, fin.ack, fin.flags], [true, true, TCP_FLAG.FIN | TCP_FLAG.ACK]);
  const synAck = TcpView.from(ipOf("tcpSynAck").payload);
  assert.equal(synAck.ackNumber, 1129354404);
  // A changed payload byte breaks the checksum; a snaplen cut makes it unknowable.
  const bytes = fixed.slice();
  bytes[bytes.byteLength - 1] = bytes.at(-1)! ^ 1;
  const bent = Ipv4View.from(bytes);
  assert.equal(TcpView.from(bent.payload).checksumOk(bent), false);
  const cut = Ipv4View.from(bytes.subarray(0, bytes.byteLength - 2));
  assert.equal(TcpView.from(cut.payload).checksumOk(cut), undefined);
});

Deno.test("TcpView.checksumOk() verifies over the IPv6 pseudo-header", () => {
  const seg = hex("04d2 0016 00000001 00000000 5012 2000 0000 0000 6869");
  const ip = Ipv6View.from(fixChecksum(ipv6(6, "2001:db8::1", "2001:db8::2", seg), 6, 16));
  const tcp = TcpView.from(ip.payload);
  assert.equal(tcp.checksumOk(ip), true);
  assert.deepEqual([tcp.syn, tcp.ack, tcp.payload.byteLength], [true, true, 2]);
});

Deno.test("TcpView.from() rejects every truncation of the header and a short data offset", () => {
  assertTruncations(TcpView, ipOf("tcpSyn").payload, 40, (n) => ({
    layer: "tcp",
    reason: "truncated",
    need: n < 20 ? 20 : 40,
    have: n,
  }));
  const bytes = ipOf("tcpSyn").payload.slice();
  bytes[12] = 0x40;
  assert.deepEqual(TcpView.check(bytes), {
    layer: "tcp",
    reason: "bad-length",
    need: 20,
    have: 16,
  });
});

Deno.test("TcpView.options() reads SACK, unknown kinds, EOL, and stops at a bad length", () => {
  const seg = (opts: string) => {
    const o = hex(opts);
    const h = hex("0001 0002 00000000 00000000 0010 0000 0000 0000");
    h[12] = ((20 + o.byteLength) / 4) << 4;
    return TcpView.from(new Uint8Array([...h, ...o]));
  };
  const sack = seg("0101 050a 00000064 000000c8 0000 0000").options();
  assert.deepEqual(sack.map((o) => o.name), ["nop", "nop", "sack", "eol"]);
  assert.deepEqual(sack[2]!.blocks, [[100, 200]]);
  const two = seg("0101 0512 00000001 00000002 00000003 00000004").options();
  assert.deepEqual(two[2]!.blocks, [[1, 2], [3, 4]]);
  const unknown = seg("fd04 abcd 1e04 0000 2206 01020304 0000").options();
  assert.deepEqual(unknown.map((o) => [o.name, o.type, o.data.toHex()]), [
    ["unknown", 0xfd, "abcd"],
    ["mptcp", 30, "0000"],
    ["tfo", 34, "01020304"],
    ["eol", 0, ""],
  ]);
  // Names are tcpdump's (tcp_option_values): user timeout is "uto", the old echo kinds are named.
  const named = seg("1c04 0064 0606 00000001 0000").options();
  assert.deepEqual(named.map((o) => o.name), ["uto", "echo", "eol"]);
  // Wrong sizes keep the raw data but no parsed value.
  const odd = seg("020305 00 000000 00").options();
  assert.deepEqual(odd.map((o) => [o.name, o.mss, o.tsVal, o.bad]), [
    ["mss", undefined, undefined, false],
    ["eol", undefined, undefined, false],
  ]);
  const bad = seg("0101 0201 0000 0000").options();
  assert.deepEqual(bad.map((o) => [o.name, o.len, o.bad]), [["nop", 1, false], ["nop", 1, false], [
    "mss",
    1,
    true,
  ]]);
  const past = seg("0101 080a 0000 0000").options();
  assert.deepEqual(past.at(-1)!.bad, true);
  assert.deepEqual(seg("0101 0101 0101 0101 0101 0102").options().at(-1), {
    type: 2,
    len: 0,
    data: new Uint8Array(0),
    bad: true,
    name: "mss",
  });
});

Deno.test("TcpView.checksumOk() gives undefined under segmentation offload (Total Length 0)", () => {
  const ip = ipv4(
    6,
    "10.0.0.1",
    "10.0.0.2",
    hex("0001 0002 00000000 00000000 5010 0000 0000 0000"),
  );
  ip[2] = ip[3] = 0;
  const v = Ipv4View.from(ip);
  assert.equal(TcpView.from(v.payload).checksumOk(v), undefined);
});
