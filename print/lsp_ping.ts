// LSP ping, MPLS echo request and reply (UDP 3503, RFC 4379), as tcpdump 4.99 prints it
// (print-lspping.c): the message type and sequence, and with -v the header (reply mode,
// return code and subcode, handle, NTP timestamps) and each TLV: the target FEC stack's
// sub-TLVs (LDP, RSVP, VPN, L2 VPN, pseudowire and BGP FECs), the downstream mapping, BFD
// discriminator and vendor, others as hex. Kept as 4.99.3 walks them: a padded sub-TLV moves
// the cursor by its padded length only, not past its 4-byte header, so the sub-TLVs after the
// first are read 4 bytes early.

import { type Ctx, tok } from "./_ctx.ts";
import { PW_TYPE } from "./_l2vpn_text.ts";
import { rdText } from "./bgp.ts";
import { ntpTime, SMI_VENDORS } from "./radius.ts";

const MSG: Record<number, string> = { 1: "MPLS Echo Request", 2: "MPLS Echo Reply" };
const REPLY_MODE: Record<number, string> = {
  1: "Do not reply",
  2: "Reply via an IPv4/IPv6 UDP packet",
  3: "Reply via an IPv4/IPv6 UDP packet with Router Alert",
  4: "Reply via application level control channel",
};
const RETURN_CODE: Record<number, string> = {
  0: "No return code or return code contained in the Error Code TLV",
  1: "Malformed echo request received",
  2: "One or more of the TLVs was not understood",
  3: "Replying router is an egress for the FEC at stack depth",
  4: "Replying router has no mapping for the FEC at stack depth",
  5: "Reserved",
  6: "Reserved",
  7: "Reserved",
  8: "Label switched at stack-depth",
  9: "Label switched but no MPLS forwarding at stack-depth",
  10: "Mapping for this FEC is not the given label at stack depth",
  11: "No label entry at stack-depth",
  12: "Protocol not associated with interface at FEC stack depth",
  13: "Premature termination of ping due to label stack shrinking to a single label",
};
const TLV: Record<number, string> = {
  1: "Target FEC Stack",
  2: "Downstream Mapping",
  3: "Pad",
  9: "Error Code",
  5: "Vendor Enterprise Code",
  7: "Interface Label Stack",
  10: "Reply TOS Byte",
  15: "BFD Discriminator",
  0xfc00: "Vendor Private Code",
};
const SUBTLV: Record<number, string> = {
  1: "LDP IPv4 prefix",
  2: "LDP IPv6 prefix",
  3: "RSVP IPv4 Session Query",
  4: "RSVP IPv6 Session Query",
  5: "Reserved",
  6: "VPN IPv4 prefix",
  7: "VPN IPv6 prefix",
  8: "L2 VPN endpoint",
  9: "FEC 128 pseudowire (old)",
  10: "FEC 128 pseudowire",
  12: "BGP labeled IPv4 prefix",
  13: "BGP labeled IPv6 prefix",
};
const ADDR_TYPE: Record<number, string> = {
  1: "IPv4",
  2: "Unnumbered IPv4",
  3: "IPv6",
  4: "IPv6",
};
/** Each FEC sub-TLV's required length. */
const SUBTLV_LEN: Record<number, number> = {
  1: 5,
  2: 17,
  12: 5,
  13: 17,
  3: 20,
  4: 56,
  6: 13,
  7: 25,
  8: 14,
  9: 10,
  10: 14,
};

