#!/usr/bin/env python3
"""Generates the traffic captured for the printer fixtures (see make_fixtures.sh).

Runs inside network namespace A; peer B is at 10.99.0.2 / fd00:99::2 (VLAN 100: 10.99.100.2).
Crafted frames are injected on veth0 with an AF_PACKET socket; everything stays inside the
two namespaces made by make_fixtures.sh.
"""
import socket, struct, sys, time, urllib.request

B4, B6, BV = "10.99.0.2", "fd00:99::2", "10.99.100.2"
IFACE = "veth0"


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def mac(name):
    return bytes.fromhex(open(f"/sys/class/net/{name}/address").read().strip().replace(":", ""))


def ip4(src, dst, proto, payload, ttl=64, ident=0x1234, flags=0x4000, tos=0, opts=b""):
    hl = (20 + len(opts)) // 4
    h = struct.pack("!BBHHHBBH4s4s", 0x40 | hl, tos, 20 + len(opts) + len(payload), ident, flags,
                    ttl, proto, 0, socket.inet_aton(src), socket.inet_aton(dst)) + opts
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload


def udp4(src, dst, sport, dport, data):
    u = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
    ph = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, 17, len(u))
    c = csum(ph + u) or 0xFFFF
    return u[:6] + struct.pack("!H", c) + u[8:]


def ip6(src, dst, nh, payload, hlim=64):
    return struct.pack("!IHBB16s16s", 0x60000000, len(payload), nh, hlim,
                       socket.inet_pton(socket.AF_INET6, src), socket.inet_pton(socket.AF_INET6, dst)) + payload


