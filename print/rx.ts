// AFS Rx (UDP ports 7000-7009) as tcpdump 4.99 prints it (rx_print() of print-rx.c): the Rx
// header's packet type, with -v its sequence and serial numbers, with -vv the connection and
// call numbers and flags; ACK packets with their acknowledged ranges. The first DATA packet of
// a call to an AFS service port (fs 7000, cb 7001, pt 7002, vldb 7003, kauth 7004, vol 7005,
// bos 7007; ubik on pt/vldb/kauth) prints the operation and its arguments; the call is
// remembered (tcpdump's 64-entry cache) so the first DATA or ABORT packet of the reply prints
// the operation's results or error code.

import { callRing } from "./_call_ring.ts";
import { type Ctx, type IpInfo, printn, tok } from "./_ctx.ts";
import {
  BOS_OPS,
  CB_OPS,
  FS_ERRORS,
  FS_OPS,
  KAUTH_OPS,
  PT_OPS,
  UBIK_OPS,
  VLDB_OPS,
  VOL_OPS,
} from "./_rx_text.ts";

/** sizeof(struct rx_header). */
const RX_HEADER_LEN = 28;

const RX_TYPES: Record<number, string> = {
  1: "data",
  2: "ack",
  3: "busy",
  4: "abort",
  5: "ackall",
  6: "challenge",
  7: "response",
  8: "debug",
  9: "params",
  13: "version",
};

/** rx_flags: flag, the packet type it belongs to (0: any), name. */
const RX_FLAGS: [number, number, string][] = [
  [0x01, 0, "client-init"],
  [0x02, 0, "req-ack"],
  [0x04, 0, "last-pckt"],
  [0x08, 0, "more-pckts"],
  [0x10, 0, "free-pckt"],
  [0x20, 2, "slow-start"],
  [0x20, 1, "jumbogram"],
];

const ACK_REASONS: Record<number, string> = {
  1: "ack requested",
  2: "duplicate packet",
  3: "out of sequence",
  4: "exceeds window",
  5: "no buffer space",
  6: "ping",
  7: "ping response",
  8: "delay",
  9: "idle",
};

/** rx_print(): the Rx packet of `length` bytes at `bp`, between UDP ports `sport` and `dport`. */
export function rxPrint(
  c: Ctx,
  bp: number,
  length: number,
  sport: number,
  dport: number,
  ip: IpInfo,
): void {
  c.proto = "rx";
  if (!c.has(bp, RX_HEADER_LEN)) {
    c.print(` [|rx] (${length})`);
    return;
  }
  const type = c.u8(bp + 20), flags = c.u8(bp + 21);
  c.print(` rx ${tok(RX_TYPES, "type %u", type)}`);
  if (c.f.v) {
    if (c.f.v > 1) {
      c.print(` cid ${c.u32(bp + 4).toString(16).padStart(8, "0")} call# ${c.u32(bp + 8)}`);
    }
    c.print(` seq ${c.u32(bp + 12)} ser ${c.u32(bp + 16)}`);
    if (c.f.v > 2) c.print(` secindex ${c.u8(bp + 23)} serviceid ${c.u16(bp + 26)}`);
    if (c.f.v > 1) {
      let first = true;
      for (const [flag, ptype, name] of RX_FLAGS) {
        if ((flags & flag) && (!ptype || type === ptype)) {
          c.print(first ? " " : ",");
          first = false;
          c.print(`<${name}>`);
        }
      }
    }
  }
  const seq1 = c.u32(bp + 12) === 1;
  if (type === 1 && seq1 && (flags & 0x01)) {
    cacheInsert(c, bp, ip, dport);
    const svc = CALLS[dport];
    if (svc && length > RX_HEADER_LEN) svc(c, bp, length);
    return c.print(` (${length})`);
  }
  if ((type === 1 && seq1 || type === 4) && !(flags & 0x01)) {
    const opcode = cacheFind(c, bp, ip, sport);
    if (opcode !== undefined) {
      REPLIES[sport]?.(c, bp, length, opcode);
      return c.print(` (${length})`);
    }
  }
  if (type === 2) ackPrint(c, bp, length);
  c.print(` (${length})`);
}

/** A call remembered to read its reply (rx_cache_entry). */
interface CacheEntry {
  callnum: number;
  client: number;
  server: number;
  dport: number;
  serviceId: number;
  opcode: number;
}

