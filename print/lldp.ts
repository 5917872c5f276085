// LLDP (IEEE 802.1AB) as tcpdump 4.99 prints it (print-lldp.c): the system name without -v;
// with -v every TLV, the IEEE 802.1 and 802.3 organisation TLVs decoded, others in hex.

import { OUI } from "./_oui.ts";
import { bits, type Ctx, hex, printjnp, tok } from "./_ctx.ts";
import { AF } from "./_l2vpn_text.ts"; // tcpdump's af_values
import { MAU_TYPES } from "./_lldp_mau.ts";

const TLV: Record<number, string> = {
  0: "End",
  1: "Chassis ID",
  2: "Port ID",
  3: "Time to Live",
  4: "Port Description",
  5: "System Name",
  6: "System Description",
  7: "System Capabilities",
  8: "Management Address",
  127: "Organization specific",
};
const CHASSIS_SUBTYPE: Record<number, string> = {
  1: "Chassis component",
  2: "Interface alias",
  3: "Port component",
  4: "MAC address",
  5: "Network address",
  6: "Interface name",
  7: "Local",
};
const PORT_SUBTYPE: Record<number, string> = {
  1: "Interface alias",
  2: "Port component",
  3: "MAC address",
  4: "Network Address",
  5: "Interface Name",
  6: "Agent circuit ID",
  7: "Local",
};
const CAP = [
  [0x01, "Other"],
  [0x02, "Repeater"],
  [0x04, "Bridge"],
  [0x08, "WLAN AP"],
  [0x10, "Router"],
  [0x20, "Telephone"],
  [0x40, "Docsis"],
  [0x80, "Station Only"],
] as const;
const S8021: Record<number, string> = {
  1: "Port VLAN Id",
  2: "Port and Protocol VLAN ID",
  3: "VLAN name",
  4: "Protocol Identity",
};
const S8023: Record<number, string> = {
  1: "MAC/PHY configuration/status",
  2: "Power via MDI",
  3: "Link aggregation",
  4: "Max frame size",
};
const PMD = [
  [0x4000, "10BASE-T hdx"],
  [0x2000, "10BASE-T fdx"],
  [0x1000, "100BASE-T4"],
  [0x0800, "100BASE-TX hdx"],
  [0x0400, "100BASE-TX fdx"],
  [0x0200, "100BASE-T2 hdx"],
  [0x0100, "100BASE-T2 fdx"],
  [0x0080, "Pause for fdx links"],
  [0x0040, "Asym PAUSE for fdx"],
  [0x0020, "Sym PAUSE for fdx"],
  [0x0010, "Asym and Sym PAUSE for fdx"],
  [0x0008, "1000BASE-{X LX SX CX} hdx"],
  [0x0004, "1000BASE-{X LX SX CX} fdx"],
  [0x0002, "1000BASE-T hdx"],
  [0x0001, "1000BASE-T fdx"],
] as const;
const SUPPORTED_ENABLED = [[0x01, "supported"], [0x02, "enabled"]] as const;
const MDI = [[0x01, "PSE"], [0x02, "supported"], [0x04, "enabled"], [
  0x08,
  "can be controlled",
]] as const;
const PPVID_FLAGS = [[0x02, "supported"], [0x04, "enabled"]] as const;
const INTF_NUM: Record<number, string> = {
  1: "Unknown",
  2: "Interface Index",
  3: "System Port Number",
};

/** lldp_network_addr_print(); undefined when too short. */
function networkAddr(c: Ctx, p: number, len: number): string | undefined {
  if (len < 1) return undefined;
  const af = c.u8(p);
  const name = `AFI ${AF[af] ?? "Unknown"} (${af})`;
  if (af === 1) return len < 5 ? undefined : `${name}: ${c.ip4(p + 1)}`;
  if (af === 2) return len < 17 ? undefined : `${name}: ${c.ip6(p + 1)}`;
  if (af === 6) return len < 7 ? undefined : `${name}: ${c.mac(p + 1)}`;
  return `${name}, no AF printer !`;
}

