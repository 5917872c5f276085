/*
 * tpacket shim: thin wrappers over the system calls a capture needs.
 *
 * Every function returns >= 0 on success or -errno on failure, so the caller
 * never reads the thread-local errno (Deno runs nonblocking FFI calls on
 * another thread, where errno would not be the caller's).
 *
 * Built by ffi/build.ts: cc -O2 -shared -fPIC -o ffi/build/libtpacket.so ffi/shim.c
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#include <linux/filter.h>

#define RET(expr) do { long r_ = (long)(expr); return r_ < 0 ? -errno : (int)r_; } while (0)

int pk_socket(int domain, int type, int protocol) {
  RET(socket(domain, type, protocol));
}

int pk_setsockopt(int fd, int level, int name, const void *value, uint32_t len) {
  RET(setsockopt(fd, level, name, value, (socklen_t)len));
}

/* Returns the length the kernel wrote. */
int pk_getsockopt(int fd, int level, int name, void *value, uint32_t len) {
  socklen_t l = (socklen_t)len;
  if (getsockopt(fd, level, name, value, &l) < 0) return -errno;
  return (int)l;
}

int pk_bind(int fd, const void *addr, uint32_t len) {
  RET(bind(fd, (const struct sockaddr *)addr, (socklen_t)len));
}

