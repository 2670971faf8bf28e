/*
 * diag.c - reading sources and reporting diagnostics.
 *
 * Every message has the form `file:line:col: error: message`, followed by
 * the offending source line and a caret under the column, so a person can
 * see the problem without opening the file.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include "zena.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* From this size on a regular file is mapped rather than read. */
enum { MAP_SOURCE = 64 * 1024 };

/* The file's text, mapped, or NULL.  Its pages come from the page cache,
 * neither copied nor cleared (reading a 2 MB source cost some 400 faults
 * on fresh pages and the copy).  The page after it, anonymous and zero,
 * ends the text with a NUL even when the file fills its last page.
 * Private and writable, like the buffer it replaces; never unmapped (the
 * text lives as long as the compilation).  Mapped in at once
 * (MAP_POPULATE): one call instead of a fault for each page. */
static char *map_source(FILE *f, size_t size) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  size_t span = (size + 1 + page - 1) / page * page;
  char *p = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    return NULL;
  if (mmap(p, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED | MAP_POPULATE,
           fileno(f), 0) ==
      MAP_FAILED) {
    munmap(p, span);
    return NULL;
  }
  return p;
}

bool source_read(Source *src, Arena *arena, const char *path) {
  bool is_stdin = strcmp(path, "-") == 0;
  FILE *f = is_stdin ? stdin : fopen(path, "rb");
  if (!f)
    return false;
  *src = (Source){.path = is_stdin ? "<stdin>" : arena_strdup(arena, path)};
  StrBuf sb;
  strbuf_init(&sb, arena);
  /* A regular file's size is known: room for all of it at once, where a
   * growing buffer would copy the text again and again. */
  struct stat st;
  if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) {
    size_t size = (size_t)st.st_size;
    if (size > SOURCE_MAX) {
      if (!is_stdin)
        fclose(f);
      errno = EFBIG;
      return false;
    }
    if (size >= MAP_SOURCE && (src->text = map_source(f, size))) {
      src->len = size;
      if (!is_stdin)
        fclose(f);
      return true;
    }
    strbuf_reserve(&sb, size + 1); /* + 1: room to see the end */
  }
  for (;;) { /* straight into the buffer, not through one of our own */
    if (sb.len > SOURCE_MAX)
      break; /* refused below */
    if (sb.len + 1 == sb.cap)
      strbuf_reserve(&sb, 8192);
    size_t n = fread(sb.data + sb.len, 1, sb.cap - sb.len - 1, f);
    if (n == 0)
      break;
    sb.len += n;
  }
  sb.data[sb.len] = '\0';
  bool ok = !ferror(f) && sb.len <= SOURCE_MAX;
  int saved = sb.len > SOURCE_MAX ? EFBIG : errno;
  if (!is_stdin)
    fclose(f);
  errno = saved;
  src->text = sb.data;
  src->len = sb.len;
  return ok;
}

void source_from_string(Source *src, Arena *arena, const char *path,
                        const char *text) {
  *src = (Source){.path = path, .len = strlen(text)};
  src->text = arena_strndup(arena, text, src->len);
}

void diag_init(Diag *diag, const Source *src, FILE *out) {
  diag->src = src;
  diag->files = NULL;
  diag->nfiles = 1;
  diag->out = out;
  diag->errors = 0;
  diag->warnings = 0;
  diag->max_errors = 20;
  diag->nseen = 0;
}

void diag_add_file(Diag *diag, Source *src) {
  const Source **grown = realloc(diag->files, (diag->nfiles + 1) * sizeof(Source *));
  if (!grown) {
    fputs("zena2wat: out of memory\n", stderr);
    exit(2);
  }
  diag->files = grown;
  src->index = diag->nfiles;
  grown[diag->nfiles++] = src;
}

void diag_free(Diag *diag) {
  free(diag->files);
  diag->files = NULL;
}

const Source *diag_file(const Diag *diag, int index) {
  return index > 0 && index < diag->nfiles ? diag->files[index] : diag->src;
}

void source_note_line(Source *src, Arena *arena, unsigned offset) {
  if (src->nlines == src->caplines) {
    src->caplines = src->caplines ? 2 * src->caplines : 1024;
    unsigned *grown = arena_alloc(arena, (size_t)src->caplines * sizeof(unsigned));
    if (src->nlines)
      memcpy(grown, src->lines, (size_t)src->nlines * sizeof(unsigned));
    src->lines = grown;
  }
  src->lines[src->nlines++] = offset;
}

/* The line offset is on, by the lines noted (lines[0] is line 1's start,
 * 0): a step or two from line `near` when that starts at or a little
 * before offset, else a binary search. */
