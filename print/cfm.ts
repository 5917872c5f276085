// IEEE 802.1ag Connectivity Fault Management as tcpdump 4.99 prints it (print-cfm.c): the
// common header, continuity check (intervals, MD and MA names), linktrace message and reply,
// loopback in hex, then the TLVs (port and interface status, sender ID, organization specific).

import { type Ctx, hex, printjnpOut, tok } from "./_ctx.ts";
import { AF } from "./_l2vpn_text.ts";
import { OUI } from "./_oui.ts";

const OPCODE: Record<number, string> = {
  1: "Continuity Check Message",
  2: "Loopback Reply",
  3: "Loopback Message",
  4: "Linktrace Reply",
  5: "Linktrace Message",
};
/** Timer bases of the CCM interval field, in seconds (single precision, as tcpdump keeps them). */
const CCM_BASE = [0, 0.003333, 0.01, 0.1, 1, 10, 60, 600].map(Math.fround);
const MD_FORMAT: Record<number, string> = {
  0: "IEEE 802.1",
  1: "No MD Name present",
  2: "DNS string",
  3: "MAC + 16Bit Integer",
  4: "Character string",
};
const MA_FORMAT: Record<number, string> = {
  0: "IEEE 802.1",
  1: "Primary VID",
  2: "Character string",
  3: "16Bit Integer",
  4: "RFC2685 VPN-ID",
};
const LTR_ACTION: Record<number, string> = { 1: "Exact Match", 2: "Filtering DB", 3: "MIP CCM DB" };
const TLV: Record<number, string> = {
  0: "End",
  1: "Sender ID",
  2: "Port status",
  3: "Interface status",
  4: "Data",
  5: "Reply Ingress",
  6: "Reply Egress",
  31: "Organization Specific",
};
const PORT_STATUS: Record<number, string> = { 1: "Blocked", 2: "Up" };
const IF_STATUS: Record<number, string> = {
  1: "Up",
  2: "Down",
  3: "Testing",
  5: "Dormant",
  6: "not present",
  7: "lower Layer down",
};
const CHASSIS: Record<number, string> = {
  0: "Reserved",
  1: "Chassis component",
  2: "Interface alias",
  3: "Port component",
  4: "MAC address",
  5: "Network address",
  6: "Interface name",
  7: "Locally assigned",
};