/* Maps len bytes of fd shared read-write; the address goes to *out. */
int pk_mmap(int fd, uint64_t len, void **out) {
  void *p = mmap(NULL, (size_t)len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (p == MAP_FAILED) return -errno;
  *out = p;
  return 0;
}

int pk_munmap(void *addr, uint64_t len) {
  RET(munmap(addr, (size_t)len));
}

/*
 * Waits for fd to become readable or for efd to be signalled.
 * Returns fd's revents in bits 0-15 and efd's revents in bits 16-31
 * (0 on timeout), or -errno.
 */
int pk_poll(int fd, int efd, int timeout_ms) {
  struct pollfd p[2] = {{fd, POLLIN, 0}, {efd, POLLIN, 0}};
  int n = poll(p, 2, timeout_ms);
  if (n < 0) return -errno;
  return (p[0].revents & 0xffff) | ((p[1].revents & 0x7fff) << 16);
}

/*
 * Sleeps ns nanoseconds, or less when efd is signalled first: ppoll(2) of efd alone, so a
 * break, close or abort still ends the sleep at once while the socket's wake-ups are left
 * for later (a coalesced wait: capture/wait.ts). Returns efd's revents in bits 16-30 as
 * pk_poll does (0 when the time passed), or -errno.
 */
int pk_nap(int efd, double ns) {
  struct pollfd p = {efd, POLLIN, 0};
  if (!(ns > 0)) ns = 0;
  if (ns > 1e12) ns = 1e12;
  struct timespec t;
  t.tv_sec = (time_t)(ns / 1e9);
  t.tv_nsec = (long)(ns - (double)t.tv_sec * 1e9);
  int n = ppoll(&p, 1, &t, NULL);
  if (n < 0) return -errno;
  return (p.revents & 0x7fff) << 16;
}

int pk_eventfd(void) {
  RET(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
}

int pk_eventfd_signal(int efd) {
  uint64_t one = 1;
  RET(write(efd, &one, sizeof one));
}

/* Resets the counter; 0 when it was already zero. */
int pk_eventfd_drain(int efd) {
  uint64_t v;
  ssize_t n = read(efd, &v, sizeof v);
  if (n < 0) return errno == EAGAIN ? 0 : -errno;
  return 1;
}

int pk_ioctl(int fd, uint64_t request, void *arg) {
  RET(ioctl(fd, (unsigned long)request, arg));
}

/* SIOCETHTOOL with a struct ethtool_value {cmd, data}: the data word, or -errno. */
int pk_ethtool_get(int fd, const char *ifname, uint32_t cmd) {
  struct { char name[16]; void *data; char pad[16]; } ifr;
  uint32_t value[2] = {cmd, 0};
  memset(&ifr, 0, sizeof ifr);
  strncpy(ifr.name, ifname, sizeof ifr.name - 1);
  ifr.data = value;
  if (ioctl(fd, 0x8946 /* SIOCETHTOOL */, &ifr) < 0) return -errno;
  return (int)value[1];
}

int pk_attach_filter(int fd, const void *insns, uint32_t count) {
  struct sock_fprog prog = {(unsigned short)count, (struct sock_filter *)insns};
  RET(setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog));
}

int pk_send(int fd, const void *buf, uint64_t len) {
  RET(send(fd, buf, (size_t)len, 0));
}

/* A file for a writer of ring memory (pk_writev): open(2) with a mode. */
int pk_open(const char *path, int flags, int mode) {
  RET(open(path, flags, (mode_t)mode));
}

/* writev(2) of count struct iovec; the bytes written (a ssize_t) or -errno. */
int64_t pk_writev(int fd, const void *iov, int count) {
  ssize_t r = writev(fd, (const struct iovec *)iov, count);
  return r < 0 ? -errno : (int64_t)r;
}

/* Records at most this long are copied beside their header; longer ones stay in the ring. */
#define PK_COPY_MAX 256

/*
 * memcpy of n <= PK_COPY_MAX bytes in 16-byte pieces, the last one ending at n (overlapping
 * the one before): gcc inlines memcpy of a size it knows is small as `rep movsq`, whose
 * start-up costs more than the copy at 64 bytes; 1800 of those a 256 KiB block of 64-byte
 * frames were half of sniff -w's CPU (perf: 58 % of pk_write_records on that instruction).
 */
static inline void pk_copy_short(uint8_t *dst, const uint8_t *src, uint32_t n) {
  if (n < 16) {
    if (n >= 8) {
      __builtin_memcpy(dst, src, 8);
      __builtin_memcpy(dst + n - 8, src + n - 8, 8);
    } else {
      for (uint32_t k = 0; k < n; k++) dst[k] = src[k];
    }
    return;
  }
  uint32_t k = 0;
  for (; k + 16 < n; k += 16) __builtin_memcpy(dst + k, src + k, 16);
  __builtin_memcpy(dst + n - 16, src + n - 16, 16);
}

/* writev(2) of every iovec, retrying EINTR and short writes; the bytes written or -errno. */
static int64_t pk_writev_all(int fd, struct iovec *iov, int n) {
  int64_t total = 0;
  while (n > 0) {
    ssize_t r = writev(fd, iov, n);
    if (r < 0) {
      if (errno == EINTR) continue;
      return -errno;
    }
    if (r == 0) return -EIO;
    total += r;
    while (n > 0 && (size_t)r >= iov->iov_len) {
      r -= (ssize_t)iov->iov_len;
      iov++;
      n--;
    }
    if (n > 0) {
      iov->iov_base = (uint8_t *)iov->iov_base + r;
      iov->iov_len -= (size_t)r;
    }
  }
  return total;
}

/*
 * Writes count classic pcap records: record i is caps[i] bytes at base + offs[i], with the
 * header {secs[i], nsecs[i] (/ 1000 when micro), caps[i], wires[i]} in host order. Short
 * records are copied beside their header into scratch (as stdio would); longer ones are
 * written from where they lie. One writev(2) per IOV_MAX pieces or full scratch. Returns the
 * bytes written, or -errno (what was written before the error stays written).
 */
int64_t pk_write_records(int fd, const uint8_t *base, const uint32_t *offs,
                         const uint32_t *caps, const uint32_t *wires, const uint32_t *secs,
                         const uint32_t *nsecs, uint32_t count, int micro, uint8_t *scratch,
                         uint32_t scratch_len) {
  struct iovec iov[1024];
  int n = 0;
  uint32_t used = 0;
  int64_t total = 0;
  for (uint32_t i = 0; i < count; i++) {
    uint32_t cap = caps[i];
    uint32_t in_scratch = 16 + (cap <= PK_COPY_MAX ? cap : 0);
    if (n + 2 > 1024 || used + in_scratch > scratch_len) {
      int64_t r = pk_writev_all(fd, iov, n);
      if (r < 0) return r;
      total += r;
      n = 0;
      used = 0;
    }
    uint8_t *p = scratch + used;
    uint32_t h[4] = {secs[i], micro ? nsecs[i] / 1000 : nsecs[i], cap, wires[i]};
    memcpy(p, h, 16);
    if (cap <= PK_COPY_MAX) pk_copy_short(p + 16, base + offs[i], cap);
    /* A piece of scratch right after the previous one grows it instead of taking an iovec. */
    if (n > 0 && (uint8_t *)iov[n - 1].iov_base + iov[n - 1].iov_len == p) {
      iov[n - 1].iov_len += in_scratch;
    } else {
      iov[n].iov_base = p;
      iov[n].iov_len = in_scratch;
      n++;
    }
    used += in_scratch;
    if (cap > PK_COPY_MAX) {
      iov[n].iov_base = (void *)(base + offs[i]);
      iov[n].iov_len = cap;
      n++;
    }
  }
  if (n > 0) {
    int64_t r = pk_writev_all(fd, iov, n);
    if (r < 0) return r;
    total += r;
  }
  return total;
}

/* struct tpacket3_hdr and struct sockaddr_ll, as ring/layout.ts names their fields. */
#define PK_TP3_NEXT 0
#define PK_TP3_SEC 4
#define PK_TP3_NSEC 8
#define PK_TP3_SNAPLEN 12
#define PK_TP3_LEN 16
#define PK_TP3_STATUS 20
#define PK_TP3_MAC 24
#define PK_TP3_VLAN_TCI 32
#define PK_TP3_VLAN_TPID 36
#define PK_SLL_OFF 48 /* TPACKET_ALIGN(sizeof(struct tpacket3_hdr)) */
#define PK_TP3_HDRLEN 68 /* PK_SLL_OFF + sizeof(struct sockaddr_ll) */
#define PK_SLL_IFINDEX 4
#define PK_SLL_PKTTYPE 10
#define PK_SLL_PROTOCOL 2 /* __be16 */
#define PK_PACKET_OUTGOING 4
#define PK_STATUS_VLAN_VALID (1u << 4)
#define PK_STATUS_VLAN_TPID_VALID (1u << 6)
/* pk_walk_v3 flags */
#define PK_WALK_IN 1
#define PK_WALK_OUT 2
#define PK_WALK_MICRO 4

static inline uint32_t pk_rd32(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

static inline uint16_t pk_rd16(const uint8_t *p) {
  uint16_t v;
  memcpy(&v, p, 2);
  return v;
}

/*
 * The walk reads each frame's header at the offset the one before gives: a chain of loads
 * the hardware cannot run ahead of, into a block the kernel wrote from another core (perf:
 * 57 % of the walker's samples on a header's first load). For frames of a stride up to
 * PK_PREFETCH_STRIDE the walk asks for the three cache lines PK_PREFETCH_AHEAD bytes ahead
 * while it reads this one (a 64-byte frame's stride is 160 bytes: every line, so a file
 * writer after the walk finds the frame bytes in the cache too). Measured, sniff -w /dev/null
 * at 64 B, 250k/s, ns/packet of the process: 2 lines 4 KiB ahead for every frame 47 47 32,
 * 3 lines 1 KiB ahead 28 33 28, 3 lines 4 KiB ahead 41 32 29 (the 2 lines' walk of a 256
 * KiB block of 64-byte frames: ~25 us, ~56 without). Larger frames are left alone: there
 * the lines ahead are frame bytes a file writer hands to the kernel unread, and prefetching
 * them measured slower (1500 B, 3 lines 1 KiB ahead: 195/226 -> 254/285 ns a packet).
 */
#define PK_PREFETCH_STRIDE 512
#define PK_PREFETCH_AHEAD 1024

/*
 * Lists the frames of one TPACKET_V3 block (block_size bytes at block) into batch columns,
 * exactly as ring/ring.ts's V3Ring.nextBatch does for frames without a cooked header: the
 * `left` frames from byte `pos` on, with libpcap's checks (a frame off the 8-byte grid, past
 * the block, with a next offset inside its own data or its data before the header is
 * corrupt: the rest of the block is dropped), the direction (flags PK_WALK_IN/OUT; an
 * outgoing frame on ifindex lo_index is the loopback copy), a stripped VLAN tag written back
 * in front of the EtherType when the headroom is there, the snaplen, and microsecond
 * rounding (PK_WALK_MICRO). Column k of room entries: offsets (from the block's start),
 * capture lengths, wire lengths, seconds, nanoseconds; with meta (else NULL), three more
 * of room entries (see pk_walk_v3_frames). Returns the frames listed, or -(listed + 1) when a
 * corrupt frame ended the walk.
 */
static inline int pk_walk_v3_cols(uint8_t *block, uint32_t block_size, uint32_t pos,
                                  uint32_t left, uint32_t snap_len, int32_t lo_index,
                                  uint32_t flags, uint32_t *cols, uint32_t room,
                                  uint32_t *bytes, uint32_t *meta) {
  uint32_t total = 0; /* capture lengths of frames inside one block: less than its size */
  uint32_t *offs = cols, *caps = cols + room, *wires = cols + 2 * (size_t)room;
  uint32_t *secs = cols + 3 * (size_t)room, *nsecs = cols + 4 * (size_t)room;
  uint32_t count = 0;
  uint64_t at = pos;
  if (left > room) left = room; /* the caller sizes room >= left; never write past it */
  while (left > 0) {
    left--;
    if ((at & 7) != 0 || at + PK_TP3_HDRLEN > block_size) {
      *bytes = total;
      return -(int)(count + 1);
    }
    const uint8_t *h = block + at;
    uint32_t snaplen = pk_rd32(h + PK_TP3_SNAPLEN);
    uint32_t mac = pk_rd16(h + PK_TP3_MAC);
    uint32_t next = pk_rd32(h + PK_TP3_NEXT);
    if (left > 0 && (uint64_t)next < (uint64_t)mac + snaplen) {
      *bytes = total;
      return -(int)(count + 1);
    }
    /* Small frames: the lines ahead (see PK_PREFETCH_AHEAD). */
    if (next <= PK_PREFETCH_STRIDE && at + PK_PREFETCH_AHEAD + 192 <= block_size) {
      __builtin_prefetch(h + PK_PREFETCH_AHEAD);
      __builtin_prefetch(h + PK_PREFETCH_AHEAD + 64);
      __builtin_prefetch(h + PK_PREFETCH_AHEAD + 128);
    }
    uint64_t here = at;
    at += next;
    if (mac < PK_TP3_HDRLEN || here + mac + snaplen > block_size) {
      *bytes = total;
      return -(int)(count + 1);
    }
    const uint8_t *sll = h + PK_SLL_OFF;
    if (sll[PK_SLL_PKTTYPE] == PK_PACKET_OUTGOING) {
      if (!(flags & PK_WALK_OUT) || (int32_t)pk_rd32(sll + PK_SLL_IFINDEX) == lo_index) continue;
    } else if (!(flags & PK_WALK_IN)) {
      continue;
    }
    uint32_t status = pk_rd32(h + PK_TP3_STATUS);
    uint32_t tci = pk_rd32(h + PK_TP3_VLAN_TCI);
    uint32_t start = (uint32_t)here + mac, cap = snaplen, wire = pk_rd32(h + PK_TP3_LEN);
    uint32_t vlan = 0xffffffffu; /* none; else tci | tpid << 16 */
    if (tci != 0 || (status & PK_STATUS_VLAN_VALID) != 0) {
      /* libpcap's VLAN write-back, where the 4 bytes of headroom are there. */
      uint32_t tpid = pk_rd16(h + PK_TP3_VLAN_TPID);
      if (tpid == 0 && (status & PK_STATUS_VLAN_TPID_VALID) == 0) tpid = 0x8100;
      tci &= 0xffff;
      vlan = tci | tpid << 16;
      if (snaplen >= 12 && (uint64_t)start >= here + PK_TP3_HDRLEN + 4) {
        uint8_t *d = block + start - 4;
        memmove(d, d + 4, 12);
        d[12] = (uint8_t)(tpid >> 8);
        d[13] = (uint8_t)tpid;
        d[14] = (uint8_t)(tci >> 8);
        d[15] = (uint8_t)tci;
        start -= 4;
        cap += 4;
        wire += 4;
      }
    }
    uint32_t nsec = pk_rd32(h + PK_TP3_NSEC);
    offs[count] = start;
    caps[count] = cap > snap_len ? snap_len : cap;
    wires[count] = wire;
    secs[count] = pk_rd32(h + PK_TP3_SEC);
    nsecs[count] = (flags & PK_WALK_MICRO) ? nsec - nsec % 1000 : nsec;
    if (meta != NULL) {
      meta[count] = pk_rd32(sll + PK_SLL_IFINDEX);
      meta[room + count] = (uint32_t)sll[PK_SLL_PKTTYPE] |
                           ((uint32_t)sll[PK_SLL_PROTOCOL] << 16) |
                           ((uint32_t)sll[PK_SLL_PROTOCOL + 1] << 8);
      meta[2 * (size_t)room + count] = vlan;
    }
    total += caps[count];
    count++;
  }
  *bytes = total;
  return (int)count;
}

static inline int pk_walk_v3_sum(uint8_t *block, uint32_t block_size, uint32_t pos,
                                 uint32_t left, uint32_t snap_len, int32_t lo_index,
                                 uint32_t flags, uint32_t *cols, uint32_t room,
                                 uint32_t *bytes) {
  return pk_walk_v3_cols(block, block_size, pos, left, snap_len, lo_index, flags, cols, room,
                         bytes, NULL);
}

int pk_walk_v3(uint8_t *block, uint32_t block_size, uint32_t pos, uint32_t left,
               uint32_t snap_len, int32_t lo_index, uint32_t flags, uint32_t *cols,
               uint32_t room) {
  uint32_t bytes;
  return pk_walk_v3_sum(block, block_size, pos, left, snap_len, lo_index, flags, cols, room,
                        &bytes);
}

/*
 * pk_walk_v3 for a reader that hands the frames out one by one (V3Ring.dispatch, loop()):
 * cols holds 8 columns of room entries, pk_walk_v3's five, then each frame's sll_ifindex,
 * sll_pkttype | host-order sll_protocol << 8, and its VLAN tag as tci | tpid << 16
 * (0xffffffff: none), what the frame object carries besides.
 */
int pk_walk_v3_frames(uint8_t *block, uint32_t block_size, uint32_t pos, uint32_t left,
                      uint32_t snap_len, int32_t lo_index, uint32_t flags, uint32_t *cols,
                      uint32_t room) {
  uint32_t bytes;
  return pk_walk_v3_cols(block, block_size, pos, left, snap_len, lo_index, flags, cols, room,
                         &bytes, cols + 5 * (size_t)room);
}

/* struct tpacket_block_desc (its v1 header), as ring/layout.ts's BLOCK_DESC names the fields. */
#define PK_BD_STATUS 8
#define PK_BD_NUM_PKTS 12
#define PK_BD_FIRST 16
#define PK_BD_SIZE 48
#define PK_TP_STATUS_USER 1u

/* pk_take_v3's context words (ring/ring.ts's TAKE). */
enum {
  PK_TAKE_FD,
  PK_TAKE_EFD,
  PK_TAKE_BLOCK_SIZE,
  PK_TAKE_SNAP_LEN,
  PK_TAKE_LO_INDEX,
  PK_TAKE_FLAGS,
  PK_TAKE_MAX_FRAMES,
  PK_TAKE_POLLED,
  PK_TAKE_BYTES,
  PK_TAKE_CLOCK = 10, /* a double: CLOCK_MONOTONIC in ms at the call's end */
};
#define PK_TAKE_NONE INT32_MIN

/*
 * One visit of a TPACKET_V3 ring's cursor block, for a reader with a thread of its own (the
 * worker engine): a wait and a walk in one call. When the block (ctx[BLOCK_SIZE] bytes at
 * block) is not user-owned, polls the socket and the eventfd (ctx[FD], ctx[EFD]) as pk_poll
 * does, for timeout_ms at most (0: a look without a wait): ctx[POLLED] is then pk_poll's result, else
 * -1 (no poll was made; pk_poll's results are never -1: EPERM is not one of poll's). Once the
 * block is user-owned (an acquire load of block_status), and unless the poll reported anything
 * but POLLIN on the socket alone (the eventfd, an error: the caller looks at that first), its
 * frames are listed into the columns as pk_walk_v3 lists them: num_pkts frames from
 * offset_to_first_pkt on, none when the descriptor is garbage as ring/ring.ts's V3Ring judges it
 * (a first frame inside the descriptor, more than ctx[MAX_FRAMES] frames); ctx[BYTES] is the sum
 * of their capture lengths. Returns the frames listed, -(listed + 1) after a corrupt frame, or
 * PK_TAKE_NONE when nothing was walked (not ready, the poll's news first, or more frames than
 * room: the caller walks that block itself). ctx[CLOCK] (a double) is pk_monotonic_ms() at the end.
 */
static int pk_take_v3_at(int32_t *ctx, uint8_t *block, uint32_t *cols, uint32_t room,
                         int timeout_ms) {
  uint32_t *status = (uint32_t *)(block + PK_BD_STATUS);
  ctx[PK_TAKE_POLLED] = -1;
  if ((__atomic_load_n(status, __ATOMIC_ACQUIRE) & PK_TP_STATUS_USER) == 0) {
    int r = pk_poll(ctx[PK_TAKE_FD], ctx[PK_TAKE_EFD], timeout_ms);
    ctx[PK_TAKE_POLLED] = r;
    if (r <= 0 || r != (r & POLLIN)) return PK_TAKE_NONE;
    if ((__atomic_load_n(status, __ATOMIC_ACQUIRE) & PK_TP_STATUS_USER) == 0) return PK_TAKE_NONE;
  }
  uint32_t left = pk_rd32(block + PK_BD_NUM_PKTS), first = pk_rd32(block + PK_BD_FIRST);
  if (left > room) return PK_TAKE_NONE;
  uint32_t bytes = 0;
  ctx[PK_TAKE_BYTES] = 0;
  if (left == 0 || first < PK_BD_SIZE || left > (uint32_t)ctx[PK_TAKE_MAX_FRAMES]) return 0;
  int n = pk_walk_v3_sum(block, (uint32_t)ctx[PK_TAKE_BLOCK_SIZE], first, left,
                         (uint32_t)ctx[PK_TAKE_SNAP_LEN], ctx[PK_TAKE_LO_INDEX],
                         (uint32_t)ctx[PK_TAKE_FLAGS], cols, room, &bytes);
  ctx[PK_TAKE_BYTES] = (int32_t)bytes;
  return n;
}

/* CLOCK_MONOTONIC in ms: Deno's performance.now() reads the same clock (from another origin). */
double pk_monotonic_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int pk_take_v3(int32_t *ctx, uint8_t *block, uint32_t *cols, uint32_t room, int timeout_ms) {
  int n = pk_take_v3_at(ctx, block, cols, room, timeout_ms);
  /* The caller's clock reading after a wake-up, without a call of its own into the runtime. */
  double now = pk_monotonic_ms();
  memcpy(ctx + PK_TAKE_CLOCK, &now, sizeof now);
  return n;
}

/*
 * sendmmsg(2) of count frames, frame i being lens[i] bytes at base + offs[i], in chunks of
 * 256. Returns how many frames the kernel took (fewer when it stopped early), or -errno when
 * it took none.
 */
int pk_sendmmsg(int fd, uint8_t *base, const uint32_t *offs, const uint32_t *lens,
                uint32_t count) {
  struct mmsghdr msgs[256];
  struct iovec iov[256];
  uint32_t done = 0;
  while (done < count) {
    uint32_t n = count - done > 256 ? 256 : count - done;
    memset(msgs, 0, n * sizeof msgs[0]);
    for (uint32_t i = 0; i < n; i++) {
      iov[i].iov_base = base + offs[done + i];
      iov[i].iov_len = lens[done + i];
      msgs[i].msg_hdr.msg_iov = &iov[i];
      msgs[i].msg_hdr.msg_iovlen = 1;
    }
    int r = sendmmsg(fd, msgs, n, 0);
    if (r < 0) return done > 0 ? (int)done : -errno;
    done += (uint32_t)r;
    if ((uint32_t)r < n) break;
  }
  return (int)done;
}

/*
 * Puts frames into a PACKET_TX_RING (TPACKET_V2 slots of frame_size bytes, frame_count of
 * them): frame i of the pool (lens[i] bytes at offs[i]) goes into slot (head + i) mod
 * frame_count, its data at data_off, tp_len set, then its status TP_STATUS_SEND_REQUEST stored
 * last with release order (the kernel reads tp_len and the data once it sees the status). The
 * caller knows the slots are free (it reaped them). Stops at the first frame longer than a
 * slot holds. Returns the frames put.
 */
int pk_tx_fill(uint8_t *ring, uint32_t frame_size, uint32_t frame_count, uint32_t head,
               const uint8_t *pool, const uint32_t *offs, const uint32_t *lens, uint32_t count,
               uint32_t data_off) {
  uint32_t i = 0;
  for (; i < count; i++) {
    if (lens[i] > frame_size - data_off) break;
    uint8_t *slot = ring + (size_t)head * frame_size;
    memcpy(slot + data_off, pool + offs[i], lens[i]);
    ((uint32_t *)slot)[1] = lens[i];
    __atomic_store_n((uint32_t *)slot, 1u /* TP_STATUS_SEND_REQUEST */, __ATOMIC_RELEASE);
    head = head + 1 == frame_count ? 0 : head + 1;
  }
  return (int)i;
}

/* CLOCK_MONOTONIC in nanoseconds (exact to the nanosecond for 104 days of uptime). */
double pk_monotonic_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

/* Sleeps until CLOCK_MONOTONIC reads ns (an absolute deadline: no drift); 0 or -errno. */
int pk_sleep_until(double ns) {
  struct timespec t;
  t.tv_sec = (time_t)(ns / 1e9);
  t.tv_nsec = (long)(ns - (double)t.tv_sec * 1e9);
  if (t.tv_nsec < 0) t.tv_nsec = 0;
  if (t.tv_nsec > 999999999) t.tv_nsec = 999999999;
  int r;
  do r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL); while (r == EINTR);
  return -r;
}

int pk_pagesize(void) {
  RET(sysconf(_SC_PAGESIZE));
}

int pk_close(int fd) {
  RET(close(fd));
}

/*
 * A waiter thread for a wait on the main thread: it blocks in pk_poll on fd and efd, then calls
 * a JavaScript callback made with Deno.UnsafeCallback.threadSafe, which wakes the event loop.
 * One wake costs a futex and the callback's hop instead of a nonblocking FFI call's trip
 * through the runtime's thread pool. The thread polls only when armed (pk_waiter_arm), so it
 * never spins while the ring stays ready between two waits. Armed with pk_waiter_nap, it
 * sleeps on efd alone for a while instead (pk_nap), then reports: a coalesced wait. Armed
 * with pk_waiter_watch, it naps until `want` TPACKET_V3 blocks from the reader's cursor on
 * are ready (it reads their block_status words, woken by the socket's edge-triggered events,
 * one per block the kernel hands over), or one of them was retired by its timer or says the
 * kernel dropped frames, or the time is up: a coalesced wait that ends as soon as its blocks
 * are there, however fast they come.
 *
 * Lifetime: the thread touches fd and efd only inside an armed poll or nap, whose result it
 * reports through the callback; once pk_waiter_stop ran and none is pending, the fds may be
 * closed (the epoll set of a watch holds no fd number: a closed file leaves it by itself).
 * It reads the ring only under its mutex while the ring is attached: pk_waiter_detach before
 * the ring is unmapped. The thread frees its state itself; after pk_waiter_stop the caller
 * must not use the pointer again.
 */
typedef void (*pk_wake_fn)(int32_t id, int32_t revents);

struct pk_waiter {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  pk_wake_fn wake;
  int fd, efd, id;
  int armed, timeout_ms, stop;
  double nap_ns; /* > 0: the armed wait is a pk_nap (or, with want > 0, a watch) this long */
  /* A watch (pk_waiter_watch): the ring (NULL once detached), the cursor, blocks wanted. */
  const uint8_t *ring;
  uint32_t block_size, block_count, cursor, want;
  int ep; /* the watch's epoll set (fd edge-triggered, efd), made on the first watch; else -1 */
};

#define PK_BLOCK_STATUS 8 /* offsetof(struct tpacket_block_desc, hdr.bh1.block_status) */
#define PK_TP_STATUS_USER 1u
#define PK_TP_STATUS_LOSING 4u
#define PK_TP_STATUS_BLK_TMO 32u

/*
 * Whether a watch is over: `want` blocks ready in a row from the cursor, or a ready one among
 * them retired by its timer (the traffic slowed: deliver now) or flagged TP_STATUS_LOSING
 * (the kernel is dropping: hurry), or the ring detached (the capture is closing).
 */
static int pk_watch_done(struct pk_waiter *w) {
  int done = 1;
  pthread_mutex_lock(&w->mu);
  if (w->ring != NULL) {
    uint32_t b = w->cursor, ready = 0;
    done = 0;
    while (ready < w->want) {
      const uint32_t *st = (const uint32_t *)(w->ring + (size_t)b * w->block_size +
                                              PK_BLOCK_STATUS);
      uint32_t status = __atomic_load_n(st, __ATOMIC_ACQUIRE);
      if ((status & PK_TP_STATUS_USER) == 0) break;
      if ((status & (PK_TP_STATUS_BLK_TMO | PK_TP_STATUS_LOSING)) != 0) {
        done = 1;
        break;
      }
      ready++;
      b = b + 1 == w->block_count ? 0 : b + 1;
    }
    if (ready >= w->want) done = 1;
  }
  pthread_mutex_unlock(&w->mu);
  return done;
}

/*
 * One watch of up to ns: returns POLLIN (bits 0-15) when it ended on the ring's blocks, efd's
 * revents in bits 16-30 when efd was signalled, the socket's error bits, 0 when the time
 * passed first, or -errno. Without an epoll set (none could be made) it is pk_poll's wait.
 */
static int pk_watch(struct pk_waiter *w, double ns) {
  if (w->ep < 0) {
    int ep = epoll_create1(EPOLL_CLOEXEC);
    /* No epoll set (EMFILE...): the plain wait, which ends at the first block. */
    if (ep < 0) return pk_poll(w->fd, w->efd, ns > 1e12 ? -1 : (int)(ns / 1e6) + 1);
    struct epoll_event e;
    memset(&e, 0, sizeof e);
    e.events = EPOLLIN | EPOLLET;
    e.data.u32 = 0;
    int r = epoll_ctl(ep, EPOLL_CTL_ADD, w->fd, &e);
    e.events = EPOLLIN;
    e.data.u32 = 1;
    if (r == 0) r = epoll_ctl(ep, EPOLL_CTL_ADD, w->efd, &e);
    if (r < 0) {
      close(ep);
      return pk_poll(w->fd, w->efd, ns > 1e12 ? -1 : (int)(ns / 1e6) + 1);
    }
    w->ep = ep;
  }
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  if (ns > 1e12) ns = 1e12;
  double end = (double)now.tv_sec * 1e9 + (double)now.tv_nsec + ns;
  for (;;) {
    /* Edges queued since the last watch are stale: the status words say what is ready. */
    if (pk_watch_done(w)) return POLLIN;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double left = end - ((double)now.tv_sec * 1e9 + (double)now.tv_nsec);
    if (left <= 0) return 0;
    /* Whole ms, rounded up (epoll_pwait2's ns need Linux 5.11 and glibc 2.35). */
    struct epoll_event ev[2];
    int n = epoll_wait(w->ep, ev, 2, (int)(left / 1e6) + 1);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -errno;
    }
    int r = 0;
    for (int i = 0; i < n; i++) {
      if (ev[i].data.u32 == 1) r |= (int)(ev[i].events & 0x7fff) << 16;
      else r |= (int)(ev[i].events & (POLLERR | POLLHUP | POLLNVAL));
    }
    if (r != 0) return r;
  }
}

