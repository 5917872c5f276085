// sFlow version 5 (sflow.org's sflow_version_5.txt) as tcpdump 4.99 prints it (print-sflow.c):
// the datagram header alone, and with -v its flow and counter samples, each record's header and
// the few records tcpdump decodes (raw packet header, Ethernet frame, extended switch data, and
// the generic, Ethernet, 100BaseVG, VLAN and processor counters).

import { type Ctx, tok } from "./_ctx.ts";

const SAMPLE: Record<number, string> = {
  1: "flow sample",
  2: "counter sample",
  3: "expanded flow sample",
  4: "expanded counter sample",
};
const FLOW: Record<number, string> = {
  1: "Raw packet",
  2: "Ethernet frame",
  3: "IPv4 Data",
  4: "IPv6 Data",
  1001: "Extended Switch data",
  1002: "Extended Router data",
  1003: "Extended Gateway data",
  1004: "Extended User data",
  1005: "Extended URL data",
  1006: "Extended MPLS data",
  1007: "Extended NAT data",
  1008: "Extended MPLS tunnel",
  1009: "Extended MPLS VC",
  1010: "Extended MPLS FEC",
  1011: "Extended MPLS LVP FEC",
  1012: "Extended VLAN Tunnel",
};
const RAW_PROTOCOL: Record<number, string> = { 1: "Ethernet", 11: "IPv4", 12: "IPv6" };
const COUNTER: Record<number, string> = {
  1: "Generic counter",
  2: "Ethernet counter",
  3: "Token ring counter",
  4: "100 BaseVG counter",
  5: "Vlan counter",
  1001: "Processor counter",
};
const DIRECTION: Record<number, string> = {
  0: "unknown",
  1: "full-duplex",
  2: "half-duplex",
  3: "in",
  4: "out",
};

/** A length too short for what it must hold (tcpdump's "return 1"): " (invalid)" follows. */
const INVALID = Symbol("invalid");

/** A 64-bit counter, in decimal. */
function u64(c: Ctx, off: number): string {
  return ((BigInt(c.u32(off)) << 32n) | BigInt(c.u32(off + 4))).toString();
}

/** Fails the sample unless `len` bytes are left for a structure of `size`. */
function need(len: number, size: number): void {
  if (len < size) throw INVALID;
}

/** sflow_print(): `len` is the UDP payload's length. */
export function sflowPrint(c: Ctx, p: number, len: number): void {
  c.proto = "sflow";
  const ipVersion = c.u32(p + 4);
  if ((len < 28 && ipVersion === 1) || (len < 40 && ipVersion === 2)) {
    return c.print(`sFlowv${c.u32(p)} [length ${len} < 28] (invalid)`);
  }
  c.need(p, 28);
  const version = c.u32(p);
  if (version !== 5) return c.print(`sFlow version ${version} packet not supported`);
  // the IPv4 header's fields, or an IPv6 agent's 16 bytes and the same fields after them
  const v4 = ipVersion === 1, at = v4 ? p + 12 : p + 24;
  const agent = v4 ? `IPv4 agent ${c.ip4(p + 8)}` : `IPv6 agent ${c.ip6(p + 8)}`;
  if (!c.f.v) return c.print(`sFlowv5, ${agent}, agent-id ${c.u32(at)}, length ${len}`);
  let samples = c.u32(at + 12);
  c.print(
    `sFlowv5, ${agent}, agent-id ${c.u32(at)}, seqnum ${c.u32(at + 4)}, uptime ${
      c.u32(at + 8)
    }, samples ${samples}, length ${len}`,
  );
  const header = v4 ? 28 : 40;
  let tp = p + header, tlen = len - header;
  try {
    if (len < header) {
      c.print(` [tlen ${len} < ${header}]`);
      tlen = len;
      tp = p;
      throw INVALID;
    }
    while (samples > 0 && tlen > 0) {
      const type = c.u32(tp) & 0x0fff, slen = c.u32(tp + 4);
      if (tlen < 8) throw INVALID;
      tp += 8, tlen -= 8;
      c.print(`\n\t${tok(SAMPLE, "Unknown", type)} (${type}), length ${slen},`);
      if (type === 0 || slen === 0) return;
      if (tlen < slen) throw INVALID;
      c.need(tp, slen);
      switch (type) {
        case 1:
          flowSample(c, tp, tlen, false);
          break;
        case 2:
          counterSample(c, tp, tlen, false);
          break;
        case 3:
          flowSample(c, tp, tlen, true);
          break;
        case 4:
          counterSample(c, tp, tlen, true);
          break;
        default:
          if (c.f.v <= 1) c.hexData(tp, "\n\t    ", slen);
      }
      tp += slen, tlen -= slen;
      samples--;
    }
  } catch (e) {
    if (e !== INVALID) throw e;
    c.print(" (invalid)");
    c.need(tp, tlen);
  }
}

