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
    if (cap <= PK_COPY_MAX) memcpy(p + 16, base + offs[i], cap);
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
 * Lists the frames of one TPACKET_V3 block (block_size bytes at block) into batch columns,
 * exactly as ring/ring.ts's V3Ring.nextBatch does for frames without a cooked header: the
 * `left` frames from byte `pos` on, with libpcap's checks (a frame off the 8-byte grid, past
 * the block, with a next offset inside its own data or its data before the header is
 * corrupt: the rest of the block is dropped), the direction (flags PK_WALK_IN/OUT; an
 * outgoing frame on ifindex lo_index is the loopback copy), a stripped VLAN tag written back
 * in front of the EtherType when the headroom is there, the snaplen, and microsecond
 * rounding (PK_WALK_MICRO). Column k of room entries: offsets (from the block's start),
 * capture lengths, wire lengths, seconds, nanoseconds. Returns the frames listed, or
 * -(listed + 1) when a corrupt frame ended the walk.
 */
int pk_walk_v3(uint8_t *block, uint32_t block_size, uint32_t pos, uint32_t left,
               uint32_t snap_len, int32_t lo_index, uint32_t flags, uint32_t *cols,
               uint32_t room) {
  uint32_t *offs = cols, *caps = cols + room, *wires = cols + 2 * (size_t)room;
  uint32_t *secs = cols + 3 * (size_t)room, *nsecs = cols + 4 * (size_t)room;
  uint32_t count = 0;
  uint64_t at = pos;
  if (left > room) left = room; /* the caller sizes room >= left; never write past it */
  while (left > 0) {
    left--;
    if ((at & 7) != 0 || at + PK_TP3_HDRLEN > block_size) return -(int)(count + 1);
    const uint8_t *h = block + at;
    uint32_t snaplen = pk_rd32(h + PK_TP3_SNAPLEN);
    uint32_t mac = pk_rd16(h + PK_TP3_MAC);
    uint32_t next = pk_rd32(h + PK_TP3_NEXT);
    if (left > 0 && (uint64_t)next < (uint64_t)mac + snaplen) return -(int)(count + 1);
    uint64_t here = at;
    at += next;
    if (mac < PK_TP3_HDRLEN || here + mac + snaplen > block_size) return -(int)(count + 1);
    const uint8_t *sll = h + PK_SLL_OFF;
    if (sll[PK_SLL_PKTTYPE] == PK_PACKET_OUTGOING) {
      if (!(flags & PK_WALK_OUT) || (int32_t)pk_rd32(sll + PK_SLL_IFINDEX) == lo_index) continue;
    } else if (!(flags & PK_WALK_IN)) {
      continue;
    }
    uint32_t status = pk_rd32(h + PK_TP3_STATUS);
    uint32_t tci = pk_rd32(h + PK_TP3_VLAN_TCI);
    uint32_t start = (uint32_t)here + mac, cap = snaplen, wire = pk_rd32(h + PK_TP3_LEN);
    if (tci != 0 || (status & PK_STATUS_VLAN_VALID) != 0) {
      /* libpcap's VLAN write-back, where the 4 bytes of headroom are there. */
      uint32_t tpid = pk_rd16(h + PK_TP3_VLAN_TPID);
      if (tpid == 0 && (status & PK_STATUS_VLAN_TPID_VALID) == 0) tpid = 0x8100;
      tci &= 0xffff;
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
    count++;
  }
  return (int)count;
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
 * sleeps on efd alone for a while instead (pk_nap), then reports: a coalesced wait.
 *
 * Lifetime: the thread touches fd and efd only inside an armed poll or nap, whose result it
 * reports through the callback; once pk_waiter_stop ran and none is pending, the fds may be
 * closed. The thread frees its state itself; after pk_waiter_stop the caller must not use the
 * pointer again.
 */
typedef void (*pk_wake_fn)(int32_t id, int32_t revents);

struct pk_waiter {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  pk_wake_fn wake;
  int fd, efd, id;
  int armed, timeout_ms, stop;
  double nap_ns; /* > 0: the armed wait is a pk_nap of this long */
};

static void *pk_waiter_main(void *arg) {
  struct pk_waiter *w = arg;
  pthread_mutex_lock(&w->mu);
  for (;;) {
    while (!w->armed && !w->stop) pthread_cond_wait(&w->cv, &w->mu);
    if (w->stop) break;
    w->armed = 0;
    int timeout_ms = w->timeout_ms;
    double nap_ns = w->nap_ns;
    pthread_mutex_unlock(&w->mu);
    int r = nap_ns > 0 ? pk_nap(w->efd, nap_ns) : pk_poll(w->fd, w->efd, timeout_ms);
    /* Returns once JavaScript ran the callback (Deno's thread-safe callbacks block so). */
    w->wake(w->id, r);
    pthread_mutex_lock(&w->mu);
  }
  pthread_mutex_unlock(&w->mu);
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
  w->armed = 1;
  pthread_cond_signal(&w->cv);
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
