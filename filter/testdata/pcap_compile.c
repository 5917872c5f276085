/*
 * Test helper for filter/differential_test.ts: compiles many filter expressions
 * with libpcap's own pcap_compile, as `tcpdump -ddd -y DLT [-O] expr` does
 * (pcap_open_dead, snaplen 262144, netmask 0), in one process instead of one
 * tcpdump per expression.
 *
 * stdin, one job per line:  DLT_NAME <tab> 0|1 (optimize) <tab> expression
 * stdout, one line per job: OK code,jt,jf,k;code,jt,jf,k;...   or   ERR message
 *
 * DLT_NAME "live:IF" compiles for a live handle on interface IF instead, as
 * `tcpdump -d -i IF` does (pcap_create + pcap_activate, needs CAP_NET_RAW): on
 * Linux that is the form with VLAN ancillary loads. The handle is opened once
 * and reused.
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

static pcap_t *live_handle(const char *ifname) {
	static pcap_t *cached;
	static char cached_name[64];
	if (cached != NULL && strcmp(cached_name, ifname) == 0) return cached;
	if (cached != NULL) pcap_close(cached);
	char err[PCAP_ERRBUF_SIZE];
	cached = pcap_create(ifname, err);
	if (cached == NULL) return NULL;
	pcap_set_snaplen(cached, 262144);
	if (pcap_activate(cached) < 0) { pcap_close(cached); cached = NULL; return NULL; }
	snprintf(cached_name, sizeof cached_name, "%s", ifname);
	return cached;
}

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
		pcap_t *p;
		int live = strncmp(line, "live:", 5) == 0;
		if (live) {
			p = live_handle(line + 5);
			if (p == NULL) { printf("ERR cannot activate %s\n", line + 5); fflush(stdout); continue; }
		} else {
			int dlt = pcap_datalink_name_to_val(line);
			if (dlt < 0) { printf("ERR unknown link type %s\n", line); continue; }
			p = pcap_open_dead(dlt, 262144);
		}
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
		if (!live) pcap_close(p);
		fflush(stdout);
	}
	return 0;
}
