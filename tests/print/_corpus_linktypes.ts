// Golden corpus cases for the link types of issue 13 that had no printer: PFLOG (the *BSD
// packet filter's log), USB_LINUX / USB_LINUX_MMAPPED (usbmon).

import { bytes, ipv6, tcp4, u16, u32, udp4, udp6 } from "./_build.ts";
import type { Case } from "./_golden.ts";
import { prng } from "../_prng.ts";

// Each case reseeds, so a case added or changed leaves the others' packets as they are.
let r = prng(117);
const int = (n: number) => Math.floor(r() * n);
const pick = <T>(a: readonly T[]): T => a[int(a.length)]!;
/** Little-endian 16/32-bit values (usbmon and pflog's uid are in the capturing host's order). */
const le16 = (v: number) => Uint8Array.of(v & 0xff, (v >> 8) & 0xff);
const le32 = (v: number) =>
  Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
/** A NUL-padded name field. */
function field(s: string, n: number): Uint8Array {
  const b = new Uint8Array(n);
  b.set(new TextEncoder().encode(s).subarray(0, n));
  return b;
}

// --- PFLOG (struct pfloghdr: length, af, action, reason, ifname[16], ruleset[16], rulenr,
// subrulenr, uid, pid, rule_uid, rule_pid, dir, pad; FreeBSD's length is 61, OpenBSD's 68) ---

interface PflogHeader {
  length?: number;
  af: number;
  action: number;
  reason: number;
  ifname: string;
  ruleset?: string;
  rulenr: number;
  subrulenr?: number;
  dir: number;
}

function pflog(h: PflogHeader, payload: Uint8Array): Uint8Array {
  const length = h.length ?? 61;
  const head = bytes(
    length,
    h.af,
    h.action,
    h.reason,
    field(h.ifname, 16),
    field(h.ruleset ?? "", 16),
    u32(h.rulenr),
    u32(h.subrulenr ?? 0xffffffff),
    le32(int(2) ? 0xffffffff : 1000 + int(1000)), // uid
    le32(int(65536)), // pid
    le32(0xffffffff), // rule_uid
    le32(0), // rule_pid
    h.dir,
    0,
    0,
    0,
    u32(0), // OpenBSD's ridentifier
    0,
    0,
    0,
    0,
  );
  // The header is padded to 4 bytes; a length past the fields reads the payload there.
  const padded = new Uint8Array((length + 3) & ~3);
  padded.set(head.subarray(0, Math.min(head.length, padded.length)));
  return bytes(padded, payload);
}

const IFNAMES = ["em0", "vtnet0", "pflog0", "re1", "lo0", "bridge0.100", "averyveryverylongname"];

function pflogPackets(): { data: Uint8Array }[] {
  r = prng(117);
  const out: Uint8Array[] = [];
  for (let i = 0; i < 30; i++) {
    const af = pick([2, 2, 2, 24, 28, 30, 2, 24, 7, 0]);
    const v6 = af === 24 || af === 28 || af === 30;
    const payload = af === 7 || af === 0
      ? Uint8Array.from({ length: 4 + int(30) }, () => int(256))
      : v6
      ? (i % 2
        ? udp6("2001:db8::1", "2001:db8::53", 5353, 53, new Uint8Array(int(12)))
        : ipv6("2001:db8::1", "2001:db8::2", 59, new Uint8Array(0)))
      : i % 3
      ? tcp4(`10.0.${i}.1`, "10.0.0.2", 1024 + i, pick([22, 80, 443]), 0x02, new Uint8Array(0), i)
      : udp4("192.168.1.1", "192.168.1.53", 3000 + i, 53, new Uint8Array(int(16)));
    const sub = int(3) === 0;
    out.push(pflog({
      length: pick([61, 61, 61, 68, 64, 45, 72]),
      af,
      action: i % 12,
      reason: i % 17,
      ifname: pick(IFNAMES),
      ruleset: sub ? pick(["anchor1", "ftp-proxy/*", "a-very-long-anchor-name-here"]) : "",
      rulenr: int(40),
      subrulenr: sub ? int(5) : 0xffffffff,
      dir: i % 4,
    }, payload));
  }
  // Broken ones: a length below 45, a header cut short, a header with nothing after it, an
  // IP header cut after two bytes, an empty record.
  const syn = tcp4("10.0.0.1", "10.0.0.2", 1234, 80, 0x02, new Uint8Array(0), 1);
  const base: PflogHeader = { af: 2, action: 1, reason: 0, ifname: "em0", rulenr: 3, dir: 1 };
  out.push(pflog({ ...base, length: 44 }, syn));
  out.push(pflog(base, syn).subarray(0, 50));
  out.push(pflog({ ...base, length: 48 }, syn).subarray(0, 60));
  out.push(pflog(base, syn).subarray(0, 64));
  out.push(pflog(base, syn).subarray(0, 66));
  out.push(new Uint8Array(0).subarray(0, 0));
  return out.filter((d) => d.length > 0).map((data) => ({ data }));
}

