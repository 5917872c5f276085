import assert from "node:assert/strict";
import process from "node:process";
import { LINKTYPE } from "../link_type.ts";
import {
  compileFilter,
  FilterSyntaxError,
  formatProgram,
  runFilter,
  validateProgram,
} from "./mod.ts";

// Frames (tcpdump -n -e -r of a file holding them):
// 02:00:00:00:00:01 > 00:11:22:33:44:55, ethertype IPv4 (0x0800), length 54: 10.0.0.1.12345 >
//   10.0.0.2.80: Flags [S], seq 1, win 29200, length 0
const TCP_SYN = Uint8Array.fromHex(
  "00112233445502000000000108004500002800014000400600000a0000010a0000023039005000000001000000005002721000000000",
);
// 02:00:00:00:00:01 > 33:33:00:00:00:01, ethertype IPv6 (0x86dd), length 62: 2001:db8::1.4660 >
//   ff02::1.53: domain [length 0 < 12] (invalid)
const UDP6_DNS = Uint8Array.fromHex(
  "33330000000102000000000186dd600000000008114020010db8000000000000000000000001ff0200000000000000000000000000011234003500080000",
);
// 02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has
//   10.0.0.2 tell 10.0.0.1, length 28
const ARP_REQUEST = Uint8Array.fromHex(
  "ffffffffffff020000000001080600010800060400010200000000010a0000010000000000000a000002",
);
// 02:00:00:00:00:01 > 00:11:22:33:44:55, ethertype 802.1Q (0x8100), length 46: vlan 100, p 0,
//   ethertype IPv4 (0x0800), truncated-ip - 56 bytes missing! 192.168.1.1 > 1.2.3.4: ICMP echo
//   request, id 0, seq 0, length 64
const VLAN_ICMP = Uint8Array.fromHex(
  "001122334455020000000001810000640800450000540001000040010000c0a80101010203040800f7ff00000000",
);
// 02:00:00:00:00:01 > 00:11:22:33:44:55, ethertype IPv4 (0x0800), length 38: truncated-ip - 4
//   bytes missing! 10.0.0.1 > 10.0.0.2: ip-proto-17 (a non-first fragment, offset 200)
const UDP_FRAGMENT = Uint8Array.fromHex(
  "00112233445502000000000108004500001c00010019401100000a0000010a00000200350035",
);

const FRAMES = { TCP_SYN, UDP6_DNS, ARP_REQUEST, VLAN_ICMP, UDP_FRAGMENT };

/** Apply table: expression → the frames it accepts (all others are rejected). */
const APPLY: [expr: string, accepts: (keyof typeof FRAMES)[]][] = [
  ["tcp port 80", ["TCP_SYN"]],
  ["tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn", ["TCP_SYN"]],
  ["tcp[tcpflags] & tcp-ack != 0", []],
  ["host 10.0.0.1", ["TCP_SYN", "ARP_REQUEST", "UDP_FRAGMENT"]],
  ["host 10.0.0.1 and not arp", ["TCP_SYN", "UDP_FRAGMENT"]],
  ["src 10.0.0.1 and dst 10.0.0.2", ["TCP_SYN", "ARP_REQUEST", "UDP_FRAGMENT"]],
  ["udp", ["UDP6_DNS", "UDP_FRAGMENT"]],
  ["udp port 53", ["UDP6_DNS"]], // ports only in the first fragment
  ["ip6 dst host ff02::1 and udp dst port domain", ["UDP6_DNS"]],
  ["ip6 multicast", ["UDP6_DNS"]],
  ["ether broadcast", ["ARP_REQUEST"]],
  ["ether multicast", ["UDP6_DNS", "ARP_REQUEST"]],
  ["arp[6:2] = 1", ["ARP_REQUEST"]],
  ["vlan 100 and icmp[icmptype] == icmp-echo", ["VLAN_ICMP"]],
  ["vlan 200", []],
  ["vlan and host 1.2.3.4", ["VLAN_ICMP"]],
  ["ip[6:2] & 0x1fff != 0", ["UDP_FRAGMENT"]],
  ["ip[8] == 64", ["TCP_SYN", "UDP_FRAGMENT"]],
  ["less 42", ["ARP_REQUEST", "UDP_FRAGMENT"]],
  ["greater 50", ["TCP_SYN", "UDP6_DNS"]],
  ["len = 46", ["VLAN_ICMP"]],
  ["ether src 02:00:00:00:00:01 and not ether dst ff:ff:ff:ff:ff:ff", [
    "TCP_SYN",
    "UDP6_DNS",
    "VLAN_ICMP",
    "UDP_FRAGMENT",
  ]],
  ["net 10.0.0.0/8 or net 2001:db8::/32", ["TCP_SYN", "UDP6_DNS", "ARP_REQUEST", "UDP_FRAGMENT"]],
  ["", ["TCP_SYN", "UDP6_DNS", "ARP_REQUEST", "VLAN_ICMP", "UDP_FRAGMENT"]],
];

