// OpenFlow 1.0 and 1.3 over TCP 6633/6653 as tcpdump 4.99 prints it (print-openflow.c,
// print-openflow-1.0.c, print-openflow-1.3.c): ": OpenFlow", then a line per message of the
// segment (version, type, length, xid); with -v the bodies tcpdump decodes, with -vv the data
// blobs in hex and ASCII and each port's bitmaps. Each message type's length constraint is
// checked before its body ("(invalid)"); a body cut by the capture ends the packet with
// " [|openflow]", even without -v; a header cut by the end of the TCP payload says so.

import { bits, type Ctx, fmt, hexAscii, printjnpOut, printn, tok, Truncated } from "./_ctx.ts";
import { OUI } from "./_oui.ts";

/** A message body printer: `len` bytes of body at `cp` (the declared length, maybe cut). */
type Body = (c: Ctx, cp: number, len: number) => void;
/** Body length rule: any, exactly `value`, or at least `value` bytes. */
const NONE = 0, FIXLEN = 1, MINLEN = 2;
type Req = typeof NONE | typeof FIXLEN | typeof MINLEN;
interface MsgType {
  name: string;
  decoder: Body | undefined;
  req: Req;
  value: number;
}
type Bits = ReadonlyArray<readonly [number, string]>;

const VERSION: Record<number, string> = {
  1: "1.0",
  2: "1.1",
  3: "1.2",
  4: "1.3",
  5: "1.4",
  6: "1.5",
};
const ONF_EXP: Record<number, string> = {
  0x4f4e4600: "ONF Extensions",
  0xff000001: "Budapest University of Technology and Economics",
  0xff000002: "NoviFlow",
  0xff000003: "L3+ Extensions, Vendor Neutral",
  0xff000004: "L4-L7 Extensions",
  0xff000005: "Wireless and Mobility Extensions",
  0xff000006: "Forwarding Abstractions Extensions",
  0xff000007: "Optical Transport Extensions",
  0xff000008: "Network Benchmarking Lab, NCTU",
  0xff000009: "Mobile Packet Core Extensions",
  0xff00000a: "MPLS-TP OpenFlow Extensions for SPTN",
};
const OUI_BSN = 0x5c16c7;

const hex8 = (v: number) => v.toString(16).padStart(8, "0");
const u64 = (c: Ctx, off: number) => (BigInt(c.u32(off)) << 32n) | BigInt(c.u32(off + 4));
const hex64 = (c: Ctx, off: number) => u64(c, off).toString(16).padStart(16, "0");

/** of_vendor_name(): an OUI name, or an ONF experimenter ID's name. */
function vendorName(v: number): string {
  return ((v & 0xff000000) === 0 ? OUI[v] : ONF_EXP[v]) ?? "unknown";
}

/** of_bitmap_print(): the names of the assigned bits set, then "(bogus)" for others. */
function bitmap(c: Ctx, t: Bits, v: number, assigned: number): void {
  if (v & assigned) c.print(` (${bits(t, "", v)})`);
  if ((v & ~assigned) >>> 0) c.print(" (bogus)");
}

/** hex_and_ascii_print(): what was captured, then the cut. */
function hexBlob(c: Ctx, cp: number, len: number): void {
  const have = Math.max(0, Math.min(len, c.end - cp));
  c.print(hexAscii(c.b, cp, have, "\n\t  ", 0));
  if (have < len) throw new Truncated();
}

/** of_data_print(). */
const dataPrint: Body = (c, cp, len) => {
  if (len === 0) return;
  c.print(`\n\t data (${len} octets)`);
  if (c.f.v >= 2) hexBlob(c, cp, len);
  else c.need(cp, len);
};

/** nd_print_invalid() and the check of what is left. */
function invalid(c: Ctx, cp: number, len: number): void {
  c.print(" (invalid)");
  c.need(cp, len);
}

// ---- OpenFlow 1.0 -------------------------------------------------------------------------