def main():
    a_mac, b_mac = mac("veth0"), bytes.fromhex(sys.argv[1].replace(":", ""))
    raw = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    raw.bind((IFACE, 0))

    def inject(frame):
        raw.send(frame)
        time.sleep(0.01)

    eth = lambda et, p, dst=b_mac: dst + a_mac + struct.pack("!H", et) + p

    # --- ICMP echo (kernel answers), large echo => fragments both ways
    icmp = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    for seq, size in ((1, 56), (2, 3000)):
        body = bytes(range(256)) * (size // 256 + 1)
        body = body[:size]
        h = struct.pack("!BBHHH", 8, 0, 0, 0x4242, seq) + body
        h = h[:2] + struct.pack("!H", csum(h)) + h[4:]
        icmp.sendto(h, (B4, 0))
        time.sleep(0.05)
    # --- UDP to a closed port => ICMP port unreachable
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.sendto(b"hello udp", (B4, 9))
    time.sleep(0.05)
    # --- UDP to the echo-ish listener on 7777 in B
    u.sendto(b"x" * 12, (B4, 7777))
    time.sleep(0.05)
    # --- DNS queries answered by the responder in B
    for name, qtype, qid in (("example.com", 1, 12345), ("example.com", 28, 2), ("www.example.com", 1, 3),
                             ("nx.example.com", 1, 4), ("example.com", 15, 5), ("example.com", 16, 6),
                             ("example.com", 2, 7), ("1.0.99.10.in-addr.arpa", 12, 8)):
        q = struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0)
        for part in name.split("."):
            q += bytes([len(part)]) + part.encode()
        q += b"\0" + struct.pack("!HH", qtype, 1)
        d = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        d.settimeout(1)
        d.sendto(q, (B4, 53))
        try:
            d.recvfrom(2048)
        except OSError:
            pass
        d.close()
    # --- TCP: HTTP GET (handshake with options, data, FIN)
    urllib.request.urlopen(f"http://{B4}:8000/", timeout=3).read()
    time.sleep(0.1)
    # TCP to a closed port => RST
    s = socket.socket()
    s.settimeout(1)
    try:
        s.connect((B4, 8001))
    except OSError:
        pass
    s.close()
    # --- IPv6: TCP + UDP + ICMPv6 echo (ND happens on first use)
    s6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s6.settimeout(3)
    s6.connect((B6, 8000))
    s6.sendall(b"GET / HTTP/1.0\r\n\r\n")
    while s6.recv(4096):
        pass
    s6.close()
    u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    u6.sendto(b"hello6", (B6, 9))
    time.sleep(0.05)
    i6 = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
    i6.sendto(struct.pack("!BBHHH", 128, 0, 0, 0x77, 1) + b"ping6data", (B6, 0))
    time.sleep(0.05)
    i6.sendto(struct.pack("!BBHHH", 128, 0, 0, 0x77, 2) + bytes(2000), (B6, 0))  # fragments
    time.sleep(0.05)
    # --- VLAN 100 (no 8021q module here: tagged frames are crafted)
    tagged = ip4("10.99.100.1", BV, 17, udp4("10.99.100.1", BV, 5000, 7777, b"vlan!"))
    inject(eth(0x8100, struct.pack("!HH", 100, 0x0800) + tagged))
    ping = struct.pack("!BBHHH", 8, 0, 0, 0x0100, 7) + b"tagged ping"
    ping = ping[:2] + struct.pack("!H", csum(ping)) + ping[4:]
    inject(eth(0x8100, struct.pack("!HH", 0x6000 | 100, 0x0800) + ip4("10.99.100.1", BV, 1, ping)))
    inject(eth(0x8100, struct.pack("!HH", 200, 0x0806) + bytes(28)))

    # --- crafted frames (injected)
    a4 = "10.99.0.1"
    # time exceeded with inner UDP
    inner = ip4(B4, "10.1.2.3", 17, udp4(B4, "10.1.2.3", 33434, 33435, b"\0" * 8), ttl=1)
    te = struct.pack("!BBHI", 11, 0, 0, 0) + inner
    te = te[:2] + struct.pack("!H", csum(te)) + te[4:]
    inject(eth(0x0800, ip4(a4, B4, 1, te)))
    # host unreachable and frag needed
    for typ, code, rest in ((3, 1, 0), (3, 4, 1400), (3, 13, 0), (5, 1, 0x0a630001), (13, 0, 0)):
        m = struct.pack("!BBHI", typ, code, 0, rest) + (inner if typ != 13 else bytes(12))
        m = m[:2] + struct.pack("!H", csum(m)) + m[4:]
        inject(eth(0x0800, ip4(a4, B4, 1, m)))
    # unknown IP protocol, unknown ethertype, 802.3 LLC, QinQ, IPv4 options, bad checksum
    inject(eth(0x0800, ip4(a4, B4, 253, b"abcdefghijklmnopqrst")))
    inject(eth(0x88B5, b"unknown ethertype payload" + bytes(21)))
    llc = b"\xaa\xaa\x03\x00\x00\x00\x08\x00" + ip4(a4, B4, 17, udp4(a4, B4, 1000, 2000, b"snap"))
    inject(b_mac + a_mac + struct.pack("!H", len(llc)) + llc + bytes(max(0, 46 - len(llc))))
    stp = b"\x42\x42\x03" + bytes(35)
    inject(b"\x01\x80\xc2\x00\x00\x00" + a_mac + struct.pack("!H", len(stp)) + stp + bytes(8))
    q = ip4(a4, B4, 17, udp4(a4, B4, 1000, 2000, b"qinq"))
    inject(eth(0x88A8, struct.pack("!HH", 0x2000 | 10, 0x8100) + struct.pack("!HH", 20, 0x0800) + q))
    inject(eth(0x8100, struct.pack("!HH", 0xE000 | 5, 0x86DD) + ip6("fd00:99::1", B6, 59, b"")))
    inject(eth(0x0800, ip4(a4, B4, 17, udp4(a4, B4, 1000, 2000, b"opts"), opts=b"\x94\x04\x00\x00")))
    inject(eth(0x0800, ip4(a4, B4, 17, udp4(a4, B4, 1000, 2000, b"opt2"), opts=b"\x01\x01\x01\x00", tos=0x10, ttl=3)))
    bad = bytearray(ip4(a4, B4, 17, udp4(a4, B4, 1000, 2000, b"badsum")))
    bad[10] ^= 0xFF
    bad[27] ^= 0x01
    inject(eth(0x0800, bytes(bad)))
    inject(eth(0x0800, ip4(a4, B4, 6, struct.pack("!HHIIBBHHH", 1234, 80, 1, 0, 0x50, 0x02, 1024, 0, 0)[:12])))
    # fragments with odd offsets, MF only
    inject(eth(0x0800, ip4(a4, B4, 17, b"A" * 24, flags=0x2000 | 0, ident=0x999)))
    inject(eth(0x0800, ip4(a4, B4, 17, b"B" * 16, flags=0x0003, ident=0x999)))
    # IPv6 extension headers: hop-by-hop (router alert + padn), routing type 0? use dst opts + fragment
    hbh = struct.pack("!BB", 60, 0) + b"\x05\x02\x00\x00\x01\x00"
    dst = struct.pack("!BB", 17, 0) + b"\x01\x04\x00\x00\x00\x00"
    inject(eth(0x86DD, ip6("fd00:99::1", B6, 0, hbh + dst + udp6pl("fd00:99::1", B6, 1000, 2000, b"ext"))))
    frag = struct.pack("!BBHI", 17, 0, 0x0001, 0xabcdef)
    inject(eth(0x86DD, ip6("fd00:99::1", B6, 44, frag + udp6pl("fd00:99::1", B6, 1000, 2000, b"frag"))))
    rt = struct.pack("!BBBB", 59, 2, 0, 1) + b"\0" * 4 + socket.inet_pton(socket.AF_INET6, "fd00:99::3")
    inject(eth(0x86DD, ip6("fd00:99::1", B6, 43, rt)))
    inject(eth(0x86DD, ip6("fd00:99::1", B6, 253, b"xyz")))
    # ICMPv6 errors, ND with options, router solicitation, time exceeded
    inner6 = ip6(B6, "fd00:1::9", 17, udp6pl(B6, "fd00:1::9", 5000, 33434, b"x"))
    for typ, code, rest in ((1, 4, 0), (3, 0, 0), (2, 0, 1280)):
        inject(eth(0x86DD, icmp6("fd00:99::1", B6, struct.pack("!BBHI", typ, code, 0, rest) + inner6)))
    ra = struct.pack("!BBHBBHII", 134, 0, 0, 64, 0xC0, 1800, 0, 0) + b"\x01\x01" + a_mac \
        + struct.pack("!BBBBIII", 3, 4, 64, 0xC0, 86400, 14400, 0) + socket.inet_pton(socket.AF_INET6, "fd00:99::") \
        + struct.pack("!BBHI", 5, 1, 0, 1500)
    inject(eth(0x86DD, icmp6("fe80::1", "ff02::1", ra, hlim=255), dst=b"\x33\x33\x00\x00\x00\x01"))
    rs = struct.pack("!BBHI", 133, 0, 0, 0) + b"\x01\x01" + a_mac
    inject(eth(0x86DD, icmp6("fe80::1", "ff02::2", rs, hlim=255), dst=b"\x33\x33\x00\x00\x00\x02"))
    # gratuitous ARP, ARP reply
    arp = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, a_mac, socket.inet_aton(a4), bytes(6), socket.inet_aton(a4))
    inject(eth(0x0806, arp + bytes(18), dst=b"\xff" * 6))
    arp = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 2, a_mac, socket.inet_aton("10.99.0.7"), b_mac, socket.inet_aton(B4))
    inject(eth(0x0806, arp + bytes(18)))
    # TCP with odd flags/options: SYN+ECE+CWR, urgent, SACK, unknown option, md5?
    tcpo = b"\x02\x04\x05\xb4\x01\x01\x05\x0a\x00\x00\x00\x01\x00\x00\x00\x05\x01\x03\x03\x07\x1e\x04\xaa\xbb"
    th = struct.pack("!HHIIBBHHH", 4000, 80, 100, 200, (5 + len(tcpo) // 4) << 4, 0xF9 & 0xFF, 512, 0, 3) + tcpo
    inject(eth(0x0800, ip4(a4, B4, 6, th + b"urgent!")))
    th = struct.pack("!HHIIBBHHH", 4000, 443, 100, 0, 0x50, 0xC2, 512, 0, 0)
    inject(eth(0x0800, ip4(a4, B4, 6, th)))
    # DNS over TCP port 53 and a malformed DNS
    inject(eth(0x0800, ip4(a4, B4, 17, udp4(a4, B4, 5353, 53, b"\x00\x01\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x03abc"))))
    inject(eth(0x0800, ip4(a4, B4, 17, udp4(a4, B4, 4444, 53, b"\x00"))))
    time.sleep(0.2)


def udp6pl(src, dst, sport, dport, data):
    u = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
    ph = socket.inet_pton(socket.AF_INET6, src) + socket.inet_pton(socket.AF_INET6, dst) + struct.pack("!II", len(u), 17)
    return u[:6] + struct.pack("!H", csum(ph + u) or 0xFFFF) + u[8:]


def icmp6(src, dst, m, hlim=64):
    ph = socket.inet_pton(socket.AF_INET6, src) + socket.inet_pton(socket.AF_INET6, dst) + struct.pack("!II", len(m), 58)
    m = m[:2] + struct.pack("!H", csum(ph + m)) + m[4:]
    return ip6(src, dst, 58, m, hlim)


if __name__ == "__main__":
    main()
