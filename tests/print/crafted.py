#!/usr/bin/env python3
"""Writes tests/testdata/print/crafted.pcap: Ethernet frames built byte by byte for cases the
namespace captures do not produce (DNS record types, ARP variants, ICMP types, TCP options,
IPv6 extension headers, LLC, odd lengths). Usage: python3 tests/print/crafted.py <out.pcap>"""
import socket, struct, sys

sys.path.insert(0, __import__("os").path.dirname(__file__))
from traffic import csum, ip4, udp4, ip6, udp6pl, icmp6  # noqa: E402

A, B = "10.1.0.1", "10.1.0.2"
A6, B6 = "fd00:1::1", "fd00:1::2"
MA, MB = bytes.fromhex("020000000001"), bytes.fromhex("020000000002")
frames = []


def eth(et, p, dst=MB, src=MA):
    frames.append(dst + src + struct.pack("!H", et) + p)


def name(n):
    out = b""
    for part in n.split("."):
        if part:
            out += bytes([len(part)]) + part.encode()
    return out + b"\0"


def dns(qid, flags, qs, ans=(), ns=(), ar=()):
    h = struct.pack("!HHHHHH", qid, flags, len(qs), len(ans), len(ns), len(ar))
    return h + b"".join(qs) + b"".join(ans) + b"".join(ns) + b"".join(ar)


def q(n, t, c=1):
    return name(n) + struct.pack("!HH", t, c)


def rr(n, t, rdata, ttl=3600, c=1):
    return (name(n) if isinstance(n, str) else n) + struct.pack("!HHIH", t, c, ttl, len(rdata)) + rdata


# DNS: many record types, classes, flags, EDNS options, compression, odd names
for t in (65, 64, 257, 52, 99, 255, 252, 13, 35, 43, 46, 48, 50):
    eth(0x0800, ip4(A, B, 17, udp4(A, B, 5000 + t, 53, dns(t, 0x0100, [q("example.org", t)]))))
resp = dns(7, 0x8580, [q("a.example", 1)], [rr(b"\xc0\x0c", 1, bytes([192, 0, 2, 1]), 86400 * 9 + 3661)],
           [rr("example", 2, name("ns.example"))], [rr("ns.example", 28, socket.inet_pton(socket.AF_INET6, "2001:db8::53"))])
eth(0x0800, ip4(B, A, 17, udp4(B, A, 53, 5001, resp)))
eth(0x0800, ip4(B, A, 17, udp4(B, A, 53, 5002, dns(8, 0x8183, [q("x.example", 1, 3)]))))  # CHAOS, NXDomain
eth(0x0800, ip4(B, A, 17, udp4(B, A, 53, 5003, dns(9, 0x8782, [q("y.example", 1)]))))  # AA TC ServFail
eth(0x0800, ip4(A, B, 17, udp4(A, B, 5004, 53, dns(10, 0x2910, [q("z.example", 6)]))))  # update opcode, CD
eth(0x0800, ip4(A, B, 17, udp4(A, B, 5005, 53, dns(11, 0x0100, [q("loop.example", 1)])[:12] + b"\xc0\x0c\x00\x01\x00\x01")))
ecs = struct.pack("!HBB", 1, 24, 0) + bytes([198, 51, 100])
opt = b"\0" + struct.pack("!HHIH", 41, 4096, 0x8000, 4 + len(ecs) + 4 + 2 + 4 + 4) + struct.pack("!HH", 8, len(ecs)) + ecs + \
    struct.pack("!HHH", 11, 2, 300) + struct.pack("!HHI", 9, 4, 60)
eth(0x0800, ip4(A, B, 17, udp4(A, B, 5006, 53, dns(12, 0x0120, [q("ecs.example", 1)], ar=[opt]))))
eth(0x0800, ip4(A, B, 17, udp4(A, B, 5353, 5353, dns(0, 0x8400, [], [rr("_http._tcp.local", 12, name("web._http._tcp.local"), 120, 0x8001)]))))
eth(0x0800, ip4(A, B, 17, udp4(A, B, 5007, 53, dns(13, 0x0100, [q("we\\ird.ex\x01am\xffple", 1)]))))
txt = bytes([3]) + b"a=b" + bytes([0]) + bytes([5]) + b'q"u\x07x'
eth(0x0800, ip4(B, A, 17, udp4(B, A, 53, 5008, dns(14, 0x8180, [q("t.example", 16)], [rr(b"\xc0\x0c", 16, txt)]))))
eth(0x0800, ip4(B, A, 17, udp4(B, A, 53, 5009, dns(15, 0x8180, [q("u.example", 99)], [rr(b"\xc0\x0c", 99, b"\x01x"), rr(b"\xc0\x0c", 65, b"\x00\x01\x00")]))))

