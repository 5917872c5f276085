// L2TPv2 (RFC 2661, UDP 1701) as tcpdump 4.99 prints it (l2tp_print() of print-l2tp.c): the
// header flags, tunnel and session ids, sequence numbers; control messages' AVPs by name with
// their values; data messages' PPP frame in braces.

import { type Ctx, printn, tok, Truncated } from "./_ctx.ts";

const MSG_TYPES: Record<number, string> = {
  1: "SCCRQ",
  2: "SCCRP",
  3: "SCCCN",
  4: "StopCCN",
  6: "HELLO",
  7: "OCRQ",
  8: "OCRP",
  9: "OCCN",
  10: "ICRQ",
  11: "ICRP",
  12: "ICCN",
  14: "CDN",
  15: "WEN",
  16: "SLI",
};

const AVP_NAMES: Record<number, string> = {
  0: "MSGTYPE",
  1: "RESULT_CODE",
  2: "PROTO_VER",
  3: "FRAMING_CAP",
  4: "BEARER_CAP",
  5: "TIE_BREAKER",
  6: "FIRM_VER",
  7: "HOST_NAME",
  8: "VENDOR_NAME",
  9: "ASSND_TUN_ID",
  10: "RECV_WIN_SIZE",
  11: "CHALLENGE",
  12: "Q931_CC",
  13: "CHALLENGE_RESP",
  14: "ASSND_SESS_ID",
  15: "CALL_SER_NUM",
  16: "MINIMUM_BPS",
  17: "MAXIMUM_BPS",
  18: "BEARER_TYPE",
  19: "FRAMING_TYPE",
  20: "PACKET_PROC_DELAY",
  21: "CALLED_NUMBER",
  22: "CALLING_NUMBER",
  23: "SUB_ADDRESS",
  24: "TX_CONN_SPEED",
  25: "PHY_CHANNEL_ID",
  26: "INI_RECV_LCP",
  27: "LAST_SENT_LCP",
  28: "LAST_RECV_LCP",
  29: "PROXY_AUTH_TYPE",
  30: "PROXY_AUTH_NAME",
  31: "PROXY_AUTH_CHAL",
  32: "PROXY_AUTH_ID",
  33: "PROXY_AUTH_RESP",
  34: "CALL_ERRORS",
  35: "ACCM",
  36: "RANDOM_VECTOR",
  37: "PRIVATE_GRP_ID",
  38: "RX_CONN_SPEED",
  39: "SEQ_REQUIRED",
  46: "PPP_DISCON_CC",
};

const AUTH_TYPES: Record<number, string> = {
  0: "Reserved",
  1: "Textual",
  2: "CHAP",
  3: "PAP",
  4: "No Auth",
  5: "MS-CHAPv1",
};

const DIRECTIONS: Record<number, string> = { 0: "global error", 1: "at peer", 2: "at local" };

const SHORT = "AVP too short";

function octets(c: Ctx, p: number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += c.u8(p + i).toString(16).padStart(2, "0");
  return s;
}

/** "A" and "S"/"D" letters of a 32-bit capability or type field (bit 1, then bit 0). */
function letters(c: Ctx, p: number, len: number, bit0: string): string {
  if (len < 4) return SHORT;
  const v = c.u32(p);
  return (v & 2 ? "A" : "") + (v & 1 ? bit0 : "");
}

/** The value of the IETF AVP `type` of `len` bytes at `p`. */
function avpValue(c: Ctx, type: number, p: number, len: number): string {
  switch (type) {
    case 0:
      return len < 2 ? SHORT : tok(MSG_TYPES, "MSGTYPE-#%u", c.u16(p));
    case 1: {
      if (len < 2) return SHORT;
      let s = String(c.u16(p));
      if (len === 2) return s;
      if (len < 4) return s + " " + SHORT;
      s += `/${c.u16(p + 2)}`;
      if (len === 4) return s;
      return s + " " + printn(c, p + 4, len - 4);
    }
    case 2:
      return len < 2 ? SHORT : `${c.u16(p) >> 8}.${c.u16(p) & 0xff}`;
    case 3:
    case 19:
      return letters(c, p, len, "S");
    case 4:
    case 18:
      return letters(c, p, len, "D");
    case 5:
      return len < 8 ? SHORT : octets(c, p, 8);
    case 6:
    case 9:
    case 10:
    case 14:
      return len < 2 ? SHORT : String(c.u16(p));
    case 7:
    case 8:
    case 21:
    case 22:
    case 23:
    case 30:
    case 37:
      return printn(c, p, len);
    case 11:
    case 26:
    case 27:
    case 28:
    case 31:
    case 33:
    case 36:
      return octets(c, p, len);
    case 12: {
      if (len < 3) return SHORT;
      const s = `${c.u16(p)}, ${c.u8(p + 2).toString(16).padStart(2, "0")}`;
      return len > 3 ? `${s} ${printn(c, p + 3, len - 3)}` : s;
    }
    case 13:
      return len < 16 ? SHORT : octets(c, p, 16);
    case 15:
    case 16:
    case 17:
    case 24:
    case 25:
    case 38:
      return len < 4 ? SHORT : String(c.u32(p));
    case 20:
      return "obsolete";
    case 29:
      return len < 2 ? SHORT : tok(AUTH_TYPES, "AuthType-#%u", c.u16(p));
    case 32:
      return len < 2 ? SHORT : String(c.u16(p) & 0xff);
    case 34: {
      if (len < 2) return SHORT;
      let s = "";
      let q = p + 2, left = len - 2;
      for (const name of ["CRCErr", "FrameErr", "HardOver", "BufOver", "Timeout", "AlignErr"]) {
        if (left < 4) return s + SHORT;
        s += `${name}=${c.u32(q)} `;
        q += 4, left -= 4;
      }
      return s;
    }
    case 35: {
      if (len < 2) return SHORT;
      if (len < 6) return SHORT;
      let s = `send=${c.u32(p + 2).toString(16).padStart(8, "0")} `;
      if (len < 10) return s + SHORT;
      s += `recv=${c.u32(p + 6).toString(16).padStart(8, "0")} `;
      return s;
    }
    case 46: {
      if (len < 5) return SHORT;
      let s = `${c.u16(p).toString(16).padStart(4, "0")}, ${
        c.u16(p + 2).toString(16).padStart(4, "0")
      } ${tok(DIRECTIONS, "Direction-#%u", c.u8(p + 4))}`;
      if (len > 5) s += " " + printn(c, p + 5, len - 5);
      return s;
    }
    default:
      return "";
  }
}

