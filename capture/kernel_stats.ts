/**
 * Running totals of the kernel's `PACKET_STATISTICS`, which resets its
 * counters on every read (af_packet.c), so each read is added here.
 *
 * @module
 */

import { check } from "../ffi/errno.ts";
import { PACKET_STATISTICS, SOL_PACKET } from "../ffi/linux.ts";
import type { Handles } from "./activate.ts";

/** `sizeof(struct tpacket_stats_v3)`; V2's `struct tpacket_stats` is its first 8 bytes. */
const PACKET_STATS_V3_LEN = 12;

/** The kernel's counters since open. */
export class KernelStats {
  /** Packets that reached the socket, drops included (`tp_packets`). */
  received = 0;
  /** Packets dropped because the ring was full (`tp_drops`). */
  dropped = 0;
  /** Times the V3 queue froze (`tp_freeze_q_cnt`). */
  freezes = 0;
  readonly #buf = new Uint8Array(PACKET_STATS_V3_LEN);
  readonly #dv = new DataView(this.#buf.buffer);

  /** Reads and adds the counters since the last read. */
  read(h: Handles): void {
    const buf = this.#buf;
    buf.fill(0);
    const r = h.b.getsockopt(h.fd, SOL_PACKET, PACKET_STATISTICS, buf);
    check(r, `read statistics of ${JSON.stringify(h.device)}`, "getsockopt(PACKET_STATISTICS)");
    const dv = this.#dv;
    // tpacket_stats(_v3): tp_packets already includes tp_drops (af_packet.c adds them).
    this.received += dv.getUint32(0, true);
    this.dropped += dv.getUint32(4, true);
    if (r >= PACKET_STATS_V3_LEN) this.freezes += dv.getUint32(8, true);
  }
}