/** cfm_print(): a CFM PDU of `length` bytes at `p` (EtherType 0x8902). */
export function cfmPrint(c: Ctx, p: number, length: number): void {
  c.proto = "cfm";
  const tooShort = () => c.print("\n\t\t packet is too short");
  if (length < 4) return tooShort();
  const mv = c.u8(p), opcode = c.u8(p + 1), flags = c.u8(p + 2), first = c.u8(p + 3);
  const version = mv & 0x1f;
  if (version !== 0) return c.print(`CFMv${version} not supported, length ${length}`);
  c.print(
    `CFMv${version} ${tok(OPCODE, "unknown (%u)", opcode)}, MD Level ${mv >> 5}, length ${length}`,
  );
  if (c.f.v < 1) return;
  c.print(`\n\tFirst TLV offset ${first}`);
  let t = p + 4, tlen = length - 4;
  if (first > tlen) return c.print(` (too large, must be <= ${tlen})`);
  switch (opcode) {
    case 1: {
      if (first < 70) return c.print(" (too small 1, must be >= 70)");
      if (tlen < 70) return tooShort();
      c.need(t, 70);
      const iv = flags & 7;
      c.print(`, Flags [CCM Interval ${iv}${flags & 0x80 ? ", RDI" : ""}]`);
      if (iv) {
        const b = CCM_BASE[iv]!;
        c.print(
          `\n\t  CCM Interval ${b.toFixed(3)}s, min CCM Lifetime ${
            (b * 3.25).toFixed(3)
          }s, max CCM Lifetime ${(b * 3.5).toFixed(3)}s`,
        );
      }
      c.print(
        `\n\t  Sequence Number 0x${hex(c.u32(t), 8)}, MA-End-Point-ID 0x${hex(c.u16(t + 4))}`,
      );
      let n = t + 6, left = 48;
      const mdFormat = c.u8(n);
      n++, left--;
      if (mdFormat !== 1) {
        const mdLen = c.u8(n);
        n++, left--;
        c.print(
          `\n\t  MD Name Format ${
            tok(MD_FORMAT, "Unknown", mdFormat)
          } (${mdFormat}), MD Name length ${mdLen}`,
        );
        if (mdLen > left - 3) return c.print(` (too large, must be <= ${left - 2})`);
        c.print("\n\t  MD Name: ");
        if (mdFormat === 2 || mdFormat === 4) printjnpOut(c, n, mdLen);
        else if (mdFormat === 3) {
          c.print(mdLen === 6 ? `\n\t  MAC ${c.mac(n)}` : "\n\t  MAC (length invalid)");
        } else c.hexData(n, "\n\t    ", mdLen);
        n += mdLen, left -= mdLen;
      } else c.print(`\n\t  MD Name Format ${tok(MD_FORMAT, "Unknown", mdFormat)} (${mdFormat})`);
      const maFormat = c.u8(n), maLen = c.u8(n + 1);
      n += 2, left -= 2;
      c.print(
        `\n\t  MA Name-Format ${
          tok(MA_FORMAT, "Unknown", maFormat)
        } (${maFormat}), MA name length ${maLen}`,
      );
      if (maLen > left) return c.print(` (too large, must be <= ${left})`);
      c.print("\n\t  MA Name: ");
      if (maFormat === 2) printjnpOut(c, n, maLen);
      else c.hexData(n, "\n\t    ", maLen);
      break;
    }
    case 5:
      if (first < 17) return c.print(" (too small 4, must be >= 17)");
      if (tlen < 17) return tooShort();
      c.need(t, 17);
      c.print(`, Flags [${flags & 0x80 ? "Use Forwarding-DB only" : "none"}]`);
      c.print(`\n\t  Transaction-ID 0x${hex(c.u32(t), 8)}, ttl ${c.u8(t + 4)}`);
      c.print(`\n\t  Original-MAC ${c.mac(t + 5)}, Target-MAC ${c.mac(t + 11)}`);
      break;
    case 4: {
      if (first < 6) return c.print(" (too small 5, must be >= 6)");
      if (tlen < 6) return tooShort();
      c.need(t, 6);
      const names = [[0x80, "UseFDB Only"], [0x40, "FwdYes"], [0x20, "Terminal MEP"]] as const;
      const set = names.filter(([b]) => flags & b).map(([, s]) => s);
      c.print(`, Flags [${set.length ? set.join(", ") : "none"}]`);
      c.print(`\n\t  Transaction-ID 0x${hex(c.u32(t), 8)}, ttl ${c.u8(t + 4)}`);
      const action = c.u8(t + 5);
      c.print(`\n\t  Replay-Action ${tok(LTR_ACTION, "Unknown", action)} (${action})`);
      break;
    }
    default:
      c.hexData(t, "\n\t  ", tlen - first);
  }
  t += first;
  tlen -= first;
  while (tlen > 0) {
    const type = c.u8(t);
    c.print(`\n\t${tok(TLV, "Unknown", type)} TLV (0x${hex(type, 2)})`);
    if (type === 0) return;
    if (tlen < 3) return tooShort();
    let tlvLen = c.u16(t + 1);
    c.print(`, length ${tlvLen}`);
    t += 3;
    tlen -= 3;
    const tlvStart = t;
    if (tlen < tlvLen) return tooShort();
    c.need(t, tlvLen);
    let dump: boolean | null | undefined = false;
    switch (type) {
      case 2:
      case 3:
        if (tlvLen < 1) return c.print(" (too short, must be >= 1)");
        c.print(
          `, Status: ${tok(type === 2 ? PORT_STATUS : IF_STATUS, "Unknown", c.u8(t))} (${c.u8(t)})`,
        );
        break;
      case 31: {
        if (tlvLen < 4) return c.print(" (too short, must be >= 4)");
        const oui = (c.u16(t) << 8) | c.u8(t + 2);
        c.print(`, Vendor: ${tok(OUI, "Unknown", oui)} (${oui}), Sub-Type ${c.u8(t + 3)}`);
        dump = true;
        break;
      }
      case 1:
        dump = senderId(c, t, tlvLen, (dt, dl) => {
          t += dt;
          tlen -= dt;
          tlvLen -= dl;
        });
        if (dump === undefined) return;
        if (dump === null) {
          t += tlvLen;
          tlen -= tlvLen;
          continue;
        }
        break;
      default:
        dump = true;
    }
    if (dump || c.f.v > 1) c.hexData(tlvStart, "\n\t  ", tlvLen);
    t += tlvLen;
    tlen -= tlvLen;
  }
}

