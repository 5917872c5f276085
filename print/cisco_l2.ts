// Cisco's switch protocols on SNAP OUI 0x00000c as tcpdump 4.99 prints them: DTP (PID 0x2004,
// print-dtp.c), UDLD (PID 0x0111, RFC 5171, print-udld.c) and VTP (PID 0x2003, print-vtp.c),
// with their TLVs at -v and tcpdump's (invalid) and truncation markers.

import { type Ctx, hex, printn } from "./_ctx.ts";

/** nd_printjnp() (`nul`: stops at a NUL) or nd_printjn(), printed as it reads, so a cut string shows its captured part. */
function str(c: Ctx, off: number, n: number, nul = true): void {
  for (let i = 0; i < n; i++) {
    if (nul && c.u8(off + i) === 0) return;
    c.print(printn(c, off + i, 1));
  }
}

/** " (invalid)", then the rest must have been captured (ND_TCHECK_LEN). */
function invalid(c: Ctx, p: number, length: number): void {
  c.print(" (invalid)");
  c.need(p, length);
}

const DTP_TLV: Record<number, string> = { 1: "Domain", 2: "Status", 3: "DTP type", 4: "Neighbor" };

/** dtp_print(): the version, at -v the TLVs. */
export function dtpPrint(c: Ctx, p: number, length: number): void {
  c.proto = "dtp";
  if (length < 1) {
    c.print("[zero packet length]");
    return invalid(c, p, length);
  }
  c.print(`DTPv${c.u8(p)}, length ${length}`);
  if (!c.f.v) return;
  p++, length--;
  while (length) {
    if (length < 4) {
      c.print(`[${length} bytes remaining]`);
      return invalid(c, p, length);
    }
    const type = c.u16(p), len = c.u16(p + 2);
    if (type === 0) return;
    c.print(`\n\t${DTP_TLV[type] ?? "Unknown"} (0x${hex(type)}) TLV, length ${len}`);
    if (len < 4 || len > length) {
      c.print(`[invalid TLV length ${len}]`);
      return invalid(c, p, length);
    }
    switch (type) {
      case 1:
        c.print(", ");
        str(c, p + 4, len - 4);
        break;
      case 2:
      case 3:
        if (len !== 5) return invalid(c, p, length);
        c.print(`, 0x${c.u8(p + 4).toString(16)}`);
        break;
      case 4:
        if (len !== 10) return invalid(c, p, length);
        c.print(`, ${c.mac(p + 4)}`);
        break;
      default:
        c.need(p, len);
    }
    p += len, length -= len;
  }
}

const UDLD_TLV: Record<number, string> = {
  1: "Device-ID TLV",
  2: "Port-ID TLV",
  3: "Echo TLV",
  4: "Message Interval TLV",
  5: "Timeout Interval TLV",
  6: "Device Name TLV",
  7: "Sequence Number TLV",
};
const UDLD_CODE: Record<number, string> = {
  0: "Reserved",
  1: "Probe message",
  2: "Echo message",
  3: "Flush message",
};
const UDLD_FLAGS = ["RT", "RSY", "MBZ-2", "MBZ-3", "MBZ-4", "MBZ-5", "MBZ-6", "MBZ-7"];

/** udld_print(): version, opcode and flags, at -v the checksum and TLVs. */
export function udldPrint(c: Ctx, p: number, length: number): void {
  c.proto = "udld";
  if (length < 4) return invalid(c, p, length);
  const b0 = c.u8(p), code = b0 & 0x1f, flags = c.u8(p + 1);
  const names = UDLD_FLAGS.filter((_, i) => flags & (1 << i));
  c.print(
    `UDLDv${b0 >> 5}, Code ${UDLD_CODE[code] ?? "Reserved"} (${code.toString(16)}), Flags [${
      names.length ? names.join(", ") : "none"
    }] (0x${hex(flags, 2)}), length ${length}`,
  );
  p += 2, length -= 2;
  if (!c.f.v) {
    c.need(p, length);
    return;
  }
  c.print(`\n\tChecksum 0x${hex(c.u16(p))} (unverified)`);
  p += 2, length -= 2;
  while (length) {
    if (length < 4) return invalid(c, p, length);
    const type = c.u16(p);
    let len = c.u16(p + 2);
    p += 4, length -= 4;
    c.print(`\n\t${UDLD_TLV[type] ?? "Unknown"} (0x${hex(type)}) TLV, length ${len}`);
    if (len <= 4) return invalid(c, p, length);
    len -= 4;
    if (length < len) return invalid(c, p, length);
    switch (type) {
      case 1:
      case 2:
      case 6:
        c.print(", ");
        str(c, p, len);
        break;
      case 3:
        c.print(", ");
        str(c, p, len, false);
        break;
      case 4:
      case 5:
        if (len !== 1) return invalid(c, p, length);
        c.print(`, ${c.u8(p)}s`);
        break;
      case 7:
        if (len !== 4) return invalid(c, p, length);
        c.print(`, ${c.u32(p)}`);
        break;
      default:
        c.need(p, len);
    }
    p += len, length -= len;
  }
}

