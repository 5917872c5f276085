// ES-IS (ISO 9542) as tcpdump 4.99 prints it (print-isoclns.c esis_print()): end system and
// intermediate system hellos, redirects, and their options.

import { type Ctx, hex, tok } from "./_ctx.ts";
import { NLPID } from "./_isis_text.ts";
import { nsap, osiCksumPrint } from "./_osi.ts";

const PDU: Record<number, string> = { 6: "redirect", 2: "ESH", 4: "ISH" };
const OPTION: Record<number, string> = {
  0x81: "Protocols supported",
  0xc3: "QoS Maintenance",
  0xc5: "Security",
  0xc6: "ES Configuration Time",
  0xcd: "Priority",
  0xe1: "Addressk Mask",
  0xe2: "SNPA Mask",
};

/** esis_print(): an ES-IS PDU of `length` bytes at `p`. */
export function esisPrint(c: Ctx, p: number, length: number): void {
  c.proto = "esis";
  if (!c.f.e) c.print("ES-IS");
  if (length <= 2) return c.print(c.f.q ? "bad pkt!" : "no header at all!");
  c.tcheck(p, 9);
  let li = c.u8(p + 1);
  const optr = p;
  if (c.u8(p) !== 0x82) return c.print(` nlpid 0x${hex(c.u8(p), 2)} packet not supported`);
  const version = c.u8(p + 2);
  if (version !== 1) return c.print(` version ${version} packet not supported`);
  if (li > length) return c.print(` length indicator(${li}) > PDU size (${length})!`);
  if (li < 11) {
    c.print(` length indicator ${li} < min PDU size:`);
    for (let t = p; t < c.end; t++) c.print(hex(c.u8(t), 2).toUpperCase());
    return;
  }
  const type = c.u8(p + 4) & 0x1f;
  const sep = c.f.e ? "" : ", ";
  if (c.f.v < 1) return c.print(`${sep}${tok(PDU, "unknown type (%u)", type)}, length ${length}`);
  c.print(`${sep}length ${length}\n\t${tok(PDU, "unknown type: %u", type)} (${type})`);
  c.print(`, v: ${version}`);
  const cksum = c.u16(p + 7);
  c.print(`, checksum: 0x${hex(cksum)}`);
  osiCksumPrint(c, p, cksum, 7, li);
  c.print(`, holding time: ${c.u16(p + 5)}s, length indicator: ${li}`);
  if (c.f.v > 1) c.hexData(optr, "\n\t", 9);
  p += 9, li -= 9;
  /** One length-prefixed field: its [offset, length], or undefined when li cannot hold it. */
  const field = (what: string): [number, number] | undefined => {
    c.tcheck(p, 1);
    if (li < 1) return void c.print(`, bad ${what}/li`);
    const n = c.u8(p);
    p++, li--;
    c.tcheck(p, n);
    if (li < n) return void c.print(`, bad ${what}/li`);
    const at = p;
    p += n, li -= n;
    return [at, n];
  };
  switch (type) {
    case 6: {
      const dst = field("redirect");
      if (!dst) return;
      c.print(`\n\t  ${nsap(c, dst[0], dst[1])}`);
      const snpa = field("redirect");
      if (!snpa) return;
      c.tcheck(p, 1);
      if (li < 1) return c.print(", bad redirect/li");
      const netal = c.u8(p);
      p++;
      c.tcheck(p, netal);
      if (li < netal) return c.print(", bad redirect/li");
      const neta = p;
      p += netal, li -= netal;
      c.print(`\n\t  SNPA (length: ${snpa[1]}): ${c.mac(snpa[0], snpa[1])}`);
      if (netal !== 0) c.print(`\n\t  NET (length: ${netal}) ${nsap(c, neta, netal)}`);
      break;
    }
    case 2: {
      c.tcheck(p, 1);
      if (li < 1) return c.print(", bad esh/li");
      let n = c.u8(p);
      p++, li--;
      c.print(`\n\t  Number of Source Addresses: ${n}`);
      for (; n > 0; n--) {
        const a = field("esh");
        if (!a) return;
        c.print(`\n\t  NET (length: ${a[1]}): ${nsap(c, a[0], a[1])}`);
      }
      break;
    }
    case 4: {
      const a = field("ish");
      if (!a) return;
      c.print(`\n\t  NET (length: ${a[1]}): ${nsap(c, a[0], a[1])}`);
      break;
    }
    default:
      if (c.f.v <= 1 && c.has(p, 1)) c.hexData(p, "\n\t  ", c.end - p);
      return;
  }
  while (li !== 0) {
    if (li < 2) return c.print(", bad opts/li");
    const op = c.u8(p);
    let opli = c.u8(p + 1);
    p += 2, li -= 2;
    if (opli > li) return c.print(`, opt (${op}) too long`);
    li -= opli;
    let t = p;
    c.print(`\n\t  ${tok(OPTION, "Unknown", op)} Option #${op}, length ${opli}, value: `);
    if (op === 0xc6) {
      if (opli === 2) c.print(`${c.u16(t)}s`);
      else c.print("(bad length)");
    } else if (op === 0x81) {
      // tcpdump counts the option's length down here, so the cursor does not move past it
      for (; opli > 0; opli--, t++) {
        c.print(`${tok(NLPID, "unknown", c.u8(t))} (0x${hex(c.u8(t), 2)})${opli > 1 ? ", " : ""}`);
      }
    } else c.hexData(t, "\n\t  ", opli);
    if (c.f.v > 1) c.hexData(p, "\n\t  ", opli);
    p += opli;
  }
}