static int noted_line(const Source *src, unsigned offset, int near) {
  if (near >= 1 && near <= src->nlines && src->lines[near - 1] <= offset)
    for (int steps = 0; steps < 8; steps++, near++)
      if (near == src->nlines || src->lines[near] > offset)
        return near;
  int lo = 0, hi = src->nlines; /* the first line starting past offset is in [lo, hi] */
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (src->lines[mid] <= offset)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo; /* lines[lo - 1] <= offset: line lo */
}

int source_line_near(const Source *src, unsigned offset, int near) {
  return src->nlines ? noted_line(src, offset, near) : source_position(src, offset).line;
}

LineCol source_position(const Source *src, unsigned offset) {
  unsigned line_start_at = 0;
  int line = 1;
  if (src->nlines) {
    line = noted_line(src, offset, 0);
    line_start_at = src->lines[line - 1];
  } else {
    for (unsigned i = 0; i < offset && i < src->len; i++)
      if (src->text[i] == '\n') {
        line++;
        line_start_at = i + 1;
      }
  }
  return (LineCol){line, (int)(offset - line_start_at) + 1};
}

LineCol loc_start(const Diag *diag, Loc loc) {
  return source_position(diag_file(diag, loc.file), loc.start);
}

LineCol loc_end(const Diag *diag, Loc loc) {
  return source_position(diag_file(diag, loc.file), loc.end);
}

/* Prints the source line at `offset` and a caret under it. */
static void show_line(const Diag *diag, const Source *src, unsigned offset) {
  LineCol at = source_position(src, offset);
  int col = at.column;
  const char *end = src->text + src->len;
  const char *p = src->text + (offset - (unsigned)(col - 1)); /* the line's start */
  const char *eol = p;
  while (eol < end && *eol != '\n' && *eol != '\r')
    eol++;
  if (p >= end && at.line > 1 && col <= 1)
    return; /* position at end of input: no line to show */
  /* Written in runs, not a byte at a time: stderr is unbuffered, and a
   * call per byte took seconds on a 1 MB line (found by fuzzing). */
  fputs("  ", diag->out);
  for (const char *q = p; q < eol;) {
    const char *nul = memchr(q, '\0', (size_t)(eol - q));
    const char *stop = nul ? nul : eol;
    fwrite(q, 1, (size_t)(stop - q), diag->out);
    if (nul)
      fputc(' ', diag->out); /* a NUL shows as a space */
    q = nul ? nul + 1 : eol;
  }
  fputs("\n  ", diag->out);
  char pad[256];
  size_t k = 0;
  for (int i = 1; i < col && p + i - 1 < eol; i++) {
    pad[k++] = p[i - 1] == '\t' ? '\t' : ' ';
    if (k == sizeof pad) {
      fwrite(pad, 1, k, diag->out);
      k = 0;
    }
  }
  fwrite(pad, 1, k, diag->out);
  fputs("^\n", diag->out);
}

static void report(Diag *diag, Loc loc, const char *kind, const char *fmt,
                   va_list ap) {
  if (!diag->out)
    return; /* a quiet Diag only counts */
  const Source *src = diag_file(diag, loc.file);
  LineCol at = source_position(src, loc.start);
  fprintf(diag->out, "%s:%d:%d: %s: ", src->path, at.line, at.column, kind);
  vfprintf(diag->out, fmt, ap);
  fputc('\n', diag->out);
  show_line(diag, src, loc.start);
}

/* Has the same error been reported at the same place?  Generic code is
 * checked once per instance, and an interface reached twice (a diamond)
 * is checked twice; each mistake is still reported once. */
static bool seen_before(Diag *diag, Loc loc, const char *fmt, va_list ap) {
  char text[512];
  vsnprintf(text, sizeof text, fmt, ap);
  unsigned long h = 5381;
  h = h * 33 + (unsigned)loc.file;
  h = h * 33 + loc.start;
  for (const char *p = text; *p; p++)
    h = h * 33 + (unsigned char)*p;
  int n = diag->nseen < 64 ? diag->nseen : 64;
  for (int i = 0; i < n; i++)
    if (diag->seen[i] == h)
      return true;
  diag->seen[diag->nseen++ % 64] = h;
  return false;
}

void diag_error(Diag *diag, Loc loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  bool repeat = seen_before(diag, loc, fmt, ap);
  va_end(ap);
  if (repeat || ++diag->errors > diag->max_errors)
    return;
  va_start(ap, fmt);
  report(diag, loc, "error", fmt, ap);
  va_end(ap);
}

void diag_warning(Diag *diag, Loc loc, const char *fmt, ...) {
  diag->warnings++;
  va_list ap;
  va_start(ap, fmt);
  report(diag, loc, "warning", fmt, ap);
  va_end(ap);
}
