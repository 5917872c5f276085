// TCP and UDP as tcpdump 4.99 prints them (print-tcp.c, print-udp.c): relative sequence
// numbers tracked per connection, options, checksums with -v, and the application printers
// tcpdump picks by port (through the dispatch record).

import { TCP_OPTION_NAMES } from "../protocols.ts";
import { cksumShouldBe, type Ctx, hex, type IpInfo, printn, pseudoSum, Truncated } from "./_ctx.ts";
import { md5 } from "./_md5.ts";

/** tcp_flag_values of print-tcp.c, in the order tcpdump prints them. */
const TCP_FLAGS = [[0x01, "F"], [0x02, "S"], [0x04, "R"], [0x08, "P"], [0x10, "."], [0x20, "U"], [
  0x40,
  "E",
], [
  0x80,
  "W",
]] as const;

/**
 * tcpdump 4.99's tcp_option_values: the shared names, but none for ccecho (an empty string) and
 * none for snack and qs (printed as unknown-N).
 */
const OPTION_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries({ ...TCP_OPTION_NAMES, 13: "" }).filter(([k]) => k !== "21" && k !== "27"),
);

/** atalk_port(): the UDP ports of DDP-in-UDP (16512-16639, 200-327, 768-895). */
const atalkPort = (p: number) =>
  (p >= 16512 && p < 16640) || (p >= 200 && p < 328) || (p >= 768 && p < 896);

/** IS_SRC_OR_DST_PORT(). */
const either = (sport: number, dport: number, p: number) => sport === p || dport === p;

function addrPorts(c: Ctx, ip: IpInfo, direct: number, sport: number, dport: number): void {
  // Ports by their service names without -n, tcpport_string()/udpport_string()'s.
  const s = direct === 6 ? c.tport(sport) : c.uport(sport);
  const d = direct === 6 ? c.tport(dport) : c.uport(dport);
  if (ip.firstNh === direct) c.print(`${ip.src}.${s} > ${ip.dst}.${d}: `);
  else c.print(`${s} > ${d}: `);
}

