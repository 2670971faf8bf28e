/*
 * textbuf.c - a growing text buffer and the printf that writes into it.
 *
 * tb_printf does the work of vfprintf for the conversions the compiler
 * uses (and the rest of printf's integer, string and character ones), in a
 * fraction of the instructions: %s and %d, nearly all of them, are an
 * append and a short digit loop.  Floating-point conversions and %p are
 * handed to snprintf, one conversion at a time: their rules (rounding,
 * shortest forms) are not worth repeating here.
 */
#define _GNU_SOURCE /* strchrnul */
#include "textbuf.h"
#include "zena.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reallocates for `more` bytes after the text (and a NUL, for snprintf). */
void tb_grow(TextBuf *tb, size_t more) {
  size_t cap = tb->cap ? 2 * tb->cap : 4096;
  if (tb->len + more + 1 > cap) /* tb_reserve's size exactly: see vec_take */
    cap = tb->len + more + 1;
  char *data = vec_take(&cap);
  if (tb->len)
    memcpy(data, tb->data, tb->len);
  vec_free(tb->data, tb->cap);
  tb->data = data;
  tb->cap = cap;
}

/* Makes room for `more` bytes after the text (and a NUL, for snprintf). */
static inline void reserve(TextBuf *tb, size_t more) {
  if (tb->len + more + 1 > tb->cap)
    tb_grow(tb, more);
}

void tb_reserve(TextBuf *tb, size_t more) { reserve(tb, more); }

char *tb_cstr(TextBuf *tb) {
  reserve(tb, 0);
  tb->data[tb->len] = '\0';
  return tb->data;
}

void tb_free(TextBuf *tb) {
  vec_free(tb->data, tb->cap);
  *tb = (TextBuf){NULL, 0, 0};
}

void tb_repeat(TextBuf *tb, char c, int n) {
  if (n <= 0)
    return;
  reserve(tb, (size_t)n);
  memset(tb->data + tb->len, c, (size_t)n);
  tb->len += (size_t)n;
}

/* One conversion specification: %[flags][width][.precision][length]conv. */
typedef struct {
  bool left;  /* '-': pad on the right */
  bool zero;  /* '0': pad numbers with zeros after the sign */
  char sign;  /* '+' or ' ' before a non-negative number, or 0 */
  bool alt;   /* '#': 0x before hex, a leading 0 in octal */
  int width;  /* minimum field width */
  int prec;   /* precision, or -1 when not given */
  char size[3]; /* length modifier as written: "", "l", "ll", "z", "hh"... */
  char conv;  /* the conversion letter */
} Spec;

/* Parses the specification after a '%'; returns what follows it.  `*`
 * widths and precisions are taken from the arguments, as printf does. */
static const char *parse_spec(const char *p, Spec *s, va_list *args) {
  *s = (Spec){false, false, 0, false, 0, -1, "", 0};
  for (;; p++) {
    if (*p == '-')
      s->left = true;
    else if (*p == '0')
      s->zero = true;
    else if (*p == '+' || (*p == ' ' && s->sign != '+'))
      s->sign = *p;
    else if (*p == '#')
      s->alt = true;
    else
      break;
  }
  if (*p == '*') {
    s->width = va_arg(*args, int);
    if (s->width < 0) {
      s->left = true;
      s->width = -s->width;
    }
    p++;
  }
  for (; *p >= '0' && *p <= '9'; p++)
    s->width = s->width * 10 + (*p - '0');
  if (*p == '.') {
    p++;
    s->prec = 0;
    if (*p == '*') {
      s->prec = va_arg(*args, int); /* negative: as if not given */
      p++;
    }
    for (; *p >= '0' && *p <= '9'; p++)
      s->prec = s->prec * 10 + (*p - '0');
  }
  int n = 0;
  while (*p && strchr("hlLzjt", *p) && n < 2)
    s->size[n++] = *p++;
  s->conv = *p;
  return *p ? p + 1 : p;
}

/* text of length len, padded to the field width. */
static void put_padded(TextBuf *tb, const Spec *s, const char *text, size_t len) {
  int pad = s->width > (int)len ? s->width - (int)len : 0;
  if (!s->left)
    tb_repeat(tb, ' ', pad);
  tb_put(tb, text, len);
  if (s->left)
    tb_repeat(tb, ' ', pad);
}