# ARP variants: RARP, inverse ARP, non-Ethernet hardware, IPv6 protocol type, target MAC set
def arp(op, hrd=1, pro=0x0800, hln=6, pln=4, sha=MA, spa=A, tha=b"\0" * 6, tpa=B, et=0x0806):
    body = struct.pack("!HHBBH", hrd, pro, hln, pln, op) + sha + socket.inet_aton(spa) + tha + socket.inet_aton(tpa)
    eth(et, body)


arp(1, tha=MB)
arp(3, et=0x8035)
arp(4, et=0x8035)
arp(8)
arp(9)
arp(2, hrd=6)
arp(1, pro=0x86dd)
arp(10)

# ICMP: every type the printer names, codes beyond the tables, bad checksum
def icmp(t, c, rest, data=b"", good=True):
    m = struct.pack("!BBH", t, c, 0) + rest + data
    s = csum(m) if good else 0x1234
    return m[:2] + struct.pack("!H", s) + m[4:]


inner = ip4(A, "192.0.2.9", 17, udp4(A, "192.0.2.9", 4000, 4001, b"payload!"))
for t, c, rest in ((3, 0, b"\0" * 4), (3, 5, b"\0" * 4), (3, 9, b"\0" * 4), (3, 15, b"\0" * 4), (3, 20, b"\0" * 4),
                   (3, 4, b"\0\0\0\0"), (4, 0, b"\0" * 4), (5, 2, socket.inet_aton("10.1.0.254")), (5, 9, socket.inet_aton("10.1.0.254")),
                   (11, 1, b"\0" * 4), (11, 7, b"\0" * 4), (12, 1, b"\0" * 4)):
    eth(0x0800, ip4(B, A, 1, icmp(t, c, rest, inner)))
eth(0x0800, ip4(B, A, 1, icmp(9, 0, struct.pack("!BBH", 2, 2, 1800), socket.inet_aton("10.1.0.1") + struct.pack("!I", 0) + socket.inet_aton("10.1.0.3") + struct.pack("!I", 5))))
for t in (10, 15, 16, 17, 18, 40, 250):
    eth(0x0800, ip4(A, B, 1, icmp(t, 0, struct.pack("!HH", 1, 2), b"\xff\xff\xff\x00")))
eth(0x0800, ip4(A, B, 1, icmp(8, 0, struct.pack("!HH", 3, 4), b"x" * 10, good=False)))

# TCP: options of every kind, bad option lengths, data offset past the segment, urgent, RST data
def tcp(sp, dp, seq, ack, flags, opts=b"", data=b"", win=1024, urp=0):
    off = (20 + len(opts)) // 4
    return struct.pack("!HHIIBBHHH", sp, dp, seq, ack, off << 4, flags, win, 0, urp) + opts + data


for opts in (b"\x13\x12" + bytes(16), b"\x1c\x04\x80\x10", b"\x22\x02", b"\x22\x0a" + bytes(8), b"\xfe\x06\xf9\x89\x01\x02",
             b"\xfe\x04\x12\x34", b"\x05\x0a" + bytes(8), b"\x05\x07" + bytes(5) + b"\x00", b"\x02\x05\x05\xb4\x00\x00\x00",
             b"\x02\x01\x00\x00", b"\x08\x0a" + bytes(8) + b"\x00\x00", b"\x1e\x0c\x00\x81" + bytes(8), b"\x0b\x06\x00\x00\x00\x01\x00\x00",
             b"\x00\x00\x00\x00"):
    eth(0x0800, ip4(A, B, 6, tcp(6000, 25, 1, 0, 0x02, opts + bytes((-len(opts)) % 4))))
