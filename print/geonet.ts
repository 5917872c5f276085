// GeoNetworking (EtherType 0x8947, ETSI EN 302 636-4-1) as tcpdump 4.99 prints it
// (print-geonet.c): the common header, the long position vector, the BTP header and the ITS PDU
// header after it, and with -v the rest as hex.

import type { Ctx } from "./_ctx.ts";

const MSG_TYPE: Record<number, string> = {
  0: "CAM",
  1: "DENM",
  101: "TPEGM",
  102: "TSPDM",
  103: "VPM",
  104: "SRM",
  105: "SLAM",
  106: "ecoCAM",
  107: "ITM",
  150: "SA",
};
const NEXT: Record<number, string> = { 0: "Any", 1: "BTP-A", 2: "BTP-B", 3: "IPv6" };
const HEADER: Record<number, Record<number, string> | string> = {
  0: "Any",
  1: "Beacon",
  2: "GeoUnicast",
  3: { 0: "GeoAnycastCircle", 1: "GeoAnycastRect", 2: "GeoAnycastElipse" },
  4: { 0: "GeoBroadcastCircle", 1: "GeoBroadcastRect", 2: "GeoBroadcastElipse" },
  5: { 0: "TopoScopeBcast-SH", 1: "TopoScopeBcast-MH" },
  6: { 0: "LocService-Request", 1: "LocService-Reply" },
};

/** The extended header's size after the common one, where tcpdump knows it (else -1). */
function extendedSize(type: number, subtype: number): number {
  if (type === 0 || type === 1) return 0;
  if (type === 5) return subtype === 0 ? 0 : subtype === 1 ? 32 : -1;
  return -1;
}

/** geonet_print(): `macOff` is the Ethernet header whose source it names (-1: none). */
export function geonetPrint(c: Ctx, bp: number, length: number, macOff: number): void {
  c.proto = "geonet";
  c.print("GeoNet ");
  if (macOff >= 0) c.print(`src:${c.mac(macOff + 6)}`);
  c.print("; ");
  if (length < 36) return c.print(` (common header length ${length} < 36) (invalid)`);
  const b0 = c.u8(bp), b1 = c.u8(bp + 1);
  const version = b0 >> 4, next = b0 & 0x0f, type = b1 >> 4, subtype = b1 & 0x0f;
  const payload = c.u16(bp + 4), hopLimit = c.u8(bp + 7);
  const names = HEADER[type];
  const typeText = typeof names === "string" ? names : names?.[subtype] ?? "Unknown";
  c.print(`v:${version} `);
  c.print(`NH:${next}-${NEXT[next] ?? "Unknown"} `);
  c.print(`HT:${type}-${subtype}-${typeText} `);
  c.print(`HopLim:${hopLimit} `);
  c.print(`Payload:${payload} `);
  c.print(`GN_ADDR:${c.mac(bp + 8, 8)} `);
  c.print(`lat:${c.u32(bp + 20)} `);
  c.print(`lon:${c.u32(bp + 24)}`);
  c.need(bp, 36);
  let p = bp + 36, len = length - 36;
  const size = extendedSize(type, subtype);
  if (size >= 0) {
    if (len < size) return c.print(` (header size ${size} > ${len}) (invalid)`);
    c.need(p, size);
    p += size, len -= size;
    if (next === 1 || next === 2) {
      if (len < 4) return c.print(` (BTP length ${len} < 4) (invalid)`);
      c.print(`; BTP Dst:${c.u16(p)}`);
      c.print(` Src:${c.u16(p + 2)}`);
      p += 4, len -= 4;
      if (len >= 2) {
        c.print(`; ItsPduHeader v:${c.u8(p)}`);
        const t = c.u8(p + 1);
        c.print(` t:${t}-${MSG_TYPE[t] ?? `unknown (${t})`}`);
      }
    }
  }
  if (c.f.v) c.defaultPrint(p, len, true);
}
