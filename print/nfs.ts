// NFS versions 2 and 3 (RFC 1094, RFC 1813) over Sun RPC (RFC 5531) as tcpdump 4.99 prints
// them (print-nfs.c, parsenfsfh.c): on UDP and TCP port 2049 a call to the port prints
// "NFS request xid N", its length, the procedure and its arguments; a reply from the port
// prints "NFS reply xid N", ok/ERR and, when the xid matches a call seen before (tcpdump keeps
// the last 64 calls), the procedure's results. File handles print as tcpdump's heuristic
// parser reads them ("fh major,minor/inode" or "fh Unknown/<hex>"). -v and -vv add attributes.
// A cut argument prints " [|nfs]"; a reply with an error status prints the error and no
// truncation marker for what follows, as tcpdump's nfserr flag does.

import { callRing } from "./_call_ring.ts";
import { type Ctx, type IpInfo, printn, tok } from "./_ctx.ts";

const NFS_PORT = 2049;
const NFSPROC = {
  NULL: 0,
  GETATTR: 1,
  SETATTR: 2,
  LOOKUP: 3,
  ACCESS: 4,
  READLINK: 5,
  READ: 6,
  WRITE: 7,
  CREATE: 8,
  MKDIR: 9,
  SYMLINK: 10,
  MKNOD: 11,
  REMOVE: 12,
  RMDIR: 13,
  RENAME: 14,
  LINK: 15,
  READDIR: 16,
  READDIRPLUS: 17,
  FSSTAT: 18,
  FSINFO: 19,
  PATHCONF: 20,
  COMMIT: 21,
  NOOP: 25,
} as const;

/** nfsv3_procid: NFS version 2 procedure numbers mapped to version 3's. */
const V2_PROCS = [
  0,
  1,
  2,
  25,
  3,
  5,
  6,
  25,
  7,
  8,
  12,
  14,
  15,
  10,
  9,
  13,
  16,
  18,
  25,
  25,
  25,
  25,
  25,
  25,
  25,
  25,
];

const PROC_NAMES: Record<number, string> = {
  25: "nop",
  0: "null",
  1: "getattr",
  2: "setattr",
  3: "lookup",
  4: "access",
  5: "readlink",
  6: "read",
  7: "write",
  8: "create",
  9: "mkdir",
  10: "symlink",
  11: "mknod",
  12: "remove",
  13: "rmdir",
  14: "rename",
  15: "link",
  16: "readdir",
  17: "readdirplus",
  18: "fsstat",
  19: "fsinfo",
  20: "pathconf",
  21: "commit",
};

/** status2str: NFS status values (FreeBSD's errno texts). */
const STATUS: Record<number, string> = {
  1: "Operation not permitted",
  2: "No such file or directory",
  5: "Input/output error",
  6: "Device not configured",
  11: "Resource deadlock avoided",
  12: "Cannot allocate memory",
  13: "Permission denied",
  17: "File exists",
  18: "Cross-device link",
  19: "Operation not supported by device",
  20: "Not a directory",
  21: "Is a directory",
  22: "Invalid argument",
  26: "Text file busy",
  27: "File too large",
  28: "No space left on device",
  30: "Read-only file system",
  31: "Too many links",
  45: "Operation not supported",
  62: "Too many levels of symbolic links",
  63: "File name too long",
  66: "Directory not empty",
  69: "Disc quota exceeded",
  70: "Stale NFS file handle",
  71: "Too many levels of remote in path",
  99: "Write cache flushed to disk",
  10001: "Illegal NFS file handle",
  10002: "Update synchronization mismatch",
  10003: "READDIR/READDIRPLUS cookie is stale",
  10004: "Operation not supported",
  10005: "Buffer or request is too small",
  10006: "Unspecified error on server",
  10007: "Object of that type not supported",
  10008: "Request couldn't be completed in time",
};

const WRITE_MODES: Record<number, string> = { 0: "unstable", 1: "datasync", 2: "filesync" };
/** tok2str() with no fallback format: "#%d". */
const writeMode = (v: number) => WRITE_MODES[v] ?? `#${v | 0}`;
const FILE_TYPES: Record<number, string> = {
  0: "NON",
  1: "REG",
  2: "DIR",
  3: "BLK",
  4: "CHR",
  5: "LNK",
  6: "FIFO",
};
const AUTH_STATS: Record<number, string> = {
  0: "OK",
  1: "Bogus Credentials (seal broken)",
  2: "Rejected Credentials (client should begin new session)",
  3: "Bogus Verifier (seal broken)",
  4: "Verifier expired or was replayed",
  5: "Credentials are too weak",
  6: "Bogus response verifier",
  7: "Unknown failure",
};
const ACCEPT_STATS: Record<number, string> = {
  1: "PROG_UNAVAIL",
  2: "PROG_MISMATCH",
  3: "PROC_UNAVAIL",
  4: "GARBAGE_ARGS",
  5: "SYSTEM_ERR",
};
const ACCESS_BITS: [number, string][] = [
  [0x01, "NFS_ACCESS_READ"],
  [0x02, "NFS_ACCESS_LOOKUP"],
  [0x04, "NFS_ACCESS_MODIFY"],
  [0x08, "NFS_ACCESS_EXTEND"],
  [0x10, "NFS_ACCESS_DELETE"],
  [0x20, "NFS_ACCESS_EXECUTE"],
];