/**
 * rx_cache_insert(). tcpdump reads the addresses as IPv4's (bytes 12-19 of the IP header, which
 * over IPv6 are inside the source address).
 */
function cacheInsert(c: Ctx, bp: number, ip: IpInfo, dport: number): void {
  if (!c.has(bp + RX_HEADER_LEN, 4)) return;
  callRing<CacheEntry>(c, "rx").add({
    callnum: c.u32(bp + 8),
    client: c.u32(ip.off + 12),
    server: c.u32(ip.off + 16),
    dport,
    serviceId: c.u16(bp + 26),
    opcode: c.u32(bp + RX_HEADER_LEN),
  });
}

/** rx_cache_find(): the opcode of the call this reply answers. */
function cacheFind(c: Ctx, bp: number, ip: IpInfo, sport: number): number | undefined {
  const clip = c.u32(ip.off + 16), sip = c.u32(ip.off + 12);
  return callRing<CacheEntry>(c, "rx").find((e) =>
    e.callnum === c.u32(bp + 8) && e.client === clip && e.server === sip &&
    e.serviceId === c.u16(bp + 26) && e.dport === sport
  )?.opcode;
}

/** A service printer's "goto trunc": its own marker (" [|fs]"), then the length. */
class Cut {}
const CUT = new Cut();

/** The cursor of a service printer and the grody macros of print-rx.c. */
class Args {
  constructor(readonly c: Ctx, public bp: number) {}
  /** ND_TCHECK_LEN inside a service printer. */
  check(n: number): void {
    if (!this.c.has(this.bp, n)) throw CUT;
  }
  u32(): number {
    const v = this.c.u32(this.bp);
    this.bp += 4;
    return v;
  }
  /** FIDOUT(). */
  fid(): void {
    this.check(12);
    this.c.print(` fid ${this.u32()}/${this.u32()}/${this.u32()}`);
  }
  /** STROUT(max): a counted string, quoted; longer than `max` or cut ends the printer. */
  str(max: number): void {
    const n = this.u32();
    if (n > max) throw CUT;
    this.c.print(' "');
    const have = Math.max(0, Math.min(n, this.c.end - this.bp));
    this.c.print(printn(this.c, this.bp, have));
    if (have < n) throw CUT;
    this.c.print('"');
    this.bp += Math.floor((n + 3) / 4) * 4;
  }
  /** INTOUT(). */
  int(label = ""): void {
    this.c.print(label);
    this.c.print(` ${this.u32() | 0}`);
  }
  /** UINTOUT(). */
  uint(label = ""): void {
    this.c.print(label);
    this.c.print(` ${this.u32()}`);
  }
  /** UINT64OUT(). */
  uint64(label: string): void {
    this.c.print(label);
    const hi = BigInt(this.u32());
    this.c.print(` ${(hi << 32n) | BigInt(this.u32())}`);
  }
  /** DATEOUT(): a signed time in the local time zone, as localtime() and strftime(). */
  date(label = ""): void {
    this.c.print(label);
    const d = new Date((this.u32() | 0) * 1000);
    const p = (v: number) => String(v).padStart(2, "0");
    this.c.print(
      ` ${d.getFullYear()}/${p(d.getMonth() + 1)}/${p(d.getDate())} ${p(d.getHours())}:${
        p(d.getMinutes())
      }:${p(d.getSeconds())}`,
    );
  }
  /** STOREATTROUT(). */
  storeAttr(): void {
    this.check(24);
    const mask = this.u32();
    if (mask) this.c.print(" StoreStatus");
    if (mask & 1) this.date(" date");
    else this.bp += 4;
    const owner = this.u32(), group = this.u32(), mode = this.u32(), seg = this.u32();
    if (mask & 2) this.c.print(` owner ${owner}`);
    if (mask & 4) this.c.print(` group ${group}`);
    if (mask & 8) this.c.print(` mode ${(mode & 0o7777).toString(8)}`);
    if (mask & 16) this.c.print(` segsize ${seg}`);
    if (mask & 1024) this.c.print(" fsync");
  }
  /** UBIK_VERSIONOUT(). */
  ubikVersion(label: string): void {
    this.c.print(label);
    this.check(8);
    this.c.print(` ${this.u32()}.${this.u32()}`);
  }
  /** AFSUUIDOUT(). */
  uuid(): void {
    this.check(44);
    const h = (v: number, w: number) => v.toString(16).padStart(w, "0");
    let s = ` ${h(this.u32(), 8)}${h(this.u32(), 4)}${h(this.u32(), 4)}`;
    for (let i = 0; i < 8; i++) s += h(this.u32() & 0xff, 2);
    this.c.print(s);
  }
  /** VECOUT(max): a name sent as one 32-bit word per character, printed up to a NUL. */
  vec(max: number): void {
    this.check(max * 4);
    let s = "";
    let done = false;
    for (let k = 0; k < max; k++) {
      const ch = this.u32() & 0xff;
      if (ch === 0) done = true;
      if (!done) s += charOut(ch);
    }
    this.c.print(` "${s}"`);
  }
  /** DESTSERVEROUT(). */
  destServer(): void {
    this.check(12);
    this.c.print(` server ${this.u32()}:${this.u32()}:${this.u32()}`);
  }
  /** A count, then `each` that many times with `sep` between, " <none!>" for none. */
  list(each: () => void, sep = ""): void {
    const j = this.u32();
    for (let i = 0; i < j; i++) {
      each();
      if (sep && i !== j - 1) this.c.print(sep);
    }
    if (j === 0) this.c.print(" <none!>");
  }
}