/** One target FEC sub-TLV's fields (its length already checked). */
function fecSubTlv(c: Ctx, type: number, p: number): void {
  const pw = (at: number) => `${tok(PW_TYPE, "unknown", c.u16(at))} (${c.u16(at)})`;
  switch (type) {
    case 1:
    case 12:
      return c.print(`\n\t      ${c.ip4(p)}/${c.u8(p + 4)}`);
    case 2:
    case 13:
      return c.print(`\n\t      ${c.ip6(p)}/${c.u8(p + 16)}`);
    case 3:
      return c.print(
        `\n\t      tunnel end-point ${c.ip4(p)}, tunnel sender ${c.ip4(p + 12)}, lsp-id 0x${
          c.u16(p + 18).toString(16).padStart(4, "0")
        }\n\t      tunnel-id 0x${c.u16(p + 6).toString(16).padStart(4, "0")}, extended tunnel-id ${
          c.ip4(p + 8)
        }`,
      );
    case 4:
      return c.print(
        `\n\t      tunnel end-point ${c.ip6(p)}, tunnel sender ${c.ip6(p + 36)}, lsp-id 0x${
          c.u16(p + 54).toString(16).padStart(4, "0")
        }\n\t      tunnel-id 0x${c.u16(p + 18).toString(16).padStart(4, "0")}, extended tunnel-id ${
          c.ip6(p + 20)
        }`,
      );
    case 6:
      return c.print(`\n\t      RD: ${rdText(c, p)}, ${c.ip4(p + 8)}/${c.u8(p + 12)}`);
    case 7:
      return c.print(`\n\t      RD: ${rdText(c, p)}, ${c.ip6(p + 8)}/${c.u8(p + 24)}`);
    case 8:
      return c.print(
        `\n\t      RD: ${rdText(c, p)}, Sender VE ID: ${c.u16(p + 8)}, Receiver VE ID: ${
          c.u16(p + 10)
        }\n\t      Encapsulation Type: ${pw(p + 12)}`,
      );
    case 9:
      return c.print(
        `\n\t      Remote PE: ${c.ip4(p)}\n\t      PW ID: 0x${
          c.u32(p + 4).toString(16).padStart(8, "0")
        }, PW Type: ${pw(p + 8)}`,
      );
    case 10:
      return c.print(
        `\n\t      Sender PE: ${c.ip4(p)}, Remote PE: ${c.ip4(p + 4)}\n\t      PW ID: 0x${
          c.u32(p + 8).toString(16).padStart(8, "0")
        }, PW Type: ${pw(p + 12)}`,
      );
  }
}

/** The too-short and cut ends of lspping_print(). */
class End {
  constructor(readonly text: string) {}
}
const tooShort = new End("\n\t\t packet is too short");

/** lspping_print(). */
export function lspPingPrint(c: Ctx, pptr: number, len: number): void {
  c.proto = "lspping";
  try {
    body(c, pptr, len);
  } catch (e) {
    if (!(e instanceof End)) throw e;
    c.print(e.text);
  }
}