/** memcmp() of the two addresses: tcpdump keys a connection by its lower address first. */
function addrCmp(c: Ctx, ip: IpInfo): number {
  const n = ip.version === 4 ? 4 : 16;
  for (let i = 0; i < n; i++) {
    const d = c.b[ip.srcOff + i]! - c.b[ip.dstOff + i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** tcp_print(). `length` is the TCP segment length per the IP header. */
export function tcpPrint(
  c: Ctx,
  off: number,
  length: number,
  ip: IpInfo,
  fragmented: boolean,
): void {
  c.proto = "tcp";
  if (!c.has(off, 4)) {
    c.print(`${ip.src} > ${ip.dst}:`);
    c.trunc();
    return;
  }
  const sport = c.u16(off), dport = c.u16(off + 2);
  addrPorts(c, ip, 6, sport, dport);
  c.tcheck(off, 20);
  const hlen = (c.u8(off + 12) >> 4) * 4;
  if (hlen < 20) {
    c.print(` tcp ${length - hlen} [bad hdr length ${hlen} - too short, < 20]`);
    return;
  }
  let seq = c.u32(off + 4), ack = c.u32(off + 8);
  const win = c.u16(off + 14), urp = c.u16(off + 18);
  if (c.f.q) {
    c.print(`tcp ${(length - hlen) >>> 0}`);
    if (hlen > length) c.print(` [bad hdr length ${hlen} - too long, > ${length}]`);
    return;
  }
  const flags = c.u8(off + 13); // tcpdump 4.99.3 shows the 8 classic flag bits only
  c.print(`Flags [${flagText(flags)}]`);
  let thseq = 0, thack = 0, rev = false;
  if (!c.f.S && (flags & 0x10)) {
    const cmp = addrCmp(c, ip);
    rev = cmp > 0 || (cmp === 0 && sport > dport);
    // tcp_seq_hash's key: the lower address (and its port) first
    const n = ip.version === 4 ? 4 : 16;
    const a = rev ? ip.dstOff : ip.srcOff, b = rev ? ip.srcOff : ip.dstOff;
    const ports = rev ? ((dport << 16) | sport) >>> 0 : ((sport << 16) | dport) >>> 0;
    const s0 = rev ? (ack - 1) >>> 0 : seq, a0 = rev ? seq : (ack - 1) >>> 0;
    let th = c.tcpSeq.get(c.b, a, b, n, ports);
    if (!th) th = c.tcpSeq.add(c.b, a, b, n, ports, s0, a0);
    else if (flags & 0x02) {
      th.seq = s0;
      th.ack = a0;
    } else if (rev) {
      seq = (seq - th.ack) >>> 0;
      ack = (ack - th.seq) >>> 0;
    } else {
      seq = (seq - th.seq) >>> 0;
      ack = (ack - th.ack) >>> 0;
    }
    thseq = th.seq;
    thack = th.ack;
  }
  if (hlen > length) {
    c.print(` [bad hdr length ${hlen} - too long, > ${length}]`);
    return;
  }
  if (c.f.v && !c.f.K && !fragmented && c.has(off, length)) {
    const field = c.u16(off + 16);
    const sum = ~c.sum(off, length, pseudoSum(c, ip, 6, length)) & 0xffff;
    c.print(`, cksum 0x${hex(field)}`);
    c.print(sum !== 0 ? ` (incorrect -> 0x${hex(cksumShouldBe(field, sum))})` : " (correct)");
  }
  const dataLen = length - hlen;
  if (c.f.v > 1 || dataLen > 0 || (flags & 0x07)) {
    c.print(`, seq ${seq}`);
    if (dataLen > 0) c.print(`:${(seq + dataLen) >>> 0}`);
  }
  if (flags & 0x10) c.print(`, ack ${ack}`);
  c.print(`, win ${win}`);
  if (flags & 0x20) c.print(`, urg ${urp}`);
  if (hlen > 20) {
    const signed = { ip, tcp: off, data: off + hlen, dataLen: length - hlen };
    if (!tcpOptions(c, off + 20, hlen - 20, rev, thseq, thack, flags, signed)) return;
  }
  c.print(`, length ${dataLen}`);
  if (dataLen <= 0) return;
  // tcp_print() wants the whole header, options included, before it decodes the payload
  if (!c.has(off, hlen)) {
    c.print(` [remaining caplen(${Math.max(0, c.end - off)}) < header length(${hlen})]`);
    throw new Truncated();
  }
  const bp = off + hlen;
  if ((flags & 0x04) && c.f.v) {
    let n = dataLen;
    const whole = c.has(bp, n); // ND_TTEST_LEN of the whole payload, not only what is shown
    c.print(` [${whole ? "" : "!"}RST`);
    if (n > 30) {
      n = 30;
      c.print("+");
    }
    c.print(" ");
    c.print(printn(c, bp, Math.max(0, Math.min(n, c.end - bp))));
    c.print("]");
    return;
  }
  if (c.f.T) {
    // -T: the named printer, no port lookup (only "domain" of ours is one of tcp_print()'s)
    if (c.f.T === "domain") c.d.domain(c, bp, dataLen, true, false);
    return;
  }
  // tcp_print()'s order in tcpdump 4.99.3 (found pair by pair against it): the first printer
  // whose port either side uses. The text protocols are named by the port that won (tcpText
  // takes the printer of the port it is given).
  const text = (port: number) => void c.d.tcpText(c, bp, dataLen, port, port);
  if (either(sport, dport, 23)) c.d.telnet(c, bp, dataLen);
  else if (either(sport, dport, 25)) text(25);
  else if (either(sport, dport, 43)) text(43);
  else if (either(sport, dport, 179)) c.d.bgp(c, bp, dataLen);
  else if (either(sport, dport, 1723)) c.d.pptp(c, bp, dataLen);
  else if (either(sport, dport, 6379)) c.d.resp(c, bp, dataLen);
  else if (either(sport, dport, 22)) c.d.ssh(c, bp, dataLen);
  else if (either(sport, dport, 10288)) c.d.beep(c, bp, dataLen);
  else if (either(sport, dport, 6633) || either(sport, dport, 6653)) {
    c.d.openflow(c, bp, dataLen);
  } else if (either(sport, dport, 21)) text(21);
  else if (either(sport, dport, 80) || either(sport, dport, 8080)) text(80);
  else if (either(sport, dport, 554) || either(sport, dport, 8554)) text(554);
  else if (either(sport, dport, 53)) c.d.domain(c, bp, dataLen, true, false);
  else if (either(sport, dport, 639)) c.d.msdp(c, bp, dataLen);
  else if (either(sport, dport, 323)) c.d.rpkiRtr(c, bp, dataLen);
  else if (either(sport, dport, 646)) c.d.ldp(c, bp, dataLen);
  else if (either(sport, dport, 2049) && dataLen >= 4 && c.has(bp, 4)) {
    // Sun RPC record marking: the first fragment's length, then the message
    const fraglen = Math.min(c.u32(bp) & 0x7fffffff, dataLen - 4);
    c.d.nfs(c, bp + 4, fraglen, ip, sport, dport, true);
  }
}

/** LENCHECK of tcp_print(): false when `l` bytes pass the option's end; throws when not captured. */
function lencheck(c: Ctx, cp: number, l: number, hlen: number, ch: string): boolean {
  if (l > hlen) return false;
  // ND_TCHECK: tcp_print's trunc label closes an open option list with ">"
  if (!c.has(cp, l)) throw new Truncated(true, ch !== "" ? ">" : "");
  return true;
}

/** A bad option: "[bad opt]", closing the list when an option was printed before it. */
function badOpt(c: Ctx, ch: string): false {
  c.print("[bad opt]");
  if (ch !== "") c.print("]");
  return false;
}

/**
 * The TCP flag letters of each flags byte, "none" for none, made the first time a byte is seen:
 * a table built at load would cost every `sniff -r` its start-up time (~0.8 ms).
 */
const FLAG_TEXT: string[] = [];

function flagText(v: number): string {
  return FLAG_TEXT[v] ??= TCP_FLAGS.filter(([b]) => v & b).map(([, n]) => n).join("") || "none";
}

/** What the MD5 signature option signs: the IP header, the TCP header and its payload. */
interface Signed {
  ip: IpInfo;
  /** Offset of the TCP header. */
  tcp: number;
  /** Offset of the payload, after the TCP header's options. */
  data: number;
  /** Payload bytes (per the IP header's length). */
  dataLen: number;
}

/**
 * RFC 2385's digest, as tcp_verify_signature() computes it: the IP pseudo-header, the fixed
 * 20-byte TCP header with a zero checksum, the payload, the secret; whether the option's 16
 * bytes at `sig` are that digest.
 */
function signatureValid(c: Ctx, s: Signed, sig: number, secret: Uint8Array): boolean {
  const b = c.b, ip = s.ip.off;
  let pseudo: Uint8Array;
  if (s.ip.version === 4) {
    // Addresses, a zero byte, the protocol field, the TCP length (IPv4 length minus header).
    pseudo = new Uint8Array(12);
    pseudo.set(b.subarray(ip + 12, ip + 20));
    pseudo[9] = b[ip + 9]!;
    const tlen = (((b[ip + 2]! << 8) | b[ip + 3]!) - (b[ip]! & 0x0f) * 4) & 0xffff;
    pseudo[10] = tlen >> 8;
    pseudo[11] = tlen & 0xff;
  } else {
    // Addresses, the payload length as 32 bits, three zero bytes, TCP's number.
    pseudo = new Uint8Array(40);
    pseudo.set(b.subarray(ip + 8, ip + 40));
    pseudo[34] = b[ip + 4]!;
    pseudo[35] = b[ip + 5]!;
    pseudo[39] = 6;
  }
  const header = b.slice(s.tcp, s.tcp + 20);
  header[16] = header[17] = 0;
  const digest = md5([pseudo, header, b.subarray(s.data, s.data + s.dataLen), secret]);
  for (let i = 0; i < 16; i++) if (digest[i] !== b[sig + i]) return false;
  return true;
}

function tcpOptions(
  c: Ctx,
  cp: number,
  hlen: number,
  rev: boolean,
  thseq: number,
  thack: number,
  flags: number,
  signed: Signed,
): boolean {
  let ch = "";
  c.print(", options [");
  while (hlen > 0) {
    c.print(ch);
    const opt = c.u8(cp++);
    let len: number;
    if (opt === 0 || opt === 1) len = 1;
    else {
      len = c.u8(cp++);
      if (len < 2 || len > hlen) return badOpt(c, ch);
      --hlen;
    }
    --hlen;
    let datalen = 0;
    c.print(OPTION_NAMES[opt] ?? `unknown-${opt}`);
    switch (opt) {
      case 0:
      case 1:
      case 4:
        break;
      case 2:
        datalen = 2;
        if (!lencheck(c, cp, 2, hlen, ch)) return badOpt(c, ch);
        c.print(` ${c.u16(cp)}`);
        break;
      case 3:
        datalen = 1;
        if (!lencheck(c, cp, 1, hlen, ch)) return badOpt(c, ch);
        c.print(` ${c.u8(cp)}`);
        break;
      case 5:
        datalen = len - 2;
        if (datalen % 8 !== 0) c.print(" invalid sack");
        else {
          c.print(` ${datalen / 8} `);
          for (let i = 0; i < datalen; i += 8) {
            if (!lencheck(c, cp, i + 4, hlen, ch)) return badOpt(c, ch);
            let s = c.u32(cp + i);
            if (!lencheck(c, cp, i + 8, hlen, ch)) return badOpt(c, ch);
            let e = c.u32(cp + i + 4);
            if (rev) {
              s = (s - thseq) >>> 0;
              e = (e - thseq) >>> 0;
            } else {
              s = (s - thack) >>> 0;
              e = (e - thack) >>> 0;
            }
            c.print(`{${s}:${e}}`);
          }
        }
        break;
      case 6:
      case 7:
      case 11:
      case 12:
      case 13:
        datalen = 4;
        if (!lencheck(c, cp, 4, hlen, ch)) return badOpt(c, ch);
        c.print(` ${c.u32(cp)}`);
        break;
      case 8:
        datalen = 8;
        if (!lencheck(c, cp, 8, hlen, ch)) return badOpt(c, ch);
        c.print(` val ${c.u32(cp)} ecr ${c.u32(cp + 4)}`);
        break;
      case 19:
        datalen = 16;
        if (!lencheck(c, cp, 16, hlen, ch)) return badOpt(c, ch);
        // tcp_verify_signature(): a payload the capture cut cannot be checked, nor one
        // without -M's secret.
        if (!c.has(signed.data, signed.dataLen)) {
          c.print(" snaplen too short, can't check - ");
        } else if (c.f.md5Secret === undefined) {
          c.print(" shared secret not supplied with -M, can't check - ");
        } else {
          c.print(signatureValid(c, signed, cp, c.f.md5Secret) ? " valid" : "  (invalid)");
          break;
        }
        for (let i = 0; i < 16; i++) c.print(hex(c.u8(cp + i), 2));
        break;
      case 20:
        datalen = 2;
        if (!lencheck(c, cp, 2, hlen, ch)) return badOpt(c, ch);
        c.print(` cap ${hex(c.u8(cp), 2)} id ${c.u8(cp + 1)}`);
        break;
      case 29:
        datalen = len - 2;
        if (datalen < 2) {
          c.print(" (invalid)");
          break;
        }
        if (!lencheck(c, cp, 1, hlen, ch)) return badOpt(c, ch);
        c.print(` keyid ${c.u8(cp)}`);
        if (!lencheck(c, cp, 2, hlen, ch)) return badOpt(c, ch);
        c.print(` rnextkeyid ${c.u8(cp + 1)}`);
        if (datalen > 2) {
          c.print(" mac 0x");
          for (let i = 2; i < datalen; i++) {
            if (!lencheck(c, cp, i + 1, hlen, ch)) return badOpt(c, ch);
            c.print(hex(c.u8(cp + i), 2));
          }
        }
        break;
      case 28: {
        datalen = 2;
        if (!lencheck(c, cp, 2, hlen, ch)) return badOpt(c, ch);
        let uto = c.u16(cp);
        c.print(` 0x${uto.toString(16)}`);
        uto = uto & 1 ? (uto >> 1) * 60 : uto >> 1;
        c.print(` ${uto}`);
        break;
      }
      case 30: {
        datalen = len - 2;
        if (!lencheck(c, cp, datalen, hlen, ch)) return badOpt(c, ch);
        // print-mptcp.c reads no further than the option's end
        const end = c.end;
        c.end = Math.min(end, cp - 2 + len);
        const ok = c.d.mptcp(c, cp - 2, len, flags);
        c.end = end;
        if (!ok) return badOpt(c, ch);
        break;
      }
      case 34:
        datalen = len - 2;
        if (!lencheck(c, cp, datalen, hlen, ch)) return badOpt(c, ch);
        c.print(" ");
        fastOpen(c, cp, datalen);
        break;
      case 254: {
        datalen = len - 2;
        if (!lencheck(c, cp, datalen, hlen, ch)) return badOpt(c, ch);
        if (datalen < 2) return badOpt(c, ch);
        const magic = c.u16(cp);
        c.print("-");
        if (magic === 0xf989) {
          c.print("tfo");
          fastOpen(c, cp + 2, datalen - 2);
        } else c.print(hex(magic));
        break;
      }
      default:
        datalen = len - 2;
        if (datalen) c.print(" 0x");
        for (let i = 0; i < datalen; i++) {
          if (!lencheck(c, cp, i + 1, hlen, ch)) return badOpt(c, ch);
          c.print(hex(c.u8(cp + i), 2));
        }
    }
    cp += datalen;
    hlen -= datalen;
    datalen++;
    if (opt !== 0 && opt !== 1) datalen++;
    if (datalen !== len) c.print(`[len ${len}]`);
    ch = ",";
    if (opt === 0) break;
  }
  c.print("]");
  return true;
}

/** print_tcp_fastopen_option() (RFC 7413). */
function fastOpen(c: Ctx, cp: number, datalen: number): void {
  if (datalen === 0) c.print(" cookiereq");
  else if (datalen % 2 !== 0 || datalen < 4 || datalen > 16) c.print(" (invalid)");
  else {
    c.print(" cookie ");
    for (let i = 0; i < datalen; i++) c.print(hex(c.u8(cp + i), 2));
  }
}

/** udp_print(). */
export function udpPrint(
  c: Ctx,
  off: number,
  length: number,
  ip: IpInfo,
  fragmented: boolean,
): void {
  c.proto = "udp";
  if (!c.has(off + 2, 2)) {
    if (ip.firstNh === 17) c.print(`${ip.src} > ${ip.dst}: `);
    c.trunc();
    return;
  }
  const sport = c.u16(off), dport = c.u16(off + 2);
  if (length < 8) {
    addrPorts(c, ip, 17, sport, dport);
    c.print(`truncated-udp ${length}`);
    return;
  }
  if (!c.has(off + 4, 2)) {
    addrPorts(c, ip, 17, sport, dport);
    c.trunc();
    return;
  }
  let ulen = c.u16(off + 4);
  if (ulen === 0 && length > 65535) ulen = length;
  if (ulen < 8) {
    addrPorts(c, ip, 17, sport, dport);
    c.print(`truncated-udplength ${ulen}`);
    return;
  }
  ulen -= 8;
  length -= 8;
  if (ulen < length) length = ulen;
  const cp = off + 8;
  if (cp > c.end) {
    addrPorts(c, ip, 17, sport, dport);
    c.trunc();
    return;
  }
  if (c.f.T) {
    // -T: the named printer for any port; a type with no UDP printer prints nothing at all
    const t = c.f.T;
    if (t === "carp") return;
    if (t === "rpc") return c.d.rpc(c, cp, length, ip); // prints its own addresses
    addrPorts(c, ip, 17, sport, dport);
    if (t === "snmp") return c.d.snmp(c, cp, length);
    if (t === "tftp") return c.d.tftp(c, cp, length);
    if (t === "radius") return c.d.radius(c, cp, length);
    if (t === "vxlan") return c.d.vxlan(c, cp, length);
    if (t === "ptp") return c.d.ptp(c, cp, length);
    return c.d.domain(c, cp, length, false, false);
  }
  addrPorts(c, ip, 17, sport, dport);
  // udp_print() tries NFS before the checksum and the other ports
  if (!c.f.q && either(sport, dport, 2049) && c.d.nfs(c, cp, length, ip, sport, dport, false)) {
    return;
  }
  if (c.f.v && !c.f.K && !fragmented) {
    if (ip.version === 4 && c.f.v > 1) {
      const field = c.u16(off + 6);
      if (field === 0) c.print("[no cksum] ");
      else if (c.has(cp, length)) {
        const sum = ~c.sum(off, length + 8, pseudoSum(c, ip, 17, length + 8)) & 0xffff;
        c.print(
          sum !== 0
            ? `[bad udp cksum 0x${hex(field)} -> 0x${hex(cksumShouldBe(field, sum))}!] `
            : "[udp sum ok] ",
        );
      }
    } else if (ip.version === 6 && c.has(cp, length)) {
      const field = c.u16(off + 6);
      const sum = ~c.sum(off, length + 8, pseudoSum(c, ip, 17, length + 8)) & 0xffff;
      c.print(
        sum !== 0
          ? `[bad udp cksum 0x${hex(field)} -> 0x${hex(cksumShouldBe(field, sum))}!] `
          : "[udp sum ok] ",
      );
    }
  }
  if (!c.f.q) {
    // udp_print()'s order in tcpdump 4.99.3 (found pair by pair against it): the first printer
    // whose port either side uses, or the destination alone for HSRP and BFD; its printers we
    // do not have are left out
    if (either(sport, dport, 53)) return c.d.domain(c, cp, length, false, false);
    if (either(sport, dport, 5353)) return c.d.domain(c, cp, length, false, true);
    if (either(sport, dport, 525)) return c.d.timed(c, cp, length);
    if (either(sport, dport, 69)) return c.d.tftp(c, cp, length);
    if (either(sport, dport, 67) || either(sport, dport, 68)) return c.d.bootp(c, cp, length);
    if (either(sport, dport, 520)) return c.d.rip(c, cp, length);
    if (either(sport, dport, 654)) return c.d.aodv(c, cp, length, ip.version === 6);
    if (either(sport, dport, 500)) return c.d.isakmp(c, cp, length, ip);
    // isakmp_rfc3948_print() on 4500: the NAT keep-alive, IKE after the non-ESP marker,
    // UDP-encapsulated ESP
    if (either(sport, dport, 4500)) {
      c.proto = "isakmp_rfc3948";
      if (length === 1 && c.has(cp, 1) && c.u8(cp) === 0xff) {
        return c.print("isakmp-nat-keep-alive");
      }
      if (length < 4) return c.trunc();
      if (c.u32(cp) === 0) {
        c.print("NONESP-encap: ");
        return c.d.isakmp(c, cp + 4, length - 4, ip);
      }
      c.print("UDP-encap: ");
      return c.d.esp(c, cp, length);
    }
    if (either(sport, dport, 7500) || either(sport, dport, 8500)) {
      return c.d.isakmp(c, cp, length, ip);
    }
    if (either(sport, dport, 161) || either(sport, dport, 162)) return c.d.snmp(c, cp, length);
    if (either(sport, dport, 123)) return c.d.ntp(c, cp, length);
    if (either(sport, dport, 88) || either(sport, dport, 750)) return c.d.krb(c, cp, length);
    if (either(sport, dport, 1701)) return c.d.l2tp(c, cp, length);
    if (dport === 3456) return c.d.vat(c, cp, length);
    if (either(sport, dport, 2103) || either(sport, dport, 2104)) {
      return c.d.zephyr(c, cp, length);
    }
    if ((sport >= 7000 && sport <= 7009) || (dport >= 7000 && dport <= 7009)) {
      return c.d.rx(c, cp, length, sport, dport, ip);
    }
    if (either(sport, dport, 521)) return c.d.ripng(c, cp, length);
    if (either(sport, dport, 546) || either(sport, dport, 547)) return c.d.dhcp6(c, cp, length);
    if (either(sport, dport, 5359)) return c.d.ahcp(c, cp, length);
    if (either(sport, dport, 6696) || either(sport, dport, 6697)) {
      return c.d.babel(c, cp, length);
    }
    if (dport === 4567) return c.d.wb(c, cp, length); // after HNCP (8231), which print/ lacks
    if (either(sport, dport, 496)) return c.d.autorp(c, cp, length);
    if (
      either(sport, dport, 1645) || either(sport, dport, 1812) || either(sport, dport, 1646) ||
      either(sport, dport, 1813) || either(sport, dport, 1700) || either(sport, dport, 3799)
    ) return c.d.radius(c, cp, length);
    if (dport === 1985) return c.d.hsrp(c, cp, length);
    if (either(sport, dport, 921)) return c.d.lwres(c, cp, length);
    if (either(sport, dport, 646)) return c.d.ldp(c, cp, length);
    if (either(sport, dport, 698)) return c.d.olsr(c, cp, length, ip.version === 6);
    if (either(sport, dport, 3503)) return c.d.lspPing(c, cp, length);
    // Broadcom's LI shim by the source port alone
    if (sport === 49152) return c.d.bcmLi(c, cp, length);
    // BFD by the destination port alone (the port also names the kind)
    if (dport === 3784 || dport === 4784 || dport === 6784 || dport === 3785) {
      return c.d.bfd(c, cp, length, dport);
    }
    if (either(sport, dport, 1589)) return c.d.vqp(c, cp, length); // after LMP (701), not in print/
    if (either(sport, dport, 6343)) return c.d.sflow(c, cp, length);
    if (dport === 12223) return c.d.lwappControl(c, cp, length, true);
    if (sport === 12223) return c.d.lwappControl(c, cp, length, false);
    if (either(sport, dport, 12222)) return c.d.lwappData(c, cp, length);
    if (either(sport, dport, 5060)) return c.d.sip(c, cp, length);
    if (either(sport, dport, 514)) return c.d.syslog(c, cp, length);
    if (either(sport, dport, 8472)) return c.d.otv(c, cp, length);
    if (either(sport, dport, 4789)) return c.d.vxlan(c, cp, length);
    if (either(sport, dport, 6081)) return c.d.geneve(c, cp, length);
    if (either(sport, dport, 4342)) return c.d.lisp(c, cp, length);
    if (either(sport, dport, 4790)) return c.d.vxlanGpe(c, cp, length);
    if (either(sport, dport, 17754)) return c.d.zep(c, cp, length);
    if (either(sport, dport, 6635)) return c.d.mpls(c, cp, length); // MPLS-in-UDP, RFC 7510
    if (c.has(cp + 2, 1) && c.b[cp + 2] === 2 && (atalkPort(sport) || atalkPort(dport))) {
      if (c.f.v) c.print("kip "); // AppleTalk DDP in UDP (LLAP framing)
      c.d.llap(c, cp, length);
      return;
    }
    if (either(sport, dport, 319) || either(sport, dport, 320)) return c.d.ptp(c, cp, length);
    if (either(sport, dport, 30490)) return c.d.someip(c, cp, length);
  }
  if (ulen > length && !fragmented) c.print(`UDP, bad length ${ulen} > ${length}`);
  else c.print(`UDP, length ${ulen}`);
}
