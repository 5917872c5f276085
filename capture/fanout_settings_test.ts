import assert from "node:assert/strict";
import { runFilter } from "../filter/vm.ts";
import { checkFanoutOptions, joinOptions, steeringProgram } from "./fanout_settings.ts";

/** An Ethernet + IPv4 frame with `proto` and the given ports (UDP/TCP layout). */
function ipv4(proto: number, sport = 1000, dport = 2000, vlan = false): Uint8Array {
  const at = vlan ? 4 : 0;
  const f = new Uint8Array(14 + at + 20 + 20);
  const dv = new DataView(f.buffer);
  if (vlan) dv.setUint32(12, 0x81000005);
  dv.setUint16(12 + at, 0x0800);
  f[14 + at] = 0x45;
  f[23 + at] = proto;
  dv.setUint16(34 + at, sport);
  dv.setUint16(36 + at, dport);
  return f;
}

Deno.test("steeringProgram() returns the index of the first matching expression", () => {
  const program = steeringProgram(["udp port 53", "tcp", "icmp"]);
  assert.equal(runFilter(program, ipv4(17, 5000, 53)), 0);
  assert.equal(runFilter(program, ipv4(17, 53, 5000)), 0);
  assert.equal(runFilter(program, ipv4(17, 5000, 54)), 3); // UDP not port 53: none matched
  assert.equal(runFilter(program, ipv4(6)), 1);
  assert.equal(runFilter(program, ipv4(1)), 2);
  // A load past the end ends a classic program with 0, as in the kernel: member 0.
  assert.equal(runFilter(program, Uint8Array.of(1, 2, 3)), 0);
  // Every packet load reads from the link-layer header (SKF_LL_OFF), ancillary ones stay.
  for (const insn of program) {
    const cls = insn.code & 0x07;
    const mode = insn.code & 0xe0;
    if ((cls === 0 || cls === 1) && (mode === 0x20 || mode === 0x40 || mode === 0xa0)) {
      assert.ok(insn.k >= 0xffe00000, `load at ${insn.k.toString(16)}`);
    }
  }
});

Deno.test("steeringProgram() keeps the live VLAN form (tag in socket metadata)", () => {
  const program = steeringProgram(["vlan 5", "ip"]);
  // Live frames arrive untagged with the tag in metadata, as the kernel hands them over.
  assert.equal(runFilter(program, ipv4(6), 54, { vlanTagPresent: 1, vlanTag: 5 }), 0);
  assert.equal(runFilter(program, ipv4(6)), 1);
});

Deno.test("steeringProgram() rejects an empty list and bad expressions", () => {
  assert.throws(() => steeringProgram([]), {
    name: "RangeError",
    message: "Cannot compile the steering program: no expression given",
  });
  assert.throws(() => steeringProgram(["tcp prot 80"]), { name: "FilterSyntaxError" });
});

Deno.test("joinOptions() encodes PACKET_FANOUT as struct fanout_args and as an int", () => {
  const config = checkFanoutOptions("eth0", { members: 4, mode: "lb", rollover: true });
  assert.equal(config.defrag, true);
  config.argsStruct = true;
  const [join, ...rest] = joinOptions(config, 0x1234, { uniqueId: false, first: false });
  assert.deepEqual(rest, []);
  assert.equal(join!.level, 263);
  assert.equal(join!.name, 18);
  assert.equal(join!.readBack, false);
  // id 0x1234, type LB (1) | ROLLOVER 0x1000 | DEFRAG 0x8000, max_num_members 4.
  assert.deepEqual([...join!.bytes!], [0x34, 0x12, 0x01, 0x90, 4, 0, 0, 0]);
  assert.equal(join!.value, 0x90011234);
  config.argsStruct = false;
  const [first] = joinOptions(config, 0, { uniqueId: true, first: true });
  assert.equal(first!.bytes, undefined);
  assert.equal(first!.value, (0xb001 << 16) >>> 0); // UNIQUEID 0x2000 added
  assert.equal(first!.readBack, true);
});

Deno.test("joinOptions() sets the steering program on the first member only", () => {
  const config = checkFanoutOptions("eth0", { mode: "cbpf", steer: "tcp", defrag: false });
  const first = joinOptions(config, 7, { uniqueId: false, first: true });
  assert.equal(first.length, 2);
  assert.equal(first[1]!.name, 22); // PACKET_FANOUT_DATA
  assert.equal(first[1]!.program!.byteLength % 8, 0);
  assert.equal(first[0]!.value & 0xffff, 7);
  assert.equal(first[0]!.value >>> 16, 6); // PACKET_FANOUT_CBPF, no flags
  assert.equal(joinOptions(config, 7, { uniqueId: false, first: false }).length, 1);
  const raw = checkFanoutOptions("eth0", {
    mode: "cbpf",
    steer: [{ code: 0x06, jt: 0, jf: 0, k: 1 }],
  });
  assert.deepEqual([...raw.program!], [6, 0, 0, 0, 1, 0, 0, 0]);
});

Deno.test("checkFanoutOptions() names the bad option in one line", () => {
  const cases: [unknown, string][] = [
    [{ members: 1.5 }, "members must be an integer from 1 to 256, got 1.5"],
    [{ defrag: "yes" }, "defrag must be a boolean"],
    [{ groupId: -1 }, "groupId must be an integer from 0 to 65535, got -1"],
    [{ onMemberError: 3 }, "onMemberError must be a function"],
    [{ mode: "cbpf", steer: "tcp" }, ""],
    [{ mode: "cbpf", steer: [{ code: 0xffff, jt: 0, jf: 0, k: 0 }] }, "filter"],
  ];
  for (const [options, message] of cases) {
    if (message === "") {
      assert.throws(
        () => checkFanoutOptions("any", options as never),
        { message: /steering by expression needs one device/ },
      );
      continue;
    }
    assert.throws(() => checkFanoutOptions("eth0", options as never), (e: Error) => {
      assert.ok(e.message.startsWith("Cannot open "), e.message);
      assert.ok(e.message.includes(message), e.message);
      assert.ok(!e.message.includes("\n"));
      return true;
    });
  }
  assert.throws(() => checkFanoutOptions("eth0", { snapLen: 0 }), RangeError);
});
