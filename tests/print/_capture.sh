# What the capture scripts of tests/print (make_kernel.sh, make_services.sh, make_frr_bgp.sh)
# share, sourced by them after they set: here, out (the testdata directory), dest (the pcap to
# write), custom (non-empty when the caller named dest), tmp (a scratch directory), and later
# pids (the processes to stop) and cap (the tcpdump writing "$tmp/cap.pcap").

# pair_netns X Y MAC_X MAC_Y: fresh namespaces X and Y joined by a veth pair (veth0 in each, with
# those MAC addresses, so the capture does not depend on the host), deleted on exit with the
# processes in $pids and $tmp (on_cleanup, when the script defines it, runs first).
pair_netns() {
  pair_a=$1 pair_b=$2
  trap pair_cleanup EXIT
  ip netns del "$pair_a" 2>/dev/null || true
  ip netns del "$pair_b" 2>/dev/null || true
  ip netns add "$pair_a"
  ip netns add "$pair_b"
  ip link add veth0 netns "$pair_a" type veth peer name veth0 netns "$pair_b"
  ip -n "$pair_a" link set veth0 address "$3"
  ip -n "$pair_b" link set veth0 address "$4"
}

pair_cleanup() {
  for p in ${pids:-}; do kill "$p" 2>/dev/null || true; done
  sleep 1
  if command -v on_cleanup >/dev/null 2>&1; then on_cleanup; fi
  ip netns del "$pair_a" 2>/dev/null || true
  ip netns del "$pair_b" 2>/dev/null || true
  rm -rf "$tmp"
}

# finish_capture NAME SETTLE: stops every process of $pids but the capture, waits SETTLE
# seconds for their last packets, stops the capture, keeps its first 500 packets in $dest (a
# small fixture) and, unless the caller named dest, writes the committed tcpdump text of
# NAME.pcap at every flag set tcpdump_test compares (used where tcpdump is absent).
finish_capture() {
  for p in $pids; do [ "$p" = "$cap" ] || kill -TERM "$p" 2>/dev/null || true; done
  sleep "$2"
  kill -INT "$cap" 2>/dev/null || true
  wait 2>/dev/null || true
  pids=""
  tcpdump -r "$tmp/cap.pcap" -c 500 -w "$dest" 2>/dev/null
  tcpdump -r "$dest" 2>/dev/null | wc -l
  [ -z "$custom" ] || exit 0
  cd "$out"
  rm -f "$1"*.out.gz
  for flags in "" -t -tt -ttt -tttt -ttttt -e -q -v -vv -vvv -x -xx -X -XX -A; do
    TZ=UTC tcpdump -n -r "$1.pcap" $flags > "$1${flags:-_}.out" 2>/dev/null || true
  done
  TZ=UTC tcpdump -n -r "$1.pcap" --nano > "$1--nano.out" 2>/dev/null || true
  gzip -9n "$1"*.out
}
