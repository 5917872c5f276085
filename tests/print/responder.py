#!/usr/bin/env python3
"""Peer B of make_fixtures.sh: a tiny DNS responder (UDP 53), a UDP sink (7777) and an HTTP
server (8000, IPv4 and IPv6). Answers are crafted here; no real DNS server is involved."""
import http.server, socket, socketserver, struct, threading


def name_end(q, i):
    while q[i]:
        i += q[i] + 1
    return i + 1


def dns():
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind(("::", 53))
    while True:
        q, peer = s.recvfrom(2048)
        try:
            s.sendto(answer(q), peer)
        except (IndexError, struct.error):
            pass  # malformed queries are part of the capture; no answer


def dns_tcp():
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("::", 53))
    s.listen()
    while True:
        conn, _ = s.accept()
        with conn:
            try:
                n, = struct.unpack("!H", conn.recv(2))
                r = answer(conn.recv(n))
                conn.sendall(struct.pack("!H", len(r)) + r)
            except (IndexError, struct.error, OSError):
                pass


def answer(q):
    if True:
        qid, = struct.unpack("!H", q[:2])
        end = name_end(q, 12)
        qtype, = struct.unpack("!H", q[end:end + 2])
        question = q[12:end + 4]
        ans, rcode, auth = [], 0, []
        ptr = b"\xc0\x0c"
        if b"\x02nx" in question:
            rcode = 3
            soa = b"\x02ns\xc0\x0f\x02hm\xc0\x0f" + struct.pack("!IIIII", 1, 7200, 900, 1209600, 300)
            auth.append(b"\xc0\x0f" + struct.pack("!HHIH", 6, 1, 300, len(soa)) + soa)
        elif qtype == 1 and question.startswith(b"\x03www"):
            ans.append(ptr + struct.pack("!HHIH", 5, 1, 60, 2) + b"\xc0\x10")
            ans.append(b"\xc0\x10" + struct.pack("!HHIH", 1, 1, 60, 4) + bytes([10, 0, 0, 1]))
        elif qtype == 1:
            ans.append(ptr + struct.pack("!HHIH", 1, 1, 300, 4) + bytes([10, 0, 0, 1]))
            ans.append(ptr + struct.pack("!HHIH", 1, 1, 300, 4) + bytes([10, 0, 0, 2]))
        elif qtype == 28:
            ans.append(ptr + struct.pack("!HHIH", 28, 1, 300, 16) + socket.inet_pton(socket.AF_INET6, "2001:db8::1"))
        elif qtype == 15:
            ans.append(ptr + struct.pack("!HHIH", 15, 1, 300, 9) + b"\x00\x0a\x04mail\xc0\x0c")
        elif qtype == 16:
            ans.append(ptr + struct.pack("!HHIH", 16, 1, 300, 6) + b"\x05hello")
        elif qtype == 2:
            ans.append(ptr + struct.pack("!HHIH", 2, 1, 300, 6) + b"\x03ns1\xc0\x0c")
            auth.append(b"\x03ns1\xc0\x0c" + struct.pack("!HHIH", 1, 1, 300, 4) + bytes([10, 0, 0, 53]))
        elif qtype == 12:
            ans.append(ptr + struct.pack("!HHIH", 12, 1, 300, 13) + b"\x04host\x03lan\x00")
        elif qtype == 33:
            ans.append(ptr + struct.pack("!HHIH", 33, 1, 300, 18) + struct.pack("!HHH", 10, 5, 5060) + b"\x03sip\xc0\x0c")
        elif qtype == 6:
            soa = b"\x02ns\xc0\x0c\x02hm\xc0\x0c" + struct.pack("!IIIII", 2024, 7200, 900, 1209600, 300)
            ans.append(ptr + struct.pack("!HHIH", 6, 1, 300, len(soa)) + soa)
        extra = []
        qar, = struct.unpack("!H", q[10:12])
        if qar:
            # echo an EDNS0 OPT record: UDP size 1232, DO bit, one COOKIE option
            extra.append(b"\x00" + struct.pack("!HHBBHH", 41, 1232, 0, 0, 0x8000, 12) + struct.pack("!HH", 10, 8) + bytes(8))
        flags = 0x8180 | rcode | (0x0020 if qar else 0)
        if qtype == 2:
            hdr = struct.pack("!HHHHHH", qid, flags, 1, len(ans), 0, len(auth) + len(extra))
        else:
            hdr = struct.pack("!HHHHHH", qid, flags, 1, len(ans), len(auth), len(extra))
        return hdr + question + b"".join(ans) + b"".join(auth) + b"".join(extra)


def sink():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", 7777))
    while True:
        s.recvfrom(2048)


class V6(socketserver.ThreadingMixIn, http.server.HTTPServer):
    address_family = socket.AF_INET6

    def server_bind(self):
        self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        super().server_bind()


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def do_GET(self):
        body = b"<html>tpacket print fixture</html>\n" if self.path != "/big" else bytes(40000)
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


threading.Thread(target=dns, daemon=True).start()
threading.Thread(target=dns_tcp, daemon=True).start()
threading.Thread(target=lambda: V6(("::", 80), Quiet).serve_forever(), daemon=True).start()
threading.Thread(target=sink, daemon=True).start()
V6(("::", 8000), Quiet).serve_forever()
