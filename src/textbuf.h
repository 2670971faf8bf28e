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

typedef struct {
  char *data; /* the text, not NUL-terminated (NULL while empty) */
  size_t len; /* bytes written */
  size_t cap; /* bytes allocated */
} TextBuf;

/* Makes room for `more` bytes at once (it grows by itself otherwise). */
void tb_reserve(TextBuf *tb, size_t more);
void tb_put(TextBuf *tb, const char *s, size_t len);
void tb_puts(TextBuf *tb, const char *s);
void tb_putc(TextBuf *tb, char c);
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
