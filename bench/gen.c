/*
 * Traffic generator for the tpacket capture benchmark (bench/run.ts builds it with cc -O2).
 *
 *   gen -i IFACE -n COUNT -s SIZE [-r PPS] [-b BATCH] [-d DSTMAC] [-q]
 *       sends COUNT Ethernet frames of SIZE bytes (Ethernet header included, no FCS) out of
 *       IFACE through an AF_PACKET socket with sendmmsg(2), as fast as possible (-r 0, the
 *       default) or paced by a token bucket at PPS frames per second; -q keeps the qdisc
 *       (by default PACKET_QDISC_BYPASS hands frames straight to the driver).
 *   gen -w FILE -n COUNT -s SIZE
 *       writes the same frames to a classic pcap file (microsecond timestamps, 1 us apart),
 *       so file benchmarks read exactly what the live ones send.
 *
 * Every frame is UDP over IPv4, 10.200.0.1 -> 10.200.0.2, destination port 9 (discard); the
 * source port varies from frame to frame (1024 + i mod 64512). The destination MAC defaults to a
 * locally administered address nobody owns, so the receiving stack drops the frame right after
 * the packet taps (PACKET_OTHERHOST) and the benchmark measures capture, not IP input.
 *
 * Prints one JSON line on stdout: {"sent":N,"size":S,"seconds":T,"pps":R,"retries":E}.
 * Errors: one line on stderr ("gen: Cannot ...") and exit status 1. SIGINT/SIGTERM stop the
 * sending early; the line then reports what was sent.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MIN_SIZE 42 /* Ethernet 14 + IPv4 20 + UDP 8 */
#define MAX_SIZE 65535
#define MAX_BATCH 1024
#define PORT_BASE 1024
#define PORT_SPAN 64512

static volatile sig_atomic_t stop_requested = 0;

static void on_signal(int sig) {
  (void)sig;
  stop_requested = 1;
}

static void die(const char *what, const char *detail) {
  fprintf(stderr, "gen: Cannot %s: %s\n", what, detail);
  exit(1);
}

static void usage(const char *problem) {
  fprintf(stderr,
          "gen: Cannot start: %s (usage: gen -i IFACE|-w FILE -n COUNT -s SIZE [-r PPS] "
          "[-b BATCH] [-d MAC] [-q])\n",
          problem);
  exit(1);
}

static unsigned long long parse_count(const char *text, const char *name) {
  char *end = NULL;
  errno = 0;
  unsigned long long v = strtoull(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || text[0] == '-') {
    char msg[160];
    snprintf(msg, sizeof msg, "%s \"%s\" is not a whole number", name, text);
    usage(msg);
  }
  return v;
}

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint16_t ipv4_checksum(const uint8_t *h, size_t len) {
  uint32_t sum = 0;
  for (size_t i = 0; i + 1 < len; i += 2) sum += (uint32_t)(h[i] << 8 | h[i + 1]);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return (uint16_t)~sum;
}

/* Lays out one frame of `size` bytes; the source port is patched per frame by set_port(). */
static void build_frame(uint8_t *f, size_t size, const uint8_t dst[6], const uint8_t src[6]) {
  memset(f, 0, size);
  memcpy(f, dst, 6);
  memcpy(f + 6, src, 6);
  f[12] = 0x08; /* ETH_P_IP */
  f[13] = 0x00;
  uint8_t *ip = f + 14;
  size_t ip_len = size - 14;
  ip[0] = 0x45;                    /* version 4, IHL 5 */
  ip[2] = (uint8_t)(ip_len >> 8);  /* total length */
  ip[3] = (uint8_t)ip_len;
  ip[8] = 64;                      /* TTL */
  ip[9] = 17;                      /* UDP */
  ip[12] = 10, ip[13] = 200, ip[14] = 0, ip[15] = 1;
  ip[16] = 10, ip[17] = 200, ip[18] = 0, ip[19] = 2;
  uint16_t sum = ipv4_checksum(ip, 20);
  ip[10] = (uint8_t)(sum >> 8);
  ip[11] = (uint8_t)sum;
  uint8_t *udp = ip + 20;
  size_t udp_len = ip_len - 20;
  udp[2] = 0, udp[3] = 9;          /* destination port: discard */
  udp[4] = (uint8_t)(udp_len >> 8);
  udp[5] = (uint8_t)udp_len;
  /* UDP checksum 0: "no checksum" in IPv4 (RFC 768), so the varying port needs no update. */
  for (size_t i = 42; i < size; i++) f[i] = (uint8_t)i;
}