eth(0x0800, ip4(A, B, 6, struct.pack("!HHIIBBHHH", 6001, 80, 1, 1, 0xf0, 0x10, 10, 0, 0)))
eth(0x0800, ip4(A, B, 6, tcp(6002, 80, 5, 6, 0x14, data=b"connection reset by peer, sorry about that")))
eth(0x0800, ip4(A, B, 6, tcp(6003, 80, 5, 6, 0x38, data=b"GET /a HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n", urp=4)))
eth(0x0800, ip4(B, A, 6, tcp(80, 6003, 9, 45, 0x18, data=b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")))
eth(0x0800, ip4(A, B, 6, tcp(6004, 8080, 5, 6, 0x18, data=b"POST /x HTTP/1.0\r\nbinary\x01\r\n")))
eth(0x0800, ip4(A, B, 6, tcp(6005, 53, 5, 6, 0x18, data=struct.pack("!H", 29) + dns(16, 0x0100, [q("tcp.example", 1)]))))
eth(0x0800, ip4(A, B, 6, tcp(6006, 53, 5, 6, 0x18, data=struct.pack("!H", 99) + b"\0" * 10)))
eth(0x0800, ip4(A, B, 6, tcp(6007, 80, 5, 6, 0x1C1 & 0xff, data=b"")))

# UDP: zero checksum, length field disagreeing with IP, truncated header
u = udp4(A, B, 7000, 7001, b"abc")
eth(0x0800, ip4(A, B, 17, u[:6] + b"\0\0" + u[8:]))
eth(0x0800, ip4(A, B, 17, struct.pack("!HHHH", 7000, 7001, 40, 0) + b"short"))
eth(0x0800, ip4(A, B, 17, struct.pack("!HHHH", 7000, 7001, 4, 0) + b"tiny"))
eth(0x0800, ip4(A, B, 17, b"\x1b\x58"))

# IPv4: ECN bits, reserved flag, options (NOP, security, unknown, bad length, EOL), header shorter than 20
eth(0x0800, ip4(A, B, 17, udp4(A, B, 1, 2, b"e"), tos=0x03))
eth(0x0800, ip4(A, B, 17, udp4(A, B, 1, 2, b"e"), tos=0xb9))
eth(0x0800, ip4(A, B, 17, udp4(A, B, 1, 2, b"r"), flags=0xe000))
for opts in (b"\x01\x01\x01\x01", b"\x82\x0b" + bytes(9) + b"\x00", b"\x99\x04\x00\x00", b"\x07\x02\x00\x00", b"\x07\x09\x04" + bytes(7), b"\x00\x00\x00\x00"):
    eth(0x0800, ip4(A, B, 17, udp4(A, B, 1, 2, b"o"), opts=opts))

# IPv6: traffic class, flow label, hop-by-hop with pad1/jumbo/unknown option, dstopts, routing type 2 and 4,
# fragment not first, unknown next header after extension, ICMPv6 types
def ext(nh, body):
    n = len(body) + 2
    body += bytes((-n) % 8)
    return bytes([nh, (len(body) + 2) // 8 - 1]) + body


v6 = bytearray(ip6(A6, B6, 0, ext(17, b"\x00\x00\x01\x02\x00\x00\x3e\x02\x00\x00") + udp6pl(A6, B6, 1, 2, b"h")))
v6[0:4] = struct.pack("!I", 0x6b812345)
eth(0x86DD, bytes(v6))
eth(0x86DD, ip6(A6, B6, 60, ext(59, b"\xc9\x10" + bytes(16))))
eth(0x86DD, ip6(A6, B6, 43, bytes([59, 2, 2, 1, 0, 0, 0, 0]) + socket.inet_pton(socket.AF_INET6, "fd00:1::9")))
eth(0x86DD, ip6(A6, B6, 43, bytes([59, 4, 4, 1, 1, 0, 0, 0]) + socket.inet_pton(socket.AF_INET6, "fd00:1::9") + socket.inet_pton(socket.AF_INET6, "fd00:1::a")))
eth(0x86DD, ip6(A6, B6, 44, struct.pack("!BBHI", 6, 0, 0x05a9, 77) + b"rest of a datagram"))
eth(0x86DD, ip6(A6, B6, 60, ext(253, b"\x01\x00") + b"zz"))
for t, c, rest, body in ((1, 0, 0, b""), (1, 1, 0, b""), (1, 2, 0, b""), (1, 3, 0, b""), (1, 5, 0, b""), (3, 1, 0, b""), (3, 9, 0, b""),
                         (4, 2, 40, b""), (4, 3, 0, b""), (4, 9, 0, b""), (130, 0, 0x27100000, socket.inet_pton(socket.AF_INET6, "ff02::fb")),
                         (131, 0, 0, socket.inet_pton(socket.AF_INET6, "ff02::fb")), (132, 0, 0, socket.inet_pton(socket.AF_INET6, "ff02::fb")),
                         (130, 0, 0x03e80000, socket.inet_pton(socket.AF_INET6, "ff02::fb") + b"\x0a\x7d\x00\x01" + socket.inet_pton(socket.AF_INET6, "fd00::5")),
                         (137, 0, 0, socket.inet_pton(socket.AF_INET6, "fe80::1") + socket.inet_pton(socket.AF_INET6, "fd00:1::7") + b"\x01\x01" + MA),
                         (136, 0, 0xe0000000, socket.inet_pton(socket.AF_INET6, B6) + b"\x02\x01" + MB),
                         (135, 0, 0, socket.inet_pton(socket.AF_INET6, B6) + b"\x01\x01" + MA + b"\x0e\x01" + bytes(6)),
                         (134, 0, 0x40080000 | 0, bytes(8) + b"\x19\x03\x00\x00\x00\x00\x0e\x10" + socket.inet_pton(socket.AF_INET6, "fd00::53")),
                         (200, 0, 0, b"x"), (139, 0, 0, bytes(8))):
    inner6 = ip6(B6, "fd00:2::1", 6, tcp(80, 4000, 1, 1, 0x12)) if t < 5 else b""
    eth(0x86DD, icmp6(A6, B6, struct.pack("!BBHI", t, c, 0, rest) + body + inner6, hlim=255))

# Link layer: 802.3 with other SAPs, LLC I/S frames, SNAP with another OUI, runt frames
for sap, ctl in ((0xe0, b"\x03"), (0xf0, b"\x03"), (0x06, b"\x00\x00"), (0xfe, b"\x01\x00"), (0x42, b"\x03")):
    llc = bytes([sap, sap]) + ctl + b"\x00" * 8
    frames.append(MB + MA + struct.pack("!H", len(llc)) + llc + bytes(max(0, 46 - len(llc))))
snap = b"\xaa\xaa\x03\x00\x00\x0c\x20\x00" + bytes(20)
frames.append(bytes.fromhex("01000ccccccc") + MA + struct.pack("!H", len(snap)) + snap + bytes(18))
rstp = b"\x42\x42\x03" + bytes([0, 0, 2, 2, 0x3c]) + bytes.fromhex("8000aabbccddeeff") + struct.pack("!I", 20000) + bytes.fromhex("8000112233445566") + b"\x80\x01" + b"\x01\x00\x14\x00\x02\x00\x0f\x00" + b"\x00"
frames.append(bytes.fromhex("0180c2000000") + MA + struct.pack("!H", len(rstp)) + rstp + bytes(8))
frames.append(MB + MA + b"\x08")
frames.append(MB + MA + b"\x08\x00\x45")
eth(0x8100, struct.pack("!HH", 0x1000 | 7, 0x0806) + struct.pack("!HHBBH", 1, 0x800, 6, 4, 1) + MA + socket.inet_aton(A) + bytes(6) + socket.inet_aton(B))
eth(0x9100, struct.pack("!HH", 30, 0x8100) + struct.pack("!HH", 40, 0x86dd) + ip6(A6, B6, 59, b""))
eth(0x88cc, bytes(30))
eth(0x8863, bytes(30))

# text protocols: SMTP, FTP, RTSP (first line; all lines with -v), cut and binary lines
for sp, dp, d in ((25, 40000, b"220 mail.example ESMTP ready\r\n"), (40000, 25, b"EHLO me\r\nMAIL FROM:<a@b>\r\n"),
                  (21, 40001, b"220 FTP\r\n"), (40004, 554, b"OPTIONS rtsp://x RTSP/1.0\r\nCSeq: 1\r\n\r\n"),
                  (554, 40004, b"RTSP/1.0 200 OK\r\n\r\n"), (40004, 554, b"junk data\r\n"), (40000, 25, b"partial line"),
                  (40000, 25, b"bin\x01ary\r\n")):
    eth(0x0800, ip4(A, B, 6, tcp(sp, dp, 1, 1, 0x18, data=d)))
# a hop-by-hop header after another extension header
eth(0x86DD, ip6(A6, B6, 43, bytes([0, 2, 2, 1, 0, 0, 0, 0]) + socket.inet_pton(socket.AF_INET6, "fd00:1::9") + bytes(8)))

# DHCPv6 (printed by message type; tcpdump's -v option list is not decoded here)
duid = struct.pack("!HHH", 3, 1, 1) + MA
for t in (1, 7, 12, 99):
    d6 = bytes([t]) + bytes.fromhex("a1b2c3") + struct.pack("!HH", 1, len(duid)) + duid
    eth(0x86DD, ip6("fe80::1", "ff02::1:2", 17, udp6pl("fe80::1", "ff02::1:2", 546, 547, d6)), dst=bytes.fromhex("333300010002"))

with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
    for i, fr in enumerate(frames):
        f.write(struct.pack("<IIII", 1700000000 + i, i * 1000, len(fr), max(len(fr), 60 if len(fr) < 60 else len(fr))) + fr)
