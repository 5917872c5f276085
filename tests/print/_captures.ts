// The captures in tests/testdata/print/ that tests/print/tcpdump_test.ts compares with tcpdump
// at every flag set (and tests/print/coverage.ts counts): one list for both.

/** Capture names: tests/testdata/print/NAME.pcap. */
export const CAPTURES = [
  "eth",
  "snap",
  "sll",
  "sll2",
  "nano",
  "more",
  "more_sll2",
  "crafted",
  "routers",
  "frr",
  "ipsec",
  "nfs",
  "services",
  "frr_bgp",
  "kernel",
] as const;