/** fn_print_char(): printable ASCII as is, others as M- and ^ escapes. */
function charOut(ch: number): string {
  let s = "";
  if (ch & 0x80) {
    s += "M-";
    ch &= 0x7f;
  }
  return ch < 0x20 || ch === 0x7f ? s + "^" + String.fromCharCode(ch ^ 0x40) : s +
    String.fromCharCode(ch);
}

/** Runs a service printer body; its "goto trunc" prints ` [|name]`. */
function guarded(c: Ctx, name: string, body: () => void): void {
  try {
    body();
  } catch (e) {
    if (e !== CUT) throw e;
    c.print(` [|${name}]`);
  }
}

const VOLTYPES = ["read-write", "read-only", "backup"];
const isUbik = (op: number) => (op >= 10000 && op <= 10007) || (op >= 20000 && op <= 20013);

/** isspace() of the C locale. */
const SPACE = /[ \t\n\v\f\r]/;

/** acl_print(): an ACL as text ("npos nneg\n" then "name rights\n" lines), as sscanf reads it. */
function aclPrint(c: Ctx, s: string): void {
  let pos = 0;
  const ws = () => {
    while (pos < s.length && SPACE.test(s[pos]!)) pos++;
  };
  const int = (): number | undefined => {
    ws();
    const m = /^[+-]?\d+/.exec(s.slice(pos));
    if (!m) return undefined;
    pos += m[0].length;
    return Number(m[0]) | 0;
  };
  const word = (): string | undefined => {
    ws();
    const m = /^[^ \t\n\v\f\r]{1,1024}/.exec(s.slice(pos));
    if (!m) return undefined;
    pos += m[0].length;
    return m[0];
  };
  const npos = int();
  if (npos === undefined) return;
  const nneg = int();
  if (nneg === undefined) return;
  ws();
  const rights = (a: number) =>
    (a & 1 ? "r" : "") + (a & 8 ? "l" : "") + (a & 4 ? "i" : "") + (a & 16 ? "d" : "") +
    (a & 2 ? "w" : "") + (a & 32 ? "k" : "") + (a & 64 ? "a" : "");
  for (const [n, sign] of [[npos, "+"], [nneg, "-"]] as const) {
    for (let i = 0; i < n; i++) {
      const user = word();
      if (user === undefined) return;
      const acl = int();
      if (acl === undefined) return;
      ws();
      let u = "";
      for (const ch of user) u += charOut(ch.charCodeAt(0));
      c.print(` ${sign}{${u} ${rights(acl)}}`);
    }
  }
}

/** An ACL of Store ACL and Fetch ACL: a count, then that many bytes of text. */
function acl(a: Args): void {
  const n = a.u32();
  a.check(n);
  let s = "";
  for (let i = 0; i < Math.min(1024, n); i++) {
    const ch = a.c.b[a.bp + i]!;
    if (ch === 0) break;
    s += String.fromCharCode(ch);
  }
  aclPrint(a.c, s);
}

