// CLNP (ISO 8473) as tcpdump 4.99 prints it (print-isoclns.c clnp_print()): the fixed part,
// the addresses, the segmentation part, the options, an error report's original packet, the
// data in hex.

import { bits, type Ctx, hex, tok } from "./_ctx.ts";
import { nsap, osiCksumPrint } from "./_osi.ts";

const PDU: Record<number, string> = {
  1: "Error Report",
  28: "Data",
  29: "MD",
  30: "Echo Request",
  31: "Echo Response",
};
const FLAGS = [[0x80, "Segmentation permitted"], [0x40, "more Segments"], [
  0x20,
  "request Error Report",
]] as const;
const OPTION: Record<number, string> = {
  0xc1: "Discard Reason",
  0xcd: "Priority",
  0xc3: "QoS Maintenance",
  0xc5: "Security",
  0xc8: "Source Routing",
  0xcb: "Route Recording",
  0xcc: "Padding",
};
const RFD_CLASS: Record<number, string> = {
  0x0: "General",
  0x8: "Address",
  0x9: "Source Routeing",
  0xa: "Lifetime",
  0xb: "PDU Discarded",
  0xc: "Reassembly",
};
/** The reason-for-discard codes of each error class (ISO 8473 7.9.5). */
const RFD_ERROR: Record<number, readonly string[]> = {
  0x0: [
    "Reason not specified",
    "Protocol procedure error",
    "Incorrect checksum",
    "PDU discarded due to congestion",
    "Header syntax error (cannot be parsed)",
    "Segmentation needed but not permitted",
    "Incomplete PDU received",
    "Duplicate option",
  ],
  0x8: ["Destination address unreachable", "Destination address unknown"],
  0x9: [
    "Unspecified source routeing error",
    "Syntax error in source routeing field",
    "Unknown address in source routeing field",
    "Path not acceptable",
  ],
  0xa: ["Lifetime expired while data unit in transit", "Lifetime expired during reassembly"],
  0xb: [
    "Unsupported option not specified",
    "Unsupported protocol version",
    "Unsupported security option",
    "Unsupported source routeing option",
    "Unsupported recording of route option",
  ],
  0xc: ["Reassembly interference"],
};
const QOS_GLOBAL = [
  [0x20, "reserved"],
  [0x10, "sequencing vs. delay"],
  [0x08, "congested"],
  [0x04, "delay vs. cost"],
  [0x02, "error vs. delay"],
  [0x01, "error vs. cost"],
] as const;
const SCOPE: Record<number, string> = {
  0x40: "Source Address Specific",
  0x80: "Destination Address Specific",
  0xc0: "Globally unique",
};