const PPC10: Bits = [
  [1 << 0, "PORT_DOWN"],
  [1 << 1, "NO_STP"],
  [1 << 2, "NO_RECV"],
  [1 << 3, "NO_RECV_STP"],
  [1 << 4, "NO_FLOOD"],
  [1 << 5, "NO_FWD"],
  [1 << 6, "NO_PACKET_IN"],
];
const PPC10_A = 0x7f;
const PPS_STP: Record<number, string> = {
  0x000: "STP_LISTEN",
  0x100: "STP_LEARN",
  0x200: "STP_FORWARD",
  0x300: "STP_BLOCK",
};
const PPS10_A = 0x301;
const PP10: Record<number, string> = {
  0xff00: "MAX",
  0xfff8: "IN_PORT",
  0xfff9: "TABLE",
  0xfffa: "NORMAL",
  0xfffb: "FLOOD",
  0xfffc: "ALL",
  0xfffd: "CONTROLLER",
  0xfffe: "LOCAL",
  0xffff: "NONE",
};
const PPF10: Bits = [
  [1 << 0, "10MB_HD"],
  [1 << 1, "10MB_FD"],
  [1 << 2, "100MB_HD"],
  [1 << 3, "100MB_FD"],
  [1 << 4, "1GB_HD"],
  [1 << 5, "1GB_FD"],
  [1 << 6, "10GB_FD"],
  [1 << 7, "COPPER"],
  [1 << 8, "FIBER"],
  [1 << 9, "AUTONEG"],
  [1 << 10, "PAUSE"],
  [1 << 11, "PAUSE_ASYM"],
];
const PPF10_A = 0xfff;
const PQT: Record<number, string> = { 0: "NONE", 1: "MIN_RATE" };
const PFW: Bits = [
  [1 << 0, "IN_PORT"],
  [1 << 1, "DL_VLAN"],
  [1 << 2, "DL_SRC"],
  [1 << 3, "DL_DST"],
  [1 << 4, "DL_TYPE"],
  [1 << 5, "NW_PROTO"],
  [1 << 6, "TP_SRC"],
  [1 << 7, "TP_DST"],
  [1 << 20, "DL_VLAN_PCP"],
  [1 << 21, "NW_TOS"],
];
const PFW_ALL = (1 << 22) - 1;
const PAT: Record<number, string> = {
  0: "OUTPUT",
  1: "SET_VLAN_VID",
  2: "SET_VLAN_PCP",
  3: "STRIP_VLAN",
  4: "SET_DL_SRC",
  5: "SET_DL_DST",
  6: "SET_NW_SRC",
  7: "SET_NW_DST",
  8: "SET_NW_TOS",
  9: "SET_TP_SRC",
  10: "SET_TP_DST",
  11: "ENQUEUE",
  0xffff: "VENDOR",
};
const PAT_BM: Bits = Array.from({ length: 12 }, (_, i) => [1 << i, PAT[i]!] as const);
const PAT_A = 0xfff;
const CAP10: Bits = [
  [1 << 0, "FLOW_STATS"],
  [1 << 1, "TABLE_STATS"],
  [1 << 2, "PORT_STATS"],
  [1 << 3, "STP"],
  [1 << 4, "RESERVED"],
  [1 << 5, "IP_REASM"],
  [1 << 6, "QUEUE_STATS"],
  [1 << 7, "ARP_MATCH_IP"],
];
const CAP10_A = 0xef;
const CONFIG: Record<number, string> = { 0: "FRAG_NORMAL", 1: "FRAG_DROP", 2: "FRAG_REASM" };
const PFC: Record<number, string> = {
  0: "ADD",
  1: "MODIFY",
  2: "MODIFY_STRICT",
  3: "DELETE",
  4: "DELETE_STRICT",
};
const BUFFER_ID: Record<number, string> = { 0xffffffff: "NONE" };
const PFF: Bits = [[1, "SEND_FLOW_REM"], [2, "CHECK_OVERLAP"], [4, "EMERG"]];
const PST: Record<number, string> = {
  0: "DESC",
  1: "FLOW",
  2: "AGGREGATE",
  3: "TABLE",
  4: "PORT",
  5: "QUEUE",
  0xffff: "VENDOR",
};
const TABLE_ID: Record<number, string> = { 0xfe: "EMERG", 0xff: "ALL" };
const PQ: Record<number, string> = { 0xffffffff: "ALL" };
const PR10: Record<number, string> = { 0: "NO_MATCH", 1: "ACTION" };
const PRR: Record<number, string> = { 0: "IDLE_TIMEOUT", 1: "HARD_TIMEOUT", 2: "DELETE" };
const PPR: Record<number, string> = { 0: "ADD", 1: "DELETE", 2: "MODIFY" };
const PET10: Record<number, string> = {
  0: "HELLO_FAILED",
  1: "BAD_REQUEST",
  2: "BAD_ACTION",
  3: "FLOW_MOD_FAILED",
  4: "PORT_MOD_FAILED",
  5: "QUEUE_OP_FAILED",
};
const names = (...n: string[]): Record<number, string> => Object.fromEntries(n.entries());
const HFC = names("INCOMPATIBLE", "EPERM");
const CODES10: Record<number, Record<number, string>> = {
  0: HFC,
  1: names(
    "BAD_VERSION",
    "BAD_TYPE",
    "BAD_STAT",
    "BAD_VENDOR",
    "BAD_SUBTYPE",
    "EPERM",
    "BAD_LEN",
    "BUFFER_EMPTY",
    "BUFFER_UNKNOWN",
  ),
  2: names(
    "BAD_TYPE",
    "BAD_LEN",
    "BAD_VENDOR",
    "BAD_VENDOR_TYPE",
    "BAD_OUT_PORT",
    "BAD_ARGUMENT",
    "EPERM",
    "TOO_MANY",
    "BAD_QUEUE",
  ),
  3: names(
    "ALL_TABLES_FULL",
    "OVERLAP",
    "EPERM",
    "BAD_EMERG_TIMEOUT",
    "BAD_COMMAND",
    "UNSUPPORTED",
  ),
  4: names("BAD_PORT", "BAD_HW_ADDR"),
  5: names("BAD_PORT", "BAD_QUEUE", "EPERM"),
};
const BSN_SUBTYPE: Record<number, string> = {
  ...names(
    "SET_IP_MASK",
    "GET_IP_MASK_REQUEST",
    "GET_IP_MASK_REPLY",
    "SET_MIRRORING",
    "GET_MIRRORING_REQUEST",
    "GET_MIRRORING_REPLY",
    "SHELL_COMMAND",
    "SHELL_OUTPUT",
    "SHELL_STATUS",
    "GET_INTERFACES_REQUEST",
    "GET_INTERFACES_REPLY",
    "SET_PKTIN_SUPPRESSION_REQUEST",
    "SET_L2_TABLE_REQUEST",
    "GET_L2_TABLE_REQUEST",
    "GET_L2_TABLE_REPLY",
    "VIRTUAL_PORT_CREATE_REQUEST",
    "VIRTUAL_PORT_CREATE_REPLY",
    "VIRTUAL_PORT_REMOVE_REQUEST",
    "BW_ENABLE_SET_REQUEST",
    "BW_ENABLE_GET_REQUEST",
    "BW_ENABLE_GET_REPLY",
    "BW_CLEAR_DATA_REQUEST",
    "BW_CLEAR_DATA_REPLY",
    "BW_ENABLE_SET_REPLY",
    "SET_L2_TABLE_REPLY",
    "SET_PKTIN_SUPPRESSION_REPLY",
    "VIRTUAL_PORT_REMOVE_REPLY",
    "HYBRID_GET_REQUEST",
    "HYBRID_GET_REPLY",
  ),
  31: "PDU_TX_REQUEST",
  32: "PDU_TX_REPLY",
  33: "PDU_RX_REQUEST",
  34: "PDU_RX_REPLY",
  35: "PDU_RX_TIMEOUT",
};
const BSN_ACTION: Record<number, string> = { 1: "MIRROR", 2: "SET_TUNNEL_DST", 4: "CHECKSUM" };
const BSN_STAGE: Record<number, string> = { 0: "INGRESS", 1: "EGRESS" };
const BSN_ONOFF: Record<number, string> = { 0: "OFF", 1: "ON" };

function vlanStr(vid: number): string {
  if (vid === 0xffff) return "NONE";
  return `${vid}${vid > 0 && vid < 0x0fff ? "" : " (bogus)"}`;
}
const pcpStr = (pcp: number) => `${pcp}${pcp <= 7 ? "" : " (bogus)"}`;
const port10 = (c: Ctx, off: number) => tok(PP10, "%u", c.u16(off));

const bsnMessage: Body = (c, cp, len) => {
  if (len < 4) return invalid(c, cp, len);
  const subtype = c.u32(cp);
  cp += 4, len -= 4;
  c.print(`\n\t subtype ${tok(BSN_SUBTYPE, "unknown (0x%08x)", subtype)}`);
  switch (subtype) {
    case 1: // GET_IP_MASK_REQUEST
      if (len !== 8) return invalid(c, cp, len);
      c.print(`, index ${c.u8(cp)}`);
      c.need(cp + 1, 7);
      return;
    case 0:
    case 2: // SET_IP_MASK, GET_IP_MASK_REPLY
      if (len !== 8) return invalid(c, cp, len);
      c.print(`, index ${c.u8(cp)}`);
      c.print(`, mask ${c.ip4(cp + 4)}`);
      return;
    case 3:
    case 4:
    case 5: // the mirroring messages
      if (len !== 4) return invalid(c, cp, len);
      c.print(`, report_mirror_ports ${tok(BSN_ONOFF, "bogus (%u)", c.u8(cp))}`);
      c.need(cp + 1, 3);
      return;
    case 9:
    case 13:
    case 19:
    case 21:
    case 27: // requests without a body
      if (len) invalid(c, cp, len);
      return;
    case 17: // VIRTUAL_PORT_REMOVE_REQUEST
      if (len !== 4) return invalid(c, cp, len);
      c.print(`, vport_no ${c.u32(cp)}`);
      return;
    case 6: // SHELL_COMMAND
      if (len < 4) return invalid(c, cp, len);
      c.print(`, service ${c.u32(cp)}, data '`);
      for (let i = 4; i < len; i++) c.print(printn(c, cp + i, 1));
      c.print("'");
      return;
    case 7: // SHELL_OUTPUT
      c.print(", data '");
      for (let i = 0; i < len; i++) c.print(printn(c, cp + i, 1));
      c.print("'");
      return;
    case 8: // SHELL_STATUS
      if (len !== 4) return invalid(c, cp, len);
      c.print(`, status 0x${hex8(c.u32(cp))}`);
      return;
    default:
      c.need(cp, len);
  }
};

