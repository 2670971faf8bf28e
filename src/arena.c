/*
 * arena.c - bump allocation for everything a compilation creates.
 *
 * The AST, tokens and strings all live until the compilation ends, so they
 * are carved out of large blocks and released together by arena_free().
 */
#define _DEFAULT_SOURCE /* madvise */
#include "textbuf.h"
#include "zena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Under AddressSanitizer (gcc says so with __SANITIZE_ADDRESS__, clang with
 * __has_feature), mapped vectors are shown to LeakSanitizer (vec_alloc). */
#if defined(__SANITIZE_ADDRESS__)
#define WITH_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WITH_LSAN 1
#endif
#endif
#ifdef WITH_LSAN
#include <sanitizer/lsan_interface.h>
#endif

/* Blocks are asked for at sizes that double up to a limit, so that a large
 * program needs few of them; each is mapped whole huge pages (vec_alloc),
 * of which a small program touches one or two. */
enum { FIRST_BLOCK = 256 * 1024, MAX_BLOCK = 16 * 1024 * 1024, HUGE_PAGE = 2 * 1024 * 1024 };

typedef struct Block Block;
/* Objects are handed out from the bottom of a block up, suitably aligned;
 * text from the top down, unaligned, so that a short name takes its length
 * and not a 16-byte slot (a big program has millions of them). */
struct Block {
  Block *next;  /* previously filled block */
  size_t used;  /* data[0, used) holds objects */
  size_t top;   /* data[top, size) holds text */
  size_t size;  /* capacity of data */
  size_t asked; /* data[0, asked) was handed to the prefault thread */
  size_t ask_at; /* when `used` passes this, ask it for more (SIZE_MAX: never) */
  char *data;    /* the memory itself, suitably aligned; apart from this
                    header, which would fault its first page in at once */
};

struct Arena {
  Block *head; /* block currently being filled */
  TextBuf scratch; /* where arena_printf formats (an arena per thread) */
  size_t next_size; /* capacity of the next regular block */
  bool ahead;   /* the prefault thread faults blocks in ahead of use */
  Block *spare; /* the next block, made early for the prefault thread, or NULL */
};

/* The prefault thread is asked for memory AHEAD bytes past the objects,
 * STEP bytes at a time: far enough to keep ahead of the compiler, near
 * enough that little is faulted in for nothing at the end. */
enum { AHEAD = 4 * 1024 * 1024, STEP = 1024 * 1024 };

/* Fresh zeroed memory of `size` bytes (a multiple of HUGE_PAGE), aligned
 * to HUGE_PAGE so that every page of it can be huge, with transparent huge
 * pages asked for (where the system offers them on request, one fault
 * then maps 2 MB).  NULL if the system refuses. */
