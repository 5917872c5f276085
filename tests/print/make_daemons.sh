#!/bin/sh
# Regenerates tests/testdata/print/routers.pcap and its tcpdump text (routers*.out.gz): two BIRD
# 2 routers in network namespaces this script creates (and deletes) talk OSPFv2, OSPFv3, RIP,
# RIPng, Babel, BFD and BGP (IPv4 and IPv6, communities) over a veth pair for about 20 s.
# Needs root, iproute2, tcpdump, bird2. Usage: sh tests/print/make_daemons.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../testdata/print" && pwd)
A=tpbird_a B=tpbird_b
tmp=$(mktemp -d)
cleanup() {
  for p in ${pids:-}; do kill "$p" 2>/dev/null || true; done
  ip netns del $A 2>/dev/null || true
  ip netns del $B 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
ip netns del $A 2>/dev/null || true
ip netns del $B 2>/dev/null || true
ip netns add $A
ip netns add $B
ip link add veth0 netns $A type veth peer name veth0 netns $B
# fixed MAC addresses and link-local addresses: the capture does not depend on the host
ip -n $A link set veth0 address 02:00:00:00:0b:01
ip -n $B link set veth0 address 02:00:00:00:0b:02
for ns in $A $B; do
  ip -n $ns link set lo up
  ip -n $ns -6 addr flush dev veth0
done
ip -n $A addr add 10.98.0.1/24 dev veth0
ip -n $B addr add 10.98.0.2/24 dev veth0
ip -n $A addr add fd00:98::1/64 dev veth0 nodad
ip -n $B addr add fd00:98::2/64 dev veth0 nodad
ip -n $A addr add fe80::1/64 dev veth0 nodad
ip -n $B addr add fe80::2/64 dev veth0 nodad
conf() { # router-id local-ip peer-ip local-as peer-as prefix4 prefix6
  cat <<CONF
router id $1;
log stderr { error, fatal };
protocol device { scan time 2; }
protocol static s4 {
  ipv4;
  route $6 blackhole { bgp_community.add(($4,100)); bgp_large_community.add(($4,1,2)); bgp_ext_community.add((rt,$4,7)); };
}
protocol static s6 { ipv6; route $7 blackhole; }
protocol ospf v2 o4 {
  ipv4 { import all; export where source = RTS_STATIC; };
  area 0 { interface "veth0" { hello 1; dead 4; wait 2; }; };
}
protocol ospf v3 o6 {
  ipv6 { import all; export where source = RTS_STATIC; };
  area 0 { interface "veth0" { hello 1; dead 4; wait 2; }; };
}
protocol rip r4 { ipv4 { import all; export where source = RTS_STATIC; }; interface "veth0" { update time 3; }; }
protocol rip ng r6 { ipv6 { import all; export where source = RTS_STATIC; }; interface "veth0" { update time 3; }; }
protocol babel bb {
  ipv4 { import all; export where source = RTS_STATIC; };
  ipv6 { import all; export where source = RTS_STATIC; };
  interface "veth0" { hello interval 1 s; update interval 3 s; };
}
protocol bfd { interface "veth0" { interval 300 ms; }; }
protocol bgp b4 {
  local $2 as $4; neighbor $3 as $5;
  connect retry time 1; hold time 9; bfd on;
  ipv4 { import all; export where source = RTS_STATIC; };
  ipv6 { import all; export where source = RTS_STATIC; next hop self; };
}
CONF
}
conf 1.1.1.1 10.98.0.1 10.98.0.2 65001 65002 192.0.2.0/24 2001:db8:1::/48 > "$tmp/a.conf"
conf 2.2.2.2 10.98.0.2 10.98.0.1 65002 65001 198.51.100.0/24 2001:db8:2::/48 > "$tmp/b.conf"
ip -n $A link set veth0 up
ip -n $B link set veth0 up
pids=""
ip netns exec $A tcpdump -q -U -i veth0 -w "$tmp/routers.pcap" 2>/dev/null & cap=$!
pids="$cap"
sleep 1
ip netns exec $A bird -f -c "$tmp/a.conf" -s "$tmp/a.ctl" & pids="$pids $!"
ip netns exec $B bird -f -c "$tmp/b.conf" -s "$tmp/b.ctl" & pids="$pids $!"
sleep 20
# bird stops on SIGTERM, tcpdump flushes its file on SIGINT
for p in $pids; do [ "$p" = "$cap" ] || kill -TERM "$p" 2>/dev/null || true; done
kill -INT "$cap" 2>/dev/null || true
wait 2>/dev/null || true
pids=""
cd "$out"
rm -f routers.pcap routers*.out.gz
# the first 400 packets keep the fixture small
tcpdump -r "$tmp/routers.pcap" -c 400 -w routers.pcap 2>/dev/null
for flags in "" -t -tt -ttt -tttt -ttttt -e -q -v -vv -vvv -x -xx -X -XX -A; do
  TZ=UTC tcpdump -n -r routers.pcap $flags > "routers${flags:-_}.out" 2>/dev/null || true
done
TZ=UTC tcpdump -n -r routers.pcap --nano > "routers--nano.out" 2>/dev/null || true
gzip -9n routers*.out
ls -l routers*