static inline void set_port(uint8_t *f, unsigned long long i) {
  unsigned port = PORT_BASE + (unsigned)(i % PORT_SPAN);
  f[34] = (uint8_t)(port >> 8);
  f[35] = (uint8_t)port;
}

static void parse_mac(const char *text, uint8_t out[6]) {
  unsigned v[6];
  char tail;
  if (sscanf(text, "%x:%x:%x:%x:%x:%x%c", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &tail) != 6)
    usage("destination MAC must look like 02:00:00:00:00:02");
  for (int i = 0; i < 6; i++) {
    if (v[i] > 255) usage("destination MAC must look like 02:00:00:00:00:02");
    out[i] = (uint8_t)v[i];
  }
}

static void put32(FILE *f, uint32_t v) { fwrite(&v, 4, 1, f); } /* host order, as pcap allows */

static int write_file(const char *path, unsigned long long count, size_t size, const uint8_t dst[6]) {
  static const uint8_t src[6] = {0x02, 0, 0, 0, 0, 0x01};
  FILE *out = strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
  if (!out) die("open the output file", strerror(errno));
  static char buf[1 << 20];
  setvbuf(out, buf, _IOFBF, sizeof buf);
  uint8_t *frame = malloc(size);
  if (!frame) die("allocate a frame", strerror(errno));
  build_frame(frame, size, dst, src);
  /* pcap file header: magic, version 2.4, thiszone, sigfigs, snaplen, LINKTYPE_ETHERNET */
  put32(out, 0xa1b2c3d4);
  uint16_t ver[2] = {2, 4};
  fwrite(ver, 2, 2, out);
  put32(out, 0);
  put32(out, 0);
  put32(out, 262144);
  put32(out, 1);
  const uint32_t base_sec = 1700000000;
  for (unsigned long long i = 0; i < count; i++) {
    set_port(frame, i);
    put32(out, base_sec + (uint32_t)(i / 1000000));
    put32(out, (uint32_t)(i % 1000000));
    put32(out, (uint32_t)size);
    put32(out, (uint32_t)size);
    fwrite(frame, 1, size, out);
  }
  if (fflush(out) != 0 || ferror(out)) die("write the output file", strerror(errno));
  if (out != stdout) fclose(out);
  fprintf(stderr, "gen: wrote %llu frames of %zu bytes to %s\n", count, size, path);
  free(frame);
  return 0;
}