static void *pk_waiter_main(void *arg) {
  struct pk_waiter *w = arg;
  pthread_mutex_lock(&w->mu);
  for (;;) {
    while (!w->armed && !w->stop) pthread_cond_wait(&w->cv, &w->mu);
    if (w->stop) break;
    w->armed = 0;
    int timeout_ms = w->timeout_ms;
    double nap_ns = w->nap_ns;
    int watch = w->want > 0;
    pthread_mutex_unlock(&w->mu);
    int r = nap_ns <= 0 ? pk_poll(w->fd, w->efd, timeout_ms)
            : watch     ? pk_watch(w, nap_ns)
                        : pk_nap(w->efd, nap_ns);
    /* Returns once JavaScript ran the callback (Deno's thread-safe callbacks block so). */
    w->wake(w->id, r);
    pthread_mutex_lock(&w->mu);
  }
  pthread_mutex_unlock(&w->mu);
  if (w->ep >= 0) close(w->ep);
  pthread_cond_destroy(&w->cv);
  pthread_mutex_destroy(&w->mu);
  free(w);
  return NULL;
}

/*
 * Keeps this library mapped until the process ends: Deno closes it when the runtime shuts
 * down, and a waiter thread still on its way out (stopped by the last close) would return
 * into unmapped code.
 */