function body(c: Ctx, pptr: number, len: number): void {
  if (len < 32) throw tooShort;
  c.need(pptr, 32);
  const version = c.u16(pptr);
  if (version !== 1) return c.print(`LSP-PING version ${version} packet not supported`);
  const type = c.u8(pptr + 4);
  if (c.f.v < 1) {
    return c.print(
      `LSP-PINGv${version}, ${tok(MSG, "unknown (%u)", type)}, seq ${
        c.u32(pptr + 12)
      }, length: ${len}`,
    );
  }
  const mode = c.u8(pptr + 5), rc = c.u8(pptr + 6), sub = c.u8(pptr + 7);
  c.print(
    `\n\tLSP-PINGv${version}, msg-type: ${
      tok(MSG, "unknown", type)
    } (${type}), length: ${len}\n\t  reply-mode: ${tok(REPLY_MODE, "unknown", mode)} (${mode})`,
  );
  const code = tok(RETURN_CODE, "unknown", rc);
  c.print(
    [3, 4, 8, 10, 11, 12].includes(rc)
      ? `\n\t  Return Code: ${code} ${sub} (${rc})\n\t  Return Subcode: (${sub})`
      : `\n\t  Return Code: ${code} (${rc})\n\t  Return Subcode: (${sub})`,
  );
  c.print(
    `\n\t  Sender Handle: 0x${c.u32(pptr + 8).toString(16).padStart(8, "0")}, Sequence: ${
      c.u32(pptr + 12)
    }`,
  );
  c.print(`\n\t  Sender Timestamp: ${ntpTime(c, pptr + 16)} Receiver Timestamp: `);
  c.print(
    c.u32(pptr + 24) !== 0 || c.u32(pptr + 28) !== 0 ? ntpTime(c, pptr + 24) : "no timestamp",
  );
  let t = pptr + 32, tlen = len - 32;
  while (tlen !== 0) {
    if (tlen < 4) throw tooShort;
    c.need(t, 4);
    const tlvType = c.u16(t);
    let tlvLen = c.u16(t + 2);
    c.print(`\n\t  ${tok(TLV, "Unknown", tlvType)} TLV (${tlvType}), length: ${tlvLen}`);
    if (tlvLen === 0) {
      t += 4, tlen -= 4;
      continue;
    }
    let v = t + 4, vlen = tlvLen;
    if (tlen < tlvLen + 4) throw tooShort;
    c.need(v, tlvLen);
    let hexdump = false;
    tlv: switch (tlvType) {
      case 1:
        while (vlen !== 0) {
          if (vlen < 4) {
            c.print("\n\t      TLV is too short");
            hexdump = true;
            break tlv;
          }
          c.need(v, 4);
          const st = c.u16(v);
          let sl = c.u16(v + 2);
          if (vlen < sl + 4) {
            c.print("\n\t      TLV is too short");
            hexdump = true;
            break tlv;
          }
          c.need(v + 4, sl);
          c.print(`\n\t    ${tok(SUBTLV, "Unknown", st)} subTLV (${st}), length: ${sl}`);
          let subHex = false;
          const want = SUBTLV_LEN[st];
          if (want === undefined) subHex = true;
          else if (sl !== want) {
            c.print(`\n\t      invalid subTLV length, should be ${want}`);
            subHex = true;
          } else fecSubTlv(c, st, v + 4);
          if (c.f.v > 1 || subHex) c.hexData(v + 4, "\n\t      ", sl);
          if (sl % 4) {
            sl += 4 - (sl % 4);
            if (vlen < sl + 4) return c.print("\n\t\t TLV is too short");
          }
          v += sl; // print-lspping.c's slip: not past the sub-TLV header
          vlen -= sl + 4;
        }
        break;
      case 2: {
        if (vlen < 4) {
          c.print("\n\t      TLV is too short");
          hexdump = true;
          break;
        }
        c.need(v, 4);
        const at = c.u8(v + 2);
        c.print(
          `\n\t    MTU: ${c.u16(v)}, Address-Type: ${tok(ADDR_TYPE, "unknown", at)} (${at})`,
        );
        const size = { 1: 12, 2: 12, 3: 36, 4: 24 }[at];
        if (size !== undefined) {
          if (vlen < size) {
            c.print("\n\t      TLV is too short");
            hexdump = true;
            break;
          }
          c.need(v, size);
          if (at === 1) {
            c.print(
              `\n\t    Downstream IP: ${c.ip4(v + 4)}\n\t    Downstream Interface IP: ${
                c.ip4(v + 8)
              }`,
            );
          } else if (at === 2) {
            c.print(
              `\n\t    Downstream IP: ${c.ip4(v + 4)}\n\t    Downstream Interface Index: 0x${
                c.u32(v + 8).toString(16).padStart(8, "0")
              }`,
            );
          } else if (at === 3) {
            c.print(
              `\n\t    Downstream IP: ${c.ip6(v + 4)}\n\t    Downstream Interface IP: ${
                c.ip6(v + 20)
              }`,
            );
          } else {
            c.print(
              `\n\t    Downstream IP: ${c.ip6(v + 4)}\n\t    Downstream Interface Index: 0x${
                c.u32(v + 20).toString(16).padStart(8, "0")
              }`,
            );
          }
          v += size, vlen -= size;
        }
        if (vlen < 4) {
          c.print("\n\t      TLV is too short");
          hexdump = true;
          break;
        }
        c.need(v, 4);
        hexdump = true;
        break;
      }
      case 15:
        if (vlen < 4) {
          c.print("\n\t      TLV is too short");
          hexdump = true;
        } else {
          c.need(v, 4);
          c.print(`\n\t    BFD Discriminator 0x${c.u32(v).toString(16).padStart(8, "0")}`);
        }
        break;
      case 5:
        if (vlen < 4) {
          c.print("\n\t      TLV is too short");
          hexdump = true;
        } else {
          const id = c.u32(v);
          c.print(
            `\n\t    Vendor: ${tok(SMI_VENDORS, "Unknown", id)} (0x${
              id.toString(16).padStart(4, "0")
            })`,
          );
        }
        break;
      default:
        if (c.f.v <= 1) c.hexData(v, "\n\t    ", vlen);
    }
    if (c.f.v > 1 || hexdump) c.hexData(t + 4, "\n\t    ", tlvLen);
    if (tlvLen % 4) {
      tlvLen += 4 - (tlvLen % 4);
      if (tlen < tlvLen + 4) throw tooShort;
    }
    t += tlvLen + 4;
    tlen -= tlvLen + 4;
  }
}