const bsnActions: Body = (c, cp, len) => {
  if (len < 4) return invalid(c, cp, len);
  const subtype = c.u32(cp);
  cp += 4, len -= 4;
  c.print(`\n\t  subtype ${tok(BSN_ACTION, "unknown (0x%08x)", subtype)}`);
  if (subtype !== 1) return c.need(cp, len);
  if (len !== 12) return invalid(c, cp, len);
  c.print(`, dest_port ${c.u32(cp)}`);
  const tag = c.u32(cp + 4);
  const tpid = tag >>> 16;
  if (tpid === 0) c.print(", vlan_tag none");
  else if (tpid === 0x8100) {
    const tci = tag & 0xffff;
    c.print(
      `, vlan_tag 802.1Q (vlan ${tci & 0xfff}, p ${tci >> 13}${tci & 0x1000 ? ", DEI" : ""})`,
    );
  } else c.print(`, vlan_tag unknown (0x${tpid.toString(16).padStart(4, "0")})`);
  c.print(`, copy_stage ${tok(BSN_STAGE, "unknown (%u)", c.u8(cp + 8))}`);
  c.need(cp + 9, 3);
};

/** of10_vendor_action_print(), of10_vendor_message_print(), of10_vendor_data_print(). */
function vendor10(c: Ctx, cp: number, len: number, next: Body, check: boolean): void {
  if (check && len < 4) return invalid(c, cp, len);
  const vendor = c.u32(cp);
  c.print(`, vendor 0x${hex8(vendor)} (${vendorName(vendor)})`);
  (vendor === OUI_BSN ? next : dataPrint)(c, cp + 4, len - 4);
}

/** of10_packet_data_print(): at -vvv the frame itself, 3 levels less verbose. */
const packetData10: Body = (c, cp, len) => {
  if (len === 0) return;
  c.print(`\n\t data (${len} octets)`);
  if (c.f.v < 3) return c.need(cp, len);
  c.print(", frame decoding below\n");
  const end = c.end;
  c.f.v -= 3;
  c.end = Math.min(cp + len, end);
  try {
    c.d.ether(c, cp, len);
  } catch (e) {
    c.end = end;
    // a longjmp out of ether_print() skips print-openflow-1.0.c's "ndo_vflag += 3": tcpdump
    // 4.99.3 prints every later packet 3 levels less verbose, and so does this printer
    if (!(e instanceof Truncated) || !e.soft) throw e;
    // a trunc label inside returns to here normally
    c.trunc();
    c.print(e.suffix);
  }
  c.end = end;
  c.f.v += 3;
};

function phyPort10(c: Ctx, cp: number): void {
  c.print(`\n\t  port_no ${port10(c, cp)}`);
  c.print(`, hw_addr ${c.mac(cp + 2)}`);
  c.print(`, name '`);
  printjnpOut(c, cp + 8, 16);
  c.print("'");
  cp += 24;
  if (c.f.v < 2) return c.need(cp, 24);
  let v = c.u32(cp);
  c.print(`\n\t   config 0x${hex8(v)}`);
  bitmap(c, PPC10, v, PPC10_A);
  const state = c.u32(cp + 4);
  c.print(
    `\n\t   state 0x${hex8(state)} (${tok(PPS_STP, "", state & 0x300)}${
      state & 1 ? ", LINK_DOWN" : ""
    })${(state & ~PPS10_A) >>> 0 ? " (bogus)" : ""}`,
  );
  for (const [i, name] of ["curr", "advertised", "supported", "peer"].entries()) {
    v = c.u32(cp + 8 + 4 * i);
    c.print(`\n\t   ${name} 0x${hex8(v)}`);
    bitmap(c, PPF10, v, PPF10_A);
  }
}

function queueProps10(c: Ctx, cp: number, len: number): void {
  while (len) {
    if (len < 8) return invalid(c, cp, len);
    const property = c.u16(cp);
    c.print(`\n\t   property ${tok(PQT, "invalid (0x%04x)", property)}`);
    const plen = c.u16(cp + 2);
    c.print(`, len ${plen}`);
    cp += 4, len -= 4;
    if (plen < 8 || plen > len + 4) return invalid(c, cp, len);
    c.need(cp, 4);
    cp += 4, len -= 4;
    let skip = property !== 0 && property !== 1;
    if (!skip && plen !== (property === 0 ? 8 : 16)) {
      c.print(" (bogus)");
      skip = true;
    }
    if (skip) {
      c.need(cp, plen - 8);
      cp += plen - 8, len -= plen - 8;
      continue;
    }
    if (property === 1) {
      const rate = c.u16(cp);
      c.print(rate > 1000 ? ", rate disabled" : `, rate ${Math.floor(rate / 10)}.${rate % 10}%`);
      c.need(cp + 2, 6);
      cp += 8, len -= 8;
    }
  }
}

function queues10(c: Ctx, cp: number, len: number): void {
  while (len) {
    if (len < 8) return invalid(c, cp, len);
    c.print(`\n\t  queue_id ${c.u32(cp)}`);
    const desclen = c.u16(cp + 4);
    c.print(`, len ${desclen}`);
    cp += 6, len -= 6;
    if (desclen < 8 || desclen > len + 6) return invalid(c, cp, len);
    c.need(cp, 2);
    cp += 2, len -= 2;
    if (c.f.v >= 2) queueProps10(c, cp, desclen - 8);
    else c.need(cp, desclen - 8);
    cp += desclen - 8, len -= desclen - 8;
  }
}

