#!/bin/sh
# Regenerates tests/testdata/print/services.pcap: a server and a client in network namespaces
# this script creates (and deletes) over a veth pair. The server runs dnsmasq (DHCPv4, DHCPv6,
# router advertisements, DNS, TFTP), snmpd, chronyd (NTP server), keepalived (VRRPv2 and v3),
# avahi-daemon (mDNS) and a Python HTTP server; the client asks each of them (dhclient -4/-6,
# dig over UDP and TCP, snmpget/snmpbulkwalk v1, v2c and v3, chronyd -q and ntpdate, tftp, curl,
# ping, ping6, tracepath, arping, ndisc6, rdisc6).
# Needs root, iproute2, tcpdump and: apt-get install dnsmasq snmpd snmp chrony ntpsec-ntpdate
#   keepalived avahi-daemon tftp-hpa isc-dhcp-client dnsutils curl arping ndisc6 iputils-tracepath
# Usage: sh tests/print/make_services.sh [out.pcap]   (default: the testdata file and its *.out.gz)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../testdata/print" && pwd)
dest=${1:-$out/services.pcap}
S=tpsvc_s C=tpsvc_c
tmp=$(mktemp -d)
chmod 755 "$tmp"
custom=${1:-}
. "$here/_capture.sh"
# fixed MAC addresses and link-local addresses: the capture does not depend on the host
pair_netns $S $C 02:00:00:00:5e:01 02:00:00:00:5e:02
for ns in $S $C; do
  ip -n $ns link set lo up
  ip netns exec $ns sysctl -q -w net.ipv6.conf.veth0.addr_gen_mode=1
done
ip -n $S addr add 10.96.0.1/24 dev veth0
ip -n $C addr add 10.96.0.2/24 dev veth0
ip -n $S addr add fd00:96::1/64 dev veth0 nodad
ip -n $S addr add fe80::1/64 dev veth0 nodad
ip -n $C addr add fe80::2/64 dev veth0 nodad
ip -n $C addr add fd00:96::2/64 dev veth0 nodad
ip -n $S link set veth0 up
ip -n $C link set veth0 up
pids=""
ip netns exec $S tcpdump -q -U -i veth0 -w "$tmp/cap.pcap" 2>/dev/null & pids="$!"
cap=$!
sleep 1
bg() { "$@" & pids="$pids $!"; }
# --- servers
mkdir -p "$tmp/tftp"
printf 'hello over tftp\n%.0s' $(seq 1 40) > "$tmp/tftp/hello.txt"
bg ip netns exec $S dnsmasq -k --conf-file=/dev/null --no-resolv --no-hosts --bind-interfaces \
  --interface=veth0 --except-interface=lo --pid-file="$tmp/dnsmasq.pid" \
  --dhcp-leasefile="$tmp/leases" --dhcp-range=10.96.0.50,10.96.0.60,1h \
  --dhcp-range=fd00:96::100,fd00:96::1ff,64,1h --enable-ra --dhcp-option=option:ntp-server,10.96.0.1 \
  --dhcp-option=option6:dns-server,[fd00:96::1] --domain=svc.test --local=/svc.test/ \
  --address=/www.svc.test/10.96.0.1 --host-record=srv.svc.test,10.96.0.1,fd00:96::1 \
  --mx-host=svc.test,mail.svc.test,10 --txt-record=svc.test,"v=spf1 -all" \
  --srv-host=_http._tcp.svc.test,www.svc.test,80 --ptr-record=1.0.96.10.in-addr.arpa,srv.svc.test \
  --enable-tftp --tftp-root="$tmp/tftp" --user=root --log-facility=/dev/null
cat > "$tmp/snmpd.conf" <<CONF
agentAddress udp:10.96.0.1:161,udp6:[fd00:96::1]:161
rocommunity public 10.96.0.0/24
rocommunity6 public fd00:96::/64
createUser tpuser SHA "tpsecret123" AES "tpsecret123"
rouser tpuser authpriv
createUser tpauth MD5 "tpsecret123"
rouser tpauth auth
sysLocation lab
sysContact nobody
CONF
MIBS= bg ip netns exec $S snmpd -f -Lo -C -c "$tmp/snmpd.conf" -p "$tmp/snmpd.pid" \
  --persistentDir="$tmp/snmp" -I -smux,mteTrigger,mteTriggerConf
cat > "$tmp/chrony.conf" <<CONF
local stratum 8
allow 10.96.0.0/24
allow fd00:96::/64
bindaddress 10.96.0.1
driftfile $tmp/chrony.drift
pidfile $tmp/chronyd.pid
cmdport 0
CONF
bg ip netns exec $S chronyd -u root -d -x -f "$tmp/chrony.conf"
cat > "$tmp/keepalived.conf" <<CONF
global_defs { router_id tpsvc }
vrrp_instance v2 {
  state MASTER
  interface veth0
  virtual_router_id 51
  priority 150
  advert_int 1
  authentication { auth_type PASS auth_pass secret }
  virtual_ipaddress { 10.96.0.200/24 }
}
vrrp_instance v3 {
  state MASTER
  interface veth0
  version 3
  virtual_router_id 52
  priority 120
  advert_int 1
  virtual_ipaddress { fd00:96::200/64 }
}
CONF
bg ip netns exec $S keepalived -n -l -D -f "$tmp/keepalived.conf" -p "$tmp/ka.pid" \
  -r "$tmp/kav.pid" -c "$tmp/kac.pid"
