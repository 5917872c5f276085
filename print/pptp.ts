// PPTP control messages (TCP port 1723, RFC 2637) as tcpdump 4.99 prints them (print-pptp.c):
// the common header, then each message type's fields in order; every field is read as it is
// printed, so a message cut by the capture shows what was captured of it.

import { type Ctx, hex, printjnpOut, tok } from "./_ctx.ts";

const MESSAGE = [
  "NOT_DEFINED",
  "SCCRQ",
  "SCCRP",
  "StopCCRQ",
  "StopCCRP",
  "ECHORQ",
  "ECHORP",
  "OCRQ",
  "OCRP",
  "ICRQ",
  "ICRP",
  "ICCN",
  "CCRQ",
  "CDN",
  "WEN",
  "SLI",
];
const ERR: Record<number, string> = {
  0: "None",
  1: "Not-Connected",
  2: "Bad-Format",
  3: "Bad-Value",
  4: "No-Resource",
  5: "Bad-Call-ID",
  6: "PAC-Error",
};
const BEARER_TYPE: Record<number, string> = { 1: "A", 2: "D", 3: "Any" };
const FRAME_TYPE: Record<number, string> = { 1: "A", 2: "S", 3: "E" };
const SCCRP: Record<number, string> = {
  1: "Successful channel establishment",
  2: "General error",
  3: "Command channel already exists",
  4: "Requester is not authorized to establish a command channel",
  5: "The protocol version of the requester is not supported",
};
const ECHORP: Record<number, string> = { 1: "OK", 2: "General Error" };
const OCRP: Record<number, string> = {
  1: "Connected",
  2: "General Error",
  3: "No Carrier",
  4: "Busy",
  5: "No Dial Tone",
  6: "Time-out",
  7: "Do Not Accept",
};
const ICRP: Record<number, string> = { 1: "Connect", 2: "General Error", 3: "Do Not Accept" };
const CDN: Record<number, string> = {
  1: "Lost Carrier",
  2: "General Error",
  3: "Admin Shutdown",
  4: "Request",
};
/** The result codes' names by message type (the stop reply shares the echo reply's). */
const RESULT: Record<number, Record<number, string>> = {
  2: SCCRP,
  4: ECHORP,
  6: ECHORP,
  8: OCRP,
  10: ICRP,
  13: CDN,
};

function reserved1(c: Ctx, off: number): void {
  const v = c.u8(off);
  if (v) c.print(` [ERROR: reserved=${v} must be zero]`);
}

function reserved2(c: Ctx, off: number): void {
  const v = c.u16(off);
  if (v) c.print(` [ERROR: reserved=${v} must be zero]`);
}

const u16 = (c: Ctx, name: string, off: number) => c.print(` ${name}(${c.u16(off)})`);
const u32 = (c: Ctx, name: string, off: number) => c.print(` ${name}(${c.u32(off)})`);

function result(c: Ctx, off: number, type: number): void {
  const v = c.u8(off);
  c.print(` RESULT_CODE(${v}`);
  if (c.f.v) c.print(`:${tok(RESULT[type]!, "?", v)}`);
  c.print(")");
}

function errCode(c: Ctx, off: number): void {
  const v = c.u8(off);
  c.print(` ERR_CODE(${v}`);
  if (c.f.v) c.print(`:${tok(ERR, "?", v)}`);
  c.print(")");
}

function protoVer(c: Ctx, off: number): void {
  const v = c.u16(off);
  c.print(` PROTO_VER(${v >> 8}.${v & 0xff})`);
}

function framingCap(c: Ctx, off: number): void {
  c.print(" FRAME_CAP(");
  const v = c.u32(off);
  c.print(`${v & 1 ? "A" : ""}${v & 2 ? "S" : ""})`);
}

function bearerCap(c: Ctx, off: number): void {
  const v = c.u32(off);
  c.print(` BEARER_CAP(${v & 2 ? "D" : ""}${v & 1 ? "A" : ""})`);
}

function text(c: Ctx, name: string, off: number, n: number): void {
  c.print(` ${name}(`);
  printjnpOut(c, off, n);
  c.print(")");
}

/** The fields of start-control-connection requests and replies after the result/reserved. */
function hostFields(c: Ctx, p: number): void {
  framingCap(c, p + 4);
  bearerCap(c, p + 8);
  u16(c, "MAX_CHAN", p + 12);
  u16(c, "FIRM_REV", p + 14);
  text(c, "HOSTNAME", p + 16, 64);
  text(c, "VENDOR", p + 80, 64);
}