int main(int argc, char **argv) {
  const char *ifname = NULL, *file = NULL;
  unsigned long long count = 0, rate = 0, batch = 64;
  size_t size = 0;
  int have_count = 0, bypass = 1;
  uint8_t dst[6] = {0x02, 0, 0, 0, 0, 0x02};
  int opt;
  while ((opt = getopt(argc, argv, "i:w:n:s:r:b:d:q")) != -1) {
    switch (opt) {
      case 'i': ifname = optarg; break;
      case 'w': file = optarg; break;
      case 'n': count = parse_count(optarg, "count"), have_count = 1; break;
      case 's': size = (size_t)parse_count(optarg, "size"); break;
      case 'r': rate = parse_count(optarg, "rate"); break;
      case 'b': batch = parse_count(optarg, "batch"); break;
      case 'd': parse_mac(optarg, dst); break;
      case 'q': bypass = 0; break;
      default: usage("unknown option");
    }
  }
  if (optind != argc) usage("unexpected argument");
  if (!ifname == !file) usage("give exactly one of -i IFACE and -w FILE");
  if (!have_count) usage("missing -n COUNT");
  if (size < MIN_SIZE || size > MAX_SIZE) {
    char msg[120];
    snprintf(msg, sizeof msg, "size %zu is outside %d..%d bytes", size, MIN_SIZE, MAX_SIZE);
    usage(msg);
  }
  if (batch < 1 || batch > MAX_BATCH) usage("batch must be 1..1024");
  if (file) return write_file(file, count, size, dst);

  unsigned ifindex = if_nametoindex(ifname);
  if (ifindex == 0) {
    char msg[120];
    snprintf(msg, sizeof msg, "interface \"%s\": %s", ifname, strerror(errno));
    die("find the interface", msg);
  }
  /* Protocol 0: this socket only sends, so the kernel never queues received frames to it. */
  int fd = socket(AF_PACKET, SOCK_RAW, 0);
  if (fd < 0) die("open an AF_PACKET socket", errno == EPERM ? "EPERM (needs CAP_NET_RAW)" : strerror(errno));
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  snprintf(ifr.ifr_name, IFNAMSIZ, "%s", ifname);
  if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0) die("read the interface MAC", strerror(errno));
  uint8_t src[6];
  memcpy(src, ifr.ifr_hwaddr.sa_data, 6);
  if (bypass) {
    int one = 1;
    /* PACKET_QDISC_BYPASS (linux/if_packet.h): skip the qdisc layer, straight to the driver. */
    if (setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof one) < 0)
      die("set PACKET_QDISC_BYPASS", strerror(errno));
  }
  int sndbuf = 8 << 20;
  setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sndbuf, sizeof sndbuf); /* best effort */
  struct sockaddr_ll sll;
  memset(&sll, 0, sizeof sll);
  sll.sll_family = AF_PACKET;
  sll.sll_ifindex = (int)ifindex;
  sll.sll_protocol = 0;
  if (bind(fd, (struct sockaddr *)&sll, sizeof sll) < 0) die("bind the socket", strerror(errno));
  sll.sll_protocol = htons(ETH_P_IP);
  sll.sll_halen = 6;
  memcpy(sll.sll_addr, dst, 6);

  uint8_t *frames = malloc(batch * size);
  struct mmsghdr *msgs = calloc(batch, sizeof *msgs);
  struct iovec *iov = calloc(batch, sizeof *iov);
  if (!frames || !msgs || !iov) die("allocate the send batch", strerror(errno));
  for (unsigned long long k = 0; k < batch; k++) {
    build_frame(frames + k * size, size, dst, src);
    iov[k].iov_base = frames + k * size;
    iov[k].iov_len = size;
    msgs[k].msg_hdr.msg_iov = &iov[k];
    msgs[k].msg_hdr.msg_iovlen = 1;
    msgs[k].msg_hdr.msg_name = &sll;
    msgs[k].msg_hdr.msg_namelen = sizeof sll;
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);

  unsigned long long sent = 0, retries = 0;
  const double t0 = now_seconds();
  double last = t0;
  while (sent < count && !stop_requested) {
    unsigned long long want = count - sent;
    if (want > batch) want = batch;
    if (rate > 0) {
      /* Token bucket, one token per frame at `rate` per second, depth one batch: spin when the
         next token is near, nanosleep when it is far, so low rates cost little CPU. */
      double now = now_seconds();
      double tokens = (now - t0) * (double)rate - (double)sent + 1.0;
      if (tokens < 1.0) {
        double wait = (1.0 - tokens) / (double)rate;
        if (wait > 200e-6) {
          struct timespec ts = {0, (long)((wait - 100e-6) * 1e9)};
          nanosleep(&ts, NULL);
        }
        continue;
      }
      if ((double)want > tokens) want = (unsigned long long)tokens;
    }
    for (unsigned long long k = 0; k < want; k++) set_port(frames + k * size, sent + k);
    int r = sendmmsg(fd, msgs, (unsigned)want, 0);
    if (r < 0) {
      if (errno == ENOBUFS || errno == EAGAIN || errno == EINTR) {
        retries++;
        if (errno != EINTR) {
          struct timespec ts = {0, 20000};
          nanosleep(&ts, NULL);
        }
        continue;
      }
      die("send frames", errno == EMSGSIZE ? "EMSGSIZE (frame larger than the interface MTU)" : strerror(errno));
    }
    sent += (unsigned long long)r;
    last = now_seconds();
  }
  double seconds = last - t0;
  printf("{\"sent\":%llu,\"size\":%zu,\"seconds\":%.6f,\"pps\":%.0f,\"retries\":%llu}\n", sent, size,
         seconds, seconds > 0 ? (double)sent / seconds : 0.0, retries);
  close(fd);
  return 0;
}