/** A flow sample (compact: type and index in one word, or expanded), then its records. */
function flowSample(c: Ctx, p: number, len: number, expanded: boolean): void {
  const size = expanded ? 44 : 32;
  need(len, size);
  const records = c.u32(p + size - 4);
  const [type, index] = expanded ? [c.u32(p + 4), c.u32(p + 8)] : sourceId(c, p + 4);
  const at = expanded ? p + 12 : p + 8;
  c.print(
    ` seqnum ${c.u32(p)}, type ${type}, idx ${index}, rate ${c.u32(at)}, pool ${
      c.u32(at + 4)
    }, drops ${c.u32(at + 8)}`,
  );
  c.print(
    expanded
      ? `, records ${records}`
      : `, input ${c.u32(p + 20)} output ${c.u32(p + 24)} records ${records}`,
  );
  flowRecords(c, p + size, len - size, records);
}

/** A compact sample's source id: the type byte and the 24-bit index. */
function sourceId(c: Ctx, off: number): [number, number] {
  const word = c.u32(off);
  return [word >>> 24, word & 0xffffff];
}

function flowRecords(c: Ctx, p: number, len: number, records: number): void {
  for (; records > 0; records--) {
    need(len, 8);
    const format = c.u32(p), type = format & 0x0fff, enterprise = format >>> 12;
    const flen = c.u32(p + 4);
    c.print(
      `\n\t    enterprise ${enterprise} ${
        enterprise === 0 ? tok(FLOW, "Unknown", type) : "Unknown"
      } (${type}) length ${flen}`,
    );
    p += 8, len -= 8;
    if (len < flen) throw INVALID;
    if (enterprise === 0) {
      switch (type) {
        case 1:
          need(len, 16);
          c.print(
            `\n\t      protocol ${tok(RAW_PROTOCOL, "Unknown", c.u32(p))} (${c.u32(p)}), length ${
              c.u32(p + 4)
            }, stripped bytes ${c.u32(p + 8)}, header_size ${c.u32(p + 12)}`,
          );
          break;
        case 2:
          need(len, 24);
          c.print(`\n\t      frame len ${c.u32(p)}, type ${c.u32(p + 20)}`);
          break;
        case 1001:
          need(len, 16);
          c.print(
            `\n\t      src vlan ${c.u32(p)}, src pri ${c.u32(p + 4)}, dst vlan ${
              c.u32(p + 8)
            }, dst pri ${c.u32(p + 12)}`,
          );
          break;
        default:
          if (FLOW[type] === undefined && c.f.v <= 1) c.hexData(p, "\n\t\t", flen);
      }
    }
    p += flen, len -= flen;
  }
}

/** A counter sample (compact or expanded), then its records. */
function counterSample(c: Ctx, p: number, len: number, expanded: boolean): void {
  const size = expanded ? 16 : 12;
  need(len, size);
  const records = c.u32(p + size - 4);
  const [type, index] = expanded ? [c.u32(p + 4), c.u32(p + 8)] : sourceId(c, p + 4);
  c.print(` seqnum ${c.u32(p)}, type ${type}, idx ${index}, records ${records}`);
  counterRecords(c, p + size, len - size, records);
}

