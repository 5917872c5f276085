// Cisco Discovery Protocol as tcpdump 4.99 prints it (print-cdp.c): Device-ID only (other TLVs
// in hex) without -v; every TLV by name with -v.

import { bits, type Ctx, hex, printn } from "./_ctx.ts";

const CAPABILITY = [
  [0x01, "Router"],
  [0x02, "Transparent Bridge"],
  [0x04, "Source Route Bridge"],
  [0x08, "L2 Switch"],
  [0x10, "L3 capable"],
  [0x20, "IGMP snooping"],
  [0x40, "L1 capable"],
] as const;

type TlvPrinter = (c: Ctx, p: number, len: number) => void;
/** The string quoted; a cut one shows its captured part, as nd_printn() prints as it reads. */
const str: TlvPrinter = (c, p, len) => {
  c.print("'");
  for (let i = 0; i < len; i++) c.print(printn(c, p + i, 1));
  c.print("'");
};

/** cdptlvs of print-cdp.c: name, printer (none: not dumped), minimum and maximum value length. */
const TLVS: Record<number, [string, TlvPrinter | undefined, number, number]> = {
  // the table's holes below its end are named but not dumped
  0x00: ["unknown field type", undefined, -1, -1],
  0x01: ["Device-ID", str, -1, -1],
  0x02: ["Address", addr, -1, -1],
  0x03: ["Port-ID", str, -1, -1],
  0x04: [
    "Capability",
    (c, p) => c.print(`(0x${hex(c.u32(p), 8)}): ${bits(CAPABILITY, "none", c.u32(p))}`),
    4,
    4,
  ],
  0x05: ["Version String", version, -1, -1],
  0x06: ["Platform", str, -1, -1],
  0x07: ["Prefixes", prefixes, -1, -1],
  0x08: ["Protocol-Hello option", undefined, -1, -1],
  0x09: ["VTP Management Domain", str, -1, -1],
  0x0a: ["Native VLAN ID", (c, p) => c.print(`${c.u16(p)}`), 2, 2],
  0x0b: ["Duplex", (c, p) => c.print(c.u8(p) ? "full" : "half"), 1, 1],
  0x0c: ["unknown field type", undefined, -1, -1],
  0x0d: ["unknown field type", undefined, -1, -1],
  0x0e: ["ATA-186 VoIP VLAN assignment", ata186, 3, 3],
  0x0f: ["ATA-186 VoIP VLAN request", ata186, 2, 3],
  0x10: ["power consumption", power, 1, 3],
  0x11: ["MTU", (c, p) => c.print(`${c.u32(p)} bytes`), 4, 4],
  0x12: ["AVVID trust bitmap", (c, p) => c.print(`0x${hex(c.u8(p), 2)}`), 1, 1],
  0x13: ["AVVID untrusted ports CoS", (c, p) => c.print(`0x${hex(c.u8(p), 2)}`), 1, 1],
  0x14: ["System Name", str, -1, -1],
  0x15: ["System Object ID (not decoded)", undefined, -1, -1],
  0x16: ["Management Addresses", addr, 4, -1],
  0x17: ["Physical Location", physLoc, 1, -1],
};

function version(c: Ctx, p: number, len: number): void {
  c.print("\n\t  ");
  for (let i = 0; i < len; i++) {
    const ch = c.u8(p + i);
    c.print(ch === 0x0a ? "\n\t  " : printn(c, p + i, 1));
  }
}
function ata186(c: Ctx, p: number, len: number): void {
  c.print(len === 2 ? `unknown 0x${hex(c.u16(p))}` : `app ${c.u8(p)}, vlan ${c.u16(p + 1)}`);
}
function power(c: Ctx, p: number, len: number): void {
  const v = len === 1 ? c.u8(p) : len === 2 ? c.u16(p) : (c.u8(p) << 16) | c.u16(p + 1);
  c.print(`${(v / 1000).toFixed(2)}W`);
}
function physLoc(c: Ctx, p: number, len: number): void {
  c.print(`0x${hex(c.u8(p), 2)}`);
  if (len > 1) c.print(`/${printn(c, p + 1, len - 1)}`);
}
function prefixes(c: Ctx, p: number, l: number): void {
  if (l % 5) {
    c.print(` [length ${l} is not a multiple of 5]`);
    c.tcheck(p, l);
    return;
  }
  c.print(` IPv4 Prefixes (${l / 5}):`);
  for (; l > 0; l -= 5, p += 5) {
    c.print(` ${c.u8(p)}.${c.u8(p + 1)}.${c.u8(p + 2)}.${c.u8(p + 3)}/${c.u8(p + 4)}`);
  }
}