function match10(c: Ctx, pfx: string, cp: number): void {
  const w = c.u32(cp);
  if ((w & ~PFW_ALL) >>> 0) c.print(`${pfx}wildcards 0x${hex8(w)} (bogus)`);
  if (!(w & 1)) c.print(`${pfx}match in_port ${port10(c, cp + 4)}`);
  if (!(w & 4)) c.print(`${pfx}match dl_src ${c.mac(cp + 6)}`);
  if (!(w & 8)) c.print(`${pfx}match dl_dst ${c.mac(cp + 12)}`);
  if (!(w & 2)) c.print(`${pfx}match dl_vlan ${vlanStr(c.u16(cp + 18))}`);
  if (!(w & (1 << 20))) c.print(`${pfx}match dl_vlan_pcp ${pcpStr(c.u8(cp + 20))}`);
  const dlType = c.u16(cp + 22);
  if (!(w & 0x10)) c.print(`${pfx}match dl_type 0x${dlType.toString(16).padStart(4, "0")}`);
  if (!(w & (1 << 21))) {
    c.print(`${pfx}match nw_tos 0x${c.u8(cp + 24).toString(16).padStart(2, "0")}`);
  }
  const nwProto = c.u8(cp + 25);
  if (!(w & 0x20)) {
    const name = !(w & 0x10) && dlType === 0x0806 ? "arp_opcode" : "nw_proto";
    c.print(`${pfx}match ${name} ${nwProto}`);
  }
  let nwBits = (w >>> 8) & 0x3f;
  if (nwBits < 32) c.print(`${pfx}match nw_src ${c.ip4(cp + 28)}/${32 - nwBits}`);
  nwBits = (w >>> 14) & 0x3f;
  if (nwBits < 32) c.print(`${pfx}match nw_dst ${c.ip4(cp + 32)}/${32 - nwBits}`);
  const icmp = !(w & 0x10) && dlType === 0x0800 && !(w & 0x20) && nwProto === 1;
  if (!(w & 0x40)) c.print(`${pfx}match ${icmp ? "icmp_type" : "tp_src"} ${c.u16(cp + 36)}`);
  if (!(w & 0x80)) c.print(`${pfx}match ${icmp ? "icmp_code" : "tp_dst"} ${c.u16(cp + 38)}`);
  else c.need(cp + 38, 2);
}

function actions10(c: Ctx, pfx: string, cp: number, len: number): void {
  while (len) {
    if (len < 8) return invalid(c, cp, len);
    const type = c.u16(cp);
    c.print(`${pfx}action type ${tok(PAT, "invalid (0x%04x)", type)}`);
    const alen = c.u16(cp + 2);
    c.print(`, len ${alen}`);
    cp += 4, len -= 4;
    if (alen < 8 || alen > len + 4) return invalid(c, cp, len);
    let skip = false, bogus = false;
    if (type <= 3 || (type >= 6 && type <= 10)) bogus = alen !== 8;
    else if (type === 4 || type === 5 || type === 11) bogus = alen !== 16;
    else if (type === 0xffff) bogus = alen % 8 !== 0;
    else skip = true;
    if (bogus) {
      c.print(" (bogus)");
      skip = true;
    }
    if (skip) {
      c.need(cp, alen - 4);
      cp += alen - 4, len -= alen - 4;
      continue;
    }
    switch (type) {
      case 0: { // OUTPUT
        const port = c.u16(cp);
        c.print(`, port ${tok(PP10, "%u", port)}`);
        if (port === 0xfffd) c.print(`, max_len ${c.u16(cp + 2)}`);
        else c.need(cp + 2, 2);
        break;
      }
      case 1:
        c.print(`, vlan_vid ${vlanStr(c.u16(cp))}`);
        c.need(cp + 2, 2);
        break;
      case 2:
        c.print(`, vlan_pcp ${pcpStr(c.u8(cp))}`);
        c.need(cp + 1, 3);
        break;
      case 4:
      case 5:
        c.print(`, dl_addr ${c.mac(cp)}`);
        c.need(cp + 6, 6);
        break;
      case 6:
      case 7:
        c.print(`, nw_addr ${c.ip4(cp)}`);
        break;
      case 8:
        c.print(`, nw_tos 0x${c.u8(cp).toString(16).padStart(2, "0")}`);
        c.need(cp + 1, 3);
        break;
      case 9:
      case 10:
        c.print(`, tp_port ${c.u16(cp)}`);
        c.need(cp + 2, 2);
        break;
      case 11:
        c.print(`, port ${port10(c, cp)}`);
        c.print(`, queue_id ${tok(PQ, "%u", c.u32(cp + 8))}`);
        break;
      case 0xffff:
        vendor10(c, cp, alen - 4, bsnActions, true);
        break;
      case 3:
        c.need(cp, 4);
        break;
    }
    cp += alen - 4, len -= alen - 4;
  }
}

const featuresReply10: Body = (c, cp, len) => {
  c.print(`\n\t dpid 0x${hex64(c, cp)}`);
  c.print(`, n_buffers ${c.u32(cp + 8)}`);
  c.print(`, n_tables ${c.u8(cp + 12)}`);
  let v = c.u32(cp + 16);
  c.print(`\n\t capabilities 0x${hex8(v)}`);
  bitmap(c, CAP10, v, CAP10_A);
  v = c.u32(cp + 20);
  c.print(`\n\t actions 0x${hex8(v)}`);
  bitmap(c, PAT_BM, v, PAT_A);
  cp += 24, len -= 24;
  while (len) {
    if (len < 48) return invalid(c, cp, len);
    phyPort10(c, cp);
    cp += 48, len -= 48;
  }
};

const switchConfig10: Body = (c, cp) => {
  c.print(`\n\t flags ${tok(CONFIG, "invalid (0x%04x)", c.u16(cp))}`);
  c.print(`, miss_send_len ${c.u16(cp + 2)}`);
};

const flowMod10: Body = (c, cp, len) => {
  match10(c, "\n\t ", cp);
  cp += 40, len -= 40;
  c.print(`\n\t cookie 0x${hex64(c, cp)}`);
  const command = c.u16(cp + 8);
  c.print(`, command ${tok(PFC, "invalid (0x%04x)", command)}`);
  for (const [i, name] of ["idle_timeout", "hard_timeout", "priority"].entries()) {
    const v = c.u16(cp + 10 + 2 * i);
    if (v) c.print(`, ${name} ${v}`);
  }
  if (command <= 2) c.print(`, buffer_id ${tok(BUFFER_ID, "0x%08x", c.u32(cp + 16))}`);
  if (command === 3 || command === 4) c.print(`, out_port ${port10(c, cp + 20)}`);
  const flags = c.u16(cp + 22);
  c.print(`, flags 0x${flags.toString(16).padStart(4, "0")}`);
  bitmap(c, PFF, flags, 7);
  actions10(c, "\n\t ", cp + 24, len - 24);
};

const portMod10: Body = (c, cp) => {
  c.print(`\n\t port_no ${port10(c, cp)}`);
  c.print(`, hw_addr ${c.mac(cp + 2)}`);
  for (const [i, name] of ["config", "mask", "advertise"].entries()) {
    const v = c.u32(cp + 8 + 4 * i);
    c.print(`\n\t ${name} 0x${hex8(v)}`);
    if (i < 2) bitmap(c, PPC10, v, PPC10_A);
    else bitmap(c, PPF10, v, PPF10_A);
  }
  c.need(cp + 20, 4);
};

