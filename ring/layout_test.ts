import assert from "node:assert/strict";
import {
  BLOCK_DESC,
  SLL,
  SLL2,
  SLL2_HDR_LEN,
  SLL_HDR_LEN,
  SOCKADDR_LL,
  TP2,
  TP3,
  TP_STATUS_BLK_TMO,
  TP_STATUS_COPY,
  TP_STATUS_CSUM_VALID,
  TP_STATUS_CSUMNOTREADY,
  TP_STATUS_KERNEL,
  TP_STATUS_LOSING,
  TP_STATUS_TS_RAW_HARDWARE,
  TP_STATUS_TS_SOFTWARE,
  TP_STATUS_USER,
  TP_STATUS_VLAN_TPID_VALID,
  TP_STATUS_VLAN_VALID,
  TPACKET2_HDRLEN,
  TPACKET3_HDRLEN,
  TPACKET_V2,
  TPACKET_V3,
  tpacketAlign,
} from "./layout.ts";

/** Each line of the C program prints `NAME value`; the table says what we expect NAME to be. */
const EXPECTED: Record<string, number> = {
  "TP3.NEXT_OFFSET": TP3.NEXT_OFFSET,
  "TP3.SEC": TP3.SEC,
  "TP3.NSEC": TP3.NSEC,
  "TP3.SNAPLEN": TP3.SNAPLEN,
  "TP3.LEN": TP3.LEN,
  "TP3.STATUS": TP3.STATUS,
  "TP3.MAC": TP3.MAC,
  "TP3.NET": TP3.NET,
  "TP3.RXHASH": TP3.RXHASH,
  "TP3.VLAN_TCI": TP3.VLAN_TCI,
  "TP3.VLAN_TPID": TP3.VLAN_TPID,
  "TP3.SIZE": TP3.SIZE,
  "TP2.STATUS": TP2.STATUS,
  "TP2.LEN": TP2.LEN,
  "TP2.SNAPLEN": TP2.SNAPLEN,
  "TP2.MAC": TP2.MAC,
  "TP2.NET": TP2.NET,
  "TP2.SEC": TP2.SEC,
  "TP2.NSEC": TP2.NSEC,
  "TP2.VLAN_TCI": TP2.VLAN_TCI,
  "TP2.VLAN_TPID": TP2.VLAN_TPID,
  "TP2.SIZE": TP2.SIZE,
  "BLOCK_DESC.VERSION": BLOCK_DESC.VERSION,
  "BLOCK_DESC.OFFSET_TO_PRIV": BLOCK_DESC.OFFSET_TO_PRIV,
  "BLOCK_DESC.BLOCK_STATUS": BLOCK_DESC.BLOCK_STATUS,
  "BLOCK_DESC.NUM_PKTS": BLOCK_DESC.NUM_PKTS,
  "BLOCK_DESC.OFFSET_TO_FIRST_PKT": BLOCK_DESC.OFFSET_TO_FIRST_PKT,
  "BLOCK_DESC.BLK_LEN": BLOCK_DESC.BLK_LEN,
  "BLOCK_DESC.SEQ_NUM": BLOCK_DESC.SEQ_NUM,
  "BLOCK_DESC.TS_FIRST_PKT_SEC": BLOCK_DESC.TS_FIRST_PKT_SEC,
  "BLOCK_DESC.TS_FIRST_PKT_NSEC": BLOCK_DESC.TS_FIRST_PKT_NSEC,
  "BLOCK_DESC.TS_LAST_PKT_SEC": BLOCK_DESC.TS_LAST_PKT_SEC,
  "BLOCK_DESC.TS_LAST_PKT_NSEC": BLOCK_DESC.TS_LAST_PKT_NSEC,
  "BLOCK_DESC.SIZE": BLOCK_DESC.SIZE,
  "SOCKADDR_LL.FAMILY": SOCKADDR_LL.FAMILY,
  "SOCKADDR_LL.PROTOCOL": SOCKADDR_LL.PROTOCOL,
  "SOCKADDR_LL.IFINDEX": SOCKADDR_LL.IFINDEX,
  "SOCKADDR_LL.HATYPE": SOCKADDR_LL.HATYPE,
  "SOCKADDR_LL.PKTTYPE": SOCKADDR_LL.PKTTYPE,
  "SOCKADDR_LL.HALEN": SOCKADDR_LL.HALEN,
  "SOCKADDR_LL.ADDR": SOCKADDR_LL.ADDR,
  "SOCKADDR_LL.SIZE": SOCKADDR_LL.SIZE,
  TPACKET2_HDRLEN,
  TPACKET3_HDRLEN,
  TPACKET_V2,
  TPACKET_V3,
  TP_STATUS_KERNEL,
  TP_STATUS_USER,
  TP_STATUS_COPY,
  TP_STATUS_LOSING,
  TP_STATUS_CSUMNOTREADY,
  TP_STATUS_VLAN_VALID,
  TP_STATUS_BLK_TMO,
  TP_STATUS_VLAN_TPID_VALID,
  TP_STATUS_CSUM_VALID,
  TP_STATUS_TS_SOFTWARE,
  TP_STATUS_TS_RAW_HARDWARE,
  "SLL_HDR_LEN": SLL_HDR_LEN,
  "SLL.PKTTYPE": SLL.PKTTYPE,
  "SLL.HATYPE": SLL.HATYPE,
  "SLL.HALEN": SLL.HALEN,
  "SLL.ADDR": SLL.ADDR,
  "SLL.PROTOCOL": SLL.PROTOCOL,
  "SLL2.PROTOCOL": SLL2.PROTOCOL,
  "SLL2.RESERVED": SLL2.RESERVED,
  "SLL2.IFINDEX": SLL2.IFINDEX,
  "SLL2.HATYPE": SLL2.HATYPE,
  "SLL2.PKTTYPE": SLL2.PKTTYPE,
  "SLL2.HALEN": SLL2.HALEN,
  "SLL2.ADDR": SLL2.ADDR,
  "SLL2_HDR_LEN": SLL2_HDR_LEN,
};