/**
 * The Sender ID TLV's body (IEEE 802.1Q-2014 21.5.3): `step(dt, dl)` moves the caller's cursor
 * by `dt` bytes and its TLV length by `dl`, as tcpdump moves them (they part where it stops
 * early). Whether to dump the rest in hex; null to go to the next TLV without it; undefined to
 * stop the PDU.
 */
function senderId(
  c: Ctx,
  t: number,
  tlvLen: number,
  step: (dt: number, dl: number) => void,
): boolean | null | undefined {
  if (tlvLen < 1) {
    c.print(" (too short, must be >= 1)");
    return null;
  }
  let dump = false;
  const chassisLen = c.u8(t);
  step(1, 1);
  t++, tlvLen--;
  if (chassisLen) {
    if (tlvLen < 1) {
      c.print("\n\t  (TLV too short)");
      return null;
    }
    const type = c.u8(t);
    step(0, 1);
    tlvLen--;
    c.print(
      `\n\t  Chassis-ID Type ${
        tok(CHASSIS, "Unknown", type)
      } (${type}), Chassis-ID length ${chassisLen}`,
    );
    if (tlvLen < chassisLen) {
      c.print("\n\t  (TLV too short)");
      return null;
    }
    switch (type) {
      case 4:
        if (chassisLen !== 6) {
          c.print(" (invalid MAC address length)");
          dump = true;
        } else c.print(`\n\t  MAC ${c.mac(t + 1)}`);
        break;
      case 5:
        dump = networkAddr(c, t + 1, chassisLen) || dump;
        break;
      case 1:
      case 2:
      case 3:
      case 6:
      case 7:
        printjnpOut(c, t + 1, chassisLen);
        break;
      default:
        dump = true;
    }
    step(1 + chassisLen, chassisLen);
    tlvLen -= chassisLen;
    t += 1 + chassisLen;
  }
  if (tlvLen === 0) return dump;
  const domainLen = c.u8(t);
  step(1, 1);
  t++, tlvLen--;
  c.print(`\n\t  Management Address Domain Length ${domainLen}`);
  if (!domainLen) return dump;
  if (tlvLen < domainLen) {
    c.print("\n\t  (TLV too short)");
    return null;
  }
  c.hexData(t, "\n\t  Management Address Domain: ", domainLen);
  step(domainLen, domainLen);
  t += domainLen, tlvLen -= domainLen;
  if (tlvLen < 1) {
    c.print(" (Management Address Length is missing)");
    return true;
  }
  const addrLen = c.u8(t);
  step(1, 1);
  t++, tlvLen--;
  c.print(`\n\t  Management Address Length ${addrLen}`);
  if (addrLen) {
    if (tlvLen < addrLen) {
      c.print("\n\t  (TLV too short)");
      return undefined;
    }
    c.hexData(t, "\n\t  Management Address: ", addrLen);
    step(addrLen, addrLen);
  }
  return dump;
}

/** cfm_network_addr_print(): a chassis ID that is a network address; whether to dump it. */
function networkAddr(c: Ctx, t: number, len: number): boolean {
  if (len < 1) {
    c.print("\n\t  Network Address Type (invalid, no data");
    return false;
  }
  const type = c.u8(t);
  c.print(`\n\t  Network Address Type ${tok(AF, "Unknown", type)} (${type})`);
  if (type === 1 || type === 2) {
    const size = type === 1 ? 4 : 16;
    if (len !== 1 + size) {
      c.print(`(invalid IPv${type === 1 ? 4 : 6} address length ${len - 1})`);
      return true;
    }
    c.print(`, ${type === 1 ? c.ip4(t + 1) : c.ip6(t + 1)}`);
    return false;
  }
  return true;
}