// --- usbmon (linux Documentation/usb/usbmon.rst: id, type 'S'/'C'/'E', transfer type, endpoint
// with the IN bit, device, bus, setup and data flags, time, status, lengths, setup or iso
// fields; the mmapped form adds interval, start frame, transfer flags, descriptor count) ---

function usbmon(mmapped: boolean, i: number): Uint8Array {
  const event = pick([0x53, 0x43, 0x53, 0x43, 0x45, 0x5a]);
  const transfer = pick([0, 1, 2, 3, 2, 3, 1, 7]);
  const endpoint = pick([0x00, 0x80, 0x81, 0x02, 0x83, 0x85]);
  const data = event === 0x43 || transfer === 3
    ? Uint8Array.from({ length: int(24) }, () => int(256))
    : new Uint8Array(0);
  const setup = transfer === 2 && event === 0x53;
  const head = bytes(
    le32(0x0a2b3c00 + i),
    le32(0xffff8881),
    event,
    transfer,
    endpoint,
    1 + int(20),
    le16(pick([1, 1, 2, 3, 10, 300])),
    setup ? 0 : 0x2d,
    data.length ? 0 : 0x3c,
    le32(1700000000 + i),
    le32(0),
    le32(int(1000000)),
    le32(event === 0x45 ? -32 : event === 0x53 ? -115 : 0),
    le32(data.length + int(64)),
    le32(data.length),
    setup ? bytes(0x80, 6, 0, 1, 0, 0, 18, 0) : new Uint8Array(8),
    mmapped ? bytes(le32(transfer === 1 ? 8 : 0), le32(0), le32(0x200), le32(0)) : [],
  );
  return bytes(head, data);
}

function usbPackets(mmapped: boolean): { data: Uint8Array }[] {
  r = prng(mmapped ? 220 : 189);
  const out = Array.from({ length: 26 }, (_, i) => usbmon(mmapped, i));
  out.push(usbmon(mmapped, 30).subarray(0, mmapped ? 63 : 47)); // a header cut short
  out.push(usbmon(mmapped, 31).subarray(0, 20));
  return out.map((data) => ({ data }));
}

// --- Bluetooth HCI H4 with the 4-byte direction pseudo-header (bit 0: received) ---

function hciPackets(): { data: Uint8Array }[] {
  r = prng(201);
  const out: Uint8Array[] = [];
  for (let i = 0; i < 24; i++) {
    const params = Uint8Array.from({ length: int(12) }, () => int(256));
    const h4 = pick([
      () =>
        bytes(0x01, le16(pick([0x0c03, 0x1001, 0x1009, 0x2008, 0x200b])), params.length, params),
      () => bytes(0x04, pick([0x0e, 0x0f, 0x3e, 0x05]), params.length, params),
      () =>
        bytes(
          0x02,
          le16(0x2001 + int(4)),
          le16(params.length + 4),
          le16(params.length),
          le16(4),
          params,
        ),
      () => bytes(0x03, le16(0x0006), params.length, params),
      () => bytes(0x05, params),
    ])();
    out.push(bytes(u32(pick([0, 1, 0, 1, 0x80000001, 2])), h4));
  }
  out.push(u32(1), u32(0).subarray(0, 3), new Uint8Array(0));
  return out.filter((d) => d.length > 0).map((data) => ({ data }));
}

