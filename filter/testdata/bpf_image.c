/*
 * Test helper for filter/dump_test.ts: prints libpcap's bpf_image() (the text of
 * `tcpdump -d`) for each instruction read from stdin as "n code jt jf k".
 */
#include <pcap/pcap.h>
#include <stdio.h>

int main(void) {
	int n;
	unsigned code, jt, jf, k;
	while (scanf("%d %u %u %u %u", &n, &code, &jt, &jf, &k) == 5) {
		struct bpf_insn insn = { (u_short)code, (u_char)jt, (u_char)jf, k };
		printf("%s\n", bpf_image(&insn, n));
	}
	return 0;
}
