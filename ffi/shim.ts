/**
 * The {@linkcode Backend} over the C shim: every call returns >= 0 or -errno.
 *
 * @module
 */

import type { FlowBatchCounter, FlowTableMemory, FlowTopScan } from "../flows/_native.ts";
import { type Backend, makeMapping, type Mapping, sockFprog } from "./types.ts";
import { SHIM_SYMBOLS, waitThreadWanted } from "./symbols.ts";
import { startWaitThread, type WaiterSymbols } from "./waiter.ts";
import { cString } from "./linux.ts";

/**
 * Opens the shim library at `path` and wraps it.
 *
 * @param path File path of `libtpacket.so`.
 * @returns The backend.
 */
export function openShimBackend(path: string): Backend {
  const s = Deno.dlopen(path, SHIM_SYMBOLS).symbols;
  const intBox = new Int32Array(1);
  const intBytes = new Uint8Array(intBox.buffer);
  const waiter = s.pk_waiter_start !== null && s.pk_waiter_arm !== null &&
      s.pk_waiter_stop !== null && waitThreadWanted()
    ? s as WaiterSymbols
    : undefined;
  const writeRecords = s.pk_write_records;
  const walkV3 = s.pk_walk_v3;
  const walkV3Frames = s.pk_walk_v3_frames;
  const takeV3 = s.pk_take_v3;
  const monotonicMs = s.pk_monotonic_ms;
  const flowCount = s.pk_flow_count;
  const flowTop = s.pk_flow_top;
  return {
    kind: "shim",
    socket: (domain, type, protocol) => s.pk_socket(domain, type, protocol),
    setsockopt: (fd, level, name, value) =>
      s.pk_setsockopt(fd, level, name, value, value.byteLength),
    setsockoptInt(fd, level, name, value) {
      intBox[0] = value;
      return s.pk_setsockopt(fd, level, name, intBytes, 4);
    },
    getsockopt: (fd, level, name, value) =>
      s.pk_getsockopt(fd, level, name, value, value.byteLength),
    bind: (fd, addr) => s.pk_bind(fd, addr, addr.byteLength),
    mmap(fd, len): Mapping | number {
      const out = new BigUint64Array(1);
      const r = s.pk_mmap(fd, BigInt(len), new Uint8Array(out.buffer));
      if (r < 0) return r;
      const ptr = Deno.UnsafePointer.create(out[0]!);
      if (ptr === null) return -14; // EFAULT: cannot happen, mmap never returns NULL here
      const buffer = Deno.UnsafePointerView.getArrayBuffer(ptr, len);
      return makeMapping(buffer, () => s.pk_munmap(ptr, BigInt(len)));
    },
    poll: (fd, efd, timeoutMs) => s.pk_poll(fd, efd, timeoutMs),
    pollSync: (fd, efd, timeoutMs) => s.pk_poll_sync(fd, efd, timeoutMs),
    ...(waiter === undefined
      ? {}
      : { startWaitThread: (fd: number, efd: number) => startWaitThread(waiter, fd, efd) }),
    eventfd: () => s.pk_eventfd(),
    eventfdSignal: (efd) => s.pk_eventfd_signal(efd),
    eventfdDrain: (efd) => s.pk_eventfd_drain(efd),
    ioctl: (fd, request, ifreq) => s.pk_ioctl(fd, BigInt(request), ifreq),
    ethtoolGet: (fd, ifname, cmd) => s.pk_ethtool_get(fd, cString(ifname), cmd),
    attachFilter: (fd, insns, count) => s.pk_attach_filter(fd, insns, count),
    setsockoptProgram(fd, level, name, insns, count) {
      const prog = sockFprog(insns, count);
      return s.pk_setsockopt(fd, level, name, prog, prog.byteLength);
    },
    send: (fd, bytes) => s.pk_send(fd, bytes, BigInt(bytes.byteLength)),
    open: (path, flags, mode) => s.pk_open(cString(path), flags, mode),
    writev: (fd, iov, count) => Number(s.pk_writev(fd, iov, count)),
    ...writeRecords === null ? {} : {
      writeRecords: (fd, ring, offsets, capLens, wireLens, secs, nsecs, count, micro, scratch) =>
        Number(
          writeRecords(
            fd,
            ring,
            offsets,
            capLens,
            wireLens,
            secs,
            nsecs,
            count,
            micro ? 1 : 0,
            scratch,
            scratch.byteLength,
          ),
        ),
    },
    ...walkV3 === null ? {} : { walkV3 },
    ...walkV3Frames === null ? {} : { walkV3Frames },
    ...walkV3 === null || takeV3 === null || monotonicMs === null ? {} : {
      takeV3,
      monotonicMs: () => monotonicMs(),
    },
    ...flowCount === null ? {} : {
      flowCounter: (m: FlowTableMemory): FlowBatchCounter => {
        const count: FlowBatchCounter = (
          state,
          bytes,
          offsets,
          capLens,
          wireLens,
          secs,
          nsecs,
          from,
          n,
          ifIndex,
        ) =>
          flowCount(
            state,
            m.index,
            m.keys,
            m.hot,
            m.cold,
            m.icmp,
            m.born,
            m.free,
            m.live,
            m.mix,
            m.rate,
            bytes,
            offsets,
            capLens,
            wireLens,
            secs,
            nsecs,
            from,
            n,
            ifIndex,
          );
        if (flowTop === null) return count;
        // The table's top() scan, for the same memory.
        const top: FlowTopScan = (mode, from, now, epoch, heapScore, heapSlot, end) =>
          flowTop(
            m.hot,
            m.born,
            m.marks,
            2 * m.live.length, // a row of marks: two directions of every slot
            m.live,
            end,
            mode,
            from,
            now,
            epoch,
            heapScore,
            heapSlot,
            heapScore.length,
          );
        return Object.assign(count, { top });
      },
    },
    sendmmsg: (fd, pool, offsets, lengths, count) =>
      s.pk_sendmmsg(
        fd,
        pool,
        new Uint8Array(offsets.buffer, offsets.byteOffset, count * 4),
        new Uint8Array(lengths.buffer, lengths.byteOffset, count * 4),
        count,
      ),
    txFill: (ring, frameSize, frameCount, head, pool, offsets, lengths, count, dataOffset) =>
      s.pk_tx_fill(
        ring,
        frameSize,
        frameCount,
        head,
        pool,
        new Uint8Array(offsets.buffer, offsets.byteOffset, count * 4),
        new Uint8Array(lengths.buffer, lengths.byteOffset, count * 4),
        count,
        dataOffset,
      ),
    monotonicNs: () => s.pk_monotonic_ns(),
    sleepUntilNs: (ns) => s.pk_sleep_until(ns),
    pageSize: () => s.pk_pagesize(),
    close: (fd) => s.pk_close(fd),
  };
}