// --- Linux vsock monitor (af_vsockmon_hdr, then the virtio header; little-endian) ---

function vsockPackets(): { data: Uint8Array }[] {
  r = prng(271);
  const le64 = (v: bigint) =>
    Uint8Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(8 * i)) & 0xffn));
  const out: Uint8Array[] = [];
  for (let i = 0; i < 24; i++) {
    const transport = pick([2, 2, 2, 1, 0, 7]);
    const op = pick([4, 4, 1, 2, 3, 0, 9]);
    const [scid, dcid] = pick(
      [[2n, 3n], [3n, 2n], [2n, 0xffffffffn], [0x1_0000_0001n, 2n]] as const,
    );
    const sport = pick([1024, 5000, 0xffffffff]), dport = pick([5000, 1024, 9999]);
    const payload = op === 4
      ? Uint8Array.from({ length: int(40) }, () => 0x20 + int(90))
      : new Uint8Array(0);
    const virtio = transport === 2
      ? bytes(
        le64(scid),
        le64(dcid),
        le32(sport),
        le32(dport),
        le32(payload.length),
        le16(pick([1, 1, 2])),
        le16(pick([1, 2, 3, 4, 5, 6, 7, 9])),
        le32(pick([0, 1, 3])),
        le32(262144),
        le32(int(100000)),
      )
      : new Uint8Array(0);
    out.push(
      bytes(
        le64(scid),
        le64(dcid),
        le32(sport),
        le32(dport),
        le16(op),
        le16(transport),
        le16(virtio.length),
        0,
        0,
        virtio,
        payload,
      ),
    );
  }
  const full = out[0]!;
  out.push(full.subarray(0, 50), full.subarray(0, 31), full.subarray(0, 76));
  return out.map((data) => ({ data }));
}

// --- IEEE 802.15.4 (frame control, sequence, PAN IDs, short/extended addresses, security,
// IEs, beacon and command payloads; an FCS that is CRC-16/KERMIT, sometimes wrong or absent) ---

function kermit(b: Uint8Array): Uint8Array {
  let crc = 0;
  for (const x of b) {
    crc ^= x;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >> 1) ^ 0x8408 : crc >> 1;
  }
  return le16(crc);
}