/** lldp_print() of `len` bytes at `p` (EtherType 0x88cc). */
export function lldpPrint(c: Ctx, p: number, len: number): void {
  c.proto = "lldp";
  c.print(`LLDP, length ${len}`);
  let tlen = len;
  while (tlen >= 2) {
    c.tcheck(p, 2);
    const tlv = c.u16(p);
    const type = tlv >> 9, tl = tlv & 0x1ff;
    tlen -= 2, p += 2;
    if (c.f.v) c.print(`\n\t${tok(TLV, "Unknown", type)} TLV (${type}), length ${tl}`);
    if (!type || !tl) break;
    c.tcheck(p, tl);
    if (tlen < tl) return c.trunc();
    let hexdump = false;
    switch (type) {
      case 1:
      case 2: {
        if (!c.f.v) break;
        if (tl < 2) return c.trunc();
        const sub = c.u8(p);
        const chassis = type === 1;
        c.print(
          `\n\t  Subtype ${
            tok(chassis ? CHASSIS_SUBTYPE : PORT_SUBTYPE, "Unknown", sub)
          } (${sub}): `,
        );
        const macSub = chassis ? 4 : 3, netSub = chassis ? 5 : 4;
        if (sub === macSub) {
          if (tl < 7) return c.trunc();
          c.print(c.mac(p + 1));
        } else if (sub === netSub) {
          const a = networkAddr(c, p + 1, tl - 1);
          if (a === undefined) return c.trunc();
          c.print(a);
        } else if (sub >= 1 && sub <= 7) c.print(printjnp(c, p + 1, tl - 1));
        else hexdump = true;
        break;
      }
      case 3:
        if (!c.f.v) break;
        if (tl < 2) return c.trunc();
        c.print(`: TTL ${c.u16(p)}s`);
        break;
      case 4:
        if (c.f.v) c.print(`: ${printjnp(c, p, tl)}`);
        break;
      case 5:
        c.print(`: ${printjnp(c, p, tl)}`);
        break;
      case 6:
        if (c.f.v) c.print(`\n\t  ${printjnp(c, p, tl)}`);
        break;
      case 7: {
        if (!c.f.v) break;
        if (tl < 4) return c.trunc();
        const cap = c.u16(p), ena = c.u16(p + 2);
        c.print(`\n\t  System  Capabilities [${bits(CAP, "none", cap)}] (0x${hex(cap)})`);
        c.print(`\n\t  Enabled Capabilities [${bits(CAP, "none", ena)}] (0x${hex(ena)})`);
        break;
      }
      case 8:
        if (c.f.v && !mgmtAddr(c, p, tl)) return c.trunc();
        break;
      case 127: {
        if (!c.f.v) break;
        if (tl < 3) return c.trunc();
        const oui = (c.u8(p) << 16) | c.u16(p + 1);
        c.print(`: OUI ${OUI[oui] ?? "Unknown"} (0x${hex(oui, 6)})`);
        if (oui === 0x0080c2) hexdump = private8021(c, p, tl);
        else if (oui === 0x00120f) hexdump = private8023(c, p, tl);
        else hexdump = true;
        break;
      }
      default:
        hexdump = true;
    }
    if (c.f.v > 1 || (c.f.v && hexdump)) c.hexData(p, "\n\t  ", tl);
    tlen -= tl, p += tl;
  }
}

