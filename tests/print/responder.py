#!/usr/bin/env python3
"""Peer B of make_fixtures.sh: a tiny DNS responder (UDP 53), a UDP sink (7777) and an HTTP
server (8000, IPv4 and IPv6). Answers are crafted here; no real DNS server is involved."""
import http.server, socket, socketserver, struct, threading


def name_end(q, i):
    while q[i]:
        i += q[i] + 1
    return i + 1


def dns():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", 53))
    while True:
        q, peer = s.recvfrom(2048)
        try:
            answer(s, q, peer)
        except (IndexError, struct.error):
            pass  # malformed queries are part of the capture; no answer


def answer(s, q, peer):
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
        flags = 0x8180 | rcode
        hdr = struct.pack("!HHHHHH", qid, flags, 1, len(ans), 0, len(auth))
        s.sendto(hdr + question + b"".join(ans) + b"".join(auth), peer)


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
        body = b"<html>tpacket print fixture</html>\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


threading.Thread(target=dns, daemon=True).start()
threading.Thread(target=sink, daemon=True).start()
V6(("::", 8000), Quiet).serve_forever()
