// Vocabulary tables shared by the routing printers (tcpdump's af.c and l2vpn.c): address family
// numbers (RFC 1700 / IANA), BGP layer-2 encapsulation types (RFC 6624) and MPLS pseudowire
// types (RFC 4446), with the names tcpdump prints.

/** af_values: IANA address family numbers. */
export const AF: Record<number, string> = {
  0: "Reserved",
  1: "IPv4",
  2: "IPv6",
  3: "NSAP",
  4: "HDLC",
  5: "BBN 1822",
  6: "802",
  7: "E.163",
  8: "E.164",
  9: "F.69",
  10: "X.121",
  11: "Novell IPX",
  12: "Appletalk",
  13: "Decnet IV",
  14: "Banyan Vines",
  15: "E.164 with NSAP subaddress",
  25: "VPLS",
  196: "Layer-2 VPN",
};

/** l2vpn_encaps_values of tcpdump 4.99: BGP layer-2 encapsulation types (read from its output). */
export const L2VPN_ENCAPS: Record<number, string> = {
  0: "Reserved",
  1: "Frame Relay",
  2: "ATM AAL5 SDU VCC transport",
  3: "ATM transparent cell transport",
  4: "Ethernet (VLAN) Tagged Mode",
  5: "Ethernet Raw Mode",
  6: "Cisco HDLC",
  7: "PPP",
  8: "SONET/SDH Circuit Emulation Service over MPLS",
  9: "ATM n-to-one VCC cell transport",
  10: "ATM n-to-one VPC cell transport",
  11: "IP layer 2 transport",
  15: "Frame Relay Port mode",
  17: "Structure-agnostic E1 over packet",
  18: "Structure-agnostic T1 (DS1) over packet",
  19: "VPLS",
  20: "Structure-agnostic T3 (DS3) over packet",
  21: "Nx64kbit/s Basic Service using Structure-aware",
  25: "Frame Relay DLCI",
};

/** mpls_pw_types_values: MPLS pseudowire types. */
export const PW_TYPE: Record<number, string> = {
  0x00: "Reserved",
  0x01: "Frame Relay DLCI (Martini Mode)",
  0x02: "ATM AAL5 SDU VCC transport",
  0x03: "ATM transparent cell transport",
  0x04: "Ethernet VLAN",
  0x05: "Ethernet",
  0x06: "Cisco-HDLC",
  0x07: "PPP",
  0x08: "SONET/SDH Circuit Emulation Service over MPLS",
  0x09: "ATM n-to-one VCC cell transport",
  0x0a: "ATM n-to-one VPC cell transport",
  0x0b: "IP Layer2 Transport",
  0x0c: "ATM one-to-one VCC Cell Mode",
  0x0d: "ATM one-to-one VPC Cell Mode",
  0x0e: "ATM AAL5 PDU VCC transport",
  0x0f: "Frame-Relay Port mode",
  0x10: "SONET/SDH Circuit Emulation over Packet",
  0x11: "Structure-agnostic E1 over Packet",
  0x12: "Structure-agnostic T1 (DS1) over Packet",
  0x13: "Structure-agnostic E3 over Packet",
  0x14: "Structure-agnostic T3 (DS3) over Packet",
  0x15: "CESoPSN basic mode",
  0x16: "TDMoIP basic mode",
  0x17: "CESoPSN TDM with CAS",
  0x18: "TDMoIP TDM with CAS",
  0x19: "Frame Relay DLCI",
  0x40: "IP-interworking",
};