for (const [expr, accepts] of APPLY) {
  Deno.test(`compileFilter(${JSON.stringify(expr)}) accepts exactly ${accepts.join(", ") || "nothing"}`, () => {
    for (const optimize of [true, false]) {
      const program = compileFilter(expr, { optimize });
      validateProgram(program);
      for (const [name, frame] of Object.entries(FRAMES)) {
        const want = accepts.includes(name as keyof typeof FRAMES) ? 262144 : 0;
        assert.equal(runFilter(program, frame), want, `${name}, optimize ${optimize}`);
      }
    }
  });
}

/** Reject table: expression → the exact message. */
const REJECT: [expr: string, message: string][] = [
  ["tcp prot 80", 'unexpected word "prot" at offset 4'],
  ["host example.com", 'host names are not resolved ("example.com" at offset 5); use an address'],
  ["port", 'unexpected end of expression, expected a value after "port" at offset 4'],
  ["port 65536", "illegal port number 65536 > 65535 at offset 5"],
  ["port nosuch", 'unknown port "nosuch" at offset 5'],
  ["udp port http", 'port "http" is tcp at offset 9'],
  ["tcp or 80", 'a bare value needs a qualifier such as "host" or "port" at offset 7'],
  ["10.0.0.1", 'a bare value needs a qualifier such as "host" or "port" at offset 0'],
  ["ip[0:3] = 1", "data size must be 1, 2 or 4, not 3 at offset 5"],
  ["ip[0] / 0 = 1", "division by zero at offset 6"],
  ["ip[0] << 32 = 1", "shift by more than 31 bits at offset 6"],
  ["tcp and", "unexpected end of expression at offset 7"],
  ["(tcp", 'unexpected end of expression, expected ")" at offset 4'],
  ["tcp)", 'unexpected ")" at offset 3'],
  ["ip6 $", 'unexpected character "$" at offset 4'],
  ["net 10.0.0.1/8", 'non-network bits set in "10.0.0.1/8" at offset 4'],
  ["host 10.0.0.0/8", "mask syntax for networks only at offset 5"],
  ["host 1:2:3:4:5:6", "ethernet address used in non-ether expression at offset 5"],
  ["vlan 4096", "VLAN tag 4096 greater than maximum 4095 at offset 0"],
  ["mpls and arp", "unsupported protocol over mpls at offset 9"],
  ["ip and ip6", "expression rejects all packets"],
  ["arp protochain 6", 'bad protocol "arp" applied for "protochain" at offset 15'],
  ["gateway 10.0.0.1", '"gateway" needs a host name, and host names are not resolved at offset 8'],
  ["ip6 broadcast", "only link-layer/IP broadcast filters supported at offset 0"],
  ["pppoes 65536", "PPPoE session number 65536 greater than maximum 65535 at offset 0"],
  ["pppoes and vlan", "no VLAN support for PPP at offset 11"],
  ["ip host ::1", '"ip" modifier applied to ip6 host at offset 8'],
  ["llc foo", 'unknown LLC type name "foo" at offset 4'],
  ["radio", '"radio" is not a valid protocol type at offset 0'],
  ["radio[0] = 0", "radio information not present in capture at offset 0"],
  ["ether proto \\nosuch", 'unknown ether proto "nosuch" at offset 12'],
];

Deno.test("compileFilter() refuses bad expressions with one line naming the problem and its offset", () => {
  for (const [expr, message] of REJECT) {
    assert.throws(() => compileFilter(expr), (e) => {
      assert.ok(e instanceof FilterSyntaxError, expr);
      assert.equal(e.message, `Cannot compile filter "${expr}": ${message}`);
      assert.equal(e.expression, expr);
      assert.ok(!e.message.includes("\n"));
      return true;
    });
  }
});

