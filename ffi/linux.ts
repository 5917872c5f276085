/**
 * Linux constants for packet sockets, kept in the kernel's spelling; the file
 * each one comes from is named above it. Values are those of x86-64 and arm64.
 *
 * @module
 */

// linux/socket.h, asm-generic/socket.h
/** Packet socket family. */
export const AF_PACKET = 17;
/** Socket level for `SO_*` options. */
export const SOL_SOCKET = 1;
/** Level of the `PACKET_*` options. */
export const SOL_PACKET = 263;
/** Attach a classic BPF program (`struct sock_fprog`). */
export const SO_ATTACH_FILTER = 26;
/** Remove the attached filter. */
export const SO_DETACH_FILTER = 27;
/** Read and clear the socket's pending error (`int`). */
export const SO_ERROR = 4;

// linux/net.h, asm-generic/fcntl.h
/** Raw link-layer frames. */
export const SOCK_RAW = 3;
/** Frames without their link-layer header ("cooked"). */
export const SOCK_DGRAM = 2;
/** Close on exec (`O_CLOEXEC`). */
export const SOCK_CLOEXEC = 0o2000000;

// linux/if_ether.h
/** Every protocol, as a socket or bind protocol (host order 0x0003). */
export const ETH_P_ALL = 0x0003;

// linux/if_packet.h: socket options
/** Join a packet membership (`struct packet_mreq`). */
export const PACKET_ADD_MEMBERSHIP = 1;
/** Leave a packet membership. */
export const PACKET_DROP_MEMBERSHIP = 2;
/** Set up the receive ring (`struct tpacket_req` / `tpacket_req3`). */
export const PACKET_RX_RING = 5;
/** Read and reset the counters (`struct tpacket_stats` / `tpacket_stats_v3`). */
export const PACKET_STATISTICS = 6;
/** Ring layout version (`TPACKET_V2`, `TPACKET_V3`). */
export const PACKET_VERSION = 10;
/** Headroom in bytes in front of each frame's link-layer header. */
export const PACKET_RESERVE = 12;
/** Do not deliver the socket's outgoing packets (Linux 4.20). */
export const PACKET_IGNORE_OUTGOING = 23;
/** Join a fanout group: `int` id | type_flags << 16, or `struct fanout_args` (Linux 5.9). */
export const PACKET_FANOUT = 18;
/** The group's steering program (`struct sock_fprog` for `PACKET_FANOUT_CBPF`). */
export const PACKET_FANOUT_DATA = 22;
/** `PACKET_FANOUT` types: how the group picks a member. */
export const PACKET_FANOUT_HASH = 0;
export const PACKET_FANOUT_LB = 1;
export const PACKET_FANOUT_CPU = 2;
export const PACKET_FANOUT_ROLLOVER = 3;
export const PACKET_FANOUT_RND = 4;
export const PACKET_FANOUT_QM = 5;
export const PACKET_FANOUT_CBPF = 6;
/** `PACKET_FANOUT` flags (in type_flags): overflow to the next member when a ring is full. */
export const PACKET_FANOUT_FLAG_ROLLOVER = 0x1000;
/** The kernel picks an unused group id (id must be 0; the first member only). */
export const PACKET_FANOUT_FLAG_UNIQUEID = 0x2000;
/** The group does not see outgoing packets. */
export const PACKET_FANOUT_FLAG_IGNORE_OUTGOING = 0x4000;
/** Reassemble IPv4 fragments before steering. */
export const PACKET_FANOUT_FLAG_DEFRAG = 0x8000;
/** `packet_mreq.mr_type`: promiscuous mode. */
export const PACKET_MR_PROMISC = 1;
// TPACKET_V2 / TPACKET_V3 and the ring's structs live in ring/layout.ts, their one home.

// linux/sockios.h
/** Interface name → index (`struct ifreq.ifr_ifindex`). */
export const SIOCGIFINDEX = 0x8933;
/** Hardware address and `ARPHRD_*` type (`ifr_hwaddr.sa_family`). */
export const SIOCGIFHWADDR = 0x8927;
/** Interface MTU (`ifr_mtu`). */
export const SIOCGIFMTU = 0x8921;

// linux/ethtool.h
/** Get TCP segmentation offload. */
export const ETHTOOL_GTSO = 0x1e;
/** Get generic segmentation offload. */
export const ETHTOOL_GGSO = 0x23;
/** Get generic receive offload. */
export const ETHTOOL_GGRO = 0x2b;
/** Get the feature flags word (`ETH_FLAG_LRO` = 1 << 15). */
export const ETHTOOL_GFLAGS = 0x25;
/** `ETHTOOL_GFLAGS` bit: large receive offload. */
export const ETH_FLAG_LRO = 1 << 15;

// linux/if.h
/** `struct ifreq` size; the name takes the first `IFNAMSIZ` bytes. */
export const IFREQ_SIZE = 40;
/** Longest interface name, with its NUL. */
export const IFNAMSIZ = 16;

// linux/if_arp.h: hardware types read by SIOCGIFHWADDR
/** `ARPHRD_*` values this package maps to a link type. */
export const ARPHRD = {
  ETHER: 1,
  SLIP: 256,
  CSLIP: 257,
  SLIP6: 258,
  CSLIP6: 259,
  RAWHDLC: 518,
  RAWIP: 519,
  TUNNEL: 768,
  TUNNEL6: 769,
  LOOPBACK: 772,
  SIT: 776,
  IEEE80211_RADIOTAP: 803,
  NONE: 0xfffe,
} as const;

// poll.h
/** Readable. */
export const POLLIN = 0x001;
/** Error condition (the interface went down: `ENETDOWN` pending). */
export const POLLERR = 0x008;
/** Hung up. */
export const POLLHUP = 0x010;
/** Invalid fd. */
export const POLLNVAL = 0x020;

// asm-generic/errno.h
/** Interrupted system call. */
export const EINTR = 4;
/** Out of memory. */
export const ENOMEM = 12;
/** Invalid argument. */
export const EINVAL = 22;
/** No such device. */
export const ENODEV = 19;
/** Protocol not available (unknown socket option). */
export const ENOPROTOOPT = 92;
/** No space left (a fanout group is full). */
export const ENOSPC = 28;
/** Network is down. */
export const ENETDOWN = 100;
/** Operation not supported. */
export const EOPNOTSUPP = 95;

/** A `struct ifreq` (or `struct iwreq`, as long) holding `name` (at most 15 bytes of it). */
export function ifreqFor(name: string, size: number = IFREQ_SIZE): Uint8Array {
  const ifreq = new Uint8Array(size);
  new TextEncoder().encodeInto(name, ifreq.subarray(0, IFNAMSIZ - 1));
  return ifreq;
}

/** A NUL-terminated copy of `text` for a `const char *` argument. */
export function cString(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 3 + 1);
  const { written } = new TextEncoder().encodeInto(text, bytes);
  return bytes.subarray(0, written + 1);
}