static void pk_pin_library(void) {
  static int pinned;
  if (__atomic_exchange_n(&pinned, 1, __ATOMIC_ACQ_REL)) return;
  Dl_info info;
  if (dladdr((void *)pk_pin_library, &info) != 0 && info.dli_fname != NULL) {
    dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
  }
}

/* Starts a detached waiter thread for fd and efd; its handle goes to *out. 0 or -errno. */
int pk_waiter_start(int fd, int efd, int id, void *wake, void **out) {
  pk_pin_library();
  struct pk_waiter *w = calloc(1, sizeof *w);
  if (w == NULL) return -ENOMEM;
  w->wake = (pk_wake_fn)wake;
  w->fd = fd;
  w->efd = efd;
  w->id = id;
  w->ep = -1;
  pthread_mutex_init(&w->mu, NULL);
  pthread_cond_init(&w->cv, NULL);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&attr, 128 * 1024); /* it only polls */
  pthread_t t;
  int r = pthread_create(&t, &attr, pk_waiter_main, w);
  pthread_attr_destroy(&attr);
  if (r == 0) pthread_setname_np(t, "tpacket-wait"); /* how tests and ps tell it apart */
  if (r != 0) {
    pthread_cond_destroy(&w->cv);
    pthread_mutex_destroy(&w->mu);
    free(w);
    return -r;
  }
  *out = w;
  return 0;
}