function counterRecords(c: Ctx, p: number, len: number, records: number): void {
  for (; records > 0; records--) {
    need(len, 8);
    // tcpdump takes the enterprise from the top 12 bits here (the format's is the top 20)
    const format = c.u32(p), type = format & 0x0fff, enterprise = format >>> 20;
    const clen = c.u32(p + 4);
    c.print(
      `\n\t    enterprise ${enterprise}, ${
        enterprise === 0 ? tok(COUNTER, "Unknown", type) : "Unknown"
      } (${type}) length ${clen}`,
    );
    p += 8, len -= 8;
    if (len < clen) throw INVALID;
    if (enterprise === 0) {
      switch (type) {
        case 1:
          genericCounters(c, p, len);
          break;
        case 2:
          need(len, 52);
          c.print(
            `\n\t      align errors ${c.u32(p)}, fcs errors ${c.u32(p + 4)}, single collision ${
              c.u32(p + 8)
            }, multiple collision ${c.u32(p + 12)}, test error ${c.u32(p + 16)}`,
          );
          c.print(
            `\n\t      deferred ${c.u32(p + 20)}, late collision ${
              c.u32(p + 24)
            }, excessive collision ${c.u32(p + 28)}, mac trans error ${c.u32(p + 32)}`,
          );
          c.print(
            `\n\t      carrier error ${c.u32(p + 36)}, frames too long ${
              c.u32(p + 40)
            }, mac receive errors ${c.u32(p + 44)}, symbol errors ${c.u32(p + 48)}`,
          );
          break;
        case 3:
          break; // token ring: named, not decoded
        case 4:
          baseVgCounters(c, p, len);
          break;
        case 5:
          need(len, 28);
          c.print(
            `\n\t      vlan_id ${c.u32(p)}, octets ${u64(c, p + 4)}, unicast_pkt ${
              c.u32(p + 12)
            }, multicast_pkt ${c.u32(p + 16)}, broadcast_pkt ${c.u32(p + 20)}, discards ${
              c.u32(p + 24)
            }`,
          );
          break;
        case 1001:
          need(len, 28);
          c.print(
            `\n\t      5sec ${c.u32(p)}, 1min ${c.u32(p + 4)}, 5min ${c.u32(p + 8)}, total_mem ${
              u64(c, p + 12)
            }, total_mem ${u64(c, p + 20)}`,
          );
          break;
        default:
          if (c.f.v <= 1) c.hexData(p, "\n\t\t", clen);
      }
    }
    p += clen, len -= clen;
  }
}

function genericCounters(c: Ctx, p: number, len: number): void {
  need(len, 88);
  const direction = c.u32(p + 16), status = c.u32(p + 20);
  c.print(
    `\n\t      ifindex ${c.u32(p)}, iftype ${c.u32(p + 4)}, ifspeed ${
      u64(c, p + 8)
    }, ifdirection ${direction} (${tok(DIRECTION, "Unknown", direction)})`,
  );
  c.print(
    `\n\t      ifstatus ${status}, adminstatus: ${status & 1 ? "up" : "down"}, operstatus: ${
      (status >>> 1) & 1 ? "up" : "down"
    }`,
  );
  c.print(
    `\n\t      In octets ${u64(c, p + 24)}, unicast pkts ${c.u32(p + 32)}, multicast pkts ${
      c.u32(p + 36)
    }, broadcast pkts ${c.u32(p + 40)}, discards ${c.u32(p + 44)}`,
  );
  c.print(`\n\t      In errors ${c.u32(p + 48)}, unknown protos ${c.u32(p + 52)}`);
  c.print(
    `\n\t      Out octets ${u64(c, p + 56)}, unicast pkts ${c.u32(p + 64)}, multicast pkts ${
      c.u32(p + 68)
    }, broadcast pkts ${c.u32(p + 72)}, discards ${c.u32(p + 76)}`,
  );
  c.print(`\n\t      Out errors ${c.u32(p + 80)}, promisc mode ${c.u32(p + 84)}`);
}

function baseVgCounters(c: Ctx, p: number, len: number): void {
  need(len, 80);
  c.print(
    `\n\t      in high prio frames ${c.u32(p)}, in high prio octets ${u64(c, p + 4)}`,
  );
  c.print(
    `\n\t      in norm prio frames ${c.u32(p + 12)}, in norm prio octets ${u64(c, p + 16)}`,
  );
  c.print(
    `\n\t      in ipm errors ${c.u32(p + 24)}, oversized ${c.u32(p + 28)}, in data errors ${
      c.u32(p + 32)
    }, null addressed frames ${c.u32(p + 36)}`,
  );
  c.print(
    `\n\t      out high prio frames ${c.u32(p + 40)}, out high prio octets ${
      u64(c, p + 44)
    }, trans into frames ${c.u32(p + 52)}`,
  );
  c.print(
    `\n\t      in hc high prio octets ${u64(c, p + 56)}, in hc norm prio octets ${
      u64(c, p + 64)
    }, out hc high prio octets ${u64(c, p + 72)}`,
  );
}
