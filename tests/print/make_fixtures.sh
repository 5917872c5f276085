#!/bin/sh
# Regenerates tests/testdata/print/*.pcap and *.out: traffic between two network namespaces this
# script creates (and deletes), captured by tcpdump, plus tcpdump's own text for each flag set.
# Needs root, iproute2, python3, tcpdump. Usage: sh tests/print/make_fixtures.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../testdata/print" && pwd)
A=tpprint_a B=tpprint_b
cleanup() {
  [ -n "${srv:-}" ] && kill "$srv" 2>/dev/null || true
  for p in ${caps:-}; do kill "$p" 2>/dev/null || true; done
  ip netns del $A 2>/dev/null || true
  ip netns del $B 2>/dev/null || true
}
trap cleanup EXIT
cleanup
ip netns add $A
ip netns add $B
ip link add veth0 netns $A type veth peer name veth1 netns $B
for ns in $A $B; do ip -n $ns link set lo up; done
ip -n $A addr add 10.99.0.1/24 dev veth0
ip -n $B addr add 10.99.0.2/24 dev veth1
ip -n $A addr add fd00:99::1/64 dev veth0 nodad
ip -n $B addr add fd00:99::2/64 dev veth1 nodad
ip netns exec $B python3 "$here/responder.py" &
srv=$!
caps=""
ip -n $A link set veth0 up
ip -n $B link set veth1 up
sleep 1
cd "$out"
rm -f ./*.pcap ./*.out ./*.out.gz
ip netns exec $A tcpdump -q -U -i veth0 -w eth.pcap 2>/dev/null & caps="$caps $!"
ip netns exec $A tcpdump -q -U -i veth0 -s 70 -w snap.pcap 2>/dev/null & caps="$caps $!"
ip netns exec $A tcpdump -q -U -i any -y LINUX_SLL -w sll.pcap 2>/dev/null & caps="$caps $!"
ip netns exec $A tcpdump -q -U -i any -y LINUX_SLL2 -w sll2.pcap 2>/dev/null & caps="$caps $!"
ip netns exec $A tcpdump -q -U -i veth0 --time-stamp-precision=nano -w nano.pcap 2>/dev/null & caps="$caps $!"
sleep 1
sleep 1
ip netns exec $A python3 "$here/traffic.py" "$(ip netns exec $B cat /sys/class/net/veth1/address)"
sleep 1
for p in $caps; do kill -INT "$p" || echo "capture $p ended early" >&2; done
wait $caps 2>/dev/null || true
caps=""
# second scenario: protocols beyond the first capture (see traffic2.py)
ip netns exec $A tcpdump -q -U -i veth0 -w more.pcap 2>/dev/null & caps="$caps $!"
ip netns exec $A tcpdump -q -U -i any -y LINUX_SLL2 -w more_sll2.pcap 2>/dev/null & caps="$caps $!"
sleep 1
(cd "$here" && ip netns exec $A python3 traffic2.py "$(ip netns exec $B cat /sys/class/net/veth1/address)")
sleep 1
for p in $caps; do kill -INT "$p" || echo "capture $p ended early" >&2; done
wait $caps 2>/dev/null || true
caps=""
python3 "$here/crafted.py" crafted.pcap
for f in *.pcap; do
  b=${f%.pcap}
  for flags in "" -t -tt -ttt -tttt -ttttt -e -q -v -vv -vvv -x -xx -X -XX -A; do
    TZ=UTC tcpdump -n -r "$f" $flags > "$b${flags:-_}.out" 2>/dev/null || true
  done
  TZ=UTC tcpdump -n -r "$f" --nano > "${b}--nano.out" 2>/dev/null || true
done
gzip -9n ./*.out
# tcpdump names the SLL2 ifindex after the interfaces of the host that reads the file: keep
# this host's names so the committed .out files can be checked where tcpdump is absent.
python3 - > ifnames.json <<'PY'
import json, os
names = {}
for n in os.listdir("/sys/class/net"):
    try:
        names[int(open(f"/sys/class/net/{n}/ifindex").read())] = n
    except OSError:
        pass
print(json.dumps({str(k): v for k, v in sorted(names.items()) if k < 16}))
PY
ls -l "$out"
