/*
 * The floor of the capture benchmark: a TPACKET_V3 ring counter in plain C, with no library, no
 * filter and no output per packet (bench/run.ts builds it with cc -O2 like gen.c).
 *
 *   raw -i IFACE [-B KIB] [-t MS]
 *       opens an AF_PACKET socket on IFACE with the ring libpcap gives tcpdump -B KIB (default
 *       2048): 256 KiB blocks (the smallest power of two holding a 262144-byte snaplen), as many
 *       as fit in KIB, retired after MS ms (default 1000, tcpdump's timeout); then waits in
 *       poll(2), walks every ready block frame by frame (tp_next_offset), counts the frames and
 *       hands the block back. Nothing else runs per packet, so its CPU per packet is what the
 *       kernel interface costs a reader: the limit a library can approach.
 *
 * SIGINT or SIGTERM stops it; it then prints tcpdump's three summary lines on stderr
 * ("N packets captured", "N packets received by filter", "N packets dropped by kernel", from
 * PACKET_STATISTICS as libpcap reads them). Errors: one line on stderr ("raw: Cannot ...") and
 * exit status 1.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#define BLOCK_SIZE (256u * 1024u)

static volatile sig_atomic_t stop_requested = 0;
/* The sum of the captured lengths goes here, so the compiler keeps the walk over the frames. */
static volatile unsigned long long sink;

static void on_signal(int sig) {
  (void)sig;
  stop_requested = 1;
}

static void die(const char *what, const char *detail) {
  fprintf(stderr, "raw: Cannot %s: %s\n", what, detail);
  exit(1);
}

static void usage(const char *problem) {
  fprintf(stderr, "raw: Cannot start: %s (usage: raw -i IFACE [-B KIB] [-t MS])\n", problem);
  exit(1);
}

static unsigned long whole(const char *text, const char *what, unsigned long max) {
  char *end;
  errno = 0;
  unsigned long v = strtoul(text, &end, 10);
  if (errno || end == text || *end || v > max || text[0] == '-') {
    char msg[160];
    snprintf(msg, sizeof msg, "%s \"%s\" is not a whole number up to %lu", what, text, max);
    usage(msg);
  }
  return v;
}

int main(int argc, char **argv) {
  const char *iface = NULL;
  unsigned long kib = 2048, timeout_ms = 1000;
  int opt;
  while ((opt = getopt(argc, argv, "i:B:t:")) != -1) {
    switch (opt) {
    case 'i': iface = optarg; break;
    case 'B': kib = whole(optarg, "buffer size", 1u << 22); break;
    case 't': timeout_ms = whole(optarg, "block timeout", 65535); break;
    default: usage("unknown option");
    }
  }
  if (!iface || optind != argc) usage("give -i IFACE and nothing else");
  unsigned blocks = (unsigned)(kib * 1024 / BLOCK_SIZE);
  if (blocks < 1) blocks = 1;

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal; /* no SA_RESTART: poll returns EINTR */
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);

  unsigned ifindex = if_nametoindex(iface);
  if (!ifindex) die("find the interface", iface);
  /* Protocol 0, as libpcap: a socket opened with ETH_P_ALL takes every interface's frames
     until its bind, and this one sets its ring up in between. */
  int fd = socket(AF_PACKET, SOCK_RAW, 0);
  if (fd < 0) die("open a packet socket", strerror(errno));
  int version = TPACKET_V3;
  if (setsockopt(fd, SOL_PACKET, PACKET_VERSION, &version, sizeof version) < 0) {
    die("select TPACKET_V3", strerror(errno));
  }
  struct tpacket_req3 req;
  memset(&req, 0, sizeof req);
  req.tp_block_size = BLOCK_SIZE;
  req.tp_block_nr = blocks;
  req.tp_frame_size = BLOCK_SIZE; /* libpcap's "frame" for V3: one maximal snaplen */
  req.tp_frame_nr = blocks;
  req.tp_retire_blk_tov = (unsigned)timeout_ms;
  if (setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof req) < 0) {
    die("create the RX ring", strerror(errno));
  }
  size_t len = (size_t)BLOCK_SIZE * blocks;
  uint8_t *ring = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_LOCKED, fd, 0);
  if (ring == MAP_FAILED) ring = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (ring == MAP_FAILED) die("map the RX ring", strerror(errno));
  struct sockaddr_ll sll;
  memset(&sll, 0, sizeof sll);
  sll.sll_family = AF_PACKET;
  sll.sll_protocol = htons(ETH_P_ALL);
  sll.sll_ifindex = (int)ifindex;
  if (bind(fd, (struct sockaddr *)&sll, sizeof sll) < 0) die("bind to the interface", strerror(errno));

  unsigned long long captured = 0, bytes = 0;
  unsigned cur = 0;
  struct pollfd pfd = {.fd = fd, .events = POLLIN | POLLERR};
  while (!stop_requested) {
    struct tpacket_block_desc *b = (struct tpacket_block_desc *)(ring + (size_t)cur * BLOCK_SIZE);
    if (!(__atomic_load_n(&b->hdr.bh1.block_status, __ATOMIC_ACQUIRE) & TP_STATUS_USER)) {
      if (poll(&pfd, 1, -1) < 0 && errno != EINTR) die("wait for frames", strerror(errno));
      continue;
    }
    uint32_t n = b->hdr.bh1.num_pkts;
    uint8_t *p = (uint8_t *)b + b->hdr.bh1.offset_to_first_pkt;
    for (uint32_t i = 0; i < n; i++) {
      struct tpacket3_hdr *h = (struct tpacket3_hdr *)p;
      bytes += h->tp_snaplen;
      captured++;
      p += h->tp_next_offset;
    }
    __atomic_store_n(&b->hdr.bh1.block_status, TP_STATUS_KERNEL, __ATOMIC_RELEASE);
    cur = (cur + 1) % blocks;
  }

  sink = bytes;
  struct tpacket_stats_v3 st;
  socklen_t sl = sizeof st;
  memset(&st, 0, sizeof st);
  if (getsockopt(fd, SOL_PACKET, PACKET_STATISTICS, &st, &sl) < 0) {
    die("read the statistics", strerror(errno));
  }
  fprintf(stderr, "%llu packet%s captured\n", captured, captured == 1 ? "" : "s");
  fprintf(stderr, "%u packet%s received by filter\n", st.tp_packets, st.tp_packets == 1 ? "" : "s");
  fprintf(stderr, "%u packet%s dropped by kernel\n", st.tp_drops, st.tp_drops == 1 ? "" : "s");
  return 0;
}
