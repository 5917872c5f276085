// LINKTYPE_VSOCK as tcpdump 4.99 prints it (print-vsock.c): the vsockmon header (transport,
// CIDs and ports, operation), the virtio transport header at -v, the payload's bytes at -vv.
// All fields are little-endian.

import type { Ctx } from "./_ctx.ts";

/** Byte offsets of struct af_vsockmon_hdr (32 bytes). */
const VSOCK_FIELD = { SRC_CID: 0, DST_CID: 8, SRC_PORT: 16, DST_PORT: 20, OP: 24, TRANSPORT: 26 };
const VSOCK_HDR_LEN = 32;
/** Byte offsets of struct virtio_vsock_hdr (44 bytes), after the vsockmon header. */
const VIRTIO_FIELD = { LEN: 24, TYPE: 28, OP: 30, FLAGS: 32, BUF_ALLOC: 36, FWD_CNT: 40 };
const VIRTIO_HDR_LEN = 44;
const TRANSPORT_VIRTIO = 2;
const OP_PAYLOAD = 4;

const TRANSPORTS = ["UNKNOWN", "NO_INFO", "VIRTIO"];
const OPS = ["UNKNOWN", "CONNECT", "DISCONNECT", "CONTROL", "PAYLOAD"];
const VIRTIO_OPS = [
  "INVALID",
  "REQUEST",
  "RESPONSE",
  "RST",
  "SHUTDOWN",
  "RW",
  "CREDIT UPDATE",
  "CREDIT REQUEST",
];

const le16 = (c: Ctx, off: number) => c.u8(off) | (c.u8(off + 1) << 8);
const le32 = (c: Ctx, off: number) => (le16(c, off) | (le16(c, off + 2) << 16)) >>> 0;
const le64 = (c: Ctx, off: number) =>
  (BigInt(le32(c, off + 4)) << 32n | BigInt(le32(c, off))).toString();

/** vsock_if_print(); returns the link header length (the 44-byte vsock header; -x dumps the rest). */
export function vsockPrint(c: Ctx): number {
  c.proto = "vsock";
  const len = c.end;
  if (len < VSOCK_HDR_LEN) {
    c.trunc();
    return len;
  }
  c.llHdrLen = VSOCK_HDR_LEN;
  const transport = le16(c, VSOCK_FIELD.TRANSPORT);
  c.print(TRANSPORTS[transport] ?? `Invalid transport (${transport})`);
  const transportLen = transport === TRANSPORT_VIRTIO ? VIRTIO_HDR_LEN : 0;
  let cut = false;
  if (c.f.v) {
    // vsock_transport_hdr_print(): refused (and then no line break) when the header is cut.
    if (len < VSOCK_HDR_LEN + transportLen) cut = true;
    else {
      if (transport === TRANSPORT_VIRTIO) {
        const h = VSOCK_HDR_LEN;
        const type = le16(c, h + VIRTIO_FIELD.TYPE), op = le16(c, h + VIRTIO_FIELD.OP);
        c.print(
          ` (len ${le32(c, h + VIRTIO_FIELD.LEN)}, type ${
            type === 1 ? "STREAM" : `Invalid type (${type})`
          }, op ${VIRTIO_OPS[op] ?? `Invalid op (${op})`}, flags ${
            le32(c, h + VIRTIO_FIELD.FLAGS).toString(16)
          }, buf_alloc ${le32(c, h + VIRTIO_FIELD.BUF_ALLOC)}, fwd_cnt ${
            le32(c, h + VIRTIO_FIELD.FWD_CNT)
          })`,
        );
      }
      c.print("\n\t");
    }
  } else c.print(" ");
  const op = le16(c, VSOCK_FIELD.OP);
  c.print(
    `${le64(c, VSOCK_FIELD.SRC_CID)}.${le32(c, VSOCK_FIELD.SRC_PORT)} > ${
      le64(c, VSOCK_FIELD.DST_CID)
    }.${le32(c, VSOCK_FIELD.DST_PORT)} ${OPS[op] ?? ` invalid op (${op})`}, length ${len}`,
  );
  if (cut) {
    c.trunc();
    return VSOCK_HDR_LEN;
  }
  const total = VSOCK_HDR_LEN + transportLen;
  if (c.f.v > 1 && op === OP_PAYLOAD) {
    if (len > total) {
      c.print("\n");
      c.hexData(total, "\t", len - total);
    } else c.trunc();
  }
  return VSOCK_HDR_LEN;
}