/** A call remembered to read its reply: tcpdump's xid_map_entry. */
interface XidEntry {
  xid: number;
  ipver: number;
  client: string;
  server: string;
  proc: number;
  vers: number;
}

/** No value: the C code's NULL pointer (a soft truncation or an error). */
const NONE = -1;

/**
 * The NFS hook of udp_print()/tcp_print(): a call to port 2049 or a reply from it, the Sun RPC
 * message at `rp` of `length` bytes; false when it is neither (the caller goes on).
 */
export function nfsPrint(
  c: Ctx,
  rp: number,
  length: number,
  ip: IpInfo,
  sport: number,
  dport: number,
  tcp: boolean,
): boolean {
  if (!c.has(rp + 4, 4)) return false;
  const direction = c.u32(rp + 4);
  if (dport === NFS_PORT && direction === 0) {
    c.print(`${tcp ? ": " : ""}NFS request xid ${c.u32(rp)} `);
    request(c, rp, length, ip);
    return true;
  }
  if (sport === NFS_PORT && direction === 1) {
    c.print(`${tcp ? ": " : ""}NFS reply xid ${c.u32(rp)} `);
    reply(c, rp, length, ip);
    return true;
  }
  return false;
}

const PMAP_PROCS: Record<number, string> = {
  0: "null",
  1: "set",
  2: "unset",
  3: "getport",
  4: "dump",
  5: "call",
};

/**
 * udp_print()'s `-T rpc`: the Sun RPC message at `rp` of `length` bytes on any port. A call
 * prints as sunrpc_print() does (a portmapper call: addresses with the xid and port 0x6f, the
 * procedure, the program and version it asks about), anything else as an NFS reply
 * (nfsreply_print(): addresses with port 2049 and the xid, then the reply).
 */
