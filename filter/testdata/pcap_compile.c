/*
 * Test helper for filter/differential_test.ts: compiles many filter expressions
 * with libpcap's own pcap_compile, as `tcpdump -ddd -y DLT [-O] expr` does
 * (pcap_open_dead, snaplen 262144, netmask 0), in one process instead of one
 * tcpdump per expression.
 *
 * stdin, one job per line:  DLT_NAME <tab> 0|1 (optimize) <tab> expression
 * stdout, one line per job: OK code,jt,jf,k;code,jt,jf,k;...   or   ERR message
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

int main(void) {
	char line[8192];
	while (fgets(line, sizeof line, stdin) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		char *opt = strchr(line, '\t');
		if (opt == NULL) { puts("ERR bad job line"); continue; }
		*opt++ = '\0';
		char *expr = strchr(opt, '\t');
		if (expr == NULL) { puts("ERR bad job line"); continue; }
		*expr++ = '\0';
		int dlt = pcap_datalink_name_to_val(line);
		if (dlt < 0) { printf("ERR unknown link type %s\n", line); continue; }
		pcap_t *p = pcap_open_dead(dlt, 262144);
		struct bpf_program prog;
		if (pcap_compile(p, &prog, expr, opt[0] == '1', 0) < 0) {
			printf("ERR %s\n", pcap_geterr(p));
		} else {
			fputs("OK ", stdout);
			for (u_int i = 0; i < prog.bf_len; i++) {
				struct bpf_insn *in = &prog.bf_insns[i];
				printf("%s%u,%u,%u,%u", i ? ";" : "", in->code, in->jt, in->jf, in->k);
			}
			putchar('\n');
			pcap_freecode(&prog);
		}
		pcap_close(p);
		fflush(stdout);
	}
	return 0;
}