const queueGetConfigRequest10: Body = (c, cp) => {
  c.print(`\n\t port ${port10(c, cp)}`);
  c.need(cp + 2, 2);
};

const queueGetConfigReply10: Body = (c, cp, len) => {
  c.print(`\n\t port ${port10(c, cp)}`);
  c.need(cp + 2, 6);
  queues10(c, cp + 8, len - 8);
};

const statsRequest10: Body = (c, cp, len) => {
  const type = c.u16(cp);
  c.print(`\n\t type ${tok(PST, "invalid (0x%04x)", type)}`);
  const flags = c.u16(cp + 2);
  c.print(`, flags 0x${flags.toString(16).padStart(4, "0")}${flags ? " (bogus)" : ""}`);
  cp += 4, len -= 4;
  switch (type) {
    case 0:
    case 3:
      if (len) invalid(c, cp, len);
      return;
    case 1:
    case 2:
      if (len !== 44) return invalid(c, cp, len);
      match10(c, "\n\t ", cp);
      c.print(`\n\t table_id ${tok(TABLE_ID, "%u", c.u8(cp + 40))}`);
      c.print(`, out_port ${port10(c, cp + 42)}`);
      return;
    case 4:
      if (len !== 8) return invalid(c, cp, len);
      c.print(`\n\t port_no ${port10(c, cp)}`);
      c.need(cp + 2, 6);
      return;
    case 5:
      if (len !== 8) return invalid(c, cp, len);
      c.print(`\n\t port_no ${port10(c, cp)}`);
      c.print(`, queue_id ${tok(PQ, "%u", c.u32(cp + 4))}`);
      return;
    case 0xffff:
      vendor10(c, cp, len, dataPrint, true);
      return;
  }
};

function descString(c: Ctx, name: string, cp: number, n: number): void {
  c.print(`\n\t  ${name} '`);
  printjnpOut(c, cp, n);
  c.print("'");
}

const descStatsReply10: Body = (c, cp, len) => {
  if (len !== 1056) return invalid(c, cp, len);
  descString(c, "mfr_desc", cp, 256);
  descString(c, "hw_desc", cp + 256, 256);
  descString(c, "sw_desc", cp + 512, 256);
  descString(c, "serial_num", cp + 768, 32);
  descString(c, "dp_desc", cp + 800, 256);
};

const flowStatsReply10: Body = (c, cp, len) => {
  while (len) {
    if (len < 88) return invalid(c, cp, len);
    const entryLen = c.u16(cp);
    c.print(`\n\t length ${entryLen}`);
    if (entryLen < 88 || entryLen > len) return invalid(c, cp, len);
    c.print(`, table_id ${tok(TABLE_ID, "%u", c.u8(cp + 2))}`);
    match10(c, "\n\t  ", cp + 4);
    c.print(`\n\t  duration_sec ${c.u32(cp + 44)}`);
    c.print(`, duration_nsec ${c.u32(cp + 48)}`);
    c.print(`, priority ${c.u16(cp + 52)}`);
    c.print(`, idle_timeout ${c.u16(cp + 54)}`);
    c.print(`, hard_timeout ${c.u16(cp + 56)}`);
    c.print(`, cookie 0x${hex64(c, cp + 64)}`);
    c.print(`, packet_count ${u64(c, cp + 72)}`);
    c.print(`, byte_count ${u64(c, cp + 80)}`);
    actions10(c, "\n\t  ", cp + 88, entryLen - 88);
    cp += entryLen, len -= entryLen;
  }
};

const aggregateStatsReply10: Body = (c, cp, len) => {
  if (len !== 24) return invalid(c, cp, len);
  c.print(`\n\t packet_count ${u64(c, cp)}`);
  c.print(`, byte_count ${u64(c, cp + 8)}`);
  c.print(`, flow_count ${c.u32(cp + 16)}`);
  c.need(cp + 20, 4);
};

const tableStatsReply10: Body = (c, cp, len) => {
  while (len) {
    if (len < 64) return invalid(c, cp, len);
    c.print(`\n\t table_id ${tok(TABLE_ID, "%u", c.u8(cp))}, name '`);
    printjnpOut(c, cp + 4, 32);
    c.print("'");
    const w = c.u32(cp + 36);
    c.print(`\n\t  wildcards 0x${hex8(w)}`);
    bitmap(c, PFW, w, PFW_ALL);
    c.print(`\n\t  max_entries ${c.u32(cp + 40)}`);
    c.print(`, active_count ${c.u32(cp + 44)}`);
    c.print(`, lookup_count ${u64(c, cp + 48)}`);
    c.print(`, matched_count ${u64(c, cp + 56)}`);
    cp += 64, len -= 64;
  }
};

const PORT_STATS = [
  "rx_packets",
  "tx_packets",
  "rx_bytes",
  "tx_bytes",
  "rx_dropped",
  "tx_dropped",
  "rx_errors",
  "tx_errors",
  "rx_frame_err",
  "rx_over_err",
  "rx_crc_err",
  "collisions",
];
const portStatsReply10: Body = (c, cp, len) => {
  while (len) {
    if (len < 104) return invalid(c, cp, len);
    c.print(`\n\t  port_no ${port10(c, cp)}`);
    if (c.f.v < 2) c.need(cp + 2, 102);
    else {
      for (const [i, name] of PORT_STATS.entries()) {
        c.print(`, ${name} ${u64(c, cp + 8 + 8 * i)}`);
      }
    }
    cp += 104, len -= 104;
  }
};

const queueStatsReply10: Body = (c, cp, len) => {
  while (len) {
    if (len < 32) return invalid(c, cp, len);
    c.print(`\n\t  port_no ${port10(c, cp)}`);
    c.print(`, queue_id ${c.u32(cp + 4)}`);
    c.print(`, tx_bytes ${u64(c, cp + 8)}`);
    c.print(`, tx_packets ${u64(c, cp + 16)}`);
    c.print(`, tx_errors ${u64(c, cp + 24)}`);
    cp += 32, len -= 32;
  }
};

const STATS_REPLY10: Record<number, Body> = {
  0: descStatsReply10,
  1: flowStatsReply10,
  2: aggregateStatsReply10,
  3: tableStatsReply10,
  4: portStatsReply10,
  5: queueStatsReply10,
  0xffff: (c, cp, len) => vendor10(c, cp, len, dataPrint, true),
};

const statsReply10: Body = (c, cp, len) => {
  const type = c.u16(cp);
  c.print(`\n\t type ${tok(PST, "invalid (0x%04x)", type)}`);
  const flags = c.u16(cp + 2);
  c.print(`, flags 0x${flags.toString(16).padStart(4, "0")}`);
  bitmap(c, [[1, "MORE"]], flags, 1);
  const decoder = STATS_REPLY10[type];
  if (decoder) decoder(c, cp + 4, len - 4);
  else c.need(cp + 4, len - 4);
};

