// Names IS-IS prints (print-isoclns.c's tables): PDU and TLV types, sub-TLVs, flags.

export const NLPID: Record<number, string> = {
  0x00: "NULL",
  0x08: "Q.933",
  0x09: "LMI",
  0x80: "SNAP",
  0x81: "CLNP",
  0x82: "ES-IS",
  0x83: "IS-IS",
  0x84: "CONS",
  0x85: "IDRP",
  0xc1: "ISIS_SPB",
  0xb1: "FRF.15",
  0xcc: "IPv4",
  0xcf: "PPP",
  0x8a: "X25 ES-IS",
  0x8e: "IPv6",
};
export const PDU: Record<number, string> = {
  15: "L1 Lan IIH",
  16: "L2 Lan IIH",
  17: "p2p IIH",
  18: "L1 LSP",
  20: "L2 LSP",
  24: "L1 CSNP",
  25: "L2 CSNP",
  26: "L1 PSNP",
  27: "L2 PSNP",
};
export const TLV: Record<number, string> = {
  1: "Area address(es)",
  2: "IS Reachability",
  3: "ES Neighbor(s)",
  4: "Partition DIS",
  5: "Prefix Neighbors",
  6: "IS Neighbor(s)",
  7: "Instance Identifier",
  8: "Padding",
  9: "LSP entries",
  10: "Authentication",
  12: "Checksum",
  13: "Purge Originator Identifier",
  14: "LSP Buffersize",
  22: "Extended IS Reachability",
  24: "IS Alias ID",
  42: "DECnet Phase IV",
  66: "Lucent Proprietary",
  128: "IPv4 Internal Reachability",
  129: "Protocols supported",
  130: "IPv4 External Reachability",
  131: "Inter-Domain Information Type",
  132: "IPv4 Interface address(es)",
  133: "IPv4 authentication (deprecated)",
  134: "Traffic Engineering Router ID",
  135: "Extended IPv4 Reachability",
  137: "Hostname",
  138: "Shared Risk Link Group",
  143: "Multi-Topology-Aware Port Capability",
  144: "Multi-Topology Capability",
  176: "Nortel Proprietary",
  177: "Nortel Proprietary",
  211: "Restart Signaling",
  222: "Multi Topology IS Reachability",
  229: "Multi Topology",
  232: "IPv6 Interface address(es)",
  235: "Multi-Topology IPv4 Reachability",
  236: "IPv6 reachability",
  237: "Multi-Topology IP6 Reachability",
  240: "Point-to-point Adjacency State",
  241: "Hello PDU Sequence Number",
  242: "IS-IS Router Capability",
  250: "Vendor Private",
};
export const EXT_IS_SUB: Record<number, string> = {
  3: "Administrative groups",
  4: "Link Local/Remote Identifier",
  5: "Link Remote Identifier",
  6: "IPv4 interface address",
  8: "IPv4 neighbor address",
  9: "Maximum link bandwidth",
  10: "Reservable link bandwidth",
  11: "Unreserved bandwidth",
  12: "Bandwidth Constraints (old)",
  18: "Traffic Engineering Metric",
  19: "Link Attribute",
  20: "Link Protection Type",
  21: "Interface Switching Capability",
  22: "Bandwidth Constraints",
  32: "LAN Adjacency Segment Identifier",
  29: "SPB Metric",
  250: "Reserved for cisco specific extensions",
  251: "Reserved for cisco specific extensions",
  252: "Reserved for cisco specific extensions",
  253: "Reserved for cisco specific extensions",
  254: "Reserved for cisco specific extensions",
  255: "Reserved for future expansion",
};
export const EXT_IP_SUB: Record<number, string> = {
  1: "32-Bit Administrative tag",
  2: "64-Bit Administrative tag",
  3: "Prefix SID",
  117: "Management Prefix Color",
};
export const PREFIX_SID_FLAGS = [
  [0x80, "Readvertisement"],
  [0x40, "Node"],
  [0x20, "No-PHP"],
  [0x10, "Explicit NULL"],
  [0x08, "Value"],
  [0x04, "Local"],
] as const;
export const LINK_ATTR = [
  [0x01, "Local Protection Available"],
  [0x02, "Link excluded from local protection path"],
  [0x04, "Local maintenance required"],
] as const;
export const LINK_PROT = [
  [0x01, "Extra Traffic"],
  [0x02, "Unprotected"],
  [0x04, "Shared"],
  [0x08, "Dedicated 1:1"],
  [0x10, "Dedicated 1+1"],
  [0x20, "Enhanced"],
  [0x40, "Reserved"],
  [0x80, "Reserved"],
] as const;
export const BC_MODEL: Record<number, string> = {
  0: "Russian dolls",
  1: "Maximum allocation",
  2: "Maximum allocation with E-LSP support",
};
export const AUTH: Record<number, string> = {
  1: "simple text password",
  3: "Generic Crypto key-id",
  54: "HMAC-MD5 password",
  255: "Routing Domain private password",
};
export const MT: Record<number, string> = {
  0: "IPv4 unicast",
  1: "In-Band Management",
  2: "IPv6 unicast",
  3: "Multicast",
  4095: "Development, Experimental or Proprietary",
};
export const MT_FLAGS = [[0x4000, "ATT bit set"], [0x8000, "Overload bit set"]] as const;
export const CIRCUIT: Record<number, string> = {
  1: "Level 1 only",
  2: "Level 2 only",
  3: "Level 1, Level 2",
};
export const IS_TYPE: Record<number, string> = {
  0: "Unused 0x0 (invalid)",
  1: "L1 IS",
  2: "Unused 0x2 (invalid)",
  3: "L2 IS",
};
export const PTP_ADJ: Record<number, string> = { 0: "Up", 1: "Initializing", 2: "Down" };
export const RESTART_FLAGS = [
  [0x1, "Restart Request"],
  [0x2, "Restart Acknowledgement"],
  [0x4, "Suppress adjacency advertisement"],
] as const;
export const ROUTER_CAP_FLAGS = [[0x01, "S bit"], [0x02, "D bit"]] as const;
export const SR_FLAGS = [[0x80, "ipv4"], [0x40, "ipv6"]] as const;
export const IDRP: Record<number, string> = {
  0: "Reserved",
  1: "Routing-Domain Specific",
  2: "AS Number Tag",
};