/* One poll of fd and efd on the waiter thread, reported through the callback. */
int pk_waiter_arm(void *handle, int timeout_ms) {
  struct pk_waiter *w = handle;
  pthread_mutex_lock(&w->mu);
  w->timeout_ms = timeout_ms;
  w->nap_ns = 0;
  w->want = 0;
  w->armed = 1;
  pthread_cond_signal(&w->cv);
  pthread_mutex_unlock(&w->mu);
  return 0;
}

/* One pk_nap of ns on the waiter thread (efd alone), reported through the callback. */
int pk_waiter_nap(void *handle, double ns) {
  struct pk_waiter *w = handle;
  pthread_mutex_lock(&w->mu);
  w->nap_ns = ns > 0 ? ns : 1;
  w->want = 0;
  w->armed = 1;
  pthread_cond_signal(&w->cv);
  pthread_mutex_unlock(&w->mu);
  return 0;
}

/*
 * One watch of up to ns on the waiter thread (see pk_watch_done), reported through the
 * callback: the V3 ring of block_count blocks of block_size bytes mapped at ring, `want`
 * blocks (1 to block_count) from block `cursor` on. The thread keeps reading the ring until
 * pk_waiter_detach. 0, or -EINVAL for a geometry that does not fit.
 */
int pk_waiter_watch(void *handle, const uint8_t *ring, uint32_t block_size,
                    uint32_t block_count, uint32_t cursor, uint32_t want, double ns) {
  struct pk_waiter *w = handle;
  if (ring == NULL || block_size < 16 || (block_size & 15) != 0 || cursor >= block_count ||
      want < 1 || want > block_count) {
    return -EINVAL;
  }
  pthread_mutex_lock(&w->mu);
  w->ring = ring;
  w->block_size = block_size;
  w->block_count = block_count;
  w->cursor = cursor;
  w->want = want;
  w->nap_ns = ns > 0 ? ns : 1;
  w->armed = 1;
  pthread_cond_signal(&w->cv);
  pthread_mutex_unlock(&w->mu);
  return 0;
}

/* The ring is about to be unmapped: once this returns the thread never reads it again. */
int pk_waiter_detach(void *handle) {
  struct pk_waiter *w = handle;
  pthread_mutex_lock(&w->mu);
  w->ring = NULL;
  pthread_mutex_unlock(&w->mu);
  return 0;
}

/* Ends the thread once its armed poll (if any) has been reported; wake that poll through efd. */
int pk_waiter_stop(void *handle) {
  struct pk_waiter *w = handle;
  pthread_mutex_lock(&w->mu);
  w->stop = 1;
  pthread_cond_signal(&w->cv);
  pthread_mutex_unlock(&w->mu);
  return 0;
}

/*
 * ---- The flow table's batch counter (flows/table.ts) ----
 *
 * pk_flow_count counts the packets of a batch into a FlowTable's own typed arrays, exactly as
 * its TypeScript path (readFlowKey, hashKey, #apply, #insert) would, for the common cases: an
 * Ethernet frame of the rate bucket in progress, of a flow already in the table or a new one
 * while the table has a free slot. It stops at the first packet of any other case (a packet
 * of another rate bucket, a new flow in a full table) and returns its index, for the caller
 * to count in TypeScript and call again after it; count when it counted them all. The
 * table's scalars travel in st[] (PK_FT_S_*), read at the start and written back at the end.
 * The layout constants are flows/table.ts's; its equivalence test (flows/native_test.ts)
 * feeds random packet streams through both paths and compares every array.
 */
#define PK_FT_KEY_STRIDE 16
#define PK_FT_KEY_WORDS 11
#define PK_FT_HOT 8
#define PK_FT_HOT_LAST 4
#define PK_FT_HOT_META 7
#define PK_FT_COLD 11
#define PK_FT_COLD_FIRST 0
#define PK_FT_COLD_PERIOD 1
#define PK_FT_COLD_REV_FIRST 6
#define PK_FT_COLD_DIR_FIRST 7
#define PK_FT_COLD_DIR_LAST 9
#define PK_FT_META_INITIATOR (1 << 16)
#define PK_FT_META_LAST_REV (1 << 17)
#define PK_FT_META_FIRST_DUE (1 << 18)
#define PK_FT_META_SEEN (1 << 20)
#define PK_FT_MIX_ARP 256
#define PK_FT_MIX_OTHER 257
#define PK_FT_MIX_UNDECODABLE 258
#define PK_FT_KIND_IP 0
#define PK_FT_KIND_ARP 1
#define PK_FT_KIND_OTHER 2
#define PK_FT_KIND_UNDECODABLE 3
/* st[]: the table's scalars */
#define PK_FT_S_COUNT 0
#define PK_FT_S_MAX 1
#define PK_FT_S_FREE_TOP 2
#define PK_FT_S_HIGH_WATER 3
#define PK_FT_S_IDLE_DUE 4
#define PK_FT_S_FLOWS_MADE 5
#define PK_FT_S_PACKETS 6
#define PK_FT_S_WIRE_BYTES 7
#define PK_FT_S_IP_BYTES 8
#define PK_FT_S_NOW_MS 9
#define PK_FT_S_EPOCH 10
#define PK_FT_S_EPOCH_START 11
#define PK_FT_S_EPOCH_END 12
#define PK_FT_S_EPOCH_AT 13
#define PK_FT_S_IDLE_TIMEOUT 14
#define PK_FT_S_MASK 15
/* pk_flow_count's pipeline (packets ahead of the one counted), its ring of parsed keys */
#define PK_FT_ROWS_AHEAD 8
#define PK_FT_PARSE_AHEAD 16
#define PK_FT_BYTES_AHEAD 8
#define PK_FT_RING 32

