/**
 * `compileFilter`: expression → tokens → tree → blocks → optimized blocks → program.
 *
 * @module
 */

import { DEFAULT_SNAPLEN, LINKTYPE } from "../link_type.ts";
import { assemble } from "./assemble.ts";
import { finish, newBlock } from "./block.ts";
import { BPF_K, BPF_RET } from "./bpf.ts";
import { generate, type Generated } from "./codegen.ts";
import { FilterSyntaxError } from "./errors.ts";
import type { BpfProgram } from "./insn.ts";
import { optimize } from "./optimize.ts";
import { parse } from "./parser.ts";

/** Options of {@linkcode compileFilter}. */
export interface CompileOptions {
  /** `LINKTYPE_*` number of the frames the program will see. @default LINKTYPE.ETHERNET */
  linkType?: number;
  /** Bytes an accepted packet keeps: the value of the accepting `ret`. @default 262144 */
  snapLen?: number;
  /** Run the optimizer (as tcpdump does unless `-O`). @default true */
  optimize?: boolean;
  /**
   * Network mask (host order) for `ip broadcast`. tcpdump without an interface uses 0, so the
   * whole destination address must be all zeros or all ones. @default 0
   */
  netmask?: number;
  /**
   * Compile for a live Linux packet socket (`SO_ATTACH_FILTER`), as libpcap does for a live
   * handle (`tcpdump -d -i eth0`): the kernel strips the outer VLAN tag into socket metadata
   * before the filter runs, so `vlan` tests it with ancillary loads (`vlanp`, `vlan_tci`) and
   * offsets after it are computed at run time. Run such a program with the tag in the `anc`
   * argument of {@linkcode runFilter}. When false, the saved-file form (`tcpdump -d -y DLT`),
   * for frames with their tags in the bytes (pcap files, frames read from the ring). @default false
   */
  live?: boolean;
}

/** Default link type of {@linkcode compileFilter}: Ethernet. */
export const DEFAULT_LINK_TYPE: number = LINKTYPE.ETHERNET;

function checkOptions(options: CompileOptions): Required<CompileOptions> {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("Cannot compile filter: options must be an object");
  }
  const {
    linkType = DEFAULT_LINK_TYPE,
    snapLen = DEFAULT_SNAPLEN,
    optimize = true,
    netmask = 0,
    live = false,
  } = options;
  for (
    const [name, v] of [["linkType", linkType], ["snapLen", snapLen], ["netmask", netmask]] as const
  ) {
    if (typeof v !== "number") {
      throw new TypeError(`Cannot compile filter: ${name} must be a number`);
    }
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) {
      throw new RangeError(`Cannot compile filter: ${name} ${v} is not an unsigned 32-bit integer`);
    }
  }
  for (const [name, v] of [["optimize", optimize], ["live", live]] as const) {
    if (typeof v !== "boolean") {
      throw new TypeError(`Cannot compile filter: ${name} must be a boolean`);
    }
  }
  return { linkType, snapLen, optimize, netmask, live };
}

/**
 * Compiles a pcap-filter(7) expression to classic BPF the way libpcap does for a
 * saved file of the given link type (`tcpdump -d -y <DLT>`), or with `live` for a
 * live Linux socket (`tcpdump -d -i <if>`): same tests, same verdicts. Host names
 * are never resolved; service and protocol names come from a built-in table
 * (`port http`, `proto tcp`).
 *
 * @param expression The filter, e.g. `tcp port 80 and host 10.0.0.1`; empty accepts everything.
 * @param options Link type, snapshot length, optimizer switch, netmask.
 * @returns The program, ready for `SO_ATTACH_FILTER` or {@linkcode runFilter}.
 * @throws {FilterSyntaxError} When the expression cannot be compiled.
 * @example Compile and run a filter
 * ```ts
 * import { compileFilter, runFilter } from "@tpacket/tpacket/filter";
 * import { LINKTYPE } from "@tpacket/tpacket";
 * import assert from "node:assert/strict";
 * const program = compileFilter("ip proto 17", { linkType: LINKTYPE.RAW, snapLen: 96 });
 * const udp = new Uint8Array(28);
 * udp[0] = 0x45;
 * udp[9] = 17;
 * assert.equal(runFilter(program, udp), 96);
 * ```
 * @example The live form finds a VLAN tag the kernel moved into socket metadata
 * ```ts
 * import { compileFilter, runFilter } from "@tpacket/tpacket/filter";
 * import assert from "node:assert/strict";
 * const frame = new Uint8Array(60); // untagged bytes, EtherType 0x0800
 * frame.set([0x08, 0x00, 0x45], 12);
 * const anc = { vlanTagPresent: 1, vlanTag: 100, vlanTpid: 0x8100 };
 * assert.equal(runFilter(compileFilter("vlan 100", { live: true }), frame, 60, anc), 262144);
 * assert.equal(runFilter(compileFilter("vlan 100"), frame, 60, anc), 0); // saved form: no tag
 * ```
 */
export function compileFilter(expression: string, options: CompileOptions = {}): BpfProgram {
  if (typeof expression !== "string") {
    throw new TypeError("Cannot compile filter: expression must be a string");
  }
  const opts = checkOptions(options);
  const tree = parse(expression);
  let gen: Generated | null;
  try {
    gen = generate(expression, tree, opts);
  } catch (e) {
    // A refusal of the optimizer's (a computed zero divisor) stands only if it will run.
    if (!(e instanceof FilterSyntaxError) || !opts.optimize) throw e;
    const plain = generate(expression, tree, { ...opts, optimize: false });
    if (plain?.optimizable !== false) throw e;
    gen = plain;
  }
  // libpcap leaves some programs unoptimized (protochain's loop, 802.11 payload offsets and
  // Geneve's offsets jump inside one block's statements); so do we, for the same decisions on
  // every packet and the same refusals: generated again as for -O.
  if (gen && !gen.optimizable && opts.optimize) {
    gen = generate(expression, tree, { ...opts, optimize: false });
  }
  const accept = newBlock([], BPF_RET | BPF_K, opts.snapLen);
  if (!gen) return assemble(accept);
  const reject = newBlock([], BPF_RET | BPF_K, 0);
  let root = finish(gen.fragment, accept, reject);
  if (opts.optimize && gen.optimizable) {
    root = optimize(root);
    // libpcap's optimizer refuses a filter that can only reject (tcpdump: "expression rejects
    // all packets"); so do we.
    if (root.code === (BPF_RET | BPF_K) && root.k === 0) {
      throw new FilterSyntaxError(expression, "expression rejects all packets", 0, "");
    }
  }
  return assemble(root);
}