/** cdp_print_addr(): a count, then protocol type/length/value and address length/value. */
function addr(c: Ctx, p: number, l: number): void {
  const invalid = (why: string) => {
    c.print(` (${why})`);
    c.tcheck(p, l);
  };
  if (l < 4) return invalid("not enough space for num");
  let num = c.u32(p);
  p += 4, l -= 4;
  while (num) {
    if (l < 2) return invalid("not enough space for PT+PL");
    const pt = c.u8(p), pl = c.u8(p + 1);
    p += 2, l -= 2;
    if (l < pl + 2) return invalid("not enough space for P+AL");
    const al = c.u16(p + pl);
    const v6proto = pt === 2 && pl === 8 && c.u32(p) === 0xaaaa0300 && c.u32(p + 4) === 0x000086dd;
    if ((pt === 1 && pl === 1 && c.u8(p) === 0xcc && al === 4) || (v6proto && al === 16)) {
      p += pl + 2, l -= pl + 2;
      if (l < al) return invalid("not enough space for A");
      c.print(al === 4 ? `IPv4 (${num}) ${c.ip4(p)}` : `IPv6 (${num}) ${c.ip6(p)}`);
      p += al, l -= al;
    } else {
      c.print(`pt=0x${hex(pt, 2)}, pl=${pl}, pb=`);
      for (let i = 0; i < pl; i++) c.print(` ${hex(c.u8(p++), 2)}`);
      l -= pl;
      c.print(`, al=${al}, a=`);
      p += 2, l -= 2;
      if (l < al) return invalid("not enough space for A");
      for (let i = 0; i < al; i++) c.print(` ${hex(c.u8(p++), 2)}`);
      l -= al;
    }
    num--;
    if (num) c.print(" ");
  }
  if (l) c.print(` (${l} bytes of stray data)`);
}

/** cdp_print() of `length` bytes at `tptr` (LLC SNAP, Cisco OUI, protocol 0x2000). */
export function cdpPrint(c: Ctx, tptr: number, length: number): void {
  c.proto = "cdp";
  const orig = length;
  const invalid = () => {
    c.print(" (invalid)");
    c.tcheck(tptr, length);
  };
  if (length < 4) {
    c.print(` (packet length ${length} < 4)`);
    return invalid();
  }
  c.print(`CDPv${c.u8(tptr)}, ttl: ${c.u8(tptr + 1)}s`);
  const checksum = c.u16(tptr + 2);
  if (c.f.v) c.print(`, checksum: 0x${hex(checksum)} (unverified), length ${orig}`);
  tptr += 4, length -= 4;
  while (length) {
    if (length < 4) {
      c.print(` (remaining packet length ${length} < 4)`);
      return invalid();
    }
    const type = c.u16(tptr);
    let len = c.u16(tptr + 2);
    const info = TLVS[type];
    const name = info?.[0] ?? "unknown field type";
    const plural = (n: number) => n === 1 ? "" : "s";
    if (len < 4) {
      c.print(
        c.f.v
          ? `\n\t${name} (0x${hex(type, 2)}), TLV length: ${len} byte${plural(len)} (too short)`
          : `, ${name} TLV length ${len} too short`,
      );
      return invalid();
    }
    if (len > length) {
      c.print(` (TLV length ${len} > ${length})`);
      return invalid();
    }
    tptr += 4, length -= 4, len -= 4;
    if (!c.f.v && type === 1) c.print(", Device-ID ");
    else if (c.f.v) {
      c.print(`\n\t${name} (0x${hex(type, 2)}), value length: ${len} byte${plural(len)}: `);
    }
    let covered = false;
    if (info) {
      const [, printer, min, max] = info;
      if ((min > 0 && len < min) || (max > 0 && len > max)) c.print(" (malformed TLV)");
      else if (c.f.v || type === 1) {
        if (printer) printer(c, tptr, len);
        else c.tcheck(tptr, len);
        covered = true;
      }
    }
    if (!covered) {
      c.tcheck(tptr, len);
      c.hexData(tptr, "\n\t  ", len);
    }
    tptr += len, length -= len;
  }
  if (!c.f.v) c.print(`, length ${orig}`);
}