function wpanFrame(i: number): Uint8Array {
  const type = pick([0, 1, 1, 1, 2, 3, 3, 3, 5, 4]);
  const version = pick([0, 1, 1, 2]);
  const dstMode = pick([0, 2, 2, 3, 1]), srcMode = pick([0, 2, 3, 3]);
  const compress = int(2), secure = int(5) === 0, ies = version === 2 && int(3) === 0;
  const seqSuppress = version === 2 && int(4) === 0;
  const addrOf = (mode: number) =>
    mode === 2
      ? le16(pick([0xffff, 0x0001, 0x1234]))
      : mode === 3
      ? Uint8Array.from({ length: 8 }, (_, k) => (k * 17 + i) & 0xff)
      : new Uint8Array(0);
  const pan = () => le16(pick([0x1234, 0xabcd, 0xffff]));
  let fc: number;
  let head: Uint8Array;
  if (type === 5) {
    const long = int(2);
    fc = 5 | (long << 3) | (dstMode << 4) | (srcMode << 6) |
      (long
        ? (version << 12) | (int(2) << 8) | ((secure ? 1 : 0) << 9) | ((ies ? 1 : 0) << 15)
        : 0);
    head = long
      ? bytes(le16(fc), i & 0xff, (fc >> 8) & 1 ? pan() : [])
      : bytes(fc & 0xff, i & 0xff);
  } else {
    fc = type | ((secure ? 1 : 0) << 3) | (int(2) << 4) | (int(2) << 5) | (compress << 6) |
      ((seqSuppress ? 1 : 0) << 8) | ((ies ? 1 : 0) << 9) | (dstMode << 10) | (version << 12) |
      (srcMode << 14);
    head = bytes(
      le16(fc),
      seqSuppress ? [] : [i & 0xff],
      dstMode ? pan() : [],
      addrOf(dstMode),
      srcMode && !compress ? pan() : [],
      addrOf(srcMode),
    );
  }
  const sec = secure
    ? bytes(
      pick([0x05, 0x0d, 0x15, 0x1d, 0x2e, 0x01]),
      le32(i * 1000),
      pick([[1], [0x34, 0x12, 0x01, 0, 7], [1, 2, 3, 4, 5, 6, 7, 8, 9]]),
    )
    : new Uint8Array(0);
  const ie = ies
    ? bytes(
      pick([le16((0x1a << 7) | 4), le16((0x7e << 7) | 0)]),
      pick([[1, 2, 3, 4], []]),
      le16(0x8000 | (1 << 11) | 2),
      9,
      9,
      le16(0x8000 | (0xf << 11)),
    )
    : new Uint8Array(0);
  const payload = type === 0
    ? bytes(
      le16(pick([0xcfff, 0x0f12, 0x8c32])),
      pick([[0], [0x81, 0x7f, 0x34, 0x12, 0x21]]),
      pick([[0], [0x12, 0x34, 0x12, 0x08, 7, 6, 5, 4, 3, 2, 1, 0], [0x22]]),
      int(2) ? [0xde, 0xad] : [],
    )
    : type === 3
    ? pick([
      bytes(1, pick([0x8e, 0x02, 0xcc])),
      bytes(2, le16(0x0042), pick([0, 1, 2, 3, 0x80, 7])),
      bytes(3, pick([1, 2, 5])),
      bytes(4),
      bytes(7),
      bytes(8, le16(0xabcd), le16(0x0001), 11, 0, 0, pick([[], [0], [0x81]])),
      bytes(9, pick([0x13, 0x25])),
      bytes(0x24, 1, 2, 3),
      bytes(0x31),
      bytes(1, 2, 3),
    ])
    : Uint8Array.from({ length: int(20) }, () => int(256));
  const mic = secure ? new Uint8Array([4, 8, 16, 0][int(4)]!).fill(0x6d) : new Uint8Array(0);
  const frame = bytes(head, sec, ie, payload, mic);
  return pick([
    bytes(frame, kermit(frame)),
    bytes(frame, kermit(frame)),
    frame,
    bytes(frame, 0, 0),
  ]);
}

function wpanPackets(tap: boolean): { data: Uint8Array }[] {
  r = prng(tap ? 283 : 195);
  const out = Array.from({ length: 30 }, (_, i) => wpanFrame(i));
  out.push(bytes(0x41), bytes(0x41, 0x88), bytes(0x41, 0x88, 5, 0x34));
  if (!tap) return out.map((data) => ({ data }));
  // TAP header: version 0, reserved, length (little-endian), then TLVs (FCS type, channel).
  const tlvs = bytes(le16(0), le16(1), 1, 0, 0, 0, le16(3), le16(3), 11, 0, 0, 0);
  const wrapped = out.map((f) => bytes(0, 0, le16(4 + tlvs.length), tlvs, f));
  wrapped.push(
    bytes(1, 0, le16(4)),
    bytes(0, 0, le16(2)),
    bytes(0, 0, le16(40), 1, 2),
    bytes(0, 0),
  );
  return wrapped.map((data) => ({ data }));
}