/* An integer given as sign and magnitude, in the base of its conversion,
 * with printf's precision (minimum digits), prefixes and padding. */
static void put_integer(TextBuf *tb, const Spec *s, bool negative, uintmax_t mag) {
  char digits[3 * sizeof mag + 1];
  const char *hex = s->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  unsigned base = s->conv == 'x' || s->conv == 'X' ? 16 : s->conv == 'o' ? 8 : 10;
  int n = 0;
  for (uintmax_t m = mag; m; m /= base)
    digits[sizeof digits - ++n] = hex[m % base];
  char prefix[3] = "";
  int nprefix = 0;
  if (negative || s->sign)
    prefix[nprefix++] = negative ? '-' : s->sign;
  if (s->alt && base == 16 && mag) {
    prefix[nprefix++] = '0';
    prefix[nprefix++] = s->conv;
  }
  int zeros = s->prec > n ? s->prec - n : 0;
  if (s->prec < 0 && n == 0)
    zeros = 1; /* zero itself; an explicit precision of 0 prints nothing */
  if (s->alt && base == 8 && zeros == 0)
    zeros = 1;
  int len = nprefix + zeros + n;
  int pad = s->width > len ? s->width - len : 0;
  if (s->zero && s->prec < 0 && !s->left) {
    zeros += pad;
    pad = 0;
  }
  if (!s->left)
    tb_repeat(tb, ' ', pad);
  tb_put(tb, prefix, (size_t)nprefix);
  tb_repeat(tb, '0', zeros);
  tb_put(tb, digits + sizeof digits - n, (size_t)n);
  if (s->left)
    tb_repeat(tb, ' ', pad);
}

/* The magnitude of a signed argument of the spec's size; *negative tells
 * its sign. */
static uintmax_t signed_arg(const Spec *s, va_list *args, bool *negative) {
  intmax_t v;
  switch (s->size[0]) {
  case 'h':
    v = s->size[1] == 'h' ? (signed char)va_arg(*args, int) : (short)va_arg(*args, int);
    break;
  case 'l':
    v = s->size[1] == 'l' ? va_arg(*args, long long) : va_arg(*args, long);
    break;
  case 'j': v = va_arg(*args, intmax_t); break;
  case 'z': case 't': v = va_arg(*args, ptrdiff_t); break;
  default: v = va_arg(*args, int); break;
  }
  *negative = v < 0;
  return v < 0 ? -(uintmax_t)v : (uintmax_t)v;
}

static uintmax_t unsigned_arg(const Spec *s, va_list *args) {
  switch (s->size[0]) {
  case 'h':
    return s->size[1] == 'h' ? (unsigned char)va_arg(*args, unsigned)
                             : (unsigned short)va_arg(*args, unsigned);
  case 'l':
    return s->size[1] == 'l' ? va_arg(*args, unsigned long long)
                             : va_arg(*args, unsigned long);
  case 'j': return va_arg(*args, uintmax_t);
  case 'z': case 't': return va_arg(*args, size_t);
  default: return va_arg(*args, unsigned);
  }
}

/* Floating point and %p: snprintf formats the one conversion, rebuilt
 * from the parsed spec (with a `*` width or precision as its number). */
static void put_by_snprintf(TextBuf *tb, const Spec *s, va_list *args) {
  char fmt[64];
  int n = snprintf(fmt, sizeof fmt, "%%%s%s%s%s%d", s->left ? "-" : "",
                   s->zero ? "0" : "", s->sign == '+' ? "+" : s->sign == ' ' ? " " : "",
                   s->alt ? "#" : "", s->width);
  if (s->prec >= 0)
    n += snprintf(fmt + n, sizeof fmt - (size_t)n, ".%d", s->prec);
  snprintf(fmt + n, sizeof fmt - (size_t)n, "%s%c", s->size, s->conv);
  bool is_long = s->size[0] == 'L';
  void *ptr = s->conv == 'p' ? va_arg(*args, void *) : NULL;
  long double ld = is_long ? va_arg(*args, long double) : 0;
  double d = s->conv != 'p' && !is_long ? va_arg(*args, double) : 0;
  for (size_t room = 64;; room *= 2) { /* until the text fits */
    reserve(tb, room);
    char *at = tb->data + tb->len;
    int len = s->conv == 'p' ? snprintf(at, room, fmt, ptr)
            : is_long        ? snprintf(at, room, fmt, ld)
                             : snprintf(at, room, fmt, d);
    if (len >= 0 && (size_t)len < room) {
      tb->len += (size_t)len;
      return;
    }
  }
}