const packetOut10: Body = (c, cp, len) => {
  c.print(`\n\t buffer_id 0x${hex8(c.u32(cp))}`);
  c.print(`, in_port ${port10(c, cp + 4)}`);
  const actionsLen = c.u16(cp + 6);
  cp += 8, len -= 8;
  if (actionsLen > len) return invalid(c, cp, len);
  actions10(c, "\n\t ", cp, actionsLen);
  packetData10(c, cp + actionsLen, len - actionsLen);
};

const packetIn10: Body = (c, cp, len) => {
  c.print(`\n\t buffer_id ${tok(BUFFER_ID, "0x%08x", c.u32(cp))}`);
  c.print(`, total_len ${c.u16(cp + 4)}`);
  c.print(`, in_port ${port10(c, cp + 6)}`);
  c.print(`, reason ${tok(PR10, "invalid (0x%02x)", c.u8(cp + 8))}`);
  c.need(cp + 9, 1);
  packetData10(c, cp + 10, len - 10);
};

const flowRemoved10: Body = (c, cp) => {
  match10(c, "\n\t ", cp);
  cp += 40;
  c.print(`\n\t cookie 0x${hex64(c, cp)}`);
  const priority = c.u16(cp + 8);
  if (priority) c.print(`, priority ${priority}`);
  c.print(`, reason ${tok(PRR, "unknown (0x%02x)", c.u8(cp + 10))}`);
  c.print(`, duration_sec ${c.u32(cp + 12)}`);
  c.print(`, duration_nsec ${c.u32(cp + 16)}`);
  const idle = c.u16(cp + 20);
  if (idle) c.print(`, idle_timeout ${idle}`);
  c.print(`, packet_count ${u64(c, cp + 24)}`);
  c.print(`, byte_count ${u64(c, cp + 32)}`);
};

const portStatus10: Body = (c, cp) => {
  c.print(`\n\t reason ${tok(PPR, "invalid (0x%02x)", c.u8(cp))}`);
  phyPort10(c, cp + 8);
};

function errorBody(
  types: Record<number, string>,
  codes: Record<number, Record<number, string>>,
): Body {
  return (c, cp, len) => {
    const type = c.u16(cp);
    c.print(`\n\t type ${tok(types, "invalid (0x%04x)", type)}`);
    const code = c.u16(cp + 2);
    const table = codes[type];
    c.print(
      `, code ${table ? tok(table, "invalid (0x%04x)", code) : fmt("invalid (0x%04x)", code)}`,
    );
    dataPrint(c, cp + 4, len - 4);
  };
}

const m = (name: string, decoder: Body | undefined, req: Req, value = 0): MsgType => ({
  name,
  decoder,
  req,
  value,
});
const MSG10: MsgType[] = [
  m("HELLO", dataPrint, MINLEN),
  m("ERROR", errorBody(PET10, CODES10), MINLEN, 4),
  m("ECHO_REQUEST", dataPrint, MINLEN),
  m("ECHO_REPLY", dataPrint, MINLEN),
  m("VENDOR", (c, cp, len) => vendor10(c, cp, len, bsnMessage, false), MINLEN, 4),
  m("FEATURES_REQUEST", undefined, FIXLEN),
  m("FEATURES_REPLY", featuresReply10, MINLEN, 24),
  m("GET_CONFIG_REQUEST", undefined, FIXLEN),
  m("GET_CONFIG_REPLY", switchConfig10, FIXLEN, 4),
  m("SET_CONFIG", switchConfig10, FIXLEN, 4),
  m("PACKET_IN", packetIn10, MINLEN, 10),
  m("FLOW_REMOVED", flowRemoved10, FIXLEN, 80),
  m("PORT_STATUS", portStatus10, FIXLEN, 56),
  m("PACKET_OUT", packetOut10, MINLEN, 8),
  m("FLOW_MOD", flowMod10, MINLEN, 64),
  m("PORT_MOD", portMod10, FIXLEN, 24),
  m("STATS_REQUEST", statsRequest10, MINLEN, 4),
  m("STATS_REPLY", statsReply10, MINLEN, 4),
  m("BARRIER_REQUEST", undefined, FIXLEN),
  m("BARRIER_REPLY", undefined, FIXLEN),
  m("QUEUE_GET_CONFIG_REQUEST", queueGetConfigRequest10, FIXLEN, 4),
  m("QUEUE_GET_CONFIG_REPLY", queueGetConfigReply10, MINLEN, 8),
];

// ---- OpenFlow 1.3 -------------------------------------------------------------------------

