#!/bin/sh
# Regenerates tests/testdata/print/frr.pcap and its tcpdump text (frr*.out.gz): two FRR routers
# in network namespaces this script creates (and deletes) run zebra, ospfd, isisd (IS-IS over
# Ethernet/LLC, levels 1 and 2), ldpd (LDP hellos over UDP, the session over TCP) and pimd (PIM
# hellos, IGMP queries and reports) over a veth pair for about 25 s.
# Needs root, iproute2, tcpdump, frr (apt-get install frr). Usage: sh tests/print/make_frr.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../testdata/print" && pwd)
A=tpfrr_a B=tpfrr_b
FRR=/usr/lib/frr
tmp=$(mktemp -d)
chmod 755 "$tmp"
cleanup() {
  for p in ${pids:-}; do kill "$p" 2>/dev/null || true; done
  sleep 1
  if [ -n "${FRR_LOGS:-}" ]; then mkdir -p "$FRR_LOGS" && cp -r "$tmp"/a "$tmp"/b "$FRR_LOGS"/ 2>/dev/null || true; fi
  ip netns del $A 2>/dev/null || true
  ip netns del $B 2>/dev/null || true
  rm -rf "$tmp"
  for dir in /var/tmp/frr/ldpd.*; do
    case " $before " in *" $dir "*) ;; *) rm -rf "$dir" ;; esac
  done
}
trap cleanup EXIT
# ldpd leaves a directory per process in /var/tmp/frr: remove the ones this run made
before=$(ls -d /var/tmp/frr/ldpd.* 2>/dev/null || true)
ip netns del $A 2>/dev/null || true
ip netns del $B 2>/dev/null || true
ip netns add $A
ip netns add $B
ip link add veth0 netns $A type veth peer name veth0 netns $B
# fixed MAC addresses and link-local addresses: the capture does not depend on the host
ip -n $A link set veth0 address 02:00:00:00:0f:01
ip -n $B link set veth0 address 02:00:00:00:0f:02
for ns in $A $B; do
  ip -n $ns link set lo up
  ip -n $ns -6 addr flush dev veth0
done
ip -n $A addr add 10.97.0.1/24 dev veth0
ip -n $B addr add 10.97.0.2/24 dev veth0
ip -n $A addr add 1.1.1.1/32 dev lo
ip -n $B addr add 2.2.2.2/32 dev lo
ip -n $A addr add fe80::1/64 dev veth0 nodad
ip -n $B addr add fe80::2/64 dev veth0 nodad
conf() { # name router-id transport-ip iso-sysid
  cat <<CONF
hostname $1
log stdout errors
interface lo
 ip pim
interface veth0
 ip ospf hello-interval 1
 ip ospf dead-interval 4
 ip router isis 1
 isis hello-interval 1
 ip pim
 ip pim hello 2
 ip igmp
 ip igmp query-max-response-time 20
 ip igmp query-interval 3
router ospf
 ospf router-id $2
 network 10.97.0.0/24 area 0
 network $2/32 area 0
router isis 1
 net 49.0001.$4.00
 is-type level-1-2
 lsp-gen-interval 1
 lsp-refresh-interval 5
 max-lsp-lifetime 360
mpls ldp
 router-id $2
 address-family ipv4
  discovery transport-address $3
  discovery hello holdtime 6
  discovery hello interval 1
  interface veth0
  exit
 exit-address-family
exit
ip pim rp 1.1.1.1 224.0.0.0/4
CONF
}
run() { # namespace dir config
  d=$tmp/$2
  mkdir -p "$d"
  chown frr:frr "$d"
  cp "$3" "$d/frr.conf"
  chown frr:frr "$d/frr.conf"
  for daemon in zebra ospfd isisd ldpd pimd; do
    extra=""
    if [ $daemon = ldpd ]; then extra="--ctl_socket $d"; fi
    ip netns exec "$1" $FRR/$daemon -f "$d/frr.conf" -i "$d/$daemon.pid" -z "$d/zserv.api" \
      --vty_socket "$d" -P 0 $extra >"$d/$daemon.log" 2>&1 &
    pids="$pids $!"
    if [ $daemon = zebra ]; then sleep 1; fi
  done
}
conf rA 1.1.1.1 1.1.1.1 0000.0000.0001 > "$tmp/a.conf"
conf rB 2.2.2.2 2.2.2.2 0000.0000.0002 > "$tmp/b.conf"
ip -n $A link set veth0 up
ip -n $B link set veth0 up
# the transport addresses are the loopbacks: each router reaches the other's through veth0
ip -n $A route add 2.2.2.2/32 via 10.97.0.2
ip -n $B route add 1.1.1.1/32 via 10.97.0.1
pids=""
ip netns exec $A tcpdump -q -U -i veth0 -w "$tmp/frr.pcap" 2>/dev/null & cap=$!
pids="$cap"
sleep 1
run $A a "$tmp/a.conf"
run $B b "$tmp/b.conf"
sleep 25
for p in $pids; do [ "$p" = "$cap" ] || kill -TERM "$p" 2>/dev/null || true; done
sleep 1
kill -INT "$cap" 2>/dev/null || true
wait 2>/dev/null || true
pids=""
cd "$out"
rm -f frr.pcap frr*.out.gz
# the first 500 packets keep the fixture small
tcpdump -r "$tmp/frr.pcap" -c 500 -w frr.pcap 2>/dev/null
for flags in "" -t -tt -ttt -tttt -ttttt -e -q -v -vv -vvv -x -xx -X -XX -A; do
  TZ=UTC tcpdump -n -r frr.pcap $flags > "frr${flags:-_}.out" 2>/dev/null || true
done
TZ=UTC tcpdump -n -r frr.pcap --nano > "frr--nano.out" 2>/dev/null || true
gzip -9n frr*.out
ls -l frr*