// --- radiotap MCS field (HT) for MCS 33-76, the unequal-modulation rates ---

function mcsPackets(): { data: Uint8Array }[] {
  r = prng(127);
  const out: Uint8Array[] = [];
  for (let mcs = 33; mcs <= 76; mcs++) {
    // known: bandwidth, MCS, guard interval (sometimes not all); flags: bandwidth, short GI.
    const known = pick([0x07, 0x07, 0x07, 0x03, 0x1f]);
    const flags = pick([0, 1, 2, 3]) | (int(2) << 2) | (int(2) << 4);
    const radiotap = bytes(0, 0, le16(11), le32(0x00080000), known, flags, mcs);
    const ack = bytes(0xd4, 0, 0, 0, 2, 0, 0, 0, 0, pick([1, 2, 3]));
    out.push(bytes(radiotap, ack));
  }
  return out.map((data) => ({ data }));
}

// --- OpenBSD enc(4): af and flags in host order, SPI in network order, then the IP packet ---

function encPackets(): { data: Uint8Array }[] {
  r = prng(109);
  const out: Uint8Array[] = [];
  for (let i = 0; i < 24; i++) {
    const af = pick([2, 2, 24, 28, 30, 7]);
    const flags = pick([0, 0x0400, 0x0800, 0x0c00, 0x1000, 0x0c01, 1]);
    const payload = af === 2
      ? tcp4(`10.9.${i}.1`, "10.9.0.2", 4000 + i, pick([22, 443]), 0x12, new Uint8Array(0), i)
      : af === 7
      ? Uint8Array.from({ length: int(16) }, () => int(256))
      : udp6("2001:db8::1", "2001:db8::9", 5000, 6000, new Uint8Array(int(10)));
    out.push(bytes(le32(af), u32(int(2 ** 32)), le32(flags), payload));
  }
  out.push(bytes(le32(2), u32(1)), bytes(le32(2), u32(1), le32(0)));
  return out.map((data) => ({ data }));
}

// --- Linux ARCnet: source, destination, offset, protocol (+ flag, sequence id if new-style) ---

function arcnetPackets(): { data: Uint8Array }[] {
  r = prng(129);
  const out: Uint8Array[] = [];
  const arp = (op: number) =>
    bytes(0, 7, u16(0x0800), 1, 4, u16(op), 1, 10, 0, 0, 1, 2, 10, 0, 0, 2);
  for (let i = 0; i < 24; i++) {
    const type = pick([212, 212, 240, 0xc4, 213, 241, 214, 0x80, 250, 0x99]);
    const old = type === 240 || type === 241 || type === 0x80;
    const payload = type === 212 || type === 240
      ? udp4(`10.7.0.${i}`, "10.7.0.254", 2000 + i, 9, new Uint8Array(int(8)))
      : type === 0xc4
      ? udp6("fe80::1", "fe80::2", 3000, 4000, new Uint8Array(int(8)))
      : type === 213 || type === 241 || type === 214
      ? arp(pick([1, 2, 3, 4]))
      : Uint8Array.from({ length: 1 + int(12) }, () => int(256));
    const head = bytes(1 + int(254), 1 + int(254), pick([0, 0, 1, 0xd4]), 0, type);
    out.push(bytes(head, old ? [] : [0, ...u16(i)], payload));
  }
  out.push(bytes(1, 2, 0, 0, 212, 0), bytes(1, 2, 0), bytes(1, 2, 0, 0, 213, 0, 0, 1, 0, 7));
  return out.map((data) => ({ data }));
}