/** fs_print(): a call to the file server. */
function fsCall(c: Ctx, bp: number): void {
  const op = c.u32(bp + RX_HEADER_LEN);
  c.print(` fs call ${tok(FS_OPS, "op#%u", op)}`);
  const a = new Args(c, bp + RX_HEADER_LEN + 4);
  guarded(c, "fs", () => {
    switch (op) {
      case 130:
        a.fid();
        a.uint(" offset");
        a.uint(" length");
        break;
      case 131:
      case 132:
      case 143:
      case 144:
      case 145:
      case 156:
      case 157:
      case 158:
        a.fid();
        break;
      case 135:
        a.fid();
        a.storeAttr();
        break;
      case 133:
        a.fid();
        a.storeAttr();
        a.uint(" offset");
        a.uint(" length");
        a.uint(" flen");
        break;
      case 134:
        a.fid();
        acl(a);
        break;
      case 137:
      case 141:
        a.fid();
        a.str(256);
        a.storeAttr();
        break;
      case 136:
      case 142:
        a.fid();
        a.str(256);
        break;
      case 138:
        c.print(" old");
        a.fid();
        a.str(256);
        c.print(" new");
        a.fid();
        a.str(256);
        break;
      case 139:
        a.fid();
        a.str(256);
        c.print(" link to");
        a.str(256);
        break;
      case 140:
        a.fid();
        a.str(256);
        c.print(" link to");
        a.fid();
        break;
      case 148:
        a.str(256);
        break;
      case 149:
      case 150:
        a.uint(" volid");
        break;
      case 154:
        c.print(" volname");
        a.str(256);
        break;
      case 155:
      case 65536:
        a.list(() => a.fid(), ",");
        break;
      case 65537:
        a.fid();
        a.uint64(" offset");
        a.uint64(" length");
        break;
      case 65538:
        a.fid();
        a.storeAttr();
        a.uint64(" offset");
        a.uint64(" length");
        a.uint64(" flen");
        break;
      case 65541:
        a.uint(" addr");
    }
  });
}