/** l2tp_avp_print(): one AVP; its length, or 0 when it is cut or malformed. */
function avpPrint(c: Ctx, p: number, length: number): number {
  c.print(" ");
  const len = c.u16(p) & 0x03ff;
  if (len < 6 || len > length || !c.has(p, len)) {
    c.trunc();
    return 0;
  }
  const flags = c.u16(p);
  if (flags & 0x8000) c.print("*");
  const hidden = (flags & 0x4000) !== 0;
  if (hidden) c.print("?");
  const vendor = c.u16(p + 2), type = c.u16(p + 4);
  if (vendor) {
    c.print(
      `VENDOR${vendor.toString(16).padStart(4, "0")}:ATTR${type.toString(16).padStart(4, "0")}(${
        octets(c, p + 6, len - 6)
      })`,
    );
  } else {
    c.print(
      `${tok(AVP_NAMES, "AVP-#%u", type)}(${hidden ? "???" : avpValue(c, type, p + 6, len - 6)})`,
    );
  }
  return len;
}

/** l2tp_print(): the L2TP message of `length` bytes at `dat`. */
export function l2tpPrint(c: Ctx, dat: number, length: number): void {
  c.proto = "l2tp";
  const w = c.u16(dat);
  if ((w & 0x000f) === 1) return c.print(" l2f:");
  if ((w & 0x000f) !== 2) return c.print(" Unknown Version, neither L2F(1) nor L2TP(2)");
  const t = (w & 0x8000) !== 0, l = (w & 0x4000) !== 0, s = (w & 0x0800) !== 0;
  const o = (w & 0x0200) !== 0;
  c.print(
    ` l2tp:[${t ? "T" : ""}${l ? "L" : ""}${s ? "S" : ""}${o ? "O" : ""}${w & 0x0100 ? "P" : ""}]`,
  );
  let p = dat + 2, cnt = 2, l2tpLen = 0;
  if (l) {
    l2tpLen = c.u16(p);
    p += 2, cnt += 2;
  }
  c.print(`(${c.u16(p)}/`);
  c.print(`${c.u16(p + 2)})`);
  p += 4, cnt += 4;
  if (s) {
    c.print(`Ns=${c.u16(p)},`);
    c.print(`Nr=${c.u16(p + 2)}`);
    p += 4, cnt += 4;
  }
  if (o) {
    const pad = c.u16(p);
    if (!c.has(p + 2, pad)) return c.trunc();
    p += 2 + pad, cnt += 2 + pad;
  }
  if (l) {
    if (length < l2tpLen) return c.print(` Length ${l2tpLen} larger than packet`);
    length = l2tpLen;
  }
  if (length < cnt) return c.print(` Length ${length} smaller than header length`);
  if (t) {
    if (!l) return c.print(" No length");
    if (length - cnt === 0) return c.print(" ZLB");
    while (length - cnt !== 0) {
      const n = avpPrint(c, p, length - cnt);
      if (n === 0) break;
      cnt += n, p += n;
    }
  } else {
    c.print(" {");
    try {
      c.d.ppp(c, p, length - cnt);
    } catch (e) {
      // an ND_TCHECK in the payload's printer returns to here in tcpdump; a GET_ does not
      if (!(e instanceof Truncated) || !e.soft) throw e;
      c.trunc();
      c.print(e.suffix);
    }
    c.print("}");
  }
}