/** BSD ARCnet: source, destination, protocol; new-style adds flag and sequence id. */
function arcnetBsdPackets(): { data: Uint8Array }[] {
  r = prng(7);
  const out: Uint8Array[] = [];
  for (let i = 0; i < 24; i++) {
    const type = pick([212, 212, 240, 0xc4, 213, 241, 0x80, 250, 0x99]);
    const old = type === 240 || type === 241 || type === 0x80;
    const payload = type === 212 || type === 240
      ? udp4(`10.8.0.${i}`, "10.8.0.254", 2000 + i, 9, new Uint8Array(int(8)))
      : type === 0xc4
      ? udp6("fe80::1", "fe80::2", 3000, 4000, new Uint8Array(int(8)))
      : type === 213 || type === 241
      ? bytes(0, 7, u16(0x0800), 1, 4, u16(1), 1, 10, 0, 0, 1, 2, 10, 0, 0, 2)
      : Uint8Array.from({ length: 1 + int(12) }, () => int(256));
    const flag = pick([0, 0, 1, 3, 2, 4, 0xff]);
    const phds = old
      ? []
      : flag === 0xff
      ? [0xff, 0, 0, type, pick([0, 1, 2]), ...u16(i)]
      : [flag, ...u16(i)];
    out.push(bytes(1 + int(254), 1 + int(254), type, phds, payload));
  }
  out.push(bytes(1, 2, 212, 0xff, 0, 0), bytes(1, 2, 212, 0), bytes(1, 2));
  return out.map((data) => ({ data }));
}

// --- Frame Relay: Q.922 address (2-4 bytes), UI, optional pad, NLPID; LMI; Cisco-style ---

function q922(dlci: number, len: number, fecn = 0, becn = 0, cr = 0): number[] {
  if (len === 2) {
    return [((dlci >> 4) << 2) | (cr << 1), ((dlci & 0xf) << 4) | (fecn << 3) | (becn << 2) | 1];
  }
  if (len === 3) {
    return [
      ((dlci >> 10) << 2) | (cr << 1),
      (((dlci >> 6) & 0xf) << 4) | (fecn << 3) | (becn << 2),
      ((dlci & 0x3f) << 2) | 1,
    ];
  }
  return [
    ((dlci >> 17) << 2) | (cr << 1),
    (((dlci >> 13) & 0xf) << 4) | (fecn << 3) | (becn << 2),
    ((dlci >> 6) & 0x7f) << 1,
    ((dlci & 0x3f) << 2) | 1,
  ];
}

function frPackets(): { data: Uint8Array }[] {
  r = prng(107);
  const out: Uint8Array[] = [];
  const lmi = (ansi: boolean, full: boolean, dlcis: number[]) => {
    const [rt, lv, pvc] = ansi ? [0x01, 0x03, 0x07] : [0x51, 0x53, 0x57];
    return bytes(
      0x08,
      0x01,
      0x00,
      full ? 0x7d : 0x75,
      ansi ? [0x95] : [],
      rt,
      1,
      full ? 0 : 1,
      lv,
      2,
      int(256),
      int(256),
      full
        ? dlcis.flatMap((
          d,
        ) => [pvc, 3, (d >> 4) & 0x3f, 0x80 | ((d & 0xf) << 3), 0x80 | pick([0x02, 0x08, 0x0a, 0])])
        : [],
    );
  };
  for (let i = 0; i < 26; i++) {
    const dlci = pick([16, 100, 1023, 0, 17]);
    const al = pick([2, 2, 2, 3, 4]);
    const addr = q922(dlci, al, int(2), int(2), int(2));
    const pad = al === 3 ? [0] : int(6) === 0 ? [0] : [];
    const kind = i % 9;
    let body: Uint8Array;
    if (kind === 0) {
      body = bytes(
        0x03,
        pad,
        0xcc,
        udp4("10.1.0.1", "10.1.0.2", 1000 + i, 9, new Uint8Array(int(6))),
      );
    } else if (kind === 1) {
      body = bytes(
        0x03,
        pad,
        0x8e,
        udp6("2001:db8::1", "2001:db8::2", 5000, 6000, new Uint8Array(int(6))),
      );
    } else if (kind === 2) body = bytes(0x03, lmi(int(2) === 0, false, []));
    else if (kind === 3) {
      body = bytes(0x03, lmi(int(2) === 0, true, [16, 17, 100].slice(0, 1 + int(3))));
    } else if (kind === 4) {
      body = bytes(
        0x03,
        0xb1,
        pick([0x80, 0xc0, 0x40, 0xa1]),
        int(256),
        Uint8Array.from({ length: int(8) }, () => int(256)),
      );
    } else if (kind === 5) {
      body = bytes(0x03, 0xcf, u16(0x0021), udp4("10.2.0.1", "10.2.0.2", 7, 9, new Uint8Array(2)));
    } else if (kind === 6) {
      body = bytes(u16(0x0800), udp4("10.3.0.1", "10.3.0.2", 7, 9, new Uint8Array(2)));
    } else if (kind === 7) {
      body = bytes(
        0x03,
        pad,
        pick([0x03, 0x09, 0xc1, 0x55]),
        Uint8Array.from({ length: 1 + int(10) }, () => int(256)),
      );
    } else body = bytes(0x05, pad, 0xcc, udp4("10.4.0.1", "10.4.0.2", 7, 9, new Uint8Array(0)));
    out.push(bytes(addr, body));
  }
  out.push(
    bytes(0x01, 0x03, 0x03, 0xcc),
    bytes(q922(16, 2), 0x03),
    bytes(q922(16, 2), 0x03, 0x08, 0x01),
    bytes(0x40),
  );
  return out.map((data) => ({ data }));
}

