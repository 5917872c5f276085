# Prints ../_fixtures.ts from the captures here: cd testdata && python3 make_fixtures.py > ../_fixtures.ts && deno fmt ../_fixtures.ts
# The indices in `sel` pick frames of the committed captures: after remaking them, check the
# tcpdump line printed above each fixture (background IPv6 traffic can shift the order).
import struct, subprocess, tempfile, os
def frames(path):
    d = open(path, 'rb').read()
    lt = struct.unpack('<I', d[20:24])[0]
    out = []; at = 24
    while at < len(d):
        s, us, cap, wire = struct.unpack('<IIII', d[at:at+16]); out.append(d[at:at+16+cap]); at += 16 + cap
    return d[:24], lt, out
sel = {
 'eth.pcap': [(0,'mldv2Report'),(3,'routerSolicitation'),(6,'neighborSolicitationDad'),(7,'arpRequest'),(8,'arpReply'),
   (9,'dnsQueryUdp'),(10,'dnsResponseUdp'),(11,'tcpSyn'),(12,'tcpSynAck'),(14,'tcpData'),(18,'tcpFin'),(24,'dnsQueryTcp'),(26,'dnsResponseTcp'),
   (31,'icmpEchoRequest'),(32,'icmpEchoReply'),(34,'icmpPortUnreachable'),(37,'ipv4FirstFragment'),(38,'ipv4MiddleFragment'),(39,'ipv4LastFragment'),
   (41,'vlanUdp'),(42,'qinqUdp'),(43,'llcStp'),(44,'snapIpv4Udp'),(46,'neighborSolicitation'),(47,'neighborAdvertisement'),(48,'ipv6Udp'),
   (49,'icmpv6PortUnreachable'),(50,'icmpv6EchoRequest'),(51,'icmpv6EchoReply'),(52,'ipv6FirstFragment'),(53,'ipv6MiddleFragment'),(56,'ipv6HopByHopUdp'),(58,'ipv4RecordRoute')],
 'sll.pcap': [(7,'sllArpRequest'),(9,'sllDnsQuery'),(11,'sllTcpSyn'),(41,'sllVlanUdp'),(42,'sllQinqUdp'),(43,'sllLlcStp')],
 'sll2.pcap': [(7,'sll2ArpRequest'),(9,'sll2DnsQuery'),(11,'sll2TcpSyn'),(41,'sll2VlanUdp'),(42,'sll2QinqUdp'),(43,'sll2LlcStp')],
}
print('''// Real frames captured with `tcpdump -w` between two network namespaces joined by a veth pair
// (the full captures are in testdata/). Each entry shows what `tcpdump -n -XX` prints for it.
// Generated once; edit by hand only together with the capture it came from.

/** A captured frame: its link type and bytes. */
export interface Fixture {
  /** LINKTYPE_* number of the capture. */
  linkType: number;
  /** The frame as hex. */
  hex: string;
}

/** Captured frames by name. */
export const FIXTURES = {''')
for f, items in sel.items():
    head, lt, fr = frames(f)
    for i, name in items:
        rec = fr[i]
        with tempfile.NamedTemporaryFile(suffix='.pcap', delete=False) as t:
            t.write(head + rec); p = t.name
        txt = subprocess.run(['tcpdump', '-n', '-XX', '-r', p], capture_output=True, text=True).stdout
        os.unlink(p)
        lines = txt.rstrip('\n').split('\n')
        lines[0] = lines[0].split(' ', 1)[1]  # drop timestamp
        data = rec[16:].hex()
        print(f'  // {f} #{i}')
        for l in lines: print('  // ' + l.replace('\t', '  ').rstrip())
        chunks = [data[j:j+88] for j in range(0, len(data), 88)]
        print(f'  {name}: {{\n    linkType: {lt},\n    hex: ' + ' +\n      '.join('"%s"' % c for c in chunks) + ',\n  },')
print('} as const satisfies Record<string, Fixture>;')
