# Traffic for capture.sh: run as "server" in one namespace, "client" in the other.
import socket, struct, sys, time, os
mode = sys.argv[1]
def dns_answer(q):
    # reply with the question, answers using compression pointers
    qid = q[:2]
    qend = 12
    while q[qend] != 0: qend += q[qend] + 1
    qend += 5
    question = q[12:qend]
    def rr(name, typ, ttl, rdata): return name + struct.pack(">HHIH", typ, 1, ttl, len(rdata)) + rdata
    ans = b""
    ans += rr(b"\xc0\x0c", 5, 300, b"\x03www\x07example\x00" + b"")  # CNAME (uncompressed tail)
    ans += rr(b"\xc0\x0c", 1, 60, bytes([93,184,216,34]))
    ans += rr(b"\xc0\x0c", 28, 60, bytes.fromhex("20010db8000000000000000000000001"))
    ans += rr(b"\xc0\x0c", 15, 60, b"\x00\x0a\x04mail\xc0\x0c")
    ans += rr(b"\xc0\x0c", 16, 60, b"\x05hello\x05world")
    ans += rr(b"\xc0\x0c", 33, 60, struct.pack(">HHH", 10, 5, 5060) + b"\x03sip\xc0\x0c")
    auth = rr(b"\xc0\x0c", 6, 3600, b"\x02ns\xc0\x0c\x0ahostmaster\xc0\x0c" + struct.pack(">IIIII", 2024010101, 7200, 900, 1209600, 300))
    auth += rr(b"\xc0\x0c", 2, 3600, b"\x03ns2\xc0\x0c")
    hdr = qid + struct.pack(">HHHHH", 0x8180, 1, 6, 2, 0)
    return hdr + question + ans + auth
if mode == "server":
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("10.9.0.2", 53)); u.settimeout(5)
    t = socket.socket(); t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); t.bind(("10.9.0.2", 8080)); t.listen(); t.settimeout(5)
    td = socket.socket(); td.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); td.bind(("10.9.0.2", 53)); td.listen(); td.settimeout(5)
    q, a = u.recvfrom(2000); u.sendto(dns_answer(q), a)
    c, _ = t.accept(); c.recv(100); c.sendall(b"world\n"); c.close()
    c, _ = td.accept(); ln = struct.unpack(">H", c.recv(2))[0]; q = c.recv(ln); r = dns_answer(q); c.sendall(struct.pack(">H", len(r)) + r); c.close()
    time.sleep(1)
else:
    time.sleep(0.5)
    # DNS over UDP
    q = bytes.fromhex("abcd01000001000000000000") + b"\x03www\x07example\x03com\x00" + struct.pack(">HH", 1, 1)
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.settimeout(3); u.sendto(q, ("10.9.0.2", 53)); u.recvfrom(4000)
    # TCP with data
    t = socket.create_connection(("10.9.0.2", 8080), timeout=3); t.sendall(b"hello\n"); t.recv(100); t.close()
    time.sleep(0.2)
    # DNS over TCP
    t = socket.create_connection(("10.9.0.2", 53), timeout=3); t.sendall(struct.pack(">H", len(q)) + q); t.recv(4000); t.close()
    time.sleep(0.2)
    # ICMP echo
    r = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    def icmp_echo(ident, seq, data):
        h = struct.pack(">BBHHH", 8, 0, 0, ident, seq) + data
        s = sum(struct.unpack(">%dH" % (len(h)//2), h + (b"\0" if len(h) % 2 else b"")))
        while s > 0xffff: s = (s & 0xffff) + (s >> 16)
        return h[:2] + struct.pack(">H", ~s & 0xffff) + h[4:]
    r.sendto(icmp_echo(0x1234, 1, b"abcdefgh" * 7), ("10.9.0.2", 0))
    time.sleep(0.2)
    # UDP to a closed port -> port unreachable
    u.sendto(b"x" * 10, ("10.9.0.2", 9999))
    time.sleep(0.2)
    # fragmented UDP
    u.sendto(b"F" * 3000, ("10.9.0.2", 9998))
    time.sleep(0.2)
    # VLAN-tagged UDP
    p = socket.socket(socket.AF_PACKET, socket.SOCK_RAW); p.bind(("va", 0))
    def ck(h):
        s = sum(struct.unpack(">%dH" % (len(h)//2), h))
        while s > 0xffff: s = (s & 0xffff) + (s >> 16)
        return ~s & 0xffff
    def ip4udp(src, dst, sport, dport, data):
        udp = struct.pack(">HHHH", sport, dport, 8 + len(data), 0) + data
        h = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 7, 0, 64, 17, 0, socket.inet_aton(src), socket.inet_aton(dst))
        h = h[:10] + struct.pack(">H", ck(h)) + h[12:]
        return h + udp
    macs = bytes.fromhex("020000000b02020000000a01")
    p.send(macs + bytes.fromhex("8100") + struct.pack(">H", (3 << 13) | 100) + b"\x08\x00" + ip4udp("10.9.100.1", "10.9.100.2", 4000, 7777, b"vlan"))
    p.send(macs + bytes.fromhex("88a8") + struct.pack(">H", 200) + b"\x81\x00" + struct.pack(">H", 100) + b"\x08\x00" + ip4udp("10.9.100.1", "10.9.100.2", 4000, 7777, b"qinq"))
    stp = bytes.fromhex("000000000080000200000000010000000080000200000000018001000014000200010000")
    p.send(bytes.fromhex("0180c2000000020000000a01") + struct.pack(">H", 3 + len(stp)) + b"\x42\x42\x03" + stp)
    snap = ip4udp("10.9.0.1", "10.9.0.2", 4001, 7781, b"snap")
    p.send(macs + struct.pack(">H", 8 + len(snap)) + bytes.fromhex("aaaa03000000") + b"\x08\x00" + snap)
    time.sleep(0.2)
    # IPv6 UDP, ICMPv6 echo, fragmented UDP, hop-by-hop option
    u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u6.sendto(b"six", ("fd00::2", 7777))
    time.sleep(0.2)
    r6 = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
    r6.sendto(struct.pack(">BBHHH", 128, 0, 0, 0x4321, 1) + b"ping6", ("fd00::2", 0))
    time.sleep(0.2)
    u6.sendto(b"G" * 3000, ("fd00::2", 7778))
    time.sleep(0.2)
    h = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    h.setsockopt(socket.IPPROTO_IPV6, 54, bytes([0, 0, 5, 2, 0, 0, 1, 0]))  # IPV6_HOPOPTS: router alert + PadN
    h.sendto(b"hbh", ("fd00::2", 7779))
    time.sleep(0.2)
    # IPv4 with record-route option
    o = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    o.setsockopt(socket.IPPROTO_IP, socket.IP_OPTIONS, bytes([7, 11, 4]) + bytes(8) + bytes([1]))
    o.sendto(b"opt", ("10.9.0.2", 7780))
    time.sleep(0.5)
