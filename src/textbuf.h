/*
 * textbuf.h - a growing text buffer with a printf of its own.
 *
 * The emitter writes megabytes of WAT in small pieces; going through stdio
 * (vfprintf, then the FILE's buffer) cost more than everything else the
 * compiler does.  A TextBuf is one heap buffer that only ever grows, and
 * tb_printf formats straight into it.
 */
#ifndef TEXTBUF_H
#define TEXTBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

typedef struct {
  char *data; /* the text, not NUL-terminated (NULL while empty) */
  size_t len; /* bytes written */
  size_t cap; /* bytes allocated */
} TextBuf;

/* Makes room for `more` bytes at once (it grows by itself otherwise). */
void tb_reserve(TextBuf *tb, size_t more);
void tb_grow(TextBuf *tb, size_t more); /* tb_reserve when there is no room */

/* The small writes are inline: most are of string literals, whose length
 * and copy the compiler then works out where they are written. */
static inline void tb_put(TextBuf *tb, const char *s, size_t len) {
  if (len == 0)
    return; /* s may be the data of an empty TextBuf: NULL, which memcpy must not get */
  if (tb->len + len + 1 > tb->cap) /* room for a NUL too (tb_cstr, snprintf) */
    tb_grow(tb, len);
  memcpy(tb->data + tb->len, s, len);
  tb->len += len;
}

static inline void tb_puts(TextBuf *tb, const char *s) { tb_put(tb, s, strlen(s)); }

static inline void tb_putc(TextBuf *tb, char c) {
  if (tb->len + 2 > tb->cap)
    tb_grow(tb, 1);
  tb->data[tb->len++] = c;
}

void tb_repeat(TextBuf *tb, char c, int n); /* n copies of c (none if n <= 0) */
void tb_put_int(TextBuf *tb, int v);        /* v in decimal, as %d */
void tb_put_uint(TextBuf *tb, unsigned long long v); /* as %llu */
/* printf's conversions, flags, widths and precisions; %n is not supported. */
void tb_printf(TextBuf *tb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tb_vprintf(TextBuf *tb, const char *fmt, va_list ap);
/* The text NUL-terminated (the terminator is not part of len). */
char *tb_cstr(TextBuf *tb);
void tb_free(TextBuf *tb);

#endif