/** pptp_print(): the control message at `off`. */
export function pptpPrint(c: Ctx, off: number, _length: number): void {
  c.proto = "pptp";
  c.print(": pptp");
  if (c.f.v) {
    c.print(` Length=${c.u16(off)}`);
    const t = c.u16(off + 2);
    c.print(t === 1 ? " CTRL-MSG" : t === 2 ? " MGMT-MSG" : " UNKNOWN-MSG-TYPE");
  }
  const mc = c.u32(off + 4);
  const cookie = hex(mc, 8);
  if (mc !== 0x1a2b3c4d) c.print(` UNEXPECTED Magic-Cookie!!(${cookie})`);
  if (c.f.v || mc !== 0x1a2b3c4d) c.print(` Magic-Cookie=${cookie}`);
  const type = c.u16(off + 8);
  c.print(type < 16 ? ` CTRL_MSGTYPE=${MESSAGE[type]}` : ` UNKNOWN_CTRL_MSGTYPE(${type})`);
  reserved2(c, off + 10);
  const p = off + 12;
  switch (type) {
    case 1: // SCCRQ
      protoVer(c, p);
      reserved2(c, p + 2);
      hostFields(c, p);
      break;
    case 2: // SCCRP
      protoVer(c, p);
      result(c, p + 2, type);
      errCode(c, p + 3);
      hostFields(c, p);
      break;
    case 3: {
      const reason = c.u8(p);
      c.print(` REASON(${reason}`);
      if (c.f.v) {
        c.print(
          reason === 1
            ? ":None"
            : reason === 2
            ? ":Stop-Protocol"
            : reason === 3
            ? ":Stop-Local-Shutdown"
            : ":?",
        );
      }
      c.print(")");
      reserved1(c, p + 1);
      reserved2(c, p + 2);
      break;
    }
    case 4:
      result(c, p, type);
      errCode(c, p + 1);
      reserved2(c, p + 2);
      break;
    case 5:
      u32(c, "ID", p);
      break;
    case 6:
      u32(c, "ID", p);
      result(c, p + 4, type);
      errCode(c, p + 5);
      reserved2(c, p + 6);
      break;
    case 7: { // OCRQ
      u16(c, "CALL_ID", p);
      u16(c, "CALL_SER_NUM", p + 2);
      u32(c, "MIN_BPS", p + 4);
      u32(c, "MAX_BPS", p + 8);
      c.print(` BEARER_TYPE(${tok(BEARER_TYPE, "?", c.u32(p + 12))})`);
      c.print(` FRAME_TYPE(${tok(FRAME_TYPE, "?", c.u32(p + 16))})`);
      u16(c, "RECV_WIN", p + 20);
      u16(c, "PROC_DELAY", p + 22);
      const phoneLen = c.u16(p + 24);
      c.print(` PHONE_NO_LEN(${phoneLen})`);
      reserved2(c, p + 26);
      text(c, "PHONE_NO", p + 28, Math.min(64, c.u16(p + 24)));
      text(c, "SUB_ADDR", p + 92, 64);
      break;
    }
    case 8: // OCRP
      u16(c, "CALL_ID", p);
      u16(c, "PEER_CALL_ID", p + 2);
      result(c, p + 4, type);
      errCode(c, p + 5);
      u16(c, "CAUSE_CODE", p + 6);
      u32(c, "CONN_SPEED", p + 8);
      u16(c, "RECV_WIN", p + 12);
      u16(c, "PROC_DELAY", p + 14);
      u32(c, "PHY_CHAN_ID", p + 16);
      break;
    case 9: { // ICRQ
      u16(c, "CALL_ID", p);
      u16(c, "CALL_SER_NUM", p + 2);
      c.print(` BEARER_TYPE(${tok(BEARER_TYPE, "?", c.u32(p + 4))})`);
      u32(c, "PHY_CHAN_ID", p + 8);
      u16(c, "DIALED_NO_LEN", p + 12);
      u16(c, "DIALING_NO_LEN", p + 14);
      text(c, "DIALED_NO", p + 16, Math.min(64, c.u16(p + 12)));
      text(c, "DIALING_NO", p + 80, Math.min(64, c.u16(p + 14)));
      text(c, "SUB_ADDR", p + 144, 64);
      break;
    }
    case 10: // ICRP
      u16(c, "CALL_ID", p);
      u16(c, "PEER_CALL_ID", p + 2);
      result(c, p + 4, type);
      errCode(c, p + 5);
      u16(c, "RECV_WIN", p + 6);
      u16(c, "PROC_DELAY", p + 8);
      reserved2(c, p + 10);
      break;
    case 11: // ICCN
      u16(c, "PEER_CALL_ID", p);
      reserved2(c, p + 2);
      u32(c, "CONN_SPEED", p + 4);
      u16(c, "RECV_WIN", p + 8);
      u16(c, "PROC_DELAY", p + 10);
      c.print(` FRAME_TYPE(${tok(FRAME_TYPE, "?", c.u32(p + 12))})`);
      break;
    case 12: // CCRQ
      u16(c, "CALL_ID", p);
      reserved2(c, p + 2);
      break;
    case 13: // CDN
      u16(c, "CALL_ID", p);
      result(c, p + 2, type);
      errCode(c, p + 3);
      u16(c, "CAUSE_CODE", p + 4);
      reserved2(c, p + 6);
      text(c, "CALL_STATS", p + 8, 128);
      break;
    case 14: // WEN
      u16(c, "PEER_CALL_ID", p);
      reserved2(c, p + 2);
      u32(c, "CRC_ERR", p + 4);
      u32(c, "FRAMING_ERR", p + 8);
      u32(c, "HARDWARE_OVERRUN", p + 12);
      u32(c, "BUFFER_OVERRUN", p + 16);
      u32(c, "TIMEOUT_ERR", p + 20);
      u32(c, "ALIGN_ERR", p + 24);
      break;
    case 15: // SLI
      u16(c, "PEER_CALL_ID", p);
      reserved2(c, p + 2);
      c.print(` SEND_ACCM(0x${hex(c.u32(p + 4), 8)})`);
      c.print(` RECV_ACCM(0x${hex(c.u32(p + 8), 8)})`);
      break;
  }
}