static void *huge_map(size_t size) {
  char *p = mmap(NULL, size + HUGE_PAGE, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    return NULL;
  uintptr_t at = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
  size_t head = at - (uintptr_t)p;
  if (head)
    munmap(p, head);
  munmap((char *)at + size, HUGE_PAGE - head);
#ifdef MADV_HUGEPAGE
  madvise((void *)at, size, MADV_HUGEPAGE);
#endif
  return (void *)at;
}

/* ---- big vectors ----
 * A vector of BIG_VECTOR bytes or more gets whole huge pages of its own
 * (huge_map): malloc would map it 4 KB-aligned, and its first and last
 * 2 MB (all of a vector under 4 MB) would be faulted in 4 KB at a time, at
 * ~16 us a fault on the development VM: 40 times the cost per byte of a
 * huge page.  Its size is rounded up to whole huge pages, so the size
 * given back to vec_free may be anything that rounds up the same. */
enum { BIG_VECTOR = 256 * 1024 };

static size_t whole_huge_pages(size_t size) {
  return (size + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1);
}

static void *vec_alloc(size_t *size, bool zeroed) {
  void *p;
  if (*size >= BIG_VECTOR) {
    *size = whole_huge_pages(*size);
    p = huge_map(*size); /* fresh pages are zero */
#ifdef WITH_LSAN
    if (p) /* pointers kept in it keep what they point to alive */
      __lsan_register_root_region(p, *size);
#endif
  } else {
    p = zeroed ? calloc(1, *size) : malloc(*size);
  }
  if (!p) {
    fputs("zena2wat: out of memory\n", stderr);
    exit(2);
  }
  return p;
}

void *vec_new(size_t size) { return vec_alloc(&size, true); }

void vec_free(void *p, size_t size) {
  if (p && size >= BIG_VECTOR) {
#ifdef WITH_LSAN
    __lsan_unregister_root_region(p, whole_huge_pages(size));
#endif
    munmap(p, whole_huge_pages(size));
  } else
    free(p);
}

/* A block's memory is a vector (vec_new): fresh zeroed pages, untouched
 * until used or faulted in by the prefault thread, so an oversized block
 * costs nothing until it is written; from BIG_VECTOR up, in huge pages. */
static Block *block_new(size_t size, Block *next) {
  Block *b = xcalloc(1, sizeof(Block));
  b->data = vec_alloc(&size, true);
  b->next = next;
  b->used = 0;
  b->top = size;
  b->size = size;
  b->asked = 0;
  b->ask_at = SIZE_MAX;
  return b;
}

Arena *arena_new(void) {
  Arena *a = xcalloc(1, sizeof(Arena)); /* not ahead, no spare */
  a->head = block_new(FIRST_BLOCK, NULL);
  a->next_size = 2 * FIRST_BLOCK;
  return a;
}

/* A regular block of the next size (they double up to MAX_BLOCK). */
static Block *next_block(Arena *arena) {
  Block *b = block_new(arena->next_size, NULL);
  if (arena->next_size < MAX_BLOCK)
    arena->next_size *= 2;
  return b;
}

/* Asks the prefault thread for data[asked, upto) of b. */
static void ask(Block *b, size_t upto) {
  if (upto > b->size)
    upto = b->size;
  if (upto > b->asked) {
    prefault(b->data + b->asked, upto - b->asked, false);
    b->asked = upto;
  }
}

/* Keeps the prefault thread AHEAD bytes ahead of the objects in b: the
 * rest of b, then the start of the next block, made for the purpose.
 * Not inlined: in arena_alloc it made every call save six registers. */
static __attribute__((noinline)) void ask_ahead(Arena *arena, Block *b) {
  size_t want = b->used + AHEAD;
  if (want > b->top) {
    if (!arena->spare)
      arena->spare = next_block(arena);
    ask(arena->spare, want - b->top);
  }
  ask(b, want);
  b->ask_at = b->used + STEP;
}

/* Makes b the block being filled; the prefault thread, if it runs, is
 * asked for its top eighth at once (text grows down from there) and for
 * the objects' part as they grow. */
static Block *start_block(Arena *arena, Block *b) {
  b->next = arena->head;
  if (arena->ahead) {
    prefault(b->data + b->size - b->size / 8, b->size / 8, false);
    b->ask_at = 0;
  }
  return arena->head = b;
}

/* From now on the prefault thread faults in the arena's memory ahead of
 * the compiler (prefault.c). */
void arena_prefault(Arena *arena) {
  if (prefault_running()) {
    arena->ahead = true;
    arena->head->ask_at = 0;
  }
}

static void block_free(Block *b) {
  if (!b)
    return;
  vec_free(b->data, b->size);
  free(b);
}

void arena_free(Arena *arena) {
  if (!arena)
    return;
  block_free(arena->spare);
  tb_free(&arena->scratch);
  for (Block *b = arena->head, *next; b; b = next) {
    next = b->next;
    block_free(b);
  }
  free(arena);
}

void arena_adopt(Arena *arena, Arena *other) {
  Block *last = other->head;
  while (last->next)
    last = last->next;
  last->next = arena->head->next; /* behind arena's current block */
  arena->head->next = other->head;
  if (!arena->spare) /* the prefault thread may have faulted it in */
    arena->spare = other->spare;
  else
    block_free(other->spare);
  tb_free(&other->scratch);
  free(other);
}

/* The current block when it has `size` bytes free, else a new one; NULL
 * for an oversized request (the caller gives it a block of its own). */
static Block *block_with_room(Arena *arena, size_t size) {
  Block *b = arena->head;
  if (b->top - b->used >= size)
    return b;
  if (size > FIRST_BLOCK / 4)
    return NULL;
  b = arena->spare ? arena->spare : next_block(arena);
  arena->spare = NULL;
  return start_block(arena, b);
}

/* Zero-filled without a memset: the memory has never been handed out, and
 * blocks are fresh zeroed memory, never reused. */
void *arena_alloc(Arena *arena, size_t size) {
  /* What the compiler keeps in arenas holds pointers, integers and
   * doubles, none aligned to more than 8: max_align_t's 16 made a 40-byte
   * node take 48 (and its size, 32, made a 48-byte one take 64). */
  size_t align = _Alignof(void *) > _Alignof(double) ? _Alignof(void *) : _Alignof(double);
  size = (size + align - 1) / align * align;
  Block *b = block_with_room(arena, size);
  if (!b) { /* a block of its own, behind the current one */
    Block *big = block_new(size, arena->head->next);
    arena->head->next = big;
    return big->data;
  }
  void *p = b->data + b->used;
  b->used += size;
  if (b->used > b->ask_at)
    ask_ahead(arena, b);
  return p;
}

char *arena_strndup(Arena *arena, const char *s, size_t len) {
  Block *b = block_with_room(arena, len + 1);
  char *p;
  if (b) {
    b->top -= len + 1;
    p = b->data + b->top;
  } else {
    p = arena_alloc(arena, len + 1);
  }
  memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

char *arena_strdup(Arena *arena, const char *s) {
  return arena_strndup(arena, s, strlen(s));
}

/* Formats with tb_printf (much faster than vsnprintf) into a buffer kept
 * for the purpose, then copies the text into the arena. */
char *arena_printf(Arena *arena, const char *fmt, ...) {
  TextBuf *scratch = &arena->scratch;
  scratch->len = 0;
  va_list ap;
  va_start(ap, fmt);
  tb_vprintf(scratch, fmt, ap);
  va_end(ap);
  return arena_strndup(arena, tb_cstr(scratch), scratch->len);
}

/* Room for item n of an array of n items of `size` bytes: the capacity is
 * implied (4, then the next power of two), so appending n items copies
 * O(n) bytes in all. */
void *arena_grow(Arena *arena, void *items, int n, size_t size) {
  if (n > 0 && (n < 4 || (n & (n - 1)) != 0))
    return items;
  int cap = n < 4 ? 4 : 2 * n;
  void *grown = arena_alloc(arena, (size_t)cap * size);
  if (n)
    memcpy(grown, items, (size_t)n * size);
  return grown;
}

void *xrealloc(void *p, size_t size) {
  p = realloc(p, size);
  if (!p) {
    fputs("zena2wat: out of memory\n", stderr);
    exit(2);
  }
  return p;
}

/* A page costs a fault and a clearing the first time it is written, and
 * memory given back to the system comes back fresh.  So a big vector done
 * with early (the token vector, once its module is parsed) is kept, and
 * the next big request (the next module's tokens, the emitter's code
 * buffer) takes it, with its pages already in.  Small requests never take
 * it. */
enum { BIG_REQUEST = 1024 * 1024 };
static void *kept;       /* the vector kept, or NULL */
static size_t kept_size; /* its size in bytes */

void vec_keep(void *p, size_t size) {
  if (size <= kept_size) {
    vec_free(p, size);
    return;
  }
  vec_free(kept, kept_size);
  kept = p;
  kept_size = size;
}

void *vec_take(size_t *size) {
  if (!kept || *size < BIG_REQUEST || *size > kept_size)
    return vec_alloc(size, false);
  void *p = kept;
  *size = kept_size;
  kept = NULL;
  kept_size = 0;
  return p;
}

void *xcalloc(size_t count, size_t size) {
  void *p = calloc(count ? count : 1, size);
  if (!p) {
    fputs("zena2wat: out of memory\n", stderr);
    exit(2);
  }
  return p;
}

void strbuf_init(StrBuf *sb, Arena *arena) {
  sb->arena = arena;
  sb->cap = 16;
  sb->len = 0;
  sb->data = arena_alloc(arena, sb->cap);
}

void strbuf_reserve(StrBuf *sb, size_t more) {
  if (sb->len + more + 1 > sb->cap) {
    size_t cap = sb->cap * 2;
    while (sb->len + more + 1 > cap)
      cap *= 2;
    char *data = arena_alloc(sb->arena, cap);
    memcpy(data, sb->data, sb->len);
    sb->data = data;
    sb->cap = cap;
  }
}

void strbuf_put(StrBuf *sb, const char *s, size_t len) {
  strbuf_reserve(sb, len);
  memcpy(sb->data + sb->len, s, len);
  sb->len += len;
  sb->data[sb->len] = '\0';
}

void strbuf_putc(StrBuf *sb, char c) { strbuf_put(sb, &c, 1); }
