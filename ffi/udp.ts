/**
 * A connected UDP socket through libc, for senders that must hear about an unreachable peer:
 * on a connected socket the kernel turns the ICMP "port unreachable" of one datagram into
 * `ECONNREFUSED` on a later `send()`. (Deno's own datagram API needs `--unstable-net` and does
 * not connect.)
 *
 * @module
 */

import { check, SyscallError } from "./errno.ts";
import { loadLibc } from "./libc.ts";

const AF_INET = 2;
const AF_INET6 = 10;
const SOCK_DGRAM = 2;
const SOCK_CLOEXEC = 0o2000000;
const MSG_DONTWAIT = 0x40;

/** Bytes of an IPv4 or IPv6 address literal, or `undefined`. */
function addressBytes(address: string): Uint8Array | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) {
    const parts = address.split(".").map(Number);
    return parts.every((n) => n <= 255) ? Uint8Array.from(parts) : undefined;
  }
  if (!address.includes(":")) return undefined;
  const halves = address.split("::");
  if (halves.length > 2) return undefined;
  const groups = (
    s: string,
  ) => (s === ""
    ? []
    : s.split(":").map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN)));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const fill = 8 - head.length - tail.length;
  if (fill < 0 || (halves.length === 1 && fill !== 0)) return undefined;
  const all = [...head, ...new Array<number>(fill).fill(0), ...tail];
  if (!all.every(Number.isInteger)) return undefined;
  return Uint8Array.from(all.flatMap((g) => [g >> 8, g & 255]));
}

/** A UDP socket connected to one peer. */
export interface UdpSender {
  /** The peer, `address:port`. */
  readonly peer: string;
  /**
   * Sends one datagram without blocking.
   *
   * @throws {SyscallError} `ECONNREFUSED` once the peer answered an earlier one with ICMP
   *   port unreachable; `EAGAIN` when the socket buffer is full.
   */
  send(data: Uint8Array): void;
  /** Closes the socket; idempotent. */
  close(): void;
}

/**
 * Opens a UDP socket connected to `address:port` (an IPv4 or IPv6 literal).
 *
 * @param address The peer's address.
 * @param port The peer's port.
 * @returns The sender.
 * @throws {TypeError} When `address` is not an address literal.
 * @example Send a datagram to a local port (`--allow-ffi`)
 * ```ts ignore
 * import { openUdpSender } from "@tpacket/tpacket";
 * using udp = openUdpSender("127.0.0.1", 2055);
 * udp.send(new Uint8Array([1, 2, 3]));
 * ```
 */
export function openUdpSender(address: string, port: number): UdpSender & Disposable {
  const bytes = addressBytes(address);
  if (!bytes) throw new TypeError(`Cannot send to "${address}": not an IPv4 or IPv6 address`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new RangeError(`Cannot send to port ${port}: expected 1 to 65535`);
  }
  const v6 = bytes.length === 16;
  const sa = new Uint8Array(v6 ? 28 : 16);
  const dv = new DataView(sa.buffer);
  dv.setUint16(0, v6 ? AF_INET6 : AF_INET, true);
  dv.setUint16(2, port);
  sa.set(bytes, v6 ? 8 : 4);
  const peer = v6 ? `[${address}]:${port}` : `${address}:${port}`;
  const { c, errno } = loadLibc();
  const ret = (r: number | bigint): number => (Number(r) < 0 ? -errno() : Number(r));
  const step = `send to ${peer}`;
  const fd = check(
    ret(c.socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)),
    step,
    "socket",
  );
  const r = ret(c.connect(fd, sa, sa.length));
  if (r < 0) {
    c.close(fd);
    throw new SyscallError(step, "connect", -r);
  }
  let open = true;
  const close = () => {
    if (open) c.close(fd);
    open = false;
  };
  return {
    peer,
    send(data) {
      check(ret(c.send(fd, data, BigInt(data.length), MSG_DONTWAIT)), step, "send");
    },
    close,
    [Symbol.dispose]: close,
  };
}