const VTP_MESSAGE: Record<number, string> = {
  1: "Summary advertisement",
  2: "Subset advertisement",
  3: "Advertisement request",
  4: "Join message",
};
/** What the third header byte means, by message type. */
const VTP_HEADER: Record<number, string> = {
  1: "Followers",
  2: "Seq number",
  3: "Rsvd",
  4: "Rsvd",
};
const VTP_VLAN_TYPE: Record<number, string> = {
  1: "Ethernet",
  2: "FDDI",
  3: "TrCRF",
  4: "FDDI-net",
  5: "TrBRF",
};
const VTP_VLAN_TLV: Record<number, string> = {
  1: "Source-Routing Ring Number TLV",
  2: "Source-Routing Bridge Number TLV",
  3: "STP type TLV",
  4: "Parent VLAN TLV",
  5: "Translationally bridged VLANs TLV",
  6: "Pruning TLV",
  7: "Bridge Type TLV",
  8: "Max ARP Hop Count TLV",
  9: "Max STE Hop Count TLV",
  10: "Backup CRF Mode TLV",
};
const VTP_STP_TYPE: Record<number, string> = { 1: "SRT", 2: "SRB", 3: "Auto" };

/** vtp_print(): version and message type, at -v the domain and the message's fields. */
export function vtpPrint(c: Ctx, start: number, length: number): void {
  c.proto = "vtp";
  const end = () => invalid(c, start, length);
  if (length < 36) return end();
  c.need(start, 36);
  const type = c.u8(start + 1);
  c.print(
    `VTPv${c.u8(start)}, Message ${VTP_MESSAGE[type] ?? "Unknown message type"} (0x${
      hex(type, 2)
    }), length ${length}`,
  );
  if (!c.f.v) {
    c.need(start, length);
    return;
  }
  c.print("\n\tDomain name: ");
  const mgmtdLen = c.u8(start + 3);
  if (mgmtdLen < 1 || mgmtdLen > 32) {
    c.print(` [invalid MgmtD Len ${mgmtdLen}]`);
    return end();
  }
  str(c, start + 4, mgmtdLen);
  c.print(`, ${VTP_HEADER[type] ?? "Unknown"}: ${c.u8(start + 2)}`);
  let p = start + 36;
  const word = (at: number) => hex(c.u32(at), 8);
  switch (type) {
    case 1:
      c.print(`\n\t  Config Rev ${c.u32(p).toString(16)}, Updater ${c.ip4(p + 4)}`);
      p += 8;
      c.print(`, Timestamp 0x${word(p)} 0x${word(p + 4)} 0x${word(p + 8)}`);
      p += 12;
      c.print(`, MD5 digest: ${word(p)}${word(p + 4)}${word(p + 8)}${word(p + 12)}`);
      break;
    case 2:
      c.print(`, Config Rev ${c.u32(p).toString(16)}`);
      p += 4;
      while (p - start < length) {
        let len = c.u8(p);
        if (len === 0) break;
        c.need(p, len);
        if (len < 12) return end();
        const status = c.u8(p + 1);
        c.print(
          `\n\tVLAN info status ${
            status === 0 ? "Operational" : status === 1 ? "Suspended" : "Unknown"
          }, type ${VTP_VLAN_TYPE[c.u8(p + 2)] ?? "Unknown"}, VLAN-id ${c.u16(p + 4)}, MTU ${
            c.u16(p + 6)
          }, SAID 0x${word(p + 8)}, Name `,
        );
        const nameLen = c.u8(p + 3), padded = 4 * Math.floor((nameLen + 3) / 4);
        len -= 12, p += 12;
        if (len < padded) return end();
        str(c, p, nameLen);
        len -= padded, p += padded;
        while (len !== 0) {
          if (len < 2) return end();
          const t = c.u8(p), tlvLen = c.u8(p + 1);
          c.print(`\n\t\t${VTP_VLAN_TLV[t] ?? "Unknown"} (0x${hex(t)}) TLV`);
          if (len < tlvLen * 2 + 2) {
            c.print(" (TLV goes past the end of the packet)");
            return end();
          }
          c.need(p, tlvLen * 2 + 2);
          if (tlvLen !== 1) {
            c.print(` (invalid TLV length ${tlvLen} != 1)`);
            return end();
          }
          const v = c.u16(p + 2);
          switch (t) {
            case 9:
              c.print(`, ${v}`);
              break;
            case 6:
              c.print(`, ${v === 1 ? "Enabled" : "Disabled"} (${v})`);
              break;
            case 3:
              c.print(`, ${VTP_STP_TYPE[v] ?? "Unknown"} (${v})`);
              break;
            case 7:
              c.print(`, ${v === 1 ? "SRB" : "SRT"} (${v})`);
              break;
            case 10:
              c.print(`, ${v === 1 ? "Backup" : "Not backup"} (${v})`);
              break;
            default:
              c.hexData(p, "\n\t\t  ", 2 + tlvLen * 2);
          }
          len -= 2 + tlvLen * 2, p += 2 + tlvLen * 2;
        }
      }
      break;
    case 3:
      c.print(`\n\tStart value: ${c.u32(p)}`);
      break;
  }
}