cat > "$tmp/avahi.conf" <<CONF
[server]
host-name=tpsvc
domain-name=local
use-ipv4=yes
use-ipv6=yes
allow-interfaces=veth0
enable-dbus=no
[publish]
publish-addresses=yes
publish-workstation=yes
CONF
mkdir -p "$tmp/services"
bg ip netns exec $S avahi-daemon --no-drop-root --no-chroot --no-rlimits -f "$tmp/avahi.conf"
mkdir -p "$tmp/www"
echo "hello over http" > "$tmp/www/index.html"
bg ip netns exec $S python3 -m http.server 80 --bind 10.96.0.1 --directory "$tmp/www"
sleep 3
# --- client
c() { MIBS= ip netns exec $C timeout 10 "$@" >/dev/null 2>&1 || true; }
c dhclient -4 -1 -sf /bin/true -lf "$tmp/dhc4.lease" -pf "$tmp/dhc4.pid" veth0
c dhclient -6 -1 -sf /bin/true -lf "$tmp/dhc6.lease" -pf "$tmp/dhc6.pid" veth0
for p in $(cat "$tmp/dhc4.pid" "$tmp/dhc6.pid" 2>/dev/null); do kill "$p" 2>/dev/null || true; done
c rdisc6 -1 veth0
c ndisc6 -1 fe80::1 veth0
c arping -c 2 -I veth0 10.96.0.1
c ping -c 2 -i 0.2 10.96.0.1
c ping -c 2 -i 0.2 -s 1600 10.96.0.1
c ping -6 -c 2 -i 0.2 fd00:96::1
c ping -6 -c 2 -i 0.2 -s 1600 fd00:96::1
c tracepath -n -m 2 10.96.0.1
c tracepath -6 -n -m 2 fd00:96::1
for q in "www.svc.test A" "srv.svc.test AAAA" "svc.test MX" "svc.test TXT" \
  "_http._tcp.svc.test SRV" "-x 10.96.0.1" "nosuch.svc.test A" "svc.test SOA"; do
  c dig +tries=1 +time=2 @10.96.0.1 $q
done
c dig +tries=1 +time=2 +tcp @10.96.0.1 srv.svc.test A
c dig +tries=1 +time=2 +dnssec +nsid @fd00:96::1 srv.svc.test AAAA
c dig +tries=1 +time=2 -p 5353 @10.96.0.1 tpsvc.local A
# numeric OIDs: Debian ships no MIB files
sys=1.3.6.1.2.1.1
c snmpget -v1 -c public -r 0 -t 2 10.96.0.1 $sys.1.0 $sys.3.0
c snmpget -v1 -c public -r 0 -t 2 10.96.0.1 1.3.6.1.2.1.99.0
c snmpget -v2c -c public -r 0 -t 2 10.96.0.1 $sys.5.0 1.3.6.1.2.1.2.1.0 1.3.6.1.2.1.99.0
c snmpgetnext -v2c -c public -r 0 -t 2 udp6:[fd00:96::1]:161 $sys.4
c snmpbulkget -v2c -c public -r 0 -t 2 -Cn1 -Cr3 10.96.0.1 $sys.1 1.3.6.1.2.1.2.2.1.1
c snmpset -v2c -c public -r 0 -t 2 10.96.0.1 $sys.6.0 s elsewhere
c snmpget -v2c -c wrong -r 0 -t 1 10.96.0.1 $sys.1.0
c snmpget -v3 -l authPriv -u tpuser -a SHA -A tpsecret123 -x AES -X tpsecret123 -r 0 -t 2 \
  10.96.0.1 $sys.5.0
c snmpget -v3 -l authNoPriv -u tpauth -a MD5 -A tpsecret123 -r 0 -t 2 10.96.0.1 $sys.6.0
c snmptrap -v1 -c public 10.96.0.1 1.3.6.1.4.1.8072.2.3 10.96.0.2 6 17 '' $sys.5.0 s trapped
c snmptrap -v2c -c public 10.96.0.1 '' 1.3.6.1.6.3.1.1.5.3 1.3.6.1.2.1.2.2.1.1.1 i 1 \
  $sys.3.0 t 12345 $sys.2.0 o 1.3.6.1.4.1.1 1.3.6.1.4.1.2.1 a 10.0.0.1 1.3.6.1.4.1.2.2 c 7 \
  1.3.6.1.4.1.2.3 x 0102ff 1.3.6.1.4.1.2.4 C 99999999999
cat > "$tmp/chrony-c.conf" <<CONF
server 10.96.0.1 iburst minpoll 0 maxpoll 0
server fd00:96::1 iburst minpoll 0 maxpoll 0
cmdport 0
pidfile $tmp/chronyc.pid
CONF
c chronyd -u root -q -x -f "$tmp/chrony-c.conf"
c ntpdate -q 10.96.0.1
printf 'binary\nget hello.txt %s/got.txt\nget nosuch.txt %s/nosuch.txt\nquit\n' "$tmp" "$tmp" \
  | ip netns exec $C timeout 10 tftp 10.96.0.1 >/dev/null 2>&1 || true
c curl -s -o /dev/null http://10.96.0.1/
c curl -s -o /dev/null -H "Accept: text/plain" http://10.96.0.1/nosuch
sleep 3
finish_capture services 2