/* The counter's loop at -O3 (GCC; -O2 otherwise): ~10 % fewer ns per packet measured. */
#if defined(__GNUC__) && !defined(__clang__)
#define PK_FT_OPT __attribute__((optimize("O3")))
#else
#define PK_FT_OPT
#endif

struct pk_fkey {
  uint32_t k[PK_FT_KEY_WORDS];
  uint32_t hash;
  int32_t kind;
  int32_t swapped;
  int32_t tcp_flags;
  int32_t icmp;
  int32_t protocol;
  int32_t v4;
  double ip_len;
  double time_ms;
};

static inline uint32_t pk_be32(const uint8_t *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static inline uint32_t pk_be16(const uint8_t *p) {
  return ((uint32_t)p[0] << 8) | p[1];
}

static inline int pk_vlan_tpid(uint32_t type) {
  return type == 0x8100 || type == 0x88a8 || type == 0x9100 || type == 0x9200;
}

/* flows/key.ts's readFlowKey for LINKTYPE_ETHERNET: the packet is b[start, start + cap). */
static inline __attribute__((always_inline)) int32_t pk_flow_key(
    const uint8_t *b, int64_t start, int64_t cap, int64_t wire_len, uint32_t if_index,
    struct pk_fkey *o) {
  int64_t have = start + cap, off = start;
  if (cap >= 54 && b[off + 12] == 0x08 && b[off + 13] == 0 && b[off + 14] == 0x45 &&
      ((b[off + 20] & 0x1f) | b[off + 21]) == 0 && (b[off + 23] == 17 || b[off + 23] == 6)) {
    /* The common frame, the same checks in a straight line: Ethernet, IPv4 with no options,
     * not a fragment, UDP or TCP, the whole transport header captured. */
    const uint8_t *ip = b + off + 14;
    int64_t wire = (wire_len > cap ? wire_len : cap) - 14;
    int64_t total_len = ((int64_t)ip[2] << 8) | ip[3];
    if (total_len == 0) total_len = wire;
    int32_t protocol = ip[9];
    int64_t need = protocol == 6 ? 34 : 24; /* IP header + the transport bytes read */
    if (total_len >= need && total_len <= wire) {
      uint32_t src = pk_be32(ip + 12), dst = pk_be32(ip + 16);
      uint32_t sp = pk_be16(ip + 20), dp = pk_be16(ip + 22);
      uint32_t *k = o->k;
      o->ip_len = (double)total_len;
      o->v4 = 1;
      o->protocol = protocol;
      o->tcp_flags = protocol == 6 ? ip[33] : 0;
      o->icmp = -1;
      int swapped = src > dst || (src == dst && sp > dp);
      o->swapped = swapped;
      k[0] = swapped ? dst : src;
      k[4] = swapped ? src : dst;
      k[1] = k[2] = k[3] = k[5] = k[6] = k[7] = 0;
      k[8] = swapped ? (dp << 16) | sp : (sp << 16) | dp;
      k[9] = ((uint32_t)protocol << 12) | (4u << 20);
      k[10] = if_index;
      return PK_FT_KIND_IP;
    }
  }
  if (cap < 14) return PK_FT_KIND_UNDECODABLE;
  uint32_t type = pk_be16(b + off + 12);
  off += 14;
  uint32_t vlan = 0;
  for (int tags = 0; pk_vlan_tpid(type) && tags < 3; tags++) {
    if (have < off + 4) return PK_FT_KIND_UNDECODABLE;
    if (tags == 0) vlan = pk_be16(b + off) & 0x0fff;
    type = pk_be16(b + off + 2);
    off += 4;
  }
  if (type < 0x0600 && have >= off + 8 && b[off] == 0xaa && b[off + 1] == 0xaa) {
    if (b[off + 2] == 0x03 && b[off + 3] == 0 && b[off + 4] == 0 && b[off + 5] == 0) {
      type = pk_be16(b + off + 6);
      off += 8;
    }
  }
  if (type == 0x0806 || type == 0x8035) return PK_FT_KIND_ARP;
  if (type != 0x0800 && type != 0x86dd) return PK_FT_KIND_OTHER;
  if (have <= off) return PK_FT_KIND_UNDECODABLE;
  uint32_t version = b[off] >> 4;
  if (type == 0x0800 && version != 4) return PK_FT_KIND_UNDECODABLE;
  if (type == 0x86dd && version != 6) return PK_FT_KIND_UNDECODABLE;
  int64_t wire = (wire_len > cap ? wire_len : cap) - (off - start);
  uint32_t *k = o->k;
  int32_t protocol;
  int64_t l4, end;
  if (version == 4) {
    if (have < off + 20) return PK_FT_KIND_UNDECODABLE;
    int64_t header_len = (int64_t)(b[off] & 0x0f) * 4;
    int64_t total_len = pk_be16(b + off + 2);
    if (header_len < 20 || have < off + header_len) return PK_FT_KIND_UNDECODABLE;
    if (total_len == 0) total_len = wire;
    if (total_len < header_len || total_len > wire) return PK_FT_KIND_UNDECODABLE;
    o->ip_len = (double)total_len;
    o->v4 = 1;
    protocol = b[off + 9];
    l4 = ((b[off + 6] & 0x1f) | b[off + 7]) != 0 ? -1 : off + header_len;
    end = off + total_len < have ? off + total_len : have;
    uint32_t src = pk_be32(b + off + 12), dst = pk_be32(b + off + 16);
    o->swapped = src > dst;
    k[0] = o->swapped ? dst : src;
    k[4] = o->swapped ? src : dst;
    k[1] = k[2] = k[3] = k[5] = k[6] = k[7] = 0;
  } else {
    if (have < off + 40) return PK_FT_KIND_UNDECODABLE;
    int64_t payload_len = pk_be16(b + off + 4);
    int64_t ip_len = payload_len == 0 ? wire : 40 + payload_len;
    if (ip_len > wire) return PK_FT_KIND_UNDECODABLE;
    o->ip_len = (double)ip_len;
    o->v4 = 0;
    end = off + ip_len < have ? off + ip_len : have;
    protocol = b[off + 6];
    l4 = off + 40;
    for (int n = 0; n < 8; n++) {
      if (protocol != 0 && protocol != 43 && protocol != 60 && protocol != 44 && protocol != 51) {
        break;
      }
      if (end < l4 + 8) return PK_FT_KIND_UNDECODABLE;
      int32_t next = b[l4];
      if (protocol == 44) {
        if ((pk_be16(b + l4 + 2) & 0xfff8) != 0) {
          protocol = next;
          l4 = -1;
          break;
        }
        l4 += 8;
      } else if (protocol == 51) {
        l4 += ((int64_t)b[l4 + 1] + 2) * 4;
      } else {
        l4 += ((int64_t)b[l4 + 1] + 1) * 8;
      }
      protocol = next;
    }
    int order = 0;
    for (int i = 0; i < 16 && order == 0; i++) order = (int)b[off + 8 + i] - (int)b[off + 24 + i];
    o->swapped = order > 0;
    int64_t lo = o->swapped ? off + 24 : off + 8, hi = o->swapped ? off + 8 : off + 24;
    for (int w = 0; w < 4; w++) {
      k[w] = pk_be32(b + lo + w * 4);
      k[4 + w] = pk_be32(b + hi + w * 4);
    }
  }
  o->protocol = protocol;
  o->tcp_flags = 0;
  o->icmp = -1;
  uint32_t src_port = 0, dst_port = 0;
  if (l4 >= 0) {
    if (protocol == 6 || protocol == 17 || protocol == 132 || protocol == 136) {
      if (end < l4 + 4) return PK_FT_KIND_UNDECODABLE;
      src_port = pk_be16(b + l4);
      dst_port = pk_be16(b + l4 + 2);
      if (protocol == 6) {
        if (end < l4 + 14) return PK_FT_KIND_UNDECODABLE;
        o->tcp_flags = b[l4 + 13];
      }
    } else if (protocol == 1 || protocol == 58) {
      if (end < l4 + 2) return PK_FT_KIND_UNDECODABLE;
      o->icmp = (int32_t)pk_be16(b + l4);
    }
  }
  if (!o->swapped && k[0] == k[4] && k[1] == k[5] && k[2] == k[6] && k[3] == k[7]) {
    o->swapped = src_port > dst_port;
  }
  k[8] = o->swapped ? (dst_port << 16) | src_port : (src_port << 16) | dst_port;
  k[9] = vlan | ((uint32_t)protocol << 12) | ((o->v4 ? 4u : 6u) << 20);
  k[10] = if_index;
  return PK_FT_KIND_IP;
}

/* flows/table.ts's hashKey: FNV-1a over the key words, folded to 30 bits. */
static inline uint32_t pk_flow_hash(const uint32_t *key, int v4) {
  uint32_t h = 0x811c9dc5u;
  h = (h ^ key[0]) * 0x01000193u;
  if (!v4) {
    h = (h ^ key[1]) * 0x01000193u;
    h = (h ^ key[2]) * 0x01000193u;
    h = (h ^ key[3]) * 0x01000193u;
  }
  h = (h ^ key[4]) * 0x01000193u;
  if (!v4) {
    h = (h ^ key[5]) * 0x01000193u;
    h = (h ^ key[6]) * 0x01000193u;
    h = (h ^ key[7]) * 0x01000193u;
  }
  h = (h ^ key[8]) * 0x01000193u;
  h = (h ^ key[9]) * 0x01000193u;
  h = (h ^ key[10]) * 0x01000193u;
  return (h ^ (h >> 15)) & 0x3fffffffu;
}

PK_FT_OPT int32_t pk_flow_count(
    double *st, int32_t *index, uint32_t *keys, double *hot, double *cold, int32_t *icmps,
    double *born, const int32_t *free_slots, uint8_t *live, double *mix, double *rate,
    const uint8_t *bytes, const uint32_t *offs, const uint32_t *caps, const uint32_t *wires,
    const uint32_t *secs, const uint32_t *nsecs, uint32_t from, uint32_t count,
    uint32_t if_index) {
  double flows = st[PK_FT_S_COUNT], max_flows = st[PK_FT_S_MAX];
  int64_t free_top = (int64_t)st[PK_FT_S_FREE_TOP];
  int64_t high_water = (int64_t)st[PK_FT_S_HIGH_WATER];
  double idle_due = st[PK_FT_S_IDLE_DUE], made = st[PK_FT_S_FLOWS_MADE];
  double packets = st[PK_FT_S_PACKETS], wire_bytes = st[PK_FT_S_WIRE_BYTES];
  double ip_bytes = st[PK_FT_S_IP_BYTES], now_ms = st[PK_FT_S_NOW_MS];
  double epoch = st[PK_FT_S_EPOCH], epoch_start = st[PK_FT_S_EPOCH_START];
  double epoch_end = st[PK_FT_S_EPOCH_END], idle_timeout = st[PK_FT_S_IDLE_TIMEOUT];
  double *rate_at = rate + (int64_t)st[PK_FT_S_EPOCH_AT];
  uint32_t mask = (uint32_t)st[PK_FT_S_MASK];
  /*
   * A pipeline over the packets, so the cache misses of several overlap instead of stalling
   * one packet after another (a table far larger than the cache: 64k flows round-robin):
   * packet i is counted while i + PK_FT_ROWS_AHEAD has its flow's key and counters fetched,
   * i + PK_FT_PARSE_AHEAD is parsed (its index entry fetched) and the bytes of the one
   * PK_FT_BYTES_AHEAD beyond that are fetched.
   */
  struct pk_fkey ring[PK_FT_RING];
  uint32_t parsed = from, fetched = from, i = from;
  for (; i < count; i++) {
    uint32_t upto = count - i > PK_FT_PARSE_AHEAD ? i + PK_FT_PARSE_AHEAD + 1 : count;
    for (; parsed < upto; parsed++) {
      struct pk_fkey *a = &ring[parsed & (PK_FT_RING - 1)];
      uint32_t p = parsed;
      if (count - p > PK_FT_BYTES_AHEAD) {
        __builtin_prefetch(bytes + offs[p + PK_FT_BYTES_AHEAD]);
        __builtin_prefetch(bytes + offs[p + PK_FT_BYTES_AHEAD] + 48);
      }
      a->kind = pk_flow_key(bytes, offs[p], caps[p], wires[p], if_index, a);
      a->hash = a->kind == PK_FT_KIND_IP ? pk_flow_hash(a->k, a->v4) : 0;
      a->time_ms = (double)secs[p] * 1000 + (double)nsecs[p] / 1e6;
      __builtin_prefetch(&index[a->hash & mask]);
    }
    upto = count - i > PK_FT_ROWS_AHEAD ? i + PK_FT_ROWS_AHEAD + 1 : count;
    for (; fetched < upto; fetched++) {
      int32_t e = index[ring[fetched & (PK_FT_RING - 1)].hash & mask] - 1;
      if (e >= 0) {
        __builtin_prefetch(&keys[(size_t)e * PK_FT_KEY_STRIDE]);
        __builtin_prefetch(&hot[(size_t)e * PK_FT_HOT], 1);
      }
    }
    {
      const struct pk_fkey *a = &ring[i & (PK_FT_RING - 1)];
      double t = a->time_ms;
      if (!(t >= epoch_start && t < epoch_end)) goto out; /* another rate bucket */
      double wire_len = wires[i];
      if (a->kind != PK_FT_KIND_IP) {
        packets++;
        wire_bytes += wire_len;
        if (t > now_ms) now_ms = t;
        *rate_at += wire_len;
        int at = a->kind == PK_FT_KIND_ARP     ? PK_FT_MIX_ARP
                 : a->kind == PK_FT_KIND_OTHER ? PK_FT_MIX_OTHER
                                               : PK_FT_MIX_UNDECODABLE;
        mix[at * 2] += 1;
        mix[at * 2 + 1] += wire_len;
        continue;
      }
      const uint32_t *key = a->k;
      uint32_t h = a->hash, x = h & mask;
      int64_t slot = -1;
      for (;;) {
        int32_t e = index[x];
        if (e == 0) break;
        const uint32_t *kk = keys + (size_t)(e - 1) * PK_FT_KEY_STRIDE;
        if (kk[PK_FT_KEY_WORDS] == h && kk[0] == key[0] && kk[4] == key[4] && kk[8] == key[8] &&
            kk[9] == key[9] && kk[10] == key[10] &&
            (a->v4 || (kk[1] == key[1] && kk[2] == key[2] && kk[3] == key[3] &&
                       kk[5] == key[5] && kk[6] == key[6] && kk[7] == key[7]))) {
          slot = e - 1;
          break;
        }
        x = (x + 1) & mask;
      }
      if (slot < 0 && flows >= max_flows) goto out; /* a full table evicts: TypeScript's */
      packets++;
      wire_bytes += wire_len;
      if (t > now_ms) now_ms = t;
      *rate_at += wire_len;
      ip_bytes += a->ip_len;
      mix[a->protocol * 2] += 1;
      mix[a->protocol * 2 + 1] += a->ip_len;
      int32_t seen = PK_FT_META_SEEN;
      if (slot < 0) {
        /* #insert, with a free slot: x is the first empty position of the probe. */
        slot = free_slots[--free_top];
        if (slot >= high_water) high_water = slot + 1;
        index[x] = (int32_t)(slot + 1);
        uint32_t *kk = keys + (size_t)slot * PK_FT_KEY_STRIDE;
        for (int w = 0; w < PK_FT_KEY_WORDS; w++) kk[w] = key[w];
        kk[PK_FT_KEY_WORDS] = h;
        double *r = hot + (size_t)slot * PK_FT_HOT;
        for (int w = 0; w < PK_FT_HOT; w++) r[w] = 0;
        r[PK_FT_HOT_LAST] = t;
        born[slot] = epoch;
        r[PK_FT_HOT_META] = (a->swapped ? PK_FT_META_INITIATOR : 0) | (PK_FT_META_FIRST_DUE << 1);
        double *c = cold + (size_t)slot * PK_FT_COLD;
        for (int w = 0; w < PK_FT_COLD; w++) c[w] = 0;
        c[PK_FT_COLD_FIRST] = c[PK_FT_COLD_PERIOD] = t;
        c[PK_FT_COLD_DIR_FIRST] = t;
        icmps[slot * 2] = icmps[slot * 2 + 1] = -1;
        if (t + idle_timeout < idle_due) idle_due = t + idle_timeout;
        live[slot] = 1;
        flows++;
        made++;
        seen = 0;
      }
      double *r = hot + (size_t)slot * PK_FT_HOT;
      double last = r[PK_FT_HOT_LAST];
      int32_t meta = (int32_t)r[PK_FT_HOT_META];
      int32_t dir = (a->swapped ? 1 : 0) ^ ((meta >> 16) & 1);
      int32_t m = meta | (a->tcp_flags << (dir << 3)) | seen;
      if ((m & (PK_FT_META_FIRST_DUE << dir)) != 0 || ((m >> 17) & 1) != dir) {
        /* #directionTimes */
        double *c = cold + (size_t)slot * PK_FT_COLD;
        if ((m & (PK_FT_META_FIRST_DUE << dir)) != 0) {
          m &= ~(PK_FT_META_FIRST_DUE << dir);
          c[PK_FT_COLD_DIR_FIRST + dir] = t;
          if (dir == 1 && r[1] == 0) c[PK_FT_COLD_REV_FIRST] = t;
        }
        int32_t last_dir = (m >> 17) & 1;
        if (last_dir != dir) {
          if (t >= last) {
            c[PK_FT_COLD_DIR_LAST + last_dir] = last;
            m ^= PK_FT_META_LAST_REV;
          } else if (t > c[PK_FT_COLD_DIR_LAST + dir]) {
            c[PK_FT_COLD_DIR_LAST + dir] = t;
          }
        }
      }
      if (m != meta) r[PK_FT_HOT_META] = m;
      r[dir] += 1;
      r[2 + dir] += a->ip_len;
      if (a->icmp >= 0) icmps[slot * 2 + dir] = a->icmp;
      if (t > last) r[PK_FT_HOT_LAST] = t;
    }
  }
out:
  st[PK_FT_S_COUNT] = flows;
  st[PK_FT_S_FREE_TOP] = (double)free_top;
  st[PK_FT_S_HIGH_WATER] = (double)high_water;
  st[PK_FT_S_IDLE_DUE] = idle_due;
  st[PK_FT_S_FLOWS_MADE] = made;
  st[PK_FT_S_PACKETS] = packets;
  st[PK_FT_S_WIRE_BYTES] = wire_bytes;
  st[PK_FT_S_IP_BYTES] = ip_bytes;
  st[PK_FT_S_NOW_MS] = now_ms;
  return (int32_t)i;
}

/*
 * flows/table.ts's FlowTable.top() scan (windowTop / totalTop and heapPut there): the live
 * slots below `end` scored and put into the min-heap of the `cap` highest (heap_score,
 * heap_slot), the same comparisons in the same order, so the same heap. mode 0 scores a slot
 * by its bytes in the rate buckets `from` to `now - 1` (marks of row_len doubles a bucket, of
 * PK_FT_MARKS kept; the counters for a bucket still to begin, 0 for one before the flow was
 * born), 1 by its bytes and 2 by its packets both ways. Returns the heap's size, or -1 for a
 * bucket before 0 (the caller's own scan takes it).
 */
#define PK_FT_MARKS 21

static inline uint32_t pk_heap_put(double *heap_score, int32_t *heap_slot, uint32_t size,
                                   uint32_t cap, double score, int32_t slot) {
  uint32_t at;
  if (size < cap) {
    at = size++;
    while (at > 0 && heap_score[(at - 1) >> 1] > score) {
      uint32_t up = (at - 1) >> 1;
      heap_score[at] = heap_score[up];
      heap_slot[at] = heap_slot[up];
      at = up;
    }
  } else {
    at = 0;
    for (;;) {
      uint32_t l = 2 * at + 1;
      if (l >= size) break;
      uint32_t c = l + 1 < size && heap_score[l + 1] < heap_score[l] ? l + 1 : l;
      if (heap_score[c] >= score) break;
      heap_score[at] = heap_score[c];
      heap_slot[at] = heap_slot[c];
      at = c;
    }
  }
  heap_score[at] = score;
  heap_slot[at] = slot;
  return size;
}

PK_FT_OPT int32_t pk_flow_top(const double *hot, const double *born, const double *marks,
                              uint32_t row_len, const uint8_t *live, uint32_t end, int32_t mode,
                              double from_bucket, double now_bucket, double epoch_bucket,
                              double *heap_score, int32_t *heap_slot, uint32_t cap) {
  uint32_t size = 0;
  if (cap == 0) return 0;
  if (mode != 0) {
    uint32_t at = mode == 1 ? 2 : 0;
    for (uint32_t slot = 0; slot < end; slot++) {
      if (live[slot] == 0) continue;
      const double *r = hot + (size_t)slot * PK_FT_HOT;
      double score = r[at] + r[at + 1];
      if (size < cap || score > heap_score[0]) {
        size = pk_heap_put(heap_score, heap_slot, size, cap, score, (int32_t)slot);
      }
    }
    return (int32_t)size;
  }
  int64_t epoch = (int64_t)epoch_bucket, now = (int64_t)now_bucket, from = (int64_t)from_bucket;
  int64_t oldest = epoch - PK_FT_MARKS + 1;
  int64_t at_now = now < oldest ? oldest : now;
  int64_t at_from = from < oldest ? oldest : from;
  if (at_now < 0 || at_from < 0) return -1;
  int now_hot = now > epoch, from_hot = from > epoch;
  const double *row_now = marks + (size_t)(at_now % PK_FT_MARKS) * row_len;
  const double *row_from = marks + (size_t)(at_from % PK_FT_MARKS) * row_len;
  double atn = (double)at_now, atf = (double)at_from;
  for (uint32_t slot = 0; slot < end; slot++) {
    if (live[slot] == 0) continue;
    const double *r = hot + (size_t)slot * PK_FT_HOT;
    double b = born[slot];
    size_t m = (size_t)slot * 2;
    double e = now_hot ? r[2] + r[3] : atn <= b ? 0 : row_now[m] + row_now[m + 1];
    double f = from_hot ? r[2] + r[3] : atf <= b ? 0 : row_from[m] + row_from[m + 1];
    double score = e - f;
    if (size < cap || score > heap_score[0]) {
      size = pk_heap_put(heap_score, heap_slot, size, cap, score, (int32_t)slot);
    }
  }
  return (int32_t)size;
}
