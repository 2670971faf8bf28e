/*
 * diag.c - reading sources and reporting diagnostics.
 *
 * Every message has the form `file:line:col: error: message`, followed by
 * the offending source line and a caret under the column, so a person can
 * see the problem without opening the file.
 */
#include "zena.h"

#include <errno.h>
#include <string.h>

bool source_read(Source *src, Arena *arena, const char *path) {
  bool is_stdin = strcmp(path, "-") == 0;
  FILE *f = is_stdin ? stdin : fopen(path, "rb");
  if (!f)
    return false;
  StrBuf sb;
  strbuf_init(&sb, arena);
  char buf[8192];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0)
    strbuf_put(&sb, buf, n);
  bool ok = !ferror(f);
  int saved = errno;
  if (!is_stdin)
    fclose(f);
  errno = saved;
  src->path = is_stdin ? "<stdin>" : arena_strdup(arena, path);
  src->text = sb.data;
  src->len = sb.len;
  return ok;
}

void source_from_string(Source *src, Arena *arena, const char *path,
                        const char *text) {
  src->path = path;
  src->len = strlen(text);
  src->text = arena_strndup(arena, text, src->len);
}

void diag_init(Diag *diag, const Source *src, FILE *out) {
  diag->src = src;
  diag->out = out;
  diag->errors = 0;
  diag->warnings = 0;
  diag->max_errors = 20;
}

/* Prints source line `line` and a caret under `col` (both 1-based). */
static void show_line(const Diag *diag, int line, int col) {
  const char *p = diag->src->text, *end = p + diag->src->len;
  for (int l = 1; l < line && p < end; p++)
    if (*p == '\n')
      l++;
  const char *eol = p;
  while (eol < end && *eol != '\n' && *eol != '\r')
    eol++;
  if (p >= end && line > 1 && col <= 1)
    return; /* position at end of input: no line to show */
  fputs("  ", diag->out);
  for (const char *q = p; q < eol; q++)
    fputc(*q == '\0' ? ' ' : *q, diag->out);
  fputs("\n  ", diag->out);
  for (int i = 1; i < col && p + i - 1 < eol; i++)
    fputc(p[i - 1] == '\t' ? '\t' : ' ', diag->out);
  fputs("^\n", diag->out);
}

static void report(Diag *diag, Loc loc, const char *kind, const char *fmt,
                   va_list ap) {
  fprintf(diag->out, "%s:%d:%d: %s: ", diag->src->path, loc.first_line,
          loc.first_column, kind);
  vfprintf(diag->out, fmt, ap);
  fputc('\n', diag->out);
  show_line(diag, loc.first_line, loc.first_column);
}

void diag_error(Diag *diag, Loc loc, const char *fmt, ...) {
  if (++diag->errors > diag->max_errors)
    return;
  va_list ap;
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