/* One conversion, its spec parsed. */
static void put_conversion(TextBuf *tb, const Spec *s, va_list *args) {
  switch (s->conv) {
  case 'd': case 'i': {
    bool negative;
    uintmax_t mag = signed_arg(s, args, &negative);
    put_integer(tb, s, negative, mag);
    return;
  }
  case 'u': case 'x': case 'X': case 'o':
    put_integer(tb, s, false, unsigned_arg(s, args));
    return;
  case 's': {
    const char *str = va_arg(*args, const char *);
    if (!str)
      str = "(null)";
    put_padded(tb, s, str, s->prec >= 0 ? strnlen(str, (size_t)s->prec) : strlen(str));
    return;
  }
  case 'c': {
    char c = (char)va_arg(*args, int);
    put_padded(tb, s, &c, 1);
    return;
  }
  case '%':
    tb_putc(tb, '%');
    return;
  case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A':
  case 'p':
    put_by_snprintf(tb, s, args);
    return;
  default: /* %n, or a mistake the format attribute did not catch */
    fprintf(stderr, "zena2wat: tb_printf: unsupported conversion '%%%c'\n", s->conv);
    abort();
  }
}

/* A plain %d, %u, %llu or %zu: the magnitude in decimal after a '-' when
 * negative. */
static void put_decimal(TextBuf *tb, bool negative, unsigned long long m) {
  char digits[21];
  int n = 0;
  for (; m > UINT32_MAX; m /= 10) /* 64-bit divisions only while needed */
    digits[sizeof digits - ++n] = (char)('0' + m % 10);
  unsigned small = (unsigned)m;
  do
    digits[sizeof digits - ++n] = (char)('0' + small % 10);
  while (small /= 10);
  if (negative)
    digits[sizeof digits - ++n] = '-';
  tb_put(tb, digits + sizeof digits - n, (size_t)n);
}

void tb_put_int(TextBuf *tb, int v) {
  put_decimal(tb, v < 0, v < 0 ? -(unsigned)v : (unsigned)v);
}

void tb_put_uint(TextBuf *tb, unsigned long long v) { put_decimal(tb, false, v); }

void tb_vprintf(TextBuf *tb, const char *fmt, va_list ap) {
  va_list args;
  va_copy(args, ap);
  for (const char *p = fmt; *p;) {
    const char *pct = strchrnul(p, '%'); /* the text's end is found once */
    tb_put(tb, p, (size_t)(pct - p));
    if (!*pct)
      break;
    p = pct + 1;
    /* the plain %s and %d nearly every call uses, and the plain unsigned
     * ones numbers are written with, without a Spec */
    if (*p == 's') {
      const char *str = va_arg(args, const char *);
      tb_puts(tb, str ? str : "(null)");
      p++;
    } else if (*p == 'd') {
      tb_put_int(tb, va_arg(args, int));
      p++;
    } else if (*p == 'u') {
      put_decimal(tb, false, va_arg(args, unsigned));
      p++;
    } else if (p[0] == 'l' && p[1] == 'l' && p[2] == 'u') {
      put_decimal(tb, false, va_arg(args, unsigned long long));
      p += 3;
    } else if (p[0] == 'z' && p[1] == 'u') {
      put_decimal(tb, false, va_arg(args, size_t));
      p += 2;
    } else {
      Spec s;
      p = parse_spec(p, &s, &args);
      put_conversion(tb, &s, &args);
    }
  }
  va_end(args);
}

void tb_printf(TextBuf *tb, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  tb_vprintf(tb, fmt, ap);
  va_end(ap);
}
