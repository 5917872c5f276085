# Traffic for capture.sh: run as "server" in one namespace, "client" in the other.
import socket, struct, sys, time
mode = sys.argv[1]
if mode == "server":
    t = socket.socket(socket.AF_INET6); t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    t.bind(("fd02::2", 8443)); t.listen(); t.settimeout(6)
    c, _ = t.accept(); c.recv(100); c.sendall(b"x" * 3000); time.sleep(0.3); c.close()
    time.sleep(1)
else:
    time.sleep(0.5)
    # TTL 1 through the router: ICMP time exceeded (v4) and hop limit exceeded (v6)
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, 1); u.sendto(b"ttl", ("10.2.0.2", 33434))
    u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    u6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS, 1); u6.sendto(b"hops", ("fd02::2", 33435))
    time.sleep(0.3)
    # DF datagram larger than the far link's MTU: ICMP fragmentation needed / packet too big
    d = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    d.setsockopt(socket.IPPROTO_IP, 10, 2)  # IP_MTU_DISCOVER = IP_PMTUDISC_DO
    try: d.sendto(b"D" * 1400, ("10.2.0.2", 9000))
    except OSError: pass
    d6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    try: d6.sendto(b"E" * 1400, ("fd02::2", 9001))
    except OSError: pass
    time.sleep(0.3)
    # IPv6 TCP: handshake with options, data in both directions, close
    t = socket.create_connection(("fd02::2", 8443), timeout=5); t.sendall(b"GET / HTTP/1.0\r\n\r\n")
    got = 0
    while got < 3000:
        b = t.recv(4000)
        if not b: break
        got += len(b)
    t.close()
    time.sleep(0.3)
    # destination options header
    h = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    h.setsockopt(socket.IPPROTO_IPV6, 59, bytes([17, 0, 1, 4, 0, 0, 0, 0]))  # IPV6_DSTOPTS: PadN
    h.sendto(b"dst", ("fd02::2", 7000))
    # DNS over IPv6 to a closed port (ICMPv6 unreachable quoting a DNS query)
    q = bytes.fromhex("123401000001000000000001") + b"\x04ipv6\x07example\x03org\x00" + struct.pack(">HH", 28, 1) + bytes.fromhex("0000291000000080000000")
    h.sendto(q, ("fd02::2", 53))
    time.sleep(0.5)
