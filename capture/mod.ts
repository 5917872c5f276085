/**
 * Live capture on Linux: an `AF_PACKET` socket with a memory-mapped
 * `TPACKET_V3` ring (`TPACKET_V2` in immediate mode), read from Deno through
 * FFI without blocking the event loop. libpcap's Linux backend (pcap-linux.c)
 * is the model: the same open sequence, ring geometry, frame handling and
 * statistics. One file per job: `options.ts` (options, defaults, presets and
 * their checks), `activate.ts` (the open steps), `geometry.ts` (ring layout,
 * pure), `kernel_filter.ts`, `wait.ts`, and `capture.ts` (the read API).
 *
 * @module
 */

export {
  DEFAULT_BLOCK_SIZE,
  DEFAULT_BLOCK_TIMEOUT_MS,
  DEFAULT_BUFFER_SIZE,
  RING_PRESETS,
} from "./options.ts";
export type {
  BatchOptions,
  CaptureOptions,
  CaptureStats,
  DispatchOptions,
  LoopOptions,
  RingPreset,
} from "./options.ts";
export { Capture, openCapture } from "./capture.ts";
export { SyscallError } from "../ffi/errno.ts";
export { PcapBatchWriter, type PcapBatchWriterOptions } from "./batch_writer.ts";
export { openWorkerCapture, WorkerCapture } from "./worker.ts";
export type {
  SocketOption,
  WorkerCaptureOptions,
  WorkerRunOptions,
  WorkerRunResult,
} from "./worker.ts";
export { ENGINE_CONTROL, readWorkerStats, WORKER_STATS } from "./worker_types.ts";
export type { WorkerHandler, WorkerHandlerContext, WorkerStats } from "./worker_types.ts";
export {
  DEFAULT_FANOUT_MEMBERS,
  DEFAULT_FANOUT_MODE,
  FANOUT_MODES,
  FanoutGroup,
  openFanout,
  steeringProgram,
} from "./fanout.ts";
export type {
  FanoutFailure,
  FanoutMode,
  FanoutOptions,
  FanoutRunResult,
  FanoutStats,
} from "./fanout.ts";
export { DEFAULT_TX_FRAMES, openSender, Sender, TxBatch, TxRejectedError } from "./send.ts";
export type { SenderOptions, TxFrames } from "./send.ts";