/** lldp_mgmt_addr_tlv_print(); false when too short. */
function mgmtAddr(c: Ctx, p: number, tlen: number): boolean {
  if (tlen < 1) return false;
  const alen = c.u8(p);
  p++, tlen--;
  if (tlen < alen) return false;
  const a = networkAddr(c, p, alen);
  if (a === undefined) return false;
  c.print(`\n\t  Management Address length ${alen}, ${a}`);
  p += alen, tlen -= alen;
  if (tlen < 5) return false;
  const sub = c.u8(p);
  c.print(`\n\t  ${tok(INTF_NUM, "Unknown", sub)} Interface Numbering (${sub}): ${c.u32(p + 1)}`);
  p += 5, tlen -= 5;
  if (tlen) {
    const oidLen = c.u8(p);
    if (tlen < 1 + oidLen) return false;
    if (oidLen) c.print(`\n\t  OID length ${oidLen}${printjnp(c, p + 1, oidLen)}`);
  }
  return true;
}

/** lldp_private_8021_print(); true when the TLV should be dumped in hex. */
function private8021(c: Ctx, p: number, tl: number): boolean {
  if (tl < 4) return false;
  const sub = c.u8(p + 3);
  c.print(`\n\t  ${tok(S8021, "unknown", sub)} Subtype (${sub})`);
  switch (sub) {
    case 1:
      if (tl >= 6) c.print(`\n\t    port vlan id (PVID): ${c.u16(p + 4)}`);
      return false;
    case 2:
      if (tl >= 7) {
        c.print(
          `\n\t    port and protocol vlan id (PPVID): ${c.u16(p + 5)}, flags [${
            bits(PPVID_FLAGS, "none", c.u8(p + 4))
          }] (0x${hex(c.u8(p + 4), 2)})`,
        );
      }
      return false;
    case 3: {
      if (tl < 6) return false;
      c.print(`\n\t    vlan id (VID): ${c.u16(p + 4)}`);
      if (tl < 7) return false;
      const n = c.u8(p + 6);
      if (tl < 7 + n) return false;
      c.print(`\n\t    vlan name: ${printjnp(c, p + 7, n)}`);
      return false;
    }
    case 4: {
      if (tl < 5) return false;
      const n = c.u8(p + 4);
      if (tl < 5 + n) return false;
      c.print(`\n\t    protocol identity: ${printjnp(c, p + 5, n)}`);
      return false;
    }
    default:
      return true;
  }
}

/** lldp_private_8023_print(); true when the TLV should be dumped in hex. */
function private8023(c: Ctx, p: number, tl: number): boolean {
  if (tl < 4) return false;
  const sub = c.u8(p + 3);
  c.print(`\n\t  ${tok(S8023, "unknown", sub)} Subtype (${sub})`);
  switch (sub) {
    case 1: {
      if (tl < 9) return false;
      const an = c.u8(p + 4), pmd = c.u16(p + 5), mau = c.u16(p + 7);
      c.print(`\n\t    autonegotiation [${bits(SUPPORTED_ENABLED, "none", an)}] (0x${hex(an, 2)})`);
      c.print(`\n\t    PMD autoneg capability [${bits(PMD, "unknown", pmd)}] (0x${hex(pmd)})`);
      c.print(`\n\t    MAU type ${MAU_TYPES[mau] ?? "unknown"} (0x${hex(mau)})`);
      return false;
    }
    case 2:
      if (tl < 7) return false;
      c.print(
        `\n\t    MDI power support [${bits(MDI, "none", c.u8(p + 4))}], power pair ${
          tok({ 1: "signal", 2: "spare" }, "unknown", c.u8(p + 5))
        }, power class ${
          tok(
            { 1: "class0", 2: "class1", 3: "class2", 4: "class3", 5: "class4" },
            "unknown",
            c.u8(p + 6),
          )
        }`,
      );
      return false;
    case 3:
      if (tl < 9) return false;
      c.print(
        `\n\t    aggregation status [${
          bits(SUPPORTED_ENABLED, "none", c.u8(p + 4))
        }], aggregation port ID ${c.u32(p + 5)}`,
      );
      return false;
    case 4:
      if (tl >= 6) c.print(`\n\t    MTU size ${c.u16(p + 4)}`);
      return false;
    default:
      return true;
  }
}
