// The printer's golden corpus: for each link type and protocol, packets built from the RFCs
// (generated variants included). tcpdump's text for them is in tests/testdata/print/golden/.

import { ipv6, type Packet, tcp4, udp4, udp6 } from "./_build.ts";
import { prng } from "../_prng.ts";
import type { Case } from "./_golden.ts";
import { LINK_CASES } from "./_corpus_link.ts";
import { WIFI_CASES } from "./_corpus_wifi.ts";
import { L2_CASES } from "./_corpus_l2.ts";
import { ROUTING_CASES } from "./_corpus_routing.ts";
import { APP_CASES } from "./_corpus_app.ts";
import { APP2_CASES } from "./_corpus_app2.ts";
import { NET_CASES } from "./_corpus_net.ts";
import { PIM_CASES } from "./_corpus_pim.ts";
import { OSPF6_CASES } from "./_corpus_ospf6.ts";
import { ISIS_CASES } from "./_corpus_isis.ts";
import { BGP_CASES } from "./_corpus_bgp.ts";
import { PTP_CASES } from "./_corpus_ptp.ts";
import { EIGRP_CASES } from "./_corpus_eigrp.ts";
import { NSH_CASES } from "./_corpus_nsh.ts";
import { AOE_CASES } from "./_corpus_aoe.ts";
import { TIPC_CASES } from "./_corpus_tipc.ts";
import { OLSR_CASES } from "./_corpus_olsr.ts";
import { LDP_CASES } from "./_corpus_ldp.ts";
import { CFM_CASES } from "./_corpus_cfm.ts";
import { RSVP_CASES } from "./_corpus_rsvp.ts";
import { DNS_CASES } from "./_corpus_dns.ts";
import { BGP2_CASES } from "./_corpus_bgp2.ts";
import { ISIS2_CASES } from "./_corpus_isis2.ts";
import { ESIS_CASES } from "./_corpus_esis.ts";
import { CLNP_CASES } from "./_corpus_clnp.ts";
import { BABEL_CASES } from "./_corpus_babel.ts";
import { LINKTYPE_CASES } from "./_corpus_linktypes.ts";
import { LOOP_CASES } from "./_corpus_loop.ts";
import { JUNIPER_CASES } from "./_corpus_juniper.ts";
import { GAP_CASES } from "./_corpus_gaps.ts";
import { ISAKMP_CASES } from "./_corpus_isakmp.ts";
import { OPENFLOW_CASES } from "./_corpus_openflow.ts";
import { NFS_CASES } from "./_corpus_nfs.ts";
import { RX_CASES } from "./_corpus_rx.ts";
import { UDP_PORT_CASES } from "./_corpus_udp_ports.ts";
import { SFLOW_CASES } from "./_corpus_sflow.ts";
import { OVERLAY_CASES } from "./_corpus_overlay.ts";
import { TIMED_CASES } from "./_corpus_timed.ts";
import { TCP_APP_CASES } from "./_corpus_tcp_apps.ts";
import { PPTP_CASES } from "./_corpus_pptp.ts";
import { RPKI_RTR_CASES } from "./_corpus_rpki_rtr.ts";
import { MACCTL_CASES } from "./_corpus_macctl.ts";
import { SOMEIP_CASES } from "./_corpus_someip.ts";
import { VAT_CASES } from "./_corpus_vat.ts";
import { LWAPP_CASES } from "./_corpus_lwapp.ts";
import { DVMRP_CASES } from "./_corpus_dvmrp.ts";
import { GEONET_CASES } from "./_corpus_geonet.ts";
import { PGM_CASES } from "./_corpus_pgm.ts";
import { CUT_CASES } from "./_corpus_cuts.ts";
import { CARP_CASES } from "./_corpus_carp.ts";
import { SMB_QUIC_CASES } from "./_corpus_smb_quic.ts";
import { FRF16_CASES } from "./_corpus_frf16.ts";
import { JUNIPER2_CASES } from "./_corpus_juniper2.ts";
import { JUNIPER3_CASES } from "./_corpus_juniper3.ts";
import { CISCO_L2_CASES } from "./_corpus_cisco_l2.ts";
import { TOKEN_FDDI_CASES } from "./_corpus_token_fddi.ts";
import { BGP_NSAP_CASES } from "./_corpus_bgp_nsap.ts";
import { SCTP_CASES } from "./_corpus_sctp.ts";
import { IP_MISC_CASES } from "./_corpus_ip_misc.ts";
import { ATALK_CASES } from "./_corpus_atalk.ts";
import { OSPF2_CASES } from "./_corpus_ospf2.ts";
import { DCCP_CASES } from "./_corpus_dccp.ts";
import { AODV_CASES } from "./_corpus_aodv.ts";
import { LISP_CASES } from "./_corpus_lisp.ts";
import { ZEP_CASES } from "./_corpus_zep.ts";
import { ZEPHYR_CASES } from "./_corpus_zephyr.ts";
import { WB_CASES } from "./_corpus_wb.ts";
import { AHCP_CASES } from "./_corpus_ahcp.ts";
import { VQP_CASES } from "./_corpus_vqp.ts";
import { BCM_LI_CASES } from "./_corpus_bcm_li.ts";
import { BGP3_CASES } from "./_corpus_bgp3.ts";
import { ICMP6_CASES } from "./_corpus_icmp6.ts";
import { ICMP_EXT_CASES } from "./_corpus_icmp_ext.ts";
import { LWRES_CASES } from "./_corpus_lwres.ts";
import { LSP_PING_CASES } from "./_corpus_lsp_ping.ts";
import { GRE_CASES } from "./_corpus_gre.ts";
import { MOBILITY_CASES } from "./_corpus_mobility.ts";

