/**
 * tcpdump's compiled-in MIB (`mib.h`): the object names `snmp_print()` writes for an OID when
 * it runs without `-n` (`system.sysDescr.0`, `E:cisco.1`), and the four prefixes it shortens.
 * The tree was read from tcpdump itself: every sub-identifier 0 to 255 under each named node,
 * printed by it. Written as `id name(children),...`; a node whose name is never printed (the
 * shortened prefixes') has none.
 *
 * @module
 */

/** A node's children by sub-identifier; each has its name and its own children. */
export type MibChildren = ReadonlyMap<number, MibNode>;

/** One object of the tree. */
export interface MibNode {
  readonly name: string;
  readonly children: MibChildren | undefined;
}

/** An OID prefix printed shortened: its encoded bytes, what is printed, the node it names. */
export interface MibAbbreviation {
  readonly bytes: readonly number[];
  readonly prefix: string;
  readonly children: MibChildren | undefined;
}

const TREE =
  "1 iso(3 org(6 dod(1 internet(1 directory,2 mgmt(1(1 system(1 sysDescr,2 sysObjectID," +
  "3 sysUpTime,4 sysContact,5 sysName,6 sysLocation,7 sysServices),2 interfaces(1 ifNumber," +
  "2 ifTable(1 ifEntry(1 ifIndex,2 ifDescr,3 ifType,4 ifMtu,5 ifSpeed,6 ifPhysAddress," +
  "7 ifAdminStatus,8 ifOperStatus,9 ifLastChange,10 ifInOctets,11 ifInUcastPkts," +
  "12 ifInNUcastPkts,13 ifInDiscards,14 ifInErrors,15 ifInUnknownProtos,16 ifOutOctets," +
  "17 ifOutUcastPkts,18 ifOutNUcastPkts,19 ifOutDiscards,20 ifOutErrors,21 ifOutQLen," +
  "22 ifSpecific))),3 at(1 atTable(1 atEntry(1 atIfIndex,2 atPhysAddress,3 atNetAddress)))," +
  "4 ip(1 ipForwarding,2 ipDefaultTTL,3 ipInReceives,4 ipInHdrErrors,5 ipInAddrErrors," +
  "6 ipForwDatagrams,7 ipInUnknownProtos,8 ipInDiscards,9 ipInDelivers,10 ipOutRequests," +
  "11 ipOutDiscards,12 ipOutNoRoutes,13 ipReasmTimeout,14 ipReasmReqds,15 ipReasmOKs," +
  "16 ipReasmFails,17 ipFragOKs,18 ipFragFails,19 ipFragCreates," +
  "20 ipAddrTable(1 ipAddrEntry(1 ipAdEntAddr,2 ipAdEntIfIndex,3 ipAdEntNetMask," +
  "4 ipAdEntBcastAddr,5 ipAdEntReasmMaxSize))," +
  "21 ipRoutingTable(1 ipRouteEntry(1 ipRouteDest,2 ipRouteIfIndex,3 ipRouteMetric1," +
  "4 ipRouteMetric2,5 ipRouteMetric3,6 ipRouteMetric4,7 ipRouteNextHop,8 ipRouteType," +
  "9 ipRouteProto,10 ipRouteAge,11 ipRouteMask))," +
  "22 ipNetToMediaTable(1 ipNetToMediaEntry(1 ipNetToMediaIfIndex,2 ipNetToMediaPhysAddress," +
  "3 ipNetToMediaNetAddress,4 ipNetToMediaType))),5 icmp(1 icmpInMsgs,2 icmpInErrors," +
  "3 icmpInDestUnreachs,4 icmpInTimeExcds,5 icmpInParmProbs,6 icmpInSrcQuenchs," +
  "7 icmpInRedirects,8 icmpInEchos,9 icmpInEchoReps,10 icmpInTimestamps," +
  "11 icmpInTimestampReps,12 icmpInAddrMasks,13 icmpInAddrMaskReps,14 icmpOutMsgs," +
  "15 icmpOutErrors,16 icmpOutDestUnreachs,17 icmpOutTimeExcds,18 icmpOutParmProbs," +
  "19 icmpOutSrcQuenchs,20 icmpOutRedirects,21 icmpOutEchos,22 icmpOutEchoReps," +
  "23 icmpOutTimestamps,24 icmpOutTimestampReps,25 icmpOutAddrMasks,26 icmpOutAddrMaskReps)," +
  "6 tcp(1 tcpRtoAlgorithm,2 tcpRtoMin,3 tcpRtoMax,4 tcpMaxConn,5 tcpActiveOpens," +
  "6 tcpPassiveOpens,7 tcpAttemptFails,8 tcpEstabResets,9 tcpCurrEstab,10 tcpInSegs," +
  "11 tcpOutSegs,12 tcpRetransSegs,13 tcpConnTable(1 tcpConnEntry(1 tcpConnState," +
  "2 tcpConnLocalAddress,3 tcpConnLocalPort,4 tcpConnRemAddress,5 tcpConnRemPort))," +
  "14 tcpInErrs,15 tcpOutRsts),7 udp(1 udpInDatagrams,2 udpNoPorts,3 udpInErrors," +
  "4 udpOutDatagrams,5 udpTable(1 udpEntry(1 udpLocalAddress,2 udpLocalPort)))," +
  "8 egp(1 egpInMsgs,2 egpInErrors,3 egpOutMsgs,4 egpOutErrors," +
  "5 egpNeighTable(1 egpNeighEntry(1 egpNeighState,2 egpNeighAddr,3 egpNeighAs," +
  "4 egpNeighInMsgs,5 egpNeighInErrs,6 egpNeighOutMsgs,7 egpNeighOutErrs," +
  "8 egpNeighInErrMsgs,9 egpNeighOutErrMsgs,10 egpNeighStateUps,11 egpNeighStateDowns," +
  "12 egpNeighIntervalHello,13 egpNeighIntervalPoll,14 egpNeighMode," +
  "15 egpNeighEventTrigger)),6 egpAs),10 transmission,11 snmp(1 snmpInPkts,2 snmpOutPkts," +
  "3 snmpInBadVersions,4 snmpInBadCommunityNames,5 snmpInBadCommunityUses," +
  "6 snmpInASNParseErrs,7 snmpInBadTypes,8 snmpInTooBigs,9 snmpInNoSuchNames," +
  "10 snmpInBadValues,11 snmpInReadOnlys,12 snmpInGenErrs,13 snmpInTotalReqVars," +
  "14 snmpInTotalSetVars,15 snmpInGetRequests,16 snmpInGetNexts,17 snmpInSetRequests," +
  "18 snmpInGetResponses,19 snmpInTraps,20 snmpOutTooBigs,21 snmpOutNoSuchNames," +
  "22 snmpOutBadValues,23 snmpOutReadOnlys,24 snmpOutGenErrs,25 snmpOutGetRequests," +
  "26 snmpOutGetNexts,27 snmpOutSetRequests,28 snmpOutGetResponses,29 snmpOutTraps," +
  "30 snmpEnableAuthTraps))),3,4 private(1(1 proteon,2 ibm,3 cmu,4 unix,5 acc,6 twg," +
  "7 cayman,8 nysernet,9 cisco,10 nsc,11 hp,12 epilogue,13 utennessee,14 bbn,15 xylogics," +
  "16 unisys,17 canstar,18 wellfleet,19 trw,20 mit,21 eon,22 spartacus,23 excelan,24 spider," +
  "25 nsfnet,26 sytek,27 intergraph,28 interlan,29 vitalink,30 ulana,31 nswc," +
  "32 santacruzoperation,33 xyplex,34 cray,35 bellnorthernresearch,36 dec,37 touch," +
  "38 networkresearchcorp,39 baylor,40 nmfeccllnl,41 sri,42 sun,43 3com,44 cmc,45 synoptics," +
  "46 cheyenne,47 prime,48 mcnc,49 chipcom,50 opticaldatasystems,51 gated,52 cabletron," +
  "53 apollo,54 desktalksystems,55 ssds,56 castlerock,57 mips,58 tgv,59 silicongraphics," +
  "60 ubc,61 merit,62 fibercom,63 apple,64 gandalf,65 dartmouth,66 davidsystems,67 reuter," +
  "68 cornell,69 tmac,70 locus,71 nasa,72 retix,73 boeing,74 att,75 ungermannbass," +
  "76 digitalanalysis,77 hplanman,78 netlabs,79 icl,80 auspex,81 lannet,82 ncd,83 raycom," +
  "84 pirellifocom,85 datability,86 networkappltech,87 link,88 nyu,89 rnd,90 intercon," +
  "91 learningtree,92 webstercomputer,93 frontier,94 nokia,95 allenbradley,96 cern,97 sigma," +
  "98 emergingtech,99 snmpresearch,100 ohiostate,101 ultra,136 ccur)),5 security," +
  "6 snmpV2(3(10 snmpFrameworkMIB(1 snmpFrameworkAdmin," +
  "2 snmpFrameworkMIBObjects(1 snmpEngine(1 snmpEngineID,2 snmpEngineBoots,3 snmpEngineTime," +
  "4 snmpEngineMaxMessageSize)),3 snmpFrameworkMIBConformance),11 snmpMPDMIB(1 snmpMPDAdmin," +
  "2 snmpMPDMIBObjects(1 snmpMPDStats(1 snmpUnknownSecurityModels,2 snmpInvalidMsgs," +
  "3 snmpUnknownPDUHandlers)),3 snmpMPDMIBConformance(1 snmpMPDMIBCompliances," +
  "2 snmpMPDMIBGroups))," +
  "15 snmpUsmMIB(1 usmMIBObjects(1 usmStats(1 usmStatsUnsupportedSecLevels," +
  "2 usmStatsNotInTimeWindows,3 usmStatsUnknownUserNames,4 usmStatsUnknownEngineIDs," +
  "5 usmStatsWrongDigests,6 usmStatsDecryptionErrors),2 usmUser(1 usmUserSpinLock," +
  "2 usmUserTable(1 usmUserEntry(1 usmUserEngineID,2 usmUserName,3 usmUserSecurityName," +
  "4 usmUserCloneFrom,5 usmUserAuthProtocol,6 usmUserAuthKeyChange," +
  "7 usmUserOwnAuthKeyChange,8 usmUserPrivProtocol,9 usmUserPrivKeyChange," +
  "10 usmUserOwnPrivKeyChange,11 usmUserPublic,12 usmUserStorageType,13 usmUserStatus))))," +
  "2 usmMIBConformance(1 usmMIBCompliances,2 usmMIBGroups))))))))";

