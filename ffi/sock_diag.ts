/**
 * The sockets of this network namespace through `NETLINK_SOCK_DIAG` (linux/inet_diag.h): one
 * `SOCK_DIAG_BY_FAMILY` dump per family and protocol, answered with an `inet_diag_msg` per
 * socket (addresses, ports, state, uid, inode). What `ss -tuap` reads; the inode leads to the
 * process through `/proc/<pid>/fd`.
 *
 * @module
 */

import { check } from "./errno.ts";
import { loadLibc } from "./libc.ts";
import { formatIpv4, formatIpv6 } from "../address.ts";

const AF_NETLINK = 16;
const SOCK_DGRAM = 2;
const SOCK_CLOEXEC = 0o2000000;
const NETLINK_SOCK_DIAG = 4;
const SOCK_DIAG_BY_FAMILY = 20;
const NLM_F_REQUEST = 0x01;
const NLM_F_DUMP = 0x300; // NLM_F_ROOT | NLM_F_MATCH
const NLMSG_ERROR = 2;
const NLMSG_DONE = 3;
const NLMSG_HDRLEN = 16;
/** `struct inet_diag_msg` without attributes. */
const INET_DIAG_MSG_LEN = 72;

/** One socket as the kernel reports it. */
export interface DiagSocket {
  /** 4 or 6. */
  family: 4 | 6;
  /** 6 (TCP) or 17 (UDP). */
  protocol: number;
  /** TCP state (1 ESTABLISHED … 10 LISTEN, linux/tcp_states.h); 7 (CLOSE) for unconnected UDP. */
  state: number;
  /** Local address (`0.0.0.0` / `::` when bound to any). */
  localAddr: string;
  /** Local port. */
  localPort: number;
  /** Remote address (`0.0.0.0` / `::` when not connected). */
  remoteAddr: string;
  /** Remote port (0 when not connected). */
  remotePort: number;
  /** Owner's uid. */
  uid: number;
  /** Socket inode (0 for a socket no file refers to, e.g. TIME_WAIT). */
  inode: number;
}

/**
 * Reads the `inet_diag_msg` records of a dump reply (one or more netlink messages).
 *
 * @param bytes What one `read()` of the netlink socket returned.
 * @param protocol The protocol the dump asked for.
 * @param out Where the sockets go.
 * @returns `true` once `NLMSG_DONE` was seen; throws on `NLMSG_ERROR`.
 */
export function parseSockDiag(bytes: Uint8Array, protocol: number, out: DiagSocket[]): boolean {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let off = 0;
  while (off + NLMSG_HDRLEN <= bytes.length) {
    const len = dv.getUint32(off, true);
    const type = dv.getUint16(off + 4, true);
    if (len < NLMSG_HDRLEN || off + len > bytes.length) break;
    if (type === NLMSG_DONE) return true;
    if (type === NLMSG_ERROR) {
      const errno = -dv.getInt32(off + NLMSG_HDRLEN, true);
      check(-errno, "list the sockets", "NETLINK_SOCK_DIAG");
    }
    if (type === SOCK_DIAG_BY_FAMILY && len >= NLMSG_HDRLEN + INET_DIAG_MSG_LEN) {
      const m = off + NLMSG_HDRLEN;
      const family = bytes[m] === 10 ? 6 : 4;
      // inet_diag_sockid at m + 4: sport, dport (big-endian), src[16], dst[16], if, cookie.
      const id = m + 4;
      out.push({
        family,
        protocol,
        state: bytes[m + 1]!,
        localPort: dv.getUint16(id),
        remotePort: dv.getUint16(id + 2),
        localAddr: family === 4 ? formatIpv4(bytes, id + 4) : formatIpv6(bytes, id + 4),
        remoteAddr: family === 4 ? formatIpv4(bytes, id + 20) : formatIpv6(bytes, id + 20),
        uid: dv.getUint32(m + 64, true),
        inode: dv.getUint32(m + 68, true),
      });
    }
    off += (len + 3) & ~3;
  }
  return false;
}

/**
 * Lists the TCP and UDP sockets of the current network namespace, IPv4 and IPv6.
 *
 * @returns Every socket, listening ones included.
 * @throws {SyscallError} When the netlink socket cannot be opened or asked.
 * @example List the local sockets (Linux, `--allow-ffi`)
 * ```ts ignore
 * import { listInetSockets } from "@tpacket/tpacket";
 * for (const s of listInetSockets()) console.log(s.localAddr, s.localPort, s.inode);
 * ```
 */
export function listInetSockets(): DiagSocket[] {
  const { c, errno } = loadLibc();
  const ret = (r: number | bigint): number => (Number(r) < 0 ? -errno() : Number(r));
  const fd = check(
    ret(c.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG)),
    "list the sockets",
    "socket(AF_NETLINK, NETLINK_SOCK_DIAG)",
  );
  const out: DiagSocket[] = [];
  try {
    const req = new Uint8Array(NLMSG_HDRLEN + 56);
    const dv = new DataView(req.buffer);
    const buf = new Uint8Array(64 * 1024);
    let seq = 0;
    for (const family of [2, 10]) {
      for (const protocol of [6, 17]) {
        req.fill(0);
        dv.setUint32(0, req.length, true);
        dv.setUint16(4, SOCK_DIAG_BY_FAMILY, true);
        dv.setUint16(6, NLM_F_REQUEST | NLM_F_DUMP, true);
        dv.setUint32(8, ++seq, true);
        // struct inet_diag_req_v2: family, protocol, ext, pad, states (all), sockid (any).
        req[16] = family;
        req[17] = protocol;
        dv.setUint32(20, 0xffffffff, true);
        check(
          ret(c.send(fd, req, BigInt(req.length), 0)),
          "list the sockets",
          "send(NETLINK_SOCK_DIAG)",
        );
        for (;;) {
          const n = check(
            ret(c.read(fd, buf, BigInt(buf.length))),
            "list the sockets",
            "read(NETLINK_SOCK_DIAG)",
          );
          if (n === 0 || parseSockDiag(buf.subarray(0, n), protocol, out)) break;
        }
      }
    }
  } finally {
    c.close(fd);
  }
  return out;
}
