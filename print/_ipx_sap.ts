/**
 * tcpdump's IPX SAP service types (`ipxsap_db`), which it prints by name without `-n`
 * (`ipx-sap-req FileServer`). Read from tcpdump itself: a request of each of the 65536 types,
 * printed by it with and without `-n`. Written as `hex type=name|...`.
 *
 * @module
 */

const TABLE = "0=Unknown|1=User|2=User Group|3=PrintQueue|4=FileServer|5=JobServer|6=Gateway|" +
  "7=PrintServer|8=ArchiveQueue|9=ArchiveServer|a=JobQueue|b=Administration|f=Novell TI-RPC|" +
  "17=Diagnostics|20=NetBIOS|21=NAS SNA Gateway|23=NACS AsyncGateway|" +
  "24=RemoteBridge/RoutingService|26=BridgeServer|27=TCP/IP Gateway|" +
  "28=Point-to-point X.25 BridgeServer|29=3270 Gateway|2a=CHI Corp|2c=PC Chalkboard|" +
  "2d=TimeSynchServer|2e=ARCserve5.0/PalindromeBackup|45=DI3270 Gateway|" +
  "47=AdvertisingPrintServer|4a=NetBlazerModems|4b=BtrieveVAP|4c=NetwareSQL|4d=XtreeNetwork|" +
  "50=BtrieveVAP4.11|52=QuickLink|53=PrintQueueUser|58=Multipoint X.25 Router|60=STLB/NLM|" +
  "64=ARCserve|66=ARCserve3.0|72=WAN CopyUtility|7a=TES-NetwareVMS|" +
  "92=WATCOM Debugger/EmeraldTapeBackupServer|95=DDA OBGYN|98=NetwareAccessServer|" +
  "9a=Netware for VMS II/NamedPipeServer|9b=NetwareAccessServer|" +
  "9e=PortableNetwareServer/SunLinkNVT|a1=PowerchuteAPC UPS|aa=LAWserve|" +
  "ac=CompaqIDA StatusMonitor|100=PIPE STAIL|102=LAN ProtectBindery|" +
  "103=OracleDataBaseServer|107=Netware386/RSPX RemoteConsole|10f=NovellSNA Gateway|" +
  "111=TestServer|112=HP PrintServer|114=CSA MUX|115=CSA LCA|116=CSA CM|117=CSA SMA|" +
  "118=CSA DBA|119=CSA NMA|11a=CSA SSA|11b=CSA STATUS|11e=CSA APPC|126=SNA TEST SSA Profile|" +
  "12a=CSA TRACE|12b=NetwareSAA|12e=IKARUS VirusScan|130=CommunicationsExecutive|" +
  "133=NNS DomainServer/NetwareNamingServicesDomain|135=NetwareNamingServicesProfile|" +
  "137=Netware386 PrintQueue/NNS PrintQueue|141=LAN SpoolServer|152=IRMALAN Gateway|" +
  "154=NamedPipeServer|166=NetWareManagement|" +
  "168=Intel PICKIT CommServer/Intel CAS TalkServer|173=Compaq|174=Compaq SNMP Agent|" +
  "175=Compaq|180=XTreeServer/XTreeTools|18a=NASI ServicesBroadcastServer|1b0=GARP Gateway|" +
  "1b1=Binfview|1bf=IntelLanDeskManager|1ca=AXTEC|1cb=ShivaNetModem/E|1cc=ShivaLanRover/E|" +
  "1cd=ShivaLanRover/T|1ce=ShivaUniversal|1d8=CastelleFAXPressServer|" +
  "1da=CastelleLANPressPrintServer|1dc=CastelleFAX/Xerox7033 FaxServer/ExcelLanFax|" +
  "1f0=LEGATO|1f5=LEGATO|233=NMS Agent/NetwareManagementAgent|" +
  "237=NMS IPX Discovery/LANternReadWriteChannel|" +
  "238=NMS IP Discovery/LANternTrapAlarmChannel|23a=LANtern|23c=MAVERICK|23f=NovellSMDR|" +
  "24e=NetwareConnect|24f=NASI ServerBroadcast Cisco|26a=NMS ServiceConsole|" +
  "26b=TimeSynchronizationServer Netware 4.x|278=DirectoryServer Netware 4.x|" +
  "27b=NetwareManagementAgent|280=Novell File and Printer Sharing Service for PC|" +
  "304=NovellSAA Gateway|308=COM/VERMED|30a=GalacticommWorldgroupServer|" +
  "30c=IntelNetport2/HP JetDirect/HP Quicksilver|320=AttachmateGateway|" +
  "327=MicrosoftDiagnostiocs|328=WATCOM SQL Server|" +
  "335=MultiTechSystems MultisynchCommServer|343=Xylogics RemoteAccessServer/LANModem|" +
  "355=ArcadaBackupExec|358=MSLCD1|361=NETINELO|37e=Powerchute UPS Monitoring|" +
  "37f=ViruSafeNotify|386=HP Bridge|387=HP Hub|394=NetWare SAA Gateway|39b=LotusNotes|" +
  "3b7=CertusAntiVirus|3c4=ARCserve4.0|3c7=LANspool3.5|3d7=LexmarkPrinterServer|" +
  "3d8=LexmarkXLE PrinterServer|3dd=BanyanENS NetwareClient|" +
  "3de=GuptaSequelBaseServer/NetWareSQL|3e1=UnivelUnixware|3e4=UnivelUnixware|" +
  "3fc=IntelNetport|3fd=PrintServerQueue|40a=ipnServer|40d=LVERRMAN|40e=LVLIC|" +
  "414=NET Silicon (DPI)/Kyocera|429=SiteLockVirus|432=UFHELPR???|" +
  "433=Synoptics281xAdvancedSNMPAgent|444=MicrosoftNT SNA Server|448=Oracle|" +
  "44c=ARCserve5.01|457=CanonGP55|45a=QMS Printers|45b=DellSCSI Array|491=NetBlazerModems|" +
  "4ac=OnTimeScheduler|4b0=CD-Net|513=EmulexNQA|520=SiteLockChecks|529=SiteLockChecks|" +
  "52d=CitrixOS2 AppServer|535=Tektronix|536=Milan|55d=Attachmate SNA gateway|" +
  "56b=IBM8235 ModemServer|56c=ShivaLanRover/E PLUS|56d=ShivaLanRover/T PLUS|" +
  "580=McAfeeNetShield|5b8=NLM to workstation communication (Revelation Software)|" +
  "5ba=CompatibleSystemsRouters|5be=CheyenneHierarchicalStorageManager|" +
  "606=JCWatermarkImaging|60c=AXISNetworkPrinter|610=AdaptecSCSIManagement|" +
  "621=IBM AntiVirus|640=Windows95 RemoteRegistryService|64e=MicrosoftIIS|" +
  "67b=Microsoft Win95/98 File and Print Sharing for NetWare|" +
  "67c=Microsoft Win95/98 File and Print Sharing for NetWare|76c=Xerox|" +
  "79b=ShivaLanRover/E 115|79c=ShivaLanRover/T 115|7b4=CubixWorldDesk|" +
  "7c1=Quarterdeck IWare Connect V3.x NLM|7c2=Quarterdeck IWare Connect V2.x NLM|" +
  "810=ELAN License Server Demo|824=ShivaLanRoverAccessSwitch/E|86a=ISSC Collector|" +
  "87f=ISSC DAS AgentAIX|880=Intel Netport PRO|881=Intel Netport PRO|b29=SiteLock|" +
  "c29=SiteLockApplications|c2c=LicensingServer|2101=PerformanceTechnologyInstantInternet|" +
  "2380=LAI SiteLock|238c=MeetingMaker|4808=SiteLockServer/SiteLockMetering|" +
  "5555=SiteLockUser|6312=Tapeware|6f00=RabbitGateway|7703=MODEM|8002=NetPortPrinters|" +
  "8008=WordPerfectNetworkVersion|85be=Cisco EIGRP|" +
  "8888=WordPerfectNetworkVersion/QuickNetworkManagement|9000=McAfeeNetShield|" +
  "9604=CSA-NT_MON|b6a8=OceanIsleReachoutRemoteControl|f11f=SiteLockMetering|f1ff=SiteLock|" +
  "f503=Microsoft SQL Server|f905=IBM TimeAndPlace|fbfb=TopCallIII FaxServer|" +
  "ffff=AnyService/Wildcard";

let names: Map<number, string> | undefined;

/** The name tcpdump gives a SAP service type, or `undefined` for one it prints in hex. */
export function sapTypeName(type: number): string | undefined {
  if (!names) {
    names = new Map();
    for (const entry of TABLE.split("|")) {
      const at = entry.indexOf("=");
      names.set(parseInt(entry.slice(0, at), 16), entry.slice(at + 1));
    }
  }
  return names.get(type);
}