/** `n` variants of a packet from a seeded generator. */
function variants(
  n: number,
  seed: number,
  make: (r: () => number, i: number) => Uint8Array,
): Packet[] {
  const r = prng(seed);
  return Array.from({ length: n }, (_, i) => ({ data: make(r, i) }));
}
const int = (r: () => number, n: number) => Math.floor(r() * n);

/** A few IPv4 and IPv6 packets: TCP, UDP/DNS, ICMP, an unknown protocol. */
function ipMix(r: () => number, i: number): Uint8Array {
  switch (i % 4) {
    case 0:
      return tcp4(
        `10.0.${int(r, 255)}.1`,
        "10.0.0.2",
        1024 + int(r, 60000),
        80,
        0x02,
        new Uint8Array(0),
        int(r, 2 ** 31),
      );
    case 1:
      return udp4("192.168.1.1", "192.168.1.2", 5000 + i, 9, new Uint8Array(int(r, 40)));
    case 2:
      return udp6(
        "fe80::1",
        `2001:db8::${(i + 1).toString(16)}`,
        4000,
        5001,
        new Uint8Array(int(r, 30)),
      );
    default:
      return ipv6("2001:db8::1", "ff02::1", 59, new Uint8Array(0));
  }
}

/** Link types tcpdump has no printer for: UNSUPPORTED and the bytes (USER0..USER15, 147-162). */
const unsupported: Case[] = [147, 150, 162].map((lt) => ({
  name: `linktype_${lt}`,
  linkType: lt,
  packets: variants(20, lt, (r) => Uint8Array.from({ length: int(r, 70) }, () => int(r, 256))),
  link: true,
}));

export const CASES: Case[] = [
  ...unsupported,
  { name: "raw", linkType: 101, packets: variants(24, 101, ipMix), link: true },
  {
    name: "ipv4",
    linkType: 228,
    packets: variants(24, 228, (r, i) => ipMix(r, (i % 2) * 4)),
    link: true,
  },
  {
    name: "ipv6",
    linkType: 229,
    packets: variants(24, 229, (r, i) => ipMix(r, 2 + (i % 2))),
    link: true,
  },
  ...LINK_CASES,
  ...WIFI_CASES,
  ...L2_CASES,
  ...ROUTING_CASES,
  ...APP_CASES,
  ...APP2_CASES,
  ...NET_CASES,
  ...PIM_CASES,
  ...OSPF6_CASES,
  ...ISIS_CASES,
  ...BGP_CASES,
  ...PTP_CASES,
  ...EIGRP_CASES,
  ...NSH_CASES,
  ...AOE_CASES,
  ...TIPC_CASES,
  ...OLSR_CASES,
  ...LDP_CASES,
  ...CFM_CASES,
  ...RSVP_CASES,
  ...DNS_CASES,
  ...BGP2_CASES,
  ...ISIS2_CASES,
  ...ESIS_CASES,
  ...CLNP_CASES,
  ...BABEL_CASES,
  ...LINKTYPE_CASES,
  ...LOOP_CASES,
  ...JUNIPER_CASES,
  ...GAP_CASES,
  ...ISAKMP_CASES,
  ...OPENFLOW_CASES,
  ...NFS_CASES,
  ...RX_CASES,
  ...CARP_CASES,
  ...SMB_QUIC_CASES,
  ...FRF16_CASES,
  ...JUNIPER2_CASES,
  ...JUNIPER3_CASES,
  ...CISCO_L2_CASES,
  ...TOKEN_FDDI_CASES,
  ...SCTP_CASES,
  ...IP_MISC_CASES,
  ...ATALK_CASES,
  ...OSPF2_CASES,
  ...DCCP_CASES,
  ...BGP_NSAP_CASES,
  ...UDP_PORT_CASES,
  ...SFLOW_CASES,
  ...OVERLAY_CASES,
  ...TIMED_CASES,
  ...TCP_APP_CASES,
  ...PPTP_CASES,
  ...RPKI_RTR_CASES,
  ...MACCTL_CASES,
  ...SOMEIP_CASES,
  ...VAT_CASES,
  ...LWAPP_CASES,
  ...AODV_CASES,
  ...DVMRP_CASES,
  ...GEONET_CASES,
  ...LISP_CASES,
  ...ZEP_CASES,
  ...ZEPHYR_CASES,
  ...WB_CASES,
  ...AHCP_CASES,
  ...VQP_CASES,
  ...BCM_LI_CASES,
  ...BGP3_CASES,
  ...ICMP6_CASES,
  ...ICMP_EXT_CASES,
  ...LWRES_CASES,
  ...LSP_PING_CASES,
  ...GRE_CASES,
  ...MOBILITY_CASES,
  ...PGM_CASES,
  ...CUT_CASES,
];

/**
 * Packets that still print unlike tcpdump, "case flags #n" → why (golden_test.ts fails on an
 * unlisted difference and on a listed packet that matches). Empty: every packet matches.
 */
export const KNOWN_DIFFS: Record<string, string> = {};
