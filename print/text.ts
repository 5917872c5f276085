// Text protocols as tcpdump 4.99 prints them: the SSH banner (print-ssh.c), syslog
// (print-syslog.c), and the line-oriented protocols picked by TCP port: HTTP, FTP, SMTP, WHOIS, RTSP, and SIP
// (txtproto_print() of print-ascii.c).

import { type Ctx, hexOnly, printjnpOut } from "./_ctx.ts";

/** ssh_print(): the version banner, when the segment starts with one. */
export function sshPrint(c: Ctx, off: number, len: number): void {
  c.proto = "ssh";
  // ssh_print_version() reads "SSH-" byte by byte: a byte not captured is "[|ssh]"
  if (
    c.u8(off) !== 0x53 || c.u8(off + 1) !== 0x53 || c.u8(off + 2) !== 0x48 || c.u8(off + 3) !== 0x2d
  ) return;
  for (let idx = 4; idx < len; idx++) {
    const ch = c.u8(off + idx);
    let end = -1;
    if (ch === 0x0a) end = idx;
    else if (ch === 0x0d) {
      if (idx + 1 >= len || c.u8(off + idx + 1) !== 0x0a) return;
      end = idx;
    } else if (ch < 0x20 || ch > 0x7e) return;
    if (end >= 0) {
      let s = "";
      for (let i = 0; i < end; i++) s += String.fromCharCode(c.u8(off + i));
      c.print(`: SSH: ${s}`);
      return;
    }
  }
}

const SYSLOG_FACILITY = [
  "kernel",
  "user",
  "mail",
  "daemon",
  "auth",
  "syslog",
  "lpr",
  "news",
  "uucp",
  "cron",
  "authpriv",
  "ftp",
  "ntp",
  "security",
  "console",
  "cron",
  "local0",
  "local1",
  "local2",
  "local3",
  "local4",
  "local5",
  "local6",
  "local7",
];
const SYSLOG_SEVERITY = [
  "emergency",
  "alert",
  "critical",
  "error",
  "warning",
  "notice",
  "info",
  "debug",
];

/** syslog_print(): facility and severity from the `<PRI>` prefix; the message with -v. */
export function syslogPrint(c: Ctx, off: number, len: number): void {
  c.proto = "syslog";
  let i = 0, pri = 0;
  if (c.u8(off) !== 0x3c) {
    c.print(" (invalid)");
    return;
  }
  i++;
  while (i <= 3 && c.u8(off + i) >= 0x30 && c.u8(off + i) <= 0x39) {
    pri = pri * 10 + c.u8(off + i++) - 0x30;
  }
  if (c.u8(off + i) !== 0x3e) {
    c.print(" (invalid)");
    return;
  }
  i++;
  const fac = (pri & 0x3f8) >> 3, sev = pri & 7;
  const facName = SYSLOG_FACILITY[fac] ?? `unknown (${fac})`;
  if (c.f.v < 1) {
    c.print(`SYSLOG ${facName}.${SYSLOG_SEVERITY[sev]}, length: ${len}`);
    return;
  }
  c.print(
    `SYSLOG, length: ${len}\n\tFacility ${facName} (${fac}), Severity ${
      SYSLOG_SEVERITY[sev]
    } (${sev})\n\tMsg: `,
  );
  for (; i < len; i++) {
    let ch = c.u8(off + i);
    if (ch & 0x80) {
      c.print("M-");
      ch &= 0x7f;
    }
    c.print(
      ch < 0x20 || ch === 0x7f ? "^" + String.fromCharCode(ch ^ 0x40) : String.fromCharCode(ch),
    );
  }
  if (c.f.v > 1) c.print(hexOnly(c.b, off, Math.max(0, Math.min(len, c.end - off)), "\n\t", 0));
}

const HTTP_CMDS = new Set(
  "GET PUT COPY HEAD LOCK MOVE POLL POST BCOPY BMOVE MKCOL TRACE LABEL MERGE DELETE SEARCH UNLOCK REPORT UPDATE NOTIFY BDELETE CONNECT OPTIONS CHECKIN PROPFIND CHECKOUT CCM_POST SUBSCRIBE PROPPATCH BPROPFIND BPROPPATCH UNCHECKOUT MKACTIVITY MKWORKSPACE UNSUBSCRIBE RPC_CONNECT VERSION-CONTROL BASELINE-CONTROL"
    .split(" "),
);

