/**
 * tpacket: live packet capture for Deno on Linux, the way libpcap does it.
 *
 * An `AF_PACKET` socket with a memory-mapped `TPACKET_V3` ring (or a
 * `TPACKET_V2` ring in immediate mode), read with zero copies while Deno's
 * event loop keeps running; a tcpdump-compatible filter compiler; protocol
 * decoders; a tcpdump-compatible printer; pcap and pcapng files.
 *
 * Importing this module never loads a native library: FFI is opened on the
 * first {@linkcode openCapture} or {@linkcode listDevices} call.
 *
 * @example Capture ten DNS packets (needs root or CAP_NET_RAW)
 * ```ts ignore
 * import { openCapture } from "@tpacket/tpacket";
 *
 * using capture = openCapture("eth0", { filter: "udp port 53" });
 * await capture.loop((frame) => console.log(frame.wireLen), { count: 10 });
 * ```
 *
 * @example Compile a filter like tcpdump -d (no privileges)
 * ```ts
 * import { compileFilter, formatProgram } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 *
 * const listing = formatProgram(compileFilter("arp"), "d");
 * assert.match(listing, /jeq +#0x806/);
 * ```
 *
 * @module
 */
export * from "./link_type.ts";
export * from "./address.ts";
export * from "./record.ts";
export * from "./capture/mod.ts";
export * from "./devices.ts";
export { type DiagSocket, listInetSockets } from "./ffi/sock_diag.ts";
export { openUdpSender, type UdpSender } from "./ffi/udp.ts";
export type { Batch, Frame, FrameOptions, Packet, RingCounters } from "./ring/mod.ts";
// The views, the walker and the builders; offset tables (`IPV4_FIELD`, `*_HEADER_LEN`) and the
// walker's limits stay in "@tpacket/tpacket/decode".
export {
  ARP_OP,
  type ArpHeader,
  type ArpLayer,
  ArpView,
  type BuildLayer,
  type BuildOption,
  buildPacket,
  DecodeError,
  decodeFrame,
  type DecodeIssue,
  decodePacket,
  type DecodeReason,
  describeIssue,
  type DnsHeader,
  type DnsLayer,
  type DnsQuestion,
  type DnsQuestionInput,
  type DnsRdata,
  type DnsRecord,
  type DnsRecordInput,
  type DnsSections,
  DnsView,
  type EthernetHeader,
  type EthernetLayer,
  EthernetView,
  fragmentIpv4,
  fragmentIpv6,
  type FragmentIpv6Options,
  ICMP_TYPE,
  type IcmpHeader,
  type IcmpLayer,
  ICMPV6_TYPE,
  type Icmpv6Header,
  type Icmpv6Layer,
  Icmpv6View,
  IcmpView,
  IPV4_OPTION,
  type Ipv4Header,
  type Ipv4Input,
  type Ipv4Layer,
  type Ipv4Option,
  type Ipv4OptionHeader,
  Ipv4View,
  type Ipv6ExtensionHeader,
  type Ipv6ExtensionLayer,
  Ipv6ExtensionView,
  type Ipv6Header,
  type Ipv6Input,
  type Ipv6Layer,
  type Ipv6Option,
  Ipv6View,
  isIcmpError,
  isIcmpv6Error,
  isIpv6Extension,
  type Layer,
  type LayerHeader,
  Layers,
  LLC_SAP,
  type LlcHeader,
  LlcView,
  type MacInput,
  type Mld2Record,
  ND_OPTION,
  type NdOption,
  type NdOptionHeader,
  NULL_FAMILY,
  type NullHeader,
  NullView,
  type PacketJson,
  packetToJson,
  type PayloadLayer,
  type Sll2Header,
  Sll2View,
  SLL_PKTTYPE,
  SLL_PROTOCOL,
  type SllHeader,
  SllView,
  TCP_FLAG,
  type TcpHeader,
  type TcpLayer,
  type TcpOption,
  type TcpOptionHeader,
  TcpView,
  type UdpHeader,
  type UdpLayer,
  UdpView,
  type VlanHeader,
  type VlanLayer,
  VlanView,
  writePacket,
} from "./decode/mod.ts";
export * from "./protocols.ts";
// The filter's main entry points; instruction constructors and BPF_* constants stay in
// "@tpacket/tpacket/filter", so short names like `ld` and `ret` do not crowd the top level.
export {
  type BpfAncillary,
  type BpfInstruction,
  type BpfProgram,
  compileFilter,
  type CompileOptions,
  FilterSyntaxError,
  formatProgram,
  runFilter,
  validateProgram,
} from "./filter/mod.ts";
export * from "./pcap/mod.ts";
export * from "./print/mod.ts";