/** C expression for each name: offsetof()/sizeof() on linux/if_packet.h and pcap/sll.h. */
function cExpression(name: string): string {
  const [table, field] = name.split(".");
  const struct: Record<string, string> = {
    TP3: "struct tpacket3_hdr",
    TP2: "struct tpacket2_hdr",
    BLOCK_DESC: "struct tpacket_block_desc",
    SOCKADDR_LL: "struct sockaddr_ll",
  };
  if (field === undefined) {
    if (name === "SLL_HDR_LEN") return "sizeof(struct sll_header)";
    if (name === "SLL2_HDR_LEN") return "sizeof(struct sll2_header)";
    return `(unsigned long)(${name})`;
  }
  if (table === "SLL") return `offsetof(struct sll_header, sll_${field!.toLowerCase()})`;
  if (table === "SLL2") {
    const m = { RESERVED: "reserved_mbz", IFINDEX: "if_index" }[field!] ?? field!.toLowerCase();
    return `offsetof(struct sll2_header, sll2_${m})`;
  }
  const s = struct[table!]!;
  if (field === "SIZE") return `sizeof(${s})`;
  const member = table === "BLOCK_DESC"
    ? {
      VERSION: "version",
      OFFSET_TO_PRIV: "offset_to_priv",
      BLOCK_STATUS: "hdr.bh1.block_status",
      NUM_PKTS: "hdr.bh1.num_pkts",
      OFFSET_TO_FIRST_PKT: "hdr.bh1.offset_to_first_pkt",
      BLK_LEN: "hdr.bh1.blk_len",
      SEQ_NUM: "hdr.bh1.seq_num",
      TS_FIRST_PKT_SEC: "hdr.bh1.ts_first_pkt.ts_sec",
      TS_FIRST_PKT_NSEC: "hdr.bh1.ts_first_pkt.ts_nsec",
      TS_LAST_PKT_SEC: "hdr.bh1.ts_last_pkt.ts_sec",
      TS_LAST_PKT_NSEC: "hdr.bh1.ts_last_pkt.ts_nsec",
    }[field]
    : table === "TP3" && ["RXHASH", "VLAN_TCI", "VLAN_TPID"].includes(field!)
    ? `hv1.tp_${field!.toLowerCase()}`
    : table === "SOCKADDR_LL"
    ? `sll_${field!.toLowerCase()}`
    : `tp_${field!.toLowerCase()}`;
  return `offsetof(${s}, ${member})`;
}

async function haveCc(): Promise<boolean> {
  try {
    const { success } = await new Deno.Command("cc", {
      args: ["--version"],
      stdout: "null",
      stderr: "null",
    })
      .output();
    return success;
  } catch {
    return false;
  }
}

const HAVE_CC = await haveCc();
if (!HAVE_CC) {
  console.log("ring/layout_test.ts: header comparison ignored, cc is not installed");
}

Deno.test({
  name: "layout tables match offsetof()/sizeof() from linux/if_packet.h and pcap/sll.h",
  ignore: !HAVE_CC,
}, async (t) => {
  const hasSll = await Deno.stat("/usr/include/pcap/sll.h").then(() => true, () => false);
  const names = Object.keys(EXPECTED).filter((n) => hasSll || !n.startsWith("SLL"));
  const dir = await Deno.makeTempDir();
  try {
    const src = `#include <stdio.h>
#include <stddef.h>
#include <linux/if_packet.h>
${hasSll ? "#include <pcap/sll.h>" : ""}
int main(void) {
${names.map((n) => `  printf("%s %lu\\n", "${n}", (unsigned long)(${cExpression(n)}));`).join("\n")}
  return 0;
}
`;
    await Deno.writeTextFile(`${dir}/layout.c`, src);
    const cc = await new Deno.Command("cc", { args: ["-o", `${dir}/layout`, `${dir}/layout.c`] })
      .output();
    assert.ok(cc.success, new TextDecoder().decode(cc.stderr));
    const run = await new Deno.Command(`${dir}/layout`).output();
    const lines = new TextDecoder().decode(run.stdout).trim().split("\n");
    assert.equal(lines.length, names.length);
    for (const line of lines) {
      const [name, value] = line.split(" ");
      await t.step(name!, () => assert.equal(EXPECTED[name!], Number(value)));
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("tpacketAlign() rounds up to TPACKET_ALIGNMENT like TPACKET_ALIGN()", () => {
  assert.deepEqual([0, 1, 15, 16, 17, 48, 52, 68].map(tpacketAlign), [
    0,
    16,
    16,
    16,
    32,
    48,
    64,
    80,
  ]);
});