Deno.test("compileFilter() refuses what only another link type supports", () => {
  assert.throws(
    () => compileFilter("vlan", { linkType: LINKTYPE.LINUX_SLL }),
    /no VLAN support for Linux cooked v1 at offset 0/,
  );
  assert.throws(
    () => compileFilter("ether host 1:2:3:4:5:6", { linkType: LINKTYPE.RAW }),
    /ethernet addresses are supported only on Ethernet here/,
  );
  assert.throws(
    () => compileFilter("broadcast", { linkType: LINKTYPE.LINUX_SLL2 }),
    /not a broadcast link/,
  );
  assert.throws(() => compileFilter("ip", { linkType: 147 }), /link type 147 is not supported/);
});

Deno.test("compileFilter() checks its options", () => {
  assert.throws(() => compileFilter(42 as unknown as string), TypeError);
  assert.throws(() => compileFilter("ip", { snapLen: -1 }), RangeError);
  assert.throws(() => compileFilter("ip", { snapLen: 2 ** 32 }), RangeError);
  assert.throws(() => compileFilter("ip", { linkType: 1.5 }), RangeError);
  assert.throws(() => compileFilter("ip", { optimize: "yes" as unknown as boolean }), TypeError);
  assert.throws(() => compileFilter("ip", null as unknown as object), TypeError);
  assert.equal(compileFilter("ip", { snapLen: 96 }).at(-2)!.k, 96);
});

Deno.test("compileFilter() gives bare values the qualifiers of the primitive before them", () => {
  const same = (a: string, b: string) =>
    assert.equal(formatProgram(compileFilter(a), "d"), formatProgram(compileFilter(b), "d"), a);
  same("host 10.0.0.1 or 10.0.0.2", "host 10.0.0.1 or host 10.0.0.2");
  same("tcp port 80 or 443", "tcp port 80 or tcp port 443");
  same("src net 10.0.0.0/8 and not 10.1.0.0/16", "src net 10.0.0.0/8 and not src net 10.1.0.0/16");
  same("host (10.0.0.1 or 10.0.0.2)", "host 10.0.0.1 or host 10.0.0.2");
  same("tcp && !udp || icmp", "(tcp and not udp) or icmp");
  same("tcp or udp and port 53", "(tcp or udp) and port 53"); // and/or: one precedence, left to right
  same("port http", "tcp port 80");
  same("ip proto \\tcp", "ip proto 6");
  same("ether proto \\arp", "arp");
  same("net 192.168 mask 255.255.0.0", "net 192.168.0.0/16");
});

Deno.test("compileFilter() with an empty expression accepts every packet", () => {
  assert.deepEqual(compileFilter(""), [{ code: 6, jt: 0, jf: 0, k: 262144 }]);
  assert.deepEqual(compileFilter("  ", { snapLen: 100 }), [{ code: 6, jt: 0, jf: 0, k: 100 }]);
});

Deno.test("compileFilter() emits programs the kernel accepts, long jumps included", () => {
  const many = Array.from({ length: 120 }, (_, i) => `host 10.0.${i >> 8}.${i & 255}`).join(" or ");
  const program = compileFilter(many);
  validateProgram(program);
  assert.ok(program.length > 256, `${program.length} instructions`);
  assert.equal(runFilter(program, TCP_SYN), 262144);
  assert.equal(runFilter(program, UDP6_DNS), 0);
  const unoptimized = compileFilter(many, { optimize: false });
  validateProgram(unoptimized);
  assert.equal(runFilter(unoptimized, TCP_SYN), 262144);
});

Deno.test("compileFilter() optimizes 1,000 host terms in about a second, deciding as the unoptimized program", () => {
  const addr = (i: number) => [10, (i >> 8) & 255, i & 255, 1];
  const hosts = Array.from({ length: 1000 }, (_, i) => `host ${addr(i).join(".")}`).join(" or ");
  const before = process.cpuUsage();
  const program = compileFilter(hosts);
  const used = process.cpuUsage(before);
  const ms = (used.user + used.system) / 1000;
  // About 0.8 s of CPU here (libpcap: 1.4 s for 300 terms); the bound leaves room for a
  // loaded machine while catching the quadratic passes this once had (20 s).
  assert.ok(ms < 4000, `${ms.toFixed(0)} ms of CPU`);
  const unoptimized = compileFilter(hosts, { optimize: false });
  // As libpcap's: the tests of each address word in one chain (5759 against 12000).
  assert.ok(program.length < unoptimized.length / 2, `${program.length} instructions`);
  // IPv4 (src or dst), ARP and RARP frames whose address is on the list, next to it, or not.
  const frame = (type: number, at: number, a: number[]) => {
    const f = new Uint8Array(60);
    f.set([type >> 8, type & 255], 12);
    if (type === 0x0800) f[14] = 0x45;
    f.set(a, at);
    return f;
  };
  let checked = 0;
  for (const i of [0, 1, 2, 255, 256, 511, 998, 999, 1000, 1001, 4095]) {
    for (const a of [addr(i), [10, (i >> 8) & 255, i & 255, 2], [11, 0, i & 255, 1]]) {
      for (
        const f of [
          frame(0x0800, 26, a),
          frame(0x0800, 30, a),
          frame(0x0806, 28, a),
          frame(0x0806, 38, a),
          frame(0x8035, 28, a),
          frame(0x86dd, 22, a),
        ]
      ) {
        const want = runFilter(unoptimized, f);
        assert.equal(runFilter(program, f), want, `${a.join(".")}: ${f.toHex()}`);
        checked += want ? 1 : 0;
      }
    }
  }
  assert.ok(checked > 20, `${checked} frames accepted`);
});

