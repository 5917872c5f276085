#!/bin/sh
# Regenerates tests/testdata/print/frr_bgp.pcap: two FRR routers in network namespaces this
# script creates (and deletes) over a veth pair run bgpd (eBGP with many capabilities and
# address families: IPv4/IPv6 unicast and multicast, labeled unicast, VPNv4/VPNv6, EVPN type 5,
# communities of every kind, add-path, graceful restart, route refresh, then a Cease), bfdd,
# ospf6d, ripd (MD5 authentication), ripngd, eigrpd and babeld for about 25 s.
# Needs root, iproute2, tcpdump, frr (apt-get install frr).
# Usage: sh tests/print/make_frr_bgp.sh [out.pcap]   (default: the testdata file and its *.out.gz)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../testdata/print" && pwd)
dest=${1:-$out/frr_bgp.pcap}
A=tpfrrb_a B=tpfrrb_b
FRR=/usr/lib/frr
tmp=$(mktemp -d)
chmod 755 "$tmp"
custom=${1:-}
. "$here/_capture.sh"
on_cleanup() {
  if [ -n "${FRR_LOGS:-}" ]; then
    mkdir -p "$FRR_LOGS" && cp -r "$tmp"/a "$tmp"/b "$FRR_LOGS"/ 2>/dev/null || true
  fi
}
pair_netns $A $B 02:00:00:00:0c:01 02:00:00:00:0c:02
n=0
for ns in $A $B; do
  n=$((n + 1))
  ip -n $ns link set lo up
  ip netns exec $ns sysctl -q -w net.ipv6.conf.veth0.addr_gen_mode=1
  ip netns exec $ns sysctl -q -w net.mpls.platform_labels=1000 2>/dev/null || true
  ip -n $ns addr add 10.95.0.$n/24 dev veth0
  ip -n $ns addr add fd00:95::$n/64 dev veth0 nodad
  ip -n $ns addr add fe80::$n/64 dev veth0 nodad
  ip -n $ns addr add $n.$n.$n.$n/32 dev lo
  ip -n $ns link set veth0 up
done
conf() { # name n as peer-n peer-as
  cat <<CONF
hostname $1
log stdout errors
key chain rip
 key 1
  key-string secret1
interface veth0
 ipv6 ospf6 area 0
 ipv6 ospf6 hello-interval 1
 ipv6 ospf6 dead-interval 4
 ip rip authentication mode md5
 ip rip authentication key-chain rip
 babel hello-interval 1000
 babel update-interval 3000
router bgp $3
 bgp router-id $2.$2.$2.$2
 no bgp ebgp-requires-policy
 bgp graceful-restart
 bgp bestpath as-path multipath-relax
 neighbor 10.95.0.$4 remote-as $5
 neighbor 10.95.0.$4 bfd
 neighbor 10.95.0.$4 timers 3 9
 neighbor 10.95.0.$4 timers connect 1
 neighbor 10.95.0.$4 capability extended-nexthop
 neighbor 10.95.0.$4 capability dynamic
 neighbor fd00:95::$4 remote-as $5
 neighbor fd00:95::$4 timers connect 1
 neighbor fd00:95::$4 local-role provider
 address-family ipv4 unicast
  network $2.$2.$2.$2/32 route-map tag
  network 192.0.$2.0/24 route-map tag
  aggregate-address 192.0.0.0/16
  neighbor 10.95.0.$4 addpath-tx-all-paths
  neighbor 10.95.0.$4 send-community all
 exit-address-family
 address-family ipv4 multicast
  network 198.18.$2.0/24
  neighbor 10.95.0.$4 activate
 exit-address-family
 address-family ipv4 labeled-unicast
  neighbor 10.95.0.$4 activate
 exit-address-family
 address-family ipv4 vpn
  network 172.16.$2.0/24 rd $3:1 label 100$2
  network 172.17.$2.0/24 rd $2.$2.$2.$2:3 label 200$2
  neighbor 10.95.0.$4 activate
 exit-address-family
 address-family ipv6 unicast
  network 2001:db8:$2::/48 route-map tag
  neighbor 10.95.0.$4 activate
  neighbor fd00:95::$4 activate
 exit-address-family
 address-family ipv6 vpn
  network fd00:16:$2::/64 rd $3:2 label 300$2
  neighbor 10.95.0.$4 activate
 exit-address-family
 address-family l2vpn evpn
  network 10.200.$2.0/24 rd $3:5 ethtag 0 label 500$2 esi 00:11:22:33:44:55:66:77:88:0$2 gwip 10.95.0.$2 routermac 02:00:00:00:0c:0$2
  neighbor 10.95.0.$4 activate
 exit-address-family
route-map tag permit 10
 set community 65000:$2 no-export graceful-shutdown
 set large-community $3:1:$2
 set extcommunity rt $3:7
 set extcommunity soo 10.0.0.$2:9
 set metric 4$2
 set as-path prepend $3 $3
 set origin incomplete
bfd
 peer 10.95.0.$4
  receive-interval 300
  transmit-interval 300
router ospf6
 ospf6 router-id $2.$2.$2.$2
 redistribute connected
router rip
 network veth0
 version 2
 redistribute connected
 timers basic 3 18 12
router ripng
 network veth0
 redistribute connected
 timers basic 3 18 12
router eigrp 10
 network 10.95.0.0/24
 network $2.$2.$2.$2/32
router babel
 network veth0
 redistribute ipv4 connected
 redistribute ipv6 connected
CONF
}
run() { # namespace dir config
  d=$tmp/$2
  mkdir -p "$d"
  chown frr:frr "$d"
  cp "$3" "$d/frr.conf"
  chown frr:frr "$d/frr.conf"
  for daemon in zebra staticd bgpd bfdd ospf6d ripd ripngd eigrpd babeld; do
    ip netns exec "$1" $FRR/$daemon -f "$d/frr.conf" -i "$d/$daemon.pid" -z "$d/zserv.api" \
      --vty_socket "$d" -P 0 >"$d/$daemon.log" 2>&1 &
    pids="$pids $!"
    if [ $daemon = zebra ]; then sleep 1; fi
  done
}
conf rA 1 65001 2 65002 > "$tmp/a.conf"
conf rB 2 65002 1 65001 > "$tmp/b.conf"
pids=""
ip netns exec $A tcpdump -q -U -i veth0 -w "$tmp/cap.pcap" 2>/dev/null & cap=$!
pids="$cap"
sleep 1
run $A a "$tmp/a.conf"
run $B b "$tmp/b.conf"
sleep 18
vty() { ip netns exec "$1" vtysh --vty_socket "$tmp/$2" -c "$3" >/dev/null 2>&1 || true; }
vty $A a "clear bgp 10.95.0.2 soft in"
vty $A a "clear bgp ipv6 fd00:95::2 soft out"
sleep 3
vty $A a "clear bgp fd00:95::2"
sleep 4
finish_capture frr_bgp 2
