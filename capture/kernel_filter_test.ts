import assert from "node:assert/strict";
import { encodeProgram, fixCookedProgram } from "./kernel_filter.ts";
import { compileFilter } from "../filter/compile.ts";
import { checkOptions } from "./options.ts";

Deno.test("encodeProgram() writes struct sock_filter little-endian, k as unsigned", () => {
  const bytes = encodeProgram([
    { code: 0x28, jt: 0, jf: 0, k: 12 },
    { code: 0x15, jt: 0, jf: 1, k: 0x806 },
    { code: 0x06, jt: 0, jf: 0, k: 0xffffffff },
  ]);
  assert.equal(
    bytes.toHex(),
    "280000000c000000" + "1500000106080000" + "06000000ffffffff",
  );
});

Deno.test("fixCookedProgram() moves loads past the SLL header and maps header fields", () => {
  // "arp" on LINUX_SLL reads the protocol at 14: it becomes an ancillary load of the protocol.
  const fixed = fixCookedProgram(compileFilter("arp", { linkType: 113 }), "sll")!;
  assert.equal(fixed[0]!.k, 0xfffff000); // SKF_AD_OFF + SKF_AD_PROTOCOL
  // "ip[0] = 0x45" reads at 16 on SLL: the kernel's cooked packet starts at the network header.
  const ip = fixCookedProgram(compileFilter("ip[0] = 0x45", { linkType: 113 }), "sll")!;
  assert.ok(ip.some((i) => i.code === 0x30 && i.k === 0));
  // A load of the hardware address (SLL bytes 6..13) cannot be rewritten: user space runs it.
  assert.equal(
    fixCookedProgram([{ code: 0x20, jt: 0, jf: 0, k: 6 }, { code: 6, jt: 0, jf: 0, k: 0 }], "sll"),
    undefined,
  );
});

Deno.test("checkOptions() gives a bad program the validator's message, before any system call", () => {
  assert.throws(
    () => checkOptions("eth0", { filter: [{ code: 0x28, jt: 0, jf: 0, k: 12 }] }),
    {
      name: "RangeError",
      message:
        'Cannot open "eth0": filter instruction 0 (code 0x28, k 12) is last but does not return',
    },
  );
  assert.throws(
    () =>
      checkOptions("eth0", {
        filter: [{ code: 0x15, jt: 5, jf: 0, k: 1 }, { code: 6, jt: 0, jf: 0, k: 0 }],
      }),
    {
      name: "RangeError",
      message: /Cannot open "eth0": filter instruction 0 .*jumps past the end/,
    },
  );
});