/** fs_reply_print(). */
function fsReply(c: Ctx, bp: number, opcode: number): void {
  c.print(` fs reply ${tok(FS_OPS, "op#%u", opcode)}`);
  const type = c.u8(bp + 20);
  const a = new Args(c, bp + RX_HEADER_LEN);
  guarded(c, "fs", () => {
    if (type === 1) {
      switch (opcode) {
        case 131:
          acl(a);
          break;
        case 137:
        case 141:
          c.print(" new");
          a.fid();
          break;
        case 151:
          c.print(" root volume");
          a.str(256);
          break;
        case 153:
          a.date();
      }
    } else if (type === 4) {
      const err = a.u32();
      c.print(` error ${FS_ERRORS[err] ?? `#${err | 0}`}`);
    } else c.print(` strange fs reply of type ${type}`);
  });
}

/** cb_print(): a call to a client's callback service. */
function cbCall(c: Ctx, bp: number): void {
  const op = c.u32(bp + RX_HEADER_LEN);
  c.print(` cb call ${tok(CB_OPS, "op#%u", op)}`);
  const a = new Args(c, bp + RX_HEADER_LEN + 4);
  guarded(c, "cb", () => {
    if (op === 204) {
      a.list(() => a.fid(), ",");
      const j = a.u32();
      if (j !== 0) c.print(";");
      for (let i = 0; i < j; i++) {
        a.int(" ver");
        a.date(" expires");
        a.u32(); // callback type: named, never printed
      }
    } else if (op === 214) {
      c.print(" afsuuid");
      a.uuid();
    }
  });
}

/** cb_reply_print(). */
function cbReply(c: Ctx, bp: number, opcode: number): void {
  c.print(` cb reply ${tok(CB_OPS, "op#%u", opcode)}`);
  const a = new Args(c, bp + RX_HEADER_LEN);
  guarded(c, "cb", () => {
    if (c.u8(bp + 20) === 1) {
      if (opcode === 213) a.uuid();
    } else a.int(" errcode");
  });
}

/** prot_print(): a call to the protection server. */
function ptCall(c: Ctx, bp: number): void {
  const op = c.u32(bp + RX_HEADER_LEN);
  c.print(" pt");
  if (isUbik(op)) return ubikCall(c, bp);
  c.print(` call ${tok(PT_OPS, "op#%u", op)}`);
  const a = new Args(c, bp + RX_HEADER_LEN + 4);
  guarded(c, "pt", () => {
    switch (op) {
      case 500:
        a.str(64);
        a.int(" id");
        a.int(" oldid");
        break;
      case 501:
      case 506:
      case 508:
      case 512:
      case 514:
      case 517:
      case 518:
      case 519:
      case 530:
        a.int(" id");
        break;
      case 502:
        a.int(" pos");
        break;
      case 503:
      case 507:
      case 515:
        a.int(" uid");
        a.int(" gid");
        break;
      case 504:
        a.list(() => a.vec(64));
        break;
      case 505:
        c.print(" ids:");
        a.list(() => a.int());
        break;
      case 509:
        a.str(64);
        a.int(" flag");
        a.int(" oid");
        break;
      case 511:
        a.int(" id");
        a.int(" gflag");
        break;
      case 513:
        a.int(" id");
        a.str(64);
        a.int(" oldid");
        a.int(" newid");
        break;
      case 520:
        a.int(" id");
        a.str(64);
    }
  });
}

/** prot_reply_print(). */
function ptReply(c: Ctx, bp: number, opcode: number): void {
  c.print(" pt");
  if (isUbik(opcode)) return ubikReply(c, bp, opcode);
  c.print(` reply ${tok(PT_OPS, "op#%u", opcode)}`);
  const a = new Args(c, bp + RX_HEADER_LEN);
  guarded(c, "pt", () => {
    if (c.u8(bp + 20) !== 1) return a.int(" errcode");
    switch (opcode) {
      case 504:
        c.print(" ids:");
        a.list(() => a.int());
        break;
      case 505:
        a.list(() => a.vec(64));
        break;
      case 508:
      case 514:
      case 517:
      case 518:
      case 519:
        a.list(() => a.int());
        break;
      case 510:
        a.int(" maxuid");
        a.int(" maxgid");
    }
  });
}

/** vldb_print(): a call to the volume location server. */
function vldbCall(c: Ctx, bp: number): void {
  const op = c.u32(bp + RX_HEADER_LEN);
  c.print(" vldb");
  if (isUbik(op)) return ubikCall(c, bp);
  c.print(` call ${tok(VLDB_OPS, "op#%u", op)}`);
  const a = new Args(c, bp + RX_HEADER_LEN + 4);
  const volType = () => {
    const i = a.u32();
    if (i <= 2) c.print(` type ${VOLTYPES[i]}`);
  };
  guarded(c, "vldb", () => {
    switch (op) {
      case 501:
      case 517:
        a.vec(65);
        break;
      case 502:
      case 503:
      case 507:
      case 508:
      case 509:
      case 518:
        a.int(" volid");
        volType();
        break;
      case 504:
      case 519:
      case 524:
      case 527:
        a.str(65);
        break;
      case 505:
        a.int(" bump");
        break;
      case 506:
      case 520:
        a.int(" volid");
        volType();
        a.vec(65);
        break;
      case 510:
      case 521:
        a.int(" index");
    }
  });
}

/** vldb_reply_print(). */
function vldbReply(c: Ctx, bp: number, opcode: number): void {
  c.print(" vldb");
  if (isUbik(opcode)) return ubikReply(c, bp, opcode);
  c.print(` reply ${tok(VLDB_OPS, "op#%u", opcode)}`);
  const a = new Args(c, bp + RX_HEADER_LEN);
  const partitions = (n: number, nservers: number) => {
    c.print(" partitions");
    for (let i = 0; i < n; i++) {
      const j = a.u32();
      if (i < nservers && j <= 26) c.print(` ${String.fromCharCode(97 + j)}`);
      else if (i < nservers) c.print(` ${j}`);
    }
    a.check(n * 4);
    a.bp += n * 4;
    a.uint(" rwvol");
    a.uint(" rovol");
    a.uint(" backup");
  };
  /** An entry with `n` servers (8: the old call, 13: the N and U calls). */
  const entry = (n: number, skip: boolean, uuids: boolean) => {
    a.vec(65);
    if (skip) {
      a.check(4);
      a.bp += 4;
    }
    c.print(" numservers");
    const nservers = a.u32();
    c.print(` ${nservers} servers`);
    for (let i = 0; i < n; i++) {
      if (uuids) {
        if (i < nservers) {
          c.print(" afsuuid");
          a.uuid();
        } else {
          a.check(44);
          a.bp += 44;
        }
        continue;
      }
      a.check(4);
      if (i < nservers) c.print(` ${c.ip4(a.bp)}`);
      a.bp += 4;
    }
    if (uuids) {
      a.check(52);
      a.bp += 52;
    }
    partitions(n, nservers);
  };
  guarded(c, "vldb", () => {
    if (c.u8(bp + 20) !== 1) return a.int(" errcode");
    switch (opcode) {
      case 510:
        a.int(" count");
        a.int(" nextindex");
        // falls through
      case 503:
      case 504:
        entry(8, true, false);
        break;
      case 505:
        a.uint(" newvol");
        break;
      case 521:
      case 529:
        a.int(" count");
        a.int(" nextindex");
        // falls through
      case 518:
      case 519:
        entry(13, false, false);
        break;
      case 526:
      case 527:
        entry(13, false, true);
    }
  });
}

/** kauth_print(): a call to the Kerberos authentication server. */
function kauthCall(c: Ctx, bp: number): void {
  const op = c.u32(bp + RX_HEADER_LEN);
  c.print(" kauth");
  if (isUbik(op)) return ubikCall(c, bp);
  c.print(` call ${tok(KAUTH_OPS, "op#%u", op)}`);
  const a = new Args(c, bp + RX_HEADER_LEN + 4);
  guarded(c, "kauth", () => {
    switch (op) {
      case 1:
      case 21:
      case 22:
      case 2:
      case 5:
      case 6:
      case 7:
      case 8:
      case 14:
      case 15:
        c.print(" principal");
        a.str(64);
        a.str(64);
        break;
      case 3:
      case 23: {
        a.int(" kvno");
        c.print(" domain");
        a.str(64);
        const n = a.u32();
        a.check(n);
        a.bp += n;
        c.print(" principal");
        a.str(64);
        a.str(64);
        break;
      }
      case 4:
        c.print(" principal");
        a.str(64);
        a.str(64);
        a.int(" kvno");
        break;
      case 12:
        c.print(" name");
        a.str(64);
    }
  });
}

/** kauth_reply_print(), and bos_reply_print() (`name` "bos", no ubik). */
function errReply(c: Ctx, bp: number, opcode: number, name: string): void {
  if (name === "kauth") {
    c.print(" kauth");
    if (isUbik(opcode)) return ubikReply(c, bp, opcode);
    c.print(` reply ${tok(KAUTH_OPS, "op#%u", opcode)}`);
  } else c.print(` bos reply ${tok(BOS_OPS, "op#%u", opcode)}`);
  if (c.u8(bp + 20) !== 1) new Args(c, bp + RX_HEADER_LEN).int(" errcode");
}

/** vol_print(): a call to the volume server. */
function volCall(c: Ctx, bp: number): void {
  const op = c.u32(bp + RX_HEADER_LEN);
  c.print(` vol call ${tok(VOL_OPS, "op#%u", op)}`);
  const a = new Args(c, bp + RX_HEADER_LEN + 4);
  guarded(c, "vol", () => {
    switch (op) {
      case 100:
        a.uint(" partition");
        c.print(" name");
        a.str(256);
        a.uint(" type");
        a.uint(" parent");
        break;
      case 101:
      case 107:
      case 104:
        a.uint(" trans");
        break;
      case 102:
        a.uint(" totrans");
        a.uint(" flags");
        break;
      case 103:
        a.uint(" fromtrans");
        a.date(" fromdate");
        a.destServer();
        a.int(" desttrans");
        break;
      case 105:
        a.uint(" trans");
        a.uint(" purgevol");
        a.uint(" newtype");
        c.print(" newname");
        a.str(256);
        break;
      case 106:
        a.uint(" trans");
        a.uint(" flags");
        break;
      case 108:
        a.uint(" vol");
        a.uint(" partition");
        a.uint(" flags");
        break;
      case 109:
      case 655537: // sic: print-rx.c's "get size" is never 65537
        a.uint(" fromtrans");
        a.date(" fromdate");
        break;
      case 110:
        a.uint(" index");
        break;
      case 111:
        a.uint(" tid");
        a.uint(" newsite");
        break;
      case 112:
      case 113:
        c.print(" tid");
        break;
      case 114:
        c.print(" name");
        a.str(256);
        a.uint(" type");
        a.uint(" pid");
        a.uint(" cloneid");
        break;
      case 116:
        a.uint(" partition");
        a.uint(" flags");
        break;
      case 117:
        a.uint(" tid");
        c.print(" name");
        a.str(256);
        a.uint(" type");
        a.uint(" pid");
        a.uint(" clone");
        a.uint(" backup");
        break;
      case 119:
        c.print(" name");
        a.str(256);
        break;
      case 120:
      case 126:
        a.uint(" tid");
        break;
      case 121:
      case 122:
      case 124:
      case 125:
      case 65536:
        a.uint(" partid");
        a.uint(" volid");
        break;
      case 123:
        a.uint(" tid");
        a.date(" date");
        break;
      case 128:
        a.uint(" fromtrans");
        a.date(" fromdate");
        a.list(() => a.destServer(), ",");
        break;
      case 65538:
        a.uint(" fromtrans");
        a.date(" fromdate");
        a.uint(" flags");
    }
  });
}

/** vol_reply_print(). */
function volReply(c: Ctx, bp: number, opcode: number): void {
  c.print(` vol reply ${tok(VOL_OPS, "op#%u", opcode)}`);
  const a = new Args(c, bp + RX_HEADER_LEN);
  guarded(c, "vol", () => {
    if (c.u8(bp + 20) !== 1) return a.int(" errcode");
    switch (opcode) {
      case 100:
        a.uint(" volid");
        a.uint(" trans");
        break;
      case 104:
      case 107:
        a.uint();
        break;
      case 105:
        a.uint(" newvol");
        break;
      case 108:
        a.uint(" trans");
        break;
      case 110:
        a.uint(" volume");
        a.uint(" partition");
        break;
      case 112:
        a.str(256);
        break;
      case 113:
        for (
          const l of [
            "volid",
            "nextuniq",
            "type",
            "parentid",
            "clone",
            "backup",
            "restore",
            "maxquota",
            "minquota",
            "owner",
          ]
        ) a.uint(` ${l}`);
        for (const l of ["create", "access", "update", "expire", "backup", "copy"]) {
          a.date(` ${l}`);
        }
        break;
      case 116:
      case 121:
        a.list(() => {
          c.print(" name");
          a.vec(32);
          a.uint(" volid");
          c.print(" type");
          a.bp += 84;
        }, ",");
    }
  });
}

/** bos_print(): a call to the basic overseer. */
function bosCall(c: Ctx, bp: number): void {
  const op = c.u32(bp + RX_HEADER_LEN);
  c.print(` bos call ${tok(BOS_OPS, "op#%u", op)}`);
  const a = new Args(c, bp + RX_HEADER_LEN + 4);
  guarded(c, "bos", () => {
    switch (op) {
      case 80:
        c.print(" type");
        a.str(256);
        c.print(" instance");
        a.str(256);
        break;
      case 81:
      case 83:
      case 85:
      case 87:
      case 88:
      case 93:
      case 96:
      case 97:
      case 104:
      case 106:
      case 108:
      case 112:
      case 114:
        a.str(256);
        break;
      case 82:
      case 98:
        a.str(256);
        a.int(" status");
        break;
      case 86:
        a.str(256);
        a.int(" num");
        break;
      case 84:
      case 89:
      case 90:
      case 91:
      case 92:
      case 95:
        a.int();
        break;
      case 105:
        a.str(256);
        a.int(" size");
        a.int(" flags");
        a.int(" date");
    }
  });
}

/** ubik_print(): a ubik (replicated database) call to pt, vldb or kauth. */
function ubikCall(c: Ctx, bp: number): void {
  const op = c.u32(bp + RX_HEADER_LEN);
  c.print(` ubik call ${tok(UBIK_OPS, "op#%u", op)}`);
  const a = new Args(c, bp + RX_HEADER_LEN + 4);
  guarded(c, "ubik", () => {
    switch (op) {
      case 10000:
        c.print(` syncsite ${a.u32() ? "yes" : "no"}`);
        a.date(" votestart");
        a.ubikVersion(" dbversion");
        a.ubikVersion(" tid");
        break;
      case 10003:
        a.uint(" site");
        break;
      case 20000:
      case 20001:
      case 20007:
      case 20008:
      case 20010:
        a.ubikVersion(" tid");
        break;
      case 20002:
        a.ubikVersion(" tid");
        a.int(" file");
        a.int(" pos");
        a.int(" length");
        a.u32(); // lock type: named, never printed
        break;
      case 20003:
        a.ubikVersion(" tid");
        a.int(" file");
        a.int(" pos");
        break;
      case 20005:
        a.int(" file");
        break;
      case 20006:
        a.int(" file");
        a.int(" length");
        a.ubikVersion(" dbversion");
        break;
      case 20009:
        a.ubikVersion(" tid");
        a.int(" file");
        a.int(" length");
        break;
      case 20012:
        a.ubikVersion(" tid");
        a.ubikVersion(" oldversion");
        a.ubikVersion(" newversion");
    }
  });
}

/** ubik_reply_print(). */
function ubikReply(c: Ctx, bp: number, opcode: number): void {
  c.print(` ubik reply ${tok(UBIK_OPS, "op#%u", opcode)}`);
  const a = new Args(c, bp + RX_HEADER_LEN);
  guarded(c, "ubik", () => {
    if (c.u8(bp + 20) === 1) {
      if (opcode === 10000) c.print(" vote no");
      else if (opcode === 20004) a.ubikVersion(" dbversion");
    } else if (opcode === 10000) a.date(" vote yes until");
    else a.int(" errcode");
  });
}

/** The call printers by destination port (the caller checked length > the Rx header). */
const CALLS: Record<number, (c: Ctx, bp: number, length: number) => void> = {
  7000: fsCall,
  7001: cbCall,
  7002: ptCall,
  7003: vldbCall,
  7004: kauthCall,
  7005: volCall,
  7007: bosCall,
};

/**
 * The reply printers by source port; pt and vldb (and ubik) return at length < 28, the others
 * at length <= 28.
 */
const REPLIES: Record<number, (c: Ctx, bp: number, length: number, op: number) => void> = {
  7000: (c, bp, n, op) => n > RX_HEADER_LEN && fsReply(c, bp, op),
  7001: (c, bp, n, op) => n > RX_HEADER_LEN && cbReply(c, bp, op),
  7002: (c, bp, n, op) => n >= RX_HEADER_LEN && ptReply(c, bp, op),
  7003: (c, bp, n, op) => n >= RX_HEADER_LEN && vldbReply(c, bp, op),
  7004: (c, bp, n, op) => n > RX_HEADER_LEN && errReply(c, bp, op, "kauth"),
  7005: (c, bp, n, op) => n > RX_HEADER_LEN && volReply(c, bp, op),
  7007: (c, bp, n, op) => n > RX_HEADER_LEN && errReply(c, bp, op, "bos"),
};

/** Prints runs of `want` in the ack array as "a-b,c" after `label`. */
function ranges(c: Ctx, p: number, n: number, first: number, want: number, label: string): void {
  let start = -2, last = -2, i = 0;
  for (; i < n; i++) {
    if (c.u8(p + i) === want) {
      if (last === -2) {
        c.print(`${label}${(first + i) >>> 0}`);
        start = i;
      } else if (last !== i - 1) {
        c.print(`,${(first + i) >>> 0}`);
        start = i;
      }
      last = i;
    } else if (last === i - 1 && start !== last) c.print(`-${(first + i - 1) >>> 0}`);
  }
  if (last === i - 1 && start !== last) c.print(`-${(first + i - 1) >>> 0}`);
}

/** rx_ack_print(): first packet, serial, reason, acked and nacked ranges; MTUs with -vv. */
function ackPrint(c: Ctx, bp: number, length: number): void {
  if (length < RX_HEADER_LEN) return;
  let p = bp + RX_HEADER_LEN;
  if (!c.has(p, 18)) {
    c.print(" [|ack]");
    return;
  }
  if (c.f.v > 2) c.print(` bufspace ${c.u16(p)} maxskew ${c.u16(p + 2)}`);
  const first = c.u32(p + 4);
  c.print(
    ` first ${first} serial ${c.u32(p + 12)} reason ${tok(ACK_REASONS, "#%u", c.u8(p + 16))}`,
  );
  const nAcks = c.u8(p + 17);
  p += 18;
  if (nAcks !== 0) {
    if (!c.has(p, nAcks)) {
      c.print(" [|ack]");
      return;
    }
    ranges(c, p, nAcks, first, 1, " acked ");
    ranges(c, p, nAcks, first, 0, " nacked ");
    p += nAcks;
  }
  p += 3; // padding
  if (c.f.v > 1) {
    for (const name of ["ifmtu", "maxmtu", "rwind", "maxpackets"]) {
      if (c.end - p + 1 <= 4) return;
      c.print(` ${name} ${c.u32(p)}`);
      p += 4;
    }
  }
}