const CAP13: Bits = [
  [1 << 0, "FLOW_STATS"],
  [1 << 1, "TABLE_STATS"],
  [1 << 2, "PORT_STATS"],
  [1 << 3, "GROUP_STATS"],
  [1 << 5, "IP_REASM"],
  [1 << 6, "QUEUE_STATS"],
  [1 << 8, "PORT_BLOCKED"],
];
const CAP13_A = 0x16f;
const PTT: Record<number, string> = { 0xfe: "MAX", 0xff: "ALL" };
const PCML: Record<number, string> = { 0xffe5: "MAX", 0xffff: "NO_BUFFER" };
const PPC13: Bits = [[1, "PORT_DOWN"], [4, "NO_RECV"], [32, "NO_FWD"], [64, "NO_PACKET_IN"]];
const PPC13_A = 0x65;
const PPS13: Bits = [[1, "LINK_DOWN"], [2, "BLOCKED"], [4, "LIVE"]];
const PPF13: Bits = [
  "10MB_HD",
  "10MB_FD",
  "100MB_HD",
  "100MB_FD",
  "1GB_HD",
  "1GB_FD",
  "10GB_FD",
  "40GB_FD",
  "100GB_FD",
  "1TB_FD",
  "OTHER",
  "COPPER",
  "FIBER",
  "AUTONEG",
  "PAUSE",
  "PAUSE_ASYM",
].map((name, i) => [1 << i, name] as const);
const PHET: Record<number, string> = { 1: "VERSIONBITMAP" };
const PP13: Record<number, string> = {
  0xffffff00: "MAX",
  0xfffffff8: "IN_PORT",
  0xfffffff9: "TABLE",
  0xfffffffa: "NORMAL",
  0xfffffffb: "FLOOD",
  0xfffffffc: "ALL",
  0xfffffffd: "CONTROLLER",
  0xfffffffe: "LOCAL",
  0xffffffff: "ANY",
};
const PCR: Record<number, string> = { 0: "NOCHANGE", 1: "EQUAL", 2: "MASTER", 3: "SLAVE" };
const VERBM: Bits = ["1.0", "1.1", "1.2", "1.3", "1.4", "1.5"].map((n, i) => [1 << i, n] as const);
const ASYNC_PR: Bits = [[1, "NO_MATCH"], [2, "ACTION"], [4, "INVALID_TTL"]];
const ASYNC_PPR: Bits = [[1, "ADD"], [2, "DELETE"], [4, "MODIFY"]];
const PET13: Record<number, string> = {
  ...names(
    "HELLO_FAILED",
    "BAD_REQUEST",
    "BAD_ACTION",
    "BAD_INSTRUCTION",
    "BAD_MATCH",
    "FLOW_MOD_FAILED",
    "GROUP_MOD_FAILED",
    "PORT_MOD_FAILED",
    "TABLE_MOD_FAILED",
    "QUEUE_OP_FAILED",
    "SWITCH_CONFIG_FAILED",
    "ROLE_REQUEST_FAILED",
    "METER_MOD_FAILED",
    "TABLE_FEATURES_FAILED",
  ),
  0xffff: "EXPERIMENTER",
};
const CODES13: Record<number, Record<number, string>> = {
  0: HFC,
  1: names(
    "BAD_VERSION",
    "BAD_TYPE",
    "BAD_MULTIPART",
    "BAD_EXPERIMENTER",
    "BAD_EXP_TYPE",
    "EPERM",
    "BAD_LEN",
    "BUFFER_EMPTY",
    "BUFFER_UNKNOWN",
    "BAD_TABLE_ID",
    "IS_SLAVE",
    "BAD_PORT",
    "BAD_PACKET",
    "MULTIPART_BUFFER_OVERFLOW",
  ),
  2: names(
    "BAD_TYPE",
    "BAD_LEN",
    "BAD_EXPERIMENTER",
    "BAD_EXP_TYPE",
    "BAD_OUT_PORT",
    "BAD_ARGUMENT",
    "EPERM",
    "TOO_MANY",
    "BAD_QUEUE",
    "BAD_OUT_GROUP",
    "MATCH_INCONSISTENT",
    "UNSUPPORTED_ORDER",
    "BAD_TAG",
    "BAD_SET_TYPE",
    "BAD_SET_LEN",
    "BAD_SET_ARGUMENT",
  ),
  3: names(
    "UNKNOWN_INST",
    "UNSUP_INST",
    "BAD_TABLE_ID",
    "UNSUP_METADATA",
    "UNSUP_METADATA_MASK",
    "BAD_EXPERIMENTER",
    "BAD_EXP_TYPE",
    "BAD_LEN",
    "EPERM",
  ),
  4: names(
    "BAD_TYPE",
    "BAD_LEN",
    "BAD_TAG",
    "BAD_DL_ADDR_MASK",
    "BAD_NW_ADDR_MASK",
    "BAD_WILDCARDS",
    "BAD_FIELD",
    "BAD_VALUE",
    "BAD_MASK",
    "BAD_PREREQ",
    "DUP_FIELD",
    "EPERM",
  ),
  5: names(
    "UNKNOWN",
    "TABLE_FULL",
    "BAD_TABLE_ID",
    "OVERLAP",
    "EPERM",
    "BAD_TIMEOUT",
    "BAD_COMMAND",
    "BAD_FLAGS",
  ),
  6: names(
    "GROUP_EXISTS",
    "INVALID_GROUP",
    "WEIGHT_UNSUPPORTED",
    "OUT_OF_GROUPS",
    "OUT_OF_BUCKETS",
    "CHAINING_UNSUPPORTED",
    "WATCH_UNSUPPORTED",
    "LOOP",
    "UNKNOWN_GROUP",
    "CHAINED_GROUP",
    "BAD_TYPE",
    "BAD_COMMAND",
    "BAD_BUCKET",
    "BAD_MATCH",
    "EPERM",
  ),
  7: names("BAD_PORT", "BAD_HW_ADDR", "BAD_CONFIG", "BAD_ADVERTISE", "EPERM"),
  8: names("BAD_TABLE", "BAD_CONFIG", "EPERM"),
  9: names("BAD_PORT", "BAD_QUEUE", "EPERM"),
  10: names("BAD_FLAGS", "BAD_LEN", "EPERM"),
  11: names("STALE", "UNSUP", "BAD_ROLE"),
  12: names(
    "UNKNOWN",
    "METER_EXISTS",
    "INVALID_METER",
    "UNKNOWN_METER",
    "BAD_COMMAND",
    "BAD_FLAGS",
    "BAD_RATE",
    "BAD_BURST",
    "BAD_BAND",
    "BAD_BAND_VALUE",
    "OUT_OF_METERS",
    "OUT_OF_BANDS",
  ),
  13: names("BAD_TABLE", "BAD_METADATA", "BAD_TYPE", "BAD_LEN", "BAD_ARGUMENT", "EPERM"),
};
const port13 = (c: Ctx, off: number) => tok(PP13, "%u", c.u32(off));

function port13Print(c: Ctx, cp: number): void {
  c.print(`\n\t  port_no ${port13(c, cp)}`);
  c.print(`, hw_addr ${c.mac(cp + 8)}`);
  c.print(`, name '`);
  printjnpOut(c, cp + 16, 16);
  c.print("'");
  cp += 32;
  if (c.f.v < 2) return c.need(cp, 32);
  let v = c.u32(cp);
  c.print(`\n\t   config 0x${hex8(v)}`);
  bitmap(c, PPC13, v, PPC13_A);
  v = c.u32(cp + 4);
  c.print(`\n\t   state 0x${hex8(v)}`);
  bitmap(c, PPS13, v, 7);
  for (const [i, name] of ["curr", "advertised", "supported", "peer"].entries()) {
    v = c.u32(cp + 8 + 4 * i);
    c.print(`\n\t   ${name} 0x${hex8(v)}`);
    bitmap(c, PPF13, v, 0xffff);
  }
  c.print(`\n\t   curr_speed ${c.u32(cp + 24)}kbps`);
  c.print(`\n\t   max_speed ${c.u32(cp + 28)}kbps`);
}

const featuresReply13: Body = (c, cp) => {
  c.print(`\n\t dpid 0x${hex64(c, cp)}`);
  c.print(`, n_buffers ${c.u32(cp + 8)}`);
  c.print(`, n_tables ${c.u8(cp + 12)}`);
  c.print(`, auxiliary_id ${c.u8(cp + 13)}`);
  const v = c.u32(cp + 16);
  c.print(`\n\t capabilities 0x${hex8(v)}`);
  bitmap(c, CAP13, v, CAP13_A);
  c.need(cp + 20, 4);
};

const switchConfig13: Body = (c, cp) => {
  c.print(`\n\t flags ${tok(CONFIG, "invalid (0x%04x)", c.u16(cp))}`);
  c.print(`, miss_send_len ${tok(PCML, "%u", c.u16(cp + 2))}`);
};

const tableMod13: Body = (c, cp) => {
  c.print(`\n\t table_id ${tok(PTT, "%u", c.u8(cp))}`);
  c.print(`, config 0x${hex8(c.u32(cp + 4))}`);
};

const roleMsg13: Body = (c, cp) => {
  c.print(`\n\t role ${tok(PCR, "invalid (0x%08x)", c.u32(cp))}`);
  c.print(`, generation_id 0x${hex64(c, cp + 8)}`);
};

