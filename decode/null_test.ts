import assert from "node:assert/strict";
import { decodePacket, NullView } from "./mod.ts";
import { LINKTYPE } from "../link_type.ts";
import { assertTruncations, cat, hex, ipv4, ipv6 } from "./_testing.ts";

const udp = hex("0001 0002 0008 0000");

Deno.test("NullView reads the family in either byte order for LINKTYPE_NULL, network order for LOOP", () => {
  const le = NullView.from(hex("02000000 45"));
  assert.equal(le.layer, "null");
  assert.equal(le.headerLen, 4);
  assert.equal(le.bytes.byteLength, 5);
  assert.equal(le.family, 2);
  assert.deepEqual([...le.payload], [0x45]);
  assert.deepEqual(le.toHeader(), { layer: "null", family: 2 });
  assert.deepEqual(le.toJSON(), le.toHeader());
  assert.equal(NullView.from(hex("00000002")).family, 2, "written by a big-endian host");
  assert.equal(NullView.from(hex("1e000000")).family, 30);
  assert.equal(NullView.from(hex("00000018"), true).family, 24);
});

Deno.test("decodePacket() walks NULL and LOOP frames to IPv4 and every IPv6 family", () => {
  const v4 = ipv4(17, "127.0.0.1", "127.0.0.1", udp);
  const v6 = ipv6(17, "::1", "::1", udp);
  const names = (lt: number, b: Uint8Array) =>
    decodePacket(lt, b).chain.map((x) => x.layer).join(" ");
  assert.equal(names(LINKTYPE.NULL, cat(hex("02000000"), v4)), "null ipv4 udp");
  for (const fam of ["18000000", "1c000000", "1e000000", "0a000000"]) {
    assert.equal(names(LINKTYPE.NULL, cat(hex(fam), v6)), "null ipv6 udp", fam);
  }
  assert.equal(names(LINKTYPE.LOOP, cat(hex("00000002"), v4)), "null ipv4 udp");
  assert.equal(names(LINKTYPE.LOOP, cat(hex("0000001c"), v6)), "null ipv6 udp");
  const other = decodePacket(LINKTYPE.NULL, cat(hex("07000000"), v4));
  assert.deepEqual([other.chain.length, other.payload.byteLength, other.stop], [
    1,
    v4.byteLength,
    undefined,
  ]);
});

Deno.test("NullView.from() rejects every truncation of the header", () => {
  assertTruncations(NullView, hex("02000000"), 4, (n) => ({
    layer: "null",
    reason: "truncated",
    need: 4,
    have: n,
  }));
});
Deno.test("NullView shows its family in Deno.inspect", () => {
  assert.equal(
    Deno.inspect(NullView.from(hex("02000000"))),
    'NullView { layer: "null", family: 2 }',
  );
});