export function rpcPrint(c: Ctx, rp: number, length: number, ip: IpInfo): void {
  const xid = c.u32(rp), direction = c.u32(rp + 4);
  if (direction !== 0) {
    c.proto = "nfs";
    // nfsreply_print(): the source port is "nfs" without -n (a fixed name, not a lookup).
    c.print(`${ip.src}.${c.f.names === undefined ? NFS_PORT : "nfs"} > ${ip.dst}.${xid}: `);
    return reply(c, rp, length, ip);
  }
  c.proto = "sunrpc";
  c.tcheck(rp, 32); // sizeof(struct sunrpc_msg) of 4.99.3: the call header through the credentials
  // Port 111 by its service name without -n, as sunrpc_print() names it.
  const port = c.f.names?.udpPort(111) ?? "0x6f";
  c.print(`${ip.src}.0x${xid.toString(16)} > ${ip.dst}.${port}: ${length}`);
  const proc = c.u32(rp + 20);
  c.print(` ${tok(PMAP_PROCS, " proc #%u", proc)}`);
  const vers = c.u32(rp + 8);
  if (vers !== 2) c.print(` [rpcver ${vers}]`);
  if (proc === 1 || proc === 2 || proc === 3 || proc === 5) {
    // Without -n the program as progstr() writes it (this tcpdump has no getrpcbynumber()).
    const prog = c.u32(rp + 12);
    c.print(` ${c.f.names === undefined ? prog : `#${prog}`}.${c.u32(rp + 16)}`);
  }
}

/** u_int arithmetic of the C code: what a 32-bit unsigned sum keeps. */
const u32wrap = (v: number) => v >>> 0;

/** A 64-bit big-endian field as a bigint. */
function u64(c: Ctx, off: number): bigint {
  return (BigInt(c.u32(off)) << 32n) | BigInt(c.u32(off + 4));
}

/** nfsreq_noaddr_print(). */
function request(c: Ctx, rp: number, length: number, ip: IpInfo): void {
  c.proto = "nfs";
  c.print(`${length}`);
  if (!c.has(rp + 20, 4)) return c.trunc();
  callRing<XidEntry>(c, "nfs").add({
    xid: c.u32(rp),
    ipver: ip.version,
    client: ip.src,
    server: ip.dst,
    proc: c.u32(rp + 20),
    vers: c.u32(rp + 16),
  });
  const v3 = c.u32(rp + 16) === 3;
  let proc = c.u32(rp + 20);
  if (!v3 && proc < V2_PROCS.length) proc = V2_PROCS[proc]!;
  c.print(` ${tok(PROC_NAMES, "proc-%u", proc)}`);
  if (requestArgs(c, rp, length, v3, proc) === NONE) c.trunc();
}

/** The arguments of a call; NONE when cut. */
function requestArgs(c: Ctx, rp: number, length: number, v3: boolean, proc: number): number {
  const P = NFSPROC;
  let dp: number;
  switch (proc) {
    case P.GETATTR:
    case P.SETATTR:
    case P.READLINK:
    case P.FSSTAT:
    case P.FSINFO:
    case P.PATHCONF:
      if ((dp = parseReq(c, rp, length)) === NONE) return NONE;
      return parseFh(c, dp, v3);
    case P.LOOKUP:
    case P.CREATE:
    case P.MKDIR:
    case P.REMOVE:
    case P.RMDIR:
      if ((dp = parseReq(c, rp, length)) === NONE) return NONE;
      return parseFhn(c, dp, v3);
    case P.ACCESS: {
      if ((dp = parseReq(c, rp, length)) === NONE) return NONE;
      if ((dp = parseFh(c, dp, v3)) === NONE) return NONE;
      const flags = c.u32(dp);
      if (flags & ~0x3f) c.print(` ${flags.toString(16).padStart(4, "0")}`);
      else if (flags === 0x3f) c.print(" NFS_ACCESS_FULL");
      else {
        let sep = " ";
        for (const [bit, name] of ACCESS_BITS) {
          if (flags & bit) {
            c.print(sep + name);
            sep = "|";
          }
        }
      }
      return dp;
    }
    case P.READ:
      if ((dp = parseReq(c, rp, length)) === NONE) return NONE;
      if ((dp = parseFh(c, dp, v3)) === NONE) return NONE;
      if (v3) c.print(` ${c.u32(dp + 8)} bytes @ ${u64(c, dp)}`);
      else c.print(` ${c.u32(dp + 4)} bytes @ ${c.u32(dp)}`);
      return dp;
    case P.WRITE:
      if ((dp = parseReq(c, rp, length)) === NONE) return NONE;
      if ((dp = parseFh(c, dp, v3)) === NONE) return NONE;
      if (v3) {
        c.print(` ${c.u32(dp + 16)} (${c.u32(dp + 8)}) bytes @ ${u64(c, dp)}`);
        if (c.f.v) c.print(` <${writeMode(c.u32(dp + 12))}>`);
      } else {
        c.print(` ${c.u32(dp + 12)} (${c.u32(dp + 8)}) bytes @ ${c.u32(dp + 4)} (${c.u32(dp)})`);
      }
      return dp;
    case P.SYMLINK: {
      if ((dp = parseReq(c, rp, length)) === NONE) return NONE;
      if ((dp = parseFhn(c, dp, v3)) === NONE) return NONE;
      c.print(" ->");
      let sa: Sattr3 | undefined;
      if (v3) [sa, dp] = parseSattr3(c, dp);
      if (parseFn(c, dp) === NONE) return NONE;
      if (sa && c.f.v) printSattr3(c, sa);
      return dp;
    }
    case P.MKNOD: {
      if ((dp = parseReq(c, rp, length)) === NONE) return NONE;
      if ((dp = parseFhn(c, dp, v3)) === NONE) return NONE;
      const type = c.u32(dp);
      const [sa, after] = parseSattr3(c, dp + 4);
      dp = after;
      c.print(` ${tok(FILE_TYPES, "unk-ft %u", type)}`);
      if (c.f.v && (type === 4 || type === 3)) {
        c.print(` ${c.u32(dp)}/${c.u32(dp + 4)}`);
        dp += 8;
      }
      if (c.f.v) printSattr3(c, sa);
      return dp;
    }
    case P.RENAME:
      if ((dp = parseReq(c, rp, length)) === NONE) return NONE;
      if ((dp = parseFhn(c, dp, v3)) === NONE) return NONE;
      c.print(" ->");
      return parseFhn(c, dp, v3);
    case P.LINK:
      if ((dp = parseReq(c, rp, length)) === NONE) return NONE;
      if ((dp = parseFh(c, dp, v3)) === NONE) return NONE;
      c.print(" ->");
      return parseFhn(c, dp, v3);
    case P.READDIR:
      if ((dp = parseReq(c, rp, length)) === NONE) return NONE;
      if ((dp = parseFh(c, dp, v3)) === NONE) return NONE;
      if (v3) {
        c.print(` ${c.u32(dp + 16)} bytes @ ${BigInt.asIntN(64, u64(c, dp))}`);
        if (c.f.v) c.print(` verf ${hex8(c.u32(dp + 8))}${hex8(c.u32(dp + 12))}`);
      } else c.print(` ${c.u32(dp + 4)} bytes @ ${c.u32(dp)}`);
      return dp;
    case P.READDIRPLUS:
      if ((dp = parseReq(c, rp, length)) === NONE) return NONE;
      if ((dp = parseFh(c, dp, v3)) === NONE) return NONE;
      c.print(` ${c.u32(dp + 16)} bytes @ ${BigInt.asIntN(64, u64(c, dp))}`);
      if (c.f.v) {
        c.print(` max ${c.u32(dp + 20)} verf ${hex8(c.u32(dp + 8))}${hex8(c.u32(dp + 12))}`);
      }
      return dp;
    case P.COMMIT:
      if ((dp = parseReq(c, rp, length)) === NONE) return NONE;
      if ((dp = parseFh(c, dp, v3)) === NONE) return NONE;
      c.print(` ${c.u32(dp + 8)} bytes @ ${u64(c, dp)}`);
      return dp;
    default:
      return 0;
  }
}

const hex8 = (v: number) => v.toString(16).padStart(8, "0");

/** parsereq(): past the call's credentials and verifier to the arguments; NONE when cut. */
function parseReq(c: Ctx, rp: number, length: number): number {
  let dp = rp + 24;
  if (length < 8) return NONE;
  let len = c.u32(dp + 4);
  let rounded = (u32wrap(len + 3) & ~3) >>> 0;
  if (!c.has(dp + 8, rounded)) return NONE;
  if (8 + rounded > length) return NONE;
  dp += Math.floor((len + 11) / 4) * 4;
  length -= 8 + rounded;
  if (length < 8) return NONE;
  len = c.u32(dp + 4);
  rounded = (u32wrap(len + 3) & ~3) >>> 0;
  if (!c.has(dp + 8, rounded)) return NONE;
  if (8 + rounded >= length) return NONE;
  return dp + Math.floor((len + 11) / 4) * 4;
}

/** parsefh(): a version 2 (32 bytes) or version 3 (length first) file handle, printed. */
function parseFh(c: Ctx, dp: number, v3: boolean): number {
  let words = 8;
  if (v3) {
    words = Math.floor(c.u32(dp) / 4);
    dp += 4;
  }
  if (!c.has(dp, words * 4)) return NONE;
  printFh(c, dp, words);
  return dp + words * 4;
}

/** parsefn(): a quoted file name padded to 4 bytes. */
function parseFn(c: Ctx, dp: number): number {
  const len = c.u32(dp);
  dp += 4;
  if (0xffffffff - len < 3) {
    c.print("[cannot pad to 32-bit boundaries] (invalid)");
    return NONE;
  }
  const rounded = (len + 3) & ~3;
  if (!c.has(dp, rounded >>> 0)) return NONE;
  c.print(`"${printn(c, dp, len)}"`);
  return dp + (rounded >>> 0);
}

/** parsefhn(): a file handle, then a file name. */
function parseFhn(c: Ctx, dp: number, v3: boolean): number {
  if ((dp = parseFh(c, dp, v3)) === NONE) return NONE;
  c.print(" ");
  return parseFn(c, dp);
}

interface Sattr3 {
  mode?: number;
  uid?: number;
  gid?: number;
  atime?: [number, number];
  mtime?: [number, number];
}

/** parse_sattr3(): the set-attributes of a new node; its fields and the offset after it. */
function parseSattr3(c: Ctx, dp: number): [Sattr3, number] {
  const sa: Sattr3 = {};
  if (c.u32(dp)) sa.mode = c.u32(dp += 4);
  dp += 4;
  if (c.u32(dp)) sa.uid = c.u32(dp += 4);
  dp += 4;
  if (c.u32(dp)) sa.gid = c.u32(dp += 4);
  dp += 4;
  if (c.u32(dp)) dp += 4; // size
  dp += 4;
  if (c.u32(dp) === 2) {
    sa.atime = [c.u32(dp + 4), c.u32(dp + 8)];
    dp += 8;
  }
  dp += 4;
  if (c.u32(dp) === 2) {
    sa.mtime = [c.u32(dp + 4), c.u32(dp + 8)];
    dp += 8;
  }
  return [sa, dp + 4];
}

const usec = (v: number) => String(v).padStart(6, "0");

/** print_sattr3(). */
function printSattr3(c: Ctx, sa: Sattr3): void {
  if (sa.mode !== undefined) c.print(` mode ${sa.mode.toString(8)}`);
  if (sa.uid !== undefined) c.print(` uid ${sa.uid}`);
  if (sa.gid !== undefined) c.print(` gid ${sa.gid}`);
  if (c.f.v > 1) {
    if (sa.atime) c.print(` atime ${sa.atime[0]}.${usec(sa.atime[1])}`);
    if (sa.mtime) c.print(` mtime ${sa.mtime[0]}.${usec(sa.mtime[1])}`);
  }
}

/**
 * nfs_printfh() with Parse_fh(): tcpdump guesses the server's handle layout from fixed bytes
 * (Auspex, BSD 4.4, OSF, IRIX, SunOS, Ultrix, VMS, HP-UX) and prints "fh major,minor/inode",
 * "fh <VMS device>/inode", or "fh Unknown/" and up to 32 bytes in hex.
 */
function printFh(c: Ctx, fh: number, words: number): void {
  if (c.f.u) {
    // -u: the handle undecoded, as 32-bit big-endian words in hex.
    const w: string[] = [];
    for (let i = 0; i < words; i++) w.push(c.u32(fh + i * 4).toString(16));
    c.print(` fh[${w.join(":")}]`);
    return;
  }
  const b = (i: number) => c.u8(fh + i);
  const be16 = (i: number) => (b(i) << 8) | b(i + 1);
  const be32 = (i: number) => c.u32(fh + i);
  const le32 = (i: number) => ((b(i + 3) << 24) | (b(i + 2) << 16) | (b(i + 1) << 8) | b(i)) >>> 0;
  let type = "unknown";
  if (words >= 4) {
    if (b(0) === 0 && b(1) === 0) {
      if (b(2) === 0 && b(3) === 0) type = "auspex";
      else if (b(4) !== 0 && b(5) === 0 && b(8) === 12 && b(9) === 0) type = "decosf";
      else if (b(4) === 0 && b(5) === 8 && b(6) === 0 && b(7) === 0) type = "irix4";
      else type = "sunos4";
    } else if (b(2) === 0 && b(3) === 0) {
      if (b(6) === 0 && b(7) === 0) type = "bsd44";
      else if (words >= 6 && b(21) === 0 && b(23) === 0) type = "ultrix";
      else if (b(9) === 10) type = "sunos5";
    } else if (b(8) === 12 && b(9) === 0) type = "decosf";
    else if (b(8) === 0 && b(9) === 10) {
      type = b(7) === 0 && b(6) === 0 && b(5) === 0 && b(4) === 0 ? "hpux9" : "sunos5";
    } else if (isUcx(c, fh, words)) type = "vms";
  }
  let major = 0, minor = 0, ino = 0;
  switch (type) {
    case "auspex":
      [major, minor, ino] = [b(6), b(7), be32(12)];
      break;
    case "bsd44":
      [major, minor, ino] = [b(1), b(0), le32(12)];
      break;
    case "decosf": {
      const t = le32(0);
      [major, minor, ino] = [(t >>> 20) & 0xfff, t & 0xfffff, le32(12)];
      break;
    }
    case "irix4":
      [major, minor, ino] = [b(2), b(3), be32(8)];
      break;
    case "sunos4":
      [major, minor, ino] = [b(2), b(3), be32(12)];
      break;
    case "sunos5":
      [major, minor, ino] = [(be16(0) >> 2) & 0x3fff, ((b(1) << 16) | be16(2)) & 0x3ffff, be32(12)];
      break;
    case "ultrix":
      [major, minor, ino] = [b(1), b(0), le32(4)];
      break;
    case "hpux9":
      [major, minor, ino] = [b(0), (b(1) << 16) | be16(2), be32(12)];
      break;
    case "vms": {
      // the device name after the code byte, up to `words` characters (tcpdump's length in
      // words), cut at a NUL and at the first space; printed as raw bytes
      ino = ((b(26) << 24) | (b(27) << 16) | (b(23) << 8) | b(22)) >>> 0;
      let name = "";
      for (let i = 1; i <= Math.min(words, 64); i++) {
        const ch = c.b[fh + i] ?? 0;
        if (ch === 0 || ch === 0x20) break;
        name += String.fromCharCode(ch);
      }
      c.print(` fh ${name}/${ino}`);
      return;
    }
    default: {
      let hex = "";
      for (let i = 0; i < words * 4 && i < 32; i++) {
        hex += b(i).toString(16).toUpperCase().padStart(2, "0");
      }
      c.print(` fh ${"Unknown".slice(0, Math.min(words, 64))}/${hex}`);
      return;
    }
  }
  c.print(` fh ${major},${minor}/${ino >>> 0}`);
}

/** is_UCX(): a VMS UCX handle: printable characters, then only NULs, in bytes 1-13. */
function isUcx(c: Ctx, fh: number, words: number): boolean {
  if (words < 7) return false;
  let seenNull = false;
  for (let i = 1; i < 14; i++) {
    const ch = c.u8(fh + i);
    if (ch >= 0x20 && ch <= 0x7e) {
      if (seenNull) return false;
    } else if (ch === 0) seenNull = true;
    else return false;
  }
  return true;
}

/** nfsreply_noaddr_print(). */
function reply(c: Ctx, rp: number, length: number, ip: IpInfo): void {
  c.proto = "nfs";
  if (!c.has(rp + 8, 4)) return c.trunc();
  const stat = c.u32(rp + 8);
  if (stat === 0) {
    c.print(`reply ok ${length}`);
    const found = xidFind(c, rp, ip);
    if (found) interpReply(c, rp, found.proc, found.vers, length);
  } else if (stat === 1) {
    c.print(`reply ERR ${length}: `);
    if (!c.has(rp + 12, 4)) return c.trunc();
    const rstat = c.u32(rp + 12);
    if (rstat === 0) {
      if (!c.has(rp + 20, 4)) return c.trunc();
      c.print(`RPC Version mismatch (${c.u32(rp + 16)}-${c.u32(rp + 20)})`);
    } else if (rstat === 1) {
      if (!c.has(rp + 16, 4)) return c.trunc();
      c.print(`Auth ${tok(AUTH_STATS, "Invalid failure code %u", c.u32(rp + 16))}`);
    } else c.print(`Unknown reason for rejecting rpc message ${rstat}`);
  } else c.print(`reply Unknown rpc response code=${stat} ${length}`);
}

/** xid_map_find(): the call this reply answers (same xid, addresses swapped). */
function xidFind(c: Ctx, rp: number, ip: IpInfo): XidEntry | undefined {
  const xid = c.u32(rp);
  return callRing<XidEntry>(c, "nfs").find((e) =>
    e.ipver === ip.version && e.xid === xid && e.server === ip.src && e.client === ip.dst
  );
}

/** The state of one reply's parse: tcpdump's nfserr (an error status printed, no marker). */
interface Rep {
  err: boolean;
}

/** interp_reply(). */
function interpReply(c: Ctx, rp: number, proc: number, vers: number, length: number): void {
  const v3 = vers === 3;
  if (!v3 && proc < V2_PROCS.length) proc = V2_PROCS[proc]!;
  c.print(` ${tok(PROC_NAMES, "proc-%u", proc)}`);
  const r: Rep = { err: false };
  if (replyResults(c, r, rp, length, v3, proc) === NONE && !r.err) c.trunc();
}

/** The results of a reply; NONE when cut or stopped by an error. */
function replyResults(
  c: Ctx,
  r: Rep,
  rp: number,
  length: number,
  v3: boolean,
  proc: number,
): number {
  const P = NFSPROC, v = c.f.v;
  if (proc < P.GETATTR || proc > P.COMMIT) return 0; // nothing to parse
  let dp = parseRep(c, r, rp, length);
  if (dp === NONE) return NONE;
  switch (proc) {
    case P.GETATTR:
      return parseAttrStat(c, r, dp, c.f.q ? 0 : 1, v3);
    case P.SETATTR:
      if (v3) return parseWccRes(c, r, dp, v);
      return parseAttrStat(c, r, dp, c.f.q ? 0 : 1, false);
    case P.LOOKUP:
      if (v3) {
        const er = status(c, r, dp);
        dp += 4;
        if (er) {
          if (v > 1) {
            c.print(" post dattr:");
            return postOpAttr(c, dp, v);
          }
          return dp;
        }
        if ((dp = parseFh(c, dp, true)) === NONE) return NONE;
        if ((dp = postOpAttr(c, dp, v)) === NONE) return NONE;
        if (v > 1) {
          c.print(" post dattr:");
          return postOpAttr(c, dp, v);
        }
        return dp;
      }
      return parseDirOpRes(c, r, dp);
    case P.ACCESS: {
      const er = status(c, r, dp);
      dp += 4;
      if (v) c.print(" attr:");
      if ((dp = postOpAttr(c, dp, v)) === NONE) return NONE;
      if (!er) c.print(` c ${c.u32(dp).toString(16).padStart(4, "0")}`);
      return dp;
    }
    case P.READLINK: {
      const er = status(c, r, dp);
      dp += 4;
      if (er) return dp;
      if (v3 && (dp = postOpAttr(c, dp, v)) === NONE) return NONE;
      c.print(" ");
      return parseFn(c, dp);
    }
    case P.READ:
      if (v3) {
        const er = status(c, r, dp);
        dp += 4;
        if ((dp = postOpAttr(c, dp, v)) === NONE) return NONE;
        if (!er && v) {
          c.print(` ${c.u32(dp)} bytes`);
          if (c.u32(dp + 4)) c.print(" EOF");
        }
        return dp;
      }
      return parseAttrStat(c, r, dp, v, false);
    case P.WRITE:
      if (v3) {
        const er = status(c, r, dp);
        dp += 4;
        if ((dp = wccData(c, dp, v)) === NONE) return NONE;
        if (!er && v) {
          c.print(` ${c.u32(dp)} bytes`);
          if (v > 1) {
            c.print(` <${writeMode(c.u32(dp + 4))}>`);
            c.print(` verf ${u64(c, dp + 8).toString(16)}`);
          }
        }
        return dp;
      }
      return parseAttrStat(c, r, dp, v, false);
    case P.CREATE:
    case P.MKDIR:
      return v3 ? createOpRes(c, r, dp, v) : parseDirOpRes(c, r, dp);
    case P.SYMLINK:
      if (v3) return createOpRes(c, r, dp, v);
      status(c, r, dp);
      return dp + 4;
    case P.MKNOD:
      return createOpRes(c, r, dp, v);
    case P.REMOVE:
    case P.RMDIR:
      if (v3) return parseWccRes(c, r, dp, v);
      status(c, r, dp);
      return dp + 4;
    case P.RENAME:
      status(c, r, dp);
      dp += 4;
      if (v3 && v) {
        c.print(" from:");
        if ((dp = wccData(c, dp, v)) === NONE) return NONE;
        c.print(" to:");
        return wccData(c, dp, v);
      }
      return dp;
    case P.LINK:
      status(c, r, dp);
      dp += 4;
      if (v3 && v) {
        c.print(" file POST:");
        if ((dp = postOpAttr(c, dp, v)) === NONE) return NONE;
        c.print(" dir:");
        return wccData(c, dp, v);
      }
      return dp;
    case P.READDIR:
      return v3 ? v3ReaddirRes(c, r, dp, v) : readdirRes(c, r, dp);
    case P.READDIRPLUS:
      return v3ReaddirRes(c, r, dp, v);
    case P.FSSTAT:
      return statFs(c, r, dp, v3);
    case P.FSINFO:
      return fsInfo(c, r, dp);
    case P.PATHCONF:
      return pathConf(c, r, dp);
    case P.COMMIT:
      if ((dp = parseWccRes(c, r, dp, v)) === NONE) return NONE;
      if (v > 1) c.print(` verf ${u64(c, dp).toString(16)}`);
      return dp;
    default:
      return 0;
  }
}

/** parserep(): past the verifier to the accept status; NONE (printing it) unless SUCCESS. */
function parseRep(c: Ctx, r: Rep, rp: number, length: number): number {
  let dp = rp + 12;
  const len = c.u32(dp + 4);
  if (len >= length) return NONE;
  dp += Math.floor((len + 11) / 4) * 4;
  const astat = c.u32(dp);
  if (astat !== 0) {
    c.print(` ${tok(ACCEPT_STATS, "ar_stat %u", astat)}`);
    r.err = true;
    return NONE;
  }
  if (!c.has(dp, 4)) return NONE;
  return dp + 4;
}

/** parsestatus(): the NFS status word; true (and " ERROR: ...") when it is not NFS_OK. */
function status(c: Ctx, r: Rep, dp: number): boolean {
  const errnum = c.u32(dp);
  if (errnum !== 0) {
    if (!c.f.q) c.print(` ERROR: ${tok(STATUS, "unk %u", errnum)}`);
    r.err = true;
  }
  return errnum !== 0;
}

/** parsefattr(): a file's attributes (type, mode, ids, size; with -vv the rest). */
function fattr(c: Ctx, dp: number, verbose: number, v3: boolean): number {
  if (!c.has(dp + 16, 4)) return NONE;
  if (verbose) {
    c.print(
      ` ${tok(FILE_TYPES, "unk-ft %u ", c.u32(dp))} ${c.u32(dp + 4).toString(8)} ids ${
        c.u32(dp + 12) | 0
      }/${c.u32(dp + 16) | 0}`,
    );
    c.print(v3 ? ` sz ${u64(c, dp + 20)}` : ` sz ${c.u32(dp + 20)}`);
  }
  if (verbose > 1) {
    if (v3) {
      if (!c.has(dp + 76, 8)) return NONE;
      c.print(` nlink ${c.u32(dp + 8)} rdev ${c.u32(dp + 36)}/${c.u32(dp + 40)}`);
      c.print(` fsid ${u64(c, dp + 44).toString(16)} fileid ${u64(c, dp + 52).toString(16)}`);
      c.print(` a/m/ctime ${c.u32(dp + 60)}.${usec(c.u32(dp + 64))}`);
      c.print(` ${c.u32(dp + 68)}.${usec(c.u32(dp + 72))}`);
      c.print(` ${c.u32(dp + 76)}.${usec(c.u32(dp + 80))}`);
    } else {
      if (!c.has(dp + 60, 8)) return NONE;
      const h = (o: number) => c.u32(dp + o).toString(16);
      c.print(
        ` nlink ${c.u32(dp + 8)} rdev 0x${h(28)} fsid 0x${h(36)} nodeid 0x${h(40)} a/m/ctime`,
      );
      for (const o of [44, 52, 60]) c.print(` ${c.u32(dp + o)}.${usec(c.u32(dp + o + 4))}`);
    }
  }
  return dp + (v3 ? 84 : 68);
}

/** parseattrstat(): a status, then the attributes when it is NFS_OK. */
function parseAttrStat(
  c: Ctx,
  r: Rep,
  dp: number,
  verbose: number,
  v3: boolean,
): number {
  if (status(c, r, dp)) return dp + 4;
  return fattr(c, dp + 4, verbose, v3);
}

/** parsediropres(): version 2's status, file handle and attributes. */
function parseDirOpRes(c: Ctx, r: Rep, dp: number): number {
  if (status(c, r, dp)) return dp + 4;
  if ((dp = parseFh(c, dp + 4, false)) === NONE) return NONE;
  return fattr(c, dp, c.f.v, false);
}

/** parse_wcc_attr(). */
function wccAttr(c: Ctx, dp: number): number {
  c.print(` sz ${u64(c, dp)}`);
  c.print(
    ` mtime ${c.u32(dp + 8)}.${usec(c.u32(dp + 12))} ctime ${c.u32(dp + 16)}.${
      usec(c.u32(dp + 20))
    }`,
  );
  return dp + 24;
}

/** parse_pre_op_attr(): printed with -vv only. */
function preOpAttr(c: Ctx, dp: number, verbose: number): number {
  if (!c.u32(dp)) return dp + 4;
  dp += 4;
  if (!c.has(dp, 24)) return NONE;
  return verbose > 1 ? wccAttr(c, dp) : dp + 24;
}

/** parse_post_op_attr(): printed with -v. */
function postOpAttr(c: Ctx, dp: number, verbose: number): number {
  if (!c.u32(dp)) return dp + 4;
  dp += 4;
  return verbose ? fattr(c, dp, verbose, true) : dp + 84;
}

/** parse_wcc_data(). */
function wccData(c: Ctx, dp: number, verbose: number): number {
  if (verbose > 1) c.print(" PRE:");
  if ((dp = preOpAttr(c, dp, verbose)) === NONE) return NONE;
  if (verbose) c.print(" POST:");
  return postOpAttr(c, dp, verbose);
}

/** parsecreateopres(). */
function createOpRes(c: Ctx, r: Rep, dp: number, verbose: number): number {
  const er = status(c, r, dp);
  dp += 4;
  if (er) return wccData(c, dp, verbose);
  if (!c.u32(dp)) return dp + 4;
  if ((dp = parseFh(c, dp + 4, true)) === NONE) return NONE;
  if (verbose) {
    if ((dp = postOpAttr(c, dp, verbose)) === NONE) return NONE;
    if (c.f.v > 1) {
      c.print(" dir attr:");
      dp = wccData(c, dp, verbose);
    }
  }
  return dp;
}

/** parsewccres(). */
function parseWccRes(c: Ctx, r: Rep, dp: number, verbose: number): number {
  status(c, r, dp);
  return wccData(c, dp + 4, verbose);
}

/** parsev3rddirres(). */
function v3ReaddirRes(c: Ctx, r: Rep, dp: number, verbose: number): number {
  const er = status(c, r, dp);
  dp += 4;
  if (c.f.v) c.print(" POST:");
  if ((dp = postOpAttr(c, dp, verbose)) === NONE) return NONE;
  if (er) return dp;
  if (c.f.v) {
    c.print(` verf ${hex8(c.u32(dp))}${hex8(c.u32(dp + 4))}`);
    dp += 8;
  }
  return dp;
}

/** parserddires(): version 2's READDIR result. */
function readdirRes(c: Ctx, r: Rep, dp: number): number {
  if (status(c, r, dp)) return dp + 4;
  dp += 4;
  if (c.f.q) return dp;
  c.print(` offset 0x${c.u32(dp).toString(16)} size ${c.u32(dp + 4)} `);
  if (c.u32(dp + 8) !== 0) c.print(" eof");
  return dp;
}

/** parsestatfs(). */
function statFs(c: Ctx, r: Rep, dp: number, v3: boolean): number {
  const er = status(c, r, dp);
  dp += 4;
  if (!v3 && er) return dp;
  if (c.f.q) return dp;
  if (v3) {
    if (c.f.v) c.print(" POST:");
    if ((dp = postOpAttr(c, dp, c.f.v)) === NONE) return NONE;
  }
  if (!c.has(dp, v3 ? 52 : 20)) return NONE;
  if (v3) {
    c.print(` tbytes ${u64(c, dp)} fbytes ${u64(c, dp + 8)} abytes ${u64(c, dp + 16)}`);
    if (c.f.v) {
      c.print(
        ` tfiles ${u64(c, dp + 24)} ffiles ${u64(c, dp + 32)} afiles ${u64(c, dp + 40)} invar ${
          c.u32(dp + 48)
        }`,
      );
    }
  } else {
    c.print(
      ` tsize ${c.u32(dp)} bsize ${c.u32(dp + 4)} blocks ${c.u32(dp + 8)} bfree ${
        c.u32(dp + 12)
      } bavail ${c.u32(dp + 16)}`,
    );
  }
  return dp;
}

/** parsefsinfo(). */
function fsInfo(c: Ctx, r: Rep, dp: number): number {
  const er = status(c, r, dp);
  dp += 4;
  if (c.f.v) c.print(" POST:");
  if ((dp = postOpAttr(c, dp, c.f.v)) === NONE) return NONE;
  if (er) return dp;
  if (!c.has(dp, 48)) return NONE;
  c.print(
    ` rtmax ${c.u32(dp)} rtpref ${c.u32(dp + 4)} wtmax ${c.u32(dp + 12)} wtpref ${
      c.u32(dp + 16)
    } dtpref ${c.u32(dp + 24)}`,
  );
  if (c.f.v) {
    c.print(` rtmult ${c.u32(dp + 8)} wtmult ${c.u32(dp + 20)} maxfsz ${u64(c, dp + 28)}`);
    c.print(` delta ${c.u32(dp + 36)}.${usec(c.u32(dp + 40))} `);
  }
  return dp;
}

/** parsepathconf(). */
function pathConf(c: Ctx, r: Rep, dp: number): number {
  const er = status(c, r, dp);
  dp += 4;
  if (c.f.v) c.print(" POST:");
  if ((dp = postOpAttr(c, dp, c.f.v)) === NONE) return NONE;
  if (er) return dp;
  if (!c.has(dp, 24)) return NONE;
  const flag = (o: number, s: string) => (c.u32(dp + o) ? s : "");
  c.print(
    ` linkmax ${c.u32(dp)} namemax ${c.u32(dp + 4)} ${flag(8, "notrunc")} ${flag(12, "chownres")} ${
      flag(16, "igncase")
    } ${flag(20, "keepcase")}`,
  );
  return dp;
}
