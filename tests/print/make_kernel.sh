#!/bin/sh
# Regenerates tests/testdata/print/kernel.pcap: two network namespaces this script creates (and
# deletes) over a veth pair. One runs a Linux bridge with STP and the multicast querier on
# (802.1D BPDUs, IGMP and MLD queries); both end a VXLAN tunnel carrying pings and UDP; and the
# client talks to line-based TCP servers (SMTP, FTP, POP3, IMAP, RTSP, HTTP on odd ports are
# plain nc listeners replaying a canned dialogue), syslog over UDP, an SSH handshake with sshd.
# Needs root, iproute2, tcpdump, netcat-openbsd, openssh-server, bsdutils (logger).
# Usage: sh tests/print/make_kernel.sh [out.pcap]   (default: the testdata file and its *.out.gz)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../testdata/print" && pwd)
dest=${1:-$out/kernel.pcap}
A=tpkern_a B=tpkern_b
tmp=$(mktemp -d)
chmod 755 "$tmp"
custom=${1:-}
. "$here/_capture.sh"
pair_netns $A $B 02:00:00:00:4b:01 02:00:00:00:4b:02
n=0
for ns in $A $B; do
  n=$((n + 1))
  ip -n $ns link set lo up
  ip netns exec $ns sysctl -q -w net.ipv6.conf.all.addr_gen_mode=1
  ip netns exec $ns sysctl -q -w net.ipv6.conf.default.addr_gen_mode=1
  ip -n $ns addr add fe80::$n/64 dev veth0 nodad
done
# A: veth0 in a bridge with STP and the multicast querier; the bridge holds A's address
ip -n $A link add br0 address 02:00:00:00:4b:10 type bridge stp_state 1 forward_delay 400 \
  hello_time 100 mcast_snooping 1 mcast_querier 1 mcast_query_interval 200 \
  mcast_igmp_version 3 mcast_mld_version 2
ip -n $A link set veth0 master br0
ip -n $A addr add 10.94.0.1/24 dev br0
ip -n $A addr add fd00:94::1/64 dev br0 nodad
ip -n $B addr add 10.94.0.2/24 dev veth0
ip -n $B addr add fd00:94::2/64 dev veth0 nodad
ip -n $A link set br0 up
for ns in $A $B; do ip -n $ns link set veth0 up; done
pids=""
ip netns exec $B tcpdump -q -U -i veth0 -w "$tmp/cap.pcap" 2>/dev/null & cap=$!
pids="$cap"
# the bridge forwards after listening and learning (4 s each)
sleep 9
# VXLAN over the veth pair (inner addresses 10.93.0.0/24)
ip -n $A link add vx0 address 02:00:00:00:4b:21 type vxlan id 42 dstport 4789 local 10.94.0.1 remote 10.94.0.2
ip -n $B link add vx0 address 02:00:00:00:4b:22 type vxlan id 42 dstport 4789 local 10.94.0.2 remote 10.94.0.1
ip -n $A addr add 10.93.0.1/24 dev vx0
ip -n $B addr add 10.93.0.2/24 dev vx0
ip -n $A link set vx0 up
ip -n $B link set vx0 up
c() { ip netns exec "$@" >/dev/null 2>&1 || true; }
c $B timeout 5 ping -c 2 -i 0.2 10.93.0.1
c $B timeout 5 ping -c 2 -i 0.2 10.94.0.1
c $B timeout 5 ping -6 -c 1 fd00:94::1
# line-based TCP dialogues: a canned server reply for each well-known port
serve() { # port reply
  printf "$2" > "$tmp/reply.$1"
  ip netns exec $A timeout 8 sh -c "nc -l -N 10.94.0.1 $1 < $tmp/reply.$1 > /dev/null" &
  pids="$pids $!"
}
talk() { # port request
  sleep 0.3
  printf "$2" | c $B timeout 3 nc -N -w 2 10.94.0.1 "$1"
}
serve 25 '220 mail.example ESMTP\r\n250-mail.example\r\n250 OK\r\n221 Bye\r\n'
talk 25 'EHLO client.example\r\nMAIL FROM:<a@example>\r\nQUIT\r\n'
serve 21 '220 FTP ready\r\n331 Password required\r\n230 Logged in\r\n221 Goodbye\r\n'
talk 21 'USER anonymous\r\nPASS guest\r\nSYST\r\nQUIT\r\n'
serve 110 '+OK POP3 ready\r\n+OK\r\n+OK bye\r\n'
talk 110 'USER a\r\nPASS b\r\nQUIT\r\n'
serve 143 '* OK IMAP4rev1 ready\r\na1 OK done\r\n* BYE\r\na2 OK bye\r\n'
talk 143 'a1 CAPABILITY\r\na2 LOGOUT\r\n'
serve 554 'RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: DESCRIBE, SETUP\r\n\r\n'
talk 554 'OPTIONS rtsp://10.94.0.1/x RTSP/1.0\r\nCSeq: 1\r\n\r\n'
serve 8080 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'
talk 8080 'GET /x HTTP/1.1\r\nHost: a\r\n\r\n'
c $B logger -n 10.94.0.1 -P 514 -d -p local3.warning -t tptest "a syslog line over UDP"
c $B logger -n 10.94.0.1 -P 514 -d -p kern.emerg --rfc3164 -t tptest "another one"
# an SSH handshake up to the key exchange (no login)
mkdir -p "$tmp/ssh"
ssh-keygen -q -t ed25519 -N "" -f "$tmp/ssh/host" >/dev/null
mkdir -p /run/sshd 2>/dev/null || true
ip netns exec $A /usr/sbin/sshd -D -e -f /dev/null -h "$tmp/ssh/host" -o ListenAddress=10.94.0.1 \
  -o PidFile=none -o UsePAM=no >/dev/null 2>&1 &
pids="$pids $!"
sleep 0.5
c $B timeout 4 ssh -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
  -o PreferredAuthentications=none nobody@10.94.0.1 true
sleep 2
finish_capture kernel 1
