// Seeded fuzzing: random and mutated real frames through decodePacket() for every link type,
// and through every view's check(), from(), getters, methods and toHeader(). The only exception
// allowed is a DecodeError from from() when check() reported an issue.

import assert from "node:assert/strict";
import {
  ArpView,
  DecodeError,
  decodePacket,
  DnsView,
  EthernetView,
  Icmpv6View,
  IcmpView,
  Ipv4View,
  Ipv6ExtensionView,
  Ipv6View,
  Layers,
  LlcView,
  NullView,
  packetToJson,
  Sll2View,
  SllView,
  TcpView,
  UdpView,
  VlanView,
} from "./mod.ts";
import { LINKTYPE } from "../link_type.ts";
import { FIXTURES } from "./_fixtures.ts";
import { prng } from "./_testing.ts";

const SEED = 0x7ac0de;
const fixtures = Object.values(FIXTURES).map((f) => ({
  linkType: f.linkType as number,
  bytes: Uint8Array.fromHex(f.hex),
}));

/** Random bytes, or a fixture with bytes flipped, cut, extended or spliced. */
function makeFrame(rand: () => number): { linkType?: number; bytes: Uint8Array } {
  const int = (n: number) => Math.floor(rand() * n);
  if (rand() < 0.25) {
    const b = new Uint8Array(int(160));
    for (let i = 0; i < b.length; i++) b[i] = int(256);
    return { bytes: b };
  }
  const f = fixtures[int(fixtures.length)]!;
  let b = f.bytes.slice();
  const edits = 1 + int(6);
  for (let e = 0; e < edits; e++) {
    const what = int(5);
    if (what <= 1 && b.length) b[int(b.length)] = int(256);
    else if (what === 2 && b.length) b = b.slice(0, int(b.length + 1));
    else if (what === 3) {
      const extra = new Uint8Array(int(40)).map(() => int(256));
      b = new Uint8Array([...b, ...extra]);
    } else if (b.length > 4) {
      // Overwrite a 16-bit field with a boundary value (lengths, counts, pointers, types).
      const at = int(b.length - 1);
      const v = [0, 1, 0xffff, 0x7fff, b.length, b.length - at, 0xc00c, 0x8100][int(8)]!;
      b[at] = (v >> 8) & 0xff;
      b[at + 1] = v & 0xff;
    }
  }
  return { linkType: f.linkType, bytes: b };
}

const METHODS = ["options", "ndOptions", "mld2Records", "sections", "toHeader", "toJSON"];

/** Reads every getter and calls every method of a view; returns how many it touched. */
function exercise(view: object, ip: Ipv4View | Ipv6View | undefined): number {
  let n = 0;
  const proto = Object.getPrototypeOf(view);
  for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
    if (d.get) {
      d.get.call(view);
      n++;
    } else if (METHODS.includes(name) && typeof d.value === "function") {
      d.value.call(view);
      n++;
    } else if (name === "checksumOk") {
      if (view instanceof Ipv4View || view instanceof IcmpView) view.checksumOk();
      else if (ip && (view instanceof TcpView || view instanceof UdpView)) view.checksumOk(ip);
      else if (ip && ip.layer === "ipv6" && view instanceof Icmpv6View) view.checksumOk(ip);
      n++;
    }
  }
  JSON.stringify(view);
  return n;
}

const LINK_TYPES = [...Object.values(LINKTYPE), 147];

Deno.test("decodePacket() never throws on random and mutated frames of every link type", () => {
  const rand = prng(SEED);
  const layers = new Layers();
  let frames = 0, touched = 0, stops = 0;
  for (let i = 0; i < 6000; i++) {
    const { linkType, bytes } = makeFrame(rand);
    const types = linkType === undefined || rand() < 0.2 ? LINK_TYPES : [linkType];
    for (const lt of types) {
      const l = decodePacket(lt, bytes, layers);
      frames++;
      if (l.stop) stops++;
      for (const view of l.chain) touched += exercise(view, l.ip);
      JSON.stringify(packetToJson(l));
      assert.ok(l.payload.byteLength <= bytes.byteLength);
    }
  }
  assert.ok(frames > 6000 && stops > 100 && touched > 10000, `${frames} ${stops} ${touched}`);
});

// deno-lint-ignore no-explicit-any
const VIEWS: [string, (b: Uint8Array) => unknown, (b: Uint8Array) => any][] = [
  ["ethernet", EthernetView.check, EthernetView.from],
  ["llc", LlcView.check, LlcView.from],
  ["sll", SllView.check, SllView.from],
  ["sll2", Sll2View.check, Sll2View.from],
  ["null", NullView.check, NullView.from],
  ["vlan", VlanView.check, VlanView.from],
  ["arp", ArpView.check, ArpView.from],
  ["ipv4", Ipv4View.check, Ipv4View.from],
  ["ipv6", Ipv6View.check, Ipv6View.from],
  ...[0, 43, 44, 51, 60, 6].map((t) =>
    [
      `ipv6-ext ${t}`,
      (b: Uint8Array) => Ipv6ExtensionView.check(b, t),
      (b: Uint8Array) => Ipv6ExtensionView.from(b, t),
    ] as [string, (b: Uint8Array) => unknown, (b: Uint8Array) => unknown]
  ),
  ["tcp", TcpView.check, TcpView.from],
  ["udp", UdpView.check, UdpView.from],
  ["icmp", IcmpView.check, IcmpView.from],
  ["icmpv6", Icmpv6View.check, Icmpv6View.from],
  ["dns", DnsView.check, DnsView.from],
  ["dns over tcp", (b) => DnsView.check(b, true), (b) => DnsView.from(b, true)],
];

/** `b` behind a proxy that throws on any index read outside it (plain reads give undefined). */
function strict(b: Uint8Array): Uint8Array {
  return new Proxy(b, {
    get(target, prop) {
      if (typeof prop === "string" && /^-?\d+$/.test(prop)) {
        const i = Number(prop);
        if (i < 0 || i >= target.length) throw new Error(`read of byte ${i} of ${target.length}`);
        return target[i];
      }
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

Deno.test("every view's check(), from(), getters and toHeader() survive random bytes", () => {
  const rand = prng(SEED + 1);
  const int = (n: number) => Math.floor(rand() * n);
  const ip = Ipv4View.from(Uint8Array.fromHex("45000014000000004011000000000000000000000000"));
  let ok = 0, rejected = 0;
  for (let i = 0; i < 3000; i++) {
    // Half random, half real layers cut from fixtures at a random offset and mutated.
    let b: Uint8Array;
    if (rand() < 0.5) b = new Uint8Array(int(120)).map(() => int(256));
    else {
      const f = makeFrame(rand).bytes;
      b = f.slice(int(Math.min(f.length, 60)));
    }
    for (const [name, check, from] of VIEWS) {
      const sb = strict(b);
      const issue = check(sb);
      if (issue) {
        assert.throws(() => from(sb), (e: unknown) => {
          assert.ok(e instanceof DecodeError, `${name}: ${e}`);
          assert.deepEqual(e.issue, issue);
          return true;
        });
        rejected++;
      } else {
        exercise(from(sb), ip); // no read outside the bytes, by any getter or method
        ok++;
      }
    }
  }
  assert.ok(ok > 10000 && rejected > 10000, `${ok} accepted, ${rejected} rejected`);
});
