#!/usr/bin/env python3
"""Second traffic scenario of make_fixtures.sh (captured as more*.pcap): DNS with EDNS0, over
TCP and over IPv6, HTTP on port 80 and a bulk download (GSO-sized segments), multicast joins
(IGMPv3, MLDv2), an IP record-route option, UDP fragments, and crafted frames for protocols
tcpdump decodes by default (NTP, BOOTP, syslog, VXLAN, GRE, ESP, IP-in-IP, IGMP queries, SSH
banner). Runs in namespace A; everything stays inside the namespaces make_fixtures.sh made."""
import socket, struct, sys, time, urllib.request
from traffic import B4, B6, csum, ip4, udp4, ip6, udp6pl, mac

A4, A6 = "10.99.0.1", "fd00:99::1"


def dns_query(name, qtype, qid, edns=False):
    q = struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 1 if edns else 0)
    for part in name.split("."):
        q += bytes([len(part)]) + part.encode()
    q += b"\0" + struct.pack("!HH", qtype, 1)
    if edns:
        q += b"\0" + struct.pack("!HHIH", 41, 1232, 0, 12) + struct.pack("!HH", 10, 8) + bytes(range(8))
    return q


def main():
    a_mac, b_mac = mac("veth0"), bytes.fromhex(sys.argv[1].replace(":", ""))
    raw = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    raw.bind(("veth0", 0))

    def inject(frame):
        raw.send(frame)
        time.sleep(0.01)

    eth = lambda et, p, dst=b_mac: dst + a_mac + struct.pack("!H", et) + p

    # DNS: EDNS0 over UDP/IPv4, over IPv6, and over TCP
    for fam, addr, name, qtype, qid in ((socket.AF_INET, B4, "example.com", 1, 100),
                                        (socket.AF_INET, B4, "example.com", 33, 101),
                                        (socket.AF_INET, B4, "example.com", 6, 102),
                                        (socket.AF_INET6, B6, "example.com", 28, 103),
                                        (socket.AF_INET6, B6, "nx.example.com", 28, 104)):
        d = socket.socket(fam, socket.SOCK_DGRAM)
        d.settimeout(1)
        d.sendto(dns_query(name, qtype, qid, edns=True), (addr, 53))
        try:
            d.recvfrom(2048)
        except OSError:
            pass
        d.close()
    t = socket.create_connection((B4, 53), timeout=2)
    q = dns_query("www.example.com", 1, 105, edns=True)
    t.sendall(struct.pack("!H", len(q)) + q)
    t.recv(2048)
    t.close()
    time.sleep(0.1)
    # HTTP on port 80 (tcpdump decodes it), then a bulk download on 8000
    urllib.request.urlopen(f"http://{B4}:80/index.html", timeout=3).read()
    urllib.request.urlopen(f"http://[{B6}]:80/", timeout=3).read()
    urllib.request.urlopen(f"http://{B4}:8000/big", timeout=5).read()
    time.sleep(0.1)
    # multicast joins and leaves
    m = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    mreq = socket.inet_aton("239.1.2.3") + socket.inet_aton(A4)
    m.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreq)
    time.sleep(0.2)
    m.setsockopt(socket.IPPROTO_IP, socket.IP_DROP_MEMBERSHIP, mreq)
    m6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    ifi = socket.if_nametoindex("veth0")
    mreq6 = socket.inet_pton(socket.AF_INET6, "ff05::1:3") + struct.pack("@I", ifi)
    m6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, mreq6)
    time.sleep(0.2)
    m6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_LEAVE_GROUP, mreq6)
    time.sleep(0.1)
    # record-route option on an echo request; timestamp option on another
    for opts in (b"\x07\x27\x04" + bytes(36) + b"\x00", b"\x44\x0c\x05\x00" + bytes(8)):
        r = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
        r.setsockopt(socket.IPPROTO_IP, socket.IP_OPTIONS, opts)
        e = struct.pack("!BBHHH", 8, 0, 0, 7, 1) + b"opts"
        r.sendto(e[:2] + struct.pack("!H", csum(e)) + e[4:], (B4, 0))
        time.sleep(0.05)
    # UDP fragments (no listener: the reassembled datagram draws a port unreachable)
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.sendto(bytes(3000), (B4, 9999))
    u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    u6.sendto(bytes(3000), (B6, 9999))
    # NTP client request to a closed port: the ICMP error quotes the NTP packet
    u.sendto(bytes([0x23, 0, 6, 0xec]) + bytes(44), (B4, 123))
    time.sleep(0.1)
    # DHCP discover, broadcast
    dh = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    dh.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    dh.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b"veth0")
    dh.bind(("0.0.0.0", 68))
    boot = bytes([1, 1, 6, 0]) + struct.pack("!IHH", 0xabcdef, 0, 0x8000) + bytes(16) + a_mac + bytes(10) + bytes(192)
    dh.sendto(boot + bytes.fromhex("63825363") + bytes([53, 1, 1, 55, 3, 1, 3, 6, 255]), ("255.255.255.255", 67))
    time.sleep(0.05)
    # mDNS query (multicast)
    md = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    md.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 255)
    md.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(A4))
    md.sendto(dns_query("printer.local", 12, 0), ("224.0.0.251", 5353))
    time.sleep(0.05)

    # crafted frames
    ntp_server = bytes([0x24, 2, 6, 0xec]) + bytes(44)
    inject(eth(0x0800, ip4(B4, A4, 17, udp4(B4, A4, 123, 40000, ntp_server))))
    inject(eth(0x0800, ip4(B4, A4, 17, udp4(B4, A4, 67, 68, bytes([2, 1, 6, 0]) + bytes(232)))))
    inject(eth(0x0800, ip4(A4, B4, 17, udp4(A4, B4, 40003, 514, b"<13>Nov 21 20:00:00 host test: hello"))))
    inner = b"\xff" * 6 + a_mac + b"\x08\x06" + struct.pack("!HHBBH", 1, 0x800, 6, 4, 1) + a_mac + socket.inet_aton("192.168.7.1") + bytes(6) + socket.inet_aton("192.168.7.2")
    inject(eth(0x0800, ip4(A4, B4, 17, udp4(A4, B4, 40006, 4789, bytes.fromhex("0800000000123400") + inner))))
    ping = struct.pack("!BBHHH", 8, 0, 0xf7ff, 0, 0)
    inject(eth(0x0800, ip4(A4, B4, 47, bytes.fromhex("2000080000000007") + ip4("192.168.0.1", "192.168.0.2", 1, ping))))
    inject(eth(0x0800, ip4(A4, B4, 47, bytes.fromhex("00000800") + ip4("192.168.0.1", "192.168.0.2", 1, ping))))
    inject(eth(0x0800, ip4(A4, B4, 50, struct.pack("!II", 0x1234, 1) + bytes(40))))
    inject(eth(0x0800, ip4(A4, B4, 4, ip4("192.168.0.1", "192.168.0.2", 17, udp4("192.168.0.1", "192.168.0.2", 1, 2, b"x")))))
    inject(eth(0x0800, ip4(A4, B4, 41, ip6(A6, B6, 17, udp6pl(A6, B6, 1, 2, b"6in4")))))

    def igmp(b):
        return b[:2] + struct.pack("!H", csum(b)) + b[4:]
    for body in ("1164000000000000", "1100000000000000", "110a0000e00000fb", "1164000000000000" + "00000000",
                 "117f0000e00000fb020a0001c0a80001", "1700000 0e00000fb".replace(" ", ""), "1600000 0ef010203".replace(" ", "")):
        inject(eth(0x0800, ip4(A4, "224.0.0.1", 2, igmp(bytes.fromhex(body)), ttl=1), dst=b"\x01\x00\x5e\x00\x00\x01"))
    ssh = struct.pack("!HHIIBBHHH", 40008, 22, 1, 1, 0x50, 0x18, 100, 0, 0) + b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"
    inject(eth(0x0800, ip4(A4, B4, 6, ssh)))
    # ICMP port unreachable quoting a TCP segment, and a param problem
    tcp_in = ip4(B4, A4, 6, struct.pack("!HHIIBBHHH", 80, 40100, 5, 6, 0x50, 0x12, 100, 0, 0))
    m = struct.pack("!BBHI", 3, 3, 0, 0) + tcp_in
    inject(eth(0x0800, ip4(A4, B4, 1, m[:2] + struct.pack("!H", csum(m)) + m[4:])))
    m = struct.pack("!BBHI", 12, 0, 0, 0x14000000) + tcp_in
    inject(eth(0x0800, ip4(A4, B4, 1, m[:2] + struct.pack("!H", csum(m)) + m[4:])))
    time.sleep(0.3)


if __name__ == "__main__":
    main()
