#!/bin/sh
# Regenerates tests/testdata/print/nfs.pcap and its tcpdump text (nfs*.out.gz): NFSv3 over TCP
# port 2049 between nfs-ganesha (a user-space server, VFS backend) and libnfs's nfs-ls/nfs-cat/
# nfs-cp, on the loopback of a network namespace this script creates: mount, fsinfo, getattr,
# readdirplus, lookup (found and not), access, read, create, write, commit, setattr, remove.
# Needs root, tcpdump, rpcbind, nfs-ganesha with nfs-ganesha-vfs, libnfs-utils
# (apt-get install rpcbind nfs-ganesha nfs-ganesha-vfs libnfs-utils); no kernel NFS.
# Usage: sh tests/print/make_nfs.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../testdata/print" && pwd)
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/export/sub" "$tmp/state"
printf 'hello\n' > "$tmp/export/hello.txt"
printf 'x\n' > "$tmp/export/sub/a"
ln -s hello.txt "$tmp/export/link"
head -c 70000 /dev/zero | tr '\0' 'z' > "$tmp/big.txt"
cat > "$tmp/ganesha.conf" <<CONF
NFS_CORE_PARAM { Protocols = 3; NFS_Port = 2049; MNT_Port = 20048; Enable_NLM = false;
  Enable_RQUOTA = false; }
NFSV4 { Graceless = true; RecoveryBackend = fs; }
EXPORT { Export_Id = 1; Path = $tmp/export; Pseudo = /export; Access_Type = RW;
  Squash = No_Root_Squash; Protocols = 3; Transports = TCP; SecType = sys;
  CLIENT { Clients = *; Access_Type = RW; } FSAL { Name = VFS; } }
LOG { Default_Log_Level = WARN; }
CONF
# everything runs in a new network namespace: its loopback is ours alone
unshare --net sh -eu -c '
  tmp=$1
  ip link set lo up
  tcpdump -i lo -U -w "$tmp/nfs.pcap" tcp port 2049 2>/dev/null & cap=$!
  rpcbind -f -w & rpc=$!
  sleep 1
  ganesha.nfsd -F -f "$tmp/ganesha.conf" -L "$tmp/ganesha.log" -p "$tmp/ganesha.pid" & g=$!
  sleep 8
  E="nfs://127.0.0.1$tmp/export"
  V="?version=3"
  nfs-ls "$E$V" || true
  nfs-ls -R "$E$V" || true
  nfs-cat "$E/hello.txt$V" || true
  nfs-cat "$E/missing.txt$V" || true
  nfs-cp "$tmp/big.txt" "$E/big.txt$V" || true
  nfs-cp "$E/big.txt$V" "$tmp/back.txt" || true
  nfs-cp "$E/sub/a$V" "$E/copy$V" || true
  nfs-ls "$E/sub$V" || true
  sleep 1
  kill "$g" 2>/dev/null || true
  sleep 1
  kill "$rpc" 2>/dev/null || true
  kill -INT "$cap" 2>/dev/null || true
  wait 2>/dev/null || true
' sh "$tmp"
cd "$out"
rm -f nfs.pcap nfs*.out.gz
tcpdump -r "$tmp/nfs.pcap" -w nfs.pcap 2>/dev/null
for flags in "" -t -tt -ttt -tttt -ttttt -e -q -v -vv -vvv -x -xx -X -XX -A; do
  TZ=UTC tcpdump -n -r nfs.pcap $flags > "nfs${flags:-_}.out" 2>/dev/null || true
done
TZ=UTC tcpdump -n -r nfs.pcap --nano > "nfs--nano.out" 2>/dev/null || true
gzip -9n nfs*.out
ls -l nfs*
