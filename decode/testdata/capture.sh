#!/bin/sh
# Remakes the captures in this folder (needs root, iproute2, tcpdump, python3):
#   eth.pcap, sll.pcap, sll2.pcap  two namespaces joined by a veth pair (veth_traffic.py)
#   routed.pcap                    client, router and server namespaces (routed_traffic.py)
# Every namespace is created here and deleted on exit; traffic stays inside them.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cleanup() { for n in tpa tpb tpc tpr tps; do ip netns del "$n" 2>/dev/null || true; done; }
trap cleanup EXIT
cleanup

# Two namespaces, one link.
ip netns add tpa; ip netns add tpb
ip link add va netns tpa type veth peer name vb netns tpb
for ns in tpa tpb; do ip -n "$ns" link set lo up; done
ip -n tpa link set va address 02:00:00:00:0a:01; ip -n tpb link set vb address 02:00:00:00:0b:02
ip -n tpa addr add 10.9.0.1/24 dev va; ip -n tpb addr add 10.9.0.2/24 dev vb
ip -n tpa addr add fd00::1/64 dev va nodad; ip -n tpb addr add fd00::2/64 dev vb nodad
ip -n tpa link set va up; ip -n tpb link set vb up
ip netns exec tpa timeout 15 tcpdump -i va -w "$here/eth.pcap" -U 2>/dev/null & d1=$!
ip netns exec tpa timeout 15 tcpdump -i any -w "$here/sll2.pcap" -U 2>/dev/null & d2=$!
ip netns exec tpa timeout 15 tcpdump -i any -y LINUX_SLL -w "$here/sll.pcap" -U 2>/dev/null & d3=$!
sleep 1.5
ip netns exec tpb timeout 10 python3 "$here/veth_traffic.py" server & s=$!
ip netns exec tpa timeout 10 python3 "$here/veth_traffic.py" client
wait "$s" || true
sleep 1
kill "$d1" "$d2" "$d3" 2>/dev/null || true
wait "$d1" "$d2" "$d3" 2>/dev/null || true

# Client, router (MTU 1280 towards the server) and server.
for n in tpc tpr tps; do ip netns add "$n"; ip -n "$n" link set lo up; done
ip link add c0 netns tpc type veth peer name r0 netns tpr
ip link add r1 netns tpr type veth peer name s0 netns tps
ip -n tpc link set c0 address 02:00:00:00:0c:00; ip -n tpr link set r0 address 02:00:00:00:0e:00
ip -n tpr link set r1 address 02:00:00:00:0e:01; ip -n tps link set s0 address 02:00:00:00:0f:00
ip -n tpc addr add 10.1.0.2/24 dev c0; ip -n tpr addr add 10.1.0.1/24 dev r0
ip -n tpr addr add 10.2.0.1/24 dev r1; ip -n tps addr add 10.2.0.2/24 dev s0
ip -n tpc addr add fd01::2/64 dev c0 nodad; ip -n tpr addr add fd01::1/64 dev r0 nodad
ip -n tpr addr add fd02::1/64 dev r1 nodad; ip -n tps addr add fd02::2/64 dev s0 nodad
ip -n tpr link set r1 mtu 1280; ip -n tps link set s0 mtu 1280
for x in "tpc c0" "tpr r0" "tpr r1" "tps s0"; do set -- $x; ip -n "$1" link set "$2" up; done
ip -n tpc route add default via 10.1.0.1; ip -n tps route add default via 10.2.0.1
ip -n tpc -6 route add default via fd01::1; ip -n tps -6 route add default via fd02::1
ip netns exec tpr sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
ip netns exec tpc timeout 15 tcpdump -i c0 -w "$here/routed.pcap" -U 2>/dev/null & d1=$!
sleep 1.5
ip netns exec tps timeout 10 python3 "$here/routed_traffic.py" server & s=$!
ip netns exec tpc timeout 10 python3 "$here/routed_traffic.py" client
wait "$s" || true
sleep 1
kill "$d1" 2>/dev/null || true
wait "$d1" 2>/dev/null || true