Deno.test("compileFilter() never throws anything but FilterSyntaxError on mangled expressions", () => {
  const words = [
    "tcp",
    "port",
    "80",
    "host",
    "10.0.0.1",
    "and",
    "or",
    "not",
    "(",
    ")",
    "[",
    "]",
    ":",
    "ip",
    "ip6",
    "vlan",
    "mpls",
    "src",
    "dst",
    "net",
    "/",
    "8",
    "=",
    ">",
    "-",
    "&",
    "len",
    "ether",
    "::1",
    "1:2:3:4:5:6",
    "proto",
    "\\tcp",
    "!",
    "less",
    "greater",
    "portrange",
    "1-2",
    "icmp[0]",
  ];
  let seed = 3;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed % n;
  };
  for (let i = 0; i < 3000; i++) {
    const expr = Array.from({ length: 1 + rnd(7) }, () => words[rnd(words.length)]).join(" ");
    try {
      validateProgram(compileFilter(expr));
    } catch (e) {
      assert.ok(e instanceof FilterSyntaxError, `${expr}: ${e}`);
    }
  }
});

Deno.test("compileFilter() bounds nesting and length instead of exhausting the stack", () => {
  assert.throws(
    () => compileFilter("(".repeat(600) + "tcp" + ")".repeat(600)),
    /: expression nested more than 500 deep at offset 501$/,
  );
  assert.throws(() => compileFilter("not ".repeat(5000) + "tcp"), /nested more than 500 deep/);
  assert.throws(
    () => compileFilter("ip[0]" + " + 1".repeat(600) + " > 0"),
    /arithmetic longer than 500 operators/,
  );
  // 3000 hosts: far past the kernel's 4096 instructions, but compiled without recursion.
  const hosts = Array.from({ length: 3000 }, (_, i) => `host 10.0.${i >> 8}.${i & 255}`).join(
    " or ",
  );
  const program = compileFilter(hosts, { optimize: false });
  assert.ok(program.length > 4096);
  assert.throws(() => validateProgram(program), /instructions, the kernel takes 1 to 4096/);
  assert.equal(runFilter(program, TCP_SYN), 262144);
});

Deno.test("compileFilter() compiles protochain forward-only, for the kernel, and walks the chain", () => {
  const program = compileFilter("ip6 protochain 6");
  validateProgram(program); // no backward jump: SO_ATTACH_FILTER takes it
  // IPv6 → hop-by-hop → destination options → fragment → TCP, on Ethernet.
  const ip6 = (next: number, payload: number[]) => [
    0x60,
    0,
    0,
    0,
    0,
    payload.length,
    next,
    64,
    ...new Array(32).fill(0),
    ...payload,
  ];
  const hop = [60, 0, 0, 0, 0, 0, 0, 0];
  const dst = [44, 1, ...new Array(14).fill(0)];
  const frag = [6, 0, 0, 0, 0, 0, 0, 1];
  const tcp = new Array(20).fill(0);
  const frame = (next: number, payload: number[]) =>
    new Uint8Array([...new Array(12).fill(2), 0x86, 0xdd, ...ip6(next, payload)]);
  assert.equal(runFilter(program, frame(0, [...hop, ...dst, ...frag, ...tcp])), 262144);
  assert.equal(runFilter(program, frame(6, tcp)), 262144);
  const udp = [17, ...frag.slice(1)];
  assert.equal(runFilter(program, frame(0, [...hop, ...dst, ...udp, ...tcp])), 0);
  assert.equal(runFilter(program, frame(0, [...hop, 59, ...dst.slice(1)])), 0); // no next header
});