/** clnp_print(): a CLNP PDU of `length` bytes at `p`; false when the caller should dump it. */
export function clnpPrint(c: Ctx, p: number, length: number): boolean {
  c.proto = "clnp";
  c.tcheck(p, 9);
  const optr = p, li = c.u8(p + 1);
  let left = li;
  if (!c.f.e) c.print("CLNP");
  const version = c.u8(p + 2);
  if (version !== 1) return fail(c, `version ${version} packet not supported`);
  if (li > length) return fail(c, ` length indicator(${li}) > PDU size (${length})!`);
  if (li < 9) {
    c.print(` length indicator ${li} < min PDU size:`);
    for (let t = p; t < c.end; t++) c.print(hex(c.u8(t), 2).toUpperCase());
    return false;
  }
  const type = c.u8(p + 4) & 0x1f, flags = c.u8(p + 4) & 0xe0;
  p += 9, left -= 9;
  const short = () => fail(c, "li < size of fixed part of CLNP header and addresses");
  if (left < 1) return short();
  const dl = c.u8(p);
  p++, left--;
  if (left < dl) return short();
  c.tcheck(p, dl);
  const dst = p;
  p += dl, left -= dl;
  if (left < 1) return short();
  const sl = c.u8(p);
  p++, left--;
  if (left < sl) return short();
  c.tcheck(p, sl);
  const src = p;
  p += sl, left -= sl;
  const sep = c.f.e ? "" : ", ";
  if (c.f.v < 1) {
    c.print(
      `${sep}${nsap(c, src, sl)} > ${nsap(c, dst, dl)}, ${
        tok(PDU, "unknown (%u)", type)
      }, length ${length}`,
    );
    return true;
  }
  c.print(`${sep}length ${length}`);
  const lifetime = c.u8(optr + 3), cksum = c.u16(optr + 7);
  c.print(
    `\n\t${tok(PDU, "unknown (%u)", type)} PDU, hlen: ${li}, v: ${version}, lifetime: ${
      lifetime >> 1
    }.${(lifetime % 2) * 5}s, Segment PDU length: ${c.u16(optr + 5)}, checksum: 0x${hex(cksum)}`,
  );
  osiCksumPrint(c, optr, cksum, 7, li);
  c.print(`\n\tFlags [${bits(FLAGS, "none", flags)}]`);
  c.print(`\n\tsource address (length ${sl}): ${nsap(c, src, sl)}`);
  c.print(`\n\tdest   address (length ${dl}): ${nsap(c, dst, dl)}`);
  if (flags & 0x80) {
    if (left < 6) {
      return fail(c, "li < size of fixed part of CLNP header, addresses, and segment part");
    }
    c.tcheck(p, 6);
    c.print(
      `\n\tData Unit ID: 0x${hex(c.u16(p))}, Segment Offset: ${c.u16(p + 2)}, Total PDU Length: ${
        c.u16(p + 4)
      }`,
    );
    p += 6, left -= 6;
  }
  while (left !== 0) {
    if (left < 2) return fail(c, ", bad opts/li");
    const op = c.u8(p), opli = c.u8(p + 1);
    p += 2, left -= 2;
    if (opli > left) return fail(c, `, opt (${op}) too long`);
    c.tcheck(p, opli);
    left -= opli;
    c.print(`\n\t  ${tok(OPTION, "Unknown", op)} Option #${op}, length ${opli}, value: `);
    if (op === 0xcb || op === 0xc8) {
      if (opli < 2) return fail(c, ", bad opt len");
      c.print(
        `${tok({ 0: "partial", 1: "complete" }, "Unknown", c.u8(p))} ${
          op === 0xc8 ? "source routing" : "recording of route in progress"
        }`,
      );
      let off = c.u8(p + 1);
      if (off === 0) c.print(" Bad NSAP offset (0)");
      else if (--off > opli) c.print(" Bad NSAP offset (past end of option)");
      else {
        const tp = p + off;
        let tlen = opli - off;
        while (tlen > 0) {
          const alen = c.u8(tp);
          if (tlen < alen + 1) {
            c.print("\n\t    NSAP address goes past end of option");
            break;
          }
          if (alen > 0) {
            c.print(`\n\t    NSAP address (length ${alen}): ${nsap(c, tp + 1, alen)}`);
          }
          tlen -= alen + 1;
        }
      }
    } else if (op === 0xc3) {
      if (opli < 1) return fail(c, ", bad opt len");
      const v = c.u8(p);
      c.print(`\n\t    Format Code: ${tok(SCOPE, "Reserved", v & 0xc0)}`);
      if ((v & 0xc0) === 0xc0) c.print(`\n\t    QoS Flags [${bits(QOS_GLOBAL, "none", v & 0x3f)}]`);
    } else if (op === 0xc1) {
      if (opli < 1) return fail(c, ", bad opt len");
      const major = c.u8(p) >> 4, minor = c.u8(p) & 0x0f;
      c.print(
        `\n\t    Class: ${RFD_CLASS[major] ?? "Unknown"} Error (0x${major.toString(16)}), ${
          RFD_ERROR[major]?.[minor] ?? "Unknown"
        } (0x${minor.toString(16)})`,
      );
    } else if (op === 0xcc) c.print("padding data");
    else if (op === 0xcd) {
      if (opli < 1) return fail(c, ", bad opt len");
      c.print(`0x${(c.u8(p) & 0x0f).toString(16)}`);
    } else if (op === 0xc5) {
      if (opli < 2) return fail(c, ", bad opt len");
      c.print(
        `\n\t    Format Code: ${tok(SCOPE, "Reserved", c.u8(p) & 0xc0)}, Security-Level ${
          c.u8(p + 1)
        }`,
      );
    } else c.hexData(p, "\n\t  ", opli);
    if (c.f.v > 1) c.hexData(p, "\n\t  ", opli);
    p += opli;
  }
  if ((type === 1 || type === 31) && c.u8(p) === 0x81) {
    c.print("\n\t-----original packet-----\n\t");
    clnpPrint(c, p, length - li);
    return true;
  }
  if (length > p - optr) {
    c.print(`\n\t  undecoded non-header data, length ${length - li}`);
    c.hexData(p, "\n\t  ", length - (p - optr));
  }
  return true;
}

/** Prints `s`; false (the PDU is dumped by the caller). */
function fail(c: Ctx, s: string): false {
  c.print(s);
  return false;
}