let root: MibChildren | undefined;
let abbreviations: readonly MibAbbreviation[] | undefined;

/** The top of the tree (`iso`), made the first time an OID is named. */
export function mibRoot(): MibChildren {
  if (root) return root;
  let at = 0;
  const list = (): Map<number, MibNode> => {
    const nodes = new Map<number, MibNode>();
    for (;;) {
      let id = 0;
      while (TREE.charCodeAt(at) >= 0x30 && TREE.charCodeAt(at) <= 0x39) {
        id = id * 10 + TREE.charCodeAt(at++) - 0x30;
      }
      let name = "";
      if (TREE[at] === " ") {
        const end = TREE.slice(at + 1).search(/[(),]|$/) + at + 1;
        name = TREE.slice(at + 1, end);
        at = end;
      }
      let children: Map<number, MibNode> | undefined;
      if (TREE[at] === "(") {
        at++;
        children = list();
        at++; // ")"
      }
      nodes.set(id, { name, children });
      if (TREE[at] !== ",") return nodes;
      at++;
    }
  };
  return root = list();
}

/**
 * obj_abrev_list: mib-2 (nothing printed before its objects), enterprises (`E:`),
 * experimental (`X:`) and snmpModules (`S:`), tried in this order.
 */
export function mibAbbreviations(): readonly MibAbbreviation[] {
  if (abbreviations) return abbreviations;
  const under = (path: number[]) => {
    let children: MibChildren | undefined = mibRoot();
    for (const id of path) children = children?.get(id)?.children;
    return children;
  };
  return abbreviations = [
    { bytes: [0x2b, 6, 1, 2, 1], prefix: "", children: under([1, 3, 6, 1, 2, 1]) },
    { bytes: [0x2b, 6, 1, 4, 1], prefix: "E:", children: under([1, 3, 6, 1, 4, 1]) },
    { bytes: [0x2b, 6, 1, 3], prefix: "X:", children: under([1, 3, 6, 1, 3]) },
    { bytes: [0x2b, 6, 1, 6, 3], prefix: "S:", children: under([1, 3, 6, 1, 6, 3]) },
  ];
}