/** fetch_token() of print-ascii.c: [next index, token] or [0, ""]. */
function fetchToken(c: Ctx, p: number, idx: number, len: number): [number, string] {
  let tok = "";
  for (; idx < len; idx++) {
    if (!c.has(p + idx, 1)) return [0, ""];
    const ch = c.u8(p + idx);
    if (ch & 0x80) return [0, ""];
    if (ch === 0x20 || ch === 0x09 || ch === 0x0d || ch === 0x0a) break;
    if (ch < 0x20 || ch > 0x7e) return [0, ""];
    if (tok.length + 2 > 129) return [0, ""];
    tok += String.fromCharCode(ch);
  }
  if (tok === "") return [0, ""];
  for (; idx < len; idx++) {
    if (!c.has(p + idx, 1)) break;
    const ch = c.u8(p + idx);
    if (ch === 0x0d || ch === 0x0a) break;
    if (ch < 0x20 || ch > 0x7e) break;
    if (ch !== 0x20 && ch !== 0x09) break;
  }
  return [idx, tok];
}

/** print_txt_line(): the index after the line's end, or 0 when it is not a text line. */
function txtLine(c: Ctx, prefix: string, p: number, idx: number, len: number): number {
  const start = idx;
  let lineLen: number;
  const text = (n: number) => {
    let s = "";
    for (let i = 0; i < n; i++) s += String.fromCharCode(c.b[p + start + i]!);
    return s;
  };
  while (idx < len) {
    const ch = c.u8(p + idx);
    if (ch === 0x0a) {
      lineLen = idx - start;
      c.print(prefix + text(lineLen));
      return idx + 1;
    }
    if (ch === 0x0d) {
      if (idx + 1 >= len) return 0;
      if (c.u8(p + idx + 1) === 0x0a) {
        lineLen = idx - start;
        c.print(prefix + text(lineLen));
        return idx + 2;
      }
      return 0;
    }
    if ((ch < 0x20 || ch > 0x7e) && ch !== 0x09) return 0;
    idx++;
  }
  c.print(prefix + text(idx - start));
  c.trunc();
  return 0;
}

const TEXT_PORTS: ReadonlyMap<number, string> = new Map([
  [21, "ftp"],
  [25, "smtp"],
  [43, "whois"],
  [554, "rtsp"],
  [8554, "rtsp"],
]);
const RTSP_CMDS = new Set(
  "DESCRIBE ANNOUNCE GET_PARAMETER OPTIONS PAUSE PLAY RECORD REDIRECT SETUP SET_PARAMETER TEARDOWN"
    .split(" "),
);

/**
 * txtproto_print(): the protocol name, then its first line (all text lines with -v). With a
 * command list, only a request or response line (a 3-digit code second when `codeSecond`) prints.
 */
function txtproto(
  c: Ctx,
  p: number,
  len: number,
  name: string,
  cmds?: ReadonlySet<string>,
  codeSecond = false,
): void {
  c.proto = name;
  let printThis = cmds === undefined;
  if (cmds) {
    let [idx, tok] = fetchToken(c, p, 0, len);
    if (idx !== 0) {
      if (cmds.has(tok.toUpperCase())) printThis = true;
      if (codeSecond) [idx, tok] = fetchToken(c, p, idx, len);
      if (idx !== 0 && /^[0-9]{3}$/.test(tok)) printThis = true;
    }
  }
  c.print(name.toUpperCase());
  if (!printThis) return;
  if (c.f.v) {
    c.print(`, length: ${len}`);
    for (let i = 0; i < len;) {
      const eol = txtLine(c, "\n\t", p, i, len);
      if (eol === 0) break;
      i = eol;
    }
  } else txtLine(c, ": ", p, 0, len);
}

const SIP_CMDS = new Set(
  "ACK BYE CANCEL DO INFO INVITE JOIN MESSAGE NOTIFY OPTIONS PRACK QAUTH REFER REGISTER SPRACK SUBSCRIBE UPDATE PUBLISH"
    .split(" "),
);

