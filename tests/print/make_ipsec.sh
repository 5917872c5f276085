#!/bin/sh
# Regenerates tests/testdata/print/ipsec.pcap and its tcpdump text (ipsec*.out.gz): two
# strongSwan (charon) peers in network namespaces this script creates (and deletes) set up an
# IKEv2 SA with a transport-mode ESP child, the same over UDP 4500 with forced NAT-T
# encapsulation, and an IKEv1 main-mode SA with a quick-mode child, then delete every SA
# (INFORMATIONAL exchanges). Where the kernel cannot install ESP SAs the children fail, which
# the peers negotiate too (NO_PROPOSAL_CHOSEN, deletes).
# Needs root, iproute2, tcpdump, strongSwan (apt-get install strongswan-charon
# strongswan-swanctl). Usage: sh tests/print/make_ipsec.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../testdata/print" && pwd)
A=tpsec_a B=tpsec_b
CHARON=/usr/lib/ipsec/charon
tmp=$(mktemp -d)
chmod 755 "$tmp"
pids=""
cleanup() {
  for p in $pids; do kill "$p" 2>/dev/null || true; done
  sleep 1
  if [ -n "${IPSEC_LOGS:-}" ]; then mkdir -p "$IPSEC_LOGS" && cp -r "$tmp"/a "$tmp"/b "$IPSEC_LOGS"/ 2>/dev/null || true; fi
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
ip -n $A link set veth0 address 02:00:00:00:5e:01
ip -n $B link set veth0 address 02:00:00:00:5e:02
for ns in $A $B; do
  ip -n $ns link set lo up
  ip -n $ns -6 addr flush dev veth0
done
# one address pair per connection, so each SA's traffic is told apart by address
for n in 1 2 3; do
  ip -n $A addr add 10.98.$n.1/24 dev veth0
  ip -n $B addr add 10.98.$n.2/24 dev veth0
done
ip -n $A link set veth0 up
ip -n $B link set veth0 up

# conn NAME VERSION NET PROPOSALS ESP-PROPOSALS IDKIND ME PEER: one connection of swanctl.conf
conn() {
  if [ "$6" = ip ]; then me=10.98.$3.$7 peer=10.98.$3.$8; else me=peer$7.example peer=peer$8.example; fi
  encap=no
  if [ "$1" = natt ]; then encap=yes; fi
  cat <<CONN
  $1 {
    version = $2
    encap = $encap
    local_addrs = 10.98.$3.$7
    remote_addrs = 10.98.$3.$8
    proposals = $4
    local {
      auth = psk
      id = $me
    }
    remote {
      auth = psk
      id = $peer
    }
    children {
      $1c {
        local_ts = 10.98.$3.$7/32
        remote_ts = 10.98.$3.$8/32
        mode = transport
        esp_proposals = $5
      }
    }
  }
CONN
}
# conf DIR ME PEER: strongswan.conf (own vici socket) and swanctl.conf of one peer
conf() {
  d="$tmp/$1"
  mkdir -p "$d"
  cat >"$d/strongswan.conf" <<CONF
charon {
  load_modular = yes
  install_routes = no
  retransmit_tries = 2
  plugins {
    include /etc/strongswan.d/charon/*.conf
    vici {
      socket = unix://$d/charon.vici
    }
  }
  filelog {
    log {
      path = $d/charon.log
      default = 1
    }
  }
}
CONF
  cat >"$d/swanctl.conf" <<CONF
connections {
$(conn v2 2 1 aes128-sha256-modp2048 aes128-sha256 peer "$2" "$3")
$(conn natt 2 2 aes256-sha384-ecp256 aes256gcm16 peer "$2" "$3")
$(conn v1 1 3 aes128-sha1-modp2048,3des-md5-modp1024 aes128-sha1-modp2048 ip "$2" "$3")
}
secrets {
  ike-v2 {
    id-a = peer1.example
    id-b = peer2.example
    secret = "tpacket test key"
  }
  ike-v1 {
    id-a = 10.98.3.1
    id-b = 10.98.3.2
    secret = "tpacket v1 key"
  }
}
CONF
}
conf a 1 2
conf b 2 1
# each charon gets a private /run (its pid file) in its own mount namespace
for p in "$A a" "$B b"; do
  set -- $p
  ip netns exec "$1" unshare -m sh -c "mount -t tmpfs none /run && \
    STRONGSWAN_CONF=$tmp/$2/strongswan.conf exec $CHARON" >"$tmp/$2/stdout" 2>&1 &
  pids="$pids $!"
done
ctl() { # ctl NS DIR ARGS...
  ns=$1 d=$2
  shift 2
  STRONGSWAN_CONF="$tmp/$d/strongswan.conf" ip netns exec "$ns" swanctl "$@" --uri "unix://$tmp/$d/charon.vici"
}
for i in 1 2 3 4 5 6 7 8 9 10; do
  [ -S "$tmp/a/charon.vici" ] && [ -S "$tmp/b/charon.vici" ] && break
  sleep 0.5
done
ctl $A a --load-all --file "$tmp/a/swanctl.conf" >"$tmp/a/load" 2>&1
ctl $B b --load-all --file "$tmp/b/swanctl.conf" >"$tmp/b/load" 2>&1
ip netns exec $A tcpdump -q -U -i veth0 -w "$tmp/ipsec.pcap" 'udp or esp' 2>/dev/null & cap=$!
pids="$pids $cap"
sleep 1
for c in "v2 v2c" "natt nattc" "v1 v1c"; do
  set -- $c
  # the CHILD_SA may fail where the kernel has no ESP (XFRM) support: the IKE SA is still made
  ctl $A a --initiate --ike "$1" --child "$2" --timeout 10 >/dev/null 2>&1 || true
done
sleep 1
for ike in v2 natt v1; do ctl $A a --terminate --ike "$ike" --timeout 5 >/dev/null 2>&1 || true; done
sleep 1
kill -INT "$cap" 2>/dev/null || true
sleep 1
cd "$out"
rm -f ipsec.pcap ipsec*.out.gz
cp "$tmp/ipsec.pcap" ipsec.pcap
for flags in "" -t -tt -ttt -tttt -ttttt -e -q -v -vv -vvv -x -xx -X -XX -A; do
  TZ=UTC tcpdump -n -r ipsec.pcap $flags > "ipsec${flags:-_}.out" 2>/dev/null || true
done
TZ=UTC tcpdump -n -r ipsec.pcap --nano > "ipsec--nano.out" 2>/dev/null || true
gzip -9n ipsec*.out
ls -l ipsec*