const asyncMsg13: Body = (c, cp) => {
  const masks = ["packet_in_mask", "port_status_mask", "flow_removed_mask"];
  for (let i = 0; i < 6; i++) {
    const v = c.u32(cp + 4 * i);
    c.print(`\n\t ${masks[i >> 1]}[${i & 1 ? "S" : "EM"}] 0x${hex8(v)}`);
    bitmap(c, i < 2 ? ASYNC_PR : ASYNC_PPR, v, 7);
  }
};

const portMod13: Body = (c, cp) => {
  c.print(`\n\t port_no ${port13(c, cp)}`);
  c.print(`, hw_addr ${c.mac(cp + 8)}`);
  for (const [i, name] of ["config", "mask", "advertise"].entries()) {
    const v = c.u32(cp + 16 + 4 * i);
    c.print(`\n\t  ${name} 0x${hex8(v)}`);
    if (i < 2) bitmap(c, PPC13, v, PPC13_A);
    else bitmap(c, PPF13, v, 0xffff);
  }
  c.need(cp + 28, 4);
};

const portStatus13: Body = (c, cp) => {
  // tcpdump's fallback format here has no conversion: it prints "invalid (0x02x)" as is
  c.print(`\n\t reason ${tok(PPR, "invalid (0x02x)", c.u8(cp))}`);
  port13Print(c, cp + 8);
};

const helloElements13: Body = (c, cp, len) => {
  while (len) {
    if (len < 4) return invalid(c, cp, len);
    const type = c.u16(cp);
    c.print(`\n\t type ${tok(PHET, "unknown (0x%04x)", type)}`);
    const bmlen = c.u16(cp + 2);
    c.print(`, length ${bmlen}`);
    cp += 4, len -= 4;
    if (bmlen < 4 || bmlen > 4 + len) return invalid(c, cp, len);
    if (type === 1 && bmlen === 8) {
      const bm = c.u32(cp);
      c.print(`, bitmap 0x${hex8(bm)}`);
      bitmap(c, VERBM, bm, 0x3f);
    } else {
      if (type === 1) c.print(" (bogus)");
      c.need(cp, bmlen - 4);
    }
    cp += bmlen - 4, len -= bmlen - 4;
  }
};

const experimenter13: Body = (c, cp, len) => {
  const exp = c.u32(cp);
  c.print(`\n\t experimenter 0x${hex8(exp)} (${vendorName(exp)})`);
  c.print(`, exp_type 0x${hex8(c.u32(cp + 4))}`);
  dataPrint(c, cp + 8, len - 8);
};

const queueGetConfigRequest13: Body = (c, cp) => {
  c.print(`\n\t port ${port13(c, cp)}`);
  c.need(cp + 4, 4);
};

const MSG13: MsgType[] = [
  m("HELLO", helloElements13, MINLEN),
  m("ERROR", errorBody(PET13, CODES13), MINLEN, 4),
  m("ECHO_REQUEST", dataPrint, MINLEN),
  m("ECHO_REPLY", dataPrint, MINLEN),
  m("EXPERIMENTER", experimenter13, MINLEN, 8),
  m("FEATURES_REQUEST", undefined, FIXLEN),
  m("FEATURES_REPLY", featuresReply13, FIXLEN, 24),
  m("GET_CONFIG_REQUEST", undefined, FIXLEN),
  m("GET_CONFIG_REPLY", switchConfig13, FIXLEN, 4),
  m("SET_CONFIG", switchConfig13, FIXLEN, 4),
  m("PACKET_IN", undefined, NONE),
  m("FLOW_REMOVED", undefined, NONE),
  m("PORT_STATUS", portStatus13, FIXLEN, 72),
  m("PACKET_OUT", undefined, NONE),
  m("FLOW_MOD", undefined, NONE),
  m("GROUP_MOD", undefined, NONE),
  m("PORT_MOD", portMod13, FIXLEN, 32),
  m("TABLE_MOD", tableMod13, FIXLEN, 8),
  m("MULTIPART_REQUEST", undefined, NONE),
  m("MULTIPART_REPLY", undefined, NONE),
  m("BARRIER_REQUEST", undefined, FIXLEN),
  m("BARRIER_REPLY", undefined, FIXLEN),
  m("QUEUE_GET_CONFIG_REQUEST", queueGetConfigRequest13, FIXLEN, 8),
  m("QUEUE_GET_CONFIG_REPLY", undefined, NONE),
  m("ROLE_REQUEST", roleMsg13, FIXLEN, 16),
  m("ROLE_REPLY", roleMsg13, FIXLEN, 16),
  m("GET_ASYNC_REQUEST", undefined, FIXLEN),
  m("GET_ASYNC_REPLY", asyncMsg13, FIXLEN, 24),
  m("SET_ASYNC", asyncMsg13, FIXLEN, 24),
  m("METER_MOD", undefined, NONE),
];

// ---- the messages of a segment ------------------------------------------------------------

/** of_message_print(): the body's length rule, then its printer at -v. */
function messageBody(c: Ctx, cp: number, len: number, mt: MsgType | undefined): void {
  if (
    mt &&
    ((mt.req === FIXLEN && len !== mt.value) || (mt.req === MINLEN && len < mt.value))
  ) {
    return invalid(c, cp, len);
  }
  if (!mt || !c.f.v || !mt.decoder) return c.need(cp, len);
  mt.decoder(c, cp, len);
}

/** openflow_print(): the OpenFlow messages of `len` bytes of TCP payload at `cp`. */
export function openflowPrint(c: Ctx, cp: number, len: number): void {
  c.proto = "openflow";
  c.print(": OpenFlow");
  while (len > 0) {
    const version = c.u8(cp);
    cp++, len--;
    c.print(`\n\tversion ${tok(VERSION, "unknown (0x%02x)", version)}`);
    if (len < 1) return partialHeader(c, cp, len);
    const type = c.u8(cp);
    cp++, len--;
    const mt = version === 1 ? MSG10[type] : version === 4 ? MSG13[type] : undefined;
    c.print(mt ? `, type ${mt.name}` : `, type unknown (0x${type.toString(16).padStart(2, "0")})`);
    if (len < 2) return partialHeader(c, cp, len);
    const length = c.u16(cp);
    cp += 2, len -= 2;
    c.print(`, length ${length}${length < 8 ? " (too short!)" : ""}`);
    if (len < 4) return partialHeader(c, cp, len);
    c.print(`, xid 0x${hex8(c.u32(cp))}`);
    cp += 4, len -= 4;
    if (length < 8) return invalid(c, cp, len);
    messageBody(c, cp, length - 8, mt);
    if (length - 8 > len) break;
    cp += length - 8, len -= length - 8;
  }
}

function partialHeader(c: Ctx, cp: number, len: number): void {
  c.print(" (end of TCP payload)");
  c.need(cp, len);
}