/** sip_print(): SIP (RFC 3261) over UDP 5060, a request or response line (all lines with -v). */
export function sipPrint(c: Ctx, off: number, len: number): void {
  txtproto(c, off, len, "sip", SIP_CMDS, true);
}

/**
 * The text protocols tcp_print() picks by port: HTTP (80, 8080), FTP, SMTP, WHOIS, RTSP; false
 * when neither port is one of theirs.
 */
export function tcpTextPrint(
  c: Ctx,
  bp: number,
  dataLen: number,
  sport: number,
  dport: number,
): boolean {
  if (sport === 80 || dport === 80 || sport === 8080 || dport === 8080) {
    c.print(": ");
    txtproto(c, bp, dataLen, "http", HTTP_CMDS, true);
    return true;
  }
  // text protocols tcpdump 4.99 prints line by line (print-ftp.c, print-smtp.c, print-rtsp.c)
  const name = TEXT_PORTS.get(sport) ?? TEXT_PORTS.get(dport);
  if (name) {
    c.print(": ");
    txtproto(c, bp, dataLen, name, name === "rtsp" ? RTSP_CMDS : undefined, name === "rtsp");
  }
  return name !== undefined;
}

const TSP_TYPES = [
  "TSP_ANY",
  "TSP_ADJTIME",
  "TSP_ACK",
  "TSP_MASTERREQ",
  "TSP_MASTERACK",
  "TSP_SETTIME",
  "TSP_MASTERUP",
  "TSP_SLAVEUP",
  "TSP_ELECTION",
  "TSP_ACCEPT",
  "TSP_REFUSE",
  "TSP_CONFLICT",
  "TSP_RESOLVE",
  "TSP_QUIT",
  "TSP_DATE",
  "TSP_DATEREQ",
  "TSP_DATEACK",
  "TSP_TRACEON",
  "TSP_TRACEOFF",
  "TSP_MSITE",
  "TSP_MSITEREQ",
  "TSP_TEST",
  "TSP_SETDATE",
  "TSP_SETDATEREQ",
  "TSP_LOOP",
];

/**
 * timed_print() (UDP port 525, the BSD time synchronization protocol): type, version and
 * sequence; the hop count or the time some types carry; the host name, printed as read.
 */
export function timedPrint(c: Ctx, off: number, _len: number): void {
  c.proto = "timed";
  const type = c.u8(off);
  c.print(TSP_TYPES[type] ?? `(tsp_type 0x${type.toString(16)})`);
  c.print(` vers ${c.u8(off + 1)}`);
  c.print(` seq ${c.u16(off + 2)}`);
  if (type === 24) c.print(` hopcnt ${c.u8(off + 4)}`);
  else if (type === 5 || type === 1 || type === 22 || type === 23) {
    let sec = c.u32(off + 4) | 0, usec = c.u32(off + 8) | 0;
    if (usec < 0) return; // invalid: the rest is skipped
    c.print(" time ");
    if (sec < 0 && usec !== 0) {
      sec++;
      if (sec === 0) c.print("-");
      usec = 1000000 - usec;
    }
    c.print(`${sec}.${String(usec).padStart(6, "0")}`);
  }
  c.print(" name ");
  printjnpOut(c, off + 12, 256);
}

/** vat_print() (destination port 3456): vt's or vat's audio header, by its first word's bits. */
export function vatPrint(c: Ctx, off: number, length: number): void {
  c.proto = "vat";
  if (length < 2) return c.print(`udp/va/vat, length ${length} < 2`);
  const ts = c.u16(off);
  if ((ts & 0xf060) !== 0) return c.print(`udp/vt ${length} ${ts & 0x3ff} / ${ts >> 10}`);
  if (length < 8) return c.print(`udp/vat, length ${length} < 8`);
  const i0 = c.u32(off), i1 = c.u32(off + 4);
  c.print(`udp/vat ${length - 8} c${i0 & 0xffff} ${i1}${i0 & 0x800000 ? "*" : ""}`);
  if (i0 & 0x1f0000) c.print(` f${(i0 >> 16) & 0x1f}`);
  if (i0 & 0x3f000000) c.print(` s${(i0 >>> 24) & 0x3f}`);
}
