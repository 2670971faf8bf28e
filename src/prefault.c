/*
 * prefault.c - a second thread that faults in memory before the compiler
 * writes it.
 *
 * On the development VM the first write to a fresh page is the dearest
 * thing a big compile does (the kernel clears the page, and the host may
 * have to back it first): 35-40% of a profile.  The kernel clears a page in
 * the thread that faults it in, so a helper thread that faults in the
 * blocks the compiler is about to fill (the arena's next block) takes that
 * work off the compiling thread, onto the machine's other core.
 *
 * The helper only calls madvise(MADV_POPULATE_WRITE) (Linux >= 5.14): it
 * makes pages present and writable without writing to them, so it never
 * races with what the compiling thread writes, and it may even run over
 * memory already freed (the call then fails, harmlessly).  Where there is
 * no such call, no second core, or no thread, nothing is faulted in ahead
 * and the compiler runs as before, single-threaded.  ZENA_PREFAULT=0 turns
 * it off (for comparisons).
 */
#define _GNU_SOURCE /* MADV_POPULATE_WRITE */
#include "zena.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* The helper works in steps of one huge page, so that a newer request
 * (which is needed sooner) never waits long behind an older one. */
enum { STEP = 2 * 1024 * 1024, MAX_REQUESTS = 64 };

typedef struct {
  char *from; /* first byte not yet faulted in */
  char *to;   /* end of the range */
} Request;

/* The ranges asked for, in the order the helper takes them: first come,
 * first served, except that memory needed soon (the next tokens) goes
 * before memory needed later (the arena's next block). */
static struct {
  pthread_mutex_t lock;  /* guards the fields below */
  pthread_cond_t wake;   /* signalled on a new request and on stop */
  Request reqs[MAX_REQUESTS]; /* pending ranges, the next one first */
  int n;                 /* pending count */
  bool stopping;         /* prefault_stop was called */
  bool running;          /* the thread exists (set and read by the main thread) */
  pthread_t thread;      /* the helper */
} pf = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

/* Takes the next step of the first request, or NULL when stopping. */
static char *next_step(char **end) {
  pthread_mutex_lock(&pf.lock);
  while (pf.n == 0 && !pf.stopping)
    pthread_cond_wait(&pf.wake, &pf.lock);
  char *from = NULL;
  if (!pf.stopping) {
    Request *r = &pf.reqs[0];
    from = r->from;
    *end = r->to - from > STEP ? from + STEP : r->to;
    r->from = *end;
    if (r->from == r->to)
      memmove(pf.reqs, pf.reqs + 1, --pf.n * sizeof(Request));
  }
  pthread_mutex_unlock(&pf.lock);
  return from;
}

static void *helper(void *unused) {
  (void)unused;
  char *end;
  for (char *from; (from = next_step(&end));)
    madvise(from, (size_t)(end - from), MADV_POPULATE_WRITE);
  return NULL;
}

/* Whether this kernel faults pages in on request: a zero-length call
 * checks the advice without touching anything. */
static bool populate_supported(void) {
#ifdef MADV_POPULATE_WRITE
  static char probe[1];
  uintptr_t page = (uintptr_t)probe & ~(uintptr_t)(sysconf(_SC_PAGESIZE) - 1);
  return madvise((void *)page, 0, MADV_POPULATE_WRITE) == 0;
#else
  return false;
#endif
}

bool prefault_start(void) {
  const char *env = getenv("ZENA_PREFAULT");
  if (pf.running || (env && strcmp(env, "0") == 0))
    return pf.running;
  if (sysconf(_SC_NPROCESSORS_ONLN) < 2 || !populate_supported())
    return false;
  pf.stopping = false;
  pf.running = pthread_create(&pf.thread, NULL, helper, NULL) == 0;
  return pf.running;
}

void prefault_stop(void) {
  if (!pf.running)
    return;
  pthread_mutex_lock(&pf.lock);
  pf.stopping = true;
  pf.n = 0;
  pthread_cond_signal(&pf.wake);
  pthread_mutex_unlock(&pf.lock);
  pthread_join(pf.thread, NULL);
  pf.running = false;
}

bool prefault_running(void) { return pf.running; }

void prefault(void *p, size_t size, bool soon) {
  if (!pf.running || size == 0)
    return;
  /* whole pages only: madvise wants an aligned start */
  uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
  uintptr_t from = ((uintptr_t)p + page - 1) & ~(page - 1);
  uintptr_t to = ((uintptr_t)p + size) & ~(page - 1);
  if (to <= from)
    return;
  pthread_mutex_lock(&pf.lock);
  if (pf.n < MAX_REQUESTS) { /* a full queue drops the request: it is a hint */
    int at = soon ? 0 : pf.n;
    memmove(pf.reqs + at + 1, pf.reqs + at, (size_t)(pf.n++ - at) * sizeof(Request));
    pf.reqs[at] = (Request){(char *)from, (char *)to};
  }
  pthread_cond_signal(&pf.wake);
  pthread_mutex_unlock(&pf.lock);
}
