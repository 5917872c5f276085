/**
 * The syntax tree the parser builds and the code generator walks.
 *
 * @module
 */

/** Protocol qualifier keyword (`ether`, `ip`, `tcp`, ...), as the lexer normalises it. */
export type ProtoQual = string;
/** Direction qualifier (the last six name 802.11 address fields). */
export type DirQual =
  | "src"
  | "dst"
  | "src or dst"
  | "src and dst"
  | "addr1"
  | "addr2"
  | "addr3"
  | "addr4"
  | "ra"
  | "ta";
/** Address-kind qualifier. */
export type AddrQual = "host" | "net" | "port" | "portrange" | "proto" | "protochain" | "gateway";

/** Qualifiers in force for an identifier; a missing field is libpcap's `Q_DEFAULT`. */
export interface Qualifiers {
  /** Protocol qualifier. */
  proto?: ProtoQual;
  /** Direction qualifier. */
  dir?: DirQual;
  /** Address-kind qualifier. */
  addr?: AddrQual;
}

/** The value part of a qualified primitive. */
export type IdValue =
  | { kind: "num"; value: number }
  | { kind: "hid"; text: string; len?: number; mask?: string }
  | { kind: "hid6"; text: string; len?: number }
  | { kind: "eid"; text: string }
  | { kind: "name"; text: string };

/** An arithmetic expression (packet data, lengths, constants). */
export type Arith =
  | { type: "num"; value: number }
  | { type: "len" }
  | { type: "load"; proto: ProtoQual; index: Arith; size: number; offset: number }
  | { type: "bin"; op: string; left: Arith; right: Arith; offset: number }
  | { type: "neg"; expr: Arith };

/** A node of the boolean expression. */
export type Node =
  | { type: "and" | "or"; left: Node; right: Node }
  | { type: "not"; expr: Node }
  | { type: "id"; q: Qualifiers; value: IdValue; offset: number }
  | { type: "pname"; proto: ProtoQual; offset: number }
  | { type: "rel"; op: string; left: Arith; right: Arith; offset: number }
  | { type: "broadcast" | "multicast"; proto?: ProtoQual; offset: number }
  | { type: "less" | "greater"; value: number; offset: number }
  | { type: "vlan" | "mpls" | "geneve" | "vxlan"; value?: number; offset: number }
  | { type: "wlan"; field: "type" | "dir"; value: number; mask: number; offset: number }
  | { type: "pppoes"; value?: number; offset: number }
  | { type: "pppoed"; offset: number }
  | { type: "llc"; kind?: string; offset: number }
  | { type: "inbound" | "outbound"; offset: number }
  | { type: "ifindex"; value: number; offset: number }
  | { type: "byte"; index: number; op: string; value: number; offset: number };