/** 802.15.4 prints its frame-control flags, MIC and FCS check only at -vvv. */
const WPAN_FLAGS = [[], ["-v"], ["-vv"], ["-vvv"], ["-e"], ["-e", "-v"]];

/**
 * Link types the issue lists that the installed tcpdump (4.99.3) prints as UNSUPPORTED with the
 * bytes: LINUX_LAPD (177), DBUS (231), IEEE802_15_4_NONASK_PHY (215). The same here.
 */
function unsupportedPackets(seed: number): { data: Uint8Array }[] {
  r = prng(seed);
  return Array.from({ length: 20 }, () => ({
    data: Uint8Array.from({ length: 1 + int(60) }, () => int(256)),
  }));
}

export const LINKTYPE_CASES: Case[] = [
  { name: "frelay", linkType: 107, packets: frPackets(), link: true },
  { name: "arcnet_bsd", linkType: 7, packets: arcnetBsdPackets(), link: true },
  { name: "linux_lapd", linkType: 177, packets: unsupportedPackets(177), link: true },
  { name: "dbus", linkType: 231, packets: unsupportedPackets(231), link: true },
  { name: "ieee802_15_4_nonask_phy", linkType: 215, packets: unsupportedPackets(215), link: true },
  { name: "arcnet_linux", linkType: 129, packets: arcnetPackets(), link: true },
  { name: "enc", linkType: 109, packets: encPackets(), link: true },
  { name: "radiotap_mcs_unequal", linkType: 127, packets: mcsPackets() },
  {
    name: "ieee802_15_4",
    linkType: 195,
    packets: wpanPackets(false),
    flags: WPAN_FLAGS,
  },
  {
    name: "ieee802_15_4_nofcs",
    linkType: 230,
    packets: wpanPackets(false),
    flags: WPAN_FLAGS,
  },
  {
    name: "ieee802_15_4_tap",
    linkType: 283,
    packets: wpanPackets(true),
    flags: WPAN_FLAGS,
  },
  { name: "bluetooth_h4", linkType: 201, packets: hciPackets(), link: true },
  { name: "vsock", linkType: 271, packets: vsockPackets(), link: true },
  { name: "pflog", linkType: 117, packets: pflogPackets(), link: true },
  { name: "usb_linux_mmapped", linkType: 220, packets: usbPackets(true), link: true },
  { name: "usb_linux", linkType: 189, packets: usbPackets(false), link: true },
];
